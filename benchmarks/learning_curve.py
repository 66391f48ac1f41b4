"""The name tagger's learning curve: trained on a share of the training gold, scored on sets.

    python benchmarks/learning_curve.py --texts PAGES corpus/scraped/dev3 corpus/scraped/dev2

For each share (every third document of ``corpus/gold``, two of every three, all of them) a
model is trained into a temporary folder exactly as ``wfltext train`` does, and each set is
scored with it for programs and organizations (strict F1, lenient in brackets), beside the
rules alone. A scraped set's texts are read from ``PAGES/<set name>`` (as ``wfltext evaluate
--texts``). Deterministic: the same gold gives the same models (the full share gives the
shipped model file).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from common import ROOT  # type: ignore[import-not-found]

TYPES = ("program", "organization")
SHARES = {"31 of 91": lambda i: i % 3 == 0, "61 of 91": lambda i: i % 3 != 2, "all": lambda i: True}


def subset(gold: Path, out: Path, keep) -> int:
    """A gold folder at ``out`` holding the documents of ``gold`` whose index ``keep`` accepts
    (their texts and gold files referred to where they are)."""
    out.mkdir(parents=True)
    entries = [json.loads(line) for line in (gold / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = 0
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as f:
        for i, entry in enumerate(entries):
            if not keep(i):
                continue
            entry = dict(entry)
            if not entry["source"].startswith("shared:"):
                entry["source"] = str((gold / entry["source"]).resolve())
            entry["gold"] = str((gold / entry["gold"]).resolve())
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
            kept += 1
    return kept


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", help="gold folders to score (corpus/scraped/dev3 …)")
    ap.add_argument("--texts", help="folder holding one folder of page texts per scraped set")
    args = ap.parse_args()

    from wfltext.evaluate import evaluate
    from wfltext.learn.tagger import load
    from wfltext.learn.train import train

    gold = ROOT / "corpus" / "gold"
    with tempfile.TemporaryDirectory() as tmp:
        models: dict[str, Path | None] = {"rules alone": None}
        for name, keep in SHARES.items():
            folder = Path(tmp) / f"gold-{len(models)}"
            n = subset(gold, folder, keep)
            models[f"{name} ({n})"] = model = Path(tmp) / f"model-{len(models)}"
            train([folder], model)
        print(f"{'set':24} {'type':13} " + " ".join(f"{m:>16}" for m in models))
        for s in args.sets:
            texts = str(Path(args.texts) / Path(s).name) if args.texts else None
            cells: dict[str, list[str]] = {t: [] for t in TYPES}
            for model in models.values():
                if model is None:
                    rep, _ = evaluate(s, types=TYPES, texts=texts, model=False)
                else:
                    os.environ["WFLTEXT_MODEL_DIR"] = str(model)
                    load.cache_clear()  # the next analysis loads the model $WFLTEXT_MODEL_DIR names
                    rep, _ = evaluate(s, types=TYPES, texts=texts)
                for t in TYPES:
                    cells[t].append(f"{rep.strict[t].f1:.3f} ({rep.lenient[t].f1:.3f})")
            for t in TYPES:
                print(f"{Path(s).name:24} {t:13} " + " ".join(f"{c:>16}" for c in cells[t]))

if __name__ == "__main__":
    main()
