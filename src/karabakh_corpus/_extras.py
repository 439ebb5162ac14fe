"""The optional dependencies: the one place an extra's import fails with the one-line error.

Every integration imports its library inside ``with needs(extra, feature):``; an
`ImportError` there becomes `MissingExtraError`, which names the feature and the line that
installs it (``pip install "karabakh-corpus[EXTRA]"``, or ``pip install ".[EXTRA]"`` in a
clone). `EXTRAS` lists which extra brings which importable library, and a test checks it
against pyproject.toml.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType

from karabakh_corpus.errors import MissingExtraError

__all__ = ["EXTRAS", "needs"]

EXTRAS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "progress": ("tqdm",),
        "html": ("html_text", "lxml"),
        "pandas": ("pandas",),
        "parquet": ("pyarrow",),
        "warc": ("warcio",),
        "dask": ("dask",),
        "spark": ("pyspark",),
        "hf": ("datasets",),
        "croissant": ("mlcroissant",),
        "spacy": ("spacy",),
    }
)
"""Each extra and the top-level modules it makes importable."""


@contextmanager
def needs(extra: str, feature: str) -> Iterator[None]:
    """Import the libraries of the optional `extra` in this block, for `feature`.

    An `ImportError` inside it is raised again as `MissingExtraError(feature, extra)` (an
    `ImportError` too), chained to the original; an unknown `extra` is a `ValueError`.
    """
    if extra not in EXTRAS:
        raise ValueError(f"unknown extra {extra!r}; the extras are {sorted(EXTRAS)}")
    try:
        yield
    except MissingExtraError:
        raise
    except ImportError as exc:
        raise MissingExtraError(feature, extra) from exc
