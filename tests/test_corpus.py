"""The corpus as shipped: texts, regions, metadata and the loader's API."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, ROOT

import karabakh_corpus as kc
from karabakh_corpus import _textmap
from karabakh_corpus.corpus import load_from
from karabakh_corpus.corpus.loader import load_release
from karabakh_corpus.schema import ARTICLE, STRIPPED, Category, Wire

IDS = (
    "a5f8d29fb8504bec",
    "84b6ba9b7fd712b2",
    "359f5cdc4e12491c",
    "9b1a413c8ff271b2",
    "532e919b6eb4de28",
)

# Established by reading each text; see the dataset card in README.md for the reasoning.
HAND_CHECKED = {
    "a5f8d29fb8504bec": (
        datetime.date(2022, 3, 31),
        False,
        "The Independent",
        Wire.AP,
        None,
        False,
    ),
    "84b6ba9b7fd712b2": (datetime.date(2022, 7, 16), True, None, None, None, True),
    "359f5cdc4e12491c": (
        datetime.date(2022, 10, 31),
        True,
        "Main News",
        Wire.AP,
        "The Associated Press",
        True,
    ),
    "9b1a413c8ff271b2": (
        datetime.date(2020, 10, 9),
        False,
        "Voice of America",
        None,
        "VOA News",
        False,
    ),
    "532e919b6eb4de28": (datetime.date(2021, 11, 26), True, None, Wire.AP, None, True),
}
# The wires that the page does not show, established by comparing the text with the agency's.
WIRE_INFERRED = {"532e919b6eb4de28"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@pytest.fixture(scope="module")
def corpus() -> kc.Corpus:
    return kc.load()


def test_ids_in_seed_order_and_named_after_the_seed_files(corpus: kc.Corpus) -> None:
    assert corpus.ids == IDS
    assert [d.id for d in corpus] == list(IDS)
    for doc in corpus:
        assert re.fullmatch(rf"\d{{3}}_{doc.id}\.txt", doc.source)


def test_raw_texts_ship_byte_for_byte(seeds_dir: Path, corpus: kc.Corpus) -> None:
    for doc in corpus:
        seed = (seeds_dir / doc.source).read_bytes()
        shipped = (DATA / "raw" / f"{doc.id}.txt").read_bytes()
        assert hashlib.sha256(shipped).digest() == hashlib.sha256(seed).digest()
        assert doc.raw == seed.decode("utf-8")


def test_mapping_api(corpus: kc.Corpus) -> None:
    assert len(corpus) == 5
    assert corpus["9b1a413c8ff271b2"].id == "9b1a413c8ff271b2"
    assert "9b1a413c8ff271b2" in corpus
    assert "nope" not in corpus
    assert kc.load() is corpus  # cached


@pytest.mark.parametrize("key", ["nope", 3.0, None, True, "A5F8D29FB8504BEC"])
def test_unknown_id_is_a_key_error_listing_the_valid_ids(corpus: kc.Corpus, key: object) -> None:
    with pytest.raises(KeyError) as info:
        corpus[key]  # type: ignore[index]
    assert isinstance(info.value, kc.UnknownDocumentError)
    assert isinstance(info.value, kc.CorpusError)
    for doc_id in IDS:
        assert doc_id in str(info.value)


def test_every_span_slices_the_raw_text(corpus: kc.Corpus) -> None:
    spans = 0
    for doc in corpus:
        for span in (*doc.regions, *doc.meta.evidence):
            assert doc.raw[span.start : span.end] == span.text
            spans += 1
    assert spans > 150


def test_regions_and_whitespace_cover_the_raw_text_exactly(corpus: kc.Corpus) -> None:
    for doc in corpus:
        covered = [False] * len(doc.raw)
        for region in doc.regions:
            for i in range(region.start, region.end):
                assert not covered[i], f"{doc.id}: regions overlap at {i}"
                covered[i] = True
        rest = "".join(ch for ch, c in zip(doc.raw, covered, strict=True) if not c)
        assert rest.strip() == "", f"{doc.id}: text outside every region: {rest.strip()[:40]!r}"


def test_categories_come_from_the_documented_vocabulary(corpus: kc.Corpus) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for doc in corpus:
        assert {r.category for r in doc.article} <= ARTICLE
        assert {r.category for r in doc.meta.stripped} <= STRIPPED
    for category in Category:
        assert f"`{category.value}`" in readme, f"{category.value} is not documented"


def test_the_hand_check_of_every_line(corpus: kc.Corpus) -> None:
    """Each non-blank line has the category a reader gives it (tests/golden/seeds.tsv)."""
    expected: dict[str, list[tuple[str, str]]] = {}
    for line in (ROOT / "tests" / "golden" / "seeds.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            doc_id, category, prefix = line.split("\t")
            expected.setdefault(doc_id, []).append((category, prefix))
    assert set(expected) == set(IDS)
    for doc in corpus:
        regions = doc.regions
        assert len(regions) == len(expected[doc.id]), doc.id
        for region, (category, prefix) in zip(regions, expected[doc.id], strict=True):
            text = _textmap.normalize(region.text)
            assert text.startswith(prefix), (doc.id, text[:60], prefix)
            assert region.category.value == category, (doc.id, text[:60])


@pytest.mark.parametrize("doc_id", IDS)
def test_metadata_matches_the_hand_check(corpus: kc.Corpus, doc_id: str) -> None:
    date, inferred, outlet, wire, byline, rewritten = HAND_CHECKED[doc_id]
    meta = corpus[doc_id].meta
    assert (meta.date, meta.date_inferred) == (date, inferred)
    assert meta.outlet == outlet
    assert meta.wire == wire
    assert meta.wire_inferred is (doc_id in WIRE_INFERRED)
    if meta.wire_inferred:
        assert meta.wire_evidence.startswith("Inferred")
    assert meta.byline == byline
    assert meta.machine_rewritten is rewritten
    assert meta.language == "en"
    for text in (meta.date_evidence, meta.outlet_evidence, meta.wire_evidence):
        assert len(text) > 20
    fields = {e.field for e in meta.evidence}
    assert "date" in fields
    if outlet is not None:
        assert "outlet" in fields
    if wire is not None:
        assert "wire" in fields
    if byline is not None:
        assert byline in {e.text.removeprefix("by ").removeprefix("By ") for e in meta.evidence}
    if rewritten:
        assert "machine_rewritten" in fields


@pytest.mark.parametrize("doc_id", IDS)
def test_the_weekday_in_the_evidence_agrees_with_the_date(corpus: kc.Corpus, doc_id: str) -> None:
    """A stated or inferred date must fall on the weekday the text names for it."""
    meta = corpus[doc_id].meta
    assert meta.date is not None
    quotes = " ".join(e.text for e in meta.evidence if e.field == "date")
    named = [day for day in WEEKDAYS if day in quotes]
    if named:
        assert named == [WEEKDAYS[meta.date.weekday()]]
    else:  # a numeric dateline: its date must be the one recorded
        assert meta.date.isoformat() in quotes or meta.date.strftime("%B %d, %Y") in quotes


def test_wire_is_the_origin_not_a_quoted_agency(corpus: kc.Corpus) -> None:
    voa = corpus["9b1a413c8ff271b2"]
    assert "AFP quoted" in voa.raw
    assert voa.meta.wire is None


def test_clean_views(corpus: kc.Corpus) -> None:
    doc = corpus["a5f8d29fb8504bec"]
    assert doc.title == "Armenia, Azerbaijan leaders to meet amid recent fighting"
    assert doc.summary is not None and doc.summary.startswith("Armenian Prime Minister")
    assert len(doc.paragraphs) == 10
    assert doc.text == "\n\n".join(doc.paragraphs)
    assert doc.clean_text == "\n\n".join([doc.title, doc.summary, *doc.paragraphs])
    assert "Your support" not in doc.clean_text
    voa = corpus["9b1a413c8ff271b2"]
    assert "\xa0" in voa.raw and "\xa0" not in voa.clean_text
    assert "\u202f" not in voa.clean_text


def test_clean_text_maps_back_to_raw(corpus: kc.Corpus) -> None:
    for doc in corpus:
        view, offsets = doc.clean_text, doc.clean_offsets
        for j, ch in enumerate(view):
            i = offsets.to_input(j)
            assert ch == doc.raw[i] or (ch.isspace() and doc.raw[i].isspace())


def test_shipped_records_are_what_the_cleaner_and_curation_produce(corpus: kc.Corpus) -> None:
    """Regenerate every document from its raw text, the cleaner and curation/metadata.json."""
    from karabakh_corpus.corpus.build import build_document
    from karabakh_corpus.corpus.convert import unstructure_annotations, unstructure_document

    curated = json.loads((ROOT / "curation" / "metadata.json").read_text("utf-8"))
    corrections = json.loads((ROOT / "curation" / "regions.json").read_text("utf-8"))
    for doc in corpus:
        authored = ROOT / "curation" / "annotations" / f"{doc.id}.tsv"
        text = authored.read_text("utf-8") if authored.exists() else None
        rebuilt = build_document(
            doc.id,
            doc.source,
            doc.raw,
            curated[doc.id],
            annotations=text,
            corrections=corrections.get(doc.id, ()),
        )
        assert unstructure_document(rebuilt) == unstructure_document(doc)
        shipped = json.loads((DATA / "documents" / f"{doc.id}.json").read_text("utf-8"))
        assert shipped == unstructure_document(rebuilt)
        assert rebuilt.annotations == doc.annotations
        layers = DATA / "annotations" / f"{doc.id}.json"
        if doc.annotations:
            shipped_layers = json.loads(layers.read_text("utf-8"))
            assert shipped_layers == unstructure_annotations(rebuilt.annotations)
        else:
            assert not layers.exists()


def test_import_reads_no_data_file() -> None:
    code = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == 'open' else None)\n"
        "import karabakh_corpus\n"
        "assert not [p for p in opened if 'data' in p and 'karabakh_corpus' in p], opened\n"
        "karabakh_corpus.load()\n"
        "assert [p for p in opened if p.endswith('manifest.json')], opened\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_loads_from_a_zip_archive_on_sys_path(tmp_path: Path) -> None:
    archive = tmp_path / "corpus.zip"
    package = ROOT / "src" / "karabakh_corpus"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(package.parent).as_posix())
    code = (
        "import sys, karabakh_corpus as k\n"
        "assert '.zip' in k.__file__, k.__file__\n"
        "c = k.load()\n"
        "old = [k.load(r.version) for r in k.releases()]\n"
        "print(len(c), sum(len(d.paragraphs) for d in c), ' '.join(o.release for o in old))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(archive), "PATH": ""},
        cwd=tmp_path,
    )
    assert out.stdout.split()[0] == "5"
    assert out.stdout.split()[2:] == [r.version for r in kc.releases()]


# -- damaged data --------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _edit_record(root: Path, doc_id: str, edit: object) -> None:
    path = root / "documents" / f"{doc_id}.json"
    record = json.loads(path.read_text("utf-8"))
    edit(record)  # type: ignore[operator]
    path.write_text(json.dumps(record), encoding="utf-8")


def _rehash(root: Path) -> None:
    """Record the files' current hashes in the manifest: a damaged build, not a damaged install."""
    path = root / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    for name in manifest["files"]:
        manifest["files"][name] = hashlib.sha256((root / name).read_bytes()).hexdigest()
    path.write_text(json.dumps(manifest), encoding="utf-8")


