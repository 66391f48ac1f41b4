"""Training the name tagger from gold folders: ``wfltext train corpus/gold``.

Deterministic: the same gold gives the same examples in the same order and crfsuite's L-BFGS
has no random start, so the same data makes the same model file (a test checks it). The
training data's digest goes into the model's metadata.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable, Sequence

from .features import lexicons_digest, trigger_pattern, window_features
from .tagger import FEATURES_NAME, LABELS, META_NAME, MODEL_NAME, POLICIES, ModelInfo, OriginalIndex, token_arrays, write_features

#: bump when the features change: a model is only valid with the features it was trained with
FEATURES_VERSION = 2
#: crfsuite parameters (L-BFGS with elastic-net regularization); chosen on the held-out sets
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}
#: how the model's spans join the rules' records per type (measured on the untouched sets: docs/learning.md)
DEFAULT_POLICY = {"program": "rules", "organization": "add", "slogan": "rules"}
#: the least label marginal a model span needs (measured: docs/learning.md)
THRESHOLD = 0.9


def gold_labels(doc, records: Iterable[dict], starts: Sequence[int], ends: Sequence[int]) -> list[str]:
    """BIO label per token from gold records (original offsets); a token takes the first
    (longest) name that covers it; names of other types inside it are left out."""
    import bisect

    n = len(starts)
    labels = ["O"] * n
    idx = OriginalIndex(doc)
    spans = []
    for r in records:
        stem = LABELS.get(r.get("type", ""))
        if stem is None:
            continue
        span = idx.span(r["start"], r["end"])
        if span is not None:
            spans.append((span[1] - span[0], span[0], span[1], stem))
    spans.sort(key=lambda t: (-t[0], t[1]))
    for _, s, e, stem in spans:
        i = max(bisect.bisect_right(starts, s) - 1, 0)
        j = i
        while j < n and starts[j] < e:
            j += 1
        if j <= i or any(labels[k] != "O" for k in range(i, j)):
            continue
        labels[i] = "B-" + stem
        for k in range(i + 1, j):
            labels[k] = "I-" + stem
    return labels


#: a character triggers the tagger when at least this share of the tokens it ends in the gold
#: end a program or organization name (and two names at least): 联 委 班 赛 程 校 … but not 大 or 心
TRIGGER_PRECISION = 0.2


def name_ends(gold_dirs: Sequence[str | Path], shared: str | Path | None = None, least: int = 2,
              precision: float = TRIGGER_PRECISION, texts: str | Path | None = None,
              types: Sequence[str] | None = None) -> str:
    """The characters the tagger looks for names before: those that end names in the gold, and
    end few tokens that are not names (read off the gold's documents and their jieba tokens).
    ``types``: the record types the model learns (default: all of :data:`LABELS`)."""
    from collections import Counter

    from ..document import Document

    ending = tuple(t for t in ("program", "organization") if types is None or t in types)
    ends: Counter[str] = Counter()
    token_ends: Counter[str] = Counter()
    for gold_dir in gold_dirs:
        for gd in _gold(gold_dir, shared, texts):
            for w in token_arrays(Document(gd.text, gd.id))[0]:
                if w.strip():
                    token_ends[w[-1]] += 1
            for r in gd.records:
                if r.get("type") in ending and r.get("norm"):
                    ends[r["norm"][-1]] += 1
    return "".join(sorted(ch for ch, n in ends.items()
                          if n >= least and n >= precision * token_ends.get(ch, 0)))


def examples(gold_dirs: Sequence[str | Path], triggers: str, shared: str | Path | None = None,
             texts: str | Path | None = None, types: Sequence[str] | None = None):
    """(document id, features, labels) of every window of every gold document, in a fixed order;
    with ``types``, only the names of those record types are labelled (a gold set that annotates
    one type alone can teach a model of that type)."""
    from ..document import Document
    from ..evaluate import gold_parts

    pattern = trigger_pattern(triggers)
    for gold_dir in gold_dirs:
        for gd in sorted(_gold(gold_dir, shared, texts), key=lambda g: g.id):
            for did, s, e in gold_parts(gd):
                doc = Document(gd.text[s:e], did)
                recs = [r for r in gd.records if r.get("doc", did) == did and (types is None or r.get("type") in types)]
                words, starts, ends = token_arrays(doc)
                if not words:
                    continue
                labels = gold_labels(doc, recs, starts, ends)
                for a, feats in window_features(doc.text, words, starts, ends, pattern):
                    yield did, feats, labels[a : a + len(feats)]


def _pages(gold_dir: str | Path, texts: str | Path | None) -> Path | None:
    """The folder of a scraped set's web pages: ``texts/<the set's folder name>`` (None: the
    loader's default, ``$WFLTEXT_SCRAPED_TEXTS``)."""
    return Path(texts) / Path(gold_dir).name if texts else None


def _gold(gold_dir: str | Path, shared: str | Path | None, texts: str | Path | None):
    from ..evaluate import load_gold

    return load_gold(gold_dir, _pages(gold_dir, texts), shared)


def data_digest(gold_dirs: Sequence[str | Path], shared: str | Path | None = None,
                types: Sequence[str] | None = None) -> str:
    """sha256 of the training data: every document's id, the sha256 of its text and its gold
    records. A web page's text is named by the sha256 its set's manifest holds (the loader
    checks every page against it before training), so the digest is known where the pages are
    not (a test checks the shipped model's)."""
    from ..evaluate import _manifest_text, default_shared, load_gold, read_jsonl

    h = hashlib.sha256()
    if types is not None:  # a model of some types only: its data are those types' names
        h.update(("types:" + ",".join(sorted(types))).encode())
    for gold_dir in gold_dirs:
        folder = Path(gold_dir)
        if not (folder / "manifest.jsonl").is_file():  # a gold JSONL file
            for gd in sorted(load_gold(folder, shared=shared), key=lambda g: g.id):
                _digest_doc(h, gd.id, hashlib.sha256(gd.text.encode()).hexdigest(), gd.records)
            continue
        shared_dir = Path(shared) if shared else default_shared(folder.resolve())
        for e in sorted(read_jsonl(folder / "manifest.jsonl"), key=lambda e: e["id"]):
            if e["source"].startswith("scraped:"):
                sha = e["sha256"]
            else:
                sha = hashlib.sha256(_manifest_text(folder, e, None, shared_dir).encode()).hexdigest()
            _digest_doc(h, e["id"], sha, read_jsonl(folder / e["gold"]))
    return h.hexdigest()


def _digest_doc(h, doc_id: str, text_sha: str, records: list[dict]) -> None:
    h.update(doc_id.encode())
    h.update(text_sha.encode())
    for r in records:
        h.update(json.dumps(r, ensure_ascii=False, sort_keys=True).encode())


def _set_name(gold_dir: str | Path) -> str:
    """A gold folder as the model's metadata names it: relative to the project when inside it."""
    path = Path(gold_dir).resolve()
    root = Path(__file__).resolve().parents[2]
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return Path(gold_dir).as_posix()


def train(
    gold_dirs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    policy: dict[str, str] | None = None,
    threshold: float = THRESHOLD,
    params: dict | None = None,
    shared: str | Path | None = None,
    texts: str | Path | None = None,
    types: Sequence[str] | None = None,
) -> ModelInfo:
    """Train a model on ``gold_dirs`` into ``out_dir`` (``names.crfsuite``, its features
    ``names.features`` and ``names.json``). ``texts``: a folder holding one folder of web pages
    per scraped set, by the set's folder name (each page checked against its manifest's sha256).
    ``types``: the record types whose names the model learns (default: all three; a model of
    fewer labels the others ``O``, so a gold set annotating one type alone can be used)."""
    import pycrfsuite

    policy = dict(DEFAULT_POLICY if policy is None else policy)
    for t, p in policy.items():
        if t not in LABELS or p not in POLICIES:
            raise ValueError(f"bad policy {t}={p}: types {', '.join(LABELS)}, policies {', '.join(POLICIES)}")
    if types is not None and not set(types) <= set(LABELS):
        raise ValueError(f"bad types {', '.join(types)}: types {', '.join(LABELS)}")
    params = dict(PARAMS if params is None else params)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(params)
    docs: set[str] = set()
    tokens = 0
    triggers = name_ends(gold_dirs, shared, texts=texts, types=types)
    for did, xseq, yseq in examples(gold_dirs, triggers, shared, texts, types):
        trainer.append(xseq, yseq)
        docs.add(did.split("#")[0])
        tokens += len(yseq)
    tmp = out / (MODEL_NAME + ".tmp")
    trainer.train(str(tmp))
    tmp.replace(out / MODEL_NAME)
    write_features(out / MODEL_NAME, out / FEATURES_NAME)
    info = ModelInfo(
        version=FEATURES_VERSION,
        digest=data_digest(gold_dirs, shared, types),
        sets=[_set_name(d) for d in gold_dirs],
        training_docs=len(docs),
        training_tokens=tokens,
        triggers=triggers,
        lexicons=lexicons_digest(),
        policy=policy,
        params=params,
        threshold=threshold,
    )
    (out / META_NAME).write_text(json.dumps(info.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    from .tagger import load

    load.cache_clear()
    return info


__all__ = ["train", "examples", "data_digest", "gold_labels", "DEFAULT_POLICY", "PARAMS", "THRESHOLD", "FEATURES_VERSION"]
