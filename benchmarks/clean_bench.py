"""Measure the cleaner on every set of scraped pages with gold article text, in one run.

Usage: python benchmarks/clean_bench.py [ROOT | SET_DIR ...] [--repeat N] [--worst K]
                                        [--no-c4] [--no-html] [--pathological MB]

ROOT holds one folder per set (default: the `bench` folder of $KARABAKH_SHARED, or of
../shared beside the repository; its folders without gold/ are left out); a SET_DIR holds
text/ID.txt (the scraped page) and gold/ID.txt (the article a person marked), or
entries.json (snippets each page's article must and must not hold, as trafilatura's
evaluation gives them: a snippet set, such as `trafeval`). A set named `dev` is scored on
the body (`Cleaned.text`, its gold holds the body only); the other sets on the title and
the body together (their gold holds the headline; a snippet set reads the title, a newline
and the body). For each set: mean precision, recall and F1 over pages, the share of pages
at F1 >= 0.9 (see karabakh_corpus.cleaner.evaluate; on a snippet set, the snippet
precision, recall and F1 of the counts summed over pages, and the share of pages that
found a wanted snippet), the pages that came out empty and, on a snippet set, those that
found no wanted snippet, the throughput of one process in MB/s of UTF-8 input
(best of --repeat runs, each with a new Cleaner), and the same figures for the C4 line rules
(Raffel et al. 2020: keep lines of at least three words that end in terminal punctuation,
without "javascript", "cookie", "terms of use", "privacy policy", "lorem ipsum" or "{").
--worst lists each set's K worst pages. Then, unless --no-html, the HTML path: for the sets
with html/, `benchmarks/html_bench.py`'s table of the same run (the text path, `clean_html`
on the markup path and trafilatura on the pages' HTML, pages/s of each; needs the ``html``
extra and trafilatura). With --pathological, also times adversarial inputs
of 1/4, 1/2 and 1 times that many MB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from karabakh_corpus import Cleaned, Cleaner
from karabakh_corpus.cleaner.evaluate import Score, SnippetScore, score_pages, score_snippets

ROOT = Path(__file__).resolve().parent.parent
SETS = ("dev", "l3s-gn1", "dragnet", "cleaneval")
"""The sets in the order the README reports them; others found in ROOT follow."""

Page = tuple[str, str, str]
"""A page: its id, its scraped text, its gold text."""
SnippetGold = tuple[str, str, tuple[str, ...], tuple[str, ...]]
"""A page of a snippet set: its id, its scraped text, the snippets its article holds
(``with``) and those it must not (``without``)."""


def default_root() -> Path:
    shared = os.environ.get("KARABAKH_SHARED")
    return (Path(shared) if shared else ROOT.parent / "shared") / "bench"


def set_dirs(paths: Sequence[Path]) -> list[Path]:
    """The set folders among `paths`: a folder with text/ is a set, else its subfolders with
    text/ and either gold/ or entries.json are (a folder of pages whose gold is of another
    kind, such as meta/, is left out)."""
    found: list[Path] = []
    for path in paths:
        if (path / "text").is_dir():
            found.append(path)
        else:
            subs = [
                p
                for p in sorted(path.iterdir())
                if (p / "text").is_dir() and ((p / "gold").is_dir() or snippet_set(p))
            ]
            order = {name: k for k, name in enumerate(SETS)}
            found += sorted(subs, key=lambda p: (order.get(p.name, len(SETS)), p.name))
    return found


def load_set(folder: Path) -> list[Page]:
    """The pages of one set folder, by id."""
    return [
        (p.stem, p.read_text("utf-8"), (folder / "gold" / p.name).read_text("utf-8"))
        for p in sorted((folder / "text").glob("*.txt"))
    ]


def snippet_set(folder: Path) -> bool:
    """True if the gold of the set in `folder` is snippets (entries.json), not gold text."""
    return (folder / "entries.json").is_file() and not (folder / "gold").is_dir()


def load_snippets(folder: Path) -> list[SnippetGold]:
    """The pages of one snippet set folder, by id."""
    entries = json.loads((folder / "entries.json").read_text("utf-8"))
    return [
        (
            p.stem,
            p.read_text("utf-8"),
            tuple(entries[p.stem]["with"]),
            tuple(entries[p.stem]["without"]),
        )
        for p in sorted((folder / "text").glob("*.txt"))
    ]


def snippet_article(result: Cleaned) -> str:
    """What a snippet set scores: the title, a newline and the body."""
    return result.title + "\n" + result.text if result.title else result.text


def score_snippet_set(cleaner: Cleaner, pages: Sequence[SnippetGold]) -> SnippetScore:
    """The snippet score of `cleaner` on the pages of a snippet set."""
    return score_snippets(
        (snippet_article(cleaner.clean(text)), with_, without) for _i, text, with_, without in pages
    )


def with_title(name: str) -> bool:
    """True if the gold of set `name` holds the headline (all but `dev`)."""
    return name != "dev"


def article(result: Cleaned, title: bool) -> str:
    """What is scored: the body, after the title when `title`."""
    if title and result.title:
        return result.title + "\n\n" + result.text
    return result.text


def score_set(cleaner: Cleaner, pages: Sequence[Page], title: bool) -> Score:
    """The benchmark's score of `cleaner` on `pages`."""
    return score_pages((article(cleaner.clean(text), title), gold) for _i, text, gold in pages)


