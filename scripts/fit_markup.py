"""Fit the HTML path's numbers: the markup weights, `region_share` and the class and id
vocabulary, on the HTML of the development sets, with the line model held fixed.

Usage: python scripts/fit_markup.py [ROOT] [--sets NAME ...] [--out FILE] [--table FILE]
                                    [--no-holdout | --hold-out SET] [--jobs N]
                                    [--start MODEL] [--rounds N] [--scale S]

ROOT holds the sets (default: the ``bench`` folder of $KARABAKH_SHARED, or of ../shared
beside the repository): every set with ``html/`` (``trafeval/`` too, scored by its
snippets). The line and context model and every threshold of the text path are the ones
the package ships (``cleaner_model.json``, fitted by ``scripts/fit_cleaner.py``) and do not
move: only the ``markup`` section of the model is fitted, and written back into the same
file (or --out), the rest of the file unchanged.

Each page is decoded so that html-text renders it as its ``text/ID.txt``
(`bench_sets.bench_markup`: the markup of the very lines the text path reads), read with
`karabakh_corpus.cleaner.markup.read_markup`, and its lines get their line facts and their
`MarkupFacts` once. Scored as ``benchmarks/html_bench.py`` scores ``clean_html``: word
4-gram F1 of the body on ``dev/``, of the title and the body on the other sets with a gold
text, and the snippet score of the title, a newline and the body on ``trafeval/``.

The vocabulary is derived from the sets being fitted (a held-out set has no say in it):
a token (`karabakh_corpus.cleaner.markup.class_tokens` of the class, id and itemprop of a
line's element and the elements up to `TOKEN_DISTANCE` levels around it, below ``<body>``)
is kept when the labelled lines (`bench_sets.gold_labels`) of at least `MIN_PAGES` pages in
at least `MIN_SETS` sets carry it, and the mean over those pages of the share of its
labelled characters that are the article's differs from that share over all labelled
characters by at least `MIN_SEPARATION` in logit; the `TOP` strongest of each sign
(separation times the square root of the pages) are kept.

The weights then start at 0 and `region_share` at 0 (no region decided), or at the numbers
of the ``markup`` section of --start (a fit on a line model refitted since), and a coordinate
ascent, deterministic, on the mean F1 over the sets (every `SEARCH_EVERY`-th page) moves one
number at a time by the steps it tries (`MARKUP_STEPS`, `REGION_STEPS`, halved when a round
gains less than `MIN_GAIN`), for at most `ROUNDS` rounds. Numbers are rounded to four
decimals. Seeds have no HTML: the text path's output, and so the seeds', cannot change.
Unless --no-holdout, each set is then left out in turn (vocabulary and weights fitted on the
others) and scored, and the leave-one-set-out table is printed (and written to --table).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_sets  # noqa: E402
import clean_bench  # noqa: E402
import fit_cleaner  # noqa: E402

from karabakh_corpus import Cleaner, Thresholds  # noqa: E402
from karabakh_corpus import html as _html  # noqa: E402
from karabakh_corpus.cleaner import thresholds as _numbers  # noqa: E402
from karabakh_corpus.cleaner.evaluate import (  # noqa: E402
    PageScore,
    SnippetPage,
    score_snippet_page,
)
from karabakh_corpus.cleaner.facts.markup import read_markup as read_declared  # noqa: E402
from karabakh_corpus.cleaner.markup import Markup, read_markup  # noqa: E402
from karabakh_corpus.cleaner.markup_facts import (  # noqa: E402
    MARKUP_FEATURES,
    MarkupFacts,
    near_tokens,
    read_markup_facts,
    weigh,
)
from karabakh_corpus.cleaner.page import LineFacts  # noqa: E402
from karabakh_corpus.cleaner.page import Page as CleanerPage  # noqa: E402

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
ROUNDS = 8
"""The most rounds of the ascent."""
MIN_GAIN = 0.0005
"""A round that gains less than this halves the steps (down to a quarter), or ends."""
MIN_SCALE = 0.25
SEARCH_EVERY = 2
"""The ascent scores every this-many-th page of each set (all of them are scored after)."""
DIGITS = 4
MODEL = Path(_numbers.__file__).with_name(_numbers.MODEL_FILE)
TOKENS = len(MARKUP_FEATURES) - 2
"""Where the two token features start in a row (`furniture_token`, `article_token`)."""
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


class HtmlPage:
    """One page of a set read from its HTML: its lines, their features and markup facts,
    the tokens around each line, its gold labels and its gold."""

    def __init__(self, page: bench_sets.BenchPage, probe: Cleaner) -> None:
        found = _read(page)
        if found is None:
            raise ValueError(f"{page.set}/{page.id}: no decoding renders as its text")
        markup, headlines, site_names = found
        self.set = page.set
        self.id = page.id
        self.text = markup.text
        self.spans, read = probe._read(self.text)
        self.lines = read.lines
        self.tokens = [_WORD.findall(line) for line in self.lines]
        zeros = (0.0,) * len(MARKUP_FEATURES)
        self.plain = read_markup_facts(
            markup, self.lines, zeros, headlines=headlines, site_names=site_names
        )
        memo: dict[int, tuple[str, ...]] = {}
        self.near = [frozenset(near_tokens(markup, x.element, memo)) for x in markup.lines]
        self.labels = bench_sets.gold_labels(page, self.lines)
        self.title = bench_sets.with_title(page.set)
        self.bench = page._replace(html=b"")
        self.gold = (
            fit_cleaner.grams(_WORD.findall(page.gold)) if page.gold is not None else Counter()
        )
        self.facts: Sequence[LineFacts] = read.facts
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
        used = {n for m in plain for n, x in zip(MARKUP_FEATURES, m.row, strict=True) if x}
        if any(m.region is not None for m in plain):
            used.add("region_share")
        self.uses = frozenset(used)

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
        return fit_cleaner.gram_score(result, self.tokens, self.gold, self.title)


def _read(page: bench_sets.BenchPage) -> tuple[Markup, list[str], list[str]] | None:
    """The markup of the page as its ``text/ID.txt`` renders it (as
    `bench_sets.bench_markup` finds it), the headlines and the names of its site it
    declares, as `clean_html` reads them; None when no decoding renders as the text."""
    for decoded in bench_sets.decodings(page):
        markup = read_markup(decoded)
        if markup.text == page.text:
            declared = read_declared(decoded)
            return (
                markup,
                _html._declared_headlines(declared),
                _html._declared_site_names(declared),
            )
    return None


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
    found = bench_sets.separating_tokens(
        ((page.set, page.labels, page.lines, page.near) for page in pages),
        MIN_PAGES,
        MIN_SETS,
        MIN_SEPARATION,
    )
    article = [v["token"] for v in found if v["separation"] > 0][:TOP]
    furniture = [v["token"] for v in found if v["separation"] < 0][:TOP]
    return article, furniture


def _cleaner(markup: dict[str, Any]) -> Cleaner:
    """The cleaner of the shipped text path with the HTML path's numbers of `markup`."""
    return Cleaner(
        thresholds=Thresholds(
            markup=markup["weights"],
            article_tokens=markup["article_tokens"],
            furniture_tokens=markup["furniture_tokens"],
            region_share=markup["region_share"],
        )
    )


