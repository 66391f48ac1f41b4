"""The document view and the dashboard, without a browser: markup, escaping, figures, commands.

The browser checks (rendering, toggles, injected scripts, requests) are in test_views_browser.py.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wfltext
from wfltext import summary
from wfltext.cli import main
from wfltext.store import DocumentRow, FileResult, Store, record_row
from wfltext.visualize import corpus_stats, render_dashboard, render_document, segments
from wfltext.visualize.dashboard import store_stats
from wfltext.visualize.page import json_text

from .conftest import CORPUS, needs_shared, read_original

SAMPLE = CORPUS / "reports" / "000_6e53a69d3eb90f18.txt"
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD_IMG = '"><img src=x onerror="window.__pwned=2">'


class _Coverage(HTMLParser):
    """Reads a rendered text block back: for each character, the records whose marks enclose it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int | None]] = []
        self.inside = 0
        self.chars: list[tuple[str, frozenset]] = []
        self.firsts: list[int] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and a.get("class") == "text":
            self.inside = 1
            return
        if not self.inside:
            return
        if tag == "div":
            self.inside += 1
        rec = int(a["data-r"]) if "data-r" in a else None
        if rec is not None and "first" in (a.get("class") or "").split():
            self.firsts.append(rec)
        if tag != "a":
            self.stack.append((tag, rec))

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "div":
            self.inside -= 1
            return
        if tag == "a":
            return
        opened, _ = self.stack.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"

    def handle_data(self, data):
        if self.inside:
            cover = frozenset(r for _, r in self.stack if r is not None)
            self.chars.extend((ch, cover) for ch in data)


def _coverage(html: str) -> _Coverage:
    p = _Coverage()
    p.feed(html)
    p.close()
    return p


def _expected(text: str, records: list[dict]) -> list[frozenset]:
    out: list[frozenset] = [frozenset()] * len(text)
    for s, e, cover in segments(len(text), [(r["start"], r["end"], i) for i, r in enumerate(records)]):
        for k in range(s, e):
            out[k] = cover
    return out


@pytest.fixture(scope="module")
def sample_dict() -> dict:
    return wfltext.analyze(read_original(SAMPLE), str(SAMPLE.relative_to(CORPUS.parent))).to_dict()


# -- the document view ---------------------------------------------------------------------------


def test_sample_page_has_one_highlight_per_record_and_every_character_under_its_records(sample_dict) -> None:
    html = render_document(sample_dict)
    cov = _coverage(html)
    text = sample_dict["text"]
    assert "".join(ch for ch, _ in cov.chars) == text  # the whole original, nothing added or lost
    assert sorted(cov.firsts) == list(range(len(sample_dict["records"])))
    assert [c for _, c in cov.chars] == _expected(text, sample_dict["records"])


SPANS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12), st.sampled_from(["number", "program", "organization", "slogan", "document"])), max_size=12)


@given(SPANS, st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)), max_size=6))
@settings(max_examples=200, deadline=None)
def test_nested_and_crossing_records_split_into_segments_that_know_their_records(spans, fixes) -> None:
    text = "县妇联培训200名女农民，开展“春蕾计划”和巾帼建功活动。\n二、强服务"
    records = [
        {"type": t, "start": min(s, len(text)), "end": min(s + n, len(text)), "text": text[min(s, len(text)):min(s + n, len(text))], "norm": "x"}
        for s, n, t in spans
    ]
    fix_dicts = [{"fix": "garble", "start": min(s, len(text)), "end": min(s + n, len(text)), "before": text[min(s, len(text)):min(s + n, len(text))], "after": "?"} for s, n in fixes]
    outline = [{"heading": "二、强服务", "start": text.index("二、"), "end": len(text), "children": []}]
    html = render_document({"doc": "t", "text": text, "records": records, "fixes": fix_dicts, "outline": outline})
    cov = _coverage(html)
    assert "".join(ch for ch, _ in cov.chars) == text
    assert sorted(cov.firsts) == list(range(len(records)))
    assert [c for _, c in cov.chars] == _expected(text, records)


