"""Tokens: jieba's segmentation with the bundled domain dictionary, loaded lazily once per process.

Two engines give the tokens. ``rjieba`` (the Python binding of jieba-rs, a Rust port of jieba)
is the default: it segments about twelve times faster. ``jieba`` itself is the reference and the
fallback where rjieba is not installed (or where ``$WFLTEXT_TOKENIZER`` is ``jieba``). Both get
the same dictionary: jieba's, the domain terms with the frequencies jieba computes for them, and
a user's lexicon; rjieba's output is then brought to jieba's where the two split letters and
digits differently (``2-3``, ``PM_2.5``: jieba splits at the hyphen, jieba-rs does not). On the
real corpus the engines agree on every token (tests/test_tokenize.py).

jieba segments simplified text only (its dictionary and HMM are simplified), so tokens are always
made from the normalized text. Plain ``lcut`` is used, never ``jieba.posseg``: posseg runs about
fifty times slower and no rule here needs part-of-speech tags.

The domain dictionary is three data files in ``wfltext/lexicons``: organizations and their
abbreviations, named programs, and the genre's fixed phrases. A user adds terms with a lexicon
file (one term a line, optionally followed by a frequency, as in jieba's user dictionaries):
``analyze(text, lexicon="my_terms.txt")``.

jieba's model cache goes to a ``wfltext-cache`` folder under the system temporary directory (or
``$WFLTEXT_CACHE_DIR``), never into the user's home or the working directory.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import re
import tempfile
import threading
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate
from math import log
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple, Protocol, TypeVar

from . import lexicons
from .version import __version__


class Normalized(Protocol):
    """What :func:`tokens` reads of a :class:`wfltext.normalize.Normalized` text (the normalizer
    is a layer above this module)."""

    text: str
    offsets: Any

#: domain dictionaries bundled in wfltext/lexicons, one term a line
DOMAIN_LEXICONS = ("terms_organizations.txt", "terms_programs.txt", "terms_phrases.txt")
#: a domain term's frequency is this many times the least that makes jieba keep it whole (as
#: ``jieba.suggest_freq`` computes it). A fixed large frequency made short terms swallow their
#: neighbours' characters (地区政府 → 地/区政府, 政府办事 → 政府办/事); three times the least keeps
#: every bundled term whole in the genre's sentences without that (tests/test_tokenize.py).
DOMAIN_BOOST = 3

_lock = threading.RLock()
T = TypeVar("T")

#: the engines, fastest first; ``$WFLTEXT_TOKENIZER`` picks one
ENGINES = ("rjieba", "jieba")
#: a word made of private-use characters, which never occur in a text block jieba-rs looks up:
#: its frequency makes rjieba's dictionary total equal jieba's (see :func:`_fast`)
_BALANCE_WORD = "\U000f0000\U000f0001\U000f0002"
#: where jieba-rs keeps letters and digits joined by one of ``-_.`` that jieba splits
_JOINED = re.compile(r"(?=[A-Za-z0-9][-_.][A-Za-z0-9])")
#: jieba's split of a run of letters, digits and signs (``jieba.finalseg.re_skip``)
_RE_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


class Token(NamedTuple):
    """A token: its (normalized) text and its span in the original; ``nstart``/``nend`` in the
    normalized text. A named tuple, not a frozen dataclass: a report has tens of thousands of
    tokens, and a frozen dataclass takes four times as long to build."""

    text: str
    start: int
    end: int
    nstart: int
    nend: int


def cache_dir() -> Path:
    """Where jieba keeps its model cache: ``$WFLTEXT_CACHE_DIR`` or ``<tmp>/wfltext-cache`` (not
    ``<tmp>/wfltext``, which would shadow the package for a script run from the temporary folder)."""
    path = Path(os.environ.get("WFLTEXT_CACHE_DIR") or Path(tempfile.gettempdir()) / "wfltext-cache")
    path.mkdir(parents=True, exist_ok=True)
    return path


def dictionary_table(name: str, build: Callable[[], T], *key: Any) -> T:
    """A table that ``build()`` derives from jieba's main dictionary, kept on disk.

    Reading and parsing jieba's 349,000 dictionary lines takes a few tenths of a second; every
    process (every batch worker) would pay it again. The table is kept by :func:`cached_table`,
    under a name that also changes with the size and time of jieba's dictionary file.
    """
    import importlib.util

    spec = importlib.util.find_spec("jieba")  # where jieba is, without importing it
    if spec is None or spec.origin is None:
        return build()
    try:
        st = Path(spec.origin).with_name("dict.txt").stat()
    except OSError:
        return build()
    return cached_table(name, build, *key, f"{st.st_size} {st.st_mtime_ns}")


def cached_table(name: str, build: Callable[[], T], *key: Any) -> T:
    """``build()``, kept on disk: made once, then read back by every process.

    The result is stored with ``marshal`` (so it may hold only str, bytes, int, float, tuples,
    lists, dicts, sets and frozensets) in :func:`cache_dir`, under a name that changes with
    ``key``, the wfltext version and the source file that defines ``build``; any change builds
    it again, and older versions of the table beyond the few used last are removed. A cache that
    cannot be read or written is ignored.
    """
    h = hashlib.sha256(repr((name, key, __version__)).encode())
    try:
        h.update(Path(build.__code__.co_filename).read_bytes())
        path = cache_dir() / f"{name}.{h.hexdigest()[:20]}.marshal"
    except OSError:  # the source is not readable, or the cache folder cannot be made
        return build()
    try:
        with open(path, "rb") as f:
            table = marshal.load(f)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    else:
        try:
            os.utime(path)  # in use: the last to be pruned (_prune_tables)
        except OSError:
            pass
        return table
    table = build()
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            marshal.dump(table, f)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass
    else:
        _prune_tables(path, name)
    return table


#: how many versions of one table the cache folder keeps (the one just written and the ones used
#: most recently: two installations of wfltext side by side each keep theirs)
KEEP_TABLES = 3


def _prune_tables(written: Path, name: str) -> None:
    """Remove all but the :data:`KEEP_TABLES` most recently used versions of the table ``name``.

    A table's file name changes with every version of wfltext and every change of the source
    that builds it, so the folder would otherwise grow by a table (up to a few MB) with each
    upgrade, without end."""
    def used(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    others = [p for p in written.parent.glob(f"{name}.*.marshal") if p != written]
    for old in sorted(others, key=used, reverse=True)[KEEP_TABLES - 1:]:
        try:
            old.unlink()
        except OSError:
            pass


def domain_terms() -> tuple[str, ...]:
    """The bundled domain terms, in file order, without repeats."""
    terms: list[str] = []
    for name in DOMAIN_LEXICONS:
        terms.extend(lexicons.entries(name))
    return tuple(dict.fromkeys(terms))


def _quiet_jieba() -> None:
    # jieba attaches its own stderr handler at DEBUG level on import and reports every dictionary
    # load through it. Raise that level only while it is still jieba's own default, so a level a
    # user chose for the "jieba" logger is left alone.
    logger = logging.getLogger("jieba")
    if logger.level == logging.DEBUG:
        logger.setLevel(logging.WARNING)


class Segmenter:
    """jieba's segmentation, run faster, with the domain dictionary.

    ``lcut`` uses the fast engine (rjieba) when there is one and :meth:`reference_lcut`
    otherwise. ``reference_lcut`` is jieba's own algorithm — the same dictionary, DAG, best route
    and HMM for unknown words as ``jieba.Tokenizer.lcut(text)`` (HMM on), giving the same tokens
    (tested on every report of the corpus) in about 60% of its time: jieba builds a dict of
    candidate ends for every character and takes the best route with a generator of tuples per
    character; here one backward pass over plain lists does both. ``jieba`` is the underlying
    jieba Tokenizer, ``fast`` the rjieba one (``None`` without it).
    """

    __slots__ = ("_jieba", "fast", "_load")

    def __init__(self, tk: Any, fast: Any = None, load: Callable[[], Any] | None = None) -> None:
        # with the fast engine, jieba's Tokenizer (a second of loading) is made only when asked
        # for: ``load`` makes it
        self._jieba = tk
        self.fast = fast
        self._load = load

    @property
    def jieba(self) -> Any:
        """jieba's Tokenizer with the same dictionary (loaded on first use)."""
        if self._jieba is None:
            if self._load is None:
                raise AttributeError("jieba")
            self._jieba = self._load()
        return self._jieba

    @property
    def engine(self) -> str:
        """``rjieba`` or ``jieba``: the engine ``lcut`` runs."""
        return "jieba" if self.fast is None else "rjieba"

    def lcut(self, text: str) -> list[str]:
        """The tokens of ``text``, as ``jieba.Tokenizer.lcut(text)`` gives them."""
        return self.cut_with_ends(text)[0]

    def cut_with_ends(self, text: str) -> tuple[list[str], list[int] | None]:
        """:meth:`lcut`'s tokens, and the end offset of each where they were added up on the way
        (None where they were not; ``list(accumulate(map(len, words)))`` gives them)."""
        if self.fast is None:
            return self.reference_lcut(text), None
        try:
            words: list[str] = self.fast.cut(text)
        except UnicodeEncodeError:  # lone surrogates, which Rust strings cannot hold
            return self.reference_lcut(text), None
        if _JOINED.search(text) is None:
            return words, None
        # letters and digits joined by -_. : jieba-rs may keep them one token where jieba's
        # unknown-word step splits them; only the tokens holding such a place are looked at
        ends = list(accumulate(map(len, words)))
        known = self.fast.has_word  # a word of the dictionary: jieba's FREQ > 0
        fixes: dict[int, list[str]] = {}
        for m in _JOINED.finditer(text):
            pos = m.start()
            k = bisect_right(ends, pos)
            if k in fixes or ends[k] < pos + 3:
                continue
            word = words[k]
            if not known(word):
                pieces = [p for p in _RE_SKIP.split(word) if p]
                if len(pieces) > 1:
                    fixes[k] = pieces
        if not fixes:
            return words, ends
        for k in sorted(fixes, reverse=True):
            words[k : k + 1] = fixes[k]
        return words, None

    def reference_lcut(self, text: str) -> list[str]:
        """The tokens of ``text`` by jieba's algorithm in Python (the reference engine)."""
        from jieba import finalseg, re_han_default, re_skip_default

        freq_of = self.jieba.FREQ.get
        logtotal = log(self.jieba.total)
        out: list[str] = []
        append, extend = out.append, out.extend
        for blk in re_han_default.split(text):
            if not blk:
                continue
            if not re_han_default.match(blk):
                for piece in re_skip_default.split(blk):
                    if re_skip_default.match(piece):
                        append(piece)
                    else:
                        extend(piece)
                continue
            n = len(blk)
            route_lp = [0.0] * (n + 1)
            route_end = [0] * (n + 1)
            for k in range(n - 1, -1, -1):
                # the same sums in the same order as jieba's calc(), so ties break alike
                # (jieba's max() over (logp, end) keeps the longest of equal routes)
                best = None
                end = k
                i = k
                frag = blk[k]
                while True:
                    f = freq_of(frag)
                    if f is None:
                        break
                    if f:
                        lp = log(f) - logtotal + route_lp[i + 1]
                        if best is None or lp >= best:
                            best, end = lp, i
                    i += 1
                    if i >= n:
                        break
                    frag = blk[k : i + 1]
                route_lp[k] = log(1) - logtotal + route_lp[k + 1] if best is None else best
                route_end[k] = end
            # single characters in a row are a run of unknown words, left to the HMM
            x = 0
            buf = ""
            while x <= n:
                y = route_end[x] + 1 if x < n else n + 1
                if x < n and y - x == 1:
                    buf += blk[x]
                else:
                    if buf:
                        if len(buf) == 1:
                            append(buf)
                        elif not freq_of(buf):
                            extend(finalseg.cut(buf))
                        else:
                            extend(buf)
                        buf = ""
                    if x < n:
                        append(blk[x:y])
                x = y
        return out

    def cut(self, text: str) -> Iterator[str]:
        return iter(self.lcut(text))

    def __getattr__(self, name: str) -> Any:
        # anything else is the jieba Tokenizer's (FREQ, total, add_word …), as before
        if name.startswith("_") or name == "jieba":  # not set (copy, unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.jieba, name)


