"""Document records: titles cited in 《》, and titles in quotation marks that end in a
document type (“昆明宣言”).

A title is 《, at most ``MAX_TITLE`` characters, and 》 (one level of nested 《》 allowed), so the
scanner runs in linear time whatever the input: a doubled bracket (《《, 》》, as in
``》》点击图片进入专题《《``), a line break or a sentence end before the closing bracket means no
title. The record's ``doc_type`` comes from the word the title ends
with (``doctitle_types.tsv``) and ``number`` from a document number written right after the
title (《…》（国发〔2016〕1号）) or right before it (县委〔2018〕12号《…》).
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from .. import lexicons
from ..components import Component
from ..records import DocumentRecord, Record, canonical

if TYPE_CHECKING:
    from ..document import Document

#: longest title read between 《 and 》 (the longest Party and government titles run to about 60)
MAX_TITLE = 100
#: longest title in quotation marks taken as a cited document
MAX_QUOTED = 40

#: what a title's text may hold: no bracket, no line break, no sentence end
_INSIDE = r"[^《》\n\r。！？；]{1,%d}" % MAX_TITLE
_INSIDE_NESTED = r"[^《》\n\r。！？；]{0,%d}" % MAX_TITLE
#: a 《》 title, with at most one level of nested 《》 (《关于学习《纲要》的通知》), neither
#: bracket doubled (》》点击图片进入专题《《 is page chrome). Every repetition is bounded, so a
#: match attempt reads at most about 3 * MAX_TITLE characters: linear time on any input.
_TITLE = regex.compile(
    r"(?<!《)《(?!《)(?:%s|%s《%s》%s)》(?!》)"
    % (_INSIDE, _INSIDE_NESTED, _INSIDE, _INSIDE_NESTED)
)
_HAN = regex.compile(r"[\p{Han}A-Za-z0-9]")
#: trailing parentheses a document type stands in front of: (试行), （草案）, (2021—2030年)
_TRAILING_PARENS = regex.compile(r"(?:[(（][^()（）]{1,16}[)）]){1,3}$")
_YEAR = r"[〔［\[【(（]\s{0,2}(?:19|20)\d\d\s{0,2}[〕］\]】)）]"
#: a document number: issuer code, bracketed year, serial number (国发〔2016〕1号, 〔2007〕67号)
#: the issuer code is Chinese characters other than the function words a citation starts with
#: (以 | 县委办发〔2018〕12号, 按照 | 国发〔2016〕1号)
_ISSUER = r"(?:[^\P{Han}以按照据经由将用和与及的了在对向把被从为根]{0,5}?[发字函办文电通令委])?"
_NUMBER = _ISSUER + _YEAR + r"\s{0,2}第?\d{1,4}\s{0,2}号"
_NUMBER_AFTER = regex.compile(r"\s{0,2}[(（]?\s{0,2}(" + _NUMBER + r")")
_NUMBER_BEFORE = regex.compile(r"(" + _NUMBER + r")(?:文件)?[，,、]?\s{0,2}$")
_QUOTED = regex.compile(r"“([^“”《》\n]{2,%d})”" % MAX_QUOTED)
_NUMBERED = regex.compile(r"[一二三四五六七八九十两]")


class Title(NamedTuple):
    """A title's span in the normalized text, brackets or quotation marks included."""

    start: int
    end: int
    #: the rule that found it: "title in 《》", "quoted title with a document type", or the
    #: name of a pattern of doctitle_cited.tsv
    rule: str
    #: the document type a cited pattern gives (else it comes from the title's ending)
    doc_type: str | None = None


class DocTypes(NamedTuple):
    endings: tuple[tuple[str, str], ...]
    quoted: tuple[str, ...]


@lru_cache(maxsize=1)
def cited_patterns() -> tuple[tuple[str, str, regex.Pattern[str]], ...]:
    """Unbracketed titles cited by name (doctitle_cited.tsv): (rule name, doc_type, pattern)."""
    return tuple((r[0], r[1], regex.compile(r[2])) for r in lexicons.table("doctitle_cited.tsv"))