def test_fields_outline_and_fixes_reach_the_page(sample_dict) -> None:
    html = render_document(sample_dict)
    data = json.loads(re.search(r'<script type="application/json" id="wfl-data">(.*?)</script>', html, re.S).group(1))
    recs = data["docs"][0]["records"]
    assert len(recs) == len(sample_dict["records"])
    first = sample_dict["records"][0]
    assert recs[0]["norm"] == first["norm"] and recs[0]["rule"] == first["rule"]
    # every heading of the outline links to an anchor in the text
    headings = [s["heading"] for s in sample_dict["outline"]]
    for h in headings:
        assert f">{h}</a>" in html.replace("&quot;", '"').replace("“", "“")
    for anchor in re.findall(r'<a href="#(d0-s\d+)">', html):
        assert f'id="{anchor}"' in html
    # the boilerplate, garble and pinyin fixes are drawn in the text
    kinds = {f["fix"] for f in sample_dict["fixes"]}
    for kind in kinds & {"garble", "pinyin", "boilerplate"}:
        assert f'class="fx fx-{kind}' in html


def test_a_pinyin_fix_marks_only_the_removed_annotation() -> None:
    doc = wfltext.analyze("堅(jiān)持婦聯(lián)工作", "p")
    html = render_document(doc.to_dict())
    assert re.search(r'<span class="fx fx-pinyin" data-f="\d+">\(jiān\)</span>', html)


def test_records_that_do_not_match_the_text_are_flagged_not_hidden() -> None:
    d = {"doc": "m", "text": "县妇联培训妇女", "records": [
        {"type": "organization", "start": 0, "end": 3, "text": "市妇联", "norm": "市妇联"},
        {"type": "number", "start": 5, "end": 99, "text": "?", "norm": "?"},
    ]}
    html = render_document(d)
    assert "mismatch" in html and "do not match the text" in html
    assert "outside the text are not shown" in html


def test_document_text_and_fields_are_escaped_everywhere() -> None:
    text = f"{PAYLOAD_SCRIPT}\n县妇联{PAYLOAD_IMG}开展活动</script><!--"
    rec = {"type": "organization", "start": text.index("县妇联"), "end": text.index("县妇联") + 3, "text": "县妇联",
           "norm": PAYLOAD_SCRIPT, "rule": PAYLOAD_IMG, "canonical": "</script><script>window.__pwned=3</script>"}
    d = {"doc": f"a{PAYLOAD_IMG}.txt", "text": text, "records": [rec], "metadata": {"title": PAYLOAD_SCRIPT, "place": PAYLOAD_IMG},
         "outline": [{"heading": PAYLOAD_IMG, "start": 0, "end": 5, "children": []}],
         "fixes": [{"fix": f"x{PAYLOAD_IMG}", "start": 0, "end": 2, "before": "<s", "after": PAYLOAD_SCRIPT}]}
    html = render_document(d)
    assert "window.__pwned" in html  # the text is there, as text
    assert "<script>window" not in html and "<img" not in html and "onerror=\"" not in html
    assert html.count("<script") == 2  # the JSON block and the page's own script
    json_block = re.search(r'<script type="application/json" id="wfl-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in json_block and json.loads(json_block)["docs"][0]["records"][0]["norm"] == PAYLOAD_SCRIPT


def test_json_text_cannot_close_its_script_block() -> None:
    out = json_text({"a": "</script><!-- & \u2028"})
    assert "</" not in out and "<!--" not in out and "&" not in out
    assert json.loads(out) == {"a": "</script><!-- & \u2028"}


def _no_network(html: str) -> None:
    assert 'http-equiv="Content-Security-Policy"' in html and "default-src &#x27;none&#x27;" in html
    # the only URL is the SVG namespace, which names and loads nothing
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) <= {"http://www.w3.org/2000/svg"}
    assert not re.search(r"<(?:link|img|iframe|object|embed)\b", html)
    assert not re.search(r"\b(?:src|srcset|href)=\"(?!#)", html)
    assert "@import" not in html and "url(" not in html


