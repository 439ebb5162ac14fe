"""The fitted model of the cleaner (`karabakh_corpus.cleaner.model`): the shipped weights, matched
by name, and the second stage over each line's context."""

from __future__ import annotations

import collections
import math
import re
from pathlib import Path

import pytest
from conftest import ARTICLE, page_with
from hypothesis import example, given
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus.cleaner.page import LineFacts, Page, line_facts
from karabakh_corpus.cleaner.thresholds import CONTEXT_NAMES, EDGE
from karabakh_corpus.schema import Category


def test_the_default_thresholds_are_the_shipped_model() -> None:
    """Weights are matched to features by name, from the data file the fit script writes."""
    import json

    from karabakh_corpus.cleaner import features as _features
    from karabakh_corpus.cleaner import thresholds as _thresholds

    shipped = json.loads(
        (Path(_thresholds.__file__).parent / _thresholds.MODEL_FILE).read_text(encoding="utf-8")
    )
    th = kc.Thresholds()
    assert th.weights == shipped["line"]["weights"]
    assert th.context == shipped["context"]["weights"]
    assert th.bias == shipped["line"]["bias"]
    assert th.context_bias == shipped["context"]["bias"]
    names = ("body", "keep", "extend", "rule_weight", "outside", "barrier_weight", "fallback")
    more = ("anchor", "anchor_body", "trim", "thread_text", "heading_words", "list_words")
    for name in (*names, *more):
        assert getattr(th, name) == shipped["thresholds"][name], name
    assert set(th.weights) <= set(_features.FEATURE_NAMES)
    assert set(th.context) <= set(_thresholds.CONTEXT_NAMES)
    with pytest.raises(ValueError, match=r"unknown feature names.*context"):
        kc.Thresholds(context={"colour": 1.0})


def test_weights_are_matched_by_name_not_position() -> None:
    """Reordering the weights' mapping changes nothing; a weight left out weighs 0."""
    th = kc.Thresholds()
    reordered = kc.Thresholds(
        weights=dict(reversed(list(th.weights.items()))),
        context=dict(reversed(list(th.context.items()))),
    )
    page = page_with("Home") + "\nRelated Stories\nOne more story about something else"
    assert kc.Cleaner(thresholds=reordered).clean(page).regions == kc.clean(page).regions
    # without the repetition weight a repeated line scores as if it occurred once
    no_repeat = {k: v for k, v in th.weights.items() if k != "repeated"}
    cleaner = kc.Cleaner(thresholds=kc.Thresholds(weights=no_repeat))
    twice = [ARTICLE[0], ARTICLE[0]]
    once = _logits(cleaner, [ARTICLE[0]])
    assert _logits(cleaner, twice) == once * 2


def _logits(cleaner: kc.Cleaner, lines: list[str]) -> list[float]:
    """The first-stage logits of `lines` under `cleaner`."""
    from karabakh_corpus.cleaner import model as _model
    from karabakh_corpus.cleaner.page import Page

    page = Page(lines, [cleaner._line(x) for x in lines])
    _model.first_stage(page, cleaner.thresholds)
    return page.logits


def test_a_damaged_model_file_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from karabakh_corpus.cleaner import thresholds as _thresholds

    monkeypatch.setattr(_thresholds, "MODEL_FILE", "no-such-model.json")
    with pytest.raises(kc.DataFormatError, match="fit_cleaner"):
        _thresholds.load()


def test_context_logits_are_the_weighted_context_rows(real_pages: list[str]) -> None:
    """The fast second stage equals the documented features times their weights."""
    import random

    from karabakh_corpus.cleaner import model as _model

    rng = random.Random(7)
    cleaner = kc.Cleaner()
    for text in real_pages[:10]:
        _spans, page = cleaner._read(text)
        facts = page.facts
        _model.first_stage(page, cleaner.thresholds)
        weights = [rng.uniform(-2, 2) for _ in CONTEXT_NAMES]
        # some weights 0: the terms they weigh are skipped
        weights = [0.0 if rng.random() < 0.3 else w for w in weights]
        page.title = rng.randrange(-1, len(page))
        rows = _model.context_rows(page)
        assert all(len(row) == len(CONTEXT_NAMES) for row in rows)
        fast = _model.context_logits(page, weights, 0.25)
        slow = [0.25 + sum(w * x for w, x in zip(weights, row, strict=True)) for row in rows]
        undecided = [k for k, f in enumerate(facts) if f.label is None]
        assert undecided
        assert [fast[k] for k in undecided] == pytest.approx([slow[k] for k in undecided])
        assert all(fast[k] == -100.0 for k, f in enumerate(facts) if f.label is not None)


