"""A page as the fact readers see it: the raw text, its lines with the cleaner's labels, and
where the headline and the body start."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol

from karabakh_corpus.errors import DataFormatError
from karabakh_corpus.schema import Category, Evidence

__all__ = ["Line", "LineLike", "Page"]


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


class Page:
    """The raw text and its labelled lines, in text order.

    `title` is the index of the headline's line and `body` that of the first body
    paragraph (-1 when there is none); `anchor` is where the article starts: the headline,
    else the body, else the first line.
    """

    __slots__ = ("anchor", "body", "last", "lines", "raw", "title")

    def __init__(self, raw: str, lines: Iterable[LineLike]) -> None:
        if not isinstance(raw, str):
            raise TypeError(f"the raw text must be a str, not {type(raw).__name__}")
        self.raw = raw
        size = len(raw)
        kept: list[Line] = []
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
            kept.append(Line(start, end, Category(line.category), line.rule))
        self.lines = tuple(kept)
        self.title = self.body = self.last = -1
        for i, line in enumerate(self.lines):
            if line.category is Category.TITLE and self.title < 0:
                self.title = i
            elif line.category is Category.PARAGRAPH:
                if self.body < 0:
                    self.body = i
                self.last = i
        self.anchor = self.title if self.title >= 0 else max(self.body, 0)

    def text(self, i: int) -> str:
        """The text of line `i`."""
        line = self.lines[i]
        return self.raw[line.start : line.end]

    def evidence(self, field: str, start: int, end: int) -> Evidence:
        """The evidence of `field`: the raw text ``[start, end)``, trimmed of whitespace."""
        raw = self.raw
        while start < end and raw[start].isspace():
            start += 1
        while end > start and raw[end - 1].isspace():
            end -= 1
        return Evidence(start, end, raw[start:end], field=field)
