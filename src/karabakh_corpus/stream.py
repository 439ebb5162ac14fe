"""Clean large inputs as a stream: plain text, JSON Lines, Parquet, WET, HTML and WARC files.

`read_inputs` turns input files into a stream of `Record` (an id, where it came from, its
text) and `BadRecord` (a record that cannot be cleaned, and why); `clean_records` cleans the
good ones with `clean_many`, in order and optionally in worker processes, and counts the bad
ones in a `BadRecords` report; `cleaned_record` is the JSON-ready result of one text,
`output_record` the same with the record's id and source and the input record's own fields
(the rows of ``karabakh-corpus clean``), and `ParquetSink` writes such rows to a Parquet file
in batches.

Records keep their fields: every field of a JSON Lines object, every column of a Parquet
row, the ``WARC-Target-URI``, ``WARC-Date`` and ``WARC-Record-ID`` headers of a WET or WARC
record, in `Record.fields`; an output row carries them under ``fields``, beside the cleaning
results, so the two can never clash (see `output_record`). HTML files and the HTML
``response`` records of WARC files are rendered to text with ``html-text`` before they are
cleaned (`karabakh_corpus.html`); their offsets refer to that rendering.

Memory stays bounded: files are read record by record (Parquet in record batches, WET
through warcio's `ArchiveIterator`), at most a window of records is in flight between the
reader and the cleaner, and the bad-record report keeps counts plus the first few examples.
A plain-text input is read whole, since it is one document: like every record it must
not be larger than `MAX_BYTES` (or the ``max_bytes`` given), since cleaning a text takes
about a hundred times its size in memory; a larger one is a bad record (`TOO_LARGE`),
and only ``max_bytes + 1`` bytes of it are read. Parquet needs the
``parquet`` extra (pyarrow), WET files the ``warc`` extra (warcio), HTML files the ``html``
extra (html-text) and WARC files both ``warc`` and ``html``; each is imported only when
such a file is read or written.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import re
import stat
import sys
import tempfile
import zlib
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from typing import IO, Any, Final, cast

import attrs

from karabakh_corpus import _extras
from karabakh_corpus._batch import Failure
from karabakh_corpus.clean import Cleaned, Cleaner, clean_stream
from karabakh_corpus.errors import DataFormatError, WorkerLostError
from karabakh_corpus.html import decode_html, render_html
from karabakh_corpus.records import cleaned_record

__all__ = [
    "CLEANING_FAILED",
    "EMPTY_TEXT",
    "FIELDS",
    "INCOMPLETE",
    "INPUT_FORMATS",
    "MALFORMED_JSON",
    "MAX_BYTES",
    "MISSING_TEXT",
    "NON_STRING",
    "NOT_AN_OBJECT",
    "OUTPUT_FORMATS",
    "REASONS",
    "RESULT_KEYS",
    "STDIN",
    "TOO_LARGE",
    "UNDECODABLE",
    "WARC_FIELDS",
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
    "row_json",
]

INPUT_FORMATS: Final = ("text", "jsonl", "parquet", "wet", "html", "warc")
"""The input formats: one document per file, JSON Lines, Parquet, Common Crawl WET, one HTML
page per file, and WARC files of HTML responses."""

OUTPUT_FORMATS: Final = ("jsonl", "parquet", "text")
"""The output formats of ``karabakh-corpus clean``: JSON Lines rows, Parquet rows, or the
title and clean text of each record."""


FIELDS: Final = "fields"
"""The key of an output row that holds the input record's own fields."""
RESULT_KEYS: Final = ("id", "source", "title", "summary", "text", "removed", FIELDS)
"""The keys of an output row (`output_record`), in order; the input's fields are under
``fields``, so that no input field can clash with a result."""
WARC_FIELDS: Final = ("WARC-Target-URI", "WARC-Date", "WARC-Record-ID")
"""The headers of a WET or WARC record kept as its fields."""

STDIN: Final = "-"
"""The input name that stands for standard input."""

