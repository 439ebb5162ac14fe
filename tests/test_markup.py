"""The markup reader: html-text's rendering of a page, and the elements each line comes from."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from karabakh_corpus import _textmap
from karabakh_corpus.cleaner.markup import (
    KINDS,
    LineMarkup,
    Markup,
    class_tokens,
    parse_page,
    read_markup,
)
from karabakh_corpus.errors import DataFormatError

html_text = pytest.importorskip("html_text", reason='needs the test extra: pip install ".[test]"')
lxml_etree = pytest.importorskip("lxml.etree")
lxml_html = pytest.importorskip("lxml.html")

PAGE = (
    "<html><head><title>A quiet day in Tbilisi - Example News</title>"
    "<script>var x = 1;</script><style>p {color: red}</style></head>"
    "<body class='single-post'>"
    "<nav class='main-menu' id='top-nav'><ul><li><a href='/'>Home</a></li>"
    "<li><a href='/world'>World</a></li></ul></nav>"
    "<article id='story' class='post-article'>"
    "<h1>A quiet day in Tbilisi</h1>"
    "<p>The talks went <a href='/x'>on late</a> into the night, officials said.</p>"
    "<p style='display: none'>Subscribe to read more</p>"
    "<footer class='shareBar'>Share this story</footer>"
    "</article>"
    "<div role='contentinfo'>Copyright 2024 Example News</div>"
    "</body></html>"
)


def _line(markup, text):  # type: ignore[no-untyped-def]
    (found,) = [x for x in markup.lines if markup.text[x.start : x.end] == text]
    return found


def test_a_page_renders_as_html_text_does_with_a_fact_for_each_line() -> None:
    markup = read_markup(PAGE)
    assert markup.text == html_text.extract_text(PAGE)
    assert markup.aligned and markup.reason == ""
    assert [markup.text[x.start : x.end] for x in markup.lines] == [
        "A quiet day in Tbilisi - Example News",
        "Home",
        "World",
        "A quiet day in Tbilisi",
        "The talks went on late into the night, officials said.",
        "Subscribe to read more",
        "Share this story",
        "Copyright 2024 Example News",
    ]
    assert tuple((x.start, x.end) for x in markup.lines) == _textmap.split(markup.text)[0]


def test_each_line_knows_its_element_the_kinds_around_it_and_its_links() -> None:
    markup = read_markup(PAGE)
    home = _line(markup, "Home")
    assert markup.tags[home.element] == "a" and markup.tags[home.block] == "li"
    assert markup.kinds_of(home.element) == {"nav", "list", "link"}
    assert home.link_share == 1.0
    title = _line(markup, "A quiet day in Tbilisi - Example News")
    assert markup.path(title.element) == ("html", "head", "title")
    assert markup.kinds_of(title.element) == frozenset()
    headline = _line(markup, "A quiet day in Tbilisi")
    assert markup.kinds_of(headline.element) == {"article", "heading"}
    # three pieces of text: the paragraph's, the link's and the link's tail
    para = _line(markup, "The talks went on late into the night, officials said.")
    assert markup.tags[para.element] == "p"
    assert para.chars == len("The talks went") + len("on late") + len(
        "into the night, officials said."
    )
    assert para.link_chars == len("on late")
    assert para.link_share == pytest.approx(7 / 52)
    assert markup.chars[para.element] == 52 and markup.link_chars[para.element] == 7
    assert markup.density(para.element) == 26.0  # 52 characters in the p and its a
    assert markup.link_density(para.element) == pytest.approx(7 / 52)
    hidden = _line(markup, "Subscribe to read more")
    assert markup.within(hidden.element, "hidden")
    assert not markup.within(para.element, "hidden")
    assert markup.kinds_of(_line(markup, "Copyright 2024 Example News").element) == {"footer"}


def test_what_a_browser_that_runs_scripts_does_not_show_is_hidden() -> None:
    """html-text renders what a ``<noscript>`` holds (here a video player's escaped
    markup, as a dragnet page has it); a browser that runs scripts shows none of it, nor a
    ``<template>``'s content, so both are hidden elements."""
    page = (
        "<p>Watch the talks below:</p>"
        '<noscript>&lt;object classid="clsid:D27CDB6E"&gt;</noscript>'
        "<template><p>A row of the table</p></template><p>The end.</p>"
    )
    markup = read_markup(page)
    assert markup.text == html_text.extract_text(page)
    code = _line(markup, '<object classid="clsid:D27CDB6E">')
    assert markup.within(code.element, "hidden")
    assert markup.within(_line(markup, "A row of the table").element, "hidden")
    assert not markup.within(_line(markup, "Watch the talks below:").element, "hidden")
    assert not markup.within(_line(markup, "The end.").element, "hidden")


