"""HTML in: render a page's HTML to text with `html-text`, then clean the text.

The cleaner reads text with one block of the page per line: the rendering of the
``html-text`` package (``html_text.extract_text``, the converter that produced the text of
the public article-extraction benchmark the cleaner is measured on). `clean_html` renders
and cleans in one call; its result is a `Cleaned` whose `raw` is the rendered text, so
`Cleaned.text_offsets` (``to_input``, ``to_output``) is the map between the body text and
the rendered text. `render_html` is the rendering step alone and `decode_html` the decoding
of bytes. Needs the ``html`` extra (``pip install "karabakh-corpus[html]"``).

Bytes are decoded as a browser decodes a page (WHATWG HTML, "determining the character
encoding"), simplified: a byte order mark wins; then the `encoding` you pass; then the
charset of the HTTP ``Content-Type`` header (`http_charset`); then a ``<meta charset>``,
``<meta http-equiv="Content-Type">`` or XML declaration in the first 1024 bytes; then UTF-8.
One exception, since 1.10.0: bytes beyond ASCII that all form UTF-8 sequences are read as
UTF-8 whatever the header or the page declares (only a byte order mark or the `encoding` you
pass win over them). Text in windows-1252 or another legacy encoding almost never forms
such sequences, while UTF-8 under a wrong label (a server's default ISO-8859-1) is common,
and read by its label it turns every curly quote into "â€œ" (117 of the 1,808 pages of the
five benchmark sets are such pages). trafilatura 2.3.1 also reads any bytes that are valid
UTF-8 as UTF-8.
A charset that names no encoding (a typo such as ``"ut"``) is ignored, as browsers ignore
it, in the header and in the page: the next source decides; one you pass raises.
Labels are read as the WHATWG Encoding Standard reads them (``iso-8859-1``, ``latin1`` and
``ascii`` mean windows-1252), and the windows code pages decode as its indexes say: the
bytes 0x80 to 0x9F that Python's codecs leave undefined (0x81, 0x8D, 0x8F, 0x90 and 0x9D in
windows-1252) are the C1 controls of the same number, so windows-1252 decodes every byte.
Bytes that do not decode in an encoding you pass raise `DataFormatError` naming it and the
first bad byte. Otherwise the page is read as a browser reads it (the WHATWG Encoding
Standard's decoders): a byte sequence that is not valid in the encoding the header or the
page declares becomes U+FFFD, the replacement character, where it stood; a page that declares
nothing and is not UTF-8 is read as windows-1252 (browsers' default in most locales), and
`decode_html` says so by returning ``"cp1252"`` as its codec. ``errors="strict"`` refuses
both instead, with a `DataFormatError` naming the encoding, where it came from and the first
bad byte. Before 1.9.0 both always raised.

`render_html` parses with no limit on how deep elements nest, up to the 2048 levels of
libxml2's parser (the 256 of its default kept the text of deeper pages out, silently);
a page nested deeper raises `DataFormatError` rather than render without its text.
A ``<title>`` that the page never closes (a page cut short in its ``<head>``, as crawls
leave some) ends where its first line does, before a ``<`` or a line break: html-text reads
the rest of such a page, tags and all, as its title, and renders it as one line (since
1.11.0; 4 of the 299 L3S-GN1 pages are such pages).
"""

from __future__ import annotations

import codecs
import functools
import re
from types import MappingProxyType
from typing import Any, Final

import attrs

from karabakh_corpus import _extras
from karabakh_corpus.clean import Cleaned, Cleaner
from karabakh_corpus.cleaner.core import default_cleaner
from karabakh_corpus.cleaner.facts.markup import PendingMarkup
from karabakh_corpus.cleaner.markup import read_markup
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
        # labels of the WHATWG Encoding Standard that Python does not know
        "x-sjis": "shift_jis",
        "windows-874": "cp874",
        "dos-874": "cp874",
        # a page that declares UTF-16 in a meta tag is read as UTF-8 (its bytes are ASCII-like)
        "utf-16": "utf-8",
        "utf-16le": "utf-8",
        "utf-16be": "utf-8",
    }
)
_WHATWG_CODECS = MappingProxyType(
    {
        # Python's names of the codecs that the WHATWG Encoding Standard reads as another:
        # every label Python knows for them ("iso-8859-1", "latin1", "ISO_8859-1", "l1",
        # "us-ascii", "latin5", "iso-ir-58") lands here
        "iso8859-1": "cp1252",
        "ascii": "cp1252",
        "iso8859-9": "cp1254",
        "tis-620": "cp874",
        "iso8859-11": "cp874",
        "gb2312": "gb18030",
        "gbk": "gb18030",
    }
)


