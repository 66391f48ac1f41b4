"""The normalizer: noisy scraped text in, clean simplified text out, every offset traceable.

``normalize(text)`` runs the plan below, one pure fix after another. Each fix finds edits on the
output of the one before; :class:`~wfltext.normalize.offsets.OffsetMap` composes them, so any
span of the clean text maps back to a span of the original. ``Normalized.steps`` lists what each
fix changed and where (in original offsets), like an explained plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from . import fixes
from .garble import a1_triggers, garble_triggers
from .mojibake import lead_chars, repair_mojibake
from .offsets import Edit, OffsetMap
from .punctuation import ASCII_MARKS, FULLWIDTH_CHARS
from .script import TONED, traditional_chars


@dataclass(frozen=True, slots=True)
class Fix:
    name: str
    find: Callable[[str], list[Edit]]
    #: records touching any edit of this fix are ``noisy`` (a mark, an edit that changes
    #: nothing, makes them noisy whatever the fix)
    noisy: bool = False
    doc: str = ""
    #: the characters without which ``find`` finds nothing (None: no such set): a text that holds
    #: none of them skips the fix (a function, since some sets are read off tables built lazily)
    triggers: Callable[[], str] | None = None


# Order, and why. A fix may only produce text that the fixes before it would leave alone, so that
# normalizing twice changes nothing; and a fix that reads context (neighbouring characters, line
# lengths) runs after the fixes that change that context, or reads past what they change.
# - line endings first: every line-based fix then sees one kind of break;
# - mojibake right after: the repaired text is what every later fix must see (mojibake looks
#   like rare traditional characters, and would make a simplified report look traditional);
# - pinyin before garbles: a garble's bytes are those of the characters, without the readings the
#   site printed after them (慶!傲弧眱和(jié) is a shifted 慶“六一”兒童節 whose 節 kept its reading);
# - garbles before script conversion: their byte models read GBK as published (traditional);
# - lost A1A1 right after script conversion: its word check uses jieba's simplified dictionary,
#   and it inserts 。 and ” that the paragraph, boilerplate and punctuation fixes must see; it
#   looks past white space for its neighbours, which the later fixes may remove;
# - ideographic space before boilerplate: a national report is one line until its 　　 become
#   breaks, and boilerplate works on lines;
# - boilerplate before letter spacing and hard wraps: chrome lines are short and must not be
#   joined into the report (hard wraps also refuse a join that would make a line of chrome);
# - full width before letter spacing: １ ９ ９ ８ must be digits to be joined;
# - punctuation after hard wraps, which treat ASCII and full-width marks alike, and doubled
#   punctuation after widening, so that ,, is seen as ，，;
# - masks last: marked only, their marks cover the final characters.
PLAN: tuple[Fix, ...] = (
    Fix("line-endings", fixes.unify_line_endings, doc="CRLF and CR → LF", triggers=lambda: "\r"),
    Fix("mojibake", repair_mojibake, doc="UTF-8 shown as GBK: 濡囪仈宸ヤ綔 → 妇联工作, where the bytes round-trip; lost bytes marked",
        triggers=lead_chars),
    Fix("pinyin", fixes.remove_pinyin, doc="drop inline tone pinyin: 強(qiáng) → 強", triggers=lambda: TONED),
    Fix("garble", fixes.repair_garbles, noisy=True, doc="repair GBK garbles (table, byte shifts), mark doubtful ones",
        triggers=garble_triggers),
    Fix("simplify", fixes.to_simplified, doc="traditional → simplified, phrase-aware (OpenCC + supplements)",
        triggers=traditional_chars),
    Fix("garble-a1", fixes.repair_lost_a1a1, noisy=True, doc="characters merged by lost A1A1 bytes: 基矗 → 基础。",
        triggers=a1_triggers),
    Fix("ideographic-space", fixes.split_ideographic_paragraphs, doc="U+3000 paragraph separators, indentation"),
    Fix("boilerplate", fixes.remove_boilerplate, doc="page chrome, 来源/编辑 lines, captions, footers, ads"),
    Fix("fullwidth", fixes.fold_fullwidth, doc="full-width digits and letters → ASCII", triggers=lambda: FULLWIDTH_CHARS),
    Fix("letter-spacing", fixes.join_letter_spacing, doc="政 府 工 作 报 告, 1 9 9 8 年"),
    Fix("hard-wrap", fixes.join_hard_wraps, doc="line breaks inside a sentence"),
    Fix("punctuation", fixes.widen_ascii_punctuation, doc="ASCII , ; : in Chinese → full-width", triggers=lambda: ASCII_MARKS),
    Fix("doubled-punctuation", fixes.collapse_doubled_punctuation, doc="，， → ，, ，。 → 。"),
    Fix("decimal-stop", fixes.repair_decimal_stop, doc="13。82万 → 13.82万; unsure ones marked"),
    Fix("mask", fixes.mark_masks, noisy=True, doc="masked digits and placeholders, marked", triggers=lambda: fixes.MASK_CHARS),
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
    #: the rule of the fix that made it (``source-line``, ``shifted quote`` …), when it names one
    rule: str = ""

    def to_dict(self) -> dict:
        return {"fix": self.fix, "rule": self.rule, "start": self.start, "end": self.end, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Normalized:
    """The result of :func:`normalize`."""

    original: str
    text: str
    offsets: OffsetMap = field(repr=False)
    steps: tuple[Step, ...] = field(default=(), repr=False)
    #: original spans that make a record noisy (garbles, masks), sorted
    noise: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    #: how many rounds of the plan ran (the last one changed nothing)
    rounds: int = field(default=1, repr=False)

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


#: the plan runs until a round changes nothing, at most this many times
MAX_ROUNDS = 4


_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=8)
def _gates(plan: tuple[Fix, ...]) -> tuple[re.Pattern[str] | None, tuple[frozenset[str] | None, ...]]:
    """One pattern for every fix's trigger characters, and each fix's set (None: always runs).

    Speed: a fix's own scan of a text for what it repairs costs about as much as any other
    (``re`` tests each character against a class, some 10 ns a character whatever the class);
    most texts hold nothing for most fixes (no pinyin, no traditional characters, no full
    width). One scan for all their characters tells which fixes can find something; the others
    are skipped, which leaves every result as it was.
    """
    sets = tuple(frozenset(f.triggers()) if f.triggers is not None else None for f in plan)
    union = set().union(*(s for s in sets if s is not None))
    if not union:
        return None, sets
    return re.compile("[" + "".join(re.escape(c) for c in sorted(union)) + "]+"), sets


def normalize(text: str, plan: tuple[Fix, ...] | None = None) -> Normalized:
    """Normalize ``text`` (the original) and keep the way back.

    The plan runs again on its own output until a round changes nothing (a mark, an edit that
    keeps its text, is no change), so that normalizing the result changes nothing either; a
    round after the first stops at the last fix that changed something in the round before. Each
    fix is idempotent and the order keeps fixes from re-enabling earlier ones; on real reports
    one round is enough, and the second only confirms it. Rare inputs where a fix that reads
    context is re-enabled by a later one (an ad removed between a character and its reading)
    are settled by the next round.

    >>> n = normalize("強(qiáng)基固本發(fā)揮作用")
    >>> n.text
    '强基固本发挥作用'
    >>> n.original_text(0, 2)
    '強(qiáng)基'
    >>> n.rounds
    2
    """
    if not isinstance(text, str):
        from ..errors import InputError

        raise InputError(f"normalize() takes text (str), not {type(text).__name__}; use wfltext.read() for bytes")
    surrogate = _SURROGATE.search(text)
    if surrogate:
        from ..errors import InputError

        # such text cannot be encoded (OpenCC fails on it) nor written as UTF-8 with its records
        raise InputError(
            f"holds a lone surrogate (U+{ord(surrogate.group()):04X}) at offset {surrogate.start()}: not valid "
            "Unicode; decode with errors='replace' or pass the bytes",
            source="<text>",
        )
    current = text
    offsets = OffsetMap.identity(len(text))
    steps: dict[tuple[str, int, int, str], Step] = {}
    noise: set[tuple[int, int]] = set()
    fixes_ = plan or PLAN
    scan, gates = _gates(fixes_)
    # the trigger characters the text holds, kept a superset as edits bring in their replacements
    present = set("".join(scan.findall(text))) if scan is not None else set()
    # a fix after the last one that changed the text in a round saw the final text already and
    # found nothing: the next round skips it until an earlier fix changes something again
    last_change = len(fixes_) - 1
    rounds = 0
    for rounds in range(1, MAX_ROUNDS + 1):
        changed_round = False
        this_round = -1
        for i, fix in enumerate(fixes_):
            if i > last_change and not changed_round:
                break
            gate = gates[i]
            if gate is not None and present.isdisjoint(gate):
                continue
            edits = fix.find(current)
            if not edits:
                continue
            changed = False
            for e in edits:
                s, t = offsets.span(e.start, e.end)
                mark = current[e.start : e.end] == e.replacement
                key = (fix.name, s, t, e.replacement)
                if key not in steps:
                    steps[key] = Step(fix.name, s, t, text[s:t], e.replacement, e.rule)
                if fix.noisy or mark:
                    noise.add((s, t) if t > s else (s, min(s + 1, len(text))))
                changed = changed or not mark
            if changed:
                for e in edits:
                    present.update(e.replacement)
                current, offsets = offsets.apply(current, edits)
                changed_round = True
                this_round = i
        if not changed_round:
            break
        last_change = this_round
    ordered = sorted(steps.values(), key=lambda st: (st.start, st.end))
    return Normalized(text, current, offsets, tuple(ordered), tuple(sorted(noise)), rounds)


def clear_caches() -> None:
    """Forget what the fixes remember of lines already seen (the boilerplate judgement of a
    line). Nothing depends on it but time: benchmarks call it so that a text is timed as met
    for the first time, never on what its own earlier run left."""
    from .boilerplate import clear_cache

    clear_cache()


__all__ = ["normalize", "clear_caches", "Normalized", "Step", "Fix", "PLAN", "FIXES", "MAX_ROUNDS", "Edit", "OffsetMap"]
