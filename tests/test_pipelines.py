"""From a crawl to clean text in one command: records keep their fields; HTML and WARC in."""

from __future__ import annotations

import datetime
import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli as run

import karabakh_corpus as kc
from karabakh_corpus import stream

PAGES = Path(__file__).parent / "data" / "html_pages" / "html"
CORE = 'needs the test extra: pip install ".[test]"'


def scraped(i: int) -> str:
    return "\n".join(
        [
            "Home | World | Sport",
            f"Council votes on harbour plan, round {i}",
            "- Advertisement -",
            f"The council of Portwick voted on Monday on the harbour plan for the {i}th time, "
            "after a debate that lasted the whole afternoon, officials said.",
            "Share this article",
        ]
    )


# -- JSON Lines ---------------------------------------------------------------------------------

RECORDS: list[dict[str, Any]] = [
    {
        "id": "a-1",
        "url": "https://news.example/a/1",
        "crawl_date": "2024-05-14T09:12:00Z",
        "body": scraped(1),
        "lang": "en",
        "meta": {"status": 200, "tags": ["harbour", "council"]},
    },
    {
        "id": 2,  # not a string: the output id is its string, the field stays a number
        "url": "https://news.example/a/2",
        "crawl_date": None,
        "body": scraped(2),
        "text": "an input field that is also called text",
        "title": "and one called title",
        "fields": "and one called fields",
    },
    {"url": "https://news.example/a/3", "body": scraped(3), "score": 0.5},  # no id
]


@pytest.fixture
def scraped_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "mine.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return path


