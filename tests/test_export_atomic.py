"""Exports check their arguments before writing, and write all or nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import karabakh_corpus as kc
from karabakh_corpus import _atomic, export
from karabakh_corpus.cli import main
from karabakh_corpus.export import formats, records
from karabakh_corpus.export.croissant import to_croissant

GOOD, OTHER = "9b1a413c8ff271b2", "a5f8d29fb8504bec"


@pytest.fixture(scope="module")
def corpus() -> kc.Corpus:
    return kc.load()


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _previous_export(folder: Path) -> dict[str, bytes]:
    """A folder holding an earlier export of every format (made by hand, not by the code)."""
    (folder / "brat").mkdir(parents=True)
    (folder / "croissant").mkdir()
    files = {
        "corpus.jsonl": "an earlier export\n",
        "annotations.jsonld": "{}\n",
        "corpus.spacy": "earlier",
        f"brat/{GOOD}.ann": "T1\tperson 0 4\tJohn\n",
        f"brat/{GOOD}.txt": "John",
        "brat/annotation.conf": "[entities]\n",
        "croissant/corpus.jsonl": "an earlier export\n",
        "croissant/croissant.json": "{}\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return _snapshot(folder)


@pytest.mark.parametrize("fmt", sorted(export.FORMATS))
def test_an_unknown_id_changes_nothing(fmt: str, tmp_path: Path) -> None:
    if fmt == "spacy":
        pytest.importorskip("spacy")
    before = _previous_export(tmp_path)
    status = main(["export", "--format", fmt, "--out", str(tmp_path), "--ids", GOOD, "nope"])
    assert status == 1
    assert _snapshot(tmp_path) == before  # nothing truncated, nothing added, no temporary file


def test_an_unknown_id_creates_no_folder(corpus: kc.Corpus, tmp_path: Path) -> None:
    for fmt in sorted(export.FORMATS):
        with pytest.raises(kc.UnknownDocumentError):
            export.export(corpus, fmt, tmp_path / "new", ids=[GOOD, "nope"])
        assert not (tmp_path / "new").exists()
    with pytest.raises(kc.UnknownDocumentError):
        to_croissant(corpus, tmp_path / "new", ids=["nope"])
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(
    "write",
    [
        lambda corpus, path, ids: export.to_jsonl(corpus, path / "corpus.jsonl", ids=ids),
        lambda corpus, path, ids: export.to_web_annotation(corpus, path / "a.jsonld", ids=ids),
        lambda corpus, path, ids: export.to_brat(corpus, path / "brat", ids=ids),
        lambda corpus, path, ids: to_croissant(corpus, path / "croissant", ids=ids),
    ],
    ids=["jsonl", "webanno", "brat", "croissant"],
)
def test_the_writers_check_ids_first(corpus: kc.Corpus, tmp_path: Path, write: object) -> None:
    before = _previous_export(tmp_path)
    for bad, error in [
        ([GOOD, "nope"], kc.UnknownDocumentError),
        ([GOOD, OTHER, GOOD], ValueError),
        (GOOD, TypeError),
    ]:
        with pytest.raises(error):
            write(corpus, tmp_path, bad)  # type: ignore[operator]
        assert _snapshot(tmp_path) == before


def test_repeated_ids_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = _previous_export(tmp_path)
    status = main(["export", "--format", "jsonl", "--out", str(tmp_path), "--ids", GOOD, GOOD])
    assert status == 1
    assert "more than once" in capsys.readouterr().err
    assert _snapshot(tmp_path) == before


def test_an_output_folder_that_is_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "d").write_text("mine", encoding="utf-8")
    assert main(["export", "--format", "jsonl", "--out", str(tmp_path / "d")]) == 1
    assert "is a file" in capsys.readouterr().err
    assert (tmp_path / "d").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("interruption", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_a_failure_half_way_leaves_the_old_file(
    corpus: kc.Corpus,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    interruption: BaseException,
) -> None:
    before = _previous_export(tmp_path)
    real = records.document_record
    third = corpus.ids[2]

    def failing(doc: kc.Document, release: str) -> dict[str, object]:
        if doc.id == third:
            raise interruption
        return real(doc, release)

    monkeypatch.setattr(records, "document_record", failing)
    with pytest.raises(type(interruption)):
        export.to_jsonl(corpus, tmp_path / "corpus.jsonl")
    with pytest.raises(type(interruption)):
        to_croissant(corpus, tmp_path / "croissant")
    assert _snapshot(tmp_path) == before


def test_a_brat_export_replaces_every_file_or_none(
    corpus: kc.Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _previous_export(tmp_path)
    real = formats._brat_lines

    def failing(doc: kc.Document) -> list[str]:
        if doc.id == OTHER:
            raise RuntimeError("disk on fire")
        return real(doc)

    monkeypatch.setattr(formats, "_brat_lines", failing)
    with pytest.raises(RuntimeError):
        export.to_brat(corpus, tmp_path / "brat")
    assert _snapshot(tmp_path) == before


def test_a_successful_export_replaces_the_old_one(corpus: kc.Corpus, tmp_path: Path) -> None:
    _previous_export(tmp_path)
    assert main(["export", "--format", "jsonl", "--out", str(tmp_path), "--ids", OTHER]) == 0
    assert [r["id"] for r in export.read_jsonl(tmp_path / "corpus.jsonl")] == [OTHER]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# -- the helper ------------------------------------------------------------------------------


def test_atomic_path_replaces_on_success_only(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    staged: list[Path] = []

    def write_half() -> None:
        with _atomic.atomic_path(target) as temporary:
            staged.append(temporary)
            temporary.write_text("half", encoding="utf-8")
            raise ValueError("stop")

    with pytest.raises(ValueError, match="stop"):
        write_half()
    assert staged[0].parent == tmp_path and staged[0] != target
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    assert _atomic.write_text(target, "new") == target
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_path_refuses_a_block_that_wrote_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), _atomic.atomic_path(tmp_path / "out.txt"):
        pass
    assert list(tmp_path.iterdir()) == []


def test_atomic_files_get_the_usual_permissions(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    atomic = _atomic.write_text(tmp_path / "atomic.txt", "x")
    assert stat.S_IMODE(os.stat(atomic).st_mode) == stat.S_IMODE(os.stat(plain).st_mode)
