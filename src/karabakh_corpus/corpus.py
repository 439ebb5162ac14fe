"""Load the corpus that ships in the package's `data/` folder.

`load` reads the manifest, then each document's raw text and record, through
`importlib.resources`, so it works from a wheel, an unpacked tree or a zip archive. Nothing
is read at import time; the first `load()` reads everything and later calls return the same
`Corpus`.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import importlib_resources
from importlib_resources.abc import Traversable

from karabakh_corpus._convert import structure_document
from karabakh_corpus.errors import DataFormatError, IntegrityError
from karabakh_corpus.schema import Corpus

__all__ = ["data_root", "load", "load_from", "read_json", "read_text"]

MANIFEST = "manifest.json"


def data_root() -> Traversable:
    """The installed `data/` folder."""
    return importlib_resources.files("karabakh_corpus") / "data"


@functools.cache
def load() -> Corpus:
    """The corpus of this release: its documents in seed order, addressable by id.

    Raises `IntegrityError` when a data file is missing and `DataFormatError` when one is
    malformed; `karabakh_corpus.verify()` says which installed files were changed.
    """
    return load_from(data_root())


def load_from(root: Traversable) -> Corpus:
    """Load a corpus from a data folder laid out as the package's `data/` is."""
    manifest = read_json(root, MANIFEST)
    try:
        release = manifest["release"]
        entries = manifest["documents"]
        ids = [(entry["id"], entry["source"]) for entry in entries]
    except (KeyError, TypeError) as exc:
        raise DataFormatError(
            f"{MANIFEST}: missing or malformed field {exc}; reinstall the package"
        ) from exc
    files = manifest.get("files", {})
    documents = []
    for doc_id, _source in ids:
        raw = read_text(root, f"raw/{doc_id}.txt")
        record = read_json(root, f"documents/{doc_id}.json")
        layers_file = f"annotations/{doc_id}.json"
        layers = read_json(root, layers_file) if layers_file in files else None
        documents.append(
            structure_document(
                record,
                raw,
                where=f"documents/{doc_id}.json",
                annotations=layers,
                where_layers=layers_file,
            )
        )
    return Corpus(release=release, documents=tuple(documents))


def read_bytes(root: Traversable, name: str) -> bytes:
    """The bytes of the data file `name` (a /-separated path under `root`)."""
    node = root
    for part in name.split("/"):
        node = node / part
    try:
        return node.read_bytes()
    except FileNotFoundError as exc:
        raise IntegrityError(
            f"the data file {name} is missing; reinstall karabakh-corpus", files=[name]
        ) from exc


def read_text(root: Traversable, name: str) -> str:
    """The UTF-8 text of the data file `name`, exactly as stored (no newline translation)."""
    data = read_bytes(root, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFormatError(
            f"the data file {name} is not valid UTF-8 ({exc.reason} at byte {exc.start}); "
            "it was damaged: reinstall karabakh-corpus"
        ) from exc


def read_json(root: Traversable, name: str) -> Any:
    """The parsed JSON of the data file `name`."""
    text = read_text(root, name)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFormatError(
            f"the data file {name} is not valid JSON ({exc.msg} at line {exc.lineno}); "
            "it was damaged: reinstall karabakh-corpus"
        ) from exc
