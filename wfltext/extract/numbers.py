"""Number records: quantities, money, percentages, ordinals, durations and dates.

One pass over the normalized text finds numeral cores (Arabic, Chinese, mixed, masked,
百分之…, …分之…, ratios); each core is then read outwards: a date pattern, or the numeral with
its multiplier (:mod:`wfltext.numerals`), approximation and bound markers, a unit or measure word,
a range partner, 第 in front. What is *not* a number record (outline markers, names, codes, 一 as
an article) is decided by the ambiguity filters of ``lexicons/number_filters.tsv``; units, markers
and the words that delimit an object are data too (``lexicons/number_*.tsv|txt``).

:func:`find` works on plain text and returns :class:`Found` spans; :func:`extract` turns them into
:class:`~wfltext.records.NumberRecord` objects of a Document. Every record carries the name of the
rule that made it.

>>> [(f.value, f.unit, f.kind) for f in find("培养乡村女导游200名，筹集资金11.3万元。")]
[(200, '名', 'count'), (113000, '元', 'money')]
>>> [(f.text, f.approx, f.bound) for f in find("约6000余人，5人以上")]
[('约6000余人', True, None), ('5人以上', False, 'ge')]
>>> [(f.range, f.unit) for f in find("10至15万人")]
[((100000, 150000), '人')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Iterator

import regex

from .. import lexicons, rx
from ..components import Component
from ..numerals import PAIRS, Numeral, placed, read, to_number
from ..records import NumberRecord, Record, canonical

if TYPE_CHECKING:
    from ..document import Document

Number = int | float


# -- data ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unit:
    surface: str
    unit: str
    kind: str
    scale: Fraction = Fraction(1)
    arabic_only: bool = False
    unless: str = ""
    latin: bool = False
    #: a symbol written before the numeral: ￥300, $20
    prefix: bool = False


@lru_cache(maxsize=1)
def _unit_table() -> tuple[dict[str, Unit], dict[str, Unit]]:
    after: dict[str, Unit] = {}
    before: dict[str, Unit] = {}
    for row in lexicons.table("number_units.tsv"):
        cells = list(row) + [""] * (6 - len(row))
        surface, unit, kind, scale, where, unless = cells[:6]
        u = Unit(surface, unit, kind, Fraction(scale) if scale else Fraction(1), where == "arabic", unless,
                 surface.isascii() and surface.isalpha(), where == "prefix")
        (before if u.prefix else after)[surface] = u
    return after, before


def units() -> dict[str, Unit]:
    """Units and measure words written after a numeral, by surface."""
    return _unit_table()[0]


def prefix_units() -> dict[str, Unit]:
    """Currency symbols written before a numeral: ￥, $, €."""
    return _unit_table()[1]


@lru_cache(maxsize=1)
def _unit_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(u) for u in units()}, reverse=True))


@lru_cache(maxsize=1)
def _unit_firsts() -> frozenset[str]:
    return frozenset(u[0] for u in units())


@lru_cache(maxsize=1)
def _unit_lengths_by_first() -> dict[str, tuple[int, ...]]:
    """The lengths of the units that start with a character, longest first: :func:`_unit_at`
    looks up only those (a unit's first character has one to three lengths of the five)."""
    lengths: dict[str, set[int]] = {}
    for u in units():
        lengths.setdefault(u[0], set()).add(len(u))
    return {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}


@dataclass(frozen=True, slots=True)
class Marker:
    text: str
    where: str
    field: str
    value: str


@lru_cache(maxsize=1)
def markers() -> dict[str, dict[str, Marker]]:
    out: dict[str, dict[str, Marker]] = {"before": {}, "before-round": {}, "inside": {}, "after": {}}
    for row in lexicons.table("number_markers.tsv"):
        m = Marker(row[0], row[1], row[2], row[3])
        out[m.where][m.text] = m
    return out


@dataclass(frozen=True, slots=True)
class Filter:
    name: str
    #: "at" (tried where the numeral starts) or "around" (searched; the numeral lies inside)
    where: str
    pattern: regex.Pattern[str]
    reason: str
    #: an `around` pattern's anchor: a literal every match holds, how far a match reaches
    #: before and after it (the pattern is searched only there), and what every match holds
    #: from that literal on, when the table says (a literal not followed by it is passed over)
    anchor: tuple[str, int, int, rx.Pattern | None] | None = None

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        """The matches of the pattern in ``text``, as ``pattern.finditer(text)`` finds them.

        With an anchor, only the stretches within reach of the anchor's literal are searched:
        every match lies inside the reach of the literal it holds, so a match found in the whole
        text lies inside one merged stretch, and the search of a stretch tries the same starts
        in the same order (what lies beyond a stretch could only have failed)."""
        if self.anchor is None:
            yield from self.pattern.finditer(text)
            return
        literal, before, after, then = self.anchor
        n = len(text)

        def find(q: int) -> int:
            q = text.find(literal, q)
            if then is not None:
                # a match's own literal is followed by what `then` reads: the other ones (most
                # 等 of a report: 等方面, 等工作) need no search around them
                while q >= 0 and then.match(text, q) is None:
                    q = text.find(literal, q + 1)
            return q

        q = find(0)
        while q >= 0:
            s, e = max(0, q - before), min(n, q + len(literal) + after)
            q = find(q + 1)
            while q >= 0 and q - before <= e:  # merge the stretches that touch
                e = min(n, q + len(literal) + after)
                q = find(q + 1)
            yield from self.pattern.finditer(text, s, e)


def _anchor(cell: str) -> tuple[str, int, int, rx.Pattern | None] | None:
    if not cell:
        return None
    literal, before, after, *then = cell.split()
    return literal, int(before), int(after), (rx.compile(then[0]) if then else None)


def _filter(row: tuple[str, ...]) -> Filter:
    name, where, pattern, reason, *rest = row
    return Filter(name, where, regex.compile(pattern, regex.M), reason, _anchor(rest[0] if rest else ""))


@lru_cache(maxsize=1)
def filters() -> tuple[Filter, ...]:
    """Every filter of ``number_filters.tsv``, in its order (the `around` ones are those of
    :func:`_around_filters`)."""
    around = iter(_around_filters())
    return tuple(next(around) if row[1] == "around" else _filter(row) for row in lexicons.table("number_filters.tsv"))


# Speed: the extractor reads the `around` filters one by one and the `at` filters only as one
# alternation; each `at` filter compiled alone (about 0.02 s for the 32) serves only why_not

@lru_cache(maxsize=1)
def _around_filters() -> tuple[Filter, ...]:
    return tuple(_filter(row) for row in lexicons.table("number_filters.tsv") if row[1] == "around")


class _AtFilters:
    """The `at` filters, asked with one ``match(text, pos)`` per candidate: whether one of them
    matches at ``pos``.

    Speed: a candidate starts with a numeral, a digit or a mask, and many filters cannot start
    with a digit (the session, the village group …) or with anything else (the phone, the
    timestamp …). So at ``pos`` only the filters that can start with its character are tried
    (:func:`wfltext.rx.first_chars`; a filter whose first characters cannot be told is always
    tried), in one of two alternations: those that can start with an ASCII digit, and those
    that can start with one of the other characters a candidate starts with
    (:data:`_OTHER_FIRSTS`); another character gets its own, rarely. 0.045 -> 0.035 s on the 28
    reports' 6,500 candidates, the same answers (``tests/test_numbers.py``); two alternations
    compiled once a process (0.02 s), where one per character cost 0.1 s.
    """

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = patterns
        firsts = [rx.first_chars(p) for p in patterns]
        self._firsts = [regex.compile(f, regex.M) if f is not None else None for f in firsts]
        self._by_char: dict[str, regex.Pattern[str] | None] = {}
        self._by_set: dict[tuple[int, ...], regex.Pattern[str] | None] = {}

    @cached_property
    def whole(self) -> regex.Pattern[str]:
        """All of them in one alternation (for a position at the text's end, and for the tests)."""
        return regex.compile("|".join(f"(?:{p})" for p in self.patterns), regex.M)

    def _rows(self, chars: str) -> tuple[int, ...]:
        """The filters that can start with one of ``chars``."""
        return tuple(k for k, f in enumerate(self._firsts) if f is None or any(f.fullmatch(c) for c in chars))

    def for_char(self, c: str) -> regex.Pattern[str] | None:
        """An alternation of the filters that can start with ``c``, and perhaps of others that
        cannot (None: no filter can)."""
        group = "0123456789" if c in "0123456789" else _OTHER_FIRSTS if c in _OTHER_FIRSTS else c
        chosen = self._rows(group)
        if chosen not in self._by_set:
            self._by_set[chosen] = regex.compile("|".join(f"(?:{self.patterns[k]})" for k in chosen), regex.M) if chosen else None
        return self._by_set[chosen]

    def match(self, text: str, pos: int) -> bool:
        """Whether an `at` filter matches at ``pos`` of ``text``."""
        if pos >= len(text):
            return self.whole.match(text, pos) is not None
        c = text[pos]
        try:
            rx_ = self._by_char[c]
        except KeyError:
            rx_ = self._by_char[c] = self.for_char(c)
        return rx_ is not None and rx_.match(text, pos) is not None


@lru_cache(maxsize=1)
def _at_filters() -> _AtFilters:
    """Every `at` filter, asked once per candidate."""
    return _AtFilters([row[2] for row in lexicons.table("number_filters.tsv") if row[1] == "at"])


@lru_cache(maxsize=1)
def _object_stops() -> dict[str, str]:
    """Words that delimit an object, with their role: measure, action or function."""
    return {word: role for word, role in lexicons.table("number_object_stops.tsv")}


# -- patterns ------------------------------------------------------------------------------------

_CN_DIGIT = "零〇○一二两三四五六七八九"
_FINANCIAL = "壹贰叁肆伍陆柒捌玖拾佰仟"
_ROUND = "十百千万亿拾佰仟"
# web pages write thousands with a full-width comma too (82，225.00元); elsewhere a full-width
# comma separates list items (12，345人 is two numbers), so it groups digits only in an amount with
# cents, or in three groups or more before 元
_WEB_GROUPS = r"(?<!\d)\d{1,3}+(?:，\d{3}(?!\d)){1,6}+(?=[.．]\d{2}(?!\d))|(?<!\d)\d{1,3}+(?:，\d{3}(?!\d)){2,6}+(?=元)"
_ARABIC = rf"(?:{_WEB_GROUPS}|\d{{1,20}}+(?:,\d{{3}}){{0,6}}+)(?:[.．]\d{{1,12}}+)?+"
# inner masks: some digits kept (5*0, 20xx, 1×个, *0名), also in a decimal (1*.5万元, 1.*万, *.**亿元);
# a × between digits is a mask only before a unit or a per cent sign (3×4 is a product)
_MASKED = (r"\d{0,12}[*＊]{1,6}\d{0,12}[.．][\d*＊]{1,12}|\d{1,12}[.．]\d{0,12}[*＊]{1,6}\d{0,12}"
           r"|\d{1,12}[*＊]{1,6}\d{0,12}|(?<![\d*＊])[*＊]{1,6}\d{1,12}"
           r"|(?:19|20)[xX×_]{2}(?![A-Za-z])|\d{1,12}[xX]{2,8}(?![A-Za-z])|\d{1,12}×{1,4}\d{0,12}(?=[\p{Han}%％])"
           # one X among digits before a unit or a per cent sign (9X%, 11X周年, X00名), and a masked
           # decimal (×.×万元); 4X100米 and X5 stay what they are
           r"|\d{1,12}[xX](?![\dA-Za-z])(?=[\p{Han}%％])|(?<![\dA-Za-z.×])[xX×]{1,2}\d{1,12}(?![\dA-Za-z.])(?=[名人户个元万亿千百%％次家项场期条所支届余多])"
           r"|(?<![\dA-Za-z.×])[xX×]{1,4}[.．][xX×\d]{1,4}(?![\dA-Za-z×])"
           # a decimal masked after its point (4.×亿元, 1.x万元)
           r"|(?<![\dA-Za-z.])\d{1,12}[.．][xX×]{1,4}(?![\dA-Za-z×])(?=[\p{Han}%％])")
#: the brackets a template site may put around a mask ([X]名, 【XX】万元, (*)户): part of the placeholder
_MASK_BRACKETS = ("[]", "【】", "()", "（）")
_OPENING_BRACKETS = "".join(o for o, _ in _MASK_BRACKETS)


def _bracketed(inner: str) -> str:
    """``inner`` inside each pair of :data:`_MASK_BRACKETS`, as alternatives of a pattern."""
    return "|".join(f"{regex.escape(o)}{inner}{regex.escape(c)}" for o, c in _MASK_BRACKETS)


# a whole mask: template sites replace every digit (培训**人, * ***人次, X名, ××个); it is a number
# only with a unit after it (_is_quantity), so ***同志 and **县 stay names. Not next to digits or
# Latin letters: 3×4 is a product, XL and Xbox are words. Blanks to fill in (__年, 共__人) are masks too.
_WHOLE_MASK = (r"(?<![\d*＊])[*＊]{1,8}+(?:[ \t]{1,2}[*＊]{1,8}+){0,3}+(?![\d])"
               r"|(?<![\dA-Za-z.×])(?:[xX]{1,6}+|×{1,6}+)(?![\dA-Za-z×])"
               r"|(?<![\dA-Za-z_])_{2,6}+(?![\dA-Za-z_])"
               "|" + _bracketed(r"(?:[xX]{1,4}|×{1,4}|[*＊]{1,4})"))
# 百 in 百分点 and 千 in 千瓦/千米/千克 begin a unit, not a numeral
# 兆 multiplies only before more numerals (四十九兆九千亿); 兆瓦 and 千兆 are units
# a financial numeral glued to Arabic digits is a word before a number (队伍8支), not one numeral
_CN_ATOM = (rf"[{_CN_DIGIT}]|[壹贰叁肆伍陆柒捌玖拾佰仟](?!\d)|十|亿|百(?!分[点之比位])|千(?![瓦米克卡伏帕])|万(?!分之)"
            rf"|兆(?=[{_CN_DIGIT}])")
_POINT = rf"(?<=[{_CN_DIGIT}壹贰叁肆伍陆柒捌玖十百千万拾佰仟])点(?=[{_CN_DIGIT}壹贰叁肆伍陆柒捌玖])"
_INFIX = rf"(?<=[\d{_CN_DIGIT}十百千拾佰仟])[余多几](?=[十百千万亿])"
# k after Arabic digits is a thousand (12k个百分点); 4K and 8K video are filtered as names
_KILO = r"(?<=\d)[kK](?![A-Za-z])"
_NUM = rf"(?:{_MASKED}|{_WHOLE_MASK}|{_ARABIC}|{_CN_ATOM}|{_POINT}|{_INFIX}|{_KILO}){{1,40}}+"
# a denominator may end in 百/千/万 (五百分之2.2, 百万分之五), which elsewhere start a unit
_DEN = rf"(?:{_ARABIC}|[{_CN_DIGIT}壹贰叁肆伍陆柒捌玖十百千万亿拾佰仟]){{1,12}}+"
# the rare branches of _CORE (per mille and fractions need 分之, a slash or a colon), then numerals
_CORE_RARE = (
    rf"(?<![\d{_CN_DIGIT}十百千万亿拾佰仟])(?P<pct>[百千万佰仟]|[百千]万|万万|百万万)分之(?P<pnum>{_NUM})",
    rf"(?P<den>{_DEN})分之(?P<fnum>{_NUM})",
    r"(?<![\d/])(?P<sa>\d{1,6})/(?P<sb>\d{1,6})(?![\d/])",
    rf"(?P<ra>{_ARABIC})[ \t]?[∶:：][ \t]?(?P<rb>{_ARABIC})(?P<rc>(?:[ \t]?[∶:：][ \t]?{_ARABIC}){{0,4}})(?![\d:：])",
)
_CORE_NUMERAL = rf"(?P<num>{_NUM}|半(?=成)|(?<![上下前后多大一两近每])半(?=年(?:来|以来|时间|工作|总结|多|内|[，。；,;])))"
_CORE = rx.compile("|".join((*_CORE_RARE, _CORE_NUMERAL)))
#: every character a match of _CORE_NUMERAL can start with (the first characters of _MASKED,
#: _WHOLE_MASK, _ARABIC, _CN_ATOM, _POINT, _INFIX, _KILO and 半)
_NUMERAL_FIRST = rf"\d*＊xX×_{regex.escape(_OPENING_BRACKETS)}{_CN_DIGIT}壹贰叁肆伍陆柒捌玖拾佰仟十亿百千万兆点余多几kK半"
#: the characters other than ASCII digits a candidate starts with (those of _NUMERAL_FIRST, the
#: rare branches' 百千万 and 首 of 首届): the `at` filters are put together for all of them at once
_OTHER_FIRSTS = _CN_DIGIT + _FINANCIAL + "十亿百千万兆点余多几kK半*＊xX×_" + _OPENING_BRACKETS + "首"
#: for :func:`_core_finditer`: the numeral branch of _CORE alone (its match has _CORE's groups:
#: the others, in a part that never matches, are None), and each rare branch alone
#: (the rare branches' group names are read off their source, in order: compiling them as one
#: alternation only for its groupindex cost 0.013 s a process). Led by a look-ahead for one of
#: _NUMERAL_FIRST, the numeral scan passes over the other positions without trying its
#: alternatives at each (0.15 -> 0.12 s on the corpus, the same matches: tests/test_numbers.py)
_CORE_NUMERALS = rx.compile(rf"(?=[{_NUMERAL_FIRST}])" + _CORE_NUMERAL + "(?:(?!)" + "".join(
    f"(?P<{g}>)" for g in dict.fromkeys(re.findall(r"\(\?P<(\w+)>", "|".join(_CORE_RARE)))) + ")?")
_CORE_RARES = tuple(regex.compile(branch) for branch in _CORE_RARE)
#: what every match of each rare branch holds (分之; digits around / and around a colon): a text
#: without it is not scanned for the branch (the ratio's scan 0.008 s on the corpus, its hint 0.002)
_CORE_RARE_HINTS = tuple(regex.compile(h) for h in ("分之", "分之", r"\d/\d", r"\d[ \t]?[∶:：][ \t]?\d"))


def _core_finditer(text: str) -> Iterator[rx.Match]:
    """The matches of ``_CORE.finditer(text)``.

    Speed: at every position ``_CORE`` tries its five branches in turn (0.14 s on the corpus);
    the numeral branch alone scans in 0.08 s and the four rare ones, each alone, in 0.02 s (as
    one alternation they lose regex's fast paths: 0.08 s). So the positions where a rare branch
    matches are found first (overlapped scans: every position), and the numerals are scanned
    alone between them: before the next such position nothing but a numeral can start, so the
    numeral scan's match is ``_CORE``'s; at that position ``_CORE`` itself decides.
    """
    rare = sorted({m.start() for rx, hint in zip(_CORE_RARES, _CORE_RARE_HINTS) if hint.search(text)
                   for m in rx.finditer(text, overlapped=True)})
    if not rare:
        yield from _CORE_NUMERALS.finditer(text)
        return
    beyond = len(text) + 1
    pos = r = 0
    while True:
        while r < len(rare) and rare[r] < pos:
            r += 1
        k = rare[r] if r < len(rare) else beyond  # the next position where a rare branch matches
        for m in _CORE_NUMERALS.finditer(text, pos):
            if m.start() >= k:
                break
            yield m
            pos = m.end()
            while r < len(rare) and rare[r] < pos:
                r += 1
            k = rare[r] if r < len(rare) else beyond
        if k == beyond:
            return
        m = _CORE.match(text, k)  # never None: a rare branch matches there
        if m is None:
            return
        yield m
        pos = m.end()
_PCT_UNIT = {"百": "%", "佰": "%", "千": "‰", "仟": "‰", "万": "‱"}
_PER = {"百万": 10**6, "千万": 10**7, "万万": 10**8, "百万万": 10**10}

_Y = r"(?:1\d|20|21)\d{2}"
# a year written digit by digit: 两 never stands for a digit there (一九五两年 is no year)
# a year in Chinese digits; typed with an Arabic 0 for 〇 (二0一二年) too
_YCN = r"[零〇○一二三四五六七八九][零〇○0一二三四五六七八九]{3}"
_M = r"1[0-2]|0?[1-9]"
_MCN = r"十[一二]|十|[一二三四五六七八九]"
_D = r"3[01]|[12]\d|0?[1-9]"
_DCN = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
# a masked month or day (xx月xx日; a masked month alone in a list or before 份/中/底: x月、x月和x月)
_MASK2 = rf"(?:[xX×*＊_]{{1,2}}|{_bracketed('[xX×*＊]{1,2}')})"  # [X]月: in brackets too
# a range's dash: one or two of them (1万元--5万元, as web pages write it)
_CONN = r"[ \t]?(?:至|到|—{1,2}|―{1,2}|–|－{1,2}|-{1,2}|～|~|〜)[ \t]?"
# 份 after a month (5月份, 2022年5月份, 20xx年11月份) is in the date's span, as every annotator of
# the scraped sets writes it (a masked date is scored on its text)
_DATE = regex.compile(
    rf"(?P<iy>(?:1[89]|20)\d{{2}})(?P<sep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=sep)(?P<id>3[01]|[12]\d|0?[1-9])(?![\d.])"
    rf"|(?P<ry1>{_Y})(?:学?年)?{_CONN}(?P<ry2>{_Y})(?:年度|学年|年(?!代))"
    rf"|(?P<dec>1\d{{2}}0|20\d0|[1-9]0|[一二三四五六七八九]十)年代"
    rf"|(?P<y>{_Y}|{_YCN})[ \t]?年(?:度)?(?:[ \t]?(?P<ym>{_M}|{_MCN})(?:[ \t]?月)?(?:{_CONN}(?P<ym2>{_M}|{_MCN}))?[ \t]?月"
    rf"(?:[ \t]?(?P<yd>{_D}|{_DCN})(?:[ \t]?[日号](?:{_CONN}(?P<yd2>{_D}|{_DCN})[ \t]?[日号])?|{_CONN}(?P<yd2>{_D}|{_DCN})[ \t]?[日号])"
    rf"|[ \t]?(?P<ydm>(?<![A-Za-z]){_MASK2})[ \t]?[日号]|份)?)?"
    rf"|(?P<m>{_M}|{_MCN})(?:[ \t]?月)?(?:{_CONN}(?P<m2>{_M}|{_MCN}))?[ \t]?月(?:份)?"
    rf"(?:[ \t]?(?P<d>{_D}|{_DCN})(?:[ \t]?[日号](?:{_CONN}(?P<d2>{_D}|{_DCN})[ \t]?[日号])?|{_CONN}(?P<d2>{_D}|{_DCN})[ \t]?[日号])"
    rf"|[ \t]?(?P<dm>(?<![A-Za-z]){_MASK2})[ \t]?[日号])?"
    rf"|(?P<cy>(?:19|20)\d{{2}})(?P<cm>0[1-9]|1[0-2])(?P<cd>0[1-9]|[12]\d|3[01])(?![\d.])"
    rf"|(?P<fm>1[0-2]|0?[1-9])(?P<fsep>[.·・])(?P<fd>3[01]|[12]\d|0?[1-9])(?!\d)"
    rf"|(?P<yn>(?:19|20)\d{{2}})(?=[·•“\u4e00-\u9fff]|[ \t]{{0,2}}(?:\n|$|[，。、；：！？,;!?]))"
    rf"|(?P<my>(?:19|20)[ \t]?[xX×_]{{2,3}}|(?:19|20)\d[xX×_]|\d{{2,3}}[*＊]{{1,2}}|(?<!\d)2[xX×]{{2,3}}"
    rf"|[一二][〇零○0][〇零○0一二三四五六七八九]?[xX×*＊_]{{1,2}}(?=[ \t]?年)"
    rf"|(?:(?<![A-Za-z])[xX×]{{2,4}}|[*＊]{{2,4}}|(?<![A-Za-z0-9_])_{{2,4}}"
    rf"|{_bracketed('[xX×*＊]{1,4}')})(?=[ \t]?年(?![来间内])))[ \t]?年(?:度)?"
    rf"(?:[ \t]?(?:{_M}|{_MCN}|{_MASK2})[ \t]?月(?:[ \t]?(?:{_D}|{_DCN}|{_MASK2})[ \t]?[日号]|份)?)?"
    rf"|(?P<mm>(?<![A-Za-z]){_MASK2})[ \t]?月(?:[ \t]?(?:{_D}|{_MASK2})[ \t]?[日号]|份|(?=[、，,和及至到中底初]|分别|以来|起))"
)
#: _DATE's group names in the order of their numbers (every group of it is named): a match's
#: groups as a dict are ``dict(zip(_DATE_GROUPS, m.groups()))``, 2.6 us where regex's
#: ``groupdict()`` takes 14 us for the 27 groups
_DATE_GROUPS = tuple(sorted(_DATE.groupindex, key=_DATE.groupindex.__getitem__))
_RANGE = regex.compile(_CONN)
_RANGE_FIRST = frozenset(" \t至到—―–－-～~〜")
# a date needs one of these right after its first numeral (2014年, 3月, 3·8, 2021—2025年), or is
# a month.day read as one decimal (11.25) or a bare four- or eight-digit year (2025论坛, 19540924)
_DATE_NEXT = frozenset("年月日号.·・-/－—―–至到~～〜 \t")
# 50元6角三分, 五元三毛: the 角 and 分 of an amount in 元
_CHANGE = regex.compile(rf"(?P<j>[\d{_CN_DIGIT}])[角毛](?:(?P<f>[\d{_CN_DIGIT}])分(?![之钟]))?|(?P<f2>[\d{_CN_DIGIT}])分(?![之钟])")
_FESTIVAL_NAME = regex.compile(r"[^，。；：！？、\n\d]{0,12}?[日节]")
_NUMERAL_CHARS = frozenset(_CN_DIGIT + _FINANCIAL + _ROUND + "0123456789")
_SIGNS = "-－−"


def _glued_to_latin(c: str) -> bool:
    return c == "_" or c.isascii() and c.isalpha()


def _is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"


# -- results -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Found:
    """A number found in normalized text: span, rule, and the record's fields."""

    start: int
    end: int
    text: str
    rule: str
    value: Number | None = None
    unit: str | None = None
    kind: str = "other"
    object: str | None = None
    approx: bool = False
    bound: str | None = None
    range: tuple[Number | None, Number | None] | None = None
    masked: bool = False
    date: str | None = None
    #: where the numeral itself starts (filters look here)
    core: int = field(default=-1, compare=False)
    #: False for what is read only so that its parts are not read alone (8.3∶41.4∶50.3)
    emit: bool = field(default=True, compare=False)

    def fields(self) -> dict:
        return {"value": self.value, "unit": self.unit, "kind": self.kind, "object": self.object,
                "approx": self.approx, "bound": self.bound, "range": self.range, "masked": self.masked,
                "date": self.date}


# -- the scanner ---------------------------------------------------------------------------------


def find(text: str) -> list[Found]:
    """Every number of ``text`` (normalized text), in order, not overlapping.

    Spaces inside a numeric expression (百 分 之 2.4, 8 .8 %, 74772 亿元: letter-spaced pages)
    are read through; the spans returned are spans of ``text``, spaces included.
    """
    view, shifts = _despace(text)
    found = _scan(view)
    if shifts is not None:
        for f in found:
            f.start, f.end, f.core = shifts.back(f.start), shifts.back(f.end - 1) + 1, shifts.back(f.core)
            f.text = text[f.start:f.end]
    site = _site_title_years(text) | _compilation_title_numbers(text) | _template_title_numbers(text)
    if found and "篇" in text:
        site |= _compilation_counts(text)
    if found:
        site |= _page_stats(text)
        site |= _repeated_title_numbers(text, found, site)
    return [f for f in found if f.start not in site] if site else found


#: how many reports a template site's page collects (县妇联2023年工作总结模板6篇, 范文大全(精选7篇),
#: 为您带来了…工作总结5篇，相信一定会对你有所帮助): site text, not a number of the report. After a
#: word of compilation (范文, 锦集, 精选 …) the count is always the site's; after a genre word alone
#: (工作总结5篇) only where the site's address to its reader follows, or at the end of one of the
#: page's first lines (its title) — a report's own 撰写调研报告5篇 in a list item stays a number
_COMPILATION_WORD = r"(?:范文|范例|例文|范本|模板|模版|锦集|集锦|汇编|大全|精选|通用|合集|汇总|优选|推荐|赏析)"
_GENRE_WORD = r"(?:总结|计划|规划|报告|汇报|讲话稿|讲话|发言稿|发言|材料|方案|要点|心得体会|心得|体会|述职|致辞)"
#: an English gloss a site puts after a genre word (工会2021年总结(summary)五篇)
_GLOSS = r"(?:[(（][A-Za-z ]{1,20}[)）])?"
_COUNT_OF_REPORTS = r"[\d一二三四五六七八九十]{1,3}篇"
_COMPILATION_COUNT = regex.compile(
    rf"(?<={_COMPILATION_WORD}[ \t]{{0,2}}(?:[(（][ \t]{{0,2}}{_COMPILATION_WORD}?[ \t]{{0,2}})?){_COUNT_OF_REPORTS}"
    # a site's blurb before the reports it collects: 为您精心挑选的10篇关工委总结, 整理了5篇…
    rf"|(?<=(?:挑选|筛选|整理|收集|搜集|精选|汇总)(?:了|的)[ \t]{{0,2}}){_COUNT_OF_REPORTS}"
    # in brackets closing a title (at the line's end, before the next bracket, a file's extension
    # or a closing quote), a word of praise or kind before the count: 工作计划【精彩5篇】,
    # 总结例文（二篇）, 述职报告【三篇】【篇一】, 工作规划(2篇).docx — not 心得体会(8篇)获奖
    rf"|(?<={_GENRE_WORD}(?:{_COMPILATION_WORD}|\p{{Han}}){{0,4}}[ \t]{{0,2}}[(（【][ \t]{{0,2}}\p{{Han}}{{0,3}}){_COUNT_OF_REPORTS}"
    r"(?=[ \t]{0,2}[)）】][ \t\u3000]{0,4}(?:\n|\Z|[【.．”\"]))"
    rf"|(?<={_GENRE_WORD}{_GLOSS}[ \t]{{0,2}}(?:[(（][ \t]{{0,2}}共?)?){_COUNT_OF_REPORTS}"
    r"(?=[ \t]{0,2}[)）]?[ \t]{0,2}[，,。!！]?[ \t]{0,2}(?:相信|希望|供您|供你|供大家|仅供|欢迎|感谢|快来|一起来|请您|请大家))"
    # the chunk's marker in brackets after a report's title: 活动总结(精选篇1), 工作总结（篇3）
    rf"|(?<={_GENRE_WORD}[ \t]{{0,2}}[(（](?:{_COMPILATION_WORD}|共)?篇)[\d一二三四五六七八九十]{{1,2}}(?=[)）])")
#: the count ends a title line, or a title that the page runs on into the report after spaces
#: (学校工会工作报告7篇 根据…)
_TITLE_COUNT = regex.compile(
    rf"(?<={_GENRE_WORD}[ \t]{{0,2}}(?:[(（][ \t]{{0,2}}共?)?){_COUNT_OF_REPORTS}(?=[ \t]{{0,2}}[)）]?[ \t\u3000]{{0,4}}$|[ \t\u3000]{{1,4}}\S)")


def _all_at(text: str, char: str) -> Iterator[int]:
    """Every position of ``char`` in ``text``."""
    i = text.find(char)
    while i >= 0:
        yield i
        i = text.find(char, i + 1)


def _compilation_count_starts(text: str) -> set[int]:
    """The starts of ``_COMPILATION_COUNT.finditer(text)``.

    Speed: every match is a count right before a 篇 (the first three branches) or right after
    one (the fourth), so the pattern is tried only there, in order, as its finditer would try it
    (0.018 -> 0.001 s on the 28 reports; the same matches: tests/test_numbers.py).
    """
    out: set[int] = set()
    end = 0
    for p in sorted({p for i in _all_at(text, "篇") for p in (i - 3, i - 2, i - 1, i + 1) if p >= 0}):
        if p < end:
            continue
        m = _COMPILATION_COUNT.match(text, p)
        if m is not None:
            out.add(p)
            end = m.end()
    return out


def _compilation_counts(text: str) -> set[int]:
    """Where a template site counts the reports its page collects (:data:`_COMPILATION_COUNT`, and
    at the end of one of the page's first three lines, :data:`_TITLE_COUNT`).

    >>> t = "2022妇女活动总结8篇\\n小编为您带来了2022妇女活动总结8篇，相信一定会对你有所帮助。\\n撰写调研报告5篇。"
    >>> sorted(t[i:i + 2] for i in _compilation_counts(t))
    ['8篇', '8篇']
    """
    out = _compilation_count_starts(text)
    lines, starts = _first_lines(text, 600)
    for i in _not_blank(lines, 3):
        m = _TITLE_COUNT.search(lines[i])
        if m is not None and not any(c in lines[i][: m.start()] for c in "，。；,;"):  # a title, not a sentence
            out.add(starts[i] + m.start())
    return out


#: a template site's reading statistics on a line of their own (阅读提示：本篇共有3772个字，预计阅读
#: 时间为10分钟，共有117位用户关注，39人点赞; 2025-10-05 人已围观): every number of such a line is
#: site text. A line is one when it holds one of these phrases and is short (a report's paragraph
#: that quotes a figure of attention, 获得2万余人点赞, is not)
_PAGE_STATS = rx.compile(r"阅读提示|本(?:篇|文)共有|预计阅读时间|阅读时长|位用户关注|位网友关注|人已围观|人已阅读|人已下载|人已收藏")
_PAGE_STATS_LINE_MAX = 120


def _page_stats(text: str) -> set[int]:
    """Positions of the lines that give a page's reading statistics (:data:`_PAGE_STATS`).

    >>> t = "阅读提示：本篇共有3772个字，预计阅读时间为10分钟\\n全年培训妇女300人。"
    >>> sorted(_page_stats(t)) == list(range(0, t.index("\\n")))
    True
    """
    out: set[int] = set()
    for m in _PAGE_STATS.finditer(text):
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        le = len(text) if le < 0 else le
        if le - ls <= _PAGE_STATS_LINE_MAX:
            out.update(range(ls, le))
    return out


#: a site's title of a template (企业党支部2025年工作总结范文): a genre word, then 范文/模板/范本
_TEMPLATE_TITLE = regex.compile(
    r"[ \t\u3000]{0,4}+[^\n，。；！？,;!?]{2,40}?(?P<g>总结|计划|报告|汇报|讲话稿|讲话|发言稿|发言|材料|方案|要点)"
    r"(?:范文|范本|模板|模版)(?:大全|精选)?[ \t\u3000]{0,4}")
_OWN_HEADING = regex.compile(r"[ \t\u3000]{0,4}+[^\n，。；！？,;!?]{2,60}?(?P<g>总结|计划|报告|汇报|讲话稿|讲话|发言稿|发言|材料|方案|要点)[ \t\u3000]{0,4}")


def _first_lines(text: str, limit: int) -> tuple[list[str], list[int]]:
    """The lines of ``text[:limit]`` and where each starts."""
    lines = text[:limit].split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return lines, starts


def _not_blank(lines: list[str], most: int) -> Iterator[int]:
    """The indexes of the first ``most`` lines that are not blank."""
    seen = 0
    for i, line in enumerate(lines):
        if line.strip():
            seen += 1
            if seen > most:
                return
            yield i


def _head_matches(text: str, limit: int, most: int, pattern: regex.Pattern[str]) -> Iterator[tuple[list[str], list[int], int, regex.Match[str]]]:
    """``(lines, starts, i, match)`` for each of the first ``most`` lines of ``text[:limit]`` that
    are not blank and that ``pattern`` matches whole."""
    lines, starts = _first_lines(text, limit)
    for i in _not_blank(lines, most):
        m = pattern.fullmatch(lines[i])
        if m is not None:
            yield lines, starts, i, m


def _template_title_numbers(text: str) -> set[int]:
    """Where a page's first lines give a site's title of a template (企业党支部2025年工作总结范文) and
    then the report's own heading of the same genre (蔺川…公司党支部2025年工作总结): the site's title
    is site text, its numbers go; the heading keeps its own. With no heading of its own after it,
    the title stays.

    >>> t = "企业党支部2025年工作总结范文\\n发布时间：2025-12-19\\n公司党支部2025年工作总结\\n2025年，…"
    >>> s = _template_title_numbers(t); t[min(s):max(s) + 1]
    '企业党支部2025年工作总结范文'
    """
    out: set[int] = set()
    if "范" not in text[:800] and "模" not in text[:800]:
        return out
    for lines, starts, i, m in _head_matches(text, 800, 6, _TEMPLATE_TITLE):
        line = lines[i]
        after = lines[i + 1:]
        for j in _not_blank(after, 3):
            h = _OWN_HEADING.fullmatch(after[j])
            if h is not None and h.group("g") == m.group("g"):
                out.update(range(starts[i], starts[i] + len(line)))
                break
    return out


#: a compilation's marker before or after a report's title on its line (第一篇：, 第1篇, 篇1)
_COMPILATION_LINE = regex.compile(
    r"[ \t\u3000]{0,4}+(?:【?第[\d一二三四五六七八九十]{1,2}篇】?[：:、 \t]{0,2}|篇[\d一二三四五六七八九十]{1,2}[：:、 \t]{1,2})"
    r"(?P<t>[^\n]{4,60}?)[ \t\u3000]{0,4}|[ \t\u3000]{0,4}+(?P<t2>[^\n]{4,60}?)[ \t]{0,2}篇[\d一二三四五六七八九十]{1,2}[ \t\u3000]{0,4}")


def _compilation_title_numbers(text: str) -> set[int]:
    """Where a compilation's marker line (第一篇：乡镇残联2010年上半年工作总结) is followed by the
    report's own title printed again without the marker (乡镇残联2010年上半年工作总结): the title
    gives its records once, so the numbers of the marker line go (the report's heading keeps its own).

    >>> t = "第一篇：乡镇残联2010年工作总结\\n乡镇残联2010年工作总结\\n2010年，…"
    >>> s = _compilation_title_numbers(t); t[min(s):max(s) + 1]
    '第一篇：乡镇残联2010年工作总结'
    """
    out: set[int] = set()
    for lines, starts, i, m in _head_matches(text, 1500, 8, _COMPILATION_LINE):
        line = lines[i]
        title = (m.group("t") or m.group("t2") or "").strip()
        nxt = next((x.strip(" \t\u3000") for x in lines[i + 1:i + 4] if x.strip()), "")
        if title and nxt == title:
            out.update(range(starts[i], starts[i] + len(line)))
    return out


#: a year at the start of one of a page's first lines, before a report's title (2022劳动竞赛工作总结)
_TITLE_YEAR = regex.compile(
    r"(?m)^[ \t\u3000]{0,4}+(?P<y>(?:19|20)(?:\d{2}|\d?[xX×*＊_]{1,2})|[xX×*＊_]{2,4})年?"
    r"(?P<t>[^\n，。；：！？,;:!?、“”《》()（）\d]{2,30}?(?:总结|计划|报告|汇报|讲话稿|讲话|发言|材料|方案|要点))")
#: what may stand before the report's own heading at a line start: an outline, compilation or
#: chunk marker and a year of its own (20xx共青团工作总结(一), 1、区妇联…工作计划)
_HEADING_LEAD = regex.compile(
    r"(?:^|\n)[ \t\u3000]{0,4}(?:第?[\d一二三四五六七八九十]{1,2}篇[：:、 ]?|[\d一二三四五六七八九十]{1,2}[、.．]|篇[\d一二三四五六七八九十]{1,2}[：:、 ]?)?"
    r"[ \t]{0,2}(?:(?:19|20)(?:\d{2}|\d?[xX×*＊_]{1,2})|[xX×*＊_]{2,4})?年?度?[ \t]{0,2}$")


def _site_title_years(text: str) -> set[int]:
    """Where a page's own title (its first lines) puts a year before a report's title that the
    report's heading, right after, gives without that year — 2022劳动竞赛工作总结 run into
    劳动竞赛工作总结, 2016乡镇妇联工作总结 over 妇联工作总结, 2022共青团工作总结 over 20xx共青团工作总结(一),
    202X年区妇联…工作计划 over 1、区妇联…工作计划 — the year is the site's, not the report's: the
    site's page title is site text where it differs from the report's own heading, as every
    annotator of the scraped sets reads it. A title repeated with its year, or a body that opens
    with the year (2021年工作总结 / 2021年，全县…), keeps it.

    >>> sorted(_site_title_years("2016乡镇妇联工作总结\\n\\n妇联工作总结\\n\\nXX年，县妇联…"))
    [0]
    >>> sorted(_site_title_years("2021年妇联工作总结\\n2021年，县妇联在…"))
    []
    """
    head = text[:600]
    out: set[int] = set()
    for m in _TITLE_YEAR.finditer(head):
        if sum(1 for line in head[:m.start()].split("\n") if line.strip()) > 5:
            break  # the page's first lines only
        title, year = m.group("t"), m.group("y")
        window = head[m.end():m.end() + 400]
        hit = False
        for k in range(0, len(title) - 3):
            core = title[k:]
            i = window.find(core)
            while i >= 0 and not hit:
                lead = window[:i]
                if i == 0 and k == 0:
                    hit = True  # 2022劳动竞赛工作总结劳动竞赛工作总结: the heading run in
                elif _HEADING_LEAD.search(lead) and not lead.rstrip(" \t年度").endswith(year):
                    hit = True
                i = window.find(core, i + 1)
            if hit:
                break
        if hit:
            out.add(m.start("y"))
    return out


#: a title line of the page's head with what may stand before it: a compilation's marker
#: (第一篇：, 篇2), a chunk's marker (1、) and a placeholder for the unit's name (某某, **, XX)
_TITLE_LINE = regex.compile(
    r"[ \t\u3000]{0,4}+(?:【?第[\d一二三四五六七八九十]{1,2}篇】?[：:、 \t]{0,2}|篇[\d一二三四五六七八九十]{1,2}[：:、 \t]{0,2}|\d{1,2}[、.．])?"
    r"(?:某某|[*＊xX×_]{2,4})?(?P<t>[^\n，。；！？,;!?]{2,60}?(?:总结|计划|报告|汇报|讲话稿|讲话|发言稿|发言|材料|方案|要点))[ \t\u3000]{0,4}")


def _repeated_title_numbers(text: str, found: list[Found], site: set[int]) -> set[int]:
    """Where the report's title stands on several of the page's first lines (the site's page title,
    a compilation's marker line, the title printed again: 社区2014年上半年党建工作总结 /
    第一篇：某某社区2014年上半年党建工作总结 / 某某社区2014年上半年党建工作总结), the title gives its
    numbers once (RECORDS.md: the first occurrence counts, the site's repeats are site text):
    of the lines that still give numbers, the last (the report's own heading, above its body)
    keeps them and the others' go. A title that differs in any character is another title.

    >>> t = "团市委半年工作总结\\n\\n今年以来,…\\n\\n团市委半年工作总结\\n\\n一、…"
    >>> [(f.start, f.text) for f in find(t)]
    [(22, '半年')]
    """
    lines, starts = _first_lines(text, 1500)
    groups: dict[str, list[int]] = {}
    for i in _not_blank(lines, 10):
        m = _TITLE_LINE.fullmatch(lines[i])
        if m is not None:
            groups.setdefault(m.group("t"), []).append(i)
    out: set[int] = set()
    for idxs in groups.values():
        if len(idxs) < 2:
            continue
        spans = [(starts[i], starts[i] + len(lines[i])) for i in idxs]
        holders = [(a, b) for a, b in spans if any(a <= f.start < b and f.start not in site for f in found)]
        for a, b in holders[:-1]:
            out.update(f.start for f in found if a <= f.start < b)
    return out


_SPACE_RUN = regex.compile(r"[ \t]{1,4}")
_NEAR_SPACE = frozenset(_CN_DIGIT + _FINANCIAL + _ROUND + "0123456789点.．分之%％‰成折个")


class _Shifts:
    """Where spaces were taken out: maps a position of the despaced text back."""

    def __init__(self, cuts: list[tuple[int, int]]) -> None:
        self.at: list[int] = []  # despaced positions where a cut was made
        self.total: list[int] = []  # characters removed up to and including that cut
        removed = 0
        for s, e in cuts:
            self.at.append(s - removed)
            removed += e - s
            self.total.append(removed)

    def back(self, pos: int) -> int:
        i = bisect.bisect_right(self.at, pos) - 1
        return pos + (self.total[i] if i >= 0 else 0)


#: a number a stray line break cut inside its digits, in the middle of a sentence (已就业的占6\n8.5%,
#: 培训农村妇女1\n500名, 学生2*\n*0人次): the line before runs on (at least eight characters, the
#: number's first digits right after a Chinese character) or is itself the short rest of a line cut
#: the same way (已就业\n的占6\n8.5%), and what follows the break is the rest
#: of the number with its unit — never a list's marker (2、 3.) or a year (2023年) opening a line
_WRAPPED_DIGITS = regex.compile(
    r"(?<=(?:^|\n)[^\n]{7,}+|\p{Han}\r?\n[^\n]{1,6}+)(?<=\p{Han}[\d*＊]{1,4})(\r?\n)(?=[\d*＊])"
    r"(?![\d*＊]{1,3}[、.．)）](?!\d))(?!\d{4}[ \t]?年)"
    r"(?=[\d*＊]{1,8}(?:[.．]\d{1,4})?[ \t]?(?:[%％‰万亿余多]|\p{Han}))")


#: an approximate pair written with a list's comma between its digits (费用高达五、六千元, 三、四十岁:
#: "five or six thousand", read as 五六千元 is): two neighbouring digits after a Chinese character
#: or a comma, the second with a multiplier after it. Not after 第, a numeral or a line's start
#: (第一、二期, an outline's 一、): those are lists
_PAIR_COMMA = regex.compile(r"(?<=[\p{Han}，,：:；;][一两二三四五六七八])"
                            r"(?<![第零〇一二两三四五六七八九十百千万亿][一两二三四五六七八])、(?=[两二三四五六七八九][十百千万])")


def _despace(text: str) -> tuple[str, _Shifts | None]:
    """Take out spaces between numeral characters, except between two Arabic numbers of several
    digits (a table's columns) and next to Latin letters (2.5 M, 5 G stay apart); also the line
    breaks inside a wrapped number (:data:`_WRAPPED_DIGITS`) and the comma of an approximate pair
    (:data:`_PAIR_COMMA`)."""
    cuts = []
    n = len(text)
    for m in _SPACE_RUN.finditer(text):
        s, e = m.span()
        if s == 0 or e >= n:
            continue
        a, b = text[s - 1], text[e]
        if a.isspace() or b.isspace():
            continue
        if a.isdigit() and b.isdigit() and (s > 1 and text[s - 2].isdigit() or e + 1 < n and text[e + 1].isdigit()):
            continue  # 2020 2021: two numbers; but 7 2 折 and 1 9 9 8 年 are letter-spaced digits
        if a.isascii() and a.isalpha() or b.isascii() and b.isalpha():
            continue
        if "\t" in text[s:e] and a in _NUMERAL_CHARS and b in _NUMERAL_CHARS:
            continue  # 四百五\t三百: a tab between two numerals separates a table's cells
        if a in _NEAR_SPACE or b in _NEAR_SPACE:
            cuts.append((s, e))
    if "\n" in text:
        cuts.extend(m.span(1) for m in _WRAPPED_DIGITS.finditer(text))
    if "、" in text:
        cuts.extend(m.span() for m in _PAIR_COMMA.finditer(text) if (text[m.start() - 1], text[m.end()]) in PAIRS)
    cuts.sort()
    if not cuts:
        return text, None
    parts, last = [], 0
    for s, e in cuts:
        parts.append(text[last:s])
        last = e
    parts.append(text[last:])
    return "".join(parts), _Shifts(cuts)


#: a numbered item's marker at a line start run into the month the item opens with (2.10月…, 3.5月4日…):
#: no decimal is followed by 月
_MONTH_AFTER_MARKER = regex.compile(r"(?<=(?:^|\n)[ \t\u3000]{0,4})\d{1,2}[.．](?=(?:1[0-2]|0?[1-9])月)")


def _scan(text: str) -> list[Found]:
    out: list[Found] = []
    vetoed = _Vetoes(text)
    pos = 0
    at_filters = _at_filters()
    n = len(text)
    for m in _core_finditer(text):
        start, core_end = m.span()
        if start < pos or vetoed(start):
            continue
        # the marker's digits are followed by a stop within two characters: most candidates
        # are not tried (a slice is cheaper than the pattern's look-behind)
        stops = text[start + 1:start + 3]
        marker = _MONTH_AFTER_MARKER.match(text, start) if "." in stops or "．" in stops else None
        if marker is not None:
            # 2.10月“敬老月”期间…: a list's number at a line start, then the month it opens with
            m = _CORE.match(text, marker.end())
            if m is None:
                continue
            start, core_end = m.span()
        if start > 0 and text[start].isdigit() and _glued_to_latin(text[start - 1]):
            pos = core_end  # PM2.5, G60, COP15: a code, not a number
            continue
        if text.startswith("一半", start) and not (start and text[start - 1] in _NUMERAL_CHARS):
            half = _half(text, start)
            if half is not None and not at_filters.match(text, start):
                out.append(half)
                pos = half.end
            continue
        if core_end - start == 1 and _bare_digit(text, start, core_end, n):
            continue
        found = _date(text, start, core_end) or _number(text, m)
        if found is None:
            continue
        # every rule keeps its numeral where the core starts: the `at` filters are tried there;
        # what a vetoed numeral took with it (the rest of 2026-02-03 09:02) is not a number either
        if at_filters.match(text, start) or not found.emit or _sums_up_list(text, start):
            pos = found.end
            continue
        out.append(found)
        pos = found.end
    if "首届" in text:
        _first_editions(text, out, vetoed, at_filters)
    _objects(text, out)
    return out


def _first_editions(text: str, out: list[Found], vetoed: "_Vetoes", at_filters: _AtFilters) -> None:
    """首届 (the first edition: 举办首届职工运动会) is the ordinal 第一届, value 1, unit 届, as the
    annotators of the scraped sets give it; inside a quoted or titled name it is part of the name."""
    added = False
    for m in regex.finditer("首届", text):
        s = m.start()
        if vetoed(s) or at_filters.match(text, s) or any(f.start <= s < f.end for f in out):
            continue
        out.append(Found(s, m.end(), m.group(), "ordinal 首届", value=1, unit="届", kind="ordinal", core=s))
        added = True
    if added:
        out.sort(key=lambda f: f.start)


_CN_DIGIT_SET = frozenset(_CN_DIGIT + _FINANCIAL)


def _half(text: str, start: int) -> Found | None:
    """一半 as a share (近一半的家庭, 超过一半): 0.5, unit null, kind percent, as the held-out set's
    annotator writes it; 一半天, 一半年 and the like are no share.

    >>> f = _half("农村家庭占比近一半。", 7); (f.text, f.value, f.kind, f.approx)
    ('近一半', 0.5, 'percent', True)
    """
    end = start + 2
    if end < len(text) and text[end] in "天年月日时":
        return None
    begin, approx, bound = start, False, None
    before = _before_marker(text, start, False)
    if before is not None:
        begin -= len(before.text)
        if before.field == "approx":
            approx = True
        else:
            bound = before.value
    part = _Part(Numeral(Fraction(1, 2)), start, end)
    end = _read_after(text, part, end)  # 一半以上, 一半左右
    return Found(begin, end, text[begin:end], "half", value=to_number(Fraction(1, 2)), kind="percent",
                 approx=approx or part.approx, bound=bound or part.bound, core=start)

#: a count of a list's items right after the list: 分为硬件设施组、档案台帐组和流动人口组三组; with
#: 条 and 支 as well (…、…和…三条主线, …、…、…三支队伍: the studied pages write lists of lines of work
#: and of teams summed up so)
_LIST_COUNT = rx.compile(r"([二两三四五六七八九十])(?:个|项|组|大|类|种|条|支)(?!月|百分点|小时|星期|工作日|多|余|半)")
_LIST_ITEMS = regex.compile(r"[^、，。；：！？\n,;:!?“”]{1,16}")
_LIST_JOINERS = ("以及", "和", "及", "与")
_CLAUSE_STOPS = "，。；：！？\n,;:!?"


def _clause_before(text: str, start: int) -> str:
    """The clause that ends at ``start``, at most 80 characters back; a line break between two
    Han characters is a wrapped line (…、应急\n志愿者三支…), not the clause's end."""
    i = start
    while i > max(0, start - 80):
        c = text[i - 1]
        if c in _CLAUSE_STOPS and not (c == "\n" and i >= 2 and _is_cjk(text[i - 2]) and i < start and _is_cjk(text[i])):
            break
        i -= 1
    return text[i:start]


def _sums_up_list(text: str, start: int) -> bool:
    """An unquoted list of three or more items summed up by a count of exactly as many right after
    it (分为硬件设施组、档案台帐组和流动人口组三组; 思想旗帜、坚强核心、强国复兴、挺膺担当四个主题;
    …、…以及经审工作报告等四项报告) names the items just listed: it counts nothing new, as the
    annotators of every scraped set read it. A count that differs from the items (…和呼伦贝尔市委
    十项要求) counts something else; a count right after the joiner is the list's last item
    (建设了文化广场、农家书屋、长廊和三个活动中心). A pair summed up (细纱、织布两个车间) stays a count: the
    annotators of the development gold count it, and those of the scraped sets are split.

    >>> _sums_up_list("分为甲组、乙组和丙组三组", 10), _sums_up_list("规定、甲规定和市委十项要求", 9)
    (True, False)
    >>> _sums_up_list("建成书屋、广场、长廊和三个活动中心", 11), _sums_up_list("在细纱、织布两个车间", 6)
    (False, False)
    """
    m = _LIST_COUNT.match(text, start)
    if m is None:
        return False
    clause = _clause_before(text, start).replace("\n", "")
    if clause.endswith("等"):
        clause = clause[:-1]
    if not clause or clause.endswith(_LIST_JOINERS) or clause.endswith("、"):
        return False
    parts = clause.split("、")
    last = parts[-1]
    for j in _LIST_JOINERS:
        k = last.rfind(j)
        if k > 0 and k + len(j) < len(last):
            parts[-1:] = [last[:k], last[k + len(j):]]
            break
    if len(parts) < 3 or not all(_LIST_ITEMS.fullmatch(p) for p in parts[1:]):
        return False
    return len(parts) == _int(m.group(1))


def _bare_digit(text: str, start: int, end: int, n: int) -> bool:
    """A lone Chinese digit with nothing around it that could make it a number (一些, 统一, 三思):
    the common case, decided before the full reading."""
    if text[start] not in _CN_DIGIT_SET:
        return False
    nxt = text[end] if end < n else ""
    if nxt and (nxt in _unit_firsts() or nxt in markers()["inside"] or nxt in _RANGE_FIRST or nxt in "、月年日号·.点"):
        return False
    prv = text[start - 1] if start else ""
    return not prv or not (prv == "第" or prv in _marker_lasts() or prv in prefix_units() or prv in _SIGNS or prv == "负")


def extract(doc: "Document") -> list[Record]:
    """Number records of a Document (the extractor contract of :mod:`wfltext.extract`)."""
    return [doc.make_record(NumberRecord, f.start, f.end, rule=f.rule, **f.fields()) for f in find(doc.text)]


class _Vetoes:
    """Positions covered by an `around` ambiguity filter, computed once per text."""

    def __init__(self, text: str) -> None:
        spans = sorted((m.start(), m.end()) for f in _around_filters()
                       for m in f.finditer(text) if m.end() > m.start())
        self.starts = [s for s, _ in spans]
        # running maximum of ends, so one bisect answers "is p inside any span"
        self.ends: list[int] = []
        top = -1
        for _, e in spans:
            top = max(top, e)
            self.ends.append(top)

    def __call__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.ends[i] > pos


def why_not(text: str, pos: int) -> list[str]:
    """The filters that veto a numeral starting at ``pos``, as ``name: reason`` (for debugging).

    >>> [why.split(":")[0] for why in why_not("推进“两学一做”学习教育", 3)]
    ['quoted']
    """
    out = []
    for f in filters():
        if f.where == "at":
            hit = f.pattern.match(text, pos) is not None
        else:
            hit = any(m.start() <= pos < m.end() for m in f.pattern.finditer(text, max(0, pos - 100), min(len(text), pos + 100)))
        if hit:
            out.append(f"{f.name}: {f.reason}")
    return out


# -- dates ---------------------------------------------------------------------------------------


def _date(text: str, start: int, core_end: int) -> Found | None:
    if core_end < len(text) and text[core_end] not in _DATE_NEXT and core_end - start not in (4, 8) \
            and "." not in text[start:core_end]:
        return None
    m = _DATE.match(text, start)
    if not m:
        return None
    try:
        return _date_found(text, start, m)
    except ValueError:
        return None  # a date-shaped text whose parts are not numerals: not a date


def _date_found(text: str, start: int, m: regex.Match[str]) -> Found | None:
    g = dict(zip(_DATE_GROUPS, m.groups()))  # m.groupdict(), faster (at _DATE_GROUPS)
    end = m.end()
    if g["iy"]:
        date, rule = _iso(g["iy"], g["im"], g["id"]), "date y-m-d"
    elif g["ry1"]:
        if int(g["ry1"]) >= int(g["ry2"]):
            return None
        date, rule = f"{g['ry1']}/{g['ry2']}", "date year interval"
    elif g["dec"]:
        decade = _int(g["dec"])
        if decade < 100:
            decade += 1900
        date, rule = f"{decade}/{decade + 9}", "date decade"
    elif g["ydm"] or g["dm"]:
        # 2022年11月**日, 11月xx日: a date with its day masked is a masked date (date null)
        return Found(start, end, text[start:end], "date with a masked day", kind="date", masked=True, core=start)
    elif g["y"]:
        year = _int(g["y"])
        if g["ym2"]:
            date, rule = _interval(_iso(year, g["ym"]), _iso(year, g["ym2"])), "date year with month interval"
        elif g["yd2"]:
            date, rule = _interval(_iso(year, g["ym"], g["yd"]), _iso(year, g["ym"], g["yd2"])), "date day interval"
        else:
            date, rule = _iso(year, g["ym"], g["yd"]), "date year-month-day"
            tail = _date_tail(text, end, year, g["ym"], g["yd"])
            if tail is not None and date is not None:
                end, date, rule = tail[0], f"{date}/{tail[1]}", "date interval"
    elif g["m"]:
        if g["m2"]:
            date, rule = _interval(_iso(None, g["m"]), _iso(None, g["m2"])), "date month interval"
        elif g["d2"]:
            date, rule = _interval(_iso(None, g["m"], g["d"]), _iso(None, g["m"], g["d2"])), "date day interval"
        else:
            date, rule = _iso(None, g["m"], g["d"]), "date month-day"
            tail = _date_tail(text, end, None, g["m"], g["d"])
            if tail is not None and date is not None:
                end, date, rule = tail[0], f"{date}/{tail[1]}", "date interval"
    elif g["cy"]:
        if _unit_at(text, end, arabic=True) is not None or text[end:end + 1] in ("万", "亿", "%"):
            return None
        date, rule = _iso(g["cy"], g["cm"], g["cd"]), "date yyyymmdd"
    elif g["yn"]:
        # the year may end the text (一、2021 cut by the page): no character after it to read
        if _unit_at(text, end, arabic=True) is not None or text[end:end + 1] in _NOT_A_YEAR_AFTER:
            return None
        date, rule = g["yn"], "date year before a name"
    elif g["fm"]:
        if not _festival_date(text, m):
            return None
        date, rule = _iso(None, g["fm"], g["fd"]), "date m.d before a name"
    else:
        end = _masked_date_tail(text, start, end)
        return Found(start, end, text[start:end], "masked year", kind="date", masked=True, core=start)
    if date is None:
        return None
    return Found(start, end, text[start:end], rule, kind="date", date=date, core=start)


# the second end of a date interval: what it leaves out is the first end's (2021年7月10日至8月20日)
_DATE_END = regex.compile(
    rf"{_CONN}(?:(?P<y>{_Y}|{_YCN})[ \t]?年)?(?:(?P<m>{_M}|{_MCN})[ \t]?月)?(?:(?P<d>{_D}|{_DCN})[ \t]?[日号])?")


def _date_tail(text: str, end: int, year: int | None, month: str | None, day: str | None) -> tuple[int, str] | None:
    """The second end of an interval from one date to another of the same precision, with the
    parts it leaves out taken from the first: 7月10日至8月20日, 2021年7月至2022年3月.

    >>> _date_tail("2021年7月10日至8月20日", 10, 2021, "7", "10")
    (16, '2021-08-20')
    >>> _date_tail("7月10日至8月", 5, None, "7", "10") is None
    True
    """
    if month is None or end >= len(text) or text[end] not in _RANGE_FIRST:
        return None
    m = _DATE_END.match(text, end)
    if m is None or m.group("m") is None or (m.group("d") is None) != (day is None):
        return None
    if m.group("y") is None and m.group("d") is None:
        return None  # 7月至8月 is read whole by the date pattern; 7月至8 is no date
    y2 = _int(m.group("y")) if m.group("y") else year
    if m.group("y") and year is None:
        return None
    first, second = _iso(year, month, day), _iso(y2, m.group("m"), m.group("d"))
    if first is None or second is None or second <= first:
        return None
    return m.end(), second


def _masked_date_tail(text: str, start: int, end: int) -> int:
    """The end of a date with a masked year that runs on to the second end of an interval, as a
    date with its year written does (20xx年10月1日至10月31日, 20xx年5月6日至8日, 20xx年3月至6月):
    one record, masked; the second end has the first's precision.

    >>> t = "20xx年10月1日至10月31日。"; t[:_masked_date_tail(t, 0, 10)]
    '20xx年10月1日至10月31日'
    >>> t = "20xx年5月6日至8日"; t[:_masked_date_tail(t, 0, 9)]
    '20xx年5月6日至8日'
    >>> t = "20xx年3月至6月，"; t[:_masked_date_tail(t, 0, 7)]
    '20xx年3月至6月'
    >>> t = "20xx年3月至6日"; t[:_masked_date_tail(t, 0, 7)]
    '20xx年3月'
    """
    if end >= len(text) or text[end] not in _RANGE_FIRST or text[end - 1] not in "月日号":
        return end
    m = _DATE_END.match(text, end)
    if m is None or m.group("y") is not None:
        return end
    if text[end - 1] == "月":
        return m.end() if m.group("m") is not None and m.group("d") is None else end
    return m.end() if m.group("d") is not None else end


def _interval(a: str | None, b: str | None) -> str | None:
    return f"{a}/{b}" if a and b else None


def _int(s: str) -> int:
    s = s.strip()
    if s.isascii() and s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in _YEAR_DIGITS for c in s):
        return int("".join(_YEAR_DIGITS[c] for c in s))  # 二0一二: a year digit by digit
    return int(read(s).exact or 0)


