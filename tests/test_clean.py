"""The cleaner: its API and its guarantees (its rules: test_rules.py)."""

from __future__ import annotations

import math
import pickle
import time
from pathlib import Path

import pytest
from conftest import ARTICLE, page_with
from hypothesis import given
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus import _textmap
from karabakh_corpus._rules import GENERIC_RULES, Rule
from karabakh_corpus.schema import Category


def test_result_parts() -> None:
    page = "\n".join(
        [
            "Home",
            "Menu",
            "Talks resume between Armenia and Azerbaijan",
            "By Jane Doe",
            "Friday 14 July 2023 10:05 GMT",
            *ARTICLE,
            "Related Stories",
            "Share this article",
            "Copyright © 2023 Example Media. All rights reserved.",
        ]
    )
    result = kc.clean(page)
    assert result.title == "Talks resume between Armenia and Azerbaijan"
    assert result.paragraphs == tuple(ARTICLE)
    assert result.text == "\n\n".join(ARTICLE)
    categories = {_textmap.normalize(r.text): r.category for r in result.stripped}
    assert categories["By Jane Doe"] is Category.BYLINE
    assert categories["Friday 14 July 2023 10:05 GMT"] is Category.DATELINE
    assert categories["Related Stories"] is Category.RELATED_STORIES
    assert categories["Share this article"] is Category.SHARE_PROMPT
    assert (
        categories["Copyright © 2023 Example Media. All rights reserved."] is Category.LEGAL_NOTICE
    )
    assert all(r.rule for r in result.regions)
    assert "navigation" in result.explain()


def test_whitespace_is_normalized_and_mapped() -> None:
    text = "  " + ARTICLE[0].replace(" ", "\u00a0", 3) + "\u202f \n\n\n\n" + ARTICLE[1] + "\t\n"
    result = kc.clean(text)
    assert result.text == ARTICLE[0] + "\n\n" + ARTICLE[1]
    nbsp = text.index("\u00a0")
    assert result.to_output(nbsp) == result.text.index(" ")
    assert result.to_input(0) == 2
    separator = len(ARTICLE[0])
    assert result.text[separator : separator + 2] == "\n\n"
    assert text[result.to_input(separator)].isspace()


def test_empty_and_blank_inputs() -> None:
    for text in ("", "   ", "\n\n\n", "\u00a0\t\u202f"):
        result = kc.clean(text)
        assert result.text == ""
        assert result.regions == ()
        assert result.title is None


def test_bad_input_types() -> None:
    for bad in (None, 3, ["text"], {"text": "x"}):
        with pytest.raises(TypeError, match="str"):
            kc.clean(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="encoding"):
        kc.clean(b"Some bytes")
    with pytest.raises(TypeError, match="bytes only"):
        kc.clean("text", encoding="utf-8")


