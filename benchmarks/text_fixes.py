"""Prototypes of fixes at the causes of the text path's whole-article losses, scored on
every development set.

Usage: python benchmarks/text_fixes.py [ROOT] [--sets NAME ...]

``benchmarks/text_losses.py`` finds the causes; each fix here changes one mechanism of the
cleaner by wrapping the pass that holds it (the package is not changed), and the script
prints each set's F1 (the snippet score on ``trafeval/``), the pages with gold text that come
out empty and, on ``trafeval/``, those where no wanted snippet is found, for the cleaner as
shipped, each fix alone, and all together:

- ``inherited headers``: ``thread_start`` counts the comment headers below a comment
  heading to tell a thread from a toolbar; the lines that the ``headings`` pass gave the
  heading's category ("after-RULE": "Weigh In", "Corrections?" under "Comments") are the
  heading's block, not headers of a thread, and no longer count.
- ``denser per line``: when ``below_title`` keeps the densest run although the title line
  lies outside it, the run below the title line (as ``below_title`` reads it) replaces it if
  its gain per line is at least `PER_LINE` times the densest run's: a mega-menu or a site
  description is long but thin, an article short and dense.
- ``page capitalization``: the line weight of ``capitalized`` (the share of words with a
  capital) reads German, where every noun has one, as furniture. Each line's probability
  is moved by that weight times (`REFERENCE` minus the page's median share over its lines
  of ten words or more), on pages whose median is above `REFERENCE`: the share relative
  to the page's own prose.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sets
from markup_evidence import clean_moved

from karabakh_corpus import Cleaner
from karabakh_corpus.cleaner import features as _features
from karabakh_corpus.cleaner import passes as _passes
from karabakh_corpus.schema import Category

PER_LINE = 1.0
"""From 1 to 3 the sets score the same."""
REFERENCE = 0.15
"""The median share of capitalized words of a page's prose lines in English: 0.151 to 0.211
on the four English-led sets (0.362 on ``trafeval/``)."""
_INHERITED: Any = (Category.BOILERPLATE, "inherited")


def inherited_headers(original: Callable[..., int]) -> Callable[..., int]:
    def thread_start(labels: Sequence[Any], *args: Any) -> int:
        neutral = [
            _INHERITED if label is not None and label[1].startswith("after-") else label
            for label in labels
        ]
        return original(neutral, *args)

    return thread_start


def denser_per_line(original: Callable[..., tuple[int, int]]) -> Callable[..., tuple[int, int]]:
    def per_line(gains: Sequence[float], facts: Sequence[Any], a: int, b: int) -> float:
        lines = sum(1 for i in range(a, b) if not facts[i].empty)
        return sum(gains[a:b]) / max(lines, 1)

    def below_title(
        lines: Any, gains: Any, facts: Any, labels: Any, lengths: Any, title: int,
        start: int, stop: int, anchor: float, lift: float, trim: float,
    ) -> tuple[int, int]:  # fmt: skip
        out = original(lines, gains, facts, labels, lengths, title, start, stop, anchor, lift,
                       trim)  # fmt: skip
        if out != (start, stop) or start <= title < stop:
            return out
        below = original(lines, gains, facts, labels, lengths, title, start, stop, 0.0, lift,
                         trim)  # fmt: skip
        if below != out and per_line(gains, facts, *below) >= PER_LINE * per_line(
            gains, facts, start, stop
        ):
            return below
        return out

    return below_title


_CAPITALIZED = _features.LINE_FEATURES.index("capitalized")


def page_shift(cleaner: Cleaner, text: str) -> list[float] | None:
    """The move of each line's probability for the page's capitalization, or None."""
    _spans, lines, _facts = cleaner._page(text)
    prose = [_features.describe(x)[0][_CAPITALIZED] for x in lines if len(x.split()) >= 10]
    if not prose or statistics.median(prose) <= REFERENCE:
        return None
    weight = cleaner.thresholds.weights.get("capitalized", 0.0)
    return [weight * (REFERENCE - statistics.median(prose))] * len(lines)


def run(
    sets: dict[str, list[bench_sets.BenchPage]], fixes: Sequence[str]
) -> dict[str, bench_sets.SetScore]:
    """Each set's score with `fixes` applied."""
    saved = (_passes.thread_start, _passes.below_title)
    if "inherited headers" in fixes:
        _passes.thread_start = inherited_headers(saved[0])
    if "denser per line" in fixes:
        _passes.below_title = denser_per_line(saved[1])
    try:
        cleaner = Cleaner()
        scores = {}
        for name, pages in sets.items():
            outputs = []
            for page in pages:
                shift = page_shift(cleaner, page.text) if "page capitalization" in fixes else None
                result = (
                    cleaner.clean(page.text)
                    if shift is None
                    else clean_moved(cleaner, page.text, shift)
                )
                outputs.append(bench_sets.output(result, name))
            scores[name] = bench_sets.score(pages, outputs)
        return scores
    finally:
        _passes.thread_start, _passes.below_title = saved


FIXES = ("inherited headers", "denser per line", "page capitalization")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?")
    parser.add_argument("--sets", nargs="*", default=())
    args = parser.parse_args(argv)
    root = args.root or bench_sets.default_root()
    sets = {name: bench_sets.load(root, name) for name in bench_sets.set_names(root, args.sets)}
    print("| fix | " + " | ".join(sets) + " |\n" + "|---" * (len(sets) + 1) + "|")
    for fixes in [(), *((f,) for f in FIXES), FIXES]:
        scores = run(sets, fixes)
        cells = [
            f"{s.f1:.4f} ({s.empty}" + (f"/{s.missed})" if sets[n][0].gold is None else ")")
            for n, s in scores.items()
        ]
        print(f"| {' + '.join(fixes) or 'as shipped'} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