_YEAR_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0", "0": "0"}


def _iso(year: int | str | None, month: str | None = None, day: str | None = None) -> str | None:
    """ISO-like partial date: 2004, 2004-06, --11-25, 2004-06-01.

    >>> _iso(2004, "6"), _iso(None, "十一", "二十五"), _iso("1998", "3", "5")
    ('2004-06', '--11-25', '1998-03-05')
    """
    y = _int(str(year)) if year is not None else None
    mo = _int(month) if month else None
    d = _int(day) if day else None
    if mo is not None and not 1 <= mo <= 12 or d is not None and not 1 <= d <= 31:
        return None
    head = f"{y:04d}" if y is not None else "-"
    if mo is None:
        return head
    out = f"{head}-{mo:02d}"
    return f"{out}-{d:02d}" if d is not None else out


#: what after a four-digit number makes it a quantity, not a year before a name (2021万, 2021余)
_NOT_A_YEAR_AFTER = frozenset("万亿多余左以至到")


def _festival_date(text: str, m: regex.Match[str]) -> bool:
    """11.25国际消除家庭暴力日, 3·8: a month.day before a name, not a decimal before a unit."""
    if m.group("fsep") != ".":
        return True
    end = m.end()
    if end >= len(text) or not _is_cjk(text[end]) or text[end] in _NUMERAL_CHARS or text[m.start() - 1:m.start()] == "第":
        return False
    if _unit_at(text, end, arabic=True) is not None or text[end] in "万亿多余左以":
        return False
    # the name that follows is a day's: 11.25国际消除家庭暴力日, 3.8妇女节, 3.15消费者权益日
    name = _FESTIVAL_NAME.match(text, end)
    return name is not None


