"""The typed records of the corpus: categories, spans, regions, annotation layers, metadata,
documents and the corpus.

All offsets are Python `str` indices (code points) into a document's raw text, half-open:
``raw[span.start:span.end] == span.text`` holds for every span, and constructing a record
that breaks it raises `DataFormatError`.

This module is the home of the public types. `Span`, `Category` and `Region` (with the
reasons a region gets its category) are defined in `karabakh_corpus.spans`, the annotation
layers and their registry (`register_layer`) in `karabakh_corpus.annotations`; both are
re-exported here.
"""

from __future__ import annotations

import datetime
import enum
import functools
import operator
from collections.abc import Iterator, Mapping
from typing import Any, overload

import attrs

from karabakh_corpus import _textmap
from karabakh_corpus import annotations as _annotations
from karabakh_corpus import spans as _spans
from karabakh_corpus._checks import read_only, tuple_of
from karabakh_corpus.annotations import *  # noqa: F403  (re-exported: __all__ below)
from karabakh_corpus.annotations import (
    ANNOTATION_TYPES,
    Annotation,
    Entity,
    Layer,
    Quotation,
    attribute_fields,
)
from karabakh_corpus.errors import (
    DataFormatError,
    DocumentIndexError,
    NotInCleanTextError,
    UnknownDocumentError,
    UnknownEntityError,
)
from karabakh_corpus.spans import *  # noqa: F403  (re-exported: __all__ below)
from karabakh_corpus.spans import Category, Region, Span

__all__ = [
    "METADATA_COLUMN",
    "WIRE_NAMES",
    "Corpus",
    "Document",
    "EntitySummary",
    "Evidence",
    "Mention",
    "Metadata",
    "MetadataColumn",
    "Wire",
    "metadata_columns",
]
__all__ += _annotations.__all__
__all__ += _spans.__all__


class Wire(str, enum.Enum):
    """News agencies a story can originate from, by the code the corpus uses for each."""

    AP = "AP"
    AFP = "AFP"
    REUTERS = "Reuters"
    DPA = "DPA"
    ANADOLU = "Anadolu"
    TASS = "TASS"
    INTERFAX = "Interfax"
    XINHUA = "Xinhua"
    EFE = "EFE"
    UPI = "UPI"

    @property
    def description(self) -> str:
        """The agency's name."""
        return WIRE_NAMES[self]


WIRE_NAMES: Mapping[Wire, str] = {
    Wire.AP: "The Associated Press",
    Wire.AFP: "Agence France-Presse",
    Wire.REUTERS: "Reuters",
    Wire.DPA: "Deutsche Presse-Agentur",
    Wire.ANADOLU: "Anadolu Agency",
    Wire.TASS: "TASS Russian News Agency",
    Wire.INTERFAX: "Interfax",
    Wire.XINHUA: "Xinhua News Agency",
    Wire.EFE: "Agencia EFE",
    Wire.UPI: "United Press International",
}
"""The agency each wire code stands for."""
WIRE_NAMES = read_only(WIRE_NAMES)


@attrs.frozen
class Evidence(Span):
    """The raw text that backs one metadata value."""

    field: str = attrs.field(kw_only=True, validator=attrs.validators.instance_of(str))


METADATA_COLUMN = "karabakh_corpus.metadata_column"
"""The key of a `Metadata` field's attrs metadata that makes it a column of the rows."""


@attrs.frozen
class MetadataColumn:
    """What a metadata field holds as a column of the rows (JSON Lines, tables, Croissant):
    its `description` and its `kind`, one of ``text``, ``date``, ``bool`` and ``texts`` (a
    list of strings)."""

    description: str
    kind: str = attrs.field(
        default="text", validator=attrs.validators.in_(("text", "date", "bool", "texts"))
    )


_VALIDATORS: Mapping[str, Any] = read_only(
    {
        "text": attrs.validators.instance_of(str),
        "text?": attrs.validators.optional(attrs.validators.instance_of(str)),
        "date": attrs.validators.optional(attrs.validators.instance_of(datetime.date)),
        "bool": attrs.validators.instance_of(bool),
        "texts": tuple_of(str),
    }
)
"""The validator of a metadata field by its kind (``text?``: a text or None)."""


