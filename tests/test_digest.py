"""What the cleaner gives users does not change without a new cleaner version.

`tests/golden/cleaner_digest.json` holds, for each cleaner version, the digest of the
cleaner's output (title, body, every region) on every page of every development set and on
the seeds, by `scripts/cleaner_digest.py`; this test recomputes them. A change to the
cleaner's code that must not change its output (a refactoring, a speed-up) keeps them; a
change that does bumps `CLEANER_VERSION` and records the new digests with the script.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import attrs
import pytest

import karabakh_corpus as kc
from karabakh_corpus._version import CLEANER_VERSION

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import cleaner_digest  # noqa: E402

GOLDEN = json.loads((ROOT / "tests" / "golden" / "cleaner_digest.json").read_text("utf-8"))


def _expected(key: str) -> dict[str, object]:
    figures = GOLDEN.get(CLEANER_VERSION)
    if figures is None:
        pytest.fail(
            f"tests/golden/cleaner_digest.json has no digests for cleaner version "
            f"{CLEANER_VERSION}: run scripts/cleaner_digest.py and record them"
        )
    return figures[key]  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", ["dev", "l3s-gn1", "dragnet", "cleaneval", "trafeval", "meta"])
@pytest.mark.parametrize("path", ["text", "html"])
def test_the_output_on_every_development_page_is_the_recorded_one(
    bench_root: Path, name: str, path: str
) -> None:
    if path == "html":
        pytest.importorskip("html_text", reason="the html extra renders the pages")
    count, sha = cleaner_digest.set_digest(bench_root / name, html=path == "html")
    assert {"pages": count, "sha256": sha} == _expected(f"{path}/{name}")


def test_the_output_on_the_seeds_is_the_recorded_one(seeds_dir: Path) -> None:
    count, sha = cleaner_digest.digest(
        kc.clean(p.read_text("utf-8")) for p in sorted(seeds_dir.glob("*.txt"))
    )
    assert {"pages": count, "sha256": sha} == _expected("text/seeds")


def test_the_digest_sees_one_changed_rule() -> None:
    page = "Home\nTalks resume\nThe leaders met on Sunday for talks in Brussels, officials said."
    result = kc.clean(page)
    first = attrs.evolve(result.regions[0], rule="another-rule")
    changed = types.SimpleNamespace(
        title=result.title, text=result.text, regions=(first, *result.regions[1:])
    )
    assert cleaner_digest.digest([result]) != cleaner_digest.digest([changed])  # type: ignore[list-item]
    assert cleaner_digest.digest([result]) == cleaner_digest.digest([kc.clean(page)])
