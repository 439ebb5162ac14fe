"""Build the corpus data from its sources: the raw texts, the cleaner and curated metadata.

This is release machinery, not part of the public API. `scripts/build_corpus.py` calls it to
regenerate `data/documents/*.json`, and the tests call it to check that what ships is what
the sources and the cleaner produce.

The regions are the cleaner's, except where a hand reading of the page corrects one
(`curation/regions.json`): each correction names one line of the raw text (its whole text,
whitespace normalized), the category a reader gives it and why; the corrected region's rule
is none and its reason `CURATED`, so that every region still says what decided it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from karabakh_corpus import _textmap
from karabakh_corpus.cleaner.core import Cleaner
from karabakh_corpus.corpus import annotate as _annotate
from karabakh_corpus.corpus.anchor import find_quote
from karabakh_corpus.errors import AnchorError, DataFormatError
from karabakh_corpus.schema import (
    ANNOTATION_TYPES,
    ARTICLE,
    Annotation,
    Category,
    Document,
    Evidence,
    Metadata,
    Region,
)

__all__ = ["CURATED", "build_document", "correct_regions"]

CURATED = "curated"
"""The reason of a region whose category a hand reading of the page set
(`curation/regions.json`); such a region names no rule."""

_FIELDS = tuple(field.name for field in attrs.fields(Metadata) if field.name != "stripped")
"""The fields of a document's curated metadata: every `Metadata` field but the regions."""


def build_document(
    doc_id: str,
    source: str,
    raw: str,
    curated: Mapping[str, Any],
    *,
    annotations: str | None = None,
    cleaner: Cleaner | None = None,
    corrections: Sequence[Mapping[str, Any]] = (),
) -> Document:
    """The document for one raw text: regions from the cleaner, metadata from `curated`.

    `curated` holds the metadata fields, with `evidence` mapping each field to the quotes of
    the raw text that back it; every quote must occur exactly once (or be marked, see
    `karabakh_corpus.corpus.anchor`). `annotations` is the text of the document's authored
    annotation file (docs/annotation-guidelines.md), resolved against the raw text.
    """
    missing = [f for f in _FIELDS if f not in curated]
    extra = [f for f in curated if f not in _FIELDS]
    if missing or extra:
        raise DataFormatError(f"{doc_id}: curated metadata missing {missing}, unknown {extra}")
    cleaned = (cleaner or Cleaner()).clean(raw)
    regions = correct_regions(doc_id, cleaned.regions, corrections)
    evidence = []
    for field, quotes in curated["evidence"].items():
        if field not in _FIELDS:
            raise DataFormatError(f"{doc_id}: evidence for unknown field {field!r}")
        for quote in quotes:
            try:
                start, end = find_quote(raw, quote)
            except AnchorError as exc:
                raise AnchorError(f"{doc_id}: evidence for {field}: {exc}") from exc
            evidence.append(Evidence(start, end, raw[start:end], field=field))
    values: dict[str, Any] = {}
    for field in _FIELDS:
        if field == "evidence":
            continue
        value = curated[field]
        if field == "date" and value is not None:
            value = datetime.date.fromisoformat(value)
        elif isinstance(value, list):
            value = tuple(value)
        values[field] = value
    meta = Metadata(
        **values,
        evidence=tuple(sorted(evidence, key=lambda e: (e.start, e.field))),
        stripped=tuple(r for r in regions if r.category.stripped),
    )
    article = tuple(r for r in regions if r.category in ARTICLE)
    spans: tuple[Annotation, ...] = ()
    if annotations is not None:
        rows = _annotate.parse(annotations, name=f"{doc_id}.tsv")
        layers = _annotate.resolve(raw, regions, rows)
        spans = tuple(a for layer in ANNOTATION_TYPES for a in layers.get(layer, ()))
    return Document(
        id=doc_id, source=source, raw=raw, article=article, meta=meta, annotations=spans
    )


def correct_regions(
    doc_id: str, regions: tuple[Region, ...], corrections: Sequence[Mapping[str, Any]]
) -> tuple[Region, ...]:
    """`regions` with the categories a hand reading corrects.

    Each correction is ``{"line": ..., "category": ..., "why": ...}``: `line` is the whole
    text of one region, whitespace normalized, and must name exactly one region; the region
    takes `category`, no rule and the reason `CURATED`. Raises `DataFormatError` naming
    the document for a line that names no region or several, an unknown category, a
    missing reason, or a correction that changes nothing.
    """
    corrected = list(regions)
    for correction in corrections:
        if set(correction) != {"line", "category", "why"} or not str(correction["why"]).strip():
            raise DataFormatError(
                f"{doc_id}: a region correction needs exactly line, category and why: "
                f"{dict(correction)!r}"
            )
        try:
            category = Category(correction["category"])
        except ValueError as exc:
            raise DataFormatError(
                f"{doc_id}: unknown category {correction['category']!r} in a region correction"
            ) from exc
        found = [
            k for k, r in enumerate(corrected) if _textmap.normalize(r.text) == correction["line"]
        ]
        if len(found) != 1:
            raise DataFormatError(
                f"{doc_id}: the region correction's line {correction['line']!r} names "
                f"{len(found)} regions; it must name exactly one (the whole line, normalized)"
            )
        region = corrected[found[0]]
        if region.category is category:
            raise DataFormatError(
                f"{doc_id}: the line {correction['line']!r} is already {category.value}: "
                "remove the correction"
            )
        corrected[found[0]] = Region(
            region.start, region.end, region.text, category=category, rule=None, reason=CURATED
        )
    return tuple(corrected)
