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
    "STRIPPED",
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
    """What a region (one line) of a scraped page is.

    The first three are the article; every other category is text that the cleaner strips.
    """

    TITLE = "title"
    """The headline."""
    SUMMARY = "summary"
    """The standfirst: the sentence under the headline that sums the story up."""
    PARAGRAPH = "paragraph"
    """A paragraph (or subheading) of the article body."""

    ADVERTISEMENT = "advertisement"
    """An advertisement or an advertisement label ("- Advertisement -", "Sponsored")."""
    DONATION_APPEAL = "donation_appeal"
    """A request for donations, memberships or support."""
    NEWSLETTER_PROMPT = "newsletter_prompt"
    """An invitation to a newsletter, alerts or browser notifications."""
    LOGIN_PROMPT = "login_prompt"
    """Sign-in, registration or subscription walls and their messages."""
    NAVIGATION = "navigation"
    """Menus, breadcrumbs, section and tag labels, skip links, pagination, footer links."""
    RELATED_STORIES = "related_stories"
    """Lists of related, latest, popular or recommended stories, with their teasers."""
    COMMENT_PROMPT = "comment_prompt"
    """Invitations to comment and comment-section furniture."""
    SHARE_PROMPT = "share_prompt"
    """Share and follow buttons, social-media prompts."""
    COOKIE_NOTICE = "cookie_notice"
    """Cookie and privacy consent notices."""
    SITE_DESCRIPTION = "site_description"
    """What the site says about itself ("X is an online news outlet that...")."""
    LEGAL_NOTICE = "legal_notice"
    """Copyright, DMCA, terms of use and privacy-policy lines."""
    CAPTION = "caption"
    """Image, video or map captions, alternative texts and photo credits."""
    BYLINE = "byline"
    """The author line ("By Jane Doe")."""
    DATELINE = "dateline"
    """The publication or update date and time of the page."""
    CREDIT_LINE = "credit_line"
    """Attribution of the story to a wire service or another outlet ("Via AP news wire")."""
    BOILERPLATE = "boilerplate"
    """Other text around the article that no more specific category describes."""

    @property
    def stripped(self) -> bool:
        """True for the categories that are not part of the article."""
        return self not in ARTICLE


ARTICLE = frozenset({Category.TITLE, Category.SUMMARY, Category.PARAGRAPH})
"""The categories of the article's own regions."""
STRIPPED = frozenset(set(Category) - ARTICLE)
"""The categories of stripped regions."""


class Wire(str, enum.Enum):
    """News agencies a story can originate from, by the code the corpus uses for each."""

    AP = "AP"
    """The Associated Press."""
    AFP = "AFP"
    """Agence France-Presse."""
    REUTERS = "Reuters"
    """Reuters."""
    DPA = "DPA"
    """Deutsche Presse-Agentur."""
    ANADOLU = "Anadolu"
    """Anadolu Agency."""
    TASS = "TASS"
    """TASS Russian News Agency."""
    INTERFAX = "Interfax"
    """Interfax."""
    XINHUA = "Xinhua"
    """Xinhua News Agency."""
    EFE = "EFE"
    """Agencia EFE."""
    UPI = "UPI"
    """United Press International."""


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
