"""The words of bylines, credit lines and datelines, per language: data only; `bylines`,
`wires`, `places` and `outlets` read it. Matched case-insensitively unless said otherwise.
"""

from __future__ import annotations

__all__ = [
    "BYLINE_MARKERS",
    "CONTRIBUTED",
    "CREDIT_MARKERS",
    "DATELINE_CHARS",
    "FARTHEST",
    "HEADER_AFTER",
    "HEADER_BEFORE",
    "LEAD_INS",
    "NAME_PARTICLES",
    "NAME_SEPARATORS",
    "NOT_NAMES",
    "NOT_OUTLETS",
    "OUTLET_WORDS",
    "PICTURE_WORDS",
    "ROLES",
    "SELF_DESCRIPTIONS",
    "STAFF_WORDS",
]

BYLINE_MARKERS: tuple[str, ...] = (
    # en
    "by", "written by", "words by", "story by", "reporting by", "author", "authors",
    "posted by", "report by",
    # de, nl, nordic
    "von", "autor", "autorin", "text", "door", "af", "av", "kirjoittanut",
    # fr, es, pt, it, ca
    "par", "por", "di", "de", "a cura di", "auteur", "autor/a",
    # pl, cs, tr, ru
    "autorka", "yazar", "автор",
)  # fmt: skip
"""Words that open an author line ("By Jane Doe", "Von Max Muster", "Autor: ..."): a
line opening with one, or a line that is one followed by a line of names."""

NAME_SEPARATORS: tuple[str, ...] = (
    ",", ";", "&", "+", " and ", " und ", " et ", " y ", " e ", " en ", " og ", " och ",
    " i ", " ve ", " и ", " a ",
)  # fmt: skip
"""What separates names in an author line."""

NAME_PARTICLES: frozenset[str] = frozenset(
    {
        "van", "von", "der", "den", "de", "del", "della", "da", "das", "do", "dos", "di",
        "du", "la", "le", "ter", "ten", "bin", "ibn", "al", "el", "zu", "y", "vom", "zur",
    }
)  # fmt: skip
"""Lower-case words that may stand inside a person's name ("Ursula von der Leyen")."""

ROLES: tuple[str, ...] = (
    # en
    "staff writer", "staff reporter", "senior writer", "senior reporter", "reporter",
    "correspondent", "senior correspondent", "chief correspondent", "foreign correspondent",
    "editor", "senior editor", "deputy editor", "managing editor", "editor-at-large",
    "contributing editor", "contributing writer", "contributor", "columnist", "writer",
    "journalist", "photographer", "producer", "analyst", "special correspondent",
    "political editor", "political correspondent", "news editor", "opinion writer",
    "guest writer", "guest author", "freelance writer", "intern", "host", "anchor",
    # de, fr, es, it, nl
    "redakteur", "redakteurin", "korrespondent", "korrespondentin", "reporterin",
    "autorin", "chefredakteur", "chefredakteurin", "journalistin", "rédacteur",
    "rédactrice", "correspondant", "correspondante", "envoyé spécial", "envoyée spéciale",
    "journaliste", "redactor", "redactora", "corresponsal", "periodista", "giornalista",
    "inviato", "inviata", "corrispondente", "redacteur", "correspondent",
)  # fmt: skip
"""Roles printed after a name ("Jane Doe, Staff Writer"): removed from names."""

STAFF_WORDS: tuple[str, ...] = (
    "staff", "newsroom", "news desk", "desk", "team", "editors", "editorial", "redaktion",
    "rédaction", "redacción", "redazione", "redactie", "agencies", "agency", "agences",
    "agenturen", "news service", "wire", "wires", "web desk", "online", "digital",
)  # fmt: skip
"""Words that make an author line name a newsroom, not a person ("By VOA News Staff")."""

NOT_NAMES: frozenset[str] = frozenset(
    {
        "updated", "published", "share", "comments", "comment", "home", "news", "more",
        "read", "follow", "subscribe", "login", "menu", "search", "advertisement",
        "print", "email", "close", "about", "contact", "photo", "video", "image", "source",
        "getty images", "shutterstock", "admin", "administrator", "guest", "anonymous",
        "unknown", "editor", "redaktion", "the", "this", "that", "our", "your", "view",
        "archive", "author", "authors", "profile", "all", "posts", "articles", "sign",
        "log", "in", "up", "watch", "listen", "live", "min", "minutes", "others", "via",
    }
)  # fmt: skip
"""Words that are never a person's name alone (case-insensitive)."""

OUTLET_WORDS: tuple[str, ...] = (
    "times", "post", "news", "report", "today", "journal", "daily", "herald", "tribune",
    "press", "magazine", "media", "network", "tv", "radio", "gazette", "observer",
    "guardian", "telegraph", "mail", "express", "chronicle", "review", "insider", "wire",
    "street", "zeitung", "nachrichten", "rundschau", "allgemeine", "tagblatt", "kurier",
    "journal", "presse", "le monde", "el país", "corriere", "gazzetta", "dagblad",
    "avis", "tidende", "fox", "cnn", "bbc", "abc", "cbs", "nbc", "espn", "reuters",
)  # fmt: skip
"""Words of outlets' names: an author line's part holding one names an outlet, not a person
("By Jane Doe, Financial Times")."""

