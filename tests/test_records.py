"""The record shapes (`karabakh_corpus.export.records`) that exports, tables, Croissant and the
streaming cleaner share: one row builder per thing, so a column means one thing everywhere."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

import karabakh_corpus as kc
from karabakh_corpus import export, stream
from karabakh_corpus.export import records
from karabakh_corpus.schema import Category, Region


@pytest.fixture(scope="module")
def corpus() -> kc.Corpus:
    return kc.load()


def test_the_json_lines_export_writes_the_document_records(
    corpus: kc.Corpus, tmp_path: Path
) -> None:
    rows = records.read_jsonl(records.to_jsonl(corpus, tmp_path / "c.jsonl"))
    assert rows == [records.document_record(doc, corpus.release) for doc in corpus]
    first = corpus[0]
    assert rows[0]["raw"] == first.raw
    assert rows[0]["text"] == first.text and rows[0]["clean_text"] == first.clean_text
    assert rows[0]["regions"] == [records.region_record(r) for r in first.regions]
    assert all(set(span) == set(records.SPAN_COLUMNS) for span in rows[0]["spans"])


def test_a_region_record_is_its_offsets_category_rule_and_reason() -> None:
    region = Region(4, 8, "Home", category=Category.NAVIGATION, rule="navigation")
    assert records.region_record(region) == {
        "start": 4,
        "end": 8,
        "category": "navigation",
        "rule": "navigation",
        "reason": "rule",
    }
    # a block after a heading: the heading's rule, and why the line joined it
    region = Region(4, 8, "Home", category=Category.RELATED_STORIES, rule="after-related-heading")
    assert records.region_record(region)["rule"] == "related-heading"
    assert records.region_record(region)["reason"] == "after-heading"
    # a decision of the page's structure: no rule
    region = Region(4, 8, "Home", category=Category.PARAGRAPH, rule="body-text")
    assert (records.region_record(region)["rule"], region.reason) == (None, "body-text")


def test_a_span_record_has_clean_offsets_only_inside_the_clean_text(corpus: kc.Corpus) -> None:
    for doc in corpus:
        for annotation in doc.annotations:
            row = records.span_record(doc, annotation)
            assert (row["start"], row["end"], row["text"]) == (
                annotation.start,
                annotation.end,
                annotation.text,
            )
            if row["clean_start"] is None:
                assert doc.clean_offsets.span_to_output(annotation.start, annotation.end) is None
            else:
                assert doc.clean_text[row["clean_start"] : row["clean_end"]] == " ".join(
                    annotation.text.split()
                )


def test_the_streaming_rows_are_the_cleaned_records() -> None:
    page = (
        "Home\n\nTalks resume in Brussels\n\nThe leaders met on Sunday for talks, officials said."
    )
    cleaned = kc.clean(page)
    row = stream.output_record(stream.Record("a", "in.txt", page), cleaned)
    assert tuple(row) == stream.RESULT_KEYS
    assert list(row) == ["id", "source", "title", "summary", "text", "stripped", "facts", "fields"]
    assert {k: row[k] for k in ("title", "summary", "text", "stripped", "facts")} == (
        stream.cleaned_record(cleaned)
    )
    assert row["stripped"] == [records.region_record(r) for r in cleaned.stripped]
    assert cleaned.stripped  # the page has regions, which 1.8.0 also wrote as "removed"
    assert "removed" not in row and "removed" not in stream.cleaned_record(cleaned)
    assert row["text"] == cleaned.text


def test_the_export_package_gives_the_row_builders() -> None:
    for name in ("SPAN_COLUMNS", "attributes", "document_record", "span_record", "to_jsonl"):
        assert getattr(export, name) is getattr(records, name), name


def test_the_old_home_of_the_rows_warns_and_gives_the_same_functions() -> None:
    sys.modules.pop("karabakh_corpus.records", None)
    with pytest.warns(DeprecationWarning, match=r"karabakh_corpus\.records moved to"):
        old = importlib.import_module("karabakh_corpus.records")
    for name in ("SPAN_COLUMNS", "attributes", "document_record", "span_record", "to_jsonl"):
        assert getattr(old, name) is getattr(records, name), name
    assert old.cleaned_record is stream.cleaned_record
