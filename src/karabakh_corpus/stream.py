"""Clean large inputs as a stream: plain text, JSON Lines, Parquet and Common Crawl WET files.

`read_inputs` turns input files into a stream of `Record` (an id, where it came from, its
text) and `BadRecord` (a record that cannot be cleaned, and why); `clean_records` cleans the
good ones with `clean_many`, in order and optionally in worker processes, and counts the bad
ones in a `BadRecords` report; `cleaned_record` is the JSON-ready result of one text,
`output_record` the same with the record's id and source (the rows of ``karabakh-corpus
clean``), and `ParquetSink` writes such rows to a Parquet file in batches.

Memory stays bounded: files are read record by record (Parquet in record batches, WET
through warcio's `ArchiveIterator`), at most a window of records is in flight between the
reader and the cleaner, and the bad-record report keeps counts plus the first few examples.
Only a plain-text input is read whole, since it is one document. Parquet needs the
``parquet`` extra (pyarrow), WET files the ``warc`` extra (warcio); both are imported only
when such a file is read or written.
"""

from __future__ import annotations

import gzip
import json
import sys
import threading
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import IO, Any, Final, cast

import attrs

from karabakh_corpus._convert import region_record
from karabakh_corpus.clean import Cleaned, Cleaner, clean_many
from karabakh_corpus.errors import MissingExtraError

__all__ = [
    "EMPTY_TEXT",
    "FORMATS",
    "MALFORMED_JSON",
    "MISSING_TEXT",
    "NON_STRING",
    "NOT_AN_OBJECT",
    "REASONS",
    "STDIN",
    "UNDECODABLE",
    "UNREADABLE",
    "BadRecord",
    "BadRecords",
    "ParquetSink",
    "Record",
    "clean_records",
    "cleaned_record",
    "detect_format",
    "known_total",
    "output_record",
    "read_inputs",
    "read_records",
    "require",
]

FORMATS: Final = ("text", "jsonl", "parquet", "wet")
"""The input formats: one document per file, JSON Lines, Parquet, Common Crawl WET."""

STDIN: Final = "-"
"""The input name that stands for standard input."""

UNDECODABLE: Final = "undecodable"
MALFORMED_JSON: Final = "malformed JSON"
NOT_AN_OBJECT: Final = "not a JSON object"
MISSING_TEXT: Final = "missing text"
EMPTY_TEXT: Final = "empty text"
NON_STRING: Final = "non-string text"
UNREADABLE: Final = "unreadable input"

REASONS: Final = (
    UNDECODABLE,
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    MISSING_TEXT,
    EMPTY_TEXT,
    NON_STRING,
    UNREADABLE,
)
"""Why a record is bad: its bytes do not decode, its JSON line is malformed or not an object,
its text is missing (or null), empty (or only whitespace) or not a string, or the file itself
cannot be read past some point (a corrupt Parquet, WARC or gzip file: the rest of it is
skipped)."""

_SUFFIXES: Final = (
    (".parquet", "parquet"),
    (".pq", "parquet"),
    (".wet", "wet"),
    (".wet.gz", "wet"),
    (".jsonl", "jsonl"),
    (".jsonl.gz", "jsonl"),
    (".ndjson", "jsonl"),
    (".ndjson.gz", "jsonl"),
)


@attrs.frozen
class Record:
    """One input record to clean: its `id`, the input it came from (`source`), its `text`.

    `id` is the file name for a plain-text file, the WARC-Target-URI for a WET record, and
    for JSON Lines and Parquet the value of the id field when one is named and present
    (as a string), else the line number (from 1) or the row number (from 0).
    """

    id: str
    source: str
    text: str


