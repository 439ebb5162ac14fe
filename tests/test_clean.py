"""The cleaner: its API and its guarantees (its rules: test_rules.py)."""

from __future__ import annotations

import pickle
import re
import sys
import time

import pytest
from conftest import ARTICLE, page_with
from hypothesis import given
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus import _textmap
from karabakh_corpus.rules import GENERIC_RULES, Rule
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
    assert all(r.stored_rule for r in result.regions)
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
    # every number is checked where it is given, not deep inside a later clean()
    with pytest.raises(TypeError, match=r"body must be a finite number from 0\.0 to 1\.0"):
        kc.Thresholds(body="0.5")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="keep"):
        kc.Thresholds(keep=True)
    with pytest.raises(ValueError, match=r"body must be .* not 1\.5"):
        kc.Thresholds(body=1.5)
    with pytest.raises(ValueError, match="thread_text must be a finite number of at least 0"):
        kc.Thresholds(thread_text=float("nan"))
    with pytest.raises(ValueError, match="anchor"):
        kc.Thresholds(anchor=-0.1)
    with pytest.raises(ValueError, match="list_words must be a finite number of at least 0"):
        kc.Thresholds(list_words=-1.0)
    with pytest.raises(ValueError, match="max_passes must be a whole number of at least 1"):
        kc.Thresholds(max_passes=0)
    with pytest.raises(TypeError, match="heading_words must be a whole number"):
        kc.Thresholds(heading_words=2.5)  # type: ignore[arg-type]
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


_WHITESPACE_TEXTS = st.text(
    alphabet=st.sampled_from(["a", "B", " ", "\t", "\n", "\r", "\x0b", "\u2028", "\xa0"]),
    max_size=60,
)


@given(st.one_of(TEXTS, _WHITESPACE_TEXTS))
def test_split_lines_equals_iter_lines_then_normalize(text: str) -> None:
    """The cleaner's one-pass split gives the spans of `iter_lines` and each line normalized."""
    spans, lines = _textmap.split(text)
    assert spans == tuple(_textmap.iter_lines(text))
    assert lines == [_textmap.normalize(text[a:b]) for a, b in spans]


def _split_reference(text: str) -> tuple[tuple[tuple[int, int], ...], list[str]]:
    """`_textmap.split` as defined, with string methods: the text cut at its line breaks,
    each non-blank line's bounds without its outer whitespace, and its words joined by one
    space."""
    pieces = re.split(r"(\r\n|\r|\n)", text)
    spans, lines, at = [], [], 0
    for k in range(0, len(pieces), 2):
        raw = pieces[k]
        if raw.strip():
            spans.append((at + len(raw) - len(raw.lstrip()), at + len(raw.rstrip())))
            lines.append(" ".join(raw.split()))
        at += len(raw) + (len(pieces[k + 1]) if k + 1 < len(pieces) else 0)
    return tuple(spans), lines


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["a", "B", "é", "Ж", "日", " ", "\n", "\r", "\r\n", "\x1c", "\x85"]),
            st.sampled_from(_textmap._ODD_SPACES),
            st.characters(),
        ),
        max_size=80,
    ).map("".join)
)
def test_split_equals_its_definition_with_and_without_carriage_returns(text: str) -> None:
    """A text without "\r" is read with a faster pattern: both give the definition's lines."""
    assert _textmap.split(text) == _split_reference(text)
    unix = text.replace("\r", "")
    assert _textmap.split(unix) == _split_reference(unix)


def test_the_odd_spaces_are_every_whitespace_character_but_space_and_line_breaks() -> None:
    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(_textmap._ODD_SPACES) == every - {" ", "\r", "\n"}


@pytest.mark.parametrize("space", list(_textmap._ODD_SPACES))
def test_every_odd_space_is_found_on_an_ascii_page_and_on_one_beyond_it(space: str) -> None:
    """The split's fast path (trimmed lines are already normalized) must not miss one."""
    for line in ("Talks in Baku", "Talks “in” Baku"):
        page = line + "\nend"
        assert not _textmap._has_odd_space(page)
        odd = page.replace(" Baku", space + "Baku")
        assert _textmap._has_odd_space(odd)
        assert _textmap.split(odd)[1] == [line, "end"]
