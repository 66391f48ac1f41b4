"""Key sentences: the few sentences of a report that say most of what it is about.

Two ways of ranking the sentences are offered; both read the normalized text, cut into sentences
at 。！？ and line breaks, and leave out headings and fragments (fewer than
:data:`MIN_CHARS` characters) and page chrome that the normalizer kept:

- ``"textrank"`` (the default): snownlp's TextRank (``snownlp.summary.textrank``, BM25
  similarity between sentences, PageRank over them), what ``SnowNLP(text).summary()`` runs, given
  whole sentences and jieba's words instead of snownlp's clause splitting and slower segmenter.
  It is quadratic in the number of sentences, so only the first :data:`TEXTRANK_MAX` sentences
  are ranked.
- ``"keywords"``: jieba's TF-IDF keywords of the whole report
  (``jieba.analyse.extract_tags``, jieba's own IDF table); a sentence scores the sum of the
  weights of the keywords it holds, divided by the square root of its length in words, so that
  a long sentence does not win by length alone. About three times faster.

They were compared on the bundled reports, the gold set's texts and the development reports
(``benchmarks/bench_keysentences.py``, figures in ``docs/views.md``) by how many of the sentences
they pick are among those that carry the most records: they tie (TextRank ahead in two of four
settings, 284 hits against 278 in all), so TextRank, the method the design names, is the
default; neither is much better than the report's first sentences on long government reports.

Nothing here runs during :func:`wfltext.analyze`: :attr:`wfltext.Document.key_sentences` computes
them on first use (the document view and the dashboard ask for them).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import regex

#: a :class:`wfltext.Document` (not imported: the Document imports this module for its
#: ``key_sentences``)
Document = Any

#: sentences shorter than this (headings, dates, signatures, fragments) are not candidates
MIN_CHARS = 12
#: TextRank compares every pair of sentences: beyond this many, the rest are not ranked
TEXTRANK_MAX = 400
METHODS = ("textrank", "keywords")

# a sentence: up to its stop (。！？ and a closing quote or bracket), or up to a line break; a run of
# 2,000 characters without either is cut there (possessive: linear on any input)
_SENTENCE = regex.compile(r"[^。！？!?\n]{1,2000}+(?:[。！？!?]{1,3}+[”’」』）)]?)?")
_WORD = regex.compile(r"\p{Han}")


@dataclass(frozen=True, slots=True)
class KeySentence:
    """One key sentence: its span in the ORIGINAL text, its normalized text, its rank (1 is the
    best) and the score that ranked it."""

    start: int
    end: int
    text: str
    rank: int
    score: float

    def to_dict(self) -> dict:
        return asdict(self)


def candidates(text: str) -> list[tuple[int, int]]:
    """Normalized spans of the sentences that may be key sentences: long enough, not a heading
    line without a full stop.

    >>> t = "一、加强组织建设\\n县妇联全年培训妇女骨干二千人次，帮助五百名妇女就业。\\n好。"
    >>> [t[s:e] for s, e in candidates(t)]
    ['县妇联全年培训妇女骨干二千人次，帮助五百名妇女就业。']
    """
    out = []
    for m in _SENTENCE.finditer(text):
        s, e = m.span()
        while s < e and text[s] in " \t\u3000":
            s += 1
        if e - s < MIN_CHARS or len(_WORD.findall(text, s, e)) < MIN_CHARS * 2 // 3:
            continue
        if text[e - 1] not in "。！？!?”’」』）)" and e - s < 30:
            continue  # a heading or a title line: no full stop, short
        out.append((s, e))
    return out


def _words(doc: Document, spans: list[tuple[int, int]]) -> list[list[str]]:
    """jieba's words of each span (from ``doc.tokens``, cut once for the whole report), without
    punctuation, digits and one-character words."""
    tokens = doc.tokens
    starts = [t.nstart for t in tokens]
    import bisect

    out = []
    for s, e in spans:
        i = bisect.bisect_left(starts, s)
        words = []
        while i < len(tokens) and tokens[i].nstart < e:
            w = tokens[i].text
            if len(w) > 1 and _WORD.search(w):
                words.append(w)
            i += 1
        out.append(words)
    return out


def _by_keywords(doc: Document, spans: list[tuple[int, int]], words: list[list[str]]) -> list[float]:
    import jieba.analyse

    weights = dict(jieba.analyse.extract_tags(doc.text, topK=60, withWeight=True))
    return [sum(weights.get(w, 0.0) for w in ws) / math.sqrt(len(ws)) if ws else 0.0 for ws in words]


def _by_textrank(doc: Document, spans: list[tuple[int, int]], words: list[list[str]]) -> list[float]:
    try:
        from snownlp.summary.textrank import TextRank
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("key sentences by TextRank need snownlp: pip install snownlp") from err
    ranked = words[:TEXTRANK_MAX]
    if len(ranked) < 2:
        return [1.0] * len(ranked) + [0.0] * (len(words) - len(ranked))
    rank = TextRank([ws or ["_"] for ws in ranked])
    rank.solve()
    return list(rank.vertex) + [0.0] * (len(words) - len(ranked))


def key_sentences(doc: Document, n: int = 5, method: str = "textrank") -> list[KeySentence]:
    """The ``n`` best sentences of ``doc`` by ``method`` (``"textrank"`` or ``"keywords"``), in
    the order they stand in the report.

    >>> import wfltext
    >>> doc = wfltext.analyze("县妇联工作总结\\n一年来，县妇联围绕中心工作，组织妇女参加技能培训。"
    ...                       "全年培训农村妇女二千人次，帮助五百名妇女实现就业。\\n天气很好，大家都很高兴。", types=())
    >>> [k.text for k in key_sentences(doc, 1, "keywords")]
    ['全年培训农村妇女二千人次，帮助五百名妇女实现就业。']
    >>> [k.rank for k in key_sentences(doc, 2)]
    [1, 2]
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; known: {', '.join(METHODS)}")
    spans = candidates(doc.text)
    if not spans or n <= 0:
        return []
    words = _words(doc, spans)
    scores = (_by_textrank if method == "textrank" else _by_keywords)(doc, spans, words)
    order = sorted(range(len(spans)), key=lambda i: (-scores[i], i))[:n]
    out = []
    for rank, i in enumerate(order, 1):
        s, e = spans[i]
        os_, oe = doc.to_original(s, e)
        out.append(KeySentence(os_, oe, doc.text[s:e], rank, round(float(scores[i]), 6)))
    return sorted(out, key=lambda k: k.start)


__all__ = ["KeySentence", "key_sentences", "candidates", "METHODS"]
