"""HTML in: clean_html renders a page with html-text, cleans it and maps back to the render."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus.cleaner.evaluate import score_page
from karabakh_corpus.html import _utf8_body, decode_html, render_html

pytest.importorskip("html_text", reason='needs the test extra: pip install ".[test]"')

PAGES = Path(__file__).parent / "data" / "html_pages"
IDS = sorted(p.stem for p in (PAGES / "html").glob("*.html"))


def _page(page_id: str) -> tuple[bytes, str]:
    html = (PAGES / "html" / f"{page_id}.html").read_bytes()
    gold = (PAGES / "gold" / f"{page_id}.txt").read_text("utf-8").strip()
    return html, gold


def test_the_test_set_is_there() -> None:
    assert IDS == ["harbour-ferry", "orchestra", "river-bridge"]


@pytest.mark.parametrize("page_id", IDS)
def test_pages_clean_to_their_article(page_id: str) -> None:
    html, gold = _page(page_id)
    result = kc.clean_html(html)
    assert score_page(result.text, gold).f1 >= 0.9, result.explain()
    # nothing of the page's furniture is left in the text
    for furniture in ("cookie", "Share on", "Related stories", "Teilen", "Most read", "©"):
        assert furniture not in result.text


def test_a_page_cleans_exactly() -> None:
    html, gold = _page("river-bridge")
    result = kc.clean_html(html)
    assert result.text == gold
    assert result.title == "New bridge opens over the Lenna river after three years of work"
    assert result.summary is not None and result.summary.startswith("The crossing links")
    removed = {r.category.value for r in result.stripped}
    assert {"cookie_notice", "share_prompt", "advertisement", "related_stories"} <= removed


@pytest.mark.parametrize("page_id", IDS)
def test_the_clean_text_maps_to_the_rendered_text(page_id: str) -> None:
    html, _gold = _page(page_id)
    result = kc.clean_html(html)
    assert result.raw == render_html(html)  # the map's other side is the rendered text
    for j, char in enumerate(result.text):
        i = result.to_input(j)
        if not char.isspace():
            assert result.raw[i] == char
            assert result.to_output(i) == j


def test_str_and_bytes_give_the_same_result() -> None:
    html, _gold = _page("river-bridge")
    assert kc.clean_html(html.decode("utf-8")).text == kc.clean_html(html).text


def test_a_declared_charset_is_read() -> None:
    html, _gold = _page("orchestra")
    with pytest.raises(UnicodeDecodeError):
        html.decode("utf-8")  # the page really is windows-1252
    text, codec = decode_html(html)
    assert codec == "cp1252" and "Jubiläum" in text and "größten" in text
    assert "Jubiläum" in kc.clean_html(html).title  # type: ignore[operator]


def test_the_encoding_passed_overrides_the_declared_one() -> None:
    html, _gold = _page("orchestra")
    with pytest.raises(kc.DataFormatError, match=r"utf-8 \(passed as encoding=\): byte \d+"):
        kc.clean_html(html, encoding="utf-8")
    assert "Jubiläum" in kc.clean_html(html, encoding="cp1252").text


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_a_byte_order_mark_wins(bom: bytes, codec: str) -> None:
    page = "<html><head><meta charset='iso-8859-1'></head><body><p>Łódź café</p></body></html>"
    text, used = decode_html(bom + page.encode(codec), encoding="cp1252")
    assert text == page and used.replace("_", "-") == codec


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("ISO-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        # labels WHATWG lists that Python spells its own way: windows-1252 too (until 1.9.0
        # they decoded as ISO-8859-1, C1 controls where the page meant curly quotes)
        ("ISO_8859-1", "cp1252"),
        ("latin_1", "cp1252"),
        ("ISO8859_9", "cp1254"),
        ("iso-ir-58", "gb18030"),
        ("Shift_JIS", "shift_jis"),
        ("UTF-8", "utf-8"),
    ],
)
def test_labels_are_read_as_browsers_read_them(label: str, expected: str) -> None:
    page = f'<meta http-equiv="Content-Type" content="text/html; charset={label}"><p>x</p>'
    assert decode_html(page.encode("ascii"))[1] == expected


@pytest.mark.parametrize("errors", ["replace", "strict"])
@pytest.mark.parametrize(
    "declared",
    [
        '<meta charset="iso-8859-1">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
        '<?xml version="1.0" encoding="Shift_JIS"?>',
    ],
)
def test_bytes_that_are_utf8_are_read_as_utf8_whatever_the_page_declares(
    declared: str, errors: str
) -> None:
    """A page whose bytes beyond ASCII all form UTF-8 sequences is UTF-8 under a wrong
    label (a server's or a template's default): in windows-1252 it would read "â€œ" for a
    quote mark. Until 1.9.0 the declaration won."""
    page = declared + "<p>“Zürich”, Łódź, Москва, 東京</p>"
    assert decode_html(page.encode("utf-8"), errors=errors) == (page, "utf-8")
    assert decode_html(page.encode("utf-8"), http_charset="iso-8859-1") == (page, "utf-8")
    assert render_html(page.encode("utf-8")) == "“Zürich”, Łódź, Москва, 東京"


def test_a_declaration_still_decides_bytes_that_are_not_utf8() -> None:
    """One byte of windows-1252 beyond ASCII is not a UTF-8 sequence: the label decides,
    as does the encoding a caller passes even for bytes that are UTF-8."""
    page = b'<meta charset="windows-1252"><p>caf\xe9 \x93quoted\x94</p>'
    assert decode_html(page) == ('<meta charset="windows-1252"><p>café “quoted”</p>', "cp1252")
    utf8 = '<meta charset="utf-8"><p>café</p>'.encode()
    assert decode_html(utf8, encoding="latin-1") == ('<meta charset="utf-8"><p>cafÃ©</p>', "cp1252")
    # a byte order mark still wins: UTF-16 of ASCII letters is valid UTF-8 too
    assert decode_html(codecs.BOM_UTF16_LE + "<p>é</p>".encode("utf-16-le"))[1] == "utf-16-le"


@given(st.text(alphabet=st.characters(min_codepoint=0x80, exclude_categories=("Cs",)), min_size=1))
def test_any_text_encoded_as_utf8_under_a_latin_label_decodes_back(text: str) -> None:
    page = '<meta charset="iso-8859-1"><p>' + text
    assert decode_html(page.encode("utf-8")) == (page, "utf-8")


def test_an_xml_declaration_is_a_declaration() -> None:
    page = '<?xml version="1.0" encoding="ISO-8859-15"?><html><body><p>5 €</p></body></html>'
    text, codec = decode_html(page.encode("iso-8859-15"))
    assert codec == "iso8859-15" and "5 €" in text


def test_undeclared_bytes_that_are_not_utf8_are_read_as_windows_1252() -> None:
    """As browsers read them; in 1.8.0 they raised, which is still what strict does."""
    page = "<p>Zürich – 5 €</p>".encode("cp1252")
    assert decode_html(page) == ("<p>Zürich – 5 €</p>", "cp1252")
    assert render_html(page) == "Zürich – 5 €"
    # undeclared UTF-8 is still read as UTF-8
    assert decode_html("<p>Zürich</p>".encode()) == ("<p>Zürich</p>", "utf-8")
    with pytest.raises(kc.DataFormatError, match="declares no charset") as info:
        decode_html(page, errors="strict")
    assert "pass the right encoding=" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_bytes_not_valid_in_the_declared_encoding_become_replacement_characters() -> None:
    """The WHATWG UTF-8 decoder: each invalid sequence is one U+FFFD where it stood, and
    nothing around it is lost. A page with one stray byte was refused whole in 1.8.0."""
    page = b'<meta charset="utf-8"><p>Caf\xe9 in Z\xc3\xbcrich, \xe2\x82 then more</p>'
    text, codec = decode_html(page)
    assert codec == "utf-8"
    assert text == '<meta charset="utf-8"><p>Caf\ufffd in Zürich, \ufffd then more</p>'
    assert render_html(page) == "Caf\ufffd in Zürich, \ufffd then more"
    # the header's charset is read the same way; the windows code pages too
    assert decode_html(b"<p>a\xffb</p>", http_charset="utf-8")[0] == "<p>a\ufffdb</p>"
    assert decode_html(b"<meta charset=windows-1253>a\xaab")[0].endswith("a\ufffdb")
    with pytest.raises(kc.DataFormatError, match=r"declared as 'utf-8'\): byte 28 is b'\\xe9"):
        decode_html(page, errors="strict")
    # the markup path parses such a page from its text, not from its bytes
    body = " ".join(["The talks in Brussels went on for hours on Monday, officials said."] * 3)
    page = b'<meta charset="utf-8"><h1>Talks resume</h1><p>Caf\xe9 ' + body.encode() + b"</p>"
    result = kc.clean_html(page)
    assert result.path == "markup" and result.text.startswith("Caf\ufffd The talks")


def test_an_encoding_you_pass_is_checked_not_read_leniently() -> None:
    with pytest.raises(kc.DataFormatError, match=r"utf-8 \(passed as encoding=\): byte 3"):
        decode_html(b"caf\xe9", encoding="utf-8")


@pytest.mark.parametrize("errors", ["ignore", "REPLACE", "", None, 1])
def test_errors_is_replace_or_strict(errors: object) -> None:
    with pytest.raises(ValueError, match="errors must be 'replace' or 'strict'"):
        decode_html(b"<p>x</p>", errors=errors)  # type: ignore[arg-type]


def test_an_unknown_charset_of_the_page_or_header_is_ignored_as_browsers_ignore_it() -> None:
    page = "<meta charset=klingon-8><p>Zürich</p>"
    assert decode_html(page.encode("utf-8")) == (page, "utf-8")
    # the next source decides: the page's declaration after an unknown header charset
    latin = '<meta charset="iso-8859-1"><p>Zürich</p>'
    assert decode_html(latin.encode("latin-1"), http_charset="ut") == (latin, "cp1252")
    # and the default after an unknown declaration: UTF-8, or windows-1252 when it is not
    assert decode_html(page.encode("latin-1")) == (page, "cp1252")
    with pytest.raises(kc.DataFormatError, match="declares no charset it names"):
        decode_html(page.encode("latin-1"), errors="strict")


def test_an_unknown_encoding_you_pass_raises() -> None:
    with pytest.raises(kc.DataFormatError, match="unknown encoding 'nope'"):
        kc.clean_html(b"<p>x</p>", encoding="nope")


@pytest.mark.parametrize("bad", [None, 42, ["<p>x</p>"], Path("page.html")])
def test_other_types_are_type_errors(bad: object) -> None:
    with pytest.raises(TypeError, match="str or bytes of HTML"):
        kc.clean_html(bad)  # type: ignore[arg-type]


def test_contradictory_arguments_raise() -> None:
    with pytest.raises(TypeError, match="encoding applies to bytes only"):
        kc.clean_html("<p>x</p>", encoding="utf-8")
    with pytest.raises(ValueError, match="a cleaner or a profile, not both"):
        kc.clean_html("<p>x</p>", cleaner=kc.Cleaner(), profile="independent")
    with pytest.raises(TypeError, match="cleaner must be a Cleaner"):
        kc.clean_html("<p>x</p>", cleaner="default")  # type: ignore[arg-type]


def test_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(kc.DataFormatError, match="lone surrogate at position 4"):
        kc.clean_html("<p>a\ud800b</p>")


@pytest.mark.parametrize("empty", ["", b"", "   ", "<html></html>", "<script>x()</script>"])
def test_empty_pages_give_an_empty_result(empty: str | bytes) -> None:
    result = kc.clean_html(empty)
    assert result.text == "" and result.title is None and result.regions == ()


def test_a_cleaner_and_a_profile_are_used() -> None:
    html, _gold = _page("river-bridge")
    keep_nothing = kc.Cleaner(thresholds=kc.Thresholds(bias=-50.0))
    assert kc.clean_html(html, cleaner=keep_nothing).text != kc.clean_html(html).text
    assert kc.clean_html(html, profile="independent").text == kc.clean_html(html).text


def test_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "html_text", None)
    with pytest.raises(kc.MissingExtraError, match=r"karabakh-corpus\[html\]"):
        kc.clean_html("<p>x</p>")


# -- decoding as WHATWG does, rendering however deep ------------------------------------------

C1 = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D])  # the bytes windows-1252 leaves undefined


@pytest.mark.parametrize("label", ["latin-1", "ISO-8859-1", "windows-1252", "us-ascii"])
def test_windows_1252_decodes_every_byte(label: str) -> None:
    """WHATWG's windows-1252 (what these labels mean) maps all 256 bytes: the five that
    the code page leaves undefined are the C1 controls of the same number. In 1.7.0 they
    raised."""
    text, codec = decode_html(bytes(range(256)), encoding=label)
    assert codec == "cp1252" and len(text) == 256
    assert [text[b] for b in C1] == ["\x81", "\x8d", "\x8f", "\x90", "\x9d"]
    assert text[0x80] == "\u20ac" and text[0x9F] == "\u0178" and text[0xE9] == "é"
    # every other byte as the code page has it
    assert all(text[b] == bytes([b]).decode("cp1252") for b in range(256) if b not in C1)
    page = b'<meta charset="iso-8859-1"><p>Quote \x93here\x9d</p>'
    assert render_html(page) == "Quote \u201chere\x9d"


def test_the_other_windows_code_pages_fill_only_their_c1_holes() -> None:
    """windows-1253 leaves 0x81 and 0xAA undefined; WHATWG's index maps the first to
    U+0081 and has no code point for the second, which stays an error."""
    assert decode_html(b"a\x81b", encoding="windows-1253")[0] == "a\x81b"
    with pytest.raises(kc.DataFormatError, match=r"does not decode as cp1253 .*byte 1"):
        decode_html(b"a\xaab", encoding="windows-1253")
    assert decode_html(b"<p>\x98</p>", encoding="windows-1251")[0] == "<p>\x98</p>"
    # a WHATWG label Python's codecs do not know
    page = b"<meta charset=windows-874><p>\xa1</p>"
    assert decode_html(page) == ("<meta charset=windows-874><p>\u0e01</p>", "cp874")


def test_the_charset_of_the_http_header_is_named_as_such() -> None:
    """In 1.7.0 a charset from the HTTP header was reported as "passed as encoding="."""
    with pytest.raises(kc.DataFormatError) as info:
        decode_html(b"<p>caf\xe9</p>", http_charset="utf-8", errors="strict")
    assert "(the charset 'utf-8' of the HTTP Content-Type header)" in str(info.value)
    # it wins over the page's declaration; the encoding passed wins over both
    page = b'<meta charset="utf-8"><p>caf\xe9</p>'
    assert decode_html(page, http_charset="latin-1")[1] == "cp1252"
    with pytest.raises(kc.DataFormatError, match=r"utf-8 \(passed as encoding=\)"):
        decode_html(page, encoding="utf-8", http_charset="latin-1")


@pytest.mark.parametrize("depth", [254, 300, 1000, 2000])
def test_deeply_nested_html_keeps_its_text(depth: int) -> None:
    """In 1.7.0 a page nested 254 levels deep or more rendered to empty text, silently."""
    page = "<html><body>" + "<div>" * depth + "<p>Deep in the page</p>" + "</div>" * depth
    assert render_html(page + "</body></html>") == "Deep in the page"


def test_html_nested_deeper_than_the_parser_reads_is_refused() -> None:
    page = "<html><body>" + "<div>" * 5000 + "<p>Too deep</p>" + "</div>" * 5000
    with pytest.raises(kc.DataFormatError, match="more than 2048 levels deep"):
        render_html(page)


_EDGES = st.lists(
    st.sampled_from([" ", "\t", "\n", "\x1c", "\x1f", "\x85", "\xa0", "\u2003", "\u3000",
                     "\x00", "a", "é", "<p>", "</p>", ">"]),
    max_size=6,
).map("".join)  # fmt: skip


@given(_EDGES, st.text(max_size=20), _EDGES)
def test_utf8_bytes_are_parsed_as_their_text_is(head: str, middle: str, tail: str) -> None:
    page = head + middle + tail
    body = _utf8_body(page.encode("utf-8", "surrogatepass"))
    # the bytes, trimmed, are the text's own UTF-8, or the text decides
    assert body is None or body == page.strip().replace("\x00", "").encode("utf-8")
    if (
        page.strip(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f")[:1].isascii()
        and page.rstrip(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f")[-1:].isascii()
    ):
        assert body is not None
    if not any("\ud800" <= c <= "\udfff" for c in page):
        assert render_html(page.encode("utf-8")) == render_html(page)


_CUT_HEAD = (
    "<html><head>\n<title>Gale to drive Nationwide | Motor Sport\nobj.style.fontSize = size;\n"
    "}\n</script>\n</head><body><h1>Gale to drive Nationwide</h1>\n"
    "<p>After driving three circuits last season, Gale moves up.</p>\n"
    "<p>He will race the No. 33 at Nashville.</p></body></html>"
)
"""A page cut short in its head (a crawl lost the end of its title and the start of a
script): its ``<title>`` is never closed."""


def test_a_title_never_closed_ends_with_its_line() -> None:
    """In 1.10.0 such a page rendered as one line, the whole page read as its title, tags
    and all (4 of the 299 L3S-GN1 pages): html-text renders it so."""
    html_text = pytest.importorskip("html_text")
    assert "\n" not in html_text.extract_text(_CUT_HEAD)  # what html-text gives: one line
    lines = render_html(_CUT_HEAD).split("\n\n")
    assert lines[0] == "Gale to drive Nationwide | Motor Sport"
    assert "He will race the No. 33 at Nashville." in lines
    assert not any("<" in line for line in lines)  # no tag is read as text
    result = kc.clean_html(_CUT_HEAD)
    assert result.title == "Gale to drive Nationwide"
    assert result.paragraphs == (
        "After driving three circuits last season, Gale moves up.",
        "He will race the No. 33 at Nashville.",
    )


@pytest.mark.parametrize(
    "title",
    [
        "<title>Closed</title>",
        "<TITLE lang='en'>Closed</TITLE >",
        "<title>Closed\nover two lines</title>",
        "<title/>",
        "",
    ],
)
def test_a_closed_title_renders_as_html_text_renders_it(title: str) -> None:
    html_text = pytest.importorskip("html_text")
    page = f"<html><head>{title}</head><body><p>One</p><svg><title>Icon</title></svg></body>"
    assert render_html(page) == html_text.extract_text(page)


def test_a_title_cut_before_a_tag_ends_there() -> None:
    page = "<html><head><title>Headline - Ne<script>var x = 1;</script></head><body><p>Text"
    assert render_html(page) == "Headline - Ne\n\nText"


def _teasered(box: str) -> str:
    """An article of five paragraphs with `box` (formatted with ``n``, 1 to 3) after its
    second, third and fourth."""
    from conftest import ARTICLE

    parts = []
    for k, text in enumerate(ARTICLE):
        parts.append(f"<p>{text}</p>")
        if 1 <= k < len(ARTICLE) - 1:
            parts.append(box.format(n=k))
    return (
        "<html><head><title>Talks resume in Tbilisi - World News</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Talks resume in Tbilisi</h1>{''.join(parts)}</article>"
        "<footer><p>Copyright 2024 World News</p></footer></body></html>"
    )


def test_teasers_dated_inside_an_article_are_no_comment_thread() -> None:
    """A linked headline over its date, three times inside an article (boxes of related
    articles, as a Spanish-language newspaper's pages have them), does not end the body as
    a thread of comments signed with dates would; a date below a linked name that is no
    heading (a reader's signature) still does. Until cleaner version 12 both did."""
    from conftest import ARTICLE

    loose = kc.Cleaner(thresholds=kc.Thresholds(thread_text=200.0))  # (a short article)
    teasers = (
        "<div><h3><a href='/story{n}'>Ceasefire holds on the border</a></h3>"
        "<p>1{n} March 2024</p></div>"
    )
    result = kc.clean_html(_teasered(teasers), cleaner=loose)
    assert all(text in result.paragraphs for text in ARTICLE), result.explain()
    signed = (
        "<div><p><a href='https://example.com/{n}'>Reader{n}</a></p><p>1{n} March 2024</p></div>"
    )
    result = kc.clean_html(_teasered(signed), cleaner=loose)
    assert result.paragraphs[:2] == tuple(ARTICLE[:2])
    assert not set(ARTICLE[2:]) & set(result.paragraphs)
    # the text path has no links to tell them apart: a thread either way
    text = render_html(_teasered(teasers))
    assert ARTICLE[-1] not in loose.clean(text).paragraphs


def test_the_headline_in_a_heading_is_the_title_line_not_a_quotation_of_it() -> None:
    """A reader quotes the headline in a comment below the article, and more text follows
    the quotation than the headline: of the lines that repeat the page's title, the one in
    a heading is the headline, on the markup path. Until cleaner version 12 the quotation
    was taken for it (a dragnet page lost its article so)."""
    from conftest import ARTICLE
    from test_structure import READERS_SAID

    headline = "Talks resume in Tbilisi"
    tools = "".join(
        f"<li><a href='/tool/{k}'>{name}</a></li>"
        for k, name in enumerate(("Share", "Tweet", "Email", "Print", "Save", "Comments"))
    )
    page = (
        "<html><head><title>Talks resume in Tbilisi | Opinion | World News</title></head>"
        "<body><nav><ul><li><a href='/'>Home</a></li><li><a href='/o'>Opinion</a></li></ul>"
        f"</nav><article><h1>{headline}</h1><ul>{tools}</ul><p>Photograph: A. Reporter</p>"
        + "".join(f"<p>{text}</p>" for text in ARTICLE)
        + "</article><section id='comments'><h2>Comments</h2><ol><li>"
        "<p><a href='/user/1'>Reader1</a></p><p>6 May 2024 10:16</p>"
        f"<blockquote><p>{headline}</p></blockquote>"
        + "".join(f"<p>{text}</p>" for text in READERS_SAID)
        + "</li></ol></section></body></html>"
    )
    result = kc.clean_html(page)
    repeats = [r for r in result.regions if r.text == headline]
    assert len(repeats) == 2
    heading, quotation = repeats
    assert heading.category is kc.Category.TITLE and result.title == headline
    assert quotation.category.stripped
    assert result.paragraphs == tuple(ARTICLE)


def test_posts_quoted_inside_an_article_are_no_comment_thread() -> None:
    """Three posts embedded in an article (a ``<blockquote>`` each, signed with the
    author's name and a date, as a blog page of `trafeval` quotes a thread of tweets) do not
    end the article as comments signed so would: a date inside a quotation heads no
    comment. Until cleaner version 12 the article was cut at the first post."""
    from conftest import ARTICLE

    post = (
        "<blockquote class='twitter-tweet'><p>The talks go on, day {n}.</p>"
        "&mdash; Reporter (@reporter) January 2{n}, 2024</blockquote>"
    )
    loose = kc.Cleaner(thresholds=kc.Thresholds(thread_text=200.0))  # (a short article)
    result = kc.clean_html(_teasered(post), cleaner=loose)
    assert all(text in result.paragraphs for text in ARTICLE), result.explain()
    dates = [r for r in result.regions if "(@reporter)" in r.text]
    assert len(dates) == 3 and all(r.category is kc.Category.DATELINE for r in dates)
