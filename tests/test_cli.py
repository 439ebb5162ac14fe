"""The command line: verbs, output and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli as run

import karabakh_corpus as kc
from karabakh_corpus.cli import main


def test_info(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "info")
    assert status == 0
    assert "release 1." in out and "documents: 5" in out
    counts = {}
    for doc in kc.load():
        for a in doc.annotations:
            counts[a.layer.value] = counts.get(a.layer.value, 0) + 1
    expected = ", ".join(f"{layer.value} {counts.get(layer.value, 0)}" for layer in kc.Layer)
    assert f"annotation spans: {expected}; entities: {len(kc.load().entities())}" in out


def test_output_into_a_closed_pipe_ends_quietly(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`karabakh-corpus show ID | head -1`: the reader closes the pipe; no error, status 0."""
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "w", buffering=1) as closed:  # line-buffered: writes fail at once
        monkeypatch.setattr(sys, "stdout", closed)
        status = main(["show", "a5f8d29fb8504bec", "--raw"])
        monkeypatch.undo()
        closed.write("still writable: stdout now goes to the null device\n")
    assert status == 0
    assert capsys.readouterr().err == ""


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "list")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 5
    assert lines[0].split()[:2] == ["a5f8d29fb8504bec", "2022-03-31"]
    assert "2022-07-16~" in lines[1]  # inferred dates are marked
    assert "Voice of America" in lines[3]
    # a wire the page credits, and one inferred from the text (532e follows the AP story)
    assert "  AP  " in lines[0] and "AP~" not in lines[0] and "  AP~  " in lines[4]


def test_show_says_when_the_wire_is_inferred(capsys: pytest.CaptureFixture[str]) -> None:
    _, inferred, _ = run(capsys, "show", "532e919b6eb4de28")
    _, credited, _ = run(capsys, "show", "a5f8d29fb8504bec")
    assert "wire: AP (inferred)" in inferred
    assert "wire: AP  byline" in credited


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", "9b1a413c8ff271b2")
    assert status == 0
    assert out.startswith("Moscow to Host Nagorno-Karabakh Peace Talks as Fighting Continues\n")
    assert "Related Stories" not in out


def test_show_raw_is_the_raw_text(capsys: pytest.CaptureFixture[str], seeds_dir: Path) -> None:
    status, out, _ = run(capsys, "show", "9b1a413c8ff271b2", "--raw")
    assert status == 0
    assert out == (seeds_dir / "003_9b1a413c8ff271b2.txt").read_text("utf-8")


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", "532e919b6eb4de28", "--json")
    record = json.loads(out)
    assert status == 0
    assert record["id"] == "532e919b6eb4de28"
    assert record["meta"]["date"] == "2021-11-26" and record["meta"]["date_inferred"] is True


@pytest.mark.parametrize(
    ("argv", "status", "needle"),
    [
        (["show", "deadbeef"], 1, "valid ids are"),
        (["show", "a5f8d29fb8504bec", "--raw", "--json"], 2, "not allowed"),
        (["frobnicate"], 2, "invalid choice"),
        ([], 2, "required"),
        (["clean", "/no/such/file.txt"], 1, "No such file"),
        (["clean", "--profile", "nowhere", "-"], 1, "unknown cleaner profile"),
    ],
)
def test_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], status: int, needle: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == status
    assert len(err.strip().splitlines()) == 1, err
    assert needle in err


def test_clean_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Home\nPeace talks resume\n- Advertisement -\n"
        "The two ministers met in Tbilisi on Saturday, their first talks since the war, "
        "and agreed to meet again soon, officials said.\nShare this article\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "clean", str(page))
    assert status == 0
    assert out.startswith("Peace talks resume\n\nThe two ministers met")
    assert "Advertisement" not in out
    _, out, _ = run(capsys, "clean", "--json", str(page))
    record = json.loads(out)
    assert record["title"] == "Peace talks resume"
    assert [r["category"] for r in record["stripped"]] == [
        "navigation",
        "advertisement",
        "share_prompt",
    ]
    assert [(r["rule"], r["reason"]) for r in record["stripped"]][1] == ("ad-label", "rule")
    assert "removed" not in record  # deprecated in 1.8.0, no longer written
    status, out, _ = run(capsys, "clean", "--explain", str(page))
    assert "ad-label" in out and "headline" in out


