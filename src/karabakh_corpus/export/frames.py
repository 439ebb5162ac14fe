"""The corpus in the table tools people already use: pandas and Hugging Face `datasets`.

`to_pandas(corpus)` gives one row per document (``kind="documents"``), per annotation span
(``"spans"``) or per region of the raw texts (``"regions"``); `to_hf_dataset(corpus)` gives a
`datasets.Dataset` with one row per document, its regions and spans as lists. Both read the
same records as the JSON Lines export (`karabakh_corpus.export`), so the columns have the same
names (`karabakh_corpus.export.SPAN_COLUMNS` says what each span column holds), and both give
them types: offsets are nullable integers (pandas ``Int64``, ``null`` where a span has no
clean offsets), dates are dates (pandas ``datetime64``, ``date32`` in `datasets`), flags are
(nullable) booleans. They need the ``pandas`` and ``hf`` extras.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from karabakh_corpus import _extras
from karabakh_corpus.export.records import (
    SPAN_COLUMNS,
    document_record,
    region_record,
    span_columns,
    span_record,
)
from karabakh_corpus.schema import Corpus, metadata_columns

if TYPE_CHECKING:  # pragma: no cover
    import datasets  # type: ignore[import-untyped]
    import pandas

__all__ = ["KINDS", "to_hf_dataset", "to_pandas"]

KINDS = ("documents", "spans", "regions")

_STRING = "string"
_REGION_TYPES = MappingProxyType(
    {"start": "int64", "end": "int64", "category": _STRING, "rule": _STRING, "reason": _STRING}
)
_KINDS = MappingProxyType({"text": _STRING, "date": "date32", "bool": "bool"})
_DOCUMENT_TYPES: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(
            ("id", "source", "release", "title", "summary", "text", "clean_text", "raw"), _STRING
        ),
        **{
            name: _KINDS[column.kind]
            for name, column in metadata_columns()
            if column.kind in _KINDS
        },
    }
)
"""The type of each scalar column of a document row, in `datasets` names."""
_DOCUMENT_LISTS: tuple[str, ...] = tuple(
    name for name, column in metadata_columns() if column.kind == "texts"
)
"""The columns of a document row that hold a list of strings (`credited_to`, `authors`)."""
_PANDAS = MappingProxyType({"int64": "Int64", "float64": "Float64", "bool": "boolean"})


def _typed(frame: pandas.DataFrame, types: Mapping[str, str], nullable: bool) -> pandas.DataFrame:
    """Give each column its type: nullable pandas types where a value may be missing."""
    import pandas

    dtypes: dict[str, Any] = {}
    for column, kind in types.items():
        if kind == "date32":
            frame[column] = pandas.to_datetime(frame[column])
            dtypes[column] = "datetime64[ns]"
        elif kind == "count" or (kind == "bool" and not nullable):
            dtypes[column] = "int64" if kind == "count" else "bool"
        elif kind != _STRING:
            dtypes[column] = _PANDAS[kind]
    typed: pandas.DataFrame = frame.astype(dtypes)
    return typed


def to_pandas(corpus: Corpus, kind: str = "documents") -> pandas.DataFrame:
    """A pandas DataFrame of the corpus: one row per document, span or region.

    Span and region rows carry the id of their document in ``document``. Document rows have
    ``n_spans`` and ``n_regions`` instead of the lists. Offsets are ``Int64``, the date a
    ``datetime64`` (``NaT`` where the date is unknown), ``quantity_value`` a ``Float64``.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    with _extras.needs("pandas", "karabakh_corpus.to_pandas()"):
        import pandas
    rows: list[dict[str, Any]] = []
    for doc in corpus:
        if kind == "documents":
            record = document_record(doc, corpus.release)
            record["n_spans"] = len(record.pop("spans"))
            record["n_regions"] = len(record.pop("regions"))
            rows.append(record)
        elif kind == "spans":
            rows += [{"document": doc.id, **span_record(doc, a)} for a in doc.annotations]
        else:
            rows += [{"document": doc.id, **region_record(r), "text": r.text} for r in doc.regions]
    columns = {
        "documents": [*_DOCUMENT_TYPES, *_DOCUMENT_LISTS, "n_spans", "n_regions"],
        "spans": ["document", *SPAN_COLUMNS],
        "regions": ["document", "start", "end", "text", *list(_REGION_TYPES)[2:]],
    }[kind]
    frame = pandas.DataFrame(rows, columns=columns)
    types = {
        "documents": {**_DOCUMENT_TYPES, "n_spans": "count", "n_regions": "count"},
        "spans": _span_types(),
        "regions": _REGION_TYPES,
    }[kind]
    return _typed(frame, types, nullable=kind != "documents")


def _span_types() -> dict[str, str]:
    """The type of each span column, in `datasets` names."""
    return {column.name: column.kind for column in span_columns()}


def _features() -> Any:
    import datasets

    def value(kind: str) -> Any:
        return datasets.Value(kind)

    return datasets.Features(
        {
            **{name: value(kind) for name, kind in _DOCUMENT_TYPES.items()},
            **{name: [value(_STRING)] for name in _DOCUMENT_LISTS},
            "regions": [{name: value(kind) for name, kind in _REGION_TYPES.items()}],
            "spans": [{name: value(kind) for name, kind in _span_types().items()}],
        }
    )


def to_hf_dataset(corpus: Corpus) -> datasets.Dataset:
    """A Hugging Face `datasets.Dataset`: one row per document, its regions and spans as
    lists, with explicit features (``date32`` dates, ``int64`` offsets, null where absent)."""
    with _extras.needs("hf", "karabakh_corpus.to_hf_dataset()"):
        import datasets
    records = []
    for doc in corpus:
        record = document_record(doc, corpus.release)
        if record["date"] is not None:
            record["date"] = datetime.date.fromisoformat(record["date"])
        records.append(record)
    dataset: datasets.Dataset = datasets.Dataset.from_list(records, features=_features())
    return dataset
