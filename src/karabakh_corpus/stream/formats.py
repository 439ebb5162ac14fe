"""The stream's input and output formats: each input's format from its name, and the optional
library each format needs (imported only when such a file is read or written)."""

from __future__ import annotations

from typing import Any, Final

from karabakh_corpus import _extras

__all__ = [
    "INPUT_FORMATS",
    "OUTPUT_FORMATS",
    "detect_format",
    "require",
]


INPUT_FORMATS: Final = ("text", "jsonl", "parquet", "wet", "html", "warc")
"""The input formats: one document per file, JSON Lines, Parquet, Common Crawl WET, one HTML
page per file, and WARC files of HTML responses."""

OUTPUT_FORMATS: Final = ("jsonl", "parquet", "text")
"""The output formats of ``karabakh-corpus clean``: JSON Lines rows, Parquet rows, or the
title and clean text of each record."""


_SUFFIXES: Final = (
    (".parquet", "parquet"),
    (".pq", "parquet"),
    (".wet", "wet"),
    (".wet.gz", "wet"),
    (".warc", "warc"),
    (".warc.gz", "warc"),
    (".html", "html"),
    (".html.gz", "html"),
    (".htm", "html"),
    (".htm.gz", "html"),
    (".jsonl", "jsonl"),
    (".jsonl.gz", "jsonl"),
    (".ndjson", "jsonl"),
    (".ndjson.gz", "jsonl"),
)


def require(fmt: str, *, writing: bool = False) -> None:
    """Import the optional library that format `fmt` needs, or raise `MissingExtraError`.

    Call it before a run starts so that a missing extra fails before any output is written.
    """
    if fmt == "parquet":
        pyarrow_module("writing Parquet" if writing else "reading Parquet")
    elif fmt == "wet":
        warcio_module()
    elif fmt == "html":
        html_text_module("reading HTML files")
    elif fmt == "warc":
        warcio_module("reading WARC files")
        html_text_module("reading WARC files")


def pyarrow_module(feature: str) -> Any:
    with _extras.needs("parquet", feature):
        import pyarrow  # type: ignore[import-untyped]
        import pyarrow.parquet  # type: ignore[import-untyped]
    return pyarrow


def warcio_module(feature: str = "reading WET files") -> Any:
    with _extras.needs("warc", feature):
        import warcio.archiveiterator  # type: ignore[import-untyped]
        import warcio.exceptions  # type: ignore[import-untyped]
    return warcio


def html_text_module(feature: str) -> None:
    with _extras.needs("html", feature):
        import html_text  # noqa: F401


def detect_format(name: str) -> str:
    """The format of input `name` from its extension; ``"text"`` for others and for stdin.

    ``.parquet``/``.pq`` are Parquet, ``.wet``/``.wet.gz`` WET, ``.warc``/``.warc.gz`` WARC,
    ``.html``/``.htm`` (optionally ``.gz``) HTML, ``.jsonl``/``.ndjson`` (optionally ``.gz``)
    JSON Lines; case is ignored.
    """
    lower = name.lower()
    for suffix, fmt in _SUFFIXES:
        if lower.endswith(suffix):
            return fmt
    return "text"
