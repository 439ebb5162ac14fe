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
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
from importlib_resources.abc import Traversable

from karabakh_corpus._version import parse_version
from karabakh_corpus.annotations import group_by_layer
from karabakh_corpus.corpus import manifest as _manifest
from karabakh_corpus.corpus.anchor import Reanchored, align, as_span, move
from karabakh_corpus.corpus.loader import data_root, load_from, read_bytes, read_json
from karabakh_corpus.errors import AnchorError, DataFormatError, IntegrityError, ReleaseError
from karabakh_corpus.schema import Annotation, Corpus, Document

__all__ = [
    "Bump",
    "Changes",
    "DocumentChanges",
    "Release",
    "SpanChange",
    "changes",
    "reanchor_many",
    "releases",
    "verify",
]


class Bump(enum.IntEnum):
    """How much a version moves: the policy's levels, comparable (`MAJOR > MINOR`)."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3


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
class SpanChange:
    """One span of a layer that both releases have: added, removed or changed in place.

    `old` and `new` are the span in each release (None where it does not exist); a span is
    matched across releases by its layer and offsets.
    """

    document: str
    layer: str
    kind: str
    old: Annotation | None
    new: Annotation | None

    def describe(self) -> str:
        """One line: where the span is, and what changed."""
        span = self.new if self.old is None else self.old
        assert span is not None
        where = f"{self.document}: {self.layer} [{span.start}, {span.end}) {_short(span.text)}"
        if self.kind != "changed":
            return f"{where} {self.kind} ({_attributes(span)})"
        assert self.old is not None and self.new is not None
        before, after = _record(self.old), _record(self.new)
        diffs = [
            f"{k} {_short(before.get(k))} -> {_short(after.get(k))}"
            for k in [*before, *(k for k in after if k not in before)]
            if before.get(k) != after.get(k)
        ]
        if type(self.old) is not type(self.new):
            diffs.insert(0, f"type {type(self.old).__name__} -> {type(self.new).__name__}")
        return f"{where} changed: {'; '.join(diffs)}"


@attrs.frozen
class DocumentChanges:
    """What changed in one document that both releases have, read from their data.

    `metadata` lists the fields whose values differ as (field, old, new); `regions` counts
    the lines whose category changed; `layers` maps each layer present in both releases to
    its (added, removed, changed) span counts, and `spans` lists those spans.
    """

    id: str
    clean: bool
    regions: int
    metadata: tuple[tuple[str, Any, Any], ...]
    layers_added: Mapping[str, int]
    layers_removed: Mapping[str, int]
    layers: Mapping[str, tuple[int, int, int]]
    spans: tuple[SpanChange, ...]

    def __bool__(self) -> bool:
        return bool(
            self.clean
            or self.regions
            or self.metadata
            or self.layers_added
            or self.layers_removed
            or self.spans
        )


@attrs.frozen
class Changes:
    """What changed between two releases, and the bump the versioning policy demands.

    `changed` maps each changed document to its changed parts: ``raw``, ``clean``,
    ``regions``, ``metadata``, or ``layer:NAME``; `added_layers` and `removed_layers` map
    documents to layers that appeared or went. `reasons` explains `required`. `documents`
    holds, per changed document, the changes read from the data of both releases (empty
    when compared from manifests alone). `report()` is the readable account: `summary()`
    first, then `details()`, each change once.

    `old` may be newer than `new` (going back): the account then says what going back
    changes; `backwards` is True and `allowed` False.
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
    documents: Mapping[str, DocumentChanges] = attrs.field(factory=dict)
    cleaner: tuple[str, str] | None = None
    """The cleaner versions of the two releases, when they differ."""
    _schema_meta: tuple[tuple[Bump, str, int], ...] = attrs.field(default=(), repr=False, eq=False)

    @property
    def backwards(self) -> bool:
        """True when `new` is an older release than `old`."""
        return parse_version(self.new) < parse_version(self.old)

    @property
    def actual(self) -> Bump:
        """The size of the step between the two versions (either way)."""
        if self.backwards:
            return bump_between(self.new, self.old)
        return bump_between(self.old, self.new)

    @property
    def allowed(self) -> bool:
        """True if the versions move forward at least as much as the policy demands."""
        return (
            not self.backwards
            and "raw" not in _parts(self.changed)
            and self.actual >= self.required
        )

    def summary(self) -> str:
        """The summary: the step and the policy, then one line per changed document."""
        if self.backwards:
            step = f"goes back a {self.actual.name} step (an older release)"
            verdict = "going back is not a release step"
        else:
            step = f"a {self.actual.name} step"
            verdict = "allowed" if self.allowed else "NOT allowed"
        lines = [
            f"{self.old} -> {self.new}: {step}; the policy requires {self.required.name}: {verdict}"
        ]
        parts = _parts(self.changed)
        listed = _ordered(self.changed, self.added_layers, self.removed_layers)
        # documents whose hashes changed only because their records gained new fields
        same = [d for d in listed if d in self.documents and not self._differs(d)]
        touched = len(listed) - len(same)
        lines.append(
            f"documents: {touched} changed, {len(self.added)} added, {len(self.removed)} "
            f"removed; raw text {'CHANGED' if 'raw' in parts else 'unchanged'}; clean text "
            f"{'changed' if 'clean' in parts else 'unchanged'}"
        )
        if self.schema:
            lines.append(f"schema: {'; '.join(self._schema_summary())}")
        if self.cleaner:
            lines.append(
                f"cleaner: version {self.cleaner[0]} -> {self.cleaner[1]} (its output on some "
                "input differs; the regions of the corpus are those the data records)"
            )
        for doc in self.added:
            lines.append(f"  {doc}: added")
        for doc in self.removed:
            lines.append(f"  {doc}: removed")
        for doc in listed:
            if doc not in same:
                lines.append(f"  {doc}: {self._document_summary(doc)}")
        if same:
            lines.append(f"  {', '.join(same)}: new fields only, no value changed")
        if len(lines) == 2 and not self.schema:
            lines.append("  no data changes")
        return "\n".join(lines)

    def details(self) -> str:
        """Every change once, with the step the policy requires for it."""
        lines = ["details:"]
        for level, text in self._detail_items():
            lines.append(f"  {level.name:<5}  {text}")
        if len(lines) == 1:
            lines.append("  none")
        return "\n".join(lines)

    def report(self) -> str:
        """The summary, a blank line, then the details."""
        return f"{self.summary()}\n\n{self.details()}"

    def __str__(self) -> str:
        return self.report()

    def _differs(self, doc: str) -> bool:
        return bool(self.documents[doc]) or "raw" in self.changed.get(doc, ())

    def _schema_summary(self) -> list[str]:
        counts: dict[str, int] = {}
        for _level, kind, n in self._meta():
            counts[kind] = counts.get(kind, 0) + n
        return [
            f"{n} {kind if n != 1 else kind.replace('types', 'type').replace('s ', ' ', 1)}"
            for kind, n in counts.items()
        ]

    def _meta(self) -> tuple[tuple[Bump, str, int], ...]:
        if len(self._schema_meta) == len(self.schema):
            return self._schema_meta
        return tuple((_schema_level(e), "schema changes", 1) for e in self.schema)

    def _document_summary(self, doc: str) -> str:
        found = self.documents.get(doc)
        bits = []
        if found is None:
            parts = list(self.changed.get(doc, ()))
            bits += [f"{p} changed" for p in parts]
            bits += [f"{p} added" for p in self.added_layers.get(doc, ())]
            bits += [f"{p} removed" for p in self.removed_layers.get(doc, ())]
            return "; ".join(bits)
        if "raw" in self.changed.get(doc, ()):
            bits.append("RAW TEXT CHANGED")
        if found.clean:
            bits.append("clean text changed")
        if found.regions:
            bits.append(f"{found.regions} region(s) recategorized")
        elif "regions" in self.changed.get(doc, ()):
            bits.append("regions changed")
        if found.metadata:
            bits.append(f"metadata: {', '.join(f for f, _, _ in found.metadata)}")
        if found.layers_added:
            total = sum(found.layers_added.values())
            bits.append(f"layers added: {', '.join(found.layers_added)} ({total} spans)")
        if found.layers_removed:
            total = sum(found.layers_removed.values())
            bits.append(f"layers removed: {', '.join(found.layers_removed)} ({total} spans)")
        for layer, (plus, minus, changed) in found.layers.items():
            bits.append(f"{layer} spans +{plus} -{minus} ~{changed}")
        return "; ".join(bits)

    def _detail_items(self) -> list[tuple[Bump, str]]:
        items: list[tuple[Bump, str]] = []
        items += [(Bump.MINOR, f"{d}: document added") for d in self.added]
        items += [(Bump.MAJOR, f"{d}: document removed") for d in self.removed]
        for doc in _ordered(self.changed, self.added_layers, self.removed_layers):
            found = self.documents.get(doc)
            parts = self.changed.get(doc, ())
            if "raw" in parts:
                items.append((Bump.MAJOR, f"{doc}: the raw text changed: give it a new id"))
            if found is None:
                for part in parts:
                    if part != "raw":
                        level = Bump.PATCH if part == "metadata" else Bump.MINOR
                        items.append((level, f"{doc}: {part} changed"))
                items += [(Bump.MINOR, f"{doc}: {p} added") for p in self.added_layers.get(doc, ())]
                items += [
                    (Bump.MAJOR, f"{doc}: {p} removed") for p in self.removed_layers.get(doc, ())
                ]
                continue
            if found.clean:
                items.append((Bump.MINOR, f"{doc}: clean text changed"))
            if found.regions:
                items.append((Bump.MINOR, f"{doc}: {found.regions} region(s) recategorized"))
            elif "regions" in parts:
                items.append((Bump.MINOR, f"{doc}: regions changed"))
            for field, before, after in found.metadata:
                items.append(
                    (
                        Bump.PATCH,
                        f"{doc}: metadata {field}: " + " -> ".join(_pair(before, after, 100)),
                    )
                )
            if found.layers_added:
                counts = ", ".join(f"{k} {n}" for k, n in found.layers_added.items())
                items.append((Bump.MINOR, f"{doc}: layers added, with their spans: {counts}"))
            if found.layers_removed:
                counts = ", ".join(f"{k} {n}" for k, n in found.layers_removed.items())
                items.append((Bump.MAJOR, f"{doc}: layers removed, with their spans: {counts}"))
            items += [(Bump.MINOR, change.describe()) for change in found.spans]
        if self.cleaner:
            items.append((Bump.MINOR, f"cleaner: version {self.cleaner[0]} -> {self.cleaner[1]}"))
        levels = [level for level, _, _ in self._meta()]
        items += [
            (level, f"schema: {entry}") for level, entry in zip(levels, self.schema, strict=True)
        ]
        return items


