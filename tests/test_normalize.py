"""The normalizer on the sample report and the real corpus, the byte models checked against
Python's codecs, and the behaviour each fix promises beyond its examples."""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
from pathlib import Path

import pytest

from wfltext import lexicons
from wfltext.normalize import FIXES, MAX_ROUNDS, PLAN, boilerplate, garble, normalize, script
from wfltext.normalize.boilerplate import find_chrome, looks_like_chrome
from wfltext.normalize.required import required_words

from .conftest import CORPUS, needs_shared, read_original, real_corpus_files

GOLD_TEXTS = sorted((CORPUS / "gold" / "texts").glob("*.txt"))
TRADITIONAL_ONLY = re.compile("[婦聯強發黨會動幹設實記這為著點與學組織樣]")


# -- the sample report ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(sample_text: str):
    return normalize(sample_text)


def test_sample_normalizes_to_the_reviewed_text(sample) -> None:
    expected = (CORPUS / "normalize" / "000_6e53a69d3eb90f18.normalized.txt").read_text(encoding="utf-8")
    assert sample.text == expected


def test_sample_has_no_pinyin_no_traditional_form_and_no_footer(sample) -> None:
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", sample.text)
    assert not TRADITIONAL_ONLY.search(sample.text)
    for chrome in ("友情提示", "免责声明", "来源", "網絡整理", "网络整理"):
        assert chrome not in sample.text
    assert sample.text.endswith("在破解难题中不断前进。\n")


def test_sample_garbles_are_repaired_and_noisy(sample, sample_text: str) -> None:
    assert "?jì)D" not in sample.text and "推动妇联基层组织建设" in sample.text
    assert "基层妇联干部队伍" in sample.text
    assert "召开庆“六一”儿童节救助大会" in sample.text
    assert "举办全县庆“三八”妇女节100周年联欢会" in sample.text
    garbled = [sample_text[s:e] for s, e in sample.noise]
    assert garbled == ["?jì)D", "?jì)D", "201*0", "!傲弧眱和(jié)", "201*", "!叭恕眿D女節(jié)"]
    # the repaired 六一 maps back to the whole garble, reading included
    at = sample.text.index("“六一”儿童节")
    s, e = sample.to_original(at, at + len("“六一”儿童节"))
    assert sample_text[s:e] == "!傲弧眱和(jié)"
    assert sample.is_noisy(s, e)


def test_sample_masks_are_kept_and_marked(sample, sample_text: str) -> None:
    assert "周围201*0个农户" in sample.text and "接受了201*至4000元" in sample.text
    at = sample.text.index("201*0")
    s, e = sample.to_original(at, at + 5)
    assert sample_text[s:e] == "201*0" and sample.is_noisy(s, e)


def test_sample_steps_list_every_fix_in_original_offsets(sample, sample_text: str) -> None:
    applied = sample.fixes_applied()
    for fix in ("pinyin", "garble", "simplify", "boilerplate", "punctuation", "hard-wrap", "mask"):
        assert applied.get(fix), fix
    for step in sample.steps:
        assert sample_text[step.start : step.end] == step.before
    footer = [st for st in sample.steps if st.fix == "boilerplate"]
    assert len(footer) == 1 and footer[0].before.startswith("友情提示") and footer[0].end == len(sample_text)
    # steps are in original order, and their dicts are JSON-ready
    assert [st.start for st in sample.steps] == sorted(st.start for st in sample.steps)
    assert set(sample.steps[0].to_dict()) == {"fix", "rule", "start", "end", "before", "after"}
    assert {st.rule for st in sample.steps if st.fix in ("garble", "mask", "boilerplate")} == {
        "garble table", "shifted quote", "masked digits", "footer"}


def test_pinyin_and_script_alone_do_not_make_a_record_noisy(sample, sample_text: str) -> None:
    at = sample.text.index("强基固本")
    s, e = sample.to_original(at, at + 4)
    assert sample_text[s:e] == "強(qiáng)基固本"
    assert not sample.is_noisy(s, e)


# -- the plan -------------------------------------------------------------------------------------