# -- numbers -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Part:
    """One numeral with what follows it: 1800余人以上."""

    numeral: Numeral
    start: int
    end: int
    unit: Unit | None = None
    #: where the numeral ends (end moves on over the unit and markers)
    core_end: int = -1
    approx: bool = False
    bound: str | None = None
    extra: Fraction = Fraction(0)
    percent: str | None = None
    #: "分之" or "a/b" for a fraction
    fraction: str = ""


#: the next number of a pair written with 个百分点 once at its end (2.8个和3.5个百分点)
_POINTS_AFTER = regex.compile(r"[ \t]?(?:和|、|与|及|或)[ \t]?(?:\d{1,4}(?:[.．]\d{1,4})?|[一二三四五六七八九十两点]{1,6})[ \t]?个百分点")


def _number(text: str, m: rx.Match) -> Found | None:
    part = _read_part(text, m)
    if part is None:
        return None
    arabic = part.numeral.written in ("arabic", "mixed")
    start = m.start()
    if arabic and part.end < len(text) and part.unit is None and text[part.end].isascii() and text[part.end].isalpha():
        return None  # 5G, 4S店
    if m.re is not _CORE_NUMERALS and m.group("ra"):
        if m.group("rc"):
            # 8.3∶41.4∶50.3 has no single value; it is taken whole so its parts are not read alone
            return Found(start, m.end(), text[start:m.end()], "ratio of three or more parts", core=start, emit=False)
        a, b = Fraction(m.group("ra").replace(" ", "")), Fraction(m.group("rb").replace(" ", ""))
        if not b:
            return None
        begin = start
        before = _before_marker(text, begin, False)
        if before is not None:
            begin -= len(before.text)
        bound = before.value if before is not None and before.field == "bound" else part.bound
        return Found(begin, part.end, text[begin:part.end], "ratio", value=to_number(a / b), kind="other",
                     approx=part.approx or (before is not None and before.field == "approx"), bound=bound, core=start)

    rule = "number"
    lo_part: _Part | None = None
    if part.unit is None or part.bound is None:
        rng = _range(text, part)
        if rng is not None:
            lo_part, part = part, rng
            rule = "range"
    if part.unit is not None and part.unit.surface == "个" and _POINTS_AFTER.match(text, part.end):
        part.unit = units()["个百分点"]  # 分别提高2.8个和3.5个百分点: the first 个 is one of points too
        rule = "unit shared in a list"
    if part.unit is None and lo_part is None and part.percent is None and not part.fraction:
        shared = _shared_unit(text, part.end, arabic)
        if shared is not None:
            part.unit = shared
            rule = "unit shared in a list"

    first = lo_part or part
    begin = first.start
    if part.unit is None and begin > 0 and text[begin - 1] in prefix_units():
        part.unit = prefix_units()[text[begin - 1]]
        begin -= 1
    ordinal = begin > 0 and text[begin - 1] == "第"
    if ordinal:
        begin -= 1
    sign = 1
    if not ordinal and begin > 0 and (text[begin - 1] == "负" or text[begin - 1] in _SIGNS and
                                     (begin < 2 or not (text[begin - 2].isalnum() and text[begin - 2].isascii()))):
        sign, begin = -1, begin - 1
    approx, bound = part.approx or first.approx, part.bound
    before = _before_marker(text, begin, first.numeral.leading_unit)
    if before is not None:
        begin -= len(before.text)
        if before.field == "approx":
            approx = True
        else:
            bound = bound or before.value

    if not _is_quantity(text, first, part, ordinal, before, lo_part is not None):
        return None

    unit = part.unit
    kind = unit.kind if unit else "other"
    unit_name = unit.unit if unit else None
    if part.percent:
        unit_name, kind = _PCT_UNIT[part.percent], "percent"
    if ordinal:
        kind = "ordinal"
    elif unit and unit.kind == "count" and text[first.start:first.core_end] == "二":
        kind = "ordinal"  # 二次, 二期: counting says 两次; 二 before a measure word is "second"
    elif unit and unit.surface == "期" and first.numeral.written == "chinese":
        kind = "ordinal"  # 一期工程: a phase

    approx = approx or part.numeral.approx or first.numeral.approx
    masked = part.numeral.masked or first.numeral.masked
    value: Number | None = None
    rng_value: tuple[Number | None, Number | None] | None = None
    if lo_part is not None:
        lo, hi = _scaled_range(lo_part, part)
        rng_value = (_final(lo, lo_part, sign), _final(hi, part, 1))
    elif part.numeral.range is not None:
        lo_n, hi_n = part.numeral.range
        rng_value = (_final(Fraction(lo_n), part, sign), _final(Fraction(hi_n), part, 1))
        rule = "approximate pair"
    elif part.numeral.exact is not None:
        value = _final(part.numeral.exact, part, sign)
    if rule == "number":
        rule = _rule_name(part, unit_name, ordinal)
    end = part.end
    return Found(begin, end, text[begin:end], rule, value=value, unit=unit_name, kind=kind, approx=approx,
                 bound=bound, range=rng_value, masked=masked, core=first.start)


