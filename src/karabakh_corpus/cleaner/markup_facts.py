"""What an HTML page's markup says of each of its lines: the markup features the cleaner
weighs, the region of furniture a line sits in, and whether it is the page's headline.

`read_markup_facts` reads them from a page's `karabakh_corpus.cleaner.markup.Markup` (the
rendering and the element each line comes from), one `MarkupFacts` per line, once per page:

- the features of `MARKUP_FEATURES`: the share of the line's text in links, its block's
  links and text density, whether it lies in the element that holds the page's running
  text, the kinds of element around it (``nav``, ``header``, ``footer``, ``aside``, hidden
  elements, forms, lists, headings, paragraphs, quotes, figures, tables, ``article`` or
  ``main``, the page's ``<head>``) and the class and id tokens around it that the fitted
  vocabulary names as the article's or as furniture. Their weights are fitted with the rest
  of the model (`karabakh_corpus.cleaner.thresholds.Thresholds.markup`); their weighted sum
  is the line's markup score, added to its first-stage logit
  (`karabakh_corpus.cleaner.markup_passes.markup_stage`);
- the region of furniture around the line: the outermost ``nav``, ``footer`` or ``aside``
  element, hidden element or the page's ``<head>`` (its ``<title>``) that holds it, named
  for a reader (``footer div#page>footer.site``), with its share of the page's text
  (`karabakh_corpus.cleaner.markup_passes.markup_regions` decides the lines of small ones);
- whether the line is a headline the markup names: a line of the page's first ``<h1>``
  that holds text, or a line that reads as a headline the page declares (JSON-LD
  ``headline``, ``og:title``: given by the caller).

On the text path a page has no markup, and none of this is read.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from karabakh_corpus.cleaner.markup import KINDS, Markup, class_tokens

__all__ = [
    "MARKUP_FEATURES",
    "REGION_KINDS",
    "TEXT_LINE",
    "TOKEN_DISTANCE",
    "MarkupFacts",
    "near_tokens",
    "read_markup_facts",
    "weigh",
]

MARKUP_FEATURES: tuple[str, ...] = (
    "link_share",  # the share of the line's text inside links
    "all_link",  # 1 if all of the line's text is inside links
    "block_links",  # the share of the text of the line's block inside links
    "block_density",  # log(1 + characters of text per element in the line's block)
    "in_container",  # 1 inside the element that holds the page's running text
    "in_nav",  # 1 inside <nav> (or role navigation or menu)
    "in_header",  # 1 inside <header> (or role banner)
    "in_footer",  # 1 inside <footer> (or role contentinfo)
    "in_aside",  # 1 inside <aside> (or role complementary)
    "in_hidden",  # 1 inside a hidden element
    "in_form",  # 1 inside a form or one of its controls
    "in_list",  # 1 inside a list item
    "in_heading",  # 1 inside a heading (<h1> to <h6>)
    "in_paragraph",  # 1 inside <p>
    "in_quote",  # 1 inside <blockquote> or <q>
    "in_figure",  # 1 inside <figure> or <figcaption>
    "in_table",  # 1 inside a table cell
    "in_article",  # 1 inside <article> or <main> (or their roles)
    "in_head",  # 1 in the page's <head> (its <title>)
    "furniture_token",  # 1 if a furniture token of the vocabulary is near the line's element
    "article_token",  # 1 if an article token of the vocabulary is near it
)
"""The markup features of a line, in the order of `MarkupFacts.row`. A feature the model's
``markup`` weights leave out weighs 0; on the text path no line has any."""

REGION_KINDS: tuple[str, ...] = ("nav", "footer", "aside", "hidden", "head")
"""The kinds of region of furniture whose small ones decide their lines (in this order when
one element is of several); ``head`` is the page's ``<head>``, whose ``<title>`` html-text
renders as the first line."""

TEXT_LINE = 80
"""A line of at least this many characters outside links is running text: the element
holding the page's running text is the parent of the blocks of such lines that collects the
most of their characters. Range: from 40 to 120 characters the element is about the same
(``benchmarks/markup_evidence.py``)."""

TOKEN_DISTANCE = 3
"""A vocabulary token counts for a line when its element or one of the elements around it
up to this many levels up carries it. Range: from 2 to 5 every development set scores the
same on the markup path (``benchmarks/constant_ranges.py``, every page, the markup weights
and vocabulary held as shipped, fitted at 3); at 1 `trafeval` loses 0.0024, at 7 `dragnet`
0.0012."""


class MarkupFacts(NamedTuple):
    """What the markup says of one line: its features (`row`, in the order of
    `MARKUP_FEATURES`), their weighted sum (`score`, under the cleaner's weights, see
    `weigh`), the region of furniture it sits in (`region`, ``KIND ELEMENT``, or None) with
    that region's share of the page's text (`share`, 1.0 without a region), whether it
    is a headline the markup names (`headline`), the site's name (`site`), and whether it
    continues the element of the line before it (`continues`)."""

    row: tuple[float, ...]
    score: float
    region: str | None
    share: float
    headline: bool
    site: bool = False
    """True if the line reads as the name of the site the page declares (``og:site_name``,
    ``application-name``, the JSON-LD publisher): a site's name is not its headline."""
    continues: bool = False
    """True if the element that holds all of the line's text holds the line before it too
    (one paragraph, cell or block of text that ``<br>`` breaks into lines), below
    ``<body>``."""


