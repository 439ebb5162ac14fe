"""Deprecated since 1.8.0: `karabakh_corpus.export.records` under its old name; it goes in 2.0.0.

Importing it warns with `DeprecationWarning`: import from `karabakh_corpus.export`."""

from karabakh_corpus import _lazy

__all__, __getattr__ = _lazy.moved(
    __name__, ".export.records", ".export", {"cleaned_record": ".stream.write"}
)
