"""Organization records: the specific bodies a report names.

A name is found from its head (妇联, 政府, 部门, 领导小组, 集团 …, ``org_heads.tsv``) and what
stands in front of it:

- a level or place prefix (县, 乡（镇、街道）, 海拉尔区, 中共上海市): 县妇联, 中共上海市委;
- a functional domain (``org_domains.txt``): 民政部门, 县教育局;
- another organization: 县委 + 组织部, 省政府 + 办公厅, 中山大学 + 附属肿瘤医院;
- a free core, bounded on the left by punctuation, a stop word or a verb: 成立 | 编制领导小组.

Bodies known by a name of their own (国务院, 两委) come from ``org_names.tsv``. Coordinations
give one record each: a shared trailing head is filled in (组织、民政部门 → 组织部门, 民政部门),
bare conjuncts stay as written (公、检、法、司; 镇党委、政府 → 镇党委 and 政府, whose
``canonical`` is 镇政府). Type words (妇联, 成员单位), generic kinds (职业学校, 上市公司),
counted kinds (新增10个…学院) and facilities being built (…中心（一期）工程) give no record.

Place names are those of ``org_places.txt``, the prefecture- and county-level divisions of
``org_gazetteer.txt`` and the ``ns`` words of jieba's dictionary; the same
dictionary says when a level character is the tail of another word (城市, 园区) and which words
are verbs. Every regular expression is an alternation of lexicon entries or has bounded
repetition, and the walk in front of a head looks at most ``MAX_CORE`` characters back, so the
extractor runs in linear time.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from .. import lexicons, rx
from ..components import Component
from ..numerals import MASK_CHARS
from ..records import OrganizationRecord, Record, canonical
from ..tokenize import dictionary_table, on_word_bound
from .documents import title_spans

if TYPE_CHECKING:
    from ..document import Document

#: longest core (characters between a prefix or left boundary and the head) of a named body
MAX_CORE = 14
#: longest core of a Party or government body (人民, 直属机关, 第十四届)
MAX_PREFIX_CORE = 10
#: longest place name looked up in front of a level word
MAX_PLACE = 8
#: characters that join coordinated organizations (县委、县政府; 区人大和政协)
JOINERS = "、和及与"
#: one-character level words: only these need the check that they start a word
LEVEL_CHARS = "省市县区旗州盟乡镇村"
#: level words that may carry a short name of their own (胜利社区, 柳溪镇)
LOCAL_LEVELS = ("社区", "街道", "嘎查", "苏木", "镇", "乡", "村")
#: level words that, alone in front of an institution, name every community's or township's
#: institution (社区卫生服务中心, 乡镇卫生院): a kind, not a body
_KIND_LEVELS = frozenset({"社区", "乡镇", "村居", "居村"})
#: 全县/各级/各 in front of a name stay out of its norm
FRONT = ("全县", "全市", "全省", "全区", "全旗", "各级", "各")

_HAN = rx.compile(r"\p{Han}")
_PHASE = regex.compile(r"[（(][一二三四五六七八九十\d]{1,3}期[)）]")
_NUMERAL = r"(?:[\d.．０-９]{1,12}|[一二三四五六七八九十百千万两几数多首]{1,6})"
_CLASSIFIERS = "个所家座批类支"
#: a kind of institution being counted is not one body (新增10个…学院, …学校304所)
_COUNT_BEFORE = regex.compile(_NUMERAL + r"[余多]?[" + _CLASSIFIERS + "级]$")
_COUNT_AFTER = regex.compile(_NUMERAL + r"[余多]?[" + _CLASSIFIERS + "]")
#: a numeral with a classifier or a grade ends a name's core (建设一批 | 零碳工厂, 三级 | 医院)
_QUANTITY_ENDS = _CLASSIFIERS + "级些大吨"
_QUANTITY_STOP = regex.compile(r"[\d一二三四五六七八九十百千万亿两几多每这那首][" + _QUANTITY_ENDS + "]$")
#: a known name followed by the rest of a regulation's title is part of that title
_TITLE_TAIL = regex.compile(r"\p{Han}{0,10}?(?:条例|章程|准则)")


@dataclass(frozen=True, slots=True)
class Head:
    text: str
    needs: frozenset[str]
    #: "none", "free", "phrase" or "prefixed" (see org_heads.tsv)
    core: str
    blocked_after: str

    @property
    def institution(self) -> bool:
        """Institutions and enterprises, which may also name a kind or a facility."""
        return "free" in self.needs or ("domain" in self.needs and self.core != "none")

    @property
    def government(self) -> bool:
        """Party and government bodies, whose cores are short and never verb phrases."""
        return "prefix" in self.needs and "free" not in self.needs


@dataclass(slots=True)
class Candidate:
    """An organization found in the normalized text, before it becomes a record."""

    start: int
    end: int
    norm: str
    rule: str
    level: str | None = None
    canonical: str | None = None
    #: end of the level or place prefix, when the name has one (镇 of 镇党委)
    prefix_end: int | None = None


class Prefix(NamedTuple):
    """A chain of level, place and national prefixes (呼伦贝尔市海拉尔区, 中共上海市)."""

    start: int
    end: int
    level: str | None


# -- lexicons ----------------------------------------------------------------------------------


def _paren_variants(word: str) -> list[str]:
    """A lexicon entry written with ASCII parentheses, also with full-width ones.

    >>> _paren_variants("乡(镇)")
    ['乡(镇)', '乡（镇）']
    >>> _paren_variants("县")
    ['县']
    """
    if "(" not in word:
        return [word]
    return [word, word.replace("(", "（").replace(")", "）")]


_trie_pattern = lexicons.trie_pattern


def _longest_first(words: object) -> list[str]:
    return sorted(set(words), key=len, reverse=True)  # type: ignore[call-overload]


class WordList:
    """A set of words with, for each last character, the lengths of the words that end in it,
    so that finding the words that end at a position costs one lookup where none does.

    >>> WordList(["县委", "委", "党委"]).lengths("在县委", 3)
    [2, 1]
    """

    def __init__(self, words: object) -> None:
        self.words = frozenset(words)  # type: ignore[arg-type]
        by_last: dict[str, set[int]] = {}
        for w in self.words:
            if w:
                by_last.setdefault(w[-1], set()).add(len(w))
        self._by_last = {ch: tuple(sorted(ns, reverse=True)) for ch, ns in by_last.items()}

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def lengths(self, text: str, p: int) -> list[int]:
        """Lengths of the words of this list that end at ``p`` in ``text``, longest first."""
        if p == 0:
            return []
        ns = self._by_last.get(text[p - 1])
        if ns is None:
            return []
        return [k for k in ns if k <= p and text[p - k : p] in self.words]

    def longest(self, text: str, p: int) -> int:
        """Length of the longest word ending at ``p``, or 0 (the first of :meth:`lengths`, without
        building the list: this is asked some 20,000 times a corpus pass)."""
        ns = self._by_last.get(text[p - 1]) if p else None
        if ns is not None:
            words = self.words
            for k in ns:
                if k <= p and text[p - k : p] in words:
                    return k
        return 0


class Lexicon:
    """The organization lexicons of ``wfltext/lexicons/org_*``, loaded once."""

    def __init__(self) -> None:
        self.levels: dict[str, str] = {}
        for prefix, level in lexicons.table("org_levels.tsv"):
            for v in _paren_variants(prefix):
                self.levels[v] = level
        self.national: dict[str, str | None] = {
            row[0]: (row[1] if len(row) > 1 and row[1] else None)
            for row in lexicons.table("org_national.tsv")
        }
        self.heads: dict[str, Head] = {}
        for row in lexicons.table("org_heads.tsv"):
            blocked = row[3] if len(row) > 3 else ""
            self.heads[row[0]] = Head(row[0], frozenset(row[1].split(",")), row[2], blocked)
        company = self.heads["公司"]
        for form in lexicons.entries("org_legal_forms.txt"):
            self.heads.setdefault(form, Head(form, company.needs, company.core, company.blocked_after))
        self.names: dict[str, tuple[str | None, str]] = {
            row[0]: (row[1] or None, row[2]) for row in lexicons.table("org_names.tsv")
        }
        self.domains = frozenset(lexicons.entries("org_domains.txt"))
        self.abbreviations = {row[0]: row[1] for row in lexicons.table("org_abbreviations.tsv")}
        self.type_words = frozenset(lexicons.entries("org_type_words.txt"))
        generic = lexicons.table("org_generic_cores.tsv")
        self.generic_whole = frozenset(row[0] for row in generic)
        self.generic_end = tuple(_longest_first(row[0] for row in generic if row[1] == "end"))
        #: stop word -> kind: "hard", "soft" (和, 与) or "verb" (建设, 发展)
        self.stops: dict[str, str] = {
            row[0]: (row[1] if len(row) > 1 and row[1] else "hard")
            for row in lexicons.table("org_stopwords.tsv")
        }
        self.level_blockers = frozenset(lexicons.entries("org_level_blockers.txt"))
        self.own_places = frozenset(lexicons.entries("org_places.txt"))
        self.facility_followers = tuple(_longest_first(lexicons.entries("org_facility_followers.txt")))
        self.conjuncts = {row[0]: row[1] for row in lexicons.table("org_conjuncts.tsv")}

        # heads and names as one trie-shaped pattern: at each position the longest one matches
        self.head_re = regex.compile(_trie_pattern([*self.heads, *self.names]))
        # the same at every position, overlapping: each match takes the one character a head
        # starts with and holds, in group 1, the head starting there (a look-behind over it that
        # looks ahead). Speed: the standard engine skips in C to the next character of a leading
        # class, while a bare (?=(…)) is tried at every position (0.105 -> 0.025 s on the corpus);
        # it scans faster than ``regex`` with ``overlapped=True`` too
        words = (*self.heads, *self.names)
        firsts = re.escape("".join(sorted({w[0] for w in words}))) if words and all(words) else ""
        self.heads_everywhere = re.compile(
            f"[{firsts}](?<=(?=({self.head_re.pattern})).)" if firsts else f"(?=({self.head_re.pattern}))"
        )
        # the heads any name may stand in front of (讲师团, 服务队, 学校 …), as one alternation
        self.free_heads = re.compile(_trie_pattern([w for w, h in self.heads.items() if "free" in h.needs]))
        self.coord_re = regex.compile(
            _trie_pattern([w for w, (_, use) in self.names.items() if use == "coord"] or ["\0"])
        )
        chars = "".join(map(regex.escape, self.conjuncts))
        self.conjunct_re = regex.compile(r"[%s](?:、[%s]){2,7}" % (chars, chars))

        function_chars = frozenset(w for w in self.stops if len(w) == 1)
        words = _dictionary_words(function_chars)
        # the prefecture- and county-level divisions with their level word (周至县, 保定市): places,
        # never the tail of another word (jieba tags 周至县 a person's name); as with jieba's place
        # names, none that starts with a function word (和平区 would swallow the 和 of 县委和平区…)
        self.gazetteer = frozenset(w for w in lexicons.entries("org_gazetteer.txt") if w[0] not in function_chars)
        self.places = words.places | self.own_places | self.gazetteer
        self.level_tails = words.level_tails - self.gazetteer
        self.verbs = words.verbs - self.domains
        self.descriptive = words.descriptive
        self.common_nouns = words.common_nouns
        self.not_names = frozenset(lexicons.entries("org_not_names.txt"))
        # indexed by last character: most positions end no word, and one lookup says so (this
        # keeps adversarial input such as a megabyte of 委 fast)
        self.level_list = WordList(self.levels)
        self.national_list = WordList(self.national)
        self.place_list = WordList(w for w in self.places if len(w) <= MAX_PLACE)
        self.stop_list = WordList(self.stops)
        self.verb_list = WordList(self.verbs)
        self.domain_list = WordList(self.domains)
        self.head_list = WordList(self.heads)
        self.quantity_ends = frozenset(_QUANTITY_ENDS)


class DictionaryWords(NamedTuple):
    places: frozenset[str]
    level_tails: frozenset[str]
    verbs: frozenset[str]
    descriptive: frozenset[str]
    common_nouns: frozenset[str]


@lru_cache(maxsize=1)
def _dictionary_words(function_chars: frozenset[str]) -> DictionaryWords:
    """What organizations need from jieba's dictionary, kept on disk between processes
    (:func:`wfltext.tokenize.dictionary_table`)."""
    key = (sorted(function_chars), LEVEL_CHARS, sorted(_DESCRIPTIVE_TAGS), "common nouns 1")
    return DictionaryWords(*dictionary_table("organization-words", lambda: tuple(_read_dictionary_words(function_chars)), *key))


def _read_dictionary_words(function_chars: frozenset[str]) -> DictionaryWords:
    """What organizations need from jieba's dictionary (read once, about 0.3 s).

    - places: ``ns`` words that do not start with a function word (和县 would swallow the 和 of
      县委和县政府); two-character ones that end in a level character (城市, 上市, 新区 are
      tagged ``ns`` too) count as level tails instead;
    - level tails: words of two or three characters that end in a level character (城市, 园区,
      开发区), which make that character the tail of a word rather than a prefix;
    - verbs: ``v``, ``vd``, ``d`` and ``ad`` words of two to four characters (加快, 确保) seen at
      least 50 times (rarer entries are segmentation debris such as 青少);
    - descriptive words: common (20 or more) adjectives, verbs, adverbs, numerals and pronouns of
      two or three characters (优秀, 奋斗), which are not the name of a village or town (优秀 | 村妇代会);
    - common nouns: nouns of two or three characters seen 100 times or more (基层, 农村), which
      are no unknown place's name before 妇联 or 总工会.
    """
    import jieba

    places: set[str] = set()
    tails: set[str] = set()
    verbs: set[str] = set()
    descriptive: set[str] = set()
    nouns: set[str] = set()
    with jieba.Tokenizer().get_dict_file() as f:
        for raw in f:
            parts = raw.decode("utf-8").split()
            if len(parts) < 3:
                continue
            word, tag = parts[0], parts[2]
            if tag == "ns" and len(word) >= 2 and word[0] not in function_chars:
                if word[-1] in LEVEL_CHARS and len(word) == 2:
                    tails.add(word)
                else:
                    places.add(word)
            elif word[-1] in LEVEL_CHARS and 2 <= len(word) <= 3:
                tails.add(word)
            if tag in ("v", "vd", "d", "ad") and 2 <= len(word) <= 4 and int(parts[1]) >= 50:
                verbs.add(word)
            if tag in _DESCRIPTIVE_TAGS and 2 <= len(word) <= 3 and int(parts[1]) >= 20:
                descriptive.add(word)
            if tag in ("n", "vn", "nz", "s") and 2 <= len(word) <= 3 and int(parts[1]) >= 100:
                nouns.add(word)
    return DictionaryWords(
        frozenset(places), frozenset(tails), frozenset(verbs), frozenset(descriptive), frozenset(nouns)
    )


_DESCRIPTIVE_TAGS = frozenset("a ad an v vd vn d m r p c u f t b q".split())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()


# -- the scanner -------------------------------------------------------------------------------


#: "our" and "this" before a level word: 我镇妇联 is the report's own 镇妇联
_OWN = frozenset("我本")
#: 各 (each) and 该 (the said) before a one-character level word that a head follows
_EACH_OR_THAT = frozenset("各该該")
#: words that end in 该 and are no determiner (应该县妇联牵头 is rare, but 应该 is a word)
_NOT_EACH_OR_THAT = frozenset(("应该", "應該", "活该", "活該", "合该"))
#: level words of a place inside a name's core (我区 + 分路口镇分路口 + 小学)
_OWN_PLACE_UNITS = ("镇", "乡", "街道", "村", "社区")
#: what may follow a short name (省总, 市总) that also begins longer words (市总体规划, 县总人口)
_SHORT_NAME_END = regex.compile(
    r"$|[的和与及、，。；：！？,;:!?（()）”\s]|(?:下达|下发|领导|安排|部署|要求|指导|组织|召开|表彰|批示|主要|关于|党组|等|授予|命名|在|支持|号召|印发)"
)
#: heads of the mass organizations a report's place names (旬阳妇联, 柳溪总工会)
_MASS_HEADS = frozenset(("妇联", "总工会", "团委", "残联", "关工委", "妇委会", "科协", "侨联", "文联"))
#: what may stand right before such a name: a pause, a line's start or a preposition (a quote
#: opens a brand: “书香妇联”; a character inside a word is no start: 有限公司妇委会)
_LOCAL_NAME_AFTER = frozenset("，。；：！？、,;:!?)）】\n \t\u3000在由和与及向对经据为是")
#: level words of a county or a city whose unknown name may stand before them (点军区)
_COUNTY_LEVELS = frozenset("县区市旗")
#: what may stand right before such a name: a pause or a line's start
_COUNTY_NAME_AFTER = frozenset("，。；：！？、,;:!?)）】\n \t\u3000")
_MASK_CHARS = MASK_CHARS
_MASKED_PLACE = regex.compile(rf"(?<![A-Za-z0-9])(?:[{_MASK_CHARS}]{{1,6}}|某{{1,3}})$")
#: a report's genre word ending a title (…工作总结, …述职报告), found with a search that ends there
_TITLE_GENRE_END = regex.compile(r"(?:工作总结|工作计划|工作汇报|工作报告|述职报告|年度总结|年终总结|工作要点)$")


class _Scanner:
    """Lookups in one normalized text, each ending at a position ``p``."""

    def __init__(self, text: str, lex: Lexicon, places: tuple[str, ...] = ()) -> None:
        self.text = text
        self.lex = lex
        #: accepted candidates by end offset, for organizations in front of a head (县委 + 组织部)
        self.by_end: dict[int, Candidate] = {}
        #: the report's own place names without their unit (桐岭 of 桐岭县), longest first: a
        #: county or town the place list cannot know, read from the report's title and body
        self.places = tuple(sorted(places, key=len, reverse=True))

    def _place_before(self, p: int) -> int | None:
        """Start of the longest place name ending at ``p``."""
        k = self.lex.place_list.longest(self.text, p)
        for name in self.places:
            if len(name) > k and self.text.startswith(name, p - len(name)) and p >= len(name):
                k = len(name)
                break
        if not k or self.text[p - 1] in _MASK_CHARS or self.text[p - 1] == "某":
            # a place name a template site masked (××镇, XX县, **市, ×××街道, 某县) is still a
            # place name, however many marks stand for it
            m = _MASKED_PLACE.search(self.text, max(0, p - 8), p)
            if m is not None and m.end() == p:
                k = max(k, p - m.start())
        return p - k if k else None

    def masked_place_before(self, p: int) -> int | None:
        """Start of a run of mask marks ending at ``p`` that stands for a place (XX, ×××, 某),
        not after a letter or a digit (20XX, COVID-X)."""
        if p == 0 or (self.text[p - 1] not in _MASK_CHARS and self.text[p - 1] != "某"):
            return None
        m = _MASKED_PLACE.search(self.text, max(0, p - 8), p)
        return m.start() if m is not None and m.end() == p else None

    def level_blocked(self, p: int) -> bool:
        """The one-character level word ending at ``p`` is part of another phrase (全县, 市县),
        unless the character in front ends a longer stop word (健全 | 村务监督委员会)."""
        text = self.text
        if p < 2 or text[p - 1] not in LEVEL_CHARS or text[p - 2] not in self.lex.level_blockers:
            return False
        if text[p - 2] in _OWN:
            # 我镇妇联, 本县总工会: the report's own body, named by its level (the head follows,
            # since levels are read leftwards from a head); 我县 alone names no body
            return False
        if text[p - 2] in _EACH_OR_THAT and text[p - 3 : p - 1] not in _NOT_EACH_OR_THAT:
            # 各县妇联, 该区妇联, 各村团支部: every body of the level, or the one just named, by its
            # level (各 stays out of a name, as in 各乡镇残联); the tokenizer's 各县, 该区 hid the
            # level word. 全县妇联 still gives none (a type word once 全县 is dropped)
            return False
        stop = self.stop_before(p - 1)
        return stop is None or stop[0] < 2

    def level_unit(self, p: int) -> tuple[int, str] | None:
        """A level word, with the place name in front of it if any, ending at ``p``."""
        text, lex = self.text, self.lex
        for k in lex.level_list.lengths(text, p):
            word = text[p - k : p]
            level = lex.levels[word]
            s = p - k
            place = self._place_before(s)
            if place is not None:
                return place, level
            if k == 1 and word in LEVEL_CHARS:
                # a place name that carries its level (海拉尔区, 呼伦贝尔市)
                j = lex.place_list.longest(text, p)
                if j > 2:
                    return p - j, level
                if self.level_blocked(p):
                    return None
                # 进村“两委”, 健全村务监督委员会: after a function word or a verb the level word
                # starts a name
                after_function_word = s > 0 and (
                    text[s - 1] in lex.stops or (stop := self.stop_before(s)) is not None and stop[0] >= 2
                )
                if not after_function_word and any(
                    text[p - j : p] in lex.level_tails for j in (2, 3) if p >= j
                ):
                    return None
            if word in LOCAL_LEVELS:
                s = self._local_name(s, strict=len(word) == 1)
            elif word in _COUNTY_LEVELS:
                s = self._county_name(s)
            return s, level
        return None

    def _local_name(self, p: int, strict: bool) -> int:
        """Start of a short name in front of a level word at ``p`` (胜利 + 社区, 柳溪 + 镇): two or
        three Chinese characters after punctuation or a stop word; else ``p``. In front of a
        one-character level word (``strict``) a common adjective or verb is no name (优秀 + 村)."""
        text = self.text
        for k in (2, 3):
            s = p - k
            if s < 0 or not all(_HAN.match(ch) for ch in text[s:p]):
                return p
            if any(self.stop_before(q) is not None for q in range(s + 1, p + 1)):
                return p
            if text[s:p] in self.lex.not_names:
                return p
            if strict and text[s:p] in self.lex.descriptive:
                continue
            if s == 0 or not _HAN.match(text[s - 1]) or self.stop_before(s) is not None or self.after_date_or_title(s):
                return s
        return p

    def after_date_or_title(self, p: int) -> bool:
        """A date (20XX年, 3月, 5日) or a report's genre (…工作总结, …述职报告) ends at ``p``: a
        name may start there (2019年点军区妇联; a title run on into its first line:
        …妇女儿童工作总结海尾社区妇联)."""
        text = self.text
        if p >= 3 and text.startswith("年度", p - 2):
            p -= 1
        if p >= 2 and text[p - 1] in "年月日" and (text[p - 2].isdigit() or text[p - 2] in _MASK_CHARS):
            return True
        return _TITLE_GENRE_END.search(text, max(0, p - 4), p) is not None

    def _county_name(self, p: int) -> int:
        """Start of a two-character name no place list knows in front of 县, 区, 市 or 旗 at ``p``
        (点军 + 区总工会), right after a pause or a line's start; else ``p``. A common noun, a
        descriptive word or a word with a function character is no name (基层, 全县)."""
        text = self.text
        s = p - 2
        if s < 0 or not all(_HAN.match(ch) for ch in text[s:p]):
            return p
        if s > 0 and text[s - 1] not in _COUNTY_NAME_AFTER and self.stop_before(s) is None and not self.after_date_or_title(s):
            return p
        if not self.could_be_a_name(text[s:p]) or any(self.stop_before(q) is not None for q in range(s + 1, p + 1)):
            return p
        return s

    def could_be_a_name(self, word: str) -> bool:
        """Whether a run of characters no place list knows may be a place's name: no common noun,
        descriptive word, verb or listed non-name (基层, 全县), and no function character."""
        lex = self.lex
        return not (word in lex.common_nouns or word in lex.descriptive or word in lex.not_names or word in lex.verbs
                    or any(ch in lex.stops or ch in lex.level_blockers for ch in word))

    def national_unit(self, p: int) -> tuple[int, str | None] | None:
        k = self.lex.national_list.longest(self.text, p)
        return (p - k, self.lex.national[self.text[p - k : p]]) if k else None

    def prefix_chain(self, p: int) -> Prefix | None:
        """The chain of level, place and national prefixes ending at ``p``; its level is that
        of the innermost level word."""
        start, level, found = p, None, False
        while start > 0:
            unit = self.level_unit(start) or self.national_unit(start)
            if unit is None:
                break
            if level is None:
                level = unit[1]
            start, found = unit[0], True
        return Prefix(start, p, level) if found else None

    def stop_before(self, p: int) -> tuple[int, str] | None:
        """The longest stop word ending at ``p``: (its length, kind). Kinds: "hard"; "soft" (和,
        与, 及); "verb" for the verbs of the dictionary; a numeral with a classifier is hard."""
        text, lex = self.text, self.lex
        if p == 0:
            return None
        if text[p - 1] in lex.quantity_ends and _QUANTITY_STOP.search(text, max(0, p - 2), p):
            return 1, "hard"
        k = lex.stop_list.longest(text, p)
        v = lex.verb_list.longest(text, p)
        if v > k:
            return v, "verb"  # 促进 over the 进 of 进村
        return (k, lex.stops[text[p - k : p]]) if k else None

    def place_at_boundary(self, p: int) -> int | None:
        """Start of a place name ending at ``p`` that starts a word (宁夏 of 宁夏警官职业学院)."""
        text = self.text
        for k in self.lex.place_list.lengths(text, p):
            s = p - k
            if k >= 2 and (s == 0 or not _HAN.match(text[s - 1]) or self.stop_before(s) is not None):
                return s
        return None

    def head_before(self, p: int) -> bool:
        """The head of a whole body (not a department's 中心, 机关) ends at ``p``: a name does
        not reach back over it (各级党委和政府, 人工智能学院 | 深圳河套学院)."""
        text, heads = self.text, self.lex.heads
        for k in self.lex.head_list.lengths(text, p):
            head = heads[text[p - k : p]]
            if k >= 2 and (head.government or "free" in head.needs):
                return True
        return False

    def walk_left(self, p: int, head: Head) -> tuple[int, Prefix | None, Candidate | None]:
        """Walk left from ``p`` over a name's core: (where the name starts, the prefix chain in
        front of the core if one is reached, the organization in front of it if one is reached).

        The walk stops at a character that is not Chinese, at a stop word or verb, at another
        organization or Party or government head, or after the longest core (then the start is
        -1: no clear boundary). Soft stop words (和, 与; verbs in front of a committee) are
        crossed only when a prefix chain lies beyond them.
        """
        text = self.text
        limit = MAX_PREFIX_CORE if head.government else MAX_CORE
        phrase = head.core == "phrase"
        q = p
        soft_at: int | None = None
        crossed_verb = False
        while True:
            org = self.by_end.get(q)
            if org is not None and q < p:
                return (q if soft_at is None else soft_at), None, org
            chain = self.prefix_chain(q)
            if chain is None and "free" in head.needs and q < p:
                place = self.place_at_boundary(q)
                if place is not None:
                    chain = Prefix(place, q, None)
            if chain is not None:
                # 县实现 | 特殊教育学校: past a verb only a place name starts a name, a bare
                # level word does not
                if crossed_verb and not phrase and text[chain.start : chain.end] in self.lex.levels:
                    break
                return chain.start, chain, None
            if q == 0 or not _HAN.match(text[q - 1]) or self.head_before(q):
                break
            if p - q >= limit:
                return (-1 if soft_at is None else soft_at), None, None
            if self.level_blocked(q):
                break
            stop = self.stop_before(q)
            if stop is not None:
                k, kind = stop
                if kind == "verb" and phrase:
                    q -= 1  # a committee's name may be a verb phrase: 城市规划建设管理委员会
                    continue
                if kind == "hard" or head.government:
                    break
                if kind == "verb" and not (phrase or "free" in head.needs):
                    break
                crossed_verb = crossed_verb or kind == "verb"
                if soft_at is None:
                    soft_at = q
                q -= k
                continue
            q -= 1
        return (q if soft_at is None else soft_at), None, None

    def domain_before(self, p: int) -> int | None:
        k = self.lex.domain_list.longest(self.text, p)
        return p - k if k else None

    def parent_before(self, p: int) -> int | None:
        """Start of a bare Party or government head ending at ``p`` (党委 of 党委农村工作部门)."""
        text = self.text
        for k in (3, 2):
            head = self.lex.heads.get(text[p - k : p]) if p >= k else None
            if head is not None and head.government:
                return p - k
        return None


# -- rules -------------------------------------------------------------------------------------


def _strip_front(norm: str) -> str:
    """Drop 全县/各级/各 in front of a norm.

    >>> _strip_front("各乡镇妇联")
    '乡镇妇联'
    """
    for f in FRONT:
        if norm.startswith(f) and len(norm) > len(f):
            return norm[len(f) :]
    return norm


def _canonical(norm: str, lex: Lexicon) -> str | None:
    """The full form of a name that ends in an abbreviation (县综治办 → 县社会治安综合治理办公室).

    >>> _canonical("县综治办", lexicon())
    '县社会治安综合治理办公室'
    >>> _canonical("县预防和制止家庭暴力领导小组", lexicon()) is None
    True
    """
    for k in range(min(len(norm), 8), 1, -1):
        full = lex.abbreviations.get(norm[-k:])
        if full is not None:
            return norm[:-k] + full
    return None


def _is_facility(text: str, end: int, lex: Lexicon) -> bool:
    """A facility being built, not a body: 大数据中心（一期）工程, 培训中心项目."""
    rest = text[end : end + 8]
    return bool(_PHASE.match(rest)) or rest.startswith(lex.facility_followers)


def _is_counted(text: str, start: int, end: int) -> bool:
    """A kind of institution being counted, not one body: 新增10个现代产业学院, 示范学校304所.

    >>> _is_counted("新增10个现代产业学院", 5, 11)
    True
    >>> _is_counted("双良集团集中供热", 0, 4)
    False
    """
    return bool(
        _COUNT_BEFORE.search(text, max(0, start - 14), start)
        or _COUNT_AFTER.match(text, end, end + 14)
    )


def _is_generic(core: str, lex: Lexicon) -> bool:
    """A core that describes a kind of body (职业 + 学校, 国有控股上市 + 公司).

    >>> _is_generic("本科层次职业", lexicon()), _is_generic("家庭教育", lexicon())
    (True, False)
    """
    return core in lex.generic_whole or core.endswith(lex.generic_end)


#: heads of a body's sections that take a name only after the body's (市妇联权益部, 市妇联考核办,
#: 镇党委理论学习中心组): without the body in front, 发展部 or 考核办 names no one section
_SECTION_HEADS = frozenset(("部", "办", "中心组"))
#: words that end in such a head and name no section (县妇联全部干部, 县妇联积极举办…)
_NOT_SECTIONS = frozenset((
    "干部", "全部", "内部", "外部", "局部", "总部", "本部", "东部", "西部", "南部", "北部", "中部", "上部",
    "下部", "底部", "顶部", "头部", "腹部", "胸部", "俱乐部", "举办", "主办", "承办", "协办", "开办", "创办",
    "兴办", "合办", "代办", "督办", "交办", "申办", "筹办", "包办", "领办", "查办", "催办", "联办",
))
#: one-character verbs that open a clause after a body, not a section's name (县妇联设组宣部、城乡部:
#: the federation set up its sections); a head before 长 opens a title (组织部副部长)
_SECTION_NOT_FIRST = frozenset("设建有辖含属下")
#: a section is named, not counted (湘禾建筑工程有限公司一线项目部 is a team at work, no section)
_NUMERAL_CHARS = frozenset("一二两三四五六七八九十百千")
#: the shortest and the longest name of such a section
_SECTION_CORE = (2, 4)
_HAN_WORD = regex.compile(r"\p{Han}+")


class _Builder:
    """Makes candidates for one text, rejecting type words and generic kinds."""

    def __init__(self, sc: _Scanner) -> None:
        self.sc = sc
        self.lex = sc.lex

    def make(
        self,
        start: int,
        end: int,
        rule: str,
        level: str | None,
        head: str,
        core: str = "",
        prefix_end: int | None = None,
    ) -> Candidate | None:
        text, lex = self.sc.text, self.lex
        norm = _strip_front(canonical(text[start:end]))
        if norm in lex.type_words or norm == head:
            return None
        # a place name makes a name of a kind word: 宁夏警官职业学院 (but 省外三甲医院,
        # 中国特色高水平高职学校)
        prefix = text[start:prefix_end] if prefix_end is not None else ""
        named = bool(prefix) and prefix not in lex.levels and prefix not in lex.national
        # (a section of a named body may have a generic name: 市残联综合科, 市妇联发展部)
        if core and rule != "part of an organization" and (core in lex.generic_whole or not named and _is_generic(core, lex)):
            return None
        return Candidate(start, end, norm, rule, level, _canonical(norm, self.lex), prefix_end)

    def section(self, hs: int, he: int, word: str) -> Candidate | None:
        """A section of the body named right before it, with a name of its own (市妇联权益部,
        市妇联考核办, 团省委学校部, 镇党委理论学习中心组): two to four Chinese characters between the
        body and a head that takes no core on its own (``_SECTION_HEADS``), not opening with a verb,
        holding no stop word or numeral, not a word that ends in the head (``_NOT_SECTIONS``) and not
        before 长 (副部长: a title)."""
        sc, lex = self.sc, self.lex
        for q in range(hs - _SECTION_CORE[0], hs - _SECTION_CORE[1] - 1, -1):
            org = sc.by_end.get(q)
            if org is None:
                continue
            core = sc.text[q:hs]
            if not _HAN_WORD.fullmatch(core) or any(ch in lex.stops for ch in core) or self._leading_verb(core) \
                    or sc.text[hs - 1 : he] in _NOT_SECTIONS or core in lex.generic_whole \
                    or core[0] in _SECTION_NOT_FIRST or sc.text.startswith("长", he) \
                    or any(ch in _NUMERAL_CHARS for ch in core):
                return None
            return self.make(org.start, he, "part of an organization", org.level, word, core)
        return None

    def from_name(self, hs: int, he: int) -> Candidate | None:
        text, word = self.sc.text, self.sc.text[hs:he]
        level, use = self.lex.names[word]
        if use == "short" and not _SHORT_NAME_END.match(text, he):
            return None
        if use not in ("alone", "short") or _TITLE_TAIL.match(text, he, he + 14) or text.startswith("人", he):
            return None
        s, e = hs, he
        # a quoted known name keeps its quotes in the span: 村“两委”
        if s > 0 and text[s - 1] == "“" and e < len(text) and text[e] == "”":
            s, e = s - 1, e + 1
        if level not in ("中央", "国际") and use != "short":
            chain = self.sc.prefix_chain(s)
            if chain is not None:
                return self.make(chain.start, e, "prefixed known name", chain.level or level, "", prefix_end=s)
        return self.make(s, e, "known name", level, "")

    def from_head(self, hs: int, he: int) -> Candidate | None:
        """The organization whose head is ``text[hs:he]``, if what stands in front makes one."""
        sc, text = self.sc, self.sc.text
        word = text[hs:he]
        if word in self.lex.names:
            return self.from_name(hs, he)
        head = self.lex.heads[word]
        if he < len(text) and text[he] in head.blocked_after:
            return None
        if he - hs == 1 and hs > 0 and text[hs - 1] == word:
            # 宣传部|部长, 教育局|局长, 工作处|处长: a body's head character written again opens
            # its head's title, no unit of the body (宣传部部)
            return None
        needs = head.needs
        if "bare" in needs:
            # XX团区委, 沅江团市委: a place (masked or known) in front of the league's committee
            # of a level is part of its name
            place = sc.masked_place_before(hs)
            if place is None:
                place = sc.place_at_boundary(hs)
            if place is not None:
                return self.make(place, he, "place and known name", None, "", prefix_end=hs)
            return self.make(hs, he, "known name", None, "")

        ds = sc.domain_before(hs) if "domain" in needs else None
        inner = hs if ds is None else ds
        if ds is not None or "org" in needs:
            org = sc.by_end.get(inner)
            if org is not None:
                if len(word) >= 2 and org.norm.endswith(word):
                    # 市总工会 | 工会工作计划, 镇党委 | 党委书记: the body's own head written again
                    # opens the topic or the title after it, no unit of the body
                    return None
                return self.make(org.start, he, "part of an organization", org.level, word)
            if ds is None and head.core == "none" and word in _SECTION_HEADS:
                return self.section(hs, he, word)
        chain = sc.prefix_chain(inner)
        if chain is None and ds is None and inner == hs and needs & {"prefix", "adjacent"}:
            # XXX妇女联合会, X妇联, XX共青团, X委: a place a template site masked whole, with no
            # level word left, before a body that needs a prefix; and a known place before the
            # youth league (山东共青团)
            place = sc.masked_place_before(inner)
            if place is None and word == "共青团":
                place = sc.place_at_boundary(inner)
            if place is not None:
                chain = Prefix(place, inner, None)
        if chain is None and ds is None and word in _MASS_HEADS and inner == hs:
            # 旬阳妇联, 柳溪总工会: a short name no place list knows, right before the head of a
            # mass organization and after a pause or a word that ends a clause, is a place
            s = sc._local_name(inner, strict=True)
            name = text[s:inner]
            if (
                s < inner
                and name not in self.lex.levels
                and not any(name[k:] in self.lex.common_nouns for k in range(len(name) - 1))
                and (s == 0 or text[s - 1] in _LOCAL_NAME_AFTER)
            ):
                return self.make(s, he, "local name and head", None, word, prefix_end=inner)
        if chain is not None and (ds is not None or needs & {"adjacent", "prefix", "free"}):
            if head.institution and (
                text[inner - 1] == "级" or text[chain.start : inner] in _KIND_LEVELS
            ):
                # 国家级绿色工厂, 市级医院: a rating, not the level of one body; 社区卫生服务中心,
                # 乡镇卫生院: every community's or township's institution, a kind
                return None
            rule = "prefixed department" if ds is not None else "level prefix and head"
            return self.make(chain.start, he, rule, chain.level, word, prefix_end=inner)
        if ds is not None:
            parent = sc.parent_before(ds)
            if parent is not None:
                return self.make(parent, he, "department of a Party or government body", None, word)
            if head.core == "none":
                return self.make(ds, he, "functional department", None, word)
        if head.core == "none" or (ds is None and not needs & {"prefix", "free", "org"}):
            return None
        if head.core == "prefixed" and ds is None:
            return None

        start, chain, org = sc.walk_left(inner, head)
        if chain is not None and ds is None and not needs & {"prefix", "free"}:
            chain = None  # 区域物流 | 中心: a center needs its domain; a prefix is not enough
            start = -1
        if chain is not None:
            if head.institution and (
                text[chain.end - 1] == "级" or text[chain.start : chain.end] in _KIND_LEVELS
            ):
                return None
            core = text[chain.end : inner]
            if chain.end - chain.start == 1 and chain.start > 0 and text[chain.start - 1] in _OWN \
                    and len(core) >= 3 and any(unit in core[1:] for unit in _OWN_PLACE_UNITS):
                # 在我区分路口镇分路口小学: 我区 is the report's district; the place after it names
                # the body
                return self.make(chain.end, he, "named body after the report's own level", None, word, core)
            return self.make(
                chain.start, he, "level prefix, core and head", chain.level, word, core, chain.end
            )
        if org is not None and start == org.end and needs & {"org", "free"}:
            core = text[org.end : inner]
            return self.make(org.start, he, "part of an organization", org.level, word, core)
        if start < 0:
            return None
        core = text[start:inner]
        if ds is not None:
            if head.core == "prefixed":
                return None
            parent = sc.parent_before(start)
            if parent is not None:
                # 妇联 + 维权服务中心: a center of a Party or government body
                return self.make(parent, he, "department of a Party or government body", None, word)
            return self.make(start, he, "named department", None, word, core)
        if head.core == "phrase":
            # 依法赋予 | 监察委员会: without a prefix, a verb that opens the core governs the name
            while (k := self._leading_verb(core)) and len(core) - k >= 2:
                start, core = start + k, core[k:]
        if "free" not in needs or len(core) < 2:
            return None
        return self.make(start, he, "named body", None, word, core)

    def _leading_verb(self, core: str) -> int:
        """Length of the verb a core opens with (赋予 of 赋予监察), or 0."""
        for k in (4, 3, 2):
            word = core[:k]
            if len(word) == k and (word in self.lex.verbs or self.lex.stops.get(word) == "verb"):
                return k
        return 0


#: the rules that read a known name whole (团省委, 团县委, 村“两委”)
_KNOWN_RULES = ("known name", "place and known name")


def _heads(sc: _Scanner) -> list[Candidate]:
    builder = _Builder(sc)
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    # overlapped: a head that starts inside another one is tried too (职工委员会: 工委 and 委员会),
    # unless a longer head ends at the same place (工厂 is tried, its 厂 is not)
    longest_at_end: dict[int, tuple[int, int]] = {}
    for m in sc.lex.heads_everywhere.finditer(sc.text):
        if m.end(1) not in longest_at_end:
            longest_at_end[m.end(1)] = m.span(1)
    for hs, he in sorted(longest_at_end.values()):
        cand = builder.from_head(hs, he)
        if cand is None or (cand.start, cand.end) in seen:
            continue
        seen.add((cand.start, cand.end))
        if out and out[-1].rule in _KNOWN_RULES and cand.rule not in _KNOWN_RULES \
                and out[-1].start < cand.start < out[-1].end < cand.end:
            # 团省委 | 学校部: a level read inside a known name before it (省 of 团省委) starts no
            # other name (省委学校); the unit after the known name is its own (团省委学校部)
            continue
        head = sc.lex.heads.get(sc.text[hs:he])
        if head is not None and head.institution and (
            _is_facility(sc.text, cand.end, sc.lex) or _is_counted(sc.text, cand.start, cand.end)
        ):
            continue
        out.append(cand)
        sc.by_end[cand.end] = cand
    return out


_SHARED_LEVELS = "省市县区旗镇乡"


def _shared_heads(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """组织、民政部门 → 组织 (norm 组织部门): domains in front of a functional department share
    its head."""
    text, lex = sc.text, sc.lex
    out: list[Candidate] = []
    for c in cands:
        if c.rule != "functional department":
            continue
        head = text[c.end - lex.head_list.longest(text, c.end) : c.end]
        p = c.start
        while p > 1 and text[p - 1] in JOINERS:
            ds = sc.domain_before(p - 1)
            if ds is None:
                break
            if ds > 0 and text[ds - 1] in _SHARED_LEVELS and (ds == 1 or not _HAN.match(text[ds - 2]) or sc.stop_before(ds - 1) is not None):
                ds -= 1  # the first domain with its level: 联合县人社、财政、税务部门 → 县人社部门
            elif ds > 0 and _HAN.match(text[ds - 1]) and sc.stop_before(ds) is None:
                break
            norm = text[ds : p - 1] + head
            out.append(Candidate(ds, p - 1, norm, "shared head", None, _canonical(norm, lex)))
            p = ds
    return out


#: a list of bodies closed by 等 and the kind of body it lists (…、教育等相关部门, 农业、林业、畜牧、
#: 计生、卫生等12个县级部门, …、妇联等群团组织): not 等方面, 等领域, 等工作, which list fields of work
_LIST_OF_BODIES = regex.compile(r"等[\p{Han}\d]{0,8}?(?:部门|单位|机关|机构|组织)")
#: where the clause holding a list starts: after its last mark of punctuation (the search runs
#: over at most ``_MAX_LIST`` characters before the closing 等)
_CLAUSE_START = regex.compile(r"[^，。；：！？\n,;:!?（）()]*$")
_MAX_LIST = 120
_ITEM_SEPARATOR = regex.compile(r"、|以及")


def _listed_domains(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """司法、教育、妇联、团委等部门 → 司法 (norm 司法部门), 教育 (教育部门): a bare domain as an item
    of a list of bodies that 等 closes with their kind (``_LIST_OF_BODIES``) is a functional
    department; the record is the domain as written, its norm takes 部门 (as 组织、民政部门 gives
    组织部门). Domains listed as fields of work (科技、教育、文化等方面) are no bodies."""
    text, lex = sc.text, sc.lex
    taken = sorted((c.start, c.end) for c in cands)
    starts = [a for a, _ in taken]
    out: list[Candidate] = []
    # (speed: from each closing 等 back to its clause's start, not through every clause)
    for m in _LIST_OF_BODIES.finditer(text):
        closing = m.start()
        opening = _CLAUSE_START.search(text, max(0, closing - _MAX_LIST), closing)
        cs = opening.start() if opening else closing
        bounds = [cs] + [x.end() for x in _ITEM_SEPARATOR.finditer(text, cs, closing)]
        if len(bounds) < 2 or text.find("等", bounds[-1], closing) >= 0:
            continue
        for n, s in enumerate(bounds):
            e = bounds[n + 1] - (2 if text.startswith("以及", bounds[n + 1] - 2) else 1) if n + 1 < len(bounds) else closing
            ds = sc.domain_before(e)
            if ds is None or e - ds < 2:
                continue
            if ds > s and (n > 0 or sc.stop_before(ds) is None):
                continue  # the first item may open with the verb of the clause (联合法院, 利用司法)
            i = bisect.bisect_right(starts, ds) - 1
            if i >= 0 and taken[i][1] > ds:
                continue  # inside a body already read (人社 of 县人社部门)
            norm = text[ds:e] + "部门"
            out.append(Candidate(ds, e, norm, "domain in a list of bodies", None, _canonical(norm, lex)))
    return out


def _shared_prefixes(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """镇党委、政府 → 政府 (canonical 镇政府): a bare Party or government head after a prefixed
    body is a body of the same place; it stays as written."""
    text, lex = sc.text, sc.lex
    out: list[Candidate] = []
    for c in cands:
        if c.prefix_end is None or c.level is None:
            continue
        prefix = canonical(text[c.start : c.prefix_end])
        p = c.end
        while p < len(text) and text[p] in JOINERS:
            m = lex.head_re.match(text, p + 1)
            head = lex.heads.get(m.group()) if m is not None else None
            if m is None or head is None or not head.government:
                break
            e = m.end()
            if sc.prefix_chain(p + 1) is not None or (e < len(text) and text[e] in head.blocked_after):
                break
            if lex.head_re.match(text, e) is not None:
                break  # 政府 + 办公室: the name goes on
            out.append(Candidate(m.start(), e, m.group(), "shared prefix", c.level, prefix + m.group()))
            p = e
    return out


#: a count of levels between the last level word and the shared head: 省、市、县三级妇联
_LEVEL_COUNT = regex.compile(r"[二两三四五六]级")


#: level words of more than one character that end a series of levels as one character does
#: (省、市、自治区残联; 市、县区妇联)
_LEVEL_WORDS = frozenset(("自治区", "自治州", "自治县", "自治旗", "乡镇", "街道", "社区", "县区", "区县", "县市", "市县"))


def _shared_levels(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """省、市妇联 → 省 (norm 省妇联), 市妇联; 省、市、县三级青年讲师团 → 省, 市 and 县三级青年讲师团
    (norm 县青年讲师团): level words in a series share the head of the body after the last one.
    The earlier ones keep their one character as text, as bare conjuncts do (公、检、法)."""
    text = sc.text
    out: list[Candidate] = []
    for c in cands:
        if c.prefix_end is None or c.end - c.start < 2:
            continue
        prefix = text[c.start : c.prefix_end]
        if not (len(prefix) == 1 and prefix in LEVEL_CHARS and c.level is not None) and prefix not in _LEVEL_WORDS:
            continue  # the prefix is a place name (海拉尔区), not a level word
        rest = c.norm[len(prefix) :]
        p = c.start
        series = []
        while p >= 2 and text[p - 1] == "、" and text[p - 2] in LEVEL_CHARS:
            q = p - 2
            if q > 0 and _HAN.match(text[q - 1]) and sc.stop_before(q) is None and text[q - 1] not in "及和与对":
                break
            series.append(q)
            p = q
        if not series:
            continue
        for q in series:
            norm = text[q] + rest
            out.append(Candidate(q, q + 1, norm, "level sharing a head", text[q], _canonical(norm, sc.lex)))
        # 按照全国、省、市、县妇联安排: the national body of a mass organization heads the series
        q = series[-1]
        if q >= 3 and text[q - 3 : q] == "全国、" and rest in _MASS_HEADS \
                and (q == 3 or not _HAN.match(text[q - 4]) or sc.stop_before(q - 3) is not None):
            norm = "全国" + rest
            out.append(Candidate(q - 3, q - 1, norm, "level sharing a head", "中央", _canonical(norm, sc.lex)))
    return out


#: places listed with 、 before the mass organization's head they share, the last often with 等:
#: 浚县、淇县、淇滨区、山城区、鹤山区等总工会 (each place's 总工会)
_PLACE_LIST = regex.compile(
    r"((?:\p{Han}{1,4}?(?:县|区|市|旗|镇|乡|街道)、){1,9}\p{Han}{1,4}?(?:县|区|市|旗|镇|乡|街道))[ \t]?(等)?"
    r"(总工会|妇联|妇女联合会|团委|残联|关工委|科协|工会)\Z")
#: (speed: the series is read back from such a head, found first, after a place's level word)
_PLACE_HEAD = regex.compile(r"(?<=[县区市旗镇乡道][ \t]?等?)(?:总工会|妇联|妇女联合会|团委|残联|关工委|科协|工会)")
_NOT_A_PLACE_START = ("全", "各", "每", "本", "我", "该", "这", "其", "市县", "县区", "区县")


def _places_sharing_a_head(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """浚县、淇县、淇滨区、山城区、鹤山区等总工会 → 浚县 (norm 浚县总工会), 淇县, …, 鹤山区等总工会 (norm
    鹤山区总工会): places in a series share the head of the mass organization after the last one,
    as level words do (省、市妇联). Each place is a name of one to four characters and its level
    word, after a pause or a stop word; a series that starts with 全, 各 or 我 names no place."""
    text = sc.text
    taken = {(c.start, c.end) for c in cands}
    out: list[Candidate] = []
    matches = []
    for h in _PLACE_HEAD.finditer(text):
        lo = max(0, h.start() - 60)
        if "、" in text[lo : h.start()] and (m := _PLACE_LIST.search(text, lo, h.end())) is not None:
            matches.append(m)
    for m in matches:
        s = m.start(1)
        if s > 0 and _HAN.match(text[s - 1]) and sc.stop_before(s) is None:
            continue  # the first place's name is not clear
        items, pos = [], s
        for item in m.group(1).split("、"):
            items.append((pos, pos + len(item), item))
            pos += len(item) + 1
        if any(item.startswith(_NOT_A_PLACE_START) or item in sc.lex.not_names or len(item) < 2 for _, _, item in items):
            continue
        head = m.group(3)
        for n, (a, b, item) in enumerate(items):
            end = m.end() if n == len(items) - 1 else b
            if (a, end) in taken or (a, b + len(head)) in taken:
                continue
            norm = item + head
            out.append(Candidate(a, end, norm, "places sharing a head", None, _canonical(norm, sc.lex)))
    return out


_LEAGUE_COMMITTEE = regex.compile(r"团[省市州县区旗]委")


def _placed_league_committees(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """连云港团市委: a place the place list knows right before a League committee named by its
    level is part of its name (the body of that place)."""
    text = sc.text
    out: list[Candidate] = []
    for c in cands:
        if not _LEAGUE_COMMITTEE.fullmatch(c.norm) or c.end - c.start != 3:
            continue
        k = sc.lex.place_list.longest(text, c.start)
        if k < 2:
            # a city name no list knows, right after a pause (近年以来，连云港团市委)
            k = next((j for j in (3, 2) if c.start - j >= 0 and all(_HAN.match(ch) for ch in text[c.start - j : c.start])
                      and (c.start - j == 0 or not _HAN.match(text[c.start - j - 1]))
                      and sc.could_be_a_name(text[c.start - j : c.start])), 0)
            if not k:
                continue
        s = c.start - k
        if s > 0 and _HAN.match(text[s - 1]) and sc.stop_before(s) is None:
            continue
        norm = text[s : c.end]
        out.append(Candidate(s, c.end, norm, "place and a League committee", None, _canonical(norm, sc.lex)))
    return out


def _level_counted(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """县三级妇联 → norm 县妇联: the count of levels after the last level word of a series is no
    part of the body's name."""
    text = sc.text
    out: list[Candidate] = []
    for m in _LEVEL_COUNT.finditer(text):
        s, e = m.span()
        if s < 3 or text[s - 1] not in LEVEL_CHARS or text[s - 2] != "、":
            continue
        # the body's name after the count: a head, maybe behind a short core (三级青年讲师团)
        head_m = None
        for hm in sc.lex.head_re.finditer(text, e, min(len(text), e + 10), overlapped=True):
            core = text[e : hm.start()]
            if all(_HAN.match(ch) for ch in core) and not any(sc.stop_before(q) is not None for q in range(e + 1, hm.start() + 1)):
                head_m = hm
                break
        if head_m is None:
            continue
        head = sc.lex.heads.get(head_m.group())
        if head is None or "prefix" not in head.needs or (head_m.start() > e and head.core == "none"):
            continue
        norm = text[s - 1] + text[e : head_m.end()]
        out.append(Candidate(s - 1, head_m.end(), norm, "level series with a count", text[s - 1],
                             _canonical(norm, sc.lex), prefix_end=s))
    return out