def _final(x: Fraction | None, part: _Part, sign: int) -> Number | None:
    if x is None:
        return None
    unit = part.unit
    if unit is not None and unit.scale != 1 and not (unit.surface == "折" and x >= 10):
        x = x * unit.scale  # 75折 is 75%, as 九折 is 90%
    if part.extra:
        x = x + part.extra
    return to_number(-x if sign < 0 else x)


def _rule_name(part: _Part, unit: str | None, ordinal: bool) -> str:
    n = part.numeral
    if ordinal:
        return "ordinal 第"
    if part.percent:
        return f"percent {part.percent}分之"
    if part.fraction:
        return f"fraction {part.fraction}"
    if n.masked:
        return "masked digits"
    script = {"arabic": "Arabic", "mixed": "mixed", "chinese": "Chinese", "digits": "Chinese"}[n.written]
    if n.scale > 1:
        mult = "万" if n.scale == 10**4 else "亿" if n.scale == 10**8 else "万亿" if n.scale == 10**12 else str(n.scale)
        decimal = " decimal" if n.exact is not None and (n.exact / n.scale).denominator != 1 else ""
        return f"{mult}-scaled{decimal}" + (f" with {unit}" if unit else "")
    return f"{script} numeral" + (f" with {unit}" if unit else "")


