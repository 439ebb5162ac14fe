"""The structure of a page the cleaner reads beyond single lines: the line that repeats the
page's title, the run that opens below it, reader-comment threads, and the page whose text
is a single weak line (the passes of `karabakh_corpus.cleaner.passes.PASSES`)."""

from __future__ import annotations

from conftest import ARTICLE

import karabakh_corpus as kc
from karabakh_corpus.cleaner import blocks, body, model, threads, title
from karabakh_corpus.cleaner.page import Page
from karabakh_corpus.schema import Category

SITE_MENU = ["Crafty Corner", "Home", "About", "Contact", "Archives"]
READERS_SAID = (
    "I have read a lot about the talks this year, and I still think nothing will change "
    "on the ground until both sides stop the shooting.",
    "Both capitals said the same thing many times before, and nothing came of it then; "
    "I see no reason this round should end any differently.",
    "Thank you for a balanced article, which is rare in the English-language press when "
    "it writes about the conflict these days.",
    "My grandparents left the region in the nineties, and every new round of talks makes "
    "them hope they might one day visit the village where they were born.",
)
"""What readers say below an article, one comment a line."""


def _page(lines: list[str], cleaner: kc.Cleaner | None = None) -> Page:
    """The page of `lines` as the cleaner reads it (a blank line has no words)."""
    cleaner = cleaner or kc.Cleaner()
    return Page(lines, [cleaner._line(x or " ") for x in lines])


def _title_of(lines: list[str]) -> int:
    page = _page(lines)
    th = kc.Thresholds()
    model.first_stage(page, th)
    title.title_line(page, th)
    return page.title


def test_the_title_line_is_the_part_of_the_page_title_that_opens_the_article() -> None:
    lines = [
        "Paper leaves for crafting - Crafty Corner",
        *SITE_MENU,
        "Paper leaves for crafting",
        *ARTICLE[:3],
        "Crafty Corner",
        "Copyright 2012",
    ]
    # "Crafty Corner" (the site) and "Paper leaves for crafting" are both parts of the
    # title; the one followed by text is the headline
    assert _title_of(lines) == 6
    # case does not matter, and ": " separates parts as " | " and " » " do
    for first in (
        "Crafty Corner: Paper Leaves For Crafting",
        "Crafty Corner | Paper leaves for crafting",
        "Crafty Corner \u00bb paper leaves for crafting",
    ):
        assert _title_of([first, *lines[1:]]) == 6, first


def test_a_title_part_may_hold_a_colon() -> None:
    """ "Report: A pays B - Site": the colon separates parts, yet stands inside the headline
    too; every run of pieces between separators is a part."""
    lines = [
        "Report: Crafty paper leaves - Crafty Corner",
        *SITE_MENU,
        "Report: Crafty paper leaves",
        *ARTICLE[:3],
    ]
    assert _title_of(lines) == 6
    assert title._title_parts("A: B - C") == ["A", "A: B", "A: B - C", "B", "B - C", "C"]
    assert title._title_parts("") == [""]
    # a double hyphen separates parts, and so does a comma after a question or exclamation
    assert title._title_parts("A -- B") == ["A", "A -- B", "B"]
    assert "Why not?" in title._title_parts("Why not?, Car reviews")
    assert title._title_parts("Yes, we can") == ["Yes, we can"]
    # a parenthesis that ends the title is a part of its own ("Headline (from The Herald)");
    # one inside the title is not
    assert "Crafty paper leaves" in title._title_parts("Crafty paper leaves (from The Herald )")
    assert title._title_parts("Paper (and glue) leaves") == ["Paper (and glue) leaves"]
    lines = ["Crafty paper leaves (Crafty Corner)", *SITE_MENU, "Crafty paper leaves", *ARTICLE]
    assert _title_of(lines) == 6
    # a long title is cut into its first pieces only (the last holds the rest)
    parts = title._title_parts(" - ".join("abcdefghijkl"))
    assert max(len(p.split(" - ")) for p in parts) == 12
    assert "l" not in parts and "h - i - j - k - l" in parts


def test_the_headline_may_repeat_a_line_of_a_list_above_it() -> None:
    """A "recent posts" list names the article above it: the line that opens the article
    is the headline, not the first line that repeats the title."""
    lines = [
        "Paper leaves for crafting - Crafty Corner",
        "Recent posts",
        "Paper leaves for crafting",
        "Glue and scissors",
        *SITE_MENU,
        "Paper leaves for crafting",
        *ARTICLE[:3],
    ]
    assert _title_of(lines) == 9


