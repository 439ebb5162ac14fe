"""Clean a stream of records, in order and optionally in worker processes, counting the bad
ones."""

from __future__ import annotations

from collections import deque
from collections.abc import Generator, Iterable, Iterator
from typing import cast

import attrs

from karabakh_corpus.cleaner import batch as _batch
from karabakh_corpus.cleaner.batch import Failure
from karabakh_corpus.cleaner.core import Cleaned, Cleaner, default_cleaner
from karabakh_corpus.errors import WorkerLostError
from karabakh_corpus.html import clean_html
from karabakh_corpus.stream.model import CLEANING_FAILED, BadRecord, BadRecords, Record, Skipped

__all__ = [
    "clean_records",
]


def clean_records(
    items: Iterable[Record | BadRecord | Skipped],
    *,
    cleaner: Cleaner | None = None,
    report: BadRecords | None = None,
    processes: int = 1,
    chunksize: int = 32,
    progress: bool | None = None,
    total: int | None = None,
    window: int = 256,
) -> Generator[tuple[Record, Cleaned], None, None]:
    """Clean the `Record` items, in order, and count the `BadRecord` and `Skipped` items in
    `report`.

    The cleaning is that of `clean_many` (same `processes`, `chunksize`, `progress`,
    `total`), so results equal ``cleaner.clean(record.text)``, or for a record read from
    HTML (`Record.html`) ``clean_html(record.html, cleaner=cleaner)``: the markup path, whose
    markup is read in the worker that cleans the page; a record on which the cleaner
    raises is counted in `report` as `CLEANING_FAILED`, with the error, and the run goes
    on. At most ``max(window, 2 * processes * chunksize)`` records (rounded up to whole
    chunks) are read ahead of the results, whatever the size of the input. A worker process
    that dies raises `WorkerLostError` naming the records that were in flight. `report` is
    complete once the iterator is exhausted.
    """
    report = report if report is not None else BadRecords()
    limit = max(window, 2 * processes * chunksize, 1)
    # the records in flight, in input order, with the bad records read between them (as
    # bounded reports), so that the report comes out in input order however many processes
    pending: deque[Record | BadRecords] = deque()
    flying = 0

    def texts() -> Iterator[str]:
        nonlocal flying
        for item in items:
            if isinstance(item, (BadRecord, Skipped)):
                if not flying:
                    report.add(item)
                elif isinstance(pending[-1], BadRecords):
                    pending[-1].add(item)
                else:
                    pending.append(BadRecords(keep=report.keep))
                    cast("BadRecords", pending[-1]).add(item)
                continue
            pending.append(item)
            flying += 1
            yield item.text if item.html is None else _Html(item.html)

    def next_record() -> Record:
        nonlocal flying
        while True:
            item = pending.popleft()
            if isinstance(item, Record):
                flying -= 1
                return item
            report.update(item)

    results = _batch.run(
        texts(),
        cleaner=_RecordCleaner(cleaner or default_cleaner()),
        processes=processes,
        chunksize=chunksize,
        progress=progress,
        total=total,
        catch=True,
        ahead=-(-limit // chunksize) if processes > 1 else None,
    )
    try:
        for cleaned in results:
            record = next_record()
            if isinstance(cleaned, Failure):
                report.add(
                    BadRecord(record.source, record.position, CLEANING_FAILED, cleaned.error)
                )
                continue
            yield record, cleaned
        for item in pending:
            if isinstance(item, BadRecords):
                report.update(item)
        pending.clear()
    except WorkerLostError as exc:
        lost = [item for item in pending if isinstance(item, Record)]
        span = (
            f"{len(lost)} records from {lost[0].where()} to {lost[-1].where()} were being "
            "cleaned and have no result"
            if lost
            else "no record was being cleaned"
        )
        raise WorkerLostError(
            f"a worker process died (killed, or out of memory?) and the run stopped; {span}",
            exc.first,
            exc.last,
        ) from exc
    finally:
        results.close()


class _Html(str):
    """The HTML of a record read from HTML (a `str`), to clean on the markup path."""

    __slots__ = ()


@attrs.frozen
class _RecordCleaner:
    """The cleaner of a stream's records: `clean_html` for a record's HTML (`_Html`), the
    text path for a text. Pickled to the workers with its `cleaner`."""

    cleaner: Cleaner

    def clean(self, text: str) -> Cleaned:
        if isinstance(text, _Html):
            return clean_html(str(text), cleaner=self.cleaner)
        return self.cleaner.clean(text)
