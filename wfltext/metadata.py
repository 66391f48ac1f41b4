"""Report metadata: title, issuing body, place, genre and year, read from the normalized text.

Rules look where the genre states these facts: the title lines, the delivery line under the title
(``——2012年2月29日在海拉尔区第十三届人民代表大会第六次会议上``), the speaker's line
(``海拉尔区人民政府区长``), the opening sentence (``我代表上海市人民政府…``,
``今年以来，县妇联…``) and the signature at the end (``东坑镇妇联\\n2012年12月20日``).

The **year** is the one that 今年 means in the report, so that relative years can be resolved
(:func:`resolve_relative_year`). A 政府工作报告 is delivered early in its year and reviews the year
before: ``2026年政府工作报告`` is year 2026, and its 过去一年 is 2025. A 工作总结 closes its year:
its 今年 is its year, and its 明年 the next. ``year_source`` names the rule that found the year
and ``year_evidence`` quotes the words it read; both are ``None`` when the report states no year
(the year is then ``None`` too, never a guess).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache

import regex

from . import lexicons
from .outline import cn_number

# genre, pattern in the title (or the head, where no title names it); the more specific first
GENRES: tuple[tuple[str, str], ...] = (
    ("政府工作报告", r"政府工作报告"),
    ("调研报告", r"调研报告|调查报告|调研材料|调研与思考"),
    ("交流材料", r"交流材料|经验材料|典型材料|经验交流|汇报材料|事迹材料"),
    ("讲话", r"讲话|致辞|发言稿|(?:会议|大会|会)上的(?:报告|发言)"),
    ("工作总结", r"总结|述职报告|工作报告"),
    ("工作计划", r"计划|工作要点|工作安排|工作打算|工作思路"),
    ("政策文件", r"关于[^。]{2,40}的(?:意见|通知|决定|办法|规定|方案)$"),
)
_GENRES = tuple((name, regex.compile(p)) for name, p in GENRES)
# a government work report delivered without its title: 我代表…政府/国务院, 向大会报告工作
_GOV_REPORT_CUE = regex.compile(r"向大会(?:作|报告)(?:政府)?工作|人民代表大会[^。\n]{0,12}会议上")

# Administrative units, longest suffix first so 自治区 is not read as 区.
_UNIT = r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|街道|社区|省|市|州|盟|县|区|旗|乡|镇|村)"
# a place name: 1 to 7 characters before its unit; words that end in a unit character but name
# no place (全县, 我市, 城区, 园区 …) are refused by _NOT_A_PLACE
# (a unit character followed by another is part of the name: 贵州省, 杭州市;
# nor does a name start with the 年 of a date: 2012年县妇联)
# (nor with 我/本/全/各…, which point at a place without naming it, nor with the passive 被 of a
# sentence: 被省总工会授予; nor hold a word that joins or locates: 镇妇联在镇, 调整后的区, 妇女和社区
# are no places)
# (nor does a count stand for one: the 个 of 18个村党支部 is a classifier, not the 个 of 个旧市)
# (nor does the 来 of 年来 start one: 20xx年来镇关工委在… is the town's committee "since the year")
_NOT_A_COUNT = r"(?!(?<=[\d一二三四五六七八九十两几百千]|\d[*＊xX×])个)"
_NOT_SINCE = r"(?!(?<=年)来)"
_PLACE_UNIT = (
    rf"(?![年月日届次号我本全各该某这此在与的及同妇被]){_NOT_SINCE}{_NOT_A_COUNT}"
    rf"(?:\p{{Han}}(?:(?![在与的及之后和妇])\p{{Han}}){{0,6}}?){_UNIT}(?!{_UNIT})"
)
# where a place name may start: not inside a run of other words (会议上河北省 → 河北省)
_START = r"(?:(?<=^|[^\p{Han}]|[在上于年和与及的即])"
_PLACE_CHAIN = regex.compile(rf"(?:{_PLACE_UNIT}){{1,4}}")
_PLACE_ONE = regex.compile(_PLACE_UNIT)
_NOT_A_PLACE = regex.compile(
    r"^(?:全|我|本|各|该|某|城|园|景|辖|社|地|新|老|市|省|县|区|镇|乡|村|山|矿|库|街|小|大|郊|城乡|开发|示范|试验|保护|功能|片|学)"
    + _UNIT
    + "$"
)
# organizations that issue reports, with an optional place or level in front
_ORG_HEAD = (
    r"(?:妇女联合会|妇联|妇委会|妇工委|总工会|工会|团委|团工委|团支部|团总支|共青团[\p{Han}]{0,8}?委员会"
    r"|党委|党工委|党支部|党总支|纪委|人民政府|政府|关工委|关心下一代工作委员会|科协|科学技术协会"
    r"|残联|残疾人联合会|工商联|妇儿工委)"
)
# bodies named without a place or level in front
_NATIONAL_ORG = r"(?:国务院|中共中央|全国妇联|全国总工会|团中央|团[省市县区]委)"
# a bare 妇联 or 政府 is a kind of body, not a body: a place or level must stand in front
# (a unit of work stands for its place too: 局工会, 矿团委, 厂工会)
_LEVEL = r"(?:街道|社区|[省市县区乡镇村旗局矿厂])"
_ORG = regex.compile(rf"{_START}(?:(?:{_PLACE_UNIT}){{1,3}}|{_LEVEL})(?:直)?{_ORG_HEAD}|{_NATIONAL_ORG})", regex.M)
# the report names itself: 我局团支部, 我社区妇联, 我村党支部, a kindergarten's 我园团支部 (the body
# without 我)
_SELF = regex.compile(rf"(?<=我)(?:{_LEVEL}|司|校|园)?{_ORG_HEAD}")
# the bodies a report cites or turns to (按照团县委《…》的要求, 向县妇联汇报), not the one that reports
_CITED = regex.compile(r"(?:按照|根据|依据|经|向|受|对|与|和|及|、)$")
# 在县委、县政府的正确领导下: the bodies that lead, not the one that reports
_LED_BY = regex.compile(r"在[^，。；\n]{0,24}(?:领导|指导|支持|关心|带领|帮助|重视)下")
_REPRESENT = regex.compile(rf"我代表((?:(?:{_PLACE_UNIT}){{1,3}}|[省市县区乡镇村旗]|自治区)?{_ORG_HEAD}|{_NATIONAL_ORG})")
_SPEAKER = regex.compile(
    rf"{_START}((?:{_PLACE_UNIT}){{1,3}}人民政府)(?:代|副)?(?:省长|市长|区长|县长|旗长|州长|盟长|主席))", regex.M
)
_MEETING = regex.compile(rf"在((?:{_PLACE_UNIT}){{1,4}}?)(?:第?[{'一二三四五六七八九十'}\d]{{1,3}}届)")
_NATIONAL = regex.compile(r"全国人民代表大会|全国人大|国务院总理|我代表国务院")
_CN_DIGIT = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_YEAR = r"((?:19[4-9]|20[0-9])\d|[〇○零一二三四五六七八九]{4})年"
_TITLE_YEAR = regex.compile(r"(?<!\d)" + _YEAR)
# ——2012年2月29日在…会议上 / （2018年1月2日） / 2026年1月27日在…
_DATED = regex.compile(
    r"(?:^|\n)[ \t\u3000]*[—\-－―–]*[ \t\u3000]*[（(]?"
    + _YEAR
    + r"([\d一二三四五六七八九十〇○]{1,3})月([\d一二三四五六七八九十〇○]{1,3})日"
    + r"(?:[）)]|[ \t\u3000]*在)"
)
# a date standing alone on one of the last lines, or in a closing (《人民日报》2022年03月13日) line
_SIGNED = regex.compile(_YEAR + r"[ \t\u3000]*([\d一二三四五六七八九十〇○]{1,3})月(?:[\d一二三四五六七八九十〇○]{1,3}日)?")
# 今年是“十四五”开局之年 / 今年是“十五五”规划的收官之年
_PLAN_YEAR = regex.compile(
    r"今年是[^。\n]{0,12}?[“\"]?十([一二三四五])五[”\"]?(?:规划)?(?:时期)?的?"
    r"(?P<which>开局之年|开局|起步之年|起步|第一年|第([二三四])年|收官之年|收官|最后一年)"
)
# 2012年，县妇联… / 2012年以来… at the start of the first paragraph of a summary
_OPENING_YEAR = regex.compile(r"(?:^|\n)[ \t\u3000]*" + _YEAR + r"(?:，|以来|是|，在)")
# the marker a compilation page puts before each report's title (篇一：, 【篇2】, 范文1)
_COMPILATION_MARKER = regex.compile(
    r"^(?:【[^】\n]{1,6}】|(?:精选)?(?:篇|范文|範文|范例|文章)[ \u3000]?[一二三四五六七八九十\d]{1,3}|第[一二三四五六七八九十\d]{1,3}篇)[：:、.．\s]*"
)
# 一、2021年工作回顾 / 三、2022年政府工作任务: the sections of a report name the years it reviews
# and plans
_YEAR_HEADING = regex.compile(
    r"(?:^|\n)[ \t\u3000]*[一二三四五六七八九十]{1,2}、" + _YEAR
    + r"[^\n。]{0,16}?(?P<kind>工作回顾|回顾|工作安排|主要任务|重点工作|工作任务|主要工作|工作要点)"
)
_OUTLINE_MARKER = regex.compile(r"[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．]")
_CHROME_LINE = regex.compile(r"^(?:[>|｜/]|\d{4}-\d\d-\d\d.*|.{0,6}要闻|政务信息|首页.*|当前位置.*|您的位置.*)$")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the report says about itself. Every field may be ``None``."""

    title: str | None = None
    #: the issuing body as written (县妇联, 海拉尔区人民政府, 国务院)
    body: str | None = None
    #: the place the report speaks for, its most specific unit (东坑镇, 海拉尔区, 上海市, 全国)
    place: str | None = None
    genre: str | None = None
    #: the year 今年 means in the report
    year: int | None = None
    #: the rule that found the year: "given", "title", "dated", "five-year plan", "opening",
    #: "signature", "headings"; None when the report states no year
    year_source: str | None = None
    #: the words the year was read from
    year_evidence: str | None = None
    #: where the title comes from: "line" (a line of the report), "composed" (the report has no
    #: title line; genre, place or body and year make one: 2017年海拉尔区政府工作报告); None
    #: when there is no title
    title_source: str | None = None
    #: what runs on after a title in its line (1990年政府工作报告|为…而奋斗)
    subtitle: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _to_int(digits: str) -> int | None:
    """``2012``, ``二〇一二`` or ``十二`` as a number.

    >>> _to_int("二〇二六"), _to_int("2012"), _to_int("十二"), _to_int("3")
    (2026, 2012, 12, 3)
    """
    if digits.isascii() and digits.isdigit():
        return int(digits)
    if len(digits) == 4 and all(ch in _CN_DIGIT for ch in digits):
        return int("".join(_CN_DIGIT[ch] for ch in digits))
    return cn_number(digits)


