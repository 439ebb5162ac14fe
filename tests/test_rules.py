"""The rule table (`karabakh_corpus.rules`, data in `karabakh_corpus.cleaner.lexicon`): every
example of every rule is a test, every trigger of a rule is needed by one of its examples, and
the table is built and compiled on first use, not at import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from conftest import ARTICLE, page_with

import karabakh_corpus as kc
from karabakh_corpus import _textmap
from karabakh_corpus.rules import GENERIC_RULES, PROFILES, Rule
from karabakh_corpus.schema import Category


def _examples(kind: str) -> list[tuple[str | None, str, str]]:
    rules = [(None, r) for r in GENERIC_RULES]
    rules += [(name, r) for name, rs in PROFILES.items() for r in rs]
    return [(profile, r.name, ex) for profile, r in rules for ex in getattr(r, kind)]


_FIRST_USE = """
import sys
import regex
compiled = []
real = regex.compile
regex.compile = lambda pattern, *args, **kwargs: compiled.append(pattern) or real(
    pattern, *args, **kwargs
)
import karabakh_corpus.clean as c
table = "karabakh_corpus.cleaner.lexicon.table"
print(table in sys.modules, len(compiled))
c.clean("Home")
print(table in sys.modules, len(compiled))
"""


def test_the_rule_table_is_built_and_compiled_on_first_use_not_at_import() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _FIRST_USE], capture_output=True, text=True, check=True
    )
    at_import, first_use = run.stdout.split("\n")[:2]
    assert at_import == "False 0"
    built, compiled = first_use.split()
    assert built == "True"
    assert int(compiled) == len(GENERIC_RULES)


def test_every_rule_has_examples() -> None:
    for rule in (*GENERIC_RULES, *(r for rs in PROFILES.values() for r in rs)):
        assert rule.examples_drop, rule.name
        assert rule.examples_keep, rule.name


@pytest.mark.parametrize(("profile", "rule", "line"), _examples("examples_drop"))
def test_rule_drops_its_examples(profile: str | None, rule: str, line: str) -> None:
    result = kc.clean(page_with(line), profile=profile)
    assert result.paragraphs == tuple(ARTICLE)
    removed = [r for r in result.stripped if _textmap.normalize(r.text) == _textmap.normalize(line)]
    assert removed, f"{line!r} was not removed"


@pytest.mark.parametrize(("profile", "rule", "line"), _examples("examples_drop"))
def test_rule_names_itself_when_it_drops(profile: str | None, rule: str, line: str) -> None:
    every = (*GENERIC_RULES, *(r for rs in PROFILES.values() for r in rs))
    cleaner = kc.Cleaner(rules=[r for r in every if r.name == rule])
    result = cleaner.clean(page_with(line))
    [region] = [r for r in result.regions if _textmap.normalize(r.text) == _textmap.normalize(line)]
    assert region.rule == rule or region.rule.endswith(rule)


@pytest.mark.parametrize(("profile", "rule", "line"), _examples("examples_keep"))
def test_rule_keeps_its_examples(profile: str | None, rule: str, line: str) -> None:
    result = kc.clean(page_with(line), profile=profile)
    assert result.paragraphs == (*ARTICLE[:2], _textmap.normalize(line), *ARTICLE[2:])


def test_a_profile_adds_to_the_generic_rules() -> None:
    appeal = "From bombs to ballots, The Independent is on the ground when the story breaks."
    assert appeal in kc.clean(page_with(appeal)).paragraphs
    result = kc.clean(page_with(appeal), profile="independent")
    assert appeal not in result.paragraphs
    [region] = [r for r in result.stripped if r.text == appeal]
    assert (region.category, region.rule) == (Category.DONATION_APPEAL, "independent-appeal")


EVERY_RULE = (*GENERIC_RULES, *(r for rs in PROFILES.values() for r in rs))
NEVER = "zzqxnevertrigger"  # a word no example holds


def _decided_by(rule: Rule, line: str) -> bool:
    """Whether `rule`, alone in a cleaner, is what removes `line` from the test page."""
    result = kc.Cleaner(rules=[rule]).clean(page_with(line))
    target = _textmap.normalize(line)
    [region] = [r for r in result.regions if _textmap.normalize(r.text) == target]
    return region.stored_rule == rule.name or region.stored_rule.endswith(rule.name)


def _without_examples() -> frozenset[tuple[str, str]]:
    """The (rule, trigger) pairs listed in tests/data/triggers_without_examples.tsv."""
    path = Path(__file__).parent / "data" / "triggers_without_examples.tsv"
    lines = path.read_text("utf-8").splitlines()
    pairs = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return frozenset((rule, trigger) for rule, trigger in pairs)


WITHOUT_EXAMPLES = _without_examples()


@pytest.mark.parametrize(
    ("rule", "trigger"),
    [(rule, trigger) for rule in EVERY_RULE for trigger in sorted(rule.triggers)],
    ids=lambda value: value.name if isinstance(value, Rule) else str(value),
)
def test_every_trigger_is_needed_by_an_example(rule: Rule, trigger: str) -> None:
    """Without `trigger` (the rule still indexed by a word no line holds), some example the
    rule drops is no longer dropped by it: no trigger is there without an example.

    The triggers still waiting for their example are listed in
    tests/data/triggers_without_examples.tsv; the list is kept exact both ways, so a new
    trigger needs its example and an added example takes its line off the list.
    """
    without = attrs.evolve(rule, triggers=(rule.triggers - {trigger}) | {NEVER})
    lost = [line for line in rule.examples_drop if not _decided_by(without, line)]
    if (rule.name, trigger) in WITHOUT_EXAMPLES:
        assert not lost, f"{rule.name}\t{trigger} has an example now: take it off the list"
    else:
        assert lost, f"rule {rule.name!r}: no example needs the trigger {trigger!r}"


def test_the_list_of_triggers_without_examples_names_real_triggers() -> None:
    known = {(rule.name, trigger) for rule in EVERY_RULE for trigger in rule.triggers}
    assert sorted(WITHOUT_EXAMPLES - known) == []
    assert not any(rule == "ad-label" for rule, _ in WITHOUT_EXAMPLES)  # werbung & co. done


def test_the_trigger_check_can_fail() -> None:
    rule = Rule(
        name="demo",
        category=Category.ADVERTISEMENT,
        pattern=r"(?:advert|anzeige)",
        triggers=("advert", "anzeige"),
        examples_drop=("advert",),
        examples_keep=("The talks went on.",),
    )
    without = attrs.evolve(rule, triggers=frozenset({"advert", NEVER}))
    assert all(_decided_by(without, line) for line in rule.examples_drop)  # anzeige is unused
    assert not _decided_by(attrs.evolve(rule, triggers=frozenset({NEVER})), "advert")
