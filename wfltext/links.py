"""Links between records: who did what, how much.

After the extractors, :func:`link` gives

- every number its ``program`` (the program record it counts, funds or measures, in the same
  sentence) and its ``actor`` (the organization that did it);
- every program its ``actor`` (organizer) and ``partners`` (联合/会同/依托… bodies);
- every organization written with a bare level its ``resolved`` name (县妇联 in a report of
  海拉尔区 → 海拉尔区妇联).

A link names its target record by ``norm`` and ``start``; links only point to records that
exist, except an implied actor (the report's issuing body) whose body has no record (``start``
``None``). The rules read sentences (。！？ and line breaks end them; ；splits a sentence into
segments for programs) and clauses (，：；), and cue words kept in
``lexicons/links_cues.tsv``:

number → program
    the program in the number's clause (the nearest before it, unless an enumeration with 等
    stands between: ``A、B等各类培训26期``; else the first after it), or a program of the
    segment named again in the clause as plain text; else the nearest program before it in the
    segment, at most three clauses back, or the umbrella before it when the nearest is counted in
    its own clause (``开展“…”系列活动，举办“红色家书”诵读活动12场，评选…50名``: the 系列活动), not
    the plan that holds a class (``开设“家长学堂”42期，参与家长1.3万人次``: the class); else, for a
    number before any program, one named in the next clause (venues and projects a program runs
    on). Of programs named side by side (``“美丽家园”、“清洁庭院”创建活动``) the first named, unless
    the number's part of the clause names one. A program inside a document's title (``《关于开展
    …活动的通知》``) counts nothing. Dates and editions (第三届“…”大赛) get none.
actor (numbers and programs)
    the agent of a passive clause (``5家企业被市总工会命名``); the bodies a number counts when
    they are the subject (``全县15个乡(镇)妇联…完成换届``); else the sentence's subject: an
    organization at the start of a clause (after time words, 全县 and 由; not the object of
    在/向/指导/协调…), the nearest before the record or else the first after it in the number's
    clause or the program's segment; a body named again by its kind alone (``合作社实现…``) is the
    last body of that kind named before, and another body with no record as the subject
    (``王秀芬领办的种养合作社流转土地320亩``) gives none; 我会/我们/本会/我镇妇联 and sentences
    without a subject give the issuing body (``metadata.body``, fullest form in the report's head:
    ``县妇联`` → ``旬阳妇联``) with ``implied: true``, or its mention under a shorter name in the
    sentence (``调整后的区关工委成员…`` in a report of 塘沽区关工委), explicit. Dates, ages,
    anniversaries, the terms of meetings and bodies (``第三届工会``), numbers in the title and
    statistics about the population (``团结带领全县23.6万名妇女``, ``现有党员58名``) get none.
runner (programs)
    a body that runs the program in a relative clause or a possessive, none the subject
    (``省妇联举办的“…”培训班``, ``落实全国妇联、省妇联开展P的部署``, ``争取县妇联“春蕾计划”…``): the
    first is the actor, the bodies joined to it partners. A program the title names is the
    issuer's.
partners (programs)
    organizations right after 联合/会同/依托/配合/指导… (or 与 with no subject before it) go to
    the programs after them in their clause, else, after 联合/会同, to the program before them in
    the sentence (not ``实施P，依托X举办培训班``: an activity of its own); and the co-subjects of
    ``县妇联与县法院联合…``.

Corpus-wide names: :func:`program_canonicals` gives the variants of one program one
``canonical`` name (rules plus similarity), with a table of the merges for review.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

import regex

from . import rx
from .lexicons import entries, table
from .metadata import holds_sentence_word
from .records import Link, NumberRecord, OrganizationRecord, Record, Sentence, canonical, evolve

if TYPE_CHECKING:
    from .document import Document

_SENTENCE = regex.compile(r"[^。！？!?\n]+")
#: what ends a _SENTENCE, found forwards and (the last one before a position) backwards
_SENTENCE_ENDS = frozenset("。！？!?\n")
_SENTENCE_END = regex.compile(r"[。！？!?\n]")
_SENTENCE_END_BACK = regex.compile(r"(?r)[。！？!?\n]")
_CLAUSE_END = regex.compile(r"[，,：:；;]")
_SEGMENT_END = regex.compile(r"[；;]")
# what may stand between a clause's start and its subject: white space, outline markers, quotes
_BLANK = regex.compile(r"^[\s\u3000“”\"'（）()]*$")
_OUTLINE = regex.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+[，,、]?)")
_DATEWORD = regex.compile(r"^(?:\d{2,4}|20[x×X*]{2}|[一二三四五六七八九十〇○]{2,4})年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:以来|初|底|上半年|下半年)?")
#: how many clauses after the clause that opens a segment a number may stand and still count
#: for the program named there
MAX_CLAUSES = 3
_NO_ACTOR_UNITS = frozenset({"岁", "周岁", "周年", "年级"})
_AGE_UNITS = frozenset({"岁", "周岁"})
# a year written without 年 (20xx共青团工作总结): a date
_BARE_YEAR = regex.compile(r"^(?:19|20)[\dxX×*＊]{2}$")
# a clause that opens with an age band and names the people of it: 其中35岁以下党员11名,
# 18周岁以下的xx人, 全矿35岁以下青年职工294人 (a statistic, not 为35至64岁妇女开展筛查)
_AGE_LED = regex.compile(r"^(?:其中|全[县市区乡镇村矿厂局校])?$")
_AGE_TAIL = regex.compile(r"^(?:以下|以上|之间|以内)?的?\p{Han}{0,4}$")
# a Chinese character, for "plain text" mentions of a program
# a program followed by 、/等/和 or the next quoted name: one of an enumeration (广场舞大赛、手工编织比赛等活动,
# “母亲邮包”“暖冬行动”等公益活动)
_LISTED = regex.compile(r"[”\"」』》]?(?:、|等|和|及|[“\"「『《])")
# between an edition and its program: a quote, or the scope of a national day (第26次全国助残日)
# after a number: the make-up of a body (共14人组成), not a relative clause (由12名青年组成的队伍)
_MAKEUP = regex.compile(r"\p{Han}{0,6}?组成(?!的)")
# right before a partner: a joint work (联合X…), not 与X联合
_JOINT = regex.compile(r"(?<!与)(?:联合|会同|携手|联手)$")
# what stands between a body and the program it runs in a relative clause or a possessive
_RUNS = regex.compile(r"^(?:(?:主办|承办|举办|开展|组织开展|下发|印发|部署|发起|确定)的?|的)?[“\"「『]?$")
# a pivot verb before a body: the body is the one led, not the runner (组织县教育局开展…)
_PIVOT = regex.compile(r"(?:指导|协调|组织|推动|带领|动员|引导|号召|鼓励|配合|依托|联合|会同|邀请|协助|发动|督促|帮助|在)$")
# a body listed among those honoured (县税务局办税服务厅等3个集体获评省级巾帼文明岗): not the one
# that did the work
_HONOURED = regex.compile(r"[\p{Han}、]{0,12}?等[^，,；;：:]{0,30}?(?:获评|荣获|获得|被评为|被授予|被命名|评为|入选)")
# between two programs named side by side (“巾帼示范村”、“巾帼文明岗”创建活动; 职工趣味运动会和“巧手绣
# 栝溪”刺绣技能大赛; 5月科技活动周和9月全国科普日): a number that falls within both counts for the
# first named
_PARALLEL = regex.compile(
    r"^[”\"」』》]?(?:、|和|与|及|以及)[“\"「『《]?(?:\d{1,2}月|[一二三四五六七八九十]{1,2}月)?"
    r"(?:全国|全省|全市|全县|国际|世界)?[“\"「『《]?$"
)
# a kind of body written alone where a clause opens, standing for the body of that kind named
# before (合作社 for 石岭村富民种植专业合作社); a verb must follow it
_KIND_AGAIN = regex.compile(r"(?:(?<=[，,：:；;。\n])|(?<=^)|(?<=年))(合作社|协会|公司|基地)(?=[实带建投销获吸流新开举组发被]|已|共|累计)")
# a program that holds others of its kind: 系列活动, 主题系列
_UMBRELLA = regex.compile(r"系列\p{Han}{0,2}$")
# a body with no record of its own where a clause opens, a verb of what it did after it
_OTHER_BODY = rx.compile(r"(合作社|公司|企业|学校|医院|卫生院|超市|工厂)(?=流转|实现|带动|吸纳|建成|投资|投入|举办|给|拟|捐|出资)")
# what may stand before the issuer's shorter name in its clause's subject: a few characters
# ending in 的 (调整后的区关工委成员), or a clause's lead
_MENTION_LEAD = regex.compile(r"^[\s\u3000]*(?:\p{Han}{0,5}的)?$")
_EDITION_GAP = regex.compile(r"^[“\"「『《]?(?:全国|全省|全市|全县|全区|国际|世界)?[“\"「『《]?$")


@lru_cache(maxsize=None)
def _grouped(name: str) -> dict[str, tuple[str, ...]]:
    """A two-column lexicon (group <TAB> word) as its words per group, longest first."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in table(name):
        if len(row) >= 2:
            out[row[0]].append(row[1])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _cues() -> dict[str, tuple[str, ...]]:
    return _grouped("links_cues.tsv")


@lru_cache(maxsize=None)
def _patterns() -> dict[str, rx.Pattern]:
    c = _cues()
    alt = lambda words: "|".join(regex.escape(w) for w in words)  # noqa: E731
    return {
        "lead": regex.compile(rf"^(?:(?:{alt(c['lead'])})[，,]?)*$"),
        "partner": regex.compile(rf"(?:{alt(c['partner'])})$"),
        "we": regex.compile(
            rf"(?:^|(?<=[，,：:；;]))(?:{alt(c['we'])}|我(?:社区|街道|[县市区镇乡旗村街局矿厂司校])?"
            rf"(?:妇联|团委|总工会|工会|关工委|党委|党支部|党总支|妇委会|团支部|团总支|残联|科协))"
        ),
        "coord": regex.compile(rf"^(?:{alt(c['coord'])})$"),
        # (辖 of 全县辖12个乡镇, not of 辖区 or 辖内: 为辖区1.2万名妇女提供筛查 is work done)
        "no_actor": rx.compile(rf"(?:{alt(entries('links_no_actor.txt'))})(?![区内])[^，,：:；;。]{{0,6}}$"),
        # 第二十次代表大会, 第三届会员代表大会, 第三届工会委员会: a few characters may name whose
        "meeting": regex.compile(rf"[“”\"]?\p{{Han}}{{0,4}}?(?:{alt(c['meeting'])})"),
        "span": regex.compile(rf"(?:{alt(c['span'])})$"),
        "stative": rx.compile(rf"(?:{alt(_population()['stative'])})[^，,：:；;。]{{0,8}}$"),
        "breakdown": rx.compile(rf"(?:{alt(_population()['breakdown'])})$"),
        "work": regex.compile(alt(_population()["work"])),
        "finding": rx.compile(alt(_population()["finding"])),
        "target": regex.compile(rf"[\s\u3000]{{0,4}}(?:{alt(c['target'])})"),
        "frame": regex.compile(rf"[\s\u3000]{{0,4}}(?:{alt(c['frame'])})"),
    }


