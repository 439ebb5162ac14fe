"""karabakh_corpus: an annotated corpus of news reports on the Armenia-Azerbaijan peace talks.

`load()` returns the corpus of this release (documents, metadata, annotation layers);
`clean()` and `Cleaner` are the boilerplate cleaner that produced its clean texts, for use
on any scraped news text, and `clean_html()` its HTML input; ``Cleaned.facts`` is a page's
`Facts` (date, authors, outlet, dateline, wire, title, each with its evidence). `to_pandas()` and
`to_hf_dataset()` give the corpus as a data frame or a Hugging Face dataset.

The package's parts: `karabakh_corpus.corpus` (loading, releases, re-anchoring),
`karabakh_corpus.export` (file formats and tables), `karabakh_corpus.stream` (cleaning files
and streams at scale, Dask and Spark), the cleaner's faces `karabakh_corpus.clean`,
`karabakh_corpus.rules`, `karabakh_corpus.facts` and `karabakh_corpus.html`, and the types in
`karabakh_corpus.schema`. Every name below is imported on first use, so ``import
karabakh_corpus`` stays cheap. The annotation layers' types are listed here by name (each
shipped layer is registered in `karabakh_corpus.annotations`; a layer registered at run time
is reached through `karabakh_corpus.schema.ANNOTATION_TYPES`).
"""

from typing import TYPE_CHECKING

from karabakh_corpus import _lazy
from karabakh_corpus._version import __version__
from karabakh_corpus.errors import (
    AnchorError,
    CorpusError,
    DataFormatError,
    DocumentIndexError,
    IntegrityError,
    LayerError,
    MissingExtraError,
    NotInCleanTextError,
    ReleaseError,
    UnknownDocumentError,
    UnknownEntityError,
    UnsupportedAttributeError,
    WorkerError,
    WorkerLostError,
)

if TYPE_CHECKING:  # pragma: no cover
    from karabakh_corpus.clean import Cleaned, Cleaner, Thresholds, clean, clean_many
    from karabakh_corpus.corpus.anchor import Reanchored, reanchor
    from karabakh_corpus.corpus.loader import load
    from karabakh_corpus.corpus.release import *  # noqa: F403
    from karabakh_corpus.export.frames import to_hf_dataset, to_pandas
    from karabakh_corpus.facts import Facts
    from karabakh_corpus.html import clean_html
    from karabakh_corpus.schema import (
        Annotation,
        Category,
        Corpus,
        Document,
        Entity,
        EntitySummary,
        Evidence,
        Layer,
        Mention,
        Metadata,
        Quantity,
        Quotation,
        Region,
        Span,
        TextIssue,
        Timex,
        Wire,
    )

__getattr__, __dir__ = _lazy.attach(
    __name__,
    {
        "clean": "karabakh_corpus.clean",
        "Cleaned": "karabakh_corpus.clean",
        "Cleaner": "karabakh_corpus.clean",
        "Thresholds": "karabakh_corpus.clean",
        "clean_many": "karabakh_corpus.clean",
        "clean_html": "karabakh_corpus.html",
        "Facts": "karabakh_corpus.facts",
        "load": "karabakh_corpus.corpus.loader",
        "Reanchored": "karabakh_corpus.corpus.anchor",
        "reanchor": "karabakh_corpus.corpus.anchor",
        "to_hf_dataset": "karabakh_corpus.export.frames",
        "to_pandas": "karabakh_corpus.export.frames",
        **dict.fromkeys(
            (
                "Annotation",
                "Category",
                "Corpus",
                "Document",
                "Entity",
                "EntitySummary",
                "Evidence",
                "Layer",
                "Mention",
                "Metadata",
                "Quantity",
                "Quotation",
                "Region",
                "Span",
                "TextIssue",
                "Timex",
                "Wire",
            ),
            "karabakh_corpus.schema",
        ),
    },
    # the release history (Bump, Changes, ..., verify): the names of its __all__
    modules=("karabakh_corpus.corpus.release",),
)

__all__ = [
    "AnchorError",
    "Annotation",
    "Bump",
    "Category",
    "Changes",
    "Cleaned",
    "Cleaner",
    "Corpus",
    "CorpusError",
    "DataFormatError",
    "Document",
    "DocumentChanges",
    "DocumentIndexError",
    "Entity",
    "EntitySummary",
    "Evidence",
    "Facts",
    "IntegrityError",
    "Layer",
    "LayerError",
    "Mention",
    "Metadata",
    "MissingExtraError",
    "NotInCleanTextError",
    "Quantity",
    "Quotation",
    "Reanchored",
    "Region",
    "Release",
    "ReleaseError",
    "Span",
    "SpanChange",
    "TextIssue",
    "Thresholds",
    "Timex",
    "UnknownDocumentError",
    "UnknownEntityError",
    "UnsupportedAttributeError",
    "Wire",
    "WorkerError",
    "WorkerLostError",
    "__version__",
    "changes",
    "clean",
    "clean_html",
    "clean_many",
    "load",
    "reanchor",
    "reanchor_many",
    "releases",
    "to_hf_dataset",
    "to_pandas",
    "verify",
]
