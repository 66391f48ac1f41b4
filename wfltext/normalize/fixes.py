"""The normalizer's fixes: one pure function each, ``text -> list[Edit]``.

A fix only *finds* what to change; :mod:`wfltext.normalize` applies the edits and composes the
offset map. Each fix is idempotent on its own output. Order matters and is fixed by the plan in
``wfltext/normalize/__init__.py``; the comments there say why.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .. import lexicons
from .offsets import Edit

HAN = r"\p{Han}"
# Terminal punctuation: a line ending in one of these is a complete line, not a hard wrap.
TERMINAL = "。！？；：!?;:…”’」』）)】》"

# ---------------------------------------------------------------------------------------------
# inline pinyin


# One tone-marked pinyin syllable (letters of the syllable with at least one tone mark), several
# of them may stand in one annotation (婦聯(lián) carries one per character, 聯合(liánhé) one per word).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = regex.compile(
    rf"(?<=[{HAN}])\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,24}}\)",
    regex.V1,
)


def remove_pinyin(text: str) -> list[Edit]:
    """Drop a tone-marked pinyin annotation after a character: 強(qiáng) → 強.

    The character absorbs its annotation (the edit replaces both by the character), so a record
    ending at that character covers the annotation in the original. Parentheses holding anything
    other than tone-marked lowercase pinyin, such as （一） or (含), are not touched.

    >>> from wfltext.normalize.fixes import remove_pinyin
    >>> [(e.start, e.end, e.replacement) for e in remove_pinyin("強(qiáng)基(含)")]
    [(0, 8, '強')]
    """
    return [Edit(m.start() - 1, m.end(), text[m.start() - 1]) for m in _PINYIN.finditer(text)]


# ---------------------------------------------------------------------------------------------
# traditional to simplified


@lru_cache(maxsize=1)
def _t2s():
    # OpenCC converts phrase by phrase (著力點 → 着力点, 乾隆 stays 乾隆), where character tables
    # such as snownlp's get both wrong; see docs/normalizer.md for the measurement.
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> list[Edit]:
    """Traditional to simplified, phrase-aware; one edit per run of changed characters.

    >>> from wfltext.normalize.fixes import to_simplified
    >>> [(e.start, e.end, e.replacement) for e in to_simplified("發揮著力點")]
    [(0, 1, '发'), (3, 5, '着力')]
    """
    converted = _t2s().convert(text)
    if converted == text:
        return []
    if len(converted) != len(text):
        # Phrase tables map phrases to phrases of the same length; should one ever differ,
        # fall back to converting each line on its own so the damage stays local.
        return _to_simplified_by_line(text)
    return _diff_runs(text, converted, 0)


def _diff_runs(old: str, new: str, base: int) -> list[Edit]:
    edits: list[Edit] = []
    run_start = -1
    for i, (a, b) in enumerate(zip(old, new)):
        if a != b:
            if run_start < 0:
                run_start = i
        elif run_start >= 0:
            edits.append(Edit(base + run_start, base + i, new[run_start:i]))
            run_start = -1
    if run_start >= 0:
        edits.append(Edit(base + run_start, base + len(old), new[run_start:]))
    return edits


def _to_simplified_by_line(text: str) -> list[Edit]:
    edits: list[Edit] = []
    pos = 0
    conv = _t2s().convert
    for line in text.splitlines(keepends=True):
        new = conv(line)
        if new != line:
            if len(new) == len(line):
                edits.extend(_diff_runs(line, new, pos))
            else:
                edits.append(Edit(pos, pos + len(line), new))
        pos += len(line)
    return edits


# ---------------------------------------------------------------------------------------------
# line endings and web boilerplate


def unify_line_endings(text: str) -> list[Edit]:
    r"""CRLF and lone CR become LF (the original keeps them; offsets still point at both bytes).

    >>> from wfltext.normalize.fixes import unify_line_endings
    >>> [(e.start, e.end) for e in unify_line_endings("a\r\nb\rc")]
    [(1, 3), (4, 5)]
    """
    return [Edit(m.start(), m.end(), "\n") for m in regex.finditer(r"\r\n?", text)]


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[tuple[str, str, regex.Pattern], ...]:
    rules = []
    for row in lexicons.table("boilerplate.tsv"):
        name, scope, pattern = row[0], row[1], row[2]
        if scope == "line":
            compiled = regex.compile(rf"^[ \t\u00a0\u3000]*(?:{pattern})[ \t\u00a0\u3000]*$", regex.I | regex.M)
        else:
            compiled = regex.compile(pattern, regex.I | regex.M)
        rules.append((name, scope, compiled))
    return tuple(rules)


def remove_boilerplate(text: str) -> list[Edit]:
    """Remove site chrome: toolbar and breadcrumb lines, 来源/编辑 lines, footers, ads.

    Line rules remove a whole line and its line break; tail rules remove a footer from its first
    line to the end, only in the last third of the document, so a report that merely quotes
    such a word is never cut; inline rules remove an injected ad wherever it stands.

    >>> from wfltext.normalize.fixes import remove_boilerplate
    >>> t = "标题\\n来源：人民网\\n正文。\\n友情提示：本文仅供参考。"
    >>> "".join(t[:e.start] for e in remove_boilerplate(t)[:1])
    '标题\\n'
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    tail_from = n
    for _name, scope, pattern in _boilerplate():
        if scope == "tail":
            for m in pattern.finditer(text):
                line_start = text.rfind("\n", 0, m.start()) + 1
                prefix = text[line_start : m.start()]
                if m.start() >= n * 2 // 3 and len(prefix.strip()) <= 2:
                    tail_from = min(tail_from, line_start)
                    break
        elif scope == "line":
            for m in pattern.finditer(text):
                if m.start() == m.end():
                    continue
                end = m.end() + 1 if m.end() < n and text[m.end()] == "\n" else m.end()
                spans.append((m.start(), end))
        else:
            spans.extend((m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start())
    if tail_from < n:
        # keep the line break that ends the report's last line
        spans.append((tail_from, n))
    return [Edit(s, e, "") for s, e in _merge(spans)]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# ---------------------------------------------------------------------------------------------
# white space


_IDEOGRAPHIC_PARAGRAPH = regex.compile(r"\u3000{2,}|(?<=[。！？：；”])\u3000+|^\u3000+", regex.M)


def split_ideographic_paragraphs(text: str) -> list[Edit]:
    """U+3000 used between paragraphs becomes a line break; as a line-start indent it goes.

    National reports hold each report on one line with 　　 between paragraphs.

    >>> from wfltext.normalize.fixes import split_ideographic_paragraphs
    >>> [(e.start, e.end, e.replacement) for e in split_ideographic_paragraphs("甲。　　乙")]
    [(2, 4, '\\n')]
    """
    edits = []
    for m in _IDEOGRAPHIC_PARAGRAPH.finditer(text):
        at_line_start = m.start() == 0 or text[m.start() - 1] == "\n"
        edits.append(Edit(m.start(), m.end(), "" if at_line_start else "\n"))
    return edits


_SPACED_RUN = regex.compile(
    rf"(?<![^\s])[{HAN}](?:[ \u3000\u00a0][{HAN}]){{2,}}(?![^\s])", regex.V1
)
_SPACED_DIGITS = regex.compile(r"(?<![\d.])\d(?: \d)+(?: (?=[年月日号]))?|(?<=\d) (?=[年月日号])")


def join_letter_spacing(text: str) -> list[Edit]:
    """Letter-spaced titles and numbers lose their spaces: 政 府 工 作 报 告, 1 9 9 8 年.

    A run needs three or more single characters so that a spaced name of two (龚 正) stays.

    >>> from wfltext.normalize.fixes import join_letter_spacing
    >>> t = "政 府 工 作 报 告 1 9 9 8 年3 月"
    >>> from wfltext.normalize.offsets import OffsetMap
    >>> OffsetMap.identity(len(t)).apply(t, join_letter_spacing(t))[0]
    '政府工作报告 1998年3月'
    """
    spans: list[tuple[int, int]] = []
    for m in _SPACED_RUN.finditer(text):
        spans.extend((i, i + 1) for i in range(m.start() + 1, m.end(), 2))
    for m in _SPACED_DIGITS.finditer(text):
        spans.extend((i, i + 1) for i in range(m.start(), m.end()) if text[i] == " ")
    return [Edit(s, e, "") for s, e in _merge(spans)]


# ---------------------------------------------------------------------------------------------
# width and punctuation


_FULLWIDTH = regex.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e]+")


