"""The Document: original and normalized text, the offset map, tokens, outline, metadata, records.

Everything a user sees carries half-open offsets into the ORIGINAL text. Extractors work on the
normalized text (``doc.text``) and build records through :meth:`Document.make_record`, the one
place where normalized offsets become original ones.
"""

from __future__ import annotations

import bisect
import os
from functools import cached_property
from itertools import accumulate
from typing import Any, Iterable

import regex

from . import outline as outline_mod
from .metadata import Metadata, read_metadata
from .normalize import Normalized, normalize
from .records import RECORD_TYPES, Record, canonical
from .tokenize import Token, tokenizer

_SENTENCE = regex.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|\n|$)")


class Document:
    """An analyzed report. Build it with :func:`wfltext.analyze`."""

    def __init__(
        self,
        original: str,
        doc_id: str = "",
        *,
        year: int | None = None,
        lexicon: str | None = None,
        normalized: Normalized | None = None,
    ) -> None:
        self.id = doc_id
        self.original = original
        self.normalized = normalized if normalized is not None else normalize(original)
        #: the normalized text that extractors read
        self.text = self.normalized.text
        self.lexicon = lexicon
        self._year = year
        self._records: list[Record] | None = None
        #: the decoded file (encoding, confidence, format), when the Document was read from one
        self.source: Any = None

    # -- offsets -------------------------------------------------------------------------------
    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span of normalized span ``[start, end)``."""
        return self.normalized.to_original(start, end)

    # -- structure -----------------------------------------------------------------------------
    @cached_property
    def outline(self) -> list[outline_mod.Section]:
        roots = outline_mod.build(self.text)
        for root in roots:
            for s in root.walk():
                s.ostart, s.oend = self.to_original(s.start, s.end)
        return roots

    @cached_property
    def _section_index(self) -> tuple[list[int], list[tuple[str, ...]]]:
        """Section paths by normalized position: a sorted list of change points."""
        return outline_mod.section_index(self.outline)

    def section_at(self, pos: int) -> tuple[str, ...]:
        """Outline path (headings, outermost first) above normalized offset ``pos``."""
        points, paths = self._section_index
        i = bisect.bisect_right(points, pos) - 1
        return paths[i] if i >= 0 else ()

    @cached_property
    def metadata(self) -> Metadata:
        return read_metadata(self.text, self._year)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentences as original spans (line breaks and 。！？ end them)."""
        out = []
        for m in _SENTENCE.finditer(self.text):
            s, e = m.start(), m.end()
            while e > s and self.text[e - 1] == "\n":
                e -= 1
            if e > s:
                out.append(self.to_original(s, e))
        return out

    @cached_property
    def words(self) -> list[str]:
        """The tokens' texts, in order: ``"".join(doc.words) == doc.text``. Extractors read
        these (with :attr:`token_ends`); the original offsets of :attr:`tokens` are mapped only
        when asked for."""
        return tokenizer(self.lexicon).lcut(self.text)

    @cached_property
    def token_ends(self) -> list[int]:
        """Normalized end offset of each of :attr:`words`."""
        return list(accumulate(map(len, self.words)))

    @cached_property
    def key_sentences(self) -> list[Any]:
        """The report's five key sentences (:class:`wfltext.keysentences.KeySentence`: original
        span, text, rank), in text order; computed on first use, never by :func:`analyze`. Other
        counts and methods: :func:`wfltext.keysentences.key_sentences`."""
        from .keysentences import key_sentences

        return key_sentences(self)

    @cached_property
    def tokens(self) -> list[Token]:
        """jieba tokens of the normalized text, each with its original span."""
        starts, ends = self.normalized.offsets.starts, self.normalized.offsets.ends
        nends = self.token_ends
        return [
            Token(word, starts[e - len(word)], ends[e - 1], e - len(word), e)
            for word, e in zip(self.words, nends)
        ]

    # -- records -------------------------------------------------------------------------------
    def make_record(self, cls: type[Record], start: int, end: int, *, norm: str | None = None, rule: str = "", **fields: Any) -> Record:
        """Build a record from a NORMALIZED span: offsets, text, section and noise come from here."""
        s, e = self.to_original(start, end)
        return cls(
            doc=self.id,
            text=self.original[s:e],
            start=s,
            end=e,
            norm=canonical(self.text[start:end]) if norm is None else norm,
            section=self.section_at(start),
            noisy=self.normalized.is_noisy(s, e),
            rule=rule,
            **fields,
        )

    @property
    def records(self) -> list[Record]:
        if self._records is None:
            self.extract()
        return list(self._records or [])

    def extract(self, types: Iterable[str] | None = None, *, model: bool = True) -> list[Record]:
        """Run the extractors (all by default) and keep their records; ``model=False`` leaves
        the learned name tagger out (the rules alone)."""
        from .extract import run

        self._records = run(self, types, model=model)
        return list(self._records)

    def records_of(self, type_: str) -> list[Record]:
        if type_ not in RECORD_TYPES:
            raise ValueError(f"unknown record type {type_!r}; known: {', '.join(RECORD_TYPES)}")
        return [r for r in self.records if r.type == type_]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: what a viewer needs to render the document without re-analysis."""
        return {
            "doc": self.id,
            "text": self.original,
            "normalized": self.text,
            "metadata": self.metadata.to_dict(),
            "outline": [s.to_dict() for s in self.outline],
            "fixes": [st.to_dict() for st in self.normalized.steps],
            "records": [r.to_dict() for r in self.records],
        }

    def __repr__(self) -> str:
        return f"<Document {self.id!r}: {len(self.original)} chars, title {self.metadata.title!r}>"


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
    import os
    import warnings

    from .errors import InputError, InputWarning, InternalError, WfltextError
    from .reader import read

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
        types = list(types)
        unknown = [t for t in types if t not in RECORD_TYPES]
        if unknown:
            raise InputError(f"unknown record type {unknown[0]!r}; known: {', '.join(RECORD_TYPES)}")
    source = doc_id or "<text>"
    try:
        doc = Document(text, doc_id or "", year=year, lexicon=lexicon)
        doc.extract(types)
    except WfltextError:
        raise
    except Exception as err:  # noqa: BLE001 - the contract: only WfltextError leaves analyze()
        raise InternalError(
            f"internal error, please report it with the text: {type(err).__name__}: {err}", source=source
        ) from err
    return doc


def _names_a_file(text: str) -> bool:
    """Is ``text`` a short one-line string naming an existing file?"""
    import os

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
    from .reader import read

    source = read(path, encoding=encoding, repair_mojibake=repair_mojibake)
    doc = Document(source.text, doc_id or os.fspath(path), year=year, lexicon=lexicon)
    doc.source = source
    doc.extract(types)
    return doc


__all__ = ["Document", "analyze", "analyze_file"]