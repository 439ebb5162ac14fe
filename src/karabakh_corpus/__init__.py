"""karabakh_corpus: an annotated corpus of news reports on the Armenia-Azerbaijan peace talks.

`load()` returns the corpus of this release (documents, metadata, annotation layers);
`clean()` and `Cleaner` are the boilerplate cleaner that produced its clean texts, for use
on any scraped news text. `to_pandas()` and `to_hf_dataset()` give the corpus as a data
frame or a Hugging Face dataset. Exports live in `karabakh_corpus.export`, scale-out
helpers in `karabakh_corpus.stream` and `karabakh_corpus.engines`.
"""

from karabakh_corpus._anchor import Reanchored, reanchor
from karabakh_corpus._version import __version__
from karabakh_corpus.clean import Cleaned, Cleaner, Thresholds, clean, clean_many
from karabakh_corpus.corpus import load
from karabakh_corpus.errors import (
    AnchorError,
    CorpusError,
    DataFormatError,
    DocumentIndexError,
    IntegrityError,
    MissingExtraError,
    NotInCleanTextError,
    ReleaseError,
    UnknownDocumentError,
    UnknownEntityError,
    WorkerError,
    WorkerLostError,
)
from karabakh_corpus.frames import to_hf_dataset, to_pandas
from karabakh_corpus.html import clean_html
from karabakh_corpus.release import (
    Bump,
    Changes,
    DocumentChanges,
    Release,
    SpanChange,
    changes,
    reanchor_many,
    releases,
    verify,
)
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
    "IntegrityError",
    "Layer",
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
