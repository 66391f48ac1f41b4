"""Quoted text, as the program and slogan rules read it: the text with every kind of quotation
mark made curly (the document part ``quote_text``), the tokens by offset (``token_index``), the
items of a quote, and whether a quote reads as a motto (:func:`is_slogan_text`) or as a term.

Both extractors read these; neither imports the other.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from .. import lexicons, rx
from ..components import part
from ..tokenize import DOMAIN_BOOST, dictionary_table, domain_terms, tokenizer

if TYPE_CHECKING:
    from ..document import Document

#: longest quote read as a name or a motto
MAX_QUOTE = 60
#: longest quote read as a slogan (longer ones are quotations of speech)
MAX_SLOGAN = 50
#: (a plus between two digits is a formula's, not a separator: “成长1+1爱心助学活动”)
ITEM_SEPARATORS = rx.compile(r"[、，,；;·•\s]+|(?<![0-9])[+＋]+|[+＋]+(?![0-9])")
_HAN = regex.compile(r"\p{Han}")
_SENTENCE_END = regex.compile(r"[。！？!?]")
_NUMERALS = "零〇一二两三四五六七八九十百千万亿0123456789"
_CORNERS = str.maketrans("「」『』", "“”‘’")
_STRAIGHT = "\"＂"


def items_of(content: str) -> list[str]:
    """The items of a quoted motto: parts between 、，；+ holding at least one Han character.

    >>> items_of("党建先导、带促结合、整体提升")
    ['党建先导', '带促结合', '整体提升']
    >>> items_of("绿电+先进制造业"), items_of("9+1"), items_of("互联网+"), items_of("成长1+1爱心助学")
    (['绿电', '先进制造业'], [], ['互联网'], ['成长1+1爱心助学'])
    """
    return [p for p in ITEM_SEPARATORS.split(content) if p and _HAN.search(p)]


def curly_quotes(text: str) -> str:
    """``text`` with straight double quotes (paired within a line) and corner brackets turned into
    curly quotation marks, character for character, so offsets stay valid.

    Plain-text reports typed on western keyboards quote with ``"`` and traditional-script ones
    with 「」; the rules read one kind of quote.

    >>> curly_quotes('开展"春蕾计划"和「巾帼建功」活动，"半')
    '开展“春蕾计划”和“巾帼建功”活动，"半'
    """
    if any(c in text for c in "「」『』"):
        text = text.translate(_CORNERS)
    if not any(q in text for q in _STRAIGHT):
        return text
    chars = list(text)
    opening: int | None = None
    for i, ch in enumerate(chars):
        if ch == "\n":
            opening = None
        elif ch in _STRAIGHT:
            if opening is None:
                opening = i
            else:
                chars[opening], chars[i] = "“", "”"
                opening = None
    return "".join(chars)


@part("quote_text")
def quote_text(doc: "Document") -> str:
    """The document's normalized text as the program and slogan rules read it (:func:`curly_quotes`)."""
    return curly_quotes(doc.text)


# -- tokens ------------------------------------------------------------------------------------------
class TokenIndex:
    """The document's jieba tokens by normalized offset (starts, ends and texts)."""

    def __init__(self, doc: "Document") -> None:
        self.text = quote_text(doc)
        self.texts = doc.words
        self.ends = doc.token_ends
        self.starts = [0, *self.ends[:-1]] if self.ends else []
        self.end_set = frozenset(self.ends)

    def at(self, pos: int) -> int:
        """Index of the token holding normalized offset ``pos`` (-1 before the first)."""
        return bisect.bisect_right(self.starts, pos) - 1

    def between(self, start: int, end: int) -> list[str]:
        """Texts of the tokens over ``[start, end)``, cut at both ends."""
        if end <= start:
            return []
        first, last = max(self.at(start), 0), self.at(end - 1)
        return [
            self.text[max(self.starts[k], start) : min(self.ends[k], end)]
            for k in range(first, last + 1)
        ]


@part("token_index", requires=("quote_text", "words", "token_ends"))
def token_index(doc: "Document") -> TokenIndex:
    """The document's tokens by normalized offset (:class:`TokenIndex`)."""
    return TokenIndex(doc)


# -- mottos ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Verbs:
    inside: frozenset[str]
    start: frozenset[str]


@lru_cache(maxsize=1)
def _verbs() -> _Verbs:
    """The verbs of ``slogan_verbs.tsv``: inside a motto, and at its start."""
    verbs = lexicons.table("slogan_verbs.tsv")
    return _Verbs(
        inside=frozenset(w for w, pos in verbs if pos == "inside"),
        start=frozenset(w for w, pos in verbs if pos == "start"),
    )


