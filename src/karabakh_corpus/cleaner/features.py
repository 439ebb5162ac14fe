"""Per-line features of a scraped page, computed without assuming a language or script.

A line's features are the numbers the cleaner weighs (`FEATURE_NAMES`: length, words,
sentence punctuation, share of capitalized words, digits, commas, separators, links, the
marks of teasers, labels, list items and capitals, repetition on the page, capitals
against the page's prose) plus shapes that name metadata lines (a dateline). Everything but
the page's features (`PAGE_FEATURES`) depends on the line alone, so `describe` computes it
once per line.
"""

from __future__ import annotations

import math
import re

from karabakh_corpus.cleaner.lexicon.dates import DATE_WORDS, NAMED_DATE_WORDS

__all__ = [
    "FEATURE_NAMES",
    "LINE_FEATURES",
    "PAGE_FEATURES",
    "LineInfo",
    "describe",
    "ends_sentence",
    "is_dated",
    "is_dateline",
    "tokens",
    "word_count",
]

FEATURE_NAMES: tuple[str, ...] = (
    "length",  # log(1 + characters)
    "words",  # log(1 + words)
    "sentence_end",  # 1 if the line ends like a sentence
    "capitalized",  # share of words that start with a capital letter
    "digits",  # share of characters that are digits
    "commas",  # commas per word
    "link",  # 1 if the line holds a URL, an e-mail address or a @handle
    "separators",  # separator characters (| • · » ›) per word
    "short",  # 1 if the line has at most three words
    "lower_start",  # 1 if the line starts with a lower-case letter
    "ellipsis",  # 1 if the line ends with "..." or "…" (a teaser cut short)
    "colon_end",  # 1 if the line ends with ":" (a label, or what introduces a list)
    "bullet",  # 1 if the line starts like a list item ("• ", "- ", "1. ", "2) ")
    "all_caps",  # 1 if every cased letter of the line is a capital
    "repeated",  # 1 if the same line occurs elsewhere on the page
    # `capitalized` minus the median of the page's prose lines (`PROSE_WORDS` words or more;
    # all its lines with words if none): capitals read against the page's own language
    "capitalized_vs_page",
)

PAGE_FEATURES: tuple[str, ...] = ("repeated", "capitalized_vs_page")
"""The features that depend on the page, not on the line alone: the cleaner adds them."""

LINE_FEATURES: tuple[str, ...] = tuple(n for n in FEATURE_NAMES if n not in PAGE_FEATURES)
"""The features of the line alone: the names of the values `describe` returns, in order."""

_WORD = re.compile(r"\w+")
_INITIAL = re.compile(r"\b[^\W\d_]")
# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, CJK and kana.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
)
_SENTENCE_END = frozenset(".!?。！？…։؟।॥")
_CLOSING = "\"'”’»)]」』"
# An e-mail address is a non-space, "@", one or more non-spaces, then "." and a word character
# ("\S@\S+\.\w"). Written so, a search is quadratic ("a@a@a@..." retries every "@"); here it
# starts only at the start of a run of non-spaces and reads the run once: up to its first "@"
# after one character, one character, then up to the first "." that a word character follows
# (what a part gives back when the match fails, the next part cannot use: each run is read
# a bounded number of times).
_LINK = re.compile(
    r"https?://|www\.|(?<!\S)\S[^\s@]*@\S(?:[^\s.]|\.(?!\w))*\.\w|(?<!\w)@\w"
    r"|\.(?:com|net|org)\b"
)
_DIGIT = re.compile(r"\d")
_DIGIT_BYTES = b"0123456789"
# A non-ASCII word character, or a character of an unspaced script (some are no word
# characters: "、" and "。" are CJK punctuation): a line holding none has ASCII words only.
_WORDY = re.compile(_UNSPACED.pattern + r"|[^\W\x00-\x7f]")
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
# The class of each byte: "U" a capital, "l" a small letter, "d" a digit or "_" (`\w` but
# no letter), " " any other byte, of ASCII or of a character beyond it.
_CLASSES = bytes(
    (ord("U") if 0x41 <= b <= 0x5A else ord("l") if 0x61 <= b <= 0x7A else ord("d"))
    if b in _WORD_BYTES
    else 0x20
    for b in range(256)
)
_NUMERIC = ord("d")  # the class of a digit or "_" (a byte: `in` finds it without a call)
# A word character beyond Latin-1, or a character of an unspaced script: a line holding none
# has its words in Latin-1 (German, French, Spanish... lines), read from its Latin-1 bytes.
_WORDY_PAST_LATIN1 = re.compile(_UNSPACED.pattern + r"|[^\W\x00-\xff]")
# The commas and separators beyond ASCII (what `describe` counts in `beyond`)
_MARKS_BEYOND = re.compile("[،、，•·»›]")
# Each word byte in lower case, any other byte a space.
_TOKENS = bytes(
    (b | 0x20 if 0x41 <= b <= 0x5A else b) if b in _WORD_BYTES else 0x20 for b in range(256)
)