def test_a_copy_of_the_data_loads(data_copy: Path) -> None:
    assert load_from(data_copy).ids == IDS


def test_missing_file_is_an_integrity_error(data_copy: Path) -> None:
    (data_copy / "raw" / "9b1a413c8ff271b2.txt").unlink()
    with pytest.raises(kc.IntegrityError, match=r"raw/9b1a413c8ff271b2\.txt"):
        load_from(data_copy)


def test_truncated_json_is_a_data_format_error(data_copy: Path) -> None:
    path = data_copy / "documents" / "a5f8d29fb8504bec.json"
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(kc.IntegrityError, match=r"documents/a5f8d29fb8504bec\.json"):
        load_from(data_copy)
    _rehash(data_copy)
    with pytest.raises(kc.DataFormatError, match="not valid JSON"):
        load_from(data_copy)


def test_undecodable_raw_text_is_a_data_format_error(data_copy: Path) -> None:
    (data_copy / "raw" / "a5f8d29fb8504bec.txt").write_bytes(b"\xff\xfe broken")
    _rehash(data_copy)
    with pytest.raises(kc.DataFormatError, match="not valid UTF-8"):
        load_from(data_copy)


def test_an_edited_raw_text_no_longer_matches_its_offsets(data_copy: Path) -> None:
    path = data_copy / "raw" / "84b6ba9b7fd712b2.txt"
    path.write_text("X" + path.read_text("utf-8"), encoding="utf-8")
    _rehash(data_copy)
    with pytest.raises(kc.DataFormatError, match="84b6ba9b7fd712b2"):
        load_from(data_copy)


