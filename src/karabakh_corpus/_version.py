"""The release: one version for the package and the data it ships."""

__version__ = "1.1.0"

RELEASE_DATE = "2026-11-25"
"""The date of this release (ISO 8601), as CHANGELOG.md and CITATION.cff give it."""
