"""Place a quoted piece of text in a document, so that nobody counts characters by hand.

A quote is the exact text to find. To point at one occurrence of a short text, give context
around it and mark the target with double brackets: ``"told a government meeting
[[Thursday]]"`` finds the context and returns the bounds of "Thursday" inside it. The
context (or the quote, without brackets) must occur exactly once, unless `occurrence` picks
the n-th occurrence (1-based). Anything else raises `AnchorError` saying what was found.
"""

from __future__ import annotations

from karabakh_corpus.errors import AnchorError

__all__ = ["find_all", "find_quote", "split_marked"]


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
