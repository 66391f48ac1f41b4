"""The offset map: any normalized span maps back to a span of the original, and normalizing
twice changes nothing — on random text built from what the fixes act on, and on real reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wfltext.normalize import PLAN, normalize
from wfltext.normalize.offsets import Edit, OffsetMap

from .conftest import CORPUS, needs_shared, read_original, real_corpus_files

# text drawn from the characters and pieces the fixes care about, so edits actually happen
ALPHABET = st.sampled_from(
    list("強基發揮婦聯縣委政府一二三、，。,;:：“”《》()（）\n\r\u3000 1234５６*x")
    + ["(qiáng)", "(fā)", "?jì)D", "友情提示:", "来源：", "201*", "20xx", "1 9 9 8 年"]
)
TEXTS = st.lists(ALPHABET, max_size=80).map("".join)

# every fix's triggers, its look-alikes and its neighbours
PIECES = st.sampled_from(
    [
        # pinyin, real and not
        "(qiáng)", "(fā)", "（lián）", "(men)", "(含)", "（一）", "(PPP)", "(liánhé)",
        # garbles
        "?jì)D", "!傲弧眱和", "!叭恕眿D女節", "慶", "基矗", "评癣", "矗", "癣", "\ufffd", "!", "?",
        "!陡", "儿童发展纲要》", "!敖", "建功”标兵",
        # traditional script
        "強基", "發揮", "婦聯", "為著力點", "乾隆", "著名", "幹部", "後",
        # boilerplate
        "来源：", "来源：人民网", "友情提示:本文仅供参考。", "责任编辑：", "李莎莎", "相关报道：",
        "扫一扫在手机打开当前页", "大", "中", "小", "【字体：", "】", "首页", ">", "分享到:",
        "本资料权属文库", "点击查看更多", "以下是小编为大家分享的总结", "记者 李森 摄",
        "2026-02-03 09:02:33", "免责声明：",
        # white space and lines
        "\u3000", "\u3000\u3000", " ", "\u00a0", "\t", "\r\n", "\n", "\n", "\n", "\r",
        # letter spacing
        "政 府 工 作", "1 9 9 8 年", "3 月", "龚 正",
        # width and punctuation
        "１２", "％", "．", "Ａ", ",", ";", ":", "?", ",,", ",。", "，，", "；", "。。", "。。。", "，。",
        # decimal stops
        "13。82万", "2.54。30个", "5。6", "个百分点", "。3",
        # masks
        "201*", "20xx", "48xxxx", "××镇", "***", "XX县", "2×3", "○○",
        # headings and body text
        "一、", "（一）", "一是", "二、标题", "各位代表：",
        "全力推进妇联基层组织建设真正使其与党和政府的工作重心相适应",
        "积极争取有利于妇女参选参政的政策支持深入调研不断完善村妇代会",
        "。", "，", "县妇联", "人", "年", "万",
    ]
)
RICH_TEXTS = st.lists(PIECES, max_size=60).map("".join)


def _check_mapping(text: str, data) -> None:
    n = normalize(text)
    a = data.draw(st.integers(0, len(n.text)))
    b = data.draw(st.integers(a, len(n.text)))
    s, e = n.to_original(a, b)
    assert 0 <= s <= e <= len(text)
    if a < b:
        # every character of the span comes from inside the mapped original span
        for i in range(a, b):
            cs, ce = n.to_original(i, i + 1)
            assert s <= cs <= ce <= e
    # and the map is monotone: later characters never come from earlier in the original
    for i in range(1, len(n.text)):
        assert n.to_original(i - 1, i)[0] <= n.to_original(i, i + 1)[0]


def test_identity_map_maps_every_span_to_itself() -> None:
    m = OffsetMap.identity(5)
    assert m.span(1, 4) == (1, 4)
    assert m.span(5, 5) == (5, 5)


def test_replacement_of_other_length_covers_whole_source() -> None:
    text, m = OffsetMap.identity(6).apply("ab(cd)", [Edit(1, 6, "B")])
    assert text == "aB"
    assert m.span(1, 2) == (1, 6)


def test_composed_maps_point_into_the_first_original() -> None:
    text, m = OffsetMap.identity(7).apply("ab  cde", [Edit(2, 4, "")])
    text, m = m.apply(text, [Edit(2, 3, "CC")])
    assert text == "abCCde"
    assert m.span(2, 4) == (4, 5)
    assert m.span(0, 6) == (0, 7)


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError):
        OffsetMap.identity(5).apply("abcde", [Edit(1, 3, "x"), Edit(2, 4, "y")])


@given(TEXTS, st.data())
@settings(max_examples=300, deadline=None)
def test_any_normalized_span_maps_to_an_original_span(text: str, data) -> None:
    _check_mapping(text, data)


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@given(RICH_TEXTS, st.data())
@settings(max_examples=400, deadline=None)
def test_rich_text_maps_back(text: str, data) -> None:
    _check_mapping(text, data)


@given(RICH_TEXTS)
@settings(max_examples=600, deadline=None)
def test_rich_text_is_idempotent(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@given(RICH_TEXTS)
@settings(max_examples=200, deadline=None)
def test_each_fix_is_idempotent_on_its_own_output(text: str) -> None:
    for fix in PLAN:
        edits = fix.find(text)
        out, _ = OffsetMap.identity(len(text)).apply(text, edits)
        again = fix.find(out)
        changed = [e for e in again if out[e.start : e.end] != e.replacement]
        assert not changed, (fix.name, text, out, changed)


def _real_texts() -> list[str]:
    texts = [read_original(p) for p in real_corpus_files()]
    texts.append(read_original(CORPUS / "reports" / "000_6e53a69d3eb90f18.txt"))
    return texts


_REAL = _real_texts()


@given(st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_slices_of_real_reports_with_noise_are_idempotent_and_mapped(data) -> None:
    original = data.draw(st.sampled_from(_REAL))
    start = data.draw(st.integers(0, max(0, len(original) - 1)))
    text = original[start : start + data.draw(st.integers(0, 3000))]
    # sprinkle noise into the real text
    for _ in range(data.draw(st.integers(0, 6))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(PIECES) + text[at:]
    once = normalize(text)
    assert normalize(once.text).text == once.text
    _check_mapping(text, data)


@needs_shared
@pytest.mark.parametrize("path", real_corpus_files(), ids=lambda p: f"{Path(p).parent.name}/{Path(p).name}")
def test_real_reports_are_idempotent_and_mapped(path: Path) -> None:
    original = read_original(path)
    n = normalize(original)
    assert normalize(n.text).text == n.text
    assert n.to_original(0, len(n.text))[1] <= len(original)
    # every step names a span of the original that holds what it says it replaced
    for step in n.steps:
        assert original[step.start : step.end] == step.before


def test_sample_report_is_idempotent(sample_text: str) -> None:
    n = normalize(sample_text)
    assert normalize(n.text).text == n.text
