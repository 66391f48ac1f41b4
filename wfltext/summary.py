"""Per-document summaries of a corpus store: what the dashboard counts, kept beside the records.

The dashboard (``wfltext report``) needs, per document: how many records of each type it holds;
its numbers by kind and unit (mentions, exact, approximate, masked, ranges, bounded, the sum and
the largest of the exact values); its names (programs, organizations, slogans, documents) with
their mentions; its program names in order; and its linked numbers (facts) grouped by program,
actor, unit and kind. Counting those from the records means reading every record of the store,
and for the facts decoding each one — minutes for millions of records. The store writes them
instead, per document, in the same transaction as the records (:func:`write`), and the dashboard
reads them (:func:`available` says whether a store has them for every record).

Everything here is counted exactly as the dashboard counts records (the same grouping, the same
cleaning), so its figures are the same either way; ``tests/test_views.py`` checks it.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Callable, Iterable, Mapping

from .facts import doc_rows

#: meta key set when every document of the store has its summary
META_KEY = "summaries"
#: number kinds whose exact values may be added up (a sum of percentages or dates means nothing)
SUMMABLE_KINDS = frozenset({"count", "money", "measure", "duration"})
#: record types whose names are counted
NAME_TYPES = ("program", "organization", "slogan", "document")
TABLES = ("summary_types", "summary_numbers", "summary_names", "summary_programs", "summary_facts")

DDL = """
CREATE TABLE IF NOT EXISTS summary_types (doc TEXT NOT NULL, type TEXT, records INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS summary_types_doc ON summary_types (doc);
CREATE TABLE IF NOT EXISTS summary_numbers (
    doc TEXT NOT NULL, kind TEXT NOT NULL, unit TEXT NOT NULL, mentions INTEGER NOT NULL, exact INTEGER NOT NULL,
    approx INTEGER NOT NULL, masked INTEGER NOT NULL, ranges INTEGER NOT NULL, bounded INTEGER NOT NULL,
    total REAL NOT NULL, largest
);
CREATE INDEX IF NOT EXISTS summary_numbers_doc ON summary_numbers (doc);
CREATE TABLE IF NOT EXISTS summary_names (
    doc TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, relative INTEGER NOT NULL, mentions INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS summary_names_doc ON summary_names (doc);
CREATE TABLE IF NOT EXISTS summary_programs (doc TEXT NOT NULL, first INTEGER NOT NULL, norm, mentions INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS summary_programs_doc ON summary_programs (doc);
CREATE TABLE IF NOT EXISTS summary_facts (
    doc TEXT NOT NULL, first INTEGER NOT NULL, program, actor, unit TEXT NOT NULL, kind TEXT NOT NULL,
    mentions INTEGER NOT NULL, implied INTEGER NOT NULL, exact INTEGER NOT NULL, total REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS summary_facts_doc ON summary_facts (doc);
"""

#: the records grouped on their raw values: per document and type, and the fields the figures
#: read — a name's norm and level, a number's kind, unit and what makes it exact or not — with
#: how many records share them, and the sum and largest of their values. ``{where}`` restricts it
#: to some documents.
GROUPED_SQL = """
    SELECT doc, type,
           CASE WHEN type = 'number' THEN kind ELSE norm END,
           CASE WHEN type = 'number' THEN unit WHEN type = 'organization' THEN level END,
           type = 'number' AND typeof(value) IN ('integer', 'real'),
           CASE WHEN type = 'number' THEN coalesce(masked = 1, 0) END,
           CASE WHEN type = 'number' THEN coalesce(approx = 1, 0) END,
           CASE WHEN type = 'number' THEN range END,
           CASE WHEN type = 'number' THEN bound END,
           count(*), total(value), max(value)
    FROM records {where}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9"""


def clean(v: Any) -> str | None:
    """A record's text field as the dashboard reads it: stripped, None when empty or missing."""
    if v is None:
        return None
    return str(v).strip() or None


def is_range(v: Any) -> bool:
    """Whether a stored ``range`` (JSON text) is a non-empty list."""
    if v is None:
        return False
    try:
        value = json.loads(v)
    except (TypeError, ValueError):
        return False
    return isinstance(value, list) and len(value) > 0


def exact_fact(f: Mapping[str, Any]) -> bool:
    """A fact whose value may be added: exact (not masked, approximate, bounded or a range)."""
    return (f.get("kind") in SUMMABLE_KINDS and f.get("value") is not None and not f.get("masked")
            and not f.get("approx") and not f.get("bound") and not f.get("range"))


def add_groups(rows: Iterable[tuple], per_doc_type: dict, numbers: dict, names: dict,
               keep: Callable[[str], bool] = lambda doc: True) -> None:
    """Add up the rows of :data:`GROUPED_SQL`: records per ``(doc, type)``; per ``(doc, kind,
    unit)`` of a kept document ``[mentions, exact, approx, masked, ranges, bounded, sum,
    largest]``; mentions per ``(doc, type, name, relative)`` of a kept document (``relative``:
    an organization named relative to a place, counted per place)."""
    for doc, type_, key, sub, numeric, masked, approx, rng, bound, count, total, largest in rows:
        per_doc_type[doc, type_] = per_doc_type.get((doc, type_), 0) + count
        if not keep(doc):
            continue
        if type_ == "number":
            kind = clean(key) or "other"
            ranges, bounded = is_range(rng), clean(bound) is not None
            exact = bool(numeric) and not masked and not approx and not ranges and not bounded
            adds = exact and kind in SUMMABLE_KINDS
            n = numbers.setdefault((doc, kind, clean(sub) or ""), [0, 0, 0, 0, 0, 0, 0.0, None])
            n[0] += count
            n[1] += count if exact else 0
            n[2] += count if approx else 0
            n[3] += count if masked else 0
            n[4] += count if ranges else 0
            n[5] += count if bounded else 0
            if adds:
                n[6] += total
                n[7] = largest if n[7] is None else max(n[7], largest)
        elif type_ in NAME_TYPES:
            name = key.strip() if type(key) is str else clean(key)
            if not name:
                continue
            relative = False
            if type_ == "organization":
                level = clean(sub)
                relative = level is not None and level != "中央"
            k = (doc, type_, name, relative)
            names[k] = names.get(k, 0) + count


def fact_groups(records: list[dict[str, Any]], place: str | None) -> tuple[list[tuple], list[tuple]]:
    """The program names (``(first, norm, mentions)``, in record order) and the linked numbers
    grouped by program norm, actor name, unit and kind (``(first, program, actor, unit, kind,
    mentions, implied, exact, sum)``, in order of their first number) of one document's records
    (record objects, in order), ``place`` its place as the dashboard reads it."""
    programs: dict[Any, list] = {}
    for i, r in enumerate(records):
        if r.get("type") == "program":
            p = programs.get(r["norm"])
            if p is None:
                programs[r["norm"]] = [i, r["norm"], 1]
            else:
                p[2] += 1
    facts: dict[tuple, list] = {}
    linked = [r for r in records if r.get("type") in ("number", "organization")]
    for i, f in enumerate(doc_rows(linked, {"place": place})):
        key = (f.get("program"), f.get("actor_name"), f.get("unit") or "", f.get("kind") or "")
        g = facts.get(key)
        if g is None:
            g = facts[key] = [i, *key, 0, 0, 0, 0.0]
        g[5] += 1
        g[6] += 1 if f.get("actor_implied") else 0
        if exact_fact(f):
            g[7] += 1
            g[8] += float(f["value"])
    return [tuple(p) for p in programs.values()], [tuple(g) for g in facts.values()]


def _sql_order(v: Any) -> tuple:
    """SQLite's order of a value (NULL, then numbers, then text by code point): the order in
    which ``GROUP BY`` gives its groups."""
    if v is None:
        return (0, 0)
    if isinstance(v, (int, float)):
        return (1, v)
    if isinstance(v, str):
        return (2, v)
    return (3, bytes(v))


def grouped_rows(rows: Iterable[tuple], columns: tuple[str, ...]) -> list[tuple]:
    """The rows :data:`GROUPED_SQL` gives for one document's record rows (as the store writes
    them, in ``seq`` order; ``columns`` the names of a row's columns, ``store.ROW_COLUMNS``),
    computed without a database: the same groups in the same order, the same counts, and the
    sums added in the same order (SQLite's ``total`` adds in scan order, as a double), so a
    worker can make them and the store's writer only inserts them.

    >>> cols = ("doc", "seq", "type", "norm", "value", "unit", "kind", "approx", "bound", "range", "masked", "level")
    >>> rows = [("a", 0, "number", "5人", 5, "人", "count", None, None, None, None, None),
    ...         ("a", 1, "program", "春蕾计划", None, None, None, None, None, None, None, None),
    ...         ("a", 2, "number", "3人", 3, "人", "count", None, None, None, None, None)]
    >>> grouped_rows(rows, cols)
    [('a', 'number', 'count', '人', 1, 0, 0, None, None, 2, 8.0, 5), ('a', 'program', '春蕾计划', None, 0, None, None, None, None, 1, 0.0, None)]
    """
    at = {c: i for i, c in enumerate(columns)}
    i_type, i_norm, i_value, i_kind, i_unit, i_level = (at[c] for c in ("type", "norm", "value", "kind", "unit", "level"))
    i_masked, i_approx, i_range, i_bound = (at[c] for c in ("masked", "approx", "range", "bound"))
    groups: dict[tuple, list] = {}
    for row in rows:
        type_ = row[i_type]
        value = row[i_value]
        if type_ == "number":
            masked, approx = row[i_masked], row[i_approx]
            key = (row[0], type_, row[i_kind], row[i_unit], int(isinstance(value, (int, float))),
                   int(masked is not None and masked == 1), int(approx is not None and approx == 1),
                   row[i_range], row[i_bound])
        else:
            key = (row[0], type_, row[i_norm], row[i_level] if type_ == "organization" else None, 0,
                   None, None, None, None)
        g = groups.get(key)
        if g is None:
            g = groups[key] = [0, 0.0, None]
        g[0] += 1
        if isinstance(value, (int, float)):
            g[1] += value
        if value is not None and (g[2] is None or _sql_order(value) > _sql_order(g[2])):
            g[2] = value
    ordered = sorted(groups.items(), key=lambda kv: tuple(_sql_order(v) for v in kv[0]))
    return [(*key, *g) for key, g in ordered]


#: one document's summary rows: (types, numbers, names, programs, facts), as the tables hold them
Summary = tuple[list[tuple], list[tuple], list[tuple], list[tuple], list[tuple]]


def _summary(doc: str, grouped: Iterable[tuple], links: Callable[[], tuple[list[tuple], list[tuple]]]) -> Summary | None:
    per_type: dict = {}
    nums: dict = {}
    named: dict = {}
    add_groups(grouped, per_type, nums, named)
    if not per_type:
        return None
    ps, fs = links()
    return ([(d, t, n) for (d, t), n in per_type.items()], [(*k, *v) for k, v in nums.items()],
            [(*k, n) for k, n in named.items()], [(doc, *p) for p in ps], [(doc, *f) for f in fs])


def document_summary(doc: str, rows: list[tuple], columns: tuple[str, ...], records: list[dict[str, Any]], place: str | None) -> Summary | None:
    """The summary rows of one document, from its record rows (``rows``, as the store writes
    them) and its records (``records``, their JSON objects), ``place`` its place as read by the
    dashboard (:func:`clean`): what a worker sends so that the writer makes no query for them.
    None when the document has no records."""
    return _summary(doc, grouped_rows(rows, columns), lambda: fact_groups(records, place))


def write(db: sqlite3.Connection, docs: Iterable[str], links_of: Callable[[str], tuple[list[tuple], list[tuple]]],
          made: Mapping[str, Summary | None] | None = None) -> None:
    """Replace the summaries of ``docs`` by those of their records now in the store (inside the
    caller's transaction); ``links_of(doc)`` gives :func:`fact_groups` of a document's records;
    ``made``: the summaries a worker made of documents whose every record the transaction wrote
    (:func:`document_summary`), taken as they are."""
    docs = sorted(set(docs))
    for table in TABLES:
        db.executemany(f"DELETE FROM {table} WHERE doc = ?", [(d,) for d in docs])
    out: tuple[list[tuple], ...] = ([], [], [], [], [])
    for doc in docs:
        if made is not None and doc in made:
            part = made[doc]
        else:
            part = _summary(doc, db.execute(GROUPED_SQL.format(where="WHERE doc = ?"), (doc,)), lambda: links_of(doc))
        if part is None:
            continue
        for rows, more in zip(out, part):
            rows.extend(more)
    types, numbers, names, programs, facts = out
    db.executemany("INSERT INTO summary_types VALUES (?, ?, ?)", types)
    db.executemany("INSERT INTO summary_numbers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", numbers)
    db.executemany("INSERT INTO summary_names VALUES (?, ?, ?, ?, ?)", names)
    db.executemany("INSERT INTO summary_programs VALUES (?, ?, ?, ?)", programs)
    db.executemany("INSERT INTO summary_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", facts)


def available(db: sqlite3.Connection) -> bool:
    """Whether the store keeps a summary of every document's records (written by this version
    from the start, or built since; and as many records summed up as there are records)."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
        if row is None or row[0] != "1":
            return False
        summed = db.execute("SELECT total(records) FROM summary_types").fetchone()[0]
        return int(summed) == db.execute("SELECT count(*) FROM records").fetchone()[0]
    except sqlite3.Error:
        return False


__all__ = ["DDL", "META_KEY", "GROUPED_SQL", "SUMMABLE_KINDS", "NAME_TYPES", "Summary", "add_groups", "fact_groups", "grouped_rows",
           "document_summary", "write", "available",
           "clean", "is_range", "exact_fact"]
