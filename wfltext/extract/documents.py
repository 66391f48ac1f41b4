"""Document records: titles cited in 《》, and titles in quotation marks that end in a
document type (“昆明宣言”).

The scanner looks at each 《 and reads at most ``MAX_TITLE`` characters to its matching 》
(one level of nested 《》 allowed), so it runs in linear time whatever the input: a doubled
bracket (《《, 》》, as in ``》》点击图片进入专题《《``), a line break or a sentence end before the
closing bracket means no title. The record's ``doc_type`` comes from the word the title ends
with (``doctitle_types.tsv``) and ``number`` from a document number written right after the
title (《…》（国发〔2016〕1号）) or right before it (县委〔2018〕12号《…》).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from .. import lexicons
from ..records import DocumentRecord, Record, canonical

if TYPE_CHECKING:
    from ..document import Document

#: longest title read between 《 and 》 (the longest Party and government titles run to about 60)
MAX_TITLE = 100
#: longest title in quotation marks taken as a cited document
MAX_QUOTED = 40

_OPEN, _CLOSE = "《", "》"
#: a title ends at the first of these when no 》 came first
_BREAKS = frozenset("\n\r。！？；")
_HAN = regex.compile(r"[\p{Han}A-Za-z0-9]")
#: trailing parentheses a document type stands in front of: (试行), （草案）, (2021—2030年)
_TRAILING_PARENS = regex.compile(r"(?:[(（][^()（）]{1,16}[)）]){1,3}$")
_YEAR = r"[〔［\[【(（]\s{0,2}(?:19|20)\d\d\s{0,2}[〕］\]】)）]"
#: a document number: issuer code, bracketed year, serial number (国发〔2016〕1号, 〔2007〕67号)
#: the issuer code is Chinese characters other than the function words a citation starts with
#: (以 | 县委办发〔2018〕12号, 按照 | 国发〔2016〕1号)
_ISSUER = r"(?:[^\P{Han}以按照据经由将用和与及的了在对向把被从为根]{0,5}?[发字函办文电通令])?"
_NUMBER = _ISSUER + _YEAR + r"\s{0,2}第?\d{1,4}\s{0,2}号"
_NUMBER_AFTER = regex.compile(r"\s{0,2}[(（]?\s{0,2}(" + _NUMBER + r")")
_NUMBER_BEFORE = regex.compile(r"(" + _NUMBER + r")(?:文件)?[，,、]?\s{0,2}$")
_QUOTED = regex.compile(r"“([^“”《》\n]{2,%d})”" % MAX_QUOTED)


class Title(NamedTuple):
    """A title's span in the normalized text, brackets or quotation marks included."""

    start: int
    end: int
    quoted: bool


class DocTypes(NamedTuple):
    endings: tuple[tuple[str, str], ...]
    quoted: tuple[str, ...]


@lru_cache(maxsize=1)
def doc_types() -> DocTypes:
    rows = lexicons.table("doctitle_types.tsv")
    by_length = sorted(rows, key=lambda r: len(r[0]), reverse=True)
    return DocTypes(
        tuple((r[0], r[1]) for r in by_length),
        tuple(r[0] for r in by_length if len(r) > 2 and r[2] == "yes"),
    )


def _closing(text: str, i: int) -> int | None:
    """Index just past the 》 that closes the 《 at ``i``, or None.

    >>> _closing("《关于学习《纲要》的通知》等", 0)
    13
    >>> _closing("《未闭合的书名号", 0) is None
    True
    """
    depth = 0
    stop = min(len(text), i + 1 + MAX_TITLE)
    j = i + 1
    while j < stop:
        ch = text[j]
        if ch == _OPEN:
            depth += 1
            if depth > 1 or text[j - 1] == _OPEN:
                return None
        elif ch == _CLOSE:
            if depth == 0:
                return j + 1
            depth -= 1
        elif ch in _BREAKS:
            return None
        j += 1
    return None


def title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the 《》 titles of ``text`` (brackets included).

    >>> title_spans("制定《关于加强妇女组织建设的通知》，")
    [(2, 17)]
    >>> title_spans("》》点击图片进入专题《《")
    []
    """
    out: list[tuple[int, int]] = []
    n = len(text)
    i = text.find(_OPEN)
    while i != -1:
        doubled = (i > 0 and text[i - 1] == _OPEN) or (i + 1 < n and text[i + 1] == _OPEN)
        end = None if doubled else _closing(text, i)
        if end is not None and end < n and text[end] == _CLOSE:
            end = None  # 》》: a broken or reversed bracket pair
        if end is not None and _HAN.search(text, i + 1, end - 1):
            out.append((i, end))
            i = text.find(_OPEN, end)
        else:
            i = text.find(_OPEN, i + 1)
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
    and do not overlap them."""
    spans = title_spans(text)
    out = [Title(s, e, False) for s, e in spans]
    quoted_endings = doc_types().quoted
    for m in _QUOTED.finditer(text):
        inner = canonical(m.group(1))
        if not inner.endswith(quoted_endings) or doc_type(inner) is None:
            continue
        if any(s < m.end() and m.start() < e for s, e in spans):
            continue
        out.append(Title(m.start(), m.end(), True))
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
                rule="quoted title with a document type" if t.quoted else "title in 《》",
                doc_type=doc_type(norm),
                number=document_number(text, t.start, t.end),
            )
        )
    return out


__all__ = ["extract", "titles", "title_spans", "doc_type", "document_number"]
