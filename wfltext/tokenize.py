"""Tokens: jieba, loaded lazily once per process, with the bundled domain dictionary.

jieba segments simplified text only (its dictionary and HMM are simplified), so tokens are always
made from the normalized text. Plain ``lcut`` is used, never ``jieba.posseg``: posseg runs two
orders of magnitude slower and no rule here needs part-of-speech tags.

jieba's model cache goes to a ``wfltext`` folder under the system temporary directory (or
``$WFLTEXT_CACHE_DIR``), never into the user's home or the working directory.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import lexicons

#: domain dictionaries bundled in wfltext/lexicons, one term a line
DOMAIN_LEXICONS = ("terms_organizations.txt", "terms_programs.txt", "terms_phrases.txt")
#: frequency given to domain terms: high enough to beat jieba's splits of them
DOMAIN_FREQ = 200000

_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Token:
    """A token: its (normalized) text and its span in the original; ``nstart``/``nend`` in the
    normalized text."""

    text: str
    start: int
    end: int
    nstart: int
    nend: int


def cache_dir() -> Path:
    path = Path(os.environ.get("WFLTEXT_CACHE_DIR") or Path(tempfile.gettempdir()) / "wfltext")
    path.mkdir(parents=True, exist_ok=True)
    return path


def domain_terms() -> tuple[str, ...]:
    terms: list[str] = []
    for name in DOMAIN_LEXICONS:
        try:
            terms.extend(lexicons.entries(name))
        except FileNotFoundError:
            continue
    return tuple(dict.fromkeys(terms))


@lru_cache(maxsize=None)
def tokenizer(user_lexicon: str | None = None):
    """A jieba Tokenizer with the domain dictionary (and a user's, one term a line) loaded."""
    with _lock:
        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        tk.tmp_dir = str(cache_dir())
        tk.initialize()
        for term in domain_terms():
            tk.add_word(term, DOMAIN_FREQ)
        if user_lexicon:
            for term in read_user_lexicon(user_lexicon):
                tk.add_word(term, DOMAIN_FREQ)
        return tk


def read_user_lexicon(path: str | os.PathLike) -> list[str]:
    """A user's lexicon: one term a line, optionally followed by a frequency and a tag (jieba's
    user-dictionary format); ``#`` lines are comments."""
    from .errors import InputError

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as err:
        raise InputError(f"cannot read lexicon: {err.strerror}", source=str(path)) from err
    except UnicodeDecodeError as err:
        raise InputError("lexicon must be UTF-8 text, one term a line", source=str(path)) from err
    return [line.split()[0] for line in text.splitlines() if line.strip() and not line.startswith("#")]


def lexicon_hash(user_lexicon: str | None = None) -> str:
    import hashlib

    h = hashlib.sha256("\n".join(domain_terms()).encode())
    if user_lexicon:
        h.update("\n".join(read_user_lexicon(user_lexicon)).encode())
    return h.hexdigest()[:16]


def cut(text: str, user_lexicon: str | None = None) -> list[str]:
    """Segment normalized text (HMM on, as jieba's default)."""
    return tokenizer(user_lexicon).lcut(text)


__all__ = ["Token", "cut", "tokenizer", "domain_terms", "cache_dir", "lexicon_hash", "read_user_lexicon"]
