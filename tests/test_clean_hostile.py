"""The cleaner under hostile input: lone surrogates and patterns built to make it backtrack."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus import _textmap
from karabakh_corpus.cleaner import features as _features
from karabakh_corpus.rules import GENERIC_RULES, PROFILES

# -- lone surrogates -------------------------------------------------------------------------

SURROGATES = ("\ud800", "\udfff", "\ud83d", "\ude00")


def test_a_lone_surrogate_is_kept_as_a_character() -> None:
    text = "Talks \ud800 resumed in Brussels on Friday, officials from both sides said."
    result = kc.clean(text)
    assert result.text == text
    assert result.to_input(text.index("\ud800")) == 6
    for region in result.regions:
        assert text[region.start : region.end] == region.text


def test_a_truncated_emoji_in_a_page() -> None:
    page = (
        "Home\nPeace talks resume \ud83d\n"
        "Talks between Armenia and Azerbaijan resumed on Friday \ud83d, officials said, "
        "after a pause of several weeks in which both sides accused each other.\n"
        "Share \udc00 this article\n"
    )
    result = kc.clean(page)
    assert "\ud83d" in result.text
    assert all(page[r.start : r.end] == r.text for r in result.regions)


# Built from a list of characters: st.text() leaves surrogates out whatever its alphabet.
_WITH_SURROGATES = st.lists(
    st.one_of(
        st.characters(exclude_categories=()),  # every code point, surrogates included
        st.sampled_from(SURROGATES),
        st.sampled_from(" \n\u00a0"),
    ),
    max_size=300,
).map("".join)
_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "Talks between Armenia and Azerbaijan resumed on Friday, officials said.",
                "By Jane Doe",
                "Share",
                "Advertisement",
                "2 March 2022 10:15 GMT",
            ]
        ),
        _WITH_SURROGATES,
    ),
    max_size=20,
)


@given(st.one_of(_WITH_SURROGATES, _LINES.map("\n".join)))
def test_guarantees_hold_with_lone_surrogates(text: str) -> None:
    result = kc.clean(text)  # never raises on a str
    out = result.text
    for j, ch in enumerate(out):
        i = result.to_input(j)
        assert ch == text[i] or (ch.isspace() and text[i].isspace()), (j, i)
    assert [(r.start, r.end) for r in result.regions] == list(_textmap.iter_lines(text))
    for region in result.regions:
        assert text[region.start : region.end] == region.text
    assert kc.clean(out).text == out


# -- no super-linear pattern ---------------------------------------------------------------
#
# Every pattern of the rule table (generic rules and site profiles) and every compiled pattern
# of the per-line features and of the line splitter is run on adversarial strings built for
# it: a prefix that gets the pattern going (a literal of the pattern, or the start of one of
# the rule's examples), then a long run of something the pattern repeats (a character of its
# classes, a literal word, a word of an example), then a tail that makes it fail. Each string
# is screened at two sizes; a string whose time grows faster than linearly is measured again
# with care, and the test fails if doubling its input more than triples its time. The strings
# are derived from the table, so a new rule or feature pattern is covered without a change here.

_TAILS = ("\x00", " \x00 \x00")
# A representative character for each escape and class shorthand a pattern repeats.
_SHORTHANDS = {
    r"\S": "a",
    r"\s": " ",
    r"\w": "a",
    r"\W": "!",
    r"\d": "1",
    r"\D": "a",
    r"\b": "",
    r"\p{Lu}": "A",
    r"\p{L}": "a",
    ".": "a",
}
_CLASS = regex.compile(r"\[(\^?)((?:\\.|[^\]\\])+)\]")
_ESCAPE = regex.compile(r"\\p\{\w+\}|\\.")
_META = regex.compile(r"\(\?[^:)]*[:)]|[()|?*+{}\[\]^$\\]|\\[pP]\{\w+\}")


def _literals(pattern: str) -> list[str]:
    """The literal words and phrases of `pattern` (what lies between its operators)."""
    bare = _CLASS.sub("|", pattern)
    bare = _ESCAPE.sub("|", bare)
    bare = regex.sub(r"\{\d*,?\d*\}|\(\?[^:)]*[:)]", "|", bare)
    pieces = regex.split(r"[()|?*+{}\[\]^$.]", bare)
    return sorted({p.strip() for p in pieces if regex.search(r"[^\W\d_]", p)})


def _characters(pattern: str) -> list[str]:
    """One character for each thing `pattern` can repeat: shorthands and class members."""
    chars = {rep for code, rep in _SHORTHANDS.items() if code in pattern and rep}
    for negated, body in _CLASS.findall(pattern):
        if negated:
            chars.add("a")
            continue
        body = _ESCAPE.sub(lambda m: _SHORTHANDS.get(m.group(), m.group()[1:]), body)
        chars.update(c for c in body if c not in "-^")
        if "-" in body:
            chars.add("-")
    bare = _ESCAPE.sub("", _CLASS.sub("", pattern))
    chars.update(c for c in bare if not c.isalnum() and c not in "()|?*+{}[]^$.\\")
    chars.update({"a", "A", " ", "-", "."})
    return sorted(chars)


def _probes(pattern: str, examples: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(prefix, unit, tail) triples: the string for size n is prefix + unit * n + tail."""
    literals = _literals(pattern)
    chars = _characters(pattern)
    probes: set[tuple[str, str, str]] = set()
    for tail in _TAILS:
        for prefix in ["", *(lit + " " for lit in literals)]:
            for unit in chars:
                probes.add((prefix, unit, tail))
        for lit in literals:
            probes.add(("", lit + " ", tail))
            probes.add(("", lit, tail))
        for example in examples:
            for match in regex.finditer(r"\S+", example):
                prefix, token = example[: match.start()], match.group()
                probes.add((prefix, token + " ", tail))
                for unit in {token[0], token[-1], *(c for c in token if not c.isalnum())}:
                    probes.add((prefix, unit, tail))
    return sorted(probes)


