"""The record shapes every export shares: rows for documents, spans and regions.

The JSON Lines export (`karabakh_corpus.export`), the data frames (`karabakh_corpus.export.frames`),
the Croissant description (`karabakh_corpus.export.croissant`) and the streaming cleaner
(`karabakh_corpus.stream`, the engines) all build their rows here, so a column has one name
and one meaning everywhere: `document_record`, `span_record` (every column of
`SPAN_COLUMNS`), `region_record`, and `to_jsonl` / `read_jsonl` for
JSON Lines files.
"""

from __future__ import annotations

import collections
import datetime
import enum
import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from karabakh_corpus import _atomic
from karabakh_corpus.annotations import attribute_fields, attribute_kind, attribute_spec
from karabakh_corpus.errors import UnsupportedAttributeError
from karabakh_corpus.schema import (
    ANNOTATION_TYPES,
    Annotation,
    Corpus,
    Document,
    Region,
    metadata_columns,
)

__all__ = [
    "SPAN_COLUMNS",
    "SpanColumn",
    "attributes",
    "document_record",
    "read_jsonl",
    "region_record",
    "select_documents",
    "span_columns",
    "span_record",
    "to_jsonl",
]


def region_record(region: Region) -> dict[str, Any]:
    """A region as the exports and the streaming cleaner write it: offsets, category, the
    rule that matched (None where no rule did) and the reason for the category
    (`karabakh_corpus.schema.REASON_MEANINGS`)."""
    return {
        "start": region.start,
        "end": region.end,
        "category": region.category.value,
        "rule": region.rule,
        "reason": region.reason,
    }


def select_documents(corpus: Corpus, ids: Sequence[str] | None) -> list[Document]:
    """The documents named by `ids` (all for None); raises before anything is written."""
    if ids is None:
        return list(corpus)
    if isinstance(ids, (str, bytes)):
        raise TypeError(f"ids must be a sequence of document ids, not one str: {ids!r}")
    ids = list(ids)
    repeated = sorted(doc_id for doc_id, n in collections.Counter(ids).items() if n > 1)
    if repeated:
        raise ValueError(f"ids name documents more than once: {repeated}; name each once")
    return [corpus[doc_id] for doc_id in ids]  # unknown ids raise UnknownDocumentError


@attrs.frozen
class SpanColumn:
    """One column of the span rows: its name, what it holds, its type (a `datasets` name:
    ``string``, ``bool``, ``int64``, ``float64``), the layers that fill it and its value in
    the rows of the others."""

    name: str
    description: str
    kind: str
    layers: tuple[str, ...] = ()
    elsewhere: Any = None


_BASE: tuple[SpanColumn, ...] = (
    SpanColumn("layer", "the annotation layer", "string"),
    SpanColumn("label", "the span's label in its layer", "string"),
    SpanColumn("start", "start of the span in the raw text", "int64"),
    SpanColumn("end", "end of the span in the raw text (exclusive)", "int64"),
    SpanColumn("text", "the raw text the span covers", "string"),
    SpanColumn("clean_start", "start in clean_text, null for a span in a stripped region", "int64"),
    SpanColumn("clean_end", "end in clean_text, null for a span in a stripped region", "int64"),
)
_TYPES: Mapping[str, str] = MappingProxyType(
    {"text": "string", "flag": "bool", "integer": "int64", "number": "float64"}
)
_ROWS = "span rows (JSON Lines, data frames, datasets, Croissant)"


def _unsupported(kind: type[Annotation], name: str, export: str, why: str) -> Exception:
    return UnsupportedAttributeError(
        f"the {export} export cannot carry the attribute {name} of the layer {kind.layer} "
        f"({kind.__name__}): {why}",
        layer=str(kind.layer),
        attribute=name,
        export=export,
    )


def _attribute_columns(kind: type[Annotation]) -> list[tuple[str, str, str, str]]:
    """(attribute, column, description, type) of each column a layer's attributes fill."""
    found: list[tuple[str, str, str, str]] = []
    for field in attribute_fields(kind):
        about = attribute_spec(kind, field)
        what, _optional = attribute_kind(kind, field)
        if what == "span":
            stem = field.name.removesuffix("_span")
            place = next((k + 1 for k, c in enumerate(found) if c[1] == stem), len(found))
            found[place:place] = [
                (field.name, f"{stem}_{end}", f"{end} of {about.description} in the raw text",
                 "int64")
                for end in ("start", "end")
            ]  # fmt: skip
        elif what in _TYPES:
            found.append((field.name, about.column or field.name, about.description, _TYPES[what]))
        else:
            raise _unsupported(kind, field.name, _ROWS, "a column holds text, a flag or a number")
    return found


