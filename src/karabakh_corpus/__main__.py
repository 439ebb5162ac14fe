"""``python -m karabakh_corpus``: the command line."""

from karabakh_corpus.cli import main

raise SystemExit(main())
