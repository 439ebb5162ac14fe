"""Resolve quote-anchored annotations (curation/annotations/ID.tsv) to typed spans.

The format is described in docs/annotation-guidelines.md: one annotation per line,
``layer <TAB> label <TAB> quote <TAB> attributes``. Every problem (a quote that is missing
or ambiguous, an unknown attribute, crossing spans, a speaker with no mention) raises
`AnchorError` or `DataFormatError` naming the line.

The layers and their attributes are those of `karabakh_corpus.schema.ANNOTATION_TYPES`: an
attribute is written ``name=value`` (a flag ``yes`` or ``no``, ``none`` for no value of an
attribute that may have none), and a linked mention ``NAME_span`` as ``NAME_at=`` a marked
quote of the mention of the ``NAME`` it links to (the nearest one before the span, when
not given).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from karabakh_corpus.annotations import attribute_fields, attribute_kind, attribute_spec
from karabakh_corpus.corpus.anchor import find_quote
from karabakh_corpus.errors import AnchorError, DataFormatError
from karabakh_corpus.schema import ANNOTATION_TYPES, Annotation, Category, Region, Span

__all__ = ["SCOPE", "Row", "parse", "resolve"]

SCOPE = frozenset(
    {
        Category.TITLE,
        Category.SUMMARY,
        Category.PARAGRAPH,
        Category.BYLINE,
        Category.DATELINE,
        Category.CREDIT_LINE,
    }
)
"""The regions annotated: the article and the metadata lines."""


def _authored(kind: type[Annotation]) -> dict[str, attrs.Attribute[Any]]:
    """The attribute names a row of layer `kind` may give: each attribute's own, and
    ``NAME_at`` for a linked mention ``NAME_span``."""
    names = {}
    for field in attribute_fields(kind):
        if attribute_kind(kind, field)[0] == "span":
            names[f"{field.name.removesuffix('_span')}_at"] = field
        else:
            names[field.name] = field
    return names


_YES_NO: Mapping[str, bool] = MappingProxyType({"yes": True, "no": False})


@attrs.frozen
class Row:
    """One authored annotation: where it was written, and its four fields."""

    where: str
    layer: str
    label: str
    quote: str
    attributes: Mapping[str, str]


def parse(text: str, *, name: str) -> list[Row]:
    """The rows of an annotation file; `name` is used in error messages."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{name}:{number}"
        fields = line.split("\t")
        if len(fields) not in (3, 4):
            raise DataFormatError(
                f"{where}: expected 3 or 4 tab-separated fields, got {len(fields)}"
            )
        layer, label, quote = fields[:3]
        kind = ANNOTATION_TYPES.get(layer)
        if kind is None:
            raise DataFormatError(
                f"{where}: unknown layer {layer!r}; layers: {list(ANNOTATION_TYPES)}"
            )
        attributes: dict[str, str] = {}
        if len(fields) == 4 and fields[3].strip():
            for pair in fields[3].split(";"):
                name_, sep, value = pair.strip().partition("=")
                if not sep or not name_:
                    raise DataFormatError(f"{where}: attribute {pair.strip()!r} is not name=value")
                if name_ in attributes:
                    raise DataFormatError(f"{where}: attribute {name_!r} given twice")
                attributes[name_] = value.strip()
        allowed = _authored(kind)
        unknown = set(attributes) - set(allowed)
        if unknown:
            raise DataFormatError(
                f"{where}: unknown attribute(s) {sorted(unknown)} for layer {layer}; "
                f"allowed: {sorted(allowed)}"
            )
        quote = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), quote)
        rows.append(Row(where, layer, label, quote, attributes))
    return rows


_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _scope(regions: Iterable[Region]) -> list[tuple[int, int]]:
    return [(r.start, r.end) for r in regions if r.category in SCOPE]


