"""The record contract: what wfltext emits, one frozen dataclass per record type.

Offsets are half-open character offsets into the ORIGINAL text (the decoded input before any
normalization), so ``original[r.start:r.end] == r.text`` holds for every record. ``to_dict()``
gives the JSON object of the record contract (docs/records.md); ``from_dict()`` reads one back.

This module is the only definition of the contract. Every other list of fields is derived from
the dataclasses registered here (:func:`contract`): the CSV columns, the store's SQLite columns,
the Arrow/Parquet types, the JSON field order (``to_dict`` follows the dataclass) and the views'
labels. :func:`register` adds a record type — its class and the component that extracts it —
to the one registry the pipeline, the exports and the views read.
"""

from __future__ import annotations

import dataclasses
import operator
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar, Iterable, TypeVar

import regex

#: the built-in record types, in their order (the registry may hold more: :func:`record_types`)
RECORD_TYPES = ("number", "program", "organization", "slogan", "document")

# Quotation marks and title brackets that `norm` drops (the contract says every quotation mark and
# 《》); 〈〉 and 「」『』 are the traditional-script and half-title variants of the same thing.
_NORM_DROP = regex.compile(r"[\s“”‘’\"'「」『』《》〈〉﹁﹂﹃﹄]+")


def canonical(text: str) -> str:
    """The ``norm`` of an already normalized (simplified, repaired) surface.

    >>> canonical("“拒绝家庭暴力，共建和谐”")
    '拒绝家庭暴力,共建和谐'
    >>> canonical("乡（镇、街道）\\n妇联")
    '乡(镇、街道)妇联'
    """
    return unicodedata.normalize("NFKC", _NORM_DROP.sub("", text))


@dataclass(frozen=True, slots=True)
class Link:
    """A link from one record to another: the target record's ``norm`` and ``start`` (so a
    reader can join them). An ``actor`` link also says whether it is ``implied`` (the report's
    issuing body, for a sentence that names no actor of its own); ``start`` is then that body's
    first record, or ``None`` when it has none."""

    norm: str
    start: int | None
    implied: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"norm": self.norm, "start": self.start}
        if self.implied is not None:
            out["implied"] = self.implied
        return out

    @classmethod
    def from_value(cls, value: Any) -> "Link | None":
        if value is None or isinstance(value, Link):
            return value
        if isinstance(value, dict):
            return cls(value.get("norm") or "", value.get("start"), value.get("implied"))
        raise TypeError(f"not a link: {value!r}")