UNDECODABLE: Final = "undecodable"
MALFORMED_JSON: Final = "malformed JSON"
NOT_AN_OBJECT: Final = "not a JSON object"
MISSING_TEXT: Final = "missing text"
EMPTY_TEXT: Final = "empty text"
NON_STRING: Final = "non-string text"
TOO_LARGE: Final = "too large"
CLEANING_FAILED: Final = "cleaning failed"
UNWRITABLE: Final = "not writable"
INCOMPLETE: Final = "incomplete input"

REASONS: Final = (
    UNDECODABLE,
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    MISSING_TEXT,
    EMPTY_TEXT,
    NON_STRING,
    TOO_LARGE,
    CLEANING_FAILED,
    UNWRITABLE,
    INCOMPLETE,
)
"""Why a record is bad: its bytes do not decode, its JSON line is malformed or not an object,
its text is missing (or null), empty (or only whitespace) or not a string, it is larger than
the size limit, or the cleaner raised an error on it, or its row cannot be written in the
output format (a lone surrogate, which a Parquet string cannot hold); or the input itself
breaks at some point (truncated or corrupt gzip, WARC or Parquet data): `INCOMPLETE`, whose
count is the number of records known to be lost (Parquet knows it from its footer;
elsewhere it is unknown and counted 0, and the input is listed as incomplete)."""

MAX_BYTES: Final = 5_000_000
"""The default size limit of one record (a plain-text file, a JSON line, a Parquet value,
a WET payload), in bytes: cleaning takes about a hundred times a text's size in memory."""

_SUFFIXES: Final = (
    (".parquet", "parquet"),
    (".pq", "parquet"),
    (".wet", "wet"),
    (".wet.gz", "wet"),
    (".warc", "warc"),
    (".warc.gz", "warc"),
    (".html", "html"),
    (".html.gz", "html"),
    (".htm", "html"),
    (".htm.gz", "html"),
    (".jsonl", "jsonl"),
    (".jsonl.gz", "jsonl"),
    (".ndjson", "jsonl"),
    (".ndjson.gz", "jsonl"),
)


@attrs.frozen
class Record:
    """One input record to clean: its `id`, the input it came from (`source`), its `text`.

    `id` is the file name for a plain-text or HTML file, the WARC-Target-URI for a WET or
    WARC record, and for JSON Lines and Parquet the value of the id field when one is named
    and present, else of the field ``id`` when the record has one (as a string), else the
    line number (from 1) or the row number (from 0). `position` says where the record is in
    its source, as in `BadRecord`. `fields` holds the input record's own fields: every field
    of a JSON object (the text field too), every column of a Parquet row, the
    `WARC_FIELDS` headers of a WET or WARC record; none for a plain-text or HTML file. For
    HTML, `text` is the page rendered by ``html-text``.
    """

    id: str
    source: str
    text: str
    position: str = ""
    fields: dict[str, Any] = attrs.field(factory=dict, kw_only=True, eq=False, repr=False)

    def where(self) -> str:
        """The source and position, as ``source:position``."""
        return f"{self.source}:{self.position}" if self.position else self.source


