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
    from karabakh_corpus.corpus.anchor import Reanchored as Reanchored
    from karabakh_corpus.corpus.anchor import reanchor as reanchor
    from karabakh_corpus.corpus.loader import *  # noqa: F403
    from karabakh_corpus.corpus.release import *  # noqa: F403

# each name is found in the module whose __all__ lists it, imported when first read
__getattr__, __dir__ = _lazy.attach(
    __name__,
    {"Reanchored": "karabakh_corpus.corpus.anchor", "reanchor": "karabakh_corpus.corpus.anchor"},
    modules=("karabakh_corpus.corpus.loader", "karabakh_corpus.corpus.release"),
)
