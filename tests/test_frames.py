"""The corpus in pandas, Hugging Face datasets and a Croissant description."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import karabakh_corpus as kc
from karabakh_corpus.croissant import to_croissant


@pytest.fixture(scope="module")
def corpus() -> kc.Corpus:
    return kc.load()


def test_to_pandas(corpus: kc.Corpus) -> None:
    pytest.importorskip("pandas")
    documents = corpus.to_pandas()
    assert list(documents["id"]) == list(corpus.ids)
    assert list(documents["n_spans"]) == [len(d.annotations) for d in corpus]
    spans = corpus.to_pandas("spans")
    assert len(spans) == sum(len(d.annotations) for d in corpus)
    for row in spans.head(50).itertuples():
        assert corpus[row.document].raw[row.start : row.end] == row.text
    regions = corpus.to_pandas("regions")
    assert len(regions) == sum(len(d.regions) for d in corpus)
    assert set(regions["category"]) >= {"title", "paragraph", "advertisement"}
    with pytest.raises(ValueError, match="kind"):
        corpus.to_pandas("sentences")


def test_to_hf_dataset(corpus: kc.Corpus) -> None:
    pytest.importorskip("datasets")
    dataset = corpus.to_hf_dataset()
    assert dataset.num_rows == 5
    assert dataset["id"] == list(corpus.ids)
    assert [len(s) for s in dataset["spans"]] == [len(d.annotations) for d in corpus]


def test_missing_extras_name_the_extra(corpus: kc.Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "datasets", None)
    with pytest.raises(kc.MissingExtraError, match=r"pip install 'karabakh-corpus\[pandas\]'"):
        corpus.to_pandas()
    with pytest.raises(kc.MissingExtraError, match=r"karabakh-corpus\[hf\]"):
        corpus.to_hf_dataset()


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib.*")
def test_croissant_validates_and_reads(corpus: kc.Corpus, tmp_path: Path) -> None:
    mlc = pytest.importorskip("mlcroissant", reason="the croissant extra is not installed")
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


def test_optional_libraries_stay_unimported() -> None:
    import subprocess
    import sys

    code = (
        "import sys, karabakh_corpus as kc\n"
        "kc.load(); kc.clean('x'); import karabakh_corpus.export, karabakh_corpus.frames\n"
        "import karabakh_corpus.croissant\n"
        "heavy = {'pandas', 'pyarrow', 'datasets', 'spacy', 'mlcroissant', 'dask', 'pyspark'}\n"
        "assert not heavy & set(sys.modules), heavy & set(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