def weigh(row: Sequence[float], weights: Sequence[float]) -> float:
    """The markup score of a line: its `row` times `weights` (in the order of
    `MARKUP_FEATURES`)."""
    # (summed in the order `read_markup_facts` sums them: the line's own two, then the rest)
    rest = float(sum(map(operator.mul, row[2:], weights[2:])))
    return weights[0] * row[0] + weights[1] * row[1] + rest


_BIT: Mapping[str, int] = MappingProxyType({name: 1 << k for k, name in enumerate(KINDS)})
_KIND_BITS: tuple[int, ...] = (
    _BIT["nav"],
    _BIT["header"],
    _BIT["footer"],
    _BIT["aside"],
    _BIT["hidden"],
    _BIT["form"],
    _BIT["list"],
    _BIT["heading"],
    _BIT["paragraph"],
    _BIT["quote"],
    _BIT["figure"] | _BIT["figcaption"],
    _BIT["table"],
    _BIT["article"] | _BIT["main"],
)
"""The bits of `Markup.kinds` of the features ``in_nav`` to ``in_article``, in order."""
_REGION_BITS = (_BIT["nav"], _BIT["footer"], _BIT["aside"], _BIT["hidden"])
_ANY_REGION = _BIT["nav"] | _BIT["footer"] | _BIT["aside"] | _BIT["hidden"]
_SPACES = re.compile(r"\s+")
_PAGE_TAGS = frozenset({"body", "html"})
"""The elements whose class and id tokens are the page's, not a line's."""
_TOKEN_ROWS: tuple[tuple[float, float], ...] = ((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0))
"""The features ``furniture_token`` and ``article_token`` of each value of the flags."""


@functools.lru_cache(maxsize=4096)
def _kind_row(bits: int) -> tuple[float, ...]:
    """The features ``in_nav`` to ``in_article`` of an element of kinds `bits`."""
    return tuple(1.0 if bits & bit else 0.0 for bit in _KIND_BITS)


