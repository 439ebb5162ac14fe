"""The stream's records: a `Record` to clean, a `BadRecord` that cannot be, a `Skipped`
record that is not one to clean (a WARC request, a redirect, an image...), and the bounded
`BadRecords` report that counts the last two by reason (`REASONS`, `SKIP_REASONS`)."""

from __future__ import annotations

from collections import Counter
from typing import Any, Final

import attrs

__all__ = [
    "CLEANING_FAILED",
    "EMPTY_TEXT",
    "FIELDS",
    "INCOMPLETE",
    "MALFORMED_JSON",
    "MAX_BYTES",
    "MISSING_TEXT",
    "NON_STRING",
    "NOT_2XX",
    "NOT_AN_OBJECT",
    "NOT_HTML",
    "NOT_HTTP",
    "REASONS",
    "RESULT_KEYS",
    "SKIP_REASONS",
    "STDIN",
    "TOO_LARGE",
    "UNDECODABLE",
    "UNREADABLE_HTML",
    "UNWRITABLE",
    "WARC_FIELDS",
    "BadRecord",
    "BadRecords",
    "Record",
    "Skipped",
    "skip_reason",
]


FIELDS: Final = "fields"
"""The key of an output row that holds the input record's own fields."""
RESULT_KEYS: Final = (
    "id",
    "source",
    "title",
    "summary",
    "text",
    "stripped",
    "facts",
    FIELDS,
)
"""The keys of an output row (`output_record`), in order; the input's fields are under
``fields``, so that no input field can clash with a result."""
WARC_FIELDS: Final = ("WARC-Target-URI", "WARC-Date", "WARC-Record-ID")
"""The headers of a WET or WARC record kept as its fields."""

STDIN: Final = "-"
"""The input name that stands for standard input."""

UNDECODABLE: Final = "undecodable"
UNREADABLE_HTML: Final = "unreadable HTML"
MALFORMED_JSON: Final = "malformed JSON"
NOT_AN_OBJECT: Final = "not a JSON object"
MISSING_TEXT: Final = "missing text"
EMPTY_TEXT: Final = "empty text"
NON_STRING: Final = "non-string text"
TOO_LARGE: Final = "too large"
CLEANING_FAILED: Final = "cleaning failed"
UNWRITABLE: Final = "not writable"
INCOMPLETE: Final = "incomplete input"

REASONS: Final = (
    UNDECODABLE,
    UNREADABLE_HTML,
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    MISSING_TEXT,
    EMPTY_TEXT,
    NON_STRING,
    TOO_LARGE,
    CLEANING_FAILED,
    UNWRITABLE,
    INCOMPLETE,
)
"""Why a record is bad: its bytes do not decode, its HTML nests deeper than the HTML parser
reads (more than 2048 levels), its JSON line is malformed or not an object,
its text is missing (or null), empty (or only whitespace) or not a string, it is larger than
the size limit, or the cleaner raised an error on it, or its row cannot be written in the
output format (a lone surrogate, which a Parquet string cannot hold); or the input itself
breaks at some point (truncated or corrupt gzip, WARC or Parquet data): `INCOMPLETE`, whose
count is the number of records known to be lost (Parquet knows it from its footer;
elsewhere it is unknown and counted 0, and the input is listed as incomplete)."""

NOT_HTTP: Final = "not HTTP"
NOT_2XX: Final = "HTTP status not 2xx"
NOT_HTML: Final = "not HTML"
_RECORD_TYPES: Final = (
    "warcinfo",
    "request",
    "metadata",
    "revisit",
    "resource",
    "conversion",
    "continuation",
    "response",
)
"""The record types of WARC 1.1."""

SKIP_REASONS: Final = (
    *(f"{kind} record" for kind in _RECORD_TYPES),
    "other record",
    NOT_HTTP,
    NOT_2XX,
    NOT_HTML,
)
"""Why a record of a WET or WARC file is not one to clean, and is passed over (counted, not
reported one by one): its WARC type (``warcinfo record``, ``request record``, ``revisit
record``...: every type but ``conversion`` in a WET file and ``response`` in a WARC file;
``other record`` for a type WARC 1.1 does not name), or, for a WARC response, that it is
not HTTP (no HTTP headers), that its HTTP status is not 2xx (a redirect, an error), or that
its ``Content-Type`` is not HTML."""


def skip_reason(record_type: str | None) -> str:
    """The `SKIP_REASONS` entry of a WARC record of type `record_type`."""
    return f"{record_type} record" if record_type in _RECORD_TYPES else "other record"


MAX_BYTES: Final = 5_000_000
"""The default size limit of one record (a plain-text file, a JSON line, a Parquet value,
a WET payload), in bytes: cleaning takes about a hundred times a text's size in memory."""


