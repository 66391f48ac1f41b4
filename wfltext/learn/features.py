"""Token features for the learned name tagger.

The tagger labels jieba tokens of the normalized text. A token's features are of three kinds:

- what the token is: the word, its first and last character, its length and shape, and which
  package lexicons it belongs to (program heads, organization heads, levels, places, targets,
  leading verbs…). The last character carries most of the open vocabulary: 班, 赛, 节, 校, 院
  end names that no lexicon lists;
- the same, shorter, for the neighbours (two on each side);
- where it stands: inside “…” or 《…》, at the start of a line, right after an outline marker.
  (The rules' records are not features: a token inside one opens no window, docs/learning.md.)

A token's own features depend only on its text, so they are built once per distinct word and
kept in a cache: a report of the genre repeats most of its words, and the per-token work left
is joining a few cached tuples. That keeps the tagger within a fraction of the tokenizer's time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, Mapping, Sequence

import regex

from .. import lexicons, rx

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


#: the shapes read by one match: its alternatives are tried in this order, each over the whole
#: word (``$``, as the five patterns above were tried one after another), and the alternative
#: that matched names the shape (one call where a Han word took four)
_SHAPES = regex.compile("|".join(f"(?P<{name}>{rx.pattern[1:]})" for name, rx in
                                 (("M", _MASK), ("D", _DIGITS), ("N", _NUMERAL), ("H", _HAN), ("L", _LATIN))))


@lru_cache(maxsize=CACHE_WORDS)
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
    m = _SHAPES.match(word)
    if m is not None:
        return m.lastgroup  # type: ignore[return-value]
    if len(word) == 1:
        return "P"
    return "X"


#: the package lexicons the features read: a model is only valid with them as it was trained
FEATURE_LEXICONS = (
    "program_heads.tsv", "org_heads.tsv", "org_levels.tsv", "org_places.txt", "program_targets.tsv",
    "program_leading_verbs.txt", "slogan_frames.tsv", "org_type_words.txt", "terms_programs.txt",
    "terms_organizations.txt", "program_blockers.tsv",
)


def lexicons_digest() -> str:
    """Digest of :data:`FEATURE_LEXICONS`, kept with a model so that one trained before they
    changed is known."""
    return lexicons.digest(*FEATURE_LEXICONS)


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


@lru_cache(maxsize=1)
def _flag_tables() -> tuple[tuple[str, ...], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The lexicons' names in order; entry -> the names of the lexicons that hold it; and entry
    -> the names of the lexicons also matched on a word's end that hold it (a word's ends are
    looked up in one table, not in each such lexicon)."""
    sets = _lexicon_sets()
    holders: dict[str, set[str]] = {}
    end_holders: dict[str, set[str]] = {}
    for name, (entries, at_end) in sets.items():
        for e in entries:
            holders.setdefault(e, set()).add(name)
            if at_end:
                end_holders.setdefault(e, set()).add(name)
    return (tuple(sets), {e: frozenset(n) for e, n in holders.items()},
            {e: frozenset(n) for e, n in end_holders.items()})


_NONE: frozenset[str] = frozenset()


@lru_cache(maxsize=CACHE_WORDS)
def _flags(word: str) -> tuple[str, ...]:
    """The lexicons that hold the word (``name``), or, for those matched on a word's end, one of
    its last one to five characters (``name$``; never the whole word), in the lexicons' order."""
    order, holders, end_holders = _flag_tables()
    whole = holders.get(word, _NONE)
    ends = _NONE
    for k in range(1, min(len(word), 6)):
        hit = end_holders.get(word[-k:])
        if hit is not None:
            ends = ends | hit
    ends = ends - whole
    if not whole and not ends:
        return ()
    return tuple(name if name in whole else name + "$" for name in order if name in whole or name in ends)


@lru_cache(maxsize=CACHE_WORDS)
def own(word: str) -> tuple[str, ...]:
    """The token's own features (cached per distinct word)."""
    shape = _shape(word)
    feats = ["w=" + word, "s=" + shape]
    if shape in ("H", "X") and len(word) > 1:
        feats += ["f=" + word[0], "l=" + word[-1]]
    feats += ["x=" + f for f in _flags(word)]
    if _MARKER.match(word):
        feats.append("mk")
    return tuple(feats)


