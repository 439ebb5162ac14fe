"""Measure the range of each hand-set constant of the cleaner, where the benchmark is flat.

Usage: python benchmarks/constant_ranges.py [ROOT] [--sets NAME ...] [--every K]
                                            [--constants NAME ...] [--out FILE] [--check]

ROOT holds the development sets (as for ``benchmarks/html_bench.py``; default: the
``bench`` folder of $KARABAKH_SHARED, or of ../shared beside the repository). Each
constant of `CONSTANTS` (a hand-set number of ``karabakh_corpus.cleaner.thresholds``, and
``TOKEN_DISTANCE`` of ``karabakh_corpus.cleaner.markup_facts``) is set in turn to each
value of its grid (values around the shipped one, in its type and meaning), in every module
that reads it (`readers`: the modules of the package that import it), the others held as
shipped, the fitted weights too; and every set is scored on both paths, as
``benchmarks/html_bench.py`` scores them: the text path (``clean()`` of ``text/ID.txt``)
and the markup path (``clean_html()`` of the page's bytes), word 4-gram F1 of the body on
``dev/``, of the title and the body on the other sets, the snippet score on ``trafeval/``.
Every page is read, or every --every-th page of each set.

Each page is read once: its lines and their facts (``Cleaner._read``) and, on the markup
path, its markup as ``clean_html()`` reads it (decoded by ``decode_html``, parsed once, with
the headlines it declares) and the markup facts of its lines; a value then runs the passes
(``Cleaner._run``) on a fresh page of those lines. A constant that the facts read
(``RULE_CHARS`` and ``SHAPE_WORDS``: a line's rule and shape; ``TOKEN_DISTANCE``: the
markup facts) has them read again under each value, by a new Cleaner (a Cleaner remembers
the facts of short lines). ``--check`` first verifies that the pages read once give, at
the shipped values, the very output of ``clean()`` and ``clean_html()`` on every page.

For each constant it prints, per value, each set's F1 on each path minus the shipped
value's (``=`` when within `TOLERANCE`), then the range: the interval of tried values
around the shipped one over which every set's F1 on both paths stays within `TOLERANCE`
of the shipped value's, and what moves first beyond each end. A value under which no
output changes on any page is marked, so that a constant that would not take effect is
seen; each constant also tries an extreme value apart (`Constant.extreme`, not part of the
range), whose count of changed outputs shows that a value takes effect (``EDGE``,
``WINDOW`` and ``PROSE_WORDS`` change none: the shipped weights of what reads them are 0).
--out writes the figures as JSON (each constant as it ends). On every page a sweep of all
the constants takes about 30 minutes of one core and 1.8 GB of memory.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sets

import karabakh_corpus
from karabakh_corpus import Cleaned, Cleaner, clean_html
from karabakh_corpus import html as _html
from karabakh_corpus.cleaner.facts.markup import PendingMarkup
from karabakh_corpus.cleaner.markup import Markup, read_markup
from karabakh_corpus.cleaner.markup_facts import MARKUP_FEATURES, MarkupFacts, read_markup_facts
from karabakh_corpus.cleaner.page import LineFacts, Page
from karabakh_corpus.errors import CorpusError

TOLERANCE = 0.001
"""A set's F1 within this of the shipped value's scores the same."""


class Constant(NamedTuple):
    """A hand-set constant: its name, the module that defines it, the values tried (the
    shipped one among them), an extreme value (tried apart, to see that a value takes
    effect; not part of the range) and what it changes: ``"run"`` (the passes),
    ``"facts"`` (a line's facts, read again) or ``"markup"`` (the markup facts, read again;
    the text path does not read it)."""

    name: str
    home: str
    grid: tuple[float, ...]
    extreme: float
    reads: str = "run"


_T = "karabakh_corpus.cleaner.thresholds"
CONSTANTS = (
    # the title line
    Constant("PREFIX_WORDS", _T, (2, 3, 4, 5, 6, 8), 1),
    Constant("TITLE_REACH", _T, (5, 10, 15, 16, 18, 20, 25, 30, 40, 80), 1),
    Constant("LISTED", _T, (2, 3, 4, 5, 7), 1),
    Constant("TITLE_PIECES", _T, (3, 4, 6, 7, 8, 9, 10, 12, 16), 2),
    # the body and threads
    Constant("NAMES", _T, (2, 3, 4, 5, 7), 1),
    Constant("NAME_WORDS", _T, (2, 3, 4, 5, 6, 8), 1),
    Constant("NAME_CHARS", _T, (10, 20, 30, 40, 60, 80, 160), 1),
    Constant("COMMENT_LINES", _T, (1, 3, 4, 5, 6, 7, 9), 100),
    Constant("PROSE_WORDS", _T, (3, 5, 8, 10, 12, 15, 20), 1000),
    # how much of a line counts
    Constant("RULE_CHARS", _T, (100, 250, 500, 750, 1000, 1500, 2000, 4000), 10, "facts"),
    Constant("TEXT_CHARS", _T, (100, 200, 300, 350, 375, 400, 425, 450, 500, 600, 800, 1600), 10),
    Constant("RULE_COST_CHARS", _T, (10, 20, 30, 35, 40, 50, 60, 70, 80, 160), 1),
    Constant("LOGIT_FLOOR", _T, (-7.5, -15.0, -22.5, -30.0, -45.0, -60.0, -120.0), -1.0),
    # blocks of lines
    Constant("SHARED_OPENING", _T, (10, 20, 30, 35, 40, 45, 50, 60, 80, 160), 2),
    Constant("HEADING_BLOCK_WORDS", _T, (10, 15, 20, 30, 40, 60, 80, 160), 2),
    # the second stage's context (its weights were fitted on these definitions)
    Constant("EDGE", _T, (-1.25, -2.5, -3.75, -5.0, -7.5, -10.0, -20.0), 10.0),
    Constant("CLIP", _T, (2.5, 5.0, 6.0, 7.5, 10.0, 15.0, 20.0, 40.0), 0.5),
    Constant("WINDOW", _T, (1, 3, 4, 5, 6, 7, 9), 30),
    Constant("SHORT_WORDS", _T, (1, 3, 4, 5, 6, 7, 9), 30),
    Constant("SHAPE_WORDS", _T, (3, 5, 8, 9, 10, 11, 12, 15, 20, 40), 1, "facts"),
    Constant("TOKEN_DISTANCE", "karabakh_corpus.cleaner.markup_facts", (0, 1, 2, 3, 4, 5, 7),
             20, "markup"),
)  # fmt: skip
"""The constants measured, in the order they are swept, with their grids."""


def shipped(constant: Constant) -> Any:
    """The value the package ships for `constant`."""
    return getattr(importlib.import_module(constant.home), constant.name)


def readers(constant: Constant) -> list[Any]:
    """The modules that hold `constant` under its name: its home and every module of the
    package that imports it from there (``from HOME import NAME``, found in the sources);
    a value is set in each of them."""
    home = importlib.import_module(constant.home)
    found = [home]
    package = Path(karabakh_corpus.__file__).parent
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        if any(
            isinstance(node, ast.ImportFrom)
            and node.module == constant.home
            and any(alias.name == constant.name for alias in node.names)
            for node in ast.walk(tree)
        ):
            parts = path.relative_to(package.parent).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found.append(importlib.import_module(name))
    return found


@contextmanager
def patched(constant: Constant, value: Any) -> Iterator[None]:
    """`constant` set to `value` in every module that reads it, for the block."""
    modules = readers(constant)
    old = shipped(constant)
    value = type(old)(value)
    try:
        for module in modules:
            setattr(module, constant.name, value)
        yield
    finally:
        for module in modules:
            setattr(module, constant.name, old)


class ReadPage:
    """One page read once: for the text path its text, lines and facts; for the markup
    path the markup ``clean_html()`` reads (None when it raises), its lines, facts and
    markup facts."""

    def __init__(self, page: bench_sets.BenchPage) -> None:
        self.bench = page._replace(html=b"")
        self.markup: Markup | None = None
        self.headlines: list[str] = []
        try:
            text, utf8 = _html._page(page.html, None, "clean_html")
            tree = _html._tree(text, utf8)
            self.headlines = _html._declared_headlines(PendingMarkup(tree).read())
            self.markup = read_markup(tree, again=lambda: _html._tree(text, utf8))
        except CorpusError:
            self.markup = None
        self.split = self.markup.split() if self.markup is not None else None

    def read(self, cleaner: Cleaner) -> None:
        """Read the lines' facts (and markup facts) with `cleaner`."""
        spans, page = cleaner._read(self.bench.text)
        self.text_read: tuple[Any, Sequence[str], Sequence[LineFacts]] = (
            spans, page.lines, page.facts
        )  # fmt: skip
        self.marks: Sequence[MarkupFacts] | None = None
        if self.markup is None:
            return
        spans, page = cleaner._read(self.markup.text, self.split)
        self.markup_read: tuple[Any, Sequence[str], Sequence[LineFacts]] = (
            spans, page.lines, page.facts
        )  # fmt: skip
        if self.markup.aligned:
            th = cleaner.thresholds
            weights = tuple(th.markup.get(n, 0.0) for n in MARKUP_FEATURES)
            vocabulary = (th.article_tokens, th.furniture_tokens)
            self.marks = read_markup_facts(
                self.markup, page.lines, weights, vocabulary, self.headlines
            )

    def text_path(self, cleaner: Cleaner) -> Cleaned:
        """What ``cleaner.clean(text)`` gives."""
        spans, lines, facts = self.text_read
        return cleaner._run(self.bench.text, spans, Page(lines, facts))

    def markup_path(self, cleaner: Cleaner) -> Cleaned | None:
        """What ``clean_html(bytes, cleaner=cleaner)`` gives (its text and labels); None
        when it raises."""
        if self.markup is None:
            return None
        spans, lines, facts = self.markup_read
        page = Page(lines, facts, markup=self.marks)
        return cleaner._run(self.markup.text, spans, page)


