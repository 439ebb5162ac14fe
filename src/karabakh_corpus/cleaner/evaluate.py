"""The article-extraction score: word 4-gram overlap between a prediction and the gold text.

Tokens are the matches of ``\\w+``; each text becomes the multiset of its 4-grams of
consecutive tokens (a text of fewer than four tokens gives one shorter n-gram). Per page,
precision is tp / (tp + fp) and recall tp / (tp + fn) over those multisets; over pages,
precision and recall are averaged (a page with neither surplus counts 1 for both) and F1
is the harmonic mean of the two averages. This is the score of the public article-extraction
benchmark published by Scrapinghub (github.com/scrapinghub/article-extraction-benchmark).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import attrs

__all__ = ["PageScore", "Score", "score_page", "score_pages"]

_TOKEN = re.compile(r"\w+")


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


@attrs.frozen
class PageScore:
    """One page's counts and ratios; precision or recall is None where undefined."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else 0.0


@attrs.frozen
class Score:
    """The benchmark's figures over a set of pages."""

    precision: float
    recall: float
    f1: float
    share_f1_090: float
    pages: tuple[PageScore, ...] = attrs.field(repr=False)


def score_page(predicted: str, gold: str) -> PageScore:
    """Score one predicted article text against its gold text."""
    p, g = _shingles(predicted), _shingles(gold)
    tp = sum((p & g).values())
    return PageScore(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def score_pages(pairs: Iterable[tuple[str, str]]) -> Score:
    """Score ``(predicted, gold)`` pairs as the benchmark does."""
    pages = tuple(score_page(p, g) for p, g in pairs)
    if not pages:
        raise ValueError("no pages to score")
    ps = [s.precision for s in pages if s.precision is not None]
    rs = [s.recall for s in pages if s.recall is not None]
    mp = sum(ps) / len(ps) if ps else 0.0
    mr = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    share = sum(s.f1 >= 0.9 for s in pages) / len(pages)
    return Score(mp, mr, f1, share, pages)
