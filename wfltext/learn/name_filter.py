"""A learned filter over the program and organization records: keep a record or drop it.
Measured and not in the pipeline: on the sets of real pages nobody studied it did not lift
the figures (docs/learning.md, "A learned filter over the name records, measured and dropped").

The rules and the name tagger emit a program or organization record wherever their patterns
hold; on real pages some of those are no names (a heading's words, a kind of body, a work area).
This filter scores each emitted record of a type with a small logistic model — a dot product of
general properties a reader uses — and drops it when the model's probability that the record
names a gold record falls below the type's threshold. The properties:

- which rule made the record (``rule``, each rule seen often enough in training a category of
  its own) and the class of its head in the project's lexicons (the kind of
  ``program_heads.tsv``, the needs of ``org_heads.tsv``);
- the name: its length, quotes or 《》 in it, digits, Latin letters or masks, a norm built rather
  than read (a shared head filled in), whether its edges fall on jieba's token edges, ``noisy``;
- where it stands: in the page's first line, first three or last three lines, a report-title
  line, an outline heading, a short line or a line it mostly fills, a line without a sentence's
  end; its place in the page and the depth of its section;
- its neighbours: the class of the characters before and after it (punctuation, a line's edge,
  a quote, a digit, a Latin letter, a function character, Chinese), a record of the same type
  right before or after it (a coordination);
- how often the page names it: the records of the type with the same norm, the norm's
  occurrences in the text, the first mention or a later one.

Nothing names a page or a word of one. A record's label, in training, is whether the evaluator's
lenient matching (:func:`wfltext.evaluate.match`) pairs it with a gold record of its type: the
filter is to drop records that name nothing, not to choose between two edges of a right name.
Trained by :mod:`wfltext.learn.name_filter_train` with the issuing-body ranker's trainer
(:func:`wfltext.learn.issuer.fit`: standardized features, L2, plain gradient descent from zero,
weights rounded), one model per type::

    python -m wfltext.learn.name_filter_train corpus/gold corpus/heldout corpus/scraped/study \\
        corpus/scraped/dev corpus/scraped/dev2 corpus/scraped/dev3 corpus/scraped/final4 \\
        --texts PAGES -o name_filter.json

The same data give the same file, which holds the training data's digest.
``keep(doc, records, load("name_filter.json"))`` applies it to a document's records (the types
the file names); ``benchmarks/name_filter_cv.py`` measures it, each set left out in turn.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..tokenize import on_word_bound

if TYPE_CHECKING:
    from ..document import Document
    from ..records import Record

#: the version of the features below: a model made for other features is not used
FEATURE_VERSION = 1
#: the types the filter may judge
TYPES = ("program", "organization")
#: a feature (a rule, a class, a flag) counts when at least this many training records of the
#: type have it
MIN_SUPPORT = 20
#: the probability thresholds the training chooses among (0: keep every record)
THRESHOLDS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)

_PUNCT = set("，。、；：！？,.;:!?…—-（）()[]【】<>〈〉·/|")
_QUOTES = set("“”‘’\"'「」『』《》")
_FUNCTION = set("的等和与及或之")
_MASKS = set("*＊×xX_")
_SENTENCE_END = set("。！？；!?;")
_QUANTIFIER = set("各每类级全所些")


def _char_class(ch: str) -> str:
    if not ch or ch == "\n":
        return "edge"
    if ch in _QUOTES:
        return "quote"
    if ch in _PUNCT:
        return "punct"
    if ch.isspace():
        return "space"
    if ch.isdigit() or ch in "一二三四五六七八九十百千万零两":
        return "digit"
    if ch in _MASKS or ch.isascii():
        return "latin"
    if ch in _FUNCTION:
        return "function"
    if ch in _QUANTIFIER:
        return "quantifier"
    return "han"


CHAR_CLASSES = ("edge", "quote", "punct", "space", "digit", "latin", "function", "quantifier", "han")


@lru_cache(maxsize=None)
def _words() -> dict[str, frozenset[str]]:
    """The lexicons whose words the features ask about: the words that end an organization's
    left side, the verbs and particles before a program, level words."""
    from .. import lexicons

    return {
        "org_stop": frozenset(r[0] for r in lexicons.table("org_stopwords.tsv")),
        "program_boundary": frozenset(lexicons.entries("program_boundaries.txt")),
        "level": frozenset(r[0] for r in lexicons.table("org_levels.tsv")),
    }


@lru_cache(maxsize=None)
def _brands() -> "re.Pattern[str]":
    """A search for any brand word of Party-mass programs (``program_brands.txt``)."""
    from .. import lexicons

    return re.compile(lexicons.trie_pattern(lexicons.entries("program_brands.txt")))


def _starts_with(norm: str, words: frozenset[str], longest: int = 6) -> bool:
    return any(norm[:k] in words for k in range(1, min(longest, len(norm)) + 1))


@lru_cache(maxsize=None)
def _heads(type_: str) -> tuple[dict[str, str], int]:
    """Head word -> its class in the type's head table, and the longest head's length."""
    from .. import lexicons

    if type_ == "program":
        rows = {r[0]: r[1] for r in lexicons.table("program_heads.tsv") if len(r) > 1}
    else:
        rows = {r[0]: r[1].split(",")[0] for r in lexicons.table("org_heads.tsv") if len(r) > 1}
    return rows, max(map(len, rows))


def head_class(type_: str, norm: str) -> str:
    """The class of the longest head of the type's table that ends ``norm`` ("none" without)."""
    heads, longest = _heads(type_)
    for k in range(min(longest, len(norm)), 0, -1):
        c = heads.get(norm[-k:])
        if c is not None:
            return c
    return "none"


