"""Training the learned filter over program and organization records
(:mod:`wfltext.learn.name_filter`), and the measurement behind it.

Each emitted program or organization record of a gold set is an example: its features
(:func:`~wfltext.learn.name_filter.record_features`) and whether the evaluator's lenient matching
(:func:`wfltext.evaluate.match`) pairs it with a gold record of its type. One logistic model per
type, fitted as the issuing-body ranker is (:func:`wfltext.learn.issuer.fit`); the type's
threshold is chosen among :data:`~wfltext.learn.name_filter.THRESHOLDS` by leaving each set of
real pages of the training data out in turn (a model trained on the others scoring it)::

    python -m wfltext.learn.name_filter_train corpus/gold corpus/heldout corpus/scraped/study \\
        corpus/scraped/dev corpus/scraped/dev2 corpus/scraped/dev3 corpus/scraped/final4 \\
        --texts PAGES -o name_filter.json

Deterministic: the same gold gives the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .name_filter import (
    FEATURE_VERSION,
    THRESHOLDS,
    TYPES,
    clear_cache,
    feature_names,
    page_context,
    probabilities,
    record_features,
    vector,
)


@dataclass
class Example:
    """One emitted record of a gold document: its features and whether it names a gold record
    (strictly, leniently), with what its set's figures need."""

    set: str
    doc: str
    type: str
    features: dict[str, float]
    strict: bool
    lenient: bool
    record: dict


def set_name(gold_dir: str | Path) -> str:
    p = Path(gold_dir)
    return f"{p.parent.name}/{p.name}" if p.parent.name == "scraped" else p.name


def gold_docs(gold_dir: str | Path, texts: str | Path | None, shared: str | Path | None = None) -> list[Any]:
    """The gold documents of a folder; a scraped set's pages from ``texts/<set>``, a page that is
    not the one annotated left out (named on stderr)."""
    from ..evaluate import load_gold

    p = Path(gold_dir)
    pages = str(Path(texts) / p.name) if texts and p.parent.name == "scraped" else None
    left_out: list[str] = []
    docs = load_gold(p, pages, shared, left_out)
    if left_out:
        print(f"{set_name(p)}: left out, not the pages annotated: {', '.join(left_out)}", file=sys.stderr)
    return docs


def examples(gold_dir: str | Path, texts: str | Path | None = None, shared: str | Path | None = None,
             types: Sequence[str] = TYPES) -> tuple[list[Example], dict[str, int], dict[tuple[str, str], int], str]:
    """The examples of a gold set (the records the pipeline emits), its gold count by
    type, the gold count of each document and type, and the digest of its documents (ids, texts
    and gold)."""
    from ..analysis import analyze_source
    from ..evaluate import gold_parts, match

    name = set_name(gold_dir)
    out: list[Example] = []
    gold_n = dict.fromkeys(types, 0)
    by_doc: dict[tuple[str, str], int] = {}
    h = hashlib.sha256()
    for d in gold_docs(gold_dir, texts, shared):
        h.update(json.dumps([d.id, hashlib.sha256(d.text.encode()).hexdigest(), d.records], ensure_ascii=False,
                            sort_keys=True).encode())
        for did, a, b in gold_parts(d):
            doc = analyze_source(d.text, did, span=(a, b))
            page = page_context(doc)
            for t in types:
                pred = [r for r in doc.records if r.type == t]
                gold = [g for g in d.records if g["doc"] == did and g["type"] == t]
                gold_n[t] += len(gold)
                by_doc[(did, t)] = len(gold)
                dicts = [r.to_dict() for r in pred]
                strict = {p for _, p in match(gold, dicts, t, False)}
                lenient = {p for _, p in match(gold, dicts, t, True)}
                for i, f in enumerate(record_features(doc, pred, page)):
                    out.append(Example(name, did, t, f, i in strict, i in lenient, dicts[i]))
    return out, gold_n, by_doc, h.hexdigest()


def fit_type(rows: Sequence[Example], type_: str) -> dict[str, Any]:
    """A model of ``type_`` from its examples (threshold not set)."""
    from .issuer import fit

    feats = [x.features for x in rows if x.type == type_]
    names = feature_names(feats, type_)
    model = fit([vector(f, names) for f in feats], [float(x.lenient) for x in rows if x.type == type_])
    model.pop("prior", None)
    model["features"] = names
    return model


