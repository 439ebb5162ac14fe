"""Read input files as a stream of `Record` and `BadRecord`: plain text, JSON Lines, Parquet,
WET, HTML and WARC.

Files are read record by record (Parquet in record batches, WET and WARC through warcio's
`ArchiveIterator`); a plain-text input is read whole, since it is one document, up to the
size limit. HTML files and the HTML ``response`` records of WARC files are rendered to text
with ``html-text`` before they are cleaned (`karabakh_corpus.html`).
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import IO, Any, Final, cast

from karabakh_corpus.errors import DataFormatError
from karabakh_corpus.html import decode_html, render_html
from karabakh_corpus.stream.formats import (
    INPUT_FORMATS,
    detect_format,
    html_text_module,
    pyarrow_module,
    warcio_module,
)
from karabakh_corpus.stream.model import (
    EMPTY_TEXT,
    INCOMPLETE,
    MALFORMED_JSON,
    MAX_BYTES,
    MISSING_TEXT,
    NON_STRING,
    NOT_2XX,
    NOT_AN_OBJECT,
    NOT_HTML,
    NOT_HTTP,
    STDIN,
    TOO_LARGE,
    UNDECODABLE,
    UNREADABLE_HTML,
    WARC_FIELDS,
    BadRecord,
    Record,
    Skipped,
    skip_reason,
)

__all__ = [
    "known_total",
    "read_inputs",
    "read_records",
]


def read_inputs(
    names: Iterable[str],
    fmt: str = "auto",
    *,
    text_field: str = "text",
    id_field: str | None = None,
    encoding: str | None = None,
    batch_size: int = 1024,
    max_bytes: int | None = MAX_BYTES,
) -> Iterator[Record | BadRecord | Skipped]:
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
) -> Iterator[Record | BadRecord | Skipped]:
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
    (WARC), then the page's own declaration, then UTF-8 (or windows-1252 for an undeclared
    page that is not UTF-8); a byte sequence not valid in a declared encoding becomes U+FFFD,
    and only an `encoding` given makes a page `UNDECODABLE`. A record larger than `max_bytes`
    (None or 0: no limit) is a `TOO_LARGE` bad record. An
    input that breaks (truncated or corrupt gzip, WARC or Parquet data) ends with an
    `INCOMPLETE` bad record saying where it broke and how many records were read before.
    Files that cannot be opened raise `OSError`; unknown formats `ValueError`.
    """
    limit = max_bytes or None
    if fmt == "html":
        html_text_module("reading HTML files")
        return _read_html(name, encoding, limit)
    if fmt == "warc":
        warcio_module("reading WARC files")
        html_text_module("reading WARC files")
        return _read_warc(name, encoding, limit)
    encoding = encoding or "utf-8"
    if fmt == "text":
        return _read_text(name, encoding, limit)
    if fmt == "jsonl":
        return _read_jsonl(name, text_field, id_field, encoding, limit)
    if fmt == "parquet":
        if name == STDIN:
            raise ValueError("Parquet cannot be read from standard input; give a file name")
        pyarrow_module("reading Parquet")
        return _read_parquet(name, text_field, id_field, encoding, batch_size, limit)
    if fmt == "wet":
        warcio_module()
        return _read_wet(name, encoding, limit)
    raise ValueError(f"unknown input format {fmt!r}; the formats are {', '.join(INPUT_FORMATS)}")


_BROKEN: Final = (EOFError, OSError, zlib.error)
"""What a truncated or corrupt gzip stream raises while it is read."""


class _BrokenStream(OSError):
    """A compressed stream that ends early or is corrupt (from `_Strict`)."""


class _Strict(io.RawIOBase):
    """A readable stream whose truncation or corruption raises `_BrokenStream`.

    warcio takes an `EOFError` while it reads a record's headers for the normal end of the
    file; this wrapper keeps a truncated gzip stream from passing for a whole one. `crlf`
    says whether the first line ends with CR LF (as WARC's lines do), once it is read.
    """

    def __init__(self, inner: IO[bytes]) -> None:
        super().__init__()
        self._inner = inner
        self._position = 0
        self._head = b""
        self.crlf = True

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
        if len(self._head) < 256 and b"\n" not in self._head:
            self._head += data[:256]
            line, newline, _ = self._head.partition(b"\n")
            self.crlf = not newline or line.endswith(b"\r")
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