def _population() -> dict[str, tuple[str, ...]]:
    return _grouped("links_population.tsv")


@dataclass(slots=True)
class _Item:
    record: Record
    s: int  # normalized start
    e: int  # normalized end
    #: in its sentence: "subject", "co" (co-subject), "partner", "agent" or None
    role: str | None = None


#: a subject that is a body with no record: its work has no actor
_NOBODY = _Item(None, -1, -1)  # type: ignore[arg-type]


def _to_normalized(doc: "Document", records: Sequence[Record]) -> list[_Item]:
    starts = doc.normalized.offsets.starts
    ends = doc.normalized.offsets.ends
    n = len(starts)
    out = []
    for r in records:
        s = bisect.bisect_left(starts, r.start)
        e = bisect.bisect_left(ends, r.end) + 1 if r.end > r.start else s
        out.append(_Item(r, min(s, n), max(min(e, n), min(s, n))))
    return out


def _spans(pattern: regex.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of ``text[start:end]`` cut at ``pattern``'s matches (the separator stays with the
    piece it ends)."""
    out = []
    pos = start
    for m in pattern.finditer(text, start, end):
        out.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out or [(start, end)]


_AFTER_ANY_END = (float("inf"),)


def _find(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The piece of ``spans`` (sorted) that holds ``pos``: the last that starts at or before it."""
    i = bisect.bisect_right(spans, (pos, *_AFTER_ANY_END)) - 1
    return spans[max(i, 0)]


@dataclass(frozen=True, slots=True)
class Body:
    """The report's issuing body as an implied actor."""

    norm: str
    start: int | None

    def link(self) -> Link:
        return Link(self.norm, self.start, True)


# a place written before the body at the start of a line of the head (稔田县科协201*年工作总结),
# never a word inside a sentence (，召开县妇联…)
# (\Z, not $: $ would match before a newline too, and read the heading line 总结⏎ over 市科协 as its place)
_PLACE_BEFORE = regex.compile(r"(?:^|(?<=[\n>]))[ \t\u3000]*(?![我本该这其])(\p{Han}{2,6})\Z")  # (not 我代表: a speaker)


@lru_cache(maxsize=None)
def _issuer_head() -> regex.Pattern:
    from .metadata import _NATIONAL_ORG, _ORG_HEAD

    # and the bodies within a body or below the issuers' heads that pages of template sites
    # issue reports as (县总工会女职工委员会, 青山社区居委会, 少先队大队, 妇联执行委员会; a village's 两委,
    # its Party branch and its committee as one; a township's 妇代会)
    return regex.compile(rf"(?:{_ORG_HEAD}|{_NATIONAL_ORG}|共青团\p{{Han}}{{1,8}}委|{_SUB_HEAD})$")


_SUB_HEAD = (r"(?:女职工委员会|女工委|女职委|居委会|居民委员会|村委会|村民委员会|少先队大队|少先队大队部|大队部|委员会|两委|妇代会"
             # the genre's other mass bodies, which issue reports as the pages of the issuers sets
             # show (a family-planning association, an ageing committee and its office)
             r"|计划生育协会|计生协会|老龄委|老龄办|老龄工作委员会办公室|侨联|文联|红十字会)")


# what a fuller form may add in front of the body: a name (稔田, 青山镇石岭, ××), not 我/本/该
# nor a blank to fill in (_镇妇联)
_FULLER = regex.compile(r"^(?![我本该这其])[\p{Han}×xX*＊]+$")


# a body written without its unit, as a report of a company names its union (我司工会)
_SHORT_SELF = {"司工会": "公司工会", "校工会": "学校工会"}
# the kinds of body a title may name bare (残疾人联合会工作计划, XX学年团委工作计划), in their short form
_BARE_KIND = regex.compile(r"^(?:(?:19|20)[\dxX×*]{2}年?|[xX×*]{2}(?:学?年度?)?)?(?:\p{Han}{0,4}?)"
                           r"(女职工委员会|女工委|女职委|残疾人联合会|残联|妇女联合会|妇联|关心下一代工作委员会|关工委|总工会|工会"
                           r"|团委|科学技术协会|科协|党支部|党总支|团支部|团总支)(?=工作|\d|20|年|[上下半全]|(?:副)?(?:主席|书记|主任)|$)")
_KIND_SHORT = {"残疾人联合会": "残联", "妇女联合会": "妇联", "关心下一代工作委员会": "关工委", "科学技术协会": "科协"}
# the level a report gives itself: 我市, 我县 (not 我国, 我会)
_MY_LEVEL = regex.compile(r"我(市|县|区|旗|镇|乡)(?![长委])")
# a unit named at the head of the title, before its year: 三十七团七连20__年…总结
_TITLE_UNIT = regex.compile(r"^(\p{Han}{2,10}?(?:社区|居委会|村|连|公司|学校|中学|小学))(?=20|19|[〇一二][〇一二三四五六七八九零]{3}年)")
# a body of a company or a school that writes of itself (本公司, 我校) and of its union
_COMPANY = regex.compile(r"本公司|我公司|全公司|我司")
_SCHOOL = regex.compile(r"本校|我校|全校|学校")
# a branch written bare as the subject of the head (20xx年4月，党支部按照学校要求…)
_BARE_BRANCH = regex.compile(r"(?:^|(?<=[，。：\n]))(党支部|党总支|团支部|团总支)(?=[按根在结召组开于及])")
# a body read with the words of its sentence in front: one it cites (根据县关工委的工作要求,
# 按照省残联《…》, 围绕县总工会确定的目标), one it works with (联合社区关工委, read as the place 联合社) or every body of a
# level (明年全区工会工作), never the one that reports
_NOT_ONE_BODY = regex.compile(r"^\p{Han}{0,4}?(?:按照|根据|依据|遵照|围绕|全[省市县区旗镇乡村]|联合(?!会)|会同|协同|配合|协助|邀请)")
# verbs before a body whose aims or documents the report follows (围绕县总工会确定的目标, 落实县妇联…)
_CITING = regex.compile(r"(?:按照|根据|依据|遵照|围绕|落实|贯彻|对照)$")
# words before a body that cite it or lead the reporter (按照县妇联…, 在县妇联的指导下, 上级工会)
_CITED_BEFORE = regex.compile(r"(?:按照|根据|依据|向|受|在|上级|与|和|及|、)$")
# a line that heads a report (工会工作总结, 妇联上半年工作汇报)
_HEADING = regex.compile(r"总结|计划|报告|汇报|要点|材料")
# a branch a report calls its own, named in full: 我们05行管党支部
# (a class written with its number in brackets: 我们高二(2)班团支部)
_MY_BRANCH = regex.compile(r"我们([\p{Han}\w()（）]{0,10}?(?:党支部|团支部|党总支|团总支))")
# the community or village the opening is about, as the subject of its first lines (一年来，_社区在镇党委
#的领导下…; …的良好风尚，金华园社区在助残日到来之际…), not 全社区 nor 各村
_OPENING_UNIT = regex.compile(r"(?:^|(?<=[，,。：:\n]))[ \t\u3000]*(?![全各每本该我这其])([某xX×*＊_\p{Han}]{1,8}?(?:社区|村|居委会))在")
# the community a report calls 我社区 / 我社群
_MY_COMMUNITY = regex.compile(r"我(社区|社群)")


# a title run on into the report's first line, which the title reader leaves out: a body that
# opens the text (after a chunk marker: 1、XX中学团委工作总结…; with the mask of its name:
# 某某乡妇联2021年工作总结及…2021年，某乡妇联…) followed by its report's kind
_RUN_ON_LEAD = regex.compile(r"[ \t\u3000\n]*(?:\d{1,2}[、.．][ \t\u3000]*)?([某xX×*＊_]*)")
_RUN_ON_KIND = regex.compile(r"(?:(?:19|20)[\dxX×*]{2}(?:[-—～~至]?(?:19|20)[\dxX×*]{2})?(?:学?年度?)?)?(?:上半年|下半年|年度|全年)?"
                             r"(?:工作)?(?:总结|计划|报告|汇报|要点)")


def _run_on_title(doc: "Document", orgs: Sequence[Record], head_end: int) -> Body | None:
    opening = doc.to_original(0, 0)[0] if doc.text else 0
    r = next((r for r in orgs if r.start >= opening), None)
    if r is None or r.start >= head_end:
        return None
    lead = _RUN_ON_LEAD.fullmatch(doc.original, opening, r.start)
    if lead and _RUN_ON_KIND.match(doc.original, r.end) and _issuer_head().search(r.norm):
        # (its start is a record's or none: the record 某乡妇联 is not the body 某某乡妇联)
        return Body(lead.group(1) + r.norm, None if lead.group(1) else r.start)
    return None


# a speaker line: the speaker's name and his post in a body (徐某某  华茂集团团委书记; 县妇联主席 张某),
# which names the body a speech speaks for, not the one whose meeting hears it
_POST = r"(?:党组)?(?:常务)?副?(?:书记|主席|主任|会长|理事长|部长)"
_SPEAKER_LINE = regex.compile(r"[ \t\u3000]*(\p{Han}{2,4}[ \t\u3000]+)?")
_SPEAKER_POST = regex.compile(rf"{_POST}([ \t\u3000]+\p{{Han}}{{2,4}})?[ \t\u3000]*(?:\n|\Z)")


def _speaker_body(doc: "Document", orgs: Sequence[Record], head_end: int) -> Record | None:
    for r in orgs:
        if r.start >= head_end:
            break
        line = doc.original.rfind("\n", 0, r.start) + 1
        lead = _SPEAKER_LINE.fullmatch(doc.original, line, r.start)
        post = _SPEAKER_POST.match(doc.original, r.end)
        # one name on the line, before the body or after the post
        if lead and post and bool(lead.group(1)) != bool(post.group(1)) and _issuer_head().search(r.norm):
            return r
    return None


# a body named by its level alone (社区妇联, 村关工委), as the title of a site's compilation names it
_LEVEL_KIND = regex.compile(r"^(社区|街道|[省市县区旗镇乡村])(妇联|妇委会|总工会|工会|关工委|残联|科协|团委|团工委|党委|党支部|党总支)$")


