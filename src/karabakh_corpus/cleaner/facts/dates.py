"""Dates as pages print them: find every calendar date in a string, with its exact span.

`find_dates` reads the forms of `calendar` ("31 March 2022", "March 31, 2022", "31.03.2022",
"2022-03-31", "31 de marzo de 2022", "2022年3月31日", "2023. december 17."), checks each
against the calendar (no 31 February, no year outside `calendar.YEAR_RANGE`) and says how
sure the reading is: a numeric date whose day and month could be swapped ("03/04/2022") is
`ambiguous`, with the other reading in `swapped`. `parse_declared` reads a date as markup
declares one (ISO 8601, RFC 2822, or any printed form). Relative dates ("yesterday",
"3 hours ago") are never read: without an anchor they name no day.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import NamedTuple

import regex

from karabakh_corpus.cleaner.facts.calendar import MONTH_FORMS, YEAR_RANGE

__all__ = [
    "DATEISH",
    "DATEISH_BACKWARDS",
    "DATEISH_FORWARDS",
    "DateMention",
    "find_dates",
    "make_date",
    "parse_declared",
]


class DateMention(NamedTuple):
    """A date printed at ``[start, end)`` of a string.

    `kind` is the form: ``iso`` (year first, numbers), ``numeric`` (day or month first,
    numbers), ``name`` (a month name) or ``cjk``. `swapped` is the other reading of an
    ambiguous numeric date (day and month both 12 or less), else None; `date` is then
    the day-first reading for "." and the month-first one for "/" and "-" (see
    `find_dates`). `time` is True when a time of day follows the date.
    """

    start: int
    end: int
    date: datetime.date
    kind: str
    swapped: datetime.date | None
    time: bool


def make_date(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None when it is not one (31 February) or its year is out of range."""
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


