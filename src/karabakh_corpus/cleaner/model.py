"""The cleaner's fitted numbers, and the context features its second stage weighs.

The cleaner scores a line in two stages. The first weighs the line's own features
(`features.FEATURE_NAMES`) into a logit. The second weighs that logit together with the
line's context (`thresholds.CONTEXT_NAMES`: its neighbours' logits, where it sits relative to the
densest run of text, rule-labelled neighbours, runs of short lines, repeated line shapes)
into the probability that the line is article text. Both stages are logistic models whose
weights are matched to features by name.

Every number is fitted by ``scripts/fit_cleaner.py`` and shipped in ``cleaner_model.json``
beside this module; ``docs/cleaner-model.md`` says what it was fitted on and how it scores.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
from collections.abc import Sequence
from typing import NamedTuple

from karabakh_corpus.cleaner.rules import Rule
from karabakh_corpus.cleaner.thresholds import (
    CLIP,
    EDGE,
    SHAPE_WORDS,
    SHORT_WORDS,
    TEXT_CHARS,
    WINDOW,
)
from karabakh_corpus.schema import Category

__all__ = [
    "LineFacts",
    "context_logits",
    "context_rows",
    "densest_run",
    "line_facts",
    "shape",
]

_DECIDED = -100.0
"""The second-stage logit of a line a rule or a shape decided (its probability is never
read)."""


class LineFacts(NamedTuple):
    """What the cleaner knows of one line alone, computed once per distinct line of a page.

    `score` is the first-stage logit without the page's repetition term, `words` the word
    count, `rule` the lexicon rule that matched (if any), `label` the label a rule or a
    shape gave the line (None while undecided), `empty` says the line has no word, and
    `shape` is its `shape` (None for long lines). The last three are read once per line
    and pass, so they are kept rather than computed each time: build it with `line_facts`.
    A named tuple: immutable, and cheap to make for every line of every page.
    """

    score: float
    words: int
    rule: Rule | None
    label: tuple[Category, str] | None
    empty: bool
    shape: str | None
    ruled: bool
    """True if a rule or a shape removed the line."""
    barrier: bool
    """True if the line is furniture that closes an article (a barrier rule)."""
    comment: bool
    """True if a comment rule removed the line ("Comments", "Leave a reply")."""


def line_facts(
    score: float,
    words: int,
    rule: Rule | None,
    label: tuple[Category, str] | None,
    empty: bool,
    shape: str | None,
) -> LineFacts:
    """The `LineFacts` of a line, with the fields derived from the others filled in."""
    if rule is None:
        return LineFacts(score, words, None, label, empty, shape, label is not None and not empty,
                         False, False)  # fmt: skip
    return LineFacts(
        score, words, rule, label, empty, shape, label is not None and not empty,
        rule.barrier, rule.category is Category.COMMENT_PROMPT,
    )  # fmt: skip


_LETTERS = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
# An ASCII line's letters as "a" and its digits as "0", every other byte kept: then runs of
# "a" and of "0" are the runs of letters and digits (searched for faster than the classes)
_SHAPE_BYTES = bytes(
    ord("a") if chr(b).isalpha() else ord("0") if chr(b).isdigit() else b for b in range(128)
) + bytes(range(128, 256))  # (bytes no ASCII line holds)
_A_RUN = re.compile("a+")
_ZERO_RUN = re.compile("0+")


def shape(line: str, words: int) -> str | None:
    """The shape of a short line: runs of letters as ``a``, runs of digits as ``0``.

    "Jane Doe says:" and "John Roe says:" share the shape ``a a a:``, "March 3, 2012 at
    5:42 pm" and "June 14, 2011 at 10:02 am" the shape ``a 0, 0 a 0:0 a``; lines of more
    than ten words have none.
    """
    if words > SHAPE_WORDS or words == 0:
        return None
    if line.isascii():
        marked = line.encode("ascii").translate(_SHAPE_BYTES).decode("ascii")
        return _ZERO_RUN.sub("0", _A_RUN.sub("a", marked))
    return _DIGITS.sub("0", _LETTERS.sub("a", line))


def densest_run(gains: Sequence[float]) -> tuple[int, int]:
    """Bounds of the contiguous run with the largest sum of gains (empty when all are <= 0)."""
    best = current = 0.0
    best_start = best_stop = current_start = 0
    for i, gain in enumerate(gains):
        if current <= 0.0:
            current = 0.0
            current_start = i
        current += gain
        if current > best:
            best = current
            best_start, best_stop = current_start, i + 1
    return best_start, best_stop


def context_logits(
    logits: Sequence[float],
    lengths: Sequence[int],
    facts: Sequence[LineFacts],
    weights: Sequence[float],
    bias: float,
    title: int = -1,
) -> list[float]:
    """The second-stage logit of each undecided line: `bias` plus `weights` (in the order of
    `CONTEXT_NAMES`) times the line's `context_rows`, computed without building the rows.
    `title` is the index of the line that repeats the page's title (-1 if none).

    A line that a rule or a shape already decided (its `LineFacts.label` is set) gets
    `_DECIDED` instead: the cleaner reads no probability of such a line.
    """
    (w_own, w_prev, w_next, w_prev2, w_next2, w_window, w_ruled, w_in, w_before, w_after,
     w_short, w_barrier, w_shape, w_position, w_before_title, w_after_title,
     w_title_distance, w_after_comment, w_headers) = weights  # fmt: skip
    n = len(logits)
    if n == 0:
        return []
    z, padded, sums, start, stop, run, shapes = _prepare(
        logits,
        lengths,
        facts,
        window=bool(w_window),
        densest=bool(w_in or w_before or w_after),
        runs=bool(w_short),
        shaped=bool(w_shape or w_headers),
    )
    headers = _headers_near(facts, shapes) if w_headers else []
    neighbours = bool(w_prev or w_next or w_prev2 or w_next2 or w_window)
    log1p = math.log1p
    near: list[int] = []
    if w_ruled:
        # the lines a rule removed among the two neighbours of each line
        ruled = [f.ruled for f in facts]
        near = list(map(operator.add, [False, *ruled[:-1]], [*ruled[1:], False]))
    out = []
    barrier = 0.0
    comment = False
    half = 1.0 / (2 * WINDOW)
    # Terms of weight 0 are skipped (adding 0.0 changes no sum); the others are added in
    # the order of CONTEXT_NAMES, so the result equals the weighted rows exactly.
    for i, f in enumerate(facts):
        if f.label is not None:
            # a line a rule or a shape decided: the cleaner never reads its probability
            out.append(_DECIDED)
            if f.barrier:
                barrier = 1.0
            if f.comment:
                comment = True
            continue
        zi = z[i]
        v = bias + w_own * zi
        if neighbours:
            p = i + WINDOW
            if w_prev:
                v += w_prev * padded[p - 1]
            if w_next:
                v += w_next * padded[p + 1]
            if w_prev2:
                v += w_prev2 * padded[p - 2]
            if w_next2:
                v += w_next2 * padded[p + 2]
            if w_window:
                v += w_window * ((sums[p + WINDOW + 1] - sums[p - WINDOW] - zi) * half)
        if w_ruled and near[i]:
            v += w_ruled * near[i]
        if start <= i < stop:
            v += w_in
        elif i < start:
            if w_before:
                v += w_before * log1p(start - i)
        elif w_after:
            v += w_after * log1p(i - stop + 1)
        if w_short and run[i]:
            v += w_short * log1p(run[i])
        if w_barrier and barrier:
            v += w_barrier * barrier
        if w_shape and f.shape is not None:
            v += w_shape * log1p(shapes[f.shape] - 1)
        if w_position:
            v += w_position * (i / n)
        if title >= 0:
            if i < title:
                v += w_before_title
            elif i > title:
                v += w_after_title
                if w_title_distance:
                    v += w_title_distance * log1p(i - title - 1)
        if comment:
            v += w_after_comment
        if w_headers and headers[i]:
            v += w_headers * log1p(headers[i])
        out.append(v)
        if f.barrier:
            barrier = 1.0
    return out


def _headers_near(facts: Sequence[LineFacts], shapes: dict[str, int]) -> list[int]:
    """For each line, how many of the two lines above and the two below are comment headers:
    bylines and datelines ("Posted by: Jane | May 3, 2012"), and short lines with a number
    or a final colon whose shape recurs at least three times ("Jane says:", "May 3 at 9:12")."""
    headers = _HEADERS
    flags = [
        (f.label[0] in headers)
        if f.label is not None
        else (
            f.shape is not None
            and shapes[f.shape] >= 3
            and ("0" in f.shape or f.shape.endswith(":"))
        )
        for f in facts
    ]
    # few lines are headers: count around each of them rather than look around every line
    n = len(flags)
    near = [0] * n
    for i in itertools.compress(range(n), flags):
        for j in (i - 2, i - 1, i + 1, i + 2):
            if 0 <= j < n:
                near[j] += 1
    return near


_HEADERS = frozenset({Category.BYLINE, Category.DATELINE})


def _prepare(
    logits: Sequence[float],
    lengths: Sequence[int],
    facts: Sequence[LineFacts],
    *,
    window: bool = True,
    densest: bool = True,
    runs: bool = True,
    shaped: bool = True,
) -> tuple[list[float], list[float], list[float], int, int, list[int], dict[str, int]]:
    """The page-wide parts of the context: clipped logits, padded for the neighbours, their
    running sums (if `window`), the densest run (if `densest`), the run of short lines of
    each line (if `runs`) and the count of each shape (if `shaped`)."""
    n = len(logits)
    z = [v if -CLIP <= v <= CLIP else (CLIP if v > 0 else -CLIP) for v in logits]
    padded = [EDGE] * WINDOW + z + [EDGE] * WINDOW
    sums = [0.0]
    if window:
        for v in padded:
            sums.append(sums[-1] + v)
    start = stop = 0
    if densest:
        exp = math.exp
        # (a conditional, not `min`: a builtin call per line costs more than the test)
        gains = [
            0.0
            if f.words == 0
            else (1.0 / (1.0 + exp(-v)) - 0.5) * (length if length < TEXT_CHARS else TEXT_CHARS)
            for v, length, f in zip(z, lengths, facts, strict=True)
        ]
        start, stop = densest_run(gains)
    run = [0] * n
    if runs:
        i = 0
        while i < n:
            if facts[i].words <= SHORT_WORDS:
                j = i
                while j < n and facts[j].words <= SHORT_WORDS:
                    j += 1
                for k in range(i, j):
                    run[k] = j - i
                i = j
            else:
                i += 1
    shapes: dict[str, int] = {}
    if shaped:
        for f in facts:
            if f.shape is not None:
                shapes[f.shape] = shapes.get(f.shape, 0) + 1
    return z, padded, sums, start, stop, run, shapes


def context_rows(
    logits: Sequence[float],
    lengths: Sequence[int],
    facts: Sequence[LineFacts],
    title: int = -1,
) -> list[tuple[float, ...]]:
    """The `CONTEXT_NAMES` features of each line of a page, in order.

    `logits` are the lines' first-stage logits, `lengths` their lengths in characters and
    `facts` what else is known of each, `title` the index of the line that repeats the
    page's title (-1 if none). Linear in the number of lines.
    """
    n = len(logits)
    if n == 0:
        return []
    z, padded, sums, start, stop, run, shapes = _prepare(logits, lengths, facts)
    near = _headers_near(facts, shapes)
    rows: list[tuple[float, ...]] = []
    barrier = 0.0
    comment = 0.0
    for i in range(n):
        f = facts[i]
        p = i + WINDOW
        window = (sums[p + WINDOW + 1] - sums[p - WINDOW] - z[i]) / (2 * WINDOW)
        ruled = (i > 0 and facts[i - 1].ruled) + (i + 1 < n and facts[i + 1].ruled)
        rows.append(
            (
                z[i],
                padded[p - 1],
                padded[p + 1],
                padded[p - 2],
                padded[p + 2],
                window,
                float(ruled),
                1.0 if start <= i < stop else 0.0,
                math.log1p(start - i) if i < start else 0.0,
                math.log1p(i - stop + 1) if i >= stop else 0.0,
                math.log1p(run[i]),
                barrier,
                math.log1p(shapes[f.shape] - 1) if f.shape is not None else 0.0,
                i / n,
                1.0 if title >= 0 and i < title else 0.0,
                1.0 if 0 <= title < i else 0.0,
                math.log1p(i - title - 1) if 0 <= title < i else 0.0,
                comment,
                math.log1p(near[i]),
            )
        )
        if f.barrier:
            barrier = 1.0
        if f.comment:
            comment = 1.0
    return rows
