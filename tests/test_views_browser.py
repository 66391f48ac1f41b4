"""The pages in a real browser (headless Chromium): they render, react, stay offline, and run
nothing that came from a document. Each test leaves a screenshot in tests/artifacts/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import wfltext
from wfltext.cli import main
from wfltext.visualize import render_dashboard, render_document

from . import browser as B
from .conftest import CORPUS, read_original
from .test_views import PAYLOAD_IMG, PAYLOAD_SCRIPT, corpus_docs, make_store

pytestmark = [pytest.mark.browser, pytest.mark.skipif(B.unavailable() is not None, reason=str(B.unavailable()))]

SAMPLE = CORPUS / "reports" / "000_6e53a69d3eb90f18.txt"


@pytest.fixture(scope="module")
def chromium():
    with B.browser() as b:
        yield b


def _clean(log: B.PageLog) -> None:
    assert log.console_errors == [] and log.page_errors == []
    assert log.requests == [], "the page tried the network"


def test_sample_report_view(chromium, tmp_path: Path) -> None:
    records = wfltext.analyze(read_original(SAMPLE), str(SAMPLE)).to_dict()["records"]
    out = tmp_path / "sample.html"
    assert main(["show", str(SAMPLE), "-o", str(out)]) == 0
    with B.open_page(out, browser_=chromium) as (page, log):
        counts = page.evaluate(
            """() => {
            const marks = [...document.querySelectorAll('mark.rec')];
            const ids = new Set(marks.map(m => m.dataset.r));
            const texts = {};
            for (const m of marks) {
                // a record's own text: its fragments' text in document order
                texts[m.dataset.r] = (texts[m.dataset.r] || '') + m.textContent;
            }
            return {first: document.querySelectorAll('mark.rec.first').length, distinct: ids.size, texts};
        }"""
        )
        assert counts["first"] == counts["distinct"] == len(records)
        # a mark's text holds the text of the marks nested in it, so compare by containment
        for i, r in enumerate(records):
            assert r["text"].replace("\r", "") in counts["texts"][str(i)].replace("\r", "")

        # hover: the card shows the record's fields
        program = next(i for i, r in enumerate(records) if r["type"] == "program")
        page.hover(f"#d0-r{program}")
        tip = page.locator("#wfl-tip")
        assert tip.is_visible()
        assert records[program]["norm"] in tip.inner_text() and "rule" in tip.inner_text()
        B.screenshot(page, "view-hover.png")

        # keyboard: Tab reaches the highlights, and focus shows the same card
        page.mouse.move(0, 0)
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.matches('mark.rec')"):
                break
        focused = page.evaluate("() => +document.activeElement.dataset.r")
        assert tip.is_visible() and records[focused]["norm"] in tip.inner_text()
        page.keyboard.press("Escape")
        assert not tip.is_visible()

        # toggling a type hides its highlights, and only those
        styles = """t => [...document.querySelectorAll('mark.rec.t-' + t)].map(m => getComputedStyle(m).backgroundColor)"""
        assert all(c != "rgba(0, 0, 0, 0)" for c in page.evaluate(styles, "organization"))
        page.click('input[data-toggle="organization"]')
        assert not page.is_checked('input[data-toggle="organization"]')
        hidden = page.evaluate(styles, "organization")
        assert hidden and all(c == "rgba(0, 0, 0, 0)" for c in hidden)
        assert all(c != "rgba(0, 0, 0, 0)" for c in page.evaluate(styles, "program"))
        B.screenshot(page, "view-organizations-hidden.png")
        page.click('input[data-toggle="organization"]')
        assert all(c != "rgba(0, 0, 0, 0)" for c in page.evaluate(styles, "organization"))

        # the outline links scroll to their sections
        link = page.locator(".nav-doc li a").nth(1)
        target = link.get_attribute("href")
        link.click()
        assert page.evaluate("id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight / 2; }", target[1:])
        B.screenshot(page, "view-sample.png")
        # the text is set in a CJK font
        fonts = page.evaluate("() => getComputedStyle(document.querySelector('.text')).fontFamily")
        assert "CJK" in fonts
    _clean(log)


def test_injected_script_in_a_report_does_not_run(chromium, tmp_path: Path) -> None:
    report = tmp_path / "evil.txt"
    body = f"{PAYLOAD_SCRIPT}\n县妇联开展“春蕾计划”{PAYLOAD_IMG}活动，培训妇女200名。\n<style>body{{display:none}}</style>\n"
    report.write_text(body, encoding="utf-8")
    out = tmp_path / "evil.html"
    assert main(["show", str(report), "-o", str(out)]) == 0
    with B.open_page(out, browser_=chromium) as (page, log):
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        shown = page.inner_text(".text")
        assert PAYLOAD_SCRIPT in shown and PAYLOAD_IMG in shown
        assert page.is_visible(".text")  # the injected <style> did not apply
        B.screenshot(page, "view-injection.png")
    _clean(log)


def test_injected_fields_show_as_text_in_the_card(chromium, tmp_path: Path) -> None:
    text = f"{PAYLOAD_SCRIPT}\n县妇联{PAYLOAD_IMG}"
    rec = {"type": "organization", "start": text.index("县妇联"), "end": text.index("县妇联") + 3, "text": "县妇联",
           "norm": PAYLOAD_SCRIPT, "rule": PAYLOAD_IMG}
    out = tmp_path / "fields.html"
    out.write_text(render_document({"doc": PAYLOAD_IMG, "text": text, "records": [rec], "metadata": {"title": PAYLOAD_SCRIPT},
                                    "outline": [{"heading": PAYLOAD_IMG, "start": 0, "end": 4, "children": []}]}), encoding="utf-8")
    with B.open_page(out, browser_=chromium) as (page, log):
        page.hover("mark.rec")
        assert PAYLOAD_SCRIPT in page.inner_text("#wfl-tip") and PAYLOAD_IMG in page.inner_text("#wfl-tip")
        assert page.inner_text("h1") == PAYLOAD_SCRIPT
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        B.screenshot(page, "view-injected-fields.png")
    _clean(log)


def test_dashboard(chromium, tmp_path: Path) -> None:
    docs = corpus_docs()
    docs[0]["title"] = PAYLOAD_SCRIPT
    db = make_store(tmp_path / "c.sqlite", docs, failed=[("bad.docx", "format", PAYLOAD_IMG)])
    out = tmp_path / "report.html"
    assert main(["report", "--db", str(db), "-o", str(out)]) == 0
    with B.open_page(out, browser_=chromium) as (page, log):
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert page.locator("svg.network .node").count() == 4
        page.hover("svg.network .node >> nth=0")
        assert "focused" in page.get_attribute("svg.network", "class")
        assert page.locator("svg.network .edge.hi").count() >= 1
        assert PAYLOAD_IMG in page.inner_text("table.failed")
        assert "sum of mentions" in page.inner_text("#numbers")
        # the charts' Chinese labels are set in a CJK font
        fonts = page.evaluate("() => getComputedStyle(document.querySelector('svg text.lbl')).fontFamily")
        assert "CJK" in fonts
        B.screenshot(page, "dashboard.png", full_page=True)
    _clean(log)


def test_dashboard_of_an_analyzed_corpus(chromium, tmp_path: Path) -> None:
    from wfltext.batch import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sample.txt").write_bytes(SAMPLE.read_bytes())
    (corpus / "evil.txt").write_text(f"{PAYLOAD_SCRIPT}\n县妇联开展“春蕾计划”{PAYLOAD_IMG}活动。\n", encoding="utf-8")
    db = tmp_path / "c.sqlite"
    run(corpus, db, workers=1)
    out = tmp_path / "report.html"
    out.write_text(render_dashboard(db), encoding="utf-8")
    with B.open_page(out, browser_=chromium) as (page, log):
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        docs = json.loads(page.evaluate("() => JSON.stringify([...document.querySelectorAll('table.docs td:first-child')].map(t => t.textContent))"))
        assert docs == ["evil.txt", "sample.txt"]
        B.screenshot(page, "dashboard-analyzed.png", full_page=True)
    _clean(log)
