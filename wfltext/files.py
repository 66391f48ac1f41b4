"""Files to Documents: read (text in any encoding, HTML, DOCX), split multi-report files, analyze.

A file's container is chosen by its suffix: ``.html``/``.htm``/``.xhtml`` are web pages,
``.docx`` Word files, anything else text. Every failure is a :class:`~wfltext.errors.WfltextError`
naming the file, so a batch can record it and go on.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from .document import Document
from .errors import InputError
from .reader import MAX_BYTES, MAX_LINE_CHARS, Source, check_lines, decode, read_bytes
from .split import split_reports

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
    from . import containers

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
                from .errors import DecodeError

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


def report_spans(text: str, name: str) -> list[tuple[str, int, int]]:
    """``(doc id, start, end)`` of each report in a file's text: the name alone for a single
    report, ``name#1``, ``name#2``… for several.

    >>> report_spans("一份报告", "a.txt")
    [('a.txt', 0, 4)]
    """
    spans = split_reports(text)
    if len(spans) == 1:
        return [(name, *spans[0])]
    return [(f"{name}#{i}", s, e) for i, (s, e) in enumerate(spans, 1)]


def documents_of(
    source: Source,
    name: str,
    *,
    year: int | None = None,
    lexicon: str | None = None,
    types: Iterable[str] | None = None,
) -> list[Document]:
    """Every report of a decoded file as an analyzed Document (``name#1``, ``name#2``… when the
    file holds several reports; offsets relative to each report)."""
    docs = []
    for did, s, e in report_spans(source.text, name):
        doc = Document(source.text[s:e], did, year=year, lexicon=lexicon)
        doc.source = source
        doc.extract(types)
        docs.append(doc)
    return docs


def analyze_file(
    path: str | os.PathLike,
    *,
    doc_id: str | None = None,
    year: int | None = None,
    lexicon: str | None = None,
    types: Iterable[str] | None = None,
    max_bytes: int = MAX_BYTES,
    repair_mojibake: bool = False,
) -> list[Document]:
    """Every report in a file as a Document. ``doc`` is the path as given (``path#1``,
    ``path#2``… when the file holds several reports); offsets are relative to each report."""
    source = read_source(path, max_bytes, repair_mojibake=repair_mojibake)
    return documents_of(source, doc_id or os.fspath(path), year=year, lexicon=lexicon, types=types)


__all__ = [
    "analyze_file",
    "documents_of",
    "report_spans",
    "read_source",
    "read_bytes",
    "source_from_bytes",
    "container_of",
    "sniff_container",
    "DEFAULT_SUFFIXES",
]
