"""Releases: manifest, integrity, history, the versioning policy, reanchoring, builds."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from conftest import DATA, ROOT
from conftest import run_cli as _run

import karabakh_corpus as kc
from karabakh_corpus import cli
from karabakh_corpus.corpus import load_from
from karabakh_corpus.corpus import manifest as _manifest
from karabakh_corpus.corpus.convert import unstructure_annotations, unstructure_document
from karabakh_corpus.corpus.loader import load_release
from karabakh_corpus.corpus.release import (
    Bump,
    check_release,
    compare,
    from_folders,
    store_past_releases,
)
from karabakh_corpus.schema import Category, Region


def _shipped_manifest() -> dict:  # type: ignore[type-arg]
    return json.loads((DATA / "manifest.json").read_text("utf-8"))


def test_the_manifest_describes_the_shipped_data() -> None:
    rebuilt = _manifest.make_manifest(DATA, kc.load().documents)
    assert rebuilt == _shipped_manifest()
    assert (DATA / "releases" / f"{kc.__version__}.json").read_text("utf-8") == _manifest.dumps(
        rebuilt
    )


def test_one_version_everywhere() -> None:
    version = kc.__version__
    assert kc.load().release == version
    assert _shipped_manifest()["release"] == version
    citation = (ROOT / "CITATION.cff").read_text("utf-8")
    assert re.search(rf'^version: "{re.escape(version)}"$', citation, re.M)
    assert f"## [{version}]" in (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert 'dynamic = ["version"]' in (ROOT / "pyproject.toml").read_text("utf-8")


def test_every_release_is_in_the_changelog_and_respects_the_policy() -> None:
    history = kc.releases()
    assert [r.version for r in history][-1] == kc.__version__
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    for release in history:
        assert f"## [{release.version}]" in changelog, f"CHANGELOG.md lacks {release.version}"
    for old, new in itertools.pairwise(history):
        report = kc.changes(old.version, new.version)
        assert report.allowed, report.summary() + "\n" + "\n".join(report.reasons)


def test_verify_a_good_installation() -> None:
    assert kc.verify() == kc.__version__


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_verify_names_every_changed_or_missing_file(data_copy: Path) -> None:
    raw = data_copy / "raw" / "a5f8d29fb8504bec.txt"
    raw.write_bytes(raw.read_bytes().replace(b"Brussels", b"Brussel"))
    (data_copy / "documents" / "84b6ba9b7fd712b2.json").unlink()
    with pytest.raises(kc.IntegrityError) as info:
        kc.verify(data_copy)
    assert set(info.value.files) == {"raw/a5f8d29fb8504bec.txt", "documents/84b6ba9b7fd712b2.json"}
    assert "changed" in str(info.value) and "missing" in str(info.value)
    assert isinstance(info.value, OSError)


def test_verify_catches_an_edited_manifest(data_copy: Path) -> None:
    manifest = json.loads((data_copy / "manifest.json").read_text("utf-8"))
    manifest["documents"][0]["sha256"]["metadata"] = "0" * 64
    (data_copy / "manifest.json").write_text(_manifest.dumps(manifest), encoding="utf-8")
    with pytest.raises(kc.IntegrityError, match="differs from releases"):
        kc.verify(data_copy)


def test_unknown_release() -> None:
    with pytest.raises(kc.ReleaseError, match="the releases are"):
        kc.changes("0.9.0", kc.__version__)
    with pytest.raises(kc.ReleaseError, match="not a release version"):
        kc.changes("latest", kc.__version__)


# -- the simulated next release --------------------------------------------------------------


def _release_with(root: Path, version: str, documents: list[kc.Document]) -> None:
    """Write the documents' records and the manifest of `version` into the data copy."""
    for doc in documents:
        record = json.dumps(unstructure_document(doc), ensure_ascii=False, indent=1) + "\n"
        (root / "documents" / f"{doc.id}.json").write_text(record, encoding="utf-8")
    manifest = _manifest.make_manifest(root, documents, release=version)
    text = _manifest.dumps(manifest)
    (root / "manifest.json").write_text(text, encoding="utf-8")
    (root / "releases" / f"{version}.json").write_text(text, encoding="utf-8")
    # what make_release.py does: keep the files of past releases that changed, as blobs
    store_past_releases(root, from_folders(DATA))


