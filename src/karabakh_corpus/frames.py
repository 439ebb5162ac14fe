"""The corpus in the table tools people already use: pandas and Hugging Face `datasets`.

`to_pandas(corpus)` gives one row per document (``kind="documents"``), per annotation span
(``"spans"``) or per region of the raw texts (``"regions"``); `to_hf_dataset(corpus)` gives a
`datasets.Dataset` with one row per document and its spans as a list. Both read the same
records as the JSON Lines export (`karabakh_corpus.export`), so the columns are the same.
They need the ``pandas`` and ``hf`` extras.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from karabakh_corpus.errors import MissingExtraError
from karabakh_corpus.export import document_record, span_record
from karabakh_corpus.schema import Corpus

if TYPE_CHECKING:  # pragma: no cover
    import datasets  # type: ignore[import-untyped]
    import pandas

__all__ = ["to_hf_dataset", "to_pandas"]

KINDS = ("documents", "spans", "regions")


def to_pandas(corpus: Corpus, kind: str = "documents") -> pandas.DataFrame:
    """A pandas DataFrame of the corpus: one row per document, span or region.

    Span and region rows carry the id of their document in ``document``.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    try:
        import pandas
    except ImportError as exc:
        raise MissingExtraError("Corpus.to_pandas()", "pandas") from exc
    rows: list[dict[str, Any]] = []
    for doc in corpus:
        if kind == "documents":
            record = document_record(doc, corpus.release)
            record["spans"] = len(record["spans"])
            record["regions"] = len(record["regions"])
            rows.append(record)
        elif kind == "spans":
            rows += [{"document": doc.id, **span_record(doc, a)} for a in doc.annotations]
        else:
            rows += [
                {
                    "document": doc.id,
                    "start": r.start,
                    "end": r.end,
                    "text": r.text,
                    "category": r.category.value,
                    "rule": r.rule,
                }
                for r in doc.regions
            ]
    frame: pandas.DataFrame = pandas.DataFrame(rows)
    if kind == "documents":
        frame = frame.rename(columns={"spans": "n_spans", "regions": "n_regions"})
    return frame


def to_hf_dataset(corpus: Corpus) -> datasets.Dataset:
    """A Hugging Face `datasets.Dataset`: one row per document, its spans as a list."""
    try:
        import datasets
    except ImportError as exc:
        raise MissingExtraError("Corpus.to_hf_dataset()", "hf") from exc
    records = [document_record(doc, corpus.release) for doc in corpus]
    dataset: datasets.Dataset = datasets.Dataset.from_list(records)
    return dataset
