"""The cleaner's parts: the engine, the table of labelling passes and the passes, the fitted
model, the page being cleaned, the numbers, line features, the lexicons, the rules' code,
the batch runner and the benchmark score (docs/architecture.md lists them in their layers).

These modules are the cleaner's inside; their names may change between releases. The
public faces are `karabakh_corpus.clean` (`clean`, `clean_many`, `Cleaner`, `Cleaned`,
`Thresholds`), `karabakh_corpus.rules` (`Rule`, `GENERIC_RULES`, `PROFILES`, `RuleIndex`)
and `karabakh_corpus.html` (`clean_html`).
"""