def _compiled_title_body(doc: "Document", norm: str, orgs: Sequence[Record], te: int, head_end: int) -> Record | None:
    """The body the text speaks for under a site's compilation title that names another by its
    level alone (2024社区妇联年度工作总结 over …，区妇联以项目化方式…；__年，区妇联获得…): a body of the
    same kind that the lines after the title twice make the subject of a clause, where the text
    never names the title's body again nor says 我 of its level."""
    m = _LEVEL_KIND.match(norm)
    if not m or regex.search(rf"我{m.group(1)}", doc.text) or any(r.norm == norm and r.start >= te for r in orgs):
        return None
    subjects = [r for r in orgs if te <= r.start < head_end and r.norm != norm and r.norm.endswith(m.group(2))
                and doc.original[r.start - 1] in "，,。\n \u3000" and not _NOT_ONE_BODY.match(r.norm)]
    first = next((r for r in subjects if sum(s.norm == r.norm for s in subjects) >= 2), None)
    return first


# a title that is a compilation's heading or page title, site text (县妇联2023年工作总结模板6篇,
# 校工会工作总结模板(30篇), 关工委年终工作总结【第一篇】, …工作总结篇4, 乡镇妇联半年工作总结一): the
# report under it speaks for itself
_COMPILATION_HEADING = regex.compile(
    r"(?:[\d一二三四五六七八九十两]{1,3}篇|篇[一二三四五六七八九十\d]{1,3}|【[^】\n]{1,6}】"
    r"|(?:范文|範文|模板|模版|范例|精选|大全|汇编|合集)[一二三四五六七八九十\d]{0,3}"
    r"|(?:总结|總結|计划|計劃|报告|報告|汇报|匯報|材料)[一二三四五六七八九十])[)）]?[ \t]*$")
# the kind of body an issuer is (its head, in short form), to find the same kind under a heading
_ISSUER_KIND = regex.compile(
    r"(女职工委员会|女工委|女职委|残疾人联合会|残联|妇女联合会|妇联|妇代会|关心下一代工作委员会|关工委|总工会|工会"
    r"|团委|团支部|团总支|少先队|大队部|科学技术协会|科协|党支部|党总支|党委|居委会|村委会)$")
# words after a body that make it the one leading or helping the reporter (在县妇联的指导下)
_LED_BY = ("的领导", "的指导", "领导下", "指导下", "的支持", "的关心", "的帮助", "的大力", "的正确")


def _kind(norm: str) -> str | None:
    m = _ISSUER_KIND.search(norm)
    if m is None:
        return None
    kind = _KIND_SHORT.get(m.group(1), m.group(1))
    return "工会" if kind == "总工会" else kind


# a body's kind alone, with no level nor name (妇联, 工会, 团委)
_BARE_ISSUER = regex.compile(r"(?:妇联|妇女联合会|工会|团委|团支部|残联|残疾人联合会|关工委|科协|女职委|女工委|女职工委员会)")
# the unit a report calls its own below the levels of _MY_LEVEL: 我社区, 我村, 我校
_MY_UNIT = regex.compile(r"我(社区|村|校)(?![长委])")
_UNIT_FORM = {"社区": "社区", "村": "村", "校": "学校"}


def _my_unit(text: str) -> str | None:
    """The level or unit a report gives itself (我县 → 县, 我社区 → 社区, 我校 → 学校), the
    levels of :data:`_MY_LEVEL` first."""
    m = _MY_LEVEL.search(text)
    if m:
        return m.group(1)
    m = _MY_UNIT.search(text)
    return _UNIT_FORM[m.group(1)] if m else None


def _without_readings(text: str) -> str:
    """``text`` without its inline pinyin readings (婦聯(lián)工作計劃 → 婦聯工作計劃)."""
    from .normalize.offsets import apply_edits
    from .normalize.script import remove_pinyin

    return apply_edits(text, remove_pinyin(text))


def _cited_or_leading(original: str, r: Record) -> bool:
    """Whether the text cites the body of ``r`` or names it as the one leading or helping the
    reporter (按照县妇联…, 在县妇联的指导下, 上级工会)."""
    if _OUTLINE_BEFORE.search(original, max(0, r.start - 8), r.start):
        return original.startswith(_LED_BY, r.end)  # 一、区总工会将…: the 、 of an outline marker
    return bool(_CITED_BEFORE.search(original, max(0, r.start - 4), r.start)) or original.startswith(_LED_BY, r.end)


# an outline marker right before a body, at the start of its line (一、区总工会将…)
_OUTLINE_BEFORE = regex.compile(r"(?:^|\n)[ \t\u3000]*[一二三四五六七八九十\d]{1,3}、\Z")


def _under_compilation_heading(doc: "Document", norm: str, orgs: Sequence[Record], te: int) -> Record | None:
    """The body a report speaks for under a compilation's heading that names a body
    (县妇联2023年工作总结模板6篇 over …某某社区妇联将要…; 校工会工作总结模板篇4 over 学校工会陪伴…):
    the heading is site text, so the first body of the same kind that the report under it names
    as its own (not one it cites or is led by: 按照县妇联…, 在县妇联的指导下), within the report's
    first lines; None when it names none."""
    kind = _kind(norm)
    if kind is None:
        return None
    original = doc.original
    for r in orgs:
        if r.start < te:
            continue
        if r.start > te + 1200:
            break
        if _kind(r.norm) != kind or _NOT_ONE_BODY.match(r.norm):
            continue
        if _cited_or_leading(original, r):
            continue
        return r
    return None


# the levels, highest first, and the kinds of body a level has one of
_RANK = {"省": 0, "市": 1, "州": 1, "县": 2, "区": 2, "旗": 2, "镇": 3, "乡": 3, "街": 3, "村": 4, "社": 4, "居": 4}
#: the level a body's name gives it: its first level word
_UNIT_LEVEL = regex.compile(r"(社区|街道|[省市州县区旗镇乡村居])")
_LEVEL_BODY = regex.compile(r"([省市州县区旗镇乡村])(女职工委员会|女工委|残疾人联合会|残联|妇女联合会|妇联"
                            r"|关心下一代工作委员会|关工委|总工会|科学技术协会|科协)$")


def _report_level(text: str) -> str | None:
    """The level a report gives itself: 我县, else the 全市 / 全县 it counts most."""
    m = _MY_LEVEL.search(text)
    if m:
        return m.group(1)
    counts = Counter(regex.findall(r"全([省市县区旗镇乡])", text))
    return counts.most_common(1)[0][0] if counts else None


def _own_level_body(doc: "Document", norm: str, orgs: Sequence[Record], head_end: int) -> Record | None:
    """A body of a level above the report's (省残联 read off a report that counts 全市残疾人, its
    own body named 市残联 and xx市残疾人联合会) gives way to the body of that kind at the report's
    level that the head names."""
    m = _LEVEL_BODY.search(norm)
    level = _report_level(doc.text)
    if not m or not level or _RANK[m.group(1)] >= _RANK[level]:
        return None
    kind = _KIND_SHORT.get(m.group(2), m.group(2))
    for r in orgs:
        if r.start >= head_end:
            break
        o = _LEVEL_BODY.search(r.norm)
        if o and o.group(1) == level and _KIND_SHORT.get(o.group(2), o.group(2)) == kind and not _NOT_ONE_BODY.match(r.norm) \
                and not _CITED_BEFORE.search(doc.original, max(0, r.start - 3), r.start):
            return r
    return None


def _issuer_hint(doc: "Document", title: str, body: str | None, orgs: Sequence[Record], head_end: int) -> str | None:
    """The issuing body of a page whose head names none with a place: the body as its title or
    its first lines give it, with ``start`` null when the page has no record of it (a company's
    union: 公司工会; a bare 残疾人联合会 in a report that says 我市: 市残联; a title 工会工作总结
    and nothing more: 工会)."""
    if body in _SHORT_SELF:
        return _SHORT_SELF[body]
    text = doc.text
    head = text[:600]
    m = _TITLE_UNIT.match(title)
    if m:
        return m.group(1)
    # 我代表共青团XX村第三届支部委员会向大会作报告: the body the speaker stands for
    for r in orgs:
        if r.start < head_end and doc.original.endswith(("我代表", "我谨代表"), 0, r.start):
            return r.norm
    m = _MY_BRANCH.search(head)
    if m:
        return canonical(m.group(1))
    union = None
    if "工会" in text:
        if _COMPANY.search(text):
            union = "公司工会"
        elif "教职工" in text and _SCHOOL.search(text):
            union = "学校工会"
    # the title, else a heading among the page's first lines (九九范文帮⏎妇联工作总结5篇), which
    # the cleaned text leaves out
    lines = [title] + _head_lines(doc, 800, 12)
    lines = [regex.sub(r"^.*[>＞]", "", ln).strip() for ln in lines]  # 首页>工作总结>妇联工作总结
    kinds = [k for k in (_BARE_KIND.match(ln) for ln in lines if ln) if k and _HEADING.search(k.string)]
    if kinds:
        given = kinds[0].group(1)
        # the body of that kind the first lines name as a record (公司工会在公司党委的领导下…)
        # (or the one a chair's 述职 says she leads: 我带领镇妇联…, 作为校团委书记)
        named = [r for r in orgs if r.start < head_end and r.norm.endswith((given, _KIND_SHORT.get(given, given)))
                 and len(r.norm) > len(given) and (r.start == 0 or doc.original[r.start - 1] in "，,。：:\n \u3000我本"
                                                   or doc.original.endswith(("带领", "作为"), 0, r.start))
                 and not _CITED_BEFORE.search(doc.original, max(0, r.start - 3), r.start) and not _NOT_ONE_BODY.match(r.norm)]
        if named:
            return named[0].norm
        level = _MY_LEVEL.search(text)
        if not level and (unit := _MY_UNIT.search(text)):
            return _UNIT_FORM[unit.group(1)] + _KIND_SHORT.get(given, given)  # 我校 … 妇联工作计划: 学校妇联
        if level:
            short = _KIND_SHORT.get(given, given)
            # the page's own name of the body of that level (我区 … 区总工会将…), else the level's
            forms = [level.group(1) + short] + ([level.group(1) + "总工会"] if short == "工会" else [])
            # (in its fullest form: xx区科协 for 区科协; never one the report cites or is led by:
            # 在区、市科协的帮助指导下)
            own = (r.norm for r in orgs if not _cited_or_leading(doc.original, r) and not _NOT_ONE_BODY.match(r.norm)
                   and any(r.norm == f or (r.norm.endswith(f) and _FULLER.match(r.norm[: -len(f)])) for f in forms))
            return next(own, forms[0])
        if union and given in ("工会", "总工会"):
            return union
        return given
    if union:
        return union
    m = _BARE_BRANCH.search(head)
    if m:
        return m.group(1)
    m = _MY_COMMUNITY.search(head)
    if m:
        # its full name where the page writes it (我社群 … 四社群居委会)
        full = regex.search(rf"(?<![\p{{Han}}])\p{{Han}}{{0,3}}?(\p{{Han}}{{1,4}}{m.group(1)}(?:居委会|居民委员会))", text)
        return full.group(1) if full else None
    m = _OPENING_UNIT.search(head, 0, 400)
    if m:
        return canonical(m.group(1))
    return None


