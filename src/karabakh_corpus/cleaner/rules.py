"""The boilerplate lexicon: one table of named rules, each with its category and examples.

A line (whitespace-normalized) is removed by the first rule of the table that matches it: a
rule matches when its pattern does and the line has at most `max_words` words. ``whole``
rules must match the entire line; the others may match anywhere in it. A ``heading`` rule
also opens a block: the short lines after it take its category until a line of running text
ends the block. A ``barrier`` rule marks furniture that closes an article (comment forms,
related lists, footers): the body does not run across such a line unless much more text lies
beyond it. Patterns use the syntax of the `regex` module and are matched case-insensitively.

A rule can name `triggers`: lower-case words (or characters that are not word characters,
such as "©") of which a line must hold at least one for the rule to be tried at all, so
that most lines are never matched against most patterns. List every word without which
the pattern cannot match; a rule without triggers is tried on every line short enough.

Every rule carries lines it must remove (`examples_drop`) and lines it must leave alone
(`examples_keep`); the test suite runs each of them through the cleaner.

A pattern must take time linear in the line whatever the line holds: where a repeated part
could give back what the next part takes, make it possessive (``*+``, ``++``) or atomic
(``(?>...)``). The test suite times every pattern of the table on adversarial strings built
from it (long runs of what it repeats, then a character that makes it fail).

Site profiles are extra rules for one outlet, applied on top of the generic ones only when
the caller names the profile.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

import attrs
import regex

from karabakh_corpus.cleaner import features as _features
from karabakh_corpus.schema import Category

__all__ = ["GENERIC_RULES", "PROFILES", "Rule", "RuleIndex"]

_C = Category


def _nonempty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value:
        raise ValueError(f"rule {attribute.name} must be a non-empty str, not {value!r}")


def _words(words: Iterable[str]) -> frozenset[str]:
    if isinstance(words, str):
        raise TypeError("triggers must be a collection of words, not one str")
    return frozenset(words)


def _lines(lines: Iterable[str]) -> tuple[str, ...]:
    if isinstance(lines, str):
        raise TypeError("examples must be a collection of lines, not one str")
    return tuple(lines)


@attrs.frozen
class Rule:
    """One boilerplate pattern: a name, the category it removes text as, and its pattern."""

    name: str = attrs.field(validator=_nonempty)
    category: Category = attrs.field(converter=Category)
    pattern: str = attrs.field(validator=_nonempty)
    whole: bool = True
    heading: bool = False
    barrier: bool = False
    max_words: int = 12
    triggers: frozenset[str] = attrs.field(default=frozenset(), converter=_words)
    examples_drop: tuple[str, ...] = attrs.field(default=(), converter=_lines)
    examples_keep: tuple[str, ...] = attrs.field(default=(), converter=_lines)

    def __attrs_post_init__(self) -> None:
        if not self.category.stripped:
            raise ValueError(
                f"rule {self.name!r}: a rule removes text, but {self.category.value!r} is an "
                "article category"
            )
        if not isinstance(self.max_words, int) or self.max_words < 1:
            raise ValueError(f"rule {self.name!r}: max_words must be a positive int")

    def compile(self) -> regex.Pattern[str]:
        """The compiled pattern; raises ValueError naming the rule when it is not valid."""
        try:
            return regex.compile(self.pattern, regex.IGNORECASE | regex.DOTALL)
        except regex.error as exc:
            raise ValueError(f"rule {self.name!r}: bad pattern: {exc}") from exc


class RuleIndex:
    """A rule table compiled once, and indexed by its triggers (what `Cleaner` matches with).

    A line is matched by the first rule, in table order, that allows its number of words and
    whose pattern matches it (the whole line, or anywhere in it). Rules are only tried on a
    line that holds one of their triggers; an index from trigger to rules finds them.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules = list(rules)
        self._patterns = [rule.compile() for rule in rules]  # a bad pattern fails here
        self._limit = max((r.max_words for r in rules), default=0)
        self._always: list[int] = []
        self._by_word: dict[str, list[int]] = {}
        by_char: dict[str, list[int]] = {}
        for k, rule in enumerate(rules):
            if not rule.triggers:
                self._always.append(k)
            for trigger in rule.triggers:
                table = self._by_word if _features.is_word(trigger) else by_char
                table.setdefault(trigger.lower(), []).append(k)
        self._words = frozenset(self._by_word)
        self._chars = sorted(by_char.items())

    @property
    def limit(self) -> int:
        """The most words a line can hold for some rule to match it."""
        return self._limit

    def match(self, line: str, words: int, tokens: Sequence[str]) -> Rule | None:
        """The rule that removes `line` (of `words` words, lower-case `tokens`), or None."""
        if words > self._limit:
            return None
        candidates = set(self._always)
        by_word = self._by_word
        for token in self._words.intersection(tokens):
            candidates.update(by_word[token])
        for char, ks in self._chars:
            if char in line:
                candidates.update(ks)
        for k in sorted(candidates):
            rule = self._rules[k]
            if words > rule.max_words:
                continue
            pattern = self._patterns[k]
            if (pattern.fullmatch(line) if rule.whole else pattern.search(line)) is not None:
                return rule
        return None


# Separators around a label; possessive (no label starts with one), so never tried twice.
_DASH = r"[-–—•·*|:>»\s]*+"

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

