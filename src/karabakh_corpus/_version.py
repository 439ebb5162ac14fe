"""The release: one version for the package and the data it ships."""

import re

from karabakh_corpus.errors import ReleaseError

__version__ = "1.12.0"

RELEASE_DATE = "2026-12-07"
"""The date of this release (ISO 8601), as CHANGELOG.md and CITATION.cff give it."""

CLEANER_VERSION = "12"
"""The cleaner's version: it changes whenever the cleaner's output on some input may change.
The manifest of a release records it; `karabakh_corpus.clean` re-exports it."""

_SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")


def parse_version(version: str) -> tuple[int, int, int]:
    """The (major, minor, patch) of a release version; raises `ReleaseError` otherwise."""
    match = _SEMVER.fullmatch(version) if isinstance(version, str) else None
    if match is None:
        raise ReleaseError(f"{version!r} is not a release version such as 1.0.0")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch
