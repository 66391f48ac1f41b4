"""Windows the CRF would label all ``O``, found before it is asked (a speed step; the labels are
crfsuite's own).

Most windows the tagger reads hold no name: on the 28 reports of the development corpus, 6,100
of 7,000 come back all ``O``. Building a window's feature strings and handing them to crfsuite
costs about 8 µs a token; this screen scores the same windows with the model's own weights,
summed per word ahead of time (a word's features, and so the weights they carry, depend on the
word alone for each of the five places it can stand in), and runs one Viterbi over all windows of
a document at once in numpy. A window goes to crfsuite unless the best labelling that holds a
name scores below the all-``O`` labelling by a clear margin, in which case crfsuite's Viterbi
(the same scores, summed in another order) would return all ``O`` too and the tagger would
find nothing there. So the spans the tagger returns are the same with or without the screen
(``tests/test_learn.py`` compares them on every text of the project, the reports of the
development corpus and random lines dense with quotes, titles and markers).

numpy (a dependency of wfltext) is imported when the first document is screened.
"""

from __future__ import annotations

import hashlib
import itertools
import operator
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Sequence

from ..tokenize import cached_table
from .features import _CONTEXT, _DEPTH_MARKS, _END, _MARK_WORDS, _MARKER, _OPENS, _START, CACHE_WORDS, KnownFeatures, LineState, _depths, _flags, _shape

#: how far under the all-O labelling the best labelling with a name must score for a window to be
#: passed over: far above the difference the order of a float sum makes (1e-13 on these scores),
#: far below any difference between two labellings (the weights are a few tenths and more)
MARGIN = 1e-6
#: the position features' keys (inside “…”, inside 《…》, at the line's start, after a marker) in
#: the order of :data:`features._CONTEXT`: key (q, b, s, m) is row 8q + 4b + 2s + m
_CONTEXT_KEYS = list(_CONTEXT)


#: a weight line of crfsuite's model dump: ``(id) attribute --> label: weight``, read as
#: pycrfsuite's dump parser reads it (the same expression, over the whole section at once)
_WEIGHT_LINE = re.compile(r"^[ \t]*\(\d+\) (.+) --> (.+): ([+-]?\d+\.\d+)$", re.M)
_LABEL_LINE = re.compile(r"^[ \t]*(\d+): (.*)$", re.M)


def _section(dump: str, name: str) -> str:
    start = dump.index(name + " = {\n") + len(name) + 5
    return dump[start:dump.index("\n}", start)]


def model_weights(crf: Any) -> tuple[list[str], dict[tuple[str, str], float], dict[tuple[str, str], float]]:
    """A model's labels (in crfsuite's order), state weights ``{(attribute, label): weight}`` and
    transition weights ``{(label, label): weight}``: ``crf.info()``'s, read from crfsuite's dump of
    the model with one expression per section instead of one match per line (0.14 -> 0.04 s a
    process; a test compares the two)."""
    fd, path = tempfile.mkstemp(suffix=".dump")
    os.close(fd)
    try:
        crf.dump(path)
        with open(path, encoding="utf-8") as f:
            dump = f.read()
    finally:
        os.remove(path)
    labels = [name for _, name in sorted((int(i), name) for i, name in _LABEL_LINE.findall(_section(dump, "LABELS")))]
    state = {(a, lab): float(w) for a, lab, w in _WEIGHT_LINE.findall(_section(dump, "STATE_FEATURES"))}
    trans = {(a, b): float(w) for a, b, w in _WEIGHT_LINE.findall(_section(dump, "TRANSITIONS"))}
    return labels, state, trans


def screen_table(crf: Any) -> tuple[list[str], list[str], bytes, bytes]:
    """A model's weights as the screen reads them: its labels (crfsuite's order), the attributes
    that have weights, their weights per label (one row an attribute, then a row of zeros, as
    float64 bytes) and the transition weights (a row per label, float64 bytes)."""
    import numpy as np

    labels, state_features, transitions = model_weights(crf)
    index = {lab: i for i, lab in enumerate(labels)}
    k = len(labels)
    weights: dict[str, list[float]] = {}
    for (attr, lab), w in state_features.items():
        weights.setdefault(attr, [0.0] * k)[index[lab]] += w
    trans = np.zeros((k, k))
    for (a, b), w in transitions.items():
        trans[index[a], index[b]] = w
    rows = np.array([*weights.values(), [0.0] * k], dtype=np.float64).reshape(-1, k)
    return labels, list(weights), rows.tobytes(), trans.tobytes()


