"""The HTML path's part of the fit (``scripts/fit_cleaner.py --html``): the development
pages read from their HTML with their markup, the class and id vocabulary, and the moves of
the markup weights.

Each page of a set with ``html/`` is decoded so that html-text renders it as its
``text/ID.txt`` (`bench_sets.bench_markup`: the markup of the very lines the text path
reads), read with `karabakh_corpus.cleaner.markup.read_markup`, and its lines get their
line features and their `MarkupFacts` once. Scored as ``benchmarks/html_bench.py`` scores
``clean_html``: word 4-gram F1 of the body on ``dev/``, of the title and the body on
the other sets with a gold text, and the snippet score of the title, a newline and the body
on ``trafeval/``.

The vocabulary is derived from the sets being fitted (the held-out set has no say in it):
a token (`karabakh_corpus.cleaner.markup.class_tokens` of the class, id and itemprop of a
line's element and the elements up to `TOKEN_DISTANCE` levels around it, below ``<body>``)
is kept when the labelled lines (`bench_sets.gold_labels`) of at least `MIN_PAGES` pages in
at least `MIN_SETS` sets carry it, and the mean over those pages of the share of its
labelled characters that are the article's differs from that share over all labelled
characters by at least `MIN_SEPARATION` in logit; the `TOP` strongest of each sign
(separation times the square root of the pages) are kept.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_sets  # noqa: E402

from karabakh_corpus import Cleaner  # noqa: E402
from karabakh_corpus.cleaner import features as _features  # noqa: E402
from karabakh_corpus.cleaner.evaluate import (  # noqa: E402
    PageScore,
    SnippetPage,
    score_snippet_page,
)
from karabakh_corpus.cleaner.markup_facts import (  # noqa: E402
    MARKUP_FEATURES,
    TOKEN_DISTANCE,
    MarkupFacts,
    read_markup_facts,
    weigh,
)
from karabakh_corpus.cleaner.page import LineFacts, line_facts  # noqa: E402
from karabakh_corpus.cleaner.page import Page as CleanerPage  # noqa: E402
from karabakh_corpus.schema import Category  # noqa: E402

MARKUP_STEPS = (-1.0, -0.5, 0.5, 1.0)
"""The steps a markup weight tries (they start at 0: larger than the line weights')."""
REGION_STEPS = (-0.1, -0.05, 0.05, 0.1)
"""The steps of `region_share`."""
MIN_PAGES = 15
"""A token of the vocabulary is on labelled lines of at least this many pages ..."""
MIN_SETS = 2
"""... of at least this many sets ..."""
MIN_SEPARATION = 0.7
"""... and separates the article's characters from the rest by at least this in logit."""
TOP = 40
"""The most tokens of each sign kept, the strongest."""
TOKENS = len(MARKUP_FEATURES) - 2
"""Where the two token features start in a row (`furniture_token`, `article_token`)."""
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


class HtmlPage:
    """One page of a set read from its HTML: its lines, their features and markup facts,
    the tokens around each line, its gold labels and its gold."""

    def __init__(self, page: bench_sets.BenchPage, probe: Cleaner) -> None:
        markup = bench_sets.bench_markup(page)
        if markup is None:
            raise ValueError(f"{page.set}/{page.id}: no decoding renders as its text")
        self.set = page.set
        self.id = page.id
        self.text = markup.text
        self.spans, read = probe._read(self.text)
        self.lines, self.base = read.lines, read.facts
        self.rows = [_features.describe(line)[0] for line in self.lines]
        self.tokens = [_WORD.findall(line) for line in self.lines]
        zeros = (0.0,) * len(MARKUP_FEATURES)
        self.plain = read_markup_facts(markup, self.lines, zeros)
        self.near = [
            frozenset(t for t, d in markup.tokens(x.element).items() if d <= TOKEN_DISTANCE)
            for x in markup.lines
        ]
        self.labels = bench_sets.gold_labels(page, self.lines)
        self.title = bench_sets.with_title(page.set)
        self.bench = page._replace(html=b"")
        self.gold = _grams(_WORD.findall(page.gold)) if page.gold is not None else Counter()
        self.facts: Sequence[LineFacts] = self.base
        self.marks: Sequence[MarkupFacts] = self.plain

    def set_vocabulary(self, article: frozenset[str], furniture: frozenset[str]) -> None:
        """Set the token features of every line for a vocabulary (as `read_markup_facts`
        sets them: a furniture token first)."""
        plain = []
        for mark, near in zip(self.plain, self.near, strict=True):
            bad = 1.0 if near & furniture else 0.0
            good = 1.0 if (near & article) - furniture else 0.0
            plain.append(mark._replace(row=(*mark.row[:TOKENS], bad, good)))
        self.plain = plain
        self.marks = plain

    def relabel(self, weights: Sequence[float], bias: float) -> None:
        """Recompute the first-stage score of every line for new line weights."""
        self.facts = [
            line_facts(
                bias + sum(w * x for w, x in zip(weights, row, strict=True)),
                f.words,
                f.rule,
                f.label,
                f.empty,
                f.shape,
            )
            for row, f in zip(self.rows, self.base, strict=True)
        ]

    def reweigh(self, weights: Sequence[float]) -> None:
        """Recompute the markup score of every line for new markup weights."""
        self.marks = [m._replace(score=weigh(m.row, weights)) for m in self.plain]

    def run(self, cleaner: Cleaner) -> Any:
        """The cleaner's result on the page, on the markup path."""
        page = CleanerPage(self.lines, self.facts, markup=self.marks)
        return cleaner._run(self.text, self.spans, page)

    def score(self, cleaner: Cleaner) -> PageScore | SnippetPage:
        """The page's score under `cleaner`, as benchmarks/html_bench.py computes it."""
        result = self.run(cleaner)
        if self.bench.gold is None:
            output = bench_sets.output(result, self.set)
            return score_snippet_page(output, self.bench.with_, self.bench.without)
        labels = result._labels
        tokens: list[str] = []
        if self.title:
            for (category, _rule), words in zip(labels, self.tokens, strict=True):
                if category is Category.TITLE:
                    tokens += words
                    break
        for (category, _rule), words in zip(labels, self.tokens, strict=True):
            if category is Category.PARAGRAPH:
                tokens += words
        predicted = _grams(tokens)
        tp = sum((predicted & self.gold).values())
        return PageScore(tp, sum(predicted.values()) - tp, sum(self.gold.values()) - tp)


def _grams(tokens: list[str]) -> Counter[tuple[str, ...]]:
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(zip(tokens, tokens[1:], tokens[2:], tokens[3:], strict=False))


def set_f1(scores: Sequence[PageScore | SnippetPage]) -> float:
    """A set's F1: word 4-gram F1 over pages (mean precision and recall), or the snippet
    score's F1 (the counts summed over pages)."""
    if scores and isinstance(scores[0], SnippetPage):
        tp = sum(s.tp for s in scores)
        wrong = sum(s.fp + s.fn for s in scores)
        return 2 * tp / (2 * tp + wrong) if tp + wrong else 0.0
    ps = [s.precision for s in scores if isinstance(s, PageScore) and s.precision is not None]
    rs = [s.recall for s in scores if isinstance(s, PageScore) and s.recall is not None]
    mp = sum(ps) / len(ps) if ps else 0.0
    mr = sum(rs) / len(rs) if rs else 0.0
    return 2 * mp * mr / (mp + mr) if mp + mr else 0.0


def load_html_sets(root: Path, names: Sequence[str], probe: Cleaner) -> dict[str, list[HtmlPage]]:
    """The pages of the sets `names` under `root` with their HTML, read with their markup
    (a page that no decoding renders as its text is left out, and counted)."""
    sets: dict[str, list[HtmlPage]] = {}
    for name in bench_sets.set_names(root, names):
        pages = []
        left = 0
        for page in bench_sets.load(root, name):
            try:
                pages.append(HtmlPage(page, probe))
            except ValueError:
                left += 1
        if left:
            print(f"html:{name}: {left} pages left out (no decoding renders as the text)")
        sets[name] = pages
    return sets


def derive_vocabulary(pages: Sequence[HtmlPage]) -> tuple[list[str], list[str]]:
    """The article tokens and the furniture tokens of `pages` (see the module), each list
    strongest first."""
    shares: dict[str, list[float]] = defaultdict(list)
    sets: dict[str, set[str]] = defaultdict(set)
    kept_all = total_all = 0.0
    for page in pages:
        kept: Counter[str] = Counter()
        total: Counter[str] = Counter()
        for label, line, found in zip(page.labels, page.lines, page.near, strict=True):
            if label < 0:
                continue
            size = min(len(line), 400)
            kept_all += size * label
            total_all += size
            for t in found:
                kept[t] += size * label
                total[t] += size
        for t, n in total.items():
            if n:
                shares[t].append(kept[t] / n)
                sets[t].add(page.set)
    base = _logit((kept_all + 1) / (total_all + 2))
    found_vocab = []
    for t, values in shares.items():
        if len(values) < MIN_PAGES or len(sets[t]) < MIN_SETS:
            continue
        mean = (sum(values) + 0.5) / (len(values) + 1)
        separation = _logit(mean) - base
        if abs(separation) >= MIN_SEPARATION:
            found_vocab.append((-abs(separation) * math.sqrt(len(values)), t, separation))
    found_vocab.sort()
    article = [t for _k, t, s in found_vocab if s > 0][:TOP]
    furniture = [t for _k, t, s in found_vocab if s < 0][:TOP]
    return article, furniture


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def markup_weights(model: dict[str, Any]) -> tuple[float, ...]:
    """The markup weights of `model`, in the order of `MARKUP_FEATURES`."""
    weights = model.get("markup", {}).get("weights", {})
    return tuple(float(weights.get(n, 0.0)) for n in MARKUP_FEATURES)


def prepare(model: dict[str, Any], sets: dict[str, list[HtmlPage]]) -> None:
    """Set the vocabulary and the markup weights of `model` on every page of `sets`."""
    markup = model.get("markup", {})
    article = frozenset(markup.get("article_tokens", ()))
    furniture = frozenset(markup.get("furniture_tokens", ()))
    weights = markup_weights(model)
    for pages in sets.values():
        for page in pages:
            page.set_vocabulary(article, furniture)
            page.reweigh(weights)


def reweigh(model: dict[str, Any], sets: dict[str, list[HtmlPage]]) -> None:
    """Set the markup weights of `model` on every page of `sets`."""
    weights = markup_weights(model)
    for pages in sets.values():
        for page in pages:
            page.reweigh(weights)


def moves() -> list[tuple[tuple[str, ...], tuple[float, ...]]]:
    """The numbers of the HTML path the search may change, with the steps each tries."""
    found: list[tuple[tuple[str, ...], tuple[float, ...]]] = [
        (("thresholds", "region_share"), REGION_STEPS)
    ]
    found += [(("markup", "weights", name), MARKUP_STEPS) for name in MARKUP_FEATURES]
    return found


def score_html(model_cleaner: Cleaner, pages: Sequence[HtmlPage]) -> bench_sets.SetScore:
    """The figures of a set on the markup path, as benchmarks/html_bench.py prints them."""
    outputs = [bench_sets.output(p.run(model_cleaner), p.set) for p in pages]
    return bench_sets.score([p.bench for p in pages], outputs)
