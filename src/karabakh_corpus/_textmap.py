"""Lines, whitespace normalization and the offset map between an input text and its clean view.

The clean view of a text is a selection of its lines (regions), each with its whitespace
normalized, joined by blank lines. Every character of the view comes from the input: it is
either copied unchanged, or it is a single space standing for a run of whitespace inside a
line, or part of the blank-line separator standing for the line break(s) between two regions.
`OffsetMap` records which, so positions translate exactly both ways.

Line breaks are ``\\r\\n``, ``\\r`` and ``\\n``; every other whitespace character (as
`str.isspace` defines it: tabs, no-break and narrow no-break spaces, line and paragraph
separators...) is whitespace inside a line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

__all__ = ["SEPARATOR", "OffsetMap", "iter_lines", "normalize", "render", "split"]

SEPARATOR = "\n\n"
"""What joins two regions in a clean view."""

_LINE = re.compile(r"[^\r\n]+")
# A line from its first non-whitespace character to its break (read once: linear)
_FROM_TEXT = re.compile(r"\S[^\r\n]*")
# The same in a text without "\r": "." stops at "\n" alone, and is read faster than a class
_FROM_TEXT_LF = re.compile(r"\S.*")
_WS_RUN = re.compile(r"\s+")
_OTHER_WS = re.compile(r"[^\S ]| {2,}")
# Whitespace inside a line other than a space: every character `str.isspace` holds but " ",
# "\r" and "\n" (a test checks the list), as one set, which a search scans a text for fast.
_ODD_SPACES = (
    "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_ODD_SPACE = re.compile("[" + re.escape(_ODD_SPACES) + "]")
_ODD_ASCII_SPACES = tuple(c for c in _ODD_SPACES if c.isascii())
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


class _HasBounds(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def iter_lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of every non-blank line of `text`, trimmed of surrounding whitespace.

    The bounds are positions in `text`; ``text[start:end]`` neither starts nor ends with
    whitespace and contains no line break.
    """
    for match in _LINE.finditer(text):
        line = match.group()
        trimmed = line.lstrip()
        if not trimmed:
            continue
        start = match.start() + len(line) - len(trimmed)
        yield start, start + len(trimmed.rstrip())


def split(text: str) -> tuple[tuple[tuple[int, int], ...], list[str]]:
    """The bounds of every non-blank line of `text` (as `iter_lines`) and each line normalized.

    The same as ``tuple(iter_lines(text))`` and `normalize` of each line, in one pass.
    """
    pattern = _FROM_TEXT if "\r" in text else _FROM_TEXT_LF
    found = [(m.start(), m.group().rstrip()) for m in pattern.finditer(text)]
    spans = tuple([(a, a + len(line)) for a, line in found])
    if "  " not in text and not _has_odd_space(text):
        # no whitespace but single spaces and line breaks: trimmed lines are normalized
        return spans, [line for _a, line in found]
    return spans, [normalize(line) for _a, line in found]


def _has_odd_space(text: str) -> bool:
    """True if `text` holds whitespace other than spaces and line breaks (`_ODD_SPACES`)."""
    # one scan for each character of ASCII, and a search of the characters beyond it
    # alone: both are faster on a page than a search of the whole text for the set
    if any(c in text for c in _ODD_ASCII_SPACES):
        return True
    return not text.isascii() and _ODD_SPACE.search(_ASCII_RUNS.sub("", text)) is not None


def normalize(line: str) -> str:
    """Collapse every run of whitespace inside `line` to one space and trim its ends."""
    if _OTHER_WS.search(line) is None:
        return line.strip()
    return _WS_RUN.sub(" ", line).strip()


