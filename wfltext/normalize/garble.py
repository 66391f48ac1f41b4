"""Repair or mark GBK garbles: bytes of a GBK page decoded wrongly, a byte lost or shifted.

Three families are repaired where the repair is certain, everything else that looks like a garble
is only marked (a same-text edit) so records touching it carry ``noisy: true``:

* a table of garbles seen in scraped reports (``lexicons/garbles.tsv``), ``?jì)D`` → 婦;
* byte-shifted spans matched against a lexicon of common phrases
  (``lexicons/garble_phrases.txt``): 慶!傲弧眱和 is 慶“六一”兒童 with the quote's lead byte
  turned into ``!`` and two bytes lost;
* U+FFFD replacement characters, marked.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .. import lexicons
from .offsets import Edit


@lru_cache(maxsize=1)
def _table() -> tuple[regex.Pattern, dict[str, str]]:
    pairs = {row[0]: row[1] for row in lexicons.table("garbles.tsv")}
    pattern = regex.compile("|".join(regex.escape(k) for k in sorted(pairs, key=len, reverse=True)))
    return pattern, pairs


def _gbk(s: str) -> bytes | None:
    try:
        return s.encode("gbk")
    except UnicodeEncodeError:
        return None


@lru_cache(maxsize=1)
def _shifted_candidates() -> tuple[tuple[str, str], ...]:
    """(garbled prefix, repair) for every phrase in both scripts, as the byte model predicts."""
    from .fixes import _t2s  # noqa: PLC0415 - same module family, loaded lazily

    import opencc

    s2t = opencc.OpenCC("s2t")
    out: list[tuple[str, str]] = []
    for phrase in lexicons.entries("garble_phrases.txt"):
        for form in {phrase, s2t.convert(phrase)}:
            b = _gbk(form)
            if not b or len(b) < 8 or b[0] < 0x80:
                continue
            # lead byte loses its high bit; the two bytes after the first character are lost
            shifted = bytes([b[0] & 0x7F]) + b[1:3] + b[5:]
            decoded = shifted.decode("gbk", errors="replace")
            cut = decoded.find("\ufffd")
            garbled = decoded if cut < 0 else decoded[:cut]
            if len(garbled) >= 4:
                out.append((garbled, form))
    _ = _t2s
    return tuple(out)


def repair_garbles(text: str) -> list[Edit]:
    """Repair certain garbles and mark doubtful ones.

    >>> from wfltext.normalize.garble import repair_garbles
    >>> [(e.start, e.end, e.replacement) for e in repair_garbles("推動?jì)D聯")]
    [(2, 7, '婦')]
    """
    spans: dict[int, Edit] = {}
    pattern, pairs = _table()
    for m in pattern.finditer(text):
        spans[m.start()] = Edit(m.start(), m.end(), pairs[m.group()])
    if "!" in text:
        for garbled, repair in _shifted_candidates():
            # the garble keeps a prefix of the phrase's bytes: match the longest prefix that the
            # text shows (at least four characters), then restore the whole phrase
            for m in regex.finditer(regex.escape(garbled[:4]), text):
                k = 4
                while k < len(garbled) and m.start() + k < len(text) and text[m.start() + k] == garbled[k]:
                    k += 1
                spans.setdefault(m.start(), Edit(m.start(), m.start() + k, repair))
    for m in regex.finditer("\ufffd+", text):
        spans.setdefault(m.start(), Edit(m.start(), m.end(), m.group()))
    edits: list[Edit] = []
    for start in sorted(spans):
        e = spans[start]
        if edits and e.start < edits[-1].end:
            continue
        edits.append(e)
    return edits
