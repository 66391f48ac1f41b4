"""The issuing body of a report (wfltext.links.issuer): the implied actor of its links.

Each cause has a case it must read and a case it must not."""

from __future__ import annotations

import pytest

import wfltext
from wfltext.links import check, issuer


def _issuer(text: str):
    doc = wfltext.analyze(text, "d")
    return issuer(doc, doc.records)


def _norm(text: str) -> str | None:
    body = _issuer(text)
    return body.norm if body else None


#: per cause, cases of the body a page's issuer must be (each cause has a case it must read and
#: a case it must not)
CASES: dict[str, list[tuple[str, str | None]]] = {}


CASES["a_place_before_the_body_is_on_its_own_line"] = [
    # a heading line over the title is no place of the body (总结⏎市科学技术协会…)
    ("2023\n科学技术协会\n年度工作\n总结\n市科学技术协会年度工作总结\n一年来，市科协在市委的领导下，举办科普讲座12场。",
     "市科学技术协会"),
    # a place at the start of the title's line is (稔田县科协)
    ("稔田县科协2019年工作总结\n一年来，县科协在县委的领导下，举办科普讲座12场。", "稔田县科协"),
]


CASES["a_body_cited_or_of_every_unit_is_not_the_issuer"] = [
    # the body a plan cites (根据县关工委的工作要求) is not the one that plans; the heading's kind
    # (a year before it: 2023村关工委工作计划) with the level the report gives itself (我镇)
    ("以下是小编为您推荐的2023村关工委工作计划7篇，供大家参考。\n2023村关工委工作计划篇1\n一、指导思想\n"
     "坚持以青少年为本，为我镇发展服务。\n二、工作重点\n1、健全组织。根据县关工委的部署，"
     "组织五老学习落实市、县关工委的文件。\n2、拟定好20xx年镇关工委的工作安排。", "镇关工委"),
    # every union of a district (明年全区工会工作) is no body; the page's own name of its level's
    ("工会工作计划 篇1\n明年全区工会工作的重点是：服务职工，助推我区经济发展。\n"
     "一、区总工会将调整基层工会设置，新建工会12个。", "区总工会"),
    # and where the title names it, the title's body stands
    ("区总工会2012年工作计划\n明年全区工会工作的总体要求是：以科学发展观为指导。区总工会将调整工会组织。", "区总工会"),
    ("县关工委2023年工作计划\n根据市关工委的工作要求，县关工委将组织五老开展关爱活动12次。", "县关工委"),
    # a place that starts with 全 is a place (全州县)
    ("全州县妇联2020年工作总结\n一年来，全州县妇联培训妇女300人。", "全州县妇联"),
]


@pytest.mark.parametrize("text, norm, start", [
    # a title run on into the first line, after a chunk marker, over the body the text says 我校团委
    ("1、XX中学团委工作总结2019学年第一学期 一年来，我校团委在校党委的领导下，发展新团员18人。", "XX中学团委", 2),
    # with the mask of its name, over the body the opening names most (县妇联)
    ("某某乡妇联2020年工作总结及2021年工作计划2020年，某乡妇联在县妇联的指导下开展工作。县妇联举办培训班，"
     "我乡3名妇女参加。根据县妇联的要求，某乡妇联开展宣传活动5次。", "某某乡妇联", 0),
])
def test_a_title_run_on_into_the_first_line_names_the_body(text, norm, start):
    body = _issuer(text)
    # (its start is a record's, or None where no record holds the body as named)
    assert (body.norm, body.start) == (norm, start)
    doc = wfltext.analyze(text, "d")
    assert not check(doc.records)


CASES["no_run_on_title_where_the_first_line_has_none"] = [
    # a body that opens the text with no kind of report after it is the subject of a sentence
    ("1、县妇联要求各镇加强培训。\n一年来，镇妇联在县妇联的指导下培训妇女300人，镇妇联组织活动5次。", "镇妇联"),
    # a body opening a later line with a report kind is a document cited, not the title
    ("2021年镇妇联工作总结\n一年来，镇妇联培训妇女300人。\n县妇联工作要点下发后，镇妇联组织学习3次。", "镇妇联"),
]


CASES["the_body_the_report_calls_its_own"] = [
    # a class branch written with its number in brackets
    ("团支部工作总结汇报\n本学年，我们初三(4)班团支部的工作进入了收尾阶段。今年我支部组织团日活动6次。", "初三(4)班团支部"),
    # a body the report calls its own after the head, when the head names none
    ("2015年是重要的一年，我区女职工工作在上级的领导下，依法维护女职工权益。" + "全年组织学习两次，参与学习216人次。" * 25
     + "\n二、加强组织建设\n我区女职工委员会主任由区工会主席担任，委员由5名女工主任组成。", "区女职工委员会"),
]