def test_document_page_is_self_contained(sample_dict) -> None:
    _no_network(render_document(sample_dict))


def test_several_documents_share_one_page() -> None:
    a = wfltext.analyze("县妇联开展“春蕾计划”。", "f#1").to_dict()
    b = wfltext.analyze("市妇联开展“春蕾计划”。", "f#2").to_dict()
    html = render_document([a, b])
    assert 'id="d0"' in html and 'id="d1"' in html
    assert html.count('class="rec ') == len(a["records"]) + len(b["records"])


# -- the dashboard -------------------------------------------------------------------------------


def _rec(doc: str, type_: str, norm: str, start: int = 0, **fields) -> dict:
    return {"doc": doc, "type": type_, "text": norm, "start": start, "end": start + len(norm), "norm": norm, "section": [], "noisy": False, "rule": "test", **fields}


def _num(doc: str, text: str, value, unit, kind="count", **fields) -> dict:
    return _rec(doc, "number", text, value=value, unit=unit, kind=kind, **fields)


def make_store(path: Path, docs: list[dict], failed: list[tuple[str, str, str]] = ()) -> Path:
    """A corpus store written through the store's own API: ``docs`` are dicts of document row
    fields plus ``records`` (record dicts)."""
    with Store(path) as store:
        for d in docs:
            recs = d.pop("records")
            row = DocumentRow(id=d["id"], path=d.get("path", d["id"]), status="done", records=len(recs), **{k: v for k, v in d.items() if k not in ("id", "path")})
            store.write_file(FileResult(row.path, documents=[row], records=[record_row(r, i) for i, r in enumerate(recs)]))
        for p, code, message in failed:
            store.write_file(FileResult(p, documents=[DocumentRow(id=p, path=p, status="failed", error_code=code, error_message=message)]))
        dups = {d["id"]: d["duplicate_of"] for d in docs if d.get("duplicate_of")}
        store.set_duplicates(dups)
    return path


def corpus_docs() -> list[dict]:
    return [
        {"id": "a.txt", "title": "甲县妇联2019年工作总结", "place": "甲县", "genre": "工作总结", "year": 2019, "chars": 900, "records": [
            _rec("a.txt", "organization", "县妇联", level="县"), _rec("a.txt", "organization", "县妇联", 10, level="县"),
            _rec("a.txt", "organization", "全国妇联", 20, level="中央"), _rec("a.txt", "organization", "县委", 30, level="县"),
            _rec("a.txt", "program", "春蕾计划", 40), _rec("a.txt", "program", "春蕾计划", 50),
            _rec("a.txt", "slogan", "党建带妇建、妇建促党建", 60),
            _num("a.txt", "200名", 200, "名", object="妇女"), _num("a.txt", "1.5万元", 15000, "元", "money"),
            _num("a.txt", "300余人", 300, "人", approx=True), _num("a.txt", "20**人", None, "人", masked=True),
            _num("a.txt", "2019年", None, None, "date", date="2019"),
        ]},
        {"id": "b.txt", "title": "乙县妇联2020年工作总结", "place": "乙县", "genre": "工作总结", "year": 2020, "chars": 800, "records": [
            _rec("b.txt", "organization", "县妇联", level="县"), _rec("b.txt", "organization", "全国妇联", 5, level="中央"),
            _rec("b.txt", "program", "春蕾计划", 40), _rec("b.txt", "program", "巾帼建功活动", 50),
            _num("b.txt", "100名", 100, "名"), _num("b.txt", "5万元", 50000, "元", "money"), _num("b.txt", "10至15人", None, "人", range=[10, 15]),
        ]},
        # a republished copy of b: left out of every record figure
        {"id": "c.html", "title": "乙县妇联2020年工作总结", "place": "乙县", "genre": "工作总结", "year": 2020, "chars": 800, "duplicate_of": "b.txt", "records": [
            _rec("c.html", "program", "春蕾计划", 40), _num("c.html", "5万元", 50000, "元", "money"),
        ]},
    ]