def _codec(label: str, origin: str) -> str:
    name = _WHATWG.get(label.strip().lower(), label.strip())
    try:
        found = codecs.lookup(name).name
        return _WHATWG_CODECS.get(found, found)
    except LookupError as exc:
        raise DataFormatError(
            f"unknown encoding {label!r} ({origin}); pass encoding= with one Python knows, "
            "for example encoding='utf-8'"
        ) from exc


def _known(label: str) -> bool:
    """True if `label` names an encoding; a browser ignores a charset it does not know (a
    header's or a page's), as the page's other declarations and the default then decide."""
    try:
        _codec(label, "")
    except DataFormatError:
        return False
    return True


_WINDOWS: Final = frozenset({"cp874", *(f"cp{n}" for n in range(1250, 1259))})
"""The windows code pages, whose WHATWG indexes map the bytes 0x80 to 0x9F that the code
page leaves undefined to the C1 controls of the same number."""


@functools.cache
def _whatwg_table(codec: str) -> str:
    """The decoding table of a windows code page, as the WHATWG index has it."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            chars.append(chr(byte) if 0x80 <= byte <= 0x9F else "\ufffe")  # still undefined
    return "".join(chars)


def _decode(data: bytes, codec: str, errors: str) -> str:
    if codec in _WINDOWS:
        return codecs.charmap_decode(data, errors, _whatwg_table(codec))[0]
    return data.decode(codec, errors)


def decode_html(
    data: bytes,
    *,
    encoding: str | None = None,
    http_charset: str | None = None,
    errors: str = "replace",
) -> tuple[str, str]:
    """The text of an HTML page given as bytes, and the codec it was decoded with.

    `encoding` is yours, and overrides all but a byte order mark; `http_charset` is the
    charset of the page's HTTP ``Content-Type`` header, which a declaration in the page
    does not override; bytes that are all valid UTF-8 (beyond ASCII) are UTF-8 whatever
    either declares. With `errors` ``"replace"`` (the default) bytes that are not valid
    in the declared encoding become U+FFFD and an undeclared page that is not UTF-8 is read
    as windows-1252, as browsers read them; ``"strict"`` raises instead. See the module's
    docstring for the rest. Raises `DataFormatError` when the bytes do not decode in the
    `encoding` you pass (or, strict, in any), or a label you pass is unknown; `TypeError`
    for anything but bytes, `ValueError` for another `errors`.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode_html() takes bytes, not {type(data).__name__}")
    if errors not in ("replace", "strict"):
        raise ValueError(f"errors must be 'replace' or 'strict', not {errors!r}")
    text, codec, _decoded = _decoding(bytes(data), encoding, http_charset, errors == "replace")
    return text, codec