def test_clean_undecodable_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "latin1.txt"
    sentence = "Le café était servi pendant les négociations, selon les diplomates présents."
    page.write_bytes(sentence.encode("latin-1"))
    status, _, err = run(capsys, "clean", str(page))
    assert status == 1 and "--encoding" in err
    status, out, _ = run(capsys, "clean", "--encoding", "latin-1", str(page))
    assert status == 0 and sentence in out


def test_module_and_stdin() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "karabakh_corpus", "clean", "-"],
        input=b"Home\nA sentence about the talks in Brussels that runs long enough, "
        b"as the officials said on Friday.\n",
        capture_output=True,
        check=True,
    )
    assert done.stdout.decode().strip().startswith("A sentence about the talks")


def test_release_verbs(capsys: pytest.CaptureFixture[str]) -> None:
    import karabakh_corpus as kc

    status, out, _ = run(capsys, "verify")
    assert status == 0 and kc.__version__ in out
    status, out, _ = run(capsys, "releases")
    assert status == 0 and out.splitlines()[-1].startswith(kc.__version__)
    status, out, _ = run(capsys, "changes", f"{kc.__version__}..{kc.__version__}")
    assert status == 0 and "no data changes" in out
    status, _, err = run(capsys, "changes", "1.0.0")
    assert status == 1 and "OLD..NEW" in err
    status, _, err = run(capsys, "changes", "0.0.1..1.0.0")
    assert status == 1 and "the releases are" in err


def test_the_format_choices_come_from_their_modules() -> None:
    from karabakh_corpus import export, stream
    from karabakh_corpus.cli import _build_parser

    parser = _build_parser()
    verbs = next(a for a in parser._actions if a.dest == "verb").choices
    assert verbs is not None
    choices = {
        (verb, action.dest): action.choices
        for verb, sub in verbs.items()
        for action in sub._actions
        if action.choices is not None
    }
    assert choices["export", "fmt"] == list(export.FORMATS)
    assert choices["clean", "input_format"] == ["auto", *stream.INPUT_FORMATS]
    assert choices["clean", "output_format"] == list(stream.OUTPUT_FORMATS)


# -- reanchor: bad lines, lone surrogates, the output ----------------------------------------

DOC = "9b1a413c8ff271b2"


def span_lines() -> bytes:
    """Three lines of spans: a good one whose note holds a lone surrogate (as a JSON escape),
    a line that is not UTF-8, and a good one."""
    return (
        json.dumps({"document": DOC, "start": 0, "end": 10, "note": "\ud83d"}).encode()
        + b"\n"
        + b'{"document": "caf\xe9", "start": 0, "end": 1}\n'
        + json.dumps({"document": DOC, "start": 5, "end": 12}).encode()
        + b"\n"
    )


def test_reanchor_goes_past_an_undecodable_line_and_keeps_a_lone_surrogate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """In 1.7.0 the surrogate gave a UnicodeEncodeError traceback and no output, and the
    undecodable line ended the run, with advice to pass an option reanchor does not have."""
    spans = tmp_path / "spans.jsonl"
    spans.write_bytes(span_lines())
    status, out, err = run(capsys, "reanchor", str(spans), "--from", kc.__version__)
    assert status == 1  # a bad line
    assert '"note": "\\ud83d"' in out  # the JSON escape, as in the input
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["start"], r["end"], r["status"]) for r in rows] == [
        (0, 10, "moved"),
        (5, 12, "moved"),
    ]
    assert rows[0]["note"] == "\ud83d"  # read back as it came
    assert err.splitlines() == [
        f"karabakh-corpus: {spans}:2: not UTF-8 (invalid continuation byte at byte 17)",
        f"karabakh-corpus: 2 spans from {kc.__version__} to {kc.__version__}: 2 moved, "
        "0 changed, 0 lost; 1 bad lines skipped",
    ]
    # the same through a file
    target = tmp_path / "moved.jsonl"
    status, out, err = run(
        capsys, "reanchor", str(spans), "--from", kc.__version__, "-o", str(target)
    )
    assert status == 1 and out == "" and "Traceback" not in err
    assert [json.loads(line)["start"] for line in target.read_text("utf-8").splitlines()] == [0, 5]


