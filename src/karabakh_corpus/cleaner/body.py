"""The passes of the body run: what each line adds to it, where it lies, how it grows, and
which lines it keeps.

The body is a run of lines: the contiguous run whose gains add up the most (`gains`,
`body_run`), a line's gain being its text probability above `body` times its length. The
line that repeats the page's title moves it (`below_title`), a page without a run keeps its
most probable line (`fallback`), an inline box inside the article does not cut it
(`past_box`), it grows over probable lines (`extend`) and a list its text introduces
(`introduced_list`); reader comments end it (`karabakh_corpus.cleaner.threads`). Last,
`keep_or_drop` decides every line still undecided, inside the run and outside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from karabakh_corpus.cleaner.model import densest_run
from karabakh_corpus.cleaner.page import COMMENT_HEADERS, METADATA, OUTSIDE, Label, LineFacts, Page
from karabakh_corpus.cleaner.thresholds import (
    BOX_LINES,
    PER_LINE,
    RULE_COST_CHARS,
    TEXT_CHARS,
    Thresholds,
)
from karabakh_corpus.schema import Category

__all__ = [
    "below_title",
    "body_run",
    "extend",
    "fallback",
    "gains",
    "introduced_list",
    "keep_or_drop",
    "past_box",
]


def gains(page: Page, thresholds: Thresholds) -> None:
    """What each line adds to the body run, or takes from it.

    An undecided line adds its probability above `body` times its length (up to
    `TEXT_CHARS` characters); a line a rule or shape decided costs `rule_weight` per
    character (up to `RULE_COST_CHARS`), furniture that closes an article (a barrier rule)
    `barrier_weight`, and a line without words nothing.

    Reads: `facts`, `labels`, `lengths`, `prob`. Changes: `gains`.
    """
    labels, lengths, prob = page.labels, page.lengths, page.prob
    barrier = -thresholds.barrier_weight
    cost = -thresholds.rule_weight
    body = thresholds.body
    out = []
    for i, fact in enumerate(page.facts):
        rule = fact.rule
        if fact.empty:
            out.append(0.0)
        elif rule is not None and rule.barrier:
            out.append(barrier)
        elif labels[i] is not None:
            length = lengths[i]
            out.append(cost * (length if length < RULE_COST_CHARS else RULE_COST_CHARS))
        else:
            length = lengths[i]
            out.append((prob[i] - body) * (length if length < TEXT_CHARS else TEXT_CHARS))
    page.gains = out


def body_run(page: Page, thresholds: Thresholds) -> None:
    """The body run: the contiguous run of lines whose gains add up the most.

    On a page where nothing is decided yet (no line a rule or shape labelled: clean text,
    or the body on a later round), the run goes from the first line of text (of
    probability at least `body`) to the last.

    Reads: `labels`, `facts`, `prob`, `gains`. Changes: `start` and `stop`.
    """
    labels = page.labels
    strong = []
    if all(label is None for label in labels):
        prob, facts, body = page.prob, page.facts, thresholds.body
        strong = [i for i in range(len(labels)) if prob[i] >= body and not facts[i].empty]
    if strong:
        page.start, page.stop = strong[0], strong[-1] + 1
    else:
        page.start, page.stop = densest_run(page.gains)


def below_title(page: Page, thresholds: Thresholds) -> None:
    """Move the body run where the line that repeats the page's title says it lies.

    - When the run holds the title line, the body starts below it if the gain above it is
      less than `trim` times the gain below it, or if a navigation line (a breadcrumb, a
      menu), share buttons (`_ABOVE_HEADLINE`) or a teaser of the article (a longer line
      that opens with the title line's text: a list of headlines and first words) lies
      above it.
    - Otherwise, the run below the title line is the one that opens right below it and ends
      where its gain is highest, before the first heading or barrier rule's line; each of
      its undecided lines counts ``body - anchor_body`` more per character (a short post's
      lines are short). A comment heading above any running text (a line of positive gain
      with a letter: "48" over "comments" is a comment count) that is not followed by a
      comment's header ("4 Comments", a link to the thread, between the byline and the
      article) ends nothing.
    - When the densest run opens inside that run, with no metadata line (byline, dateline,
      credit, caption) between, the body starts right below the title line.
    - When the two runs lie apart, the run below the title line is the body if its gain is
      at least `anchor` times the densest run's, or if its gain per line of words is at
      least `PER_LINE` times the densest run's (a mega-menu or a site's description holds
      more text than a short article, thinly), or if the first heading below it is a
      comment heading ("16 comments:") with at least two bylines, datelines or comment
      lines of their own between it and the densest run (a short post's thread), or if it
      holds running text (a line of positive gain) and the densest run lies below a comment
      heading or comment line between the two and holds at least two bylines, datelines or
      comment lines (reader comments on the article; a comment count right under the
      headline is not such a heading: no running text comes before it); and when only an
      inline box (related links, ads, captions) and lines of positive gain in all separate
      the densest run below it from it, the body is both.

    Reads: `title`, `lines`, `facts`, `labels`, `lengths`, `gains`, the run. Changes:
    `start` and `stop`, on a page with a title line.
    """
    title, start, stop = page.title, page.start, page.stop
    if title < 0:
        return
    if start <= title < stop:
        if _opens_below_title(page, thresholds.trim):
            page.start = title + 1
        return
    best, end, closed = _run_below_title(page, thresholds.body - thresholds.anchor_body)
    gains, facts, labels = page.gains, page.facts, page.labels
    if (
        best > 0.0
        and title + 1 < start < end
        and not any(x is not None and x[0] in METADATA for x in labels[title + 1 : start])
    ):
        # the densest run opens inside the run below the title line: the body starts there
        page.start = title + 1
        return
    if (
        best > 0.0
        and (stop <= title + 1 or start >= end)
        and (
            best >= thresholds.anchor * sum(gains[start:stop])
            or _per_line(page, title + 1, end) >= PER_LINE * _per_line(page, start, stop)
            or (
                0 <= closed < start
                and sum(
                    1
                    for f in facts[closed + 1 : start]
                    if f.label is not None and f.label[0] in COMMENT_HEADERS
                )
                >= 2
            )
            or (
                any(facts[i].comment for i in range(end, start))
                and page.comment_headers(start, stop) >= 2
                and max(gains[title + 1 : end], default=0.0) > 0.0
            )
        )
    ):
        page.start = title + 1
        if not (start >= end and sum(gains[end:stop]) > 0.0 and _inline(labels, end, start)):
            # (else the two runs are one article around an inline box of links or ads)
            page.stop = end


def _per_line(page: Page, start: int, stop: int) -> float:
    """The gain of ``[start, stop)`` per line of words: a mega-menu or a site's description
    holds much text thinly, an article less text densely."""
    lines = sum(1 for f in page.facts[start:stop] if not f.empty)
    return sum(page.gains[start:stop]) / lines if lines else 0.0


def _opens_below_title(page: Page, trim: float) -> bool:
    """True if the body run that holds the title line starts below it (`below_title`)."""
    lines, gains, labels = page.lines, page.gains, page.labels
    title, start, stop = page.title, page.start, page.stop
    headline = lines[title].casefold()
    return (
        sum(gains[start:title]) < trim * sum(gains[title + 1 : stop])
        or any(x is not None and x[0] in _ABOVE_HEADLINE for x in labels[start:title])
        or any(
            len(x) > len(headline) and x.casefold().startswith(headline)
            for x in lines[max(start, 1) : title]
        )
    )


def _run_below_title(page: Page, lift: float) -> tuple[float, int, int]:
    """The run that opens right below the title line (`below_title`): its gain, where it
    ends, and the comment heading that ends it (-1 if none does)."""
    gains, facts, labels, lengths = page.gains, page.facts, page.labels, page.lengths
    title = page.title
    best = total = 0.0
    end = title + 1
    closed = -1
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
            if text or (after is not None and after[0] in COMMENT_HEADERS):
                closed = i
                break
            # a comment count between the headline and the text ("4 Comments") ends nothing
        text = text or (gains[i] > 0.0 and f.lettered)
        total += gains[i]
        if labels[i] is None and not f.empty:
            total += lift * min(lengths[i], TEXT_CHARS)
        if total > best:
            best, end = total, i + 1
    return best, end, closed


_ABOVE_HEADLINE = frozenset({Category.NAVIGATION, Category.SHARE_PROMPT})
"""Furniture that is the page's, not the article's, when it lies above the headline."""


def fallback(page: Page, thresholds: Thresholds) -> None:
    """On a page without a run of text, keep its most probable undecided line if its
    probability is at least `fallback`.

    Reads: the run, `labels`, `facts`, `prob`. Changes: `start` and `stop`, to that line,
    when the run is empty.
    """
    if page.start != page.stop:
        return
    labels, facts, prob = page.labels, page.facts, page.prob
    best = max(
        (i for i in range(len(labels)) if labels[i] is None and not facts[i].empty),
        key=prob.__getitem__,
        default=-1,
    )
    if best >= 0 and prob[best] >= thresholds.fallback:
        page.start, page.stop = best, best + 1


def past_box(page: Page, thresholds: Thresholds) -> None:
    """Add to the body run the article's part below an inline box.

    A box of related links or ads may stand inside an article ("More from UK" and a few
    headlines), and the part below it may be the smaller. The box is at most `BOX_LINES`
    lines right below the run that are furniture found inside articles (`_INLINE`) or
    undecided lines of no gain; the part is the run that opens right below it and ends
    where its gain is highest, before the first heading or barrier rule's line. It joins
    the body if its gain is at least `anchor` times the body's (the share that lets the
    run below the title line replace the densest run).

    Reads: the run, `gains`, `facts`, `labels`. Changes: `stop`.
    """
    gains, facts, labels = page.gains, page.facts, page.labels
    start, stop = page.start, page.stop
    n = len(gains)
    if start >= stop:
        return
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
        return
    best = total = 0.0
    end = stop
    for i in range(j, n):
        rule = facts[i].rule
        if rule is not None and (rule.heading or rule.barrier):
            break
        total += gains[i]
        if total > best:
            best, end = total, i + 1
    if best >= thresholds.anchor * sum(gains[start:stop]):
        page.stop = end


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


def extend(page: Page, thresholds: Thresholds) -> None:
    """Grow the body run line by line over the undecided lines next to it whose probability
    is at least `extend`; then, on the markup path, over the undecided lines that go on
    with the element of its first or last line (`MarkupFacts.continues`: a paragraph or a
    block of text that ``<br>`` breaks into lines is kept or dropped with the run that
    holds its first lines, whatever each of its lines reads like: tour dates, an address,
    the lines of a song).

    Reads: the run, `labels`, `prob`, `markup`. Changes: `start` and `stop`.
    """
    labels, prob, at_least = page.labels, page.prob, thresholds.extend
    start, stop, n = page.start, page.stop, len(labels)
    while start > 0 and labels[start - 1] is None and prob[start - 1] >= at_least:
        start -= 1
    while stop < n and labels[stop] is None and prob[stop] >= at_least:
        stop += 1
    marks = page.markup
    if marks is not None and start < stop:
        # then over the undecided lines of the element its edge lines break off from
        while stop < n and labels[stop] is None and marks[stop].continues:
            stop += 1
        while start > 0 and labels[start - 1] is None and marks[start].continues:
            start -= 1
    page.start, page.stop = start, stop


def introduced_list(page: Page, thresholds: Thresholds) -> None:
    """Add to the body run a list that its text introduces.

    A line ending with a colon ("The tour dates:") introduces the undecided lines of at
    most `list_words` words that follow it (at least two of them): tour dates, results,
    prices. The line is the first line below the run, or a line of the run that only such
    lines follow; the list goes on below the run up to a longer or decided line.

    Reads: the run, `lines`, `facts`, `labels`. Changes: `stop`.
    """
    lines, facts, labels = page.lines, page.facts, page.labels
    start, stop, n = page.start, page.stop, len(lines)
    words = thresholds.list_words
    if start == stop:
        return
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
        return
    k = j
    while k < n and labels[k] is None and _listed(facts[k], words):
        k += 1
    while k > j and facts[k - 1].empty:
        k -= 1
    if k - i > 2:
        page.stop = k


def _listed(fact: LineFacts, words: float) -> bool:
    return fact.empty or fact.words <= words


def keep_or_drop(page: Page, thresholds: Thresholds) -> None:
    """Decide every line still undecided: keep running text and subheadings inside the body
    run, drop the rest.

    Inside the run, a line of probability at least `keep` is body text, a line of at most
    `heading_words` words that leads into text a subheading, and any other low-text
    boilerplate. Outside it, a line stays when its probability is above `outside` and the
    page has no title line (a page whose headline repeats its title is one article);
    the others are `OUTSIDE`.

    Reads: `labels`, `facts`, `prob`, `title`, the run. Changes: `labels`, every undecided
    one, to ``(PARAGRAPH, "body-text")``, ``(PARAGRAPH, "body-heading")``, ``(BOILERPLATE,
    "body-low-text")``, ``(PARAGRAPH, "outside-text")`` or `OUTSIDE`.
    """
    labels, facts, prob = page.labels, page.facts, page.prob
    start, stop, title = page.start, page.stop, page.title
    keep, words, outside = thresholds.keep, thresholds.heading_words, thresholds.outside
    for i in range(len(labels)):
        if labels[i] is not None:
            continue
        if start <= i < stop:
            if prob[i] >= keep:
                labels[i] = (Category.PARAGRAPH, "body-text")
            elif facts[i].words <= words and _leads_text(page, i, thresholds.body):
                labels[i] = (Category.PARAGRAPH, "body-heading")
            else:
                labels[i] = (Category.BOILERPLATE, "body-low-text")
        elif prob[i] > outside and title < 0:
            labels[i] = (Category.PARAGRAPH, "outside-text")
        else:
            labels[i] = OUTSIDE


def _leads_text(page: Page, i: int, body: float) -> bool:
    """True if the next undecided line of the body run after `i` is running text (its text
    probability at least `body`)."""
    labels, prob = page.labels, page.prob
    for j in range(i + 1, page.stop):
        if labels[j] is None:
            return prob[j] >= body
    return False
