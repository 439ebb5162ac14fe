"""A page as the fact readers see it: the raw text, its lines with the cleaner's labels, and
where the headline and the body start."""

from __future__ import annotations

import bisect
import operator
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, Protocol, overload

from karabakh_corpus.cleaner.facts.dates import (
    DATEISH_BACKWARDS,
    DATEISH_FORWARDS,
    DateMention,
    find_dates,
)
from karabakh_corpus.errors import DataFormatError
from karabakh_corpus.schema import Category, Evidence

__all__ = ["Line", "LineLike", "Lines", "Page"]


class LineLike(Protocol):
    """What a reader needs of a region: its bounds in the raw text, category and rule
    (`karabakh_corpus.schema.Region` has them)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def category(self) -> Category: ...
    @property
    def rule(self) -> str: ...


class Line(NamedTuple):
    """One line of the raw text, ``[start, end)``, with its category and rule."""

    start: int
    end: int
    category: Category
    rule: str


class Lines(NamedTuple):
    """The cleaner's regions as two columns: the ``(start, end)`` of every line and its
    ``(category, rule)``. `karabakh_corpus.Cleaned` passes its own so, without building an
    object per line; they are trusted to be the lines of the raw text, in order."""

    spans: Sequence[tuple[int, int]]
    labels: Sequence[tuple[Category, str]]


class _Table(Sequence[Line]):
    """The lines of a page, each built when read."""

    __slots__ = ("_page",)

    def __init__(self, page: Page) -> None:
        self._page = page

    def __len__(self) -> int:
        return len(self._page.spans)

    @overload
    def __getitem__(self, i: int) -> Line: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Line]: ...

    def __getitem__(self, i: int | slice) -> Line | Sequence[Line]:
        page = self._page
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        start, end = page.spans[i]
        category, rule = page.labels[i]
        return Line(start, end, category, rule)


class Page:
    """The raw text and its labelled lines, in text order.

    The lines are the cleaner's two columns, read as they are (not copied): `spans`, the
    ``(start, end)`` of each line, and `labels`, its ``(category, rule)``; `lines` reads
    them as `Line` records. `title` is the index of the headline's line, `body` that of the
    first body paragraph and `last` that of the last (-1 when there is none); `anchor` is
    where the article starts: the headline, else the body, else the first line.
    """

    __slots__ = (
        "_dated",
        "_dates",
        "anchor",
        "body",
        "labels",
        "last",
        "lines",
        "raw",
        "spans",
        "title",
    )  # fmt: skip

    def __init__(self, raw: str, lines: Lines | Iterable[LineLike]) -> None:
        if not isinstance(raw, str):
            raise TypeError(f"the raw text must be a str, not {type(raw).__name__}")
        self.raw = raw
        self.spans: Sequence[tuple[int, int]]
        self.labels: Sequence[tuple[Category, str]]
        if isinstance(lines, Lines):
            spans, labels = lines
            if len(spans) != len(labels) or (spans and spans[-1][1] > len(raw)):
                raise DataFormatError("the regions are not the lines of this raw text")
            self.spans, self.labels = spans, labels
        else:
            self._read(lines)
        self.lines: Sequence[Line] = _Table(self)
        labels = self.labels
        # (the first headline and paragraph are found from the top, the last paragraph from
        # the bottom, each stopping where it is: most pages need not be read to the end)
        self.title = _index(labels, Category.TITLE)
        self.body = _index(labels, Category.PARAGRAPH)
        self.last = -1
        if self.body >= 0:
            self.last = len(labels) - 1 - _index(reversed(labels), Category.PARAGRAPH)
        self.anchor = self.title if self.title >= 0 else max(self.body, 0)
        self._dates: dict[int, list[DateMention]] = {}
        # the lines `dated` read last (first, last) and those of them that may print a date
        self._dated: tuple[int, int, frozenset[int]] = (0, -1, frozenset())

    def _read(self, lines: Iterable[LineLike]) -> None:
        """Check and keep regions given as objects (`karabakh_corpus.Region`, `Line`)."""
        size = len(self.raw)
        spans, labels = [], []
        previous = 0
        for line in lines:
            start, end = line.start, line.end
            if (
                type(start) is not int
                or type(end) is not int
                or not previous <= start <= end <= size
            ):
                raise DataFormatError(
                    f"region [{start!r}, {end!r}) is not a line of a text of {size} characters "
                    "after the one before it: pass the regions of this raw text, in order"
                )
            previous = end
            spans.append((start, end))
            labels.append((Category(line.category), line.rule))
        self.spans, self.labels = tuple(spans), tuple(labels)

    def dated(self, first: int, last: int) -> list[int]:
        """The lines from `first` to `last` that may print a date, in order: one search
        per line found (`DATEISH_FORWARDS`), not one per line."""
        raw, spans = self.raw, self.spans
        found: list[int] = []
        if first > last:
            return found
        position, stop = spans[first][0], spans[last][1]
        while True:
            match = DATEISH_FORWARDS.search(raw, position, stop)
            if match is None:
                self._dated = (first, last, frozenset(found))
                return found
            at = match.start()
            i = _line_at(spans, at)
            end = spans[i][1]
            if at >= end:  # between two lines (the match runs on to the next)
                position = spans[i + 1][0]
                continue
            found.append(i)
            position = end

    def dated_below(self, first: int) -> Iterator[int]:
        """The lines from `first` down that may print a date, nearest first, found lazily
        (one search per line found)."""
        raw, spans = self.raw, self.spans
        if first >= len(spans):
            return
        position = spans[first][0]
        while True:
            match = DATEISH_FORWARDS.search(raw, position)
            if match is None:
                return
            i = _line_at(spans, match.start())
            if match.start() < spans[i][1]:
                yield i
                position = spans[i][1]
            else:
                position = spans[i + 1][0] if i + 1 < len(spans) else len(raw)

    def dated_above(self, last: int) -> Iterator[int]:
        """The lines from `last` up that may print a date, nearest first, found lazily (a
        search backwards per line found)."""
        raw, spans = self.raw, self.spans
        if last < 0:
            return
        position = spans[last][1]
        while True:
            match = DATEISH_BACKWARDS.search(raw, 0, position)
            if match is None:
                return
            i = _line_at(spans, match.start())
            if i < 0:
                return
            start, end = spans[i]
            if match.start() < end:
                yield i
                position = start
            else:
                position = end

    def dates(self, i: int) -> list[DateMention]:
        """The dates printed on line `i` (offsets in the line), read once per page (none on
        a line `dated` passed over)."""
        found = self._dates.get(i)
        if found is None:
            first, last, dated = self._dated
            if first <= i <= last and i not in dated:
                found = self._dates[i] = []
            else:
                found = self._dates[i] = find_dates(self.text(i))
        return found

    def text(self, i: int) -> str:
        """The text of line `i`."""
        start, end = self.spans[i]
        return self.raw[start:end]

    def evidence(self, field: str, start: int, end: int) -> Evidence:
        """The evidence of `field`: the raw text ``[start, end)``, trimmed of whitespace."""
        text = self.raw[start:end]
        kept = text.strip()
        start += len(text) - len(text.lstrip())
        return Evidence(start, start + len(kept), kept, field=field)


def _line_at(spans: Sequence[tuple[int, int]], position: int) -> int:
    """The index of the last line that starts at or before `position` (-1 if none)."""
    return bisect.bisect_right(spans, (position, _FAR)) - 1


_FAR = sys.maxsize
"""Past the end of any line: ``(position, _FAR)`` sorts after every span that starts at
`position`."""
_first = operator.itemgetter(0)


def _index(labels: Iterable[tuple[Category, str]], wanted: Category) -> int:
    """The index of the first line of category `wanted` (-1 if none)."""
    try:
        return operator.indexOf(map(_first, labels), wanted)
    except ValueError:
        return -1