#: a type word after a level-prefixed federation or union: 乡镇妇联组织 names the bodies
_TYPE_TAIL = ("组织",)
_TYPE_TAIL_HEADS = ("妇联", "妇代会", "妇委会", "工会", "团委", "团支部", "关工委", "残联")
_ONE_BODY_LEVELS = frozenset(("省", "市", "县", "区", "州", "旗", "盟", "自治区", "省直", "市直", "县直", "区直"))
_TYPE_TAIL_NEXT = ("的", "和", "建设", "区域", "网络", "体系", "覆盖", "换届", "规范", "阵地", "作用", "负责", "班子")


def _type_tails(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """乡镇妇联组织, 社区妇代会组织: a level-prefixed body followed by 组织 is named with it."""
    text = sc.text
    out: list[Candidate] = []
    for c in cands:
        if c.prefix_end is None or not c.norm.endswith(_TYPE_TAIL_HEADS):
            continue
        if text[c.start : c.prefix_end] in _ONE_BODY_LEVELS:
            # 县残联组织建设工作, 省直工会组织的培训: one body's level (县, 省直) names one body,
            # so 组织 after it is its work or a verb; 乡镇, 社区, 村 name many
            continue
        for tail in _TYPE_TAIL:
            after = text[c.end + len(tail) : c.end + len(tail) + 2]
            # 组织 is a noun here only before a pause or the words that go with the bodies
            # (乡镇妇联组织区域化建设, 健全社区妇代会组织，): after 县关工委 it is mostly a verb
            if text.startswith(tail, c.end) and (not after or not _HAN.match(after[0]) or after.startswith(_TYPE_TAIL_NEXT)):
                out.append(Candidate(c.start, c.end + len(tail), c.norm + tail, c.rule + " + 组织", c.level,
                                     c.canonical, c.prefix_end))
    return out


def _party_and_government(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """乡党委政府 → 政府: the government written right after the Party committee of a level,
    with no joiner between (a frequent way of writing 乡党委、政府)."""
    text = sc.text
    out: list[Candidate] = []
    for c in cands:
        if c.level is None or not c.norm.endswith("党委") or not text.startswith("政府", c.end):
            continue
        e = c.end + 2
        if e < len(text) and sc.lex.head_re.match(text, e) is not None:
            continue  # 党委政府办公室: a longer name
        prefix = canonical(text[c.start : c.prefix_end]) if c.prefix_end is not None else ""
        out.append(Candidate(c.end, e, "政府", "government after its Party committee", c.level,
                             (prefix + "政府") if prefix else None))
    return out


#: parts of an enterprise, a mine or a bureau that have a Party, League or union body of their own
#: (关工委, 学生会 and 女职工委员会 too: the mined and studied pages name a school's or a company's
#: such bodies on several sites, 学校关工委, 校学生会, 公司女职工委员会; benchmarks/mine_org_kinds.py).
#: A school's Young Pioneers brigade (中心小学少先队大队部, 校大队部) and an enterprise's science
#: association (机车厂科协) are such bodies too; 少先队 alone is not (学校少先队工作: the work of a
#: kind, as the annotators of the studied pages read it), nor the 队 of 少先队 a unit. 小学, 中学 and
#: 大学 are units like 校 (我校中学工会, 大学团委).
_UNIT_BODIES = (r"团支部|团总支|团委|党支部|党总支|党委|分工会|工会|妇委会|女工委|少先队大队部|少先队大队|大队部|关工委"
                r"|科协|学生会|女职工委员会")
_UNITS = rx.compile(r"(?:车间|队|科|室|矿|厂|场|局|处|站|所|校|小学|中学|大学|院|公司|分公司|中心|部|机关)"
                    rf"(?=(?:{_UNIT_BODIES}))")
_UNIT_BODY = regex.compile(_UNIT_BODIES)
#: a bureau's own organs and office (局机关, 局办公室, 局机关工委), which the reports of a bureau's
#: League, union or women's committee name as bodies
_OFFICE_UNITS = regex.compile(r"局(?=(?:机关工委|机关|办公室))")
_OFFICE_BODY = regex.compile(r"机关工委|机关|办公室")


def _unit_bodies(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """综采队团支部, 供应科团支部, 局工会, 矿团委: the body of a part of the reporting unit. The
    part is named by one to three characters before its unit word (after punctuation, a stop
    word or 我), or by the unit word alone."""
    text = sc.text
    taken = {(c.start, c.end) for c in cands}
    out: list[Candidate] = []
    for m, body_re in [*((m, _UNIT_BODY) for m in _UNITS.finditer(text)),
                       *((m, _OFFICE_BODY) for m in _OFFICE_UNITS.finditer(text))]:
        us, ue = m.span()
        if text.endswith("少先", 0, us) and m.group() == "队":
            continue  # the 队 of 少先队 is no unit
        body = body_re.match(text, ue)
        if body is None or text.endswith("有限", 0, us):
            continue  # …有限公司工会: the company's own name is the unit (org_heads.tsv: 有限公司)
        start = us
        # a date just before is no part of the name: xxxx年局工会 → 局工会
        dated = us > 1 and text[us - 1] in "年月日" and regex.match(r"[\dxX×*○〇零一二三四五六七八九十]", text[us - 2]) is not None
        # 机关 is the unit's own organs: no name of a part stands before it (机关团支部)
        for k in (1, 2, 3) if m.group() != "机关" else ():
            s = us - k
            if dated or s < 0 or not _HAN.match(text[s]) or sc.stop_before(s + 1) is not None:
                break
            if s == 0 or not _HAN.match(text[s - 1]) or sc.stop_before(s) is not None or text[s - 1] in "我本该":
                start = s
                break
        if start == us and us > 0 and _HAN.match(text[us - 1]) and text[us - 1] not in "我本该" \
                and not dated and sc.stop_before(us) is None:
            continue  # a longer name whose start is not clear
        if (start, body.end()) in taken:
            continue
        norm = text[start : body.end()]
        out.append(Candidate(start, body.end(), norm, "body of a unit", None))
    return out



def _own_bodies(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """区人大及其常委会 → 常委会 (norm 区人大常委会): 及其 + a head names a body of the
    organization in front."""
    text, lex = sc.text, sc.lex
    out: list[Candidate] = []
    for c in cands:
        if not text.startswith("及其", c.end):
            continue
        m = lex.head_re.match(text, c.end + 2)
        head = lex.heads.get(m.group()) if m is not None else None
        if head is None or "org" not in head.needs:
            continue
        norm = c.norm + m.group()
        out.append(Candidate(m.start(), m.end(), norm, "body of the organization in front", c.level,
                             _canonical(norm, lex)))
    return out


def _coordinated_names(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """Names that are bodies only next to another organization (中央、自治区党委)."""
    text, lex = sc.text, sc.lex
    starts = {c.start for c in cands}
    ends = {c.end for c in cands}
    out: list[Candidate] = []
    for m in lex.coord_re.finditer(text):
        word = m.group()
        s, e = m.start(), m.end()
        if s > 0 and _HAN.match(text[s - 1]) and sc.stop_before(s) is None:
            continue
        # the tail of a longer name (中共中央, 党中央) or the head of one (中央人民政府)
        if any((n := lex.head_re.match(text, s - k)) and n.end() >= e for k in (1, 2, 3) if s >= k):
            continue
        if e < len(text) and _HAN.match(text[e]) and text[e] not in JOINERS + "的":
            continue
        after = e < len(text) and text[e] in JOINERS and e + 1 in starts
        before = s > 0 and text[s - 1] in JOINERS and s - 1 in ends
        if after or before:
            out.append(Candidate(s, e, word, "coordinated known name", lex.names[word][0]))
    return out


def _conjuncts(sc: _Scanner) -> list[Candidate]:
    """公、检、法、司 → 公, 检, 法, 司: one-character bodies in a series of three or more."""
    text, lex = sc.text, sc.lex
    out: list[Candidate] = []
    for m in lex.conjunct_re.finditer(text):
        s = m.start()
        if s > 0 and _HAN.match(text[s - 1]) and sc.stop_before(s) is None:
            continue
        for i in range(s, m.end(), 2):
            ch = text[i]
            out.append(Candidate(i, i + 1, ch, "one-character conjunct", None, lex.conjuncts[ch]))
    return out


#: 共青团 and the marks of a masked name after it (共青团xx第三中学委员会, 共青团XX市XX区)
_LEAGUE = regex.compile(rf"共青团([{_MASK_CHARS}]{{0,6}})")


def _league_names(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """共青团xx第三中学委员会, 共青团XX市XX区: the league's formal name, 共青团 before the body or
    the place it is the league of (with a place's marks), is one body."""
    text = sc.text
    by_start: dict[int, Candidate] = {}
    for c in cands:
        if c.end - c.start > by_start.get(c.start, c).end - c.start or c.start not in by_start:
            by_start[c.start] = c
    out: list[Candidate] = []
    for m in _LEAGUE.finditer(text):
        s, after = m.start(), m.end()
        if text.startswith("员", m.end(0) - len(m.group(1))) and not m.group(1):
            continue  # 共青团员
        c = by_start.get(after)
        if c is not None and (m.group(1) or c.prefix_end is None):
            norm = canonical(text[s : c.end])
            out.append(Candidate(s, c.end, norm, "the league's formal name", c.level, None, c.prefix_end))
            continue
        if c is not None or after >= len(text):
            continue
        # 共青团 + a place with its level and no head after it: the league of that place
        best: Prefix | None = None
        for e in range(after + 2, min(len(text), after + 16) + 1):
            if sc.lex.head_re.match(text, e) is not None and best is not None and e == best.end:
                best = None
                break
            chain = sc.prefix_chain(e)
            if chain is not None and chain.start in (s, m.start(1)) and text[e - 1] in LEVEL_CHARS:
                best = chain
        if best is not None and sc.lex.head_re.match(text, best.end) is None:
            norm = canonical(text[s : best.end])
            out.append(Candidate(s, best.end, norm, "the league of a place", best.level, None, best.end))
    return out


#: a body's committee of one term: 镇妇女联合会第三届执委会, xx乡残疾人联合会第二届代表大会主席团执行理事会
_TERM_BODY = regex.compile(
    r"第[一二三四五六七八九十\d]{1,3}届(?:代表大会主席团|代表大会)?(?:执行委员会|执委会|执行理事会|理事会|常务委员会|常委会)"
)


def _term_bodies(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """A body followed by the committee of one of its terms names that committee, one body
    (我代表XXX妇女联合会第二届执委会; the term's ordinal is a number record of its own)."""
    text = sc.text
    out: list[Candidate] = []
    for c in cands:
        m = _TERM_BODY.match(text, c.end)
        if m is None:
            continue
        norm = canonical(text[c.start : m.end()])
        out.append(Candidate(c.start, m.end(), norm, "committee of a term", c.level, None, c.prefix_end))
    return out


#: a short quoted name (no clause inside it) with an optional level before it
_QUOTED_NAME = regex.compile(r"([省市县区镇乡村]?)“([^“”\n，。、；：！？,.;:!?]{2,12})”")
_QUOTED_CORE_REACH = 10


def _quoted_names(sc: _Scanner) -> list[Candidate]:
    """A quoted name before the head of a body any name may stand in front of, with the words
    between (“五老”报告团, 镇“五老”宣讲团, “五老”家庭教育讲师团, “埝头蓝”青年志愿服务队), and the
    chain of places and levels in front of the quote as for any head (龙岗区“五老”宣讲团): the
    record spans the quotes, its norm leaves them out. Not a quoted honour (被评为“…”)."""
    text, lex = sc.text, sc.lex
    out: list[Candidate] = []
    for m in _QUOTED_NAME.finditer(text):
        q = m.end()
        if _HONOUR_BEFORE.search(text, max(0, m.start(2) - 13), m.start(2) - 1):
            continue
        if q >= len(text) or not _HAN.match(text[q]) or not lex.free_heads.search(text, q, q + _QUOTED_CORE_REACH):
            continue  # (the head must stand within reach: most quotes have none, and are left at once)
        level = m.group(1) and (m.start() == 0 or not _HAN.match(text[m.start() - 1]) or sc.stop_before(m.start()) is not None)
        start = m.start() if level else m.start(2) - 1
        chain = sc.prefix_chain(m.start(2) - 1)
        if chain is not None and chain.start < start:
            start = chain.start  # 龙岗区“五老”宣讲团, 社区“爱心敲敲门”巾帼志愿服务队: the place or level in front
        for e in range(q + 2, min(len(text), q + _QUOTED_CORE_REACH) + 1):
            if not _HAN.match(text[e - 1]):
                break  # only the name's own characters between the quote and the head
            k = lex.head_list.longest(text, e)
            head = lex.heads.get(text[e - k : e]) if k else None
            if head is None or "free" not in head.needs or e - k < q or (e < len(text) and text[e] in head.blocked_after):
                continue
            if any(sc.stop_before(i) for i in range(q + 1, e - k + 1)):
                break  # a word of a sentence between the quote and the head
            if _is_generic(m.group(2) + text[q : e - k], lex) or _is_facility(text, e, lex) or _is_counted(text, start, e):
                break  # a kind of body (“三甲”医院), or one counted or built (建成…医院2所), as for any head
            norm = canonical(text[start:e].replace("“", "").replace("”", ""))
            out.append(Candidate(start, e, norm, "quoted name and head", None, _canonical(norm, lex)))
            break
    return out


#: a quoted honour: the quote after a verb of awarding (被评为“…”, 荣获“…”) or before 称号 (“…”、“…”等荣誉称号)
_QUOTE = regex.compile(r"“[^“”\n]{2,40}”")
_HONOUR_BEFORE = rx.compile(r"(?:评为|授予|荣获|获得|命名为|评选为|获评|被评)[^，。；！？\n“”]{0,6}$")
_HONOUR_AFTER = regex.compile(r"(?:[、和及][ \t]{0,2}“[^“”\n]{1,40}”){0,8}[ \t]{0,2}等?(?:荣誉)?称号")


def _honour_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted honours (被评为“xx市五四红旗团委”, “全国妇联基层组织建设示范社区”等称号): a
    body named inside an honour is part of the honour's name, as every annotator reads it."""
    quotes = list(_QUOTE.finditer(text))
    honoured = [False] * len(quotes)
    for i, m in enumerate(quotes):
        if _HONOUR_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _HONOUR_AFTER.match(text, m.end()):
            honoured[i] = True
        elif i > 0 and honoured[i - 1] and regex.fullmatch(r"[ \t]{0,2}[、和及][ \t]{0,2}", text[quotes[i - 1].end() : m.start()]):
            honoured[i] = True  # the next item of a list of honours: 被评为“A”、“B”
    return [m.span() for m, h in zip(quotes, honoured) if h]


def _title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of 《》 titles: a body named inside a document's title is part of the title."""
    return title_spans(text)


#: the tail of a date or a period (2014年, 08年度, 本年度, 20xx年来, 年终) or of a pronoun (我们)
#: glued to the left of a name by a rule that read the name's start from the characters before its
#: head: the tail is no part of the name (本年度 | 学校关工委, 20xx年来 | 镇关工委, 我们 | 学校工会)
_DATE_TAIL = regex.compile(r"(?:年度|年终|年終|年末|年初|年底|年来|年來|年)")
_DATE_BEFORE = frozenset("0123456789０１２３４５６７８９〇零一二三四五六七八九十本今去明上下当當同该該") | frozenset(MASK_CHARS)
_PRONOUN_TAIL = regex.compile(r"们|們")
_PRONOUN_BEFORE = frozenset("我你他她它咱")


def _left_tail(text: str, start: int) -> int:
    """Length of a period word (年度, 年终) at ``start``, or of a date's or a pronoun's tail that
    the character before it shows to be one (a numeral, a mask, 本, 今 before 年; 我 before 们),
    else 0."""
    m = _DATE_TAIL.match(text, start)
    if m is not None and m.end() - start == 2:
        return 2  # a period word (年度, 年终) is never the start of a name, wherever it stands
    if start == 0:
        return 0
    before = text[start - 1]
    if m is not None and before in _DATE_BEFORE:
        return m.end() - start
    if before in _PRONOUN_BEFORE:
        m = _PRONOUN_TAIL.match(text, start)
        if m is not None:
            return m.end() - start
    return 0


def _without_left_tails(sc: _Scanner, cands: list[Candidate]) -> list[Candidate]:
    """Candidates with a date's or a pronoun's tail in front taken out of their span; a name that
    is then a type word or a bare head (计划生育协会, 关工委) is no record."""
    text, lex = sc.text, sc.lex
    out: list[Candidate] = []
    for c in cands:
        k = _left_tail(text, c.start)
        if not k:
            out.append(c)
            continue
        start = c.start + k
        norm = _strip_front(canonical(text[start : c.end]))
        if len(norm) < 2 or norm in lex.type_words or norm in lex.heads and norm not in lex.names:
            continue
        prefix_end = c.prefix_end if c.prefix_end is not None and c.prefix_end > start else None
        out.append(Candidate(start, c.end, norm, c.rule, c.level, _canonical(norm, lex), prefix_end))
    return out


def candidates(text: str, places: tuple[str, ...] = ()) -> list[Candidate]:
    """All organization candidates of a normalized text, possibly overlapping; ``places`` are
    the report's own place names without their unit (see :func:`report_places`)."""
    sc = _Scanner(text, lexicon(), places)
    cands = _heads(sc)
    cands += _shared_heads(sc, cands)
    cands += _listed_domains(sc, cands)
    cands += _shared_prefixes(sc, cands)
    cands += _own_bodies(sc, cands)
    cands += _coordinated_names(sc, cands)
    cands += _conjuncts(sc)
    cands += _level_counted(sc, cands)
    cands += _shared_levels(sc, cands)
    cands += _places_sharing_a_head(sc, cands)
    cands += _placed_league_committees(sc, cands)
    cands += _type_tails(sc, cands)
    cands += _party_and_government(sc, cands)
    cands += _unit_bodies(sc, cands)
    cands += _league_names(sc, cands)
    cands += _term_bodies(sc, cands)
    cands += _quoted_names(sc)
    cands = _without_left_tails(sc, cands)
    titles = sorted(_title_spans(text) + _honour_spans(text))
    if titles:
        starts = [s for s, _ in titles]

        def in_title(c: Candidate) -> bool:
            i = bisect.bisect_right(starts, c.start) - 1
            return i >= 0 and c.end <= titles[i][1]

        cands = [c for c in cands if not in_title(c)]
    return cands


#: the units a report's place ends in, longest first; the name in front of one is the place's stem
_PLACE_UNITS = ("街道", "社区", "县", "市", "区", "镇", "乡", "村", "旗", "州")
_PLACE_STEM = regex.compile(r"\p{Han}{2,4}")


def report_places(place: str | None) -> tuple[str, ...]:
    """The stem of the report's place (桐岭县 → 桐岭), when it looks like a name: two to four
    Chinese characters, none of them a function word (a place misread from 和镇 or 邀请县 is not)."""
    if not place:
        return ()
    for unit in _PLACE_UNITS:
        if place.endswith(unit) and len(place) > len(unit):
            stem = place[: -len(unit)]
            lex = lexicon()
            # 部署镇, 学习贯彻县: a verb of the dictionary at the stem's end makes it a clause
            if _PLACE_STEM.fullmatch(stem) and not any(ch in lex.stops for ch in stem) \
                    and stem not in lex.descriptive and not lex.verb_list.longest(stem, len(stem)):
                return (stem,)
            return ()
    return ()


def refuses(norm: str, after: str = "") -> bool:
    """Whether ``norm`` can never be an organization record: a bare type word (妇联组织, 居民委员会,
    政协) or a head alone; or, followed by ``after``, a head the rules never end a name with
    before that character (``org_heads.tsv``'s last column: 协会 before 长 is 会长, a position).
    The learned tagger's spans go through this too: it labels whole jieba tokens, and 局老协会长
    holds the token 协会 before 长."""
    lex = lexicon()
    if norm[:1] in _OWN or norm[:1] == "该":
        return True  # 我司工会, 本会, 该会: the report's own body as it speaks of itself
    if norm[:1] == "各" or "各级" in norm:
        return True  # 各居委会, 县各级关工委: every body of a kind, no one body
    if after:
        # the longest head the name ends in, as the rules read a name's head
        k = lex.head_list.longest(norm, len(norm))
        if k and after in lex.heads[norm[-k:]].blocked_after:
            return True
    return norm in lex.type_words or norm in lex.heads or norm in lex.names and lex.names[norm][1] == "coord"


#: a line that is the title of a report: short, with a report genre in it (县妇联2021年工作总结,
#: 乡镇关工委年度工作总结范文二, 篇一：桃园村妇代会2019年工作计划, 镇关工委工作总结范文_工作总结)
_TITLE_GENRES = "工作总结|工作计划|工作汇报|工作报告|述职报告|年度总结|年终总结|工作要点|工作思路"
_REPORT_TITLE_LINE = regex.compile(rf"(?m)^[^\n]{{0,40}}?(?:{_TITLE_GENRES})[^\n]{{0,30}}$")
_TITLE_GENRE = re.compile(_TITLE_GENRES)


def title_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of ``text`` that are the title of a report.

    Speed: a line can match only if it holds a genre, so the lines are found from the genres'
    occurrences (rare, and found by a literal scan) and each is matched whole, instead of
    trying the pattern at every position (12 -> 3 ms a pass over the corpus). A match is always
    a whole line (``[^\n]`` cannot cross a break), so the spans are those of
    ``_REPORT_TITLE_LINE.finditer(text)``; a test compares the two.
    """
    out: list[tuple[int, int]] = []
    done = -1  # the end of the last line judged
    for g in _TITLE_GENRE.finditer(text):
        if g.start() < done:
            continue
        ls = text.rfind("\n", 0, g.start()) + 1
        le = text.find("\n", g.end())
        done = le = len(text) if le < 0 else le
        m = _REPORT_TITLE_LINE.match(text, ls, le)
        if m is not None:
            out.append(m.span())
    return out


def repeated_in_titles(spans: list[tuple[int, int, str]], lines: list[tuple[int, int]]) -> set[int]:
    """Indexes of the ``spans`` (start, end, norm) that name, in a title line, a body an earlier
    title line named already: a page repeats a report's title (the site's page title, a
    compilation's heading, 导语, the report's own title), and the body it names gives one record
    (RECORDS.md: the first occurrence counts)."""
    if not lines:
        return set()
    starts = [s for s, _ in lines]
    first: dict[str, int] = {}
    out: set[int] = set()
    for i, (s, e, norm) in sorted(enumerate(spans), key=lambda x: x[1][0]):
        k = bisect.bisect_right(starts, s) - 1
        if k < 0 or e > lines[k][1]:
            continue
        if first.setdefault(norm, k) != k:
            out.add(i)
    return out


def extract(doc: "Document") -> list[Record]:
    """Organization records of a document (overlaps are resolved by the caller)."""
    places = report_places(doc.metadata.place)
    return [
        doc.make_record(
            OrganizationRecord,
            c.start,
            c.end,
            norm=c.norm,
            rule=c.rule,
            canonical=c.canonical,
            level=c.level,
        )
        for c in _unrepeated(doc.text, _on_word_bounds(candidates(doc.text, places), doc.token_ends))
    ]


def _on_word_bounds(cands: list[Candidate], token_ends: list[int]) -> list[Candidate]:
    """A named body (a free core before an institution's head, nothing in front to start it) must
    start and end where the tokenizer's words do: a core walked into the middle of a word is a
    piece of the sentence (经|济审核领导小组, 新能|源设备有限公司, 课|题供学校, 成绩回报社|会,
    各|类家长学校). One that starts after the report's own level (我区 | 分路口镇分路口小学) starts
    there whatever the tokenizer reads (区分), and the other rules start at a place, a level or a
    known name, whose edges the tokenizer may cut otherwise (县|妇联) without the name being wrong."""
    return [c for c in cands
            if c.rule != "named body" or (on_word_bound(token_ends, c.start) and on_word_bound(token_ends, c.end))]


def _unrepeated(text: str, cands: list[Candidate]) -> list[Candidate]:
    drop = repeated_in_titles([(c.start, c.end, c.norm) for c in cands], title_lines(text))
    return [c for i, c in enumerate(cands) if i not in drop] if drop else cands


#: the organization extractor: the normalized text, its words' ends and the report's place (its metadata)
COMPONENT = Component(
    "organization", extract, requires=("text", "token_ends", "metadata"), assigns=("records:organization",), refuses=refuses
)

__all__ = ["COMPONENT", "extract", "candidates", "lexicon", "refuses", "Candidate"]
