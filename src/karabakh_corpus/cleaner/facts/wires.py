"""Wire credits in the text: where a page says its story comes from a news agency.

A credit names an agency of `agencies.AGENCIES` in one of these shapes, each a `kind`:
``credit`` (a line that is the agency's name alone, "(dpa)"; "Via AP news wire", "Source:
AFP", "mit Material von dpa": a word of `wording.CREDIT_MARKERS` before it; a
parenthesised agency ending the body's last paragraphs), ``copyright`` ("© AFP 2022",
"Copyright 2022 The Associated Press"), ``contributed`` ("Reuters contributed to this
report"). The byline ("By The Associated Press") and the dateline ("MOSCOW (AP) —") are
read by `bylines` and `places`. An agency the text merely quotes ("told Reuters", "AFP
reported") has none of these shapes and is never a credit; nor is a picture credit (a
caption, or a line with a word of `wording.PICTURE_WORDS`).

Credits are read on the lines around the article: from the headline's zone down to
`AFTER_BODY` lines below the body's last paragraph, plus every line the cleaner labels a
credit line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from karabakh_corpus.cleaner.facts.agencies import MENTION, agency_of, may_mention, may_name_agency
from karabakh_corpus.cleaner.facts.dates import find_dates
from karabakh_corpus.cleaner.facts.page import Page
from karabakh_corpus.cleaner.facts.wording import CREDIT_MARKERS, HEADER_BEFORE, PICTURE_WORDS
from karabakh_corpus.schema import Category

__all__ = ["AFTER_BODY", "Credit", "find_credits"]

AFTER_BODY = 8
"""How many lines below the body's last paragraph credits are read ("Reuters contributed
to this report" and a copyright line stand just below the story)."""
_LAST_PARAGRAPHS = 3
_FIRST_LINES = 4
"""A dateline or a byline stands at the body's start, under a standfirst or a picture and
its credit: its first lines are read with the headline's."""
_LONG = 300
_TAIL = 150
_HEAD = 100
"""Of a long paragraph ending the story only the last characters are read (an end tag,
"(dpa)", "Reuters contributed to this report"), of one opening it only the first (a
dateline without a place, "(EFE).-")."""
_SKIPPED = frozenset(
    {Category.CAPTION, Category.COMMENT_PROMPT, Category.NAVIGATION, Category.RELATED_STORIES}
)
_CAPTIONS = frozenset({Category.CAPTION})


def _alternatives(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*[-–]?\s*)?(?:\d{4}\s*)?(?:by\s+)?$", re.I
)
_MARKER = re.compile(
    rf"^[\s(\[|•·–—-]*(?:[^\W\d_][\w.'’-]*\s+){{0,3}}"
    rf"(?:{_alternatives(list(CREDIT_MARKERS))})\s*:?\s*$",
    re.I,
)
_PICTURE = re.compile(rf"(?<!\w)(?:{_alternatives(list(PICTURE_WORDS))})(?!\w)", re.IGNORECASE)
_CONTRIBUTED = re.compile(r"^[^.]{0,80}?\bcontributed\b", re.IGNORECASE)
_ALONE = re.compile(r"^[\s(\[]*(?:by\s+|von\s+|par\s+)?[\s(\[]*$", re.IGNORECASE)
_AFTER_ALONE = re.compile(r"^[\s)\]/.,:;]*(?:\d{4})?[\s)\]/.,:;]*$")
_PHOTOGRAPHER = re.compile(r"\s*(?:/\s*|\|\s*)(?P<name>[^\W\d_][\w.'’-]*)")
"""An agency followed by a slash or a bar and a name credits a photographer's picture
("© dpa | Jens Kalaene", "REUTERS/Pierre Albouy")."""
_OPENS = re.compile(r"^[\s(\[]*(?:©|\(c\)|copyright)", re.IGNORECASE)
_SHORT = 80
"""A credit with a marker ("Source: AFP", "Le Monde with AFP") is a short line of its own;
in a longer line the same words quote the agency ("in an interview with Reuters")."""
_PLACE_AFTER = re.compile(r"^\s*,\s*[^\W\d_][\w.'’ -]{0,30},?\s*$")
_OPENING = re.compile(r"^\s*\($")
_DASH = re.compile(r"^\)\s*\.?\s*(?:[—–]|--?)")
"""A paragraph opening with the agency in parentheses and a dash: "(EFE).- Nicaragua...",
a dateline without its place."""
_SENTENCE_END = re.compile(r"[.!?»”\"]\s+$")
"""The agency's code after the last sentence of the story ("... into the US. PTI")."""
_END_TAG = re.compile(r"^\s*(?:[/,][^()]{0,20}|\s+[\d./-]{6,10})?\)\s*$")