def _patterns() -> list[tuple[str, Any, bool, tuple[str, ...]]]:
    """(name, compiled pattern, whole-line match, examples) for everything the cleaner runs."""
    found: list[tuple[str, Any, bool, tuple[str, ...]]] = []
    rules = list(GENERIC_RULES) + [r for rules in PROFILES.values() for r in rules]
    for rule in rules:
        examples = rule.examples_drop + rule.examples_keep
        found.append((f"rule {rule.name}", rule.compile(), rule.whole, examples))
    for module in (_features, _textmap):
        for name, value in sorted(vars(module).items()):
            if isinstance(value, (re.Pattern, regex.Pattern)):
                found.append((f"{module.__name__}.{name}", value, False, ()))
    return found


def _cpu(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


_TIMEOUT = 2.0  # seconds of one match: far beyond any linear pattern on these sizes


def _runner(pattern: Any, whole: bool, text: str) -> Callable[[], object]:
    method = pattern.fullmatch if whole else pattern.search
    if isinstance(pattern, regex.Pattern):
        return lambda: method(text, timeout=_TIMEOUT)
    return lambda: method(text)


def _growth(pattern: Any, whole: bool, probe: tuple[str, str, str]) -> float:
    """Time of the probe at 2n over its time at n, with n large enough to measure."""
    prefix, unit, tail = probe
    n = max(1, 2000 // len(unit))
    while True:
        small = _cpu(_runner(pattern, whole, prefix + unit * n + tail), 5)
        if small >= 0.004 or n * len(unit) >= 256_000:
            break
        n *= 2
    large = _cpu(_runner(pattern, whole, prefix + unit * (2 * n) + tail), 5)
    return large / max(small, 1e-4)


def _first_slow_probe(pattern: Any, whole: bool, examples: tuple[str, ...]) -> str | None:
    """The first probe on which doubling the input more than triples the time, or None."""
    for probe in _probes(pattern.pattern, examples):
        prefix, unit, tail = probe
        try:
            # Screening: one size and four times it, cheap enough for every probe.
            short = prefix + unit * max(1, 100 // len(unit)) + tail
            long_ = prefix + unit * max(4, 400 // len(unit)) + tail
            t1 = _cpu(_runner(pattern, whole, short), 2)
            t2 = _cpu(_runner(pattern, whole, long_), 2)
            if t2 < 2e-4 or t2 < 8 * t1:
                continue
            ratio = min(_growth(pattern, whole, probe) for _ in range(2))
        except TimeoutError:
            ratio = float("inf")
        if ratio > 3.0:
            return f"{prefix!r} + {unit!r} * n + {tail!r}: x{ratio:.1f}"
    return None


def test_every_pattern_is_linear_on_adversarial_strings() -> None:
    slow = [
        f"{name}: {found}"
        for name, pattern, whole, examples in _patterns()
        if (found := _first_slow_probe(pattern, whole, examples)) is not None
    ]
    assert not slow, "super-linear patterns:\n" + "\n".join(slow)


def test_the_probes_find_a_quadratic_pattern() -> None:
    """The check itself: the e-mail pattern of 1.1.0's link feature is condemned."""
    quadratic = regex.compile(r"https?://|\S@\S+\.\w")
    assert _first_slow_probe(quadratic, False, ()) is not None
    assert _first_slow_probe(_features._LINK, False, ()) is None


_BYLINE = next(rule for rule in GENERIC_RULES if rule.name == "byline")


@pytest.mark.parametrize(
    ("pattern", "whole", "probe"),
    [
        (_BYLINE.compile(), True, ("By ", "A", "!")),  # about n^3.8 in 1.1.0
        (_BYLINE.compile(), True, ("By Jane ", "AeB", "!")),  # a connector inside each word
        (_BYLINE.compile(), True, ("By ", "AND AND B ", "!")),  # connector words in a row
        (_features._LINK, False, ("", "a@", "")),  # quadratic in 1.1.0
    ],
    ids=["byline-capitals", "byline-inner-connectors", "byline-connector-words", "link"],
)
def test_known_slow_strings_are_linear(
    pattern: Any, whole: bool, probe: tuple[str, str, str]
) -> None:
    try:
        ratio = min(_growth(pattern, whole, probe) for _ in range(2))
    except TimeoutError:
        ratio = float("inf")
    assert ratio <= 3.0, ratio


def test_an_address_shaped_line_costs_linear_time_in_the_cleaner() -> None:
    def cost(n: int) -> float:
        return _cpu(lambda: kc.clean("a@" * n), 3)

    small, large = cost(8000), cost(16000)
    assert large / max(small, 1e-3) <= 3.0, (small, large)