@lru_cache(maxsize=1)
def _base() -> Any:
    """The jieba Tokenizer with the domain dictionary: built once per process."""
    import jieba

    _quiet_jieba()
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(cache_dir())
    tk.initialize()
    _add_words(tk, [(term, None) for term in domain_terms()], [])
    return tk


def _add_words(tk: Any, entries: list[tuple[str, int | None]], added: list[tuple[str, int, int]]) -> None:
    """Add ``(term, frequency or None)`` to jieba Tokenizer ``tk`` in order (``None``: enough to
    stay whole, :func:`whole_freq`); ``tk.wfltext_added`` lists ``(term, frequency, frequency
    before)`` of every word added since jieba's dictionary, for the fast engine to repeat."""
    added = list(added)
    for term, freq in entries:
        f = freq if freq is not None else whole_freq(tk, term)
        added.append((term, f, tk.FREQ.get(term, 0)))
        tk.add_word(term, f)
    tk.wfltext_added = added


def whole_freq(tk: Any, term: str) -> int:
    """The frequency that keeps ``term`` one token: :data:`DOMAIN_BOOST` times the least one."""
    p = 1.0
    for seg in tk.lcut(term, HMM=False):
        p *= tk.FREQ.get(seg, 1) / tk.total
    least = max(int(p * tk.total) + 1, tk.FREQ.get(term, 0) + 1)
    return least * DOMAIN_BOOST