@pytest.mark.parametrize("text", [
    # a body only named, never called 我…, gives no issuer of its own
    "2015年是重要的一年，女职工工作在上级的领导下，依法维护女职工权益。" + "全年组织学习两次，参与学习216人次。" * 25
    + "\n二、加强组织建设\n根据区女职工委员会的要求，委员由5名女工主任组成。",
])
def test_no_body_of_its_own_where_the_report_calls_none_so(text):
    body = _issuer(text)
    assert body is None or body.norm != "区女职工委员会"


CASES["a_heading_in_traditional_script_gives_its_kind"] = [
    # a heading in traditional script gives its kind as the simplified one does
    ("通過總結，我們可以更好地了解自己的不足。\n科協年度總結篇一\n我鎮的科技工作在市科技局、科協的關心支持下，舉辦培訓班5次。", "镇科协"),
    ("通过总结，我们可以更好地了解自己的不足。\n科协年度总结篇一\n我镇的科技工作在市科技局、科协的关心支持下，举办培训班5次。", "镇科协"),
    # a heading that names no kind of body gives none
    ("通過總結，我們可以更好地了解自己的不足。\n年度總結篇一\n我鎮的科技工作在市科技局的關心支持下，舉辦培訓班5次。", None),
]


CASES["the_speaker_line_names_the_body_of_a_speech"] = [
    # the speaker's body, named in his post on the speaker line, not the body whose meeting hears him
    ("在团市委全委会议上的交流发言\n作者：团市委\n\n张明  华星集团团委书记\n\n"
     "我代表小组发言。我们华星团委今年打算开展青年培训4次。", "华星集团团委"),
    ("在县妇联执委会议上的发言\n镇妇联主席 李芳\n\n各位执委：今年我镇妇联举办培训班5期。", "镇妇联"),
]


CASES["no_speaker_line_where_no_one_speaks"] = [
    # a post in a sentence, or a line of a body's post with no name, is no speaker line
    ("县妇联2021年工作总结\n一年来，县妇联主席带队走访企业12家。\n镇妇联主席\n", "县妇联"),
    ("团市委工作总结\n团市委全年举办培训6期。\n华星集团团委书记张明、李强参加培训。", "团市委"),
    # a congress hears its own body's report: the speaker line names the same body
    ("在桐岭县妇联第十三次代表大会上的工作报告\n桐岭县妇联主席 李芳\n\n各位代表：五年来，县妇联培训妇女3000人次。", "桐岭县妇联"),
]


CASES["the_community_the_opening_is_about"] = [
    # the community the opening is about, where no body is named: its name as written, mask and all
    ("您的当前位置：首页正文\n\n2023年乡镇妇女工作总结 篇3\n\n  一年来，_社区在镇党委的正确领导下，在镇妇联的指导下，"
     "全面推进妇女工作。社区举办培训班4期。", "_社区"),
    # a partner read with its verb (联合社区关工委) is no body; the opening's community is
    ("第一篇：XX助残日总结\nXX助残日总结\n为弘扬扶残助残的社会风尚，青松社区在全国助残日到来之际开展宣传活动。\n"
     "一是入户宣传50余户。\n二是联合社区关工委，与辖区学校形成互动，服务残疾人20人次。", "青松社区"),
]


CASES["no_community_of_the_opening_where_none_or_a_title_names_one"] = [
    # every community (全社区在…) is no body
    ("您的当前位置：首页正文\n\n妇女工作总结 篇3\n\n  一年来，全社区在镇党委的正确领导下，全面推进妇女工作。举办培训班4期。", None),
    # a title that names the body stands over the opening's subject
    ("青松社区妇联2021年工作总结\n一年来，青松社区在街道党工委的领导下，举办培训班4期。", "青松社区妇联"),
]


_COMPILED = ("2024社区妇联年度工作总结\n\n__年是__区“巾帼建功年”，区妇联以项目化方式推进工作，带动全面工作的铺开。"
             "__年，区妇联获得“先进集体”称号。{more}\n\n__年，主要做了以下几方面工作：举办培训班12期。")


CASES["a_compilation_title_gives_way_to_the_body_the_text_speaks_for"] = [
    # a compilation's title names a body by its level alone; the text twice makes another of the
    # same kind the subject of its clauses
    (_COMPILED.format(more=""), "区妇联"),
]


CASES["the_title_body_stands_where_the_text_is_its_own"] = [
    # the text names the title's body again, or says 我社区: the title stands
    (_COMPILED.format(more="社区妇联组织妇女学习5次。"), "社区妇联"),
    (_COMPILED.format(more="我社区妇女积极参与。"), "社区妇联"),
    # a title with its place is no compilation's
    ("青松社区妇联2024年度工作总结\n\n今年，区妇联以项目化方式推进工作。今年，区妇联获得“先进集体”称号。", "青松社区妇联"),
]


