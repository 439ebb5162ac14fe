"""Write the rows of cleaned records: JSON Lines rows, Parquet rows in batches, and files
that replace their target only when whole."""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

from karabakh_corpus.cleaner.core import Cleaned
from karabakh_corpus.errors import DataFormatError
from karabakh_corpus.export.records import region_record
from karabakh_corpus.stream.formats import pyarrow_module
from karabakh_corpus.stream.model import FIELDS, Record

__all__ = [
    "ParquetSink",
    "cleaned_record",
    "facts_type",
    "output_record",
    "replacing",
    "row_json",
    "unwritable",
]


def cleaned_record(cleaned: Cleaned) -> dict[str, Any]:
    """The result of one text: title, summary, text, the removed spans and the facts.

    ``removed`` lists ``{"start", "end", "category", "rule"}`` for every stripped region,
    with offsets into the text that was cleaned. ``facts`` is the page's facts
    (`karabakh_corpus.facts.Facts.record`): ``date`` and ``updated`` (`datetime.date`, which
    JSON Lines rows write in ISO 8601), ``authors``, ``outlet``, ``dateline``, ``wire``,
    ``title``, the ``inferred`` fields and the ``evidence`` of each value.
    """
    return {
        "title": cleaned.title,
        "summary": cleaned.summary,
        "text": cleaned.text,
        "removed": [region_record(r) for r in cleaned.stripped],
        "facts": cleaned.facts.record(),
    }


def output_record(
    record: Record,
    cleaned: Cleaned,
    *,
    keep: Sequence[str] | None = None,
    drop: Sequence[str] = (),
) -> dict[str, Any]:
    """The output row of one record: the keys of `RESULT_KEYS`, in that order.

    ``id`` and ``source`` say which record it is, ``title``, ``summary``, ``text`` and
    ``removed`` are `cleaned_record`, and ``fields`` holds the input record's own fields
    (`Record.fields`) as they came: only those named in `keep` when it is given, without
    those named in `drop`. The results and the input's fields live apart, so an input field
    named ``text`` or ``id`` is kept as it is, next to the clean text and the id.
    """
    fields = record.fields
    if keep is not None:
        fields = {name: value for name, value in fields.items() if name in keep}
    if drop:
        fields = {name: value for name, value in fields.items() if name not in drop}
    return {"id": record.id, "source": record.source, **cleaned_record(cleaned), FIELDS: fields}


def _json_value(value: object) -> Any:
    """A JSON value for what Parquet columns hold beyond JSON's types."""
    import base64
    import datetime
    import decimal

    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"a value of type {type(value).__name__} has no JSON form")


_SURROGATE = re.compile("[\ud800-\udfff]")


def row_json(row: dict[str, Any]) -> str:
    """An output row as one line of JSON: dates and times in ISO 8601, decimals as strings,
    bytes in base64 (Parquet columns can hold them; JSON cannot). A lone surrogate (half of
    a truncated emoji, which the cleaner keeps as a character) is written as its JSON escape
    (``\\ud83d``), so the line is valid UTF-8 and reads back as the same string."""
    line = json.dumps(row, ensure_ascii=False, default=_json_value)
    if _SURROGATE.search(line) is None:
        return line
    # Outside strings JSON is ASCII, so every surrogate here is inside a string.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def unwritable(row: dict[str, Any]) -> str | None:
    """Why `row` cannot be stored in Parquet, or None: a string holding a lone surrogate,
    which UTF-8 (and so a Parquet string) cannot encode. JSON Lines can (`row_json`)."""
    stack: list[Any] = [row]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found = _SURROGATE.search(value)
            if found is not None:
                return (
                    f"a lone surrogate U+{ord(found.group()):04X} at index {found.start()} of a "
                    "string: Parquet strings are UTF-8; write JSON Lines to keep it"
                )
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
    return None


