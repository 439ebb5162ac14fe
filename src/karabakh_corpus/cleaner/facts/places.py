"""The dateline: the place a story was filed from, as the first paragraph prints it.

"MOSCOW —", "BAKU, Azerbaijan (Reuters) -", "NEW YORK (AP) —", "Berlin (dpa) -". A place in
capitals opens the body's first paragraph (or one of the two lines above it, below the
headline), with a region after a comma, a date, an agency in parentheses, and a dash; a
place not in capitals counts only with an agency in parentheses ("Paris (AFP) -"). Capital
words that open paragraphs but are no place ("UPDATE —", `wording.LEAD_INS`) are not read.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from karabakh_corpus.cleaner.facts.agencies import agency_of
from karabakh_corpus.cleaner.facts.page import Page
from karabakh_corpus.cleaner.facts.wording import DATELINE_CHARS, LEAD_INS
from karabakh_corpus.schema import Category

__all__ = ["Dateline", "find_dateline"]

_SHAPE = re.compile(
    r"\s*(?P<place>[^\W\d_][^\W\d_'’.]*(?:[ .'’-]{1,2}[^\W\d_][^\W\d_'’.]*){0,4}\.?)"
    r"(?:,\s*(?P<region>[^\W\d_][^\W\d_'’.]*\.?(?:[ .'’-]{1,2}[^\W\d_][^\W\d_'’.]*\.?){0,3}))?"
    r"(?:,\s*(?:[^\W\d_]{3,9}\.?\s+\d{1,2}|\d{1,2}\.?\s+[^\W\d_]{3,9}\.?))?"
    r"\s*(?:\((?P<agency>[^()]{1,40})\))?"
    r"\s*\.?\s*(?:[—–]|--?)\s"
)
_DASH = re.compile(r"(?:[—–]|--?)\s")
"""The dash that ends every dateline `_SHAPE` reads: a line without one is not read."""


class Dateline(NamedTuple):
    """The place at ``[start, end)`` of the raw text, and the agency in parentheses after
    it (its short name and span), if any."""

    start: int
    end: int
    place: str
    agency: tuple[str, int, int] | None


def _read(page: Page, i: int) -> Dateline | None:
    first, end = page.spans[i]
    text = page.raw[first : min(end, first + DATELINE_CHARS)]
    found = None if _DASH.search(text) is None else _SHAPE.match(text)
    if found is None:
        return None
    place = found["place"]
    capitals = sum(c.isupper() for c in place)
    letters = sum(c.isalpha() for c in place)
    agency = None
    if found["agency"] is not None:
        code = agency_of(found["agency"].split("/")[0])
        if code is not None:
            start, end = found.span("agency")
            agency = (code, first + start, first + end)
    if place.strip(" .").casefold() in LEAD_INS:
        return None
    if (capitals != letters or letters < 3) and (agency is None or not place[0].isupper()):
        return None
    end = found.end("region") if found["region"] is not None else found.end("place")
    start = found.start("place")
    return Dateline(first + start, first + end, text[start:end], agency)


def find_dateline(page: Page) -> Dateline | None:
    """The dateline of the page: at the start of the body's first paragraph, or on one of
    the two lines above it, below the headline; None when there is none."""
    if page.body < 0:
        return None
    first = max(page.title + 1, page.body - 2, 0)
    for i in range(first, page.body + 1):
        if page.labels[i][0] in (Category.TITLE, Category.CAPTION):
            continue
        dateline = _read(page, i)
        if dateline is not None:
            return dateline
    return None
