"""What the package shares with the whole process cannot be changed by a caller."""

from __future__ import annotations

import importlib
import math
import pickle
import pkgutil
import sys
from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import Any

import pytest

import karabakh_corpus as kc
from karabakh_corpus import Layer
from karabakh_corpus.export import FORMATS
from karabakh_corpus.rules import PROFILES, Rule
from karabakh_corpus.schema import CATEGORY_MEANINGS, LAYER_LABELS

OLD_HOMES = ("records", "frames", "croissant", "engines", "release")
"""The modules of 1.7.0 that moved in 1.8.0: deprecated aliases of their new homes."""


def _modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(kc.__path__, prefix="karabakh_corpus."):
        if (
            info.name.rsplit(".", 1)[1] != "__main__"
            and info.name.removeprefix("karabakh_corpus.") not in OLD_HOMES
        ):
            yield importlib.import_module(info.name)


@pytest.mark.parametrize("name", OLD_HOMES)
def test_every_old_home_warns_and_names_the_new_one(name: str) -> None:
    sys.modules.pop(f"karabakh_corpus.{name}", None)
    with pytest.warns(
        DeprecationWarning, match=rf"karabakh_corpus\.{name} moved to (\S+) in 1\.8\.0"
    ):
        old = importlib.import_module(f"karabakh_corpus.{name}")
    assert old.__all__
    for public in old.__all__:
        assert getattr(old, public) is not None


def _mutable_parts(value: Any, path: str) -> Iterator[str]:
    """Paths of the dicts, lists, sets and bytearrays inside `value` (read-only ones aside)."""
    if isinstance(value, (dict, list, set, bytearray)):
        yield f"{path} is a {type(value).__name__}"
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _mutable_parts(item, f"{path}[{key!r}]")
    elif isinstance(value, (tuple, frozenset)):
        for k, item in enumerate(value):
            yield from _mutable_parts(item, f"{path}[{k}]")


CACHES = frozenset(
    {"karabakh_corpus.corpus.loader._cache", "karabakh_corpus.annotations._REGISTRY"}
)
"""Private state, not tables a caller could edit: the loader's caches, filled under a lock,
and the layer registry, changed only by `register_layer` and `unregister_layer` (callers
read it through the read-only `ANNOTATION_TYPES`)."""


def test_no_module_holds_a_mutable_table() -> None:
    """Every module-level vocabulary, table and default is read-only, all the way down."""
    found = [
        part
        for module in _modules()
        for name, value in vars(module).items()
        if not name.startswith("__") and f"{module.__name__}.{name}" not in CACHES
        for part in _mutable_parts(value, f"{module.__name__}.{name}")
    ]
    assert not found, found


def test_layer_labels_cannot_be_changed() -> None:
    labels = Layer.ENTITY.labels
    with pytest.raises(AttributeError):
        labels.pop("person")  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        labels["person"] = "someone"  # type: ignore[index]
    with pytest.raises(TypeError):
        del LAYER_LABELS[Layer.ENTITY]  # type: ignore[attr-defined]
    assert "person" in Layer.ENTITY.labels
    doc = next(iter(kc.load()))
    assert doc.spans("entity", "person")


@pytest.mark.parametrize(
    "table",
    [CATEGORY_MEANINGS, PROFILES, FORMATS, kc.Thresholds().weights],
    ids=["categories", "profiles", "export-formats", "default-weights"],
)
def test_tables_refuse_changes(table: Any) -> None:
    key = next(iter(table))
    with pytest.raises(TypeError):
        table[key] = table[key]
    with pytest.raises(TypeError):
        table["new"] = table[key]
    with pytest.raises(AttributeError):
        table.clear()


def test_weights_are_a_copy_made_at_construction() -> None:
    weights = dict(kc.Thresholds().weights)
    thresholds = kc.Thresholds(weights=weights)
    weights["words"] = 9.0
    assert thresholds.weights["words"] == kc.Thresholds().weights["words"] != 9.0
    with pytest.raises(TypeError):
        thresholds.weights["words"] = 9.0  # type: ignore[index]
    assert pickle.loads(pickle.dumps(thresholds)) == thresholds


@pytest.mark.parametrize("bad", [math.nan, math.inf, "0.5", None, True])
def test_weights_must_be_finite_numbers(bad: object) -> None:
    with pytest.raises(ValueError, match="words"):
        kc.Thresholds(weights={"words": bad})  # type: ignore[dict-item]


def test_weights_must_be_a_mapping() -> None:
    with pytest.raises(TypeError, match="mapping"):
        kc.Thresholds(weights=[("words", 1.0)])  # type: ignore[arg-type]


def test_a_cleaner_cannot_be_changed_after_it_is_built() -> None:
    cleaner = kc.Cleaner(profile="independent")
    for name, value in [("rules", ()), ("thresholds", kc.Thresholds(bias=5.0)), ("profile", None)]:
        with pytest.raises(AttributeError, match="immutable"):
            setattr(cleaner, name, value)
    with pytest.raises(AttributeError, match="immutable"):
        del cleaner.rules
    assert cleaner.profile == "independent"


_TEXTS = [
    "Talks resumed\nArmenia and Azerbaijan resumed talks on Friday, officials said, after "
    "weeks of accusations on both sides.\nShare this\nA second paragraph, with commas, "
    "names and a date: 2 March 2022.\nRelated\nMore news",
] * 8


@pytest.mark.slow
def test_one_and_two_processes_agree_whatever_the_caller_tries() -> None:
    thresholds = kc.Thresholds()
    cleaner = kc.Cleaner(thresholds=thresholds)
    with pytest.raises(TypeError):
        thresholds.weights["sentence_end"] = -50.0  # type: ignore[index]
    one = [c.text for c in kc.clean_many(_TEXTS, cleaner=cleaner, processes=1)]
    two = [c.text for c in kc.clean_many(_TEXTS, cleaner=cleaner, processes=2, chunksize=2)]
    assert one == two
    assert "Armenia and Azerbaijan resumed talks" in one[0]


def test_a_rule_keeps_its_examples_as_tuples() -> None:
    drop, keep = ["Promo"], ["Promotion of the envoy was announced on Friday."]
    rule = Rule("promo", kc.Category.ADVERTISEMENT, "promo", examples_drop=drop, examples_keep=keep)
    drop.append("changed")
    assert rule.examples_drop == ("Promo",) and isinstance(rule.examples_keep, tuple)
    with pytest.raises(TypeError, match="collection of lines"):
        Rule("promo", kc.Category.ADVERTISEMENT, "promo", examples_drop="Promo")