def _decoding(
    data: bytes, encoding: str | None, http_charset: str | None, lenient: bool = True
) -> tuple[str, str, bytes | None]:
    """`decode_html`'s text and codec (`lenient`: as with ``errors="replace"``), and the
    bytes it decoded (those after a byte order mark) when they decoded as they are: None
    when some of them became U+FFFD."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            chosen, origin, data = name, "its byte order mark", data[len(bom) :]
            break
    else:
        head = data[:_PRESCAN]
        declared = _XML.match(head) or _META.search(head)
        label = declared.group(1).decode("ascii") if declared is not None else None
        if encoding is not None:
            chosen, origin = _codec(encoding, "passed as encoding="), "passed as encoding="
        elif http_charset is not None and _known(http_charset):
            origin = f"the charset {http_charset!r} of the HTTP Content-Type header"
            chosen = _codec(http_charset, origin)
        elif label is not None and _known(label):
            chosen, origin = _codec(label, "declared in the page"), f"declared as {label!r}"
        else:
            chosen, origin = "utf-8", "the default: the page declares no charset it names"
            if lenient:
                try:
                    return data.decode("utf-8"), "utf-8", data
                except UnicodeDecodeError:
                    chosen = "cp1252"  # a browser's default, and it decodes every byte
        if encoding is None and chosen != "utf-8" and not data.isascii():
            try:  # UTF-8 whatever the page declares (the sequences are too unlikely otherwise)
                return data.decode("utf-8"), "utf-8", data
            except UnicodeDecodeError:
                pass
        lenient = lenient and encoding is None  # what you pass is checked, not read leniently
    try:
        return _decode(data, chosen, "strict"), chosen, data
    except UnicodeDecodeError as exc:
        if lenient:
            return _decode(data, chosen, "replace"), chosen, None
        bad = data[exc.start : exc.start + 4]
        raise DataFormatError(
            f"the HTML does not decode as {chosen} ({origin}): byte {exc.start} is {bad!r}; "
            "pass the right encoding= (for example the charset of the HTTP Content-Type)"
        ) from exc


def render_html(html: str | bytes, *, encoding: str | None = None) -> str:
    """The text of an HTML page, one block per line, as ``html_text.extract_text`` renders it
    (but for a page nested deeper than 256 levels, or whose ``<title>`` is never closed: see
    the module).

    `html` is a `str`, or `bytes` decoded by `decode_html` (`encoding` applies to bytes
    only). Needs the ``html`` extra.
    """
    with _extras.needs("html", "render_html()"):
        import html_text
    text: str = html_text.extract_text(_tree(*_page(html, encoding, "render_html")))
    return text


def _page(html: object, encoding: str | None, caller: str) -> tuple[str, bytes | None]:
    """`html` as a str (decoded as `decode_html` decodes it, if it is bytes), and the bytes
    it was decoded from when they are UTF-8."""
    if isinstance(html, str):
        if encoding is not None:
            raise TypeError("encoding applies to bytes only; this HTML is already a str")
        return html, None
    if isinstance(html, (bytes, bytearray, memoryview)):
        if not isinstance(html, bytes):
            html = bytes(html)
        text, codec, decoded = _decoding(html, encoding, None)
        return text, decoded if codec == "utf-8" else None
    raise TypeError(f"{caller}() takes a str or bytes of HTML, not {type(html).__name__}")


def _tree(page: str, utf8: bytes | None = None) -> Any:
    """The lxml tree of a page's HTML, parsed as html-text parses it but as deep as libxml2
    reads (`_parsed`) and with a title never closed closed (`_closed_title`): from the UTF-8
    bytes of the page trimmed, without its NUL characters.
    `utf8` are the bytes `page` was decoded from as UTF-8, if it was: those bytes, trimmed,
    are then parsed without encoding the page again (`_utf8_body`)."""
    body = _utf8_body(utf8) if utf8 is not None else None
    if body is None:
        try:
            body = page.strip().replace("\x00", "").encode("utf-8")
        except UnicodeEncodeError as exc:
            raise DataFormatError(
                f"the HTML holds a lone surrogate at position {exc.start} "
                f"({page[exc.start]!r}), which is not text; decode the page's bytes with "
                "errors='strict' or pass the bytes"
            ) from exc
    return _parsed(_closed_title(body) or b"<html/>")


def _closed_title(body: bytes) -> bytes:
    """`body` with its ``<title>`` closed where its first line ends (before a ``<`` or a line
    break), when the page never closes it: a page cut short in its ``<head>`` (a crawl that
    lost a piece of it) would otherwise read as one title that holds the whole page, tags
    and all, and render as one line."""
    opened = _TITLE_OPEN.search(body)
    if opened is None or _TITLE_CLOSE.search(body, opened.end()) is not None:
        return body
    end = _TITLE_END.search(body, opened.end())
    cut = len(body) if end is None else end.start()
    return body[:cut] + b"</title>" + body[cut:]


_TITLE_OPEN: Final = re.compile(rb"<title(?:\s[^>]*)?>", re.IGNORECASE)
_TITLE_CLOSE: Final = re.compile(rb"</title", re.IGNORECASE)
_TITLE_END: Final = re.compile(rb"[\r\n<]")


_ASCII_SPACES: Final = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
"""The characters of ASCII that `str.strip` removes."""


def _utf8_body(data: bytes) -> bytes | None:
    """``text.strip().replace("\\x00", "").encode("utf-8")`` of the `text` that `data` decodes
    to as UTF-8, read from `data`: trimmed of the ASCII characters `str.strip` removes, it
    is the same when it starts and ends with a character of ASCII; None when it does not
    (a character beyond ASCII may be whitespace `str.strip` removes: the text decides)."""
    body = data.strip(_ASCII_SPACES)
    if body and (body[0] >= 0x80 or body[-1] >= 0x80):
        return None
    return body.replace(b"\x00", b"")


_DEPTH: Final = 2048
"""How deep libxml2's HTML parser nests elements with its `huge` option (``XML_PARSE_HUGE``)."""


