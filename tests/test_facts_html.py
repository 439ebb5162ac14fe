"""A page's facts from HTML: JSON-LD, ``<meta>`` tags, ``<time datetime>`` and the visible
text; markup that disagrees, bad markup, and the tree the page was parsed into."""

from __future__ import annotations

import datetime
import json
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import karabakh_corpus as kc
from karabakh_corpus import facts as kf

pytest.importorskip("html_text", reason="the html extra renders HTML")

from test_facts import BODY, HEADLINE, MARCH_31, spans_hold

# -- HTML --------------------------------------------------------------------------------------

HTML = """<html><head><title>{headline} | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="og:title" content="{headline}">
<meta property="article:published_time" content="2022-03-31T08:00:00+02:00">
<script type="application/ld+json">{ld}</script>
</head><body><nav>Home</nav><article><h1>{headline}</h1>
<p class="byline">By Jane Doe</p><time datetime="2022-03-30">30 March 2022</time>
<p>{body0}</p><p>{body1}</p><p>{body2}</p></article></body></html>"""


def html(ld: object) -> str:
    document = ld if isinstance(ld, str) else json.dumps(ld)
    return HTML.format(headline=HEADLINE, ld=document, body0=BODY[0], body1=BODY[1], body2=BODY[2])


def test_html_facts_come_from_json_ld_meta_and_time() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": HEADLINE,
        "datePublished": "2022-03-31T08:00:00+02:00",
        "dateModified": "2022-04-01T10:00:00+02:00",
        "author": [
            {"@type": "Person", "name": "Jane Doe"},
            {"@type": "Person", "name": "John Roe"},
        ],
        "publisher": {"@type": "Organization", "name": "Daily Planet"},
        "dateline": "MOSCOW",
    }
    cleaned = kc.clean_html(html(ld))
    facts = cleaned.facts
    assert facts.date.value == MARCH_31 and facts.date.updated == datetime.date(2022, 4, 1)
    assert facts.date.rule == "markup-json-ld-story-datePublished"
    assert facts.date.evidence[0] == kf.Declared(
        "date", "json-ld", "NewsArticle.datePublished", "2022-03-31T08:00:00+02:00"
    )
    # the <time> (30 March) is printed too: the declaration wins, and both are named
    assert [c.text for c in facts.date.conflicts] == ["30 March 2022"]
    assert facts.authors.value == ("Jane Doe", "John Roe")
    assert facts.outlet.value == "Daily Planet"
    assert facts.outlet.evidence[0].path == 'meta[property="og:site_name"]'  # type: ignore[union-attr]
    assert facts.title.value == HEADLINE
    assert facts.dateline.value == "MOSCOW" and facts.dateline.rule == "markup-dateline"
    assert facts.wire.value is None
    spans_hold(facts, cleaned.raw)


def test_a_json_ld_author_that_is_an_agency_is_the_wire() -> None:
    ld = {
        "@type": "NewsArticle",
        "datePublished": "2022-03-31",
        "author": {"@type": "Organization", "name": "The Associated Press"},
    }
    facts = kc.clean_html(html(ld)).facts
    assert facts.wire.value == "AP" and facts.wire.rule == "markup"
    assert "AP" not in " ".join(facts.authors.value)
    assert facts.authors.value == ("Jane Doe",)  # the printed byline


@pytest.mark.parametrize(
    "ld", ["{not json", '{"@type": "NewsArticle", "datePublished": "2022-02-31"}', "[" * 5000]
)
def test_bad_json_ld_is_skipped_with_a_reason(ld: str) -> None:
    cleaned = kc.clean_html(html(ld))
    # without the JSON-LD, the meta tag (one kind of source) is outvoted by the date the
    # page prints and its <time> declares (two), and is named as the conflict
    date = cleaned.facts.date
    assert date.value == datetime.date(2022, 3, 30) and date.rule == "text-corroborated"
    assert [c.path for c in date.conflicts] == ['meta[property="article:published_time"]']  # type: ignore[union-attr]
    markup = kf.read_markup(html(ld))
    if ld.startswith("{not"):
        assert markup.problems and "does not parse" in markup.problems[0]


def test_read_markup_takes_a_parsed_tree_and_refuses_bytes() -> None:
    import lxml.html  # type: ignore[import-untyped]

    tree = lxml.html.fromstring(html({"@type": "NewsArticle", "datePublished": "2022-03-31"}))
    assert kf.read_markup(tree) == kf.read_markup(lxml.html.tostring(tree, encoding="unicode"))
    with pytest.raises(TypeError, match="decode bytes first"):
        kf.read_markup(b"<html></html>")


def test_html_results_pickle_with_their_markup() -> None:
    cleaned = kc.clean_html(html({"@type": "NewsArticle", "datePublished": "2022-03-31"}))
    copy = pickle.loads(pickle.dumps(cleaned))
    assert copy.facts == cleaned.facts and copy.facts.date.value == MARCH_31


@given(st.text(max_size=300))
def test_any_markup_reads_without_raising(text: str) -> None:
    markup = kf.read_markup(f"<html><head>{text}</head><body>{text}</body></html>")
    assert isinstance(markup, kf.Markup)


