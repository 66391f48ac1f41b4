"""The normalizer: noisy scraped text in, clean simplified text out, every offset traceable.

``normalize(text)`` runs the plan below, one pure fix after another. Each fix finds edits on the
output of the one before; :class:`~wfltext.normalize.offsets.OffsetMap` composes them, so any
span of the clean text maps back to a span of the original. ``Normalized.steps`` lists what each
fix changed and where (in original offsets), like an explained plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import fixes, garble
from .offsets import Edit, OffsetMap


@dataclass(frozen=True, slots=True)
class Fix:
    name: str
    find: Callable[[str], list[Edit]]
    #: records touching an edit of this fix are ``noisy``
    noisy: bool = False
    doc: str = ""


# Order, and why:
# - garbles and pinyin first: both corrupt the characters every later pattern reads, and the
#   garble table matches bytes of the page as published (traditional, with annotations);
# - pinyin before script conversion: 婦聯(lián) must lose (lián) before OpenCC sees the phrase;
# - script conversion before boilerplate, so boilerplate patterns are written once, simplified;
# - paragraph and spacing fixes before punctuation, and hard-wrap joining last of the edits, when
#   boilerplate lines are gone and line lengths are final;
# - masks are only marked, after every change, so their marks cover the final characters.
PLAN: tuple[Fix, ...] = (
    Fix("garble", garble.repair_garbles, noisy=True, doc="repair GBK garbles, mark doubtful ones"),
    Fix("pinyin", fixes.remove_pinyin, doc="drop inline tone pinyin: 強(qiáng) → 強"),
    Fix("simplify", fixes.to_simplified, doc="traditional → simplified, phrase-aware (OpenCC)"),
    Fix("line-endings", fixes.unify_line_endings, doc="CRLF and CR → LF"),
    Fix("boilerplate", fixes.remove_boilerplate, doc="page chrome, 来源/编辑 lines, footers, ads"),
    Fix("ideographic-space", fixes.split_ideographic_paragraphs, doc="U+3000 paragraph separators"),
    Fix("letter-spacing", fixes.join_letter_spacing, doc="政 府 工 作 报 告, 1 9 9 8 年"),
    Fix("fullwidth", fixes.fold_fullwidth, doc="full-width digits and letters → ASCII"),
    Fix("punctuation", fixes.widen_ascii_punctuation, doc="ASCII , ; : in Chinese → full-width"),
    Fix("doubled-punctuation", fixes.collapse_doubled_punctuation, doc="，， → ，, ，。 → 。"),
    Fix("decimal-stop", fixes.repair_decimal_stop, doc="13。82万 → 13.82万"),
    Fix("hard-wrap", fixes.join_hard_wraps, doc="line breaks inside a sentence"),
    Fix("mask", fixes.mark_masks, noisy=True, doc="masked digits and placeholders, marked"),
)
FIXES: dict[str, Fix] = {f.name: f for f in PLAN}


@dataclass(frozen=True, slots=True)
class Step:
    """One applied edit, in original offsets: ``original[start:end]`` became ``after``."""

    fix: str
    start: int
    end: int
    before: str
    after: str

    def to_dict(self) -> dict:
        return {"fix": self.fix, "start": self.start, "end": self.end, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Normalized:
    """The result of :func:`normalize`."""

    original: str
    text: str
    offsets: OffsetMap = field(repr=False)
    steps: tuple[Step, ...] = field(default=(), repr=False)
    #: original spans that make a record noisy (garbles, masks), sorted
    noise: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalized text back to the original."""
        return self.offsets.span(start, end)

    def original_text(self, start: int, end: int) -> str:
        s, e = self.offsets.span(start, end)
        return self.original[s:e]

    def is_noisy(self, start: int, end: int) -> bool:
        """Does the ORIGINAL span ``[start, end)`` touch a garble or a mask?"""
        for s, e in self.noise:
            if s >= end:
                break
            if e > start and s < end:
                return True
        return False

    def fixes_applied(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for s in self.steps:
            counts[s.fix] = counts.get(s.fix, 0) + 1
        return counts


def normalize(text: str, plan: tuple[Fix, ...] | None = None) -> Normalized:
    """Normalize ``text`` (the original) and keep the way back.

    >>> n = normalize("強(qiáng)基固本發(fā)揮作用")
    >>> n.text
    '强基固本发挥作用'
    >>> n.original_text(0, 2)
    '強(qiáng)基'
    """
    if not isinstance(text, str):
        from ..errors import InputError

        raise InputError(f"normalize() takes text (str), not {type(text).__name__}; use wfltext.read() for bytes")
    current = text
    offsets = OffsetMap.identity(len(text))
    steps: list[Step] = []
    noise: list[tuple[int, int]] = []
    for fix in plan or PLAN:
        edits = fix.find(current)
        if not edits:
            continue
        for e in edits:
            s, t = offsets.span(e.start, e.end)
            before = text[s:t]
            steps.append(Step(fix.name, s, t, before, e.replacement))
            if fix.noisy:
                noise.append((s, t) if t > s else (s, s + 1))
        current, offsets = offsets.apply(current, edits)
    steps.sort(key=lambda st: (st.start, st.end))
    return Normalized(text, current, offsets, tuple(steps), tuple(sorted(noise)))


__all__ = ["normalize", "Normalized", "Step", "Fix", "PLAN", "FIXES", "Edit", "OffsetMap"]
