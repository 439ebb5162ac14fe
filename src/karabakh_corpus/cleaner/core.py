"""The boilerplate cleaner: find the article in scraped news text, and say why the rest went.

`clean` splits a text into lines, labels each (title, summary, paragraph, or one of the
stripped categories) and renders the body as `Cleaned.text`. The method is generic: a
lexicon of named rules (`karabakh_corpus.cleaner.rules`), per-line features weighed into a text
score and a second stage over each line's context (`karabakh_corpus.cleaner.model`, with the
numbers fitted by ``scripts/fit_cleaner.py``), the densest run of text on the page as the
body, and context between neighbouring lines. Site profiles add rules for one outlet on top.

Guarantees: any `str` is accepted; the result is deterministic; every character of the
output maps back to the input (`Cleaned.text_offsets`); cleaning is idempotent
(``clean(clean(x).text).text == clean(x).text``); time is linear in the input for a fixed
number of passes (in practice two).
"""

from __future__ import annotations

import collections
import functools
import math
import operator
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from typing import Any, TypeAlias, TypeVar

import attrs

from karabakh_corpus import _textmap
from karabakh_corpus.cleaner import batch as _batch
from karabakh_corpus.cleaner import features as _features
from karabakh_corpus.cleaner import model as _model
from karabakh_corpus.cleaner import passes as _passes
from karabakh_corpus.cleaner.batch import Failure
from karabakh_corpus.cleaner.rules import Rule, RuleIndex
from karabakh_corpus.cleaner.thresholds import (
    CONTEXT_NAMES,
    LOGIT_FLOOR,
    RULE_CHARS,
    RULE_COST_CHARS,
    TEXT_CHARS,
    Thresholds,
)
from karabakh_corpus.schema import ArticleView, Category, HasArticleView, Region

__all__ = ["Cleaned", "Cleaner", "Thresholds", "clean_stream", "default_cleaner"]


_Label: TypeAlias = _passes.Label
_T = TypeVar("_T")


