"""What more annotated web pages give the name tagger: a learning curve over the studied sets.

    python benchmarks/pages_curve.py --texts PAGES [--alone] [SET ...]

For each studied scraped set (default: ``dev``, ``dev2``, ``dev3``, ``final4``) left out in turn,
the tagger is trained as ``wfltext train`` trains it on ``corpus/gold`` plus k of the other sets
(k = 0, 1, 2, 3; every combination of k sets, their scores pooled) and the set left out is
scored: organizations and programs, strict F1 (lenient in brackets), then the four folds pooled
per k. By default the records are the shipped policy's (the rules' records, the tagger's
organizations added where the rules found none); with ``--alone``, the tagger's own spans
replace the rules' for both types, every window tagged (none skipped for lying in a rule's
record): what the model reads by itself. A scraped set's pages are read from ``PAGES/<set>``.
Deterministic; about seven seconds a model on two cores.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
from pathlib import Path

from common import ROOT  # type: ignore[import-not-found]

TYPES = ("organization", "program")
STUDIED = ("dev", "dev2", "dev3", "final4")


def cells(rep) -> str:
    return "  ".join(f"{t[:3]} {rep.strict[t].f1:.3f} ({rep.lenient[t].f1:.3f})" for t in TYPES)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", default=list(STUDIED), help="studied scraped sets (default: %(default)s)")
    ap.add_argument("--texts", required=True, help="folder holding one folder of page texts per scraped set")
    ap.add_argument("--alone", action="store_true", help="the tagger's spans in place of the rules' (organizations, programs)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from wfltext.evaluate import evaluate, pool
    from wfltext.learn import tagger
    from wfltext.learn.train import train

    if args.alone:
        spans = tagger.NameTagger.spans
        tagger.NameTagger.spans = lambda self, doc, rule_records=(), types=None: spans(self, doc, (), types)  # type: ignore[method-assign]
    gold = str(ROOT / "corpus" / "gold")
    curve: dict[int, list] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for held in args.sets:
            others = [s for s in args.sets if s != held]
            for k in range(len(others) + 1):
                reps = []
                for combo in itertools.combinations(others, k):
                    out = Path(tmp) / f"{held}-{'-'.join(combo) or 'gold'}"
                    train([gold, *(str(ROOT / "corpus" / "scraped" / s) for s in combo)], out, texts=args.texts)
                    if args.alone:
                        info = json.loads((out / "names.json").read_text(encoding="utf-8"))
                        info["policy"] = {**info["policy"], "organization": "model", "program": "model"}
                        (out / "names.json").write_text(json.dumps(info), encoding="utf-8")
                    os.environ["WFLTEXT_MODEL_DIR"] = str(out)
                    tagger.load.cache_clear()
                    rep, _ = evaluate(str(ROOT / "corpus" / "scraped" / held), types=TYPES,
                                      texts=str(Path(args.texts) / held))
                    reps.append(rep)
                fold = pool(reps)
                curve.setdefault(k, []).append(fold)
                print(f"{held:8} + {k} sets  {cells(fold)}", flush=True)
    for k, folds in curve.items():
        print(f"{'pooled':8} + {k} sets  {cells(pool(folds))}")


if __name__ == "__main__":
    main()
