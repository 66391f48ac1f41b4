"""Edits and the offset map that composes them.

Every fix returns a list of :class:`Edit` (replace ``text[start:end]`` by ``replacement``) on
its own input. :func:`apply_edits` applies them and updates, for each character of the new text,
the original span it came from. Composition happens once per fix, in this one place; the fixes
and the extractors never see a shift.

Two per-character arrays carry the map: ``starts[i]`` and ``ends[i]`` give the half-open span of
the original that normalized character ``i`` stands for. A span of the normalized text therefore
maps back to ``(starts[a], ends[b - 1])``: always a span of the original, always containing the
source of every character in between.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` of a fix's input by ``replacement``.

    When the replacement has the same length as the replaced text, characters map one to one;
    otherwise every new character stands for the whole replaced span (so a record touching any
    of them covers all of it in the original).
    """

    start: int
    end: int
    replacement: str
    #: the readable name of the rule that made the edit, carried into ``Normalized.steps``
    rule: str = ""


_RAMP = array("l", range(1 << 16))


def _ramp(length: int) -> array:
    """0, 1, 2 … as an array at least ``length`` long; slicing it beats building from a range."""
    global _RAMP
    if len(_RAMP) < length:
        size = len(_RAMP)
        while size < length:
            size *= 2
        _RAMP = array("l", range(size))
    return _RAMP


class OffsetMap:
    """Per-character original spans of a normalized text."""

    __slots__ = ("starts", "ends", "original_length")

    def __init__(self, starts: array, ends: array, original_length: int) -> None:
        self.starts = starts
        self.ends = ends
        self.original_length = original_length

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        ramp = _ramp(length + 1)
        return cls(ramp[:length], ramp[1 : length + 1], length)

    def __len__(self) -> int:
        return len(self.starts)

    def point(self, i: int) -> int:
        """Original offset of a position (between characters) of the normalized text."""
        n = len(self.starts)
        if i < 0 or i > n:
            raise IndexError(f"offset {i} outside 0..{n}")
        if i < n:
            return self.starts[i]
        return self.ends[n - 1] if n else self.original_length

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the normalized span ``[start, end)``."""
        if start > end:
            raise ValueError(f"empty or reversed span {start}..{end}")
        if start == end:
            p = self.point(start)
            return p, p
        if start < 0 or end > len(self.starts):
            raise IndexError(f"span {start}..{end} outside 0..{len(self.starts)}")
        return self.starts[start], self.ends[end - 1]

    def apply(self, text: str, edits: list[Edit]) -> tuple[str, "OffsetMap"]:
        """Apply sorted, non-overlapping ``edits`` to ``text`` (whose map is ``self``)."""
        if not edits:
            return text, self
        starts, ends = self.starts, self.ends
        out_text: list[str] = []
        new_starts = array("l")
        new_ends = array("l")
        pos = 0
        for e in edits:
            if e.start < pos or e.end < e.start or e.end > len(text):
                raise ValueError(f"edits overlap or are out of order at {e.start}..{e.end}")
            out_text.append(text[pos : e.start])
            new_starts.extend(starts[pos : e.start])
            new_ends.extend(ends[pos : e.start])
            m = len(e.replacement)
            width = e.end - e.start
            if m:
                out_text.append(e.replacement)
                if m == width:
                    new_starts.extend(starts[e.start : e.end])
                    new_ends.extend(ends[e.start : e.end])
                else:
                    if width:
                        s, t = starts[e.start], ends[e.end - 1]
                    else:  # pure insertion: a zero-width point of the original
                        s = t = self.point(e.start)
                    new_starts.extend([s] * m)
                    new_ends.extend([t] * m)
            pos = e.end
        out_text.append(text[pos:])
        new_starts.extend(starts[pos:])
        new_ends.extend(ends[pos:])
        return "".join(out_text), OffsetMap(new_starts, new_ends, self.original_length)


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with sorted, non-overlapping ``edits`` made, without a map back (a fix's own
    look at what the fixes leave, a heading read without its pinyin).

    >>> apply_edits("強(qiáng)基", [Edit(0, 8, "強")])
    '強基'
    """
    out = []
    pos = 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


__all__ = ["Edit", "OffsetMap", "apply_edits"]
