"""Scoring records against gold, exactly as the record contract's "Scoring" section says.

Per document and record type, gold and predicted records are matched one to one, greedily in
document order: each gold record (in order) takes the first unmatched predicted record that
matches it. Names (program, organization, slogan, document) match on ``norm``: *strict* needs
equality, *lenient* also accepts one norm containing the other when the shorter is at least half
the longer (an exact match is preferred when both exist). Numbers match on (value, unit, range,
date), values rounded to 4 decimal places, masked numbers also on their ``norm``; numbers have no
lenient mode (their lenient figures equal the strict ones). Precision, recall and F1 are
micro-averaged over documents.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from .errors import InputError
from .records import RECORD_TYPES

Rec = Mapping[str, Any]


def _round(v: Any) -> Any:
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float)):
        return round(float(v), 4)
    return v


def number_key(r: Rec) -> tuple:
    rng = r.get("range")
    key = (
        _round(r.get("value")),
        r.get("unit"),
        tuple(_round(x) for x in rng) if rng else None,
        r.get("date"),
    )
    if r.get("masked"):
        key += (r.get("norm"),)
    return key


def names_match(gold: str, pred: str, lenient: bool) -> bool:
    if gold == pred:
        return True
    if not lenient or not gold or not pred:
        return False
    short, long_ = sorted((gold, pred), key=len)
    return short in long_ and 2 * len(short) >= len(long_)


def _matcher(type_: str, lenient: bool) -> Callable[[Rec, Rec], bool]:
    if type_ == "number":
        return lambda g, p: number_key(g) == number_key(p)
    return lambda g, p: names_match(g.get("norm", ""), p.get("norm", ""), lenient)


def match(gold: list[Rec], pred: list[Rec], type_: str, lenient: bool = False) -> list[tuple[int, int]]:
    """Pairs (gold index, pred index) of the greedy one-to-one matching in document order."""
    order = lambda rs: sorted(range(len(rs)), key=lambda i: (rs[i].get("start", 0), rs[i].get("end", 0)))  # noqa: E731
    gi, pi = order(gold), order(pred)
    strict = _matcher(type_, False)
    loose = _matcher(type_, lenient)
    used: set[int] = set()
    pairs = []
    for g in gi:
        found = next((p for p in pi if p not in used and strict(gold[g], pred[p])), None)
        if found is None and lenient and type_ != "number":
            found = next((p for p in pi if p not in used and loose(gold[g], pred[p])), None)
        if found is not None:
            used.add(found)
            pairs.append((g, found))
    return pairs


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    matched: int = 0

    def add(self, other: "Counts") -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.matched += other.matched

    @property
    def precision(self) -> float:
        return self.matched / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "pred": self.pred,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Error:
    doc: str
    type: str
    #: "miss" (gold record not predicted) or "false" (predicted record not in gold)
    kind: str
    record: Rec


@dataclass
class Report:
    """Strict and lenient counts per type, overall and per document, and the unmatched records."""

    strict: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    lenient: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_doc: dict[str, dict[str, tuple[Counts, Counts]]] = field(default_factory=lambda: defaultdict(dict))
    errors: list[Error] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "strict": {t: c.to_dict() for t, c in self.strict.items()},
            "lenient": {t: c.to_dict() for t, c in self.lenient.items()},
            "by_doc": {
                d: {t: {"strict": s.to_dict(), "lenient": l_.to_dict()} for t, (s, l_) in ts.items()}
                for d, ts in self.by_doc.items()
            },
        }


def pool(reports: Iterable[Report]) -> Report:
    """One report of several (gold sets scored apart, pooled as one): counts added up, documents
    and errors side by side (a document id met twice is taken as one)."""
    out = Report()
    for rep in reports:
        for mine, theirs in ((out.strict, rep.strict), (out.lenient, rep.lenient)):
            for t, c in theirs.items():
                mine[t].add(c)
        for d, ts in rep.by_doc.items():
            out.by_doc[d].update(ts)
        out.errors.extend(rep.errors)
    return out


#: how many resamples :func:`intervals` draws, and its seed (the same figures every run)
RESAMPLES = 2000
SEED = 0


def _draws(n: int, resamples: int, seed: int) -> Any:
    """``resamples`` draws of ``n`` document indices with replacement (a fixed seed)."""
    import random

    import numpy as np

    rng = random.Random(seed)
    return np.array([[rng.randrange(n) for _ in range(n)] for _ in range(resamples)], dtype=np.int64)


def _f1s(per_doc: list[Counts], draws: Any) -> list[float]:
    """The F1 of each draw, in draw order: the counts of its documents (``per_doc``, by index)
    added up."""
    import numpy as np

    per = np.array([(c.gold, c.pred, c.matched) for c in per_doc], dtype=np.int64)
    gold, pred, matched = per[draws].sum(axis=1).T
    return [Counts(int(g), int(p), int(m)).f1 for g, p, m in zip(gold, pred, matched)]


def _ends(level: float, resamples: int) -> tuple[int, int]:
    """The ranks of a percentile interval's ends among ``resamples`` sorted draws."""
    lo = int(resamples * (1 - level) / 2)
    return lo, resamples - 1 - lo


