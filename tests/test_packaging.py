"""The distributions: they carry the data, and an installed wheel loads the corpus."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, ROOT

import karabakh_corpus as kc

pytestmark = pytest.mark.slow


def _data_names() -> set[str]:
    return {p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        env=env,
    )
    [wheel] = out.glob("*.whl")
    [sdist] = out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def test_wheel_carries_the_data(dists: dict[str, Path]) -> None:
    with zipfile.ZipFile(dists["wheel"]) as zf:
        names = {n.removeprefix("karabakh_corpus/data/") for n in zf.namelist()}
        assert _data_names() <= names
        assert "karabakh_corpus/py.typed" in zf.namelist()
        for name in _data_names():
            assert zf.read(f"karabakh_corpus/data/{name}") == (DATA / name).read_bytes(), name


def test_sdist_carries_the_data_and_the_sources(dists: dict[str, Path]) -> None:
    with tarfile.open(dists["sdist"]) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    for name in _data_names():
        assert f"src/karabakh_corpus/data/{name}" in names
    for needed in ("README.md", "CHANGELOG.md", "pyproject.toml", "curation/metadata.json"):
        assert needed in names


def test_installed_wheel_loads_every_document(dists: dict[str, Path], tmp_path: Path) -> None:
    """Install the wheel alone into a new virtual environment and load the corpus there.

    The new environment gets the wheel only; its dependencies (attrs, cattrs, regex,
    importlib-resources) are made visible from this environment through a .pth file, so the
    test needs no network.
    """
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(dists["wheel"])],
        check=True,
    )
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "_deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    code = (
        "import karabakh_corpus as k, sys\n"
        f"assert k.__file__.startswith({purelib!r}), k.__file__\n"
        "c = k.load()\n"
        "print(len(c), ' '.join(c.ids))\n"
        "print(' '.join(k.load(r.version).release for r in k.releases()), k.verify())\n"
    )
    run = subprocess.run(
        [str(python), "-c", code], check=False, capture_output=True, text=True, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout.split()
    assert out[0] == "5"
    assert len(out) == 6 + len(kc.releases()) + 1
    assert out[6:] == [*(r.version for r in kc.releases()), kc.__version__]
