"""The command line: ``karabakh-corpus`` (or ``python -m karabakh_corpus``).

Verbs: ``info``, ``list``, ``show ID``, ``export``, ``changes OLD..NEW``, ``verify``,
``releases``, ``reanchor SPANS.jsonl --from OLD [--to NEW]``, ``clean FILE...``. Errors
print one line on stderr and exit 1 (bad data or input) or 2 (bad usage).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from types import FrameType
from typing import Any, Final, NoReturn, TextIO

from karabakh_corpus._version import __version__
from karabakh_corpus.errors import CorpusError

__all__ = ["main"]

PROG = "karabakh-corpus"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class _Fail(Exception):
    """A one-line error for the user."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]); return the exit status."""
    with _Stop().installed() as stop:
        try:
            parser = _build_parser()
            args = parser.parse_args(argv)
            args.stop = stop
            command: Callable[[argparse.Namespace, TextIO], int] = args.run
            return command(args, sys.stdout)
        except _Interrupted as exc:
            stop.hold()
            print(f"{PROG}: interrupted by {exc}", file=sys.stderr)
            return 128 + exc.signum
        except BrokenPipeError:
            # the reader went away (`... | head`): stop quietly, and keep the interpreter's
            # final flush of stdout from failing again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except (_Fail, CorpusError, OSError, UnicodeDecodeError) as exc:
            message = str(exc) if isinstance(exc, (_Fail, CorpusError)) else _describe(exc)
            print(f"{PROG}: error: {message}", file=sys.stderr)
            return 1