def _latin1_tables() -> tuple[bytes, bytes]:
    """`_CLASSES` and `_TOKENS` of a line encoded in Latin-1, where every byte is a character:
    the classes and the lower case that ``\\w``, ``\\d`` and `str.lower` give each."""
    classes, lowered = bytearray(), bytearray()
    for b in range(256):
        c = chr(b)
        if _WORD.match(c) is None:
            classes.append(0x20)
            lowered.append(0x20)
            continue
        # a word character that is no digit and no "_" starts a word with an initial
        numeric = c == "_" or c.isdecimal()
        classes.append(ord("d") if numeric else ord("U") if c.isupper() else ord("l"))
        lowered.append(ord(c.lower()))  # (Latin-1 letters have their small one in Latin-1)
    return bytes(classes), bytes(lowered)


_LATIN1_CLASSES, _LATIN1_TOKENS = _latin1_tables()

_NUMERIC_DATE = re.compile(
    r"\d{2,4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\b\d{4}[./-]\d{1,2}[./-]\d{1,2}\b"
    r"|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")

LineInfo = tuple[tuple[float, ...], int, list[str] | None]
"""What `describe` returns: the features but `repeated`, the word count, the tokens (None
when not listed: see `describe`)."""


def tokens(line: str) -> list[str]:
    """The lower-case word tokens of `line`."""
    return _WORD.findall(line.lower())


def word_count(line: str) -> int:
    """Words in `line`: runs of word characters, counting two unspaced (CJK, Thai...) as one."""
    words = len(_WORD.findall(line))
    if line.isascii():
        return words
    return words + len(_UNSPACED.findall(line)) // 2


def ends_sentence(line: str) -> bool:
    """True if `line` ends with sentence punctuation (in any script), quotes aside."""
    return line.rstrip(_CLOSING)[-1:] in _SENTENCE_END


def is_dateline(line: str) -> bool:
    """True if `line` is mostly a date or time ("Thursday 31 March 2022 05:52 EDT")."""
    if len(line) > 90 or _DIGIT.search(line) is None:
        return False
    return is_dated(line, word_count(line), tokens(line))


def is_dated(line: str, count: int, words: list[str]) -> bool:
    """`is_dateline` of a line known to hold a digit, given its `word_count` and `tokens`
    (what `describe` returns): the cleaner knows them already."""
    if len(line) > 90:
        return False
    # Cheap tests before each search: a match of `_NUMERIC_DATE` holds "年" or two of
    # ". / -", one of `_CLOCK` a colon (most lines with a digit hold neither).
    if (
        count <= 8
        and ("年" in line or line.count(".") + line.count("/") + line.count("-") >= 2)
        and _NUMERIC_DATE.search(line) is not None
    ):
        return True
    if len(words) < 2:
        return False
    if (":" not in line or _CLOCK.search(line) is None) and NAMED_DATE_WORDS.isdisjoint(words):
        return False
    dated = sum(1 for w in words if w.isdigit() or w in DATE_WORDS or _is_time(w))
    if _LIST_NUMBER.match(line) is not None and words[1] not in DATE_WORDS:
        dated -= 1  # "11. Anything Goes (May 12, 2004)": the number counts an item of a list
    return dated >= 2 and len(words) - dated <= 2 and dated >= len(words) - dated


_LIST_NUMBER = re.compile(r"\d{1,3}[.)]\s")


def _is_time(word: str) -> bool:
    return (word[:-2].isdigit() and word[-2:] in ("am", "pm", "th", "st", "nd", "rd")) or (
        word[-1:] in ("h", "z") and word[:-1].isdigit()
    )


