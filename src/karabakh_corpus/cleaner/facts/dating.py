"""The page's date: from the dates it prints near its headline, and from what its markup
declares.

From the text (`text_dates`, `date_from_text`): every date printed on a line the cleaner
does not call a comment; the publication date is the one on a short line (at most
`wording.DATELINE_CHARS` characters) nearest the headline, below it before above it, a date
marked "Published" before an unmarked one, and one marked "Updated" only when no other is
printed. A numeric date that reads two ways ("06/05/2020") is read as the page's other
dates are written (a "/" date whose first number is above 12 is day first; "May 6, 2020" is
month first); a page without such a date reads it day first.

From markup (`date_of`): the order of `tags.PUBLISHED_KEYS` decides between declarations,
and such a declaration wins over the printed date unless a date printed near the headline
(at most `CORROBORATION_LINES` lines away) has more kinds of source: the text, and the
declarations of other kinds (JSON-LD, ``<meta>``, microdata, ``<time>``, scripts, a date
in an address) that give it, as the publication or as the update date. A tie keeps the
declaration, except that a date printed with "Published" beside a timestamp in UTC a day
away is the page's own (local) date. A declaration of `tags.WEAK_PUBLISHED_KEYS` (a
generic ``date`` tag, a ``<time>`` element) loses to a printed date, unless it gives
another date printed as near the headline. Either way the evidence names both values.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import regex

from karabakh_corpus.cleaner.facts.calendar import PUBLISHED_MARKERS, UPDATED_MARKERS
from karabakh_corpus.cleaner.facts.dates import DateMention, make_date, parse_declared
from karabakh_corpus.cleaner.facts.page import Page
from karabakh_corpus.cleaner.facts.tags import (
    ARTICLE_TYPES,
    PUBLISHED_KEYS,
    UPDATED_KEYS,
    WEAK_PUBLISHED_KEYS,
)
from karabakh_corpus.cleaner.facts.types import DateFact, Declared, Markup, Source
from karabakh_corpus.cleaner.facts.wording import DATELINE_CHARS, FARTHEST
from karabakh_corpus.schema import Category, Evidence

__all__ = ["Printed", "date_from_text", "date_of", "key_of", "text_dates"]

MAX_LINE = 400
"""Dates are read on lines of at most this many characters (running text beyond it dates
events, not the page)."""
_SKIPPED = frozenset({Category.COMMENT_PROMPT})


def _markers(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MARKER = re.compile(
    rf"(?<!\w)(?:(?P<published>{_markers(PUBLISHED_MARKERS)})|"
    rf"(?P<updated>{_markers(UPDATED_MARKERS)}))(?!\w)",
    re.IGNORECASE,
)
_TIME_OF_DAY = re.compile(r"\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?\s?m\.?)?", re.IGNORECASE)
_SEPARATOR = re.compile(r"[./-]")
_REACH = 40
"""How far before a date its marker may stand, in characters ("Last updated on Thursday,")."""


class Printed(NamedTuple):
    """A date printed on the page: its reading, its place and what marks it.

    `date` is the reading chosen for the page (see `text_dates`), `start` and `end` its
    span in the raw text, `line` the index of its line and `distance` the lines from the
    headline (negative above it); `short` is True on a line of at most
    `DATELINE_CHARS` characters; `marker` is ``published``, ``updated`` or ``""``, with
    `marker_start` where the marker begins.
    """

    date: datetime.date
    start: int
    end: int
    line: int
    distance: int
    short: bool
    marker: str
    marker_start: int


def _marker(line: str, at: int) -> tuple[str, int]:
    """The marker before position `at` of `line` ("published", "updated" or ""), and where
    it starts."""
    window = line[max(0, at - _REACH) : at]
    markers = list(_MARKER.finditer(window))
    if not markers:
        return "", at
    found = markers[-1]
    gap = _TIME_OF_DAY.sub("", window[found.end() :])
    if any(c.isdigit() for c in gap) or len(gap.strip()) > 25:
        return "", at
    kind = "published" if found["published"] is not None else "updated"
    return kind, at - len(window) + found.start()


_SLASHED = re.compile(r"(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2(?:\d{4}|\d\d)(?![\d/.-])")
_SLASHED_STARTS = regex.compile(r"\d\d?[/-]\d")
"""Where a `_SLASHED` date may start: every one opens so. The regex module finds these far
faster than `re` finds `_SLASHED` in a page (its digits are at least those of `re`, which
``tests/test_facts.py`` checks)."""


def _slashed(raw: str) -> Iterator[re.Match[str]]:
    """The matches of `_SLASHED` in `raw`, those of ``_SLASHED.finditer(raw)``: it is tried
    only where `_SLASHED_STARTS` finds a start, in order, from the end of each match."""
    position = 0
    while True:
        start = _SLASHED_STARTS.search(raw, position)
        if start is None:
            return
        match = _SLASHED.match(raw, start.start())
        if match is None:
            position = start.start() + 1
        else:
            yield match
            position = match.end()


def _month_first(page: Page, found: Sequence[tuple[DateMention, str, int]]) -> bool:
    """Whether the page writes numeric dates month first: its "/" and "-" dates whose
    order is plain (a number above 12), and its dates with a month name ("March 31, 2022"
    against "31 March 2022")."""
    month_first = day_first = 0
    for mention, line, _ in found:
        text = line[mention.start : mention.end]
        if mention.kind == "name":
            if text[0].isdigit():
                if not text[:4].isdigit():
                    day_first += 1
            else:
                month_first += 1
    for match in _slashed(page.raw):
        first, second = int(match[1]), int(match[3])
        if first > 12 >= second:
            day_first += 1
        elif second > 12 >= first:
            month_first += 1
    return month_first > day_first


def text_dates(page: Page, *, every: bool = False) -> list[Printed]:
    """The dates printed on the page (see the module's docstring), nearest the headline
    first. Short lines are read outward from the headline, and the reading stops past the
    distance of the first one with a date that no "Updated" marks (no date farther away
    can win); lines of running text are read only when no short line has a date. `every`
    reads every line."""
    anchor, spans = page.anchor, page.spans
    found = _scan(page, every)
    if not found:
        return []
    ambiguous = [
        m.swapped is not None and _SEPARATOR.search(text, m.start)[0] in "/-"  # type: ignore[index]
        for m, text, _ in found
    ]
    # an ambiguous "/" or "-" date is read as the page writes its other dates
    month_first = any(ambiguous) and _month_first(page, found)
    printed = []
    for (mention, text, i), unsure in zip(found, ambiguous, strict=True):
        date = mention.date
        if unsure and not month_first:
            date = mention.swapped  # type: ignore[assignment]  # find_dates reads "/" month first
        marker, at = _marker(text, mention.start)
        start, end = spans[i]
        printed.append(
            Printed(
                date,
                start + mention.start,
                start + mention.end,
                i,
                i - anchor,
                end - start <= DATELINE_CHARS,
                marker,
                start + at,
            )
        )
    return printed


def _scan(page: Page, every: bool) -> list[tuple[DateMention, str, int]]:
    """The dates printed on short lines (at most `DATELINE_CHARS` characters), read outward
    from the headline and stopping past the first one with a date that "Updated" does not
    mark (unless `every`); when no short line prints a date, those of the lines of running
    text (at most `MAX_LINE` characters)."""
    anchor = page.anchor
    spans, labels, raw = page.spans, page.labels, page.raw
    found: list[tuple[DateMention, str, int]] = []
    running: list[int] = []
    reach = -1
    for i in _outward(page):
        if reach >= 0 and abs(i - anchor) > reach and not every:
            break
        start, end = spans[i]
        if end - start > MAX_LINE or labels[i][0] in _SKIPPED:
            continue
        if end - start > DATELINE_CHARS:
            running.append(i)
            continue
        mentions = page.dates(i)
        if not mentions:
            continue
        text = raw[start:end]
        found.extend((mention, text, i) for mention in mentions)
        if reach < 0 and any(_marker(text, m.start)[0] != "updated" for m in mentions):
            reach = abs(i - anchor)
    if not found:
        for i in running:
            text = page.text(i)
            found.extend((mention, text, i) for mention in page.dates(i))
    return found


_NEAR = 12
"""The lines this near the headline that may print a date are found at once (`Page.dated`)
and read outward; past them, the next line that may print one is searched for, below and
above (the result is the same, faster)."""


def _outward(page: Page) -> Iterator[int]:
    """The indices of the lines that may print a date, from the headline outward: anchor,
    anchor + 1, anchor - 1, anchor + 2..."""
    anchor = page.anchor
    near = set(page.dated(max(0, anchor - _NEAR), min(len(page.spans) - 1, anchor + _NEAR)))
    for k in range(_NEAR + 1):
        for i in (anchor + k, anchor - k) if k else (anchor,):
            if i in near:
                yield i
    # farther: the nearer of the next dated line below and the next one above, lazily
    below = page.dated_below(anchor + _NEAR + 1)
    above = page.dated_above(anchor - _NEAR - 1)
    down, up = next(below, None), next(above, None)
    while down is not None or up is not None:
        if up is None or (down is not None and down - anchor <= anchor - up):
            yield down  # type: ignore[misc]
            down = next(below, None)
        else:
            yield up
            up = next(above, None)


def _rank(p: Printed) -> tuple[bool, bool, int, bool, bool, int]:
    return (
        not p.short,
        p.marker == "updated",
        abs(p.distance),
        p.distance < 0,
        p.marker != "published",
        p.start,
    )


def _evidence(page: Page, field: str, p: Printed) -> Evidence:
    return page.evidence(field, p.marker_start, p.end)


def _where(p: Printed) -> str:
    if p.distance == 0:
        return "on the headline's line"
    side = "below" if p.distance > 0 else "above"
    return f"{abs(p.distance)} line{'s' if abs(p.distance) != 1 else ''} {side} the headline"


def date_from_text(page: Page, printed: Sequence[Printed] | None = None) -> DateFact:
    """The page's date as the text prints it (see the module's docstring)."""
    printed = text_dates(page) if printed is None else printed
    if not printed:
        return DateFact(reason="the page prints no calendar date (relative dates are not read)")
    ranked = sorted(printed, key=_rank)
    best = ranked[0]
    if abs(best.distance) > FARTHEST:
        return DateFact(
            reason=(
                f"the date nearest the headline is printed {_where(best)}: too far from the "
                f"story to be its date (at most {FARTHEST} lines)"
            )
        )
    updates = [p for p in ranked if p.marker == "updated" and p.short]
    updated = updates[0] if updates and updates[0] is not best else None
    others = _others(ranked, best.date)
    evidence = [_evidence(page, "date", best)]
    if updated is not None:
        evidence.append(_evidence(page, "updated", updated))
    updated_on: datetime.date | None = None if updated is None else updated.date
    if best.marker == "updated":
        # only an update date is printed: the publication date is that day or before
        rule, inferred, updated_on = "text-updated-only", True, best.date
        reason = f"the page prints only an update date ({_where(best)})"
    else:
        marked = " with a publication marker" if best.marker == "published" else ""
        line = "a short line" if best.short else "a line of running text"
        rule, inferred = "text-nearest-headline", False
        reason = (
            f"printed{marked} on {line} {_where(best)}: the date nearest the headline "
            "(farther dates cannot win and are not read)"
        )
    return DateFact(
        value=best.date,
        updated=updated_on,
        inferred=inferred,
        rule=rule,
        reason=reason,
        evidence=tuple(evidence),
        conflicts=tuple(_evidence(page, "date", p) for p in others),
    )


def _others(ranked: Sequence[Printed], chosen: datetime.date, keep: int = 3) -> list[Printed]:
    """The best-ranked mentions of up to `keep` other dates than `chosen`."""
    seen = {chosen}
    others = []
    for p in ranked:
        if p.date not in seen and p.marker != "updated":
            seen.add(p.date)
            others.append(p)
            if len(others) == keep:
                break
    return others


# -- markup ----------------------------------------------------------------------------------


def key_of(declared: Declared) -> str:
    """The name of a declaration in `tags.PUBLISHED_KEYS` and its kin: ``json-ld story
    datePublished``, ``meta article:published_time``, ``microdata datePublished``,
    ``time pubdate``."""
    path = declared.path
    if declared.source == "script":
        return "script " + path.split('"')[1]
    if declared.source == "json-ld":
        kind, _, prop = path.partition(".")
        where = "story" if kind.lower() in ARTICLE_TYPES else "page"
        return f"json-ld {where} {prop.split('[', 1)[0]}"
    if declared.source == "meta":
        return "meta " + path.split('"')[1]
    if declared.source == "microdata":
        return "microdata " + path.split('"')[1]
    if declared.source == "time":
        return {"time[pubdate]": "time pubdate", "article time[datetime]": "time article"}.get(
            path, "time other"
        )
    return f"{declared.source} {path}"


_URL = re.compile(r"/(?P<y>(?:19|20)\d\d)([/_-]?)(?P<m>[01]\d)\2(?P<d>[0-3]\d)(?:[/_.-]|$)")


_URL_PATHS = frozenset(
    {
        'link[rel="canonical"]',
        'meta[property="og:url"]',
        'meta[property="og:image"]',
        'meta[name="twitter:image"]',
        'meta[property="twitter:image"]',
    }
)


def _is_url(declared: Declared) -> bool:
    return declared.path in _URL_PATHS


def _url_date(url: str) -> datetime.date | None:
    """The date in the path of the page's own address ("/2020/08/24/story")."""
    found = _URL.search(url)
    return None if found is None else make_date(int(found["y"]), int(found["m"]), int(found["d"]))


