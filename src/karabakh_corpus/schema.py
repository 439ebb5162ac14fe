"""The typed records of the corpus: categories, spans, metadata, documents and the corpus.

All offsets are Python `str` indices (code points) into a document's raw text, half-open:
``raw[span.start:span.end] == span.text`` holds for every span, and constructing a record
that breaks it raises `DataFormatError`.
"""

from __future__ import annotations

import datetime
import enum
import functools
import operator
import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar, overload

import attrs

from karabakh_corpus import _textmap
from karabakh_corpus.errors import (
    DataFormatError,
    DocumentIndexError,
    NotInCleanTextError,
    UnknownDocumentError,
    UnknownEntityError,
)

__all__ = [
    "ANNOTATION_TYPES",
    "ARTICLE",
    "CATEGORY_MEANINGS",
    "ENTITY_FORMS",
    "ENTITY_FORM_MEANINGS",
    "LAYER_LABELS",
    "QUANTITY_COUNTS",
    "QUANTITY_COUNT_MEANINGS",
    "QUANTITY_QUALIFIERS",
    "QUANTITY_QUALIFIER_MEANINGS",
    "STRIPPED",
    "WIRE_NAMES",
    "Annotation",
    "Category",
    "Corpus",
    "Document",
    "Entity",
    "EntitySummary",
    "Evidence",
    "Layer",
    "Mention",
    "Metadata",
    "Quantity",
    "Quotation",
    "Region",
    "Span",
    "TextIssue",
    "Timex",
    "Wire",
]


_K = TypeVar("_K")
_V = TypeVar("_V")


def _read_only(table: Mapping[_K, _V]) -> Mapping[_K, _V]:
    """A read-only copy of `table`: the vocabularies are shared by the whole process."""
    return MappingProxyType(dict(table))


class Category(str, enum.Enum):
    """What a region (one line) of a scraped page is; `description` says what it means.

    The first three are the article; every other category is text that the cleaner strips.
    """

    TITLE = "title"
    SUMMARY = "summary"
    PARAGRAPH = "paragraph"
    ADVERTISEMENT = "advertisement"
    DONATION_APPEAL = "donation_appeal"
    NEWSLETTER_PROMPT = "newsletter_prompt"
    LOGIN_PROMPT = "login_prompt"
    NAVIGATION = "navigation"
    RELATED_STORIES = "related_stories"
    COMMENT_PROMPT = "comment_prompt"
    SHARE_PROMPT = "share_prompt"
    COOKIE_NOTICE = "cookie_notice"
    SITE_DESCRIPTION = "site_description"
    LEGAL_NOTICE = "legal_notice"
    CAPTION = "caption"
    BYLINE = "byline"
    DATELINE = "dateline"
    CREDIT_LINE = "credit_line"
    BOILERPLATE = "boilerplate"

    @property
    def description(self) -> str:
        """What the category means (the release manifest records it, see the README)."""
        return CATEGORY_MEANINGS[self]

    @property
    def stripped(self) -> bool:
        """True for the categories that are not part of the article."""
        return self not in ARTICLE


CATEGORY_MEANINGS: Mapping[Category, str] = {
    Category.TITLE: "the headline",
    Category.SUMMARY: "the standfirst: the sentence under the headline that sums the story up",
    Category.PARAGRAPH: "a paragraph (or subheading) of the body",
    Category.ADVERTISEMENT: "advertisements and their labels",
    Category.DONATION_APPEAL: "requests for donations, memberships or support",
    Category.NEWSLETTER_PROMPT: "invitations to newsletters, alerts or browser notifications",
    Category.LOGIN_PROMPT: "sign-in, registration or subscription walls and their messages",
    Category.NAVIGATION: "menus, breadcrumbs, section and tag labels, skip links, footer links",
    Category.RELATED_STORIES: "lists of related, latest, popular or recommended stories",
    Category.COMMENT_PROMPT: "invitations to comment, comment forms and comment furniture",
    Category.SHARE_PROMPT: "share and follow buttons, social-media prompts",
    Category.COOKIE_NOTICE: "cookie and privacy consent notices",
    Category.SITE_DESCRIPTION: "what the site (or its publisher or author box) says about itself",
    Category.LEGAL_NOTICE: "copyright, DMCA, terms of use and privacy-policy lines",
    Category.CAPTION: "image, video or map captions, alternative texts, photo credits, logos",
    Category.BYLINE: "the author line",
    Category.DATELINE: "the publication or update date and time of the page",
    Category.CREDIT_LINE: "attribution of the story to a wire or another outlet",
    Category.BOILERPLATE: "other text around the article that no other category describes",
}
"""The meaning of each category: changing one is a MAJOR release (see the README)."""
CATEGORY_MEANINGS = _read_only(CATEGORY_MEANINGS)