_MONTH = r"(?P<m>[^\W\d_]{3,12})"
"""A word where a month name stands: `_read` keeps it only if it is one of `MONTH_FORMS`
(a small pattern, where an alternation of every form would be a large one)."""
_DAY = r"(?P<d>[0-3]?\d)"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_ORDINAL = r"(?:st|nd|rd|th|er|e|º|°|\.)?"
_NOT_BEFORE = r"(?<![^\W_])"  # no letter or digit just before
_NOT_AFTER = r"(?![^\W_])"
_TIME = re.compile(
    r"[\s,|–—-]*(?:(?:um|at|à|a las|alle|às|kl\.?|o|в|saat)\s+)?"
    r"(?:[01]?\d|2[0-3])[:.h][0-5]\d(?![\d])"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        # 31 March 2022, 31. März 2022, 31 de marzo de 2022, 1er mars 2022, 31-Mar-2022
        "day-month",
        re.compile(
            rf"{_NOT_BEFORE}{_DAY}{_ORDINAL}\s*(?:de\s+|of\s+|-|/)?\s*{_MONTH}\.?{_NOT_AFTER}"
            rf"\s*(?:,|de|del|-|/)?\s*{_YEAR}(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        # March 31, 2022, Mar. 31 2022, Dec-17-2023
        "month-day",
        re.compile(
            rf"{_NOT_BEFORE}{_MONTH}\.?{_NOT_AFTER}\s*-?\s*{_DAY}(?:st|nd|rd|th)?(?!\d)"
            rf"\s*[,-]?\s*{_YEAR}(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        # 2023. december 17. (hu), 2023 m. gruodžio 17 d. (lt), 2023 Dec 17
        "year-month",
        re.compile(
            rf"(?<!\d){_YEAR}\.?\s*(?:m\.\s*)?{_MONTH}\.?{_NOT_AFTER}\s*{_DAY}(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        # 2022-03-31, 2022/03/31, 2022.03.31, 2023. 12. 17., 2022-03-31T17:41
        "iso",
        re.compile(
            r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?P<s>[-/.]|\.\s)(?P<mo>[01]?\d)(?P=s)(?P<d>[0-3]?\d)"
            r"(?![\d])(?!\.\d)"
        ),
    ),
    (
        # 31.03.2022, 31/03/2022, 03/31/2022, 31-03-2022, 31.03.22
        "numeric",
        re.compile(
            r"(?<![\d.,/-])(?P<a>[0-3]?\d)(?P<s>[./-]|\.\s)(?P<b>[0-3]?\d)(?P=s)"
            r"(?P<y>(?:19|20)\d\d|\d\d)(?![\d])(?![./-]\d)"
        ),
    ),
    (
        # 2022年3月31日, 2022년 3월 31일
        "cjk",
        re.compile(
            r"(?P<y>(?:19|20)\d\d)\s*[年년]\s*(?P<mo>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]"
        ),
    ),
)

DATEISH = re.compile(r"\d(?:\d\d\d|[./-]\s?\d)")
"""What every printed date holds: a year of four digits, or numbers a separator joins."""
_SCAN = r"\d(?:\d\d\d|[./-][\s\x1c-\x1f]?\d)"
DATEISH_FORWARDS = regex.compile(_SCAN)
DATEISH_BACKWARDS = regex.compile(_SCAN, flags=regex.REVERSE)
"""`DATEISH` as the regex module reads it, to find in a page the lines that may print a
date: searched from a position on, or from the end of a text (the last match before a
position). It reads a page about twice as fast as `re`, and finds at least every match of
`DATEISH` (its digits are at least those of `re`, and its separator is written to hold
every space of `re`, which ``tests/test_facts.py`` checks), so no line that prints a date
is passed over."""
_YEARS = re.compile(r"(?:19|20)(?<!\d..)\d\d(?!\d)")
"""A year of four digits that no digit touches (the test of the digit before it stands
after its first two: a search then skips every character but "1" and "2")."""
_BEFORE_YEAR = 32
"""How far before its year a date that ends with its year starts ("31 de diciembre de 2022",
"September 30, 2022")."""


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _read(kind: str, found: re.Match[str]) -> tuple[datetime.date | None, datetime.date | None]:
    """The date a match names and its swapped reading (ambiguous numbers), or None."""
    if kind in ("day-month", "month-day", "year-month"):
        month = MONTH_FORMS.get(found["m"].lower())
        if month is None:
            return None, None
        return make_date(int(found["y"]), month, int(found["d"])), None
    if kind in ("iso", "cjk"):
        return make_date(int(found["y"]), int(found["mo"]), int(found["d"])), None
    first, second, year = int(found["a"]), int(found["b"]), _year(found["y"])
    day_first = make_date(year, second, first)
    month_first = make_date(year, first, second)
    if day_first is None or month_first is None or day_first == month_first:
        return day_first or month_first, None
    if found["s"].startswith("."):
        return day_first, month_first
    return month_first, day_first


def _anchored(kind: str, pattern: re.Pattern[str]) -> tuple[str, re.Pattern[str]]:
    """How each form is found from the years of a text: ``before`` (the form ends with its
    year: read back from it), ``at`` (it opens with its year) or ``scan`` (no year needed)."""
    if kind in ("day-month", "month-day"):
        return "before", re.compile(pattern.pattern + r"\Z", pattern.flags)
    if kind == "numeric":
        return "scan", pattern
    return "at", pattern


_FOUND = tuple((kind, *_anchored(kind, pattern)) for kind, pattern in _PATTERNS)


def find_dates(text: str) -> list[DateMention]:
    """Every date printed in `text`, in text order, without overlaps.

    An ambiguous numeric date ("03/04/2022") is read month first with "/" or "-" and day
    first with "." (the usage of the languages that write each), with the other reading
    in `swapped`: `karabakh_corpus.cleaner.facts.dating` settles it by the page's other
    dates. Every form but the numeric one holds a year of four digits, and is looked for
    from the text's years (a month name is not tried at every position of the text).
    """
    if DATEISH.search(text) is None:
        return []
    years = [m.span() for m in _YEARS.finditer(text)]
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, how, pattern in _FOUND:
        matches: Iterable[re.Match[str] | None]
        if how == "scan":
            # (a numeric date repeats its separator: "31.03.2022", "03/31/22")
            dotted = text.count(".") > 1 or text.count("/") > 1 or text.count("-") > 1
            matches = pattern.finditer(text) if dotted else ()
        elif how == "before":
            matches = (pattern.search(text, max(0, a - _BEFORE_YEAR), b) for a, b in years)
        else:
            matches = (pattern.match(text, a) for a, _ in years)
        for match in matches:
            if match is None:
                continue
            start, end = match.span()
            if any(a < end and start < b for a, b in taken):
                continue
            date, swapped = _read(kind, match)
            if date is None:
                continue
            taken.append((start, end))
            timed = _TIME.match(text, end) is not None
            form = "name" if kind in ("day-month", "month-day", "year-month") else kind
            found.append(DateMention(start, end, date, form, swapped, timed))
    found.sort()
    return found


_ISO = re.compile(
    r"\s*(?P<y>\d{4})-?(?P<mo>\d\d)-?(?P<d>\d\d)(?:[T\s]\d\d(?::?\d\d)?|(?!\d))",
)


def parse_declared(value: str) -> datetime.date | None:
    """The date a markup value declares: ISO 8601 ("2022-03-31T17:41:00+01:00", the date
    as written, in the time zone of the page), or the first printed date in it."""
    if not isinstance(value, str):
        return None
    iso = _ISO.match(value)
    if iso is not None:
        return make_date(int(iso["y"]), int(iso["mo"]), int(iso["d"]))
    dates = find_dates(value[:200])
    return dates[0].date if dates else None