def _weights(markup: dict[str, Any]) -> tuple[float, ...]:
    return tuple(float(markup["weights"].get(n, 0.0)) for n in MARKUP_FEATURES)


def _mean(scores: dict[str, list[PageScore | SnippetPage]]) -> float:
    """The mean over sets of each set's F1."""
    return sum(fit_cleaner.set_f1(found) for found in scores.values()) / len(scores)


def _moves() -> list[tuple[str, str, tuple[float, ...]]]:
    """The numbers the ascent moves: (section, name, steps)."""
    found: list[tuple[str, str, tuple[float, ...]]] = [("", "region_share", REGION_STEPS)]
    return found + [("weights", name, MARKUP_STEPS) for name in MARKUP_FEATURES]


def _get(markup: dict[str, Any], section: str, name: str) -> float:
    return float((markup[section] if section else markup).get(name, 0.0))


def _set(markup: dict[str, Any], section: str, name: str, value: float) -> dict[str, Any]:
    trial = {**markup, "weights": dict(markup["weights"])}
    (trial[section] if section else trial)[name] = round(value, DIGITS)
    return trial


def fit(
    sets: dict[str, list[HtmlPage]],
    *,
    log: bool = False,
    start: dict[str, Any] | None = None,
    rounds: int = ROUNDS,
    scale: float = 1.0,
) -> dict[str, Any]:
    """The ``markup`` section fitted on `sets` (see the module): the vocabulary of their
    pages, then the ascent on every `SEARCH_EVERY`-th page, from zero weights and no
    region share, or from the weights and region share of `start` (a ``markup``
    section), for at most `rounds` rounds, the steps times `scale` at first."""
    article, furniture = derive_vocabulary([p for pages in sets.values() for p in pages])
    if log:
        print(f"vocabulary: article {article}\nfurniture {furniture}", flush=True)
    for pages in sets.values():
        for page in pages:
            page.set_vocabulary(frozenset(article), frozenset(furniture))
    search = {name: pages[::SEARCH_EVERY] for name, pages in sets.items()}
    start = start or {}
    markup: dict[str, Any] = {
        "weights": {n: float(start.get("weights", {}).get(n, 0.0)) for n in MARKUP_FEATURES},
        "article_tokens": article,
        "furniture_tokens": furniture,
        "region_share": float(start.get("region_share", 0.0)),
    }
    _reweigh(markup, search)
    cleaner = _cleaner(markup)
    scores = {name: [p.score(cleaner) for p in pages] for name, pages in search.items()}
    best = _mean(scores)
    if log:
        print(f"start: {best:.4f}", flush=True)
    for round_ in range(rounds):
        begin = best
        for section, name, steps in _moves():
            # only the pages with a line that has the feature (or a region) can change
            affected = {
                s: [k for k, page in enumerate(pages) if name in page.uses]
                for s, pages in search.items()
            }
            here = _get(markup, section, name)
            found = None
            for step in steps:
                value = here + step * scale
                if name == "region_share" and not 0.0 <= value <= 1.0:
                    continue
                trial = _set(markup, section, name, value)
                weights, cleaner = _weights(trial), _cleaner(trial)
                trial_scores = {s: list(v) for s, v in scores.items()}
                for s, ks in affected.items():
                    for k in ks:
                        page = search[s][k]
                        if section:
                            page.reweigh(weights)
                        trial_scores[s][k] = page.score(cleaner)
                f1 = _mean(trial_scores)
                if f1 > best + 1e-6:
                    best, found = f1, (trial, trial_scores)
            if found is not None:
                markup, scores = found
                if log:
                    print(f"round {round_}: {name} = {_get(markup, section, name)} "
                          f"-> {best:.4f}", flush=True)  # fmt: skip
            if section:
                _reweigh(markup, search)
        if best - begin < MIN_GAIN:
            if scale <= MIN_SCALE:
                break
            scale /= 2
    if log:  # the pages the moves left alone kept their scores: scored afresh, the same
        cleaner = _cleaner(markup)
        again = {name: [p.score(cleaner) for p in pages] for name, pages in search.items()}
        print(f"end: {best:.4f} (scored afresh {_mean(again):.4f})", flush=True)
    _reweigh(markup, sets)
    return markup