def test_no_title_line_without_a_repeated_part_of_two_words() -> None:
    assert _title_of(["Crafts", *SITE_MENU, *ARTICLE]) == -1
    # "Home" is a part of the title, but of one word: a bare name is not looked for
    assert _title_of(["Home | Crafts", *SITE_MENU, *ARTICLE]) == -1
    assert _title_of(["Only one line"]) == -1
    # a part is matched whole, not as the start of a longer line
    assert _title_of(["Peace talks - News", "Peace talks resume", *ARTICLE]) == -1


def test_a_run_below_the_title_line_wins_over_a_denser_sidebar() -> None:
    """A short post of short lines, and a long "about me" paragraph in the sidebar."""
    about = (
        "Thank you for visiting my blog, where I have been writing about my drawings, my "
        "travels, my friends and my family since the spring of 2004, and where I hope you "
        "will find something you like, whoever you are and wherever you come from."
    )
    post = [
        "Dear all,",
        "I would love to invite you to the book event at the Reading Bug this Saturday.",
        "Location:",
        "The Reading Bug",
        "785 Laurel Street,",
        "San Carlos",
        "Hope to see you there.",
    ]
    page = "\n".join(
        [
            "Toon Cafe: Little gifts for friends",
            "Toon Cafe",
            "Little gifts for friends",
            *post,
            "Posted by Alina at 9:22 AM",
            "About me",
            about,
            "View my complete profile",
        ]
    )
    anchored = kc.Cleaner(thresholds=kc.Thresholds(anchor=0.01)).clean(page)
    assert anchored.title == "Little gifts for friends"
    assert "I would love to invite you" in anchored.text
    assert about not in anchored.text
    unanchored = kc.Cleaner(thresholds=kc.Thresholds(anchor=1000.0)).clean(page)
    assert about in unanchored.text
    assert "I would love to invite you" not in unanchored.text


def test_the_body_ends_where_a_comment_thread_begins() -> None:
    comments = [
        "Comments",
        "I could not agree more with this analysis, and I have followed the talks for "
        "many years as a journalist based in the region, so I know what I am saying.",
        "Both governments have said the same thing many times before and nothing came "
        "of it; I do not see why this round of talks should end any differently.",
        "Thank you for the thoughtful article, it is rare to read something this balanced "
        "about the conflict in the English-language press these days.",
    ]
    page = "\n".join([*ARTICLE, *comments])
    # the second stage reads each line alone, so that only the cut keeps comments out
    alone = {"own": 1.0}
    cut = kc.Cleaner(thresholds=kc.Thresholds(thread_text=100.0, context=alone)).clean(page)
    assert cut.paragraphs == tuple(ARTICLE)
    regions = {r.text: r for r in cut.regions}
    assert regions["Comments"].category is kc.Category.COMMENT_PROMPT
    assert regions[comments[1]].category is kc.Category.COMMENT_PROMPT
    assert regions[comments[1]].stored_rule == "after-comment"
    # without enough text above it, a comment heading does not end the body
    kept = kc.Cleaner(thresholds=kc.Thresholds(thread_text=100_000.0, context=alone)).clean(page)
    assert comments[1] in kept.paragraphs


def _thread_start(prob: list[float], text: float) -> int:
    """Where `thread_start` ends a run of six lines (two comment headings among lines of
    50, 300, 300 and 300 characters), with `body` 0.5 and `thread_text` `text`."""
    heading = (Category.COMMENT_PROMPT, "comment")
    page = _page(["x" * n for n in (50, 10, 300, 300, 10, 300)])
    page.labels = [None, heading, None, None, heading, None]
    page.prob = prob
    page.start, page.stop = 0, 6
    threads.thread_start(page, kc.Thresholds(body=0.5, thread_text=text))
    assert page.start == 0
    return page.stop


def test_thread_start_by_hand() -> None:
    prob = [0.9, 0.0, 0.9, 0.9, 0.0, 0.9]
    # a comment count above 50 characters of text does not end the run; the one below
    # 650 characters does
    assert _thread_start(prob, 400.0) == 4
    assert _thread_start(prob, 40.0) == 1
    assert _thread_start(prob, 1000.0) == 6
    # lines below `body` do not count as text
    assert _thread_start([0.1] * 6, 40.0) == 6


