"""Links between records (wfltext.links), the facts table (wfltext.facts) and link scoring."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import wfltext
from wfltext.evaluate import evaluate_links, score_links
from wfltext.export import read_csv, write_records
from wfltext.facts import FACT_COLUMNS, document_facts
from wfltext.links import check, program_canonicals, resolve
from wfltext.records import Link, from_dict

from .conftest import CORPUS, ROOT, needs_shared, read_original, real_corpus_files


def _by_text(doc, type_):
    return {r.text: r for r in doc.records_of(type_)}


def test_numbers_link_to_the_program_of_their_sentence_and_the_issuing_body():
    doc = wfltext.analyze("县妇联2021年工作总结\n举办“春蕾计划”助学活动，资助贫困女童25名，发放助学金3万元。", "d")
    nums = _by_text(doc, "number")
    for text in ("25名", "3万元"):
        n = nums[text]
        assert n.program is not None and n.program.norm == "春蕾计划"
        assert n.actor == Link("县妇联", 0, True)
        assert doc.original[n.sentence.start : n.sentence.end] == n.sentence.text
    assert nums["2021年"].program is None and nums["2021年"].actor is None  # a date in the title


def test_a_subject_is_the_actor_and_the_bodies_after_lianhe_are_partners():
    doc = wfltext.analyze("县妇联工作总结\n县妇联联合县教育局开展“巾帼建功”活动，培训妇女200名。", "d")
    prog = doc.records_of("program")[0]
    subject = [r for r in doc.records_of("organization") if r.norm == "县妇联"][-1]
    assert prog.actor == Link("县妇联", subject.start, False)
    assert [p.norm for p in prog.partners] == ["县教育局"]
    n = _by_text(doc, "number")["200名"]
    assert n.actor.norm == "县妇联" and n.actor.implied is False
    assert n.program.norm == "巾帼建功活动"


def test_wo_hui_and_sentences_without_a_subject_give_the_implied_body():
    doc = wfltext.analyze("柳溪镇妇联2019年工作总结\n在镇党委的领导下，我会培训妇女50名。全年走访困难家庭30户。", "d")
    first = min(r.start for r in doc.records_of("organization") if r.norm == "柳溪镇妇联")
    for text in ("50名", "30户"):
        assert _by_text(doc, "number")[text].actor == Link("柳溪镇妇联", first, True)


def test_a_number_counted_in_its_own_clause_leaves_the_opening_program_to_the_others():
    text = "县妇联工作总结\n二是开展“学党史、颂党恩、跟党走”系列活动，举办“红色家书”诵读活动12场，评选“巾帼学党史标兵”50名。"
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    assert nums["12场"].program.norm == "红色家书诵读活动"
    assert nums["50名"].program.norm == "学党史、颂党恩、跟党走系列活动"


def test_ages_dates_and_population_figures_have_no_actor():
    text = "县妇联工作总结\n团结带领全县23.6万名妇女建功新时代。为全县35至64岁农村妇女开展免费筛查1.86万人。"
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    assert nums["23.6万名"].actor is None
    assert nums["35至64岁"].actor is None
    assert nums["1.86万人"].actor is not None


def test_resolved_fills_in_the_place_for_a_bare_level():
    assert resolve("县妇联", "海拉尔区") == "海拉尔区妇联"
    assert resolve("镇党委", "东坑镇") == "东坑镇党委"
    assert resolve("县妇联", "东坑镇") is None  # the county of a township is not known
    assert resolve("市妇联", "海拉尔区") is None
    doc = wfltext.analyze("东坑镇妇联2012年工作总结\n2012年，镇妇联在镇党委的领导下开展工作。", "d")
    resolved = {r.norm: r.resolved for r in doc.records_of("organization")}
    assert resolved.get("镇妇联") == "东坑镇妇联" and resolved.get("镇党委") == "东坑镇党委"


def test_program_variants_meet_in_one_canonical_name():
    mapping, merges = program_canonicals(["春蕾计划", "春蕾计划", "春蕾计划助学行动", "春蕾助学", "全民健身工程", "全民健身计划", "七五普法", "八五普法"])
    assert mapping["春蕾计划助学行动"] == mapping["春蕾助学"] == "春蕾计划"
    assert mapping["全民健身工程"] != mapping["全民健身计划"]
    assert mapping["七五普法"] != mapping["八五普法"]
    assert {m.variant for m in merges} == {"春蕾计划助学行动", "春蕾助学"}


def test_generic_program_names_do_not_merge_across_a_corpus():
    # different campaigns of one generic name: a petition backlog and the environment, the
    # national fitness plan and a town's activities, every report's half-year plan
    norms = ["百日攻坚行动", "百日攻坚行动", "百日攻坚活动", "全民健身计划", "全民健身活动", "全民健身活动",
             "下半年计划", "下半年工作计划", "2023年度重点工作", "年度重点工作", "三年攻坚行动", "三年攻坚计划"]
    mapping, merges = program_canonicals(norms + ["巾帼建功", "巾帼建功活动", "巾帼建功活动", "全民科学素质行动计划", "全民科学素质行动"])
    assert {m.variant for m in merges} == {"巾帼建功", "全民科学素质行动计划"}
    assert all(mapping[n] == n for n in norms)
    # a distinctive modifier still merges
    assert mapping["全民科学素质行动计划"] == "全民科学素质行动"


def test_abbreviations_and_full_names_meet():
    doc = wfltext.analyze("县妇联联合县综治办和县社会治安综合治理办公室开展活动。", "d")
    orgs = {r.norm: r for r in doc.records_of("organization")}
    if "县综治办" in orgs:
        assert orgs["县综治办"].canonical == "县社会治安综合治理办公室"


def test_links_survive_json_csv_and_the_store_row():
    doc = wfltext.analyze("县妇联工作总结\n县妇联联合县教育局开展“巾帼建功”活动，培训妇女200名。", "d")
    dicts = [r.to_dict() for r in doc.records]
    assert [from_dict(d).to_dict() for d in dicts] == dicts
    buf = io.StringIO()
    write_records(doc.records, buf, "csv")
    back = list(read_csv(io.StringIO(buf.getvalue())))
    assert back == dicts
    from wfltext.store import RECORD_COLUMNS, record_row, row_record

    cols = ("doc", "seq", *RECORD_COLUMNS[1:], "extra")
    assert [row_record(record_row(d, i), cols) for i, d in enumerate(dicts)] == dicts


def test_score_links_counts_only_links_that_exist():
    gold = [
        {"doc": "a", "type": "number", "norm": "5人", "start": 10, "end": 12, "program": {"norm": "春蕾计划", "start": 1}, "actor": None},
        {"doc": "a", "type": "number", "norm": "6人", "start": 20, "end": 22, "program": None, "actor": {"norm": "县妇联", "start": 0, "implied": True}},
        {"doc": "a", "type": "number", "norm": "7人", "start": 30, "end": 32, "program": None, "actor": None},
    ]
    pred = [
        {"doc": "a", "type": "number", "norm": "5人", "start": 10, "end": 12, "program": {"norm": "春蕾计划", "start": 1}},
        {"doc": "a", "type": "number", "norm": "6人", "start": 20, "end": 22, "actor": {"norm": "县妇联", "start": None, "implied": True}},
        {"doc": "a", "type": "number", "norm": "7人", "start": 30, "end": 32, "actor": {"norm": "县委", "start": 3}},
        {"doc": "a", "type": "number", "norm": "8人", "start": 40, "end": 42, "actor": {"norm": "县委", "start": 3}},  # not in gold: not counted
    ]
    rep = score_links(gold, pred)
    prog, actor = rep.fields["number.program"], rep.fields["number.actor"]
    assert (prog.gold, prog.pred, prog.matched) == (1, 1, 1)
    assert (actor.gold, actor.pred, actor.matched) == (1, 2, 1)
    assert rep.matched["number"] == 3
    assert (rep.issuers, rep.issuers_right) == (1, 1)  # the implied actors name 县妇联 on both sides
    pred[1] = {**pred[1], "actor": {"norm": "镇妇联", "start": None, "implied": True}}
    assert (score_links(gold, pred).issuers, score_links(gold, pred).issuers_right) == (1, 0)


def test_link_intervals_hold_each_fields_figure():
    """Each link field's F1 gets a bootstrap interval over the documents that holds it; a field
    right on every document has no spread."""
    from wfltext.evaluate import format_link_intervals, link_intervals

    gold, pred = [], []
    for i in range(12):
        actor = {"norm": "县妇联", "start": 0}
        gold.append({"doc": f"d{i}", "type": "number", "norm": "5人", "start": 10, "end": 12, "actor": actor,
                     "program": {"norm": "春蕾计划", "start": 1}})
        pred.append({"doc": f"d{i}", "type": "number", "norm": "5人", "start": 10, "end": 12,
                     "actor": actor if i % 3 else {"norm": "县委", "start": 3}, "program": {"norm": "春蕾计划", "start": 1}})
    rep = score_links(gold, pred)
    ci = link_intervals(rep)
    lo, hi = ci["number.actor"]
    assert lo < rep.fields["number.actor"].f1 < hi
    assert ci["number.program"] == (1.0, 1.0)
    assert "bootstrap over the 12 documents" in format_link_intervals(rep)


def test_links_are_also_scored_leniently_as_names_are():
    """A target named in another form of the same name (学校工会 / 校工会) is wrong strictly and
    right leniently; another body (镇妇联 for 县妇联) is wrong both ways."""
    gold = [
        {"doc": "a", "type": "number", "norm": "5人", "start": 10, "end": 12, "actor": {"norm": "学校工会", "start": 0, "implied": True}},
        {"doc": "a", "type": "number", "norm": "6人", "start": 20, "end": 22, "actor": {"norm": "县妇联", "start": 3}},
    ]
    pred = [
        {"doc": "a", "type": "number", "norm": "5人", "start": 10, "end": 12, "actor": {"norm": "校工会", "start": None, "implied": True}},
        {"doc": "a", "type": "number", "norm": "6人", "start": 20, "end": 22, "actor": {"norm": "镇妇联", "start": 3}},
    ]
    rep = score_links(gold, pred)
    strict, lenient = rep.fields["number.actor"], rep.lenient["number.actor"]
    assert (strict.gold, strict.pred, strict.matched) == (2, 2, 0)
    assert (lenient.gold, lenient.pred, lenient.matched) == (2, 2, 1)
    assert (rep.issuers, rep.issuers_right, rep.issuers_lenient) == (1, 0, 1)
    assert rep.to_dict()["issuers"]["right_leniently"] == 1


def test_the_dev_links_gold_is_consistent_and_scored():
    folder = CORPUS / "links" / "dev"
    rep, docs = evaluate_links(folder, model=True)
    assert len(docs) >= 8
    for d in docs:
        # every gold link points to a record of the document's name gold, or is an implied body
        assert d.text and all(d.text[r["start"] : r["end"]] == r["text"] for r in d.records)
    assert rep.matched["number"] > 300 and rep.matched["program"] > 60
    for key in ("number.program", "number.actor", "program.actor"):
        assert rep.fields[key].gold > 0 and rep.fields[key].f1 > 0.7


def test_a_links_gold_of_web_pages_without_their_texts_is_skipped(tmp_path):
    (tmp_path / "manifest.jsonl").write_text(json.dumps({"id": "p", "source": "scraped:p.txt", "links": "p.links.jsonl"}) + "\n", encoding="utf-8")
    (tmp_path / "p.links.jsonl").write_text("", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "wfltext", "evaluate", str(tmp_path)], capture_output=True, text=True,
                         env={"PATH": "", "WFLTEXT_SCRAPED_TEXTS": str(tmp_path / "none")}, cwd=ROOT)
    assert out.returncode == 0
    assert "skipped" in out.stderr and "--texts" in out.stderr


def _assert_facts(doc) -> list[dict]:
    records = [r.to_dict() for r in doc.records]
    assert check(records) == []
    rows = document_facts(doc)
    for row in rows:
        assert doc.original[row["start"] : row["end"]] == row["text"]
        assert doc.original[row["sentence_start"] : row["sentence_end"]] == row["sentence"]
        assert row["sentence_start"] <= row["start"] < row["end"] <= row["sentence_end"]
    return rows


def test_facts_of_the_bundled_corpus():
    rows = []
    for path in sorted((CORPUS / "reports").glob("*.*")):
        if path.suffix in (".txt", ".html", ".docx"):
            rows += _assert_facts(wfltext.analyze_file(path, doc_id=path.name))
    assert rows and set(rows[0]) == set(FACT_COLUMNS)
    assert any(r["program"] for r in rows) and any(r["actor"] for r in rows)


@needs_shared
def test_facts_of_the_real_corpus_have_exact_offsets_and_no_dangling_links():
    n = 0
    for path in real_corpus_files():
        n += len(_assert_facts(wfltext.analyze(read_original(path), path.name)))
    assert n > 1000


def test_export_and_load_facts(tmp_path):
    pytest.importorskip("pyarrow")
    db = tmp_path / "c.sqlite"
    subprocess.run([sys.executable, "-m", "wfltext", "run", str(CORPUS / "reports"), "--db", str(db), "--workers", "1"],
                   check=True, capture_output=True, cwd=ROOT)
    frame = wfltext.load(str(db), what="facts")
    assert list(frame.columns) == list(FACT_COLUMNS) and len(frame) > 0
    for fmt, out in (("csv", tmp_path / "f.csv"), ("jsonl", tmp_path / "f.jsonl"), ("parquet", tmp_path / "pq")):
        subprocess.run([sys.executable, "-m", "wfltext", "export", "--db", str(db), "--what", "facts", "--format", fmt, "-o", str(out)],
                       check=True, capture_output=True, cwd=ROOT)
    with open(tmp_path / "f.csv", encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.DictReader(f))) == len(frame)
    assert sum(1 for line in open(tmp_path / "f.jsonl", encoding="utf-8") if line.strip()) == len(frame)
    again = wfltext.load(str(tmp_path / "pq"), what="facts")
    assert len(again) == len(frame) and list(again["start"]) == list(frame["start"])
    texts: dict[str, str] = {}
    for row in frame.to_dict("records"):
        doc = row["doc"]
        if doc not in texts:
            path = Path(doc.split("#")[0])
            texts[doc] = wfltext.read(path if path.is_absolute() else CORPUS / "reports" / path.name).text
        assert texts[doc][row["start"] : row["end"]] == row["text"]
    merges = wfltext.load(str(db), what="merges")
    assert list(merges.columns) == ["variant", "canonical", "rule", "mentions", "score"]


def test_the_dashboard_has_a_page_per_program_and_organization(tmp_path):
    pytest.importorskip("pandas")
    import pandas as pd

    from wfltext.visualize.dashboard import corpus_stats, render_stats

    doc = wfltext.analyze("县妇联2021年工作总结\n举办“春蕾计划”助学活动，资助贫困女童25名，发放助学金3万元，另资助30名。", "a.txt")
    records = pd.DataFrame([r.to_dict() for r in doc.records])
    documents = pd.DataFrame([{"id": "a.txt", "path": "a.txt", "status": "done", "year": 2021, "place": "云溪县", "genre": "工作总结"}])
    stats = corpus_stats(records, documents)
    prog = next(p for p in stats["program_pages"] if p["name"] == "春蕾计划")
    by_unit = {n["unit"]: n for n in prog["numbers"]}
    assert by_unit["元"]["sum"] == 30000 and by_unit["名"]["sum"] == 55  # summed only within one unit
    assert stats["organization_pages"][0]["name"]
    html = render_stats(stats)
    assert "春蕾计划" in html and 'class="linkpage"' in html


def test_the_report_period_meetings_and_population_make_up_have_no_actor():
    text = ("县妇联工作总结\n一年来，县妇联培训妇女200名。过去五年，全县妇女事业发展。县妇联第十九次代表大会召开。"
            "全乡现有残疾人300人，已办证200人，文盲20人。其中35岁以下党员11名，村党支部下设3个党小组。"
            "满意度连续3年保持在95%以上。")
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    for t in ("一年", "五年", "第十九次", "300人", "200人", "20人", "11名", "3个"):
        assert nums[t].actor is None, t
    for t in ("200名", "3年", "95%以上"):
        assert nums[t].actor is not None, t


def test_terms_of_a_body_editions_of_a_day_and_page_numbers_have_no_links():
    text = ("县总工会工作总结\n县总工会召开第三届会员代表大会，选举产生第三届工会委员会。"
            "社区在第26次全国助残日开展“助残”宣传活动，走访残疾人家庭50户。第1页共144页")
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    for t in ("第三届", "第1页", "144页"):
        if t in nums:
            assert nums[t].actor is None and nums[t].program is None, t
    assert nums["第26次"].program is None  # an edition of the day, not one of its counts
    assert nums["50户"].actor is not None


def test_the_bodies_after_ge_are_the_subject():
    text = "县妇联工作总结\n各乡镇妇联共举办培训班40期，培训妇女2000人次。"
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    assert nums["40期"].actor.norm == "乡镇妇联" and not nums["40期"].actor.implied


def test_partners_go_to_the_program_their_verb_governs():
    text = ("县妇联工作总结\n深入实施“巾帼素质提升工程”，依托县职教中心举办培训班12期。"
            "实施“平安家庭”创建，联合县综治办表彰示范户50户。指导县少工委开展“红领巾心向党”主题教育活动。")
    progs = {r.norm: r for r in wfltext.analyze(text, "d").records_of("program")}
    assert [x.norm for x in progs["巾帼素质提升工程"].partners] == []
    assert [x.norm for x in progs["平安家庭创建"].partners] == ["县综治办"]
    assert [x.norm for x in progs["红领巾心向党主题教育活动"].partners] == ["县少工委"]


def test_a_subject_after_a_semicolon_is_no_actor_of_what_stands_before():
    text = "县团委工作总结\n全县326个基层团组织全部完成对标定级；县实验中学团委开展志愿服务活动30场。"
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    assert nums["326个"].actor.implied
    assert nums["30场"].actor.norm == "县实验中学团委"


def test_a_body_that_runs_the_program_in_a_relative_clause_is_its_actor():
    text = ("镇妇联工作总结\n推荐8名女能人参加省妇联举办的“农村电商女带头人”示范培训班。"
            "为落实全国妇联、省妇联开展寻找最美家庭活动的工作部署，镇妇联组织开展宣传。"
            "镇妇联组织县教育局开展“护苗”行动。")
    doc = wfltext.analyze(text, "d")
    progs = {r.norm: r for r in doc.records_of("program")}
    assert progs["农村电商女带头人示范培训班"].actor.norm == "省妇联"
    zuimei = progs["寻找最美家庭活动"]
    assert zuimei.actor.norm == "全国妇联" and [x.norm for x in zuimei.partners] == ["省妇联"]
    assert progs["护苗行动"].actor.norm == "镇妇联"  # 县教育局 is led, not the runner
    assert _by_text(doc, "number")["8名"].actor.implied


def test_a_program_in_the_title_is_the_issuers():
    doc = wfltext.analyze("镇妇联“美丽庭院”创建活动总结\n镇妇联开展创建活动，评选示范户20户。", "d")
    title = min(doc.records_of("program"), key=lambda r: r.start)
    assert title.actor is not None and title.actor.implied


def test_grades_and_the_make_up_of_a_body_have_no_actor():
    text = ("镇关工委工作总结\n镇关工委由镇党委副书记、退休老干部共14人组成，其中4人是老同志。"
            "团支部看望三年级的留守学生，组建由12名青年组成的志愿队伍。来自镇卫生院的志愿者为43名老人义诊。")
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    assert nums["14人"].actor is None and nums["三年级"].actor is None
    assert nums["12名"].actor is not None
    assert nums["43名"].actor.norm == "镇卫生院"


def test_bodies_listed_among_the_honoured_are_no_actor():
    text = "县直机关妇委会工作总结\n县税务局、县法院等3个集体获评省级巾帼文明岗，12名女干部获评市级巾帼建功标兵。"
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    assert nums["3个"].actor.implied and nums["12名"].actor.implied


def test_a_national_body_read_off_a_local_report_gives_the_body_of_its_level():
    doc = wfltext.analyze("全国妇联\n妇联五年工作述职报告\n五年来，我县妇女工作得到长足发展。全年培训妇女300名。", "d")
    n = _by_text(doc, "number")["300名"]
    if n.actor is not None and n.actor.implied:
        assert n.actor.norm != "全国妇联"


def test_a_stative_count_followed_by_work_keeps_its_actor():
    text = "县妇联工作总结\n积极推荐女干部。现有7位女干部选拔交流到县直机关。现有党员58名，新发展党员3名。"
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    assert nums["7位"].actor is not None and nums["3名"].actor is not None
    assert nums["58名"].actor is None


def test_the_issuer_named_by_wo_in_the_head_and_never_a_verb_before_it():
    doc = wfltext.analyze("一年来，我村党支部在上级党委的领导下开展工作，新发展党员2名。", "d")
    n = _by_text(doc, "number")["2名"]
    assert n.actor is not None and n.actor.norm == "村党支部" and n.actor.implied
    doc = wfltext.analyze("妇联半年总结\n\n20*年上半年，县妇联紧紧围绕中心工作。2月23日，召开县妇联执委会议。全年培训妇女300名。", "d")
    assert _by_text(doc, "number")["300名"].actor.norm == "县妇联"


def test_a_plan_target_after_several_programs_stands_for_the_plan():
    text = ("县妇联工作计划\n2022年，县妇联将擦亮“巾帼建功”“家家幸福安康工程”两大品牌，扩大“春蕾计划”资助覆盖面，"
            "力争全年培训农村妇女不少于2000人次，新增巾帼示范基地10个。开展“五好文明家庭”创建活动，力争创建率达到60%以上。")
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    assert nums["不少于2000人次"].program is None and nums["10个"].program is None
    assert nums["60%以上"].program is not None and nums["60%以上"].program.norm == "五好文明家庭创建活动"


def test_participants_after_an_enumeration_belong_to_the_program_that_holds_it():
    text = "镇妇联工作总结\n开展“巾帼文化节”系列活动，举办广场舞大赛、手工编织比赛等活动，参与妇女近千人。"
    n = _by_text(wfltext.analyze(text, "d"), "number")["近千人"]
    assert n.program is not None and n.program.norm.startswith("巾帼文化节")


def test_survey_findings_and_the_economy_of_a_place_have_no_actor():
    text = ("县妇联调研报告\n县妇联发放问卷500份。调查显示，68.5%的受访妇女希望参加技能培训，42%有创业意愿。"
            "2021年，村集体经济收入达到52.6万元，较2018年增长近3倍。")
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    assert nums["500份"].actor is not None
    for t in ("68.5%", "42%", "52.6万元", "近3倍"):
        assert nums[t].actor is None, t


def test_a_statistic_runs_into_a_sentence_opening_with_qizhong():
    text = "县妇联调研报告\n全县共有妇女12.5万人。其中农村妇女8.3万人，留守妇女1.2万人。全县有妇女之家326个。县妇联培训妇女200人。"
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    for t in ("12.5万人", "8.3万人", "1.2万人", "326个"):
        assert nums[t].actor is None, t
    assert nums["200人"].actor is not None


def test_a_corpus_run_gives_program_records_their_canonical_name(tmp_path):
    pytest.importorskip("datasketch")
    from wfltext.batch import run
    from wfltext.store import Store

    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text("县妇联2021年工作总结\n开展“美丽庭院”创建活动，评选示范户20户。", encoding="utf-8")
    (reports / "b.txt").write_text("县妇联2022年工作总结\n开展“美丽庭院”创建活动，新建示范户30户。深化“美丽庭院”创建行动。", encoding="utf-8")
    (reports / "c.txt").write_text("县妇联2023年工作总结\n推进“美丽庭院”创建，评选示范户5户。", encoding="utf-8")
    db = tmp_path / "c.sqlite"
    run(reports, db, workers=1)
    with Store(db, create=False) as store:
        programs = [r for r in store.records(types=["program"])]
    names = {(r["norm"], r.get("canonical")) for r in programs}
    assert ("美丽庭院创建活动", None) in names  # the canonical name itself (the most mentioned)
    assert ("美丽庭院创建行动", "美丽庭院创建活动") in names and ("美丽庭院创建", "美丽庭院创建活动") in names



#: numbers no body did (no actor) beside numbers of the same text that keep theirs, per cause
NO_ACTOR = [
    # the share of a group a relative clause defines is the make-up of a population; a rate the
    # body reached, written without the relative clause's 的, keeps its actor
    pytest.param("县妇联调研报告\n从文化程度看，初中及以下学历的占78.3%，大专及以上学历的仅占4.1%；"
                 "对法律咨询有需求的分别占35.2%、28.7%。县妇联培训留守妇女200人，就业率占90%。",
                 ("78.3%", "4.1%", "35.2%"), ("200人", "90%"), id="share-of-a-group"),
    # 辖 counts a place's units; 辖区 is the area a body serves
    pytest.param("街道妇联工作计划\n全街道辖12个社区。为辖区1.2万名适龄妇女提供免费筛查，筛查率达到91.5%。",
                 ("12个",), ("1.2万名", "91.5%"), id="area-served"),
    # an ordinal quarter is a period, as 第一年 is
    pytest.param("公司工会第三季度工作总结\n三季度，公司工会组织职工学习3次。",
                 ("第三季度", "三季度"), ("3次",), id="quarter"),
]


@pytest.mark.parametrize("text, without, with_actor", NO_ACTOR)
def test_numbers_no_body_did_have_no_actor(text: str, without: tuple[str, ...], with_actor: tuple[str, ...]) -> None:
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    for t in without:
        assert nums[t].actor is None, t
    for t in with_actor:
        assert nums[t].actor is not None, t


def test_a_proposal_names_who_is_to_do_it():
    text = ("县妇联调研报告\n一、对策建议\n建议由县人社局牵头，联合县农业农村局，每年培训不少于1000人次。"
            "建议县财政局每年安排专项资金不少于50万元。")
    nums = _by_text(wfltext.analyze(text, "d"), "number")
    assert nums["不少于1000人次"].actor.norm == "县人社局"
    assert nums["不少于50万元"].actor.norm == "县财政局"


def test_sentences_holding_are_the_sentence_scan_s() -> None:
    """The linker visits the sentences holding a number's or a program's start, found from
    those starts: the same spans, in the same order, as the sentences of _SENTENCE.finditer that
    hold one of them, on the real reports (their normalized text) for the records' starts and
    for random positions (on sentence ends, at the text's ends, repeated)."""
    import random

    from wfltext.links import _SENTENCE, _sentences_holding

    rng = random.Random(9)
    texts = [wfltext.Document(read_original(p)).text for p in real_corpus_files()]
    texts += ["", "。", "甲。乙\n\n丙！", "无句末"]
    for text in texts:
        sentences = [m.span() for m in _SENTENCE.finditer(text)]
        for positions in (
            sorted(r.start for r in wfltext.Document(text).extract(["number"], model=False)) if len(text) > 100 else [],
            sorted(rng.randrange(-2, len(text) + 3) for _ in range(rng.randint(0, 300))),
            list(range(-1, min(len(text), 400) + 2)),
        ):
            want = [(s, e) for s, e in sentences if any(s <= p < e for p in positions)]
            assert list(_sentences_holding(text, positions)) == want


def test_the_linker_alone_on_the_gold_s_own_records():
    """--gold-records: every gold number and program is found by both sides (the prediction is
    the gold's records, linked), every link points to one of them, and the linker's figures are
    scored as the end-to-end ones are."""
    from wfltext.evaluate import link_gold_records, load_links_gold, read_jsonl
    from wfltext.links import check

    folder = CORPUS / "links" / "dev"
    rep, docs = evaluate_links(folder, gold_records=True)
    entries = {e["id"]: e for e in read_jsonl(folder / "manifest.jsonl")}
    gold = [r for d in docs for r in d.records]
    assert rep.matched["number"] == sum(r["type"] == "number" for r in gold)
    assert rep.matched["program"] == sum(r["type"] == "program" for r in gold)
    doc = load_links_gold(folder)[0]
    names = read_jsonl(folder / entries[doc.id]["names"])
    linked = link_gold_records(doc, names)
    assert [(r["type"], r["start"], r["end"], r["norm"]) for r in linked] == [(r["type"], r["start"], r["end"], r["norm"]) for r in names]
    assert any(r.get("actor") for r in linked) and check(linked) == []
    for key in ("number.program", "number.actor", "program.actor"):
        assert rep.fields[key].gold > 0 and rep.fields[key].f1 > 0.7


def test_the_linker_on_gold_records_needs_the_name_gold(tmp_path):
    """A links gold whose manifest names no name gold: a clear error, not a KeyError."""
    from wfltext.errors import InputError

    (tmp_path / "t.txt").write_text("县妇联培训妇女200名。", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(json.dumps({"id": "t", "source": "t.txt", "links": "t.links.jsonl"}) + "\n", encoding="utf-8")
    (tmp_path / "t.links.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="name gold"):
        evaluate_links(tmp_path, gold_records=True)
    out = subprocess.run([sys.executable, "-m", "wfltext", "evaluate", str(tmp_path), "--gold-records"], capture_output=True,
                         text=True, encoding="utf-8")
    assert out.returncode == 2 and "name gold" in out.stderr and "Traceback" not in out.stderr
