"""Deprecated since 1.8.0: this module moved to
`karabakh_corpus.export.croissant`; it goes in 2.0.0.

Import from
`karabakh_corpus.export.croissant` instead. Importing this module warns with `DeprecationWarning`.
"""

import warnings

from karabakh_corpus.export.croissant import *  # noqa: F403
from karabakh_corpus.export.croissant import __all__  # noqa: F401

warnings.warn(
    "karabakh_corpus.croissant moved to "
    "karabakh_corpus.export.croissant in 1.8.0 and goes in 2.0.0; "
    "import from karabakh_corpus.export.croissant instead",
    DeprecationWarning,
    stacklevel=2,
)