def _read_part(text: str, m: rx.Match) -> _Part | None:
    """The numeral of a core match and what follows it (inside marker, unit, after markers)."""
    percent = None
    fraction = ""
    if m.re is _CORE_NUMERALS:
        # nearly every candidate is the numeral branch's, whose rare groups never take part
        numeral = _read(m.group("num"))
    elif m.group("pct"):
        core, percent = m.group("pnum"), m.group("pct")
        numeral = _read(core)
        if numeral is not None and numeral.exact is not None and percent not in _PCT_UNIT:
            # 百万分之五 = 0.0005%: a denominator beyond 万 is written as a percentage
            numeral = Numeral(numeral.exact * 100 / _PER[percent], numeral.approx, written=numeral.written)
            percent = "百"
    elif m.group("den"):
        try:
            den, num = read(m.group("den")), read(m.group("fnum"))
        except ValueError:
            return None
        if den.exact is None or num.exact is None or den.exact == 0:
            return None
        numeral = Numeral(num.exact / den.exact, written=num.written)
        fraction = "分之"
    elif m.group("sa"):
        den = int(m.group("sb"))
        if not den:
            return None
        numeral = Numeral(Fraction(int(m.group("sa")), den))
        fraction = "a/b"
    elif m.group("ra"):
        part = _Part(Numeral(Fraction(0)), m.start(), m.end())
        part.end = _read_after(text, part, m.end())
        return part
    else:
        numeral = _read(m.group("num"))
    if numeral is None:
        return None
    part = _Part(numeral, m.start(), m.end(), core_end=m.end(), percent=percent, fraction=fraction)
    _read_suffix(text, part)
    return part


