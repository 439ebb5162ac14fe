"""The README is a user's guide: public imports only, short, and every page it links exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def _examples(text: str) -> list[str]:
    """The code of every example: doctest lines and indented command lines."""
    return [
        line
        for line in text.splitlines()
        if line.startswith((">>> ", "... ")) or line.startswith("    ")
    ]


def test_no_example_imports_a_private_module() -> None:
    private = re.compile(r"karabakh_corpus(?:\.\w+)*\._\w")
    found = [line for line in _examples(README) if private.search(line)]
    assert found == []
    assert private.search("from karabakh_corpus.cleaner._page import Page") is not None
    assert private.search("from karabakh_corpus.rules import Rule") is None


def test_the_readme_points_users_at_public_names_only() -> None:
    assert re.search(r"karabakh_corpus(?:\.\w+)*\._\w", README) is None


def test_the_readme_is_a_guide_not_a_notebook() -> None:
    assert len(README.splitlines()) <= 400


def test_every_page_the_readme_links_exists() -> None:
    links = re.findall(r"\]\(([^)#]+)\)", README)
    local = [link for link in links if "://" not in link]
    assert local, "the README links the detailed pages in docs/"
    missing = [link for link in local if not (ROOT / link).is_file()]
    assert missing == []