CREDIT_MARKERS: tuple[str, ...] = (
    "via", "source", "sources", "quelle", "quellen", "fuente", "fuentes", "fonte", "fonti",
    "source :", "credit", "mit material von", "mit material der", "with", "avec", "con",
    "com", "met", "mit", "from", "additional reporting from", "additional reporting by",
)  # fmt: skip
"""Words before an agency's name on a credit line ("Source: AFP", "mit Material von dpa");
`wires` reads them only on a credit line or a short last paragraph, never in the text."""

CONTRIBUTED: tuple[str, ...] = (
    "contributed to this report", "contributed to this story", "contributed reporting",
    "contributed to this article", "writers", "writer", "reporter", "reporters",
)  # fmt: skip
"""What follows an agency's name where it contributed to the story ("Reuters contributed to
this report", "Associated Press writer Jane Doe contributed")."""

PICTURE_WORDS: tuple[str, ...] = (
    "photo", "photos", "foto", "fotos", "bild", "bilder", "image", "images", "picture",
    "pictures", "pic", "getty", "imago", "keystone", "video", "grafik", "graphic", "map",
    "illustration", "file", "archive", "archiv", "afp photo", "ap photo", "via getty",
    "pool", "epa", "sipa",
)  # fmt: skip
"""Words of picture credits: an agency named with them credits a picture, not the story."""

LEAD_INS: frozenset[str] = frozenset(
    {
        "update", "updated", "updates", "breaking", "breaking news", "exclusive", "watch",
        "live", "opinion", "analysis", "editor's note", "editors note", "note", "photos",
        "video", "file", "close", "correction", "spoiler", "warning", "listen", "read",
        "podcast", "review", "interview", "commentary", "sponsored", "advertisement",
        "new", "news", "just in", "developing", "explainer", "fact check", "essay",
        "column", "letters", "editorial", "feature", "part", "chapter", "faq", "tl;dr",
    }
)  # fmt: skip
"""Capitalized words that open a paragraph as a dateline's place does, but are no place."""

SELF_DESCRIPTIONS: tuple[str, ...] = (
    r"(?P<name>.{2,60}?) is an? (?:(?:independent|online|digital|daily|weekly|local|"
    r"national|international|global|leading|award-winning|nonprofit|non-profit|free)\s+)*"
    r"(?:news|media|newspaper|magazine|publication|outlet|website|site|portal|"
    r"broadcaster|news outlet|news site|news website|news agency|news organization)\b",
    r"(?:notifications|updates|newsletters?|alerts) from (?P<name>.{2,60}?)\s*$",
    r"^(?P<name>[^|·•]{2,60}?) logo$",
    r"^(?:about|über|à propos de|acerca de|chi siamo) (?P<name>.{2,60}?)$",
)  # fmt: skip
"""Patterns of what a site says of itself (regular expressions, each with a group `name`
for the outlet's name): "Main News is an online news outlet", "notifications from The
Independent", "VOA logo"."""

NOT_OUTLETS: frozenset[str] = frozenset(
    {
        "facebook", "twitter", "x", "instagram", "youtube", "linkedin", "whatsapp",
        "pinterest", "tiktok", "google", "google news", "apple", "apple news", "rss",
        "email", "e-mail", "reddit", "telegram", "flipboard", "snapchat", "threads",
        "bluesky", "mastodon", "spotify", "apple podcasts", "amazon", "the page", "site",
        "company", "our", "us", "the",
    }
)  # fmt: skip
"""Names a page prints as it prints its own ("Twitter logo", "About us") that are no
outlet of the page (lower case)."""

HEADER_BEFORE = 6
HEADER_AFTER = 6
"""The lines around the headline where its byline stands: 6 above it (the cleaner may take a
line under the byline for the headline) to 6 below (or down to the body's first paragraph).
``benchmarks/facts_bench.py --sweep`` measures other bounds: authors from text are right on
0.579, 0.605, 0.620, 0.620, 0.623, 0.629 of the pages with 2, 4, 6, 8, 10, 15 lines above."""

FARTHEST = 100
"""A date printed farther than this many lines from the headline is not read as the page's
date (the nearest one is then another story's, or a comment's). ``benchmarks/facts_bench.py
--sweep`` measures other bounds."""

DATELINE_CHARS = 90
"""The longest line read as a line of the page's date (the cleaner's dateline shape has the
same bound). Measured on the metadata benchmark: the date nearest the headline on lines of
at most 60, 90, 120 or 150 characters is right on 0.924, 0.939, 0.937, 0.935 of the pages
that print their date."""