@attrs.frozen
class BadRecord:
    """A record that cannot be cleaned: where it is, why (one of `REASONS`), and details.

    `position` is ``"line N"`` (JSON Lines), ``"row N"`` (Parquet), ``"offset N"`` (the byte
    offset of a WET record, in its uncompressed stream) or empty for a whole plain-text file;
    a run of like bad records reported together reads ``"line 1 to line 30"``. `count` is the
    number of records: more than one for such a run and when a whole Parquet file is skipped
    for want of its text column; for `INCOMPLETE`, the records known to be lost (0 when
    unknown).
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
        runs = f" [{self.count} records]" if self.count > 1 and self.reason != INCOMPLETE else ""
        return f"{where}: {self.reason}{detail}{runs}"


@attrs.define
class BadRecords:
    """A bounded report of bad records: counts per reason and the first `keep` of them.

    Counts are exact; only the examples are capped, so memory stays bounded however many
    records are bad. Consecutive bad records of one source with the same reason and
    details are kept as one example (a wrong text field gives one line, not one per
    record). Incomplete inputs are all kept, in `incomplete` (one per input at most).
    """

    keep: int = 20
    counts: Counter[str] = attrs.field(factory=Counter)
    examples: list[BadRecord] = attrs.field(factory=list)
    incomplete: list[BadRecord] = attrs.field(factory=list)

    def add(self, bad: BadRecord) -> None:
        """Count `bad`, and keep it as an example while fewer than `keep` are kept."""
        self.counts[bad.reason] += bad.count
        self._example(bad)

    def update(self, other: BadRecords) -> None:
        """Add the report `other`, of the bad records that came after these, to this one."""
        self.counts.update(other.counts)
        for bad in [*other.examples, *other.incomplete]:
            self._example(bad)

    def _example(self, bad: BadRecord) -> None:
        if bad.reason == INCOMPLETE:
            self.incomplete.append(bad)
            return
        last = self.examples[-1] if self.examples else None
        if (
            last is not None
            and (last.source, last.reason, last.detail) == (bad.source, bad.reason, bad.detail)
            and bad.position
        ):
            first = last.position.split(" to ")[0]
            self.examples[-1] = attrs.evolve(
                last, position=f"{first} to {bad.position}", count=last.count + bad.count
            )
        elif len(self.examples) < self.keep:
            self.examples.append(bad)

    @property
    def total(self) -> int:
        """How many records were bad (incomplete inputs count the records known lost)."""
        return sum(self.counts.values())

    def lines(self) -> list[str]:
        """One line per kept example, how many more were not listed, the incomplete inputs."""
        rows = [f"skipped {bad.describe()}" for bad in self.examples]
        listed = sum(bad.count for bad in self.examples) + self.counts[INCOMPLETE]
        if self.total > listed:
            rows.append(f"... and {self.total - listed} more bad records not listed")
        rows += [bad.describe() for bad in self.incomplete]
        return rows

    def summary(self, cleaned: int) -> str:
        """One line: how many records were cleaned and how many skipped, per reason."""
        counts = {reason: n for reason, n in self.counts.items() if n or reason != INCOMPLETE}
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(counts.items()))
        line = f"{cleaned} records cleaned, {self.total} bad records skipped"
        line += f" ({reasons})" if reasons else ""
        if self.incomplete:
            n = len(self.incomplete)
            line += f"; {n} input{'s' if n > 1 else ''} incomplete (see above)"
        return line


def require(fmt: str, *, writing: bool = False) -> None:
    """Import the optional library that format `fmt` needs, or raise `MissingExtraError`.

    Call it before a run starts so that a missing extra fails before any output is written.
    """
    if fmt == "parquet":
        _pyarrow("writing Parquet" if writing else "reading Parquet")
    elif fmt == "wet":
        _warcio()
    elif fmt == "html":
        _html_text("reading HTML files")
    elif fmt == "warc":
        _warcio("reading WARC files")
        _html_text("reading WARC files")


def _pyarrow(feature: str) -> Any:
    with _extras.needs("parquet", feature):
        import pyarrow  # type: ignore[import-untyped]
        import pyarrow.parquet  # type: ignore[import-untyped]
    return pyarrow


def _warcio(feature: str = "reading WET files") -> Any:
    with _extras.needs("warc", feature):
        import warcio.archiveiterator  # type: ignore[import-untyped]
        import warcio.exceptions  # type: ignore[import-untyped]
    return warcio


def _html_text(feature: str) -> None:
    with _extras.needs("html", feature):
        import html_text  # noqa: F401


def detect_format(name: str) -> str:
    """The format of input `name` from its extension; ``"text"`` for others and for stdin.

    ``.parquet``/``.pq`` are Parquet, ``.wet``/``.wet.gz`` WET, ``.warc``/``.warc.gz`` WARC,
    ``.html``/``.htm`` (optionally ``.gz``) HTML, ``.jsonl``/``.ndjson`` (optionally ``.gz``)
    JSON Lines; case is ignored.
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
    encoding: str | None = None,
    batch_size: int = 1024,
    max_bytes: int | None = MAX_BYTES,
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
            max_bytes=max_bytes,
        )


