"""Write the rows of cleaned records: JSON Lines rows, Parquet rows in batches, and files
that replace their target only when whole."""

from __future__ import annotations

import errno
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
    "output_record",
    "replacing",
    "row_json",
    "unwritable",
]


def cleaned_record(cleaned: Cleaned) -> dict[str, Any]:
    """The JSON-ready result of one text: title, summary, text (the body) and the stripped
    regions.

    ``stripped`` lists `region_record` (``{"start", "end", "category", "rule", "reason"}``)
    for every stripped region, with offsets into the text that was cleaned.
    ``facts`` is the page's facts (`karabakh_corpus.facts.Facts.record`): ``date`` and
    ``updated`` (`datetime.date`, which JSON Lines rows write in ISO 8601), ``authors``,
    ``outlet``, ``dateline``, ``wire``, ``title``, the ``inferred`` fields and the
    ``evidence`` of each value.
    """
    return {
        "title": cleaned.title,
        "summary": cleaned.summary,
        "text": cleaned.text,
        "stripped": [region_record(r) for r in cleaned.stripped],
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

    ``id`` and ``source`` say which record it is, ``title``, ``summary``, ``text``,
    ``stripped`` and ``facts`` are `cleaned_record`, and ``fields`` holds the
    input record's own fields (`Record.fields`) as they came: only those named in `keep`
    when it is given, without those named in `drop`. The results and the input's fields
    live apart, so an input field named ``text`` or ``id`` is kept as it is, next to the
    clean text and the id.
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
    columns are those of `RESULT_KEYS`; ``fields`` is a struct whose members are those of
    the first batch's input fields, and is left out when those rows have no fields
    (plain-text or HTML inputs). A member's type is its type in `fields_type` when given
    (the struct of the input Parquet files' columns: `karabakh_corpus.stream.read.fields_type`),
    else the type pyarrow gives the first batch's values; a member that is null in all of
    them is a string, and its later values that are not strings are written as their JSON
    text (``5`` as ``"5"``). A later row whose fields do not fit raises `DataFormatError`
    naming them: one Parquet file has one set of columns. The file is created when the
    sink is; its schema is written with the first batch.
    """

    def __init__(
        self,
        path: str,
        *,
        batch_rows: int = 1000,
        batch_chars: int = 32_000_000,
        fields_type: Any = None,
    ) -> None:
        pa = pyarrow_module("writing Parquet")
        self._pa = pa
        region = [("start", pa.int64()), ("end", pa.int64()), ("category", pa.string())]
        self._base = [
            ("id", pa.string()),
            ("source", pa.string()),
            ("title", pa.string()),
            ("summary", pa.string()),
            ("text", pa.string()),
            (
                "stripped",
                pa.list_(pa.struct([*region, ("rule", pa.string()), ("reason", pa.string())])),
            ),
            ("facts", facts_type(pa)),
        ]
        self.schema: Any = None
        self._writer: Any = None
        self._rows: list[dict[str, Any]] = []
        self._chars = 0
        self._batch_rows = batch_rows
        self._batch_chars = batch_chars
        self._known = {m.name: m.type for m in fields_type} if fields_type is not None else {}
        self._as_text: list[str] = []  # members null in the first batch, and of no known type
        self.written = 0
        self._closed = False
        # opened once, now, as the caller expects: a FIFO or a device is opened only once,
        # and written as a stream (it cannot seek)
        if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):
            self._file = pa.PythonFile(_Stream(path), mode="w")
        else:
            self._file = pa.OSFile(path, "wb")

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
            members = []
            for member in inferred.schema.field(FIELDS).type:
                kind = self._known.get(member.name, member.type)
                if pa.types.is_null(kind):
                    kind = pa.string()
                    self._as_text.append(member.name)
                members.append(pa.field(member.name, kind))
            columns.append((FIELDS, pa.struct(members)))
        return pa.schema(columns)

    def _texts(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """`rows` with the values of the members typed as text for want of a type (null in
        all of the first batch) written as their JSON text where they are not strings."""
        done = []
        for row in rows:
            fields = row.get(FIELDS) or {}
            late = [n for n in self._as_text if fields.get(n) is not None]
            if any(not isinstance(fields[n], str) for n in late):
                fields = dict(fields)
                for name in late:
                    if not isinstance(fields[name], str):
                        fields[name] = json.dumps(
                            fields[name], ensure_ascii=False, default=_json_value
                        )
                row = {**row, FIELDS: fields}
            done.append(row)
        return done

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
                self._file, self.schema, write_page_checksum=True
            )
        self._check(self._rows)
        rows = self._texts(self._rows) if self._as_text else self._rows
        try:
            batch = pa.RecordBatch.from_pylist(rows, schema=self.schema)
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
        """Write the buffered rows and the footer (once; closing again does nothing)."""
        if self._closed:
            return
        self._closed = True
        try:
            self.flush()
        finally:
            try:
                if self._writer is None:
                    self.schema = self._pa.schema(self._base)
                    self._writer = self._pa.parquet.ParquetWriter(
                        self._file, self.schema, write_page_checksum=True
                    )
                self._writer.close()
            finally:
                self._file.close()

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is not None:  # failing: write no more rows, only what makes the file whole
            self._rows = []
        self.close()


class _Stream:
    """A file opened to write bytes that counts them, for what cannot seek (a FIFO, a
    device): the Parquet writer asks where it is."""

    def __init__(self, path: str) -> None:
        self._file = open(path, "wb")  # noqa: SIM115 (closed by `close`)
        self._written = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self._file.write(data)
        self._written += len(data)
        return len(data)

    def tell(self) -> int:
        return self._written

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        self.closed = True
        self._file.close()


@contextmanager
def replacing(path: str) -> Iterator[str]:
    """The name to write the output `path` to: a temporary file beside it that replaces it
    when the ``with`` block succeeds, or `path` itself when it is not a regular file.

    A regular file (or a new one) is written beside its place and renamed over `path` on
    success (atomically on one file system, so `path` is either the old file or the whole
    new one, never a part); on any exception, including an interrupt, the temporary file is
    removed and `path` is left as it was. A symbolic link at `path` is followed: the file it
    points to is replaced, and the link kept. The new file gets the mode of the file it
    replaces, or the default one for a new file. What is not a regular file (a device such
    as ``/dev/null``, a FIFO, a socket) is written to directly and never replaced: the
    yielded name is `path`. An output that cannot be created raises `OSError` naming `path`,
    not the temporary file.
    """
    target = os.path.realpath(path)
    try:
        kind = os.stat(target).st_mode
    except FileNotFoundError:
        kind = None
    if kind is not None and stat.S_ISDIR(kind):
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name", path)
    if kind is not None and not stat.S_ISREG(kind):
        yield path  # a device, a FIFO or a socket: written through
        return
    folder, base = os.path.split(target)
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{base}.", suffix=".part", dir=folder)
    except OSError as exc:  # a missing folder, one that is not writable
        raise OSError(exc.errno, exc.strerror, path) from exc
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
