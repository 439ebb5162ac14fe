"""Load the corpus that ships in the package's `data/` folder, of this release or a past one.

`load` reads a release manifest, then each document's raw text, record and annotation layers,
through `importlib.resources`, so it works from a wheel, an unpacked tree or a zip archive.
Every file it reads is checked against the SHA-256 its manifest records, and the manifest
against the copy its release was published with (`check_manifest`); a file that differs
raises `IntegrityError` naming it. Nothing is read at import time; the first `load()` of a
release reads it once (under a lock, so threads share one read) and later calls return the
same `Corpus`.

How past releases are stored: ``data/releases/VERSION.json`` is the manifest each release
shipped, whose ``files`` map names every data file of that release with its SHA-256. A file
of a past release that is byte for byte the file shipping now (every raw text, and whatever
did not change) is read from the current data; a file that differs is kept once, gzipped,
under ``data/releases/blobs/SHA256.gz`` (content-addressed, so releases that share a file
share its blob). `scripts/make_release.py` writes and prunes the blobs when a release is cut.

Records of an older schema are read with the current types: a field that a later release
added takes its default (or the value listed in `PREDATES`); a field that this version no
longer has raises `DataFormatError`, never a silent loss.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import importlib_resources
from importlib_resources.abc import Traversable

from karabakh_corpus._version import __version__, parse_version
from karabakh_corpus.corpus.convert import structure_document
from karabakh_corpus.corpus.manifest import MANIFEST
from karabakh_corpus.errors import DataFormatError, IntegrityError, ReleaseError
from karabakh_corpus.schema import Corpus

__all__ = [
    "PREDATES",
    "check_manifest",
    "data_root",
    "load",
    "load_from",
    "read_json",
    "read_text",
]

RELEASES = "releases"
BLOBS = "releases/blobs"

PREDATES: Mapping[tuple[str, str], Any] = MappingProxyType(
    {
        # A release before `wire_inferred` never inferred a wire: `wire` was the credited one.
        ("Metadata", "wire_inferred"): False,
    }
)
"""For fields without a default: the value a record of a release that predates the field means."""

_lock = threading.RLock()
_cache: dict[str | None, Corpus] = {}


def data_root() -> Traversable:
    """The installed `data/` folder.

    An installation on the file system (a wheel, a source tree) gives it as a
    `pathlib.Path`, which is what `importlib_resources` would give too, without importing
    its readers; one in a zip archive (or behind another loader) goes through
    `importlib_resources`."""
    folder = Path(__file__).resolve().parent.parent / "data"
    if folder.is_dir():
        return folder
    return importlib_resources.files("karabakh_corpus") / "data"


def load(release: str | None = None) -> Corpus:
    """The corpus of this release, or of the past release `release` (e.g. ``"1.0.0"``).

    Documents come in seed order, addressable by id. Each release is read once and cached;
    threads calling at once share one read and one `Corpus`. Raises `ReleaseError` for a
    release that does not ship here (`karabakh_corpus.releases()` lists them),
    `IntegrityError` naming a data file that is missing or differs from its manifest, and
    `DataFormatError` when one is malformed.
    """
    if release is not None and not isinstance(release, str):
        raise ReleaseError(f"a release is a version string such as '1.0.0', not {release!r}")
    corpus = _cache.get(release)
    if corpus is not None:
        return corpus
    with _lock:
        corpus = _cache.get(release)
        if corpus is None:
            root = data_root()
            if release is None:
                check_manifest(root)
                corpus = load_from(root)
            elif release == _current_release(root):
                corpus = load()  # the lock is reentrant
            else:
                corpus = load_release(root, release)
            _cache[release] = corpus
    return corpus


def check_manifest(root: Traversable) -> None:
    """Raise `IntegrityError` unless ``manifest.json`` is the manifest its release shipped:
    byte for byte the copy in ``releases/RELEASE.json``, or, for a release that copy does
    not exist for yet (a build of this version not yet published), of this version.

    The manifest holds the hashes every other file is checked against, so an edit of it
    (a hash, a document dropped, another release) would pass them; this check reads one
    more file of about 10 kB.
    """
    data = read_bytes(root, MANIFEST)
    manifest = _parse(_decode(data, MANIFEST), MANIFEST)
    release = manifest.get("release") if isinstance(manifest, dict) else None
    try:
        published = read_bytes(root, f"{RELEASES}/{release}.json")
    except IntegrityError:
        published = None
    if published is None and release == __version__:
        return  # not published yet: a development build of this version
    if published is None:
        raise IntegrityError(
            f"the data file {MANIFEST} is of release {release!r}, which is neither this "
            f"package's ({__version__}) nor one in {RELEASES}/: it was changed or damaged; run "
            "karabakh-corpus verify, and reinstall karabakh-corpus",
            files=[MANIFEST],
        )
    if published != data:
        raise IntegrityError(
            f"the data file {MANIFEST} differs from {RELEASES}/{release}.json, the manifest "
            f"release {release} was published with: it was changed or damaged; run "
            "karabakh-corpus verify, and reinstall karabakh-corpus (to build data for the "
            "next release, raise the version first)",
            files=[MANIFEST],
        )


def _current_release(root: Traversable) -> Any:
    current = _cache.get(None)
    if current is not None:
        return current.release
    manifest = read_json(root, MANIFEST)
    return manifest.get("release") if isinstance(manifest, dict) else None


def load_from(root: Traversable) -> Corpus:
    """Load the current corpus from a data folder laid out as the package's `data/` is."""
    manifest = read_json(root, MANIFEST)
    return _load(manifest, MANIFEST, DataFiles(root, manifest, MANIFEST))


