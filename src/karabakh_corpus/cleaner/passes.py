"""The labelling passes of the cleaner: each reads a page's lines and changes some labels.

A page is labelled in steps (`karabakh_corpus.clean.Cleaner`): rules and shapes label some
lines, then these passes, in order, each changing only what its docstring says. `labels[i]`
is ``(category, reason)`` for line ``i``, or None while undecided; a pass only ever turns an
undecided line into a decided one, except where its docstring says otherwise.
"""

from __future__ import annotations

import collections
import itertools
import math
import re
from collections.abc import Sequence
from typing import TypeAlias

from karabakh_corpus.cleaner.model import LineFacts
from karabakh_corpus.cleaner.rules import Rule
from karabakh_corpus.cleaner.thresholds import (
    BELOW_SHARE,
    BOX_LINES,
    COMMENT_LINES,
    HEADING_BLOCK_WORDS,
    LISTED,
    LOGIT_FLOOR,
    NAME_CHARS,
    NAME_WORDS,
    NAMES,
    PREFIX_WORDS,
    RULE_CHARS,
    SHARED_OPENING,
    TEXT_CHARS,
    TITLE_PIECES,
    TITLE_REACH,
)
from karabakh_corpus.schema import Category

__all__ = [
    "BLOCKS",
    "METADATA",
    "OUTSIDE",
    "Label",
    "after_headings",
    "below_title",
    "captions",
    "headings",
    "introduced_list",
    "is_headline",
    "is_standfirst",
    "leads_text",
    "sandwiches",
    "thread_start",
    "title_and_summary",
    "title_line",
]

Label: TypeAlias = tuple[Category, str]
"""A line's label: its category and the reason (a rule, a feature or a pass)."""

METADATA = frozenset({Category.BYLINE, Category.DATELINE, Category.CREDIT_LINE, Category.CAPTION})
"""Metadata categories: a first body line cut off by them is a standfirst."""
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
    caption = Category.CAPTION
    worded = [f.words >= 2 for f in facts]
    for i in range(len(lines) - 1):
        if not (worded[i] and worded[i + 1]):
            continue
        a, b = lines[i], lines[i + 1]
        # a shared opening of 40 characters (most neighbours differ in their first)
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
    title: int = -1,
) -> None:
    """Headings open blocks: the short lines after one that are not running text inherit.

    Changes: the undecided lines after a line a heading rule matched, up to the first
    decided line, running text (probability at least `body`), line of over 40 words or the
    line `title` that repeats the page's title (it opens the article), become
    ``(the rule's category, "after-RULE")``.
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
            if (
                labels[j] is not None
                or prob[j] >= body
                or facts[j].words > HEADING_BLOCK_WORDS
                or j == title
            ):
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
    lines: Sequence[str], labels: list[Label], facts: Sequence[LineFacts], title_at: int = -1
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
    When a line repeats the page's title (`title_line`, given as `title_at`) above the body,
    it is the headline, whatever labelled it, and the standfirst is looked for below it
    only; when it is the first of several body lines, it leaves the body as the headline.
    Changes: one `OUTSIDE` line becomes ``(TITLE, "headline")`` and one ``(SUMMARY,
    "standfirst")``, or the first body line ``(SUMMARY, "standfirst-before-metadata")``;
    or the line at `title_at` becomes ``(TITLE, "headline")``.
    """
    # the first two body lines are all that is read of the body
    body = list(
        itertools.islice((i for i, (cat, _r) in enumerate(labels) if cat is Category.PARAGRAPH), 2)
    )
    if not body:
        return
    first = body[0]
    summary = title = None
    if 0 <= title_at <= first:
        # the line that repeats the page's title, above the body or opening it
        if title_at == first:
            if len(body) == 1:
                return
            labels[first] = (Category.TITLE, "headline")
            return
        if labels[title_at][0].stripped:
            labels[title_at] = (Category.TITLE, "headline")
            k = first - 1
            while k > title_at:
                if labels[k] is OUTSIDE:
                    if is_standfirst(lines[k], facts[k].words):
                        labels[k] = (Category.SUMMARY, "standfirst")
                    break
                k -= 1
            return
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


_TITLE_PARTS = re.compile(
    r"\s*(?:::|[:|])\s+|\s+(?:--|[-\u00bb\u00ab\u2013\u2014\u00b7\u2022~/]|>>?)\s+|\s*\|\s*"
    r"|(?<=[?!]),\s+"
)
"""What separates a page title's parts: "Headline - Section | Site", "Site » Headline"."""
_WORD = re.compile(r"\w+")


