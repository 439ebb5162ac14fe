"""Measure the page facts (`Cleaned.facts`) on pages with gold date, authors and title.

Usage: python benchmarks/facts_bench.py [META_DIR] [--no-reference] [--repeat N]
                                        [--rules] [--sweep] [--limit N]

META_DIR holds ``gold.jsonl``, ``text/ID.txt`` (the page's text as html-text renders it) and
``html/ID.html.gz`` (default: the ``bench/meta`` folder of $KARABAKH_SHARED, or of ../shared
beside the repository). Each page is read twice: from its text alone (``clean(text).facts``)
and from its HTML (``clean_html(html).facts``). Where htmldate and trafilatura are installed
(the ``bench`` extra) they run on the same pages in the same run, without the URL: htmldate's
``find_date`` with ``extensive_search=True`` on the HTML and on the text alone (each line a
paragraph), both with ``original_date=True`` (the publication date, not the last update),
and trafilatura's ``extract_metadata`` on the HTML.

Scores, as the set's README defines them (pages with the gold field only): date exact match,
also on the pages that print their date (``date_in_text``); authors exact (the normalised
name sets are equal: NFKC, case-folded, "by" dropped, split on ; , & and "and", "und",
"et", suffixes such as Jr. dropped) and overlap (a name shared); title exact (equal after
NFKC, case folding, quote and whitespace normalisation) and relaxed (one contains the
other). Coverage is the share of pages given a value, precision the share of those that are
right. Then the same per source set and on two halves split by the second hex digit of
sha256(id); --rules lists, for each field, how often each rule chose the value and how often
it was right; --sweep re-measures the hand-set constants over a range. The cost is the CPU
time the facts add to ``clean()`` on every text of the benchmark folder's sets, and to
``clean_html()`` on the pages read (best of --repeat runs).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html as html_module
import json
import os
import re
import sys
import time
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import karabakh_corpus as kc  # noqa: E402
from karabakh_corpus.facts import Facts  # noqa: E402


def default_meta() -> Path:
    shared = os.environ.get("KARABAKH_SHARED")
    return (Path(shared) if shared else ROOT.parent / "shared") / "bench" / "meta"


# -- scoring, as the set's README defines it ---------------------------------------------------

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                         "»": '"', "`": "'", "´": "'"})  # fmt: skip
_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b|\bet\b)\s*")
_SUFFIX = re.compile(r"[\s,]+(?:jr|sr|ii|iii|iv)\.?$")


def norm_title(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).casefold().translate(_QUOTES)
    return " ".join(text.split())


def norm_names(names: Iterable[str]) -> frozenset[str]:
    found = set()
    for name in names:
        name = unicodedata.normalize("NFKC", name).casefold()
        name = re.sub(r"^\s*by\s+", "", name)
        for part in _SPLIT.split(name):
            part = _SUFFIX.sub("", part.strip()).strip(" .")
            part = " ".join(part.split())
            if part:
                found.add(part)
    return frozenset(found)


class Tally:
    """Right answers, values given and pages, for one score."""

    def __init__(self) -> None:
        self.right = self.given = self.pages = 0

    def add(self, right: bool, given: bool) -> None:
        self.pages += 1
        self.given += given
        self.right += right and given

    def accuracy(self) -> str:
        return f"{self.right / self.pages:.3f}" if self.pages else "–"

    def coverage(self) -> str:
        return f"{self.given / self.pages:.3f}" if self.pages else "–"

    def precision(self) -> str:
        return f"{self.right / self.given:.3f}" if self.given else "–"


class Scores:
    """Every score of one system on a set of pages."""

    def __init__(self) -> None:
        self.date = Tally()
        self.date_printed = Tally()
        self.authors = Tally()
        self.authors_overlap = Tally()
        self.title = Tally()
        self.title_relaxed = Tally()

    def add(self, gold: dict[str, Any], answer: dict[str, Any]) -> None:
        if gold.get("date"):
            right = answer.get("date") == gold["date"]
            self.date.add(right, answer.get("date") is not None)
            if gold.get("date_in_text"):
                self.date_printed.add(right, answer.get("date") is not None)
        if "authors" in gold and answer.get("authors") is not None:
            want, got = norm_names(gold["authors"]), norm_names(answer["authors"])
            self.authors.add(want == got, bool(got) or not want)
            self.authors_overlap.add(bool(want & got) or want == got, bool(got) or not want)
        if gold.get("title") and answer.get("title") is not None:
            want_title, got_title = norm_title(gold["title"]), norm_title(answer["title"] or "")
            given = bool(got_title)
            self.title.add(want_title == got_title, given)
            self.title_relaxed.add(
                given and (want_title in got_title or got_title in want_title), given
            )


def answer_of(facts: Facts) -> dict[str, Any]:
    date = facts.date.value
    return {
        "date": None if date is None else date.isoformat(),
        "authors": list(facts.authors.value),
        "title": facts.title.value,
        "wire": facts.wire.value,
        "outlet": facts.outlet.value,
    }


# -- the reference tools -----------------------------------------------------------------------


def _htmldate(markup: str) -> str | None:
    import htmldate

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = htmldate.find_date(
                markup, extensive_search=True, original_date=True, outputformat="%Y-%m-%d"
            )
        except Exception:  # a reference tool's failure is its own result: no date
            return None
    return found if isinstance(found, str) else None


def htmldate_html(page: Page) -> dict[str, Any]:
    return {"date": _htmldate(page.html)}


def htmldate_text(page: Page) -> dict[str, Any]:
    lines = "".join(f"<p>{html_module.escape(line)}</p>" for line in page.text.splitlines())
    return {"date": _htmldate(f"<html><body>{lines}</body></html>")}


def trafilatura_metadata(page: Page) -> dict[str, Any]:
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            meta = trafilatura.extract_metadata(page.html)
        except Exception:  # a reference tool's failure is its own result: nothing
            meta = None
    if meta is None:
        return {"date": None, "authors": [], "title": None}
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()]
    return {"date": meta.date, "authors": authors, "title": meta.title}


# -- the pages ---------------------------------------------------------------------------------


class Page:
    def __init__(self, gold: dict[str, Any], folder: Path) -> None:
        self.gold = gold
        self.id: str = gold["id"]
        self.set: str = gold["set"]
        self.text = (folder / "text" / f"{self.id}.txt").read_text("utf-8")
        with gzip.open(folder / "html" / f"{self.id}.html.gz") as handle:
            self.raw_html = handle.read()
        self._html: str | None = None

    @property
    def html(self) -> str:
        if self._html is None:
            from karabakh_corpus.html import decode_html

            try:
                self._html = decode_html(self.raw_html)[0]
            except kc.DataFormatError:
                self._html = self.raw_html.decode("utf-8", "replace")
        return self._html

    @property
    def half(self) -> str:
        return "A" if hashlib.sha256(self.id.encode()).hexdigest()[1] < "8" else "B"


def load_pages(folder: Path, limit: int | None) -> list[Page]:
    gold = [json.loads(line) for line in (folder / "gold.jsonl").open(encoding="utf-8")]
    return [Page(g, folder) for g in gold[:limit]]


# -- running -----------------------------------------------------------------------------------

System = Callable[[Page], dict[str, Any]]


def run(pages: Sequence[Page], args: argparse.Namespace) -> None:
    facts_text: dict[str, Facts] = {}
    facts_html: dict[str, Facts] = {}
    for page in pages:
        facts_text[page.id] = kc.clean(page.text).facts
        facts_html[page.id] = kc.clean_html(page.html).facts
    systems: dict[str, dict[str, dict[str, Any]]] = {
        "karabakh_corpus facts (text)": {p: answer_of(f) for p, f in facts_text.items()},
        "karabakh_corpus facts (HTML)": {p: answer_of(f) for p, f in facts_html.items()},
    }
    if not args.no_reference:
        for name, system, needs in (
            ("htmldate extensive (HTML)", htmldate_html, "htmldate"),
            ("trafilatura metadata (HTML)", trafilatura_metadata, "trafilatura"),
            ("htmldate on the text (each line a paragraph)", htmldate_text, "htmldate"),
        ):
            try:
                __import__(needs)
            except ImportError:
                print(f"({needs} is not installed: {name} is not run)")
                continue
            systems[name] = {page.id: system(page) for page in pages}
    print(
        f"{len(pages)} pages; {sum(bool(p.gold.get('date')) for p in pages)} with a gold date "
        f"({sum(bool(p.gold.get('date_in_text')) for p in pages)} printed in the text), "
        f"{sum('authors' in p.gold for p in pages)} with gold authors, "
        f"{sum(bool(p.gold.get('title')) for p in pages)} with a gold title\n"
    )
    table(pages, systems, "All pages")
    ours = {k: v for k, v in systems.items() if k.startswith("karabakh")}
    for name in sorted({p.set for p in pages}):
        table([p for p in pages if p.set == name], ours, f"Source set {name}")
    for half in ("A", "B"):
        table(
            [p for p in pages if p.half == half],
            ours,
            f"Half {half} (second hex digit of sha256(id) {'< 8' if half == 'A' else '>= 8'})",
        )
    wires(pages, facts_text, facts_html)
    if args.rules:
        rules(pages, facts_text, "text")
        rules(pages, facts_html, "HTML")
    if args.sweep:
        sweep(pages)


def table(pages: Sequence[Page], systems: dict[str, dict[str, dict[str, Any]]], title: str) -> None:
    print(f"## {title} ({len(pages)} pages)\n")
    print(
        "| system (input) | date | date, printed | date coverage | date precision | "
        "date precision, printed | authors exact | authors overlap | authors coverage | "
        "authors precision | title exact | title relaxed |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, answers in systems.items():
        s = Scores()
        for page in pages:
            s.add(page.gold, answers[page.id])
        print(
            f"| {name} | {s.date.accuracy()} | {s.date_printed.accuracy()} | "
            f"{s.date.coverage()} | {s.date.precision()} | {s.date_printed.precision()} | "
            f"{s.authors.accuracy()} | {s.authors_overlap.accuracy()} | {s.authors.coverage()} | "
            f"{s.authors.precision()} | {s.title.accuracy()} | {s.title_relaxed.accuracy()} |"
        )
    print()


def wires(pages: Sequence[Page], *readings: dict[str, Facts]) -> None:
    labelled = [p for p in pages if "wire" in p.gold]
    print(
        f"## Wire against the gold authors' agencies ({len(labelled)} pages with authors, "
        f"{sum(bool(p.gold['wire']) for p in labelled)} name an agency)\n"
    )
    print("| input | precision | recall | pages called wire copy |")
    print("|---|---|---|---|")
    for name, facts in zip(("text", "HTML"), readings, strict=True):
        said = [p for p in labelled if facts[p.id].wire.value is not None]
        right = [p for p in said if _same_wire(facts[p.id].wire.value, p.gold["wire"])]
        want = [p for p in labelled if p.gold["wire"]]
        found = [p for p in want if _same_wire(facts[p.id].wire.value, p.gold["wire"])]
        print(
            f"| {name} | {len(right) / len(said) if said else 0:.3f} ({len(right)}/{len(said)}) "
            f"| {len(found) / len(want) if want else 0:.3f} ({len(found)}/{len(want)}) "
            f"| {len(said)} |"
        )
    print()


_WIRE_ALIASES = {"aa": "anadolu", "dpa": "dpa"}


def _same_wire(ours: str | None, gold: str | None) -> bool:
    if ours is None or gold is None:
        return False
    gold = gold.casefold()
    return ours.casefold() == _WIRE_ALIASES.get(gold, gold)


def rules(pages: Sequence[Page], facts: dict[str, Facts], name: str) -> None:
    print(f"## Rules that chose each value ({name})\n")
    print("| field | rule | chosen | right |")
    print("|---|---|---|---|")
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for page in pages:
        f = facts[page.id]
        gold = page.gold
        if gold.get("date") and f.date.value is not None:
            c = counts[("date", f.date.rule)]
            c[0] += 1
            c[1] += f.date.value.isoformat() == gold["date"]
        if "authors" in gold and f.authors.value:
            c = counts[("authors", f.authors.rule)]
            c[0] += 1
            c[1] += norm_names(f.authors.value) == norm_names(gold["authors"])
        if gold.get("title") and f.title.value:
            c = counts[("title", f.title.rule)]
            c[0] += 1
            c[1] += norm_title(f.title.value) == norm_title(gold["title"])
    for (field, rule), (n, right) in sorted(counts.items()):
        print(f"| {field} | {rule} | {n} | {right / n:.3f} |")
    print()


SWEEPS: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    # constant: (the modules that read it, the values to try)
    "DATELINE_CHARS": (("dating", "bylines", "places"), (60, 90, 120, 150)),
    "FARTHEST": (("dating",), (30, 60, 100, 200, 100_000)),
    "HEADER_BEFORE": (("bylines", "wires", "outlets"), (2, 4, 6, 8, 10, 15)),
    "HEADER_AFTER": (("bylines",), (3, 6, 10, 15)),
}
"""The hand-set numbers of the facts, each with the values --sweep measures."""


def sweep(pages: Sequence[Page]) -> None:
    """The text scores with each hand-set number set to other values (one at a time)."""
    import importlib

    cleaned = {page.id: kc.clean(page.text) for page in pages}
    print("## The hand-set numbers, measured over a range (text)\n")
    print("| number | value | date, printed | date precision, printed | authors exact |")
    print("|---|---|---|---|---|")
    for name, (modules, values) in SWEEPS.items():
        loaded = [importlib.import_module(f"karabakh_corpus.cleaner.facts.{m}") for m in modules]
        shipped = getattr(loaded[0], name)
        for value in values:
            for module in loaded:
                setattr(module, name, value)
            scores = Scores()
            for page in pages:
                c = cleaned[page.id]
                facts = kf_read(c)
                scores.add(page.gold, answer_of(facts))
            mark = " (shipped)" if value == shipped else ""
            print(
                f"| {name} | {value}{mark} | {scores.date_printed.accuracy()} | "
                f"{scores.date_printed.precision()} | {scores.authors.accuracy()} |"
            )
        for module in loaded:
            setattr(module, name, shipped)
    print()


def kf_read(cleaned: kc.Cleaned) -> Facts:
    """The facts of `cleaned`, read anew (not the cached ones)."""
    from karabakh_corpus.facts import read_facts

    return read_facts(cleaned.raw, cleaned.regions)


def cost(folder: Path, repeat: int) -> None:
    """The CPU time of clean() on every text of the benchmark's sets, and what reading the
    facts (and their record) adds, measured two ways: each text cleaned and then its facts
    read, in turn (as a stream reads them: clean() leaves the processor's caches cold for
    the facts), and every text cleaned before any facts are read. Each run has a new
    Cleaner; the best of `repeat` runs of each is kept (the facts' modules are imported
    before)."""
    texts = [p.read_text("utf-8") for p in sorted(folder.parent.glob("*/text/*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    kc.clean("warm up").facts  # noqa: B018
    clock = time.process_time
    turns, batches = [], []
    for _ in range(repeat):
        cleaner = kc.Cleaner()
        cleaning = reading = 0.0
        for text in texts:
            start = clock()
            cleaned = cleaner.clean(text)
            middle = clock()
            cleaned.facts.record()
            reading += clock() - middle
            cleaning += middle - start
        turns.append((reading / cleaning, cleaning, reading))
        cleaner = kc.Cleaner()
        start = clock()
        done = [cleaner.clean(text) for text in texts]
        middle = clock()
        for cleaned in done:
            cleaned.facts.record()
        batches.append(((clock() - middle) / (middle - start), middle - start, clock() - middle))
        del done
    print(f"## Cost ({len(texts)} texts, {size:.1f} MB, best of {repeat} runs, CPU time)\n")
    for name, runs in (("text by text", turns), ("all texts, then all facts", batches)):
        ratio, cleaning, reading = min(runs)
        print(
            f"- {name}: clean() {cleaning:.2f} s; the facts (and their record) add "
            f"{reading:.2f} s, {100 * ratio:.1f}% of clean() (the runs: "
            f"{', '.join(f'{100 * r:.1f}%' for r, _, _ in runs)})"
        )
    print()


def cost_html(pages: Sequence[Page], repeat: int) -> None:
    """The CPU time the facts (and their record) add to ``clean_html()`` on the HTML of
    `pages`, each page's facts read right after it is cleaned (its markup is read for the
    facts then); the best of `repeat` runs."""
    clock = time.process_time
    runs = []
    for _ in range(repeat):
        cleaning = reading = 0.0
        for page in pages:
            start = clock()
            cleaned = kc.clean_html(page.html)
            middle = clock()
            cleaned.facts.record()
            reading += clock() - middle
            cleaning += middle - start
        runs.append((reading / cleaning, cleaning, reading))
    ratio, cleaning, reading = min(runs)
    print(f"## Cost on HTML ({len(pages)} pages, best of {repeat} runs, CPU time)\n")
    print(
        f"- page by page: clean_html() {cleaning:.2f} s; the facts (and their record) add "
        f"{reading:.2f} s, {100 * ratio:.1f}% of clean_html() (the runs: "
        f"{', '.join(f'{100 * r:.1f}%' for r, _, _ in runs)})\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", nargs="?", type=Path, default=default_meta())
    parser.add_argument("--no-reference", action="store_true", help="skip htmldate, trafilatura")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the cost measurement")
    parser.add_argument("--rules", action="store_true", help="list each rule's precision")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N pages")
    parser.add_argument("--no-cost", action="store_true", help="skip the cost measurement")
    parser.add_argument("--sweep", action="store_true", help="measure the hand-set numbers")
    args = parser.parse_args(argv)
    if not (args.folder / "gold.jsonl").is_file():
        print(f"no gold.jsonl in {args.folder}", file=sys.stderr)
        return 2
    pages = load_pages(args.folder, args.limit)
    run(pages, args)
    if not args.no_cost:
        cost(args.folder, args.repeat)
        cost_html(pages, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