def _read_text(
    name: str, encoding: str, limit: int | None
) -> Iterator[Record | BadRecord | Skipped]:
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
) -> Iterator[Record | BadRecord | Skipped]:
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
                last = not raw.endswith(b"\n")
                if last:
                    # the last line, or one cut short where the stream broke: find out which
                    handle.read(1)
                if raw.strip():
                    item = _json_record(name, number, raw, text_field, id_field, encoding)
                    if last and isinstance(item, BadRecord) and item.reason in _CUT:
                        # a last line without its line end that does not parse: a cut file
                        message = "the input ends inside this line, which is not whole JSON"
                        yield _broken(name, f"line {number}", read, message)
                        return
                    read += 1
                    yield item
        except _BROKEN as exc:  # a corrupt or truncated .gz file
            yield _broken(name, f"line {at}", read, exc)


_CUT: Final = (MALFORMED_JSON, UNDECODABLE)
"""What the last line of a JSON Lines file cut inside it reads as."""


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
    return Record(str(number) if ident is None else _id_text(ident), name, text, where, fields=obj)


def _id_text(value: object) -> str:
    """A record's id from the value of its id field: a string as it is, anything else as its
    JSON text (a number as written, an object as ``{"x": 1}``, never a Python repr)."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _read_parquet(
    name: str,
    text_field: str,
    id_field: str | None,
    encoding: str,
    batch_size: int,
    limit: int | None,
) -> Iterator[Record | BadRecord | Skipped]:
    pa = pyarrow_module("reading Parquet")
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
                        str(row + k) if ident is None else _id_text(ident),
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


def _end_of(record: Any, records: Any) -> tuple[str, str | None]:
    """Read the rest of a WET or WARC `record`: where it is, and why it is broken (None when
    it is whole).

    Reading a record to its end checks that it holds all of its ``Content-Length`` and that
    a blank line follows it (else its length is wrong: it would swallow the records after
    it); every record is read so, those passed over too, so that a cut inside any of them
    is found.
    """
    errors = records.err_count
    where = f"offset {records.get_record_offset()}"
    headers = record.rec_headers
    if headers.get_header("WARC-Type") is None or headers.get_header("Content-Length") is None:
        return where, "the record's headers are cut short (no WARC-Type or Content-Length)"
    left = getattr(record.raw_stream, "limit", 0)
    if left > 0:
        length = int(record.length or 0)
        return where, f"the record ends after {length - left} of its {length} bytes"
    if records.err_count > errors:
        length = int(record.length or 0)
        return where, f"the record is not followed by a blank line: its length {length} is wrong"
    return where, None


class _Unparsable(ValueError):
    """A record whose headers warcio cannot parse (it fails on some cut ones)."""


def _parsed(records: Any) -> Iterator[Any]:
    """The records of warcio's `records`; an error while it parses one is `_Unparsable`."""
    iterator = iter(records)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except (ValueError, *_BROKEN):
            raise
        except Exception as exc:  # warcio's own error on headers it cannot read
            raise _Unparsable(f"a record's headers cannot be read ({_message(exc)})") from exc
        yield record


_Make = Callable[[str], "Record | BadRecord | Skipped"]
"""What a WET or WARC record becomes, given where it is (known once it is read)."""


def _read_archive(
    name: str, feature: str, read_one: Callable[[Any], _Make]
) -> Iterator[Record | BadRecord | Skipped]:
    """The records of a WET or WARC file, in order: `read_one` reads a record's payload and
    says what it becomes; then the record is read to its end (`_end_of`), whether it is a
    page or passed over, and at the end of the file a cut inside the headers of a record,
    or in the blank lines that close the last one, is found too."""
    warcio = warcio_module(feature)
    with _open(name) as handle:
        stream = _Strict(handle)
        records = warcio.archiveiterator.ArchiveIterator(stream)
        records.INC_RECORD = ""  # a wrong Content-Length is reported below, not printed
        where = "offset 0"
        read = 0
        closing = 0  # the bytes of blank lines after the last record read
        try:
            for record in _parsed(records):
                make = read_one(record)
                where, broken = _end_of(record, records)
                if broken is not None:
                    yield _broken(name, where, read, broken)
                    return
                start, length = records.member_info
                closing = records.offset - start - length
                read += 1
                yield make(where)
            if records.offset < stream.tell():
                message = "the input ends inside a record's headers"
                yield _broken(name, f"offset {records.offset}", read, message)
            elif read and closing < (4 if stream.crlf else 2):
                # a WARC record ends with two blank lines (CRLF CRLF)
                message = "the input ends inside the blank lines that close its last record"
                yield _broken(name, where, read, message)
        except (warcio.exceptions.ArchiveLoadFailed, ValueError, *_BROKEN) as exc:
            yield _broken(name, f"after {where}", read, exc)


