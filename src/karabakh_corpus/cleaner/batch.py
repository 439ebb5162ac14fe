"""The batch runner: one cleaner over many texts, in order, in one process or a pool.

`run` is the engine of `karabakh_corpus.clean_many` and of the streaming cleaner
(`karabakh_corpus.stream`): results in input order, at most a few chunks read ahead, worker
processes forked where that is safe and stopped when the run ends or the parent dies, a
dead worker reported as `WorkerLostError`, a text the cleaner raised on reported as a
`Failure` when asked, and a tqdm progress bar when wanted. It knows nothing of cleaning but
that the cleaner has a ``clean(text)`` method and pickles.

The pool has one owner: the thread that iterates the results (the main thread, for the
command line). The parent runs no helper thread: it writes each worker's tasks and reads its
results on two pipes of its own, waiting on them and on the workers' exit in one place, so
nothing can be left blocked on a pipe that nobody reads. An exception in the owner (an
interrupt, an error of the consumer, the generator closed early) stops the workers at once
and waits for them; signals are blocked while a worker is forked, so an interrupt never
lands in the middle of a fork. Each worker ignores SIGINT and SIGHUP (the parent decides
what a Ctrl-C or a hang-up does), reads its tasks in a thread of its own so that the parent
never waits on a busy worker, and exits when the parent does. `multiprocessing` is imported
only when a pool is used.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import queue
import signal
import sys
import threading
import time
import traceback
import warnings
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final, Protocol, TypeVar

import attrs

from karabakh_corpus import _extras
from karabakh_corpus.errors import MissingExtraError, WorkerError, WorkerLostError

if TYPE_CHECKING:  # pragma: no cover
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

__all__ = ["Cleans", "Failure", "run"]

_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)

_STOPS: Final = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""The signals that stop a run: blocked while a worker is forked."""
_JOIN_SECONDS: Final = 5.0
"""How long a worker that was asked to stop may take before it is terminated."""


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
    workers: list[_Worker] = []
    if processes == 1:
        results: Iterator[_T | Failure] = (_clean_one(cleaner, t, catch) for t in texts)
    else:
        # the workers start now, before any input is read and before a progress bar starts
        # its monitor thread
        method = _start_method()
        workers = _start(cleaner, processes, catch, method)
        results = _results(workers, iter(texts), chunksize, ahead or 2 * processes, method)
    try:
        shown = _with_progress(results, progress, total)
        try:
            yield from shown
        finally:
            if shown is not results:
                getattr(shown, "close", lambda: None)()
    finally:
        getattr(results, "close", lambda: None)()
        _stop(workers, graceful=False)  # nothing to do unless the results never started


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
    import multiprocessing

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


# -- the parent's side ------------------------------------------------------------------------


@attrs.define
class _Worker:
    """One worker process, the parent's ends of its two pipes, and its chunks in flight."""

    process: BaseProcess
    tasks: Connection
    results: Connection
    queued: deque[int] = attrs.field(factory=deque)


@attrs.define
class _Chunk:
    """A chunk of texts sent to a worker: its number, where it starts, how many texts."""

    number: int
    first: int
    size: int


class _Lost(Exception):
    """A worker process is gone: it died, or its pipe broke."""


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold the signals that stop a run while the pool starts or stops a worker.

    Their Python handlers (the command line's, or the default KeyboardInterrupt) are set
    aside and each signal that comes is noted, then sent again once the block is over, so
    that its handler runs there and not in the middle of a fork or of the stopping. In the
    main thread they are also blocked, so that a spawned worker starts with them blocked
    and takes them only once it ignores them.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    saved = {signum: signal.getsignal(signum) for signum in _STOPS}
    for signum, handler in saved.items():
        if callable(handler):
            signal.signal(signum, lambda number, frame: noted.append(number))
    masked = hasattr(signal, "pthread_sigmask") and bool(_STOPS)
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS) if masked else set()
    try:
        yield
    finally:
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)  # a blocked signal comes now
        for signum, handler in saved.items():
            if callable(handler):
                signal.signal(signum, handler)
        for signum in noted:
            signal.raise_signal(signum)