def test_bytes_need_an_explicit_encoding() -> None:
    data = "\n\n".join(ARTICLE).encode("utf-16")
    assert kc.clean(data, encoding="utf-16").paragraphs == tuple(ARTICLE)
    with pytest.raises(UnicodeDecodeError, match="not valid utf-8"):
        kc.clean(b"caf\xe9 \xff\xfe", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown encoding"):
        kc.clean(b"abc", encoding="no-such-codec")


def test_cleaner_options_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown cleaner profile"):
        kc.Cleaner(profile="no-such-site")
    with pytest.raises(TypeError, match="Rule"):
        kc.Cleaner(rules=["advertisement"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="Thresholds"):
        kc.Cleaner(thresholds={"body": 0.5})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown feature"):
        kc.Thresholds(weights={"colour": 1.0})
    with pytest.raises(ValueError, match="unique"):
        kc.Cleaner(rules=GENERIC_RULES + GENERIC_RULES[:1])
    with pytest.raises(ValueError, match="bad pattern"):
        kc.Cleaner(rules=[Rule("broken", Category.ADVERTISEMENT, "(unclosed")])
    with pytest.raises(ValueError, match="article category"):
        Rule("wrong", Category.PARAGRAPH, "x")


def test_users_extend_the_rules() -> None:
    promo = Rule(
        "promo-code",
        Category.ADVERTISEMENT,
        r"use code \w+ for \d+% off",
        examples_drop=("Use code PEACE for 20% off",),
    )
    page = page_with("Use code PEACE for 20% off")
    assert "PEACE" in kc.clean(page).text
    result = kc.Cleaner(rules=(*GENERIC_RULES, promo)).clean(page)
    assert "PEACE" not in result.text
    assert [r.rule for r in result.stripped] == ["promo-code"]


def test_cleaner_pickles_with_its_configuration() -> None:
    promo = Rule("promo", Category.ADVERTISEMENT, r"use code \w+")
    cleaner = kc.Cleaner(profile=[promo], thresholds=kc.Thresholds(keep=0.3))
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy.rules == cleaner.rules
    assert copy.thresholds == cleaner.thresholds
    page = page_with("Use code PEACE")
    assert copy.clean(page).regions == cleaner.clean(page).regions


# -- guarantees --------------------------------------------------------------------------

_LINES = st.lists(
    st.one_of(
        st.sampled_from([*ARTICLE, "Home", "Advertisement", "By Jane Doe", "Share", ""]),
        st.text(max_size=80),
    ),
    max_size=25,
)
TEXTS = st.one_of(st.text(max_size=400), _LINES.map("\n".join))


def _check(text: str) -> None:
    result = kc.clean(text)
    out = result.text
    # Output characters map back to the input exactly.
    for j, ch in enumerate(out):
        i = result.to_input(j)
        assert ch == text[i] or (ch.isspace() and text[i].isspace()), (j, i)
    for i, ch in enumerate(text):
        j = result.to_output(i)
        if j is not None:
            assert out[j] == ch or (ch.isspace() and out[j] == " ")
    # Every non-blank line is a region, once, in order, and spans slice the input.
    assert [(r.start, r.end) for r in result.regions] == list(_textmap.iter_lines(text))
    for region in result.regions:
        assert text[region.start : region.end] == region.text
    # Idempotent and deterministic.
    assert kc.clean(out).text == out
    assert kc.clean(text).regions == result.regions


@given(TEXTS)
def test_guarantees_on_arbitrary_text(text: str) -> None:
    _check(text)


def _real_pages(bench: Path | None) -> list[str]:
    from conftest import DATA

    pages = [p.read_text("utf-8") for p in sorted((DATA / "raw").glob("*.txt"))]
    if bench is not None:
        pages += [p.read_text("utf-8") for p in sorted((bench / "text").glob("*.txt"))[:20]]
    return pages


@pytest.fixture(scope="module")
def real_pages(request: pytest.FixtureRequest) -> list[str]:
    from conftest import BENCH

    return _real_pages(BENCH if (BENCH / "text").is_dir() else None)


def test_guarantees_on_real_pages(real_pages: list[str]) -> None:
    for page in real_pages:
        _check(page)


@given(st.data())
def test_guarantees_on_mutated_real_pages(real_pages: list[str], data: st.DataObject) -> None:
    page = data.draw(st.sampled_from(real_pages))
    lines = page.split("\n")
    for _ in range(data.draw(st.integers(1, 6))):
        k = data.draw(st.integers(0, max(0, len(lines) - 1)))
        action = data.draw(st.sampled_from(["drop", "duplicate", "insert", "swap", "garble"]))
        if action == "drop" and lines:
            del lines[k]
        elif action == "duplicate" and lines:
            lines.insert(k, lines[k])
        elif action == "insert":
            lines.insert(k, data.draw(st.text(max_size=60)))
        elif action == "swap" and len(lines) > 1:
            lines[k], lines[k - 1] = lines[k - 1], lines[k]
        elif lines:
            cut = data.draw(st.integers(0, len(lines[k])))
            lines[k] = lines[k][:cut] + data.draw(st.text(max_size=5)) + lines[k][cut:]
    _check("\n".join(lines))


def test_real_pages_converge_in_few_passes(real_pages: list[str]) -> None:
    """Cleaning reaches its fixed point well before the limit on passes."""
    cleaner = kc.Cleaner(thresholds=kc.Thresholds(max_passes=4))
    for page in real_pages:
        assert cleaner.clean(page).text == kc.clean(page).text


PATHOLOGICAL = {
    "one long line": lambda n: "a" * n,
    "long capitalized words": lambda n: ("By A" + "a" * (n // 4) + " ") * 3,
    "many short lines": lambda n: "Home\n" * (n // 5),
    "whitespace": lambda n: " \u00a0\t\n\u202f" * (n // 5),
    "repeated article": lambda n: ("\n".join(ARTICLE) + "\n") * (n // 800 + 1),
    "nested brackets": lambda n: "((([[[" * (n // 6),
}


@pytest.mark.parametrize("make", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_time_grows_linearly_on_pathological_inputs(make: object) -> None:
    """Doubling the input about doubles the time (no catastrophic backtracking).

    The absolute speed is measured by benchmarks/clean_bench.py; here only the growth is
    checked, on CPU time, with a wide margin for noise.
    """

    def cost(n: int) -> float:
        text = make(n)  # type: ignore[operator]
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            kc.clean(text)
            best = min(best, time.process_time() - start)
        return max(best, 1e-3)

    small, large = cost(100_000), cost(400_000)
    assert large / small < 8, (small, large)  # linear: about 4; quadratic: about 16


# -- many texts ------------------------------------------------------------------------------


def test_clean_many_in_processes_equals_one_process(real_pages: list[str]) -> None:
    pages = real_pages[:12]
    one = [r.regions for r in kc.clean_many(pages)]
    two = [r.regions for r in kc.clean_many(pages, processes=2, chunksize=3)]
    assert one == two == [kc.clean(p).regions for p in pages]


def test_clean_many_ships_the_cleaner_to_workers() -> None:
    promo = Rule("promo", Category.ADVERTISEMENT, r"use code \w+")
    cleaner = kc.Cleaner(profile=[promo])
    pages = [page_with("Use code PEACE")] * 3
    results = list(kc.clean_many(pages, cleaner=cleaner, processes=2))
    assert all(r.stripped[0].rule == "promo" for r in results)


def test_clean_many_checks_its_options() -> None:
    with pytest.raises(ValueError, match="processes"):
        list(kc.clean_many(["x"], processes=0))
    with pytest.raises(ValueError, match="chunksize"):
        list(kc.clean_many(["x"], chunksize=0))


def test_progress_needs_its_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.raises(kc.MissingExtraError, match=r"karabakh-corpus\[progress\]"):
        list(kc.clean_many(["x"], progress=True))
    assert [r.text for r in kc.clean_many(["x"])] == [""]  # no bar wanted: no error


def test_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    results = list(kc.clean_many([page_with("Home")] * 4, progress=True, total=4))
    assert len(results) == 4
    assert "4/4" in capsys.readouterr().err


# -- the fitted model ------------------------------------------------------------------------


def test_the_default_thresholds_are_the_shipped_model() -> None:
    """Weights are matched to features by name, from the data file the fit script writes."""
    import json

    from karabakh_corpus import _features, _model

    shipped = json.loads((Path(kc.__file__).parent / _model.MODEL_FILE).read_text(encoding="utf-8"))
    th = kc.Thresholds()
    assert th.weights == shipped["line"]["weights"]
    assert th.context == shipped["context"]["weights"]
    assert th.bias == shipped["line"]["bias"]
    assert th.context_bias == shipped["context"]["bias"]
    for name in ("body", "keep", "extend", "rule_weight", "outside", "barrier_weight"):
        assert getattr(th, name) == shipped["thresholds"][name], name
    assert set(th.weights) <= set(_features.FEATURE_NAMES)
    assert set(th.context) <= set(_model.CONTEXT_NAMES)
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
    once = cleaner._logits([ARTICLE[0]], [cleaner._line(ARTICLE[0])])
    assert cleaner._logits(twice, [cleaner._line(ARTICLE[0])] * 2) == once * 2


def test_a_damaged_model_file_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from karabakh_corpus import _model

    monkeypatch.setattr(_model, "MODEL_FILE", "no-such-model.json")
    with pytest.raises(kc.DataFormatError, match="fit_cleaner"):
        _model.load()


def test_context_logits_are_the_weighted_context_rows(real_pages: list[str]) -> None:
    """The fast second stage equals the documented features times their weights."""
    import random

    from karabakh_corpus import _model

    rng = random.Random(7)
    cleaner = kc.Cleaner()
    for page in real_pages[:10]:
        _spans, lines, facts = cleaner._page(page)
        logits = cleaner._logits(lines, facts)
        lengths = [len(x) for x in lines]
        weights = [rng.uniform(-2, 2) for _ in _model.CONTEXT_NAMES]
        rows = _model.context_rows(logits, lengths, facts)
        assert all(len(row) == len(_model.CONTEXT_NAMES) for row in rows)
        fast = _model.context_logits(logits, lengths, facts, weights, 0.25)
        slow = [0.25 + sum(w * x for w, x in zip(weights, row, strict=True)) for row in rows]
        undecided = [k for k, f in enumerate(facts) if f.label is None]
        assert undecided
        assert [fast[k] for k in undecided] == pytest.approx([slow[k] for k in undecided])
        assert all(fast[k] == -100.0 for k, f in enumerate(facts) if f.label is not None)


def test_context_features_by_hand() -> None:
    from karabakh_corpus import _model

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
    rows = _model.context_rows([2.0] * 2 + [-3.0] * 6, [len(x) for x in lines], facts)
    col = {name: [row[k] for row in rows] for k, name in enumerate(_model.CONTEXT_NAMES)}
    assert col["prev"][0] == _model.EDGE and col["next"][-1] == _model.EDGE
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


def test_the_outside_threshold_keeps_running_text_outside_the_body() -> None:
    """A page of two articles split by furniture: `outside` decides the second one."""
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
    assert [r.rule for r in first.body][3:] == ["outside-text", "outside-text"]