@dataclass(frozen=True, slots=True)
class Sentence:
    """The sentence a linked number stands in: its original span and text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


def _plain(value: Any) -> Any:
    if isinstance(value, (Link, Sentence)):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def link_field() -> Any:
    """A field the linker (:mod:`wfltext.links`) sets: JSON text in CSV, ``extra`` in the store."""
    return field(default=None, metadata={"role": "link"})


def context_field() -> Any:
    """A field that quotes the record's context (a linked number's sentence); stored like a link."""
    return field(default=None, metadata={"role": "context"})


_COMMON_KEYS = frozenset(("doc", "type", "text", "start", "end", "norm", "section", "noisy", "rule"))


@lru_cache(maxsize=None)
def _type_fields(cls: type) -> tuple[str, ...]:
    """The fields of a record class after the common ones, in their order (to_dict's own keys)."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in _COMMON_KEYS)


_MEMBER = type(Sentence.start)  # the descriptor of a slot


@lru_cache(maxsize=None)
def _slot_access(cls: type) -> tuple[Any, dict[str, int], tuple[Any, ...]] | None:
    """A record class's fields as one getter of all their values (in order), the index of each
    field by name, and the setters of their slots (which set a frozen field without its guard),
    or None for a class whose fields are not all slots."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    slots = [getattr(cls, name, None) for name in names]
    if not names or not all(isinstance(d, _MEMBER) for d in slots):
        return None
    return operator.attrgetter(*names), {name: i for i, name in enumerate(names)}, tuple(d.__set__ for d in slots)


_R = TypeVar("_R", bound="Record")


def evolve(record: _R, **changes: Any) -> _R:
    """``dataclasses.replace(record, **changes)`` without its introspection per call (records
    have no ``__post_init__`` and no field outside ``__init__``): the same new record, made by
    the linker for thousands of records per corpus pass, in half the time.

    >>> r = NumberRecord(doc="d", text="3人", start=0, end=2, norm="3人", value=3, unit="人")
    >>> evolve(r, object="妇女") == dataclasses.replace(r, object="妇女")
    True
    """
    cls = type(record)
    access = _slot_access(cls)
    if access is None:
        return dataclasses.replace(record, **changes)
    get_all, index, setters = access
    if not changes.keys() <= index.keys():
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(changes.keys() - index.keys()))}")
    # speed: every value read by one attrgetter (in C) and the changed ones put in their place,
    # rather than a test per field: 6.1 -> 4.5 us for a number record's three links
    values = list(get_all(record)) if len(index) > 1 else [get_all(record)]
    for name, value in changes.items():
        values[index[name]] = value
    new = object.__new__(cls)
    for set_, value in zip(setters, values):
        set_(new, value)
    return new


@dataclass(frozen=True, slots=True)
class Record:
    """Fields every record has. Subclasses add their own and set ``type`` and ``label``."""

    type: ClassVar[str] = "record"
    #: the type's name in the views (legend, hover card, dashboard)
    label: ClassVar[str] = ""
    #: the optional fields of this type, written to JSON only when not None
    optional: ClassVar[tuple[str, ...]] = ()

    doc: str
    text: str
    start: int
    end: int
    norm: str
    section: tuple[str, ...] = ()
    noisy: bool = False
    #: readable name of the rule that produced the record, so a wrong record can be traced
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc": self.doc,
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "norm": self.norm,
            "section": list(self.section),
            "noisy": self.noisy,
        }
        optional = self.optional
        for name in _type_fields(type(self)):
            value = getattr(self, name)
            if value is None and name in optional:
                continue
            out[name] = _plain(value) if isinstance(value, (tuple, Link, Sentence)) else value
        out["rule"] = self.rule
        return out

    def key(self) -> tuple[str, str, int, int]:
        return (self.doc, self.type, self.start, self.end)


@dataclass(frozen=True, slots=True)
class NumberRecord(Record):
    type: ClassVar[str] = "number"
    label: ClassVar[str] = "数字 number"
    optional: ClassVar[tuple[str, ...]] = ("program", "actor", "sentence")

    value: float | int | None = None
    unit: str | None = None
    #: count, money, percent, ordinal, duration, date, measure or other
    kind: str = "other"
    object: str | None = None
    approx: bool = False
    #: "ge", "gt", "le", "lt" or None
    bound: str | None = None
    range: tuple[float | int | None, float | int | None] | None = None
    masked: bool = False
    #: ISO-like partial date for kind == "date" ("2004", "2004-06", "--11-25", "2021/2025")
    date: str | None = None
    #: links (wfltext.links): the program the number counts, funds or measures, and who did it
    program: Link | None = link_field()
    actor: Link | None = link_field()
    #: the sentence of a linked number
    sentence: Sentence | None = context_field()

    def to_dict(self) -> dict[str, Any]:
        out = Record.to_dict(self)
        if self.kind != "date":
            out.pop("date", None)
        return out


@dataclass(frozen=True, slots=True)
class ProgramRecord(Record):
    type: ClassVar[str] = "program"
    label: ClassVar[str] = "项目 program"
    optional: ClassVar[tuple[str, ...]] = ("level", "edition", "target", "theme", "actor", "partners", "canonical")

    level: str | None = None
    edition: int | None = None
    target: str | None = None
    theme: str | None = None
    #: links (wfltext.links): the organizer and the other bodies named as running it
    actor: Link | None = link_field()
    partners: tuple[Link, ...] | None = link_field()
    #: one name for the variants of one program across a corpus (wfltext.links.program_canonicals)
    canonical: str | None = None


@dataclass(frozen=True, slots=True)
class OrganizationRecord(Record):
    type: ClassVar[str] = "organization"
    label: ClassVar[str] = "组织 organization"
    optional: ClassVar[tuple[str, ...]] = ("canonical", "level", "resolved")

    canonical: str | None = None
    level: str | None = None
    #: the name with the report's place filled in for a bare level (县妇联 → 海拉尔区妇联)
    resolved: str | None = link_field()


@dataclass(frozen=True, slots=True)
class SloganRecord(Record):
    type: ClassVar[str] = "slogan"
    label: ClassVar[str] = "提法 slogan"
    optional: ClassVar[tuple[str, ...]] = ("items", "frame")

    items: tuple[str, ...] | None = None
    frame: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentRecord(Record):
    type: ClassVar[str] = "document"
    label: ClassVar[str] = "文件 document"
    optional: ClassVar[tuple[str, ...]] = ("doc_type", "number")

    doc_type: str | None = None
    number: str | None = None


# -- the registry ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordType:
    """A registered record type: its class and the component that extracts it (a
    :class:`wfltext.components.Component`; None until an extractor is registered)."""

    name: str
    cls: type[Record]
    extractor: Any = None


#: record type name -> :class:`RecordType`, in registration order (the order records of one span
#: are sorted in, and the views list types in)
REGISTRY: dict[str, RecordType] = {}
#: record type name -> class, kept equal to :data:`REGISTRY` (what :func:`from_dict` reads)
RECORD_CLASSES: dict[str, type[Record]] = {}


def register(cls: type[Record], extractor: Any = None) -> RecordType:
    """Register record class ``cls`` (its ``type`` is the name) and, optionally, the component
    that extracts it. Registering a type again replaces its entry (keeping its place); a field
    name another type already declares must have the same kind and role."""
    if not (isinstance(cls, type) and issubclass(cls, Record)) or cls.type == Record.type:
        raise TypeError(f"not a record class with a type of its own: {cls!r}")
    previous = REGISTRY.get(cls.type)
    if extractor is None and previous is not None and previous.cls is cls:
        extractor = previous.extractor  # registering the class again keeps its extractor
    entry = REGISTRY[cls.type] = RecordType(cls.type, cls, extractor)
    RECORD_CLASSES[cls.type] = cls
    try:
        contract()
    except TypeError:
        if previous is None:
            del REGISTRY[cls.type], RECORD_CLASSES[cls.type]
        else:
            REGISTRY[cls.type], RECORD_CLASSES[cls.type] = previous, previous.cls
        raise
    return entry


def unregister(name: str) -> None:
    """Remove a record type (a test's toy type, for instance)."""
    REGISTRY.pop(name, None)
    RECORD_CLASSES.pop(name, None)


def record_types() -> tuple[str, ...]:
    """Every registered record type, in registration order."""
    return tuple(REGISTRY)


def check_types(types: Iterable[str] | str | None, what: str = "record type") -> tuple[str, ...] | None:
    """``types`` as a tuple of registered record types (a comma-separated string is split; None
    stays None); raises ``ValueError`` naming the first unknown one."""
    if types is None:
        return None
    if isinstance(types, str):
        types = [t.strip() for t in types.split(",") if t.strip()]
    out = tuple(types)
    for t in out:
        if t not in REGISTRY:
            raise ValueError(f"unknown {what} {t!r}; known: {', '.join(REGISTRY)}")
    return out


# -- the contract, derived from the registered classes ------------------------------------------

#: the kind of a field, by its annotation: what CSV, SQLite and Arrow make of its values
KINDS: dict[str, str] = {
    "str": "str",
    "str | None": "str",
    "int": "int",
    "int | None": "int",
    "bool": "bool",
    "float | int | None": "number",
    "tuple[str, ...]": "strings",
    "tuple[str, ...] | None": "strings",
    "tuple[float | int | None, float | int | None] | None": "numbers",
    "Link | None": "link",
    "tuple[Link, ...] | None": "links",
    "Sentence | None": "sentence",
}
#: kinds written as JSON text in a CSV cell (and, for lists, in an SQLite column)
JSON_KINDS = frozenset({"strings", "numbers", "link", "links", "sentence"})
#: roles: ``core`` every record has; ``value`` a type's own; ``link`` set by the linker;
#: ``context`` a quote of the record's context. Columns come in this order, ``rule`` closing
#: the core and value fields.
ROLES = ("core", "value", "link", "context")


@dataclass(frozen=True)
class ContractField:
    """One field of the record contract."""

    name: str
    kind: str
    role: str
    #: the record types that have it
    types: tuple[str, ...]


def _fields_of(cls: type[Record]) -> list[tuple[str, str, str]]:
    """``(name, kind, role)`` of each field of ``cls``, ``type`` included after ``doc``."""
    core = {f.name for f in dataclasses.fields(Record)}
    out = []
    for f in dataclasses.fields(cls):
        annotation = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", repr(f.type))
        kind = KINDS.get(annotation)
        if kind is None:
            raise TypeError(f"{cls.__name__}.{f.name}: annotation {annotation!r} is not a contract kind ({', '.join(KINDS)})")
        role = "core" if f.name in core else f.metadata.get("role", "value")
        out.append((f.name, kind, role))
        if f.name == "doc":
            out.append(("type", "str", "core"))
    return out


def contract(types: Iterable[str] | None = None) -> tuple[ContractField, ...]:
    """The contract's fields for ``types`` (default: every registered type), in column order:
    the core fields, each type's own fields in registration order, ``rule``, the link fields,
    the context fields. Raises ``TypeError`` when two types declare one name differently."""
    names = tuple(types) if types is not None else tuple(REGISTRY)
    seen: dict[str, tuple[str, str, list[str]]] = {}
    for t in names:
        for name, kind, role in _fields_of(REGISTRY[t].cls):
            if name in seen:
                if seen[name][:2] != (kind, role):
                    raise TypeError(f"field {name!r} of {t!r} is {kind}/{role}, elsewhere {seen[name][0]}/{seen[name][1]}")
                seen[name][2].append(t)
            else:
                seen[name] = (kind, role, [t])
    rank = {name: i for i, name in enumerate(seen)}
    group = {"core": 0, "value": 0, "link": 2, "context": 3}
    ranked = sorted(seen, key=lambda n: (1 if n == "rule" else group[seen[n][1]], rank[n]))
    return tuple(ContractField(n, seen[n][0], seen[n][1], tuple(seen[n][2])) for n in ranked)


def columns(types: Iterable[str] | None = None, *, roles: Iterable[str] = ROLES) -> tuple[str, ...]:
    """Names of the contract's fields of ``types`` with one of ``roles``, in column order."""
    wanted = set(roles)
    return tuple(f.name for f in contract(types) if f.role in wanted)


def kinds(types: Iterable[str] | None = None) -> dict[str, str]:
    """Field name -> kind, for the fields of ``types`` (default every registered type)."""
    return {f.name: f.kind for f in contract(types)}


def labels() -> dict[str, str]:
    """Record type -> its label in the views."""
    return {t: entry.cls.label or t for t, entry in REGISTRY.items()}


def view_fields() -> tuple[str, ...]:
    """The order the views list a record's fields in: ``norm``, the types' own fields, ``noisy``,
    ``rule``, ``section``; the link and context fields after them."""
    return ("norm", *columns(roles=("value",)), "noisy", "rule", "section")


class _KindsOf(dict):
    """Record class -> {field name: kind}, made once per class."""

    def __missing__(self, cls: type[Record]) -> dict[str, str]:
        value = self[cls] = {name: kind for name, kind, _ in _fields_of(cls) if name != "type"}
        return value


_KINDS_OF = _KindsOf()


def from_dict(data: dict[str, Any]) -> Record:
    """Build a record from its JSON object; unknown keys are ignored, missing ones default."""
    try:
        cls = RECORD_CLASSES[data["type"]]
    except KeyError as err:
        raise ValueError(f"unknown record type: {data.get('type')!r}") from err
    kind = _KINDS_OF[cls]
    kwargs = {k: v for k, v in data.items() if k in kind}
    for k, v in kwargs.items():
        if v is None:
            continue
        kk = kind[k]
        if kk in ("strings", "numbers") and isinstance(v, list):
            kwargs[k] = tuple(v)
        elif kk == "link":
            kwargs[k] = Link.from_value(v)
        elif kk == "links" and isinstance(v, list):
            kwargs[k] = tuple(Link.from_value(x) for x in v)
        elif kk == "sentence" and isinstance(v, dict):
            kwargs[k] = Sentence(v["start"], v["end"], v.get("text", ""))
    kwargs.setdefault("norm", "")
    return cls(**kwargs)


for _cls in (NumberRecord, ProgramRecord, OrganizationRecord, SloganRecord, DocumentRecord):
    register(_cls)


__all__ = [
    "evolve",
    "RECORD_TYPES",
    "RECORD_CLASSES",
    "REGISTRY",
    "RecordType",
    "ContractField",
    "register",
    "unregister",
    "record_types",
    "check_types",
    "contract",
    "columns",
    "kinds",
    "labels",
    "view_fields",
    "link_field",
    "context_field",
    "Record",
    "Link",
    "Sentence",
    "NumberRecord",
    "ProgramRecord",
    "OrganizationRecord",
    "SloganRecord",
    "DocumentRecord",
    "canonical",
    "from_dict",
]
