"""The report's outline: headings (一、 （一） 1. 1、 (1) ⑴ ① 一是 第一 首先 …) as a section tree.

Works on the normalized text. Reading it as a reader would:

* **Markers.** A heading starts with a marker at the start of a line (``一、``, ``（一）``, ``1.``,
  ``1、``, ``(1)``, ``⑴``, ``①``, ``第一部分``, ``附件1``). *Items* (``一是``, ``第一，``,
  ``首先，``) may also stand inside a paragraph, after a sentence or clause end
  (``…。二是加强…``). A line holding only a number (``3``, ``- 3 -``, a page number left by a
  scan) or a marker with nothing after it is not a heading.
* **Unmarked headings.** A report that has no top-level marker at all (published with its
  一、 lost) may still have its top-level headings as short lines without punctuation between
  paragraphs (``“十四五”时期工作回顾``); two or more such lines are headings of style ``plain``.
* **Sequences.** Markers of one style count 1, 2, 3 …: a marker continues its style's list (or
  starts one at 1). A stray ``3.`` with no list before it, or an ``一是`` with no ``二是`` after
  it, is body text.
* **Levels** come from nesting, not from a fixed table: a style met again returns to its list's
  level; a new style opens a level under the current heading. Items are leaves of the heading
  levels: a heading style never nests under an item (``（一）`` after ``八是`` closes the items),
  so a numbered list in a body does not create bogus levels. Appendices (``附件1``) and parts
  (``第一部分``) always start at the top.
* **Heading text** is the marker and what follows it up to a sentence end (。！？；：) or the
  end of the line. When the body runs on after a heading with no punctuation between
  (``一、重建设，让妇女工作的“阵地”更坚实紧紧围绕…``), the heading is cut where it has the
  shape of its parallel siblings that stand on their own lines (same clauses, same length, same
  characters in the same places: ``三、抓活动，让妇女组织的活力更彰显``), else before a word
  that opens body sentences (``lexicons/outline_openers.txt``), else at a clause boundary.
  ``Section.rule`` names how the end was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

import regex

from . import lexicons

_CN = "一二三四五六七八九十"
_CN_VALUE = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SPACE = " \t\u3000\u00a0"

#: a heading (not an item) longer than this, after its marker, may have body text run on after it
LONG = 30
#: headings and items are cut to at most this many characters after the marker
MAX_HEADING = 60
#: a cut must leave at least this many characters of heading after the marker
MIN_HEADING = 2
#: a long item is cut at its first clause end this many characters or more after the marker
MIN_ITEM_CLAUSE = 6


def cn_number(s: str) -> int | None:
    """Value of a Chinese numeral up to 99; ``None`` for anything else.

    >>> [cn_number(s) for s in ("一", "十", "十二", "二十", "二十三", "九十九", "百", "一一")]
    [1, 10, 12, 20, 23, 99, None, None]
    """
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _CN_VALUE.get(head) if head else 1
        units = _CN_VALUE.get(tail) if tail else 0
        if tens is None or units is None or tens == 0 or (tail and units == 0):
            return None
        return tens * 10 + units
    return _CN_VALUE.get(s) if len(s) == 1 else None


@dataclass(frozen=True, slots=True)
class Style:
    """A kind of marker. ``kind`` is ``part`` (always top level), ``heading`` or ``item``."""

    name: str
    kind: str
    pattern: str
    example: str


# Order matters where patterns share a start: 第一部分 (part) before 第一， (item); （一） before
# （1）. Every pattern is a bounded alternation, so matching is linear.
STYLES: tuple[Style, ...] = (
    Style(
        "annex",
        "part",
        r"附[ \u3000]?[件录][ \u3000]?(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})?(?:[：:]|(?=[ \t\u3000]|$))"
        r"|(?:附[：:])?(?:名词解释|注释)(?=[ \t\u3000]*$)",
        "附件1",
    ),
    Style("part", "part", rf"第(?P<n>[{_CN}]{{1,3}})(?:部分|篇|章)[：:、，,]?", "第一部分"),
    Style("cn-dun", "heading", rf"(?P<n>[{_CN}]{{1,3}})[、．]", "一、"),
    Style("cn-paren", "heading", rf"[（(](?P<n>[{_CN}]{{1,3}})[）)][、，,]?", "（一）"),
    Style("arabic-dot", "heading", r"(?P<n>\d{1,2})[.．](?![\d.．])", "1."),
    Style("arabic-dun", "heading", r"(?P<n>\d{1,2})、", "1、"),
    Style("arabic-paren", "heading", r"[（(](?P<n>\d{1,2})[）)][、，,]?", "（1）"),
    Style("paren-digit", "heading", r"(?P<n>[⑴-⒇])", "⑴"),
    Style("circled", "heading", r"(?P<n>[①-⑳])", "①"),
    Style("cn-shi", "item", rf"(?P<n>[{_CN}]{{1,3}})是[，：:,]?", "一是"),
    Style("cn-di", "item", rf"第(?P<n>[{_CN}]{{1,3}})[，、：:,]", "第一，"),
    Style("shouxian", "item", r"(?P<n>首先|其次|再次|最后)[，、：:,]", "首先，"),
)
#: headings without a marker, found only in reports that have no top-level markers at all
PLAIN = Style("plain", "part", "", "“十四五”时期工作回顾")
_ALL_STYLES = STYLES + (PLAIN,)
_STYLE = {s.name: s for s in _ALL_STYLES}
_LINE_MARKER = regex.compile("|".join(f"(?P<s{i}>{s.pattern})" for i, s in enumerate(STYLES)), regex.M)
_ITEM_STYLES = [i for i, s in enumerate(STYLES) if s.kind == "item"]
# an item inside a paragraph follows a sentence or clause end (and a closing quote, spaces);
# after a comma too (出路，一是…；二是…), which the pairing of 一是 with 二是 keeps safe
_INLINE_ITEM = regex.compile(
    r"[。；！？：，;!?,][”’」』)）]?[ \t\u3000]{0,3}(?P<item>"
    + "|".join(f"(?P<s{i}>{STYLES[i].pattern})" for i in _ITEM_STYLES)
    + ")"
)
_SHOUXIAN = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}
#: what a heading never ends on or a cut never comes before
_NATURAL_END = regex.compile(r"[。！？!?；;：:]")
_CLAUSE = regex.compile(r"[，、；：,;:]")
_FIRST_CLAUSE = regex.compile(r"[，；,;]")
_OPEN = "“‘《（(「『【〈"
_CLOSE = "”’》）)」』】〉"
_NO_END = "，、；：,;:" + _OPEN
_NO_START = "，、；：。,.;:！？!?" + _CLOSE


@dataclass
class Section:
    """A heading and what it spans, in normalized offsets (``start``..``end``) and original ones
    (``ostart``..``oend`` are filled by the Document). ``heading`` is the normalized text of
    ``start``..``heading_end``: the marker and the heading's words."""

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
    #: the marker's place in its list: 1 for 一、 / 一是 / 首先, 0 for 最后
    number: int = 1
    #: an item inside a paragraph rather than at the start of a line
    inline: bool = False
    #: how the heading's end was found: "line end", "sentence end", "sibling shape",
    #: "body opener", "first clause" (long items), "clause cap"
    rule: str = ""

    @property
    def kind(self) -> str:
        return _STYLE[self.style].kind

    def to_dict(self) -> dict:
        return {
            "heading": self.heading,
            "marker": self.marker,
            "style": self.style,
            "level": self.level,
            "start": self.ostart,
            "end": self.oend,
            "rule": self.rule,
            "children": [c.to_dict() for c in self.children],
        }

    def walk(self) -> Iterator["Section"]:
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass(slots=True)
class _Candidate:
    start: int
    marker_end: int
    style: int
    number: int
    inline: bool
    line_end: int


