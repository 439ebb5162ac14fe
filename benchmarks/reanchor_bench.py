"""Time moving spans to an edited text: every span of the corpus, one long span, and scaling.

Usage: python benchmarks/reanchor_bench.py [--runs N]

For each document, the raw text is edited inside every annotation span (a character
inserted in its middle) and around it (text inserted three characters before it, a
character deleted three characters after it); then every span is moved to the edited text
(one alignment per document, then each span mapped through it). Prints, best of N runs:
the time per document and for all spans; the time of one `reanchor()` call for a
400-character span, alignment included (cache cleared); and the time for texts of growing
length with the same density of edits and spans, to show that it grows linearly.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable, Sequence

import karabakh_corpus as kc
from karabakh_corpus.corpus import anchor as _anchor


def edit(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with an edit inside each span and edits around it.

    Inside: a character inserted in the middle of the span. Around: text inserted three
    characters before it and a character deleted three characters after it, where that
    place is outside every span (spans nest and touch, so one span's surroundings are often
    inside another).
    """
    covered = bytearray(len(text) + 1)
    for start, end in spans:
        covered[start:end] = b"\x01" * (end - start)
    inserts: dict[int, str] = {}
    deletes: set[int] = set()
    for start, end in spans:
        inserts.setdefault((start + end) // 2, "x")
        if start >= 3 and not covered[start - 3] and not covered[start - 4]:
            inserts.setdefault(start - 3, "new ")
        if end + 3 < len(text) and not covered[end + 3]:
            deletes.add(end + 3)
    out = []
    for i, char in enumerate(text):
        out.append(inserts.get(i, ""))
        if i not in deletes:
            out.append(char)
    return "".join(out)


def best(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings of `work()`, in milliseconds."""
    times = []
    for _ in range(runs):
        _anchor.align.cache_clear()
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def best_mapped(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings of `work()` without clearing the alignment cache, in ms."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def move_all(old: str, new: str, spans: Sequence[kc.Span]) -> list[_anchor.Reanchored]:
    alignment = _anchor.align(old, new)
    return [_anchor.move(span, alignment) for span in spans]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    corpus = kc.load()
    total_ms = 0.0
    statuses: Counter[str] = Counter()
    count = 0
    for doc in corpus:
        spans: Sequence[kc.Span] = doc.annotations
        new = edit(doc.raw, [(s.start, s.end) for s in spans])
        ms = best(args.runs, lambda: move_all(doc.raw, new, spans))  # noqa: B023
        statuses.update(r.status for r in move_all(doc.raw, new, spans))
        total_ms += ms
        count += len(spans)
        print(f"{doc.id}  {len(doc.raw):>5} chars  {len(spans):>3} spans  {ms:7.2f} ms")
    print(f"all {count} spans of the corpus: {total_ms:.1f} ms  ({dict(statuses)})")

    doc = corpus["a5f8d29fb8504bec"]
    start = doc.raw.index("Armenian Prime Minister")
    span = kc.Span(start, start + 400, doc.raw[start : start + 400])
    others = [(s.start, s.end) for s in doc.annotations if s.end <= start or s.start >= span.end]
    new = edit(doc.raw, [(span.start, span.end), *others])
    ms = best(args.runs, lambda: kc.reanchor(span, doc.raw, new))
    moved = kc.reanchor(span, doc.raw, new)
    print(
        f"one 400-character span, reanchor() with the alignment of its document "
        f"({len(doc.raw)} chars, {len(others) + 1} edited spans): {ms:.2f} ms -> "
        f"{len(moved.text)} characters"
    )
    alignment = _anchor.align(doc.raw, new)
    ms_map = best_mapped(args.runs, lambda: _anchor.move(span, alignment))
    print(f"the same span mapped through an alignment already made: {ms_map:.3f} ms")

    text = "\n\n".join(doc.raw for doc in corpus)

    print("text length  spans  time (alignment and every span)  per 1000 chars  x previous")
    base = text * 5  # copies of the corpus, cut to each length
    previous = 0.0
    for size in (5_000, 10_000, 20_000, 40_000, 80_000):
        old = base[:size]
        spans = [kc.Span(i, i + 40, old[i : i + 40]) for i in range(0, size - 40, 100)]
        new = edit(old, [(s.start, s.end) for s in spans])
        ms = best(args.runs, lambda: move_all(old, new, spans))  # noqa: B023
        ratio = f"{ms / previous:10.2f}" if previous else ""
        previous = ms
        print(f"{size:>11}  {len(spans):>5}  {ms:10.1f} ms  {ms / size * 1000:10.2f} ms  {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
