"""The markup path: clean_html weighs each rendered line with what the page's markup says of
it, decides small regions of furniture by their element, and falls back to the text path,
saying why, when the markup cannot be used."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus import Cleaner, Thresholds
from karabakh_corpus._textmap import split
from karabakh_corpus.cleaner import markup_passes
from karabakh_corpus.cleaner.markup_facts import MARKUP_FEATURES, read_markup_facts
from karabakh_corpus.cleaner.page import Page
from karabakh_corpus.schema import Category, Region
from karabakh_corpus.spans import split_rule

html_text = pytest.importorskip("html_text", reason='needs the test extra: pip install ".[test]"')

from karabakh_corpus.cleaner.markup import LineMarkup, Markup, read_markup  # noqa: E402
from karabakh_corpus.html import render_html  # noqa: E402
from karabakh_corpus.stream import Record, clean_records  # noqa: E402

PARAGRAPHS = (
    "The leaders of Armenia and Azerbaijan met on Sunday in Brussels for a new round of "
    "talks on the peace treaty, officials said.",
    "The talks lasted four hours and ended with a joint statement on the border commission, "
    "which will meet again next month.",
    "Both sides said the meeting was constructive, and the European Council president "
    "thanked them for their work.",
)
FOOTER = (
    "The Daily is an independent newspaper published in Brussels since 1990 by a "
    "cooperative of its own journalists and readers."
)
PAGE = f"""<html><head><title>The Daily</title></head><body>
<nav class="menu"><ul><li><a href="/">Front page</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport and games</a></li></ul></nav>
<div id="main"><article><h1>Talks resume in Brussels</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article></div>
<footer id="site"><p>{FOOTER}</p></footer>
</body></html>"""
NAV = ("Front page", "World news", "Sport and games")


def _cleaner(**numbers: object) -> Cleaner:
    """A cleaner of the shipped text path with the HTML path's numbers given (none else)."""
    values: dict[str, object] = {
        "markup": {},
        "region_share": 0.0,
        "article_tokens": (),
        "furniture_tokens": (),
    }
    values.update(numbers)
    return Cleaner(thresholds=Thresholds(**values))  # type: ignore[arg-type]


def _regions(result: kc.Cleaned) -> list[tuple[int, int, str, str]]:
    return [(r.start, r.end, r.category.value, r.stored_rule) for r in result.regions]


def test_clean_html_reads_the_markup_and_keeps_exact_offsets() -> None:
    result = kc.clean_html(PAGE)
    assert (result.path, result.fallback) == ("markup", None)
    assert result.raw == render_html(PAGE)
    assert [result.raw[a:b] for a, b in split(result.raw)[0]] == [r.text for r in result.regions]
    for region in result.regions:
        assert result.raw[region.start : region.end] == region.text
    assert result.text.startswith("\n\n".join(PARAGRAPHS))
    assert result.title == "Talks resume in Brussels"


def test_the_text_path_is_the_text_path() -> None:
    result = kc.clean(render_html(PAGE))
    assert (result.path, result.fallback) == ("text", None)


def test_without_markup_numbers_the_markup_path_gives_the_text_paths_output() -> None:
    """Markup weights of 0 and no region share: every line as the text path decides it (the
    page has a title line, so the markup's headline is not needed)."""
    cleaner = _cleaner()
    on_markup = kc.clean_html(PAGE, cleaner=cleaner)
    assert on_markup.path == "markup"
    assert _regions(on_markup) == _regions(cleaner.clean(render_html(PAGE)))
    # the footer's sentence reads as text: the text path keeps it
    assert FOOTER in on_markup.text


def test_a_small_region_of_furniture_is_decided_by_its_element() -> None:
    result = kc.clean_html(PAGE, cleaner=_cleaner(region_share=0.3))
    decided = {r.text: r for r in result.regions if r.reason == "markup-region"}
    assert set(decided) == {"The Daily", *NAV, FOOTER}  # the <title>, the nav, the footer
    for text in NAV:
        assert decided[text].category is Category.NAVIGATION
        assert decided[text].rule == "nav body>nav.menu"
        assert decided[text].stored_rule == "markup-nav body>nav.menu"
    assert decided[FOOTER].stored_rule == "markup-footer footer#site"
    assert decided[FOOTER].category is Category.BOILERPLATE
    assert decided["The Daily"].stored_rule == "markup-head html>head>title"
    assert result.text == "\n\n".join(PARAGRAPHS)
    # stored and read back (the records' one ``rule`` string), the reason is the region's
    region = decided[FOOTER]
    assert split_rule(region.stored_rule) == ("footer footer#site", "markup-region")
    again = Region(region.start, region.end, region.text, category=region.category,
                   rule=region.stored_rule)  # fmt: skip
    assert again == region


