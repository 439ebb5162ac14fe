"""Indexing and display as in the data libraries people know: positions, slices, reprs."""

from __future__ import annotations

import pytest

import karabakh_corpus as kc


@pytest.fixture(scope="module")
def corpus() -> kc.Corpus:
    return kc.load()


def test_positions_index_documents_in_seed_order(corpus: kc.Corpus) -> None:
    documents = list(corpus)
    for n, doc in enumerate(documents):
        assert corpus[n] is doc
        assert corpus[n - len(documents)] is doc
    assert corpus[-1].id == corpus.ids[-1] == "532e919b6eb4de28"
    assert corpus[0] is corpus[corpus.ids[0]]


@pytest.mark.parametrize("position", [5, 6, -6, 10**20])
def test_positions_out_of_range_are_index_errors(corpus: kc.Corpus, position: int) -> None:
    with pytest.raises(IndexError, match=rf"document index {position} is out of range") as info:
        corpus[position]
    assert isinstance(info.value, kc.DocumentIndexError)
    assert isinstance(info.value, kc.CorpusError)
    assert "use 0 to 4, or -5 to -1" in str(info.value)


def test_slices_are_corpora_of_the_same_release(corpus: kc.Corpus) -> None:
    part = corpus[1:3]
    assert isinstance(part, kc.Corpus)
    assert part.release == corpus.release
    assert part.ids == corpus.ids[1:3]
    assert part[0] is corpus[1]
    assert corpus[::-1].ids == corpus.ids[::-1]
    assert corpus[:] == corpus
    empty = corpus[5:]
    assert len(empty) == 0 and list(empty) == []
    with pytest.raises(kc.DocumentIndexError, match="the corpus is empty"):
        empty[0]
    assert "84b6ba9b7fd712b2" in part and corpus.ids[0] not in part
    with pytest.raises(kc.UnknownDocumentError):
        part[corpus.ids[0]]


def test_membership_of_non_ids_is_false(corpus: kc.Corpus) -> None:
    assert 0 not in corpus
    assert None not in corpus
    assert ["a5f8d29fb8504bec"] not in corpus


def test_corpus_and_document_reprs_show_what_they_hold(corpus: kc.Corpus) -> None:
    assert repr(corpus) == f"Corpus(release={kc.__version__!r}, documents=5)"
    doc = corpus["a5f8d29fb8504bec"]
    text = repr(doc)
    assert text.startswith("Document(id='a5f8d29fb8504bec', title='Armenia, Azerbaijan leaders")
    assert "date='2022-03-31'" in text
    assert f"raw={len(doc.raw)} chars" in text
    assert f"clean_text={len(doc.clean_text)} chars" in text
    assert f"regions={len(doc.regions)} ({len(doc.meta.stripped)} stripped)" in text
    assert f"annotations={len(doc.annotations)})" in text
    assert doc.raw[:200] not in text  # the big fields stay out
    for other in corpus:
        assert len(repr(other)) < 300


def test_cleaned_repr_shows_title_and_sizes() -> None:
    page = "\n".join(
        [
            "Home",
            "Talks resume in Brussels",
            "The leaders of Armenia and Azerbaijan met in Brussels on Sunday for talks "
            "hosted by the president of the European Council, officials said.",
            "Both sides agreed to continue the work on a peace treaty, although no date "
            "was set for the next round, according to a statement.",
            "Share this article",
        ]
    )
    result = kc.clean(page)
    assert repr(result) == (
        f"Cleaned(title='Talks resume in Brussels', paragraphs=2, text={len(result.text)} "
        f"chars, raw={len(page)} chars, regions=5 (2 stripped))"
    )
    long_title = kc.clean("x" * 10 + "\n" + "A" * 80)
    assert len(repr(long_title)) < 200
    assert repr(kc.clean("")) == (
        "Cleaned(title=None, paragraphs=0, text=0 chars, raw=0 chars, regions=0 (0 stripped))"
    )
