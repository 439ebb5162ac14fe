"""Time `import karabakh_corpus` and a first `load()` in fresh processes, against the import
of the package's own dependencies.

Usage: python benchmarks/load_bench.py [--runs N]

Each run starts two new interpreters in turn, so nothing is cached and both see the same
machine: one imports `attrs`, `cattrs`, `regex` and `importlib_resources` (what the package
itself needs), the other imports `karabakh_corpus`, loads the corpus and reads every clean
text. Prints the median and range of each over the runs (wall time, and CPU time, which is
less sensitive to other work on the machine), and the median of the per-run ratios of the
package to its dependencies: the import cost the package adds on top of what it cannot avoid.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

PACKAGE = """
import time
t0, c0 = time.perf_counter(), time.process_time()
import karabakh_corpus
t1 = time.perf_counter()
corpus = karabakh_corpus.load()
for doc in corpus:
    doc.clean_text
t2, c2 = time.perf_counter(), time.process_time()
print(t1 - t0, t2 - t1, c2 - c0)
"""

DEPENDENCIES = """
import time
t0, c0 = time.perf_counter(), time.process_time()
import attrs, cattrs, regex, importlib_resources
t1, c1 = time.perf_counter(), time.process_time()
print(t1 - t0, 0.0, c1 - c0)
"""


def _probe(code: str) -> tuple[float, float, float]:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    first, second, cpu = (float(x) * 1000 for x in out)
    return first, second, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    rows: dict[str, list[float]] = {
        "dependencies (wall)": [],
        "dependencies (CPU)": [],
        "import karabakh_corpus": [],
        "first load()": [],
        "import + load() (wall)": [],
        "import + load() (CPU)": [],
    }
    ratios, cpu_ratios = [], []
    for _ in range(args.runs):
        dep_wall, _zero, dep_cpu = _probe(DEPENDENCIES)
        imp, load, cpu = _probe(PACKAGE)
        rows["dependencies (wall)"].append(dep_wall)
        rows["dependencies (CPU)"].append(dep_cpu)
        rows["import karabakh_corpus"].append(imp)
        rows["first load()"].append(load)
        rows["import + load() (wall)"].append(imp + load)
        rows["import + load() (CPU)"].append(cpu)
        ratios.append((imp + load) / dep_wall)
        cpu_ratios.append(cpu / dep_cpu)
    for name, values in rows.items():
        print(
            f"{name:<24} median {statistics.median(values):6.1f} ms  "
            f"range {min(values):6.1f} .. {max(values):6.1f} ms  ({args.runs} runs)"
        )
    print(
        f"ratio, package to dependencies: median {statistics.median(ratios):.2f} (wall), "
        f"{statistics.median(cpu_ratios):.2f} (CPU), runs alternating"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