@dataclass
class _Page:
    """What the features of one page's records read, computed once a page."""

    text: str
    starts: Any  # normalized index -> original start
    n: int
    line_starts: list[int]
    line_ends: list[int]
    first: int  # index of the first non-blank line
    last3: int  # index of the third non-blank line from the end
    first3: int  # index of the third non-blank line
    title_lines: set[int]
    headings: list[tuple[int, int]]
    words: list[str]
    token_ends: list[int]


def page_context(doc: "Document") -> _Page:
    from ..extract.organizations import title_lines

    text = doc.text
    line_starts, line_ends = [], []
    pos = 0
    for line in text.split("\n"):
        line_starts.append(pos)
        line_ends.append(pos + len(line))
        pos += len(line) + 1
    filled = [i for i, (s, e) in enumerate(zip(line_starts, line_ends)) if text[s:e].strip()] or [0]
    titles = {bisect.bisect_right(line_starts, s) - 1 for s, _ in title_lines(text)}
    from ..outline import walk

    headings = sorted((s.start, s.heading_end) for s in walk(doc.outline) if not s.inline)
    return _Page(text, doc.normalized.offsets.starts, len(text), line_starts, line_ends, filled[0],
                 filled[max(0, len(filled) - 3)], filled[min(2, len(filled) - 1)], titles, headings,
                 doc.words, doc.token_ends)


def _normalized(page: _Page, start: int, end: int) -> tuple[int, int]:
    """The normalized span of an original span (the first normalized characters at or after its
    edges)."""
    s = bisect.bisect_left(page.starts, start)
    e = bisect.bisect_left(page.starts, end, lo=s)
    return min(s, page.n), max(min(e, page.n), min(s, page.n))


def record_features(doc: "Document", records: Sequence["Record"], page: _Page | None = None) -> list[dict[str, float]]:
    """The features of each of ``records`` (records of one type of ``doc``), by name."""
    from ..records import canonical

    page = page or page_context(doc)
    text = page.text
    spans = [_normalized(page, r.start, r.end) for r in records]
    order = sorted(range(len(records)), key=lambda i: (spans[i][0], spans[i][1]))
    rank = {i: k for k, i in enumerate(order)}
    by_norm: dict[str, list[int]] = {}
    for i in order:
        by_norm.setdefault(records[i].norm, []).append(i)
    occurs: dict[str, int] = {}
    out = []
    for i, r in enumerate(records):
        s, e = spans[i]
        norm = r.norm
        f: dict[str, float] = {f"rule={r.rule}": 1.0, f"head={head_class(r.type, norm)}": 1.0}
        f["length"] = float(len(norm))
        f["short"] = float(len(norm) <= 3)
        f["long"] = float(len(norm) >= 10)
        surface = text[s:e]
        f["quoted"] = float(any(c in _QUOTES for c in surface) or (s > 0 and text[s - 1] in "“《" and e < page.n and text[e] in "”》"))
        f["digits"] = float(any(c.isdigit() for c in norm))
        f["latin"] = float(any(c.isascii() and c.isalpha() or c in _MASKS for c in norm))
        f["built"] = float(canonical(surface) != norm)
        f["token_start"] = float(on_word_bound(page.token_ends, s))
        f["token_end"] = float(e > 0 and on_word_bound(page.token_ends, e))
        f["noisy"] = float(bool(r.noisy))
        lex = _words()
        k = bisect.bisect_left(page.token_ends, s)
        before = page.words[k] if s > 0 and k < len(page.token_ends) and page.token_ends[k] == s else ""
        f["before_org_stop"] = float(before in lex["org_stop"])
        f["before_program_boundary"] = float(before in lex["program_boundary"])
        f["level_prefix"] = float(_starts_with(norm, lex["level"]))
        f["brand"] = float(_brands().search(norm) is not None)
        li = bisect.bisect_right(page.line_starts, s) - 1
        ls, le = page.line_starts[li], page.line_ends[li]
        line = text[ls:le].strip()
        f["first_line"] = float(li <= page.first)
        f["first3"] = float(li <= page.first3)
        f["last3"] = float(li >= page.last3)
        f["title_line"] = float(li in page.title_lines)
        h = bisect.bisect_right(page.headings, (s, page.n)) - 1
        f["heading"] = float(h >= 0 and page.headings[h][0] <= s < page.headings[h][1])
        f["short_line"] = float(len(line) <= 25)
        f["fills_line"] = float(len(line) > 0 and (e - s) * 2 >= len(line))
        f["no_sentence_end"] = float(not any(c in _SENTENCE_END for c in line))
        f["position"] = s / page.n if page.n else 0.0
        f["depth"] = float(len(r.section))
        f[f"before={_char_class(text[s - 1] if s > 0 else '')}"] = 1.0
        f[f"after={_char_class(text[e] if e < page.n else '')}"] = 1.0
        k = rank[i]
        prev_end = spans[order[k - 1]][1] if k > 0 else -10
        next_start = spans[order[k + 1]][0] if k + 1 < len(order) else page.n + 10
        f["joined_before"] = float(0 <= s - prev_end <= 1)
        f["joined_after"] = float(0 <= next_start - e <= 1)
        same = by_norm[norm]
        f["mentions"] = math.log1p(len(same))
        f["later_mention"] = float(same[0] != i)
        if norm not in occurs:
            occurs[norm] = text.count(norm) if norm else 0
        f["occurs"] = math.log1p(occurs[norm])
        out.append(f)
    return out