def _lines(text: str, limit: int) -> list[str]:
    out = []
    for line in text.split("\n"):
        line = line.strip(" \t\u3000\u00a0")
        if line:
            out.append(line)
            if len(out) >= limit:
                break
    return out


# a title that opens with its year and names its genre (1990年政府工作报告, 2012年县妇联工作总结)
# ends at the genre's word: what runs on in the same line, with no separator, is its subtitle
# (1990年政府工作报告为我国政治经济和社会的进一步稳定发展而奋斗); a title that goes on after the
# genre word with a conjunction or a word of its own (总结和2013年工作打算, 总结暨表彰, 计划书,
# 报告会) does not
_YEAR_LABEL = regex.compile(
    r"^(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年(?:度)?[^。，,\n]{0,16}?"
    r"(?:政府工作报告|工作报告|工作总结|工作计划|工作要点|述职报告)"
)
_TITLE_GOES_ON = "和及与暨、（(之的稿书会表范模精汇等"


def _split_subtitle(head: str) -> tuple[str, str | None]:
    """A title and the subtitle run on after it.

    >>> _split_subtitle("1990年政府工作报告为我国政治经济和社会的进一步稳定发展而奋斗")
    ('1990年政府工作报告', '为我国政治经济和社会的进一步稳定发展而奋斗')
    >>> _split_subtitle("县妇联2012年工作总结"), _split_subtitle("2012年县妇联工作总结和2013年工作打算")
    (('县妇联2012年工作总结', None), ('2012年县妇联工作总结和2013年工作打算', None))
    """
    m = _YEAR_LABEL.match(head)
    if m is None or len(head) - m.end() < 4 or head[m.end()] in _TITLE_GOES_ON:
        return head, None
    return head[: m.end()], head[m.end():]


