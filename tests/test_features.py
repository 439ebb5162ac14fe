"""Per-line features (`karabakh_corpus.cleaner.features`): each value under its own name."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from karabakh_corpus.cleaner import features as _features
from karabakh_corpus.cleaner.lexicon.dates import (
    DATE_LABELS,
    DATE_NAMES,
    DATE_WORDS,
    NAMED_DATE_WORDS,
)


def test_line_and_page_features_split_the_feature_names() -> None:
    assert set(_features.LINE_FEATURES) | set(_features.PAGE_FEATURES) == set(
        _features.FEATURE_NAMES
    )
    assert not set(_features.LINE_FEATURES) & set(_features.PAGE_FEATURES)
    assert "repeated" in _features.PAGE_FEATURES


def test_describe_gives_each_line_feature_under_its_name() -> None:
    """Worked by hand: 15 characters, 3 words, 2 of 3 words capitalized, one comma."""
    row, words, tokens = _features.describe("Talks, in Baku.")
    assert len(row) == len(_features.LINE_FEATURES)
    named = dict(zip(_features.LINE_FEATURES, row, strict=True))
    assert named == pytest.approx(
        {
            "length": math.log1p(15),
            "words": math.log1p(3),
            "sentence_end": 1.0,
            "capitalized": 2 / 3,
            "digits": 0.0,
            "commas": 1 / 3,
            "link": 0.0,
            "separators": 0.0,
            "short": 1.0,
            "lower_start": 0.0,
            "ellipsis": 0.0,
            "colon_end": 0.0,
            "bullet": 0.0,
            "all_caps": 0.0,
        }
    )
    assert (words, tokens) == (3, ["talks", "in", "baku"])
    row, _, _ = _features.describe("see www.example.com | 2024 | more")
    named = dict(zip(_features.LINE_FEATURES, row, strict=True))
    assert named["link"] == 1.0 and named["lower_start"] == 1.0 and named["separators"] > 0


@pytest.mark.parametrize(
    ("line", "marks"),
    [
        ("Talks resume in Baku…", {"ellipsis"}),
        ("Read the full story...", {"ellipsis"}),
        ("Location:", {"colon_end"}),
        ("• Prisoners to be exchanged", {"bullet"}),
        ("- Prisoners to be exchanged", {"bullet"}),
        ("12) The border commission", {"bullet"}),
        ("3. The border commission", {"bullet"}),
        ("2024 was a year of talks", set()),  # a number, but no list mark after it
        ("MORE FROM WORLD", {"all_caps"}),
        ("NATO AND THE EU:", {"all_caps", "colon_end"}),
        ("The talks, in Baku, ended.", set()),
    ],
)
def test_the_marks_of_teasers_labels_list_items_and_capitals(line: str, marks: set[str]) -> None:
    row, _, _ = _features.describe(line)
    named = dict(zip(_features.LINE_FEATURES, row, strict=True))
    flags = {"ellipsis", "colon_end", "bullet", "all_caps"}
    assert {name for name in flags if named[name] == 1.0} == marks
    assert all(named[name] in (0.0, 1.0) for name in flags)


def _reference(line: str) -> tuple[float, float, list[str]]:
    """Capitalized share and word count as the feature names define them, the slow way."""
    initials = re.findall(r"\b[^\W\d_]", line)
    capitalized = sum(c.isupper() for c in initials) / len(initials) if initials else 0.0
    tokens = re.findall(r"\w+", line.lower())
    return capitalized, math.log1p(len(tokens)), tokens


@given(st.text(alphabet=st.characters(max_codepoint=127), min_size=1, max_size=80))
def test_describe_counts_ascii_words_and_capitals_as_defined(line: str) -> None:
    capitalized, words, tokens = _reference(line)
    row, n, found = _features.describe(line)
    named = dict(zip(_features.LINE_FEATURES, row, strict=True))
    assert (named["capitalized"], named["words"], found, n) == (
        capitalized,
        words,
        tokens,
        len(tokens),
    )


@pytest.mark.parametrize("limit", [0, 2, 3, 10])
def test_describe_lists_tokens_up_to_the_limit_only(limit: int) -> None:
    """An ASCII line of more words than `token_limit` comes without its tokens; others keep them."""
    _, n, tokens = _features.describe("One two Three", limit)
    assert n == 3
    assert tokens == (None if limit < 3 else ["one", "two", "three"])
    # a line of non-ASCII words always lists them; one that is not ASCII only through its
    # punctuation is read as an ASCII line
    assert _features.describe("Één twee drie", 0)[2] == ["één", "twee", "drie"]
    _, n, tokens = _features.describe("“One” two — Three…", limit)
    assert n == 3
    assert tokens == (None if limit < 3 else ["one", "two", "three"])


# Mostly the characters that meet in scraped news (ASCII, typographic punctuation, accented
# and Cyrillic letters, CJK text and punctuation), but any character may come.
_PUNCTUATION = "’“”‘—–…•»«©·›►→£€®™\u00a0\u200b"
_SCRAPED = st.one_of(
    st.characters(max_codepoint=127),
    st.sampled_from(_PUNCTUATION + ",|"),
    st.sampled_from("éÉßİıΣςσЖжⅨ²½١٢ـ\u0301、。，،の日本語ไทย\ud83d\udc80"),
    st.characters(),
)


@given(st.text(alphabet=_SCRAPED, min_size=1, max_size=80), st.sampled_from([None, 0, 3, 12]))
@example("Talks「。」", 0)  # CJK punctuation: no word character, but an unspaced script
@example("Переговоры — “в Баку”", 1)
@example("Home » World | Europe • Asia · Baku › Talks, 1، 2、3，", None)
@example("a_1 B_2 __ 3 c", 12)  # "_" is a word character, no digit
@example("x_1 Y2 " * 8 + "z", 3)  # too many words for the limit
@example("a b c d", 3)  # short, yet more words than the limit
@example("„Über 3½ Mio. ×2“ – ÄÖÜ ßª º µ²³¹ ÿ", 0)  # Latin-1 words, beyond-Latin-1 marks
@example("Größe:\xa0Straße\x85Ende", 3)  # Latin-1 spaces: no word characters
def test_describe_counts_words_capitals_and_digits_as_defined(line: str, limit: int | None) -> None:
    """Any text, whatever path `describe` takes for it: the counts of the plain definitions
    (`_reference`; unspaced scripts count a word per two characters, `word_count`)."""
    capitalized, _, tokens = _reference(line)
    row, n, found = _features.describe(line, limit)
    named = dict(zip(_features.LINE_FEATURES, row, strict=True))
    assert n == _features.word_count(line)
    assert named["words"] == math.log1p(n)
    assert named["capitalized"] == capitalized
    assert named["digits"] == sum(c in "0123456789" for c in line) / len(line)
    assert named["short"] == (1.0 if n <= 3 else 0.0)
    per_word = 1.0 / n if n else 1.0
    assert named["commas"] == sum(c in ",،、，" for c in line) * per_word
    assert named["separators"] == sum(c in "|•·»›" for c in line) * per_word
    assert found == tokens or (limit is not None and found is None and n > limit)
    if all(c.isascii() or c in _PUNCTUATION for c in line):
        # ASCII but for punctuation: the tokens are left out exactly when there are too many
        assert (found is None) == (limit is not None and n > limit)


# Latin-1 (every character of it), the punctuation of German and French text beyond it, and
# a few letters beyond it: lines whose words are all in Latin-1, and lines that are not.
_LATIN1 = st.one_of(
    st.characters(max_codepoint=255),
    st.sampled_from("„“”‚‘’–—…€•›İıΣσЖ"),
)


@given(st.text(alphabet=_LATIN1, min_size=1, max_size=80), st.sampled_from([None, 0, 3, 12]))
def test_describe_reads_latin1_words_as_defined(line: str, limit: int | None) -> None:
    """A line whose words are all in Latin-1 is read from its Latin-1 bytes: the counts and
    tokens are those of the plain definitions (`_reference`), and the tokens of a line with
    a word beyond ASCII are listed whatever the limit."""
    capitalized, _, tokens = _reference(line)
    row, n, found = _features.describe(line, limit)
    named = dict(zip(_features.LINE_FEATURES, row, strict=True))
    assert (n, named["capitalized"]) == (len(tokens), capitalized)
    if not all(token.isascii() for token in tokens):
        assert found == tokens
    else:
        assert found == tokens or (limit is not None and found is None and n > limit)
    assert named["digits"] == sum(c in "0123456789" for c in line) / len(line)


@given(st.text(alphabet=st.sampled_from("a B1 é’—" + "،、，•·»›,|"), min_size=1, max_size=30))
@example("Baku › Talks")
@example("Talks、Baku")
def test_describe_counts_each_comma_and_separator_on_lines_with_few(line: str) -> None:
    """Lines that hold one or two kinds of comma or separator, in ASCII or beyond: the
    counts of the definitions (the marks beyond ASCII are counted only where found)."""
    row, n, _ = _features.describe(line)
    named = dict(zip(_features.LINE_FEATURES, row, strict=True))
    per_word = 1.0 / n if n else 1.0
    assert named["commas"] == sum(c in ",،、，" for c in line) * per_word
    assert named["separators"] == sum(c in "|•·»›" for c in line) * per_word


@given(st.text(alphabet=st.sampled_from("a .…:!?。\"'”’»)]」』"), min_size=1, max_size=12))
@example("Talks in Baku...")
@example("“Talks.”")
def test_describe_reads_how_a_line_ends_as_defined(line: str) -> None:
    """Sentence punctuation behind quotes, an ellipsis and a final colon: as defined
    (`ends_sentence`, `str.endswith`), whatever the last characters are."""
    row, _, _ = _features.describe(line)
    named = dict(zip(_features.LINE_FEATURES, row, strict=True))
    assert named["sentence_end"] == (1.0 if _features.ends_sentence(line) else 0.0)
    assert named["ellipsis"] == (1.0 if line.endswith(("...", "…")) else 0.0)
    assert named["colon_end"] == (1.0 if line.endswith(":") else 0.0)


def test_no_character_outside_a_word_becomes_one_in_lower_case() -> None:
    """What lets `describe` read a line whose words are all ASCII by its bytes: no character
    it lets through (no word character beyond ASCII, no unspaced script) is a word
    character, or turns into one in lower case (checked on every code point)."""
    every = "".join(map(chr, range(0x80, 0x110000)))
    passed = _features._WORDY.sub("", every)
    assert len(passed) > 900_000  # most code points are no word character
    assert re.search(r"\w", passed) is None
    assert re.search(r"\w", passed.lower()) is None


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("Thursday 31 March 2022 05:52 EDT", True),
        ("Posted on 12 May 2021", True),
        ("2022-03-31", True),
        ("Talks in Baku on 3 May", False),  # three words of a date, three of a sentence
        ("Room 101 and 102", False),  # numbers, but no clock and no date word
        ("Thursday, March", False),  # date words, but a dateline holds a digit
        ("11. Talks Resume (May 12, 2004)", False),  # an item of a numbered list
        ("12. November 2012", True),  # a date written with a period after the day
        ("3) May 12, 2004", True),
    ],
)
def test_a_dateline_is_mostly_a_date_and_the_cleaner_reads_it_so(line: str, dateline: bool) -> None:
    """Worked by hand; `is_dated`, given what `describe` counted, says the same."""
    assert _features.is_dateline(line) is dateline
    _, words, tokens = _features.describe(line, 12)
    assert tokens is not None
    if any(c.isdigit() for c in line):  # what `is_dated` needs of its line
        assert _features.is_dated(line, words, tokens) is dateline


def _dated_reference(line: str, count: int, words: list[str]) -> bool:
    """`is_dated` as defined: a numeric date in a short line, or mostly date words and
    numbers with a clock or a named date word, each regex searched in the whole line."""
    if len(line) > 90:
        return False
    if _features._NUMERIC_DATE.search(line) is not None and count <= 8:
        return True
    if len(words) < 2:
        return False
    if _features._CLOCK.search(line) is None and not any(w in NAMED_DATE_WORDS for w in words):
        return False
    dated = sum(1 for w in words if w.isdigit() or w in DATE_WORDS or _is_time(w))
    if re.match(r"\d{1,3}[.)]\s", line) and words[1] not in DATE_WORDS:
        dated -= 1  # the number of a list item
    return dated >= 2 and len(words) - dated <= 2 and dated >= len(words) - dated


def test_the_date_lexicon_states_each_word_once() -> None:
    """Each word of a dateline is listed once: in one language, or among the labels; the
    names and the whole lexicon are derived from those lists."""
    languages = [words for words in DATE_NAMES.values()]
    listed = sum(len(words) for words in languages) + len(DATE_LABELS)
    assert listed == len(DATE_WORDS)
    assert NAMED_DATE_WORDS == DATE_WORDS - DATE_LABELS
    assert {"march", "märz", "mars", "marzo", "março", "марта", "edt"} <= NAMED_DATE_WORDS
    assert {"posted", "updated", "on", "le", "um"} <= DATE_LABELS
    # a label introduces a date, it names none: "Posted on" alone is no dateline
    assert not _features.is_dateline("Posted on 12")
    assert _features.is_dateline("Posted on 12 May")


def _is_time(word: str) -> bool:
    return (word[:-2].isdigit() and word[-2:] in ("am", "pm", "th", "st", "nd", "rd")) or (
        word[-1:] in ("h", "z") and word[:-1].isdigit()
    )


# The pieces of datelines and of lines that resemble them: numbers (also beyond ASCII),
# separators, clocks, date words, CJK dates, and any other character.
_DATE_PIECES = st.one_of(
    st.sampled_from(["12", "2022", "3", "05", "٢٠٢٢", "²", " ", " ", ".", "/", "-", ":", ","]),
    st.sampled_from(["May", "march", "Posted", "on", "pm", "EDT", "Talks", "in", "Baku"]),
    st.sampled_from(["年", "月", "日", "5pm", "12th", "10h", "март", "Août"]),
    st.characters(),
)


@given(st.lists(_DATE_PIECES, min_size=1, max_size=24).map("".join))
@example("2022-03-31")
@example("Posted on 12 May 2021 05:52")
@example("2022 年 3 月 31 日")
@example("12:30, 3 4")  # dated by its clock alone
@example("11. Talks Resume (May 12, 2004)")  # a numbered list item with a date
@example("12. May 2004 12:30")
def test_is_dated_equals_its_definition_on_any_text(line: str) -> None:
    """The cheap tests before each search never change the answer (any text, beyond ASCII
    too, with the word count and tokens that `describe` gives)."""
    _, count, words = _features.describe(line)
    assert words is not None
    assert _features.is_dated(line, count, words) is _dated_reference(line, count, words)


@pytest.mark.parametrize(
    ("line", "link"),
    [
        ("Read more at https://example.am/news", True),
        ("Write to jane.doe@example.org", True),
        ("Follow @azernews for updates", True),
        ("see www.example.az today", True),
        ("Source: Example.com", True),
        ("The talks. In Baku.", False),  # dots, but no link
        ("Talks resume in Baku", False),
        ("Email the desk: news @ example", False),  # an "@" alone is no link
    ],
)
def test_the_link_feature_marks_urls_addresses_and_handles(line: str, link: bool) -> None:
    """Worked by hand against the feature's definition (a URL, an e-mail address or a
    @handle)."""
    row, _, _ = _features.describe(line)
    named = dict(zip(_features.LINE_FEATURES, row, strict=True))
    assert named["link"] == (1.0 if link else 0.0)
