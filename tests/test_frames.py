"""The corpus in pandas and Hugging Face datasets (`karabakh_corpus.export.frames`)."""

from __future__ import annotations

import pytest

import karabakh_corpus as kc

CORE = 'needs the test extra: pip install ".[test]"'
ENGINES = 'needs the test-engines extra: pip install ".[test-engines]"'


@pytest.fixture(scope="module")
def corpus() -> kc.Corpus:
    return kc.load()


def test_to_pandas(corpus: kc.Corpus) -> None:
    pytest.importorskip("pandas", reason=CORE)
    documents = kc.to_pandas(corpus)
    assert list(documents["id"]) == list(corpus.ids)
    assert list(documents["n_spans"]) == [len(d.annotations) for d in corpus]
    spans = kc.to_pandas(corpus, "spans")
    assert len(spans) == sum(len(d.annotations) for d in corpus)
    for row in spans.head(50).itertuples():
        assert corpus[row.document].raw[row.start : row.end] == row.text
    regions = kc.to_pandas(corpus, "regions")
    assert len(regions) == sum(len(d.regions) for d in corpus)
    assert set(regions["category"]) >= {"title", "paragraph", "advertisement"}
    with pytest.raises(ValueError, match="kind"):
        kc.to_pandas(corpus, "sentences")


@pytest.mark.parametrize("method", ["to_pandas", "to_hf_dataset"])
def test_the_old_methods_are_gone(corpus: kc.Corpus, method: str) -> None:
    assert not hasattr(kc.Corpus, method)
    with pytest.raises(AttributeError, match=method):
        getattr(corpus, method)


def test_frame_types(corpus: kc.Corpus) -> None:
    pandas = pytest.importorskip("pandas", reason=CORE)
    documents = kc.to_pandas(corpus)
    assert str(documents["date"].dtype) == "datetime64[ns]"
    assert list(documents["date"].dt.date) == [d.meta.date for d in corpus]
    assert documents["date_inferred"].dtype == bool
    assert list(documents["date_inferred"]) == [d.meta.date_inferred for d in corpus]
    assert documents["wire_inferred"].dtype == bool
    inferred = documents[documents["wire_inferred"]]
    assert list(inferred["id"]) == ["532e919b6eb4de28"] and list(inferred["wire"]) == ["AP"]
    spans = kc.to_pandas(corpus, "spans")
    for column in ("start", "end", "clean_start", "clean_end", "speaker_start", "speaker_end"):
        assert str(spans[column].dtype) == "Int64", column
    # spans in stripped regions (a dateline) have no clean offsets: <NA>, not NaN in a float
    dateline = corpus["a5f8d29fb8504bec"].spans("time", "time")[0]
    row = spans[(spans["document"] == "a5f8d29fb8504bec") & (spans["start"] == dateline.start)]
    assert row["clean_start"].isna().all() and row["time_value"].iloc[0] == dateline.value
    assert spans["clean_start"].isna().sum() == sum(
        len(d.annotations) - sum(len(d.spans(layer, on="clean")) for layer in kc.Layer)
        for d in corpus
    )
    assert str(spans["garbled"].dtype) == "boolean" and str(spans["resolved"].dtype) == "boolean"
    regions = kc.to_pandas(corpus, "regions")
    assert str(regions["start"].dtype) == "Int64"
    assert not any(pandas.api.types.is_float_dtype(spans[c]) for c in ("start", "clean_end"))


def test_a_quantity_value_has_one_name(corpus: kc.Corpus) -> None:
    pandas = pytest.importorskip("pandas", reason=CORE)
    spans = kc.to_pandas(corpus, "spans")
    assert "number" not in spans.columns and "value" not in spans.columns
    quantities = spans[spans["layer"] == "quantity"].reset_index()
    expected = [q for d in corpus for q in d.spans("quantity")]
    assert len(quantities) == len(expected) == 32
    for row, quantity in zip(quantities.itertuples(), expected, strict=True):
        assert isinstance(quantity, kc.Quantity)
        if quantity.value is None:
            assert row.quantity_value is pandas.NA
        else:
            assert row.quantity_value == quantity.value
        assert pandas.isna(row.time_value)
    times = spans[spans["layer"] == "time"]
    assert times["quantity_value"].isna().all()
    assert set(times["time_value"].dropna()) == {
        t.value for d in corpus for t in d.spans("time") if isinstance(t, kc.Timex) and t.value
    }
    assert str(quantities["quantity_value"].dtype) == "Float64"


def test_to_hf_dataset(corpus: kc.Corpus) -> None:
    pytest.importorskip("datasets", reason=ENGINES)
    dataset = kc.to_hf_dataset(corpus)
    assert dataset.num_rows == 5
    assert dataset["id"] == list(corpus.ids)
    assert [len(s) for s in dataset["spans"]] == [len(d.annotations) for d in corpus]
    assert dataset.features["date"].dtype == "date32"
    assert dataset[0]["date"] == corpus[0].meta.date
    spans = dataset.features["spans"]
    inner = spans[0] if isinstance(spans, list) else spans.feature
    assert inner["clean_start"].dtype == "int64"
    assert inner["quantity_value"].dtype == "float64"
    assert inner["time_value"].dtype == "string"
    assert "number" not in inner and "value" not in inner
    first = dataset[0]["spans"]
    stripped = [s for s in first if s["clean_start"] is None]
    assert stripped and all(s["start"] is not None for s in stripped)


def test_missing_extras_name_the_extra(corpus: kc.Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "datasets", None)
    with pytest.raises(kc.MissingExtraError, match=r'pip install "karabakh-corpus\[pandas\]"'):
        kc.to_pandas(corpus)
    with pytest.raises(kc.MissingExtraError, match=r"karabakh-corpus\[hf\]"):
        kc.to_hf_dataset(corpus)


def test_optional_libraries_stay_unimported() -> None:
    import subprocess
    import sys

    code = (
        "import sys, karabakh_corpus as kc\n"
        "kc.load(); kc.clean('x'); import karabakh_corpus.export, karabakh_corpus.export.frames\n"
        "import karabakh_corpus.export.croissant\n"
        "import karabakh_corpus.html, karabakh_corpus.stream\n"
        "heavy = {'pandas', 'pyarrow', 'datasets', 'spacy', 'mlcroissant', 'dask', 'pyspark',\n"
        "         'html_text', 'lxml', 'warcio', 'trafilatura'}\n"
        "assert not heavy & set(sys.modules), heavy & set(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
