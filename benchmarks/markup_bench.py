"""Measure the markup reader on every development set: alignment, failures and speed.

Usage: python benchmarks/markup_bench.py [ROOT] [--sets NAME ...] [--every K] [--repeat N]
                                         [--no-trafilatura]

For each set (ROOT as for benchmarks/html_bench.py), each page's HTML is decoded as its
``text/ID.txt`` was rendered from (``bench_sets.decodings``: the first decoding whose
rendering is that text), then read by ``karabakh_corpus.cleaner.markup.read_markup``.
Printed per set: the pages, those whose rendering equals ``html_text.extract_text`` of the
same string (all: the reader writes html-text's rendering) and their ``text/ID.txt``, those
that did not align (each with its reason: the text path's fallback), the non-blank lines
and the share of them whose element was found; and the CPU time of one process (best of --repeat
runs) as pages per second of ``render_html`` (the rendering alone, as ``clean_html`` does
it today), ``read_markup`` and ``trafilatura.extract(bytes, include_comments=False)``, in the
same run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sets
from html_bench import _trafilatura, cpu_best

from karabakh_corpus.cleaner.markup import read_markup
from karabakh_corpus.html import render_html


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?")
    parser.add_argument("--sets", nargs="*", default=())
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-trafilatura", action="store_true")
    args = parser.parse_args(argv)
    root = args.root or bench_sets.default_root()
    extract = None if args.no_trafilatura else _trafilatura()
    print(f"one process, CPU time, best of {args.repeat}")
    print(
        f"{'set':<10} {'pages':>5} {'as text/':>8} {'unaligned':>9} {'lines':>7} "
        f"{'found':>7} {'render':>7} {'markup':>7} {'traf.':>7}  (pages/s)"
    )
    totals = [0, 0, 0, 0, 0]
    seconds = [0.0, 0.0, 0.0]
    failures: list[str] = []
    for name in bench_sets.set_names(root, args.sets):
        pages = bench_sets.load(root, name, args.every)
        decoded: list[str] = []
        for page in pages:
            options = bench_sets.decodings(page)
            chosen = next((d for d in options if render_html(d) == page.text), options[0])
            decoded.append(chosen)
        same = unaligned = lines = found = 0
        for page, text in zip(pages, decoded, strict=True):
            markup = read_markup(text)
            if markup.text != render_html(text):
                failures.append(f"  {name} {page.id}: the reader's rendering differs")
            same += markup.text == page.text
            if not markup.aligned:
                unaligned += 1
                failures.append(f"  {name} {page.id}: not aligned ({markup.reason})")
            lines += len(markup.lines)
            found += sum(1 for x in markup.lines if x.element >= 0)
        render = cpu_best(lambda d=decoded: [render_html(x) for x in d], args.repeat)
        read = cpu_best(lambda d=decoded: [read_markup(x) for x in d], args.repeat)
        traf = float("nan")
        if extract is not None:
            run = extract[1]
            traf = cpu_best(lambda p=pages, r=run: [r(x.html) for x in p], args.repeat)
        n = len(pages)
        for k, v in enumerate((n, same, unaligned, lines, found)):
            totals[k] += v
        for k, v in enumerate((render, read, traf)):
            seconds[k] += v
        print(
            f"{name:<10} {n:>5} {same:>8} {unaligned:>9} {lines:>7} {found / max(lines, 1):>7.4f} "
            f"{n / render:>7.1f} {n / read:>7.1f} {n / traf:>7.1f}",
            flush=True,
        )
    n, same, unaligned, lines, found = totals
    render, read, traf = seconds
    print(
        f"{'all':<10} {n:>5} {same:>8} {unaligned:>9} {lines:>7} {found / max(lines, 1):>7.4f} "
        f"{n / render:>7.1f} {n / read:>7.1f} {n / traf:>7.1f}"
    )
    print(
        f"reading the markup costs {read / render:.2f} times the rendering alone"
        + (f"; trafilatura {traf / read:.2f} times the reader" if extract is not None else "")
    )
    if failures:
        print("\n".join(failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
