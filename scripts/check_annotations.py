"""Resolve one document's authored annotations and show them for review.

Usage: python scripts/check_annotations.py ID [--layer LAYER] [--quiet]

Reads curation/annotations/ID.tsv, resolves every quote against the raw text (failing
loudly on a missing or ambiguous quote, as the build does) and prints each annotation with
its offsets and some context, layer by layer, plus the counts per layer and label.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from karabakh_corpus import load  # noqa: E402
from karabakh_corpus.corpus import annotate as _annotate  # noqa: E402
from karabakh_corpus.errors import CorpusError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("id")
    parser.add_argument("--layer")
    parser.add_argument("--quiet", action="store_true", help="only the counts")
    args = parser.parse_args(argv)
    doc = load()[args.id]
    path = ROOT / "curation" / "annotations" / f"{args.id}.tsv"
    try:
        rows = _annotate.parse(path.read_text(encoding="utf-8"), name=path.name)
        layers = _annotate.resolve(doc.raw, doc.regions, rows)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    counts: Counter[str] = Counter()
    for layer, found in layers.items():
        if args.layer and layer.value != args.layer:
            continue
        if not args.quiet:
            print(f"== {layer.value}")
        for a in found:
            counts[f"{layer.value}/{a.label}"] += 1
            if args.quiet:
                continue
            left = doc.raw[max(0, a.start - 25) : a.start].replace("\n", " ")
            right = doc.raw[a.end : a.end + 25].replace("\n", " ")
            extra = {
                k: v
                for k, v in attrs.asdict(a, recurse=False).items()
                if k not in ("start", "end", "text", "label")
                and v not in (None, False, "name", "exact")
            }
            print(f"{a.start:>5}-{a.end:<5} {a.label:<12} …{left}[{a.text}]{right}…  {extra}")
    print("counts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
