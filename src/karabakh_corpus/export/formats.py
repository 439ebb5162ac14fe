"""Exports of the corpus to the formats that annotators and NLP tools already read.

- `to_jsonl`: JSON Lines, one document per line (raw and clean text, metadata, regions,
  spans with raw and clean offsets); every row has the same fields, so Hugging Face
  `datasets`' JSON loader and `pandas.read_json(lines=True)` read it without custom code.
- `to_brat`: brat standoff, ``ID.txt`` (the raw text) and ``ID.ann`` per document: text-bound
  annotations, attributes, normalizations (entity keys), relations (quotation → speaker)
  and annotator notes (normalized values).
- `to_web_annotation`: a W3C Web Annotation collection (JSON-LD), one annotation per span,
  each with a TextPositionSelector and a TextQuoteSelector on the raw text.
- `to_spacy`: a spaCy ``DocBin`` of the clean texts, one span group per layer (needs the
  ``spacy`` extra).
- ``croissant``: the JSON Lines file with its Croissant description
  (`karabakh_corpus.export.croissant`).

Exports only read the corpus; `export()` dispatches by format name for the command line.
Every argument is checked before any file is opened, and every file is written atomically
(a temporary file in the same folder, renamed over the target on success): an export that
fails leaves the files it would have written as they were.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from karabakh_corpus import _atomic, _extras
from karabakh_corpus.annotations import attribute_fields, attribute_kind, attribute_spec
from karabakh_corpus.corpus.anchor import find_all
from karabakh_corpus.errors import DataFormatError, UnsupportedAttributeError
from karabakh_corpus.export.croissant import to_croissant
from karabakh_corpus.export.records import (
    attributes,
    select_documents,
    to_jsonl,
)
from karabakh_corpus.schema import ANNOTATION_TYPES, Annotation, Corpus, Document

__all__ = [
    "FORMATS",
    "brat_reference",
    "export",
    "key_from_brat",
    "read_web_annotation",
    "to_brat",
    "to_spacy",
    "to_web_annotation",
]

URN = "urn:karabakh-corpus"
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


# -- brat -------------------------------------------------------------------------------------

_BRAT = "brat"


@attrs.frozen
class _BratLayer:
    """How brat carries the attributes of one layer, from their specs: attributes (``A``
    lines), the identifying attribute (an ``N`` line), relations to linked mentions (``R``
    lines) and the rest in the span's note (``#``), each in the type's field order."""

    marks: tuple[tuple[str, str, bool], ...]  # attribute, brat name, is a flag
    identifier: tuple[str, str] | None  # attribute, the kind it identifies
    relations: tuple[tuple[str, str, str], ...]  # attribute, brat name, linked layer
    notes: tuple[str, ...]


def _brat_layer(kind: type[Annotation]) -> _BratLayer:
    marks, relations, notes = [], [], []
    identifier = None
    for field in attribute_fields(kind):
        about = attribute_spec(kind, field)
        what, _optional = attribute_kind(kind, field)
        if about.identifies is not None:
            identifier = (field.name, about.identifies)
        if what == "span":
            linked = about.links_to
            if about.brat is None or linked is None or linked not in ANNOTATION_TYPES:
                raise _cannot(kind, field.name, "give a linked mention spec(brat=, links_to=)")
            relations.append((field.name, about.brat, str(linked)))
        elif what not in ("text", "flag", "integer", "number"):
            raise _cannot(kind, field.name, "it is not text, a flag or a number")
        elif about.brat is not None:
            marks.append((field.name, about.brat, what == "flag"))
        elif about.implied_by is None:
            notes.append(field.name)
    return _BratLayer(tuple(marks), identifier, tuple(relations), tuple(notes))


def _cannot(kind: type[Annotation], name: str, why: str) -> UnsupportedAttributeError:
    return UnsupportedAttributeError(
        f"the brat export cannot carry the attribute {name} of the layer {kind.layer}: {why}",
        layer=str(kind.layer),
        attribute=name,
        export=_BRAT,
    )


def brat_reference(key: str) -> str:
    """The entity key as a brat normalization id: word characters only.

    brat readers expect ``DB:ID`` with ``ID`` made of word characters, so
    ``person/nikol-pashinyan`` is written ``person__nikol_pashinyan``; `key_from_brat`
    reverses it. The exact key is also in the span's ``AnnotatorNotes`` (``key=...``).
    """
    return key.replace("/", "__").replace("-", "_")


def key_from_brat(reference: str) -> str:
    """The entity key of a brat normalization id written by `brat_reference`."""
    kind, sep, slug = reference.removeprefix("karabakh:").partition("__")
    if not sep or not kind or not slug:
        raise DataFormatError(f"{reference!r} is not a karabakh_corpus brat reference")
    return f"{kind}/{slug.replace('_', '-')}"


def _brat_lines(doc: Document) -> list[str]:
    lines: list[str] = []
    ids: dict[tuple[int, int, str], str] = {}
    counters = {"A": 0, "N": 0, "R": 0, "#": 0}

    def next_id(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    for n, annotation in enumerate(doc.annotations, start=1):
        tid = f"T{n}"
        ids[(annotation.start, annotation.end, annotation.label)] = tid
        lines.append(
            f"{tid}\t{annotation.label} {annotation.start} {annotation.end}\t{annotation.text}"
        )
    for annotation in doc.annotations:
        tid = ids[(annotation.start, annotation.end, annotation.label)]
        layer = _brat_layer(type(annotation))
        for name, mark, flag in layer.marks:
            value = getattr(annotation, name)
            if flag and value:
                lines.append(f"{next_id('A')}\t{mark} {tid}")
            elif not flag and value is not None:
                lines.append(f"{next_id('A')}\t{mark} {tid} {value}")
        if layer.identifier is not None and getattr(annotation, layer.identifier[0]) is not None:
            key = getattr(annotation, layer.identifier[0])
            lines.append(
                f"{next_id('N')}\tReference {tid} {BRAT_DATABASE}:{brat_reference(key)}"
                f"\t{annotation.text}"
            )
        for name, relation, linked in layer.relations:
            mention = getattr(annotation, name)
            if mention is None:
                continue
            target = next(
                (
                    ids[(e.start, e.end, e.label)]
                    for e in doc.annotations
                    if e.layer == linked and (e.start, e.end) == (mention.start, mention.end)
                ),
                None,
            )
            if target is None:
                raise DataFormatError(
                    f"{doc.id}: the {name} of {annotation.text[:40]!r} is no {linked} span"
                )
            lines.append(f"{next_id('R')}\t{relation} Arg1:{tid} Arg2:{target}")
        notes = []
        for name in layer.notes:
            value = getattr(annotation, name)
            if value is None:
                continue
            note = f"{name}={value}"
            if "\n" in note or "\t" in note or "\r" in note:
                raise _cannot(type(annotation), name, f"its value {value!r} breaks the line")
            notes.append(note)
        if notes:
            lines.append(f"{next_id('#')}\tAnnotatorNotes {tid}\t{'; '.join(notes)}")
    return lines


def to_brat(corpus: Corpus, out_dir: str | Path, *, ids: Sequence[str] | None = None) -> list[Path]:
    """Write ``ID.txt`` (the raw text) and ``ID.ann`` per document into `out_dir`.

    Also writes ``annotation.conf`` declaring the entity types, relations and attributes,
    ``tools.conf`` declaring the ``karabakh`` normalization database that the ``N`` lines
    refer to, and ``karabakh.txt``, that database's entries (one per entity key, with its
    names and label) in the format of brat's ``tools/norm_db_init.py``, so that brat opens
    the folder as it is and shows the keys.
    """
    out = Path(out_dir)
    files: list[tuple[Path, str, str | None]] = []
    for doc in select_documents(corpus, ids):
        files.append((out / f"{doc.id}.txt", doc.raw, ""))
        files.append((out / f"{doc.id}.ann", "\n".join(_brat_lines(doc)) + "\n", "\n"))
    chosen = corpus if ids is None else Corpus(corpus.release, tuple(select_documents(corpus, ids)))
    files.append((out / "annotation.conf", _brat_conf(), None))
    files.append((out / "tools.conf", _brat_tools_conf(), None))
    files.append((out / f"{BRAT_DATABASE}.txt", _brat_database(chosen), "\n"))
    out.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:  # every file is replaced, or none
        for path, text, newline in files:
            temporary = stack.enter_context(_atomic.atomic_path(path))
            temporary.write_text(text, encoding="utf-8", newline=newline)
    return [path for path, _text, _newline in files]


BRAT_DATABASE = "karabakh"
"""The name of the brat normalization database of the entity keys (``N`` lines)."""
_PROJECT = "https://github.com/karabakh-corpus/karabakh_corpus"


def _brat_tools_conf() -> str:
    return "\n".join(
        [
            "[normalization]",
            f"{BRAT_DATABASE}\t<URL>:{_PROJECT}, <URLBASE>:{_PROJECT}/search?q=%s",
            "",
        ]
    )


def _brat_database(corpus: Corpus) -> str:
    lines = []
    for entity in corpus.entities():
        fields = [brat_reference(entity.key), f"name:Name:{entity.names[0]}"]
        fields += [f"name:Also known as:{name}" for name in entity.names[1:]]
        fields += [f"attr:Type:{entity.label}", f"info:Key:{entity.key}"]
        lines.append("\t".join(" ".join(f.split()) for f in fields))
    return "".join(line + "\n" for line in lines)


def _brat_conf() -> str:
    labels = [label for kind in ANNOTATION_TYPES.values() for label in kind.labels]
    relations, marks = [], []
    for kind in ANNOTATION_TYPES.values():
        layer = _brat_layer(kind)
        for _name, relation, linked in layer.relations:
            sources = "|".join(kind.labels)
            targets = "|".join(ANNOTATION_TYPES[linked].labels)
            relations.append(f"{relation}\tArg1:{sources}, Arg2:{targets}")
        for name, mark, flag in layer.marks:
            words = attribute_spec(kind, attrs.fields_dict(kind)[name]).vocabulary
            if flag or words is None:
                marks.append(f"{mark}\tArg:<ENTITY>")
            else:
                marks.append(f"{mark}\tArg:<ENTITY>, Value:{'|'.join(sorted(words))}")
    return "\n".join(
        ["[entities]", *labels, "[relations]", *relations, "[events]", "[attributes]", *marks, ""]
    )


# -- W3C Web Annotation -----------------------------------------------------------------------

_QUOTE_CONTEXT = 32


def _unique_context(raw: str, start: int, end: int) -> int:
    """How many characters of prefix and suffix make the quote's context occur once in `raw`.

    Starts at 32 and doubles, so that a TextQuoteSelector alone finds the span even where
    the page repeats a sentence (a standfirst that is also the first paragraph).
    """
    size = _QUOTE_CONTEXT
    while True:
        context = raw[max(0, start - size) : end + size]
        if len(find_all(raw, context)) == 1 or (start - size <= 0 and end + size >= len(raw)):
            return size
        size *= 2


def _identified(annotation: Annotation) -> tuple[str, str] | None:
    """The kind and the key of what the span identifies (``("entity", KEY)``), or None."""
    kind = type(annotation)
    for field in attribute_fields(kind):
        about = attribute_spec(kind, field)
        value = getattr(annotation, field.name)
        if about.identifies is not None and value is not None:
            return about.identifies, str(value)
    return None


def _web_annotation(doc: Document, annotation: Annotation, n: int, release: str) -> dict[str, Any]:
    found = attributes(annotation, export="Web Annotation")
    described = {k: v for k, v in found.items() if v is not None and v is not False}
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": annotation.label},
        {"type": "TextualBody", "purpose": "classifying", "value": str(annotation.layer)},
    ]
    identified = _identified(annotation)
    if identified is not None:
        source = f"{URN}:{identified[0]}:{identified[1]}"
        body.append({"type": "SpecificResource", "purpose": "identifying", "source": source})
    if described:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "format": "application/json",
                "value": json.dumps(described, ensure_ascii=False, sort_keys=True),
            }
        )
    raw = doc.raw
    context = _unique_context(raw, annotation.start, annotation.end)
    return {
        "@context": ANNO_CONTEXT,
        "id": f"{URN}:{release}:{doc.id}:{annotation.layer}:{n}",
        "type": "Annotation",
        "motivation": "tagging" if identified is None else "identifying",
        "body": body,
        "target": {
            "type": "SpecificResource",
            "source": f"{URN}:{release}:{doc.id}:raw",
            "selector": [
                {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
                {
                    "type": "TextQuoteSelector",
                    "exact": annotation.text,
                    "prefix": raw[max(0, annotation.start - context) : annotation.start],
                    "suffix": raw[annotation.end : annotation.end + context],
                },
            ],
        },
    }


def to_web_annotation(
    corpus: Corpus, path: str | Path, *, ids: Sequence[str] | None = None
) -> Path:
    """Write one W3C Web Annotation collection (JSON-LD) with every span of the documents.

    The collection embeds its one page, which has its own `id` and says which collection it
    is `partOf`; each annotation carries its own ``@context``, so that one taken out of the
    file is still a complete Web Annotation. Targets are ``SpecificResource`` objects on
    the raw text, with a TextPositionSelector and a TextQuoteSelector.
    """
    items = []
    for doc in select_documents(corpus, ids):
        counts: dict[str, int] = {}
        for annotation in doc.annotations:
            counts[annotation.layer] = counts.get(annotation.layer, 0) + 1
            items.append(_web_annotation(doc, annotation, counts[annotation.layer], corpus.release))
    collection_id = f"{URN}:{corpus.release}:annotations"
    page_id = f"{collection_id}:page:1"
    collection = {
        "@context": ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"karabakh_corpus {corpus.release} annotations",
        "total": len(items),
        "first": {
            "id": page_id,
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        },
        "last": page_id,
    }
    return _atomic.write_text(path, json.dumps(collection, ensure_ascii=False, indent=1) + "\n")


def read_web_annotation(path: str | Path) -> list[dict[str, Any]]:
    """The spans of a Web Annotation export: document, layer, label, start, end, text."""
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    spans = []
    for item in collection["first"]["items"]:
        source = item["target"]["source"]
        position = next(
            s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector"
        )
        quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        tags = {b["purpose"]: b.get("value") for b in item["body"] if b["type"] == "TextualBody"}
        spans.append(
            {
                "document": source.split(":")[-2],
                "layer": tags["classifying"],
                "label": tags["tagging"],
                "start": position["start"],
                "end": position["end"],
                "text": quote["exact"],
            }
        )
    return spans


# -- spaCy ------------------------------------------------------------------------------------


def _tokens(text: str, cuts: Iterable[int]) -> tuple[list[str], list[bool]]:
    """Tokens of `text` split at word/punctuation boundaries and at every position of `cuts`."""
    import re

    bounds = {0, len(text), *cuts}
    for match in re.finditer(r"\w+|[^\w\s]|\s+", text):
        bounds.update(match.span())
    points = sorted(bounds)
    words: list[str] = []
    spaces: list[bool] = []
    for start, end in itertools.pairwise(points):
        piece = text[start:end]
        if piece == " " and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
            continue
        words.append(piece)
        spaces.append(False)
    return words, spaces


def _check_extras(fmt: str) -> None:
    """Raise `MissingExtraError` if the writer of `fmt` needs an extra that is missing."""
    if fmt == "spacy":
        _spacy()


def _spacy() -> Any:
    with _extras.needs("spacy", "the spaCy export"):
        import spacy
        import spacy.tokens
    return spacy


def to_spacy(corpus: Corpus, path: str | Path, *, ids: Sequence[str] | None = None) -> Path:
    """Write a spaCy ``DocBin``: the clean texts, one span group per layer.

    Spans keep their label and, for entities, their key as ``kb_id``; their attributes are
    in ``doc.user_data["karabakh_attributes"][LAYER][i]`` for the i-th span of the group
    (a linked mention as offsets into the clean text). Spans in stripped regions are left
    out (they are not in the clean text). Needs the ``spacy`` extra.
    """
    spacy = _spacy()
    Doc, DocBin = spacy.tokens.Doc, spacy.tokens.DocBin
    docs = select_documents(corpus, ids)
    vocab = spacy.blank("xx").vocab
    bin_ = DocBin(store_user_data=True)
    for doc in docs:
        layers = {layer: doc.spans(layer, on="clean") for layer in ANNOTATION_TYPES}
        cuts = [p for spans in layers.values() for a in spans for p in (a.start, a.end)]
        words, spaces = _tokens(doc.clean_text, cuts)
        spacy_doc = Doc(vocab, words=words, spaces=spaces)
        assert spacy_doc.text == doc.clean_text
        spacy_doc.user_data["karabakh_id"] = doc.id
        described: dict[str, list[dict[str, Any]]] = {}
        for layer, spans in layers.items():
            group = []
            for annotation in spans:
                identified = _identified(annotation)
                key = "" if identified is None else identified[1]
                span = spacy_doc.char_span(
                    annotation.start, annotation.end, label=annotation.label, kb_id=key
                )
                assert span is not None, (doc.id, annotation)
                group.append(span)
            described[layer] = [attributes(a, export="spaCy") for a in spans]
            spacy_doc.spans[layer] = group
        spacy_doc.user_data["karabakh_attributes"] = described
        bin_.add(spacy_doc)
    path = Path(path)
    with _atomic.atomic_path(path) as temporary:
        bin_.to_disk(temporary)
    return path


FORMATS: Mapping[str, tuple[str, Callable[..., Any]]] = {
    "jsonl": ("corpus.jsonl", to_jsonl),
    "brat": ("brat", to_brat),
    "webanno": ("annotations.jsonld", to_web_annotation),
    "spacy": ("corpus.spacy", to_spacy),
    "croissant": ("croissant", to_croissant),
}
"""Each export format: the name it is written under in the output folder, and its writer."""
FORMATS = MappingProxyType(dict(FORMATS))


def export(
    corpus: Corpus, fmt: str, out_dir: str | Path, *, ids: Sequence[str] | None = None
) -> Path:
    """Write the export `fmt` (a key of `FORMATS`) into `out_dir`; return what was written.

    The format, the ids, the output folder and the extra a format needs are checked before
    any file or folder is made.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; the formats are {sorted(FORMATS)}")
    select_documents(corpus, ids)
    _check_extras(fmt)  # before anything is written
    name, writer = FORMATS[fmt]
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "the export folder is a file", str(out))
    out.mkdir(parents=True, exist_ok=True)
    target = out / name
    writer(corpus, target, ids=ids)
    return target