def title_line(
    lines: Sequence[str],
    facts: Sequence[LineFacts],
    logits: Sequence[float],
    lengths: Sequence[int],
) -> int:
    """The index of the line that repeats the page's title, or -1; changes nothing.

    A scraped page opens with its HTML title, which names the article and the site
    ("Headline - Site"), and the article's own headline repeats it, one of its parts, or
    a longer form of one ("Headline, and more"). The first line is split at its separators
    (`_title_parts`: a colon may stand inside the headline too, "Report: A pays B", so
    every run of pieces is a part). The candidates are the lines after it with 2 to 30
    words that equal (ignoring case) the whole first line or one of its parts of at least
    two words, or that start with one of at least `PREFIX_WORDS` words; a part's every
    line is a candidate (a list of recent posts may name the article above it). Of these,
    the one followed by the most text is the headline (a site's name recurs in menus and
    footers; the headline opens the article): the most characters (up to 400 a line) of
    the undecided lines among the next `TITLE_REACH`, each weighed by its first-stage
    probability (`logits`) and divided by its distance in lines; but a line of another part,
    of at least as many words, that follows it within `TITLE_REACH` lines with at least
    `BELOW_SHARE` of its text is the headline ("Site: Headline": the site's name heads the
    page and the text below the headline counts for it too). Lines that start with one part,
    at least `LISTED` of them, are a list (teasers, a thread quoting the title), not
    candidates.
    """
    if len(lines) < 2:
        return -1
    first = lines[0]
    parts = {first.casefold()}
    sizes = {len(first)}
    prefixes = []
    for part in _title_parts(first):
        part = part.strip()
        words = len(_WORD.findall(part))
        if words >= 2:
            parts.add(part.casefold())
            sizes.add(len(part))
        if words >= PREFIX_WORDS:
            prefixes.append(part.casefold() + " ")
    shortest = min((len(p) for p in prefixes), default=-1)  # a longer line may start with one
    # the openings of the parts: a line that matches opens like one of them (a cheap test
    # first: the folded opening of a line is the opening of its folded whole)
    heads = {p[:_HEAD] for p in parts} | {p[:_HEAD] for p in prefixes}
    keys = {_squash(p): _edges(p) for p in parts if len(_WORD.findall(p)) >= 3}
    ends = set(keys.values())  # how the lines that may squash to a key open and end
    longest = 2 * max(sizes) + 10 if keys else 0  # the longest line that may squash to a key
    found: list[tuple[int, float, str]] = []  # the candidates, their text below, their prefix
    for i in range(1, len(lines)):
        line = lines[i]
        size = len(line)
        if not 2 <= facts[i].words <= 30:
            continue
        if (size not in sizes and not 0 <= shortest < size) or line[:_HEAD].casefold()[
            :_HEAD
        ] not in heads:
            if (
                size > longest
                or _edges((line[0] + line[-1]).casefold()) not in ends
                or keys.get(_squash(line)) != _edges(line.casefold())
            ):
                continue
            opens = ""
        else:
            folded = line.casefold()
            opens = ""
            if folded not in parts and keys.get(_squash(line)) != _edges(folded):
                opens = next((p for p in prefixes if folded.startswith(p)), "")
                if not opens:
                    continue
        mass = 0.0
        for j in range(i + 1, min(i + 1 + TITLE_REACH, len(lines))):
            z = logits[j]
            if facts[j].label is None and z > LOGIT_FLOOR:
                mass += min(lengths[j], TEXT_CHARS) / ((1.0 + math.exp(-z)) * (j - i))
        found.append((i, mass, opens))
    # lines that open with the same part are a list (teasers, a thread quoting the title)
    listed = collections.Counter(p for _i, _m, p in found if p)
    kept = [(i, mass) for i, mass, p in found if not p or listed[p] < LISTED]
    if not kept:
        return -1
    best, most = max(kept, key=lambda c: (c[1], -c[0]))
    if best > 0:  # a headline below the site's name ("Site: Headline")
        folded, words = lines[best].casefold(), facts[best].words
        below = [
            (mass, i)
            for i, mass in kept
            if best < i <= best + TITLE_REACH
            and mass >= BELOW_SHARE * most
            and facts[i].words >= words
            and lines[i].casefold() != folded
        ]
        if below:
            best = max(below)[1]
    return best


def _squash(text: str) -> str:
    """Text folded to its letters and digits: a headline and the page title may differ in
    punctuation only ("Stats… Impressive!" / "Stats Impressive!", "I’m" / "Im")."""
    return _NOT_WORD.sub("", text.casefold())


_NOT_WORD = re.compile(r"[\W_]+")


