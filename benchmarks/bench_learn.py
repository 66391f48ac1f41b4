"""The learned name tagger's cost as a ratio to bare jieba.lcut on the same text, in one process.

    python benchmarks/bench_learn.py [--repeat 3]

Prints the CPU time of jieba.lcut over the real corpus (../shared/realcorpus) and of the name
tagger over the same documents as analyze() runs it (given the documents' tokens and the rules'
records, which analyze() makes anyway: the tagger looks only where the rules found no name), and
their ratio; then the whole extraction with and without the model, as a check of what the model
adds to analyze().
"""

from __future__ import annotations

import argparse
import time

from common import corpus  # type: ignore[import-not-found]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import jieba

    import wfltext
    from wfltext.learn import load

    texts = corpus()
    chars = sum(map(len, texts))
    jieba.initialize()
    tagger = load()
    if tagger is None:
        raise SystemExit("no model: wfltext/models is empty or python-crfsuite is missing")
    docs = [wfltext.Document(t) for t in texts]
    rules = [d.extract(model=False) for d in docs]  # tokens and the rules' records: made anyway
    best_j = best_t = float("inf")
    for _ in range(args.repeat):
        t0 = time.process_time()
        for t in texts:
            jieba.lcut(t)
        best_j = min(best_j, time.process_time() - t0)
        t0 = time.process_time()
        for d, r in zip(docs, rules):
            tagger.spans(d, r)
        best_t = min(best_t, time.process_time() - t0)
    best_off = best_on = float("inf")
    for _ in range(args.repeat):
        t0 = time.process_time()
        for d in docs:
            d.extract(model=False)
        best_off = min(best_off, time.process_time() - t0)
        t0 = time.process_time()
        for d in docs:
            d.extract()
        best_on = min(best_on, time.process_time() - t0)
    print(f"corpus: {len(texts)} documents, {chars:,} characters")
    print(f"jieba.lcut: {best_j:.2f} s CPU; name tagger: {best_t:.2f} s CPU")
    print(f"name tagger / jieba.lcut = {best_t / best_j:.2f}")
    print(f"extraction without the model: {best_off:.2f} s; with it: {best_on:.2f} s; "
          f"difference / jieba.lcut = {(best_on - best_off) / best_j:.2f}")


if __name__ == "__main__":
    main()
