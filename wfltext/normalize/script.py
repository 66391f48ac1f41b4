"""Script fixes: inline pinyin annotations and traditional → simplified conversion.

Some template sites print every character outside GB2312 with its reading: 強(qiáng)基固本,
婦聯(lián). :func:`remove_pinyin` drops those readings; :func:`to_simplified` then converts the text
phrase by phrase with OpenCC, corrected by two small measured supplements (see
``docs/normalizer.md``, "simplify").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicons
from .chars import is_han
from .offsets import Edit

# ---------------------------------------------------------------------------------------------
# inline pinyin

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙ"
_PLAIN = {c: b for b, cs in {"a": "āáǎàĀÁǍÀ", "e": "ēéěèĒÉĚÈ", "i": "īíǐìĪÍǏÌ", "o": "ōóǒòŌÓǑÒ",
                             "u": "ūúǔùŪÚǓÙ", "v": "ǖǘǚǜü", "n": "ńňǹ", "m": "ḿ"}.items() for c in cs}
_LETTERS = f"a-zA-Zü{_TONED}"
# one reading: (qiáng); several may follow a character (強(qiáng)(qiáng) is a reading printed
# twice), and white space (a wrapped line) may fall between a character and its reading
_ONE = re.compile(rf"[(（]([{_LETTERS}]{{1,24}})[)）]")
_GAP = " \t\r\n\u3000\u00a0"
_HAS_TONE = re.compile(f"[{_TONED}]")
#: the tone-marked letters: :func:`remove_pinyin` finds nothing in a text without one (a reading
#: without marks counts only beside marked ones, below)
TONED = _TONED
#: an annotation without tone marks is accepted only in a text that has this many marked ones
_TONELESS_EVIDENCE = 3


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    return frozenset(lexicons.entries("norm_pinyin_syllables.txt"))


def _is_syllables(word: str) -> bool:
    """Can ``word`` (tone marks removed, lower case) be cut into pinyin syllables?

    >>> _is_syllables("lianhe"), _is_syllables("cafe")
    (True, False)
    """
    syl = _syllables()
    n = len(word)
    ok = [True] + [False] * n
    for i in range(1, n + 1):
        for k in range(max(0, i - 6), i):
            if ok[k] and word[k:i] in syl:
                ok[i] = True
                break
    return ok[n]


def _reading(annotation: str, toneless: bool) -> bool:
    if _HAS_TONE.search(annotation):
        plain = "".join(_PLAIN.get(c, c) for c in annotation).lower()
        return _is_syllables(plain)
    # without a tone mark only a single lower-case syllable (們(men), 麼(me)) counts
    return toneless and annotation.islower() and annotation.replace("ü", "v") in _syllables()


def remove_pinyin(text: str) -> list[Edit]:
    """Drop inline pinyin readings after a character: 強(qiáng) → 強, 婦聯(lián) → 婦聯.

    The character absorbs its reading (the edit replaces both by the character), so a record
    ending at that character covers the reading in the original; a reading separated from its
    character by white space (a wrapped line) goes on its own and the white space stays. A
    parenthesis holding anything that is not a reading, such as （一）, (含) or (PPP), is not
    touched. A reading without tone marks (們(men)) is removed only in a text that has marked
    ones too.

    >>> [(e.start, e.end, e.replacement) for e in remove_pinyin("強(qiáng)基(含)聯合(liánhé)強\\n(qiáng)")]
    [(0, 8, '強'), (13, 22, '合'), (24, 31, '')]
    """
    if "(" not in text and "（" not in text:
        return []
    # groups of readings, each with the character before them; readings separated only by white
    # space from the group before belong to it
    groups: list[tuple[int, list[re.Match[str]]]] = []
    for m in _ONE.finditer(text):
        if groups and not text[groups[-1][1][-1].end() : m.start()].strip(_GAP):
            groups[-1][1].append(m)
            continue
        host = m.start() - 1
        while host >= 0 and text[host] in _GAP:
            host -= 1
        if host >= 0 and is_han(text[host]):
            groups.append((host, [m]))
    if not groups:
        return []
    toned = sum(1 for _, ms in groups for m in ms if _HAS_TONE.search(m.group(1)))
    toneless = toned >= _TONELESS_EVIDENCE
    edits: list[Edit] = []
    for host, ms in groups:
        # runs of readings that touch each other, up to the first that is not a reading
        runs: list[list[int]] = []
        for m in ms:
            if not _reading(m.group(1), toneless):
                break
            if runs and runs[-1][1] == m.start():
                runs[-1][1] = m.end()
            else:
                runs.append([m.start(), m.end()])
        for k, (start, end) in enumerate(runs):
            if k == 0 and start == host + 1:
                edits.append(Edit(host, end, text[host]))
            else:
                edits.append(Edit(start, end, ""))
    return edits


def readings_after(text: str, pos: int) -> list[tuple[int, int]]:
    """The runs of tone-marked readings that follow ``pos``, across white space: what
    :func:`remove_pinyin` would remove with a character at ``pos - 1``.

    >>> readings_after("婦(fù)(fù) \\n(fù)聯", 1), readings_after("婦聯", 1)
    ([(1, 9), (11, 15)], [])
    """
    runs: list[tuple[int, int]] = []
    j = pos
    while True:
        while j < len(text) and text[j] in _GAP:
            j += 1
        start = end = j
        while True:
            m = _ONE.match(text, end)
            if m is None or not _reading(m.group(1), False):
                break
            end = m.end()
        if end == start:
            return runs
        runs.append((start, end))
        j = end


# ---------------------------------------------------------------------------------------------
# traditional to simplified


@lru_cache(maxsize=1)
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def traditional_chars() -> str:
    """Characters OpenCC changes on their own: a text holding none of them is left alone
    (:func:`to_simplified` finds nothing in it)."""
    conv = _opencc().convert
    blocks = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]
    chars = "".join(chr(c) for lo, hi in blocks for c in range(lo, hi + 1))
    converted = conv(chars)
    if len(converted) != len(chars):  # never seen; converting one by one is slower but exact
        changed = [c for c in chars if conv(c) != c]
    else:
        changed = [a for a, b in zip(chars, converted) if a != b]
    return "".join(changed)


@lru_cache(maxsize=1)
def _traditional_class() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in traditional_chars()) + "]")


@lru_cache(maxsize=1)
def _phrase_table() -> tuple[dict[str, str], re.Pattern[str] | None]:
    table = {row[0]: row[1] for row in lexicons.table("norm_t2s_phrases.tsv")}
    if not table:
        return table, None
    # longest first: at each position the alternation then takes the longest key, as forward
    # maximum matching does
    keys = sorted(table, key=len, reverse=True)
    return table, re.compile("|".join(re.escape(k) for k in keys))


@lru_cache(maxsize=1)
def _zhe_table() -> tuple[dict[str, str], int]:
    table = {row[0]: row[1] for row in lexicons.table("norm_zhe.tsv")}
    return table, max((len(k) for k in table), default=0)


#: share of traditional-only characters (of all characters) from which a text counts as written
#: in traditional script (a simplified report quoting a traditional name stays far below)
TRADITIONAL_SHARE = 0.05


def _apply_phrases(converted: str) -> str:
    """The supplementary phrase table over OpenCC's output."""
    table, pattern = _phrase_table()
    if pattern is None:
        return converted
    return pattern.sub(lambda m: table[m.group()], converted)