def test_a_region_holding_much_of_the_page_is_not_decided() -> None:
    """The footer holds 0.23 of the page's text: under a share of 0.2 it is read line by
    line; the nav (0.06) is still decided."""
    result = kc.clean_html(PAGE, cleaner=_cleaner(region_share=0.2))
    decided = {r.text for r in result.regions if r.reason == "markup-region"}
    assert decided == {"The Daily", *NAV}
    assert FOOTER in result.text
    # a page wrapped whole in a region of furniture is not furniture
    wrapped = PAGE.replace("<body>", "<body><aside>").replace("</body>", "</aside></body>")
    result = kc.clean_html(wrapped, cleaner=_cleaner(region_share=0.3))
    assert "\n\n".join(PARAGRAPHS) in result.text


def test_markup_weights_move_a_line() -> None:
    """A weight on ``in_footer`` weighs the footer's sentence out of the body; one on
    ``in_nav`` cannot bring link lines in that the text path removes by their rule or the
    run, but the weights are added to the first stage's logit of each line."""
    result = kc.clean_html(PAGE, cleaner=_cleaner(markup={"in_footer": -20.0}))
    assert FOOTER not in result.text
    assert result.text == "\n\n".join(PARAGRAPHS)
    footer = next(r for r in result.regions if r.text == FOOTER)
    assert footer.category is not Category.PARAGRAPH and footer.reason != "markup-region"


def test_the_facts_of_each_line() -> None:
    markup = read_markup(PAGE)
    _spans, lines = split(markup.text)
    weights = tuple(-1.0 if n == "in_nav" else 0.0 for n in MARKUP_FEATURES)
    facts = read_markup_facts(markup, lines, weights, ((), ("menu",)))
    row = {
        line: dict(zip(MARKUP_FEATURES, f.row, strict=True))
        for line, f in zip(lines, facts, strict=True)
    }
    nav = row["World news"]
    assert (nav["link_share"], nav["all_link"], nav["in_nav"], nav["in_list"]) == (1, 1, 1, 1)
    assert (nav["furniture_token"], nav["article_token"], nav["in_container"]) == (1, 0, 0)
    first = row[PARAGRAPHS[0]]
    assert (first["link_share"], first["in_paragraph"], first["in_article"]) == (0, 1, 1)
    assert first["in_container"] == 1 and first["in_footer"] == 0
    assert row[FOOTER]["in_footer"] == 1 and row[FOOTER]["in_container"] == 0
    assert row["The Daily"]["in_head"] == 1
    by_line = dict(zip(lines, facts, strict=True))
    assert by_line["World news"].score == -1.0 and by_line[PARAGRAPHS[0]].score == 0.0
    assert by_line["World news"].region == "nav body>nav.menu"
    assert [line for line, f in by_line.items() if f.headline] == ["Talks resume in Brussels"]
    declared = read_markup_facts(markup, lines, weights, headlines=["  the daily  "])
    assert not declared[0].headline  # the <title> itself is never the markup's headline
    with pytest.raises(ValueError, match="lines for a markup of"):
        read_markup_facts(markup, lines[1:], weights)


def test_the_token_features_are_those_the_fit_reads(bench_root: Path) -> None:
    """`read_markup_facts` finds the vocabulary's tokens near a line by its own walk (flags
    cached per element); `scripts/fit_markup.py` reads `near_tokens`. Both must see the same
    tokens, with the shipped vocabulary, on every line of real pages."""
    import gzip

    from karabakh_corpus.html import decode_html

    th = Cleaner().thresholds
    article, furniture = frozenset(th.article_tokens), frozenset(th.furniture_tokens)
    seen = set()
    paths = sorted((bench_root / "dev" / "html").glob("*.html.gz"))[:12]
    paths += sorted((bench_root / "trafeval" / "html").glob("*.html.gz"))[::60]
    for path in paths:
        markup = read_markup(decode_html(gzip.decompress(path.read_bytes()))[0])
        seen |= _token_features_agree(markup, article, furniture, path.name)
    assert len(seen) == 4  # every combination occurs: the check reads real tokens