@attrs.frozen
class Record:
    """One input record to clean: its `id`, the input it came from (`source`), its `text`.

    `id` is the file name for a plain-text or HTML file, the WARC-Target-URI for a WET or
    WARC record, and for JSON Lines and Parquet the value of the id field when one is named
    and present, else of the field ``id`` when the record has one (as a string), else the
    line number (from 1) or the row number (from 0). `position` says where the record is in
    its source, as in `BadRecord`. `fields` holds the input record's own fields: every field
    of a JSON object (the text field too), every column of a Parquet row, the
    `WARC_FIELDS` headers of a WET or WARC record; none for a plain-text or HTML file. For
    HTML, `text` is the page rendered by ``html-text``, and `html` the page's HTML (decoded),
    which the cleaner reads on the markup path (`karabakh_corpus.clean_html`); `html` is None
    for every other input.
    """

    id: str
    source: str
    text: str
    position: str = ""
    fields: dict[str, Any] = attrs.field(factory=dict, kw_only=True, eq=False, repr=False)
    html: str | None = attrs.field(default=None, kw_only=True, eq=False, repr=False)

    def where(self) -> str:
        """The source and position, as ``source:position``."""
        return f"{self.source}:{self.position}" if self.position else self.source


@attrs.frozen
class BadRecord:
    """A record that cannot be cleaned: where it is, why (one of `REASONS`), and details.

    `position` is ``"line N"`` (JSON Lines), ``"row N"`` (Parquet), ``"offset N"`` (the byte
    offset of a WET record, in its uncompressed stream) or empty for a whole plain-text file;
    a run of like bad records reported together reads ``"line 1 to line 30"``. `count` is the
    number of records: more than one for such a run and when a whole Parquet file is skipped
    for want of its text column; for `INCOMPLETE`, the records known to be lost (0 when
    unknown).
    """

    source: str
    position: str
    reason: str
    detail: str = ""
    count: int = 1

    def describe(self) -> str:
        """One line: source and position, reason, details."""
        where = f"{self.source}:{self.position}" if self.position else self.source
        detail = f" ({self.detail})" if self.detail else ""
        runs = f" [{self.count} records]" if self.count > 1 and self.reason != INCOMPLETE else ""
        return f"{where}: {self.reason}{detail}{runs}"


@attrs.frozen
class Skipped:
    """A record that is not one to clean (one of `SKIP_REASONS`): where it is, and why.

    Skipped records are counted by reason in `BadRecords.skipped`, so that every record of
    an input is accounted for: records in = cleaned + bad + skipped.
    """

    source: str
    position: str
    reason: str
    count: int = 1


@attrs.define
class BadRecords:
    """A bounded report of bad records: counts per reason and the first `keep` of them.

    Counts are exact; only the examples are capped, so memory stays bounded however many
    records are bad. Consecutive bad records of one source with the same reason and
    details are kept as one example (a wrong text field gives one line, not one per
    record). Incomplete inputs are all kept, in `incomplete` (one per input at most).
    """

    keep: int = 20
    counts: Counter[str] = attrs.field(factory=Counter)
    examples: list[BadRecord] = attrs.field(factory=list)
    incomplete: list[BadRecord] = attrs.field(factory=list)
    skipped: Counter[str] = attrs.field(factory=Counter)

    def add(self, bad: BadRecord | Skipped) -> None:
        """Count `bad`, and keep it as an example while fewer than `keep` are kept; count a
        `Skipped` record by its reason."""
        if isinstance(bad, Skipped):
            self.skipped[bad.reason] += bad.count
            return
        self.counts[bad.reason] += bad.count
        self._example(bad)

    def update(self, other: BadRecords) -> None:
        """Add the report `other`, of the bad records that came after these, to this one."""
        self.counts.update(other.counts)
        self.skipped.update(other.skipped)
        for bad in [*other.examples, *other.incomplete]:
            self._example(bad)

    def _example(self, bad: BadRecord) -> None:
        if bad.reason == INCOMPLETE:
            self.incomplete.append(bad)
            return
        last = self.examples[-1] if self.examples else None
        if (
            last is not None
            and (last.source, last.reason, last.detail) == (bad.source, bad.reason, bad.detail)
            and bad.position
        ):
            first = last.position.split(" to ")[0]
            self.examples[-1] = attrs.evolve(
                last, position=f"{first} to {bad.position}", count=last.count + bad.count
            )
        elif len(self.examples) < self.keep:
            self.examples.append(bad)

    @property
    def total(self) -> int:
        """How many records were bad (incomplete inputs count the records known lost)."""
        return sum(self.counts.values())

    @property
    def passed(self) -> int:
        """How many records were skipped as not ones to clean (`SKIP_REASONS`)."""
        return sum(self.skipped.values())

    def lines(self) -> list[str]:
        """One line per kept example, how many more were not listed, the incomplete inputs."""
        rows = [f"skipped {bad.describe()}" for bad in self.examples]
        listed = sum(bad.count for bad in self.examples) + self.counts[INCOMPLETE]
        if self.total > listed:
            rows.append(f"... and {self.total - listed} more bad records not listed")
        rows += [bad.describe() for bad in self.incomplete]
        return rows

    def summary(self, cleaned: int) -> str:
        """One line: how many records were cleaned, how many skipped as bad, per reason, and
        how many passed over as not ones to clean, per reason."""
        counts = {reason: n for reason, n in self.counts.items() if n or reason != INCOMPLETE}
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(counts.items()))
        line = f"{cleaned} records cleaned, {self.total} bad records skipped"
        line += f" ({reasons})" if reasons else ""
        if self.passed:
            kinds = ", ".join(f"{reason} {n}" for reason, n in sorted(self.skipped.items()))
            line += f", {self.passed} other records passed over ({kinds})"
        if self.incomplete:
            n = len(self.incomplete)
            line += f"; {n} input{'s' if n > 1 else ''} incomplete (see above)"
        return line
