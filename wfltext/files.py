"""Files to Documents: decode, split multi-report files, analyze each report."""

from __future__ import annotations

import os
from typing import Iterable

from .document import Document
from .reader import read
from .split import split_reports


def analyze_file(
    path: str | os.PathLike,
    *,
    doc_id: str | None = None,
    year: int | None = None,
    lexicon: str | None = None,
    types: Iterable[str] | None = None,
) -> list[Document]:
    """Every report in a file as a Document. ``doc`` is the path as given (``path#1``,
    ``path#2``… when the file holds several reports); offsets are relative to each report."""
    source = read(path)
    name = doc_id or os.fspath(path)
    spans = split_reports(source.text)
    docs = []
    for i, (s, e) in enumerate(spans, 1):
        did = name if len(spans) == 1 else f"{name}#{i}"
        doc = Document(source.text[s:e], did, year=year, lexicon=lexicon)
        doc.source = source
        doc.extract(types)
        docs.append(doc)
    return docs


__all__ = ["analyze_file"]
