"""The annotation layers: one registry of span types, each with its labels and attributes.

`karabakh_corpus.schema` is the home of these types and re-exports them: import them from
there. A layer is an attrs type, a subclass of `Annotation` that names its `layer` and its
`labels`, each of whose attributes says in its field `metadata` what it holds (`spec`).
`ANNOTATION_TYPES` maps each layer's name to its type; `register_layer` adds a layer, and
everything that reads layers (the converter, the manifest, the curated-file reader, the
rows of every export, the tables, the release comparison) finds its attributes there::

    @attrs.frozen
    class Stance(Annotation):
        layer: ClassVar[str] = "stance"
        labels: ClassVar[Mapping[str, str]] = {"favour": "...", "against": "..."}
        target: str = attrs.field(kw_only=True, metadata=spec("the entity the stance is on"))

    register_layer(Stance)

An attribute holds text, a flag, an integer, a number, or a `Span` (another mention, such
as a quotation's speaker); an export that cannot carry an attribute raises
`UnsupportedAttributeError` naming the layer, the attribute and the export.
"""

from __future__ import annotations

import enum
import functools
import re
import types
import typing
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Final, TypeVar

import attrs

from karabakh_corpus._checks import one_of, read_only
from karabakh_corpus.errors import DataFormatError, LayerError
from karabakh_corpus.spans import Span

__all__ = [
    "ANNOTATION_TYPES",
    "ENTITY_FORMS",
    "ENTITY_FORM_MEANINGS",
    "LAYER_LABELS",
    "QUANTITY_COUNTS",
    "QUANTITY_COUNT_MEANINGS",
    "QUANTITY_QUALIFIERS",
    "QUANTITY_QUALIFIER_MEANINGS",
    "SPEC",
    "Annotation",
    "AttributeSpec",
    "Entity",
    "Layer",
    "Quantity",
    "Quotation",
    "TextIssue",
    "Timex",
    "attribute_fields",
    "attribute_kind",
    "attribute_spec",
    "group_by_layer",
    "register_layer",
    "spec",
    "unregister_layer",
]

_A = TypeVar("_A", bound="Annotation")


class Layer(str, enum.Enum):
    """The annotation layers the corpus ships; `labels` maps each label to its meaning.

    A layer's `str` is its name (``str(Layer.TIME) == "time"``). Other layers can be
    registered (`register_layer`); `ANNOTATION_TYPES` lists them all.
    """

    ENTITY = "entity"
    QUOTE = "quote"
    TIME = "time"
    QUANTITY = "quantity"
    TEXT_ISSUE = "text_issue"

    def __str__(self) -> str:
        return str(self.value)

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
"""The labels of each shipped layer and their meanings: changing one is a MAJOR release."""
LAYER_LABELS = read_only({layer: read_only(labels) for layer, labels in LAYER_LABELS.items()})

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
ENTITY_FORM_MEANINGS = read_only(ENTITY_FORM_MEANINGS)
QUANTITY_QUALIFIER_MEANINGS = read_only(QUANTITY_QUALIFIER_MEANINGS)
QUANTITY_COUNT_MEANINGS = read_only(QUANTITY_COUNT_MEANINGS)
ENTITY_FORMS = frozenset(ENTITY_FORM_MEANINGS)
QUANTITY_QUALIFIERS = frozenset(QUANTITY_QUALIFIER_MEANINGS)
QUANTITY_COUNTS = frozenset(QUANTITY_COUNT_MEANINGS)
"""The attribute vocabularies, documented in docs/annotation-guidelines.md: changing the
meaning of a value is a MAJOR release, like a label's."""
_KEY = re.compile(r"(person|organization|org|place|event)/[a-z0-9]+(?:-[a-z0-9]+)*")


# -- what an attribute says about itself ------------------------------------------------------

SPEC: Final = "karabakh_corpus.attribute"
"""The key of an attribute's `AttributeSpec` in its attrs field's metadata."""


@attrs.frozen
class AttributeSpec:
    """What the exports need to know of one attribute of a layer (see `spec`)."""

    description: str = attrs.field(validator=attrs.validators.instance_of(str))
    column: str | None = None
    vocabulary: Mapping[str, str] | None = None
    identifies: str | None = None
    implied_by: str | None = None
    elsewhere: Any = None
    brat: str | None = None
    links_to: str | None = None