def _zhe(converted: str) -> str:
    """著 → 着 in a traditional text, except where a phrase of ``norm_zhe.tsv`` says otherwise.

    Traditional script writes both the particle 着 and the 著 of 著作 as 著; OpenCC keeps 著 unless
    a phrase of its own table says otherwise, which leaves 发挥著作用 and 为著力点 unconverted.

    >>> _zhe("为著力点，发挥著作用，成绩显著，著名")
    '为着力点，发挥着作用，成绩显著，著名'
    """
    if "著" not in converted:
        return converted
    table, longest = _zhe_table()
    chars = list(converted)
    n = len(converted)
    i = converted.find("著")
    while i >= 0:
        decided = "着"
        for size in range(min(longest, n), 1, -1):
            hit = None
            for start in range(max(0, i - size + 1), min(i, n - size) + 1):
                form = table.get(converted[start : start + size])
                if form is not None:
                    hit = form[i - start]
                    break
            if hit is not None:
                decided = hit
                break
        chars[i] = decided
        i = converted.find("著", i + 1)
    return "".join(chars)


#: a text is converted when at least this share of its characters, or this many of them, are
#: traditional-only; a simplified report with one traditional name (濛溪河, 昇腾, 乾县) is left alone
CONVERT_SHARE = 0.01
CONVERT_COUNT = 20


