"""Deprecated since 1.8.0: `karabakh_corpus.corpus.release` under its old name; it goes in 2.0.0.

Importing it warns with `DeprecationWarning`: import from `karabakh_corpus.corpus`."""

from karabakh_corpus import _lazy

__all__, __getattr__ = _lazy.moved(
    __name__, ".corpus.release", ".corpus", {"parse_version": "._version"}
)