class Screen:
    """The all-``O`` test of a model (``crf``: an opened ``pycrfsuite.Tagger``) whose features a
    tagger builds with ``known``."""

    def __init__(self, crf: Any, known: KnownFeatures, model_path: str | os.PathLike | None = None) -> None:
        import numpy as np

        self.np = np
        if model_path is not None:
            # the model's file is read (and hashed) in a millisecond; its weights, dumped and
            # parsed, in 0.1 s a process: they are kept in the cache folder, by the file's digest
            digest = hashlib.sha256(Path(model_path).read_bytes()).hexdigest()
            labels, attrs, rows, trans_bytes = cached_table("screen-weights", lambda: screen_table(crf), digest)
        else:
            labels, attrs, rows, trans_bytes = screen_table(crf)
        self.labels = list(labels)
        index = {lab: i for i, lab in enumerate(self.labels)}
        self.k = k = len(self.labels)
        self.o = index["O"]
        self.trans = np.frombuffer(trans_bytes, dtype=np.float64).reshape(k, k)
        #: attribute -> row of the weights (the last row: zeros, for an attribute without weights)
        self._attr_row = {a: i for i, a in enumerate(attrs)}
        self._weight_rows = np.frombuffer(rows, dtype=np.float64).reshape(-1, k)
        self.context = np.array([self._vector(_CONTEXT[key]) for key in _CONTEXT_KEYS])
        zero = np.zeros(k)
        # a place's edge: what a token scores there when the line has no word at that place
        parts = _row_parts(self._attr_row, known.known)
        marker = self._attr_row.get("mk") if "mk" in known.known else None
        self._places = tuple(_Place(shift, k, edge, _RowReader(rel, parts.get(rel, {}), marker)) for shift, edge, rel in (
            (0, zero, ""), (-1, self._vector(_START), "-1:"), (-2, zero, "-2:"), (1, self._vector(_END), "+1:"),
            (2, zero, "+2:")))
        self._reset()

    def _vector(self, attrs: Sequence[str]) -> Any:
        """The summed weights of ``attrs`` (a few fixed features: the position ones, BOS, EOS)."""
        zero = len(self._attr_row)
        return self._weight_rows[[self._attr_row.get(a, zero) for a in attrs]].sum(axis=0)

    def _word_ids(self, words: Sequence[str], need: Any) -> Any:
        """The ids of the words at positions ``need`` (an array), as an array as long as ``words``
        (the other positions hold 0); new words get an id, their flags, and rows not yet read."""
        np = self.np
        if len(self._ids) + len(need) > CACHE_WORDS:
            self._reset()
        ids = self._ids
        # speed: the words picked and looked up in C (itemgetter, map) rather than in two list
        # comprehensions
        picked = operator.itemgetter(*need.tolist())(words) if len(need) else ()
        found = list(picked) if len(need) != 1 else [picked]
        got = list(map(ids.get, found, itertools.repeat(-1)))
        if -1 in got:
            new: list[str] = []
            for j, w in enumerate(found):
                if got[j] == -1:
                    i = ids.get(w)
                    if i is None:
                        i = ids[w] = len(ids)
                        new.append(w)
                    got[j] = i
            self._words.extend(new)
            for place in self._places:
                place.grow(len(new))
            self._flags = np.concatenate([self._flags, np.array(
                [(_OPENS[w], w in _MARK_WORDS, w.isspace()) for w in new], dtype=bool).reshape(-1, 3)])
        out = np.zeros(len(words), dtype=np.int64)
        out[need] = got
        return out

    def _reset(self) -> None:
        np = self.np
        #: word -> id, and back
        self._ids: dict[str, int] = {}
        self._words: list[str] = []
        #: per id: whether the word opens an item, moves a quote or title depth, is white space
        self._flags = np.zeros((0, 3), dtype=bool)
        for place in self._places:
            place.reset(self.k)

    def _rows(self, place: "_Place", ids: Any) -> Any:
        """The rows of ``place`` for the words ``ids`` (an array), those not read yet read now:
        the new words' rows in one step, their features' weight rows added up per word."""
        np = self.np
        todo = ids[~place.done[ids]]
        if len(todo):
            todo = np.unique(todo)
            row_ids, words = place.reader.row_ids, self._words
            flat: list[int] = []
            owner: list[int] = []
            for j, i in enumerate(todo.tolist()):
                got = row_ids(words[i])
                flat.extend(got)
                owner.extend([j] * len(got))
            rows = np.zeros((len(todo), self.k))
            np.add.at(rows, np.array(owner, dtype=np.int64), self._weight_rows[np.array(flat, dtype=np.int64)])
            place.matrix[todo] = rows
            place.done[todo] = True
        return place.matrix[ids]

    def to_tag(self, text: str, words: Sequence[str], starts: Sequence[int],
               windows: Sequence[tuple[int, int, int, int]],
               stems: Sequence[str] | None = None) -> list[tuple[int, int, int, int, int, int]]:
        """The windows of ``windows`` (:func:`features.windows` of this document) in which crfsuite
        may label a name (it labels the others all ``O``), each with the quote and title depths at
        its start as :func:`features.window_features` reads them when it visits every window:
        ``(a, b, lo, hi, quote, book)``, in order. With ``stems`` (label stems such as ``ORG``),
        only the windows in which crfsuite may label a name of one of those types."""
        np = self.np
        if not windows:
            return []
        w = np.array(windows, dtype=np.int64)
        a, b, lo, hi = w[:, 0], w[:, 1], w[:, 2], w[:, 3]
        lens = b - a
        n = int(lens.sum())
        first = np.zeros(len(w), dtype=np.int64)
        np.cumsum(lens[:-1], out=first[1:])
        win = np.repeat(np.arange(len(w)), lens)
        pos = np.arange(n) - first[win] + a[win]
        lo_t, hi_t = lo[win], hi[win]
        # the words read: the windows' and two on each side
        read = np.zeros(len(words), dtype=bool)
        for shift in (-2, -1, 0, 1, 2):
            read[np.clip(pos + shift, 0, len(words) - 1)] = True
        ids = self._word_ids(words, np.flatnonzero(read))
        emit = np.zeros((n, self.k))
        for place in self._places:
            at = pos + place.shift
            inside = (at >= lo_t) & (at < hi_t)
            emit[inside] += self._rows(place, ids[at[inside]])
            emit[~inside] += place.edge
        own = ids[pos]
        marks, spaces = self._flags[own, 1], self._flags[own, 2]
        after_marker = (pos > lo_t) & self._flags[ids[np.maximum(pos - 1, 0)], 0]
        contexts, depths = self._contexts(text, words, starts, windows, a, lo, win, first, marks, spaces, after_marker)
        emit = emit + self.context[contexts]
        keep = self._has_name(emit, lens, first)
        if stems is not None:
            # a window labelled all O holds no name of these types either: the second Viterbi
            # reads only the windows that may hold a name (about one in seven)
            named = [j for j, k in enumerate(keep) if k]
            if named:
                sub = np.array(named, dtype=np.int64)
                sub_first = first[sub]
                rows = np.concatenate([np.arange(f, f + n) for f, n in zip(sub_first.tolist(), lens[sub].tolist())])
                sub_lens = lens[sub]
                sub_starts = np.zeros(len(sub), dtype=np.int64)
                np.cumsum(sub_lens[:-1], out=sub_starts[1:])
                held = self._has_stem(emit[rows], sub_lens, sub_starts, stems)
                keep = [False] * len(keep)
                for j, k in zip(named, held):
                    keep[j] = k
        return [(*windows[j], *depths.get(j, (0, 0))) for j, k in enumerate(keep) if k]

    def _contexts(self, text: str, words: Sequence[str], starts: Sequence[int], windows: Sequence[tuple[int, int, int, int]],
                  a: Any, lo: Any, win: Any, first: Any, marks: Any, spaces: Any, after_marker: Any) -> Any:
        """Per token of the windows, the row of its position features (as window_features reads
        them), and the depths at the start of the windows where they are not 0 (by window)."""
        np = self.np
        # at the line's start: the window starts the line and every token before this one in it is white space
        not_space = ~spaces
        seen = np.cumsum(not_space) - not_space
        seen = seen - seen[first][win]
        line_start = (a[win] == lo[win]) & (seen == 0)
        # quote and title depths: constant inside a window that holds no mark, read as
        # window_features does where one does. LineState is asked only at the windows with a mark
        # before them in their line: at the others the depths are 0, and leaving them out joins
        # stretches that hold no mark to the next one, which moves no depth
        state = LineState(text)
        quote = np.zeros(len(win), dtype=bool)
        book = np.zeros(len(win), dtype=bool)
        has_mark = np.add.reduceat(marks.astype(np.int64), first) > 0
        mark_at = np.array([m.start() for m in _DEPTH_MARKS.finditer(text)], dtype=np.int64)
        at_start = np.array([starts[i] for i in a.tolist()], dtype=np.int64)
        at_line = np.array([starts[i] for i in lo.tolist()], dtype=np.int64)
        before = np.searchsorted(mark_at, at_start) > np.searchsorted(mark_at, at_line)
        depths: dict[int, tuple[int, int]] = {}
        for j in np.flatnonzero(before | has_mark).tolist():
            wa, wb, wlo, _ = windows[j]
            q, bk = state.at(starts[wlo], starts[wa]) if before[j] else (0, 0)
            if q or bk:
                depths[j] = (q, bk)
            f = int(first[j])
            if not has_mark[j]:
                if q or bk:
                    quote[f:f + wb - wa] = q > 0
                    book[f:f + wb - wa] = bk > 0
                continue
            for i in range(wa, wb):
                quote[f + i - wa] = q > 0
                book[f + i - wa] = bk > 0
                if words[i] in _MARK_WORDS:
                    q, bk = _depths(words[i], q, bk)
        return quote * 8 + book * 4 + line_start * 2 + after_marker, depths

    def _padded(self, emit: Any, lens: Any, first: Any) -> tuple[Any, Any, Any, int]:
        """The windows' emissions, longest window first, padded to the longest (``pad``), each
        window's row in it (``rank``), and per step t how many windows are still running (a prefix
        of the rows)."""
        np = self.np
        nw = len(lens)
        order = np.argsort(-lens, kind="stable")
        slens = lens[order]
        longest = int(slens[0])
        pad = np.zeros((nw, longest, self.k))
        rank = np.empty(nw, dtype=np.int64)
        rank[order] = np.arange(nw)
        col = np.arange(len(emit)) - np.repeat(first, lens)
        pad[np.repeat(rank, lens), col] = emit
        running = np.searchsorted(-slens, -np.arange(longest), side="left")  # windows with length > t
        return pad, rank, running, longest

    def _has_name(self, emit: Any, lens: Any, first: Any) -> list[bool]:
        """Per window: whether its best labelling holding a name scores within :data:`MARGIN` of
        (or above) its all-``O`` labelling."""
        np = self.np
        k, o, trans = self.k, self.o, self.trans
        pad, rank, running, longest = self._padded(emit, lens, first)
        not_o = np.ones(k, dtype=bool)
        not_o[o] = False
        # all_o: the all-O labelling's score so far; best[:, j]: the best labelling so far that
        # holds a name (a label other than O) and ends in label j
        all_o = pad[:, 0, o].copy()
        best = np.where(not_o, pad[:, 0, :], -np.inf)
        into = trans[o] + np.where(not_o, 0.0, -np.inf)  # from all-O into a name label
        stay = trans[o, o]
        for t in range(1, longest):
            m = int(running[t])
            e = pad[:m, t, :]
            best[:m] = np.maximum((best[:m, :, None] + trans).max(axis=1), all_o[:m, None] + into) + e
            all_o[:m] += stay + e[:, o]
        keep = best.max(axis=1) >= all_o - MARGIN
        return keep[rank].tolist()

    def _has_stem(self, emit: Any, lens: Any, first: Any, stems: Sequence[str]) -> list[bool]:
        """Per window: whether its best labelling holding a label of ``stems`` (B-ORG, I-ORG for
        ``ORG``) scores within :data:`MARGIN` of (or above) its best labelling without one. Where
        it does not, crfsuite's Viterbi returns a labelling without such a label: the window may
        hold names of other types, but none of these."""
        np = self.np
        trans = self.trans
        pad, rank, running, longest = self._padded(emit, lens, first)
        wanted = np.array([lab != "O" and lab[2:] in stems for lab in self.labels])
        # free[:, j]: the best labelling so far without a wanted label, ending in label j (none
        # ends in a wanted one); held[:, j]: the best labelling so far holding one, ending in j
        free = np.where(wanted, -np.inf, pad[:, 0, :])
        held = np.where(wanted, pad[:, 0, :], -np.inf)
        for t in range(1, longest):
            m = int(running[t])
            e = pad[:m, t, :]
            from_free = (free[:m, :, None] + trans).max(axis=1)
            from_held = (held[:m, :, None] + trans).max(axis=1)
            held[:m] = np.maximum(from_held, np.where(wanted, from_free, -np.inf)) + e
            free[:m] = np.where(wanted, -np.inf, from_free + e)
        keep = held.max(axis=1) >= free.max(axis=1) - MARGIN
        return keep[rank].tolist()