def test_shifted_offsets_are_refused(data_copy: Path) -> None:
    def shift(record: dict) -> None:  # type: ignore[type-arg]
        record["article"][0]["start"] += 1
        record["article"][0]["end"] += 1

    _edit_record(data_copy, "532e919b6eb4de28", shift)
    _rehash(data_copy)
    with pytest.raises(kc.DataFormatError):
        load_from(data_copy)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r["meta"].update(date="31 March 2022"), "date"),
        (lambda r: r["meta"].update(wire="Agence Reuters"), "wire"),
        (lambda r: r["meta"].update(wire_inferred="no"), "wire_inferred"),
        (lambda r: r["meta"].update(date_inferred="no"), "date_inferred"),
        (lambda r: r["meta"].update(wire=None, wire_inferred=True), "wire_inferred"),
        (lambda r: r["article"][0].update(category="headline"), "category"),
        (lambda r: r["meta"].update(surprise=1), "surprise"),
        (lambda r: r["meta"].pop("language"), "language"),
    ],
)
def test_malformed_fields_are_refused(data_copy: Path, edit: object, message: str) -> None:
    _edit_record(data_copy, "a5f8d29fb8504bec", edit)
    _rehash(data_copy)
    with pytest.raises(kc.DataFormatError, match=message):
        load_from(data_copy)