def test_json_lines_records_keep_every_field(
    capsys: pytest.CaptureFixture[str], scraped_jsonl: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.jsonl"
    status, out, err = run(
        capsys, "clean", str(scraped_jsonl), "--text-field", "body", "-o", str(target)
    )
    assert (status, out, err) == (0, "", "")
    rows = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["a-1", "2", "3"]  # the "id" field, else the line
    for row, record in zip(rows, RECORDS, strict=True):
        assert list(row) == list(stream.RESULT_KEYS)
        assert row["fields"] == record  # every field, with its type and order
        assert list(row["fields"]) == list(record)
        result = kc.clean(record["body"])
        assert row["text"] == result.text and row["title"] == result.title
        assert row["source"] == str(scraped_jsonl)
    # input fields named like results stay apart from the results
    assert rows[1]["fields"]["text"] == "an input field that is also called text"
    assert rows[1]["text"] == kc.clean(scraped(2)).text
    assert rows[1]["fields"]["fields"] == "and one called fields"
    assert rows[1]["fields"]["id"] == 2


def test_an_id_field_given_wins(capsys: pytest.CaptureFixture[str], scraped_jsonl: Path) -> None:
    status, out, _ = run(
        capsys, "clean", str(scraped_jsonl), "--text-field", "body", "--id-field", "url"
    )
    assert status == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [r["url"] for r in RECORDS]


def test_an_id_field_missing_from_a_record_falls_back_to_its_id(
    capsys: pytest.CaptureFixture[str], scraped_jsonl: Path
) -> None:
    status, out, _ = run(
        capsys, "clean", str(scraped_jsonl), "--text-field", "body", "--id-field", "lang"
    )
    assert status == 0  # only the first record has a field "lang"
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["en", "2", "3"]


@pytest.mark.parametrize("option", ["--keep-fields", "--id-field"])
def test_a_field_no_record_has_is_refused_naming_the_fields(
    capsys: pytest.CaptureFixture[str], scraped_jsonl: Path, tmp_path: Path, option: str
) -> None:
    """In 1.7.0 `--keep-fields nosuch` and `--id-field nosuch` were taken without a word."""
    target = tmp_path / "out.jsonl"
    argv = ["clean", str(scraped_jsonl), "--text-field", "body", "-o", str(target)]
    status, out, err = run(capsys, *argv, option, "nosuch")
    assert (status, out) == (2, "")
    assert err == (
        f"karabakh-corpus clean: error: {option} names 'nosuch', which the records do not "
        "have; their fields are: body, crawl_date, fields, id, lang, meta, score, text, title, "
        f"url; {target} was not written (see karabakh-corpus clean --help)\n"
    )
    assert not target.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["mine.jsonl"]
    # plain text has no fields at all
    page = tmp_path / "page.txt"
    page.write_text(scraped(1))
    status, out, err = run(capsys, "clean", str(page), option, "url")
    assert (status, out) == (2, "")
    assert "which the records do not have; their fields are: none (a plain-text or HTML" in err


def test_a_field_only_later_records_have_is_kept_and_one_none_has_is_refused_at_the_end(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Records whose fields vary: a name is looked for beyond the first records."""
    source = tmp_path / "varied.jsonl"
    records = [{"text": scraped(i), **({"a": i} if i % 2 else {"b": i})} for i in range(400)]
    records[300]["late"] = "here"
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    status, out, err = run(capsys, "clean", str(source), "--keep-fields", "late")
    assert (status, err) == (0, "")
    assert [json.loads(line)["fields"] for line in out.splitlines()][299:302] == [
        {},
        {"late": "here"},
        {},
    ]
    target = tmp_path / "out.jsonl"
    status, out, err = run(
        capsys, "clean", str(source), "--keep-fields", "never", "-o", str(target)
    )
    assert (status, out) == (2, "")
    assert err == (
        "karabakh-corpus clean: error: --keep-fields names 'never', which no record had; their "
        f"fields are: a, b, late, text; {target} was not written (see karabakh-corpus clean "
        "--help)\n"
    )
    assert not target.exists()


def test_an_id_that_is_not_a_string_is_its_json_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """In 1.7.0 an object became its Python repr, "{'x': 1}"."""
    source = tmp_path / "ids.jsonl"
    ids: list[Any] = [{"x": 1, "y": "é"}, [1, 2], True, 7, 2.5, "plain"]
    source.write_text("".join(json.dumps({"key": k, "text": scraped(1)}) + "\n" for k in ids))
    status, out, _ = run(capsys, "clean", str(source), "--id-field", "key")
    assert status == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [
        '{"x": 1, "y": "é"}',
        "[1, 2]",
        "true",
        "7",
        "2.5",
        "plain",
    ]


def test_keep_some_fields_or_drop_the_input_text(
    capsys: pytest.CaptureFixture[str], scraped_jsonl: Path
) -> None:
    argv = ["clean", str(scraped_jsonl), "--text-field", "body"]
    status, out, _ = run(capsys, *argv, "--keep-fields", "url,crawl_date", "--keep-fields", "id")
    assert status == 0
    fields = [json.loads(line)["fields"] for line in out.splitlines()]
    assert fields == [{k: r[k] for k in ("id", "url", "crawl_date") if k in r} for r in RECORDS]
    status, out, _ = run(capsys, *argv, "--drop-input-text")
    assert status == 0
    fields = [json.loads(line)["fields"] for line in out.splitlines()]
    assert fields == [{k: v for k, v in r.items() if k != "body"} for r in RECORDS]
    status, out, err = run(capsys, *argv, "--keep-fields", "url,body", "--drop-input-text")
    assert status == 2 and out == ""
    assert "--keep-fields keeps the text field 'body' that --drop-input-text drops" in err
    status, out, err = run(capsys, *argv, "--keep-fields", "url,,lang")
    assert status == 2 and "give field names separated by commas, not 'url,,lang'" in err
    # the names never swallow the inputs that follow them
    status, out, _ = run(
        capsys, "clean", "--text-field", "body", "--keep-fields", "url", str(argv[1])
    )
    assert status == 0 and len(out.splitlines()) == 3


def test_the_python_row_has_the_same_shape(scraped_jsonl: Path) -> None:
    records = list(stream.read_records(str(scraped_jsonl), "jsonl", text_field="body"))
    assert all(isinstance(r, stream.Record) for r in records)
    record = records[0]
    assert isinstance(record, stream.Record)
    row = stream.output_record(record, kc.clean(record.text), keep=["lang"], drop=["body"])
    assert row["fields"] == {"lang": "en"} and row["id"] == "a-1"
    assert "fields=" not in repr(record)  # big inputs stay out of reprs


# -- Parquet ------------------------------------------------------------------------------------


def test_parquet_columns_are_kept_with_their_types(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pa = pytest.importorskip("pyarrow", reason=CORE)
    pq = pytest.importorskip("pyarrow.parquet", reason=CORE)
    when = [datetime.datetime(2024, 5, 14, 9, 12, tzinfo=datetime.timezone.utc)] * 3
    table = pa.table(
        {
            "id": ["p0", "p1", "p2"],
            "url": [f"https://news.example/p/{i}" for i in range(3)],
            "fetched": pa.array(when, pa.timestamp("s", tz="UTC")),
            "status": pa.array([200, 200, 203], pa.int16()),
            "body": [scraped(i) for i in range(3)],
        }
    )
    source = tmp_path / "crawl.parquet"
    pq.write_table(table, source)
    target = tmp_path / "clean.parquet"
    argv = ["clean", str(source), "--text-field", "body", "--output-format", "parquet"]
    status, _, err = run(capsys, *argv, "-o", str(target))
    assert (status, err) == (0, "")
    written = pq.read_table(target)
    assert written.schema.names == list(stream.RESULT_KEYS)
    fields = written.schema.field("fields").type
    # the types are those pyarrow gives the values: integers, timestamps (in microseconds)
    assert [f.name for f in fields] == ["id", "url", "fetched", "status", "body"]
    assert pa.types.is_timestamp(fields[2].type) and fields[2].type.tz == "UTC"
    assert pa.types.is_integer(fields[3].type) and pa.types.is_string(fields[4].type)
    rows = written.to_pylist()
    assert [r["id"] for r in rows] == ["p0", "p1", "p2"]
    assert [r["fields"]["status"] for r in rows] == [200, 200, 203]
    assert rows[0]["fields"]["fetched"] == when[0]
    assert rows[2]["text"] == kc.clean(scraped(2)).text
    # to JSON Lines, a timestamp is written in ISO 8601
    status, out, _ = run(capsys, "clean", str(source), "--text-field", "body")
    first = json.loads(out.splitlines()[0])
    assert first["fields"]["fetched"] == "2024-05-14T09:12:00+00:00"
    assert first["fields"]["status"] == 200


def test_parquet_output_of_records_with_other_fields_fails_whole(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyarrow.parquet", reason=CORE)

    class SmallBatches(stream.ParquetSink):
        def __init__(self, path: str, **options: Any) -> None:
            super().__init__(path, batch_rows=2, **options)

    monkeypatch.setattr(stream, "ParquetSink", SmallBatches)
    source = tmp_path / "mixed.jsonl"
    lines = [{"text": scraped(i), "n": i} for i in range(3)] + [{"text": scraped(9), "x": 1}]
    source.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    target = tmp_path / "out.parquet"
    target.write_bytes(b"an older file")
    argv = [str(source), "--output-format", "parquet", "-o", str(target)]
    status, _, err = run(capsys, "clean", *argv)
    assert status == 1
    assert "record 4 of" in err and "has fields ['x'] that the first records did not have" in err
    assert target.read_bytes() == b"an older file"  # nothing written over it
    # choosing the fields makes it fit
    status, _, err = run(capsys, "clean", *argv, "--keep-fields", "text")
    assert status == 0, err
    pq = pytest.importorskip("pyarrow.parquet", reason=CORE)
    assert [r["fields"] for r in pq.read_table(target).to_pylist()] == [
        {"text": r["text"]} for r in lines
    ]


def test_a_field_type_that_changes_fails(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow.parquet", reason=CORE)
    rows = [
        {**dict.fromkeys(stream.RESULT_KEYS), "text": "x", "stripped": [], "fields": {"n": n}}
        for n in (1, 2, "three")
    ]
    sink = stream.ParquetSink(str(tmp_path / "t.parquet"), batch_rows=2)
    for row in rows:
        sink.write(row)  # the first two are written, the third waits
    with pytest.raises(kc.DataFormatError, match="do not have the types of the first ones"):
        sink.close()


# -- HTML files ---------------------------------------------------------------------------------


def test_html_files_go_to_clean_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("html_text", reason=CORE)
    files = sorted(str(p) for p in PAGES.glob("*.html"))
    packed = tmp_path / "river-bridge.html.gz"
    packed.write_bytes(gzip.compress((PAGES / "river-bridge.html").read_bytes()))
    status, out, err = run(capsys, "clean", *files, str(packed))
    assert (status, err) == (0, "")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["id"] for row in rows] == [*files, str(packed)]
    for row, name in zip(rows, [*files, str(PAGES / "river-bridge.html")], strict=True):
        assert row["text"] == kc.clean_html(Path(name).read_bytes()).text
        assert row["fields"] == {}
    assert "Jubiläum" in rows[1]["title"]  # windows-1252, as the page declares
    # as text: the title and the clean text of each page
    status, out, _ = run(capsys, "clean", files[2], "--output-format", "text")
    assert status == 0
    assert out.startswith("New bridge opens over the Lenna river after three years of work\n\n")
    assert out.count("Hundreds of residents crossed") == 1
    assert "Share on Facebook" not in out


def test_bad_html_files_are_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("html_text", reason=CORE)
    empty = tmp_path / "empty.html"
    empty.write_text("<html><script>track()</script></html>", encoding="utf-8")
    latin = tmp_path / "latin.html"
    latin.write_bytes(("<p>" + scraped(2).replace("Monday", "Zürich") + "</p>").encode("latin-1"))
    good = PAGES / "harbour-ferry.html"
    status, out, err = run(capsys, "clean", str(empty), str(latin), str(good))
    assert status == 0
    # a page that declares no charset and is not UTF-8 is read as windows-1252, as browsers
    # read it (in 1.8.0 it was skipped as undecodable)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["id"] for row in rows] == [str(latin), str(good)]
    assert "Zürich" in (rows[0]["title"] or "") + rows[0]["text"]
    assert f"skipped {empty}: empty text (the HTML holds no text)" in err
    # an encoding given is checked: a wrong one skips the page, a right one decodes it
    status, out, err = run(capsys, "clean", str(latin), "--encoding", "utf-8")
    assert (status, out) == (1, "")
    assert f"skipped {latin}: undecodable (the HTML does not decode as utf-8 (passed" in err
    status, out, err = run(capsys, "clean", str(latin), "--encoding", "latin-1", "--json")
    assert status == 0 and err == ""
    assert json.loads(out)["id"] == str(latin)


# -- WARC ---------------------------------------------------------------------------------------


def _http(body: bytes, content_type: str, gzipped: bool = False) -> bytes:
    status = b"HTTP/1.1 301 Moved Permanently" if b"Moved" in body else b"HTTP/1.1 200 OK"
    headers = [status, b"Content-Type: " + content_type.encode()]
    if gzipped:
        body = gzip.compress(body)
        headers.append(b"Content-Encoding: gzip")
    headers.append(b"Content-Length: " + str(len(body)).encode())
    return b"\r\n".join(headers) + b"\r\n\r\n" + body


def _write_warc(path: Path, responses: list[tuple[str, bytes, str, bool]]) -> list[str]:
    """A WARC file: a warcinfo record, then per page a request and a response record."""
    warcwriter = pytest.importorskip("warcio.warcwriter", reason=CORE)
    from warcio.statusandheaders import StatusAndHeaders

    ids = []
    with path.open("wb") as handle:
        writer = warcwriter.WARCWriter(handle, gzip=path.suffix == ".gz")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for uri, body, content_type, gzipped in responses:
            request = writer.create_warc_record(
                uri,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")]),
            )
            writer.write_record(request)
            raw = _http(body, content_type, gzipped)
            head, _, payload = raw.partition(b"\r\n\r\n")
            lines = head.decode().split("\r\n")
            http = StatusAndHeaders(
                lines[0].split(" ", 1)[1],
                [tuple(line.split(": ", 1)) for line in lines[1:]],
                protocol="HTTP/1.1",
            )
            response = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),
                http_headers=http,
            )
            writer.write_record(response)
            ids.append(response.rec_headers.get_header("WARC-Record-ID"))
    return ids


def test_a_warc_of_html_pages_goes_to_clean_text_in_one_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("html_text", reason=CORE)
    bridge = (PAGES / "river-bridge.html").read_bytes()
    orchestra = (PAGES / "orchestra.html").read_bytes()  # windows-1252, declared in the page
    # the same page in windows-1252 with its charset only in the HTTP header
    ferry = (PAGES / "harbour-ferry.html").read_text("utf-8")
    ferry_bytes = ferry.replace('encoding="utf-8"', "").encode("cp1252")
    responses = [
        ("https://news.example/bridge", bridge, "text/html; charset=utf-8", False),
        ("https://news.example/logo.png", b"\x89PNG\r\n", "image/png", False),
        ("https://news.example/orchestra", orchestra, "text/html", True),
        ("https://news.example/ferry", ferry_bytes, 'text/html; charset="windows-1252"', False),
        ("https://news.example/blank", b"<html><body></body></html>", "text/html", False),
        ("https://news.example/old", b"<p>Moved to the new bridge page</p>", "text/html", False),
    ]
    crawl = tmp_path / "crawl.warc.gz"
    record_ids = _write_warc(crawl, responses)
    target = tmp_path / "clean.jsonl"
    status, out, err = run(capsys, "clean", str(crawl), "-o", str(target))
    assert status == 0 and out == ""
    rows = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert [row["id"] for row in rows] == [
        "https://news.example/bridge",
        "https://news.example/orchestra",
        "https://news.example/ferry",
    ]
    expected = [
        kc.clean_html(bridge),
        kc.clean_html(orchestra),
        kc.clean_html(ferry_bytes, encoding="cp1252"),
    ]
    for row, result, record_id in zip(
        rows, expected, [record_ids[0], *record_ids[2:4]], strict=True
    ):
        assert row["text"] == result.text and row["title"] == result.title
        fields = row["fields"]
        assert list(fields) == list(stream.WARC_FIELDS)
        assert fields["WARC-Target-URI"] == row["id"]
        assert fields["WARC-Record-ID"] == record_id
        assert datetime.datetime.fromisoformat(fields["WARC-Date"].replace("Z", "+00:00"))
    assert "Jubiläum" in rows[1]["title"]
    assert "Portwick" in rows[2]["text"]  # the HTTP charset decoded it
    assert err.splitlines() == [
        f"karabakh-corpus: skipped {crawl}:offset {_offset(err)}: empty text "
        "(https://news.example/blank; no text in the HTML)",
        # the warcinfo record, six requests, the image and the redirect are no pages
        "karabakh-corpus: 3 records cleaned, 1 bad records skipped (empty text 1), 9 other "
        "records passed over (HTTP status not 2xx 1, not HTML 1, request record 6, warcinfo "
        "record 1)",
    ]


def _offset(err: str) -> str:
    return err.split(":offset ", 1)[1].split(":", 1)[0]


def test_a_truncated_warc_is_reported_as_incomplete(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("html_text", reason=CORE)
    bridge = (PAGES / "river-bridge.html").read_bytes()
    crawl = tmp_path / "crawl.warc"
    _write_warc(
        crawl,
        [
            (f"https://news.example/{i}", bridge, "text/html; charset=utf-8", False)
            for i in range(3)
        ],
    )
    data = crawl.read_bytes()
    crawl.write_bytes(data[: len(data) - 2000])
    status, out, err = run(capsys, "clean", str(crawl))
    assert status == 3  # done, but records were lost
    assert len(out.splitlines()) == 2
    assert "incomplete input" in err


def test_wet_records_keep_their_headers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    warcwriter = pytest.importorskip("warcio.warcwriter", reason=CORE)
    path = tmp_path / "shard.warc.wet.gz"
    with path.open("wb") as handle:
        writer = warcwriter.WARCWriter(handle, gzip=True)
        payload = scraped(4).encode()
        record = writer.create_warc_record(
            "https://news.example/wet",
            "conversion",
            payload=io.BytesIO(payload),
            length=len(payload),
            warc_content_type="text/plain",
        )
        writer.write_record(record)
    status, out, _ = run(capsys, "clean", str(path))
    assert status == 0
    row = json.loads(out)
    assert row["id"] == row["fields"]["WARC-Target-URI"] == "https://news.example/wet"
    assert row["fields"]["WARC-Record-ID"] == record.rec_headers.get_header("WARC-Record-ID")
    assert row["fields"]["WARC-Date"] == record.rec_headers.get_header("WARC-Date")


def test_warc_records_over_the_size_limit_are_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("html_text", reason=CORE)
    bridge = (PAGES / "river-bridge.html").read_bytes()
    small = b"<p>" + scraped(5).replace("\n", "</p><p>").encode() + b"</p>"
    crawl = tmp_path / "crawl.warc"
    _write_warc(
        crawl,
        [
            ("https://news.example/big", bridge, "text/html", False),
            ("https://news.example/small", small, "text/html", False),
        ],
    )
    status, out, err = run(capsys, "clean", str(crawl), "--max-bytes", "1000")
    assert status == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["https://news.example/small"]
    assert "too large (https://news.example/big; more than the limit of 1000 bytes)" in err


def _mixed_warc(path: Path) -> list[int]:
    """A WARC of every kind of record, two of them pages; returns where each record starts
    and where the file ends."""
    warcwriter = pytest.importorskip("warcio.warcwriter", reason=CORE)
    from warcio.statusandheaders import StatusAndHeaders

    def http(status: str, content_type: str) -> Any:
        return StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")

    page = b"<html><body><h1>Harbour plan</h1><p>" + scraped(1).encode() + b"</p></body></html>"
    with path.open("wb") as handle:
        writer = warcwriter.WARCWriter(handle, gzip=False)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for uri, status, kind, body in [
            ("https://news.example/1", "200 OK", "text/html", page),
            ("https://news.example/logo", "200 OK", "image/png", b"\x89PNG\r\n" + bytes(40)),
            ("https://news.example/old", "301 Moved Permanently", "text/html", b"<p>moved</p>"),
            ("https://news.example/2", "200 OK", "text/html; charset=utf-8", page + b"\r\n"),
        ]:
            request = writer.create_warc_record(
                uri,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")]),
            )
            writer.write_record(request)
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "response",
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=http(status, kind),
                )
            )
        writer.write_record(
            writer.create_revisit_record(
                "https://news.example/1",
                digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                refers_to_uri="https://news.example/1",
                refers_to_date="2024-05-14T09:12:00Z",
                http_headers=http("200 OK", "text/html"),
            )
        )
        meta = b"fetchTimeMs: 12\r\n"
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/1",
                "metadata",
                payload=io.BytesIO(meta),
                length=len(meta),
                warc_content_type="application/warc-fields",
            )
        )
    archiveiterator = pytest.importorskip("warcio.archiveiterator", reason=CORE)
    with path.open("rb") as handle:
        records = archiveiterator.ArchiveIterator(handle)
        starts = [records.get_record_offset() for _ in records]
    return [*starts, path.stat().st_size]


def test_every_cut_of_an_uncompressed_warc_is_incomplete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cut anywhere but between two records is an incomplete input, whichever record it
    falls in: in 1.7.0 a cut inside a record that is not a page (half of them here) passed
    as a whole file."""
    pytest.importorskip("html_text", reason=CORE)
    whole = tmp_path / "crawl.warc"
    bounds = _mixed_warc(whole)
    data = whole.read_bytes()
    items = list(stream.read_records(str(whole), "warc"))
    pages = [item for item in items if isinstance(item, stream.Record)]
    assert [record.id for record in pages] == ["https://news.example/1", "https://news.example/2"]
    assert not any(isinstance(item, stream.BadRecord) for item in items)
    missed = []
    # every byte near the start and the end of a record (its headers, its closing blank
    # lines), and every fifth byte between; read from stdin, which spares writing a file
    near = {end for bound in bounds for end in range(bound - 24, bound + 200)}
    for end in range(1, len(data)):
        if end in bounds or (end not in near and end % 5):
            continue  # a file cut between two records is a whole file of fewer records
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data[:end])))
        found = list(stream.read_records(stream.STDIN, "warc"))
        if not any(
            isinstance(i, stream.BadRecord) and i.reason == stream.INCOMPLETE for i in found
        ):
            missed.append(end)
    assert not missed, f"{len(missed)} cuts of {len(data)} pass as whole: {missed[:20]}"