@attrs.frozen
class BadRecord:
    """A record that cannot be cleaned: where it is, why (one of `REASONS`), and details.

    `position` is ``"line N"`` (JSON Lines), ``"row N"`` (Parquet), ``"offset N"`` (the byte
    offset of a WET record) or empty for a whole plain-text file. `count` is more than one
    only when a whole Parquet file is skipped for want of its text column.
    """

    source: str
    position: str
    reason: str
    detail: str = ""
    count: int = 1

    def describe(self) -> str:
        """One line: source and position, reason, details."""
        where = f"{self.source}:{self.position}" if self.position else self.source
        detail = f" ({self.detail})" if self.detail else ""
        return f"{where}: {self.reason}{detail}"


@attrs.define
class BadRecords:
    """A bounded report of bad records: counts per reason and the first `keep` of them.

    Counts are exact; only the examples are capped, so memory stays bounded however many
    records are bad.
    """

    keep: int = 20
    counts: Counter[str] = attrs.field(factory=Counter)
    examples: list[BadRecord] = attrs.field(factory=list)

    def add(self, bad: BadRecord) -> None:
        """Count `bad`, and keep it as an example while fewer than `keep` are kept."""
        self.counts[bad.reason] += bad.count
        if len(self.examples) < self.keep:
            self.examples.append(bad)

    @property
    def total(self) -> int:
        """How many records were bad."""
        return sum(self.counts.values())

    def lines(self) -> list[str]:
        """One line per kept example, then how many more were not listed."""
        rows = [f"skipped {bad.describe()}" for bad in self.examples]
        listed = sum(bad.count for bad in self.examples)
        if self.total > listed:
            rows.append(f"... and {self.total - listed} more bad records not listed")
        return rows

    def summary(self, cleaned: int) -> str:
        """One line: how many records were cleaned and how many skipped, per reason."""
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(self.counts.items()))
        return f"{cleaned} records cleaned, {self.total} bad records skipped ({reasons})"


def require(fmt: str, *, writing: bool = False) -> None:
    """Import the optional library that format `fmt` needs, or raise `MissingExtraError`.

    Call it before a run starts so that a missing extra fails before any output is written.
    """
    if fmt == "parquet":
        _pyarrow("writing Parquet" if writing else "reading Parquet")
    elif fmt == "wet":
        _warcio()


def _pyarrow(feature: str) -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped]
        import pyarrow.parquet  # type: ignore[import-untyped]
    except ImportError as exc:
        raise MissingExtraError(feature, "parquet") from exc
    return pyarrow


def _warcio() -> Any:
    try:
        import warcio.archiveiterator  # type: ignore[import-untyped]
        import warcio.exceptions  # type: ignore[import-untyped]
    except ImportError as exc:
        raise MissingExtraError("reading WET files", "warc") from exc
    return warcio


def detect_format(name: str) -> str:
    """The format of input `name` from its extension; ``"text"`` for others and for stdin.

    ``.parquet``/``.pq`` are Parquet, ``.wet``/``.wet.gz`` WET, ``.jsonl``/``.ndjson``
    (optionally ``.gz``) JSON Lines; case is ignored.
    """
    lower = name.lower()
    for suffix, fmt in _SUFFIXES:
        if lower.endswith(suffix):
            return fmt
    return "text"


def read_inputs(
    names: Iterable[str],
    fmt: str = "auto",
    *,
    text_field: str = "text",
    id_field: str | None = None,
    encoding: str = "utf-8",
    batch_size: int = 1024,
) -> Iterator[Record | BadRecord]:
    """Records of every input in turn; `fmt` ``"auto"`` decides each by `detect_format`.

    See `read_records` for each format. ``"-"`` reads standard input (not for Parquet).
    """
    for name in names:
        yield from read_records(
            name,
            detect_format(name) if fmt == "auto" else fmt,
            text_field=text_field,
            id_field=id_field,
            encoding=encoding,
            batch_size=batch_size,
        )


