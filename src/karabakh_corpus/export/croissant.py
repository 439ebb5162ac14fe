"""A Croissant (MLCommons) description of the corpus, for dataset catalogues.

`to_croissant(corpus, out_dir)` writes the JSON Lines export (``corpus.jsonl``) and, beside
it, ``croissant.json``: a Croissant 1.0 JSON-LD document whose metadata (name, version,
licence, citation, description) and fields come from the package itself, and whose file
object carries the SHA-256 of the JSON Lines file. The ``croissant`` extra (mlcroissant)
is needed only to validate or read it, not to write it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from karabakh_corpus import _atomic
from karabakh_corpus._version import RELEASE_DATE
from karabakh_corpus.export.records import select_documents, to_jsonl
from karabakh_corpus.schema import Corpus, metadata_columns

__all__ = ["CONTEXT", "croissant", "to_croissant"]

CONTEXT: Mapping[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
"""The JSON-LD context of Croissant 1.0 (mlcommons.org/croissant/1.0)."""
CONTEXT = MappingProxyType(
    {k: MappingProxyType(v) if isinstance(v, dict) else v for k, v in CONTEXT.items()}
)

_TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("id", "sc:Text", "the document id: the hex part of the seed file name"),
    ("source", "sc:Text", "the seed file the raw text comes from"),
    ("title", "sc:Text", "the headline"),
    ("summary", "sc:Text", "the standfirst, if the page has one"),
    ("text", "sc:Text", "the body: paragraphs joined by a blank line"),
    ("clean_text", "sc:Text", "title, summary and body; clean offsets index it"),
    ("raw", "sc:Text", "the page text exactly as scraped; span offsets index it"),
)
_DATA_TYPES = MappingProxyType(
    {"text": "sc:Text", "date": "sc:Date", "bool": "sc:Boolean", "texts": "sc:Text"}
)


def _fields() -> list[dict[str, Any]]:
    """The record set's fields: the texts, then every metadata column of the rows (a list of
    strings is a repeated text field)."""
    described = [*_TEXT_FIELDS]
    described += [
        (name, _DATA_TYPES[column.kind], column.description) for name, column in metadata_columns()
    ]
    repeated = {name for name, column in metadata_columns() if column.kind == "texts"}
    return [
        {
            "@type": "cr:Field",
            "@id": f"documents/{name}",
            "name": name,
            "description": description,
            "dataType": data_type,
            **({"repeated": True} if name in repeated else {}),
            "source": {"fileObject": {"@id": "corpus-jsonl"}, "extract": {"column": name}},
        }
        for name, data_type, description in described
    ]


def croissant(corpus: Corpus, *, data_file: str, sha256: str) -> dict[str, Any]:
    """The Croissant JSON-LD description of the corpus and its JSON Lines file."""
    fields = _fields()
    layers = sorted({str(a.layer) for doc in corpus for a in doc.annotations})
    return {
        "@context": {k: dict(v) if isinstance(v, Mapping) else v for k, v in CONTEXT.items()},
        "@type": "sc:Dataset",
        "name": "karabakh_corpus",
        "description": (
            "An annotated corpus of news reports on the Armenia-Azerbaijan peace talks over "
            f"Nagorno-Karabakh: {len(corpus)} pages as scraped, their cleaned articles, "
            "evidence-backed metadata and standoff annotation layers "
            f"({', '.join(layers) or 'none'}), with exact offsets."
        ),
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "version": corpus.release,
        "datePublished": RELEASE_DATE,
        "license": "https://opensource.org/licenses/MIT",
        "url": "https://pypi.org/project/karabakh-corpus/",
        "citeAs": f"karabakh_corpus {corpus.release} (see CITATION.cff)",
        "keywords": ["news", "Nagorno-Karabakh", "annotation", "boilerplate removal"],
        "inLanguage": "en",
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": "corpus-jsonl",
                "name": data_file,
                "description": "One document per line: texts, metadata, regions and spans.",
                "contentUrl": data_file,
                "encodingFormat": "application/jsonlines",
                "sha256": sha256,
            }
        ],
        "recordSet": [
            {
                "@type": "cr:RecordSet",
                "@id": "documents",
                "name": "documents",
                "description": "The documents of the corpus, one record each.",
                "key": {"@id": "documents/id"},
                "field": fields,
            }
        ],
    }


def to_croissant(corpus: Corpus, out_dir: str | Path, *, ids: Sequence[str] | None = None) -> Path:
    """Write ``corpus.jsonl`` and its Croissant description ``croissant.json`` in `out_dir`.

    The ids are checked before anything is written; both files are replaced together, or
    neither (see `karabakh_corpus.export`).
    """
    if ids is not None:
        corpus = Corpus(release=corpus.release, documents=tuple(select_documents(corpus, ids)))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = out / "corpus.jsonl"
    target = out / "croissant.json"
    with contextlib.ExitStack() as stack:  # both files are replaced, or neither
        staged = to_jsonl(corpus, stack.enter_context(_atomic.atomic_path(data)))
        digest = hashlib.sha256(staged.read_bytes()).hexdigest()
        description = croissant(corpus, data_file=data.name, sha256=digest)
        text = json.dumps(description, ensure_ascii=False, indent=1) + "\n"
        stack.enter_context(_atomic.atomic_path(target)).write_text(text, "utf-8")
    return target
