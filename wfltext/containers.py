"""HTML and DOCX to text: the report inside a web page or a Word file.

The text these functions return is the document's *original*: records point into it. Nothing of
a page's scripts, styles or comments reaches it, and the page's chrome (menus, breadcrumbs,
share bars, related-article lists, footers) is cut away so that only the report is kept.

HTML: the page is split into text blocks at block elements. Long, link-poor blocks outside
chrome are the report's paragraphs; the report is the deepest element that holds nearly all of
their characters, plus the heading just above it (the title). DOCX: the paragraphs of
``word/document.xml``, one a line; zip bombs, DTDs and external entities are refused with
:class:`~wfltext.errors.FormatError` before anything is parsed.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from . import lexicons
from .decoding import Source, decode
from .errors import DecodeError, FormatError, InputError, WfltextError

# -- HTML ----------------------------------------------------------------------------------------

#: elements whose content is never text of the page
_JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "math", "canvas", "object", "embed",
    "select", "button", "input", "textarea", "video", "audio", "map", "dialog", "head",
)
#: elements that are chrome whatever their class (<header> too, but a title may stand in it)
_CHROME_TAGS = frozenset({"nav", "aside", "footer"})
#: class/id words that mark a page header: a title may stand inside one, so a heading there can
#: still be the report's title
_HEADER_WORDS = frozenset({"header", "head", "top"})
_BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "body", "br", "center", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "aside", "caption", "title",
})
_HEADINGS = frozenset({"h1", "h2", "h3"})
#: a block is a paragraph of the report when it has this many Chinese characters outside links
MIN_PARAGRAPH_HAN = 25
#: the report's element holds at least this share of the paragraphs' characters
CONTENT_SHARE = 0.9
#: blocks with more of their characters inside links than this are link lists
MAX_LINK_SHARE = 0.5
#: deepest nesting the page walk tells apart: deeper elements count as part of their ancestor at
#: this depth. Each block keeps its ancestor path, so a malformed page of 100 000 unclosed <div>
#: would otherwise need memory quadratic in its depth (tens of GB); real pages nest a few dozen
MAX_DEPTH = 256

_HAN = regex.compile(r"\p{Han}")
_SPACES = regex.compile(r"[ \t\r\n\f]+")
# a space the HTML source put between two CJK characters (a wrapped source line) is not text
_CJK_GAP = regex.compile(r"(?<=[\p{Han}\u3000-\u303f\uff00-\uffef]) (?=[\p{Han}\u3000-\u303f\uff00-\uffef])")
_WORD_SPLIT = regex.compile(r"[-_\s.:]+|(?<=[a-z])(?=[A-Z])")
_META_CHARSET = regex.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", regex.I)
_CHARSET_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
    "big5": "big5hkscs", "x-big5": "big5hkscs", "utf8": "utf-8", "unicode": "utf-8",
}


@lru_cache(maxsize=1)
def _chrome_words() -> tuple[frozenset[str], tuple[str, ...]]:
    exact, prefixes = set(), []
    for entry in lexicons.entries("html_boilerplate.txt"):
        if entry.endswith("*"):
            prefixes.append(entry[:-1].lower())
        else:
            exact.add(entry.lower())
    return frozenset(exact), tuple(prefixes)


def chrome_word(attr: str) -> str | None:
    """The chrome word a class or id value contains, or None.

    >>> chrome_word("article-footer clearfix")
    'footer'
    >>> chrome_word("navBar") is not None, chrome_word("TRS_Editor")
    (True, None)
    """
    exact, prefixes = _chrome_words()
    for word in _WORD_SPLIT.split(attr):
        w = word.lower()
        if not w:
            continue
        if w in exact or w.startswith(prefixes):
            return w
    return None


def html_charset(data: bytes) -> str | None:
    """The encoding a page declares in its first bytes (a ``<meta>`` charset), as a codec name.

    >>> html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    'gb18030'
    """
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return _CHARSET_ALIASES.get(name, name)


def decode_html(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Bytes of a page to text: the byte-order mark, else the declared charset, else the guess
    of :func:`wfltext.reader.decode`. Returns ``(text, encoding)``."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = html_charset(data)
        if declared:
            try:
                return data.decode(declared), declared
            except (LookupError, UnicodeDecodeError):
                pass  # pages often declare a charset they are not in: fall through to guessing
    src = decode(data, source)
    return src.text, src.encoding


@dataclass(slots=True)
class _Block:
    parts: list[str] = field(default_factory=list)
    han: int = 0
    link_han: int = 0
    #: ids of the element ancestors, outermost first
    path: tuple[int, ...] = ()
    #: (element id, word) of each chrome-marked ancestor
    marks: tuple[tuple[int, str], ...] = ()
    #: the h1-h3 the block stands in, if any
    tag: str = ""
    pre: bool = False

    def text(self) -> str:
        raw = "".join(self.parts)
        if self.pre:
            return raw.strip("\r\n")
        return _CJK_GAP.sub("", raw).strip(" \t\r\n\f\xa0")

    @property
    def link_dense(self) -> bool:
        return self.han > 0 and self.link_han / self.han > MAX_LINK_SHARE


def _element_mark(node, tag: str) -> str | None:
    if tag in _CHROME_TAGS or tag == "header":
        return tag
    attrs = node.attributes
    for key in ("class", "id"):
        value = attrs.get(key)
        if value:
            word = chrome_word(value)
            if word:
                return word
    return None


def _blocks(root) -> list[_Block]:
    """Text blocks of the DOM under ``root`` in document order (an explicit stack: pages nest
    deeper than Python's recursion limit)."""
    blocks: list[_Block] = []
    current: _Block | None = None

    def flush() -> None:
        nonlocal current
        if current is not None and current.parts:
            blocks.append(current)
        current = None

    # frame: node, ancestor path, chrome marks, inside <a>, inside <pre>, heading tag, closing
    stack: list = [(root, (), (), False, False, "", False)]
    while stack:
        node, path, marks, in_link, pre, heading, closing = stack.pop()
        if closing:
            flush()
            continue
        if node.is_text_node:
            raw = node.text_content or ""
            text = raw if pre else _SPACES.sub(" ", raw)
            if not text or (current is None and not pre and not text.strip()):
                continue
            if current is None:
                current = _Block(path=path, marks=marks, tag=heading, pre=pre)
            current.parts.append(text)
            n = len(_HAN.findall(text))
            current.han += n
            if in_link:
                current.link_han += n
            continue
        if not node.is_element_node:
            continue  # comments, doctype
        tag = (node.tag or "").lower()
        mark = _element_mark(node, tag)
        if mark is not None and len(marks) < MAX_DEPTH:
            marks = (*marks, (node.mem_id, mark))
        if tag in _HEADINGS:
            heading = tag
        if tag in _BLOCK_TAGS:
            flush()
            stack.append((node, path, marks, in_link, pre, heading, True))
        child_path = path if len(path) >= MAX_DEPTH else (*path, node.mem_id)
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        for c in reversed(children):
            stack.append((c, child_path, marks, in_link or tag == "a", pre or tag == "pre", heading, False))
    flush()
    return blocks


def html_to_text(html: str) -> str:
    """The report in a web page, blocks one a line.

    >>> page = ('<html><head><title>t</title><script>var x = "脚本";</script></head><body>'
    ...         '<div class="nav"><a href="/">首页</a> <a href="/a">工作动态</a></div>'
    ...         '<h1>县妇联2019年工作总结</h1><div class="content">'
    ...         '<p>今年以来，县妇联在县委的坚强领导下，团结带领全县各族妇女群众，扎实推进各项工作。</p>'
    ...         '<!-- 注释 --><p>一、强化思想引领</p>'
    ...         '<p>组织开展巾帼宣讲活动五十余场，覆盖妇女群众三千余人次，反响良好。</p></div>'
    ...         '<div class="footer">版权所有：某县人民政府</div></body></html>')
    >>> print(html_to_text(page))
    县妇联2019年工作总结
    今年以来，县妇联在县委的坚强领导下，团结带领全县各族妇女群众，扎实推进各项工作。
    一、强化思想引领
    组织开展巾帼宣讲活动五十余场，覆盖妇女群众三千余人次，反响良好。
    """
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError as err:
        raise WfltextError("reading web pages needs selectolax: pip install 'wfltext[batch]'") from err

    tree = LexborHTMLParser(html)
    for node in tree.css(", ".join(_JUNK_TAGS)):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    blocks = _blocks(root)
    candidates = [b for b in blocks if b.han >= MIN_PARAGRAPH_HAN and not b.link_dense]
    # a chrome word on an element that wraps most of the report (a whole page inside
    # <div class="main-top">) is a template's naming accident, not chrome
    total = sum(b.han for b in candidates) or 1
    held_by_mark: dict[int, int] = {}
    for b in candidates:
        for node_id, _ in b.marks:
            held_by_mark[node_id] = held_by_mark.get(node_id, 0) + b.han
    wrappers = {i for i, h in held_by_mark.items() if h >= 0.5 * total}

    def chrome(b: _Block, allow_header: bool = False) -> bool:
        return any(i not in wrappers and not (allow_header and w in _HEADER_WORDS) for i, w in b.marks)

    paragraphs = [b for b in candidates if not chrome(b)]
    if not paragraphs:
        # a short page: keep whatever is not chrome and not a link list
        return "\n".join(t for t in (b.text() for b in blocks if not chrome(b) and not b.link_dense) if t)
    total = sum(b.han for b in paragraphs)
    held: dict[int, int] = {}
    depth: dict[int, int] = {}
    for b in paragraphs:
        for d, node_id in enumerate(b.path):
            held[node_id] = held.get(node_id, 0) + b.han
            depth[node_id] = d
    content = max((i for i, h in held.items() if h >= CONTENT_SHARE * total), key=lambda i: depth[i])
    kept = [i for i, b in enumerate(blocks) if content in b.path and not b.link_dense and not chrome(b)]
    lines: list[str] = []
    if kept:
        for b in reversed(blocks[: kept[0]]):
            if b.tag and content not in b.path and not chrome(b, allow_header=True) and not b.link_dense:
                title = b.text()
                if 2 <= len(title) <= 100:
                    lines.append(title)
                break
    lines.extend(t for t in (blocks[i].text() for i in kept) if t)
    return "\n".join(lines)


def html_source(data: bytes, source: str = "<bytes>", *, encoding: str | None = None) -> Source:
    """A web page's bytes to the report's text (see :func:`html_to_text`); ``encoding`` skips
    the declared charset and the guessing."""
    if not data.strip():
        raise InputError("is empty (no text at all)", source=source)
    if encoding:
        try:
            html = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as err:
            raise DecodeError(f"cannot be decoded as {encoding}: {err}", source=source) from err
    else:
        html, encoding = decode_html(data, source)
    text = html_to_text(html)
    if not text.strip():
        raise InputError("is a web page with no report text in it", source=source)
    return Source(text, encoding, 1.0, None if source.startswith("<") else source, "html")


# -- DOCX ----------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: most entries a .docx may have (a real one has a few dozen)
DOCX_MAX_ENTRIES = 5000
#: largest uncompressed ``word/document.xml`` (a 300-page report is a few MB)
DOCX_MAX_XML = 64 * 1024 * 1024
#: largest compression ratio of one entry: XML compresses 5-20×, bombs 1000× and more
DOCX_MAX_RATIO = 200


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, source: str) -> bytes:
    """An entry's bytes, reading no more than ``limit``: the sizes in a zip's headers may lie."""
    if info.file_size > limit:
        raise FormatError(
            f"its {info.filename} is {info.file_size} bytes uncompressed, over the limit of {limit}: refused as a possible zip bomb",
            source=source,
        )
    if info.compress_size and info.file_size > 1024 * 1024 and info.file_size / info.compress_size > DOCX_MAX_RATIO:
        raise FormatError(f"its {info.filename} expands {info.file_size // info.compress_size}× when unpacked: refused as a zip bomb", source=source)
    chunks, size = [], 0
    with zf.open(info) as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise FormatError(f"its {info.filename} unpacks to more than {limit} bytes: refused as a zip bomb", source=source)
            chunks.append(chunk)
    return b"".join(chunks)


