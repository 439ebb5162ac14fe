"""The model's small helpers: read-only vocabularies and the validators its attrs types share."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from karabakh_corpus.errors import DataFormatError

__all__ = ["one_of", "read_only", "tuple_of"]

_K = TypeVar("_K")
_V = TypeVar("_V")


def read_only(table: Mapping[_K, _V]) -> Mapping[_K, _V]:
    """A read-only copy of `table`: the vocabularies are shared by the whole process."""
    return MappingProxyType(dict(table))


def tuple_of(kind: type) -> Any:
    """A validator: a tuple whose items are all `kind`."""
    return attrs.validators.deep_iterable(
        attrs.validators.instance_of(kind), attrs.validators.instance_of(tuple)
    )


def one_of(values: Mapping[str, str] | frozenset[str]) -> Any:
    """A validator: one of `values` (a vocabulary's words), else `DataFormatError`."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
        if value not in values:
            raise DataFormatError(
                f"{attribute.name} must be one of {sorted(values)}, not {value!r}"
            )

    return check
