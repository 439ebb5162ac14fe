"""Place quoted text in a document, and move spans from one version of a text to another.

A quote is the exact text to find. To point at one occurrence of a short text, give context
around it and mark the target with double brackets: ``"told a government meeting
[[Thursday]]"`` finds the context and returns the bounds of "Thursday" inside it. The
context (or the quote, without brackets) must occur exactly once, unless `occurrence` picks
the n-th occurrence (1-based). Anything else raises `AnchorError` saying what was found.

Moving spans (`reanchor`, `align`): the old and the new text are aligned once, in time
near-linear in their length, and every span is mapped through the alignment; nothing is
searched for by similarity, so nothing is guessed.

1. The tokens of both texts (words, runs of whitespace, punctuation marks) are aligned:
   common prefix and suffix, then words that occur exactly once on both sides (or as
   often on both sides, up to `_SAME_COUNT` times, the n-th with the n-th), where they
   keep their order (the longest increasing run of them, as in patience diff), then the
   stretches between them the same way, down to stretches without such words.
2. The characters between two matched tokens are aligned one by one: longest common run
   first in short stretches, a Myers diff in long ones (at most `MAX_EDITS` edits, a
   quarter of that beyond `_REFINE` characters; a stretch that needs more stays
   unaligned), so that a letter changed in a word leaves the rest of the word aligned.
3. A short run of matched text shorter than the edits on both sides of it is dropped (as
   coincidental), so that a rewritten passage is one edit rather than many.

A span whose characters all fall in one matched run has *moved*: the same text at new
offsets. Text inserted exactly at a span's edge stays outside it. A span with edits inside
is *changed* when the edit is small (the characters deleted plus inserted are at most half
its length): its new bounds take in the replacement of what it covered, but never text
that replaced something outside it. Otherwise it is *lost*, with the reason. Before a span
is called changed or lost, one more check: where the alignment cannot tell whether an edit
next to a span lies inside or outside it (text repeated at the boundary), traded the span
for an equally long match elsewhere, or dropped a short match between edits, a span whose
exact text occurs exactly once in the new text between the nearest long matched runs
around it (`_RELIABLE` characters, or the span's length) is moved there, if that
occurrence touches where the alignment put a changed span, or, for a span the alignment
lost, if its text also occurs only once in the old text between the same runs. Otherwise
nothing is chosen.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs

from karabakh_corpus.errors import AnchorError
from karabakh_corpus.schema import Quotation, Span

__all__ = [
    "Alignment",
    "Reanchored",
    "align",
    "find_all",
    "find_quote",
    "move",
    "reanchor",
    "split_marked",
]


def split_marked(quote: str) -> tuple[str, int, int]:
    """Split a quote into its context and the bounds of the marked target within it."""
    if not isinstance(quote, str) or not quote:
        raise AnchorError(f"a quote must be a non-empty str, not {quote!r}")
    opening = quote.count("[[")
    closing = quote.count("]]")
    if opening == 0 and closing == 0:
        return quote, 0, len(quote)
    if opening != 1 or closing != 1 or quote.index("[[") > quote.index("]]"):
        raise AnchorError(f"mark exactly one target with [[...]] in {quote!r}")
    before, rest = quote.split("[[", 1)
    target, after = rest.split("]]", 1)
    if not target:
        raise AnchorError(f"the marked target is empty in {quote!r}")
    context = before + target + after
    return context, len(before), len(before) + len(target)


def find_all(text: str, needle: str) -> list[int]:
    """Every start position of `needle` in `text`, overlaps included."""
    starts = []
    i = text.find(needle)
    while i >= 0:
        starts.append(i)
        i = text.find(needle, i + 1)
    return starts


def find_quote(text: str, quote: str, *, occurrence: int | None = None) -> tuple[int, int]:
    """The ``(start, end)`` of the quote's target in `text`; see the module docstring."""
    context, offset, stop = split_marked(quote)
    starts = find_all(text, context)
    if occurrence is not None:
        if not isinstance(occurrence, int) or occurrence < 1:
            raise AnchorError(f"occurrence must be a positive int, not {occurrence!r}")
        if occurrence > len(starts):
            raise AnchorError(
                f"{context!r} occurs {len(starts)} time(s); occurrence {occurrence} does not exist"
            )
        start = starts[occurrence - 1]
    elif len(starts) == 1:
        start = starts[0]
    elif not starts:
        raise AnchorError(f"{context!r} does not occur in the text; quote it exactly")
    else:
        raise AnchorError(
            f"{context!r} occurs {len(starts)} times (at {starts[:5]}); add context around "
            "the target and mark it with [[...]], or give its occurrence"
        )
    return start + offset, start + stop


