"""Why the text path loses whole articles: for each such page, the label and the pass.

Usage: python benchmarks/text_losses.py [ROOT] [--sets NAME ...] [--every K] [--recall R]
                                        [--pages]

A page loses its article when the gold has text and the text path's output (``clean()`` on
``text/ID.txt``, scored as the set is) is empty, finds no wanted snippet (snippet gold), or
keeps less than --recall of the gold's word 4-grams (whole gold text). For each such page
it runs the cleaner's rounds of passes itself (as ``Cleaner._run`` does, over the table
``karabakh_corpus.cleaner.passes.PASSES``), records where the body run stood after each
pass that sets it (the densest run, ``below_title``, ``fallback``, ``past_box``,
``extend``, ``introduced_list``, ``thread_start``, ``named_thread``), and reads which labels
the gold's lines (``markup_lines.gold_labels``) ended with. The cause is:

- the label that removed most of the gold's characters, when a rule, a shape or a pass
  before the body run gave it (``after-RULE`` from ``headings``, a rule's name...);
- else the first step after which most of the gold's characters lay outside the run, on
  the round that removed them (``densest run`` when the densest run never held them);
- else ``body-low-text`` (kept out inside the run) or the pass's own label.

It prints, for each set, the pages with gold text, those that came out empty and those that
lost their article, then the pages grouped by cause, and with --pages one line per page
(the share of the gold's characters each label took, and the article's gain against the
densest run's on the first round).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sets
import markup_lines

from karabakh_corpus import Cleaner
from karabakh_corpus.cleaner import blocks, body, threads
from karabakh_corpus.cleaner import passes as _passes
from karabakh_corpus.cleaner.page import Label
from karabakh_corpus.schema import Category

RUN_STEPS = {
    body.body_run: "densest run",
    body.below_title: "below_title",
    body.fallback: "fallback",
    body.past_box: "past_box",
    body.extend: "extend",
    body.introduced_list: "introduced_list",
    threads.thread_start: "thread_start",
    threads.named_thread: "named_thread",
}
"""The passes that set the body run, with the name the causes give them."""


class Trace:
    """One page's rounds of passes: on each, the lines it labelled (indices of the page),
    the body run after each step, and the first round's gains and title line."""

    def __init__(self) -> None:
        self.rounds: list[list[tuple[str, int, int]]] = []
        self.actives: list[list[int]] = []
        self.gains: dict[int, float] = {}
        """The first round's gains, by line of the page."""
        self.relabelled: set[int] = set()
        """The lines `after_headings` relabelled (outside the body, below a heading)."""
        self.title = -1
        """The title line of the first round."""


def traced_labels(cleaner: Cleaner, text: str) -> tuple[list[Label], Trace, list[str]]:
    """The labels of the lines of `text`, the trace of its rounds and its lines."""
    _spans, page = cleaner._read(text)
    thresholds = cleaner.thresholds
    trace = Trace()
    labels: list[Label] = [(Category.BOILERPLATE, "")] * len(page)
    active: list[int] = list(range(len(page)))
    current = page
    for _ in range(thresholds.max_passes):
        trace.actives.append(active)
        steps: list[tuple[str, int, int]] = []
        trace.rounds.append(steps)
        if len(current):
            for step in _passes.PASSES:
                before = list(current.labels) if step is blocks.after_headings else None
                step(current, thresholds)
                name = RUN_STEPS.get(step)
                if name is not None:
                    steps.append((name, *_on_page(active, current.start, current.stop)))
                if before is not None:
                    for k, (a, b) in enumerate(zip(before, current.labels, strict=True)):
                        if a is not b:
                            trace.relabelled.add(active[k])
            if len(trace.rounds) == 1:
                trace.title = active[current.title] if current.title >= 0 else -1
                trace.gains = dict(zip(active, current.gains, strict=True))
        kept = []
        for i, label in zip(active, cast("list[Label]", current.labels), strict=True):
            labels[i] = label
            if label[0] is Category.PARAGRAPH:
                kept.append(i)
        if len(kept) == len(active):
            break
        active = kept
        current = page.subset(kept)
    return labels, trace, list(page.lines)


def _on_page(active: Sequence[int], start: int, stop: int) -> tuple[int, int]:
    """The run ``[start, stop)`` of a round's lines as indices of the page."""
    first = active[start] if start < len(active) else (active[-1] + 1 if active else 0)
    last = active[stop - 1] + 1 if stop > 0 else first
    return first, max(first, last)


