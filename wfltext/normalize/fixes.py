"""The normalizer's small fixes: one pure function each, ``text -> list[Edit]``.

A fix only *finds* what to change; :mod:`wfltext.normalize` applies the edits and composes the
offset map. An edit whose replacement equals the text it covers is a *mark*: it changes nothing
and makes records touching it ``noisy``. Each fix is idempotent on its own output; the plan in
``wfltext/normalize/__init__.py`` orders them so that none undoes or re-enables another, and says
why. Larger fixes live in their own modules (:mod:`.script`, :mod:`.garble`,
:mod:`.boilerplate`) and are re-exported here.
"""

from __future__ import annotations

import re

from .boilerplate import looks_like_chrome, remove_boilerplate
from .chars import HAN, TERMINAL
from .garble import repair_garbles, repair_lost_a1a1
from .offsets import Edit
from .punctuation import (
    collapse_doubled_punctuation,
    fold_fullwidth,
    join_letter_spacing,
    repair_decimal_stop,
    widen_ascii_punctuation,
)
from .script import remove_pinyin, to_simplified

# ---------------------------------------------------------------------------------------------
# line endings and white space


def unify_line_endings(text: str) -> list[Edit]:
    r"""CRLF and lone CR become LF (the original keeps them; offsets still point at both bytes).

    >>> [(e.start, e.end) for e in unify_line_endings("a\r\nb\rc")]
    [(1, 3), (4, 5)]
    """
    if "\r" not in text:
        return []
    return [Edit(m.start(), m.end(), "\n") for m in re.finditer(r"\r\n?", text)]


_WS = " \t\u00a0\u3000"
_SPACE_RUN = re.compile(r"[ \t\u00a0\u3000]{1,1024}")
_PARAGRAPH_AFTER = "。！？：；”"


def split_ideographic_paragraphs(text: str) -> list[Edit]:
    """U+3000 between paragraphs becomes a line break; indentation and trailing spaces go.

    National reports are one line each, with 　　 (or one 　 after a full stop) between
    paragraphs; county reports indent each paragraph with 　　. A single 　 inside a sentence
    (省长　王予波) stays.

    >>> [(e.start, e.end, e.replacement) for e in split_ideographic_paragraphs("　　甲。　　乙　丙 ")]
    [(0, 2, ''), (4, 6, '\\n'), (9, 10, '')]
    """
    edits: list[Edit] = []
    n = len(text)
    for m in _SPACE_RUN.finditer(text):
        s, e = m.start(), m.end()
        if s == 0 or text[s - 1] == "\n" or e == n or text[e] == "\n":
            edits.append(Edit(s, e, ""))
        elif "\u3000\u3000" in m.group() or ("\u3000" in m.group() and text[s - 1] in _PARAGRAPH_AFTER):
            edits.append(Edit(s, e, "\n"))
    return edits


_HEADING_START = re.compile(
    r"[ \t\u3000]*(?:[一二三四五六七八九十百]{1,4}[、.．]|[（(][一二三四五六七八九十\d]{1,4}[）)]|\d{1,3}[、.．](?!\d)"
    r"|[①-⑳⑴-⒇]|[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十\d]{1,4}[，、部分章节節条條篇]"
    r"|首先|其次|最后|最後|篇[一二三四五六七八九十\d]|——|－－|--)"
)
_WRAP_NEXT = re.compile(rf"[{HAN}\d“‘（(《「]")
# punctuation that never starts a line: a break before it is always a wrap
_NEVER_FIRST = "，。、；：！？）」』”’》…,.;:!?)"
_SENTENCE_INSIDE = re.compile(r"[。！？；!?;]")
_WRAP_MIN_LINE = 30
#: a text is hard-wrapped when at least this share of its long lines (and two of them) end
#: mid-sentence before a line that continues it; one such line alone is a missing full stop
_WRAPPED_SHARE = 0.1
#: a line starting with a heading marker and shorter than this (without a full stop) is a heading
_HEADING_MAX = 40
#: a fragment: a short line that a page split out of a sentence (PM / 2.5 / 年平均浓度)
_FRAGMENT_MAX = 12
_FRAGMENT_AFTER = 50
#: a long line that ends in a numeral's digits before a line that goes on with its digits or its
#: unit: a page wrapped the number (增加到15.6\n万元, 培训农村妇女1\n500名, 不低于8\n5%)
_NUMBER_END = re.compile(r"(?<![\d.])\d{1,7}(?:\.\d{0,4})?$")
_NUMBER_GOES_ON = re.compile(r"\d{1,7}(?:\.\d{1,4})?(?:[万亿千百]|[元%％名人个户次岁天亩])|[万亿][元人户个名]?|[元%％]")


