"""Deprecated since 1.8.0: this module moved to
`karabakh_corpus.export.records`; it goes in 2.0.0.

Import from
`karabakh_corpus.export` instead. Importing this module warns with `DeprecationWarning`.
"""

import warnings

from karabakh_corpus.export.records import *  # noqa: F403
from karabakh_corpus.export.records import __all__  # noqa: F401
from karabakh_corpus.stream.write import cleaned_record  # noqa: F401  (it moved there)

warnings.warn(
    "karabakh_corpus.records moved to "
    "karabakh_corpus.export.records in 1.8.0 and goes in 2.0.0; "
    "import from karabakh_corpus.export instead",
    DeprecationWarning,
    stacklevel=2,
)
