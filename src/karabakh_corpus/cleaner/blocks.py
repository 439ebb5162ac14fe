"""The passes over blocks of lines: caption pairs, lines inside a block of one kind, and the
lines a heading opens.

A line is often known by its neighbours: a picture's alternative text repeats its caption,
a line between two lines of a cookie notice belongs to the notice, and the short lines
below "Related stories" are its teasers.
"""

from __future__ import annotations

from typing import cast

from karabakh_corpus.cleaner.page import INHERITED, OUTSIDE, Label, Page
from karabakh_corpus.cleaner.rules import Rule
from karabakh_corpus.cleaner.thresholds import (
    HEADING_BLOCK_WORDS,
    RULE_CHARS,
    SHARED_OPENING,
    Thresholds,
)
from karabakh_corpus.schema import Category

__all__ = ["BLOCKS", "after_headings", "captions", "headings", "sandwiches"]

BLOCKS = frozenset(
    {
        Category.DONATION_APPEAL,
        Category.NEWSLETTER_PROMPT,
        Category.LOGIN_PROMPT,
        Category.COOKIE_NOTICE,
        Category.LEGAL_NOTICE,
        Category.COMMENT_PROMPT,
    }
)
"""Categories whose lines come in blocks: a line between two of them belongs to the block."""


def captions(page: Page, thresholds: Thresholds) -> None:
    """Label caption pairs: a picture's alternative text next to its caption.

    Two neighbouring lines are a pair when one starts with (or holds) the other, or when they
    share a long opening (`SHARED_OPENING` characters); when one of them is already a
    caption, the other joins it.

    Reads: `lines`, `facts`, `labels`. Changes: `labels`, where undecided lines of a pair
    become ``(CAPTION, "caption-pair")``.
    """
    lines, labels, facts = page.lines, page.labels, page.facts
    caption = Category.CAPTION
    worded = [f.words >= 2 for f in facts]
    for i in range(len(lines) - 1):
        if not (worded[i] and worded[i + 1]):
            continue
        a, b = lines[i], lines[i + 1]
        # a shared opening (most neighbours differ in their first character)
        shared = (
            a[0] == b[0]
            and len(a) >= SHARED_OPENING
            and len(b) >= SHARED_OPENING
            and a[:SHARED_OPENING] == b[:SHARED_OPENING]
        )
        if not shared:
            # without a shared opening, only a caption next to an undecided line makes a
            # pair: test that before the (costlier) containment
            first, second = labels[i], labels[i + 1]
            if first is None:
                if second is None or second[0] is not caption:
                    continue
            elif second is not None or first[0] is not caption:
                continue
            short, long_ = (a, b) if len(a) <= len(b) else (b, a)
            if not (len(long_) <= RULE_CHARS and short.lower() in long_.lower()):
                continue
        for k, other in ((i, i + 1), (i + 1, i)):
            neighbour = labels[other]
            if labels[k] is None and (
                shared or (neighbour is not None and neighbour[0] is caption)
            ):
                labels[k] = (caption, "caption-pair")


def sandwiches(page: Page, thresholds: Thresholds) -> None:
    """Give a line between two lines of the same block category that category.

    Reads: `facts`, `labels`. Changes: `labels`, where an undecided line between two
    (non-blank) lines of one `BLOCKS` category becomes ``(that category,
    "between-REASON")``.
    """
    labels = page.labels
    decided = [i for i, f in enumerate(page.facts) if not f.empty]
    for k in range(1, len(decided) - 1):
        here = decided[k]
        a, b = labels[decided[k - 1]], labels[decided[k + 1]]
        if labels[here] is not None or a is None or b is None:
            continue
        if a[0] is b[0] and a[0] in BLOCKS:
            labels[here] = (a[0], f"between-{a[1]}")


def headings(page: Page, thresholds: Thresholds) -> None:
    """Headings open blocks: the short lines after one that are not running text inherit.

    Reads: `facts`, `labels`, `prob`, `title`. Changes: `labels`, where the undecided lines
    after a line a heading rule matched, up to the first decided line, running text
    (probability at least `body`), line of over `HEADING_BLOCK_WORDS` words or the title
    line (it opens the article), become ``(the rule's category, "after-RULE")``.
    """
    labels, facts, prob, title = page.labels, page.facts, page.prob, page.title
    body = thresholds.body
    n = len(labels)
    for i, fact in enumerate(facts):
        rule = fact.rule
        if rule is None or not rule.heading:
            continue
        inherited = (rule.category, f"{INHERITED}{rule.name}")
        j = i + 1
        while j < n:
            if facts[j].empty:
                j += 1
                continue
            if (
                labels[j] is not None
                or prob[j] >= body
                or facts[j].words > HEADING_BLOCK_WORDS
                or j == title
            ):
                break
            labels[j] = inherited
            j += 1


def after_headings(page: Page, thresholds: Thresholds) -> None:
    """Outside the body, lines after a heading take its category until the body resumes.

    Bylines and datelines in such a block (the teasers of a related-stories list) take the
    block's category too.

    Reads: `facts`, `labels` (every line decided). Changes: `labels`, where those
    `OUTSIDE`, byline and dateline labels become ``(the heading rule's category,
    "after-RULE")``; with `title_and_summary`, the only pass that relabels decided lines.
    """
    labels, facts = cast("list[Label]", page.labels), page.facts
    heading: Rule | None = None
    # nothing changes above the first heading: the walk starts at it
    first = next(
        (i for i, f in enumerate(facts) if f.rule is not None and f.rule.heading), len(facts)
    )
    for i in range(first, len(labels)):
        cat = labels[i][0]
        rule = facts[i].rule
        if rule is not None and rule.heading:
            heading = rule
        elif cat is Category.PARAGRAPH:
            heading = None
        elif heading is not None and (
            labels[i] is OUTSIDE or cat in (Category.BYLINE, Category.DATELINE)
        ):
            labels[i] = (heading.category, f"{INHERITED}{heading.name}")