ARTICLE = frozenset({Category.TITLE, Category.SUMMARY, Category.PARAGRAPH})
"""The categories of the article's own regions."""
STRIPPED = frozenset(set(Category) - ARTICLE)
"""The categories of stripped regions."""


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
WIRE_NAMES = _read_only(WIRE_NAMES)


def _check_bounds(instance: Span, attribute: attrs.Attribute[Any], value: int) -> None:
    if type(value) is not int or value < 0:
        raise DataFormatError(f"{attribute.name} must be a non-negative int, not {value!r}")


@attrs.frozen
class Span:
    """A half-open range ``[start, end)`` of a text, with the text it covers."""

    start: int = attrs.field(validator=_check_bounds)
    end: int = attrs.field(validator=_check_bounds)
    text: str = attrs.field(validator=attrs.validators.instance_of(str))

    def __attrs_post_init__(self) -> None:
        if self.end - self.start != len(self.text):
            raise DataFormatError(
                f"span [{self.start}, {self.end}) has {self.end - self.start} characters "
                f"but its text {self.text!r} has {len(self.text)}"
            )

    def check(self, text: str) -> None:
        """Raise `DataFormatError` unless ``text[start:end] == self.text``."""
        if text[self.start : self.end] != self.text:
            raise DataFormatError(
                f"span [{self.start}, {self.end}) should cover {self.text!r} "
                f"but covers {text[self.start : self.end]!r}"
            )


@attrs.frozen
class Region(Span):
    """One line of a raw text with its category and the rule that decided it."""

    category: Category = attrs.field(converter=Category, kw_only=True)
    rule: str = attrs.field(kw_only=True, validator=attrs.validators.instance_of(str))


@attrs.frozen
class Evidence(Span):
    """The raw text that backs one metadata value."""

    field: str = attrs.field(kw_only=True, validator=attrs.validators.instance_of(str))


class Layer(str, enum.Enum):
    """The annotation layers; `labels` maps each label of a layer to its meaning."""

    ENTITY = "entity"
    QUOTE = "quote"
    TIME = "time"
    QUANTITY = "quantity"
    TEXT_ISSUE = "text_issue"

    @property
    def labels(self) -> Mapping[str, str]:
        """The labels of the layer, each with what it means."""
        return LAYER_LABELS[self]


LAYER_LABELS: Mapping[Layer, Mapping[str, str]] = {
    Layer.ENTITY: {
        "person": "a named person, or a role description that refers to one",
        "organization": "a named organization, or a role description that refers to one",
        "place": "a named place, or a capital or seat of power standing for a government",
        "event": "a named or identifiable historical event: a war, an agreement, an invasion",
    },
    Layer.QUOTE: {"quote": "a full or partial direct quotation of someone's words"},
    Layer.TIME: {
        "date": "a calendar date, weekday, month, year, decade or relative date",
        "time": "a time of day or a part of a day",
        "duration": "a length of time",
        "set": "a recurring time",
    },
    Layer.QUANTITY: {"quantity": "a numeric claim: a count, a figure or a duration"},
    Layer.TEXT_ISSUE: {
        "garbled_name": "a name rendered wrongly",
        "garbled_phrase": "words that do not say what the source meant",
        "broken_sentence": "fragments or words left over from rewriting",
        "inverted_meaning": "a rewriting that says the opposite of the facts reported",
    },
}
"""The labels of each layer and their meanings: changing one is a MAJOR release."""
LAYER_LABELS = _read_only({layer: _read_only(labels) for layer, labels in LAYER_LABELS.items()})