@lru_cache(maxsize=CACHE_WORDS)
def near(word: str, rel: str) -> tuple[str, ...]:
    """A neighbour's features, prefixed with its relative position (cached per word and place)."""
    shape = _shape(word)
    feats = [rel + "w=" + word]
    if rel in ("-1:", "+1:"):
        feats.append(rel + "s=" + shape)
        if len(word) > 1 and shape in ("H", "X"):
            feats.append(rel + ("l=" + word[-1] if rel == "-1:" else "f=" + word[0]))
        feats += [rel + "x=" + f for f in _flags(word)]
    return tuple(feats)


_START = ("-1:BOS",)
_END = ("+1:EOS",)


class _Cache(dict):
    """Features by word, made on the first lookup of a word (``table[word]``): a hit is one
    dictionary subscript, with no Python call. Emptied when it reaches ``CACHE_WORDS`` words."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[str], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, word: str) -> Any:
        if len(self) >= CACHE_WORDS:
            self.clear()
        hit = self[word] = self.make(word)
        return hit


class KnownFeatures:
    """:func:`own` and :func:`near` without the features a model does not know. crfsuite drops
    an attribute it has no weight for before it labels, so the labels and their marginals are
    the same; about a quarter of the strings a window would send are such (the model keeps what
    L1 regularization left, a few thousand attributes). ``own_table`` and ``near_table(rel)`` give
    them per word, looked up by subscript (``table[word]``)."""

    def __init__(self, known: frozenset[str]) -> None:
        self.known = known
        #: (prefix, a word's lexicon flags) -> the known flag features: few distinct flag tuples
        self._flag_features: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
        self.own_table = _Cache(self._own)
        self._near: dict[str, _Cache] = {}

    # Speed: a process makes these for every distinct word it meets (about 9,000 on the 28
    # reports); they build only the known features, in :func:`own`'s and :func:`near`'s order,
    # instead of building all and filtering them (a test holds the two equal).

    def _flagged(self, prefix: str, flags: tuple[str, ...]) -> tuple[str, ...]:
        key = (prefix, flags)
        hit = self._flag_features.get(key)
        if hit is None:
            known = self.known
            hit = self._flag_features[key] = tuple(f for f in (prefix + x for x in flags) if f in known)
        return hit

    def _own(self, word: str) -> tuple[str, ...]:
        known = self.known
        shape = _shape(word)
        out = [f for f in ("w=" + word, "s=" + shape) if f in known]
        if shape in ("H", "X") and len(word) > 1:
            out += [f for f in ("f=" + word[0], "l=" + word[-1]) if f in known]
        flags = _flags(word)
        if flags:
            out += self._flagged("x=", flags)
        if "mk" in known and _MARKER.match(word):
            out.append("mk")
        return tuple(out)

    def near_table(self, rel: str) -> _Cache:
        """:func:`near` for one relative position, by word."""
        table = self._near.get(rel)
        if table is None:
            known = self.known
            if rel not in ("-1:", "+1:"):
                # two positions away a word gives its own text alone (see near)
                def make(word: str) -> tuple[str, ...]:
                    f = rel + "w=" + word
                    return (f,) if f in known else ()
            else:
                edge = rel + ("l=" if rel == "-1:" else "f=")
                flag_prefix = rel + "x="

                def make(word: str) -> tuple[str, ...]:
                    shape = _shape(word)
                    out = [f for f in (rel + "w=" + word, rel + "s=" + shape) if f in known]
                    if len(word) > 1 and shape in ("H", "X"):
                        f = edge + (word[-1] if rel == "-1:" else word[0])
                        if f in known:
                            out.append(f)
                    flags = _flags(word)
                    if flags:
                        out += self._flagged(flag_prefix, flags)
                    return tuple(out)
            table = self._near[rel] = _Cache(make)
        return table


def sequence_features(words: Sequence[str], a: int, b: int, lo: int, hi: int,
                      context: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Features of tokens ``a``..``b-1`` of ``words``, a window inside the line ``lo``..``hi-1``
    (neighbours are read across the window's edges, never across the line's); ``context[k]`` are
    the dynamic features of token ``a + k``. The definition of a token's features:
    :func:`window_features` builds the same in one pass with the position features (a test
    holds the two equal)."""
    own_, near_ = own, near
    # one tuple per token, built at once: own, -1, -2, +1, +2, context
    return [
        (
            *own_(words[i]),
            *(near_(words[i - 1], "-1:") if i - 1 >= lo else _START),
            *(near_(words[i - 2], "-2:") if i - 2 >= lo else ()),
            *(near_(words[i + 1], "+1:") if i + 1 < hi else _END),
            *(near_(words[i + 2], "+2:") if i + 2 < hi else ()),
            *context[i - a],
        )
        for i in range(a, b)
    ]