def _column(description: str, kind: str = "text") -> dict[str, Any]:
    """The validator (or, for the wire, the converter) and the attrs metadata of a
    `Metadata` field that the rows carry."""
    column = MetadataColumn(description, "text" if kind in ("text?", "wire") else kind)
    metadata = {METADATA_COLUMN: column}
    if kind == "wire":
        return {"converter": attrs.converters.optional(Wire), "metadata": metadata}
    return {"validator": _VALIDATORS[kind], "metadata": metadata}


@attrs.frozen
class Metadata:
    """What is known about a document, each value with how it was established.

    `date` is the publication date: from the page's dateline where it states one
    (`date_inferred` False), inferred from the text where a weekday and an identifiable
    event pin it down (`date_inferred` True), else None; `date_evidence` says which.
    `outlet` is the publication whose page this is, `credited_to` the outlets the page
    credits; `wire` the news agency the story comes from (not one it merely quotes):
    shown by a byline or credit line of the page (`wire_inferred` False), or inferred from
    the text, which follows that agency's story, where the page credits none
    (`wire_inferred` True); `wire_evidence` says which. `wire_inferred` defaults to False:
    records written before it existed lack it, and their wires were all shown on the page.
    `byline` is the story's author line as printed, naming its author (not the account
    that posted it on a site); `authors` the people it names, without "By" and roles (an
    agency or a newsroom is no author: it is the wire, or the outlet), and `dateline` the
    place the story opens with, as printed ("MOSCOW"); `authors_evidence` and
    `dateline_evidence` say how they were read, or why there are none. The four default
    to empty: records written before 1.8.0 lack them.
    `machine_rewritten` flags signs of machine translation or automated rewriting, and
    `machine_rewritten_note` names them. `evidence` holds the raw text behind each value,
    and `stripped` every region of the raw text that is not the article.

    Each field that the rows carry (JSON Lines, tables, Croissant) says what it holds in
    its attrs metadata (`metadata_columns`), so that a new field is one edit here.
    """

    date: datetime.date | None = attrs.field(
        **_column("the publication date (stated or inferred, see date_inferred)", "date")
    )
    date_inferred: bool = attrs.field(
        **_column("true if the date was inferred from the text", "bool")
    )
    date_evidence: str = attrs.field(
        **_column("how the date was established, or why there is none")
    )
    outlet: str | None = attrs.field(**_column("the publication whose page this is", "text?"))
    outlet_evidence: str = attrs.field(
        **_column("how the outlet was established, or why there is none")
    )
    credited_to: tuple[str, ...] = attrs.field(
        **_column("the outlets and agencies the page credits", "texts")
    )
    wire: Wire | None = attrs.field(
        **_column("the news agency the story comes from (credited or inferred)", "wire")
    )
    wire_inferred: bool = attrs.field(
        default=False,
        kw_only=True,
        **_column("true if the wire was inferred from the text, not credited", "bool"),
    )
    wire_evidence: str = attrs.field(
        **_column("how the wire was established, or why there is none")
    )
    byline: str | None = attrs.field(**_column("the story's author line as printed", "text?"))
    authors: tuple[str, ...] = attrs.field(
        default=(),
        kw_only=True,
        **_column("the people the author line names, without By and roles", "texts"),
    )
    authors_evidence: str = attrs.field(
        default="", kw_only=True, **_column("how the authors were read, or why there are none")
    )
    dateline: str | None = attrs.field(
        default=None,
        kw_only=True,
        **_column("the place the story opens with, as printed (MOSCOW)", "text?"),
    )
    dateline_evidence: str = attrs.field(
        default="", kw_only=True, **_column("how the dateline was read, or why there is none")
    )
    language: str = attrs.field(**_column("BCP 47 language code"))
    machine_rewritten: bool = attrs.field(
        **_column("signs of machine translation or rewriting", "bool")
    )
    machine_rewritten_note: str = attrs.field(
        **_column("the signs of machine translation or rewriting")
    )
    evidence: tuple[Evidence, ...] = attrs.field(validator=tuple_of(Evidence))
    stripped: tuple[Region, ...] = attrs.field(validator=tuple_of(Region))

    def __attrs_post_init__(self) -> None:
        if self.date is None and self.date_inferred:
            raise DataFormatError("date_inferred is True but there is no date")
        if self.wire is None and self.wire_inferred:
            raise DataFormatError("wire_inferred is True but there is no wire")
        for region in self.stripped:
            if not region.category.stripped:
                raise DataFormatError(
                    f"stripped region {region.text!r} has the article category "
                    f"{region.category.value!r}"
                )


