"""Metadata: title, issuing body, place, genre and year; relative years resolved against it."""

from __future__ import annotations

import pytest

import wfltext
from wfltext.metadata import Metadata, read_metadata, resolve_relative_year

from .conftest import SHARED, needs_shared, read_original


def _meta(text: str, year: int | None = None) -> Metadata:
    return read_metadata(wfltext.normalize(text).text, year)


# -- the sample report ----------------------------------------------------------------------------


def test_sample(sample_text: str):
    m = wfltext.analyze(sample_text, types=()).metadata
    assert m.title == "党群共建交流材料"
    assert m.body == "县妇联"
    assert m.genre == "交流材料"
    # the report says 今年 and 明年 but never which year: no year, and no evidence for one
    assert m.place is None
    assert (m.year, m.year_source, m.year_evidence) == (None, None, None)
    assert resolve_relative_year("今年", m) is None


def test_sample_year_given(sample_text: str):
    m = wfltext.analyze(sample_text, year=2010, types=()).metadata
    assert (m.year, m.year_source) == (2010, "given")
    assert resolve_relative_year("明年", m) == 2011
    assert wfltext.analyze(sample_text, year=2010, types=()).to_dict()["metadata"]["year"] == 2010


# -- genres, bodies, places, years of the genre ---------------------------------------------------


@pytest.mark.parametrize(
    "text,genre",
    [
        ("2012年县妇联工作总结\n一年来，县妇联…", "工作总结"),
        ("县总工会2013年工作计划\n2013年，县总工会将…", "工作计划"),
        ("团县委2014年工作要点\n2014年共青团工作的总体要求是…", "工作计划"),
        ("在全县妇女工作会议上的讲话\n同志们：", "讲话"),
        ("关于农村留守妇女生活状况的调研报告\n为全面了解…", "调研报告"),
        ("巾帼建功促发展 凝心聚力谱新篇——县妇联经验交流材料\n近年来…", "交流材料"),
        ("县妇联主席述职报告\n一年来…", "工作总结"),
        ("2026年政府工作报告\n各位代表：", "政府工作报告"),
        ("各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议。", "政府工作报告"),
        ("县妇联关于开展“最美家庭”评选活动的通知", "政策文件"),
        ("党群共建工作浅谈\n近年来，我县…", None),
    ],
)
def test_genre(text: str, genre: str | None):
    assert _meta(text).genre == genre


def test_bodies_of_two_counties_are_told_apart_by_their_place():
    a = _meta("2012年妇联工作总结\n今年以来，县妇联在县委的领导下开展工作。县妇联…\n和平县妇联\n2012年12月20日")
    b = _meta("2012年妇联工作总结\n今年以来，县妇联在县委的领导下开展工作。县妇联…\n安远县妇联\n2012年12月18日")
    assert (a.body, a.place) == ("和平县妇联", "和平县")
    assert (b.body, b.place) == ("安远县妇联", "安远县")


@pytest.mark.parametrize(
    "text,body,place",
    [
        ("东坑镇妇联2012年工作总结\n2012年，镇妇联在镇党委的领导下…", "东坑镇妇联", "东坑镇"),
        # the bodies that lead are not the body that reports
        ("工作总结\n在县委、县政府的正确领导下，县妇联紧紧围绕中心工作。县妇联全年培训妇女2000人。", "县妇联", None),
        ("政府工作报告\n——2019年3月4日在呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议上\n呼伦贝尔市海拉尔区人民政府代区长  萨国文\n各位代表：\n现在，我代表区人民政府向大会作工作报告。",
         "呼伦贝尔市海拉尔区人民政府", "海拉尔区"),
        ("政府工作报告\n（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）\n省长 李炳军\n各位代表：\n现在，我代表省人民政府向大会报告工作。",
         "省人民政府", "贵州省"),
        ("1998年政府工作报告\n——1998年3月5日在第九届全国人民代表大会第一次会议上\n国务院总理李鹏\n各位代表：", "国务院", "全国"),
        ("党建工作总结\n今年以来，我们认真抓好党建工作。", None, None),
    ],
)
def test_body_and_place(text: str, body: str | None, place: str | None):
    m = _meta(text)
    assert (m.body, m.place) == (body, place)


