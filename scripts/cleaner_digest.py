"""Digest the cleaner's output on every page of the development sets and on the seeds.

Usage: python scripts/cleaner_digest.py [ROOT] [--html] [--sets NAME ...]

For each set folder under ROOT (default: the `bench` folder of $KARABAKH_SHARED, or of
../shared beside the repository) and for the seed texts, prints one JSON object: the set's
name, its number of pages and the SHA-256 of the cleaner's output on every page in id
order (the title, the body and every region's offsets, category and rule). With --html the
pages' HTML (``html/ID.html.gz``) goes through `clean_html` instead of the text through
`clean`. A refactoring that must not change what users get is checked by comparing these
digests before and after it (`tests/golden/cleaner_digest.json` keeps the figures of each
cleaner version; `tests/test_digest.py` compares).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import karabakh_corpus as kc

ROOT = Path(__file__).resolve().parent.parent


def shared() -> Path:
    value = os.environ.get("KARABAKH_SHARED")
    return Path(value) if value else ROOT.parent / "shared"


def result_bytes(result: kc.Cleaned) -> bytes:
    """What the digest reads of one result: title, body, and every region."""
    regions = [[r.start, r.end, r.category.value, r.stored_rule] for r in result.regions]
    record = {"title": result.title, "text": result.text, "regions": regions}
    return json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")


def digest(results: Iterable[kc.Cleaned | str]) -> tuple[int, str]:
    """The number of results and the SHA-256 of their digests in order (a page that raised
    counts by the name of its error)."""
    sha = hashlib.sha256()
    count = 0
    for result in results:
        data = result.encode() if isinstance(result, str) else result_bytes(result)
        sha.update(hashlib.sha256(data).digest())
        count += 1
    return count, sha.hexdigest()


def _clean_html(data: bytes) -> kc.Cleaned | str:
    try:
        return kc.clean_html(data)
    except kc.CorpusError as exc:
        return f"error: {type(exc).__name__}"


def set_digest(folder: Path, html: bool) -> tuple[int, str]:
    if html:
        pages = sorted((folder / "html").glob("*.html.gz"))
        return digest(_clean_html(gzip.decompress(p.read_bytes())) for p in pages)
    pages = sorted((folder / "text").glob("*.txt"))
    return digest(kc.clean(p.read_text("utf-8")) for p in pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=None)
    parser.add_argument("--html", action="store_true")
    parser.add_argument("--sets", nargs="*", default=None)
    args = parser.parse_args(argv)
    root = args.root or shared() / "bench"
    names = args.sets or sorted(p.name for p in root.iterdir() if (p / "text").is_dir())
    for name in names:
        count, sha = set_digest(root / name, args.html)
        print(
            json.dumps(
                {
                    "set": name,
                    "path": "html" if args.html else "text",
                    "pages": count,
                    "sha256": sha,
                }
            )
        )
    if not args.html and args.sets is None:
        seeds = sorted((shared() / "seeds").glob("*.txt"))
        count, sha = digest(kc.clean(p.read_text("utf-8")) for p in seeds)
        print(json.dumps({"set": "seeds", "path": "text", "pages": count, "sha256": sha}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
