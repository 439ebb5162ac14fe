"""The cleaner's parts: line features, the rule table, the fitted model, the labelling passes,
the batch runner and the benchmark score.

These modules are the cleaner's inside; their names may change between releases. The
public faces are `karabakh_corpus.clean` (`clean`, `clean_many`, `Cleaner`, `Cleaned`,
`Thresholds`), `karabakh_corpus.rules` (`Rule`, `GENERIC_RULES`, `PROFILES`) and
`karabakh_corpus.html` (`clean_html`).
"""
