"""The passes that read an HTML page's markup: regions of furniture, the markup's score of
each line, and the headline the markup names.

On the HTML path (`karabakh_corpus.cleaner.core.Cleaner.clean_markup`) each line of the
page knows what its markup says of it (`Page.markup`, `MarkupFacts`); on the text path
`Page.markup` is None and these passes change nothing, so that the text path's output is
what it was without them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from karabakh_corpus.cleaner.markup_facts import MARKUP_FEATURES, MarkupFacts
from karabakh_corpus.cleaner.page import Label, Page, line_facts
from karabakh_corpus.cleaner.thresholds import Thresholds
from karabakh_corpus.schema import Category

__all__ = ["REGION_CATEGORIES", "markup_headline", "markup_regions", "markup_stage"]

REGION_CATEGORIES: Mapping[str, Category] = MappingProxyType(
    {
        "nav": Category.NAVIGATION,
        "footer": Category.BOILERPLATE,
        "aside": Category.BOILERPLATE,
        "hidden": Category.BOILERPLATE,
        "head": Category.BOILERPLATE,
    }
)
"""The category of a line decided by the kind of its region (`markup_regions`)."""


def markup_regions(page: Page, thresholds: Thresholds) -> None:
    """Decide the lines of small regions of furniture as their region's category.

    A region is the outermost ``nav``, ``footer`` or ``aside`` element, hidden element or
    the page's ``<head>`` around a line (`MarkupFacts.region`); when it holds less than
    `region_share` of the page's text, each of its undecided lines is decided as the
    region's category (`REGION_CATEGORIES`), with the reason ``markup-region`` and the
    region for its rule (``"markup-nav body>nav.menu"``), as a rule's line is: its facts say so
    too. (A page wrapped whole in an ``<aside>`` is not furniture.)

    Reads: `markup`, `facts`, `labels`. Changes: `facts` and `labels`, of those lines.
    """
    marks = page.markup
    share = thresholds.region_share
    if marks is None or share <= 0.0:
        return
    facts = page.facts
    labels = page.labels
    changed = None
    for i, mark in enumerate(marks):
        region = mark.region
        if region is None or mark.share >= share or labels[i] is not None:
            continue
        f = facts[i]
        if f.empty:
            continue
        label: Label = (REGION_CATEGORIES[region.partition(" ")[0]], f"markup-{region}")
        if changed is None:
            changed = list(facts)  # (the page's own list may be shared: never changed in place)
        changed[i] = line_facts(f.score, f.words, f.rule, label, False, f.shape)
        labels[i] = label
    if changed is not None:
        page.facts = changed


def markup_stage(page: Page, thresholds: Thresholds) -> None:
    """Add each line's markup score (`MarkupFacts.score`: its markup features weighed by
    `markup`) to its first-stage logit.

    Reads: `markup`, `logits`. Changes: `logits`.
    """
    marks = page.markup
    if marks is None:
        return
    page.logits = [z + mark.score for z, mark in zip(page.logits, marks, strict=True)]


_ALL_LINK = MARKUP_FEATURES.index("all_link")
"""Where a line's row (`MarkupFacts.row`) says whether all of its text is in links."""
_IN_HEADING = MARKUP_FEATURES.index("in_heading")


def _headline_rank(mark: MarkupFacts) -> int:
    """How surely a line that repeats the page's title is its headline, by its markup: in a
    heading (2), named as the headline (`MarkupFacts.headline`: 1), both (3), neither (0)."""
    return 2 * int(mark.row[_IN_HEADING]) + int(mark.headline)


def markup_headline(page: Page, thresholds: Thresholds) -> None:
    """On a page without a line that repeats its title, or whose line that does is the name
    of the site the page declares (`MarkupFacts.site`: "Site" of a title "Headline | Site"
    whose headline no line repeats), take the first headline the markup names (a line of
    the page's first ``<h1>``, or one that reads as the headline it declares:
    `MarkupFacts.headline`) of 2 to 30 words, undecided, not the site's name and not all
    in a link (a logo's link to the front page, a "Follow" button in the ``<h1>``), as the
    title line; none if there is no such line.

    On a page whose title line is found, another line of the same words (ignoring case),
    not all in a link, is the title line when its markup says more surely that it is the
    headline (`_headline_rank`: in a heading, named as the headline): the first of the
    surest. A reader who quotes the headline in a comment, or a box that repeats it, is
    followed by more text than the headline may be; the heading is the headline.

    Reads: `markup`, `title`, `facts`. Changes: `title`.
    """
    marks = page.markup
    if marks is None:
        return
    title = page.title
    if title >= 0 and not marks[title].site:
        # the same words in a heading, or where the markup names the headline, are the
        # headline: a quotation or a teaser of it is not
        line = page.lines[title].casefold()
        best, rank = title, _headline_rank(marks[title])
        for i, mark in enumerate(marks):
            r = _headline_rank(mark)
            if r > rank and not mark.row[_ALL_LINK] and page.lines[i].casefold() == line:
                best, rank = i, r
        page.title = best
        return
    facts = page.facts
    page.title = -1
    for i, mark in enumerate(marks):
        if (
            mark.headline
            and not mark.site
            and not mark.row[_ALL_LINK]
            and facts[i].label is None
            and 2 <= facts[i].words <= 30
        ):
            page.title = i
            return
