"""The outlet: the site or paper whose page this is, as the page names itself.

From the text, in this order: what the site says of itself (`wording.SELF_DESCRIPTIONS`:
"Main News is an online news outlet", "notifications from The Independent", "VOA logo");
a byline that names the newsroom ("By VOA News"); the holder of the page's copyright
("© 2023 POLITICO LLC"); the name after the headline in the page's title line ("Headline |
The Hill"). A short name of `agencies.OUTLET_SHORT_NAMES` is read as the name it stands for
("VOA" is Voice of America). An outlet the page credits for the story ("Credit:
www.independent.co.uk") is not the page's own outlet.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from karabakh_corpus.cleaner.facts.agencies import OUTLET_SHORT_NAMES, agency_of
from karabakh_corpus.cleaner.facts.page import Page
from karabakh_corpus.cleaner.facts.wording import NOT_OUTLETS, SELF_DESCRIPTIONS
from karabakh_corpus.schema import Category

__all__ = ["Named", "expand", "find_outlets"]

_SELF = tuple(re.compile(p, re.IGNORECASE) for p in SELF_DESCRIPTIONS)
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
        Category.BOILERPLATE,
        Category.NAVIGATION,
        Category.COOKIE_NOTICE,
        Category.COMMENT_PROMPT,
        Category.SHARE_PROMPT,
    }
)
_MAX_LINE = 300


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


_HINT = re.compile(r" is an? |from |logo|about |über |propos |acerca |chi siamo", re.I)


def _self_described(page: Page) -> list[Named]:
    found = []
    for i, line in enumerate(page.lines):
        if line.category not in _SITE_LINES or line.end - line.start > _MAX_LINE:
            continue
        text = page.text(i)
        if _HINT.search(text) is None:
            continue
        for pattern in _SELF:
            match = pattern.search(text)
            if match is not None and _plausible(match["name"].strip()):
                start, end = match.span("name")
                found.append(Named(line.start + start, line.start + end, "self-description"))
                break
    return found


def _copyright(page: Page) -> list[Named]:
    found = []
    for i, line in enumerate(page.lines):
        if line.end - line.start > _MAX_LINE or line.category is Category.CAPTION:
            continue
        text = page.text(i)
        if "©" not in text and "opyright" not in text and "(c)" not in text.casefold():
            continue
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
            found.append(Named(line.start + start, line.start + start + len(name), "copyright"))
    return found[-1:]


def _title_line(page: Page) -> list[Named]:
    """The name after the headline on the page's title line ("Headline | The Hill")."""
    if page.title < 0 or not page.lines:
        return []
    headline = " ".join(page.text(page.title).split()).casefold()
    for i in range(min(len(page.lines), page.title + 1)):
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
            start = page.lines[i].start + text.rindex(name)
            return [Named(start, start + len(name), "title-line")]
    return []


def find_outlets(page: Page, staff: list[tuple[int, int]]) -> list[Named]:
    """The outlet names the page prints, best first (see the module's docstring); `staff`
    are the spans of newsrooms its bylines name."""
    return [
        *_self_described(page),
        *(Named(start, end, "byline-newsroom") for start, end in staff),
        *_copyright(page),
        *_title_line(page),
    ]
