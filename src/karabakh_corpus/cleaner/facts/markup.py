"""What an HTML page's markup declares about the page: JSON-LD, ``<meta>`` tags,
``itemprop`` attributes, ``<time datetime>``, ``<title>`` and ``<h1>``.

`read_markup` takes a page's HTML as a `str`, or a tree lxml has already parsed (so that a
page is parsed once), and returns a `Markup`: every declaration of `tags` with its place.
It reads and never judges: which declaration wins is `read`'s business. Needs lxml (the
``html`` extra installs it); this module is imported only when HTML is read.

Bad markup gives fewer declarations, never an error: a JSON-LD script that does not
parse is skipped and named in `Markup.problems`; values are cut to `MAX_VALUE`
characters, and at most `MAX_ELEMENTS` elements of each kind are read.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterator
from typing import Any

from karabakh_corpus import _extras
from karabakh_corpus.cleaner.facts.tags import (
    ARTICLE_TYPES,
    JSON_LD_KEYS,
    META_KEYS,
    MICRODATA_KEYS,
    PAGE_TYPES,
    PUBLISHED_CLASSES,
)
from karabakh_corpus.cleaner.facts.types import Declared, Markup

__all__ = ["MAX_ELEMENTS", "MAX_VALUE", "PendingMarkup", "read_markup"]

MAX_VALUE = 1000
"""The longest value read from markup, in characters (a longer one is cut)."""
MAX_ELEMENTS = 200
"""The most elements of one kind (scripts, meta tags, time elements...) read on a page."""
_MAX_DEPTH = 12
_SPACE = re.compile(r"\s+")
_URL_KEYS = frozenset({"og:url", "og:image", "twitter:image"})
"""Addresses whose path may hold a date: the page's own, and its picture's (weakest)."""
_URL_DATE = re.compile(r"/(?:19|20)\d\d([/_-]?)[01]\d\1[0-3]\d(?:[/_.-]|$)")
_COMMENT = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")


def _clean(value: object) -> str:
    text = value if isinstance(value, str) else "" if value is None else str(value)
    return _SPACE.sub(" ", text).strip()[:MAX_VALUE]


def _parse(page: str) -> Any:
    with _extras.needs("html", "reading the facts of HTML"):
        etree = importlib.import_module("lxml.etree")
        lxml_html = importlib.import_module("lxml.html")
    body = page.strip().replace("\x00", "").encode("utf-8", "surrogatepass") or b"<html/>"
    parser = lxml_html.HTMLParser(recover=True, encoding="utf-8")
    try:
        root = etree.fromstring(body, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        root = etree.fromstring(b"<html/>", parser=parser)
    return root


def _root(page: object) -> Any:
    if isinstance(page, str):
        return _parse(page)
    getroot = getattr(page, "getroot", None)
    if callable(getroot):  # an lxml ElementTree
        page = getroot()
    if hasattr(page, "iter") and hasattr(page, "get") and hasattr(page, "tag"):
        return page
    raise TypeError(
        f"read_markup() takes HTML as a str or a tree parsed by lxml, not {type(page).__name__}"
        "; decode bytes first (karabakh_corpus.html.decode_html)"
    )


_TAGS = ("script", "meta", "time", "title", "h1", "link")
"""The elements the reader looks at, found in one walk of the tree: the scripts (JSON-LD),
the ``<meta>`` tags, ``<time>``, ``<title>``, ``<h1>`` and ``<link>`` (an ``itemprop`` on one
of them is read too). ``itemprop`` on other elements and ``<a rel="author">`` are not read:
on the metadata benchmark they add less than they cost (a walk of the tree each)."""


class PendingMarkup:
    """An HTML page's markup, read for its facts when they are first asked for: the parsed
    tree is kept until then. Pickled, it is read and pickled as its `Markup`."""

    __slots__ = ("_markup", "_tree")

    def __init__(self, tree: object) -> None:
        self._tree: object | None = _root(tree)
        self._markup: Markup | None = None

    def read(self) -> Markup:
        """What the markup declares (read once; the tree is then let go)."""
        if self._markup is None:
            self._markup = read_markup(self._tree)
            self._tree = None
        return self._markup

    def __reduce__(self) -> tuple[type[Markup], tuple[Any, ...]]:
        markup = self.read()
        return Markup, (markup.declared, markup.problems)


def read_markup(page: object) -> Markup:
    """What the markup of `page` (HTML as a `str`, an lxml tree, or a `PendingMarkup`)
    declares, in the order: JSON-LD, ``<meta>`` tags, ``itemprop`` attributes, ``<time>``,
    ``<title>`` and the first ``<h1>``, the canonical address and author links."""
    if isinstance(page, PendingMarkup):
        return page.read()
    if isinstance(page, Markup):
        return page
    root = _root(page)
    found: dict[str, list[Any]] = {}
    for element in root.iter(*_TAGS):
        tag = element.tag if isinstance(element.tag, str) else ""
        kind = "itemprop" if element.get("itemprop") is not None and tag != "meta" else tag
        bucket = found.setdefault(kind, [])
        if len(bucket) < MAX_ELEMENTS:
            bucket.append(element)
        if kind == "itemprop":
            tagged = found.setdefault(tag, [])  # an itemprop element is its tag's too
            if len(tagged) < MAX_ELEMENTS:
                tagged.append(element)
    declared: list[Declared] = []
    problems: list[str] = []
    _json_ld(found.get("script", []), declared, problems)
    _meta(found.get("meta", []), declared)
    _microdata(found.get("itemprop", []), declared)
    _times(found.get("time", []), declared)
    _headings(found, declared)
    return Markup(tuple(declared), tuple(problems))


# -- JSON-LD -------------------------------------------------------------------------------


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)]


def _objects(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD document that have a type, outermost first (a ``@graph``'s
    members, a list's items, and objects nested in them)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value[:MAX_ELEMENTS]:
            yield from _objects(item, depth + 1)
    elif isinstance(value, dict):
        if _types(value):
            yield value
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement"):
            if key in value:
                yield from _objects(value[key], depth + 1)


def _names_of(value: Any, path: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    """The names in a JSON-LD value (a string, a Person or Organization, a list of them),
    each with its path; an object's type is part of its path (``author[Organization]``)."""
    if depth > 3:
        return
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for item in value[:50]:
            yield from _names_of(item, path, depth + 1)
    elif isinstance(value, dict):
        kinds = _types(value)
        where = f"{path}[{kinds[0]}]" if kinds else path
        name = value.get("name")
        if isinstance(name, (str, list)):
            yield from _names_of(name, f"{where}.name", depth + 1)


