"""A floor under the cleaner's score on the development pages: a regression fails CI."""

from __future__ import annotations

from pathlib import Path

from karabakh_corpus import Cleaner
from karabakh_corpus._evaluate import PageScore, score_page, score_pages

# Measured 0.939 F1 and 0.83 of pages at F1 >= 0.9 (README, "Measured on real pages").
MIN_F1 = 0.935
MIN_SHARE = 0.80


def test_score_of_the_cleaner_on_the_development_pages(bench_dir: Path) -> None:
    cleaner = Cleaner()
    pairs = []
    for page in sorted((bench_dir / "text").glob("*.txt")):
        gold = (bench_dir / "gold" / page.name).read_text("utf-8")
        pairs.append((cleaner.clean(page.read_text("utf-8")).text, gold))
    assert len(pairs) == 83
    score = score_pages(pairs)
    assert score.f1 >= MIN_F1, score
    assert score.share_f1_090 >= MIN_SHARE, score


def test_the_score_is_the_benchmarks() -> None:
    """Worked by hand: shingles are word 4-grams; surplus on either side costs."""
    gold = "one two three four five"  # 4-grams: (1234) (2345)
    assert score_page(gold, gold) == PageScore(2, 0, 0)
    assert score_page("one two three four", gold) == PageScore(1, 0, 1)
    assert score_page("zero one two three four five", gold) == PageScore(2, 1, 0)
    assert score_page("", gold) == PageScore(0, 0, 2)
    assert score_page("a b", "a b") == PageScore(1, 0, 0)  # fewer than four tokens
    both_empty = score_pages([("", "")])
    assert (both_empty.precision, both_empty.recall) == (1.0, 1.0)
    half = score_pages([("one two three four", gold)])
    assert half.precision == 1.0 and half.recall == 0.5
    assert abs(half.f1 - 2 / 3) < 1e-12 and half.share_f1_090 == 0.0