_COUNTED_TERM = regex.compile(r"^[零〇一二两三四五六七八九十百千万0-9]{1,3}[个项大条种类]")


_NUMERAL_RUN = regex.compile(rf"[{_NUMERALS}]+")


def _numbered(content: str) -> bool:
    """Is a quote a numbered formula: two or more numbers (三屏两带六廊多点, 四级三类, 两学一做), or
    a count in front (七个有之, 两个维护)? One number is part of a motto (百万英才汇南粤).

    >>> [_numbered(s) for s in ("四级三类", "两学一做", "七个有之", "百万英才汇南粤", "三年上台阶")]
    [True, True, True, False, False]
    """
    return len(_NUMERAL_RUN.findall(content)) >= 2 or _COUNTED_TERM.match(content) is not None


class _Words:
    """jieba's words that have a frequency, by their first character. The table holds each
    character's words and frequencies as two strings; they become a dict on the first lookup of
    a word starting with that character, so a process does not build 349,000 strings to cut a
    few quotes. A frequency stays as written (``repr`` of the number, never 0) until a word is
    found: converting every word of a character when it is first met took half the time of
    building its dict (the 959 characters the 28 reports meet: 0.075 -> 0.037 s a process)."""

    __slots__ = ("_blobs", "_by_first")

    def __init__(self, blobs: dict[str, tuple[str, str]]) -> None:
        self._blobs = blobs
        self._by_first: dict[str, dict[str, str]] = {}

    def starting(self, char: str) -> dict[str, str]:
        """The words that start with ``char``, with their frequencies as written (``float()``
        reads them)."""
        words = self._by_first.get(char)
        if words is None:
            found = self._blobs.get(char)
            words = {}
            if found is not None:
                texts, freqs = found
                words = dict(zip(texts.split("\x00"), freqs.split("\x00")))
            self._by_first[char] = words
        return words

    def get(self, word: str) -> str | None:
        return self.starting(word[0]).get(word) if word else None


@lru_cache(maxsize=1)
def _dictionary() -> tuple[_Words, float, frozenset[str]]:
    def read() -> tuple[dict[str, tuple[str, str]], int]:
        tk = tokenizer().jieba  # the underlying jieba Tokenizer: its dictionary, not its HMM
        by_first: dict[str, tuple[list[str], list[str]]] = {}
        for w, f in tk.FREQ.items():
            if f:
                texts, freqs = by_first.setdefault(w[0], ([], []))
                texts.append(w)
                freqs.append(repr(f))
        return {c: ("\x00".join(ws), "\x00".join(fs)) for c, (ws, fs) in by_first.items()}, tk.total

    # kept on disk: the words with a frequency (prefix entries have none), by first character,
    # and the total
    blobs, total = dictionary_table("plain-dictionary-by-first", read, domain_terms(), DOMAIN_BOOST)
    return _Words(blobs), math.log(total), frozenset(domain_terms())


def plain_cut(text: str) -> list[str]:
    """Words of a short text by jieba's dictionary alone: no HMM guesses and none of the domain
    terms, which keep mottos whole (党建带妇建) where their parts are wanted here.

    >>> plain_cut("党建带妇建"), plain_cut("三年上台阶")
    (['党建', '带', '妇', '建'], ['三年', '上', '台阶'])
    """
    freq, log_total, skip = _dictionary()
    n = len(text)
    # jieba's maximum-probability path over the word graph, words of up to 8 characters
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        words = freq.starting(text[i])
        for j in range(i + 1, min(n, i + 8) + 1):
            word = text[i:j]
            f = words.get(word) if word not in skip else None
            if f or j == i + 1:
                # log(1) when the word is unknown; a frequency is an int or a float as written,
                # and float() of an int reads it exactly (jieba's counts are far below 2**53)
                options.append(((math.log(float(f)) if f else 0.0) - log_total + best[j][0], j))
        best[i] = max(options)
    out, i = [], 0
    while i < n:
        j = best[i][1]
        out.append(text[i:j])
        i = j
    return out


class _WordSet:
    """A set of words kept as one string per first character: a character's words become a set
    on the first lookup of a word starting with it (only ``in`` is offered)."""

    __slots__ = ("_blobs", "_sets")

    def __init__(self, blobs: dict[str, str]) -> None:
        self._blobs = blobs
        self._sets: dict[str, frozenset[str]] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        words = self._sets.get(word[0])
        if words is None:
            blob = self._blobs.get(word[0])
            words = self._sets[word[0]] = frozenset(blob.split("\x00")) if blob is not None else frozenset()
        return word in words


