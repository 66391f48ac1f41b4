"""The document view: a report's original text with its records, outline and fixes.

Renders from ``Document.to_dict()`` output alone (``{doc, text, normalized, metadata, outline,
fixes, records}``), the way displaCy renders from a plain dict: nothing is re-analysed, so a page
shows exactly what a run stored.

Records of different types nest (a number inside a program name) and may cross. The text is cut
at every boundary of a record, a fix or a section start; elements are opened outer-first and,
where two spans cross, the inner one is closed and reopened as a continuation fragment, so the
markup stays well-formed and every character sits inside exactly the ``<mark>`` elements of the
records that cover it (see :func:`segments`, the reference the tests compare the markup with).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from ..records import RECORD_TYPES, columns, kinds, labels, record_types, view_fields
from .page import esc, json_script, page

#: label of each built-in record type in the legend and the hover card (each class's ``label``;
#: :func:`wfltext.records.labels` has those of every registered type)
TYPE_LABELS = {t: label for t, label in labels().items() if t in RECORD_TYPES}
#: label of each normalizer fix (``wfltext/normalize/__init__.py`` has the plan)
FIX_LABELS = {
    "boilerplate": "删除的网页杂项 boilerplate removed",
    "garble": "修复的乱码 garble repaired",
    "garble-a1": "修复的缺字节乱码 lost-byte garble repaired",
    "pinyin": "删除的拼音 pinyin removed",
    "simplify": "繁转简 traditional → simplified",
    "mask": "遮蔽数字 masked digits",
    "hard-wrap": "合并的断行 hard wrap joined",
    "line-endings": "换行符 line endings",
    "ideographic-space": "全角空格分段 ideographic space",
    "letter-spacing": "字间空格 letter spacing",
    "fullwidth": "全角转半角 full-width folded",
    "punctuation": "标点 punctuation",
    "doubled-punctuation": "重复标点 doubled punctuation",
    "decimal-stop": "小数点 decimal point",
}
_CLASS_SAFE = re.compile(r"[^a-z0-9-]")


def css_name(name: object) -> str:
    """A record type or fix name as a safe CSS class part.

    >>> css_name("hard-wrap"), css_name('x" onmouseover="y')
    ('hard-wrap', 'xonmouseovery')
    """
    return _CLASS_SAFE.sub("", str(name).lower())[:40] or "other"


# -- spans and segments ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """Something drawn over ``text[start:end]``: a record (``kind="r"``) or a fix (``"f"``)."""

    start: int
    end: int
    kind: str
    index: int
    #: among spans of equal extent, the lower rank is drawn outside
    rank: int = 0


def segments(length: int, spans: Iterable[tuple[int, int, Any]]) -> list[tuple[int, int, frozenset]]:
    """Cut ``[0, length)`` at every span boundary; each piece with the keys of the spans covering it.

    >>> [(s, e, sorted(keys)) for s, e, keys in segments(6, [(0, 4, "p"), (2, 3, "n"), (3, 6, "o")])]
    [(0, 2, ['p']), (2, 3, ['n', 'p']), (3, 4, ['o', 'p']), (4, 6, ['o'])]
    """
    spans = [s for s in spans if s[0] < s[1]]
    points = sorted({0, length, *(s[0] for s in spans), *(s[1] for s in spans)})
    points = [p for p in points if 0 <= p <= length]
    starts: dict[int, list] = {}
    ends: dict[int, list] = {}
    for s, e, key in spans:
        starts.setdefault(s, []).append(key)
        ends.setdefault(e, []).append(key)
    out = []
    cover: dict[Any, int] = {}
    for a, b in zip(points, points[1:]):
        for key in ends.get(a, ()):
            cover[key] -= 1
            if not cover[key]:
                del cover[key]
        for key in starts.get(a, ()):
            cover[key] = cover.get(key, 0) + 1
        out.append((a, b, frozenset(cover)))
    return out


def _changed_part(before: str, after: str) -> tuple[int, int]:
    """Offsets inside ``before`` of what a fix actually changed (common ends trimmed).

    >>> _changed_part("強(qiáng)", "強")
    (1, 8)
    >>> _changed_part("來源：新华网", "")
    (0, 6)
    """
    p = 0
    while p < len(before) and p < len(after) and before[p] == after[p]:
        p += 1
    s = 0
    while s < len(before) - p and s < len(after) - p and before[-1 - s] == after[-1 - s]:
        s += 1
    return p, len(before) - s


def _heights(records: Sequence[Mapping[str, Any]], valid: Sequence[int]) -> dict[int, int]:
    """How many records deep each record contains (0 for innermost), capped at 3; draws outer
    records' underlines lower so nested ones stay visible."""
    order = sorted(valid, key=lambda i: (records[i]["start"], -records[i]["end"]))
    height: dict[int, int] = {}
    for pos in range(len(order) - 1, -1, -1):
        i = order[pos]
        s, e = records[i]["start"], records[i]["end"]
        h = 0
        # contained records follow in this order; 200 is far beyond any real nesting
        for j in order[pos + 1 : pos + 200]:
            rs, re_ = records[j]["start"], records[j]["end"]
            if rs >= e:
                break
            if re_ <= e and (rs, re_) != (s, e):
                h = max(h, height[j] + 1)
        height[i] = min(h, 3)
    return height