def _strip_last_paragraph(doc: kc.Document) -> kc.Document:
    last = [r for r in doc.article if r.category is Category.PARAGRAPH][-1]
    moved = Region(last.start, last.end, last.text, category=Category.BOILERPLATE, rule="edit")
    meta = attrs.evolve(
        doc.meta, stripped=tuple(sorted((*doc.meta.stripped, moved), key=lambda r: r.start))
    )
    article = tuple(r for r in doc.article if r is not last)
    return attrs.evolve(doc, article=article, meta=meta)


@pytest.mark.parametrize(("version", "allowed"), [("1.0.1", False), ("1.1.0", True)])
def test_a_simulated_next_release(data_copy: Path, version: str, allowed: bool) -> None:
    base = kc.__version__
    docs = list(load_from(data_copy).documents)
    docs[3] = _strip_last_paragraph(docs[3])
    major, minor, patch = (int(x) for x in base.split("."))
    version = {"1.0.1": f"{major}.{minor}.{patch + 1}", "1.1.0": f"{major}.{minor + 1}.0"}[version]
    _release_with(data_copy, version, docs)
    assert kc.verify(data_copy) == version
    report = kc.changes(base, version, root=data_copy)
    assert report.added == report.removed == ()
    assert dict(report.changed) == {docs[3].id: ("clean", "regions")}
    assert report.required is Bump.MINOR
    assert report.allowed is allowed
    assert [r.version for r in kc.releases(data_copy)][-2:] == [base, version]


def test_a_metadata_correction_is_a_patch(data_copy: Path) -> None:
    docs = list(load_from(data_copy).documents)
    docs[0] = attrs.evolve(docs[0], meta=attrs.evolve(docs[0].meta, language="en-US"))
    major, minor, patch = (int(x) for x in kc.__version__.split("."))
    version = f"{major}.{minor}.{patch + 1}"
    _release_with(data_copy, version, docs)
    report = kc.changes(kc.__version__, version, root=data_copy)
    assert dict(report.changed) == {docs[0].id: ("metadata",)}
    assert report.required is Bump.PATCH and report.allowed


def _manifests() -> tuple[dict, dict]:  # type: ignore[type-arg]
    old = _shipped_manifest()
    new = json.loads(json.dumps(old))
    new["release"] = "9.9.9"
    return old, new


def test_policy_levels() -> None:
    old, new = _manifests()
    assert compare(old, new).required is Bump.NONE
    new["documents"].pop()
    assert compare(old, new).required is Bump.MAJOR
    old, new = _manifests()
    new["vocabulary"]["category"]["caption"] = "any picture"
    assert compare(old, new).required is Bump.MAJOR
    old, new = _manifests()
    new["vocabulary"]["category"]["podcast_player"] = "audio players"
    assert compare(old, new).required is Bump.MINOR
    old, new = _manifests()
    new["fields"]["Metadata"].remove("byline")
    assert compare(old, new).required is Bump.MAJOR
    old, new = _manifests()
    del old["documents"][0]["sha256"]["layer:entity"]
    report = compare(old, new)
    assert report.required is Bump.MINOR
    assert dict(report.added_layers) == {old["documents"][0]["id"]: ("layer:entity",)}
    report = compare(new, old)
    assert report.required is Bump.MAJOR
    assert dict(report.removed_layers) == {old["documents"][0]["id"]: ("layer:entity",)}
    old, new = _manifests()
    new["documents"][0]["sha256"]["layer:entity"] = "1" * 64
    report = compare(old, new)
    assert report.required is Bump.MINOR
    assert not report.added_layers
    assert "layer:entity" in dict(report.changed)[old["documents"][0]["id"]]


def test_a_changed_raw_text_is_never_allowed() -> None:
    old, new = _manifests()
    new["documents"][1]["sha256"]["raw"] = "2" * 64
    report = compare(old, new)
    assert report.required is Bump.MAJOR
    assert not report.allowed
    assert any("new id" in r for r in report.reasons)