_UTC = re.compile(r"(?:Z|[+-]00:?00|UTC|GMT)\s*$")


def _first(
    markup: Markup, keys: Sequence[str], fields: tuple[str, ...]
) -> tuple[datetime.date, Declared] | None:
    order = {key: k for k, key in enumerate(keys)}
    best: tuple[int, int, datetime.date, Declared] | None = None
    for k, declared in enumerate(markup.declared):
        if declared.field not in fields:
            continue
        rank = order.get(key_of(declared))
        if rank is None or (best is not None and (rank, k) >= best[:2]):
            continue
        date = _url_date(declared.text) if _is_url(declared) else parse_declared(declared.text)
        if date is not None:
            best = (rank, k, date, declared)
    return None if best is None else (best[2], best[3])


def _all(
    markup: Markup, keys: Sequence[str], fields: tuple[str, ...]
) -> list[tuple[datetime.date, Declared]]:
    """Every declaration of `keys` with its date, in the order of `keys`."""
    order = {key: k for k, key in enumerate(keys)}
    found = []
    for k, declared in enumerate(markup.declared):
        rank = order.get(key_of(declared)) if declared.field in fields else None
        if rank is None:
            continue
        date = _url_date(declared.text) if _is_url(declared) else parse_declared(declared.text)
        if date is not None:
            found.append((rank, k, date, declared))
    return [(date, declared) for _, _, date, declared in sorted(found, key=lambda x: x[:2])]


