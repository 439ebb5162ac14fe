"""Every number the cleaner weighs lines with: the fitted ones, and the hand-set ones.

`Thresholds` holds the fitted numbers: the weights of the two stages that score a line
(`FEATURE_NAMES`, `CONTEXT_NAMES`) and the thresholds of the passes. Their defaults are read
from ``cleaner_model.json`` beside this module (`load`), which ``scripts/fit_cleaner.py``
writes; ``docs/cleaner-model.md`` says what they were fitted on and how they score.

The constants below them are set by hand: the structure of a page the passes look for (how
far, how many, how long) and the definitions of the second stage's context features. Each
says what it is, its value, and its range: the values around it over which the benchmark
scores the same. The ranges of `BELOW_SHARE`, `PER_LINE`, `BOX_LINES` and `SIGNATURES` were
measured on the text path (``benchmarks/clean_bench.py``); the others by
``benchmarks/constant_ranges.py``: of the values it tries (each in turn, every other number,
the fitted weights too, held as shipped), those over which every development set's F1 on
both paths (``clean()`` of the rendered text, ``clean_html()`` of the page) stays within
0.001 of the shipped value's, on every page; beyond it, what moves first. They are part of
the method: changing one changes what the cleaner gives users, and so the cleaner's version.
"""

from __future__ import annotations

import functools
import json
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs
import importlib_resources

from karabakh_corpus.cleaner.features import FEATURE_NAMES
from karabakh_corpus.cleaner.markup_facts import MARKUP_FEATURES
from karabakh_corpus.errors import DataFormatError

__all__ = [
    "BELOW_SHARE",
    "BOX_LINES",
    "CLIP",
    "COMMENT_LINES",
    "CONTEXT_NAMES",
    "EDGE",
    "HEADING_BLOCK_WORDS",
    "LISTED",
    "LOGIT_FLOOR",
    "MARKUP_FEATURES",
    "MODEL_FILE",
    "NAMES",
    "NAME_CHARS",
    "NAME_WORDS",
    "PER_LINE",
    "PREFIX_WORDS",
    "PROSE_WORDS",
    "RULE_CHARS",
    "RULE_COST_CHARS",
    "SHAPE_WORDS",
    "SHARED_OPENING",
    "SHORT_WORDS",
    "SIGNATURES",
    "TEXT_CHARS",
    "TITLE_PIECES",
    "TITLE_REACH",
    "WINDOW",
    "Thresholds",
    "load",
]

MODEL_FILE = "cleaner_model.json"
"""The file of fitted numbers, beside this module."""

CONTEXT_NAMES: tuple[str, ...] = (
    "own",  # the line's first-stage logit
    "prev",  # the logit of the line before (EDGE at the start of the page)
    "next",  # the logit of the line after
    "prev2",  # two lines before
    "next2",  # two lines after
    "window",  # mean logit of the five lines before and the five after
    "ruled_near",  # neighbours (of the two) that a rule removed
    "in_run",  # 1 inside the densest run of first-stage text
    "before_run",  # log(1 + lines between the line and the run), above it
    "after_run",  # log(1 + lines between the run and the line), below it
    "short_run",  # log(1 + length of the run of short lines the line is in), 0 if long
    "after_barrier",  # 1 below a line that a barrier rule (comments, related) removed
    "shape_repeat",  # log(1 + other short lines of the same shape on the page)
    "position",  # the line's index over the number of lines
    "before_title",  # 1 above the line that repeats the page's title (see `title_line`)
    "after_title",  # 1 below it
    "title_distance",  # log(lines between that line and the line), below it
    "after_comment",  # 1 below a line that a comment rule removed ("Comments", "Leave a reply")
    "headers_near",  # log(1 + comment headers among the two lines above and below)
)
"""The features of a line's context that the second stage weighs, in the order of its
weights (`karabakh_corpus.cleaner.model.context_rows`)."""


# -- the fitted numbers --------------------------------------------------------------------


def load() -> dict[str, Any]:
    """The shipped model: weights by feature name and the thresholds, as fitted."""
    path = importlib_resources.files("karabakh_corpus.cleaner") / MODEL_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFormatError(
            f"the cleaner's model file {MODEL_FILE} is missing or damaged ({exc}); "
            "reinstall karabakh-corpus or rebuild it with scripts/fit_cleaner.py"
        ) from exc
    if not isinstance(data, dict) or not {"line", "context", "thresholds"} <= set(data):
        raise DataFormatError(
            f"the cleaner's model file {MODEL_FILE} lacks its line, context or thresholds "
            "part; rebuild it with scripts/fit_cleaner.py"
        )
    return data


@functools.cache
def _shipped() -> dict[str, Any]:
    return load()


