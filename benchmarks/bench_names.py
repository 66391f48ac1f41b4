"""Speed of the organization and document-title extractors, as a ratio to bare ``jieba.lcut``.

For every report of ``../shared/realcorpus`` (or ``$WFLTEXT_SHARED/realcorpus``), in one process,
on the report's normalized text:

* **jieba**: ``jieba.lcut(text)`` with jieba's own dictionary;
* **organizations**: ``wfltext.extract.organizations.candidates(text)``;
* **documents**: ``wfltext.extract.documents.titles(text)``.

The ratios printed are the extractor's time over jieba's (0.2 means the extractor takes a fifth
of jieba's time on the same text). Lexicons and jieba's dictionary are loaded before timing; the
one-time lexicon load (it reads jieba's dictionary for place names and verbs) is printed
apart. Times are CPU time of this process, per text the best of ``--repeat`` rounds, with jieba
timed right beside each measure. Then the same for adversarial runs (200k characters of one
motif).

    python benchmarks/bench_names.py [--repeat 2] [--adversarial]
"""

from __future__ import annotations

import argparse
import logging
import time

from common import best, corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--adversarial", action="store_true", help="also time long runs of one motif")
    args = ap.parse_args()

    import jieba

    from wfltext.extract import documents, organizations

    jieba.setLogLevel(logging.WARNING)
    jieba.lcut("预热")
    t = time.process_time()
    organizations.lexicon()
    documents.doc_types()
    print(f"lexicon load (once per process): {time.process_time() - t:.2f} s")

    texts = corpus()
    tot = {"jieba": 0.0, "organizations": 0.0, "documents": 0.0}
    for text in texts:
        tot["jieba"] += best(lambda: jieba.lcut(text), args.repeat)
        tot["organizations"] += best(lambda: organizations.candidates(text), args.repeat)
        tot["documents"] += best(lambda: documents.titles(text), args.repeat)
    chars = sum(map(len, texts))
    print(f"{len(texts)} reports, {chars} characters")
    print(f"{'':14}{'seconds':>9}{'vs jieba':>10}")
    for name, secs in tot.items():
        print(f"{name:14}{secs:9.2f}{secs / tot['jieba']:10.3f}")

    if args.adversarial:
        runs = {
            "委 x 200k": "委" * 200_000,
            "县委 x 100k": "县委" * 100_000,
            "《 x 200k": "《" * 200_000,
            "《a x 100k": "《a" * 100_000,
            "预防和制止 x 40k": "预防和制止" * 40_000,
        }
        print(f"\n{'adversarial':18}{'jieba s':>9}{'orgs':>8}{'docs':>8}")
        for name, text in runs.items():
            j = best(lambda: jieba.lcut(text), 1)
            o = best(lambda: organizations.candidates(text), 1)
            d = best(lambda: documents.titles(text), 1)
            print(f"{name:18}{j:9.2f}{o / j:8.2f}{d / j:8.2f}")


if __name__ == "__main__":
    main()