@pytest.mark.parametrize(
    "text,year,source",
    [
        ("2012年县妇联工作总结\n一年来…", 2012, "title"),
        ("县妇联2012年工作总结和2013年工作打算\n…", 2012, "title"),
        ("政府工作报告\n——2013年2月28日在海拉尔区第十四届人民代表大会第二次会议上", 2013, "dated"),
        ("2026年甘肃省政府工作报告\n——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上", 2026, "title"),
        ("政府工作报告\n——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上", 2026, "dated"),
        ("中共中央 国务院关于实施乡村振兴战略的意见\n（2018年1月2日）\n实施乡村振兴战略…", 2018, "dated"),
        ("县妇联工作总结\n今年是“十二五”开局之年，县妇联…", 2011, "five-year plan"),
        ("县妇联工作总结\n今年是“十三五”规划的收官之年，县妇联…", 2020, "five-year plan"),
        ("县妇联工作总结\n今年是“十四五”第二年，县妇联…", 2022, "five-year plan"),
        ("县妇联工作总结\n2015年，县妇联在县委的领导下…", 2015, "opening"),
        ("县妇联工作总结\n一年来，县妇联…\n县妇联\n2014年12月26日", 2014, "signature"),
        # an annual summary signed in January reviews the year just ended
        ("县妇联工作总结\n一年来，县妇联…\n县妇联\n2015年1月8日", 2014, "signature"),
        ("县妇联工作计划\n新的一年，县妇联…\n县妇联\n2015年1月8日", 2015, "signature"),
        ("县妇联工作总结\n今年以来，县妇联…", None, None),
        # the sections of a government work report name the year it reviews and the one it plans
        ("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2021年工作回顾\n过去一年…", 2022, "headings"),
        ("各位代表：\n现在，我代表县人民政府，向大会报告工作。\n一、过去五年回顾\n二、2016年工作安排", 2016, "headings"),
        # a summary's 回顾 is its own year, not evidence of the next
        ("县妇联工作总结\n一、2015年工作回顾\n全年…", None, None),
    ],
)
def test_year(text: str, year: int | None, source: str | None):
    m = _meta(text)
    assert (m.year, m.year_source) == (year, source)
    assert (m.year_evidence is None) == (year is None)


def test_given_year_overrides():
    m = _meta("2012年县妇联工作总结", year=2013)
    assert (m.year, m.year_source, m.year_evidence) == (2013, "given", None)


def test_to_dict():
    d = _meta("2012年县妇联工作总结").to_dict()
    assert d == {
        "title": "2012年县妇联工作总结",
        "body": "县妇联",
        "place": None,
        "genre": "工作总结",
        "year": 2012,
        "year_source": "title",
        "year_evidence": "2012年县妇联工作总结",
        "title_source": "line",
        "subtitle": None,
    }


# -- relative years -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word,summary,government",
    [
        ("今年", 2012, 2026),
        ("本年", 2012, 2026),
        ("明年", 2013, 2027),
        ("下一年", 2013, 2027),
        ("来年", 2013, 2027),
        ("去年", 2011, 2025),
        ("上年", 2011, 2025),
        ("前年", 2010, 2024),
        ("后年", 2014, 2028),
        # a summary reviews its own year, a government work report the one before
        ("过去一年", 2012, 2025),
        ("一年来", 2012, 2025),
        ("近年", None, None),
        ("2012年", None, None),
    ],
)
def test_resolve_relative_year(word: str, summary: int | None, government: int | None):
    assert resolve_relative_year(word, Metadata(genre="工作总结", year=2012)) == summary
    assert resolve_relative_year(word, Metadata(genre="政府工作报告", year=2026)) == government


def test_resolve_relative_year_without_a_year():
    assert resolve_relative_year("今年", Metadata(genre="工作总结")) is None


# -- real reports ---------------------------------------------------------------------------------


def _real(name: str) -> Metadata:
    assert SHARED is not None
    return wfltext.analyze(read_original(SHARED / "realcorpus" / name), types=()).metadata


@needs_shared
@pytest.mark.parametrize("number,year", [(1, 2012), (2, 2013), (3, 2014), (4, 2015), (5, 2016), (6, 2017), (7, 2018), (8, 2019)])
def test_real_hailaer(number: int, year: int):
    m = _real(f"hailaer-county-gov/{number:03d}.txt")
    assert m.place == "海拉尔区"
    assert m.genre == "政府工作报告"
    assert m.body is not None and m.body.endswith("海拉尔区人民政府")
    # the title is just 政府工作报告 (or missing); the delivery line under it dates the report
    assert (m.year, m.year_source) == (year, "dated")
    assert str(year) in (m.year_evidence or "")
    assert resolve_relative_year("过去一年", m) == year - 1


