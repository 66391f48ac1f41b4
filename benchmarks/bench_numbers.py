"""How long the number extractor takes, as a fraction of bare ``jieba.lcut`` on the same text.

Runs over every report of ``../shared/realcorpus`` (or ``$WFLTEXT_SHARED/realcorpus``). Each
report is normalized once, outside the timing; then, in the same process, the number extractor
(``wfltext.extract.numbers.extract`` on the Document, record building included) and
``jieba.lcut`` on the same normalized text are timed; the two take turns, best of ``--repeat``
rounds each. The ratio is what to watch (target: at most 0.3); absolute times depend on the
machine.

    python benchmarks/bench_numbers.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    path = Path(os.environ.get("WFLTEXT_SHARED") or ROOT.parent / "shared")
    return path if (path / "realcorpus").is_dir() else None


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def best_of_interleaved(repeat: int, *fns) -> list[float]:
    """Best time of each function over ``repeat`` rounds, the functions taking turns, so that a
    burst of load on a shared machine weighs on both sides of the ratio alike."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            best[i] = min(best[i], timed(fn))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the best one counts")
    args = parser.parse_args(argv)

    shared = shared_dir()
    if shared is None:
        print("../shared/realcorpus is not beside this clone; set WFLTEXT_SHARED", file=sys.stderr)
        return 2

    import jieba

    from wfltext.document import Document
    from wfltext.extract import numbers

    jieba.setLogLevel(60)
    docs = []
    for path in sorted((shared / "realcorpus").glob("*/*.txt")):
        with open(path, encoding="utf-8", newline="") as f:
            docs.append(Document(f.read(), str(path)))
    chars = sum(len(d.text) for d in docs)
    jieba.lcut("预热")  # load the dictionary outside the timing
    numbers.extract(docs[0])  # load the lexicons outside the timing

    records = sum(len(numbers.extract(d)) for d in docs)
    t_numbers, t_jieba = best_of_interleaved(
        args.repeat,
        lambda: [numbers.extract(d) for d in docs],
        lambda: [jieba.lcut(d.text) for d in docs],
    )

    print(f"reports            {len(docs)}")
    print(f"characters         {chars}")
    print(f"number records     {records}")
    print(f"numbers.extract    {t_numbers:.3f} s")
    print(f"jieba.lcut         {t_jieba:.3f} s")
    print(f"ratio              {t_numbers / t_jieba:.3f}  (target <= 0.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
