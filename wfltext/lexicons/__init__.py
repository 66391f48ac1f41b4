"""Data files the code needs, loaded with importlib.resources and cached.

Every file starts with ``#`` comment lines that say where its entries came from. Blank lines and
comments are skipped; a line is one entry (a TSV line for ``.tsv`` files).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources


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


def names() -> list[str]:
    return sorted(
        p.name
        for p in resources.files(__name__).iterdir()
        if p.name.endswith((".txt", ".tsv"))
    )


__all__ = ["entries", "table", "digest", "names"]
