"""The organization extractor: the example corpus (corpus/organizations), the sample report's gold,
the project gold set and the real reports (exact offsets, no type words, no flooding)."""

from __future__ import annotations

import pytest

import wfltext
from wfltext.evaluate import evaluate
from wfltext.extract import organizations
from wfltext.records import OrganizationRecord

from .conftest import CORPUS, needs_shared, read_original, real_corpus_files
from .name_examples import NameExamples

EXAMPLES = NameExamples("organization", CORPUS / "organizations", ("text", "canonical", "level", "rule"))
_organizations = EXAMPLES.extract
_examples = EXAMPLES.load
test_positive_example, test_negative_example_gives_no_organization, test_known_failure = EXAMPLES.tests()


def test_held_out_examples_exist() -> None:
    """Some positives were written after the rules and never used to tune them."""
    origins = {e["origin"] for e in _examples("positives.jsonl")}
    assert origins == {"development", "held-out"}


# -- rules and fields ------------------------------------------------------------------------


def test_coordination_keeps_surface_and_fills_norm() -> None:
    text = "主动与组织、民政部门结合。"
    recs = _organizations(text)
    assert [(r["text"], r["norm"], r["rule"]) for r in recs] == [
        ("组织", "组织部门", "shared head"),
        ("民政部门", "民政部门", "functional department"),
    ]


def test_offsets_point_into_traditional_original() -> None:
    """Offsets are into the original, whatever the normalizer changed (script, pinyin)."""
    text = "縣婦聯(lián)與縣綜治辦聯(lián)合開展活動(dòng)。"
    recs = _organizations(text)
    assert [r["norm"] for r in recs] == ["县妇联", "县综治办"]
    assert recs[0]["text"] == "縣婦聯(lián)"
    assert recs[1]["canonical"] == "县社会治安综合治理办公室"


def test_every_record_is_an_organization_record_with_a_rule() -> None:
    doc = wfltext.analyze("县委、县政府成立了县妇儿工委。", "d", types=("organization",))
    assert doc.records and all(isinstance(r, OrganizationRecord) and r.rule for r in doc.records)
    assert [r.norm for r in doc.records] == ["县委", "县政府", "县妇儿工委"]
    assert doc.records[2].canonical == "县妇女儿童工作委员会"


def test_candidates_overlap_and_the_caller_keeps_the_longest() -> None:
    """县委 and 县委组织部 are both candidates; run() keeps the longer one."""
    text = "县委组织部牵头"
    cands = organizations.candidates(text)
    assert {(c.start, c.end) for c in cands} == {(0, 2), (0, 5)}
    assert [r.norm for r in _records(text)] == ["县委组织部"]


def _records(text: str) -> list[OrganizationRecord]:
    return wfltext.analyze(text, "d", types=("organization",)).records  # type: ignore[return-value]


def test_type_words_of_the_contract_give_nothing() -> None:
    for word in ("妇联", "妇联组织", "妇委会", "党组织", "妇女组织", "基层组织", "成员单位", "重点部门", "我县", "全县"):
        assert _organizations(f"加强{word}建设。") == [], word


def test_adversarial_runs_give_no_spurious_records() -> None:
    """Long runs of heads, levels and separators end normally and give what they hold."""
    assert organizations.candidates("委" * 20_000) == []
    assert organizations.candidates("县" * 20_000) == []
    assert organizations.candidates("《" * 20_000) == []
    run = organizations.candidates("县委" * 5_000)
    assert len(run) == 5_000 and {c.norm for c in run} == {"县委"}
    # bodies inside titles belong to the titles, however many there are
    assert organizations.candidates("《县委关于加强妇联工作的意见》" * 5_000) == []


# -- gold --------------------------------------------------------------------------------------


def _strict_f1(gold_path, texts=None) -> float:
    report, _ = evaluate(gold_path, types=("organization",), texts=texts)
    return report.strict["organization"].f1


def test_sample_report_gold() -> None:
    """The sample report (bundled in corpus/reports) against its reference gold."""
    gold = CORPUS / "gold" / "000_6e53a69d3eb90f18.gold.jsonl"
    assert _strict_f1(gold, texts=CORPUS / "reports") >= 0.90


@needs_shared
def test_project_gold_set() -> None:
    """The project gold set (synthetic reports and passages of the real ones)."""
    assert _strict_f1(CORPUS / "gold") >= 0.85


# -- real reports --------------------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize("path", real_corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_report(path) -> None:
    """Exact offsets, norms that are names (not type words, never longer than a name can be), and
    no flooding: organizations are a small part of a report. Bare heads come only from a
    coordination (区人大、政协 → 政协) or a one-character series (公、检、法、司)."""
    original = read_original(path)
    doc = wfltext.analyze(original, path.name, types=("organization",))
    lex = organizations.lexicon()
    for r in doc.records:
        assert original[r.start : r.end] == r.text
        assert r.norm and r.norm not in lex.type_words, r
        if r.norm in lex.heads:
            assert r.rule in ("shared prefix", "one-character conjunct"), r
        assert len(r.norm) <= 40, r
    assert len(doc.records) < len(original) / 40


