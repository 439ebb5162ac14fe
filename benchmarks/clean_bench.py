"""Measure the cleaner on a folder of scraped pages with gold article text.

Usage: python benchmarks/clean_bench.py DIR [--repeat N] [--pathological MB] [--worst K]

DIR holds text/ID.txt (the scraped page) and gold/ID.txt (the article a person marked).
Prints the benchmark's scores of Cleaned.text against the gold (mean precision, recall, F1
over pages, share of pages with F1 >= 0.9; see karabakh_corpus._evaluate) and the
throughput of one process in MB/s of UTF-8 input and pages/s (best of --repeat runs).
With --pathological, also times adversarial inputs of 1/4, 1/2 and 1 times that many MB.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from karabakh_corpus import Cleaner
from karabakh_corpus._evaluate import score_pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pathological", type=float, default=0.0, metavar="MB")
    parser.add_argument("--worst", type=int, default=0, metavar="K", help="list the K worst pages")
    args = parser.parse_args(argv)
    texts = sorted((args.dir / "text").glob("*.txt"))
    if not texts:
        parser.error(f"no pages in {args.dir / 'text'}")
    pages = [
        (p.stem, p.read_text("utf-8"), (args.dir / "gold" / p.name).read_text("utf-8"))
        for p in texts
    ]
    cleaner = Cleaner()
    results = [cleaner.clean(text) for _id, text, _gold in pages]
    score = score_pages((r.text, gold) for r, (_i, _t, gold) in zip(results, pages, strict=True))
    megabytes = sum(len(text.encode("utf-8")) for _i, text, _g in pages) / 1e6
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for _id, text, _gold in pages:
            _ = cleaner.clean(text).text
        best = min(best, time.perf_counter() - start)
    print(f"pages: {len(pages)}  input: {megabytes:.2f} MB")
    print(
        f"precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}  "
        f"share F1>=0.9 {score.share_f1_090:.2f}"
    )
    print(
        f"throughput: {megabytes / best:.2f} MB/s, {len(pages) / best:.0f} pages/s "
        f"(one process, best of {args.repeat})"
    )
    if args.worst:
        ranked = sorted(zip(score.pages, pages, strict=True), key=lambda x: x[0].f1)[: args.worst]
        for page, (page_id, _t, _g) in ranked:
            print(
                f"  {page_id[:16]}  P {page.precision or 0:.2f}  R {page.recall or 0:.2f}  "
                f"F1 {page.f1:.2f}"
            )
    if args.pathological:
        _pathological(cleaner, args.pathological)
    return 0


def _pathological(cleaner: Cleaner, megabytes: float) -> None:
    article = "The talks ended without a deal, officials in both capitals said on Friday. " * 3
    makers = {
        "one long line": lambda n: "a" * n,
        "capitalized words": lambda n: ("By A" + "a" * (n // 4) + " ") * 3,
        "short lines": lambda n: "Home\n" * (n // 5),
        "whitespace": lambda n: " \u00a0\t\n\u202f" * (n // 5),
        "article lines": lambda n: (article + "\n") * (n // (len(article) + 1)),
    }
    size = int(megabytes * 1e6)
    for name, make in makers.items():
        row = []
        for n in (size // 4, size // 2, size):
            text = make(n)
            start = time.perf_counter()
            cleaner.clean(text)
            row.append((len(text) / 1e6, time.perf_counter() - start))
        cells = "  ".join(f"{mb:.1f} MB {s:.2f} s" for mb, s in row)
        print(f"pathological {name:<18} {cells}  (x{row[2][1] / max(row[0][1], 1e-9):.1f} for x4)")


if __name__ == "__main__":
    raise SystemExit(main())
