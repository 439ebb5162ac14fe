"""The generic rules for the site's own furniture and the article's metadata: share buttons
and pull quotes, boxes about the site and its authors, cookie and legal notices, menus,
breadcrumbs and footers, notes of plugins and printing; source and credit lines, bylines,
image credits, captions and logos.
"""

from __future__ import annotations

from karabakh_corpus.cleaner.lexicon import DASH
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
        "pull-quote",
        Category.SHARE_PROMPT,
        DASH + r"(?:click to tweet|tweet this(?: quote)?|tweet this!|share this quote)" + DASH,
        triggers=["click", "tweet", "share"],
        examples_drop=("Click to Tweet", "Tweet this"),
        examples_keep=("Click to tweet was the campaign's own idea, a spokesman said on Friday.",),
    ),
    Rule(
        "about-box",
        Category.SITE_DESCRIPTION,
        r"(?:about (?:the )?authors?|about (?:us|me)|(?:author )?bio(?:graphy)?"
        r"|sobre (?:o autor|a autora|\S++(?: \S++)?)|über (?:den autor|die autorin|uns)"
        r"|à propos(?: de l'auteur)?"
        r"|about (?-i:\p{Lu})\S*+(?: (?-i:\p{Lu})\S*+)?)" + DASH,
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
        Category.SHARE_PROMPT,
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
        Category.COOKIE_NOTICE,
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
        Category.LEGAL_NOTICE,
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
        Category.SITE_DESCRIPTION,
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
        Category.NAVIGATION,
        DASH + r"(?:main menu|menu|home|homepage|home page|skip navigation.*|skip links?"
        r"|skip (?:to|over) (?:the )?(?:main|content|navigation|nav|sidebar|search|footer|menu"
        r"|primary|secondary)\b.*|search|close|back to (?:the )?top|top of (?:the )?page"
        r"|sections|navigation"
        r"|(?:<<?\s*+|\u00ab\s*+)?(?:next|previous) (?:article|post|entry|story)|previous|next"
        r"|page \d+(?: of \d+)?|hits:? \d[\d,.]*|tags?(?::.*)?|topics?:.*"
        r"|(?:normal|small|smaller|medium|large|larger) (?:font|text)(?: size)?|text size\b.*"
        r"|filed under:?.*|categories:?.*|go to home page.*|site index|site map|sitemap"
        r"|contact(?: us)?|advertise(?: with us)?|careers|accessibility|help|faq"
        r"|startseite|accueil|inicio|главная|меню|ホーム|首页|홈|pagetop)" + DASH,
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
        Category.NAVIGATION,
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
        Category.BOILERPLATE,
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
        Category.SITE_DESCRIPTION,
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
        Category.CREDIT_LINE,
        r"(?:source|via)\s*+:\s*+\S.{0,60}",
        max_words=8,
        triggers=["source", "via"],
        examples_drop=("Source: Armenpress", "Via: [ Civilnet ]"),
        examples_keep=("Source of the dispute: the corridor.",),
    ),
    Rule(
        "plugin-notice",
        Category.BOILERPLATE,
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
        Category.NAVIGATION,
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