def date_of(page: Page, markup: Markup | None) -> DateFact:
    """The page's date from its text and, when given, its markup (see the module's
    docstring)."""
    printed = text_dates(page)
    text = date_from_text(page, printed)
    if markup is None:
        return text
    strong = _first(markup, PUBLISHED_KEYS, ("date",))
    weak = _first(markup, WEAK_PUBLISHED_KEYS, ("date",))
    modified = _first(markup, UPDATED_KEYS, ("updated",))
    updated = text.updated if modified is None else modified[0]
    update_evidence: tuple[Source, ...] = tuple(e for e in text.evidence if e.field == "updated")
    if modified is not None:
        update_evidence = (_as(modified[1], "updated"),)
    if strong is None and text.value is None and weak is None:
        if modified is None:
            return DateFact(
                reason="neither the text nor the markup gives a calendar date of the page"
            )
        return DateFact(
            value=modified[0],
            updated=modified[0],
            inferred=True,
            rule="markup-updated-only",
            reason="the markup declares only the date of the last update: the publication "
            "date is that day or before",
            evidence=update_evidence,
        )
    if strong is None:
        if text.value is not None:
            declared_dates = _all(markup, WEAK_PUBLISHED_KEYS, ("date",))
            every = text_dates(page, every=True) if declared_dates else []
            corroborated = [
                (p, d)
                for p in sorted(every, key=_rank)
                if p.short and abs(p.distance) <= CORROBORATION_LINES
                for date, d in declared_dates
                if date == p.date
            ]
            if corroborated and corroborated[0][0].date != text.value:
                p, d = corroborated[0]
                return DateFact(
                    value=p.date,
                    updated=updated,
                    rule="text-declared",
                    reason=(
                        f"printed {_where(p)} and declared by {d.path}, which corroborates it "
                        f"over the date printed nearest the headline ({text.value.isoformat()})"
                    ),
                    evidence=(_evidence(page, "date", p), _as(d, "date"), *update_evidence),
                    conflicts=_text_only(text, "date"),
                )
            return _with(text, updated, update_evidence, None if weak is None else weak[1])
        assert weak is not None
        return DateFact(
            value=weak[0],
            updated=updated,
            rule="markup-" + key_of(weak[1]).replace(" ", "-"),
            reason=f"the markup declares it ({weak[1].path}); the text prints no date",
            evidence=(_as(weak[1], "date"), *update_evidence),
        )
    date, declared = strong
    if text.value == date:
        return DateFact(
            value=date,
            updated=updated,
            rule="markup-and-text",
            reason=f"declared by {declared.path} and printed on the page",
            evidence=(_as(declared, "date"), *_text_only(text, "date"), *update_evidence),
        )
    chosen = min(printed, key=_rank) if printed else None
    vote = _vote(page, markup, declared, chosen)
    if vote is not None:
        shown, support, hidden = vote
        if len(support) > len(hidden):
            return DateFact(
                value=shown.date,
                updated=updated,
                inferred=shown.marker == "updated",
                rule="text-corroborated",
                reason=(
                    f"printed {_where(shown)} and declared by {len(support) - 1} other "
                    f"kind{'s' if len(support) != 2 else ''} of markup ({_kinds(support)}): "
                    f"more kinds of source than {declared.path}'s {date.isoformat()} has "
                    f"({_kinds(hidden)})"
                ),
                evidence=(
                    _evidence(page, "date", shown),
                    *(_as(d, "date") for d in support.values() if d is not None),
                    *update_evidence,
                ),
                conflicts=tuple(_as(d, "date") for d in hidden.values() if d is not None)
                + (_text_only(text, "date") if shown.date != text.value else ()),
            )
        if len(support) < len(hidden):
            chosen = None  # the declared date has more kinds of source: it stays
    if (
        chosen is not None
        and text.value is not None
        and chosen.marker == "published"
        and abs((text.value - date).days) == 1
        and _UTC.search(declared.text)
    ):
        return DateFact(
            value=text.value,
            updated=updated,
            rule="text-local-date",
            reason=(
                f"the page prints it as its publication date; the markup's {declared.path} "
                f"({declared.text}) is a time in UTC, a day away"
            ),
            evidence=(*_text_only(text, "date"), *update_evidence),
            conflicts=(_as(declared, "date"),),
        )
    conflicts: tuple[Source, ...] = _text_only(text, "date") if text.value is not None else ()
    return DateFact(
        value=date,
        updated=updated,
        rule="markup-" + key_of(declared).replace(" ", "-"),
        reason=f"declared by {declared.path}"
        + (
            f", which wins over the date the text prints ({text.value.isoformat()})"
            if text.value is not None
            else ""
        ),
        evidence=(_as(declared, "date"), *update_evidence),
        conflicts=conflicts,
    )