MAX_EDITS = 400
"""The most character edits the Myers diff of a long stretch looks for."""
_REFINE = 4000
"""Stretches longer than this (in characters, both sides together) get a quarter of the
edits in their character alignment, which keeps its cost linear."""

_SMALL = 40_000
"""Stretches whose sides multiply to at most this are aligned longest common run first
(`difflib`, quadratic in the stretch, so bounded), which keeps words together better than
a shortest edit script does; longer ones by the bounded Myers diff."""

_RELIABLE = 8
"""A matched run this long (or as long as the span) bounds the search for a span's exact
text when the alignment alone leaves it changed or lost."""
_SAME_COUNT = 8
"""Tokens that occur this often or less, as often on both sides, anchor the alignment."""

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")

S = TypeVar("S", bound=Span)


@attrs.frozen
class Alignment:
    """The matched runs of two texts: ``old[a:a+n] == new[b:b+n]`` for each (a, b, n).

    Runs are in order and do not overlap; what lies between two runs was edited.
    """

    old: str = attrs.field(repr=False)
    new: str = attrs.field(repr=False)
    a: tuple[int, ...] = attrs.field(repr=False)
    b: tuple[int, ...] = attrs.field(repr=False)
    n: tuple[int, ...] = attrs.field(repr=False)

    @property
    def matched(self) -> int:
        """How many characters of the old text are matched."""
        return sum(self.n)

    def map(self, start: int, end: int) -> tuple[str, int, int, str]:
        """Map ``old[start:end]`` to the new text: (status, new start, new end, reason)."""
        status, ns, ne, reason, first, last = self._map(start, end)
        if status == "moved":
            return status, ns, ne, reason
        # The alignment may have put an edit next to the span inside it (text repeated at
        # its edge), or traded the span for an equally long match elsewhere: look for the
        # span's exact text between the nearest long matched runs around it.
        size = end - start
        reliable = max(size, _RELIABLE)
        a, b, n = self.a, self.b, self.n
        k = first - 1
        while k >= 0 and n[k] < reliable:
            k -= 1
        lo, old_lo = (0, 0) if k < 0 else (b[k] + n[k], a[k] + n[k])
        k = last + 1
        while k < len(a) and n[k] < reliable:
            k += 1
        hi, old_hi = (len(self.new), len(self.old)) if k >= len(a) else (b[k], a[k])
        quote = self.old[start:end]
        lo, hi = max(0, lo - size), min(len(self.new), hi + size)
        old_lo, old_hi = max(0, old_lo - size), min(len(self.old), old_hi + size)
        at = self.new.find(quote, lo, hi)
        if at >= 0 and self.new.find(quote, at + 1, hi) < 0:
            if status == "changed":
                # most of the span is in place: only an edge the alignment could have
                # placed either way may be traded, so the text must touch where it went
                found = at <= ne and at + size >= ns
            else:
                # the span is not in place: its text must be the only one on both sides
                found = self.old.find(quote, start + 1, old_hi) < 0 and (
                    self.old.find(quote, old_lo, start) < 0
                )
            if found:
                return "moved", at, at + size, ""
        if status == "lost":
            return status, 0, 0, reason
        return status, ns, ne, reason

    def _map(self, s: int, e: int) -> tuple[str, int, int, str, int, int]:
        """The mapping through the matched runs, and the first and last run it touches."""
        a, b, n = self.a, self.b, self.n
        size = e - s
        i = bisect.bisect_right(a, s) - 1
        first = i if i >= 0 and a[i] + n[i] > s else i + 1
        kept = 0
        last = first - 1
        k = first
        while k < len(a) and a[k] < e:
            kept += min(e, a[k] + n[k]) - max(s, a[k])
            last = k
            k += 1
        if kept == 0:
            gap_b = 0 if first == 0 else b[first - 1] + n[first - 1]
            next_b = len(self.new) if first >= len(a) else b[first]
            why = "its text no longer occurs: it was deleted or rewritten"
            return "lost", gap_b, next_b, why, first, first - 1
        if first == last and a[first] <= s and e <= a[first] + n[first]:
            ns = b[first] + s - a[first]
            return "moved", ns, ns + size, "", first, last
        if a[first] <= s:
            ns = b[first] + s - a[first]
        else:
            gap_a = 0 if first == 0 else a[first - 1] + n[first - 1]
            gap_b = 0 if first == 0 else b[first - 1] + n[first - 1]
            ns = gap_b if gap_a >= s else b[first]
        if a[last] + n[last] >= e:
            ne = b[last] + e - a[last]
        else:
            next_a = len(self.old) if last + 1 >= len(a) else a[last + 1]
            next_b = len(self.new) if last + 1 >= len(a) else b[last + 1]
            ne = next_b if next_a <= e else b[last] + n[last]
        if ne <= ns:
            return "lost", ns, ns, "its text was deleted", first, last
        text = self.new[ns:ne]
        if text == self.old[s:e]:
            return "moved", ns, ne, "", first, last
        cost = (size - kept) + (ne - ns - kept)
        if 2 * cost <= size:
            why = f"edited inside: {self.old[s:e]!r} is now {text!r}"
            return "changed", ns, ne, why, first, last
        why = f"rewritten: {kept} of its {size} characters remain, in {text!r}"
        return "lost", ns, ne, why, first, last


