"""The snippet score of trafilatura's evaluation set (karabakh_corpus.cleaner.evaluate)."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_the_shipped_cleaner_on_trafeval_scores_the_published_figure(bench_root: Path) -> None:
    """The set's README gives release 1.7.0's clean() on its text 0.846 with this score."""
    import karabakh_corpus as kc
    from karabakh_corpus._version import CLEANER_VERSION

    if CLEANER_VERSION != "7":
        pytest.skip("the published figure is that of release 1.7.0's cleaner (version 7)")
    folder = bench_root / "trafeval"
    if not (folder / "entries.json").is_file():
        pytest.skip("the trafeval set is not there")
    entries = json.loads((folder / "entries.json").read_text("utf-8"))
    items = []
    for page_id, entry in entries.items():
        result = kc.clean((folder / "text" / f"{page_id}.txt").read_text("utf-8"))
        output = (result.title + "\n" if result.title else "") + result.text
        items.append((output, entry["with"], entry["without"]))
    assert round(score_snippets(items).f1, 3) == 0.846