def _schema_level(entry: str) -> Bump:
    return Bump.MAJOR if ("removed" in entry or "meaning" in entry) else Bump.MINOR


def _ordered(*maps: Mapping[str, Any]) -> list[str]:
    seen: dict[str, None] = {}
    for mapping in maps:
        seen.update(dict.fromkeys(mapping))
    return list(seen)


def _short(value: Any, size: int = 60) -> str:
    text = repr(value.value if isinstance(value, enum.Enum) else value)
    return text if len(text) <= size else text[: size - 4] + "...'"


def _pair(before: Any, after: Any, size: int) -> tuple[str, str]:
    """Two values shortened alike, around where they first differ when their starts agree."""
    short = _short(before, size), _short(after, size)
    if not (isinstance(before, str) and isinstance(after, str)) or short[0] != short[1]:
        return short
    start = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
        min(len(before), len(after)),
    )
    start = max(0, start - 20)
    return "..." + _short(before[start:], size), "..." + _short(after[start:], size)


def _record(span: Annotation) -> dict[str, Any]:
    from karabakh_corpus.corpus.convert import converter

    record: dict[str, Any] = converter.unstructure(span, unstructure_as=type(span))
    for key in ("start", "end", "text"):
        record.pop(key, None)
    return record


def _attributes(span: Annotation) -> str:
    return ", ".join(f"{k} {_short(v, 40)}" for k, v in _record(span).items() if v is not None)


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
    """What changed from release `old` to release `new` (both must ship in data/releases).

    The policy is judged from the two manifests; the account of each document (metadata
    values, recategorized regions, spans added, removed or changed per layer) is read from
    the data of both releases. `new` may be the older one: the account then says what going
    back changes.
    """
    from karabakh_corpus.corpus.loader import load

    report = compare(_release(old, root).manifest, _release(new, root).manifest)
    if root is None:
        before, after = load(old), load(new)
    else:
        before, after = _load_any(root, old), _load_any(root, new)
    documents = {}
    for doc in _ordered(report.changed, report.added_layers, report.removed_layers):
        if doc in before and doc in after:
            documents[doc] = _document_changes(before[doc], after[doc])
    return attrs.evolve(report, documents=documents)


