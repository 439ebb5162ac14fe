"""The labelling passes: one table in order (`karabakh_corpus.cleaner.passes.PASSES`), each a
function of the page and the thresholds, and some passes against their plain definitions."""

from __future__ import annotations

import importlib
import inspect
import re

import attrs
import pytest
from conftest import ARTICLE
from hypothesis import example, given
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus.cleaner import blocks, passes
from karabakh_corpus.cleaner import page as _page
from karabakh_corpus.cleaner.page import OUTSIDE, Label, LineFacts, Page, line_facts
from karabakh_corpus.cleaner.thresholds import RULE_CHARS
from karabakh_corpus.rules import GENERIC_RULES
from karabakh_corpus.schema import Category

_TH = kc.Thresholds()

# -- the table -------------------------------------------------------------------------------

PASS_MODULES = ("model", "title", "blocks", "body", "threads")
"""The modules that hold the passes."""


def _named(step: passes.Pass) -> str:
    return f"{step.__module__.rsplit('.', 1)[1]}.{step.__name__}"


def test_the_table_lists_the_passes_in_the_order_they_run() -> None:
    assert [_named(step) for step in passes.PASSES] == [
        "markup_passes.markup_regions",
        "model.first_stage",
        "markup_passes.markup_stage",
        "title.title_line",
        "markup_passes.markup_headline",
        "model.second_stage",
        "blocks.captions",
        "blocks.sandwiches",
        "blocks.headings",
        "body.gains",
        "body.body_run",
        "body.below_title",
        "body.fallback",
        "body.past_box",
        "body.extend",
        "body.introduced_list",
        "threads.thread_start",
        "threads.named_thread",
        "body.keep_or_drop",
        "title.title_and_summary",
        "blocks.after_headings",
    ]


def _fields(text: str) -> set[str]:
    """The fields of `Page` that a docstring's sentence names (`name`, or "the run")."""
    names = {f.name for f in attrs.fields(Page)}
    found = set(re.findall(r"`(\w+)`", text)) & names
    if "the run" in text:
        found |= {"start", "stop"}
    return found


def test_every_pass_reads_only_what_the_page_holds_when_it_runs() -> None:
    """Each pass says what it reads and what it changes; what it reads is given when the
    page is made or set by a pass before it, and every field is set by some pass."""
    made = {f.name for f in attrs.fields(Page) if f.init} | {"lengths", "labels"}
    ready = set(made)
    for step in passes.PASSES:
        doc = inspect.getdoc(step) or ""
        reads, _, changes = doc.partition("Reads:")[2].partition("Changes:")
        assert reads.strip() and changes.strip(), _named(step)
        assert _fields(reads) <= ready, (_named(step), _fields(reads) - ready)
        assert _fields(changes), _named(step)
        ready |= _fields(changes)
    assert ready == {f.name for f in attrs.fields(Page)}


def test_every_pass_is_a_function_of_the_page_and_the_thresholds() -> None:
    for step in passes.PASSES:
        assert list(inspect.signature(step).parameters) == ["page", "thresholds"], step
    # and nothing in the passes' modules takes more than three arguments
    for name in (*PASS_MODULES, "passes"):
        module = importlib.import_module(f"karabakh_corpus.cleaner.{name}")
        for function in vars(module).values():
            if inspect.isfunction(function) and function.__module__ == module.__name__:
                parameters = inspect.signature(function).parameters
                assert len(parameters) <= 3, f"{name}.{function.__name__}"


def _outputs(cleaner: kc.Cleaner, pages: list[str]) -> list[tuple[object, ...]]:
    results = [cleaner.clean(page) for page in pages]
    return [(r.title, r.text, r.regions) for r in results]


def _no_op(page: Page, thresholds: kc.Thresholds) -> None:
    """Reads: `labels`. Changes: `labels`, not one of them."""


def _nothing_kept(page: Page, thresholds: kc.Thresholds) -> None:
    """Reads: `labels`. Changes: `labels`, every one to `OUTSIDE`."""
    page.labels = [OUTSIDE] * len(page)


def test_a_new_pass_is_one_row_of_the_table(
    monkeypatch: pytest.MonkeyPatch, real_pages: list[str]
) -> None:
    """A Cleaner runs the table it finds when it is made: a row that changes nothing
    changes no output, and a row that drops every line drops every line."""
    pages = real_pages[:12]
    expected = _outputs(kc.Cleaner(), pages)
    table = passes.PASSES
    at = table.index(blocks.headings) + 1
    monkeypatch.setattr(passes, "PASSES", (*table[:at], _no_op, *table[at:]))
    assert _outputs(kc.Cleaner(), pages) == expected
    monkeypatch.setattr(passes, "PASSES", (*table, _nothing_kept))
    emptied = kc.Cleaner().clean(pages[0])
    assert emptied.text == "" and emptied.title is None
    assert all(region.reason == "outside-body" for region in emptied.regions)


def test_a_page_carries_what_was_given_of_each_line_to_the_lines_kept() -> None:
    """A new kind of fact about each line is one field, made with `given`: the page of
    the lines a later round keeps carries it, and the cleaner's passes run on such a page."""

    @attrs.define(eq=False)
    class MarkedPage(Page):
        tags: list[str] | None = _page.given(default=None)  # noqa: RUF009

    cleaner = kc.Cleaner()
    lines = ["Home", "Talks resume", ARTICLE[0], "Share this"]
    facts = [cleaner._line(x) for x in lines]
    page = MarkedPage(lines, facts, tags=["nav", "h1", "p", "aside"])
    kept = page.subset([1, 2])
    assert type(kept) is MarkedPage
    assert (kept.lines, kept.facts, kept.tags) == (lines[1:3], facts[1:3], ["h1", "p"])
    assert kept.labels == [f.label for f in facts[1:3]] and kept.title == -1
    assert page.subset([0]).tags == ["nav"]
    assert MarkedPage(lines, facts).subset([3]).tags is None
    for step in passes.PASSES:
        step(page, cleaner.thresholds)
    assert page.labels[2] == (Category.PARAGRAPH, "body-text")
    with pytest.raises(ValueError, match="a page of 4 lines needs 4 tags, not 1"):
        MarkedPage(lines, facts, tags=["p"])
    with pytest.raises(ValueError, match="needs 4 facts"):
        Page(lines, facts[:2])