class OffsetMap:
    """Translate positions between an input text and a clean view rendered from it.

    The map is a sorted list of segments. A segment either copies input characters one for
    one, or replaces a run of input whitespace by the view's whitespace (a single space, or
    the separator between two regions). Build one with `render`.
    """

    __slots__ = ("_exact", "_in_len", "_in_start", "_input_length", "_out_len", "_out_start")

    def __init__(
        self,
        segments: Iterable[tuple[int, int, int, int, bool]],
        input_length: int,
    ) -> None:
        out_start: list[int] = []
        in_start: list[int] = []
        out_len: list[int] = []
        in_len: list[int] = []
        exact: list[bool] = []
        for o, i, ol, il, ex in segments:
            out_start.append(o)
            in_start.append(i)
            out_len.append(ol)
            in_len.append(il)
            exact.append(ex)
        self._out_start = out_start
        self._in_start = in_start
        self._out_len = out_len
        self._in_len = in_len
        self._exact = exact
        self._input_length = input_length

    @property
    def output_length(self) -> int:
        """Length of the clean view."""
        if not self._out_start:
            return 0
        return self._out_start[-1] + self._out_len[-1]

    @property
    def input_length(self) -> int:
        """Length of the input text."""
        return self._input_length

    def to_input(self, j: int) -> int:
        """Position in the input of the character at position `j` of the view.

        A character copied from the input maps to that character; a normalized space or a
        separator maps to the first input whitespace character it stands for.
        Raises `IndexError` when `j` is not a position of the view.
        """
        if not 0 <= j < self.output_length:
            raise IndexError(f"view position {j} out of range 0..{self.output_length - 1}")
        k = bisect.bisect_right(self._out_start, j) - 1
        if self._exact[k]:
            return self._in_start[k] + (j - self._out_start[k])
        return self._in_start[k]

    def to_output(self, i: int) -> int | None:
        """Position in the view of input character `i`, or None when the view leaves it out.

        Characters of removed lines and line breaks between regions are left out; a
        whitespace character inside a kept line maps to the space that stands for its run.
        Raises `IndexError` when `i` is not a position of the input.
        """
        if not 0 <= i < self._input_length:
            raise IndexError(f"input position {i} out of range 0..{self._input_length - 1}")
        k = bisect.bisect_right(self._in_start, i) - 1
        if k < 0 or i >= self._in_start[k] + self._in_len[k]:
            return None
        if self._exact[k]:
            return self._out_start[k] + (i - self._in_start[k])
        if self._out_len[k] != 1:  # a separator between regions
            return None
        return self._out_start[k]

    def span_to_output(self, start: int, end: int) -> tuple[int, int] | None:
        """The view's bounds of the input span ``[start, end)``, or None if it is not all there.

        Both the first and the last character must be in the view; a span that starts or
        ends in a removed line has no place in it.
        """
        if not 0 <= start < end <= self._input_length:
            raise IndexError(f"bad input span [{start}, {end}) for length {self._input_length}")
        first = self.to_output(start)
        last = self.to_output(end - 1)
        if first is None or last is None:
            return None
        return first, last + 1

    def span_to_input(self, start: int, end: int) -> tuple[int, int]:
        """The input bounds of the view span ``[start, end)``."""
        if not 0 <= start < end <= self.output_length:
            raise IndexError(f"bad view span [{start}, {end}) for length {self.output_length}")
        first = self.to_input(start)
        k = bisect.bisect_right(self._out_start, end - 1) - 1
        if self._exact[k]:
            last = self._in_start[k] + (end - 1 - self._out_start[k]) + 1
        else:
            last = self._in_start[k] + self._in_len[k]
        return first, last


def render(text: str, regions: Sequence[_HasBounds]) -> tuple[str, OffsetMap]:
    """Render the clean view of `text` made of `regions` (in input order) and its offset map.

    Each region must be a whole trimmed line of `text` (as `iter_lines` yields them);
    consecutive regions are joined by `SEPARATOR`, which maps to the line break after the
    earlier region.
    """
    pieces: list[str] = []
    segments: list[tuple[int, int, int, int, bool]] = []
    out = 0
    previous_end = -1
    for region in regions:
        start, end = region.start, region.end
        if previous_end >= 0:
            pieces.append(SEPARATOR)
            segments.append((out, previous_end, len(SEPARATOR), start - previous_end, False))
            out += len(SEPARATOR)
        copy_from = start
        while (run := _OTHER_WS.search(text, copy_from, end)) is not None:
            run_start = run.start()
            if run_start > copy_from and text[run_start - 1] == " ":
                run_start -= 1  # the run began with a plain space: replace it as a whole
            whole = _WS_RUN.match(text, run_start, end)
            assert whole is not None
            run_stop = whole.end()
            if run_start > copy_from:
                n = run_start - copy_from
                pieces.append(text[copy_from:run_start])
                segments.append((out, copy_from, n, n, True))
                out += n
            pieces.append(" ")
            segments.append((out, run_start, 1, run_stop - run_start, False))
            out += 1
            copy_from = run_stop
        if end > copy_from:
            n = end - copy_from
            pieces.append(text[copy_from:end])
            segments.append((out, copy_from, n, n, True))
            out += n
        previous_end = end
    return "".join(pieces), OffsetMap(segments, len(text))