def docx_paragraphs(xml: bytes, source: str = "<bytes>") -> list[str]:
    """The paragraphs of a ``word/document.xml``, in order. DTDs (and with them entity
    expansion and external entities) are refused."""
    from xml.etree.ElementTree import ParseError

    try:
        import defusedxml.ElementTree as DET
        from defusedxml import DefusedXmlException
    except ImportError as err:
        raise WfltextError("reading .docx files needs defusedxml: pip install 'wfltext[batch]'") from err

    try:
        root = DET.fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        raise FormatError(f"its document.xml declares a DTD or entities ({type(err).__name__}): refused as unsafe", source=source) from err
    except ParseError as err:
        raise FormatError(f"its document.xml is not well-formed XML ({err})", source=source) from err
    paragraphs: list[str] = []
    parts: list[str] = []
    in_paragraph = 0
    stack: list = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag
        if closing:
            in_paragraph -= 1
            if in_paragraph == 0:
                paragraphs.append("".join(parts))
                parts = []
            else:
                # a paragraph inside a paragraph (a text box): its own line
                parts.append("\n")
            continue
        if tag == f"{_W}p":
            in_paragraph += 1
            stack.append((el, True))
        elif tag == f"{_W}t":
            parts.append(el.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag in (f"{_W}del", f"{_W}delText", f"{_W}instrText", _MC_FALLBACK):
            continue  # deleted text, field codes, and the duplicate fallback of a text box
        for child in reversed(list(el)):
            stack.append((child, False))
    return paragraphs


def docx_source(data: bytes, source: str = "<bytes>", *, max_xml: int = DOCX_MAX_XML) -> Source:
    """A .docx file's bytes to its text, paragraphs one a line."""
    if not data.strip():
        raise InputError("is empty (no text at all)", source=source)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as err:
        raise FormatError(f"is not a valid .docx (not a zip archive: {err})", source=source) from err
    with zf:
        infos = zf.infolist()
        if len(infos) > DOCX_MAX_ENTRIES:
            raise FormatError(f"has {len(infos)} entries, over the limit of {DOCX_MAX_ENTRIES}: refused", source=source)
        try:
            info = zf.getinfo("word/document.xml")
        except KeyError as err:
            raise FormatError("is a zip archive without word/document.xml: not a .docx", source=source) from err
        try:
            xml = _read_member(zf, info, max_xml, source)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError) as err:
            raise FormatError(f"has a damaged word/document.xml ({err})", source=source) from err
    text = "\n".join(docx_paragraphs(xml, source))
    if not text.strip():
        raise InputError("is a .docx with no text in it", source=source)
    return Source(text, "utf-8", 1.0, None if source.startswith("<") else source, "docx")


__all__ = [
    "html_to_text",
    "html_source",
    "decode_html",
    "html_charset",
    "chrome_word",
    "docx_source",
    "docx_paragraphs",
]
