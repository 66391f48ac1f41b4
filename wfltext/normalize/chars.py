"""Character classes the fixes share, as plain ``re`` class bodies.

The fixes use the standard ``re`` module: it is faster than ``regex`` on the simple patterns a
normalizer needs, and ``\\p{Han}`` is the only thing ``regex`` would add, spelled out here.
"""

from __future__ import annotations

from functools import lru_cache

#: CJK ideographs: the unified block, extension A, compatibility ideographs, extensions B–H
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: white space inside a line (never a line break)
INLINE_SPACE = " \t\u00a0\u3000"
#: sentence-final punctuation, both widths: a line ending in one of these is a complete line
SENTENCE_END = "。！？!?…"
#: punctuation after which a line is complete (a line ending in one is never a hard wrap)
TERMINAL = "。！？；：!?;:…”’」』）)】》"
#: closing marks a Chinese clause may end with before a comma or colon
CLOSING = "”’」』）)】》〕"
#: opening marks a Chinese clause may start with
OPENING = "“‘「『（(【《〔"
#: Chinese punctuation (full-width) that sits between clauses
CJK_PUNCT = "，。、；：！？…—"


def is_han(ch: str) -> bool:
    """Is ``ch`` a CJK ideograph?

    >>> is_han("妇"), is_han("a"), is_han("，")
    (True, False, False)
    """
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
    )


__all__ = ["HAN", "INLINE_SPACE", "SENTENCE_END", "TERMINAL", "CLOSING", "OPENING", "CJK_PUNCT", "is_han"]


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """Characters of GB2312 and of Big5's frequent-character plane: a decode that produces many
    characters outside both is a wrong decode."""
    chars = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for hi in range(0xA4, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)
