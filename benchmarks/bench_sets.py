"""The five development sets with their HTML, read the same way by the HTML benchmarks.

A set folder holds ``html/ID.html.gz`` (the page as served), ``text/ID.txt`` (its html-text
rendering) and either ``gold/ID.txt`` (the article a person marked) or ``entries.json``
(trafilatura's evaluation set: per page, snippets that must be kept, ``with``, and snippets
that must go, ``without``). `load` reads a set; `score` scores outputs as the set's gold
says: word 4-gram F1 (`karabakh_corpus.cleaner.evaluate.score_pages`) for a whole gold text,
the snippet score (`score_snippets`) for snippets. `bench_markup` reads a page's markup
under the decoding of its bytes that html-text renders exactly as its ``text/ID.txt``: the
markup of the very lines the text path reads. `gold_labels` labels each line of a page as the
article's or not, from its gold.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import math
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from karabakh_corpus import Cleaned
from karabakh_corpus.cleaner.evaluate import score_pages, score_snippets
from karabakh_corpus.cleaner.markup import Markup, read_markup
from karabakh_corpus.errors import DataFormatError
from karabakh_corpus.html import decode_html

ROOT = Path(__file__).resolve().parent.parent
SETS = ("dev", "l3s-gn1", "dragnet", "cleaneval", "trafeval")
"""The development sets, in the order the README reports them."""
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


class BenchPage(NamedTuple):
    """One page of a set: its id, bytes, rendered text and gold (text, or snippets)."""

    set: str
    id: str
    html: bytes
    text: str
    gold: str | None
    with_: tuple[str, ...]
    without: tuple[str, ...]

    @property
    def has_gold_text(self) -> bool:
        """True if the gold holds words (a page whose article is not empty)."""
        if self.gold is not None:
            return _WORD.search(self.gold) is not None
        return bool(self.with_)


def default_root() -> Path:
    shared = os.environ.get("KARABAKH_SHARED")
    return (Path(shared) if shared else ROOT.parent / "shared") / "bench"


def set_names(root: Path, wanted: Sequence[str] = ()) -> list[str]:
    """The sets under `root` (folders with html/, text/ and gold/ or entries.json), or
    those of them named in `wanted`, in the order of `SETS`."""
    found = [
        p.name
        for p in sorted(root.iterdir())
        if (p / "html").is_dir()
        and (p / "text").is_dir()
        and ((p / "gold").is_dir() or (p / "entries.json").is_file())
    ]
    order = {name: k for k, name in enumerate(SETS)}
    names = sorted(found, key=lambda n: (order.get(n, len(SETS)), n))
    if wanted:
        missing = sorted(set(wanted) - set(names))
        if missing:
            raise SystemExit(f"no set {missing} under {root}; the sets are {names}")
        names = [n for n in names if n in wanted]
    return names


def load(root: Path, name: str, every: int = 1) -> list[BenchPage]:
    """The pages of set `name` under `root`, by id (every `every`-th page)."""
    folder = root / name
    entries = {}
    if (folder / "entries.json").exists():
        entries = json.loads((folder / "entries.json").read_text("utf-8"))
    pages = []
    for path in sorted((folder / "html").glob("*.html.gz"))[::every]:
        page_id = path.name.removesuffix(".html.gz")
        text = (folder / "text" / f"{page_id}.txt").read_text("utf-8")
        html = gzip.decompress(path.read_bytes())
        if entries:
            entry = entries[page_id]
            pages.append(
                BenchPage(name, page_id, html, text, None, tuple(entry["with"]),
                          tuple(entry["without"]))
            )  # fmt: skip
        else:
            gold = (folder / "gold" / f"{page_id}.txt").read_text("utf-8")
            pages.append(BenchPage(name, page_id, html, text, gold, (), ()))
    return pages


def with_title(name: str) -> bool:
    """True if the output scored on set `name` holds the title (all but `dev`)."""
    return name != "dev"


def output(result: Cleaned, name: str) -> str:
    """What is scored of a cleaner's result on set `name`: the body, after the title
    (and a blank line, or a newline on `trafeval`, as its score reads it) but on `dev`."""
    if not with_title(name) or not result.title:
        return result.text
    return result.title + ("\n" if name == "trafeval" else "\n\n") + result.text


class SetScore(NamedTuple):
    """A set's figures: precision, recall, F1, pages with gold text that came out empty,
    pages that found no wanted snippet (snippet gold only; else the empties), per-page F1s
    (1/0 by snippet found for snippet gold) and the pages with gold text."""

    precision: float
    recall: float
    f1: float
    empty: int
    missed: int
    pages: tuple[float, ...]
    with_gold: int


def score(pages: Sequence[BenchPage], outputs: Iterable[str | None]) -> SetScore:
    """Score `outputs` (None: the system failed on the page) against the pages' gold."""
    outs = list(outputs)
    if len(outs) != len(pages):
        raise ValueError("one output per page")
    gold_text = [p.has_gold_text for p in pages]
    empty = sum(
        1 for o, g in zip(outs, gold_text, strict=True) if g and (o is None or not _WORD.search(o))
    )
    if pages and pages[0].gold is None:
        s = score_snippets((o, p.with_, p.without) for o, p in zip(outs, pages, strict=True))
        missed = sum(1 for sp, g in zip(s.pages, gold_text, strict=True) if g and sp.tp == 0)
        per_page = tuple(sp.tp / (sp.tp + sp.fn) if sp.tp + sp.fn else 1.0 for sp in s.pages)
        return SetScore(s.precision, s.recall, s.f1, empty, missed, per_page, sum(gold_text))
    w = score_pages((o or "", p.gold or "") for o, p in zip(outs, pages, strict=True))
    return SetScore(
        w.precision, w.recall, w.f1, empty, empty, tuple(s.f1 for s in w.pages), sum(gold_text)
    )


