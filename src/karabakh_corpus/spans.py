"""Spans of a text, the categories of a page's lines, and the regions the cleaner labels.

`karabakh_corpus.schema` is the home of these types and re-exports them: import them from
there. A `Region` says which rule matched its line (`rule`, or None) and what decided its
category (`reason`, one of `REASON_MEANINGS`). The cleaner gives, and the data files
store, one string for both (`Region.stored_rule`, such as ``"after-related-heading"``);
`split_rule` reads it and `join_rule` writes it, and each undoes the other.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, Final

import attrs

from karabakh_corpus._checks import read_only
from karabakh_corpus.errors import DataFormatError

__all__ = [
    "ARTICLE",
    "CATEGORY_MEANINGS",
    "REASON_MEANINGS",
    "STORED_IN",
    "STRIPPED",
    "Category",
    "Region",
    "Span",
    "join_rule",
    "split_rule",
]


class Category(str, enum.Enum):
    """What a region (one line) of a scraped page is; `description` says what it means.

    The first three are the article; every other category is text that the cleaner strips.
    """

    TITLE = "title"
    SUMMARY = "summary"
    PARAGRAPH = "paragraph"
    ADVERTISEMENT = "advertisement"
    DONATION_APPEAL = "donation_appeal"
    NEWSLETTER_PROMPT = "newsletter_prompt"
    LOGIN_PROMPT = "login_prompt"
    NAVIGATION = "navigation"
    RELATED_STORIES = "related_stories"
    COMMENT_PROMPT = "comment_prompt"
    SHARE_PROMPT = "share_prompt"
    COOKIE_NOTICE = "cookie_notice"
    SITE_DESCRIPTION = "site_description"
    LEGAL_NOTICE = "legal_notice"
    CAPTION = "caption"
    BYLINE = "byline"
    DATELINE = "dateline"
    CREDIT_LINE = "credit_line"
    BOILERPLATE = "boilerplate"

    @property
    def description(self) -> str:
        """What the category means (the release manifest records it, see the README)."""
        return CATEGORY_MEANINGS[self]

    @property
    def stripped(self) -> bool:
        """True for the categories that are not part of the article."""
        return self not in ARTICLE


CATEGORY_MEANINGS: Mapping[Category, str] = {
    Category.TITLE: "the headline",
    Category.SUMMARY: "the standfirst: the sentence under the headline that sums the story up",
    Category.PARAGRAPH: "a paragraph (or subheading) of the body",
    Category.ADVERTISEMENT: "advertisements and their labels",
    Category.DONATION_APPEAL: "requests for donations, memberships or support",
    Category.NEWSLETTER_PROMPT: "invitations to newsletters, alerts or browser notifications",
    Category.LOGIN_PROMPT: "sign-in, registration or subscription walls and their messages",
    Category.NAVIGATION: "menus, breadcrumbs, section and tag labels, skip links, footer links",
    Category.RELATED_STORIES: "lists of related, latest, popular or recommended stories",
    Category.COMMENT_PROMPT: "invitations to comment, comment forms and comment furniture",
    Category.SHARE_PROMPT: "share and follow buttons, social-media prompts",
    Category.COOKIE_NOTICE: "cookie and privacy consent notices",
    Category.SITE_DESCRIPTION: "what the site (or its publisher or author box) says about itself",
    Category.LEGAL_NOTICE: "copyright, DMCA, terms of use and privacy-policy lines",
    Category.CAPTION: "image, video or map captions, alternative texts, photo credits, logos",
    Category.BYLINE: "the author line",
    Category.DATELINE: "the publication or update date and time of the page",
    Category.CREDIT_LINE: "attribution of the story to a wire or another outlet",
    Category.BOILERPLATE: "other text around the article that no other category describes",
}
"""The meaning of each category: changing one is a MAJOR release (see the README)."""
CATEGORY_MEANINGS = read_only(CATEGORY_MEANINGS)

ARTICLE = frozenset({Category.TITLE, Category.SUMMARY, Category.PARAGRAPH})
"""The categories of the article's own regions."""
STRIPPED = frozenset(set(Category) - ARTICLE)
"""The categories of stripped regions."""


def _check_bounds(instance: Span, attribute: attrs.Attribute[Any], value: int) -> None:
    if type(value) is not int or value < 0:
        raise DataFormatError(f"{attribute.name} must be a non-negative int, not {value!r}")


@attrs.frozen
class Span:
    """A half-open range ``[start, end)`` of a text, with the text it covers."""

    start: int = attrs.field(validator=_check_bounds)
    end: int = attrs.field(validator=_check_bounds)
    text: str = attrs.field(validator=attrs.validators.instance_of(str))

    def __attrs_post_init__(self) -> None:
        if self.end - self.start != len(self.text):
            raise DataFormatError(
                f"span [{self.start}, {self.end}) has {self.end - self.start} characters "
                f"but its text {self.text!r} has {len(self.text)}"
            )

    def check(self, text: str) -> None:
        """Raise `DataFormatError` unless ``text[start:end] == self.text``."""
        if text[self.start : self.end] != self.text:
            raise DataFormatError(
                f"span [{self.start}, {self.end}) should cover {self.text!r} "
                f"but covers {text[self.start : self.end]!r}"
            )


