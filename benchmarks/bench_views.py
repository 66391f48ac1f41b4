"""How large inputs fare in the two pages: a 100,000-character report's view and a 10,000-
document corpus's dashboard, built in Python and loaded in headless Chromium.

Printed for each page:

* the Python side: building the data (analysis, or loading the store and counting) and rendering
  the HTML, in seconds of CPU time and as a ratio to bare ``jieba.lcut`` over the 100,000-character
  text in this same process (the unit every wfltext benchmark compares with);
* the page: its size, and the browser's first contentful paint, DOMContentLoaded and ``load``
  (milliseconds from navigation start, best of ``--repeat`` loads), plus the time a type toggle
  takes to restyle the view.

The report is the real corpus (``../shared/realcorpus``) joined until it holds 100,000
characters, else the sample report repeated. The corpus is synthetic: the sample's records (or
the real corpus's, when shared/ is there) copied into 10,000 documents with varied places,
genres and years, written through the store's own API.

    python benchmarks/bench_views.py [--chars 100000] [--docs 10000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import browser as B  # noqa: E402


def clock() -> float:
    return time.process_time()


def source_texts() -> list[str]:
    shared = Path(os.environ.get("WFLTEXT_SHARED") or ROOT.parent / "shared")
    files = sorted((shared / "realcorpus").glob("*/*.txt"))
    if not files:
        files = [ROOT / "corpus" / "reports" / "000_6e53a69d3eb90f18.txt"]
    texts = []
    for p in files:
        with open(p, encoding="utf-8", newline="") as f:
            texts.append(f.read())
    return texts


def big_report(chars: int) -> str:
    texts = source_texts()
    out, i = [], 0
    while sum(map(len, out)) < chars:
        out.append(texts[i % len(texts)])
        i += 1
    return "\n".join(out)[:chars]


def browser_times(path: Path, repeat: int, toggle: str | None) -> dict[str, float]:
    best: dict[str, float] = {}
    with B.browser() as b:
        for _ in range(repeat):
            with B.open_page(path, browser_=b) as (page, log):
                t = B.load_timing(page)
                if log.console_errors or log.page_errors or log.requests:
                    print(f"  !! page problems: {log}")
                if toggle:
                    t["toggle"] = page.evaluate(
                        """sel => { const cb = document.querySelector(sel); const t0 = performance.now();
                        cb.click(); document.body.offsetHeight; getComputedStyle(document.querySelector('mark.rec')).backgroundColor;
                        return performance.now() - t0; }""",
                        toggle,
                    )
            for k, v in t.items():
                best[k] = min(best.get(k, float("inf")), v)
    return best


def report_browser(name: str, t: dict[str, float], size: int) -> None:
    parts = [f"{size / 1e6:.2f} MB"]
    for key, label in (("first_paint", "first paint"), ("dom_content_loaded", "DOMContentLoaded"), ("load", "load"), ("toggle", "type toggle")):
        if key in t:
            parts.append(f"{label} {t[key]:,.0f} ms")
    print(f"  {name} in Chromium: " + ", ".join(parts))


def bench_document(chars: int, repeat: int, out_dir: Path, unit: float, text: str) -> None:
    import wfltext
    from wfltext.visualize import render_document

    t0 = clock()
    doc = wfltext.analyze(text, "big.txt")
    data = doc.to_dict()
    t_analyze = clock() - t0
    t0 = clock()
    html = render_document(data)
    t_render = clock() - t0
    path = out_dir / "view-100k.html"
    path.write_text(html, encoding="utf-8")
    print(f"document view: {len(text):,} characters, {len(data['records']):,} records, {len(data['fixes']):,} fixes")
    print(f"  analyze {t_analyze:.2f} s ({t_analyze / unit:.1f}x jieba), render {t_render:.3f} s ({t_render / unit:.2f}x jieba)")
    report_browser("view", browser_times(path, repeat, 'input[data-toggle="number"]'), len(html.encode()))


def synthetic_store(db: Path, docs: int, base: list[dict]) -> None:
    from wfltext.store import DocumentRow, FileResult, Store, record_row

    rng = random.Random(7)
    places = [f"{p}{s}" for p in ("海拉尔", "满洲里", "扎兰屯", "牙克石", "根河", "额尔古纳", "阿荣", "莫力达瓦", "鄂伦春", "鄂温克", "新巴尔虎", "陈巴尔虎") for s in ("区", "县", "市")]
    genres = ["工作总结", "工作计划", "交流材料", "讲话", "政府工作报告"]
    with Store(db) as store:
        for k in range(docs):
            doc_id = f"synthetic/{k // 1000:02d}/{k:05d}.txt"
            recs = [dict(r, doc=doc_id) for r in rng.sample(base, min(len(base), 60))]
            row = DocumentRow(id=doc_id, path=doc_id, status="done", title=f"第{k}号报告", place=rng.choice(places),
                              genre=rng.choice(genres), year=rng.randint(2005, 2025), chars=rng.randint(3000, 20000), records=len(recs))
            store.write_file(FileResult(doc_id, documents=[row], records=[record_row(r, i) for i, r in enumerate(recs)]))
        for k in range(docs // 200):
            p = f"broken/{k:03d}.docx"
            store.write_file(FileResult(p, documents=[DocumentRow(id=p, path=p, status="failed", error_code="format", error_message=f"{p}: not a DOCX")]))
        ids = [f"synthetic/{k // 1000:02d}/{k:05d}.txt" for k in range(docs)]
        store.set_duplicates({ids[k]: ids[k - 1] for k in range(1, docs, 50)})


def bench_dashboard(docs: int, repeat: int, out_dir: Path, unit: float, text: str) -> None:
    import wfltext
    from wfltext.store import load
    from wfltext.visualize.dashboard import corpus_stats, render_stats, store_stats

    db = out_dir / f"synthetic-{docs}.sqlite"
    if not db.exists():
        base = [r for r in wfltext.analyze(text[:60000], "base").to_dict()["records"]]
        t0 = time.perf_counter()
        synthetic_store(db, docs, base)
        print(f"  (made a {docs:,}-document store in {time.perf_counter() - t0:.0f} s: {db})")
    t0 = clock()
    wall = time.perf_counter()
    sql_stats = store_stats(db)
    t_sql, wall_sql = clock() - t0, time.perf_counter() - wall
    t0 = clock()
    records, documents = load(db)
    t_load = clock() - t0
    t0 = clock()
    stats = corpus_stats(records, documents)
    t_stats = clock() - t0
    t0 = clock()
    html = render_stats(stats, title="synthetic corpus", source=str(db))
    t_render = clock() - t0
    path = out_dir / f"dashboard-{docs}.html"
    path.write_text(html, encoding="utf-8")
    print(f"dashboard: {len(documents):,} documents, {len(records):,} records")
    print(f"  figures counted in SQL (store_stats, what wfltext report does): {t_sql:.2f} s CPU ({t_sql / unit:.1f}x jieba), "
          f"{wall_sql:.2f} s wall; the same figures as load + corpus_stats: {_same(sql_stats, stats)}")
    print(
        f"  load {t_load:.2f} s ({t_load / unit:.1f}x jieba), figures {t_stats:.2f} s ({t_stats / unit:.1f}x jieba), "
        f"render {t_render:.3f} s ({t_render / unit:.2f}x jieba)"
    )
    report_browser("dashboard", browser_times(path, repeat, None), len(html.encode()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", help="a folder for the pages and the synthetic store (default: a temporary one)")
    parser.add_argument("--dashboard-only", action="store_true", help="only the dashboard's Python side (no browser)")
    args = parser.parse_args()
    if args.dashboard_only:
        global browser_times, report_browser  # noqa: PLW0603 - no browser: the page is not loaded

        def browser_times(*_a: object) -> dict[str, float]:
            return {}

        def report_browser(*_a: object) -> None:
            pass
    elif B.unavailable():
        sys.exit(f"no browser: {B.unavailable()}")

    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    text = big_report(args.chars)
    jieba.lcut("预热")
    unit = min(_timed(lambda: jieba.lcut(text)) for _ in range(args.repeat))
    print(f"unit: bare jieba.lcut over the {len(text):,}-character report = {unit:.3f} s CPU")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep) if args.keep else Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        if not args.dashboard_only:
            bench_document(args.chars, args.repeat, out, unit, text)
        bench_dashboard(args.docs, args.repeat, out, unit, text)


def _same(a: object, b: object) -> bool:
    """Equal figures, sums of floats to 1e-9."""
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)  # type: ignore[arg-type]
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def _timed(fn) -> float:
    t0 = clock()
    fn()
    return clock() - t0


if __name__ == "__main__":
    main()