def test_a_page_without_a_run_of_text_keeps_its_most_probable_line() -> None:
    line = "Sam Falconer makes lovely illustrations! Go get inspired here"
    page = "\n".join(["The Curious Brain", line, "Leave a comment", "Name (required)"])
    base = kc.Thresholds()
    strict = kc.Thresholds(body=0.99, extend=0.99, fallback=1.0)
    assert kc.Cleaner(thresholds=strict).clean(page).text == ""
    loose = kc.Thresholds(body=0.99, extend=0.99, fallback=0.01)
    result = kc.Cleaner(thresholds=loose).clean(page)
    assert result.text == line
    # the result is a fixed point, as every result is
    assert kc.Cleaner(thresholds=loose).clean(result.text).text == line
    assert base.fallback < 1.0


def test_comments_signed_without_a_heading_end_the_body() -> None:
    """A thread of comments, each followed by "Posted by: NAME | DATE", below a titled
    article: the body ends at the first signature followed by two more in the body."""
    said = READERS_SAID
    comments = []
    names = ("Sean", "Dan", "Tom", "Ani")
    for text, name, day in zip(said, names, (10, 11, 12, 13), strict=True):
        comments += [text, f"Posted by: {name} | Jan {day}, 2008 4:49:12 PM"]
    page = "\n".join(
        ["Talks resume in Tbilisi - World News", "Talks resume in Tbilisi", *ARTICLE, *comments]
    )
    alone = {"own": 1.0}
    cut = kc.Cleaner(thresholds=kc.Thresholds(thread_text=100.0, context=alone)).clean(page)
    assert cut.title == "Talks resume in Tbilisi"
    # the first comment sits above the first signature, inside the body; the rest go
    assert cut.paragraphs[: len(ARTICLE)] == tuple(ARTICLE)
    assert not {comments[2], comments[4], comments[6]} & set(cut.paragraphs)
    # without the title line, signatures alone do not end a body (forums, letters pages)
    untitled = page.split("\n", 2)[2]
    kept = kc.Cleaner(thresholds=kc.Thresholds(thread_text=100.0, context=alone)).clean(untitled)
    assert comments[6] in kept.paragraphs


def test_an_inline_box_of_related_links_does_not_split_the_article() -> None:
    """The run below the title line and the denser run below a "Related stories" box
    are one article."""
    teasers = ["Related stories", "Border talks stall again", "Prisoners freed in swap"]
    longer = [p + " " + p for p in ARTICLE[2:]]
    page = "\n".join(
        [
            "Talks resume in Tbilisi | World News",
            "Home",
            "World",
            "Talks resume in Tbilisi",
            *ARTICLE[:2],
            *teasers,
            *longer,
            "Leave a comment",
        ]
    )
    result = kc.Cleaner(thresholds=kc.Thresholds(anchor=0.01, trim=1.0)).clean(page)
    assert result.title == "Talks resume in Tbilisi"
    assert result.paragraphs == (*ARTICLE[:2], *longer)
    related = [r for r in result.regions if r.text in teasers]
    assert {r.category for r in related} == {kc.Category.RELATED_STORIES}


def test_a_comment_count_under_the_headline_does_not_take_the_body() -> None:
    """ "22" / "Comments" right under the headline, then the article, then a thread of
    dated comments: the comment count is not the heading of that thread (no text above it),
    so that the two lines under the headline are not taken for the article."""
    said = READERS_SAID[:3]
    thread = ["3 Responses to \u201cTalks resume in Tbilisi\u201d"]
    for text, name, day in zip(said, ("Sean", "Dan", "Ani"), (10, 11, 12), strict=True):
        thread += [f"{name}", f"January {day}, 2008", text]
    page = "\n".join(
        [
            "Talks resume in Tbilisi - World News",
            "Talks resume in Tbilisi",
            "22",
            "Comments",
            *ARTICLE,
            *thread,
        ]
    )
    result = kc.Cleaner().clean(page)
    assert result.title == "Talks resume in Tbilisi"
    # the article is the body (the comments may follow it: they carry no heading that the
    # cleaner knows, and no "Posted by" signature)
    assert result.paragraphs[: len(ARTICLE)] == tuple(ARTICLE)


