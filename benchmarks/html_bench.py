"""Measure clean_html against trafilatura on the HTML of pages with gold article text.

Usage: python benchmarks/html_bench.py [ROOT | DIR ...] [--repeat N] [--no-trafilatura]
                                       [--sets NAME ...] [--every K] [--worst K]

With the development sets (ROOT holds set folders with ``html/ID.html.gz``, ``text/ID.txt``
and ``gold/ID.txt`` or ``entries.json``; default: the ``bench`` folder of $KARABAKH_SHARED,
or of ../shared beside the repository), it prints for every set, in one run, the baseline
of the HTML path: ``karabakh_corpus.clean()`` on the rendered text ``text/ID.txt``,
``karabakh_corpus.clean_html()`` on the page's bytes, and
``trafilatura.extract(bytes, include_comments=False)``. Each row gives precision, recall and
F1 (word 4-gram F1 over pages, see ``karabakh_corpus.cleaner.evaluate``, of the body on
``dev/`` and of the title and the body on the others; the snippet score on ``trafeval/``,
of the title, a newline and the body), the pages with gold text that come out empty (a page
that raises counts as empty; the number that raised is in brackets), on ``trafeval/`` the
pages where no wanted snippet is found, and pages per second of one process (CPU time, best
of --repeat runs; the HTML systems from bytes, decoding included; ``clean()`` from the
text). ``--worst K`` lists, per set, the K pages where trafilatura beats clean_html most.

A DIR in the layout of the public article-extraction benchmark
(github.com/scrapinghub/article-extraction-benchmark: ``html/ID.html.gz`` and
``ground-truth.json``, whose ``articleBody`` is the gold) or with ``html/ID.html[.gz]`` and
``gold/ID.txt`` only (as ``tests/data/html_pages``) gets clean_html and trafilatura on its
bytes, scored on the body, and the speed of the rendering alone. trafilatura is in the
``bench`` extra (``pip install "karabakh-corpus[bench]"``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sets

from karabakh_corpus import Cleaner, clean_html
from karabakh_corpus.cleaner.evaluate import score_pages
from karabakh_corpus.errors import CorpusError
from karabakh_corpus.html import render_html


def cpu_best(run: Callable[[], object], repeat: int) -> float:
    """The least CPU time (seconds) of `repeat` runs of `run`."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def _trafilatura() -> tuple[str, Callable[[bytes], str | None]] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def extract(data: bytes) -> str | None:
        try:
            out: str | None = trafilatura.extract(data, include_comments=False)
        except Exception:  # a page that raises finds nothing, as the sets' scores say
            return None
        return out or ""

    return f"trafilatura {getattr(trafilatura, '__version__', '?')}", extract


def _systems(
    name: str, no_trafilatura: bool
) -> dict[str, tuple[str, Callable[[bench_sets.BenchPage], str | None]]]:
    """The systems of the baseline: a label, what each reads, and how it runs on a page."""
    cleaner = Cleaner()

    def text_path(page: bench_sets.BenchPage) -> str:
        return bench_sets.output(cleaner.clean(page.text), name)

    def html_path(page: bench_sets.BenchPage) -> str | None:
        try:
            return bench_sets.output(clean_html(page.html), name)
        except CorpusError:
            return None

    systems = {"clean() text": ("text", text_path), "clean_html() HTML": ("html", html_path)}
    found = None if no_trafilatura else _trafilatura()
    if found is not None:
        label, extract = found
        systems[f"{label} HTML"] = ("html", lambda page: extract(page.html))
    return systems