def _load_any(root: Traversable, version: str) -> Corpus:
    from karabakh_corpus.corpus.loader import load_from, load_release

    current = read_json(root, _manifest.MANIFEST)
    if isinstance(current, dict) and current.get("release") == version:
        return load_from(root)
    return load_release(root, version)


def _document_changes(old: Document, new: Document) -> DocumentChanges:
    from karabakh_corpus.corpus.convert import converter

    before = converter.unstructure(old.meta)
    after = converter.unstructure(new.meta)
    for record, meta in ((before, old.meta), (after, new.meta)):
        record.pop("stripped")
        for field in attrs.fields(type(meta)):  # fields the record leaves out at their default
            if field.name != "stripped" and field.name not in record:
                record[field.name] = converter.unstructure(getattr(meta, field.name))
    metadata = tuple(
        (field, before.get(field), after.get(field))
        for field in [*before, *(f for f in after if f not in before)]
        if before.get(field) != after.get(field)
    )
    categories = {(r.start, r.end): r.category for r in old.regions}
    regions = sum(categories.get((r.start, r.end)) is not r.category for r in new.regions)
    old_layers = group_by_layer(old.annotations) if old.annotations else {}
    new_layers = group_by_layer(new.annotations) if new.annotations else {}
    added = {k: len(v) for k, v in new_layers.items() if k not in old_layers}
    removed = {k: len(v) for k, v in old_layers.items() if k not in new_layers}
    layers: dict[str, tuple[int, int, int]] = {}
    spans: list[SpanChange] = []
    for layer, was in old_layers.items():
        now = new_layers.get(layer)
        if now is None:
            continue
        found = _span_changes(old.id, layer, was, now)
        if found:
            spans += found
            layers[layer] = (
                sum(c.kind == "added" for c in found),
                sum(c.kind == "removed" for c in found),
                sum(c.kind == "changed" for c in found),
            )
    return DocumentChanges(
        id=old.id,
        clean=old.clean_text != new.clean_text,
        regions=regions,
        metadata=metadata,
        layers_added=added,
        layers_removed=removed,
        layers=layers,
        spans=tuple(spans),
    )