def read_records(
    name: str,
    fmt: str,
    *,
    text_field: str = "text",
    id_field: str | None = None,
    encoding: str | None = None,
    batch_size: int = 1024,
    max_bytes: int | None = MAX_BYTES,
) -> Iterator[Record | BadRecord]:
    """Yield the records of one input, in order: a `Record` to clean or a `BadRecord`.

    ``text``: the whole file is one document. ``jsonl``: one JSON object per line, its text
    in `text_field` (blank lines are skipped). ``parquet``: the column `text_field`, read
    in record batches of `batch_size` rows (string or binary; binary is decoded). ``wet``:
    the ``conversion`` records of a (gzipped) WET file. ``html``: the whole file is one HTML
    page, rendered to text. ``warc``: the ``response`` records of a (gzipped) WARC file whose
    HTTP status is 2xx and ``Content-Type`` HTML, rendered to text. Bytes are decoded with
    `encoding` (default UTF-8); a UTF-8 byte-order mark at the start of a file (or of a WET
    payload) is dropped. HTML is decoded as `karabakh_corpus.html.decode_html` says: a byte
    order mark, then `encoding` when given, then the charset of the HTTP ``Content-Type``
    (WARC), then the page's own declaration, then UTF-8. A
    record larger than `max_bytes` (None or 0: no limit) is a `TOO_LARGE` bad record. An
    input that breaks (truncated or corrupt gzip, WARC or Parquet data) ends with an
    `INCOMPLETE` bad record saying where it broke and how many records were read before.
    Files that cannot be opened raise `OSError`; unknown formats `ValueError`.
    """
    limit = max_bytes or None
    if fmt == "html":
        _html_text("reading HTML files")
        return _read_html(name, encoding, limit)
    if fmt == "warc":
        _warcio("reading WARC files")
        _html_text("reading WARC files")
        return _read_warc(name, encoding, limit)
    encoding = encoding or "utf-8"
    if fmt == "text":
        return _read_text(name, encoding, limit)
    if fmt == "jsonl":
        return _read_jsonl(name, text_field, id_field, encoding, limit)
    if fmt == "parquet":
        if name == STDIN:
            raise ValueError("Parquet cannot be read from standard input; give a file name")
        _pyarrow("reading Parquet")
        return _read_parquet(name, text_field, id_field, encoding, batch_size, limit)
    if fmt == "wet":
        _warcio()
        return _read_wet(name, encoding, limit)
    raise ValueError(f"unknown input format {fmt!r}; the formats are {', '.join(INPUT_FORMATS)}")


_BROKEN: Final = (EOFError, OSError, zlib.error)
"""What a truncated or corrupt gzip stream raises while it is read."""


class _BrokenStream(OSError):
    """A compressed stream that ends early or is corrupt (from `_Strict`)."""


class _Strict(io.RawIOBase):
    """A readable stream whose truncation or corruption raises `_BrokenStream`.

    warcio takes an `EOFError` while it reads a record's headers for the normal end of the
    file; this wrapper keeps a truncated gzip stream from passing for a whole one.
    """

    def __init__(self, inner: IO[bytes]) -> None:
        super().__init__()
        self._inner = inner
        self._position = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        try:
            # read1: what decompresses before a break is returned before the break raises
            if size is None or size < 0:
                data = self._inner.read()
            else:
                data = getattr(self._inner, "read1", self._inner.read)(size)
        except _BROKEN as exc:
            raise _BrokenStream(_message(exc)) from exc
        self._position += len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def tell(self) -> int:
        return self._position


def _message(exc: BaseException) -> str:
    """The error's message on one short printable line (it may quote the broken bytes)."""
    text = " ".join(str(exc).split())
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
    if len(text) > 160:
        text = text[:160] + "..."
    return text or type(exc).__name__


def _warc_id(headers: Any, where: str) -> str:
    """A WET or WARC record's id: its target URI, else its record id, else where it is."""
    return str(
        headers.get_header("WARC-Target-URI") or headers.get_header("WARC-Record-ID") or where
    )


