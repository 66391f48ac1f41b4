"""Components of an analysis: the named parts of a Document and the steps that make records.

A **part** is an analysis of a document that more than one step reads — the text with its quotes
made curly, the program candidates and the roles of the quotes — computed on first use and kept
on the Document (``doc.part(name)``), never in a module-level cache. A part is registered by
name with :func:`part`; the Document's own attributes (:data:`DOCUMENT_PARTS`) are parts too.

A **component** is a step of the pipeline that says what it ``requires`` (parts, or the records
of another type as ``records:TYPE``) and what it ``assigns`` (``records:TYPE``, or the fields it
sets), as spaCy's pipeline components do. An extractor is registered with its record class
(:func:`wfltext.records.register`); the steps after extraction — the learned name tagger, the
order of records, the linker — with :func:`add_stage`.

:func:`run` runs the extractors of the types asked for, and of the types whose records those
require, then the stages: nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Protocol

from .records import REGISTRY, Record, check_types
from .spans import filter_spans


class Document(Protocol):
    """What this module needs of a :class:`wfltext.document.Document` (a layer above it, which
    runs the components): its parts."""

    parts: dict[str, Any]

    def part(self, name: str) -> Any: ...

#: the parts every Document has as attributes
DOCUMENT_PARTS = ("text", "words", "token_ends", "tokens", "outline", "metadata", "sentences")
#: the prefix of a requirement on another type's records
RECORDS = "records:"


@dataclass(frozen=True)
class Part:
    """A named analysis of a document, computed by ``compute(doc)`` on first use."""

    name: str
    compute: Callable[[Document], Any]
    requires: tuple[str, ...] = ()


#: part name -> :class:`Part`
PARTS: dict[str, Part] = {}


def part(name: str, *, requires: Iterable[str] = ()) -> Callable[[Callable[[Document], Any]], Callable[[Document], Any]]:
    """Register the decorated ``compute(doc)`` as the document part ``name``; the decorated name
    becomes ``doc -> doc.part(name)``, so callers read the part kept on the document."""

    def register_part(compute: Callable[[Document], Any]) -> Callable[[Document], Any]:
        PARTS[name] = Part(name, compute, tuple(requires))

        def get(doc: Document) -> Any:
            return doc.part(name)

        get.__name__, get.__qualname__, get.__doc__ = compute.__name__, compute.__qualname__, compute.__doc__
        get.__module__ = compute.__module__
        return get

    return register_part


def compute_part(doc: Document, name: str) -> Any:
    """Compute part ``name`` of ``doc`` (the Document keeps it)."""
    try:
        found = PARTS[name]
    except KeyError:
        raise KeyError(f"no document part {name!r}; registered: {', '.join(sorted(PARTS)) or 'none'}") from None
    return found.compute(doc)


@dataclass(frozen=True)
class Component:
    """A step of the pipeline. An extractor's ``func(doc)`` returns records of its type; a
    stage's ``func(doc, records, types, model)`` returns the records it was given, changed."""

    name: str
    func: Callable[..., list[Record]]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    #: an extractor's veto on names the learned tagger proposes for its type: ``refuses(norm,
    #: after)``, ``after`` the character that follows the name in the text ("" at its end)
    refuses: Callable[[str, str], bool] | None = None
    #: a stage that runs only with the learned model (``model=True``)
    model: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


#: the stages after extraction, in order
STAGES: list[Component] = []


def add_stage(component: Component) -> Component:
    """Append a stage (a stage of the same name is replaced in its place)."""
    for i, c in enumerate(STAGES):
        if c.name == component.name:
            STAGES[i] = component
            return component
    STAGES.append(component)
    return component


def known_requirement(name: str) -> bool:
    if name.startswith(RECORDS):
        return name[len(RECORDS):] in REGISTRY
    return name in DOCUMENT_PARTS or name in PARTS


def extractable() -> tuple[str, ...]:
    """The registered record types that have an extractor, in registration order."""
    return tuple(t for t, entry in REGISTRY.items() if entry.extractor is not None)


def plan(types: Iterable[str] | None = None) -> list[tuple[str, Component]]:
    """``(type, extractor)`` to run for ``types`` (default: every type with an extractor), in an
    order where each comes after the types whose records it requires; raises ``ValueError`` for
    an unknown type, one without an extractor, an unknown requirement or a loop."""
    wanted = check_types(types) if types is not None else extractable()
    order: list[tuple[str, Component]] = []
    visiting: set[str] = set()

    def visit(t: str) -> None:
        if any(t == done for done, _ in order):
            return
        if t in visiting:
            raise ValueError(f"record types require each other's records: {t!r}")
        entry = REGISTRY.get(t)
        if entry is None or entry.extractor is None:
            raise ValueError(f"record type {t!r} has no extractor")
        visiting.add(t)
        for need in entry.extractor.requires:
            if not known_requirement(need):
                raise ValueError(f"the {t} extractor requires {need!r}, which nothing provides")
            if need.startswith(RECORDS):
                visit(need[len(RECORDS):])
        visiting.discard(t)
        order.append((t, entry.extractor))

    for t in wanted or ():
        visit(t)
    return order


def run(doc: Document, types: Iterable[str] | None = None, *, model: bool = True) -> list[Record]:
    """Run the extractors of ``types`` (every type with an extractor by default) on ``doc``,
    then the stages (the learned tagger only with ``model``); returns the records of ``types``.

    The records of each type are kept on the document as the part ``records:TYPE`` for the
    extractors that require them."""
    wanted = check_types(types) if types is not None else extractable()
    steps = plan(wanted)
    by_type: dict[str, list[Record]] = {}
    for t, extractor in steps:
        by_type[t] = doc.parts[RECORDS + t] = filter_spans(extractor.func(doc))
    records = [r for t in wanted for r in by_type[t]]
    for stage in STAGES:
        if stage.model and not model:
            continue
        records = stage.func(doc, records, wanted, model)
    return records


__all__ = [
    "Part",
    "PARTS",
    "part",
    "compute_part",
    "Component",
    "STAGES",
    "add_stage",
    "plan",
    "run",
    "extractable",
    "DOCUMENT_PARTS",
]
