"""The types of a page's facts: each value with how it was established and its evidence.

A `Facts` record has one fact per field (`date`, `authors`, `outlet`, `dateline`, `wire`,
`title`). Each fact holds its `value` (None, or an empty tuple of authors, when nothing
was found, and then `reason` says why), whether it is `inferred` rather than printed or
declared by the page, the `rule` that chose it, and its `evidence`: spans of the raw text
(`karabakh_corpus.schema.Evidence`, exact offsets) or the places of the markup it was read
from (`Declared`). `conflicts` holds the evidence of values that lost to the chosen one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import attrs

from karabakh_corpus.errors import DataFormatError
from karabakh_corpus.schema import Evidence

__all__ = [
    "FIELDS",
    "DateFact",
    "Declared",
    "Fact",
    "Facts",
    "Markup",
    "NamesFact",
    "TextFact",
]

FIELDS: tuple[str, ...] = ("date", "authors", "outlet", "dateline", "wire", "title")
"""The fields of `Facts`, in order."""

MARKUP_SOURCES: frozenset[str] = frozenset(
    {"json-ld", "meta", "microdata", "time", "html", "script", "url"}
)


def _nonempty(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise DataFormatError(f"{attribute.name} must be a non-empty str, not {value!r}")


def _source(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in MARKUP_SOURCES:
        raise DataFormatError(f"source must be one of {sorted(MARKUP_SOURCES)}, not {value!r}")


@attrs.frozen
class Declared:
    """A value an HTML page's markup declares for one field, and where.

    `source` is ``json-ld`` (a script of structured data), ``meta`` (a ``<meta>`` tag),
    ``microdata`` (an ``itemprop`` attribute), ``time`` (a ``<time datetime>`` element) or
    ``html`` (an element: ``<title>``, ``<h1>``, a link with ``rel="author"`` or
    ``rel="canonical"``), ``script`` (a publication date in a script's JSON), or ``url``
    (the page's address, when the caller gives it); `path` names
    the key, tag or attribute (``NewsArticle.datePublished``,
    ``meta[property="article:published_time"]``); `text` is the value as declared.
    """

    field: str = attrs.field(validator=_nonempty)
    source: str = attrs.field(validator=_source)
    path: str = attrs.field(validator=_nonempty)
    text: str = attrs.field(validator=attrs.validators.instance_of(str))


@attrs.frozen
class Markup:
    """What an HTML page's markup declares (`declared`, in page order within each source)
    and what could not be read (`problems`: a malformed JSON-LD script, say)."""

    declared: tuple[Declared, ...] = attrs.field(
        default=(),
        validator=attrs.validators.deep_iterable(
            attrs.validators.instance_of(Declared), attrs.validators.instance_of(tuple)
        ),
    )
    problems: tuple[str, ...] = attrs.field(
        default=(),
        validator=attrs.validators.deep_iterable(
            attrs.validators.instance_of(str), attrs.validators.instance_of(tuple)
        ),
    )

    def of(self, field: str) -> tuple[Declared, ...]:
        """The declarations of `field`."""
        return tuple(d for d in self.declared if d.field == field)


Source = Evidence | Declared
"""Evidence of a fact: a span of the raw text, or a declaration of the markup."""


def _sources(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or (
        value and not all(isinstance(v, (Evidence, Declared)) for v in value)
    ):
        raise DataFormatError(
            f"{attribute.name} must be a tuple of Evidence and Declared, not {value!r}"
        )


@attrs.frozen(kw_only=True)
class Fact:
    """What the page says about one field: its value and how it was established.

    `inferred` is False when the page prints or declares the value, True when it is
    deduced (a date read from an update date only, say); `rule` names the rule that chose
    it (``none`` when nothing was found) and `reason` says in words why this value, or why
    none. `evidence` backs the value; `conflicts` is the evidence of other values the page
    gives for the field, which the rule set aside.
    """

    inferred: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    rule: str = attrs.field(default="none", validator=_nonempty)
    reason: str = attrs.field(validator=_nonempty)
    evidence: tuple[Source, ...] = attrs.field(default=(), validator=_sources)
    conflicts: tuple[Source, ...] = attrs.field(default=(), validator=_sources)

    @property
    def found(self) -> bool:
        """True when the page gives a value."""
        return bool(getattr(self, "value", None))

    @property
    def stated(self) -> bool:
        """True when the value is printed or declared on the page (found, not inferred)."""
        return self.found and not self.inferred

    def _check(self) -> None:
        if not self.found and (self.inferred or self.evidence):
            raise DataFormatError(
                f"a fact without a value cannot be inferred or have evidence ({self.reason!r})"
            )

    def _short(self, value: str) -> str:
        how = "none" if not self.found else "inferred" if self.inferred else "stated"
        return f"{type(self).__name__}({value}, {how}, rule={self.rule!r})"


def _optional(kind: type) -> Any:
    return attrs.validators.optional(attrs.validators.instance_of(kind))


def _date_value(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (
        not isinstance(value, datetime.date) or isinstance(value, datetime.datetime)
    ):
        raise DataFormatError(f"{attribute.name} must be a datetime.date or None, not {value!r}")


@attrs.frozen(kw_only=True, repr=False)
class DateFact(Fact):
    """The publication date (`value`) and, where the page gives both, the date of its
    last update (`updated`)."""

    value: datetime.date | None = attrs.field(default=None, validator=_date_value)
    updated: datetime.date | None = attrs.field(default=None, validator=_date_value)

    def __attrs_post_init__(self) -> None:
        self._check()

    def __repr__(self) -> str:
        shown = "None" if self.value is None else self.value.isoformat()
        if self.updated is not None:
            shown += f", updated={self.updated.isoformat()}"
        return self._short(shown)


def _names(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) and v for v in value):
        raise DataFormatError(f"{attribute.name} must be a tuple of names, not {value!r}")


@attrs.frozen(kw_only=True, repr=False)
class NamesFact(Fact):
    """Person names, in the page's order, without "By" and without roles."""

    value: tuple[str, ...] = attrs.field(default=(), validator=_names)

    def __attrs_post_init__(self) -> None:
        self._check()

    def __repr__(self) -> str:
        return self._short(repr(self.value))


@attrs.frozen(kw_only=True, repr=False)
class TextFact(Fact):
    """One string: an outlet's name, a place, a news agency's short name, a headline."""

    value: str | None = attrs.field(default=None, validator=_optional(str))

    def __attrs_post_init__(self) -> None:
        if self.value == "":
            raise DataFormatError("a value is a non-empty str or None, not ''")
        self._check()

    def __repr__(self) -> str:
        return self._short(repr(self.value))


@attrs.frozen
class Facts:
    """A page's facts: `date`, `authors`, `outlet`, `dateline` (the place, as printed),
    `wire` (the short name of the news agency the story comes from: "AP", "Reuters",
    "AFP"...) and `title`, each a fact with its value, how it was established and its
    evidence (see `Fact`)."""

    date: DateFact = attrs.field(validator=attrs.validators.instance_of(DateFact))
    authors: NamesFact = attrs.field(validator=attrs.validators.instance_of(NamesFact))
    outlet: TextFact = attrs.field(validator=attrs.validators.instance_of(TextFact))
    dateline: TextFact = attrs.field(validator=attrs.validators.instance_of(TextFact))
    wire: TextFact = attrs.field(validator=attrs.validators.instance_of(TextFact))
    title: TextFact = attrs.field(validator=attrs.validators.instance_of(TextFact))

    def __iter__(self) -> Iterator[tuple[str, Fact]]:
        """The fields and their facts, in the order of `FIELDS`."""
        for name in FIELDS:
            yield name, getattr(self, name)

    @property
    def evidence(self) -> tuple[Source, ...]:
        """The evidence of every value, field by field."""
        return tuple(e for _, fact in self for e in fact.evidence)

    def check(self, raw: str) -> None:
        """Raise `DataFormatError` unless every text span of the evidence covers `raw`."""
        for _, fact in self:
            for source in (*fact.evidence, *fact.conflicts):
                if isinstance(source, Evidence):
                    source.check(raw)

    def record(self) -> dict[str, Any]:
        """The facts as a dict of plain values, as the rows of ``karabakh-corpus clean``
        hold them: the values (dates as `datetime.date`), the fields whose value is
        inferred, and the evidence of each value (`evidence_record`)."""
        date = self.date
        return {
            "date": date.value,
            "updated": date.updated,
            "authors": list(self.authors.value),
            "outlet": self.outlet.value,
            "dateline": self.dateline.value,
            "wire": self.wire.value,
            "title": self.title.value,
            "inferred": [name for name, fact in self if fact.inferred],
            "evidence": [evidence_record(e) for e in self.evidence],
        }


def evidence_record(source: Source) -> dict[str, Any]:
    """One piece of evidence as a JSON-ready dict: ``field``, ``source`` (``text`` or the
    markup's source), ``start`` and ``end`` (offsets into the raw text, None for markup),
    ``path`` (the markup's key or tag, None for text) and ``text``."""
    if isinstance(source, Evidence):
        return {
            "field": source.field,
            "source": "text",
            "start": source.start,
            "end": source.end,
            "path": None,
            "text": source.text,
        }
    return {
        "field": source.field,
        "source": source.source,
        "start": None,
        "end": None,
        "path": source.path,
        "text": source.text,
    }
