"""The exceptions the package raises, all rooted in `CorpusError`.

Each subclass also inherits the builtin exception it narrows, so callers can catch
either the package error or the builtin they already expect.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "AnchorError",
    "CorpusError",
    "DataFormatError",
    "DocumentIndexError",
    "IntegrityError",
    "LayerError",
    "MissingExtraError",
    "NotInCleanTextError",
    "ReleaseError",
    "UnknownDocumentError",
    "UnknownEntityError",
    "UnsupportedAttributeError",
    "WorkerError",
    "WorkerLostError",
]


class CorpusError(Exception):
    """Base class of every error raised by karabakh_corpus."""


class UnknownDocumentError(CorpusError, KeyError):
    """A document id that the corpus does not contain."""

    def __init__(self, doc_id: object, valid: Iterable[str]) -> None:
        self.doc_id = doc_id
        self.valid = tuple(valid)
        super().__init__(doc_id)

    def __str__(self) -> str:
        return f"unknown document id {self.doc_id!r}; valid ids are: {', '.join(self.valid)}"


class UnknownEntityError(CorpusError, KeyError):
    """An entity key that no document mentions."""

    def __init__(self, key: object, close: Iterable[str]) -> None:
        self.key = key
        self.close = tuple(close)
        super().__init__(key)

    def __str__(self) -> str:
        hint = f"; did you mean {', '.join(self.close)}?" if self.close else ""
        return f"no document mentions the entity {self.key!r}{hint} (see corpus.entities())"


class DocumentIndexError(CorpusError, IndexError):
    """A document position outside the corpus (``corpus[n]`` with ``n >= len(corpus)``)."""

    def __init__(self, index: int, size: int) -> None:
        self.index = index
        self.size = size
        super().__init__(index)

    def __str__(self) -> str:
        if self.size == 0:
            return f"document index {self.index} is out of range: the corpus is empty"
        return (
            f"document index {self.index} is out of range for a corpus of {self.size} "
            f"documents (use 0 to {self.size - 1}, or -{self.size} to -1)"
        )


class NotInCleanTextError(CorpusError, LookupError):
    """A span of the raw text that lies in a stripped region and so has no clean offsets."""


class DataFormatError(CorpusError, ValueError):
    """Data that does not have the shape the schema requires (malformed JSON, bad offsets...)."""


class IntegrityError(CorpusError, OSError):
    """Installed data files whose content differs from the release manifest."""

    def __init__(self, message: str, files: Iterable[str] = ()) -> None:
        self.files = tuple(files)
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class AnchorError(CorpusError, ValueError):
    """A quote that cannot be placed in a text: missing, ambiguous, or moved beyond recognition."""


class ReleaseError(CorpusError, ValueError):
    """An unknown release, or a release history that breaks the versioning policy."""


class LayerError(CorpusError, TypeError):
    """An annotation layer that cannot be registered or used: a type that is not an attrs
    subclass of `Annotation`, a name already taken, an attribute that says nothing of what
    it holds. `layer` and `attribute` name what is at fault (None where it is not one)."""

    def __init__(self, message: str, *, layer: str | None = None, attribute: str | None = None):
        self.layer = layer
        self.attribute = attribute
        super().__init__(message)


class UnsupportedAttributeError(LayerError):
    """An attribute of an annotation layer that an export cannot carry: raised before the
    export writes anything, naming the `layer`, the `attribute` and the `export`, rather
    than leaving the attribute out."""

    def __init__(self, message: str, *, layer: str, attribute: str, export: str) -> None:
        self.export = export
        super().__init__(message, layer=layer, attribute=attribute)


class MissingExtraError(CorpusError, ImportError):
    """An optional integration whose extra is not installed."""

    def __init__(self, feature: str, extra: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(
            f"{feature} needs the optional dependencies of the '{extra}' extra: "
            f'pip install "karabakh-corpus[{extra}]" (in a clone of the repository: '
            f'pip install ".[{extra}]")'
        )


class WorkerError(CorpusError, RuntimeError):
    """Worker processes that cannot be started safely, or that stopped working."""


class WorkerLostError(WorkerError):
    """A worker process died (killed, out of memory) while texts were being cleaned.

    `first` and `last` are the positions (from 0, in input order) of the first and last
    text that was in flight and so has no result; the run stops there.
    """

    def __init__(self, message: str, first: int, last: int) -> None:
        self.first = first
        self.last = last
        super().__init__(message)