def test_plan_names_are_unique_and_documented() -> None:
    assert len(FIXES) == len(PLAN)
    assert all(f.doc for f in PLAN)
    # garbles are read on the page as published, before anything else changes a character
    order = [f.name for f in PLAN]
    assert order.index("pinyin") < order.index("garble") < order.index("simplify") < order.index("garble-a1")
    assert order.index("ideographic-space") < order.index("boilerplate") < order.index("hard-wrap")
    assert order[-1] == "mask"


def test_normalize_refuses_bytes() -> None:
    from wfltext.errors import InputError

    with pytest.raises(InputError, match="read"):
        normalize(b"bytes")  # type: ignore[arg-type]


def test_empty_and_clean_text_pass_through() -> None:
    for text in ("", "\n", "县妇联今年培训200名女农民。"):
        n = normalize(text)
        assert n.text == text and n.steps == () and n.noise == () and n.rounds == 1


@pytest.mark.parametrize("path", GOLD_TEXTS, ids=lambda p: p.stem)
def test_gold_texts_settle_in_one_round(path: Path) -> None:
    original = read_original(path)
    n = normalize(original)
    assert n.rounds <= 2  # the second round only confirms
    assert normalize(n.text).text == n.text


def _case_inputs() -> list[str]:
    """The inputs of the normalizer's case corpus (every fix's hard cases) and the gold texts."""
    texts = [read_original(p) for p in GOLD_TEXTS]
    for path in sorted((CORPUS / "normalize").glob("*.jsonl")):
        cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts += [case["input"] for case in cases if "input" in case]
    return texts


@pytest.mark.parametrize("fix", [f for f in PLAN if f.triggers is not None], ids=lambda f: f.name)
def test_a_fix_finds_nothing_without_its_trigger_characters(fix) -> None:
    """What the plan's gate relies on: every edit of a fix comes from a text holding one of its
    trigger characters, and with them taken out of a text that had edits it finds none."""
    triggers = set(fix.triggers())
    tried = 0
    for text in _case_inputs():
        if not fix.find(text):
            continue
        assert triggers & set(text)
        stripped = "".join(c for c in text if c not in triggers)
        assert fix.find(stripped) == [], (fix.name, stripped[:80])
        tried += 1
    assert tried, f"no case of {fix.name} has edits: the test tried nothing"


def test_the_gated_plan_gives_what_every_fix_run_gives() -> None:
    ungated = tuple(dataclasses.replace(f, triggers=None) for f in PLAN)
    for text in _case_inputs():
        a, b = normalize(text), normalize(text, ungated)
        assert (a.text, a.steps, a.noise, a.rounds) == (b.text, b.steps, b.noise, b.rounds)


@needs_shared
@pytest.mark.parametrize("path", real_corpus_files(), ids=lambda p: f"{Path(p).parent.name}/{Path(p).name}")
def test_real_reports_lose_their_chrome_and_nothing_else(path: Path) -> None:
    original = read_original(path)
    n = normalize(original)
    assert n.rounds <= 2
    for line in n.text.split("\n"):
        assert not re.fullmatch(r"(?:扫一扫在手机打开当前页|打印本页|关闭窗口|【字[号体]：|相关(?:报道|文档|链接)：?|分享到?[:：]|来源[:：].{0,20})", line), line
    removed = sum(st.end - st.start for st in n.steps if st.fix == "boilerplate")
    assert removed <= 0.025 * len(original)
    # the report's last paragraph survives: it is a long line ending a sentence
    paragraphs = [ln for ln in n.text.split("\n") if len(ln) >= 40]
    assert paragraphs and paragraphs[-1][-1] in "。！？：”）"


# -- byte models ----------------------------------------------------------------------------------


@pytest.mark.parametrize("phrase", ["“六一”兒童節", "“三八”婦女節", "“五四”青年节", "“三八”红旗手", "《反家庭暴力法》"])
def test_shift_model_is_what_the_codec_makes(phrase: str) -> None:
    head, tail = garble.shift_garble(phrase)
    raw = phrase.encode("gbk")
    shifted = bytes([raw[0] & 0x7F]) + raw[1:3] + raw[5:]
    decoded = shifted.decode("gbk", errors="replace")
    assert decoded.startswith(head) and decoded.replace("\ufffd", "").endswith(tail)
    assert head.startswith("!")


def test_sample_garbles_are_explained_by_the_shift_model(sample_text: str) -> None:
    assert garble.shift_garble("“三八”婦女節")[0] in sample_text
    head, tail = garble.shift_garble("“六一”兒童節")
    assert head + "(jié)" in sample_text  # 節 was lost with the byte; its reading stayed
    assert tail == "節"