_ABOVE = ("一、概况\n（一）单位概况\n2001年，省残联驻xx办事处改为xx市残疾人联合会，成为市级组织。\n"
          "市残联设有两个科室。\n（二）残疾人情况\n全市有持证残疾人{n}人。\n二、工作情况\n"
          "根据省残联的通知，现将本级工作汇报如下：发放补贴50万元。")


CASES["a_body_above_the_reports_level_gives_way_to_its_own"] = [
    # a body above the report's level, named most in its head, gives way to the report's own
    (_ABOVE.format(n="xx"), "xx市残疾人联合会"),
]


CASES["the_body_read_stands_where_the_report_is_of_its_level"] = [
    # where the head names no body of the report's level, the body read stands
    ("省残联工作情况\n今年，省残联在全市开展调研。全市持证残疾人3000人，全市发放补贴50万元。", "省残联"),
    # a report of the province itself
    ("一年来，省残联在省委的领导下，全省持证残疾人增加3万人，市残联配合开展调查5次。", "省残联"),
]


CASES["a_branch_named_bare_in_the_title_is_the_one_the_first_lines_name"] = [
    # a title that names a branch bare: the branch the first lines name as a subject
    ("党支部工作总结\n一年来，机关党支部在局党组的领导下，发展党员2名。", "机关党支部"),
    ("团支部工作计划\n本学期，高一团支部将组织主题团日活动5次。", "高一团支部"),
]


CASES["a_cited_branch_is_not_the_bare_titles"] = [
    # a branch the first lines cite or are led by is not it
    ("党支部工作总结\n一年来，在局机关党委的领导下，根据机关党支部的安排，发展党员2名。", "党支部"),
]


CASES["a_chairs_report_speaks_for_the_body_she_leads"] = [
    # a chair's 述职 speaks for the body she leads
    ("妇联主席述职报告\n一年来，在镇党委的领导下，我带领镇妇联培训妇女300人。", "镇妇联"),
    ("团委书记述职报告\n一年来，作为校团委书记，我带领校团委发展团员50人。", "校团委"),
]


CASES["a_body_the_chair_does_not_lead_is_not_hers"] = [
    # a body she works with (与…) or is led by is not hers
    ("妇联主席述职报告\n一年来，我带领全镇妇女，与县妇联一道培训妇女300人。", "妇联"),
]


_SPEECH = ("以下是小编整理的劳动竞赛总结，供参考。\n劳动竞赛总结1\n今天，我们召开劳动竞赛推进大会，" + "表彰先进集体和先进个人，部署今年的劳动竞赛。" * 20
           + "\n在五一节即将来临之际，请允许我{who}，向全体劳动者致以节日的问候！今年开展技能比武12场。")


CASES["the_body_a_speaker_stands_for_after_the_head"] = [
    # the body the speaker stands for after the head, where the head names none
    (_SPEECH.format(who="代表公司工会"), "公司工会"),
]


CASES["a_title_topic_word_or_a_count_is_no_place_of_the_body"] = [
    # 关于 of a title's topic is no place: the body is the title's own (its place blank, its
    # level read)
    ("关于镇妇联年度工作总结\n今年，镇妇联在镇党委的领导下，举办培训班6期。", "镇妇联"),
    ("关于青山县妇联2020年工作总结\n一年来，县妇联举办培训班6期。", "青山县妇联"),
    # the 个 of a count before a body is no place (18个村党支部): no body of the report at all
    ("村级组织换届工作总结\n全区18个村党支部完成换届，选出委员70名。", None),
]


CASES["a_body_the_report_works_around_is_not_the_issuer"] = [
    # 围绕县总工会确定的目标: the body whose goals the text follows is cited, not the issuer
    ("上半年工作小结\n半年来，我县各级工会女职工组织围绕县总工会年初确定的目标，组建女职工组织100个。", None),
    # named as the subject, it is
    ("县总工会上半年工作小结\n半年来，县总工会围绕县委中心工作，组建女职工组织100个。", "县总工会"),
]


