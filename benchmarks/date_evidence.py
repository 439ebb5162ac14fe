"""Where an HTML page's date sits, and which of its sources are right when they disagree:
the evidence behind the date of `karabakh_corpus.cleaner.facts.dating`.

Usage: python benchmarks/date_evidence.py [META_DIR] [--limit N]
                                          [--reach N [N ...]]

Reads every page of the metadata benchmark (META_DIR as for ``facts_bench.py``) from its
HTML, as ``clean_html(html).facts`` does, and prints:

1. The pages whose date is wrong, by the rule that chose it and by where the gold date
   sits: declared in the markup (a publication or an update key of `tags`), printed on a
   line at most `dating.CORROBORATION_LINES` lines from the headline, printed farther, or
   nowhere the reader sees.
2. The pages where the most trusted declaration of the publication date
   (`tags.PUBLISHED_KEYS`) and the date the text gives disagree, and a date is printed
   near the headline, by how many
   kinds of source (``json-ld``, ``meta``, ``microdata``, ``time``, ``script``, ``url``,
   the printed ``text``) give each: the printed date has more, as many, or fewer; and
   which of the two the gold date is. This is the evidence of the vote: the side with more
   kinds of source wins, a tie keeps the declaration.
3. The date exact match with `dating.CORROBORATION_LINES` (how far from the headline a
   printed date may take part in the vote) set to each of --reach; the best value (the
   smallest of the best) is marked, and the shipped value should be it; then the score
   if a tie went to the printed date rather than to the declaration.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import facts_bench  # noqa: E402

import karabakh_corpus as kc  # noqa: E402
from karabakh_corpus.cleaner.facts import dating  # noqa: E402
from karabakh_corpus.cleaner.facts.dates import parse_declared  # noqa: E402
from karabakh_corpus.cleaner.facts.page import Page  # noqa: E402
from karabakh_corpus.cleaner.facts.tags import PUBLISHED_KEYS  # noqa: E402
from karabakh_corpus.facts import Markup, read_facts, read_markup  # noqa: E402


class Read:
    """One page as the date reader sees it: its text, regions and markup, and the gold."""

    def __init__(self, page: facts_bench.Page) -> None:
        cleaned = kc.clean_html(page.html)
        self.id = page.id
        self.gold = datetime.date.fromisoformat(page.gold["date"])
        self.raw, self.regions = cleaned.raw, cleaned.regions
        self.markup: Markup = read_markup(page.html)
        self.page = Page(self.raw, self.regions)

    def date(self) -> Any:
        return read_facts(self.raw, self.regions, self.markup).date


def _value(declared: Any) -> datetime.date | None:
    if dating._is_url(declared):
        return dating._url_date(declared.text)
    return parse_declared(declared.text)


def where(read: Read) -> str:
    """Where the gold date of a page sits, the nearest to the story first."""
    near = dating.CORROBORATION_LINES
    printed = dating.text_dates(read.page, every=True)
    if any(p.date == read.gold and abs(p.distance) <= near for p in printed):
        return f"printed at most {near} lines from the headline"
    declared = sorted(
        {
            d.field
            for d in read.markup.declared
            if d.field in ("date", "updated") and _value(d) == read.gold
        }
    )
    if declared:
        return "declared as " + " and ".join(declared)
    if any(p.date == read.gold for p in printed):
        return "printed farther"
    return "nowhere the reader sees"


def misses(reads: Sequence[Read]) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for read in reads:
        fact = read.date()
        if fact.value != read.gold:
            counts[(fact.rule or "none", where(read))] += 1
    print(f"## The wrong dates ({sum(counts.values())} of {len(reads)} pages)\n")
    print("| rule | where the gold date sits | pages |")
    print("|---|---|---|")
    for (rule, place), n in sorted(counts.items(), key=lambda x: (-x[1], x[0])):
        print(f"| {rule} | {place} | {n} |")
    print()


def votes(reads: Sequence[Read]) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for read in reads:
        strong = dating._first(read.markup, PUBLISHED_KEYS, ("date",))
        if strong is None:
            continue
        printed = dating.text_dates(read.page)
        text = dating.date_from_text(read.page, printed)
        if text.value == strong[0]:
            continue  # they agree: no vote
        chosen = min(printed, key=dating._rank) if printed and text.value is not None else None
        vote = dating._vote(read.page, read.markup, strong[1], chosen)
        if vote is None:
            continue
        shown, support, hidden = vote
        side = (
            "more"
            if len(support) > len(hidden)
            else "as many"
            if len(support) == len(hidden)
            else "fewer"
        )
        right = (
            "the printed date"
            if shown.date == read.gold
            else "the declared date"
            if strong[0] == read.gold
            else "neither"
        )
        counts[(side, right)] += 1
    print(
        "## The declared publication date against a printed one "
        f"(at most {dating.CORROBORATION_LINES} lines from the headline)\n"
    )
    print("| kinds of source of the printed date | printed right | declared right | neither |")
    print("|---|---|---|---|")
    for side in ("more", "as many", "fewer"):
        row = [counts[(side, r)] for r in ("the printed date", "the declared date", "neither")]
        print(f"| {side} | {row[0]} | {row[1]} | {row[2]} |")
    print()


def reach(reads: Sequence[Read], values: Sequence[int]) -> None:
    shipped = dating.CORROBORATION_LINES
    scores = {}
    for value in values:
        dating.CORROBORATION_LINES = value
        scores[value] = sum(read.date().value == read.gold for read in reads)
    dating.CORROBORATION_LINES = shipped
    vote = dating._vote

    def printed_wins_ties(*args: Any) -> Any:
        found = vote(*args)
        if found is not None and len(found[1]) == len(found[2]):
            found[1]["tie"] = None  # one more kind of source: the printed date wins
        return found

    dating._vote = printed_wins_ties  # type: ignore[assignment]
    ties = sum(read.date().value == read.gold for read in reads)
    dating._vote = vote  # type: ignore[assignment]
    best = max(scores.values())
    chosen = min(v for v, s in scores.items() if s == best)
    print("## How far from the headline a printed date may vote (CORROBORATION_LINES)\n")
    print("| lines | date exact | |")
    print("|---|---|---|")
    for value, score in scores.items():
        marks = [m for m, on in (("best", value == chosen), ("shipped", value == shipped)) if on]
        print(f"| {value} | {score / len(reads):.4f} ({score}) | {', '.join(marks)} |")
    print(
        f"\nWith a tie won by the printed date instead of the declaration: "
        f"{ties / len(reads):.4f} ({ties}), against {scores.get(shipped, 0)} (shipped).\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", nargs="?", type=Path, default=facts_bench.default_meta())
    parser.add_argument("--limit", type=int, default=None, help="read only the first N pages")
    parser.add_argument(
        "--reach", type=int, nargs="+", default=[0, 2, 4, 6, 8, 10, 12, 15, 20, 30, 60, 100]
    )
    args = parser.parse_args(argv)
    if not (args.folder / "gold.jsonl").is_file():
        print(f"no gold.jsonl in {args.folder}", file=sys.stderr)
        return 2
    pages = [p for p in facts_bench.load_pages(args.folder, args.limit) if p.gold.get("date")]
    reads = [Read(page) for page in pages]
    print(f"{len(reads)} pages with a gold date, read from their HTML\n")
    misses(reads)
    votes(reads)
    reach(reads, args.reach)
    return 0


if __name__ == "__main__":
    sys.exit(main())
