"""Extractors, one module per record type, each ``extract(doc) -> list[Record]``.

Extractors read ``doc.text`` (the normalized text) and build records with ``doc.make_record``,
which maps normalized offsets back to the original; they never handle offsets of the original.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Iterable

from ..records import RECORD_TYPES, Record
from ..learn import combine
from .spans import filter_spans

if TYPE_CHECKING:
    from ..document import Document

#: record type -> module that extracts it
MODULES = {
    "number": "wfltext.extract.numbers",
    "program": "wfltext.extract.programs",
    "organization": "wfltext.extract.organizations",
    "slogan": "wfltext.extract.slogans",
    "document": "wfltext.extract.documents",
}


def available() -> tuple[str, ...]:
    """Record types whose extractor is installed."""
    out = []
    for t in RECORD_TYPES:
        try:
            importlib.import_module(MODULES[t])
        except ModuleNotFoundError as err:
            if err.name != MODULES[t]:
                raise
            continue
        out.append(t)
    return tuple(out)


def run(doc: "Document", types: Iterable[str] | None = None, *, model: bool = True) -> list[Record]:
    """Run the extractors of ``types`` (all available ones by default) on ``doc``.

    The records come back linked (:func:`wfltext.links.link`). With ``model`` (the default), the learned name tagger's spans are combined with the rules'
    records where its shipped policy says so (``wfltext.learn``); ``model=False`` gives the
    rules alone.
    """
    wanted = tuple(types) if types is not None else available()
    records: list[Record] = []
    refusals = {}
    for t in wanted:
        if t not in MODULES:
            raise ValueError(f"unknown record type {t!r}; known: {', '.join(RECORD_TYPES)}")
        module = importlib.import_module(MODULES[t])
        records.extend(filter_spans(module.extract(doc)))
        if hasattr(module, "refuses"):
            refusals[t] = module.refuses
    if model and any(t in ("program", "organization", "slogan") for t in wanted):
        combined = combine(doc, records, types=wanted, refuses=refusals)
        if combined is not records:
            by_type: dict[str, list[Record]] = {}
            for r in combined:
                by_type.setdefault(r.type, []).append(r)
            records = [r for t in wanted for r in filter_spans(by_type.get(t, []))]
    records.sort(key=lambda r: (r.start, r.end, RECORD_TYPES.index(r.type)))
    # links between the records (number → program and actor, program → actor and partners)
    from ..links import link

    return link(doc, records)


__all__ = ["run", "available", "filter_spans", "MODULES"]
