"""Rules for the metadata around an article: credit lines, bylines, image credits, captions
and logos.

Data of the generic table (`karabakh_corpus.cleaner.lexicon.table`); the `Rule` type and
what each of its fields means are in `karabakh_corpus.cleaner.rules`.
"""

from __future__ import annotations

from karabakh_corpus.cleaner.rules import Rule
from karabakh_corpus.schema import Category

__all__ = ["RULES"]

# The names of a byline, read once from left to right (no choice is taken back, so the time
# is linear). A name is a capital and the letters, apostrophes, periods and hyphens after it,
# then spaces; a group holds one to four names; between groups stands a connector (",", "&",
# "and", "und", "et", "y", "e", "и") that a capital follows. A connector can only shorten
# the groups, so one is taken wherever it can be, inside a word too ("JESSICA" reads "J",
# "E", "SSICA"), unless the capital after it starts a connector itself (then that one is
# taken: "Jane And Bob"; in a row of three or more capitalized connectors this can miss a
# reading that would keep every group at four names). A name also ends where a hyphen
# starts the byline's tail ("By Jane Doe-Reuters staff"), and a comma starts the tail
# rather than a group when the tail can take the rest of the line.
_CAPITAL = r"(?-i:\p{Lu})"
_LINK_WORD = r"(?:and|und|et|y|e|и)"
_CHAINED = _LINK_WORD + r"\s*+" + _CAPITAL
_TAKEN = r"\s*+(?=" + _CAPITAL + r")(?!" + _CHAINED + r")"
_NAME = _CAPITAL + r"(?:(?!" + _LINK_WORD + _TAKEN + r"|-\s*+.{0,60}+\Z)[\p{L}'’.-])*+\s*+"
_GROUP = r"(?>" + _NAME + r"(?:(?!(?:,|&|" + _LINK_WORD + r")" + _TAKEN + r")" + _NAME + r"){0,3})"
_BETWEEN = r"(?>(?:,(?!\s*+.{0,60}+\Z)|&|" + _LINK_WORD + r")\s*+(?=" + _CAPITAL + r"))"
_NAMES = _GROUP + r"(?:" + _BETWEEN + _GROUP + r")*+"

