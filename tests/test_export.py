"""Exports: each format is read back by an independent reader and gives the same spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import karabakh_corpus as kc
from karabakh_corpus._anchor import find_all
from karabakh_corpus.cli import main
from karabakh_corpus.export import (
    brat_reference,
    key_from_brat,
    read_jsonl,
    read_web_annotation,
    to_brat,
    to_jsonl,
    to_spacy,
)
from karabakh_corpus.export import to_web_annotation as to_webanno
from karabakh_corpus.schema import Entity, Quotation


@pytest.fixture(scope="module")
def corpus() -> kc.Corpus:
    return kc.load()


def _spans(doc: kc.Document) -> list[tuple[str, str, int, int, str]]:
    return sorted((a.layer.value, a.label, a.start, a.end, a.text) for a in doc.annotations)


def test_jsonl_round_trip_with_pandas(corpus: kc.Corpus, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    path = to_jsonl(corpus, tmp_path / "corpus.jsonl")
    frame = pandas.read_json(path, lines=True)
    assert list(frame["id"]) == list(corpus.ids)
    for record, doc in zip(read_jsonl(path), corpus, strict=True):
        assert record["clean_text"] == doc.clean_text and record["raw"] == doc.raw
        spans = sorted(
            (s["layer"], s["label"], s["start"], s["end"], s["text"]) for s in record["spans"]
        )
        assert spans == _spans(doc)
        for span in record["spans"]:
            assert doc.raw[span["start"] : span["end"]] == span["text"]
            if span["clean_start"] is not None:
                clean = doc.clean_text[span["clean_start"] : span["clean_end"]]
                assert clean == " ".join(span["text"].split())


def test_jsonl_loads_with_hugging_face_datasets(
    corpus: kc.Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    path = to_jsonl(corpus, tmp_path / "corpus.jsonl")
    dataset = datasets.load_dataset(
        "json", data_files=str(path), split="train", cache_dir=str(tmp_path / "cache")
    )
    assert dataset.num_rows == 5
    row = dataset[2]
    assert row["id"] == corpus.ids[2]
    assert len(row["spans"]) == len(corpus[corpus.ids[2]].annotations)
    assert row["spans"][0]["text"] == corpus[corpus.ids[2]].annotations[0].text


def test_brat_round_trip_with_an_independent_reader(corpus: kc.Corpus, tmp_path: Path) -> None:
    pytest.importorskip("bratly")
    from bratly import (
        AttributeAnnotation,
        EntityAnnotation,
        NormalizationAnnotation,
        NoteAnnotation,
        RelationAnnotation,
    )
    from bratly.io import parse_ann_file

    to_brat(corpus, tmp_path)
    assert (tmp_path / "annotation.conf").exists()
    for doc in corpus:
        assert (tmp_path / f"{doc.id}.txt").read_text("utf-8") == doc.raw
        text = (tmp_path / f"{doc.id}.ann").read_text("utf-8")
        parsed = parse_ann_file(
            text,
            str(tmp_path / f"{doc.id}.ann"),
            no_duplicates=False,
            sorting=False,
            renumerotize=False,
        ).annotations
        assert len(parsed) == len(text.splitlines()), "the reader skipped lines"
        entities = [a for a in parsed if isinstance(a, EntityAnnotation)]
        got = sorted(
            (a.label, a.fragments[0].start, a.fragments[-1].end, a.content) for a in entities
        )
        assert got == sorted((a.label, a.start, a.end, a.text) for a in doc.annotations)
        for entity in entities:
            assert doc.raw[entity.fragments[0].start : entity.fragments[-1].end] == entity.content
        expected = sorted(e.key for e in doc.spans("entity") if isinstance(e, Entity))
        keys = sorted(
            key_from_brat(n.external_resource[1])
            for n in parsed
            if isinstance(n, NormalizationAnnotation)
        )
        assert keys == expected
        noted = sorted(
            n.value.split(";")[0].removeprefix("key=")
            for n in parsed
            if isinstance(n, NoteAnnotation) and n.value.startswith("key=")
        )
        assert noted == expected
        relations = [r for r in parsed if isinstance(r, RelationAnnotation)]
        linked = [q for q in doc.spans("quote") if isinstance(q, Quotation) and q.speaker_span]
        assert len(relations) == len(linked)
        for relation in relations:
            quote, speaker = relation.argument1[1], relation.argument2[1]
            assert quote.label == "quote" and speaker.label in ("person", "organization", "place")
        assert any(isinstance(a, AttributeAnnotation) for a in parsed)
        notes = [n for n in parsed if isinstance(n, NoteAnnotation)]
        assert len(notes) >= len(doc.spans("time"))


def test_web_annotation_round_trip(corpus: kc.Corpus, tmp_path: Path) -> None:
    path = to_webanno(corpus, tmp_path / "annotations.jsonld")
    collection = json.loads(path.read_text("utf-8"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == sum(len(d.annotations) for d in corpus)
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids)
    for item in items:
        assert item["type"] == "Annotation"
        kinds = {s["type"] for s in item["target"]["selector"]}
        assert kinds == {"TextPositionSelector", "TextQuoteSelector"}
    spans = read_web_annotation(path)
    for doc in corpus:
        mine = sorted(
            (s["layer"], s["label"], s["start"], s["end"], s["text"])
            for s in spans
            if s["document"] == doc.id
        )
        assert mine == _spans(doc)
    for item in items:  # the quote selector alone finds the same place
        quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        position = next(
            s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector"
        )
        raw = corpus[item["target"]["source"].split(":")[-2]].raw
        context = quote["prefix"] + quote["exact"] + quote["suffix"]
        assert len(find_all(raw, context)) == 1  # overlapping matches count too
        assert raw.index(context) + len(quote["prefix"]) == position["start"]


def test_spacy_docbin_round_trip(corpus: kc.Corpus, tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy", reason="the spacy extra is not installed")
    from spacy.tokens import DocBin

    path = to_spacy(corpus, tmp_path / "corpus.spacy")
    docs = list(DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab))
    assert [d.user_data["karabakh_id"] for d in docs] == list(corpus.ids)
    for spacy_doc, doc in zip(docs, corpus, strict=True):
        assert spacy_doc.text == doc.clean_text
        for layer in kc.Layer:
            expected = [(a.start, a.end, a.label) for a in doc.spans(layer, on="clean")]
            group = spacy_doc.spans[layer.value]
            assert [(s.start_char, s.end_char, s.label_) for s in group] == expected
        keys = [s.kb_id_ for s in spacy_doc.spans["entity"]]
        assert keys == [a.key for a in doc.spans("entity", on="clean") if isinstance(a, Entity)]


def test_spacy_without_the_extra(
    corpus: kc.Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(kc.MissingExtraError, match=r"karabakh-corpus\[spacy\]"):
        to_spacy(corpus, tmp_path / "x.spacy")


@pytest.mark.parametrize(
    ("fmt", "written"),
    [("jsonl", "corpus.jsonl"), ("brat", "brat"), ("webanno", "annotations.jsonld")],
)
def test_export_verb(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, written: str
) -> None:
    status = main(
        [
            "export",
            "--format",
            fmt,
            "--out",
            str(tmp_path),
            "--ids",
            "9b1a413c8ff271b2",
            "a5f8d29fb8504bec",
        ]
    )
    assert status == 0
    target = tmp_path / written
    assert target.exists()
    if fmt == "jsonl":
        assert [r["id"] for r in read_jsonl(target)] == ["9b1a413c8ff271b2", "a5f8d29fb8504bec"]
    if fmt == "brat":
        assert sorted(p.name for p in target.glob("*.ann")) == [
            "9b1a413c8ff271b2.ann",
            "a5f8d29fb8504bec.ann",
        ]


def test_export_verb_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["export", "--format", "jsonl", "--out", str(tmp_path), "--ids", "nope"]) == 1
    assert "valid ids are" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "docx", "--out", str(tmp_path)])
    assert info.value.code == 2


@pytest.mark.parametrize("key", ["person/nikol-pashinyan", "event/2020-war", "org/osce", "place/x"])
def test_brat_references_are_word_characters_and_reversible(key: str) -> None:
    reference = brat_reference(key)
    assert reference.replace("_", "").isalnum()
    assert key_from_brat(f"karabakh:{reference}") == key


def test_a_foreign_brat_reference_is_refused() -> None:
    with pytest.raises(kc.DataFormatError, match="not a karabakh_corpus brat reference"):
        key_from_brat("Wikipedia:534366")