def _title(text: str) -> str | None:
    """The title: the first of the head's lines that names a genre, else the first line when it
    reads as a title (short, no sentence punctuation, not a delivery or greeting line)."""
    lines = [_COMPILATION_MARKER.sub("", ln) for ln in _lines(text, 10) if not _CHROME_LINE.match(ln)]
    lines = [ln for ln in lines if ln]
    for line in lines[:6]:
        head = regex.split(r"[—―]{2}|-{2,}", line)[0].strip()
        if _OUTLINE_MARKER.match(head):
            continue  # a section heading (二、2016年工作安排), not the title
        if 2 <= len(head) <= 60 and any(p.search(head) for _, p in _GENRES) and not regex.search(r"[。！？]", head):
            return head
    if lines:
        first = lines[0]
        if (
            2 <= len(first) <= 40
            and not regex.search(r"[。，,！？：:]", first)
            and not regex.match(r"[—\-－―–（(]|各位|同志们", first)
            and not _OUTLINE_MARKER.match(first)
        ):
            return first
    return None


def _genre(title: str | None, head: str) -> str | None:
    if title:
        for name, pattern in _GENRES:
            if pattern.search(title):
                return name
    if _GOV_REPORT_CUE.search(head):
        return "政府工作报告"
    first = "\n".join(_lines(head, 3))
    for name, pattern in _GENRES[:-1]:
        if pattern.search(first):
            return name
    return None