def test_reanchor_many_between_releases() -> None:
    doc = kc.load("1.0.0")["9b1a413c8ff271b2"]
    current = kc.load()["9b1a413c8ff271b2"]
    spans = [(0, 10), kc.Span(5, 9, doc.raw[5:9]), *current.annotations[:5]]
    results = kc.reanchor_many(spans, doc.id, "1.0.0")
    assert [r.status for r in results] == ["moved"] * len(spans)
    assert results[0].new == kc.Span(0, 10, doc.raw[:10])
    assert [r.new for r in results[2:]] == list(current.annotations[:5])
    back = kc.reanchor_many(current.annotations, doc.id, kc.__version__, "1.0.0")
    assert all(r.status == "moved" and r.new == r.old for r in back)
    clean = kc.reanchor_many([(0, 5)], doc.id, "1.0.0", on="clean")
    assert clean[0].new == kc.Span(0, 5, current.clean_text[:5])
    with pytest.raises(kc.UnknownDocumentError):
        kc.reanchor_many([(0, 1)], "nope", "1.0.0")
    with pytest.raises(kc.AnchorError, match="span 1 "):
        kc.reanchor_many([(0, 1), (5, 3)], doc.id, "1.0.0")
    with pytest.raises(kc.ReleaseError):
        kc.reanchor_many([(0, 1)], doc.id, "0.1.0")


# -- reproducible distributions ----------------------------------------------------------------


@pytest.mark.slow
def test_builds_are_reproducible(tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    outputs = []
    for name in ("first", "second"):
        out = tmp_path / name
        subprocess.run(
            [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
            check=True,
            capture_output=True,
            env=env,
        )
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0].keys() == outputs[1].keys()
    assert len(outputs[0]) == 2
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], f"{name} differs between two builds"


# -- past releases ---------------------------------------------------------------------------

PUBLISHED = {
    "1.0.0": "ad0fe0f5f8baadca6740af4eeee23d8d95d0be322ca015cdc6664745d1c8042e",
    "1.1.0": "c0657a3583031e383b1e45764fb4242a79e2185384c6bc71000d3483e856b66d",
    "1.2.0": "7f1e9411aa4fb8bbb727cd84dd8980d2cfcd6fb63919f2336339b4f03e4d6a5d",
    "1.3.0": "0b2d841ea809b53bbd418dff12715deb3de2f21e4f4514ba3c22ad76d6bd2120",
    "1.4.0": "a3ce0bd656e195192ae86a5a095c873a506445643e9fe55ca91d4b453709d2d9",
    "1.5.0": "524b820cc1b54faf113242df952ce52a01a130cd3806b905c5fc9c797e22d3f2",
    "1.6.0": "03171ddf322a0f943c7b8ae9332a5afd997f94f61b0be01221cbfd3eec5f1c68",
    "1.7.0": "b0bc5a864b5c9607ff46b9e96a5a5da9699f72f09d99c169f729660b34260a1a",
}
"""The SHA-256 of each published release's manifest: published releases never change."""


def test_published_manifests_never_change() -> None:
    for version, digest in PUBLISHED.items():
        data = (DATA / "releases" / f"{version}.json").read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, f"releases/{version}.json changed"


@pytest.mark.parametrize("version", [r.version for r in kc.releases()])
def test_every_release_loads_and_matches_its_manifest(version: str) -> None:
    corpus = check_release(version)
    assert corpus.release == version
    assert kc.load(version).release == version
    manifest = json.loads((DATA / "releases" / f"{version}.json").read_text("utf-8"))
    assert corpus.ids == tuple(e["id"] for e in manifest["documents"])


def test_release_1_0_0_is_the_corpus_without_layers() -> None:
    old, next_, now = kc.load("1.0.0"), kc.load("1.1.0"), kc.load()
    assert isinstance(old, kc.Corpus) and old is not now
    assert old.release == "1.0.0" and kc.load("1.0.0") is old
    corrected = json.loads((ROOT / "curation" / "regions.json").read_text("utf-8"))
    for before, after, current in zip(old, next_, now, strict=True):
        assert before.annotations == () and after.annotations
        # 1.1.0 added layers only; 1.2.0 corrected metadata (see the CHANGELOG).
        assert before.meta == after.meta
        assert before.raw == current.raw and before.clean_text == current.clean_text
        # the regions are the same but those a hand reading corrected in 1.8.0
        changed = [(a, b) for a, b in zip(before.regions, current.regions, strict=True) if a != b]
        lines = {c["line"]: c["category"] for c in corrected.get(current.id, ())}
        assert {a.text: b.category.value for a, b in changed} == lines
        assert all(
            b.rule is None and b.reason == "curated" and (a.start, a.end) == (b.start, b.end)
            for a, b in changed
        )
        assert before.spans("entity") == ()