def test_a_list_the_body_introduces_with_a_colon_is_kept() -> None:
    """The article ends with "The issues on the table:" and a list of short lines."""
    dates = ["Border commission", "Syunik transport links", "Prisoners of war", "Lachin corridor"]
    tail = ["Contact us", "Copyright 2024 Example News"]
    page = "\n".join([*ARTICLE, "The issues on the table:", *dates, *tail])
    result = kc.Cleaner().clean(page)
    assert result.paragraphs[-len(dates) :] == tuple(dates)
    # without the line that introduces them, the short lines stay out
    bare = kc.Cleaner().clean("\n".join([*ARTICLE, *dates, *tail]))
    assert not set(dates) & set(bare.paragraphs)
    # lines of more words than `list_words` are not a list
    short = kc.Cleaner(thresholds=kc.Thresholds(list_words=1.0)).clean(page)
    assert not set(dates) & set(short.paragraphs)
    # the result is a fixed point
    assert kc.Cleaner().clean(result.text).text == result.text


def test_introduced_list_by_hand() -> None:
    lines = ["Text of the article.", "The list:", "one", "two", "", "Home", "three"]

    def stop(start: int, stop: int, words: float = 20.0, n: int = len(lines)) -> int:
        page = _page(lines[:n])
        page.labels = [None] * n
        if n > 5:
            page.labels[5] = (Category.NAVIGATION, "navigation")
        page.start, page.stop = start, stop
        body.introduced_list(page, kc.Thresholds(list_words=words))
        assert page.start == start
        return page.stop

    # the colon line ends the run, or opens the lines below it; the list stops at a decided
    # line, and blank lines at its end stay out
    assert stop(0, 2) == 4
    assert stop(0, 1) == 4
    # no colon, an empty run, or a list of one line: the run is unchanged
    assert stop(2, 3) == 3
    assert stop(0, 0) == 0
    assert stop(0, 2, 0.5, 4) == 2


def test_a_title_line_may_differ_from_the_page_title_in_punctuation() -> None:
    """The page title drops or changes marks the headline has ("I'm" / "Im", "Stats…
    Impressive!" / "Stats Impressive!", curly and straight quotes); a line that only
    quotes the title, or repeats a part of two words behind a separator, is no headline."""
    body = [*SITE_MENU, "{}", *ARTICLE[:3], "Crafty Corner"]

    def page(first: str, headline: str) -> list[str]:
        return [first, *(headline if x == "{}" else x for x in body)]

    headline_at = 1 + len(SITE_MENU)
    for first, headline in (
        ("Im in.. Are YOU in? - Crafty Corner", "I\u2019m in.. Are YOU in?"),
        ("Paper Stats Impressive! - Crafty Corner", "Paper Stats\u2026 Impressive!"),
        ("'The Paper Leaves' of autumn | Crafty Corner", "\u2018The Paper Leaves\u2019 of autumn"),
    ):
        assert _title_of(page(first, headline)) == headline_at, headline
    # a reader quoting the title in a comment does not repeat it: the marks around it count
    quoted = page("Paper leaves for crafting - Crafty", '"Paper leaves for crafting"')
    assert _title_of(quoted) == -1
    # parts of two words are matched as they are written only
    assert _title_of(page("BBC - North Yorkshire - Pig", "\u00bb North Yorkshire")) == -1
    assert title._squash("I\u2019m in.. Are YOU in?") == title._squash("Im in Are you in")


def test_an_inline_box_does_not_cut_the_article_below_it() -> None:
    """A "More from ..." box of headlines stands inside the article: the part below it
    joins the body when its text is at least `anchor` times the part above."""
    box = [
        "More from World",
        "Floods close the coastal road",
        "Central bank holds its rate",
        "Museum reopens after repairs",
    ]
    lines = [
        "Talks resume in Brussels - Example News",
        "Home",
        "World",
        "Talks resume in Brussels",
        *ARTICLE[:3],
        *box,
        *ARTICLE[3:],
        "Contact us",
        "Copyright 2024 Example News",
    ]
    page = "\n".join(lines)
    result = kc.Cleaner().clean(page)
    assert result.paragraphs == tuple(ARTICLE)
    assert {r.text for r in result.stripped} >= set(box)
    # the part below must weigh at least `anchor` times the part above
    assert kc.Cleaner(thresholds=kc.Thresholds(anchor=1000.0)).clean(page).paragraphs == tuple(
        ARTICLE[:3]
    )
    # a box longer than an inline one ends the article
    long_box = [*box, *(f"Another story of the day, number {k}" for k in range(12))]
    longer = "\n".join([*lines[:7], *long_box, *lines[11:]])
    assert kc.Cleaner().clean(longer).paragraphs == tuple(ARTICLE[:3])
    assert kc.Cleaner().clean(result.text).text == result.text


