"""Where a page names its headline: the text path's title, the markup's headings, the page's
structured data, against the gold titles of the metadata set.

Usage: python benchmarks/headline_evidence.py [ROOT]

Reads the pages of ``meta/`` (ROOT as for benchmarks/html_bench.py) whose gold has a title
(``meta/gold.jsonl``; the ``aed`` and ``fundus`` pages) and prints, for each source of a
headline, on how many pages it gives one, and how often it equals the gold title (NFKC, case
folded, quotes and whitespace normalised, as ``meta/README.md`` scores titles) or one holds
the other (relaxed):

- the text path: ``clean()`` of ``text/ID.txt``, its ``Cleaned.title``;
- the markup: the first line in an ``<h1>`` (``read_markup``), and the heading line (``<h1>``
  to ``<h3>``) that repeats a part of the page's ``<title>`` best;
- the page's structured data: ``og:title`` and the ``headline`` of its JSON-LD (read here
  with lxml for the measurement only: the package's facts extractor reads them);
- which of the text path's lines equal the structured headline: the line the title should be.

The body never comes from structured data (``articleBody`` is not read here).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sets

from karabakh_corpus import Cleaner
from karabakh_corpus.cleaner.markup import Markup, parse_page, read_markup

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"})
_SPACES = re.compile(r"\s+")


def normal(title: str) -> str:
    """A title as the metadata set compares them."""
    title = unicodedata.normalize("NFKC", title).translate(_QUOTES).casefold()
    return _SPACES.sub(" ", title).strip()


def structured(tree: Any) -> dict[str, str]:
    """The page's og:title and JSON-LD headline, where it has them."""
    found: dict[str, str] = {}
    og = tree.xpath("//meta[@property='og:title']/@content")
    if og and og[0].strip():
        found["og:title"] = og[0].strip()
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in _items(data):
            headline = item.get("headline")
            if isinstance(headline, str) and headline.strip():
                found.setdefault("JSON-LD headline", headline.strip())
    return found


def _items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [x for d in data for x in _items(d)]
    if isinstance(data, dict):
        return [data, *_items(data.get("@graph", []))]
    return []


def headings(markup: Markup) -> dict[str, str]:
    """The first ``<h1>`` line, and the heading line that shares most words with the title."""
    found: dict[str, str] = {}
    lines = [(markup.text[x.start : x.end], x.element) for x in markup.lines]
    for text, e in lines:
        if markup.tags[e] == "h1" or "h1" in markup.path(e):
            found["first <h1>"] = text
            break
    if lines:
        title_words = set(_SPACES.split(normal(lines[0][0])))
        best, score = "", 0
        for text, e in lines[1:]:
            if not {"h1", "h2", "h3"} & set(markup.path(e)):
                continue
            shared = len(title_words & set(_SPACES.split(normal(text))))
            if shared > score:
                best, score = text, shared
        if best:
            found["heading sharing the <title>'s words"] = best
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?")
    args = parser.parse_args(argv)
    root = (args.root or bench_sets.default_root()) / "meta"
    gold = [json.loads(line) for line in (root / "gold.jsonl").read_text("utf-8").splitlines()]
    cleaner = Cleaner()
    given: Counter[str] = Counter()
    exact: Counter[str] = Counter()
    relaxed: Counter[str] = Counter()
    pages = 0
    for entry in gold:
        if not entry.get("title"):
            continue
        pages += 1
        page_id = entry["id"]
        text = (root / "text" / f"{page_id}.txt").read_text("utf-8")
        raw = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        page = bench_sets.BenchPage("meta", page_id, raw, text, "", (), ())
        decoded = next(
            (d for d in bench_sets.decodings(page) if read_markup(d).text == text),
            bench_sets.decodings(page)[0],
        )
        answers: dict[str, str] = {}
        title = cleaner.clean(text).title
        if title:
            answers["text path (clean().title)"] = title
        answers |= headings(read_markup(decoded))
        answers |= structured(parse_page(decoded))
        want = normal(entry["title"])
        for source, answer in answers.items():
            got = normal(answer)
            given[source] += 1
            exact[source] += got == want
            relaxed[source] += bool(got) and (got in want or want in got)
    print(f"pages with a gold title: {pages}")
    print("| source | gives one | exact | relaxed |\n|---|---|---|---|")
    for source in given:
        print(
            f"| {source} | {given[source]} | {exact[source] / pages:.3f} | "
            f"{relaxed[source] / pages:.3f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
