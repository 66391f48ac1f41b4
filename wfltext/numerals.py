"""Numerals: Chinese, Arabic, full-width and mixed numeral text to its value.

``read(text)`` gives a :class:`Numeral` (value, approximation, scale, how it was written) and
raises ``ValueError`` on anything that is not one numeral; ``parse(text)`` gives the value only.
The characters and their roles come from ``lexicons/number_chars.tsv``.

Values are computed exactly (``fractions.Fraction``) and returned as ``int`` when whole, so
``11.3万`` is ``113000``, never ``113000.00000000001``.

>>> parse("一千二百三十四"), parse("两万"), parse("1.2万"), parse("十余万")
(1234, 20000, 12000, 100000)
>>> parse("二〇二六"), parse("三万五"), parse("百分之三十六点九")
(2026, 35000, 0.369)
>>> read("十余万").approx, read("15万").scale, read("15万").base
(True, 10000, 15)
>>> read("两三", pairs=True).range
(2, 3)
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import regex

from . import lexicons

Number = int | float


@dataclass(frozen=True, slots=True)
class Numeral:
    """One numeral as read. ``exact`` is ``None`` when a digit is masked or for a pair range."""

    exact: Fraction | None
    approx: bool = False
    masked: bool = False
    #: (lo, hi) for an approximate pair such as 两三 or 二三十
    range: tuple[Number, Number] | None = None
    #: the multiplier written last (10000 for 15万, 10^12 for 4.78万亿), 1 if none
    scale: int = 1
    #: "arabic", "chinese", "mixed" (1.2万, 3万4000) or "digits" (二〇二六: a digit string)
    written: str = "arabic"
    #: starts with a unit and no digit before it (百, 千万, 十五), which running text rarely means
    leading_unit: bool = False

    @property
    def value(self) -> Number | None:
        return to_number(self.exact) if self.exact is not None else None

    @property
    def base(self) -> Number | None:
        """The value before the last multiplier: 15 for 15万."""
        return to_number(self.exact / self.scale) if self.exact is not None else None


def to_number(x: Fraction) -> Number:
    """``int`` when whole, else ``float``.

    >>> to_number(Fraction(113000)), to_number(Fraction(1, 4))
    (113000, 0.25)
    """
    return int(x) if x.denominator == 1 else float(x)


# -- character table ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Char:
    role: str
    value: Fraction | str


@lru_cache(maxsize=1)
def _chars() -> dict[str, _Char]:
    table: dict[str, _Char] = {}
    for row in lexicons.table("number_chars.tsv"):
        char, role, value = row[0], row[1], row[2]
        numeric = role in ("digit", "small", "big", "sign", "dozen", "suffix", "yuan", "jiao", "fen")
        table[char] = _Char(role, Fraction(value) if numeric else value)
    return table


def _role(c: str) -> str | None:
    ch = _chars().get(c)
    return ch.role if ch else None


# -- the grammar -------------------------------------------------------------------------------

_MIXED_FRACTION = regex.compile(r"([+-]?\d{1,30})\s{1,10}(\d{1,30})\s{0,10}/\s{0,10}(\d{1,30})")
_ARABIC_FRACTION = regex.compile(r"(\d{1,30}(?:\.\d{1,30})?)/(\d{1,30}(?:\.\d{1,30})?)")
_SCIENTIFIC = regex.compile(r"(\d{1,30}\.?\d{0,30}|\.\d{1,30})[eE]([+-]?\d{1,4})")
_POWER = regex.compile(r"(\d{1,30}(?:\.\d{1,30})?)\^([+-]{0,4})(\d{1,4})")
#: what template sites put for a hidden digit or name: * ＊ x X × and the blanks of a form to
#: fill in (__); the extractors read masks with these same characters
MASK_CHARS = "*＊xX×_"
_MASKED = regex.compile(r"[\d*＊xX×_]{1,40}")
_MASK_CHARS = frozenset(MASK_CHARS)
_MASKED_BODY = regex.compile(r"[\d*＊xX×_]{1,40}(?:\.[\d*＊xX×_]{1,20})?")
_ATOM = regex.compile(r"(?P<ar>\d{1,30}(?:,\d{3}){0,10}(?:\.\d{1,30})?|\.\d{1,30})|(?P<ch>.)", regex.S)
_SPACE = regex.compile(r"\s{1,64}")

#: approximate pairs: two neighbouring digits read as "two or three" (两三个, 二三十, 十五六, 三五天);
#: the number extractor also reads them written with a list's comma between them (五、六千元)
PAIRS = {("一", "两"), ("两", "三"), ("二", "三"), ("三", "四"), ("四", "五"), ("五", "六"),
         ("六", "七"), ("七", "八"), ("八", "九"), ("三", "五")}
_PAIR = regex.compile(r"(?P<head>.{0,20}?[十百千万亿])?(?P<a>[一两二三四五六七八])(?P<b>[两二三四五六七八九])(?P<tail>[十百千万亿]{0,4})")


def _prepare(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    table = _chars()
    if any(c in table and table[c].role == "rewrite" for c in s):
        s = "".join(str(table[c].value) if c in table and table[c].role == "rewrite" else c for c in s)
    return s


def _masked_numeral(s: str) -> bool:
    """Digits and masks, optionally with a multiplier after them (***万, 5*0万, 1.*亿)."""
    body = s.rstrip("十百千万亿")
    return bool(body) and any(c.isdigit() or c in _MASK_CHARS for c in body) and _MASKED_BODY.fullmatch(body) is not None


def read(text: str, *, pairs: bool = False) -> Numeral:
    """Read one numeral. ``pairs=True`` also reads approximate pairs (两三 → range (2, 3)).

    >>> read("201*0").masked, read("201*0").value
    (True, None)
    >>> read("二三十", pairs=True).range
    (20, 30)
    >>> parse("三百五十又3分之1") == 350 + 1 / 3
    True
    """
    s = _prepare(text)
    m = _MIXED_FRACTION.fullmatch(s.strip())
    if m:
        whole, num, den = (Fraction(g) for g in m.groups())
        if den == 0:
            raise ValueError(f"not a numeral: {text!r}")
        sign = -1 if whole < 0 else 1
        return Numeral(whole + sign * num / den)
    s = _SPACE.sub("", s)
    if not s:
        raise ValueError("empty numeral")
    if any(c in _MASK_CHARS for c in s) and (all(c in _MASK_CHARS for c in s) or _masked_numeral(s)):
        return Numeral(None, masked=True)
    sign, body = _split_sign(s)
    if not body:
        raise ValueError(f"not a numeral: {text!r}")
    if pairs:
        pair = _pair(body)
        if pair is not None:
            return pair
    n = _body(body)
    if sign < 0:
        n = Numeral(-n.exact if n.exact is not None else None, n.approx, n.masked, n.range, n.scale,
                    n.written, n.leading_unit)
    return n


def parse(text: str) -> Number:
    """The value of one numeral; ``ValueError`` if it is not one, or has no single value.

    >>> parse("负四十五亿零四百零四万"), parse("１，０５０"), parse("4.78万亿")
    (-4504040000, 1050, 4780000000000)
    >>> parse("一")
    1
    >>> parse("万")
    Traceback (most recent call last):
    ...
    ValueError: a multiplier with nothing to multiply: '万'
    """
    n = read(text)
    if n.value is None:
        raise ValueError(f"no single value: {text!r}")
    return n.value


def _split_sign(s: str) -> tuple[int, str]:
    sign = 1
    i = 0
    while i < len(s) and _role(s[i]) == "sign":
        sign = -sign
        i += 1
    return sign, s[i:]


def _body(s: str) -> Numeral:
    # Order matters: 又 binds looser than 分之 (三又三分之一), and 分之 must be seen before 分 is
    # read as the 分 of an amount in 元角分.
    if "又" in s:
        whole, _, rest = s.partition("又")
        w, f = _plain(whole), _fraction(rest)
        return Numeral(w.exact + f.exact, approx=w.approx or f.approx, written=w.written)
    if "分之" in s or "/" in s:
        return _fraction(s)
    m = _SCIENTIFIC.fullmatch(s)
    if m:
        return Numeral(Fraction(m.group(1)) * Fraction(10) ** int(m.group(2)))
    m = _POWER.fullmatch(s)
    if m:
        exp = int(m.group(3)) * (-1 if m.group(2).count("-") % 2 else 1)
        return Numeral(Fraction(m.group(1)) ** exp)
    if any(_role(c) in ("yuan", "jiao") for c in s):
        return _amount(s)
    return _plain(s)


def _fraction(s: str) -> Numeral:
    m = _ARABIC_FRACTION.fullmatch(s)
    if m:
        num, den = Fraction(m.group(1)), Fraction(m.group(2))
    else:
        den_text, sep, num_text = s.partition("分之")
        if not sep or not den_text:
            raise ValueError(f"not a fraction: {s!r}")
        sign, num_text = _split_sign(num_text)
        num_n, den_n = _plain(num_text), _plain(den_text)
        num, den = sign * num_n.exact, den_n.exact
        if num_n.approx or den_n.approx:
            return Numeral(num / den if den else None, approx=True)
    if den == 0:
        raise ValueError(f"division by zero: {s!r}")
    return Numeral(num / den)


def _amount(s: str) -> Numeral:
    """壹拾壹元壹角壹分, 50元6角三分, 五元三毛, 壹拾壹元整."""
    total = Fraction(0)
    start = 0
    last_rank = Fraction(10)
    for i, c in enumerate(s):
        role = _role(c)
        if role in ("yuan", "jiao", "fen"):
            rank = _chars()[c].value
            assert isinstance(rank, Fraction)
            if rank >= last_rank or i == start:
                raise ValueError(f"not an amount: {s!r}")
            total += _plain(s[start:i]).exact * rank
            last_rank, start = rank, i + 1
        elif role == "whole":
            if i != len(s) - 1 or last_rank != 1:
                raise ValueError(f"not an amount: {s!r}")
            start = i + 1
    if start < len(s):
        raise ValueError(f"not an amount: {s!r}")
    return Numeral(total)


def _pair(s: str) -> Numeral | None:
    m = _PAIR.fullmatch(s)
    if not m or (m.group("a"), m.group("b")) not in PAIRS:
        return None
    head, tail = m.group("head") or "", m.group("tail")
    if head and (m.group("a"), m.group("b")) == ("三", "五"):
        return None  # 三五天 is "three to five days", but 十三五 is a plan's name
    try:
        lo = _plain(head + m.group("a") + tail)
        hi = _plain(head + m.group("b") + tail)
    except ValueError:
        return None
    assert lo.exact is not None and hi.exact is not None
    return Numeral(None, approx=True, range=(to_number(lo.exact), to_number(hi.exact)), scale=hi.scale,
                   written="chinese")


def _plain(s: str) -> Numeral:
    """A numeral without fraction: positional, digit string, decimal, with multipliers."""
    if not s:
        raise ValueError("empty numeral")
    table = _chars()
    atoms: list[tuple[str, Fraction, int]] = []  # (role, value, characters)
    approx = False
    arabic = chinese = False
    suffix = Fraction(1)
    for m in _ATOM.finditer(s):
        if m.group("ar"):
            text = m.group("ar")
            if "," in text and "." in text.split(",")[0]:
                raise ValueError(f"not a numeral: {s!r}")
            atoms.append(("arabic", Fraction(text.replace(",", "")), len(text)))
            arabic = True
            continue
        c = m.group("ch")
        ch = table.get(c)
        if ch is None:
            raise ValueError(f"not a numeral character {c!r} in {s!r}")
        if ch.role == "approx":
            approx = True
            atoms.append(("approx", Fraction(0), 1) if ch.value == "几" else ("skip", Fraction(0), 1))
            chinese = True
        elif ch.role in ("suffix", "dozen"):
            assert isinstance(ch.value, Fraction)
            suffix *= ch.value
            atoms.append(("end", Fraction(0), 1))
        elif ch.role in ("digit", "small", "big", "point"):
            atoms.append((ch.role, ch.value if isinstance(ch.value, Fraction) else Fraction(0), 1))
            chinese = True
        else:
            raise ValueError(f"not a numeral character {c!r} in {s!r}")
    # suffixes (k, M, 打) close the numeral
    ends = [i for i, a in enumerate(atoms) if a[0] == "end"]
    if ends and ends[0] != len(atoms) - len(ends):
        raise ValueError(f"a suffix inside a numeral: {s!r}")
    atoms = [a for a in atoms if a[0] != "end"]
    if not atoms:
        raise ValueError(f"not a numeral: {s!r}")
    written = "mixed" if arabic and chinese else ("arabic" if arabic else "chinese")

    if any(a[0] == "point" for a in atoms):
        exact, scale = _decimal(atoms, s)
        leading = False
    elif written == "chinese" and len(atoms) >= 2 and all(a[0] == "digit" for a in atoms):
        exact, scale = _digit_string(s), 1
        written = "digits"
        leading = False
    else:
        exact, scale = _positional(atoms, s)
        leading = atoms[0][0] in ("small", "big") or (atoms[0][0] == "approx" and len(atoms) > 1)
    return Numeral(exact * suffix, approx=approx, scale=scale, written=written, leading_unit=leading)


def _digit_string(s: str) -> Fraction:
    # 两 and 俩 never stand for a digit in a string of digits (两两 is "in pairs")
    if any(c in "两兩俩倆半" for c in s):
        raise ValueError(f"not a digit string: {s!r}")
    table = _chars()
    return Fraction(int("".join(str(int(table[c].value)) for c in s)))  # type: ignore[arg-type]


def _decimal(atoms: list[tuple[str, Fraction, int]], s: str) -> tuple[Fraction, int]:
    """一点五万, 两千三点一, 八千三百八十五万二千三百二十六点三三."""
    i = next(k for k, a in enumerate(atoms) if a[0] == "point")
    left, right = atoms[:i], atoms[i + 1 :]
    if len(left) >= 2 and all(a[0] == "digit" for a in left):
        whole: Fraction | None = _digit_string(s.partition("点")[0].partition("點")[0])
    else:
        whole = _positional(left, s)[0] if left else None
    digits = []
    k = 0
    if right and right[0][0] == "arabic" and right[0][1].denominator == 1:
        digits.append(str(int(right[0][1])).rjust(right[0][2], "0"))
        k = 1
    while k < len(right) and right[k][0] == "digit" and right[k][1].denominator == 1:
        digits.append(str(int(right[k][1])))
        k += 1
    if whole is None or not digits:
        raise ValueError(f"not a decimal: {s!r}")
    scale = 1
    for role, value, _ in right[k:]:
        if role != "big":
            raise ValueError(f"not a decimal: {s!r}")
        scale *= int(value)
    return (whole + Fraction("0." + "".join(digits))) * scale, scale


def _positional(atoms: list[tuple[str, Fraction, int]], s: str) -> tuple[Fraction, int]:
    """Positional numerals with 十百千 inside a section and 万亿兆 between sections.

    A bigger multiplier takes in every smaller section before it (四千五百六十九万八千三百一十一亿);
    a multiplier right after another multiplies it (万万, 万亿); a lone digit after a unit is
    the next place down (三万五 = 35000, 一百二 = 120) unless 零 stands between.
    """
    parts: list[list[Fraction]] = []  # [value, scale] of finished sections, scales descending
    section = Fraction(0)
    digit: Fraction | None = None
    digit_chars = 0
    prev_unit: Fraction | None = None  # the unit just applied, for the colloquial lone digit
    last_small: Fraction | None = None
    zero = False
    decimal_seen = False
    trailing_scale = 1
    for role, value, width in atoms:
        if decimal_seen and role not in ("big", "small", "skip"):
            raise ValueError(f"digits after a decimal numeral: {s!r}")
        if role in ("digit", "arabic", "approx"):
            if digit is not None:
                raise ValueError(f"two digits with no unit between them: {s!r}")
            if role == "digit" and value == 0:
                zero, prev_unit = True, None
                continue
            if role == "approx":
                # 几 before a unit stands for its base (几十 = 10); after one it adds nothing
                leading = not parts and section == 0 and not zero
                value = Fraction(1) if leading else Fraction(0)
            digit, digit_chars = value, (width if role == "arabic" else 1)
            if role == "arabic" and value.denominator != 1:
                decimal_seen = True
            trailing_scale = 1
        elif role == "small":
            if last_small is not None and value >= last_small:
                raise ValueError(f"units out of order: {s!r}")
            n = digit if digit is not None else Fraction(1)
            section += n * value
            digit, prev_unit, last_small, zero = None, value, value, False
            trailing_scale = 1
        elif role == "big":
            v = section + (digit or 0)
            if v == 0:
                if not parts or digit is not None:
                    raise ValueError(f"a multiplier with nothing to multiply: {s!r}")
                parts[-1][0] *= value
                parts[-1][1] *= value
                trailing_scale *= int(value)
            else:
                while parts and parts[-1][1] < value:
                    v += parts.pop()[0]
                parts.append([v * value, value])
                trailing_scale = int(value)
            section, digit, prev_unit, last_small, zero = Fraction(0), None, value, None, False
        elif role == "skip":
            continue
        else:
            raise ValueError(f"not a numeral: {s!r}")
    if digit is not None:
        if prev_unit is not None and not zero and digit_chars == 1 and digit.denominator == 1 and prev_unit > 1:
            section += digit * prev_unit / 10
        else:
            section += digit
        trailing_scale = 1
    total = sum((p[0] for p in parts), Fraction(0)) + section
    if not parts and section == 0 and not zero and digit is None and all(a[0] == "skip" for a in atoms):
        raise ValueError(f"not a numeral: {s!r}")
    return total, trailing_scale if (parts and trailing_scale > 1) else 1


# two or more digits placed by multipliers (一百五十二, 四百五, 三十六, 两千零八): running text uses
# no such word but the number; financial digits with their multiplier (肆佰陆拾, 陆拾) are written
# only for amounts. One digit with one multiplier (三百, 五十, 一千) is often a word (诗三百, 一千
# 零一夜 aside, 百里挑一), and so is a digit string (三八, 五四).
_PLACED = regex.compile(
    r"[一二两三四五六七八九][十百千][零〇]?[一二三四五六七八九](?:[十百][零〇]?[一二三四五六七八九]?){0,2}"
    r"|(?:[壹贰叁肆伍陆柒捌玖][拾佰仟][零]?){1,4}[壹贰叁肆伍陆柒捌玖]?"
)


def placed(text: str) -> bool:
    """Whether ``text`` is a Chinese numeral that can only be a number, even without a unit:
    two or more digits placed by multipliers, or financial digits with a multiplier.

    >>> [placed(s) for s in ("一百五十二", "四百五", "三十六", "肆佰陆拾", "陆拾")]
    [True, True, True, True, True]
    >>> [placed(s) for s in ("三百", "五十", "十一", "三八", "一百", "百万", "伍")]
    [False, False, False, False, False, False, False]
    """
    return _PLACED.fullmatch(text) is not None


__all__ = ["Numeral", "read", "parse", "to_number", "placed"]
