"""The release: one version for the package and the data it ships."""

__version__ = "1.2.0"

RELEASE_DATE = "2026-11-26"
"""The date of this release (ISO 8601), as CHANGELOG.md and CITATION.cff give it."""