def test_tokens_come_from_the_line_element_and_around_it_below_the_body() -> None:
    markup = read_markup(PAGE)
    share = _line(markup, "Share this story")
    assert markup.kinds_of(share.element) == {"article", "footer"}
    assert markup.own_tokens(share.element) == ("share", "bar")
    assert markup.tokens(share.element) == {
        "share": 0,
        "bar": 0,
        "story": 1,
        "post": 1,
        "article": 1,
    }  # not "single": the body's class is the page's
    assert markup.name(share.element) == "article#story>footer.shareBar"
    home = _line(markup, "Home")
    assert markup.tokens(home.element) == {"main": 3, "menu": 3, "top": 3, "nav": 3}
    assert markup.name(home.element) == "ul>li>a"  # three levels: no id among them


@pytest.mark.parametrize(
    ("value", "tokens"),
    [
        ("entry-content post_body", ("entry", "content", "post", "body")),
        ("commentList js-share2", ("comment", "list", "js", "share")),
        ("a b-1 x9", ()),
        ("Kommentare kommentare", ("kommentare",)),
        ("ArticleBody", ("article", "body")),
        ("", ()),
    ],
)
def test_class_tokens(value: str, tokens: tuple[str, ...]) -> None:
    assert class_tokens(value) == tokens


def _tokens_as_defined(value: str) -> tuple[str, ...]:
    """`class_tokens` the plain way: runs of letters, camel case split, lower-cased, of two
    letters or more, each once, in order, the first sixteen."""
    found: dict[str, None] = {}
    for run in re.findall(r"[^\W\d_]+", value):
        for part in re.split(r"(?<=[a-z])(?=[A-Z])", run):
            if len(part) >= 2:
                found[part.lower()] = None
    return tuple(found)[:16]


@given(st.text(alphabet=st.sampled_from("abcxyzAZ09-_ :.éÉßİ"), max_size=120))
@example("entry-content post_body")  # lower-case ASCII: read by one search
@example(" ".join(f"w{chr(97 + k)}" for k in range(26)))  # more than sixteen tokens
@example("post-Body commentList")
def test_class_tokens_are_as_defined(value: str) -> None:
    assert class_tokens(value) == _tokens_as_defined(value)


def test_a_utility_class_soup_gives_at_most_sixteen_tokens() -> None:
    soup = " ".join(f"word{chr(97 + k)}{chr(97 + k)}" for k in range(26))
    assert len(class_tokens(soup)) == 16


def test_a_parsed_tree_is_read_and_left_unchanged() -> None:
    tree = parse_page(PAGE)
    before = lxml_etree.tostring(tree)
    markup = read_markup(tree)
    assert lxml_etree.tostring(tree) == before  # the reader cleaned a copy
    assert markup.text == read_markup(PAGE).text == html_text.extract_text(tree)


def test_kinds_are_named_once_each() -> None:
    assert len(set(KINDS)) == len(KINDS)
    assert {"nav", "header", "footer", "aside", "article", "main", "figure", "figcaption"} <= set(
        KINDS
    )


# -- pages that are not clean pages ----------------------------------------------------------


