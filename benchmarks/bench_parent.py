"""The parent process's share of a corpus run: its own CPU time while workers analyze.

With two workers on two cores, what the command's process does while the pool runs (unpickling
results, writing records and summaries to the store, committing each file) takes its turn on
the same cores as the workers, so it bounds the 2-worker speed-up (docs/performance.md, Batch).
This runs ``wfltext run --workers 2`` in this process over ``--scale`` copies of
``../shared/realcorpus`` into a fresh store and prints this process's CPU time (user + system,
``getrusage(RUSAGE_SELF)``: the parent alone) beside the workers' (``RUSAGE_CHILDREN``).

    python benchmarks/bench_parent.py [--scale 10] [--workers 2]
"""

from __future__ import annotations

import argparse
import logging
import resource
import tempfile
from pathlib import Path

from bench_batch import build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, default=10, help="copies of the corpus (default 10)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    from wfltext.batch import run

    with tempfile.TemporaryDirectory() as tmp:
        _, corpus = build(Path(tmp), args.scale)
        before = resource.getrusage(resource.RUSAGE_SELF)
        summary = run(corpus, Path(tmp) / "store.sqlite", workers=args.workers, progress=False)
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    parent = own.ru_utime - before.ru_utime + own.ru_stime - before.ru_stime
    workers = kids.ru_utime + kids.ru_stime
    print(f"{summary.documents} documents, {summary.records} records in {summary.seconds:.1f} s with {args.workers} workers")
    print(f"parent CPU {parent:.2f} s, workers CPU {workers:.2f} s: the parent's share {parent / (parent + workers):.1%}")


if __name__ == "__main__":
    main()
