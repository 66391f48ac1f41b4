"""The report's outline: headings (一、 （一） 1. 1、 (1) ⑴ 一是 第一 首先…) as a section tree.

Works on the normalized text. A marker's *style* (``一、``, ``（一）``, ``1.``, ``一是`` …) decides
its level by order of first appearance, as a reader would: the first style met is level 1, a new
style met under it is level 2, and so on. A heading is the marker and the text up to the first
sentence end (。！？), or the end of the line; long runs are cut at a clause boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

_CN = "一二三四五六七八九十"
# style name, pattern of a marker at a line start (or after a sentence end for inline items)
STYLES: tuple[tuple[str, str], ...] = (
    ("part", rf"第[{_CN}]+(?:部分|篇|章)"),
    ("cn-dun", rf"[{_CN}]{{1,3}}、"),
    ("cn-paren", rf"[（(][{_CN}]{{1,3}}[）)]"),
    ("arabic-dot", r"\d{1,2}[.．](?!\d)"),
    ("arabic-dun", r"\d{1,2}、"),
    ("arabic-paren", r"[（(]\d{1,2}[）)]"),
    ("circled", r"[①-⑳⑴-⒇]"),
    ("cn-shi", rf"[{_CN}]是"),
    ("cn-di", rf"第[{_CN}]{{1,3}}(?=[，,、：:])"),
    ("shouxian", r"(?:首先|其次|再次|最后)(?=[，,：:])"),
)
_MARKER = regex.compile(
    "|".join(f"(?P<s{i}>{p})" for i, (_, p) in enumerate(STYLES)),
)
_SENT_END = regex.compile(r"[。！？!?]")
MAX_HEADING = 60


@dataclass
class Section:
    """A heading and what it spans, in normalized offsets (``start``..``end``) and original ones
    (``ostart``..``oend`` are filled by the Document)."""

    heading: str
    marker: str
    style: str
    level: int
    start: int
    end: int
    heading_end: int
    children: list["Section"] = field(default_factory=list)
    ostart: int = -1
    oend: int = -1

    def to_dict(self) -> dict:
        return {
            "heading": self.heading,
            "marker": self.marker,
            "level": self.level,
            "start": self.ostart,
            "end": self.oend,
            "children": [c.to_dict() for c in self.children],
        }

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def _heading_end(text: str, start: int, line_end: int) -> int:
    m = _SENT_END.search(text, start, line_end)
    end = m.end() - 1 if m else line_end
    return min(end, start + MAX_HEADING)


def find_headings(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, heading_end, marker, style)`` for each heading, in order."""
    out = []
    pos = 0
    n = len(text)
    while pos < n:
        line_end = text.find("\n", pos)
        if line_end < 0:
            line_end = n
        # skip indentation
        i = pos
        while i < line_end and text[i] in " \t\u3000\u00a0":
            i += 1
        m = _MARKER.match(text, i)
        if m:
            style = STYLES[int(m.lastgroup[1:])][0]
            out.append((i, _heading_end(text, m.end(), line_end), m.group(), style))
        pos = line_end + 1
    return out


def build(text: str) -> list[Section]:
    """The section tree of a normalized text (top-level sections)."""
    roots: list[Section] = []
    stack: list[Section] = []
    levels: dict[str, int] = {}
    for start, hend, marker, style in find_headings(text):
        if style in levels:
            level = levels[style]
        else:
            level = (stack[-1].level + 1) if stack else 1
            levels[style] = level
        while stack and stack[-1].level >= level:
            stack.pop()
        sec = Section(text[start:hend].strip(), marker, style, level, start, len(text), hend)
        if stack:
            stack[-1].children.append(sec)
        else:
            roots.append(sec)
        stack.append(sec)
    _close(roots, len(text))
    return roots


def _close(sections: list[Section], end: int) -> None:
    for i, s in enumerate(sections):
        s.end = sections[i + 1].start if i + 1 < len(sections) else end
        _close(s.children, s.end)


def path_at(roots: list[Section], pos: int) -> tuple[str, ...]:
    """Headings above normalized offset ``pos``, outermost first."""
    path: list[str] = []
    level = roots
    while True:
        for s in level:
            if s.start <= pos < s.end:
                path.append(s.heading)
                level = s.children
                break
        else:
            return tuple(path)


__all__ = ["Section", "build", "find_headings", "path_at", "STYLES"]