_CANDIDATES = ("utf-8", "cp1252", "latin-1")


def decodings(page: BenchPage) -> list[str]:
    """The page's HTML decoded as `decode_html` does, then as UTF-8, windows-1252 and
    Latin-1, then as UTF-8 with replacement characters: each distinct one once. Its
    ``text/ID.txt`` was rendered from one of them (most often the first)."""
    tried: list[str] = []
    with contextlib.suppress(DataFormatError):
        tried.append(decode_html(page.html)[0])
    for codec in _CANDIDATES:
        try:
            tried.append(page.html.decode(codec))
        except UnicodeDecodeError:
            continue
    tried.append(page.html.decode("utf-8", "replace"))
    return list(dict.fromkeys(tried))


def bench_markup(page: BenchPage) -> Markup | None:
    """The markup of the page as its ``text/ID.txt`` renders it: `read_markup` of the first
    of its `decodings` whose rendering is that text, or None when none is."""
    for decoded in decodings(page):
        markup = read_markup(decoded)
        if markup.text == page.text:
            return markup
    return None


def gold_labels(page: BenchPage, lines: Sequence[str]) -> list[int]:
    """Each line's gold label: 1 if it is the article's, 0 if not, -1 if unknown.

    For a whole gold text, a token of the page is covered when a word 4-gram of the page's
    tokens that holds it (across line breaks) is a 4-gram of the gold; a line is the
    article's when at least half its tokens are covered (unknown without a token, or when
    the gold has fewer than four). For snippet gold, a line that a ``with`` snippet covers
    is the article's, one that a ``without`` snippet touches is not, the rest (and a line
    both touch) unknown."""
    if page.gold is None:
        return _snippet_labels(page, lines)
    gold = _WORD.findall(page.gold)
    if len(gold) < 4:
        return [-1] * len(lines)
    grams = {tuple(gold[i : i + 4]) for i in range(len(gold) - 3)}
    tokens: list[str] = []
    owner: list[int] = []
    for k, line in enumerate(lines):
        found = _WORD.findall(line)
        tokens += found
        owner += [k] * len(found)
    covered = [False] * len(tokens)
    for i in range(len(tokens) - 3):
        if tuple(tokens[i : i + 4]) in grams:
            covered[i] = covered[i + 1] = covered[i + 2] = covered[i + 3] = True
    hits = [0] * len(lines)
    sizes = [0] * len(lines)
    for k, c in zip(owner, covered, strict=True):
        sizes[k] += 1
        hits[k] += c
    return [-1 if not n else int(2 * h >= n) for h, n in zip(hits, sizes, strict=True)]


def _snippet_labels(page: BenchPage, lines: Sequence[str]) -> list[int]:
    joined = " ".join(lines)
    starts = []
    at = 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    labels = [-1] * len(lines)

    def mark(snippet: str, value: int) -> None:
        needle = _SPACES.sub(" ", snippet).strip()
        if not needle:
            return
        at = joined.find(needle)
        while at >= 0:
            end = at + len(needle)
            for k, s in enumerate(starts):
                if s < end and at < s + len(lines[k]):
                    labels[k] = value if labels[k] in (-1, value) else -2
            at = joined.find(needle, at + 1)

    for snippet in page.without:
        mark(snippet, 0)
    for snippet in page.with_:
        mark(snippet, 1)
    return [-1 if x == -2 else x for x in labels]


def separating_tokens(
    pages: Iterable[tuple[str, Sequence[int], Sequence[str], Sequence[Iterable[str]]]],
    min_pages: int,
    min_sets: int,
    min_separation: float,
) -> list[dict[str, Any]]:
    """The class and id tokens that separate the article's lines from the rest, strongest
    first: `pages` give each page's set, its lines' gold labels (`gold_labels`), its lines
    and the tokens around each line. A token is kept when labelled lines of at least
    `min_pages` pages in at least `min_sets` sets carry it and the mean over those pages of
    the share of its labelled characters (at most 400 a line) that are the article's
    differs from that share over all labelled characters by at least `min_separation` in
    logit; strongest is the separation times the square root of the pages (then by
    token)."""
    shares: dict[str, list[float]] = defaultdict(list)
    sets: dict[str, set[str]] = defaultdict(set)
    kept_all = total_all = 0.0
    for name, labels, lines, near in pages:
        kept: Counter[str] = Counter()
        total: Counter[str] = Counter()
        for label, line, found in zip(labels, lines, near, strict=True):
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
                sets[t].add(name)
    base = _logit((kept_all + 1) / (total_all + 2))
    found = []
    for t, values in shares.items():
        if len(values) < min_pages or len(sets[t]) < min_sets:
            continue
        mean = (sum(values) + 0.5) / (len(values) + 1)
        separation = _logit(mean) - base
        if abs(separation) >= min_separation:
            found.append(
                {"token": t, "pages": len(values), "sets": len(sets[t]),
                 "article_share": round(mean, 3), "separation": round(separation, 3),
                 "strength": abs(separation) * math.sqrt(len(values))}
            )  # fmt: skip
    found.sort(key=lambda v: (-v["strength"], v["token"]))
    return found


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
