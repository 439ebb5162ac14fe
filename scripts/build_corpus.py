"""Regenerate the corpus data: document records from the seeds, the cleaner and curation.

Usage: python scripts/build_corpus.py [--seeds DIR]

Reads the raw texts shipped in src/karabakh_corpus/data/raw/ (checking them against the
seed folder when one is given), the curated metadata in curation/metadata.json, and writes
src/karabakh_corpus/data/documents/ID.json and the manifest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from karabakh_corpus import _build, _manifest  # noqa: E402
from karabakh_corpus._convert import unstructure_document  # noqa: E402

DATA = ROOT / "src" / "karabakh_corpus" / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, help="the folder of seed texts to check against")
    args = parser.parse_args(argv)
    curated = json.loads((ROOT / "curation" / "metadata.json").read_text(encoding="utf-8"))
    sources = json.loads((ROOT / "curation" / "sources.json").read_text(encoding="utf-8"))
    documents = []
    for source in sources:
        doc_id = source.rsplit(".", 1)[0].split("_", 1)[1]
        raw_bytes = (DATA / "raw" / f"{doc_id}.txt").read_bytes()
        if args.seeds is not None:
            seed = (args.seeds / source).read_bytes()
            if hashlib.sha256(seed).digest() != hashlib.sha256(raw_bytes).digest():
                raise SystemExit(f"{doc_id}: the shipped raw text differs from the seed {source}")
        document = _build.build_document(doc_id, source, raw_bytes.decode("utf-8"), curated[doc_id])
        documents.append(document)
        record = json.dumps(unstructure_document(document), ensure_ascii=False, indent=1)
        (DATA / "documents").mkdir(exist_ok=True)
        (DATA / "documents" / f"{doc_id}.json").write_text(record + "\n", encoding="utf-8")
    manifest = _manifest.make_manifest(DATA, documents)
    (DATA / _manifest.MANIFEST).write_text(_manifest.dumps(manifest), encoding="utf-8")
    print(f"wrote {len(documents)} documents and the manifest to {DATA}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
