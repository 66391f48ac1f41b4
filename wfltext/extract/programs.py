"""Program records: named initiatives — projects, plans, campaigns, contests, festivals, classes.

A program name ends in a *head* (行动, 工程, 计划, 活动, 大赛, 讲堂 …, ``program_heads.tsv``) and
starts at its distinctive *core*. Three ways in:

* a quote that is a name by itself (“春蕾计划”, “西电东送”), or a quoted generic name that takes
  the words before it as its core (各民族交往交流交融“三项计划”);
* a quote or a 《title》 joined to the head after it (“创先争优”活动, 《纲要》宣传月系列活动); a
  slogan-like theme quote stays out when the rest is a name of its own (“关爱乳房、关注女性健康”
  粉红丝带行动 → 粉红丝带行动, ``theme``);
* an unquoted name: from the head, leftwards over jieba tokens until a verb, particle, number or
  punctuation (开展/贫困女大学生阳光救助/行动), across a conjunction when the name coordinates its
  objects (孕育和出生缺陷防治能力提升计划), then without a level prefix (``level``), an edition
  (第五届, 第七次 → ``edition``) and a target group in front when the rest is a name of its own
  (``target``).

Quotes are read in all their forms: “…”, straight double quotes paired within a line and 「…」
(:func:`curly_quotes`).

What the core must show depends on the head: after 行动/工程/计划 any non-generic core names a
program (文化惠民工程, not 民生工程); after 活动/项目/创建/班 it must be distinctive — a brand word
(巾帼, 春蕾), an honour being selected, a named day, or a named program before it — because
those heads also end descriptions (健康查体活动), investment projects and work areas; games are
names by themselves (全运会), 普法 takes a five-year period (“七五”普法) and 普查 keeps its
national scope (全国人口普查). Construction
projects (一期, 管网, 改造 …), venues and awards named after a program are refused by
``program_blockers.tsv``.

Every record carries the readable name of its rule; :func:`quote_roles` tells the slogan
extractor which quotes are program names (not slogans) and which are themes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterator

import regex

from .. import lexicons, rx
from ..components import Component, part
from ..numerals import MASK_CHARS
from ..records import ProgramRecord, Record, canonical
from . import organizations
from .quotes import (  # noqa: F401 - curly_quotes, items_of, quote_text: this module's names too
    ITEM_SEPARATORS,
    MAX_QUOTE,
    TokenIndex,
    curly_quotes,
    dictionary_verbs,
    is_slogan_text,
    items_of,
    quote_text,
    token_index,
)

if TYPE_CHECKING:
    from ..document import Document

#: longest core (characters) an unquoted name may have before its head
MAX_CORE = 14
#: longest run of words between a quote (or title) and the head it joins
MAX_CONTINUATION = 12

_HAN = regex.compile(r"\p{Han}")
_HAN_WORD = rx.compile(r"\p{Han}+")
_WORD_CHAR = rx.compile(r"[\p{Han}A-Za-z0-9]")
# characters that may sit inside a name token besides Han (两纲·, 人工智能+, 数据要素×)
_NAME_PUNCT = "·+×"
_QUOTE = regex.compile(r"“([^“”\n]{1,%d})”" % MAX_QUOTE)
_TITLE = regex.compile(r"《([^《》\n]{1,%d})》" % MAX_QUOTE)
_CN_DIGITS = "零〇一二两三四五六七八九十百"
# counts, ordinals and years in a core: 三大, 七项, 7个 at its start (rhetorical counts), 第一个 and
# 一九五四年 anywhere (第一个五年计划 and 一九五四年计划 are plans by their period, no names)
_ENUMERATION = regex.compile(
    rf"^(?:[{_CN_DIGITS}]{{1,3}}|\d{{1,3}})[大项个条类种批]|第[{_CN_DIGITS}\d]{{1,3}}个?"
    rf"|[{_CN_DIGITS}]{{4}}年|\d{{4}}年"
)
# the edition right before a name: 第五届, 第 12 届, 首届, 第七次 (全国人口普查), 新一轮's 第二轮
_EDITION = rx.compile(
    rf"(?:第\s?([{_CN_DIGITS}]{{1,4}}|\d{{1,3}}|[\d*＊xX×]{{1,3}})\s?[届次轮]|([{_CN_DIGITS}]{{2,4}})届|(首)[届次轮])$"
)
# 一是 … 十是: an item marker inside a paragraph
_ITEM_MARKER = regex.compile(rf"^[{_CN_DIGITS}]{{1,2}}是$")
_MASK_CHARS = frozenset(MASK_CHARS)
#: a quoted numbered abbreviation (五小, 六赛, 三下乡): a numeral and a word that is no counter
_NUMBERED_NAME = regex.compile(rf"[{_CN_DIGITS}]{{1,2}}(?![大项个条类种批级年次届方名家支])\p{{Han}}{{1,3}}")
_MEASURES = frozenset("届轮个项批次期名户人家所座条处件场类支种位亿万千百元年")
# 以“X”为主题的 right before a program: X is its theme
_THEME_FRAME = rx.compile(r"以“([^“”\n]{1,%d})”为主题的?$" % MAX_QUOTE)
# quote content split into items: 、，, ；; + · and spaces separate items of a motto
# corner brackets are the quotation marks of traditional-script texts: 「」 outer, 『』 inner


# -- data ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Lexicon:
    heads: dict[str, str]
    head_at_end: re.Pattern
    head_anywhere: re.Pattern
    generic: re.Pattern
    boundaries: frozenset[str]
    boundary_verbs: frozenset[str]
    levels: frozenset[str]
    target: regex.Pattern
    brands: tuple[str, ...]
    #: the brands as one alternation: ``brand_in.search(s)`` is ``any(b in s for b in brands)``
    #: in one C scan (a Python loop over every brand per candidate was a tenth of the programs' time)
    brand_in: re.Pattern
    report_genres: tuple[str, ...]
    honours: tuple[str, ...]
    core_blocker_pattern: regex.Pattern
    works_blocker_pattern: regex.Pattern
    after_blockers: tuple[str, ...]
    event_blockers: tuple[str, ...]
    sport_blockers: tuple[str, ...]
    bad_activities: tuple[str, ...]
    system_ends: tuple[str, ...]
    planners: tuple[str, ...]
    works_after_blockers: tuple[str, ...]
    generic_ends: tuple[str, ...]
    leading_verbs: frozenset[str]
    known: frozenset[str]
    known_pattern: re.Pattern


#: meetings named after a program (寻找最美家庭活动动员大会, “…”劳动竞赛动员大会): program_blockers.tsv
#: lists them after a head, and the name tagger's features read them so, but the rules do not stop
#: at them: the annotators of the real pages count the program before the meeting (the meeting
#: itself is no record)
_LAUNCH_MEETINGS = frozenset(("推进会", "动员会", "动员大会", "总结会", "表彰会", "部署会", "启动仪式"))


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _literals(words: list[str], suffix: str = "") -> re.Pattern:
    """The words, longest first, as one pattern of the standard engine, which scans a plain
    alternation of words several times faster than ``regex`` (the matches are the same); the
    alternation is written as a trie, which tries a character once per position."""
    return re.compile(lexicons.trie_pattern(set(words)) + suffix)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    heads = {row[0]: row[1] for row in lexicons.table("program_heads.tsv")}
    boundaries = frozenset(lexicons.entries("program_boundaries.txt"))
    targets = lexicons.table("program_targets.tsv")
    modifiers = _alternation([w for w, kind in targets if kind == "modifier"])
    groups = _alternation([w for w, kind in targets if kind == "group"])
    blockers = lexicons.table("program_blockers.tsv")
    known = lexicons.entries("program_known.txt")
    return _Lexicon(
        heads=heads,
        head_at_end=_literals(list(heads), "$"),
        head_anywhere=_literals(list(heads)),
        generic=_literals(list(lexicons.entries("program_generic.txt"))),
        boundaries=boundaries,
        boundary_verbs=frozenset(w for w in boundaries if len(w) == 2),
        levels=frozenset(lexicons.entries("program_levels.txt")),
        target=regex.compile(rf"(?:(?:{modifiers}){{0,3}}(?:{groups})){{1,3}}"),
        brands=lexicons.entries("program_brands.txt"),
        brand_in=_literals(list(lexicons.entries("program_brands.txt"))),
        report_genres=lexicons.entries("program_report_genres.txt"),
        honours=lexicons.entries("program_honours.txt"),
        core_blocker_pattern=regex.compile(_alternation([w for w, where, *_ in blockers if where == "core"])),
        works_blocker_pattern=regex.compile(_alternation([w for w, where, *_ in blockers if where == "works"])),
        after_blockers=tuple(w for w, where, *_ in blockers if where == "after" and w not in _LAUNCH_MEETINGS),
        event_blockers=tuple(w for w, where, *_ in blockers if where == "event"),
        sport_blockers=tuple(w for w, where, *_ in blockers if where == "sport"),
        bad_activities=tuple(w for w, where, *_ in blockers if where == "bad"),
        system_ends=tuple(w for w, where, *_ in blockers if where == "system"),
        planners=tuple(w for w, where, *_ in blockers if where == "planner"),
        works_after_blockers=tuple(w for w, where, *_ in blockers if where == "works-after"),
        generic_ends=lexicons.entries("program_generic_ends.txt"),
        leading_verbs=frozenset(lexicons.entries("program_leading_verbs.txt")),
        known=frozenset(known),
        known_pattern=_literals(list(known)),
    )


# -- small pure helpers ----------------------------------------------------------------------------
def cn_int(numeral: str) -> int | None:
    """The value of a small Chinese or Arabic numeral (editions, counts).

    >>> [cn_int(s) for s in ("五", "十二", "二十", "二十三", "12", "百", "x")]
    [5, 12, 20, 23, 12, 100, None]
    """
    if numeral.isdigit():
        return int(numeral)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    total, current = 0, 0
    for ch in numeral:
        if ch in digits:
            current = digits[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def refuses(norm: str, after: str = "") -> bool:
    """Whether ``norm`` can never be a program record: a head alone or a generic name
    (活动, 主题活动, 工作计划). The learned tagger's spans go through this too (``after``, the
    character after the name, does not matter here)."""
    lex = lexicon()
    head = lex.head_at_end.search(norm)
    if head is not None and (head.start() == 0 or is_generic(norm[: head.start()])):
        return True
    if bool(lex.core_blocker_pattern.search(norm)) or is_celebration(norm) or is_report_genre(norm):
        return True
    # a name ends in a head, or holds a brand or a known program (“两癌”免费 is a service)
    ends_in_head = head is not None and head.end() == len(norm)
    return (not ends_in_head and lex.brand_in.search(norm) is None and norm not in lex.known
            and _mined()[0].get(norm) != "name")


def is_report_genre(norm: str) -> bool:
    """A report's title (区妇联妇女儿童工作计划, 残疾人联合会工作计划): no program.

    >>> is_report_genre("区妇联妇女儿童工作计划"), is_report_genre("全民健身计划")
    (True, False)
    """
    return norm.endswith(lexicon().report_genres)


def is_generic(core: str) -> bool:
    """True when a core names nothing: empty, an enumeration, or generic words only.

    >>> [is_generic(c) for c in ("品牌", "民生", "三大", "7个专项", "文化惠民", "阳光救助", "十个全覆盖")]
    [True, True, True, True, False, False, False]
    """
    rest = _ENUMERATION.sub("", core)
    rest = lexicon().generic.sub("", rest)
    return len(_WORD_CHAR.findall(rest)) < 2


def has_word(text: str, pattern: regex.Pattern, tokens: list[str] | None = None) -> bool:
    """Does a word of ``pattern`` occur in ``text`` — with ``tokens`` (the words of ``text``), not
    straddling two of them (中小学/校园 holds no 学校)?

    >>> school = regex.compile("学校")
    >>> has_word("中小学校园餐", school), has_word("中小学校园餐", school, ["中小学", "校园", "餐"])
    (True, False)
    >>> has_word("小学校舍改造", school, ["小", "学校", "舍"]), has_word("乡村学校", school, ["乡村", "学校"])
    (True, True)
    """
    if tokens is None:
        return pattern.search(text) is not None
    cuts: set[int] = set()
    pos = 0
    for t in tokens:
        pos += len(t)
        cuts.add(pos)
    for m in pattern.finditer(text, overlapped=True):
        start, end = m.span()
        # inside one word, or whole words: a word of its own; cut elsewhere: two words' parts
        if not any(start < c < end for c in cuts) or ((start == 0 or start in cuts) and end in cuts):
            return True
    return False


def _blocked(text: str, head: str = "", tokens: list[str] | None = None) -> bool:
    """Does a name hold a word that makes it a construction project, a facility or a sport?

    With ``tokens`` (the words of ``text``), a blocker straddling two words does not count.
    """
    lex = lexicon()
    if has_word(text, lex.core_blocker_pattern, tokens):
        return True
    if head.endswith(("工程", "项目")) and has_word(text, lex.works_blocker_pattern, tokens):
        return True
    if head.endswith("活动") and any(w in text for w in lex.bad_activities):
        return True
    return head == "运动" and (any(w in text for w in lex.sport_blockers) or text.endswith(_MOVEMENTS))


#: a social or historical movement is no initiative of a body (五四运动, 妇女运动, 青年运动, 工人运动): the
#: words before 运动 that make one, where 爱国卫生运动 and 全民健身运动 are campaigns. Kept here rather
#: than as a class of program_blockers.tsv, whose words are also the name tagger's features (a row
#: there would change the shipped model), and matched at the core's end, where blockers match anywhere
_MOVEMENTS = ("五四", "妇女", "青年", "工人", "农民", "学生", "工农")


#: a body's regular day of activities, no named day (团日活动 is the league branch's monthly
#: activity): the day's word without its 日, as the name before a 日 is read (jieba cuts 团|日)
_ACTIVITY_DAYS = ("团", "队", "党")
#: a founding day is a named day (建队日, the pioneers' day)
_FOUNDING = ("建团", "建队", "建党")


#: holidays of the calendar written with 节, besides those of ``program_celebrations.txt``
_HOLIDAYS = ("妇女节", "儿童节", "青年节", "劳动节", "建党节", "建军节", "教师节", "母亲节", "父亲节", "清明节",
             "佳节", "护士节", "植树节", "七夕节", "腊八节", "老人节", "记者节")


@lru_cache(maxsize=1)
def _celebration_days() -> str:
    """The holidays of ``program_celebrations.txt`` as one alternation (三八|六一|…)."""
    return _alternation(list(lexicons.entries("program_celebrations.txt")))


@lru_cache(maxsize=1)
def _holiday_end() -> regex.Pattern[str]:
    return regex.compile(rf"(?:(?:{_celebration_days()})节?|{'|'.join(_HOLIDAYS)})$")


def _is_holiday(words: str) -> bool:
    """Whether ``words`` end in a holiday of the calendar (春节, 六一儿童节, 国庆佳节, 清明节).

    >>> _is_holiday("元旦春节"), _is_holiday("六一儿童节"), _is_holiday("校园文化艺术节")
    (True, True, False)
    """
    return _holiday_end().search(words) is not None


def _distinctive(core: str, head: str, core_tokens: list[str]) -> str | None:
    """Why a core before a weak head still makes a name (a rule name), or None."""
    lex = lexicon()
    if lex.brand_in.search(core) is not None:
        return "brand word"
    if any(h in core for h in lex.honours):
        if any(k in head for k in ("评", "选", "寻访")):
            return "honour selection"
        # 和谐家庭创建活动, 巾帼文明岗创建: the work of earning a title is a campaign
        if "创建" in head:
            return "honour creation"
    # a named day: 国际消除家庭暴力日, 世界读书日, 三八妇女节 (a token 日/节 after a name that is
    # not generic: 主题团日 names no day). The league's, the pioneers' and the Party's own day of
    # activities (团日, 队日, 党日) is a kind of activity, whatever stands before it: 校庆团日活动,
    # 大学团日活动, 整个团日活动 name no day (建队日 does)
    for i, tok in enumerate(core_tokens):
        if tok[-1:] not in ("日", "节"):
            continue
        before = "".join(core_tokens[:i]) + tok[:-1]
        if tok[-1] == "日" and before.endswith(_ACTIVITY_DAYS) and not before.endswith(_FOUNDING):
            continue
        if tok[-1] == "节" and _is_holiday(before + "节"):
            # 元旦春节慰问活动, 清明节文明祭祀宣传活动, 六一儿童节关爱留守儿童活动: a holiday of the
            # calendar dates the activity and names none (a festival a body holds does: 文化艺术节)
            continue
        if not is_generic(before):
            return "named day"
    return None


#: _is_boundary's answers by (token, whether the token before ends in a digit): it depends on no
#: more, and the walks leftwards meet the same words again and again (about 9,000 calls a corpus
#: pass, a tenth of them distinct)
_BOUNDARY_CACHE: dict[tuple[str, bool], bool] = {}


def _is_boundary(tok: str, prev: str | None) -> bool:
    counted = prev is not None and (prev[-1].isdigit() or prev[-1] in _CN_DIGITS or prev[-1] in _MASK_CHARS)
    key = (tok, counted)
    found = _BOUNDARY_CACHE.get(key)
    if found is None:
        if len(_BOUNDARY_CACHE) >= 100_000:
            _BOUNDARY_CACHE.clear()
        found = _BOUNDARY_CACHE[key] = _boundary(tok, counted)
    return found


def _boundary(tok: str, counted: bool) -> bool:
    lex = lexicon()
    if any(not _HAN.match(c) and c not in _NAME_PUNCT for c in tok):
        return True
    if tok in lex.boundaries or _ITEM_MARKER.match(tok):
        return True
    if len(tok) >= 3 and tok[-2:] in lex.boundary_verbs:
        return True
    # 3届, 65个, 3轮, 5000亩: a measure word or unit after a number ends the name
    # (a masked digit too: 第*届), and so does a month or a day (5月科技活动周)
    if counted:
        return tok in _MEASURES or tok.startswith(_units()) or tok[0] in "月日号"
    return False


#: head kinds after which any core that is not generic names a program
_NAMING_KINDS = ("named", "event", "period", "games", "scoped")
#: conjunctions that may join the objects of one name (孕育和出生缺陷防治能力提升计划)
_CONJUNCTIONS = frozenset(("和", "与", "及"))
#: the right conjunct of such a name is a phrase of its own: this long at least, and this much
#: longer than the conjunct before the conjunction
MIN_RIGHT_CONJUNCT = 6
RIGHT_CONJUNCT_EXCESS = 4
#: longest left conjunct
MAX_LEFT_CONJUNCT = 8


def _parallel(left: str, right_tokens: list[str]) -> bool:
    """Does the conjunct before a conjunction end like one of the first words after it (nouns of
    one kind: 边疆民族地区和革命老区, 留守儿童和困境儿童)?

    >>> _parallel("边疆民族地区", ["革命", "老区", "人才"]), _parallel("产业基础再造", ["重大", "技术", "装备"])
    (True, False)
    """
    return any(t[-1:] == left[-1:] for t in right_tokens[:3])


def _coordinated_start(text: str, idx: TokenIndex, cs: int, hs: int) -> int:
    """Start of a name whose core coordinates its objects: 孕育和出生缺陷防治能力提升计划,
    山区、库区和老区人才支持计划, 停工项目与闲置资产处置化解行动; ``cs`` when there is none.

    The part after the conjunction must be a phrase of its own (six characters or more: 党建和
    阳光工程 joins nothing), and each part before it short, without a program head of its own
    (早孕关爱行动、孕育和… starts after the program) and not generic. Two phrases of about one
    length share the head instead, each a name (产业基础再造和重大技术装备攻关工程 are two
    工程): the part after the conjunction must be four characters longer than the part before.
    """
    lex = lexicon()
    i = idx.at(cs - 1)
    if i < 0 or idx.ends[i] != cs or idx.texts[i] not in _CONJUNCTIONS or hs - cs < MIN_RIGHT_CONJUNCT:
        return cs
    start = cs
    end = idx.starts[i]
    for _ in range(6):
        left = _walk_left(text, idx, end)
        if left is None or left >= end:
            break
        part = text[left:end]
        head = lex.head_at_end.search(part)
        if start == cs and hs - cs < len(part) + RIGHT_CONJUNCT_EXCESS and not _parallel(part, idx.between(cs, hs)):
            break
        if (
            len(part) > MAX_LEFT_CONJUNCT
            or len(part) < 2
            or (head and lex.heads[head.group()] != "weak")
            or is_generic(part)
            or _blocked(part)
        ):
            break
        start = left
        if text[left - 1 : left] != "、":
            break
        end = left - 1
    return start


#: verbs that take a program or a plan as their object and are never the last word of its core
#: (各团支部开展主题教育活动, 讨论支部党史学习教育计划, 制定个人自学计划; 人才支持计划 keeps 支持)
_OBJECT_VERBS = frozenset(("开展", "实施", "启动", "举办", "举行", "组织", "参加", "参与", "讨论", "制定",
                           "制订", "拟定", "编制", "部署", "召开", "报道", "落实", "贯彻", "研究"))


#: verbs that draw up a plan
_PLAN_MAKERS = frozenset(("制定", "制订", "拟定", "编制", "修订", "完善"))


def _walk_left(text: str, idx: TokenIndex, pos: int, verb_before_head: bool = False) -> int | None:
    """Start of the name whose core ends at ``pos``: tokens leftwards until a boundary.

    None when no boundary comes within MAX_CORE characters (the name would be a whole clause).
    With ``verb_before_head``, a two-character verb right before the head is the last word of the
    core when words that are no boundary stand before it (人才支持计划; 加快推进工程 has none).
    """
    i = idx.at(pos - 1)
    start = pos
    if i >= 0 and idx.starts[i] < pos < idx.ends[i]:
        # the head shares its token with the end of the core (阳光工程): the token's head part
        start = idx.starts[i]
        i -= 1
    elif (
        verb_before_head
        and i > 0
        and idx.ends[i] == pos
        and idx.texts[i] in lexicon().boundary_verbs
        and idx.texts[i] in dictionary_verbs()
        and idx.texts[i] not in _OBJECT_VERBS
        and not _is_boundary(idx.texts[i - 1], idx.texts[i - 2] if i > 1 else None)
    ):
        start = idx.starts[i]
        i -= 1
    while i >= 0:
        tok = idx.texts[i]
        if _is_boundary(tok, idx.texts[i - 1] if i > 0 else None) or _EDITION.search(tok):
            return start
        if pos - idx.starts[i] > MAX_CORE:
            return None
        start = idx.starts[i]
        i -= 1
    return start


@lru_cache(maxsize=1)
def _units() -> tuple[str, ...]:
    """Units and measure words after numerals (the number extractor's table, when installed)."""
    try:
        rows = lexicons.table("number_units.tsv")
    except FileNotFoundError:
        return tuple(_MEASURES)
    return tuple(sorted({row[0] for row in rows if row and row[0]} | _MEASURES, key=len, reverse=True))


def _edition(text: str, start: int) -> int | None:
    m = _EDITION.search(text, max(0, start - 8), start)
    if not m:
        return None
    if m.group(3):
        return 1
    digits = m.group(1) or m.group(2)
    if any(c in _MASK_CHARS for c in digits):
        return None  # 第*届: an edition whose number the site masked
    return cn_int(digits)


def _level_before(text: str, idx: TokenIndex, pos: int) -> str | None:
    i = idx.at(pos - 1)
    if i >= 0 and idx.ends[i] == pos and idx.texts[i] in lexicon().levels:
        return idx.texts[i]
    return None


# 纪念五四运动99周年: an anniversary, so the head ended a historical event's name
_ANNIVERSARY = regex.compile(rf"(?:\d{{1,4}}|[{_CN_DIGITS}]{{1,4}}|[\d*＊xX×]{{1,4}})周年")


def _after_blocked(text: str, idx: TokenIndex, end: int, head: str = "") -> bool:
    if _ANNIVERSARY.match(text, end):
        return True
    i = idx.at(end)
    if i < 0 or i >= len(idx.texts) or idx.starts[i] != end:
        return False
    lex = lexicon()
    if head.endswith(("工程", "项目")) and idx.texts[i].startswith(lex.works_after_blockers):
        return True
    return idx.texts[i].startswith(lex.after_blockers)


# -- candidates ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    norm: str
    rule: str
    level: str | None = None
    edition: int | None = None
    target: str | None = None
    theme: str | None = None


def slogan_like(content: str) -> bool:
    """Is quoted text a motto (two or more items, or a verb phrase) rather than a term?

    :func:`wfltext.extract.quotes.is_slogan_text` decides (with the verb lists of
    ``slogan_verbs.tsv``).
    """
    return is_slogan_text(content, strict=True)


def _continuation(text: str, idx: TokenIndex, pos: int) -> tuple[int, int, str] | None:
    """After a quote or title ending at ``pos``: ``(head_start, head_end, kind)`` of the head the
    words right after it lead to, or None.

    A leading 等 is allowed before a head with words of its own (“…”等主题实践活动); before a bare
    head (“甲”、“乙”等活动) the quotes are items of a list, each a name, and None is returned.
    """
    lex = lexicon()
    i = idx.at(pos)
    if i < 0 or i >= len(idx.texts) or idx.starts[i] != pos:
        return None
    first = i
    best: tuple[int, int, str] | None = None
    named_seen = False
    while i < len(idx.texts) and idx.ends[i] - pos <= MAX_CONTINUATION:
        tok = idx.texts[i]
        if i == first and tok == "等":
            i += 1
            continue
        if not _HAN_WORD.fullmatch(tok):  # (a token is never empty)
            break
        m = lex.head_at_end.search(text, pos, idx.ends[i])
        if m:
            kind = lex.heads[m.group()]
            # a naming head ends the name, but a longer head that holds it goes on (征文 → 征文比赛)
            if not named_seen or kind == "generic" or (best is not None and m.start() <= best[0]):
                best = (m.start(), m.end(), kind)
                named_seen = named_seen or kind in _NAMING_KINDS
        elif tok in _CONJUNCTIONS and best is None and i > first:
            # “…”主题劳动和技能竞赛: a conjunction before any head joins the words of the name
            pass
        elif (len(tok) == 1 and tok in lex.boundaries) or tok in _OBJECT_VERBS:
            # only particles, prepositions and the verbs that take a program end it: the words
            # before a head may be verbs (“煤油气硅”等多元利用工程), but a theme followed by
            # 积极组织开展助残宣传活动 frames a clause, not a name
            break
        i += 1
    if best and text.startswith("等", pos) and text[pos + 1 : best[1]] in _BARE_HEADS:
        return None
    return best


_YEAR_END = regex.compile("年$")
# 希望工程·圆梦行动: a series name, a dot, a program of the series
_SUB_PROGRAM = regex.compile(r"[^、，,；;+＋]+·[^、，,；;+＋·]+")


def _campaign_year(idx: TokenIndex, start: int, end: int) -> bool:
    """Is ``[start, end)`` the name of a campaign year (服务规范年, 作风建设年): a lone token 年
    after two words of two characters or more, no numeral (2021年, 青年 and 周年 are no such year)?"""
    i = idx.at(end - 1)
    if i < 2 or idx.texts[i] != "年" or idx.starts[i] != end - 1 or idx.ends[i] != end:
        return False
    words = idx.between(start, end - 1)
    return (
        len(words) >= 2
        and all(len(w) >= 2 and _HAN.fullmatch(w[0]) for w in words)
        and not any(c in _CN_DIGITS or c.isdigit() for c in idx.text[start:end])
    )


# quotes counted as programs after them: 两大品牌, 三项活动, 等五大工程
_COUNTED_PROGRAMS = regex.compile(
    rf"等?(?:[{_CN_DIGITS}]{{1,2}}|\d{{1,2}})[大项个]?(?:品牌|工程|活动|行动|项目|计划|赛事)"
    rf"|(?:创建|建设|评选|评比)?等?(?:[{_CN_DIGITS}]{{1,2}}|\d{{1,2}})[大项个类][\p{{Han}}]{{1,6}}?(?:活动|行动|项目|工程|品牌)"
)
#: a count between a list of quotes and the head after them (三项主体活动, 2个精细化管理项目)
_LIST_COUNT = regex.compile(rf"(?:[{_CN_DIGITS}]{{1,2}}|\d{{1,2}})[大项个类种]")


def _system_list(text: str, idx: TokenIndex, pos: int) -> bool:
    """Do the words after a run of quotes call them a system or a reform (“先照后证”“多证合一”
    等商事制度改革)? Up to five words, up to the clause's end."""
    lex = lexicon()
    i = idx.at(pos)
    if i < 0 or i >= len(idx.texts) or idx.starts[i] != pos:
        return False
    long_ends = tuple(w for w in lex.system_ends if len(w) >= 2)
    for tok in idx.texts[i : i + 5]:
        if not _HAN.match(tok):
            return False
        if tok in lex.system_ends or tok.endswith(long_ends):
            return True
    return False


# a numbered abbreviation (三清, 五美, 两癌), not a count of kinds (三项, 五大) or a span of time
# (三年行动计划)
_ABBREVIATION = regex.compile(rf"[{_CN_DIGITS}]{{1,2}}(?![大项个条类种批年月日周期届次轮级])\p{{Han}}")


# heads that end a list of names (“甲”、“乙”等活动): the items are the names
_BARE_HEADS = frozenset(("活动", "项目", "行动", "工程", "计划", "赛事", "赛事活动"))
# a five-year plan period (“八五”计划, “十四五”规划): a plan, not a program
_PLAN_PERIOD = rx.compile(rf"^[{_CN_DIGITS}]{{1,3}}五$")
# verbs whose bare quoted object is a program (开展“扫黄”, 举办“宁超”、“宁青超”)
_TRIGGERS = ("实施", "开展", "举办", "启动", "承办", "举行")
# what may follow such an object: the end of the clause or of a list item
_OBJECT_END = "，。；、,;和及与等\n"


def _event_blocked(core: str) -> bool:
    return any(w in core for w in lexicon().event_blockers)


#: what may stand between quotes side by side: nothing (one name of two quotes: “好媳妇”“好婆婆”
#: 评选活动) or a list's 、 or conjunction (one name each: “巾帼示范村”、“巾帼文明岗”创建活动)
_RUN_JOINS = ("", "、", "和", "与", "及")


def _quote_runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Quotes side by side (nothing, 、 or a conjunction between them), each ``(start, end,
    content)``."""
    runs: list[list[tuple[int, int, str]]] = []
    for m in _QUOTE.finditer(text):
        q = (m.start(), m.end(), m.group(1))
        if runs and text[runs[-1][-1][1] : q[0]] in _RUN_JOINS:
            runs[-1].append(q)
        else:
            runs.append([q])
    return runs


def _one_quote(
    doc: "Document", idx: TokenIndex, qs: int, qe: int, content: str, roles: dict[int, str],
    in_list: bool = False,
) -> Candidate | None:
    """The program a quote names or starts, if any; records the quote's role."""
    text = quote_text(doc)
    lex = lexicon()
    level = _level_before(text, idx, qs)
    theme_m = _THEME_FRAME.search(text, max(0, qs - MAX_QUOTE - 8), qs)
    frame_theme = canonical(theme_m.group(1)) if theme_m else None
    if content in lex.known or (content.startswith(_NATIONAL) and content[len(_NATIONAL):] in lex.known
                                and content.endswith(_OBSERVANCES)):
        roles[qs] = "name"
        # “青年大学习”行动: a head right after the quote belongs to the name, and so does a head
        # the words after it lead to (“世界残疾人日”志愿服务活动), as after any quoted name
        m2 = _head_after(text, idx, qe)
        end = m2.end() if m2 else (_continued_end(text, idx, qe) or qe)
        return Candidate(qs, end, canonical(text[qs:end]), "known quoted program", level, theme=frame_theme)
    if _PLAN_PERIOD.match(content):
        # “八五”计划 is a five-year plan; “七五”普法 a campaign named by its period
        cont = _continuation(text, idx, qe)
        if cont is None or cont[2] != "period" or cont[0] != qe or _after_blocked(text, idx, cont[1]):
            return None
        roles[qs] = "core"
        return Candidate(qs, cont[1], canonical(text[qs : cont[1]]), "quoted period + head", level, _edition(text, qs))
    head = lex.head_at_end.search(content)
    if head is None and _campaign_year(idx, qs + 1, qe - 1):
        head = _YEAR_END.search(content)
    if head:
        if _after_blocked(text, idx, qe, head.group()) or _blocked(content, head.group()):
            return None
        inner = content[: head.start()]
        weak_head = lex.heads.get(head.group(), "named") in ("weak", "generic")
        # 希望工程·圆梦行动: a program of a series is one name, not two items
        sub_program = _SUB_PROGRAM.fullmatch(content) is not None
        if not is_generic(inner) and (len(items_of(content)) < 2 or sub_program) and not (weak_head and len(inner) < 3):
            roles[qs] = "name"
            edition = _edition(text, qs)
            end, rule = qe, "quoted name"
            # “城市建设管理年”活动, “巾帼学堂”读书班: a head right after the quote belongs to the name
            m2 = _head_after(text, idx, qe)
            if m2:
                end, rule = m2.end(), "quoted name + head"
            norm = canonical(content) + canonical(text[qe:end])
            return Candidate(qs, end, norm, rule, level, edition, theme=frame_theme)
        # a generic quoted name (“三项计划”, “7个专项行动”) is named by the words before it
        ps = _walk_left(text, idx, qs)
        if ps is not None and ps < qs and len(text[ps:qs]) >= 2 and not is_generic(text[ps:qs]):
            roles[qs] = "name"
            return Candidate(ps, qe, canonical(text[ps:qs]) + canonical(content), "prefix + quoted generic name")
        return None
    cont = _continuation(text, idx, qe)
    if cont is None:
        return None
    hs, he, kind = cont
    rest_start = qe + 1 if text.startswith("等", qe) else qe
    rest = text[rest_start:hs]
    if _head_refused(text, idx, content + rest, hs, he, kind):
        return None
    if kind == "generic" and _items_of_a_kind(content, text, qe, he):
        return None
    count = _LIST_COUNT.search(rest) if in_list else None
    if count is not None:
        # “双学双比”、“巾帼建功”、“五好文明家庭”三项主体活动: a count after a list of quotes sums
        # the list up, each quote is a program of its own — with a head of its own where one
        # stands before the count (“文明家庭”创建三大主体活动 → 文明家庭创建)
        before = rest[: count.start()]
        own = lex.head_at_end.search(before) if before else None
        if own is not None and own.end() == len(before) and not is_generic(content):
            roles[qs] = "core"
            return Candidate(qs, rest_start + len(before), canonical(content) + canonical(before),
                             "quote + head before a count", level, _edition(text, qs))
        if not before and not is_generic(content) and len(content) <= 20:
            roles[qs] = "name"
            return Candidate(qs, qe, canonical(content), "quoted item of a counted list", level, _edition(text, qs))
        return None
    if kind == "weak" and rest:
        inner = lex.head_at_end.search(rest)
        if inner and lex.heads[inner.group()] == "named":
            # “菜篮子”工程项目: the investment project of a program names the program
            hs, he, kind = rest_start + inner.start(), rest_start + inner.end(), "named"
            rest = rest[: inner.start()]
    if kind == "weak":
        # words between the quote and a weak head must name something: “云溪巧娘”电商直播培训班,
        # “两癌”免费检查项目, but not “8337”思路重点项目, “瘦身”部分政府投资项目, “小而美”民生项目,
        # a clause (“一带一路”国家实施千项合作项目) or a facility (“两山”实践创新基地创建)
        # (a generic word before 创建 or 评选 is fine: “美丽庭院”示范创建)
        if rest and (
            (text[hs:he] == "项目" and (is_generic(rest) or rest.endswith(lex.generic_ends)))
            or any(_is_boundary(t, None) for t in idx.between(rest_start, hs))
            or lex.works_blocker_pattern.search(rest)
        ):
            return None
        # a numbered formula alone before 项目 is a kind of project (“两高”项目, “两重”项目);
        # “三严三实”专题教育 is a campaign
        if not rest and text[hs:he] == "项目" and any(c in _CN_DIGITS for c in content):
            return None
    if is_generic(content + rest) and not (not rest and _NUMBERED_NAME.fullmatch(content)):
        # “十大文化”工程: an enumeration with a head is no name; a numbered abbreviation of its
        # own is one (“五小”活动, “六赛”, as “三严三实”专题教育)
        return None
    theme_like = slogan_like(content)
    listed = len(items_of(content)) > 1
    edition = _edition(text, qs)
    if theme_like and rest_start == qe and (rest in lex.brands or _ABBREVIATION.match(rest)):
        # “关爱乳房、关注女性健康”粉红丝带行动, “清垃圾、清杂物、清沟渠”三清行动: the rest is a
        # name of its own (a brand, or a numbered abbreviation of the quote's items); a brand word
        # with a description (“心手相牵,共享阳光”巾帼志愿助残服务活动) is a kind of work that the
        # theme names
        roles[qs] = "theme"
        return Candidate(qe, he, canonical(text[qe:he]), "theme quote + own name", level, edition, theme=canonical(content))
    if len(content) > 40 and not theme_like:
        return None
    # “青春建功乡村振兴”行动: a quote straight before a naming head is the name's core; before
    # 主题活动, 志愿服务活动 or a list of items it is the theme that names the program
    core_role = not listed and rest_start == qe and not rest and (kind != "generic" or not theme_like)
    roles[qs] = "core" if core_role else "theme"
    norm = canonical(content) + canonical(text[rest_start:he])
    theme = canonical(content) if not core_role and (rest or theme_like) else frame_theme
    return Candidate(qs, he, norm, "quote + head", level, edition, theme=theme)


#: words right after 等 that make the quotes before them the themes, topics or honours of the
#: work they name (“…”等主题实践活动, “…”等征文活动, “好婆婆”、“好媳妇”等评选活动), not names
#: listed under a kind of work
_THEMED_KIND = ("主题", "征文", "演讲", "评选", "评比", "创建", "争创")


def _head_refused(text: str, idx: TokenIndex, words: str, hs: int, he: int, kind: str) -> bool:
    """Whether the head at ``[hs, he)`` that a quote's following words lead to makes no program
    with ``words`` (the quote and the words before the head): a plan's period, a head blocked
    by what follows it, words blocked before the head, or an event's words that name a meeting."""
    head = text[hs:he]
    return (
        kind == "period"
        or _after_blocked(text, idx, he, head)
        or _blocked(words, head)
        or (kind == "event" and _event_blocked(words))
    )


def _items_of_a_kind(content: str, text: str, qe: int, he: int) -> bool:
    """Whether a quote ending at ``qe`` followed by 等 and words with a head ending at ``he`` is an
    item of a list that the words after 等 sort into a kind of activity (the callers ask it of a
    generic head): “三下乡”等群众性精神文明创建活动, “绿色家园”等植树造林活动, “爱心牵手助学”等系列活动 —
    the quote is a name of its own and the words are no part of it. (Before a naming head the
    quotes may be parts of what the name covers: “煤油气硅”等多元利用工程.) A theme (a slogan-like
    quote) names the activity after it instead, and so does a quote before words of themes and
    honours (:data:`_THEMED_KIND`)."""
    if not text.startswith("等", qe):
        return False
    return not slogan_like(content) and not text[qe + 1 : he].startswith(_THEMED_KIND)


def _listed_under_kind(text: str, idx: TokenIndex, content: str, qe: int) -> bool:
    """Whether the quote ending at ``qe`` is an item of a list of programs under a kind of
    activity that could itself be a program's head (:func:`_items_of_a_kind`; not
    “台湾独立”等各种分裂活动, whose words are blocked before the head)."""
    cont = _continuation(text, idx, qe)
    if cont is None:
        return False
    hs, he, kind = cont
    if _head_refused(text, idx, content + text[qe + 1 : hs], hs, he, kind):
        return False
    return kind == "generic" and _items_of_a_kind(content, text, qe, he)


def _quote_candidates(doc: "Document", idx: TokenIndex, roles: dict[int, str]) -> list[Candidate]:
    text = quote_text(doc)
    out: list[Candidate] = []
    for run in _quote_runs(text):
        undecided = []
        for n, (qs, qe, content) in enumerate(run):
            cand = _one_quote(doc, idx, qs, qe, content, roles, in_list=len(run) > 1)
            if cand is not None and n == len(run) - 1 and n > 0 and cand.rule == "quote + head":
                # “好媳妇”“好婆婆”评选活动: the quotes side by side share the head
                first = run[0][0]
                if all(roles.get(q[0]) is None for q in run[:-1]):
                    for q in run[:-1]:
                        roles[q[0]] = roles[qs]
                    rest = canonical(text[qe:cand.end]).removeprefix("等")
                    if any(text[a[1] : b[0]] for a, b in zip(run, run[1:])):
                        # “巾帼示范村”、“巾帼文明岗”创建活动, “双学双比”和“巾帼建功”活动: items of
                        # a list share the head, one program each (the record spans the quote)
                        for q in run[:-1]:
                            out.append(Candidate(q[0], q[1], canonical(q[2]) + rest, "quoted item + shared head",
                                                 cand.level, theme=cand.theme and canonical(q[2])))
                    else:
                        norm = canonical(text[first:qe]) + rest
                        cand = Candidate(first, cand.end, norm, "quotes + shared head", cand.level, cand.edition,
                                         theme=cand.theme and canonical(text[first:qe]))
                    undecided = []
            if cand is not None:
                out.append(cand)
            elif not (
                _PLAN_PERIOD.match(content)
                or lexicon().head_at_end.search(content)
                or content.endswith(lexicon().system_ends)
                or len(items_of(content)) > 1
            ):
                undecided.append((qs, qe, content))
        if not undecided:
            continue
        # 开展“扫黄”, 举办“宁超”、“宁青超”: a bare quoted object of a program verb
        i = idx.at(run[0][0] - 1)
        trigger = i >= 0 and idx.ends[i] == run[0][0] and idx.texts[i].endswith(_TRIGGERS)
        after = text[run[-1][1] : run[-1][1] + 5]
        listed = after.startswith("等") and (
            any(after[1:].startswith(h) for h in _BARE_HEADS) or _listed_under_kind(text, idx, run[-1][2], run[-1][1])
        )
        # 擦亮“巾帼建功”“家家幸福安康工程”两大品牌: the quotes are counted as programs
        counted = _COUNTED_PROGRAMS.match(text, run[-1][1]) is not None
        if not (trigger or listed or counted) or _system_list(text, idx, run[-1][1]):
            continue
        rule = "quoted object of a program verb" if trigger else "quoted item of a program list"
        run_starts = {q[0] for q in run}
        for qs, qe, content in undecided:
            if qe < len(text) and text[qe] not in _OBJECT_END and qe not in run_starts and not (
                counted and qe == run[-1][1]
            ):
                continue
            if len(content) > 20 or not _HAN.search(content) or is_generic(content):
                continue
            if len(content) <= 2 and any(c in _CN_DIGITS for c in content):
                # 实施“两重”: a two-character count names a kind of project, not one program
                continue
            roles[qs] = "name"
            out.append(Candidate(qs, qe, canonical(content), rule))
    for m in _TITLE.finditer(text):
        ts, te = m.span()
        cont = _continuation(text, idx, te)
        if cont is None or text.startswith("等", te):
            continue
        hs, he, kind = cont
        if kind == "period" or _after_blocked(text, idx, he, text[hs:he]) or _blocked(text[te:hs], text[hs:he]):
            continue
        out.append(Candidate(ts, he, canonical(text[ts:he]), "title + head"))
    return out


def _head_after(text: str, idx: TokenIndex, e: int) -> re.Match[str] | None:
    """A program head right after a name ending at ``e`` that ends where a token does: it joins
    the name (参加青年大学习活动, 寻找“最美家庭”活动)."""
    head = lexicon().head_anywhere.match(text, e)
    return head if head is not None and head.end() in idx.end_set else None


def _continued_end(text: str, idx: TokenIndex, pos: int) -> int | None:
    """Where the head ends that the words after a known name ending at ``pos`` lead to
    (“世界残疾人日”志愿服务活动, 全国科普日北京主场活动), or None: none after 等 (the name is an item
    of a list) or where the head is blocked after (:func:`_after_blocked`)."""
    cont = _continuation(text, idx, pos)
    if cont is None or text.startswith("等", pos) or _after_blocked(text, idx, cont[1]):
        return None
    return cont[1]


def _known_candidates(doc: "Document", idx: TokenIndex) -> list[Candidate]:
    """Unquoted mentions of well-known programs (党的群众路线教育实践活动); a head right after one
    belongs to its name, as after a quoted one (参加青年大学习活动)."""
    text = quote_text(doc)
    lex = lexicon()
    pattern = lex.known_pattern
    out = []
    for m in pattern.finditer(text):
        s, e = m.start(), m.end()
        head = _head_after(text, idx, e)
        if head is not None:
            e = head.end()
        elif m.group().endswith(_OBSERVANCES):
            # 全国科普日北京主场活动, 全国科普日系列科普活动: the words after a day lead to the head of
            # the activity held on it, as after a quoted name
            e = _continued_end(text, idx, e) or e
        if text.startswith(_NATIONAL, max(0, s - len(_NATIONAL))) and m.group().endswith(_OBSERVANCES):
            s -= len(_NATIONAL)  # 第26次全国助残日: the day as it is written, with 全国
        if text[s - 1 : s] == "“" and text[m.end() : m.end() + 1] == "”":
            continue  # a quoted known name is read with its quote
        out.append(Candidate(s, e, canonical(text[s:e]), "known program"))
    return out


@lru_cache(maxsize=1)
def _mined() -> tuple[dict[str, str], re.Pattern | None]:
    """The program names the genre's reports share: mined from public pages of the genre
    (``program_mined.tsv``) and marked by the annotators of the studied sets on several sites
    (``program_recurring.tsv``): name -> kind (``name`` or ``core``), and one pattern of them all."""
    kinds = {row[0]: row[1] for name in ("program_mined.tsv", "program_recurring.tsv")
             for row in lexicons.table(name) if len(row) >= 2}
    return kinds, (_literals(list(kinds)) if kinds else None)


#: verbs that make a bare mined name (no quotes, no head) a program: 开展不让毒品进我家
_MINED_VERBS = frozenset(("开展", "实施", "启动", "举办", "组织", "参与", "参加", "推进", "深化", "深入开展", "积极开展"))

#: what follows a name that makes it an honour or a person, not the program (“双学双比”女能手)
_MINED_HONOURS = ("能手", "女能手", "标兵", "先进", "红旗", "称号", "示范", "之星")
_FUNDS = ("资金", "经费")


def _without_quotes(text: str) -> tuple[str, Callable[[int], int]]:
    """``text`` without its double quotes, and the function from a position in it back to the
    text's: the j-th quote removed stands where ``j`` characters fewer were kept before it.

    >>> view, back = _without_quotes("寻找“最美家庭”活动")
    >>> view, [back(i) for i in range(len(view))] == [0, 1, 3, 4, 5, 6, 8, 9]
    ('寻找最美家庭活动', True)
    """
    quotes = [m.start() for m in _DOUBLE_QUOTE.finditer(text)]
    if not quotes:
        return text, lambda i: i
    kept_before = [q - j for j, q in enumerate(quotes)]
    return _DOUBLE_QUOTE.sub("", text), lambda i: i + bisect.bisect_right(kept_before, i)


_DOUBLE_QUOTE = re.compile("[“”]")


def _mined_candidates(doc: "Document", idx: TokenIndex) -> list[Candidate]:
    """Names the genre's reports share (``program_mined.tsv``), found whatever quotes stand
    inside them (寻找“最美家庭”活动, “两癌”筛查): the name starts where it does, not at the quote
    (寻找“最美家庭”活动, not “最美家庭”活动), a head right after it joins it, and a ``core`` name
    (美丽庭院, 平安家庭) is a program only with a head after it."""
    kinds, pattern = _mined()
    if pattern is None:
        return []
    text = quote_text(doc)
    view, back = _without_quotes(text)
    out = []
    for m in pattern.finditer(view):
        s, e = back(m.start()), back(m.end() - 1) + 1
        inside = text[s:e]
        if text[s - 1 : s] == "“" and "”" in text[s : e + 1]:
            s -= 1
        if text[e : e + 1] == "”" and "“" in text[s:e]:
            e += 1
        head = _head_after(text, idx, e)
        if head is not None:
            e = head.end()
        elif kinds[m.group()] == "core":
            continue
        elif "“" not in text[s:e]:
            # a bare name with neither quotes nor head names a work area (深化巾帼建功, 二是创先争优
            # 与…) unless a program verb governs it (开展不让毒品进我家, 实施乡村振兴巾帼行动)
            i = idx.at(s) - 1
            if i < 0 or idx.ends[i] != s or idx.texts[i] not in _MINED_VERBS or text[e : e + 1] == "\n":
                continue
        if e not in idx.end_set and e < len(text) and _HAN.match(text[e]):
            continue  # the name runs on into a word of its own
        if text.startswith(_MINED_HONOURS, e) or (_after_blocked(text, idx, e, head.group() if head else "")
                                                   and not ("“" in text[s:e] and text.startswith(_FUNDS, e))):
            # (a listed name in quotes before 资金 or 经费 names the program they fund: “金秋助学”资金)
            continue
        if "”" in inside and "“" not in inside and "“" not in text[s:e]:
            continue  # the name closes a quote opened before it: part of a longer quoted name
        out.append(Candidate(s, e, canonical(text[s:e]), "mined program"))
    return out


#: national observance days and months keep the 全国 they are written with (全国助残日)
_NATIONAL = "全国"
_OBSERVANCES = ("日", "月", "周")


def _shared_head_items(text: str, idx: TokenIndex, pos: int, head: str) -> list[Candidate]:
    """中华优秀传统文化传承发展、文艺精品创优等工程: each item before 等 with the head they share.

    The record spans the item; its norm adds the head.
    """
    lex = lexicon()
    out: list[Candidate] = []
    for _ in range(10):
        start = _walk_left(text, idx, pos)
        if start is None or start >= pos:
            break
        item = text[start:pos]
        if (
            len(item) >= 3
            and text[start - 1 : start] not in ("”", "》")
            and not lex.head_at_end.search(item)
            and not _blocked(item, head)
            and not is_generic(item)
        ):
            out.append(Candidate(start, pos, canonical(item) + head, "list item + shared head"))
        if text[start - 1 : start] != "、":
            break
        pos = start - 1
    return out


def _heads_in(text: str, idx: TokenIndex) -> Iterator[re.Match]:
    """Heads that end at a word's end. A head cut off inside a word does not hide a head that
    starts within it (健康中国行动: not 中国行, but 行动)."""
    pattern = lexicon().head_anywhere

    def at_word_end(m: re.Match) -> bool:
        return m.end() in idx.end_set or m.end() == len(text) or not _HAN.match(text[m.end()])

    # every search starts after the start of the one before: linear in the text
    m = pattern.search(text)
    while m is not None:
        if at_word_end(m):
            yield m
            m = pattern.search(text, m.end())
        else:
            m = pattern.search(text, m.start() + 1)


def _unquoted_candidates(doc: "Document", idx: TokenIndex) -> list[Candidate]:
    text = quote_text(doc)
    lex = lexicon()
    out: list[Candidate] = []
    accepted_ends: set[int] = set()
    pending: list[tuple[int, Candidate]] = []
    for m in _heads_in(text, idx):
        hs, he = m.span()
        head = m.group()
        kind = lex.heads[head]
        if _after_blocked(text, idx, he, head):
            continue
        cs = _walk_left(text, idx, hs, verb_before_head=True)
        if cs is None or text[cs - 1 : cs] in ("”", "》"):
            continue
        if head.endswith("计划") and text[max(0, cs - 2) : cs] in _PLAN_MAKERS:
            # 制定个人自学计划, 制订年度学习计划: a plan drawn up is a document of work, no program
            continue
        coordinated = _coordinated_start(text, idx, cs, hs) if cs < hs else cs
        if coordinated < cs and text[coordinated - 1 : coordinated] not in ("”", "》"):
            cs = coordinated
        edition = _edition(text, cs)
        if cs == hs and text[hs - 1 : hs] == "等" and kind == "named" and head in _BARE_HEADS:
            out.extend(_shared_head_items(text, idx, hs - 1, head))
            continue
        if cs == hs and kind == "games":
            # 全运会, 冬残奥会: the games are a name by themselves
            out.append(Candidate(hs, he, canonical(head), "games", None, edition))
            accepted_ends.add(he)
            continue
        if cs == hs:
            # 自治区第十七届运动会: the edition sits between the name and its head
            if edition is None or kind not in ("named", "event", "scoped"):
                continue
            em = _EDITION.search(text, max(0, hs - 8), hs)
            ps = _walk_left(text, idx, em.start()) if em else None
            if ps is None or ps >= em.start() or text[ps - 1 : ps] in ("”", "》"):
                continue
            prefix = text[ps : em.start()]
            if len(prefix) < 2 or _blocked(prefix, head) or (kind == "event" and _event_blocked(prefix)):
                continue
            level = prefix if prefix in lex.levels else None
            out.append(Candidate(ps, he, canonical(prefix + head), "name + edition + head", level, edition))
            accepted_ends.add(he)
            continue
        level = None
        toks = idx.between(cs, hs)
        # 建设保障性安居工程, 巩固党史学习教育: the verb opens the clause when a name of six or more
        # characters is left (建设家园工程 keeps it)
        if toks and toks[0] in lex.leading_verbs and he - cs - len(toks[0]) >= 6 and len(toks) > 1:
            cs += len(toks[0])
            toks = toks[1:]
        if toks and toks[0] in lex.levels and len(toks) > 1:
            level = toks[0]
            if not (kind == "scoped" and level == "全国"):
                cs += len(toks[0])
                toks = toks[1:]
        target = None
        tm = lex.target.match(text, cs, hs)
        # 贫困女大学生阳光救助行动: the group goes when the rest is a name of its own (a brand
        # word); 学生营养改善计划 and 儿童少年书画大赛 keep it
        if tm and tm.end() in idx.end_set and lex.brand_in.search(text, tm.end(), hs) is not None:
            target = tm.group()
            cs = tm.end()
            toks = idx.between(cs, hs)
        core = text[cs:hs]
        # a brand that holds its head (希望工程) is a name however short
        branded = lex.brand_in.search(core) is not None or text[cs:he] in lex.brands
        if core.endswith(lex.generic_ends):
            continue
        if head == "计划" and core.endswith(lex.planners):
            # 村党支部计划再流转土地: a body plans, 计划 is the verb
            continue
        if core.startswith(lex.generic_ends) and len(core) <= 4:
            # 重大水利工程, 重点人才工程: a category of works
            continue
        if kind == "period":
            # 七五普法: a five-year period names the campaign; other words before 普法 describe
            # what the campaign teaches
            if _PLAN_PERIOD.match(core):
                out.append(Candidate(cs, he, canonical(text[cs:he]), "period head", level, edition))
                accepted_ends.add(he)
            continue
        # 修复工程, 营养计划: two characters and a head are a description; 职工运动会 is a name
        # (an edition in front makes a name of it: 第七次人口普查)
        if _blocked(core, head, idx.between(cs, hs)) or is_generic(core) or (len(core) + len(head) < 5 and not branded and edition is None):
            continue
        rule = f"{kind} head" + (", coordinated core" if cs == coordinated and cs < hs and any(c in _CONJUNCTIONS for c in core) else "")
        cand = Candidate(cs, he, canonical(text[cs:he]), rule, level, edition, target)
        if kind == "event":
            if len(core) < 4 or _event_blocked(core):
                continue
        elif kind in ("weak", "generic"):
            why = _distinctive(core, head, toks)
            if why is None and kind == "generic" and hs in accepted_ends:
                why = "program + generic head"
            if why is None:
                pending.append((cs, cand))
                continue
            cand = Candidate(cs, he, cand.norm, f"{kind} head, {why}", level, edition, target)
        out.append(cand)
        accepted_ends.add(he)
    # 农业科研杰出人才计划和杰出青年农业科学家项目: a weak head joined to a program by 和/及/、
    for cs, cand in pending:
        for link in ("和", "及", "、", "与"):
            if text.startswith(link, cs - len(link)) and cs - len(link) in accepted_ends:
                out.append(Candidate(cand.start, cand.end, cand.norm, cand.rule + ", coordinated with a program",
                                     cand.level, cand.edition, cand.target))
                break
    return out


@dataclass(frozen=True, slots=True)
class Candidates:
    """The program candidates of a document and the roles of its quotes."""

    found: list[Candidate]
    roles: dict[int, str]


@part("program_candidates", requires=("token_index", "quote_text"))
def candidates(doc: "Document") -> Candidates:
    """All program candidates of a document (overlapping ones included) and the quotes that
    belong to them."""
    idx = token_index(doc)
    roles: dict[int, str] = {}
    found = (_quote_candidates(doc, idx, roles) + _known_candidates(doc, idx) + _unquoted_candidates(doc, idx)
             + _mined_candidates(doc, idx))
    return Candidates(found + _with_generic_head(quote_text(doc), idx, found), roles)


#: rules of unquoted names that a generic head right after them joins
_NAMING_RULES = ("known program", "named head", "scoped head", "games", "name + edition + head")


def _with_generic_head(text: str, idx: TokenIndex, found: list[Candidate]) -> list[Candidate]:
    """An unquoted name with a generic head right after it (男女平等基本国策宣传月活动, 青年大学习活动,
    妇女儿童发展纲要宣传月系列活动): the head belongs to the name, as it does after a quote
    (“创先争优”活动). The words before the head are no core of their own when a boundary word
    stands inside the name (宣传), so the head's own walk leftwards cannot find it."""
    lex = lexicon()
    spans = {(c.start, c.end) for c in found}
    out: list[Candidate] = []
    for c in found:
        if not c.rule.startswith(_NAMING_RULES):
            continue
        m = lex.head_anywhere.match(text, c.end)
        if m is None or lex.heads[m.group()] != "generic":
            continue
        he = m.end()
        if not (he in idx.end_set or he == len(text) or not _HAN.match(text[he])) or (c.start, he) in spans:
            continue
        spans.add((c.start, he))
        out.append(Candidate(c.start, he, c.norm + canonical(m.group()), c.rule + " + generic head",
                             c.level, c.edition, c.target, c.theme))
    return out


def find(doc: "Document") -> list[Candidate]:
    """All program candidates of a document (overlapping ones included), kept on the document."""
    return candidates(doc).found


@part("quote_roles", requires=("program_candidates",))
def quote_roles(doc: "Document") -> dict[int, str]:
    """Quotes (by the offset of their opening mark) that belong to a program: ``"name"`` (the
    quote is the program's name), ``"core"`` (joined to a head as its core) or ``"theme"`` (a
    theme in front of a program, or the theme naming a generic one)."""
    return candidates(doc).roles


@lru_cache(maxsize=1)
def _celebration() -> regex.Pattern[str]:
    days = _celebration_days()
    # a level or place word in front (乡镇三八妇女节庆祝活动) does not make a name of it
    levels = _alternation(list(lexicons.entries("program_levels.txt")) + ["乡镇"])
    # a level or a place with its unit in front (乡镇三八妇女节庆祝活动, 寮步镇纪念三八国际劳动妇女节活动)
    return regex.compile(
        rf"(?:{levels}|\p{{Han}}{{1,6}}?(?:省|市|县|区|镇|乡|街道|社区|村))?(?:庆祝|纪念|欢度|喜迎|迎)?(?:{days})"
        rf"(?:国际劳动妇女节|国际妇女节|妇女节|儿童节|青年节|国际劳动节|劳动节|建党节|建军节|节)?"
        rf"(?:国际儿童节)?(?:系列)?(?:庆祝|纪念|庆|文艺|联欢|文艺联欢|游园|慰问)?活动"
    )


def is_celebration(norm: str) -> bool:
    """A holiday's celebration (“三八”活动, 三八妇女节庆祝活动, 纪念五四青年节活动): a one-off
    gathering, no program.

    >>> is_celebration("三八活动"), is_celebration("纪念五四青年节活动"), is_celebration("三八维权周")
    (True, True, False)
    """
    return _celebration().fullmatch(norm) is not None


def _inside_titles(text: str) -> list[tuple[int, int]]:
    """The insides of the 《》 titles of ``text``: where a program named in a cited title stands
    (《关于开展三八妇女维权周活动的通知》, 《全民科学素质行动实施方案》). Such a program is part of
    the title, a document record, and no mention of its own: the annotators of every set give it
    no program record."""
    return [(m.start() + 1, m.end() - 1) for m in _TITLE.finditer(text)]


def _in_title(titles: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(ts <= start and end <= te and (ts, te) != (start, end) for ts, te in titles)


def in_cited_title(doc: "Document", records: list[Record]) -> list[Record]:
    """Those of ``records`` (offsets into the original) that stand inside a cited 《》 title: the
    learned tagger's program spans there are refused as the rules' are."""
    titles = [doc.to_original(s, e) for s, e in _inside_titles(quote_text(doc))]
    return [r for r in records if _in_title(titles, r.start, r.end)] if titles else []


def extract(doc: "Document") -> list[Record]:
    titles = _inside_titles(quote_text(doc))
    out = []
    for c in find(doc):
        if is_celebration(c.norm) or is_report_genre(c.norm) or _in_title(titles, c.start, c.end) \
                or _DETERMINER.match(c.norm):
            continue
        start, norm = _without_body_in_front(doc.text, c)
        out.append(doc.make_record(ProgramRecord, start, c.end, norm=norm, rule=c.rule, level=c.level,
                                   edition=c.edition, target=c.target, theme=c.theme))
    return out


#: a name never opens with a determiner: 本次三八妇女节庆祝活动, 该活动前期征集, 每次发展大会 point back
#: to an activity or name a kind of one (no gold set holds a program that opens with one)
_DETERMINER = regex.compile(r"(?:本次|此次|这次|那次|该|每次|每届|上述|此项|这项|这些|本期)")


#: a body named by its kind alone at the front of an unquoted name (残联康复民生工程, 支部党史学习教育)
#: (not before a position it names: 妇联主席热线接听日活动 is named by the chair)
_KIND_IN_FRONT = regex.compile(r"(?:残联|妇联|总工会|工会|团委|团支部|党支部|支部|关工委|科协|妇委会|女职委|女工委)"
                               r"(?!副?主席|副?书记|副?主任|委员|干部|执委|会员|成员|组织|系统)(?=\p{Han}{4})")


def _without_body_in_front(text: str, c: Candidate) -> tuple[int, str]:
    """A program's start and norm without the organization an unquoted name opens with: the body
    that runs it is an organization record of its own, not part of the program's name
    (县妇联青春助力乡村振兴行动 → 青春助力乡村振兴行动, 残联康复民生工程 → 康复民生工程); unchanged
    when the rest would be a generic name or shorter than four characters."""
    span = text[c.start : c.end]
    if not span or span[0] in "“\"《‘「":
        return c.start, c.norm
    cut = 0
    m = _KIND_IN_FRONT.match(span)
    if m is not None:
        cut = m.end()
    # (the organization scanner is asked only where a body's head stands before the name's last
    # four characters: most names hold none)
    if organizations.lexicon().head_re.search(span, 0, len(span) - 4) is not None:
        for oc in organizations.candidates(span):
            if oc.start == 0 and cut < oc.end < len(span):
                cut = oc.end
    if not cut:
        return c.start, c.norm
    if span.startswith("的", cut):
        cut += 1
    front, rest = canonical(span[:cut]), span[cut:]
    if len(rest) < 4 or not c.norm.startswith(front) or is_generic(canonical(rest)) or refuses(c.norm[len(front) :]):
        return c.start, c.norm
    return c.start + cut, c.norm[len(front) :]


#: the program extractor: what it reads and what it makes
COMPONENT = Component(
    "program",
    extract,
    requires=("program_candidates", "token_index", "quote_text", "words", "outline"),
    assigns=("records:program",),
    refuses=refuses,
)

__all__ = ["extract", "find", "candidates", "quote_roles", "in_cited_title", "is_generic", "items_of", "cn_int", "Candidate", "COMPONENT"]
