"""The boilerplate cleaner: find the article in scraped news text, and say why the rest went.

`clean` splits a text into lines, labels each (title, summary, paragraph, or one of the
stripped categories) and renders the body as `Cleaned.text`. The method is generic: a
lexicon of named rules (`karabakh_corpus._rules`), per-line features weighed into a text
score, the densest run of text on the page as the body, and context between neighbouring
lines. Site profiles add rules for one outlet on top.

Guarantees: any `str` is accepted; the result is deterministic; every character of the
output maps back to the input (`Cleaned.offsets`); cleaning is idempotent
(``clean(clean(x).text).text == clean(x).text``); time is linear in the input for a fixed
number of passes (in practice two).
"""

from __future__ import annotations

import functools
import itertools
import math
import multiprocessing
import operator
import os
import signal
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeAlias, TypeVar

import attrs

from karabakh_corpus import _features, _textmap
from karabakh_corpus._rules import GENERIC_RULES, PROFILES, Rule
from karabakh_corpus.errors import MissingExtraError, WorkerError, WorkerLostError
from karabakh_corpus.schema import Category, Region

__all__ = ["Cleaned", "Cleaner", "Thresholds", "clean", "clean_many"]

CLEANER_VERSION = "1"
"""Changes whenever the cleaner's output on some input may change."""

_Label: TypeAlias = tuple[Category, str]
_T = TypeVar("_T")

_METADATA = frozenset({Category.BYLINE, Category.DATELINE, Category.CREDIT_LINE, Category.CAPTION})


_DEFAULT_WEIGHTS = {
    "length": -0.1,
    "words": 0.84,
    "sentence_end": 1.62,
    "capitalized": -1.76,
    "digits": -0.42,
    "commas": 2.44,
    "repeated": -1.31,
    "link": -0.19,
    "separators": -0.87,
    "short": -0.43,
    "lower_start": -0.22,
}


def _weights(weights: Mapping[str, float]) -> dict[str, float]:
    return {str(name): float(value) for name, value in weights.items()}


@attrs.frozen
class Thresholds:
    """The numbers the generic method weighs lines with.

    `weights` maps each feature of `_features.FEATURE_NAMES` to its weight in a line's text
    score (a logit); `bias` is added to it. `body` is the text probability above which a
    line adds to the body run and below which it subtracts; `keep` is the probability a line
    inside the body needs to stay; `heading_words` is the longest a subheading may be.
    """

    weights: dict[str, float] = attrs.field(
        factory=lambda: dict(_DEFAULT_WEIGHTS), converter=_weights, hash=False
    )
    bias: float = -2.54
    body: float = 0.5
    keep: float = 0.2
    rule_weight: float = 0.3
    extend: float = 0.5
    barrier_weight: float = 50.0
    heading_words: int = 12
    max_passes: int = 32

    @weights.validator
    def _known(self, attribute: attrs.Attribute[Any], value: Mapping[str, float]) -> None:
        unknown = set(value) - set(_features.FEATURE_NAMES)
        if unknown:
            raise ValueError(
                f"unknown feature names {sorted(unknown)}; "
                f"the features are {list(_features.FEATURE_NAMES)}"
            )


