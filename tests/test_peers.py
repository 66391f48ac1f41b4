"""Other projects' test suites for Chinese numbers (../shared/peers), scored against wfltext.

The numeral parser (:func:`wfltext.numerals.parse`) is scored on whole-input cases, the number
extractor (:func:`wfltext.extract_numbers`) on sentence cases. Targets: 95% of the
Recognizers-Text NumberModel cases whose single expected result spans the whole input, 90% of the
percentage, ordinal and currency cases, 99% of cn2an's strict and normal cases. Every case is also
a test of its own: known failures are ``xfail(strict=True)`` with the reason, so a fix shows.

Adapter: where the peers' semantics differ from RECORDS.md
-----------------------------------------------------------

- **Values.** Recognizers-Text gives values as strings, rounded to 15 significant digits
  (``350.333333333333``, ``2.02107211321364E+23``); they are compared with a relative tolerance of
  1e-12. cn2an compares Python numbers with ``==`` (``11 == 11.0``); its ``direct`` mode keeps
  leading zeros (``"01"``), compared here as numbers.
- **Percentages.** Recognizers-Text gives every percentage in % (``千分之２．４`` → ``0.24%``,
  ``六个百分点`` → ``6%``, ``九折`` → ``90%``). A wfltext record keeps its unit: ‰ and ‱ are
  converted (÷10, ÷100) and 百分点 is read as % for the comparison.
- **Currency.** Recognizers-Text also returns a currency name without an amount (``人民币``,
  ``美元``) with a null value; that is not a number record, so such results are dropped. Its ISO
  code is compared with the record's unit (元 → CNY, 美元 → USD …) where it gives one.
- **The model.** Each Recognizers-Text model only reports its own type; wfltext's number records
  cover them all, so only records of the matching kind are compared (kind ``percent`` for the
  PercentageModel, ``ordinal``, ``money``); for the NumberModel's negatives, no record at all.
- **Readings that differ** (listed in ``READINGS`` with the reason): there the test asserts what
  RECORDS.md says instead, and the case counts as a disagreement in the target figures.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import pytest

import wfltext
from wfltext.numerals import parse

from .conftest import SHARED, needs_shared

PEERS = SHARED / "peers" if SHARED is not None else None

#: the record unit of a Recognizers-Text percentage, in % (三成 is 3 成: 30 %)
PERCENT = {"%": 1.0, "百分点": 1.0, "‰": 0.1, "‱": 0.01, "成": 10.0}
#: record unit -> ISO currency code
ISO = {"元": "CNY", "美元": "USD", "欧元": "EUR", "港元": "HKD", "日元": "JPY", "台币": "TWD", "英镑": "GBP",
       "瑞士法郎": "CHF", "奈拉": "NGN", "卢比": "INR", "韩元": "KRW", "澳元": "AUD", "加元": "CAD"}
#: model file -> record kind compared
KIND = {"recognizers_percentage": "percent", "recognizers_ordinal": "ordinal", "recognizers_currency": "money"}

# (file, input) -> (reason, the records RECORDS.md reads there: (value or range, unit))
READINGS: dict[tuple[str, str], tuple[str, list[tuple]]] = {
    ("recognizers_number", "一美元"): ("RECORDS.md makes money a number record (kind money); the NumberModel leaves it to the currency model", [(1, "美元")]),
    ("recognizers_number", "苹果折扣一美元"): ("RECORDS.md makes money a number record (kind money)", [(1, "美元")]),
    ("recognizers_number", "苹果折扣一折"): ("RECORDS.md makes a discount a percentage record (一折 = 10%)", [(10, "%")]),
    ("recognizers_percentage", "二三十个百分点"): ("RECORDS.md reads 二三十 as an approximate range, 20 to 30", [((20, 30), "百分点")]),
    ("recognizers_percentage", "二三十個百分點"): ("RECORDS.md reads 二三十 as an approximate range, 20 to 30", [((20, 30), "百分点")]),
    ("recognizers_percentage", "百分之二三十"): ("RECORDS.md reads 二三十 as an approximate range, 20 to 30", [((20, 30), "%")]),
    ("recognizers_percentage", "找出酒精量在5-20%之间的产品"): ("RECORDS.md reads 5-20% as one range record [5, 20], not as 20% alone", [((5, 20), "%")]),
    ("recognizers_currency", "这个手机壳花费你五美元和花费我三块"): ("块 is a measure word in reports (三块牌子), so 三块 is a count, not 3 yuan", [(5, "美元"), (3, "块")]),
}

# (file, input) -> why wfltext gets it wrong
KNOWN_FAILURES: dict[tuple[str, str], str] = {
    ("recognizers_percentage", "打对折"): "对折 (half price) is an idiom without a numeral; not read",
    ("recognizers_percentage", "打對折"): "对折 (half price) is an idiom without a numeral; not read",
    ("recognizers_percentage", "半折"): "半折 (half price) is read as 0.5折 = 5%, not 50%",
    ("recognizers_percentage", "百分之９，９９９"): "the normalizer keeps the full-width comma as a list separator, so 9，999 is two numbers",
    ("recognizers_percentage", "百分之１，１２３"): "the normalizer keeps the full-width comma as a list separator, so 1，123 is two numbers",
    ("recognizers_percentage", "１１１，１１１个百分点"): "the normalizer keeps the full-width comma as a list separator",
    ("recognizers_percentage", "１１１，１１１個百分點"): "the normalizer keeps the full-width comma as a list separator",
    ("recognizers_percentage", "百 分 之  ５２.５ k"): "a space before the k of a thousand is kept (5 G, 2.5 M stay apart)",
    ("recognizers_currency", "10日元5日本銭"): "an amount in two Japanese units (円 and 銭) is not composed",
    ("recognizers_currency", "这台电脑两美元又三美分"): "an amount in two units joined by 又 (dollars and cents) is not composed",
}


def load(name: str) -> list[dict]:
    if PEERS is None:
        return []
    with open(PEERS / f"{name}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def close(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)


def whole_input(case: dict) -> bool:
    e = case["expected"]
    return len(e) == 1 and e[0]["Start"] == 0 and e[0]["End"] == len(case["input"]) - 1


@lru_cache(maxsize=None)
def records(text: str) -> tuple:
    return tuple(wfltext.extract_numbers(text))


def record_value(r, model: str) -> float | tuple | None:
    if r.value is None:
        return r.range
    return r.value * PERCENT[r.unit] if model == "recognizers_percentage" else r.value


def agrees(model: str, case: dict) -> bool:
    """Whether wfltext says what the peer expects, as the peer states it (after the adapter)."""
    text = case["input"]
    if model == "recognizers_number" and not case["expected"]:
        return not records(text)
    expected = [e for e in case["expected"] if e["Resolution"].get("value") is not None]
    got = [r for r in records(text) if r.kind == KIND[model]]
    if len(got) != len(expected):
        return False
    for r, e in zip(got, expected):
        v = record_value(r, model)
        if not isinstance(v, (int, float)) or not close(v, e["Resolution"]["value"].rstrip("%")):
            return False
        if not (r.start <= e["End"] and e["Start"] < r.end):
            return False  # the spans must overlap (End is inclusive)
        iso = e["Resolution"].get("isoCurrency")
        if model == "recognizers_currency" and iso and ISO.get(r.unit, r.unit) != iso:
            return False
    return True


def cases(model: str, select=lambda c: True) -> list:
    out = []
    for c in load(model):
        if not select(c):
            continue
        key = (model, c["input"])
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[key])] if key in KNOWN_FAILURES else []
        out.append(pytest.param(c, id=c["id"].rsplit("#", 1)[-1] + ":" + c["input"][:20], marks=marks))
    return out


def check(model: str, case: dict) -> None:
    reading = READINGS.get((model, case["input"]))
    if reading is None:
        got = [(r.text, r.value, r.unit, r.range) for r in records(case["input"])]
        assert agrees(model, case), f"expected {case['expected']}, got {got}"
        return
    reason, want = reading
    got = [(record_value(r, "") if r.value is not None else r.range, r.unit) for r in records(case["input"])]
    assert got == want, reason


# -- Recognizers-Text ----------------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize("case", cases("recognizers_number", whole_input))
def test_rt_number_whole_input_by_the_parser(case: dict) -> None:
    key = ("recognizers_number", case["input"])
    assert key not in READINGS
    assert close(parse(case["input"]), case["expected"][0]["Resolution"]["value"])


@needs_shared
@pytest.mark.parametrize("case", cases("recognizers_number", lambda c: not c["expected"]))
def test_rt_number_negatives(case: dict) -> None:
    check("recognizers_number", case)


@needs_shared
@pytest.mark.parametrize("model", ["recognizers_percentage", "recognizers_ordinal", "recognizers_currency"])
def test_rt_models_are_all_read(model: str) -> None:
    assert load(model), f"{model} is empty"


@needs_shared
@pytest.mark.parametrize("case", cases("recognizers_percentage"))
def test_rt_percentage(case: dict) -> None:
    check("recognizers_percentage", case)


@needs_shared
@pytest.mark.parametrize("case", cases("recognizers_ordinal"))
def test_rt_ordinal(case: dict) -> None:
    check("recognizers_ordinal", case)


@needs_shared
@pytest.mark.parametrize("case", cases("recognizers_currency"))
def test_rt_currency(case: dict) -> None:
    check("recognizers_currency", case)


# -- cn2an ---------------------------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize("case", cases("cn2an_number"))
def test_cn2an_number(case: dict) -> None:
    assert close(parse(case["input"]), float(case["expected"])), case["modes"]


def _an2cn_reversed() -> list:
    out = []
    for c in load("cn2an_an2cn"):
        if c["kind"] != "an2cn":
            continue
        for mode in ("low", "up", "direct"):  # rmb rounds to 分: lossy, left out
            if mode in c["expected"]:
                out.append(pytest.param(c["expected"][mode], float(c["input"]), id=f"{mode}:{c['input']}"))
    return out


@needs_shared
@pytest.mark.parametrize("text,value", _an2cn_reversed())
def test_cn2an_an2cn_read_back(text: str, value: float) -> None:
    assert close(parse(text), value)


# -- the targets ---------------------------------------------------------------------------------


def rate(model: str, select=lambda c: True) -> tuple[int, int]:
    chosen = [c for c in load(model) if select(c)]
    if model == "recognizers_number":
        def ok(c: dict) -> bool:
            try:
                return close(parse(c["input"]), c["expected"][0]["Resolution"]["value"])
            except ValueError:
                return False
    elif model == "cn2an_number":
        def ok(c: dict) -> bool:
            try:
                return close(parse(c["input"]), float(c["expected"]))
            except ValueError:
                return False
    else:
        def ok(c: dict) -> bool:
            return (model, c["input"]) not in READINGS and agrees(model, c)
    return sum(ok(c) for c in chosen), len(chosen)


@needs_shared
@pytest.mark.parametrize("model,select,target", [
    ("recognizers_number", whole_input, 0.95),
    ("recognizers_percentage", lambda c: True, 0.90),
    ("recognizers_ordinal", lambda c: True, 0.90),
    ("recognizers_currency", lambda c: True, 0.90),
    ("cn2an_number", lambda c: bool({"strict", "normal"} & set(c["modes"])), 0.99),
], ids=["rt-number-whole", "rt-percentage", "rt-ordinal", "rt-currency", "cn2an-strict-normal"])
def test_targets(model: str, select, target: float) -> None:
    passed, total = rate(model, select)
    assert total and passed / total >= target, f"{model}: {passed}/{total}"


@needs_shared
def test_no_number_where_recognizers_text_sees_none(shared: Path) -> None:
    negatives = [c for c in load("recognizers_number") if not c["expected"]]
    wrong = [c["input"] for c in negatives
             if ("recognizers_number", c["input"]) not in READINGS and records(c["input"])]
    assert negatives and wrong == []