def test_lost_a1a1_model_is_what_the_codec_makes() -> None:
    model, _pattern, _words = garble._a1_model()
    assert model["矗"] == ("础", "。") and model["癣"] == ("选", "、")
    for merged, (restored, punct) in list(model.items())[::40]:
        together = (restored + punct).encode("gbk")
        assert together[1:3] == b"\xa1\xa1"
        assert (together[:1] + together[3:]).decode("gbk") == merged


def test_lost_a1a1_repairs_nothing_in_clean_reports(sample_text: str) -> None:
    texts = [sample_text] + [read_original(p) for p in real_corpus_files()] + [read_original(p) for p in GOLD_TEXTS]
    for text in texts:
        assert garble.repair_lost_a1a1(text) == []


# -- fix by fix -----------------------------------------------------------------------------------


def test_pinyin_needs_marked_readings_to_trust_unmarked_ones() -> None:
    assert script.remove_pinyin("她們(men)") == []
    edits = script.remove_pinyin("她們(men)參(cān)與(yù)發(fā)")
    assert [e.replacement for e in edits] == ["們", "參", "與", "發"]


def test_simplify_leaves_a_simplified_report_with_a_traditional_name_alone() -> None:
    text = "开工周至至乾县高速公路，" + "全面推进乡村振兴，" * 20
    assert script.to_simplified(text) == []
    assert script.to_simplified("開工周至至乾縣高速公路")  # a traditional text is converted


def test_simplified_view_keeps_offsets() -> None:
    text = "來源：網絡整理\n正文"
    assert len(script.simplified_view(text)) == len(text)


def test_chrome_is_judged_on_the_line_as_later_fixes_leave_it() -> None:
    assert looks_like_chrome("来源::人民网")
    assert looks_like_chrome("責任編輯：李莎莎")
    # 61 characters after the label only because of a doubled comma that a later fix collapses
    assert looks_like_chrome("来源：" + "人" * 60 + ",,")
    assert not looks_like_chrome("资金来源：财政拨款和社会捐助相结合，确保项目顺利实施。")


def _rule_lines() -> list[str]:
    """Lines to judge: those of the project's texts (and of the real reports when present),
    as written and as judged, and random strings of the words and signs the rules read."""
    texts = [p.read_bytes().decode("utf-8", "replace") for p in sorted(CORPUS.glob("**/*.txt")) + real_corpus_files()]
    lines = {line for text in texts for line in text.split("\n")}
    lines |= {boilerplate._squeeze(script.simplified_view(line)) for line in list(lines)}
    words = sorted({w for row in lexicons.table("boilerplate.tsv") for w in required_words(row[2], re.I) or ()})
    signs = [" ", "\t", "\u3000", "：", ":", "|", "_", "【", "】", "《", "》", "。", "，", "2023", "12:30", "年", "月",
             "日", "第3篇", "第2页", "记者 张三 摄", "工作", "的", "a", "X", ".docx", "网", "©", "icp备", "http://"]
    rng = random.Random(7)
    lines |= {"".join(rng.choice(words + signs) for _ in range(rng.randint(1, 40))) for _ in range(6000)}
    return sorted(line for line in lines if 0 < len(line) <= boilerplate.LONG_CHROME_MAX)


def test_line_rules_left_out_never_match() -> None:
    """A line is tried only against the rules whose required words it holds and that can match
    so long a line (boilerplate._line_rule): on every line the rule found is the whole
    alternation's, for the line rules and for the long ones."""
    rules = boilerplate._rules()
    every = (1 << len(rules.line_rules)) - 1
    matched = 0
    for line in _rule_lines():
        for among, whole, scans in ((every, "strong", rules.line_scans), (rules.long_rules, "long", rules.long_scans)):
            m = getattr(rules, whole).fullmatch(line)
            expected = (m.lastgroup or "") if m else None
            assert boilerplate._line_rule(line, rules, among, whole, scans) == expected, line
            matched += m is not None
    assert matched > 1000  # the random lines hold chrome too


