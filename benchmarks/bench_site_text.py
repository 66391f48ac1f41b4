"""Site text around a report: how much the boilerplate fix leaves, and how much of the report it
takes with it.

Two measurements (docs/normalizer.md, *boilerplate*):

1. **Pages written in the shape of template-site pages**: the body of each bundled report
   (``corpus/reports``, written for the project) between a head and a foot of site lines written
   here in the shapes such sites print (upload cards, page previews, breadcrumbs, compilation
   titles, 小编 intros, bylines, share bars, credits and reprint notes, addresses, copyright,
   上一篇/下一篇, related lists). Counted: site lines left in the clean text, report lines lost.
   The site lines are the shapes the rules were written from, so this checks coverage of those
   shapes and the cost to the report, not unseen sites.
2. **The real development corpus** (``../shared/realcorpus``, when present): every boilerplate
   step of the rules named on the command line (default: the site-text rules added last), so
   that a rule that takes report text shows.

    python benchmarks/bench_site_text.py
"""

from __future__ import annotations

import sys

from common import ROOT, shared_dir

import wfltext
from wfltext.normalize import normalize

HEAD = [
    "上传人：a****3 文档编号：10203040 上传时间：2023-04-17 格式：DOCX 页数：6 大小：24.5KB",
    "下载 相关 举报",
    "{t}.docx_第1页",
    "第1页 / 共6页",
    "资源描述",
    "您的位置：首页 > 工作总结 > 妇联工作总结",
    "{t}(通用5篇)",
    "总结是对过去一定时期的工作进行回顾和分析的书面材料。下面是小编整理的{t}，欢迎阅读与收藏。",
    "作者：佚名 2024-01-12 09:21:33",
    "点赞 12 收藏 分享 评论 3",
]
FOOT = [
    "本文由某某范文网整理，转载请注明出处。",
    "更多精彩内容请访问 www.example-fanwen.com",
    "本站部分内容来源于网络，如有侵权请联系删除。",
    "版权所有 © 2024 某某范文网",
    "上一篇：乡镇妇联工作计划",
    "下一篇：村妇联主席述职报告",
    "相关推荐",
    "2024年社区妇联工作计划",
    "乡镇妇联换届工作总结",
    "分享到：微信 微博 QQ空间",
    "我要投稿",
]
NEW_RULES = {
    "doc-site-meta", "page-preview", "doc-site-tools", "share-bar", "reprint-line", "site-content-source",
    "site-credit", "site-credit-reprint", "reprint-inline", "more-inline", "more-blurb", "weak-delete",
}


def written_pages() -> None:
    files = sorted(p for p in (ROOT / "corpus" / "reports").iterdir() if p.suffix in (".txt", ".html", ".docx"))
    site = left = body_lines = lost = 0
    for path in files:
        body = normalize(wfltext.read(path).text).text
        lines = [line for line in body.split("\n") if line.strip()]
        head = [s.format(t=lines[0]) for s in HEAD]
        out = normalize("\n".join(head + lines + FOOT)).text
        kept = {line for line in out.split("\n") if line.strip()}
        stayed = [s for s in head + FOOT if normalize(s).text.strip() in kept]
        gone = [line for line in lines if line not in kept]
        site += len(head) + len(FOOT)
        left += len(stayed)
        body_lines += len(lines)
        lost += len(gone)
        print(f"{path.name}: site lines left {len(stayed)}, report lines lost {len(gone)}", *stayed, *gone, sep="\n  ")
    print(f"\n{len(files)} pages: {site} site lines, {left} left; {body_lines} report lines, {lost} lost")


def real_corpus(rules: set[str]) -> None:
    files = sorted((shared_dir() / "realcorpus").glob("*/*.txt"))
    if not files:
        print("(no real corpus beside the project: set WFLTEXT_SHARED)")
        return
    steps = 0
    for path in files:
        n = normalize(wfltext.read(path).text)
        for st in n.steps:
            if st.fix == "boilerplate" and st.rule in rules:
                steps += 1
                print(f"{path.parent.name}/{path.name} [{st.rule}] {st.before[:60]!r}")
    print(f"\n{len(files)} real reports: {steps} passages taken by the rules {', '.join(sorted(rules))}")


if __name__ == "__main__":
    written_pages()
    real_corpus(set(sys.argv[1:]) or NEW_RULES)
