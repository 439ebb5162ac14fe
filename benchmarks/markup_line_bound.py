"""How much the markup path could gain from a line and context model of its own.

Usage: python benchmarks/markup_line_bound.py [ROOT] [--rounds N] [--every K]

The markup path (``clean_html``) weighs each line with the text path's line and context
model plus its markup features (``cleaner_model.json``: ``line`` and ``context`` fitted by
``scripts/fit_cleaner.py`` on the text path, ``markup`` by ``scripts/fit_markup.py`` with
them held fixed). A joint fit would move the line and context weights for both paths at
once; this script measures an upper bound of what that can give the markup path: the
markup path alone, with line and context weights free to move away from the text path's
(the text path is not scored, so no move is held back by it).

The pages are read as ``scripts/fit_markup.py`` reads them (`fit_markup.load_html_sets`:
the pages whose HTML renders as their ``text/ID.txt``, with the shipped vocabulary and
markup weights), and every --every-th page of each set (default 2, as the fits search) is
scored as the fits score it (word 4-gram F1; the snippet score on ``trafeval/``). A
deterministic coordinate ascent then moves, for at most --rounds rounds, a shift of each
line weight (`LINE_FEATURES`) and of the line bias, added to each line's first-stage
score on the markup path only, then each context weight and the context bias, by the
steps of the text path's fit (-0.5, -0.2, 0.2, 0.5). It prints every step taken and the
mean F1 over the five sets with each set's F1 after each round.

Measured for release 1.11.0 (two rounds, every second page, 443 s of CPU): the mean went
from 0.9276 to 0.9284, `trafeval/` +0.0046 and `dev/` -0.0005; see docs/cleaner-model.md,
*Release 1.11.0* and *Limits of the markup path*.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))

import attrs  # noqa: E402
import bench_sets  # noqa: E402
import fit_cleaner  # noqa: E402
import fit_markup  # noqa: E402

from karabakh_corpus import Cleaner, Thresholds  # noqa: E402
from karabakh_corpus.cleaner import features as _features  # noqa: E402
from karabakh_corpus.cleaner import thresholds as _numbers  # noqa: E402

LINE_FEATURES = _features.LINE_FEATURES
STEPS = (-0.5, -0.2, 0.2, 0.5)
"""The steps of the text path's fit (`fit_cleaner.LINE_STEPS`, `fit_cleaner.CONTEXT_STEPS`)."""


class Bound:
    """The pages searched, with each line's features, and the shifts of the line model."""

    def __init__(self, sets: dict[str, list[fit_markup.HtmlPage]]) -> None:
        self.sets = sets
        self.rows = {
            name: [[_features.describe(line)[0] for line in page.lines] for page in pages]
            for name, pages in sets.items()
        }
        self.base = {name: [page.facts for page in pages] for name, pages in sets.items()}

    def shift(self, shifts: list[float], bias: float) -> None:
        """Add `bias` and the `shifts` of the line weights to every line's score."""
        for name, pages in self.sets.items():
            for page, rows, facts in zip(pages, self.rows[name], self.base[name], strict=True):
                page.facts = fit_cleaner.rescored(
                    facts,
                    [
                        f.score + bias + sum(s * x for s, x in zip(shifts, row, strict=True))
                        for row, f in zip(rows, facts, strict=True)
                    ],
                )

    def score(self, thresholds: Thresholds) -> tuple[float, dict[str, float]]:
        """The mean F1 over the sets and each set's F1, on the markup path."""
        cleaner = Cleaner(thresholds=thresholds)
        found = {
            name: fit_cleaner.set_f1([page.score(cleaner) for page in pages])
            for name, pages in self.sets.items()
        }
        return sum(found.values()) / len(found), found


def _figures(found: dict[str, float]) -> str:
    return " ".join(f"{name} {f1:.4f}" for name, f1 in found.items())


def ascend(bound: Bound, thresholds: Thresholds, rounds: int) -> None:
    """The coordinate ascent of the module, printing each step it takes."""
    shifts = [0.0] * len(LINE_FEATURES)
    bias = 0.0
    best, found = bound.score(thresholds)
    print(f"start: mean {best:.4f} ({_figures(found)})", flush=True)
    for round_ in range(rounds):
        for j, name in enumerate((*LINE_FEATURES, "bias")):
            taken = None
            for step in STEPS:
                trial = list(shifts)
                trial_bias = bias
                if name == "bias":
                    trial_bias = round(bias + step, 4)
                else:
                    trial[j] = round(shifts[j] + step, 4)
                bound.shift(trial, trial_bias)
                mean, figures = bound.score(thresholds)
                if mean > best + 1e-6:
                    best, taken = mean, (trial, trial_bias, figures)
            if taken is not None:
                shifts, bias, figures = taken
                shift = bias if name == "bias" else shifts[j]
                print(f"line {name} shifted {shift:+.2f}: {best:.4f} ({_figures(figures)})")
            bound.shift(shifts, bias)
        for name in (*_numbers.CONTEXT_NAMES, "bias"):
            taken_th = None
            for step in STEPS:
                if name == "bias":
                    trial_th = attrs.evolve(
                        thresholds, context_bias=round(thresholds.context_bias + step, 4)
                    )
                else:
                    context = dict(thresholds.context)
                    context[name] = round(context.get(name, 0.0) + step, 4)
                    trial_th = attrs.evolve(thresholds, context=context)
                mean, figures = bound.score(trial_th)
                if mean > best + 1e-6:
                    best, taken_th = mean, (trial_th, figures)
            if taken_th is not None:
                thresholds, figures = taken_th
                print(f"context {name}: {best:.4f} ({_figures(figures)})", flush=True)
        print(f"round {round_ + 1}: mean {best:.4f}", flush=True)
    print(f"line shifts: {dict(zip(LINE_FEATURES, shifts, strict=True))}, bias {bias}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--every", type=int, default=fit_markup.SEARCH_EVERY)
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.every < 1:
        parser.error("--rounds and --every must be at least 1")
    start = time.process_time()
    root = args.root or bench_sets.default_root()
    markup: dict[str, Any] = json.loads(fit_markup.MODEL.read_text("utf-8"))["markup"]
    sets = fit_markup.load_html_sets(root, (), Cleaner())
    search = {name: pages[:: args.every] for name, pages in sets.items()}
    for pages in search.values():
        for page in pages:
            page.set_vocabulary(
                frozenset(markup["article_tokens"]), frozenset(markup["furniture_tokens"])
            )
    fit_markup._reweigh(markup, search)
    bound = Bound(search)
    ascend(bound, fit_markup._cleaner(markup).thresholds, args.rounds)
    print(f"CPU {time.process_time() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