_NO_BRACKETS = str.maketrans("", "", "".join(_MASK_BRACKETS))


@lru_cache(maxsize=4096)
def _read(core: str) -> Numeral | None:
    if core[0] in _OPENING_BRACKETS:
        core = core.translate(_NO_BRACKETS)  # [X]名: a bracketed mask reads as the mask
    try:
        return read(core.replace("，", ","), pairs=True)
    except ValueError:
        return None


def _read_suffix(text: str, part: _Part) -> None:
    n = len(text)
    i = part.end
    arabic = part.numeral.written in ("arabic", "mixed") or part.numeral.masked
    inside = markers()["inside"]
    if arabic and i + 1 < n and text[i] in " \t" and text[i + 1] in inside:
        i += 1  # 300 多个: a space left by letter-spaced digits
    if i < n and text[i] in inside and not part.percent:
        if i + 1 < n and (_unit_at(text, i + 1, arabic) is not None or not _is_cjk(text[i + 1])):
            part.approx, i = True, i + 1
    if not part.percent and not part.fraction:
        j = i + 1 if arabic and i < n and text[i] in " \t" else i
        unit = _unit_at(text, j, arabic)
        if unit is not None:
            part.unit, i = unit, j + len(unit.surface)
            wrapped = _wrapped_unit(text, j, unit, arabic)
            if wrapped is not None:
                part.unit, i = wrapped
            i = _read_unit_tail(text, part, i)
    i = _read_after(text, part, i)
    part.end = i


def _read_unit_tail(text: str, part: _Part, i: int) -> int:
    """七成六, 三成半, 两年半, 两年多."""
    n = len(text)
    unit = part.unit
    assert unit is not None
    if i < n and text[i] == "半" and unit.kind in ("duration", "percent", "other"):
        part.extra = Fraction(1, 2) * unit.scale
        return i + 1
    if unit.surface == "个" and text.startswith("半", i):
        # 两个半小时 (2.5 小时), 一个半月 (1.5 个月): the half stands between 个 and its time unit
        if text.startswith("月", i + 1):
            later, length = units()["个月"], 1
        else:
            later = _unit_at(text, i + 1, False)
            length = len(later.surface) if later is not None else 0
        if later is not None and later.kind == "duration" and later.scale == 1:
            part.unit, part.extra = later, Fraction(1, 2)
            return i + 1 + length
    if unit.surface == "成" and i < n and text[i] in _CN_DIGIT[2:] + "123456789" and (i + 1 >= n or text[i + 1] not in _NUMERAL_CHARS):
        digit = read(text[i]).exact
        assert digit is not None
        part.extra = digit * unit.scale / 10  # 七成六: 7.6 成
        return i + 1
    if unit.unit == "元" and i < n:
        change = _CHANGE.match(text, i)
        if change:
            jiao, fen = change.group("j"), change.group("f") or change.group("f2")
            part.extra = (Fraction(_int(jiao), 10) if jiao else Fraction(0)) + (Fraction(_int(fen), 100) if fen else Fraction(0))
            return change.end()
    if unit.kind == "duration" and i < n and text[i] in "多余" and not part.approx:
        part.approx = True
        return i + 1
    if unit.kind in ("measure", "money") and i < n and text[i] == "级" and unit.surface != "级":
        return i + 1  # 300万吨级煤矿, 千亿元级产业集群: a class of size, what it describes follows
    return i


def _read_after(text: str, part: _Part, i: int) -> int:
    after = markers()["after"]
    for length in (3, 2):
        word = text[i:i + length]
        if len(word) == length and word in after:
            mk = after[word]
            if mk.field == "approx":
                part.approx = True
            else:
                part.bound = mk.value
            i += length
            if text.startswith(("（含）", "(含)"), i):
                i += 3
            break
    return i


_WRAP = regex.compile(r"\r?\n[ \t\u3000]{0,4}")


def _wrapped_unit(text: str, i: int, unit: Unit, arabic: bool) -> tuple[Unit, int] | None:
    """A longer unit that a hard line wrap cut in two (人\n次, 万\n元): the unit and its end."""
    j = i + len(unit.surface)
    if text[j:j + 1] not in ("\r", "\n"):
        return None  # _WRAP starts with one of them (a test of a slice, cheaper than the match)
    m = _WRAP.match(text, j)
    if m is None:
        return None
    joined = text[i:j] + text[m.end():m.end() + 2]
    for length in _unit_lengths():
        if length <= len(unit.surface) or length > len(joined):
            continue
        u = units().get(joined[:length])
        if u is not None and not (u.arabic_only and not arabic):
            return u, m.end() + length - len(unit.surface)
    return None


def _unit_at(text: str, i: int, arabic: bool) -> Unit | None:
    n = len(text)
    if i >= n:
        return None
    # speed: only the lengths of units starting with this character are looked up (a length
    # no unit starting with it has is a miss of table.get below)
    lengths = _unit_lengths_by_first().get(text[i])
    if lengths is None:
        return None
    table = units()
    for length in lengths:
        if i + length > n:
            continue
        u = table.get(text[i:i + length])
        if u is None or (u.arabic_only and not arabic):
            continue
        nxt = text[i + length] if i + length < n else ""
        if nxt and nxt in u.unless:
            continue
        if u.latin and nxt.isascii() and nxt.isalpha():
            continue
        return u
    return None


