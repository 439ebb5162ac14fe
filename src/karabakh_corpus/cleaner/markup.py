"""Read a page's markup: its rendered text, and for each line the elements it comes from.

`read_markup` renders an HTML page exactly as ``html_text.extract_text`` renders it (the
rendering of `karabakh_corpus.html.render_html`, and of the benchmark's scraped text), and
knows where each piece of the rendering comes from: html-text writes the text of the
cleaned element tree in document order, each piece with its whitespace collapsed, and puts
only spaces and line breaks between the pieces, chosen by the tags around them and the
pieces' first and last characters; the reader writes the rendering the same way in the one
walk that reads the elements, so every piece's place is known as it is written. Each
non-blank line of the rendering (the lines `karabakh_corpus._textmap.split` gives) then
knows its pieces, and through them:

- its element: the nearest element that holds all its text (a ``<p>``, a ``<li>``, an
  ``<a>``, a table row), and its block: the nearest element around that one that html-text
  starts a line at (``html_text.NEWLINE_TAGS`` and ``DOUBLE_NEWLINE_TAGS``);
- the kinds of element it sits in (`KINDS`: ``nav``, ``header``, ``footer``, ``aside``,
  ``article``, ``main``, ``figure``, ``figcaption``, list items, headings, forms, hidden
  elements, links, table cells, quotes...), from tag names and ARIA landmark roles;
- the class, id and itemprop tokens of its element and the elements around it, below
  ``<body>`` (`Markup.tokens`, split by `class_tokens`), each with its distance;
- the share of its text that sits in links, and its element's and block's text: characters,
  characters in links, elements inside (`Markup.density`, `Markup.link_density`).

The reader parses with html-text's public function (``parse_html``), cleans the tree as
html-text's ``cleaner`` cleans it (by lxml's own calls, each one pass in C, where the
cleaner loops over every element in Python; the tests compare the two trees on the
development pages and on generated HTML, and the cleaner itself runs where they could
differ), uses html-text's tag lists, and walks the cleaned tree once with
``lxml.etree.iterwalk``, writing the rendering as it goes (``etree_to_text``'s rendering
with its default options: the tests compare the two on the development pages and on
generated HTML); it copies no code of either. It runs in time linear in the page: one walk
over the tree, one pass over the pieces and lines, and for the tokens only the elements
that hold lines.

What it gives for inputs that are not a clean page (each is tested):

- no text at all (an empty page, a body of comments, a frameset): ``Markup.text`` is ``""``,
  no lines, ``aligned`` True;
- broken markup: what lxml's HTML parser recovers of it, rendered and aligned as any page;
- nesting deeper than the parser keeps (libxml2 stops at 255 levels unless the tree was
  parsed with ``huge_tree``): the text the parser kept, as html-text renders it;
- a str holding a lone surrogate: `DataFormatError`.

A `Markup` built with ``aligned`` False (lines that know no element, ``element`` -1, and
the `reason`) is the text path's input; the reader itself always aligns.

Needs the ``html`` extra (``pip install "karabakh-corpus[html]"``).
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from karabakh_corpus import _extras, _textmap
from karabakh_corpus.errors import DataFormatError

if TYPE_CHECKING:
    import lxml.html

__all__ = [
    "KINDS",
    "LineMarkup",
    "Markup",
    "class_tokens",
    "parse_page",
    "read_markup",
]

KINDS: tuple[str, ...] = (
    "nav",  # <nav>, role="navigation" or "menu"/"menubar"
    "header",  # <header>, role="banner"
    "footer",  # <footer>, role="contentinfo"
    "aside",  # <aside>, role="complementary"
    "article",  # <article>, role="article"
    "main",  # <main>, role="main"
    "section",  # <section>
    "figure",  # <figure>
    "figcaption",  # <figcaption>
    "list",  # a list item: <li>, <dt>, <dd>
    "heading",  # <h1> to <h6>, role="heading"
    "form",  # <form>, <button>, <label>, <select>, <option>, <textarea>, <fieldset>, <input>
    "hidden",  # the hidden attribute, aria-hidden="true", a style of display:none or
    # visibility:hidden, <template>, <noscript> (a browser that runs scripts shows none)
    "link",  # <a>
    "table",  # a table cell: <td>, <th>
    "quote",  # <blockquote>, <q>
    "code",  # <pre>, <code>
    "time",  # <time>
    "address",  # <address>
    "paragraph",  # <p>
    "emphasis",  # <strong>, <b>, <em>, <i>
)
"""The kinds of element a line may sit in, in the order of their bits in `Markup.kinds`."""

_BIT: Mapping[str, int] = MappingProxyType({name: 1 << k for k, name in enumerate(KINDS)})
_TAG_KINDS: Mapping[str, int] = MappingProxyType(
    {
        "nav": _BIT["nav"],
        "header": _BIT["header"],
        "footer": _BIT["footer"],
        "aside": _BIT["aside"],
        "article": _BIT["article"],
        "main": _BIT["main"],
        "section": _BIT["section"],
        "figure": _BIT["figure"],
        "figcaption": _BIT["figcaption"],
        "li": _BIT["list"],
        "dt": _BIT["list"],
        "dd": _BIT["list"],
        **{f"h{level}": _BIT["heading"] for level in range(1, 7)},
        **{
            tag: _BIT["form"]
            for tag in (
                "form",
                "button",
                "label",
                "select",
                "option",
                "textarea",
                "fieldset",
                "input",
            )
        },
        "template": _BIT["hidden"],
        "noscript": _BIT["hidden"],
        "a": _BIT["link"],
        "td": _BIT["table"],
        "th": _BIT["table"],
        "blockquote": _BIT["quote"],
        "q": _BIT["quote"],
        "pre": _BIT["code"],
        "code": _BIT["code"],
        "time": _BIT["time"],
        "address": _BIT["address"],
        "p": _BIT["paragraph"],
        **{tag: _BIT["emphasis"] for tag in ("strong", "b", "em", "i")},
    }
)
_ROLE_KINDS: Mapping[str, int] = MappingProxyType(
    {
        "navigation": _BIT["nav"],
        "menu": _BIT["nav"],
        "menubar": _BIT["nav"],
        "banner": _BIT["header"],
        "contentinfo": _BIT["footer"],
        "complementary": _BIT["aside"],
        "article": _BIT["article"],
        "main": _BIT["main"],
        "heading": _BIT["heading"],
    }
)
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# The attributes that may add a kind to their element: found by one XPath query (each
# value with its name and element), not per element
_MARKED = "//@role|//@hidden|//@aria-hidden|//@style"
_HIDDEN = 1 << KINDS.index("hidden")

_TOKEN_PARTS = re.compile(r"[^\W\d_]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LOWER_TOKENS = re.compile(r"[a-z]{2,}")
_MAX_TOKENS = 16
"""An attribute gives at most this many tokens (a utility-class soup gives hundreds)."""
_MAX_INHERITED = 64
"""A line knows at most this many tokens of the elements around it, the nearest."""
_NAME_LEVELS = 3


@functools.lru_cache(maxsize=8192)  # (pages repeat their class names line after line)
def class_tokens(value: str) -> tuple[str, ...]:
    """The tokens of a class, id or itemprop value: its runs of letters, camel case split,
    lower-cased, of two letters or more, each once, in order, at most `_MAX_TOKENS`.

    ``"entry-content post_body"`` gives ``("entry", "content", "post", "body")``;
    ``"commentList js-share2"`` gives ``("comment", "list", "js", "share")``.
    """
    if value.islower() and value.isascii():
        # (most values: no capital, so no camel case, and each run of letters is a token
        # when it is two letters or more)
        return tuple(dict.fromkeys(_LOWER_TOKENS.findall(value)))[:_MAX_TOKENS]
    found: dict[str, None] = {}
    for run in _TOKEN_PARTS.findall(value):
        for part in _CAMEL.split(run) if not run.islower() else (run,):
            if len(part) >= 2:
                found[part.lower()] = None
                if len(found) == _MAX_TOKENS:
                    return tuple(found)
    return tuple(found)


class LineMarkup(NamedTuple):
    """The markup of one non-blank line of the rendering.

    `start` and `end` are the line's bounds in `Markup.text` (as `_textmap.split` gives
    them); `element` is the index (in `Markup`'s columns) of the nearest element holding
    all the line's text and `block` the nearest element around it that html-text starts a
    line at (the root when none), both -1 when the page did not align; `chars` is the
    number of characters of its pieces of text (spaces between pieces not counted) and
    `link_chars` those inside links.
    """

    start: int
    end: int
    element: int
    block: int
    chars: int
    link_chars: int

    @property
    def link_share(self) -> float:
        """The share of the line's text inside links (0 for a line without markup)."""
        return self.link_chars / self.chars if self.chars else 0.0


@attrs.frozen(repr=False)
class Markup:
    """A page's rendering and the markup of each of its lines.

    `text` is the rendering (``html_text.extract_text`` of the page), `lines` one
    `LineMarkup` per non-blank line of it, in order. The elements of the cleaned tree are
    numbered in document order (the root is 0) and described by columns: `tags`, `parents`
    (-1 for the root), `depths` (0 for the root), `lasts` (the index of the element's last
    descendant: ``e`` holds ``d`` when ``e <= d <= lasts[e]``), `kinds` (a bit mask over
    `KINDS` of the element and the elements around it), `chars` and `link_chars`
    (characters of text inside it, and in links). `aligned` is False when the rendering and
    the walk disagree, `reason` says why; such a page has no elements.
    """

    text: str
    lines: tuple[LineMarkup, ...]
    tags: tuple[str, ...] = attrs.field(default=())
    parents: tuple[int, ...] = attrs.field(default=())
    depths: tuple[int, ...] = attrs.field(default=())
    lasts: tuple[int, ...] = attrs.field(default=())
    kinds: tuple[int, ...] = attrs.field(default=())
    chars: tuple[int, ...] = attrs.field(default=())
    link_chars: tuple[int, ...] = attrs.field(default=())
    aligned: bool = True
    reason: str = ""
    _nodes: tuple[Any, ...] = attrs.field(default=(), alias="nodes", eq=False)
    # True when the reader wrote `text`: whitespace in it is single spaces and line breaks,
    # and `lines` are its non-blank lines (`split` reads them from `lines`)
    _written: bool = attrs.field(default=False, alias="written", eq=False)
    _tokens: dict[int, dict[str, int]] = attrs.field(factory=dict, init=False, eq=False)

    def __repr__(self) -> str:
        state = "aligned" if self.aligned else f"not aligned: {self.reason}"
        return (
            f"Markup(text={len(self.text)} chars, lines={len(self.lines)}, "
            f"elements={len(self.tags)}, {state})"
        )

    def split(self) -> tuple[tuple[tuple[int, int], ...], list[str]]:
        """The bounds of the non-blank lines of `text`, and each line normalized: what
        ``_textmap.split(text)`` gives, read from `lines` on a page the reader wrote (its
        lines need no normalizing)."""
        if not self._written:
            return _textmap.split(self.text)
        text = self.text
        spans = tuple([(line.start, line.end) for line in self.lines])
        return spans, [text[a:b] for a, b in spans]

    def kinds_of(self, element: int) -> frozenset[str]:
        """The names (`KINDS`) of the kinds of `element` and the elements around it."""
        mask = self.kinds[element] if element >= 0 else 0
        return frozenset(name for name, bit in _BIT.items() if mask & bit)

    def within(self, element: int, kind: str) -> bool:
        """True if `element` or an element around it is of `kind` (one of `KINDS`)."""
        return element >= 0 and bool(self.kinds[element] & _BIT[kind])

    def path(self, element: int) -> tuple[str, ...]:
        """The tags from the root down to `element`."""
        tags = []
        while element >= 0:
            tags.append(self.tags[element])
            element = self.parents[element]
        return tuple(reversed(tags))

    def ancestors(self, element: int) -> Iterable[int]:
        """`element` and the elements around it, nearest first."""
        while element >= 0:
            yield element
            element = self.parents[element]

    def density(self, element: int) -> float:
        """Characters of text inside `element` per element (itself and those inside it)."""
        return self.chars[element] / (1 + self.lasts[element] - element)

    def link_density(self, element: int) -> float:
        """The share of the text inside `element` that sits in links."""
        chars = self.chars[element]
        return self.link_chars[element] / chars if chars else 0.0

    def own_tokens(self, element: int) -> tuple[str, ...]:
        """The class, id and itemprop tokens of `element` alone (`class_tokens`)."""
        found: dict[str, None] = {}
        for value in self.token_values(element):
            found.update(dict.fromkeys(class_tokens(value)))
        return tuple(found)

    def token_values(self, element: int) -> tuple[str, ...]:
        """The values of the class, id and itemprop attributes of `element` that are not
        empty, in this order: what `own_tokens` splits into tokens."""
        if element < 0 or not self._nodes:
            return ()
        get = self._nodes[element].get
        return tuple(filter(None, (get("class"), get("id"), get("itemprop"))))

    def tokens(self, element: int) -> Mapping[str, int]:
        """The class, id and itemprop tokens of `element` and the elements around it below
        ``<body>``, each with its distance: 0 for the element's own, 1 for its parent's...
        (the nearest, when several have it; at most `_MAX_INHERITED`, the nearest).

        Tokens of ``<html>`` and ``<body>`` are the page's, not the line's: left out.
        """
        if element < 0 or not self._nodes:
            return {}
        depths = self._token_depths(element)
        here = self.depths[element]
        return {token: here - depth for token, depth in depths.items()}

    def name(self, element: int) -> str:
        """A short name of `element` for a reader: its tag and up to two elements around
        it, from the nearest with an id, each as ``tag#id`` or ``tag.class``
        (``"div#comments>ol>li"``), or ``""`` for no element."""
        parts: list[str] = []
        for e in self.ancestors(element):
            tag = self.tags[e]
            node = self._nodes[e] if self._nodes else None
            ident = (node.get("id") or "").strip() if node is not None else ""
            if ident:
                parts.append(f"{tag}#{ident.split()[0][:40]}")
                break
            first = ((node.get("class") or "").split() or [""])[0] if node is not None else ""
            parts.append(f"{tag}.{first[:40]}" if first else tag)
            if len(parts) == _NAME_LEVELS or tag == "body":
                break
        return ">".join(reversed(parts))

    def _token_depths(self, element: int) -> dict[str, int]:
        """Each token of `element` and the elements around it below ``<body>``, with the
        depth of the nearest element that has it (memoized: the elements of a page's lines
        share their ancestors)."""
        memo = self._tokens
        chain = []
        e = element
        while e >= 0 and e not in memo:
            chain.append(e)
            e = self.parents[e]
        inherited: dict[str, int] = memo[e] if e >= 0 else {}
        for e in reversed(chain):
            own = () if self.tags[e] in ("html", "body") else self.own_tokens(e)
            if own:
                inherited = {**inherited, **dict.fromkeys(own, self.depths[e])}
                if len(inherited) > _MAX_INHERITED:
                    # the nearest only: a chain of elements each with its own class stays
                    # linear in memory
                    nearest = sorted(inherited.items(), key=lambda kv: kv[1])
                    inherited = dict(nearest[-_MAX_INHERITED:])
            memo[e] = inherited
        return memo[element]


def parse_page(html: str) -> lxml.html.HtmlElement:
    """The element tree of a page's HTML as html-text parses it (``html_text.parse_html``):
    parse once, then read it with `read_markup` (which leaves it unchanged) and anything
    else that reads the tree. Raises `DataFormatError` for a str holding a lone surrogate."""
    with _extras.needs("html", "reading a page's markup"):
        import html_text
    if not isinstance(html, str):
        raise TypeError(f"parse_page() takes a str of HTML, not {type(html).__name__}")
    try:
        return html_text.parse_html(html)
    except UnicodeEncodeError as exc:
        raise DataFormatError(
            f"the HTML holds a lone surrogate at position {exc.start}, which is not text; "
            "decode the page's bytes with errors='strict' or pass the bytes"
        ) from exc


def read_markup(
    page: str | lxml.html.HtmlElement, *, again: Callable[[], Any] | None = None
) -> Markup:
    """The rendering of `page` and the markup of each of its lines (see the module).

    `page` is a str of HTML, or a tree from `parse_page` (or ``html_text.parse_html``),
    which is left unchanged (the reader cleans a copy, as html-text does). ``Markup.text``
    equals ``html_text.extract_text(page)``. With `again` (a function that parses the page
    anew), a tree is read without a copy: it is spent (cleaned in place, as html-text
    cleans its copy), and `again` gives a fresh one if html-text's cleaner gives up on it.
    """
    with _extras.needs("html", "reading a page's markup"):
        import html_text
        import lxml.etree
        import lxml.html
    if isinstance(page, str):

        def fresh() -> Any:
            return parse_page(page)
    elif isinstance(page, lxml.html.HtmlElement) and again is not None:
        unspent = [page]

        def fresh() -> Any:
            return unspent.pop() if unspent else again()
    elif isinstance(page, lxml.html.HtmlElement):

        def fresh() -> Any:
            return copy.deepcopy(page)
    else:
        raise TypeError(
            f"read_markup() takes a str of HTML or a parsed tree, not {type(page).__name__}"
        )
    # html-text cleans a copy of the tree (scripts, styles, comments, inline styles go);
    # the reader cleans its own tree in place, the same way (`_clean`), once it has read
    # the attributes the cleaner removes (a style that hides an element)
    tree = fresh()
    marked = _marked(tree)
    try:
        _clean(tree, html_text.cleaner)
    except AssertionError:
        # the cleaner gave up: html-text renders the tree uncleaned (in place, the
        # cleaner may have changed part of it: start again)
        tree = fresh()
        marked = _marked(tree)
    return _rendered(_walk(tree, lxml.etree.iterwalk, marked, _breaks(html_text)))


_CLEANER_OPTIONS: Mapping[str, object] = MappingProxyType(
    {
        "scripts": True,
        "javascript": False,
        "comments": True,
        "style": True,
        "inline_style": True,
        "links": True,
        "meta": True,
        "page_structure": False,
        "processing_instructions": True,
        "embedded": True,
        "frames": True,
        "forms": False,
        "annoying_tags": False,
        "remove_unknown_tags": False,
        "safe_attrs_only": False,
        "add_nofollow": False,
        "kill_tags": (),
        "remove_tags": (),
        "allow_tags": (),
        "host_whitelist": (),
        "whitelist_tags": frozenset({"iframe", "embed"}),
    }
)
"""The options of html-text's cleaner that `_clean` does the work of (html-text 0.7's)."""
_KILLED = ("script", "style", "link", "meta", "applet")
"""The elements html-text's cleaner drops with what they hold (their tails stay), besides
comments, processing instructions and frames (``lxml.html.defs.frame_tags``)."""
_STRIPPED = ("iframe", "embed", "layer", "object", "param")
"""The elements it drops keeping what they hold."""


def _clean(tree: Any, cleaner: Any) -> None:
    """Clean `tree` in place as html-text's `cleaner` (an ``lxml_html_clean.Cleaner``)
    cleans it: XHTML tags renamed, ``<image>`` read as ``<img>``, inline styles removed,
    `_KILLED` elements, frames, comments and processing instructions dropped with what they
    hold, `_STRIPPED` elements dropped keeping what they hold.

    The cleaner does it in a loop over every element in Python; here lxml's own calls do
    it, each in one pass in C, and the tree is the same (tested on the development pages
    and on generated HTML). The cleaner itself runs where the two could differ: a cleaner
    with other options than `_CLEANER_OPTIONS`, a tree whose root it would drop, and a tree
    with a ``<param>`` (which it drops with what it holds outside ``<applet>`` and
    ``<object>``, and only its tag inside)."""
    import lxml.etree
    import lxml.html
    from lxml.html import defs

    killed = (*_KILLED, *sorted(defs.frame_tags))
    if not _cleans_as_known(cleaner) or tree.tag in killed or tree.tag in _STRIPPED:
        cleaner(tree)
        return
    if next(tree.iter("param"), None) is not None:
        cleaner(tree)
        return
    lxml.html.xhtml_to_html(tree)
    for element in tree.iter("image"):
        element.tag = "img"
    lxml.etree.strip_attributes(tree, "style")
    lxml.etree.strip_elements(
        tree, *killed, lxml.etree.Comment, lxml.etree.ProcessingInstruction, with_tail=False
    )
    lxml.etree.strip_tags(tree, *_STRIPPED)


def _cleans_as_known(cleaner: Any) -> bool:
    """True if `cleaner` has the options `_clean` does the work of."""
    return type(cleaner).__module__.startswith("lxml_html_clean") and all(
        getattr(cleaner, name, None) == value for name, value in _CLEANER_OPTIONS.items()
    )


class _Walk(NamedTuple):
    """What one walk over the cleaned tree finds: the rendering, its lines, and the columns
    of the elements."""

    text: str
    lines: list[LineMarkup]
    tags: list[str]
    parents: list[int]
    depths: list[int]
    kinds: list[int]
    lasts: list[int]
    chars: list[int]
    links: list[int]
    nodes: list[Any]


_LINK = _BIT["link"]
_make_line = LineMarkup._make
_SPACES = re.compile(r"\s+")
_NO_SPACE_BEFORE = frozenset(',:;.!?")')
"""html-text writes no space between two pieces of text when the second starts with one
of these (and the first ends with no whitespace)."""
_TEXT, _LINE_BREAK, _BLANK_LINE = 0, 1, 2
"""What comes before the next piece of text: a piece (a space or nothing between them), a
line break, a blank line. A tag that breaks the line raises the first to the second, one
that starts a paragraph to the third (a blank line is the most html-text puts)."""


@functools.cache
def _breaks(html_text: Any) -> Mapping[str, int]:
    """The tags html-text breaks the line at (before and after the element), each with the
    break: `_LINE_BREAK`, or `_BLANK_LINE` for those it sets apart by a blank line."""
    found = dict.fromkeys(html_text.NEWLINE_TAGS, _LINE_BREAK)
    found.update(dict.fromkeys(html_text.DOUBLE_NEWLINE_TAGS, _BLANK_LINE))
    return MappingProxyType(found)


def _walk(root: Any, iterwalk: Any, marked: dict[Any, int], breaks: Mapping[str, int]) -> _Walk:
    """One walk over the cleaned tree `root`: its rendering, its lines, and the columns of
    its elements in document order. `marked` are the kinds that elements' attributes add
    (`_marked`).

    The rendering is html-text's (``html_text.etree_to_text`` with its default options): the
    pieces of text in document order (each element's text at its start, its tail at its end,
    the root's tail left out), each trimmed with its runs of whitespace collapsed to one
    space; between two pieces a blank line if an element that starts a paragraph (`breaks`)
    starts or ends between them, else a line break if one that breaks the line does, else a
    space, or nothing when the second piece starts with a mark of `_NO_SPACE_BEFORE` or the
    first piece's text (as written, before trimming) ends with ``(`` rather than whitespace.

    A line's element is the deepest element open from its first piece to its last: the one
    at the lowest place the stack of open elements reached in between. An element's
    `chars` and `links` count the characters of its pieces and those inside it, and those
    in links; its block is the nearest element (itself or around it) html-text starts a line
    at, or the root."""
    chunks: list[str] = []
    lines: list[LineMarkup] = []
    tags: list[str] = []
    parents: list[int] = []
    depths: list[int] = []
    kinds: list[int] = []
    lasts: list[int] = []
    chars: list[int] = []
    links: list[int] = []
    blocks: list[int] = []
    nodes: list[Any] = []
    stack: list[int] = [-1]  # the open elements, below the walk's root
    tag_kinds = _TAG_KINDS
    breaking = breaks.get
    collapse = _SPACES.sub
    glued = _NO_SPACE_BEFORE
    make_line = _make_line
    before = _BLANK_LINE  # (nothing is written before the first piece)
    spaced = opened = False  # the text before ends with whitespace, with "("
    position = 0
    # the line being written: its start, its element (and that element's place in the
    # stack), characters, characters in links; `floor` is the lowest the stack has been
    # since the line's last piece
    start = element = level = line_chars = line_links = 0
    floor = 1
    for event, node in iterwalk(root, events=("start", "end")):
        if event == "start":
            index = len(tags)
            parent = stack[-1]
            tag = node.tag
            if not isinstance(tag, str):  # html-text renders element trees only
                raise DataFormatError("the page's tree holds a node that is not an element")
            own = tag_kinds.get(tag, 0)
            if marked and node in marked:
                own |= marked[node]
            brk = breaking(tag, 0)
            tags.append(tag)
            parents.append(parent)
            depths.append(len(stack) - 1)
            kinds.append(own | kinds[parent] if parent >= 0 else own)
            lasts.append(index)
            chars.append(0)
            links.append(0)
            blocks.append(index if brk or parent < 0 else blocks[parent])
            nodes.append(node)
            stack.append(index)
            text = node.text
        else:
            index = stack.pop()
            if len(stack) < floor:
                floor = len(stack)
            brk = breaking(tags[index], 0)
            lasts[index] = len(tags) - 1
            parent = stack[-1]
            if parent >= 0:
                chars[parent] += chars[index]
                links[parent] += links[index]
                text = node.tail
            else:
                text = None  # the root: its tail is not rendered
        if brk > before:
            before = brk
        if text:
            piece = text.strip()
            if piece:
                # (a text without whitespace but single spaces needs no collapsing; any
                # other whitespace character is not printable)
                if not piece.isprintable() or "  " in piece:
                    piece = collapse(" ", piece)
                owner = stack[-1]
                if before:
                    if chunks:
                        lines.append(
                            make_line(
                                (start, position, element, blocks[element], line_chars, line_links)
                            )
                        )
                        gap = "\n" if before == _LINE_BREAK else "\n\n"
                        chunks.append(gap)
                        position += len(gap)
                    start = position
                    element = owner
                    level = len(stack) - 1
                    line_chars = line_links = 0
                else:
                    if not opened and (spaced or piece[0] not in glued):
                        chunks.append(" ")
                        position += 1
                    if floor <= level:
                        level = floor - 1
                        element = stack[level]
                floor = len(stack)
                size = len(piece)
                chunks.append(piece)
                position += size
                chars[owner] += size
                line_chars += size
                if kinds[owner] & _LINK:
                    links[owner] += size
                    line_links += size
                last = text[-1]
                spaced = last.isspace()
                opened = last == "("
                before = _TEXT
    if chunks:
        lines.append(make_line((start, position, element, blocks[element], line_chars, line_links)))
    return _Walk("".join(chunks), lines, tags, parents, depths, kinds, lasts, chars, links, nodes)


def _marked(root: Any) -> dict[Any, int]:
    """The kinds that the attributes of elements add (roles, hidden), by element."""
    found: dict[Any, int] = {}
    for value in root.xpath(_MARKED):
        name = value.attrname
        if name == "role":
            bits = 0
            for word in value.lower().split():
                bits |= _ROLE_KINDS.get(word, 0)
        elif name == "hidden":  # (present: hidden, whatever its value)
            bits = _HIDDEN
        elif name == "aria-hidden":
            bits = _HIDDEN if value.strip().lower() == "true" else 0
        else:  # a style
            bits = _HIDDEN if _HIDING_STYLE.search(value) else 0
        if bits:
            node = value.getparent()
            found[node] = found.get(node, 0) | bits
    return found


def _rendered(walk: _Walk) -> Markup:
    """The `Markup` of a walk."""
    return Markup(
        walk.text,
        tuple(walk.lines),
        tuple(walk.tags),
        tuple(walk.parents),
        tuple(walk.depths),
        tuple(walk.lasts),
        tuple(walk.kinds),
        tuple(walk.chars),
        tuple(walk.links),
        nodes=tuple(walk.nodes),
        written=True,
    )
