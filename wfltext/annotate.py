"""Gold records with exact offsets, from an annotator's list of spans.

Annotating a report by hand is reading it and writing down what it holds — ``number 200名
{…}``, ``organization 县妇联 {…}`` — in the order it holds them. Counting characters is what
people get wrong. :func:`place` finds each span in the text, in document order, and gives the
records of the contract (``docs/records.md``) with ``text == original[start:end]``.

The list is one record a line, tab-separated (``wfltext gold`` reads it from a file)::

    type <TAB> text <TAB> fields as a JSON object

* ``type``: ``number``, ``program``, ``organization``, ``slogan`` or ``document``;
* ``text``: the span exactly as the report writes it (a line break inside it written ``\\n``,
  a tab ``\\t``);
* ``fields``: at least ``norm``; a number also ``value``, ``unit``, ``kind``, ``object``,
  ``approx``, ``bound``, ``range`` and ``masked`` (``date`` for dates). ``"start": N`` pins a
  span where a search would find an earlier occurrence first (a page's own title printed
  again above the report, say); the span must stand there.

Each span is looked for from the start of the record before it on, never inside a record of
the same type already placed; lines starting with ``#`` and blank lines are skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

from .errors import InputError

TYPES = ("number", "program", "organization", "slogan", "document")
#: the fields a number record of the gold must give (``date`` only for dates)
NUMBER_FIELDS = ("value", "unit", "kind", "object", "approx", "bound", "range", "masked")


@dataclass(frozen=True)
class Entry:
    """One line of an annotator's list: its line number, type, span text and fields."""

    line: int
    type: str
    text: str
    fields: dict[str, Any]


def parse(lines: Iterable[str], source: str | None = None) -> list[Entry]:
    """The entries of a list in the tab-separated form above; ``InputError`` naming the line of
    the first one that is not well formed."""
    out = []
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise InputError(f"line {n}: want type, text and fields separated by tabs, got {len(parts)} parts", source=source)
        kind, text, fields = parts
        if kind not in TYPES:
            raise InputError(f"line {n}: unknown type {kind!r} (one of {', '.join(TYPES)})", source=source)
        text = text.replace("\\n", "\n").replace("\\t", "\t")
        if not text:
            raise InputError(f"line {n}: empty text", source=source)
        try:
            extra = json.loads(fields)
        except json.JSONDecodeError as err:
            raise InputError(f"line {n}: the fields are not a JSON object ({err.msg})", source=source) from None
        if not isinstance(extra, dict) or not extra.get("norm"):
            raise InputError(f"line {n}: the fields must be a JSON object with a norm", source=source)
        if kind == "number":
            missing = [f for f in NUMBER_FIELDS if f not in extra]
            if missing:
                raise InputError(f"line {n}: a number needs {', '.join(missing)}", source=source)
        out.append(Entry(n, kind, text, extra))
    return out


def place(text: str, entries: Iterable[Entry], doc: str, source: str | None = None) -> list[dict[str, Any]]:
    """Gold records of ``text`` (the original text, as read) for ``entries`` in document order:
    ``doc``, ``type``, ``text``, ``start``, ``end``, then the entry's fields; sorted by offset.

    >>> t = "县妇联举办培训班2期，培训妇女200名。县妇联表彰先进。"
    >>> rows = parse(["organization\\t县妇联\\t{\\"norm\\": \\"县妇联\\"}",
    ...               "organization\\t县妇联\\t{\\"norm\\": \\"县妇联\\"}"])
    >>> [(r["start"], r["end"]) for r in place(t, rows, "d")]
    [(0, 3), (20, 23)]
    """
    placed: list[dict[str, Any]] = []
    pos = 0
    for e in entries:
        fields = dict(e.fields)
        pinned = fields.pop("start", None)
        if pinned is not None:
            if not isinstance(pinned, int) or text[pinned:pinned + len(e.text)] != e.text:
                raise InputError(f"line {e.line}: {e.text!r} does not stand at {pinned!r}", source=source)
            i = pinned
        else:
            i = text.find(e.text, pos)
            # a match inside a record of the same type already placed is that record's text
            while i >= 0 and any(r["type"] == e.type and r["start"] < i + len(e.text) and i < r["end"] for r in placed):
                i = text.find(e.text, i + 1)
            if i < 0:
                raise InputError(f"line {e.line}: {e.text!r} not found after offset {pos} (list the records in document order)",
                                 source=source)
        fields.pop("end", None)
        placed.append({"doc": doc, "type": e.type, "text": e.text, "start": i, "end": i + len(e.text), **fields})
        pos = i
    placed.sort(key=lambda r: (r["start"], r["end"]))
    return placed
