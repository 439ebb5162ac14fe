"""The cleaner's lexicons, as data apart from the code that runs them.

- `table`: `GENERIC_RULES`, the generic rule table in the order its rules are tried, and
  `PROFILES`, the extra rules of one outlet by name;
- `appeals`, `comments`, `furniture`: the generic rules, by what they remove (what the page
  asks of its reader; the furniture of reader comments; the site's furniture and the
  article's metadata);
- `dates`: the words of datelines.

A rule's type (`Rule`) and the matcher that runs a table (`RuleIndex`) are code, in
`karabakh_corpus.cleaner.rules`. Nothing here is read when the cleaner is imported: the
rule table is built when the first `Cleaner` is (the public home of the table is
`karabakh_corpus.rules`).
"""

from __future__ import annotations

__all__ = ["DASH"]

DASH = r"[-–—•·*|:>»\s]*+"
"""Separators around a label ("— Advertisement —", "| Comments |"), a pattern piece of
several rules; possessive (no label starts with one), so never tried twice."""