# -- one document --------------------------------------------------------------------------------


@dataclass
class _Doc:
    """A document dict checked and prepared for rendering."""

    number: int
    data: Mapping[str, Any]
    text: str
    records: list[dict[str, Any]]
    fixes: list[dict[str, Any]]
    valid: list[int] = field(default_factory=list)
    mismatched: list[int] = field(default_factory=list)
    dropped: int = 0


def _prepare(data: Mapping[str, Any], number: int) -> _Doc:
    if not isinstance(data, Mapping) or not isinstance(data.get("text"), str):
        raise ValueError("a document dict needs 'text' (the original) and 'records', as Document.to_dict() gives")
    text = data["text"]
    records = [dict(r) for r in data.get("records") or [] if isinstance(r, Mapping)]
    fixes = [dict(f) for f in data.get("fixes") or [] if isinstance(f, Mapping)]
    doc = _Doc(number, data, text, records, fixes)
    for i, r in enumerate(records):
        s, e = r.get("start"), r.get("end")
        if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s <= e <= len(text):
            doc.dropped += 1
            continue
        doc.valid.append(i)
        if "text" in r and text[s:e] != r["text"]:
            doc.mismatched.append(i)
    return doc


def _spans(doc: _Doc) -> list[Span]:
    spans = []
    order = record_types()
    for i in doc.valid:
        r = doc.records[i]
        t = r.get("type")
        rank = order.index(t) if t in order else len(order)
        spans.append(Span(r["start"], r["end"], "r", i, rank))
    n = len(doc.text)
    for k, f in enumerate(doc.fixes):
        s, e = f.get("start"), f.get("end")
        if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s <= e <= n:
            continue
        a, b = _changed_part(doc.text[s:e], str(f.get("after") or ""))
        if s + a < s + b:
            spans.append(Span(s + a, s + b, "f", k, 100))
        else:
            spans.append(Span(s + a, s + a, "f", k, 100))  # a pure insertion: a point marker
    return spans


def _open_tag(doc: _Doc, span: Span, heights: Mapping[int, int], first: bool) -> str:
    d = doc.number
    if span.kind == "r":
        r = doc.records[span.index]
        cls = f"rec t-{css_name(r.get('type'))} h{heights.get(span.index, 0)}"
        if span.index in doc.mismatched:
            cls += " mismatch"
        if r.get("noisy"):
            cls += " noisy"
        if first:
            return f'<mark class="{cls} first" id="d{d}-r{span.index}" data-r="{span.index}" tabindex="0">'
        return f'<mark class="{cls} cont" data-r="{span.index}">'
    f = doc.fixes[span.index]
    cls = f"fx fx-{css_name(f.get('fix'))}"
    if span.start == span.end:
        cls += " ins"
    return f'<span class="{cls}" data-f="{span.index}">'


def _close_tag(span: Span) -> str:
    return "</mark>" if span.kind == "r" else "</span>"


