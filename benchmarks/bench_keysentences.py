"""Key sentences: snownlp's TextRank against jieba's keyword scoring, on the bundled reports and
the gold set's written reports.

The measure is simple and stated in ``docs/views.md``: a report's *record-rich* sentences are the
ten candidate sentences (``wfltext.keysentences.candidates``) that hold the most records of any
type (numbers, programs, organizations, slogans, document titles; ties go to the earlier
sentence). A method's hit rate is the share of its five key sentences that are record-rich. Two
baselines frame it: the first five candidates (a lead summary) and five chosen at random (the
expected share, 10 / number of candidates). Times are per report, for ranking only (the
Document, its tokens and records are made before the clock starts).

    python benchmarks/bench_keysentences.py [--k 5] [--rich 10] [--shared]
"""

from __future__ import annotations

import argparse
import bisect
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import wfltext  # noqa: E402
from wfltext.keysentences import candidates, key_sentences  # noqa: E402


def reports(shared: bool) -> list[Path]:
    paths = sorted((ROOT / "corpus" / "reports").glob("*.*"))
    paths += sorted((ROOT / "corpus" / "gold" / "texts").glob("*.txt"))
    if shared:
        base = Path(os.environ.get("WFLTEXT_SHARED") or ROOT.parent / "shared") / "realcorpus"
        paths += sorted(base.glob("*/*.txt"))
    return [p for p in paths if p.suffix in (".txt", ".html", ".docx")]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--rich", type=int, default=10)
    ap.add_argument("--shared", action="store_true", help="add the 28 development reports (long government reports)")
    args = ap.parse_args()
    totals = {"keywords": [0, 0, 0.0], "textrank": [0, 0, 0.0], "lead": [0, 0, 0.0], "random": [0.0, 0, 0.0]}
    used = 0
    for path in reports(args.shared):
        doc = wfltext.analyze_file(path)
        spans = candidates(doc.text)
        if len(spans) < 2 * args.rich:
            continue  # too short for the measure to mean anything
        used += 1
        orig = [doc.to_original(s, e) for s, e in spans]
        starts = [s for s, _ in orig]
        counts = [0] * len(orig)
        for r in doc.records:
            i = bisect.bisect_right(starts, r.start) - 1
            if i >= 0 and r.start < orig[i][1]:
                counts[i] += 1
        rich = set(sorted(range(len(orig)), key=lambda i: (-counts[i], i))[: args.rich])
        _ = doc.tokens
        for method in ("keywords", "textrank"):
            t = time.perf_counter()
            picked = key_sentences(doc, args.k, method)
            totals[method][2] += time.perf_counter() - t
            totals[method][0] += sum(starts.index(k.start) in rich for k in picked)
            totals[method][1] += len(picked)
        totals["lead"][0] += sum(i in rich for i in range(args.k))
        totals["lead"][1] += args.k
        totals["random"][0] += args.k * args.rich / len(orig)
        totals["random"][1] += args.k
    print(f"{used} reports with at least {2 * args.rich} candidate sentences; "
          f"hit rate = share of the {args.k} picked among the {args.rich} record-richest")
    for name, (hits, n, secs) in totals.items():
        timing = f"  {secs / used * 1000:7.1f} ms/report" if secs else ""
        print(f"{name:9s} {hits / n:.3f} ({hits:.0f}/{n}){timing}")


if __name__ == "__main__":
    main()