def test_a_record_without_wire_inferred_loads_as_shown_and_keeps_its_hash(
    data_copy: Path,
) -> None:
    """Records written before wire_inferred existed load as False and unstructure unchanged."""
    from karabakh_corpus.corpus.convert import unstructure_document

    _edit_record(data_copy, "532e919b6eb4de28", lambda r: r["meta"].pop("wire_inferred"))
    _rehash(data_copy)
    record = json.loads((data_copy / "documents" / "532e919b6eb4de28.json").read_text("utf-8"))
    doc = load_from(data_copy)["532e919b6eb4de28"]
    assert doc.meta.wire is Wire.AP and doc.meta.wire_inferred is False
    assert json.loads(json.dumps(unstructure_document(doc))) == record
    assert "wire_inferred" in unstructure_document(kc.load()["532e919b6eb4de28"])["meta"]


def _edit_layers(root: Path, doc_id: str, edit: object) -> None:
    path = root / "annotations" / f"{doc_id}.json"
    record = json.loads(path.read_text("utf-8"))
    edit(record)  # type: ignore[operator]
    path.write_text(json.dumps(record), encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r["entity"][0].update(start=r["entity"][0]["start"] + 1), "Armenia"),
        (lambda r: r["entity"][0].update(label="country"), "country"),
        (lambda r: r["entity"][0].update(key="Armenia"), "Armenia"),
        (lambda r: r["quantity"][0].update(value="2"), "number"),
        (lambda r: r["quantity"][0].update(qualifier="roughly"), "roughly"),
        (lambda r: r["time"][0].update(resolved=True), "resolved"),
        (lambda r: r["quote"][0].update(speaker="person/nobody"), "person/nobody"),
        (lambda r: r.update(gossip=[]), "gossip"),
        (lambda r: r.update(entity={}), "entity"),
    ],
)
def test_malformed_annotations_are_refused(data_copy: Path, edit: object, message: str) -> None:
    _edit_layers(data_copy, "a5f8d29fb8504bec", edit)
    _rehash(data_copy)
    with pytest.raises(kc.DataFormatError, match=message):
        load_from(data_copy)


def test_a_missing_annotation_file_is_an_integrity_error(data_copy: Path) -> None:
    (data_copy / "annotations" / "359f5cdc4e12491c.json").unlink()
    with pytest.raises(kc.IntegrityError, match=r"annotations/359f5cdc4e12491c\.json"):
        load_from(data_copy)


# -- every file load() reads is checked against the manifest ---------------------------------


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        # still valid JSON and valid data: only the hash tells
        ("documents/a5f8d29fb8504bec.json", b'"2022-03-31"', b'"2022-03-30"'),
        ("annotations/a5f8d29fb8504bec.json", None, b"{}"),
        ("raw/9b1a413c8ff271b2.txt", b"Armenia", b"Armenio"),
    ],
)
def test_an_edited_file_is_an_integrity_error_naming_it(
    data_copy: Path, name: str, before: bytes | None, after: bytes
) -> None:
    path = data_copy / name
    data = path.read_bytes()
    if before is None:
        path.write_bytes(after)
    else:
        assert before in data
        path.write_bytes(data.replace(before, after, 1))
    with pytest.raises(kc.IntegrityError, match=re.escape(name)) as info:
        load_from(data_copy)
    assert info.value.files == (name,)