def issuing_body(doc: "Document", orgs: Sequence[Record], *, model: bool = True) -> Body | None:
    """The report's issuing body: the candidate a learned ranker scores highest among the
    organizations of the report's head and the body the rules read (:func:`choose_issuer`,
    trained by :mod:`wfltext.learn.issuer`; the rules' body where there is no ranker, or with
    ``model=False``: the rules alone)."""
    rules = rules_issuing_body(doc, orgs)
    return choose_issuer(doc, orgs, rules) if model else rules


def _head_end(doc: "Document", chars: int = 400) -> int:
    """The original offset where the report's head ends: its first ``chars`` characters of
    normalized text (400: where the rules read a body; the ranker's candidates reach further)."""
    if not doc.text:
        return 0
    n = min(len(doc.text), chars)
    return doc.to_original(n, n)[0]


@lru_cache(maxsize=None)
def _own_level_kind(kind: str) -> regex.Pattern:
    """A body of ``kind`` at one level (镇工会, 石岭镇总工会, 街道妇联), not a class of them."""
    kinds = (kind, "总工会") if kind == "工会" else (kind,)
    return regex.compile(rf"^\p{{Han}}{{0,6}}?(?<![乡镇村居街])(?:镇|乡|街道|村|社区)(?:{'|'.join(kinds)})$")


#: a level word that ends in another (社区 for 区, 自治县 for 县): 社区妇联 is no fuller form of 区妇联
_LONGER_LEVEL = regex.compile(r"社区|自治[区州县旗]|[乡镇]镇|镇[乡街]")
#: a body of every township or village of a kind (乡镇妇联, 村居妇联): a template's title, no body
_CLASS_BODY = regex.compile(r"^(?:乡镇|乡街|镇街|村居|居村)(\p{Han}{2,8})$")


def rules_issuing_body(doc: "Document", orgs: Sequence[Record]) -> Body | None:
    """The report's issuing body as the rules read it (:func:`_read_issuing_body`); a body named
    for a whole class of units (乡镇工会工作计划, a template site's title) gives way to the first
    body of that kind the report names at one level (镇工会, 镇总工会, 街道妇联), unless the
    report cites it or is led by it."""
    body = _read_issuing_body(doc, orgs)
    m = _CLASS_BODY.match(body.norm) if body is not None else None
    if m is None or not _compiled_page(doc):
        return body  # (a single report's own title may name a class: 乡镇残联工作报告 over X镇残联's)
    own = _own_level_kind(m.group(1))
    head_end = _head_end(doc, RANKER_HEAD)
    for r in orgs:
        if r.start < head_end and own.match(r.norm) and not _cited_or_leading(doc.original, r) and not _NOT_ONE_BODY.match(r.norm):
            return Body(r.norm, r.start)
    return body


def _head_lines(doc: "Document", chars: int, count: int) -> list[str]:
    """The first ``count`` lines of the original's first ``chars`` characters, as a reader sees
    them: without inline pinyin, in simplified script (a traditional page heads with 科協年度總結),
    stripped of blanks. The cleaned text leaves site headings out; these keep them."""
    from .normalize.script import convert

    return [ln.strip(" \t\u3000") for ln in convert(_without_readings(doc.original[:chars])).split("\n")[:count]]


def _compiled_page(doc: "Document") -> bool:
    """Whether the page is a compilation: one of its first lines is a compilation's heading
    (…工作计划四篇, 篇1, 范文（精选）)."""
    return any(_COMPILATION_HEADING.search(ln) for ln in _head_lines(doc, 1500, 20))


def _read_issuing_body(doc: "Document", orgs: Sequence[Record]) -> Body | None:
    """The report's issuing body as the title gives it (an organization record of the title
    that names an issuing body: ``青石镇妇联2023年工作总结`` → 青石镇妇联, even where the
    signature writes 青石镇妇女联合会), else ``metadata.body``; in its fullest form in the
    report's head: an organization record that ends with it (``村党支部`` → ``青山镇石岭村党支部``,
    ``县科协`` → ``稔田县科协``), else the body with the report's place (``县妇联`` in 桐岭县 →
    ``桐岭县妇联``) or with the place written at the start of a line before it in the head
    (``稔田县科协201*年工作总结``); with the start of its first record."""
    body = doc.metadata.body
    text = doc.text
    head = min(len(text), 400)
    head_end = doc.to_original(head, head)[0] if text else 0
    title = doc.metadata.title
    titled = at_meeting = False
    if title:
        i = text.find(title, 0, head)
        if i >= 0:
            ts, te = doc.to_original(i, i + len(title))
            named = [r for r in orgs if ts <= r.start and r.end <= te and _issuer_head().search(r.norm)
                     and not _issuer_head().fullmatch(r.norm)]  # a bare 残疾人联合会 names no body
            if named:
                body, titled = named[0].norm, True
                compiled = _compiled_title_body(doc, body, orgs, te, head_end)
                if not compiled and _COMPILATION_HEADING.search(title):
                    compiled = _under_compilation_heading(doc, body, orgs, te)
                if compiled:
                    # (and the title's body is no fuller form of it: 社区妇联 of 区妇联)
                    orgs = [r for r in orgs if r.norm != body]
                    body = compiled.norm
                # 在县妇联执委会议上的发言: the title names the meeting's body; a speaker line
                # names the speaker's
                at_meeting = doc.original.endswith("在", ts, named[0].start)
    run_on = None
    if not titled:
        run_on = _run_on_title(doc, orgs, head_end)
        if run_on:
            body = run_on.norm
    if not titled or at_meeting:
        if not run_on and (speaker := _speaker_body(doc, orgs, head_end)):
            body = speaker.norm
    if body and _NOT_ONE_BODY.match(body):
        body = None
    if body and body == doc.metadata.body and not titled:
        # the body the head names only as one it cites or is led by (在区、市科协的帮助指导下) is
        # not the one that reports
        mentions = [r for r in orgs if r.start < head_end and r.norm == canonical(body)]
        if mentions and all(_cited_or_leading(doc.original, r) for r in mentions):
            body = None
    if not body or body in _SHORT_SELF:
        # the report names itself in its head: 一年来，我村党支部… → 村党支部
        mine = [r for r in orgs if r.start < head_end and r.start > 0 and doc.original[r.start - 1] in "我本"]
        if mine:
            return Body(mine[0].norm, next(r.start for r in orgs if r.norm == mine[0].norm))
        hint = _issuer_hint(doc, title or "", body, orgs, head_end)
        if hint and _BARE_ISSUER.fullmatch(hint):
            # a bare kind (团支部, 关工委 of a heading) where the head names a body of that kind
            # with its place or its masked name (xxx团支部现有团员…, 现将社区关工委工作汇报如下):
            # that body, unless the report cites it or is led by it
            named = next((r for r in orgs if r.start < head_end and len(r.norm) > len(hint) and r.norm.endswith(hint)
                          and _FULLER.match(r.norm[: -len(hint)]) and not _cited_or_leading(doc.original, r)
                          and not _NOT_ONE_BODY.match(r.norm)), None)
            if named is not None:
                return Body(named.norm, named.start)
        if not hint:
            # else a body the report calls its own further on (…我区女职工委员会主任由…), or that
            # its speaker stands for (请允许我代表公司工会，向…致以节日的问候)
            mine = [r for r in orgs if r.start > 0 and doc.original.endswith(("我", "我代表"), 0, r.start) and _issuer_head().search(r.norm)]
            return Body(mine[0].norm, mine[0].start) if mine else None
        return Body(hint, next((r.start for r in orgs if r.norm == hint), None))
    # 我代表上届村团支部委员会: the outgoing committee is the body itself
    norm = regex.sub(r"^(?:上一?届|本届|新一?届)(?=\p{Han}{2})", "", canonical(body))
    national = regex.match(r"(?:中华)?全国(妇联|总工会|残联|科协|关工委)$", norm)
    mine = regex.search(r"我([县市区旗镇乡])", text)
    if national and mine:
        # a national body read off a local report (全国妇联 in one that says 我县): the body of
        # the report's level
        norm = mine.group(1) + national.group(1)
    elif not titled and (own := _own_level_body(doc, norm, orgs, head_end)):
        return Body(own.norm, own.start)
    fuller = [r for r in orgs if r.start < head_end and r.norm.endswith(norm) and len(r.norm) > len(norm)
              and _FULLER.match(r.norm[: len(r.norm) - len(norm)])]
    # the body with its place written without the level (县妇联 → 旬阳妇联, the opening's 旬阳妇联把…;
    # not 全国妇联)
    unleveled = [r for r in orgs if r.start < head_end and norm[:1] in "市县区旗镇乡" and len(norm) > 2
                 and norm[1] not in "省市县区旗镇乡村州街社"
                 and r.norm.endswith(norm[1:]) and 2 <= len(r.norm) - len(norm) + 1 <= 3
                 and _FULLER.match(r.norm[: len(r.norm) - len(norm) + 1])
                 and not regex.search(r"[各级全]", r.norm[: len(r.norm) - len(norm) + 1])  # 区各级妇联 is no place
                 and r.norm[len(r.norm) - len(norm)] not in "省市县区旗镇乡村州" and r.norm[:1] not in "全中"]
    if fuller:
        norm = fuller[0].norm
    elif unleveled:
        norm = unleveled[0].norm
    elif norm[:1] in "省市县区旗镇乡村":
        place = doc.metadata.place
        if place and place.endswith(norm[0]) and len(place) > 1:
            norm = place + norm[1:]
        else:
            i = text.find(norm, 0, head)
            while i >= 0:
                m = _PLACE_BEFORE.search(text, max(0, i - 6), i)
                if m and not regex.search(r"[年的在和与及]|按照|根据|依据|遵照", m.group(1)) \
                        and not holds_sentence_word(m.group(1)):
                    norm = m.group(1) + norm
                    break
                i = text.find(norm, i + 1, head)
    elif _BARE_ISSUER.fullmatch(norm) and (unit := _my_unit(text)):
        # a bare kind (妇联) in a report that names no body of its own but says 我社区 / 我校:
        # the kind at that level (社区妇联, 学校妇联)
        norm = unit + norm
    first = next((r.start for r in orgs if r.norm == norm), None)
    if run_on and norm == run_on.norm:
        first = run_on.start
    if first is None and len(norm) > 3 and norm[0] in "经由据向":
        # 经市妇联研究: a word of the sentence read as the body's place
        rest = next((r for r in orgs if r.norm == norm[1:]), None)
        if rest:
            return Body(rest.norm, rest.start)
    if first is None:
        # a body within the body read (县总工会 of 县总工会女职工委员会在…): the one the head names
        within = [r for r in orgs if r.start < head_end and r.norm.startswith(norm) and len(r.norm) > len(norm)
                  and regex.fullmatch(r"(?:女职工委员会|女工委|女职委)", r.norm[len(norm):])]
        if within:
            return Body(within[0].norm, within[0].start)
    return Body(norm, first)


