"""A learned number → program chooser, measured against the linker's rules (an experiment).

    python benchmarks/learned_program_links.py --texts PAGES

On the gold's own records of the links sets (`corpus/links/dev`, `study`, `heldout`,
`heldout2`), every number the gold links or leaves unlinked is read with the linker's own
structures (its sentence, clauses, segments and programs); each program of its sentence is a
candidate, described by 25 features a reader uses (the same clause, before or after, clauses and
characters between, 等 between, the nearest before or after, the number's kind and unit, the
program's head, 其中, brackets …). A logistic model (the issuing-body ranker's training:
standardized features, L2 1.0, 3,000 steps of gradient descent from zero) chooses the best
candidate above a threshold, else none; it is scored leave-one-document-out against the rules
(F1 over the links that exist, as `wfltext evaluate --gold-records` scores them). A scraped
set's texts are read from ``PAGES/<folder>`` (``study`` → ``study``, ``heldout`` → ``dev``,
``heldout2`` → ``dev2``); sets whose texts are missing are left out.
"""

from __future__ import annotations

import argparse
import bisect
import math
from pathlib import Path

from common import ROOT, shared_dir  # type: ignore[import-not-found]

SETS = {"dev": None, "study": "study", "heldout": "dev", "heldout2": "dev2"}
PEOPLE = set("人名位户")
TIMES = {"次", "场", "期", "届", "批", "轮"}


def features(lk, n, p, progs, clauses, segments, counted) -> list[float]:
    from wfltext import links as L

    text, rec = lk.text, n.record
    cs, ce = L._find(clauses, n.s)
    ss, se = L._find(segments, n.s)
    before = p.e <= n.s
    lo, hi = (p.e, n.s) if before else (n.e, p.s)
    between = text[lo:hi] if hi > lo else ""
    cstarts = [c for c, _ in clauses]
    nclauses = abs(bisect.bisect_right(cstarts, n.s) - bisect.bisect_right(cstarts, p.s))
    earlier = [q for q in progs if q.e <= n.s]
    later = [q for q in progs if q.s >= n.e]
    unit, kind, norm = getattr(rec, "unit", None) or "", getattr(rec, "kind", "") or "", p.record.norm
    return [
        float(cs <= p.s < ce), float(before), math.log1p(nclauses), math.log1p(len(between)), float(ss <= p.s < se),
        float("等" in between), float(id(p) in counted), float(bool(earlier) and earlier[-1] is p),
        float(bool(later) and later[0] is p), float(kind == "count"), float(kind == "money"), float(kind == "percent"),
        float(kind in ("duration", "ordinal")), float(unit in PEOPLE or unit.endswith("人次")), float(unit in TIMES),
        float(norm.endswith(("班", "培训", "讲座", "课堂", "讲堂", "学堂"))), float(norm.endswith(("赛", "竞赛", "大赛", "比赛"))),
        float(norm.endswith(("工程", "计划", "项目", "行动"))), float(lk._in_title_marks(p, ss)), float(text.startswith("其中", cs)),
        1.0 / max(1, len(progs)), float(any(ch in between for ch in "，,")), float(any(ch in between for ch in "；;")),
        float("（" in text[max(cs, n.s - 3) : n.s] or "(" in text[max(cs, n.s - 3) : n.s]), float(len(norm) >= 6),
    ]


def collect(pages: Path | None) -> list[tuple]:
    """(set, document, candidates [(norm, features)], the rules' norm, the gold's norm) per number."""
    from wfltext import links as L
    from wfltext.document import Document
    from wfltext.evaluate import load_links_gold, read_jsonl
    from wfltext.records import from_dict

    rows: list[tuple] = []
    rules = L._Linker._program_of
    for name, folder in SETS.items():
        texts = None
        if folder is not None:
            if pages is None or not (pages / folder).is_dir():
                print(f"{name}: texts not at PAGES/{folder}, left out")
                continue
            texts = pages / folder
        path = ROOT / "corpus" / "links" / name
        names = {e["id"]: read_jsonl(path / e["names"]) for e in read_jsonl(path / "manifest.jsonl")}
        for gd in load_links_gold(path, texts, shared_dir()):
            gold = {r["start"]: (r.get("program") or {}).get("norm") for r in gd.records if r["type"] == "number"}

            def watched(self, n, progs, clauses, segments, counted, _gd=gd, _gold=gold, _name=name):
                chosen = rules(self, n, progs, clauses, segments, counted)
                if n.record.start in _gold:
                    cands = [(p.record.norm, features(self, n, p, progs, clauses, segments, counted))
                             for p in progs if not p.s <= n.s < p.e]
                    rows.append((_name, _gd.id, cands, chosen.norm if chosen else None, _gold[n.record.start]))
                return chosen

            L._Linker._program_of = watched
            try:
                L.link(Document(gd.text, gd.id), [from_dict(r) for r in names[gd.id] if r.get("doc", gd.id) == gd.id])
            finally:
                L._Linker._program_of = rules
    return rows


def f1(pairs: list[tuple[str | None, str | None]]) -> float:
    right = sum(1 for p, g in pairs if p is not None and p == g)
    pred, gold = sum(p is not None for p, _ in pairs), sum(g is not None for _, g in pairs)
    precision, recall = (right / pred if pred else 0.0), (right / gold if gold else 0.0)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> int:
    import numpy as np

    from wfltext.learn.issuer import fit

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, help="folder of the scraped sets' page texts")
    ap.add_argument("--threshold", type=float, default=0.0, help="the least score of a chosen program")
    args = ap.parse_args()
    rows = collect(args.texts)
    docs = sorted({(r[0], r[1]) for r in rows})
    chosen: dict[int, str | None] = {}
    for doc in docs:
        train = [r for r in rows if (r[0], r[1]) != doc]
        model = fit([x for r in train for _, x in r[2]], [float(norm == r[4]) for r in train for norm, _ in r[2]])
        mean, scale, w = (np.array(model[k]) for k in ("mean", "scale", "weights"))
        for r in rows:
            if (r[0], r[1]) != doc:
                continue
            scores = [(float(((np.array(x) - mean) / scale) @ w + model["bias"]), norm) for norm, x in r[2]]
            best = max(scores, default=None)
            chosen[id(r)] = best[1] if best is not None and best[0] > args.threshold else None
    print(f"{'set':10}{'numbers':>9}{'rules':>8}{'learned (leave one document out)':>34}")
    for name in SETS:
        rs = [r for r in rows if r[0] == name]
        if rs:
            print(f"{name:10}{len(rs):>9}{f1([(r[3], r[4]) for r in rs]):>8.3f}{f1([(chosen[id(r)], r[4]) for r in rs]):>34.3f}")
    print(f"{'all':10}{len(rows):>9}{f1([(r[3], r[4]) for r in rows]):>8.3f}{f1([(chosen[id(r)], r[4]) for r in rows]):>34.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
