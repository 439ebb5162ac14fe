"""Measure how the cleaner scales: one process, two worker processes, and Dask with 2 workers.

Usage: python benchmarks/scale_bench.py DIR [--megabytes 100] [--seed 0] [--shards 16]

DIR holds scraped pages as *.txt (or text/*.txt, as the cleaner's development set does).
The pages are repeated and shuffled (with --seed) into at least --megabytes MB of UTF-8
text, written as JSON Lines shards to a temporary folder (not timed). Each mode then reads
the shards, cleans every page and takes the length of its clean text:

- ``clean_many processes=1``: `karabakh_corpus.stream.read_inputs` + `clean_many`;
- ``clean_many processes=2``: the same with a pool of 2 spawned worker processes (the
  pool's start is timed: it is part of the call);
- ``dask 2 workers``: a `distributed.LocalCluster` with 2 worker processes of one thread,
  ``dask.bag.read_text`` of the shards and `karabakh_corpus.stream.engines.clean_dask_bag` (the
  cluster's start is printed but not timed).

Prints seconds, MB/s of input and the ratio to one process for each mode, and checks that
every mode cleaned the same pages into the same number of characters. Needs the ``dask``
extra for the Dask mode (skipped with a note without it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from karabakh_corpus import clean_many
from karabakh_corpus.stream import Record, read_inputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("dir", type=Path, help="a folder of scraped pages (*.txt or text/*.txt)")
    parser.add_argument("--megabytes", type=float, default=100.0, help="input size (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="the seed of the shuffle")
    parser.add_argument("--shards", type=int, default=16, help="JSON Lines files to write")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask mode")
    args = parser.parse_args(argv)
    folder = args.dir / "text" if (args.dir / "text").is_dir() else args.dir
    pages = [path.read_text("utf-8") for path in sorted(folder.glob("*.txt"))]
    if not pages:
        parser.error(f"no *.txt pages in {folder}")

    with tempfile.TemporaryDirectory(prefix="scale_bench_") as tmp:
        shards, count, size = _build(pages, args.megabytes, args.seed, args.shards, Path(tmp))
        megabytes = size / 1e6
        print(
            f"input: {megabytes:.1f} MB of UTF-8 text, {count} pages ({len(pages)} distinct, "
            f"repeated and shuffled with seed {args.seed}), {len(shards)} JSON Lines shards; "
            f"{os.cpu_count()} CPU cores, Python {sys.version.split()[0]}"
        )
        modes: list[tuple[str, Callable[[], tuple[int, int]]]] = [
            ("clean_many processes=1", lambda: _clean_many(shards, 1)),
            ("clean_many processes=2", lambda: _clean_many(shards, 2)),
        ]
        cluster = None
        if not args.no_dask:
            cluster = _start_dask()
            if cluster is not None:
                client, started = cluster
                print(f"(dask LocalCluster of 2 worker processes started in {started:.1f} s)")
                modes.append(("dask 2 workers", lambda: _dask(client, shards)))
        print(f"{'mode':<26} {'seconds':>8} {'MB/s':>7} {'vs 1 process':>13}")
        base = None
        reference = None
        try:
            for name, run in modes:
                start = time.perf_counter()
                outcome = run()
                seconds = time.perf_counter() - start
                rate = megabytes / seconds
                base = base or rate
                print(f"{name:<26} {seconds:>8.2f} {rate:>7.2f} {rate / base:>12.2f}x")
                if reference is None:
                    reference = outcome
                elif outcome != reference:
                    print(f"  MISMATCH: {name} gave {outcome}, one process {reference}")
                    return 1
        finally:
            if cluster is not None:
                cluster[0].close()
                cluster[0].cluster.close()
        assert reference is not None
        print(f"every mode cleaned {reference[0]} pages into {reference[1]} characters of text")
    return 0


def _build(
    pages: list[str], megabytes: float, seed: int, shards: int, folder: Path
) -> tuple[list[str], int, int]:
    """Write shuffled repetitions of `pages` (at least `megabytes` MB) as JSON Lines shards."""
    rng = random.Random(seed)
    sizes = [len(page.encode("utf-8")) for page in pages]
    order: list[int] = []
    total = 0
    while total < megabytes * 1e6:
        batch = list(range(len(pages)))
        rng.shuffle(batch)
        for k in batch:
            order.append(k)
            total += sizes[k]
            if total >= megabytes * 1e6:
                break
    paths = [str(folder / f"shard-{n:03d}.jsonl") for n in range(shards)]
    per_shard = -(-len(order) // shards)
    written = []
    for n, path in enumerate(paths):
        chunk = order[n * per_shard : (n + 1) * per_shard]
        if not chunk:
            break
        with open(path, "w", encoding="utf-8") as handle:
            for i, k in enumerate(chunk, n * per_shard):
                handle.write(json.dumps({"id": i, "text": pages[k]}, ensure_ascii=False) + "\n")
        written.append(path)
    return written, len(order), total


def _clean_many(shards: list[str], processes: int) -> tuple[int, int]:
    texts = (item.text for item in read_inputs(shards) if isinstance(item, Record))
    count = chars = 0
    for cleaned in clean_many(texts, processes=processes, progress=False):
        count += 1
        chars += len(cleaned.text)
    return count, chars


def _start_dask() -> tuple[Any, float] | None:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("(dask mode skipped: pip install 'karabakh-corpus[dask]')")
        return None
    start = time.perf_counter()
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = Client(cluster)  # type: ignore[no-untyped-call]
    return client, time.perf_counter() - start


def _dask(client: Any, shards: list[str]) -> tuple[int, int]:
    import dask.bag as db

    from karabakh_corpus.stream.engines import clean_dask_bag

    texts = db.read_text(shards, blocksize=None).map(json.loads).pluck("text")  # type: ignore[no-untyped-call]
    lengths = clean_dask_bag(texts).pluck("text").map(len)  # type: ignore[no-untyped-call]
    count, chars = client.compute([lengths.count(), lengths.sum()], sync=True)
    return int(count), int(chars)


if __name__ == "__main__":
    raise SystemExit(main())