@lru_cache(maxsize=1)
def _not_place_words() -> tuple[str, ...]:
    return lexicons.entries("place_not_words.txt")


def holds_sentence_word(name: str) -> bool:
    """Does a run read as a place hold a word of a sentence (邀请, 参加, 关于, 围绕 …:
    lexicons/place_not_words.txt), which no place's name holds?"""
    return any(w in name for w in _not_place_words())


def _is_place(name: str) -> bool:
    """A run before a unit word names a place: not 全县 or 我市, and no verb or word of a
    sentence inside it (邀请县, 积极争取镇, …篇县: lexicons/place_not_words.txt)."""
    return not _NOT_A_PLACE.match(name) and not holds_sentence_word(name)


def _last_place(chain: str) -> str | None:
    """The most specific unit of a chain of places: 呼伦贝尔市海拉尔区 → 海拉尔区.

    >>> _last_place("呼伦贝尔市海拉尔区"), _last_place("上海市"), _last_place("全县")
    ('海拉尔区', '上海市', None)
    """
    units = [m.group() for m in _PLACE_ONE.finditer(chain)]
    units = [u for u in units if _is_place(u)]
    return units[-1] if units else None


#: the Party's and the League's names before the place of one of their bodies
#: (中共海拉尔区委, 共青团山东省第十二届委员会, 中国共产党青石镇委员会): no part of the place
_BODY_PREFIX = regex.compile(r"^(?:中国共产党|中国共产主义青年团|中国共青团|共青团|中共)")


def _place_of_org(org: str) -> str | None:
    """The place an organization's name starts with.

    >>> _place_of_org("共青团山东省第十二届委员会"), _place_of_org("中共海拉尔区委"), _place_of_org("团区委")
    ('山东省', '海拉尔区', None)
    """
    if regex.match(r"团[省市县区旗]委", org):
        return None  # 团区委: the League committee of a level, no place named
    org = _BODY_PREFIX.sub("", org, count=1)
    m = _PLACE_CHAIN.match(org)
    return _last_place(m.group()) if m else None


def _place(title: str | None, head: str, body: str | None) -> str | None:
    if title:
        # 2026年上海市政府工作报告, 陕西省2026年政府工作报告, 东坑镇妇联2012年工作总结
        m = regex.search(rf"(?:^|\d年)((?:{_PLACE_UNIT}){{1,4}}?)(?=\d{{4}}年|人民政府|政府|{_ORG_HEAD}|第|关于)", title)
        if m and (place := _last_place(m.group(1))):
            return place
    m = _MEETING.search(head)
    if m and (place := _last_place(m.group(1))):
        return place
    if body and (place := _place_of_org(body)):
        return place
    if _NATIONAL.search(head):
        return "全国"
    return None


# a title's topic word read as the place of the body it names (关于乡镇妇联年度工作总结)
_TOPIC = regex.compile(r"^(?:关于|对于)")