ENTITY_FORM_MEANINGS: Mapping[str, str] = {
    "name": "the full name as written",
    "short": "a surname alone, an acronym or a shortened name",
    "metonym": "a capital or seat of power standing for a government",
    "role": "a definite description of one person or organization",
}
QUANTITY_QUALIFIER_MEANINGS: Mapping[str, str] = {
    "exact": "the figure as given, without a qualifier",
    "more-than": "more than the figure",
    "at-least": "at least the figure",
    "about": "about, around, roughly the figure",
    "some": "some (an approximate figure)",
    "as-many-as": "as many as (an upper estimate)",
    "nearly": "nearly, almost the figure",
    "up-to": "up to the figure",
    "dozens": "dozens, without a figure",
    "hundreds": "hundreds, without a figure",
    "thousands": "thousands, without a figure",
}
QUANTITY_COUNT_MEANINGS: Mapping[str, str] = {
    "deaths": "people killed",
    "troops-deployed": "troops or peacekeepers sent",
    "refugees-returned": "refugees or displaced people who went back",
    "displaced": "people who fled or were driven out",
    "duration": "a length of time",
    "participants": "leaders, sides or parties taking part",
    "other": "any other count",
}
ENTITY_FORM_MEANINGS = _read_only(ENTITY_FORM_MEANINGS)
QUANTITY_QUALIFIER_MEANINGS = _read_only(QUANTITY_QUALIFIER_MEANINGS)
QUANTITY_COUNT_MEANINGS = _read_only(QUANTITY_COUNT_MEANINGS)
ENTITY_FORMS = frozenset(ENTITY_FORM_MEANINGS)
QUANTITY_QUALIFIERS = frozenset(QUANTITY_QUALIFIER_MEANINGS)
QUANTITY_COUNTS = frozenset(QUANTITY_COUNT_MEANINGS)
"""The attribute vocabularies, documented in docs/annotation-guidelines.md: changing the
meaning of a value is a MAJOR release, like a label's."""
_KEY = re.compile(r"(person|organization|org|place|event)/[a-z0-9]+(?:-[a-z0-9]+)*")


def _tuple_of(kind: type) -> Any:
    return attrs.validators.deep_iterable(
        attrs.validators.instance_of(kind), attrs.validators.instance_of(tuple)
    )


def _one_of(values: frozenset[str]) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
        if value not in values:
            raise DataFormatError(
                f"{attribute.name} must be one of {sorted(values)}, not {value!r}"
            )

    return check


