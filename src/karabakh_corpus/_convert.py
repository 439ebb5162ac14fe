"""The one cattrs converter that turns records into JSON-ready data and back.

Dates are ISO 8601 strings, enums their values, tuples JSON arrays. A document's raw text
ships in its own file, so a document record carries everything but `raw`; `structure_document`
takes the raw text separately.
"""

from __future__ import annotations

import datetime
from typing import Any

import cattrs

from karabakh_corpus.errors import DataFormatError
from karabakh_corpus.schema import Document

__all__ = ["converter", "structure_document", "unstructure_document"]

converter = cattrs.Converter(forbid_extra_keys=True)
converter.register_unstructure_hook(datetime.date, lambda d: d.isoformat())


def _structure_date(value: Any, _type: type) -> datetime.date:
    if not isinstance(value, str):
        raise TypeError(f"a date must be an ISO 8601 string, not {value!r}")
    return datetime.date.fromisoformat(value)


converter.register_structure_hook(datetime.date, _structure_date)


def unstructure_document(document: Document) -> dict[str, Any]:
    """The JSON-ready record of a document, without its raw text."""
    record: dict[str, Any] = converter.unstructure(document)
    del record["raw"]
    return record


def structure_document(record: Any, raw: str, *, where: str) -> Document:
    """Build a `Document` from its record and raw text; `where` names the source in errors."""
    if not isinstance(record, dict):
        raise DataFormatError(f"{where}: a document record must be a JSON object")
    try:
        return converter.structure({**record, "raw": raw}, Document)
    except DataFormatError as exc:
        raise DataFormatError(f"{where}: {exc}") from exc
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        detail = "; ".join(_messages(exc)) or str(exc)
        raise DataFormatError(
            f"{where}: the record does not match the schema: {detail}. "
            "Reinstall the package or run karabakh-corpus verify"
        ) from exc


def _messages(exc: BaseException) -> list[str]:
    if isinstance(exc, cattrs.BaseValidationError):
        return cattrs.transform_error(exc)
    return [f"{type(exc).__name__}: {exc}"]