def _span_changes(
    doc: str, layer: str, old: list[Annotation], new: list[Annotation]
) -> list[SpanChange]:
    def group(spans: list[Annotation]) -> dict[tuple[int, int], list[Annotation]]:
        found: dict[tuple[int, int], list[Annotation]] = {}
        for span in spans:
            found.setdefault((span.start, span.end), []).append(span)
        return found

    before, after = group(old), group(new)
    changes = []
    for place in sorted(set(before) | set(after)):
        was = [s for s in before.get(place, []) if s not in after.get(place, [])]
        now = [s for s in after.get(place, []) if s not in before.get(place, [])]
        for a, b in zip(was, now, strict=False):
            changes.append(SpanChange(doc, layer, "changed", a, b))
        changes += [SpanChange(doc, layer, "removed", a, None) for a in was[len(now) :]]
        changes += [SpanChange(doc, layer, "added", None, b) for b in now[len(was) :]]
    return changes


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
    schema: list[tuple[Bump, str, str, int]] = []
    old_fields, new_fields = old.get("fields", {}), new.get("fields", {})
    for kind in [*old_fields, *(k for k in new_fields if k not in old_fields)]:
        names = old_fields.get(kind, [])
        now = new_fields.get(kind, [])
        if kind not in old_fields:
            schema.append(
                (
                    Bump.MINOR,
                    f"record type {kind} added ({', '.join(now)})",
                    "record types added",
                    1,
                )
            )
            continue
        if kind not in new_fields:
            schema.append((Bump.MAJOR, f"record type {kind} removed", "record types removed", 1))
            continue
        gone_fields = [n for n in names if n not in now]
        new_names = [n for n in now if n not in names]
        if gone_fields:
            schema.append(
                (
                    Bump.MAJOR,
                    f"fields removed from {kind}: {', '.join(gone_fields)}",
                    "fields removed",
                    len(gone_fields),
                )
            )
        if new_names:
            schema.append(
                (
                    Bump.MINOR,
                    f"fields added to {kind}: {', '.join(new_names)}",
                    "fields added",
                    len(new_names),
                )
            )
    old_vocab, new_vocab = old.get("vocabulary", {}), new.get("vocabulary", {})
    for vocab in [*old_vocab, *(v for v in new_vocab if v not in old_vocab)]:
        labels = old_vocab.get(vocab, {})
        now_labels = new_vocab.get(vocab, {})
        gone_labels = [label for label in labels if label not in now_labels]
        if gone_labels:
            schema.append(
                (
                    Bump.MAJOR,
                    f"labels removed from {vocab}: {', '.join(gone_labels)}",
                    "labels removed",
                    len(gone_labels),
                )
            )
        for label, meaning in labels.items():
            if label in now_labels and now_labels[label] != meaning:
                schema.append(
                    (
                        Bump.MAJOR,
                        f"meaning of {vocab}:{label} changed: {meaning!r} -> {now_labels[label]!r}",
                        "meanings changed",
                        1,
                    )
                )
        new_labels = [label for label in now_labels if label not in labels]
        if new_labels:
            schema.append(
                (
                    Bump.MINOR,
                    f"labels added to {vocab}: {', '.join(new_labels)}",
                    "labels added",
                    len(new_labels),
                )
            )
    reasons += [(level, text) for level, text, _, _ in schema]
    cleaner = (str(old.get("cleaner_version")), str(new.get("cleaner_version")))
    if cleaner[0] != cleaner[1]:
        reasons.append((Bump.MINOR, f"cleaner version {cleaner[0]} -> {cleaner[1]}"))
    required = max((level for level, _ in reasons), default=Bump.NONE)
    return Changes(
        old=old["release"],
        new=new["release"],
        added=added,
        removed=removed,
        changed=changed,
        added_layers=added_layers,
        removed_layers=removed_layers,
        schema=tuple(text for _, text, _, _ in schema),
        required=required,
        reasons=tuple(text for level, text in sorted(reasons, key=lambda r: -r[0])),
        schema_meta=tuple((level, kind, n) for level, _, kind, n in schema),
        cleaner=cleaner if cleaner[0] != cleaner[1] else None,
    )


