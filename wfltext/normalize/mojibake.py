"""UTF-8 shown as GBK (mojibake): 濡囪仈宸ヤ綔鎬荤粨 is 妇联工作总结 whose UTF-8 bytes a page or an
editor decoded as GBK.

A run is repaired only where its bytes round-trip exactly: the run's characters, encoded as GBK,
are valid UTF-8 that starts and ends on a boundary of both encodings, and decode into common
Chinese text. Where the GBK decoder lost a byte (it printed U+FFFD or ``?`` for a pair it could
not read), the bytes around the loss no longer line up: those characters are left as they are
and marked, so records touching them are ``noisy``. Nothing is guessed.

Genuine Chinese text encoded as GBK is almost never valid UTF-8 (its bytes are mostly lead bytes
B0-F7 that UTF-8 reads as continuation bytes), and when a few characters happen to be, they do
not decode into common characters; the repair also needs three characters of mojibake and two
ideographs out of them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .chars import common_chars
from .offsets import Edit

#: a repaired run must hold at least this many non-ASCII characters …
MIN_CHARS = 3
#: … and decode into at least this many ideographs
MIN_HAN = 2
_LOST = "\ufffd?"
_EXTRA_OK = set("“”‘’…—·")


@lru_cache(maxsize=1)
def lead_chars() -> str:
    """Characters whose GBK bytes are a UTF-8 lead byte of a CJK character (E4-E9) and a
    continuation byte (80-BF): mojibake of Chinese UTF-8 is full of them, clean text nearly
    never shows two close together. :func:`repair_mojibake` finds nothing in a text without
    them."""
    chars = []
    for hi in range(0xE4, 0xEA):
        for lo in range(0x80, 0xC0):
            try:
                chars.append(bytes([hi, lo]).decode("gbk"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


@lru_cache(maxsize=1)
def _lead_class() -> re.Pattern[str]:
    cls = "".join(re.escape(c) for c in lead_chars())
    return re.compile(f"[{cls}][^\\s]{{0,5}}[{cls}]")


def _common(c: str) -> bool:
    o = ord(c)
    return c in common_chars() or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E or c in _EXTRA_OK


def _utf8_len(b: int) -> int:
    if b < 0x80:
        return 1
    if 0xC2 <= b <= 0xDF:
        return 2
    if 0xE0 <= b <= 0xEF:
        return 3
    if 0xF0 <= b <= 0xF4:
        return 4
    return 0


def _runs(segment: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """Repairable runs of ``segment`` (character spans and their repair), and the spans of
    characters around them whose bytes were lost."""
    starts: list[int] = []
    chunks: list[bytes] = []
    pos = 0
    for c in segment:
        starts.append(pos)
        try:
            b = c.encode("gbk") if c not in _LOST else b"\xff"
        except UnicodeEncodeError:
            b = b"\xff"
        chunks.append(b)
        pos += len(b)
    starts.append(pos)
    data = b"".join(chunks)
    char_at = {p: i for i, p in enumerate(starts)}
    runs: list[tuple[int, int, str, int]] = []
    n = len(data)
    c = 0
    while c < len(segment):
        # the stretch of valid UTF-8 sequences from character c, and its boundaries that are
        # also character boundaries
        i = starts[c]
        bounds: list[int] = []
        j = i
        while j < n:
            k = _utf8_len(data[j])
            if k == 0 or j + k > n:
                break
            if k > 1:
                try:
                    data[j : j + k].decode("utf-8")
                except UnicodeDecodeError:
                    break
            if j in char_at:
                bounds.append(j)
            j += k
        if j in char_at:
            bounds.append(j)
        if len(bounds) >= 2:
            a, b = char_at[bounds[0]], char_at[bounds[-1]]
            # ASCII at either edge is the same in both readings: leave it out
            while a < b and segment[a] < "\x80":
                a += 1
            while b > a and segment[b - 1] < "\x80":
                b -= 1
            if a < b:
                fixed = data[starts[a] : starts[b]].decode("utf-8")
                wide = sum(1 for ch in segment[a:b] if ch >= "\x80")
                han = sum(1 for ch in fixed if "\u3400" <= ch <= "\u9fff")
                if wide >= MIN_CHARS and han >= MIN_HAN and all(ch < "\x80" or _common(ch) for ch in fixed):
                    runs.append((a, b, fixed, char_at[bounds[-1]]))
            # a stretch that did not decode into common text is not retried from inside
            c = max(c + 1, char_at[bounds[-1]])
        else:
            c += 1
    lost: list[tuple[int, int]] = []
    for k, (a, b, _, raw_end) in enumerate(runs):
        if k == 0:
            # before the first run: the characters of mojibake back to punctuation or ASCII, when
            # they hold a U+FFFD or ?
            s = a
            while s > 0 and (segment[s - 1] in _LOST or segment[s - 1] >= "\x80" and not _punct(segment[s - 1])):
                s -= 1
            if any(ch in _LOST for ch in segment[s:a]):
                lost.append((s, a))
        if k + 1 < len(runs):
            if runs[k + 1][0] > raw_end:
                lost.append((raw_end, runs[k + 1][0]))  # bytes were lost between two runs
            continue
        # after the last run: through the last U+FFFD or ? within eight characters, or the head
        # of a sequence whose rest the segment lost
        tail = segment[raw_end : raw_end + 8]
        last = max((i for i, ch in enumerate(tail) if ch in _LOST), default=-1)
        if last >= 0:
            lost.append((raw_end, raw_end + last + 1))
        elif tail and not _plain(tail[0]):
            lost.append((raw_end, raw_end + 1))
    return [(a, b, fixed) for a, b, fixed, _ in runs], lost


def _punct(c: str) -> bool:
    o = ord(c)
    return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or c in _EXTRA_OK


def _plain(c: str) -> bool:
    """A character that cannot be the cut head of a UTF-8 sequence: ASCII, or a character whose
    GBK lead byte is no UTF-8 lead byte."""
    try:
        b = c.encode("gbk")
    except UnicodeEncodeError:
        return True
    return len(b) < 2 or not 0xE0 <= b[0] <= 0xEF


_SEGMENT = re.compile(r"[^\s]+")


def repair_mojibake(text: str) -> list[Edit]:
    """Edits that repair UTF-8-as-GBK runs and mark the characters around them whose bytes are
    lost.

    >>> [(e.start, e.end, e.replacement) for e in repair_mojibake("标题：濡囪仈宸ヤ綔鎬荤粨")]
    [(3, 12, '妇联工作总结')]
    >>> repair_mojibake("今年以来，县妇联共培训妇女200人。")
    []
    """
    pattern = _lead_class()
    if not pattern.search(text):
        return []
    edits: list[Edit] = []
    done = 0
    for hit in pattern.finditer(text):
        if hit.start() < done:
            continue
        line_start = text.rfind("\n", 0, hit.start()) + 1
        line_end = text.find("\n", hit.end())
        if line_end < 0:
            line_end = len(text)
        done = line_end
        for m in _SEGMENT.finditer(text, line_start, line_end):
            runs, lost = _runs(m.group())
            base = m.start()
            for a, b, fixed in runs:
                edits.append(Edit(base + a, base + b, fixed, "utf-8 read as gbk"))
            for a, b in lost:
                edits.append(Edit(base + a, base + b, text[base + a : base + b], "lost bytes"))
    edits.sort(key=lambda e: (e.start, e.end))
    return edits


def repair_whole(text: str, read_as: str = "gbk", target: str = "utf-8") -> str:
    """A whole text that is ``target`` bytes once decoded as ``read_as``, decoded as it was
    written. Characters the first decoder printed for bytes it could not read (U+FFFD) stand
    for lost bytes: the characters they belonged to come out as U+FFFD, which the normalizer
    marks noisy.

    >>> repair_whole("濡囪仈宸ヤ綔鎬荤粨\\r\\n")
    '妇联工作总结\\r\\n'
    """
    raw = text.replace("\ufffd", "").encode(read_as, errors="replace")
    return raw.decode(target, errors="replace")


__all__ = ["repair_mojibake", "repair_whole", "lead_chars"]