def _mask(raw: str, scope: Sequence[tuple[int, int]]) -> str:
    """The raw text with every character outside the annotated regions replaced by NUL.

    Offsets are unchanged, and quotes are looked for in the masked text: a quote is found
    (and must be unique) in the annotated text only, a title repeated in a stripped "Latest
    News" list does not make it ambiguous, and since the whitespace between regions is
    masked too, every match lies within one annotated region.
    """
    chars = ["\0"] * len(raw)
    for start, end in scope:
        chars[start:end] = raw[start:end]
    return "".join(chars)


def _locate(masked: str, row: Row, quote: str) -> list[tuple[int, int]]:
    """The bounds of `quote` (a marked quote, or ``*Name`` for every occurrence) in `masked`."""
    if quote.startswith("*"):
        name = quote[1:]
        if not name or "[[" in name:
            raise AnchorError(f"{row.where}: '*' takes a plain name, not {quote!r}")
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        found = [m.span() for m in pattern.finditer(masked)]
        if not found:
            raise AnchorError(
                f"{row.where}: {name!r} does not occur as a word in the annotated text"
            )
        return found
    try:
        return [find_quote(masked, quote)]
    except AnchorError as exc:
        raise AnchorError(
            f"{row.where}: {exc} (quotes are looked for in the article, bylines, datelines "
            "and credit lines only)"
        ) from exc


def _flag(row: Row, name: str, value: str) -> bool:
    if value not in _YES_NO:
        raise DataFormatError(f"{row.where}: {name} must be yes or no, not {value!r}")
    return _YES_NO[value]


def _number(row: Row, name: str, value: str, what: str) -> int | float:
    try:
        number = float(value) if what == "number" else int(value)
    except ValueError as exc:
        raise DataFormatError(f"{row.where}: {name} must be a number, not {value!r}") from exc
    if isinstance(number, float) and number.is_integer() and "." not in value:
        return int(number)
    return number


def _make_annotation(row: Row, raw: str, start: int, end: int) -> Annotation:
    """The span of `row` at ``[start, end)``, its attributes read by their types (linked
    mentions are placed later, by `_link`)."""
    kind = ANNOTATION_TYPES[row.layer]
    values: dict[str, Any] = {}
    for field in attribute_fields(kind):
        what, optional = attribute_kind(kind, field)
        name = field.name
        given = row.attributes.get(name)
        if what == "span":
            continue
        if given is None:
            if field.default is attrs.NOTHING:
                if not optional:
                    article = "an" if row.layer[:1] in "aeiou" else "a"
                    raise DataFormatError(f"{row.where}: {article} {row.layer} needs {name}")
                values[name] = None
        elif optional and given == "none":
            values[name] = None
        elif what == "flag":
            values[name] = _flag(row, name, given)
        elif what in ("number", "integer"):
            values[name] = _number(row, name, given, what)
        else:
            values[name] = given
    return kind(start, end, raw[start:end], label=row.label, **values)


def resolve(
    raw: str, regions: Iterable[Region], rows: Sequence[Row]
) -> dict[str, tuple[Annotation, ...]]:
    """Resolve the rows against the raw text; return each layer's annotations in text order."""
    masked = _mask(raw, _scope(regions))
    built: dict[str, list[tuple[Row, Annotation]]] = {layer: [] for layer in ANNOTATION_TYPES}
    for row in rows:
        for start, end in _locate(masked, row, row.quote):
            try:
                annotation = _make_annotation(row, raw, start, end)
            except DataFormatError as exc:
                if str(exc).startswith(row.where):
                    raise
                raise DataFormatError(f"{row.where}: {exc}") from exc
            built[row.layer].append((row, annotation))
    for layer, items in built.items():
        built[layer] = _drop_echoes(items)
        _check_overlaps(layer, built[layer])
    for layer, items in built.items():
        built[layer] = [(r, _link(r, a, masked, built)) for r, a in items]
    return {
        layer: tuple(sorted((a for _r, a in items), key=lambda x: (x.start, x.end, x.label)))
        for layer, items in built.items()
        if items
    }


