"""The corpus dashboard: what a run over many reports found, on one page.

Reads a corpus store through its public API (:func:`wfltext.store.load` gives the ``records``
and ``documents`` DataFrames), computes plain figures with :func:`corpus_stats` and renders them
with :func:`render_dashboard`.

Counting rules, stated on the page too:

- Near-duplicates (documents with ``duplicate_of``) are left out of every record figure: a report
  republished by five sites is one report.
- Names are ranked by the number of documents that mention them, mentions given beside.
- An organization named relative to a place (a record whose ``level`` is below 中央: 县妇联,
  市政府, 村两委) is counted per document place, so two counties' 县妇联 stay two; one without a
  level or at 中央 level (国务院, 双良集团) is one name across places.
- Numbers: masked and approximate mentions are counted apart from exact ones; sums add exact
  values of count, money, measure and duration mentions and are labelled as sums of mentions,
  never as totals (two reports may count the same people).
"""

from __future__ import annotations

import itertools
import os
import time
from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping

from .. import summary
from ..records import labels, record_types
from ..summary import SUMMABLE_KINDS
from . import charts
from .page import esc, json_script, page

NO_PLACE = "（地方不明）"
NO_GENRE = "（体裁不明）"
NO_YEAR = "不明"
TOP = 30
NETWORK_NODES = 36
NETWORK_EDGES = 160
TIMELINE_ROWS = 20
DOC_ROWS = 500
NUMBER_DOC_ROWS = 200


def _s(v: Any) -> str | None:
    """A cell as a clean string or None (pandas gives NaN/None/pd.NA for empty)."""
    if v is None:
        return None
    if isinstance(v, (str, int)):  # no missing-value marker possible: no pandas needed
        return str(v).strip() or None
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    text = str(v).strip()
    return text or None


def _int(v: Any) -> int | None:
    s = _s(v)
    if s is None:
        return None
    try:
        return int(float(s))
    except ValueError:
        return None


def _bool(v: Any) -> bool:
    return bool(v) if _s(v) is not None else False


def _float(v: Any) -> float | None:
    if _s(v) is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def org_key(norm: str, level: str | None, place: str | None) -> tuple[str, str | None]:
    """How an organization is counted: per place when its name is relative to one.

    >>> org_key("县妇联", "县", "海拉尔区"), org_key("国务院", "中央", "海拉尔区"), org_key("双良集团", None, "江阴市")
    (('县妇联', '海拉尔区'), ('国务院', None), ('双良集团', None))
    """
    if level and level != "中央":
        return (norm, place or NO_PLACE)
    return (norm, None)


def _label(key: tuple[str, str | None]) -> str:
    norm, place = key
    return f"{norm} · {place}" if place else norm


def _column(frame: Any, name: str, default: Any = None) -> Any:
    import pandas as pd

    if name in frame.columns:
        return frame[name]
    return pd.Series([default] * len(frame), index=frame.index, dtype=object)


def _flag(series: Any) -> Any:
    """A boolean column that may hold None/NaN (missing means False)."""
    return series.eq(True).fillna(False).astype(bool)


def _text(series: Any) -> Any:
    """A text column stripped, with None for empty or missing cells (vectorized :func:`_s`)."""
    out = series.astype("string").str.strip()
    out = out.mask(out == "")
    return out.astype(object).where(out.notna(), None)


def _documents_of(rows: Iterable[Mapping[str, Any]]) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """The analyzed documents by id, and the failed files, from the rows of the documents table."""
    docs: dict[str, dict[str, Any]] = {}
    failed = []
    for row in rows:
        status = _s(row.get("status")) or "done"
        entry = {
            "id": _s(row.get("id")) or "",
            "path": _s(row.get("path")) or _s(row.get("id")) or "",
            "title": _s(row.get("title")),
            "place": _s(row.get("place")),
            "genre": _s(row.get("genre")),
            "year": _int(row.get("year")),
            "status": status,
            "records": _int(row.get("records")) or 0,
            "chars": _int(row.get("chars")),
            "duplicate_of": _s(row.get("duplicate_of")),
        }
        if status == "failed":
            failed.append({"path": entry["path"], "id": entry["id"], "code": _s(row.get("error_code")) or "error",
                           "message": _s(row.get("error_message")) or ""})
        else:
            docs[entry["id"]] = entry
    return docs, failed


def corpus_stats(records: Any, documents: Any) -> dict[str, Any]:
    """Every figure of the dashboard, as plain data, from the two DataFrames of
    :func:`wfltext.store.load` (or anything with the same columns)."""
    import pandas as pd

    docs, failed = _documents_of(documents.to_dict("records"))
    unique = {d for d, e in docs.items() if not e["duplicate_of"]}
    genre_of = {d: e["genre"] or NO_GENRE for d, e in docs.items()}
    year_of = {d: e["year"] for d, e in docs.items()}
    place_of = {d: e["place"] or NO_PLACE for d, e in docs.items()}

    by_type_all: Counter = Counter()
    by_type: Counter = Counter()
    orphans = 0
    rec = records
    if len(records):
        by_type_all.update(records["type"].value_counts().to_dict())
        orphans = int((~records["doc"].isin(set(docs))).sum())
        rec = records[records["doc"].isin(unique)]
        by_type.update(rec["type"].value_counts().to_dict())

    by_type_genre: dict[str, Counter] = defaultdict(Counter)
    by_type_year: dict[Any, Counter] = defaultdict(Counter)
    if len(rec):
        keyed = pd.DataFrame({
            "type": rec["type"],
            "genre": rec["doc"].map(genre_of),
            "year": rec["doc"].map(lambda d: NO_YEAR if year_of[d] is None else year_of[d]),
        })
        for (g, t), c in keyed.groupby(["genre", "type"]).size().items():
            by_type_genre[g][t] = int(c)
        for (y, t), c in keyed.groupby(["year", "type"]).size().items():
            by_type_year[y][t] = int(c)

    tops: dict[str, list[dict[str, Any]]] = {t: [] for t in ("program", "organization", "slogan", "document")}
    network: dict[str, Any] = {"nodes": [], "edges": []}
    timeline: dict[str, Any] = {"programs": [], "years": [], "cells": []}
    names = rec[rec["type"].isin(tuple(tops))] if len(rec) else rec
    if len(names):
        # one row per name mention: (type, name, place key); the key is "" for a name counted
        # across places
        norm = _text(_column(names, "norm"))
        level = _text(_column(names, "level"))
        relative = (names["type"] == "organization") & level.notna() & (level != "中央")
        n = pd.DataFrame({
            "type": names["type"], "doc": names["doc"], "name": norm,
            "place": names["doc"].map(place_of).where(relative, ""),
        })
        n = n[n["name"].notna()]
        n["year"] = n["doc"].map(year_of)
        grouped = n.groupby(["type", "name", "place"], sort=False).agg(documents=("doc", "nunique"), mentions=("doc", "size")).reset_index()
        for t in tops:
            g = grouped[grouped["type"] == t]
            if not len(g):
                continue
            g = g.assign(label=[_label((a, b or None)) for a, b in zip(g["name"], g["place"])])
            g = g.sort_values(["documents", "mentions", "label"], ascending=[False, False, True]).head(TOP if t != "document" else 15)
            chosen = set(zip(g["name"], g["place"]))
            sub = n[n["type"] == t]
            sub = sub[[k in chosen for k in zip(sub["name"], sub["place"])]]
            years = sub.dropna(subset=["year"]).groupby(["name", "place"])["year"].agg(lambda y: sorted({int(v) for v in y}))
            for name, place, docs_n, mentions in zip(g["name"], g["place"], g["documents"], g["mentions"]):
                item: dict[str, Any] = {"name": name, "documents": int(docs_n), "mentions": int(mentions), "years": years.get((name, place), [])}
                if t == "organization":
                    item["place"] = place or None
                    item["label"] = _label((name, place or None))
                tops[t].append(item)

        # timeline: the programs in most dated documents, documents per year
        programs = n[(n["type"] == "program") & n["year"].notna()].drop_duplicates(["name", "doc"])
        if len(programs):
            totals = programs.groupby("name").size().reset_index(name="docs").sort_values(["docs", "name"], ascending=[False, True])
            rows = list(totals["name"].head(TIMELINE_ROWS))
            wanted = set(rows)
            cells = {(a, int(y)): int(c) for (a, y), c in programs.groupby(["name", "year"]).size().items() if a in wanted}
            years_present = sorted({y for _, y in cells})
            timeline = {"programs": rows, "years": years_present, "cells": [[p, y, cells[(p, y)]] for p in rows for y in years_present if (p, y) in cells]}

        orgs = n[n["type"] == "organization"].drop_duplicates(["doc", "name", "place"])
        org_docs: dict[Any, set] = defaultdict(set)
        doc_keys: dict[str, set] = defaultdict(set)
        for d, a, b in zip(orgs["doc"], orgs["name"], orgs["place"]):
            key = (a, b or None)
            org_docs[key].add(d)
            doc_keys[d].add(key)
        network = _network(org_docs, doc_keys)

    linked = rec[rec["type"].isin(("number", "program", "organization"))].to_dict("records") if len(rec) and "type" in rec.columns else []
    if linked:
        programs, facts = _link_groups(linked, docs)
        pages = _link_pages(programs, _Facts(facts, docs), docs)
    else:
        pages = [], []
    numbers_across, numbers_docs = _numbers(rec[rec["type"] == "number"] if len(rec) else rec)
    return _figures(docs, failed, unique, by_type_all, by_type, orphans, by_type_genre, by_type_year, tops, numbers_across,
                    numbers_docs, timeline, network, pages)