def render_text(doc: _Doc, anchors: Mapping[int, list[str]]) -> str:
    """The original text as HTML, records and fixes drawn over it, section anchors in place."""
    text = doc.text
    spans = _spans(doc)
    heights = _heights(doc.records, doc.valid)
    opening: dict[int, list[Span]] = {}
    for sp in spans:
        opening.setdefault(sp.start, []).append(sp)
    for lst in opening.values():
        lst.sort(key=lambda sp: (-sp.end, sp.rank, sp.index))
    points = sorted({0, len(text), *(sp.start for sp in spans), *(sp.end for sp in spans), *anchors})
    out: list[str] = []
    stack: list[Span] = []
    for pos, nxt in zip(points, points[1:] + [None]):
        ending = [k for k, sp in enumerate(stack) if sp.end == pos]
        if ending:
            low = ending[0]
            above = stack[low:]
            out.extend(_close_tag(sp) for sp in reversed(above))
            del stack[low:]
            for sp in above:
                if sp.end != pos:  # crossed by one that ended: continue it in a new fragment
                    out.append(_open_tag(doc, sp, heights, False))
                    stack.append(sp)
        for anchor in anchors.get(pos, ()):
            out.append(f'<a class="sec-anchor" id="{esc(anchor)}"></a>')
        for sp in opening.get(pos, ()):
            out.append(_open_tag(doc, sp, heights, True))
            if sp.end == pos:
                out.append(_close_tag(sp))
            else:
                stack.append(sp)
        if nxt is not None:
            out.append(esc(text[pos:nxt]))
    out.extend(_close_tag(sp) for sp in reversed(stack))
    return "".join(out)


def _walk_outline(sections: Iterable[Mapping[str, Any]], depth: int = 0) -> Iterable[tuple[int, Mapping[str, Any]]]:
    for s in sections or ():
        if isinstance(s, Mapping):
            yield depth, s
            yield from _walk_outline(s.get("children") or (), depth + 1)


def _outline_nav(doc: _Doc) -> tuple[str, dict[int, list[str]]]:
    anchors: dict[int, list[str]] = {}
    items: list[str] = []
    depth_open = -1
    n = 0
    for depth, s in _walk_outline(doc.data.get("outline") or ()):
        start = s.get("start")
        if not isinstance(start, int) or not 0 <= start <= len(doc.text):
            continue
        anchor = f"d{doc.number}-s{n}"
        n += 1
        anchors.setdefault(start, []).append(anchor)
        while depth_open < depth:
            items.append("<ol>")
            depth_open += 1
        while depth_open > depth:
            items.append("</li></ol>")
            depth_open -= 1
        if items and not items[-1].endswith("<ol>"):
            items.append("</li>")
        items.append(f'<li><a href="#{anchor}">{esc(s.get("heading") or s.get("marker") or "§")}</a>')
    while depth_open >= 0:
        items.append("</li></ol>")
        depth_open -= 1
    return "".join(items), anchors


def summary_fields() -> tuple[str, ...]:
    """The fields the records table shows as ``key value``: ``norm`` and the registered types'
    own fields, but the flags (shown as flags) and ``bound`` (shown last)."""
    kind = kinds()
    return ("norm", *(c for c in columns(roles=("value",)) if kind[c] != "bool" and c != "bound"))


def _summary(r: Mapping[str, Any], fields: Sequence[str]) -> str:
    parts = []
    for k in fields:
        v = r.get(k)
        if v is None or v == "" or v == []:
            continue
        if isinstance(v, list):
            v = "、".join("…" if x is None else str(x) for x in v)
        parts.append(f'<span class="kv"><span class="k">{esc(k)}</span> {esc(v)}</span>')
    for k in ("approx", "masked", "noisy"):
        if r.get(k):
            parts.append(f'<span class="flag">{esc(k)}</span>')
    if r.get("bound"):
        parts.append(f'<span class="kv"><span class="k">bound</span> {esc(r["bound"])}</span>')
    return " ".join(parts)