def _edges(text: str) -> str:
    """The first and last characters of a folded text, any quotation mark standing as one
    (the page title may write 'A' where the headline writes ‘A’)."""
    first, last = text[0], text[-1]
    return ('"' if first in _QUOTES else first) + ('"' if last in _QUOTES else last)


_QUOTES = frozenset("'\"\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb")


def _title_parts(title: str) -> list[str]:
    """The parts of a page title: the whole and every run of its pieces between separators
    ("A: B - C" gives "A", "B", "C", "A: B", "B - C" and the whole; "A -- B" and "Why?, B"
    are cut too); a long title is cut into `TITLE_PIECES` pieces at most, the last holding
    the rest."""
    cuts = [(0, 0)]
    for m in _TITLE_PARTS.finditer(title):
        cuts.append(m.span())
        if len(cuts) == TITLE_PIECES:
            break
    cuts.append((len(title), len(title)))
    return list(
        dict.fromkeys(
            title[cuts[a][1] : cuts[b][0]]
            for a in range(len(cuts) - 1)
            for b in range(a + 1, len(cuts))
        )
    )


_HEAD = 6


def introduced_list(
    lines: Sequence[str],
    facts: Sequence[LineFacts],
    labels: Sequence[Label | None],
    start: int,
    stop: int,
    words: float,
) -> int:
    """Where the body run ``[start, stop)`` ends once a list that its text introduces is
    added; changes nothing.

    A line ending with a colon ("The tour dates:") introduces the undecided lines of at
    most `words` words that follow it (at least two of them): tour dates, results, prices.
    The line is the first line below the run, or a line of the run that only such lines
    follow; the list goes on below the run up to a longer or decided line.
    """
    n = len(lines)
    if start == stop:
        return stop
    # the line that introduces the list: in the run, above its last short lines, or below it
    i = stop - 1
    while (
        i > start and labels[i] is None and not lines[i].endswith(":") and _listed(facts[i], words)
    ):
        i -= 1
    if labels[i] is None and lines[i].endswith(":"):
        j = stop
    elif stop < n and labels[stop] is None and lines[stop].endswith(":"):
        i, j = stop, stop + 1
    else:
        return stop
    k = j
    while k < n and labels[k] is None and _listed(facts[k], words):
        k += 1
    while k > j and facts[k - 1].empty:
        k -= 1
    return k if k - i > 2 else stop


def _listed(fact: LineFacts, words: float) -> bool:
    return fact.empty or fact.words <= words


def thread_start(
    labels: Sequence[Label | None],
    lengths: Sequence[int],
    prob: Sequence[float],
    start: int,
    stop: int,
    body: float,
    text: float,
    title: int = -1,
) -> int:
    """Where a reader-comment thread begins inside the body run ``[start, stop)``, or `stop`.

    A thread begins at a comment heading (a line a `COMMENT_PROMPT` rule labelled: "Comments",
    "12 Responses to ...") below at least `text` characters of running text (undecided lines
    of probability at least `body`, their `lengths` summed) in the run, so that a comment
    count above the article does not end it; or, below the line `title` that repeats the
    page's title and some running text, at a comment heading followed in the run by at
    least two bylines, datelines or comment lines in the run (the thread's headers); or,
    below the title line and `text` characters of text, at a byline or dateline followed
    in the run by at least two more (comments signed "Posted by: Jane | May 3, 2012",
    without a heading). Changes nothing.
    """
    above = 0.0
    below = _headers(labels, start, stop) if title >= 0 else 0  # headers in (i, stop)
    for i in range(start, stop):
        label = labels[i]
        if label is None:
            if prob[i] >= body:
                above += lengths[i]
            continue
        if label[0] in _COMMENT_HEADERS:
            below -= 1
        if label[0] is Category.COMMENT_PROMPT and (
            above >= text or (above > 0 and 0 <= title < i and below >= 2)
        ):
            return i
        if label[0] in _COMMENT_HEADERS and 0 <= title < i and above >= text and below >= 2:
            return i
    return stop


