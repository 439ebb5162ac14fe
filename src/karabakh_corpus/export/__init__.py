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

from karabakh_corpus.export.formats import (
    FORMATS,
    brat_reference,
    export,
    key_from_brat,
    read_web_annotation,
    to_brat,
    to_spacy,
    to_web_annotation,
)
from karabakh_corpus.export.records import (
    SPAN_COLUMNS,
    attributes,
    document_record,
    read_jsonl,
    region_record,
    span_record,
    to_jsonl,
)

__all__ = [
    "FORMATS",
    "SPAN_COLUMNS",
    "attributes",
    "brat_reference",
    "document_record",
    "export",
    "key_from_brat",
    "read_jsonl",
    "read_web_annotation",
    "region_record",
    "span_record",
    "to_brat",
    "to_jsonl",
    "to_spacy",
    "to_web_annotation",
]
