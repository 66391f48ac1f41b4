"""Multi-report files: template-site compilation pages split into reports; everything else not."""

from __future__ import annotations

import pytest

import wfltext
from wfltext.files import report_spans
from wfltext.split import MIN_PREAMBLE, find_markers, split_reports

# Bodies in the genre's words, long enough to be reports.
SUMMARY = (
    "今年以来，县妇联在县委的坚强领导下，紧紧围绕全县中心工作，团结带领广大妇女建功立业，"
    "全年培训农村妇女2000人次，评选最美家庭100户，各项工作取得新成效。\n"
    "一、加强组织建设\n全县新建村妇联组织52个，实现妇联组织全覆盖。\n"
)
PLAN = (
    "2013年，县总工会将以服务职工为中心，深入开展劳动和技能竞赛，扎实做好困难职工帮扶工作，"
    "不断推进工会组织和工作覆盖，切实维护职工合法权益。\n"
    "一、深化建功立业活动\n组织开展职业技能竞赛10场。\n"
)
SPEECH = (
    "同志们：今天召开全县妇女工作会议，主要任务是总结去年工作，部署今年任务。下面，我讲三点意见。\n"
    "一、充分肯定成绩\n过去一年，全县各级妇联组织围绕大局、服务妇女，做了大量卓有成效的工作。\n"
)
CHROME = "工作总结范文网 > 妇联工作总结\n以下是小编为大家整理的妇联工作总结范文，供大家参考。\n"


def _heads(text: str) -> list[str]:
    return [text[s:e].lstrip(" \u3000").split("\n")[0] for s, e in split_reports(text)]


def _check_spans(text: str) -> None:
    spans = split_reports(text)
    assert spans and all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert spans[-1][1] == len(text)
    for s, _ in spans:
        assert s == 0 or text[s - 1] == "\n", "a report starts at a line start"


def test_pian_markers_with_titles_after_them():
    text = CHROME + "篇一：县妇联2012年工作总结\n" + SUMMARY + "篇二：县总工会2013年工作计划\n" + PLAN + "篇三：在全县妇女工作会议上的讲话\n" + SPEECH
    assert _heads(text) == ["篇一：县妇联2012年工作总结", "篇二：县总工会2013年工作计划", "篇三：在全县妇女工作会议上的讲话"]
    # the site's chrome before the first report belongs to no report
    assert split_reports(text)[0][0] == len(CHROME)
    _check_spans(text)


def test_bracketed_markers_with_a_table_of_contents():
    contents = "目录\n【篇1】县妇联2012年工作总结\n【篇2】县总工会2013年工作计划\n"
    text = CHROME + contents + "【篇1】县妇联2012年工作总结\n" + SUMMARY + "【篇2】县总工会2013年工作计划\n" + PLAN
    spans = split_reports(text)
    assert len(spans) == 2
    assert spans[0][0] == len(CHROME) + len(contents)
    assert text[spans[0][0] :].startswith("【篇1】县妇联") and text[spans[1][0] :].startswith("【篇2】")
    _check_spans(text)


def test_model_text_markers_on_their_own_lines():
    text = "范文一\n县妇联2012年工作总结\n" + SUMMARY + "范文二\n县总工会2013年工作计划\n" + PLAN
    assert _heads(text) == ["范文一", "范文二"]
    assert split_reports(text)[0][0] == 0


@pytest.mark.parametrize(
    "first,second",
    [
        ("【篇一】", "【篇二】"),
        ("【第1篇】", "【第2篇】"),
        ("篇1", "篇2"),
        ("篇１：", "篇２："),
        ("【范文1】", "【范文2】"),
        ("精选范文1：", "精选范文2："),
        ("範文1", "範文2"),
        ("文章一：", "文章二："),
        ("第一篇：县妇联工作总结", "第二篇：县总工会工作计划"),
        ("第1篇 县妇联工作总结", "第2篇 县总工会工作计划"),
    ],
)
def test_marker_families(first: str, second: str):
    text = CHROME + first + "\n" + SUMMARY + second + "\n" + PLAN
    assert _heads(text) == [first, second]
    _check_spans(text)


def test_marker_line_keeps_its_indentation_and_line_endings():
    text = (CHROME + "\u3000\u3000篇一：县妇联工作总结\n" + SUMMARY + "\u3000\u3000篇二：县总工会工作计划\n" + PLAN).replace("\n", "\r\n")
    spans = split_reports(text)
    assert len(spans) == 2
    assert text[spans[1][0] :].startswith("\u3000\u3000篇二") and text[spans[1][0] - 1] == "\n"
    _check_spans(text)


def test_long_preamble_stays_with_the_first_report():
    intro = "本文是县妇联在全县妇联系统年度工作交流会上的汇报材料汇编，收录了两篇材料。" * 8
    assert len(intro) >= MIN_PREAMBLE
    text = intro + "\n篇一：县妇联工作总结\n" + SUMMARY + "篇二：县总工会工作计划\n" + PLAN
    assert split_reports(text)[0][0] == 0


def test_files_give_one_document_per_report():
    text = CHROME + "篇一：县妇联2012年工作总结\n" + SUMMARY + "篇二：县总工会2013年工作计划\n" + PLAN
    ids = [d for d, _, _ in report_spans(text, "page.txt")]
    assert ids == ["page.txt#1", "page.txt#2"]
    docs = [wfltext.analyze(text[s:e], did, types=()) for did, s, e in report_spans(text, "page.txt")]
    assert [d.metadata.title for d in docs] == ["县妇联2012年工作总结", "县总工会2013年工作计划"]
    assert docs[1].metadata.year == 2013 and docs[1].metadata.genre == "工作计划"


# -- negatives ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a report that mentions 第一篇 (or 篇一, 范文) in its sentences
        "县妇联今年在省级刊物发表第一篇调研文章，又发表第二篇调研文章。\n" + SUMMARY,
        SUMMARY + "他撰写的第一篇\n心得得到好评。第二篇\n也在报上刊发。\n" + PLAN,
        # one marker is no compilation
        "篇一：县妇联工作总结\n" + SUMMARY,
        # markers that do not count up from one
        "篇二：县妇联工作总结\n" + SUMMARY + "篇三：县总工会工作计划\n" + PLAN,
        "篇一：县妇联工作总结\n" + SUMMARY + "篇三：县总工会工作计划\n" + PLAN,
        # a table of contents with no reports after it
        CHROME + "篇一：县妇联工作总结\n篇二：县总工会工作计划\n篇三：讲话\n" + SUMMARY,
        # the parts of one long document are not reports
        "全县国民经济和社会发展第十五个五年规划纲要\n第一篇 开启全面建设新征程\n第一章 发展环境\n" + SUMMARY
        + "第二篇 加快构建现代化产业体系\n第二章 壮大实体经济\n" + PLAN,
        # footnote-like numbers in brackets
        "【1】" + SUMMARY + "【2】" + PLAN,
        "",
    ],
    ids=["in-sentence", "wrapped-mention", "one-marker", "from-two", "gap", "contents-only", "parts", "footnotes", "empty"],
)
def test_not_split(text: str):
    assert split_reports(text) == [(0, len(text))]


def test_find_markers_ignores_markers_inside_lines():
    assert find_markers("他说：篇一写得好。\n我读了范文1。") == []


def test_adversarial_inputs_finish():
    for text in ("篇" * 50000, "【" * 50000, ("篇一\n" * 20000), "第" * 50000, ("【篇1】" + "\u3000" * 10) * 5000):
        spans = split_reports(text)
        assert spans[0][0] >= 0 and spans[-1][1] == len(text)
