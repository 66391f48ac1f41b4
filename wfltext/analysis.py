"""Sources to analyzed Documents: the one way a report's text becomes a :class:`Document` with
its records (:func:`analyze_source`), and the doors on it — :func:`analyze` (text or bytes) and
:func:`analyze_file` (a path). The CLI, corpus runs, the evaluation and the views all go through
:func:`analyze_source`.

Importing this module registers the built-in extractors and stages (:mod:`wfltext.extract`).
"""

from __future__ import annotations

import os
import warnings
from typing import Iterable

from . import extract  # noqa: F401 - registers the built-in extractors and stages
from .decoding import Source
from .document import Document
from .errors import InputError, InputWarning, InternalError, WfltextError
from .reader import read
from .records import check_types


def analyze_source(
    source: Source | str,
    doc_id: str = "",
    *,
    span: tuple[int, int] | None = None,
    year: int | None = None,
    lexicon: str | None = None,
    types: Iterable[str] | None = None,
    model: bool = True,
) -> Document:
    """The Document of a report — ``source`` (a :class:`~wfltext.reader.Source` or the text
    itself), or the report at ``span`` of it — with the records of ``types`` (default: every
    type with an extractor; ``()`` for none) extracted. ``model=False`` leaves the learned
    parts out (the name tagger and the issuing-body ranker). ``doc.source`` is the Source, when one was given.

    >>> [r.text for r in analyze_source("县妇联培训妇女200名。", "d", types=["number"]).records]
    ['200名']
    """
    text = source.text if isinstance(source, Source) else source
    if span is not None:
        text = text[span[0]:span[1]]
    doc = Document(text, doc_id, year=year, lexicon=lexicon)
    if isinstance(source, Source):
        doc.source = source
    doc.extract(types, model=model)
    return doc


def analyze(
    text_or_bytes: str | bytes,
    doc_id: str | None = None,
    year: int | None = None,
    lexicon: str | None = None,
    types: Iterable[str] | None = None,
) -> Document:
    """Analyze one report: normalize, outline, metadata and records (of ``types``, default all).

    Takes the report's **text** (``str``) or its **bytes** — never a path: a string is the
    report itself. Bytes are read with :func:`wfltext.read` (any encoding; a web page's or a
    .docx file's bytes are recognized), the decoded text is the original. A string that names
    an existing file is still analyzed as text, with an :class:`~wfltext.errors.InputWarning`
    (read a file with :func:`analyze_file`); a :class:`pathlib.Path` is read as a file.

    Only a :class:`~wfltext.WfltextError` leaves this function: any other exception is a bug of
    wfltext and is raised as :class:`~wfltext.errors.InternalError` (code ``internal``) with the
    original exception as its ``__cause__``.

    >>> analyze("县妇联培训妇女200名。").records_of("number")[0].text
    '200名'
    """
    if isinstance(text_or_bytes, os.PathLike):
        return analyze_file(text_or_bytes, doc_id=doc_id, year=year, lexicon=lexicon, types=types)
    if isinstance(text_or_bytes, (bytes, bytearray, memoryview)):
        text = read(bytes(text_or_bytes)).text
    elif isinstance(text_or_bytes, str):
        text = text_or_bytes
        if _names_a_file(text):
            warnings.warn(
                f"analyze() was given {text!r}, which names an existing file: it analyzes the string itself, "
                f"not the file; use wfltext.analyze_file({text!r}) to read the file",
                InputWarning,
                stacklevel=2,
            )
    else:
        raise InputError(f"analyze() takes text or bytes, not {type(text_or_bytes).__name__}")
    if types is not None:
        if isinstance(types, str):
            types = [types]
        elif not isinstance(types, Iterable):
            raise InputError(f"types must be a list of record types, not {types!r}")
        try:
            types = check_types(list(types))
        except ValueError as err:
            raise InputError(str(err)) from None
    source = doc_id or "<text>"
    try:
        doc = analyze_source(text, doc_id or "", year=year, lexicon=lexicon, types=types)
    except WfltextError:
        raise
    except Exception as err:  # noqa: BLE001 - the contract: only WfltextError leaves analyze()
        raise InternalError(
            f"internal error, please report it with the text: {type(err).__name__}: {err}", source=source
        ) from err
    return doc


def _names_a_file(text: str) -> bool:
    """Is ``text`` a short one-line string naming an existing file?"""
    if not text or len(text) > 1024 or "\n" in text or "\x00" in text:
        return False
    try:
        return os.path.isfile(text.strip())
    except (OSError, ValueError):
        return False


def analyze_file(
    path: str | os.PathLike,
    *,
    doc_id: str | None = None,
    year: int | None = None,
    lexicon: str | None = None,
    types: Iterable[str] | None = None,
    encoding: str | None = None,
    repair_mojibake: bool = False,
) -> Document:
    """Read a report file with :func:`wfltext.read` — ``.txt`` in any encoding, a web page
    (``.html``, ``.htm``: the report without the page's chrome) or a ``.docx`` — and analyze it.
    ``doc_id`` defaults to the path; ``doc.source`` is the :class:`~wfltext.reader.Source`
    (encoding, confidence, format). The records are those ``wfltext extract`` gives for the file.

    The whole file is one Document. A file that holds several reports (篇一, 篇二 …) is split by
    ``wfltext extract`` and ``wfltext run`` (ids ``path#1``, ``path#2``); for those Documents in
    Python, use :func:`wfltext.files.analyze_file`, which returns the list.
    """
    source = read(path, encoding=encoding, repair_mojibake=repair_mojibake)
    return analyze_source(source, doc_id or os.fspath(path), year=year, lexicon=lexicon, types=types)


__all__ = ["analyze", "analyze_file", "analyze_source"]
