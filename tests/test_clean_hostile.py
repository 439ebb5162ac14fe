"""The cleaner under hostile input: lone surrogates and patterns built to make it backtrack."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus import _textmap

# -- lone surrogates -------------------------------------------------------------------------

SURROGATES = ("\ud800", "\udfff", "\ud83d", "\ude00")


def test_a_lone_surrogate_is_kept_as_a_character() -> None:
    text = "Talks \ud800 resumed in Brussels on Friday, officials from both sides said."
    result = kc.clean(text)
    assert result.text == text
    assert result.to_input(text.index("\ud800")) == 6
    for region in result.regions:
        assert text[region.start : region.end] == region.text


def test_a_truncated_emoji_in_a_page() -> None:
    page = (
        "Home\nPeace talks resume \ud83d\n"
        "Talks between Armenia and Azerbaijan resumed on Friday \ud83d, officials said, "
        "after a pause of several weeks in which both sides accused each other.\n"
        "Share \udc00 this article\n"
    )
    result = kc.clean(page)
    assert "\ud83d" in result.text
    assert all(page[r.start : r.end] == r.text for r in result.regions)


# Built from a list of characters: st.text() leaves surrogates out whatever its alphabet.
_WITH_SURROGATES = st.lists(
    st.one_of(
        st.characters(exclude_categories=()),  # every code point, surrogates included
        st.sampled_from(SURROGATES),
        st.sampled_from(" \n\u00a0"),
    ),
    max_size=300,
).map("".join)
_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "Talks between Armenia and Azerbaijan resumed on Friday, officials said.",
                "By Jane Doe",
                "Share",
                "Advertisement",
                "2 March 2022 10:15 GMT",
            ]
        ),
        _WITH_SURROGATES,
    ),
    max_size=20,
)


@given(st.one_of(_WITH_SURROGATES, _LINES.map("\n".join)))
def test_guarantees_hold_with_lone_surrogates(text: str) -> None:
    result = kc.clean(text)  # never raises on a str
    out = result.text
    for j, ch in enumerate(out):
        i = result.to_input(j)
        assert ch == text[i] or (ch.isspace() and text[i].isspace()), (j, i)
    assert [(r.start, r.end) for r in result.regions] == list(_textmap.iter_lines(text))
    for region in result.regions:
        assert text[region.start : region.end] == region.text
    assert kc.clean(out).text == out