def _with_user_lexicon(path: str, mtime_ns: int) -> Any:
    import jieba

    base = _base()
    tk = jieba.Tokenizer()
    tk.tmp_dir = base.tmp_dir
    # A copy of the loaded prefix dictionary saves reading jieba's cache a second time.
    tk.FREQ, tk.total, tk.initialized = dict(base.FREQ), base.total, True
    _add_words(tk, read_user_entries(path), base.wfltext_added)
    return tk


def default_engine() -> str:
    """The engine in use: ``$WFLTEXT_TOKENIZER`` when it names one, else rjieba when it is
    installed, else jieba."""
    wanted = os.environ.get("WFLTEXT_TOKENIZER", "").strip().lower()
    if wanted == "jieba":
        return "jieba"
    if _rjieba_class() is None:
        if wanted == "rjieba":
            from .errors import WfltextError

            raise WfltextError("WFLTEXT_TOKENIZER=rjieba but rjieba is not installed: pip install rjieba") from None
        return "jieba"
    return "rjieba"


def _rjieba_class() -> Any:
    """rjieba's ``Jieba`` class, or None where rjieba cannot be imported.

    Importing the ``rjieba`` package builds a tokenizer of its own at import time (for its
    module-level ``cut``), which loads jieba-rs's dictionary: about 0.1 s of CPU in every process
    and batch worker, for a tokenizer wfltext never uses (it builds its own, :func:`_fast`). So
    where the package holds its compiled module as a file beside ``__init__`` (as its wheels
    do), that module alone is loaded, and not entered in ``sys.modules``: a later ``import
    rjieba`` by anyone runs as it always does (Python hands it the same compiled module, loaded
    once a process). Where rjieba is imported already, or laid out otherwise, the package is
    imported as usual.
    """
    import sys

    if "rjieba" in sys.modules:
        package = sys.modules["rjieba"]
        return None if package is None else package.Jieba  # None: imports of rjieba are blocked
    if not _COMPILED_RJIEBA:
        _COMPILED_RJIEBA.append(getattr(_load_compiled_rjieba(), "Jieba", None))
    if _COMPILED_RJIEBA[0] is not None:
        return _COMPILED_RJIEBA[0]
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba.Jieba