def load_release(root: Traversable, version: str) -> Corpus:
    """Load the release `version` recorded in ``root/releases/VERSION.json``."""
    parse_version(version)
    name = f"{RELEASES}/{version}.json"
    try:
        manifest = read_json(root, name)
    except IntegrityError as exc:
        known = sorted(
            (e.name.removesuffix(".json") for e in (root / RELEASES).iterdir()),
            key=lambda v: [int(x) if x.isdigit() else -1 for x in v.split(".")],
        )
        versions = ", ".join(v for v in known if v[:1].isdigit())
        raise ReleaseError(
            f"no release {version!r} ships with this package; the releases are: {versions}"
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("release") != version:
        raise DataFormatError(f"{name} does not describe release {version}; reinstall")
    current = current_files(root)
    return _load(manifest, name, DataFiles(root, manifest, name, current=current))


def current_files(root: Traversable) -> Mapping[str, str]:
    try:
        files = read_json(root, MANIFEST)["files"]
    except (KeyError, TypeError) as exc:
        raise DataFormatError(f"{MANIFEST}: missing or malformed files; reinstall") from exc
    if not isinstance(files, dict):
        raise DataFormatError(f"{MANIFEST}: malformed files; reinstall")
    return files


@attrs.define
class DataFiles:
    """The data files of one release, each checked against its manifest's SHA-256."""

    root: Traversable
    manifest: Any
    name: str
    current: Mapping[str, str] | None = None

    @property
    def listed(self) -> Mapping[str, str]:
        files = self.manifest.get("files") if isinstance(self.manifest, dict) else None
        if not isinstance(files, dict):
            raise DataFormatError(f"{self.name}: missing or malformed files; reinstall")
        return files

    def read(self, name: str) -> bytes:
        expected = self.listed.get(name)
        if expected is None:
            raise IntegrityError(
                f"the data file {name} is not in {self.name}; reinstall karabakh-corpus",
                files=[name],
            )
        if self.current is not None and self.current.get(name) != expected:
            return self._blob(name, expected)
        data = read_bytes(self.root, name)
        actual = _sha256(data)
        if actual != expected:
            raise IntegrityError(
                f"the data file {name} differs from {self.name} (SHA-256 {actual[:12]}…, "
                f"expected {expected[:12]}…): it was changed or damaged; run karabakh-corpus "
                "verify, and reinstall karabakh-corpus",
                files=[name],
            )
        return data

    def _blob(self, name: str, expected: str) -> bytes:
        import gzip
        import zlib

        blob = f"{BLOBS}/{expected}.gz"
        try:
            packed = read_bytes(self.root, blob)
        except IntegrityError as exc:
            raise IntegrityError(
                f"{name} of release {self.manifest.get('release')} is stored as {blob}, which "
                "is missing; reinstall karabakh-corpus",
                files=[blob],
            ) from exc
        try:
            data = gzip.decompress(packed)
        except (OSError, EOFError, zlib.error) as exc:
            raise IntegrityError(f"{blob} is damaged ({exc}); reinstall", files=[blob]) from exc
        if _sha256(data) != expected:
            raise IntegrityError(
                f"{blob} ({name} of release {self.manifest.get('release')}) does not match its "
                "SHA-256: it was changed or damaged; reinstall karabakh-corpus",
                files=[blob],
            )
        return data

    def text(self, name: str) -> str:
        return _decode(self.read(name), name)

    def json(self, name: str) -> Any:
        return _parse(self.text(name), name)


def _load(manifest: Any, name: str, files: DataFiles) -> Corpus:
    try:
        release = manifest["release"]
        entries = manifest["documents"]
        ids = [entry["id"] for entry in entries]
    except (KeyError, TypeError) as exc:
        raise DataFormatError(
            f"{name}: missing or malformed field {exc}; reinstall the package"
        ) from exc
    upgrade = _upgrader(manifest.get("fields"), release)
    listed = files.listed
    documents = []
    for doc_id in ids:
        raw = files.text(f"raw/{doc_id}.txt")
        where = f"documents/{doc_id}.json"
        record = files.json(where)
        layers_file = f"annotations/{doc_id}.json"
        layers = files.json(layers_file) if layers_file in listed else None
        record, layers = upgrade(record, layers)
        documents.append(
            structure_document(
                record, raw, where=where, annotations=layers, where_layers=layers_file
            )
        )
    return Corpus(release=release, documents=tuple(documents))


# -- records of an older schema --------------------------------------------------------------

_Upgrade = Callable[[Any, Any], tuple[Any, Any]]


def _unchanged(record: Any, layers: Any) -> tuple[Any, Any]:
    return record, layers


def _upgrader(recorded: Any, release: str) -> _Upgrade:
    """What makes a record of a release with the fields `recorded` fit the current types."""
    if not isinstance(recorded, dict):
        return _unchanged
    from karabakh_corpus.corpus.manifest import fields

    now = fields()
    fills: dict[str, dict[str, Any]] = {}
    for kind, names in now.items():
        if kind not in recorded:
            continue  # a record type the release did not have: no records of it to upgrade
        old = recorded[kind]
        gone = [n for n in old if n not in names]
        if gone:
            raise DataFormatError(
                f"release {release} has the field(s) {', '.join(f'{kind}.{n}' for n in gone)}, "
                f"which this version of karabakh-corpus no longer has; install "
                f"karabakh-corpus=={release} to read them"
            )
        for field in _attrs_fields(kind):
            if field.name in old or field.default is not attrs.NOTHING:
                continue
            if (kind, field.name) not in PREDATES:
                raise DataFormatError(
                    f"release {release} predates the field {kind}.{field.name}, which has no "
                    "default: add the value its records mean to "
                    "karabakh_corpus.corpus.PREDATES"
                )
            fills.setdefault(kind, {})[field.name] = PREDATES[(kind, field.name)]
    if not fills:
        return _unchanged

    def fill(kind: str, item: Any) -> Any:
        if isinstance(item, dict) and kind in fills:
            return {**fills[kind], **item}
        return item

    def upgrade(record: Any, layers: Any) -> tuple[Any, Any]:
        if not isinstance(record, dict):
            return record, layers
        record = fill("Document", record)
        for key in ("article",):
            if isinstance(record.get(key), list):
                record[key] = [fill("Region", r) for r in record[key]]
        meta = record.get("meta")
        if isinstance(meta, dict):
            meta = fill("Metadata", meta)
            if isinstance(meta.get("stripped"), list):
                meta["stripped"] = [fill("Region", r) for r in meta["stripped"]]
            if isinstance(meta.get("evidence"), list):
                meta["evidence"] = [fill("Evidence", e) for e in meta["evidence"]]
            record["meta"] = meta
        if isinstance(layers, dict):
            from karabakh_corpus.schema import ANNOTATION_TYPES

            kinds = {layer: kind.__name__ for layer, kind in ANNOTATION_TYPES.items()}
            layers = {
                name: [fill(kinds.get(name, ""), s) for s in spans]
                if isinstance(spans, list)
                else spans
                for name, spans in layers.items()
            }
        return record, layers

    return upgrade


def _attrs_fields(kind: str) -> tuple[attrs.Attribute[Any], ...]:
    from karabakh_corpus.corpus.convert import record_types, stored_fields

    return tuple(f for f in stored_fields(record_types()[kind]) if f.init)


# -- reading data files ----------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(root: Traversable, name: str) -> bytes:
    """The bytes of the data file `name` (a /-separated path under `root`)."""
    node = root
    for part in name.split("/"):
        node = node / part
    try:
        return node.read_bytes()
    except (FileNotFoundError, NotADirectoryError, KeyError) as exc:
        raise IntegrityError(
            f"the data file {name} is missing; reinstall karabakh-corpus", files=[name]
        ) from exc


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFormatError(
            f"the data file {name} is not valid UTF-8 ({exc.reason} at byte {exc.start}); "
            "it was damaged: reinstall karabakh-corpus"
        ) from exc


def _parse(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFormatError(
            f"the data file {name} is not valid JSON ({exc.msg} at line {exc.lineno}); "
            "it was damaged: reinstall karabakh-corpus"
        ) from exc


def read_text(root: Traversable, name: str) -> str:
    """The UTF-8 text of the data file `name`, exactly as stored (no newline translation)."""
    return _decode(read_bytes(root, name), name)


def read_json(root: Traversable, name: str) -> Any:
    """The parsed JSON of the data file `name`."""
    return _parse(read_text(root, name), name)
