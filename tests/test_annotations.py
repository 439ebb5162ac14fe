"""The annotation layers: exact spans on both texts, documented labels, links, the API."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

import karabakh_corpus as kc
from karabakh_corpus import _textmap
from karabakh_corpus.schema import (
    ENTITY_FORMS,
    LAYER_LABELS,
    QUANTITY_COUNTS,
    QUANTITY_QUALIFIERS,
    Entity,
    Layer,
    Quantity,
    Quotation,
    Timex,
)

GUIDELINES = (ROOT / "docs" / "annotation-guidelines.md").read_text("utf-8")
TIMEX_VALUE = re.compile(
    r"\d{4}(-\d{2}(-\d{2}(T(\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2})?|MO|AF|EV|NI))?)?"
    r"|-W\d{2}|-(SP|SU|FA|WI))?"
    r"|\d{3}X|\d{2}XX"
    r"|P(\d+|X)(Y|M|W|D|DE|CE)|PT(\d+|X)(H|M)"
)


@pytest.fixture(scope="module")
def corpus() -> kc.Corpus:
    return kc.load()


def test_every_layer_on_every_document(corpus: kc.Corpus) -> None:
    for doc in corpus:
        present = {a.layer for a in doc.annotations}
        for layer in (Layer.ENTITY, Layer.QUOTE, Layer.TIME, Layer.QUANTITY):
            assert layer in present, f"{doc.id} has no {layer.value} spans"
    rewritten = [d for d in corpus if d.meta.machine_rewritten]
    for doc in rewritten:
        assert doc.spans("text_issue"), f"{doc.id} is flagged but has no text issues"
    for doc in corpus:
        if not doc.meta.machine_rewritten:
            assert not doc.spans("text_issue"), doc.id


def test_every_span_slices_both_texts(corpus: kc.Corpus) -> None:
    for doc in corpus:
        for annotation in doc.annotations:
            assert doc.raw[annotation.start : annotation.end] == annotation.text
        for layer in Layer:
            raw_spans = doc.spans(layer)
            clean_spans = doc.spans(layer, on="clean")
            for span in clean_spans:
                assert doc.clean_text[span.start : span.end] == span.text
            placed = {(a.start, a.end) for a in raw_spans if _in_clean(doc, a)}
            assert len(clean_spans) == len(placed)
            for raw_span in raw_spans:
                if _in_clean(doc, raw_span):
                    clean = doc.clean_span(raw_span)
                    assert clean.text == _textmap.normalize(raw_span.text)
                else:
                    with pytest.raises(kc.NotInCleanTextError, match="stripped"):
                        doc.clean_span(raw_span)


def _in_clean(doc: kc.Document, span: kc.Span) -> bool:
    region = next(r for r in doc.regions if r.start <= span.start < r.end)
    return not region.category.stripped


def test_spans_lie_in_the_annotated_regions(corpus: kc.Corpus) -> None:
    from karabakh_corpus.corpus.annotate import SCOPE

    for doc in corpus:
        for annotation in doc.annotations:
            [region] = [r for r in doc.regions if r.start <= annotation.start < r.end]
            assert annotation.end <= region.end
            assert region.category in SCOPE, (doc.id, annotation.text, region.category)


def test_labels_and_attributes_are_documented(corpus: kc.Corpus) -> None:
    for layer, labels in LAYER_LABELS.items():
        assert f"`{layer.value}`" in GUIDELINES
        for label in labels:
            assert f"`{label}`" in GUIDELINES, label
    for value in (*ENTITY_FORMS, *QUANTITY_COUNTS, *QUANTITY_QUALIFIERS):
        assert f"`{value}`" in GUIDELINES, value
    keys = {e.key for doc in corpus for e in doc.spans("entity") if isinstance(e, Entity)}
    for key in keys:
        assert f"`{key}`" in GUIDELINES or key.split("/")[0] in ("place",), key


def test_keys_are_listed_in_the_guidelines(corpus: kc.Corpus) -> None:
    listed = set(re.findall(r"`((?:person|org|place|event)/[a-z0-9-]+)`", GUIDELINES))
    for doc in corpus:
        for entity in doc.spans("entity"):
            assert isinstance(entity, Entity)
            assert entity.key in listed, f"{entity.key} is not in the guidelines' key table"
            prefix = entity.key.split("/")[0]
            assert {"person": "person", "org": "organization", "place": "place", "event": "event"}[
                prefix
            ] == entity.label, (entity.key, entity.label)


def test_quotations_link_to_their_speakers(corpus: kc.Corpus) -> None:
    for doc in corpus:
        entities = {(e.start, e.end): e for e in doc.spans("entity")}
        for quote in doc.spans("quote"):
            assert isinstance(quote, Quotation)
            # A quotation carries its quotation marks (a rewriting tool may have lost one).
            assert quote.text[0] in "“\"‘'" or quote.text[-1] in "”\"’'", quote.text
            if quote.speaker is None:
                assert quote.speaker_span is None
                continue
            assert quote.speaker_span is not None
            mention = entities[(quote.speaker_span.start, quote.speaker_span.end)]
            assert isinstance(mention, Entity) and mention.key == quote.speaker


def test_time_values_are_normalized_or_explained(corpus: kc.Corpus) -> None:
    for doc in corpus:
        for timex in doc.spans("time"):
            assert isinstance(timex, Timex)
            if timex.resolved:
                assert timex.value is not None and TIMEX_VALUE.fullmatch(timex.value), timex
            else:
                assert timex.value is None and timex.note, timex
            if timex.anchor == "document":
                assert doc.meta.date is not None


def test_weekday_expressions_resolve_to_that_weekday(corpus: kc.Corpus) -> None:
    import datetime

    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    checked = 0
    for doc in corpus:
        for timex in doc.spans("time"):
            assert isinstance(timex, Timex)
            named = [d for d in days if d.lower() in timex.text.lower()]
            if (
                len(named) == 1
                and timex.value
                and re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", timex.value)
            ):
                date = datetime.date.fromisoformat(timex.value[:10])
                assert days[date.weekday()] == named[0], (doc.id, timex)
                checked += 1
    assert checked >= 5


def test_quantities_are_typed(corpus: kc.Corpus) -> None:
    for doc in corpus:
        for quantity in doc.spans("quantity"):
            assert isinstance(quantity, Quantity)
            if quantity.qualifier in ("dozens", "hundreds", "thousands"):
                assert quantity.value is None
            else:
                assert isinstance(quantity.value, (int, float)), quantity
            assert quantity.event is None or quantity.event.startswith("event/")


def test_figures_for_the_2020_war_compare_across_outlets(corpus: kc.Corpus) -> None:
    deaths = {
        doc.id: quantity.value
        for doc in corpus
        for quantity in doc.spans("quantity")
        if isinstance(quantity, Quantity)
        and quantity.counted == "deaths"
        and quantity.event == "event/2020-war"
    }
    assert deaths == {
        "a5f8d29fb8504bec": 6600,
        "84b6ba9b7fd712b2": 6500,
        "359f5cdc4e12491c": 6700,
    }


def test_garbled_names_map_to_the_right_key(corpus: kc.Corpus) -> None:
    [permov] = [e for e in corpus.mentions("person/jeyhun-bayramov") if e.entity.garbled]
    assert permov.entity.text == "Jehon Permov"
    assert permov.entity.reading == "Jeyhun Bayramov"
    garbled = {m.entity.text for m in corpus.mentions("person/nikol-pashinyan") if m.entity.garbled}
    assert "Pashinians" in " ".join(garbled)


def test_mentions_across_documents(corpus: kc.Corpus) -> None:
    mentions = corpus.mentions("person/nikol-pashinyan")
    assert {m.document for m in mentions} == set(corpus.ids)
    for mention in mentions:
        doc = corpus[mention.document]
        assert doc.raw[mention.entity.start : mention.entity.end] == mention.entity.text
    summary = {e.key: e for e in corpus.entities()}
    assert summary["person/nikol-pashinyan"].count == len(mentions)
    assert "Pashinyan" in summary["person/nikol-pashinyan"].names
    assert summary["place/azerbaijan"].label == "place"


def test_unknown_keys_layers_and_labels(corpus: kc.Corpus) -> None:
    with pytest.raises(kc.UnknownEntityError, match="person/nikol-pashinyan") as info:
        corpus.mentions("person/nikol-pashiniyan")
    assert isinstance(info.value, KeyError)
    doc = corpus["a5f8d29fb8504bec"]
    with pytest.raises(ValueError, match="the layers are"):
        doc.spans("entities")
    with pytest.raises(ValueError, match="the labels are"):
        doc.spans("entity", "human")
    with pytest.raises(ValueError, match="'raw' or 'clean'"):
        doc.spans("entity", on="html")


def test_metadata_lines_are_annotated_but_have_no_clean_offsets(corpus: kc.Corpus) -> None:
    doc = corpus["a5f8d29fb8504bec"]
    [dateline] = [t for t in doc.spans("time") if "31 March 2022" in t.text]
    with pytest.raises(kc.NotInCleanTextError, match="dateline"):
        doc.clean_span(dateline)
    assert dateline not in doc.spans("time", on="clean")


def test_every_occurrence_of_an_annotated_name_is_annotated(corpus: kc.Corpus) -> None:
    """A name annotated anywhere is annotated wherever it occurs in the annotated text.

    Occurrences inside a longer non-event entity span or a text_issue span are exempt
    ("Azerbaijan" in "President of Azerbaijan" is annotated on its own; a garbled phrase
    is flagged as a whole).
    """
    from karabakh_corpus.corpus import annotate as _annotate

    names = {
        e.text
        for doc in corpus
        for e in doc.spans("entity", on="raw")
        if isinstance(e, Entity)
        and e.form in ("name", "short", "metonym")
        and not e.garbled
        and e.label != "event"
        and e.text[:1].isupper()
    }
    assert {"Putin", "Pashinyan", "Baku", "Kremlin", "Nagorno-Karabakh"} <= names
    missed = []
    for doc in corpus:
        scope = _annotate._scope(doc.regions)
        covering = [
            (a.start, a.end)
            for a in doc.annotations
            if (a.layer is Layer.ENTITY and a.label != "event") or a.layer is Layer.TEXT_ISSUE
        ]
        for name in names:
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", doc.raw):
                start, end = match.span()
                if not any(a <= start and end <= b for a, b in scope):
                    continue
                if not any(a <= start and end <= b for a, b in covering):
                    missed.append((doc.id, name, doc.raw[start - 30 : end + 30]))
    assert not missed


def test_a_quote_repeated_only_in_stripped_text_is_not_ambiguous(corpus: kc.Corpus) -> None:
    """The VOA title recurs in the stripped "Latest News" list; quoting it finds the title."""
    from karabakh_corpus.corpus import annotate as _annotate

    doc = corpus["9b1a413c8ff271b2"]
    title = doc.title
    assert doc.raw.count(title) == 2
    rows = _annotate.parse("entity\tplace\t[[Moscow]] to Host\tkey=place/russia\n", name="t")
    [entity] = _annotate.resolve(doc.raw, doc.regions, rows)[Layer.ENTITY]
    title_region = next(r for r in doc.regions if r.category is kc.Category.TITLE)
    assert (entity.start, entity.end) == (title_region.start, title_region.start + 6)
    outside = _annotate.parse("entity\tplace\tGoris\tkey=place/armenia\n", name="t")
    with pytest.raises(kc.AnchorError, match="does not occur"):
        _annotate.resolve(doc.raw, doc.regions, outside)


def test_escapes_in_quotes_leave_other_characters_alone() -> None:
    from karabakh_corpus.corpus import annotate as _annotate

    [row] = _annotate.parse("quote\tquote\t“a\\u00a0b”\tspeaker=none; cue=said\n", name="t")
    assert row.quote == "“a\u00a0b”"


def _changelog_entry_of_the_shipped_data() -> tuple[str, str]:
    """The CHANGELOG entry that counts the shipped spans, and its heading.

    That is the "Unreleased" entry when it holds a table of counts (data corrected for the
    next release), else the entry of this release.
    """
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    entries = {part.split("]", 1)[0]: part for part in changelog.split("\n## [")[1:] if "]" in part}
    unreleased = entries.get("Unreleased", "")
    if "| document |" in unreleased:
        return "Unreleased", unreleased
    assert kc.__version__ in entries, f"CHANGELOG.md has no entry for {kc.__version__}"
    return kc.__version__, entries[kc.__version__]


def test_the_changelog_counts_are_the_shipped_spans(corpus: kc.Corpus) -> None:
    """CHANGELOG.md lists the spans per document and layer of the shipped data; they agree."""
    heading, entry = _changelog_entry_of_the_shipped_data()
    layers = [layer.value for layer in Layer]
    for doc in corpus:
        row = re.search(rf"\| `{doc.id}` \|([^\n]*)", entry)
        assert row, f"no row for {doc.id} in the CHANGELOG entry {heading}"
        cells = [int(c) for c in row.group(1).strip(" |").split(" | ")]
        counts = [len(doc.spans(layer)) for layer in layers]
        assert cells == [*counts, sum(counts)], doc.id


def _example_pattern(example: str) -> re.Pattern[str]:
    """A pattern for a guidelines example, its bold part as group 1 (any whitespace matches)."""
    before, bold, after = example.split("**")

    def words(text: str) -> str:
        return r"\s+".join(re.escape(w) for w in text.split(" "))

    return re.compile(words(before) + "(" + words(bold) + ")" + words(after), re.IGNORECASE)


def test_the_generic_event_noun_examples_hold_in_the_data(corpus: kc.Corpus) -> None:
    """The guidelines' examples of the rule: each bold positive is an event span, no bold
    negative is covered by one (a test that the rule was applied where its examples come from).
    """
    section = GUIDELINES.split("**Generic event nouns**", 1)[1].split("Keys in use", 1)[0]
    positive, negative = " ".join(section.split()).split("A bare noun is not annotated", 1)
    checked = 0
    for part, annotated in ((positive, True), (negative, False)):
        for example in re.findall(r'"([^"]*\*\*[^"]*\*\*[^"]*)"', part):
            pattern = _example_pattern(example)
            found = [(doc, m) for doc in corpus for m in pattern.finditer(doc.raw)]
            assert found, f"the example {example!r} does not occur in the corpus"
            for doc, match in found:
                events = {(e.start, e.end) for e in doc.spans("entity", "event")}
                start, end = match.span(1)
                if annotated:
                    assert (start, end) in events, (doc.id, example)
                else:
                    assert not any(a < end and start < b for a, b in events), (doc.id, example)
                checked += 1
    assert checked >= 15


def test_absolute_time_expressions_are_spanned_without_their_article(
    corpus: kc.Corpus,
) -> None:
    """Absolute expressions lose their article ("1990s", "fall of 2020"), relative ones
    keep it ("the past year")."""
    absolute = [
        (doc.id, t.text, t.value)
        for doc in corpus
        for t in doc.spans("time")
        if isinstance(t, Timex) and t.value is not None and t.anchor is None
    ]
    decades = [text for _, text, value in absolute if re.fullmatch(r"\d{3}X", value or "")]
    assert len(decades) >= 4 and all(re.search(r"\d{3}0s$", text) for text in decades)
    assert not [a for a in absolute if a[1].lower().startswith("the")]
    relative = [t.text for doc in corpus for t in doc.spans("time") if t.anchor is not None]
    assert any(text.startswith("the") for text in relative)