@pytest.mark.parametrize(
    "page", ["", "   ", "<html><body></body></html>", "<!-- a comment only -->", "<frameset/>"]
)
def test_a_page_without_text_gives_no_lines(page: str) -> None:
    markup = read_markup(page)
    assert markup.text == "" and markup.lines == () and markup.aligned


def test_broken_markup_reads_as_the_parser_recovers_it() -> None:
    page = "<p>one <b>two <i>three</p> four </div></span><li>five<td>six</table>&amp; <x-y>seven"
    markup = read_markup(page)
    assert markup.text == html_text.extract_text(page)
    assert markup.aligned
    # the parser ignores the stray closing tags: "&amp; " stays in the cell's text, after
    # "six" with no space, and html-text puts a space before the unknown element's text
    assert [markup.text[x.start : x.end] for x in markup.lines] == [
        "one two three",
        "four",
        "five six& seven",
    ]


def test_nesting_deeper_than_the_parser_keeps_gives_what_it_kept() -> None:
    deep = "<html><body>" + "<div>" * 1000 + "deep" + "</div>" * 1000 + "<p>after</p></body>"
    # the default parser stops at 255 levels and keeps nothing of this page: neither does
    # html-text (a decoding concern, not the reader's)
    assert read_markup(deep).text == html_text.extract_text(deep) == ""
    # a tree parsed without that limit is read whole
    parser = lxml_html.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
    tree = lxml_etree.fromstring(deep.encode(), parser=parser)
    markup = read_markup(tree)
    assert markup.text == "deep\n\nafter" and markup.aligned
    deepest = markup.lines[0].element
    assert markup.depths[deepest] == 1001 and len(markup.path(deepest)) == 1002
    assert markup.tags[markup.lines[1].element] == "p"


def test_a_chain_of_classes_keeps_the_nearest_tokens() -> None:
    page = "".join(f"<div class='level{chr(97 + k % 26)}{chr(97 + k // 26)}'>" for k in range(200))
    markup = read_markup(page + "text")
    tokens = markup.tokens(markup.lines[0].element)
    assert len(tokens) == 64
    assert sorted(tokens.values()) == list(range(64))


def test_a_huge_page_aligns() -> None:
    page = "<body>" + "<p>A line of <b>running</b> text, one of many.</p>\n" * 20_000
    markup = read_markup(page)
    assert markup.aligned and len(markup.lines) == 20_000
    assert markup.text == html_text.extract_text(page)


@pytest.mark.parametrize(
    ("page", "text"),
    [
        # a space between pieces, none before a closing mark, none after "(" as written
        ("<p>a<b>b</b>, c (<i>d</i>) e</p>", "a b, c (d) e"),
        # "(" then whitespace as written: the space stays
        ("<p>x (\n<b>y</b>?</p>", "x ( y?"),
        # a line break at a block, a blank line at a paragraph (one at most)
        (
            "<div>one <span>two</span></div><span>three</span><li>four</li>"
            "<ul><li>five</li></ul>six",
            "one two\nthree\nfour\n\nfive\n\nsix",
        ),
        ("<h1> Title </h1><br><br>next <a>(link)</a>.", "Title\n\nnext (link)."),
        ("<p>a</p>\n<p>\n</p><div></div><p>b</p>", "a\n\nb"),
    ],
)
def test_the_reader_writes_the_spaces_and_breaks_html_text_writes(page: str, text: str) -> None:
    markup = read_markup(page)
    assert markup.text == text == html_text.extract_text(page)
    assert tuple((x.start, x.end) for x in markup.lines) == _textmap.split(text)[0]


def test_a_markup_that_did_not_align_knows_no_element() -> None:
    text = "Not\n\nthe page's text"
    spans = _textmap.split(text)[0]
    lines = tuple(LineMarkup(a, b, -1, -1, b - a, 0) for a, b in spans)
    markup = Markup(text, lines, aligned=False, reason="built by hand")
    assert not markup.aligned and markup.reason == "built by hand"
    assert markup.split() == _textmap.split(text)  # read from the text
    assert markup.kinds_of(-1) == frozenset() and markup.tokens(-1) == {}
    assert markup.own_tokens(-1) == () and markup.name(-1) == "" and markup.tags == ()


