"""Token features for the learned name tagger.

The tagger labels jieba tokens of the normalized text. A token's features are of three kinds:

- what the token is: the word, its first and last character, its length and shape, and which
  package lexicons it belongs to (program heads, organization heads, levels, places, targets,
  leading verbs…). The last character carries most of the open vocabulary: 班, 赛, 节, 校, 院
  end names that no lexicon lists;
- the same, shorter, for the neighbours (two on each side);
- where it stands: inside “…” or 《…》, at the start of a line, right after an outline marker,
  and inside a span that one of the rule extractors found (the rules' candidates).

A token's own features depend only on its text, so they are built once per distinct word and
kept in a cache: a report of the genre repeats most of its words, and the per-token work left
is joining a few cached tuples. That keeps the tagger within a fraction of the tokenizer's time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

import regex

from .. import lexicons

#: how many distinct words keep their features cached (the genre's vocabulary fits easily)
CACHE_WORDS = 200_000

_OPEN_QUOTES = frozenset("“‘「『\"")
_CLOSE_QUOTES = frozenset("”’」』")
_MASK = regex.compile(r"^[*＊xX×_]+$")
_DIGITS = regex.compile(r"^[0-9０-９.．%％]+$")
_NUMERAL = regex.compile(r"^[零〇一二两三四五六七八九十百千万亿]+$")
_HAN = regex.compile(r"^\p{Han}+$")
_LATIN = regex.compile(r"^[A-Za-zＡ-Ｚａ-ｚ]+$")
_MARKER = regex.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.．、]|[⒈-⒛①-⑳])$")


def _shape(word: str) -> str:
    if word in ("\n", "\r\n"):
        return "NL"
    if word.isspace():
        return "SP"
    if word[0] in _OPEN_QUOTES and len(word) == 1:
        return "Q"
    if word[0] in _CLOSE_QUOTES and len(word) == 1:
        return "q"
    if word == "《":
        return "B"
    if word == "》":
        return "b"
    if _MASK.match(word):
        return "M"
    if _DIGITS.match(word):
        return "D"
    if _NUMERAL.match(word):
        return "N"
    if _HAN.match(word):
        return "H"
    if _LATIN.match(word):
        return "L"
    if len(word) == 1:
        return "P"
    return "X"


@lru_cache(maxsize=1)
def _lexicon_sets() -> dict[str, tuple[frozenset[str], bool]]:
    """Lexicon name -> (entries, match on the word's end rather than the whole word)."""

    def first_cells(name: str) -> frozenset[str]:
        return frozenset(row[0] for row in lexicons.table(name) if row and row[0])

    def lines(name: str) -> frozenset[str]:
        return frozenset(lexicons.entries(name))

    return {
        "ph": (first_cells("program_heads.tsv"), True),
        "oh": (first_cells("org_heads.tsv"), True),
        "ol": (first_cells("org_levels.tsv"), False),
        "pl": (lines("org_places.txt"), False),
        "tg": (first_cells("program_targets.tsv"), False),
        "lv": (lines("program_leading_verbs.txt"), False),
        "sf": (first_cells("slogan_frames.tsv"), False),
        "ot": (lines("org_type_words.txt"), False),
        "pk": (lines("terms_programs.txt"), False),
        "ok": (lines("terms_organizations.txt"), False),
        "pb": (first_cells("program_blockers.tsv"), False),
    }


def _flags(word: str) -> tuple[str, ...]:
    out = []
    for name, (entries, at_end) in _lexicon_sets().items():
        if word in entries:
            out.append(name)
        elif at_end and len(word) > 1 and any(word.endswith(e) for e in entries):
            out.append(name + "$")
    return tuple(out)


def _length(word: str) -> str:
    return str(min(len(word), 4))


@lru_cache(maxsize=CACHE_WORDS)
def own(word: str) -> tuple[str, ...]:
    """The token's own features (cached per distinct word)."""
    shape = _shape(word)
    feats = ["b", "w=" + word, "s=" + shape, "n=" + _length(word)]
    if shape in ("H", "X") and len(word) > 1:
        feats += ["f=" + word[0], "l=" + word[-1], "l2=" + word[-2:]]
    elif shape == "H":
        feats.append("c=" + word)
    feats += ["x=" + f for f in _flags(word)]
    if _MARKER.match(word):
        feats.append("mk")
    return tuple(feats)


@lru_cache(maxsize=CACHE_WORDS)
def near(word: str, rel: str) -> tuple[str, ...]:
    """A neighbour's features, prefixed with its relative position (cached per word and place)."""
    shape = _shape(word)
    feats = [rel + "w=" + word, rel + "s=" + shape]
    if rel in ("-1:", "+1:"):
        if len(word) > 1 and shape in ("H", "X"):
            feats.append(rel + ("l=" + word[-1] if rel == "-1:" else "f=" + word[0]))
        feats += [rel + "x=" + f for f in _flags(word)]
    return tuple(feats)


_START = ("-1:BOS",)
_END = ("+1:EOS",)


def sequence_features(words: Sequence[str], context: Sequence[tuple[str, ...]]) -> list[list[str]]:
    """Features of each token of one sequence; ``context[i]`` are token i's dynamic features."""
    n = len(words)
    out = []
    for i, w in enumerate(words):
        feats = list(own(w))
        feats.extend(near(words[i - 1], "-1:") if i >= 1 else _START)
        if i >= 2:
            feats.extend(near(words[i - 2], "-2:"))
        feats.extend(near(words[i + 1], "+1:") if i + 1 < n else _END)
        if i + 2 < n:
            feats.extend(near(words[i + 2], "+2:"))
        feats.extend(context[i])
        out.append(feats)
    return out


def dynamic_context(words: Sequence[str], rule_tags: Sequence[str] | None = None) -> list[tuple[str, ...]]:
    """Position features: inside quotes or 《》, line start, after an outline marker, rule tags."""
    out: list[tuple[str, ...]] = []
    quote = book = 0
    line_start = True
    after_marker = False
    for i, w in enumerate(words):
        feats = []
        if quote:
            feats.append("inq")
        if book:
            feats.append("inb")
        if line_start:
            feats.append("bol")
        if after_marker:
            feats.append("aftmk")
        if rule_tags is not None and rule_tags[i]:
            feats.append("r=" + rule_tags[i])
            # the rule's tag together with the word's end: lets the model learn which heads the
            # rules over- or under-trust
            if len(w) > 0:
                feats.append("r=" + rule_tags[i] + "|" + w[-1])
        out.append(tuple(feats))
        if w in ("“", "‘", "「", "『"):
            quote += 1
        elif w in ("”", "’", "」", "』") and quote:
            quote -= 1
        elif w == "《":
            book += 1
        elif w == "》" and book:
            book -= 1
        after_marker = bool(_MARKER.match(w)) or (line_start and w in ("一是", "二是", "三是", "四是", "五是"))
        if w in ("\n", "\r\n"):
            line_start = True
            quote = book = 0
        elif not w.isspace():
            line_start = False
    return out


def rule_tags(n: int, token_starts: Sequence[int], spans: Iterable[tuple[str, int, int]]) -> list[str]:
    """Per token, the BIO tag of the rule spans (``(label, nstart, nend)``) it falls in ('' if none).

    Overlapping rule spans: the first given wins for a token.
    """
    import bisect

    tags = [""] * n
    for label, s, e in spans:
        i = bisect.bisect_right(token_starts, s) - 1
        if i < 0:
            i = 0
        first = True
        while i < n and token_starts[i] < e:
            if not tags[i]:
                tags[i] = ("B-" if first else "I-") + label
            first = False
            i += 1
    return tags


__all__ = ["own", "near", "sequence_features", "dynamic_context", "rule_tags"]