def metadata_columns() -> tuple[tuple[str, MetadataColumn], ...]:
    """The `Metadata` fields that the rows carry, in order, each with its `MetadataColumn`."""
    return tuple(
        (field.name, field.metadata[METADATA_COLUMN])
        for field in attrs.fields(Metadata)
        if METADATA_COLUMN in field.metadata
    )


@attrs.frozen
class ArticleView:
    """The clean view of a raw text: one vocabulary for `Document` and `Cleaned`.

    `raw` is the text as given (scraped, rendered, or passed to the cleaner) and `article`
    its title, standfirst and paragraph regions in text order. `title` and `summary` are
    the headline and standfirst, `paragraphs` the body paragraphs, `text` the body (the
    paragraphs joined by a blank line) and `clean_text` the title, summary and body in page
    order. `text_offsets` maps positions between `raw` and `text`, `clean_offsets` between
    `raw` and `clean_text`. Every string is whitespace normalized.
    """

    raw: str = attrs.field(repr=False)
    article: tuple[Region, ...] = attrs.field(repr=False)

    def _first(self, category: Category) -> str | None:
        region = next((r for r in self.article if r.category is category), None)
        return None if region is None else _textmap.normalize(region.text)

    @functools.cached_property
    def title(self) -> str | None:
        """The headline, or None if there is none."""
        return self._first(Category.TITLE)

    @functools.cached_property
    def summary(self) -> str | None:
        """The standfirst, or None if there is none."""
        return self._first(Category.SUMMARY)

    @functools.cached_property
    def body(self) -> tuple[Region, ...]:
        """The regions of the body paragraphs."""
        return tuple(r for r in self.article if r.category is Category.PARAGRAPH)

    @functools.cached_property
    def paragraphs(self) -> tuple[str, ...]:
        """The body paragraphs, in order."""
        return tuple(_textmap.normalize(r.text) for r in self.body)

    @functools.cached_property
    def _text(self) -> tuple[str, _textmap.OffsetMap]:
        return _textmap.render(self.raw, self.body)

    @functools.cached_property
    def _clean(self) -> tuple[str, _textmap.OffsetMap]:
        return _textmap.render(self.raw, self.article)

    @property
    def text(self) -> str:
        """The body: its paragraphs joined by a blank line (no title, no summary)."""
        return self._text[0]

    @property
    def text_offsets(self) -> _textmap.OffsetMap:
        """The map between positions of `raw` and of `text`."""
        return self._text[1]

    @property
    def clean_text(self) -> str:
        """Title, summary and body paragraphs, in page order, joined by blank lines."""
        return self._clean[0]

    @property
    def clean_offsets(self) -> _textmap.OffsetMap:
        """The map between positions of `raw` and of `clean_text`."""
        return self._clean[1]


