"""The boilerplate cleaner: find the article in scraped news text, and say why the rest went.

`Cleaner.clean` splits a text into lines and reads the facts of each line alone into a
`Page` (its features, weighed into a first-stage score, and the rule of the lexicon that
matched it, `karabakh_corpus.cleaner.lexicon`); the labelling passes
(`karabakh_corpus.cleaner.passes.PASSES`: the two stages of the fitted model, the line that
repeats the page's title, blocks of neighbouring lines, the densest run of text as the
body...) then run over the page in order, each a function of the page and the thresholds,
and label each line (title, summary, paragraph, or one of the stripped categories).
`Cleaned` holds the result and renders the body as `Cleaned.text`. Site profiles add rules
for one outlet on top.

Guarantees: any `str` is accepted; the result is deterministic; every character of the
output maps back to the input (`Cleaned.text_offsets`); cleaning is idempotent
(``clean(clean(x).text).text == clean(x).text``); time is linear in the input for a fixed
number of passes (in practice two).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Collection, Generator, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import attrs

from karabakh_corpus import _textmap
from karabakh_corpus.cleaner import batch as _batch
from karabakh_corpus.cleaner import features as _features
from karabakh_corpus.cleaner import model as _model
from karabakh_corpus.cleaner import passes as _passes
from karabakh_corpus.cleaner.batch import Failure
from karabakh_corpus.cleaner.markup_facts import MARKUP_FEATURES, read_markup_facts
from karabakh_corpus.cleaner.page import Label, LineFacts, Page, line_facts
from karabakh_corpus.cleaner.rules import Rule, RuleIndex
from karabakh_corpus.cleaner.thresholds import RULE_CHARS, Thresholds
from karabakh_corpus.schema import ArticleView, Category, HasArticleView, Region

if TYPE_CHECKING:  # pragma: no cover
    from karabakh_corpus.cleaner import markup as _markup
    from karabakh_corpus.cleaner.facts.markup import PendingMarkup
    from karabakh_corpus.cleaner.facts.types import Facts, Markup

__all__ = ["PATHS", "Cleaned", "Cleaner", "clean_stream", "default_cleaner"]

PATHS = ("text", "markup")
"""How a page was read (`Cleaned.path`): its lines alone, or its lines and their markup."""


@attrs.frozen(repr=False)
class Cleaned(HasArticleView):
    """The result of cleaning one text: every line labelled, and the article it leaves.

    It speaks the vocabulary of `Document` (`karabakh_corpus.schema.ArticleView`): `raw` is
    the text that was cleaned and `regions` every non-blank line of it with its category and
    the name of the rule or feature that decided it; `stripped` are the regions removed.
    `title`, `summary` and `paragraphs` are the article, `text` the body (the paragraphs
    joined by a blank line) and `clean_text` the title, summary and body in page order.
    `text_offsets` maps positions between `raw` and `text` (`to_input`, `to_output`),
    `clean_offsets` between `raw` and `clean_text`. `facts` are the page's date, authors,
    outlet, dateline, wire and title, read from its regions (and, for HTML, from what its
    markup declares, `facts_markup`) when first asked for.

    `path` says how the page was read: ``"text"`` (its lines alone: `clean`, or an HTML page
    whose markup could not be used) or ``"markup"`` (its lines and the elements they come
    from: `clean_html`). `fallback` is None, except when an HTML page was cleaned on the
    text path because its markup could not be used: then it says why (the rendering and
    the page's elements did not align).
    """

    raw: str = attrs.field(repr=False)
    _spans: tuple[tuple[int, int], ...] = attrs.field(repr=False, alias="spans")
    _labels: tuple[Label, ...] = attrs.field(repr=False, alias="labels")
    _facts_markup: Markup | PendingMarkup | None = attrs.field(
        default=None, kw_only=True, repr=False, eq=False, alias="facts_markup"
    )
    path: str = attrs.field(
        default="text", kw_only=True, repr=False, eq=False, validator=attrs.validators.in_(PATHS)
    )
    fallback: str | None = attrs.field(default=None, kw_only=True, repr=False, eq=False)

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
    def facts(self) -> Facts:
        """The page's facts (`karabakh_corpus.facts.Facts`): date, authors, outlet,
        dateline, wire and title, each with how it was established and its evidence. Read
        from the regions (and the page's markup, for HTML) on first use."""
        from karabakh_corpus.cleaner.facts.page import Lines
        from karabakh_corpus.cleaner.facts.read import read_facts

        return read_facts(self.raw, Lines(self._spans, self._labels), self._facts_markup)

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
        self._known: dict[str, LineFacts] = {}
        # weights are matched to features by name; the page's features (`repeated`,
        # `capitalized_vs_page`) are added per page
        # (by the first stage, `karabakh_corpus.cleaner.model.first_stage`)
        weights = self.thresholds.weights
        self._weights = tuple(weights.get(n, 0.0) for n in _features.LINE_FEATURES)
        # the labelling passes, in order (`karabakh_corpus.cleaner.passes.PASSES`)
        self._passes = _passes.PASSES
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
        return self._run(text, *self._read(text))

    def clean_markup(
        self,
        markup: _markup.Markup,
        *,
        headlines: Collection[str] = (),
        site_names: Collection[str] = (),
    ) -> Cleaned:
        """Clean a page read by `karabakh_corpus.cleaner.markup.read_markup`: its rendering
        (`Markup.text`, the `Cleaned.raw` of the result), each line weighed with what its
        markup says of it too (`karabakh_corpus.cleaner.markup_facts`). `headlines` are the
        headlines the page declares (JSON-LD ``headline``, ``og:title``), read as a hint of
        which line is the headline; `site_names` the names of its site it declares
        (``og:site_name``, the JSON-LD publisher): a line that reads as one is not the
        headline. A page whose rendering and elements did not align (``markup.aligned``
        False) is cleaned on the text path: the result's `fallback` says why."""
        text = markup.text
        spans, page = self._read(text, markup.split())
        if not markup.aligned:
            return attrs.evolve(
                self._run(text, spans, page),
                fallback=f"the page's markup could not be used: {markup.reason}",
            )
        th = self.thresholds
        weights = tuple(th.markup.get(n, 0.0) for n in MARKUP_FEATURES)
        vocabulary = (th.article_tokens, th.furniture_tokens)
        marks = read_markup_facts(markup, page.lines, weights, vocabulary, headlines, site_names)
        result = self._run(text, spans, Page(page.lines, page.facts, markup=marks))
        return attrs.evolve(result, path="markup")

    def _run(self, text: str, spans: tuple[tuple[int, int], ...], page: Page) -> Cleaned:
        """Label the lines of `page` (read from `text`, at `spans`) until the labels settle:
        every pass of the table runs over the page, then over the page of the lines it kept
        as text, until it keeps them all. Each round labels the lines it is given the same
        way, so that the result is a fixed point: cleaning it again changes nothing."""
        thresholds = self.thresholds
        labels: list[Label] = [(Category.BOILERPLATE, "")] * len(page)
        active: Sequence[int] = range(len(page))
        current = page
        for _ in range(thresholds.max_passes):
            if len(current):
                for step in self._passes:
                    step(current, thresholds)
            kept = []
            for i, label in zip(active, cast("list[Label]", current.labels), strict=True):
                labels[i] = label
                if label[0] is Category.PARAGRAPH:
                    kept.append(i)
            if len(kept) == len(active):
                break
            active = kept
            current = page.subset(kept)
        return Cleaned(text, spans=spans, labels=tuple(labels))

    def _read(
        self, text: str, split: tuple[tuple[tuple[int, int], ...], list[str]] | None = None
    ) -> tuple[tuple[tuple[int, int], ...], Page]:
        """The spans of the non-blank lines of `text`, and the page of those lines (normalized)
        with the facts of each. `split` is ``_textmap.split(text)``, when known."""
        spans, lines = _textmap.split(text) if split is None else split
        known: dict[str, LineFacts] = {}
        shared = self._known
        if len(shared) > _KNOWN_LINES:
            shared.clear()
        facts = []
        for line in lines:
            # a short line is remembered across pages, a longer one on this page only
            memo = shared if len(line) <= _KNOWN_CHARS else known
            fact = memo.get(line)
            if fact is None:
                fact = memo[line] = self._line(line)
            facts.append(fact)
        return spans, Page(lines, facts)

    def _line(self, line: str) -> LineFacts:
        """What the method knows of one line alone: features, words, rule, shape."""
        # the matcher reads the tokens of lines of at most `limit` words only
        row, words, tokens = _features.describe(line, self._limit)
        z = self.thresholds.bias + sum(map(operator.mul, self._weights, row))
        capitalized = row[_CAPITALIZED_AT]
        if tokens is None:
            # more words than any rule allows: no rule can match
            rule = None
        elif not tokens:
            return line_facts(z, words, None, _NO_WORDS, True, None, capitalized)
        else:
            rule = self._matcher.match(line, words, tokens) if len(line) <= RULE_CHARS else None
        shape = _model.shape(line, words)
        if rule is not None:
            label = (rule.category, rule.name)
            return line_facts(z, words, rule, label, False, shape, capitalized)
        # a dateline holds a digit and is at most 90 characters long: 45 words at most, so
        # its tokens are listed
        if row[_DIGITS_AT] and tokens is not None and _features.is_dated(line, words, tokens):
            return line_facts(z, words, None, _DATELINE, False, shape, capitalized)
        # the common case, built directly (what `line_facts` gives for it; `_make` skips the
        # named tuple's Python-level constructor)
        return _make_facts((z, words, None, None, False, shape, False, False, False, capitalized))


_KNOWN_CHARS = 200
_KNOWN_LINES = 50_000
"""A Cleaner remembers the facts of lines of at most `_KNOWN_CHARS` characters across pages,
and forgets them all when it holds more than `_KNOWN_LINES` (about 10 MB at most)."""
_DIGITS_AT = _features.LINE_FEATURES.index("digits")
_CAPITALIZED_AT = _features.LINE_FEATURES.index("capitalized")
_make_facts = LineFacts._make
_NO_WORDS: Label = (Category.BOILERPLATE, "no-words")
_DATELINE: Label = (Category.DATELINE, "dateline-shape")


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
    texts: Iterable[str], *, cleaner: Cleaner | None, **options: Any
) -> Generator[Cleaned | Failure, None, None]:
    """`karabakh_corpus.cleaner.batch.run` with `cleaner` (or the default cleaner) and the
    run's `options` (`processes`, `chunksize`, `progress`, `total`, `catch`, `ahead`): the
    engine of `clean_many`, and of the streaming cleaner with ``catch=True``."""
    return _batch.run(texts, cleaner=cleaner or default_cleaner(), **options)