def test_reanchor_output_keeps_the_mode_and_follows_a_link(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """In 1.7.0 `reanchor -o` wrote mode 0600 over a 0644 file and replaced a link."""
    spans = tmp_path / "spans.jsonl"
    spans.write_text(json.dumps({"document": DOC, "start": 0, "end": 10}) + "\n")
    real = tmp_path / "real.jsonl"
    real.write_text("old\n")
    real.chmod(0o644)
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    for target in (real, link):
        status, _, _ = run(
            capsys, "reanchor", str(spans), "--from", kc.__version__, "-o", str(target)
        )
        assert status == 0
        assert json.loads(real.read_text())["status"] == "moved"
        assert real.stat().st_mode & 0o777 == 0o644
    assert link.is_symlink() and link.resolve() == real
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.jsonl", "real.jsonl", "spans.jsonl"]


def null_device(folder: Path) -> Path:
    """A null device node made with mknod (as root, which containers often are)."""
    import os
    import stat

    node = folder / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError):
        pytest.skip("making a device node needs root")
    return node


def test_reanchor_writes_through_a_device(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import stat

    spans = tmp_path / "spans.jsonl"
    spans.write_text(json.dumps({"document": DOC, "start": 0, "end": 10}) + "\n")
    node = null_device(tmp_path)
    for target in (str(node), "/dev/null"):
        status, out, err = run(
            capsys, "reanchor", str(spans), "--from", kc.__version__, "-o", target
        )
        assert (status, out) == (0, ""), err
    assert stat.S_ISCHR(node.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "spans.jsonl"]


@pytest.mark.slow
def test_reanchor_soak(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """10,000 lines of spans, every kind of bad one among them: every line is moved or
    reported, in order, and nothing stops the run."""
    import random

    corpus = kc.load()
    rng = random.Random(7)
    lines: list[bytes] = []
    good: list[tuple[str, int, int]] = []
    bad = 0
    for n in range(10_000):
        if n % 50 == 49:
            lines.append(b"   ")  # blank: not a span
            continue
        doc = corpus[n % len(corpus)]
        start = rng.randrange(len(doc.raw) - 20)
        end = start + rng.randrange(1, 20)
        record: dict[str, object] = {"document": doc.id, "start": start, "end": end}
        kind = next((k for k in (83, 89, 97, 101, 103, 107, 109) if n % k == 5), None)
        if kind == 83:
            lines.append(b'{"document": "' + doc.id.encode() + b'", "start": ')  # not JSON
        elif kind == 89:
            lines.append(json.dumps(record).encode().replace(b"{", b"{\xff", 1))  # not UTF-8
        elif kind == 97:
            record["note"] = "half an emoji \ud83d"  # kept, as its escape
            lines.append(json.dumps(record).encode())
            good.append((doc.id, start, end))
            continue
        elif kind == 101:
            lines.append(json.dumps({**record, "document": "nope"}).encode())
        elif kind == 103:
            lines.append(json.dumps({**record, "end": start}).encode())  # empty span
        elif kind == 107:
            lines.append(json.dumps({**record, "text": "not the text"}).encode())
        elif kind == 109:
            lines.append(b"[1, 2]")
        else:
            if n % 2:
                record["text"] = doc.raw[start:end]
            lines.append(json.dumps(record).encode())
            good.append((doc.id, start, end))
            continue
        bad += 1
    spans = tmp_path / "spans.jsonl"
    spans.write_bytes(b"\n".join(lines) + b"\n")
    target = tmp_path / "moved.jsonl"
    status, out, err = run(
        capsys, "reanchor", str(spans), "--from", kc.__version__, "-o", str(target)
    )
    assert (status, out) == (1, "")
    assert "Traceback" not in err
    reported = err.splitlines()
    assert len(reported) == bad + 1
    assert reported[-1] == (
        f"karabakh-corpus: {len(good)} spans from {kc.__version__} to {kc.__version__}: "
        f"{len(good)} moved, 0 changed, 0 lost; {bad} bad lines skipped"
    )
    rows = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert [(r["document"], r["start"], r["end"]) for r in rows] == good
    assert len(rows) + bad == sum(1 for line in lines if line.strip())
    assert sum(r.get("note") == "half an emoji \ud83d" for r in rows) == sum(
        1 for n in range(10_000) if n % 97 == 5 and n % 50 != 49 and n % 83 != 5 and n % 89 != 5
    )