def _figures(docs: dict[str, dict[str, Any]], failed: list[dict[str, Any]], unique: set[str], by_type_all: Counter,
             by_type: Counter, orphans: int, by_type_genre: Mapping[str, Counter], by_type_year: Mapping[Any, Counter],
             tops: Mapping[str, list[dict[str, Any]]], numbers_across: list[dict[str, Any]], numbers_docs: list[dict[str, Any]],
             timeline: dict[str, Any], network: dict[str, Any],
             pages: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])) -> dict[str, Any]:
    """The figures of the dashboard from the counts :func:`corpus_stats` and :func:`store_stats` make alike."""
    program_pages, organization_pages = pages
    for r in numbers_docs:
        d = docs[r["doc"]]
        r["title"], r["year"], r["place"] = d["title"], d["year"], d["place"]

    genres = Counter(d["genre"] or NO_GENRE for d in docs.values())
    years = Counter(d["year"] if d["year"] is not None else NO_YEAR for d in docs.values())
    genre_year: dict[str, Counter] = defaultdict(Counter)
    for d in docs.values():
        genre_year[d["genre"] or NO_GENRE][d["year"] if d["year"] is not None else NO_YEAR] += 1

    return {
        "overview": {
            "files": len({d["path"] for d in docs.values()} | {f["path"] for f in failed}),
            "documents": len(docs),
            "unique_documents": len(unique),
            "duplicates": len(docs) - len(unique),
            "failed": len(failed),
            "records": int(sum(by_type_all.values())),
            "records_unique": int(sum(by_type.values())),
            "orphan_records": orphans,
            "chars": sum(d["chars"] or 0 for d in docs.values()),
        },
        "records_by_type": {t: int(by_type.get(t, 0)) for t in _types(by_type)},
        "records_by_type_all": {t: int(by_type_all.get(t, 0)) for t in _types(by_type_all)},
        "records_by_type_genre": {g: dict(c) for g, c in sorted(by_type_genre.items(), key=lambda kv: -sum(kv[1].values()))},
        "records_by_type_year": {str(y): dict(c) for y, c in sorted(by_type_year.items(), key=lambda kv: _year_order(kv[0]))},
        "documents_by_genre": dict(genres.most_common()),
        "documents_by_year": {str(y): c for y, c in sorted(years.items(), key=lambda kv: _year_order(kv[0]))},
        "documents_by_genre_year": {g: {str(y): c for y, c in sorted(cnt.items(), key=lambda kv: _year_order(kv[0]))} for g, cnt in genre_year.items()},
        "top_programs": tops["program"],
        "top_organizations": tops["organization"],
        "top_slogans": tops["slogan"],
        "top_documents": tops["document"],
        "program_pages": program_pages,
        "organization_pages": organization_pages,
        "numbers_across": numbers_across,
        "numbers_documents": numbers_docs,
        "timeline": timeline,
        "network": network,
        "failed": sorted(failed, key=lambda f: f["path"]),
        "documents": sorted(docs.values(), key=lambda d: d["id"]),
    }


def _unit_rows(facts: Iterable[tuple]) -> list[dict[str, Any]]:
    """Numbers by (unit, kind): mentions, exact mentions and their sum — summed only where the
    units agree. ``facts``: groups of linked numbers (:data:`_FACT`)."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for f in facts:
        key = (f[_UNIT], f[_KIND])
        g = groups.setdefault(key, {"unit": key[0] or None, "kind": key[1], "mentions": 0, "exact": 0, "sum": 0.0})
        g["mentions"] += f[_MENTIONS]
        g["exact"] += f[_EXACT]
        g["sum"] += f[_TOTAL]
    return sorted(groups.values(), key=lambda g: (-g["mentions"], g["unit"] or ""))


#: a group of linked numbers of one document (a row of ``summary_facts``): document, its first
#: number's place among the document's facts, program norm, actor name, unit, kind, mentions,
#: how many with an implied actor, how many exact, the sum of the exact values
_FACT = ("doc", "first", "program", "actor", "unit", "kind", "mentions", "implied", "exact", "total")
_DOC, _PROGRAM, _ACTOR, _UNIT, _KIND, _MENTIONS, _IMPLIED, _EXACT, _TOTAL = (_FACT.index(c) for c in (
    "doc", "program", "actor", "unit", "kind", "mentions", "implied", "exact", "total"))


def _link_groups(rows: list[dict[str, Any]], docs: Mapping[str, Mapping[str, Any]]) -> tuple[list[tuple], list[tuple]]:
    """The program names (``(doc, first, norm, mentions)``) and the groups of linked numbers
    (:data:`_FACT`) of the number, program and organization records ``rows`` (by document, in
    order), as :func:`wfltext.summary.write` keeps them in a store."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_doc.setdefault(r["doc"], []).append(r)
    programs: list[tuple] = []
    facts: list[tuple] = []
    for doc, recs in by_doc.items():
        ps, fs = summary.fact_groups(recs, docs.get(doc, {}).get("place"))
        programs.extend((doc, *p) for p in ps)
        facts.extend((doc, *f) for f in fs)
    return programs, facts


def _cell(doc: Mapping[str, Any]) -> tuple[Any, str]:
    """The (year, place) cell of a document in a page's table."""
    return (doc.get("year") if doc.get("year") is not None else NO_YEAR, doc.get("place") or NO_PLACE)