PATHS = ("text", "markup")


def outputs(
    sets: dict[str, list[ReadPage]], cleaner: Cleaner, path: str
) -> dict[str, list[str | None]]:
    """Each set's outputs (as scored) on `path`."""
    found: dict[str, list[str | None]] = {}
    for name, pages in sets.items():
        outs: list[str | None] = []
        for p in pages:
            result = p.text_path(cleaner) if path == "text" else p.markup_path(cleaner)
            outs.append(None if result is None else bench_sets.output(result, name))
        found[name] = outs
    return found


def scores(
    sets: dict[str, list[ReadPage]], outs: dict[str, dict[str, list[str | None]]]
) -> dict[str, dict[str, float]]:
    """Each path's F1 on each set."""
    return {
        path: {
            name: bench_sets.score([p.bench for p in sets[name]], outs[path][name]).f1
            for name in sets
        }
        for path in outs
    }


def sweep(constant: Constant, sets: dict[str, list[ReadPage]], base: Cleaner) -> dict[str, Any]:
    """Score every value of the constant's grid; the figures of the sweep."""
    paths = PATHS if constant.reads != "markup" else ("markup",)
    value0 = shipped(constant)
    rows: dict[float, dict[str, Any]] = {}
    reference: dict[str, dict[str, list[str | None]]] = {}
    extreme = constant.extreme
    for value in sorted((*constant.grid, extreme), key=lambda v: (v != value0, v)):
        start = time.process_time()
        with patched(constant, value):
            cleaner = base
            if constant.reads != "run":
                # a new Cleaner: the facts it remembers were read under the shipped value
                cleaner = Cleaner()
                for pages in sets.values():
                    for p in pages:
                        p.read(cleaner)
            outs = {path: outputs(sets, cleaner, path) for path in paths}
        if constant.reads != "run":
            for pages in sets.values():
                for p in pages:
                    p.read(base)
        if value == value0:
            reference = outs
        changed = sum(
            1
            for path in paths
            for name in sets
            for a, b in zip(outs[path][name], reference[path][name], strict=True)
            if a != b
        )
        rows[value] = {
            "f1": scores(sets, outs),
            "changed": changed,
            "seconds": time.process_time() - start,
        }
    return {
        "name": constant.name,
        "shipped": value0,
        "paths": list(paths),
        "extreme": {"value": extreme, **rows.pop(extreme)},
        "rows": rows,
    }


