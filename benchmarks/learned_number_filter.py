"""A learned filter over the number extractor's records, measured set by set (an experiment).

    python benchmarks/learned_number_filter.py --texts PAGES corpus/gold corpus/heldout \\
        corpus/scraped/study corpus/scraped/dev corpus/scraped/dev2 corpus/scraped/dev3 \\
        corpus/scraped/final4

Every number record the extractor gives on a gold set's documents is a candidate, labelled right
when the evaluator's strict matching pairs it with a gold record (``wfltext.evaluate.match``)
and described by general features a reader uses: its kind, unit, mask, approximation, bound,
range and object; the magnitude of its value and how it is written; the characters just before
and after it, by class (a line's edge, space, digit, Chinese numeral, Han, brackets, punctuation,
Latin, mask); where its line stands (the first non-empty line, the first three, the last three,
a line without sentence punctuation, an outline heading, a line of site text by the normalizer's
``looks_like_chrome``); inside 《》, quotes or brackets; its clause's length and whether the clause
holds an action or measure verb of ``number_object_stops.tsv``; how many numbers share its line,
one right next to it, the same norm earlier in the page; its place in the page. No word list
read off any page. A logistic model (the issuing-body ranker's training: standardized features,
L2 1.0, 3,000 steps of plain gradient descent from zero — deterministic) gives the probability
that a record is right; records below a threshold are dropped.

Each set named is left out in turn: a model is trained on the others, and its threshold chosen
inside them (each of them left out in turn, the threshold of the best mean number F1 over them; 0,
keeping every record, when no threshold lifts it); the left-out set is scored before and after. The
last columns are not held-out figures: the separation of the set's right and false records (AUC) and
the best the filter could do there with the threshold chosen on the set itself. ``--balanced``
weighs each training set alike (the project's gold holds most records); ``--scraped-only`` trains on
the scraped sets alone. ``--code DIR`` takes the records from the extractor of another checkout (a
worktree of an earlier commit, run with ``PYTHONPATH=DIR``), features and labels from this one: a
set scored with the code of before its errors were read is a set nobody studied (dev3 with
``53ad37d^``, final4 with ``ba5c985^``: numbers 0.856 and 0.890, as they were scored then).
``--cost`` times what the filter would add to ``analyze()`` (features and a dot product for every
number record of the 28 reports of the development corpus, best of three) against bare
``jieba.lcut`` on the same texts. A scraped set's pages are read from ``PAGES/<set name>``, each
checked against its manifest's sha256 (a page that is not the one annotated is left out and named).
"""

from __future__ import annotations

import argparse
import bisect
import math
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from common import ROOT, best, corpus  # type: ignore[import-not-found]

#: thresholds tried inside the training sets
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(20))

KINDS = ("count", "money", "percent", "ordinal", "duration", "date", "measure", "other")
#: classes of the characters next to a number
CLASSES = ("edge", "space", "digit", "numeral", "han", "open", "close", "punct", "latin", "mask")
_NUMERALS = frozenset("〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟兩貳參陸億萬")
_MASKS = frozenset("*＊xX×_#＃")
_OPEN = frozenset("“‘「『《〈（(【[〔{\"'")
_CLOSE = frozenset("”’」』》〉）)】]〕}")
_CLAUSE_ENDS = frozenset("，,。；;！!？?：:\n")
_PUNCT = re.compile("[，,。；;！!？?]")
_BREAK = re.compile("\n")
_BLANK = re.compile(r"\s*")
_MARKER_DIGITS = frozenset("一二三四五六七八九十0123456789０１２３４５６７８９")

FEATURES: tuple[str, ...] = (
    *(f"kind:{k}" for k in KINDS),
    "masked", "no unit", "approx", "bound", "range", "object", "no value", "log value", "value 1",
    "year", "arabic", "chinese numeral", "log length",
    *(f"before:{c}" for c in CLASSES), *(f"after:{c}" for c in CLASSES),
    "first line", "head lines", "last lines", "log line length", "line without sentence punctuation",
    "outline line", "site-text line", "position",
    "in 《》", "in quotes", "in brackets",
    "log clause length", "clause verb", "numbers in line", "number next to it", "norm seen before",
)


def _class(c: str) -> str:
    if c in ("", "\n", "\r"):
        return "edge"
    if c.isspace():
        return "space"
    if c in _MASKS:
        return "mask"
    if c.isdigit():
        return "digit"
    if c in _NUMERALS:
        return "numeral"
    if c in _OPEN:
        return "open"
    if c in _CLOSE:
        return "close"
    if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff":
        return "han"
    if (c.isascii() and c.isalpha()) or "\uff21" <= c <= "\uff5a":
        return "latin"
    return "punct"