@attrs.frozen(repr=False)
class Cleaned:
    """The result of cleaning one text: every line labelled, and the article it leaves.

    `regions` holds every non-blank line of `input` with its category and the name of the
    rule or feature that decided it. `text` is the body: the paragraphs joined by a blank
    line. `offsets` maps positions between `input` and `text`.
    """

    input: str = attrs.field(repr=False)
    _spans: tuple[tuple[int, int], ...] = attrs.field(repr=False, alias="spans")
    _labels: tuple[_Label, ...] = attrs.field(repr=False, alias="labels")

    def __repr__(self) -> str:
        """The title and sizes: what was kept and what was removed, at a glance."""
        title = self.title
        if title is not None and len(title) > 60:
            title = title[:59] + "…"
        return (
            f"Cleaned(title={title!r}, paragraphs={len(self.paragraphs)}, "
            f"text={len(self.text)} chars, input={len(self.input)} chars, "
            f"regions={len(self._spans)} ({len(self.removed)} removed))"
        )

    @functools.cached_property
    def regions(self) -> tuple[Region, ...]:
        """Every non-blank line of the input, in order, with its category and rule."""
        text = self.input
        return tuple(
            Region(a, b, text[a:b], category=cat, rule=rule)
            for (a, b), (cat, rule) in zip(self._spans, self._labels, strict=True)
        )

    def _first(self, category: Category) -> str | None:
        for (a, b), (cat, _rule) in zip(self._spans, self._labels, strict=True):
            if cat is category:
                return _textmap.normalize(self.input[a:b])
        return None

    @property
    def title(self) -> str | None:
        """The headline, when one was found."""
        return self._first(Category.TITLE)

    @property
    def summary(self) -> str | None:
        """The standfirst, when one was found."""
        return self._first(Category.SUMMARY)

    @functools.cached_property
    def body(self) -> tuple[Region, ...]:
        """The regions of the body paragraphs."""
        return tuple(r for r in self.regions if r.category is Category.PARAGRAPH)

    @functools.cached_property
    def paragraphs(self) -> tuple[str, ...]:
        """The body paragraphs, whitespace normalized."""
        return tuple(
            _textmap.normalize(self.input[a:b])
            for (a, b), (cat, _r) in zip(self._spans, self._labels, strict=True)
            if cat is Category.PARAGRAPH
        )

    @functools.cached_property
    def removed(self) -> tuple[Region, ...]:
        """Every stripped region, with its category and rule."""
        return tuple(r for r in self.regions if r.category.stripped)

    @functools.cached_property
    def _view(self) -> tuple[str, _textmap.OffsetMap]:
        kept = [
            _Bounds(a, b)
            for (a, b), (cat, _r) in zip(self._spans, self._labels, strict=True)
            if cat is Category.PARAGRAPH
        ]
        return _textmap.render(self.input, kept)

    @property
    def text(self) -> str:
        """The body: paragraphs joined by a blank line (title and summary excluded)."""
        return self._view[0]

    @property
    def offsets(self) -> _textmap.OffsetMap:
        """The map between positions of `input` and of `text`."""
        return self._view[1]

    def to_input(self, j: int) -> int:
        """Position in the input of character `j` of `text`."""
        return self.offsets.to_input(j)

    def to_output(self, i: int) -> int | None:
        """Position in `text` of input character `i`, or None if it was removed."""
        return self.offsets.to_output(i)

    def explain(self) -> str:
        """One line per region: offset, category, rule, and the start of the line's text."""
        rows = []
        for (a, b), (cat, rule) in zip(self._spans, self._labels, strict=True):
            snippet = _textmap.normalize(self.input[a:b])
            if len(snippet) > 70:
                snippet = snippet[:69] + "…"
            rows.append(f"{a:>7} {cat.value:<18} {rule:<24} {snippet}")
        return "\n".join(rows)


class _Bounds:
    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


