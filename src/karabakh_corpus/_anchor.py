"""Place a quoted piece of text in a document, so that nobody counts characters by hand.

A quote is the exact text to find. To point at one occurrence of a short text, give context
around it and mark the target with double brackets: ``"told a government meeting
[[Thursday]]"`` finds the context and returns the bounds of "Thursday" inside it. The
context (or the quote, without brackets) must occur exactly once, unless `occurrence` picks
the n-th occurrence (1-based). Anything else raises `AnchorError` saying what was found.
"""

from __future__ import annotations

import regex

from karabakh_corpus.errors import AnchorError
from karabakh_corpus.schema import Span

__all__ = ["find_all", "find_quote", "reanchor", "split_marked"]


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


_CONTEXT = 40
_MAX_FUZZY = 400


def reanchor(span: object, old_text: str, new_text: str, *, context: int = _CONTEXT) -> Span:
    """Move a span from `old_text` to `new_text`; return it as a `Span` of `new_text`.

    `span` is a `Span`, or a ``(start, end)`` or ``(start, end, quote)`` tuple of offsets in
    `old_text` (a given quote must be what the offsets cover). The quote is looked up in
    `new_text` exactly first; when it occurs more than once, the occurrence whose
    surroundings best match the `context` characters around the old span wins, then the
    one nearest the old position. When it no longer occurs exactly, a bounded fuzzy match
    (at most one edit in ten characters, quotes up to 400 characters) near the old
    surroundings is taken. Raises `AnchorError` when the span cannot be placed, or cannot
    be placed unambiguously.
    """
    if not isinstance(old_text, str) or not isinstance(new_text, str):
        raise TypeError("old_text and new_text must be str")
    start, end, quote = _as_span(span, old_text)
    if old_text == new_text:
        return Span(start, end, quote)
    before = old_text[max(0, start - context) : start]
    after = old_text[end : end + context]
    starts = find_all(new_text, quote)
    if starts:
        best = _pick(starts, len(quote), before, after, new_text, start, quote)
        return Span(best, best + len(quote), quote)
    return _fuzzy(quote, before, after, new_text, start)


def _as_span(span: object, text: str) -> tuple[int, int, str]:
    if isinstance(span, Span):
        start, end, quote = span.start, span.end, span.text
    elif isinstance(span, tuple) and len(span) in (2, 3):
        start, end = span[0], span[1]
        if not (type(start) is int and type(end) is int):
            raise TypeError(f"span offsets must be ints, not {span!r}")
        quote = span[2] if len(span) == 3 else text[start:end]
        if not isinstance(quote, str):
            raise TypeError(f"the quote of a span must be a str, not {quote!r}")
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
    return start, end, quote


def _agreement(left: str, right: str, new_text: str, at: int, size: int) -> int:
    """How many characters of context agree around an occurrence at `at` of length `size`."""
    score = 0
    for a, b in zip(reversed(left), reversed(new_text[max(0, at - len(left)) : at]), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(right, new_text[at + size : at + size + len(right)], strict=False):
        if a != b:
            break
        score += 1
    return score


def _pick(
    starts: list[int], size: int, left: str, right: str, new_text: str, old: int, quote: str
) -> int:
    ranked = sorted(
        starts, key=lambda at: (-_agreement(left, right, new_text, at, size), abs(at - old))
    )
    if len(ranked) > 1:
        first, second = ranked[0], ranked[1]
        same_context = _agreement(left, right, new_text, first, size) == _agreement(
            left, right, new_text, second, size
        )
        if same_context and abs(first - old) == abs(second - old):
            raise AnchorError(
                f"{quote!r} occurs {len(starts)} times in the new text and nothing tells them "
                "apart; give a longer span"
            )
    return ranked[0]


def _fuzzy(quote: str, left: str, right: str, new_text: str, old: int) -> Span:
    if len(quote) > _MAX_FUZZY:
        raise AnchorError(
            f"the quote ({len(quote)} characters) no longer occurs exactly in the new text, and "
            f"fuzzy matching is bounded to {_MAX_FUZZY} characters"
        )
    errors = max(1, len(quote) // 10)
    pattern = regex.compile(f"(?:{regex.escape(quote)}){{e<={errors}}}", regex.BESTMATCH)
    candidates = []
    for match in pattern.finditer(new_text, overlapped=True):
        cost = sum(match.fuzzy_counts)
        candidates.append((cost, match.start(), match.end()))
    if not candidates:
        raise AnchorError(
            f"{quote!r} no longer occurs in the new text, not even with {errors} edit(s)"
        )
    lowest = min(c[0] for c in candidates)
    best = [c for c in candidates if c[0] == lowest]
    best.sort(
        key=lambda c: (-_agreement(left, right, new_text, c[1], c[2] - c[1]), abs(c[1] - old))
    )
    if len(best) > 1:
        a, b = best[0], best[1]
        if (
            (a[1], a[2]) != (b[1], b[2])
            and _agreement(left, right, new_text, a[1], a[2] - a[1])
            == _agreement(left, right, new_text, b[1], b[2] - b[1])
            and abs(a[1] - old) == abs(b[1] - old)
        ):
            raise AnchorError(f"{quote!r} matches several places of the new text equally well")
    _cost, start, end = best[0]
    return Span(start, end, new_text[start:end])
