"""The cleaner's two stages, which score each line of a page, and the features of its context.

The first stage weighs the line's own features (`features.FEATURE_NAMES`, summed once per
line into `LineFacts.score` by the cleaner), its repetition on the page and its capitals
against the page's prose into a logit
(`first_stage`). The second weighs that logit together with the line's context
(`thresholds.CONTEXT_NAMES`: its neighbours' logits, where it sits relative to the densest
run of text, rule-labelled neighbours, runs of short lines, repeated line shapes) into the
probability that the line is article text (`second_stage`). Both stages are logistic models
whose weights (`karabakh_corpus.cleaner.thresholds.Thresholds`) are matched to features by
name; ``scripts/fit_cleaner.py`` fits them.
"""

from __future__ import annotations

import collections
import itertools
import math
import operator
import re
from collections.abc import Sequence

from karabakh_corpus.cleaner.page import LineFacts, Page
from karabakh_corpus.cleaner.thresholds import (
    CLIP,
    CONTEXT_NAMES,
    EDGE,
    LOGIT_FLOOR,
    PROSE_WORDS,
    SHAPE_WORDS,
    SHORT_WORDS,
    TEXT_CHARS,
    WINDOW,
    Thresholds,
)
from karabakh_corpus.schema import Category

__all__ = [
    "context_logits",
    "context_rows",
    "densest_run",
    "first_stage",
    "prose_capitals",
    "second_stage",
    "shape",
]


def first_stage(page: Page, thresholds: Thresholds) -> None:
    """The first-stage logit of each line: its own features, its repetition on the page and
    its capitals against the page's prose (`features.PAGE_FEATURES`).

    Reads: `lines`, `facts` (each line's score without the page's terms, and its share of
    capitalized words). Changes: `logits`, to the score plus the weight of `repeated` for a
    line that occurs more than once, plus the weight of ``capitalized_vs_page`` times the
    line's share of capitalized words less the median share of the page's prose lines
    (`prose_capitals`): German capitalizes every noun, and its prose is read against German
    prose, not English.
    """
    counts = collections.Counter(page.lines)
    weights = thresholds.weights  # (both are features.PAGE_FEATURES)
    repeated = weights.get("repeated", 0.0)
    relative = weights.get("capitalized_vs_page", 0.0)
    pairs = zip(page.lines, page.facts, strict=True)
    if not relative:
        page.logits = [f.score + repeated if counts[line] > 1 else f.score for line, f in pairs]
        return
    median = prose_capitals(page.facts)
    page.logits = [
        f.score + relative * (f.capitalized - median) + (repeated if counts[line] > 1 else 0.0)
        for line, f in pairs
    ]


def prose_capitals(facts: Sequence[LineFacts]) -> float:
    """The median share of capitalized words of a page's prose lines (of at least
    `PROSE_WORDS` words; of all its lines with words if it has none; 0.0 if none has)."""
    shares = sorted(f.capitalized for f in facts if f.words >= PROSE_WORDS)
    if not shares:
        shares = sorted(f.capitalized for f in facts if not f.empty)
        if not shares:
            return 0.0
    middle = len(shares) // 2
    return shares[middle] if len(shares) % 2 else (shares[middle - 1] + shares[middle]) / 2


def second_stage(page: Page, thresholds: Thresholds) -> None:
    """The text probability of each line: the second stage over the line's context.

    Reads: `logits`, `lengths`, `facts`, `title` (see `context_logits`). Changes: `prob`,
    the probability of each undecided line (0 for a decided one, whose probability no pass
    reads).
    """
    weights = tuple(map(thresholds.context.get, CONTEXT_NAMES, _ZEROS))
    logits = context_logits(page, weights, thresholds.context_bias)
    exp = math.exp
    page.prob = [1.0 / (1.0 + exp(-z)) if z > LOGIT_FLOOR else 0.0 for z in logits]


_ZEROS = (0.0,) * len(CONTEXT_NAMES)
_DECIDED = -100.0
"""The second-stage logit of a line a rule or a shape decided (its probability is never
read)."""


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


def context_logits(page: Page, weights: Sequence[float], bias: float) -> list[float]:
    """The second-stage logit of each undecided line of `page`: `bias` plus `weights` (in
    the order of `CONTEXT_NAMES`) times the line's `context_rows`, computed without building
    the rows. Reads the page's `logits`, `lengths`, `facts` and `title`.

    A line that a rule or a shape already decided (its `LineFacts.label` is set) gets
    `_DECIDED` instead: the cleaner reads no probability of such a line.
    """
    w_own, w_prev, w_next, w_prev2, w_next2, w_window, w_ruled, w_in, w_before = weights[:9]
    w_after, w_short, w_barrier, w_shape, w_position, w_before_title = weights[9:15]
    w_after_title, w_title_distance, w_after_comment, w_headers = weights[15:]
    facts, title = page.facts, page.title
    n = len(facts)
    if n == 0:
        return []
    # the page-wide parts that some weight reads: the window, the densest run, runs of
    # short lines, shapes
    parts = (
        bool(w_window),
        bool(w_in or w_before or w_after),
        bool(w_short),
        bool(w_shape or w_headers),
    )
    z, padded, sums, start, stop, run, shapes = _prepare(page, parts)
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
    page: Page, parts: tuple[bool, bool, bool, bool] = (True, True, True, True)
) -> tuple[list[float], list[float], list[float], int, int, list[int], dict[str, int]]:
    """The page-wide parts of the context: clipped logits, padded for the neighbours, and
    of the four `parts` (each computed only if asked for, else left empty) their running
    sums, the densest run, the run of short lines of each line and the count of each
    shape."""
    logits, lengths, facts = page.logits, page.lengths, page.facts
    window, densest, runs, shaped = parts
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


def context_rows(page: Page) -> list[tuple[float, ...]]:
    """The `CONTEXT_NAMES` features of each line of `page`, in order.

    Reads the page's first-stage `logits`, the `lengths` of its lines in characters, their
    `facts` and the `title` line (-1 if none). Linear in the number of lines.
    """
    facts, title = page.facts, page.title
    n = len(facts)
    if n == 0:
        return []
    z, padded, sums, start, stop, run, shapes = _prepare(page)
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