def _start(cleaner: Cleans[Any], processes: int, catch: bool, method: str) -> list[_Worker]:
    import multiprocessing

    context = multiprocessing.get_context(method)
    workers: list[_Worker] = []
    for stream in (sys.stdout, sys.stderr):  # a forked worker must not write the parent's
        with contextlib.suppress(AttributeError, OSError, ValueError):  # buffered output again
            stream.flush()
    try:
        for _ in range(processes):
            task_reader, task_writer = context.Pipe(duplex=False)
            result_reader, result_writer = context.Pipe(duplex=False)
            process: BaseProcess = context.Process(  # type: ignore[attr-defined]
                target=_work,
                args=(cleaner, catch, task_reader, result_writer, os.getpid()),
                name="karabakh-corpus-worker",
                daemon=True,
            )
            with _signals_deferred(), warnings.catch_warnings():
                # Python 3.12+ warns when forking beside native threads (say, Arrow's idle
                # pool); the workers start here, before any input is read, and run only the
                # cleaner
                warnings.filterwarnings(
                    "ignore", r".*fork\(\) may lead to deadlocks", DeprecationWarning
                )
                try:
                    process.start()
                finally:
                    task_reader.close()
                    result_writer.close()
                    if process.pid is not None:
                        workers.append(_Worker(process, task_writer, result_reader))
                    else:
                        task_writer.close()
                        result_reader.close()
        _ready(workers, method)
    except BaseException:
        _stop(workers, graceful=False)
        raise
    return workers


def _ready(workers: list[_Worker], method: str) -> None:
    """Wait until every worker has started (a spawned one imports the main module first)."""
    from multiprocessing.connection import wait

    waiting = list(workers)
    while waiting:
        ready = wait([w.results for w in waiting] + [w.process.sentinel for w in waiting])
        for worker in list(waiting):
            try:
                if worker.results in ready:
                    _receive(worker)
                    waiting.remove(worker)
                elif worker.process.sentinel in ready:
                    raise _Lost
            except _Lost as exc:
                raise _lost_error(0, -1, method) from exc


def _results(
    workers: list[_Worker],
    source: Iterator[str],
    chunksize: int,
    ahead: int,
    method: str,
) -> Generator[Any, None, None]:
    """The results of `source`, in order: chunks go to the worker with the fewest queued,
    at most `ahead` chunks are sent and not yet yielded, and the workers stop when this
    generator ends, however it ends."""
    from multiprocessing.connection import wait

    flight: deque[_Chunk] = deque()  # sent and not yet yielded, in input order
    done: dict[int, tuple[Any, ...]] = {}  # chunk number -> the message of its results
    sent = position = 0
    more = True
    graceful = False
    try:
        while True:
            while more and len(flight) < ahead:
                texts = list(itertools.islice(source, chunksize))
                if not texts:
                    more = False
                    break
                worker = min(workers, key=lambda w: len(w.queued))
                flight.append(_Chunk(sent, position, len(texts)))
                worker.queued.append(sent)
                sent += 1
                position += len(texts)
                try:
                    _send(worker, texts)
                except _Lost as exc:
                    raise _lost_error(flight[0].first, position - 1, method) from exc
            if not flight:
                break
            message = done.pop(flight[0].number, None)
            if message is not None:
                flight.popleft()
                yield from message[1]
                if message[0] == "raised":
                    _raise(message)
                continue
            busy = [w for w in workers if w.queued]
            ready = wait([w.results for w in busy] + [w.process.sentinel for w in busy])
            try:
                for worker in busy:
                    if worker.results in ready:
                        number = worker.queued.popleft()
                        done[number] = _receive(worker)
                    elif worker.process.sentinel in ready:
                        raise _Lost
            except _Lost as exc:
                raise _lost_error(flight[0].first, position - 1, method) from exc
        graceful = True
    finally:
        _stop(workers, graceful=graceful)


def _send(worker: _Worker, texts: list[str]) -> None:
    try:
        worker.tasks.send_bytes(pickle.dumps(texts, pickle.HIGHEST_PROTOCOL))
    except OSError as exc:  # the worker is gone: its end of the pipe is closed
        raise _Lost from exc