#: rjieba's class as :func:`_load_compiled_rjieba` found it (None: not found that way), once a process
_COMPILED_RJIEBA: list[Any] = []


def _load_compiled_rjieba() -> Any:
    """rjieba's compiled module, loaded without its package's ``__init__``, or None where it is
    not a file of the package's folder."""
    import importlib.machinery
    import importlib.util

    try:
        spec = importlib.util.find_spec("rjieba")
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    for folder in spec.submodule_search_locations or ():
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = Path(folder) / f"rjieba{suffix}"
            if not path.is_file():
                continue
            try:
                loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(path))
                own = importlib.util.spec_from_file_location("rjieba.rjieba", path, loader=loader)
                if own is None:
                    continue
                module = importlib.util.module_from_spec(own)
                loader.exec_module(module)
            except ImportError:
                continue
            return module
    return None


def _fast(added: list[tuple[str, int, int]]) -> Any:
    """An rjieba tokenizer with the words a jieba Tokenizer got (``wfltext_added``: term,
    frequency, frequency before), at the same frequencies.

    jieba-rs starts from jieba's dictionary. Adding a word it already has replaces the old
    frequency in its total, where jieba adds to the total and keeps the old frequency counted:
    a word of private-use characters (never looked up) carries the difference, so the totals —
    and every route's probability — are jieba's.
    """
    jieba_class = _rjieba_class()
    assert jieba_class is not None, "rjieba is not installed"
    fast = jieba_class()
    replaced = 0
    for term, freq, before in added:
        fast.add_word(term, freq, None)
        replaced += before
    if replaced:
        fast.add_word(_BALANCE_WORD, replaced, None)
    return fast