class HasArticleView:
    """The clean view's names on a class that has a `view` (an `ArticleView`): `Document`
    and `karabakh_corpus.Cleaned` share them, so each name means one thing in both."""

    __slots__ = ()

    @property
    def view(self) -> ArticleView:
        """The clean view of the raw text."""
        raise NotImplementedError

    @property
    def title(self) -> str | None:
        """The headline, or None if there is none."""
        return self.view.title

    @property
    def summary(self) -> str | None:
        """The standfirst, or None if there is none."""
        return self.view.summary

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body paragraphs, in order, whitespace normalized."""
        return self.view.paragraphs

    @property
    def text(self) -> str:
        """The body: its paragraphs joined by a blank line (no title, no summary)."""
        return self.view.text

    @property
    def clean_text(self) -> str:
        """Title, summary and body paragraphs, in page order, joined by blank lines."""
        return self.view.clean_text

    @property
    def text_offsets(self) -> _textmap.OffsetMap:
        """The map between positions of the raw text and of `text`."""
        return self.view.text_offsets

    @property
    def clean_offsets(self) -> _textmap.OffsetMap:
        """The map between positions of the raw text and of `clean_text`."""
        return self.view.clean_offsets


@attrs.frozen(repr=False)
class Document(HasArticleView):
    """One article: its raw text as scraped, its article regions and its metadata.

    `id` is the hex part of the source file's name (`source`), and `raw` that file's text,
    byte for byte.

    `title`, `summary`, `paragraphs` and `text` (the body paragraphs joined by a blank
    line) are the clean article, whitespace normalized. `clean_text` is the title, summary
    and body as one string. `clean_offsets` translates positions between `raw` and
    `clean_text`, `text_offsets` between `raw` and `text` (`view` holds them all).
    """

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    source: str = attrs.field(validator=attrs.validators.instance_of(str))
    raw: str = attrs.field(repr=False, validator=attrs.validators.instance_of(str))
    article: tuple[Region, ...] = attrs.field(repr=False, validator=tuple_of(Region))
    meta: Metadata = attrs.field(repr=False, validator=attrs.validators.instance_of(Metadata))
    annotations: tuple[Annotation, ...] = attrs.field(
        default=(), kw_only=True, repr=False, validator=tuple_of(Annotation)
    )

    def __attrs_post_init__(self) -> None:
        _check_regions(self.id, self.raw, self.article, self.meta)
        _check_annotations(self.id, self.raw, self.annotations)

    def __repr__(self) -> str:
        """The id, title and sizes: what a REPL user needs to recognize the document."""
        return (
            f"Document(id={self.id!r}, title={_shorten(self.title)!r}, "
            f"date={None if self.meta.date is None else self.meta.date.isoformat()!r}, "
            f"raw={len(self.raw)} chars, clean_text={len(self.clean_text)} chars, "
            f"regions={len(self.regions)} ({len(self.meta.stripped)} stripped), "
            f"annotations={len(self.annotations)})"
        )

    def spans(
        self, layer: Layer | str, label: str | None = None, *, on: str = "raw"
    ) -> tuple[Annotation, ...]:
        """The annotations of `layer` (and `label`), in text order.

        ``on="raw"`` gives offsets into `raw`; ``on="clean"`` gives offsets into `clean_text`
        and leaves out the spans that lie in stripped regions (a dateline, a credit line):
        `clean_span` says why a span has no clean offsets.
        """
        kind = ANNOTATION_TYPES.get(layer) if isinstance(layer, str) else None
        if kind is None:
            raise ValueError(f"unknown layer {layer!r}; the layers are {list(ANNOTATION_TYPES)}")
        if label is not None and label not in kind.labels:
            raise ValueError(
                f"unknown {layer} label {label!r}; the labels are {sorted(kind.labels)}"
            )
        if on not in ("raw", "clean"):
            raise ValueError(f"on must be 'raw' or 'clean', not {on!r}")
        chosen = tuple(
            a for a in self.annotations if a.layer == kind.layer and label in (None, a.label)
        )
        if on == "raw":
            return chosen
        projected = []
        for annotation in chosen:
            place = self._in_clean(annotation)
            if place is None:
                continue
            changes: dict[str, Any] = {"start": place.start, "end": place.end, "text": place.text}
            for field in attribute_fields(kind):  # a linked mention moves with its span
                linked = getattr(annotation, field.name)
                if isinstance(linked, Span):
                    changes[field.name] = self._in_clean(linked)
            projected.append(attrs.evolve(annotation, **changes))
        return tuple(projected)

    def _in_clean(self, span: Span) -> Span | None:
        bounds = self.clean_offsets.span_to_output(span.start, span.end)
        if bounds is None:
            return None
        start, end = bounds
        return Span(start, end, self.clean_text[start:end])

    def clean_span(self, span: Span) -> Span:
        """The place of a raw-text span in `clean_text`.

        Raises `NotInCleanTextError` naming the stripped region when the span lies (partly)
        outside the clean text.
        """
        span.check(self.raw)
        place = self._in_clean(span)
        if place is None:
            region = next(
                (
                    r
                    for r in self.regions
                    if r.category.stripped and r.start < span.end and span.start < r.end
                ),
                None,
            )
            where = (
                "whitespace between regions"
                if region is None
                else f"a stripped {region.category.value} region ({region.text[:40]!r})"
            )
            raise NotInCleanTextError(
                f"{self.id}: span [{span.start}, {span.end}) {span.text!r} lies in {where}; "
                "it has no offsets in the clean text (use on='raw')"
            )
        return place

    @functools.cached_property
    def view(self) -> ArticleView:
        """The clean view of `raw` (`ArticleView`): what the properties below read."""
        return ArticleView(self.raw, self.article)

    @property
    def stripped(self) -> tuple[Region, ...]:
        """Every stripped region (the same as ``meta.stripped``)."""
        return self.meta.stripped

    @property
    def regions(self) -> tuple[Region, ...]:
        """Every region of the raw text, article and stripped, in text order."""
        return tuple(sorted(self.article + self.meta.stripped, key=lambda r: r.start))


def _shorten(text: str | None, size: int = 60) -> str | None:
    """`text` cut to `size` characters with an ellipsis, for reprs."""
    if text is None or len(text) <= size:
        return text
    return text[: size - 1] + "…"


def _check_annotations(doc_id: str, raw: str, annotations: tuple[Annotation, ...]) -> None:
    """Check every annotation's span, and that speakers are entities of the document."""
    entities = {(a.start, a.end): a for a in annotations if isinstance(a, Entity)}
    keys = {e.key for e in entities.values()}
    for annotation in annotations:
        try:
            annotation.check(raw)
        except DataFormatError as exc:
            raise DataFormatError(f"{doc_id}: {annotation.layer}: {exc}") from exc
        if isinstance(annotation, Quotation) and annotation.speaker is not None:
            if annotation.speaker not in keys:
                raise DataFormatError(
                    f"{doc_id}: the speaker {annotation.speaker} of {annotation.text[:40]!r} is "
                    "not an entity of the document"
                )
            linked = annotation.speaker_span
            mention = None if linked is None else entities.get((linked.start, linked.end))
            if mention is None or mention.key != annotation.speaker:
                raise DataFormatError(
                    f"{doc_id}: the quotation {annotation.text[:40]!r} is not linked to a "
                    f"mention of {annotation.speaker}"
                )


