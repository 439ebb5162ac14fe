"""Shared fixtures: where the seeds and the cleaner's development pages are, and hypothesis."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "karabakh_corpus" / "data"
SHARED = Path(os.environ.get("KARABAKH_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
BENCH_ROOT = SHARED / "bench"
BENCH = BENCH_ROOT / "dev"

# Property tests always run; the default profile is small and derandomized so the suite
# is fast and gives the same result on every run. HYPOTHESIS_PROFILE=thorough searches more.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


SKIP_SHARED = "KARABAKH_SKIP_SHARED"
"""Set to 1 to skip, not fail, the tests that need the shared data (the seeds and the
benchmark pages, which the repository does not hold): they check that the shipped texts
are the seeds, the cleaner's scores and the digests of its output on every page."""


def _shared(path: Path, what: str) -> Path:
    """`path`, or a failure (a skip with KARABAKH_SKIP_SHARED=1) saying how to get it."""
    if path.is_dir():
        return path
    message = (
        f"{what} are not at {path}: set KARABAKH_SHARED to the folder that holds seeds/ and "
        f"bench/ (default: ../shared beside the repository), or {SKIP_SHARED}=1 to skip "
        "the tests that need them"
    )
    if os.environ.get(SKIP_SHARED) == "1":
        pytest.skip(message)
    pytest.fail(message, pytrace=False)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _shared(SEEDS, "the seed texts")


@pytest.fixture(scope="session")
def bench_dir() -> Path:
    _shared(BENCH / "text", "the cleaner's development pages")
    return BENCH


@pytest.fixture(scope="session")
def bench_root() -> Path:
    return _shared(BENCH_ROOT, "the cleaner's benchmark sets")


def pytest_report_header() -> str:
    found = SEEDS.is_dir() and BENCH_ROOT.is_dir()
    if found:
        return f"shared data (seeds, benchmark pages): {SHARED}"
    then = "skipped" if os.environ.get(SKIP_SHARED) == "1" else f"failing (or {SKIP_SHARED}=1)"
    return f"shared data: NOT at {SHARED} (set KARABAKH_SHARED); the tests that need it: {then}"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    hit = [
        report
        for kind in ("error", "failed", "skipped")
        for report in terminalreporter.stats.get(kind, [])
        if "set KARABAKH_SHARED to" in str(getattr(report, "longrepr", ""))
    ]
    if hit:
        skipped = os.environ.get(SKIP_SHARED) == "1"
        terminalreporter.write_line(
            f"{len(hit)} tests {'skipped' if skipped else 'not run'} for want of the shared "
            f"data at {SHARED}: set KARABAKH_SHARED"
            + ("" if skipped else f", or {SKIP_SHARED}=1 to skip them"),
            yellow=True,
        )


# -- a page for the cleaner's tests ---------------------------------------------------------

ARTICLE = [
    "The foreign ministers of Armenia and Azerbaijan met in Tbilisi on Saturday for their "
    "first direct talks since the war, officials in both capitals said.",
    "The meeting, held behind closed doors, lasted more than three hours and covered the "
    "border, transport links and the fate of prisoners, according to a statement.",
    "Diplomats said the two sides agreed to meet again, though no date was set and several "
    "questions remained open after the talks ended late in the evening.",
    "Analysts in Yerevan cautioned that a final agreement was still far away, pointing to "
    "the clashes that broke out along the border only a few weeks earlier.",
    "Baku said it wanted a peace treaty signed before the end of the year, while Yerevan "
    "insisted that any deal must guarantee the security of the people living there.",
]


def page_with(line: str) -> str:
    """An article with `line` between its second and third paragraphs."""
    return "\n\n".join([*ARTICLE[:2], line, *ARTICLE[2:]])


# -- real pages for the cleaner's tests -------------------------------------------------------


def _real_pages(bench: Path | None) -> list[str]:
    pages = [p.read_text("utf-8") for p in sorted((DATA / "raw").glob("*.txt"))]
    if bench is not None:
        pages += [p.read_text("utf-8") for p in sorted((bench / "text").glob("*.txt"))[:20]]
    return pages


@pytest.fixture(scope="session")
def real_pages() -> list[str]:
    """The seed pages, and the first 20 development pages when they are there."""
    return _real_pages(BENCH if (BENCH / "text").is_dir() else None)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``karabakh-corpus ARGV`` in this process: its exit status, stdout and stderr."""
    from karabakh_corpus.cli import main

    try:
        status = main(list(argv))
    except SystemExit as exc:  # argparse exits on usage errors and --version
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err
