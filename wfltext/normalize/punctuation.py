"""Characters and punctuation, line by line: letter spacing, full-width digits and letters,
ASCII punctuation between Chinese text, doubled punctuation, a full stop typed for a decimal
point. Fixes of :mod:`wfltext.normalize.fixes` (re-exported there), which the boilerplate rules
also apply to a line before judging it (:mod:`wfltext.normalize.boilerplate`).
"""

from __future__ import annotations

import re

from .chars import CJK_PUNCT, CLOSING, OPENING, is_han
from .offsets import Edit

_LETTER_SPACE = re.compile("[ \u3000\u00a0]")
_DATE_UNIT = "年月日号"


def join_letter_spacing(text: str) -> list[Edit]:
    """Letter-spaced titles and numbers lose their spaces: 政 府 工 作 报 告, 1 9 9 8 年3 月.

    A spaced run needs three or more single characters between white space (or the line's
    ends), so that a spaced name of two (龚 正) stays; a run of digits needs three too, so that
    "第1 2" stays; a single space between a number and 年/月/日 goes.

    >>> t = "政 府 工 作 报 告 1 9 9 8 年3 月"
    >>> from wfltext.normalize.offsets import OffsetMap
    >>> OffsetMap.identity(len(t)).apply(t, join_letter_spacing(t))[0]
    '政府工作报告 1998年3月'
    """
    n = len(text)
    # spaces with a single ideograph (or digit) on each side, grouped into runs two apart
    runs: list[list[int]] = []
    kinds: list[str] = []
    unit_spaces: list[int] = []
    for m in _LETTER_SPACE.finditer(text):
        i = m.start()
        if i == 0 or i + 1 >= n:
            continue
        a, b = text[i - 1], text[i + 1]
        kind = "h" if is_han(a) and is_han(b) else "d" if a.isdigit() and b.isdigit() and a.isascii() and b.isascii() else ""
        if not kind:
            if text[i] == " " and a.isascii() and a.isdigit() and b in _DATE_UNIT:
                unit_spaces.append(i)
            continue
        if runs and kinds[-1] == kind and runs[-1][-1] == i - 2:
            runs[-1].append(i)
        else:
            runs.append([i])
            kinds.append(kind)
    spaces: set[int] = set(unit_spaces)
    for run, kind in zip(runs, kinds):
        if len(run) < 2:
            continue
        first, last = run[0] - 1, run[-1] + 1
        if kind == "h":
            if (first == 0 or text[first - 1].isspace()) and (last + 1 == n or text[last + 1].isspace()):
                spaces.update(run)
        else:
            if kind == "d" and any(text[i] != " " for i in run):
                continue
            if (first == 0 or text[first - 1] not in "0123456789.") and (last + 1 == n or text[last + 1] not in "0123456789."):
                spaces.update(run)
    return [Edit(i, i + 1, "") for i in sorted(spaces)]


# ---------------------------------------------------------------------------------------------
# width and punctuation


#: what :func:`fold_fullwidth` changes (it finds nothing in a text without one): ％, ．, digits and
#: Latin letters
FULLWIDTH_CHARS = "\uff05\uff0e" + "".join(chr(c) for a, b in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(a, b + 1))
_FULLWIDTH = re.compile(f"[{re.escape(FULLWIDTH_CHARS)}]{{1,256}}")
_DIGITS_ANY_WIDTH = "0123456789０１２３４５６７８９"


def fold_fullwidth(text: str) -> list[Edit]:
    """Full-width digits, letters and ％ become ASCII, and ． between digits: １９９０ → 1990.

    >>> [e.replacement for e in fold_fullwidth("１９９０年８７．５％，ＧＤＰ，１．加强")]
    ['1990', '87.5%', 'GDP', '1．']
    """
    edits: list[Edit] = []
    for m in _FULLWIDTH.finditer(text):
        s, e = m.start(), m.end()
        out = []
        for i in range(s, e):
            c = text[i]
            if c == "\uff0e" and not (i > 0 and text[i - 1] in _DIGITS_ANY_WIDTH and i + 1 < len(text) and text[i + 1] in _DIGITS_ANY_WIDTH):
                out.append(c)
            else:
                out.append(chr(ord(c) - 0xFEE0))
        new = "".join(out)
        if new != m.group():
            edits.append(Edit(s, e, new))
    return edits


_WIDE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
#: what :func:`widen_ascii_punctuation` changes (it finds nothing in a text without one)
ASCII_MARKS = "".join(_WIDE)
_ASCII_RUN = re.compile(rf"[{re.escape(ASCII_MARKS)}]{{1,8}}")
_LEFT_CHINESE = CLOSING + CJK_PUNCT
_RIGHT_CHINESE = OPENING + CJK_PUNCT + "0123456789"


