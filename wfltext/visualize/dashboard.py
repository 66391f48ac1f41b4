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

from ..records import RECORD_TYPES
from . import charts
from .document import TYPE_LABELS
from .page import esc, json_script, page

NO_PLACE = "（地方不明）"
NO_GENRE = "（体裁不明）"
NO_YEAR = "不明"
#: number kinds whose exact values may be added up (a sum of percentages or dates means nothing)
SUMMABLE_KINDS = frozenset({"count", "money", "measure", "duration"})
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


def corpus_stats(records: Any, documents: Any) -> dict[str, Any]:
    """Every figure of the dashboard, as plain data, from the two DataFrames of
    :func:`wfltext.store.load` (or anything with the same columns)."""
    docs: dict[str, dict[str, Any]] = {}
    failed = []
    for row in documents.to_dict("records"):
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
            failed.append({"path": entry["path"], "id": entry["id"], "code": _s(row.get("error_code")) or "error", "message": _s(row.get("error_message")) or ""})
        else:
            docs[entry["id"]] = entry
    unique = {d for d, e in docs.items() if not e["duplicate_of"]}

    cols = set(records.columns)
    want = [c for c in ("doc", "type", "norm", "level", "value", "unit", "kind", "approx", "masked", "range", "bound") if c in cols]
    rec = records[want]
    by_type_all: Counter = Counter()
    by_type: Counter = Counter()
    by_type_genre: dict[str, Counter] = defaultdict(Counter)
    by_type_year: dict[Any, Counter] = defaultdict(Counter)
    name_docs: dict[str, dict[Any, set]] = {t: defaultdict(set) for t in ("program", "organization", "slogan", "document")}
    name_mentions: dict[str, Counter] = {t: Counter() for t in name_docs}
    org_doc_keys: dict[str, set] = defaultdict(set)
    program_years: dict[str, Counter] = defaultdict(Counter)
    num_across: dict[tuple, dict[str, Any]] = {}
    num_docs: dict[str, dict[str, Any]] = {}
    orphans = 0

    columns = {c: rec[c].tolist() for c in want}
    n = len(rec)
    get = {c: columns[c] for c in want}
    none = [None] * n
    for c in ("norm", "level", "value", "unit", "kind", "approx", "masked", "range", "bound"):
        get.setdefault(c, none)
    for i in range(n):
        doc_id = get["doc"][i]
        t = get["type"][i]
        by_type_all[t] += 1
        if doc_id not in docs:
            orphans += 1
            continue
        if doc_id not in unique:
            continue
        d = docs[doc_id]
        by_type[t] += 1
        by_type_genre[d["genre"] or NO_GENRE][t] += 1
        by_type_year[d["year"] if d["year"] is not None else NO_YEAR][t] += 1
        norm = _s(get["norm"][i])
        if t in name_docs and norm:
            key: Any = norm
            if t == "organization":
                key = org_key(norm, _s(get["level"][i]), d["place"])
                org_doc_keys[doc_id].add(key)
            name_docs[t][key].add(doc_id)
            name_mentions[t][key] += 1
        if t == "number":
            _count_number(num_across, num_docs, doc_id, get, i)

    # programs by year: documents per (program, year)
    for norm, doc_ids in name_docs["program"].items():
        for doc_id in doc_ids:
            y = docs[doc_id]["year"]
            if y is not None:
                program_years[norm][y] += 1

    def top(t: str, k: int = TOP) -> list[dict[str, Any]]:
        ranked = sorted(name_docs[t].items(), key=lambda kv: (-len(kv[1]), -name_mentions[t][kv[0]], str(kv[0])))
        out = []
        for key, ids in ranked[:k]:
            years = sorted({docs[d]["year"] for d in ids if docs[d]["year"] is not None})
            item = {"name": key if isinstance(key, str) else key[0], "documents": len(ids), "mentions": name_mentions[t][key], "years": years}
            if t == "organization":
                item["place"] = key[1]
                item["label"] = _label(key)
            out.append(item)
        return out

    # timeline: the programs in most documents that have a year
    ranked_programs = sorted(program_years.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    timeline_rows = [p for p, c in ranked_programs if sum(c.values())][:TIMELINE_ROWS]
    timeline_years = sorted({y for p in timeline_rows for y in program_years[p]})
    timeline = {
        "programs": timeline_rows,
        "years": timeline_years,
        "cells": [[p, y, program_years[p][y]] for p in timeline_rows for y in timeline_years if program_years[p][y]],
    }

    network = _network(name_docs["organization"], org_doc_keys)

    genres = Counter(d["genre"] or NO_GENRE for d in docs.values())
    years = Counter(d["year"] if d["year"] is not None else NO_YEAR for d in docs.values())
    genre_year: dict[str, Counter] = defaultdict(Counter)
    for d in docs.values():
        genre_year[d["genre"] or NO_GENRE][d["year"] if d["year"] is not None else NO_YEAR] += 1

    numbers_across = sorted(num_across.values(), key=lambda r: (-r["mentions"], r["kind"] or "", r["unit"] or ""))
    numbers_docs = sorted(num_docs.values(), key=lambda r: (-r["mentions"], r["doc"]))
    for r in numbers_docs:
        units = sorted(r.pop("units").items(), key=lambda kv: (-kv[1]["mentions"], kv[0]))
        r["units"] = [{"unit": u, **v} for u, v in units[:4]]
        title = docs[r["doc"]]
        r["title"], r["year"], r["place"] = title["title"], title["year"], title["place"]

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
        "records_by_type": {t: by_type.get(t, 0) for t in _types(by_type)},
        "records_by_type_all": {t: by_type_all.get(t, 0) for t in _types(by_type_all)},
        "records_by_type_genre": {g: dict(c) for g, c in sorted(by_type_genre.items(), key=lambda kv: -sum(kv[1].values()))},
        "records_by_type_year": {str(y): dict(c) for y, c in sorted(by_type_year.items(), key=lambda kv: _year_order(kv[0]))},
        "documents_by_genre": dict(genres.most_common()),
        "documents_by_year": {str(y): c for y, c in sorted(years.items(), key=lambda kv: _year_order(kv[0]))},
        "documents_by_genre_year": {g: {str(y): c for y, c in sorted(cnt.items(), key=lambda kv: _year_order(kv[0]))} for g, cnt in genre_year.items()},
        "top_programs": top("program"),
        "top_organizations": top("organization"),
        "top_slogans": top("slogan"),
        "top_documents": top("document", 15),
        "numbers_across": numbers_across,
        "numbers_documents": numbers_docs,
        "timeline": timeline,
        "network": network,
        "failed": sorted(failed, key=lambda f: f["path"]),
        "documents": sorted(docs.values(), key=lambda d: d["id"]),
    }


