"""One page being cleaned: its lines, what is known of each, and what the passes decided.

The cleaner (`karabakh_corpus.cleaner.core.Cleaner`) reads a text into a `Page`: its
non-blank lines and the facts of each line alone (`LineFacts`: its first-stage score, its
words, the rule or shape that decided it). The passes (`karabakh_corpus.cleaner.passes`)
then run over the page in order, each reading some of its fields and setting others: the
first-stage logits, the line that repeats the page's title, the text probabilities, the
labels, the gains and the body run. Every pass takes the page and the thresholds, so that
what a pass reads is a field of the page, not a parameter.

A new kind of fact about each line (the markup a line came from, say) is one field of
`Page` made with `given`: the page of the lines a later round keeps (`Page.subset`) carries
it along with the lines and their facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, TypeAlias, TypeVar

import attrs

from karabakh_corpus.cleaner.markup_facts import MARKUP_FEATURES, MarkupFacts
from karabakh_corpus.cleaner.rules import Rule
from karabakh_corpus.schema import Category

__all__ = [
    "COMMENT_HEADERS",
    "INHERITED",
    "METADATA",
    "OUTSIDE",
    "Label",
    "LineFacts",
    "Page",
    "comment_header",
    "given",
    "inherited",
    "line_facts",
]

Label: TypeAlias = tuple[Category, str]
"""A line's label: its category and the reason (a rule, a feature or a pass)."""

OUTSIDE: Label = (Category.BOILERPLATE, "outside-body")
"""The label of a line outside the body that nothing else decided (compared by identity)."""

METADATA = frozenset({Category.BYLINE, Category.DATELINE, Category.CREDIT_LINE, Category.CAPTION})
"""Metadata categories: a first body line cut off by them is a standfirst, and they tie the
headline to the text below it."""

COMMENT_HEADERS = frozenset({Category.BYLINE, Category.DATELINE, Category.COMMENT_PROMPT})
"""The lines that head reader comments: bylines, datelines and comment furniture."""

INHERITED = "after-"
"""How the reason of a label that a heading handed down begins ("after-comment": a line
below "Comments" that is not running text; `karabakh_corpus.cleaner.blocks.headings`)."""


def inherited(label: Label) -> bool:
    """True if a heading handed `label` down to its line (its reason is "after-RULE")."""
    return label[1].startswith(INHERITED)


def comment_header(label: Label | None) -> bool:
    """True if `label` marks a line that heads reader comments: a byline, a dateline or
    comment furniture (`COMMENT_HEADERS`) of its own. A line that only inherited a comment
    heading's category ("Weigh In" and "Corrections?" below "Comments" in a newspaper's
    toolbar) heads nothing: it is the heading's block."""
    return label is not None and label[0] in COMMENT_HEADERS and not inherited(label)


class LineFacts(NamedTuple):
    """What the cleaner knows of one line alone, computed once per distinct line of a page.

    `score` is the first-stage logit without the page's terms (`features.PAGE_FEATURES`),
    `words` the word count, `rule` the lexicon rule that matched (if any), `label` the
    label a rule or a shape gave the line (None while undecided), `empty` says the line has
    no word, and `shape` is its shape (`karabakh_corpus.cleaner.model.shape`, None for long
    lines). The last three are read once per line and pass, so they are kept rather than
    computed each time: build it with `line_facts`. A named tuple: immutable, and cheap to
    make for every line of every page.
    """

    score: float
    words: int
    rule: Rule | None
    label: Label | None
    empty: bool
    shape: str | None
    ruled: bool
    """True if a rule or a shape removed the line."""
    barrier: bool
    """True if the line is furniture that closes an article (a barrier rule)."""
    comment: bool
    """True if a comment rule removed the line ("Comments", "Leave a reply")."""
    capitalized: float = 0.0
    """The line's share of capitalized words (the feature ``capitalized``), which the first
    stage reads against the page's prose (``capitalized_vs_page``)."""

    @property
    def lettered(self) -> bool:
        """True if a word of the line has a letter, as running text has: a comment count
        ("48") or a time alone on its line has none (a line of more than ten words has no
        shape and counts as lettered)."""
        return not self.empty and (self.shape is None or "a" in self.shape)


def line_facts(
    score: float,
    words: int,
    rule: Rule | None,
    label: Label | None,
    empty: bool,
    shape: str | None,
    capitalized: float = 0.0,
) -> LineFacts:
    """The `LineFacts` of a line, with the fields derived from the others filled in."""
    ruled = label is not None and not empty
    if rule is None:
        return LineFacts(score, words, None, label, empty, shape, ruled, False, False, capitalized)
    comment = rule.category is Category.COMMENT_PROMPT
    return LineFacts(
        score, words, rule, label, empty, shape, ruled, rule.barrier, comment, capitalized
    )