@functools.lru_cache(maxsize=16)
def align(old: str, new: str) -> Alignment:
    """Align two texts (see the module docstring); the last few alignments are cached."""
    if not isinstance(old, str) or not isinstance(new, str):
        raise TypeError("the old and the new text must be str")
    if old == new:
        return (
            Alignment(old, new, (0,), (0,), (len(old),)) if old else Alignment(old, new, (), (), ())
        )
    # the common start and end first (a few comparisons of slices, at C speed)
    head = _common_length(old, new, lambda k: old[:k] == new[:k])
    tail = _common_length(
        old[head:], new[head:], lambda k: old[len(old) - k :] == new[len(new) - k :]
    )
    blocks: list[list[int]] = [[0, 0, head]] if head else []
    old_end, new_end = len(old) - tail, len(new) - tail
    ids: dict[str, int] = {}
    old_tokens = _TOKEN.findall(old, head, old_end)
    new_tokens = _TOKEN.findall(new, head, new_end)
    ta = [ids.get(t) or _token_id(ids, t) for t in old_tokens]
    tb = [ids.get(t) or _token_id(ids, t) for t in new_tokens]
    old_at = list(itertools.accumulate(map(len, old_tokens), initial=head))
    new_at = list(itertools.accumulate(map(len, new_tokens), initial=head))
    ca, cb = head, head  # the characters before these are aligned
    for i, j in [*_diff(ta, tb, anchors=True), (len(ta), len(tb))]:
        ca1, cb1 = old_at[i], new_at[j]
        if ca1 > ca and cb1 > cb:  # the characters between two matched tokens
            if (ca1 - ca) * (cb1 - cb) <= _SMALL:
                for x, y, size in _longest_first(old[ca:ca1], new[cb:cb1]):
                    _add(blocks, ca + x, cb + y, size)
            else:
                limit = MAX_EDITS if (ca1 - ca) + (cb1 - cb) <= _REFINE else MAX_EDITS // 4
                for x, y in _diff(old[ca:ca1], new[cb:cb1], anchors=False, limit=limit):
                    _add(blocks, ca + x, cb + y, 1)
        if i < len(ta):
            ca, cb = old_at[i + 1], new_at[j + 1]
            if (
                blocks
                and blocks[-1][0] + blocks[-1][2] == ca1
                and blocks[-1][1] + blocks[-1][2] == cb1
            ):
                blocks[-1][2] += ca - ca1
            else:
                blocks.append([ca1, cb1, ca - ca1])
    if tail:
        _add(blocks, old_end, new_end, tail)
    blocks = _cleanup(blocks, len(old), len(new))
    return Alignment(
        old,
        new,
        tuple(x[0] for x in blocks),
        tuple(x[1] for x in blocks),
        tuple(x[2] for x in blocks),
    )


