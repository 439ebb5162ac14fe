"""The batch runner (`karabakh_corpus.cleaner.batch`, `clean_many`): order, worker processes,
options, the progress bar."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_one_process_leaves_the_pool_machinery_unimported() -> None:
    code = """
import sys
import karabakh_corpus as kc
import karabakh_corpus.clean, karabakh_corpus.cleaner.batch
texts = ["Round 1\\n\\nThe ministers met on Saturday for talks, officials said."] * 3
assert len(list(kc.clean_many(texts))) == 3
print(sorted(m for m in ("multiprocessing", "concurrent.futures") if m in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "[]\n", "")


KILLED = """
import os, signal, sys, threading, time
import karabakh_corpus as kc

def kill_a_worker():
    time.sleep(0.5)
    me = os.getpid()
    kids = open(f"/proc/{me}/task/{me}/children").read().split()
    os.kill(int(kids[0]), signal.SIGKILL)

texts = (f"Round {i}\\n\\nThe ministers met for round {i} of talks, officials said."
         for i in range(10**7))
results = kc.clean_many(texts, processes=2)
next(results)  # the workers run
threading.Thread(target=kill_a_worker).start()
try:
    for _ in results:
        pass
except kc.WorkerLostError as exc:
    print(type(exc).__name__, exc.first, exc.last)
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("trial", range(3))
def test_a_worker_killed_under_clean_many_is_a_worker_lost_error(trial: int) -> None:
    """In 1.7.0 one run in three leaked concurrent.futures' BrokenProcessPool instead."""
    done = subprocess.run(
        [sys.executable, "-c", KILLED], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    name, first, last = done.stdout.split()
    assert name == "WorkerLostError" and 0 < int(first) <= int(last)
