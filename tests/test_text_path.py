"""Whole articles the text path lost, each at its cause, on pages written for the tests.

Each test is a page built the way the benchmark pages that lost their article were (a
newspaper's toolbar inside the article, a mega-menu denser than a short article, German
prose), with an article of its own, or the pass at that cause on a page made by hand: it
failed before the fix at that cause and passes after it.
"""

from __future__ import annotations

import pytest
from conftest import ARTICLE

import karabakh_corpus as kc
from karabakh_corpus.cleaner import body, model, threads
from karabakh_corpus.cleaner.page import (
    INHERITED,
    Label,
    LineFacts,
    Page,
    comment_header,
    line_facts,
)
from karabakh_corpus.cleaner.thresholds import PER_LINE, PROSE_WORDS, SIGNATURES
from karabakh_corpus.schema import Category


def _lines(*parts: str | list[str]) -> str:
    out: list[str] = []
    for part in parts:
        out += [part] if isinstance(part, str) else part
    return "\n".join(out)


def _news_page(*middle: str | list[str]) -> str:
    """A newspaper's page: its title, a menu, the headline, a byline, the article's first
    two paragraphs, `middle`, and the page's footer."""
    return _lines(
        "Ministers meet in Tbilisi - The Daily Example",
        ["Home", "World", "Europe", "Opinion", "Sport"],
        "Ministers meet in Tbilisi",
        "By Jane Doe",
        ARTICLE[:2],
        *middle,
        ["Share this article", "About us", "Contact"],
    )


# -- comment headings: a heading's own block heads no thread ---------------------------------


def test_a_toolbar_under_a_comments_link_does_not_end_the_article() -> None:
    """A newspaper's toolbar ("Comments / Weigh In / Corrections?") after the first two
    paragraphs: the short lines below "Comments" inherit its category as the heading's
    block, and those do not make it a comment thread's heading."""
    page = _news_page(["Comments", "Weigh In", "Corrections?"], ARTICLE[2:])
    result = kc.clean(page)
    assert result.title == "Ministers meet in Tbilisi"
    assert result.paragraphs == tuple(ARTICLE)


def test_a_comment_heading_with_a_signature_below_still_ends_the_article() -> None:
    """The same heading followed by a comment signed with a name and a date is a thread:
    the article ends above it."""
    page = _news_page(
        ["1 Comment", "0 Trackbacks", "Mark 08-08-2012"],
        "Thanks for this. I had not seen the statement before and it helps a great deal to "
        "read it in full, so thank you for posting it here.",
    )
    result = kc.clean(page)
    assert result.paragraphs == tuple(ARTICLE[:2])


def _facts(labels: list[Label | None], words: int = 5) -> list[LineFacts]:
    return [line_facts(0.0, words, None, label, False, None) for label in labels]


def _thread_stop(labels: list[Label | None]) -> int:
    """Where `thread_start` ends a run of the whole page: a title line, 300 characters of
    text, then `labels` (undecided lines are text of probability 0.9, 300 characters)."""
    labels = [(Category.TITLE, "headline"), None, *labels]
    page = Page(["x" * 300] * len(labels), _facts(labels))
    page.labels = list(labels)
    page.prob = [0.9] * len(labels)
    page.title, page.start, page.stop = 0, 0, len(labels)
    threads.thread_start(page, kc.Thresholds(body=0.5, thread_text=1000.0))
    return page.stop


_HEADING: Label = (Category.COMMENT_PROMPT, "comment")
_BLOCK: Label = (Category.COMMENT_PROMPT, f"{INHERITED}comment")


def test_lines_that_inherited_a_comment_heading_head_no_thread() -> None:
    """Below 300 characters of text (less than `thread_text`), a comment heading ends the
    run only if a line of the run below it heads a comment of its own (`SIGNATURES`, one):
    the heading's own block ("Weigh In", "Corrections?" below "Comments") does not."""
    assert SIGNATURES == 1
    assert _thread_stop([_HEADING, _BLOCK, _BLOCK, None, None]) == 7
    assert _thread_stop([_HEADING, _BLOCK, (Category.BYLINE, "byline"), None]) == 2
    assert _thread_stop([_HEADING, (Category.DATELINE, "dateline-shape"), None]) == 2
    assert not comment_header(_BLOCK) and comment_header(_HEADING)
    assert not comment_header(None) and not comment_header((Category.PARAGRAPH, "body-text"))