_GIVEN = "given"
_P = TypeVar("_P", bound="Page")


def given(**kwargs: Any) -> Any:
    """A field of `Page` that holds one value per line, given when the page is made (not
    computed by a pass): `Page.subset` carries it to the page of the lines kept."""
    return attrs.field(metadata={_GIVEN: True}, **kwargs)


@attrs.define(eq=False)
class Page:
    """The state of one page being cleaned, which the passes read and change.

    Given, one value per line: `lines` (normalized, non-blank) and `facts` (`LineFacts`),
    and on the HTML path `markup` (`MarkupFacts`: what the page's markup says of each line;
    None on the text path, where the passes that read it change nothing). From them, when
    the page is made: `lengths` (in characters) and `labels` (the label a
    rule or a shape gave each line, None while undecided). Set by the passes, in the
    order of `karabakh_corpus.cleaner.passes.PASSES`: `logits` (first stage), `title`
    (the line that repeats the page's title, -1 if none), `prob` (each line's text
    probability, the second stage), `gains` (what each line adds to the body run), and
    the body run ``[start, stop)``. A pass only ever turns an undecided label into a
    decided one, except where its docstring says otherwise; once every pass has run,
    every label is decided.
    """

    lines: Sequence[str] = given()
    facts: Sequence[LineFacts] = given()
    markup: Sequence[MarkupFacts] | None = given(default=None)
    lengths: list[int] = attrs.field(init=False)
    labels: list[Label | None] = attrs.field(init=False)
    logits: list[float] = attrs.field(init=False, factory=list)
    title: int = attrs.field(init=False, default=-1)
    prob: list[float] = attrs.field(init=False, factory=list)
    gains: list[float] = attrs.field(init=False, factory=list)
    start: int = attrs.field(init=False, default=0)
    stop: int = attrs.field(init=False, default=0)

    def __attrs_post_init__(self) -> None:
        n = len(self.lines)
        for name in _given_fields(self):
            values = getattr(self, name)
            if values is not None and len(values) != n:
                raise ValueError(f"a page of {n} lines needs {n} {name}, not {len(values)}")
        self.lengths = [len(line) for line in self.lines]
        self.labels = [f.label for f in self.facts]

    def __len__(self) -> int:
        return len(self.lines)

    def subset(self: _P, keep: Sequence[int]) -> _P:
        """The page of the lines at `keep` (in order), with what was given of each; what the
        passes computed is computed again on it."""
        values: dict[str, Any] = {}
        for name in _given_fields(self):
            column = getattr(self, name)
            values[name] = None if column is None else [column[i] for i in keep]
        return type(self)(**values)

    def comment_headers(self, start: int, stop: int) -> int:
        """How many lines of ``[start, stop)`` head reader comments (`heads_comment`)."""
        return sum(1 for i in range(start, stop) if self.heads_comment(i))

    def heads_comment(self, i: int) -> bool:
        """True if line `i` heads a reader comment: a byline, a dateline or comment furniture
        of its own (`comment_header`), but, where the markup says so, for a date or byline
        right below a heading that is all link, which is a teaser's (a box of related
        articles inside the article, each a linked headline over its date, is no thread),
        and for one inside a quotation (``<blockquote>``, ``<q>``: a post the article
        quotes, signed with its author's name and date)."""
        if not comment_header(self.labels[i]):
            return False
        markup, facts = self.markup, self.facts
        if markup is None:
            return True
        if markup[i].row[_IN_QUOTE]:
            return False
        j = i - 1
        while j >= 0 and facts[j].empty:
            j -= 1
        return j < 0 or not (markup[j].row[_ALL_LINK] and markup[j].row[_IN_HEADING])


_ALL_LINK = MARKUP_FEATURES.index("all_link")
_IN_HEADING = MARKUP_FEATURES.index("in_heading")
_IN_QUOTE = MARKUP_FEATURES.index("in_quote")


def _given_fields(page: Page) -> tuple[str, ...]:
    """The fields of `page` (a `Page`, or of a class that adds fields to it) given one value
    per line, made with `given`."""
    if type(page) is Page:
        return _PAGE_GIVEN  # (the common case, read for every page the cleaner makes)
    return tuple(f.name for f in attrs.fields(type(page)) if f.metadata.get(_GIVEN))


_PAGE_GIVEN = tuple(f.name for f in attrs.fields(Page) if f.metadata.get(_GIVEN))
