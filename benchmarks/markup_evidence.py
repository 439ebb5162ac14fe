"""Which markup facts separate the article's lines from the rest, and what they add.

Usage: python benchmarks/markup_evidence.py [ROOT] [--sets NAME ...] [--every K]
           [--vocab-out FILE] [--min-pages N] [--min-sets S] [--min-separation X]
           [--tokens K] [--no-refit] [--l2 L] [--region-share S] [--ascent]

Reads every page of the development sets (ROOT as for benchmarks/html_bench.py) with its
markup, gold labels and the text path's view (``markup_lines.py``), then prints:

1. The class/id token vocabulary, derived from the sets: a token (``class_tokens`` of the
   class, id and itemprop of a line's element and the elements around it, below
   ``<body>``) is kept when the labelled lines of at least --min-pages pages in at least
   --min-sets sets carry it and its separation is at least --min-separation: the logit of
   the mean (over those pages, each weighing the same) share of its labelled characters
   that are the article's, minus the logit of that share over all labelled characters.
   The --tokens strongest of each sign (separation times the square root of the pages)
   are kept;
   --vocab-out writes them as JSON.
2. For every candidate feature (kinds of element, the line's tag, links, densities,
   repetition of the element's path, the text container, the tokens), how it separates:
   the share of the article's characters and of the others' that have it (binary), or the
   character-weighted AUC (a number); and on the text path's mistakes, the share of the
   characters it keeps wrongly (FP) and drops wrongly (FN) that have it.
3. What markup decides before the passes: the lines inside ``nav``, ``footer``, ``aside``,
   hidden elements (and ``form``) whose region holds less than --region-share of the
   page's text are decided as furniture, as a rule's line is; each set's F1 (pages out
   empty). Not fitted: a hypothesis, scored on every set.
4. What the features could add on top of the text path: a logistic model of a line's gold
   label whose offset is the line's text-path logit (first pass), so that its weights say
   how far markup moves the probability the passes read; fitted on all sets but one
   (each set weighing the same, lines by their characters up to 400, L2 penalty --l2; the
   token vocabulary derived without the held-out set too), then the cleaner runs on the
   held-out set with each line's probability moved by the model's markup term (the passes
   unchanged), scored by the set's own score. Rows: the text path as shipped, structure
   features alone, tokens alone, both; then the weights fitted on all sets.
5. With --ascent (slow), markup weights fitted on the score itself, leaving one set out:
   a coordinate ascent on the other sets' mean F1, as ``scripts/fit_cleaner.py`` climbs
   (`ascent_rows`).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sets
import markup_lines
import numpy as np

from karabakh_corpus import Cleaner
from karabakh_corpus.cleaner import core as _core
from karabakh_corpus.cleaner import model as _model
from karabakh_corpus.cleaner.markup import Markup
from karabakh_corpus.schema import Category

TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "a", "td", "tr", "div", "span",
        "option", "dd", "dt", "blockquote", "figcaption", "label", "strong", "em", "b",
        "time", "title", "pre", "button")  # fmt: skip
"""The tags of a line's element that are features of their own (the rest: ``tag_other``)."""
TEXT_LINE = 80
"""A line of at least this many characters outside links is running text (for the text
container: its block's parent collects them; from 40 to 120 the container is about the same)."""


# -- the features of a page's lines --------------------------------------------------------


def structure(markup: Markup) -> list[dict[str, float]]:
    """The candidate structure features of each line of `markup` (without tokens)."""
    lines = markup.lines
    container = _container(markup)
    signatures = [_signature(markup, line.element) for line in lines]
    repeats = Counter(signatures)
    rows = []
    for line, signature in zip(lines, signatures, strict=True):
        e, b = line.element, line.block
        row: dict[str, float] = {}
        for kind in markup.kinds_of(e):
            row[f"in_{kind}"] = 1.0
        tag = markup.tags[e]
        row[f"tag_{tag}" if tag in TAGS else "tag_other"] = 1.0
        share = line.link_share
        row["link_share"] = share
        row["all_link"] = float(share >= 0.95)
        row["block_link_density"] = markup.link_density(b)
        row["block_chars"] = math.log1p(markup.chars[b])
        row["block_density"] = math.log1p(markup.density(b))
        row["depth"] = math.log1p(len(markup.path(e)))
        row["path_repeat"] = math.log1p(repeats[signature] - 1)
        row["path_repeat_link"] = row["path_repeat"] * share
        row["in_container"] = float(container >= 0 and _holds(markup, container, e))
        row["line_chars"] = math.log1p(line.chars)
        rows.append(row)
    return rows


