"""Reanchoring (`karabakh_corpus.corpus.anchor`): moving spans from one version of a text to the
next, exactly or with a reason, and the properties of the alignment."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus.corpus import anchor as _anchor

# -- reanchoring -----------------------------------------------------------------------------

OLD = "Putin hosted the talks in Sochi. Aliyev and Pashinyan met in Sochi on Monday."


def test_reanchor_accepts_spans_and_tuples() -> None:
    new = "MOSCOW (AP) — " + OLD
    start = OLD.index("Aliyev")
    expected = kc.Span(start + 14, start + 20, "Aliyev")
    assert kc.reanchor(kc.Span(start, start + 6, "Aliyev"), OLD, new) == expected
    assert kc.reanchor((start, start + 6), OLD, new) == expected
    assert kc.reanchor((start, start + 6, "Aliyev"), OLD, new) == expected


def test_reanchor_uses_context_for_repeated_quotes() -> None:
    second = OLD.rindex("Sochi")
    new = OLD.replace("Putin hosted", "Russian President Vladimir Putin hosted")
    moved = kc.reanchor((second, second + 5), OLD, new)
    assert moved.start == new.rindex("Sochi")


def test_reanchor_reports_an_edit_inside_as_changed() -> None:
    start = OLD.index("Pashinyan met")
    new = OLD.replace("Pashinyan met", "Pashinian met")
    moved = kc.reanchor((start, start + len("Pashinyan met")), OLD, new)
    assert moved == kc.Span(start, start + 13, "Pashinian met")
    result = _move(OLD, new, start, start + 13)
    assert result.status == "changed"
    assert "'Pashinyan met' is now 'Pashinian met'" in result.reason


def _move(old: str, new: str, start: int, end: int) -> kc.Reanchored:
    return _anchor.move(kc.Span(start, end, old[start:end]), _anchor.align(old, new))


def test_reanchor_keeps_the_type_and_attributes_of_an_annotation() -> None:
    doc = kc.load()["532e919b6eb4de28"]
    quote = next(
        a for a in doc.annotations if isinstance(a, kc.Quotation) and a.speaker_span is not None
    )
    entity = next(a for a in doc.annotations if isinstance(a, kc.Entity))
    new = "Breaking. " + doc.raw
    moved = kc.reanchor(entity, doc.raw, new)
    assert type(moved) is kc.Entity
    assert moved == attrs.evolve(entity, start=entity.start + 10, end=entity.end + 10)
    moved = kc.reanchor(quote, doc.raw, new)
    assert type(moved) is kc.Quotation
    linked = quote.speaker_span
    assert linked is not None
    assert moved == attrs.evolve(
        quote,
        start=quote.start + 10,
        end=quote.end + 10,
        speaker_span=kc.Span(linked.start + 10, linked.end + 10, linked.text),
    )
    assert type(kc.reanchor((0, 3), doc.raw, new)) is kc.Span


def test_a_lost_span_says_why() -> None:
    old = "The talks began in Sochi on Monday."
    new = "The summit opened in Sochi on Monday."
    start = old.index("talks")
    result = _move(old, new, start, start + 5)
    assert (result.status, result.new) == ("lost", None)
    assert "no longer occurs" in result.reason
    with pytest.raises(kc.AnchorError, match="'talks'"):
        kc.reanchor((start, start + 5), old, new)
    gone = old.replace(" on Monday", "")
    at = old.index("Monday")
    assert _move(old, gone, at, at + 6).status == "lost"


def test_text_inserted_at_the_edge_stays_outside() -> None:
    old = "leaders of Armenia and Azerbaijan"
    at = old.index("Armenia")
    for new in (
        "leaders of the Republic of Armenia and Azerbaijan",
        "leaders of Armenia, Georgia and Azerbaijan",
        "leaders of xArmenia and Azerbaijan",
        "leaders of Armeniax and Azerbaijan",
    ):
        result = _move(old, new, at, at + 7)
        assert result.status == "moved", (new, result)
        assert result.new == kc.Span(new.index("Armenia"), new.index("Armenia") + 7, "Armenia")


def test_an_edited_span_is_not_moved_onto_another_mention() -> None:
    old = "Armenia said talks on Armenia and Azerbaijan would go on"
    new = "Armxenia said talks on Armenia and Azerbaijan would go on"
    result = _move(old, new, 0, 7)
    assert result.new == kc.Span(0, 8, "Armxenia")
    assert result.status == "changed"


def test_a_repeated_edge_is_not_mistaken_for_an_edit_inside() -> None:
    # the alignment may place an insertion or deletion next to repeated text inside the span
    assert _move("xab", "abab", 1, 3).new == kc.Span(2, 4, "ab")
    assert _move("abxa", "aab", 0, 2).new == kc.Span(1, 3, "ab")
    assert _move("ab cd", "cd ab", 3, 5).new == kc.Span(0, 2, "cd")  # traded for "ab"
    # which "b" of "xbb" went is unknowable: nothing is chosen
    assert _move("xbb", "xb", 2, 3).status == "lost"


def test_a_suffix_that_survives_is_aligned() -> None:
    assert kc.reanchor((2, 4), "zzab", "ab  ab") == kc.Span(4, 6, "ab")


def test_reanchor_errors() -> None:
    with pytest.raises(kc.AnchorError, match="'Putin'"):
        kc.reanchor((0, 5), OLD, "Something else entirely.")
    with pytest.raises(kc.AnchorError, match="covers"):
        kc.reanchor((0, 5, "Aliyev"), OLD, OLD + "!")
    with pytest.raises(kc.AnchorError, match="not a non-empty span"):
        kc.reanchor((10, 5), OLD, OLD)
    with pytest.raises(TypeError, match="span"):
        kc.reanchor("Aliyev", OLD, OLD)
    with pytest.raises(TypeError, match="str"):
        kc.reanchor((0, 5), OLD, None)  # type: ignore[arg-type]


# -- properties of the alignment -------------------------------------------------------------

_WORDS = st.lists(
    st.sampled_from(["the", "talks", "in", "Sochi", "Aliyev", "met", "a", ",", ".", "2020"]),
    max_size=40,
).map(" ".join)


@st.composite
def _text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(st.one_of(st.text(min_size=1, max_size=200), _WORDS.filter(bool)))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@st.composite
def _edited(draw: st.DrawFn, text: str, alphabet: st.SearchStrategy[str]) -> str:
    """`text` with a few random insertions and deletions."""
    chars = list(text)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(chars)))
        if draw(st.booleans()) and at < len(chars):
            del chars[at : at + draw(st.integers(1, 5))]
        else:
            chars[at:at] = draw(st.text(alphabet, min_size=1, max_size=6))
    return "".join(chars)


@given(_text_and_span())
def test_reanchor_keeps_offsets_in_an_unchanged_text(case: tuple[str, int, int]) -> None:
    text, start, end = case
    assert kc.reanchor((start, end), text, text) == kc.Span(start, end, text[start:end])


_VOCABULARY = [
    "Armenia",
    "Azerbaijan",
    "Russia",
    "Putin",
    "Aliyev",
    "Pashinyan",
    "leaders",
    "met",
    "talks",
    "in",
    "Sochi",
    "on",
    "Monday",
    "the",
    "a",
    "of",
    "and",
    "to",
    "said",
    "peace",
    "deal",
    "war",
    "2020",
    "border",
    "troops",
    ",",
    ".",
    "“",
    "”",
]


@st.composite
def _sentence_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    """Text made of words (which repeat), and a span from the start of one word to the end
    of another: the spans annotators make."""
    words = draw(st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=60))
    first = draw(st.integers(0, len(words) - 1))
    last = draw(st.integers(first, len(words) - 1))
    start = len(" ".join(words[:first])) + (1 if first else 0)
    end = len(" ".join(words[: last + 1]))
    return " ".join(words), start, end


@given(_sentence_and_span(), st.data())
def test_an_unchanged_span_always_comes_back_exact(
    case: tuple[str, int, int], data: st.DataObject
) -> None:
    text, start, end = case
    quote = text[start:end]
    letters = st.sampled_from("abcdefgh ,.AS")
    before = data.draw(_edited(text[:start], letters))
    after = data.draw(_edited(text[end:], letters))
    new = before + quote + after
    # where the quote occurs more than once, which one the span was is unknowable
    assume(len(_anchor.find_all(text, quote)) == len(_anchor.find_all(new, quote)) == 1)
    result = _move(text, new, start, end)
    assert result.status == "moved", result
    assert result.new == kc.Span(len(before), len(before) + len(quote), quote)


@given(st.data())
def test_a_span_is_never_moved_onto_text_it_did_not_cover(data: st.DataObject) -> None:
    # All characters differ and inserted ones are new, so each character of the new text is
    # known to be a given old one, or one inserted at a known place.
    size = data.draw(st.integers(1, 60))
    old = "".join(chr(0x4E00 + i) for i in range(size))
    start = data.draw(st.integers(0, size - 1))
    end = data.draw(st.integers(start + 1, size))
    origin: list[int | None] = list(range(size))  # per new character: its old index or None
    place: list[float] = [float(i) for i in range(size)]  # where in the old text it sits
    fresh = iter(range(0x3041, 0x3041 + 1_000))
    for _ in range(data.draw(st.integers(0, 8))):
        at = data.draw(st.integers(0, len(origin)))
        if data.draw(st.booleans()) and at < len(origin):
            cut = data.draw(st.integers(1, 4))
            del origin[at : at + cut]
            del place[at : at + cut]
        else:
            count = data.draw(st.integers(1, 4))
            where = place[at - 1] + 0.5 if at else -0.5
            origin[at:at] = [None] * count
            place[at:at] = [where] * count
    new = "".join(old[o] if o is not None else chr(next(fresh)) for o in origin)
    result = _move(old, new, start, end)
    if result.new is None:
        assert result.status == "lost"
        return
    assert new[result.new.start : result.new.end] == result.new.text
    for k in range(result.new.start, result.new.end):
        o = origin[k]
        if o is not None:  # an old character: one the span covered
            assert start <= o < end, (result, k)
        else:  # an inserted one: inside the span, or at its edge where its text was cut
            assert start - 1 <= place[k] <= end, (result, k)
    if result.status == "moved":
        assert result.new.text == old[start:end]
