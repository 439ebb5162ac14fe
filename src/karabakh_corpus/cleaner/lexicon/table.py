"""The rule tables the cleaner matches lines against: the generic table and the site profiles.

`GENERIC_RULES` is every page's table: the rules of `appeals`, then `comments`, then
`furniture`. A line is removed by the first rule that matches it, so the order is part of
the table.
`PROFILES` holds, by name, the extra rules of one outlet, tried before the generic ones when
the caller names the profile (``Cleaner(profile="independent")``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from karabakh_corpus.cleaner.lexicon import appeals, comments, furniture
from karabakh_corpus.cleaner.rules import Rule
from karabakh_corpus.schema import Category

__all__ = ["GENERIC_RULES", "PROFILES"]

GENERIC_RULES: tuple[Rule, ...] = (*appeals.RULES, *comments.RULES, *furniture.RULES)
"""The generic lexicon, applied to every page."""

PROFILES: Mapping[str, tuple[Rule, ...]] = MappingProxyType(
    {
        "independent": (
            Rule(
                "independent-appeal",
                Category.DONATION_APPEAL,
                r"(?:from .{0,80}, )?the independent is "
                r"(?:on the ground|trusted by|committed to)\b.*",
                max_words=120,
                barrier=True,
                triggers=["independent"],
                examples_drop=(
                    "From reproductive rights to climate change to Big Tech, The Independent is on "
                    "the ground when the story is developing.",
                    "The Independent is trusted by Americans across the entire political spectrum.",
                ),
                examples_keep=(
                    "The Independent reported on Thursday that the two leaders would meet in "
                    "Brussels next week.",
                ),
            ),
            Rule(
                "independent-notifications",
                Category.NEWSLETTER_PROMPT,
                r"stay up to date with notifications from the independent|notifications can be "
                r"managed in browser preferences\.?",
                triggers=["notifications"],
                examples_drop=("Stay up to date with notifications from The Independent",),
                examples_keep=(
                    "Officials said notifications of troop movements had been sent to both sides.",
                ),
            ),
        ),
    }
)
"""Site profiles: extra rules for one outlet, by profile name, tried before the generic ones."""