def _broken(
    name: str, where: str, read: int, exc: BaseException | str, lost: int | None = None
) -> BadRecord:
    """The `INCOMPLETE` record of an input that broke at `where` after `read` records."""
    reason = exc if isinstance(exc, str) else _message(exc)
    rest = "the rest of the input is lost" if lost is None else f"{lost} records not read"
    detail = f"{reason}; {read} records read before it, {rest}"
    return BadRecord(name, where, INCOMPLETE, detail, count=lost or 0)


def _open(name: str, *, decompress: bool = True) -> AbstractContextManager[IO[bytes]]:
    """`name` opened for reading bytes (stdin for ``"-"``, left open); ``.gz`` decompressed."""
    if name == STDIN:
        return nullcontext(sys.stdin.buffer)
    if decompress and name.lower().endswith(".gz"):
        return cast("AbstractContextManager[IO[bytes]]", gzip.open(name, "rb"))
    return open(name, "rb")


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _without_bom(data: bytes, encoding: str) -> bytes:
    """`data` without a leading UTF-8 byte-order mark, when it is decoded as UTF-8."""
    if data.startswith(codecs.BOM_UTF8) and _is_utf8(encoding):
        return data[len(codecs.BOM_UTF8) :]
    return data


def _size(value: str, limit: int) -> int:
    """The UTF-8 size of `value` when it may exceed `limit`, else a lower bound of it."""
    if 4 * len(value) <= limit:
        return len(value)
    return len(value.encode("utf-8", "surrogatepass"))


def _too_large(size: int | str, limit: int) -> tuple[None, str, str]:
    shown = f"{size} bytes" if isinstance(size, int) else size
    return None, TOO_LARGE, f"{shown}, more than the limit of {limit} bytes"


def _text_of(value: object, encoding: str, limit: int | None = None) -> tuple[str | None, str, str]:
    """`value` as text, or None with a reason and details."""
    if value is None:
        return None, MISSING_TEXT, "null"
    if isinstance(value, (bytes, bytearray, memoryview)):
        if limit is not None and len(value) > limit:
            return _too_large(len(value), limit)
        try:
            value = bytes(value).decode(encoding)
        except UnicodeDecodeError as exc:
            return None, UNDECODABLE, _undecodable(exc, encoding)
    if not isinstance(value, str):
        return None, NON_STRING, type(value).__name__
    if limit is not None and _size(value, limit) > limit:
        return _too_large(_size(value, limit), limit)
    if not value.strip():
        return None, EMPTY_TEXT, ""
    return value, "", ""


def _undecodable(exc: UnicodeDecodeError, encoding: str) -> str:
    return f"not valid {encoding}: {exc.reason} at byte {exc.start}"


def _read_whole(name: str, limit: int | None) -> bytes | BadRecord:
    """A whole file's bytes (at most one past `limit`), or why it cannot be one record."""
    with _open(name) as handle:
        try:
            data: bytes = handle.read(-1 if limit is None else limit + 1)
        except _BROKEN as exc:  # a corrupt or truncated .gz file
            return _broken(name, "", 0, exc)
    if limit is not None and len(data) > limit:
        return BadRecord(name, "", TOO_LARGE, f"more than the limit of {limit} bytes")
    return data


def _read_text(name: str, encoding: str, limit: int | None) -> Iterator[Record | BadRecord]:
    data = _read_whole(name, limit)
    if isinstance(data, BadRecord):
        yield data
        return
    text, reason, detail = _text_of(_without_bom(data, encoding), encoding)
    if text is None:
        if reason == UNDECODABLE:
            detail += "; pass --encoding"
        yield BadRecord(name, "", reason, detail)
    else:
        yield Record(name, name, text)


