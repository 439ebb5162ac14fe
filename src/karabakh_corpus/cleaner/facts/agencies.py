"""News agencies (wires) and the short names of outlets: data only; `wires`, `bylines` and
`outlets` read it.

`AGENCIES` maps each agency's short name (the value of a wire fact: the code of
`karabakh_corpus.schema.Wire` where the corpus has one, "AP", "Reuters", "DPA"...) to the
names a page credits it by. A name of `CODES` is matched as written (case matters: "AP" is
the agency, "ap" is not), a name of `NAMES` without regard to case. `OUTLET_SHORT_NAMES`
maps the short names that outlets print for themselves ("VOA") to their names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "AGENCIES",
    "CODES",
    "MENTION",
    "NAMES",
    "OUTLET_SHORT_NAMES",
    "agency_of",
    "may_mention",
    "may_name_agency",
]

AGENCIES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        # the codes of karabakh_corpus.schema.Wire
        "AP": ("AP", "The Associated Press", "Associated Press"),
        "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "AFPRelaxnews"),
        "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
        "DPA": ("dpa", "DPA", "Deutsche Presse-Agentur", "dpa-AFX", "dpa-infocom"),
        # "AA" alone is as often a text-size button as Anadolu's code: not read
        "Anadolu": ("Anadolu Agency", "Anadolu Ajansı", "Anadolu"),
        "TASS": ("TASS", "ТАСС"),
        "Interfax": ("Interfax", "Интерфакс"),
        "Xinhua": ("Xinhua", "Xinhua News Agency", "新华社"),
        "EFE": ("EFE", "Agencia EFE"),
        "UPI": ("UPI", "United Press International"),
        # agencies the corpus has no code for
        "PA": ("PA", "PA Media", "Press Association", "PA Wire"),
        "ANSA": ("ANSA",),
        "Kyodo": ("Kyodo", "Kyodo News"),
        "Jiji": ("Jiji", "Jiji Press"),
        "Yonhap": ("Yonhap", "Yonhap News Agency"),
        "SDA": ("SDA", "sda", "Keystone-SDA", "Schweizerische Depeschenagentur"),
        "APA": ("APA", "Austria Presse Agentur"),
        "KNA": ("KNA", "Katholische Nachrichten-Agentur"),
        "epd": ("epd", "Evangelischer Pressedienst"),
        "AAP": ("AAP", "Australian Associated Press"),
        "CP": ("The Canadian Press", "Canadian Press"),
        "PTI": ("PTI", "Press Trust of India"),
        "IANS": ("IANS", "Indo-Asian News Service"),
        "ANI": ("ANI", "Asian News International"),
        "Belga": ("Belga",),
        "ANP": ("ANP",),
        "NTB": ("NTB",),
        "Ritzau": ("Ritzau",),
        "CTK": ("ČTK", "CTK"),
        "PAP": ("PAP", "Polska Agencja Prasowa"),
        "MTI": ("MTI",),
        "Europa Press": ("Europa Press",),
        "Lusa": ("Lusa",),
        "AGI": ("AGI",),
        "Adnkronos": ("Adnkronos",),
        "Bernama": ("Bernama",),
        "Antara": ("Antara",),
        "RIA Novosti": ("RIA Novosti", "РИА Новости"),
        "CNA": ("Central News Agency",),
        "SID": ("SID", "sid"),
        "Armenpress": ("Armenpress",),
        "Ukrinform": ("Ukrinform",),
        "JTA": ("JTA", "Jewish Telegraphic Agency"),
    }
)
"""Each agency's short name and the names pages credit it by."""

CODES: frozenset[str] = frozenset(
    name for names in AGENCIES.values() for name in names if " " not in name
)
"""Names of one word, matched as written: acronyms, codes and names such as "Reuters" or
"Antara" (which, written "antara", is an Indonesian word)."""

NAMES: frozenset[str] = frozenset(
    name.casefold() for names in AGENCIES.values() for name in names if name not in CODES
)
"""Names matched without regard to case."""