def test_corpus_figures(tmp_path: Path) -> None:
    db = make_store(tmp_path / "c.sqlite", corpus_docs(), failed=[("bad.docx", "format", "bad.docx: not a DOCX (no word/document.xml)")])
    stats = corpus_stats(*wfltext.store.load(db))
    ov = stats["overview"]
    assert (ov["documents"], ov["unique_documents"], ov["duplicates"], ov["failed"]) == (3, 2, 1, 1)
    assert ov["records"] == 21 and ov["records_unique"] == 19
    assert stats["records_by_type"] == {"number": 8, "program": 4, "organization": 6, "slogan": 1}
    # programs: documents first, mentions beside; the duplicate does not count
    top = {p["name"]: (p["documents"], p["mentions"]) for p in stats["top_programs"]}
    assert top == {"春蕾计划": (2, 3), "巾帼建功活动": (1, 1)}
    # two counties' 县妇联 stay two; 全国妇联 is one body across places
    orgs = {(o["name"], o["place"]): (o["documents"], o["mentions"]) for o in stats["top_organizations"]}
    assert orgs[("县妇联", "甲县")] == (1, 2) and orgs[("县妇联", "乙县")] == (1, 1)
    assert orgs[("全国妇联", None)] == (2, 2)
    # numbers: exact, approximate, masked and ranges apart; sums of exact mentions only
    across = {(r["kind"], r["unit"]): r for r in stats["numbers_across"]}
    people = across[("count", "人")]
    assert (people["mentions"], people["exact"], people["approx"], people["masked"], people["ranges"]) == (3, 0, 1, 1, 1)
    assert people["sum"] == 0
    money = across[("money", "元")]
    assert (money["mentions"], money["documents"], money["sum"]) == (2, 2, 65000)
    assert money["largest"] == {"text": "5万元", "doc": "b.txt", "value": 50000}
    assert across[("date", None)]["sum"] is None
    per_doc = {r["doc"]: r for r in stats["numbers_documents"]}
    assert set(per_doc) == {"a.txt", "b.txt"} and per_doc["a.txt"]["masked"] == 1
    # timeline and network
    tl = stats["timeline"]
    assert tl["years"] == [2019, 2020] and ["春蕾计划", 2019, 1] in tl["cells"] and ["春蕾计划", 2020, 1] in tl["cells"]
    nodes = [(n["label"], n["place"]) for n in stats["network"]["nodes"]]
    assert ("全国妇联", None) in nodes and ("县妇联", "甲县") in nodes and ("县妇联", "乙县") in nodes
    edges = {frozenset((nodes[a], nodes[b])): w for a, b, w in stats["network"]["edges"]}
    assert edges[frozenset((("县妇联", "甲县"), ("全国妇联", None)))] == 1
    assert frozenset((("县妇联", "甲县"), ("县妇联", "乙县"))) not in edges  # never in one document
    assert stats["failed"] == [{"path": "bad.docx", "id": "bad.docx", "code": "format", "message": "bad.docx: not a DOCX (no word/document.xml)"}]
    assert stats["documents_by_genre_year"] == {"工作总结": {"2019": 1, "2020": 2}}


def test_dashboard_page(tmp_path: Path) -> None:
    db = make_store(tmp_path / "c.sqlite", corpus_docs(), failed=[("bad<b>.docx", "format", PAYLOAD_IMG)])
    html = render_dashboard(db)
    _no_network(html)
    assert "sum of mentions" in html and "春蕾计划" in html and "县妇联" in html
    assert html.count('<svg class="chart network"') == 1 and html.count('class="node"') == 4
    assert "bad&lt;b&gt;.docx" in html and "<img" not in html