NAMED_THREAD = (
    "Alayna F",
    READERS_SAID[0],
    "Mike Merrill",
    READERS_SAID[1],
    "http://example.org Denise",
    READERS_SAID[2],
)
"""Readers' comments, each under its author's name alone."""


def test_comments_headed_by_names_alone_end_the_article() -> None:
    """No comment heading, no date: below the share buttons and the link to the previous
    post, three names each followed by a comment are a thread."""
    top = ["Talks resume in Brussels - Example News", "Home", "Talks resume in Brussels"]
    page = "\n".join([*top, *ARTICLE, "Tweet", "Previous post", *NAMED_THREAD, "Contact us"])
    result = kc.Cleaner().clean(page)
    assert result.paragraphs == tuple(ARTICLE)
    assert kc.Cleaner().clean(result.text).text == result.text
    # without furniture between, the names may be an interview's speakers: kept
    plain = kc.Cleaner().clean("\n".join([*top, *ARTICLE, *NAMED_THREAD, "Contact us"]))
    assert plain.paragraphs[-len(NAMED_THREAD) :] == NAMED_THREAD
    # two names are not yet a thread
    two = kc.Cleaner().clean("\n".join([*top, *ARTICLE, "Tweet", *NAMED_THREAD[:4], "Contact us"]))
    assert two.paragraphs[-4:] == NAMED_THREAD[:4]
    # a name must be followed by text: a list of names is not a thread
    names = ["Alayna F", "Mike Merrill", "Jane Roe", "John Doe"]
    listed = kc.Cleaner().clean(
        "\n".join([*top, *ARTICLE, "Tweet", *names, READERS_SAID[3], "Contact us"])
    )
    assert READERS_SAID[3] in listed.paragraphs


def test_the_headline_follows_the_site_name_that_heads_the_page() -> None:
    """ "Site: Headline": the site's name heads the page above its tagline, the headline
    comes a few lines below it, and the short post below the headline counts for the name
    too. A later line of another part, of at least as many words, is the headline; a shorter
    part below the headline (the writer's name) is not."""
    tagline = "an insider's view of paper, glue and scissors, with tips and tricks for everyone"
    post = [
        "Paper leaves for autumn crafts",
        "I cut out a dozen paper leaves last night, in red and gold.",
        "Then I glued them on a long string, and hung them over the window.",
        "They look lovely in the evening light.",
    ]
    lines = ["Crafty Corner: Paper leaves for autumn crafts", "Crafty Corner", tagline, *post]
    assert _title_of(lines) == 3
    assert _title_of([*lines[:3], "Home", "Archives", *post]) == 5
    # the site's name is the only part found: it stays the title line
    assert _title_of([*lines[:3], "Some paper leaves", *post[1:]]) == 1
    # the writer's name below the headline is a part of fewer words: the headline stays
    first = "Paper leaves for autumn crafts | Ann Lee | Crafty Corner"
    assert _title_of([first, post[0], *ARTICLE[:2], "Ann Lee", ARTICLE[2]]) == 1


def test_a_menu_above_the_headline_is_not_part_of_the_article() -> None:
    """A sidebar of text and a breadcrumb, then the headline and the article, all in one run
    of text: the breadcrumb (a navigation line) between them shows that the headline opens
    the article, however much text lies above it."""
    sidebar = [
        "Thank you for visiting my blog, where I have been writing about my drawings, my "
        "travels, my friends and my family since the spring of 2004, and where I hope you "
        "will find something you like.",
        "My second book on the talks, with maps of the border and a timeline of every round "
        "of negotiations since 1994, is out now in paperback and as an e-book.",
    ]
    page = [
        "Talks resume in Tbilisi | Crafty Corner",
        *sidebar,
        "Home / Talks resume in Tbilisi",
        "Talks resume in Tbilisi",
        *ARTICLE[:2],
    ]
    result = kc.Cleaner().clean("\n".join(page))
    assert result.title == "Talks resume in Tbilisi"
    assert result.paragraphs == tuple(ARTICLE[:2])
    # share buttons there (the sidebar's "RSS | Email | Twitter") say the same
    shared = ["RSS | Email | Twitter" if x.startswith("Home /") else x for x in page]
    assert kc.Cleaner().clean("\n".join(shared)).paragraphs == tuple(ARTICLE[:2])
    # without the breadcrumb, text above the headline of at least `trim` times the text
    # below it stays in the body
    plain = [x for x in page if not x.startswith("Home /")]
    assert sidebar[0] in kc.Cleaner().clean("\n".join(plain)).text