def _types(counter: Mapping[str, int]) -> list[str]:
    return [t for t in RECORD_TYPES if t in counter] + sorted(t for t in counter if t not in RECORD_TYPES)


def _year_order(y: Any) -> tuple[int, int]:
    return (1, 0) if y == NO_YEAR else (0, int(y))


def _count_number(across: dict, per_doc: dict, doc_id: str, get: Mapping[str, list], i: int) -> None:
    kind = _s(get["kind"][i]) or "other"
    unit = _s(get["unit"][i])
    value = _float(get["value"][i])
    masked = _bool(get["masked"][i])
    approx = _bool(get["approx"][i])
    rng = get["range"][i]
    is_range = rng is not None and not (isinstance(rng, float)) and len(rng) > 0
    bound = _s(get["bound"][i])
    exact = value is not None and not masked and not approx and not is_range and bound is None
    row = across.setdefault(
        (kind, unit),
        {"kind": kind, "unit": unit, "mentions": 0, "docs": set(), "exact": 0, "approx": 0, "masked": 0, "ranges": 0, "bounded": 0, "sum": 0.0 if kind in SUMMABLE_KINDS else None},
    )
    row["mentions"] += 1
    row["docs"].add(doc_id)
    row["exact"] += exact
    row["approx"] += approx
    row["masked"] += masked
    row["ranges"] += is_range
    row["bounded"] += bound is not None
    if exact and row["sum"] is not None:
        row["sum"] += value  # type: ignore[operator]
    d = per_doc.setdefault(doc_id, {"doc": doc_id, "mentions": 0, "exact": 0, "approx": 0, "masked": 0, "kinds": Counter(), "units": {}})
    d["mentions"] += 1
    d["exact"] += exact
    d["approx"] += approx
    d["masked"] += masked
    d["kinds"][kind] += 1
    if unit and kind != "date":
        u = d["units"].setdefault(unit, {"mentions": 0, "sum": 0.0 if kind in SUMMABLE_KINDS else None, "kind": kind})
        u["mentions"] += 1
        if exact and u["sum"] is not None:
            u["sum"] += value


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
                f'<span class="num">{len(r["docs"]):,}</span>',
                f'<span class="num">{r["exact"]:,}</span>',
                f'<span class="num">{r["approx"]:,}</span>',
                f'<span class="num">{r["masked"]:,}</span>',
                f'<span class="num">{r["ranges"] + r["bounded"]:,}</span>',
                f'<span class="num" title="{esc(r["sum"])}">{esc(charts.fmt_number(r["sum"]))}</span>' if r["sum"] is not None else '<span class="muted">—</span>',
            ]
        )
    more = f'<p class="muted">{len(rows) - 60} rarer kind/unit pairs not shown.</p>' if len(rows) > 60 else ""
    return _table(
        ["类型 kind", "单位 unit", "提及 mentions", "文档 documents", "确数 exact", "约数 approx", "遮蔽 masked", "范围/界限 range/bound", "确数之和 sum of exact mentions"],
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
    more = f'<p class="muted">The {NUMBER_DOC_ROWS} documents with most numbers are shown, of {len(rows):,}.</p>' if len(rows) > NUMBER_DOC_ROWS else ""
    return (
        "<details><summary>每篇文档的数字 Numbers per document</summary>"
        + _table(["文档 document", "年 year", "提及 mentions", "确数 exact", "约数 approx", "遮蔽 masked", "类型 kinds", "主要单位 main units (Σ = sum of exact mentions)"], out, "numdocs")
        + more
        + "</details>"
    )


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
    type_items = [(TYPE_LABELS.get(t, t), v) for t, v in stats["records_by_type"].items()]
    type_colours = {TYPE_LABELS.get(t, t): charts.TYPE_COLOURS.get(t, "#999") for t in stats["records_by_type"]}
    by_type = charts.bar_chart(type_items, title="Records by type", colours=type_colours, width=460)
    years = list(stats["records_by_type_year"])
    types = [t for t in RECORD_TYPES if any(t in c for c in stats["records_by_type_year"].values())]
    year_chart = charts.column_chart(
        years,
        {TYPE_LABELS.get(t, t): [stats["records_by_type_year"][y].get(t, 0) for y in years] for t in types},
        title="Records by report year and type",
        colours={TYPE_LABELS.get(t, t): charts.TYPE_COLOURS[t] for t in types},
    )
    genres = list(stats["records_by_type_genre"])
    genre_chart = charts.bar_chart(
        [(g, sum(c.values())) for g, c in stats["records_by_type_genre"].items()], title="Records by genre", width=460
    ) if genres else ""
    doc_years = list(stats["documents_by_year"])
    doc_year_chart = charts.column_chart(doc_years, {"documents": [stats["documents_by_year"][y] for y in doc_years]}, title="Documents by report year", height=200)
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
        ("numbers", "数字 Numbers by kind and unit",
         '<p class="note">Masked (201*) and approximate (余, 约, 近) mentions are counted apart from exact ones. '
         "The last column adds the exact values of count, money, measure and duration mentions: a <b>sum of mentions</b>, "
         "not a total — reports repeat figures and count overlapping groups.</p>"
         + _numbers_across(stats["numbers_across"]) + _numbers_docs(stats["numbers_documents"])),
        ("timeline", "项目时间线 Programs by report year",
         f'<p class="note">The {len(tl["programs"])} programs in most dated documents; a bubble is the number of documents of that year that name the program.</p>'
         f'<figure class="wide scroll">{timeline_svg}</figure>'),
        ("network", "组织共现网络 Organizations named together",
         f'<p class="note">The {len(net["nodes"])} most frequent organizations that share a document with another; a chord joins two named in the same documents, '
         "its width the number of such documents. Hover or focus a node to see its links.</p>"
         f'<figure class="wide center">{network_svg}</figure>'),
        ("failed", f'失败的文件 Failed files ({ov["failed"]})', _failed(stats["failed"])),
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


def render_dashboard(db: str | os.PathLike | tuple[Any, Any], *, title: str | None = None) -> str:
    """The dashboard page of a corpus store (a path for :func:`wfltext.store.load`) or of
    ``(records, documents)`` DataFrames."""
    if isinstance(db, tuple):
        records, documents = db
        source = ""
    else:
        from ..store import load

        records, documents = load(db)
        source = os.fspath(db)
    stats = corpus_stats(records, documents)
    name = title or (f"语料概览 Corpus · {os.path.basename(source)}" if source else "语料概览 Corpus")
    return render_stats(stats, title=name, source=source)


__all__ = ["corpus_stats", "render_stats", "render_dashboard", "org_key", "SUMMABLE_KINDS"]