@lru_cache(maxsize=1)
def dictionary_verbs() -> _WordSet:
    """Words jieba's own dictionary tags as verbs (``v``), for ``in``.

    Speed: kept by first character (34,761 verbs under 2,847 characters): a process reads 2,847
    strings from the cache instead of unmarshalling a set of 34,761 (0.04 s), and the few dozen
    characters a run looks up become sets when first asked for."""
    def read() -> dict[str, str]:
        by_first: dict[str, list[str]] = {}
        with tokenizer().jieba.get_dict_file() as f:
            for parts in (line.decode("utf-8").split() for line in f):
                if len(parts) == 3 and parts[2] == "v":
                    by_first.setdefault(parts[0][0], []).append(parts[0])
        return {c: "\x00".join(words) for c, words in by_first.items()}

    return _WordSet(dictionary_table("dictionary-verbs-by-first", read))


def _has_verb(content: str) -> bool:
    """Does a short text hold a word jieba's dictionary tags as a verb?

    >>> _has_verb("我与祖国共成长"), _has_verb("我和我的祖国")
    (True, False)
    """
    return any(w in dictionary_verbs() for w in plain_cut(content))


def _known(word: str) -> bool:
    freq, _, skip = _dictionary()
    return bool(freq.get(word)) and word not in skip


def _verb_inside(words: list[str]) -> bool:
    """A verb between words, after two or more characters: 巾帼心向党, 党建带妇建, 劳模工匠进校园
    (进 fused with its object in one dictionary word); not 线上学习, nor 青少年自护教育 (自 and 护
    are the lone characters of a word the dictionary lacks, no verb)."""
    inside = _verbs().inside
    for i in range(1, len(words)):
        w, before = words[i], "".join(words[:i])
        if len(before) < 2:
            continue
        if w in inside and i < len(words) - 1:
            if len(w) == 1 and len(words[i - 1]) == 1 and words[i - 1] + w not in inside:
                continue
            return True
        if len(w) >= 3 and w[0] in inside and _known(w[1:]):
            return True
    return False


def is_slogan_text(content: str, strict: bool = False) -> bool:
    """Is quoted text a motto: two or more items, or a verb phrase (not a single term)?

    ``strict`` (for a quote that names a program or its theme) leaves out the four-character
    rule, which also takes in proper names (“云溪巧娘”).

    >>> [is_slogan_text(s) for s in ("共鸣、共振、共进", "党建带妇建", "三年上台阶", "县管校聘")]
    [True, True, True, True]
    >>> [is_slogan_text(s) for s in ("两个中心", "娘家", "全国科技进步考核先进县(区)", "半壁江山")]
    [False, False, False, False]
    >>> [is_slogan_text(s, strict=True) for s in ("送清凉", "劳模工匠进校园", "青少年自护教育", "县管校聘")]
    [True, True, False, False]
    """
    return _is_slogan_text(content, strict)


#: a day or a festival written in numerals, its parts set apart or not (“六·一”, “十、一”, “3.8”):
#: a name, never a motto
_NUMERALS_ONLY = regex.compile(r"[一二三四五六七八九十〇零\d]+(?:[·•・.．、][一二三四五六七八九十〇零\d]+)*")


def clear_cache() -> None:
    """Forget the quoted texts already judged (benchmarks time a text as met for the first time)."""
    _is_slogan_text.cache_clear()


# Speed: a report quotes its mottos again and again (2,339 judgements of 1,372 distinct texts on a
# pass over the 28 reports), and the judgement reads the text alone: it is kept per text and strictness
@lru_cache(maxsize=8192)
def _is_slogan_text(content: str, strict: bool) -> bool:
    if len(content) > MAX_SLOGAN or _SENTENCE_END.search(content) or _NUMERALS_ONLY.fullmatch(content):
        return False
    if len(items_of(content)) >= 2:
        return True
    if _numbered(content):
        # 三屏两带六廊多点, 四级三类, 六预一保: a numbered formula, not a motto
        return False
    lex = _verbs()
    words = [t for t in plain_cut(content) if _HAN.search(t)]
    if _verb_inside(words):
        return True
    if words and words[0] in lex.start:
        # 关爱女性健康, 送清凉: a verb and its object (a one-character verb takes a word of two)
        if len(content) >= 4 or (len(words) == 2 and len(words[0]) == 1 and len(words[1]) >= 2):
            return True
    if strict:
        return False
    # 县管校聘, 稳内拓外: four characters the dictionary knows no word in, no numeral — two
    # clauses pressed into one motto
    return len(content) == 4 and len(words) == 4 and not any(c in _NUMERALS for c in content)


__all__ = [
    "MAX_QUOTE",
    "MAX_SLOGAN",
    "ITEM_SEPARATORS",
    "items_of",
    "curly_quotes",
    "quote_text",
    "TokenIndex",
    "token_index",
    "is_slogan_text",
    "plain_cut",
    "dictionary_verbs",
]
