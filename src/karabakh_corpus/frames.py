"""Deprecated since 1.8.0: this module moved to
`karabakh_corpus.export.frames`; it goes in 2.0.0.

Import from
`karabakh_corpus.export.frames` instead. Importing this module warns with `DeprecationWarning`.
"""

import warnings

from karabakh_corpus.export.frames import *  # noqa: F403
from karabakh_corpus.export.frames import __all__  # noqa: F401

warnings.warn(
    "karabakh_corpus.frames moved to "
    "karabakh_corpus.export.frames in 1.8.0 and goes in 2.0.0; "
    "import from karabakh_corpus.export.frames instead",
    DeprecationWarning,
    stacklevel=2,
)