@needs_shared
@pytest.mark.parametrize(
    "name,title,body,place,year,source",
    [
        ("prov-gov-2026/001.txt", "2026年上海市政府工作报告", "上海市人民政府", "上海市", 2026, "title"),
        ("prov-gov-2026/002.txt", "2026年政府工作报告", "省人民政府", "云南省", 2026, "title"),
        ("prov-gov-2026/004.txt", "2026年宁夏回族自治区政府工作报告", "自治区人民政府", "宁夏回族自治区", 2026, "title"),
        ("prov-gov-2026/005.txt", "政府工作报告", "省人民政府", "贵州省", 2026, "dated"),
        ("prov-gov-2026/006.txt", "陕西省2026年政府工作报告", "省人民政府", "陕西省", 2026, "title"),
        ("prov-gov-2026/012.txt", "2026年河北省政府工作报告", "河北省人民政府", "河北省", 2026, "title"),
        ("national-gov/001.txt", "1954年政府工作报告", "国务院", "全国", 1954, "title"),
        # the first line is a photo caption (…作《政府工作报告》。新华社记者…摄): the title is what
        # page-chrome removal leaves of it
        ("national-gov/004.txt", ("政府工作报告", None), "国务院", "全国", 2014, "dated"),
        # no title line, no date: the sections 一、2021年工作回顾 and 三、2022年政府工作任务 date
        # it, and its genre, place and year compose its title
        ("national-gov/005.txt", "2022年政府工作报告", "国务院", "全国", 2022, "headings"),
    ],
)
def test_real_government_reports(name: str, title, body: str, place: str, year: int, source: str):
    m = _real(name)
    assert m.title in title if isinstance(title, tuple) else m.title == title
    assert (m.body, m.place, m.genre) == (body, place, "政府工作报告")
    assert (m.year, m.year_source) == (year, source)
    assert resolve_relative_year("今年", m) == year
    assert resolve_relative_year("过去一年", m) == year - 1


@needs_shared
def test_real_titles_composed_and_split():
    # no title line: the delivery line and the speaker's line come first
    m = _real("hailaer-county-gov/006.txt")
    assert (m.title, m.title_source) == ("2017年海拉尔区政府工作报告", "composed")
    # a title line that runs its subtitle on: 1990年政府工作报告为…而奋斗
    m = _real("national-gov/002.txt")
    assert (m.title, m.title_source) == ("1990年政府工作报告", "line")
    assert m.subtitle == "为我国政治经济和社会的进一步稳定发展而奋斗"
    assert _real("national-gov/001.txt").title_source == "line"


@pytest.mark.parametrize(
    "text,title,source,subtitle",
    [
        ("2012年县妇联工作总结\n一年来…", "2012年县妇联工作总结", "line", None),
        ("2012年县妇联工作总结和2013年工作打算\n一年来…", "2012年县妇联工作总结和2013年工作打算", "line", None),
        ("2015年镇妇联工作总结凝心聚力谱新篇\n一年来…", "2015年镇妇联工作总结", "line", "凝心聚力谱新篇"),
        ("2015年镇妇联工作总结暨表彰大会材料\n一年来…", "2015年镇妇联工作总结暨表彰大会材料", "line", None),
        # no title line: composed from the genre, the body or place, and the year
        ("一年来，县妇联在县委的领导下…\n县妇联\n2014年12月26日", None, None, None),
        ("各位代表：\n现在，我代表县人民政府，向大会报告工作。\n一、过去五年回顾\n二、2016年工作安排",
         None, None, None),
        ("——2016年2月19日在和平县第五届人民代表大会第五次会议上\n各位代表：\n现在，我代表县人民政府向大会作工作报告。",
         "2016年和平县政府工作报告", "composed", None),
        ("工作总结\n今年以来，我们认真抓好党建工作。", "工作总结", "line", None),
        ("习近平总书记指出：“…”中国特色社会主义是…的主题。", None, None, None),
    ],
)
def test_title_source_and_subtitle(text: str, title, source, subtitle):
    m = _meta(text)
    assert (m.title, m.title_source, m.subtitle) == (title, source, subtitle)