def _read_jsonl(
    name: str, text_field: str, id_field: str | None, encoding: str, limit: int | None
) -> Iterator[Record | BadRecord]:
    with _open(name) as handle:
        number = read = 0
        at = 1  # the line being read
        try:
            while True:
                at = number + 1
                raw = handle.readline(-1 if limit is None else limit + 2)
                if not raw:
                    break
                number += 1
                if number == 1:
                    raw = _without_bom(raw, encoding)
                if limit is not None and len(raw.rstrip(b"\r\n")) > limit:
                    while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                        raw = handle.readline(1 << 20)
                    read += 1
                    detail = f"a line of more than the limit of {limit} bytes"
                    yield BadRecord(name, f"line {number}", TOO_LARGE, detail)
                    continue
                if not raw.endswith(b"\n"):
                    # the last line, or one cut short where the stream broke: find out which
                    handle.read(1)
                if raw.strip():
                    read += 1
                    yield _json_record(name, number, raw, text_field, id_field, encoding)
        except _BROKEN as exc:  # a corrupt or truncated .gz file
            yield _broken(name, f"line {at}", read, exc)


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
        fields = sorted(obj)
        seen = ", ".join(fields[:12]) + (", ..." if len(fields) > 12 else "")
        detail = f"no field {text_field!r}; the fields are: {seen or 'none'}"
        return BadRecord(name, where, MISSING_TEXT, detail)
    text, reason, detail = _text_of(obj[text_field], encoding)
    if text is None:
        return BadRecord(name, where, reason, detail)
    ident = obj.get(id_field) if id_field is not None else None
    if ident is None:
        ident = obj.get("id")
    return Record(str(number) if ident is None else str(ident), name, text, where, fields=obj)


