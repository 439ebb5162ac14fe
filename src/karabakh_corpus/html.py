"""HTML in: render a page's HTML to text with `html-text`, then clean the text.

The cleaner reads text with one block of the page per line: the rendering of the
``html-text`` package (``html_text.extract_text``, the converter that produced the text of
the public article-extraction benchmark the cleaner is measured on). `clean_html` renders
and cleans in one call; its result is a `Cleaned` whose `raw` is the rendered text, so
`Cleaned.text_offsets` (``to_input``, ``to_output``) is the map between the body text and
the rendered text. `render_html` is the rendering step alone and `decode_html` the decoding
of bytes. Needs the ``html`` extra (``pip install "karabakh-corpus[html]"``).

Bytes are decoded as a browser decodes a page (WHATWG HTML, "determining the character
encoding"), simplified: a byte order mark wins; then the `encoding` you pass (for
example the charset of an HTTP ``Content-Type`` header); then a ``<meta charset>``,
``<meta http-equiv="Content-Type">`` or XML declaration in the first 1024 bytes; then UTF-8.
Labels are read as the WHATWG Encoding Standard reads them (``iso-8859-1``, ``latin1`` and
``ascii`` mean windows-1252). Bytes that do not decode in the chosen encoding raise
`DataFormatError` naming the encoding, where it came from and the first bad byte; nothing is
replaced silently.
"""

from __future__ import annotations

import codecs
import re
from types import MappingProxyType
from typing import Any

import attrs

from karabakh_corpus import _extras
from karabakh_corpus.clean import Cleaned, Cleaner, clean
from karabakh_corpus.cleaner.facts.markup import PendingMarkup
from karabakh_corpus.errors import DataFormatError

__all__ = ["clean_html", "decode_html", "render_html"]

_PRESCAN = 1024
_META = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""",
    re.IGNORECASE,
)
_XML = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:\-]+)["']""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WHATWG = MappingProxyType(
    {
        # labels the WHATWG Encoding Standard maps to another encoding than Python does
        "iso-8859-1": "cp1252",
        "iso8859-1": "cp1252",
        "latin1": "cp1252",
        "latin-1": "cp1252",
        "l1": "cp1252",
        "ascii": "cp1252",
        "us-ascii": "cp1252",
        "iso-8859-9": "cp1254",
        "latin5": "cp1254",
        "tis-620": "cp874",
        "iso-8859-11": "cp874",
        "gb2312": "gb18030",
        "gbk": "gb18030",
        "x-sjis": "shift_jis",
        # a page that declares UTF-16 in a meta tag is read as UTF-8 (its bytes are ASCII-like)
        "utf-16": "utf-8",
        "utf-16le": "utf-8",
        "utf-16be": "utf-8",
    }
)


def _codec(label: str, origin: str) -> str:
    name = _WHATWG.get(label.strip().lower(), label.strip())
    try:
        return codecs.lookup(name).name
    except LookupError as exc:
        raise DataFormatError(
            f"unknown encoding {label!r} ({origin}); pass encoding= with one Python knows, "
            "for example encoding='utf-8'"
        ) from exc


def decode_html(data: bytes, *, encoding: str | None = None) -> tuple[str, str]:
    """The text of an HTML page given as bytes, and the codec it was decoded with.

    See the module's docstring for how the encoding is chosen. Raises `DataFormatError`
    when the bytes do not decode, and `TypeError` for anything but bytes.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode_html() takes bytes, not {type(data).__name__}")
    data = bytes(data)
    for bom, name in _BOMS:
        if data.startswith(bom):
            chosen, origin, data = name, "its byte order mark", data[len(bom) :]
            break
    else:
        head = data[:_PRESCAN]
        declared = _XML.match(head) or _META.search(head)
        if encoding is not None:
            chosen, origin = _codec(encoding, "passed as encoding="), "passed as encoding="
        elif declared is not None:
            label = declared.group(1).decode("ascii")
            chosen, origin = _codec(label, "declared in the page"), f"declared as {label!r}"
        else:
            chosen, origin = "utf-8", "the default: the page declares no charset"
    try:
        return data.decode(chosen), chosen
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 4]
        raise DataFormatError(
            f"the HTML does not decode as {chosen} ({origin}): byte {exc.start} is {bad!r}; "
            "pass the right encoding= (for example the charset of the HTTP Content-Type)"
        ) from exc


def render_html(html: str | bytes, *, encoding: str | None = None) -> str:
    """The text of an HTML page, one block per line, as ``html_text.extract_text`` renders it.

    `html` is a `str`, or `bytes` decoded by `decode_html` (`encoding` applies to bytes
    only). Needs the ``html`` extra.
    """
    return _rendered(html, encoding)[0]


def _rendered(html: str | bytes, encoding: str | None) -> tuple[str, Any]:
    """The rendered text of `html` and the lxml tree it was rendered from."""
    with _extras.needs("html", "clean_html()"):
        import html_text
    if isinstance(html, str):
        if encoding is not None:
            raise TypeError("encoding applies to bytes only; this HTML is already a str")
        page = html
    elif isinstance(html, (bytes, bytearray, memoryview)):
        page, _codec_name = decode_html(bytes(html), encoding=encoding)
    else:
        raise TypeError(f"clean_html() takes a str or bytes of HTML, not {type(html).__name__}")
    try:
        page.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DataFormatError(
            f"the HTML holds a lone surrogate at position {exc.start} ({page[exc.start]!r}), "
            "which is not text; decode the page's bytes with errors='strict' or pass the bytes"
        ) from exc
    tree = html_text.parse_html(page)
    text: str = html_text.extract_text(tree)
    return text, tree


def clean_html(
    html: str | bytes,
    *,
    encoding: str | None = None,
    cleaner: Cleaner | None = None,
    profile: str | None = None,
) -> Cleaned:
    """Render an HTML page with `html-text` and clean the text; needs the ``html`` extra.

    Returns the `Cleaned` result of the rendered text: `Cleaned.raw` is the rendered text
    and `Cleaned.text_offsets` maps positions between it and `Cleaned.text`. `html` is a `str`
    or `bytes` (decoded as `decode_html` says; `encoding` overrides a declared charset).
    `cleaner` (a configured `Cleaner`) and `profile` (a site profile's name) choose the
    cleaner, as for `clean()`; giving both raises `ValueError`. `Cleaned.facts` reads the
    page's facts from its text and from what its markup declares (JSON-LD, ``<meta>``
    tags, ``<time datetime>``) when first asked for; the parsed page is kept until then.
    """
    if cleaner is not None and profile is not None:
        raise ValueError("give a cleaner or a profile, not both (a Cleaner has its profile)")
    if cleaner is not None and not isinstance(cleaner, Cleaner):
        raise TypeError(f"cleaner must be a Cleaner, not {type(cleaner).__name__}")
    text, tree = _rendered(html, encoding)
    cleaned = cleaner.clean(text) if cleaner is not None else clean(text, profile=profile)
    # the facts are read when first asked for, from the regions and the markup of the tree
    # the text was rendered from (the page is parsed once; the tree is kept until then)
    return attrs.evolve(cleaned, facts_markup=PendingMarkup(tree))