def test_context_features_by_hand() -> None:
    from karabakh_corpus.cleaner import model as _model

    lines = [
        ARTICLE[0],
        ARTICLE[1],
        "Leave a Comment",
        "Jane Doe says:",
        "March 3, 2012 at 5:42 pm",
        "Great article, thanks for writing it.",
        "John Roe says:",
        "June 14, 2011 at 10:02 am",
    ]
    cleaner = kc.Cleaner()
    facts = [cleaner._line(x) for x in lines]
    page = Page(lines, facts)
    page.logits = [2.0] * 2 + [-3.0] * 6
    rows = _model.context_rows(page)
    col = {name: [row[k] for row in rows] for k, name in enumerate(CONTEXT_NAMES)}
    assert col["prev"][0] == EDGE and col["next"][-1] == EDGE
    assert col["prev"][1] == 2.0 and col["next"][1] == -3.0
    assert col["in_run"] == [1.0, 1.0, 0, 0, 0, 0, 0, 0]
    assert col["after_barrier"][:3] == [0.0, 0.0, 0.0]  # the barrier line itself is not after
    assert col["after_barrier"][3:] == [1.0] * 5
    # the two "says:" lines and the two timestamps share their shapes
    assert _model.shape("Jane Doe says:", 3) == _model.shape("John Roe says:", 3) == "a a a:"
    assert _model.shape("March 3, 2012 at 5:42 pm", 6) == "a 0, 0 a 0:0 a"
    assert col["shape_repeat"][3] == col["shape_repeat"][4] == pytest.approx(math.log(2))
    assert col["shape_repeat"][0] == 0.0  # long lines have no shape
    assert _model.shape(ARTICLE[0], 25) is None
    # below the comment rule's line (not on it)
    assert col["after_comment"] == [0.0, 0.0, 0.0] + [1.0] * 5
    # the two timestamps (lines 4 and 7) are datelines, so comment headers; the two
    # "says:" lines are not (a shape must recur three times); line 5 sees lines 3 to 7
    assert col["headers_near"][5] == pytest.approx(math.log1p(2))
    assert col["headers_near"][2] == pytest.approx(math.log1p(1))  # line 4 only
    assert col["headers_near"][0] == 0.0
    # without a title line, no title context
    assert col["before_title"] == col["after_title"] == col["title_distance"] == [0.0] * 8


