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
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from karabakh_corpus import _atomic
from karabakh_corpus.schema import (
    Annotation,
    Corpus,
    Document,
    Entity,
    Layer,
    Quantity,
    Quotation,
    Region,
    TextIssue,
    Timex,
)

__all__ = [
    "SPAN_COLUMNS",
    "attributes",
    "document_record",
    "read_jsonl",
    "region_record",
    "select_documents",
    "span_record",
    "to_jsonl",
]


def region_record(region: Region) -> dict[str, Any]:
    """A region as the exports and the streaming cleaner write it: offsets, category, rule."""
    return {
        "start": region.start,
        "end": region.end,
        "category": region.category.value,
        "rule": region.rule,
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


SPAN_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "layer": "the annotation layer",
        "label": "the span's label in its layer",
        "start": "start of the span in the raw text",
        "end": "end of the span in the raw text (exclusive)",
        "text": "the raw text the span covers",
        "clean_start": "start in clean_text, null for a span in a stripped region",
        "clean_end": "end in clean_text, null for a span in a stripped region",
        "key": "entity: the canonical entity key",
        "form": "entity: how it is named (name, short, metonym, role)",
        "garbled": "entity: the name is misspelled or garbled",
        "reading": "entity or text_issue: the correct reading",
        "speaker": "quote: the entity key of the speaker",
        "speaker_start": "quote: start of the speaker's mention in the raw text",
        "speaker_end": "quote: end of the speaker's mention in the raw text",
        "cue": "quote: the word that attributes it",
        "time_value": "time: the normalized value (Timex.value, ISO 8601 / TIMEX3)",
        "anchor": "time: what a relative expression was resolved against",
        "resolved": "time: whether a value could be given",
        "note": "time: why no value could be given",
        "quantity_value": "quantity: the figure (Quantity.value), null for vague multiples",
        "unit": "quantity: the unit of the figure",
        "counted": "quantity: what is counted",
        "qualifier": "quantity: the figure's qualifier (exact, about, more-than...)",
        "event": "quantity: the key of the event the figure is about",
    }
)
"""The columns of a span record (JSON Lines, data frames, datasets) and what each holds.

Each attribute of a span type has the column of its own name, except `value`, which means
two things: `Timex.value` is the column ``time_value`` and `Quantity.value` the column
``quantity_value``.
"""

_NO_COLUMNS: Mapping[Layer, str] = MappingProxyType({})
_LAYER_COLUMNS: Mapping[str, Mapping[Layer, str]] = MappingProxyType(
    {"value": MappingProxyType({Layer.TIME: "time_value", Layer.QUANTITY: "quantity_value"})}
)


def attributes(annotation: Annotation) -> dict[str, Any]:
    """The layer attributes of a span by their Python names (``speaker_span`` as offsets)."""
    found: dict[str, Any] = {}
    if isinstance(annotation, Entity):
        found.update(
            key=annotation.key,
            form=annotation.form,
            garbled=annotation.garbled,
            reading=annotation.reading,
        )
    elif isinstance(annotation, Quotation):
        speaker = annotation.speaker_span
        found.update(
            speaker=annotation.speaker,
            cue=annotation.cue,
            speaker_start=None if speaker is None else speaker.start,
            speaker_end=None if speaker is None else speaker.end,
        )
    elif isinstance(annotation, Timex):
        found.update(
            value=annotation.value,
            anchor=annotation.anchor,
            resolved=annotation.resolved,
            note=annotation.note,
        )
    elif isinstance(annotation, Quantity):
        found.update(
            value=annotation.value,
            unit=annotation.unit,
            counted=annotation.counted,
            qualifier=annotation.qualifier,
            event=annotation.event,
        )
    elif isinstance(annotation, TextIssue):
        found.update(reading=annotation.reading)
    return found


def span_record(doc: Document, annotation: Annotation) -> dict[str, Any]:
    """One span as a flat record with every column of `SPAN_COLUMNS` (None where not
    applicable; `garbled` is False outside the entity layer)."""
    clean = doc.clean_offsets.span_to_output(annotation.start, annotation.end)
    record: dict[str, Any] = dict.fromkeys(SPAN_COLUMNS)
    record.update(
        layer=annotation.layer.value,
        label=annotation.label,
        start=annotation.start,
        end=annotation.end,
        text=annotation.text,
        clean_start=None if clean is None else clean[0],
        clean_end=None if clean is None else clean[1],
        garbled=False,
    )
    for name, value in attributes(annotation).items():
        column = _LAYER_COLUMNS.get(name, _NO_COLUMNS).get(annotation.layer, name)
        if column == "quantity_value" and value is not None:
            value = float(value)  # one type for the column: 6600.0
        record[column] = value
    return record


def document_record(doc: Document, release: str) -> dict[str, Any]:
    """One document as a JSON Lines record."""
    meta = doc.meta
    return {
        "id": doc.id,
        "source": doc.source,
        "release": release,
        "title": doc.title,
        "summary": doc.summary,
        "text": doc.text,
        "clean_text": doc.clean_text,
        "raw": doc.raw,
        "date": None if meta.date is None else meta.date.isoformat(),
        "date_inferred": meta.date_inferred,
        "date_evidence": meta.date_evidence,
        "outlet": meta.outlet,
        "credited_to": list(meta.credited_to),
        "wire": None if meta.wire is None else meta.wire.value,
        "wire_inferred": meta.wire_inferred,
        "wire_evidence": meta.wire_evidence,
        "byline": meta.byline,
        "language": meta.language,
        "machine_rewritten": meta.machine_rewritten,
        "machine_rewritten_note": meta.machine_rewritten_note,
        "regions": [region_record(r) for r in doc.regions],
        "spans": [span_record(doc, a) for a in doc.annotations],
    }


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
