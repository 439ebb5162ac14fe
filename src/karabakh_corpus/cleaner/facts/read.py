"""A page's facts from its raw text, the cleaner's regions and, for HTML, its markup.

`read_facts` is the one entry: ``read_facts(raw, regions, markup=None)`` returns a `Facts`
record. Each field is read by its own module (`dating`, `bylines` and `names`, `outlets`,
`places`, `wires`, `titles`) and where sources compete a stated order decides:

- date: see `dating`;
- authors: the byline nearest above the body's first paragraph among those a marker opens
  ("By", "Von"), else the nearest line of bare names; from markup, the JSON-LD story's
  authors, then ``<meta>`` authors, then the text's byline. An agency is never an author
  (it is the wire), nor is a newsroom ("VOA News");
- outlet: markup's ``og:site_name``, the JSON-LD publisher, other tags, then the text
  (see `outlets`);
- dateline: the text's (see `places`), then a JSON-LD ``dateline``;
- wire: the agency of the byline, then of the dateline, then of the markup (a JSON-LD
  author or source organization that is an agency), then of a credit line (see `wires`);
- title: see `titles`.

Never raises on text: any `str` with its regions gives facts, and a field without a value
says why. Regions that are not lines of `raw` in order raise `DataFormatError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from karabakh_corpus.cleaner.facts.agencies import agency_of
from karabakh_corpus.cleaner.facts.bylines import Byline, find_bylines
from karabakh_corpus.cleaner.facts.dates import make_date
from karabakh_corpus.cleaner.facts.dating import date_of
from karabakh_corpus.cleaner.facts.markup import read_markup
from karabakh_corpus.cleaner.facts.names import is_person, split_names
from karabakh_corpus.cleaner.facts.outlets import expand, find_outlets
from karabakh_corpus.cleaner.facts.page import LineLike, Lines, Page
from karabakh_corpus.cleaner.facts.places import Dateline, find_dateline
from karabakh_corpus.cleaner.facts.titles import title_of
from karabakh_corpus.cleaner.facts.types import (
    DateFact,
    Declared,
    Facts,
    Markup,
    NamesFact,
    Source,
    TextFact,
)
from karabakh_corpus.cleaner.facts.wires import find_credits
from karabakh_corpus.schema import Evidence

__all__ = ["read_facts"]


def read_facts(
    raw: str,
    regions: Lines | Iterable[LineLike],
    markup: Markup | str | object | None = None,
    *,
    url: str | None = None,
) -> Facts:
    """The facts of a page: its raw text, its regions (every line with its category, as
    `karabakh_corpus.Cleaned.regions`), and, for an HTML page, its markup (a `Markup`, the
    HTML as a `str`, or a tree lxml parsed). `url`, when given, dates a page that prints
    and declares no date (the date is then inferred)."""
    page = Page(raw, regions)
    if markup is not None and not isinstance(markup, Markup):
        markup = read_markup(markup)
    # (the date first: the lines near the headline it finds undated, the bylines need not
    # read again)
    date = date_of(page, markup)
    bylines = find_bylines(page)
    chosen = _chosen_byline(page, bylines)
    dateline = find_dateline(page)
    if date.value is None and url is not None:
        date = _from_url(url, date)
    return Facts(
        date=date,
        authors=_authors(page, chosen, markup),
        outlet=_outlet(page, bylines, markup),
        dateline=_dateline(page, dateline, markup),
        wire=_wire(page, chosen, dateline, markup),
        title=title_of(page, markup),
    )


# -- authors -----------------------------------------------------------------------------------


def _chosen_byline(page: Page, bylines: Sequence[Byline]) -> Byline | None:
    """The story's byline: of the bylines a marker opens, the nearest above the body's first
    paragraph (a site's poster line stands higher, the story's byline just above the
    story); else the line of bare names nearest the headline."""
    explicit = [b for b in bylines if b.explicit]
    if explicit:
        body = page.body if page.body >= 0 else len(page.spans)
        return min(explicit, key=lambda b: (b.line >= body, abs(body - b.line), b.line))
    bare = [b for b in bylines if b.names]
    if bare:
        return min(bare, key=lambda b: (abs(b.distance), b.distance < 0))
    return None


def _authors(page: Page, byline: Byline | None, markup: Markup | None) -> NamesFact:
    text = _authors_from_text(page, byline)
    if markup is None:
        return text
    for field_source in (("json-ld",), ("meta", "microdata", "html")):
        declared = [d for d in markup.of("authors") if d.source in field_source]
        if field_source == ("json-ld",):
            declared = [d for d in declared if d.path.split(".", 1)[0].lower() != "webpage"]
        names: list[str] = []
        evidence: list[Source] = []
        for d in declared:
            if "[Organization]" in d.path or d.text.startswith(("http://", "https://")):
                continue
            for name in _declared_names(d.text):
                if name.casefold() not in {n.casefold() for n in names}:
                    names.append(name)
                    evidence.append(d)
        if names:
            agree = {n.casefold() for n in names} == {n.casefold() for n in text.value}
            first = declared[0].path
            return NamesFact(
                value=tuple(names),
                rule="markup-and-byline" if agree else f"markup-{field_source[0]}",
                reason=f"declared by {first}" + (" and printed in the byline" if agree else ""),
                evidence=tuple(evidence) + (text.evidence if agree else ()),
                conflicts=() if agree else text.evidence,
            )
    return text


def _declared_names(value: str) -> list[str]:
    """The person names in a declared author value ("Jane Doe, John Roe", "By Jane Doe")."""
    value = re.sub(r"^\s*(?:by|von|par|por)\s+", "", value, flags=re.IGNORECASE)
    if is_person(value):
        return [value.strip()]
    return [n.text for n in split_names(value)]


def _authors_from_text(page: Page, byline: Byline | None) -> NamesFact:
    if byline is None:
        return NamesFact(reason="no author line near the headline")
    names = tuple(n.text for n in byline.names)
    if not names:
        if byline.agencies:
            return NamesFact(
                reason=f"the byline credits the agency {byline.agencies[0][0]}, not a person"
            )
        return NamesFact(reason="the byline names a newsroom, not a person")
    return NamesFact(
        value=names,
        rule="byline" if byline.explicit else "names-near-headline",
        reason=(
            f"the author line {_where(byline.distance)}"
            if byline.explicit
            else f"a line of names beside the date, {_where(byline.distance)}"
        ),
        evidence=tuple(page.evidence("authors", n.start, n.end) for n in byline.names),
    )


def _where(distance: int) -> str:
    if distance == 0:
        return "on the headline's line"
    side = "below" if distance > 0 else "above"
    return f"{abs(distance)} line{'s' if abs(distance) != 1 else ''} {side} the headline"


# -- outlet, dateline, wire --------------------------------------------------------------------

_OUTLET_KEYS = (
    'meta[property="og:site_name"]',
    "publisher",
    'meta[name="application-name"]',
    'meta[name="publisher"]',
    'meta[name="dc.publisher"]',
    'meta[property="article:publisher"]',
)


def _outlet(page: Page, bylines: Sequence[Byline], markup: Markup | None) -> TextFact:
    if markup is not None:
        order = {key: k for k, key in enumerate(_OUTLET_KEYS)}

        def key(d: Declared) -> str:
            return d.path.split(".")[1].split("[")[0] if d.source == "json-ld" else d.path

        declared = sorted(
            (
                d
                for d in markup.of("outlet")
                if key(d) in order and not d.text.startswith(("http://", "https://"))
            ),
            key=lambda d: order[key(d)],
        )
        if declared:
            d = declared[0]
            return TextFact(
                value=expand(d.text),
                rule="markup-" + (key(d).split('"')[1] if '"' in key(d) else "json-ld-" + key(d)),
                reason=f"declared by {d.path}",
                evidence=(d,),
                conflicts=tuple(x for x in declared[1:] if expand(x.text) != expand(d.text))[:3],
            )
    staff = [b.staff for b in bylines if b.staff is not None]
    named = find_outlets(page, staff)
    if not named:
        return TextFact(reason="the page does not name its outlet")
    best = named[0]
    printed = page.raw[best.start : best.end]
    value = expand(printed)
    rivals = tuple(
        page.evidence("outlet", n.start, n.end)
        for n in named[1:]
        if expand(page.raw[n.start : n.end]) != value
    )
    how = {
        "self-description": "what the site says of itself",
        "byline-newsroom": "the newsroom the byline names",
        "copyright": "the holder of the page's copyright",
        "title-line": "the name after the headline on the page's title line",
    }[best.rule]
    return TextFact(
        value=value,
        rule=best.rule,
        reason=how + (", a short name" if value != " ".join(printed.split()) else ""),
        evidence=(page.evidence("outlet", best.start, best.end),),
        conflicts=rivals[:3],
    )


def _dateline(page: Page, found: Dateline | None, markup: Markup | None) -> TextFact:
    if found is not None:
        return TextFact(
            value=found.place,
            rule="dateline",
            reason="the place that opens the story",
            evidence=(page.evidence("dateline", found.start, found.end),),
        )
    if markup is not None:
        declared = markup.of("dateline")
        if declared:
            return TextFact(
                value=declared[0].text,
                rule="markup-dateline",
                reason=f"declared by {declared[0].path}",
                evidence=(declared[0],),
            )
    return TextFact(reason="the story opens without a place")


def _wire(
    page: Page, byline: Byline | None, dateline: Dateline | None, markup: Markup | None
) -> TextFact:
    found: list[tuple[str, str, Source]] = []
    if byline is not None:
        for code, start, end in byline.agencies:
            found.append((code, "byline", page.evidence("wire", start, end)))
    if dateline is not None and dateline.agency is not None:
        code, start, end = dateline.agency
        found.append((code, "dateline", page.evidence("wire", start, end)))
    if markup is not None:
        for d in (*markup.of("authors"), *markup.of("wire")):
            agency = agency_of(d.text)
            if agency is not None and (d.field == "wire" or not is_person(d.text)):
                found.append((agency, "markup", Declared("wire", d.source, d.path, d.text)))
    for credit in find_credits(page):
        found.append((credit.code, credit.kind, page.evidence("wire", credit.start, credit.end)))
    if not found:
        return TextFact(reason="no byline, dateline or credit line names a news agency")
    code, kind, _ = found[0]
    unique: dict[object, tuple[str, str, Source]] = {}
    for item in found:
        source = item[2]
        unique.setdefault(
            (source.start, source.end) if isinstance(source, Evidence) else source, item
        )
    found = list(unique.values())
    how = {
        "byline": "the byline credits the agency",
        "dateline": "the dateline names the agency",
        "markup": "the markup names the agency as the story's author or source",
        "credit": "a credit line names the agency",
        "copyright": "the agency holds the story's copyright",
        "contributed": "the agency contributed to the story",
    }[kind]
    return TextFact(
        value=code,
        rule=kind,
        reason=how,
        evidence=tuple(e for c, _, e in found if c == code)[:3],
        conflicts=tuple(e for c, _, e in found if c != code)[:3],
    )


# -- a date in the URL -------------------------------------------------------------------------

_URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[/_-]?(?P<m>[01]\d)[/_-]?(?P<d>[0-3]\d)(?!\d)")


def _from_url(url: str, none: DateFact) -> DateFact:
    if not isinstance(url, str):
        raise TypeError(f"url must be a str, not {type(url).__name__}")
    found = _URL_DATE.search(url)
    date = None if found is None else make_date(int(found["y"]), int(found["m"]), int(found["d"]))
    if date is None:
        return none
    return DateFact(
        value=date,
        inferred=True,
        rule="url",
        reason=f"{none.reason}; the page's URL holds the date",
        evidence=(Declared("date", "url", "url", url[:1000]),),
    )