def _token_features_agree(
    markup: Markup, article: frozenset[str], furniture: frozenset[str], name: str
) -> set[tuple[float, float]]:
    """Check that each line's ``furniture_token`` and ``article_token`` are what
    `near_tokens` finds near its element; the pairs seen."""
    from karabakh_corpus.cleaner.markup_facts import near_tokens

    zeros = (0.0,) * len(MARKUP_FEATURES)
    f_at, a_at = MARKUP_FEATURES.index("furniture_token"), MARKUP_FEATURES.index("article_token")
    _spans, lines = split(markup.text)
    facts = read_markup_facts(markup, lines, zeros, (article, furniture))
    seen = set()
    for line, fact in zip(markup.lines, facts, strict=True):
        near = near_tokens(markup, line.element)
        expected = (float(bool(near & furniture)), float(bool(near & (article - furniture))))
        assert (fact.row[f_at], fact.row[a_at]) == expected, name
        seen.add(expected)
    return seen


_TAGS = ("div", "section", "ul", "li", "p", "a", "span", "article", "nav")
_ATTRIBUTES = (
    "",
    ' class="menu"',
    ' class="entry-content"',
    ' id="mainNav"',
    ' class="post" id="entry-1"',
    ' itemprop="articleBody"',
    ' class="menu entry"',
    ' class="Entry Menu"',
)


@st.composite
def _pages(draw: st.DrawFn) -> str:
    """HTML of nested elements, each with text or not and with class, id and itemprop
    values that the vocabulary below names or not, up to eight levels deep."""

    def element(depth: int) -> str:
        tag = draw(st.sampled_from(_TAGS))
        attributes = draw(st.sampled_from(_ATTRIBUTES))
        children = draw(st.integers(0, 3 if depth < 8 else 0))
        inside = "".join(element(depth + 1) for _ in range(children))
        text = draw(st.sampled_from(["", "Talks in Baku", "More news"]))
        tail = draw(st.sampled_from(["", " and more"]))
        return f"<{tag}{attributes}>{text}{inside}</{tag}>{tail}"

    body = draw(st.sampled_from(["<body>", '<body class="menu">']))
    return f"<html>{body}{element(0)}{element(0)}</body></html>"


@given(_pages())
@settings(deadline=None)
def test_the_token_features_are_those_the_fit_reads_on_generated_pages(page: str) -> None:
    """Generated nesting: the flags read once per element and per parent give the tokens
    `near_tokens` finds, up to `TOKEN_DISTANCE` levels above each line, below <body>."""
    _token_features_agree(
        read_markup(page), frozenset({"entry", "post", "menu"}), frozenset({"menu", "nav"}), page
    )


def test_the_markup_headline_is_the_first_h1_that_holds_text() -> None:
    page = PAGE.replace("<article>", "<h1><img src='x.png'></h1><article>").replace(
        "</footer>", "</footer><h1>A second heading</h1>"
    )
    markup = read_markup(page)
    _spans, lines = split(markup.text)
    facts = read_markup_facts(markup, lines, (0.0,) * len(MARKUP_FEATURES))
    assert [line for line, f in zip(lines, facts, strict=True) if f.headline] == [
        "Talks resume in Brussels"
    ]


def test_the_markup_names_the_headline_when_no_line_repeats_the_title() -> None:
    markup = read_markup(PAGE)
    _spans, lines = split(markup.text)
    cleaner = Cleaner()
    facts = [cleaner._line(x) for x in lines]
    marks = read_markup_facts(markup, lines, (0.0,) * len(MARKUP_FEATURES))
    page = Page(lines, facts, markup=marks)
    page.title = -1
    markup_passes.markup_headline(page, cleaner.thresholds)
    assert lines[page.title] == "Talks resume in Brussels"
    page.title = 0  # a title line found on the text: the markup's is not needed
    markup_passes.markup_headline(page, cleaner.thresholds)
    assert page.title == 0
    plain = Page(lines, facts)  # the text path: no markup, nothing changes
    for step in (markup_passes.markup_regions, markup_passes.markup_stage):
        step(plain, Thresholds(region_share=0.5, markup={"in_nav": -5.0}))
    markup_passes.markup_headline(plain, cleaner.thresholds)
    assert plain.title == -1 and plain.labels == [f.label for f in facts]


SITE_PAGE = f"""<html><head><title>Brussels round ends with a statement | The Daily</title>
<meta property="og:site_name" content="The  Daily"></head><body>
<div class="logo"><a href="/">The Daily</a></div>
<div id="main"><article><h1>Talks resume in Brussels</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article></div></body></html>"""