def scraped(name: str) -> bool:
    """Is the set one of real web pages (``scraped/…``)?"""
    return name.startswith("scraped/")


def choose_threshold(sets: dict[str, tuple[list[Example], dict[str, int]]], type_: str,
                     on: str = "scraped") -> tuple[float, list[float]]:
    """The threshold of :data:`THRESHOLDS` that gives the best mean of strict and lenient F1 over
    the sets pooled, each set scored by a model trained on the others (leave one set out inside
    the training data); ties go to the lower threshold (fewer records dropped). ``on``:
    ``scraped`` scores the sets of real pages alone (all train), ``all`` every set."""
    pooled = [[0, 0, 0, 0] for _ in THRESHOLDS]  # strict tp, lenient tp, pred, gold
    for name, (rows, gold_n) in sets.items():
        if on == "scraped" and not scraped(name):
            continue
        train = [x for other, (rs, _) in sets.items() if other != name for x in rs if x.type == type_]
        test = [x for x in rows if x.type == type_]
        if not test and not gold_n.get(type_):
            continue
        if not train:
            continue
        model = fit_type(train, type_)
        probs = probabilities(model, [x.features for x in test])
        for k, th in enumerate(THRESHOLDS):
            kept = [p >= th for p in probs]
            pooled[k][0] += sum(1 for x, kk in zip(test, kept) if kk and x.strict)
            pooled[k][1] += sum(1 for x, kk in zip(test, kept) if kk and x.lenient)
            pooled[k][2] += sum(kept)
            pooled[k][3] += gold_n.get(type_, 0)
    scores = [(2 * s / (p + g) + 2 * lt / (p + g)) / 2 if p + g else 0.0 for s, lt, p, g in pooled]
    best = max(range(len(THRESHOLDS)), key=lambda k: (round(scores[k], 9), -k))
    return THRESHOLDS[best], scores


def train(gold_dirs: Sequence[str | Path], out: str | Path | None = None, *, texts: str | Path | None = None,
          shared: str | Path | None = None, types: Sequence[str] = TYPES) -> dict[str, Any]:
    """Train a model per type on ``gold_dirs`` (threshold chosen by leaving each set out in turn)
    and write the file ``out``; ``types``: the types the file judges."""
    sets: dict[str, tuple[list[Example], dict[str, int]]] = {}
    digest = hashlib.sha256()
    for g in gold_dirs:
        rows, gold_n, _, d = examples(g, texts, shared)
        sets[set_name(g)] = (rows, gold_n)
        digest.update(set_name(g).encode() + d.encode())
    models = {}
    for t in TYPES:
        rows = [x for rs, _ in sets.values() for x in rs if x.type == t]
        model = fit_type(rows, t)
        threshold, _ = choose_threshold(sets, t)
        models[t] = {"records": len(rows), "threshold": threshold, **model}
    data = {"version": FEATURE_VERSION, "types": [t for t in TYPES if t in types],
            "sets": [set_name(g) for g in gold_dirs], "digest": digest.hexdigest(), "models": models}
    if out is not None:
        Path(out).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        clear_cache()
    return data


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m wfltext.learn.name_filter_train", description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", help="gold folders to train on")
    ap.add_argument("--texts", help="folder holding one folder of page texts per scraped set")
    ap.add_argument("--types", default=",".join(TYPES),
                    help="the types the file judges, comma-separated (default: program,organization)")
    ap.add_argument("-o", "--out", required=True, help="the model file to write")
    args = ap.parse_args(argv)
    from ..errors import WfltextError
    from ..evaluate import TextsMissing

    types = [t for t in args.types.split(",") if t]
    try:
        data = train(args.sets, args.out, texts=args.texts, types=types)
    except (TextsMissing, WfltextError) as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    summary = ", ".join(f"{t} {m['records']} records, threshold {m['threshold']}" for t, m in data["models"].items())
    print(f"{args.out}: {summary}; judges {', '.join(data['types']) or 'nothing'}")


if __name__ == "__main__":
    main()
