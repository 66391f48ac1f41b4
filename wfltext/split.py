"""Files that hold several reports: template sites publish pages of 篇一/篇二, 范文1, 【篇2】.

``split_reports(text)`` returns the spans of the reports in the ORIGINAL text (read before any
normalization, so the markers are matched in traditional script too: 範文). A file is split when
markers of one family start lines and count 1, 2, 3 … with a report's worth of text after each:

* a family is one way of writing the marker: ``篇一``, ``【篇1】``, ``范文一``, ``第一篇``,
  ``文章1`` …; the number may be Chinese or Arabic;
* report k starts at the start of the line holding its marker;
* a run of markers with almost nothing after each is a table of contents (篇一：…\\n篇二：…),
  not reports; when the markers count up twice, the run with the reports is the one used;
* ``第一篇`` also heads the parts of one long document (规划纲要: 第一篇 总体要求), so that family
  splits only when each part's title names a report genre (总结, 计划, 材料, 讲话 …);
* text before the first report shorter than :data:`MIN_PREAMBLE` characters (page title, site
  blurb, table of contents) belongs to no report; a longer one stays with the first report.

A marker inside a sentence (``撰写了第一篇调研文章``) never splits.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .outline import cn_number

_NUM = r"[一二三四五六七八九十\d０-９]{1,3}"
_SEP = r"(?=[ \t\u3000：:、.．，,\r]|$)"
# family name, pattern of a marker at a line start (after indentation); group n is the number
FAMILIES: tuple[tuple[str, str], ...] = (
    ("【篇N】", rf"【[ \t\u3000]?(?:篇[ \t\u3000]?(?P<n>{_NUM})|第[ \t\u3000]?(?P<n2>{_NUM})[ \t\u3000]?篇)[ \t\u3000]?】"),
    ("【范文N】", rf"【[ \t\u3000]?(?:范文|範文|范例|範例|文章|例文)[ \t\u3000]?(?P<n>{_NUM})[ \t\u3000]?】"),
    ("篇N", rf"篇[ \t\u3000]?(?P<n>{_NUM}){_SEP}"),
    ("范文N", rf"(?:精选)?(?:范文|範文|范例|範例|例文)[ \t\u3000]?(?P<n>{_NUM}){_SEP}"),
    ("文章N", rf"文章[ \t\u3000]?(?P<n>{_NUM}){_SEP}"),
    ("第N篇", rf"第[ \t\u3000]?(?P<n>{_NUM})[ \t\u3000]?篇{_SEP}"),
)
_LINE = regex.compile(
    r"^[ \t\u3000\u00a0]*(?:" + "|".join(f"(?P<f{i}>{p})" for i, (_, p) in enumerate(FAMILIES)) + ")",
    regex.M,
)
# a report's title names its genre
_GENRE_WORD = regex.compile(r"总结|計劃|计划|要点|要點|材料|讲话|講話|发言|發言|报告|報告|述职|述職|心得|体会|體會|方案|汇报|彙報|演讲|演講")

#: text before the first marker shorter than this is page chrome, not a report
MIN_PREAMBLE = 200
#: a marker followed by less text than this before the next one heads a contents line, not a report
MIN_REPORT = 60


@dataclass(frozen=True, slots=True)
class Marker:
    family: str
    number: int
    #: start of the line holding the marker
    line_start: int
    #: end of that line
    line_end: int


def _number(m: regex.Match) -> int | None:
    for group in ("n", "n2"):
        value = m.groupdict().get(group)
        if value:
            value = value.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
            return int(value) if value.isdigit() else cn_number(value)
    return None


def find_markers(text: str) -> list[Marker]:
    """Every line-start report marker of ``text``, in order.

    >>> [(m.family, m.number) for m in find_markers("篇一：甲\\n【篇2】乙\\n第三篇 丙\\n他写了第一篇文章")]
    [('篇N', 1), ('【篇N】', 2), ('第N篇', 3)]
    """
    out = []
    for m in _LINE.finditer(text):
        i = next(k for k in range(len(FAMILIES)) if m.group(f"f{k}") is not None)
        number = _number(m)
        if number is None:
            continue
        end = text.find("\n", m.end())
        out.append(Marker(FAMILIES[i][0], number, m.start(), len(text) if end < 0 else end))
    return out


def _runs(markers: list[Marker]) -> list[list[Marker]]:
    """Runs of one family counting 1, 2, 3 …"""
    runs: list[list[Marker]] = []
    open_runs: dict[str, list[Marker]] = {}
    for mk in markers:
        run = open_runs.get(mk.family)
        if mk.number == 1:
            run = [mk]
            runs.append(run)
            open_runs[mk.family] = run
        elif run and mk.number == run[-1].number + 1:
            run.append(mk)
    return [r for r in runs if len(r) >= 2]


def _title_of(text: str, mk: Marker) -> str:
    """The marker's line, or the next non-empty line when the marker stands alone."""
    line = text[mk.line_start : mk.line_end]
    if len(regex.sub(r"[\W\d_一二三四五六七八九十篇范文範例第【】]", "", line)) >= 2:
        return line
    for nxt in text[mk.line_end : mk.line_end + 200].split("\n"):
        if nxt.strip():
            return nxt
    return line


def _report_run(text: str, runs: list[list[Marker]]) -> list[Marker] | None:
    for run in reversed(runs):
        bounds = [mk.line_start for mk in run[1:]] + [len(text)]
        sizes = [len(text[mk.line_end : b].strip()) for mk, b in zip(run, bounds)]
        if min(sizes[:-1]) < MIN_REPORT or sizes[-1] < MIN_REPORT:
            continue  # a table of contents
        if run[0].family == "第N篇" and not all(_GENRE_WORD.search(_title_of(text, mk)) for mk in run):
            continue  # the parts of one document
        return run
    return None


def split_reports(text: str) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` of the reports in ``text``; one span for a single report.

    >>> t = "范文大全\\n篇一：甲县妇联2012年工作总结\\n" + "正文一。" * 20 + "\\n篇二：乙县工会2013年工作计划\\n" + "正文二。" * 20
    >>> [t[s:e].split("\\n")[0] for s, e in split_reports(t)]
    ['篇一：甲县妇联2012年工作总结', '篇二：乙县工会2013年工作计划']
    >>> split_reports("县妇联今年撰写了第一篇调研文章。")
    [(0, 16)]
    """
    run = _report_run(text, _runs(find_markers(text)))
    if run is None:
        return [(0, len(text))]
    starts = [mk.line_start for mk in run]
    preamble = text[: starts[0]]
    # contents lines (markers of the same family before the reports) are chrome too
    chrome = "".join(
        line for line in preamble.splitlines(keepends=True) if not _LINE.match(line)
    )
    first = starts[0] if len(chrome.strip()) < MIN_PREAMBLE else 0
    bounds = [first, *starts[1:], len(text)]
    return [(s, e) for s, e in zip(bounds, bounds[1:])]


__all__ = ["split_reports", "find_markers", "Marker", "FAMILIES", "MIN_PREAMBLE", "MIN_REPORT"]
