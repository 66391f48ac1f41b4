"""Speed of linking and name resolution, as a ratio to bare ``jieba.lcut``.

For every report of ``../shared/realcorpus`` (or ``$WFLTEXT_SHARED/realcorpus``), in one process:
the report is analyzed once (records extracted, metadata read), then timed on its normalized
text:

* **jieba**: ``jieba.lcut(text)`` with jieba's own dictionary;
* **links**: ``wfltext.links.link(doc, records)`` — numbers to programs and actors, programs to
  actors and partners, bare-level organizations resolved — plus the corpus-wide program
  canonical names (:func:`wfltext.links.program_canonicals`) over all program records.

The ratio printed is the linker's time over jieba's on the same texts (0.2 means a fifth). Times
are CPU time of this process, the best of ``--repeat`` rounds.

    python benchmarks/bench_links.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import logging

from common import best, corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    import wfltext
    from wfltext.links import link, program_canonicals

    docs = []
    for text in corpus():
        doc = wfltext.Document(text)
        records = doc.extract()
        doc.metadata  # noqa: B018 - read before timing, as the analyzer does anyway
        docs.append((doc, records))
    chars = sum(len(d.text) for d, _ in docs)

    def run_jieba() -> None:
        for d, _ in docs:
            jieba.lcut(d.text)

    def run_links() -> None:
        programs = []
        for d, recs in docs:
            out = link(d, recs)
            programs.extend(r.norm for r in out if r.type == "program")
        program_canonicals(programs)

    t_jieba = best(run_jieba, args.repeat)
    t_links = best(run_links, args.repeat)
    print(f"{len(docs)} reports, {chars:,} characters")
    print(f"jieba.lcut        {t_jieba:8.3f} s")
    print(f"links + resolve   {t_links:8.3f} s   ratio {t_links / t_jieba:.3f} (goal ≤ 0.2)")


if __name__ == "__main__":
    main()