def _common_length(a: str, b: str, same: Callable[[int], bool]) -> int:
    """The largest k <= min(len(a), len(b)) with same(k), same being monotone."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if same(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _token_id(ids: dict[str, int], token: str) -> int:
    """A number per distinct token: words get positive ones, spaces and punctuation
    negative ones (they never anchor)."""
    found = ids.get(token)
    if found is None:
        found = ids[token] = (len(ids) + 1) * (1 if token[0].isalnum() or token[0] == "_" else -1)
    return found


def _longest_first(a: str, b: str) -> list[tuple[int, int, int]]:
    if a == b:
        return [(0, 0, len(a))]
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    found = [(0, 0, head)] if head else []
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    if middle_a and middle_b:
        import difflib

        matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False)
        found += [(head + x, head + y, n) for x, y, n in matcher.get_matching_blocks() if n]
    if tail:
        found.append((len(a) - tail, len(b) - tail, tail))
    return found


def _add(blocks: list[list[int]], a: int, b: int, n: int) -> None:
    if blocks:
        last = blocks[-1]
        if last[0] + last[2] == a and last[1] + last[2] == b:
            last[2] += n
            return
    blocks.append([a, b, n])


def _cleanup(blocks: list[list[int]], len_a: int, len_b: int) -> list[list[int]]:
    """Drop matched runs (of fewer than 16 characters) shorter than the edits on both sides."""
    changed = True
    while changed and len(blocks) > 1:
        changed = False
        kept: list[list[int]] = []
        for k, (a, b, n) in enumerate(blocks):
            prev_a, prev_b = (
                (kept[-1][0] + kept[-1][2], kept[-1][1] + kept[-1][2]) if kept else (0, 0)
            )
            left = max(a - prev_a, b - prev_b)
            if k + 1 < len(blocks):
                right = max(blocks[k + 1][0] - (a + n), blocks[k + 1][1] - (b + n))
            else:
                right = max(len_a - (a + n), len_b - (b + n))
            if n < left and n < right and n < 16:
                changed = True
                continue
            if kept and kept[-1][0] + kept[-1][2] == a and kept[-1][1] + kept[-1][2] == b:
                kept[-1][2] += n
            else:
                kept.append([a, b, n])
        blocks = kept
    return blocks


def _diff(
    a: Sequence[Any], b: Sequence[Any], *, anchors: bool, limit: int = MAX_EDITS
) -> list[tuple[int, int]]:
    """The matched positions (i, j) of two sequences, in order."""
    out: list[tuple[int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            out.append((alo, blo))
            alo += 1
            blo += 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi -= 1
            bhi -= 1
            out.append((ahi, bhi))
        if alo == ahi or blo == bhi:
            continue
        if not anchors:
            out += _myers(a, b, alo, ahi, blo, bhi, limit)
            continue
        if ahi - alo <= 2 or bhi - blo <= 2:
            continue  # a few tokens: their characters are aligned directly
        found = _unique_anchors(a, b, alo, ahi, blo, bhi)
        out += found
        edges = [(alo - 1, blo - 1), *found, (ahi, bhi)]
        for (i0, j0), (i1, j1) in itertools.pairwise(edges):
            if found and (i1 > i0 + 1 or j1 > j0 + 1):
                stack.append((i0 + 1, i1, j0 + 1, j1))
        # a stretch without anchors is left to the alignment of its characters
    out.sort()
    return out


def _unique_anchors(
    a: Sequence[Any], b: Sequence[Any], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Elements as frequent on both sides (once, or a few times), matched occurrence by
    occurrence where they keep their order (as in patience diff)."""
    where_a: dict[Any, list[int]] = {}
    for i in range(alo, ahi):
        where_a.setdefault(a[i], []).append(i)
    where_b: dict[Any, list[int]] = {}
    for j in range(blo, bhi):
        if b[j] in where_a:
            where_b.setdefault(b[j], []).append(j)
    pairs: list[tuple[int, int]] = []
    for x, js in where_b.items():
        if x < 0:
            continue  # spaces and punctuation are too common to anchor anything
        is_ = where_a[x]
        if len(is_) == len(js) and len(js) <= _SAME_COUNT:
            pairs += zip(is_, js, strict=True)
    if not pairs:
        return []
    pairs.sort()
    # the longest run of pairs increasing in both positions
    tails: list[int] = []
    tail_index: list[int] = []
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        at = bisect.bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[at] = j
            tail_index[at] = k
        back[k] = tail_index[at - 1] if at else -1
    chain = []
    k = tail_index[-1]
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    chain.reverse()
    return chain


def _myers(
    a: Sequence[Any], b: Sequence[Any], alo: int, ahi: int, blo: int, bhi: int, limit: int
) -> list[tuple[int, int]]:
    """The matches of a shortest edit script, if it has at most `limit` edits; else none."""
    n, m = ahi - alo, bhi - blo
    offset = limit + 1
    v = [0] * (2 * limit + 3)
    trace = []
    for d in range(limit + 1):
        trace.append(v[offset - d - 1 : offset + d + 2])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            while x < n and y < m and a[alo + x] == b[blo + y]:
                x += 1
                y += 1
            v[offset + k] = x
            if x >= n and y >= m:
                return _backtrack(trace, d, n, m, alo, blo)
    return []