def test_when_html_texts_cleaner_gives_up_the_page_is_read_uncleaned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class GivesUp:
        def __call__(self, tree: object) -> None:
            tree.getroottree().getroot().text = "changed"  # type: ignore[attr-defined]
            raise AssertionError

        def clean_html(self, tree: object) -> None:
            raise AssertionError

    monkeypatch.setattr(html_text, "cleaner", GivesUp())
    monkeypatch.setattr(html_text.html_text, "cleaner", GivesUp())
    page = "<p>plain <b>text</b></p><p>more</p>"
    markup = read_markup(page)
    assert markup.text == html_text.extract_text(page) == "plain text\n\nmore"
    assert markup.aligned
    # uncleaned, a comment stays in the tree; the walk of elements passes it by, and its
    # tail with it, in html-text's rendering and in the reader's alike
    page = "<p>a<!-- c -->b<?pi x?>c</p><script>var x;</script>"
    assert read_markup(page).text == html_text.extract_text(page) == "a\n\nvar x;"


def test_wrong_input_types_and_surrogates() -> None:
    with pytest.raises(TypeError, match="str of HTML"):
        read_markup(b"<p>bytes</p>")  # type: ignore[arg-type]
    with pytest.raises(DataFormatError, match="lone surrogate"):
        read_markup("<p>\ud800</p>")


# -- any HTML ----------------------------------------------------------------------------------

_TAGS = ("div", "p", "span", "a", "li", "ul", "h2", "td", "tr", "table", "nav", "footer", "b",
         "br", "section", "article", "pre", "blockquote", "script", "style", "title", "option",
         "figure", "figcaption", "form", "aside")  # fmt: skip
_ATTRS = ("", " class='comment-list'", " id='main'", " style='display:none'", " role='navigation'",
          " hidden", " aria-hidden='true'", " href='/x'")  # fmt: skip
_fragments = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from([" ", "\n", "\t", "\xa0", "\u2009", "&amp;", "&nbsp;", "<!-- c -->", ",", "("]),
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(_TAGS), st.sampled_from(_ATTRS)),
    st.builds(lambda t: f"</{t}>", st.sampled_from(_TAGS)),
)
_pages = st.lists(_fragments, max_size=40).map("".join)


@given(_pages)
def test_any_html_gives_lines_whose_facts_align_with_the_split(page: str) -> None:
    markup = read_markup(page)
    assert markup.text == html_text.extract_text(page)
    assert markup.aligned, markup.reason
    assert tuple((x.start, x.end) for x in markup.lines) == _textmap.split(markup.text)[0]
    assert markup.split() == _textmap.split(markup.text)  # read from the lines
    for line in markup.lines:
        e, b = line.element, line.block
        assert 0 <= b <= e <= markup.lasts[b]  # the block holds the element
        assert 0 < line.chars <= line.end - line.start
        assert 0 <= line.link_chars <= line.chars <= markup.chars[e]
        assert markup.link_chars[e] <= markup.chars[e]
        assert len(markup.path(e)) == markup.depths[e] + 1


@given(st.text(max_size=200))
def test_any_text_is_read_or_refused_with_a_typed_error(page: str) -> None:
    try:
        markup = read_markup(page)
    except DataFormatError:
        return
    assert markup.text == html_text.extract_text(page)
    assert markup.aligned


# -- the development pages ----------------------------------------------------------------------