def _heading(n: int, level: float) -> str:
    return f"{round(level * 100)}% intervals of F1, bootstrap over the {n} document{'' if n == 1 else 's'} ({RESAMPLES:,} resamples)"


def intervals(rep: Report, *, level: float = 0.95, resamples: int = RESAMPLES, seed: int = SEED) -> dict[str, dict[str, tuple[float, float]]]:
    """Percentile bootstrap intervals of each type's micro-averaged F1, strict and lenient:
    the report's documents drawn with replacement ``resamples`` times (a document is the unit
    that varies: the pages of one site, one annotator's reading), F1 of the counts added up over
    each draw. ``{type: {"strict": (low, high), "lenient": (low, high)}}``.

    On a set of 25 web pages an interval is typically 0.15-0.20 wide (docs/evaluation.md).
    """
    docs = list(rep.by_doc.values())
    types = list(rep.strict)
    if not docs:
        return {t: {"strict": (rep.strict[t].f1,) * 2, "lenient": (rep.lenient[t].f1,) * 2} for t in types}
    draws = _draws(len(docs), resamples, seed)
    lo_k, hi_k = _ends(level, resamples)
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for t in types:
        out[t] = {}
        for mode, k in (("strict", 0), ("lenient", 1)):
            f1s = sorted(_f1s([d[t][k] if t in d else Counts() for d in docs], draws))
            out[t][mode] = (f1s[lo_k], f1s[hi_k])
    return out


def differences(rep: Report, before: Report, *, level: float = 0.95, resamples: int = RESAMPLES,
                seed: int = SEED) -> dict[str, dict[str, tuple[float, float, float]]]:
    """How a version's F1 differs from another's on the same documents (``before``: the same
    gold scored with the other version): the difference and its paired bootstrap interval, the
    same draws of documents for both (a page hard for one is hard for the other, so the
    difference varies far less than either figure). Only documents both reports scored count.
    ``{type: {"strict": (difference, low, high), "lenient": (…)}}``.
    """
    ids = [d for d in rep.by_doc if d in before.by_doc]
    a = [rep.by_doc[d] for d in ids]
    b = [before.by_doc[d] for d in ids]
    out: dict[str, dict[str, tuple[float, float, float]]] = {}
    if not ids:
        return out
    draws = _draws(len(ids), resamples, seed)
    lo_k, hi_k = _ends(level, resamples)
    for t in (t for t in rep.strict if t in before.strict):
        out[t] = {}
        for mode, k in (("strict", 0), ("lenient", 1)):
            sides = [[d[t][k] if t in d else Counts() for d in docs] for docs in (a, b)]
            whole = []
            for per_doc in sides:
                total = Counts()
                for c in per_doc:
                    total.add(c)
                whole.append(total.f1)
            diffs = sorted(x - y for x, y in zip(_f1s(sides[0], draws), _f1s(sides[1], draws)))
            out[t][mode] = (whole[0] - whole[1], diffs[lo_k], diffs[hi_k])
    return out


def format_differences(rep: Report, before: Report, level: float = 0.95) -> str:
    """The table of :func:`differences`."""
    diff = differences(rep, before, level=level)
    n = len([d for d in rep.by_doc if d in before.by_doc])
    lines = [f"F1 against the other version, with {round(level * 100)}% paired intervals over the {n} documents ({RESAMPLES:,} resamples)",
             f"{'type':<13}{'strict':>8}{'difference':>12}{'interval':>20}   {'lenient':>8}{'difference':>12}{'interval':>20}"]
    for t in RECORD_TYPES:
        if t not in diff:
            continue
        cells = []
        for mode, totals in (("strict", rep.strict), ("lenient", rep.lenient)):
            d, lo, hi = diff[t][mode]
            cells.append(f"{totals[t].f1:>8.3f}{d:>+12.3f}{f'[{lo:+.3f}, {hi:+.3f}]':>20}")
        lines.append(f"{t:<13}" + "   ".join(cells))
    return "\n".join(lines)


def report_from_dict(data: Mapping[str, Any]) -> Report:
    """A :class:`Report` (counts only, no errors) from its :meth:`Report.to_dict` (what
    ``wfltext evaluate --json`` prints): figures of another version read back."""

    def counts(c: Mapping[str, Any]) -> Counts:
        return Counts(int(c["gold"]), int(c["pred"]), int(c["matched"]))

    rep = Report()
    for mine, key in ((rep.strict, "strict"), (rep.lenient, "lenient")):
        for t, c in data.get(key, {}).items():
            mine[t] = counts(c)
    for d, ts in data.get("by_doc", {}).items():
        for t, c in ts.items():
            rep.by_doc[d][t] = (counts(c["strict"]), counts(c["lenient"]))
    return rep