_OPENERS = ("“", "‘", "「", "『")
_CLOSERS = ("”", "’", "」", "』")
_ITEMS = frozenset(("一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是"))


@lru_cache(maxsize=CACHE_WORDS)
def _opens_item(word: str) -> bool:
    """An outline marker or 一是…八是: what follows starts an item."""
    return word in _ITEMS or bool(_MARKER.match(word))


#: :func:`_opens_item` by word, kept across documents (made per document, it missed every
#: distinct word of every document again: 26,000 Python calls a pass over the corpus)
_OPENS = _Cache(_opens_item)

_DEPTH_MARKS = re.compile("[“‘「『”’」』《》]")


class LineState:
    """Quote and title depth at a point of a line, advanced by counting characters (in C), so
    that the windows of a line cost their own length and not the line's."""

    __slots__ = ("text", "line", "pos", "quote", "book")

    def __init__(self, text: str) -> None:
        self.text = text
        self.line = -1
        self.pos = self.quote = self.book = 0

    def at(self, line_start: int, pos: int) -> tuple[int, int]:
        if line_start != self.line or pos < self.pos:
            self.line, self.pos, self.quote, self.book = line_start, line_start, 0, 0
        # the marks between the last point and this one, found in one scan (most stretches hold
        # none); the depths change by the stretch's balance, floored at zero as a whole
        seg_quote = seg_book = 0
        for c in _DEPTH_MARKS.findall(self.text, self.pos, pos):
            if c in _OPENERS:
                seg_quote += 1
            elif c in _CLOSERS:
                seg_quote -= 1
            elif c == "《":
                seg_book += 1
            else:
                seg_book -= 1
        self.quote = max(self.quote + seg_quote, 0)
        self.book = max(self.book + seg_book, 0)
        self.pos = pos
        return self.quote, self.book


#: the position features by (inside “…”, inside 《…》, at the line's start, after a marker)
_CONTEXT = {
    (q, bk, bol, mk): tuple(f for f, on in (("inq", q), ("inb", bk), ("bol", bol), ("aftmk", mk)) if on)
    for q in (False, True) for bk in (False, True) for bol in (False, True) for mk in (False, True)
}


#: the words that move the quote or title depth
_MARK_WORDS = frozenset(_OPENERS + _CLOSERS + ("《", "》"))


def _depths(word: str, quote: int, book: int) -> tuple[int, int]:
    """The quote and title depths after ``word``."""
    if word in _OPENERS:
        return quote + 1, book
    if word in _CLOSERS and quote:
        return quote - 1, book
    if word == "《":
        return quote, book + 1
    if word == "》" and book:
        return quote, book - 1
    return quote, book


def window_context(words: Sequence[str], a: int, b: int, lo: int, state: tuple[int, int]) -> list[tuple[str, ...]]:
    """Position features of tokens ``a``..``b-1``, a window of the line that starts at token
    ``lo``: inside “…” or 《…》 (``state``: the depths at the window's start), at the line's
    start, right after an outline marker."""
    quote, book = state
    line_start = a == lo
    after_marker = a > lo and _opens_item(words[a - 1])
    out: list[tuple[str, ...]] = []
    context = _CONTEXT
    for i in range(a, b):
        w = words[i]
        out.append(context[quote > 0, book > 0, line_start, after_marker])
        quote, book = _depths(w, quote, book)
        after_marker = _opens_item(w)
        line_start = line_start and w.isspace()
    return out


def trigger_pattern(triggers: str) -> rx.Pattern:
    """Characters where a name can end: the triggers, closing quotes and 》."""
    chars = "".join(sorted(set(triggers) | set("".join(_CLOSERS)) | {"》"}))
    return rx.compile("[" + regex.escape(chars) + "]")