def test_every_development_page_renders_as_its_text_and_aligns(bench_dir: Path) -> None:
    for path in sorted((bench_dir / "html").glob("*.html.gz")):
        data = gzip.decompress(path.read_bytes())
        text = (bench_dir / "text" / f"{path.name.removesuffix('.html.gz')}.txt").read_text("utf-8")
        for codec in ("utf-8", "cp1252"):
            try:
                page = data.decode(codec)
            except UnicodeDecodeError:
                continue
            markup = read_markup(page)
            if markup.text == text:
                break
        assert markup.text == text, path.name
        assert markup.aligned and all(x.element >= 0 for x in markup.lines), path.name
        assert markup.split() == _textmap.split(text), path.name


# -- cleaning as html-text's cleaner does --------------------------------------------------------

_CLEANED_TAGS = ("script", "style", "link", "meta", "applet", "frameset", "frame", "noframes",
                 "iframe", "embed", "layer", "object", "image", "div", "p", "b")  # fmt: skip
_CLEANED_ATTRS = ("", " style='color:red'", " src='http://example.com/v'", " class='x'",
                  " xmlns='http://www.w3.org/1999/xhtml'")  # fmt: skip
_cleaned_pages = st.lists(
    st.one_of(
        st.sampled_from(["a", " b ", "\n", "<!-- c -->", "<?pi x?>", "<br>", "<img src=x>"]),
        st.builds(
            lambda t, a: f"<{t}{a}>",
            st.sampled_from(_CLEANED_TAGS),
            st.sampled_from(_CLEANED_ATTRS),
        ),
        st.builds(lambda t: f"</{t}>", st.sampled_from(_CLEANED_TAGS)),
    ),
    max_size=30,
).map("".join)


def _cleaned_both_ways(page: str) -> tuple[bytes, bytes]:
    """The tree of `page` cleaned by html-text's cleaner and by the reader's `_clean`."""
    from karabakh_corpus.cleaner.markup import _clean

    theirs, ours = parse_page(page), parse_page(page)
    html_text.cleaner(theirs)
    _clean(ours, html_text.cleaner)
    return lxml_etree.tostring(theirs), lxml_etree.tostring(ours)


@given(_cleaned_pages)
@example("<p>a<script>x</script>b<style>y</style>c<!-- d -->e<?pi f?>g</p>")
@example("<object><param name=a>x</object><p style='display:none'>y<image src=i>z</p>")
@example("<frameset><frame src=a></frameset><noframes>n</noframes><iframe src=b>i</iframe>")
def test_the_reader_cleans_as_html_texts_cleaner(page: str) -> None:
    """lxml's own calls clean the tree as html-text's cleaner does, element for element."""
    theirs, ours = _cleaned_both_ways(page)
    assert ours == theirs


def test_where_the_two_cleanings_could_differ_html_texts_cleaner_runs() -> None:
    # a <param> outside <object>, which html-text's cleaner drops with what it holds
    page = "<p>a<param name=x>b</p><object><param name=y>c</object>"
    theirs, ours = _cleaned_both_ways(page)
    assert ours == theirs
    # an address no parser reads: the cleaner does not read it either (no host is allowed)
    page = "<p>text</p><iframe src='http://[broken'>i</iframe>"
    assert read_markup(page).text == html_text.extract_text(page) == "text\n\ni"
    # a cleaner configured otherwise is run itself
    from lxml_html_clean import Cleaner

    from karabakh_corpus.cleaner.markup import _cleans_as_known

    assert _cleans_as_known(html_text.cleaner)
    assert not _cleans_as_known(Cleaner(forms=True))


def test_every_bench_page_is_cleaned_as_html_texts_cleaner_cleans_it(bench_root: Path) -> None:
    """Every fourth page of each set: the same tree, element for element."""
    from karabakh_corpus.html import decode_html

    for name in ("dev", "l3s-gn1", "dragnet", "cleaneval", "trafeval"):
        for path in sorted((bench_root / name / "html").glob("*.html.gz"))[::4]:
            page = decode_html(gzip.decompress(path.read_bytes()))[0]
            theirs, ours = _cleaned_both_ways(page)
            assert ours == theirs, f"{name}/{path.name}"
