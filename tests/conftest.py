"""Shared fixtures: where the seeds and the cleaner's development pages are, and hypothesis."""

from __future__ import annotations

import os
from pathlib import Path

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


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed texts are not at {SEEDS} (set KARABAKH_SHARED)")
    return SEEDS


@pytest.fixture(scope="session")
def bench_dir() -> Path:
    if not (BENCH / "text").is_dir():
        pytest.skip(f"the cleaner's development pages are not at {BENCH} (set KARABAKH_SHARED)")
    return BENCH


@pytest.fixture(scope="session")
def bench_root() -> Path:
    if not BENCH_ROOT.is_dir():
        pytest.skip(f"the cleaner's benchmark sets are not at {BENCH_ROOT} (set KARABAKH_SHARED)")
    return BENCH_ROOT


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
