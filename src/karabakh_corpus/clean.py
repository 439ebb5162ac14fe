"""The cleaner's public face: `clean`, `clean_many`, `Cleaner`, `Cleaned` and `Thresholds`.

`clean(text)` finds the article in one scraped news text and says why the rest went: it
splits the text into lines, labels each (title, summary, paragraph, or one of the stripped
categories) and renders the body as `Cleaned.text`, with every character mapped back to the
input. `clean_many` cleans many texts in order, in one process or a pool of workers.
`Cleaner` is a configured cleaner (rules, a site profile, thresholds); the rule table is
public in `karabakh_corpus.rules`, the HTML input in `karabakh_corpus.html`. How the method
works is in ``docs/cleaner-model.md``; its parts live in `karabakh_corpus.cleaner`.

Guarantees: any `str` is accepted; the result is deterministic; every character of the
output maps back to the input (`Cleaned.text_offsets`); cleaning is idempotent
(``clean(clean(x).text).text == clean(x).text``); time is linear in the input for a fixed
number of passes (in practice two).

This module is callable: ``import karabakh_corpus.clean as c; c(text)`` is ``c.clean(text)``,
so that ``karabakh_corpus.clean`` means the function and the module alike.
"""

from __future__ import annotations

import functools
import sys
import types
from collections.abc import Iterable, Iterator

from karabakh_corpus._version import CLEANER_VERSION
from karabakh_corpus.cleaner.core import Cleaned, Cleaner, clean_stream, default_cleaner
from karabakh_corpus.cleaner.thresholds import Thresholds

__all__ = ["CLEANER_VERSION", "Cleaned", "Cleaner", "Thresholds", "clean", "clean_many"]


def clean(text: str | bytes, *, profile: str | None = None, encoding: str | None = None) -> Cleaned:
    """Clean one scraped news text with the generic method (plus a site `profile` if named).

    Pass a `str`; `bytes` need an explicit `encoding`. Returns a `Cleaned`.
    """
    cleaner = default_cleaner() if profile is None else _profiled(profile)
    return cleaner.clean(text, encoding=encoding)


@functools.cache
def _profiled(profile: str) -> Cleaner:
    return Cleaner(profile=profile)


def clean_many(
    texts: Iterable[str],
    *,
    cleaner: Cleaner | None = None,
    processes: int = 1,
    chunksize: int = 32,
    progress: bool | None = None,
    total: int | None = None,
) -> Iterator[Cleaned]:
    """Clean many texts and yield the results in input order.

    With ``processes > 1`` the texts are cleaned in a pool of worker processes (each gets a
    copy of `cleaner`); results are the same as in one process, and an exception raised on
    a text is raised here as in one process. At most ``2 * processes`` chunks of
    `chunksize` texts are read ahead of the results. Workers are forked where that is safe
    (Linux, no other Python thread running), so a script needs no ``if __name__ ==
    "__main__":`` guard there; elsewhere they are spawned, which needs that guard, and code
    read from stdin raises `WorkerError` at once. A worker that dies (killed, out of memory)
    stops the run with `WorkerLostError` naming the texts that were in flight. `progress`
    shows a progress bar on stderr (it needs the ``progress`` extra, tqdm); None shows one
    when stderr is a terminal and tqdm is installed. `total` is the number of texts, for
    the bar.
    """
    run = {"processes": processes, "chunksize": chunksize, "progress": progress, "total": total}
    results = clean_stream(texts, cleaner=cleaner, catch=False, **run)
    try:
        for result in results:
            assert isinstance(result, Cleaned)
            yield result
    finally:
        results.close()


class _CallableModule(types.ModuleType):
    """This module, callable as its `clean` function."""

    def __call__(
        self, text: str | bytes, *, profile: str | None = None, encoding: str | None = None
    ) -> Cleaned:
        return clean(text, profile=profile, encoding=encoding)


sys.modules[__name__].__class__ = _CallableModule
