"""Fit every number of the cleaner from the benchmark sets, and check it set by set.

Usage: python scripts/fit_cleaner.py [ROOT] [--out FILE] [--table FILE] [--jobs N]
                                     [--no-holdout | --hold-out SET]

ROOT holds the sets of scraped pages with gold text (default: the `bench` folder of
$KARABAKH_SHARED, or of ../shared beside the repository; see benchmarks/clean_bench.py).
The fit is a coordinate ascent, deterministic (no sampling; a rerun writes the same file):

1. Every page is read once: its lines, their features (`_features.FEATURE_NAMES`), what the
   rules say of them, and the word 4-grams of its gold.
2. From the numbers of the previous release (`START_FILE`), each number in turn tries a few
   steps and keeps the best one that raises the mean F1 over the sets (each set weighing
   the same; the title and the body scored as benchmarks/clean_bench.py scores them, on
   every second page of each set: a snippet set such as `trafeval` by its snippet F1),
   leaves the title and body regions of the five seed documents exactly as shipped and
   keeps every rule's examples (tests/test_rules.py) holding. The
   first round leaves the line weights alone; a round that gains little halves the steps.
   The search only climbs, so it ends where the sets score at least as well as with the
   numbers it starts from; each release's fit goes on from where the last one ended (the
   numbers of release 1.3.0 were fitted by this script, at that release, from those of
   release 1.1.0). A fit that holds a set out starts from numbers of an earlier release
   fitted without that set (``without_release``), so that no held-out set has a say in its
   own score; with --out, it writes the numbers it found, for a later release to start from.
3. Numbers are rounded to four decimals before they are scored.

The model fitted on all sets is written to the package's ``cleaner_model.json``. Unless
--no-holdout, the script also fits on all sets but one and scores that one (each set in turn,
`trafeval` too, by its snippet F1), and prints the leave-one-set-out table (and writes it to
--table). `START_FILE` holds, for each set, numbers fitted without it: for `trafeval`,
release 1.6.0's numbers, fitted before it was a development set.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))  # conftest: the article the rules' examples sit in

import clean_bench  # noqa: E402

from karabakh_corpus import Cleaned, Cleaner, Thresholds  # noqa: E402
from karabakh_corpus.cleaner import features as _features  # noqa: E402
from karabakh_corpus.cleaner import thresholds as _numbers  # noqa: E402
from karabakh_corpus.cleaner.evaluate import (  # noqa: E402
    PageScore,
    Score,
    SnippetPage,
    score_pages,
    score_snippet_page,
    score_snippets,
)
from karabakh_corpus.cleaner.page import LineFacts, line_facts  # noqa: E402
from karabakh_corpus.cleaner.page import Page as CleanerPage  # noqa: E402
from karabakh_corpus.schema import Category  # noqa: E402

MODEL = Path(_numbers.__file__).with_name(_numbers.MODEL_FILE)
"""Where the fitted model ships: beside the module that reads it."""
DIGITS = 4
"""Shipped numbers are rounded to this many decimals (the search runs on the rounded ones)."""
FIXED = {"heading_words": 12}
START_FILE = Path(__file__).with_name("fit_start.json")
"""Where the search starts: the numbers of release ``release``, fitted on all sets
(``all``), and for each set the numbers of release ``without_release`` fitted on the other
sets only (``without``)."""


def load_start(path: Path = START_FILE) -> dict[str, Any]:
    """The starting numbers (`START_FILE`): ``release`` and ``all``, ``without_release``
    and ``without`` by set."""
    try:
        start = json.loads(path.read_text(encoding="utf-8"))
        models = [start["all"], *start["without"].values()]
        names = (start["release"], start["without_release"])
        if not all(isinstance(name, str) for name in names) or not all(
            isinstance(m["line"]["weights"], dict)
            and isinstance(m["context"]["weights"], dict)
            and isinstance(m["thresholds"], dict)
            for m in models
        ):
            raise TypeError("a release name and, for each model, line, context and thresholds")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SystemExit(f"{path}: not a file of starting numbers ({exc!r})") from exc
    return dict(start)


LINE_STEPS = (-0.5, -0.2, 0.2, 0.5)
CONTEXT_STEPS = (-0.5, -0.2, 0.2, 0.5)
THRESHOLD_STEPS = (-0.1, -0.05, 0.05, 0.1)
OUTSIDE_STEPS = (-0.3, -0.1, -0.05, 0.05)
STEPS = {
    "outside": OUTSIDE_STEPS,
    "fallback": (-0.2, -0.1, 0.1, 0.2),
    "anchor": (-0.4, -0.2, 0.2, 0.4),
    "anchor_body": (-0.2, -0.1, 0.1, 0.2),
    "trim": (-0.5, -0.25, 0.5, 1.0),
    "barrier_weight": (-40.0, -20.0, 20.0, 40.0),
    "thread_text": (-500.0, -200.0, 200.0, 500.0),
    "list_words": (-10.0, -5.0, 5.0, 10.0),
}
"""Steps of the thresholds that are not probabilities (or move in larger strides)."""
LIMITS = {
    "anchor": (0.0, 10.0),
    "trim": (0.0, 100.0),
    "thread_text": (0.0, 1e6),
    "list_words": (0.0, 200.0),
    "barrier_weight": (0.0, 1e4),
}
"""The range of the thresholds that are not in (0, 1]."""


class Page:
    """One page, read once: its lines, their rows of features, their tokens and its gold
    (gold text, or with `snippets` the snippets its article must and must not hold)."""

    def __init__(
        self,
        text: str,
        gold: str,
        title: bool,
        snippets: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
    ) -> None:
        self.text = text
        self.raw_gold = gold
        self.title = title
        self.snippets = snippets
        self.spans, page = _PROBE._read(text)
        self.lines, self.base = page.lines, page.facts
        self.rows = [_features.describe(line)[0] for line in self.lines]
        self.tokens = [_WORD.findall(line) for line in self.lines]
        self.gold = grams(_WORD.findall(gold))
        self.facts: Sequence[LineFacts] = self.base

    def relabel(self, weights: Sequence[float], bias: float) -> None:
        """Recompute the first-stage score of every line for new line weights."""
        self.facts = rescored(
            self.base,
            [bias + sum(w * x for w, x in zip(weights, row, strict=True)) for row in self.rows],
        )

    def score(self, cleaner: Cleaner) -> PageScore | SnippetPage:
        """The page's score under `cleaner`, as benchmarks/clean_bench.py computes it."""
        result = cleaner._run(self.text, self.spans, CleanerPage(self.lines, self.facts))
        if self.snippets is not None:
            return score_snippet_page(clean_bench.snippet_article(result), *self.snippets)
        return gram_score(result, self.tokens, self.gold, self.title)