def spec(description: str, **hints: Any) -> dict[str, AttributeSpec]:
    """The attrs field metadata of a layer's attribute: what it holds, and export hints.

    - `description`: what the attribute holds, as the span columns describe it.
    - `column`: the name of its column, where it is not the attribute's own (`Timex.value`
      is ``time_value``); a `Span` attribute ``NAME_span`` gives the columns
      ``NAME_start`` and ``NAME_end``, right after the column ``NAME``.
    - `vocabulary`: its closed set of values with their meanings (the manifest lists it).
    - `identifies`: the attribute is the key of a thing of this kind (``"entity"``): brat
      writes it as a normalization, Web Annotation as an identifying body, spaCy as
      ``kb_id``.
    - `implied_by`: another attribute that determines this one (brat leaves it out).
    - `elsewhere`: the value of its column in the rows of other layers (None by default).
    - `brat`: the name brat gives it: an attribute (``Form``, ``Garbled``) for text or a
      flag, a relation (``Speaker``) for a `Span`, which `links_to` a mention of that layer
      whose identifying attribute is the attribute ``NAME`` of ``NAME_span``. Without it,
      brat writes the attribute in the span's note.

    Any other hint raises `TypeError`.
    """
    return {SPEC: AttributeSpec(description, **hints)}


def _key(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and (not isinstance(value, str) or _KEY.fullmatch(value) is None):
        raise DataFormatError(
            f"{attribute.name} must be a key such as person/nikol-pashinyan, not {value!r}"
        )


# -- the shipped layers -----------------------------------------------------------------------


@attrs.frozen
class Annotation(Span):
    """A span of an annotation layer with its label; subclasses add the layer's attributes.

    A subclass names its `layer` and its `labels` (label to meaning) as class variables.
    """

    layer: ClassVar[str]
    labels: ClassVar[Mapping[str, str]]
    label: str = attrs.field(kw_only=True)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.label not in self.labels:
            raise DataFormatError(
                f"{self.layer} label must be one of {sorted(self.labels)}, not {self.label!r}"
            )


@attrs.frozen
class Entity(Annotation):
    """A mention of a person, organization, place or event, with its canonical `key`.

    `form` is how it is named (``name``, ``short``, ``metonym``, ``role``); `garbled` flags
    a misspelled or garbled name, and `reading` gives the correct one.
    """

    layer: ClassVar[str] = Layer.ENTITY
    labels: ClassVar[Mapping[str, str]] = LAYER_LABELS[Layer.ENTITY]
    key: str = attrs.field(
        kw_only=True,
        validator=_key,
        metadata=spec("the canonical entity key", identifies="entity"),
    )
    form: str = attrs.field(
        kw_only=True,
        default="name",
        validator=one_of(ENTITY_FORMS),
        metadata=spec(
            "how it is named (name, short, metonym, role)",
            vocabulary=ENTITY_FORM_MEANINGS,
            brat="Form",
        ),
    )
    garbled: bool = attrs.field(
        kw_only=True,
        default=False,
        metadata=spec("the name is misspelled or garbled", elsewhere=False, brat="Garbled"),
    )
    reading: str | None = attrs.field(
        kw_only=True, default=None, metadata=spec("the correct reading")
    )


@attrs.frozen
class Quotation(Annotation):
    """A direct quotation, its `speaker` (an entity key, or None), the `cue` that attributes
    it, and `speaker_span`, the entity span of the speaker that the quotation is linked to."""

    layer: ClassVar[str] = Layer.QUOTE
    labels: ClassVar[Mapping[str, str]] = LAYER_LABELS[Layer.QUOTE]
    speaker: str | None = attrs.field(
        kw_only=True,
        validator=_key,
        metadata=spec("the entity key of the speaker", implied_by="speaker_span"),
    )
    cue: str | None = attrs.field(
        kw_only=True, default=None, metadata=spec("the word that attributes it")
    )
    speaker_span: Span | None = attrs.field(
        kw_only=True,
        default=None,
        metadata=spec("the speaker's mention", brat="Speaker", links_to=Layer.ENTITY),
    )


@attrs.frozen
class Timex(Annotation):
    """A temporal expression and its normalized `value` (ISO 8601 / TIMEX3 style).

    `anchor` says what a relative expression was resolved against (``document`` or
    ``text``); `resolved` is False, with a `note`, when no value can be given.
    """

    layer: ClassVar[str] = Layer.TIME
    labels: ClassVar[Mapping[str, str]] = LAYER_LABELS[Layer.TIME]
    value: str | None = attrs.field(
        kw_only=True,
        default=None,
        metadata=spec("the normalized value (Timex.value, ISO 8601 / TIMEX3)", column="time_value"),
    )
    anchor: str | None = attrs.field(
        kw_only=True,
        default=None,
        metadata=spec("what a relative expression was resolved against"),
    )
    resolved: bool = attrs.field(
        kw_only=True,
        default=True,
        metadata=spec("whether a value could be given", implied_by="value"),
    )
    note: str | None = attrs.field(
        kw_only=True, default=None, metadata=spec("why no value could be given")
    )

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

    layer: ClassVar[str] = Layer.QUANTITY
    labels: ClassVar[Mapping[str, str]] = LAYER_LABELS[Layer.QUANTITY]
    value: int | float | None = attrs.field(
        kw_only=True,
        metadata=spec(
            "the figure (Quantity.value), null for vague multiples", column="quantity_value"
        ),
    )
    unit: str = attrs.field(kw_only=True, metadata=spec("the unit of the figure"))
    counted: str = attrs.field(
        kw_only=True,
        validator=one_of(QUANTITY_COUNTS),
        metadata=spec("what is counted", vocabulary=QUANTITY_COUNT_MEANINGS),
    )
    qualifier: str = attrs.field(
        kw_only=True,
        default="exact",
        validator=one_of(QUANTITY_QUALIFIERS),
        metadata=spec(
            "the figure's qualifier (exact, about, more-than...)",
            vocabulary=QUANTITY_QUALIFIER_MEANINGS,
        ),
    )
    event: str | None = attrs.field(
        kw_only=True,
        default=None,
        validator=_key,
        metadata=spec("the key of the event the figure is about"),
    )


@attrs.frozen
class TextIssue(Annotation):
    """A visible defect of machine translation or rewriting, with a suggested `reading`."""

    layer: ClassVar[str] = Layer.TEXT_ISSUE
    labels: ClassVar[Mapping[str, str]] = LAYER_LABELS[Layer.TEXT_ISSUE]
    reading: str | None = attrs.field(
        kw_only=True, default=None, metadata=spec("the correct reading")
    )


# -- the registry -----------------------------------------------------------------------------

_REGISTRY: dict[str, type[Annotation]] = {}
ANNOTATION_TYPES: Mapping[str, type[Annotation]] = MappingProxyType(_REGISTRY)
"""The span type of each layer, by layer name: the shipped layers (`Layer`, in that order),
then the registered ones. A read-only view: `register_layer` and `unregister_layer` change
it."""
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_STORED = frozenset({"Document", "Metadata", "Span", "Region", "Evidence"})
_KINDS: Mapping[object, str] = read_only(
    {str: "text", bool: "flag", int: "integer", float: "number", Span: "span"}
)


def attribute_fields(kind: type[Annotation]) -> tuple[attrs.Attribute[Any], ...]:
    """The attributes a layer's type adds to `Annotation` (its label and span), in order."""
    own = {field.name for field in attrs.fields(Annotation)}
    return tuple(field for field in attrs.fields(kind) if field.name not in own)


def attribute_spec(kind: type[Annotation], field: attrs.Attribute[Any]) -> AttributeSpec:
    """The `AttributeSpec` of an attribute; raises `LayerError` when it has none."""
    found = field.metadata.get(SPEC)
    if not isinstance(found, AttributeSpec):
        raise LayerError(
            f"layer {kind.layer}: the attribute {field.name} of {kind.__name__} says nothing of "
            "what it holds: declare it with metadata=spec('what it holds')",
            layer=str(kind.layer),
            attribute=field.name,
        )
    return found


def attribute_kind(kind: type[Annotation], field: attrs.Attribute[Any]) -> tuple[str, bool]:
    """What an attribute holds: ``"text"``, ``"flag"``, ``"integer"``, ``"number"`` (an
    integer or a float), ``"span"`` or ``"other"``, and whether it may be None."""
    hint = _hints((kind,)).get(field.name, field.type)
    members = set(typing.get_args(hint)) if _is_union(hint) else {hint}
    optional = type(None) in members
    members.discard(type(None))
    if members == {int, float}:
        return "number", optional
    if len(members) == 1:
        (member,) = members
        if isinstance(member, type) and issubclass(member, Span):
            return "span", optional
        return _KINDS.get(member, "other"), optional
    return "other", optional


def _is_union(hint: object) -> bool:
    return typing.get_origin(hint) is typing.Union or isinstance(hint, types.UnionType)


@functools.lru_cache(maxsize=64)
def _hints(key: tuple[type]) -> dict[str, Any]:
    """The resolved type hints of the class in `key` (a tuple, so that it can be cached)."""
    (kind,) = key
    try:
        return typing.get_type_hints(kind)
    except (NameError, TypeError) as exc:
        raise LayerError(
            f"the attribute types of {kind.__name__} cannot be read ({exc}): define them "
            "with types the module of the class can name",
            layer=str(getattr(kind, "layer", kind.__name__)),
        ) from exc


def register_layer(kind: type[_A]) -> type[_A]:
    """Add the layer of the annotation type `kind` to `ANNOTATION_TYPES`; return `kind`.

    `kind` must be an attrs subclass of `Annotation` whose `layer` is a new lower-case name
    and whose `labels` map each label to its meaning, each of its attributes declared with
    ``metadata=spec(...)``; its class name must be new among the record types (the manifest
    lists fields by type name). Raises `LayerError` saying what to change otherwise.
    """
    is_attrs = isinstance(kind, type) and attrs.has(kind)
    if not (is_attrs and issubclass(kind, Annotation)):
        raise LayerError(f"{kind!r} is not an attrs subclass of Annotation")
    kind.labels = read_only(kind.labels) if isinstance(kind.labels, Mapping) else kind.labels
    name = getattr(kind, "layer", None)
    if not isinstance(name, str) or _NAME.fullmatch(str(name)) is None:
        raise LayerError(
            f"{kind.__name__}.layer must be a lower-case name (letters, digits, _), not {name!r}"
        )
    name = str(name)
    labels = getattr(kind, "labels", None)
    if (
        not isinstance(labels, Mapping)
        or not labels
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in labels.items())
    ):
        raise LayerError(
            f"layer {name}: {kind.__name__}.labels must map each label to its meaning",
            layer=name,
        )
    if name in _REGISTRY:
        raise LayerError(
            f"the layer {name} is already registered (as {_REGISTRY[name].__name__}); "
            "unregister it first",
            layer=name,
        )
    taken = _STORED | {other.__name__ for other in _REGISTRY.values()}
    if kind.__name__ in taken:
        raise LayerError(
            f"layer {name}: the record type name {kind.__name__} is taken; rename the class",
            layer=name,
        )
    for field in attribute_fields(kind):
        attribute_spec(kind, field)
        attribute_kind(kind, field)
    _REGISTRY[name] = kind
    return kind


def unregister_layer(name: str) -> None:
    """Remove a layer that `register_layer` added; the shipped layers (`Layer`) stay."""
    if name in {layer.value for layer in Layer}:
        raise LayerError(f"the layer {name} ships with the corpus and cannot be removed")
    if name not in _REGISTRY:
        raise LayerError(f"no layer {name!r} is registered; the layers are {list(_REGISTRY)}")
    del _REGISTRY[name]


def group_by_layer(annotations: Iterable[Annotation]) -> dict[str, list[Annotation]]:
    """The annotations of each layer, by layer name, in `ANNOTATION_TYPES` order: every
    shipped layer (empty ones too, as the data files list them), and every other layer
    that has spans."""
    found: dict[str, list[Annotation]] = {layer.value: [] for layer in Layer}
    for annotation in annotations:
        found.setdefault(str(annotation.layer), []).append(annotation)
    order = list(_REGISTRY)
    return dict(sorted(found.items(), key=lambda item: order.index(item[0])))


for _kind in (Entity, Quotation, Timex, Quantity, TextIssue):
    register_layer(_kind)
