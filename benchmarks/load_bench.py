"""Time `import karabakh_corpus` and a first `load()` in fresh processes, against the import
of the package's own dependencies.

Usage: python benchmarks/load_bench.py [--runs N]

Each run starts two new interpreters in turn, so nothing is cached and both see the same
machine: one imports `attrs`, `cattrs`, `regex` and `importlib_resources` (what the package
itself needs), the other imports `karabakh_corpus`, loads the corpus and reads every clean
text. Prints the median and range of each over the runs (wall time, and CPU time, which is
less sensitive to other work on the machine), and the median of the per-run ratios of the
package to its dependencies: the import cost the package adds on top of what it cannot avoid.

The probes run with byte-compiled modules, as an installed package has them: bytecode is
written to a temporary cache (PYTHONPYCACHEPREFIX) by one warm-up run of each probe, even
where PYTHONDONTWRITEBYTECODE is set, so that no run compiles source.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

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


_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _probe(code: str) -> tuple[float, float, float]:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=_ENV
    ).stdout.split()
    first, second, cpu = (float(x) * 1000 for x in out)
    return first, second, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    cache = tempfile.TemporaryDirectory(prefix="load-bench-pyc-")
    _ENV["PYTHONPYCACHEPREFIX"] = cache.name
    _probe(DEPENDENCIES)  # warm-up: write the bytecode
    _probe(PACKAGE)
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
    cache.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