def _range(text: str, lo: _Part) -> _Part | None:
    """10至15万人, 2000元至4000元, 30—40岁, 201*至4000元."""
    if lo.end >= len(text) or text[lo.end] not in _RANGE_FIRST:
        return None
    conn = _RANGE.match(text, lo.end)
    if conn is None or lo.bound is not None:
        return None
    m2 = _CORE.match(text, conn.end())
    if m2 is None or m2.group("ra") or m2.group("den") or m2.group("sa"):
        return None
    hi = _read_part(text, m2)
    if hi is None or hi.numeral.range is not None or lo.numeral.range is not None:
        return None
    if bool(lo.percent) != bool(hi.percent) and lo.unit is None and not lo.percent:
        lo.percent = hi.percent
    if lo.unit is not None:
        if hi.unit is None or hi.unit.unit != lo.unit.unit:
            return None
    lo_x, hi_x = _scaled_range(lo, hi)
    if lo_x is not None and hi_x is not None and lo_x >= hi_x:
        return None
    if lo.unit is None:
        lo.unit = hi.unit
    hi.approx = hi.approx or lo.approx
    return hi


def _scaled_range(lo: _Part, hi: _Part) -> tuple[Fraction | None, Fraction | None]:
    """A multiplier written once scales both ends (10至15万 = 10万至15万) when that keeps lo < hi."""
    lo_x, hi_x = lo.numeral.exact, hi.numeral.exact
    if lo_x is not None and hi_x is not None and lo.numeral.scale == 1 and hi.numeral.scale > 1:
        if lo_x * hi.numeral.scale <= hi_x:
            lo_x = lo_x * hi.numeral.scale
    return lo_x, hi_x


def _shared_unit(text: str, i: int, arabic: bool) -> Unit | None:
    """15、22个百分点: the first numbers of a list take the unit written after the last."""
    n = len(text)
    for _ in range(8):
        if i >= n or text[i] != "、":
            return None
        m = _CORE.match(text, i + 1)
        if m is None or not m.group("num"):
            return None
        numeral = _read(m.group("num"))
        if numeral is None or (numeral.written in ("arabic", "mixed")) != arabic:
            return None
        j = m.end()
        if j < n and text[j] in markers()["inside"]:
            j += 1
        unit = _unit_at(text, j, arabic)
        if unit is not None:
            return unit
        i = j
    return None


@lru_cache(maxsize=1)
def _marker_lasts() -> frozenset[str]:
    table = markers()
    return frozenset(w[-1] for where in ("before", "before-round") for w in table[where])


def _before_marker(text: str, begin: int, round_core: bool) -> Marker | None:
    if begin < 1 or text[begin - 1] not in _marker_lasts():
        return None
    table = markers()
    for length in (3, 2, 1):
        if begin - length < 0:
            continue
        word = text[begin - length:begin]
        mk = table["before"].get(word) or (table["before-round"].get(word) if round_core else None)
        if mk is not None:
            return None if mk.field == "none" else mk
    return None


#: measure words that are also place heads: after a whole mask they end a masked name (**县)
_PLACE_UNITS = frozenset("省市县区镇乡村街州盟旗组队社")


def _is_quantity(text: str, first: _Part, part: _Part, ordinal: bool, before: Marker | None, is_range: bool) -> bool:
    """Whether a numeral with what surrounds it is a number record (before the filters run)."""
    n = first.numeral
    core = text[first.start:first.core_end]
    if n.masked and not any(c.isdigit() for c in core):
        # a whole mask counts only before a unit or a per cent sign (培训**人, 占X%), and not
        # before a place word, where it stands for a name (**县, XX镇, ××村)
        if part.unit is not None and part.unit.surface in _PLACE_UNITS:
            return False
        return part.unit is not None or bool(part.percent)
    chinese = n.written in ("chinese", "digits")
    if chinese and any(c in _FINANCIAL for c in core) and len(core) < 2:
        return False  # 伍 in 队伍, 拾 in 收拾, 陆 in 大陆: one financial character is a word
    discount = part.unit is not None and part.unit.surface == "折"
    if n.written == "digits" and not n.masked and not discount:
        return False  # 三八, 五四, 一二三: a digit string outside a date is a name (but 三八折 is 38%)
    if discount and n.exact is not None and (n.exact >= 100 or n.exact >= 10 and n.written in ("chinese", "mixed") or n.exact == 10):
        return False  # 十折 is no discount at all
    if n.leading_unit and not core.startswith(("十", "拾")) and not part.percent:
        marked = before is not None or part.bound is not None or part.approx
        if not (before is not None and before.where == "before-round") and not (marked and part.unit is not None):
            return False  # 百姓, 千方百计, 万一, 百万英才: a bare 百/千/万 is a word; 百人以上 counts
    if ordinal:
        if part.unit is None and part.end < len(text) and _is_cjk(text[part.end]):
            return False  # 第一时间, 第三方, 第二幼儿园: an ordinal glued to a noun is a name
        return True
    if part.unit is not None or part.percent or part.fraction or is_range:
        return True
    if not chinese:
        # 626小河, 1830化肥, 365展贸网: a bare whole number glued to a noun names it (a count
        # takes a measure word: 626条河; 3200万孩子 and 近8万市民 are scaled or marked)
        # a number with nothing to mark it as one: no multiplier, marker, bound or approximation
        unmarked = n.scale == 1 and n.exact is not None and not n.approx and before is None \
            and part.bound is None and not part.approx
        if not unmarked:
            return True
        glued = part.end < len(text) and _is_cjk(text[part.end]) and text[part.end] not in _NUMERAL_CHARS
        if glued and n.exact.denominator == 1:
            return False
        # (ID：17288539, 1、7月2日, 大小：31.00 KB: a bare number cut from any unit, _cut_after)
        return not _cut_after(text, first.start, part.end)
    # a Chinese numeral with no unit counts when it is written with 万 or 亿: 八千多万, 一万二千;
    # or when it can only be a number (一百五十二, 四百五, 肆佰陆拾) and stands alone: at the end of
    # a clause or in a table's cell, not glued to a word (三十六计, 二十四节气 are names)
    if "万" in core or "亿" in core:
        return True
    nxt = text[part.end] if part.end < len(text) else ""
    return placed(core) and not n.approx and part.bound is None and (not nxt or not (nxt.isalnum() or nxt in "“‘《"))


#: what follows a bare Arabic number (no unit, multiplier, per cent or marker) that is not a
#: quantity of the report: a line break (ID：17288539, 网友发表时间 3239824, a figure cut by the
#: page: 协调帮扶资金45000⏎余元), a full stop and a space (5362. 户), or spaces before a Latin
#: letter or more digits (大小：31.00 KB, 10 678名); and, for a number that opens a line or a
#: sentence, an item's 、 or 。 (1、7月2日: an outline marker before its date; 1。建立 with a
#: garbled 、). A sentence that ends with a bare number keeps it (收入比缩小至2.93。), and so does
#: text that ends with the number (white space at most): the excerpt cut its unit off, and
#: annotators count it
_CUT_AFTER = rx.compile(r"[ \t\u3000]{0,8}\n|[.．][ \t\u3000]{1,4}|[ \t\u3000]{1,8}[A-Za-z\d]")
_ITEM_AFTER = rx.compile(r"[、。]")
_ITEM_OPENS = frozenset("\n。；;！!？?")
#: any character but white space (str.isspace's): whether the text goes on after a number
_NOT_SPACE = re.compile(r"\S")


def _cut_after(text: str, start: int, end: int) -> bool:
    """Whether a bare Arabic number at ``start:end`` is cut from any unit (:data:`_CUT_AFTER`).

    >>> [_cut_after(t, 0, 2) for t in ("12\\n名单", "12、7月", "12. 户", "12 KB", "12人", "12。", "12\\n", "12")]
    [True, True, True, True, False, True, False, False]
    >>> _cut_after("收入比降至12。", 5, 7), _cut_after("贡献。12、7月6日", 3, 5)
    (False, True)
    """
    if _NOT_SPACE.search(text, end) is None:  # not text[end:].strip(), which copies the rest
        return False
    if _CUT_AFTER.match(text, end) is not None:
        return True
    opens = start == 0 or text[start - 1] in _ITEM_OPENS or not text[text.rfind("\n", 0, start) + 1:start].strip()
    return opens and _ITEM_AFTER.match(text, end) is not None


# -- objects -------------------------------------------------------------------------------------

_OBJECT_MAX = 24
_BREAK = frozenset("，。；：！？,;:!?\n…—《》【】[]%‰")
#: roles of number_object_stops.tsv that end an object on the right of a number; a verb that is
#: also a noun (服务, 培训, 建设: 社区服务中心) and a protected word do not
_RIGHT_CUT = frozenset({"function", "measure", "action"})
_VERBS = frozenset({"measure", "action", "nominal"})
_CONJUNCTION_WORDS = frozenset({"与", "和", "及", "或", "并", "以及"})
#: one-character function words that end an object: prepositions and conjunctions that are
#: rarely part of a noun (共, 有, 均, 还 are: 医共体, 有机, 人均, 退耕还林)
_ONE_CHAR_CUTS = frozenset("与和及或并且在对向从由把被将于为等中已")
#: and after the noun counted, these verbs too (9部精品力作|获…, 20名留守妇女|到县城)
_ONE_CHAR_RIGHT = _ONE_CHAR_CUTS | frozenset("获到达")
#: one-character verbs that take an object inside a run (X占Y的, 超): others are read as part of a
#: word (居民, 普通, 通道)
_ONE_CHAR_VERBS = frozenset("占达超获")
#: generic heads after a quoted theme (“…”主题活动, “…”专场招聘会)
_THEME_HEADS = ("主题", "专题", "专场", "系列")
_ALT_UNIT = rx.compile(r"[(（][\u4e00-\u9fff]{1,2}[)）]")
#: a Chinese numeral and one character at the end of a noun: a count written after it
_COUNT_AFTER = regex.compile(rf"[{_CN_DIGIT}]([\u4e00-\u9fff])$")
_CLAUSE_END = frozenset("，。；：！？,;:!?\n、）)")


def _words(run: str) -> list[tuple[str, str | None]]:
    """The run cut into the words of ``number_object_stops.tsv`` (longest first, left to right)
    and single characters, each with its role (``None`` for a character, ``"word"`` for a word
    listed only so that no stop is read inside it: 对象, 在校生).

    >>> _words("调解各类纠纷")
    [('调解', 'nominal'), ('各类', 'function'), ('纠', None), ('纷', None)]
    """
    get = _object_stops().get
    return [(w, get(w)) for w in _words_pattern().findall(run)]


@lru_cache(maxsize=1)
def _words_pattern() -> "re.Pattern[str]":
    """The stops, else one character: at each position the regex takes the longest stop that
    starts there, as a left-to-right longest-first cut does. The stops are written as a trie
    (共(?:同|建…)?): a character is tried once per position, not once per stop that holds it,
    and the greedy optional tails take the longest stop first, as an alternation sorted
    longest first would."""
    return re.compile(lexicons.trie_pattern(_object_stops()) + "|.", re.DOTALL)


def _objects(text: str, found: list[Found]) -> None:
    """Fill in the objects; each number's neighbours bound the words it can take (the objects
    of 14个乡镇、186个村 stop at the next number, not at a numeral inside a word: 一线职工)."""
    for k, f in enumerate(found):
        if f.kind == "date":
            continue
        lo = found[k - 1].end if k else 0
        hi = found[k + 1].start if k + 1 < len(found) else len(text)
        f.object = _object(text, f, lo, hi)
    _respectively(text, found)
    for k, f in enumerate(found):
        if f.kind == "date" or f.object is not None or not k:
            continue
        prev = found[k - 1]
        between = text[prev.end:f.start]
        if prev.kind == "date":
            before = text[prev.start - 1] if prev.start else ""
            if between in ("", "的") and before in "由从":
                # 普及率由2018年的46%: the date is the reference; the noun stands before it
                f.object = _left_object(text, prev.start, found[k - 2].end if k > 1 else 0)
            elif before in "比较" and _is_change(between):
                # 三公经费较2010年下降65.6%; 人均道路面积达到18.99平方米，比2010年提高86%: the
                # change of the noun before the reference date, or of the number before it
                f.object = _left_object(text, prev.start - 1, found[k - 2].end if k > 1 else 0)
                if f.object is None and k > 1 and found[k - 2].object and \
                        _is_change(text[found[k - 2].end:prev.start - 1], clause=True, verb=False):
                    f.object = found[k - 2].object
        elif prev.object and (_links(between) or _is_change(between, clause=True)):
            # 从26.7%提高到52.1%, 贷款5笔共计45万元: the second number measures the same noun;
            # 地区生产总值完成253.7亿元，同比增长24.7%: the change of what the number before measured
            f.object = prev.object
    for f, nxt in zip(found, found[1:]):
        if f.kind == "count" and nxt.start == f.end and nxt.unit in ("岁", "周岁") and nxt.object:
            f.object = nxt.object  # 超50万名3岁以下婴幼儿: the age describes the noun counted


@lru_cache(maxsize=1)
def _change_verbs() -> frozenset[str]:
    return frozenset(lexicons.entries("number_change_verbs.txt"))