def facts_type(pa: Any) -> Any:
    """The Arrow type of the ``facts`` of an output row (`cleaned_record`)."""
    evidence = pa.struct(
        [
            ("field", pa.string()),
            ("source", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("path", pa.string()),
            ("text", pa.string()),
        ]
    )
    return pa.struct(
        [
            ("date", pa.date32()),
            ("updated", pa.date32()),
            ("authors", pa.list_(pa.string())),
            ("outlet", pa.string()),
            ("dateline", pa.string()),
            ("wire", pa.string()),
            ("title", pa.string()),
            ("inferred", pa.list_(pa.string())),
            ("evidence", pa.list_(evidence)),
        ]
    )


class ParquetSink:
    """Write output rows (`output_record`) to a Parquet file, one row group per batch.

    Rows are buffered until `batch_rows` rows or `batch_chars` characters of text, then
    written; `close` (or leaving the ``with`` block) writes the rest and the footer. The
    columns are those of `RESULT_KEYS`; ``fields`` is a struct whose members and types are
    those of the first batch's input fields (a member that is null in all of it is a
    string), and is left out when those rows have no fields (plain-text or HTML inputs). A
    later row whose fields do not fit raises `DataFormatError` naming them: one Parquet
    file has one set of columns. The file is created when the sink is; its schema is
    written with the first batch.
    """

    def __init__(self, path: str, *, batch_rows: int = 1000, batch_chars: int = 32_000_000) -> None:
        pa = pyarrow_module("writing Parquet")
        self._pa = pa
        span = pa.struct(
            [
                ("start", pa.int64()),
                ("end", pa.int64()),
                ("category", pa.string()),
                ("rule", pa.string()),
            ]
        )
        self._base = [
            ("id", pa.string()),
            ("source", pa.string()),
            ("title", pa.string()),
            ("summary", pa.string()),
            ("text", pa.string()),
            ("removed", pa.list_(span)),
            ("facts", facts_type(pa)),
        ]
        self.schema: Any = None
        self._path = path
        self._writer: Any = None
        self._rows: list[dict[str, Any]] = []
        self._chars = 0
        self._batch_rows = batch_rows
        self._batch_chars = batch_chars
        self.written = 0
        with open(path, "wb"):  # created now, as the caller expects
            pass

    def write(self, row: dict[str, Any]) -> None:
        """Buffer one row; write the batch when it is full."""
        self._rows.append(row)
        self._chars += len(row["text"] or "")
        if len(self._rows) >= self._batch_rows or self._chars >= self._batch_chars:
            self.flush()

    def _schema_of(self, rows: list[dict[str, Any]]) -> Any:
        pa = self._pa
        columns = list(self._base)
        if any(row.get(FIELDS) for row in rows):
            try:
                inferred = pa.Table.from_pylist([{FIELDS: row[FIELDS]} for row in rows])
            except (pa.ArrowException, TypeError, ValueError) as exc:
                raise DataFormatError(
                    f"the input fields have no common Parquet type: {exc}; write JSON Lines, "
                    "or keep fewer fields (--keep-fields)"
                ) from exc
            struct = inferred.schema.field(FIELDS).type
            members = [
                pa.field(m.name, pa.string() if pa.types.is_null(m.type) else m.type)
                for m in struct
            ]
            columns.append((FIELDS, pa.struct(members)))
        return pa.schema(columns)

    def _check(self, rows: list[dict[str, Any]]) -> None:
        names: set[str] = set()
        if FIELDS in self.schema.names:
            names = {m.name for m in self.schema.field(FIELDS).type}
        for row in rows:
            extra = set(row.get(FIELDS) or ()) - names
            if extra:
                raise DataFormatError(
                    f"record {row['id']} of {row['source']} has fields {sorted(extra)} that "
                    f"the first records did not have (their fields: {sorted(names) or 'none'}); "
                    "a Parquet file has one set of columns: write JSON Lines, or choose the "
                    "fields with --keep-fields"
                )

    def flush(self) -> None:
        """Write the buffered rows as one row group."""
        if not self._rows:
            return
        pa = self._pa
        if self.schema is None:
            self.schema = self._schema_of(self._rows)
            self._writer = pa.parquet.ParquetWriter(
                self._path, self.schema, write_page_checksum=True
            )
        self._check(self._rows)
        try:
            batch = pa.RecordBatch.from_pylist(self._rows, schema=self.schema)
        except (pa.ArrowException, TypeError, ValueError) as exc:
            raise DataFormatError(
                f"the input fields of records after the first {self.written} do not have the "
                f"types of the first ones ({exc}); write JSON Lines, or choose the fields "
                "with --keep-fields"
            ) from exc
        self._writer.write_batch(batch)
        self.written += len(self._rows)
        self._rows = []
        self._chars = 0

    def close(self) -> None:
        """Write the buffered rows and the footer."""
        try:
            self.flush()
        finally:
            if self._writer is None:
                self.schema = self._pa.schema(self._base)
                self._writer = self._pa.parquet.ParquetWriter(
                    self._path, self.schema, write_page_checksum=True
                )
            self._writer.close()

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is not None:  # failing: write no more rows, only what makes the file whole
            self._rows = []
        self.close()


@contextmanager
def replacing(path: str) -> Iterator[str]:
    """A temporary file beside `path` that replaces it when the ``with`` block succeeds.

    Write to the yielded name; on success it is renamed over `path` (atomically on one
    file system, so `path` is either the old file or the whole new one, never a part);
    on any exception, including an interrupt, it is removed and `path` is left as it was.
    A symbolic link at `path` is kept: the file it points to is replaced. The new file
    gets the mode of the file it replaces, or the default one for a new file.
    """
    target = os.path.realpath(path)
    folder, base = os.path.split(target)
    handle, temp = tempfile.mkstemp(prefix=f".{base}.", suffix=".part", dir=folder)
    os.close(handle)
    try:
        yield temp
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            umask = os.umask(0o022)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
