"""A page's facts (`karabakh_corpus.facts`): date, authors, outlet, dateline, wire and title,
from text and from HTML, each with its evidence; hostile input gives facts, never a crash."""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus import facts as kf
from karabakh_corpus.cleaner.facts import calendar, dates, dating, read
from karabakh_corpus.cleaner.facts.agencies import (
    AGENCIES,
    MENTION,
    agency_of,
    may_mention,
    may_name_agency,
)
from karabakh_corpus.schema import Evidence

BODY = [
    "The foreign ministers of Armenia and Azerbaijan agreed on Thursday to resume talks, "
    "officials in both capitals said after the meeting ended.",
    "The two sides will meet again next month in Brussels, where the European Union has "
    "offered to host the negotiations, a spokesman said.",
    "Diplomats said the agreement marked a step forward, though several issues remain "
    "unresolved, including the border and the fate of prisoners.",
]
HEADLINE = "Armenia and Azerbaijan agree to resume talks"
MARCH_31 = datetime.date(2022, 3, 31)


def page(*head: str, lead: str = "", tail: tuple[str, ...] = ()) -> str:
    """A news page: menu, headline, the lines `head`, three paragraphs (the first opened by
    `lead`), the lines `tail`, a share button."""
    lines = ["Home", "World", HEADLINE, *head, lead + BODY[0], *BODY[1:], *tail]
    return "\n".join([*lines, "Share this article"]) + "\n"


def spans_hold(facts: kf.Facts, raw: str) -> None:
    for _, fact in facts:
        for source in (*fact.evidence, *fact.conflicts):
            if isinstance(source, Evidence):
                assert raw[source.start : source.end] == source.text


# -- dates as pages print them -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "31 March 2022",
        "March 31, 2022",
        "31.03.2022",
        "Thu 31 Mar 2022 17.41 BST",
        "2022年3月31日",
        "Publié le 31 mars 2022",
        "Veröffentlicht am 31. März 2022",
        "31 de marzo de 2022",
        "2022-03-31T17:41:00",
        "31 марта 2022 г.",
    ],
)
def test_a_printed_date_is_read_in_many_languages(line: str) -> None:
    raw = page("By Jane Doe", line)
    fact = kc.clean(raw).facts.date
    assert fact.value == MARCH_31
    assert fact.stated and fact.rule == "text-nearest-headline"
    (evidence,) = fact.evidence
    printed = raw[evidence.start : evidence.end]
    assert evidence.field == "date" and printed in line and "2022" in printed
    spans_hold(kc.clean(raw).facts, raw)


def test_stand_is_the_update_date_and_the_publication_date_is_inferred() -> None:
    fact = kc.clean(page("Stand: 31.03.2022 12:00 Uhr")).facts.date
    assert fact.value == MARCH_31 and fact.updated == MARCH_31
    assert fact.inferred and fact.rule == "text-updated-only"


def test_published_and_updated_are_both_kept() -> None:
    fact = kc.clean(page("Published 30 March 2022 | Updated 31 March 2022")).facts.date
    assert fact.value == datetime.date(2022, 3, 30)
    assert fact.updated == MARCH_31
    assert [e.field for e in fact.evidence] == ["date", "updated"]
    assert not fact.inferred


def test_the_date_nearest_the_headline_wins_and_the_others_are_conflicts() -> None:
    # a date as near above the headline as the page's date below it: below wins
    raw = page("31 March 2022").replace("World\n", "12 January 2021\n")
    fact = kc.clean(raw).facts.date
    assert fact.value == MARCH_31
    assert [c.text for c in fact.conflicts] == ["12 January 2021"]
    assert "1 line below the headline" in fact.reason
    # a date farther away loses to the nearest, and is not read at all
    far = kc.clean(page("31 March 2022", tail=("Related", "12 January 2021"))).facts.date
    assert far.value == MARCH_31 and far.conflicts == ()


@pytest.mark.parametrize(
    "line", ["Yesterday at 10:15", "3 hours ago", "31 February 2022", "0000-01-01", "32.13.2022"]
)
def test_relative_and_absurd_dates_give_no_date(line: str) -> None:
    fact = kc.clean(page(line)).facts.date
    assert fact.value is None and not fact.evidence
    assert "no calendar date" in fact.reason