def baseline(root: Path, args: argparse.Namespace) -> int:
    names = bench_sets.set_names(root, args.sets)
    print(f"one process, CPU time, best of {args.repeat}; every {args.every} page(s)")
    print(
        f"{'set':<10} {'system':<24} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'empty':>9} {'no-with':>7} {'pages/s':>8}"
    )
    worst: list[str] = []
    for name in names:
        pages = bench_sets.load(root, name, args.every)
        per_page: dict[str, tuple[float, ...]] = {}
        for label, (_reads, run) in _systems(name, args.no_trafilatura).items():
            outputs = [run(p) for p in pages]
            s = bench_sets.score(pages, outputs)
            raised = sum(1 for o in outputs if o is None)
            seconds = cpu_best(lambda run=run, pages=pages: [run(p) for p in pages], args.repeat)
            empty = f"{s.empty}" + (f" ({raised})" if raised else "")
            missed = f"{s.missed}" if pages[0].gold is None else "-"
            print(
                f"{name:<10} {label:<24} {len(pages):>5} {s.precision:>6.3f} {s.recall:>6.3f} "
                f"{s.f1:>6.3f} {empty:>9} {missed:>7} {len(pages) / seconds:>8.1f}",
                flush=True,
            )
            per_page[label] = s.pages
        if args.worst and len(per_page) == 3:
            html_scores, traf_scores = list(per_page.values())[1:]
            gaps = sorted(
                zip(pages, html_scores, traf_scores, strict=True), key=lambda x: x[1] - x[2]
            )
            ahead = sum(1 for _p, h, t in gaps if t - h > 0.05)
            worst.append(f"{name}: trafilatura ahead by more than 0.05 on {ahead} pages")
            worst += [f"  {p.id[:40]:<40} clean_html {h:.2f}  trafilatura {t:.2f}"
                      for p, h, t in gaps[: args.worst]]  # fmt: skip
    if worst:
        print("\n".join(worst))
    return 0


def _pages(root: Path) -> list[tuple[str, bytes, str]]:
    files = sorted((root / "html").glob("*.html*"))
    if not files:
        raise SystemExit(f"no pages in {root / 'html'}")
    truth = root / "ground-truth.json"
    gold: dict[str, str] = {}
    if truth.exists():
        gold = {k: v["articleBody"] for k, v in json.loads(truth.read_text("utf-8")).items()}
    pages = []
    for path in files:
        page_id = path.name.removesuffix(".gz").removesuffix(".html")
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        answer = gold.get(page_id)
        if answer is None:
            answer = (root / "gold" / f"{page_id}.txt").read_text("utf-8")
        pages.append((page_id, data, answer))
    return pages


def pages_with_gold(root: Path, args: argparse.Namespace) -> int:
    """clean_html and trafilatura on a folder of pages with a gold body each."""
    pages = _pages(root)
    megabytes = sum(len(data) for _i, data, _g in pages) / 1e6
    print(f"pages: {len(pages)}  HTML: {megabytes:.2f} MB  (one process, CPU time, best of "
          f"{args.repeat})")  # fmt: skip
    systems: dict[str, Callable[[bytes], str | None]] = {
        "karabakh_corpus clean_html": lambda data: clean_html(data).text,
    }
    found = None if args.no_trafilatura else _trafilatura()
    if found is not None:
        systems[found[0]] = found[1]
    print(f"{'system':<32} {'precision':>9} {'recall':>7} {'F1':>6} {'F1>=0.9':>8} {'pages/s':>8}")
    for name, extract in systems.items():
        outputs = [extract(data) or "" for _i, data, _g in pages]
        score = score_pages(zip(outputs, (g for _i, _d, g in pages), strict=True))
        seconds = cpu_best(lambda extract=extract: [extract(d) for _i, d, _g in pages],
                           args.repeat)  # fmt: skip
        print(
            f"{name:<32} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f} "
            f"{score.share_f1_090:>8.2f} {len(pages) / seconds:>8.1f}"
        )
    render = cpu_best(lambda: [render_html(d) for _i, d, _g in pages], args.repeat)
    print(f"html-text rendering alone: {len(pages) / render:.1f} pages/s")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", type=Path, nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--sets", nargs="*", default=(), help="only these sets (by name)")
    parser.add_argument("--every", type=int, default=1, help="every K-th page of each set")
    parser.add_argument("--worst", type=int, default=0, metavar="K")
    args = parser.parse_args(argv)
    for folder in args.dirs or [bench_sets.default_root()]:
        if (folder / "text").is_dir() and (folder / "html").is_dir():
            baseline(folder.parent, argparse.Namespace(**{**vars(args), "sets": [folder.name]}))
        elif not (folder / "html").is_dir() and any(folder.glob("*/html")):
            baseline(folder, args)
        else:
            pages_with_gold(folder, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