def format_intervals(rep: Report, level: float = 0.95) -> str:
    """The table of :func:`intervals`."""
    ci = intervals(rep, level=level)
    lines = [_heading(len(rep.by_doc), level), f"{'type':<13}{'strict F1':>10}{'interval':>18}   {'lenient F1':>10}{'interval':>18}"]
    for t in RECORD_TYPES:
        if t not in ci:
            continue
        (sl, sh), (ll, lh) = ci[t]["strict"], ci[t]["lenient"]
        lines.append(f"{t:<13}{rep.strict[t].f1:>10.3f}{f'[{sl:.3f}, {sh:.3f}]':>18}   {rep.lenient[t].f1:>10.3f}{f'[{ll:.3f}, {lh:.3f}]':>18}")
    return "\n".join(lines)


def _group(records: Iterable[Rec]) -> dict[tuple[str, str], list[Rec]]:
    out: dict[tuple[str, str], list[Rec]] = defaultdict(list)
    for r in records:
        out[(r["doc"], r["type"])].append(r)
    return out


def score(gold: Iterable[Rec], pred: Iterable[Rec], docs: Iterable[str] | None = None, types: Iterable[str] | None = None) -> Report:
    """Score ``pred`` against ``gold``. Only documents in ``docs`` (default: those of the gold)
    and types in ``types`` (default: all) count; a predicted record of another document is
    ignored."""
    g, p = _group(gold), _group(pred)
    doc_ids = list(dict.fromkeys(docs if docs is not None else (d for d, _ in g)))
    wanted = tuple(types) if types is not None else RECORD_TYPES
    rep = Report()
    for d in doc_ids:
        for t in wanted:
            gs, ps = g.get((d, t), []), p.get((d, t), [])
            per = []
            for lenient, total in ((False, rep.strict), (True, rep.lenient)):
                pairs = match(gs, ps, t, lenient)
                c = Counts(len(gs), len(ps), len(pairs))
                total[t].add(c)
                per.append(c)
                if not lenient:
                    mg = {a for a, _ in pairs}
                    mp = {b for _, b in pairs}
                    rep.errors.extend(Error(d, t, "miss", r) for i, r in enumerate(gs) if i not in mg)
                    rep.errors.extend(Error(d, t, "false", r) for i, r in enumerate(ps) if i not in mp)
            rep.by_doc[d][t] = (per[0], per[1])
    for t in wanted:
        rep.strict[t]  # noqa: B018 - make every wanted type appear, even with no records
        rep.lenient[t]  # noqa: B018
    return rep


# ----------------------------------------------------------------------------------------------
# gold sets on disk


@dataclass
class GoldDoc:
    """A gold document: its id, its text (the original) and its records."""

    id: str
    text: str
    records: list[dict]
    #: the ids the records use (``id``, or ``id#1``, ``id#2`` for a file of several reports)
    split: bool = False