def _describe(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"cannot decode input as {exc.encoding}: {exc.reason}; pass --encoding"
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


def _build_parser() -> _Parser:
    from karabakh_corpus import stream
    from karabakh_corpus.export import formats as export

    parser = _Parser(prog=PROG, description="The karabakh_corpus corpus and cleaner.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True, parser_class=_Parser)

    info = verbs.add_parser("info", help="the release, its documents and counts")
    info.set_defaults(run=_info)

    listing = verbs.add_parser(
        "list", help="one line per document: id, date, outlet, wire, title (~: inferred)"
    )
    listing.set_defaults(run=_list)

    show = verbs.add_parser("show", help="one document: its clean article and metadata")
    show.add_argument("id", help="a document id (see: karabakh-corpus list)")
    form = show.add_mutually_exclusive_group()
    form.add_argument("--raw", action="store_true", help="the raw text, exactly as scraped")
    form.add_argument("--json", action="store_true", help="the document record as JSON")
    show.set_defaults(run=_show)

    exporting = verbs.add_parser("export", help="write the corpus in an annotation format")
    exporting.add_argument(
        "--format",
        required=True,
        choices=list(export.FORMATS),
        dest="fmt",
    )
    exporting.add_argument("--out", required=True, help="the folder to write into")
    exporting.add_argument("--ids", nargs="+", metavar="ID", help="only these documents")
    exporting.set_defaults(run=_export)

    change = verbs.add_parser("changes", help="what changed between two releases")
    change.add_argument("span", metavar="OLD..NEW", help="two releases, e.g. 1.0.0..1.1.0")
    change.set_defaults(run=_changes)

    moving = verbs.add_parser(
        "reanchor",
        help="move your own spans (JSON Lines) from one release's texts to another's",
        description="Move spans from the texts of one release to those of another. Each "
        "input line is a JSON object with the document id ('document' or 'id'), 'start' "
        "and 'end' (offsets into the document's raw text, or its clean text with --on "
        "clean) and, optionally, 'text' (checked against the offsets). Each output line is "
        "the input object with 'start', 'end' and 'text' in the new release (null when "
        "lost), 'status' (moved, changed or lost), 'reason', and 'old' (the span as "
        "given). Bad lines are reported on stderr and make the exit status 1.",
    )
    moving.add_argument("file", metavar="SPANS.jsonl", help="the spans; '-' is stdin")
    moving.add_argument("--from", dest="source", required=True, metavar="RELEASE")
    moving.add_argument("--to", dest="target", metavar="RELEASE", help="default: this release")
    moving.add_argument(
        "--on", choices=["raw", "clean"], default="raw", help="the text the offsets are in"
    )
    moving.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write here instead of stdout: FILE is replaced once every span is written "
        "(keeping its mode; a link is followed; a device or FIFO is written to directly)",
    )
    moving.set_defaults(run=_reanchor)

    check = verbs.add_parser("verify", help="check the installed data against its manifest")
    check.set_defaults(run=_verify)

    releases = verbs.add_parser("releases", help="the releases whose manifests ship here")
    releases.set_defaults(run=_releases)

    clean = verbs.add_parser(
        "clean",
        help="clean scraped news: plain text, JSON Lines, Parquet, WET, HTML or WARC (stdin: -)",
        description="Clean scraped news text as a stream. A plain text file is one document, "
        "read whole (up to --max-bytes); an HTML file is one page, rendered to text with "
        "html-text; JSON Lines, Parquet, Common Crawl WET files and WARC files (their HTML "
        "responses) hold many. Output rows keep the input record's own fields (JSON fields, "
        "Parquet columns, WARC headers) under 'fields', apart from the results. Bad records "
        "(malformed, empty, too large, or one the cleaner fails on) are "
        "skipped, counted and reported on stderr with their file and line, and the run goes "
        "on; an input that breaks off (truncated or corrupt) is reported with where it broke. "
        "The output file is written beside its place and moved there when the run is done: "
        "an interrupted or failed run leaves no partial output (a device or a FIFO, such as "
        "/dev/null, is written to directly). Exit status: 0 done (bad "
        "records reported), 3 done but records lost (an input broke off, or the cleaner "
        "failed on a record), 1 nothing cleaned or the run stopped (a worker process died), "
        "2 bad usage, 130/143/129 stopped by SIGINT (Ctrl-C), SIGTERM or SIGHUP, which end "
        "the run at any moment, stop its workers and remove the temporary output (SIGKILL "
        "cannot: it leaves .FILE.*.part beside FILE). See docs/scaling.md.",
    )
    clean.add_argument(
        "files",
        nargs="*",
        default=["-"],
        metavar="INPUT",
        help="an input file; '-' (the default) is stdin",
    )
    clean.add_argument(
        "--format",
        dest="input_format",
        choices=["auto", *stream.INPUT_FORMATS],
        default="auto",
        help="the input format (default: auto, by extension: .jsonl/.ndjson[.gz], "
        ".parquet/.pq, .wet[.gz], .html/.htm[.gz], .warc[.gz], anything else plain text)",
    )
    clean.add_argument(
        "--text-field",
        default="text",
        metavar="NAME",
        help="the JSON field or Parquet column of the text (default: text)",
    )
    clean.add_argument(
        "--id-field",
        metavar="NAME",
        help="the JSON field or Parquet column of the record id (default: the field 'id' "
        "when the record has one, else the line or row number); a name the records do not "
        "have is refused; an id that is not a string is its JSON text",
    )
    clean.add_argument(
        "--keep-fields",
        action="extend",
        type=_field_names,
        metavar="NAME[,NAME...]",
        help="keep only these fields of the input records in the output's 'fields', "
        "comma-separated (repeatable; default: every field); a name the records do not "
        "have is refused, with the fields they have",
    )
    clean.add_argument(
        "--drop-input-text",
        action="store_true",
        help="leave the input text (the --text-field) out of the output's 'fields'",
    )
    clean.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    form = clean.add_mutually_exclusive_group()
    form.add_argument(
        "--output-format",
        choices=list(stream.OUTPUT_FORMATS),
        help="jsonl (default unless every input is plain text), parquet (needs --output), "
        "or text (the title and the clean text)",
    )
    form.add_argument("--json", action="store_true", help="one JSON object per record (jsonl)")
    form.add_argument("--explain", action="store_true", help="every line with its label and rule")
    clean.add_argument("--profile", help="a site profile to add to the generic rules")
    clean.add_argument(
        "--encoding",
        help="the encoding of the input bytes (default: utf-8; for HTML, the charset the "
        "HTTP header or the page declares, else utf-8 or windows-1252, bytes not valid in it "
        "read as U+FFFD; given, it overrides them, and bytes it does not decode are refused)",
    )
    clean.add_argument(
        "--processes", type=int, default=1, metavar="N", help="clean in N worker processes"
    )
    clean.add_argument(
        "--max-bytes",
        type=int,
        default=5_000_000,
        metavar="N",
        help="the size limit of one record (a plain text file, a JSON line, a Parquet value, "
        "a WET payload); larger ones are skipped as too large, since cleaning takes about a "
        "hundred times a text's size in memory (default: 5000000; 0: no limit)",
    )
    clean.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal; else a "
        "progress line every 10 s, see --progress-every); --no-progress shows neither",
    )
    clean.add_argument(
        "--progress-every",
        type=float,
        metavar="SECONDS",
        help="write a progress line on stderr every SECONDS (the records cleaned and "
        "skipped so far), for a log or a script (default: 10 when stderr is not a terminal)",
    )
    clean.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="no progress, and of the report on stderr only the summary line, the inputs "
        "that broke off and the errors",
    )
    clean.set_defaults(run=_clean)
    return parser