def describe(line: str, token_limit: int | None = None) -> LineInfo:
    """The line-only features of one normalized, non-empty line, its words and tokens.

    Returns the values of `LINE_FEATURES` (in that order: every feature but the page's),
    the word count, and the lower-case word tokens (an empty list when the line has no word
    at all). With `token_limit`, the tokens of a line of more words than that whose words
    are all ASCII are not listed (None is returned in their place): a caller that reads the
    tokens of short lines only need not pay for them on long ones.

    A line whose words are all ASCII, or all in Latin-1 (most lines of the languages of
    Western Europe), is read from its bytes, without a search for its words; any other line
    by regular expressions. Both give the same features (tested on any text).
    """
    size = len(line)
    # (a count is looked for first: most lines hold no comma, no separator and no digit,
    # and a search costs less than a count's call)
    commas = line.count(",") if "," in line else 0
    separators = line.count("|") if "|" in line else 0
    classes_of, tokens_of, codec = _CLASSES, _TOKENS, "ascii"
    if line.isascii():
        encoded = line.encode("ascii")
        wordy = False
    else:
        # surrogatepass: a lone surrogate (a truncated emoji in scraped JSON) is a valid
        # character of a str; it holds no digit, and it must not stop the count.
        encoded = line.encode("utf-8", "surrogatepass")
        # the characters beyond ASCII, few on most lines: they are searched and counted
        # faster on their own than within the line
        beyond = _ASCII_RUNS.sub("", line)
        if _MARKS_BEYOND.search(beyond) is not None:
            commas += beyond.count("،") + beyond.count("、") + beyond.count("，")
            separators += (
                beyond.count("•") + beyond.count("·") + beyond.count("»") + beyond.count("›")
            )
        wordy = _WORDY.search(beyond) is not None
        if wordy and _WORDY_PAST_LATIN1.search(beyond) is None:
            # every word character is in Latin-1: the line's Latin-1 bytes (any other
            # character, no word character, becomes "?") are read as an ASCII line's, and
            # its words are always listed, as those of a line of words beyond ASCII are
            encoded = line.encode("latin-1", "replace")
            classes_of, tokens_of, codec = _LATIN1_CLASSES, _LATIN1_TOKENS, "latin-1"
            wordy = False
    words: list[str] | None
    if not wordy:
        # Every word is ASCII (a line that is not is so only through punctuation and
        # symbols: curly quotes, dashes, "…", "•"), and every byte of another character
        # is a non-word byte (all are >= 0x80 in UTF-8): the words are the runs of ASCII
        # word bytes (or every word is in Latin-1, and the bytes are the line's in
        # Latin-1, one a character, with Latin-1's classes and lower case). Mapped to its
        # class (capital, small letter, digit or "_", and space for the rest), a byte
        # starts a word where it follows a space: counting those pairs counts the words,
        # those with a letter for an initial (`cased`) and those with a capital, without
        # listing a word. The tokens are a second mapping (capitals to small letters,
        # non-word bytes to spaces) split, made only when wanted: always on a line too
        # short to hold more than `token_limit` words (a word and the space after it take
        # two characters), whose words are then counted as listed, and on a Latin-1 line.
        classes = b" " + encoded.translate(classes_of)
        capitals = classes.count(b" U")
        # the words of class "d" (a digit or "_" first) and the digits (the bytes of class
        # "d" but "_"): none on most lines
        if _NUMERIC in classes:
            numeric = classes.count(b" d")
            digits = classes.count(b"d") - (line.count("_") if "_" in line else 0)
        else:
            numeric = digits = 0
        if token_limit is None or size < 2 * token_limit or codec != "ascii":
            words = encoded.translate(tokens_of).decode(codec).split()
            n = len(words)
            cased = n - numeric
        else:
            cased = capitals + classes.count(b" l")
            n = cased + numeric
            words = encoded.translate(_TOKENS).decode("ascii").split() if n <= token_limit else None
    else:
        words = _WORD.findall(line.lower())
        n = len(words)
        initials = _INITIAL.findall(line)
        capitals = sum(map(str.isupper, initials))
        cased = len(initials)
        # (an unspaced character is beyond ASCII: the greatest of `beyond` is the line's)
        if max(beyond) >= "\u0e00" and (unspaced := _UNSPACED.findall(line)):
            n += len(unspaced) // 2
        digits = len(encoded) - len(encoded.translate(None, _DIGIT_BYTES))
    per_word = 1.0 / n if n else 1.0
    first = line[0]
    last = line[-1]
    # `ends_sentence`: the quotes are stripped only from a line that ends with one
    end = line.rstrip(_CLOSING)[-1:] if last in _CLOSING else last
    row = (
        math.log1p(size),
        math.log1p(n),
        1.0 if end in _SENTENCE_END else 0.0,
        capitals / cased if cased else 0.0,
        digits / size,
        commas * per_word,
        # a cheap test before `_LINK`: each of its matches holds "@", "://", "www.", ".com",
        # ".net" or ".org", and most lines hold no "." for the last four
        1.0
        if (
            "@" in line
            or "://" in line
            or (
                "." in line
                and ("www." in line or ".com" in line or ".net" in line or ".org" in line)
            )
        )
        and _LINK.search(line)
        else 0.0,
        separators * per_word,
        1.0 if n <= 3 else 0.0,
        1.0 if first.islower() else 0.0,
        # (`line.endswith(("...", "…"))`, read from the last character first)
        1.0 if last == "\u2026" or (last == "." and line[-3:] == "...") else 0.0,
        1.0 if last == ":" else 0.0,
        1.0 if first in _BULLETS or (first.isdigit() and _NUMBERED.match(line)) else 0.0,
        1.0 if line.isupper() else 0.0,
    )
    return row, n, words


_BULLETS = frozenset("\u2022\u00b7\u25aa\u25cf\u25ba\u25b8\u2023\u2043*-\u2013\u2014>")
_NUMBERED = re.compile(r"\d{1,3}[.)]\s")
