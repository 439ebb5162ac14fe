"""The release manifest: what a release ships, as SHA-256 hashes.

For each document the manifest hashes its raw text, its clean text, its metadata and its
regions (and, per layer, its annotations); for the release it hashes every data file. The
content hashes say what changed between two releases; the file hashes say whether an
installation is intact.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from karabakh_corpus._version import CLEANER_VERSION, __version__
from karabakh_corpus.annotations import attribute_fields, attribute_spec
from karabakh_corpus.corpus.convert import (
    converter,
    record_types,
    stored_fields,
    unstructure_annotations,
)
from karabakh_corpus.schema import ANNOTATION_TYPES, CATEGORY_MEANINGS, WIRE_NAMES, Document

__all__ = [
    "MANIFEST",
    "SCHEMA_VERSION",
    "content_hashes",
    "dumps",
    "make_manifest",
    "record_hashes",
    "sha256",
]

MANIFEST = "manifest.json"
SCHEMA_VERSION = 1
"""Changes when the shape of the records changes."""


def sha256(data: bytes | str) -> str:
    """The hex SHA-256 of `data` (a str is hashed as UTF-8)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def canonical(value: Any) -> str:
    """`value` as canonical JSON: sorted keys, no spaces, UTF-8 characters kept."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_hashes(document: Document) -> dict[str, str]:
    """The hashes of a document's parts: raw and clean text, metadata, regions, layers."""
    meta = converter.unstructure(document.meta)
    stripped = meta.pop("stripped")
    regions = {"article": converter.unstructure(document.article), "stripped": stripped}
    hashes = {
        "raw": sha256(document.raw),
        "clean": sha256(document.clean_text),
        "metadata": sha256(canonical(meta)),
        "regions": sha256(canonical(regions)),
    }
    if document.annotations:
        for layer, spans in unstructure_annotations(document.annotations).items():
            hashes[f"layer:{layer}"] = sha256(canonical(spans))
    return hashes


def record_hashes(record: Any, layers: Any, *, raw: str, clean: str) -> dict[str, str]:
    """The hashes `content_hashes` gives, computed from a document's stored records.

    `record` and `layers` are the parsed JSON of its document and annotation files as a
    release shipped them (`layers` None when it had none), so the hashes of a past release
    can be checked whatever fields the current schema has.
    """
    meta = dict(record["meta"])
    stripped = meta.pop("stripped")
    hashes = {
        "raw": sha256(raw),
        "clean": sha256(clean),
        "metadata": sha256(canonical(meta)),
        "regions": sha256(canonical({"article": record["article"], "stripped": stripped})),
    }
    if layers:
        for layer, spans in layers.items():
            hashes[f"layer:{layer}"] = sha256(canonical(spans))
    return hashes


def data_files(root: Path) -> list[str]:
    """The data files a release ships under `root`, as sorted /-separated paths."""
    names = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.name == MANIFEST or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(root).as_posix()
        if relative.startswith("releases/"):
            continue
        names.append(relative)
    return names


def vocabulary() -> dict[str, dict[str, str]]:
    """Every closed vocabulary of the schema, each label with its meaning: the categories,
    the wires, each layer's labels (``layer:NAME``), then each attribute that has a
    vocabulary (``LAYER:ATTRIBUTE``)."""
    vocabularies = {
        "category": {c.value: meaning for c, meaning in CATEGORY_MEANINGS.items()},
        "wire": {w.value: name for w, name in WIRE_NAMES.items()},
    }
    for layer, kind in ANNOTATION_TYPES.items():
        vocabularies[f"layer:{layer}"] = dict(kind.labels)
    for layer, kind in ANNOTATION_TYPES.items():
        for field in attribute_fields(kind):
            words = attribute_spec(kind, field).vocabulary
            if words is not None:
                vocabularies[f"{layer}:{field.name}"] = dict(words)
    return vocabularies


def fields() -> dict[str, list[str]]:
    """The fields each record type of the schema stores, by type name."""
    return {name: [f.name for f in stored_fields(kind)] for name, kind in record_types().items()}


def make_manifest(
    root: Path, documents: Sequence[Document], *, release: str = __version__
) -> dict[str, Any]:
    """The manifest of release `release`: the data under `root` holding `documents`."""
    return {
        "release": release,
        "schema_version": SCHEMA_VERSION,
        "cleaner_version": CLEANER_VERSION,
        "fields": fields(),
        "vocabulary": vocabulary(),
        "documents": [
            {"id": d.id, "source": d.source, "sha256": content_hashes(d)} for d in documents
        ],
        "files": {name: sha256((root / name).read_bytes()) for name in data_files(root)},
    }


def dumps(manifest: dict[str, Any]) -> str:
    """The manifest as the text that ships: indented JSON with a final newline."""
    return json.dumps(manifest, indent=1, ensure_ascii=False) + "\n"


def ids(manifest: dict[str, Any]) -> Iterable[str]:
    """The document ids a manifest lists."""
    return (entry["id"] for entry in manifest["documents"])