def _alternatives(names: frozenset[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


MENTION = re.compile(
    rf"(?<![\w@./-])(?:{_alternatives(CODES)}|(?i:{_alternatives(NAMES)}))(?![\w@-])"
)
"""An agency's name in running text (`agency_of` tells which agency)."""


_WORD = re.compile(r"[^\W_]+")


def _word_sets() -> Mapping[str, tuple[frozenset[str], ...]]:
    """The words of each name (as written, in capitals and in small letters), by its first
    word."""
    sets: dict[str, set[frozenset[str]]] = {}
    for names in AGENCIES.values():
        for name in names:
            for variant in (name, name.upper(), name.lower()):
                words = _WORD.findall(variant)
                sets.setdefault(words[0], set()).add(frozenset(words))
    return MappingProxyType({first: tuple(found) for first, found in sets.items()})


_WORD_SETS = _word_sets()
_FIRST_WORDS = frozenset(_WORD_SETS)


def _ascii_names() -> Mapping[bytes, tuple[frozenset[bytes], ...]]:
    """The names of `_WORD_SETS` whose words are all ASCII, as bytes, by their longest word
    (the least common, mostly: "associated" of "the associated press")."""
    found: dict[bytes, list[frozenset[bytes]]] = {}
    for sets in _WORD_SETS.values():
        for words in sets:
            if all(w.isascii() for w in words):
                key = min(words, key=lambda w: (-len(w), w))
                found.setdefault(key.encode("ascii"), []).append(
                    frozenset(w.encode("ascii") for w in words)
                )
    return MappingProxyType({key: tuple(names) for key, names in found.items()})


_ASCII_NAMES = _ascii_names()
_ASCII_KEYS = frozenset(_ASCII_NAMES)
_ONE_WORD_KEYS = frozenset(key for key, names in _ASCII_NAMES.items() if {key} in names)
"""The keys of `_ASCII_NAMES` that are names alone ("Reuters", "AFP")."""
_BEYOND_ASCII_LEADS: tuple[bytes, ...] = tuple(
    sorted(
        {
            c.encode("utf-8")[:1]
            for sets in _WORD_SETS.values()
            for words in sets
            for w in words
            for c in w
            if not c.isascii()
        }
    )
)
"""The first bytes (in UTF-8) of the characters beyond ASCII of the names' words ("ТАСС",
"Ajansı"): a text that holds such a word holds one of them."""
_BEYOND_ASCII: tuple[str, ...] = tuple(
    sorted({w for sets in _WORD_SETS.values() for words in sets for w in words if not w.isascii()})
)
"""The names' words beyond ASCII ("ТАСС", "Ajansı")."""
_ASCII_WORD_BYTES = bytes(
    b if (0x30 <= b <= 0x39 or 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A) else 0x20 for b in range(256)
)
"""Each ASCII letter or digit as itself, any other byte (of ASCII, or of a character beyond
it in UTF-8) a space: the words of `_WORD` that are all ASCII are then the runs of bytes."""
_GLUED_WORD_BYTES = bytes(
    b if (0x30 <= b <= 0x39 or 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A or b >= 0x80) else 0x20
    for b in range(256)
)
"""`_ASCII_WORD_BYTES`, but a byte beyond ASCII stays: a run of ASCII bytes that it leaves
is a word of `_WORD` (no character beyond ASCII touches it)."""


def may_name_agency(text: str) -> bool:
    """A fast test: False when `text` cannot name an agency (no agency's name has all its
    words in it); `MENTION` finds the names where it is True."""
    # Split as bytes, the ASCII words are found far faster than by `_WORD`: on a text of
    # ASCII they are its words, and on another they hold its words of ASCII (and pieces of
    # its other words). A name of ASCII words can be in a text only if they are all there,
    # one with a word beyond ASCII only if that word is in it (and the first byte of each of
    # its characters beyond ASCII, looked for first): where neither can be, the text names no
    # agency; else its words are read exactly.
    encoded = text.encode("utf-8", "surrogatepass")
    tokens = encoded.translate(_ASCII_WORD_BYTES).split()
    # (most texts hold no name's longest word: their words need not be gathered in a set)
    keys = _ASCII_KEYS.intersection(tokens)
    found = not keys.isdisjoint(_ONE_WORD_KEYS)
    if keys and not found:
        words = set(tokens)
        found = any(names <= words for key in keys for names in _ASCII_NAMES[key])
    if text.isascii():
        return found
    if found:
        # a name whose words no character beyond ASCII touches is there (else, a piece of
        # a word may have been read as one of them)
        apart = set(encoded.translate(_GLUED_WORD_BYTES).split())
        if any(names <= apart for key in keys for names in _ASCII_NAMES[key]):
            return True
    elif not (
        any(b in encoded for b in _BEYOND_ASCII_LEADS) and any(w in text for w in _BEYOND_ASCII)
    ):
        return False
    exact = set(_WORD.findall(text))
    return any(names <= exact for first in exact & _FIRST_WORDS for names in _WORD_SETS[first])


_ASCII_RUN = re.compile(r"(?<![^\W_]|[^\x00-\x7f])[A-Za-z0-9]+(?![^\W_]|[^\x00-\x7f])")
"""A whole run of ASCII letters and digits that no character beyond ASCII touches."""


def _mention_runs() -> tuple[frozenset[bytes], frozenset[bytes], bool]:
    """What `MENTION` needs to find a name in a text of ASCII: the first runs of letters and
    digits of the codes of ASCII (as written), the longest run of each name (in small
    letters) that no character beyond ASCII touches, and whether a name without such a run
    could still be found in such a text (then any text may hold one)."""
    codes = frozenset(
        _ASCII_RUN.findall(code)[0].encode("ascii") for code in CODES if code.isascii()
    )
    names: set[bytes] = set()
    loose = False
    for name in NAMES:
        runs = _ASCII_RUN.findall(name)
        if runs:
            names.add(max(runs, key=len).lower().encode("ascii"))
        elif all(any(re.match(re.escape(c), chr(t), re.I) for t in range(128)) for c in name):
            loose = True
    return codes, frozenset(names), loose


_CODE_RUNS, _NAME_RUNS, _LOOSE = _mention_runs()
_ASCII_LOWER_WORD_BYTES = bytes(
    (b | 0x20) if 0x41 <= b <= 0x5A else c for b, c in enumerate(_ASCII_WORD_BYTES)
)
"""`_ASCII_WORD_BYTES` with capitals in small letters."""


def may_mention(text: str) -> bool:
    """A fast test: False when `MENTION` cannot find a name in `text` searched alone (its
    start and end count as ends of words). A code of ASCII is found only where its first
    run of letters and digits is a word of the text as written, a name only where its
    longest run is one in any case; a text beyond ASCII may hold any."""
    if _LOOSE or not text.isascii():
        return True
    encoded = text.encode("ascii")
    if not _CODE_RUNS.isdisjoint(encoded.translate(_ASCII_WORD_BYTES).split()):
        return True
    return not _NAME_RUNS.isdisjoint(encoded.translate(_ASCII_LOWER_WORD_BYTES).split())


def _index() -> Mapping[str, str]:
    table: dict[str, str] = {}
    for code, names in AGENCIES.items():
        for name in names:
            table[name if name in CODES else name.casefold()] = code
    return MappingProxyType(table)


_AGENCY_OF = _index()


def agency_of(name: str) -> str | None:
    """The short name of the agency `name` names ("The Associated Press" → "AP"), or None."""
    name = name.strip().strip(".,;:()[]").strip()
    return _AGENCY_OF.get(name) or _AGENCY_OF.get(name.casefold())


OUTLET_SHORT_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "VOA": "Voice of America",
        "RFE/RL": "Radio Free Europe/Radio Liberty",
        "BBC": "BBC",
        "CNN": "CNN",
        "NPR": "NPR",
        "PBS": "PBS",
        "DW": "Deutsche Welle",
        "FT": "Financial Times",
        "WSJ": "The Wall Street Journal",
        "NYT": "The New York Times",
        "RFI": "Radio France Internationale",
        "ORF": "ORF",
        "SRF": "SRF",
        "ZDF": "ZDF",
        "ARD": "ARD",
    }
)
"""Short names outlets print for themselves ("By VOA News", "VOA logo"), with the name each
stands for."""