GENERIC_RULES: tuple[Rule, ...] = (
    Rule(
        "ad-label",
        _C.ADVERTISEMENT,
        _DASH + r"(?:advertisement|advertisment|advertising|advert|ad"
        r"|sponsored(?: content| links?| stories)?|paid (?:content|post|partner content)"
        r"|promoted(?: content| stories)?|supported by"
        r"|anzeige|werbung|publicité|publicidad|pubblicità|publicidade|advertentie"
        r"|reklama|реклама|рекламa|广告|廣告|広告|광고|إعلان|reklam)" + _DASH,
        triggers=[
            "advertisement",
            "advertisment",
            "advertising",
            "advert",
            "ad",
            "sponsored",
            "paid",
            "promoted",
            "supported",
            "anzeige",
            "werbung",
            "publicité",
            "publicidad",
            "pubblicità",
            "publicidade",
            "advertentie",
            "reklama",
            "реклама",
            "рекламa",
            "广告",
            "廣告",
            "広告",
            "광고",
            "إعلان",
            "reklam",
        ],
        examples_drop=(
            "- Advertisement -",
            "ADVERTISEMENT",
            "Advertisment",
            "Sponsored links",
            "Anzeige",
            "Ad",
            "- Advert -",
            "Advertising",
            "Paid content",
            "Promoted stories",
            "Supported by",
            "WERBUNG",
            "Publicité",
            "Publicidad",
            "Pubblicità",
            "Publicidade",
            "Advertentie",
            "Reklama",
            "Реклама",
            "\u0420\u0435\u043a\u043b\u0430\u043ca",  # Cyrillic with a Latin final "a"
            "广告",
            "廣告",
            "広告",
            "광고",
            "إعلان",
            "Reklam",
        ),
        examples_keep=(
            "The advertisement was pulled after complaints from viewers across the country.",
        ),
    ),
    Rule(
        "ad-continue",
        _C.ADVERTISEMENT,
        r"(?:continue reading(?: the main story| below)?|(?:story|article) continues(?: below)?"
        r"(?: advertisement)?|continue (?:reading )?(?:the )?(?:article|story)(?: below)?"
        r"|scroll (?:down )?to continue(?: reading)?)" + _DASH,
        triggers=["continue", "continues", "scroll"],
        examples_drop=(
            "Continue reading the main story",
            "Story continues below advertisement",
            "Scroll to continue reading",
            "Article continues",
            "Continue article",
        ),
        examples_keep=("Continue reading, she told the class, and the meaning will come.",),
    ),
    Rule(
        "donation-ask",
        _C.DONATION_APPEAL,
        r"\b(?:your (?:support|donation|contribution|gift)s? (?:helps?|makes?|allows?|keeps?|will"
        r"|enables?|means?)|please (?:consider )?(?:donating|donate"
        r"|making a (?:donation|contribution))|(?:donate|make a donation|make a contribution"
        r"|become a (?:member|supporter|patron|subscriber))(?: today| now| here| to us|\W*\Z)"
        r"|support (?:our|independent|quality) journalism|support us)\b",
        whole=False,
        max_words=40,
        triggers=[
            "support",
            "donation",
            "donations",
            "contribution",
            "contributions",
            "gift",
            "gifts",
            "donate",
            "donating",
            "member",
            "supporter",
            "patron",
            "subscriber",
        ],
        examples_drop=(
            "Your support helps us to tell the story",
            "Your support makes all the difference.",
            "Please consider making a donation: become a member today.",
            "Your donation allows us to keep sending journalists to speak to both sides.",
            "Your contribution helps us keep reporting from the region.",
            "Your contributions make our reporting possible.",
            "Donate today",
            "Please consider donating",
            "Please consider making a donation",
            "Your donations will keep us independent.",
            "Your gift will help us report from the front line.",
            "Your gifts keep our reporters in the field.",
            "Become a member today",
            "Become a patron today",
            "Become a subscriber today",
            "Become a supporter today",
        ),
        examples_keep=(
            "The charity said it would donate 2 million dollars to flood victims in the region.",
        ),
    ),
    Rule(
        "paywall-pitch",
        _C.DONATION_APPEAL,
        # The first "paywall" (or "afford") leaves the most room after it: commit to it.
        r"\A(?>.*?\bpaywalls?\b).*\b(?:afford|support)\b"
        r"|\A(?>.*?\b(?:afford|support)\b).*\bpaywalls?\b",
        whole=False,
        max_words=80,
        triggers=["paywall", "paywalls"],
        examples_drop=(
            "We choose not to lock readers out with paywalls, paid for by those who can afford it.",
            "We have no paywall because readers like you support us.",
        ),
        examples_keep=(
            "The newspaper introduced a paywall in 2011 and lost a third of its traffic.",
        ),
    ),
    Rule(
        "newsletter",
        _C.NEWSLETTER_PROMPT,
        r"\b(?:(?:our|free|daily|weekly|email|e-mail) newsletters?|newsletters? (?:sign.?up"
        r"|subscription)|sign up (?:for|to)|subscribe (?:to|for) (?:our|the|free)|(?:in|to) your "
        r"inbox|notifications? from|(?:push|browser|breaking news|news) (?:notifications|alerts)"
        r"|notifications can be|(?:turn on|enable|allow) notifications|get (?:the|our|all) "
        r"(?:daily|weekly|latest) (?:news|newsletter|headlines|updates|content)|newsletters?\W*\Z)",
        whole=False,
        max_words=16,
        barrier=True,
        triggers=[
            "newsletter",
            "newsletters",
            "sign",
            "subscribe",
            "inbox",
            "notification",
            "notifications",
            "alerts",
            "daily",
            "weekly",
            "latest",
        ],
        examples_drop=(
            "Stay up to date with notifications from The\u00a0Independent",
            "Notifications can be managed in browser preferences.",
            "Stay on top - Get the daily news in your inbox",
            "Sign up for our newsletter",
            "Newsletter",
            "Get all latest content delivered straight to your inbox.",
            "Breaking news alerts",
            "Daily newsletter",
            "Delivered to your inbox",
            "Weekly newsletter",
            "Get the latest headlines",
            "Newsletters",
            "Turn on notifications",
            "Newsletter subscription",
            "Sign up for updates",
            "Subscribe to our free briefing",
            "Get the daily news",
            "Get our weekly headlines",
            "Get a notification from Example News",
        ),
        examples_keep=(
            "The company said the newsletter service had been hacked last year.",
            "Officials said notifications of troop movements had been sent to both sides.",
        ),
    ),
    Rule(
        "login-message",
        _C.LOGIN_PROMPT,
        r"\b(?:logged in|log ?in to|sign ?in to|create (?:an?|your) (?:free )?account"
        r"|forgot (?:your )?password|already (?:a subscriber|have an account|registered)"
        r"|thank you for (?:registering|subscribing|signing up)|subscribers? only"
        r"|subscribe to (?:continue|read|unlock))\b",
        whole=False,
        max_words=40,
        barrier=True,
        triggers=[
            "logged",
            "log",
            "login",
            "sign",
            "signin",
            "create",
            "forgot",
            "already",
            "thank",
            "subscriber",
            "subscribers",
            "subscribe",
        ],
        examples_drop=(
            "Thank you for registering",
            "Please refresh the page or navigate to another page on the site to be "
            "automatically logged inPlease refresh your browser to be logged in",
            "Create a free account to read the rest of this story",
            "Already a subscriber?",
            "Create an account to continue",
            "Forgot your password?",
            "Log in to continue reading",
            "You are logged in",
            "Login to continue reading",
            "Sign in to comment",
            "Signin to continue",
            "Subscribe to continue reading",
            "Subscribers only",
            "Subscriber only",
            "Already registered?",
        ),
        examples_keep=(
            "Voters had until Friday to register, and turnout among young voters was higher "
            "than at any election since the turn of the century.",
        ),
    ),
    Rule(
        "login",
        _C.LOGIN_PROMPT,
        r"\b(?:log ?in|log ?out|sign ?in|sign ?out|sign up|register|registering|logged in"
        r"|my account|subscribe|subscriber|subscription)\b",
        whole=False,
        max_words=6,
        barrier=True,
        triggers=[
            "log",
            "login",
            "logout",
            "sign",
            "signin",
            "signout",
            "up",
            "register",
            "registering",
            "logged",
            "account",
            "subscribe",
            "subscriber",
            "subscription",
        ],
        examples_drop=(
            "Log In",
            "Subscribe",
            "Sign in | Register",
            "My account",
            "Log out",
            "Logged in",
            "Login",
            "Logout",
            "Register",
            "Registering",
            "Sign up",
            "Sign in",
            "Signin",
            "Sign out",
            "Signout",
            "Subscriber",
            "Subscription",
        ),
        examples_keep=("Pashinyan said Armenia would register its objection.",),
    ),
    Rule(
        "related-heading",
        _C.RELATED_STORIES,
        _DASH + r"(?:related(?: [\w&'\u2019]+){0,5}|if you (?:enjoyed|liked) this (?:article"
        r"|post|story)\W+you (?:may|might|will) (?:also )?(?:like|enjoy)"
        r"|liked this (?:post|article)\??|we recommend|from around the web|posts related to \S.*"
        r"|recent (?:articles|stories|posts|news)|latest(?: news| stories| articles| headlines)?"
        r"|more (?:stories|news|from|in|on|articles|like this|to read)\b.*"
        r"|more\b.{0,40}\bheadlines|other (?:stories|news|articles)\b.*|previously on \S.*"
        r"|(?:most )?(?:read|popular|viewed|shared)(?: now| today| stories| articles)?"
        r"|most (?:read|popular|viewed|shared)\b.*|top stories|trending(?: now| stories)?"
        r"|(?:you )?(?:may|might) (?:also )?(?:like|enjoy|be interested in)"
        r"|recommended(?: for you| stories| articles)?|read (?:more|next|also)|see (?:more|also)"
        r"|what to read next|don'?t miss|editor'?s picks?|also read|also on \S++"
        r"|weitere artikel|mehr zum thema|lesen sie auch|à lire aussi|lire aussi|sur le même sujet"
        r"|noticias relacionadas|(?:también )?te puede interesar|leia também|leggi anche"
        r"|ver también|(?:você )?(?:também )?(?:pode|poderá) gostar(?: também)?|veja também"
        r"|vous aimerez (?:peut-être )?aussi|à voir aussi|das könnte sie auch interessieren"
        r"|auch interessant|(?:ti )?potrebbe (?:interessarti|anche interessarti)|lees ook"
        r"|вам может понравиться|по теме"
        r"|читайте также|похожие статьи|関連記事|人気記事|相关文章|相關文章|관련 기사)" + _DASH,
        heading=True,
        barrier=True,
        triggers=[
            "liked",
            "around",
            "recommend",
            "other",
            "previously",
            "related",
            "recent",
            "latest",
            "more",
            "read",
            "popular",
            "viewed",
            "shared",
            "most",
            "top",
            "trending",
            "may",
            "might",
            "like",
            "enjoy",
            "recommended",
            "see",
            "next",
            "also",
            "what",
            "don",
            "dont",
            "miss",
            "editor",
            "editors",
            "picks",
            "weitere",
            "mehr",
            "lesen",
            "lire",
            "sur",
            "noticias",
            "te",
            "leia",
            "leggi",
            "ver",
            "também",
            "você",
            "pode",
            "poderá",
            "gostar",
            "veja",
            "vous",
            "à",
            "das",
            "auch",
            "ti",
            "potrebbe",
            "lees",
            "вам",
            "по",
            "читайте",
            "похожие",
            "関連記事",
            "人気記事",
            "相关文章",
            "相關文章",
            "관련",
        ],
        examples_drop=(
            "We recommend",
            "From around the web",
            "Posts related to Talks resume in Tbilisi",
            "If you enjoyed this article, you may also like:",
            "Liked this post?",
            "Related Recipes & Stories:",
            "Other stories from this category that may interest you",
            "Other news in World",
            "Previously on Example News",
            "More Caucasus headlines \u00bb",
            "Related Stories",
            "Related posts worth a look",
            "Related Articles From The Archive",
            "Recent Articles",
            "Latest News",
            "DON'T MISS",
            "Você pode gostar",
            "Vous aimerez aussi",
            "Das könnte Sie auch interessieren",
            "Вам может понравиться",
            "Trending",
            "Popular",
            "Recommended",
            "Top stories",
            "Editor's pick",
            "Editors pick",
            "Weitere Artikel",
            "Mehr zum Thema",
            "Auch interessant",
            "Lire aussi",
            "Sur le même sujet",
            "Noticias relacionadas",
            "Te puede interesar",
            "Leggi anche",
            "Ver también",
            "Lees ook",
            "По теме",
            "Читайте также",
            "Похожие статьи",
            "関連記事",
            "人気記事",
            "相关文章",
            "相關文章",
            "관련 기사",
            "À voir aussi",
            "Potrebbe interessarti",
        ),
        examples_keep=(
            "We recommend that both sides return to the table, the mediators said.",
            "Related research published last year found the same effect in older patients.",
            "Related articles were published in both capitals.",
        ),
    ),
    Rule(
        "related-teaser",
        _C.RELATED_STORIES,
        r"(?:read more|see more|read also|also read|related|see also|watch|listen)\s*[:|»›>-].*",
        max_words=25,
        triggers=["read", "see", "related", "watch", "listen", "also"],
        examples_drop=(
            "SEE MORE: Hong Kong protests: 800 students under siege in university",
            "Also read: Talks in Sochi end without a deal",
            "Listen: The peace talks explained",
            "Read more: What the agreement says",
            "Related: Leaders meet in Brussels",
            "Watch: The leaders after the talks",
        ),
        examples_keep=("Read more carefully, the report suggests the opposite conclusion.",),
    ),
    Rule(
        "comment",
        _C.COMMENT_PROMPT,
        _DASH + r"(?:leave a (?:comment|reply)|comments?|\d+ comments?|add (?:a )?comment"
        r"|post a comment|join the (?:discussion|conversation)|show comments|view comments"
        r"|comment on this (?:story|article)|(?:article|reader'?s?'?) comments(?: \(\d+\))?"
        r"|add new comment|sound off(?: \(\d+ responses?\))?"
        r"|\{\s*+\d+ comments?(?:\u2026|\.\.\.)? (?:read them below or )?add one(?: now)?\s*+\}"
        r"|comment viewing options|do you have comments on this (?:story|article)\??"
        r"|talkback(?: here)?|kommentare|commentaires|coment[aá]rios|комментарии)" + _DASH,
        heading=True,
        barrier=True,
        triggers=[
            "sound",
            "comentários",
            "talkback",
            "leave",
            "comment",
            "comments",
            "add",
            "post",
            "join",
            "show",
            "view",
            "kommentare",
            "commentaires",
            "comentarios",
            "комментарии",
        ],
        examples_drop=(
            "Sound Off (78 Responses)",
            "{ 4 comments\u2026 read them below or add one }",
            "{ 0 comments\u2026 add one now }",
            "Article comments",
            "Readers' comments",
            "Reader Comments (1)",
            "Article comments (12)",
            "Add new comment",
            "Comment viewing options",
            "Do you have comments on this story?",
            "Talkback here",
            "Leave a Comment",
            "Comments",
            "12 comments",
            "Add comment",
            "Comentarios",
            "Comentários",
            "Comment",
            "Commentaires",
            "Join the discussion",
            "Kommentare",
            "Leave a reply",
            "Post a comment",
            "Show comments",
            "View comments",
            "Комментарии",
        ),
        examples_keep=(
            "Comments made by the minister on Friday drew a sharp rebuke from Baku.",
            "Comments (3)",
        ),
    ),
    Rule(
        "comment-form",
        _C.COMMENT_PROMPT,
        r"\b(?:your email address will not be published|required fields are marked"
        r"|save my name,? email|notify me (?:of|via|when)|cancel reply|post comment"
        r"|akismet|comment data is processed|be the first to comment|log in to comment"
        r"|by clicking (?:and )?submitting a comment"
        r"|login to comment|comments? (?:are|is) (?:now )?closed|please be mindful of our community"
        r"|you must be logged in|the following (?:are|is) comments? from (?:the |our )?readers"
        r"|comment entries are limited to|does not endorse and is not responsible for (?:the )?"
        r"(?:content of )?(?:the )?comments)\b",
        whole=False,
        max_words=30,
        barrier=True,
        triggers=[
            "email",
            "required",
            "save",
            "notify",
            "cancel",
            "akismet",
            "comment",
            "comments",
            "logged",
            "processed",
            "closed",
            "mindful",
        ],
        examples_drop=(
            "By clicking and submitting a comment I acknowledge the privacy policy of this site.",
            "Your email address will not be published. Required fields are marked *",
            "Save my name, email, and website in this browser for the next time I comment.",
            "Leave a Comment Cancel Reply",
            "This site uses Akismet to reduce spam.",
            "Cancel reply",
            "Notify me when new posts appear",
            "Please be mindful of our community standards.",
            "Required fields are marked *",
            "You must be logged in.",
            "Comments are now closed for this story",
            "The following are comments from the readers. In no way do they represent the "
            "view of Example News.",
            "Comment entries are limited to 100 words.",
            "(Note: Example News does not endorse and is not responsible for the comments "
            "posted below.)",
        ),
        examples_keep=(
            "The community guidelines of the two villages were drafted by elders in 1994, "
            "long before the first ceasefire.",
        ),
    ),
    Rule(
        "comment-author",
        _C.COMMENT_PROMPT,
        r"\S.{0,50}\s(?:says|wrote|writes|commented|replied)\s*:?"
        r"|(?=.*\d:\d\d)\S.{0,80}\ssaid\s*:?|reply|report comment"
        r"|\d+ (?:replies|likes?|points?)",
        max_words=12,
        barrier=True,
        triggers=[
            "says",
            "said",
            "wrote",
            "writes",
            "commented",
            "replied",
            "reply",
            "report",
            "replies",
            "like",
            "likes",
            "point",
            "points",
        ],
        examples_drop=(
            "thelastchargersfan says:",
            "Bob. Just Bob. says:",
            "Reply",
            "Jane Doe commented:",
            "Jane Doe wrote:",
            "Jane Doe writes:",
            "Jane Doe replied:",
            "Jane Doe writes",
            "On May 3, 2012 at 10:12 am Jane Doe said",
            "Jane D. on 10/26/2012 at 12:49 PM said:",
            "Report comment",
            "3 replies",
            "12 likes",
            "1 like",
            "5 points",
            "1 point",
        ),
        examples_keep=(
            "Pashinyan says the talks will resume next week in Brussels.",
            "\u201cWe will return to the table,\u201d the minister said.",
            "Asked about the talks on Monday, the minister said:",
        ),
    ),
    Rule(
        "comment-count",
        _C.COMMENT_PROMPT,
        r"(?:\d+|one) (?:comments?|responses?|thoughts?|replies) (?:to|on)\b"
        r"[^.!?]*+(?:[.!?]++[\"\u201d\u2019\u00bb)]++)?"
        r"|\d+ comments? [-\u2013\u2014|] permalink",
        heading=True,
        barrier=True,
        max_words=30,
        triggers=["comment", "comments", "response", "responses", "thought", "thoughts", "replies"],
        examples_drop=(
            "12 Responses to \u201cTalks resume in Tbilisi\u201d",
            "4 Responses to \u201cWill the talks resume?\u201d",
            "One response to \u201cTalks resume in Tbilisi\u201d",
            "2 thoughts on \u201cTalks resume in Tbilisi\u201d",
            "1 thought on \u201cTalks resume in Tbilisi\u201d",
            "15 comments to Talks resume in Tbilisi",
            "1 comment on Talks resume in Tbilisi",
            "3 replies to Talks resume in Tbilisi",
            "7 comments \u2013 permalink",
        ),
        examples_keep=(
            "No comments on the talks were made by either side.",
            "One response to the proposal came from Baku within hours.",
        ),
    ),
    Rule(
        "comment-field",
        _C.COMMENT_PROMPT,
        r"(?:(?:(?:from|to) )?(?:name|e-?mail)|mail|url|website|web site|homepage|password"
        r"|your name|your email|your information|comment|message)"
        r"\s*(?:\*|:|\((?:required|optional|will not be published"
        r"|not published)\)\s*)+|\(urls? automatically linked\.?\)|previewing your comment"
        r"|verify your comment|invalid url|(?:recent|latest|most) comments?(?: rss)?|comments rss"
        r"|most commented|posted by\s*:\s*\|?|(?:blog )?comments powered by \S+"
        r"|trackback url(?: for this (?:entry|post))?\s*:?|have your say|newer posts?"
        r"|older posts?|(?:newer post )?older post(?: home)?|newer post(?: home)?",
        max_words=8,
        barrier=True,
        triggers=[
            "name",
            "email",
            "e",
            "mail",
            "url",
            "urls",
            "message",
            "website",
            "web",
            "homepage",
            "password",
            "your",
            "comment",
            "comments",
            "previewing",
            "verify",
            "invalid",
            "recent",
            "latest",
            "most",
            "commented",
            "posted",
            "powered",
            "trackback",
            "have",
            "newer",
            "older",
        ],
        examples_drop=(
            "Name (required)",
            "From Name:",
            "To Email:",
            "Message:",
            "Mail (will not be published) (required)",
            "Name *",
            "URL:",
            "(URLs automatically linked.)",
            "Previewing your Comment",
            "Recent Comments",
            "Posted by: |",
            "blog comments powered by Disqus",
            "Trackback URL for this entry:",
            "Newer Post Older Post Home",
            "Email *",
            "Website:",
            "Homepage:",
            "Password *",
            "Your information:",
            "Comment:",
            "Comments RSS",
            "Newer posts",
            "Older posts",
            "Web site:",
        ),
        examples_keep=(
            "Your name will be added to the list of observers, the mission said on Monday.",
            "Most comments from officials in Baku were positive, the agency said.",
        ),
    ),
    Rule(
        "pull-quote",
        _C.SHARE_PROMPT,
        _DASH + r"(?:click to tweet|tweet this(?: quote)?|tweet this!|share this quote)" + _DASH,
        triggers=["click", "tweet", "share"],
        examples_drop=("Click to Tweet", "Tweet this"),
        examples_keep=("Click to tweet was the campaign's own idea, a spokesman said on Friday.",),
    ),
    Rule(
        "about-box",
        _C.SITE_DESCRIPTION,
        r"(?:about (?:the )?authors?|about (?:us|me)|(?:author )?bio(?:graphy)?"
        r"|sobre (?:o autor|a autora|\S++(?: \S++)?)|über (?:den autor|die autorin|uns)"
        r"|à propos(?: de l'auteur)?"
        r"|about (?-i:\p{Lu})\S*+(?: (?-i:\p{Lu})\S*+)?)" + _DASH,
        heading=True,
        barrier=True,
        max_words=5,
        triggers=["about", "bio", "biography", "author", "authors", "sobre", "über", "propos"],
        examples_drop=(
            "About the author",
            "Sobre Carlos Nadalim",
            "About Ascom",
            "About the authors",
            "About me",
            "Author bio",
            "Biography",
            "À propos",
            "Über uns",
            "Bio",
        ),
        examples_keep=("About 2,000 Russian peacekeepers were deployed to the region.",),
    ),
    Rule(
        "share",
        _C.SHARE_PROMPT,
        r"\b(?:share (?:this|on|via)|share|tweet|email|e-mail|print|whatsapp|facebook|twitter"
        r"|linkedin|pinterest|reddit|telegram|instagram|youtube|copy link|follow us"
        r"|opens in (?:a )?new window|printer[- ]friendly|add to (?:bookmarks|favou?rites)"
        r"|bookmark (?:to|this)|save this (?:story|article)|be the first to like this)\b"
        r"|\A\W*+like(?: this)?\W*+\Z",
        whole=False,
        max_words=12,
        triggers=[
            "save",
            "like",
            "share",
            "tweet",
            "email",
            "e",
            "mail",
            "print",
            "whatsapp",
            "facebook",
            "twitter",
            "linkedin",
            "pinterest",
            "reddit",
            "telegram",
            "instagram",
            "youtube",
            "copy",
            "follow",
            "opens",
            "printer",
            "bookmark",
            "bookmarks",
            "favorites",
            "favourites",
        ],
        examples_drop=(
            "Like this:",
            "Like",
            "Be the first to like this.",
            "Save this story.",
            "Share this article",
            "Follow us on Twitter",
            "Printer-friendly version",
            "Add to favorites",
            "Add to bookmarks",
            "Add to favourites",
            "Bookmark to:",
            "Facebook Twitter Email",
            "Copy link",
            "Email this story",
            "Facebook",
            "Follow us",
            "Instagram",
            "LinkedIn",
            "Pinterest",
            "Reddit",
            "Telegram",
            "WhatsApp",
            "YouTube",
            "Print this page",
            "Opens in a new window",
            "Tweet",
            "Twitter",
        ),
        examples_keep=(
            "I like this plan, the minister told reporters in Baku on Friday.",
            "The minister posted the statement on Facebook late on Friday, hours before the "
            "talks began.",
        ),
    ),
    Rule(
        "cookie",
        _C.COOKIE_NOTICE,
        r"\b(?:(?:we|this (?:web)?site|our (?:web)?site) uses? cookies|cookie (?:policy|settings"
        r"|preferences|consent|notice)|(?:accept|allow|reject)(?: all)? cookies|use of cookies"
        r"|(?:necessary|essential|functional|analytics?|performance|marketing|third.party) cookies"
        r"|cookies (?:are|that|we use|help)"
        r"|by continuing to (?:use|browse))\b",
        whole=False,
        max_words=80,
        barrier=True,
        triggers=["cookies", "cookie", "continuing"],
        examples_drop=(
            "We use cookies to improve your experience. By continuing you accept our cookie "
            "policy.",
            "Cookie Settings",
            "By continuing to browse the site you agree to our terms.",
            "This site uses cookies.",
        ),
        examples_keep=(
            "The bakery sold more than ten thousand cookies and small cakes on the first day "
            "of the festival.",
        ),
    ),
    Rule(
        "legal",
        _C.LEGAL_NOTICE,
        r"(?:©|\(c\) ?\d{4}|\bcopyright\W*(?:©|\(c\)|\d{4}|notice|policy|info(?:rmation)?)"
        r"|\ball (?:content|contents|material) copyright\b"
        r"|\A\W*copyright\W*\Z|all rights reserved|\bdmca\b|\bterms (?:of|and) (?:use|service"
        r"|conditions)|\bprivacy (?:policy|notice|settings|statement)|\bdo not sell my"
        r"|\bimpressum\b|\bdatenschutz|mentions légales|aviso legal|политика конфиденциальности)",
        whole=False,
        max_words=30,
        barrier=True,
        triggers=[
            "©",
            "c",
            "copyright",
            "reserved",
            "dmca",
            "terms",
            "privacy",
            "sell",
            "impressum",
            "datenschutz",
            "légales",
            "legal",
            "политика",
        ],
        examples_drop=(
            "Mail Us For DMCA / Credit Notice",
            "Copyright © 2022 Example Media. All rights reserved.",
            "Privacy Policy",
            "(c) 2023 Example News",
            "Copyright notice",
            "All content copyright Example News 1996 - 2008",
            "Datenschutz",
            "Impressum",
            "Mentions légales",
            "Aviso legal",
            "All rights reserved.",
            "Do not sell my personal information",
            "Terms of Use",
            "© 2024 Example Media",
            "Политика конфиденциальности",
        ),
        examples_keep=(
            "The court ruled that the song did not infringe the band's copyright because the "
            "melody had been in the public domain for decades.",
        ),
    ),
    Rule(
        "site-description",
        _C.SITE_DESCRIPTION,
        r"(?:about us|who we are|what you need to know|\S.{0,60} is an? (?:online |digital "
        r"|independent |leading )*(?:news|media)(?: outlet| site| website| portal| platform"
        r"| company| organi[sz]ation)\b.*)",
        max_words=40,
        barrier=True,
        triggers=["about", "who", "what", "news", "media"],
        examples_drop=(
            "Main News is an online news outlet that provides readers with up-to-date news "
            "stories from around the world.",
            "About Us",
            "Example Media is a digital media company based in Yerevan.",
            "What you need to know",
            "Who we are",
        ),
        examples_keep=("The ministry is a news source for many local papers, officials said.",),
    ),
    Rule(
        "navigation",
        _C.NAVIGATION,
        _DASH + r"(?:main menu|menu|home|homepage|home page|skip navigation.*|skip links?"
        r"|skip (?:to|over) (?:the )?(?:main|content|navigation|nav|sidebar|search|footer|menu"
        r"|primary|secondary)\b.*|search|close|back to (?:the )?top|top of (?:the )?page"
        r"|sections|navigation"
        r"|(?:<<?\s*+|\u00ab\s*+)?(?:next|previous) (?:article|post|entry|story)|previous|next"
        r"|page \d+(?: of \d+)?|hits:? \d[\d,.]*|tags?(?::.*)?|topics?:.*"
        r"|(?:normal|small|smaller|medium|large|larger) (?:font|text)(?: size)?|text size\b.*"
        r"|filed under:?.*|categories:?.*|go to home page.*|site index|site map|sitemap"
        r"|contact(?: us)?|advertise(?: with us)?|careers|accessibility|help|faq"
        r"|startseite|accueil|inicio|главная|меню|ホーム|首页|홈|pagetop)" + _DASH,
        triggers=[
            "hits",
            "font",
            "size",
            "menu",
            "main",
            "home",
            "homepage",
            "page",
            "skip",
            "search",
            "close",
            "back",
            "top",
            "sections",
            "navigation",
            "next",
            "previous",
            "tags",
            "tag",
            "topics",
            "topic",
            "filed",
            "categories",
            "go",
            "site",
            "map",
            "sitemap",
            "contact",
            "advertise",
            "careers",
            "accessibility",
            "help",
            "faq",
            "startseite",
            "accueil",
            "inicio",
            "главная",
            "меню",
            "ホーム",
            "首页",
            "홈",
            "pagetop",
        ],
        examples_drop=(
            "Hits: 2854",
            "Large font",
            "Text size: S M L XL",
            "Main menu",
            "<< Previous Post",
            "Next post >>",
            "\u00ab Previous entry",
            "Home",
            "Skip to content",
            "skip to main | skip to sidebar",
            "Skip navigation",
            "Skip to the main content",
            "Tags: Armenia, Azerbaijan",
            "Tags",
            "Accessibility",
            "Accueil",
            "Advertise with us",
            "Back to top",
            "Back to the top",
            "Careers",
            "Categories: World",
            "Close",
            "Contact us",
            "FAQ",
            "Filed under: World",
            "Go to home page",
            "Help",
            "Homepage",
            "Inicio",
            "Site map",
            "Menu",
            "Navigation",
            "Next",
            "Page 2 of 5",
            "Pagetop",
            "Previous",
            "Search",
            "Sections",
            "Site index",
            "Sitemap",
            "Startseite",
            "Tag: Armenia",
            "Top of page",
            "Topic: Peace talks",
            "Topics: Armenia, Azerbaijan",
            "Главная",
            "Меню",
            "ホーム",
            "首页",
            "홈",
        ),
        examples_keep=(
            "Home is where the heart is, the refugees told reporters in Goris.",
            "Skip to the end of the report and the numbers tell another story.",
        ),
    ),
    Rule(
        "post-footer",
        _C.NAVIGATION,
        r"\A\W*+(?:this (?:entry|post|article) was (?:posted|written|filed)\b"
        r"|(?:posted|filed) (?:in|under)\b[^.!?]*+\Z|(?:tags|tagged|topics|categories)\s*:"
        r"|bookmark the permalink|you can follow any responses to this (?:entry|post)"
        r"|posted on this day|view all posts (?:by|in)\b|posts? navigation\W*+\Z)",
        whole=False,
        max_words=80,
        barrier=True,
        triggers=[
            "entry",
            "post",
            "posts",
            "article",
            "posted",
            "filed",
            "tags",
            "tagged",
            "topics",
            "categories",
            "bookmark",
        ],
        examples_drop=(
            "This entry was posted in World, Politics and tagged Armenia. Bookmark the permalink.",
            "This entry was written by Jane Doe on 10/18/2012 at 9:00 am.",
            "This post was written by Jane Doe on 10/18/2012.",
            "This article was written by Jane Doe for the weekend edition.",
            "Posted in Politics, Diplomacy, Caucasus, Talks | No Comments \u00bb",
            "Filed under World, Politics, Caucasus, Talks, Diplomacy, Armenia, Azerbaijan, "
            "Russia, Turkey, Iran, Georgia, Europe, Asia",
            "Tags: Armenia, Azerbaijan, talks, Tbilisi, Baku, Yerevan, Lachin, corridor, "
            "peace, treaty, border, ceasefire, Russia",
            "Tagged: Armenia, Azerbaijan",
            "Topics: talks, ceasefire, border commission, peacekeepers, corridor, enclave, "
            "Karabakh, Lachin, Yerevan, Baku, Moscow, Brussels",
            "Categories: World, Politics, Caucasus, Talks, Diplomacy, Armenia, Azerbaijan, "
            "Russia, Turkey, Iran, Georgia, Europe, Asia",
            "Bookmark the permalink.",
            "You can follow any responses to this entry through the RSS 2.0 feed.",
            "Posted on this day, other years:",
            "Post navigation",
            "Posts navigation",
            "View all posts by Jane Doe \u2192",
        ),
        examples_keep=(
            "Posted in Baku for three years, the envoy said the talks would resume in spring.",
            "The entry into force of the treaty was posted on the ministry's website.",
        ),
    ),
    Rule(
        "print-note",
        _C.BOILERPLATE,
        r"\A\W*+a version of this (?:article|story|review|column|essay|report|interview)"
        r" (?:appeared|appears|was published|ran) (?:in print\b|[^.]{0,40}\bon page [a-z]?\d)",
        whole=False,
        max_words=80,
        barrier=True,
        triggers=["version"],
        examples_drop=(
            "A version of this article appeared in print on November 5, 2012, on page A14 of "
            "the New York edition with the headline: Talks Resume in Tbilisi.",
            "A version of this article appeared October 29, 2012, on page B13 in the U.S. edition "
            "of the paper, with the headline: Talks Resume.",
        ),
        examples_keep=(
            "A version of the agreement was published in Armenian and Azerbaijani on Friday.",
        ),
    ),
    Rule(
        "author-box",
        _C.SITE_DESCRIPTION,
        r"\A\W*+about the authors?\s*+(?::|\.\.\.|\u2026|[-\u2013\u2014])",
        whole=False,
        max_words=80,
        barrier=True,
        triggers=["about"],
        examples_drop=(
            "About the author: Jane Doe is a writer and editor in Yerevan.",
            "About the author...",
        ),
        examples_keep=("About the authorities in Baku, the report says little.",),
    ),
    Rule(
        "source-line",
        _C.CREDIT_LINE,
        r"(?:source|via)\s*+:\s*+\S.{0,60}",
        max_words=8,
        triggers=["source", "via"],
        examples_drop=("Source: Armenpress", "Via: [ Civilnet ]"),
        examples_keep=("Source of the dispute: the corridor.",),
    ),
    Rule(
        "plugin-notice",
        _C.BOILERPLATE,
        r"\b(?:requires? (?:the latest (?:version of )?)?(?:adobe )?flash(?: player)?"
        r"|(?:install|download|get|upgrade) (?:the latest (?:version of )?)?(?:adobe )?flash"
        r" player|(?:please )?enable javascript|javascript (?:is|must be) (?:disabled|enabled"
        r"|turned off)|your browser does not support (?:the )?(?:video|audio|iframes?))\b",
        whole=False,
        max_words=40,
        triggers=["requires", "require", "install", "javascript", "browser"],
        examples_drop=(
            "This content requires the latest Adobe Flash Player.",
            "To watch, you require Flash Player.",
            "Install Adobe Flash Player to see this video.",
            "Please enable JavaScript to view the comments.",
            "Your browser does not support the video tag.",
        ),
        examples_keep=(
            "The deal requires both sides to withdraw troops from the border within a month.",
        ),
    ),
    Rule(
        "breadcrumb",
        _C.NAVIGATION,
        r"(?:home|startseite|accueil|inicio|главная|ホーム)\s*[»›>/|].*",
        max_words=30,
        triggers=["home", "startseite", "accueil", "inicio", "главная", "ホーム"],
        examples_drop=(
            "Home » No breakthrough in Armenia, Azerbaijan peace talks in Russia",
            "Home > News > World",
            "Accueil > International > Europe",
            "Inicio / Internacional / Europa",
            "Startseite › Politik › Ausland",
            "Главная » Новости » Политика",
            "ホーム > ニュース > 国際",
        ),
        examples_keep=("Home prices rose by 4 percent over the year, the agency said on Friday.",),
    ),
    Rule(
        "credit-line",
        _C.CREDIT_LINE,
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
        _C.BYLINE,
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
        _C.BYLINE,
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
        _C.CAPTION,
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
        _C.CAPTION,
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
        _C.CAPTION,
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
"""The generic lexicon, applied to every page."""


PROFILES: Mapping[str, tuple[Rule, ...]] = {
    "independent": (
        Rule(
            "independent-appeal",
            _C.DONATION_APPEAL,
            r"(?:from .{0,80}, )?the independent is (?:on the ground|trusted by|committed to)\b.*",
            max_words=120,
            barrier=True,
            triggers=["independent"],
            examples_drop=(
                "From reproductive rights to climate change to Big Tech, The Independent is on "
                "the ground when the story is developing.",
                "The Independent is trusted by Americans across the entire political spectrum.",
            ),
            examples_keep=(
                "The Independent reported on Thursday that the two leaders would meet in "
                "Brussels next week.",
            ),
        ),
        Rule(
            "independent-notifications",
            _C.NEWSLETTER_PROMPT,
            r"stay up to date with notifications from the independent|notifications can be "
            r"managed in browser preferences\.?",
            triggers=["notifications"],
            examples_drop=("Stay up to date with notifications from The Independent",),
            examples_keep=(
                "Officials said notifications of troop movements had been sent to both sides.",
            ),
        ),
    ),
}
"""Site profiles: extra rules for one outlet, by profile name, tried before the generic ones."""
PROFILES = MappingProxyType(dict(PROFILES))