def _check_regions(doc_id: str, raw: str, article: tuple[Region, ...], meta: Metadata) -> None:
    """Check that the regions are the raw text's lines, each once, in order, and spans hold."""
    for region in article:
        if region.category.stripped:
            raise DataFormatError(
                f"{doc_id}: article region {region.text!r} has the stripped category "
                f"{region.category.value!r}"
            )
    for kind in (Category.TITLE, Category.SUMMARY):
        if sum(r.category is kind for r in article) > 1:
            raise DataFormatError(f"{doc_id}: more than one {kind.value} region")
    if any(article[k].start < article[k - 1].start for k in range(1, len(article))):
        raise DataFormatError(f"{doc_id}: article regions are not in text order")
    lines = list(_textmap.iter_lines(raw))
    regions = sorted(article + meta.stripped, key=lambda r: r.start)
    if [(r.start, r.end) for r in regions] != lines:
        covered = {(r.start, r.end) for r in regions}
        missing = [raw[a:b] for a, b in lines if (a, b) not in covered]
        extra = [r.text for r in regions if (r.start, r.end) not in set(lines)]
        raise DataFormatError(
            f"{doc_id}: the regions must be exactly the non-blank lines of the raw text; "
            f"lines without a region: {missing[:3]!r}, regions that are not a line: {extra[:3]!r}"
        )
    for span in (*regions, *meta.evidence):
        try:
            span.check(raw)
        except DataFormatError as exc:
            raise DataFormatError(f"{doc_id}: {exc}") from exc


