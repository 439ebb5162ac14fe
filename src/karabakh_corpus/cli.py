"""The command line: ``karabakh-corpus`` (or ``python -m karabakh_corpus``).

Verbs: ``info``, ``list``, ``show ID``, ``changes OLD..NEW``, ``verify``, ``releases``,
``clean FILE...``. Errors print one line on stderr
and exit 1 (bad data or input) or 2 (bad usage).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO

from karabakh_corpus import _textmap
from karabakh_corpus._convert import unstructure_document
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
    parser = _build_parser()
    args = parser.parse_args(argv)
    command: Callable[[argparse.Namespace, TextIO], int] = args.run
    try:
        return command(args, sys.stdout)
    except (_Fail, CorpusError, OSError, UnicodeDecodeError) as exc:
        message = str(exc) if isinstance(exc, (_Fail, CorpusError)) else _describe(exc)
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover - output piped into a closed reader
        return 0


def _describe(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"cannot decode input as {exc.encoding}: {exc.reason}; pass --encoding"
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


def _build_parser() -> _Parser:
    parser = _Parser(prog=PROG, description="The karabakh_corpus corpus and cleaner.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True, parser_class=_Parser)

    info = verbs.add_parser("info", help="the release, its documents and counts")
    info.set_defaults(run=_info)

    listing = verbs.add_parser("list", help="one line per document: id, date, outlet, wire, title")
    listing.set_defaults(run=_list)

    show = verbs.add_parser("show", help="one document: its clean article and metadata")
    show.add_argument("id", help="a document id (see: karabakh-corpus list)")
    form = show.add_mutually_exclusive_group()
    form.add_argument("--raw", action="store_true", help="the raw text, exactly as scraped")
    form.add_argument("--json", action="store_true", help="the document record as JSON")
    show.set_defaults(run=_show)

    change = verbs.add_parser("changes", help="what changed between two releases")
    change.add_argument("span", metavar="OLD..NEW", help="two releases, e.g. 1.0.0..1.1.0")
    change.set_defaults(run=_changes)

    check = verbs.add_parser("verify", help="check the installed data against its manifest")
    check.set_defaults(run=_verify)

    releases = verbs.add_parser("releases", help="the releases whose manifests ship here")
    releases.set_defaults(run=_releases)

    clean = verbs.add_parser("clean", help="clean scraped news text files (or stdin with -)")
    clean.add_argument("files", nargs="*", default=["-"], metavar="FILE", help="'-' is stdin")
    form = clean.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one JSON object per input")
    form.add_argument("--explain", action="store_true", help="every line with its label and rule")
    clean.add_argument("--profile", help="a site profile to add to the generic rules")
    clean.add_argument("--encoding", default="utf-8", help="the encoding of the input files")
    clean.set_defaults(run=_clean)
    return parser


def _info(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.corpus import load

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
    return 0


def _list(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.corpus import load

    for doc in load():
        meta = doc.meta
        date = meta.date.isoformat() if meta.date else "-"
        if meta.date_inferred:
            date += "~"
        wire = meta.wire.value if meta.wire else "-"
        print(
            f"{doc.id}  {date:<11}  {meta.outlet or '-':<17}  {wire:<7}  {doc.title or '-'}",
            file=out,
        )
    return 0


def _show(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.corpus import load

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
    print(
        f"outlet: {meta.outlet or '-'}  wire: {meta.wire.value if meta.wire else '-'}  "
        f"byline: {meta.byline or '-'}",
        file=out,
    )
    print(file=out)
    print(doc.text, file=out)
    return 0


def _changes(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.release import changes

    old, sep, new = args.span.partition("..")
    if not sep or not old or not new:
        raise _Fail(f"give two releases as OLD..NEW (for example 1.0.0..1.1.0), not {args.span!r}")
    report = changes(old, new)
    print(report.summary(), file=out)
    for reason in report.reasons:
        print(f"  because: {reason}", file=out)
    return 0


def _verify(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.release import verify

    release = verify()
    print(f"release {release}: every data file matches its manifest", file=out)
    return 0


def _releases(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.release import releases

    for release in releases():
        print(f"{release.version}  {len(release.documents)} documents", file=out)
    return 0


def _clean(args: argparse.Namespace, out: TextIO) -> int:
    from karabakh_corpus.clean import Cleaner

    try:
        cleaner = Cleaner(profile=args.profile)
    except ValueError as exc:
        raise _Fail(str(exc)) from exc
    for name in args.files:
        data = sys.stdin.buffer.read() if name == "-" else _read(name)
        try:
            result = cleaner.clean(data, encoding=args.encoding)
        except UnicodeDecodeError as exc:
            raise _Fail(
                f"{name}: not valid {args.encoding}: {exc.reason}; pass --encoding"
            ) from exc
        except ValueError as exc:
            raise _Fail(str(exc)) from exc
        if args.json:
            record = {
                "source": name,
                "title": result.title,
                "summary": result.summary,
                "text": result.text,
                "removed": [
                    {"start": r.start, "end": r.end, "category": r.category.value, "rule": r.rule}
                    for r in result.removed
                ],
            }
            print(json.dumps(record, ensure_ascii=False), file=out)
        elif args.explain:
            print(f"# {name}", file=out)
            print(result.explain(), file=out)
        else:
            if len(args.files) > 1:
                print(f"# {name}", file=out)
            if result.title:
                print(_textmap.normalize(result.title), file=out)
                print(file=out)
            print(result.text, file=out)
    return 0


def _read(name: str) -> bytes:
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise _Fail(f"{name}: {exc.strerror}") from exc