class _Facts:
    """Groups of linked numbers (:data:`_FACT`) of the unique documents, in a list: what the
    link pages rank, and what the pages of the few programs and actors shown read."""

    def __init__(self, facts: list[tuple], docs: Mapping[str, Mapping[str, Any]]) -> None:
        self.facts = facts
        self.docs = docs

    def program_mentions(self) -> dict[Any, int]:
        """Linked numbers per program norm."""
        out: dict[Any, int] = {}
        for f in self.facts:
            if f[_PROGRAM] is not None:
                out[f[_PROGRAM]] = out.get(f[_PROGRAM], 0) + f[_MENTIONS]
        return out

    def actor_totals(self) -> dict[str, tuple[int, int]]:
        """Per actor name: the documents and the linked numbers that name it."""
        docs: dict[str, set] = defaultdict(set)
        mentions: Counter = Counter()
        for f in self.facts:
            if f[_ACTOR]:
                docs[f[_ACTOR]].add(f[_DOC])
                mentions[f[_ACTOR]] += f[_MENTIONS]
        return {a: (len(ds), mentions[a]) for a, ds in docs.items()}

    def pages(self, programs: set, actors: set) -> tuple[list[tuple], dict[str, Counter]]:
        """For the program norms ``programs`` and the actors ``actors``: their groups added up
        across documents per program, actor, unit and kind (:data:`_FACT` with no document,
        ``first`` the place of the first number, in that order), and the (year, place) cells of
        each actor's documents."""
        combos: dict[tuple, list] = {}
        docs: dict[str, set] = defaultdict(set)
        for k, f in enumerate(self.facts):
            if f[_PROGRAM] not in programs and f[_ACTOR] not in actors:
                continue
            key = (f[_PROGRAM], f[_ACTOR], f[_UNIT], f[_KIND])
            c = combos.get(key)
            if c is None:
                c = combos[key] = [None, k, *key, 0, 0, 0, 0.0]
            for i in (_MENTIONS, _IMPLIED, _EXACT, _TOTAL):
                c[i] += f[i]
            if f[_ACTOR] in actors:
                docs[f[_ACTOR]].add(f[_DOC])
        cells = {a: Counter(_cell(self.docs.get(d, {})) for d in ds) for a, ds in docs.items()}
        return [tuple(c) for c in combos.values()], cells


class _StoreFacts(_Facts):
    """The same, read from a store's summaries (``summary_facts``) of the documents in
    ``temp.unique_docs``, added up by SQLite."""

    _FROM = "FROM summary_facts JOIN temp.unique_docs u ON u.id = doc"

    def __init__(self, db: Any, docs: Mapping[str, Mapping[str, Any]]) -> None:
        self.db = db
        self.docs = docs

    def program_mentions(self) -> dict[Any, int]:
        return dict(_rows(self.db, f"SELECT program, sum(mentions) {self._FROM} WHERE program IS NOT NULL GROUP BY program"))

    def actor_totals(self) -> dict[str, tuple[int, int]]:
        rows = _rows(self.db, f"SELECT actor, count(DISTINCT doc), sum(mentions) {self._FROM} WHERE actor IS NOT NULL GROUP BY actor")
        return {a: (d, m) for a, d, m in rows if a}

    def pages(self, programs: set, actors: set) -> tuple[list[tuple], dict[str, Counter]]:
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS page_programs (program PRIMARY KEY)")
        db.execute("CREATE TEMP TABLE IF NOT EXISTS page_actors (actor PRIMARY KEY)")
        db.execute("CREATE TEMP TABLE IF NOT EXISTS doc_cells (id TEXT PRIMARY KEY, year, place)")
        for table in ("page_programs", "page_actors", "doc_cells"):
            db.execute(f"DELETE FROM temp.{table}")
        db.executemany("INSERT INTO temp.page_programs VALUES (?)", [(p,) for p in programs])
        db.executemany("INSERT INTO temp.page_actors VALUES (?)", [(a,) for a in actors])
        db.executemany("INSERT INTO temp.doc_cells VALUES (?, ?, ?)", [(d, *_cell(e)) for d, e in self.docs.items()])
        # each combination with its first number: the least document, then the least place in it
        combos = _rows(db, (
            "SELECT NULL, (SELECT min(s.first) FROM summary_facts s WHERE s.doc = g.doc AND s.program IS g.program"
            " AND s.actor IS g.actor AND s.unit = g.unit AND s.kind = g.kind), program, actor, unit, kind, mentions,"
            " implied, exact, total, doc FROM (SELECT program, actor, unit, kind, sum(mentions) AS mentions,"
            f" sum(implied) AS implied, sum(exact) AS exact, total(total) AS total, min(doc) AS doc {self._FROM}"
            " WHERE program IN temp.page_programs OR actor IN temp.page_actors GROUP BY program, actor, unit, kind) g"
        ))
        combos.sort(key=lambda c: (c[-1], c[1]))
        cells: dict[str, Counter] = defaultdict(Counter)
        for actor, year, place, n in _rows(db, (
            f"SELECT actor, year, place, count(DISTINCT doc) {self._FROM} JOIN temp.doc_cells c ON c.id = doc"
            " WHERE actor IN temp.page_actors GROUP BY actor, year, place"
        )):
            cells[actor][year, place] = n
        return [c[:-1] for c in combos], cells


def _rows(db: Any, sql: str, args: tuple = ()) -> list[tuple]:
    """The rows of a query as plain tuples (the store's connection makes ``sqlite3.Row`` objects)."""
    cur = db.cursor()
    cur.row_factory = None
    return cur.execute(sql, args).fetchall()