def test_a_heading_above_the_title_line_passes_nothing_below_it() -> None:
    """A heading in the menu ("About us") hands its category to the short lines after it,
    but the title line opens the article: the lines below it are not the heading's."""
    lines = ["Velvet and shine - Streethearts", "About us", "Velvet and shine", "Photos by Ann"]
    heading = _page(lines).facts[1].rule
    assert heading is not None and heading.heading
    for title_at, after in ((2, None), (-1, (heading.category, "after-about-box"))):
        page = _page(lines)
        page.prob = [0.1] * len(lines)
        page.title = title_at
        blocks.headings(page, kc.Thresholds(body=0.5))
        assert page.labels[3] == after, title_at


def test_a_list_of_teasers_above_the_headline_is_not_part_of_the_article() -> None:
    """A "Breaking News" list of teasers (headline and first words) runs into the article;
    one teaser opens with the article's own headline: the list is not the article."""
    headline = "Talks resume in Tbilisi"
    teasers = [
        "Border crossing reopens after two years KARS: Trucks lined up for miles on Monday as "
        "the crossing reopened, officials said.",
        "Prisoners return home after exchange YEREVAN: Families waited at the airport through "
        "the night for the plane to land, witnesses said.",
        "Railway link to be rebuilt, engineers say BAKU: The line that once joined the two "
        "countries could reopen within three years, a report found.",
        f"{headline} TBILISI: The foreign ministers met on Saturday for their first direct "
        "talks since the war, officials said.",
    ]
    page = [f"{headline} | World News", "Breaking News", *teasers, headline, *ARTICLE[:3]]
    result = kc.Cleaner().clean("\n".join(page))
    assert result.title == headline
    assert result.paragraphs == tuple(ARTICLE[:3])
    # without the article's own teaser, the list above it stays in the body
    other = "Ceasefire holds along the line ASKERAN: The night passed quietly, both sides said."
    plain = [other if x == teasers[3] else x for x in page]
    assert teasers[0] in kc.Cleaner().clean("\n".join(plain)).text


def test_a_short_post_above_its_comment_heading_is_the_body() -> None:
    """A post of one short line under its headline, then "16 comments:" and a thread of
    dated comments, one of them long: the thread holds the densest run, but it lies below
    the post's own comment heading, so the post is the body (`below_title` by hand)."""
    lines = [
        "Next up: pumpkin pie - Crafty Corner",
        "Next up: pumpkin pie",
        "Next week's video will be pumpkin pie, just in time for the holidays.",
        "16 comments:",
        "Jennifer said...",
        "November 11, 2012 11:54 PM",
        "Mike said...",
        "November 12, 2012 08:10 AM",
        READERS_SAID[0],
    ]
    facts = _page(lines).facts
    assert facts[3].rule is not None and facts[3].rule.barrier and facts[5].label is not None
    gains = [0.0, 0.0, 10.0, -105.0, -2.0, -10.0, -2.0, -10.0, 200.0]

    def run(heading: str) -> tuple[int, int]:
        page = _page([heading if i == 3 else x for i, x in enumerate(lines)])
        return _below_title(page, gains, (8, 9))

    assert run("16 comments:") == (2, 3)
    # no comment heading between: the denser run is the body
    assert run("Sixteen readers wrote in") == (8, 9)
    assert facts[8].label is None


def _below_title(page: Page, gains: list[float], run: tuple[int, int]) -> tuple[int, int]:
    """The body run `below_title` makes of the densest run `run` given `gains`, with the
    title line at 1, `anchor` 0.4, `trim` 0.5 and a lift of 0.3 a character."""
    page.gains = gains
    page.title = 1
    page.start, page.stop = run
    body.below_title(page, kc.Thresholds(anchor=0.4, trim=0.5, body=0.4, anchor_body=0.1))
    return page.start, page.stop


