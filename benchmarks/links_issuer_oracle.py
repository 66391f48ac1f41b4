"""How much of the links' error is the issuing body's: each links set scored as it is, and again
with the gold's issuing body given to the linker (an upper bound of what a better issuer gives).

    python benchmarks/links_issuer_oracle.py --texts PAGES [SET ...]

A clause with no subject of its own takes the report's issuing body as its actor (``implied``),
so one wrong issuing body makes every such link of its report wrong. Here the linker is given,
for each document whose gold has implied actors, the body most of them name (its ``norm`` and
``start``), in place of the one :func:`wfltext.links.issuing_body` reads; everything else is
unchanged. Each field is scored as ``wfltext evaluate`` scores it (F1 over the links that exist),
on the extractors' records and on the gold's own records (``--gold-records``). A scraped set's
texts are read from ``PAGES/<folder>`` (``study`` → ``study``, ``heldout`` → ``dev``,
``heldout2`` → ``dev2``, ``final`` → ``final``, ``final5`` → ``final5``); sets whose texts are
missing are left out. Only figures are printed, never a document's errors.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from common import ROOT  # type: ignore[import-not-found]

SETS = {"study": "study", "heldout": "dev", "heldout2": "dev2", "final": "final", "final5": "final5"}
FIELDS = ("number.program", "number.actor", "program.actor")


def gold_bodies(folder: Path) -> dict[str, tuple[str, int | None]]:
    """Per document, the implied actor most of its gold links name."""
    out: dict[str, tuple[str, int | None]] = {}
    for path in folder.glob("*.links.jsonl"):
        counts: Counter[tuple[str, int | None]] = Counter()
        for line in path.read_text(encoding="utf-8").splitlines():
            actor = json.loads(line).get("actor") if line.strip() else None
            if actor and actor.get("implied"):
                counts[(actor["norm"], actor.get("start"))] += 1
        if counts:
            out[path.name[: -len(".links.jsonl")]] = counts.most_common(1)[0][0]
    return out


def scores(folder: Path, texts: Path, gold_records: bool) -> dict[str, float]:
    from wfltext.evaluate import evaluate_links

    report, _docs = evaluate_links(folder, texts=texts, gold_records=gold_records)
    return {f: report.fields[f].f1 for f in FIELDS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", default=list(SETS), help=f"links sets (default: {' '.join(SETS)})")
    parser.add_argument("--texts", required=True, help="folder of the scraped sets' page folders")
    args = parser.parse_args()

    import wfltext.links as links

    reading = links.issuing_body
    print(f"{'set':10s} {'records':9s} {'issuer':7s} " + " ".join(f"{f:>15s}" for f in FIELDS))
    for name in args.sets:
        folder = ROOT / "corpus" / "links" / name
        texts = Path(args.texts) / SETS.get(name, name)
        if not texts.is_dir() or not folder.is_dir():
            print(f"{name:10s} left out: no texts at {texts}")
            continue
        bodies = gold_bodies(folder)

        def given(doc: Any, orgs: Any, *, model: bool = True) -> Any:
            body = bodies.get(doc.id)
            return links.Body(*body) if body is not None else reading(doc, orgs, model=model)

        for gold_records in (False, True):
            for label, chooser in (("read", reading), ("gold", given)):
                links.issuing_body = chooser
                try:
                    got = scores(folder, texts, gold_records)
                finally:
                    links.issuing_body = reading
                kind = "gold" if gold_records else "extracted"
                print(f"{name:10s} {kind:9s} {label:7s} " + " ".join(f"{got[f]:15.3f}" for f in FIELDS))


if __name__ == "__main__":
    main()