def test_squeezable_lines_are_the_ones_the_plain_spelling_finds() -> None:
    plain = re.compile(r"[ \u3000\u00a0,;:?!\uff05\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]|[，、；：。！？]{2}|。\d")
    rng = random.Random(3)
    marks = list("，、；：。！？ ,;:?!１２ＡａＺ％．\u3000\u00a0") + ["5", "٣", "字", "文"]
    lines = _rule_lines() + ["".join(rng.choice(marks) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    for line in lines:
        assert (boilerplate._SQUEEZABLE.search(line) is None) == (plain.search(line) is None), line


def test_footer_needs_footer_after_it() -> None:
    body = "今年以来，县妇联认真贯彻市“党建带妇建”工作推进会精神，全力推进基层组织建设。"
    assert find_chrome(body + "\n友情提示：本文仅供参考。\n来源：网络") != []
    kept = body + "\n友情提示：请各单位按时报送材料，逾期不再受理，务必高度重视，认真抓好落实，确保取得实效。\n" + body
    assert find_chrome(kept) == []


def test_hard_wraps_need_a_wrapped_text() -> None:
    from wfltext.normalize.fixes import join_hard_wraps

    line = "一是抓好组织延伸与优化队伍同推进，坚持党的基层组织建到哪里，妇联基层组织就跟进到哪里，并逐步健全"
    one = line + "\n学习制度。\n" + "二是创新工作方法，不断丰富活动内涵、创新活动形式，引导广大妇女积极参与文明和谐共建。" * 3
    assert join_hard_wraps(one) == []  # one unfinished line among many finished ones
    two = line + "\n学习制度。\n" + line + "\n学习制度。"
    assert len(join_hard_wraps(two)) == 2


def test_rounds_are_bounded() -> None:
    assert MAX_ROUNDS >= 2
    n = normalize("強(qiáng)\n\n(qiáng)本资料权属文库(men)\u3000\u3000(qiáng)")
    assert n.rounds <= MAX_ROUNDS
    assert normalize(n.text).text == n.text


# -- the command ----------------------------------------------------------------------------------


def test_command_prints_text_or_steps(capsys, tmp_path: Path, sample_text: str) -> None:
    from wfltext.commands import normalize as command

    path = tmp_path / "r.txt"
    path.write_bytes(sample_text.encode("gb18030"))
    assert command.run(argparse.Namespace(path=str(path), steps=False, noise=False)) == 0
    out = capsys.readouterr().out
    assert out.startswith("党群共建交流材料\n强基固本发挥作用")
    assert command.run(argparse.Namespace(path=str(path), steps=True, noise=False)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any('"fix": "garble"' in ln and "婦" in ln for ln in lines)
    assert command.run(argparse.Namespace(path=str(path), steps=False, noise=True)) == 0
    assert "201*0" in capsys.readouterr().out


def test_lexicon_rules_this_pythons_re_cannot_read_go_to_regex(monkeypatch: pytest.MonkeyPatch) -> None:
    """A boilerplate rule this Python's ``re`` refuses (an atomic group before 3.11, here a
    property ``re`` never had) is compiled by ``regex``; one with a possessive quantifier too,
    before 3.11.5. Its gate then knows no required word and no width, so it is always tried."""
    import importlib

    import regex

    from wfltext import rx

    boilerplate = importlib.import_module("wfltext.normalize.boilerplate")
    required = importlib.import_module("wfltext.normalize.required")
    assert isinstance(rx.compile_as_written(r"来源[：:]\p{Han}{2,8}", re.I), regex.Pattern)
    assert isinstance(rx.compile_as_written(r"来源[：:].{0,60}", re.I), re.Pattern)
    assert boilerplate._rules().line_rules[0][1].flags & re.I  # the rules are compiled through it, case folded
    monkeypatch.setattr(rx, "RE_POSSESSIVE_OK", False)
    assert isinstance(rx.compile_as_written(r"(?:第\d{1,3}+篇){2,40}", re.I), regex.Pattern)
    assert rx.has_possessive(r"(?:第\d{1,3}+篇){2,40}")

    def refuse(pattern: str, flags: int = 0) -> None:
        raise re.error("unknown extension ?>")

    required._parsed.cache_clear()
    monkeypatch.setattr(required.sre_parse, "parse", refuse)
    try:
        assert required.required_words("(?>记者|通讯员)") is None
        assert required.max_width("(?>来源)") >= 1 << 16
    finally:
        required._parsed.cache_clear()
