"""Slogan records: mottos, themes, principles and banner lines.

* A quote of two or more items (“党建先导、带促结合、整体提升”, “绿电+先进制造业”) or with a verb
  (“党建带妇建”, “三年上台阶”, ``slogan_verbs.tsv``) is a slogan; a single quoted term (“娘家”,
  “两委”, “十二五”) is not, nor is a quote that names a program (“春蕾计划”). A quote before a
  program head — its core or its theme — is a slogan when it is a verb phrase or a list of items
  (“送文化下乡”活动, “读报告、学精神”主题活动; not “创先争优”活动, “云溪巧娘”培训班); a single
  quote there is a slogan when it speaks in the first or second person (“党在我心中”合唱比赛),
  else the campaign's brand names the program only (“送温暖”活动).
* A single quoted clause that a frame sets up as an aim, a line of work or a belief is a slogan
  when it has a verb before its last word or two parallel halves (达到了“团结批评团结”的目的,
  以“我的祖国我的家”为主题); a short or numbered quote under a frame is a term (“三会一课”要求).
* Quotes that the words around them make a term are none: honours (“…”称号), criticized
  tendencies (“…”倾向), titles counted in people (“乡村致富能手”20名).
* Quotes side by side (nothing or 、 between them) under one frame form one record whose norm
  joins the items with 、: 以打造“坚强阵地”、“温暖之家”为着力点 → 坚强阵地、温暖之家,
  ``frame`` 为着力点. Side-by-side names with no frame (“昆明宣言”“昆蒙框架”) stay out.
* An unquoted series of three or more equal-length items between a framing verb and a framing
  noun (形成妇联组织创先进、妇女干部争优秀、妇女群众得实惠的良好局面; 坚持自治、法治、德治相结合),
  or describing the noun after 的 (成为…的坚强战斗堡垒; ``slogan_frames.tsv``) is a slogan; series
  in section headings are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

import regex

from .. import lexicons, rx
from ..components import Component
from ..records import Record, SloganRecord, canonical
from .quotes import (  # noqa: F401 - dictionary_verbs and plain_cut: this module's names too
    _HAN,
    _NUMERALS,
    MAX_QUOTE,
    MAX_SLOGAN,
    _has_verb,
    _numbered,
    dictionary_verbs,
    is_slogan_text,
    items_of,
    plain_cut,
    quote_text,
)

if TYPE_CHECKING:
    from ..document import Document

#: items of an unquoted series: how many and how long
MIN_ITEMS, MAX_ITEMS = 3, 10
MIN_ITEM_LEN, MAX_ITEM_LEN = 2, 12
#: items of a series that describes a noun (成为…的堡垒) are phrases: this long at least
MIN_DESCRIBING_ITEM = 3
#: shortest item of a series that ends its clause after a verb of kind `whole` (做到 A、B、C。)
MIN_WHOLE_ITEM = 3
#: longest noun phrase after 的 that such a series describes
MAX_DESCRIBED = 8

_QUOTE = regex.compile(r"“([^“”\n]{1,%d})”" % MAX_QUOTE)
_CLAUSE_STOPS = "，,。；;：:！？!?\n“”《》"
#: the clauses (runs of text between these stops) that hold enough items for a series
#: (MIN_ITEMS - 1 list commas), found by one scan instead of a Python loop over every clause
_SERIES_CLAUSE = re.compile(rf"(?<![^{_CLAUSE_STOPS}])(?:[^{_CLAUSE_STOPS}、]*、){{{MIN_ITEMS - 1}}}[^{_CLAUSE_STOPS}]*")
_HAN_ONLY = rx.compile(r"^\p{Han}+$")
_THEME_AFTER = regex.compile(r"(?:为)?主题")


@dataclass(frozen=True)
class _Lexicon:
    after_frame: rx.Pattern
    motto_before: regex.Pattern
    series_open: regex.Pattern
    series_close: regex.Pattern
    describe_open: regex.Pattern
    describe_close: regex.Pattern
    whole_open: regex.Pattern
    term_before: regex.Pattern
    term_after: regex.Pattern


def _alternation(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    # slogan_frames_rules.tsv: frames the name tagger's features do not read (see its header)
    frames = lexicons.table("slogan_frames.tsv") + lexicons.table("slogan_frames_rules.tsv")
    nouns = "|".join(sorted((w for w, k in frames if k == "after"), key=len, reverse=True))
    openers = "|".join(sorted((w for w, k in frames if k == "verb"), key=len, reverse=True))
    return _Lexicon(
        # 为主题, 作为抓手, 的原则, 的良好局面, 工作法 (modifiers: up to four characters after 的, two
        # otherwise)
        after_frame=rx.compile(
            rf"(?:(?:作为|为)\p{{Han}}{{0,2}}?|的\p{{Han}}{{0,4}}?|(?!等)\p{{Han}}{{0,2}}?)(?:{nouns})"
        ),
        # a verb that takes a motto as its object, right before the quote (牢记“…”, 始终践行“…”)
        motto_before=regex.compile(
            rf"(?:{_alternation(w for w, k in frames if k == 'motto-before')})[了着]?(?:[ \t]|始终|一直|时刻)?“?$"
        ),
        # the verb that opens an unquoted series, right before its first item: 形成了, 按照, 以, 把
        series_open=regex.compile(rf"(?:(?:{openers})[了着]?|以|把)$"),
        # …的良好局面, …作为基本要求, …为重点, …新格局 (only 格局 and 局面 attach directly), and
        # words that join the items right after the last (自治、法治、德治相结合)
        series_close=regex.compile(
            rf"(?:的\p{{Han}}{{0,4}}?|(?:作为|为)\p{{Han}}{{0,2}}?)(?:{nouns})|新?(?:格局|局面)"
            rf"|(?:{_alternation(w for w, k in frames if k == 'close')})"
        ),
        # 成为…的坚强战斗堡垒, 建设一支…的人民军队: the series describes whatever noun follows 的
        describe_open=regex.compile(rf"(?:{_alternation(w for w, k in frames if k == 'describe')})$"),
        describe_close=regex.compile(rf"的\p{{Han}}{{2,{MAX_DESCRIBED}}}"),
        # 做到, 坚持: verbs whose series may end its clause with no closing noun (the frame is the verb)
        whole_open=regex.compile(rf"({_alternation(w for w, k in frames if k == 'whole')})[了着]?$"),
        term_before=regex.compile(rf"(?:{_alternation(w for w, k in frames if k == 'term-before')})$"),
        # the word, or a count of people (15名, 20人); the word may follow 等 closing a list, or 的,
        # and a modifier of up to two characters (“…”、“…”等荣誉称号, 存在“…”的现象)
        term_after=regex.compile(
            rf"(?:(?:[等的]\p{{Han}}{{0,2}}?)?(?:{_alternation(w for w, k in frames if k == 'term-after')})"
            rf"|\d{{1,6}}[名人位个户])"
        ),
    )


#: words between a quote and a program's head that make the quote its theme
_THEME_WORD = regex.compile(r"[ \t]?(?:主题|专题|系列|为主题|为题)")


def _after_motto_verb(text: str, start: int) -> bool:
    """Whether a motto verb (牢记, 践行, 树立 …: slogan_frames.tsv, kind motto-before) stands right
    before ``start`` (a space or a short adverb such as 始终 between)."""
    return lexicon().motto_before.search(text, max(0, start - 6), start) is not None


@dataclass(frozen=True, slots=True)
class _Quote:
    start: int
    end: int
    content: str
    #: what the quote is to a program (the document part ``quote_roles``): "core", "theme" or None
    role: str | None = None


#: shortest single quoted clause read as a motto for its frame alone (达到了“团结批评团结”的目的);
#: shorter quotes under a frame are terms (“钉钉子”精神, “树起来”)
MIN_FRAMED_CLAUSE = 5


def _parallel_halves(content: str) -> bool:
    """Is a quote two items pressed together that open with the same word (我的祖国我的家, 我的青春我的
    村): a word of two characters that starts the quote starts its second half again.

    >>> [_parallel_halves(s) for s in ("我的祖国我的家", "我的青春我的村", "我和我的祖国", "我的中国梦")]
    [True, True, False, False]
    """
    if not (6 <= len(content) <= MAX_ITEM_LEN * 2) or not _HAN_ONLY.match(content):
        return False
    head = content[:2]
    half = len(content) // 2
    # the second half starts at the middle (one character either way: 我的祖国|我的家)
    return any(content.startswith(head, k) for k in (half - 1, half, half + 1) if k >= 3)


_COUNTED_ITEM = regex.compile(rf"[{_NUMERALS}]{{1,2}}\p{{Han}}")


def _counted_items(content: str) -> bool:
    """Is a quoted list made of counted one-character items (三学、三查、三争; 一讲、二评): a compact
    numbered label like 三严三实, no motto, though it has several items.

    >>> [_counted_items(s) for s in ("三学、三查、三争", "五证合一、一照一码", "共鸣、共振、共进")]
    [True, False, False]
    """
    items = items_of(content)
    return len(items) >= 2 and all(_COUNTED_ITEM.fullmatch(i) for i in items)


#: a personal pronoun: 我 (not in 自我, nor 我县, 我校 … that stand for the reporting body), 你, 您, 咱
_PERSON = regex.compile(r"(?<!自)我(?![县市区镇乡村校院局省州厂司部所站会])|[你您咱]")


def _voiced(content: str) -> bool:
    """Does a quote speak in the first or second person (党在我心中, 让全国看见你, 我的中国梦,
    强国复兴有我)? Campaign brands name a thing (送温暖, 巾帼建新功); a quote with a pronoun
    addresses people, as a motto does. Two nouns joined by 和 with no verb are a title
    (我和我的祖国, a song's), no motto.

    >>> [_voiced(s) for s in ("党在我心中", "让全国看见你", "我的中国梦", "我和我的祖国", "自我管理", "我校好声音")]
    [True, True, True, False, False, False]
    """
    if len(content) < 4 or _numbered(content) or not _PERSON.search(content):
        return False
    return "和" not in content or _has_verb(content)


def _framed_clause(content: str) -> bool:
    """Is a single quote under a frame (…的目的, 为工作主线, 的传统观念) a motto: a clause with a verb
    before its last word (团结批评团结, 身体毛发受之父母, 全面提升…发展水平) or two parallel halves (我的祖国我的家), long enough
    not to be a term, and no numbered formula (“三会一课”要求, “五个争创”为抓手)?"""
    if len(canonical(content)) < MIN_FRAMED_CLAUSE or _numbered(content):
        return False
    # the verb stands before the last word: a name whose head the dictionary tags as a verb
    # (“巾帼家美积分超市”的模式, 超市) is a term
    words = plain_cut(content)
    return any(w in dictionary_verbs() for w in words[:-1]) or _parallel_halves(content)


def _quote_runs(doc: "Document") -> list[list[_Quote]]:
    """Quotes side by side (nothing or 、 between), split at quotes that belong to programs."""
    text = quote_text(doc)
    roles = doc.part("quote_roles")
    runs: list[list[_Quote]] = []
    current: list[_Quote] = []
    last_end = -1
    for m in _QUOTE.finditer(text):
        q = _Quote(m.start(), m.end(), m.group(1), roles.get(m.start()))
        adjacent = current and text[last_end : q.start] in ("", "、")
        if q.role in ("name", "core"):
            # a program's name stands alone; the core of one (“送清凉”活动) is a run of its own
            if current:
                runs.append(current)
            current, last_end = [], q.end
            if q.role == "core":
                runs.append([q])
            continue
        if not adjacent and current:
            runs.append(current)
            current = []
        current.append(q)
        last_end = q.end
    if current:
        runs.append(current)
    return runs


#: heads of a one-off event: a quote that ends with one is the event's full name (“…绿色通道启动仪式”),
#: no motto, as a quoted program name with its own head is none (mottos end in 行动, 活动 or
#: 会 as a word of their own: 党有号召、团有行动, 建家强会, so those are not here)
_EVENT_HEADS = ("仪式", "典礼", "大会", "晚会", "座谈会", "启动会", "联欢会", "推进会", "表彰会", "报告会", "研讨会")


def _event_name(content: str) -> bool:
    """Does a quote end with a one-off event's head after four characters or more (…启动仪式)?"""
    norm = canonical(content)
    return any(norm.endswith(h) and len(norm) - len(h) >= 4 for h in _EVENT_HEADS)


#: words that join the last quote of a list to the others (“…”“…”和“…”为主题)
_LAST_CONJUNCTION = ("和", "及", "与", "以及")


def _join_last_items(runs: list[list[_Quote]], text: str) -> list[list[_Quote]]:
    """Runs joined across 和/及/与 when a frame follows the second (以“红色精神”“…讲话”和“…精神”为主题):
    the contract's several quoted items under one frame, whatever stands between them. Without a
    frame the quotes stay apart (“送温暖”和“送清凉”活动 are two programs' names)."""
    lex = lexicon()
    out: list[list[_Quote]] = []
    for run in runs:
        prev = out[-1] if out else None
        if (prev is not None and text[prev[-1].end : run[0].start] in _LAST_CONJUNCTION
                and all(q.role in (None, "theme") for q in (*prev, *run))
                and lex.after_frame.match(text, run[-1].end) is not None):
            out[-1] = [*prev, *run]
        else:
            out.append(run)
    return out


_DOUBLED_SEPARATORS = re.compile(r"[,、]{2,}")


def _single_separators(norm: str) -> str:
    """A norm with doubled separators made one: pages that double their punctuation (“系统化组织、
    项目化实施,、立体化宣传”, “…,,…”) list the same items; a run holding 、 becomes 、, else a comma.

    >>> _single_separators("系统化组织、项目化实施,、立体化宣传"), _single_separators("强基础,,促发展")
    ('系统化组织、项目化实施、立体化宣传', '强基础,促发展')
    """
    return _DOUBLED_SEPARATORS.sub(lambda m: "、" if "、" in m.group() else ",", norm)


def _heading_spans(doc: "Document") -> list[tuple[int, int]]:
    """Spans of the headings of sections. An item's sentence (一是按照…的原则，…) is prose, so a
    series in it still counts."""
    return [(s.start, s.heading_end) for root in doc.outline for s in root.walk() if s.kind != "item"]


def _in_heading(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _term_frame(text: str, start: int, end: int) -> bool:
    """Do the words around quotes make them a term: an honour (被评为“…”, “…”称号), a tendency
    or problem (“机关化、行政化”倾向), or a title counted in people (“青年致富带头人”15名)?"""
    lex = lexicon()
    return bool(lex.term_before.search(text, max(0, start - 6), start) or lex.term_after.match(text, end))


def _quoted(doc: "Document") -> list[Record]:
    text = quote_text(doc)
    lex = lexicon()
    out: list[Record] = []
    for run in _join_last_items(_quote_runs(doc), text):
        frame_m = lex.after_frame.match(text, run[-1].end)
        frame = frame_m.group() if frame_m else None
        if _term_frame(text, run[0].start, run[-1].end):
            continue
        if _event_name(run[-1].content):
            continue
        # a quote that names a program or its theme must be a motto by its verb or its items
        # (“送清凉”活动); a proper name before a program (“云溪巧娘”培训班) is none
        likes = [is_slogan_text(q.content, strict=q.role is not None) and not _counted_items(q.content) for q in run]
        # a verb phrase set up as a theme (“我们与低碳同行”主题活动, “红色基因代代传”主题教育活动):
        # the program is named by its theme, and the theme is a motto, whatever role the program
        # extractor gave the quote
        themed = (len(run) == 1 and _THEME_AFTER.match(text, run[0].end) is not None
                  and (_has_verb(run[0].content) or _parallel_halves(run[0].content))
                  and not _numbered(run[0].content))
        # a quote before a program's head that speaks in the first or second person (“党在我心中”
        # 合唱比赛, “让全国看见你”路演, “我与企业共成长”征文比赛) is a motto that names the program
        voiced = len(run) == 1 and run[0].role in ("core", "theme") and _voiced(run[0].content)
        if run[0].role == "core" and not likes[0] and not themed and not voiced:
            continue
        if (len(run) == 1 and run[0].role in ("core", "theme") and not _THEME_WORD.match(text, run[0].end)
                and not voiced and len(items_of(run[0].content) or [run[0].content]) < 2):
            # a campaign's brand right before its head (“送温暖”活动, “巾帼心向党”知识竞赛) names the
            # program; a quote of several items, a theme (“…”主题演讲比赛) or a voiced one is a
            # motto as well
            continue
        listed = all(text[a.end : b.start] == "、" for a, b in zip(run, run[1:]))
        if len(run) == 1:
            content = run[0].content
            if likes[0]:
                rule = "quoted motto"
            elif _after_motto_verb(text, run[0].start) and len(canonical(content)) >= 5 and not _numbered(content):
                # 牢记“打铁还要自身硬”, 牢记“家和万事兴”: a verb that takes a motto as its object
                # (a clause of five characters or more; 牢记“初心” and 弘扬“红船精神” keep a term)
                rule = "quoted motto after a motto verb"
            elif themed:
                # 围绕“巾帼建新功”主题, “我与祖国共成长”主题征文活动: a verb phrase set up as a
                # theme (“我和我的祖国”主题演讲比赛 names a song, no motto)
                rule = "quoted theme"
            elif voiced:
                rule = "voiced quote before a program"
            elif frame and run[0].role is None and _framed_clause(content):
                # 达到了“团结批评团结”的目的, 以“全面提升…发展水平”为工作主线, 以“我的祖国我的家”为主题:
                # a clause that a frame sets up as an aim, a line of work or a theme is a motto, though
                # its verb is none of the motto verbs (a single quote with a verb, as the contract
                # reads it); a term under a frame (“XX样板”的目标, “三会一课”要求) stays out
                rule = "quoted clause under a frame"
            else:
                continue
        elif any(likes):
            rule = "quoted items side by side"
        elif frame:
            rule = "quoted terms under one frame"
        elif listed and len(run) >= 3 and len({len(q.content) for q in run}) == 1 and not any(
            any(c in _NUMERALS for c in q.content) for q in run
        ):
            # “打虎”、“拍蝇”、“猎狐”: three or more terms of one length listed with 、 read as one
            # motto; two names (“上海标准”、“上海品牌”) or numbered terms (“十二五”、“十三五”) do not
            rule = "quoted parallel terms"
        else:
            continue
        items: list[str] = []
        for q in run:
            items.extend(canonical(i) for i in items_of(q.content) or [q.content])
        norm = _single_separators("、".join(canonical(q.content) for q in run))
        out.append(
            doc.make_record(
                SloganRecord, run[0].start, run[-1].end, norm=norm, rule=rule, items=tuple(items), frame=frame
            )
        )
    return out


def _series(doc: "Document") -> list[Record]:
    """Unquoted parallel series: A、B、C of one length between a framing verb and a framing noun,
    or between 成为/一支 and the noun after 的 that the items describe."""
    text = quote_text(doc)
    lex = lexicon()
    headings = _heading_spans(doc)
    out: list[Record] = []
    for clause in _SERIES_CLAUSE.finditer(text):
        parts = clause.group().split("、")
        if len(parts) > MAX_ITEMS + 2:
            continue
        # the series may follow a list of another kind in its clause (县委、县政府坚持率先发展、
        # 创新发展、…的工作要求): it is tried from each part on, the first that holds one wins
        offset = 0
        for k in range(len(parts) - MIN_ITEMS + 1):
            found = _series_at(parts[k:], lex)
            if found is not None:
                first, middle, last, size, frame, whole = found
                start = clause.start() + offset + len(first) - size
                end = clause.start() + len(clause.group()) - len(last) + size
                # 坚持镇村规划、…、社会管理“六个一体化”: a series that a quoted name then sums up
                # is the content of a numbered formula, not a motto
                named_after = whole and text.startswith(("“", '"'), end)
                if not named_after and not _in_heading(headings, start, end):
                    items = (first[-size:], *middle, last[:size])
                    out.append(
                        doc.make_record(
                            SloganRecord, start, end, norm="、".join(items), rule="framed parallel series",
                            items=items, frame=frame,
                        )
                    )
                break
            offset += len(parts[k]) + 1
    return out


def _series_at(parts: list[str], lex: "_Lexicon") -> tuple[str, list[str], str, int, str, bool] | None:
    """A framed series whose first item ends ``parts[0]`` and whose last starts ``parts[-1]``:
    (first part, middle items, last part, item length, frame, whether the frame is a verb of kind
    `whole` before a series that ends its clause), or None."""
    if not (MIN_ITEMS <= len(parts) <= MAX_ITEMS):
        return None
    middle = parts[1:-1]
    size = len(middle[0])
    if not (MIN_ITEM_LEN <= size <= MAX_ITEM_LEN):
        return None
    if any(len(p) != size or not _HAN_ONLY.match(p) for p in middle):
        return None
    first, last = parts[0], parts[-1]
    if len(first) < size or not _HAN_ONLY.match(first[-size:]):
        return None
    if len(last) < size or not _HAN_ONLY.match(last[:size]):
        return None
    close = None
    if lex.series_open.search(first[:-size]):
        close = lex.series_close.match(last, size)
        if close is not None and any(c in _NUMERALS for c in close.group()):
            # 发展、维权、救助三大服务体系: an enumeration of areas, not a motto
            return None
    elif size >= MIN_DESCRIBING_ITEM and lex.describe_open.search(first[:-size]):
        close = lex.describe_close.match(last, size)
    if close is not None:
        return first, middle, last, size, close.group(), False
    if len(last) == size and size >= MIN_WHOLE_ITEM:
        # 做到对人民负责、为人民服务、让人民满意。: after these verbs a series that ends its clause
        # is the motto itself
        opener = lex.whole_open.search(first[:-size])
        if opener is not None:
            return first, middle, last, size, opener.group(1), True
    return None


def extract(doc: "Document") -> list[Record]:
    return _quoted(doc) + _series(doc)


#: the slogan extractor: it reads which quotes belong to programs (the part ``quote_roles``),
#: not the program records
COMPONENT = Component(
    "slogan",
    extract,
    requires=("quote_text", "quote_roles", "outline"),
    assigns=("records:slogan",),
)

__all__ = ["extract", "is_slogan_text", "COMPONENT"]