def _reweigh(markup: dict[str, Any], sets: dict[str, list[HtmlPage]]) -> None:
    weights = _weights(markup)
    for pages in sets.values():
        for page in pages:
            page.reweigh(weights)


def score_html(markup: dict[str, Any], pages: Sequence[HtmlPage]) -> bench_sets.SetScore:
    """The figures of a set on the markup path under `markup`, as
    ``benchmarks/html_bench.py`` computes them (its vocabulary and weights set on the
    pages)."""
    for page in pages:
        page.set_vocabulary(
            frozenset(markup["article_tokens"]), frozenset(markup["furniture_tokens"])
        )
        page.reweigh(_weights(markup))
    cleaner = _cleaner(markup)
    outputs = [bench_sets.output(p.run(cleaner), p.set) for p in pages]
    return bench_sets.score([p.bench for p in pages], outputs)


_SETS: dict[str, list[HtmlPage]] = {}


_OPTIONS: dict[str, Any] = {}


def _fit_without(held: str) -> bench_sets.SetScore:
    """Fit on every set but `held` (as the fit on all, `_OPTIONS`), and score `held`."""
    markup = fit({name: pages for name, pages in _SETS.items() if name != held}, **_OPTIONS)
    return score_html(markup, _SETS[held])


def _figures(s: bench_sets.SetScore) -> str:
    return f"P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.4f} empty {s.empty}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?")
    parser.add_argument("--sets", nargs="*", default=(), help="only these sets (by name)")
    parser.add_argument("--out", type=Path, help=f"where the model goes (default {MODEL.name})")
    parser.add_argument("--table", type=Path, help="write the leave-one-set-out table here")
    parser.add_argument("--no-holdout", action="store_true")
    parser.add_argument(
        "--hold-out", metavar="SET", help="only fit on the other sets and score this one"
    )
    parser.add_argument("--jobs", type=int, default=1, help="held-out fits run at once")
    parser.add_argument(
        "--start",
        type=Path,
        help="start from the markup numbers of this model file (default: from zero)",
    )
    parser.add_argument("--rounds", type=int, default=ROUNDS, help=f"(default {ROUNDS})")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="the steps' first scale (default 1)"
    )
    args = parser.parse_args(argv)
    root = args.root or bench_sets.default_root()
    sets = load_html_sets(root, args.sets, Cleaner())
    _SETS.update(sets)
    start = None
    if args.start is not None:
        start = json.loads(args.start.read_text("utf-8")).get("markup")
        if not start:
            raise SystemExit(f"{args.start} has no markup section to start from")
    options = {"start": start, "rounds": args.rounds, "scale": args.scale}
    _OPTIONS.update(options)
    if args.hold_out:
        if args.hold_out not in sets:
            raise SystemExit(f"no set {args.hold_out!r}; the sets are {list(sets)}")
        alone = _fit_without(args.hold_out)
        print(f"held out {args.hold_out}: {_figures(alone)}")
        return 0
    markup = fit(sets, log=True, **options)
    scores = {name: score_html(markup, pages) for name, pages in sets.items()}
    for name, s in scores.items():
        print(f"{name:<10} fitted on all: {_figures(s)}", flush=True)
    markup["fitted_by"] = "scripts/fit_markup.py"
    markup["fitted_with"] = "the line and context model of this file held fixed"
    markup["fitted_on"] = {name: len(pages) for name, pages in sets.items()}
    markup["scores"] = {
        name: {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
               "f1": round(s.f1, 3), "empty": s.empty}
        for name, s in scores.items()
    }  # fmt: skip
    markup["search_every"] = SEARCH_EVERY
    markup["fitted_from"] = (
        "zero weights and no region share"
        if start is None
        else f"the markup numbers of {args.start.name} (weights, region_share), "
        f"{args.rounds} rounds at scale {args.scale}"
    )
    model = json.loads(MODEL.read_text("utf-8"))
    model["markup"] = markup
    out = args.out or MODEL
    out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    if args.no_holdout:
        return 0
    names = list(sets)
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            held_out = list(pool.map(_fit_without, names))
    else:
        held_out = [_fit_without(name) for name in names]
    clean_bench.held_out_table({name: scores[name] for name in names}, held_out, args.table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