@lru_cache(maxsize=1)
def _verbs() -> re.Pattern[str]:
    from wfltext import lexicons

    words = sorted({w for w, role in lexicons.table("number_object_stops.tsv") if role in ("action", "measure")})
    return re.compile(lexicons.trie_pattern(words))


def _outline_line(line: str) -> bool:
    s = line.lstrip(" \t\u3000")
    if len(s) > 2 and s[0] in "（(" and s[1] in _MARKER_DIGITS:
        return True
    i = 0
    while i < len(s) and s[i] in _MARKER_DIGITS:
        i += 1
    if 0 < i <= 3 and i < len(s) and s[i] in "、.．，,":
        return True
    return len(s) > 2 and s[0] == "第" and s[1] in _MARKER_DIGITS


_BOOKS = (("《", "》"), ("〈", "〉"))
_QUOTES = (("“", "”"), ("「", "」"), ("‘", "’"), ('"', '"'))
_BRACKETS = (("（", "）"), ("(", ")"), ("【", "】"), ("〔", "〕"), ("[", "]"))


def _inside(prefix: str, pairs: Sequence[tuple[str, str]]) -> bool:
    """Does the end of ``prefix`` (a line up to a number) lie inside one of the pairs?"""
    for o, c in pairs:
        if o == c:
            if prefix.count(o) % 2:
                return True
        elif prefix.rfind(o) > prefix.rfind(c):
            return True
    return False


def features(text: str, records: Sequence[dict[str, Any]]) -> list[list[float]]:
    """The feature row of each number record (a record's dict: ``start`` and ``end`` in
    ``text``, the original), in order."""
    from wfltext.normalize.boilerplate import looks_like_chrome

    breaks = [m.start() for m in _BREAK.finditer(text)]
    bounds = [-1, *breaks, len(text)]
    full = [k for k in range(len(bounds) - 1) if not _BLANK.fullmatch(text, bounds[k] + 1, bounds[k + 1])] or [0]
    first, head, tail = full[0], full[min(2, len(full) - 1)], full[max(0, len(full) - 3)]
    spans = sorted((r["start"], r["end"]) for r in records)
    starts = [s for s, _ in spans]
    chrome: dict[int, bool] = {}
    seen: set[str] = set()
    rows = []
    for r in records:
        s, e = r["start"], r["end"]
        k = bisect.bisect_left(breaks, s)
        ls, le = bounds[k] + 1, bounds[k + 1]
        line = text[ls:le]
        if k not in chrome:
            chrome[k] = bool(line.strip()) and looks_like_chrome(line)
        cs = s
        while cs > ls and text[cs - 1] not in _CLAUSE_ENDS:
            cs -= 1
        ce = e
        while ce < le and text[ce] not in _CLAUSE_ENDS:
            ce += 1
        clause = text[cs:s] + text[e:ce]
        before = _class(text[s - 1] if s > 0 else "")
        after = _class(text[e] if e < len(text) else "")
        v = r.get("value")
        value = v if isinstance(v, (int, float)) and not isinstance(v, bool) else None
        i = bisect.bisect_left(starts, s)
        near = (i > 0 and spans[i - 1][1] >= s - 1) or (i + 1 < len(spans) and spans[i + 1][0] <= e + 1)
        year = bool(r.get("date")) or (r.get("unit") == "年" and value is not None and 1900 <= value <= 2100) \
            or str(r.get("rule", "")).startswith("masked year")
        prefix = text[ls:s]
        rows.append([
            *(float(r.get("kind") == kd) for kd in KINDS),
            float(bool(r.get("masked"))), float(r.get("unit") is None), float(bool(r.get("approx"))),
            float(r.get("bound") is not None), float(r.get("range") is not None), float(bool(r.get("object"))),
            float(value is None), math.log10(1.0 + abs(value)) if value is not None else 0.0, float(value == 1),
            float(year), float(any(c.isdigit() for c in r["text"])), float(any(c in _NUMERALS for c in r["text"])),
            math.log(1 + len(r["text"])),
            *(float(before == c) for c in CLASSES), *(float(after == c) for c in CLASSES),
            float(k == first), float(k <= head), float(k >= tail), math.log(1 + len(line.strip())),
            float(_PUNCT.search(line) is None), float(_outline_line(line)), float(chrome[k]),
            s / max(1, len(text)),
            float(_inside(prefix, _BOOKS)), float(_inside(prefix, _QUOTES)), float(_inside(prefix, _BRACKETS)),
            math.log(1 + len(clause)), float(_verbs().search(clause) is not None),
            math.log(1 + bisect.bisect_left(starts, le) - bisect.bisect_left(starts, ls)), float(near),
            float(r.get("norm") in seen),
        ])
        seen.add(r.get("norm"))
    return rows