def _receive(worker: _Worker) -> tuple[Any, ...]:
    """The next message of `worker`: ``("ready", ())``, ``("done", results)`` or
    ``("raised", results before, exception, its traceback)``."""
    try:
        message: tuple[Any, ...] = pickle.loads(worker.results.recv_bytes())
    except (EOFError, OSError) as exc:  # the worker died before it wrote a whole message
        raise _Lost from exc
    return message


def _raise(message: tuple[Any, ...]) -> None:
    """Raise the exception the cleaner raised in a worker, its traceback as its cause."""
    _, _, exc, remote = message
    raise exc from WorkerError(f"raised in a worker process:\n{remote}")


def _lost_error(first: int, last: int, method: str) -> WorkerLostError:
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
    return WorkerLostError(
        f"a worker process died (killed, or out of memory?) and the run stopped: {texts}; "
        f"rerun with fewer processes or more memory.{hint}",
        first,
        last,
    )


def _stop(workers: list[_Worker], *, graceful: bool) -> None:
    """Stop the workers and wait for them: asked to finish when `graceful`, else terminated
    at once (and killed if that does not end them); every pipe is closed. A signal that
    comes meanwhile is handled once they are stopped."""
    if workers:
        with _signals_deferred():
            _stop_now(workers, graceful=graceful)


def _stop_now(workers: list[_Worker], *, graceful: bool) -> None:
    try:
        if graceful:
            for worker in workers:
                with contextlib.suppress(OSError):
                    worker.tasks.send_bytes(_STOP)
            deadline = time.monotonic() + _JOIN_SECONDS
            for worker in workers:
                worker.process.join(max(0.0, deadline - time.monotonic()))
    finally:
        for worker in workers:
            if worker.process.exitcode is None:
                with contextlib.suppress(OSError):
                    worker.process.terminate()
        for worker in workers:
            worker.process.join(_JOIN_SECONDS)
            if worker.process.exitcode is None:
                with contextlib.suppress(OSError):
                    worker.process.kill()
                worker.process.join()
            worker.tasks.close()
            worker.results.close()


# -- the worker's side ------------------------------------------------------------------------

_STOP: Final = pickle.dumps(None)
"""The task that tells a worker to finish."""


def _work(
    cleaner: Cleans[Any], catch: bool, tasks: Connection, results: Connection, parent: int
) -> None:
    """A worker process: clean each chunk of `tasks` and write its results to `results`."""
    # the parent decides what an interrupt or a hang-up does (it stops the workers): a
    # Ctrl-C sent to the whole process group must not print a traceback per worker
    for name, handler in (
        ("SIGINT", signal.SIG_IGN),
        ("SIGHUP", signal.SIG_IGN),
        ("SIGTERM", signal.SIG_DFL),
    ):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)
    if _STOPS and hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # blocked by the parent's fork
    # a parent killed outright (SIGKILL) cannot stop its workers: they see it and stop
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    inbox: queue.SimpleQueue[list[str] | None] = queue.SimpleQueue()
    # the tasks are read as they come, so that the parent never waits on a busy worker
    threading.Thread(target=_read_tasks, args=(tasks, inbox), daemon=True).start()
    results.send_bytes(pickle.dumps(("ready", ())))
    while True:
        texts = inbox.get()
        if texts is None:
            return
        results.send_bytes(_outcome(cleaner, texts, catch))


def _read_tasks(tasks: Connection, inbox: queue.SimpleQueue[list[str] | None]) -> None:
    try:
        while True:
            texts: list[str] | None = pickle.loads(tasks.recv_bytes())
            inbox.put(texts)
            if texts is None:
                return
    except (EOFError, OSError):  # the parent is gone
        inbox.put(None)


def _outcome(cleaner: Cleans[Any], texts: list[str], catch: bool) -> bytes:
    """The pickled message of one chunk's results (or of the exception the cleaner raised)."""
    cleaned: list[Any] = []
    try:
        for text in texts:
            cleaned.append(_clean_one(cleaner, text, catch))
        message: tuple[Any, ...] = ("done", cleaned)
    except Exception as exc:  # without `catch`: raised in the parent, after the results before
        message = ("raised", cleaned, exc, traceback.format_exc())
    try:
        return pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an exception or a result that does not pickle
        error = WorkerError(f"a worker's result cannot be sent to the parent process: {exc}")
        return pickle.dumps(("raised", [], error, traceback.format_exc()))


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


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
