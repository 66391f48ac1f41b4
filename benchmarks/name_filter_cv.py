"""The learned filter over program and organization records, each set left out in turn.

    python benchmarks/name_filter_cv.py --texts PAGES [--taggers DIR] corpus/gold corpus/heldout \
        corpus/scraped/study corpus/scraped/dev corpus/scraped/dev2 corpus/scraped/dev3 \
        corpus/scraped/final4

For each set named, the filter (``wfltext.learn.name_filter_train``) is trained on the others, its
threshold chosen among them alone (each of them left out in turn inside the training data), and
the set left out is scored with and without it: strict and lenient precision, recall and F1 of
programs and organizations, then the scraped sets pooled. ``--taggers DIR``: the name tagger
trained without a scraped set is in ``DIR/tag-no-<set>`` (``wfltext train`` on the other sets);
that set's records are then made with it, as a page nobody trained on gets them (the shipped
tagger was trained on ``dev`` … ``final4``). Deterministic: the same gold gives the same table.
Also prints each type's precision by rule over the sets, the first thing to look at.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

from common import ROOT  # type: ignore[import-not-found]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", help="gold folders, each left out in turn")
    ap.add_argument("--texts", help="folder holding one folder of page texts per scraped set")
    ap.add_argument("--taggers", help="folder holding tag-no-<set>: the tagger trained without each scraped set")
    ap.add_argument("--types", default="program,organization")
    ap.add_argument("--choose-on", default="scraped", choices=("scraped", "all"),
                    help="the training sets the threshold is chosen on: the real pages (default) or every set")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from wfltext.evaluate import Counts, Report, format_differences, pool
    from wfltext.learn import name_filter as nf
    from wfltext.learn import name_filter_train as nft
    from wfltext.learn.tagger import load as load_tagger

    types = args.types.split(",")

    def totals(by_doc: dict) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for (_, t), n in by_doc.items():
            out[t] += n
        return out

    data = {}
    for g in args.sets:
        name = nft.set_name(g)
        rows, _, by_doc, _ = nft.examples(g, args.texts)
        test_rows = rows
        own = Path(args.taggers or "") / f"tag-no-{Path(g).name}"
        if args.taggers and own.is_dir():
            os.environ["WFLTEXT_MODEL_DIR"] = str(own)
            load_tagger.cache_clear()
            test_rows, _, _, _ = nft.examples(g, args.texts)
            os.environ.pop("WFLTEXT_MODEL_DIR")
            load_tagger.cache_clear()
        data[name] = (rows, by_doc, test_rows)

    for t in types:
        for real in (True, False):
            print(f"\n{t}: precision by rule, strict (lenient), the records of "
                  + ("the sets of real pages" if real else "the other sets"))
            by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
            for name, (_, _, test) in data.items():
                if nft.scraped(name) != real:
                    continue
                for x in test:
                    if x.type == t:
                        c = by_rule[x.record.get("rule", "")]
                        c[0] += 1
                        c[1] += x.strict
                        c[2] += x.lenient
            for rule, (n, s_, le) in sorted(by_rule.items(), key=lambda kv: (-kv[1][0], kv[0])):
                print(f"  {rule:44} {n:5d}  {s_ / n:.2f} ({le / n:.2f})")

    def line(b: Counts, a: Counts) -> str:
        return f"{b.precision:.3f} {b.recall:.3f} {b.f1:.3f} -> {a.precision:.3f} {a.recall:.3f} {a.f1:.3f}"

    pooled_before, pooled_after = Report(), Report()
    for t in types:
        print(f"\n{t}: each set left out, before -> after the filter; P R F1 strict | lenient")
        for name, (_, by_doc, test_all) in data.items():
            train_sets = {o: (rs, totals(gd)) for o, (rs, gd, _) in data.items() if o != name}
            rows = [x for rs, _ in train_sets.values() for x in rs if x.type == t]
            model = nft.fit_type(rows, t)
            th, _ = nft.choose_threshold(train_sets, t, args.choose_on)
            test = [x for x in test_all if x.type == t]
            kept = [p >= th for p in nf.probabilities(model, [x.features for x in test])]
            before, after = Report(), Report()
            for rep, keep in ((before, [True] * len(test)), (after, kept)):
                for (doc, tt), n in by_doc.items():
                    if tt != t:
                        continue
                    mine = [(x, k) for x, k in zip(test, keep) if x.doc == doc]
                    pred = sum(k for _, k in mine)
                    c = (Counts(n, pred, sum(1 for x, k in mine if k and x.strict)),
                         Counts(n, pred, sum(1 for x, k in mine if k and x.lenient)))
                    rep.strict[t].add(c[0])
                    rep.lenient[t].add(c[1])
                    rep.by_doc[f"{name}:{doc}"][t] = c
            if nft.scraped(name):
                pooled_before = pool([pooled_before, before])
                pooled_after = pool([pooled_after, after])
            dropped = [x for x, k in zip(test, kept) if not k]
            print(f"  {name:16} t={th:.2f} drop {len(dropped):3d} of {len(test):4d} "
                  f"(right {sum(x.lenient for x in dropped):3d})  "
                  f"{line(before.strict[t], after.strict[t])}  |  {line(before.lenient[t], after.lenient[t])}")
        print(f"  {'scraped pooled':16} {'':33}{line(pooled_before.strict[t], pooled_after.strict[t])}  |  "
              f"{line(pooled_before.lenient[t], pooled_after.lenient[t])}")
    print("\nthe scraped sets left out, pooled: the filter against none, paired intervals")
    print(format_differences(pooled_after, pooled_before))


if __name__ == "__main__":
    main()
