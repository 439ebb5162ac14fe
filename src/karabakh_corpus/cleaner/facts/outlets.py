"""The outlet: the site or paper whose page this is, as the page names itself.

From the lines where a site speaks of itself (its description, legal notices, prompts, a
logo's text), in this order: what the site says of itself (`wording.SELF_DESCRIPTIONS`:
"Main News is an online news outlet", "notifications from The Independent", "VOA logo");
a byline that names the newsroom ("By VOA News"); the holder of the page's copyright
("© 2023 POLITICO LLC"); the name after the headline in the page's title line ("Headline |
The Hill"). A short name of `agencies.OUTLET_SHORT_NAMES` is read as the name it stands for
("VOA" is Voice of America). An outlet the page credits for the story ("Credit:
www.independent.co.uk") is not the page's own outlet.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from types import MappingProxyType
from typing import NamedTuple

from karabakh_corpus.cleaner.facts.agencies import OUTLET_SHORT_NAMES, agency_of
from karabakh_corpus.cleaner.facts.page import Page
from karabakh_corpus.cleaner.facts.wording import NOT_OUTLETS, SELF_DESCRIPTIONS
from karabakh_corpus.schema import Category

__all__ = ["Named", "expand", "find_outlets"]

_SELF = tuple(re.compile(p, re.IGNORECASE) for p in SELF_DESCRIPTIONS)
_CUES = MappingProxyType({SELF_DESCRIPTIONS[0]: r" is an? "})
"""A piece of a self-description's pattern that every match of it holds, for a pattern
costly to search (a name of up to 60 characters is tried from every position): a line
without it is not searched."""
_CUED = tuple(
    None if p not in _CUES else re.compile(_CUES[p], re.IGNORECASE) for p in SELF_DESCRIPTIONS
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*(?:[-–]\s*\d{4}\s*)?)?(?:by\s+)?"
    r"(?P<name>[^\W\d_][^.|,©]{1,60}?)"
    r"(?=\s*(?:[.,|]|\s(?:all rights|alle rechte|tous droits|todos los derechos|"
    r"tutti i diritti|\d{4})|$))",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"[\s,]+(?:llc|l\.l\.c\.|inc\.?|ltd\.?|limited|gmbh(?:\s*&\s*co\.?\s*kg)?|ag|s\.?a\.?|"
    r"s\.?l\.?|plc|corp\.?|corporation|co\.?|kg|group|media group|medien gmbh|"
    r"verlag|verlagsgesellschaft)\s*$",
    re.IGNORECASE,
)
_TITLE_SEPARATOR = re.compile(r"\s+[|–—:-]\s+|\s*[|•·]\s*")
_SITE_LINES = frozenset(
    {
        Category.SITE_DESCRIPTION,
        Category.NEWSLETTER_PROMPT,
        Category.DONATION_APPEAL,
        Category.CAPTION,
        Category.LEGAL_NOTICE,
        Category.LOGIN_PROMPT,
        Category.COOKIE_NOTICE,
    }
)
_MAX_LINE = 300
_category = operator.itemgetter(0)


class Named(NamedTuple):
    """An outlet named at ``[start, end)`` of the raw text, with the rule that read it."""

    start: int
    end: int
    rule: str


def expand(name: str) -> str:
    """The outlet's name: a short name of `OUTLET_SHORT_NAMES` ("VOA", "VOA News") is read
    as the name it stands for; any other name is kept as printed."""
    name = " ".join(name.split())
    if name in OUTLET_SHORT_NAMES:
        return OUTLET_SHORT_NAMES[name]
    first, _, rest = name.partition(" ")
    if first in OUTLET_SHORT_NAMES and rest.casefold() in ("news", "staff", "newsroom"):
        return OUTLET_SHORT_NAMES[first]
    return name


def _plausible(name: str) -> bool:
    words = name.split()
    return (
        0 < len(words) <= 6
        and len(name) <= 60
        and name[0].isalnum()
        and agency_of(name) is None
        and name.casefold() not in NOT_OUTLETS
        and not name.casefold().startswith(("this ", "our ", "your "))
    )


_HINTS = (
    " is a ", " is an ", "from ", "From ", "logo", "Logo", "LOGO", "About ", "about ",
    "ABOUT ", "Über ", "über ", "propos ", "Acerca ", "acerca ", "Chi siamo", "chi siamo",
)  # fmt: skip
"""What a self-description holds: the patterns are read on the lines holding one."""
_COPYRIGHT_HINTS = ("©", "opyright", "(c)", "(C)")


def _site_lines(page: Page) -> list[int]:
    """The lines where a site speaks of itself: those the cleaner labels a site's
    description, legal notice, newsletter or donation prompt, login prompt or caption (a
    logo's text), of at most `_MAX_LINE` characters."""
    spans = page.spans
    # (the lines of those categories found without a loop in Python: a few on a page)
    labelled = itertools.compress(
        itertools.count(), map(_SITE_LINES.__contains__, map(_category, page.labels))
    )
    return [i for i in labelled if spans[i][1] - spans[i][0] <= _MAX_LINE]


class _Joined:
    """The text of some lines joined by newlines, to find words in them all at once."""

    def __init__(self, page: Page, lines: list[int]) -> None:
        texts = [page.text(i) for i in lines]
        self.lines = lines
        self.text = "\n".join(texts)
        self.offsets = list(itertools.accumulate((len(t) + 1 for t in texts), initial=0))

    def holding(self, words: tuple[str, ...]) -> list[int]:
        """The lines that hold one of `words`, in order."""
        found: set[int] = set()
        text, offsets = self.text, self.offsets
        for word in words:
            at = text.find(word)
            while at >= 0:
                k = bisect.bisect_right(offsets, at) - 1
                found.add(k)
                at = text.find(word, offsets[k + 1])
        return [self.lines[k] for k in sorted(found)]


def _self_described(page: Page, joined: _Joined) -> list[Named]:
    found = []
    for i in joined.holding(_HINTS):
        first = page.spans[i][0]
        text = page.text(i)
        for pattern, cue in zip(_SELF, _CUED, strict=True):
            if cue is not None and cue.search(text) is None:
                continue
            match = pattern.search(text)
            if match is not None and _plausible(match["name"].strip()):
                start, end = match.span("name")
                found.append(Named(first + start, first + end, "self-description"))
                break
    return found


def _copyright(page: Page, joined: _Joined) -> list[Named]:
    found = []
    for i in joined.holding(_COPYRIGHT_HINTS):
        if page.labels[i][0] is Category.CAPTION:
            continue
        first = page.spans[i][0]
        text = page.text(i)
        match = _COPYRIGHT.search(text)
        if match is None:
            continue
        name = match["name"]
        legal = _LEGAL.search(name)
        while legal is not None and legal.start() > 0:
            name = name[: legal.start()]
            legal = _LEGAL.search(name)
        name = name.strip(" -–")
        if _plausible(name):
            start = match.start("name") + match["name"].index(name)
            found.append(Named(first + start, first + start + len(name), "copyright"))
    return found[-1:]


_TITLE_LINES = 3
"""The page's title line (its ``<title>``, rendered first) is one of its first lines."""


def _title_line(page: Page) -> list[Named]:
    """The name after the headline on the page's title line ("Headline | The Hill")."""
    if page.title < 0 or not page.spans:
        return []
    headline = " ".join(page.text(page.title).split()).casefold()
    for i in range(min(_TITLE_LINES, page.title)):
        text = page.text(i)
        if len(text) > _MAX_LINE or i == page.title:
            continue
        flat = " ".join(text.split())
        if not flat.casefold().startswith(headline) or len(flat) <= len(headline):
            continue
        rest = flat[len(headline) :]
        separator = _TITLE_SEPARATOR.match(rest)
        if separator is None:
            continue
        name = rest[separator.end() :].strip()
        name = _TITLE_SEPARATOR.split(name)[-1].strip()
        if _plausible(name) and name in text:
            start = page.spans[i][0] + text.rindex(name)
            return [Named(start, start + len(name), "title-line")]
    return []


def find_outlets(page: Page, staff: list[tuple[int, int]]) -> list[Named]:
    """The outlet names the page prints, best first (see the module's docstring); `staff`
    are the spans of newsrooms its bylines name."""
    joined = _Joined(page, _site_lines(page))
    return [
        *_self_described(page, joined),
        *(Named(start, end, "byline-newsroom") for start, end in staff),
        *_copyright(page, joined),
        *_title_line(page),
    ]