@needs_shared
def test_real_party_documents():
    speech = _real("party-central/001.txt")
    assert (speech.title, speech.genre, speech.year) == ("决胜全面建成小康社会", "讲话", 2017)
    policy = _real("party-central/002.txt")
    assert (policy.genre, policy.body, policy.year) == ("政策文件", "中共中央", 2018)
    commentary = _real("party-central/003.txt")
    assert (commentary.title, commentary.genre, commentary.year) == (None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "县" * 100000,
        "市区县" * 40000,
        "在" + "海拉尔区" * 5000 + "第十届",
        ("一、2021年" + "回" * 10 + "\n") * 10000,
        "我代表" + "区" * 50000,
        "今年是“十" * 20000,
        "妇联" * 50000,
        "\n".join(["2012年12月"] * 20000),
    ],
    ids=["county", "units", "meeting", "headings", "represent", "plan", "body", "dates"],
)
def test_adversarial_inputs_finish(text: str):
    # every pattern is bounded; these only have to finish and give metadata
    assert isinstance(read_metadata(text), Metadata)


def test_a_unit_of_work_names_the_body_and_we_is_no_place():
    m = read_metadata("第1篇 xxxx年局工会工作报告工作总结\nxx年我工会围绕市党委提出的战略目标开展工作。")
    assert (m.body, m.place) == ("局工会", None)
    m = read_metadata("一年来，我村党支部在上级党委的领导下开展工作。")
    assert (m.body, m.place) == ("村党支部", None)  # the body that calls itself 我…, no place
    m = read_metadata("按照团县委《关于开展志愿服务的通知》要求，我局团支部积极组织团员参与活动。")
    assert m.body == "局团支部"
    m = read_metadata("20*年，_镇妇联在镇党委的大力支持下，开展了庆祝活动。")
    assert m.body == "镇妇联"
    m = read_metadata("各位代表：\n五年来，团区委团结带领全区团员青年建功立业。")
    assert m.place is None


def test_a_run_of_a_sentence_before_a_unit_is_no_place() -> None:
    from wfltext.metadata import _is_place

    assert not any(_is_place(p) for p in ("邀请县", "积极争取镇", "组织女职工参加县", "联合社区", "篇县"))
    assert all(_is_place(p) for p in ("海拉尔区", "合肥市", "获嘉县", "东坑镇"))


def test_a_bare_level_is_resolved_only_to_a_place_of_its_unit() -> None:
    from wfltext.links import resolve

    assert resolve("区妇联", "槎溪社区") is None and resolve("社区妇联", "槎溪社区") == "槎溪社区妇联"
    assert resolve("县妇联", "阿荣自治旗") == "阿荣自治旗妇联"


@pytest.mark.parametrize(
    "run,body",
    [
        # the words of a sentence in front of a body are no part of its place: a speaker's, a
        # reporter's, a date's, a page's file name
        ("下面我把阳谷县残联", "阳谷县残联"),
        ("记者从市南区妇联", "市南区妇联"),
        ("今年县妇联", "县妇联"),
        ("晓燕同志代表市妇儿工委", "市妇儿工委"),
        ("为迎接嘉兴市工会", "嘉兴市工会"),
        ("户家庭被市妇联", "市妇联"),
        ("科协工作总结县科学技术协会", "县科学技术协会"),
        ("组建运行省政府", "省政府"),
        # every unit of a level is no one body
        ("明确要求各乡镇政府", None),
        # places the cut must not enter: a division's name holding a function word, a word
        # ending in a level, a place of unknown words, the Party's name in front
        ("如皋市科学技术协会", "如皋市科学技术协会"),
        ("和平区妇联", "和平区妇联"),
        ("成都市新都区新繁街道关工委", "成都市新都区新繁街道关工委"),
        ("七里塘街道妇联", "七里塘街道妇联"),
        ("金坛区直溪镇妇联", "金坛区直溪镇妇联"),
        ("经济技术开发区工会", "经济技术开发区工会"),
        ("荣县梧桐街道关工委", "荣县梧桐街道关工委"),
        ("中共海拉尔区委", "中共海拉尔区委"),
        ("呼伦贝尔市海拉尔区妇联", "呼伦贝尔市海拉尔区妇联"),
        ("××县妇联", "××县妇联"),
    ],
)
def test_a_body_read_with_its_sentence_starts_where_its_name_does(run: str, body: str | None) -> None:
    from wfltext.metadata import _named_part

    assert _named_part(run) == body


def test_the_place_of_a_body_read_with_its_sentence() -> None:
    m = read_metadata("树立和落实科学发展观\n各位领导、同志们：\n根据会议安排，下面我把阳谷县残联如何树立和落实科学发展观的情况向各位领导作一汇报。")
    assert (m.body, m.place) == ("阳谷县残联", "阳谷县")
    m = read_metadata("4月26日，记者从市南区妇联了解到，市南区共有“春蕾女童”201名。")
    assert (m.body, m.place) == ("市南区妇联", "市南区")
