"""The numeral parser: corpus/numbers/numerals.jsonl, properties, and linear-time patterns."""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wfltext import numerals
from wfltext.numerals import Numeral, parse, read, to_number

from .conftest import CORPUS

EXAMPLES = CORPUS / "numbers" / "numerals.jsonl"


def _lines() -> list[dict]:
    with open(EXAMPLES, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _cases(kind: str) -> list:
    out = []
    for entry in _lines():
        marks = [pytest.mark.xfail(strict=True, reason=entry["xfail"])] if "xfail" in entry else []
        if kind == "valid" and "value" in entry:
            out += [pytest.param(s, entry["value"], id=f"{s}={entry['value']}", marks=marks) for s in entry["surfaces"]]
        elif kind == "invalid" and "invalid" in entry:
            out += [pytest.param(s, id=f"invalid:{s}", marks=marks) for s in entry["invalid"]]
    return out


@pytest.mark.parametrize("surface,value", _cases("valid"))
def test_corpus_value(surface: str, value: float) -> None:
    assert parse(surface) == pytest.approx(value, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("surface", _cases("invalid"))
def test_corpus_invalid(surface: str) -> None:
    with pytest.raises(ValueError):
        parse(surface)


def test_values_are_exact_and_int_when_whole() -> None:
    assert parse("11.3万") == 113000 and isinstance(parse("11.3万"), int)
    assert parse("0.1") + parse("0.2") == pytest.approx(0.3)
    assert isinstance(parse("十点二三三"), float)
    assert read("11.3万").exact == Fraction(113000)


def test_read_reports_approximation_scale_and_writing() -> None:
    n = read("十余万")
    assert (n.value, n.approx, n.scale, n.base, n.written) == (100000, True, 10000, 10, "chinese")
    assert read("1.2万").written == "mixed" and read("1.2万").base == 1.2
    assert read("二〇二六").written == "digits"
    assert read("百").leading_unit and not read("一百").leading_unit
    assert read("4.78万亿").scale == 10**12


def test_masked_digits_have_no_value() -> None:
    for s in ("201*0", "201*", "20xx", "48xxxx"):
        n = read(s)
        assert n.masked and n.value is None, s
    with pytest.raises(ValueError):
        parse("201*0")


def test_pairs_only_when_asked() -> None:
    assert read("两三", pairs=True).range == (2, 3)
    assert read("二三十", pairs=True).range == (20, 30)
    assert read("十五六", pairs=True).range == (15, 16)
    assert read("三四百", pairs=True).range == (300, 400)
    assert read("三五", pairs=True).range == (3, 5)
    with pytest.raises(ValueError):
        read("十三五", pairs=True)  # a plan's name, not 13 to 15
    assert read("二三").range is None and parse("二三") == 23  # a digit string without pairs


def test_to_number() -> None:
    assert to_number(Fraction(4, 2)) == 2 and isinstance(to_number(Fraction(4, 2)), int)
    assert to_number(Fraction(1, 8)) == 0.125


# -- a reference writer, to read back what it writes ----------------------------------------------

_DIGITS = "零一二三四五六七八九"


def _section(n: int) -> str:
    """0 < n < 10000 in standard form."""
    out, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero:
                out.append("零")
            out.append(_DIGITS[d] + unit)
            zero = False
        elif out:
            zero = True
    return "".join(out)


def write_chinese(n: int) -> str:
    if n == 0:
        return "零"
    parts = []
    for scale, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // scale % (10**4 if scale < 10**8 else 10**8)
        if chunk:
            text = write_chinese(chunk) if chunk >= 10**4 else _section(chunk)
            if parts and chunk < 1000:
                parts.append("零")
            parts.append(text + name)
        elif parts and n % scale:
            pass
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_reads_back_what_a_writer_writes(n: int) -> None:
    assert parse(write_chinese(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_forms_agree(n: int) -> None:
    full = "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    assert parse(str(n)) == parse(f"{n:,}") == parse(full) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99999), st.sampled_from([("万", 10**4), ("亿", 10**8)]))
def test_multipliers_scale_decimals(n: int, mult: tuple[str, int]) -> None:
    word, scale = mult
    text = f"{n / 100:.2f}".rstrip("0").rstrip(".")
    assert parse(text + word) == Fraction(text) * scale


# -- linear time --------------------------------------------------------------------------------

# An unbounded * or + (not a possessive + after a bounded {m,n} or ?) could backtrack without end
# on adversarial input; every repetition in the parser's and the extractor's patterns and in the
# filter lexicon is bounded.
_UNBOUNDED = re.compile(r"(?<![}?])\+|\*")


def _strip_classes(pattern: str) -> str:
    """The pattern without escapes and character classes, where * and + are literal."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _patterns() -> list[tuple[str, str]]:
    from wfltext.extract import numbers

    found = []
    for module in (numerals, numbers):
        for name, value in vars(module).items():
            if hasattr(value, "pattern") and isinstance(value.pattern, str):
                found.append((f"{module.__name__}.{name}", value.pattern))
    found += [(f"filter {f.name}", f.pattern.pattern) for f in numbers.filters()]
    return found


@pytest.mark.parametrize("name,pattern", _patterns(), ids=[n for n, _ in _patterns()])
def test_patterns_have_bounded_repetition(name: str, pattern: str) -> None:
    bare = _strip_classes(pattern)
    assert not _UNBOUNDED.search(bare), f"{name} repeats without bound: {bare}"


def test_adversarial_inputs_end() -> None:
    # they must simply finish (and fail or succeed cleanly): nested quantifiers would not
    for text in ("一" * 2000, "十" * 2000, "1" * 5000 + "x", "一百" * 1000 + "万", "点" * 1000, "分之" * 1000):
        try:
            read(text)
        except ValueError:
            pass


def test_numeral_type_is_plain_data() -> None:
    n = Numeral(Fraction(3))
    assert n.value == 3 and n.base == 3 and n.range is None