def test_the_declared_markup_is_read_once_when_the_page_is_cleaned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """clean_html reads what the markup declares before the markup reader spends the parsed
    tree (the headline it declares is a hint of the title line): once, and the facts are
    read from it without reading the page again."""
    from karabakh_corpus.cleaner.facts import markup

    calls: list[object] = []
    real = markup.read_markup

    def counted(page: object) -> kf.Markup:
        calls.append(page)
        return real(page)

    monkeypatch.setattr(markup, "read_markup", counted)
    cleaned = kc.clean_html(html({"@type": "NewsArticle", "datePublished": "2022-03-31"}))
    assert cleaned.title == HEADLINE and len(calls) == 1
    assert cleaned.facts.date.value == MARCH_31 and len(calls) == 1


# -- when the markup and the printed date disagree: the vote -----------------------------------

PAGE = """<html><head>{head}</head><body><nav>Home</nav><article><h1>{headline}</h1>
<p class="byline">By Jane Doe</p>{shown}
<p>{body0}</p><p>{body1}</p><p>{body2}</p>{tail}</article></body></html>"""


def vote_page(head: str, shown: str = "", tail: str = "") -> str:
    return PAGE.format(
        head=head, headline=HEADLINE, shown=shown, tail=tail, body0=BODY[0], body1=BODY[1],
        body2=BODY[2],
    )  # fmt: skip


STALE_LD = (
    '<script type="application/ld+json">{"@type": "NewsArticle", '
    '"datePublished": "2019-05-02T10:00:00Z"}</script>'
)
MODIFIED = '<meta property="article:modified_time" content="2022-03-31T09:00:00Z">'
SHOWN = '<p><time datetime="2022-03-31T08:00:00Z">31 March 2022</time></p>'


def test_a_printed_date_with_more_kinds_of_source_outvotes_the_declaration() -> None:
    # printed near the headline (text), in a <time> (time) and as the update (meta): three
    # kinds of source against the JSON-LD's one
    cleaned = kc.clean_html(vote_page(STALE_LD + MODIFIED, SHOWN))
    date = cleaned.facts.date
    assert date.value == MARCH_31 and date.rule == "text-corroborated"
    assert not date.inferred
    assert date.evidence[0].text == "31 March 2022"  # type: ignore[union-attr]
    assert {e.source for e in date.evidence[1:]} >= {"time", "meta"}  # type: ignore[union-attr]
    assert [c.text for c in date.conflicts] == ["2019-05-02T10:00:00Z"]
    assert "json-ld" in date.reason and "time" in date.reason
    spans_hold(cleaned.facts, cleaned.raw)


def test_a_tie_keeps_the_declaration() -> None:
    # the printed date alone (text) against the JSON-LD (json-ld): one kind each
    date = kc.clean_html(vote_page(STALE_LD, "<p>31 March 2022</p>")).facts.date
    assert date.value == datetime.date(2019, 5, 2)
    assert date.rule == "markup-json-ld-story-datePublished"
    assert [c.text for c in date.conflicts] == ["31 March 2022"]  # type: ignore[union-attr]


def test_a_declaration_the_page_also_prints_keeps_its_text_vote() -> None:
    # the date printed nearest the headline (text, time) against the declared one, printed
    # a line below (json-ld, text): a tie, and the declaration stays
    shown = '<p><time datetime="2022-03-31">31 March 2022</time></p><p>2 May 2019</p>'
    date = kc.clean_html(vote_page(STALE_LD, shown)).facts.date
    assert date.value == datetime.date(2019, 5, 2)
    assert date.rule == "markup-json-ld-story-datePublished"
    # without the printed 2 May 2019, the declaration has one kind of source against two
    alone = kc.clean_html(vote_page(STALE_LD, shown.replace("<p>2 May 2019</p>", "")))
    assert alone.facts.date.value == MARCH_31


def test_a_printed_date_far_from_the_headline_does_not_vote() -> None:
    from karabakh_corpus.cleaner.facts.dating import CORROBORATION_LINES

    far = "".join(f"<p>Related story number {k} of the week</p>" for k in range(30))
    assert CORROBORATION_LINES < 30
    date = kc.clean_html(vote_page(STALE_LD + MODIFIED, tail=far + SHOWN)).facts.date
    assert date.value == datetime.date(2019, 5, 2)
    assert date.rule == "markup-json-ld-story-datePublished"


def test_a_shown_update_date_the_markup_corroborates_is_an_inferred_date() -> None:
    # the page shows only its update date, which its markup declares too: the page's
    # displayed date, inferred (the publication is that day or before)
    shown = "<p>Updated 31 March 2022</p>"
    date = kc.clean_html(vote_page(STALE_LD + MODIFIED, shown)).facts.date
    assert date.value == MARCH_31 and date.rule == "text-corroborated" and date.inferred


def test_a_generic_declaration_corroborates_only_a_date_near_the_headline() -> None:
    # a generic <meta name="date"> matches a date printed far below the story: the date
    # printed near the headline stays
    far = "".join(f"<p>Related story number {k} of the week</p>" for k in range(30))
    head = '<meta name="date" content="2021-06-01">'
    page_ = vote_page(head, "<p>31 March 2022</p>", tail=far + "<p>1 June 2021</p>")
    date = kc.clean_html(page_).facts.date
    assert date.value == MARCH_31 and date.rule == "text-nearest-headline"
    near = vote_page(head, "<p>31 March 2022</p>", tail="<p>1 June 2021</p>")
    assert kc.clean_html(near).facts.date.value == datetime.date(2021, 6, 1)