# -- the model -----------------------------------------------------------------------------------


def fit(X: Sequence[Sequence[float]], y: Sequence[float], weights: Sequence[float] | None = None) -> dict[str, Any]:
    """The issuing-body ranker's trainer (:func:`wfltext.learn.issuer.fit`: standardized
    features, L2, plain gradient descent from zero); ``weights`` weigh the examples."""
    from wfltext.learn.issuer import fit as logistic

    return logistic(X, y, weights)


def probabilities(model: dict[str, Any], rows: Sequence[Sequence[float]]) -> list[float]:
    """The probability that each row's record is right: a dot product a record."""
    w = [wi / si for wi, si in zip(model["weights"], model["scale"])]
    b = model["bias"] - sum(wi * mi for wi, mi in zip(w, model["mean"]))
    out = []
    for x in rows:
        z = b + sum(map(operator.mul, w, x))
        out.append(1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0)
    return out


@dataclass
class Candidates:
    """A set's number records as the extractor gives them, with features and labels."""

    name: str
    rows: list[list[float]]
    labels: list[float]
    preds: list[dict[str, Any]]
    #: per document: its gold number records and the indices of its candidates
    docs: list[tuple[list[dict[str, Any]], list[int]]]


_DUMP = """
import json, sys
from pathlib import Path
from wfltext.evaluate import load_gold, predict
texts = Path(sys.argv[2]) if sys.argv[2] else None
print(json.dumps([predict(gd, ("number",), model=False) for gd in load_gold(Path(sys.argv[1]), texts, None)]))
"""