def _drop_echoes(items: list[tuple[Row, Annotation]]) -> list[tuple[Row, Annotation]]:
    """Drop the occurrences a '*' row found inside a span of the same key ("Pashinyan" in
    "Nikol Pashinyan"), which the longer span already annotates."""
    kept = []
    for row, ann in items:
        if row.quote.startswith("*") and any(
            other is not ann
            and other.start <= ann.start
            and ann.end <= other.end
            and (other.start, other.end) != (ann.start, ann.end)
            and _identifier(other) == _identifier(ann)
            for _r, other in items
        ):
            continue
        kept.append((row, ann))
    return kept


def _check_overlaps(layer: str, items: list[tuple[Row, Annotation]]) -> None:
    ordered = sorted(items, key=lambda item: (item[1].start, -item[1].end))
    open_spans: list[tuple[Row, Annotation]] = []
    seen: dict[tuple[int, int, str], str] = {}
    for row, ann in ordered:
        ident = (ann.start, ann.end, ann.label)
        if ident in seen:
            raise DataFormatError(
                f"{row.where}: {ann.text!r} is already annotated as {layer}/{ann.label} "
                f"({seen[ident]})"
            )
        seen[ident] = row.where
        open_spans = [(r, a) for r, a in open_spans if a.end > ann.start]
        for other_row, other in open_spans:
            if ann.end > other.end:
                raise DataFormatError(
                    f"{row.where}: {ann.text!r} crosses {other.text!r} ({other_row.where}) in "
                    f"layer {layer}; spans may nest but not cross"
                )
        open_spans.append((row, ann))


def _link(
    row: Row,
    annotation: Annotation,
    masked: str,
    built: Mapping[str, list[tuple[Row, Annotation]]],
) -> Annotation:
    """`annotation` with each linked mention ``NAME_span`` placed: the mention, in its
    `links_to` layer, whose identifying attribute is the annotation's ``NAME`` (the one
    ``NAME_at`` marks, else the nearest before the span, else the first)."""
    kind = type(annotation)
    changes: dict[str, Any] = {}
    for field in attribute_fields(kind):
        if attribute_kind(kind, field)[0] != "span":
            continue
        stem = field.name.removesuffix("_span")
        at = f"{stem}_at"
        key = getattr(annotation, stem, None)
        linked = attribute_spec(kind, field).links_to
        if linked is None or linked not in ANNOTATION_TYPES:
            raise DataFormatError(
                f"{row.where}: {field.name} of layer {row.layer} links to no layer; give its "
                "spec links_to="
            )
        if key is None:
            if at in row.attributes:
                raise DataFormatError(f"{row.where}: {at} without a {stem}")
            continue
        mentions = sorted(
            (a for _r, a in built.get(linked, []) if _identifier(a) == key), key=lambda e: e.start
        )
        if not mentions:
            raise DataFormatError(
                f"{row.where}: the {stem} {key} has no {linked} mention in this document"
            )
        if at in row.attributes:
            [(start, end)] = _locate(masked, row, row.attributes[at])
            chosen = [e for e in mentions if (e.start, e.end) == (start, end)]
            if not chosen:
                raise DataFormatError(
                    f"{row.where}: {at} {masked[start:end]!r} is not a mention of {key}"
                )
            mention = chosen[0]
        else:
            before = [e for e in mentions if e.end <= annotation.start]
            mention = before[-1] if before else mentions[0]
        changes[field.name] = Span(mention.start, mention.end, mention.text)
    return attrs.evolve(annotation, **changes) if changes else annotation


def _identifier(annotation: Annotation) -> object:
    """The value of the attribute of `annotation` that identifies it (an entity's key)."""
    kind = type(annotation)
    for field in attribute_fields(kind):
        if attribute_spec(kind, field).identifies is not None:
            return getattr(annotation, field.name)
    return None
