"""Properties of ``wfltext.analyze`` over arbitrary and mutated input (hypothesis).

For any input: ``analyze`` raises nothing but the documented errors (``WfltextError``); every
record satisfies ``original[start:end] == text``; the same input twice gives the same records.
Inputs are arbitrary Unicode, report-like text made of the characters reports are made of, and
mutations of real reports (cut, spliced, re-encoded, noise inserted). Example counts are
moderate (``EXAMPLES``); ``benchmarks/fuzz_analyze.py`` runs the long search.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import wfltext
from wfltext.errors import WfltextError
from wfltext.extract.spans import filter_spans
from wfltext.records import NumberRecord

from .conftest import CORPUS, read_original, real_corpus_files

EXAMPLES = 40
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _reports() -> list[str]:
    texts = [read_original(CORPUS / "reports" / "000_6e53a69d3eb90f18.txt")]
    texts += [read_original(p) for p in sorted((CORPUS / "gold" / "texts").glob("*.txt"))]
    texts += [read_original(p) for p in real_corpus_files()]
    return texts


REPORTS = _reports()
#: characters reports are made of: their own, plus markers, quotes, digits and masks
REPORT_CHARS = "".join(sorted(set("".join(REPORTS[:3])) | set("一二三四五六七八九十百千万亿0123456789０１２３.．、，。；：“”‘’《》（）()【】〔〕*＊xX×%％～—-\n\r\t 　")))


def records_of(doc: wfltext.Document) -> list[dict]:
    return [r.to_dict() for r in doc.records]


def check(text_or_bytes: str | bytes) -> wfltext.Document | None:
    """Analyze twice; assert the three properties. None when a documented error refused it."""
    try:
        doc = wfltext.analyze(text_or_bytes, "p")
    except WfltextError:
        with pytest.raises(WfltextError):
            wfltext.analyze(text_or_bytes, "p")
        return None
    for r in doc.records:
        assert 0 <= r.start <= r.end <= len(doc.original), r
        assert doc.original[r.start : r.end] == r.text, r
    if isinstance(text_or_bytes, str):
        assert doc.original == text_or_bytes
    again = wfltext.analyze(text_or_bytes, "p")
    assert records_of(again) == records_of(doc)
    assert again.original == doc.original
    return doc


# -- arbitrary input -----------------------------------------------------------------------------


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_unicode(text: str) -> None:
    check(text)


@SETTINGS
@given(st.text(alphabet=REPORT_CHARS, max_size=600))
def test_report_like_text(text: str) -> None:
    check(text)


@SETTINGS
@given(st.binary(max_size=600))
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


# -- mutations of real reports -------------------------------------------------------------------


@st.composite
def report_slice(draw: st.DrawFn, max_len: int = 2500) -> str:
    text = REPORTS[draw(st.integers(0, len(REPORTS) - 1))]
    start = draw(st.integers(0, max(0, len(text) - 1)))
    length = draw(st.integers(0, max_len))
    return text[start : start + length]


@st.composite
def mutated_report(draw: st.DrawFn) -> str:
    """A slice of a report, then a few of: cut out a piece, splice in a slice of another report,
    insert noise (any characters, or report characters), duplicate a piece."""
    text = draw(report_slice())
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["cut", "splice", "noise", "report-noise", "duplicate"]))
        at = draw(st.integers(0, len(text)))
        if op == "cut":
            text = text[:at] + text[at + draw(st.integers(0, 200)) :]
        elif op == "splice":
            text = text[:at] + draw(report_slice(max_len=400)) + text[at:]
        elif op == "noise":
            text = text[:at] + draw(st.text(max_size=20)) + text[at:]
        elif op == "report-noise":
            text = text[:at] + draw(st.text(alphabet=REPORT_CHARS, max_size=20)) + text[at:]
        else:
            end = draw(st.integers(at, min(len(text), at + 300)))
            text = text[:end] + text[at:end] * draw(st.integers(1, 5)) + text[end:]
    return text


@SETTINGS
@given(mutated_report())
def test_mutated_reports(text: str) -> None:
    check(text)


ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]


@SETTINGS
@given(mutated_report(), st.sampled_from(ENCODINGS), st.integers(0, 8), st.data())
def test_reencoded_reports(text: str, encoding: str, chop: int, data: st.DataObject) -> None:
    """A mutated report re-encoded (characters the encoding lacks become ``?``), sometimes with
    bytes chopped off its end or flipped: read and analyzed, or refused with a documented error."""
    raw = text.encode(encoding, errors="replace")
    if chop and len(raw) > chop:
        raw = raw[:-chop]
    flips = data.draw(st.lists(st.tuples(st.integers(0, max(0, len(raw) - 1)), st.integers(0, 255)), max_size=3))
    if raw:
        buf = bytearray(raw)
        for at, value in flips:
            buf[at] = value
        raw = bytes(buf)
    doc = check(raw)
    if doc is not None and not chop and not flips and encoding in ("utf-8", "utf-8-sig") and text.strip():
        assert doc.original == text  # UTF-8 is read back exactly


@SETTINGS
@given(mutated_report(), st.integers(0xD800, 0xDFFF), st.data())
def test_lone_surrogates_are_input_errors(text: str, surrogate: int, data: st.DataObject) -> None:
    """A lone surrogate anywhere in a text is an InputError naming it, never a UnicodeError from
    deep inside (OpenCC, the store, an export)."""
    from wfltext.errors import InputError

    at = data.draw(st.integers(0, len(text)))
    with pytest.raises(InputError, match="surrogate"):
        wfltext.analyze(text[:at] + chr(surrogate) + text[at:])


def test_every_real_report_with_noise_at_every_line() -> None:
    """Deterministic companion of the random tests: each report once, with a control character,
    a lone quote and a stray 《 at the start of every tenth line."""
    rng = random.Random(20240601)
    for text in REPORTS:
        lines = text.splitlines(keepends=True)
        for i in range(0, len(lines), 10):
            lines[i] = rng.choice(["\x0b", "“", "《", "（", "\u200b", "*"]) + lines[i]
        check("".join(lines))


# -- the overlap filter --------------------------------------------------------------------------


def _reference_filter(records: list[NumberRecord]) -> list[NumberRecord]:
    """The rule stated plainly: longest first, then earliest; drop what overlaps a kept one."""
    chosen: list[NumberRecord] = []
    for r in sorted(records, key=lambda r: (-(r.end - r.start), r.start)):
        if any(r.start < c.end and c.start < r.end for c in chosen):
            continue
        chosen.append(r)
    return sorted(chosen, key=lambda r: (r.start, r.end))


def _number(start: int, end: int, i: int) -> NumberRecord:
    return NumberRecord(doc="p", text="x" * (end - start), start=start, end=end, norm=str(i), section=(), noisy=False, rule=f"r{i}")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=40))
def test_filter_spans_is_the_plain_rule(spans: list[tuple[int, int]]) -> None:
    """``filter_spans`` (bisection) keeps exactly what the plain quadratic rule keeps, empty
    spans and ties included."""
    records = [_number(s, s + n, i) for i, (s, n) in enumerate(spans)]
    assume(all(r.start <= r.end for r in records))
    assert [r.rule for r in filter_spans(records)] == [r.rule for r in _reference_filter(records)]