def join_hard_wraps(text: str) -> list[Edit]:
    """Remove a line break inside a sentence (学习、活\\n动), never after a heading.

    Three kinds of break are wraps:

    * in a hard-wrapped text (many long lines end mid-sentence), a break after a long line that
      ends in neither terminal punctuation nor white space, is not a heading (a heading marker
      and no full stop), before a line that starts with text and no heading marker;
    * a break around a fragment: a short line without spaces between a long line ending
      mid-sentence and a line that goes on (科技创新，以PM\\n2.5\\n浓度为主线);
    * a break before punctuation that never starts a line (带技术\\n；);
    * a break inside a number, after a long line (增加到15.6\\n万元, 培训妇女1\\n500名).

    Lengths count a line as already joined, so normalizing twice changes nothing; a join that
    would make a line of page chrome is not made.

    >>> t = "健全学习、" + "制度" * 14 + "活\\n动、组织。\\n" + "制度" * 15 + "建\\n设。\\n二、标题"
    >>> [(e.start, e.end) for e in join_hard_wraps(t)]
    [(34, 35), (72, 73)]
    """
    if "\n" not in text:
        return []
    lines = text.split("\n")
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    count = len(lines)
    long_lines = sum(1 for line in lines if len(line) >= _WRAP_MIN_LINE)
    candidates = sum(
        1 for i in range(count - 1) if len(lines[i]) >= _WRAP_MIN_LINE and _continues(text, lines, starts, i)
    )
    wrapped = candidates >= 2 and candidates >= long_lines * _WRAPPED_SHARE
    edits: list[Edit] = []
    joined = 0  # length of the line so far, counting lines already joined to it
    logical_start = 0  # where that line starts
    for i in range(count - 1):
        joined += len(lines[i])
        nxt = lines[i + 1]
        join = ""
        if lines[i] and nxt[:1] and nxt[0] in _NEVER_FIRST and not lines[i][-1].isspace():
            join = "break before punctuation"
        elif _continues(text, lines, starts, i):
            if joined >= _WRAP_MIN_LINE and _NUMBER_END.search(lines[i]) and _NUMBER_GOES_ON.match(nxt):
                join = "break inside a number"
            elif wrapped and joined >= _WRAP_MIN_LINE:
                join = "hard-wrapped text"
            elif _is_fragment(lines, i + 1) and joined >= _FRAGMENT_AFTER and _goes_on(lines, i + 2):
                join = "fragment"
            elif _is_fragment(lines, i) and joined - len(lines[i]) >= _FRAGMENT_AFTER and _goes_on(lines, i + 1):
                join = "fragment"
        nl = starts[i] + len(lines[i])
        if join and not _makes_chrome(text, logical_start, nl):
            edits.append(Edit(nl, nl + 1, "", join))
        else:
            joined = 0
            logical_start = nl + 1
    return edits


def _continues(text: str, lines: list[str], starts: list[int], i: int) -> bool:
    """Does line ``i`` end mid-sentence before a line ``i + 1`` that goes on with text?"""
    line, nxt = lines[i], lines[i + 1]
    return (
        bool(line)
        and line[-1] not in TERMINAL
        and not line[-1].isspace()
        and _WRAP_NEXT.match(nxt) is not None
        and _HEADING_START.match(nxt) is None
        and not _is_heading(text, starts[i], starts[i] + len(line))
    )


