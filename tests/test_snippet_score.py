"""The snippet score of trafilatura's evaluation set (karabakh_corpus.cleaner.evaluate)."""

from __future__ import annotations

import pytest

from karabakh_corpus.cleaner.evaluate import (
    SnippetPage,
    score_snippet_page,
    score_snippets,
)


def test_snippets_are_found_with_whitespace_collapsed() -> None:
    # the output is the title, a newline, the body: a snippet may run across the break
    page = score_snippet_page(
        "Title\nThe  talks\tended late.",
        ["talks\n ended", "not there"],
        ["Title The", "menu"],
    )
    assert page == SnippetPage(tp=1, fp=1, fn=1, tn=1)
    assert not page.empty


def test_a_page_that_failed_finds_nothing() -> None:
    assert score_snippet_page(None, ["a", "b"], ["c"]) == SnippetPage(0, 0, 2, 1)
    assert score_snippet_page(None, ["a", "b"], ["c"]).empty
    # an empty output finds nothing either, but a without-snippet is then a true negative
    assert score_snippet_page("", ["a"], ["c"]) == SnippetPage(0, 0, 1, 1)


def test_the_counts_are_summed_over_pages_before_the_ratios() -> None:
    score = score_snippets(
        [
            ("Title\nThe talks ended late.", ["talks ended", "not there"], ["Title The", "menu"]),
            (None, ["a", "b"], ["c"]),
        ]
    )
    assert (score.tp, score.fp, score.fn, score.tn) == (1, 1, 3, 2)
    assert score.precision == 0.5
    assert score.recall == 0.25
    assert score.f1 == pytest.approx(2 * 1 / (2 * 1 + 1 + 3))
    assert [p.empty for p in score.pages] == [False, True]


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="sequences of snippets"):
        score_snippet_page("text", "text", [])
    with pytest.raises(ValueError, match="no pages"):
        score_snippets([])
    nothing = score_snippets([(None, [], [])])
    assert (nothing.precision, nothing.recall, nothing.f1) == (0.0, 0.0, 0.0)
