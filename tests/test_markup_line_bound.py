"""benchmarks/markup_line_bound.py shifts the line model on the markup path only, and scores
the pages as the fits score them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from karabakh_corpus import Cleaner

pytest.importorskip("html_text", reason='needs the test extra: pip install ".[test]"')

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import markup_line_bound


def test_a_shift_moves_the_markup_path_and_no_shift_leaves_it(bench_root: Path) -> None:
    fit_markup = markup_line_bound.fit_markup
    markup = json.loads(fit_markup.MODEL.read_text("utf-8"))["markup"]
    pages = fit_markup.load_html_sets(bench_root, ["dev"], Cleaner())["dev"][::8]
    for page in pages:
        page.set_vocabulary(
            frozenset(markup["article_tokens"]), frozenset(markup["furniture_tokens"])
        )
    fit_markup._reweigh(markup, {"dev": pages})
    thresholds = fit_markup._cleaner(markup).thresholds
    shipped = fit_markup.score_html(markup, pages).f1  # as html_bench scores clean_html
    bound = markup_line_bound.Bound({"dev": pages})
    mean, found = bound.score(thresholds)
    assert found == {"dev": mean} and mean == pytest.approx(shipped, abs=0.02)
    bound.shift([0.0] * len(markup_line_bound.LINE_FEATURES), -30.0)
    assert bound.score(thresholds)[0] < mean / 2  # every line far less likely text
    bound.shift([0.0] * len(markup_line_bound.LINE_FEATURES), 0.0)
    assert bound.score(thresholds)[0] == mean  # the shift is undone, not added up


def test_the_options_are_checked() -> None:
    with pytest.raises(SystemExit):
        markup_line_bound.main(["--rounds", "0"])