def _is_fragment(lines: list[str], i: int) -> bool:
    line = lines[i]
    return 0 < len(line) <= _FRAGMENT_MAX and not any(c.isspace() for c in line) and _SENTENCE_INSIDE.search(line) is None


def _goes_on(lines: list[str], i: int) -> bool:
    """Is line ``i`` the rest of a sentence rather than a salutation such as 各位代表："""
    if i >= len(lines) or not lines[i]:
        return False
    line = lines[i]
    return not (len(line) <= 10 and line[-1] in "：:！!")


def _is_heading(text: str, start: int, end: int) -> bool:
    return (
        end - start < _HEADING_MAX
        and _HEADING_START.match(text, start) is not None
        and _SENTENCE_INSIDE.search(text, start, end) is None
    )


def _makes_chrome(text: str, start: int, nl: int) -> bool:
    """Would joining the line ``text[start:nl]`` (lines already joined into it counted, their
    breaks removed) with the next one make a line of page chrome, or is it chrome already?"""
    end = text.find("\n", nl + 1)
    end = len(text) if end < 0 else end
    line = text[start:nl].replace("\n", "")
    return looks_like_chrome(line + text[nl + 1 : end]) or looks_like_chrome(line)


# ---------------------------------------------------------------------------------------------
# masks: marked, never changed

#: the characters a mask is made of (:func:`mark_masks` finds nothing in a text without one)
MASK_CHARS = "*＊xX×Ｘ○"
_MASK_RUN = re.compile(rf"[{re.escape(MASK_CHARS)}]{{1,16}}")
_PLACE_OR_DATE = "年月日号镇乡村县市区街局同"


def mark_masks(text: str) -> list[Edit]:
    """Masked digits and placeholders (201*0, 20xx, 48xxxx, ××镇, ***, XX县): kept, marked noisy.

    Never a multiplication sign between numbers (2×3) or an x inside a Latin word.

    >>> [(e.start, e.end) for e in mark_masks("201*0个，20xx年，××镇，2×3，XX县，Xbox")]
    [(0, 5), (7, 11), (13, 15), (21, 23)]
    """
    edits: list[Edit] = []
    n = len(text)
    for m in _MASK_RUN.finditer(text):
        s, e = m.start(), m.end()
        if edits and s < edits[-1].end:
            continue
        run = m.group()
        floor = edits[-1].end if edits else 0
        left = s
        while left > floor and s - left < 12 and text[left - 1] in "0123456789":
            left -= 1
        right = e
        while right < n and right - e < 12 and text[right] in "0123456789":
            right += 1
        before = text[left - 1] if left else ""
        after = text[e] if e < n else ""
        latin_around = (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
        if "*" in run or "＊" in run:
            if left < s or right > e or len(run) >= 2 or after in _PLACE_OR_DATE:
                edits.append(Edit(left, right, text[left:right], "masked digits" if left < s or right > e else "placeholder"))
        elif "Ｘ" in run or "○" in run:
            if len(run) >= 2:
                edits.append(Edit(s, e, run, "placeholder"))
        elif len(run) >= 2 and not latin_around and not (set(run) <= {"×"} and left < s and right > e):
            if left < s:
                edits.append(Edit(left, e, text[left:e], "masked digits"))
            elif "×" in run or after in _PLACE_OR_DATE:
                edits.append(Edit(s, e, run, "placeholder"))
    return edits


__all__ = [
    "unify_line_endings",
    "remove_pinyin",
    "repair_garbles",
    "to_simplified",
    "remove_boilerplate",
    "split_ideographic_paragraphs",
    "join_letter_spacing",
    "fold_fullwidth",
    "join_hard_wraps",
    "repair_lost_a1a1",
    "widen_ascii_punctuation",
    "collapse_doubled_punctuation",
    "repair_decimal_stop",
    "mark_masks",
]