def _backtrack(
    trace: list[list[int]], d_end: int, n: int, m: int, alo: int, blo: int
) -> list[tuple[int, int]]:
    matches = []
    x, y = n, m
    for d in range(d_end, 0, -1):
        v = trace[d]  # the furthest x per diagonal before step d, for k in -d-1..d+1
        k = x - y

        def at(kk: int, v: list[int] = v, d: int = d) -> int:
            return v[kk + d + 1]

        if k == -d or (k != d and at(k - 1) < at(k + 1)):
            prev_k = k + 1
            prev_x = at(prev_k)
            start_x = prev_x
        else:
            prev_k = k - 1
            prev_x = at(prev_k)
            start_x = prev_x + 1
        start_y = start_x - k
        while x > start_x and y > start_y:
            x -= 1
            y -= 1
            matches.append((alo + x, blo + y))
        x, y = prev_x, prev_x - prev_k
    while x > 0 and y > 0:
        x -= 1
        y -= 1
        matches.append((alo + x, blo + y))
    matches.reverse()
    return matches


@attrs.frozen
class Reanchored:
    """Where one span went: `status` ``moved`` (same text, new offsets), ``changed`` (edited
    inside: `new` covers the new text) or ``lost`` (`new` is None); `reason` says why.

    `old` is the span as given (a tuple becomes a `Span`); `new` has the same type as `old`,
    with its label, key and other attributes kept.
    """

    status: str
    old: Span
    new: Span | None
    reason: str = ""


def move(span: S, alignment: Alignment) -> Reanchored:
    """Map one span of `alignment.old` to `alignment.new`."""
    status, start, end, reason = alignment.map(span.start, span.end)
    if status == "lost":
        return Reanchored(status, span, None, reason)
    changes: dict[str, Any] = {"start": start, "end": end, "text": alignment.new[start:end]}
    if isinstance(span, Quotation) and span.speaker_span is not None:
        linked = span.speaker_span
        found, s2, e2, why = alignment.map(linked.start, linked.end)
        if found == "lost":
            changes["speaker_span"] = None
            status = "changed"
            reason = "; ".join(r for r in (reason, f"its speaker's mention is lost: {why}") if r)
        else:
            changes["speaker_span"] = Span(s2, e2, alignment.new[s2:e2])
            if found == "changed":
                status = "changed"
                reason = "; ".join(r for r in (reason, f"its speaker's mention: {why}") if r)
    return Reanchored(status, span, attrs.evolve(span, **changes), reason)


def reanchor(span: Any, old_text: str, new_text: str) -> Any:
    """Move a span from `old_text` to `new_text`; return it with its new offsets.

    `span` is a `Span` (or any of its subclasses: an annotation keeps its label, key and
    attributes), or a ``(start, end)`` or ``(start, end, quote)`` tuple of offsets in
    `old_text` (a given quote must be what the offsets cover), which comes back as a `Span`.
    The texts are aligned once (and the alignment cached, so moving many spans between the
    same two texts aligns them once); see the module docstring. A span whose text was
    edited comes back covering its new text; raises `AnchorError` with the reason when the
    span is lost. `karabakh_corpus.reanchor_many` reports moved / changed / lost per span.
    """
    if not isinstance(old_text, str) or not isinstance(new_text, str):
        raise TypeError("old_text and new_text must be str")
    given = as_span(span, old_text)
    result = move(given, align(old_text, new_text))
    if result.new is None:
        raise AnchorError(f"span [{given.start}, {given.end}) {given.text!r}: {result.reason}")
    return result.new


def as_span(span: object, text: str) -> Span:
    """`span` as a `Span` of `text`: a `Span` as is, a tuple converted; checked against `text`."""
    if isinstance(span, Span):
        start, end, quote = span.start, span.end, span.text
        result = span
    elif isinstance(span, tuple) and len(span) in (2, 3):
        start, end = span[0], span[1]
        if not (type(start) is int and type(end) is int):
            raise TypeError(f"span offsets must be ints, not {span!r}")
        quote = span[2] if len(span) == 3 else text[start:end]
        if not isinstance(quote, str):
            raise TypeError(f"the quote of a span must be a str, not {quote!r}")
        result = None
    else:
        raise TypeError(
            f"a span is a Span, (start, end) or (start, end, quote), not {type(span).__name__}"
        )
    if not 0 <= start < end <= len(text):
        raise AnchorError(f"span [{start}, {end}) is not a non-empty span of the old text")
    if text[start:end] != quote:
        raise AnchorError(
            f"span [{start}, {end}) covers {text[start:end]!r} in the old text, not {quote!r}"
        )
    return result if result is not None else Span(start, end, quote)
