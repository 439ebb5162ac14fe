"""Keep every past release loadable, and check every release against its manifest.

Usage: python scripts/make_release.py [--from DIR ...] [--check]

Run it after `scripts/build_corpus.py` has written the data and the manifest of a new
release. Every file of a past release (data/releases/VERSION.json) that is no longer the
file shipping now is stored once, gzipped, as data/releases/blobs/SHA256.gz; its bytes are
taken from an unpacked older data folder given with --from, or else from the git history of
this repository (any commit, branch or tag), and must match the SHA-256 the release
recorded. Blobs that no past release needs are removed. Then every release is loaded and
checked against every hash its manifest records, and the changes from the previous release
to the current one are printed. With --check nothing is written.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from karabakh_corpus.corpus import release  # noqa: E402
from karabakh_corpus.corpus.loader import read_json  # noqa: E402
from karabakh_corpus.corpus.manifest import MANIFEST  # noqa: E402
from karabakh_corpus.errors import CorpusError  # noqa: E402

DATA = ROOT / "src" / "karabakh_corpus" / "data"
PREFIX = "src/karabakh_corpus/data/"


def from_git(repo: Path) -> Callable[[str, str], bytes | None]:
    """A `find` that looks for a file's bytes in every commit of `repo` that touched it."""

    def git(*args: str) -> bytes:
        return subprocess.run(
            ["git", "-C", str(repo), *args], check=True, capture_output=True
        ).stdout

    def find(name: str, digest: str) -> bytes | None:
        try:
            commits = git("log", "--all", "--format=%H", "--", PREFIX + name).decode().split()
        except (OSError, subprocess.CalledProcessError):
            return None
        for commit in commits:
            try:
                data = git("show", f"{commit}:{PREFIX}{name}")
            except subprocess.CalledProcessError:
                continue  # the commit deleted the file
            if hashlib.sha256(data).hexdigest() == digest:
                return data
        return None

    return find


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--from",
        dest="folders",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="an older data folder to take past files from (before git history)",
    )
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args(argv)
    current = read_json(DATA, MANIFEST)["release"]
    if not args.check:
        folders = release.from_folders(*args.folders)
        in_git = from_git(ROOT)

        def find(name: str, digest: str) -> bytes | None:
            return folders(name, digest) or in_git(name, digest)

        try:
            stored = release.store_past_releases(DATA, find)
        except CorpusError as exc:
            print(f"make_release: {exc}", file=sys.stderr)
            return 1
        print(
            f"blobs of past releases: {len(stored.written)} written, {len(stored.kept)} kept, "
            f"{len(stored.removed)} removed"
        )
    try:
        release.verify(DATA)
    except CorpusError as exc:
        print(f"make_release: {exc}", file=sys.stderr)
        return 1
    history = [r.version for r in release.releases(DATA)]
    print(f"every release loads and matches its manifest: {', '.join(history)}")
    if history[-1] != current:
        print(f"make_release: the newest recorded release is not {current}", file=sys.stderr)
        return 1
    if len(history) > 1:
        print()
        print(release.changes(history[-2], current, root=DATA).report())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
