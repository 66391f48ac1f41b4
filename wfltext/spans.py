"""Overlap resolution within one record type, in one place.

Longest span first, then earliest: the rule spaCy's ``filter_spans`` uses. Records of different
types are never compared, so a number may sit inside a program name.
"""

from __future__ import annotations

import bisect
from typing import Sequence, TypeVar

from .records import Record

R = TypeVar("R", bound=Record)


def filter_spans(records: Sequence[R]) -> list[R]:
    """Drop records that overlap a longer (or equally long, earlier) record of the same type.

    Records with identical spans keep the first one given. The result is in document order.
    """
    chosen: list[R] = []
    # chosen spans never overlap, so sorted by start their ends are sorted too: the one chosen
    # span that can overlap a candidate is the last one starting before the candidate ends (a
    # bisection, not a scan of every chosen span, so 10 000 numbers in a report cost n log n, not n²)
    starts: list[int] = []
    ends: list[int] = []
    #: chosen empty spans: they overlap a candidate that strictly contains them
    points: list[int] = []
    for r in sorted(records, key=lambda r: (-(r.end - r.start), r.start)):
        i = bisect.bisect_left(starts, r.end) - 1
        if i >= 0 and ends[i] > r.start:
            continue
        j = bisect.bisect_right(points, r.start)
        if j < len(points) and points[j] < r.end:
            continue
        chosen.append(r)
        if r.end > r.start:
            k = bisect.bisect_left(starts, r.start)
            starts.insert(k, r.start)
            ends.insert(k, r.end)
        else:
            bisect.insort(points, r.start)
    chosen.sort(key=lambda r: (r.start, r.end))
    return chosen
