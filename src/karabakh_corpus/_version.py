"""The release: one version for the package and the data it ships."""

__version__ = "1.0.0"
