"""The built-in extractors, one module per record type, and the stages after them.

Each extractor module defines ``extract(doc) -> list[Record]`` and its ``COMPONENT`` (what it
requires from the document, what it assigns). This package registers them with their record
classes (:func:`wfltext.records.register`), then the stages that run after extraction
(:func:`wfltext.components.add_stage`): the learned name tagger, the order of the records and
the linker. :func:`wfltext.components.run` runs them.

Extractors read ``doc.text`` (the normalized text) and build records with ``doc.make_record``,
which maps normalized offsets back to the original; they never handle offsets of the original.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import links
from ..components import Component, add_stage, extractable, run
from ..learn import LABELS, combine
from ..records import (
    REGISTRY,
    DocumentRecord,
    NumberRecord,
    OrganizationRecord,
    ProgramRecord,
    Record,
    SloganRecord,
    record_types,
    register,
)
from ..spans import filter_spans
from . import documents, numbers, organizations, programs, slogans

if TYPE_CHECKING:
    from ..document import Document

#: record type -> module that extracts it (the built-in ones)
MODULES = {
    "number": "wfltext.extract.numbers",
    "program": "wfltext.extract.programs",
    "organization": "wfltext.extract.organizations",
    "slogan": "wfltext.extract.slogans",
    "document": "wfltext.extract.documents",
}

register(NumberRecord, numbers.COMPONENT)
register(ProgramRecord, programs.COMPONENT)
register(OrganizationRecord, organizations.COMPONENT)
register(SloganRecord, slogans.COMPONENT)
register(DocumentRecord, documents.COMPONENT)


def _learned_names(doc: "Document", records: list[Record], types: tuple[str, ...], model: bool) -> list[Record]:
    """The learned name tagger's spans combined with the rules' records where its shipped policy
    says so (``wfltext.learn``), each type's extractor vetoing names it would never emit."""
    if not any(t in LABELS for t in types):
        return records
    refusals = {t: REGISTRY[t].extractor.refuses for t in types if REGISTRY[t].extractor.refuses is not None}
    combined = combine(doc, records, types=types, refuses=refusals)
    if combined is records:
        return records
    # a program the tagger reads inside a cited 《》 title is part of the title, as the rules read it
    in_titles = {id(r) for r in programs.in_cited_title(doc, [r for r in combined if r.type == "program" and r.rule == "model"])}
    # a body a page repeats in its titles gives one record, the model's spans as the rules'
    orgs = [r for r in combined if r.type == "organization"]
    lines = [doc.to_original(s, e) for s, e in organizations.title_lines(doc.text)] if orgs else []
    in_titles |= {id(orgs[i]) for i in organizations.repeated_in_titles([(r.start, r.end, r.norm) for r in orgs], lines)}
    by_type: dict[str, list[Record]] = {}
    for r in combined:
        if id(r) in in_titles:
            continue
        by_type.setdefault(r.type, []).append(r)
    # the rules' records of a type are already free of overlaps and in order (components.run);
    # only a type the model added to is filtered again
    added = {r.type for r in combined if r.rule == "model"}
    return [r for t in types for r in (filter_spans(by_type.get(t, [])) if t in added else by_type.get(t, []))]


def _in_order(doc: "Document", records: list[Record], types: tuple[str, ...], model: bool) -> list[Record]:
    """Records by span, then by their type's place in the registry."""
    rank = {t: i for i, t in enumerate(record_types())}
    records.sort(key=lambda r: (r.start, r.end, rank[r.type]))
    return records


def _linked(doc: "Document", records: list[Record], types: tuple[str, ...], model: bool) -> list[Record]:
    """Links between the records (number → program and actor, program → actor and partners);
    without the learned components (``model`` false), the issuing body as the rules read it."""
    return links.link(doc, records, model=model)


add_stage(Component("model", _learned_names, requires=("words",), assigns=tuple(f"records:{t}" for t in LABELS), model=True))
add_stage(Component("order", _in_order))
add_stage(
    Component(
        "links",
        _linked,
        requires=("sentences", "metadata"),
        assigns=("number.program", "number.actor", "number.sentence", "program.actor", "program.partners",
                 "organization.resolved"),
    )
)


def available() -> tuple[str, ...]:
    """Record types that have an extractor registered."""
    return extractable()


__all__ = ["run", "available", "filter_spans", "MODULES"]