def test_the_name_of_the_site_the_page_declares_is_not_its_headline() -> None:
    """ "Headline | The Daily" whose headline no line repeats: the line that repeats a part
    of the title is the site's name in the page's header, which `og:site_name` declares;
    the markup's headline (the ``<h1>``) is the title line instead. Until cleaner version
    10 the site's name was the title, and the article was read from below it."""
    result = kc.clean_html(SITE_PAGE)
    assert result.title == "Talks resume in Brussels"
    assert result.text.startswith("\n\n".join(PARAGRAPHS))
    # without the declaration, the site's name is the title (its line repeats a title part)
    undeclared = SITE_PAGE.replace('<meta property="og:site_name" content="The  Daily">', "")
    assert kc.clean_html(undeclared).title == "The Daily"
    # the line that reads as the name (folded, whitespace collapsed) knows it
    markup = read_markup(SITE_PAGE)
    _spans, lines = split(markup.text)
    zeros = (0.0,) * len(MARKUP_FEATURES)
    marks = read_markup_facts(markup, lines, zeros, site_names=["the daily "])
    assert [line for line, mark in zip(lines, marks, strict=True) if mark.site] == ["The Daily"]
    assert not any(m.site for m in read_markup_facts(markup, lines, zeros))


def test_a_headline_all_in_a_link_is_not_the_markups_headline() -> None:
    """A blog's ``<h1>`` that holds its name as a link to the front page, above the post's
    own headline in an ``<h2>``: the link is not the headline the markup names, and the
    title is the post's headline, read from the text, not the blog's name (until cleaner
    version 10 it was)."""
    page = PAGE.replace(
        '<div id="main"><article><h1>Talks resume in Brussels</h1>',
        '<h1><a href="/">The Daily Blog</a></h1><div id="main"><article><h2>Talks resume</h2>',
    )
    assert kc.clean_html(page).title == "Talks resume"
    linked = read_markup(page)
    _spans, lines = split(linked.text)
    marks = read_markup_facts(linked, lines, (0.0,) * len(MARKUP_FEATURES))
    # (the markup names it, as a line of the first <h1>: the pass is what leaves it out)
    assert [
        m.headline for line, m in zip(lines, marks, strict=True) if line == "The Daily Blog"
    ] == [True]
    # the same name as plain text is the markup's headline
    plain = page.replace('<h1><a href="/">The Daily Blog</a></h1>', "<h1>The Daily Blog</h1>")
    assert kc.clean_html(plain).title == "The Daily Blog"


def test_a_page_whose_markup_does_not_align_falls_back_to_the_text_path_and_says_why() -> None:
    text = "Home\n\n" + "\n\n".join(PARAGRAPHS)
    spans = split(text)[0]
    lines = tuple(LineMarkup(a, b, -1, -1, b - a, 0) for a, b in spans)
    markup = Markup(text, lines, aligned=False, reason="the walk found other text")
    result = Cleaner().clean_markup(markup)
    assert result.path == "text"
    assert result.fallback == "the page's markup could not be used: the walk found other text"
    assert result.raw == text
    assert _regions(result) == _regions(kc.clean(text))
    assert kc.clean_html(PAGE).path == "markup"


def test_the_markup_numbers_are_checked_and_pickle() -> None:
    with pytest.raises(ValueError, match="in_navigation"):
        Thresholds(markup={"in_navigation": 1.0})
    with pytest.raises(TypeError, match="collection of str"):
        Thresholds(furniture_tokens="menu")
    with pytest.raises(ValueError, match="region_share"):
        Thresholds(region_share=1.5)
    numbers = Thresholds(markup={"in_nav": -2.0}, region_share=0.25, article_tokens=["entry"])
    again = pickle.loads(pickle.dumps(numbers))
    assert again == numbers and dict(again.markup) == {"in_nav": -2.0}
    assert again.article_tokens == frozenset({"entry"})
    with pytest.raises(TypeError):
        numbers.markup["in_nav"] = 0.0  # type: ignore[index]


@pytest.mark.parametrize("processes", [1, 2])
def test_records_read_from_html_are_cleaned_on_the_markup_path(processes: int) -> None:
    """A stream's HTML records (the CLI's .html files and WARC pages) are cleaned by
    clean_html in the worker, the markup read there; text records stay on the text path."""
    cleaner = _cleaner(region_share=0.3)
    text = render_html(PAGE)
    records = [
        Record("page.html", "page.html", text, html=PAGE),
        Record("page.txt", "page.txt", text),
    ]
    out = list(clean_records(records, cleaner=cleaner, processes=processes, chunksize=1))
    (first, html_result), (second, text_result) = out
    assert (first.id, second.id) == ("page.html", "page.txt")
    assert html_result.path == "markup" and text_result.path == "text"
    assert _regions(html_result) == _regions(kc.clean_html(PAGE, cleaner=cleaner))
    assert _regions(text_result) == _regions(cleaner.clean(text))
    assert _regions(html_result) != _regions(text_result)  # the nav and footer by markup


