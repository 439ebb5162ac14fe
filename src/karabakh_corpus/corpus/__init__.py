"""The corpus: loading the shipped data, its releases, and moving spans between texts.

`load()` gives the `Corpus` of this release or a past one, every file checked against its
manifest; `releases()`, `changes()` and `verify()` read the release history and check an
installation; `reanchor()` and `reanchor_many()` move spans from one text (or release) to
another. The modules: `loader` (reading the data), `convert` (the one cattrs converter),
`manifest` (what a release ships, as hashes), `release` (history, changes, integrity),
`anchor` (placing quotes and moving spans), and the offline steps `annotate` (curated
annotations to spans) and `build` (the data from the seeds and the cleaner).
"""

from typing import TYPE_CHECKING

from karabakh_corpus import _lazy

if TYPE_CHECKING:  # pragma: no cover
    from karabakh_corpus.corpus.anchor import Reanchored, reanchor
    from karabakh_corpus.corpus.loader import (
        PREDATES,
        data_root,
        load,
        load_from,
        read_json,
        read_text,
    )
    from karabakh_corpus.corpus.release import (
        Bump,
        Changes,
        DocumentChanges,
        Release,
        SpanChange,
        changes,
        reanchor_many,
        releases,
        verify,
    )

_LOADER = ("PREDATES", "data_root", "load", "load_from", "read_json", "read_text")
_RELEASE = (
    "Bump",
    "Changes",
    "DocumentChanges",
    "Release",
    "SpanChange",
    "changes",
    "reanchor_many",
    "releases",
    "verify",
)
__getattr__, __dir__ = _lazy.attach(
    __name__,
    {
        **dict.fromkeys(_LOADER, "karabakh_corpus.corpus.loader"),
        **dict.fromkeys(_RELEASE, "karabakh_corpus.corpus.release"),
        "Reanchored": "karabakh_corpus.corpus.anchor",
        "reanchor": "karabakh_corpus.corpus.anchor",
    },
)

__all__ = [
    "PREDATES",
    "Bump",
    "Changes",
    "DocumentChanges",
    "Reanchored",
    "Release",
    "SpanChange",
    "changes",
    "data_root",
    "load",
    "load_from",
    "read_json",
    "read_text",
    "reanchor",
    "reanchor_many",
    "releases",
    "verify",
]
