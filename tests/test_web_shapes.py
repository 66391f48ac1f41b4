"""Web pages of the shapes real template sites give the genre's reports, measured: site lines left
in the text, report lines lost.

The shapes were read from real pages of women's-federation news sites, county portals and
template-essay sites (docs/normalizer.md, "Real page shapes"); the pages here are written for
the tests (their text is invented), one per shape, in two layouts: the chrome in elements of its
own (classes a template gives them) and, harder, the chrome as plain paragraphs inside the
article, where only the normalizer's line patterns can tell it from the report.
"""

from __future__ import annotations

import html as html_lib

import pytest

import wfltext
from wfltext import containers

REPORT = [
    "某县妇联2023年工作总结",
    "2023年，县妇联在县委的坚强领导下，团结带领全县妇女群众，围绕中心、服务大局，各项工作取得新进展。",
    "一、加强思想政治引领",
    "组织开展“巾帼心向党”主题宣讲活动48场次，覆盖妇女群众6000余人次。",
    "二、助力乡村振兴",
    "举办农村妇女实用技术培训班12期，培训妇女800余人，发放创业担保贷款2300万元。",
    "三、维护妇女儿童合法权益",
    "全年接待妇女来信来访56件次，办结率100%。",
    "四、存在的问题和下步打算",
    "基层妇联组织活力还不够强，明年将继续深化妇联改革，推动各项工作再上新台阶。",
]

#: shape -> (chrome lines before the report, inside it after its 5th line, after it)
SHAPES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "navigation, breadcrumb, copyright footer": (
        ["首页 | 工作总结 | 工作计划 | 心得体会 | 述职报告", "当前位置：首页 > 工作总结 > 妇联工作总结"],
        [],
        ["版权所有 某某范文网 备案号：京ICP备12345678号"],
    ),
    "source line with [关闭][打印], editor": (
        ["来源：县妇联　撰稿人：办公室　发布时间：2023-12-20　浏览次数：1024　[关闭] [打印]"],
        [],
        ["责任编辑：张某某"],
    ),
    "share bar, 相关推荐 list": (
        ["分享到： 微信 微博 QQ空间 收藏 举报"],
        [],
        ["相关推荐", "2022年妇联工作总结", "乡镇妇联工作计划范文", "妇联主席述职报告", "三八妇女节活动总结"],
    ),
    "上一篇/下一篇, comment block": (
        [],
        [],
        ["上一篇：2023年团委工作总结", "下一篇：2024年妇联工作计划", "网友评论", "游客：写得很好，很有参考价值", "匿名：谢谢分享", "发表评论"],
    ),
    "inline ad between paragraphs": ([], ["【广告】精品文档就在这里，各类专业好文档，值得你下载"], []),
    "hidden-text marker, VIP and download links": ([], [], ["……此处隐藏1024个字……", "开通VIP 查看全文 下载本文档"]),
    "photo file names": ([], ["妇联活动照片 (1).jpg", "妇联活动照片 (2).jpg"], []),
}


def page(shape: str, *, classes: bool) -> tuple[bytes, list[str]]:
    before, middle, after = SHAPES[shape]
    report = REPORT[:6] if "hidden" in shape else REPORT

    def block(lines: list[str], cls: str) -> str:
        inner = "".join(f"<p>{html_lib.escape(x)}</p>" for x in lines)
        return f'<div class="{cls}">{inner}</div>' if classes and lines else inner

    body = []
    for i, line in enumerate(report):
        body.append(f"<p>{html_lib.escape(line)}</p>")
        if i == 4:
            body.append(block(middle, "ad"))
    text = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县妇联2023年工作总结_范文网</title></head><body>'
        f'{block(before, "nav")}<div class="article">{"".join(body)}</div>{block(after, "footer")}</body></html>'
    )
    return text.encode("utf-8"), report


def measure(data: bytes, report: list[str]) -> tuple[list[str], list[str]]:
    """(site lines left, report lines lost) in the analyzed document's clean text."""
    doc = wfltext.analyze(containers.html_source(data, "page.html").text)
    lines = [ln.strip() for ln in doc.text.splitlines() if ln.strip()]
    return [ln for ln in lines if ln not in report], [ln for ln in report if ln not in lines]


@pytest.mark.parametrize("classes", [True, False], ids=["chrome-in-own-elements", "chrome-inside-the-article"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_page_shape(shape: str, classes: bool) -> None:
    data, report = page(shape, classes=classes)
    left, lost = measure(data, report)
    assert left == [] and lost == []


def test_chrome_words_inside_report_sentences_stay() -> None:
    """The new line patterns take whole lines only: a report that speaks of comments, ads or
    downloads keeps those sentences."""
    report = [
        "某县妇联2023年工作总结",
        "开通“女性创业”服务热线，全年下载并发放宣传资料3000余份。",
        "组织网友评论员队伍开展网上正面宣传，发布推广信息120条。",
        "此处隐藏的风险点已全部整改到位。",
    ]
    data = ("<html><body>" + "".join(f"<p>{x}</p>" for x in report) + "</body></html>").encode("utf-8")
    left, lost = measure(data, report)
    assert lost == [] and left == []
