"""One vocabulary for the clean view: `raw`, `text`, `clean_text`, `stripped` and two maps,
the same in `Cleaned` and `Document`; the old names, deprecated in 1.2.0, went in 1.3.0."""

from __future__ import annotations

import attrs
import pytest

import karabakh_corpus as kc
from karabakh_corpus.schema import ArticleView

PAGE = "\n".join(
    [
        "Home",
        "Talks resume in Brussels",
        "By Jane Doe",
        "- Advertisement -",
        "The leaders of Armenia and Azerbaijan   met in Brussels on Sunday for talks "
        "hosted by the president of the European Council, officials said.",
        "Both sides agreed to continue the work on a peace treaty, although no date "
        "was set for the next round, according to a statement.",
        "Share this article",
    ]
)


def test_cleaned_and_document_give_the_same_view_of_the_same_regions() -> None:
    result = kc.clean(PAGE)
    article = tuple(r for r in result.regions if not r.category.stripped)
    document = kc.Document(
        id="x",
        source="x.txt",
        raw=PAGE,
        article=article,
        meta=attrs.evolve(kc.load()[0].meta, stripped=result.stripped, evidence=()),
    )
    for name in ("title", "summary", "paragraphs", "text", "clean_text", "stripped"):
        assert getattr(result, name) == getattr(document, name), name
    assert result.view == document.view == ArticleView(PAGE, article)
    assert result.text == "\n\n".join(result.paragraphs)
    parts = [result.title, result.summary, *result.paragraphs]
    assert result.clean_text == "\n\n".join(p for p in parts if p is not None)
    assert result.title is not None and result.title in result.clean_text
    assert result.title not in result.text


@pytest.mark.parametrize(
    ("name", "map_name"), [("text", "text_offsets"), ("clean_text", "clean_offsets")]
)
def test_each_map_leads_from_raw_to_its_text(name: str, map_name: str) -> None:
    result = kc.clean(PAGE)
    view, offsets = getattr(result, name), getattr(result, map_name)
    assert view and offsets.output_length == len(view)
    for j, char in enumerate(view):
        if not char.isspace():
            assert PAGE[offsets.to_input(j)] == char
    assert result.to_input(0) == result.text_offsets.to_input(0)


def test_every_document_text_is_its_paragraphs() -> None:
    for document in kc.load():
        assert document.text == "\n\n".join(document.paragraphs)
        assert document.clean_offsets.output_length == len(document.clean_text)
        assert document.text_offsets.output_length == len(document.text)


@pytest.mark.parametrize("old", ["input", "removed", "offsets"])
def test_the_old_names_of_cleaned_are_gone(old: str) -> None:
    result = kc.clean(PAGE)
    assert not hasattr(kc.Cleaned, old)
    with pytest.raises(AttributeError, match=old):
        getattr(result, old)


def test_the_old_keyword_of_cleaned_is_gone() -> None:
    with pytest.raises(TypeError, match="input"):
        kc.Cleaned(input=PAGE, spans=(), labels=())  # type: ignore[call-arg]


def test_the_old_offsets_of_a_document_are_gone() -> None:
    document = kc.load()[0]
    assert not hasattr(kc.Document, "offsets")
    with pytest.raises(AttributeError, match="offsets"):
        document.offsets  # type: ignore[attr-defined]  # noqa: B018
