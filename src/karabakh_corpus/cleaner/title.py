"""The passes of the headline: the line that repeats the page's title, and the headline and
standfirst above the body.

A scraped page opens with its HTML title ("Headline - Site"); the article's headline repeats
it or one of its parts (`title_line`, early: the second stage and the body run read it).
Once the body is decided, `title_and_summary` labels the headline and the standfirst.
"""

from __future__ import annotations

import collections
import itertools
import math
import re
from typing import cast

from karabakh_corpus.cleaner.page import METADATA, OUTSIDE, Label, Page
from karabakh_corpus.cleaner.thresholds import (
    BELOW_SHARE,
    LISTED,
    LOGIT_FLOOR,
    PREFIX_WORDS,
    TEXT_CHARS,
    TITLE_PIECES,
    TITLE_REACH,
    Thresholds,
)
from karabakh_corpus.schema import Category

__all__ = ["is_headline", "is_standfirst", "title_and_summary", "title_line"]


def is_headline(line: str, words: int) -> bool:
    """Whether a line outside the body is shaped like a headline."""
    return 2 <= words <= 30 and (not line.endswith((".", ":")) or line.endswith(".."))


def is_standfirst(line: str, words: int) -> bool:
    """Whether a line outside the body reads like a standfirst."""
    return words >= 12 and not line.endswith(":")


_TITLE_PARTS = re.compile(
    r"\s*(?:::|[:|])\s+|\s+(?:--|[-\u00bb\u00ab\u2013\u2014\u00b7\u2022~/]|>>?)\s+|\s*\|\s*"
    r"|(?<=[?!]),\s+|\s+(?=\([^()]*\)\s*\Z)"
)
"""What separates a page title's parts: "Headline - Section | Site", "Site » Headline",
"Headline (Site)"."""
_WORD = re.compile(r"\w+")


def title_line(page: Page, thresholds: Thresholds) -> None:
    """Find the line that repeats the page's title (the article's headline), if any.

    A scraped page opens with its HTML title, which names the article and the site
    ("Headline - Site"), and the article's own headline repeats it, one of its parts, or
    a longer form of one ("Headline, and more"). The first line is split at its separators
    (`_title_parts`: a colon may stand inside the headline too, "Report: A pays B", so
    every run of pieces is a part). The candidates are the lines after it with 2 to 30
    words that equal (ignoring case) the whole first line or one of its parts of at least
    two words, or that start with one of at least `PREFIX_WORDS` words; a part's every
    line is a candidate (a list of recent posts may name the article above it). Of these,
    the one followed by the most text is the headline (a site's name recurs in menus and
    footers; the headline opens the article): the most characters (up to `TEXT_CHARS` a line) of
    the undecided lines among the next `TITLE_REACH`, each weighed by its first-stage
    probability (`logits`) and divided by its distance in lines; but a line of another part,
    of at least as many words, that follows it within `TITLE_REACH` lines with at least
    `BELOW_SHARE` of its text is the headline ("Site: Headline": the site's name heads the
    page and the text below the headline counts for it too). Lines that start with one part,
    at least `LISTED` of them, are a list (teasers, a thread quoting the title), not
    candidates.

    Reads: `lines`, `facts`, `logits`, `lengths`. Changes: `title`, to the index of that
    line (-1, as it was, if there is none).
    """
    page.title = _title_line(page)


def _title_line(page: Page) -> int:
    """The index of the line that repeats the page's title (`title_line`), or -1."""
    lines, facts, logits, lengths = page.lines, page.facts, page.logits, page.lengths
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
"""How many opening characters of a line are compared with the parts' first (a cheap test
before the whole: any number gives the same title line)."""


def title_and_summary(page: Page, thresholds: Thresholds) -> None:
    """Label the headline and the standfirst above the body.

    Walking up from the first body line past lines that rules or shapes labelled, the first
    line left outside the body is the standfirst if it reads like one (a long line) and the
    headline if it is shaped like one; above a standfirst, the next such line is the
    headline. Without a headline there is no standfirst. When the headline sits right above
    the body and the first body line is cut off from the rest of the body by metadata lines
    (byline, dateline, credit, caption), that first line is the standfirst. Only lines the
    body does not hold become headline or standfirst, except that first line, which needs a
    headline outside the body: a text that is all body (a cleaned text) keeps every line.
    When a line repeats the page's title (`title_line`) above the body, it is the headline,
    whatever labelled it, and the standfirst is looked for below it only; when it is the
    first of several body lines, it leaves the body as the headline.

    Reads: `labels` (every line decided), `lines`, `facts`, `title`. Changes: `labels`,
    where one `OUTSIDE` line becomes ``(TITLE, "headline")`` and one ``(SUMMARY,
    "standfirst")``, or the first body line ``(SUMMARY, "standfirst-before-metadata")``; or
    the title line becomes ``(TITLE, "headline")``, whatever labelled it.
    """
    lines, facts, title_at = page.lines, page.facts, page.title
    labels = cast("list[Label]", page.labels)  # every line is decided by now
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
