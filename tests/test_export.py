"""Exports: each format is read back by an independent reader and gives the same spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import karabakh_corpus as kc
from karabakh_corpus.cli import main
from karabakh_corpus.corpus.anchor import find_all
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

CORE = 'needs the test extra: pip install ".[test]"'
ENGINES = 'needs the test-engines extra: pip install ".[test-engines]"'


@pytest.fixture(scope="module")
def corpus() -> kc.Corpus:
    return kc.load()


def _spans(doc: kc.Document) -> list[tuple[str, str, int, int, str]]:
    return sorted((a.layer.value, a.label, a.start, a.end, a.text) for a in doc.annotations)


def test_jsonl_round_trip_with_pandas(corpus: kc.Corpus, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas", reason=CORE)
    path = to_jsonl(corpus, tmp_path / "corpus.jsonl")
    frame = pandas.read_json(path, lines=True)
    assert list(frame["id"]) == list(corpus.ids)
    for record, doc in zip(read_jsonl(path), corpus, strict=True):
        assert record["clean_text"] == doc.clean_text and record["raw"] == doc.raw
        assert record["wire_inferred"] is doc.meta.wire_inferred
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
    datasets = pytest.importorskip("datasets", reason=ENGINES)
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
    pytest.importorskip("bratly", reason=CORE)
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
    spacy = pytest.importorskip("spacy", reason=ENGINES)
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


def test_brat_declares_its_normalization_database(corpus: kc.Corpus, tmp_path: Path) -> None:
    to_brat(corpus, tmp_path, ids=["84b6ba9b7fd712b2"])
    tools = (tmp_path / "tools.conf").read_text("utf-8").splitlines()
    assert tools[0] == "[normalization]"
    name, options = tools[1].split("\t")
    assert name == "karabakh"
    assert "<URL>:https://" in options and "<URLBASE>:https://" in options
    assert options.split("<URLBASE>:")[1].count("%s") == 1
    # every database named in the N lines is the declared one
    ann = (tmp_path / "84b6ba9b7fd712b2.ann").read_text("utf-8").splitlines()
    databases = {line.split("\t")[1].split()[2].split(":")[0] for line in ann if line[0] == "N"}
    assert databases == {name}
    # the database entries: one per entity key of the exported documents, by brat id
    entries = [line.split("\t") for line in (tmp_path / "karabakh.txt").read_text().splitlines()]
    doc = corpus["84b6ba9b7fd712b2"]
    keys = sorted({e.key for e in doc.spans("entity") if isinstance(e, Entity)})
    assert sorted(fields[0] for fields in entries) == sorted(brat_reference(k) for k in keys)
    bayramov = next(f for f in entries if f[0] == brat_reference("person/jeyhun-bayramov"))
    assert bayramov[1].startswith("name:Name:")
    assert {"name:Name:Jehon Permov", "name:Also known as:Jehon Permov"} & set(bayramov)
    assert "attr:Type:person" in bayramov and "info:Key:person/jeyhun-bayramov" in bayramov
    assert all(len(fields) >= 4 and fields[0].replace("_", "").isalnum() for fields in entries)


def test_no_folder_is_written_when_the_extra_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "spacy", None)
    out = tmp_path / "exports"
    assert main(["export", "--format", "spacy", "--out", str(out)]) != 0
    assert "karabakh-corpus[spacy]" in capsys.readouterr().err
    assert not out.exists()


def test_the_readme_names_the_files_the_exports_write(corpus: kc.Corpus, tmp_path: Path) -> None:
    from karabakh_corpus.export import export

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    target = export(corpus, "croissant", tmp_path)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in target.iterdir())
    assert written == ["croissant/corpus.jsonl", "croissant/croissant.json"]
    row = next(line for line in readme.splitlines() if line.startswith("| `croissant` |"))
    for path in written:
        assert f"`{path}`" in row, (path, row)
    brat = next(line for line in readme.splitlines() if line.startswith("| `brat` |"))
    for name in ("annotation.conf", "tools.conf", "karabakh.txt"):
        assert f"`{name}`" in brat, name
