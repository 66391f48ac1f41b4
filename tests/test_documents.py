"""The document-title extractor: the example corpus (corpus/documents), broken and runaway
brackets, boilerplate, the sample report's gold, the project gold set and the real reports."""

from __future__ import annotations

import pytest

import wfltext
from wfltext.evaluate import evaluate
from wfltext.extract import documents
from wfltext.records import DocumentRecord

from .conftest import CORPUS, needs_shared, read_original, real_corpus_files
from .name_examples import NameExamples

EXAMPLES = NameExamples("document", CORPUS / "documents", ("text", "doc_type", "number", "rule"))
_documents = EXAMPLES.extract
_examples = EXAMPLES.load
test_positive_example, test_negative_example_gives_no_document, test_known_failure = EXAMPLES.tests()


# -- brackets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "《" * 1_000_000,
        "》" * 1_000_000,
        "《》" * 500_000,
        "《" + "字" * 1_000_000,
        "《a" * 500_000,
        "》》点击图片进入专题《《" * 50_000,
    ],
    ids=["1MB of 《", "1MB of 》", "empty pairs", "one 《 then text", "《a runs", "chrome runs"],
)
def test_runaway_brackets_give_no_title(text: str) -> None:
    assert documents.title_spans(text) == []
    assert documents.titles(text) == []


def test_many_short_titles_are_each_found() -> None:
    text = "《纲要》" * 100_000
    spans = documents.title_spans(text)
    assert len(spans) == 100_000 and spans[1] == (4, 8)


def test_titles_and_quotations_side_by_side() -> None:
    """Many titles next to many quotations: each quotation is checked against the titles by
    bisection, and a quotation inside a title is part of it."""
    titles = documents.titles("《纲要》“关于加强妇女工作的通知”" * 50_000)
    assert len(titles) == 100_000
    assert {t.rule for t in titles} == {"title in 《》", "quoted title with a document type"}
    assert documents.titles("《关于学习“昆明宣言”的通知》")[0].rule == "title in 《》"
    assert len(documents.titles("《关于学习“昆明宣言”的通知》")) == 1


def test_a_title_longer_than_the_limit_is_no_title() -> None:
    long_title = "《" + "关于" * documents.MAX_TITLE + "的通知》"
    assert documents.title_spans(long_title) == []


def test_titles_in_a_boilerplate_footer_give_no_record() -> None:
    """The normalizer removes 友情提示 footers; no title of the footer reaches the extractor."""
    text = "制定《关于加强妇女工作的意见》。\n友情提示：本文中关于《妇联工作总结》给出的范例仅供您参考拓展思维使用。"
    recs = _documents(text)
    assert [r["norm"] for r in recs] == ["关于加强妇女工作的意见"]


def test_record_fields() -> None:
    doc = wfltext.analyze("印发《关于加强妇联组织建设的意见》（县委办发〔2019〕5号）。", "d", types=("document",))
    (rec,) = doc.records
    assert isinstance(rec, DocumentRecord)
    assert (rec.norm, rec.doc_type, rec.number, rec.rule) == (
        "关于加强妇联组织建设的意见",
        "意见",
        "县委办发〔2019〕5号",
        "title in 《》",
    )


def test_traditional_original_with_pinyin() -> None:
    text = "積極開展《婦(fù)女兒童發(fā)展綱要》宣傳月活動(dòng)。"
    (rec,) = _documents(text)
    assert rec["norm"] == "妇女儿童发展纲要" and rec["doc_type"] == "纲要"
    assert rec["text"] == "《婦(fù)女兒童發(fā)展綱要》"


# -- gold --------------------------------------------------------------------------------------


def test_sample_report_gold() -> None:
    gold = CORPUS / "gold" / "000_6e53a69d3eb90f18.gold.jsonl"
    report, _ = evaluate(gold, types=("document",), texts=CORPUS / "reports")
    assert report.strict["document"].f1 >= 0.90


@needs_shared
def test_project_gold_set() -> None:
    report, _ = evaluate(CORPUS / "gold", types=("document",))
    assert report.strict["document"].f1 >= 0.85


@needs_shared
@pytest.mark.parametrize("path", real_corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_report(path) -> None:
    """Exact offsets; every 《》 record is bracketed in the original and balanced."""
    original = read_original(path)
    doc = wfltext.analyze(original, path.name, types=("document",))
    for r in doc.records:
        assert original[r.start : r.end] == r.text
        if r.rule == "title in 《》":
            assert r.text.startswith("《") and r.text.endswith("》"), r
            assert r.text.count("《") == r.text.count("》"), r
        assert r.norm and "《" not in r.norm and "“" not in r.norm, r