def test_empty_store_renders(tmp_path: Path) -> None:
    html = render_dashboard(make_store(tmp_path / "e.sqlite", []))
    assert "No number records" in html and "Every file was read" in html


# -- the commands --------------------------------------------------------------------------------


def _highlights(path: Path) -> int:
    return len(re.findall(r'<mark class="rec [^"]*\bfirst\b', path.read_text(encoding="utf-8")))


def test_show_a_report_file(tmp_path: Path, sample_dict) -> None:
    out = tmp_path / "page.html"
    assert main(["show", str(SAMPLE), "-o", str(out)]) == 0
    assert _highlights(out) == len(sample_dict["records"])


def test_show_jsonl_and_select_a_document(tmp_path: Path, sample_dict) -> None:
    other = wfltext.analyze("县妇联开展“春蕾计划”。", "other.txt").to_dict()
    src = tmp_path / "docs.jsonl"
    src.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in (sample_dict, other)) + "\n", encoding="utf-8")
    out = tmp_path / "page.html"
    assert main(["show", str(src), "--doc", sample_dict["doc"], "-o", str(out)]) == 0
    assert _highlights(out) == len(sample_dict["records"])
    assert main(["show", str(src), "--doc", "missing.txt", "-o", str(out)]) == 2


def test_show_refuses_records_without_text(tmp_path: Path, sample_dict, capsys) -> None:
    src = tmp_path / "records.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in sample_dict["records"]), encoding="utf-8")
    assert main(["show", str(src), "-o", str(tmp_path / "x.html")]) == 2
    assert "holds records, not documents" in capsys.readouterr().err