def rescored(facts: Sequence[LineFacts], scores: Sequence[float]) -> list[LineFacts]:
    """`facts` with each line's first-stage score replaced by its score in `scores`."""
    return [
        line_facts(z, f.words, f.rule, f.label, f.empty, f.shape, f.capitalized)
        for z, f in zip(scores, facts, strict=True)
    ]


def gram_score(
    result: Cleaned,
    tokens: Sequence[list[str]],
    gold: Counter[tuple[str, ...]],
    title: bool,
) -> PageScore:
    """A page's word 4-gram score, as `score_pages` counts it: the words (`tokens`, one
    list per line) of the lines `result` labels title (the first, when `title`) and
    paragraph, against the `gold` 4-grams."""
    labels = result._labels
    kept: list[str] = []
    if title:
        for (category, _rule), words in zip(labels, tokens, strict=True):
            if category is Category.TITLE:
                kept += words
                break
    for (category, _rule), words in zip(labels, tokens, strict=True):
        if category is Category.PARAGRAPH:
            kept += words
    predicted = grams(kept)
    tp = sum((predicted & gold).values())
    return PageScore(tp, sum(predicted.values()) - tp, sum(gold.values()) - tp)


_WORD = re.compile(r"\w+")
_PROBE = Cleaner()


def grams(tokens: list[str]) -> Counter[tuple[str, ...]]:
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(zip(tokens, tokens[1:], tokens[2:], tokens[3:], strict=False))