def below_title(
    lines: Sequence[str],
    gains: Sequence[float],
    facts: Sequence[LineFacts],
    labels: Sequence[Label | None],
    lengths: Sequence[int],
    title: int,
    start: int,
    stop: int,
    anchor: float,
    lift: float,
    trim: float,
) -> tuple[int, int]:
    """The body run given the line `title` that repeats the page's title; changes nothing.

    `gains` are the lines' gains and ``[start, stop)`` the densest run of them.

    - When the densest run holds the title line, the body starts below it if the gain above
      it is less than `trim` times the gain below it, or if a navigation line (a breadcrumb,
      a menu), share buttons (`_ABOVE_HEADLINE`) or a teaser of the article (a longer line
      that opens with the title line's text: a list of headlines and first words) lies
      above it.
    - Otherwise, the run below the title line is the one that opens right below it and ends
      where its gain is highest, before the first heading or barrier rule's line; each of its
      undecided lines counts `lift` more per character (a short post's lines are short). A
      comment heading above any running text that is not followed by a comment's header
      ("4 Comments", a link to the thread, between the byline and the article) ends nothing.
    - When the densest run opens inside that run, with no metadata line (byline, dateline,
      credit, caption) between, the body starts right below the title line.
    - When the two runs lie apart, the run below the title line is the body if its gain is
      at least `anchor` times the densest run's, or if the first heading below it is a
      comment heading ("16 comments:") with at least two bylines, datelines or comment
      lines of their own between it and the densest run (a short post's thread), or if it
      holds running text (a line of positive gain) and the densest run lies below a comment
      heading or comment line between the two and holds at least two bylines, datelines or
      comment lines (reader comments on the article; a comment count right under the
      headline is not such a heading: no running text comes before it); and when only an
      inline box (related links, ads, captions) and lines of positive gain in all separate
      the densest run below it from it, the body is both.
    """
    if start <= title < stop:
        headline = lines[title].casefold()
        if (
            sum(gains[start:title]) < trim * sum(gains[title + 1 : stop])
            or any(x is not None and x[0] in _ABOVE_HEADLINE for x in labels[start:title])
            or any(
                len(x) > len(headline) and x.casefold().startswith(headline)
                for x in lines[max(start, 1) : title]
            )
        ):
            return title + 1, stop
        return start, stop
    best = total = 0.0
    end = title + 1
    closed = -1  # the comment heading that ends the run below the title line, if one does
    text = False  # running text (a line of positive gain) below the title line
    for i in range(title + 1, len(gains)):
        f = facts[i]
        rule = f.rule
        if rule is not None and (rule.heading or rule.barrier):
            if rule.category is not Category.COMMENT_PROMPT:
                break
            j = i + 1
            while j < len(facts) and facts[j].empty:
                j += 1
            after = labels[j] if j < len(labels) else None
            if text or (after is not None and after[0] in _COMMENT_HEADERS):
                closed = i
                break
            # a comment count between the headline and the text ("4 Comments") ends nothing
        text = text or gains[i] > 0.0
        total += gains[i]
        if labels[i] is None and not f.empty:
            total += lift * min(lengths[i], TEXT_CHARS)
        if total > best:
            best, end = total, i + 1
    if (
        best > 0.0
        and title + 1 < start < end
        and not any(x is not None and x[0] in METADATA for x in labels[title + 1 : start])
    ):
        # the densest run opens inside the run below the title line: the body starts there
        return title + 1, stop
    if (
        best > 0.0
        and (stop <= title + 1 or start >= end)
        and (
            best >= anchor * sum(gains[start:stop])
            or (
                0 <= closed < start
                and sum(
                    1
                    for f in facts[closed + 1 : start]
                    if f.label is not None and f.label[0] in _COMMENT_HEADERS
                )
                >= 2
            )
            or (
                any(facts[i].comment for i in range(end, start))
                and _headers(labels, start, stop) >= 2
                and max(gains[title + 1 : end], default=0.0) > 0.0
            )
        )
    ):
        if start >= end and sum(gains[end:stop]) > 0.0 and _inline(labels, end, start):
            # the two runs are one article around an inline box of links or ads
            return title + 1, stop
        return title + 1, end
    return start, stop


def past_box(
    gains: Sequence[float],
    facts: Sequence[LineFacts],
    labels: Sequence[Label | None],
    start: int,
    stop: int,
    anchor: float,
) -> int:
    """Where the body run ``[start, stop)`` ends once the article's part below an inline box
    is added; changes nothing.

    A box of related links or ads may stand inside an article ("More from UK" and a few
    headlines), and the part below it may be the smaller. The box is at most `BOX_LINES`
    lines right below the run that are furniture found inside articles (`_INLINE`) or
    undecided lines of no gain; the part is the run that opens right below it and ends
    where its gain is highest, before the first heading or barrier rule's line. It joins
    the body if its gain is at least `anchor` times the body's (the share that lets the
    run below the title line replace the densest run).
    """
    n = len(gains)
    j = stop
    box = 0
    while j < n:
        label = labels[j]
        if facts[j].empty:
            j += 1
            continue
        if (label is None and gains[j] > 0.0) or (label is not None and label[0] not in _INLINE):
            break
        box += 1
        j += 1
    if not 0 < box <= BOX_LINES or j == n or labels[j] is not None:
        return stop
    best = total = 0.0
    end = stop
    for i in range(j, n):
        rule = facts[i].rule
        if rule is not None and (rule.heading or rule.barrier):
            break
        total += gains[i]
        if total > best:
            best, end = total, i + 1
    return end if best >= anchor * sum(gains[start:stop]) else stop


