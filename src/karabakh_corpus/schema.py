"""The typed records of the corpus: categories, spans, metadata, documents and the corpus.

All offsets are Python `str` indices (code points) into a document's raw text, half-open:
``raw[span.start:span.end] == span.text`` holds for every span, and constructing a record
that breaks it raises `DataFormatError`.
"""

from __future__ import annotations

import datetime
import enum
import functools
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from karabakh_corpus import _textmap
from karabakh_corpus.errors import DataFormatError, UnknownDocumentError

__all__ = [
    "ARTICLE",
    "CATEGORY_MEANINGS",
    "STRIPPED",
    "WIRE_NAMES",
    "Category",
    "Corpus",
    "Document",
    "Evidence",
    "Metadata",
    "Region",
    "Span",
    "Wire",
]


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


CATEGORY_MEANINGS: dict[Category, str] = {
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


WIRE_NAMES: dict[Wire, str] = {
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


def _tuple_of(kind: type) -> Any:
    return attrs.validators.deep_iterable(
        attrs.validators.instance_of(kind), attrs.validators.instance_of(tuple)
    )


@attrs.frozen
class Metadata:
    """What is known about a document, each value with how it was established.

    `date` is the publication date: from the page's dateline where it states one
    (`date_inferred` False), inferred from the text where a weekday and an identifiable
    event pin it down (`date_inferred` True), else None; `date_evidence` says which.
    `outlet` is the publication whose page this is, `credited_to` the outlets the page
    credits; `wire` the news agency the story comes from (not one it merely quotes).
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
        for region in self.stripped:
            if not region.category.stripped:
                raise DataFormatError(
                    f"stripped region {region.text!r} has the article category "
                    f"{region.category.value!r}"
                )


@attrs.frozen
class Document:
    """One article: its raw text as scraped, its article regions and its metadata.

    `id` is the hex part of the source file's name (`source`), and `raw` that file's text,
    byte for byte.

    `title`, `summary`, `paragraphs` and `text` (the body paragraphs joined by a blank
    line) are the clean article, whitespace normalized. `clean_text` is the title, summary
    and body as one string; `offsets` translates positions between `raw` and `clean_text`.
    """

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    source: str = attrs.field(validator=attrs.validators.instance_of(str))
    raw: str = attrs.field(repr=False, validator=attrs.validators.instance_of(str))
    article: tuple[Region, ...] = attrs.field(repr=False, validator=_tuple_of(Region))
    meta: Metadata = attrs.field(repr=False, validator=attrs.validators.instance_of(Metadata))

    def __attrs_post_init__(self) -> None:
        _check_regions(self.id, self.raw, self.article, self.meta)

    def _first(self, category: Category) -> Region | None:
        return next((r for r in self.article if r.category is category), None)

    @functools.cached_property
    def title(self) -> str | None:
        """The headline, or None if the page shows none."""
        region = self._first(Category.TITLE)
        return None if region is None else _textmap.normalize(region.text)

    @functools.cached_property
    def summary(self) -> str | None:
        """The standfirst, or None if the page has none."""
        region = self._first(Category.SUMMARY)
        return None if region is None else _textmap.normalize(region.text)

    @functools.cached_property
    def paragraphs(self) -> tuple[str, ...]:
        """The body paragraphs, in order."""
        return tuple(
            _textmap.normalize(r.text) for r in self.article if r.category is Category.PARAGRAPH
        )

    @functools.cached_property
    def text(self) -> str:
        """The body: its paragraphs joined by a blank line."""
        return _textmap.SEPARATOR.join(self.paragraphs)

    @functools.cached_property
    def _view(self) -> tuple[str, _textmap.OffsetMap]:
        return _textmap.render(self.raw, self.article)

    @property
    def clean_text(self) -> str:
        """Title, summary and body paragraphs, in page order, joined by blank lines."""
        return self._view[0]

    @property
    def offsets(self) -> _textmap.OffsetMap:
        """The map between positions of `raw` and of `clean_text`."""
        return self._view[1]

    @property
    def regions(self) -> tuple[Region, ...]:
        """Every region of the raw text, article and stripped, in text order."""
        return tuple(sorted(self.article + self.meta.stripped, key=lambda r: r.start))


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


@attrs.frozen
class Corpus:
    """The documents of one release, in seed order, addressable by id.

    Iterating yields documents; ``corpus[id]`` returns one and raises
    `UnknownDocumentError` (a `KeyError`) naming the valid ids for any other key.
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

    @property
    def ids(self) -> tuple[str, ...]:
        """The document ids, in seed order."""
        return tuple(self._index)

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._index

    def __getitem__(self, doc_id: str) -> Document:
        try:
            return self._index[doc_id]
        except (KeyError, TypeError) as exc:
            raise UnknownDocumentError(doc_id, self.ids) from exc