def _link_pages(programs: list[tuple], facts: _Facts, docs: Mapping[str, Mapping[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One entry per program (by canonical name) and per acting organization: the reports that
    name it by year and place, and the numbers linked to it, by unit. ``programs``: the program
    names of the documents, ``(doc, first, norm, mentions)``, by document, in order; ``facts``:
    the groups of their linked numbers (:data:`_FACT`)."""
    from ..links import program_canonicals

    mapping, _ = program_canonicals(norm for _, _, norm, n in programs for _ in range(n))

    def place_year(cells: Counter) -> dict[str, Any]:
        years = sorted({y for y, _ in cells}, key=_year_order)
        places = sorted({p for _, p in cells})
        return {"years": [str(y) for y in years], "places": places,
                "cells": [[str(y), p, c] for (y, p), c in sorted(cells.items(), key=lambda kv: (_year_order(kv[0][0]), kv[0][1]))]}

    prog_docs: dict[str, set] = defaultdict(set)
    prog_variants: dict[str, Counter] = defaultdict(Counter)
    for doc, _, norm, n in programs:
        name = mapping.get(norm, norm)
        prog_docs[name].add(doc)
        prog_variants[name][norm] += n
    # ranked on their counts; only the numbers of those that get a page are read
    linked: Counter = Counter()
    norms_of: dict[str, set] = defaultdict(set)
    for norm, n in facts.program_mentions().items():
        canonical = mapping.get(norm, norm)
        if canonical:
            linked[canonical] += n
            norms_of[canonical].add(norm)
    shown = sorted(prog_docs, key=lambda n: (-len(prog_docs[n]), -linked.get(n, 0), n))[:TOP]
    actors = facts.actor_totals()
    acting = sorted(actors, key=lambda n: (-actors[n][0], -actors[n][1], n))[:TOP]
    combos, actor_cells = facts.pages({norm for name in shown for norm in norms_of.get(name, ())}, set(acting))
    # each combination with the canonical name of its program, in order of its first number
    prog_facts: dict[str, list] = defaultdict(list)
    org_facts: dict[str, list] = defaultdict(list)
    wanted_programs, wanted_actors = set(shown), set(acting)
    for f in combos:
        canonical = None if f[_PROGRAM] is None else mapping.get(f[_PROGRAM], f[_PROGRAM])
        if canonical in wanted_programs:
            prog_facts[canonical].append((canonical, f))
        if f[_ACTOR] in wanted_actors:
            org_facts[f[_ACTOR]].append((canonical, f))

    def top(names: Iterable[tuple[Any, int]]) -> list[tuple[Any, int]]:
        counts: Counter = Counter()
        for name, n in names:
            if name:
                counts[name] += n
        return counts.most_common(5)

    programs_out = []
    for name in shown:
        fs = prog_facts.get(name, [])
        programs_out.append({
            "name": name, "documents": len(prog_docs[name]), "variants": [v for v, _ in prog_variants[name].most_common()],
            "by_year_place": place_year(Counter(_cell(docs.get(d, {})) for d in prog_docs[name])),
            "numbers": _unit_rows(f for _, f in fs), "actors": top((f[_ACTOR], f[_MENTIONS]) for _, f in fs),
        })
    organizations = []
    for name in acting:
        fs = org_facts[name]
        organizations.append({
            "name": name, "documents": actors[name][0], "implied": sum(f[_IMPLIED] for _, f in fs),
            "by_year_place": place_year(actor_cells.get(name, Counter())), "numbers": _unit_rows(f for _, f in fs),
            "programs": top((canonical, f[_MENTIONS]) for canonical, f in fs),
        })
    return programs_out, organizations


# -- from a store, in SQL ------------------------------------------------------------------------


def store_stats(path: str | os.PathLike) -> dict[str, Any]:
    """The figures of :func:`corpus_stats` for a corpus store, counted by SQLite.

    ``corpus_stats(*wfltext.load(path))`` first makes every record a DataFrame row (every field
    decoded, lists built), which for millions of records takes minutes and gigabytes. Here the
    documents (one row each) are read as :func:`corpus_stats` reads them, and the records'
    counts come from the store's per-document summaries (:mod:`wfltext.summary`, written with the
    records); a store written before those were kept is counted in one grouped pass over its
    records (:data:`wfltext.summary.GROUPED_SQL`) and the records the link pages read. Either
    way the groups are added up exactly as :func:`corpus_stats` counts; the figures are the
    same (tests/test_views.py).
    """
    from ..store import Store

    with Store(path, create=False) as store:
        db = store.db
        docs, failed = _documents_of(store.documents())
        unique = {d for d, e in docs.items() if not e["duplicate_of"]}
        genre_of = {d: e["genre"] or NO_GENRE for d, e in docs.items()}
        year_of = {d: e["year"] for d, e in docs.items()}
        place_of = {d: e["place"] or NO_PLACE for d, e in docs.items()}

        per_doc_type: dict[tuple[str, str], int] = {}
        # (doc, kind, unit) -> [mentions, exact, approx, masked, ranges, bounded, sum, largest]
        numbers: dict[tuple[str, str, str], list] = {}
        # (doc, type, name, relative) -> mentions
        names: dict[tuple[str, str, str, bool], int] = {}
        summarized = summary.available(db)
        if summarized:
            # the unique documents, for SQLite to join the summaries with
            db.execute("CREATE TEMP TABLE IF NOT EXISTS unique_docs (id TEXT PRIMARY KEY)")
            db.execute("DELETE FROM temp.unique_docs")
            db.executemany("INSERT INTO temp.unique_docs VALUES (?)", [(d,) for d in unique])
            for doc, type_, count in _rows(db, "SELECT doc, type, records FROM summary_types"):
                per_doc_type[doc, type_] = per_doc_type.get((doc, type_), 0) + count
            for doc, type_, name, relative, count in _rows(db, "SELECT summary_names.* FROM summary_names JOIN temp.unique_docs ON id = doc"):
                names[doc, type_, name, bool(relative)] = count
            # the link pages: the documents' program names, in order, and their linked numbers
            programs = _rows(db, "SELECT doc, first, norm, mentions FROM summary_programs JOIN temp.unique_docs ON id = doc ORDER BY doc, first")
            facts: _Facts = _StoreFacts(db, docs)
            linked = any(n for (d, t), n in per_doc_type.items() if d in unique and t in ("number", "program", "organization"))
        else:
            summary.add_groups(db.execute(summary.GROUPED_SQL.format(where="")), per_doc_type, numbers, names, keep=unique.__contains__)
            rows = [r for r in store.records(types=["number", "program", "organization"]) if r["doc"] in unique]
            programs, fact_list = _link_groups(rows, docs)
            facts = _Facts(fact_list, docs)
            linked = bool(rows)

        by_type_all: Counter = Counter()
        by_type: Counter = Counter()
        by_type_genre: dict[str, Counter] = defaultdict(Counter)
        by_type_year: dict[Any, Counter] = defaultdict(Counter)
        orphans = 0
        for (doc, type_), count in per_doc_type.items():
            if type_ is None:
                continue
            by_type_all[type_] += count
            if doc not in docs:
                orphans += count
            elif doc in unique:
                by_type[type_] += count
                by_type_genre[genre_of[doc]][type_] += count
                by_type_year[NO_YEAR if year_of[doc] is None else year_of[doc]][type_] += count
        # (type, name, place key) -> {doc: mentions}; the place key is "" for a name counted
        # across places
        mentions: dict[tuple[str, str, str], dict[str, int]] = {}
        for (doc, type_, name, relative), count in names.items():
            per_doc = mentions.setdefault((type_, name, place_of[doc] if relative else ""), {})
            per_doc[doc] = per_doc.get(doc, 0) + count
        # in type order within a genre or year, as a pandas groupby gives them
        by_type_genre = defaultdict(Counter, {g: Counter(dict(sorted(by_type_genre[g].items()))) for g in sorted(by_type_genre)})
        by_type_year = defaultdict(Counter, {y: Counter(dict(sorted(c.items()))) for y, c in by_type_year.items()})
        tops, timeline, network = _names(mentions, year_of)
        if summarized:
            numbers_across, numbers_docs = _numbers_of_summaries(db)
        else:
            rows = [(d, k, u, *figures) for (d, k, u), figures in sorted(numbers.items())]
            numbers_across, numbers_docs = _numbers_of_rows(db, rows)
        pages = _link_pages(programs, facts, docs) if linked else ([], [])
    return _figures(docs, failed, unique, by_type_all, by_type, orphans, by_type_genre, by_type_year, tops, numbers_across,
                    numbers_docs, timeline, network, pages)


def _names(
    mentions: Mapping[tuple[str, str, str], dict[str, int]], year_of: Mapping[str, int | None]
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any], dict[str, Any]]:
    """Top names, the program timeline and the organization network from the mentions of each
    name in each unique document."""
    tops: dict[str, list[dict[str, Any]]] = {t: [] for t in summary.NAME_TYPES}
    for t in tops:
        groups = [(k, ds) for k, ds in mentions.items() if k[0] == t]
        ranked = sorted(groups, key=lambda kv: (-len(kv[1]), -sum(kv[1].values()), _label((kv[0][1], kv[0][2] or None))))
        for (_, name, place), ds in ranked[: TOP if t != "document" else 15]:
            years = sorted({int(year_of[d]) for d in ds if year_of.get(d) is not None})
            item: dict[str, Any] = {"name": name, "documents": len(ds), "mentions": sum(ds.values()), "years": years}
            if t == "organization":
                item["place"] = place or None
                item["label"] = _label((name, place or None))
            tops[t].append(item)

    timeline: dict[str, Any] = {"programs": [], "years": [], "cells": []}
    dated: dict[str, set] = defaultdict(set)
    for (t, name, _), ds in mentions.items():
        if t == "program":
            dated[name].update(d for d in ds if year_of.get(d) is not None)
    totals = sorted(((name, len(ds)) for name, ds in dated.items() if ds), key=lambda kv: (-kv[1], kv[0]))
    if totals:
        rows = [name for name, _ in totals[:TIMELINE_ROWS]]
        cells: Counter = Counter((p, int(year_of[d])) for p in rows for d in dated[p])  # type: ignore[arg-type]
        years_present = sorted({y for _, y in cells})
        timeline = {"programs": rows, "years": years_present, "cells": [[p, y, cells[(p, y)]] for p in rows for y in years_present if (p, y) in cells]}

    org_docs: dict[Any, set] = defaultdict(set)
    doc_keys: dict[str, set] = defaultdict(set)
    for (t, name, place), ds in mentions.items():
        if t == "organization":
            key = (name, place or None)
            org_docs[key].update(ds)
            for d in ds:
                doc_keys[d].add(key)
    network = _network(org_docs, doc_keys) if org_docs else {"nodes": [], "edges": []}
    return tops, timeline, network


def _numbers_of_rows(db: Any, rows: list[tuple]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """:func:`_numbers` from the number rows of :data:`summary.GROUPED_SQL` (one per unique document,
    kind and unit, in document order)."""
    if not rows:
        return [], []
    groups: dict[tuple[str, str], list[tuple]] = {}
    for row in rows:
        groups.setdefault((row[1], row[2]), []).append(row)
    across = []
    for (k, u), rs in groups.items():
        largest = None
        best = [r for r in rs if r[10] is not None]
        if best:
            top = max(r[10] for r in best)
            doc = min(r[0] for r in best if r[10] == top)  # the first in document order, as idxmax
            largest = {"text": _largest_text(db, doc, k, u, top), "doc": doc, "value": float(top)}
        across.append({
            "kind": k, "unit": u or None, "mentions": sum(r[3] for r in rs), "documents": len(rs),
            "exact": sum(r[4] for r in rs), "approx": sum(r[5] for r in rs), "masked": sum(r[6] for r in rs),
            "ranges": sum(r[7] for r in rs), "bounded": sum(r[8] for r in rs),
            "sum": float(sum(r[9] for r in rs)) if k in SUMMABLE_KINDS else None,
            "largest": largest,
        })
    across.sort(key=lambda r: (-r["mentions"], r["kind"], r["unit"] or ""))

    per: dict[str, list[int]] = {}
    kinds_of: dict[str, Counter] = defaultdict(Counter)
    units: dict[str, dict[str, list]] = defaultdict(dict)
    for doc, k, u, mentions, exact, approx, masked, *_rest in rows:
        p = per.setdefault(doc, [0, 0, 0, 0])
        p[0] += mentions
        p[1] += exact
        p[2] += approx
        p[3] += masked
        kinds_of[doc][k] += mentions
        if u and k != "date":
            entry = units[doc].setdefault(u, [0, 0.0, False])
            entry[0] += mentions
            entry[1] += _rest[2]
            entry[2] = entry[2] or k in SUMMABLE_KINDS
    ranked = sorted(per.items(), key=lambda kv: (-kv[1][0], kv[0]))
    out = []
    for doc, (m, e, a, mk) in ranked[:NUMBER_DOC_ROWS]:
        unit_rows = [{"unit": u, "mentions": n, "sum": float(total) if summable_ else None} for u, (n, total, summable_) in units[doc].items()]
        top_units = sorted(unit_rows, key=lambda x: (-x["mentions"], x["unit"]))[:4]
        out.append({"doc": doc, "mentions": m, "exact": e, "approx": a, "masked": mk, "kinds": kinds_of[doc], "units": top_units, "of": len(per)})
    return across, out


def _numbers_of_summaries(db: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """:func:`_numbers_of_rows` of the store's summaries (``summary_numbers``) of the documents in
    ``temp.unique_docs``, added up by SQLite; only the documents shown are read row by row."""
    frm = "FROM summary_numbers JOIN temp.unique_docs ON id = doc"
    groups = _rows(db, "SELECT kind, unit, sum(mentions), count(*), sum(exact), sum(approx), sum(masked), sum(ranges), sum(bounded),"
                   f" total(total), max(largest) {frm} GROUP BY kind, unit")
    if not groups:
        return [], []
    db.execute("CREATE TEMP TABLE IF NOT EXISTS number_tops (kind, unit, top)")
    db.execute("DELETE FROM temp.number_tops")
    db.executemany("INSERT INTO temp.number_tops VALUES (?, ?, ?)", [(g[0], g[1], g[10]) for g in groups if g[10] is not None])
    # the first document (in document order) holding the largest exact value of each kind and unit
    first = {(k, u): doc for k, u, doc in _rows(db,
        f"SELECT s.kind, s.unit, min(doc) {frm.replace('summary_numbers', 'summary_numbers s')}"
        " JOIN temp.number_tops t ON t.kind = s.kind AND t.unit = s.unit AND s.largest = t.top GROUP BY s.kind, s.unit")}
    across = []
    for k, u, mentions, documents, exact, approx, masked, ranges, bounded, total, top in groups:
        largest = None
        if top is not None:
            doc = first[k, u]
            largest = {"text": _largest_text(db, doc, k, u, top), "doc": doc, "value": float(top)}
        across.append({
            "kind": k, "unit": u or None, "mentions": mentions, "documents": documents, "exact": exact, "approx": approx,
            "masked": masked, "ranges": ranges, "bounded": bounded, "sum": float(total) if k in SUMMABLE_KINDS else None,
            "largest": largest,
        })
    across.sort(key=lambda r: (-r["mentions"], r["kind"], r["unit"] or ""))

    per = _rows(db, f"SELECT doc, sum(mentions), sum(exact), sum(approx), sum(masked) {frm} GROUP BY doc")
    ranked = sorted(per, key=lambda r: (-r[1], r[0]))
    out = []
    for doc, m, e, a, mk in ranked[:NUMBER_DOC_ROWS]:
        kinds: Counter = Counter()
        units: dict[str, list] = {}
        for k, u, mentions, total in _rows(db, "SELECT kind, unit, mentions, total FROM summary_numbers WHERE doc = ? ORDER BY kind, unit", (doc,)):
            kinds[k] += mentions
            if u and k != "date":
                entry = units.setdefault(u, [0, 0.0, False])
                entry[0] += mentions
                entry[1] += total
                entry[2] = entry[2] or k in SUMMABLE_KINDS
        unit_rows = [{"unit": u, "mentions": n, "sum": float(total) if summable_ else None} for u, (n, total, summable_) in units.items()]
        top_units = sorted(unit_rows, key=lambda x: (-x["mentions"], x["unit"]))[:4]
        out.append({"doc": doc, "mentions": m, "exact": e, "approx": a, "masked": mk, "kinds": kinds, "units": top_units, "of": len(per)})
    return across, out


def _largest_text(db: Any, doc: str, kind: str, unit: str, value: float) -> str:
    """The text of the first exact number of ``kind`` and ``unit`` with ``value`` in ``doc``."""
    rows = db.execute(
        "SELECT text, kind, unit, masked, approx, range, bound FROM records"
        " WHERE doc = ? AND type = 'number' AND value = ? AND typeof(value) IN ('integer', 'real') ORDER BY seq",
        (doc, value),
    )
    for text, k, u, masked, approx, rng, bound in rows:
        if ((summary.clean(k) or "other") == kind and (summary.clean(u) or "") == unit and masked != 1 and approx != 1
                and not summary.is_range(rng) and summary.clean(bound) is None):
            return str(text)
    return ""


def _types(counter: Mapping[str, int]) -> list[str]:
    known = record_types()
    return [t for t in known if t in counter] + sorted(t for t in counter if t not in known)


def _year_order(y: Any) -> tuple[int, int]:
    return (1, 0) if y == NO_YEAR else (0, int(y))


def _numbers(nums: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Number mentions by (kind, unit) across documents, and per document (most numbers first)."""
    import pandas as pd

    if not len(nums):
        return [], []
    kind = _text(_column(nums, "kind")).fillna("other")
    unit = _text(_column(nums, "unit"))
    value = pd.to_numeric(_column(nums, "value"), errors="coerce")
    masked = _flag(_column(nums, "masked"))
    approx = _flag(_column(nums, "approx"))
    is_range = _column(nums, "range").map(lambda v: isinstance(v, (list, tuple)) and len(v) > 0).astype(bool)
    bounded = _text(_column(nums, "bound")).notna()
    exact = value.notna() & ~masked & ~approx & ~is_range & ~bounded
    f = pd.DataFrame({
        "doc": nums["doc"], "kind": kind, "unit": unit.fillna(""), "exact": exact, "approx": approx, "masked": masked,
        "ranges": is_range, "bounded": bounded, "add": value.where(exact & kind.isin(SUMMABLE_KINDS), 0.0).fillna(0.0),
        "value": value, "text": _column(nums, "text"),
    })
    # the largest exact mention of each kind and unit, so a surprising sum can be traced
    exacts = f[exact & kind.isin(SUMMABLE_KINDS)]
    largest = {}
    if len(exacts):
        for (k, u), i in exacts.groupby(["kind", "unit"], sort=False)["value"].idxmax().items():
            largest[(k, u)] = {"text": str(exacts.at[i, "text"]), "doc": str(exacts.at[i, "doc"]), "value": float(exacts.at[i, "value"])}
    across = []
    grouped = f.groupby(["kind", "unit"], sort=False).agg(
        mentions=("doc", "size"), docs=("doc", "nunique"), exact=("exact", "sum"), approx=("approx", "sum"),
        masked=("masked", "sum"), ranges=("ranges", "sum"), bounded=("bounded", "sum"), sum=("add", "sum"),
    )
    for (k, u), row in grouped.iterrows():
        across.append({
            "kind": k, "unit": u or None, "mentions": int(row["mentions"]), "documents": int(row["docs"]),
            "exact": int(row["exact"]), "approx": int(row["approx"]), "masked": int(row["masked"]),
            "ranges": int(row["ranges"]), "bounded": int(row["bounded"]),
            "sum": float(row["sum"]) if k in SUMMABLE_KINDS else None,
            "largest": largest.get((k, u)),
        })
    across.sort(key=lambda r: (-r["mentions"], r["kind"], r["unit"] or ""))

    per = f.groupby("doc", sort=False).agg(mentions=("doc", "size"), exact=("exact", "sum"), approx=("approx", "sum"), masked=("masked", "sum"))
    per = per.reset_index().sort_values(["mentions", "doc"], ascending=[False, True])
    total_docs = len(per)
    per = per.head(NUMBER_DOC_ROWS)
    g = f[f["doc"].isin(set(per["doc"]))]
    kinds_of: dict[str, Counter] = defaultdict(Counter)
    for (d, k), c in g.groupby(["doc", "kind"]).size().items():
        kinds_of[d][k] = int(c)
    units_of: dict[str, list] = defaultdict(list)
    dated = g[(g["unit"] != "") & (g["kind"] != "date")].assign(summable=lambda x: x["kind"].isin(SUMMABLE_KINDS))
    for (d, u), row in dated.groupby(["doc", "unit"]).agg(mentions=("doc", "size"), sum=("add", "sum"), summable=("summable", "any")).iterrows():
        units_of[d].append({"unit": u, "mentions": int(row["mentions"]), "sum": float(row["sum"]) if row["summable"] else None})
    out = []
    for d, m, e, a, mk in zip(per["doc"], per["mentions"], per["exact"], per["approx"], per["masked"]):
        top_units = sorted(units_of[d], key=lambda u: (-u["mentions"], u["unit"]))[:4]
        out.append({"doc": d, "mentions": int(m), "exact": int(e), "approx": int(a), "masked": int(mk), "kinds": kinds_of[d],
                    "units": top_units, "of": total_docs})
    return across, out


def _network(org_docs: Mapping[Any, set], doc_keys: Mapping[str, set]) -> dict[str, Any]:
    """The organizations in most documents, and how many documents each pair shares."""
    ranked = sorted(org_docs.items(), key=lambda kv: (-len(kv[1]), _label(kv[0])))
    chosen = [k for k, ids in ranked if len(ids) >= 1][:NETWORK_NODES]
    index = {k: i for i, k in enumerate(chosen)}
    pairs: Counter = Counter()
    for keys in doc_keys.values():
        present = sorted(index[k] for k in keys if k in index)
        for a, b in itertools.combinations(present, 2):
            pairs[(a, b)] += 1
    edges = sorted(((a, b, w) for (a, b), w in pairs.items()), key=lambda e: (-e[2], e[0], e[1]))[:NETWORK_EDGES]
    linked = sorted({i for a, b, _ in edges for i in (a, b)})
    # around the circle: by place, then by weight, so a place's bodies sit together
    order = sorted(linked, key=lambda i: (chosen[i][1] or "", -len(org_docs[chosen[i]]), _label(chosen[i])))
    new = {old: k for k, old in enumerate(order)}
    nodes = [{"label": chosen[i][0], "place": chosen[i][1], "group": chosen[i][1] or "", "weight": len(org_docs[chosen[i]])} for i in order]
    return {"nodes": nodes, "edges": [[new[a], new[b], w] for a, b, w in edges]}


# -- rendering -----------------------------------------------------------------------------------


def _card(label: str, value: Any, note: str = "") -> str:
    return f'<div class="card"><div class="v">{esc(value)}</div><div class="k">{esc(label)}</div>{f"<div class=note>{esc(note)}</div>" if note else ""}</div>'


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], cls: str = "") -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<div class="tablewrap"><table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _top_table(items: list[dict[str, Any]], kind: str) -> str:
    if not items:
        return '<p class="muted">None found.</p>'
    vmax = max(i["documents"] for i in items)
    colour = charts.TYPE_COLOURS.get(kind, charts.PALETTE[0])
    rows = []
    for k, it in enumerate(items, 1):
        name = esc(it["name"])
        place = f'<span class="place">{esc(it["place"])}</span>' if it.get("place") else ""
        years = it["years"]
        span = "" if not years else (str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}")
        rows.append(
            [f'<span class="muted">{k}</span>', f"{name}{place}", f'{charts.inline_bar(it["documents"], vmax, colour=colour)} <b>{it["documents"]}</b>',
             f'<span class="num">{it["mentions"]}</span>', esc(span)]
        )
    return _table(["#", "名称 name", "文档 documents", "提及 mentions", "年份 years"], rows, "top")


