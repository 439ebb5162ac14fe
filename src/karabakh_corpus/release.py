"""Deprecated since 1.8.0: this module moved to
`karabakh_corpus.corpus.release`; it goes in 2.0.0.

Import from `karabakh_corpus.corpus` (or `karabakh_corpus` itself) instead. Importing this
module warns with `DeprecationWarning`.
"""

import warnings

from karabakh_corpus._version import parse_version  # noqa: F401  (it lives there)
from karabakh_corpus.corpus.release import *  # noqa: F403
from karabakh_corpus.corpus.release import __all__  # noqa: F401

warnings.warn(
    "karabakh_corpus.release moved to "
    "karabakh_corpus.corpus.release in 1.8.0 and goes in 2.0.0; "
    "import from karabakh_corpus.corpus (or karabakh_corpus itself) instead",
    DeprecationWarning,
    stacklevel=2,
)
