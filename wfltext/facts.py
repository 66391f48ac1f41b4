"""The facts table: one row per linked number — who did what, how much, where and when.

A *fact* is a number record with a ``program`` or an ``actor`` link, joined with its document
(place, year) and with the records its links point to: the actor's resolved or full name and
the program's corpus-wide ``canonical`` name (:func:`wfltext.links.program_canonicals`). Every
row keeps the number's exact offsets and its sentence, so each figure can be checked in the
original.

``wfltext export --what facts`` writes the table (CSV, JSONL, Parquet); ``wfltext.load(path,
what="facts")`` reads it as a pandas DataFrame; :func:`document_facts` gives the rows of one
analyzed document.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from .links import organization_key, program_canonicals, resolve

if TYPE_CHECKING:
    from .document import Document

#: the columns of the facts table, in order
FACT_COLUMNS: tuple[str, ...] = (
    "doc", "place", "year", "genre",
    "actor", "actor_name", "actor_implied", "actor_start",
    "program", "program_canonical", "program_start",
    "object", "value", "unit", "kind", "masked", "approx", "bound", "range", "date",
    "text", "start", "end", "sentence", "sentence_start", "sentence_end", "duplicate_of",
)
_TYPES = {
    "year": "int", "actor_implied": "bool", "actor_start": "int", "program_start": "int", "value": "float",
    "masked": "bool", "approx": "bool", "range": "list", "start": "int", "end": "int",
    "sentence_start": "int", "sentence_end": "int",
}


def _as_dict(r: Mapping[str, Any]) -> dict[str, Any]:
    """A record object, with the fields a store or Parquet row keeps in ``extra`` merged in."""
    d = dict(r)
    extra = d.pop("extra", None)
    if isinstance(extra, str) and extra:
        for k, v in json.loads(extra).items():
            d.setdefault(k, v)
    return {k: v for k, v in d.items() if not _missing(v)}


def _missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        return bool(v != v)  # NaN
    except (TypeError, ValueError):
        return False


def doc_rows(records: Iterable[Mapping[str, Any]], document: Mapping[str, Any],
             canonicals: Mapping[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """Fact rows of one document's records (record objects of the contract) and its document
    row (``place``, ``year``, ``genre``, ``duplicate_of`` as :class:`wfltext.store.DocumentRow`
    has them)."""
    recs = [_as_dict(r) for r in records]
    place = document.get("place")
    orgs = {(r["norm"], r["start"]): r for r in recs if r.get("type") == "organization"}
    for r in recs:
        if r.get("type") != "number":
            continue
        program, actor = r.get("program"), r.get("actor")
        if not program and not actor:
            continue
        row: dict[str, Any] = {c: None for c in FACT_COLUMNS}
        row.update(doc=r["doc"], place=place, year=document.get("year"), genre=document.get("genre"),
                   duplicate_of=document.get("duplicate_of"))
        if actor:
            row["actor"] = actor.get("norm")
            row["actor_start"] = actor.get("start")
            row["actor_implied"] = bool(actor.get("implied"))
            target = orgs.get((actor.get("norm"), actor.get("start")))
            if target is not None:
                row["actor_name"] = organization_key(target["norm"], target.get("canonical"), target.get("resolved"))
            else:
                row["actor_name"] = resolve(actor.get("norm") or "", place) or actor.get("norm")
        if program:
            row["program"] = program.get("norm")
            row["program_start"] = program.get("start")
            row["program_canonical"] = (canonicals or {}).get(program.get("norm"), program.get("norm"))
        for k in ("object", "value", "unit", "kind", "masked", "approx", "bound", "range", "date", "text", "start", "end"):
            row[k] = r.get(k)
        sentence = r.get("sentence")
        if isinstance(sentence, Mapping):
            row["sentence"] = sentence.get("text")
            row["sentence_start"] = sentence.get("start")
            row["sentence_end"] = sentence.get("end")
        yield row


def facts(records: Iterable[Mapping[str, Any]], documents: Iterable[Mapping[str, Any]], *,
          skip_duplicates: bool = False) -> Iterator[dict[str, Any]]:
    """Fact rows of a corpus: ``records`` (record objects, or store/Parquet rows) grouped by
    document, ``documents`` as the store's document rows. Program names get their canonical
    name over the whole corpus."""
    docs = {d["id"]: d for d in documents}
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    program_norms: list[str] = []
    for r in records:
        t = r.get("type")
        if t == "program":
            program_norms.append(r["norm"])
        elif t in ("number", "organization"):
            by_doc[r["doc"]].append(r)  # type: ignore[arg-type]
    mapping, _ = program_canonicals(program_norms)
    for doc_id, recs in by_doc.items():
        document = docs.get(doc_id, {})
        if skip_duplicates and document.get("duplicate_of"):
            continue
        yield from doc_rows(recs, document, mapping)


def document_facts(doc: "Document") -> list[dict[str, Any]]:
    """The fact rows of one analyzed document."""
    m = doc.metadata
    return list(doc_rows((r.to_dict() for r in doc.records), {"place": m.place, "year": m.year, "genre": m.genre}))


def merges(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The program merges of a corpus, for review: variant, canonical, rule, mentions, score."""
    _, out = program_canonicals(r["norm"] for r in records if r.get("type") == "program")
    return [m.to_dict() for m in out]


def arrow_schema():
    import pyarrow as pa

    kinds = {"int": pa.int64(), "bool": pa.bool_(), "float": pa.float64(), "list": pa.list_(pa.float64())}
    return pa.schema([(c, kinds.get(_TYPES.get(c, ""), pa.string())) for c in FACT_COLUMNS])


def frame(rows: Iterable[Mapping[str, Any]]):
    """Fact rows as a pandas DataFrame with the facts table's column types."""
    import pandas as pd
    import pyarrow as pa

    table = pa.Table.from_pylist([dict(r) for r in rows], schema=arrow_schema())
    mapping = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    df = table.to_pandas(types_mapper=mapping.get)
    df["range"] = [None if v is None else list(v) for v in df["range"]]
    return df


__all__ = ["FACT_COLUMNS", "facts", "doc_rows", "document_facts", "merges", "frame", "arrow_schema"]
