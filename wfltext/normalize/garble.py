"""Repair or mark GBK garbles: bytes of a GBK page that were lost, shifted or read wrongly.

Every model below is a statement about GBK bytes, checked with Python's ``gbk`` codec rather
than written down by hand; a garble is repaired only where a model explains it with certainty,
and marked otherwise (a same-text edit: records touching it carry ``noisy: true``).

* :func:`repair_garbles` runs on the page as published, before script conversion:

  - a table of garbles seen in scraped reports (``lexicons/garbles.tsv``), ``?jì)D`` → 婦;
  - byte-shifted phrases (``lexicons/garble_phrases.txt``): 慶!傲弧眱和 is 慶“六一”兒童 with
    the opening quote's lead byte A1 turned into ``!`` (its high bit lost) and two bytes lost;
  - marks: U+FFFD, broken reading annotations (``?jì)``), and an unexplained ``!`` followed by a
    character whose lead byte is the trail byte of a quotation mark (a shift nobody repaired).

* :func:`repair_lost_a1a1` runs right after script conversion, on simplified text: a process that deletes the GBK
  ideographic space A1 A1 from the byte stream without respecting character boundaries merges a
  character ending in A1 with a punctuation mark starting with A1 — 基础。 (B4 A1 · A1 A3) becomes
  矗 (B4 A3). The merged character is split back only where the previous character and the
  restored one form a frequent word of jieba's dictionary, while the merged character forms no
  word with either neighbour and is rare (see ``docs/normalizer.md`` for the measurement).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicons
from ..tokenize import dictionary_table
from .chars import HAN, is_han
from .offsets import Edit

# ---------------------------------------------------------------------------------------------
# the page as published: table, byte shifts, marks


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    pairs = {row[0]: row[1] for row in lexicons.table("garbles.tsv")}
    if not pairs:
        return None, pairs
    return re.compile("|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True))), pairs


def _gbk(s: str) -> bytes | None:
    try:
        return s.encode("gbk")
    except UnicodeEncodeError:
        return None


def shift_garble(phrase: str) -> tuple[str, str] | None:
    """The garble a byte shift makes of ``phrase``: (text before the first undecodable byte, text
    after it). The model, verified on the two garbles of the sample report: the lead byte of the
    first character loses its high bit, the two bytes after the second byte are lost.

    >>> shift_garble("“三八”婦女節")
    ('!叭恕眿D女節', '')
    >>> shift_garble("“六一”兒童節")
    ('!傲弧眱和', '節')
    """
    b = _gbk(phrase)
    if not b or len(b) < 8 or b[0] < 0x80:
        return None
    shifted = bytes([b[0] & 0x7F]) + b[1:3] + b[5:]
    decoded = shifted.decode("gbk", errors="replace")
    head, _, tail = decoded.partition("\ufffd")
    return head, tail.replace("\ufffd", "")


@lru_cache(maxsize=1)
def _shifted() -> tuple[dict[str, list[tuple[str, str, str]]], re.Pattern[str] | None, re.Pattern[str] | None, dict[str, str]]:
    """The shift model of every phrase of the lexicon, in both scripts.

    A model whose head (before the first undecodable byte pair) has four characters or more is
    found by that prefix: garbled prefix → [(whole head, tail, repair)]. A shorter head is found
    together with its tail, one lost character allowed between them, when the two hold at least
    six characters: 《妇女儿童发展纲要》 garbles to ``!陡`` + ? + ``儿童发展纲要》``.
    """
    import opencc

    s2t = opencc.OpenCC("s2t").convert
    by_prefix: dict[str, list[tuple[str, str, str]]] = {}
    whole: dict[str, str] = {}
    for phrase in lexicons.entries("garble_phrases.txt"):
        for form in dict.fromkeys((phrase, s2t(phrase))):
            g = shift_garble(form)
            if g is None:
                continue
            head, tail = g
            if len(head) >= _MIN_SHIFT:
                by_prefix.setdefault(head[:_MIN_SHIFT], []).append((head, tail, form))
            elif len(head) >= 2 and len(head) + len(tail) >= _MIN_SHIFT_WITH_TAIL:
                whole[re.escape(head) + "[^\\n]?" + re.escape(tail)] = form
    for cands in by_prefix.values():
        cands.sort(key=lambda c: -len(c[0]))
    prefixes = re.compile("|".join(re.escape(p) for p in sorted(by_prefix))) if by_prefix else None
    groups = {f"s{i}": form for i, form in enumerate(whole.values())}
    tails = re.compile("|".join(f"(?P<s{i}>{p})" for i, p in enumerate(whole))) if whole else None
    return by_prefix, prefixes, tails, groups


#: a shifted garble must show at least this many characters of its model (``!`` included)
_MIN_SHIFT = 4
#: or, when its head is shorter, this many with its tail
_MIN_SHIFT_WITH_TAIL = 6
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# a reading annotation that lost its opening parenthesis to a garbled lead byte: ?jì)D
_BROKEN_READING = re.compile(rf"\?[a-zü{_TONED}]{{1,8}}\)[\x40-\x7e]?")
_REPLACEMENT = re.compile("\ufffd{1,256}")
# "!" after an ideograph and before one whose lead byte is the trail byte of “ ” 《 》 ‘ ’ (B0,
# B1, B6, B7, AE, AF): a quotation mark whose lead byte lost its high bit, the rest unexplained
_SHIFT_LEADS = bytes([0xB0, 0xB1, 0xB6, 0xB7, 0xAE, 0xAF])


@lru_cache(maxsize=1)
def _shift_mark() -> re.Pattern[str]:
    chars = []
    for lead in _SHIFT_LEADS:
        for trail in range(0x40, 0xFF):
            try:
                chars.append(bytes([lead, trail]).decode("gbk"))
            except UnicodeDecodeError:
                continue
    cls = "".join(re.escape(c) for c in chars)
    return re.compile(rf"(?<=[{HAN}])!(?=[{cls}])[{HAN}]{{1,4}}")


def garble_triggers() -> str:
    """The characters without which :func:`repair_garbles` finds nothing: the first characters
    of the table's garbles, the ``!`` of a shift, the ``?`` of a broken reading and U+FFFD."""
    _pattern, pairs = _table()
    return "".join(sorted({k[0] for k in pairs} | {"!", "?", "\ufffd"}))


