"""The boilerplate rules as code: a rule's type (`Rule`) and the matcher of a table (`RuleIndex`).

The tables themselves are data, in `karabakh_corpus.cleaner.lexicon` (the generic table
`GENERIC_RULES` and the site profiles `PROFILES`, public in `karabakh_corpus.rules`).

A line (whitespace-normalized) is removed by the first rule of the table that matches it: a
rule matches when its pattern does and the line has at most `max_words` words. ``whole``
rules must match the entire line; the others may match anywhere in it. A ``heading`` rule
also opens a block: the short lines after it take its category until a line of running text
ends the block. A ``barrier`` rule marks furniture that closes an article (comment forms,
related lists, footers): the body does not run across such a line unless much more text lies
beyond it. Patterns use the syntax of the `regex` module and are matched case-insensitively.

A rule can name `triggers`: lower-case words (or characters that are not word characters,
such as "©") of which a line must hold at least one for the rule to be tried at all, so
that most lines are never matched against most patterns. List every word without which
the pattern cannot match; a rule without triggers is tried on every line short enough.

Every rule carries lines it must remove (`examples_drop`) and lines it must leave alone
(`examples_keep`); the test suite runs each of them through the cleaner.

A pattern must take time linear in the line whatever the line holds: where a repeated part
could give back what the next part takes, make it possessive (``*+``, ``++``) or atomic
(``(?>...)``). The test suite times every pattern of the table on adversarial strings built
from it (long runs of what it repeats, then a character that makes it fail).

Site profiles are extra rules for one outlet, applied on top of the generic ones only when
the caller names the profile. A table's patterns are compiled when a `RuleIndex` is built
(by a `Cleaner`), not when a rule is made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs
import regex

from karabakh_corpus.schema import Category

__all__ = ["Rule", "RuleIndex"]


def _nonempty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value:
        raise ValueError(f"rule {attribute.name} must be a non-empty str, not {value!r}")


def _words(words: Iterable[str]) -> frozenset[str]:
    if isinstance(words, str):
        raise TypeError("triggers must be a collection of words, not one str")
    return frozenset(words)


def _lines(lines: Iterable[str]) -> tuple[str, ...]:
    if isinstance(lines, str):
        raise TypeError("examples must be a collection of lines, not one str")
    return tuple(lines)


@attrs.frozen
class Rule:
    """One boilerplate pattern: a name, the category it removes text as, and its pattern."""

    name: str = attrs.field(validator=_nonempty)
    category: Category = attrs.field(converter=Category)
    pattern: str = attrs.field(validator=_nonempty)
    whole: bool = True
    heading: bool = False
    barrier: bool = False
    max_words: int = 12
    triggers: frozenset[str] = attrs.field(default=frozenset(), converter=_words)
    examples_drop: tuple[str, ...] = attrs.field(default=(), converter=_lines)
    examples_keep: tuple[str, ...] = attrs.field(default=(), converter=_lines)

    def __attrs_post_init__(self) -> None:
        if not self.category.stripped:
            raise ValueError(
                f"rule {self.name!r}: a rule removes text, but {self.category.value!r} is an "
                "article category"
            )
        if not isinstance(self.max_words, int) or self.max_words < 1:
            raise ValueError(f"rule {self.name!r}: max_words must be a positive int")

    def compile(self) -> regex.Pattern[str]:
        """The compiled pattern; raises ValueError naming the rule when it is not valid."""
        try:
            return regex.compile(self.pattern, regex.IGNORECASE | regex.DOTALL)
        except regex.error as exc:
            raise ValueError(f"rule {self.name!r}: bad pattern: {exc}") from exc


class RuleIndex:
    """A rule table compiled once, and indexed by its triggers (what `Cleaner` matches with).

    A line is matched by the first rule, in table order, that allows its number of words and
    whose pattern matches it (the whole line, or anywhere in it). Rules are only tried on a
    line that holds one of their triggers; an index from trigger to rules finds them.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules = list(rules)
        self._patterns = [rule.compile() for rule in rules]  # a bad pattern fails here
        self._limit = max((r.max_words for r in rules), default=0)
        self._always: list[int] = []
        self._by_word: dict[str, list[int]] = {}
        by_char: dict[str, list[int]] = {}
        for k, rule in enumerate(rules):
            if not rule.triggers:
                self._always.append(k)
            for trigger in rule.triggers:
                table = self._by_word if _WORD.fullmatch(trigger) else by_char
                table.setdefault(trigger.lower(), []).append(k)
        self._words = frozenset(self._by_word)
        self._chars = sorted(by_char.items())

    @property
    def limit(self) -> int:
        """The most words a line can hold for some rule to match it."""
        return self._limit

    def match(self, line: str, words: int, tokens: Sequence[str]) -> Rule | None:
        """The rule that removes `line` (of `words` words, lower-case `tokens`), or None."""
        if words > self._limit:
            return None
        candidates = set(self._always)
        by_word = self._by_word
        for token in self._words.intersection(tokens):
            candidates.update(by_word[token])
        for char, ks in self._chars:
            if char in line:
                candidates.update(ks)
        for k in sorted(candidates):
            rule = self._rules[k]
            if words > rule.max_words:
                continue
            pattern = self._patterns[k]
            if (pattern.fullmatch(line) if rule.whole else pattern.search(line)) is not None:
                return rule
        return None


_WORD = re.compile(r"\w+")
"""A trigger that is one run of word characters is looked for among a line's tokens; any
other (a character such as "©") in the line's text."""
