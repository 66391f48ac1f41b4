"""Several gold sets scored as one, with 95% intervals: how far a figure may move by chance.

    python benchmarks/pooled_accuracy.py --texts PAGES corpus/scraped/final corpus/scraped/final2 ...
    python benchmarks/pooled_accuracy.py --texts PAGES --against-code ../start corpus/scraped/final ...

Each set is scored as ``wfltext evaluate`` scores it (a scraped set's texts read from
``PAGES/<set name>``, as ``--texts``); the counts are pooled (micro-averaged over every
document of every set) and each F1 gets a percentile bootstrap interval over the pooled
documents (``wfltext.evaluate.intervals``: 2,000 resamples, a fixed seed, so the same records
give the same figures). One set of 25 pages gives intervals 0.10-0.20 wide; pooling four such
sets halves them (docs/evaluation.md, docs/accuracy.md).

With ``--against-code DIR`` (a checkout of another version, such as a worktree of a round's
start), the sets are also scored by that version (``python -m wfltext evaluate --json`` run with
``PYTHONPATH=DIR``), and each F1's difference between the two gets a paired bootstrap interval
over the same documents (``wfltext.evaluate.differences``): whether a round moved a figure by
more than chance.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from common import ROOT  # type: ignore[import-not-found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", help="gold folders (with manifest.jsonl)")
    parser.add_argument("--texts", help="folder holding one folder of web pages per scraped set, by the set's name")
    parser.add_argument("--no-model", action="store_true", help="the rules alone")
    parser.add_argument("--against-code", metavar="DIR", help="a checkout of another version to compare with")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from wfltext.evaluate import evaluate, format_differences, format_intervals, format_report, pool, report_from_dict

    reports = []
    for s in args.sets:
        texts = str(Path(args.texts) / Path(s).name) if args.texts else None
        rep, _ = evaluate(s, texts=texts, model=not args.no_model)
        print(f"{s}: {len(rep.by_doc)} documents")
        reports.append(rep)
    pooled = pool(reports)
    print()
    print(format_report(pooled))
    print()
    print(format_intervals(pooled))
    if args.against_code:
        before = []
        for s in args.sets:
            cmd = [sys.executable, "-m", "wfltext", "evaluate", str(Path(s).resolve()), "--json"]
            if args.texts:
                cmd += ["--texts", str((Path(args.texts) / Path(s).name).resolve())]
            if args.no_model:
                cmd.append("--no-model")
            env = dict(os.environ, PYTHONPATH=str(Path(args.against_code).resolve()))
            out = subprocess.run(cmd, env=env, cwd=args.against_code, capture_output=True, text=True, check=True).stdout
            before.append(report_from_dict(json.loads(out)))
        print()
        print(format_differences(pooled, pool(before)))


if __name__ == "__main__":
    main()