def _read_parquet(
    name: str,
    text_field: str,
    id_field: str | None,
    encoding: str,
    batch_size: int,
    limit: int | None,
) -> Iterator[Record | BadRecord]:
    pa = _pyarrow("reading Parquet")
    try:
        # pages written with checksums are checked, so a flipped byte is an error, not text
        source = pa.parquet.ParquetFile(name, page_checksum_verification=True)
    except (pa.ArrowException, OSError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        yield _broken(name, "", 0, str(exc).splitlines()[0] if str(exc) else exc)
        return
    with source:
        names = source.schema_arrow.names
        rows = source.metadata.num_rows
        if text_field not in names:
            detail = f"no column {text_field!r} (columns: {', '.join(names)}); {rows} rows"
            yield BadRecord(name, "", MISSING_TEXT, detail, count=max(rows, 1))
            return
        row = 0
        # row group by row group, so that a damaged one loses no rows of the others' batches
        batches = (
            batch
            for group in range(source.num_row_groups)
            for batch in source.iter_batches(batch_size=batch_size, row_groups=[group])
        )
        try:
            for batch in batches:
                columns = {n: batch.column(i).to_pylist() for i, n in enumerate(batch.schema.names)}
                texts = columns[text_field]
                named = columns.get(id_field) if id_field is not None else None
                fallback = columns.get("id")
                for k, value in enumerate(texts):
                    where = f"row {row + k}"
                    text, reason, detail = _text_of(value, encoding, limit)
                    if text is None:
                        yield BadRecord(name, where, reason, detail)
                        continue
                    ident = named[k] if named is not None else None
                    if ident is None and fallback is not None:
                        ident = fallback[k]
                    fields = {n: values[k] for n, values in columns.items()}
                    yield Record(
                        str(row + k) if ident is None else str(ident),
                        name,
                        text,
                        where,
                        fields=fields,
                    )
                row += batch.num_rows
        except (pa.ArrowException, OSError, ValueError) as exc:  # ValueError: bad UTF-8
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            yield _broken(name, f"row {row}", row, message, lost=rows - row)


def _read_up_to(source: Any, size: int | None) -> bytes:
    """Up to `size` bytes of `source` (all of it for None), however short its reads are."""
    chunks: list[bytes] = []
    left = size
    while left is None or left > 0:
        chunk = source.read(1 << 20 if left is None else min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        if left is not None:
            left -= len(chunk)
    return b"".join(chunks)


def _read_wet(name: str, encoding: str, limit: int | None) -> Iterator[Record | BadRecord]:
    warcio = _warcio()
    with _open(name) as handle:
        stream = _Strict(handle)
        records = warcio.archiveiterator.ArchiveIterator(stream)
        records.INC_RECORD = ""  # a wrong Content-Length is reported below, not printed
        where = "offset 0"
        read = 0
        try:
            for record in records:
                if record.rec_type != "conversion":
                    continue
                data = _read_up_to(record.content_stream(), None if limit is None else limit + 1)
                # the offset is known once the record is read to its end, which also
                # checks that a blank line follows it (else its Content-Length is wrong)
                errors = records.err_count
                where = f"offset {records.get_record_offset()}"
                length = int(record.length or 0)
                large = limit is not None and len(data) > limit
                if len(data) < length and not large:
                    message = f"the record ends after {len(data)} of its {length} bytes"
                    yield _broken(name, where, read, message)
                    return
                if records.err_count > errors:
                    message = (
                        f"the record is not followed by a blank line: its length {length} is wrong"
                    )
                    yield _broken(name, where, read, message)
                    return
                read += 1
                headers = record.rec_headers
                ident = _warc_id(headers, where)
                if large:
                    text, reason, detail = _too_large(f"{length} bytes", limit or 0)
                else:
                    text, reason, detail = _text_of(_without_bom(data, encoding), encoding)
                if text is None:
                    detail = f"{ident}; {detail}" if detail else ident
                    yield BadRecord(name, where, reason, detail)
                else:
                    yield Record(ident, name, text, where, fields=_warc_fields(headers))
            if records.offset < stream.tell():
                message = "the input ends inside a record's headers"
                yield _broken(name, f"offset {records.offset}", read, message)
        except (warcio.exceptions.ArchiveLoadFailed, ValueError, *_BROKEN) as exc:
            yield _broken(name, f"after {where}", read, exc)


def _warc_fields(headers: Any) -> dict[str, Any]:
    """The `WARC_FIELDS` headers that a WET or WARC record has."""
    found = {name: headers.get_header(name) for name in WARC_FIELDS}
    return {name: value for name, value in found.items() if value is not None}


def _html_record(
    data: bytes,
    source: str,
    where: str,
    ident: str,
    encoding: str | None,
    fields: dict[str, Any],
) -> Record | BadRecord:
    """The record of one HTML page: decoded, rendered by html-text, or why it is bad."""
    try:
        page, _codec = decode_html(data, encoding=encoding)
    except DataFormatError as exc:
        detail = str(exc) if ident == source else f"{ident}; {exc}"
        return BadRecord(source, where, UNDECODABLE, detail)
    text = render_html(page)
    if not text.strip():
        detail = "the HTML holds no text" if ident == source else f"{ident}; no text in the HTML"
        return BadRecord(source, where, EMPTY_TEXT, detail)
    return Record(ident, source, text, where, fields=fields)


def _read_html(name: str, encoding: str | None, limit: int | None) -> Iterator[Record | BadRecord]:
    data = _read_whole(name, limit)
    if isinstance(data, BadRecord):
        yield data
        return
    yield _html_record(data, name, "", name, encoding, {})


_HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})


def _http_charset(content_type: str) -> tuple[str, str | None]:
    """The media type and the charset parameter of an HTTP ``Content-Type`` value."""
    media, *params = content_type.split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _read_warc(name: str, encoding: str | None, limit: int | None) -> Iterator[Record | BadRecord]:
    """The HTML ``response`` records of a WARC file with a 2xx status; other records (requests,
    metadata, redirects, errors, images...) are not pages, and pass."""
    warcio = _warcio("reading WARC files")
    with _open(name) as handle:
        stream = _Strict(handle)
        records = warcio.archiveiterator.ArchiveIterator(stream)
        records.INC_RECORD = ""
        where = "offset 0"
        read = 0
        try:
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                if not status.startswith("2"):  # redirects and errors are not the page
                    continue
                media, charset = _http_charset(record.http_headers.get_header("Content-Type") or "")
                if media not in _HTML_TYPES:
                    continue
                # the payload without its transfer and content encodings (chunked, gzip)
                data = record.content_stream().read(-1 if limit is None else limit + 1)
                large = limit is not None and len(data) > limit
                short = not large and getattr(record.raw_stream, "limit", 0) > 0
                # reading the record to its end checks that a blank line follows it
                errors = records.err_count
                where = f"offset {records.get_record_offset()}"
                if short or records.err_count > errors:
                    message = "the record is cut short or its length is wrong"
                    yield _broken(name, where, read, message)
                    return
                read += 1
                headers = record.rec_headers
                ident = _warc_id(headers, where)
                if large:
                    detail = f"{ident}; more than the limit of {limit} bytes"
                    yield BadRecord(name, where, TOO_LARGE, detail)
                    continue
                yield _html_record(
                    data, name, where, ident, encoding or charset, _warc_fields(headers)
                )
            if records.offset < stream.tell():
                message = "the input ends inside a record's headers"
                yield _broken(name, f"offset {records.offset}", read, message)
        except (warcio.exceptions.ArchiveLoadFailed, ValueError, *_BROKEN) as exc:
            yield _broken(name, f"after {where}", read, exc)


