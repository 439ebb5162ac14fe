"""Deprecated since 1.8.0: this module moved to
`karabakh_corpus.stream.engines`; it goes in 2.0.0.

Import from
`karabakh_corpus.stream.engines` instead. Importing this module warns with `DeprecationWarning`.
"""

import warnings

from karabakh_corpus.stream.engines import *  # noqa: F403
from karabakh_corpus.stream.engines import __all__  # noqa: F401

warnings.warn(
    "karabakh_corpus.engines moved to "
    "karabakh_corpus.stream.engines in 1.8.0 and goes in 2.0.0; "
    "import from karabakh_corpus.stream.engines instead",
    DeprecationWarning,
    stacklevel=2,
)
