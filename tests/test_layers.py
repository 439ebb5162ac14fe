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


def _contracts() -> list[dict]:  # type: ignore[type-arg]
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    contracts: list[dict] = config["contracts"]  # type: ignore[type-arg]
    return contracts


def _names(layer: str) -> list[str]:
    return [m.strip() for m in layer.split("|")]


def _parts() -> list[str]:
    """The package's parts: its top-level modules and subpackages."""
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    return sorted(f"karabakh_corpus.{name}" for name in modules | packages)


def test_the_layers_contracts_are_kept() -> None:
    run = _lint(ROOT / "src")
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{len(_contracts())} kept, 0 broken" in run.stdout


def test_every_part_has_its_layer_and_every_subpackage_its_own_layers() -> None:
    contracts = _contracts()
    (parts,) = [c for c in contracts if c["id"] == "parts"]
    placed = [name for layer in parts["layers"] for name in _names(layer)]
    assert sorted(placed) == _parts()
    # every subpackage, at any depth (a part's own subpackage, cleaner.facts, too)
    packages = sorted(
        ".".join(("karabakh_corpus", *p.parent.relative_to(PACKAGE).parts))
        for p in PACKAGE.rglob("*/__init__.py")
    )
    assert len(packages) >= 3
    inside = {c["containers"][0]: c for c in contracts if "containers" in c}
    assert sorted(inside) == packages
    for name, contract in inside.items():
        # exhaustive: a module of the part that no layer names breaks the contract
        assert contract["exhaustive"] is True, name
        folder = PACKAGE.joinpath(*name.split(".")[1:])
        modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
        modules |= {p.parent.name for p in folder.glob("*/__init__.py")}
        listed = [m for layer in contract["layers"] for m in _names(layer)]
        assert sorted(listed) == sorted(modules), name


def test_the_architecture_page_names_every_part_and_layer_in_order() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| ")]
    for contract in _contracts():
        prefix = contract["containers"][0] + "." if "containers" in contract else ""
        found = []
        for layer in contract["layers"]:
            names = [(prefix + m).removeprefix("karabakh_corpus.") for m in _names(layer)]
            row = next(
                (i for i, line in enumerate(rows) if f"`{names[0]}`" in line.split("|")[2]), None
            )
            assert row is not None, f"{contract['id']}: {names[0]} has no row"
            assert all(f"`{name}`" in rows[row].split("|")[2] for name in names), layer
            found.append(row)
        assert found == sorted(found), contract["id"]  # in the contract's order


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("errors.py", "import karabakh_corpus.cli"),
        ("schema.py", "from karabakh_corpus.export.records import span_record"),
        ("clean.py", "def _late() -> None:\n    from karabakh_corpus.corpus import load"),
        ("cleaner/features.py", "from karabakh_corpus.cleaner import passes"),
        ("corpus/convert.py", "from karabakh_corpus.corpus.loader import load"),
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
                if _is_module(f"{node.module}.{alias.name}"):
                    # a module of the package: its private names are its own
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


def _is_module(dotted: str) -> bool:
    path = PACKAGE.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def test_no_private_name_is_imported_across_modules() -> None:
    found = {
        str(path.relative_to(PACKAGE)): _private_uses(ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
    }
    assert {name: uses for name, uses in found.items() if uses} == {}


@pytest.mark.parametrize(
    "source",
    [
        "from karabakh_corpus.clean import _default",
        "from karabakh_corpus import stream\nstream._replacing('x')",
        "import karabakh_corpus.clean as c\nc._DEFAULT",
        "from karabakh_corpus.cleaner import core\ncore._DEFAULT",
        "from karabakh_corpus.stream import write as w\nw._SURROGATE",
    ],
)
def test_the_private_name_check_finds_them(source: str) -> None:
    assert _private_uses(ast.parse(source)) != []
    assert _private_uses(ast.parse("from karabakh_corpus import _textmap\n_textmap.render")) == []
