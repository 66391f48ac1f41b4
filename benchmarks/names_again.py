"""A name read once, taken at its other mentions too: in the same report, or in any report of the sets.

    python benchmarks/names_again.py --texts PAGES corpus/scraped/dev corpus/scraped/dev3 corpus/scraped/final4
    python benchmarks/names_again.py corpus/gold corpus/heldout

Document-level label consistency is a common step of named-entity taggers: a string read as a
name in one place is a name wherever it stands again. This measures it on wfltext's records.
A stage put after the learned tagger takes every organization (at least ``--org-min``
characters) and program (at least ``--program-min``) the pipeline read, finds the other places
its normalized text stands, and adds a record of the same type there, unless a record of any
type covers the place, the place is on a title line of the report (site text repeats titles),
or the character before it is a Han character other than a particle or a preposition (县妇联 in
全县妇联系统 is no mention of 县妇联). ``--scope document`` takes the names of the report itself;
``--scope corpus`` those of every report of the sets named (a first pass collects them).

Printed: strict and lenient P/R/F1 of programs and organizations, the pipeline as shipped
beside each scope, pooled over the sets named (``docs/learning.md``).
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
from pathlib import Path

import regex
from common import ROOT  # type: ignore[import-not-found]  # noqa: F401  (puts the project first on sys.path)

from wfltext import components
from wfltext.components import Component
from wfltext.evaluate import evaluate, pool
from wfltext.extract import organizations
from wfltext.records import Record

TYPES = ("organization", "program")
#: characters that may stand before a mention: particles, conjunctions and prepositions
FREE_BEFORE = "和与及、的在由向对把将给为被同"
_HAN = regex.compile(r"\p{Han}")
#: fields a new mention does not copy: its own place, and the links made after this stage
_OWN = {"doc", "text", "start", "end", "norm", "section", "noisy", "rule", "actor", "partners", "resolved",
        "program", "sentence", "canonical"}


class Again:
    def __init__(self, scope: str, minimum: dict[str, int]) -> None:
        self.scope = scope  # "off", "document", "corpus" or "collect"
        self.minimum = minimum
        self.collected: dict[str, dict[str, Record]] = {t: {} for t in TYPES}

    def __call__(self, doc, records: list[Record], types, model) -> list[Record]:  # noqa: ANN001
        if self.scope == "off":
            return records
        text = doc.text
        starts, ends = doc.normalized.offsets.starts, doc.normalized.offsets.ends

        def span(r: Record) -> tuple[int, int]:
            return bisect.bisect_left(starts, r.start), bisect.bisect_left(ends, r.end) + 1

        names: dict[str, dict[str, Record]] = {t: dict(self.collected[t]) if self.scope == "corpus" else {} for t in TYPES}
        for r in records:
            if r.type in TYPES:
                s, e = span(r)
                if e - s >= self.minimum[r.type]:
                    names[r.type].setdefault(text[s:e], r)
                    if self.scope == "collect":
                        self.collected[r.type].setdefault(text[s:e], r)
        if self.scope == "collect":
            return records
        taken = sorted(span(r) for r in records)
        titles = organizations.title_lines(text)
        added = []
        for t in TYPES:
            for name, r in names[t].items():
                p = text.find(name)
                while p >= 0:
                    e = p + len(name)
                    k = bisect.bisect_left(taken, (e, -1))
                    covered = any(a < e and p < b for a, b in taken[max(0, k - 30):k])
                    before = text[p - 1:p]
                    if not covered and not any(a <= p < b for a, b in titles) \
                            and not (before and _HAN.match(before) and before not in FREE_BEFORE):
                        fields = {f.name: getattr(r, f.name) for f in dataclasses.fields(r) if f.name not in _OWN}
                        added.append(doc.make_record(type(r), p, e, norm=r.norm, rule="again", **fields))
                        bisect.insort(taken, (p, e))
                    p = text.find(name, e)
        return records + added if added else records


def scored(sets: list[str], texts: str | None):  # noqa: ANN201
    reports = []
    for s in sets:
        folder = str(Path(texts) / Path(s).name) if texts and "scraped" in s else None
        reports.append(evaluate(s, texts=folder)[0])
    return pool(reports)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--texts", help="folder holding one folder of web pages per scraped set, by the set's name")
    ap.add_argument("--org-min", type=int, default=3)
    ap.add_argument("--program-min", type=int, default=4)
    args = ap.parse_args()
    stage = Again("off", {"organization": args.org_min, "program": args.program_min})
    components.STAGES.insert(1, Component("again", stage))  # after the learned tagger, before the order
    rows = []
    for scope in ("off", "document", "corpus"):
        if scope == "corpus":
            stage.scope = "collect"
            scored(args.sets, args.texts)
        stage.scope = scope
        rep = scored(args.sets, args.texts)
        for t in TYPES:
            s, le = rep.strict[t], rep.lenient[t]
            rows.append((scope if scope != "off" else "as shipped", t, s.precision, s.recall, s.f1, le.precision, le.recall, le.f1, s.pred))
    print(f"{'':<12}{'type':<14}{'strict P':>9}{'R':>7}{'F1':>7}{'lenient P':>11}{'R':>7}{'F1':>7}{'pred':>6}")
    for row in rows:
        print(f"{row[0]:<12}{row[1]:<14}" + "".join(f"{v:>{w}.3f}" for v, w in zip(row[2:8], (9, 7, 7, 11, 7, 7))) + f"{row[8]:>6}")


if __name__ == "__main__":
    main()