def cause(
    labels: Sequence[Label], gold: Sequence[int], sizes: Sequence[int], trace: Trace
) -> tuple[str, Counter[str]]:
    """The cause of a lost article (see the module) and the share of the gold's characters
    that each label took."""
    taken: Counter[str] = Counter()
    total = 0
    for i, ((category, reason), g, n) in enumerate(zip(labels, gold, sizes, strict=True)):
        if g == 1:
            total += n
            if i in trace.relabelled:
                reason = "outside-body"  # then relabelled by `after_headings`
            if category.stripped:
                taken[reason or category.value] += n
    shares = Counter({k: v / total for k, v in taken.items()}) if total else Counter()
    if not taken:
        return "kept (scored low for other reasons)", shares
    top, _n = taken.most_common(1)[0]
    if top not in ("outside-body", "body-low-text"):
        return f"label {top}", shares
    # the round that removed most gold characters, and the first step that left them out
    removed = _removed_on(trace, len(labels))
    on: Counter[int] = Counter()
    for p, g, n in zip(removed, gold, sizes, strict=True):
        if g == 1 and p >= 0:
            on[p] += n
    if not on:
        return top, shares
    round_ = on.most_common(1)[0][0]
    gold_lines = [i for i, g in enumerate(gold) if g == 1]
    for step, start, stop in trace.rounds[round_]:
        inside = sum(sizes[i] for i in gold_lines if start <= i < stop)
        if 2 * inside < total:
            where = "" if round_ == 0 else f" (round {round_ + 1})"
            if step == "densest run" and round_ == 0:
                where += _densest_detail(trace, gold_lines, start, stop)
            return f"{step}{where}", shares
    return f"{top} inside the run", shares


def _densest_detail(trace: Trace, gold_lines: Sequence[int], start: int, stop: int) -> str:
    """Where the densest run lay against the article (its gold lines but the page's first,
    its HTML title), and where the title line lay."""
    lines = [i for i in gold_lines if i > 0] or list(gold_lines)
    first, last = lines[0], lines[-1] + 1
    side = "below" if start >= last else "above" if stop <= first else "across"
    title = trace.title
    if title < 0:
        anchor = "no title line"
    elif title < first and first - title <= 20:
        anchor = "title line right above"
    else:
        anchor = "title line elsewhere"
    return f": furniture {side} the article, {anchor}"


def _gain_ratio(trace: Trace, gold_lines: Sequence[int]) -> str:
    """The gold lines' gain (positive part) against the densest run's, on the first round."""
    if not trace.rounds or not trace.rounds[0]:
        return ""
    _step, start, stop = trace.rounds[0][0]
    gains = trace.gains
    densest = sum(g for i, g in gains.items() if start <= i < stop)
    article = sum(max(gains.get(i, 0.0), 0.0) for i in gold_lines if i > 0)
    return f"article gain {article / densest:.2f} of the densest run's" if densest > 0 else ""


def _removed_on(trace: Trace, n: int) -> list[int]:
    """For each line, the round on which it left the lines kept (-1 if kept to the end)."""
    out = [-1] * n
    actives = trace.actives
    for k in range(len(actives) - 1):
        after = set(actives[k + 1])
        for i in actives[k]:
            if i not in after:
                out[i] = k
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?")
    parser.add_argument("--sets", nargs="*", default=())
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--recall", type=float, default=0.5)
    parser.add_argument("--pages", action="store_true")
    args = parser.parse_args(argv)
    root = args.root or bench_sets.default_root()
    cleaner = Cleaner()
    groups: dict[str, list[str]] = defaultdict(list)
    rows = []
    for name in bench_sets.set_names(root, args.sets):
        pages = bench_sets.load(root, name, args.every)
        outputs = [bench_sets.output(cleaner.clean(p.text), name) for p in pages]
        score = bench_sets.score(pages, outputs)
        lost = []
        for page, out, per_page in zip(pages, outputs, score.pages, strict=True):
            if not page.has_gold_text:
                continue
            empty = not bench_sets._WORD.search(out)
            if page.gold is None:
                missing = per_page == 0.0
            else:
                missing = bench_sets.score([page], [out]).recall < args.recall
            if empty or missing:
                lost.append((page, empty))
        print(
            f"{name}: {len(pages)} pages, {score.with_gold} with gold text; F1 {score.f1:.4f} "
            f"(P {score.precision:.4f} R {score.recall:.4f}); empty {score.empty}; "
            + (
                f"no wanted snippet {score.missed}"
                if pages[0].gold is None
                else f"recall below {args.recall}: {len(lost)}"
            ),
            flush=True,
        )
        for page, empty in lost:
            labels, trace, lines = traced_labels(cleaner, page.text)
            gold = markup_lines.gold_labels(page, lines)
            sizes = [len(x) for x in lines]
            why, shares = cause(labels, gold, sizes, trace)
            groups[f"{name}: {why}"].append(page.id)
            top = ", ".join(f"{k} {v:.2f}" for k, v in shares.most_common(3))
            ratio = _gain_ratio(trace, [i for i, g in enumerate(gold) if g == 1])
            rows.append(
                f"  {name:<10} {page.id[:44]:<44} {'empty ' if empty else ''}{why}"
                f" [{top}] {ratio}; {len(page.text)} chars"
            )
    print("\ncauses:")
    for key, ids in sorted(groups.items(), key=lambda kv: (kv[0].split(":")[0], -len(kv[1]))):
        print(f"  {key}: {len(ids)} ({', '.join(i[:24] for i in ids[:6])})")
    if args.pages:
        print("\npages:")
        print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