def read_records(
    name: str,
    fmt: str,
    *,
    text_field: str = "text",
    id_field: str | None = None,
    encoding: str = "utf-8",
    batch_size: int = 1024,
) -> Iterator[Record | BadRecord]:
    """Yield the records of one input, in order: a `Record` to clean or a `BadRecord`.

    ``text``: the whole file is one document. ``jsonl``: one JSON object per line, its text
    in `text_field` (blank lines are skipped). ``parquet``: the column `text_field`, read
    in record batches of `batch_size` rows (string or binary; binary is decoded). ``wet``:
    the ``conversion`` records of a (gzipped) WET file. Bytes are decoded with `encoding`.
    Files that cannot be opened raise `OSError`; unknown formats `ValueError`.
    """
    if fmt == "text":
        return _read_text(name, encoding)
    if fmt == "jsonl":
        return _read_jsonl(name, text_field, id_field, encoding)
    if fmt == "parquet":
        if name == STDIN:
            raise ValueError("Parquet cannot be read from standard input; give a file name")
        _pyarrow("reading Parquet")
        return _read_parquet(name, text_field, id_field, encoding, batch_size)
    if fmt == "wet":
        _warcio()
        return _read_wet(name, encoding)
    raise ValueError(f"unknown input format {fmt!r}; the formats are {', '.join(FORMATS)}")


def _open(name: str, *, decompress: bool = True) -> AbstractContextManager[IO[bytes]]:
    """`name` opened for reading bytes (stdin for ``"-"``, left open); ``.gz`` decompressed."""
    if name == STDIN:
        return nullcontext(sys.stdin.buffer)
    if decompress and name.lower().endswith(".gz"):
        return cast("AbstractContextManager[IO[bytes]]", gzip.open(name, "rb"))
    return open(name, "rb")


def _text_of(value: object, encoding: str) -> tuple[str | None, str, str]:
    """`value` as text, or None with a reason and details."""
    if value is None:
        return None, MISSING_TEXT, "null"
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            value = bytes(value).decode(encoding)
        except UnicodeDecodeError as exc:
            return None, UNDECODABLE, _undecodable(exc, encoding)
    if not isinstance(value, str):
        return None, NON_STRING, type(value).__name__
    if not value.strip():
        return None, EMPTY_TEXT, ""
    return value, "", ""


def _undecodable(exc: UnicodeDecodeError, encoding: str) -> str:
    return f"not valid {encoding}: {exc.reason} at byte {exc.start}"


def _read_text(name: str, encoding: str) -> Iterator[Record | BadRecord]:
    with _open(name) as handle:
        try:
            data = handle.read()
        except (EOFError, OSError) as exc:  # a corrupt or truncated .gz file
            yield BadRecord(name, "", UNREADABLE, str(exc) or type(exc).__name__)
            return
    text, reason, detail = _text_of(data, encoding)
    if text is None:
        if reason == UNDECODABLE:
            detail += "; pass --encoding"
        yield BadRecord(name, "", reason, detail)
    else:
        yield Record(name, name, text)


def _read_jsonl(
    name: str, text_field: str, id_field: str | None, encoding: str
) -> Iterator[Record | BadRecord]:
    with _open(name) as handle:
        number = 0
        try:
            for raw in handle:
                number += 1
                if raw.strip():
                    yield _json_record(name, number, raw, text_field, id_field, encoding)
        except (EOFError, OSError) as exc:  # a corrupt or truncated .gz file
            detail = f"{str(exc) or type(exc).__name__}; the rest of the file is skipped"
            yield BadRecord(name, f"line {number + 1}", UNREADABLE, detail)


def _json_record(
    name: str, number: int, raw: bytes, text_field: str, id_field: str | None, encoding: str
) -> Record | BadRecord:
    where = f"line {number}"
    try:
        line = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        return BadRecord(name, where, UNDECODABLE, _undecodable(exc, encoding))
    try:
        obj = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        return BadRecord(name, where, MALFORMED_JSON, f"{exc.msg}: column {exc.colno}")
    if not isinstance(obj, dict):
        return BadRecord(name, where, NOT_AN_OBJECT, type(obj).__name__)
    if text_field not in obj:
        return BadRecord(name, where, MISSING_TEXT, f"no field {text_field!r}")
    text, reason, detail = _text_of(obj[text_field], encoding)
    if text is None:
        return BadRecord(name, where, reason, detail)
    ident = obj.get(id_field) if id_field is not None else None
    return Record(str(number) if ident is None else str(ident), name, text)