def _read_only(weights: Mapping[str, float]) -> Mapping[str, float]:
    """A read-only copy of `weights`: changing the caller's dict later changes nothing."""
    if not isinstance(weights, Mapping):
        raise TypeError(
            f"weights must be a mapping of feature names to numbers, not {type(weights).__name__}"
        )
    copied: dict[str, float] = {}
    for name, value in weights.items():
        if (
            isinstance(value, bool)
            or not isinstance(value, numbers.Real)
            or not math.isfinite(value)
        ):
            raise ValueError(f"the weight of {name!r} must be a finite number, not {value!r}")
        copied[str(name)] = float(value)
    return MappingProxyType(copied)


def _known(
    names: Sequence[str],
) -> Callable[[Any, attrs.Attribute[Any], Mapping[str, float]], None]:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Mapping[str, float]) -> None:
        unknown = set(value) - set(names)
        if unknown:
            raise ValueError(
                f"unknown feature names {sorted(unknown)} in {attribute.name}; "
                f"the features are {list(names)}"
            )

    return check


def _number(
    low: float, high: float = math.inf, *, whole: bool = False
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A validator: a finite number (an int if `whole`) from `low` to `high`; other types
    raise TypeError, other numbers ValueError."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        kind = numbers.Integral if whole else numbers.Real
        span = f"from {low} to {high}" if math.isfinite(high) else f"of at least {low}"
        what = f"{attribute.name} must be {'a whole' if whole else 'a finite'} number {span}"
        if isinstance(value, bool) or not isinstance(value, kind):
            raise TypeError(f"{what}, not {type(value).__name__} {value!r}")
        if not math.isfinite(value) or not low <= float(value) <= high:
            raise ValueError(f"{what}, not {value!r}")

    return check


_PROBABILITY = _number(0.0, 1.0)
_POSITIVE = _number(0.0)
_ANY = _number(-math.inf)


def _weights(part: str, names: Sequence[str]) -> Any:
    """A field of weights: the shipped weights of the model's `part` by default, kept as a
    read-only copy, each name one of `names`."""
    return attrs.field(
        factory=lambda: dict(_shipped()[part]["weights"]),
        converter=_read_only,
        validator=_known(names),
        hash=False,
    )


def _bias(part: str) -> Any:
    """A bias field: the shipped bias of the model's `part` by default."""
    return attrs.field(factory=lambda: float(_shipped()[part]["bias"]), validator=_ANY)


def _markup_weights() -> Any:
    """The field of markup weights: the shipped model's ``markup`` weights (none in a model
    fitted before the markup path: the HTML path then weighs no markup)."""
    return attrs.field(
        factory=lambda: dict(_shipped().get("markup", {}).get("weights", {})),
        converter=_read_only,
        validator=_known(MARKUP_FEATURES),
        hash=False,
    )


def _tokens(name: str) -> Any:
    """A field of class and id tokens: the shipped model's ``markup`` vocabulary `name`."""
    return attrs.field(
        factory=lambda: frozenset(_shipped().get("markup", {}).get(name, ())),
        converter=_token_set,
    )


def _token_set(tokens: Any) -> frozenset[str]:
    if isinstance(tokens, str) or not all(isinstance(t, str) for t in tokens):
        raise TypeError(f"tokens must be a collection of str, not {tokens!r}")
    return frozenset(tokens)


def _fitted(
    name: str, validator: Callable[[Any, attrs.Attribute[Any], Any], None], kind: type = float
) -> Any:
    """A threshold field: its default is the shipped model's value of `name`."""
    return attrs.field(factory=lambda: kind(_shipped()["thresholds"][name]), validator=validator)


@attrs.frozen
class Thresholds:
    """The numbers the generic method weighs lines with; the defaults are the fitted ones.

    `weights` maps each line feature of `FEATURE_NAMES` to its weight in a line's
    first-stage logit, and `bias` is added to it. `context` maps each context feature of
    `CONTEXT_NAMES` (the first-stage logit itself, the neighbours' logits, position
    relative to the densest run...) to its weight in the second-stage logit, whose
    probability is the line's text probability; `context_bias` is added to it. A feature
    left out weighs 0. `body` is the text probability above which a line adds to the body
    run and below which it subtracts; `keep` is the probability a line inside the body
    needs to stay; `extend` the probability that grows the run line by line; a line
    outside the body stays when its probability is above `outside` (1 keeps none) and the
    page has no title line (a page whose headline repeats its title is one article);
    `heading_words` is the longest a subheading may be. A page with no run of text keeps
    its most probable line if that probability is at least `fallback`. The body ends
    at a comment heading (where a reader-comment thread begins) when the body holds at
    least `thread_text` characters of text above it. A line ending with a colon at the
    end of the body takes the lines of at most `list_words` words below it into the body
    (the list it introduces). On the HTML path (`Cleaner.clean_markup`), `markup` maps
    each markup feature of `MARKUP_FEATURES` to its weight in a line's first-stage logit,
    `article_tokens` and `furniture_tokens` are the class and id tokens that the features
    ``article_token`` and ``furniture_token`` look for, and the lines of a region of
    furniture (a nav, footer or aside element, a hidden element, the page's head) holding
    less than `region_share` of the page's text are decided as furniture (0 decides none).
    The defaults are fitted by
    ``scripts/fit_cleaner.py`` (see ``docs/cleaner-model.md``). `weights`, `context` and
    `markup` are kept as read-only copies: changing the mapping passed in changes nothing.
    """

    weights: Mapping[str, float] = _weights("line", FEATURE_NAMES)
    bias: float = _bias("line")
    context: Mapping[str, float] = _weights("context", CONTEXT_NAMES)
    context_bias: float = _bias("context")
    body: float = _fitted("body", _PROBABILITY)
    keep: float = _fitted("keep", _PROBABILITY)
    rule_weight: float = _fitted("rule_weight", _POSITIVE)
    extend: float = _fitted("extend", _PROBABILITY)
    barrier_weight: float = _fitted("barrier_weight", _POSITIVE)
    outside: float = _fitted("outside", _PROBABILITY)
    heading_words: int = _fitted("heading_words", _number(0, whole=True), int)
    fallback: float = _fitted("fallback", _PROBABILITY)
    anchor: float = _fitted("anchor", _POSITIVE)
    anchor_body: float = _fitted("anchor_body", _PROBABILITY)
    trim: float = _fitted("trim", _POSITIVE)
    thread_text: float = _fitted("thread_text", _POSITIVE)
    list_words: float = _fitted("list_words", _POSITIVE)
    max_passes: int = attrs.field(default=32, validator=_number(1, whole=True))
    markup: Mapping[str, float] = _markup_weights()
    article_tokens: frozenset[str] = _tokens("article_tokens")
    furniture_tokens: frozenset[str] = _tokens("furniture_tokens")
    region_share: float = attrs.field(
        factory=lambda: float(_shipped().get("markup", {}).get("region_share", 0.0)),
        validator=_PROBABILITY,
    )

    def __reduce__(self) -> tuple[Callable[..., Thresholds], tuple[Any, ...]]:
        values = attrs.asdict(self, recurse=False)
        values["weights"] = dict(self.weights)
        values["context"] = dict(self.context)
        values["markup"] = dict(self.markup)
        return _thresholds, (values,)


def _thresholds(values: dict[str, Any]) -> Thresholds:
    return Thresholds(**values)


# -- the hand-set numbers ------------------------------------------------------------------

# How much of a line counts

RULE_CHARS = 1000
"""Rules are tried on lines of at most this many characters (boilerplate is short); the
caption pass compares neighbours up to this length too. Range: from 250 to 4,000 every
development set scores the same on both paths; at 100 `dev`'s text path loses 0.0040 and
`l3s-gn1`'s gains 0.0013."""

TEXT_CHARS = 400
"""A line's text counts its characters up to this many: in its gain on the body run, in
the densest run of the second stage's context, in the text below a title candidate and in
the lift of the run below the title line. Range: from 375 to 400 every development set
scores the same on both paths; at 350 `trafeval`'s text path loses 0.0029, at 425 `dev`'s
text path 0.0011 and `dragnet`'s markup path 0.0016 (at 300 and at 500 four sets lose up to
0.0054)."""

RULE_COST_CHARS = 40
"""A line a rule or a shape decided costs `Thresholds.rule_weight` per character on the
body run, up to this many characters. Range: from 40 to 60 every development set scores
the same on both paths; at 35 `dev`'s text path loses 0.0011, at 70 `trafeval`'s
0.0016."""

LOGIT_FLOOR = -30.0
"""A logit at or below this stands for a probability of 0 (no exponential is taken).
Range: from -120 to -7.5 not one page changes on either path (at -1 every set moves)."""

# Blocks of lines

SHARED_OPENING = 40
"""Two neighbouring lines of two words or more that share their first this many characters
are a caption pair (a picture's alternative text and its caption). Range: from 35 to 40
every development set scores the same on both paths; at 30 `cleaneval` loses 0.0020 (text
path) and 0.0016 (markup path); from 45 to 160 `trafeval`'s markup path gains 0.0016 (at 45
and 50 no set loses on either path; at 60 and beyond `l3s-gn1`'s text path loses up to
0.0009)."""

HEADING_BLOCK_WORDS = 40
"""The block a heading opens ends at a line of more than this many words. Range: from 15 to
160 every development set scores the same on both paths; at 10 `dev` loses 0.0010 (text
path) and 0.0012 (markup path)."""

# The line that repeats the page's title

TITLE_PIECES = 8
"""A page title is cut into at most this many pieces at its separators (the last holds the
rest). Range: from 4 to 16 every development set scores the same on both paths; at 3
`trafeval`'s markup path gains 0.0012 (the others the same), at 2 `dragnet`'s text path
loses 0.0078."""

PREFIX_WORDS = 4
"""A part of the page title of at least this many words also matches a longer line that
starts with it ("Headline, and more"). Range: from 4 to 8 every development set scores the
same on both paths; at 3 `dragnet`'s text path loses 0.0016 and `trafeval`'s 0.0011."""

TITLE_REACH = 20
"""How many lines below a title candidate hold the text that counts for it, and how far
below the site's name ("Site: Headline") the headline may follow. Range: from 20 to 80 every
development set scores the same on both paths; from 18 down `dragnet`'s text path loses
0.0011 (0.0020 at 10)."""

LISTED = 3
"""Lines that open with the same part of the page title, at least this many, are a list
(teasers, a thread quoting the title), not the headline. Range: from 2 to 4 every
development set scores the same on both paths; at 5 `dragnet` loses 0.0016 on both."""

BELOW_SHARE = 0.5
"""A line of another title part below the best candidate is the headline when the text
below it is at least this share of the candidate's. Range: from 0.25 to 0.7 the
benchmark's scores are the same."""

PROSE_WORDS = 10
"""A page's prose lines, whose median share of capitalized words the feature
``capitalized_vs_page`` reads each line's share against, are its lines of at least this
many words. Measured: the median share of those lines is 0.151 to 0.211 on the English
development sets and 0.362 on `trafeval` (news pages in German and English, among others).
Range: any; the shipped model weighs ``capitalized_vs_page`` 0, so the median is not
computed: from 3 to 1,000 not one page changes on either path (a model that weighs the
feature needs it measured again)."""

# The body run and what ends it

PER_LINE = 2.0
"""The run below the title line replaces a densest run that lies apart from it when its
gain per line of words is at least this many times the densest run's (a mega-menu or a
site's description is long but thin, the article short and dense). Range: from 2 to 10
the development sets score the same (without the test, `trafeval` scores 0.8455 and 27
pages find no wanted snippet, against 0.8464 and 26); at 1.5 `trafeval` scores 0.8460, at
0.5 `l3s-gn1` 0.9286 against 0.9319."""

BOX_LINES = 12
"""The most lines an inline box (related links, ads) inside an article may have. Range:
from 8 to 20 the benchmark's scores are the same."""

NAME_WORDS = 4
"""A commenter's name, in a thread headed by names alone, has at most this many words.
Range: from 2 to 8 every development set scores the same on both paths (two pages
change)."""

NAME_CHARS = 40
"""... and at most this many characters. Range: from 10 to 160 every development set scores
the same on both paths."""

NAMES = 3
"""A thread headed by names alone has at least this many names, each followed by text.
Range: from 2 to 7 every development set scores the same on both paths."""

COMMENT_LINES = 5
"""... and at most this many lines of text under each name. Range: from 1 to 9 every
development set scores the same on both paths."""

SIGNATURES = 1
"""A comment heading below the title line and some running text ends the body when at
least this many lines that head comments of their own (bylines, datelines, comment lines;
not the lines that inherited the heading's category) follow it in the run. Range: 1; at 2
a thread of one signed comment stays in the body (`dragnet` scores 0.9111 against 0.9117;
the other sets the same)."""

# The second stage's context (the weights were fitted on these definitions: the ranges
# below are measured with the weights held as shipped, and a refit may move them)

EDGE = -5.0
"""The logit that stands for a neighbour beyond the page's edge. Range: any; the shipped
weights of the neighbours' logits (``prev``, ``next``, ``prev2``, ``next2``, ``window``)
are 0: from -20 to 10 not one page changes on either path."""

CLIP = 10.0
"""First-stage logits are clipped to this size before the context reads them. Range: from 6
to 40 every development set scores the same on both paths; at 5 `trafeval`'s markup path
loses 0.0025."""

WINDOW = 5
"""The context's window: the lines before and after a line whose mean logit it reads.
Range: any; the shipped weights of ``window`` and of the neighbours' logits are 0: from 1
to 30 not one page changes on either path."""

SHORT_WORDS = 5
"""A line of at most this many words is short (for runs of short lines). Range: from 5 to 6
every development set scores the same on both paths; at 7 `cleaneval`'s text path loses
0.0011 and `dev`'s markup path 0.0018; at 4 (and 3) `dragnet`'s markup path gains 0.0011
(at 1, 0.0019) while `trafeval`'s loses 0.0004 (0.0007)."""

SHAPE_WORDS = 10
"""A line of at most this many words has a shape ("a a a:", "a 0, 0"); longer lines have
none. Range: from 8 to 12 every development set scores the same on both paths; at 5 `dev`'s
markup path loses 0.0014, at 15 `dragnet`'s text path 0.0011."""