def feature_names(rows: Iterable[dict[str, float]], type_: str) -> list[str]:
    """The names a model of ``type_`` has weights for: the features of at least
    :data:`MIN_SUPPORT` of the rows (not zero there), sorted (the same rows give the same
    names), and ``rule=other`` for the rules below that. A feature few records have would be
    scaled up by its small spread: standardized, one page's odd neighbour would decide."""
    support: dict[str, int] = {}
    for f in rows:
        for k, v in f.items():
            if v:
                support[k] = support.get(k, 0) + 1
    return sorted(k for k, n in support.items() if n >= MIN_SUPPORT) + ["rule=other"]


def vector(f: dict[str, float], names: Sequence[str]) -> list[float]:
    out = [f.get(n, 0.0) for n in names]
    if "rule=other" in names and not any(k.startswith("rule=") and k in names for k in f):
        out[names.index("rule=other")] = 1.0
    return out


# ----------------------------------------------------------------------------------------------
# the model at work


def load(path: str | Path) -> dict[str, Any] | None:
    """The models of the types a filter file judges (``{"organization": {...}}``); None when there
    is no file, it was made for other features, or it judges no type."""
    return _read(str(path))


@lru_cache(maxsize=8)
def _read(path: str) -> dict[str, Any] | None:
    p = Path(path)
    if not p.is_file():
        return None
    data = json.loads(p.read_text(encoding="utf-8"))
    if data.get("version") != FEATURE_VERSION:
        return None
    models = {t: prepared(m) for t, m in data.get("models", {}).items() if t in data.get("types", ())}
    return models or None


def clear_cache() -> None:
    """Forget the files read (a file written anew is read again)."""
    _read.cache_clear()


def prepared(model: dict[str, Any]) -> dict[str, Any]:
    """A model with its weights folded for scoring: each feature's weight over its scale, and
    the bias less the means' share (one multiply-add per feature a record has)."""
    w, mean, scale = model["weights"], model["mean"], model["scale"]
    coef = {n: w[k] / scale[k] for k, n in enumerate(model["features"])}
    return {**model, "_coef": coef, "_base": model["bias"] - sum(w[k] * mean[k] / scale[k] for k in range(len(w)))}


def probabilities(model: dict[str, Any], rows: Sequence[dict[str, float]]) -> list[float]:
    """The model's probability that each record (its features ``rows``) names a gold record."""
    model = model if "_coef" in model else prepared(model)
    coef, base = model["_coef"], model["_base"]
    other = coef.get("rule=other", 0.0)
    out = []
    for f in rows:
        z = base
        rule_known = False
        for name, v in f.items():
            c = coef.get(name)
            if c is not None:
                z += c * v
                rule_known = rule_known or name.startswith("rule=")
        if not rule_known:
            z += other
        out.append(1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z)))))
    return out


def keep(doc: "Document", records: list["Record"], models: dict[str, Any] | None) -> list["Record"]:
    """``records`` of ``doc`` without those of a type ``models`` judges whose probability is below
    the type's threshold (``records`` itself when nothing is dropped)."""
    if not models:
        return records
    drop: set[int] = set()
    page = None
    for t, m in models.items():
        of_type = [r for r in records if r.type == t]
        if not of_type:
            continue
        page = page or page_context(doc)
        for r, p in zip(of_type, probabilities(m, record_features(doc, of_type, page))):
            if p < m["threshold"]:
                drop.add(id(r))
    return [r for r in records if id(r) not in drop] if drop else records