RULES: tuple[Rule, ...] = (
    Rule(
        "credit-line",
        Category.CREDIT_LINE,
        r"(?:via|source|credit|courtesy(?: of)?|by)\s*+:?\s*+(?:the )?(?:ap|associated press|afp"
        r"|agence france-presse|reuters|dpa|anadolu(?: agency)?|tass|interfax|xinhua|efe|upi|ani"
        r"|pti|ians|\S+\.(?:com|net|org|co\.uk|am|az|ru))(?: news ?wire| news agency"
        r"| wire service)?(?:\s*[/|–—-].{0,60})?",
        max_words=14,
        triggers=["via", "source", "credit", "courtesy", "by"],
        examples_drop=(
            "Via AP news wire",
            "By The Associated Press",
            "Credit: www.independent.co.uk / Nagorno-Karabakh",
            "Courtesy of Reuters",
            "Source: AFP",
        ),
        examples_keep=(
            "From Reuters to the smallest local radio station, every outlet carried the story.",
            "Via Reuters, the ministry said, the message reached Baku within the hour.",
        ),
    ),
    Rule(
        "byline-label",
        Category.BYLINE,
        r"(?:by|written by|posted by|author|authors|von|par|por|от|автор)\s*:?",
        heading=True,
        max_words=3,
        triggers=[
            "by",
            "written",
            "posted",
            "author",
            "authors",
            "von",
            "par",
            "por",
            "от",
            "автор",
        ],
        examples_drop=(
            "By",
            "Author:",
            "Authors:",
            "Par",
            "Por",
            "Von",
            "Автор:",
            "От",
        ),
        examples_keep=("By then, the ceasefire had already collapsed in several districts.",),
    ),
    Rule(
        "byline",
        Category.BYLINE,
        r"(?:by|von|par|por|di|от|posted by|written by|words by|author:?|story by|reporting by)"
        r"\s*+:?\s*+" + _NAMES + r"(?:[-|,–—]\s*+.{0,60})?",
        max_words=14,
        triggers=[
            "by",
            "von",
            "par",
            "por",
            "di",
            "от",
            "posted",
            "written",
            "words",
            "author",
            "story",
            "reporting",
        ],
        examples_drop=(
            "By Jamelle Bouie",
            "by Mahmmod Shar",
            "By Heather Murdock",
            "Von Anna Schmidt",
            "Par Jean Dupont",
            "Por María García",
            "Di Marco Rossi",
            "От Ивана Петрова",
            "Posted by Jane Doe",
            "Written by Jane Doe",
            "Words by Jane Doe",
            "Author: Jane Doe",
            "Story by Jane Doe",
            "Reporting by Jane Doe",
        ),
        examples_keep=(
            "By Friday the talks had stalled, and diplomats from both sides left Brussels.",
        ),
    ),
    Rule(
        "image-credit",
        Category.CAPTION,
        r"(?:\((?:image|photo|picture|foto|credit|source|pic)s?:[^)]*\)|\b(?:photo|image|picture"
        r"|foto|credit|illustration)s?(?: credit)?\s*:|\Avideos?(?: credit)?\s*:"
        r"|\b(?:image|photo|picture) (?:copyright|credit|source)\b|getty images|\bap photo\b"
        r"|shutterstock|/\s*(?:afp|reuters|ap|epa|getty)\b|\((?:afp|reuters|ap|epa|getty|sputnik)"
        r"(?: photo)?\)\Z|credit\.\.\.)",
        whole=False,
        max_words=60,
        triggers=[
            "image",
            "images",
            "photo",
            "photos",
            "picture",
            "pictures",
            "foto",
            "fotos",
            "credit",
            "credits",
            "source",
            "pic",
            "pics",
            "video",
            "videos",
            "illustration",
            "illustrations",
            "copyright",
            "getty",
            "ap",
            "shutterstock",
            "afp",
            "reuters",
            "epa",
            "sputnik",
        ],
        examples_drop=(
            "Protesters do not want Hong Kong to lose its autonomy (Image: getty )",
            "Armenia Azerbaijan Talks (Sputnik)",
            "The ministers met in Tbilisi. Photo: Reuters",
            "Talks in Sochi / AFP",
            "Leaders at the summit (AP)",
            "Credit: Example Agency",
            "Credits: Example Agency",
            "The ministers in Brussels / EPA",
            "Foto: Example Agentur",
            "Fotos: Example Agentur",
            "The talks in Sochi (Getty)",
            "Illustration: Jane Doe",
            "Illustrations: Jane Doe",
            "Image: Jane Doe",
            "Images: Jane Doe",
            "Photo: Jane Doe",
            "Photos: Jane Doe",
            "(Pic: Jane Doe)",
            "(Pics: Jane Doe)",
            "Picture: Jane Doe",
            "Pictures: Jane Doe",
            "The ministers in Brussels / Reuters",
            "Jane Doe/Shutterstock",
            "(Source: Example Agency)",
            "Video: Jane Doe",
            "Videos: Jane Doe",
        ),
        examples_keep=(
            "The idea fits any message, all you need is a grid. Check out the video:",
            "The photographs, taken by a local resident, were published by Reuters on Sunday.",
        ),
    ),
    Rule(
        "caption-label",
        Category.CAPTION,
        r"(?:(?:image|media|photo|video) caption|caption|(?:map|chart|graphic|infographic|video"
        r"|gallery|photos?|image|watch)(?: of| showing|:))\b.*|(?:click (?:here )?to )?enlarge"
        r"(?: this)?(?: image| photo| picture)?",
        max_words=40,
        triggers=[
            "enlarge",
            "image",
            "media",
            "photo",
            "video",
            "caption",
            "map",
            "chart",
            "graphic",
            "infographic",
            "gallery",
            "photos",
            "watch",
        ],
        examples_drop=(
            "Enlarge this image",
            "Click to enlarge",
            "Map of Armenia and Azerbaijan",
            "Image caption Scooter Braun has managed Justin Bieber, among others",
            "Caption: Leaders meet in Sochi",
            "Chart showing the line of contact",
            "Gallery of the talks in Sochi",
            "Graphic showing the route of the Lachin corridor",
            "Image of the ministers after the talks",
            "Infographic showing the points of the agreement",
            "Photo of the ministers in Sochi",
            "Photos of the summit in Sochi",
            "Video of the leaders after the talks",
        ),
        examples_keep=(
            "Map makers in Baku said the new border line had not yet been agreed with Yerevan.",
        ),
    ),
    Rule(
        "logo",
        Category.CAPTION,
        r"\S.{0,40}\s(?:logo|icon)|(?:logo|icon)",
        max_words=6,
        triggers=["logo", "icon"],
        examples_drop=(
            "VOA logo",
            "Facebook icon",
        ),
        examples_keep=("The new logo of the ministry was unveiled in Baku on Monday.",),
    ),
)
"""These rules, in the order the generic table tries them."""
