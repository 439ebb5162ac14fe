"""Per-line features (`karabakh_corpus._features`): each value under its own name."""

from __future__ import annotations

import math

import pytest

from karabakh_corpus import _features


def test_line_and_page_features_split_the_feature_names() -> None:
    assert set(_features.LINE_FEATURES) | set(_features.PAGE_FEATURES) == set(
        _features.FEATURE_NAMES
    )
    assert not set(_features.LINE_FEATURES) & set(_features.PAGE_FEATURES)
    assert "repeated" in _features.PAGE_FEATURES


def test_describe_gives_each_line_feature_under_its_name() -> None:
    """Worked by hand: 15 characters, 3 words, 2 of 3 words capitalized, one comma."""
    row, words, tokens = _features.describe("Talks, in Baku.")
    assert len(row) == len(_features.LINE_FEATURES)
    named = dict(zip(_features.LINE_FEATURES, row, strict=True))
    assert named == pytest.approx(
        {
            "length": math.log1p(15),
            "words": math.log1p(3),
            "sentence_end": 1.0,
            "capitalized": 2 / 3,
            "digits": 0.0,
            "commas": 1 / 3,
            "link": 0.0,
            "separators": 0.0,
            "short": 1.0,
            "lower_start": 0.0,
        }
    )
    assert (words, tokens) == (3, ["talks", "in", "baku"])
    row, _, _ = _features.describe("see www.example.com | 2024 | more")
    named = dict(zip(_features.LINE_FEATURES, row, strict=True))
    assert named["link"] == 1.0 and named["lower_start"] == 1.0 and named["separators"] > 0