def _parsed(body: bytes) -> Any:
    """The tree of a page's UTF-8 bytes: html-text's own parse (``html_text.parse_html``),
    but with no limit on how deep the tree is (libxml2 stops at 256 levels by default, and
    leaves out what is deeper). Every element is an ``lxml.html.HtmlElement`` (lxml.html's
    lookup of a class per tag, for forms and their fields, is left out: the tree is the
    same, the rendering too, and it is walked about 5% faster). Nor does the parser keep
    a table of the elements' ``id`` attributes (``collect_ids``: nothing here looks an
    element up by its id; the tree is the same, and parsed about 4% faster)."""
    import lxml.etree  # html-text's parser
    import lxml.html

    parser = lxml.html.HTMLParser(recover=True, encoding="utf-8", huge_tree=True, collect_ids=False)
    parser.set_element_class_lookup(
        lxml.etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    root = lxml.etree.fromstring(body, parser=parser)
    if any("Excessive depth" in error.message for error in parser.error_log):
        raise DataFormatError(
            f"the HTML nests elements more than {_DEPTH} levels deep, deeper than the HTML "
            "parser reads: it would render without the text below that depth"
        )
    if root is None:
        root = lxml.etree.fromstring(b"<html/>", parser=parser)
    return root


@functools.cache
def _profiled(profile: str) -> Cleaner:
    return Cleaner(profile=profile)


def clean_html(
    html: str | bytes,
    *,
    encoding: str | None = None,
    cleaner: Cleaner | None = None,
    profile: str | None = None,
) -> Cleaned:
    """Clean an HTML page on the markup path; needs the ``html`` extra.

    The page is rendered as `render_html` renders it (html-text), and each line of the
    rendering is weighed with what the page's markup says of it (the elements it comes
    from: ``nav``, ``footer``, lists, headings, links, the element holding the page's
    running text, class and id names; see ``docs/cleaner-model.md``). Returns the
    `Cleaned` result of the rendered text: `Cleaned.raw` is the rendered text and
    `Cleaned.text_offsets` maps positions between it and `Cleaned.text`;
    `Cleaned.path` is ``"markup"``, or ``"text"`` when the page's markup could not be used
    (`Cleaned.fallback` then says why, and the rendering is cleaned as `clean` cleans a
    text). `html` is a `str` or `bytes` (decoded as `decode_html` says; `encoding`
    overrides a declared charset). `cleaner` (a configured `Cleaner`) and `profile` (a site
    profile's name) choose the cleaner, as for `clean()`; giving both raises `ValueError`.
    `Cleaned.facts` reads the page's facts, when first asked for, from its text and from
    what its markup declares (JSON-LD, ``<meta>`` tags, ``<time datetime>``), which
    `clean_html` reads from the page's one parsed tree before the markup reader uses it.
    """
    if cleaner is not None and profile is not None:
        raise ValueError("give a cleaner or a profile, not both (a Cleaner has its profile)")
    if cleaner is not None and not isinstance(cleaner, Cleaner):
        raise TypeError(f"cleaner must be a Cleaner, not {type(cleaner).__name__}")
    with _extras.needs("html", "clean_html()"):
        import html_text  # noqa: F401  (the extra, before anything is read)
    page, utf8 = _page(html, encoding, "clean_html")
    tree = _tree(page, utf8)
    if cleaner is None:
        cleaner = default_cleaner() if profile is None else _profiled(profile)
    # what the markup declares (JSON-LD, <meta>...) is read first, from the tree the page
    # was parsed into once; the markup reader then spends that tree (no copy of it)
    declared = PendingMarkup(tree).read()
    headlines = _declared_headlines(declared)
    markup = read_markup(tree, again=lambda: _tree(page, utf8))
    cleaned = cleaner.clean_markup(
        markup, headlines=headlines, site_names=_declared_site_names(declared)
    )
    # the page's facts are read when first asked for, from its regions and that markup
    return attrs.evolve(cleaned, facts_markup=declared)


_HEADLINE_SOURCES: Final = frozenset({"json-ld", "meta", "microdata"})
"""Where a page declares its headline (JSON-LD ``headline``, ``og:title``...)."""


def _declared_headlines(declared: Any) -> list[str]:
    """The headlines a page's markup declares (`karabakh_corpus.cleaner.facts.types.Markup`):
    a hint of which line is the headline, never of which lines are the article's."""
    return [d.text for d in declared.of("title") if d.source in _HEADLINE_SOURCES]


def _declared_site_names(declared: Any) -> list[str]:
    """The names of its site a page's markup declares (``og:site_name``,
    ``application-name``, the JSON-LD publisher): never the headline."""
    return [d.text for d in declared.of("outlet") if d.source in _HEADLINE_SOURCES]