def read_jsonl(path: str | Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise InputError(f"line {n} is not JSON: {err.msg}", source=str(path)) from err
    return out


def read_gold_text(path: str | Path) -> str:
    """A gold document's text as scoring reads it (and ``wfltext gold`` counts offsets in it):
    UTF-8, line endings kept."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def default_shared(start: Path) -> Path | None:
    """The shared data folder: ``$WFLTEXT_SHARED`` or ``../shared`` beside the project."""
    import os

    env = os.environ.get("WFLTEXT_SHARED")
    if env:
        return Path(env)
    for parent in [start, *start.parents]:
        cand = parent.parent / "shared"
        if (parent / "pyproject.toml").is_file() and cand.is_dir():
            return cand
    return None


class TextsMissing(Exception):
    """A gold set whose texts are not here (web pages are not distributed with their records)."""

    def __init__(self, message: str, source: str = "") -> None:
        super().__init__(message)
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.args[0]}" if self.source else self.args[0]


class ChangedText(InputError):
    """A web page whose text is not the one annotated (its sha256 differs from the manifest's)."""

    def __init__(self, doc_id: str, file: Path, manifest: Path) -> None:
        super().__init__(f"{doc_id}: the text at {file} is not the one annotated (sha256 differs)", source=str(manifest))
        self.doc_id = doc_id


def _scraped_texts() -> Path | None:
    import os

    env = os.environ.get("WFLTEXT_SCRAPED_TEXTS")
    return Path(env) if env else None


def scraped_texts_dir(path: Path, entries: list[dict], texts: str | Path | None) -> Path | None:
    """The folder of a set's web pages (``scraped:`` sources): ``texts`` or
    ``$WFLTEXT_SCRAPED_TEXTS``; :class:`TextsMissing` when a page of the set is not there."""
    texts_dir = Path(texts) if texts else _scraped_texts()
    missing = [e["id"] for e in entries if e["source"].startswith("scraped:")
               and (texts_dir is None or not (texts_dir / e["source"][len("scraped:"):]).is_file())]
    if missing:
        raise TextsMissing(
            f"{len(missing)} of {len(entries)} documents of this set are web pages whose text is not "
            f"distributed ({', '.join(missing[:3])}{'…' if len(missing) > 3 else ''}); pass --texts DIR "
            "(or set WFLTEXT_SCRAPED_TEXTS) to the folder holding them",
            source=str(path),
        )
    return texts_dir


def _manifest_text(folder: Path, entry: dict, texts_dir: Path | None, shared_dir: Path | None) -> str:
    """The text of a gold folder's manifest entry: its ``source`` (a path relative to the folder,
    ``shared:…`` in the shared data folder, ``scraped:…`` among the web pages, whose sha256 must
    match the manifest's), decoded as UTF-8 with line endings kept, then ``[start:end]``."""

    manifest = folder / "manifest.jsonl"
    src = entry["source"]
    if src.startswith("scraped:"):
        assert texts_dir is not None  # scraped_texts_dir() made sure of it
        file = texts_dir / src[len("scraped:"):]
    elif src.startswith("shared:"):
        if shared_dir is None:
            raise InputError(f"{entry['id']} needs the shared folder ({src}); set WFLTEXT_SHARED", source=str(manifest))
        file = shared_dir / src[len("shared:"):]
    else:
        file = folder / src
    if not file.is_file():
        raise InputError(f"{entry['id']}: its text is not at {file}", source=str(manifest))
    raw = file.read_bytes()
    if src.startswith("scraped:") and entry.get("sha256") and hashlib.sha256(raw).hexdigest() != entry["sha256"]:
        raise ChangedText(entry["id"], file, manifest)
    text = raw.decode("utf-8")
    if entry.get("start") is not None and entry.get("end") is not None:
        text = text[entry["start"] : entry["end"]]
    return text


def manifest_texts(path: Path, texts: str | Path | None = None, shared: str | Path | None = None,
                   left_out: list[str] | None = None) -> Iterator[tuple[dict, str]]:
    """Each entry of a gold folder's ``manifest.jsonl`` with its text (:func:`_manifest_text`).
    A web page that is not the one annotated raises :class:`ChangedText`; with ``left_out`` (a
    list), its id is added there and the others go on."""
    entries = read_jsonl(path / "manifest.jsonl")
    texts_dir = scraped_texts_dir(path, entries, texts)
    shared_dir = Path(shared) if shared else default_shared(path.resolve())
    for entry in entries:
        try:
            text = _manifest_text(path, entry, texts_dir, shared_dir)
        except ChangedText:
            if left_out is None:
                raise
            left_out.append(entry["id"])
            continue
        yield entry, text


def load_gold(path: str | Path, texts: str | Path | None = None, shared: str | Path | None = None,
              left_out: list[str] | None = None) -> list[GoldDoc]:
    """Gold documents from a gold folder (``manifest.jsonl``) or from one gold JSONL file whose
    ``doc`` fields name text files beside it (or in ``texts``). ``left_out``: as
    :func:`manifest_texts` (a page not the one annotated is left out and named there)."""

    path = Path(path)
    if path.is_dir():
        manifest = path / "manifest.jsonl"
        if not manifest.is_file():
            raise InputError("is a folder without manifest.jsonl", source=str(path))
        return [GoldDoc(entry["id"], text, read_jsonl(path / entry["gold"]), bool(entry.get("split")))
                for entry, text in manifest_texts(path, texts, shared, left_out)]
    recs = read_jsonl(path)
    base = Path(texts) if texts else path.parent
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in recs:
        by_doc[r["doc"]].append(r)
    docs = []
    for d, rs in by_doc.items():
        file = base / d
        if not file.is_file():
            raise InputError(f"the text of gold document {d!r} is not at {file}; pass --texts DIR", source=str(path))
        docs.append(GoldDoc(d, read_gold_text(file), rs))
    return docs


def gold_parts(doc: GoldDoc) -> list[tuple[str, int, int]]:
    """``(id, start, end)`` of each report of a gold document: the whole text, or for a file of
    several reports each report's span with the ids ``id#1``, ``id#2`` …"""
    if not doc.split:
        return [(doc.id, 0, len(doc.text))]
    from .split import split_reports

    return [(f"{doc.id}#{i}", s, e) for i, (s, e) in enumerate(split_reports(doc.text), 1)]


def gold_doc_ids(doc: GoldDoc) -> list[str]:
    return [did for did, _, _ in gold_parts(doc)]


def predict(doc: GoldDoc, types: Iterable[str] | None = None, *, model: bool = True) -> list[dict]:
    """Run the extractors on a gold document, with the gold's document ids."""
    from .analysis import analyze_source

    out = []
    for did, s, e in gold_parts(doc):
        d = analyze_source(doc.text, did, span=(s, e), types=types, model=model)
        out.extend(r.to_dict() for r in d.records)
    return out


def evaluate(gold_path: str | Path, pred_path: str | Path | None = None, *, types: Iterable[str] | None = None,
             texts: str | Path | None = None, shared: str | Path | None = None, model: bool = True,
             left_out: list[str] | None = None) -> tuple[Report, list[GoldDoc]]:
    """Score predictions (a JSONL file, or the extractors run now) against a gold set; with
    ``left_out``, web pages that are not the ones annotated are left out and named there."""
    docs = load_gold(gold_path, texts, shared, left_out)
    types = tuple(types) if types else None
    gold = [r for d in docs for r in d.records]
    ids = [i for d in docs for i in gold_doc_ids(d)]
    if pred_path is not None:
        pred = read_jsonl(pred_path)
    else:
        pred = [r for d in docs for r in predict(d, types, model=model)]
    return score(gold, pred, ids, types), docs


def format_report(rep: Report, *, by_doc: bool = False) -> str:
    lines = [f"{'type':<13}{'strict P':>9}{'R':>7}{'F1':>7}   {'lenient P':>9}{'R':>7}{'F1':>7}   {'gold':>5}{'pred':>6}"]
    total_s, total_l = Counts(), Counts()
    for t in RECORD_TYPES:
        if t not in rep.strict:
            continue
        s, l_ = rep.strict[t], rep.lenient[t]
        total_s.add(s)
        total_l.add(l_)
        lines.append(f"{t:<13}{s.precision:>9.3f}{s.recall:>7.3f}{s.f1:>7.3f}   {l_.precision:>9.3f}{l_.recall:>7.3f}{l_.f1:>7.3f}   {s.gold:>5}{s.pred:>6}")
    s, l_ = total_s, total_l
    lines.append(f"{'all':<13}{s.precision:>9.3f}{s.recall:>7.3f}{s.f1:>7.3f}   {l_.precision:>9.3f}{l_.recall:>7.3f}{l_.f1:>7.3f}   {s.gold:>5}{s.pred:>6}")
    if by_doc:
        lines.append("")
        lines.append(f"{'document':<40}{'type':<13}{'strict F1':>10}{'lenient F1':>11}{'gold':>6}{'pred':>6}")
        for d, ts in rep.by_doc.items():
            for t, (s, l_) in ts.items():
                if s.gold or s.pred:
                    lines.append(f"{d[:39]:<40}{t:<13}{s.f1:>10.3f}{l_.f1:>11.3f}{s.gold:>6}{s.pred:>6}")
    return "\n".join(lines)


def format_errors(rep: Report, docs: list[GoldDoc], context: int = 12) -> str:
    from .split import split_reports

    texts: dict[str, str] = {}
    for d in docs:
        if d.split:
            for i, (s, e) in enumerate(split_reports(d.text), 1):
                texts[f"{d.id}#{i}"] = d.text[s:e]
        else:
            texts[d.id] = d.text
    out = []
    for err in sorted(rep.errors, key=lambda e: (e.doc, e.type, e.record.get("start", 0))):
        r = err.record
        t = texts.get(err.doc, "")
        s, e = r.get("start", 0), r.get("end", 0)
        ctx = (t[max(0, s - context) : s] + "[" + t[s:e] + "]" + t[e : e + context]).replace("\n", "⏎").replace("\r", "")
        fields = ""
        if err.type == "number":
            fields = f" value={r.get('value')} unit={r.get('unit')} range={r.get('range')} date={r.get('date')}"
        rule = f" rule={r['rule']}" if r.get("rule") else ""
        out.append(f"{err.kind:<5} {err.type:<12} {err.doc}:{s}-{e} norm={r.get('norm')!r}{fields}{rule}  …{ctx}…")
    return "\n".join(out)



# ----------------------------------------------------------------------------------------------
# links (who did what, how much): scored per field over the links that exist

#: (record type, field) pairs scored, in report order
LINK_FIELDS: tuple[tuple[str, str], ...] = (("number", "program"), ("number", "actor"), ("program", "actor"), ("program", "partners"))


@dataclass
class LinkReport:
    """Per link field: counts over the records found by both sides (gold and predicted records
    of a type paired on ``norm``, one to one in document order); a link counts when it is not null, and is right when its
    target's ``norm`` equals the gold's. ``partners`` count each partner as one link."""

    fields: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    #: the same, a link right when its target's norm and the gold's match as names do leniently
    #: (one containing the other, the shorter at least half the longer: 校工会 / 学校工会)
    lenient: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_doc: dict[str, dict[str, Counts]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Counts)))
    #: (doc, field, gold link norm or None, predicted link norm or None, record) for each disagreement
    errors: list[tuple[str, str, str | None, str | None, Rec]] = field(default_factory=list)
    #: records found by both sides, per type
    matched: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    #: documents whose gold has implied actors, and those whose predicted issuer (the norm most of
    #: its predicted implied actors name) is the gold's: the one choice most actor links hang on
    issuers: int = 0
    issuers_right: int = 0
    issuers_lenient: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "fields": {k: c.to_dict() for k, c in self.fields.items()},
            "lenient": {k: c.to_dict() for k, c in self.lenient.items()},
            "matched_records": dict(self.matched),
            "issuers": {"documents": self.issuers, "right": self.issuers_right, "right_leniently": self.issuers_lenient},
            "by_doc": {d: {k: c.to_dict() for k, c in fs.items()} for d, fs in self.by_doc.items()},
        }