def _folded(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def read_markup_facts(
    markup: Markup,
    lines: Sequence[str],
    weights: Sequence[float],
    vocabulary: tuple[Collection[str], Collection[str]] = ((), ()),
    headlines: Collection[str] = (),
    site_names: Collection[str] = (),
) -> list[MarkupFacts]:
    """The `MarkupFacts` of each line of an aligned `markup` (`lines` are its normalized
    lines, as ``_textmap.split(markup.text)`` gives them), with the markup score under
    `weights` (in the order of `MARKUP_FEATURES`). `vocabulary` holds the class and id
    tokens of the article's text and of furniture; `headlines` the headlines the page
    declares and `site_names` the names of its site (both compared folded, whitespace
    collapsed)."""
    marks = markup.lines
    if len(marks) != len(lines):
        raise ValueError(f"{len(lines)} lines for a markup of {len(marks)}")
    if not markup.aligned:
        raise ValueError(f"the markup did not align ({markup.reason}): it has no facts")
    tags, chars = markup.tags, markup.chars
    page = _PageFacts(
        markup,
        chars[0] if chars else 0,
        _container(markup),
        _head(tags),
        _first_h1(tags, chars),
        vocabulary,
        tuple(weights[2:]),
    )
    declared = {_folded(h) for h in headlines if h and h.strip()}
    # (a line is folded only when its length is near a declared headline's: the hint is
    # read without folding every line of a long page)
    shortest = min(map(len, declared), default=0) * 0.8
    longest = max(map(len, declared), default=0) * 1.25
    # (only a line as long as a name is folded: a line is whitespace-normalized, as are they)
    names = [" ".join(name.split()) for name in site_names]
    sites = {name.casefold() for name in names if name}
    site_sizes = {len(name) for name in names if name}
    w_link, w_all = weights[0], weights[1]
    # what a line's element says is read once per element (the lines of a paragraph
    # share theirs); only the share of the line's text in links is the line's own
    memo: dict[int, _ElementFacts] = {}
    out = []
    previous = -1
    for mark, line in zip(marks, lines, strict=True):
        e = mark.element
        continues = e == previous and tags[e] not in _PAGE_TAGS
        previous = e
        facts = memo.get(e)
        if facts is None:
            facts = memo[e] = page.element(e, mark.block)
        tail, partial, region, region_share, in_h1, in_head = facts
        if mark.chars:
            share = mark.link_chars / mark.chars
            all_link = 1.0 if mark.link_chars >= mark.chars else 0.0
        else:
            share = all_link = 0.0
        headline = in_h1 or (
            shortest <= len(line) <= longest and not in_head and _folded(line) in declared
        )
        site = len(line) in site_sizes and _folded(line) in sites
        out.append(
            MarkupFacts(
                (share, all_link, *tail),
                w_link * share + w_all * all_link + partial,
                region,
                region_share,
                headline,
                site,
                continues,
            )
        )
    return out


class _ElementFacts(NamedTuple):
    """What an element says of the lines it holds: the features after ``all_link`` (in
    order), their weighted sum, the region of furniture around it (or None) and that
    region's share of the page's text, whether it lies in the page's first ``<h1>``, and
    whether in its ``<head>``."""

    tail: tuple[float, ...]
    partial: float
    region: str | None
    share: float
    in_h1: bool
    in_head: bool


class _PageFacts:
    """What `read_markup_facts` reads once per page, and reads of one element with it."""

    def __init__(
        self,
        markup: Markup,
        total: int,
        container: int,
        head: int,
        h1: int,
        vocabulary: tuple[Collection[str], Collection[str]],
        weights: tuple[float, ...],
    ) -> None:
        lasts = markup.lasts
        self.markup = markup
        self.total = total
        self.container = (container, lasts[container] if container >= 0 else -1)
        self.head = (head, lasts[head] if head >= 0 else -1)
        self.h1 = (h1, lasts[h1] if h1 >= 0 else -1)
        self.vocabulary = (frozenset(vocabulary[0]), frozenset(vocabulary[1]))
        self.weights = weights
        self.regions: dict[int, tuple[str | None, float]] = {}
        # each element's own tokens: whether one is furniture (bit 1), whether one is the
        # article's and not furniture (bit 2); a line has a vocabulary token near it
        # (`near_tokens`) when an element up to `TOKEN_DISTANCE` levels above it has one.
        # By element, by parent (the flags of the elements above a line's), and by
        # attribute value and values (a page repeats its class names): all hold at most
        # what the page holds, and go with it
        self.flags: dict[int, int] = {}
        self.above: dict[int, int] = {}
        self.value_flags: dict[str, int] = {}
        self.values_flags: dict[tuple[str, ...], int] = {}
        self.article_only = self.vocabulary[0] - self.vocabulary[1]

    def element(self, e: int, block: int) -> _ElementFacts:
        markup = self.markup
        chars, bits = markup.chars, markup.kinds[e]
        block_chars = chars[block]
        head, head_last = self.head
        in_head = head >= 0 and head <= e <= head_last
        article, furniture = self.vocabulary
        found = self._token_features(e) if article or furniture else (0.0, 0.0)
        tail = (
            markup.link_chars[block] / block_chars if block_chars else 0.0,
            math.log1p(block_chars / (1 + markup.lasts[block] - block)),
            1.0 if self.container[0] <= e <= self.container[1] else 0.0,
            *_kind_row(bits),
            1.0 if in_head else 0.0,
            *found,
        )
        region: str | None
        if in_head:
            region = f"head {markup.name(e)}"
            share = chars[head] / self.total if self.total else 0.0
        elif bits & _ANY_REGION:
            region, share = self._region(e)
        else:
            region, share = None, 1.0
        in_h1 = not in_head and self.h1[0] <= e <= self.h1[1]
        partial = float(sum(map(operator.mul, tail, self.weights)))
        return _ElementFacts(tail, partial, region, share, in_h1, in_head)

    def _token_features(self, e: int) -> tuple[float, float]:
        """The features ``furniture_token`` and ``article_token`` of the lines of `e`: the
        flags of its own tokens and of those of the elements above it (`TOKEN_DISTANCE`
        levels), these read once per parent: the lines of a list, or of a run of
        paragraphs, share theirs."""
        markup = self.markup
        if markup.tags[e] in _PAGE_TAGS:
            return _TOKEN_ROWS[0]
        parent = markup.parents[e]
        above = self.above.get(parent)
        if above is None:
            above = self.above[parent] = self._flags_up(parent, TOKEN_DISTANCE)
        return _TOKEN_ROWS[above | self._own_flags(e)]

    def _flags_up(self, e: int, levels: int) -> int:
        """The flags of `e` and of the elements above it, `levels` elements in all, below
        ``<body>``."""
        markup, flags = self.markup, self.flags
        tags, parents = markup.tags, markup.parents
        found = 0
        for _level in range(levels):
            if e < 0 or tags[e] in _PAGE_TAGS:
                break
            own = flags.get(e)
            if own is None:
                own = flags[e] = self._own_flags(e)
            found |= own
            e = parents[e]
        return found

    def _own_flags(self, e: int) -> int:
        """Whether a token of `e` alone is furniture (bit 1), the article's (bit 2)."""
        values = self.markup.token_values(e)
        if not values:
            return 0
        bits = self.values_flags.get(values)
        if bits is None:
            bits = 0
            known = self.value_flags
            for value in values:
                flags = known.get(value)
                if flags is None:
                    tokens = class_tokens(value)
                    flags = known[value] = (0 if self.vocabulary[1].isdisjoint(tokens) else 1) | (
                        0 if self.article_only.isdisjoint(tokens) else 2
                    )
                bits |= flags
            self.values_flags[values] = bits
        return bits

    def _region(self, e: int) -> tuple[str | None, float]:
        """The outermost region of furniture around `e`, read once per region."""
        markup = self.markup
        kinds, parents, tags = markup.kinds, markup.parents, markup.tags
        root = e
        while True:
            parent = parents[root]
            if parent < 0 or not kinds[parent] & _ANY_REGION or tags[parent] in ("body", "html"):
                break
            root = parent
        found = self.regions.get(root)
        if found is None:
            found = self.regions[root] = _region(markup, root, self.total)
        return found


def _container(markup: Markup) -> int:
    """The element that holds the page's running text: the parent of the blocks of its lines
    of at least `TEXT_LINE` characters outside links that collects the most such characters
    (-1 when the page has none)."""
    credit: Counter[int] = Counter()
    parents = markup.parents
    for line in markup.lines:
        plain = line.chars - line.link_chars
        if plain >= TEXT_LINE:
            parent = parents[line.block]
            credit[parent if parent >= 0 else line.block] += plain
    return credit.most_common(1)[0][0] if credit else -1


def _head(tags: Sequence[str]) -> int:
    """The page's ``<head>`` element (-1 if none): a child of the root, before ``<body>``."""
    for e, tag in enumerate(tags[:64]):
        if tag == "head":
            return e
        if tag == "body":
            break
    return -1


def _first_h1(tags: Sequence[str], chars: Sequence[int]) -> int:
    """The first ``<h1>`` that holds text (-1 if none)."""
    # (the h1 found by the tuple's own search: most pages have one or two, and thousands of
    # elements)
    e = -1
    while True:
        try:
            e = tags.index("h1", e + 1)
        except ValueError:
            return -1
        if chars[e]:
            return e


def near_tokens(
    markup: Markup, element: int, memo: dict[int, tuple[str, ...]] | None = None
) -> set[str]:
    """The class, id and itemprop tokens (`Markup.own_tokens`) of `element` and of the
    elements up to `TOKEN_DISTANCE` levels around it, below ``<body>`` (those of ``<body>``
    and ``<html>`` are the page's, not the line's). `memo` keeps each element's own tokens
    for the page's other lines."""
    found: set[str] = set()
    tags, parents = markup.tags, markup.parents
    memo = {} if memo is None else memo
    for _level in range(TOKEN_DISTANCE + 1):
        if element < 0 or tags[element] in ("body", "html"):
            break
        own = memo.get(element)
        if own is None:
            own = memo[element] = markup.own_tokens(element)
        found.update(own)
        element = parents[element]
    return found


def _region(markup: Markup, region: int, total: int) -> tuple[str | None, float]:
    """The region of furniture `region` (the outermost nav, footer, aside or hidden element
    around a line), named ``KIND ELEMENT``, and its share of the page's `total` text."""
    kinds, parents, tags = markup.kinds, markup.parents, markup.tags
    if tags[region] in ("body", "html"):
        return None, 1.0
    parent = parents[region]
    own = kinds[region] & ~(kinds[parent] if parent >= 0 else 0)
    kind = next(
        (name for name, bit in zip(REGION_KINDS, _REGION_BITS, strict=False) if own & bit), None
    )
    if kind is None:  # the region's kind comes from <body> or <html> (a hidden body)
        return None, 1.0
    return f"{kind} {markup.name(region)}", (markup.chars[region] / total if total else 0.0)