_ABOVE_HEADLINE = frozenset({Category.NAVIGATION, Category.SHARE_PROMPT})
"""Furniture that is the page's, not the article's, when it lies above the headline."""


def named_thread(
    lines: Sequence[str],
    facts: Sequence[LineFacts],
    labels: Sequence[Label | None],
    prob: Sequence[float],
    start: int,
    stop: int,
    body: float,
) -> int:
    """Where a thread of reader comments headed by their authors' names alone begins inside
    the body run ``[start, stop)``, or `stop`; changes nothing.

    Such a thread has no heading: below the article's last share buttons or links to the
    next post (`_CLOSERS`) come a name ("Alayna F", a web address and a name), one to
    `COMMENT_LINES` lines of text, the next name, and so on. It begins at the first name
    right below such furniture that at least `NAMES` names in that pattern follow, after
    running text (probability at least `body`) above it.
    """
    text = closed = False
    for i in range(start, stop):
        fact = facts[i]
        if fact.empty:
            continue
        label = labels[i]
        if label is not None:
            closed = closed or (text and label[0] in _CLOSERS)
            continue
        if (
            closed
            and _is_name(lines[i], fact)
            and _names_follow(lines, facts, labels, prob, i, stop, body)
        ):
            return i
        closed = False
        if not text and prob[i] >= body and not _is_name(lines[i], fact):
            text = True
    return stop


def _is_name(line: str, fact: LineFacts) -> bool:
    """True if the line could be a commenter's name: one to `NAME_WORDS` words, the second
    and later capitalized, no sentence punctuation at the end."""
    return (
        fact.words <= NAME_WORDS
        and len(line) <= NAME_CHARS
        and line[-1] not in _NOT_NAME_END
        and _NAME.match(line) is not None
    )


def _names_follow(
    lines: Sequence[str],
    facts: Sequence[LineFacts],
    labels: Sequence[Label | None],
    prob: Sequence[float],
    i: int,
    stop: int,
    body: float,
) -> bool:
    """True if from the name at `i` at least `NAMES` names follow in ``[i, stop)``, each
    followed by one to `COMMENT_LINES` lines of running text (a comment's date or byline
    may come between a name and its text)."""
    names = texts = 0
    for j in range(i, stop):
        fact = facts[j]
        if fact.empty:
            continue
        label = labels[j]
        if label is not None:
            if texts == 0 and label[0] not in _COMMENT_HEADERS:
                return False
            continue
        if _is_name(lines[j], fact):
            if texts == 0 and names > 0:
                return False  # a name without text
            if names == NAMES:
                return True
            names += 1
            texts = 0
        elif prob[j] < body:
            return names == NAMES and texts > 0
        else:
            texts += 1
            if texts > COMMENT_LINES:
                return False
    return names == NAMES and texts > 0


_NAME = re.compile(r"(?:\S+\s+)?[\w@][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}$")
_NOT_NAME_END = frozenset('.!?:;,"\u201d)')
_CLOSERS = frozenset(
    {
        Category.NAVIGATION,
        Category.SHARE_PROMPT,
        Category.LOGIN_PROMPT,
        Category.NEWSLETTER_PROMPT,
        Category.DONATION_APPEAL,
    }
)
"""Furniture that ends an article and is not found inside one."""


def _inline(labels: Sequence[Label | None], start: int, stop: int) -> bool:
    """True if every decided line of ``[start, stop)`` is furniture that sits inside
    articles (a box of related links, an advertisement, a caption, a share button)."""
    return all(label is None or label[0] in _INLINE for label in labels[start:stop])


_INLINE = frozenset(
    {
        Category.RELATED_STORIES,
        Category.ADVERTISEMENT,
        Category.CAPTION,
        Category.CREDIT_LINE,
        Category.SHARE_PROMPT,
        Category.BOILERPLATE,  # lines without words
    }
)


def _headers(labels: Sequence[Label | None], start: int, stop: int) -> int:
    """How many lines of ``[start, stop)`` are bylines, datelines or comment furniture."""
    return sum(
        1 for label in labels[start:stop] if label is not None and label[0] in _COMMENT_HEADERS
    )


_COMMENT_HEADERS = frozenset({Category.BYLINE, Category.DATELINE, Category.COMMENT_PROMPT})