def _row_parts(rows_of: dict[str, int], known: frozenset[str]) -> dict[str, dict[str, dict[str, int]]]:
    """The rows of the known features by place ("", "-1:" …), then by kind ("w=", "s=", "f=",
    "l=", "x="), then by what follows (the word, the shape …), read in one pass."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for a, i in rows_of.items():
        if a not in known:
            continue
        rel = a[:3] if a[:3] in ("-1:", "-2:", "+1:", "+2:") else ""
        kind = a[len(rel):len(rel) + 2]
        out.setdefault(rel, {}).setdefault(kind, {})[a[len(rel) + 2:]] = i
    return out


class _RowReader:
    """The weight rows of a word's features at one place (``rel``: "" for the token itself,
    "-1:", "-2:", "+1:", "+2:"), in the order the tagger's features list them
    (:class:`~.features.KnownFeatures`), those without weights left out (their rows are zeros).

    Speed: read by the parts a feature is made of (the word, its shape, its first or last
    character, its lexicon flags) from tables of rows by part, without making the feature
    strings and looking each up, for every distinct word a process meets, at five places each
    (the 19,000 of the 28 reports: 0.25 -> 0.13 s). A test holds the rows equal to the rows of
    the features' strings for every word of the project's texts and for random ones."""

    def __init__(self, rel: str, parts: dict[str, dict[str, int]], marker: int | None) -> None:
        self.rel = rel
        self.word = parts.get("w=", {})
        self.near = rel in ("-2:", "+2:")  # two places away a word gives its own text alone
        self.shape = parts.get("s=", {})
        #: the character features of a word of two or more Han (or other) characters: its first and
        #: last for the token itself, the last one before it, the first one after it
        self.first = parts.get("f=", {}) if rel in ("", "+1:") else {}
        self.last = parts.get("l=", {}) if rel in ("", "-1:") else {}
        self.flag = parts.get("x=", {})
        self.marker = marker if rel == "" else None

    def row_ids(self, word: str) -> list[int]:
        """The rows (asked once per word and place: :class:`_Place` keeps the sum)."""
        out: list[int] = []
        r = self.word.get(word)
        if r is not None:
            out.append(r)
        if not self.near:
            shape = _shape(word)
            r = self.shape.get(shape)
            if r is not None:
                out.append(r)
            if len(word) > 1 and shape in ("H", "X"):
                for table, c in ((self.first, word[0]), (self.last, word[-1])):
                    r = table.get(c)
                    if r is not None:
                        out.append(r)
            flags = _flags(word)
            if flags:
                out.extend(r for r in map(self.flag.get, flags) if r is not None)
            if self.marker is not None and _MARKER.match(word):
                out.append(self.marker)
        return out


class _Place:
    """What a word gives the scores standing at one place of a token's features (itself, one or
    two before, one or two after): the weights of its features there (``reader``) summed to one
    row per label, a row per word met there."""

    def __init__(self, shift: int, k: int, edge: Any, reader: _RowReader) -> None:
        self.reader = reader
        self.shift = shift
        #: the row of a token with no word at this place in its line (none, BOS, EOS)
        self.edge = edge
        self.reset(k)

    def reset(self, k: int) -> None:
        import numpy as np

        #: by word id: the row, and whether it was read (a word's row is read the first time the
        #: word stands at this place)
        self.matrix = np.zeros((0, k))
        self.done = np.zeros(0, dtype=bool)

    def grow(self, n: int) -> None:
        """Room for ``n`` more words."""
        import numpy as np

        self.matrix = np.concatenate([self.matrix, np.zeros((n, self.matrix.shape[1]))])
        self.done = np.concatenate([self.done, np.zeros(n, dtype=bool)])

    def __repr__(self) -> str:
        return f"_Place(shift={self.shift}, read={int(self.done.sum())})"


__all__ = ["Screen", "MARGIN"]
