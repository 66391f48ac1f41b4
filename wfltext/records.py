"""Record types: what wfltext emits, one frozen dataclass per record type.

Offsets are half-open character offsets into the ORIGINAL text (the decoded input before any
normalization), so ``original[r.start:r.end] == r.text`` holds for every record. ``to_dict()``
gives the JSON object of the record contract (docs/records.md); ``from_dict()`` reads one back.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass, field
from typing import Any, ClassVar

import regex

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


@dataclass(frozen=True, slots=True)
class Record:
    """Fields every record has. Subclasses add their own and set ``type``."""

    type: ClassVar[str] = "record"
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
        for f in dataclasses.fields(self):
            if f.name in out or f.name == "rule":
                continue
            value = getattr(self, f.name)
            if f.name in self.optional and value is None:
                continue
            out[f.name] = _plain(value)
        out["rule"] = self.rule
        return out

    def key(self) -> tuple[str, str, int, int]:
        return (self.doc, self.type, self.start, self.end)


@dataclass(frozen=True, slots=True)
class NumberRecord(Record):
    type: ClassVar[str] = "number"
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
    program: Link | None = None
    actor: Link | None = None
    #: the sentence of a linked number
    sentence: Sentence | None = None

    def to_dict(self) -> dict[str, Any]:
        out = Record.to_dict(self)
        if self.kind != "date":
            out.pop("date", None)
        return out


@dataclass(frozen=True, slots=True)
class ProgramRecord(Record):
    type: ClassVar[str] = "program"
    optional: ClassVar[tuple[str, ...]] = ("level", "edition", "target", "theme", "actor", "partners", "canonical")

    level: str | None = None
    edition: int | None = None
    target: str | None = None
    theme: str | None = None
    #: links (wfltext.links): the organizer and the other bodies named as running it
    actor: Link | None = None
    partners: tuple[Link, ...] | None = None
    #: one name for the variants of one program across a corpus (wfltext.links.program_canonicals)
    canonical: str | None = None


@dataclass(frozen=True, slots=True)
class OrganizationRecord(Record):
    type: ClassVar[str] = "organization"
    optional: ClassVar[tuple[str, ...]] = ("canonical", "level", "resolved")

    canonical: str | None = None
    level: str | None = None
    #: the name with the report's place filled in for a bare level (县妇联 → 海拉尔区妇联)
    resolved: str | None = None


@dataclass(frozen=True, slots=True)
class SloganRecord(Record):
    type: ClassVar[str] = "slogan"
    optional: ClassVar[tuple[str, ...]] = ("items", "frame")

    items: tuple[str, ...] | None = None
    frame: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentRecord(Record):
    type: ClassVar[str] = "document"
    optional: ClassVar[tuple[str, ...]] = ("doc_type", "number")

    doc_type: str | None = None
    number: str | None = None


RECORD_CLASSES: dict[str, type[Record]] = {
    cls.type: cls
    for cls in (NumberRecord, ProgramRecord, OrganizationRecord, SloganRecord, DocumentRecord)
}


def from_dict(data: dict[str, Any]) -> Record:
    """Build a record from its JSON object; unknown keys are ignored, missing ones default."""
    try:
        cls = RECORD_CLASSES[data["type"]]
    except KeyError as err:
        raise ValueError(f"unknown record type: {data.get('type')!r}") from err
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {k: v for k, v in data.items() if k in names}
    for k in ("section", "items", "range"):
        if isinstance(kwargs.get(k), list):
            kwargs[k] = tuple(kwargs[k])
    for k in ("program", "actor"):
        if k in kwargs:
            kwargs[k] = Link.from_value(kwargs[k])
    if isinstance(kwargs.get("partners"), list):
        kwargs["partners"] = tuple(Link.from_value(v) for v in kwargs["partners"])
    if isinstance(kwargs.get("sentence"), dict):
        st = kwargs["sentence"]
        kwargs["sentence"] = Sentence(st["start"], st["end"], st.get("text", ""))
    kwargs.setdefault("norm", "")
    return cls(**kwargs)


__all__ = [
    "RECORD_TYPES",
    "RECORD_CLASSES",
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
