"""``analyze()`` with every extractor, its stages, and whole processes, as ratios to bare jieba.

For every report of ``../shared/realcorpus`` (or ``$WFLTEXT_SHARED/realcorpus``), in one process,
each figure is a throughput ratio to bare ``jieba.lcut(original)`` timed right beside it on the
same text (>1 means faster than jieba alone):

* **analyze (all extractors)**: ``wfltext.analyze(original)``, records built;
* **normalize**: ``wfltext.normalize(original)``;
* the stages of ``analyze``: segmentation (the engine in use, on the normalized text), outline
  and metadata, and each extractor on a Document whose text, words and outline are ready;
* **floor**: one segmentation of the normalized text by the fast engine plus one linear regex
  scan of it per record type — the least any pipeline built on a jieba tokenizer that reads the
  text for five kinds of records can cost.

Then, with ``--processes``, whole processes as the user runs them: ``wfltext extract`` over the
corpus files against a process that imports jieba and runs ``jieba.lcut`` over the same files
(CPU time of each child process, the best of ``--repeat``); and where such a process's time goes,
for each: its start (the interpreter, the imports, jieba's dictionary), a first pass over the
files (with everything made lazily on the way: tables, compiled patterns, per-word caches) and a
second pass.

Times are CPU time (``time.process_time``), per text the best of ``--repeat`` rounds.

    python benchmarks/bench_pipeline.py [--repeat 3] [--processes] [--engine jieba]
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import subprocess
import sys
from typing import Callable

from common import ROOT, corpus, shared_dir, timed

TYPES = ("number", "program", "organization", "slogan", "document")


def child_cpu(cmd: list[str], repeat: int) -> float:
    """Least CPU time (user + system) of ``repeat`` runs of a child process."""
    best = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return best


#: child scripts printing the CPU time at the end of each phase: started, first pass, second pass
PHASES_WFLTEXT = (
    "import sys, time\n"
    "t0 = time.process_time()\n"
    "import wfltext\n"
    "texts = [open(p, encoding='utf-8').read() for p in sys.argv[1:]]\n"
    "t1 = time.process_time()\n"
    "for t in texts: wfltext.analyze(t)\n"
    "t2 = time.process_time()\n"
    "for t in texts: wfltext.analyze(t)\n"
    "print(t0, t1, t2, time.process_time())\n"
)
PHASES_JIEBA = (
    "import sys, time, logging\n"
    "t0 = time.process_time()\n"
    "import jieba\n"
    "logging.getLogger('jieba').setLevel(logging.WARNING)\n"
    "jieba.initialize()\n"
    "texts = [open(p, encoding='utf-8').read() for p in sys.argv[1:]]\n"
    "t1 = time.process_time()\n"
    "for t in texts: jieba.lcut(t)\n"
    "t2 = time.process_time()\n"
    "for t in texts: jieba.lcut(t)\n"
    "print(t0, t1, t2, time.process_time())\n"
)


def child_phases(script: str, files: list[str], repeat: int) -> tuple[float, float, float]:
    """The least CPU time of each phase of ``script`` (start, first pass, second pass) over
    ``repeat`` runs; start counts from the process's start (the interpreter's own start-up
    included)."""
    best = [float("inf")] * 3
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([sys.executable, "-c", script, *files], check=True, capture_output=True, text=True).stdout
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        total = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        t0, t1, t2, t3 = map(float, out.split())
        phases = (total - (t3 - t1), t2 - t1, t3 - t2)
        best = [min(b, x) for b, x in zip(best, phases)]
    return best[0], best[1], best[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best of each is kept (default 3)")
    parser.add_argument("--engine", choices=("rjieba", "jieba"), help="tokenizer engine (default: the default one)")
    parser.add_argument("--processes", action="store_true", help="also time whole processes")
    args = parser.parse_args()
    if args.engine:
        os.environ["WFLTEXT_TOKENIZER"] = args.engine

    import importlib

    import jieba
    import regex

    import wfltext
    from wfltext.extract import MODULES
    from wfltext.metadata import read_metadata
    from wfltext.tokenize import tokenizer

    logging.getLogger("jieba").setLevel(logging.WARNING)
    texts = corpus()
    chars = sum(len(t) for t in texts)
    jieba.lcut("预热")
    for t in texts:
        wfltext.analyze(t)  # every lazy table and regex built before timing
    tk = tokenizer()
    fast = tokenizer(engine="rjieba") if tk.engine == "rjieba" else None
    norms = [wfltext.normalize(t) for t in texts]
    modules = {t: importlib.import_module(MODULES[t]) for t in TYPES}
    scan = regex.compile(r"[\d〇零一二三四五六七八九十百千万亿]+|[“”《》]|[会委联办局]")

    def ready(i: int) -> wfltext.Document:
        doc = wfltext.Document(texts[i], normalized=norms[i])
        doc.words, doc.outline, doc.token_ends  # noqa: B018 - computed before the timed work
        return doc

    def floor(i: int) -> None:
        (fast or tk).lcut(norms[i].text)
        for _ in TYPES:
            for _m in scan.finditer(norms[i].text):
                pass

    # stage name -> (prepare(i) -> state, work(state)); only the work is timed
    stages: dict[str, tuple[Callable[[int], object], Callable[[object], object]]] = {
        "analyze (all extractors)": (lambda i: texts[i], lambda t: wfltext.analyze(t)),
        "normalize": (lambda i: texts[i], lambda t: wfltext.normalize(t)),
        f"segment ({tk.engine})": (lambda i: norms[i].text, lambda t: tk.lcut(t)),
        "outline + metadata": (lambda i: norms[i].text, lambda t: (wfltext.outline.build(t), read_metadata(t))),
        **{f"extract {t}": (ready, (lambda m: lambda d: m.extract(d))(modules[t])) for t in TYPES},
        "floor (fast segment + 5 scans)": (lambda i: i, floor),
    }
    best_j = {name: [float("inf")] * len(texts) for name in stages}
    best_s = {name: [float("inf")] * len(texts) for name in stages}
    for _ in range(args.repeat):
        for name, (prepare, work) in stages.items():
            for i, t in enumerate(texts):
                state = prepare(i)
                best_j[name][i] = min(best_j[name][i], timed(lambda: jieba.lcut(t)))
                best_s[name][i] = min(best_s[name][i], timed(lambda: work(state)))
    print(f"{len(texts)} reports, {chars:,} characters; engine {tk.engine}; best of {args.repeat} rounds, CPU time")
    print(f"{'stage':36s} {'jieba s':>8s} {'stage s':>8s} {'ratio':>7s}   (jieba time / stage time)")
    for name in stages:
        tj, ts = sum(best_j[name]), sum(best_s[name])
        print(f"{name:36s} {tj:8.3f} {ts:8.3f} {tj / ts:7.2f}")
    ta = sum(best_s["analyze (all extractors)"])
    tf = sum(best_s["floor (fast segment + 5 scans)"])
    print(f"analyze / floor: {ta / tf:.1f}x the floor's time")

    if args.processes:
        files = sorted(str(p) for p in (shared_dir() / "realcorpus").glob("*/*.txt"))
        bare = (
            "import sys, logging, jieba\n"
            "logging.getLogger('jieba').setLevel(logging.WARNING)\n"
            "for p in sys.argv[1:]:\n"
            "    jieba.lcut(open(p, encoding='utf-8').read())\n"
        )
        t_bare = child_cpu([sys.executable, "-c", bare, *files], args.repeat)
        t_ext = child_cpu([sys.executable, "-m", "wfltext", "extract", *files], args.repeat)
        print(f"process: bare jieba {t_bare:.2f} s CPU, wfltext extract {t_ext:.2f} s CPU, ratio {t_bare / t_ext:.2f}")
        # where a process's time goes: starting (the imports, and for jieba loading its
        # dictionary), the first pass over the files (with every lazy table, compiled pattern
        # and per-word cache made on the way) and a second pass (all of them made)
        w_phases = child_phases(PHASES_WFLTEXT, files, args.repeat)
        j_phases = child_phases(PHASES_JIEBA, files, args.repeat)
        print(f"{'phase, CPU s':36s} {'jieba':>8s} {'wfltext':>8s}")
        for name, tj, tw in zip(("start (imports, dictionary)", "first pass over the files", "second pass"), j_phases, w_phases):
            print(f"{name:36s} {tj:8.2f} {tw:8.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