def _norm_of(link: Any) -> str | None:
    if isinstance(link, Mapping):
        return link.get("norm") or None
    return None


def score_links(gold: Iterable[Rec], pred: Iterable[Rec], docs: Iterable[str] | None = None) -> LinkReport:
    """Score the links of ``pred`` against ``gold`` (records with ``program``, ``actor`` and
    ``partners`` fields), as the record contract says: per field, F1 over the links that exist,
    on records found by both sides."""
    g, p = _group(gold), _group(pred)
    doc_ids = list(dict.fromkeys(docs if docs is not None else (d for d, _ in g)))
    rep = LinkReport()
    for d in doc_ids:
        for t in ("number", "program"):
            gs, ps = g.get((d, t), []), p.get((d, t), [])
            # links gold copies each record's span and norm only: records pair on norm (numbers
            # too), one to one in document order
            pairs = match(gs, ps, "program", False)
            rep.matched[t] += len(pairs)
            for gi, pi in pairs:
                gr, pr = gs[gi], ps[pi]
                for rt, fname in LINK_FIELDS:
                    if rt != t:
                        continue
                    key = f"{t}.{fname}"
                    c = Counts()
                    if fname == "partners":
                        gn = Counter(x for x in (_norm_of(v) for v in gr.get(fname) or []) if x)
                        pn = Counter(x for x in (_norm_of(v) for v in pr.get(fname) or []) if x)
                        c = Counts(sum(gn.values()), sum(pn.values()), sum((gn & pn).values()))
                        if gn != pn:
                            rep.errors.append((d, key, "、".join(sorted(gn.elements())) or None, "、".join(sorted(pn.elements())) or None, gr))
                    else:
                        gl, pl = _norm_of(gr.get(fname)), _norm_of(pr.get(fname))
                        c = Counts(int(gl is not None), int(pl is not None), int(gl is not None and gl == pl))
                        both = gl is not None and pl is not None
                        rep.lenient[key].add(Counts(c.gold, c.pred, int(both and names_match(gl, pl, True))))
                        if gl != pl:
                            rep.errors.append((d, key, gl, pl, gr))
                    rep.fields[key].add(c)
                    rep.by_doc[d][key].add(c)
    for rt, fname in LINK_FIELDS:
        rep.fields[f"{rt}.{fname}"]  # noqa: B018 - every field appears
    for d in doc_ids:
        gold_issuer = _implied(g.get((d, "number"), []) + g.get((d, "program"), []))
        if gold_issuer is not None:
            read = _implied(p.get((d, "number"), []) + p.get((d, "program"), []))
            rep.issuers += 1
            rep.issuers_right += gold_issuer == read
            rep.issuers_lenient += read is not None and names_match(gold_issuer, read, True)
    return rep