def _own_name(org: str) -> str | None:
    """A body as its own name starts, where a title's topic word was taken in as its place:
    关于乡镇妇联 → 镇妇联 (乡镇 is every township's level, no place: the shortest cut that
    leaves a body with a place or a level in front). A body read with a verb of its sentence in
    front (深入学习市科协, 围绕县总工会) is one the report cites or works with, not the one that
    reports: none.

    >>> _own_name("关于乡镇妇联"), _own_name("关于海拉尔区妇联"), _own_name("深入学习市科协")
    ('镇妇联', '海拉尔区妇联', None)
    """
    if not _TOPIC.match(org):
        chain = _PLACE_CHAIN.match(_BODY_PREFIX.sub("", org, count=1))
        return None if chain and holds_sentence_word(chain.group()) else _named_part(org)
    for i in range(2, len(org) - 2):
        rest = org[i:]
        if _ORG.fullmatch(rest):
            chain = _PLACE_CHAIN.match(rest)
            if not chain or all(_is_place(u.group()) for u in _PLACE_ONE.finditer(chain.group())):
                return rest
    return org


def _named_part(org: str) -> str | None:
    """A body the body pattern read with the words of its sentence in front, cut where its
    name starts (下面我把阳谷县残联 → 阳谷县残联, 记者从市南区妇联 → 市南区妇联, 今年县妇联 → 县妇联).
    The pattern lets any run of characters before a level word be a place, so a speaker's, a
    reporter's or a date's words read as one. The run is cut after its last word of a sentence:
    a token of the tokenizer that is (or, of three characters or more, ends in) a word that ends
    an organization's left side (a function word or a verb of the genre, ``org_stopwords.tsv``),
    a common verb, adverb, pronoun or time word of the tokenizer's dictionary or a word of
    ``place_not_words.txt``; or a function word glued to the level after it (被市, 由市, 各乡镇).
    Never inside a division's name (如皋市, 新都区 of ``org_gazetteer.txt``) or a word that ends
    in a level (开发区); a body written with the Party's or the League's name in front (中共…,
    共青团…) starts where it starts.

    >>> _named_part("下面我把阳谷县残联"), _named_part("今年县妇联"), _named_part("如皋市科学技术协会")
    ('阳谷县残联', '县妇联', '如皋市科学技术协会')
    """
    chain = _PLACE_CHAIN.match(org)
    if not chain or _BODY_PREFIX.match(org):
        return org
    from .tokenize import cut

    words = _sentence_words()
    cuts, p = [], 0
    for token in cut(chain.group()):
        p += len(token)
        if token[0] in _LEVEL_CHARS:
            continue  # 区直, 市直: a level's own word (市直机关), not one of a sentence
        if token in words or (len(token) > 2 and any(token[-k:] in words for k in (2, 3))):
            cuts.append(p)
        elif len(token) >= 2 and token[0] in words and _LEVEL_WORD.fullmatch(token[1:]):
            cuts.append(p - len(token) + 1)
    for p in reversed(cuts):
        if 0 < p < chain.end() and not _inside_a_name(org, p):
            # (明确要求各乡镇政府: every unit of a level is no one body)
            return None if org[p] in "全各每" else org[p:]
    return org


_LEVEL_CHARS = frozenset("省市县区旗镇乡村州")
#: a level word a function word may be glued to by the tokenizer (被市, 对村, 各乡镇)
_LEVEL_WORD = regex.compile(r"(?:乡镇|街道|社区|[省市县区旗镇乡村])")


#: the kinds of report a page's file name or heading gives before the body it names
#: (科协工作总结县科学技术协会)
_REPORT_KINDS = ("总结", "计划", "报告", "汇报", "材料", "要点")
#: the tags of jieba's dictionary whose words are words of a sentence, never part of a place's
#: name: pronouns, prepositions, conjunctions, particles, direction and time words, adverbs and
#: verbs and verbal nouns (运行, 管理; not numerals or adjectives: 七里塘, 五四, 新都 name places)
_SENTENCE_TAGS = frozenset("r p c u f t d ad v vd vn".split())


@lru_cache(maxsize=1)
def _sentence_words() -> frozenset[str]:
    stops = (row[0] for row in lexicons.table("org_stopwords.tsv"))
    words, _ = _dictionary_words()
    return frozenset(stops) | frozenset(words) | frozenset(_not_place_words()) | frozenset(_REPORT_KINDS)


@lru_cache(maxsize=1)
def _names_with_levels() -> frozenset[str]:
    _, level_words = _dictionary_words()
    return frozenset(lexicons.entries("org_gazetteer.txt")) | frozenset(level_words)