_C4_BAD = ("javascript", "cookie", "terms of use", "privacy policy", "lorem ipsum", "{")
_C4_WORD = re.compile(r"\S+")


def c4(text: str) -> str:
    """The C4 line rules over a scraped text."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if len(_C4_WORD.findall(line)) < 3 or not line.rstrip("\"'”’").endswith((".", "!", "?")):
            continue
        lower = line.lower()
        if any(bad in lower for bad in _C4_BAD):
            continue
        kept.append(line)
    return "\n".join(kept)


def held_out_table(
    scores: Mapping[str, Score | SnippetScore],
    held_out: Sequence[Score | SnippetScore],
    table: Path | None,
) -> str:
    """The leave-one-set-out table of a fit: each set's F1 fitted on all sets beside its F1
    (precision/recall) fitted on the others, in the order of `scores`; each row is printed
    as it is made, the table at the end, and written to `table` if given."""
    rows = ["| scored on | fitted on all sets: F1 | fitted on the other sets: F1 (P/R) | drop |"]
    rows.append("|---|---|---|---|")
    for held, s in zip(scores, held_out, strict=True):
        rows.append(
            f"| `{held}/` | {scores[held].f1:.3f} | {s.f1:.3f} ({s.precision:.3f}/{s.recall:.3f})"
            f" | {scores[held].f1 - s.f1:+.3f} |"
        )
        print(rows[-1], flush=True)
    text = "\n".join(rows) + "\n"
    print(text)
    if table:
        table.write_text(text, encoding="utf-8")
    return text


def _clean_all(texts: Sequence[str]) -> list[str]:
    cleaner = Cleaner()
    return [cleaner.clean(text).text for text in texts]


def _best_time(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", type=Path, nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worst", type=int, default=0, metavar="K", help="list the K worst pages")
    parser.add_argument("--no-c4", action="store_true", help="skip the C4 line rules")
    parser.add_argument("--no-html", action="store_true", help="skip the HTML path")
    parser.add_argument("--pathological", type=float, default=0.0, metavar="MB")
    args = parser.parse_args(argv)
    folders = set_dirs(args.paths or [default_root()])
    if not folders:
        parser.error("no set folders (with text/) found")
    cleaner = Cleaner()
    header = (
        f"{'set':<10} {'system':<8} {'pages':>5} {'MB':>5}  {'P':>5} {'R':>5} {'F1':>5} "
        f"{'F1>=.9':>6} {'MB/s':>6} {'empty':>5}"
    )
    print(header)
    total_mb = total_time = c4_time = 0.0
    worst: list[str] = []
    for folder in folders:
        if snippet_set(folder):
            seconds, c4_seconds, mb = _snippet_rows(cleaner, folder, args)
            total_mb += mb
            total_time += seconds
            c4_time += c4_seconds
            continue
        pages = load_set(folder)
        title = with_title(folder.name)
        mb = sum(len(text.encode("utf-8")) for _i, text, _g in pages) / 1e6
        score = score_set(cleaner, pages, title)
        texts = [text for _i, text, _g in pages]
        # a fresh Cleaner for each run: nothing it remembers of one run speeds up the next
        seconds = _best_time(lambda: _clean_all(texts), args.repeat)  # noqa: B023
        total_mb += mb
        total_time += seconds
        print(_row(folder.name, "cleaner", len(pages), mb, score, mb / seconds))
        if not args.no_c4:
            c4_score = score_pages((c4(text), gold) for _i, text, gold in pages)
            c4_seconds = _best_time(lambda: [c4(t) for t in texts], args.repeat)  # noqa: B023
            c4_time += c4_seconds
            print(_row("", "C4 rules", len(pages), mb, c4_score, mb / c4_seconds))
        if args.worst:
            ranked = sorted(zip(score.pages, pages, strict=True), key=lambda x: x[0].f1)
            for page, (page_id, _t, _g) in ranked[: args.worst]:
                worst.append(
                    f"  {folder.name:<10} {page_id[:24]:<24} P {page.precision or 0:.2f}  "
                    f"R {page.recall or 0:.2f}  F1 {page.f1:.2f}"
                )
    print(
        f"all sets: {total_mb:.2f} MB, cleaner {total_mb / total_time:.2f} MB/s"
        + ("" if args.no_c4 else f", C4 rules {total_mb / c4_time:.2f} MB/s")
        + f" (one process, best of {args.repeat})"
    )
    if worst:
        print("worst pages:")
        print("\n".join(worst))
    with_html = [str(folder) for folder in folders if (folder / "html").is_dir()]
    if with_html and not args.no_html:
        import html_bench  # (needs the html extra and trafilatura: imported only here)

        print("\nthe HTML path:")
        html_bench.main([*with_html, "--repeat", str(args.repeat)])
    if args.pathological:
        _pathological(cleaner, args.pathological)
    return 0


def _snippet_rows(cleaner: Cleaner, folder: Path, args: argparse.Namespace) -> tuple[float, ...]:
    """Print the rows of a snippet set; its cleaner's and C4's best times and its MB."""
    pages = load_snippets(folder)
    texts = [text for _i, text, _w, _wo in pages]
    mb = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    outputs = [snippet_article(cleaner.clean(text)) for text in texts]
    score = score_snippets(
        (out, w, wo) for out, (_i, _t, w, wo) in zip(outputs, pages, strict=True)
    )
    empty = sum(1 for out, (_i, _t, w, _wo) in zip(outputs, pages, strict=True) if w and not out)
    seconds = _best_time(lambda: _clean_all(texts), args.repeat)
    print(_snippet_row(folder.name, "cleaner", len(pages), mb, score, mb / seconds, empty))
    c4_seconds = 0.0
    if not args.no_c4:
        c4_out = [c4(t) for t in texts]
        c4_score = score_snippets(
            (out, w, wo) for out, (_i, _t, w, wo) in zip(c4_out, pages, strict=True)
        )
        c4_empty = sum(
            1 for out, (_i, _t, w, _wo) in zip(c4_out, pages, strict=True) if w and not out
        )
        c4_seconds = _best_time(lambda: [c4(t) for t in texts], args.repeat)
        print(_snippet_row("", "C4 rules", len(pages), mb, c4_score, mb / c4_seconds, c4_empty))
    return seconds, c4_seconds, mb


def _snippet_row(
    name: str, system: str, pages: int, mb: float, score: SnippetScore, speed: float, empty: int
) -> str:
    found = sum(1 for p in score.pages if not p.empty) / len(score.pages)
    return (
        f"{name:<10} {system:<8} {pages:>5} {mb:>5.2f}  {score.precision:.3f} {score.recall:.3f} "
        f"{score.f1:.3f} {found:>6.2f} {speed:>6.2f} {empty:>5} "
        f"(snippets; no wanted snippet {sum(1 for p in score.pages if p.empty)})"
    )


def _row(name: str, system: str, pages: int, mb: float, score: Score, speed: float) -> str:
    # a page came out empty if its gold has words and the output none (nothing predicted)
    empty = sum(1 for p in score.pages if p.tp + p.fp == 0 and p.fn > 0)
    return (
        f"{name:<10} {system:<8} {pages:>5} {mb:>5.2f}  {score.precision:.3f} {score.recall:.3f} "
        f"{score.f1:.3f} {score.share_f1_090:>6.2f} {speed:>6.2f} {empty:>5}"
    )


def _pathological(cleaner: Cleaner, megabytes: float) -> None:
    article = "The talks ended without a deal, officials in both capitals said on Friday. " * 3
    makers: dict[str, Callable[[int], str]] = {
        "one long line": lambda n: "a" * n,
        "capitalized words": lambda n: ("By A" + "a" * (n // 4) + " ") * 3,
        "short lines": lambda n: "Home\n" * (n // 5),
        "whitespace": lambda n: " \u00a0\t\n\u202f" * (n // 5),
        "article lines": lambda n: (article + "\n") * (n // (len(article) + 1)),
    }
    size = int(megabytes * 1e6)
    for name, make in makers.items():
        row = []
        for n in (size // 4, size // 2, size):
            text = make(n)
            start = time.perf_counter()
            cleaner.clean(text)
            row.append((len(text) / 1e6, time.perf_counter() - start))
        cells = "  ".join(f"{mb:.1f} MB {s:.2f} s" for mb, s in row)
        print(f"pathological {name:<18} {cells}  (x{row[2][1] / max(row[0][1], 1e-9):.1f} for x4)")


if __name__ == "__main__":
    raise SystemExit(main())