class _Matcher:
    """The rule table compiled once.

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
                table = self._by_word if _features.is_word(trigger) else by_char
                table.setdefault(trigger.lower(), []).append(k)
        self._words = frozenset(self._by_word)
        self._chars = sorted(by_char.items())

    def match(self, line: str, words: int, tokens: Sequence[str]) -> Rule | None:
        """The rule that removes `line` (of `words` words, lower-case `tokens`), or None."""
        if words > self._limit:
            return None
        candidates = set(self._always)
        if not self._words.isdisjoint(tokens):
            by_word = self._by_word
            for token in tokens:
                found = by_word.get(token)
                if found is not None:
                    candidates.update(found)
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


class Cleaner:
    """A configured cleaner: a rule table, an optional site profile, and thresholds.

    ``Cleaner()`` is the default that `clean` uses. Pass `rules` to replace the generic
    lexicon (extend it with ``GENERIC_RULES + (my_rule,)``), `profile` to add a site profile
    by name (see `PROFILES`) or as a sequence of rules, and `thresholds` to change the
    weighing. A Cleaner is immutable, picklable, and safe to share between threads and
    processes.
    """

    def __init__(
        self,
        *,
        rules: Iterable[Rule] | None = None,
        profile: str | Sequence[Rule] | None = None,
        thresholds: Thresholds | None = None,
    ) -> None:
        base = tuple(GENERIC_RULES if rules is None else rules)
        if profile is None:
            extra: tuple[Rule, ...] = ()
            self.profile: str | None = None
        elif isinstance(profile, str):
            if profile not in PROFILES:
                raise ValueError(
                    f"unknown cleaner profile {profile!r}; known profiles: "
                    f"{', '.join(sorted(PROFILES)) or 'none'}"
                )
            extra = PROFILES[profile]
            self.profile = profile
        else:
            extra = tuple(profile)
            self.profile = "custom"
        for rule in extra + base:
            if not isinstance(rule, Rule):
                raise TypeError(f"rules must be Rule objects, not {type(rule).__name__}")
        if thresholds is not None and not isinstance(thresholds, Thresholds):
            raise TypeError(f"thresholds must be a Thresholds, not {type(thresholds).__name__}")
        self.rules: tuple[Rule, ...] = extra + base
        self.thresholds = thresholds or Thresholds()
        names = [r.name for r in self.rules]
        if len(set(names)) != len(names):
            dup = sorted({n for n in names if names.count(n) > 1})
            raise ValueError(f"rule names must be unique; repeated: {dup}")
        self._base = base
        self._matcher = _Matcher(self.rules)
        self._weights = tuple(self.thresholds.weights.get(n, 0.0) for n in _features.FEATURE_NAMES)

    def __reduce__(self) -> tuple[Callable[..., Cleaner], tuple[Any, ...]]:
        return _rebuild, (self._base, self.profile, self.rules, self.thresholds)

    def __repr__(self) -> str:
        return f"Cleaner(rules={len(self.rules)}, profile={self.profile!r})"

    def clean(self, text: str | bytes, *, encoding: str | None = None) -> Cleaned:
        """Clean one text; bytes are accepted only with an explicit `encoding`."""
        text = _as_text(text, encoding)
        spans = tuple(_textmap.iter_lines(text))
        lines = [_textmap.normalize(text[a:b]) for a, b in spans]
        known: dict[str, _LineFacts] = {}
        page = []
        for line in lines:
            facts = known.get(line)
            if facts is None:
                facts = known[line] = self._line(line)
            page.append(facts)
        labels: list[_Label] = [(Category.BOILERPLATE, "")] * len(lines)
        active = list(range(len(lines)))
        for _ in range(self.thresholds.max_passes):
            decided = self._label([lines[i] for i in active], [page[i] for i in active])
            kept = []
            for i, label in zip(active, decided, strict=True):
                labels[i] = label
                if label[0] is Category.PARAGRAPH:
                    kept.append(i)
            if len(kept) == len(active):
                break
            active = kept
        return Cleaned(text, spans=spans, labels=tuple(labels))

    # -- the generic method ---------------------------------------------------------------

    def _line(self, line: str) -> _LineFacts:
        """What the method knows of one line alone: features, words, rule, shape."""
        row, words, tokens = _features.describe(line)
        # the last weight, `repeated`, is added per page
        z = self.thresholds.bias + sum(map(operator.mul, self._weights, row))
        if not tokens:
            return z, words, None, _NO_WORDS, True
        rule = self._matcher.match(line, words, tokens) if len(line) <= _RULE_CHARS else None
        if rule is not None:
            return z, words, rule, (rule.category, rule.name), False
        if _features.is_dateline(line):
            return z, words, None, _DATELINE, False
        return z, words, None, None, False

    def _label(self, lines: Sequence[str], facts: Sequence[_LineFacts]) -> list[_Label]:
        n = len(lines)
        if n == 0:
            return []
        th = self.thresholds
        counts: dict[str, int] = {}
        for line in lines:
            counts[line] = counts.get(line, 0) + 1
        repeat_weight = self._weights[-1]
        prob = []
        labels: list[_Label | None] = []
        words = []
        rules = []
        wordless = []
        for line, (z, w, rule, label, empty) in zip(lines, facts, strict=True):
            if counts[line] > 1:
                z += repeat_weight
            prob.append(1.0 / (1.0 + math.exp(-z)) if z > -30.0 else 0.0)
            words.append(w)
            rules.append(rule)
            labels.append(label)
            wordless.append(empty)

        _captions(lines, labels, words)
        _sandwiches(labels, wordless)
        _headings(labels, rules, wordless, prob, words, th.body)

        # The body: the run of lines with the most text (weights above `body` add).
        gains = []
        for i in range(n):
            rule = rules[i]
            if wordless[i]:
                gains.append(0.0)
            elif rule is not None and rule.barrier:
                gains.append(-th.barrier_weight)
            elif labels[i] is not None:
                gains.append(-th.rule_weight * min(len(lines[i]), 40))
            else:
                gains.append((prob[i] - th.body) * min(len(lines[i]), 400))
        start, stop = _densest_run(gains)
        while start > 0 and labels[start - 1] is None and prob[start - 1] >= th.extend:
            start -= 1
        while stop < n and labels[stop] is None and prob[stop] >= th.extend:
            stop += 1

        # Inside the body, keep running text and subheadings; outside, drop.
        for i in range(n):
            if labels[i] is not None:
                continue
            if start <= i < stop:
                if prob[i] >= th.keep:
                    labels[i] = (Category.PARAGRAPH, "body-text")
                elif words[i] <= th.heading_words and _leads_text(i, labels, prob, th, stop):
                    labels[i] = (Category.PARAGRAPH, "body-heading")
                else:
                    labels[i] = (Category.BOILERPLATE, "body-low-text")
            else:
                labels[i] = _OUTSIDE

        done: list[_Label] = labels  # type: ignore[assignment]
        _title_and_summary(lines, done, words)
        _after_headings(done, rules)
        return done


_RULE_CHARS = 1000
"""Rules are tried on lines of at most this many characters (boilerplate is short)."""
_NO_WORDS: _Label = (Category.BOILERPLATE, "no-words")
_DATELINE: _Label = (Category.DATELINE, "dateline-shape")
_OUTSIDE: _Label = (Category.BOILERPLATE, "outside-body")
# Categories whose lines come in blocks: a line between two of them belongs to the block.
_BLOCKS = frozenset(
    {
        Category.DONATION_APPEAL,
        Category.NEWSLETTER_PROMPT,
        Category.LOGIN_PROMPT,
        Category.COOKIE_NOTICE,
        Category.LEGAL_NOTICE,
        Category.COMMENT_PROMPT,
    }
)


def _captions(lines: Sequence[str], labels: list[_Label | None], words: Sequence[int]) -> None:
    """Label caption pairs: a picture's alternative text next to its caption.

    Two neighbouring lines are a pair when one starts with (or holds) the other, or when they
    share a long opening; when one of them is already a caption, the other joins it.
    """
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        if words[i] < 2 or words[i + 1] < 2:
            continue
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        holds = len(long_) <= _RULE_CHARS and short.lower() in long_.lower()
        shared = len(short) >= 40 and a[:40] == b[:40]
        if not (holds or shared):
            continue
        for k, other in ((i, i + 1), (i + 1, i)):
            neighbour = labels[other]
            if labels[k] is None and (
                shared or (neighbour is not None and neighbour[0] is Category.CAPTION)
            ):
                labels[k] = (Category.CAPTION, "caption-pair")


def _sandwiches(labels: list[_Label | None], wordless: Sequence[bool]) -> None:
    """Give a line between two lines of the same block category that category."""
    decided = [i for i, w in enumerate(wordless) if not w]
    for k in range(1, len(decided) - 1):
        here = decided[k]
        a, b = labels[decided[k - 1]], labels[decided[k + 1]]
        if labels[here] is not None or a is None or b is None:
            continue
        if a[0] is b[0] and a[0] in _BLOCKS:
            labels[here] = (a[0], f"between-{a[1]}")


def _headings(
    labels: list[_Label | None],
    rules: Sequence[Rule | None],
    wordless: Sequence[bool],
    prob: Sequence[float],
    words: Sequence[int],
    body: float,
) -> None:
    """Headings open blocks: the short lines after one that are not running text inherit."""
    n = len(labels)
    for i, rule in enumerate(rules):
        if rule is None or not rule.heading:
            continue
        inherited = (rule.category, f"after-{rule.name}")
        j = i + 1
        while j < n:
            if wordless[j]:
                j += 1
                continue
            if labels[j] is not None or prob[j] >= body or words[j] > 40:
                break
            labels[j] = inherited
            j += 1


def _after_headings(labels: list[_Label], rules: Sequence[Rule | None]) -> None:
    """Outside the body, lines after a heading take its category until the body resumes.

    Bylines and datelines in such a block (the teasers of a related-stories list) take the
    block's category too.
    """
    heading: Rule | None = None
    for i, (cat, _rule) in enumerate(labels):
        rule = rules[i]
        if rule is not None and rule.heading:
            heading = rule
        elif cat is Category.PARAGRAPH:
            heading = None
        elif heading is not None and (
            labels[i] is _OUTSIDE or cat in (Category.BYLINE, Category.DATELINE)
        ):
            labels[i] = (heading.category, f"after-{heading.name}")


_LineFacts: TypeAlias = "tuple[float, int, Rule | None, _Label | None, bool]"
"""What the method knows of a line alone: score, words, rule, label, and 'has no word'."""


def _rebuild(
    base: tuple[Rule, ...], profile: str | None, rules: tuple[Rule, ...], thresholds: Thresholds
) -> Cleaner:
    if profile == "custom":
        return Cleaner(rules=base, profile=rules[: len(rules) - len(base)], thresholds=thresholds)
    return Cleaner(rules=base, profile=profile, thresholds=thresholds)


def _leads_text(
    i: int, labels: Sequence[_Label | None], prob: Sequence[float], th: Thresholds, stop: int
) -> bool:
    """True if the next undecided line of the body after `i` is running text."""
    for j in range(i + 1, stop):
        if labels[j] is None:
            return prob[j] >= th.body
    return False


def _densest_run(gains: Sequence[float]) -> tuple[int, int]:
    """Bounds of the contiguous run with the largest sum of gains (empty when all are <= 0)."""
    best = 0.0
    best_start = best_stop = 0
    current = 0.0
    current_start = 0
    for i, gain in enumerate(gains):
        if current <= 0.0:
            current = 0.0
            current_start = i
        current += gain
        if current > best:
            best = current
            best_start, best_stop = current_start, i + 1
    return best_start, best_stop


def _title_and_summary(lines: Sequence[str], labels: list[_Label], words: Sequence[int]) -> None:
    """Label the headline and the standfirst above the body.

    Walking up from the first body line past lines that rules or shapes labelled, the first
    line left outside the body is the standfirst if it reads like one (a long line) and the
    headline if it is shaped like one; above a standfirst, the next such line is the
    headline. Without a headline there is no standfirst. When the headline sits right above
    the body and the first body line is cut off from the rest of the body by metadata lines
    (byline, dateline, credit, caption), that first line is the standfirst. Only lines the
    body does not hold become headline or standfirst, except that first line, which needs a
    headline outside the body: a text that is all body (a cleaned text) keeps every line.
    """
    body = [i for i, (cat, _r) in enumerate(labels) if cat is Category.PARAGRAPH]
    if not body:
        return
    first = body[0]
    summary = title = None
    k = first - 1
    while k >= 0:
        if labels[k] is not _OUTSIDE:
            k -= 1
            continue
        if summary is None and _is_standfirst(lines[k], words[k]):
            summary = k
            k -= 1
            continue
        if _is_headline(lines[k], words[k]):
            title = k
        break
    if title is None and summary is not None and _is_headline(lines[summary], words[summary]):
        title, summary = summary, None
    if title is None:
        return
    labels[title] = (Category.TITLE, "headline")
    if summary is not None:
        labels[summary] = (Category.SUMMARY, "standfirst")
    elif len(body) > 1 and words[first] >= 8:
        between = [labels[j][0] for j in range(first + 1, body[1])]
        if any(c in _METADATA for c in between):
            labels[first] = (Category.SUMMARY, "standfirst-before-metadata")


def _is_headline(line: str, words: int) -> bool:
    return 2 <= words <= 30 and (not line.endswith((".", ":")) or line.endswith(".."))


def _is_standfirst(line: str, words: int) -> bool:
    return words >= 12 and not line.endswith(":")


def _as_text(text: object, encoding: str | None) -> str:
    if isinstance(text, str):
        if encoding is not None:
            raise TypeError("encoding applies to bytes only; this text is already a str")
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        if encoding is None:
            raise TypeError(
                "clean() takes a str; to clean bytes, pass encoding= (for example "
                "encoding='utf-8') so they are decoded the way you intend"
            )
        try:
            return bytes(text).decode(encoding)
        except LookupError as exc:
            raise ValueError(f"unknown encoding {encoding!r}") from exc
        except UnicodeDecodeError as exc:
            raise UnicodeDecodeError(
                exc.encoding,
                exc.object,
                exc.start,
                exc.end,
                f"{exc.reason}; the bytes are not valid {encoding}: pass the encoding they "
                "were written in, or decode them yourself with errors='replace'",
            ) from exc
    raise TypeError(f"clean() takes a str (or bytes with encoding=...), not {type(text).__name__}")


_DEFAULT: Cleaner | None = None


def _default() -> Cleaner:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT


def clean(text: str | bytes, *, profile: str | None = None, encoding: str | None = None) -> Cleaned:
    """Clean one scraped news text with the generic method (plus a site `profile` if named).

    Pass a `str`; `bytes` need an explicit `encoding`. Returns a `Cleaned`.
    """
    cleaner = _default() if profile is None else _profiled(profile)
    return cleaner.clean(text, encoding=encoding)


@functools.cache
def _profiled(profile: str) -> Cleaner:
    return Cleaner(profile=profile)


def clean_many(
    texts: Iterable[str],
    *,
    cleaner: Cleaner | None = None,
    processes: int = 1,
    chunksize: int = 32,
    progress: bool | None = None,
    total: int | None = None,
) -> Iterator[Cleaned]:
    """Clean many texts and yield the results in input order.

    With ``processes > 1`` the texts are cleaned in a pool of worker processes (each gets a
    copy of `cleaner`); results are the same as in one process, and an exception raised on
    a text is raised here as in one process. At most ``2 * processes`` chunks of
    `chunksize` texts are read ahead of the results. Workers are forked where that is safe
    (Linux, no other Python thread running), so a script needs no ``if __name__ ==
    "__main__":`` guard there; elsewhere they are spawned, which needs that guard, and code
    read from stdin raises `WorkerError` at once. A worker that dies (killed, out of memory)
    stops the run with `WorkerLostError` naming the texts that were in flight. `progress`
    shows a progress bar on stderr (it needs the ``progress`` extra, tqdm); None shows one
    when stderr is a terminal and tqdm is installed. `total` is the number of texts, for
    the bar.
    """
    results = _clean_stream(
        texts,
        cleaner=cleaner,
        processes=processes,
        chunksize=chunksize,
        progress=progress,
        total=total,
        catch=False,
    )
    try:
        for result in results:
            assert isinstance(result, Cleaned)
            yield result
    finally:
        results.close()


@attrs.frozen
class _Failure:
    """A text on which the cleaner raised: the exception's type and message, on one line."""

    error: str

    @classmethod
    def of(cls, exc: BaseException) -> _Failure:
        message = " ".join(str(exc).split())
        if len(message) > 200:
            message = message[:200] + "..."
        text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
        # a message may quote a lone surrogate of the text: keep the report printable
        return cls(text.encode("utf-8", "backslashreplace").decode("utf-8"))


