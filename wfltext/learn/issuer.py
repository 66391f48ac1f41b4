"""Training the issuing-body ranker (:func:`wfltext.links.choose_issuer`).

The rules of :func:`wfltext.links.rules_issuing_body` read the issuing body (the implied actor of
a report's links) right on the pages they were written on and on few others: 44 of the 50 pages
of the two issuer sets they were studied on, 11 of 26 on a set nobody studied. The linker puts
a small logistic ranker in front of them where the conventions' first rules (the report's own
title names the body; a speaker stands for it) do not settle it: the candidates are the
organizations the report's head names (its first 1,500 characters) and the body the rules read;
each is described by a few features a reader uses (in the title, under a compilation heading, its
kind that of the title's and how much of the report's naming of bodies is of that kind, said
with 我/本, only cited or leading the reporter, at a line's or a clause's start, how often and
how early it is named, a bare kind, a body above the report's level …), and the highest score
wins; a body the rules read in another form (县妇联 for 青山县妇联) keeps the rules' form. Trained on the
issuers gold of ``corpus/issuers/study`` and ``corpus/issuers/held`` (web pages whose texts are
not distributed: restore them from their manifests, every sha256 checked)::

    python -m wfltext.learn.issuer corpus/issuers/study=PAGES/issuers-study \\
        corpus/issuers/held=PAGES/issuers-held -o wfltext/models/issuer.json

Deterministic (plain gradient descent from zero, a fixed number of steps, weights rounded): the
same pages give the same file, which records the digest of its training data. Without the file
the rules' body stands.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..links import RANKER_FEATURES, RANKER_PATH, RANKER_VERSION, load_ranker

#: L2 strength, steps and rate of the training (fixed: the figures in docs/learning.md)
L2, STEPS, RATE = 1.0, 3000, 0.1


def examples(pages: Iterable[tuple[dict, str]]) -> tuple[list[list[float]], list[float], list[int]]:
    """Feature rows, labels (the candidate is the gold's body) and page numbers, from
    ``(manifest entry, text)`` pairs of an issuers gold."""
    from ..analysis import analyze_source
    from ..links import issuer_candidates, rules_issuing_body

    X: list[list[float]] = []
    y: list[float] = []
    page: list[int] = []
    for k, (entry, text) in enumerate(pages):
        gold = (entry.get("issuer") or {}).get("norm")
        doc = analyze_source(text, entry["id"])
        orgs = [r for r in doc.records if r.type == "organization"]
        for norm, _, x in issuer_candidates(doc, orgs, rules_issuing_body(doc, orgs)):
            X.append(x)
            y.append(float(norm == gold))
            page.append(k)
    return X, y, page


def fit(X: Sequence[Sequence[float]], y: Sequence[float], weights: Sequence[float] | None = None) -> dict[str, Any]:
    """Logistic regression on standardized features, L2-regularized, by plain gradient descent
    from zero (deterministic); ``weights`` weigh the examples (scaled to a mean of 1)."""
    import numpy as np

    A = np.array(X, dtype=float)
    t = np.array(y, dtype=float)
    mean = A.mean(axis=0)
    scale = A.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (A - mean) / scale
    w = np.zeros(Z.shape[1])
    b = 0.0
    sw = None if weights is None else np.array(weights, dtype=float) / float(np.mean(weights))
    for _ in range(STEPS):
        g = 1.0 / (1.0 + np.exp(-(Z @ w + b))) - t
        if sw is not None:
            g = sw * g
        w -= RATE * (Z.T @ g / len(t) + L2 * w / len(t))
        b -= RATE * float(g.mean())
    share = float(t.mean())
    return {"mean": [round(float(v), 6) for v in mean], "scale": [round(float(v), 6) for v in scale],
            "weights": [round(float(v), 6) for v in w], "bias": round(b, 6),
            # the log-odds of a right candidate among all of them: where the rules read no body,
            # the ranker names one only above it (links.choose_issuer)
            "prior": round(math.log(share / (1.0 - share)), 6) if 0.0 < share < 1.0 else 0.0}


def train(sets: Sequence[tuple[str | Path, str | Path | None]], out: str | Path | None = None) -> dict[str, Any]:
    """Train on issuers gold folders (each with the folder of its page texts) and write the
    weights to ``out`` (JSON): the model, its features, version and training data's digest."""
    from ..evaluate import manifest_texts

    pages = [(e, text) for gold, texts in sets for e, text in manifest_texts(Path(gold), texts, None)]
    digest = hashlib.sha256()
    for e, text in pages:
        digest.update(json.dumps([e["id"], e.get("issuer")], ensure_ascii=False, sort_keys=True).encode())
        digest.update(hashlib.sha256(text.encode()).digest())
    X, y, _ = examples(pages)
    model = {"version": RANKER_VERSION, "features": list(RANKER_FEATURES), "pages": len(pages),
             "digest": digest.hexdigest(), **fit(X, y)}
    if out is not None:
        Path(out).write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        load_ranker.cache_clear()
    return model


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m wfltext.learn.issuer", description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", help="GOLD=TEXTS: an issuers gold folder and the folder of its page texts")
    ap.add_argument("-o", "--out", default=str(RANKER_PATH), help="the weights file (default: the shipped one)")
    args = ap.parse_args(argv)
    sets = [(s.split("=", 1)[0], s.split("=", 1)[1] if "=" in s else None) for s in args.sets]
    from ..errors import WfltextError
    from ..evaluate import TextsMissing

    try:
        model = train(sets, args.out)
    except (TextsMissing, WfltextError) as err:  # the pages' texts not there, or not the ones annotated
        print(f"error: {err}\n(here each set's texts are given as GOLD=TEXTS)", file=sys.stderr)
        raise SystemExit(2) from None
    print(f"trained on {model['pages']} pages: {args.out}")


if __name__ == "__main__":
    main()