def _below_title_start(article_gain: float) -> tuple[int, int]:
    """The body run `below_title` sets on a page of a menu of 40 lines of gain 3 (the
    densest run), the title line, and an article of 3 short lines of `article_gain` each."""
    n = 44
    page = Page(["x" * 20] * n, _facts([None] * n))
    page.gains = [3.0] * 40 + [-1.0] + [article_gain] * 3
    page.title, page.start, page.stop = 40, 0, 40
    body.below_title(page, kc.Thresholds())
    return page.start, page.stop


def test_the_run_below_the_title_replaces_a_denser_but_thinner_run() -> None:
    """An article whose gain per line is at least `PER_LINE` (2) times the densest run's
    replaces it, though its gain is below `anchor` times the densest run's (a mega-menu
    of forty lines holds more text than a short article, thinly)."""
    th = kc.Thresholds()
    assert PER_LINE == 2.0
    # (the article's gain, with the lift of undecided lines, stays below `anchor` times the
    # menu's: only the gain per line can make it the body)
    lift = (th.body - th.anchor_body) * 20
    assert 3 * (6.0 + lift) < th.anchor * 40 * 3.0
    assert _below_title_start(6.0) == (41, 44)
    assert _below_title_start(5.5) == (0, 40)


# -- capitals read against the page's prose ----------------------------------------------


def _cap_facts(shares: list[tuple[int, float]]) -> list[LineFacts]:
    return [line_facts(1.0, words, None, None, words == 0, None, cap) for words, cap in shares]


def test_prose_capitals_is_the_median_share_of_the_prose_lines() -> None:
    """The median over lines of at least `PROSE_WORDS` words; over all lines with words on a
    page without prose; 0.0 on a page without words."""
    assert PROSE_WORDS == 10
    prose = [(12, 0.4), (3, 1.0), (10, 0.2), (25, 0.3), (2, 0.0)]
    assert model.prose_capitals(_cap_facts(prose)) == 0.3
    assert model.prose_capitals(_cap_facts([*prose, (11, 0.5)])) == 0.35
    assert model.prose_capitals(_cap_facts([(3, 1.0), (2, 0.5), (0, 0.0)])) == 0.75
    assert model.prose_capitals(_cap_facts([(0, 0.0)])) == 0.0


def test_the_first_stage_reads_each_line_s_capitals_against_the_page() -> None:
    """Each line's logit moves by the weight of ``capitalized_vs_page`` times its share
    less the page's prose median; a repeated line also gets the weight of ``repeated``."""
    facts = _cap_facts([(12, 0.4), (12, 0.2), (12, 0.3), (2, 1.0), (2, 1.0)])
    page = Page(["a", "b", "c", "Home", "Home"], facts)
    weights = {**kc.Thresholds().weights, "capitalized_vs_page": -2.0, "repeated": -0.5}
    model.first_stage(page, kc.Thresholds(weights=weights))
    expected = [1.0 - 0.2, 1.0 + 0.2, 1.0, 1.0 - 1.4 - 0.5, 1.0 - 1.4 - 0.5]
    assert page.logits == pytest.approx(expected)
    # without the weight, the page's capitals count for nothing
    model.first_stage(page, kc.Thresholds(weights={**weights, "capitalized_vs_page": 0.0}))
    assert page.logits == pytest.approx([1.0, 1.0, 1.0, 0.5, 0.5])


def test_a_line_s_facts_hold_its_share_of_capitalized_words() -> None:
    cleaner = kc.Cleaner()
    assert cleaner._line("Die Bundesregierung hat am Montag entschieden").capitalized == 0.5
    assert cleaner._line("the talks resumed in Brussels").capitalized == 0.2
    assert cleaner._line("Home").capitalized == 1.0
