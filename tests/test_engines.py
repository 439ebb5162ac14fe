"""The cleaner on a real local Dask cluster and a local Spark session equals one process."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import shutil
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import karabakh_corpus as kc
from karabakh_corpus.errors import MissingExtraError
from karabakh_corpus.rules import GENERIC_RULES, Rule
from karabakh_corpus.stream import cleaned_record, row_json
from karabakh_corpus.stream.engines import (
    OUTPUT_COLUMNS,
    clean_dask_bag,
    clean_dask_dataframe,
    clean_spark_dataframe,
)

CORE = 'needs the test extra: pip install ".[test]"'
ENGINES = 'needs the test-engines extra: pip install ".[test-engines]"'

RAW = Path(kc.__file__).parent / "data" / "raw"

pytestmark = [
    pytest.mark.slow,
    # pyspark 4 warns that it does not fully support pandas 3 yet; the columns used here work.
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]


def synthetic(i: int) -> str:
    """A scraped page with furniture around a short article, different for every `i`."""
    return "\n".join(
        [
            "Home | World | Europe",
            f"Talks resume in round {i} as ministers meet",
            "By Jane Doe" if i % 2 else "Updated: 12 March 2022 10:4" + str(i % 10),
            "- Advertisement -",
            f"The foreign ministers of Armenia and Azerbaijan met on Saturday for round {i} "
            "of talks hosted by the European Union, their first meeting since the ceasefire, "
            "officials in both capitals said.",
            "Both sides agreed to continue the work on a peace treaty, although no date was "
            f"set for the next round, according to a joint statement issued after {i} hours.",
            "Share this article" if i % 3 else "Sign up for our newsletter",
            "Related Stories",
            f"Other news story number {i}",
        ]
    )


def compute(collection: Any) -> Any:
    """Run a lazy Dask collection (Dask's `compute` is untyped)."""
    return collection.compute()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    raw = [path.read_text("utf-8") for path in sorted(RAW.glob("*.txt"))]
    assert len(raw) == 5
    return raw + [synthetic(i) for i in range(15)]


@pytest.fixture(scope="module")
def cleaner() -> kc.Cleaner:
    """A non-default cleaner, to check that the workers get this one and not the default."""
    promo = Rule("promo-code", kc.Category.ADVERTISEMENT, r"use code \w+ for \d+% off")
    return kc.Cleaner(rules=(*GENERIC_RULES, promo))


@pytest.fixture(scope="module")
def expected(texts: list[str], cleaner: kc.Cleaner) -> list[dict[str, Any]]:
    return [cleaned_record(cleaner.clean(text)) for text in texts]


def test_missing_engines_name_their_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # first in the module: no cluster or session is running while the imports are blocked
    for name in ("dask", "dask.bag", "dask.dataframe", "pyspark", "pyspark.sql"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(MissingExtraError, match=r"karabakh-corpus\[dask\]"):
        clean_dask_bag(None)  # type: ignore[arg-type]
    with pytest.raises(MissingExtraError, match=r"karabakh-corpus\[dask\]"):
        clean_dask_dataframe(None)  # type: ignore[arg-type]
    with pytest.raises(MissingExtraError, match=r"karabakh-corpus\[spark\]"):
        clean_spark_dataframe(None)  # type: ignore[arg-type]


@contextlib.contextmanager
def taken(port: int) -> Iterator[None]:
    """Hold `port` on all interfaces (if it is free) while the ``with`` block runs."""
    with socket.socket() as holder:
        with contextlib.suppress(OSError):  # already taken: fine too
            holder.bind(("", port))
            holder.listen()
        yield


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    pytest.importorskip("dask.bag", reason=ENGINES)
    pytest.importorskip("dask.dataframe", reason=ENGINES)
    distributed = pytest.importorskip("distributed", reason=ENGINES)
    with (
        taken(8787),  # Dask's default dashboard port, as when another cluster runs
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be taken
            memory_limit="1GiB",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def java_missing() -> str | None:
    """Why Spark cannot start here for want of Java, or None when a Java runtime is found."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return None
    if shutil.which("java"):
        return None
    return "Spark needs a Java runtime: no java on PATH and no JAVA_HOME"


def test_java_missing_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert java_missing() == "Spark needs a Java runtime: no java on PATH and no JAVA_HOME"
    java = tmp_path / "jre" / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text("#!/bin/sh\n")
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jre"))
    assert java_missing() is None
    monkeypatch.delenv("JAVA_HOME")
    monkeypatch.setenv("PATH", str(java.parent))
    assert java_missing() is None


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    sql = pytest.importorskip("pyspark.sql", reason=ENGINES)
    missing = java_missing()
    if missing is not None:
        pytest.skip(missing)
    pytest.importorskip("pandas", reason=CORE)
    pytest.importorskip("pyarrow", reason=CORE)
    saved = {key: os.environ.get(key) for key in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")}
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        sql.SparkSession.builder.master("local[2]")
        .appName("karabakh_corpus-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "512m")
        .config("spark.executor.memory", "512m")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "7")
        .getOrCreate()
    )
    try:
        yield session
    finally:
        session.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_dask_bag_equals_one_process(
    dask_client: Any, texts: list[str], cleaner: kc.Cleaner, expected: list[dict[str, Any]]
) -> None:
    db: Any = importlib.import_module("dask.bag")
    bag = db.from_sequence(texts, npartitions=4)
    got = compute(clean_dask_bag(bag, cleaner))
    assert got == expected
    assert all(list(row) == ["title", "summary", "text", "stripped", "facts"] for row in got)
    # the default cleaner, too
    default = compute(clean_dask_bag(db.from_sequence(texts[:6], npartitions=2)))
    assert default == [cleaned_record(kc.clean(text)) for text in texts[:6]]
    assert len(dask_client.scheduler_info()["workers"]) == 2


def test_dask_dataframe_equals_one_process(
    dask_client: Any, texts: list[str], cleaner: kc.Cleaner, expected: list[dict[str, Any]]
) -> None:
    dd: Any = importlib.import_module("dask.dataframe")
    pd: Any = importlib.import_module("pandas")

    frame = pd.DataFrame({"doc": [*range(len(texts)), 99], "body": [*texts, None]})
    result = clean_dask_dataframe(dd.from_pandas(frame, npartitions=3), "body", cleaner)
    assert list(result.columns) == ["doc", "body", *OUTPUT_COLUMNS]
    # without the names deprecated in 1.8.0 (clean_text for the body, removed)
    assert list(result.columns) == [
        *("doc", "body", "title", "summary", "body_text", "stripped", "facts")
    ]
    done = compute(result).sort_values("doc")
    rows = done.to_dict("records")
    for row, want in zip(rows, expected, strict=False):
        assert row["body_text"] == want["text"]
        assert (None if pd.isna(row["title"]) else row["title"]) == want["title"]
        assert (None if pd.isna(row["summary"]) else row["summary"]) == want["summary"]
        assert json.loads(row["stripped"]) == want["stripped"]
        assert json.loads(row["facts"]) == json.loads(row_json(want["facts"]))
    last = rows[-1]
    assert last["doc"] == 99
    assert all(pd.isna(last[name]) for name in OUTPUT_COLUMNS)
    with pytest.raises(ValueError, match="no column 'text'"):
        clean_dask_dataframe(dd.from_pandas(frame, npartitions=1))
    with pytest.raises(ValueError, match="already has the output columns stripped"):
        clean_dask_dataframe(dd.from_pandas(frame.assign(stripped=1), npartitions=1), "body")


def test_dask_dataframe_keeps_input_columns_named_as_the_deprecated_outputs(
    dask_client: Any, texts: list[str], cleaner: kc.Cleaner
) -> None:
    """The names deprecated in 1.8.0 (`clean_text`, the body, and `removed`) are no longer
    output columns: a DataFrame's own columns of those names are kept as they are."""
    dd: Any = importlib.import_module("dask.dataframe")
    pd: Any = importlib.import_module("pandas")
    frame = pd.DataFrame({"text": texts[:4], "clean_text": ["mine"] * 4, "removed": [1, 2, 3, 4]})
    done = compute(clean_dask_dataframe(dd.from_pandas(frame, npartitions=2), cleaner=cleaner))
    assert list(done.columns) == ["text", "clean_text", "removed", *OUTPUT_COLUMNS]
    assert list(done["clean_text"]) == ["mine"] * 4
    assert list(done["removed"]) == [1, 2, 3, 4]
    assert list(done["body_text"]) == [cleaner.clean(text).text for text in texts[:4]]


def test_spark_dataframe_equals_one_process(
    spark: Any, texts: list[str], cleaner: kc.Cleaner, expected: list[dict[str, Any]]
) -> None:
    rows = [(k, text) for k, text in enumerate(texts)] + [(99, None)]
    frame = spark.createDataFrame(rows, "doc long, text string").repartition(2)
    result = clean_spark_dataframe(frame, cleaner=cleaner)
    assert result.columns == ["doc", "text", *OUTPUT_COLUMNS]
    assert result.schema["stripped"].dataType.simpleString() == (
        "array<struct<start:bigint,end:bigint,category:string,rule:string,reason:string>>"
    )
    assert "clean_text" not in result.columns and "removed" not in result.columns
    got = {row["doc"]: row for row in result.collect()}
    assert len(got) == len(texts) + 1
    for k, want in enumerate(expected):
        row = got[k]
        assert row["body_text"] == want["text"]
        assert row["title"] == want["title"]
        assert row["summary"] == want["summary"]
        assert [span.asDict() for span in row["stripped"]] == want["stripped"]
        assert row["facts"].asDict(recursive=True) == want["facts"]
    assert all(got[99][name] is None for name in OUTPUT_COLUMNS)
    numbers = spark.createDataFrame([(1,)], "text long")
    with pytest.raises(TypeError, match="string column"):
        clean_spark_dataframe(numbers)