def _clean_stream(
    texts: Iterable[str],
    *,
    cleaner: Cleaner | None,
    processes: int,
    chunksize: int,
    progress: bool | None,
    total: int | None,
    catch: bool,
    ahead: int | None = None,
) -> Generator[Cleaned | _Failure, None, None]:
    """The engine of `clean_many`: results in input order, in one process or a pool.

    With `catch` an exception raised on one text (any `Exception`) becomes a `_Failure`
    in its place and the run goes on; without it, it is raised. `ahead` is how many chunks
    may be in flight (default ``2 * processes``).
    """
    if not isinstance(processes, int) or processes < 1:
        raise ValueError(f"processes must be a positive int, not {processes!r}")
    if not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"chunksize must be a positive int, not {chunksize!r}")
    cleaner = cleaner or _default()
    if processes == 1:
        results: Iterator[Cleaned | _Failure] = (_clean_one(cleaner, t, catch) for t in texts)
    else:
        results = _pooled(texts, cleaner, processes, chunksize, catch, ahead or 2 * processes)
    shown = _with_progress(results, progress, total)
    try:
        yield from shown
    finally:
        if shown is not results:
            getattr(shown, "close", lambda: None)()
        getattr(results, "close", lambda: None)()


def _clean_one(cleaner: Cleaner, text: str, catch: bool) -> Cleaned | _Failure:
    if not catch:
        return cleaner.clean(text)
    try:
        return cleaner.clean(text)
    except Exception as exc:  # one bad text must not end the run: it is reported instead
        return _Failure.of(exc)


