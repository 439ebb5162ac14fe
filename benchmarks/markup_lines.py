"""The lines of the development pages with their gold label, the text path's view and markup.

The shared ground of ``markup_evidence.py`` (which markup facts separate article lines
from the rest, and what they add to the text path) and ``text_losses.py`` (why the text
path loses whole articles). For each page it reads:

- the markup of each line (`karabakh_corpus.cleaner.markup.read_markup` of the decoding
  html-text renders as the page's ``text/ID.txt``, so the lines are the text path's lines);
- the text path's view: each line's text probability on the cleaner's first pass (the
  second stage, as the passes read it) and its final label;
- each line's gold label: 1 if it is the article's, 0 if not, -1 if unknown. For a whole
  gold text, a token of the page is covered when a word 4-gram of the page's tokens that
  holds it (across line breaks) is a 4-gram of the gold; a line is the article's when at
  least half its tokens are covered. For snippet gold, a line that a ``with`` snippet
  covers is the article's, one that a ``without`` snippet touches is not, the rest unknown.

It reads the cleaner's inside (``Cleaner._page``, ``_logits``, ``_probabilities``,
``_run``), as ``scripts/fit_cleaner.py`` does: scripts of the repository only.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sets

from karabakh_corpus import Cleaned, Cleaner
from karabakh_corpus.cleaner import passes as _passes
from karabakh_corpus.cleaner.markup import Markup
from karabakh_corpus.schema import Category


class PageLines(NamedTuple):
    """One page: its bench page, markup, lines, gold labels and the text path's view."""

    page: bench_sets.BenchPage
    markup: Markup
    lines: list[str]
    gold: list[int]
    prob: list[float]
    """The first-pass text probability of each line (-1 for a line a rule or shape decided)."""
    result: Cleaned
    title: int
    """The line that repeats the page's title (`title_line`), or -1."""

    def scored(self, i: int) -> bool:
        """True if the text path's output (as the set is scored) holds line `i`."""
        category = self.result._labels[i][0]
        return category is Category.PARAGRAPH or (
            category is Category.TITLE and bench_sets.with_title(self.page.set)
        )


def first_pass(cleaner: Cleaner, text: str) -> tuple[list[str], list[float], int]:
    """The lines of `text`, their text probability on the first pass (-1 where a rule or a
    shape decided the line) and the title line."""
    _spans, lines, facts = cleaner._page(text)
    logits = cleaner._logits(lines, facts)
    lengths = [len(x) for x in lines]
    title = _passes.title_line(lines, facts, logits, lengths)
    prob = cleaner._probabilities(logits, lengths, facts, title)
    return lines, [p if f.label is None else -1.0 for p, f in zip(prob, facts, strict=True)], title


gold_labels = bench_sets.gold_labels
"""Each line's gold label (`bench_sets.gold_labels`)."""


def read_page(cleaner: Cleaner, page: bench_sets.BenchPage) -> PageLines | None:
    """A page's lines with their markup, gold and the text path's view; None when no
    decoding of its bytes renders as its text."""
    markup = bench_sets.bench_markup(page)
    if markup is None:
        return None
    lines, prob, title = first_pass(cleaner, page.text)
    result = cleaner.clean(page.text)
    return PageLines(page, markup, lines, gold_labels(page, lines), prob, result, title)


def logit(p: float) -> float:
    """The logit of a probability, bounded to [-30, 30]."""
    if p <= 1e-13:
        return -30.0
    if p >= 1.0 - 1e-13:
        return 30.0
    return math.log(p / (1.0 - p))
