"""The labelling passes of the cleaner, in the order they run: one table, `PASSES`.

A page is labelled in rounds (`karabakh_corpus.cleaner.core.Cleaner`): rules and shapes
label some lines when the page is read (`karabakh_corpus.cleaner.page.Page`), then every
pass of `PASSES` runs over the page in order, each a function of the page and the
thresholds that reads some of the page's fields and sets others, as its docstring says.
After the last pass every line is decided; the next round labels the lines kept, until
nothing changes.

A new pass is one function of ``(page, thresholds)`` and one row of `PASSES`, where what it
reads is already set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

from karabakh_corpus.cleaner import blocks, body, markup_passes, model, threads, title
from karabakh_corpus.cleaner.page import Page
from karabakh_corpus.cleaner.thresholds import Thresholds

__all__ = ["PASSES", "Pass"]

Pass: TypeAlias = Callable[[Page, Thresholds], None]
"""A labelling pass: it reads some fields of the page and sets others."""

PASSES: tuple[Pass, ...] = (
    # on the HTML path, the lines of small regions of furniture (nav, footer...) decided
    markup_passes.markup_regions,  # facts, labels
    # how probable each line is as text, and where the headline is
    model.first_stage,  # logits
    markup_passes.markup_stage,  # logits
    title.title_line,  # title
    markup_passes.markup_headline,  # title
    model.second_stage,  # prob
    # lines known by their neighbours
    blocks.captions,  # labels
    blocks.sandwiches,  # labels
    blocks.headings,  # labels
    # the body run
    body.gains,  # gains
    body.body_run,  # start, stop
    body.below_title,  # start, stop
    body.fallback,  # start, stop
    body.past_box,  # stop
    body.extend,  # start, stop
    body.introduced_list,  # stop
    threads.thread_start,  # stop
    threads.named_thread,  # stop
    # every line decided
    body.keep_or_drop,  # labels
    title.title_and_summary,  # labels
    blocks.after_headings,  # labels
)
"""The passes, in the order they run over a page (each comment names what the pass sets)."""
