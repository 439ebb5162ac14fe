"""The labelling passes (`karabakh_corpus.cleaner.passes`) against their plain definitions."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from karabakh_corpus.cleaner import model as _model
from karabakh_corpus.cleaner import passes as _passes
from karabakh_corpus.rules import GENERIC_RULES
from karabakh_corpus.schema import Category

_CAPTION = (Category.CAPTION, "caption-label")
_OTHER = (Category.RELATED_STORIES, "related-heading")


def _captions_reference(
    lines: list[str], labels: list[_passes.Label | None], words: list[int]
) -> None:
    """`captions` as its docstring says, pair by pair: two neighbours of two words or more
    are a pair when they share their first 40 characters, or when one is a caption and the
    other, undecided, is held in it or holds it (ignoring case, up to `RULE_CHARS`)."""
    for i in range(len(lines) - 1):
        if words[i] < 2 or words[i + 1] < 2:
            continue
        a, b = lines[i], lines[i + 1]
        short, long_ = sorted((a, b), key=len)
        shared = min(len(a), len(b)) >= 40 and a[:40] == b[:40]
        held = len(long_) <= _passes.RULE_CHARS and short.lower() in long_.lower()
        for k, other in ((i, i + 1), (i + 1, i)):
            neighbour = labels[other]
            beside_caption = (
                neighbour is not None and neighbour[0] is Category.CAPTION and labels[k] is None
            )
            if labels[k] is None and (shared or (beside_caption and held)):
                labels[k] = (Category.CAPTION, "caption-pair")


# Lines that often share an opening or hold one another, in any case, beyond ASCII too.
_OPENING = "Armenia and Azerbaijan sign the peace deal in Washington"
_LINE = st.one_of(
    st.sampled_from(
        [
            _OPENING,
            _OPENING.upper(),
            _OPENING[:45] + " today",
            _OPENING[:39] + "X and more",
            "the peace deal",
            "Photo: the peace deal",
            "Baku",
            _OPENING[:35],
            "Ереван и Баку подписали мирное соглашение в Вашингтоне сегодня",
            "Ереван и Баку",
        ]
    ),
    st.text(min_size=1, max_size=50),
)
_PAGE = st.lists(
    st.tuples(_LINE, st.integers(0, 4), st.sampled_from([None, None, _CAPTION, _OTHER])),
    max_size=12,
)


@given(_PAGE)
@example([(_OPENING[:35], 5, None), (_OPENING[:35], 5, None)])  # alike, but under 40
@example([(_OPENING, 9, None), (_OPENING[:45] + " today", 8, _OTHER)])
@example([(_OPENING[:39] + "X and more", 9, None), (_OPENING, 9, None)])
@example([("Photo: the peace deal", 4, None), ("THE PEACE DEAL", 3, _CAPTION)])
@example([("Baku", 1, None), ("Photo: Baku", 2, _CAPTION)])  # a word short
def test_captions_pairs_lines_as_defined(page: list[tuple[str, int, _passes.Label | None]]) -> None:
    lines = [line for line, _, _ in page]
    words = [n for _, n, _ in page]
    labels = [label for _, _, label in page]
    facts = [_model.line_facts(0.0, n, None, label, n == 0, None) for _, n, label in page]
    expected = list(labels)
    _captions_reference(lines, expected, words)
    _passes.captions(lines, labels, facts)
    assert labels == expected


def _after_headings_reference(labels: list[_passes.Label], facts: list[_model.LineFacts]) -> None:
    """`after_headings` as its docstring says, walking every line from the top."""
    heading = None
    for i, (cat, _reason) in enumerate(labels):
        rule = facts[i].rule
        if rule is not None and rule.heading:
            heading = rule
        elif cat is Category.PARAGRAPH:
            heading = None
        elif heading is not None and (
            labels[i] is _passes.OUTSIDE or cat in (Category.BYLINE, Category.DATELINE)
        ):
            labels[i] = (heading.category, f"after-{heading.name}")


_RULES = {rule.name: rule for rule in GENERIC_RULES}
# A line's rule (a heading rule, another rule or none) and its label after the body's passes.
_WALKED = st.lists(
    st.tuples(
        st.sampled_from([None, None, "related-heading", "comment", "share", "byline"]),
        st.sampled_from(
            [
                _passes.OUTSIDE,
                (Category.BOILERPLATE, "outside-body"),  # equal to OUTSIDE, but not it
                (Category.PARAGRAPH, "body-text"),
                (Category.BYLINE, "byline"),
                (Category.DATELINE, "dateline-shape"),
                (Category.CAPTION, "caption-pair"),
            ]
        ),
    ),
    max_size=12,
)


@given(_WALKED)
def test_after_headings_relabels_as_defined(page: list[tuple[str | None, _passes.Label]]) -> None:
    """The walk that starts at the first heading changes what the walk from the top does."""
    facts = [
        _model.line_facts(0.0, 3, None if name is None else _RULES[name], label, False, None)
        for name, label in page
    ]
    labels = [label for _, label in page]
    expected = list(labels)
    _after_headings_reference(expected, facts)
    _passes.after_headings(labels, facts)
    assert labels == expected
    assert all(a is b or a == b for a, b in zip(labels, expected, strict=True))
    # OUTSIDE is compared by identity: which lines hold that very label stays the same
    assert [a is _passes.OUTSIDE for a in labels] == [b is _passes.OUTSIDE for b in expected]
