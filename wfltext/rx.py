"""Patterns compiled by the standard library's ``re`` where it matches exactly as ``regex`` does.

The extractors' patterns are written for ``regex`` (``\\p{Han}``, look-behinds of varying width,
reverse and overlapped scans). On some plain patterns ``re`` is faster: the numeral scan of the
number extractor takes 0.025 s over the 28 reports of ``../shared/realcorpus`` in ``re``, 0.062 s
in ``regex``. On others it is slower, and on some it is not even linear: ``re`` has no search for
a pattern's required literal, so ``[^、，]+·[^、，]+`` tries every start in a run without ``·`` and
scans it to its end (quadratic), where ``regex`` looks for the ``·`` first. So the patterns that
use :func:`compile` are chosen one by one where a measure over the corpus found ``re`` faster (the
others call ``regex.compile``), and ``tests/test_regex_linear.py`` checks every pattern of the
package, of either engine, for linear time. :func:`compile` gives a pattern to ``re`` only when
``re`` reads it with the same meaning, and to ``regex`` otherwise:

* ``\\p{Han}`` and ``\\s`` are spelled out as the classes ``regex`` gives them (:data:`HAN`,
  :data:`SPACE`; ``re``'s ``\\s`` adds U+001C–U+001F), ``\\S`` too, outside a class. ``\\d`` is
  left to ``re``: Unicode's decimal digits as the running Python knows them, where ``regex`` knows
  the few added in later Unicode versions (Kawi, Garay… digits, none of them BMP); spelled out as
  ``regex`` has them, the class made the numeral scan three times slower in ``re`` than builtin;
* a pattern with ``\\w``, ``\\W``, ``\\b``, ``\\B`` (word characters differ: ``regex`` counts
  combining marks), another ``\\p``/``\\P`` property, ``\\S`` inside a class, or a flag other
  than MULTILINE, DOTALL and VERBOSE (inline too) goes to ``regex``;
* so does every pattern ``re`` refuses (a look-behind of varying width, a repeated group name,
  ``(?r)``, possessive quantifiers before Python 3.11) or warns about (a nested set), and one with
  possessive quantifiers before Python 3.11.5, whose ``re`` matched them wrongly
  (:data:`RE_POSSESSIVE_OK`).

A caller that needs what only ``regex`` has (``overlapped=True``) calls ``regex.compile``.
``tests/test_rx.py`` holds the classes equal to ``regex``'s on every code point Python's Unicode
data assigns, and every pattern given to ``re`` equal to its ``regex`` twin on the corpus and on
random text.
"""

from __future__ import annotations

import re
import sys
import warnings
from typing import Union

import regex

#: a compiled pattern of either engine (the methods the extractors call are the same)
Pattern = Union["re.Pattern[str]", "regex.Pattern[str]"]
Match = Union["re.Match[str]", "regex.Match[str]"]

#: ``regex``'s ``\p{Han}`` (the Han script: radicals, 々 〇 〡…, ideographs of every block)
HAN = (r"\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
       r"\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6"
       r"\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0"
       r"\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a\U00031350-\U00033479")
#: ``regex``'s ``\s`` (Unicode's White_Space; ``re`` adds U+001C–U+001F)
SPACE = r"\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028-\u2029\u202f\u205f\u3000"
#: escapes spelled out: (inside a class, outside one); None where ``re`` cannot say it the same way
_CLASSES = {"s": (SPACE, f"[{SPACE}]"), "S": (None, f"[^{SPACE}]")}
#: escapes whose meaning differs between the engines
_REFUSED = frozenset("wWbBpPXGKmMLN")
_FLAGS = re.MULTILINE | re.DOTALL | re.VERBOSE
#: inline flags that change what matches (case, ASCII or locale classes, regex's versions)
_INLINE = re.compile(r"\(\?[a-zA-Z-]*[iaLuVfwbe]")

#: possessive quantifiers: ``re`` of Python 3.11.0–3.11.4 matched them wrongly where the part they
#: repeat can backtrack (CPython gh-106052, fixed in 3.11.5; the numeral scan gave empty numerals):
#: before that version a pattern with one goes to ``regex`` (:func:`has_possessive`)
RE_POSSESSIVE_OK = sys.version_info >= (3, 11, 5)


