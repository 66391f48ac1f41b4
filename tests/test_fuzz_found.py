"""Bugs found by fuzzing with the genre's own words (``benchmarks/fuzz_genre.py``), each kept as a
test, and the contract they broke: nothing but a ``WfltextError`` leaves ``analyze()``.
"""

from __future__ import annotations

import pytest

import wfltext
from wfltext.errors import InputError, InternalError, WfltextError


def _numbers(text: str) -> list[tuple[str, object, object]]:
    doc = wfltext.analyze(text, types=["number"])
    assert all(doc.original[r.start:r.end] == r.text for r in doc.records)
    return [(r.text, r.value, r.date) for r in doc.records]


# -- 两 in a year written digit by digit ---------------------------------------------------------
# 两 never stands for a digit in a string of digits (numerals._digit_string), but the date
# pattern took any four Chinese digits as a year and the numeral reader then raised ValueError.


@pytest.mark.parametrize(
    "text",
    [
        "建于一九五两年",  # the fuzzer's find: a year
        "一九五两年代",  # a year before 代 (the decade alternative does not take it)
        "两〇二〇年度工作总结",  # a year before 度
        "两两两两年",  # nothing but 两
        "八一〇两年", "〇六两两年度", "两两一零年",  # more of the fuzzer's finds, in short
    ],
)
def test_liang_in_a_digit_year_is_no_date(text: str) -> None:
    assert all(date is None or "两" not in t for t, _, date in _numbers(text))


def test_liang_in_the_second_end_of_a_date_interval() -> None:
    """2020年3月至一九五两年5月: the interval's second end is no year; each month stays a date."""
    found = _numbers("2020年3月至一九五两年5月")
    assert ("2020年3月", None, "2020-03") in found
    assert all("两" not in t for t, _, _ in found)


def test_liang_in_a_day_interval() -> None:
    found = _numbers("2020年3月1日至两两两两年5月3日")
    assert ("2020年3月1日", None, "2020-03-01") in found


@pytest.mark.parametrize("text, date", [("一九五二年", "1952"), ("二〇二〇年", "2020"), ("二○一九年", "2019")])
def test_digit_years_are_still_dates(text: str, date: str) -> None:
    assert (text, None, date) in _numbers(text)


# -- the contract ----------------------------------------------------------------------------------


def test_an_unexpected_exception_leaves_analyze_as_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever bug is left, a caller catching WfltextError is never surprised."""
    from wfltext.extract import numbers

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("not a digit string: 'x'")

    monkeypatch.setattr(numbers, "_scan", broken)
    with pytest.raises(InternalError) as info:
        wfltext.analyze("县妇联今年培训200名女农民。", doc_id="a.txt")
    assert isinstance(info.value, WfltextError) and info.value.code == "internal"
    assert isinstance(info.value.__cause__, ValueError)
    assert str(info.value).startswith("a.txt: internal error")


@pytest.mark.parametrize("types", [["foo"], 5])
def test_bad_types_are_input_errors(types: object) -> None:
    with pytest.raises(InputError):
        wfltext.analyze("县妇联今年培训200名女农民。", types=types)  # type: ignore[arg-type]


def test_one_type_as_a_string() -> None:
    doc = wfltext.analyze("县妇联今年培训200名女农民。", types="number")
    assert {r.type for r in doc.records} == {"number"}


# -- the genre fuzzer's strategy, a few dozen cases per run ----------------------------------------


def _fuzz_genre():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "fuzz_genre.py"
    spec = importlib.util.spec_from_file_location("fuzz_genre", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fuzz_genre = _fuzz_genre()

try:
    from hypothesis import HealthCheck, given, settings
except ImportError:  # pragma: no cover - hypothesis comes with the test extra
    given = None


if given is not None:

    @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(fuzz_genre.genre_texts())
    def test_genre_mutations_stay_within_the_contract(text: str) -> None:
        """Real report slices with the genre's words, numerals, pinyin, quotes and headings
        mutated in: only WfltextError, exact offsets, the same records twice."""
        assert fuzz_genre.check(text, twice=True) is None
