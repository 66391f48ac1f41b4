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


def source_from_bytes(data: bytes, name: str, container: str = "text", *, max_line_chars: int = MAX_LINE_CHARS) -> Source:
    """Decode a file's bytes as its container says (see :func:`container_of`)."""
    from . import containers

    if container == "html":
        return containers.html_source(data, name)
    if container == "docx":
        return containers.docx_source(data, name)
    if not data.strip():
        raise InputError("is empty (no text at all)", source=name)
    src = decode(data, name)
    if not src.text.strip():
        raise InputError("holds only white space", source=name)
    check_lines(src.text, name, max_line_chars)
    return Source(src.text, src.encoding, src.confidence, name, "text")


def read_source(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> Source:
    """A file's original text: decoded text, or the report inside a web page or a .docx."""
    return source_from_bytes(read_bytes(path, max_bytes), os.fspath(path), container_of(path))


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
) -> list[Document]:
    """Every report in a file as a Document. ``doc`` is the path as given (``path#1``,
    ``path#2``… when the file holds several reports); offsets are relative to each report."""
    source = read_source(path, max_bytes)
    return documents_of(source, doc_id or os.fspath(path), year=year, lexicon=lexicon, types=types)


__all__ = [
    "analyze_file",
    "documents_of",
    "report_spans",
    "read_source",
    "read_bytes",
    "source_from_bytes",
    "container_of",
    "DEFAULT_SUFFIXES",
]