CASES["bodies_of_a_village_a_township_a_kindergarten_a_school_year"] = [
    # a village's 两委 as the title names it
    ("2024年村级“两委”换届工作总结\n全村共选出支部委员5名，村委会成员3名。", "村级两委"),
    # the township's 妇代会 a speaker stands for (我谨代表)
    ("尊敬的各位领导：\n我谨代表乡镇妇代会，向出席会议的各位领导表示欢迎！\n过去一年，乡镇妇代会举办培训班6期。", "乡镇妇代会"),
    # 我园团支部: the kindergarten's own branch
    ("一、指导思想\n今年，我园团支部将在教育局团委的领导下，开展志愿服务活动6次。", "园团支部"),
    # a masked school year before the bare kind the title names (XX学年团委工作计划), with the
    # level its text gives it
    ("XX学年团委工作计划\n根据我校工作目标，校团委围绕中心工作，开展主题团日活动8次。", "校团委"),
    # a title that names no body: none
    ("工作计划\n根据学校工作目标，开展主题团日活动8次。", None),
]



CASES["a_compilation_heading_is_site_text"] = [
    # a compilation's page title names a body by its level; the report under it is a town's
    ("乡镇妇联工作总结范文（精选）\n以下是小编整理的乡镇妇联工作总结，供大家参考。\n"
     "一年来，石岭镇妇联在镇党委的领导下，举办培训班6期，培训妇女320人。", "石岭镇妇联"),
    # a compilation's page title and chunk heading over a report that names its union in full
    # before it says 我校工会
    ("校工会工作总结模板(30篇)\n校工会工作总结模板篇4\n本学期，学校工会组织教职工开展文体活动5次，"
     "我校工会慰问困难教职工12人。", "学校工会"),
    # a body the report under the heading cites or is led by is not its own: the heading's stands
    ("县妇联工作总结范文（精选）\n在市妇联的指导下，举办培训班8期。", "县妇联"),
    ("县妇联工作总结范文（精选）\n按照市妇联的部署，开展宣传活动12次。", "县妇联"),
    # a title that is no compilation's heading names the body, whatever the text names after it
    ("县妇联2019年工作总结\n一年来，石岭镇妇联举办培训班6期。", "县妇联"),
]


_FILLER = "围绕中心工作，开展科普宣传、科技咨询和实用技术培训。" * 16
CASES["the_level_form_is_the_fullest_the_report_names_as_its_own"] = [
    # a bare title and 我区: the district's body as the report names it further on, in full
    # (xx区科协), not the one it is led by (在区、市科协的帮助指导下)
    (f"科协年终工作总结\n2023年，在区、市科协的帮助指导下，科协认真贯彻落实会议精神，为我区发展服务。\n{_FILLER}\n"
     "一、学习教育\n今年以来，xx区科协以作风建设为重点，举办讲座5场。", "xx区科协"),
    # where the report names none of its own, the level's form
    (f"科协年终工作总结\n2023年，在区、市科协的帮助指导下，科协认真贯彻落实会议精神，为我区发展服务。\n{_FILLER}", "区科协"),
]


CASES["a_bare_kind_takes_the_unit_the_report_calls_its_own"] = [
    # no body named anywhere, only 我妇联 and 我社区: the kind at the community's level
    ("省市妇代会工作报告篇一\n维护妇女儿童权益是建设和谐社区的必然要求。我妇联高度关注妇女权益，"
     "我社区组织妇女参加合唱团，举办讲座6场。", "社区妇联"),
    # a compilation heading in traditional script with inline pinyin, and 我校: the school's
    ("婦聯(lián)工作計劃(huà)15篇\n以下是小編整理的婦聯工作計劃，歡迎閱讀。\n婦聯工作計劃1\n"
     "一、指導思想：在本學期中，我校婦女工作將以加強學校內涵建設為主要指導思想，組織女教職工活動5次。", "学校妇联"),
]

CASES["the_words_of_a_date_or_a_banner_are_no_part_of_the_body"] = [
    # 年来 is "since the year": its 来 starts no place (来镇关工委)
    ("工委2023年工作总结 篇14\n20xx年来镇关工委在县关工委、镇党委、政府的直接领导下，认真学习，开展活动12次。", "镇关工委"),
    # a place may start right after a year (2012年县妇联)
    ("2012年县妇联在县委的领导下，举办培训班3期，培训妇女300人。", "县妇联"),
    # a document site's banner before the title (倾情为你奉上…) names no body
    ("精选优质文档-倾情为你奉上嘉广集团第一届工会委员会工作报告尊敬的各位领导、各位代表：下午好！"
     "我受工会委员会的委托，向大会作工会工作报告，请审议。", "嘉广集团第一届工会委员会"),
]


def test_a_body_only_greeted_after_the_head_is_not_the_speakers():
    body = _issuer(_SPEECH.format(who="向公司工会致谢"))
    assert body is None or body.norm != "公司工会"


@pytest.mark.parametrize("text, norm", [pytest.param(text, norm, id=f"{cause}-{i}")
                                        for cause, cases in CASES.items() for i, (text, norm) in enumerate(cases)])
def test_the_issuing_body_read(text: str, norm: str | None) -> None:
    assert _norm(text) == norm
