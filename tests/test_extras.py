"""The extras: light tests by default, the heavy engines apart, CI installing everything."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = {"dask", "distributed", "pyspark", "spacy", "datasets", "mlcroissant"}


def _extras() -> dict[str, list[str]]:
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras: dict[str, list[str]] = project["optional-dependencies"]
    return extras


def _closure(extras: dict[str, list[str]], name: str) -> set[str]:
    """The distributions an extra installs, following karabakh-corpus[...] references."""
    found: set[str] = set()
    for requirement in extras[name]:
        own = re.fullmatch(r"karabakh-corpus\[([\w,-]+)\]", requirement)
        if own:
            for inner in own.group(1).split(","):
                found |= _closure(extras, inner)
        else:
            found.add(re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower())
    return found


def test_the_test_extra_is_light_and_the_engines_are_apart() -> None:
    extras = _extras()
    core = _closure(extras, "test")
    assert not core & HEAVY, core & HEAVY
    assert {"pytest", "hypothesis", "pandas", "pyarrow", "warcio", "html-text"} <= core
    assert _closure(extras, "test-engines") >= HEAVY
    assert "trafilatura" not in core | _closure(extras, "all")  # a benchmark tool only


def test_ci_installs_everything_and_runs_the_readme_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    command = next(line.strip() for line in ci.splitlines() if line.startswith("pip install"))
    assert command == 'pip install ".[test,test-engines]" && python -m pytest'
    assert f"    {command}\n" in readme
    assert '    pip install ".[test]" && python -m pytest\n' in readme


@pytest.mark.slow
def test_engine_tests_skip_naming_the_extra_to_install() -> None:
    blocked = ", ".join(repr(name) for name in sorted(HEAVY))
    code = (
        "import sys, pytest\n"
        f"for name in ({blocked}):\n"
        "    sys.modules[name] = None\n"
        "sys.exit(pytest.main(['-q', '-rs', '-p', 'no:cacheprovider', '-p', 'no:randomly',\n"
        "                      'tests/test_engines.py']))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    skipped = [line for line in run.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) == 4, run.stdout  # the dask bag, two dask DataFrame and the spark tests
    for line in skipped:
        assert line.endswith('needs the test-engines extra: pip install ".[test-engines]"')


def test_extras_names_the_extras_of_pyproject() -> None:
    from karabakh_corpus._extras import EXTRAS

    extras = _extras()
    assert set(EXTRAS) == set(extras) - {"all", "test", "test-engines", "bench", "dev"}
    for extra, modules in EXTRAS.items():
        wanted = {re.split(r"[\[<>=!~ ;]", r, maxsplit=1)[0].lower() for r in extras[extra]}
        assert {m.replace("_", "-") for m in modules} <= wanted | {"html-text"}, extra


def test_a_missing_extra_is_one_line_naming_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import karabakh_corpus as kc
    from karabakh_corpus._extras import needs

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(kc.MissingExtraError) as caught, needs("pandas", "a table"):
        import pandas  # noqa: F401
    message = str(caught.value)
    assert message == (
        "a table needs the optional dependencies of the 'pandas' extra: "
        'pip install "karabakh-corpus[pandas]" (in a clone of the repository: '
        'pip install ".[pandas]")'
    )
    assert isinstance(caught.value.__cause__, ImportError)
    with pytest.raises(ValueError, match="unknown extra"), needs("pandsa", "a table"):
        pass


def test_only_the_extras_module_turns_import_errors_into_missing_extras() -> None:
    package = ROOT / "src" / "karabakh_corpus"
    found = [
        path.name
        for path in sorted(package.glob("*.py"))
        if path.name not in {"_extras.py", "errors.py"}
        and (
            "MissingExtraError(" in path.read_text("utf-8")
            or "except ImportError" in path.read_text("utf-8")
        )
    ]
    assert found == []
