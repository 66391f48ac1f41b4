"""Files to Documents: read (text in any encoding, HTML, DOCX: :mod:`wfltext.reader`), split
multi-report files, analyze (:func:`wfltext.analysis.analyze_source`).

Every failure is a :class:`~wfltext.errors.WfltextError` naming the file, so a batch can record
it and go on.
"""

from __future__ import annotations

import os
from typing import Iterable

from .analysis import analyze_source
from .document import Document
from .reader import (
    DEFAULT_SUFFIXES,
    DOCX_SUFFIXES,
    HTML_SUFFIXES,
    MAX_BYTES,
    TEXT_SUFFIXES,
    Source,
    container_of,
    read_bytes,
    read_source,
    sniff_container,
    source_from_bytes,
)
from .split import split_reports


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
    return [
        analyze_source(source, did, span=(s, e), year=year, lexicon=lexicon, types=types)
        for did, s, e in report_spans(source.text, name)
    ]


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
    "HTML_SUFFIXES",
    "DOCX_SUFFIXES",
    "TEXT_SUFFIXES",
]
