"""karabakh_corpus: an annotated corpus of news reports on the Armenia-Azerbaijan peace talks.

`load()` returns the corpus of this release; `clean()` and `Cleaner` are the boilerplate
cleaner that produced its clean texts, for use on any scraped news text.
"""

from karabakh_corpus._anchor import reanchor
from karabakh_corpus._version import __version__
from karabakh_corpus.clean import Cleaned, Cleaner, Thresholds, clean, clean_many
from karabakh_corpus.corpus import load
from karabakh_corpus.errors import (
    AnchorError,
    CorpusError,
    DataFormatError,
    IntegrityError,
    MissingExtraError,
    ReleaseError,
    UnknownDocumentError,
)
from karabakh_corpus.release import Bump, Changes, Release, changes, releases, verify
from karabakh_corpus.schema import (
    Category,
    Corpus,
    Document,
    Evidence,
    Metadata,
    Region,
    Span,
    Wire,
)

__all__ = [
    "AnchorError",
    "Bump",
    "Category",
    "Changes",
    "Cleaned",
    "Cleaner",
    "Corpus",
    "CorpusError",
    "DataFormatError",
    "Document",
    "Evidence",
    "IntegrityError",
    "Metadata",
    "MissingExtraError",
    "Region",
    "Release",
    "ReleaseError",
    "Span",
    "Thresholds",
    "UnknownDocumentError",
    "Wire",
    "__version__",
    "changes",
    "clean",
    "clean_many",
    "load",
    "reanchor",
    "releases",
    "verify",
]