def _field_names(value: str) -> list[str]:
    """The field names of a comma-separated list; an empty name is a usage error."""
    names = [name.strip() for name in value.split(",")]
    if not all(names):
        raise argparse.ArgumentTypeError(f"give field names separated by commas, not {value!r}")
    return names


def _info(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.corpus.loader import load
    from karabakh_corpus.schema import ANNOTATION_TYPES

    corpus = load()
    stripped: Counter[str] = Counter()
    paragraphs = words = 0
    for doc in corpus:
        paragraphs += len(doc.paragraphs)
        words += len(doc.text.split())
        stripped.update(r.category.value for r in doc.meta.stripped)
    dates = sorted(d.meta.date.isoformat() for d in corpus if d.meta.date is not None)
    print(f"karabakh_corpus release {corpus.release}", file=out)
    print(f"documents: {len(corpus)}", file=out)
    print(f"body paragraphs: {paragraphs}, body words: {words}", file=out)
    if dates:
        print(f"dates: {dates[0]} .. {dates[-1]}", file=out)
    print(
        "stripped regions: " + ", ".join(f"{k} {v}" for k, v in sorted(stripped.items())), file=out
    )
    spans = Counter(str(a.layer) for doc in corpus for a in doc.annotations)
    layers = ", ".join(f"{layer} {spans[layer]}" for layer in ANNOTATION_TYPES)
    print(f"annotation spans: {layers}; entities: {len(corpus.entities())}", file=out)
    return 0


def _list(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.corpus.loader import load

    for doc in load():
        meta = doc.meta
        date = meta.date.isoformat() if meta.date else "-"
        if meta.date_inferred:
            date += "~"
        wire = meta.wire.value if meta.wire else "-"
        if meta.wire_inferred:
            wire += "~"
        print(
            f"{doc.id}  {date:<11}  {meta.outlet or '-':<17}  {wire:<7}  {doc.title or '-'}",
            file=out,
        )
    return 0


def _show(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.corpus.convert import unstructure_document
    from karabakh_corpus.corpus.loader import load

    doc = load()[args.id]
    if args.raw:
        out.write(doc.raw)
        return 0
    if args.json:
        record = unstructure_document(doc)
        record["clean_text"] = doc.clean_text
        print(json.dumps(record, ensure_ascii=False, indent=1), file=out)
        return 0
    meta = doc.meta
    print(doc.title or "(no title)", file=out)
    print(file=out)
    if doc.summary:
        print(doc.summary, file=out)
        print(file=out)
    date = meta.date.isoformat() if meta.date else "unknown"
    print(f"id: {doc.id}  date: {date}{' (inferred)' if meta.date_inferred else ''}", file=out)
    wire = meta.wire.value if meta.wire else "-"
    print(
        f"outlet: {meta.outlet or '-'}  wire: {wire}{' (inferred)' if meta.wire_inferred else ''}"
        f"  byline: {meta.byline or '-'}",
        file=out,
    )
    print(
        f"dateline: {meta.dateline or '-'}  authors: {', '.join(meta.authors) or '-'}",
        file=out,
    )
    print(file=out)
    print(doc.text, file=out)
    return 0


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.corpus.loader import load
    from karabakh_corpus.export.formats import export

    repeated = sorted(i for i, n in Counter(args.ids or ()).items() if n > 1)
    if repeated:
        raise _Fail(f"--ids names {', '.join(repeated)} more than once; name each document once")
    written = export(load(), args.fmt, args.out, ids=args.ids)
    print(f"wrote {written}", file=out)
    return 0


def _changes(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.corpus.release import changes

    old, sep, new = args.span.partition("..")
    if not sep or not old or not new:
        raise _Fail(f"give two releases as OLD..NEW (for example 1.0.0..1.1.0), not {args.span!r}")
    print(changes(old, new).report(), file=out)
    return 0


def _reanchor(args: argparse.Namespace, out: TextIO) -> int:
    """Move every span of a JSON Lines file; bad lines go to stderr (exit status 1)."""
    from karabakh_corpus.corpus.anchor import Reanchored, as_span
    from karabakh_corpus.corpus.loader import load
    from karabakh_corpus.corpus.release import reanchor_many
    from karabakh_corpus.schema import Span
    from karabakh_corpus.stream.write import replacing, row_json

    stop: _Stop = args.stop
    before, after = load(args.source), load(args.target)  # unknown releases fail here
    name = "<stdin>" if args.file == "-" else args.file
    if args.file == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(args.file, "rb") as handle:
            data = handle.read()
    bad: list[str] = []
    rows: list[tuple[dict[str, object], str, Span]] = []
    # bytes, split on line ends only: a JSON string may hold U+2028, which str.splitlines
    # takes for one
    for number, raw in enumerate(data.split(b"\n"), 1):
        stop.check()
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad.append(f"{name}:{number}: not UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a line must be a JSON object")
            doc_id = record.get("document", record.get("id"))
            if not isinstance(doc_id, str):
                raise ValueError("give the document id as 'document' (or 'id')")
            doc = before[doc_id]
            text = doc.raw if args.on == "raw" else doc.clean_text
            given: tuple[object, ...] = (record.get("start"), record.get("end"))
            if record.get("text") is not None:
                given += (record["text"],)
            rows.append((record, doc_id, as_span(given, text)))
        except json.JSONDecodeError as exc:
            bad.append(f"{name}:{number}: not JSON ({exc.msg} at column {exc.colno})")
        except (ValueError, TypeError, CorpusError) as exc:
            bad.append(f"{name}:{number}: {exc}")
    results: dict[int, Reanchored] = {}
    by_document: dict[str, list[int]] = {}
    for index, (_, doc_id, _) in enumerate(rows):
        by_document.setdefault(doc_id, []).append(index)
    for doc_id, indexes in by_document.items():
        stop.check()
        moved = reanchor_many(
            [rows[i][2] for i in indexes], doc_id, before.release, after.release, on=args.on
        )
        results.update(zip(indexes, moved, strict=True))
    counts: Counter[str] = Counter()
    lines_out = []
    for index, (record, _, old) in enumerate(rows):
        result = results[index]
        new = result.new
        counts[result.status] += 1
        row = {
            **record,
            "start": None if new is None else new.start,
            "end": None if new is None else new.end,
            "text": None if new is None else new.text,
            "status": result.status,
            "reason": result.reason,
            "old": {"start": old.start, "end": old.end, "text": old.text},
        }
        # a lone surrogate (half of an emoji) is written as its JSON escape, as it came
        lines_out.append(row_json(row))
    text_out = "".join(line + "\n" for line in lines_out)
    if args.output is None:
        out.write(text_out)
    else:
        with replacing(args.output) as temp, _writing(args.output):
            with open(temp, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text_out)
            stop.hold()  # every line is written: a signal from now on lets it finish
    for line in bad:
        print(f"{PROG}: {line}", file=sys.stderr)
    summary = ", ".join(f"{counts[s]} {s}" for s in ("moved", "changed", "lost"))
    print(
        f"{PROG}: {len(rows)} spans from {before.release} to {after.release}: {summary}"
        + (f"; {len(bad)} bad lines skipped" if bad else ""),
        file=sys.stderr,
    )
    return 1 if bad else 0


def _verify(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.corpus.release import releases, verify

    release = verify()
    past = [r.version for r in releases() if r.version != release]
    print(f"release {release}: every data file matches its manifest", file=out)
    if past:
        print(f"past releases {', '.join(past)}: each loads and matches its own manifest", file=out)
    return 0


def _releases(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.corpus.release import releases

    for release in releases():
        print(f"{release.version}  {len(release.documents)} documents", file=out)
    return 0


class _Interrupted(BaseException):
    """A signal that stops the command line arrived: stop, clean up, and exit with 128 + its
    number."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


STOP_SIGNALS: Final = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""The signals that stop a command (Ctrl-C, a service manager, a closed terminal): each
ends it with status 128 + its number, after its clean-up."""


class _Stop:
    """The handler of `STOP_SIGNALS`, installed first thing in `main`.

    The first signal raises `_Interrupted` wherever the main thread is, unless the command
    has `hold`-ed them (its output is being put in place: it ends as if no signal had come),
    or the main thread is in a finalizer (a ``__del__``, which would swallow the exception):
    there `check`, which a command calls after each record, raises it. Later signals are only
    noted, so that nothing cuts the clean-up short.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self.held = False

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is not None:
            return
        self.signum = signum
        if not self.held and not _in_finalizer(frame):
            raise _Interrupted(signum)

    def check(self) -> None:
        """Raise `_Interrupted` for a signal that came where it could not be raised."""
        if self.signum is not None and not self.held:
            raise _Interrupted(self.signum)

    def hold(self) -> None:
        """From now on a signal is only noted: the command is done, and finishes."""
        self.held = True

    @contextlib.contextmanager
    def installed(self) -> Iterator[_Stop]:
        """The handler in place for the ``with`` block (in the main thread only)."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        saved = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
        for signum in saved:
            signal.signal(signum, self)
        try:
            yield self
        finally:
            self.held = True
            for signum, handler in saved.items():
                signal.signal(signum, handler)


def _in_finalizer(frame: FrameType | None) -> bool:
    """Whether `frame` runs inside a ``__del__`` method (garbage collection can run one
    anywhere), where an exception is printed and dropped."""
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


def _clean(args: argparse.Namespace, out: TextIO) -> int:
    """Clean every record of the inputs as a stream; report the bad ones on stderr.

    Exit status: 0 when every record was cleaned or skipped as bad (and reported); 3 when
    the run finished but something was lost (an input broke off, or the cleaner failed on a
    record); 1 when nothing could be cleaned, or the run stopped on an error (a worker
    process died); 2 on bad usage; 128 + the signal's number when stopped by SIGINT, SIGTERM
    or SIGHUP (`STOP_SIGNALS`).
    """
    import codecs

    from karabakh_corpus import _textmap, stream
    from karabakh_corpus.clean import Cleaned, Cleaner
    from karabakh_corpus.errors import WorkerLostError

    names: list[str] = args.files
    formats = [
        stream.detect_format(name) if args.input_format == "auto" else args.input_format
        for name in names
    ]
    target = "jsonl" if args.json else "explain" if args.explain else args.output_format
    if target is None:
        target = "text" if all(fmt == "text" for fmt in formats) else "jsonl"
    if target == "parquet" and args.output is None:
        return _clean_usage("--output-format parquet needs --output FILE")
    if args.processes < 1:
        return _clean_usage(f"--processes must be at least 1, not {args.processes}")
    if args.quiet and (args.progress or args.progress_every is not None):
        return _clean_usage("--quiet shows no progress: give it or a progress option")
    if args.progress and args.progress_every is not None:
        return _clean_usage("--progress shows a bar, --progress-every lines: give one of them")
    if args.progress_every is not None and not args.progress_every > 0:
        return _clean_usage(f"--progress-every must be more than 0, not {args.progress_every}")
    if args.max_bytes < 0:
        return _clean_usage(f"--max-bytes must be 0 (no limit) or more, not {args.max_bytes}")
    if args.drop_input_text and args.keep_fields and args.text_field in args.keep_fields:
        return _clean_usage(
            f"--keep-fields keeps the text field {args.text_field!r} that --drop-input-text "
            "drops; give one of them"
        )
    inputs = list(zip(names, formats, strict=True))
    if (stream.STDIN, "parquet") in inputs:
        return _clean_usage("Parquet cannot be read from stdin; give a file name")
    if args.output is not None and os.path.isdir(args.output):
        return _clean_usage(f"the output {args.output} is a folder; give a file name")
    if args.output is not None:
        for name in names:
            if name != stream.STDIN and _same_file(name, args.output):
                return _clean_usage(
                    f"the output {args.output} is the input {name}: writing it would destroy "
                    "the input; write to another file"
                )
    try:
        if args.encoding is not None:
            codecs.lookup(args.encoding)
        cleaner = Cleaner(profile=args.profile)
    except LookupError as exc:
        raise _Fail(f"unknown encoding {args.encoding!r}") from exc
    except ValueError as exc:
        raise _Fail(str(exc)) from exc
    for fmt in sorted(set(formats)):
        stream.require(fmt)  # a missing extra fails here, before any output
    if target == "parquet":
        stream.require("parquet", writing=True)
    if args.progress:
        _require_tqdm()
    for name in names:
        if name != stream.STDIN:
            with open(name, "rb"):  # a missing or unreadable input fails before any output
                pass
    total = None
    if args.progress or (args.progress is None and sys.stderr.isatty()):
        total = stream.known_total(names, args.input_format)
    items = (
        item
        for name, fmt in inputs
        for item in stream.read_records(
            name,
            fmt,
            text_field=args.text_field,
            id_field=args.id_field,
            encoding=args.encoding,
            max_bytes=args.max_bytes,
        )
    )
    wanted = {name: "--keep-fields" for name in args.keep_fields or ()}
    if args.id_field is not None:
        wanted[args.id_field] = "--id-field"
    report = stream.BadRecords()
    results = stream.clean_records(
        _fields_checked(items, wanted) if wanted else items,
        cleaner=cleaner,
        report=report,
        processes=args.processes,
        progress=False if args.quiet or args.progress_every is not None else args.progress,
        total=total,
    )
    headers = len(names) > 1 or any(fmt not in ("text", "html") for fmt in formats)

    drop = [args.text_field] if args.drop_input_text else []

    def row(record: stream.Record, result: Cleaned) -> dict[str, Any]:
        return stream.output_record(record, result, keep=args.keep_fields, drop=drop)

    def write(handle: TextIO, record: stream.Record, result: Cleaned) -> None:
        if target == "jsonl":
            print(stream.row_json(row(record, result)), file=handle)
        elif target == "explain":
            print(f"# {record.id}", file=handle)
            print(result.explain(), file=handle)
        else:
            if headers:
                print(f"# {record.id}", file=handle)
            if result.title:
                print(_textmap.normalize(result.title), file=handle)
                print(file=handle)
            print(result.text, file=handle)

    cleaned = 0
    unwritten = f"; {args.output} was not written" if args.output is not None else ""
    stop: _Stop = args.stop
    every = args.progress_every
    if every is None and args.progress is None and not args.quiet and not sys.stderr.isatty():
        every = PROGRESS_EVERY  # no bar off a terminal: lines, for a log
    ticker = _Ticker(every, report)
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(contextlib.closing(results))
            destination = "standard output"
            if args.output is not None:
                # written beside the output, which it replaces only once the run is done
                # (a device or a FIFO is written to directly)
                temp = stack.enter_context(stream.replacing(args.output))
                destination = args.output
                if temp == args.output:
                    unwritten = f"; {args.output} (not a regular file) got the records before"
            if target == "parquet":
                known = None
                if all(fmt == "parquet" for fmt in formats):
                    from karabakh_corpus.stream.read import fields_type

                    known = fields_type(names)  # the input's own types, nulls or not
                sink = stack.enter_context(stream.ParquetSink(temp, fields_type=known))
                for record, result in results:
                    stop.check()
                    values = row(record, result)
                    problem = stream.unwritable(values)
                    if problem is not None:
                        bad = stream.BadRecord(
                            record.source, record.position, stream.UNWRITABLE, problem
                        )
                        report.add(bad)
                        continue
                    with _writing(destination):
                        sink.write(values)
                    cleaned += 1
                    ticker.tick(cleaned)
                with _writing(destination):
                    sink.close()
            else:
                # a lone surrogate cannot be encoded: text and explain outputs show it escaped
                if args.output is not None:
                    out = stack.enter_context(_opened(temp, destination))
                elif isinstance(out, io.TextIOWrapper):
                    out.reconfigure(errors="backslashreplace")
                for record, result in results:
                    stop.check()
                    with _writing(destination):
                        write(out, record, result)
                    cleaned += 1
                    ticker.tick(cleaned)
                with _writing(destination):
                    out.flush()  # what stdout holds goes out before the run is done
            stop.hold()  # the run is done: a signal from now on lets it finish
    except _Interrupted as exc:
        stop.hold()
        print(
            f"{PROG}: interrupted by {exc}: {report.summary(cleaned)}{unwritten}", file=sys.stderr
        )
        return 128 + exc.signum
    except WorkerLostError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        print(f"{PROG}: stopped: {report.summary(cleaned)}{unwritten}", file=sys.stderr)
        return 1
    except _Unseen as exc:
        return _clean_usage(f"{exc}{unwritten}")
    if report.total or report.incomplete or report.passed:
        lines = [bad.describe() for bad in report.incomplete] if args.quiet else report.lines()
        for line in lines:
            print(f"{PROG}: {line}", file=sys.stderr)
        print(f"{PROG}: {report.summary(cleaned)}", file=sys.stderr)
    lost = (
        report.incomplete
        or report.counts[stream.CLEANING_FAILED]
        or report.counts[stream.UNWRITABLE]
    )
    if not cleaned and (report.total or lost):
        return 1
    return 3 if lost else 0


PROGRESS_EVERY: Final = 10.0
"""Seconds between two progress lines of `clean` when stderr is not a terminal."""


class _Ticker:
    """A progress line on stderr every `every` seconds (None: never) as records are done."""

    def __init__(self, every: float | None, report: Any) -> None:
        self.every = every
        self.report = report
        self.started = time.monotonic()
        self.due = self.started + (every or 0.0)

    def tick(self, cleaned: int) -> None:
        if self.every is None:
            return
        now = time.monotonic()
        if now >= self.due:
            self.due = now + self.every
            seconds = round(now - self.started)
            print(f"{PROG}: after {seconds} s: {self.report.summary(cleaned)}", file=sys.stderr)


LOOK_AHEAD: Final = 256
"""How many records `--keep-fields` and `--id-field` are checked against before the run
writes anything (the window of records in flight is as large)."""


class _Unseen(Exception):
    """`--keep-fields` or `--id-field` names a field that the records do not have."""

    def __init__(self, unseen: dict[str, str], seen: set[str], *, end: bool) -> None:
        names = ", ".join(f"{option} names {name!r}" for name, option in unseen.items())
        fields = sorted(seen)
        shown = ", ".join(fields[:20]) + (", ..." if len(fields) > 20 else "")
        which = "no record had" if end else "the records do not have"
        super().__init__(
            f"{names}, which {which}; their fields are: "
            f"{shown or 'none (a plain-text or HTML record has none)'}"
        )


def _fields_checked(items: Iterator[Any], wanted: dict[str, str]) -> Iterator[Any]:
    """`items`, once the field names of `wanted` (name -> option) are checked against the
    records' fields: a name that none of the first `LOOK_AHEAD` records has is refused
    then (`_Unseen`), before anything is written, when those are all the records or all
    have the same fields; else it is refused at the end if no record had it."""
    from karabakh_corpus.stream import Record

    ahead = list(itertools.islice(items, LOOK_AHEAD))
    seen: set[str] = set()
    shapes = {frozenset(item.fields) for item in ahead if isinstance(item, Record)}
    for shape in shapes:
        seen.update(shape)
    unseen = {name: option for name, option in wanted.items() if name not in seen}
    if unseen and shapes and (len(ahead) < LOOK_AHEAD or len(shapes) == 1):
        raise _Unseen(unseen, seen, end=False)
    records = bool(shapes)
    yield from ahead
    for item in items:
        if isinstance(item, Record):
            records = True
            if unseen:
                seen.update(item.fields)
                unseen = {name: option for name, option in unseen.items() if name not in seen}
        yield item
    if unseen and records:
        raise _Unseen(unseen, seen, end=True)


@contextlib.contextmanager
def _writing(destination: str) -> Iterator[None]:
    """Name `destination` in an error of writing that names no file (a full disk)."""
    try:
        yield
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), destination) from exc


@contextlib.contextmanager
def _opened(path: str, destination: str) -> Iterator[TextIO]:
    """`path` opened to write text: closed when the block ends, its errors naming
    `destination`; after an error, closed without a second one."""
    with _writing(destination):
        # a lone surrogate cannot be encoded: text and explain outputs show it escaped
        handle = open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n")  # noqa: SIM115
    try:
        yield handle
    except BaseException:
        with contextlib.suppress(OSError):
            handle.close()
        raise
    with _writing(destination):
        handle.close()


def _same_file(name: str, output: str) -> bool:
    """Whether `output` is `name` (also through a link); False when either is missing."""
    try:
        return os.path.samefile(name, output)
    except OSError:
        return False


def _clean_usage(message: str) -> int:
    print(f"{PROG} clean: error: {message} (see {PROG} clean --help)", file=sys.stderr)
    return 2


def _require_tqdm() -> None:
    from karabakh_corpus import _extras

    with _extras.needs("progress", "a progress display"):
        import tqdm  # noqa: F401
