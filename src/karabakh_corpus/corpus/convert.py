"""The one cattrs converter that turns records into JSON-ready data and back.

Dates are ISO 8601 strings, enums their values, tuples JSON arrays. A document's raw text
ships in its own file, so a document record carries everything but `raw`; `structure_document`
takes the raw text separately.

A `Region` is stored as one ``rule`` string that holds its rule and its reason
(`Region.stored_rule`), as the cleaner gives it; `stored_fields` lists the fields a record
stores. An annotation layer's records have the fields of its attrs type: a layer that
`karabakh_corpus.schema.register_layer` adds is read and written with no other code.

The fields of `Metadata` that later releases added (`wire_inferred` in 1.2.0; `authors`,
`authors_evidence`, `dateline` and `dateline_evidence` in 1.8.0) are written only when they
differ from their defaults, and a record without them loads with the defaults: the records
of releases made before a field existed load unchanged, and their metadata hashes the same
as when they were released.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from karabakh_corpus.annotations import group_by_layer
from karabakh_corpus.errors import DataFormatError
from karabakh_corpus.schema import (
    ANNOTATION_TYPES,
    Annotation,
    Document,
    Evidence,
    Metadata,
    Region,
    Span,
)
from karabakh_corpus.spans import STORED_IN

__all__ = [
    "converter",
    "record_types",
    "stored_fields",
    "structure_annotations",
    "structure_document",
    "unstructure_annotations",
    "unstructure_document",
]

converter = cattrs.Converter(forbid_extra_keys=True)
converter.register_unstructure_hook(datetime.date, lambda d: d.isoformat())


def _structure_date(value: Any, _type: type) -> datetime.date:
    if not isinstance(value, str):
        raise TypeError(f"a date must be an ISO 8601 string, not {value!r}")
    return datetime.date.fromisoformat(value)


converter.register_structure_hook(datetime.date, _structure_date)


def _structure_bool(value: Any, _type: type) -> bool:
    # The default hook calls bool(), which reads "no" and 1 as True: flags must be JSON
    # booleans.
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, not {value!r}")
    return value


converter.register_structure_hook(bool, _structure_bool)


# A region is one stored "rule" string for its rule and reason; its hooks come before
# those made for the types that hold regions (Metadata).
def _unstructure_region(region: Region) -> dict[str, Any]:
    return {
        "start": region.start,
        "end": region.end,
        "text": region.text,
        "category": region.category.value,
        "rule": region.stored_rule,
    }


converter.register_unstructure_hook(Region, _unstructure_region)
converter.register_structure_hook(
    # without a reason, Region() reads the stored rule string
    Region,
    make_dict_structure_fn(Region, converter, reason=override(omit=True)),
)

converter.register_unstructure_hook(
    Metadata,
    make_dict_unstructure_fn(
        Metadata,
        converter,
        wire_inferred=override(omit_if_default=True),
        authors=override(omit_if_default=True),
        authors_evidence=override(omit_if_default=True),
        dateline=override(omit_if_default=True),
        dateline_evidence=override(omit_if_default=True),
    ),
)


def stored_fields(kind: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of an attrs type that its records store (`Region.reason` is kept in the
    stored ``rule``, so a region record has no ``reason``)."""
    return tuple(f for f in attrs.fields(kind) if STORED_IN not in f.metadata)


def record_types() -> dict[str, type]:
    """Every record type of the schema by name: the document's, then each layer's."""
    kinds: list[type] = [Document, Metadata, Span, Region, Evidence]
    kinds += ANNOTATION_TYPES.values()
    return {kind.__name__: kind for kind in kinds}


def _structure_number(value: Any, _type: type) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataFormatError(f"expected a number or null, not {value!r}")
    return value


converter.register_structure_hook(int | float | None, _structure_number)


def unstructure_document(document: Document) -> dict[str, Any]:
    """The JSON-ready record of a document, without its raw text and its annotations."""
    record: dict[str, Any] = converter.unstructure(document)
    del record["raw"]
    del record["annotations"]
    return record


def unstructure_annotations(annotations: tuple[Annotation, ...]) -> dict[str, list[Any]]:
    """The JSON-ready annotation layers: every layer (empty ones too) with its spans."""
    return {
        layer: [converter.unstructure(a, unstructure_as=type(a)) for a in spans]
        for layer, spans in group_by_layer(annotations).items()
    }


def structure_annotations(record: Any, *, where: str = "annotations") -> tuple[Annotation, ...]:
    """Typed annotations from their JSON layers (in layer order, then text order).

    Raises `DataFormatError` naming `where`, the layer and the index of a bad span.
    """
    if not isinstance(record, dict):
        raise DataFormatError(f"{where}: annotation layers must be a JSON object of layer to spans")
    unknown = set(record) - set(ANNOTATION_TYPES)
    if unknown:
        raise DataFormatError(
            f"{where}: unknown annotation layers {sorted(unknown)}; "
            f"the layers are {list(ANNOTATION_TYPES)}"
        )
    annotations: list[Annotation] = []
    for layer, kind in ANNOTATION_TYPES.items():
        items = record.get(layer, [])
        if not isinstance(items, list):
            raise DataFormatError(f"{where}: layer {layer!r} must be a JSON array of spans")
        for i, item in enumerate(items):
            try:
                annotations.append(converter.structure(item, kind))
            except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
                raise DataFormatError(
                    f"{where}: {layer}[{i}]: {'; '.join(_messages(exc))}"
                ) from exc
    return tuple(annotations)


def structure_document(
    record: Any,
    raw: str,
    *,
    where: str,
    annotations: Any = None,
    where_layers: str = "annotations",
) -> Document:
    """Build a `Document` from its record, raw text and annotation layers (if any).

    `where` and `where_layers` name the sources of the record and of the layers in error
    messages.
    """
    if not isinstance(record, dict):
        raise DataFormatError(f"{where}: a document record must be a JSON object")
    spans = () if annotations is None else structure_annotations(annotations, where=where_layers)
    try:
        document = converter.structure({**record, "raw": raw}, Document)
    except DataFormatError as exc:
        raise DataFormatError(f"{where}: {exc}") from exc
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        detail = "; ".join(_messages(exc)) or str(exc)
        raise DataFormatError(
            f"{where}: the record does not match the schema: {detail}. "
            "Reinstall the package or run karabakh-corpus verify"
        ) from exc
    if not spans:
        return document
    try:
        return attrs.evolve(document, annotations=spans)
    except ValueError as exc:
        raise DataFormatError(
            f"{where_layers}: {exc}. Reinstall the package or run karabakh-corpus verify"
        ) from exc


def _messages(exc: BaseException) -> list[str]:
    if isinstance(exc, cattrs.BaseValidationError):
        return cattrs.transform_error(exc, format_exception=_describe)
    return [_describe(exc, None)]


def _describe(exc: BaseException, _type: Any) -> str:
    """One error of a record, in words (with the validator's own message where it has one)."""
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown fields {sorted(exc.extra_fields)}"
    return str(exc) or type(exc).__name__