def verify(root: Traversable | None = None) -> str:
    """Check the installed data against its manifest; return the release verified.

    Raises `IntegrityError` naming every data file that is missing or differs from the hash
    the manifest records, and when the manifest itself differs from the release's copy in
    ``data/releases/``. Then checks that every past release still loads and matches every
    hash its own manifest records (`check_release`).
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
    for past in releases(root):
        if past.version != release:
            check_release(past.version, root)
    return str(release)


def check_release(version: str, root: Traversable | None = None) -> Corpus:
    """Load the past release `version` and check it against every hash its manifest records.

    Each file it reads must match the manifest's SHA-256 (the loader checks that), and each
    document's raw text, clean text, metadata, regions and layers must hash as recorded.
    Returns the corpus; raises `IntegrityError` or `DataFormatError` otherwise.
    """
    from karabakh_corpus.corpus.loader import RELEASES, DataFiles, current_files, load_release

    root = root or data_root()
    corpus = load_release(root, version)
    name = f"{RELEASES}/{version}.json"
    manifest = read_json(root, name)
    files = DataFiles(root, manifest, name, current=current_files(root))
    for entry in manifest["documents"]:
        doc_id = entry["id"]
        document = corpus[doc_id]
        layers_file = f"annotations/{doc_id}.json"
        layers = files.json(layers_file) if layers_file in files.listed else None
        record = files.json(f"documents/{doc_id}.json")
        found = _manifest.record_hashes(record, layers, raw=document.raw, clean=document.clean_text)
        for part, value in entry["sha256"].items():
            if found.get(part) != value:
                raise IntegrityError(
                    f"release {version}: the {part} of {doc_id} does not hash as its manifest "
                    "says; reinstall karabakh-corpus",
                    files=[f"documents/{doc_id}.json"],
                )
        extra = set(found) - set(entry["sha256"])
        if extra:
            raise IntegrityError(
                f"release {version}: {doc_id} has parts its manifest does not list: "
                f"{sorted(extra)}",
                files=[f"documents/{doc_id}.json"],
            )
    return corpus


@attrs.frozen
class Stored:
    """What `store_past_releases` did: blobs written, kept and removed, files not found."""

    written: tuple[str, ...]
    kept: tuple[str, ...]
    removed: tuple[str, ...]
    missing: tuple[str, ...]


def store_past_releases(root: Path, find: Callable[[str, str], bytes | None]) -> Stored:
    """Keep every past release of the data folder `root` loadable; release machinery.

    For each file of a past release (``root/releases/*.json`` other than the current
    manifest's release) whose bytes are not the current file's, make sure
    ``releases/blobs/SHA256.gz`` holds them: `find(name, sha256)` returns the bytes of that
    version of the file (from git history, an older unpacked release...) or None. Blobs that
    no past release needs any more are removed. Raises `ReleaseError` listing what could not
    be found, after writing what could.
    """
    import gzip

    from karabakh_corpus.corpus.loader import BLOBS
    from karabakh_corpus.corpus.manifest import MANIFEST

    current = read_json(root, MANIFEST)
    now: Mapping[str, str] = current["files"]
    needed: dict[str, str] = {}
    for past in releases(root):
        if past.version == current["release"]:
            continue
        for name, digest in past.manifest["files"].items():
            if now.get(name) != digest:
                needed.setdefault(digest, f"{name} of {past.version}")
    folder = root / BLOBS
    written, kept, missing = [], [], []
    for digest, what in needed.items():
        blob = folder / f"{digest}.gz"
        if blob.exists():
            try:
                if _manifest.sha256(gzip.decompress(blob.read_bytes())) == digest:
                    kept.append(digest)
                    continue
            except (OSError, EOFError):
                pass
        data = find(what.split(" of ")[0], digest)
        if data is None or _manifest.sha256(data) != digest:
            missing.append(what)
            continue
        folder.mkdir(parents=True, exist_ok=True)
        blob.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        written.append(digest)
    removed = []
    if folder.is_dir():
        for blob in sorted(folder.iterdir()):
            if blob.name.removesuffix(".gz") not in needed:
                blob.unlink()
                removed.append(blob.name.removesuffix(".gz"))
        if not any(folder.iterdir()):
            folder.rmdir()
    if missing:
        raise ReleaseError(
            f"no copy found of {len(missing)} file(s) of past releases: {'; '.join(missing)}"
        )
    return Stored(tuple(written), tuple(kept), tuple(removed), tuple(missing))


def from_folders(*folders: Path) -> Callable[[str, str], bytes | None]:
    """A `find` for `store_past_releases`: the file `name` under any of `folders`, if its
    SHA-256 is the one asked for."""

    def find(name: str, digest: str) -> bytes | None:
        for folder in folders:
            path = folder / name
            if path.is_file():
                data = path.read_bytes()
                if _manifest.sha256(data) == digest:
                    return data
        return None

    return find


def reanchor_many(
    spans: Iterable[Any],
    doc_id: str,
    from_release: str = "1.0.0",
    to_release: str | None = None,
    *,
    on: str = "raw",
) -> tuple[Reanchored, ...]:
    """Move spans of document `doc_id` from one release to another (default: this one).

    `spans` are `Span`s (annotations keep their type and attributes) or ``(start, end)`` /
    ``(start, end, text)`` tuples, with offsets into the document's raw text of
    `from_release` (``on="clean"``: into its `clean_text`). The two texts are aligned once;
    each span comes back as a `Reanchored`: ``moved``, ``changed`` (edited inside, with its
    new text) or ``lost`` (with the reason), in the order given. Raises `AnchorError` (or
    `TypeError`) naming the index of a span that is not a span of the old text, and
    `UnknownDocumentError` for an id that `from_release` does not have.
    """
    from karabakh_corpus.corpus.loader import load

    if on not in ("raw", "clean"):
        raise ValueError(f"on must be 'raw' or 'clean', not {on!r}")
    before = load(from_release)
    after = load(to_release)
    old_doc = before[doc_id]
    old_text = old_doc.raw if on == "raw" else old_doc.clean_text
    given = []
    for index, span in enumerate(spans):
        try:
            given.append(as_span(span, old_text))
        except AnchorError as exc:
            raise AnchorError(f"span {index} of {doc_id} in {before.release}: {exc}") from exc
        except TypeError as exc:
            raise TypeError(f"span {index}: {exc}") from exc
    if doc_id not in after:
        reason = f"release {after.release} has no document {doc_id}"
        return tuple(Reanchored("lost", span, None, reason) for span in given)
    new_doc = after[doc_id]
    new_text = new_doc.raw if on == "raw" else new_doc.clean_text
    alignment = align(old_text, new_text)
    return tuple(move(span, alignment) for span in given)