def test_an_ambiguous_numeric_date_is_read_as_the_page_writes_its_dates() -> None:
    # 04/05/2022 is 4 May day first, April 5 month first: the page's "13/05/2022" settles it
    day_first = kc.clean(page("04/05/2022", tail=("Related", "13/05/2022"))).facts.date
    assert day_first.value == datetime.date(2022, 5, 4)
    month_first = kc.clean(page("04/05/2022", tail=("Related", "05/13/2022"))).facts.date
    assert month_first.value == datetime.date(2022, 4, 5)


def test_dates_are_found_with_their_exact_spans() -> None:
    text = "Posted 2023. december 17. and 17 Dec 2023, then 12/22/23 11:35 AM"
    found = dates.find_dates(text)
    assert [text[m.start : m.end] for m in found] == [
        "2023. december 17",
        "17 Dec 2023",
        "12/22/23",
    ]
    assert {m.date for m in found} == {datetime.date(2023, 12, 17), datetime.date(2023, 12, 22)}
    assert found[2].time


def test_the_page_is_searched_for_dates_with_every_digit_and_space_of_the_line_search() -> None:
    # the lines that may print a date are found in the page with the regex module, the dates
    # of a line with re: every digit and space re reads in a date is one the page search finds
    digits = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isdecimal()]
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert len(digits) > 400 and "\x1c" in spaces and "\u3000" in spaces
    for digit in digits:
        assert dates.DATEISH.search(digit * 4) and dates.DATEISH_FORWARDS.search(digit * 4)
        assert dates.DATEISH_BACKWARDS.search(digit * 4)
    for space in spaces:
        text = f"1.{space}2"
        assert dates.DATEISH.search(text) and dates.DATEISH_FORWARDS.search(text)
        assert dates.DATEISH_BACKWARDS.search(text)


@given(st.text(alphabet="0123456789٣/-.: a\n", max_size=60))
def test_the_slashed_dates_of_a_page_are_found_as_a_search_of_the_page_finds_them(
    text: str,
) -> None:
    found = [m.span() for m in dating._slashed(text)]
    assert found == [m.span() for m in dating._SLASHED.finditer(text)]


def test_slashed_dates_are_found_with_every_digit_of_re() -> None:
    for digit in (chr(c) for c in range(sys.maxunicode + 1) if chr(c).isdecimal()):
        assert dating._SLASHED_STARTS.match(f"{digit}/{digit}")
    assert [m[0] for m in dating._slashed("on 1/2/2020, 3-4-21 and 12/05/2021")] == [
        "1/2/2020",
        "3-4-21",
        "12/05/2021",
    ]


@given(st.text(alphabet="0123456789٢/-.: a\n", max_size=40))
def test_years_and_numeric_dates_are_found_where_their_plain_patterns_find_them(
    text: str,
) -> None:
    plain = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
    assert [m.span() for m in dates._YEARS.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]
    numeric = dict((kind, pattern) for kind, _, pattern in dates._FOUND)["numeric"]
    if numeric.search(text):  # a text without a repeated separator is not searched
        assert text.count(".") > 1 or text.count("/") > 1 or text.count("-") > 1


def test_every_month_form_names_one_month_in_every_language() -> None:
    seen: dict[str, int] = {}
    for language, forms in calendar.MONTHS.items():
        assert sorted(set(forms.values())) == list(range(1, 13)), language
        for form, month in forms.items():
            assert form == form.lower() and not form.endswith("."), form
            assert seen.setdefault(form, month) == month, (language, form)


# -- authors, datelines, wires -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("Von Max Muster und Erika Mustermann", ("Max Muster", "Erika Mustermann")),
        ("Par Jean Dupont", ("Jean Dupont",)),
        ("Por María López y Juan Pérez", ("María López", "Juan Pérez")),
        ("By Jane Doe, Staff Writer", ("Jane Doe",)),
        ("By JANE DOE, JOHN ROE and ANNA SMITH", ("JANE DOE", "JOHN ROE", "ANNA SMITH")),
        ("Autor: Ursula von der Leyen", ("Ursula von der Leyen",)),
        ("By Jane Doe in Kyiv", ("Jane Doe",)),
    ],
)
def test_bylines_give_person_names_without_by_and_roles(line: str, names: tuple[str, ...]) -> None:
    raw = page(line, "31 March 2022")
    fact = kc.clean(raw).facts.authors
    assert fact.value == names
    assert fact.rule == "byline"
    assert [raw[e.start : e.end] for e in fact.evidence] == list(names)


@pytest.mark.parametrize(
    "line", ["By The Associated Press", "By Reuters", "Von dpa", "By VOA News", "By Staff"]
)
def test_an_agency_or_a_newsroom_is_no_author(line: str) -> None:
    fact = kc.clean(page(line, "31 March 2022")).facts.authors
    assert fact.value == () and not fact.evidence
    assert "not a person" in fact.reason