def _script(text: str) -> tuple[int, int]:
    """(traditional-only characters, all characters) of ``text``; shares are taken of the whole
    length, which is cheap to know and never changes between two runs."""
    return len(_traditional_class().findall(text)), len(text)


def convert(text: str) -> str:
    """OpenCC t2s with the supplements; the same length as ``text`` whenever OpenCC keeps it.

    >>> convert("以打造“堅強陣地”為著力點，發揮著作用，成績顯著")
    '以打造“坚强阵地”为着力点，发挥着作用，成绩显著'
    """
    converted = _apply_phrases(_opencc().convert(text))
    traditional, han = _script(text)
    if han and traditional >= han * TRADITIONAL_SHARE:
        converted = _zhe(converted)
    return converted


def to_simplified(text: str) -> list[Edit]:
    """Traditional to simplified, phrase-aware; one edit per run of changed characters.

    A text whose traditional-only characters are too few to make it a traditional text is left
    as it is: they are names (濛溪河, 昇腾, 乾县) that OpenCC would wrongly convert.

    >>> [(e.start, e.end, e.replacement) for e in to_simplified("發揮著力點")]
    [(0, 3, '发挥着'), (4, 5, '点')]
    >>> to_simplified("乾隆年间的著作")
    []
    """
    if _traditional_class().search(text) is None:
        return []
    traditional, han = _script(text)
    if traditional < CONVERT_COUNT and traditional < han * CONVERT_SHARE:
        return []
    converted = convert(text)
    if converted == text:
        return []
    if len(converted) != len(text):
        # Phrase tables map phrases to phrases of the same length; should one ever differ,
        # convert each line on its own so the damage stays local.
        return _by_line(text)
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


def _by_line(text: str) -> list[Edit]:
    edits: list[Edit] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        new = convert(line)
        if new != line:
            if len(new) == len(line):
                edits.extend(_diff_runs(line, new, pos))
            else:
                edits.append(Edit(pos, pos + len(line), new))
        pos += len(line)
    return edits


def simplified_view(text: str) -> str:
    """``text`` converted to simplified for matching only, character for character (a line whose
    conversion would change its length stays as it is), so offsets into the view are offsets
    into ``text``.

    Only the lines holding a character OpenCC changes on its own are converted: its phrases hold
    no line break, so a line converts as it does inside the whole text, and a simplified report
    with a few such characters (乾, 著) is not converted whole.

    >>> simplified_view("來源：網絡整理")
    '来源：网络整理'
    """
    find = _traditional_class().search
    m = find(text)
    if m is None:
        return text
    conv = _opencc().convert
    parts = []
    pos = 0
    while m is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end + 1
        line = text[start:end]
        new = conv(line)
        parts += (text[pos:start], new if len(new) == len(line) else line)
        pos = end
        m = find(text, end)
    parts.append(text[pos:])
    return "".join(parts)


__all__ = ["remove_pinyin", "readings_after", "to_simplified", "convert", "simplified_view", "traditional_chars", "TONED"]
