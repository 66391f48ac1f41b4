"""The name tagger, each training set left out in turn: what training on a set's kind of text
gives on a set the model has not seen.

    python benchmarks/learning_cv.py --texts PAGES corpus/scraped/dev corpus/scraped/dev2 \
        corpus/scraped/dev3 corpus/scraped/final4

For each set named, a model is trained exactly as ``wfltext train`` does on ``corpus/gold`` and
the other sets (into a temporary folder), and the set left out is scored with it, beside the
shipped model and the rules alone (the model off): strict F1 of organizations and programs,
lenient in brackets, then the sets pooled. A scraped set's pages are read from
``PAGES/<set name>``, each checked against its manifest. Deterministic: the same gold gives the
same models. The shipped model was trained on the sets themselves, so on them its figure is
not a held-out one: it is printed for reference.

``--types`` trains models of some record types alone (a set that annotates one type, such as
``corpus/silver/programs-recall``, can then be a training set); ``--policy`` says how their spans
join the rules' (as ``wfltext train --policy``); ``--score-only`` sets are never trained on and are
scored with one model trained on ``corpus/gold`` and every set named. The programs of the name
tagger with more pages, measured (docs/learning.md):

    python benchmarks/learning_cv.py --texts PAGES --types program --policy program=add \
        corpus/scraped/dev corpus/scraped/dev2 corpus/scraped/dev3 corpus/scraped/final4 \
        corpus/silver/programs-recall corpus/silver/orgs-recall
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from common import ROOT  # type: ignore[import-not-found]

TYPES = ("organization", "program")


def score(gold: str, texts: str | None, model: str | None, rules: bool = False):
    """The report of ``wfltext evaluate`` on ``gold`` with the model in ``model`` (None: the
    shipped one), as ``learning_curve.py`` scores: the model ``$WFLTEXT_MODEL_DIR`` names is
    loaded afresh."""
    from wfltext.evaluate import evaluate
    from wfltext.learn.tagger import load

    if model is None:
        os.environ.pop("WFLTEXT_MODEL_DIR", None)
    else:
        os.environ["WFLTEXT_MODEL_DIR"] = model
    load.cache_clear()
    rep, _ = evaluate(gold, types=TYPES, texts=str(Path(texts) / Path(gold).name) if texts else None, model=not rules)
    return rep


def cells(rep) -> str:
    return "  ".join(f"{rep.strict[t].f1:.3f} ({rep.lenient[t].f1:.3f})" for t in TYPES)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", help="the training sets to leave out in turn (corpus/scraped/dev …)")
    ap.add_argument("--texts", help="folder holding one folder of page texts per scraped set")
    ap.add_argument("--types", help="the record types the models learn (default: all three)")
    ap.add_argument("--policy", help="how the models' spans join the rules', e.g. program=add (default: the shipped policy)")
    ap.add_argument("--score-only", nargs="*", default=[], metavar="SET", help="sets scored, never trained on")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from wfltext.evaluate import pool
    from wfltext.learn.train import DEFAULT_POLICY, train

    types = args.types.split(",") if args.types else None
    policy = {**DEFAULT_POLICY, **dict(p.split("=", 1) for p in args.policy.split(","))} if args.policy else None
    gold = str(ROOT / "corpus" / "gold")
    rows = {"left out": [], "shipped": [], "rules": []}
    print(f"{'set':10} {'':24} " + "  ".join(f"{t:>15}" for t in TYPES))
    with tempfile.TemporaryDirectory() as tmp:
        every = str(Path(tmp) / "every-set")
        if args.score_only:
            train([gold, *args.sets], every, texts=args.texts, types=types, policy=policy)
        for held in [*args.sets, *args.score_only]:
            if held in args.score_only:
                model = every
            else:
                model = str(Path(tmp) / Path(held).name)
                train([gold, *(s for s in args.sets if s != held)], model, texts=args.texts, types=types, policy=policy)
            for name, rep in (("left out", score(held, args.texts, model)),
                              ("shipped", score(held, args.texts, None)),
                              ("rules", score(held, args.texts, None, rules=True))):
                rows[name].append(rep)
                label = {"left out": "trained without it", "shipped": "shipped (trained on it)",
                         "rules": "rules alone"}[name]
                print(f"{Path(held).name:10} {label:24} {cells(rep)}", flush=True)
    for name, reps in rows.items():
        print(f"{'pooled':10} {name:24} {cells(pool(reps))}")


if __name__ == "__main__":
    main()