def issuer(doc: "Document", records: Sequence[Record], *, model: bool = True) -> Body | None:
    """The report's issuing body as the linker reads it (the implied actor of its links), from
    the document's records: what :func:`wfltext.evaluate.evaluate_issuers` scores."""
    return issuing_body(doc, [r for r in records if r.type == "organization"], model=model)


def _subject_prefix_ok(prefix: str) -> bool:
    prefix = _OUTLINE.sub("", prefix)
    prefix = _DATEWORD.sub("", prefix.strip(" \u3000"))
    if not prefix or _BLANK.match(prefix):
        return True
    return bool(_patterns()["lead"].match(prefix))


def _sentences_holding(text: str, positions: list[int]) -> Iterator[tuple[int, int]]:
    """The spans of ``_SENTENCE.finditer(text)`` that hold one of ``positions`` (sorted), in order.

    Speed: the linker needs only the sentences where a number or a program starts (about one
    in three of 11,471 a pass); each is found from such a position, back to the end of the
    sentence before and on to its own end, instead of visiting every sentence (a position on a
    sentence's end is in no sentence)."""
    se = 0
    for p in positions:
        if p < se or p >= len(text) or text[p] in _SENTENCE_ENDS:
            continue
        before = _SENTENCE_END_BACK.search(text, 0, p)
        ss = before.end() if before is not None else 0
        after = _SENTENCE_END.search(text, p)
        se = after.start() if after is not None else len(text)
        yield ss, se


# -- the issuing body chosen by a learned ranker (trained by wfltext.learn.issuer) ------------------

#: bump when the features change: a weights file is valid only for the features it was trained on
RANKER_VERSION = 1
RANKER_FEATURES = ("in_title", "title_compilation", "rank", "position", "no_record", "issuer_head", "kind_of_title",
                   "mine", "cited", "mentions", "clause_start", "bare_kind", "not_one_body", "higher_level", "length",
                   "title_single", "fuller_of_title", "above_report", "line_start", "kind_share")
#: how far into the report (original characters) its organizations are candidates
RANKER_HEAD = 1500
RANKER_PATH = Path(__file__).resolve().parent / "models" / "issuer.json"


def issuer_candidates(doc: "Document", orgs: Sequence[Record], rules: Body | None) -> list[tuple[str, int | None, list[float]]]:
    """``(norm, start of its first record or None, features)`` of every candidate, in the order
    the report names them (the rules' body last when no record of the head holds it)."""
    original = doc.original
    title = doc.metadata.title or ""
    ts = te = -1
    if title:
        i = doc.text.find(title, 0, 400)
        if i >= 0:
            ts, te = doc.to_original(i, i + len(title))
    compilation = bool(title) and _COMPILATION_HEADING.search(title) is not None
    title_kind = title_body = None
    by_norm: dict[str, list[Record]] = {}
    for r in orgs:
        if ts <= r.start and r.end <= te:
            title_kind = _kind(r.norm) or title_kind
            title_body = title_body or (r.norm if _issuer_head().search(r.norm) else None)
        if r.start <= RANKER_HEAD and not _NOT_ONE_BODY.match(r.norm):  # 明年全区工会 is every union, no body
            by_norm.setdefault(r.norm, []).append(r)
    if rules is not None and rules.norm not in by_norm:
        by_norm[rules.norm] = []
    unit = _my_unit(doc.text)
    level = _report_level(doc.text)
    # how much of the report's naming of bodies is of each kind (a women's federation's report
    # names the 妇联 most, the 党委 that leads it less)
    kinds: dict[str | None, int] = {}
    for r in orgs:
        k = _kind(r.norm)
        kinds[k] = kinds.get(k, 0) + 1
    named = sum(v for k, v in kinds.items() if k is not None) or 1
    out = []
    for k, (norm, rs) in enumerate(by_norm.items()):
        kind = _kind(norm)
        first = rs[0].start if rs else None
        in_title = any(ts <= r.start and r.end <= te for r in rs)
        feats = {
            "in_title": in_title,
            "title_compilation": compilation and in_title,
            "rank": math.log1p(k),
            "position": first / RANKER_HEAD if first is not None else 1.0,
            "no_record": not rs,
            "issuer_head": _issuer_head().search(norm) is not None,
            "kind_of_title": title_kind is not None and kind == title_kind,
            "mine": any(r.start > 0 and original[r.start - 1] in "我本" for r in rs),
            "cited": bool(rs) and all(_cited_or_leading(original, r) for r in rs),
            "mentions": math.log1p(len(rs)),
            "clause_start": any(r.start == 0 or original[r.start - 1] in "，,。：:\n \u3000" for r in rs),
            "bare_kind": _BARE_ISSUER.fullmatch(norm) is not None,
            "not_one_body": _NOT_ONE_BODY.match(norm) is not None,
            "higher_level": bool(unit) and norm[:1] in "省市县区" and norm[:1] != unit[:1],
            "length": min(len(norm), 12) / 12,
            "title_single": in_title and not compilation,
            "fuller_of_title": title_body is not None and len(norm) > len(title_body) and norm.endswith(title_body),
            "above_report": bool(level) and (m := _LEVEL_BODY.search(norm)) is not None
            and _RANK[m.group(1)] < _RANK.get(level, 9),
            "kind_share": kinds.get(kind, 0) / named if kind is not None else 0.0,
            "line_start": any(r.start == 0 or original[r.start - 1] == "\n"
                              or (r.start > 1 and original[r.start - 1] in "我本" and original[r.start - 2] in "\n，,。")
                              for r in rs),
        }
        out.append((norm, first, [float(feats[f]) for f in RANKER_FEATURES]))
    return out


@lru_cache(maxsize=1)
def load_ranker(path: str | None = None) -> dict[str, Any] | None:
    """The shipped weights (or those at ``path``), None when there are none or they were made
    for other features."""
    p = Path(path) if path else RANKER_PATH
    try:
        model = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if model.get("version") != RANKER_VERSION or model.get("features") != list(RANKER_FEATURES):
        return None
    return model


def choose_issuer(doc: "Document", orgs: Sequence[Record], rules: Body | None, model: dict[str, Any] | None = None) -> Body | None:
    """The candidate the ranker scores highest; the rules' body where there is no model, no
    candidate or the conventions settle it (:func:`_settled`); where the rules read none, a body
    only under the guards of :func:`_where_the_rules_read_none` (and none with weights that
    carry no ``prior``)."""
    model = model if model is not None else load_ranker()
    if model is None or (rules is None and "prior" not in model):
        return rules
    cands = issuer_candidates(doc, orgs, rules)
    if not cands or (rules is not None and _settled(doc, orgs, rules, cands)):
        return rules
    mean, scale, weights = model["mean"], model["scale"], model["weights"]
    best, best_score = None, -math.inf
    cited = RANKER_FEATURES.index("cited")
    compiled = any(_CLASS_BODY.match(norm) for norm, _, _ in cands) and _compiled_page(doc)
    in_title, site_title = RANKER_FEATURES.index("in_title"), RANKER_FEATURES.index("title_compilation")
    for norm, start, x in cands:
        if (x[cited] or (_CLASS_BODY.match(norm) and compiled) or (x[in_title] and x[site_title])) \
                and (rules is None or norm != rules.norm):
            # a body the report only cites or is led by, one a compilation's title names (site
            # text), or on a compilation's page a class of bodies (乡镇工会), is not the one reporting
            continue
        score = model["bias"] + sum(w * (v - m) / s for w, v, m, s in zip(weights, x, mean, scale))
        if score > best_score:
            best, best_score = (norm, start), score
    if rules is None:
        return _where_the_rules_read_none(doc, best, best_score, model["prior"])
    if best is None:  # (the rules' body is always a candidate that is not skipped)
        return rules
    if len(best[0]) > len(rules.norm) and best[0].endswith(rules.norm) and _FULLER.match(best[0][: -len(rules.norm)]) \
            and best[1] is not None and best[1] < _head_end(doc) and not _LONGER_LEVEL.match(best[0][-len(rules.norm) - 1 :]):
        # the rules' body with its place or its masked name in front (xxx团支部 for 团支部): the
        # fullest form the head gives
        return Body(best[0], best[1])
    if best[0] == rules.norm or rules.norm.endswith(best[0]) or best[0].endswith(rules.norm) or _same_body(best[0], rules.norm):
        # the ranker chose the rules' body: in the form the rules read it (the fullest the
        # head gives: 青山县妇联 for 县妇联; 校工会 as 我校工会 names it), at the start they read
        return rules
    return Body(best[0], best[1])


def _where_the_rules_read_none(doc: "Document", best: tuple[str, int | None] | None, score: float, prior: float) -> Body | None:
    """The ranker's pick where the rules read no body (a page whose title is site text and whose
    head names its body in passing; a government report, a speech of the Party centre): only a
    candidate it scores above ``prior`` (the log-odds of a right candidate among all it was
    trained on), of the genre's issuers' kinds, named in the head at or above the report's level
    and not as a body the report follows; else none — a government report's college, hospital or
    居村委会 is no issuer."""
    if best is None or score <= prior or best[1] is None or not _issuer_head().search(best[0]) \
            or _CITING.search(doc.original, max(0, best[1] - 4), best[1]):
        return None  # (围绕县总工会年初确定的目标: a body whose aims the report follows)
    level, own = _UNIT_LEVEL.search(best[0]), _report_level(doc.text)
    if level and own and _RANK[level.group(1)[0]] > _RANK[own]:
        return None  # a body below the report's level (全省 … 居村委会完成换届): one it counts
    return Body(best[0], best[1]) if best[1] < _head_end(doc) else None


def _settled(doc: "Document", orgs: Sequence[Record], rules: Body, cands: list[tuple[str, int | None, list[float]]]) -> bool:
    """Whether the annotation conventions' first rules settle the body the rules read: the
    report's own title names it (a title, not a compilation's heading; a title run on into the
    first line: 1、XX中学团委工作总结2019学年… 一年来，我校团委…), or a speaker stands for
    it (我代表…, 我谨代表…, 受…的委托, a speaker line: 张明  华星集团团委书记). The ranker decides
    the rest: pages whose title is site text or names no body, where the body comes from the
    first lines, the fullest form or the level the report gives itself."""
    single = RANKER_FEATURES.index("title_single")
    if any(norm == rules.norm and x[single] for norm, _, x in cands):
        return True
    original = doc.original
    if any(r.norm == rules.norm and original.endswith(("代表", "受"), 0, r.start) for r in orgs):
        return True
    head_end = _head_end(doc)
    run_on = _run_on_title(doc, orgs, head_end)  # the report's own title run on into its first line
    if run_on is not None and run_on.norm == rules.norm:
        return True
    speaker = _speaker_body(doc, orgs, head_end)  # a speaker line: 张明  华星集团团委书记
    return speaker is not None and speaker.norm == rules.norm


def _same_body(a: str, b: str) -> bool:
    """Whether two names are one body written shorter and longer (县妇联, 县妇女联合会)."""
    return _kind(a) is not None and _kind(a) == _kind(b) and a[:1] == b[:1] and (a[:1] in "省市县区旗镇乡村")


