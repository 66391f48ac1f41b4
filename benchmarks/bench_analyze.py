"""Throughput of ``analyze()`` without extractors, as a ratio to bare ``jieba.lcut``.

For every report of ``../shared/realcorpus`` (or ``$WFLTEXT_SHARED/realcorpus``), in one process:

* **jieba**: ``jieba.lcut(original)`` with jieba's own dictionary — the floor any pipeline built
  on jieba pays;
* **analyze**: ``analyze(original, types=())``, then ``.tokens``, ``.outline``, ``.metadata`` and
  ``.sentences`` touched.

The ratio printed is jieba's time over analyze's (throughput relative to jieba: 1.0 means as
fast as jieba alone, 0.8 means analyze takes 1.25 times jieba's time). Dictionary loading is done
before timing for both. Times are CPU time of this process, per text the best of ``--repeat``
rounds, with bare jieba timed right beside each measure, so that a busy machine touches both
alike. Then the time of ``analyze`` is broken down by stage.

    python benchmarks/bench_analyze.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import logging
import time
from typing import Callable

from common import corpus, timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2, help="rounds; the best of each is kept (default 2)")
    args = parser.parse_args()

    import jieba

    import wfltext
    from wfltext import outline
    from wfltext.metadata import read_metadata
    from wfltext.tokenize import tokenizer, tokens

    texts = corpus()
    chars = sum(len(t) for t in texts)
    logging.getLogger("jieba").setLevel(logging.WARNING)

    t0 = time.perf_counter()
    jieba.lcut("预热")
    load_jieba = time.perf_counter() - t0
    t0 = time.perf_counter()
    tokenizer().lcut("预热")
    load_domain = time.perf_counter() - t0
    wfltext.analyze(texts[0], types=()).sentences  # first use of OpenCC and the regexes

    def analyze(t: str) -> None:
        doc = wfltext.analyze(t, types=())
        doc.tokens
        doc.outline
        doc.metadata
        doc.sentences

    tk = tokenizer()
    norms = [wfltext.normalize(t) for t in texts]
    # stage name -> work on text i; each is timed right after bare jieba on the same text
    stages: dict[str, Callable[[int], object]] = {
        "analyze(types=())": lambda i: analyze(texts[i]),
        "normalize": lambda i: wfltext.normalize(texts[i]),
        "segment (domain tokenizer, normalized text)": lambda i: tk.lcut(norms[i].text),
        "Document.tokens (segment + offsets)": lambda i: wfltext.Document(texts[i], normalized=norms[i]).tokens,
        "tokenize.tokens (segment + offsets in bulk)": lambda i: tokens(norms[i]),
        "outline": lambda i: outline.build(norms[i].text),
        "metadata": lambda i: read_metadata(norms[i].text),
        "sentences": lambda i: wfltext.Document(texts[i], normalized=norms[i]).sentences,
    }
    # per text and stage, the best of the rounds; jieba is timed again beside every stage so
    # that both see the same state of the machine
    best_jieba = [[float("inf")] * len(texts) for _ in stages]
    best_stage = [[float("inf")] * len(texts) for _ in stages]
    for _ in range(args.repeat):
        for k, work in enumerate(stages.values()):
            for i, t in enumerate(texts):
                best_jieba[k][i] = min(best_jieba[k][i], timed(lambda: jieba.lcut(t)))
                best_stage[k][i] = min(best_stage[k][i], timed(lambda: work(i)))
    totals = {name: (sum(best_jieba[k]), sum(best_stage[k])) for k, name in enumerate(stages)}
    t_jieba, t_analyze = totals["analyze(types=())"]

    print(f"{len(texts)} reports, {chars} characters; best of {args.repeat} rounds")
    print(f"dictionary load: jieba {load_jieba:.2f} s, domain tokenizer {load_domain:.2f} s (not timed below)")
    print(f"bare jieba.lcut      {t_jieba:7.3f} s  {chars / t_jieba / 1000:7.1f} k chars/s")
    print(f"analyze(types=())    {t_analyze:7.3f} s  {chars / t_analyze / 1000:7.1f} k chars/s")
    print(f"ratio (jieba / analyze): {t_jieba / t_analyze:.2f}   (aim: >= 0.8)")
    print("stages of analyze, as a share of bare jieba's time on the same texts:")
    for name, (tj, ts) in list(totals.items())[1:]:
        print(f"  {name:46s} {ts:7.3f} s  {ts / tj:6.2f}")


if __name__ == "__main__":
    main()
