"""The batch runner: one cleaner over many texts, in order, in one process or a pool.

`run` is the engine of `karabakh_corpus.clean_many` and of the streaming cleaner
(`karabakh_corpus.stream`): results in input order, at most a few chunks read ahead, worker
processes forked where that is safe and stopped when the run ends or the parent dies, a
dead worker reported as `WorkerLostError`, a text the cleaner raised on reported as a
`Failure` when asked, and a tqdm progress bar when wanted. It knows nothing of cleaning but
that the cleaner has a ``clean(text)`` method and pickles.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

import attrs

from karabakh_corpus import _extras
from karabakh_corpus.errors import MissingExtraError, WorkerError, WorkerLostError

__all__ = ["Cleans", "Failure", "run"]

_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)


class Cleans(Protocol[_T_co]):
    """What the runner needs of a cleaner: a ``clean(text)`` method (and pickling)."""

    def clean(self, text: str) -> _T_co:
        """The result of one text."""
        ...


@attrs.frozen
class Failure:
    """A text on which the cleaner raised: the exception's type and message, on one line."""

    error: str

    @classmethod
    def of(cls, exc: BaseException) -> Failure:
        message = " ".join(str(exc).split())
        if len(message) > 200:
            message = message[:200] + "..."
        text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
        # a message may quote a lone surrogate of the text: keep the report printable
        return cls(text.encode("utf-8", "backslashreplace").decode("utf-8"))


def run(
    texts: Iterable[str],
    *,
    cleaner: Cleans[_T],
    processes: int,
    chunksize: int,
    progress: bool | None,
    total: int | None,
    catch: bool,
    ahead: int | None = None,
) -> Generator[_T | Failure, None, None]:
    """`cleaner.clean` over `texts`: results in input order, in one process or a pool.

    With `catch` an exception raised on one text (any `Exception`) becomes a `Failure`
    in its place and the run goes on; without it, it is raised. `ahead` is how many chunks
    may be in flight (default ``2 * processes``).
    """
    if not isinstance(processes, int) or processes < 1:
        raise ValueError(f"processes must be a positive int, not {processes!r}")
    if not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"chunksize must be a positive int, not {chunksize!r}")
    if processes == 1:
        results: Iterator[_T | Failure] = (_clean_one(cleaner, t, catch) for t in texts)
    else:
        results = _pooled(texts, cleaner, processes, chunksize, catch, ahead or 2 * processes)
    shown = _with_progress(results, progress, total)
    try:
        yield from shown
    finally:
        if shown is not results:
            getattr(shown, "close", lambda: None)()
        getattr(results, "close", lambda: None)()


def _clean_one(cleaner: Cleans[_T], text: str, catch: bool) -> _T | Failure:
    if not catch:
        return cleaner.clean(text)
    try:
        return cleaner.clean(text)
    except Exception as exc:  # one bad text must not end the run: it is reported instead
        return Failure.of(exc)


def _start_method() -> str:
    """``fork`` where it is safe, else ``spawn``; raise `WorkerError` where neither works.

    Forked workers inherit the cleaner and need not import the main module again, so they
    work from a script without a ``__main__`` guard and from code piped to ``python -``.
    Fork is used on Linux when no other Python thread runs (a fork copies only the calling
    thread, so a lock held by another thread would stay locked in the worker forever).
    """
    if (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    ):
        return "fork"
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise WorkerError(
            "clean_many(processes>1) was called while a worker process was starting: the "
            "'spawn' start method imports the main module again in each worker, so put the "
            'code that calls it under `if __name__ == "__main__":`'
        )
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if isinstance(path, str) and not os.path.isfile(path):
        raise WorkerError(
            f"clean_many(processes>1) cannot start worker processes here: the main module "
            f"({path}) is not a file that the 'spawn' start method could import again in each "
            "worker; save the code to a file and put the call under "
            '`if __name__ == "__main__":`, or use processes=1'
        )
    return "spawn"