class _Linker:
    def __init__(self, doc: "Document", records: Sequence[Record], model: bool = True) -> None:
        self.doc = doc
        self.text = doc.text
        self.items = _to_normalized(doc, records)
        self.orgs = [it for it in self.items if it.record.type == "organization"]
        self.progs = [it for it in self.items if it.record.type == "program"]
        self.nums = [it for it in self.items if it.record.type == "number"]
        self._num_ends = sorted(it.e for it in self.nums)
        self._num_starts = sorted(it.s for it in self.nums)
        self._orgs_by_start = sorted(self.orgs, key=lambda it: it.s)
        self._org_starts = [it.s for it in self._orgs_by_start]
        self.body = issuing_body(doc, [it.record for it in self.orgs], model=model)
        self._pop_end: int | None = None  # where the last sentence that ended in a statistic ends
        self.pat = _patterns()
        title = doc.metadata.title
        self.title_end = -1
        if title:
            i = self.text.find(title)
            if 0 <= i < 400:
                self.title_end = i + len(title)

    # -- per sentence --------------------------------------------------------------------------
    def run(self) -> dict[int, Record]:
        """New records by index in ``self.items``."""
        text = self.text
        index = {id(it): k for k, it in enumerate(self.items)}
        out: dict[int, Record] = {}
        by_start = sorted(self.items, key=lambda it: it.s)
        starts = [it.s for it in by_start]
        linked = sorted(it.s for it in self.items if it.record.type in ("number", "program"))
        for ss, se in _sentences_holding(text, linked):
            lo, hi = bisect.bisect_left(starts, ss), bisect.bisect_left(starts, se)
            inside = by_start[lo:hi]
            for key, new in self._sentence(ss, se, inside).items():
                out[index[key]] = new
        return out

    def _sentence(self, ss: int, se: int, inside: list[_Item]) -> dict[int, Record]:
        text = self.text
        pat = self.pat
        clauses = _spans(_CLAUSE_END, text, ss, se)
        segments = _spans(_SEGMENT_END, text, ss, se)
        orgs = [it for it in inside if it.record.type == "organization"]
        progs = [it for it in inside if it.record.type == "program"]
        nums = [it for it in inside if it.record.type == "number"]
        in_title = ss < self.title_end

        # roles of the organizations: subject (at a clause's start), co-subject (县妇联与县法院…),
        # partner (联合X, 与X联合 without a subject of its own), passive agent (被X命名), or none
        # (the object of 在/向/指导/协调…)
        subjects: list[tuple[int, _Item | None]] = []  # (position, org; None: the issuing body)
        cosubjects: dict[int, list[_Item]] = defaultdict(list)
        partners: list[_Item] = []
        passive: list[tuple[int, _Item]] = []  # (clause start, org)
        last_in_clause: dict[int, _Item] = {}
        for o in orgs:
            cs, ce = _find(clauses, o.s)
            before = text[cs : o.s]
            prev = last_in_clause.get(cs)
            last_in_clause[cs] = o
            if prev is not None and pat["coord"].match(text[prev.e : o.s]):
                # a conjunct of the organization before it takes its role
                o.role = "co" if prev.role in ("subject", "co") else prev.role
                if o.role == "co":
                    head = prev if prev.role == "subject" else next(h for h in orgs if prev in cosubjects.get(h.s, []))
                    cosubjects[head.s].append(o)
                elif o.role == "partner":
                    partners.append(o)
                elif o.role == "passive":
                    passive.append((cs, o))
                continue
            if prev is not None and prev.role == "subject" and text[prev.e : o.s] in ("与", "和", "同", "会同", "联合"):
                o.role = "co"
                cosubjects[prev.s].append(o)
                continue
            if in_title:
                continue
            if pat["partner"].search(before) or (before[-1:] in ("与", "和", "同") and _subject_prefix_ok(before[:-1])):
                o.role = "partner"
                partners.append(o)
            elif before.endswith("被"):
                o.role = "passive"
                passive.append((cs, o))
            elif _subject_prefix_ok(before) and not text.startswith(("的领导", "的指导", "领导下", "指导下", "的支持", "的关心"), o.e) \
                    and not _HONOURED.match(text, o.e, ce):
                o.role = "subject"
                subjects.append((o.s, o))
        for m in pat["we"].finditer(text, ss, se):
            cs, _ = _find(clauses, m.start())
            if _subject_prefix_ok(text[cs : m.start()]):
                subjects.append((m.start(), None))
        # a body named again by its kind alone (2021年合作社实现销售收入310万元, after 石岭村富民种植专业
        # 合作社): the last body of that kind named before, when it is the clause's subject
        for m in _KIND_AGAIN.finditer(text, ss, se):
            cs, _ = _find(clauses, m.start())
            if any(o.s <= m.start() < o.e for o in orgs) or not _subject_prefix_ok(text[cs : m.start()]):
                continue
            k = bisect.bisect_left(self._org_starts, m.start())
            named = next((o for o in reversed(self._orgs_by_start[:k]) if o.record.norm.endswith(m.group(1))
                          and len(o.record.norm) > len(m.group(1))), None)
            if named is not None:
                subjects.append((m.start(), named))
        # another body with no record as a clause's subject, where the clause opens or after 的
        # (王秀芬领办的种养合作社流转土地320亩, 学校给每位女教职工发放慰问品): the annotators give its
        # numbers no actor, not the issuer
        other = _OTHER_BODY.search(text, ss, se) is not None  # clauses are scanned only if so
        taken = {_find(clauses, pos)[0] for pos, _ in subjects} if other else set()
        for cs, ce in clauses if other else ():
            for m in _OTHER_BODY.finditer(text, cs, ce):
                # the body's name: after 的, else from the clause's opening
                de = text.rfind("的", max(cs, m.start() - 6), m.start())
                start = de + 1 if de >= 0 else cs
                if any(o.s < m.end() and start < o.e for o in orgs):
                    continue
                if de < 0 and (cs in taken or not regex.fullmatch(r"[^，,：:；;]{0,10}", text[cs : m.start()])
                               or not _subject_prefix_ok(text[cs : m.start()])):
                    continue
                if de < 0 and start == m.start() and any(o.record.norm.endswith(m.group(1)) for o in self.orgs if o.s < m.start()):
                    continue  # a kind named alone after a body of that kind: that body (above)
                subjects.append((start, _NOBODY))
                break
        subjects.sort(key=lambda x: x[0])
        org_at = {o.s: o for o in orgs}

        def actor_at(pos: int, end: int | None = None) -> Link | None:
            cs, _ = _find(clauses, pos)
            for pcs, o in passive:
                if pcs == cs:
                    return Link(o.record.norm, o.record.start, False)
            if end is not None and end in org_at and (
                _subject_prefix_ok(text[cs:pos])
                or (text[pos - 1 : pos] in ("和", "、", "及", "与") and any(o.role in ("subject", "co") and cs <= o.s and o.e < pos for o in orgs))
            ):
                # 全县15个乡(镇)妇联…完成换届: the bodies counted are the subject
                o = org_at[end]
                return Link(o.record.norm, o.record.start, False)
            before = [x for x in subjects if x[0] < pos]
            if before:
                cand = before[-1]
            else:
                # a subject after it counts only within the number's clause, or the program's
                # segment (开展…实践活动，县妇联机关干部…): after ；a new subject opens a new
                # statement (全县326个基层团组织全部完成…；峤南二中团委…)
                ls, le = _find(clauses if end is not None else segments, pos)
                cand = next((x for x in subjects if ls <= x[0] < le), None)
            if cand is not None and cand[1] is _NOBODY:
                return None
            if cand is not None and cand[1] is not None:
                return Link(cand[1].record.norm, cand[1].record.start, False)
            if self.body is None:
                return None
            # the issuer named in the sentence under a shorter name, not as a subject but in its
            # clause's subject (调整后的区关工委成员，顾问由原来的5人增加到8人, in a report of 塘沽区关工委;
            # not an object: 制定、修改和废止省政府规章60件): that mention
            own = [o for o in orgs if o.e <= pos and o.role is None and len(o.record.norm) < len(self.body.norm)
                   and self.body.norm.endswith(o.record.norm) and o.record.norm[:1] in "省市县区旗镇乡村"
                   and text[o.s - 1 : o.s] not in ("我", "本", "向", "对", "给", "被")
                   and not _PIVOT.search(text, max(ss, o.s - 2), o.s)
                   and not text.startswith(("的领导", "的指导", "领导下", "指导下", "的支持", "的关心"), o.e)
                   and _MENTION_LEAD.match(text[_find(clauses, o.s)[0] : o.s])]
            if own:
                return Link(own[-1].record.norm, own[-1].record.start, False)
            return self.body.link()

        # partners go to the programs the 联合/与 governs: those after it in its clause, else, after
        # 联合/会同, the program before it in the sentence
        partners_of: dict[int, list[Link]] = defaultdict(list)
        for o in partners:
            cs, ce = _find(clauses, o.s)
            targets = [p for p in progs if o.e <= p.s < ce]
            if not targets and _JOINT.search(text, cs, o.s):
                # 实施“平安家庭”创建，联合县综治办表彰示范户: the joint work of the program before
                # (not 依托X举办培训班 nor 与X联合举办讲座: an activity of its own)
                targets = [p for p in progs if p.e <= o.s][-1:]
            for target in targets:
                partners_of[id(target)].append(Link(o.record.norm, o.record.start))

        result: dict[int, Record] = {}
        for p in progs:
            if in_title:
                # a program the title names is the issuer's (文明家庭创建工作总结)
                result[id(p)] = evolve(p.record, actor=self.body.link() if self.body is not None else None, partners=())
                continue
            runner = self._runner(p, orgs, clauses)
            if runner:
                result[id(p)] = evolve(
                    p.record, actor=Link(runner[0].record.norm, runner[0].record.start, False),
                    partners=tuple(Link(o.record.norm, o.record.start) for o in runner[1:]))
                continue
            actor = actor_at(p.s)
            links = list(partners_of.get(id(p), []))
            before = [x for x in subjects if x[0] < p.s]
            subj = before[-1] if before else (subjects[0] if subjects else None)
            if subj is not None and subj[1] is not None and subj[1] is not _NOBODY:
                links += [Link(o.record.norm, o.record.start) for o in cosubjects.get(subj[1].s, [])]
            result[id(p)] = evolve(p.record, actor=actor, partners=tuple(links))

        counted = {id(p) for p in progs if any(p.e <= n.s < _find(clauses, p.s)[1] for n in nums)}
        # a statistic of a population runs on over the clauses after it, and into a sentence
        # that opens with 其中 (全县共有妇女12.5万人。其中农村妇女8.3万人…)
        population = self._pop_end is not None and text.startswith("其中", ss) and not text[self._pop_end : ss].strip("。！？!? \t\u3000")
        self._pop_end = None
        prev_end = ss
        sentence: Sentence | None = None
        for n in nums:
            rec = n.record
            assert isinstance(rec, NumberRecord)
            dated = self._dated(n)
            program = None if in_title or dated else self._program_of(n, progs, clauses, segments, counted)
            actor = None
            if not in_title and not dated:
                why = self._no_actor(n, ss, clauses, nums, population, prev_end, orgs, progs)
                if why is None:
                    actor = actor_at(n.s, n.e)
                population = why == "population" or (population and why is not None)
            prev_end = n.e
            if program is None and actor is None:
                continue
            if sentence is None:  # one for every linked number of the sentence
                s, e = self.doc.to_original(ss, se)
                sentence = Sentence(s, e, self.doc.original[s:e])
            result[id(n)] = evolve(rec, program=program, actor=actor, sentence=sentence)
        if population:
            self._pop_end = se
        return result

    def _runner(self, p: _Item, orgs: list[_Item], clauses: list[tuple[int, int]]) -> list[_Item]:
        """The bodies a relative clause or a possessive names as running the program, none the
        subject of its clause: ``省妇联举办的“…”示范培训班``, ``落实全国妇联、省妇联开展寻找最美家庭活动
        的部署``, ``厂工会下发的“五赛”劳动竞赛活动``, ``争取县妇联“春蕾计划”资助名额`` (the first is the
        actor, the bodies joined to it are partners); not a body after a pivot verb
        (``组织县教育局开展…``)."""
        text = self.text
        cs, _ = _find(clauses, p.s)
        last = None
        for o in orgs:
            if cs <= o.s and o.e <= p.s:
                last = o
        if last is None or last.role is not None or not _RUNS.match(text[last.e : p.s]):
            return []
        chain = [last]
        for o in reversed([o for o in orgs if cs <= o.s and o.e <= last.s]):
            if self.pat["coord"].match(text[o.e : chain[0].s]):
                chain.insert(0, o)
            else:
                break
        if _PIVOT.search(text, cs, chain[0].s):
            return []
        return chain

    def _dated(self, n: _Item) -> bool:
        """A date, a year written without 年 (20xx共青团工作总结), or a page of a web page."""
        rec = n.record
        assert isinstance(rec, NumberRecord)
        if rec.kind == "date" or (not rec.unit and _BARE_YEAR.match(rec.text) is not None):
            return True
        # a web page's page count or number (第1页共144页, 3页珍藏版): no work of anyone's
        return rec.unit == "页"

    def _no_actor(self, n: _Item, ss: int, clauses: list[tuple[int, int]], nums: list[_Item], population: bool,
                  prev_end: int, orgs: list[_Item], progs: list[_Item]) -> str | None:
        """Why the number has no actor: ``"population"`` (a statistic of a population or a
        place, which runs on over the clauses after it), ``"other"`` (an age, an anniversary,
        the report's period, the number of a meeting), or ``None``: it has one."""
        rec = n.record
        assert isinstance(rec, NumberRecord)
        text, pat = self.text, self.pat
        if rec.unit in _NO_ACTOR_UNITS:
            return "other"
        if rec.kind == "duration" and rec.unit == "年" and not pat["span"].search(text, max(0, n.s - 4), n.s):
            return "other"  # 一年来, 过去五年, 半年来: the report's period
        if rec.kind == "ordinal" and (rec.unit in ("年", "季度") or pat["meeting"].match(text, n.e)):
            return "other"  # 第二十次代表大会, 第十九届委员会, 第一年, (第)三季度: a period
        cs, ce = _find(clauses, n.s)
        if pat["no_actor"].search(text, cs, n.s):
            return "population"
        if pat["finding"].search(text, ss, n.s):
            return "population"  # 调查显示，68.5%的受访妇女…
        # 现有党员58名，…: the number ends its clause
        if pat["stative"].search(text, cs, n.s) and not regex.search(r"\p{Han}", text[n.e : ce]):
            return "population"
        if pat["breakdown"].search(text, cs, n.s):
            return "population"
        # 由…共14人组成: the make-up of a body (not 组建由…组成的队伍: work done)
        if _MAKEUP.match(text, n.e, ce):
            return "population"
        # 其中35岁以下党员11名: a clause led by an age band
        for a in nums:
            if a is not n and cs <= a.s and a.e <= n.s and getattr(a.record, "unit", None) in _AGE_UNITS:
                if _AGE_LED.match(text[cs:a.s].strip(" \u3000")) and _AGE_TAIL.match(text[a.e : n.s]):
                    return "population"
                break
        # …共412户1536人，其中…: the clauses after a statistic, until one names a body, a program
        # or work done
        if population:
            span = text[max(cs, prev_end) : n.s]
            if not pat["work"].search(span) and not any(cs <= x.s < n.s for x in orgs) and not any(cs <= x.s < n.s for x in progs):
                return "population"
        return None

    def _program_of(self, n: _Item, progs: list[_Item], clauses: list[tuple[int, int]], segments: list[tuple[int, int]], counted: set[int]) -> Link | None:
        rec = n.record
        assert isinstance(rec, NumberRecord)
        if rec.kind == "date" or rec.unit == "周年" or not progs:
            return None
        text = self.text
        # an edition (第三届“…”大赛), or a number inside the name
        for p in progs:
            if p.s <= n.s < p.e:
                return None
            if (rec.kind == "ordinal" or rec.unit == "届") and n.e <= p.s and _EDITION_GAP.match(text[n.e : p.s]):
                return None
        seg = _find(segments, n.s)
        # a program named inside a document's title (印发《关于进一步开展巾帼志愿活动的通知》) is cited,
        # not run: it counts nothing
        pool = [p for p in progs if seg[0] <= p.s < seg[1] and not self._in_title_marks(p, seg[0])]
        if not pool:
            return None
        cs, ce = _find(clauses, n.s)
        # the number's own part of its clause: from the number before it in the clause
        k = bisect.bisect_right(self._num_ends, n.s)
        ws = max(cs, self._num_ends[k - 1]) if k else cs
        in_clause = [p for p in pool if cs <= p.s < ce]
        before = [p for p in in_clause if p.e <= n.s and "等" not in text[p.e : n.s]]
        if before:
            return self._first_named(before[-1], pool, (ws, ce), n)
        after = [p for p in in_clause if p.s >= n.e]
        if after:
            return _link(after[0])
        # a program of the segment named again as plain text in the clause (发放母亲邮包600个)
        clause_text = text[cs : n.s]
        for p in pool:
            if len(p.record.norm) >= 3 and p.record.norm in clause_text and p.s < cs:
                return _link(p)
        cstarts = [c for c, _ in clauses]
        here = bisect.bisect_right(cstarts, n.s)
        # a plan's target after two programs or more (…扩大“春蕾计划”资助覆盖面，力争全年培训农村
        # 妇女不少于2000人次，新增…10个) stands for the whole plan
        for c in cstarts[bisect.bisect_left(cstarts, seg[0]) : here]:
            if self.pat["target"].match(text, c):
                if len({p.record.norm for p in pool if p.e <= c}) >= 2:
                    return None
                break
        # else the nearest program before it in the segment, at most MAX_CLAUSES clauses back,
        # and never one of an enumeration closed by 等 after a program that holds them (开展“巾帼
        # 文化节”系列活动，举办广场舞大赛、手工编织比赛等活动，参与妇女近千人: the umbrella)
        near = [p for p in pool if p.e <= cs and here - bisect.bisect_right(cstarts, p.s) <= MAX_CLAUSES]
        listed = [p for p in near if _LISTED.match(text, p.e) and "等" in text[p.e : cs]]
        if listed and any(p.e <= listed[0].s for p in near if p not in listed):
            near = [p for p in near if p not in listed]
        # the nearest counted in its own clause gives the numbers after it to the umbrella named
        # before it (开展“学党史…”系列活动，举办“红色家书”诵读活动12场，评选…50名), not to a plan or a
        # project that holds it as a class (实施“职工素质提升工程”，…举办“金蓝领”培训班**期，培训…
        # 1460人次; 办好家庭教育公益课堂，…开设“家长学堂”42期，参与家长1.3万人次: the class)
        if near and id(near[-1]) in counted:
            umbrella = [p for p in near if id(p) not in counted and _UMBRELLA.search(p.record.norm)]
            if umbrella:
                return self._first_named(umbrella[-1], pool, (ws, ce), n)
        if near:
            return self._first_named(near[-1], pool, (ws, ce), n)
        # a count of the venues or projects of a program named in the next clause
        # (围绕全县26个重点工程项目，组织开展“…”劳动竞赛)
        if not any(p.e <= n.s for p in pool) and self.pat["frame"].match(text, cs):
            nxt = [p for p in pool if p.s >= ce and bisect.bisect_right(cstarts, p.s) - here == 1 and not text.startswith("其中", ce)]
            if nxt:
                return _link(nxt[0])
        return None

    def _in_title_marks(self, p: _Item, start: int) -> bool:
        """``p`` stands inside 《…》."""
        i = self.text.rfind("《", start, p.s)
        return i >= 0 and self.text.find("》", i, p.s) < 0 and self.text.find("》", p.e, p.e + 40) >= 0

    def _first_named(self, p: _Item, pool: list[_Item], clause: tuple[int, int], n: _Item) -> Link:
        """``p``, or the first of the programs named side by side with it (“美丽家园”、“清洁庭院”创建
        活动，全乡创建美丽庭院1470户: both annotators give a number that falls within two programs
        the first named), unless the number's clause names one of them (…巾帼示范村12个、巾帼文明岗
        23个: 23个 counts 巾帼文明岗) or 分别 gives them their numbers in order."""
        text = self.text
        side = [p]
        for q in reversed([q for q in pool if q.e <= p.s]):
            if _PARALLEL.match(text[q.e : side[0].s]):
                side.insert(0, q)
            else:
                break
        if len(side) > 1:
            # 文化惠民工程、全民健身工程分别惠及3500万、2300万人次: respectively, in order
            k = text.find("分别", side[-1].e, n.s)
            if k >= 0 and not _CLAUSE_END.search(text, k, n.s):
                nth = bisect.bisect_left(self._num_starts, n.s) - bisect.bisect_left(self._num_starts, k)
                if nth < len(side):
                    return _link(side[nth])
            here = text[clause[0] : clause[1]]
            named = [q for q in side if len(core := program_core(q.record.norm)) >= 3 and core in here]
            if len(named) == 1:
                return _link(named[0])
        return _link(side[0])


