"""Records and figures that a speed change must not move: record them, or check against them.

For ``corpus/gold`` and ``corpus/heldout`` it records the ``wfltext evaluate`` counts (gold,
predicted, matched per record type, strict and lenient); for those two sets and for every report
of ``../shared/realcorpus`` it records a SHA-256 digest of each document's records (every field,
as ``Record.to_dict`` gives it), plus one digest of them all.

    python benchmarks/records_digest.py --write tests/data/baseline.json   # record
    python benchmarks/records_digest.py --check tests/data/baseline.json   # compare (exit 1 if not equal)
    python benchmarks/records_digest.py --check tests/data/baseline.json --dump out/   # and write every record

``--dump DIR`` writes one JSONL file of records per set, so that two runs can be compared record
by record (``diff old/realcorpus.jsonl new/realcorpus.jsonl``). The figures of the JSON file are
what ``tests/test_figures.py`` pins.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Iterable

from common import ROOT, shared_dir

GOLD_SETS = ("gold", "heldout")


def figures(gold_folder: Path) -> tuple[dict[str, Any], dict[str, list[dict]]]:
    """The evaluate counts of a gold folder, and the predicted records of each document."""
    from wfltext.evaluate import gold_doc_ids, load_gold, predict, score

    docs = load_gold(gold_folder, shared=shared_dir())
    by_doc: dict[str, list[dict]] = {}
    pred: list[dict] = []
    for d in docs:
        recs = predict(d)
        pred.extend(recs)
        for r in recs:
            by_doc.setdefault(r["doc"], []).append(r)
        for i in gold_doc_ids(d):
            by_doc.setdefault(i, [])
    gold = [r for d in docs for r in d.records]
    ids = [i for d in docs for i in gold_doc_ids(d)]
    rep = score(gold, pred, ids)
    counts = lambda cs: {t: {"gold": c.gold, "pred": c.pred, "matched": c.matched} for t, c in sorted(cs.items())}  # noqa: E731
    return {"strict": counts(rep.strict), "lenient": counts(rep.lenient)}, by_doc


def realcorpus_records() -> dict[str, list[dict]]:
    """The records of every report of the real corpus, read and split as ``wfltext extract`` does."""
    from wfltext.files import analyze_file

    root = shared_dir() / "realcorpus"
    out: dict[str, list[dict]] = {}
    for path in sorted(root.glob("*/*.txt")):
        name = path.relative_to(root).as_posix()
        for doc in analyze_file(path, doc_id=name):
            out[doc.id] = [r.to_dict() for r in doc.records]
    return out


def digest(records: Iterable[dict]) -> str:
    h = hashlib.sha256()
    for r in records:
        h.update(json.dumps(r, ensure_ascii=False, sort_keys=True).encode())
        h.update(b"\n")
    return h.hexdigest()


def collect(dump: Path | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"figures": {}, "digests": {}}
    sets: dict[str, dict[str, list[dict]]] = {}
    for name in GOLD_SETS:
        out["figures"][name], sets[name] = figures(ROOT / "corpus" / name)
    sets["realcorpus"] = realcorpus_records()
    for name, by_doc in sets.items():
        docs = {d: digest(rs) for d, rs in sorted(by_doc.items())}
        out["digests"][name] = {
            "all": digest({"doc": d, "digest": h} for d, h in docs.items()),
            "records": sum(len(rs) for rs in by_doc.values()),
            "documents": docs,
        }
        if dump is not None:
            dump.mkdir(parents=True, exist_ok=True)
            with open(dump / f"{name}.jsonl", "w", encoding="utf-8") as f:
                for d, rs in sorted(by_doc.items()):
                    for r in rs:
                        f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    return out


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    diffs = []
    if old["figures"] != new["figures"]:
        for s in GOLD_SETS:
            for mode in ("strict", "lenient"):
                for t, c in old["figures"][s][mode].items():
                    n = new["figures"][s][mode].get(t)
                    if n != c:
                        diffs.append(f"figures {s} {mode} {t}: {c} -> {n}")
    for s, d in old["digests"].items():
        nd = new["digests"].get(s, {"documents": {}, "records": 0})
        if d["records"] != nd["records"]:
            diffs.append(f"{s}: {d['records']} -> {nd['records']} records")
        for doc in sorted(set(d["documents"]) | set(nd["documents"])):
            if d["documents"].get(doc) != nd["documents"].get(doc):
                diffs.append(f"{s}: records of {doc} differ")
    return diffs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", metavar="JSON", type=Path, help="record the figures and digests")
    group.add_argument("--check", metavar="JSON", type=Path, help="compare with a recorded file")
    parser.add_argument("--dump", metavar="DIR", type=Path, help="also write every record, one JSONL file per set")
    args = parser.parse_args()
    new = collect(args.dump)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(json.dumps(new, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.write}")
        return 0
    old = json.loads(args.check.read_text(encoding="utf-8"))
    diffs = compare(old, new)
    for s, d in new["digests"].items():
        print(f"{s}: {d['records']} records, digest {d['all'][:16]}")
    if diffs:
        print("\n".join(diffs))
        return 1
    print("identical: figures and every document's records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
