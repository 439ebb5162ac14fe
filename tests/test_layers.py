"""The package's layers (pyproject.toml, docs/architecture.md) hold: imports only run down."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "karabakh_corpus"

pytest.importorskip("importlinter", reason="the test extra installs import-linter")


def _lint(source: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` with the project's contract, on the package found under `source`."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command;"
            " sys.exit(lint_imports_command())",
            "--no-cache",
            "--config",
            str(ROOT / "pyproject.toml"),
        ],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_layers_contract_is_kept() -> None:
    run = _lint(ROOT / "src")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


def test_every_module_has_its_layer() -> None:
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    placed = [m.strip() for layer in contract["layers"] for m in layer.split("|")]
    modules = {f"karabakh_corpus.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert sorted(placed) == sorted(modules)


def test_the_architecture_page_names_every_module_in_its_layer() -> None:
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    page = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| ")]
    found = []
    for layer in contract["layers"]:
        names = [m.strip().removeprefix("karabakh_corpus.") for m in layer.split("|")]
        row = next(i for i, line in enumerate(rows) if f"`{names[0]}`" in line.split("|")[2])
        assert all(f"`{name}`" in rows[row].split("|")[2] for name in names), layer
        found.append(row)
    assert found == sorted(found)  # the page lists the layers in the contract's order


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("errors.py", "import karabakh_corpus.cli"),
        ("schema.py", "from karabakh_corpus.records import span_record"),
        ("clean.py", "def _late() -> None:\n    from karabakh_corpus.corpus import load"),
    ],
)
def test_an_import_that_runs_back_up_breaks_it(tmp_path: Path, module: str, upward: str) -> None:
    copy = tmp_path / "karabakh_corpus"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("data", "__pycache__"))
    with (copy / module).open("a", encoding="utf-8") as handle:
        handle.write(f"\n{upward}\n")
    run = _lint(tmp_path)
    assert run.returncode == 1, run.stdout
    assert "BROKEN" in run.stdout


def _private_uses(tree: ast.Module) -> list[str]:
    """Private names of other package modules that `tree` imports or reads."""
    found = []
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("karabakh_corpus"):
            for alias in node.names:
                if node.module == "karabakh_corpus":
                    # a private module (karabakh_corpus._textmap) is the package's own
                    modules.add(alias.asname or alias.name)
                elif _private(alias.name):
                    found.append(f"from {node.module} import {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("karabakh_corpus."):
                    modules.add(alias.asname or alias.name.rsplit(".", 1)[1])
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and _private(node.attr)
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def test_no_private_name_is_imported_across_modules() -> None:
    found = {
        path.name: _private_uses(ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.glob("*.py"))
    }
    assert {name: uses for name, uses in found.items() if uses} == {}


@pytest.mark.parametrize(
    "source",
    [
        "from karabakh_corpus.clean import _default",
        "from karabakh_corpus import stream\nstream._replacing('x')",
        "import karabakh_corpus.clean as c\nc._DEFAULT",
    ],
)
def test_the_private_name_check_finds_them(source: str) -> None:
    assert _private_uses(ast.parse(source)) != []
    assert _private_uses(ast.parse("from karabakh_corpus import _textmap\n_textmap.render")) == []
