"""The learned name tagger: a linear-chain CRF over jieba tokens (python-crfsuite).

It labels programs, organizations and slogans with BIO tags, one sequence per line of the
normalized text. The rules' own candidates are among its features, so it learns where the rules
are right and reaches names their tables do not list (heads like 读书班, 绿证班, 成人仪式;
organizations named by kind). How its spans and the rules' records are combined is decided per
record type by measurement and stored with the model (``policy`` in the model's metadata):

- ``rules``: the rules alone (the model is not used for that type);
- ``model``: the model's spans alone;
- ``add``: the rules' records, plus the model's spans that overlap none of them (the tagger
  then looks only where the rules found nothing, which is also what keeps it cheap).

The model file and its metadata ship in ``wfltext/models``; the metadata holds the digest of the
training data, which a corpus store keeps with its records (``model_digest``).
"""

from __future__ import annotations

import bisect
import json
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from ..records import RECORD_CLASSES, Record
from .features import KnownFeatures, trigger_pattern, window_features, windows

if TYPE_CHECKING:
    from ..document import Document

#: record type <-> BIO label stem
LABELS = {"program": "PRG", "organization": "ORG", "slogan": "SLO"}
TYPES = {v: k for k, v in LABELS.items()}
MODEL_NAME = "names.crfsuite"
META_NAME = "names.json"
#: the features the model has weights for, one a line (written by training beside the model;
#: read instead of asking crfsuite for them, which costs a process a twentieth of a second)
FEATURES_NAME = "names.features"
POLICIES = ("rules", "model", "add")


@dataclass
class ModelInfo:
    """The metadata that ships beside a model file."""

    version: int
    digest: str
    training_docs: int
    training_tokens: int
    policy: dict[str, str] = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    #: a model span whose least label marginal is under this is dropped
    threshold: float = 0.0
    #: the characters names end in (read off the training gold): windows end at them
    triggers: str = ""
    #: digest of the lexicons the features read (features.FEATURE_LEXICONS) at training time
    lexicons: str = ""
    #: the gold folders it was trained on (relative to the project when inside it)
    sets: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path | str) -> "ModelInfo":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def model_dir() -> Path:
    return Path(str(resources.files("wfltext").joinpath("models")))


class NameTagger:
    """A loaded model. ``tag(doc, records)`` gives ``(type, nstart, nend)`` spans."""

    def __init__(self, model_path: Path | str, info: ModelInfo, features: Path | str | None = None) -> None:
        import pycrfsuite

        self.path = Path(model_path)
        self.info = info
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))
        #: spans whose least label marginal is under this are dropped (0: keep every span)
        self.threshold = float(info.threshold)
        #: last characters of the gold's names: where a name can end
        self.pattern = trigger_pattern(info.triggers)
        #: the features the model has weights for (the others are dropped before they are sent)
        self.known = KnownFeatures(known_features(self._tagger, features))
        #: the all-O screen (screen.Screen), made on the first document; None: every window is tagged
        self._screen: Any = None
        self.screening = True
        # a crfsuite tagger holds per-sequence state: one caller at a time
        self._lock = threading.Lock()

    def spans(self, doc: "Document", rule_records: Iterable[Record] = (),
              types: Iterable[str] | None = None) -> list[tuple[str, int, int]]:
        """The model's name spans in ``doc`` (normalized offsets), in document order; with
        ``types``, only the spans of those record types.

        Only windows before a trigger (a token that ends names in the gold, or a closing quote)
        are tagged, and none around a trigger inside one of ``rule_records``: the model adds
        names where the rules found none. Windows the model would label all O (or, with
        ``types``, without a name of those types) are passed over unasked (:mod:`.screen`;
        ``screening = False`` asks crfsuite about every window).
        """
        stems = None if types is None else tuple(sorted(LABELS[t] for t in types))
        words, starts, ends = token_arrays(doc)
        if not words:
            return []
        skip = covered(len(words), starts, rule_spans(doc, rule_records)) if rule_records else None
        out: list[tuple[str, int, int]] = []
        with self._lock:
            only = None
            if self.screening:
                found = windows(doc.text, starts, ends, self.pattern, skip)
                if self._screen is None:
                    self._screen = _make_screen(self._tagger, self.known, self.path)
                    self.screening = self._screen is not None  # without numpy, not asked again
                if self._screen is not None:
                    only = self._screen.to_tag(doc.text, words, starts, found, stems)
            for a, feats in window_features(doc.text, words, starts, ends, self.pattern, skip, self.known, only):
                labels = self._tagger.tag(feats)
                for stem, i, j in bio_spans(labels):
                    if stems is not None and stem not in stems:
                        continue
                    if self.threshold > 0 and self._confidence(labels, i, j) < self.threshold:
                        continue
                    out.append((TYPES[stem], starts[a + i], ends[a + j - 1]))
        return out

    def _confidence(self, labels: Sequence[str], i: int, j: int) -> float:
        """The least marginal probability of the span's labels (after ``tag``)."""
        return min(self._tagger.marginal(labels[k], k) for k in range(i, j))


def _make_screen(crf_tagger: Any, known: KnownFeatures, model_path: Path | None = None) -> Any:
    """The all-O screen of a model (the one at ``model_path``), or None without numpy (every
    window is then tagged)."""
    try:
        from .screen import Screen

        return Screen(crf_tagger, known, model_path)
    except ImportError:
        return None


def known_features(crf_tagger, path: Path | str | None = None) -> frozenset[str]:
    """The features an opened model has weights for: from the list written beside it when there
    is one, else from crfsuite."""
    if path is not None and Path(path).is_file():
        return frozenset(Path(path).read_text(encoding="utf-8").split("\n")) - {""}
    return frozenset(crf_tagger.info().attributes)


