"""Why the text path loses whole articles: for each such page, the label and the pass.

Usage: python benchmarks/text_losses.py [ROOT] [--sets NAME ...] [--every K] [--recall R]
                                        [--pages]

A page loses its article when the gold has text and the text path's output (``clean()`` on
``text/ID.txt``, scored as the set is) is empty, finds no wanted snippet (snippet gold), or
keeps less than --recall of the gold's word 4-grams (whole gold text). For each such page
it reads, on every pass of the cleaner, where the body run stood after each step that sets
it (the densest run, ``below_title``, the most probable line, ``past_box``, growing it line by
line, ``introduced_list``, ``thread_start``, ``named_thread``), and which labels the gold's
lines (``markup_lines.gold_labels``) ended with. The cause is:

- the label that removed most of the gold's characters, when a rule, a shape or a pass
  before the body run gave it (``after-RULE`` from ``headings``, a rule's name...);
- else the first step after which most of the gold's characters lay outside the run, on
  the pass that removed them (``densest run`` when the densest run never held them);
- else ``body-low-text`` (kept out inside the run) or the pass's own label.

It prints the pages grouped by cause, with the share of the gold's characters each label
took, and with --pages one line per page. It runs the cleaner's loop of passes itself
(``Cleaner._label`` on the lines still kept, as ``Cleaner._run`` does) to see each pass.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sets
import markup_lines

from karabakh_corpus import Cleaner
from karabakh_corpus.cleaner import core as _core
from karabakh_corpus.cleaner import model as _model
from karabakh_corpus.cleaner import passes as _passes
from karabakh_corpus.schema import Category

STEPS = ("below_title", "past_box", "introduced_list", "thread_start", "named_thread")
"""The passes that move the body run, in the order the cleaner calls them."""


class Trace:
    """The body run after each step, on each pass of one page (indices of the page)."""

    def __init__(self) -> None:
        self.passes: list[list[tuple[str, int, int]]] = []
        self.actives: list[list[int]] = []
        self.active: list[int] = []
        self.after_prob = False
        self.gains: list[dict[int, float]] = []
        """Each pass's gains of its lines, by line of the page."""
        self.relabelled: set[int] = set()
        """The lines `after_headings` relabelled (outside the body, below a heading)."""
        self.title = -1
        """The title line of the first pass."""
        self.decided: list[Any] = []
        """The labels of the last pass, of its lines."""

    def add(self, step: str, start: int, stop: int) -> None:
        """Record the run ``[start, stop)`` (indices among the pass's lines) after `step`."""
        a = self.active
        first = a[start] if start < len(a) else (a[-1] + 1 if a else 0)
        last = a[stop - 1] + 1 if stop > 0 else first
        self.passes[-1].append((step, first, max(first, last)))


_TRACE: list[Trace] = []
_START_ARG = {"past_box": 3, "introduced_list": 3, "thread_start": 3, "named_thread": 4}
"""Where each step that returns the run's end takes the run's start among its arguments."""


def _patched() -> list[tuple[Any, str, Any]]:
    """Wrap the steps that set the body run so that each records its result."""
    saved = []

    def wrap_run(name: str, returns_pair: bool) -> None:
        original = getattr(_passes, name)

        def step(*args: Any, **kwargs: Any) -> Any:
            out = original(*args, **kwargs)
            trace = _TRACE[-1]
            if returns_pair:
                trace.add(name, *out)
            else:
                trace.add(name, args[_START_ARG[name]], out)
            return out

        saved.append((_passes, name, original))
        setattr(_passes, name, step)

    wrap_run("below_title", True)
    for name in ("past_box", "introduced_list", "thread_start", "named_thread"):
        wrap_run(name, False)
    original_dense = _model.densest_run

    def densest(gains: Any) -> tuple[int, int]:
        out = original_dense(gains)
        trace = _TRACE[-1] if _TRACE else None
        if trace is not None and trace.after_prob:
            trace.after_prob = False
            trace.add("densest run", *out)
            trace.gains.append(dict(zip(trace.active, gains, strict=True)))
        return out

    saved.append((_model, "densest_run", original_dense))
    _model.densest_run = densest
    original_prob = _core.Cleaner._probabilities

    def probabilities(self: Cleaner, *args: Any, **kwargs: Any) -> list[float]:
        out = original_prob(self, *args, **kwargs)
        if _TRACE:
            _TRACE[-1].after_prob = True
        return out

    saved.append((_core.Cleaner, "_probabilities", original_prob))
    original_after = _passes.after_headings

    def after_headings(labels: Any, facts: Any) -> None:
        before = list(labels)
        original_after(labels, facts)
        trace = _TRACE[-1]
        for k, (a, b) in enumerate(zip(before, labels, strict=True)):
            if a is not b:
                trace.relabelled.add(trace.active[k])

    saved.append((_passes, "after_headings", original_after))
    _passes.after_headings = after_headings
    original_title = _passes.title_line

    def title_line(*args: Any) -> int:
        out: int = original_title(*args)
        trace = _TRACE[-1]
        if len(trace.passes) == 1:
            trace.title = trace.active[out] if out >= 0 else -1
        return out

    saved.append((_passes, "title_line", original_title))
    _passes.title_line = title_line
    _core.Cleaner._probabilities = probabilities  # type: ignore[method-assign]
    return saved