CORROBORATION_LINES = 12
"""A printed date at most this many lines from the headline may outvote a declaration of
the publication date (see `_vote`): fitted by ``benchmarks/date_evidence.py`` on the
metadata benchmark (the share right is flat from 6 to 30 lines; beyond, dates printed in
comments and lists of other stories join the vote)."""

_VOTING_KEYS = frozenset((*PUBLISHED_KEYS, *WEAK_PUBLISHED_KEYS, *UPDATED_KEYS))


def _family(declared: Declared) -> str:
    """The kind of source of a declaration: ``json-ld``, ``meta``, ``microdata``,
    ``time``, ``script``, or ``url`` for a date in an address."""
    return "url" if _is_url(declared) else declared.source


Support = dict[str, Declared | None]
"""The kinds of source that give a date, each with one declaration as its evidence (None
for the printed text)."""


def _vote(
    page: Page, markup: Markup, declared: Declared, chosen: Printed | None
) -> tuple[Printed, Support, Support] | None:
    """The printed date that may outvote `declared`, with its kinds of source (``text``
    among them), and the kinds of source of `declared`'s date; None when no other date is
    printed at most `CORROBORATION_LINES` lines from the headline.

    The contenders are the text's date (`chosen`) and the dates printed on short lines,
    all at most `CORROBORATION_LINES` lines from the headline; the one with the most
    kinds of source is kept (the nearest first on a tie). Every declaration of a date of
    the page counts, of its publication or of its update (a page that shows its update
    date declares it too), except those of `declared`'s own key (one source said twice is
    one vote); the declared date has a ``text`` vote too when the page prints it (not as
    an update) that near."""
    own = key_of(declared)
    target = _url_date(declared.text) if _is_url(declared) else parse_declared(declared.text)
    dates: list[tuple[datetime.date, Declared]] = []
    for other in markup.declared:
        key = key_of(other) if other.field in ("date", "updated") else own
        if key != own and key in _VOTING_KEYS:
            value = _url_date(other.text) if _is_url(other) else parse_declared(other.text)
            if value is not None:
                dates.append((value, other))
    printed = sorted(text_dates(page, every=True), key=_rank)
    contenders = [
        p
        for p in ([chosen] if chosen is not None else []) + [p for p in printed if p.short]
        if abs(p.distance) <= CORROBORATION_LINES
    ]
    best: tuple[Printed, Support] | None = None
    seen: set[datetime.date] = {target} if target is not None else set()
    hidden: Support = {_family(declared): declared}
    for p in contenders:
        if p.date == target and p.marker != "updated":
            hidden["text"] = None  # the page prints the declared date too
        if p.date in seen:
            continue
        seen.add(p.date)
        support: Support = {"text": None}
        for value, other in dates:
            if value == p.date:
                support.setdefault(_family(other), other)
        if best is None or len(support) > len(best[1]):
            best = (p, support)
    if best is None:
        return None
    for value, other in dates:
        if value == target:
            hidden.setdefault(_family(other), other)
    return best[0], best[1], hidden