def write_features(model_path: Path | str, out: Path | str) -> None:
    """Write the features of the model at ``model_path`` to ``out``, sorted, one a line."""
    import pycrfsuite

    crf = pycrfsuite.Tagger()
    crf.open(str(model_path))
    Path(out).write_text("".join(f + "\n" for f in sorted(crf.info().attributes)), encoding="utf-8")
    crf.close()


def token_arrays(doc: "Document") -> tuple[list[str], list[int], list[int]]:
    """The words of ``doc`` with their normalized starts and ends (no original offsets needed)."""
    words, ends = doc.words, doc.token_ends
    # the words tile the text: a word starts where the one before it ends
    return words, ([0] + ends[:-1]) if ends else [], ends


def bio_spans(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(stem, first, last+1)`` token ranges of B/I runs (an I without a B starts a span)."""
    out = []
    cur: list = []
    for i, lab in enumerate(labels):
        if lab == "O":
            if cur:
                out.append(tuple(cur))
                cur = []
            continue
        pre, stem = lab[0], lab[2:]
        if pre == "B" or not cur or cur[0] != stem:
            if cur:
                out.append(tuple(cur))
            cur = [stem, i, i + 1]
        else:
            cur[2] = i + 1
    if cur:
        out.append(tuple(cur))
    return out


def rule_spans(doc: "Document", records: Iterable[Record]) -> list[tuple[int, int]]:
    """The normalized spans of the rules' program and organization records."""
    out = []
    o2n = OriginalIndex(doc)
    for r in records:
        if r.type in ("program", "organization"):
            span = o2n.span(r.start, r.end)
            if span is not None:
                out.append(span)
    return out


def covered(n: int, starts: Sequence[int], spans: Iterable[tuple[int, int]]) -> list[bool]:
    """Per token, whether it starts inside one of ``spans``."""
    flags = [False] * n
    for s, e in spans:
        i = max(bisect.bisect_right(starts, s) - 1, 0)
        while i < n and starts[i] < e:
            flags[i] = True
            i += 1
    return flags


class OriginalIndex:
    """Original offsets -> normalized offsets (the inverse of the document's offset map)."""

    def __init__(self, doc: "Document") -> None:
        # the offset map's own arrays: the original start and end of every normalized
        # character, both non-decreasing
        offsets = doc.normalized.offsets
        self._ostarts = offsets.starts
        self._oends = offsets.ends
        self._n = len(offsets.starts)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Normalized span covering original ``[start, end)``; None when nothing of it is left."""
        s = bisect.bisect_left(self._oends, start + 1)
        e = bisect.bisect_left(self._ostarts, end)
        if s >= e or s >= self._n:
            return None
        return s, e


_load_lock = threading.Lock()


@lru_cache(maxsize=4)
def load(path: str | None = None) -> NameTagger | None:
    """The shipped model, or the one in folder ``path`` or ``$WFLTEXT_MODEL_DIR``; None when there
    is no model there or python-crfsuite is missing (then the rules work alone)."""
    import os

    path = path or os.environ.get("WFLTEXT_MODEL_DIR")
    base = Path(path) if path else model_dir()
    model, meta = base / MODEL_NAME, base / META_NAME
    if not model.is_file() or not meta.is_file():
        return None
    try:
        import pycrfsuite  # noqa: F401
    except ImportError:
        return None
    with _load_lock:
        return NameTagger(model, ModelInfo.read(meta), base / FEATURES_NAME)


def combine(
    doc: "Document",
    records: list[Record],
    tagger: NameTagger | None = None,
    types: Iterable[str] | None = None,
    refuses: dict[str, Callable[[str, str], bool]] | None = None,
) -> list[Record]:
    """The records of ``doc`` after the model's spans are combined with the rules' per policy
    (for ``types`` only, all by default); ``records`` itself when the model changes nothing.
    ``refuses[type](norm, after)`` vetoes a model span the type's extractor would never emit (a
    bare type word such as 政协 or 村委会, a generic program name, a head before a character that
    makes it a position: 协会 before 长)."""
    tagger = tagger if tagger is not None else load()
    if tagger is None:
        return records
    wanted = set(LABELS if types is None else types)
    policy = {t: p for t, p in tagger.info.policy.items() if p != "rules" and t in wanted}
    if not policy:
        return records
    # speed: only the windows that may hold a name of a type the policy reads are tagged
    spans = tagger.spans(doc, [r for r in records if r.type in LABELS], types=tuple(policy))
    out = [r for r in records if policy.get(r.type) != "model"]
    by_type: dict[str, list[tuple[int, int]]] = {}
    for r in out:
        if r.type in policy:
            by_type.setdefault(r.type, []).append((r.start, r.end))
    for t in by_type:
        by_type[t].sort()
    for t, ns, ne in spans:
        mode = policy.get(t)
        if mode is None:
            continue
        ns, ne = _trim(doc.text, ns, ne)
        if ne <= ns:
            continue
        rec = doc.make_record(RECORD_CLASSES[t], ns, ne, rule="model")
        if not rec.norm or len(rec.norm) < 2:
            continue
        if refuses and t in refuses and refuses[t](rec.norm, doc.text[ne : ne + 1]):
            continue
        if mode == "add" and _overlaps(by_type.get(t, []), rec.start, rec.end):
            continue
        out.append(rec)
    return out


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether ``[s, e)`` overlaps one of ``spans`` (sorted, not overlapping each other)."""
    i = bisect.bisect_left(spans, (e, -1)) - 1
    return i >= 0 and spans[i][1] > s


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


__all__ = ["NameTagger", "ModelInfo", "load", "combine", "LABELS", "POLICIES"]