def test_a_comment_count_of_positive_gain_is_not_running_text() -> None:
    """ "48" / "comments" (a comment count split over two lines) under the headline, then
    the article, then its thread: on the markup path "48" may score as the article's (it
    sits in the element that holds the text), but a line without a letter is not running
    text, so neither `below_title` nor `thread_start` takes "comments" for the thread's
    heading. Until cleaner version 10 they kept only "48" of two dragnet pages."""
    lines = [
        "Plaid closes - Crafty Corner",
        "Plaid closes",
        "48",
        "comments",
        ARTICLE[0],
        ARTICLE[1],
        "Reader10 said...",
        "November 10, 2012 11:54 PM",
        "Reader11 said...",
        "November 11, 2012 9:02 AM",
    ]
    page = _page(lines)
    rule = page.facts[3].rule
    assert rule is not None and rule.category is Category.COMMENT_PROMPT
    assert not page.facts[2].lettered and page.facts[4].lettered
    gains = [0.0, 0.0, 1.0, -105.0, 100.0, 100.0, -2.0, -10.0, -2.0, -10.0]
    run = (len(lines) - 1, len(lines))
    start, stop = _below_title(page, gains, run)
    assert start == 2 and stop >= 6
    # a line of the same gain with a letter is running text: the heading closes the run
    page = _page([*lines[:2], "48 we", *lines[3:]])
    assert _below_title(page, gains, run) == (2, 3)
    # `thread_start`: "48" above the heading is no text above it
    page = _page(lines)
    page.prob = [0.0, 0.0, 0.9, 0.0, 0.9, 0.9, 0.0, 0.0, 0.0, 0.0]
    page.title, page.start, page.stop = 1, 2, len(lines)
    threads.thread_start(page, kc.Thresholds(body=0.5, thread_text=1000.0))
    assert (page.start, page.stop) == (2, len(lines))
    page = _page([*lines[:2], "48 we", *lines[3:]])
    page.prob = [0.0, 0.0, 0.9, 0.0, 0.9, 0.9, 0.0, 0.0, 0.0, 0.0]
    page.title, page.start, page.stop = 1, 2, len(lines)
    threads.thread_start(page, kc.Thresholds(body=0.5, thread_text=1000.0))
    assert (page.start, page.stop) == (2, 3)


def test_lines_that_open_with_a_title_part_three_times_are_a_list() -> None:
    """A list of teasers or tweets that each open with the headline's text ("Talks resume in
    Tbilisi, says ...") names the article; none of them is its headline, however much text
    follows them, and the line that repeats the title exactly is."""
    headline = "Talks resume in Tbilisi"
    quoting = [f"{headline} {x}" for x in ("via the wire", "by our reporter", "and more")]
    page = [headline, *SITE_MENU, headline, ARTICLE[0], "Readers said"]
    for line, text in zip(quoting, ARTICLE[1:4], strict=True):
        page += [line, text]
    assert _title_of(page) == 1 + len(SITE_MENU)
    # two such lines are not yet a list: the one followed by the most text is the headline
    assert _title_of(page[:-2]) == len(page) - 4


def test_a_comment_count_between_headline_and_text_does_not_end_the_run() -> None:
    """ "4 Comments" (a link to the thread) between the headline's byline and the article
    does not end the run below the title line; a comment heading followed by a comment's
    header ("Jennifer said...") does (`below_title` by hand)."""
    lines = [
        "Plaid closes - Crafty Corner",
        "Plaid closes",
        "Posted by Alexandra / November 13, 2012",
        "4 Comments",
        ARTICLE[0],
        ARTICLE[1],
        "Reader10 said...",
        "November 10, 2012 11:54 PM",
    ]
    page = _page(lines)
    rule = page.facts[3].rule
    assert rule is not None and rule.name == "comment"
    gains = [0.0, 0.0, -10.0, -105.0, 100.0, 100.0, -2.0, -10.0]
    # the densest run lies elsewhere (a sidebar, say, at the last line): the run below the
    # title line goes on past the comment count to the article
    run = (len(lines) - 1, len(lines))
    start, stop = _below_title(page, gains, run)
    assert start == 2 and stop >= 6
    # a comment heading followed by a comment's header ends it: the text below is not reached
    page = _page(lines)
    page.labels[4] = (Category.COMMENT_PROMPT, "after-comment")
    assert _below_title(page, gains, run) == run