def fold_fullwidth(text: str) -> list[Edit]:
    """Full-width digits, letters, ％ and ． become ASCII: １９９０ → 1990.

    >>> from wfltext.normalize.fixes import fold_fullwidth
    >>> [e.replacement for e in fold_fullwidth("１９９０年８７．５％")]
    ['1990', '87.5%']
    """
    return [
        Edit(m.start(), m.end(), "".join(chr(ord(c) - 0xFEE0) for c in m.group()))
        for m in _FULLWIDTH.finditer(text)
    ]


_ASCII_PUNCT = regex.compile(rf"(?<=[{HAN}”」）)])[,;:?!](?=[{HAN}“「（(\d])|(?<=[{HAN}])[,;:?!](?=\s*$)", regex.M)
_WIDE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def widen_ascii_punctuation(text: str) -> list[Edit]:
    """ASCII , ; : ? ! inside Chinese text become full-width; 1,000 and 3:2 stay.

    >>> from wfltext.normalize.fixes import widen_ascii_punctuation
    >>> [(e.start, e.replacement) for e in widen_ascii_punctuation("今年,全县;1,000")]
    [(2, '，'), (5, '；')]
    """
    return [Edit(m.start(), m.end(), _WIDE[m.group()]) for m in _ASCII_PUNCT.finditer(text)]


