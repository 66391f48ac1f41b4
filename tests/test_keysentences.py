"""Key sentences: lazy, ranked by TextRank (snownlp) or jieba keywords, shown in the views."""

from __future__ import annotations

from pathlib import Path

import pytest

import wfltext
from wfltext.keysentences import MIN_CHARS, candidates, key_sentences
from wfltext.visualize import render_document

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "corpus" / "reports" / "001_qingshi-town-fl-summary.txt"


@pytest.fixture(scope="module")
def doc() -> wfltext.Document:
    return wfltext.analyze_file(REPORT)


def test_analyze_does_not_compute_them(doc) -> None:
    fresh = wfltext.analyze_file(REPORT)
    assert fresh.records  # the extractors ran
    assert "key_sentences" not in fresh.__dict__  # the cached property was never asked for


@pytest.mark.parametrize("method", ["textrank", "keywords"])
def test_ranked_sentences_in_text_order_with_original_spans(doc, method: str) -> None:
    picked = key_sentences(doc, 4, method)
    assert len(picked) == 4
    assert sorted(k.rank for k in picked) == [1, 2, 3, 4]
    assert [k.start for k in picked] == sorted(k.start for k in picked)
    spans = set(candidates(doc.text))
    for k in picked:
        assert len(k.text) >= MIN_CHARS
        # a simplified, clean report: the original span holds the sentence itself
        assert doc.original[k.start:k.end] == k.text
        assert any(doc.text[s:e] == k.text for s, e in spans)
    # the best sentence scores at least as much as every other pick
    best = min(picked, key=lambda k: k.rank)
    assert all(best.score >= k.score for k in picked)


def test_the_property_is_the_default_five(doc) -> None:
    assert [k.text for k in doc.key_sentences] == [k.text for k in key_sentences(doc, 5, "textrank")]
    assert len(doc.key_sentences) == 5


def test_headings_and_short_lines_are_not_candidates() -> None:
    text = "青石镇妇联2023年工作总结\n一、强化思想引领\n全镇妇联组织开展宣讲活动三十六场，覆盖妇女群众二千余人次。\n谢谢。"
    assert [text[s:e] for s, e in candidates(text)] == ["全镇妇联组织开展宣讲活动三十六场，覆盖妇女群众二千余人次。"]


def test_traditional_script_spans_point_into_the_original(sample_text: str) -> None:
    d = wfltext.analyze(sample_text, types=())
    for k in d.key_sentences:
        # the original holds traditional characters and pinyin; its span is the same sentence
        assert k.end > k.start and wfltext.normalize(d.original[k.start:k.end]).text.replace("\n", "") == k.text


def test_unknown_method_and_empty_text() -> None:
    with pytest.raises(ValueError):
        key_sentences(wfltext.analyze("县妇联。", types=()), 3, "lead")
    assert key_sentences(wfltext.analyze("", types=()), 3) == []


def test_document_view_shows_them_escaped(doc) -> None:
    data = dict(doc.to_dict(), key_sentences=[k.to_dict() for k in doc.key_sentences])
    html = render_document(data)
    assert "要点 Key sentences" in html
    assert html.count('<span class="ks-text">') == 5
    data["key_sentences"] = [{"text": "<script>alert(1)</script>", "start": 0, "end": 3}]
    html = render_document(data)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "Key sentences" not in render_document(doc.to_dict())  # a dict without them shows none


def test_show_and_dashboard_carry_them(tmp_path: Path) -> None:
    from wfltext.batch import run
    from wfltext.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / REPORT.name).write_bytes(REPORT.read_bytes())
    db = tmp_path / "c.sqlite"
    run(corpus, db, workers=1)
    out = tmp_path / "doc.html"
    assert main(["show", "--db", str(db), "--doc", REPORT.name, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('<span class="ks-text">') == 5
    report = tmp_path / "report.html"
    assert main(["report", "--db", str(db), "-o", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    assert 'id="key"' in html and html.count("<li>") >= 3
    first = key_sentences(wfltext.analyze_file(REPORT), 3)[0].text
    assert first in html
    assert main(["report", "--db", str(db), "-o", str(report), "--key-sentences", "0"]) == 0
    assert 'id="key"' not in report.read_text(encoding="utf-8")
