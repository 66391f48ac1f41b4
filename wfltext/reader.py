"""Files and bytes to a :class:`Source`, the document's *original*: :func:`read` is the door.

A file's container is chosen by its suffix (``.html``/``.htm``/``.xhtml``/``.shtml`` web pages,
``.docx`` Word files, anything else text) or, for bytes, by their content; web pages and .docx
files are read by :mod:`wfltext.containers`, text by :func:`wfltext.decoding.decode`, which
decodes the encodings Chinese reports come in and keeps line endings exactly as they are (its
docstring has the order of the guesses). Undecodable input raises
:class:`~wfltext.errors.DecodeError` naming the file and the reason; it is never returned as
mojibake.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import containers
from .decoding import MAX_BYTES, MAX_LINE_CHARS, Source, check_lines, decode, read_bytes
from .errors import DecodeError, InputError, SizeLimitError

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
DOCX_SUFFIXES = (".docx",)
TEXT_SUFFIXES = (".txt", ".text")
#: what a folder is searched for when no pattern is given
DEFAULT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + DOCX_SUFFIXES


def container_of(path: str | os.PathLike) -> str:
    """``"html"``, ``"docx"`` or ``"text"``, by the file's suffix.

    >>> container_of("a/b.HTM"), container_of("c.docx"), container_of("d.csv")
    ('html', 'docx', 'text')
    """
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    return "text"


_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p>", b"<p ", b"<table", b"<!--")


def sniff_container(data: bytes) -> str:
    """The container bytes are in, by their content: ``"docx"`` for a zip archive holding
    ``word/document.xml``, ``"html"`` for a web page (markup at the start, or an ``<html>`` or
    ``<body>`` tag near it), else ``"text"``.

    >>> sniff_container(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    'html'
    >>> sniff_container("今年以来，县妇联<html>".encode("gb18030") + b" " * 5000)
    'text'
    >>> sniff_container(b"PK\x03\x04 ... word/document.xml ..."), sniff_container("一份报告".encode())
    ('docx', 'text')
    """
    if data[:4] == b"PK\x03\x04":
        return "docx" if b"word/document.xml" in data else "text"
    head = data[:4096]
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            head = head[len(bom) :]
    lead = head.lstrip(b" \t\r\n").lower()
    if lead.startswith(_HTML_START):
        return "html"
    if lead.startswith(b"<") and (b"<html" in head.lower() or b"<body" in head.lower()):
        return "html"
    return "text"


def source_from_bytes(
    data: bytes,
    name: str,
    container: str | None = "text",
    *,
    encoding: str | None = None,
    max_line_chars: int = MAX_LINE_CHARS,
    repair_mojibake: bool = False,
) -> Source:
    """Decode a file's bytes as its container says (see :func:`container_of`); ``None`` looks at
    the bytes (:func:`sniff_container`). Whatever the container given, a zip archive holding
    ``word/document.xml`` is read as a .docx, and a file whose name has no text suffix (``.txt``)
    is read as a web page when it starts with markup. ``encoding`` skips the guessing (text and
    web pages); ``repair_mojibake`` reads a text file that is UTF-8 once decoded as GBK (or as
    Latin-1) and saved again as the text it was, instead of refusing it
    (:func:`wfltext.reader.decode`)."""
    sniffed = sniff_container(data)
    if container is None:
        container = sniffed
    elif container == "text" and (
        sniffed == "docx" or (sniffed == "html" and Path(name).suffix.lower() not in TEXT_SUFFIXES)
    ):
        container = sniffed
    if container == "docx":
        src = containers.docx_source(data, name)
    elif container == "html":
        src = containers.html_source(data, name, encoding=encoding)
    else:
        if not data.strip():
            raise InputError("is empty (no text at all)", source=name)
        if encoding:
            try:
                src = Source(data.decode(encoding), encoding, 1.0, None)
            except (UnicodeDecodeError, LookupError) as err:
                raise DecodeError(f"cannot be decoded as {encoding}: {err}", source=name) from err
        else:
            src = decode(data, name, repair_mojibake=repair_mojibake)
        if not src.text.strip():
            raise InputError("holds only white space", source=name)
    check_lines(src.text, name, max_line_chars)
    path = None if name.startswith("<") else name
    return Source(src.text, src.encoding, src.confidence, path, container)


def read_source(
    path: str | os.PathLike,
    max_bytes: int = MAX_BYTES,
    *,
    encoding: str | None = None,
    max_line_chars: int = MAX_LINE_CHARS,
    repair_mojibake: bool = False,
) -> Source:
    """A file's original text: decoded text, or the report inside a web page or a .docx."""
    return source_from_bytes(
        read_bytes(path, max_bytes),
        os.fspath(path),
        container_of(path),
        encoding=encoding,
        max_line_chars=max_line_chars,
        repair_mojibake=repair_mojibake,
    )



def read(
    path_or_bytes: str | os.PathLike | bytes,
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_line_chars: int = MAX_LINE_CHARS,
    repair_mojibake: bool = False,
) -> Source:
    """Read a report file (or its bytes) into its original text: a text file in any encoding,
    the report inside a web page, or the paragraphs of a .docx — the same reader as
    :func:`wfltext.analyze_file` and every command of the CLI.

    A path's container is chosen by its suffix (``.html``/``.htm``/``.xhtml``/``.shtml``,
    ``.docx``, anything else text); bytes are looked at (:func:`sniff_container`):
    a zip archive holding ``word/document.xml`` is a .docx, markup at the start a web page.
    ``Source.format`` says which. ``encoding`` skips the guessing; ``repair_mojibake`` reads a
    text that is UTF-8 once decoded as GBK (or Latin-1) and saved again as the text it was,
    instead of refusing it (see :func:`decode`).

    >>> src = read("今年以来\\r\\n".encode("gb18030"))
    >>> src.encoding, src.text, src.format
    ('gb18030', '今年以来\\r\\n', 'text')
    >>> read("<html><body><p>县妇联</p></body></html>".encode()).text
    '县妇联'
    """
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        data, source, container = bytes(path_or_bytes), "<bytes>", None
    elif isinstance(path_or_bytes, (str, os.PathLike)):
        source = os.fspath(path_or_bytes)
        data = read_bytes(source, max_bytes)
        container = container_of(source)
    else:
        raise InputError(f"read() takes a path or bytes, not {type(path_or_bytes).__name__}")
    if len(data) > max_bytes:
        raise SizeLimitError(f"is {len(data)} bytes, over the limit of {max_bytes}", source=source)
    return source_from_bytes(
        data, source, container, encoding=encoding, max_line_chars=max_line_chars, repair_mojibake=repair_mojibake
    )


__all__ = [
    "read",
    "read_bytes",
    "read_source",
    "source_from_bytes",
    "container_of",
    "sniff_container",
    "decode",
    "check_lines",
    "Source",
    "MAX_BYTES",
    "MAX_LINE_CHARS",
    "DEFAULT_SUFFIXES",
]