def verdict(figures: dict[str, Any]) -> tuple[str, list[str]]:
    """The range of a sweep and what moves first beyond each end (see the module)."""
    value0 = figures["shipped"]
    rows = figures["rows"]
    base = rows[value0]["f1"]
    values = sorted(rows)

    def moves(value: float) -> list[str]:
        return [
            f"{name} {path} {rows[value]['f1'][path][name] - base[path][name]:+.4f}"
            for path in figures["paths"]
            for name in base[path]
            if abs(rows[value]["f1"][path][name] - base[path][name]) > TOLERANCE
        ]

    at = values.index(value0)
    low = high = at
    while low > 0 and not moves(values[low - 1]):
        low -= 1
    while high < len(values) - 1 and not moves(values[high + 1]):
        high += 1
    ends = []
    if low > 0:
        ends.append(f"at {values[low - 1]:g}: " + ", ".join(moves(values[low - 1])))
    if high < len(values) - 1:
        ends.append(f"at {values[high + 1]:g}: " + ", ".join(moves(values[high + 1])))
    return f"from {values[low]:g} to {values[high]:g}", ends


def table(figures: dict[str, Any]) -> str:
    """The sweep of one constant as text: per value, each set's F1 minus the shipped's."""
    value0 = figures["shipped"]
    rows = figures["rows"]
    base = rows[value0]["f1"]
    cols = [(path, name) for path in figures["paths"] for name in base[path]]
    head = " ".join(f"{(p[0] + ':' + n)[:10]:>10}" for p, n in cols)
    out = [f"{figures['name']} (shipped {value0:g})", f"{'value':>8} {head} {'changed':>7}"]
    for value in sorted(rows):
        cells = []
        for path, name in cols:
            f1 = rows[value]["f1"][path][name]
            if value == value0:
                cells.append(f"{f1:>10.4f}")
            else:
                d = f1 - base[path][name]
                cells.append(f"{'=' if abs(d) <= TOLERANCE else f'{d:+.4f}':>10}")
        changed = rows[value]["changed"]
        mark = " (no output changed)" if value != value0 and not changed else ""
        out.append(f"{value:>8g} {' '.join(cells)} {changed:>7}{mark}")
    span, ends = verdict(figures)
    out.append(f"range: {span}" + "".join(f"; {e}" for e in ends))
    extreme = figures["extreme"]
    moved = [
        f"{name} {path} {extreme['f1'][path][name] - base[path][name]:+.4f}"
        for path in figures["paths"]
        for name in base[path]
        if extreme["f1"][path][name] != base[path][name]
    ]
    out.append(
        f"extreme {extreme['value']:g}: {extreme['changed']} outputs changed"
        + (": " + ", ".join(moved) if moved else "")
    )
    return "\n".join(out)


