"""benchmarks/constant_ranges.py sets each hand-set constant in every module that reads it,
puts it back, and scores what clean() and clean_html() give."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import karabakh_corpus as kc
from karabakh_corpus import Cleaner

pytest.importorskip("html_text", reason='needs the test extra: pip install ".[test]"')

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import constant_ranges

SAMPLE = (
    "Home\nNews\nSport\n"
    "Talks resume in Brussels\n"
    "The leaders of Armenia and Azerbaijan met on Sunday in Brussels for a new round of "
    "talks on the peace treaty, officials said.\n"
    "Both sides described the meeting as constructive and agreed to meet again next month, "
    "according to a statement.\n"
    "Share on Facebook\nCookie policy\n"
)


def test_each_grid_holds_the_shipped_value_in_its_type() -> None:
    names = [c.name for c in constant_ranges.CONSTANTS]
    assert len(names) == len(set(names))
    for constant in constant_ranges.CONSTANTS:
        value = constant_ranges.shipped(constant)
        assert value in constant.grid, constant.name
        assert constant.extreme not in constant.grid, constant.name
        assert len(constant.grid) >= 5, constant.name
        if isinstance(value, int):
            assert all(float(v).is_integer() for v in (*constant.grid, constant.extreme))


def test_every_module_holding_a_constant_is_patched_and_put_back() -> None:
    # every module of the package is loaded once a page has been cleaned
    kc.clean(SAMPLE)
    for constant in constant_ranges.CONSTANTS:
        value = constant_ranges.shipped(constant)
        holders = {
            name
            for name, module in list(sys.modules.items())
            if name.startswith("karabakh_corpus")
            and module is not None
            and getattr(module, constant.name, None) is value
        }
        patched = {m.__name__ for m in constant_ranges.readers(constant)}
        assert holders <= patched, constant.name
        assert len(patched) >= 2 or constant.name == "TOKEN_DISTANCE", constant.name
        other = type(value)(constant.extreme)
        with constant_ranges.patched(constant, constant.extreme):
            assert all(getattr(sys.modules[n], constant.name) == other for n in patched)
        assert all(getattr(sys.modules[n], constant.name) is value for n in patched)


def test_the_pages_read_once_give_clean_and_clean_html_and_a_value_takes_effect(
    bench_root: Path,
) -> None:
    pages = constant_ranges.bench_sets.load(bench_root, "dev", every=8)
    read = {"dev": [constant_ranges.ReadPage(p) for p in pages]}
    base = Cleaner()
    for p in read["dev"]:
        p.read(base)
    assert constant_ranges.check(read, base, {"dev": pages}) == 0
    shipped = {path: constant_ranges.outputs(read, base, path) for path in constant_ranges.PATHS}
    by_name = {c.name: c for c in constant_ranges.CONSTANTS}
    # a constant of the passes, of a line's facts, of the markup facts: each extreme value
    # changes some output, and the shipped value gives the shipped output again
    for name, path in (
        ("LOGIT_FLOOR", "text"),
        ("RULE_CHARS", "text"),
        ("TOKEN_DISTANCE", "markup"),
    ):
        figures = constant_ranges.sweep(
            by_name[name]._replace(grid=(constant_ranges.shipped(by_name[name]),)), read, base
        )
        assert figures["extreme"]["changed"] > 0, name
        assert constant_ranges.outputs(read, base, path) == shipped[path], name


def test_the_command_prints_a_range(bench_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert constant_ranges.main([str(bench_root), "--sets", "dev", "--every", "40",
                                 "--constants", "LISTED"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "LISTED (shipped 3)" in out
    assert "range: from " in out
    with pytest.raises(SystemExit):
        constant_ranges.main([str(bench_root), "--constants", "NO_SUCH"])