def has_possessive(pattern: str) -> bool:
    """Whether ``pattern`` holds a possessive quantifier (``*+``, ``++``, ``?+``, ``{m,n}+``) outside
    a character class.

    >>> has_possessive(r"\\d{1,20}+年"), has_possessive(r"[-*+]\\d+"), has_possessive(r"(?:a|b)?+"), has_possessive(r"\\++")
    (True, False, True, False)
    """
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i) + 1
            continue
        if c == "(" and pattern.startswith("(?", i):
            i += 2  # a group's ? is no quantifier
            continue
        if c in "*+?}" and i + 1 < n and pattern[i + 1] == "+":
            return True
        i += 1
    return False


def _class_end(p: str, i: int, *, nested: bool = True) -> int:
    """Where the character class opening at ``p[i]`` closes (the index of its ``]``; ``len(p)``
    when it does not). A ``]`` right after ``[`` or ``[^`` is a member; with ``nested`` false, a
    set inside it is refused (:class:`_Unknown`)."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1
    while j < len(p) and p[j] != "]":
        if p[j] == "[" and not nested:
            raise _Unknown("nested set")
        j += 2 if p[j] == "\\" else 1
    return j


def compile_as_written(pattern: str, flags: int = 0) -> Pattern:
    """``pattern`` compiled by ``re`` as it is written, whatever its flags (the caller has chosen
    ``re``'s reading, such as its case folding), or by ``regex`` where this Python's ``re``
    refuses it (an atomic group before 3.11) or matches it wrongly (a possessive quantifier
    before 3.11.5)."""
    if RE_POSSESSIVE_OK or not has_possessive(pattern):
        try:
            return re.compile(pattern, flags)
        except re.error:
            pass
    return regex.compile(pattern, flags)

#: ``(source, flags, compiled)`` of every pattern given to ``re`` (for the tests)
COMPILED: list[tuple[str, int, "re.Pattern[str]"]] = []


def translate(pattern: str) -> str | None:
    """``pattern`` in ``re``'s terms (``\\p{Han}``, ``\\d``, ``\\s`` spelled out), or None where
    it holds an escape whose meaning the engines do not share."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            e = pattern[i + 1]
            if pattern.startswith("p{Han}", i + 1):
                out.append(HAN if in_class else f"[{HAN}]")
                i += 7
                continue
            if e in _CLASSES:
                spelled = _CLASSES[e][0 if in_class else 1]
                if spelled is None:
                    return None
                out.append(spelled)
            elif e in _REFUSED:
                return None
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "]" and not (pattern[i - 1] == "[" or pattern[i - 2:i] == "[^"):
                in_class = False
            elif c == "[":
                return None  # a nested set or a POSIX class
        elif c == "[":
            in_class = True
        out.append(c)
        i += 1
    return "".join(out)


def compile(pattern: str, flags: int = 0) -> Pattern:  # noqa: A001 - the module's one verb
    """``pattern`` compiled by ``re`` where it means the same there, else by ``regex``."""
    flags = int(flags)
    if isinstance(pattern, str) and not flags & ~_FLAGS and _INLINE.search(pattern) is None \
            and (RE_POSSESSIVE_OK or not has_possessive(pattern)):
        source = translate(pattern)
        if source is not None:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    compiled = re.compile(source, flags)
            except (re.error, Warning, OverflowError, RecursionError):
                pass
            else:
                COMPILED.append((pattern, flags, compiled))
                return compiled
    return regex.compile(pattern, flags)


class _Unknown(Exception):
    """A construct :func:`first_chars` does not read."""


_QUANTIFIER = re.compile(r"[?*+]|\{(\d*)(?:,(\d*))?\}")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZzGmM")


def first_chars(pattern: str) -> str | None:
    """A pattern that matches every character a match of ``pattern`` (``regex`` syntax) can start
    with, as one alternative per possible first item (a class, an escape, a literal), or None
    when that cannot be told: a match may be empty, or the pattern uses a construct this reader
    does not know (inline flags, back references, conditionals). Look-arounds consume nothing and
    are passed over, so the answer may hold more characters than can start a match, never fewer.
    Compiled with the pattern's flags, its ``fullmatch`` of one character says whether a match can
    start there.

    >>> first_chars(r"(?<=第)[一二三]{1,3}(?:部分|章)|\\d{1,2}号")
    '[一二三]|\\\\d'
    >>> first_chars(r"(?:十八|18)[ \\t]{0,2}岁"), first_chars(r"[ \\t]{0,2}x?"), first_chars(r"(?i)a")
    ('十|1', None, None)
    >>> first_chars("a\\\\"), first_chars(r"(?P<n"), first_chars(r"\\1a")
    (None, None, None)
    """
    if _INLINE.search(pattern) or "(?(" in pattern:
        return None
    try:
        atoms, nullable, i = _alternatives(pattern, 0)
    except (_Unknown, IndexError, ValueError):  # a construct not read, or a pattern cut short
        return None
    if i != len(pattern) or nullable or not atoms:
        return None
    return "|".join(dict.fromkeys(atoms))


def _alternatives(p: str, i: int) -> tuple[list[str], bool, int]:
    """The first items of the alternatives from ``p[i]`` to the ``)`` that closes them (or the
    end): ``(atoms, whether one alternative can match nothing, where they end)``."""
    atoms: list[str] = []
    nullable = False
    while True:
        seq, empty, i = _sequence(p, i)
        atoms += seq
        nullable = nullable or empty
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return atoms, nullable, i


def _sequence(p: str, i: int) -> tuple[list[str], bool, int]:
    """The first items of one alternative: items are read until one cannot match nothing."""
    atoms: list[str] = []
    nullable = True
    while i < len(p) and p[i] not in "|)":
        item, empty, i = _item(p, i)
        q = _QUANTIFIER.match(p, i)
        if q is not None:
            if q.group() in ("?", "*") or q.group(1) is not None and q.group(1) in ("", "0"):
                empty = True
            i = q.end()
            if i < len(p) and p[i] in "?+":
                i += 1  # lazy or possessive
        if nullable:
            atoms += item
            nullable = empty
    return atoms, nullable, i


def _item(p: str, i: int) -> tuple[list[str], bool, int]:
    """One item at ``p[i]``: its possible first atoms, whether it can match nothing, its end."""
    c = p[i]
    if c == "(":
        if p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            _, _, j = _alternatives(p, i + (3 if p[i + 2] in "=!" else 4))
            return [], True, _close(p, j)  # consumes nothing
        if p.startswith(("(?:", "(?>"), i):
            start = i + 3
        elif p.startswith("(?P<", i):
            start = p.index(">", i) + 1
        elif p.startswith("(?", i):
            raise _Unknown(p[i:i + 4])
        else:
            start = i + 1
        atoms, empty, j = _alternatives(p, start)
        return atoms, empty, _close(p, j)
    if c == "[":
        j = _class_end(p, i, nested=False)
        if j >= len(p):
            raise _Unknown("unclosed set")
        return [p[i:j + 1]], False, j + 1
    if c == "\\":
        e = p[i + 1]
        if e in _ZERO_WIDTH_ESCAPES:
            return [], True, i + 2
        if e in "pPN" and p.startswith("{", i + 2):
            j = p.index("}", i) + 1
        elif e == "u":
            j = i + 6
        elif e == "U":
            j = i + 10
        elif e == "x":
            j = p.index("}", i) + 1 if p.startswith("{", i + 2) else i + 4
        elif e.isdigit() or e in "gK":
            raise _Unknown("back reference")
        else:
            j = i + 2
        return [p[i:j]], False, j
    if c in "^$":
        return [], True, i + 1
    return [regex.escape(c)], False, i + 1


def _close(p: str, j: int) -> int:
    if j >= len(p) or p[j] != ")":
        raise _Unknown("unclosed group")
    return j + 1
