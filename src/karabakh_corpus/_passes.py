"""The labelling passes of the cleaner: each reads a page's lines and changes some labels.

A page is labelled in steps (`karabakh_corpus.clean.Cleaner`): rules and shapes label some
lines, then these passes, in order, each changing only what its docstring says. `labels[i]`
is ``(category, reason)`` for line ``i``, or None while undecided; a pass only ever turns an
undecided line into a decided one, except where its docstring says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from karabakh_corpus._model import LineFacts
from karabakh_corpus._rules import Rule
from karabakh_corpus.schema import Category

__all__ = [
    "BLOCKS",
    "METADATA",
    "OUTSIDE",
    "RULE_CHARS",
    "Label",
    "after_headings",
    "captions",
    "headings",
    "is_headline",
    "is_standfirst",
    "leads_text",
    "sandwiches",
    "title_and_summary",
]

Label: TypeAlias = tuple[Category, str]
"""A line's label: its category and the reason (a rule, a feature or a pass)."""

METADATA = frozenset({Category.BYLINE, Category.DATELINE, Category.CREDIT_LINE, Category.CAPTION})
"""Metadata categories: a first body line cut off by them is a standfirst."""
RULE_CHARS = 1000
"""Rules are tried on lines of at most this many characters (boilerplate is short)."""
OUTSIDE: Label = (Category.BOILERPLATE, "outside-body")
"""The label of a line outside the body that nothing else decided (compared by identity)."""
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


def captions(lines: Sequence[str], labels: list[Label | None], facts: Sequence[LineFacts]) -> None:
    """Label caption pairs: a picture's alternative text next to its caption.

    Two neighbouring lines are a pair when one starts with (or holds) the other, or when they
    share a long opening; when one of them is already a caption, the other joins it.
    Changes: undecided lines of a pair become ``(CAPTION, "caption-pair")``.
    """
    for i in range(len(lines) - 1):
        if facts[i].words < 2 or facts[i + 1].words < 2:
            continue
        a, b = lines[i], lines[i + 1]
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        shared = len(short) >= 40 and a[:40] == b[:40]
        if not shared:
            # without a shared opening, only a caption next to an undecided line makes a
            # pair: test that before the (costlier) containment
            first, second = labels[i], labels[i + 1]
            if not (
                (first is None and second is not None and second[0] is Category.CAPTION)
                or (second is None and first is not None and first[0] is Category.CAPTION)
            ):
                continue
            if not (len(long_) <= RULE_CHARS and short.lower() in long_.lower()):
                continue
        for k, other in ((i, i + 1), (i + 1, i)):
            neighbour = labels[other]
            if labels[k] is None and (
                shared or (neighbour is not None and neighbour[0] is Category.CAPTION)
            ):
                labels[k] = (Category.CAPTION, "caption-pair")


def sandwiches(labels: list[Label | None], facts: Sequence[LineFacts]) -> None:
    """Give a line between two lines of the same block category that category.

    Changes: an undecided line between two (non-blank) lines of one `BLOCKS` category
    becomes ``(that category, "between-REASON")``.
    """
    decided = [i for i, f in enumerate(facts) if not f.empty]
    for k in range(1, len(decided) - 1):
        here = decided[k]
        a, b = labels[decided[k - 1]], labels[decided[k + 1]]
        if labels[here] is not None or a is None or b is None:
            continue
        if a[0] is b[0] and a[0] in BLOCKS:
            labels[here] = (a[0], f"between-{a[1]}")


def headings(
    labels: list[Label | None],
    facts: Sequence[LineFacts],
    prob: Sequence[float],
    body: float,
) -> None:
    """Headings open blocks: the short lines after one that are not running text inherit.

    Changes: the undecided lines after a line a heading rule matched, up to the first
    decided line, running text (probability at least `body`) or line of over 40 words,
    become ``(the rule's category, "after-RULE")``.
    """
    n = len(labels)
    for i, fact in enumerate(facts):
        rule = fact.rule
        if rule is None or not rule.heading:
            continue
        inherited = (rule.category, f"after-{rule.name}")
        j = i + 1
        while j < n:
            if facts[j].empty:
                j += 1
                continue
            if labels[j] is not None or prob[j] >= body or facts[j].words > 40:
                break
            labels[j] = inherited
            j += 1


def after_headings(labels: list[Label], facts: Sequence[LineFacts]) -> None:
    """Outside the body, lines after a heading take its category until the body resumes.

    Bylines and datelines in such a block (the teasers of a related-stories list) take the
    block's category too. Changes: those `OUTSIDE`, byline and dateline labels become
    ``(the heading rule's category, "after-RULE")``; the only pass that relabels lines.
    """
    heading: Rule | None = None
    for i, (cat, _rule) in enumerate(labels):
        rule = facts[i].rule
        if rule is not None and rule.heading:
            heading = rule
        elif cat is Category.PARAGRAPH:
            heading = None
        elif heading is not None and (
            labels[i] is OUTSIDE or cat in (Category.BYLINE, Category.DATELINE)
        ):
            labels[i] = (heading.category, f"after-{heading.name}")


def leads_text(
    i: int, labels: Sequence[Label | None], prob: Sequence[float], body: float, stop: int
) -> bool:
    """True if the next undecided line of the body after `i` is running text (its text
    probability at least `body`); changes nothing."""
    for j in range(i + 1, stop):
        if labels[j] is None:
            return prob[j] >= body
    return False


def title_and_summary(
    lines: Sequence[str], labels: list[Label], facts: Sequence[LineFacts]
) -> None:
    """Label the headline and the standfirst above the body.

    Walking up from the first body line past lines that rules or shapes labelled, the first
    line left outside the body is the standfirst if it reads like one (a long line) and the
    headline if it is shaped like one; above a standfirst, the next such line is the
    headline. Without a headline there is no standfirst. When the headline sits right above
    the body and the first body line is cut off from the rest of the body by metadata lines
    (byline, dateline, credit, caption), that first line is the standfirst. Only lines the
    body does not hold become headline or standfirst, except that first line, which needs a
    headline outside the body: a text that is all body (a cleaned text) keeps every line.
    Changes: one `OUTSIDE` line becomes ``(TITLE, "headline")`` and one ``(SUMMARY,
    "standfirst")``, or the first body line ``(SUMMARY, "standfirst-before-metadata")``.
    """
    body = [i for i, (cat, _r) in enumerate(labels) if cat is Category.PARAGRAPH]
    if not body:
        return
    first = body[0]
    summary = title = None
    k = first - 1
    while k >= 0:
        if labels[k] is not OUTSIDE:
            k -= 1
            continue
        if summary is None and is_standfirst(lines[k], facts[k].words):
            summary = k
            k -= 1
            continue
        if is_headline(lines[k], facts[k].words):
            title = k
        break
    if title is None and summary is not None and is_headline(lines[summary], facts[summary].words):
        title, summary = summary, None
    if title is None:
        return
    labels[title] = (Category.TITLE, "headline")
    if summary is not None:
        labels[summary] = (Category.SUMMARY, "standfirst")
    elif len(body) > 1 and facts[first].words >= 8:
        between = [labels[j][0] for j in range(first + 1, body[1])]
        if any(c in METADATA for c in between):
            labels[first] = (Category.SUMMARY, "standfirst-before-metadata")


def is_headline(line: str, words: int) -> bool:
    """Whether a line outside the body is shaped like a headline."""
    return 2 <= words <= 30 and (not line.endswith((".", ":")) or line.endswith(".."))


def is_standfirst(line: str, words: int) -> bool:
    """Whether a line outside the body reads like a standfirst."""
    return words >= 12 and not line.endswith(":")