def _link(p: _Item) -> Link:
    return Link(p.record.norm, p.record.start)


# -- resolved names ------------------------------------------------------------------------------

# a bare level in front of an organization name, and the units of a place it may stand for
_LEVEL_UNITS: dict[str, tuple[str, ...]] = {
    "县": ("县", "区", "旗", "自治县", "自治旗"),
    "区": ("区", "县", "旗"),
    "旗": ("旗", "自治旗"),
    "市": ("市",),
    "州": ("州", "自治州"),
    "省": ("省",),
    "镇": ("镇",),
    "乡": ("乡",),
    "街道": ("街道",),
    "村": ("村",),
    "社区": ("社区",),
}
_BARE_LEVEL = regex.compile(r"^(街道|社区|[县区旗市州省镇乡村])(?![\p{Han}]{0,1}$)")
# 县委, 镇党委 are bodies of the place itself too; 团县委 (level inside) is left alone
_NOT_RESOLVED_AFTER = ("直", "级", "属", "城", "内", "外")


def resolve(norm: str, place: str | None) -> str | None:
    """``norm`` with the report's place filled in for a bare level in front, when the place's
    unit fits the level (``县妇联`` in 海拉尔区 → ``海拉尔区妇联``); ``None`` otherwise.

    >>> resolve("县妇联", "海拉尔区"), resolve("镇党委", "东坑镇"), resolve("县妇联", "东坑镇")
    ('海拉尔区妇联', '东坑镇党委', None)
    >>> resolve("县直妇委会", "海拉尔区") is None, resolve("市妇联", None) is None, resolve("区妇联", "槎溪社区") is None
    (True, True, True)
    """
    if not place or place == "全国":
        return None
    m = _BARE_LEVEL.match(norm)
    if not m:
        return None
    level = m.group(1)
    rest = norm[m.end() :]
    if not rest or rest.startswith(_NOT_RESOLVED_AFTER):
        return None
    unit = next((u for u in _PLACE_UNITS if place.endswith(u)), None)
    if unit is None or unit not in _LEVEL_UNITS[level]:
        return None  # 区妇联 in a report of 槎溪社区: a 社区 is no 区
    return place + rest