def _records_table(doc: _Doc) -> str:
    rows = []
    fields = summary_fields()
    for i in sorted(doc.valid, key=lambda i: (doc.records[i]["start"], doc.records[i]["end"])):
        r = doc.records[i]
        t = css_name(r.get("type"))
        rows.append(
            f'<tr class="row-{t}"><td class="num">{r["start"]}</td>'
            f'<td><span class="chip t-{t}">{esc(r.get("type"))}</span></td>'
            f'<td><a href="#d{doc.number}-r{i}">{esc(doc.text[r["start"]:r["end"]])}</a></td>'
            f"<td>{_summary(r, fields)}</td><td class=\"rule\">{esc(r.get('rule'))}</td></tr>"
        )
    if not rows:
        return '<p class="muted">No records.</p>'
    return (
        '<table class="records"><thead><tr><th>start</th><th>type</th><th>text</th><th>fields</th>'
        f'<th>rule</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _doc_header(doc: _Doc) -> str:
    meta = doc.data.get("metadata") if isinstance(doc.data.get("metadata"), Mapping) else {}
    title = meta.get("title") or doc.data.get("doc") or "(untitled report)"
    facts = []
    for key, label in (("genre", "体裁 genre"), ("place", "地方 place"), ("year", "年份 year"), ("body", "机关 body")):
        if meta.get(key) not in (None, ""):
            facts.append(f'<span class="fact"><span class="k">{esc(label)}</span> {esc(meta[key])}</span>')
    facts.append(f'<span class="fact"><span class="k">字数 chars</span> {len(doc.text):,}</span>')
    facts.append(f'<span class="fact"><span class="k">记录 records</span> {len(doc.valid):,}</span>')
    facts.append(f'<span class="fact"><span class="k">修正 fixes</span> {len(doc.fixes):,}</span>')
    warn = ""
    if doc.mismatched:
        warn += (
            f'<p class="warn">{len(doc.mismatched)} record(s) do not match the text at their offsets '
            "(the text changed since the records were made); they are outlined in red.</p>"
        )
    if doc.dropped:
        warn += f'<p class="warn">{doc.dropped} record(s) with offsets outside the text are not shown.</p>'
    return (
        f'<header class="doc-head"><h1>{esc(title)}</h1>'
        f'<p class="doc-id">{esc(doc.data.get("doc") or "")}</p><p class="facts">{"".join(facts)}</p>{warn}'
        f"{_key_sentences(doc)}</header>"
    )


def _key_sentences(doc: _Doc) -> str:
    """The report's key sentences (``key_sentences`` of the dict, as ``wfltext show`` adds them),
    in text order, each with its span; nothing when the dict has none."""
    items = doc.data.get("key_sentences")
    if not isinstance(items, Sequence) or not items:
        return ""
    rows = []
    for k in items:
        if not isinstance(k, Mapping) or not isinstance(k.get("text"), str):
            continue
        span = f'{k.get("start")}–{k.get("end")}'
        rows.append(f'<li><span class="ks-text">{esc(k["text"])}</span> <span class="muted ks-span">{esc(span)}</span></li>')
    if not rows:
        return ""
    return (
        '<details class="key-sentences" open><summary>要点 Key sentences</summary>'
        f'<ol>{"".join(rows)}</ol></details>'
    )


def _legend(docs: Sequence[_Doc]) -> str:
    type_counts: dict[str, int] = {}
    fix_counts: dict[str, int] = {}
    for doc in docs:
        for i in doc.valid:
            t = str(doc.records[i].get("type"))
            type_counts[t] = type_counts.get(t, 0) + 1
        for f in doc.fixes:
            name = str(f.get("fix"))
            fix_counts[name] = fix_counts.get(name, 0) + 1
    known_types = record_types()
    type_labels = labels()
    order = [t for t in known_types if t in type_counts] + sorted(t for t in type_counts if t not in known_types)
    items = []
    for t in order:
        c = css_name(t)
        items.append(
            f'<li><label><input type="checkbox" checked data-toggle="{c}" aria-label="show {esc(t)} highlights">'
            f'<span class="swatch t-{c}"></span><span class="lbl">{esc(type_labels.get(t, t))}</span>'
            f'<span class="count">{type_counts[t]:,}</span></label></li>'
        )
    for t in known_types:
        if t not in type_counts:
            items.append(
                f'<li class="none"><span class="swatch t-{css_name(t)}"></span><span class="lbl">{esc(type_labels[t])}</span>'
                '<span class="count">0</span></li>'
            )
    fixes = []
    known = list(FIX_LABELS)
    for name in sorted(fix_counts, key=lambda n: (known.index(n) if n in known else len(known), n)):
        c = css_name(name)
        fixes.append(
            f'<li><label><input type="checkbox" checked data-fix-toggle="{c}" aria-label="show {esc(name)} fixes">'
            f'<span class="fxswatch fx-{c}">字</span><span class="lbl">{esc(FIX_LABELS.get(name, name))}</span>'
            f'<span class="count">{fix_counts[name]:,}</span></label></li>'
        )
    fix_block = (
        f'<h2>修正 Fixes</h2><ul class="legend fixes">{"".join(fixes)}</ul>'
        if fixes
        else '<h2>修正 Fixes</h2><p class="muted">The normalizer changed nothing.</p>'
    )
    return f'<h2>记录 Records</h2><ul class="legend">{"".join(items)}</ul>{fix_block}'


def _client_data(doc: _Doc) -> dict[str, Any]:
    # only what the hover card reads: the text itself is already in the markup
    valid = set(doc.valid)
    return {
        "doc": doc.data.get("doc"),
        "records": [
            {k: v for k, v in r.items() if k not in ("doc", "text")} | {"text": doc.text[r["start"]:r["end"]]}
            if i in valid else None
            for i, r in enumerate(doc.records)
        ],
        "fixes": doc.fixes,
    }


def render_document(data: Mapping[str, Any] | Sequence[Mapping[str, Any]], *, title: str | None = None) -> str:
    """A self-contained HTML page for one document dict (``Document.to_dict()``) or several.

    >>> html = render_document({"doc": "a.txt", "text": "县妇联培训200名妇女", "records": [
    ...     {"type": "organization", "start": 0, "end": 3, "text": "县妇联", "norm": "县妇联"},
    ...     {"type": "number", "start": 5, "end": 9, "text": "200名", "value": 200, "unit": "名"}]})
    >>> html.count('class="rec ')
    2
    """
    dicts = [data] if isinstance(data, Mapping) else list(data)
    if not dicts:
        raise ValueError("no document to show")
    docs = [_prepare(d, k) for k, d in enumerate(dicts)]
    nav_parts, main_parts = [], []
    for doc in docs:
        outline, anchors = _outline_nav(doc)
        meta = doc.data.get("metadata") if isinstance(doc.data.get("metadata"), Mapping) else {}
        name = meta.get("title") or doc.data.get("doc") or f"document {doc.number + 1}"
        nav_parts.append(
            f'<div class="nav-doc"><a class="nav-title" href="#d{doc.number}">{esc(name)}</a>'
            f'{outline or "<p class=muted>No outline found.</p>"}</div>'
        )
        main_parts.append(
            f'<article class="doc" id="d{doc.number}" data-doc="{doc.number}">{_doc_header(doc)}'
            f'<div class="text" lang="zh">{render_text(doc, anchors)}</div>'
            f'<details class="rec-list"><summary>全部记录 All {len(doc.valid):,} records</summary>{_records_table(doc)}</details>'
            "</article>"
        )
    first_meta = docs[0].data.get("metadata") if isinstance(docs[0].data.get("metadata"), Mapping) else {}
    page_title = title or first_meta.get("title") or docs[0].data.get("doc") or "wfltext document"
    body = (
        '<div class="layout">'
        f'<nav class="side" aria-label="outline and legend"><div class="brand">wfltext · 文档视图</div>{_legend(docs)}'
        f'<h2>提纲 Outline</h2>{"".join(nav_parts)}</nav>'
        f'<main>{"".join(main_parts)}</main></div>'
        '<div id="wfl-tip" role="tooltip" hidden></div>'
    )
    payload = {
        "docs": [_client_data(d) for d in docs],
        "typeLabels": labels(),
        "fieldOrder": list(view_fields()),
        "fixLabels": FIX_LABELS,
    }
    return page(f"{page_title} — wfltext", body, css=("common.css", "view.css"), js=("view.js",), data=json_script(payload, "wfl-data"))


__all__ = ["render_document", "render_text", "segments", "css_name", "summary_fields", "TYPE_LABELS", "FIX_LABELS", "Span"]