def windows(text: str, starts: Sequence[int], ends: Sequence[int], pattern: rx.Pattern,
            skip: Sequence[bool] | None = None, before: int = 5, after: int = 1) -> list[tuple[int, int, int, int]]:
    """Where names can end: ``(a, b, lo, hi)`` windows of tokens around each token that ends in a
    trigger character (one that ends names in the gold: 会, 委, 班, 赛 …, or a closing quote),
    from ``before`` tokens before it to ``after`` after, merged, never across a line
    (``lo``..``hi``: the line's tokens). A token with ``skip[i]`` set (inside a record of the
    rules) opens no window. Trigger characters are found in the text, not token by token."""
    import bisect

    out: list[tuple[int, int, int, int]] = []
    line_lo = line_hi = -1
    line_end_char = -1
    for m in pattern.finditer(text):
        p = m.start()
        i = bisect.bisect_right(starts, p) - 1  # the token the character is in
        if ends[i] != p + 1:  # a trigger only where it ends its token
            continue
        if skip is not None and skip[i]:
            continue
        if p >= line_end_char:
            ls = text.rfind("\n", 0, p) + 1
            le = text.find("\n", p)
            line_end_char = le if le >= 0 else len(text)
            line_lo = bisect.bisect_left(starts, ls)
            line_hi = bisect.bisect_left(starts, line_end_char)
        a, b = max(line_lo, i - before), min(line_hi, i + 1 + after)
        if out and out[-1][2] == line_lo and out[-1][1] >= a:
            prev = out[-1]
            out[-1] = (prev[0], max(prev[1], b), line_lo, line_hi)
        elif b > a:
            out.append((a, b, line_lo, line_hi))
    return out


def _near_at(rel: str) -> Callable[[str], tuple[str, ...]]:
    return lambda word: near(word, rel)


def window_features(text: str, words: Sequence[str], starts: Sequence[int], ends: Sequence[int],
                    pattern: rx.Pattern, skip: Sequence[bool] | None = None,
                    known: KnownFeatures | None = None,
                    only: Sequence[tuple[int, int, int, int, int, int]] | None = None):
    """``(a, features)`` of every window of a document (:func:`windows`): the one path from a
    document's words to what the tagger reads, for training and tagging alike (a tagger passes
    ``known``: the features its model has weights for). The features are those of
    :func:`sequence_features` with :func:`window_context`, built in one pass over the window.
    ``only``: these windows instead of all of them, as ``(a, b, lo, hi, quote, book)`` with the
    quote and title depths at their start as a visit of every window finds them (the depths are
    read over the stretches between windows, each floored at zero, so a visit of some windows
    alone could read others); the screen (:mod:`.screen`) gives them."""
    state = LineState(text)
    if known is None:
        own_: Mapping[str, tuple[str, ...]] = _Cache(own)
        m1, m2, p1, p2 = (_Cache(_near_at(rel)) for rel in ("-1:", "-2:", "+1:", "+2:"))
    else:
        own_ = known.own_table
        m1, m2, p1, p2 = (known.near_table(rel) for rel in ("-1:", "-2:", "+1:", "+2:"))
    context = _CONTEXT
    opens = _OPENS
    marks = _MARK_WORDS
    for a, b, lo, hi, *depths in windows(text, starts, ends, pattern, skip) if only is None else only:
        quote, book = depths if depths else state.at(starts[lo], starts[a])
        line_start = a == lo
        after_marker = a > lo and opens[words[a - 1]]
        feats: list[tuple[str, ...]] = []
        append = feats.append
        for i in range(a, b):
            w = words[i]
            append((
                *own_[w],
                *(m1[words[i - 1]] if i - 1 >= lo else _START),
                *(m2[words[i - 2]] if i - 2 >= lo else ()),
                *(p1[words[i + 1]] if i + 1 < hi else _END),
                *(p2[words[i + 2]] if i + 2 < hi else ()),
                *context[quote > 0, book > 0, line_start, after_marker],
            ))
            # as window_context moves on (only a quote or a title mark moves the depths)
            if w in marks:
                quote, book = _depths(w, quote, book)
            after_marker = opens[w]
            line_start = line_start and w.isspace()
        yield a, feats


__all__ = ["KnownFeatures", "own", "near", "sequence_features", "window_context", "windows", "window_features", "trigger_pattern", "LineState"]