def _implied(records: list[Rec]) -> str | None:
    """The issuer a document's records credit: the norm its implied actors name most often."""
    names = Counter(a.get("norm") for r in records if isinstance(a := r.get("actor"), dict) and a.get("implied") and a.get("norm"))
    return names.most_common(1)[0][0] if names else None


def _every_entry_has(path: str | Path, key: str) -> bool:
    """A gold folder whose manifest's entries all have ``key``."""
    manifest = Path(path) / "manifest.jsonl"
    if not manifest.is_file():
        return False
    entries = read_jsonl(manifest)
    return bool(entries) and all(key in e for e in entries)


def is_links_gold(path: str | Path) -> bool:
    """A links gold folder: its manifest's entries name ``links`` files."""
    return _every_entry_has(path, "links")


def load_links_gold(path: str | Path, texts: str | Path | None = None, shared: str | Path | None = None,
                    left_out: list[str] | None = None) -> list[GoldDoc]:
    """The documents of a links gold folder: ``manifest.jsonl`` entries with ``id``, ``source``
    (a text path relative to the folder, ``shared:…`` or ``scraped:…``) and ``links`` (the
    document's number and program records with their link fields)."""
    path = Path(path)
    return [GoldDoc(e["id"], text, read_jsonl(path / e["links"]), bool(e.get("split")))
            for e, text in manifest_texts(path, texts, shared, left_out)]