def _dictionary_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the cut needs from jieba's dictionary, kept on disk between processes."""
    from .tokenize import dictionary_table

    return dictionary_table("sentence-words", _read_dictionary_words, sorted(_SENTENCE_TAGS), 50, _LEVEL_END)


#: the level characters a word of three may end in (开发区, 示范区, 自治县)
_LEVEL_END = "省市县区旗州盟乡镇村"


def _read_dictionary_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words of two to four characters of jieba's dictionary with a tag of ``_SENTENCE_TAGS``
    seen at least 50 times (rarer entries are segmentation debris); and its words of three
    characters that end in a level character (开发区, 示范区: not the two-character ones of any
    sentence, 行省 of 组建运行省政府)."""
    import jieba

    words, levels = [], []
    with jieba.Tokenizer().get_dict_file() as f:
        for raw in f:
            parts = raw.decode("utf-8").split()
            if len(parts) < 3:
                continue
            word = parts[0]
            if parts[2] in _SENTENCE_TAGS and 2 <= len(word) <= 4 and int(parts[1]) >= 50:
                words.append(word)
            if len(word) == 3 and word[-1] in _LEVEL_END:
                levels.append(word)
    return tuple(sorted(words)), tuple(sorted(levels))


def _inside_a_name(run: str, p: int) -> bool:
    """Does a division's name or a word ending in a level hold both ``run[p - 1]`` and ``run[p]``?"""
    names = _names_with_levels()
    return any(run[i:j] in names for i in range(max(0, p - 7), p) for j in range(p + 1, min(len(run), i + 9) + 1))


def _body(title: str | None, head: str, tail: str) -> str | None:
    body = _found_body(title, head, tail)
    return _own_name(body) if body else None