#: the unit a place ends in, longest first (社区 before 区, 自治县 before 县)
_PLACE_UNITS = tuple(sorted({u for units in _LEVEL_UNITS.values() for u in units}, key=len, reverse=True))


# -- entry point ---------------------------------------------------------------------------------


def link(doc: "Document", records: Sequence[Record], *, model: bool = True) -> list[Record]:
    """``records`` (of ``doc``, in any order) with their link fields and ``resolved`` names set;
    the same records otherwise, in the same order. ``model=False``: the issuing body as the rules
    read it, without the learned ranker."""
    out = list(records)
    if not out:
        return out
    linker = _Linker(doc, out, model)
    for k, new in linker.run().items():
        out[k] = new
    place = doc.metadata.place
    if place:
        for k, r in enumerate(out):
            if isinstance(r, OrganizationRecord) and r.resolved is None:
                res = resolve(r.norm, place)
                if res is not None:
                    out[k] = evolve(r, resolved=res)
    return out


def check(records: Iterable[Record | dict]) -> list[str]:
    """Links that point to no record of their document (an implied actor with ``start`` None
    excepted): one message each; empty when every link holds."""
    rows = [r if isinstance(r, dict) else r.to_dict() for r in records]
    targets: dict[str, set[tuple[str, str, int]]] = defaultdict(set)
    for r in rows:
        targets[r["doc"]].add((r["type"], r["norm"], r["start"]))
    bad = []
    for r in rows:
        for field, kind in (("program", "program"), ("actor", "organization")):
            lk = r.get(field) if r["type"] in ("number", "program") else None
            if not lk or (field == "program" and r["type"] == "program"):
                continue
            if lk.get("start") is None and lk.get("implied"):
                continue
            if (kind, lk["norm"], lk["start"]) not in targets[r["doc"]]:
                bad.append(f"{r['doc']}:{r['start']} {field} → {lk['norm']}@{lk['start']}")
        for lk in r.get("partners") or []:
            if ("organization", lk["norm"], lk["start"]) not in targets[r["doc"]]:
                bad.append(f"{r['doc']}:{r['start']} partners → {lk['norm']}@{lk['start']}")
    return bad


# -- program variants across a corpus -------------------------------------------------------------


@lru_cache(maxsize=None)
def _tails() -> tuple[str, ...]:
    return tuple(sorted(set(entries("links_program_tails.txt")), key=len, reverse=True))


def program_core(norm: str) -> str:
    """A program's distinctive core: generic tails stripped, repeatedly, while two or more
    characters are left (``春蕾计划助学行动`` → ``春蕾``).

    >>> program_core("春蕾计划助学行动"), program_core("春蕾助学"), program_core("阳光工程")
    ('春蕾', '春蕾', '阳光')
    """
    core = norm
    changed = True
    while changed:
        changed = False
        for t in _tails():
            if core.endswith(t) and len(core) - len(t) >= 2:
                core = core[: -len(t)]
                changed = True
                break
    return core


@lru_cache(maxsize=None)
def _generic_core() -> regex.Pattern:
    words: dict[str, list[str]] = defaultdict(list)
    for row in table("links_program_generic.tsv"):
        if len(row) >= 2:
            words[row[0]].append(row[1])
    alt = lambda kind: "|".join(regex.escape(w) for w in sorted(words[kind], key=len, reverse=True))  # noqa: E731
    counted = r"[\d一二三四五六七八九十百千两]{1,4}(?:年|天|日|个月)"
    return regex.compile(rf"(?:{counted}|{alt('time')}|{alt('scope')})*(?:{alt('work')})*")


def generic_program(norm: str) -> bool:
    """The program's core is made only of time words, scopes and generic work
    (``lexicons/links_program_generic.tsv``): a kind of work many bodies run, each its own
    campaign (百日攻坚行动, 全民健身活动, 下半年工作计划), not one initiative.

    >>> generic_program("百日攻坚行动"), generic_program("全民健身计划"), generic_program("下半年工作计划")
    (True, True, True)
    >>> generic_program("全民科学素质行动计划"), generic_program("青年大学习"), generic_program("巾帼建功活动")
    (False, False, False)
    """
    core = program_core(norm)
    return bool(core) and _generic_core().fullmatch(core) is not None


@dataclass(frozen=True, slots=True)
class Merge:
    """One variant folded into a canonical name, for review."""

    variant: str
    canonical: str
    rule: str  # "core" (same core after generic tails) or "similar" (cores alike)
    mentions: int
    score: float

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


_NUMERALS = regex.compile(r"[\d一二三四五六七八九十百千万零〇两]")


@lru_cache(maxsize=None)
def _leading_verbs() -> frozenset[str]:
    return frozenset(entries("program_leading_verbs.txt"))


def _near(short: str, long_: str) -> bool:
    """``long_`` is ``short`` with a leading verb in front (提升腾冲科学家论坛) or one more
    character that an extraction kept or lost (中俄蒙经贸洽谈会 / 俄蒙经贸洽谈会); a changed
    character or a qualifier never counts (七五普法 and 八五普法, 亚洲青少年定向锦标赛 and
    青少年定向锦标赛, 女职工趣味运动会 and 职工趣味运动会 are different programs).

    >>> _near("俄蒙经贸洽谈暨商品展销会", "中俄蒙经贸洽谈暨商品展销会"), _near("青少年定向锦标赛", "亚洲青少年定向锦标赛")
    (True, False)
    >>> _near("职工趣味运动会", "女职工趣味运动会")
    False
    """
    if len(short) < 5 or not long_.endswith(short) or long_ == short:
        return False
    rest = long_[: len(long_) - len(short)]
    if rest in _leading_verbs():
        return True
    return len(rest) == 1 and not _NUMERALS.search(rest) and rest not in _qualifiers()


@lru_cache(maxsize=None)
def _qualifiers() -> frozenset[str]:
    return frozenset(entries("links_program_qualifiers.txt"))


def _tail_class(norm: str, core: str) -> str:
    """What kind of initiative a program's generic tail names: 工程 and 项目 stand apart from
    plans, actions and activities (全民健身工程 is not 全民健身计划)."""
    tail = norm[len(core) :]
    for k in ("工程", "项目", "大赛", "比赛"):
        if k in tail:
            return k
    return "action"


def program_canonicals(norms: Iterable[str]) -> tuple[dict[str, str], list[Merge]]:
    """One ``canonical`` name for the variants of each program among ``norms`` (program norms of
    a corpus, one per mention): variants with the same core after generic tails meet (春蕾计划,
    春蕾计划助学行动, 春蕾助学 → the most mentioned of them), and so do cores that differ by a
    leading verb or one lost character (:func:`_near`). A generic core (:func:`generic_program`:
    百日攻坚, 全民健身, 下半年) merges nothing: its variants are different campaigns. Returns the
    mapping of every norm seen to its canonical name and the merges (variants whose canonical
    differs)."""
    counts = Counter(norms)
    core_of = {n: program_core(n) for n in counts}
    parent = {n: n for n in counts}
    # a generic core names many campaigns: its variants stay apart (only the same full name meets)
    generic = {c for c in set(core_of.values()) if _generic_core().fullmatch(c) is not None}

    def find(c: str) -> str:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    groups: dict[str, list[str]] = defaultdict(list)
    for norm, core in core_of.items():
        if core not in generic:
            groups[core].append(norm)
    # same core: one variant adds tails to the other, or their tails name the same kind
    for members in groups.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.startswith(b) or b.startswith(a) or _tail_class(a, core_of[a]) == _tail_class(b, core_of[b]):
                    union(a, b)
    # cores alike: a leading verb or one character more in front
    cores = sorted(groups, key=len)
    by_suffix: dict[str, list[str]] = defaultdict(list)
    for c in cores:
        if len(c) >= 5:
            by_suffix[c[-5:]].append(c)
    for same in by_suffix.values():
        for i, c in enumerate(same):
            for d in same[i + 1 :]:
                if _near(c, d) or _near(d, c):
                    a, b = groups[c][0], groups[d][0]
                    if _tail_class(a, c) == _tail_class(b, d):
                        union(a, b)
    merged: dict[str, list[str]] = defaultdict(list)
    for norm in counts:
        merged[find(norm)].append(norm)
    mapping: dict[str, str] = {}
    merges: list[Merge] = []
    for members in merged.values():
        best = max(members, key=lambda m: (counts[m], -len(m), m))
        best_core = core_of[best]
        for m in members:
            mapping[m] = best
            if m != best:
                core = core_of[m]
                rule = "core" if core == best_core else "similar"
                score = 1.0 if rule == "core" else round(difflib.SequenceMatcher(None, core, best_core, autojunk=False).ratio(), 3)
                merges.append(Merge(m, best, rule, counts[m], score))
    merges.sort(key=lambda x: (x.canonical, -x.mentions, x.variant))
    return mapping, merges


def organization_key(norm: str, canonical_name: str | None, resolved: str | None) -> str:
    """The name an organization is counted under across a corpus: its resolved name, else its
    full (canonical) name, else its norm — so 县综治办 and 县社会治安综合治理办公室 meet."""
    return resolved or canonical_name or norm


__all__ = ["link", "check", "resolve", "issuing_body", "issuer", "program_core", "generic_program", "program_canonicals", "organization_key", "Merge", "Body"]
