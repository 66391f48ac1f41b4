"""Slogan records: mottos, themes, principles and banner lines.

* A quote of two or more items (“党建先导、带促结合、整体提升”, “绿电+先进制造业”) or with a verb
  (“党建带妇建”, “三年上台阶”, ``slogan_verbs.tsv``) is a slogan; a single quoted term (“娘家”,
  “两委”, “十二五”) is not, nor is a quote that names a program (“春蕾计划”) or is the core of one
  (“创先争优”活动). A theme quote in front of a program is a slogan when it is slogan-like.
* Quotes side by side (nothing or 、 between them) under one frame form one record whose norm
  joins the items with 、: 以打造“坚强阵地”、“温暖之家”为着力点 → 坚强阵地、温暖之家,
  ``frame`` 为着力点. Side-by-side names with no frame (“昆明宣言”“昆蒙框架”) stay out.
* An unquoted series of three or more equal-length items between a framing verb and a framing
  noun (形成妇联组织创先进、妇女干部争优秀、妇女群众得实惠的良好局面; ``slogan_frames.tsv``) is a
  slogan; series in headings and 一是-sentences are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from .. import lexicons
from ..records import Record, SloganRecord, canonical
from . import programs

if TYPE_CHECKING:
    from ..document import Document

#: longest quote read as a slogan (longer ones are quotations of speech)
MAX_SLOGAN = 50
#: items of an unquoted series: how many and how long
MIN_ITEMS, MAX_ITEMS = 3, 10
MIN_ITEM_LEN, MAX_ITEM_LEN = 2, 12

_QUOTE = regex.compile(r"“([^“”\n]{1,%d})”" % programs.MAX_QUOTE)
_SENTENCE_END = regex.compile(r"[。！？!?]")
_CLAUSE = regex.compile(r"[^，,。；;：:！？!?\n“”《》]+")
_HAN_ONLY = regex.compile(r"^\p{Han}+$")
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class _Lexicon:
    inside: frozenset[str]
    start: frozenset[str]
    after_frame: regex.Pattern
    series_open: regex.Pattern
    series_close: regex.Pattern


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    verbs = lexicons.table("slogan_verbs.tsv")
    frames = lexicons.table("slogan_frames.tsv")
    nouns = "|".join(sorted((w for w, k in frames if k == "after"), key=len, reverse=True))
    openers = "|".join(sorted((w for w, k in frames if k == "verb"), key=len, reverse=True))
    return _Lexicon(
        inside=frozenset(w for w, pos in verbs if pos == "inside"),
        start=frozenset(w for w, pos in verbs if pos == "start"),
        # 为主题, 作为抓手, 的原则, 的良好局面 (up to four characters of modifier after 的)
        after_frame=regex.compile(rf"(?:作为|为)(?:{nouns})|的\p{{Han}}{{0,4}}?(?:{nouns})"),
        # the verb that opens an unquoted series, right before its first item: 形成了, 按照, 以
        series_open=regex.compile(rf"(?:(?:{openers})[了着]?|以)$"),
        series_close=regex.compile(rf"(?:的\p{{Han}}{{0,4}}?(?:{nouns})|(?:作为|为)(?:{nouns}))"),
    )


def is_slogan_text(content: str, tokens: list[str]) -> bool:
    """Is quoted text a motto: two or more items, or a verb phrase (not a single term)?

    ``tokens`` are the jieba tokens of ``content``.

    >>> is_slogan_text("共鸣、共振、共进", ["共鸣", "、", "共振", "、", "共进"])
    True
    >>> is_slogan_text("党建带妇建", ["党建", "带", "妇建"])
    True
    >>> is_slogan_text("两个中心", ["两个", "中心"]), is_slogan_text("娘家", ["娘家"])
    (False, False)
    """
    if len(content) > MAX_SLOGAN or _SENTENCE_END.search(content):
        return False
    if len(programs.items_of(content)) >= 2:
        return True
    lex = lexicon()
    words = [t for t in tokens if _HAN.search(t)]
    if any(w in lex.inside for w in words[1:-1]):
        return True
    return bool(words) and words[0] in lex.start and len(content) >= 4


@dataclass(frozen=True, slots=True)
class _Quote:
    start: int
    end: int
    content: str


def _quote_runs(doc: "Document") -> list[list[_Quote]]:
    """Quotes side by side (nothing or 、 between), split at quotes that belong to programs."""
    text = doc.text
    roles = programs.quote_roles(doc)
    runs: list[list[_Quote]] = []
    current: list[_Quote] = []
    last_end = -1
    for m in _QUOTE.finditer(text):
        q = _Quote(m.start(), m.end(), m.group(1))
        adjacent = current and text[last_end : q.start] in ("", "、")
        if roles.get(q.start) in ("name", "core"):
            if current:
                runs.append(current)
            current, last_end = [], q.end
            continue
        if not adjacent and current:
            runs.append(current)
            current = []
        current.append(q)
        last_end = q.end
    if current:
        runs.append(current)
    return runs


def _heading_spans(doc: "Document") -> list[tuple[int, int]]:
    return [(s.start, s.heading_end) for root in doc.outline for s in root.walk()]


def _in_heading(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _quoted(doc: "Document") -> list[Record]:
    text = doc.text
    idx = programs.token_index(doc)
    lex = lexicon()
    out: list[Record] = []
    for run in _quote_runs(doc):
        frame_m = lex.after_frame.match(text, run[-1].end)
        frame = frame_m.group() if frame_m else None
        likes = [is_slogan_text(q.content, idx.between(q.start + 1, q.end - 1)) for q in run]
        if len(run) == 1:
            if not likes[0]:
                continue
            rule = "quoted motto"
        elif any(likes):
            rule = "quoted items side by side"
        elif frame:
            rule = "quoted terms under one frame"
        else:
            continue
        items: list[str] = []
        for q in run:
            items.extend(canonical(i) for i in programs.items_of(q.content) or [q.content])
        norm = "、".join(canonical(q.content) for q in run)
        out.append(
            doc.make_record(
                SloganRecord, run[0].start, run[-1].end, norm=norm, rule=rule, items=tuple(items), frame=frame
            )
        )
    return out


def _series(doc: "Document") -> list[Record]:
    """Unquoted parallel series: A、B、C of one length between a framing verb and a framing noun."""
    text = doc.text
    lex = lexicon()
    headings = _heading_spans(doc)
    out: list[Record] = []
    for clause in _CLAUSE.finditer(text):
        parts = clause.group().split("、")
        if not (MIN_ITEMS <= len(parts) <= MAX_ITEMS):
            continue
        middle = parts[1:-1]
        size = len(middle[0])
        if not (MIN_ITEM_LEN <= size <= MAX_ITEM_LEN):
            continue
        if any(len(p) != size or not _HAN_ONLY.match(p) for p in middle):
            continue
        first, last = parts[0], parts[-1]
        if len(first) < size or not _HAN_ONLY.match(first[-size:]):
            continue
        if not lex.series_open.search(first[:-size]):
            continue
        close = lex.series_close.match(last, size)
        if len(last) < size or not _HAN_ONLY.match(last[:size]) or close is None:
            continue
        start = clause.start() + len(first) - size
        end = clause.start() + len(clause.group()) - len(last) + size
        if _in_heading(headings, start, end):
            continue
        items = (first[-size:], *middle, last[:size])
        out.append(
            doc.make_record(
                SloganRecord, start, end, norm="、".join(items), rule="framed parallel series",
                items=items, frame=close.group(),
            )
        )
    return out


def extract(doc: "Document") -> list[Record]:
    return _quoted(doc) + _series(doc)


__all__ = ["extract", "is_slogan_text"]