def _found_body(title: str | None, head: str, tail: str) -> str | None:
    # a signature line holding just an organization is the body that signs the report
    for line in reversed(_last_lines(tail, 4)):
        m = _ORG.fullmatch(line)
        if m:
            return m.group()
    # 我代表区政府 and 海拉尔区人民政府区长 name one body: the fuller name wins
    named = [m.group(1) for m in (_REPRESENT.search(head), _SPEAKER.search(head)) if m]
    if named:
        return max(named, key=len)
    if title:
        m = regex.match(r"(.{2,20}?)关于", title)
        if m and regex.search(_ORG_HEAD, m.group(1)):
            return m.group(1).strip()
        m = _ORG.search(title)
        if m:
            return m.group()
    # the body the report calls 我… in its opening
    m = _SELF.search(head[:600])
    if m:
        return m.group()
    # else the body the opening names most often, leaving out those it is led by and those it cites
    led = [(m.start(), m.end()) for m in _LED_BY.finditer(head)]
    counts: dict[str, int] = {}
    for m in _ORG.finditer(head, len(title or "")):
        if not any(s <= m.start() < e for s, e in led) and not _CITED.search(head, max(0, m.start() - 2), m.start()):
            counts[m.group()] = counts.get(m.group(), 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _last_lines(text: str, n: int) -> list[str]:
    lines = [ln.strip(" \t\u3000\u00a0") for ln in text.split("\n")]
    return [ln for ln in lines if ln][-n:]


def _five_year_plan_year(m: regex.Match) -> int:
    start = 2006 + 5 * ((cn_number(m.group(1)) or 1) - 1)  # 十一五 began in 2006
    which = m.group("which")
    if which.startswith(("收官", "最后")):
        return start + 4
    if m.group(3):
        return start + (cn_number(m.group(3)) or 1) - 1
    return start


def _year(
    title: str | None, head: str, tail: str, text: str, genre: str | None
) -> tuple[int | None, str | None, str | None]:
    if title:
        m = _TITLE_YEAR.search(title)
        if m:
            return _to_int(m.group(1)), "title", title
    m = _DATED.search(head)
    if m:
        return _to_int(m.group(1)), "dated", m.group().strip("\n \t\u3000")
    m = _PLAN_YEAR.search(head)
    if m:
        return _five_year_plan_year(m), "five-year plan", m.group()
    m = _OPENING_YEAR.search(head)
    if m:
        return _to_int(m.group(1)), "opening", m.group().strip("\n \t\u3000")
    for line in reversed(_last_lines(tail, 3)):
        m = _SIGNED.search(line)
        if m and len(line) <= 40:
            year = _to_int(m.group(1))
            month = _to_int(m.group(2))
            # an annual summary signed in January reviews the year just ended
            if year is not None and genre == "工作总结" and month == 1:
                year -= 1
            return year, "signature", line
    for m in _YEAR_HEADING.finditer(text):
        year = _to_int(m.group(1))
        if year is not None and m.group("kind").endswith("回顾"):
            # a government work report reviews the year before its own
            if genre != "政府工作报告":
                continue
            year += 1
        return year, "headings", m.group().strip("\n \t\u3000")
    return None, None, None


def read_metadata(text: str, year: int | None = None) -> Metadata:
    """The metadata of a normalized report; ``year`` overrides the year found in the text.

    >>> m = read_metadata("东坑镇妇联2012年工作总结\\n2012年，镇妇联在镇党委的领导下…")
    >>> m.title, m.body, m.place, m.genre, m.year, m.year_source
    ('东坑镇妇联2012年工作总结', '东坑镇妇联', '东坑镇', '工作总结', 2012, 'title')
    """
    head = text[:1500]
    tail = text[-300:]
    title = _title(text)
    subtitle = None
    if title is not None:
        title, subtitle = _split_subtitle(title)
    genre = _genre(title, head)
    body = _body(title, head, tail)
    place = _place(title, head, body)
    if year is not None:
        found: tuple[int | None, str | None, str | None] = (year, "given", None)
    else:
        found = _year(title, head, tail, text, genre)
    source = "line" if title else None
    if title is None:
        title = _composed_title(genre, body, place, found[0])
        source = "composed" if title else None
    return Metadata(title, body, place, genre, *found, title_source=source, subtitle=subtitle)


def _composed_title(genre: str | None, body: str | None, place: str | None, year: int | None) -> str | None:
    """A title for a report that has no title line, from what it states: its genre, its year and
    its place (a government work report) or body; ``None`` unless all are known.

    >>> _composed_title("政府工作报告", "海拉尔区人民政府", "海拉尔区", 2017), _composed_title("政府工作报告", "国务院", "全国", 2022)
    ('2017年海拉尔区政府工作报告', '2022年政府工作报告')
    >>> _composed_title("工作总结", "县妇联", None, 2012), _composed_title("工作总结", "县妇联", None, None)
    ('县妇联2012年工作总结', None)
    """
    if genre is None or year is None or genre == "政策文件":
        return None
    if genre == "政府工作报告":
        if place is None:
            return None
        return f"{year}年{'' if place == '全国' else place}政府工作报告"
    if body is None:
        return None
    return f"{body}{year}年{genre}"


# word → (offset from the report's year, for a 政府工作报告 when it differs)
_RELATIVE: dict[str, tuple[int, int | None]] = {
    "今年": (0, None),
    "本年": (0, None),
    "本年度": (0, None),
    "明年": (1, None),
    "来年": (1, None),
    "下一年": (1, None),
    "下年": (1, None),
    "后年": (2, None),
    "去年": (-1, None),
    "上年": (-1, None),
    "上一年": (-1, None),
    "前年": (-2, None),
    # a summary reviews its own year; a government work report, delivered early in its year,
    # reviews the year before
    "过去一年": (0, -1),
    "过去的一年": (0, -1),
    "一年来": (0, -1),
}


def resolve_relative_year(word: str, metadata: Metadata) -> int | None:
    """The calendar year a relative year word means in a report, or ``None`` when the report's
    year is unknown or the word is not one of 今年/本年/明年/来年/下一年/后年/去年/上年/前年/
    过去一年/一年来.

    >>> gov = Metadata(genre="政府工作报告", year=2026)
    >>> [resolve_relative_year(w, gov) for w in ("今年", "去年", "明年", "过去一年")]
    [2026, 2025, 2027, 2025]
    >>> summary = Metadata(genre="工作总结", year=2012)
    >>> [resolve_relative_year(w, summary) for w in ("今年", "过去一年", "下一年", "前年")]
    [2012, 2012, 2013, 2010]
    >>> resolve_relative_year("今年", Metadata()) is None, resolve_relative_year("近年", summary) is None
    (True, True)
    """
    if metadata.year is None or word not in _RELATIVE:
        return None
    offset, gov_offset = _RELATIVE[word]
    if metadata.genre == "政府工作报告" and gov_offset is not None:
        offset = gov_offset
    return metadata.year + offset


__all__ = ["Metadata", "read_metadata", "resolve_relative_year", "GENRES"]