def _key(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and (not isinstance(value, str) or _KEY.fullmatch(value) is None):
        raise DataFormatError(
            f"{attribute.name} must be a key such as person/nikol-pashinyan, not {value!r}"
        )


@attrs.frozen
class Annotation(Span):
    """A span of an annotation layer with its label; subclasses add the layer's attributes."""

    layer: ClassVar[Layer]
    label: str = attrs.field(kw_only=True)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.label not in LAYER_LABELS[self.layer]:
            raise DataFormatError(
                f"{self.layer.value} label must be one of {sorted(LAYER_LABELS[self.layer])}, "
                f"not {self.label!r}"
            )


@attrs.frozen
class Entity(Annotation):
    """A mention of a person, organization, place or event, with its canonical `key`.

    `form` is how it is named (``name``, ``short``, ``metonym``, ``role``); `garbled` flags
    a misspelled or garbled name, and `reading` gives the correct one.
    """

    layer: ClassVar[Layer] = Layer.ENTITY
    key: str = attrs.field(kw_only=True, validator=_key)
    form: str = attrs.field(kw_only=True, default="name", validator=_one_of(ENTITY_FORMS))
    garbled: bool = attrs.field(kw_only=True, default=False)
    reading: str | None = attrs.field(kw_only=True, default=None)


@attrs.frozen
class Quotation(Annotation):
    """A direct quotation, its `speaker` (an entity key, or None), the `cue` that attributes
    it, and `speaker_span`, the entity span of the speaker that the quotation is linked to."""

    layer: ClassVar[Layer] = Layer.QUOTE
    speaker: str | None = attrs.field(kw_only=True, validator=_key)
    cue: str | None = attrs.field(kw_only=True, default=None)
    speaker_span: Span | None = attrs.field(kw_only=True, default=None)


@attrs.frozen
class Timex(Annotation):
    """A temporal expression and its normalized `value` (ISO 8601 / TIMEX3 style).

    `anchor` says what a relative expression was resolved against (``document`` or
    ``text``); `resolved` is False, with a `note`, when no value can be given.
    """

    layer: ClassVar[Layer] = Layer.TIME
    value: str | None = attrs.field(kw_only=True, default=None)
    anchor: str | None = attrs.field(kw_only=True, default=None)
    resolved: bool = attrs.field(kw_only=True, default=True)
    note: str | None = attrs.field(kw_only=True, default=None)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.resolved != (self.value is not None):
            raise DataFormatError(
                f"time span {self.text!r}: a resolved expression needs a value, and an "
                "unresolved one has none"
            )


@attrs.frozen
class Quantity(Annotation):
    """A numeric claim: `value` `unit`s of what is `counted`, with its `qualifier`.

    `value` is None for vague multiples ("dozens"); `event` is the key of the event the
    figure is about, when there is one.
    """

    layer: ClassVar[Layer] = Layer.QUANTITY
    value: int | float | None = attrs.field(kw_only=True)
    unit: str = attrs.field(kw_only=True)
    counted: str = attrs.field(kw_only=True, validator=_one_of(QUANTITY_COUNTS))
    qualifier: str = attrs.field(
        kw_only=True, default="exact", validator=_one_of(QUANTITY_QUALIFIERS)
    )
    event: str | None = attrs.field(kw_only=True, default=None, validator=_key)


@attrs.frozen
class TextIssue(Annotation):
    """A visible defect of machine translation or rewriting, with a suggested `reading`."""

    layer: ClassVar[Layer] = Layer.TEXT_ISSUE
    reading: str | None = attrs.field(kw_only=True, default=None)


ANNOTATION_TYPES: Mapping[Layer, type[Annotation]] = {
    Layer.ENTITY: Entity,
    Layer.QUOTE: Quotation,
    Layer.TIME: Timex,
    Layer.QUANTITY: Quantity,
    Layer.TEXT_ISSUE: TextIssue,
}
ANNOTATION_TYPES = _read_only(ANNOTATION_TYPES)


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
    that posted it on a site).
    `machine_rewritten` flags signs of machine translation or automated rewriting, and
    `machine_rewritten_note` names them. `evidence` holds the raw text behind each value,
    and `stripped` every region of the raw text that is not the article.
    """

    date: datetime.date | None = attrs.field(
        validator=attrs.validators.optional(attrs.validators.instance_of(datetime.date))
    )
    date_inferred: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    date_evidence: str = attrs.field(validator=attrs.validators.instance_of(str))
    outlet: str | None
    outlet_evidence: str
    credited_to: tuple[str, ...] = attrs.field(validator=_tuple_of(str))
    wire: Wire | None = attrs.field(converter=attrs.converters.optional(Wire))
    wire_inferred: bool = attrs.field(
        default=False, kw_only=True, validator=attrs.validators.instance_of(bool)
    )
    wire_evidence: str
    byline: str | None
    language: str
    machine_rewritten: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    machine_rewritten_note: str
    evidence: tuple[Evidence, ...] = attrs.field(validator=_tuple_of(Evidence))
    stripped: tuple[Region, ...] = attrs.field(validator=_tuple_of(Region))

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
    article: tuple[Region, ...] = attrs.field(repr=False, validator=_tuple_of(Region))
    meta: Metadata = attrs.field(repr=False, validator=attrs.validators.instance_of(Metadata))
    annotations: tuple[Annotation, ...] = attrs.field(
        default=(), kw_only=True, repr=False, validator=_tuple_of(Annotation)
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
        try:
            layer = Layer(layer)
        except ValueError as exc:
            raise ValueError(
                f"unknown layer {layer!r}; the layers are {[x.value for x in Layer]}"
            ) from exc
        if label is not None and label not in LAYER_LABELS[layer]:
            raise ValueError(
                f"unknown {layer.value} label {label!r}; the labels are "
                f"{sorted(LAYER_LABELS[layer])}"
            )
        if on not in ("raw", "clean"):
            raise ValueError(f"on must be 'raw' or 'clean', not {on!r}")
        chosen = tuple(a for a in self.annotations if a.layer is layer and label in (None, a.label))
        if on == "raw":
            return chosen
        projected = []
        for annotation in chosen:
            place = self._in_clean(annotation)
            if place is None:
                continue
            changes: dict[str, Any] = {"start": place.start, "end": place.end, "text": place.text}
            if isinstance(annotation, Quotation) and annotation.speaker_span is not None:
                changes["speaker_span"] = self._in_clean(annotation.speaker_span)
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
            raise DataFormatError(f"{doc_id}: {annotation.layer.value}: {exc}") from exc
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
    documents: tuple[Document, ...] = attrs.field(repr=False, validator=_tuple_of(Document))
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