def test_an_edited_file_of_a_past_release_is_refused(data_copy: Path) -> None:
    # a raw text is the same in every release, so 1.0.0 reads the current file.
    path = data_copy / "raw" / "a5f8d29fb8504bec.txt"
    edited = path.read_bytes().replace(b"Armenia", b"Armenio")
    assert edited != path.read_bytes()
    path.write_bytes(edited)
    with pytest.raises(kc.IntegrityError, match=r"raw/a5f8d29fb8504bec\.txt"):
        load_release(data_copy, "1.0.0")


def test_load_from_threads_reads_once_and_shares_one_corpus() -> None:
    code = (
        "import sys, threading, time\n"
        "opened = []\n"
        "def hook(event, args):\n"
        "    if event == 'open' and str(args[0]).endswith('a5f8d29fb8504bec.json'):\n"
        "        opened.append(args[0])\n"
        "        time.sleep(0.02)  # widen the window in which threads could overlap\n"
        "sys.addaudithook(hook)\n"
        "import karabakh_corpus as kc\n"
        "start = threading.Barrier(8)\n"
        "found = []\n"
        "def run():\n"
        "    start.wait()\n"
        "    found.append(kc.load())\n"
        "threads = [threading.Thread(target=run) for _ in range(8)]\n"
        "[t.start() for t in threads]\n"
        "[t.join() for t in threads]\n"
        "print(len(found), len({id(c) for c in found}), len(opened))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    )
    # 8 results, one Corpus, and the document file and the annotation file read once each
    assert out.stdout.split() == ["8", "1", "2"]


def _loaded_from(root: Path, monkeypatch: pytest.MonkeyPatch) -> kc.Corpus:
    """`kc.load()` with `root` as the installed data folder."""
    from karabakh_corpus.corpus import loader

    monkeypatch.setattr(loader, "data_root", lambda: root)
    monkeypatch.setattr(loader, "_cache", {})
    return kc.load()


@pytest.mark.parametrize(
    "edit",
    [
        "drop a document",  # the corpus would load without it
        "swap two documents",
        "change a content hash",
        "change the release",
        "claim an unknown release",
    ],
)
def test_load_refuses_an_edited_manifest(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    """A JSON-valid edit of manifest.json: verify() caught it, load() did not in 1.7.0."""
    path = data_copy / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    if edit == "drop a document":
        manifest["documents"].pop()
    elif edit == "swap two documents":
        docs = manifest["documents"]
        docs[0], docs[1] = docs[1], docs[0]
    elif edit == "change a content hash":
        manifest["documents"][0]["sha256"]["metadata"] = "0" * 64
    elif edit == "change the release":
        manifest["release"] = "1.6.0"
    else:
        manifest["release"] = "9.9.9"
    path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    with pytest.raises(kc.IntegrityError, match=r"manifest\.json") as info:
        _loaded_from(data_copy, monkeypatch)
    assert info.value.files == ("manifest.json",)
    assert "reinstall karabakh-corpus" in str(info.value)
    with pytest.raises(kc.IntegrityError):  # as verify() says too
        kc.verify(data_copy)


def test_load_takes_the_manifest_of_a_release_not_yet_published(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A development build of this version, whose manifest data/releases/ does not hold yet."""
    (data_copy / "releases" / f"{kc.__version__}.json").unlink()
    assert _loaded_from(data_copy, monkeypatch).ids == IDS
    # the manifest as shipped loads, of course
    shutil.copy(DATA / "releases" / f"{kc.__version__}.json", data_copy / "releases")
    assert _loaded_from(data_copy, monkeypatch).ids == IDS


@pytest.mark.slow
def test_the_tests_that_need_the_shared_data_fail_without_it_unless_told_to_skip(
    tmp_path: Path,
) -> None:
    """In 1.7.0 they skipped, and the suite passed without checking the seeds or the scores."""
    import os

    test = f"{Path(__file__).parent / 'test_corpus.py'}::test_raw_texts_ship_byte_for_byte"
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test]
    env = {**os.environ, "KARABAKH_SHARED": str(tmp_path / "nowhere")}
    env.pop("KARABAKH_SKIP_SHARED", None)
    failed = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    assert failed.returncode == 1, failed.stdout
    assert f"the seed texts are not at {tmp_path / 'nowhere' / 'seeds'}: set KARABAKH_SHARED" in (
        failed.stdout
    )
    assert "1 tests not run for want of the shared data" in failed.stdout
    env["KARABAKH_SKIP_SHARED"] = "1"
    skipped = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    assert skipped.returncode == 0, skipped.stdout
    assert "1 tests skipped for want of the shared data" in skipped.stdout
