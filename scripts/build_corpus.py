"""Regenerate the corpus data: document records from the seeds, the cleaner and curation.

Usage: python scripts/build_corpus.py [--seeds DIR] [--amend | --unreleased]

Reads the raw texts shipped in src/karabakh_corpus/data/raw/ (checking them against the
seed folder when one is given), the curated metadata in curation/metadata.json and the
annotations in curation/annotations/, and writes src/karabakh_corpus/data/documents/ID.json,
data/annotations/ID.json, the manifest and its copy in data/releases/.

With --unreleased, corrections made for the next release are built without a release: the
documents, annotations and data/manifest.json are written, and data/releases/ is left
alone. The manifest then differs from the published one of the current version (verify()
says so) until the version is raised and the build is run without --unreleased.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from karabakh_corpus.corpus import build as _build  # noqa: E402
from karabakh_corpus.corpus import manifest as _manifest  # noqa: E402
from karabakh_corpus.corpus.convert import unstructure_annotations, unstructure_document  # noqa: E402

DATA = ROOT / "src" / "karabakh_corpus" / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, help="the folder of seed texts to check against")
    parser.add_argument(
        "--amend",
        action="store_true",
        help="replace the manifest of the current version in data/releases (unpublished only)",
    )
    parser.add_argument(
        "--unreleased",
        action="store_true",
        help="write the data and data/manifest.json, not data/releases (data for the next release)",
    )
    args = parser.parse_args(argv)
    if args.amend and args.unreleased:
        parser.error("--amend rewrites a release's manifest, --unreleased writes none: choose one")
    curated = json.loads((ROOT / "curation" / "metadata.json").read_text(encoding="utf-8"))
    sources = json.loads((ROOT / "curation" / "sources.json").read_text(encoding="utf-8"))
    corrections = json.loads((ROOT / "curation" / "regions.json").read_text(encoding="utf-8"))
    documents = []
    for source in sources:
        doc_id = source.rsplit(".", 1)[0].split("_", 1)[1]
        raw_bytes = (DATA / "raw" / f"{doc_id}.txt").read_bytes()
        if args.seeds is not None:
            seed = (args.seeds / source).read_bytes()
            if hashlib.sha256(seed).digest() != hashlib.sha256(raw_bytes).digest():
                raise SystemExit(f"{doc_id}: the shipped raw text differs from the seed {source}")
        authored = ROOT / "curation" / "annotations" / f"{doc_id}.tsv"
        document = _build.build_document(
            doc_id,
            source,
            raw_bytes.decode("utf-8"),
            curated[doc_id],
            annotations=authored.read_text(encoding="utf-8") if authored.exists() else None,
            corrections=corrections.get(doc_id, ()),
        )
        documents.append(document)
        record = json.dumps(unstructure_document(document), ensure_ascii=False, indent=1)
        (DATA / "documents").mkdir(exist_ok=True)
        (DATA / "documents" / f"{doc_id}.json").write_text(record + "\n", encoding="utf-8")
        if document.annotations:
            layers = json.dumps(
                unstructure_annotations(document.annotations), ensure_ascii=False, indent=1
            )
            (DATA / "annotations").mkdir(exist_ok=True)
            (DATA / "annotations" / f"{doc_id}.json").write_text(layers + "\n", encoding="utf-8")
    manifest = _manifest.make_manifest(DATA, documents)
    text = _manifest.dumps(manifest)
    recorded = DATA / "releases" / f"{manifest['release']}.json"
    if args.unreleased:
        (DATA / _manifest.MANIFEST).write_text(text, encoding="utf-8")
        same = recorded.exists() and recorded.read_text(encoding="utf-8") == text
        print(
            f"wrote {len(documents)} documents and the manifest; {recorded.relative_to(ROOT)} "
            + ("agrees with them" if same else "differs: raise the version to release them")
        )
        return 0
    if recorded.exists() and recorded.read_text(encoding="utf-8") != text and not args.amend:
        raise SystemExit(
            f"release {manifest['release']} already has a different manifest in {recorded}: "
            "published releases never change. Raise the version in src/karabakh_corpus/"
            "_version.py for a new release (and add it to CHANGELOG.md), or pass --amend if "
            f"{manifest['release']} was never published, or --unreleased to build the data "
            "for the next release without recording one."
        )
    recorded.parent.mkdir(exist_ok=True)
    (DATA / _manifest.MANIFEST).write_text(text, encoding="utf-8")
    recorded.write_text(text, encoding="utf-8")
    print(f"wrote {len(documents)} documents, the manifest and {recorded.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
