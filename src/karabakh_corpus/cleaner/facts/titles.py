"""The title: the headline the cleaner found, or what the markup declares.

From the text, the line the cleaner labels the headline. From markup, in the order of
`TITLE_KEYS`; a declared title that the page's text also prints as its headline wins over
one it does not, and a ``<title>`` loses the site's name after its last separator ("Headline
| The Hill").
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType

from karabakh_corpus.cleaner.facts.page import Page
from karabakh_corpus.cleaner.facts.types import Declared, Markup, TextFact

__all__ = ["TITLE_KEYS", "title_of"]

TITLE_KEYS: tuple[str, ...] = (
    "h1",
    'meta[property="og:title"]',
    "headline",
    'meta[name="twitter:title"]',
    'meta[property="twitter:title"]',
    "title",
)
"""Where markup declares the title, most trusted first: the page's first ``<h1>``, its
Open Graph title, a story's JSON-LD ``headline``, its Twitter card, its ``<title>``."""
_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$|\s*\|\s*[^|]{2,60}$")
_QUOTES = MappingProxyType(
    str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
)


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split())


def _key(declared: Declared) -> str:
    if declared.source == "json-ld":
        return declared.path.rsplit(".", 1)[-1]
    return declared.path


def title_from_text(page: Page) -> TextFact:
    """The headline the cleaner found, whitespace normalized."""
    if page.title < 0:
        return TextFact(reason="the cleaner found no headline on the page")
    start, end = page.spans[page.title]
    return TextFact(
        value=" ".join(page.text(page.title).split()),
        rule="headline",
        reason="the line the cleaner labels the headline",
        evidence=(page.evidence("title", start, end),),
    )


def title_of(page: Page, markup: Markup | None) -> TextFact:
    """The page's title from its text and, when given, its markup."""
    text = title_from_text(page)
    if markup is None:
        return text
    order = {key: k for k, key in enumerate(TITLE_KEYS)}
    declared = sorted(
        (d for d in markup.of("title") if _key(d) in order),
        key=lambda d: order[_key(d)],
    )
    if not declared:
        return text
    printed = _flat(text.value) if text.value is not None else None
    values = []
    for d in declared:
        value = d.text
        if _key(d) == "title" and printed != _flat(value):
            value = _SUFFIX.sub("", value).strip() or value
        values.append((d, value))
    chosen = next(((d, v) for d, v in values if printed is not None and _flat(v) == printed), None)
    rule = "markup-and-text"
    if chosen is None:
        chosen = values[0]
        rule = "markup-" + _key(chosen[0]).replace('"', "").replace("[", "-").rstrip("]")
    d, value = chosen
    conflicts = tuple(x for x, v in values if _flat(v) != _flat(value))[:3]
    evidence = (d, *text.evidence) if rule == "markup-and-text" else (d,)
    return TextFact(
        value=" ".join(value.split()),
        rule=rule,
        reason=(
            f"declared by {d.path} and printed as the headline"
            if rule == "markup-and-text"
            else f"declared by {d.path}, the first of the markup's titles"
        ),
        evidence=evidence,
        conflicts=conflicts,
    )