@attrs.frozen(repr=False)
class Cleaned(HasArticleView):
    """The result of cleaning one text: every line labelled, and the article it leaves.

    It speaks the vocabulary of `Document` (`karabakh_corpus.schema.ArticleView`): `raw` is
    the text that was cleaned and `regions` every non-blank line of it with its category and
    the name of the rule or feature that decided it; `stripped` are the regions removed.
    `title`, `summary` and `paragraphs` are the article, `text` the body (the paragraphs
    joined by a blank line) and `clean_text` the title, summary and body in page order.
    `text_offsets` maps positions between `raw` and `text` (`to_input`, `to_output`),
    `clean_offsets` between `raw` and `clean_text`.
    """

    raw: str = attrs.field(repr=False)
    _spans: tuple[tuple[int, int], ...] = attrs.field(repr=False, alias="spans")
    _labels: tuple[_Label, ...] = attrs.field(repr=False, alias="labels")

    def __repr__(self) -> str:
        """The title and sizes: what was kept and what was removed, at a glance."""
        title = self.title
        if title is not None and len(title) > 60:
            title = title[:59] + "…"
        return (
            f"Cleaned(title={title!r}, paragraphs={len(self.paragraphs)}, "
            f"text={len(self.text)} chars, raw={len(self.raw)} chars, "
            f"regions={len(self._spans)} ({len(self.stripped)} stripped))"
        )

    @functools.cached_property
    def regions(self) -> tuple[Region, ...]:
        """Every non-blank line of the raw text, in order, with its category and rule."""
        text = self.raw
        return tuple(
            Region(a, b, text[a:b], category=cat, rule=rule)
            for (a, b), (cat, rule) in zip(self._spans, self._labels, strict=True)
        )

    @functools.cached_property
    def view(self) -> ArticleView:
        """The clean view of `raw` (`ArticleView`): what the properties below read."""
        raw = self.raw
        article = tuple(
            Region(a, b, raw[a:b], category=cat, rule=rule)
            for (a, b), (cat, rule) in zip(self._spans, self._labels, strict=True)
            if not cat.stripped
        )
        return ArticleView(raw, article)

    @property
    def body(self) -> tuple[Region, ...]:
        """The regions of the body paragraphs."""
        return self.view.body

    @functools.cached_property
    def stripped(self) -> tuple[Region, ...]:
        """Every stripped region, with its category and rule."""
        return tuple(r for r in self.regions if r.category.stripped)

    def to_input(self, j: int) -> int:
        """Position in `raw` of character `j` of `text`."""
        return self.text_offsets.to_input(j)

    def to_output(self, i: int) -> int | None:
        """Position in `text` of character `i` of `raw`, or None if it was removed."""
        return self.text_offsets.to_output(i)

    def explain(self) -> str:
        """One line per region: offset, category, rule, and the start of the line's text."""
        rows = []
        for (a, b), (cat, rule) in zip(self._spans, self._labels, strict=True):
            snippet = _textmap.normalize(self.raw[a:b])
            if len(snippet) > 70:
                snippet = snippet[:69] + "…"
            rows.append(f"{a:>7} {cat.value:<18} {rule:<24} {snippet}")
        return "\n".join(rows)


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
        generic, profiles = _tables()
        base = tuple(generic if rules is None else rules)
        if profile is None:
            extra: tuple[Rule, ...] = ()
            self.profile: str | None = None
        elif isinstance(profile, str):
            if profile not in profiles:
                raise ValueError(
                    f"unknown cleaner profile {profile!r}; known profiles: "
                    f"{', '.join(sorted(profiles)) or 'none'}"
                )
            extra = profiles[profile]
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
        self._matcher = RuleIndex(self.rules)
        self._limit = self._matcher.limit  # read for every line
        # The facts of short lines seen on earlier pages (menus, share buttons, headings
        # recur from page to page): a line's facts depend on the line and the cleaner only.
        self._known: dict[str, _model.LineFacts] = {}
        th = self.thresholds
        # weights are matched to features by name; `repeated` is a page fact, added per page
        self._weights = tuple(th.weights.get(n, 0.0) for n in _features.LINE_FEATURES)
        self._repeated = th.weights.get("repeated", 0.0)  # one of _features.PAGE_FEATURES
        self._context = tuple(th.context.get(n, 0.0) for n in CONTEXT_NAMES)
        self._built = True

    def __setattr__(self, name: str, value: object) -> None:
        if getattr(self, "_built", False):
            raise AttributeError(
                f"a Cleaner is immutable: build a new one rather than set {name!r}"
            )
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Cleaner is immutable: {name!r} cannot be deleted")

    def __reduce__(self) -> tuple[Callable[..., Cleaner], tuple[Any, ...]]:
        return _rebuild, (self._base, self.profile, self.rules, self.thresholds)

    def __repr__(self) -> str:
        return f"Cleaner(rules={len(self.rules)}, profile={self.profile!r})"

    def clean(self, text: str | bytes, *, encoding: str | None = None) -> Cleaned:
        """Clean one text; bytes are accepted only with an explicit `encoding`."""
        text = _as_text(text, encoding)
        return self._run(text, *self._page(text))

    def _run(
        self,
        text: str,
        spans: tuple[tuple[int, int], ...],
        lines: Sequence[str],
        page: Sequence[_model.LineFacts],
    ) -> Cleaned:
        """Label the lines of a page (given its `_page` facts) until the labels settle."""
        labels: list[_Label] = [(Category.BOILERPLATE, "")] * len(lines)
        active = list(range(len(lines)))
        for _ in range(self.thresholds.max_passes):
            if len(active) == len(lines):  # every line (the first pass): no copy
                decided = self._label(lines, page)
            else:
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

    def _page(
        self, text: str
    ) -> tuple[tuple[tuple[int, int], ...], list[str], list[_model.LineFacts]]:
        """The spans of the non-blank lines of `text`, the lines normalized, and their facts."""
        spans, lines = _textmap.split(text)
        known: dict[str, _model.LineFacts] = {}
        shared = self._known
        if len(shared) > _KNOWN_LINES:
            shared.clear()
        page = []
        for line in lines:
            # a short line is remembered across pages, a longer one on this page only
            memo = shared if len(line) <= _KNOWN_CHARS else known
            facts = memo.get(line)
            if facts is None:
                facts = memo[line] = self._line(line)
            page.append(facts)
        return spans, lines, page

    # -- the generic method ---------------------------------------------------------------

    def _line(self, line: str) -> _model.LineFacts:
        """What the method knows of one line alone: features, words, rule, shape."""
        # the matcher reads the tokens of lines of at most `limit` words only
        row, words, tokens = _features.describe(line, self._limit)
        z = self.thresholds.bias + sum(map(operator.mul, self._weights, row))
        if tokens is None:
            # more words than any rule allows: no rule can match
            rule = None
        elif not tokens:
            return _model.line_facts(z, words, None, _NO_WORDS, True, None)
        else:
            rule = self._matcher.match(line, words, tokens) if len(line) <= RULE_CHARS else None
        shape = _model.shape(line, words)
        if rule is not None:
            return _model.line_facts(z, words, rule, (rule.category, rule.name), False, shape)
        # a dateline holds a digit and is at most 90 characters long: 45 words at most, so
        # its tokens are listed
        if row[_DIGITS_AT] and tokens is not None and _features.is_dated(line, words, tokens):
            return _model.line_facts(z, words, None, _DATELINE, False, shape)
        # the common case, built directly (what `line_facts` gives for it; `_make` skips the
        # named tuple's Python-level constructor)
        return _make_facts((z, words, None, None, False, shape, False, False, False))

    def _logits(self, lines: Sequence[str], facts: Sequence[_model.LineFacts]) -> list[float]:
        """The first-stage logit of each line: its own features and its repetition."""
        counts = collections.Counter(lines)
        repeated = self._repeated
        return [
            f.score + repeated if counts[line] > 1 else f.score
            for line, f in zip(lines, facts, strict=True)
        ]

    def _probabilities(
        self,
        logits: Sequence[float],
        lengths: Sequence[int],
        facts: Sequence[_model.LineFacts],
        title: int = -1,
    ) -> list[float]:
        """The text probability of each line (of first-stage `logits`, `lengths` characters):
        the second stage over the line's context."""
        logits = _model.context_logits(
            logits,
            lengths,
            facts,
            self._context,
            self.thresholds.context_bias,
            title,
        )
        exp = math.exp
        return [1.0 / (1.0 + exp(-z)) if z > LOGIT_FLOOR else 0.0 for z in logits]

    def _label(self, lines: Sequence[str], facts: Sequence[_model.LineFacts]) -> list[_Label]:
        """Label the lines of a page (every pass labels the lines it is given the same way,
        so that the result is a fixed point: cleaning it again changes nothing)."""
        n = len(lines)
        if n == 0:
            return []
        th = self.thresholds
        logits = self._logits(lines, facts)
        lengths = [len(x) for x in lines]
        title = _passes.title_line(lines, facts, logits, lengths)
        prob = self._probabilities(logits, lengths, facts, title)
        labels: list[_Label | None] = [f.label for f in facts]

        _passes.captions(lines, labels, facts)
        _passes.sandwiches(labels, facts)
        _passes.headings(labels, facts, prob, th.body, title)

        # The body: the run of lines with the most text (weights above `body` add).
        gains = []
        for i, fact in enumerate(facts):
            rule = fact.rule
            if fact.empty:
                gains.append(0.0)
            elif rule is not None and rule.barrier:
                gains.append(-th.barrier_weight)
            elif labels[i] is not None:
                length = lengths[i]
                gains.append(
                    -th.rule_weight * (length if length < RULE_COST_CHARS else RULE_COST_CHARS)
                )
            else:
                length = lengths[i]
                gains.append((prob[i] - th.body) * (length if length < TEXT_CHARS else TEXT_CHARS))
        strong = (
            [i for i in range(n) if prob[i] >= th.body and not facts[i].empty]
            if all(label is None for label in labels)
            else []
        )
        if strong:
            # nothing on the page is furniture (clean text, or the body on a later pass):
            # the body runs from its first line of text to its last
            start, stop = strong[0], strong[-1] + 1
        else:
            start, stop = _model.densest_run(gains)
        if title >= 0:
            start, stop = _passes.below_title(
                lines, gains, facts, labels, lengths, title, start, stop,
                th.anchor, th.body - th.anchor_body, th.trim,
            )  # fmt: skip
        if start == stop:
            # no run of text: the most probable undecided line, if probable enough
            best = max(
                (i for i in range(n) if labels[i] is None and not facts[i].empty),
                key=prob.__getitem__,
                default=-1,
            )
            if best >= 0 and prob[best] >= th.fallback:
                start, stop = best, best + 1
        if start < stop:
            stop = _passes.past_box(gains, facts, labels, start, stop, th.anchor)
        while start > 0 and labels[start - 1] is None and prob[start - 1] >= th.extend:
            start -= 1
        while stop < n and labels[stop] is None and prob[stop] >= th.extend:
            stop += 1
        stop = _passes.introduced_list(lines, facts, labels, start, stop, th.list_words)
        stop = _passes.thread_start(
            labels, lengths, prob, start, stop, th.body, th.thread_text, title
        )
        stop = _passes.named_thread(lines, facts, labels, prob, start, stop, th.body)

        # Inside the body, keep running text and subheadings; outside, drop.
        for i in range(n):
            if labels[i] is not None:
                continue
            if start <= i < stop:
                if prob[i] >= th.keep:
                    labels[i] = (Category.PARAGRAPH, "body-text")
                elif facts[i].words <= th.heading_words and _passes.leads_text(
                    i, labels, prob, th.body, stop
                ):
                    labels[i] = (Category.PARAGRAPH, "body-heading")
                else:
                    labels[i] = (Category.BOILERPLATE, "body-low-text")
            elif prob[i] > th.outside and title < 0:
                labels[i] = (Category.PARAGRAPH, "outside-text")
            else:
                labels[i] = _passes.OUTSIDE

        done: list[_Label] = labels  # type: ignore[assignment]
        _passes.title_and_summary(lines, done, facts, title)
        _passes.after_headings(done, facts)
        return done