def a1_triggers() -> str:
    """The characters without which :func:`repair_lost_a1a1` finds nothing: the merged ones."""
    return "".join(_a1_model()[0])


def repair_garbles(text: str) -> list[Edit]:
    """Repair certain garbles of the page as published and mark doubtful ones.

    A repair swallows a reading annotation that follows it (``?jì)D(fù)`` is one 婦), since the
    annotation belongs to the repaired character.

    >>> [(e.start, e.end, e.replacement) for e in repair_garbles("推動?jì)D聯")]
    [(2, 7, '婦')]
    >>> [(e.start, e.end, e.replacement) for e in repair_garbles("慶!叭恕眿D女節100周年")]
    [(1, 8, '“三八”婦女節')]
    """
    spans: dict[int, Edit] = {}
    pattern, pairs = _table()
    if pattern is not None:
        for m in pattern.finditer(text):
            spans[m.start()] = Edit(m.start(), m.end(), pairs[m.group()], "garble table")
    if "!" in text:
        by_prefix, prefixes, tails, forms = _shifted()
        if prefixes is not None:
            for m in prefixes.finditer(text):
                edit = _match_shift(text, m.start(), by_prefix[m.group()])
                if edit is not None:
                    spans.setdefault(m.start(), edit)
        if tails is not None:
            for m in tails.finditer(text):
                spans.setdefault(m.start(), Edit(m.start(), m.end(), forms[m.lastgroup or ""], "shifted quote (head and tail)"))
        for m in _shift_mark().finditer(text):
            spans.setdefault(m.start(), Edit(m.start(), m.end(), m.group(), "unexplained shift"))
    if "?" in text:
        for m in _BROKEN_READING.finditer(text):
            spans.setdefault(m.start(), Edit(m.start(), m.end(), m.group(), "broken reading"))
    if "\ufffd" in text:
        for m in _REPLACEMENT.finditer(text):
            spans.setdefault(m.start(), Edit(m.start(), m.end(), m.group(), "replacement character"))
    edits: list[Edit] = []
    for start in sorted(spans):
        e = spans[start]
        if edits and e.start < edits[-1].end:
            continue
        if e.replacement != text[e.start : e.end]:
            for part in _with_readings(text, e):
                if edits and part.start < edits[-1].end:
                    break
                edits.append(part)
        else:
            edits.append(e)
    return edits


def _with_readings(text: str, edit: Edit) -> list[Edit]:
    """A repair takes the readings printed after it: the reading right after it goes with it,
    one after white space goes on its own (the white space stays), as the pinyin fix does."""
    from .script import readings_after

    runs = readings_after(text, edit.end)
    out = [edit]
    for s, e in runs:
        if s == out[-1].end and len(out) == 1:
            out[0] = Edit(edit.start, e, edit.replacement, edit.rule)
        else:
            out.append(Edit(s, e, "", "reading of a repair"))
    return out


def _match_shift(text: str, start: int, cands: list[tuple[str, str, str]]) -> Edit | None:
    """The candidate whose garbled head the text shows furthest (then its tail, after at most one
    lost character) at ``start``; the four characters of the prefix are already matched."""
    best: tuple[int, str, str] | None = None
    for head, tail, repair in cands:
        k = _MIN_SHIFT
        while k < len(head) and start + k < len(text) and text[start + k] == head[k]:
            k += 1
        if best is None or k > best[0]:
            best = (k, tail if k == len(head) else "", repair)
    if best is None:
        return None
    k, tail, repair = best
    end = start + k
    if tail:
        # the byte that fell between head and tail took at most one character with it
        for skip in (0, 1):
            if text.startswith(tail, end + skip):
                end += skip + len(tail)
                break
    return Edit(start, end, repair, "shifted quote")


