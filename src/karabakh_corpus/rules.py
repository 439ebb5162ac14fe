"""The boilerplate rules, public: the `Rule` type, the generic lexicon and the site profiles.

A `Rule` names a pattern, the category it strips text as, and lines it must remove
(`Rule.examples_drop`) and leave alone (`Rule.examples_keep`). `GENERIC_RULES` is the table
every page is matched against, `PROFILES` the extra rules of one outlet by name. Extend the
table with your own rule and give it to a `karabakh_corpus.Cleaner`::

    Cleaner(rules=GENERIC_RULES + (my_rule,))

The table is data (`karabakh_corpus.cleaner.lexicon`); `Rule` and `RuleIndex`, the matcher
a `Cleaner` builds from a table (compiling its patterns), are its code.
"""

from __future__ import annotations

from karabakh_corpus.cleaner.lexicon.table import GENERIC_RULES, PROFILES
from karabakh_corpus.cleaner.rules import Rule, RuleIndex

__all__ = ["GENERIC_RULES", "PROFILES", "Rule", "RuleIndex"]
