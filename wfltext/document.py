"""The Document: original and normalized text, the offset map, tokens, outline, metadata, records.

Everything a user sees carries half-open offsets into the ORIGINAL text. Extractors work on the
normalized text (``doc.text``) and build records through :meth:`Document.make_record`, the one
place where normalized offsets become original ones.
"""

from __future__ import annotations

import bisect
from functools import cached_property
from itertools import accumulate
from typing import Any, Iterable

import regex

from . import components
from . import outline as outline_mod
from .decoding import Source
from .metadata import Metadata, read_metadata
from .normalize import Normalized, normalize
from .records import REGISTRY, Record, canonical
from .tokenize import Token, tokenizer

_SENTENCE = regex.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|\n|$)")


class Document:
    """An analyzed report. Build it with :func:`wfltext.analyze`.

    Besides its attributes (text, words, outline, metadata …), a Document keeps the named parts
    the extractors share (:mod:`wfltext.components`), each computed on first use:
    ``doc.part("quote_roles")``.
    """

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
        self.source: Source | None = None
        #: the named parts computed so far (:meth:`part`)
        self.parts: dict[str, Any] = {}

    # -- parts ---------------------------------------------------------------------------------
    def part(self, name: str) -> Any:
        """The named part ``name`` (:func:`wfltext.components.part`), computed on first use and
        kept; a Document attribute (``words``, ``outline`` …) by its name."""
        try:
            return self.parts[name]
        except KeyError:
            pass
        if name in components.DOCUMENT_PARTS:
            return getattr(self, name)
        value = self.parts[name] = components.compute_part(self, name)
        return value

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
        words, ends = tokenizer(self.lexicon).cut_with_ends(self.text)
        if ends is not None:
            self.__dict__["token_ends"] = ends  # added up by the tokenizer already
        return words

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
        the learned parts out, the name tagger and the issuing-body ranker (the rules alone)."""
        self._records = components.run(self, types, model=model)
        return list(self._records)

    def records_of(self, type_: str) -> list[Record]:
        if type_ not in REGISTRY:
            raise ValueError(f"unknown record type {type_!r}; known: {', '.join(REGISTRY)}")
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


__all__ = ["Document"]
