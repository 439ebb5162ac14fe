"""Person names in author lines: split a list of names, drop roles and places, and tell a
person's name from a newsroom's, an agency's or a word of the page's furniture.

`split_names` takes the text after a byline's marker ("Jane Doe and John Roe, Staff
Writers") and returns each name with its span in that text; `is_person` says whether a
string reads as one person's name: two to five words, each capitalized (or a particle such
as "von", or an initial), no digits, no word of `wording.NOT_NAMES` or
`wording.STAFF_WORDS`, and not an agency of `agencies.AGENCIES`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from karabakh_corpus.cleaner.facts.agencies import OUTLET_SHORT_NAMES, agency_of
from karabakh_corpus.cleaner.facts.wording import (
    NAME_PARTICLES,
    NAME_SEPARATORS,
    NOT_NAMES,
    OUTLET_WORDS,
    ROLES,
    STAFF_WORDS,
)

__all__ = ["Name", "is_person", "is_staff", "split_names"]


class Name(NamedTuple):
    """A name found at ``[start, end)`` of the text it was read from."""

    start: int
    end: int
    text: str


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SPLIT = re.compile(
    "|".join(
        rf"\s+{re.escape(s.strip())}\s+" if s.startswith(" ") else re.escape(s)
        for s in NAME_SEPARATORS
    ),
    re.IGNORECASE,
)
_ROLE = re.compile(
    rf"(?:^|[\s,|–—-]+)(?:(?:senior|chief|deputy|associate|assistant|executive|"
    rf"staff|special|contributing|freelance|guest|political|foreign|economics|business|"
    rf"sports?|science|health|tech|technology|culture|news|managing|digital|"
    rf"international|national|white house|washington|europe|middle east|asia)\s+)*"
    rf"(?:{_alternatives(ROLES)})s?(?:\s+(?:at|for|of|,)\s+.*)?$",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"\s+(?:in|aus|à|from|for|für|pour|para|at|@|is|ist|est|es|è|has|"
    r"covers|writes|reports)\s+.*$|\s*[(\[].*$|\s+@\w.*$|\s*\S+@\S+.*$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\s]+")
_INITIAL = re.compile(r"^(?:[^\W\d_]\.){1,3}$|^[^\W\d_]\.?-[^\W\d_]\.$")
_CJK = re.compile("^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,5}$")
_NOT_NAMES = frozenset(w.casefold() for w in NOT_NAMES)
_OUTLET = re.compile(rf"(?<!\w)(?:{_alternatives(OUTLET_WORDS)})(?!\w)", re.IGNORECASE)
_STAFF = re.compile(rf"(?<!\w)(?:{_alternatives(STAFF_WORDS)})(?!\w)", re.IGNORECASE)


def _word(token: str) -> bool:
    """A word of a person's name: capitalized letters (hyphens, apostrophes inside)."""
    core = token.strip(".,")
    if not core or core.casefold() in NAME_PARTICLES:
        return bool(core)
    if _INITIAL.match(token):
        return True
    first = core[0]
    if not first.isupper():
        return False
    return all(c.isalpha() or c in "-'’." for c in core)


def is_staff(text: str) -> bool:
    """Whether `text` names a newsroom or staff ("VOA News", "Staff Reports", "dpa/AFP")."""
    return (
        bool(_STAFF.search(text))
        or agency_of(text) is not None
        or (text.split()[0] in OUTLET_SHORT_NAMES if text.split() else False)
    )


def is_person(text: str) -> bool:
    """Whether `text` reads as one person's name (see the module's docstring)."""
    text = unicodedata.normalize("NFC", text.strip())
    if not text or len(text) > 60 or any(c.isdigit() for c in text):
        return False
    if _CJK.match(text):
        return True
    if text.casefold() in _NOT_NAMES or is_staff(text) or _OUTLET.search(text):
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    if tokens[0].casefold() in NAME_PARTICLES and not tokens[0][0].isupper():
        return False
    if tokens[-1].casefold() in NAME_PARTICLES:
        return False
    if any(t.casefold() in _NOT_NAMES or agency_of(t) is not None for t in tokens):
        return False
    return all(_word(t) for t in tokens)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:|-–—•·*"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:|-–—•·*"):
        end -= 1
    return start, end


def _clean_part(text: str, start: int, end: int) -> tuple[int, int]:
    """The name inside ``text[start:end]``: without a role, a place, a bio or lower-case
    words after it ("Jane Doe archive page"); empty when the part is a role alone."""
    part = text[start:end]
    if _ROLE.fullmatch(part):
        return start, start
    for pattern in (_ROLE, _TAIL):
        found = pattern.search(part)
        if found is not None and found.start() > 0:
            part = part[: found.start()]
    words = part.split()
    while len(words) > 1 and words[-1][0].islower():
        part = part[: part.rstrip().rindex(words.pop())]
    return _trim(text, start, start + len(part))


def split_names(text: str) -> list[Name]:
    """The names listed in `text` (an author line without its marker), in order, each with
    its span in `text`; parts that are no person's name are left out."""
    names: list[Name] = []
    cuts = [0]
    for found in _SPLIT.finditer(text):
        cuts += [found.start(), found.end()]
    cuts.append(len(text))
    for k in range(0, len(cuts), 2):
        start, end = _clean_part(text, *_trim(text, cuts[k], cuts[k + 1]))
        part = text[start:end]
        if part and is_person(part):
            names.append(Name(start, end, part))
    return names
