"""Files that hold several reports (template sites publish 篇一/篇二, 范文1, 【篇2】 pages).

``split_reports(text)`` returns the spans of the reports in the ORIGINAL text. A file is split only
when at least two markers of the same family start lines in order (篇一 then 篇二…); text before
the first marker (page title, site blurb) belongs to no report when it is short, else to the first.
"""

from __future__ import annotations

import regex

_NUM = r"[一二三四五六七八九十\d]{1,3}"
_MARKER = regex.compile(
    rf"^[ \t\u3000]*(?:【\s*(?:篇|范文|文章)\s*{_NUM}\s*】|(?:篇|范文|文章)\s*{_NUM}(?=[：:\s]|$)|第{_NUM}篇(?=[：:\s]|$)|【第{_NUM}篇】)",
    regex.M,
)
#: text before the first marker shorter than this is page chrome, not a report
MIN_PREAMBLE = 200


def split_reports(text: str) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` of the reports in ``text``; one span for a single report.

    >>> t = "范文大全\\n篇一：甲县妇联总结\\n正文一。\\n篇二：乙县工会计划\\n正文二。"
    >>> [t[s:e].split("\\n")[0] for s, e in split_reports(t)]
    ['篇一：甲县妇联总结', '篇二：乙县工会计划']
    """
    starts = [m.start() for m in _MARKER.finditer(text)]
    if len(starts) < 2:
        return [(0, len(text))]
    spans = []
    first = starts[0] if len(text[: starts[0]].strip()) < MIN_PREAMBLE else 0
    bounds = [first, *starts[1:], len(text)]
    for s, e in zip(bounds, bounds[1:]):
        if text[s:e].strip():
            spans.append((s, e))
    return spans


__all__ = ["split_reports"]