def traced_labels(cleaner: Cleaner, text: str) -> tuple[list[tuple[Category, str]], Trace]:
    """The labels of the lines of `text` and the trace of the body run on each pass."""
    spans, lines, facts = cleaner._page(text)
    trace = Trace()
    _TRACE.append(trace)
    saved = _patched()
    original_label = _core.Cleaner._label

    def label(self: Cleaner, some: Any, their: Any) -> list[Any]:
        # the lines of a pass are those the previous pass kept in the body, in order
        if trace.actives:
            previous, decided = trace.actives[-1], trace.decided
            active = [i for i, d in zip(previous, decided, strict=True)
                      if d[0] is Category.PARAGRAPH]  # fmt: skip
        else:
            active = list(range(len(lines)))
        trace.passes.append([])
        trace.active = active
        trace.actives.append(active)
        trace.after_prob = False
        trace.decided = original_label(self, some, their)
        return trace.decided

    _core.Cleaner._label = label  # type: ignore[method-assign]
    try:
        result = cleaner._run(text, spans, lines, facts)
    finally:
        _core.Cleaner._label = original_label  # type: ignore[method-assign]
        for owner, name, original in reversed(saved):
            setattr(owner, name, original)
        _TRACE.pop()
    return list(result._labels), trace


def cause(
    labels: Sequence[tuple[Category, str]],
    gold: Sequence[int],
    sizes: Sequence[int],
    trace: Trace,
    removed_on: Sequence[int],
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
    # the pass that removed most gold characters, and the first step that left them out
    on = Counter(p for p, g, n in zip(removed_on, gold, sizes, strict=True) if g == 1 and p >= 0
                 for _ in range(n))  # fmt: skip
    if not on:
        return top, shares
    pass_index = on.most_common(1)[0][0]
    gold_lines = [i for i, g in enumerate(gold) if g == 1]
    for step, start, stop in trace.passes[pass_index]:
        inside = sum(sizes[i] for i in gold_lines if start <= i < stop)
        if 2 * inside < total:
            where = "" if pass_index == 0 else f" (pass {pass_index + 1})"
            if step == "densest run" and pass_index == 0:
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
    """The gold lines' gain (positive part) against the densest run's, on the first pass."""
    if not trace.gains or not trace.passes or not trace.passes[0]:
        return ""
    gains = trace.gains[0]
    _step, start, stop = trace.passes[0][0]
    densest = sum(g for i, g in gains.items() if start <= i < stop)
    article = sum(max(gains.get(i, 0.0), 0.0) for i in gold_lines if i > 0)
    return f"article gain {article / densest:.2f} of the densest run's" if densest > 0 else ""


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
                recall = bench_sets.score([page], [out]).recall
                missing = recall < args.recall
            if empty or missing:
                lost.append((page, empty))
        print(
            f"{name}: {len(pages)} pages, {score.with_gold} with gold text; empty "
            f"{score.empty}; "
            + (
                f"no wanted snippet {score.missed}"
                if pages[0].gold is None
                else f"recall below {args.recall}: {len(lost)}"
            )
        )
        for page, empty in lost:
            labels, trace = traced_labels(cleaner, page.text)
            _s, lines, _f = cleaner._page(page.text)
            gold = markup_lines.gold_labels(page, lines)
            sizes = [len(x) for x in lines]
            removed = _removed_on(trace, len(lines))
            why, shares = cause(labels, gold, sizes, trace, removed)
            key = f"{name}: {why}"
            groups[key].append(page.id)
            top = ", ".join(f"{k} {v:.2f}" for k, v in shares.most_common(3))
            ratio = _gain_ratio(trace, [i for i, g in enumerate(gold) if g == 1])
            rows.append(f"  {name:<10} {page.id[:44]:<44} {'empty ' if empty else ''}{why}"
                        f" [{top}] {ratio}; {len(page.text)} chars")  # fmt: skip
    print("\ncauses:")
    for key, ids in sorted(groups.items(), key=lambda kv: (kv[0].split(":")[0], -len(kv[1]))):
        print(f"  {key}: {len(ids)} ({', '.join(i[:24] for i in ids[:6])})")
    if args.pages:
        print("\npages:")
        print("\n".join(rows))
    return 0


def _removed_on(trace: Trace, n: int) -> list[int]:
    """For each line, the pass on which it left the lines kept (-1 if kept to the end)."""
    out = [-1] * n
    actives = trace.actives
    for k in range(len(actives)):
        now = actives[k]
        after = set(actives[k + 1]) if k + 1 < len(actives) else None
        if after is None:
            continue
        for i in now:
            if i not in after:
                out[i] = k
    return out


if __name__ == "__main__":
    raise SystemExit(main())
