"""The Croissant description (`karabakh_corpus.export.croissant`): file, fields, reader."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import karabakh_corpus as kc
from karabakh_corpus.export.croissant import to_croissant
from karabakh_corpus.export.records import read_jsonl

ENGINES = 'needs the test-engines extra: pip install ".[test-engines]"'


@pytest.fixture(scope="module")
def corpus() -> kc.Corpus:
    return kc.load()


def test_the_description_pins_its_file_and_names_its_columns(
    corpus: kc.Corpus, tmp_path: Path
) -> None:
    path = to_croissant(corpus, tmp_path)
    description = json.loads(path.read_text("utf-8"))
    (file,) = description["distribution"]
    data = tmp_path / file["contentUrl"]
    assert file["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    rows = read_jsonl(data)
    assert [row["id"] for row in rows] == list(corpus.ids)
    (records,) = description["recordSet"]
    for field in records["field"]:
        column = field["source"]["extract"]["column"]
        assert field["@id"] == f"documents/{column}"
        assert all(column in row for row in rows), column


def test_only_the_named_documents(corpus: kc.Corpus, tmp_path: Path) -> None:
    chosen = [corpus.ids[2], corpus.ids[0]]
    to_croissant(corpus, tmp_path, ids=chosen)
    assert [row["id"] for row in read_jsonl(tmp_path / "corpus.jsonl")] == chosen
    description = json.loads((tmp_path / "croissant.json").read_text("utf-8"))
    assert description["version"] == corpus.release
    with pytest.raises(kc.UnknownDocumentError):
        to_croissant(corpus, tmp_path / "again", ids=["nope"])
    assert not (tmp_path / "again").exists()


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib.*")
def test_croissant_validates_and_reads(corpus: kc.Corpus, tmp_path: Path) -> None:
    mlc = pytest.importorskip("mlcroissant", reason=ENGINES)
    path = to_croissant(corpus, tmp_path)
    description = json.loads(path.read_text("utf-8"))
    assert description["version"] == kc.__version__
    assert description["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    dataset = mlc.Dataset(jsonld=str(path))
    issues = dataset.metadata.ctx.issues
    assert not issues.errors and not issues.warnings, issues.report()
    records = list(dataset.records("documents"))
    assert [r["documents/id"].decode() for r in records] == list(corpus.ids)
    assert records[0]["documents/title"].decode() == corpus[corpus.ids[0]].title
