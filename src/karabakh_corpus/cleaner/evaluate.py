"""The article-extraction score: word 4-gram overlap between a prediction and the gold text.

Tokens are the matches of ``\\w+``; each text becomes the multiset of its 4-grams of
consecutive tokens (a text of fewer than four tokens gives one shorter n-gram). Per page,
precision is tp / (tp + fp) and recall tp / (tp + fn) over those multisets; over pages,
precision and recall are averaged (a page with neither surplus counts 1 for both) and F1
is the harmonic mean of the two averages. This is the score of the public article-extraction
benchmark published by Scrapinghub (github.com/scrapinghub/article-extraction-benchmark).

The snippet score is that of trafilatura's evaluation set (github.com/adbar/trafilatura,
``tests/eval_common.py``), whose gold is not a whole text but snippets: per page, each
`with` snippet must be found in the output and each `without` snippet must not, after runs
of whitespace are collapsed to one space in both. A `with` snippet found is a true
positive, not found a false negative; a `without` snippet found is a false positive, not
found a true negative. The counts are summed over pages; F1 is 2tp / (2tp + fp + fn). A page
whose extraction failed (an output of None) finds nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "PageScore",
    "Score",
    "SnippetPage",
    "SnippetScore",
    "score_page",
    "score_pages",
    "score_snippet_page",
    "score_snippets",
]

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


_SPACES = re.compile(r"\s+")


def _collapsed(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@attrs.frozen
class SnippetPage:
    """One page's snippet counts: `with` snippets found (tp) and missed (fn), `without`
    snippets found (fp) and left out (tn)."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def empty(self) -> bool:
        """True if no `with` snippet was found (the article is missing)."""
        return self.tp == 0


@attrs.frozen
class SnippetScore:
    """The snippet score over a set of pages: the counts summed, then the ratios."""

    tp: int
    fp: int
    fn: int
    tn: int
    pages: tuple[SnippetPage, ...] = attrs.field(repr=False)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else 0.0


def score_snippet_page(
    output: str | None, with_: Sequence[str], without: Sequence[str]
) -> SnippetPage:
    """Count one page's snippets in `output` (None: the extraction failed, nothing found).

    `with_` are the snippets the output must hold, `without` those it must not; both and
    the output are compared with their runs of whitespace collapsed to one space.
    """
    if isinstance(with_, str) or isinstance(without, str):
        raise TypeError("with_ and without are sequences of snippets, not one str")
    found = _collapsed(output) if output is not None else None
    tp = sum(1 for s in with_ if found is not None and _collapsed(s) in found)
    fp = sum(1 for s in without if found is not None and _collapsed(s) in found)
    return SnippetPage(tp, fp, len(with_) - tp, len(without) - fp)


def score_snippets(
    items: Iterable[tuple[str | None, Sequence[str], Sequence[str]]],
) -> SnippetScore:
    """Score ``(output, with_, without)`` triples as trafilatura's evaluation does."""
    pages = tuple(score_snippet_page(o, w, wo) for o, w, wo in items)
    if not pages:
        raise ValueError("no pages to score")
    return SnippetScore(
        sum(p.tp for p in pages),
        sum(p.fp for p in pages),
        sum(p.fn for p in pages),
        sum(p.tn for p in pages),
        pages,
    )