def widen_ascii_punctuation(text: str) -> list[Edit]:
    """ASCII , ; : ? ! in Chinese text become full-width; 1,000, 3:2 and http:// stay.

    Chinese text is recognised by its neighbours: an ideograph, a closing mark (” 》 ）) or
    Chinese punctuation on the left, and one of them, a digit or the line end on the right; or a
    number (增长10%,达到) on the left and an ideograph or opening mark on the right.

    >>> [(e.start, e.replacement) for e in widen_ascii_punctuation("今年,全县;1,000人》,增长5%,达")]
    [(2, '，'), (5, '；'), (13, '，'), (18, '，')]
    """
    edits: list[Edit] = []
    n = len(text)
    for m in _ASCII_RUN.finditer(text):
        s, e = m.start(), m.end()
        if s == 0:
            continue
        left = text[s - 1]
        j = e
        while j < n and text[j] in " \t":
            j += 1
        right = text[e] if e < n else "\n"
        chinese_left = is_han(left) or left in _LEFT_CHINESE
        if chinese_left and (is_han(right) or right in _RIGHT_CHINESE or j == n or text[j] == "\n"):
            pass
        elif left in "0123456789%" and (is_han(right) or right in OPENING):
            pass
        else:
            continue
        edits.append(Edit(s, e, "".join(_WIDE[c] for c in m.group())))
    return edits


_PUNCT_RUN = re.compile(r"[，、；：。！？]{2,32}")
_SAME_REPEAT = re.compile(r"([，、；：])\1{1,31}")
_COMMA_BEFORE_STOP = re.compile(r"[，、]{1,32}(?=[。！？])")
_COMMA_AFTER_STOP = re.compile(r"(?<=[。！？])[，、]{1,32}")
_TWO_STOPS = re.compile(r"(?<!。)。。(?!。)")


def collapse_doubled_punctuation(text: str) -> list[Edit]:
    """Doubled punctuation from careless templates: ，， → ，, ，。 and 。， → 。, 。。 → 。; …… and
    。。。 stay.

    >>> [(e.start, e.end, e.replacement) for e in collapse_doubled_punctuation("甲，，乙，。丙。。丁。。。")]
    [(1, 3, '，'), (4, 6, '。'), (7, 9, '。')]
    """
    edits: list[Edit] = []
    for m in _PUNCT_RUN.finditer(text):
        run = m.group()
        new = _SAME_REPEAT.sub(r"\1", run)
        new = _TWO_STOPS.sub("。", _COMMA_AFTER_STOP.sub("", _COMMA_BEFORE_STOP.sub("", new)))
        if new != run:
            edits.append(Edit(m.start(), m.end(), new))
    return edits


# 。 between digits: a decimal point where the number after it runs into a unit that takes
# decimals; a full stop where the number before it has a point of its own (2.54。30个县区), follows
# 第 or a colon, or the number after it counts whole things (5个, 3月); marked when unsure.
_STOP_DIGIT = re.compile(r"。(?=\d)")
_NUMBER_BEFORE = re.compile(r"(?:\d{1,12}\.)?\d{1,12}$")
_DIGITS_AFTER = re.compile(r"\d{1,12}")
_DECIMAL_UNIT = re.compile(
    r"万|亿|%|‰|倍|个百分点|百分点|元|美元|千米|公里|米|吨|亩|公顷|平方|立方|千瓦|度|斤|克|升|岁|小时"
)
_WHOLE_UNIT = re.compile(r"个|家|所|名|人|户|项|座|条|件|次|批|支|位|间|套|台|辆|艘|架|场|届|年|月|日|号|类|种|处|块|片|份|本|部|篇|期")


def repair_decimal_stop(text: str) -> list[Edit]:
    """。 used as a decimal point becomes ``.`` where it cannot end a sentence; unsure ones are
    marked, sentence ends are left alone.

    >>> [(e.start, e.replacement) for e in repair_decimal_stop("达13。82万人，2.54。30个县区，增长13。825")]
    [(3, '.'), (24, '。')]
    """
    edits: list[Edit] = []
    for m in _STOP_DIGIT.finditer(text):
        stop = m.start()
        if stop == 0 or text[stop - 1] not in "0123456789":
            continue
        before = _NUMBER_BEFORE.search(text, max(0, stop - 25), stop)
        after = _DIGITS_AFTER.match(text, stop + 1)
        if before is None or after is None:
            continue
        prev = text[before.start() - 1] if before.start() else ""
        if "." in before.group() or prev in "0123456789.第:：/-—～~":
            continue
        end = after.end()
        if len(after.group()) <= 2 and _DECIMAL_UNIT.match(text, end):
            edits.append(Edit(stop, stop + 1, ".", "decimal point"))
        elif _WHOLE_UNIT.match(text, end) and not text.startswith("个百分点", end):
            continue
        else:
            edits.append(Edit(stop, stop + 1, "。", "unsure decimal point"))
    return edits


# ---------------------------------------------------------------------------------------------
# hard line wraps

# A line that starts with one of these is a heading or a list item, never the tail of a wrap.


__all__ = [
    "join_letter_spacing",
    "fold_fullwidth",
    "widen_ascii_punctuation",
    "collapse_doubled_punctuation",
    "repair_decimal_stop",
]