def _holds(markup: Markup, outer: int, inner: int) -> bool:
    return outer <= inner <= markup.lasts[outer]


def _container(markup: Markup) -> int:
    """The element that holds the page's running text: the parent of the blocks of its
    lines of at least `TEXT_LINE` characters outside links that collects the most such
    characters (-1 when the page has none)."""
    credit: Counter[int] = Counter()
    for line in markup.lines:
        plain = line.chars - line.link_chars
        if plain >= TEXT_LINE:
            parent = markup.parents[line.block]
            credit[parent if parent >= 0 else line.block] += plain
    return credit.most_common(1)[0][0] if credit else -1


def _signature(markup: Markup, element: int) -> tuple[str, ...]:
    """The element's path from ``<body>`` with each element's first class: lines of a list
    of teasers share it."""
    parts = []
    for e in markup.ancestors(element):
        tag = markup.tags[e]
        if tag in ("body", "html"):
            break
        own = markup.own_tokens(e)
        parts.append(f"{tag}.{own[0]}" if own else tag)
    return tuple(reversed(parts))


def tokens(markup: Markup) -> list[frozenset[str]]:
    """The tokens of each line's element and the elements around it (below ``<body>``)."""
    return [frozenset(markup.tokens(line.element)) for line in markup.lines]


# -- the vocabulary --------------------------------------------------------------------------


def vocabulary(
    pages: Sequence[tuple[markup_lines.PageLines, list[frozenset[str]]]],
    min_pages: int,
    min_sets: int,
    min_separation: float,
    top: int,
) -> list[dict[str, Any]]:
    """The tokens that separate (see the module), strongest first."""
    found = bench_sets.separating_tokens(
        ((lines.page.set, lines.gold, lines.lines, toks) for lines, toks in pages),
        min_pages,
        min_sets,
        min_separation,
    )
    kept = [v for v in found if v["separation"] > 0][:top]
    kept += [v for v in found if v["separation"] < 0][:top]
    return kept


# -- the table of lines ----------------------------------------------------------------------


class Table:
    """Every labelled line: its set, page, characters, gold, text-path logit and view, and
    its features (a matrix over `names`)."""

    def __init__(
        self, pages: Sequence[markup_lines.PageLines], page_x: Sequence[Any], names: Sequence[str]
    ) -> None:
        self.set: list[str] = []
        self.chars: list[int] = []
        self.gold: list[int] = []
        self.z: list[float] = []
        self.decided: list[bool] = []
        self.kept: list[bool] = []
        blocks = []
        for lines, m in zip(pages, page_x, strict=True):
            chosen = [i for i, label in enumerate(lines.gold) if label >= 0]
            blocks.append(m[chosen])
            for i in chosen:
                self.set.append(lines.page.set)
                self.chars.append(len(lines.lines[i]))
                self.gold.append(lines.gold[i])
                prob = lines.prob[i]
                self.decided.append(prob < 0)
                self.z.append(markup_lines.logit(prob) if prob >= 0 else -30.0)
                self.kept.append(lines.scored(i))
        self.names = list(names)
        self.x = np.vstack(blocks) if blocks else np.zeros((0, len(names)))
        self.y = np.array(self.gold, dtype=float)
        self.w = np.minimum(np.array(self.chars, dtype=float), 400.0)


def separation_report(table: Table) -> list[str]:
    """Rows of how each feature separates the article's characters from the others."""
    chars = np.array(table.chars, dtype=float)
    gold = table.y > 0.5
    kept = np.array(table.kept)
    fp = kept & ~gold
    fn = ~kept & gold
    out = [
        "| feature | article chars | other chars | text path's FP chars | FN chars | AUC |",
        "|---|---|---|---|---|---|",
    ]

    def share(mask: Any, column: Any) -> float:
        total = chars[mask].sum()
        return float((chars[mask] * column[mask]).sum() / total) if total else 0.0

    for k, name in enumerate(table.names):
        column = table.x[:, k]
        binary = set(np.unique(column)) <= {0.0, 1.0}
        auc = "" if binary else f"{_auc(column, gold, chars):.3f}"
        out.append(
            f"| `{name}` | {share(gold, column):.3f} | {share(~gold, column):.3f} | "
            f"{share(fp, column):.3f} | {share(fn, column):.3f} | {auc} |"
        )
    return out


