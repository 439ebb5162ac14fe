"""Clean large inputs as a stream: plain text, JSON Lines, Parquet, WET, HTML and WARC files,
and the same cleaner on Dask and Spark.

`read_inputs` turns input files into a stream of `Record` (an id, where it came from, its
text), `BadRecord` (a record that cannot be cleaned, and why) and `Skipped` (a record that
is not one to clean: a WARC request, a redirect, an image...); `clean_records` cleans the
good ones with `karabakh_corpus.clean_many`, in order and optionally in worker processes,
and counts the others in a `BadRecords` report; `cleaned_record` is the JSON-ready result
of one text, `output_record` the same with the record's id and source and the input
record's own fields (the rows of ``karabakh-corpus clean``), and `ParquetSink` writes such
rows to a Parquet file in batches. `karabakh_corpus.stream.engines` runs the cleaner on
Dask and Spark.

Records keep their fields: every field of a JSON Lines object, every column of a Parquet
row, the ``WARC-Target-URI``, ``WARC-Date`` and ``WARC-Record-ID`` headers of a WET or WARC
record, in `Record.fields`; an output row carries them under ``fields``, beside the cleaning
results, so the two can never clash (see `output_record`). HTML files and the HTML
``response`` records of WARC files are rendered to text before they are cleaned
(`karabakh_corpus.html`); their offsets refer to that rendering.

Memory stays bounded: files are read record by record (Parquet in record batches, WET and
WARC through warcio's `ArchiveIterator`), at most a window of records is in flight between
the reader and the cleaner, and the bad-record report keeps counts plus the first few
examples. A plain-text input is read whole, since it is one document: like every record it
must not be larger than `MAX_BYTES` (or the ``max_bytes`` given), since cleaning a text
takes about a hundred times its size in memory; a larger one is a bad record (`TOO_LARGE`),
and only ``max_bytes + 1`` bytes of it are read. Parquet needs the ``parquet`` extra
(pyarrow), WET files the ``warc`` extra (warcio), HTML files the ``html`` extra (html-text)
and WARC files both ``warc`` and ``html``; each is imported only when such a file is read or
written.
"""

from karabakh_corpus.stream import formats, model, read, run, write
from karabakh_corpus.stream.formats import *  # noqa: F403  (re-exported: __all__ below)
from karabakh_corpus.stream.model import *  # noqa: F403
from karabakh_corpus.stream.read import *  # noqa: F403
from karabakh_corpus.stream.run import *  # noqa: F403
from karabakh_corpus.stream.write import *  # noqa: F403

__all__ = [*formats.__all__, *model.__all__, *read.__all__, *run.__all__, *write.__all__]