@pytest.mark.parametrize(
    ("lead", "place", "wire"),
    [
        ("MOSCOW (AP) — ", "MOSCOW", "AP"),
        ("BAKU, Azerbaijan (Reuters) - ", "BAKU, Azerbaijan", "Reuters"),
        ("WASHINGTON, D.C. — ", "WASHINGTON, D.C.", None),
        ("Berlin (dpa) - ", "Berlin", "DPA"),
        ("MOSCOW, Oct 31 (Reuters) - ", "MOSCOW", "Reuters"),
    ],
)
def test_datelines_give_the_place_as_printed_and_the_agency(
    lead: str, place: str, wire: str | None
) -> None:
    raw = page("31 March 2022", lead=lead)
    facts = kc.clean(raw).facts
    assert facts.dateline.value == place
    assert raw[facts.dateline.evidence[0].start : facts.dateline.evidence[0].end] == place
    assert facts.wire.value == wire


@pytest.mark.parametrize("lead", ["UPDATE — ", "Moscow — ", "BREAKING NEWS — ", "A — "])
def test_lead_ins_and_mixed_case_words_are_no_dateline(lead: str) -> None:
    facts = kc.clean(page("31 March 2022", lead=lead)).facts
    assert facts.dateline.value is None and facts.wire.value is None


@pytest.mark.parametrize(
    ("head", "tail", "wire", "rule"),
    [
        (("Via AP news wire",), (), "AP", "credit"),
        ((), ("© AFP 2022",), "AFP", "copyright"),
        ((), ("(dpa)",), "DPA", "credit"),
        ((), ("Reuters contributed to this report.",), "Reuters", "contributed"),
        ((), ("Copyright 2022 The Associated Press. All rights reserved.",), "AP", "copyright"),
        (("Source: AFP",), (), "AFP", "credit"),
        (("Quelle: dpa",), (), "DPA", "credit"),
        (("By The Associated Press",), (), "AP", "byline"),
    ],
)
def test_wire_credits_are_read(
    head: tuple[str, ...], tail: tuple[str, ...], wire: str, rule: str
) -> None:
    raw = page(*head, "31 March 2022", tail=tail)
    fact = kc.clean(raw).facts.wire
    assert (fact.value, fact.rule) == (wire, rule)
    assert fact.stated
    assert agency_of(fact.evidence[0].text) == wire  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "paragraph",
    [
        "A spokesman told Reuters the meeting would go ahead.",
        "AFP reported that the talks ended without a deal.",
        "According to the Associated Press, the talks ended.",
        "The minister gave an interview with AFP on Friday.",
        "Pictured: the ministers in Moscow (AP Photo/Jane Doe).",
        "The ministers met in Moscow. REUTERS/John Roe",
        "PA Media said the talks would resume.",
    ],
)
def test_an_agency_quoted_or_credited_for_a_picture_is_no_wire(paragraph: str) -> None:
    fact = kc.clean(page("31 March 2022", tail=(paragraph,))).facts.wire
    assert fact.value is None
    assert "no byline" in fact.reason


def test_every_agency_name_reads_as_its_agency() -> None:
    for code, names in AGENCIES.items():
        for name in names:
            assert agency_of(name) == code, name
    assert agency_of("ap") is None and agency_of("Pennsylvania") is None


# -- outlets and titles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Main News is an online news outlet that provides the news.", "Main News"),
        ("Stay up to date with notifications from The Independent", "The Independent"),
        ("© 2023 POLITICO LLC", "POLITICO"),
        ("VOA logo", "Voice of America"),
    ],
)
def test_the_outlet_is_read_from_what_the_site_says_of_itself(line: str, outlet: str) -> None:
    facts = kc.clean(page("31 March 2022", tail=(line,))).facts
    assert facts.outlet.value == outlet


def test_a_credited_outlet_is_not_the_page_outlet() -> None:
    facts = kc.clean(page("31 March 2022", tail=("Credit: www.independent.co.uk",))).facts
    assert facts.outlet.value is None


def test_the_title_is_the_headline() -> None:
    raw = page("31 March 2022")
    fact = kc.clean(raw).facts.title
    assert fact.value == HEADLINE and fact.rule == "headline"
    assert fact.evidence[0].text == HEADLINE  # type: ignore[union-attr]