def test_title_context_by_hand() -> None:
    from karabakh_corpus.cleaner import model as _model

    lines = ["Peace talks - News", "Home", "Peace talks", *ARTICLE[:3]]
    cleaner = kc.Cleaner()
    page = Page(lines, [cleaner._line(x) for x in lines])
    page.logits, page.title = [0.0] * 6, 2
    rows = _model.context_rows(page)
    col = {name: [row[k] for row in rows] for k, name in enumerate(CONTEXT_NAMES)}
    assert col["before_title"] == [1.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    assert col["after_title"] == [0.0, 0.0, 0.0, 1.0, 1.0, 1.0]
    assert col["title_distance"] == pytest.approx([0, 0, 0, 0, math.log(2), math.log(3)])


def test_the_outside_threshold_keeps_running_text_outside_the_body() -> None:
    """A page of two articles split by furniture, without a title line: `outside` decides
    the second one."""
    furniture = [
        "Related Stories",
        "Leave a Comment",
        "Your email address will not be published. Required fields are marked *",
        "Comments",
    ]
    page = "\n".join([*ARTICLE[:3], *furniture, *ARTICLE[3:]])
    strict = kc.Cleaner(thresholds=kc.Thresholds(outside=1.0)).clean(page)
    assert strict.paragraphs == tuple(ARTICLE[:3])
    loose = kc.Cleaner(thresholds=kc.Thresholds(outside=0.01)).clean(page)
    assert loose.paragraphs == tuple(ARTICLE)
    first = kc.Cleaner(thresholds=kc.Thresholds(outside=0.01, max_passes=1)).clean(page)
    assert [r.reason for r in first.body][3:] == ["outside-text", "outside-text"]
    # a page whose headline repeats its title is one article: nothing outside it stays
    titled = "\n".join(["Talks resume - Example News", "Talks resume", page])
    one = kc.Cleaner(thresholds=kc.Thresholds(outside=0.01)).clean(titled)
    assert one.title == "Talks resume"
    assert one.paragraphs == tuple(ARTICLE[:3])


def test_line_facts_derive_their_flags(real_pages: list[str]) -> None:
    """Every line's facts, however the cleaner built them, equal `line_facts` of their parts."""

    cleaner = kc.Cleaner()
    for page in real_pages[:10]:
        for f in cleaner._read(page)[1].facts:
            parts = (f.score, f.words, f.rule, f.label, f.empty, f.shape, f.capitalized)
            assert f == line_facts(*parts)


_HEADER_LINES = st.lists(
    st.tuples(
        st.sampled_from([None, Category.DATELINE, Category.BYLINE, Category.BOILERPLATE]),
        st.sampled_from([None, "a a:", "a 0", "a a", "0:0"]),
    ),
    max_size=30,
)


@given(_HEADER_LINES)
def test_headers_near_counts_the_headers_among_the_two_lines_either_side(
    lines: list[tuple[Category | None, str | None]],
) -> None:
    """`_headers_near` against its definition, line by line."""
    from karabakh_corpus.cleaner import model as _model

    facts = [
        line_facts(0.0, 3, None, None if cat is None else (cat, "r"), False, shape)
        for cat, shape in lines
    ]
    shapes = collections.Counter(shape for _, shape in lines if shape is not None)

    def header(f: LineFacts) -> bool:
        if f.label is not None:
            return f.label[0] in (Category.BYLINE, Category.DATELINE)
        return (
            f.shape is not None
            and shapes[f.shape] >= 3
            and ("0" in f.shape or f.shape.endswith(":"))
        )

    expected = [
        sum(header(facts[j]) for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(facts))
        for i in range(len(facts))
    ]
    assert _model._headers_near(facts, dict(shapes)) == expected


@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("aA0z9_ .,:-'éЖ٣²日\u00a0"),
            st.characters(max_codepoint=127),
            st.characters(),
        ),
        min_size=1,
        max_size=60,
    )
)
@example("snake_case 12_34 x2y")  # "_" is a word character, but no letter and no digit
@example("Éric, 3 mai ٣ x² 日本")
def test_a_shape_is_its_runs_of_letters_and_digits_replaced_on_any_line(line: str) -> None:
    """An ASCII line is shaped byte by byte: the same as the definition's two substitutions
    of letter runs by "a" and digit runs by "0" (letters and digits beyond ASCII too)."""
    from karabakh_corpus.cleaner import model as _model

    expected = re.sub(r"\d+", "0", re.sub(r"[^\W\d_]+", "a", line))
    assert _model.shape(line, 3) == expected
    assert _model.shape(line, 0) is None and _model.shape(line, 11) is None


def _constants(module: object) -> dict[str, str]:
    """The module-level numbers of `module` (NAME = number), each with the docstring that
    follows it ("" if none)."""
    import ast
    import inspect

    body = ast.parse(inspect.getsource(module)).body  # type: ignore[arg-type]
    found = {}
    for node, after in zip(body, [*body[1:], None], strict=True):
        if not (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)):
            continue
        value = node.value
        if isinstance(value, ast.UnaryOp):
            value = value.operand
        if isinstance(value, ast.Constant) and type(value.value) in (int, float):
            doc = ""
            if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
                doc = str(after.value.value)
            found[node.targets[0].id] = doc
    return found


def test_every_hand_set_number_says_what_it_is_and_its_measured_range() -> None:
    """The structure's hand-set numbers sit beside the fitted ones, each with its range."""
    from karabakh_corpus.cleaner import thresholds

    found = _constants(thresholds)
    assert {"TEXT_CHARS", "RULE_COST_CHARS", "RULE_CHARS", "BOX_LINES", "TITLE_REACH"} <= set(found)
    assert len(found) >= 14
    for name, doc in found.items():
        assert "Range:" in doc, name
        assert "not measured" not in doc, name
    from karabakh_corpus.cleaner import markup_facts

    for name, doc in _constants(markup_facts).items():
        assert "Range:" in doc and "not measured" not in doc, name
    assert "from 8 to 20" in found["BOX_LINES"]
    assert "from 0.25 to 0.7" in found["BELOW_SHARE"]


def test_no_other_module_of_the_cleaner_sets_a_number_of_its_own() -> None:
    """The passes, the model and the engine read their numbers from `thresholds`: none
    holds a module-level number, nor writes the 40- or 400-character caps as literals."""
    import ast
    import importlib
    import inspect

    for name in ("core", "passes", "model", "page", "title", "blocks", "body", "threads"):
        module = importlib.import_module(f"karabakh_corpus.cleaner.{name}")
        source = inspect.getsource(module)
        numbers = {k for k in _constants(module) if not k.startswith("_DECIDED")}
        assert not numbers - {"_KNOWN_CHARS", "_KNOWN_LINES", "_HEAD"}, name
        caps = [
            node.lineno
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and node.value in (40, 400)
        ]
        assert caps == [], (name, caps)