def _read_wet(
    name: str, encoding: str, limit: int | None
) -> Iterator[Record | BadRecord | Skipped]:
    def read_one(record: Any) -> _Make:
        if record.rec_type != "conversion":
            reason = skip_reason(record.rec_type)
            return lambda where: Skipped(name, where, reason)
        data = _read_up_to(record.content_stream(), None if limit is None else limit + 1)
        headers = record.rec_headers

        def make(where: str) -> Record | BadRecord:
            ident = _warc_id(headers, where)
            if limit is not None and len(data) > limit:
                text, reason, detail = _too_large(f"{int(record.length or 0)} bytes", limit)
            else:
                text, reason, detail = _text_of(_without_bom(data, encoding), encoding)
            if text is None:
                return BadRecord(name, where, reason, f"{ident}; {detail}" if detail else ident)
            return Record(ident, name, text, where, fields=_warc_fields(headers))

        return make

    return _read_archive(name, "reading WET files", read_one)


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
    http_charset: str | None = None,
) -> Record | BadRecord:
    """The record of one HTML page: decoded, rendered by html-text, or why it is bad."""
    try:
        page, _codec = decode_html(data, encoding=encoding, http_charset=http_charset)
    except DataFormatError as exc:
        detail = str(exc) if ident == source else f"{ident}; {exc}"
        return BadRecord(source, where, UNDECODABLE, detail)
    try:
        text = render_html(page)
    except DataFormatError as exc:  # nested deeper than the parser reads
        detail = str(exc) if ident == source else f"{ident}; {exc}"
        return BadRecord(source, where, UNREADABLE_HTML, detail)
    if not text.strip():
        detail = "the HTML holds no text" if ident == source else f"{ident}; no text in the HTML"
        return BadRecord(source, where, EMPTY_TEXT, detail)
    return Record(ident, source, text, where, fields=fields, html=page)


def _read_html(
    name: str, encoding: str | None, limit: int | None
) -> Iterator[Record | BadRecord | Skipped]:
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


def _read_warc(
    name: str, encoding: str | None, limit: int | None
) -> Iterator[Record | BadRecord | Skipped]:
    """The HTML ``response`` records of a WARC file with a 2xx status; other records (requests,
    metadata, revisits, redirects, errors, images...) are not pages, and are passed over,
    counted by why (`SKIP_REASONS`)."""

    def read_one(record: Any) -> _Make:
        reason = None
        http = record.http_headers
        if record.rec_type != "response":
            reason = skip_reason(record.rec_type)
        elif http is None:
            reason = NOT_HTTP
        elif not (http.get_statuscode() or "").startswith("2"):
            reason = NOT_2XX  # redirects and errors are not the page
        media, charset = _http_charset(http.get_header("Content-Type") or "" if http else "")
        if reason is None and media not in _HTML_TYPES:
            reason = NOT_HTML
        if reason is not None:
            skipped = reason
            return lambda where: Skipped(name, where, skipped)
        # the payload without its transfer and content encodings (chunked, gzip)
        data = record.content_stream().read(-1 if limit is None else limit + 1)
        headers = record.rec_headers

        def make(where: str) -> Record | BadRecord:
            ident = _warc_id(headers, where)
            if limit is not None and len(data) > limit:
                detail = f"{ident}; more than the limit of {limit} bytes"
                return BadRecord(name, where, TOO_LARGE, detail)
            return _html_record(
                data, name, where, ident, encoding, _warc_fields(headers), http_charset=charset
            )

        return make

    return _read_archive(name, "reading WARC files", read_one)


def fields_type(names: Sequence[str]) -> Any:
    """The Arrow struct type of the fields of `names` when every one is a Parquet file with
    the same columns (their types as the files have them, nulls or not), else None."""
    pa = pyarrow_module("reading Parquet")
    found = None
    for name in names:
        if name == STDIN:
            return None
        try:
            schema = pa.parquet.read_schema(name)
        except (pa.ArrowException, OSError):
            return None
        kind = pa.struct(list(schema))
        if found is not None and kind != found:
            return None
        found = kind
    return found


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
            pa = pyarrow_module("reading Parquet")
            try:
                total += pa.parquet.ParquetFile(name).metadata.num_rows
            except (pa.ArrowException, OSError):
                return None
        else:
            return None
    return total