def test_heads_are_found_at_every_position() -> None:
    """The head scan takes one character a head starts with and looks ahead from it: at every
    position it finds what a bare look-ahead of the heads finds there (the scan it replaced), on
    every text of the project and on random strings of heads."""
    import random
    import re

    lex = organizations.lexicon()
    bare = re.compile("(?=(" + lex.head_re.pattern + "))")
    texts = [p.read_bytes().decode("utf-8", "replace") for p in sorted(CORPUS.glob("**/*.txt"))]
    texts += [read_original(p) for p in real_corpus_files()]
    rng = random.Random(11)
    words = sorted({*lex.heads, *lex.names})
    alphabet = [*words, "县", "市", "妇", "联", "、", "\n", " ", "工", "委", "员"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    for text in texts:
        assert [m.span(1) for m in lex.heads_everywhere.finditer(text)] == [m.span(1) for m in bare.finditer(text)]


def test_title_lines_are_the_lines_the_pattern_finds() -> None:
    """title_lines matches only the lines holding a report genre: the spans are those of the
    title pattern searched through the whole text, on every text of the project and on random
    lines of genres, breaks and filler."""
    import random

    texts = [p.read_bytes().decode("utf-8", "replace") for p in sorted(CORPUS.glob("**/*.txt"))]
    texts += [read_original(p) for p in real_corpus_files()]
    rng = random.Random(13)
    alphabet = ["工作总结", "工作计划", "述职报告", "年终总结", "工作", "总结", "\n", "\n\n", "县妇联", "2021年", "。", " ", "甲" * 12, "乙" * 25]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(5000)]
    for text in texts:
        whole = [m.span() for m in organizations._REPORT_TITLE_LINE.finditer(text)]
        assert organizations.title_lines(text) == whole, text[:80]


def test_a_learned_name_is_refused_before_a_character_its_head_never_ends_a_name_before() -> None:
    """The tagger labels whole tokens (局老协会长 → 局老协会): its names meet the head table's
    "not followed by" column as the rules' do, read off the table itself."""
    from wfltext.extract.organizations import lexicon, refuses

    assert refuses("局老协会", "长") and refuses("市里启动中心", "城")
    assert not refuses("局老协会", "") and not refuses("局老协会", "，") and not refuses("县科协", "组")
    lex = lexicon()
    for head in lex.heads.values():
        for ch in head.blocked_after:
            name = "县" + head.text if not head.text.startswith("县") else head.text
            if name not in lex.heads and name not in lex.type_words:
                assert refuses(name, ch), (name, ch)



@pytest.mark.parametrize(("text", "absent", "present"), [
    # a named body walked into the middle of a word is a piece of the sentence
    ("用自己优异的成绩回报社会。", "成绩回报社", None),
    ("提供了宣讲课题供学校选择。", "题供学校", None),
    ("工会设立了经济审核领导小组、女职工委员会。", "济审核领导小组", None),
    ("比赛在福德新能源设备有限公司成功举办。", "源设备有限公司", None),
    ("总结各类家长学校的办学经验。", "类家长学校", None),
    # a named body on the words' bounds stays
    ("区妇联一行来到关山小学，为该校困难儿童送去慰问品。", None, "关山小学"),
    ("区总工会副主席代表区总工会向南骏公司的女职工们表示节日的问候。", None, "南骏公司"),
])
def test_a_named_body_starts_and_ends_on_the_words_bounds(text: str, absent: str | None, present: str | None) -> None:
    norms = [r.norm for r in wfltext.analyze(text).records if r.type == "organization"]
    if absent:
        assert absent not in norms, norms
    if present:
        assert present in norms, norms


@pytest.mark.parametrize(("text", "norm"), [
    # the place or level in front of a quoted name and its head is part of the name, as for any head
    ("龙岗区“五老”宣讲团成立以来，开展宣讲120场。", "龙岗区五老宣讲团"),
    ("社区“爱心敲敲门”巾帼志愿服务队开展活动。", "社区爱心敲敲门巾帼志愿服务队"),
    ("近年来，镇“五老”宣讲团深入村组宣讲。", "镇五老宣讲团"),
    ("组建“五老”红色宣讲团，深入学校。", "五老红色宣讲团"),
])
def test_a_quoted_name_keeps_the_place_in_front(text: str, norm: str) -> None:
    assert norm in [r.norm for r in wfltext.analyze(text).records if r.type == "organization"]