def set_f1(pages: Sequence[PageScore | SnippetPage]) -> float:
    """A set's F1: of the counts summed over its pages on a snippet set (as
    `score_snippets`), else of the mean precision and recall over pages (as `score_pages`)."""
    if pages and isinstance(pages[0], SnippetPage):
        snippets = cast("Sequence[SnippetPage]", pages)
        tp = sum(p.tp for p in snippets)
        total = 2 * tp + sum(p.fp + p.fn for p in snippets)
        return 2 * tp / total if total else 0.0
    pages = cast("Sequence[PageScore]", pages)
    ps = [s.precision for s in pages if s.precision is not None]
    rs = [s.recall for s in pages if s.recall is not None]
    mp = sum(ps) / len(ps) if ps else 0.0
    mr = sum(rs) / len(rs) if rs else 0.0
    return 2 * mp * mr / (mp + mr) if mp + mr else 0.0


def _thresholds(model: dict[str, Any]) -> Thresholds:
    """The `Thresholds` of a model: its thresholds are named as the fields they fill."""
    return Thresholds(
        weights=model["line"]["weights"],
        bias=model["line"]["bias"],
        context=model["context"]["weights"],
        context_bias=model["context"]["bias"],
        **model["thresholds"],
    )


def _objective(model: dict[str, Any], sets: dict[str, list[Page]]) -> float:
    """The mean over sets of each set's F1."""
    cleaner = Cleaner(thresholds=_thresholds(model))
    return sum(set_f1([p.score(cleaner) for p in pages]) for pages in sets.values()) / len(sets)


def _seeds_exact(model: dict[str, Any], seeds: list[tuple[str, Any]]) -> bool:
    """True if the five seed documents keep their regions, and every rule's examples hold."""
    cleaner = Cleaner(thresholds=_thresholds(model))
    for raw, regions in seeds:
        if _body(cleaner.clean(raw).regions) != regions:
            return False
    return _examples_hold(model)


def _body(regions: Sequence[Any]) -> list[tuple[int, int, Category]]:
    """The title and paragraph regions of a document, by their offsets: its body as the
    corpus ships it (the corpus corrects the category of some metadata lines by hand, so
    those are not compared)."""
    return [
        (r.start, r.end, r.category)
        for r in regions
        if r.category in (Category.TITLE, Category.PARAGRAPH)
    ]


def _examples_hold(model: dict[str, Any]) -> bool:
    """The contract of the rule table's examples (tests/test_rules.py): with a rule's line
    inside an article, the article stays whole; the line goes if the rule must drop it and
    stays (between the article's second and third paragraphs) if it must keep it."""
    from conftest import ARTICLE, page_with

    from karabakh_corpus import _textmap
    from karabakh_corpus.rules import GENERIC_RULES, PROFILES

    th = _thresholds(model)
    tables = [(Cleaner(thresholds=th), GENERIC_RULES)]
    tables += [(Cleaner(profile=name, thresholds=th), rules) for name, rules in PROFILES.items()]
    article = tuple(ARTICLE)
    for cleaner, rules in tables:
        for rule in rules:
            for line in rule.examples_drop:
                result = cleaner.clean(page_with(line))
                if result.paragraphs != article or _textmap.normalize(line) not in {
                    _textmap.normalize(r.text) for r in result.stripped
                }:
                    return False
            for line in rule.examples_keep:
                kept = (*ARTICLE[:2], _textmap.normalize(line), *ARTICLE[2:])
                if cleaner.clean(page_with(line)).paragraphs != kept:
                    return False
    return True


def _relabel(model: dict[str, Any], sets: dict[str, list[Page]]) -> None:
    weights = [model["line"]["weights"].get(n, 0.0) for n in _features.LINE_FEATURES]
    for pages in sets.values():
        for page in pages:
            page.relabel(weights, model["line"]["bias"])


def _moves(
    model: dict[str, Any], with_line: bool
) -> list[tuple[tuple[str, ...], tuple[float, ...]]]:
    """Each number the search may change (its path in the model) with the steps it tries."""
    moves: list[tuple[tuple[str, ...], tuple[float, ...]]] = []
    for name in ("body", "keep", "extend", "rule_weight"):
        moves.append((("thresholds", name), THRESHOLD_STEPS))
    for name, steps in STEPS.items():
        moves.append((("thresholds", name), steps))
    for name in _numbers.CONTEXT_NAMES:
        moves.append((("context", "weights", name), CONTEXT_STEPS))
    moves.append((("context", "bias"), CONTEXT_STEPS))
    if with_line:
        for name in _features.FEATURE_NAMES:
            moves.append((("line", "weights", name), LINE_STEPS))
        moves.append((("line", "bias"), LINE_STEPS))
    return moves


