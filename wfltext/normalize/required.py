"""What a regular expression needs of a text before it can match it: words and a length.

The boilerplate rules are 55 whole-line patterns, many of the shape ``.{0,150}(?:记者|摄影)…``,
which ``re`` tries at every length before failing; a report's paragraph fails each of them. A
line that holds none of the words a rule requires, or is longer than anything the rule can
match, cannot match it, so the rule need not be tried. Both facts are read off the parsed
pattern (``re._parser``), never written by hand, and they only ever rule a pattern *out*: what is
left is matched as before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # the parser's opcodes and the parser, as re itself uses them
    import re._constants as sre  # noqa: PLC2701
    import re._parser as sre_parse  # noqa: PLC2701
except ImportError:  # Python 3.10: the same modules under their names before 3.11
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

#: opcodes of Python 3.11 (atomic groups, possessive repeats), None before
_ATOMIC_GROUP = getattr(sre, "ATOMIC_GROUP", None)
_POSSESSIVE_REPEAT = getattr(sre, "POSSESSIVE_REPEAT", None)

#: words of a required set are found in a line as they are written, so a character that case
#: folding could match in another form (a letter, under re.IGNORECASE) is never part of one
_CJK_FROM = 0x2E80


def _plain(ch: str) -> bool:
    """A character that matches itself only, with or without re.IGNORECASE: no case, and not
    a letter below the CJK blocks (whose folds include odd ones, ſ for s, K for k)."""
    return ch.lower() == ch == ch.upper() and (ord(ch) >= _CJK_FROM or not ch.isalpha())


def _sets(items: Any) -> list[frozenset[str]]:
    """Required sets of a sequence of parsed items: each set holds words of which every match
    contains at least one."""
    out: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL and _plain(chr(av)):
            run += chr(av)  # consecutive literals are matched together: one word
            continue
        if run:
            out.append(frozenset((run,)))
            run = ""
        if op is sre.SUBPATTERN:
            out.extend(_sets(av[3]))
        elif op is _ATOMIC_GROUP:
            out.extend(_sets(av))
        elif op is sre.BRANCH:
            # one of the branches matches: the union of one set of each, if each has one
            best = [_best(_sets(branch)) for branch in av[1]]
            if all(b is not None for b in best):
                out.append(frozenset().union(*best))  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, _POSSESSIVE_REPEAT) and av[0] >= 1:
            out.extend(_sets(av[2]))  # repeated at least once: what the body requires
        # anything else (a class, a lookaround, an optional part) requires nothing known
    if run:
        out.append(frozenset((run,)))
    return out


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling set: its shortest word longest, then the fewest words."""
    return max(sets, key=lambda s: (min(map(len, s)), -len(s)), default=None)


@lru_cache(maxsize=256)
def _parsed(pattern: str, flags: int) -> Any:
    """A pattern parsed once for both questions asked of it (the words, the width); None where
    this Python's parser cannot read it (an atomic group before Python 3.11)."""
    try:
        return sre_parse.parse(pattern, flags)
    except re.error:
        return None


def required_words(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """A set of words of which every match of ``pattern`` contains at least one, or None when
    no such set is known.

    >>> sorted(required_words(".{0,150}(?:记者|摄影师?|通讯员)[一-龥]{2,4}摄"))
    ['摄影', '记者', '通讯员']
    >>> sorted(required_words("(?:发布时间|更新时间)[ \\\\t]{0,3}[：:]"))
    ['发布时间', '更新时间']
    >>> required_words("[0-9a-f]{32}") is None
    True
    """
    parsed = _parsed(pattern, flags)
    return None if parsed is None else _best(_sets(parsed))


#: the width of a pattern that cannot be read: as wide as a repeat without bound
_UNBOUNDED = sre.MAXREPEAT


def max_width(pattern: str, flags: int = 0) -> int:
    """The most characters a match of ``pattern`` can span (a lookaround spans none).

    >>> max_width("来源[：:].{0,60}"), max_width("a+") >= 1 << 16
    (63, True)
    """
    parsed = _parsed(pattern, flags)
    return _UNBOUNDED if parsed is None else parsed.getwidth()[1]


def hidden_by(words: frozenset[str] | set[str], word: str) -> set[str]:
    """The words a non-overlapping scan that found ``word`` may have passed over: the words
    inside it, and the words that start inside it and end after it (a scan resumes at its end).

    >>> sorted(hidden_by({"来源", "信息来源", "源头", "息"}, "信息来源"))
    ['信息来源', '息', '来源', '源头']
    """
    # only a word that starts with one of ``word``'s characters can be inside it or overlap its end
    firsts = set(word)
    return {
        w
        for w in words
        if w[:1] in firsts and (w in word or any(w.startswith(word[k:]) for k in range(1, len(word))))
    }


def word_scan(words: set[str] | frozenset[str]) -> re.Pattern[str] | None:
    """One pattern finding the words (longest first at a position), for ``findall``."""
    if not words:
        return None
    from .. import lexicons

    return re.compile(lexicons.trie_pattern(sorted(words)))


__all__ = ["required_words", "max_width", "hidden_by", "word_scan"]
