"""The issuing-body ranker (wfltext.learn.issuer): its shipped weights, its training, its choice."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import wfltext
from wfltext.learn import issuer as ranker
from wfltext.links import RANKER_FEATURES, RANKER_PATH, RANKER_VERSION, Body, choose_issuer, issuer_candidates, issuing_body, load_ranker, rules_issuing_body

#: reports written for this test (not page text): a compilation heading over a town's report,
#: a title naming its body, a report that names its union 我校工会 (校工会, the convention)
_PAGES = {
    "heading": ("乡镇妇联工作总结范文（精选）\n以下是小编整理的乡镇妇联工作总结，供大家参考。\n"
                "一年来，石岭镇妇联在镇党委的领导下，举办培训班6期，培训妇女320人。", "石岭镇妇联"),
    "titled": ("青山县总工会2021年工作总结\n一年来，在县委的领导下，青山县总工会新建基层工会12个，"
               "发展会员1300人。", "青山县总工会"),
    "school": ("工会工作计划\n本学期，我校工会以服务教职工为中心，组织教职工开展文体活动5次，慰问困难教职工12人。",
               "校工会"),
}


@pytest.fixture()
def tiny_issuers(tmp_path: Path) -> tuple[Path, Path]:
    gold, texts = tmp_path / "gold", tmp_path / "texts"
    gold.mkdir()
    texts.mkdir()
    lines = []
    for name, (text, norm) in _PAGES.items():
        (texts / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
        raw = text.encode("utf-8")
        start = text.find(norm)
        lines.append(json.dumps({
            "id": name, "source": f"scraped:{name}.txt", "sha256": hashlib.sha256(raw).hexdigest(),
            "bytes": len(raw), "chars": len(text),
            "issuer": {"norm": norm, "start": start if start >= 0 else None,
                       "end": start + len(norm) if start >= 0 else None, "text": norm if start >= 0 else None},
        }, ensure_ascii=False))
    (gold / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gold, texts


def test_the_shipped_weights_are_there_for_these_features() -> None:
    model = load_ranker()
    assert model is not None, "wfltext/models/issuer.json is missing or made for other features"
    assert model["version"] == RANKER_VERSION and model["features"] == list(RANKER_FEATURES)
    assert len(model["weights"]) == len(model["mean"]) == len(model["scale"]) == len(RANKER_FEATURES)
    assert len(model["digest"]) == 64 and model["pages"] == 50


def test_training_is_deterministic_and_records_its_data(tiny_issuers: tuple[Path, Path], tmp_path: Path) -> None:
    gold, texts = tiny_issuers
    a = ranker.train([(gold, texts)], tmp_path / "a.json")
    b = ranker.train([(gold, texts)], tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert a == b and a["pages"] == 3 and a["features"] == list(RANKER_FEATURES)
    # another gold, another digest
    (texts / "school.txt").write_text(_PAGES["school"][0] + "\n", encoding="utf-8", newline="")
    manifest = [json.loads(line) for line in (gold / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    raw = (texts / "school.txt").read_bytes()
    manifest[2].update(sha256=hashlib.sha256(raw).hexdigest(), bytes=len(raw), chars=len(raw.decode()))
    (gold / "manifest.jsonl").write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in manifest), encoding="utf-8")
    assert ranker.train([(gold, texts)])["digest"] != a["digest"]


def test_a_trained_ranker_chooses_the_body_it_was_taught(tiny_issuers: tuple[Path, Path], tmp_path: Path) -> None:
    gold, texts = tiny_issuers
    model = ranker.train([(gold, texts)])
    for text, norm in _PAGES.values():
        doc = wfltext.analyze(text)
        orgs = [r for r in doc.records if r.type == "organization"]
        body = choose_issuer(doc, orgs, rules_issuing_body(doc, orgs), model)
        assert body is not None and body.norm == norm


def test_the_choice_is_a_candidate_and_its_start_a_record_of_it() -> None:
    for text, _ in _PAGES.values():
        doc = wfltext.analyze(text)
        orgs = [r for r in doc.records if r.type == "organization"]
        rules = rules_issuing_body(doc, orgs)
        body = issuing_body(doc, orgs)
        assert body is not None
        assert body.norm in {norm for norm, _, _ in issuer_candidates(doc, orgs, rules)}
        if body.start is not None:
            assert any(r.start == body.start and r.norm == body.norm for r in orgs) or (rules and body == rules)


def test_no_body_where_the_rules_read_none_and_the_rules_without_weights() -> None:
    # a government report names no issuing body of the genre: no implied actor, whatever the
    # bodies its text names (a college, a hospital)
    text = "过去一年，全省经济运行稳中有进。省人民医院新建病房楼一座，宁夏警官职业学院招生1200人。"
    doc = wfltext.analyze(text)
    orgs = [r for r in doc.records if r.type == "organization"]
    assert orgs and rules_issuing_body(doc, orgs) is None
    assert issuing_body(doc, orgs) is None
    doc = wfltext.analyze(_PAGES["titled"][0])
    orgs = [r for r in doc.records if r.type == "organization"]
    rules = rules_issuing_body(doc, orgs)
    assert choose_issuer(doc, orgs, rules, model=None) == rules or load_ranker() is not None
    assert isinstance(rules, Body)


def test_weights_made_for_other_features_are_not_used(tmp_path: Path) -> None:
    model = dict(load_ranker() or {})
    model["features"] = ["something else"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    load_ranker.cache_clear()
    try:
        assert load_ranker(str(path)) is None
    finally:
        load_ranker.cache_clear()


def test_training_without_the_pages_texts_is_a_clear_error(tiny_issuers: tuple[Path, Path], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WFLTEXT_SCRAPED_TEXTS", raising=False)
    gold, _ = tiny_issuers
    with pytest.raises(SystemExit) as exit_:
        ranker.main([str(gold), "-o", str(tmp_path / "w.json")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "not distributed" in err and "GOLD=TEXTS" in err
    assert not (tmp_path / "w.json").exists()


def test_without_the_learned_parts_the_issuing_body_is_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    # model=False (wfltext evaluate --no-model) leaves the ranker out with the name tagger: the
    # ranker is never asked, and the implied actors are the rules' body
    import wfltext.links as links

    def no_ranker(*args, **kwargs):
        raise AssertionError("the ranker was asked")

    monkeypatch.setattr(links, "choose_issuer", no_ranker)
    for text, _ in _PAGES.values():
        doc = wfltext.Document(text)
        records = doc.extract(model=False)
        orgs = [r for r in records if r.type == "organization"]
        rules = rules_issuing_body(doc, orgs)
        assert links.issuer(doc, records, model=False) == rules
        implied = {r.actor.norm for r in records if r.type in ("number", "program") and r.actor and r.actor.implied}
        assert implied <= ({rules.norm} if rules else set())
    with pytest.raises(AssertionError, match="ranker was asked"):
        wfltext.Document(_PAGES["heading"][0]).extract()


def _issuer(text: str) -> tuple[Body | None, Body | None]:
    doc = wfltext.analyze(text)
    orgs = [r for r in doc.records if r.type == "organization"]
    return rules_issuing_body(doc, orgs), issuing_body(doc, orgs)


@pytest.mark.parametrize(("text", "norm"), [
    # a compilation's heading over a company's report that names its union at a clause's start
    ("2024年工会小组年度总结篇1\n五年来，公司工会在上级工会和党支部的领导下，组织职工开展技能竞赛3次，慰问困难职工26人。", "公司工会"),
    ("社区工作计划范文1\n为做好今年的低保工作，社区居委会有专人分管，全年走访困难家庭120户。", "社区居委会"),
    ("老龄的工作总结范文\n老龄工作委员会办公室在局党组的正确领导下，全年走访慰问老人320人。", "老龄工作委员会办公室"),
])
def test_where_the_rules_read_no_body_the_ranker_names_the_one_the_head_names(text: str, norm: str) -> None:
    rules, body = _issuer(text)
    assert rules is None
    assert body is not None and body.norm == norm and body.start == text.find(norm)


def test_where_the_rules_read_no_body_a_government_report_keeps_none() -> None:
    # a body below the report's level (全省 … 居村委会) and a college are no issuer
    text = "过去一年，全省经济运行稳中有进。城乡居民收入增长6%。\n居村委会完成换届，成都航空职业技术大学招生1200人。"
    assert _issuer(text) == (None, None)


def test_the_shipped_weights_carry_the_log_odds_of_a_right_candidate(tiny_issuers: tuple[Path, Path]) -> None:
    import math

    assert load_ranker()["prior"] < 0
    gold, texts = tiny_issuers
    from wfltext.evaluate import manifest_texts

    _, y, _ = ranker.examples(list(manifest_texts(gold, texts, None)))
    share = sum(y) / len(y)
    assert ranker.train([(gold, texts)])["prior"] == round(math.log(share / (1 - share)), 6)


@pytest.mark.parametrize(("text", "norm"), [
    # a template site's title for every township, over a compilation: the town's own body
    ("乡镇工会工作计划\n\n乡镇工会工作计划 篇一\n\n今年，全镇工会工作的总体思路是：在镇党委的领导下，镇总工会将新建基层工会5个，发展会员600人。",
     "镇总工会"),
    ("乡镇妇联工作计划四篇\n以下是小编整理的乡镇妇联工作计划4篇，欢迎借鉴。\n乡镇妇联工作计划 篇1\n今年，街道妇联以创建美丽庭院为主题，"
     "发动妇女320人参与。", "街道妇联"),
    # a single report's own title keeps its name, a class though it is
    ("乡镇残联工作报告\n\n各位代表：\n\n我受X镇残疾人联合会第七届主席团委托，向大会作工作报告。五年来，镇残联为残疾人办理证件320本。",
     "乡镇残联"),
    # the fullest form the head gives: the masked name in front of the bare kind
    ("团支部工作总结\nxxx团支部现有团员32名。一年来，团支部组织团员开展志愿服务12次。", "xxx团支部"),
])
def test_a_class_of_bodies_and_a_masked_name(text: str, norm: str) -> None:
    _, body = _issuer(text)
    assert body is not None and body.norm == norm


def test_the_formula_that_hands_over_to_the_report_is_no_place() -> None:
    text = ("关工委工作汇报（精选5篇）\n\n关工委工作汇报 篇1\n\n20xx年，xx社区认真学习上级会议精神，取得了良好成效。"
            "现将社区关工委工作情况汇报如下：\n一是加强领导班子建设。")
    doc = wfltext.analyze(text)
    assert doc.metadata.place != "现将社区" and doc.metadata.body != "现将社区关工委"
    assert _issuer(text)[1] == Body("社区关工委", text.find("社区关工委"))


def test_the_shipped_weights_are_what_the_training_command_makes_now() -> None:
    """The shipped file is the documented command's output on the current code: the candidates'
    features move with the organization and metadata rules, so a change there that leaves the
    file as it was would ship weights no command makes. The pages' texts are someone else's and
    not distributed: name the folder holding ``issuers-study/`` and ``issuers-held/`` in
    ``WFLTEXT_PAGES`` to run it."""
    import os

    pages = os.environ.get("WFLTEXT_PAGES")
    if not pages:
        pytest.skip("WFLTEXT_PAGES (the folder of the issuers sets' page texts) is not set")
    root = Path(__file__).resolve().parents[1] / "corpus" / "issuers"
    made = ranker.train([(root / "study", Path(pages) / "issuers-study"), (root / "held", Path(pages) / "issuers-held")])
    assert made == json.loads(RANKER_PATH.read_text(encoding="utf-8"))