def _get(model: dict[str, Any], path: tuple[str, ...]) -> float:
    node: Any = model
    for key in path[:-1]:
        node = node[key]
    return float(node.get(path[-1], 0.0))


def _set(model: dict[str, Any], path: tuple[str, ...], value: float) -> dict[str, Any]:
    new = copy.deepcopy(model)
    node: Any = new
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = round(value, DIGITS)
    return new


def fit_model(
    sets: dict[str, list[Page]],
    seeds: list[tuple[str, Any]],
    start: dict[str, Any],
    *,
    log: bool = False,
) -> dict[str, Any]:
    """Coordinate ascent on the mean F1 of `sets`, from `start`, keeping the seeds exact.

    Round by round, each number in turn tries its steps; the best step that raises the mean
    F1 and keeps the five seed documents' regions as shipped is taken. The first rounds
    leave the line weights alone (cheap moves), the last one moves them too.
    """
    sets = {name: list(pages[::SEARCH_EVERY]) for name, pages in sets.items()}
    model = {key: copy.deepcopy(start[key]) for key in ("line", "context", "thresholds")}
    if not _seeds_exact(model, seeds):
        raise SystemExit("the starting numbers already change a seed document's regions")
    _relabel(model, sets)
    best = _objective(model, sets)
    if log:
        print(f"start: mean F1 {best:.4f}", flush=True)
    scale = 1.0
    for round_ in range(ROUNDS):
        with_line = round_ >= LINE_FROM
        start = best
        for path, steps in _moves(model, with_line):
            here = _get(model, path)
            found = None
            for step in steps:
                value = here + step * scale
                low, high = LIMITS.get(path[-1], (0.0, 1.0))
                if path[0] == "thresholds" and not low < value <= high:
                    continue
                trial = _set(model, path, value)
                if path[0] == "line":
                    _relabel(trial, sets)
                f1 = _objective(trial, sets)
                if f1 > best + 1e-6 and _seeds_exact(trial, seeds):
                    best, found = f1, trial
            if path[0] == "line":
                _relabel(model if found is None else found, sets)
            if found is not None:
                model = found
                if log:
                    print(f"{'.'.join(path)} = {_get(model, path)}: {best:.4f}", flush=True)
        if best < start + MIN_GAIN and with_line:
            scale /= 2
            if scale < MIN_SCALE:
                break
        if log:
            print(f"round {round_ + 1}: mean F1 {best:.4f}, next steps x{scale}", flush=True)
    return model


ROUNDS = 10
"""The most rounds of the search."""
LINE_FROM = 1
"""The first round (from 0) that also moves the line weights."""
MIN_GAIN = 0.0005
"""A round that raises the mean F1 by less halves the steps of the next ..."""
MIN_SCALE = 0.25
"""... and the search ends when the steps would fall below this share of their size."""
SEARCH_EVERY = 2
"""The search scores every second page of each set (in the order of their ids), for speed;
the figures reported are on every page. (Every fourth page, as up to release 1.4.0, missed
steps that raise the score on every page: a held-out fit then stopped far lower.)"""


def load_pages(folder: Path) -> list[Page]:
    """The pages of a set folder, of gold text or of snippets (`clean_bench.snippet_set`)."""
    if clean_bench.snippet_set(folder):
        return [
            Page(text, "", True, (with_, without))
            for _i, text, with_, without in clean_bench.load_snippets(folder)
        ]
    return [
        Page(text, gold, clean_bench.with_title(folder.name))
        for _i, text, gold in clean_bench.load_set(folder)
    ]


def load_seeds() -> list[tuple[str, Any]]:
    """The raw text of each shipped document with its shipped title and body (`_body`)."""
    import karabakh_corpus as kc

    return [(doc.raw, _body(doc.regions)) for doc in kc.load()]


def score_model(model: dict[str, Any], pages: list[Page]) -> Any:
    """The benchmark's score of `model` on `pages`, through the public cleaner."""
    cleaner = Cleaner(thresholds=_thresholds(model))
    if pages and pages[0].snippets is not None:
        return score_snippets(
            (clean_bench.snippet_article(cleaner.clean(p.text)), *p.snippets)
            for p in pages
            if p.snippets is not None
        )
    return score_pages(
        (clean_bench.article(cleaner.clean(p.text), p.title), p.raw_gold) for p in pages
    )