def test_skipped_records_are_counted_by_reason(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Records in = records out + bad records + records passed over, each counted by why."""
    pytest.importorskip("html_text", reason=CORE)
    crawl = tmp_path / "crawl.warc"
    bounds = _mixed_warc(crawl)
    status, out, err = run(capsys, "clean", str(crawl))
    assert status == 0
    assert len(out.splitlines()) == 2
    assert err == (
        "karabakh-corpus: 2 records cleaned, 0 bad records skipped, 9 other records passed "
        "over (HTTP status not 2xx 1, metadata record 1, not HTML 1, request record 4, "
        "revisit record 1, warcinfo record 1)\n"
    )
    assert len(bounds) - 1 == 2 + 9  # every record of the file
    # and the cut file says so, with exit status 3
    cut = tmp_path / "cut.warc"
    cut.write_bytes(crawl.read_bytes()[: bounds[-2] + 20])  # inside the metadata record
    status, out, err = run(capsys, "clean", str(cut))
    assert status == 3 and len(out.splitlines()) == 2
    assert f"{cut}:offset {bounds[-2]}: incomplete input (" in err


def test_deep_html_keeps_its_text_and_deeper_html_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """In 1.7.0 a page nested 254 levels deep or more was reported as holding no text."""
    pytest.importorskip("html_text", reason=CORE)
    body = "<p>" + scraped(1).replace("\n", "</p><p>") + "</p>"
    deep, deeper = tmp_path / "deep.html", tmp_path / "deeper.html"
    deep.write_text(f"<html><body>{'<div>' * 1000}{body}{'</div>' * 1000}</body></html>")
    deeper.write_text(f"<html><body>{'<div>' * 3000}{body}{'</div>' * 3000}</body></html>")
    status, out, err = run(capsys, "clean", str(deep), str(deeper), "--json")
    assert status == 0
    [row] = [json.loads(line) for line in out.splitlines()]
    assert row["id"] == str(deep) and "voted on Monday on the harbour plan" in row["text"]
    assert err.splitlines() == [
        f"karabakh-corpus: skipped {deeper}: unreadable HTML (the HTML nests elements more "
        "than 2048 levels deep, deeper than the HTML parser reads: it would render without "
        "the text below that depth)",
        "karabakh-corpus: 1 records cleaned, 1 bad records skipped (unreadable HTML 1)",
    ]


def test_bytes_a_wrong_http_charset_does_not_decode_become_replacement_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """As a browser reads them; in 1.8.0 the record was skipped as undecodable."""
    pytest.importorskip("html_text", reason=CORE)
    page = "<html><body><p>" + scraped(2).replace("Monday", "lundi, café") + "</p></body></html>"
    crawl = tmp_path / "crawl.warc"
    _write_warc(
        crawl,
        [("https://news.example/x", page.encode("cp1252"), "text/html; charset=utf-8", False)],
    )
    status, out, err = run(capsys, "clean", str(crawl))
    assert status == 0 and "0 bad records skipped" in err
    assert "lundi, caf\ufffd" in json.loads(out)["text"]


def test_a_field_null_in_the_first_batch_and_typed_later_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """In 1.7.0 a field null in the first 1,000 records and a number later stopped the run
    with "Expected bytes, got a 'int' object" and wrote nothing."""
    pa = pytest.importorskip("pyarrow", reason=CORE)
    pq = pytest.importorskip("pyarrow.parquet", reason=CORE)
    scores = [None] * 1100 + [7, 8]
    # Parquet in: the column keeps its own type
    source = tmp_path / "pages.parquet"
    texts = [scraped(i % 3) for i in range(len(scores))]
    pq.write_table(pa.table({"text": texts, "score": pa.array(scores, pa.int32())}), source)
    target = tmp_path / "clean.parquet"
    argv = ["--output-format", "parquet", "--keep-fields", "score", "-o", str(target)]
    status, _, err = run(capsys, "clean", str(source), *argv)
    assert (status, err) == (0, "")
    written = pq.read_table(target)
    assert written.schema.field("fields").type == pa.struct([("score", pa.int32())])
    assert [r["fields"]["score"] for r in written.to_pylist()][-3:] == [None, 7, 8]
    # JSON Lines in: no type is known for it, so it is text, and the numbers their JSON text
    lines = tmp_path / "pages.jsonl"
    lines.write_text(
        "".join(
            json.dumps({"text": t, "score": n}) + "\n" for t, n in zip(texts, scores, strict=True)
        )
    )
    status, _, err = run(capsys, "clean", str(lines), *argv)
    assert (status, err) == (0, "")
    written = pq.read_table(target)
    assert written.schema.field("fields").type == pa.struct([("score", pa.string())])
    assert [r["fields"]["score"] for r in written.to_pylist()][-3:] == [None, "7", "8"]