# ---------------------------------------------------------------------------------------------
# lost A1 A1

#: punctuation (GBK A1 xx) whose merge with a preceding character is repaired: the marks of
#: running text; the rarer ones (【〔『～‘’—…) gave false repairs on clean reports
A1_PUNCTUATION = "、。“”《》"
#: a restored word must have at least this frequency in jieba's dictionary
A1_MIN_WORD_FREQ = 100
#: the merged character must be rare: its own frequency plus that of the two-character words
#: holding it, in jieba's dictionary, at most this
A1_MAX_CHAR_FREQ = 5000


def _jieba_words() -> tuple[dict[str, int], dict[str, int]]:
    """One- and two-character words of jieba's main dictionary with their frequencies."""
    import jieba

    with jieba.get_dict_file() as f:
        data = f.read().decode("utf-8")
    data = "\n" + data
    two = {w: int(n) for w, n in re.findall(r"\n(\S\S) (\d{1,12})", data)}
    one = {w: int(n) for w, n in re.findall(r"\n(\S) (\d{1,12})", data)}
    return one, two


@lru_cache(maxsize=1)
def _a1_model() -> tuple[dict[str, tuple[str, str]], re.Pattern[str] | None, dict[str, int]]:
    """Merged character → (restored character, punctuation); the pattern finds merged ones;
    and the two-character words :func:`repair_lost_a1a1` looks up. Built from jieba's
    dictionary once and kept on disk (:func:`wfltext.tokenize.dictionary_table`)."""
    model, chars, two = dictionary_table("garble-a1-model", _build_a1_model)
    return model, (re.compile(f"[{chars}]") if chars else None), two


def _build_a1_model() -> tuple[dict[str, tuple[str, str]], str, dict[str, int]]:
    one, two = _jieba_words()
    weight = dict(one)
    for w, n in two.items():
        for ch in w:
            weight[ch] = weight.get(ch, 0) + n
    model: dict[str, tuple[str, str]] = {}
    for p in A1_PUNCTUATION:
        trail = p.encode("gbk")[1]
        for lead in range(0x81, 0xFF):
            try:
                restored = bytes([lead, 0xA1]).decode("gbk")
                merged = bytes([lead, trail]).decode("gbk")
            except UnicodeDecodeError:
                continue
            # rows A1–A9 hold symbols (。 itself is A1 A3): only ideographs merge into ideographs
            if is_han(restored) and is_han(merged) and weight.get(merged, 0) <= A1_MAX_CHAR_FREQ:
                model[merged] = (restored, p)
    if not model:
        return model, "", {}
    cls = "".join(re.escape(c) for c in sorted(model))
    # only the words repair_lost_a1a1 can look up: a restored or merged character second, or a
    # merged one first
    seconds = set(model) | {restored for restored, _ in model.values()}
    looked_up = {w: n for w, n in two.items() if w[1] in seconds or w[0] in model}
    return model, cls, looked_up


_SPACE = " \t\u00a0\u3000\r\n"


def _neighbour(text: str, i: int, step: int) -> str:
    """The first character from ``i`` on (in direction ``step``) that is not white space: later
    fixes remove indentation, letter spacing and wrapped lines, and must not change a decision."""
    n = len(text)
    while 0 <= i < n and text[i] in _SPACE:
        i += step
    return text[i] if 0 <= i < n else ""


def repair_lost_a1a1(text: str) -> list[Edit]:
    """Split a character merged with the punctuation after it by lost A1 A1 bytes: 基矗 → 基础。

    >>> [(e.start, e.end, e.replacement) for e in repair_lost_a1a1("夯实基矗加强评癣活动")]
    [(3, 4, '础。'), (7, 8, '选、')]
    >>> repair_lost_a1a1("高楼矗立")
    []
    """
    model, pattern, two = _a1_model()
    if pattern is None:
        return []
    edits: list[Edit] = []
    for m in pattern.finditer(text):
        i = m.start()
        prev = _neighbour(text, i - 1, -1)
        if not prev or not is_han(prev):
            continue
        merged = text[i]
        restored, punct = model[merged]
        if two.get(prev + restored, 0) < A1_MIN_WORD_FREQ:
            continue
        if prev + merged in two:
            continue
        nxt = _neighbour(text, i + 1, 1)
        if nxt and merged + nxt in two:
            continue
        edits.append(Edit(i, i + 1, restored + punct, "lost A1A1"))
    return edits


__all__ = ["repair_garbles", "repair_lost_a1a1", "garble_triggers", "a1_triggers", "shift_garble", "A1_PUNCTUATION"]
