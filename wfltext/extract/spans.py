"""Overlap resolution within one record type, in one place.

Longest span first, then earliest: the rule spaCy's ``filter_spans`` uses. Records of different
types are never compared, so a number may sit inside a program name.
"""

from __future__ import annotations

from typing import Sequence, TypeVar

from ..records import Record

R = TypeVar("R", bound=Record)


def filter_spans(records: Sequence[R]) -> list[R]:
    """Drop records that overlap a longer (or equally long, earlier) record of the same type.

    Records with identical spans keep the first one given. The result is in document order.
    """
    chosen: list[R] = []
    taken: list[tuple[int, int]] = []
    for r in sorted(records, key=lambda r: (-(r.end - r.start), r.start)):
        if any(r.start < e and s < r.end for s, e in taken):
            continue
        chosen.append(r)
        taken.append((r.start, r.end))
    chosen.sort(key=lambda r: (r.start, r.end))
    return chosen
