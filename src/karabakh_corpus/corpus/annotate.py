"""Resolve quote-anchored annotations (curation/annotations/ID.tsv) to typed spans.

The format is described in docs/annotation-guidelines.md: one annotation per line,
``layer <TAB> label <TAB> quote <TAB> attributes``. Every problem (a quote that is missing
or ambiguous, an unknown attribute, crossing spans, a speaker with no mention) raises
`AnchorError` or `DataFormatError` naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from karabakh_corpus.corpus.anchor import find_quote
from karabakh_corpus.errors import AnchorError, DataFormatError
from karabakh_corpus.schema import (
    Annotation,
    Category,
    Entity,
    Layer,
    Quantity,
    Quotation,
    Region,
    Span,
    TextIssue,
    Timex,
)

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

_ATTRIBUTES: Mapping[Layer, frozenset[str]] = {
    Layer.ENTITY: frozenset({"key", "form", "garbled", "reading"}),
    Layer.QUOTE: frozenset({"speaker", "cue", "speaker_at"}),
    Layer.TIME: frozenset({"value", "anchor", "resolved", "note"}),
    Layer.QUANTITY: frozenset({"value", "unit", "counted", "event", "qualifier"}),
    Layer.TEXT_ISSUE: frozenset({"reading"}),
}
_ATTRIBUTES = MappingProxyType(dict(_ATTRIBUTES))
_YES_NO: Mapping[str, bool] = MappingProxyType({"yes": True, "no": False})


@attrs.frozen
class Row:
    """One authored annotation: where it was written, and its four fields."""

    where: str
    layer: Layer
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
        layer_name, label, quote = fields[:3]
        try:
            layer = Layer(layer_name)
        except ValueError as exc:
            raise DataFormatError(
                f"{where}: unknown layer {layer_name!r}; layers: {[x.value for x in Layer]}"
            ) from exc
        attributes: dict[str, str] = {}
        if len(fields) == 4 and fields[3].strip():
            for pair in fields[3].split(";"):
                name_, sep, value = pair.strip().partition("=")
                if not sep or not name_:
                    raise DataFormatError(f"{where}: attribute {pair.strip()!r} is not name=value")
                if name_ in attributes:
                    raise DataFormatError(f"{where}: attribute {name_!r} given twice")
                attributes[name_] = value.strip()
        unknown = set(attributes) - _ATTRIBUTES[layer]
        if unknown:
            raise DataFormatError(
                f"{where}: unknown attribute(s) {sorted(unknown)} for layer {layer.value}; "
                f"allowed: {sorted(_ATTRIBUTES[layer])}"
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


def _flag(row: Row, name: str, default: bool) -> bool:
    value = row.attributes.get(name)
    if value is None:
        return default
    if value not in _YES_NO:
        raise DataFormatError(f"{row.where}: {name} must be yes or no, not {value!r}")
    return _YES_NO[value]


def _number(row: Row) -> int | float | None:
    value = row.attributes.get("value")
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError as exc:
        raise DataFormatError(f"{row.where}: value must be a number, not {value!r}") from exc
    return int(number) if number.is_integer() and "." not in value else number


def _make_annotation(row: Row, raw: str, start: int, end: int) -> Annotation:
    a = row.attributes
    common: dict[str, Any] = {"label": row.label}
    text = raw[start:end]
    if row.layer is Layer.ENTITY:
        if "key" not in a:
            raise DataFormatError(f"{row.where}: an entity needs a key")
        return Entity(
            start,
            end,
            text,
            key=a["key"],
            form=a.get("form", "name"),
            garbled=_flag(row, "garbled", False),
            reading=a.get("reading"),
            **common,
        )
    if row.layer is Layer.QUOTE:
        speaker = a.get("speaker", "none")
        return Quotation(
            start,
            end,
            text,
            speaker=None if speaker == "none" else speaker,
            cue=a.get("cue"),
            **common,
        )
    if row.layer is Layer.TIME:
        resolved = _flag(row, "resolved", True)
        return Timex(
            start,
            end,
            text,
            value=a.get("value"),
            anchor=a.get("anchor"),
            resolved=resolved,
            note=a.get("note"),
            **common,
        )
    if row.layer is Layer.QUANTITY:
        for needed in ("unit", "counted"):
            if needed not in a:
                raise DataFormatError(f"{row.where}: a quantity needs {needed}")
        return Quantity(
            start,
            end,
            text,
            value=_number(row),
            unit=a["unit"],
            counted=a["counted"],
            qualifier=a.get("qualifier", "exact"),
            event=a.get("event"),
            **common,
        )
    return TextIssue(start, end, text, reading=a.get("reading"), **common)


def resolve(
    raw: str, regions: Iterable[Region], rows: Sequence[Row]
) -> dict[Layer, tuple[Annotation, ...]]:
    """Resolve the rows against the raw text; return each layer's annotations in text order."""
    masked = _mask(raw, _scope(regions))
    built: dict[Layer, list[tuple[Row, Annotation]]] = {layer: [] for layer in Layer}
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
    entities = [a for _r, a in built[Layer.ENTITY]]
    built[Layer.QUOTE] = [(r, _link(r, a, masked, entities)) for r, a in built[Layer.QUOTE]]
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
            and getattr(other, "key", None) == getattr(ann, "key", None)
            for _r, other in items
        ):
            continue
        kept.append((row, ann))
    return kept


def _check_overlaps(layer: Layer, items: list[tuple[Row, Annotation]]) -> None:
    ordered = sorted(items, key=lambda item: (item[1].start, -item[1].end))
    open_spans: list[tuple[Row, Annotation]] = []
    seen: dict[tuple[int, int, str], str] = {}
    for row, ann in ordered:
        ident = (ann.start, ann.end, ann.label)
        if ident in seen:
            raise DataFormatError(
                f"{row.where}: {ann.text!r} is already annotated as {layer.value}/{ann.label} "
                f"({seen[ident]})"
            )
        seen[ident] = row.where
        open_spans = [(r, a) for r, a in open_spans if a.end > ann.start]
        for other_row, other in open_spans:
            if ann.end > other.end:
                raise DataFormatError(
                    f"{row.where}: {ann.text!r} crosses {other.text!r} ({other_row.where}) in "
                    f"layer {layer.value}; spans may nest but not cross"
                )
        open_spans.append((row, ann))


def _link(
    row: Row,
    quote: Annotation,
    masked: str,
    entities: Sequence[Annotation],
) -> Annotation:
    assert isinstance(quote, Quotation)
    if quote.speaker is None:
        if "speaker_at" in row.attributes:
            raise DataFormatError(f"{row.where}: speaker_at without a speaker")
        return quote
    mentions = sorted(
        (e for e in entities if isinstance(e, Entity) and e.key == quote.speaker),
        key=lambda e: e.start,
    )
    if not mentions:
        raise DataFormatError(
            f"{row.where}: the speaker {quote.speaker} has no entity mention in this document"
        )
    if "speaker_at" in row.attributes:
        [(start, end)] = _locate(masked, row, row.attributes["speaker_at"])
        chosen = [e for e in mentions if (e.start, e.end) == (start, end)]
        if not chosen:
            raise DataFormatError(
                f"{row.where}: speaker_at {masked[start:end]!r} is not a mention of {quote.speaker}"
            )
        mention = chosen[0]
    else:
        before = [e for e in mentions if e.end <= quote.start]
        mention = before[-1] if before else min(mentions, key=lambda e: e.start)
    return attrs.evolve(quote, speaker_span=Span(mention.start, mention.end, mention.text))
