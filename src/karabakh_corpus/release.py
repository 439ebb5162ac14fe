"""Releases that never change silently: integrity, history, the versioning policy.

`verify()` recomputes the hashes of the installed data and raises `IntegrityError` naming
every file that differs from the release manifest. `releases()` lists the releases whose
manifests ship in ``data/releases/``; `changes(old, new)` says which documents and layers
were added, removed or changed between two of them, and which version bump the versioning
policy demands for that (see the README):

- the raw text of an id never changes (a different text is a new id);
- removing a document, a field or a layer, or changing the meaning of a label: MAJOR;
- a changed clean text, changed regions or changed annotations of existing layers: MINOR;
- new documents, layers, fields or labels: MINOR;
- metadata corrections: PATCH.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from typing import Any

import attrs
from importlib_resources.abc import Traversable

from karabakh_corpus import _manifest
from karabakh_corpus.corpus import data_root, load_from, read_bytes, read_json
from karabakh_corpus.errors import DataFormatError, IntegrityError, ReleaseError

__all__ = ["Bump", "Changes", "Release", "changes", "releases", "verify"]

_SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")


class Bump(enum.IntEnum):
    """How much a version moves: the policy's levels, comparable (`MAJOR > MINOR`)."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3


def parse_version(version: str) -> tuple[int, int, int]:
    """The (major, minor, patch) of a release version; raises `ReleaseError` otherwise."""
    match = _SEMVER.fullmatch(version) if isinstance(version, str) else None
    if match is None:
        raise ReleaseError(f"{version!r} is not a release version such as 1.0.0")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def bump_between(old: str, new: str) -> Bump:
    """The bump from version `old` to version `new` (NONE if equal); raises if `new` is older."""
    a, b = parse_version(old), parse_version(new)
    if b < a:
        raise ReleaseError(f"{new} is older than {old}")
    if b[0] > a[0]:
        return Bump.MAJOR
    if b[1] > a[1]:
        return Bump.MINOR
    if b[2] > a[2]:
        return Bump.PATCH
    return Bump.NONE


@attrs.frozen
class Release:
    """One release: its version and its manifest (hashes of what it shipped)."""

    version: str
    manifest: Mapping[str, Any] = attrs.field(repr=False, eq=False)

    @property
    def documents(self) -> tuple[str, ...]:
        """The ids of its documents, in corpus order."""
        return tuple(entry["id"] for entry in self.manifest["documents"])


@attrs.frozen
class Changes:
    """What changed between two releases, and the bump the versioning policy demands.

    `changed` maps each changed document to its changed parts: ``raw``, ``clean``,
    ``regions``, ``metadata``, or ``layer:NAME``; `added_layers` and `removed_layers` map
    documents to layers that appeared or went. `reasons` explains `required`.
    """

    old: str
    new: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: Mapping[str, tuple[str, ...]]
    added_layers: Mapping[str, tuple[str, ...]]
    removed_layers: Mapping[str, tuple[str, ...]]
    schema: tuple[str, ...]
    required: Bump
    reasons: tuple[str, ...]

    @property
    def actual(self) -> Bump:
        """The bump from `old` to `new`."""
        return bump_between(self.old, self.new)

    @property
    def allowed(self) -> bool:
        """True if the versions move at least as much as the policy demands."""
        return "raw" not in _parts(self.changed) and self.actual >= self.required

    def summary(self) -> str:
        """A readable report, one line per change."""
        lines = [
            f"{self.old} -> {self.new}: policy requires {self.required.name}, "
            f"the versions make a {self.actual.name} step"
        ]
        lines += [f"  added document {d}" for d in self.added]
        lines += [f"  removed document {d}" for d in self.removed]
        for doc, parts in self.changed.items():
            lines.append(f"  changed {doc}: {', '.join(parts)}")
        for doc, layers in self.added_layers.items():
            lines.append(f"  new layers in {doc}: {', '.join(layers)}")
        for doc, layers in self.removed_layers.items():
            lines.append(f"  removed layers in {doc}: {', '.join(layers)}")
        lines += [f"  schema: {s}" for s in self.schema]
        if not (
            self.added
            or self.removed
            or self.changed
            or self.added_layers
            or self.removed_layers
            or self.schema
        ):
            lines.append("  no data changes")
        return "\n".join(lines)


def _parts(changed: Mapping[str, tuple[str, ...]]) -> set[str]:
    return {part for parts in changed.values() for part in parts}


def releases(root: Traversable | None = None) -> tuple[Release, ...]:
    """Every release whose manifest ships with the package, oldest first."""
    folder = (root or data_root()) / "releases"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if not name.endswith(".json"):
            continue
        version = name.removesuffix(".json")
        parse_version(version)
        manifest = read_json(folder, name)
        if manifest.get("release") != version:
            raise DataFormatError(f"releases/{name} describes release {manifest.get('release')}")
        found.append(Release(version, manifest))
    return tuple(sorted(found, key=lambda r: parse_version(r.version)))


def _release(version: str, root: Traversable | None) -> Release:
    parse_version(version)
    known = releases(root)
    for release in known:
        if release.version == version:
            return release
    names = ", ".join(r.version for r in known)
    raise ReleaseError(f"no release {version!r}; the releases are: {names}")


