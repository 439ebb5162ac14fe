"""A region says which rule matched its line and, apart, the reason for its category.

The cleaner gives, and the data files store, one string for both (`Region.stored_rule`);
`split_rule` and `join_rule` turn one into the other, so the stored records, their hashes
and the cleaner's digests are those of 1.7.
"""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus.corpus import convert
from karabakh_corpus.schema import REASON_MEANINGS, Category, Region, join_rule, split_rule

RULE_REASONS = ("rule", "after-heading", "between-block")


@pytest.mark.parametrize(
    ("stored", "rule", "reason"),
    [
        ("ad-label", "ad-label", "rule"),
        ("after-related-heading", "related-heading", "after-heading"),
        ("between-donation-ask", "donation-ask", "between-block"),
        ("body-text", None, "body-text"),
        ("outside-body", None, "outside-body"),
        ("caption-pair", None, "caption-pair"),
        ("dateline-shape", None, "dateline-shape"),
        ("no-words", None, "no-words"),
        ("headline", None, "headline"),
        ("standfirst-before-metadata", None, "standfirst-before-metadata"),
        ("curated", None, "curated"),
        ("after-", "after-", "rule"),  # no rule after the prefix: a rule's own name
    ],
)
def test_a_stored_rule_string_is_a_rule_and_a_reason(
    stored: str, rule: str | None, reason: str
) -> None:
    assert split_rule(stored) == (rule, reason)
    assert join_rule(rule, reason) == stored
    region = Region(0, 4, "Home", category=Category.NAVIGATION, rule=stored)
    assert (region.rule, region.reason, region.stored_rule) == (rule, reason, stored)
    assert Region(0, 4, "Home", category="navigation", rule=rule, reason=reason) == region


@given(st.text(min_size=1))
def test_every_stored_string_reads_back_as_itself(stored: str) -> None:
    rule, reason = split_rule(stored)
    assert reason in REASON_MEANINGS
    assert (rule is None) == (reason not in RULE_REASONS)
    assert join_rule(rule, reason) == stored


@pytest.mark.parametrize(
    ("rule", "reason", "message"),
    [
        (None, "rule", "needs the name of its rule"),
        ("navigation", "body-text", "has no rule"),
        ("navigation", "a guess", "reason must be one of"),
        (None, None, "a rule, a reason, or both"),
        ("", None, "non-empty"),
    ],
)
def test_a_region_with_a_reason_that_does_not_fit_is_refused(
    rule: str | None, reason: str | None, message: str
) -> None:
    with pytest.raises(kc.DataFormatError, match=message):
        Region(0, 4, "Home", category="navigation", rule=rule, reason=reason)


def test_every_reason_is_documented_and_every_shipped_region_has_one() -> None:
    assert all(len(meaning) > 20 for meaning in REASON_MEANINGS.values())
    seen = set()
    for doc in kc.load():
        for region in doc.regions:
            assert region.reason in REASON_MEANINGS
            assert (region.rule is None) == (region.reason not in RULE_REASONS)
            seen.add(region.reason)
    # the shipped data has rules, blocks after headings and between blocks, and structure
    assert {"rule", "after-heading", "between-block", "body-text", "headline"} <= seen


def test_the_stored_region_record_is_the_one_string() -> None:
    doc = kc.load()[0]
    region = next(r for r in doc.regions if r.reason == "between-block")
    record = convert.converter.unstructure(region)
    assert record == {
        "start": region.start,
        "end": region.end,
        "text": region.text,
        "category": region.category.value,
        "rule": region.stored_rule,
    }
    assert record["rule"].startswith("between-")
    assert convert.converter.structure(json.loads(json.dumps(record)), Region) == region
    with pytest.raises(kc.DataFormatError, match=r"unknown fields \['reason'\]"):
        convert.structure_document(
            {**convert.unstructure_document(doc), "article": [{**record, "reason": "rule"}]},
            doc.raw,
            where="doc",
        )
    assert [f.name for f in convert.stored_fields(Region)] == list(record)


def test_the_cleaner_gives_rules_and_reasons() -> None:
    page = (
        "Home\nTalks resume in Brussels\n"
        "The leaders of Armenia and Azerbaijan met in Brussels on Sunday for talks "
        "hosted by the president of the European Council, officials said.\n"
        "Share this article"
    )
    result = kc.clean(page)
    decided = [(r.text[:12], r.rule, r.reason) for r in result.regions]
    assert decided[0] == ("Home", "navigation", "rule")
    assert decided[2][1:] == (None, "body-text")
    assert all(r.reason in REASON_MEANINGS for r in result.regions)
    assert attrs.evolve(result.regions[0], rule="another-rule").stored_rule == "another-rule"
