"""One registry of annotation layers: a layer declared once reaches every export.

`Stance` is a toy layer defined here and nowhere in the package. Registered, its attribute
`target` reaches the JSON Lines rows, the data frames, brat, Web Annotation, spaCy, the
manifest, the curated-file reader and the release comparison with no other code; an
attribute that an export cannot carry raises `UnsupportedAttributeError` before anything
is written.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import ClassVar

import attrs
import pytest

import karabakh_corpus as kc
from karabakh_corpus import export
from karabakh_corpus.corpus import annotate, convert, manifest, release
from karabakh_corpus.export import records
from karabakh_corpus.schema import (
    ANNOTATION_TYPES,
    Annotation,
    Span,
    register_layer,
    spec,
    unregister_layer,
)


@attrs.frozen
class Stance(Annotation):
    """A toy layer: a passage that speaks for or against someone (its `target`)."""

    layer: ClassVar[str] = "stance"
    labels: ClassVar[Mapping[str, str]] = {
        "favour": "the passage speaks for its target",
        "against": "the passage speaks against its target",
    }
    target: str = attrs.field(kw_only=True, metadata=spec("the entity key the stance is about"))


@attrs.frozen
class Tags(Annotation):
    """A toy layer whose attribute (a tuple) no flat export can carry."""

    layer: ClassVar[str] = "tags"
    labels: ClassVar[Mapping[str, str]] = {"tagged": "a tagged passage"}
    tags: tuple[str, ...] = attrs.field(kw_only=True, metadata=spec("the passage's tags"))


@pytest.fixture
def stance() -> Iterator[type[Stance]]:
    register_layer(Stance)
    try:
        yield Stance
    finally:
        unregister_layer("stance")
    assert "stance" not in ANNOTATION_TYPES
    assert "target" not in records.SPAN_COLUMNS


@pytest.fixture(scope="module")
def shipped() -> kc.Corpus:
    return kc.load()


def _with_stance(corpus: kc.Corpus) -> tuple[kc.Corpus, Stance]:
    """The first document of `corpus` with one stance span on the first "Pashinyan"."""
    doc = corpus[0]
    start = doc.raw.index("Pashinyan")
    span = Stance(start, start + 9, "Pashinyan", label="against", target="person/x")
    document = attrs.evolve(doc, annotations=(*doc.annotations, span))
    return kc.Corpus(corpus.release, (document,)), span


def test_a_registered_layer_reaches_every_export(
    stance: type[Stance], shipped: kc.Corpus, tmp_path: Path
) -> None:
    corpus, span = _with_stance(shipped)
    doc = corpus[0]
    assert doc.spans("stance") == (span,)
    assert doc.spans("stance", "against", on="clean")[0].text == "Pashinyan"
    assert records.SPAN_COLUMNS["target"] == "stance: the entity key the stance is about"
    assert list(records.SPAN_COLUMNS)[-1] == "target"  # after the shipped columns

    # JSON Lines: every row has the column; the stance row has its value
    [row] = records.read_jsonl(export.to_jsonl(corpus, tmp_path / "c.jsonl"))
    [found] = [s for s in row["spans"] if s["layer"] == "stance"]
    assert (found["label"], found["target"], found["start"]) == ("against", "person/x", span.start)
    assert all(set(s) == set(records.SPAN_COLUMNS) for s in row["spans"])
    assert {s["target"] for s in row["spans"] if s["layer"] != "stance"} == {None}

    # pandas
    if importlib.util.find_spec("pandas") is not None:
        frame = kc.to_pandas(corpus, "spans")
        picked = frame[frame["layer"] == "stance"]
        assert picked["target"].tolist() == ["person/x"]
        assert frame["target"].dtype == frame["key"].dtype  # a string column like the others
        assert frame["target"].isna().sum() == len(frame) - 1

    # brat: the label is declared, the span written, the attribute in its note
    export.to_brat(corpus, tmp_path / "brat")
    conf = (tmp_path / "brat" / "annotation.conf").read_text("utf-8")
    entities = conf.split("[entities]\n")[1].split("[relations]")[0].split()
    assert entities[-2:] == ["favour", "against"]
    ann = (tmp_path / "brat" / f"{doc.id}.ann").read_text("utf-8").splitlines()
    [bound] = [line for line in ann if line.split("\t")[1].startswith("against ")]
    tid = bound.split("\t")[0]
    assert bound.split("\t")[1:] == [f"against {span.start} {span.end}", "Pashinyan"]
    assert [line.split("\t")[2] for line in ann if f"AnnotatorNotes {tid}" in line] == [
        "target=person/x"
    ]

    # W3C Web Annotation: tagged with the label, classified by the layer, described
    path = export.to_web_annotation(corpus, tmp_path / "a.jsonld")
    read = [s for s in export.read_web_annotation(path) if s["layer"] == "stance"]
    assert read == [
        {"document": doc.id, "layer": "stance", "label": "against", "start": span.start,
         "end": span.end, "text": "Pashinyan"}
    ]  # fmt: skip
    items = json.loads(path.read_text("utf-8"))["first"]["items"]
    [item] = [i for i in items if i["id"].endswith(":stance:1")]
    [described] = [b for b in item["body"] if b.get("purpose") == "describing"]
    assert json.loads(described["value"]) == {"target": "person/x"}

    # spaCy: a span group of the layer, its attributes in the user data
    if importlib.util.find_spec("spacy") is not None:
        import spacy
        from spacy.tokens import DocBin

        export.to_spacy(corpus, tmp_path / "c.spacy")
        [spacy_doc] = DocBin().from_disk(tmp_path / "c.spacy").get_docs(spacy.blank("xx").vocab)
        assert [s.text for s in spacy_doc.spans["stance"]] == ["Pashinyan"]
        described = spacy_doc.user_data["karabakh_attributes"]["stance"]
        assert list(described) == [{"target": "person/x"}]  # the DocBin gives a tuple


def test_a_registered_layer_reaches_the_manifest_the_data_files_and_the_release_comparison(
    stance: type[Stance], shipped: kc.Corpus, tmp_path: Path
) -> None:
    corpus, span = _with_stance(shipped)
    described = manifest.make_manifest(tmp_path, list(corpus))
    assert described["fields"]["Stance"] == ["start", "end", "text", "label", "target"]
    assert described["vocabulary"]["layer:stance"] == dict(Stance.labels)
    hashes = described["documents"][0]["sha256"]
    assert "layer:stance" in hashes
    # the shipped layers hash as they did: the manifest's other parts are unchanged
    before = manifest.make_manifest(tmp_path, [shipped[0]])["documents"][0]["sha256"]
    assert {k: v for k, v in hashes.items() if k != "layer:stance"} == before

    # the data files: written and read back through the one converter
    layers = json.loads(json.dumps(convert.unstructure_annotations(corpus[0].annotations)))
    assert layers["stance"] == [
        {"start": span.start, "end": span.end, "text": "Pashinyan", "label": "against",
         "target": "person/x"}
    ]  # fmt: skip
    assert convert.structure_annotations(layers)[-1] == span

    # the release comparison sees the layer added
    old = manifest.make_manifest(tmp_path, [shipped[0]])
    assert "Stance" in old["fields"]  # the registry's types, whatever the documents hold
    old["fields"].pop("Stance")
    old["vocabulary"].pop("layer:stance")
    changed = release.compare(old, described)
    assert changed.added_layers == {shipped[0].id: ("layer:stance",)}
    assert any("record type Stance added" in line for line in changed.schema)


def test_a_registered_layer_is_read_from_curated_files(
    stance: type[Stance], shipped: kc.Corpus
) -> None:
    doc = shipped[0]
    rows = annotate.parse(
        "stance\tfavour\t*Pashinyan\ttarget=person/nikol-pashinyan\n", name="toy.tsv"
    )
    found = annotate.resolve(doc.raw, doc.regions, rows)["stance"]
    assert found and all(isinstance(a, Stance) for a in found)
    assert {a.target for a in found} == {"person/nikol-pashinyan"}
    with pytest.raises(kc.DataFormatError, match="a stance needs target"):
        annotate.resolve(
            doc.raw, doc.regions, annotate.parse("stance\tfavour\t*Pashinyan\n", name="t")
        )
    with pytest.raises(kc.DataFormatError, match="unknown attribute"):
        annotate.parse("stance\tfavour\t*Pashinyan\tside=left\n", name="t")


def test_an_attribute_no_export_can_carry_fails_loudly_and_writes_nothing(
    shipped: kc.Corpus, tmp_path: Path
) -> None:
    register_layer(Tags)
    try:
        doc = shipped[0]
        start = doc.raw.index("Pashinyan")
        span = Tags(start, start + 9, "Pashinyan", label="tagged", tags=("a", "b"))
        corpus = kc.Corpus(shipped.release, (attrs.evolve(doc, annotations=(span,)),))
        for fmt, name in (("jsonl", "span rows"), ("brat", "brat"), ("webanno", "Web Annotation")):
            with pytest.raises(kc.UnsupportedAttributeError) as info:
                export.export(corpus, fmt, tmp_path / fmt)
            assert (info.value.layer, info.value.attribute) == ("tags", "tags")
            assert name in info.value.export
            assert "tags" in str(info.value) and name in str(info.value)
            assert not any((tmp_path / fmt).iterdir()), fmt
        with pytest.raises(kc.UnsupportedAttributeError):
            dict(records.SPAN_COLUMNS)
    finally:
        unregister_layer("tags")
    assert "tags" not in dict(records.SPAN_COLUMNS)


def test_a_value_that_would_break_a_brat_line_fails_loudly(
    stance: type[Stance], shipped: kc.Corpus, tmp_path: Path
) -> None:
    doc = shipped[0]
    start = doc.raw.index("Pashinyan")
    span = Stance(start, start + 9, "Pashinyan", label="favour", target="two\nlines")
    corpus = kc.Corpus(shipped.release, (attrs.evolve(doc, annotations=(span,)),))
    with pytest.raises(kc.UnsupportedAttributeError, match="target") as info:
        export.to_brat(corpus, tmp_path / "brat")
    assert info.value.export == "brat"
    assert not (tmp_path / "brat" / f"{doc.id}.ann").exists()


def test_a_column_two_layers_would_fill_differently_is_refused(shipped: kc.Corpus) -> None:
    @attrs.frozen
    class Flagged(Annotation):
        layer: ClassVar[str] = "flagged"
        labels: ClassVar[Mapping[str, str]] = {"flag": "a flagged passage"}
        key: bool = attrs.field(kw_only=True, metadata=spec("a flag named like the entity key"))

    register_layer(Flagged)
    try:
        with pytest.raises(kc.UnsupportedAttributeError, match="column 'key'") as info:
            records.span_columns()
        assert (info.value.layer, info.value.attribute) == ("flagged", "key")
    finally:
        unregister_layer("flagged")


def test_registration_says_what_is_wrong() -> None:
    @attrs.frozen
    class Undescribed(Annotation):
        layer: ClassVar[str] = "undescribed"
        labels: ClassVar[Mapping[str, str]] = {"x": "an x"}
        target: str = attrs.field(kw_only=True)

    with pytest.raises(kc.LayerError, match=r"target .*spec") as info:
        register_layer(Undescribed)
    assert (info.value.layer, info.value.attribute) == ("undescribed", "target")

    @attrs.frozen
    class Entity(Annotation):  # a record type name the manifest already has
        layer: ClassVar[str] = "other_entity"
        labels: ClassVar[Mapping[str, str]] = {"x": "an x"}

    with pytest.raises(kc.LayerError, match="record type name Entity is taken"):
        register_layer(Entity)
    with pytest.raises(kc.LayerError, match="already registered"):
        register_layer(kc.Entity)
    with pytest.raises(kc.LayerError, match="not an attrs subclass"):
        register_layer(Span)  # type: ignore[type-var]
    with pytest.raises(kc.LayerError, match="ships with the corpus"):
        unregister_layer("entity")
    with pytest.raises(kc.LayerError, match="no layer 'nope'"):
        unregister_layer("nope")
    assert list(ANNOTATION_TYPES) == [layer.value for layer in kc.Layer]
    assert isinstance(kc.LayerError("x"), TypeError)


def test_the_shipped_layers_are_the_registry_and_keep_their_columns() -> None:
    assert {name: kind.__name__ for name, kind in ANNOTATION_TYPES.items()} == {
        "entity": "Entity",
        "quote": "Quotation",
        "time": "Timex",
        "quantity": "Quantity",
        "text_issue": "TextIssue",
    }
    assert ANNOTATION_TYPES[kc.Layer.TIME] is kc.Timex
    assert str(kc.Layer.TIME) == f"{kc.Layer.TIME}" == "time"
    columns = {c.name: c for c in records.span_columns()}
    assert (columns["time_value"].layers, columns["quantity_value"].kind) == (
        ("time",),
        "float64",
    )
    assert columns["reading"].description == "entity or text_issue: the correct reading"
    assert (columns["garbled"].elsewhere, columns["speaker_start"].kind) == (False, "int64")
    with pytest.raises(TypeError):
        ANNOTATION_TYPES["stance"] = Stance  # type: ignore[index]