def _records_of(code: str, gold: Path, texts: Path | None) -> list[list[dict[str, Any]]]:
    """The number records another checkout's extractor gives on each document of a gold set."""
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=str(Path(code).resolve()))
    out = subprocess.run([sys.executable, "-c", _DUMP, str(gold.resolve()), str(texts.resolve()) if texts else ""],
                         env=env, cwd=code, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def candidates(name: str, docs: Sequence[Any], records: list[list[dict[str, Any]]] | None = None) -> Candidates:
    """The number records the extractor gives on a gold set's documents (or ``records``, one list
    a document), labelled by the evaluator's strict matching."""
    from wfltext.evaluate import gold_doc_ids, match, predict

    out = Candidates(name, [], [], [], [])
    for n, gd in enumerate(docs):
        preds = predict(gd, ("number",), model=False) if records is None else records[n]
        for did in gold_doc_ids(gd):
            recs = [p for p in preds if p["doc"] == did]
            gold = [g for g in gd.records if g["doc"] == did and g["type"] == "number"]
            matched = {p for _, p in match(gold, recs, "number")}
            base = len(out.rows)
            text = gd.text if not gd.split else _part_text(gd, did)
            out.rows.extend(features(text, recs))
            out.labels.extend(float(i in matched) for i in range(len(recs)))
            out.preds.extend(recs)
            out.docs.append((gold, list(range(base, base + len(recs)))))
    return out


def _part_text(gd: Any, did: str) -> str:
    from wfltext.evaluate import gold_parts

    return next(gd.text[s:e] for d, s, e in gold_parts(gd) if d == did)


def counts(c: Candidates, probs: Sequence[float], threshold: float) -> tuple[int, int, int]:
    """(gold, predicted, matched) number records of a set, keeping the candidates whose
    probability reaches ``threshold``."""
    from wfltext.evaluate import match

    g = p = m = 0
    for gold, idx in c.docs:
        kept = [c.preds[i] for i in idx if probs[i] >= threshold]
        g, p, m = g + len(gold), p + len(kept), m + len(match(gold, kept, "number"))
    return g, p, m


def f1(g: int, p: int, m: int) -> float:
    return 2 * m / (g + p) if g + p else 1.0


def train(sets: Sequence[Candidates], balanced: bool) -> dict[str, Any]:
    rows = [x for s in sets for x in s.rows]
    labels = [y for s in sets for y in s.labels]
    weights = [1.0 / len(s.rows) for s in sets for _ in s.rows] if balanced else None
    return fit(rows, labels, weights)


def choose_threshold(sets: Sequence[Candidates], balanced: bool) -> float:
    """The threshold of the best mean number F1 over ``sets``, each scored by a model trained on
    the others (ties to the lower; 0 keeps every record)."""
    if len(sets) < 2:
        return 0.0
    probs = [probabilities(train([s for j, s in enumerate(sets) if j != k], balanced), held.rows)
             for k, held in enumerate(sets)]
    mean = {t: sum(f1(*counts(s, p, t)) for s, p in zip(sets, probs)) / len(sets) for t in THRESHOLDS}
    return max(THRESHOLDS, key=lambda t: (round(mean[t], 9), -t))


def auc(probs: Sequence[float], labels: Sequence[float]) -> float:
    pos = [p for p, y in zip(probs, labels) if y]
    neg = [p for p, y in zip(probs, labels) if not y]
    if not pos or not neg:
        return float("nan")
    return sum((q > n) + 0.5 * (q == n) for q in pos for n in neg) / (len(pos) * len(neg))


def _prf(c: tuple[int, int, int]) -> str:
    g, p, m = c
    return f"{m / p if p else 1.0:.3f} {m / g if g else 1.0:.3f} {f1(g, p, m):.3f}"


def cost() -> None:
    """The filter's time on the number records of the development corpus against bare jieba."""
    import jieba

    import wfltext

    texts = corpus()
    docs = [(t, [r.to_dict() for r in wfltext.analyze(t, types=["number"]).records]) for t in texts]
    model = {"mean": [0.0] * len(FEATURES), "scale": [1.0] * len(FEATURES), "weights": [0.1] * len(FEATURES),
             "bias": 0.0}  # the weights do not change the time
    filtered = best(lambda: [probabilities(model, features(t, recs)) for t, recs in docs], 3)
    segmented = best(lambda: [jieba.lcut(t) for t in texts], 3)
    n = sum(len(recs) for _, recs in docs)
    print(f"{len(texts)} reports, {n} number records: the filter {filtered:.3f} s, bare jieba.lcut "
          f"{segmented:.3f} s: {filtered / segmented:.3f}x jieba")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", help="gold folders (with manifest.jsonl), each left out in turn")
    ap.add_argument("--texts", help="folder holding one folder of web pages per scraped set, by the set's name")
    ap.add_argument("--balanced", action="store_true", help="weigh each training set alike")
    ap.add_argument("--scraped-only", action="store_true", help="train on the scraped sets alone")
    ap.add_argument("--code", metavar="DIR", help="the records of another checkout's extractor")
    ap.add_argument("--cost", action="store_true", help="time the filter against bare jieba and stop")
    args = ap.parse_args()
    if args.cost:
        cost()
        return
    from wfltext.evaluate import load_gold

    sets = []
    for gold in args.sets:
        path = Path(gold)
        folder = Path(args.texts) / path.name if args.texts else None
        folder = folder if folder is not None and folder.is_dir() else None
        left_out: list[str] = []
        docs = load_gold(path, folder, None, left_out)
        if left_out:
            if args.code:  # an earlier checkout refuses a set holding a changed page
                print(f"{path.name}: left out, a page is not the one annotated")
                continue
            print(f"{path.name}: left out, not the pages annotated: {', '.join(left_out)}")
        sets.append(candidates(path.name, docs, _records_of(args.code, path, folder) if args.code else None))
    print(f"{'left out':10} {'false':>5} {'threshold':>9}  {'before P R F1':>17}  {'after P R F1':>17}  "
          f"{'records':>11}   {'AUC':>5}  best on itself")
    for k, held in enumerate(sets):
        rest = [s for j, s in enumerate(sets) if j != k
                and not (args.scraped_only and not (ROOT / "corpus" / "scraped" / s.name).is_dir())]
        t = choose_threshold(rest, args.balanced)
        probs = probabilities(train(rest, args.balanced), held.rows)
        before, after = counts(held, probs, 0.0), counts(held, probs, t)
        top = max(THRESHOLDS, key=lambda u: (f1(*counts(held, probs, u)), -u))
        print(f"{held.name:10} {before[1] - before[2]:5} {t:9.2f}  {_prf(before):>17}  {_prf(after):>17}  "
              f"{before[1]:>4} -> {after[1]:<4}   {auc(probs, held.labels):.3f}  "
              f"{f1(*counts(held, probs, top)):.3f} at {top:.2f}", flush=True)


if __name__ == "__main__":
    main()