@attrs.frozen(repr=False)
class Corpus:
    """The documents of one release, in seed order, addressable by id or position.

    Iterating yields documents. ``corpus[id]`` returns one and raises `UnknownDocumentError`
    (a `KeyError`) naming the valid ids for any other key; ``corpus[0]`` and ``corpus[-1]``
    index by position, raising `DocumentIndexError` (an `IndexError`) out of range, and
    ``corpus[1:3]`` is a `Corpus` of the same release with those documents.
    """

    release: str = attrs.field(validator=attrs.validators.instance_of(str))
    documents: tuple[Document, ...] = attrs.field(repr=False, validator=tuple_of(Document))
    _index: Mapping[str, Document] = attrs.field(init=False, repr=False, eq=False)

    @_index.default
    def _build_index(self) -> Mapping[str, Document]:
        index = {doc.id: doc for doc in self.documents}
        if len(index) != len(self.documents):
            raise DataFormatError("the corpus holds two documents with the same id")
        return index

    def __repr__(self) -> str:
        return f"Corpus(release={self.release!r}, documents={len(self.documents)})"

    @property
    def ids(self) -> tuple[str, ...]:
        """The document ids, in seed order."""
        return tuple(self._index)

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and doc_id in self._index

    @overload
    def __getitem__(self, key: str | int) -> Document: ...

    @overload
    def __getitem__(self, key: slice) -> Corpus: ...

    def __getitem__(self, key: str | int | slice) -> Document | Corpus:
        if isinstance(key, str):
            try:
                return self._index[key]
            except KeyError as exc:
                raise UnknownDocumentError(key, self.ids) from exc
        if isinstance(key, slice):
            return Corpus(release=self.release, documents=self.documents[key])
        if not isinstance(key, bool):
            try:
                position = operator.index(key)
            except TypeError:
                pass
            else:
                try:
                    return self.documents[position]
                except IndexError as exc:
                    raise DocumentIndexError(position, len(self.documents)) from exc
        raise UnknownDocumentError(key, self.ids)

    def mentions(self, key: str) -> tuple[Mention, ...]:
        """Every mention of the entity `key` in every document, in corpus and text order.

        Raises `UnknownEntityError` (a `KeyError`) with close keys when none mentions it.
        """
        found = tuple(
            Mention(doc.id, entity)
            for doc in self.documents
            for entity in doc.spans(Layer.ENTITY)
            if isinstance(entity, Entity) and entity.key == key
        )
        if not found:
            import difflib

            known = [e.key for e in self.entities()]
            raise UnknownEntityError(key, difflib.get_close_matches(str(key), known, n=3))
        return found

    def entities(self) -> tuple[EntitySummary, ...]:
        """Every entity key with its label, its names (most frequent first) and counts."""
        names: dict[str, dict[str, int]] = {}
        labels: dict[str, str] = {}
        documents: dict[str, list[str]] = {}
        for doc in self.documents:
            for entity in doc.spans(Layer.ENTITY):
                assert isinstance(entity, Entity)
                forms = names.setdefault(entity.key, {})
                name = _textmap.normalize(entity.text)
                forms[name] = forms.get(name, 0) + 1
                labels[entity.key] = entity.label
                seen = documents.setdefault(entity.key, [])
                if doc.id not in seen:
                    seen.append(doc.id)
        return tuple(
            EntitySummary(
                key=key,
                label=labels[key],
                names=tuple(sorted(forms, key=lambda n: (-forms[n], n))),
                count=sum(forms.values()),
                documents=tuple(documents[key]),
            )
            for key, forms in sorted(names.items())
        )


@attrs.frozen
class Mention:
    """One mention of an entity: the document it is in and its span there."""

    document: str
    entity: Entity


@attrs.frozen
class EntitySummary:
    """An entity of the corpus: its key, label, names as written, mentions and documents."""

    key: str
    label: str
    names: tuple[str, ...]
    count: int
    documents: tuple[str, ...]