def _read_parquet(
    name: str, text_field: str, id_field: str | None, encoding: str, batch_size: int
) -> Iterator[Record | BadRecord]:
    pa = _pyarrow("reading Parquet")
    try:
        source = pa.parquet.ParquetFile(name)
    except (pa.ArrowException, OSError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        yield BadRecord(name, "", UNREADABLE, str(exc).splitlines()[0])
        return
    with source:
        names = source.schema_arrow.names
        if text_field not in names:
            rows = source.metadata.num_rows
            detail = f"no column {text_field!r} (columns: {', '.join(names)}); {rows} rows"
            yield BadRecord(name, "", MISSING_TEXT, detail, count=max(rows, 1))
            return
        columns = [text_field]
        if id_field is not None and id_field in names and id_field != text_field:
            columns.append(id_field)
        row = 0
        try:
            for batch in source.iter_batches(batch_size=batch_size, columns=columns):
                texts = batch.column(0).to_pylist()
                ids = batch.column(1).to_pylist() if len(columns) > 1 else None
                if id_field == text_field:
                    ids = texts
                for k, value in enumerate(texts):
                    text, reason, detail = _text_of(value, encoding)
                    if text is None:
                        yield BadRecord(name, f"row {row + k}", reason, detail)
                        continue
                    ident = ids[k] if ids is not None else None
                    yield Record(str(row + k) if ident is None else str(ident), name, text)
                row += batch.num_rows
        except (pa.ArrowException, OSError) as exc:
            detail = f"{str(exc).splitlines()[0]}; the rest of the file is skipped"
            yield BadRecord(name, f"row {row}", UNREADABLE, detail)


def _read_wet(name: str, encoding: str) -> Iterator[Record | BadRecord]:
    warcio = _warcio()
    with _open(name, decompress=False) as handle:  # warcio reads gzip members itself
        records = warcio.archiveiterator.ArchiveIterator(handle)
        where = "offset 0"
        try:
            for record in records:
                if record.rec_type != "conversion":
                    continue
                data = record.content_stream().read()
                # the offset is known once the record is read (warcio reads to its end)
                where = f"offset {records.get_record_offset()}"
                headers = record.rec_headers
                ident = (
                    headers.get_header("WARC-Target-URI")
                    or headers.get_header("WARC-Record-ID")
                    or where
                )
                text, reason, detail = _text_of(data, encoding)
                if text is None:
                    detail = f"{ident}; {detail}" if detail else ident
                    yield BadRecord(name, where, reason, detail)
                else:
                    yield Record(ident, name, text)
        except (warcio.exceptions.ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            detail = f"{message}; the rest of the file is skipped"
            yield BadRecord(name, f"after {where}", UNREADABLE, detail)


def known_total(names: Sequence[str], fmt: str = "auto") -> int | None:
    """The number of records in `names` when it is known without reading them, else None.

    Known for plain-text files (one each) and Parquet files (from their footers).
    """
    total = 0
    for name in names:
        kind = detect_format(name) if fmt == "auto" else fmt
        if kind == "text":
            total += 1
        elif kind == "parquet" and name != STDIN:
            pa = _pyarrow("reading Parquet")
            try:
                total += pa.parquet.ParquetFile(name).metadata.num_rows
            except (pa.ArrowException, OSError):
                return None
        else:
            return None
    return total


def clean_records(
    items: Iterable[Record | BadRecord],
    *,
    cleaner: Cleaner | None = None,
    report: BadRecords | None = None,
    processes: int = 1,
    chunksize: int = 32,
    progress: bool | None = None,
    total: int | None = None,
    window: int = 256,
) -> Generator[tuple[Record, Cleaned], None, None]:
    """Clean the `Record` items, in order, and count the `BadRecord` items in `report`.

    The cleaning is `clean_many` (same `processes`, `chunksize`, `progress`, `total`), so
    results equal ``cleaner.clean(record.text)``. At most ``max(window, 2 * processes *
    chunksize)`` records are read ahead of the results, whatever the size of the input.
    `report` is complete once the iterator is exhausted.
    """
    report = report if report is not None else BadRecords()
    limit = max(window, 2 * processes * chunksize, 1)
    slots = threading.Semaphore(limit)
    closed = threading.Event()
    pending: deque[Record] = deque()

    def texts() -> Iterator[str]:
        # With processes > 1 this runs in the pool's task thread, which would otherwise read
        # the whole input ahead of the workers: the semaphore holds it `limit` records ahead.
        for item in items:
            if isinstance(item, BadRecord):
                report.add(item)
                continue
            while not slots.acquire(timeout=0.1):
                if closed.is_set():
                    return
            if closed.is_set():
                return
            pending.append(item)
            yield item.text

    results = clean_many(
        texts(),
        cleaner=cleaner,
        processes=processes,
        chunksize=chunksize,
        progress=progress,
        total=total,
    )
    try:
        for cleaned in results:
            record = pending.popleft()
            slots.release()
            yield record, cleaned
    finally:
        closed.set()
        close = getattr(results, "close", None)
        if close is not None:
            close()


def cleaned_record(cleaned: Cleaned) -> dict[str, Any]:
    """The JSON-ready result of one text: title, summary, text and the removed spans.

    ``removed`` lists ``{"start", "end", "category", "rule"}`` for every stripped region,
    with offsets into the text that was cleaned.
    """
    return {
        "title": cleaned.title,
        "summary": cleaned.summary,
        "text": cleaned.text,
        "removed": [region_record(r) for r in cleaned.removed],
    }


def output_record(record: Record, cleaned: Cleaned) -> dict[str, Any]:
    """The output row of one record: id and source, then `cleaned_record`."""
    return {"id": record.id, "source": record.source, **cleaned_record(cleaned)}


class ParquetSink:
    """Write output rows (`output_record`) to a Parquet file, one row group per batch.

    Rows are buffered until `batch_rows` rows or `batch_chars` characters of text, then
    written; `close` (or leaving the ``with`` block) writes the rest and the footer. The
    file is created, with its schema, when the sink is.
    """

    def __init__(self, path: str, *, batch_rows: int = 1000, batch_chars: int = 32_000_000) -> None:
        pa = _pyarrow("writing Parquet")
        self._pa = pa
        span = pa.struct(
            [
                ("start", pa.int64()),
                ("end", pa.int64()),
                ("category", pa.string()),
                ("rule", pa.string()),
            ]
        )
        self.schema = pa.schema(
            [
                ("id", pa.string()),
                ("source", pa.string()),
                ("title", pa.string()),
                ("summary", pa.string()),
                ("text", pa.string()),
                ("removed", pa.list_(span)),
            ]
        )
        self._writer = pa.parquet.ParquetWriter(path, self.schema)
        self._rows: list[dict[str, Any]] = []
        self._chars = 0
        self._batch_rows = batch_rows
        self._batch_chars = batch_chars
        self.written = 0

    def write(self, row: dict[str, Any]) -> None:
        """Buffer one row; write the batch when it is full."""
        self._rows.append(row)
        self._chars += len(row["text"] or "")
        if len(self._rows) >= self._batch_rows or self._chars >= self._batch_chars:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows as one row group."""
        if not self._rows:
            return
        batch = self._pa.RecordBatch.from_pylist(self._rows, schema=self.schema)
        self._writer.write_batch(batch)
        self.written += len(self._rows)
        self._rows = []
        self._chars = 0

    def close(self) -> None:
        """Write the buffered rows and the footer."""
        try:
            self.flush()
        finally:
            self._writer.close()

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
