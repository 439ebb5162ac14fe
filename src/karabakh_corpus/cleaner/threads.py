"""The passes that end the body where reader comments begin.

A thread of comments below an article reads like text, line by line; what gives it away is
its heading ("12 Comments"), the signatures of its comments ("Posted by: Jane | May 3,
2012"), or, without either, the names that head each comment below the article's last
furniture. Each pass cuts the body run at the thread's first line.
"""

from __future__ import annotations

import re

from karabakh_corpus.cleaner.page import COMMENT_HEADERS, LineFacts, Page
from karabakh_corpus.cleaner.thresholds import (
    COMMENT_LINES,
    NAME_CHARS,
    NAME_WORDS,
    NAMES,
    SIGNATURES,
    Thresholds,
)
from karabakh_corpus.schema import Category

__all__ = ["named_thread", "thread_start"]


def thread_start(page: Page, thresholds: Thresholds) -> None:
    """End the body run ``[start, stop)`` where a reader-comment thread begins inside it.

    A thread begins at a comment heading (a line a `COMMENT_PROMPT` rule labelled:
    "Comments", "12 Responses to ...") below at least `thread_text` characters of running
    text (undecided lines of probability at least `body` with a letter, their lengths
    summed: a comment count "48" is not text) in the run,
    so that a comment count above the article does not end it; or, below the title line
    and some running text, at a comment heading followed in the run by at least
    `SIGNATURES` bylines, datelines or comment lines (the thread's headers); or, below the
    title line and `thread_text` characters of text, at a byline or dateline followed in
    the run by at least two more (comments signed "Posted by: Jane | May 3, 2012", without
    a heading).
    A line that only inherited a comment heading's category ("Weigh In" below "Comments" in
    a newspaper's toolbar) is neither a heading nor a header, nor, on the markup path, a
    date or byline right below a linked heading (a teaser's) or inside a quotation (a quoted
    post's: `Page.heads_comment`).

    Reads: `labels`, `lengths`, `prob`, `title`, the run. Changes: `stop`, to the thread's
    first line.
    """
    labels, lengths, prob, title = page.labels, page.lengths, page.prob, page.title
    start, stop = page.start, page.stop
    body, text = thresholds.body, thresholds.thread_text
    above = 0.0
    below = page.comment_headers(start, stop) if title >= 0 else 0  # headers in (i, stop)
    for i in range(start, stop):
        label = labels[i]
        if label is None:
            if prob[i] >= body and page.facts[i].lettered:
                above += lengths[i]
            continue
        if not page.heads_comment(i):
            continue  # (nor is a line that inherited a comment heading's category one)
        below -= 1
        if label[0] is Category.COMMENT_PROMPT and (
            above >= text or (above > 0 and 0 <= title < i and below >= SIGNATURES)
        ):
            page.stop = i
            return
        if 0 <= title < i and above >= text and below >= 2:
            page.stop = i
            return


def named_thread(page: Page, thresholds: Thresholds) -> None:
    """End the body run ``[start, stop)`` where a thread of comments headed by their
    authors' names alone begins inside it.

    Such a thread has no heading: below the article's last share buttons or links to the
    next post (`_CLOSERS`) come a name ("Alayna F", a web address and a name), one to
    `COMMENT_LINES` lines of text, the next name, and so on. It begins at the first name
    right below such furniture that at least `NAMES` names in that pattern follow, after
    running text (probability at least `body`) above it.

    Reads: `lines`, `facts`, `labels`, `prob`, the run. Changes: `stop`, to the first name.
    """
    lines, facts, labels, prob = page.lines, page.facts, page.labels, page.prob
    body = thresholds.body
    text = closed = False
    for i in range(page.start, page.stop):
        fact = facts[i]
        if fact.empty:
            continue
        label = labels[i]
        if label is not None:
            closed = closed or (text and label[0] in _CLOSERS)
            continue
        if closed and _is_name(lines[i], fact) and _names_follow(page, i, body):
            page.stop = i
            return
        closed = False
        if not text and prob[i] >= body and not _is_name(lines[i], fact):
            text = True


def _is_name(line: str, fact: LineFacts) -> bool:
    """True if the line could be a commenter's name: one to `NAME_WORDS` words, the second
    and later capitalized, no sentence punctuation at the end."""
    return (
        fact.words <= NAME_WORDS
        and len(line) <= NAME_CHARS
        and line[-1] not in _NOT_NAME_END
        and _NAME.match(line) is not None
    )


def _names_follow(page: Page, i: int, body: float) -> bool:
    """True if from the name at `i` at least `NAMES` names follow in the rest of the body
    run, each followed by one to `COMMENT_LINES` lines of running text (probability at
    least `body`; a comment's date or byline may come between a name and its text)."""
    lines, facts, labels, prob = page.lines, page.facts, page.labels, page.prob
    names = texts = 0
    for j in range(i, page.stop):
        fact = facts[j]
        if fact.empty:
            continue
        label = labels[j]
        if label is not None:
            if texts == 0 and label[0] not in COMMENT_HEADERS:
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
