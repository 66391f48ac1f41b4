"""Data files the code needs, loaded with importlib.resources and cached.

Every file starts with ``#`` comment lines that say where its entries came from. Blank lines and
comments are skipped; a line is one entry (a TSV line for ``.tsv`` files).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import resources
from typing import Iterable


def _lines(name: str) -> list[str]:
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(line)
    return out


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """One entry a line, stripped."""
    return tuple(line.strip() for line in _lines(name))


@lru_cache(maxsize=None)
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows; trailing empty cells kept."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(name))


def digest(*names: str) -> str:
    """Short hash of the given data files, stored with results so outdated ones can be redone."""
    h = hashlib.sha256()
    for name in sorted(names):
        h.update(name.encode())
        h.update(resources.files(__name__).joinpath(name).read_bytes())
    return h.hexdigest()[:16]


def trie_pattern(words: Iterable[str]) -> str:
    """One regular expression (for ``re`` or ``regex``) for a list of words, factored as a trie
    so that matching does not try every word at every position; at a position the longest word
    wins over its prefixes, as an alternation sorted longest first would.

    >>> trie_pattern(["县委", "县", "政府"])
    '(?:县(?:委)?|政府)'
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        # a word may end here: the longer words are optional, and greedy
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    pattern = build(trie)
    return pattern if pattern.startswith("(?:") and pattern.endswith(")") else "(?:" + pattern + ")"


def names() -> list[str]:
    return sorted(
        p.name
        for p in resources.files(__name__).iterdir()
        if p.name.endswith((".txt", ".tsv"))
    )


__all__ = ["entries", "table", "digest", "names", "trie_pattern"]