def test_an_html_file_is_read_with_its_page(tmp_path: Path) -> None:
    from karabakh_corpus.stream import read_records

    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (record,) = list(read_records(str(path), "html"))
    assert isinstance(record, Record)
    assert record.html == PAGE and record.text == render_html(PAGE)
    plain = tmp_path / "page.txt"
    plain.write_text("Talks resume\n", encoding="utf-8")
    (record,) = list(read_records(str(plain), "text"))
    assert isinstance(record, Record) and record.html is None


def test_the_fit_moves_every_markup_number() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import fit_markup

    moved = {name for _section, name, _steps in fit_markup._moves()}
    assert moved == {*MARKUP_FEATURES, "region_share"}
    assert fit_markup.MODEL.is_file()


def test_the_fit_scores_what_clean_html_gives(bench_root: Path) -> None:
    """scripts/fit_markup.py reads each development page once and reruns only the passes:
    its output must be clean_html's, under markup numbers that move every line."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import fit_markup  # (it puts benchmarks/ on the path)

    bench_sets = fit_markup.bench_sets

    pages = bench_sets.load(bench_root, "dev", every=8)
    read = [fit_markup.HtmlPage(p, Cleaner()) for p in pages]
    article, furniture = fit_markup.derive_vocabulary(read)
    markup = {
        "weights": {n: (-1.5, 0.7, 0.0)[k % 3] for k, n in enumerate(MARKUP_FEATURES)},
        "article_tokens": ["entry", "article"],
        "furniture_tokens": ["menu", "footer", "share"],
        "region_share": 0.2,
    }
    cleaner = fit_markup._cleaner(markup)
    compared = 0
    for page, html_page in zip(pages, read, strict=True):
        html_page.set_vocabulary(
            frozenset(markup["article_tokens"]), frozenset(["menu", "footer", "share"])
        )
        html_page.reweigh(fit_markup._weights(markup))
        result = kc.clean_html(page.html, cleaner=cleaner)
        if result.raw != html_page.text:  # decoded otherwise than its text/ID.txt was
            continue
        assert _regions(html_page.run(cleaner)) == _regions(result), page.id
        compared += 1
    assert compared >= len(pages) // 2
    assert all(isinstance(t, str) for t in article + furniture)


ROUNDS = (
    "SEPTEMBER",
    "29 Brussels, Europa building",
    "30 Geneva, Palais des Nations",
    "OCTOBER",
    "01 Vienna, Hofburg",
    "02 Prague, Czernin Palace",
)


def test_a_line_knows_when_it_continues_the_element_of_the_line_before() -> None:
    page = "<html><body>loose text<p>one<br>two<br>three</p><p>four</p><div>five<br>six</div>"
    markup = read_markup(page)
    _spans, lines = split(markup.text)
    assert lines == ["loose text", "one", "two", "three", "four", "five", "six"]
    marks = read_markup_facts(markup, lines, (0.0,) * len(MARKUP_FEATURES))
    assert [m.continues for m in marks] == [False, False, True, True, False, False, True]
    # lines whose element is the page's own <body> are no one paragraph
    body = read_markup("<html><body>one<br>two<br>three</body></html>")
    _spans, lines = split(body.text)
    assert not any(
        m.continues for m in read_markup_facts(body, lines, (0.0,) * len(MARKUP_FEATURES))
    )


def test_the_lines_a_paragraph_breaks_into_go_with_the_body() -> None:
    """The article's last paragraph lists the next rounds, one a line (``<br>``): short
    lines that read like furniture alone, but the paragraph's first line is the article's,
    so all of them are. A separate paragraph below ("Listen") is not pulled in. Until
    cleaner version 12 the list was dropped (a tour's dates on a dragnet page)."""
    page = (
        "<html><head><title>Talks resume in Brussels - The Daily</title></head><body>"
        f"<article><h1>Talks resume in Brussels</h1>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}"
        f"<p>The next rounds are as follows.<br>{'<br>'.join(ROUNDS)}</p>"
        "<p>Listen</p><p>More from World</p></article>"
        f"<footer><p>{FOOTER}</p></footer></body></html>"
    )
    result = kc.clean_html(page)
    assert result.paragraphs == (*PARAGRAPHS, "The next rounds are as follows.", *ROUNDS)
    # the text path reads the same lines without their elements: the list is dropped
    text = kc.clean(render_html(page))
    assert text.paragraphs == (*PARAGRAPHS, "The next rounds are as follows.")
