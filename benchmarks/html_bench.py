"""Measure clean_html against trafilatura on the HTML of pages with gold article text.

Usage: python benchmarks/html_bench.py DIR [--repeat N] [--no-trafilatura]

DIR is either the layout of the public article-extraction benchmark
(github.com/scrapinghub/article-extraction-benchmark: ``html/ID.html.gz`` and
``ground-truth.json``, whose ``articleBody`` is the gold) or ``html/ID.html[.gz]`` with
``gold/ID.txt`` (as ``tests/data/html_pages``). Both systems get the same bytes in the same
run: ``karabakh_corpus.clean_html`` (html-text rendering, then the cleaner; its body text is
scored) and ``trafilatura.extract(html, include_comments=False)``. Prints, for each, the
benchmark's scores (mean precision, recall, F1 over pages, share of pages with F1 >= 0.9; see
``karabakh_corpus.cleaner.evaluate``) and pages per second of one process (best of --repeat runs,
decoding included), and how much of clean_html's time is the rendering. trafilatura is in
the ``bench`` extra (``pip install "karabakh-corpus[bench]"``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from clean_bench import _best_time as _best

from karabakh_corpus import clean_html
from karabakh_corpus.cleaner.evaluate import score_pages
from karabakh_corpus.html import render_html


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
        page_id = path.name.split(".")[0]
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        answer = gold.get(page_id)
        if answer is None:
            answer = (root / "gold" / f"{page_id}.txt").read_text("utf-8")
        pages.append((page_id, data, answer))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-trafilatura", action="store_true")
    args = parser.parse_args(argv)
    pages = _pages(args.dir)
    megabytes = sum(len(data) for _i, data, _g in pages) / 1e6
    print(f"pages: {len(pages)}  HTML: {megabytes:.2f} MB  (one process, best of {args.repeat})")

    systems: dict[str, Callable[[bytes], str]] = {
        "karabakh_corpus clean_html": lambda data: clean_html(data).text,
    }
    if not args.no_trafilatura:
        import trafilatura

        version = getattr(trafilatura, "__version__", "?")
        systems[f"trafilatura {version}"] = lambda data: (
            trafilatura.extract(data, include_comments=False) or ""
        )
    print(f"{'system':<32} {'precision':>9} {'recall':>7} {'F1':>6} {'F1>=0.9':>8} {'pages/s':>8}")
    for name, extract in systems.items():
        outputs = [extract(data) for _i, data, _g in pages]
        score = score_pages(zip(outputs, (g for _i, _d, g in pages), strict=True))
        seconds = _best(lambda extract=extract: [extract(d) for _i, d, _g in pages], args.repeat)
        print(
            f"{name:<32} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f} "
            f"{score.share_f1_090:>8.2f} {len(pages) / seconds:>8.1f}"
        )
    render = _best(lambda: [render_html(d) for _i, d, _g in pages], args.repeat)
    print(f"html-text rendering alone: {len(pages) / render:.1f} pages/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
