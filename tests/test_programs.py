"""The program extractor: the example corpus (corpus/programs), the sample report's gold, the
project gold set and the real reports (no flooding, exact offsets)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import wfltext
from wfltext.evaluate import Counts, evaluate
from wfltext.extract import programs
from wfltext.records import ProgramRecord

from .conftest import CORPUS, SHARED, needs_shared, read_original, real_corpus_files
from .name_examples import NameExamples

EXAMPLES = NameExamples("program", CORPUS / "programs", ("text", "level", "edition", "target", "theme"))
_programs = EXAMPLES.extract
_examples = EXAMPLES.load
test_positive_example, test_negative_example_gives_no_program, test_known_failure = EXAMPLES.tests()


def test_records_carry_rule_and_type() -> None:
    doc = wfltext.analyze("继续实施“春蕾计划”，开展贫困女大学生阳光救助行动。", types=("program",))
    recs = doc.records
    assert all(isinstance(r, ProgramRecord) and r.rule for r in recs)
    assert [(r.norm, r.rule, r.target) for r in recs] == [
        ("春蕾计划", "quoted name", None),
        ("阳光救助行动", "named head", "贫困女大学生"),
    ]


def test_offsets_point_into_the_original_through_normalization() -> None:
    # traditional script with inline pinyin: the record spans the original characters
    original = "啟動“關(guān)愛乳房、關(guān)注女性健康”粉紅絲帶行動(dòng)。"
    doc = wfltext.analyze(original, types=("program",))
    (rec,) = doc.records
    assert rec.norm == "粉红丝带行动"
    assert rec.text == original[rec.start : rec.end] == "粉紅絲帶行動(dòng)"
    assert rec.theme == "关爱乳房、关注女性健康"


def test_quote_roles_tell_names_cores_and_themes() -> None:
    doc = wfltext.Document("实施“春蕾计划”，开展“创先争优”活动，启动“关爱乳房、关注女性健康”粉红丝带行动。")
    roles = programs.quote_roles(doc)
    starts = [i for i, c in enumerate(doc.text) if c == "“"]
    assert [roles.get(s) for s in starts] == ["name", "core", "theme"]


def test_edition_and_level_fields() -> None:
    recs = _programs("举办第五届巾帼文化节趣味运动会，参加省“阳光工程”培训。")
    assert [(r["norm"], r.get("edition"), r.get("level")) for r in recs] == [
        ("巾帼文化节趣味运动会", 5, None),
        ("阳光工程", None, "省"),
    ]


def test_adversarial_input_is_read_without_records_out_of_place() -> None:
    # long runs of quotes, heads and list marks: every span still maps to the original
    text = ("“" * 300 + "活动" * 300 + "、等工程" * 300 + "“春蕾计划”" * 50)
    doc = wfltext.analyze(text, types=("program",))
    assert all(text[r.start : r.end] == r.text for r in doc.records)
    assert sum(r.norm == "春蕾计划" for r in doc.records) == 50


def _f1(gold: Path, types: tuple[str, ...], texts: Path | None = None) -> tuple[float, float]:
    report, _ = evaluate(gold, types=types, texts=texts)
    return report.strict["program"].f1, report.lenient["program"].f1


def test_sample_report_gold_strict_f1() -> None:
    strict, _ = _f1(CORPUS / "gold" / "000_6e53a69d3eb90f18.gold.jsonl", ("program",), CORPUS / "reports")
    assert strict >= 0.90


@needs_shared
def test_project_gold_set_f1() -> None:
    # the gold set holds 28 written template-site pages whose first measurement was 0.83; the
    # floor sits under the figure measured on the whole set by the rules alone (0.908 strict,
    # 0.932 lenient: the tagger, trained on this set, gives no program spans since the untouched
    # sets showed they lower the figure there; with them it read 0.923 / 0.947 here)
    strict, lenient = _f1(CORPUS / "gold", ("program",))
    assert strict >= 0.90
    assert lenient >= 0.92


def independent_gold_f1(type_: str) -> float:
    """Strict F1 over the gold documents annotated apart from the extractors (the manifest says
    so in their ``origin``): the figure that tells how the rules generalize."""
    report, docs = evaluate(CORPUS / "gold", types=(type_,))
    manifest = [json.loads(line) for line in open(CORPUS / "gold" / "manifest.jsonl", encoding="utf-8") if line.strip()]
    independent = {m["id"] for m in manifest if "independently of the extractors" in m.get("origin", "")}
    total = Counts()
    for doc_id, types in report.by_doc.items():
        if doc_id.split("#")[0] in independent:
            total.add(types[type_][0])
    assert total.gold, "no independently annotated document in the gold set"
    return total.f1


@needs_shared
def test_independently_annotated_gold_strict_f1() -> None:
    assert independent_gold_f1("program") >= 0.92


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize("path", real_corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_report_is_not_flooded(path: Path) -> None:
    original = read_original(path)
    doc = wfltext.analyze(original, str(path), types=("program",))
    recs = doc.records
    assert all(original[r.start : r.end] == r.text for r in recs)
    # a report names programs, it is not made of them: the densest gold section (a 2026
    # provincial report's 民生实事) has 11 a thousand characters, whole reports far fewer
    assert len(recs) <= 8 * len(doc.text) / 1000 + 5
    assert all(len(r.norm) >= 2 for r in recs)


@pytest.mark.skipif(SHARED is None, reason="../shared is not beside this clone")
def test_real_report_names_its_programs() -> None:
    # the 海拉尔区 2014 report: programs the annotators agree on across the whole file
    path = SHARED / "realcorpus" / "hailaer-county-gov" / "003.txt"
    norms = {r.norm for r in wfltext.analyze(read_original(path), types=("program",)).records}
    assert {"菜篮子工程", "安全饮水工程", "文化惠民工程", "爱国卫生运动"} <= norms
    assert not norms & {"一期工程", "品牌工程", "民生工程"}


def test_straight_quotes_and_corner_brackets_are_quotes() -> None:
    text = '开展"春蕾计划"和「巾帼建功」活动，他说"半'
    assert programs.curly_quotes(text) == "开展“春蕾计划”和“巾帼建功”活动，他说\"半"
    assert [(r.norm, r.text) for r in wfltext.analyze(text, types=("program",)).records] == [
        ("春蕾计划", '"春蕾计划"'),
        ("巾帼建功活动", "「巾帼建功」活动"),
    ]


def test_coordinated_core_is_named_by_its_rule() -> None:
    (rec,) = _programs("实施单亲母亲和困难母亲就业帮扶行动。")
    assert rec["norm"] == "单亲母亲和困难母亲就业帮扶行动"
    assert rec["text"] == "单亲母亲和困难母亲就业帮扶行动"
    doc = wfltext.analyze("实施单亲母亲和困难母亲就业帮扶行动。", types=("program",))
    assert doc.records[0].rule == "named head, coordinated core"