def test_show_a_stored_document_and_report_the_store(tmp_path: Path) -> None:
    from wfltext.batch import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sample.txt").write_bytes(SAMPLE.read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    db = tmp_path / "c.sqlite"
    run(corpus, db, workers=1)
    stored = sum(1 for _ in Store(db, create=False).records())
    out = tmp_path / "doc.html"
    assert main(["show", "--db", str(db), "--doc", "sample.txt", "-o", str(out)]) == 0
    assert _highlights(out) == stored
    assert main(["show", "--db", str(db), "--doc", "empty.txt", "-o", str(out)]) == 2  # failed in the run
    report = tmp_path / "report.html"
    assert main(["report", "--db", str(db), "-o", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    assert "empty.txt" in html and "Failed files (1)" in html
    assert main(["report", "--db", str(tmp_path / "missing.sqlite"), "-o", str(report)]) == 2


def _same_figures(a: Any, b: Any, path: str = "") -> None:
    """Equal figures; sums of floats may differ in their last bits (added in another order)."""
    if isinstance(a, float) or isinstance(b, float):
        assert a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9), path
    elif isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b), path
        for k in a:
            _same_figures(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            _same_figures(x, y, f"{path}[{i}]")
    else:
        assert a == b and type(a) is type(b), (path, a, b)


def test_store_figures_counted_in_sql_equal_the_dataframe_figures(tmp_path: Path) -> None:
    docs = corpus_docs()
    # fields the figures clean: white space, empty strings, missing kinds, empty ranges, bounds
    docs[0]["records"] += [
        _rec("a.txt", "organization", " 县妇联\u3000", 70, level=" 县 "), _rec("a.txt", "program", "  ", 80),
        _rec("a.txt", "organization", "国务院", 90, level="中央 "),
        _num("a.txt", "30多名", 30, " 名", None, bound="以上"), _num("a.txt", "5人", 5, "人", " ", range=[]),
        _num("a.txt", "7万元", 70000, "元", "money", bound=" "), _num("b.txt", "5万元", 50000, "元", "money"),
    ]
    db = make_store(tmp_path / "c.sqlite", docs, failed=[("bad.docx", "format", "not a DOCX")])
    _same_figures_three_ways(db, tmp_path)


def _without_summaries(db: Path, copy: Path) -> Path:
    """A copy of the store as a version that kept no per-document summaries wrote it."""
    shutil.copy(db, copy)
    con = sqlite3.connect(copy)
    for table in summary.TABLES:
        con.execute(f"DROP TABLE {table}")
    con.execute("DELETE FROM meta WHERE key = ?", (summary.META_KEY,))
    con.commit()
    con.close()
    return copy


def _same_figures_three_ways(db: Path, tmp_path: Path) -> dict:
    """The figures of the DataFrames, of the store's summaries, of the records grouped in SQL
    (a store written before the summaries) and of the summaries built for it later are equal."""
    with Store(db, create=False) as store:
        assert summary.available(store.db)
    frames = corpus_stats(*wfltext.store.load(db))
    stats = store_stats(db)
    _same_figures(frames, stats)
    old = _without_summaries(db, tmp_path / "old.sqlite")
    with Store(old, create=False) as store:
        assert not summary.available(store.db)
    _same_figures(frames, store_stats(old))
    with Store(old) as store:
        store.build_summaries()
        assert summary.available(store.db)
    _same_figures(frames, store_stats(old))
    return stats


def test_summaries_follow_rewritten_files(tmp_path: Path) -> None:
    """A file written again (its records replaced, a report moved to another file) leaves the
    summaries equal to the records; a store a version without summaries wrote falls back."""
    db = make_store(tmp_path / "c.sqlite", corpus_docs())
    again = corpus_docs()
    again[1]["records"] = again[1]["records"][:3]
    again[0]["path"] = "moved/a.txt"
    make_store(db, again[:2])
    _same_figures_three_ways(db, tmp_path)
    con = sqlite3.connect(db)
    con.execute("DELETE FROM records WHERE doc = 'a.txt' AND seq = 0")  # written by another version
    con.commit()
    con.close()
    with Store(db, create=False) as store:
        assert not summary.available(store.db)
    _same_figures(corpus_stats(*wfltext.store.load(db)), store_stats(db))


@needs_shared
def test_store_figures_of_an_analyzed_corpus(tmp_path: Path, shared: Path) -> None:
    from wfltext.batch import run

    corpus = tmp_path / "corpus"
    for i, src in enumerate(sorted((shared / "realcorpus").glob("hailaer-county-gov/*.txt"))[:4]):
        for copy in range(2 if i == 0 else 1):  # one republished copy: a near-duplicate
            (corpus / f"c{copy}").mkdir(parents=True, exist_ok=True)
            (corpus / f"c{copy}" / src.name).write_bytes(src.read_bytes())
    db = tmp_path / "real.sqlite"
    run(corpus, db, workers=1)
    stats = _same_figures_three_ways(db, tmp_path)
    assert stats["overview"]["duplicates"] == 1
    assert stats["program_pages"] and stats["organization_pages"]


def _summary_rows(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY doc, rowid").fetchall() for t in summary.TABLES}
    finally:
        con.close()


def test_summaries_a_worker_makes_equal_those_made_from_the_stored_records(tmp_path: Path, shared: Path) -> None:
    """A run's workers make each report's summary rows from its records (no query by the writer);
    they are the rows the store makes from the records it holds, row for row, sums to the last
    bit (the same groups, in the same order, added in the same order)."""
    from wfltext.batch import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for src in sorted((shared / "realcorpus").glob("*/*.txt"))[::4] + sorted((CORPUS / "reports").glob("*.txt")):
        (corpus / f"{src.parent.name}-{src.name}").write_bytes(src.read_bytes())
    db = tmp_path / "run.sqlite"
    run(corpus, db, workers=1)
    made = _summary_rows(db)
    assert sum(len(rows) for rows in made.values()) > 1000
    assert any(type(row[9]) is float and row[9] != int(row[9]) for row in made["summary_numbers"])  # sums with decimals
    rebuilt = _without_summaries(db, tmp_path / "rebuilt.sqlite")
    with Store(rebuilt) as store:
        store.build_summaries()
    assert _summary_rows(rebuilt) == made