def link_gold_records(doc: GoldDoc, names: list[dict], *, model: bool = True) -> list[dict]:
    """The linker alone: run on ``names`` (the gold's own records of ``doc``, every type) instead
    of the extractors' records, so that every target a link may name is there with the gold's
    norm. Scored, this measures the linker's decisions apart from what extraction misses."""
    from .document import Document
    from .links import link
    from .records import from_dict

    if doc.split:
        raise ValueError(f"{doc.id}: the linker on gold records takes whole documents, not a file of several reports")
    d = Document(doc.text, doc.id)
    records = [from_dict(r) for r in names if r.get("doc", doc.id) == doc.id]
    return [r.to_dict() for r in link(d, records, model=model)]


def evaluate_links(gold_path: str | Path, pred_path: str | Path | None = None, *, texts: str | Path | None = None,
                   shared: str | Path | None = None, model: bool = True,
                   gold_records: bool = False, left_out: list[str] | None = None) -> tuple[LinkReport, list[GoldDoc]]:
    """Score links (predicted JSONL, or the extractors and linker run now) against a links gold
    folder; with ``gold_records``, the linker run on the gold's own records of every type (its
    manifest's ``names`` files): :func:`link_gold_records`. ``left_out``: as :func:`evaluate`."""
    docs = load_links_gold(gold_path, texts, shared, left_out)
    gold = [r for d in docs for r in d.records]
    ids = [i for d in docs for i in gold_doc_ids(d)]
    if pred_path is not None:
        pred = read_jsonl(pred_path)
    elif gold_records:
        path = Path(gold_path)
        entries = read_jsonl(path / "manifest.jsonl")
        unnamed = [e["id"] for e in entries if not e.get("names")]
        if unnamed:
            raise InputError(f"the linker on gold records needs each document's name gold (a 'names' file in the manifest); "
                             f"{len(unnamed)} have none: {', '.join(unnamed[:3])}", source=str(path / "manifest.jsonl"))
        names = {e["id"]: read_jsonl(path / e["names"]) for e in entries}
        pred = [r for d in docs for r in link_gold_records(d, names[d.id], model=model)]
    else:
        pred = [r for d in docs for r in predict(d, model=model)]
    return score_links(gold, pred, ids), docs


def is_issuers_gold(path: str | Path) -> bool:
    """An issuers gold folder: each manifest entry gives its report's ``issuer``."""
    return _every_entry_has(path, "issuer")


@dataclass
class IssuerReport:
    """The issuing body read per document against the gold's: right when the norms are equal."""

    #: (doc, gold norm, predicted norm, gold start, predicted start)
    rows: list[tuple[str, str | None, str | None, int | None, int | None]] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(g == p for _, g, p, _, _ in self.rows)

    @property
    def right_start(self) -> int:
        return sum(g == p and gs == ps for _, g, p, gs, ps in self.rows)

    def to_dict(self) -> dict[str, Any]:
        return {"documents": len(self.rows), "right": self.right, "right_with_start": self.right_start,
                "by_doc": [dict(zip(("doc", "gold", "pred", "gold_start", "pred_start"), r)) for r in self.rows]}


def evaluate_issuers(gold_path: str | Path, pred_path: str | Path | None = None, *, texts: str | Path | None = None,
                     shared: str | Path | None = None, model: bool = True,
                     left_out: list[str] | None = None) -> tuple[IssuerReport, list[GoldDoc]]:
    """Score the issuing body the linker reads (:func:`wfltext.links.issuer`) against an issuers
    gold folder: manifest entries with ``issuer`` (``norm``, ``start``, ``end``, ``text``).
    ``left_out``: as :func:`evaluate`."""
    from .analysis import analyze_source
    from .links import issuer

    if pred_path is not None:
        raise InputError("an issuers gold is scored on the extractors run now, not on a file of records", source=str(pred_path))
    rep, docs = IssuerReport(), []
    for e, text in manifest_texts(Path(gold_path), texts, shared, left_out):
        gold = e.get("issuer") or {}
        docs.append(GoldDoc(e["id"], text, [gold]))
        d = analyze_source(text, e["id"], model=model)
        body = issuer(d, d.records, model=model)
        rep.rows.append((e["id"], gold.get("norm"), body.norm if body else None, gold.get("start"), body.start if body else None))
    return rep, docs