def known_total(names: Sequence[str], fmt: str = "auto") -> int | None:
    """The number of records in `names` when it is known without reading them, else None.

    Known for plain-text and HTML files (one each) and Parquet files (from their footers).
    """
    total = 0
    for name in names:
        kind = detect_format(name) if fmt == "auto" else fmt
        if kind in ("text", "html"):
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

    The cleaning is that of `clean_many` (same `processes`, `chunksize`, `progress`,
    `total`), so results equal ``cleaner.clean(record.text)``; a record on which the cleaner
    raises is counted in `report` as `CLEANING_FAILED`, with the error, and the run goes
    on. At most ``max(window, 2 * processes * chunksize)`` records (rounded up to whole
    chunks) are read ahead of the results, whatever the size of the input. A worker process
    that dies raises `WorkerLostError` naming the records that were in flight. `report` is
    complete once the iterator is exhausted.
    """
    report = report if report is not None else BadRecords()
    limit = max(window, 2 * processes * chunksize, 1)
    # the records in flight, in input order, with the bad records read between them (as
    # bounded reports), so that the report comes out in input order however many processes
    pending: deque[Record | BadRecords] = deque()
    flying = 0

    def texts() -> Iterator[str]:
        nonlocal flying
        for item in items:
            if isinstance(item, BadRecord):
                if not flying:
                    report.add(item)
                elif isinstance(pending[-1], BadRecords):
                    pending[-1].add(item)
                else:
                    pending.append(BadRecords(keep=report.keep))
                    cast("BadRecords", pending[-1]).add(item)
                continue
            pending.append(item)
            flying += 1
            yield item.text

    def next_record() -> Record:
        nonlocal flying
        while True:
            item = pending.popleft()
            if isinstance(item, Record):
                flying -= 1
                return item
            report.update(item)

    results = clean_stream(
        texts(),
        cleaner=cleaner,
        processes=processes,
        chunksize=chunksize,
        progress=progress,
        total=total,
        catch=True,
        ahead=-(-limit // chunksize) if processes > 1 else None,
    )
    try:
        for cleaned in results:
            record = next_record()
            if isinstance(cleaned, Failure):
                report.add(
                    BadRecord(record.source, record.position, CLEANING_FAILED, cleaned.error)
                )
                continue
            yield record, cleaned
        for item in pending:
            if isinstance(item, BadRecords):
                report.update(item)
        pending.clear()
    except WorkerLostError as exc:
        lost = [item for item in pending if isinstance(item, Record)]
        span = (
            f"{len(lost)} records from {lost[0].where()} to {lost[-1].where()}"
            if lost
            else "no record"
        )
        raise WorkerLostError(
            f"a worker process died (killed, or out of memory?) and the run stopped; "
            f"{span} were being cleaned and have no result",
            exc.first,
            exc.last,
        ) from exc
    finally:
        results.close()


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
        self._base = [
            ("id", pa.string()),
            ("source", pa.string()),
            ("title", pa.string()),
            ("summary", pa.string()),
            ("text", pa.string()),
            ("removed", pa.list_(span)),
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
