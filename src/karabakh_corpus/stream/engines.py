"""Run the cleaner on Dask and Spark: bags, Dask DataFrames and Spark DataFrames.

`clean_dask_bag` maps a bag of texts to a bag of result dicts, `clean_dask_dataframe` and
`clean_spark_dataframe` add the cleaned columns to a DataFrame.

A result dict is `karabakh_corpus.stream.cleaned_record`: the body is ``text``, as
everywhere else. A DataFrame already has its input column, most often ``text``, so there
the body is the column ``body_text``; ``clean_text`` would say title, summary and body, as
it does in every other place. The `Cleaner` (the default one, or yours with its rules,
profile and thresholds) is pickled and shipped to the workers, so results are the same as
``cleaner.clean(text)`` in one process; the workers need karabakh_corpus installed. Dask
needs the ``dask`` extra, Spark the ``spark`` extra; they are imported only when these
functions are called. See docs/scaling.md for clusters.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from karabakh_corpus import _extras
from karabakh_corpus.cleaner.core import Cleaner, default_cleaner
from karabakh_corpus.stream.write import cleaned_record, row_json

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag
    import dask.dataframe
    import pandas
    import pyspark.sql

__all__ = ["OUTPUT_COLUMNS", "clean_dask_bag", "clean_dask_dataframe", "clean_spark_dataframe"]

OUTPUT_COLUMNS = (
    "title",
    "summary",
    "body_text",
    "stripped",
    "facts",
)
"""The columns the DataFrame functions add, in order."""


def clean_dask_bag(bag: dask.bag.Bag, cleaner: Cleaner | None = None) -> dask.bag.Bag:
    """Clean a Dask bag of texts into a bag of result dicts, lazily and in order.

    Each element must be a `str` (others raise `TypeError` on the workers, as in `clean`);
    each result is ``{"title", "summary", "text", "stripped", "facts"}`` with ``stripped`` a
    list of ``{"start", "end", "category", "rule", "reason"}`` and ``facts`` the page's facts
    (the `karabakh_corpus.stream.cleaned_record` shape). Call ``.compute()`` or write the bag
    out to run it.
    """
    with _extras.needs("dask", "clean_dask_bag()"):
        import dask.bag  # noqa: F401
    cleaned: dask.bag.Bag = bag.map_partitions(  # type: ignore[no-untyped-call]
        _clean_partition, cleaner or default_cleaner()
    )
    return cleaned


def _clean_partition(texts: Iterable[str], cleaner: Cleaner) -> list[dict[str, Any]]:
    return [cleaned_record(cleaner.clean(text)) for text in texts]


def clean_dask_dataframe(
    df: dask.dataframe.DataFrame, column: str = "text", cleaner: Cleaner | None = None
) -> dask.dataframe.DataFrame:
    """Add the cleaned columns of `column` to a Dask DataFrame, lazily, partition by partition.

    The new columns are ``title``, ``summary``, ``body_text`` (strings), ``stripped``, a
    JSON array of ``{"start", "end", "category", "rule", "reason"}``, and ``facts``, the
    page's facts as a JSON object (dates in ISO 8601); rows whose text is missing (None or
    NaN) get missing values in all of them. Other non-string values raise `TypeError` when
    computed. `column` must exist and the new names must not.
    """
    with _extras.needs("dask", "clean_dask_dataframe()"):
        import dask.dataframe  # noqa: F401
    _check_columns(list(df.columns), column)
    cleaner = cleaner or default_cleaner()
    meta = _clean_frame(df._meta, column, cleaner, as_json=True)
    cleaned: dask.dataframe.DataFrame = df.map_partitions(  # type: ignore[no-untyped-call]
        _clean_frame, column, cleaner, as_json=True, meta=meta
    )
    return cleaned


def clean_spark_dataframe(
    df: pyspark.sql.DataFrame, column: str = "text", cleaner: Cleaner | None = None
) -> pyspark.sql.DataFrame:
    """Add the cleaned columns of string column `column` to a Spark DataFrame, lazily.

    Runs with ``mapInPandas`` (Arrow batches) under an explicit schema: the input columns,
    then ``title``, ``summary``, ``body_text`` (strings), ``stripped``, an array of
    structs ``(start, end, category, rule, reason)``, and ``facts``, a struct of the page's
    facts (dates as dates, authors as an array, evidence as an array of structs); null
    texts give nulls. The cleaner is pickled into the job; the executors need
    karabakh_corpus (and pandas, pyarrow) installed.
    `column` must be a string column and the new names must not exist.
    """
    with _extras.needs("spark", "clean_spark_dataframe()"):
        from pyspark.sql import types
    _check_columns(df.columns, column)
    kind = df.schema[column].dataType
    if not isinstance(kind, types.StringType):
        raise TypeError(f"column {column!r} must be a string column, not {kind.simpleString()}")
    stripped = types.StructType(
        [
            types.StructField("start", types.LongType(), False),
            types.StructField("end", types.LongType(), False),
            types.StructField("category", types.StringType(), False),
            types.StructField("rule", types.StringType(), True),
            types.StructField("reason", types.StringType(), False),
        ]
    )
    schema = types.StructType(
        [
            *df.schema.fields,
            types.StructField("title", types.StringType(), True),
            types.StructField("summary", types.StringType(), True),
            types.StructField("body_text", types.StringType(), True),
            types.StructField("stripped", types.ArrayType(stripped, False), True),
            types.StructField("facts", _spark_facts(types), True),
        ]
    )
    run = functools.partial(_clean_batches, column=column, cleaner=cleaner or default_cleaner())
    return df.mapInPandas(run, schema)


def _spark_facts(types: Any) -> Any:
    """The Spark type of the ``facts`` column (its Arrow type is
    `karabakh_corpus.stream.write.facts_type`)."""
    text, dates, longs = types.StringType(), types.DateType(), types.LongType()
    evidence = types.StructType(
        [
            types.StructField(name, kind, name not in ("field", "source", "text"))
            for name, kind in (
                ("field", text),
                ("source", text),
                ("start", longs),
                ("end", longs),
                ("path", text),
                ("text", text),
            )
        ]
    )
    return types.StructType(
        [
            types.StructField("date", dates, True),
            types.StructField("updated", dates, True),
            types.StructField("authors", types.ArrayType(text, False), False),
            types.StructField("outlet", text, True),
            types.StructField("dateline", text, True),
            types.StructField("wire", text, True),
            types.StructField("title", text, True),
            types.StructField("inferred", types.ArrayType(text, False), False),
            types.StructField("evidence", types.ArrayType(evidence, False), False),
        ]
    )


def _check_columns(columns: list[str], column: str) -> None:
    if column not in columns:
        raise ValueError(f"no column {column!r}; the columns are {', '.join(columns)}")
    taken = [name for name in OUTPUT_COLUMNS if name in columns]
    if taken:
        raise ValueError(f"the DataFrame already has the output columns {', '.join(taken)}")


def _clean_batches(
    batches: Iterable[pandas.DataFrame], *, column: str, cleaner: Cleaner
) -> Iterator[pandas.DataFrame]:
    for batch in batches:
        yield _clean_frame(batch, column, cleaner, as_json=False)


def _clean_frame(
    frame: pandas.DataFrame, column: str, cleaner: Cleaner, *, as_json: bool
) -> pandas.DataFrame:
    """`frame` with the output columns added (the regions and the facts as JSON, or as
    lists and dicts)."""
    import pandas

    titles: list[str | None] = []
    summaries: list[str | None] = []
    texts: list[str | None] = []
    stripped: list[Any] = []
    facts: list[Any] = []
    for value in frame[column]:
        if value is None or (isinstance(value, float) and value != value) or value is pandas.NA:
            for values in (titles, summaries, texts, stripped, facts):
                values.append(None)
            continue
        record = cleaned_record(cleaner.clean(value))
        titles.append(record["title"])
        summaries.append(record["summary"])
        texts.append(record["text"])
        regions = record["stripped"]
        stripped.append(json.dumps(regions, ensure_ascii=False) if as_json else regions)
        facts.append(row_json(record["facts"]) if as_json else record["facts"])
    string = pandas.StringDtype()
    regions = string if as_json else object
    done: pandas.DataFrame = frame.assign(
        title=pandas.Series(titles, index=frame.index, dtype=string),
        summary=pandas.Series(summaries, index=frame.index, dtype=string),
        body_text=pandas.Series(texts, index=frame.index, dtype=string),
        stripped=pandas.Series(stripped, index=frame.index, dtype=regions),
        facts=pandas.Series(facts, index=frame.index, dtype=regions),
    )
    return done