def test_an_unknown_release_lists_the_known_ones() -> None:
    with pytest.raises(kc.ReleaseError, match=r"1\.0\.0, 1\.1\.0"):
        kc.load("0.9.0")
    with pytest.raises(kc.ReleaseError, match="not a release version"):
        kc.load("latest")
    with pytest.raises(kc.ReleaseError, match="version string"):
        kc.load(["1.0.0"])  # type: ignore[arg-type]
    with pytest.raises(kc.ReleaseError, match="not a release version"):
        kc.load("../1.0.0")


def test_make_release_check_passes_on_the_shipped_data() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_release.py"), "--check"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    versions = ", ".join(r.version for r in kc.releases())
    assert f"every release loads and matches its manifest: {versions}" in out


def _next_release(root: Path) -> tuple[str, list[kc.Document]]:
    """A release after the current one in `root`: a metadata correction, an annotation
    correction and a paragraph stripped (its clean text changes)."""
    major, minor, _ = (int(x) for x in kc.__version__.split("."))
    version = f"{major}.{minor + 1}.0"
    docs = list(load_from(root).documents)
    docs[3] = attrs.evolve(
        docs[3], meta=attrs.evolve(docs[3].meta, wire_evidence="No wire credited.")
    )
    spans = list(docs[3].annotations)
    k = next(i for i, a in enumerate(spans) if isinstance(a, kc.Entity) and a.form == "name")
    spans[k] = attrs.evolve(spans[k], form="short")
    docs[3] = attrs.evolve(docs[3], annotations=tuple(spans))
    docs[1] = _strip_last_paragraph(docs[1])
    for doc in (docs[3],):
        layers = json.dumps(unstructure_annotations(doc.annotations), ensure_ascii=False)
        (root / "annotations" / f"{doc.id}.json").write_text(layers + "\n", encoding="utf-8")
    _release_with(root, version, docs)
    return version, docs


def test_cutting_a_release_keeps_the_previous_one_loadable(data_copy: Path) -> None:
    base = kc.__version__
    store = data_copy / "releases" / "blobs"
    earlier = {p.name for p in store.iterdir()} if store.is_dir() else set()
    version, docs = _next_release(data_copy)
    assert kc.verify(data_copy) == version  # checks every past release too
    blobs = sorted(p.name for p in store.iterdir() if p.name not in earlier)
    # only what differs is kept: two document files and one annotation file
    assert len(blobs) == 3
    old = load_release(data_copy, base)
    assert [d.meta for d in old] == [d.meta for d in kc.load()]
    assert [d.annotations for d in old] == [d.annotations for d in kc.load()]
    assert load_from(data_copy)[docs[3].id].meta.wire_evidence == "No wire credited."
    report = kc.changes(base, version, root=data_copy)
    assert report.required is Bump.MINOR and report.allowed
    text = report.report()
    assert f"{docs[3].id}: metadata wire_evidence: " in text
    assert "-> 'No wire credited.'" in text
    assert "form 'name' -> 'short'" in text
    assert f"{docs[1].id}: clean text changed" in text
    lines = text.splitlines()
    details = [line for line in lines if line.startswith("  ") and line.strip()]
    assert len(details) == len(set(details)), "a line is printed twice"
    # a damaged blob is an integrity error naming it
    blob = data_copy / "releases" / "blobs" / blobs[0]
    blob.write_bytes(blob.read_bytes()[:-4])
    with pytest.raises(kc.IntegrityError, match=blobs[0].removesuffix(".gz")):
        check_release(base, data_copy)
    blob.unlink()
    with pytest.raises(kc.IntegrityError, match="missing"):
        kc.verify(data_copy)