_KNOWN_CHARS = 200
_KNOWN_LINES = 50_000
"""A Cleaner remembers the facts of lines of at most `_KNOWN_CHARS` characters across pages,
and forgets them all when it holds more than `_KNOWN_LINES` (about 10 MB at most)."""
_DIGITS_AT = _features.LINE_FEATURES.index("digits")
_make_facts = _model.LineFacts._make
_NO_WORDS: _Label = (Category.BOILERPLATE, "no-words")
_DATELINE: _Label = (Category.DATELINE, "dateline-shape")


def _tables() -> tuple[tuple[Rule, ...], Mapping[str, tuple[Rule, ...]]]:
    """The generic rule table and the site profiles, built the first time a Cleaner is (not
    when the cleaner is imported)."""
    from karabakh_corpus.cleaner.lexicon import table

    return table.GENERIC_RULES, table.PROFILES


def _rebuild(
    base: tuple[Rule, ...], profile: str | None, rules: tuple[Rule, ...], thresholds: Thresholds
) -> Cleaner:
    if profile == "custom":
        return Cleaner(rules=base, profile=rules[: len(rules) - len(base)], thresholds=thresholds)
    return Cleaner(rules=base, profile=profile, thresholds=thresholds)


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


def default_cleaner() -> Cleaner:
    """The cleaner of `karabakh_corpus.clean()`: the generic method with the fitted numbers,
    built on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT


def clean_stream(
    texts: Iterable[str],
    *,
    cleaner: Cleaner | None,
    processes: int,
    chunksize: int,
    progress: bool | None,
    total: int | None,
    catch: bool,
    ahead: int | None = None,
) -> Generator[Cleaned | Failure, None, None]:
    """`karabakh_corpus.cleaner.batch.run` with `cleaner` (or the default cleaner): the engine of
    `clean_many`, and of the streaming cleaner with ``catch=True``."""
    return _batch.run(
        texts,
        cleaner=cleaner or default_cleaner(),
        processes=processes,
        chunksize=chunksize,
        progress=progress,
        total=total,
        catch=catch,
        ahead=ahead,
    )