def _auc(score: Any, positive: Any, weight: Any) -> float:
    """The weighted probability that an article character scores above another's."""
    order = np.argsort(score, kind="stable")
    s, pos, w = score[order], positive[order], weight[order]
    neg_w = np.where(pos, 0.0, w)
    pos_w = np.where(pos, w, 0.0)
    total = 0.0
    below = 0.0
    k = 0
    n = len(s)
    while k < n:
        j = k
        while j < n and s[j] == s[k]:
            j += 1
        p, q = pos_w[k:j].sum(), neg_w[k:j].sum()
        total += p * (below + q / 2)
        below += q
        k = j
    denom = pos_w.sum() * neg_w.sum()
    return total / denom if denom else 0.5


# -- the refit -------------------------------------------------------------------------------


def fit_offset(
    x: Any, y: Any, offset: Any, weight: Any, l2: float, steps: int = 30
) -> tuple[Any, float]:
    """Weights and bias of a logistic model with a fixed `offset` (Newton's method)."""
    n, d = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        z = offset + design @ beta
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = design.T @ (weight * (p - y)) + penalty * beta
        hess = (design * (weight * p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return beta[:-1], float(beta[-1])


class _Marked(_model.LineFacts):
    """A line's facts with the markup term that moves its text probability."""

    offset: float


def _moved(original: Callable[..., list[float]]) -> Callable[..., list[float]]:
    def probabilities(
        self: Cleaner, logits: Any, lengths: Any, facts: Any, title: int = -1
    ) -> list[float]:
        prob = original(self, logits, lengths, facts, title)
        out = []
        for p, f in zip(prob, facts, strict=True):
            shift = getattr(f, "offset", 0.0)
            if shift and p > 0.0:
                p = 1.0 / (1.0 + math.exp(-(markup_lines.logit(p) + shift)))
            out.append(p)
        return out

    return probabilities


def clean_moved(cleaner: Cleaner, text: str, shifts: Sequence[float]) -> Any:
    """The cleaner's result on `text` with each line's probability moved by `shifts`."""
    spans, lines, facts = cleaner._page(text)
    marked = []
    for f, shift in zip(facts, shifts, strict=True):
        m = _Marked(*f)
        m.offset = shift
        marked.append(m)
    original = _core.Cleaner._probabilities
    _core.Cleaner._probabilities = _moved(original)  # type: ignore[method-assign]
    try:
        return cleaner._run(text, spans, lines, marked)
    finally:
        _core.Cleaner._probabilities = original  # type: ignore[method-assign]


def matrices(features: Sequence[list[dict[str, float]]], names: Sequence[str]) -> list[Any]:
    """Each page's features as a matrix: a row per line, a column per name."""
    index = {n: k for k, n in enumerate(names)}
    out = []
    for rows in features:
        m = np.zeros((len(rows), len(names)))
        for i, row in enumerate(rows):
            for name, value in row.items():
                k = index.get(name)
                if k is not None:
                    m[i, k] = value
        out.append(m)
    return out


def refit_rows(
    pages: Sequence[markup_lines.PageLines],
    table: Table,
    page_x: Sequence[Any],
    groups: dict[str, Callable[[str], list[str]]],
    l2: float,
) -> tuple[list[str], dict[str, Any]]:
    """The leave-one-set-out table: for each held-out set, the text path and each group
    (each group names its features for a held-out set: the tokens of the vocabulary of the
    other sets)."""
    cleaner = Cleaner()
    names_all = table.names
    set_names = list(dict.fromkeys(p.page.set for p in pages))
    sets = np.array(table.set)
    z = np.array(table.z)
    undecided = ~np.array(table.decided)
    head = "| held out | text path | " + " | ".join(groups) + " |"
    rows = [head, "|---" * (len(groups) + 2) + "|"]
    fitted_all: dict[str, Any] = {}
    for held in [*set_names, "(all, in-sample)"]:
        cells = []
        everything = held.startswith("(")
        held_pages = [k for k, p in enumerate(pages) if everything or p.page.set == held]
        for group, chosen in [("text path", lambda held: []), *groups.items()]:
            names = chosen(held)
            cols = [names_all.index(n) for n in names]
            train = undecided & (True if everything else (sets != held))
            beta = np.zeros(len(cols))
            bias = 0.0
            if cols:
                weight = table.w.copy()  # each set weighs the same
                for s in set_names:
                    mask = train & (sets == s)
                    if mask.any():
                        weight[mask] *= 1.0 / weight[mask].sum()
                beta, bias = fit_offset(
                    table.x[train][:, cols], table.y[train], z[train], weight[train] * 1e4, l2
                )
                if everything:
                    fitted_all[group] = {"bias": round(bias, 3)} | {
                        n: round(float(b), 3) for n, b in zip(names, beta, strict=True)
                    }
            outputs: dict[str, list[str | None]] = defaultdict(list)
            for k in held_pages:
                lines = pages[k]
                if cols:
                    shifts = (bias + page_x[k][:, cols] @ beta).tolist()
                    result = clean_moved(cleaner, lines.page.text, shifts)
                else:
                    result = lines.result
                outputs[lines.page.set].append(bench_sets.output(result, lines.page.set))
            scores = []
            for s, outs in outputs.items():
                chosen = [pages[k].page for k in held_pages if pages[k].page.set == s]
                scores.append(bench_sets.score(chosen, outs))
            f1 = sum(sc.f1 for sc in scores) / len(scores)
            empty = sum(sc.empty for sc in scores)
            cells.append(f"{f1:.3f} ({empty})")
        rows.append(f"| {held} | " + " | ".join(cells) + " |")
        print(rows[-1], flush=True)
    return rows, fitted_all


# -- markup regions as labels ------------------------------------------------------------------

REGION_SHARE = 0.3
"""A region decided by markup holds less than this share of the page's text (a page wrapped
whole in a ``<form>`` or an ``<aside>`` is not furniture); measured from 0.2 to 0.4."""


def region_labels(markup: Markup, kinds: Sequence[str], share: float) -> list[str | None]:
    """For each line, ``markup-KIND`` when the outermost element of one of `kinds` around it
    (below ``<body>``) holds less than `share` of the page's text; else None."""
    total = max(markup.chars[0], 1) if markup.chars else 1
    out: list[str | None] = []
    for line in markup.lines:
        found = None
        for kind in kinds:
            region = -1
            for e in markup.ancestors(line.element):
                if markup.tags[e] in ("body", "html"):
                    break
                if markup.within(e, kind):
                    region = e
            if region >= 0 and markup.chars[region] < share * total:
                found = f"markup-{kind}"
                break
        out.append(found)
    return out


def clean_labelled(cleaner: Cleaner, text: str, labels: Sequence[str | None]) -> Any:
    """The cleaner's result on `text` with the undecided lines of `labels` decided as
    boilerplate before the passes run (as a rule's label is)."""
    spans, lines, facts = cleaner._page(text)
    decided = [
        _model.line_facts(f.score, f.words, None, (Category.BOILERPLATE, label), False, f.shape)
        if label is not None and f.label is None and not f.empty
        else f
        for f, label in zip(facts, labels, strict=True)
    ]
    return cleaner._run(text, spans, lines, decided)


def regions_rows(pages: Sequence[markup_lines.PageLines], choices: Sequence[Sequence[str]],
                 share: float) -> list[str]:  # fmt: skip
    """F1 of each set (pages out empty) with the lines of each choice of kinds decided."""
    cleaner = Cleaner()
    names = list(dict.fromkeys(p.page.set for p in pages))
    rows = ["| lines decided by markup | " + " | ".join(names) + " |",
            "|---" * (len(names) + 1) + "|"]  # fmt: skip
    for kinds in [(), *choices]:
        outputs: dict[str, list[str | None]] = defaultdict(list)
        for p in pages:
            result = (clean_labelled(cleaner, p.page.text, region_labels(p.markup, kinds, share))
                      if kinds else p.result)  # fmt: skip
            outputs[p.page.set].append(bench_sets.output(result, p.page.set))
        cells = []
        for name in names:
            chosen = [p.page for p in pages if p.page.set == name]
            sc = bench_sets.score(chosen, outputs[name])
            cells.append(f"{sc.f1:.4f} ({sc.empty})")
        rows.append(
            f"| {' + '.join(kinds) or 'none (the text path)'} | " + " | ".join(cells) + " |"
        )
        print(rows[-1], flush=True)
    return rows


# -- markup weights fitted on the score ---------------------------------------------------------

ASCENT_FEATURES = ("in_hidden", "in_nav", "in_footer", "in_aside", "in_form", "link_share",
                   "block_link_density", "in_container", "in_list", "tag_p", "in_heading",
                   "all_link")  # fmt: skip
"""The structure features the ascent weighs, beside two token features: a line has one of
the vocabulary's furniture tokens (separation at most -2.5) within three elements of its
own, or one of its article tokens (separation at least 1)."""


def ascent_rows(
    pages: Sequence[markup_lines.PageLines],
    structures: Sequence[list[dict[str, float]]],
    derive: Callable[[str], list[dict[str, Any]]],
    rounds: int = 3,
) -> list[str]:
    """Leave one set out: markup weights found by coordinate ascent on the mean F1 of the
    other sets (each weighing the same, as ``scripts/fit_cleaner.py`` climbs), from zero,
    steps of -1, -0.5, 0.5 and 1 halved after a round that gains less than 0.0005; the
    text path's numbers unchanged. Slow: every step cleans every page of four sets."""
    cleaner = Cleaner()
    names = [*ASCENT_FEATURES, "furniture_token", "article_token"]
    near = [
        [{t for t, d in p.markup.tokens(x.element).items() if d <= 3} for x in p.markup.lines]
        for p in pages
    ]
    rows = ["| held out | text path | markup weights fitted on the others | weights |",
            "|---|---|---|---|"]  # fmt: skip
    for held in dict.fromkeys(p.page.set for p in pages):
        vocab = derive(held)
        bad = {v["token"] for v in vocab if v["separation"] <= -2.5}
        good = {v["token"] for v in vocab if v["separation"] >= 1.0}
        x = []
        for rows_, tokens_ in zip(structures, near, strict=True):
            m = np.zeros((len(rows_), len(names)))
            for i, (row, found) in enumerate(zip(rows_, tokens_, strict=True)):
                for j, n in enumerate(ASCENT_FEATURES):
                    m[i, j] = row.get(n, 0.0)
                m[i, -2], m[i, -1] = float(bool(found & bad)), float(bool(found & good))
            x.append(m)

        def mean_f1(chosen: list[int], w: Any, x: list[Any] = x) -> float:
            outs: dict[str, list[str | None]] = defaultdict(list)
            for k in chosen:
                p = pages[k]
                result = (clean_moved(cleaner, p.page.text, (x[k] @ w).tolist())
                          if w.any() else p.result)  # fmt: skip
                outs[p.page.set].append(bench_sets.output(result, p.page.set))
            scores = [bench_sets.score([pages[k].page for k in chosen if pages[k].page.set == s],
                                       o).f1 for s, o in outs.items()]  # fmt: skip
            return sum(scores) / len(scores)

        train = [k for k, p in enumerate(pages) if p.page.set != held]
        test = [k for k, p in enumerate(pages) if p.page.set == held]
        w = np.zeros(len(names))
        best, scale = mean_f1(train, w), 1.0
        for _ in range(rounds):
            start = best
            for j in range(len(names)):
                found = None
                for step in (-1.0, -0.5, 0.5, 1.0):
                    trial = w.copy()
                    trial[j] += step * scale
                    f1 = mean_f1(train, trial)
                    if f1 > best + 1e-4:
                        best, found = f1, trial
                if found is not None:
                    w = found
            if best < start + 5e-4:
                scale /= 2
        shown = ", ".join(f"{n} {v:+.1f}" for n, v in zip(names, w, strict=True) if v)
        rows.append(f"| {held} | {mean_f1(test, np.zeros(len(names))):.4f} | "
                    f"{mean_f1(test, w):.4f} | {shown} |")  # fmt: skip
        print(rows[-1], flush=True)
    return rows


# -- the run ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?")
    parser.add_argument("--sets", nargs="*", default=())
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--vocab-out", type=Path)
    parser.add_argument("--min-pages", type=int, default=15)
    parser.add_argument("--min-sets", type=int, default=2)
    parser.add_argument("--min-separation", type=float, default=0.7)
    parser.add_argument("--tokens", type=int, default=40)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--no-refit", action="store_true")
    parser.add_argument("--region-share", type=float, default=REGION_SHARE)
    parser.add_argument("--ascent", action="store_true", help="also fit markup weights on the "
                        "score, leaving one set out (about an hour per set)")  # fmt: skip
    args = parser.parse_args(argv)
    root = args.root or bench_sets.default_root()
    cleaner = Cleaner()
    pages: list[markup_lines.PageLines] = []
    skipped: Counter[str] = Counter()
    for name in bench_sets.set_names(root, args.sets):
        for page in bench_sets.load(root, name, args.every):
            lines = markup_lines.read_page(cleaner, page)
            if lines is None:
                skipped[name] += 1
                continue
            pages.append(lines)
    counted = Counter(p.page.set for p in pages)
    print(f"pages read: {dict(counted)}; no decoding renders as text/: {dict(skipped)}")
    labelled = Counter()
    for p in pages:
        for g in p.gold:
            labelled[p.page.set, g] += 1
    print("labelled lines (article / other / unknown):",
          {s: (labelled[s, 1], labelled[s, 0], labelled[s, -1]) for s in counted})  # fmt: skip

    toks = [tokens(p.markup) for p in pages]
    pairs = list(zip(pages, toks, strict=True))

    def derive(without: str = "") -> list[dict[str, Any]]:
        chosen = [(p, t) for p, t in pairs if p.page.set != without]
        return vocabulary(chosen, args.min_pages, args.min_sets, args.min_separation,
                          args.tokens)  # fmt: skip

    vocab = derive()
    held_vocab = {name: [v["token"] for v in derive(name)] for name in counted}
    print(f"\n## Token vocabulary ({len(vocab)} tokens)\n")
    print("| token | pages | sets | article share | separation |\n|---|---|---|---|---|")
    for v in vocab:
        print(f"| `{v['token']}` | {v['pages']} | {v['sets']} | {v['article_share']} | "
              f"{v['separation']:+.2f} |")  # fmt: skip
    if args.vocab_out:
        args.vocab_out.write_text(json.dumps(vocab, indent=1) + "\n", "utf-8")
    words = list(dict.fromkeys([v["token"] for v in vocab] + [t for ws in held_vocab.values()
                                                               for t in ws]))  # fmt: skip
    features = []
    for p, found in zip(pages, toks, strict=True):
        rows = structure(p.markup)
        for row, ts in zip(rows, found, strict=True):
            for t in words:
                if t in ts:
                    row[f"tok_{t}"] = 1.0
        features.append(rows)
    structural = sorted({n for rows in features for row in rows for n in row
                         if not n.startswith("tok_")})  # fmt: skip
    token_names = [f"tok_{t}" for t in words]
    names = structural + token_names
    page_x = matrices(features, names)
    table = Table(pages, page_x, names)
    print(f"\n## Separation ({len(table.gold)} labelled lines)\n")
    print("\n".join(separation_report(table)))
    if args.ascent:
        print("\n## Leave one set out: markup weights fitted on the score\n")
        ascent_rows(pages, [structure(p.markup) for p in pages], derive)
    print("\n## Markup regions decided before the passes (F1, pages out empty)\n")
    choices = [("hidden",), ("nav", "footer", "aside", "hidden"),
               ("nav", "footer", "aside", "hidden", "form")]  # fmt: skip
    regions_rows(pages, choices, args.region_share)
    if args.no_refit:
        return 0
    print("\n## Leave one set out: mean F1 of the held-out set (pages out empty)\n")
    in_vocab = {v["token"] for v in vocab}

    def fold_tokens(held: str) -> list[str]:
        own = held_vocab.get(held, in_vocab)
        return [f"tok_{t}" for t in words if t in own]

    groups: dict[str, Callable[[str], list[str]]] = {
        "structure": lambda held: structural,
        "tokens": fold_tokens,
        "both": lambda held: structural + fold_tokens(held),
    }
    rows, fitted = refit_rows(pages, table, page_x, groups, args.l2)
    print("\n".join(rows))
    print("\n## Weights fitted on all sets\n")
    for group, weights in fitted.items():
        ordered = sorted(weights.items(), key=lambda kv: -abs(kv[1]))
        print(f"{group}: " + ", ".join(f"{n} {w:+.2f}" for n, w in ordered[:40]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