def _numbers_across(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return '<p class="muted">No number records in this corpus.</p>'
    out = []
    for r in rows[:60]:
        out.append(
            [
                esc(r["kind"]),
                esc(r["unit"] or "—"),
                f'<span class="num">{r["mentions"]:,}</span>',
                f'<span class="num">{r["documents"]:,}</span>',
                f'<span class="num">{r["exact"]:,}</span>',
                f'<span class="num">{r["approx"]:,}</span>',
                f'<span class="num">{r["masked"]:,}</span>',
                f'<span class="num">{r["ranges"] + r["bounded"]:,}</span>',
                (f'<span class="num" title="{esc(r["sum"])}">{esc(charts.fmt_number(r["sum"]))}</span>'
                 if r["sum"] is not None else '<span class="muted">—</span>'),
                f'{esc(r["largest"]["text"])}<div class="muted small">{esc(r["largest"]["doc"])}</div>' if r.get("largest") else '<span class="muted">—</span>',
            ]
        )
    more = f'<p class="muted">{len(rows) - 60} rarer kind/unit pairs not shown.</p>' if len(rows) > 60 else ""
    return _table(
        ["类型 kind", "单位 unit", "提及 mentions", "文档 documents", "确数 exact", "约数 approx", "遮蔽 masked",
         "范围/界限 range/bound", "确数之和 sum of exact mentions", "最大 largest"],
        out,
        "numbers",
    ) + more


def _numbers_docs(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    out = []
    for r in rows[:NUMBER_DOC_ROWS]:
        units = "；".join(
            f'{esc(u["unit"])} ×{u["mentions"]}' + (f' Σ {esc(charts.fmt_number(u["sum"]))}' if u["sum"] else "") for u in r["units"]
        )
        kinds = "、".join(f"{esc(k)} {c}" for k, c in r["kinds"].most_common())
        out.append(
            [esc(r["title"] or r["doc"]) + f'<div class="muted small">{esc(r["doc"])}</div>', esc(r["year"] or ""), f'<span class="num">{r["mentions"]}</span>',
             f'<span class="num">{r["exact"]}</span>', f'<span class="num">{r["approx"]}</span>', f'<span class="num">{r["masked"]}</span>', kinds, units]
        )
    total = rows[0].get("of", len(rows))
    more = f'<p class="muted">The {NUMBER_DOC_ROWS} documents with most numbers are shown, of {total:,}.</p>' if total > NUMBER_DOC_ROWS else ""
    return (
        "<details><summary>每篇文档的数字 Numbers per document</summary>"
        + _table(["文档 document", "年 year", "提及 mentions", "确数 exact", "约数 approx", "遮蔽 masked", "类型 kinds",
                  "主要单位 main units (Σ = sum of exact mentions)"], out, "numdocs")
        + more
        + "</details>"
    )


def _link_page(item: Mapping[str, Any], kind: str) -> str:
    yp = item["by_year_place"]
    cells = {(y, p): c for y, p, c in yp["cells"]}
    grid = _table(["地方 place"] + [esc(y) for y in yp["years"]],
                  ([esc(p)] + [str(cells.get((y, p), "")) for y in yp["years"]] for p in yp["places"]), "grid")
    nums = item["numbers"]
    if nums:
        num_table = _table(
            ["单位 unit", "类别 kind", "提及 mentions", "可加 exact", "合计 sum of exact mentions"],
            ([esc(n["unit"] or "—"), esc(n["kind"]), str(n["mentions"]), str(n["exact"]),
              f'<span class="num">{charts.fmt_number(n["sum"])}</span>' if n["exact"] else "—"] for n in nums),
            "numbers",
        )
    else:
        num_table = '<p class="muted">No numbers linked.</p>'
    if kind == "program":
        extra = ""
        if len(item["variants"]) > 1:
            extra += f'<p class="note">Written as: {esc("、".join(item["variants"][:8]))}</p>'
        if item["actors"]:
            extra += f'<p class="note">Run by: {esc("、".join(f"{a} ({c})" for a, c in item["actors"]))}</p>'
        summary = f'{esc(item["name"])} <span class="muted">· {item["documents"]} reports · {sum(n["mentions"] for n in nums)} numbers</span>'
    else:
        extra = f'<p class="note">{item["implied"]} of its numbers are implied (the report\'s issuing body, no subject in the sentence).</p>'
        if item["programs"]:
            extra += f'<p class="note">Programs: {esc("、".join(f"{a} ({c})" for a, c in item["programs"]))}</p>'
        summary = f'{esc(item["name"])} <span class="muted">· {item["documents"]} reports · {sum(n["mentions"] for n in nums)} numbers</span>'
    return (f'<details class="linkpage"><summary>{summary}</summary>{extra}'
            f'<h4>报告：年份 × 地方 Reports by year and place</h4>{grid}'
            f'<h4>数字 Numbers linked, by unit</h4>{num_table}</details>')


def _link_pages_html(stats: Mapping[str, Any]) -> str:
    progs = stats.get("program_pages") or []
    orgs = stats.get("organization_pages") or []
    note = ('<p class="note">Numbers are linked to the program they count or fund and to the body that did it '
            "(wfltext.links). Sums add exact count, money, measure and duration mentions of one unit only — "
            "never across units — and are sums of mentions, not totals.</p>")
    p_html = "".join(_link_page(it, "program") for it in progs) or '<p class="muted">No programs.</p>'
    o_html = "".join(_link_page(it, "organization") for it in orgs) or '<p class="muted">No linked organizations.</p>'
    return f'{note}<h3>项目 Programs</h3>{p_html}<h3>组织 Organizations (as actors)</h3>{o_html}'


def _genre_year_table(data: Mapping[str, Mapping[str, int]], years: list[str]) -> str:
    rows = []
    for g, cnt in sorted(data.items(), key=lambda kv: -sum(kv[1].values())):
        rows.append([esc(g)] + [f'<span class="num">{cnt.get(y, "") or ""}</span>' for y in years] + [f'<b class="num">{sum(cnt.values())}</b>'])
    return _table(["体裁 genre"] + [esc(y) for y in years] + ["合计 all"], rows, "genreyear")


def _failed(items: list[dict[str, Any]]) -> str:
    if not items:
        return '<p class="ok">Every file was read and analyzed.</p>'
    rows = [[esc(f["path"]), f'<code>{esc(f["code"])}</code>', esc(f["message"])] for f in items]
    return _table(["文件 file", "代码 code", "原因 reason"], rows, "failed")


def _documents(items: list[dict[str, Any]]) -> str:
    rows = []
    for d in items[:DOC_ROWS]:
        dup = f'<span class="dup">≈ {esc(d["duplicate_of"])}</span>' if d["duplicate_of"] else ""
        rows.append(
            [esc(d["id"]), esc(d["title"] or "") + dup, esc(d["place"] or ""), esc(d["genre"] or ""), esc(d["year"] or ""),
             f'<span class="num">{d["records"]:,}</span>', f'<span class="num">{(d["chars"] or 0):,}</span>']
        )
    more = f'<p class="muted">The first {DOC_ROWS} of {len(items):,} documents (by id) are listed.</p>' if len(items) > DOC_ROWS else ""
    return _table(["文档 id", "标题 title", "地方 place", "体裁 genre", "年 year", "记录 records", "字数 chars"], rows, "docs") + more


def render_stats(stats: Mapping[str, Any], *, title: str = "wfltext corpus", source: str = "") -> str:
    """The dashboard page for figures made by :func:`corpus_stats`."""
    ov = stats["overview"]
    cards = "".join(
        [
            _card("文档 documents", f'{ov["documents"]:,}', f'{ov["unique_documents"]:,} after near-duplicates'),
            _card("近似重复 near-duplicates", f'{ov["duplicates"]:,}', "left out of record figures"),
            _card("失败 failed files", f'{ov["failed"]:,}'),
            _card("记录 records", f'{ov["records_unique"]:,}', f'{ov["records"]:,} with duplicates'),
            _card("字数 characters", charts.fmt_number(ov["chars"])),
        ]
    )
    type_labels = labels()
    type_items = [(type_labels.get(t, t), v) for t, v in stats["records_by_type"].items()]
    type_colours = {type_labels.get(t, t): charts.TYPE_COLOURS.get(t, "#999") for t in stats["records_by_type"]}
    by_type = charts.bar_chart(type_items, title="Records by type", colours=type_colours, width=460)
    years = list(stats["records_by_type_year"])
    types = [t for t in record_types() if any(t in c for c in stats["records_by_type_year"].values())]
    year_chart = charts.column_chart(
        years,
        {type_labels.get(t, t): [stats["records_by_type_year"][y].get(t, 0) for y in years] for t in types},
        title="Records by report year and type",
        colours={type_labels.get(t, t): charts.TYPE_COLOURS.get(t, "#999") for t in types},
    )
    genres = list(stats["records_by_type_genre"])
    genre_chart = charts.bar_chart(
        [(g, sum(c.values())) for g, c in stats["records_by_type_genre"].items()], title="Records by genre", width=460
    ) if genres else ""
    doc_years = list(stats["documents_by_year"])
    doc_year_chart = charts.column_chart(
        doc_years, {"documents": [stats["documents_by_year"][y] for y in doc_years]}, title="Documents by report year", height=200
    )
    tl = stats["timeline"]
    timeline_svg = charts.timeline(tl["programs"], tl["years"], {(p, y): c for p, y, c in tl["cells"]}, title="Programs by report year")
    net = stats["network"]
    network_svg = charts.network(
        net["nodes"], [tuple(e) for e in net["edges"]], title="Organizations named in the same documents",
        group_labels={"": "不分地方 named across places"} | {n["group"]: f"{n['group']}（按地方 per place）" for n in net["nodes"] if n["group"]},
    )
    all_years = sorted({y for c in stats["documents_by_genre_year"].values() for y in c}, key=_year_order)

    sections = [
        ('overview', "概况 Overview", f'<div class="cards">{cards}</div>'
         '<p class="note">Record figures below leave out near-duplicate documents (a report republished elsewhere counts once). '
         "Names are ranked by the number of documents that mention them.</p>"),
        ("types", "记录类型、体裁与年份 Records by type, genre and year",
         f'<div class="grid2"><figure>{by_type}<figcaption>Records by type</figcaption></figure>'
         f'<figure>{genre_chart}<figcaption>Records by genre</figcaption></figure></div>'
         f'<figure class="wide">{year_chart}<figcaption>Records by report year, stacked by type</figcaption></figure>'
         f'<figure class="wide">{doc_year_chart}<figcaption>Documents by report year</figcaption></figure>'
         f'<h3>文档：体裁 × 年份 Documents by genre and year</h3>{_genre_year_table(stats["documents_by_genre_year"], all_years)}'),
        ("programs", "最常见的项目 Most frequent programs", _top_table(stats["top_programs"], "program")),
        ("organizations", "最常见的组织 Most frequent organizations",
         '<p class="note">A body named relative to a place (县妇联, 市政府) is counted per document place, shown after the name.</p>'
         + _top_table(stats["top_organizations"], "organization")),
        ("slogans", "最常见的提法 Most frequent slogans", _top_table(stats["top_slogans"], "slogan")),
        ("links", "项目与组织 Programs and organizations: who did what, how much", _link_pages_html(stats)),
        ("numbers", "数字 Numbers by kind and unit",
         '<p class="note">Masked (201*) and approximate (余, 约, 近) mentions are counted apart from exact ones. '
         "The last column adds the exact values of count, money, measure and duration mentions: a <b>sum of mentions</b>, "
         "not a total — reports repeat figures and count overlapping groups.</p>"
         + _numbers_across(stats["numbers_across"]) + _numbers_docs(stats["numbers_documents"])),
        ("timeline", "项目时间线 Programs by report year",
         f'<p class="note">The {len(tl["programs"])} programs in most dated documents; '
         "a bubble is the number of documents of that year that name the program.</p>"
         f'<figure class="wide scroll">{timeline_svg}</figure>'),
        ("network", "组织共现网络 Organizations named together",
         f'<p class="note">The {len(net["nodes"])} most frequent organizations that share a document with another; '
         "a chord joins two named in the same documents, "
         "its width the number of such documents. Hover or focus a node to see its links.</p>"
         f'<figure class="wide center">{network_svg}</figure>'),
        ("failed", f'失败的文件 Failed files ({ov["failed"]})', _failed(stats["failed"])),
    ]
    if stats.get("key_sentences"):
        sections.append((
            "key", "要点 Key sentences",
            f'<p class="note">The {KEY_SENTENCES} key sentences (TextRank, see the document view) of the '
            f'{len(stats["key_sentences"])} documents with the most records.</p>' + _key_docs(stats["key_sentences"]),
        ))
    sections += [
        ("documents", f'文档 Documents ({ov["documents"]:,})', f'<details><summary>List the documents</summary>{_documents(stats["documents"])}</details>'),
    ]
    nav = "".join(f'<a href="#{sid}">{esc(h.split(" ")[0])}</a>' for sid, h, _ in sections)
    body_sections = "".join(f'<section id="{sid}"><h2>{esc(h)}</h2>{html}</section>' for sid, h, html in sections)
    stamp = time.strftime("%Y-%m-%d %H:%M")
    body = (
        f'<header class="top"><div class="inner"><h1>{esc(title)}</h1><p class="muted">{esc(source)} · made {esc(stamp)} by wfltext</p>'
        f'<nav aria-label="sections">{nav}</nav></div></header><main class="dash">{body_sections}</main>'
    )
    payload = {"network": {"edges": net["edges"], "count": len(net["nodes"])}}
    return page(title, body, css=("common.css", "dashboard.css"), js=("dashboard.js",), data=json_script(payload, "wfl-data"))


#: key sentences are shown for this many documents by default (those with the most records)
KEY_DOCS = 10
KEY_SENTENCES = 3


def key_sentences_of(db: str | os.PathLike, documents: list[Mapping[str, Any]], limit: int = KEY_DOCS,
                     n: int = KEY_SENTENCES, root: str | None = None) -> list[dict[str, Any]]:
    """Key sentences of the ``limit`` documents of a corpus store with the most records (not
    near-duplicates), each read again from the file the run analyzed (as ``wfltext show --db``
    does); a document whose file is gone or changed past reading is left out."""
    from ..errors import WfltextError
    from .stored import from_store

    ranked = sorted((d for d in documents if not d.get("duplicate_of")), key=lambda d: (-(d.get("records") or 0), d["id"]))
    out = []
    for d in ranked[:limit]:
        try:
            data = from_store(db, d["id"], root, key_sentences=n)
        except (WfltextError, OSError):
            continue
        out.append({"id": d["id"], "title": d.get("title"), "sentences": [k["text"] for k in data["key_sentences"]]})
    return out


def _key_docs(items: list[Mapping[str, Any]]) -> str:
    parts = []
    for d in items:
        lis = "".join(f"<li>{esc(s)}</li>" for s in d["sentences"])
        parts.append(f'<h3>{esc(d["title"] or d["id"])} <span class="muted">{esc(d["id"])}</span></h3><ol>{lis}</ol>')
    return f'<div class="key-docs">{"".join(parts)}</div>'


def render_dashboard(db: str | os.PathLike | tuple[Any, Any], *, title: str | None = None,
                     key_docs: int = KEY_DOCS, root: str | None = None) -> str:
    """The dashboard page of a corpus store (a path for :func:`wfltext.store.load`) or of
    ``(records, documents)`` DataFrames. For an SQLite store, the key sentences of the
    ``key_docs`` documents with the most records are shown too (read again from their files;
    ``root`` when the corpus folder moved; 0 for none)."""
    if isinstance(db, tuple):
        records, documents = db
        source = ""
    else:
        source = os.fspath(db)
        if os.path.isfile(source):
            stats = store_stats(source)  # a store: counted in SQL
            if key_docs > 0:
                stats["key_sentences"] = key_sentences_of(source, stats["documents"], key_docs, root=root)
        else:
            from ..store import load

            stats = corpus_stats(*load(db))
        name = title or f"语料概览 Corpus · {os.path.basename(source)}"
        return render_stats(stats, title=name, source=source)
    stats = corpus_stats(records, documents)
    if source and key_docs > 0 and os.path.isfile(source):
        stats["key_sentences"] = key_sentences_of(source, stats["documents"], key_docs, root=root)
    name = title or (f"语料概览 Corpus · {os.path.basename(source)}" if source else "语料概览 Corpus")
    return render_stats(stats, title=name, source=source)


__all__ = ["corpus_stats", "store_stats", "render_stats", "render_dashboard", "key_sentences_of", "org_key", "SUMMABLE_KINDS"]