def _pooled(
    texts: Iterable[str],
    cleaner: Cleans[_T],
    processes: int,
    chunksize: int,
    catch: bool,
    ahead: int,
) -> Generator[_T | Failure, None, None]:
    """Clean `texts` in a pool of `processes` workers, `ahead` chunks in flight at most.

    The workers start now, before any input is read and before a progress bar starts its
    monitor thread; the results come from the generator returned.
    """
    method = _start_method()
    executor = ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(cleaner, catch),
    )
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns when forking beside native threads (say, Arrow's idle pool);
            # the workers start here, before any input is read, and run only the cleaner
            warnings.filterwarnings(
                "ignore", r".*fork\(\) may lead to deadlocks", DeprecationWarning
            )
            _result(executor.submit(_ready), deque(), 0, method)
    except BaseException:
        _stop(executor, graceful=False)
        raise
    return _results(executor, iter(texts), chunksize, ahead, method)


def _results(
    executor: ProcessPoolExecutor,
    source: Iterator[str],
    chunksize: int,
    ahead: int,
    method: str,
) -> Generator[Any, None, None]:
    flight: deque[tuple[int, int, Future[list[Any]]]] = deque()
    done = False
    try:
        position = 0
        while True:
            while len(flight) < ahead:
                chunk = list(itertools.islice(source, chunksize))
                if not chunk:
                    break
                flight.append((position, len(chunk), executor.submit(_clean_chunk, chunk)))
                position += len(chunk)
            if not flight:
                break
            results = _result(flight[0][2], flight, flight[0][0], method)
            flight.popleft()
            yield from results
        done = True
    finally:
        _stop(executor, graceful=done)


def _result(
    future: Future[Any],
    flight: deque[tuple[int, int, Future[list[Any]]]],
    first: int,
    method: str,
) -> Any:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        last = flight[-1][0] + flight[-1][1] - 1 if flight else first - 1
        texts = (
            f"texts {first} to {last} (counting from 0) were in flight and have no result"
            if last >= first
            else "no text was in flight"
        )
        hint = (
            " With the 'spawn' start method a worker also dies at start when the code "
            'that calls clean_many is not under `if __name__ == "__main__":`.'
            if method == "spawn"
            else ""
        )
        raise WorkerLostError(
            f"a worker process died (killed, or out of memory?) and the run stopped: {texts}; "
            f"rerun with fewer processes or more memory.{hint}",
            first,
            last,
        ) from exc


def _stop(executor: ProcessPoolExecutor, *, graceful: bool) -> None:
    """Shut the pool down; unless `graceful`, kill its workers so that nothing waits."""
    if graceful:
        executor.shutdown(wait=True)
        return
    processes = dict(getattr(executor, "_processes", None) or {})
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes.values():
        if process.is_alive():
            process.terminate()
    for process in processes.values():
        process.join(5)


_WORKER: Cleans[Any] | None = None
_CATCH = False


def _start_worker(cleaner: Cleans[Any], catch: bool) -> None:
    global _WORKER, _CATCH
    _WORKER = cleaner
    _CATCH = catch
    # the parent decides what an interrupt does (it stops the workers); a Ctrl-C sent to
    # the whole process group must not print a traceback per worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # a parent killed outright (SIGKILL) cannot stop its workers: they see it and stop
    watch = threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True)
    watch.start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _ready() -> bool:
    return True


def _clean_chunk(texts: list[str]) -> list[Any]:
    assert _WORKER is not None
    return [_clean_one(_WORKER, text, _CATCH) for text in texts]


def _with_progress(results: Iterator[_T], progress: bool | None, total: int | None) -> Iterator[_T]:
    """`results`, behind a tqdm progress bar when one is asked for (or wanted, for None)."""
    if progress is False:
        return results
    try:
        with _extras.needs("progress", "a progress display"):
            from tqdm import tqdm
    except MissingExtraError:
        if progress:
            raise
        return results
    if progress is None and not sys.stderr.isatty():
        return results
    return iter(tqdm(results, total=total, unit="text", desc="cleaning", file=sys.stderr))
