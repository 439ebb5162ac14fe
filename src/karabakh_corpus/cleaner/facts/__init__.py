"""A page's facts (date, authors, outlet, dateline, wire, title), each with its evidence.

The architecture's rule: the cleaner segments raw text into labelled regions, and a page's
facts are read from those regions (and, for HTML, from the page's markup). `read.read_facts`
is the entry; `karabakh_corpus.facts` is the public face, and ``Cleaned.facts`` reads them
for a cleaned page. The modules, top to bottom: `read` (the entry, and the stated order
between sources); the readers of each field (`dating`, `bylines`, `places`, `wires`,
`outlets`, `titles`); what they share (`page`, `dates`, `names`, `markup`); the rules as data
(`calendar`, `tags`, `agencies`, `wording`); the types (`types`).
"""
