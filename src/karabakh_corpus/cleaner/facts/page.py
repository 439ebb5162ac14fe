"""A page as the fact readers see it: the raw text, its lines with the cleaner's labels, and
where the headline and the body start."""

from __future__ import annotations

import bisect
import operator
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, Protocol, overload

from karabakh_corpus.cleaner.facts.dates import DATEISH, DATEISH_BACKWARDS, DateMention, find_dates
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
        return len(self._page.starts)

    @overload
    def __getitem__(self, i: int) -> Line: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Line]: ...

    def __getitem__(self, i: int | slice) -> Line | Sequence[Line]:
        page = self._page
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return Line(page.starts[i], page.ends[i], page.categories[i], page.labels[i][1])


class Page:
    """The raw text and its labelled lines, in text order.

    The lines are columns (`starts`, `ends`, `categories`; `labels` holds each line's
    category and rule), and `lines` reads them as `Line` records. `title` is the index of
    the headline's line, `body` that of the first body paragraph and `last` that of the
    last (-1 when there is none); `anchor` is where the article starts: the headline, else
    the body, else the first line.
    """

    __slots__ = (
        "_dates",
        "anchor",
        "body",
        "categories",
        "ends",
        "labels",
        "last",
        "lines",
        "raw",
        "starts",
        "title",
    )  # fmt: skip

    def __init__(self, raw: str, lines: Lines | Iterable[LineLike]) -> None:
        if not isinstance(raw, str):
            raise TypeError(f"the raw text must be a str, not {type(raw).__name__}")
        self.raw = raw
        if isinstance(lines, Lines):
            spans, labels = lines
            if len(spans) != len(labels) or (spans and spans[-1][1] > len(raw)):
                raise DataFormatError("the regions are not the lines of this raw text")
            self.starts, self.ends = _columns(spans)
            self.labels = labels
            self.categories = tuple(map(_first, labels))
        else:
            self._read(lines)
        self.lines: Sequence[Line] = _Table(self)
        categories = self.categories
        self.title = _index(categories, Category.TITLE)
        self.body = _index(categories, Category.PARAGRAPH)
        self.last = -1
        if self.body >= 0:
            self.last = len(categories) - 1 - _index(categories[::-1], Category.PARAGRAPH)
        self.anchor = self.title if self.title >= 0 else max(self.body, 0)
        self._dates: dict[int, list[DateMention]] = {}

    def _read(self, lines: Iterable[LineLike]) -> None:
        """Check and keep regions given as objects (`karabakh_corpus.Region`, `Line`)."""
        size = len(self.raw)
        starts, ends, categories, rules = [], [], [], []
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
            starts.append(start)
            ends.append(end)
            categories.append(Category(line.category))
            rules.append(line.rule)
        self.starts, self.ends = tuple(starts), tuple(ends)
        self.categories = tuple(categories)
        self.labels = tuple(zip(categories, rules, strict=True))

    def dated_below(self, first: int) -> Iterator[int]:
        """The lines from `first` down that may print a date, nearest first, found lazily
        (one search per line found)."""
        raw, starts, ends = self.raw, self.starts, self.ends
        if first >= len(starts):
            return
        position = starts[first]
        while True:
            match = DATEISH.search(raw, position)
            if match is None:
                return
            i = bisect.bisect_right(starts, match.start()) - 1
            if match.start() < ends[i]:
                yield i
                position = ends[i]
            else:
                position = starts[i + 1] if i + 1 < len(starts) else len(raw)

    def dated_above(self, last: int) -> Iterator[int]:
        """The lines from `last` up that may print a date, nearest first, found lazily (a
        search backwards per line found)."""
        raw, starts, ends = self.raw, self.starts, self.ends
        if last < 0:
            return
        position = ends[last]
        while True:
            match = DATEISH_BACKWARDS.search(raw, 0, position)
            if match is None:
                return
            i = bisect.bisect_right(starts, match.start()) - 1
            if i < 0:
                return
            if match.start() < ends[i]:
                yield i
                position = starts[i]
            else:
                position = ends[i]

    def dates(self, i: int) -> list[DateMention]:
        """The dates printed on line `i` (offsets in the line), read once per page."""
        found = self._dates.get(i)
        if found is None:
            found = self._dates[i] = find_dates(self.text(i))
        return found

    def text(self, i: int) -> str:
        """The text of line `i`."""
        return self.raw[self.starts[i] : self.ends[i]]

    def evidence(self, field: str, start: int, end: int) -> Evidence:
        """The evidence of `field`: the raw text ``[start, end)``, trimmed of whitespace."""
        text = self.raw[start:end]
        kept = text.strip()
        start += len(text) - len(text.lstrip())
        return Evidence(start, start + len(kept), kept, field=field)


def _columns(rows: Sequence[tuple[Any, Any]]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """Two columns of a sequence of pairs (two empty tuples for none)."""
    if not rows:
        return (), ()
    first, second = zip(*rows, strict=True)
    return first, second


_first = operator.itemgetter(0)


def _index(values: Sequence[Category], wanted: Category) -> int:
    try:
        return values.index(wanted)
    except ValueError:
        return -1