# -- passes against their definitions ---------------------------------------------------------


_CAPTION = (Category.CAPTION, "caption-label")
_OTHER = (Category.RELATED_STORIES, "related-heading")


def _captions_reference(lines: list[str], labels: list[Label | None], words: list[int]) -> None:
    """`captions` as its docstring says, pair by pair: two neighbours of two words or more
    are a pair when they share their first 40 characters, or when one is a caption and the
    other, undecided, is held in it or holds it (ignoring case, up to `RULE_CHARS`)."""
    for i in range(len(lines) - 1):
        if words[i] < 2 or words[i + 1] < 2:
            continue
        a, b = lines[i], lines[i + 1]
        short, long_ = sorted((a, b), key=len)
        shared = min(len(a), len(b)) >= 40 and a[:40] == b[:40]
        held = len(long_) <= RULE_CHARS and short.lower() in long_.lower()
        for k, other in ((i, i + 1), (i + 1, i)):
            neighbour = labels[other]
            beside_caption = (
                neighbour is not None and neighbour[0] is Category.CAPTION and labels[k] is None
            )
            if labels[k] is None and (shared or (beside_caption and held)):
                labels[k] = (Category.CAPTION, "caption-pair")


# Lines that often share an opening or hold one another, in any case, beyond ASCII too.
_OPENING = "Armenia and Azerbaijan sign the peace deal in Washington"
_LINE = st.one_of(
    st.sampled_from(
        [
            _OPENING,
            _OPENING.upper(),
            _OPENING[:45] + " today",
            _OPENING[:39] + "X and more",
            "the peace deal",
            "Photo: the peace deal",
            "Baku",
            _OPENING[:35],
            "Ереван и Баку подписали мирное соглашение в Вашингтоне сегодня",
            "Ереван и Баку",
        ]
    ),
    st.text(min_size=1, max_size=50),
)
_PAGE = st.lists(
    st.tuples(_LINE, st.integers(0, 4), st.sampled_from([None, None, _CAPTION, _OTHER])),
    max_size=12,
)


@given(_PAGE)
@example([(_OPENING[:35], 5, None), (_OPENING[:35], 5, None)])  # alike, but under 40
@example([(_OPENING, 9, None), (_OPENING[:45] + " today", 8, _OTHER)])
@example([(_OPENING[:39] + "X and more", 9, None), (_OPENING, 9, None)])
@example([("Photo: the peace deal", 4, None), ("THE PEACE DEAL", 3, _CAPTION)])
@example([("Baku", 1, None), ("Photo: Baku", 2, _CAPTION)])  # a word short
def test_captions_pairs_lines_as_defined(page: list[tuple[str, int, Label | None]]) -> None:
    lines = [line for line, _, _ in page]
    words = [n for _, n, _ in page]
    expected = [label for _, _, label in page]
    facts = [line_facts(0.0, n, None, label, n == 0, None) for _, n, label in page]
    _captions_reference(lines, expected, words)
    made = Page(lines, facts)
    blocks.captions(made, _TH)
    assert made.labels == expected


def _after_headings_reference(labels: list[Label], facts: list[LineFacts]) -> None:
    """`after_headings` as its docstring says, walking every line from the top."""
    heading = None
    for i, (cat, _reason) in enumerate(labels):
        rule = facts[i].rule
        if rule is not None and rule.heading:
            heading = rule
        elif cat is Category.PARAGRAPH:
            heading = None
        elif heading is not None and (
            labels[i] is OUTSIDE or cat in (Category.BYLINE, Category.DATELINE)
        ):
            labels[i] = (heading.category, f"after-{heading.name}")


_RULES = {rule.name: rule for rule in GENERIC_RULES}
# A line's rule (a heading rule, another rule or none) and its label after the body's passes.
_WALKED = st.lists(
    st.tuples(
        st.sampled_from([None, None, "related-heading", "comment", "share", "byline"]),
        st.sampled_from(
            [
                OUTSIDE,
                (Category.BOILERPLATE, "outside-body"),  # equal to OUTSIDE, but not it
                (Category.PARAGRAPH, "body-text"),
                (Category.BYLINE, "byline"),
                (Category.DATELINE, "dateline-shape"),
                (Category.CAPTION, "caption-pair"),
            ]
        ),
    ),
    max_size=12,
)


@given(_WALKED)
def test_after_headings_relabels_as_defined(page: list[tuple[str | None, Label]]) -> None:
    """The walk that starts at the first heading changes what the walk from the top does."""
    facts = [
        line_facts(0.0, 3, None if name is None else _RULES[name], label, False, None)
        for name, label in page
    ]
    expected = [label for _, label in page]
    _after_headings_reference(expected, facts)
    made = Page([f"line {k}" for k in range(len(page))], facts)
    blocks.after_headings(made, _TH)
    labels = made.labels
    assert all(a is b or a == b for a, b in zip(labels, expected, strict=True))
    # OUTSIDE is compared by identity: which lines hold that very label stays the same
    assert [a is OUTSIDE for a in labels] == [b is OUTSIDE for b in expected]