RULE: Final = "rule"
AFTER_HEADING: Final = "after-heading"
BETWEEN_BLOCK: Final = "between-block"
MARKUP_REGION: Final = "markup-region"
REASON_MEANINGS: Mapping[str, str] = {
    RULE: "a rule of the table matched the line (`rule` names it)",
    AFTER_HEADING: "the line follows a line that a heading rule matched (`rule` names it) "
    "and takes its category, up to running text",
    BETWEEN_BLOCK: "the line lies between two lines of one block category (a donation "
    "appeal, a newsletter prompt...) and joins the block; `rule` names the rule of the "
    "line above",
    MARKUP_REGION: "the line lies in a small region of an HTML page's markup that holds the "
    "page's furniture (a nav, footer or aside element, a hidden element, or the page's "
    "<title> in its head); `rule` names the kind of region and the element, as "
    "``KIND ELEMENT`` (``footer div#page>footer.site``)",
    "dateline-shape": "no rule matched, and the line is shaped like a dateline",
    "no-words": "the line holds no word",
    "caption-pair": "the line pairs with a caption next to it (an image's alternative text "
    "and its caption)",
    "headline": "the line above the body shaped like a headline, or the line that repeats "
    "the page's title",
    "standfirst": "the line between the headline and the body that reads like a standfirst",
    "standfirst-before-metadata": "the first line of the body, cut off from the rest of it "
    "by a byline, dateline, credit or caption line",
    "body-text": "running text inside the body",
    "body-heading": "a short line inside the body that leads running text (a subheading)",
    "body-low-text": "a line inside the body that does not read as running text",
    "outside-text": "running text outside the body, on a page without a headline",
    "outside-body": "a line outside the body that nothing else decided",
    "curated": "a reading of the line made by hand for the corpus, where the cleaner's was "
    "wrong (the build's curated regions say why)",
}
"""What decides a region's category (`Region.reason`), each reason with what it means.

The first three name a rule (`Region.rule`), and ``markup-region`` the element of the page's
markup that decided the line (in `Region.rule`); the others are a feature of the line or the
structure of the page, and have no rule."""
REASON_MEANINGS = read_only(REASON_MEANINGS)
_PREFIXES: Mapping[str, str] = read_only(
    {AFTER_HEADING: "after-", BETWEEN_BLOCK: "between-", MARKUP_REGION: "markup-"}
)

STORED_IN: Final = "karabakh_corpus.stored_in"
"""The metadata key of an attrs field that the records do not store on its own: its value
names the stored field that holds it (`Region.reason` is kept in the stored ``rule``)."""


def split_rule(stored: str) -> tuple[str | None, str]:
    """The rule and the reason that one stored string (`Region.stored_rule`) stands for.

    A reason without a rule stands for itself (``"body-text"``); ``"after-NAME"``,
    ``"between-NAME"`` and ``"markup-NAME"`` are the reasons ``after-heading``,
    ``between-block`` and ``markup-region`` with the rule ``NAME`` (for ``markup-region``,
    the kind of region and its element: ``"markup-nav body>nav.menu"``); any other string is the
    name of the rule that matched. So a rule whose own name is a reason, or starts with
    ``after-``, ``between-`` or ``markup-``, reads back as that reason: give rules other
    names.
    """
    if not isinstance(stored, str) or not stored:
        raise DataFormatError(f"a region's rule must be a non-empty str, not {stored!r}")
    if stored in REASON_MEANINGS and stored not in _PREFIXES and stored != RULE:
        return None, stored
    for reason, prefix in _PREFIXES.items():
        if stored.startswith(prefix) and len(stored) > len(prefix):
            return stored[len(prefix) :], reason
    return stored, RULE


def join_rule(rule: str | None, reason: str) -> str:
    """The one string that stores `rule` and `reason` (the inverse of `split_rule`)."""
    if reason == RULE:
        return str(rule)
    return reason if rule is None else _PREFIXES[reason] + rule


def _check_reason(region: Region, attribute: attrs.Attribute[Any], reason: str) -> None:
    if reason not in REASON_MEANINGS:
        raise DataFormatError(
            f"a region's reason must be one of {sorted(REASON_MEANINGS)}, not {reason!r}"
        )
    named = reason == RULE or reason in _PREFIXES
    if named != (isinstance(region.rule, str) and bool(region.rule)):
        raise DataFormatError(
            f"a region of reason {reason!r} "
            + ("needs the name of its rule" if named else f"has no rule, not {region.rule!r}")
        )


@attrs.frozen(init=False)
class Region(Span):
    """One line of a raw text with its category, the rule that matched it and the reason.

    `rule` is the name of the rule that matched the line, or of the heading or block rule
    whose block it joined, and None when no rule took part; `reason` says what decided the
    category (`REASON_MEANINGS`). ``Region(start, end, text, category=..., rule=S)`` without
    a `reason` reads `S` as a stored rule string (`split_rule`), as the cleaner gives it.
    """

    category: Category = attrs.field(converter=Category, kw_only=True)
    rule: str | None = attrs.field(kw_only=True)
    reason: str = attrs.field(kw_only=True, validator=_check_reason, metadata={STORED_IN: "rule"})

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        *,
        category: Category | str,
        rule: str | None = None,
        reason: str | None = None,
    ) -> None:
        if reason is None:
            if rule is None:
                raise DataFormatError("a region needs a rule, a reason, or both")
            rule, reason = split_rule(rule)
        self.__attrs_init__(start, end, text, category=category, rule=rule, reason=reason)

    @property
    def stored_rule(self) -> str:
        """The one string that the cleaner gives and the data files store for `rule` and
        `reason` (``"related-heading"``, ``"after-related-heading"``, ``"body-text"``)."""
        return join_rule(self.rule, self.reason)