def _start_method() -> str:
    """``fork`` where it is safe, else ``spawn``; raise `WorkerError` where neither works.

    Forked workers inherit the cleaner and need not import the main module again, so they
    work from a script without a ``__main__`` guard and from code piped to ``python -``.
    Fork is used on Linux when no other Python thread runs (a fork copies only the calling
    thread, so a lock held by another thread would stay locked in the worker forever).
    """
    if (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    ):
        return "fork"
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise WorkerError(
            "clean_many(processes>1) was called while a worker process was starting: the "
            "'spawn' start method imports the main module again in each worker, so put the "
            'code that calls it under `if __name__ == "__main__":`'
        )
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if isinstance(path, str) and not os.path.isfile(path):
        raise WorkerError(
            f"clean_many(processes>1) cannot start worker processes here: the main module "
            f"({path}) is not a file that the 'spawn' start method could import again in each "
            "worker; save the code to a file and put the call under "
            '`if __name__ == "__main__":`, or use processes=1'
        )
    return "spawn"


def _pooled(
    texts: Iterable[str],
    cleaner: Cleaner,
    processes: int,
    chunksize: int,
    catch: bool,
    ahead: int,
) -> Generator[Cleaned | _Failure, None, None]:
    """Clean `texts` in a pool of `processes` workers, `ahead` chunks in flight at most.

    The workers start now, before any input is read and before a progress bar starts its
    monitor thread; the results come from the generator returned.
    """
    method = _start_method()
    executor = ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(cleaner, catch),
    )
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns when forking beside native threads (say, Arrow's idle pool);
            # the workers start here, before any input is read, and run only the cleaner
            warnings.filterwarnings(
                "ignore", r".*fork\(\) may lead to deadlocks", DeprecationWarning
            )
            _result(executor.submit(_ready), deque(), 0, method)
    except BaseException:
        _stop(executor, graceful=False)
        raise
    return _results(executor, iter(texts), chunksize, ahead, method)


def _results(
    executor: ProcessPoolExecutor,
    source: Iterator[str],
    chunksize: int,
    ahead: int,
    method: str,
) -> Generator[Cleaned | _Failure, None, None]:
    flight: deque[tuple[int, int, Future[list[Cleaned | _Failure]]]] = deque()
    done = False
    try:
        position = 0
        while True:
            while len(flight) < ahead:
                chunk = list(itertools.islice(source, chunksize))
                if not chunk:
                    break
                flight.append((position, len(chunk), executor.submit(_clean_chunk, chunk)))
                position += len(chunk)
            if not flight:
                break
            results = _result(flight[0][2], flight, flight[0][0], method)
            flight.popleft()
            yield from results
        done = True
    finally:
        _stop(executor, graceful=done)


def _result(
    future: Future[Any],
    flight: deque[tuple[int, int, Future[list[Cleaned | _Failure]]]],
    first: int,
    method: str,
) -> Any:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        last = flight[-1][0] + flight[-1][1] - 1 if flight else first - 1
        texts = (
            f"texts {first} to {last} (counting from 0) were in flight and have no result"
            if last >= first
            else "no text was in flight"
        )
        hint = (
            " With the 'spawn' start method a worker also dies at start when the code "
            'that calls clean_many is not under `if __name__ == "__main__":`.'
            if method == "spawn"
            else ""
        )
        raise WorkerLostError(
            f"a worker process died (killed, or out of memory?) and the run stopped: {texts}; "
            f"rerun with fewer processes or more memory.{hint}",
            first,
            last,
        ) from exc


def _stop(executor: ProcessPoolExecutor, *, graceful: bool) -> None:
    """Shut the pool down; unless `graceful`, kill its workers so that nothing waits."""
    if graceful:
        executor.shutdown(wait=True)
        return
    processes = dict(getattr(executor, "_processes", None) or {})
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes.values():
        if process.is_alive():
            process.terminate()
    for process in processes.values():
        process.join(5)


_WORKER: Cleaner | None = None
_CATCH = False


def _start_worker(cleaner: Cleaner, catch: bool) -> None:
    global _WORKER, _CATCH
    _WORKER = cleaner
    _CATCH = catch
    # the parent decides what an interrupt does (it stops the workers); a Ctrl-C sent to
    # the whole process group must not print a traceback per worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # a parent killed outright (SIGKILL) cannot stop its workers: they see it and stop
    watch = threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True)
    watch.start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _ready() -> bool:
    return True


def _clean_chunk(texts: list[str]) -> list[Cleaned | _Failure]:
    assert _WORKER is not None
    return [_clean_one(_WORKER, text, _CATCH) for text in texts]


def _with_progress(results: Iterator[_T], progress: bool | None, total: int | None) -> Iterator[_T]:
    """`results`, behind a tqdm progress bar when one is asked for (or wanted, for None)."""
    if progress is False:
        return results
    try:
        from tqdm import tqdm
    except ImportError as exc:
        if progress:
            raise MissingExtraError("a progress display", "progress") from exc
        return results
    if progress is None and not sys.stderr.isatty():
        return results
    return iter(tqdm(results, total=total, unit="text", desc="cleaning", file=sys.stderr))
