"""A page's facts: its date, authors, outlet, dateline, wire and title, each with its evidence.

``clean(text).facts`` and ``clean_html(page).facts`` give a `Facts` record. Each of its
fields is a fact whose `value` holds the value (a `datetime.date` for `Facts.date`, a tuple
of person names for `Facts.authors`, a `str` or None for the others), with `inferred`
(False when the page prints or declares the value), the `rule` that chose it, a `reason` in
words (why this value, or why none) and its `evidence`: spans of the raw text
(`karabakh_corpus.Evidence`, exact offsets) or, from HTML, the place of the markup it was
declared in (`Declared`: a JSON-LD key, a ``<meta>`` tag, a ``<time datetime>``).
`conflicts` holds the evidence of the values a stated order set aside.

`read_facts(raw, regions, markup=None)` reads the facts of any text with its regions (a
`Cleaned`'s, or a corpus document's), and `read_markup` what an HTML page's markup declares.
The rules, as data, live in `karabakh_corpus.cleaner.facts` (month names per language,
agencies, byline markers, markup keys).
"""

from __future__ import annotations

from karabakh_corpus.cleaner.facts import types
from karabakh_corpus.cleaner.facts.markup import read_markup
from karabakh_corpus.cleaner.facts.read import read_facts
from karabakh_corpus.cleaner.facts.types import *  # noqa: F403  (the types, re-exported)

__all__ = [*types.__all__, "read_facts", "read_markup"]