_HOLDOUT: dict[str, Any] = {}
"""The sets and seeds the leave-one-set-out fits read (inherited by forked workers)."""


def _fit_without(held: str) -> Any:
    """Fit on every set but `held`, from numbers that never saw `held`, and score `held`."""
    sets, seeds = _HOLDOUT["sets"], _HOLDOUT["seeds"]
    rest = {name: pages for name, pages in sets.items() if name != held}
    return score_model(fit_model(rest, seeds, _start_without(held)), sets[held])


def _shipped_model() -> dict[str, Any]:
    """The model the package ships now."""
    found: dict[str, Any] = json.loads(MODEL.read_text("utf-8"))
    return found


def _start_without(held: str) -> dict[str, Any]:
    start = _HOLDOUT["start"]
    if held not in start["without"]:
        raise SystemExit(
            f"{START_FILE.name} holds no numbers fitted without {held!r}: a held-out fit "
            "must not start from numbers that saw the set it is scored on"
        )
    return dict(start["without"][held])


def _pool(jobs: int) -> Any:
    """An executor of `jobs` forked processes (the fits are independent), or one in turn."""
    if jobs <= 1:
        import contextlib

        class _Serial:
            map = staticmethod(map)

        return contextlib.nullcontext(_Serial())
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?")
    parser.add_argument(
        "--out",
        type=Path,
        help=f"where the model goes (default {MODEL.name} in the package; with --hold-out, "
        "the numbers fitted without the set are written only if given)",
    )
    parser.add_argument("--table", type=Path)
    parser.add_argument("--no-holdout", action="store_true")
    parser.add_argument("--hold-out", metavar="SET", help="only fit without SET and score it")
    parser.add_argument(
        "--jobs", type=int, default=1, help="leave-one-set-out fits run at once (default 1)"
    )
    args = parser.parse_args(argv)
    folders = clean_bench.set_dirs([args.root or clean_bench.default_root()])
    sets = {f.name: load_pages(f) for f in folders}
    seeds = load_seeds()
    start = load_start()
    _HOLDOUT.update(sets=sets, seeds=seeds, start=start)
    if args.hold_out:
        rest = {name: pages for name, pages in sets.items() if name != args.hold_out}
        alone = fit_model(rest, seeds, _start_without(args.hold_out), log=True)
        s = score_model(alone, sets[args.hold_out])
        print(f"held out {args.hold_out}: P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}")
        if args.out:
            alone["fitted_without"] = args.hold_out
            args.out.write_text(json.dumps(alone, indent=1, sort_keys=True) + "\n", "utf-8")
            print(f"wrote {args.out}")
        return 0
    model = fit_model(sets, seeds, start["all"], log=True)
    scores = {name: score_model(model, pages) for name, pages in sets.items()}
    model["fitted_on"] = {name: len(pages) for name, pages in sets.items()}
    model["scores"] = {
        name: {
            "precision": round(s.precision, 3),
            "recall": round(s.recall, 3),
            "f1": round(s.f1, 3),
            **(
                {"share_f1_090": round(s.share_f1_090, 2)}
                if isinstance(s, Score)
                else {"share_found": round(sum(not p.empty for p in s.pages) / len(s.pages), 2)}
            ),
        }
        for name, s in scores.items()
    }
    model["fitted_by"] = "scripts/fit_cleaner.py"
    model["fitted_from"] = f"the numbers of release {start['release']} ({START_FILE.name})"
    model["search_every"] = SEARCH_EVERY
    out = args.out or MODEL
    if "markup" in _shipped_model():
        # the HTML path's numbers, fitted by scripts/fit_markup.py on top of these: kept
        # until it is run again
        model["markup"] = _shipped_model()["markup"]
    out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    for name, s in scores.items():
        print(f"{name:<10} fitted on all: P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}")
    if args.no_holdout:
        return 0
    with _pool(args.jobs) as pool:
        held_out = list(pool.map(_fit_without, list(sets)))
    clean_bench.held_out_table({name: scores[name] for name in sets}, held_out, args.table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