def check(sets: dict[str, list[ReadPage]], cleaner: Cleaner, raw: dict[str, list[Any]]) -> int:
    """The pages that the pages read once clean otherwise than ``clean()`` and
    ``clean_html()`` do, at the shipped values (0 when every output is the same)."""
    wrong = 0
    for name, pages in sets.items():
        for p, page in zip(pages, raw[name], strict=True):
            text = p.text_path(cleaner)
            if text != karabakh_corpus.clean(page.text):
                print(f"check: {name}/{page.id}: the text path differs from clean()")
                wrong += 1
            try:
                direct: Cleaned | None = clean_html(page.html)
            except CorpusError:
                direct = None
            mine = p.markup_path(cleaner)
            if (direct is None) != (mine is None) or (
                direct is not None and mine is not None and direct != mine
            ):
                print(f"check: {name}/{page.id}: the markup path differs from clean_html()")
                wrong += 1
    return wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?", help="the folder of the sets")
    parser.add_argument("--sets", nargs="*", default=(), metavar="NAME", help="these sets only")
    parser.add_argument("--every", type=int, default=1, metavar="K", help="every K-th page")
    parser.add_argument(
        "--constants", nargs="*", default=(), metavar="NAME", help="these constants only"
    )
    parser.add_argument("--out", type=Path, help="write the figures as JSON")
    parser.add_argument(
        "--check", action="store_true", help="check the pages read once against clean_html()"
    )
    args = parser.parse_args(argv)
    known = {c.name: c for c in CONSTANTS}
    unknown = sorted(set(args.constants) - set(known))
    if unknown:
        raise SystemExit(f"no constant {unknown}; the constants are {sorted(known)}")
    chosen = [c for c in CONSTANTS if not args.constants or c.name in args.constants]
    root = args.root or bench_sets.default_root()
    start = time.process_time()
    base = Cleaner()
    sets: dict[str, list[ReadPage]] = {}
    raw: dict[str, list[Any]] = {}
    for name in bench_sets.set_names(root, args.sets):
        raw[name] = bench_sets.load(root, name, args.every)
        sets[name] = [ReadPage(page) for page in raw[name]]
        for p in sets[name]:
            p.read(base)
    pages = sum(len(v) for v in sets.values())
    print(f"{pages} pages (every {args.every}) read in {time.process_time() - start:.0f} s CPU")
    if args.check:
        wrong = check(sets, base, raw)
        print(f"check: {wrong} outputs differ from clean() and clean_html()", flush=True)
        if wrong:
            return 1
    raw.clear()
    found: dict[str, Any] = {}
    if args.out and args.out.exists():
        found = json.loads(args.out.read_text("utf-8"))
    for constant in chosen:
        figures = sweep(constant, sets, base)
        print(table(figures), flush=True)
        seconds = figures["extreme"]["seconds"]
        seconds += sum(r["seconds"] for r in figures["rows"].values())
        print(f"({seconds:.0f} s CPU)\n", flush=True)
        if args.out:
            span, ends = verdict(figures)
            figures["rows"] = {f"{v:g}": r for v, r in figures["rows"].items()}
            found[constant.name] = {**figures, "range": span, "ends": ends, "every": args.every}
            args.out.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