def test_reanchor_to_a_release_whose_clean_text_changed(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from karabakh_corpus.corpus import loader

    version, docs = _next_release(data_copy)
    monkeypatch.setattr(loader, "data_root", lambda: data_copy)
    monkeypatch.setattr(loader, "_cache", {})
    before, after = kc.load(kc.__version__), kc.load(version)
    doc_id = docs[1].id
    old_text, new_text = before[doc_id].clean_text, after[doc_id].clean_text
    assert old_text.startswith(new_text) and old_text != new_text
    kept, gone = (0, 20), (len(old_text) - 20, len(old_text))
    results = kc.reanchor_many([kept, gone], doc_id, kc.__version__, version, on="clean")
    assert [r.status for r in results] == ["moved", "lost"]
    assert results[0].new == kc.Span(0, 20, old_text[:20])
    spans = tmp_path / "spans.jsonl"
    rows = [
        {"document": doc_id, "start": 0, "end": 20, "note": "mine"},
        {"id": doc_id, "start": gone[0], "end": gone[1], "text": old_text[gone[0] :]},
        {"document": doc_id, "start": 5, "end": 9, "text": "wrong"},
    ]
    spans.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    out = tmp_path / "moved.jsonl"
    status = cli.main(
        ["reanchor", str(spans), "--from", kc.__version__, "--to", version, "--on", "clean",
         "-o", str(out)]
    )  # fmt: skip
    assert status == 1  # the third line is bad
    moved = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [m["status"] for m in moved] == ["moved", "lost"]
    assert moved[0] == {
        "document": doc_id,
        "start": 0,
        "end": 20,
        "note": "mine",
        "text": old_text[:20],
        "status": "moved",
        "reason": "",
        "old": {"start": 0, "end": 20, "text": old_text[:20]},
    }
    assert moved[1]["start"] is None and "deleted" in moved[1]["reason"]


def _older_schema(root: Path, *, drop: str = "", add: str = "") -> None:
    """Record a release 0.9.0 whose Metadata lacks the field `drop` or has the field `add`."""
    manifest = json.loads((root / "releases" / "1.0.0.json").read_text("utf-8"))
    manifest["release"] = "0.9.0"
    if drop:
        manifest["fields"]["Metadata"].remove(drop)
    if add:
        manifest["fields"]["Metadata"].append(add)
    blobs = root / "releases" / "blobs"
    blobs.mkdir(exist_ok=True)
    for entry in manifest["documents"]:
        name = f"documents/{entry['id']}.json"
        record = json.loads((root / name).read_text("utf-8"))
        if drop:
            del record["meta"][drop]
        if add:
            record["meta"][add] = "x"
        data = json.dumps(record).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        manifest["files"][name] = digest
        (blobs / f"{digest}.gz").write_bytes(gzip.compress(data))
    (root / "releases" / "0.9.0.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_a_release_before_a_field_loads_with_the_value_it_means(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from karabakh_corpus.corpus import loader

    _older_schema(data_copy, drop="language")
    with pytest.raises(kc.DataFormatError, match=r"predates the field Metadata\.language"):
        load_release(data_copy, "0.9.0")
    monkeypatch.setattr(loader, "PREDATES", {("Metadata", "language"): "en"})
    old = load_release(data_copy, "0.9.0")
    assert {d.meta.language for d in old} == {"en"}
    assert old.release == "0.9.0"


def test_a_release_with_a_field_since_removed_is_refused(data_copy: Path) -> None:
    _older_schema(data_copy, add="mood")
    with pytest.raises(kc.DataFormatError, match=r"Metadata\.mood.*==0\.9\.0"):
        load_release(data_copy, "0.9.0")


def test_wire_inferred_has_its_value_for_older_releases() -> None:
    from karabakh_corpus.corpus import PREDATES

    assert PREDATES[("Metadata", "wire_inferred")] is False


# -- the versioning verbs of the command line ------------------------------------------------


def test_changes_reads_as_a_summary_then_each_detail_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = _run(capsys, "changes", "1.0.0..1.1.0")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "1.0.0 -> 1.1.0: a MINOR step; the policy requires MINOR: allowed"
    assert lines[1].startswith("documents: 5 changed, 0 added, 0 removed; raw text unchanged;")
    assert "clean text unchanged" in lines[1]
    assert lines.index("details:") < 12
    assert len(lines) < 40
    body = [line for line in lines if line.strip()]
    assert len(body) == len(set(body))
    assert out.strip() == kc.changes("1.0.0", "1.1.0").report()
    for doc in kc.load("1.1.0"):
        spans = len(doc.annotations)
        assert (
            f"  {doc.id}: layers added: entity, quote, time, quantity, text_issue ({spans} spans)"
            in lines
        )


def test_reversed_changes_are_the_same_in_python_and_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    report = kc.changes("1.1.0", "1.0.0")
    assert report.backwards and not report.allowed and report.actual is Bump.MINOR
    status, out, _ = _run(capsys, "changes", "1.1.0..1.0.0")
    assert status == 0
    assert out.strip() == report.report()
    assert "goes back" in out and "layers removed" in out
    status, out, _ = _run(capsys, "changes", "1.1.0..1.1.0")
    assert "no data changes" in out


def test_verify_and_releases_verbs(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "verify")
    assert status == 0
    assert f"release {kc.__version__}: every data file matches" in out
    assert "past releases 1.0.0" in out
    status, out, _ = _run(capsys, "releases")
    assert out.splitlines()[0] == "1.0.0  5 documents"


def test_reanchor_verb_reports_bad_lines_and_unknown_releases(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spans = tmp_path / "spans.jsonl"
    spans.write_text(
        '{"document": "9b1a413c8ff271b2", "start": 0, "end": 10}\n'
        "not json\n"
        '{"document": "nope", "start": 0, "end": 1}\n'
        '{"document": "9b1a413c8ff271b2", "start": "0", "end": 1}\n',
        encoding="utf-8",
    )
    status, out, err = _run(capsys, "reanchor", str(spans), "--from", "1.0.0")
    assert status == 1
    [row] = [json.loads(line) for line in out.splitlines()]
    assert row["status"] == "moved" and (row["start"], row["end"]) == (0, 10)
    assert f"{spans}:2: not JSON" in err
    assert f"{spans}:3: unknown document id 'nope'" in err
    assert f"{spans}:4: span offsets must be ints" in err
    assert f"1 spans from 1.0.0 to {kc.__version__}: 1 moved, 0 changed, 0 lost" in err
    status, out, err = _run(capsys, "reanchor", str(spans), "--from", "0.9.0")
    assert status == 1 and "no release '0.9.0'" in err and out == ""


def test_make_release_finds_past_files_in_git_history() -> None:
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_release
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    manifest = json.loads((DATA / "releases" / "1.0.0.json").read_text("utf-8"))
    name = "documents/a5f8d29fb8504bec.json"
    find = make_release.from_git(ROOT)
    data = find(name, manifest["files"][name])
    if data is None:
        pytest.skip("the history of this checkout is too shallow")
    assert hashlib.sha256(data).hexdigest() == manifest["files"][name]
    assert find(name, "0" * 64) is None


def test_changes_from_1_1_0_to_1_2_0_lists_the_corrections_and_nothing_else() -> None:
    """The corrections of release 1.2.0, as its CHANGELOG entry gives them, and only those."""
    report = kc.changes("1.1.0", "1.2.0")
    assert report.required is Bump.MINOR and report.allowed
    text = report.report()
    assert "raw text unchanged; clean text unchanged" in text
    assert "a5f8d29fb8504bec" not in text  # the one document 1.2.0 leaves alone
    expected = [
        "532e919b6eb4de28: metadata wire: None -> 'AP'",
        "532e919b6eb4de28: metadata wire_inferred: False -> True",
        "359f5cdc4e12491c: metadata byline: 'Mahmmod Shar' -> 'The Associated Press'",
        "'AFP' changed: form 'name' -> 'short'",
        "'Russian\\xa0Foreign Affairs Ministry' changed: form 'name' -> 'role'",
        "84b6ba9b7fd712b2: time [1381, 1390) 'the 1990s' removed",
        "84b6ba9b7fd712b2: time [1385, 1390) '1990s' added",
        "schema: fields added to Metadata: wire_inferred",
        "cleaner: version 1 -> 2",  # the fitted cleaner of 1.2.0
    ]
    for line in expected:
        assert line in text, line
    # a long value that changed after its first 100 characters shows where it changed
    evidence = next(x for x in text.splitlines() if "84b6ba9b7fd712b2: metadata wire_evidence" in x)
    assert "Agence France-Presse" in evidence
    assert {d for d in report.changed} == {
        "84b6ba9b7fd712b2",
        "359f5cdc4e12491c",
        "9b1a413c8ff271b2",
        "532e919b6eb4de28",
    }


def test_a_new_cleaner_version_requires_a_minor_step() -> None:
    """The cleaner ships with the data: a release whose cleaner output may differ is MINOR."""
    from karabakh_corpus.corpus.release import compare

    manifest = json.loads((DATA / "releases" / "1.2.0.json").read_text("utf-8"))
    patch = {**manifest, "release": "1.2.1", "cleaner_version": "3"}
    report = compare(manifest, patch)
    assert report.required is Bump.MINOR and not report.allowed
    assert report.cleaner == ("2", "3")
    assert "cleaner version 2 -> 3" in report.reasons
    same = compare(manifest, {**manifest, "release": "1.2.1"})
    assert same.cleaner is None and same.required is Bump.NONE