def _kinds(sources: dict[str, Declared | None]) -> str:
    return ", ".join(sorted(sources))


def _as(declared: Declared, field: str) -> Declared:
    return declared if declared.field == field else Declared(field, *_rest(declared))


def _rest(declared: Declared) -> tuple[str, str, str]:
    return declared.source, declared.path, declared.text


def _text_only(fact: DateFact, field: str) -> tuple[Source, ...]:
    return tuple(e for e in fact.evidence if e.field == field)


def _with(
    text: DateFact,
    updated: datetime.date | None,
    update_evidence: tuple[Source, ...],
    weak: Declared | None,
) -> DateFact:
    """The text's date, with a weak declaration as support or as a conflict."""
    reason = text.reason
    support: tuple[Source, ...] = ()
    conflicts: tuple[Source, ...] = ()
    if weak is not None:
        if parse_declared(weak.text) == text.value:
            support = (_as(weak, "date"),)
            reason += f"; the markup declares it too ({weak.path})"
        else:
            conflicts = (_as(weak, "date"),)
            reason += f", which wins over a generic declaration ({weak.path}: {weak.text})"
    return DateFact(
        value=text.value,
        updated=updated,
        inferred=text.inferred,
        rule=text.rule,
        reason=reason,
        evidence=(*_text_only(text, "date"), *support, *update_evidence),
        conflicts=(*conflicts, *text.conflicts),
    )