# -- bad input and the guarantees --------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["", "\n\n", "x", "Home\nShare\n", "\x00" * 10, "٣١ مارس ٢٠٢٢", "2022" * 10_000]
)
def test_pages_without_facts_say_why(raw: str) -> None:
    facts = kc.clean(raw).facts
    for name, fact in facts:
        if not fact.found:
            assert fact.reason and fact.rule == "none" and not fact.evidence, name
    spans_hold(facts, raw)


def test_a_huge_page_gives_facts() -> None:
    raw = page("By Jane Doe", "31 March 2022") + ("Filler line with 12.03.2021 in it.\n" * 40_000)
    facts = kc.clean(raw).facts
    assert facts.date.value == MARCH_31 and facts.authors.value == ("Jane Doe",)


def test_regions_that_are_not_lines_of_the_text_raise() -> None:
    region = kc.Region(0, 4, "Home", category="navigation", rule="x")
    with pytest.raises(kc.DataFormatError, match="not a line"):
        kf.read_facts("Hom", [region])
    with pytest.raises(TypeError, match="raw text must be a str"):
        kf.read_facts(b"Home", [region])  # type: ignore[arg-type]


def test_facts_are_read_only_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> kf.Facts:
        raise AssertionError("the facts were read")

    monkeypatch.setattr(read, "read_facts", refuse)
    cleaned = kc.clean(page("31 March 2022"))
    assert cleaned.text.startswith("The foreign ministers")
    with pytest.raises(AssertionError, match="were read"):
        cleaned.facts  # noqa: B018


def test_a_url_dates_a_page_that_prints_no_date_and_the_date_is_inferred() -> None:
    cleaned = kc.clean(page())
    facts = kf.read_facts(cleaned.raw, cleaned.regions, url="https://x.org/2022/03/31/talks")
    assert facts.date.value == MARCH_31 and facts.date.inferred and facts.date.rule == "url"
    assert kf.read_facts(cleaned.raw, cleaned.regions).date.value is None


def test_fact_records_refuse_contradictions() -> None:
    with pytest.raises(kc.DataFormatError):
        kf.TextFact(value="", reason="x")
    with pytest.raises(kc.DataFormatError):
        kf.TextFact(value=None, inferred=True, reason="x")
    with pytest.raises(kc.DataFormatError):
        kf.DateFact(value=datetime.datetime(2022, 3, 31), reason="x")  # type: ignore[arg-type]
    with pytest.raises(kc.DataFormatError):
        kf.NamesFact(value=("",), reason="x")
    with pytest.raises(kc.DataFormatError):
        kf.Declared("date", "rss", "x", "2022")


def test_the_record_of_the_facts_is_what_rows_hold() -> None:
    record = kc.clean(page("By Jane Doe", "31 March 2022", lead="MOSCOW (AP) — ")).facts.record()
    assert record["date"] == MARCH_31 and record["authors"] == ["Jane Doe"]
    assert (record["dateline"], record["wire"]) == ("MOSCOW", "AP")
    assert record["inferred"] == []
    assert {e["field"] for e in record["evidence"]} >= {"date", "authors", "dateline", "wire"}
    assert all(e["source"] == "text" and e["path"] is None for e in record["evidence"])


@given(st.text(max_size=400))
def test_any_text_gives_facts_whose_spans_hold(text: str) -> None:
    cleaned = kc.clean(text)
    facts = cleaned.facts
    facts.check(cleaned.raw)
    spans_hold(facts, cleaned.raw)


_LINES = st.sampled_from(
    [
        "By Jane Doe and John Roe",
        "MOSCOW (AP) — The talks resumed on Thursday, officials said in a statement.",
        "31 March 2022",
        "Published: 12/05/2021 10:00",
        "© AFP 2022",
        "Main News is an online news outlet",
        "Home",
        "Reuters contributed to this report.",
        HEADLINE,
        BODY[0],
        "",
    ]
)


@given(st.lists(st.one_of(_LINES, st.text(max_size=60)), max_size=25))
def test_any_page_of_fact_like_lines_gives_facts_whose_spans_hold(lines: list[str]) -> None:
    raw = "\n".join(lines)
    cleaned = kc.clean(raw)
    spans_hold(cleaned.facts, raw)
    record = cleaned.facts.record()
    assert set(record) == {*kf.FIELDS, "updated", "inferred", "evidence"}