def _is_change(between: str, clause: bool = False, verb: bool = True) -> bool:
    """Whether the words between two numbers say only that the second is a change (同比增长,
    比上年下降, 预计同比增长); with ``clause``, they open a new clause after a comma or a list's
    comma (，同比增长, 、增长), as the next clause of a result sentence does; without ``verb``, no
    change verb is needed (the words before a reference date: ，比).

    >>> _is_change("，同比增长", clause=True), _is_change("、增长", clause=True), _is_change("同比增长")
    (True, True, True)
    >>> _is_change("，完成", clause=True), _is_change("增长", clause=True), _is_change("，其中农村妇女增长", clause=True)
    (False, False, False)
    """
    if clause:
        if len(between) < 1 or between[0] not in "，、,":
            return False
        between = between[1:]
    if len(between) > 8:
        return False
    changes = _change_verbs()
    words = _words(between)
    if not all(role in ("measure", "function") or word in changes for word, role in words):
        return False
    return not verb or any(word in changes for word, _ in words)


def _respectively(text: str, found: list[Found]) -> None:
    """A、B分别增长3%、5%: the numbers of a list after 分别 take the items of the list before it, in
    order, when there are as many items as numbers (a list joined by 、, its last item by 和 or 及
    too); otherwise each keeps what it read alone."""
    k = 0
    previous: list[Found] | None = None  # the last list paired
    while k < len(found):
        f = found[k]
        lo = found[k - 1].end if k else 0
        group = [f]
        while k + len(group) < len(found) and \
                text[group[-1].end:found[k + len(group)].start] in ("、", "和", "及", "与", "以及"):
            group.append(found[k + len(group)])
        k += len(group)
        if len(group) < 2 or text.find("分别", lo, f.start) < 0:
            continue  # no list of numbers, or no 分别 before it: the clause need not be found
        clause = max(lo, *(text.rfind(c, lo, f.start) + 1 for c in "，。；：！？\n,;:"))
        head = text[clause:f.start]
        at = head.rfind("分别")
        if at < 0 or any(g.kind in ("date", "ordinal") for g in group):
            continue
        if previous is not None and len(previous) == len(group) and all(g.object for g in previous) \
                and _is_change(text[previous[-1].end:clause] + head, clause=True):
            # 建会率、入会率分别达到93.6%和91.2%，较上年分别提高2.8个和3.5个百分点: a list of
            # changes after a list of levels takes its objects in order
            for g, p in zip(group, previous):
                g.object = p.object
            previous = group
            continue
        if not all(role in ("measure", "function") or word in _change_verbs() for word, role in _words(head[at + 2:])):
            continue  # 分别增长, 分别达到, 分别为: nothing but the verb between 分别 and the numbers
        items, cuts, pos = [], [], 0
        for part in head[:at].split("、"):
            items.append(part)
            cuts.append(pos)
            pos += len(part) + 1
        if len(items) + 1 == len(group) and len(items) > 1:
            last = items[-1]
            joint = max(last.rfind(c) for c in "和及与")
            if joint > 0:
                items[-1:] = [last[:joint], last[joint + 1:]]
                cuts.append(cuts[-1] + joint + 1)
        if len(items) != len(group):
            continue
        for n, (g, item) in enumerate(zip(group, items)):
            if n == 0:
                # the first item may follow the clause's verbs and adverbs (全年|实现…)
                start = clause + cuts[n]
                obj = _left_object(text, start + len(item), start)
            else:
                # the others are the list's own items, whole (软件和信息服务业增加值), unless a
                # verb stands in one (法律咨询有需求的): then what the item's verb leaves
                item = item.removesuffix("的")
                if any(role in ("action", "measure") for _, role in _words(item)):
                    obj = _left_object(item, len(item))
                else:
                    obj = canonical(item).strip("和与及或并")
                    obj = obj if len(obj) >= 2 and all(_is_cjk(c) or c in "()“”" for c in obj) else None
            if obj is not None:
                g.object = obj
        previous = group


def _links(between: str) -> bool:
    """Whether the text between two numbers only says that the second measures what the first
    did: 提高到, 增加到, 共计 (not a list: 和, 、 and commas separate different nouns).

    >>> _links("提高到"), _links("共计"), _links("和"), _links("，达到")
    (True, True, False, False)
    """
    if not between or len(between) > 6 or any(c in "和与及或、，,；;。" for c in between):
        return False
    return all(role in ("measure", "function") for _, role in _words(between))


def _object(text: str, f: Found, lo: int = 0, hi: int | None = None) -> str | None:
    """What is counted, next to the number: 200名科技女状元, 培养乡村女导游200名, 资金1万元.

    A count or measure followed by a noun counts that noun; otherwise the noun in front of the
    number (after its verb: 筹集|资金1万元, 地区生产总值|完成253.7亿元) is what it measures.
    A duration measures the noun in front when it ends the clause (服务时长超过5万小时。), not
    when it says how long something goes on (连续3年保持在, 为期一周的).
    """
    hi = len(text) if hi is None else hi
    if f.kind in ("date", "ordinal"):
        return None
    if f.kind == "duration" and not f.text.endswith("制"):
        if f.end < len(text) and text[f.end] not in _CLAUSE_END:
            return None
        return _left_object(text, f.start, lo, activity=True)
    right = None
    if f.kind in ("count", "measure", "other") or f.text.endswith(("制", "级")):
        right = _right_object(text, f.end, hi)
        if right and not text.startswith("的", f.end):
            return right
    left = _left_object(text, f.start, lo)
    if left and f.unit in ("人", "名") and left.endswith("人数") and len(left) > 2:
        left = left[:-2]  # 妇女人数5人以上 counts 妇女
    if left:
        return left
    if right is None and (f.kind == "money" or text.startswith("的", f.end)):
        return _right_object(text, f.end, hi)  # 80%以上的企业
    return right


def _right_object(text: str, i: int, hi: int) -> str | None:
    if text.startswith("不等", i):
        i += 2
    alt = _ALT_UNIT.match(text, i)
    if alt is not None and alt.end() <= hi:
        i = alt.end()  # 超100条（个）幸福河湖: a second measure word in brackets
    if i < hi and text[i] == "的":
        i += 1
    j, depth = i, 0
    while j < hi and j - i < _OBJECT_MAX:
        c = text[j]
        if c in "(（":
            depth += 1
        elif c in ")）":
            if depth == 0:
                break
            depth -= 1
        elif c in "、“”‘’\"" and (depth or c != "、"):
            pass
        elif not _is_cjk(c):
            break
        j += 1
    run = text[i:j]
    if depth:
        run = run[: run.find("(") if "(" in run else run.find("（")]
    run = _cut_right(run)
    tail = _COUNT_AFTER.search(run)
    if tail is not None and tail.start() >= 2 and _unit_at(run, tail.start(1), False) is not None:
        run = run[:tail.start()]  # 建成300万吨级煤矿一座: a count written after its noun
    if "的" in run:
        head, _, tail = run.partition("的")
        # 40名有志创业的农村女青年: a clause before 的 describes the noun after it; 4个村的安全
        # 饮水工程, 8000户居民家庭的供热质量: a noun before 的 is what is counted
        clause = any(role in _VERBS or role == "function" for _, role in _words(head))
        run = _cut_right(tail) if tail and clause else head
    run = canonical(run)
    return run if run and not run.startswith(("等", "以", "之")) else None


def _cut_right(run: str) -> str:
    """The noun a number counts ends before the first verb or function word after it: 419家企业|
    参展, 3名妇女|在手工编织比赛中获奖; a one-character word ends it only after a word's length
    (在校生, 对象 are listed as words). The head of a share or total (委员|占比, 会员|总数) and a
    verb that is also a noun but ends the run (38个示范点|建设。) end it too.

    >>> _cut_right("企业参展"), _cut_right("社区服务中心"), _cut_right("示范点建设"), _cut_right("委员占比")
    ('企业', '社区服务中心', '示范点', '委员')
    """
    words = _words(run)
    k = 0
    for n, (word, role) in enumerate(words):
        if role in _RIGHT_CUT and (len(word) > 1 or k >= 2 and word in _ONE_CHAR_RIGHT or not k and word in "与和及或并") \
                or k >= 2 and (role == "share" or role == "nominal" and n == len(words) - 1):
            return run[:k]
        k += len(word)
    return run


def _left_object(text: str, i: int, lo: int = 0, activity: bool = False) -> str | None:
    """The noun in front of a number that it measures; with ``activity``, only a time span or an
    activity (服务时长, 志愿服务, 每期培训), as a duration measures."""
    j, depth = i, 0
    while j > lo and i - j < _OBJECT_MAX:
        c = text[j - 1]
        if c in ")）":
            depth += 1
        elif c in "(（":
            if depth == 0:
                break
            depth -= 1
        elif c in _BREAK or c.isdigit():
            break
        j -= 1
    run = text[j:i]
    if i - j >= _OBJECT_MAX and j > lo and "、" in run:
        run = run[run.find("、") + 1:]  # the window ended inside a list: start at an item
    if "、" in run and "分别" in run:
        run = run[run.rfind("、", 0, run.find("分别")) + 1:]  # A、B分别增长3%、5%: each its own
    words = _words(run)
    # verbs right before the number (完成, 达到, 同比增长) stand between it and its noun; after
    # an action verb (接受了, 享受) the noun in front is who acts, not what is measured; a verb
    # that is also a noun ends the noun measured (实施|棚户区改造|19.5万平方米, 开展|宣讲|320场)
    while words and (words[-1][1] in ("measure", "function", "per") or words[-1][0] == "的"):
        words.pop()
    if words and words[-1][1] == "action" or activity and (not words or words[-1][1] not in ("head", "share", "nominal")):
        return None
    cut = _left_cut(words)
    run = _after_theme("".join(w for w, _ in words)[cut:])
    if "的" in run:
        run = run.rpartition("的")[2]
    run = canonical(run).strip("、").lstrip("和与及或并")  # 1749件、和政协委员提案: a list's joint
    return run if len(run) >= 2 and all(_is_cjk(c) or c in "()、" for c in run) else None


def _left_cut(words: list[tuple[str, str | None]]) -> int:
    """Where the object starts in the words before a number: after the last function word (not a
    conjunction: 罚款和没收款 is one object), then after the first verbs that take it
    (组织开展|巾帼志愿服务活动, 发放|创业扶持资金, 合作社实现|销售收入) or, when there are none,
    after the last verbs that are also nouns (依法追讨|农民工工资, 服务热线受理|咨询); never so
    that less than a word is left. The verbs inside a rate or total are its own (调解成功率,
    工资集体协商签订率): there only verbs that take it count.
    """
    total = sum(len(w) for w, _ in words)
    cut, first, k = 0, 0, 0
    for n, (word, role) in enumerate(words):
        k += len(word)
        if role == "function" and word not in _CONJUNCTION_WORDS and (len(word) > 1 or word in _ONE_CHAR_CUTS or n == first) \
                and total - k >= 2:
            cut, first = k, n + 1
    indicator = bool(words) and words[-1][1] in ("head", "share")
    taking: int | None = None  # the end of the first run of verbs that take the object
    nominal: int | None = None  # the end of the first run of verbs that are also nouns
    open_run = ""  # the kind of verb run the previous word belongs to
    joined = False  # the previous word joins two verbs: 新建和改造
    k = cut
    for word, role in words[first:]:
        end = k + len(word)
        if len(word) == 1 and role in ("measure", "action") and k > cut and (indicator or word not in _ONE_CHAR_VERBS):
            role = None  # 居民, 普通: a one-character verb inside a word (first, 占公司总数的 is one)
        fits = total - end >= 2
        if word in _CONJUNCTION_WORDS and open_run:
            joined = True
            k = end
            continue
        if role in ("measure", "action") and (taking is None or open_run in ("taking", "measure")):
            taking, open_run = (end if fits else taking), "measure" if role == "measure" else "taking"
        elif role == "nominal" and (open_run == "measure" or open_run == "taking" and joined) and not indicator:
            # 累计培训|青年, 新建和改造|村级党群服务中心; but 筹集|帮扶资金
            taking = end if fits else taking
        elif role == "nominal" and not indicator and (taking is None and nominal is None or open_run == "nominal"):
            nominal, open_run = (end if fits else nominal), "nominal"
        else:
            open_run = ""
        joined = False
        k = end
    return taking if taking is not None else nominal if nominal is not None else cut


def _after_theme(run: str) -> str:
    """A quoted theme or slogan in front of a generic head is not what is counted:
    “不忘初心、牢记使命”主题团日活动 → 主题团日活动; a quoted name stays (“美丽庭院”示范户).

    >>> _after_theme("“初心”“使命”主题宣传栏"), _after_theme("“美丽庭院”示范户")
    ('主题宣传栏', '“美丽庭院”示范户')
    """
    close = max(run.rfind("”"), run.rfind('"'))
    if close < 0 or len(run) - close - 1 < 2:
        return run
    rest = run[close + 1:]
    quoted = run[:close]
    if rest.startswith(_THEME_HEADS) or any(c in quoted for c in "、，,·"):
        return rest
    return run


#: the number extractor: it reads the normalized text alone
COMPONENT = Component("number", extract, requires=("text",), assigns=("records:number",))

__all__ = ["COMPONENT", "extract", "find", "why_not", "Found", "Unit", "Marker", "Filter", "units", "prefix_units", "markers", "filters"]
