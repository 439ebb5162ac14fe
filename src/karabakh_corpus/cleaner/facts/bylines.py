"""Author lines: where a page names who wrote the story, and what each names.

A byline is a line near the headline (`wording.HEADER_BEFORE` lines above it to
`wording.HEADER_AFTER` below it, or down to the body's first paragraph) that opens with a marker of
`wording.BYLINE_MARKERS` ("By Jane Doe", "Von Max Muster", "Autor: ..."), or a line that
is such a marker alone followed by the names, or (`explicit` False) a short line that is
nothing but person names, with at most a date after them ("Christian Kahle, 03.11.2023").
Each byline lists the person names it gives, the agencies it credits ("By The Associated
Press", "Samy Magdy, Associated Press") and the newsroom it names ("By VOA News").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from karabakh_corpus.cleaner.facts.agencies import MENTION, agency_of, may_mention
from karabakh_corpus.cleaner.facts.names import Name, is_staff, split_names
from karabakh_corpus.cleaner.facts.page import Page
from karabakh_corpus.cleaner.facts.wording import (
    BYLINE_MARKERS,
    DATELINE_CHARS,
    HEADER_AFTER,
    HEADER_BEFORE,
)
from karabakh_corpus.schema import Category

__all__ = ["Byline", "find_bylines"]

_MARKERS = "|".join(re.escape(m) for m in sorted(BYLINE_MARKERS, key=len, reverse=True))
_OPENING = re.compile(rf"^\s*(?:{_MARKERS})(?:\s*:\s*|\s+)(?=\S)", re.IGNORECASE)
_ALONE = re.compile(rf"^\s*(?:{_MARKERS})\s*[:—–-]?\s*$", re.IGNORECASE)
_STOP = re.compile(
    r"\s+[|•·]\s*|\s+[–—-]\s+|\s*\b(?:updated|published|posted|veröffentlicht|aktualisiert|"
    r"publié|publicado|mis à jour|am|on|le|el|il)\b\s*[:\d]|\s*\d",
    re.IGNORECASE,
)
_FIRST_WORD = re.compile(r"\s*([^\s:]+)")
_MARKER_WORDS = frozenset(m.split()[0].casefold() for m in BYLINE_MARKERS)
"""The first words of the markers: a line opening with none of them opens no byline."""
_NAMES_FIRST = re.compile(r"\s*[^\W\d_a-z][^\s\d]*\s+[^\W\d_a-z]")
"""A line of bare names opens with two capitalized words ("Jane Doe, 3 March 2022")."""
_PART = re.compile(r"[^\W_][^,;/&|()]*[^\W_]|[^\W_]")
_SKIPPED = frozenset({Category.COMMENT_PROMPT, Category.CAPTION, Category.LEGAL_NOTICE})


class Byline(NamedTuple):
    """An author line: its line index and `distance` from the headline, the person names
    (raw offsets), the agencies (short name and raw offsets), the newsroom it names
    (raw offsets, or None) and whether a marker opens it."""

    line: int
    distance: int
    names: tuple[Name, ...]
    agencies: tuple[tuple[str, int, int], ...]
    staff: tuple[int, int] | None
    explicit: bool


def _zone(page: Page) -> range:
    anchor = page.anchor
    stop = anchor + HEADER_AFTER + 1
    if page.body > anchor:
        stop = max(stop, page.body + 1)
    return range(max(0, anchor - HEADER_BEFORE), min(len(page.spans), stop))


def _read(page: Page, i: int, offset: int, text: str, explicit: bool) -> Byline | None:
    """The byline of `text` (which starts at raw offset `offset`, on line `i`)."""
    shift = offset - page.spans[i][0]
    dated = [m.start - shift for m in page.dates(i) if m.start >= shift]
    if not explicit and not (
        dated or page.labels[i][0] is Category.BYLINE or _beside_date(page, i)
    ):
        return None
    stop = _STOP.search(text)
    cut = len(text) if stop is None else stop.start()
    if dated:
        cut = min(cut, dated[0])
    listed = text[:cut]
    names = tuple(Name(offset + n.start, offset + n.end, n.text) for n in split_names(listed))
    agencies: list[tuple[str, int, int]] = []
    head = text[: max(cut, min(len(text), 80))]
    # an agency named in the line ("Associated Press Writer"), or a part of it ("det/dpa")
    spans = [m.span() for m in MENTION.finditer(head)] if may_mention(head) else []
    spans += [m.span() for m in _PART.finditer(head) if agency_of(m.group())]
    for start, end in sorted(set(spans)):
        code = agency_of(head[start:end])
        if code is not None and not any(a < end and start < b for _, a, b in agencies):
            agencies.append((code, offset + start, offset + end))
    staff = None
    bare = listed.strip(" ,;:")
    if not names and not agencies and bare and is_staff(bare) and len(bare) <= 40:
        start = listed.index(bare)
        staff = (offset + start, offset + start + len(bare))
    if not names and not agencies and staff is None:
        return None
    if not explicit and (agencies or staff is not None or len(listed.strip()) > 60):
        return None
    return Byline(i, i - page.anchor, names, tuple(agencies), staff, explicit)


def _beside_date(page: Page, i: int) -> bool:
    """Whether a line at most two lines from line `i` is a short line holding a date."""
    spans = page.spans
    for j in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= j < len(spans) and spans[j][1] - spans[j][0] <= DATELINE_CHARS and page.dates(j):
            return True
    return False


def find_bylines(page: Page) -> list[Byline]:
    """The author lines near the headline, in text order (see the module's docstring).

    Lines of bare names are read only when no marker opens an author line near the
    headline (the story's byline is then one of those)."""
    found: list[Byline] = []
    bare: list[int] = []
    raw, spans, labels = page.raw, page.spans, page.labels
    for i in _zone(page):
        category = labels[i][0]
        if category in _SKIPPED:
            continue
        start, end = spans[i]
        if end - start > DATELINE_CHARS * 2:
            continue
        text = raw[start:end]
        first = _FIRST_WORD.match(text)
        opens = first is not None and first[1].casefold() in _MARKER_WORDS
        opening = _OPENING.match(text) if opens else None
        byline = None
        if opening is not None:
            byline = _read(page, i, start + opening.end(), text[opening.end() :], True)
        elif opens and _ALONE.match(text) and i + 1 < len(spans):
            byline = _read(page, i + 1, spans[i + 1][0], page.text(i + 1), True)
        elif (
            end - start <= DATELINE_CHARS
            and category is not Category.TITLE
            and _NAMES_FIRST.match(text) is not None
        ):
            bare.append(i)
        if byline is not None:
            found.append(byline)
    if not any(b.explicit for b in found):
        for i in bare:
            byline = _read(page, i, spans[i][0], page.text(i), False)
            if byline is not None:
                found.append(byline)
        found.sort(key=lambda b: b.line)
    return found