def _names_an_agency(text: str) -> bool:
    """What `may_name_agency` tells, by its definition: all the words of one of an agency's
    names (as written, in capitals or in small letters) are words of `text`."""
    words = set(re.findall(r"[^\W_]+", text))
    return any(
        set(re.findall(r"[^\W_]+", variant)) <= words
        for names in AGENCIES.values()
        for name in names
        for variant in (name, name.upper(), name.lower())
    )


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Source: AFP", True),
        ("photo: afp", True),  # a name as written, in capitals or in small letters
        ("photo: Afp.", False),  # but in no other case
        ("said Anadolu Ajansı, citing officials", True),
        ("ANADOLU AJANSI", True),
        ("сообщает ТАСС.", True),
        ("РИА Новости", True),
        ("新华社北京电", False),  # a word of the text, not of a name: "新华社北京电" is one word
        ("新华社 北京", True),
        ("Über die Associated Press", True),
        ("Übersetzt, associated — press", True),  # the words are there, apart
        ("the associated_press", True),  # "_" parts words
        ("the associated2press", False),  # a digit does not
        ("Reutersé", False),
        ("Die Reuters-Meldung", True),
        ("Thomson", False),
    ],
)
def test_the_fast_test_for_an_agency_is_the_test_of_its_words(text: str, names: bool) -> None:
    assert _names_an_agency(text) is names
    assert may_name_agency(text) is names


_AGENCY_WORDS = st.sampled_from(
    sorted(
        {w for names in AGENCIES.values() for n in names for w in re.findall(r"[^\W_]+", n)}
        | {"Über", "ä", "é", "ı", "—", "“", "\ud800", "_", "-", ".", "新华社", "Ajansi"}
    )
)


@given(
    st.lists(
        st.one_of(_AGENCY_WORDS, _AGENCY_WORDS.map(str.upper), _AGENCY_WORDS.map(str.lower)),
        max_size=8,
    ),
    st.lists(st.sampled_from([" ", "", "\n", ", ", "é", "/"]), min_size=8, max_size=8),
)
def test_the_fast_test_for_an_agency_agrees_with_its_words(
    words: list[str], gaps: list[str]
) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    assert may_name_agency(text) is _names_an_agency(text)


@pytest.mark.parametrize(
    "text",
    ["Source: AFP", "ASSOCIATED PRESS", "anadolu AJANSI", "(dpa-AFX)", "AP", "Thomson reuters"],
)
def test_the_fast_test_for_a_mention_passes_a_text_that_mentions_an_agency(text: str) -> None:
    assert MENTION.search(text) and may_mention(text)


@pytest.mark.parametrize("text", ["Source: Afp", "ap", "the paper", "Apple", "APPLE", "xAP"])
def test_the_fast_test_for_a_mention_stops_a_text_of_ascii_without_one(text: str) -> None:
    assert not MENTION.search(text) and not may_mention(text)


@given(
    st.lists(
        st.one_of(
            _AGENCY_WORDS,
            _AGENCY_WORDS.map(str.upper),
            _AGENCY_WORDS.map(str.lower),
            _AGENCY_WORDS.map(str.title),
        ),
        max_size=8,
    ),
    st.lists(
        st.sampled_from([" ", "", ", ", "-", "/", "@", "é", "_", "("]), min_size=8, max_size=8
    ),
    st.integers(0, 80),
    st.integers(0, 80),
)
def test_the_fast_test_for_a_mention_passes_every_window_that_holds_one(
    words: list[str], gaps: list[str], low: int, size: int
) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    high = min(len(text), low + size)
    if MENTION.search(text, low, high) is not None:
        assert may_mention(text[low:high])


# -- the command line --------------------------------------------------------------------------


def test_clean_rows_carry_the_facts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    source.write_text(page("By Jane Doe", "31 March 2022", lead="MOSCOW (AP) — "), "utf-8")
    status, out, _ = run_cli(capsys, "clean", "--json", str(source))
    assert status == 0
    facts = json.loads(out)["facts"]
    assert facts["date"] == "2022-03-31" and facts["authors"] == ["Jane Doe"]
    assert (facts["dateline"], facts["wire"], facts["title"]) == ("MOSCOW", "AP", HEADLINE)
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "out.parquet"
    status, _, _ = run_cli(
        capsys, "clean", str(source), "--output-format", "parquet", "--output", str(target)
    )
    assert status == 0
    table = pq.read_table(target)
    assert str(table.schema.field("facts").type.field("date").type) == "date32[day]"
    (row,) = table.to_pylist()
    assert row["facts"]["date"] == MARCH_31 and row["facts"]["wire"] == "AP"