_DOUBLED = regex.compile(r"([，、；])\1+|[，、]+(?=[。！？；])|。{2}(?!。)")


def collapse_doubled_punctuation(text: str) -> list[Edit]:
    """Doubled punctuation from careless templates: ，， → ，, ，。 → 。; …… stays.

    >>> from wfltext.normalize.fixes import collapse_doubled_punctuation
    >>> [(e.start, e.end, e.replacement) for e in collapse_doubled_punctuation("甲，，乙，。")]
    [(1, 3, '，'), (4, 5, '')]
    """
    edits = []
    for m in _DOUBLED.finditer(text):
        if m.group(1):
            edits.append(Edit(m.start(), m.end(), m.group(1)))
        elif m.group().startswith("。"):
            edits.append(Edit(m.start(), m.end(), "。"))
        else:
            edits.append(Edit(m.start(), m.end(), ""))
    return edits


# 13。82万人: 。 between digits is a decimal point only where a sentence cannot end: the digits
# after it run straight into a multiplier or percent sign, and the number before it has no point
# of its own (2.54。30个县区 is two sentences).
_DECIMAL_STOP = regex.compile(r"(?<![\d.])(\d+)。(\d+)(?=[万亿%‰]|个百分点)")


def repair_decimal_stop(text: str) -> list[Edit]:
    """。 used as a decimal point between digits becomes ``.`` where it cannot end a sentence.

    >>> from wfltext.normalize.fixes import repair_decimal_stop
    >>> [(e.start, e.replacement) for e in repair_decimal_stop("达13。82万人，2.54。30个县区")]
    [(3, '.')]
    """
    return [Edit(m.end(1), m.end(1) + 1, ".") for m in _DECIMAL_STOP.finditer(text)]


# ---------------------------------------------------------------------------------------------
# hard line wraps

# A line that starts with one of these is a heading or list item, never the tail of a wrap.
_HEADING_START = regex.compile(
    r"[ \t\u3000]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d)"
    r"|[①-⑳⑴-⒇]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，、部分章节条篇]|首先|其次|最后|篇[一二三四五六七八九十\d])"
)
_WRAP_MIN_LINE = 30


def join_hard_wraps(text: str) -> list[Edit]:
    """Remove a line break inside a sentence (学习、活\\n动).

    A break is a wrap when the line before it is long (a heading is short), ends in neither
    terminal punctuation nor white space, and the next line starts with text that is not a
    heading marker. Lengths count the line as already joined, so normalizing twice changes
    nothing.

    >>> from wfltext.normalize.fixes import join_hard_wraps
    >>> t = "健全学习、" + "制度" * 14 + "活\\n动、组织。\\n二、标题"
    >>> [(e.start, e.end) for e in join_hard_wraps(t)]
    [(34, 35)]
    """
    edits = []
    line_len = 0
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl < 0:
            break
        line_len += nl - pos
        prev = text[nl - 1] if nl > 0 else "\n"
        nxt = text[nl + 1] if nl + 1 < n else "\n"
        if (
            line_len >= _WRAP_MIN_LINE
            and prev not in TERMINAL
            and not prev.isspace()
            and (regex.match(rf"[{HAN}\d“（(]", nxt) is not None)
            and _HEADING_START.match(text, nl + 1) is None
        ):
            edits.append(Edit(nl, nl + 1, ""))
        else:
            line_len = 0
        pos = nl + 1
    return edits


# ---------------------------------------------------------------------------------------------
# masks: marked, never changed

_MASK = regex.compile(
    r"\d*[0-9][*＊]+\d*|(?<!\d)(?:19|20)[xX×]{2}(?![a-zA-Z])|\d+[xX]{2,}(?![a-zA-Z])"
    r"|[×＊*Ｘ]{2,}|[×＊*]{1,}(?=[镇乡村县市区街])"
)


def mark_masks(text: str) -> list[Edit]:
    """Masked digits and placeholders (201*0, 20xx, 48xxxx, ××镇, ***): kept, marked noisy.

    >>> from wfltext.normalize.fixes import mark_masks
    >>> [(e.start, e.end) for e in mark_masks("201*0个，20xx年，××镇")]
    [(0, 5), (7, 11), (14, 16)]
    """
    return [Edit(m.start(), m.end(), m.group()) for m in _MASK.finditer(text)]
