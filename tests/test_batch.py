"""The batch runner (`karabakh_corpus.cleaner.batch`, `clean_many`): order, worker processes,
options, the progress bar."""

from __future__ import annotations

import pytest
from conftest import page_with

import karabakh_corpus as kc
from karabakh_corpus.cleaner.rules import Rule
from karabakh_corpus.schema import Category


def test_clean_many_in_processes_equals_one_process(real_pages: list[str]) -> None:
    pages = real_pages[:12]
    one = [r.regions for r in kc.clean_many(pages)]
    two = [r.regions for r in kc.clean_many(pages, processes=2, chunksize=3)]
    assert one == two == [kc.clean(p).regions for p in pages]


def test_clean_many_ships_the_cleaner_to_workers() -> None:
    promo = Rule("promo", Category.ADVERTISEMENT, r"use code \w+")
    cleaner = kc.Cleaner(profile=[promo])
    pages = [page_with("Use code PEACE")] * 3
    results = list(kc.clean_many(pages, cleaner=cleaner, processes=2))
    assert all(r.stripped[0].rule == "promo" for r in results)


def test_clean_many_checks_its_options() -> None:
    with pytest.raises(ValueError, match="processes"):
        list(kc.clean_many(["x"], processes=0))
    with pytest.raises(ValueError, match="chunksize"):
        list(kc.clean_many(["x"], chunksize=0))


def test_progress_needs_its_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.raises(kc.MissingExtraError, match=r"karabakh-corpus\[progress\]"):
        list(kc.clean_many(["x"], progress=True))
    assert [r.text for r in kc.clean_many(["x"])] == [""]  # no bar wanted: no error


def test_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    results = list(kc.clean_many([page_with("Home")] * 4, progress=True, total=4))
    assert len(results) == 4
    assert "4/4" in capsys.readouterr().err
