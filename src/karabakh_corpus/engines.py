"""Deprecated since 1.8.0: `karabakh_corpus.stream.engines` under its old name; it goes in 2.0.0.

Importing it warns with `DeprecationWarning`: import from `karabakh_corpus.stream.engines`."""

from karabakh_corpus import _lazy

__all__, __getattr__ = _lazy.moved(__name__, ".stream.engines", ".stream.engines")