@lru_cache(maxsize=1)
def doc_types() -> DocTypes:
    rows = lexicons.table("doctitle_types.tsv")
    by_length = sorted(rows, key=lambda r: len(r[0]), reverse=True)
    return DocTypes(
        tuple((r[0], r[1]) for r in by_length),
        tuple(r[0] for r in by_length if len(r) > 2 and r[2] == "yes"),
    )


def title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the 《》 titles of ``text`` (brackets included).

    >>> title_spans("制定《关于加强妇女组织建设的通知》，")
    [(2, 17)]
    >>> title_spans("《关于学习《纲要》的通知》等")
    [(0, 13)]
    >>> title_spans("》》点击图片进入专题《《")
    []
    """
    out: list[tuple[int, int]] = []
    for m in _TITLE.finditer(text):
        if _HAN.search(m.group()):
            out.append(m.span())
    return out


def doc_type(norm: str) -> str | None:
    """The document type a title's norm ends with, past a trailing parenthesis.

    >>> doc_type("中国共产党工作机关条例(试行)")
    '条例'
    >>> doc_type("关于将实施纳入全县十二五规划的专题报告")
    '报告'
    >>> doc_type("山海情") is None
    True
    """
    core = _TRAILING_PARENS.sub("", norm) or norm
    for ending, kind in doc_types().endings:
        if core.endswith(ending) and len(core) > len(ending):
            return kind
    return None


def document_number(text: str, start: int, end: int) -> str | None:
    """The document number cited right after or right before the title ``text[start:end]``.

    >>> document_number("印发《实施意见》（妇字〔2007〕67号）", 2, 8)
    '妇字〔2007〕67号'
    >>> document_number("以县委办发〔2018〕12号文件《实施意见》", 14, 20)
    '县委办发〔2018〕12号'
    """
    m = _NUMBER_AFTER.match(text, end, min(len(text), end + 30))
    if m is None:
        m = _NUMBER_BEFORE.search(text, max(0, start - 30), start)
    return regex.sub(r"\s+", "", m.group(1)) if m is not None else None


def titles(text: str) -> list[Title]:
    """The titles of a normalized text: 《》 titles, then quoted ones that end in a document type
    and titles cited by name (十九大报告), where they do not overlap a 《》 title."""
    spans = title_spans(text)
    out = [Title(s, e, "title in 《》") for s, e in spans]

    starts = [a for a, _ in spans]

    def free(s: int, e: int) -> bool:
        """No 《》 title overlaps [s, e) (the titles are sorted and do not overlap)."""
        i = bisect.bisect_left(starts, e) - 1
        return i < 0 or spans[i][1] <= s

    quoted_endings = doc_types().quoted
    for m in _QUOTED.finditer(text):
        inner = canonical(m.group(1))
        if _NUMBERED.match(inner):
            continue  # “两纲”, “八项规定”: a numbered abbreviation, not a cited title
        if inner.endswith(quoted_endings) and doc_type(inner) is not None and free(*m.span()):
            out.append(Title(m.start(), m.end(), "quoted title with a document type"))
    for rule, kind, pattern in cited_patterns():
        for m in pattern.finditer(text):
            if free(*m.span()):
                out.append(Title(m.start(), m.end(), rule, kind))
    out.sort()
    return out


def extract(doc: "Document") -> list[Record]:
    """Document records of a document."""
    text = doc.text
    out: list[Record] = []
    for t in titles(text):
        norm = canonical(text[t.start : t.end])
        out.append(
            doc.make_record(
                DocumentRecord,
                t.start,
                t.end,
                norm=norm,
                rule=t.rule,
                doc_type=t.doc_type or doc_type(norm),
                number=document_number(text, t.start, t.end),
            )
        )
    return out


#: the document-title extractor: it reads the normalized text alone
COMPONENT = Component("document", extract, requires=("text",), assigns=("records:document",))

__all__ = ["COMPONENT", "extract", "titles", "title_spans", "doc_type", "document_number"]
