"""Releases: manifest, integrity, history, the versioning policy, reanchoring, builds."""

from __future__ import annotations

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
from hypothesis import assume, given
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus import _manifest
from karabakh_corpus._convert import unstructure_document
from karabakh_corpus.corpus import load_from
from karabakh_corpus.release import Bump, compare, from_folders, store_past_releases
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


# -- reanchoring -----------------------------------------------------------------------------

OLD = "Putin hosted the talks in Sochi. Aliyev and Pashinyan met in Sochi on Monday."


def test_reanchor_accepts_spans_and_tuples() -> None:
    new = "MOSCOW (AP) — " + OLD
    start = OLD.index("Aliyev")
    expected = kc.Span(start + 14, start + 20, "Aliyev")
    assert kc.reanchor(kc.Span(start, start + 6, "Aliyev"), OLD, new) == expected
    assert kc.reanchor((start, start + 6), OLD, new) == expected
    assert kc.reanchor((start, start + 6, "Aliyev"), OLD, new) == expected


def test_reanchor_uses_context_for_repeated_quotes() -> None:
    second = OLD.rindex("Sochi")
    new = OLD.replace("Putin hosted", "Russian President Vladimir Putin hosted")
    moved = kc.reanchor((second, second + 5), OLD, new)
    assert moved.start == new.rindex("Sochi")


def test_reanchor_fuzzy_when_the_quote_was_edited() -> None:
    start = OLD.index("Pashinyan met")
    new = OLD.replace("Pashinyan met", "Pashinian met")
    moved = kc.reanchor((start, start + len("Pashinyan met")), OLD, new)
    assert moved.text == "Pashinian met"
    assert new[moved.start : moved.end] == moved.text


def test_reanchor_errors() -> None:
    with pytest.raises(kc.AnchorError, match="no longer occurs"):
        kc.reanchor((0, 5), OLD, "Something else entirely.")
    with pytest.raises(kc.AnchorError, match="covers"):
        kc.reanchor((0, 5, "Aliyev"), OLD, OLD + "!")
    with pytest.raises(kc.AnchorError, match="not a non-empty span"):
        kc.reanchor((10, 5), OLD, OLD)
    with pytest.raises(TypeError, match="span"):
        kc.reanchor("Aliyev", OLD, OLD)  # type: ignore[arg-type]
    with pytest.raises(kc.AnchorError, match="tells them apart"):
        kc.reanchor((2, 4), "zzab", "ab  ab")


@st.composite
def _text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(st.text(min_size=1, max_size=200))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@given(_text_and_span())
def test_reanchor_keeps_offsets_in_an_unchanged_text(case: tuple[str, int, int]) -> None:
    text, start, end = case
    assert kc.reanchor((start, end), text, text) == kc.Span(start, end, text[start:end])


@given(_text_and_span(), st.text(max_size=30), st.text(max_size=30), st.data())
def test_reanchor_follows_insertions_and_deletions_elsewhere(
    case: tuple[str, int, int], before: str, after: str, data: st.DataObject
) -> None:
    text, start, end = case
    quote = text[start:end]
    cut_before = data.draw(st.integers(0, start))  # delete this many characters in front
    cut_after = data.draw(st.integers(0, len(text) - end))  # and behind
    new = before + text[cut_before:start] + quote + text[end : len(text) - cut_after] + after
    assume(new.count(quote) == 1)
    moved = kc.reanchor((start, end), text, new)
    shift = len(before) - cut_before
    assert (moved.start, moved.end, moved.text) == (start + shift, end + shift, quote)


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
