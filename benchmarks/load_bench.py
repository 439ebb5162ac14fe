"""Time `import karabakh_corpus` and a first `load()` in fresh processes.

Usage: python benchmarks/load_bench.py [--runs N]

Each run starts a new interpreter, so nothing is cached; prints the median and the range
over the runs, the CPU time of import and load together (less sensitive than the wall
time to other work on the machine), and for comparison the time of starting an
interpreter that imports nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

PROBE = """
import time
t0, c0 = time.perf_counter(), time.process_time()
import karabakh_corpus
t1, c1 = time.perf_counter(), time.process_time()
corpus = karabakh_corpus.load()
for doc in corpus:
    doc.clean_text
t2, c2 = time.perf_counter(), time.process_time()
print(t1 - t0, t2 - t1, c2 - c0)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    imports, loads, totals, cpu, bare = [], [], [], [], []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
        ).stdout.split()
        imp, load = float(out[0]) * 1000, float(out[1]) * 1000
        imports.append(imp)
        loads.append(load)
        totals.append(imp + load)
        cpu.append(float(out[2]) * 1000)
        bare.append(_wall([sys.executable, "-c", "pass"]))
    for name, values in (
        ("import karabakh_corpus", imports),
        ("first load()", loads),
        ("import + load()", totals),
        ("  of it CPU time", cpu),
        ("interpreter start", bare),
    ):
        print(
            f"{name:<24} median {statistics.median(values):6.1f} ms  "
            f"range {min(values):6.1f} .. {max(values):6.1f} ms  ({args.runs} runs)"
        )
    return 0


def _wall(command: list[str]) -> float:
    import time

    start = time.perf_counter()
    subprocess.run(command, check=True)
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    raise SystemExit(main())