@lru_cache(maxsize=1)
def _openers() -> tuple[str, ...]:
    return tuple(sorted(lexicons.entries("outline_openers.txt"), key=len, reverse=True))


def _number(style: Style, m: regex.Match) -> int:
    n = m.group("n") if "n" in m.re.groupindex else None
    if style.name == "shouxian":
        return _SHOUXIAN[n]
    if not n:
        return 1
    if n.isascii() and n.isdigit():
        return int(n)
    if "⑴" <= n <= "⒇":
        return ord(n) - ord("⑴") + 1
    if "①" <= n <= "⑳":
        return ord(n) - ord("①") + 1
    return cn_number(n) or -1


def _match_style(m: regex.Match) -> int:
    """Index in STYLES of the alternative that matched (groups ``s0``, ``s1`` …)."""
    for name, value in m.groupdict().items():
        if value is not None and name[0] == "s" and name[1:].isdigit():
            return int(name[1:])
    raise AssertionError("a marker matched no style")


def _candidates(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    n = len(text)
    pos = 0
    while pos < n:
        line_end = text.find("\n", pos)
        if line_end < 0:
            line_end = n
        i = pos
        while i < line_end and text[i] in _SPACE:
            i += 1
        m = _LINE_MARKER.match(text, i, line_end)
        if m:
            k = _match_style(m)
            style = STYLES[k]
            number = _number(style, regex.match(style.pattern, m.group()))
            rest = text[m.end() : line_end].strip(_SPACE)
            # a marker needs words after it: "3." or "附件" alone is a page number or a label
            if number >= 0 and (rest or style.name == "annex") and not (style.name == "annex" and len(rest) > 40):
                out.append(_Candidate(i, m.end(), k, number, False, line_end))
        for im in _INLINE_ITEM.finditer(text, i, line_end):
            k = _match_style(im)
            style = STYLES[k]
            number = _number(style, regex.match(style.pattern, im.group("item")))
            if number >= 0:
                out.append(_Candidate(im.start("item"), im.end(), k, number, True, line_end))
        pos = line_end + 1
    return out


_PLAIN_PUNCT = regex.compile(r"[。，、；：！？,;:!?]")
_BRACKETED = regex.compile(r"^[（(【《“\[].*[）)】》”\]]$")


def _plain_headings(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """Lines that stand as top-level headings without a marker (a report published with its
    一、 lost: ``“十四五”时期工作回顾``): short, without punctuation, between a paragraph's end and a
    longer paragraph, after the report's first paragraph. Looked for only where no top-level
    marker was found, and kept only when there are two or more of them."""
    if any(STYLES[c.style].name in ("cn-dun", "part") for c in cands):
        return []
    found: list[_Candidate] = []
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        line = raw.strip(_SPACE)
        if line:
            lines.append((pos + raw.index(line[0]), line))
        pos += len(raw) + 1
    body_started = False
    for j, (start, line) in enumerate(lines):
        if not body_started:
            body_started = len(line) >= 15 and "。" in line
            continue
        if not (4 <= len(line) <= 24) or _PLAIN_PUNCT.search(line) or _BRACKETED.match(line):
            continue
        if _LINE_MARKER.match(line) or j + 1 >= len(lines):
            continue
        following, preceding = lines[j + 1][1], lines[j - 1][1]
        if len(following) >= 2 * len(line) and preceding[-1] in "。！？!?”":
            found.append(_Candidate(start, start, len(STYLES), 1, False, start + len(line)))
    return found if len(found) >= 2 else []


def _paired_items(cands: list[_Candidate]) -> list[_Candidate]:
    """Drop an item that opens a list (一是, 首先) unless its second member follows before the
    next heading: a lone 一是 or 首先 is prose."""
    keep: list[_Candidate] = []
    for j, c in enumerate(cands):
        style = _ALL_STYLES[c.style]
        if style.kind == "item" and c.number == 1:
            for d in cands[j + 1 :]:
                if (not d.inline and _ALL_STYLES[d.style].kind != "item") or (d.style == c.style and d.number == 1):
                    break
                if d.style == c.style and d.number == 2:
                    keep.append(c)
                    break
            continue
        keep.append(c)
    return keep


def _place(stack: list[Section], c: _Candidate) -> int | None:
    """Where candidate ``c`` goes: the stack depth its section takes (its parent is
    ``stack[depth - 1]``), or ``None`` when it is no heading."""
    style = _ALL_STYLES[c.style]
    if style.name == "annex":
        return 0
    for i in range(len(stack) - 1, -1, -1):
        if stack[i].style != style.name:
            continue
        prev = stack[i].number
        if c.number == 0:  # 最后: closes the list it belongs to
            return i
        if c.number == 1 or prev < c.number <= prev + 3:
            return i  # the next member (a gap of up to two lost headings), or a list restarted
        return None  # going back, or a repeat: a reference, not a heading
    if c.number == 0:
        return None
    depth = len(stack)
    if style.kind != "item":
        # headings never nest under items: the items' list is over
        while depth and _STYLE[stack[depth - 1].style].kind == "item":
            depth -= 1
        if style.kind == "part":
            return 0
    if c.number != 1 and not (style.name == "cn-dun" and depth == 0):
        return None  # a list does not start at its third member
    return depth


def _natural_end(text: str, c: _Candidate) -> tuple[int, str]:
    m = _NATURAL_END.search(text, c.marker_end, c.line_end)
    end, rule = (m.start(), "sentence end") if m else (c.line_end, "line end")
    while end > c.marker_end and text[end - 1] in _SPACE:
        end -= 1
    return end, rule


def _cap(text: str, start: int, end: int) -> int:
    """End of a heading of at most MAX_HEADING characters after ``start``, at a clause end if
    there is one."""
    if end - start <= MAX_HEADING:
        return end
    cut = None
    for m in _CLAUSE.finditer(text, start + MIN_HEADING, start + MAX_HEADING):
        cut = m.start()
    return cut if cut is not None else start + MAX_HEADING


def build(text: str) -> list[Section]:
    """The section tree of a normalized text (its top-level sections)."""
    cands = _candidates(text)
    cands = _paired_items(sorted(cands + _plain_headings(text, cands), key=lambda c: c.start))
    roots: list[Section] = []
    stack: list[Section] = []
    headings: list[tuple[Section, list[Section], int]] = []
    para_end: dict[int, int] = {}
    for c in cands:
        # an item inside a paragraph holds nothing past that paragraph
        while stack and stack[-1].inline and para_end[id(stack[-1])] < c.start:
            stack.pop()
        depth = _place(stack, c)
        if depth is None:
            continue
        del stack[depth:]
        siblings = stack[-1].children if stack else roots
        end, rule = _natural_end(text, c)
        style = _ALL_STYLES[c.style]
        hend = _cap(text, c.marker_end, end)
        if hend != end:
            rule = "clause cap"
            if style.kind == "item":
                # a long item sentence is named by its first clause: 一是继续实施…工程，支持…
                m = _FIRST_CLAUSE.search(text, c.marker_end + MIN_ITEM_CLAUSE, c.marker_end + MAX_HEADING)
                if m:
                    hend, rule = m.start(), "first clause"
        sec = Section(
            heading=text[c.start : hend],
            marker=text[c.start : c.marker_end],
            style=style.name,
            level=depth + 1,
            start=c.start,
            end=len(text),
            heading_end=hend,
            number=c.number,
            inline=c.inline,
            rule=rule,
        )
        if style.kind == "heading":
            headings.append((sec, siblings, end))
        siblings.append(sec)
        stack.append(sec)
        para_end[id(sec)] = c.line_end
    _stop_at_next(text, roots)
    _repair_run_on(text, headings)
    _close(text, roots, len(text))
    return roots


def _stop_at_next(text: str, roots: list[Section]) -> None:
    """A heading ends before the next one starts (出路，一是增加收入，二是节约支出)."""
    ordered = list(walk(roots))
    for sec, nxt in zip(ordered, ordered[1:]):
        if nxt.start < sec.heading_end:
            end = nxt.start
            while end > sec.start + len(sec.marker) and text[end - 1] in _NO_END + _SPACE:
                end -= 1
            _set_end(text, sec, end, sec.rule)


def _repair_run_on(text: str, headings: list[tuple[Section, list[Section], int]]) -> None:
    """Cut headings that run on into body text (see the module's doc).

    A heading is suspect when it is longer than :data:`LONG` and either too long to be a heading
    (over :data:`MAX_HEADING`) or over twice as long as its parallel siblings (the median of
    their lengths): long headings that all siblings share are the report's style, not run-ons.
    """
    natural = {id(sec): end - sec.start - len(sec.marker) for sec, _, end in headings}
    suspects = []
    for sec, siblings, end in headings:
        n = natural[id(sec)]
        if n <= LONG:
            continue
        lengths = sorted(natural[id(s)] for s in siblings if s.style == sec.style and id(s) in natural)
        if n > MAX_HEADING or n > 2 * lengths[len(lengths) // 2]:
            suspects.append((sec, siblings, end))
    suspect_ids = {id(s) for s, _, _ in suspects}
    unresolved = []
    for sec, siblings, end in suspects:
        templates = [_words(s) for s in siblings if s.style == sec.style and id(s) not in suspect_ids]
        if not (templates and _cut_by_shape(text, sec, end, templates)) and not _cut_by_opener(text, sec, end):
            unresolved.append((sec, siblings, end))
    # a sibling cut by an opener is a template for those that found none
    for sec, siblings, end in unresolved:
        templates = [_words(s) for s in siblings if s.style == sec.style and s.rule == "body opener"]
        if templates:
            _cut_by_shape(text, sec, end, templates)


def _words(sec: Section) -> str:
    return sec.heading[len(sec.marker) :].strip(_SPACE)


def _strip_brackets(s: str) -> str:
    return "".join(ch for ch in s if ch not in _OPEN and ch not in _CLOSE)


def _cut_points(text: str, start: int, end: int) -> list[int]:
    """Offsets (from ``start``) where a heading may end inside ``text[start:end]``: between two
    words, outside quotes and brackets, not next to punctuation."""
    from .tokenize import cut

    span = text[start : min(end, start + MAX_HEADING + 1)]
    depth_at: list[int] = []
    depth = 0
    for ch in span:
        depth_at.append(depth)
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
    depth_at.append(depth)
    points = []
    pos = 0
    for word in cut(span):
        pos += len(word)
        if (
            MIN_HEADING <= pos < len(span)
            and depth_at[pos] == 0
            and span[pos - 1] not in _NO_END
            and span[pos] not in _NO_START
        ):
            points.append(pos)
    return points


def _similarity(heading: str, template: str) -> int | None:
    """How well ``heading`` has the shape of ``template``: same clauses, the last of the same
    length, characters in the same places from either end; ``None`` when the shapes differ.

    >>> _similarity("重建设，让妇女工作的“阵地”更坚实", "抓活动，让妇女组织的活力更彰显")
    10
    >>> _similarity("重建设，让妇女工作的“阵地”更坚实紧紧", "抓活动，让妇女组织的活力更彰显") < 10
    True
    >>> _similarity("重建设", "抓活动，让妇女组织的活力更彰显") is None
    True
    """
    h = [_strip_brackets(x) for x in _CLAUSE.split(heading)]
    t = [_strip_brackets(x) for x in _CLAUSE.split(template)]
    if len(h) != len(t):
        return None
    a, b = h[-1], t[-1]
    diff = abs(len(a) - len(b))
    if diff > 2 or not a:
        return None
    same = sum(x == y for x, y in zip(a, b)) + sum(x == y for x, y in zip(reversed(a), reversed(b)))
    # parallel headings repeat their frame (让…的…更…): without shared characters, a length
    # alone is no evidence
    if same < max(2, len(b) // 3):
        return None
    return same - 2 * diff


def _cut_by_shape(text: str, sec: Section, end: int, templates: list[str]) -> bool:
    start = sec.start + len(sec.marker)
    best: tuple[int, int] | None = None
    openers = _openers()
    for p in _cut_points(text, start, end):
        head = text[start : start + p]
        bonus = 2 if text.startswith(openers, start + p) else 0
        for t in templates:
            score = _similarity(head, t)
            if score is not None and (best is None or score + bonus > best[0]):
                best = (score + bonus, p)
    if best is None:
        return False
    _set_end(text, sec, start + best[1], "sibling shape")
    return True


def _cut_by_opener(text: str, sec: Section, end: int) -> bool:
    start = sec.start + len(sec.marker)
    openers = _openers()
    for p in _cut_points(text, start, end):
        if p >= 4 and text.startswith(openers, start + p):
            _set_end(text, sec, start + p, "body opener")
            return True
    return False


def _set_end(text: str, sec: Section, hend: int, rule: str) -> None:
    sec.heading_end = hend
    sec.heading = text[sec.start : hend]
    sec.rule = rule


def _close(text: str, sections: list[Section], end: int) -> None:
    """Set each section's end: the next sibling's start, else its parent's end. An item that
    is the last of its list, or stands inside a paragraph, ends with its paragraph at the latest:
    what follows the list belongs to the heading above."""
    for i, s in enumerate(sections):
        last = i + 1 == len(sections)
        s.end = end if last else sections[i + 1].start
        if s.kind == "item" and (last or s.inline):
            anchor = s
            while anchor.children:
                anchor = anchor.children[-1]
            para_end = text.find("\n", anchor.heading_end)
            if 0 <= para_end < s.end:
                s.end = para_end
        _close(text, s.children, s.end)


def path_at(roots: list[Section], pos: int) -> tuple[str, ...]:
    """Headings above normalized offset ``pos``, outermost first.

    >>> roots = build("一、总体要求\\n坚持稳中求进。\\n二、主要任务\\n（一）抓好农业\\n加强耕地保护。")
    >>> path_at(roots, 10), path_at(roots, len("一、总体要求\\n坚持稳中求进。\\n二、主要任务\\n（一）抓"))
    (('一、总体要求',), ('二、主要任务', '（一）抓好农业'))
    """
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


def section_index(roots: list[Section]) -> tuple[list[int], list[tuple[str, ...]]]:
    """The positions where the section path changes, and the path from each on: with
    ``bisect_right(points, pos) - 1`` any position finds its path in log time. Section ends are
    change points too, since an item may end before its next sibling starts.

    >>> points, paths = section_index(build("一、回顾\\n一是学习。\\n二是作风。\\n总之，成效明显。"))
    >>> list(zip(points, paths))[2:]
    [(11, ('一、回顾', '二是作风')), (16, ('一、回顾',)), (25, ())]
    """
    # One walk of the tree: a section sets its path at its start and gives back its parent's at
    # its end; where several events fall on one position the last one holds (a section ending
    # where its sibling starts hands over to the sibling). Linear in the sections, where asking
    # path_at at every change point was quadratic in a flat outline of thousands of headings.
    events: list[tuple[int, tuple[str, ...]]] = [(0, ())]

    def visit(sections: list[Section], prefix: tuple[str, ...]) -> None:
        for sec in sections:
            here = (*prefix, sec.heading)
            events.append((sec.start, here))
            visit(sec.children, here)
            events.append((sec.end, prefix))

    visit(roots, ())
    kept = _last_per_position(events)
    return [pos for pos, _ in kept], [path for _, path in kept]


def _last_per_position(events: list[tuple[int, tuple[str, ...]]]) -> list[tuple[int, tuple[str, ...]]]:
    """Events in position order (stable), keeping the last event of each position."""
    out: list[tuple[int, tuple[str, ...]]] = []
    for pos, path in sorted(events, key=lambda e: e[0]):
        if out and out[-1][0] == pos:
            out[-1] = (pos, path)
        else:
            out.append((pos, path))
    return out


def walk(roots: list[Section]) -> Iterator[Section]:
    """Every section, in document order."""
    for r in roots:
        yield from r.walk()


def render(roots: list[Section]) -> str:
    """The tree as indented text, two spaces a level: the format of ``corpus/outline/*.tree``.

    >>> print(render(build("一、加强组织建设\\n一是建强阵地。二是配强队伍。\\n二、做好服务")))
    一、加强组织建设
      一是建强阵地
      二是配强队伍
    二、做好服务
    """
    return "\n".join("  " * (s.level - 1) + s.heading for s in walk(roots))


__all__ = ["Section", "Style", "STYLES", "build", "path_at", "section_index", "walk", "render", "cn_number", "LONG", "MAX_HEADING"]