def format_issuer_report(rep: IssuerReport, *, by_doc: bool = False) -> str:
    n = len(rep.rows)
    lines = [f"issuing body right in {rep.right} of {n} documents ({rep.right / n if n else 0:.3f}); "
             f"with its first record's start too: {rep.right_start}"]
    if by_doc:
        lines += [f"{d[:43]:<44}{'ok' if g == p else '--':<4}" for d, g, p, _, _ in rep.rows]
    return "\n".join(lines)


def wilson(right: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson's 95% interval of a share of ``right`` in ``n`` (the issuing body: one decision a
    document, so the documents are the draws).

    >>> [round(x, 3) for x in wilson(12, 26)]
    [0.288, 0.645]
    """
    if not n:
        return (0.0, 1.0)
    p = right / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5
    return (max(0.0, centre - half), min(1.0, centre + half))


def format_issuer_errors(rep: IssuerReport, docs: list[GoldDoc]) -> str:
    return "\n".join(f"{d}: gold {g}@{gs}, read {p}@{ps}" for d, g, p, gs, ps in rep.rows if g != p or gs != ps)


def format_link_report(rep: LinkReport, *, by_doc: bool = False) -> str:
    lines = [f"{'link':<18}{'P':>7}{'R':>7}{'F1':>7}   {'gold':>5}{'pred':>6}{'right':>6}   {'lenient F1':>10}"]
    for key, c in rep.fields.items():
        lenient = f"{rep.lenient[key].f1:>10.3f}" if key in rep.lenient else f"{'':>10}"
        lines.append(f"{key:<18}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}   {c.gold:>5}{c.pred:>6}{c.matched:>6}   {lenient}")
    lines.append(f"(on records found by both sides: {rep.matched.get('number', 0)} numbers, {rep.matched.get('program', 0)} programs;"
                 " lenient: a target's norm matching the gold's as names do leniently)")
    if rep.issuers:
        lines.append(f"issuing body (the implied actor): right in {rep.issuers_right} of {rep.issuers} documents with implied links"
                     f" ({rep.issuers_lenient} leniently)")
    if by_doc:
        lines.append("")
        lines.append(f"{'document':<44}{'link':<18}{'F1':>7}{'gold':>6}{'pred':>6}")
        for d, fs in rep.by_doc.items():
            for key, c in fs.items():
                if c.gold or c.pred:
                    lines.append(f"{d[:43]:<44}{key:<18}{c.f1:>7.3f}{c.gold:>6}{c.pred:>6}")
    return "\n".join(lines)


def link_intervals(rep: LinkReport, *, level: float = 0.95, resamples: int = RESAMPLES, seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Percentile bootstrap intervals of each link field's F1 (strict), the documents drawn
    with replacement as :func:`intervals` draws them."""
    docs = list(rep.by_doc.values())
    if not docs:
        return {key: (c.f1, c.f1) for key, c in rep.fields.items()}
    draws = _draws(len(docs), resamples, seed)
    lo_k, hi_k = _ends(level, resamples)
    out = {}
    for key in rep.fields:
        f1s = sorted(_f1s([d[key] if key in d else Counts() for d in docs], draws))
        out[key] = (f1s[lo_k], f1s[hi_k])
    return out


def format_link_intervals(rep: LinkReport, level: float = 0.95) -> str:
    """The table of :func:`link_intervals`."""
    ci = link_intervals(rep, level=level)
    lines = [_heading(len(rep.by_doc), level), f"{'link':<18}{'F1':>7}{'interval':>18}"]
    for key, c in rep.fields.items():
        lo, hi = ci[key]
        lines.append(f"{key:<18}{c.f1:>7.3f}{f'[{lo:.3f}, {hi:.3f}]':>18}")
    return "\n".join(lines)


def format_link_errors(rep: LinkReport, docs: list[GoldDoc], context: int = 16) -> str:
    texts = {d.id: d.text for d in docs}
    out = []
    for d, key, gl, pl, r in rep.errors:
        t = texts.get(d, "")
        s, e = r.get("start", 0), r.get("end", 0)
        ctx = (t[max(0, s - context) : s] + "[" + t[s:e] + "]" + t[e : e + context]).replace("\n", "⏎").replace("\r", "")
        out.append(f"{key:<17} {d}:{s} gold={gl!s:<14} pred={pl!s:<14} …{ctx}…")
    return "\n".join(out)


__all__ = ["score", "pool", "intervals", "format_intervals", "differences", "format_differences", "report_from_dict",
           "link_intervals", "format_link_intervals", "wilson",
           "gold_parts", "ChangedText", "score_links", "evaluate_links", "link_gold_records", "load_links_gold", "is_links_gold", "LinkReport", "LINK_FIELDS",
           "format_link_report", "format_link_errors", "match", "evaluate", "load_gold", "predict", "Report", "Counts",
           "format_report", "format_errors", "number_key", "names_match", "gold_parts"]