@functools.lru_cache(maxsize=8)
def _columns(kinds: tuple[type[Annotation], ...]) -> tuple[SpanColumn, ...]:
    columns = {c.name: c for c in _BASE}
    for kind in kinds:
        for attribute, name, description, type_ in _attribute_columns(kind):
            elsewhere = attribute_spec(kind, attrs.fields_dict(kind)[attribute]).elsewhere
            known = columns.get(name)
            if known is None:
                columns[name] = SpanColumn(name, description, type_, (kind.layer,), elsewhere)
            elif known.layers and (known.kind, known.elsewhere) == (type_, elsewhere):
                columns[name] = attrs.evolve(known, layers=(*known.layers, kind.layer))
            else:
                raise _unsupported(
                    kind,
                    attribute,
                    _ROWS,
                    f"its column {name!r} is "
                    + (f"{known.kind} in the layers {', '.join(known.layers)}" if known.layers
                       else "one that every span has")
                    + ": name the column otherwise with spec(column=...)",
                )  # fmt: skip
    return tuple(
        attrs.evolve(c, description=f"{' or '.join(map(str, c.layers))}: {c.description}")
        if c.layers
        else c
        for c in columns.values()
    )


def span_columns() -> tuple[SpanColumn, ...]:
    """The columns of a span record, in order: those every span has, then those of each
    layer of `karabakh_corpus.schema.ANNOTATION_TYPES` (a column two layers fill alike is
    listed once). Raises `UnsupportedAttributeError` for an attribute no column can hold."""
    return _columns(tuple(ANNOTATION_TYPES.values()))


class _SpanColumns(Mapping[str, str]):
    """The live mapping of column name to description (`SPAN_COLUMNS`)."""

    def _table(self) -> dict[str, str]:
        return {c.name: c.description for c in span_columns()}

    def __getitem__(self, name: str) -> str:
        return self._table()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())

    def __repr__(self) -> str:
        return f"SPAN_COLUMNS({self._table()!r})"


SPAN_COLUMNS: Mapping[str, str] = _SpanColumns()
"""The columns of a span record (JSON Lines, data frames, datasets) and what each holds,
for every layer registered now (`span_columns` gives their types too).

Each attribute of a span type has the column of its own name, except where its `spec`
names another: `value` means two things, so `Timex.value` is the column ``time_value`` and
`Quantity.value` the column ``quantity_value``; a linked mention (`Quotation.speaker_span`)
is two columns of offsets (``speaker_start``, ``speaker_end``).
"""


def attributes(annotation: Annotation, *, export: str = _ROWS) -> dict[str, Any]:
    """The layer attributes of a span by their Python names, a linked mention
    (``speaker_span``) as its offsets (``speaker_start``, ``speaker_end``).

    Raises `UnsupportedAttributeError` naming `export` for an attribute that is not text, a
    flag, a number or a span.
    """
    kind = type(annotation)
    found: dict[str, Any] = {}
    for field in attribute_fields(kind):
        value = getattr(annotation, field.name)
        what, _optional = attribute_kind(kind, field)
        if what == "span":
            stem = field.name.removesuffix("_span")
            found[f"{stem}_start"] = None if value is None else value.start
            found[f"{stem}_end"] = None if value is None else value.end
        elif what in _TYPES:
            found[field.name] = value
        else:
            raise _unsupported(kind, field.name, export, "it is not text, a flag or a number")
    return found


def span_record(doc: Document, annotation: Annotation) -> dict[str, Any]:
    """One span as a flat record with every column of `SPAN_COLUMNS` (None where not
    applicable, or the value a column has outside its layers: `garbled` is False)."""
    clean = doc.clean_offsets.span_to_output(annotation.start, annotation.end)
    columns = span_columns()
    record: dict[str, Any] = {c.name: c.elsewhere for c in columns}
    record.update(
        layer=str(annotation.layer),
        label=annotation.label,
        start=annotation.start,
        end=annotation.end,
        text=annotation.text,
        clean_start=None if clean is None else clean[0],
        clean_end=None if clean is None else clean[1],
    )
    kind = type(annotation)
    values = attributes(annotation)
    for attribute, name, _description, type_ in _attribute_columns(kind):
        value = values[attribute] if attribute in values else values[name]  # or an offset
        if type_ == "float64" and value is not None:
            value = float(value)  # one type for the column: 6600.0
        record[name] = value
    return record


def document_record(doc: Document, release: str) -> dict[str, Any]:
    """One document as a JSON Lines record: its texts, every metadata column
    (`karabakh_corpus.schema.metadata_columns`), its regions and its spans."""
    meta = doc.meta
    record: dict[str, Any] = {
        "id": doc.id,
        "source": doc.source,
        "release": release,
        "title": doc.title,
        "summary": doc.summary,
        "text": doc.text,
        "clean_text": doc.clean_text,
        "raw": doc.raw,
    }
    for name, _column in metadata_columns():
        record[name] = _json_value(getattr(meta, name))
    record["regions"] = [region_record(r) for r in doc.regions]
    record["spans"] = [span_record(doc, a) for a in doc.annotations]
    return record


def _json_value(value: Any) -> Any:
    """A metadata value as JSON holds it: a date in ISO 8601, an enum its value, a list."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def to_jsonl(corpus: Corpus, path: str | Path, *, ids: Sequence[str] | None = None) -> Path:
    """Write the documents as JSON Lines to `path`; return the path."""
    docs = select_documents(corpus, ids)
    path = Path(path)
    with (
        _atomic.atomic_path(path) as temporary,
        temporary.open("w", encoding="utf-8", newline="\n") as out,
    ):
        for doc in docs:
            record = document_record(doc, corpus.release)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """The records of a JSON Lines export."""
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