def changes(old: str, new: str, *, root: Traversable | None = None) -> Changes:
    """What changed from release `old` to release `new` (both must ship in data/releases)."""
    return compare(_release(old, root).manifest, _release(new, root).manifest)


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> Changes:
    """Compare two manifests under the versioning policy."""
    reasons: list[tuple[Bump, str]] = []
    old_docs = {e["id"]: e["sha256"] for e in old["documents"]}
    new_docs = {e["id"]: e["sha256"] for e in new["documents"]}
    added = tuple(d for d in new_docs if d not in old_docs)
    removed = tuple(d for d in old_docs if d not in new_docs)
    reasons += [(Bump.MAJOR, f"document {d} removed") for d in removed]
    reasons += [(Bump.MINOR, f"document {d} added") for d in added]
    changed: dict[str, tuple[str, ...]] = {}
    added_layers: dict[str, tuple[str, ...]] = {}
    removed_layers: dict[str, tuple[str, ...]] = {}
    for doc, before in old_docs.items():
        after = new_docs.get(doc)
        if after is None:
            continue
        parts = tuple(p for p in before if p in after and before[p] != after[p])
        if parts:
            changed[doc] = parts
        for part in parts:
            if part == "raw":
                reasons.append((Bump.MAJOR, f"the raw text of {doc} changed: give it a new id"))
            elif part == "metadata":
                reasons.append((Bump.PATCH, f"metadata of {doc} corrected"))
            else:
                reasons.append((Bump.MINOR, f"{part} of {doc} changed"))
        gone = tuple(p for p in before if p not in after)
        new_parts = tuple(p for p in after if p not in before)
        if gone:
            removed_layers[doc] = gone
            reasons += [(Bump.MAJOR, f"{p} removed from {doc}") for p in gone]
        if new_parts:
            added_layers[doc] = new_parts
            reasons += [(Bump.MINOR, f"{p} added to {doc}") for p in new_parts]
    schema = []
    old_fields, new_fields = old.get("fields", {}), new.get("fields", {})
    for kind in [*old_fields, *(k for k in new_fields if k not in old_fields)]:
        names = old_fields.get(kind, [])
        now = new_fields.get(kind, [])
        for name in names:
            if name not in now:
                schema.append(f"field {kind}.{name} removed")
                reasons.append((Bump.MAJOR, schema[-1]))
        for name in now:
            if name not in names:
                schema.append(f"field {kind}.{name} added")
                reasons.append((Bump.MINOR, schema[-1]))
    old_vocab, new_vocab = old.get("vocabulary", {}), new.get("vocabulary", {})
    for vocab in [*old_vocab, *(v for v in new_vocab if v not in old_vocab)]:
        labels = old_vocab.get(vocab, {})
        now = new_vocab.get(vocab, {})
        for label, meaning in labels.items():
            if label not in now:
                schema.append(f"label {vocab}:{label} removed")
                reasons.append((Bump.MAJOR, schema[-1]))
            elif now[label] != meaning:
                schema.append(f"meaning of {vocab}:{label} changed")
                reasons.append((Bump.MAJOR, schema[-1]))
        for label in now:
            if label not in labels:
                schema.append(f"label {vocab}:{label} added")
                reasons.append((Bump.MINOR, schema[-1]))
    required = max((level for level, _ in reasons), default=Bump.NONE)
    return Changes(
        old=old["release"],
        new=new["release"],
        added=added,
        removed=removed,
        changed=changed,
        added_layers=added_layers,
        removed_layers=removed_layers,
        schema=tuple(schema),
        required=required,
        reasons=tuple(text for level, text in sorted(reasons, key=lambda r: -r[0])),
    )


def verify(root: Traversable | None = None) -> str:
    """Check the installed data against its manifest; return the release verified.

    Raises `IntegrityError` naming every data file that is missing or differs from the hash
    the manifest records, and when the manifest itself differs from the release's copy in
    ``data/releases/``.
    """
    root = root or data_root()
    manifest = read_json(root, _manifest.MANIFEST)
    try:
        release = manifest["release"]
        files: Mapping[str, str] = manifest["files"]
    except (KeyError, TypeError) as exc:
        raise IntegrityError(f"{_manifest.MANIFEST} is damaged: missing {exc}") from exc
    bad = []
    for name, expected in files.items():
        try:
            actual = _manifest.sha256(read_bytes(root, name))
        except IntegrityError:
            bad.append(f"{name} (missing)")
            continue
        if actual != expected:
            bad.append(f"{name} (changed)")
    try:
        recorded = read_bytes(root, f"releases/{release}.json")
    except IntegrityError:
        bad.append(f"releases/{release}.json (missing)")
    else:
        if recorded != read_bytes(root, _manifest.MANIFEST):
            bad.append(f"{_manifest.MANIFEST} (differs from releases/{release}.json)")
    if bad:
        raise IntegrityError(
            f"the installed data of release {release} differs from its manifest: "
            f"{'; '.join(bad)}. Reinstall karabakh-corpus=={release}",
            files=[b.split(" ", 1)[0] for b in bad],
        )
    corpus = load_from(root)
    hashes = {e["id"]: e["sha256"] for e in manifest["documents"]}
    for document in corpus:
        for part, value in _manifest.content_hashes(document).items():
            if hashes.get(document.id, {}).get(part) != value:
                raise IntegrityError(
                    f"the {part} of {document.id} does not hash as the manifest says: the data "
                    "and this version of the code disagree; reinstall karabakh-corpus",
                    files=[f"documents/{document.id}.json"],
                )
    return str(release)