def tokenizer(user_lexicon: str | os.PathLike | None = None, *, engine: str | None = None) -> Segmenter:
    """The segmenter with the domain dictionary and, if given, a user's lexicon loaded.

    ``engine`` (``rjieba`` or ``jieba``) defaults to :func:`default_engine`. Segmenters are
    cached: one per process and engine for the domain dictionary, one per user lexicon file
    (reloaded when the file changes).
    """
    if engine is None:
        engine = default_engine()
    elif engine not in ENGINES:
        raise ValueError(f"unknown tokenizer engine {engine!r}; known: {', '.join(ENGINES)}")
    with _lock:
        if not user_lexicon:
            return _segmenter(None, 0, engine)
        path = str(Path(user_lexicon).resolve())
        try:
            mtime = os.stat(path).st_mtime_ns
        except OSError:
            mtime = -1  # read_user_entries reports the error
        return _segmenter(path, mtime, engine)


@lru_cache(maxsize=16)
def _segmenter(path: str | None, mtime_ns: int, engine: str) -> Segmenter:
    load = _base if path is None else (lambda: _jieba_with(path, mtime_ns))
    if engine != "rjieba":
        return Segmenter(load())
    if path is None:
        # the domain terms' frequencies, as jieba computes them, kept on disk: the fast engine
        # then starts without loading jieba's dictionary
        added = dictionary_table("domain-frequencies", lambda: _base().wfltext_added, domain_terms(), DOMAIN_BOOST)
        return Segmenter(None, _fast([tuple(a) for a in added]), load)
    tk = load()
    return Segmenter(tk, _fast(tk.wfltext_added), load)


@lru_cache(maxsize=16)
def _jieba_with(path: str, mtime_ns: int) -> Any:
    # one jieba Tokenizer per lexicon file, shared by both engines' segmenters
    return _with_user_lexicon(path, mtime_ns)


def read_user_entries(path: str | os.PathLike) -> list[tuple[str, int | None]]:
    """``(term, frequency)`` of a user's lexicon: one term a line, optionally followed by a
    frequency and a tag (jieba's user-dictionary format); ``#`` lines are comments. A term without
    a frequency (``None``) gets what a domain term gets: enough to stay one token.
    """
    from .errors import InputError

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as err:
        raise InputError(f"cannot read lexicon: {err.strerror}", source=str(path)) from err
    except UnicodeDecodeError as err:
        raise InputError("lexicon must be UTF-8 text, one term a line", source=str(path)) from err
    out = []
    for line in text.splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        freq = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
        out.append((fields[0], freq))
    return out


def read_user_lexicon(path: str | os.PathLike) -> list[str]:
    """The terms of a user's lexicon (see :func:`read_user_entries`)."""
    return [term for term, _ in read_user_entries(path)]


def lexicon_hash(user_lexicon: str | None = None) -> str:
    """Short hash of the dictionary in use, stored with results so outdated ones can be redone."""
    h = hashlib.sha256("\n".join(domain_terms()).encode())
    if user_lexicon:
        h.update("\n".join(f"{t} {f}" for t, f in read_user_entries(user_lexicon)).encode())
    return h.hexdigest()[:16]


def cut(text: str, user_lexicon: str | None = None) -> list[str]:
    """Segment normalized text (HMM on, as jieba's default).

    >>> cut("县妇联实施春蕾计划")
    ['县妇联', '实施', '春蕾计划']
    """
    return tokenizer(user_lexicon).lcut(text)


def on_word_bound(token_ends: list[int], p: int) -> bool:
    """Whether normalized offset ``p`` falls between two of a text's words (or at its start),
    given the words' end offsets (``Document.token_ends``).

    >>> ends = [3, 5, 9]  # 县妇联|实施|春蕾计划
    >>> [on_word_bound(ends, p) for p in (0, 3, 4, 9)]
    [True, True, False, True]
    """
    i = bisect_left(token_ends, p)
    return p == 0 or (i < len(token_ends) and token_ends[i] == p)


def tokens(normalized: "Normalized", user_lexicon: str | None = None) -> list[Token]:
    """The tokens of a normalized text, each with its original span.

    Reads the offset map's arrays directly: one lookup per token edge instead of a span call per
    token, which matters because a report has tens of thousands of tokens.
    """
    text = normalized.text
    starts, ends = normalized.offsets.starts, normalized.offsets.ends
    out: list[Token] = []
    append = out.append
    pos = 0
    for word in tokenizer(user_lexicon).lcut(text):
        if not word:
            continue
        end = pos + len(word)
        append(Token(word, starts[pos], ends[end - 1], pos, end))
        pos = end
    return out


__all__ = [
    "Token",
    "on_word_bound",
    "Segmenter",
    "default_engine",
    "ENGINES",
    "cut",
    "tokens",
    "tokenizer",
    "domain_terms",
    "cache_dir",
    "dictionary_table",
    "lexicon_hash",
    "read_user_lexicon",
    "read_user_entries",
]