class Credit(NamedTuple):
    """An agency credited at ``[start, end)`` of the raw text, its short name, and the
    shape of the credit (``credit``, ``copyright`` or ``contributed``)."""

    start: int
    end: int
    code: str
    kind: str


def _windows(page: Page) -> list[tuple[int, str, int, int]]:
    """The windows credits are read in: each line from the headline's zone down to the
    body's first `_FIRST_LINES` lines, and from the body's last paragraphs down to
    `AFTER_BODY` lines below them, with where it stands (see `_kind`) and the raw offsets
    ``[low, high)`` read (a long paragraph's first or last characters, see `_LONG`). Captions
    are left out, and below the headline's zone the cleaner's lists and comment prompts."""
    if page.body < 0:
        return []
    spans, labels = page.spans, page.labels
    size = len(spans)
    paragraphs: list[int] = []
    for i in range(page.last, page.body - 1, -1):  # the last paragraphs, from the end
        if labels[i][0] is Category.PARAGRAPH:
            paragraphs.append(i)
            if len(paragraphs) == _LAST_PARAGRAPHS:
                break
    end = set(paragraphs) | set(range(page.last + 1, page.last + 3))
    header = range(max(0, page.anchor - HEADER_BEFORE), page.body)
    first = range(page.body, min(size, page.body + _FIRST_LINES))
    windows: list[tuple[int, str, int, int]] = []
    for where, lines in (
        ("header", [i for i in header if i not in end]),
        ("first", [i for i in first if i not in end]),
        ("end", sorted(i for i in end if i < size)),
        ("below", range(page.last + 3, min(size, page.last + AFTER_BODY + 1))),
    ):
        # between the headline and the body, the cleaner's lists are the story's own lines
        skipped = _CAPTIONS if where == "header" else _SKIPPED
        for i in lines:
            if labels[i][0] in skipped:
                continue
            low, high = spans[i]
            if high - low <= _LONG:
                windows.append((i, where, low, high))
            elif where == "end":  # a long paragraph ending the story: its last characters
                windows.append((i, where, high - _TAIL, high))
            elif where == "first":  # a long paragraph opening the story: its first characters
                windows.append((i, where, low, low + _HEAD))
    return windows


def _byline_rest(after: str) -> bool:
    """Whether what follows an agency on a line under the headline makes it the story's
    byline: a place ("PTI, Washington,") or a date ("Associated Press November 19, 2019")."""
    if _PLACE_AFTER.match(after):
        return True
    dates = find_dates(after[:40])
    return bool(dates) and not after[: dates[0].start].strip(" ,|·•–—-")


def _kind(text: str, start: int, end: int, where: str) -> str | None:
    """The kind of credit the agency at ``[start, end)`` of a line gets, or None. `where`
    is ``header`` (from the headline's zone down to the body), ``first`` (the body's first
    lines: a lone agency there credits a picture), ``end`` (the body's last paragraphs and
    the two lines below them) or ``below`` (further down)."""
    before, after = text[:start], text[end:]
    photographer = _PHOTOGRAPHER.match(after)
    if _PICTURE.search(text) or (
        photographer is not None
        and photographer["name"][0].isupper()
        and agency_of(photographer["name"]) is None
    ):
        return None
    if where in ("header", "end") and _ALONE.match(before) and _AFTER_ALONE.match(after):
        return "credit"
    if where == "header" and _ALONE.match(before) and _byline_rest(after):
        return "credit"
    if _OPENING.match(before) and _DASH.match(after):
        return "dateline"
    if _COPYRIGHT.search(before) and _OPENS.match(before):
        return "copyright"
    if len(text) <= _SHORT and _MARKER.search(before):
        return "credit"
    if _CONTRIBUTED.match(after):
        return "contributed"
    if where == "end" and before.rstrip().endswith("(") and _END_TAG.match(after):
        return "credit"
    if where == "end" and _SENTENCE_END.search(before) and not after.strip():
        return "credit"
    return None


def find_credits(page: Page) -> list[Credit]:
    """The agencies the page credits for its story, in text order."""
    credits: list[Credit] = []
    raw, spans = page.raw, page.spans
    windows = _windows(page)
    if not may_name_agency("\n".join([raw[a:b] for _, _, a, b in windows])):
        return credits  # the lines name no agency (most pages): one test for them all
    for i, where, low, high in windows:
        if not may_mention(raw[low:high]):
            continue
        start, end = spans[i]
        text = raw[start:end]
        for found in MENTION.finditer(text, low - start, high - start):
            code = agency_of(found.group())
            if code is None:
                continue
            kind = _kind(text, found.start(), found.end(), where)
            if kind is not None:
                credits.append(Credit(start + found.start(), start + found.end(), code, kind))
    return credits
