"""Exports of the corpus to the formats that annotators and NLP tools already read, and the
rows they share.

- `to_jsonl` / `read_jsonl`: JSON Lines, one document per line (`records`: the rows every
  export, table and stream shares, with `SPAN_COLUMNS`);
- `to_brat`, `to_web_annotation` / `read_web_annotation`, `to_spacy` (`formats`);
- `to_croissant` (`croissant`): the JSON Lines file with its Croissant description;
- `to_pandas`, `to_hf_dataset` (`frames`): the corpus as tables.

`export(corpus, fmt, out_dir)` dispatches by format name (`FORMATS`) for the command line.
Exports only read the corpus, and write every file atomically.
"""

from karabakh_corpus.export import formats, records
from karabakh_corpus.export.croissant import to_croissant
from karabakh_corpus.export.formats import *  # noqa: F403  (re-exported: __all__ below)
from karabakh_corpus.export.records import *  # noqa: F403

__all__ = [*formats.__all__, *records.__all__, "to_croissant"]