def _json_ld(scripts: list[Any], declared: list[Declared], problems: list[str]) -> None:
    stories: list[Declared] = []
    pages: list[Declared] = []
    for k, script in enumerate(scripts):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            _script_dates(script.text or "", declared)
            continue
        source = _COMMENT.sub("", script.text or "").strip()
        if not source:
            continue
        try:
            document = json.loads(source)
        except (ValueError, RecursionError) as exc:
            problems.append(f"JSON-LD script {k + 1} does not parse: {str(exc)[:120]}")
            continue
        for node in _objects(document):
            kinds = _types(node)
            lowered = {kind.lower() for kind in kinds}
            if lowered & ARTICLE_TYPES:
                target = stories
            elif lowered & PAGE_TYPES:
                target = pages
            else:
                continue
            for key, field in JSON_LD_KEYS.items():
                if key not in node:
                    continue
                value = node[key]
                path = f"{kinds[0]}.{key}"
                if field in ("authors", "outlet", "wire"):
                    for where, name in _names_of(value, path):
                        if _clean(name):
                            target.append(Declared(field, "json-ld", where, _clean(name)))
                elif isinstance(value, (str, int, float)) and _clean(value):
                    target.append(Declared(field, "json-ld", path, _clean(value)))
    scripts = [d for d in declared if d.source == "script"]
    declared[:] = [d for d in declared if d.source != "script"]
    declared += stories + pages + scripts


_SCRIPT_DATE = re.compile(
    r'"(?P<key>datePublished|published_at|publishedAt|publish_date|publishDate|pubDate|'
    r'date_published|firstPublished|first_published_at)"\s*:\s*"(?P<value>[^"]{8,40})"'
)


def _script_dates(source: str, declared: list[Declared]) -> None:
    """The first publication date a page's other scripts hold as JSON ("published_at")."""
    found = _SCRIPT_DATE.search(source[:200_000])
    if found is not None and not any(d.source == "script" for d in declared):
        declared.append(Declared("date", "script", f'script "{found["key"]}"', found["value"]))


# -- meta tags and microdata ---------------------------------------------------------------


def _meta(metas: list[Any], declared: list[Declared]) -> None:
    for meta in metas:
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attribute) or "").strip().lower()
            field = META_KEYS.get(key)
            if key in _URL_KEYS and _URL_DATE.search(meta.get("content") or ""):
                field = "date"
            if field is None:
                continue
            content = _clean(meta.get("content"))
            if content:
                declared.append(Declared(field, "meta", f'meta[{attribute}="{key}"]', content))
            break


def _text_of(element: Any) -> str:
    try:
        return _clean(element.text_content())
    except (AttributeError, ValueError):
        return _clean(element.text)


def _microdata(elements: list[Any], declared: list[Declared]) -> None:
    for element in elements:
        for prop in (element.get("itemprop") or "").split():
            field = MICRODATA_KEYS.get(prop)
            if field is None:
                continue
            value = element.get("datetime") or element.get("content")
            if value is None and field in ("authors", "outlet"):
                named = element.xpath('.//*[@itemprop="name"]')
                value = (named[0].get("content") or _text_of(named[0])) if named else None
            if value is None:
                value = _text_of(element)
            if _clean(value):
                tag = element.tag if isinstance(element.tag, str) else "element"
                declared.append(
                    Declared(field, "microdata", f'{tag}[itemprop="{prop}"]', _clean(value))
                )


def _times(times: list[Any], declared: list[Declared]) -> None:
    for element in times:
        value = _clean(element.get("datetime"))
        if not value:
            continue
        classes = (element.get("class") or "").lower()
        marked = element.get("pubdate") is not None or any(w in classes for w in PUBLISHED_CLASSES)
        in_article = bool(element.xpath("ancestor::article"))
        path = "time[datetime]"
        if marked:
            path = "time[pubdate]"
        elif in_article:
            path = "article time[datetime]"
        declared.append(Declared("date", "time", path, value))


def _headings(found: dict[str, list[Any]], declared: list[Declared]) -> None:
    for element in found.get("title", []):
        if element.xpath("ancestor::svg"):
            continue
        text = _text_of(element)
        if text:
            declared.append(Declared("title", "html", "title", text))
        break
    for element in found.get("h1", []):
        text = _text_of(element)
        if text:
            declared.append(Declared("title", "html", "h1", text))
            break
    links = found.get("link", [])
    for element in [e for e in links if (e.get("rel") or "").lower() == "canonical"][:1]:
        href = _clean(element.get("href"))
        if _URL_DATE.search(href):
            declared.append(Declared("date", "html", 'link[rel="canonical"]', href))
    for element in links:
        if (element.get("rel") or "").lower() != "author":
            continue
        text = _text_of(element)
        if text:
            declared.append(Declared("authors", "html", 'a[rel="author"]', text))
