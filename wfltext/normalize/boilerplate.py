"""Web-page boilerplate: toolbars, breadcrumbs, source and editor lines, captions, footers, ads.

Patterns are data (``lexicons/boilerplate.tsv``, which explains the kinds of rule); this module
decides which lines they remove. It works line by line on a simplified view of the text, so the
patterns are written once, in simplified script, and match traditional pages too.

Three decisions depend on the neighbourhood of a line, never on its position as a fraction of the
text (a fraction moves when other lines go, and normalizing twice must change nothing):

* a *weak* line (大, 打印, 首页, >) goes only inside a block of chrome, that is when a chain of
  weak and blank lines connects it to a line that is chrome on its own;
* a *footer* (友情提示, 相关报道, 扫一扫) is cut from its first line to the end only when every line
  after it looks like a footer too: chrome, short titles, lines that repeat the opening;
* a *repeated title* is a line of the head (the lines before the first paragraph of the report)
  that repeats an earlier line of the head, or a line at the very end that repeats the opening.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .. import lexicons
from ..rx import compile_as_written
from .chars import SENTENCE_END
from .offsets import Edit, apply_edits
from .punctuation import (
    collapse_doubled_punctuation,
    fold_fullwidth,
    join_letter_spacing,
    repair_decimal_stop,
    widen_ascii_punctuation,
)
from .required import hidden_by, max_width, required_words, word_scan
from .script import simplified_view

_WS = " \t\u00a0\u3000"
#: a line of at least this many characters (white space aside) is a paragraph of the report
BODY_LENGTH = 40
#: a line after a footer marker counts as a footer line up to this length (related titles)
FOOTER_TITLE_LENGTH = 40
#: how much of the opening a repeat at the end may copy from (characters, white space aside)
HEAD_WINDOW = 2000


@dataclass(frozen=True)
class _Rules:
    #: the sources of ``strong`` and ``long`` (below): compiled on first use
    strong_source: str
    long_source: str
    weak: re.Pattern[str]
    label: re.Pattern[str]
    label_values: dict[str, re.Pattern[str]]
    tail: re.Pattern[str]
    tail_anywhere: re.Pattern[str]
    #: each inline pattern with the literal word it starts with (searched first: most texts
    #: hold none of them, and one alternation of them all is slow to scan)
    inline: tuple[tuple[str, str, re.Pattern[str]], ...]
    names: dict[str, str]
    #: the rules of ``strong`` one by one, in its order: (group name, the rule then trailing
    #: white space); a line is tried only against the rules it can match (:func:`_line_rule`)
    line_rules: tuple[tuple[str, re.Pattern[str]], ...]
    #: (least length, pattern): finds the words that the rules able to match a line of that
    #: length or longer require (see :mod:`.required`), longest first; the first whose length
    #: a line reaches is used (None: no such rule requires a word)
    line_scans: tuple[tuple[int, re.Pattern[str] | None], ...]
    #: the same for the rules of kind "long"
    long_scans: tuple[tuple[int, re.Pattern[str] | None], ...]
    #: a word the scan returns -> the rules (bits, in ``line_rules`` order) whose required words
    #: it may stand for: itself, the words inside it and those it may have hidden from the scan
    line_words: dict[str, int]
    #: rules that require no known word
    line_ungated: int
    #: characters (white space at the end aside) -> rules that can match a line that long
    line_lengths: tuple[int, ...]
    #: the rules of kind "long", which alone judge lines longer than CHROME_MAX
    long_rules: int
    #: line -> (judged line, kind, tail, rule name): see :func:`_judge`
    judged: dict[str, tuple[str, int, bool, str]] = field(default_factory=dict, compare=False, repr=False)

    # Speed: the alternations of every line rule are read only for a line that starts with white
    # space (see _line_rule), which the 28 reports never hold; compiling ``strong`` costs about
    # 0.04 s, so a process compiles it the first time it needs it. Every rule is compiled by
    # Python's re as written (faster on them than regex), by regex only where this Python's re
    # cannot read one right (rx.compile_as_written)

    @cached_property
    def strong(self) -> re.Pattern[str]:
        """Every line rule (kinds line and long), as one whole-line alternation."""
        return compile_as_written(self.strong_source, re.I)

    @cached_property
    def long(self) -> re.Pattern[str]:
        """The line rules that also judge lines longer than CHROME_MAX (a compilation's table of
        contents), as one whole-line alternation."""
        return compile_as_written(self.long_source, re.I)


def _group(name: str) -> str:
    return "r_" + re.sub(r"[^0-9a-zA-Z]", "_", name)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    by_kind: dict[str, list[tuple[str, str]]] = {}
    label_values: dict[str, re.Pattern[str]] = {}
    names: dict[str, str] = {}
    for row in lexicons.table("boilerplate.tsv"):
        name, kind, pattern = row[0], row[1], row[2]
        group = _group(name)
        names[group] = name
        by_kind.setdefault(kind, []).append((group, pattern))
        if kind == "label":
            label_values[group] = compile_as_written(rf"[{_WS}]{{0,64}}(?:{row[3]})[{_WS}]{{0,64}}", re.I)

    def whole_line_source(*kinds: str) -> str:
        alts = "|".join(f"(?P<{g}>{p})" for kind in kinds for g, p in by_kind.get(kind, [])) or "(?!)"
        return rf"[{_WS}]{{0,64}}(?:{alts})[{_WS}]{{0,64}}"

    def whole_line(*kinds: str) -> re.Pattern[str]:
        return compile_as_written(whole_line_source(*kinds), re.I)

    tails = "|".join(f"(?P<{g}>{p})" for g, p in by_kind.get("tail", [])) or "(?!)"
    line_rules = [(g, p) for kind in ("line", "long") for g, p in by_kind.get(kind, [])]
    long_rules = sum(1 << i for i in range(len(by_kind.get("line", [])), len(line_rules)))
    gate = _line_gate([p for _, p in line_rules], long_rules)
    return _Rules(
        strong_source=whole_line_source("line", "long"),
        long_source=whole_line_source("long"),
        weak=whole_line("weak"),
        label=whole_line("label"),
        label_values=label_values,
        tail=compile_as_written(rf"[{_WS}]{{0,64}}(?:{tails})", re.I),
        tail_anywhere=compile_as_written(tails, re.I),
        inline=tuple((names[g], _leading_literal(p), compile_as_written(p, re.I)) for g, p in by_kind.get("inline", [])),
        names=names,
        line_rules=tuple((g, compile_as_written(rf"(?:{p})[{_WS}]{{0,64}}", re.I)) for g, p in line_rules),
        line_scans=gate[0],
        long_scans=gate[1],
        line_words=gate[2],
        line_ungated=gate[3],
        line_lengths=gate[4],
        long_rules=long_rules,
    )


#: lengths from which a line is scanned for fewer words: only those of the rules that can
#: match so long a line (a paragraph need not be scanned for the words of short chrome)
SCAN_TIERS = (0, 64, 128, 192)

_Scans = tuple[tuple[int, "re.Pattern[str] | None"], ...]


def _line_gate(patterns: list[str], long_rules: int) -> tuple[_Scans, _Scans, dict[str, int], int, tuple[int, ...]]:
    """What :func:`_line_rule` reads to leave out the rules a line cannot match: the scans for
    required words (all the line rules, the long ones), the rules each word a scan finds may
    satisfy, the rules without required words, and the rules each length (index) leaves in."""
    required = [required_words(p, re.I) for p in patterns]
    widths = [max_width(p, re.I) for p in patterns]
    words = {w for req in required if req for w in req}
    by_word = {}
    for found in words:
        # a scan's words are a subset of these, so what a word may hide from it is too
        hidden = hidden_by(words, found)
        by_word[found] = sum(1 << i for i, req in enumerate(required) if req and req & hidden)
    ungated = sum(1 << i for i, req in enumerate(required) if not req)
    # lengths[n]: the rules that can match n characters or more
    at = [0] * (LONG_CHROME_MAX + 2)
    for i, w in enumerate(widths):
        at[min(w, LONG_CHROME_MAX)] |= 1 << i
    for n in range(LONG_CHROME_MAX - 1, -1, -1):
        at[n] |= at[n + 1]
    lengths = tuple(at[: LONG_CHROME_MAX + 1])

    def scans(among: int, tiers: tuple[int, ...]) -> _Scans:
        return tuple(
            (t, word_scan({w for i, req in enumerate(required) if req and among >> i & 1 and widths[i] >= t for w in req}))
            for t in sorted(tiers, reverse=True)
        )

    return scans((1 << len(patterns)) - 1, SCAN_TIERS), scans(long_rules, (0,)), by_word, ungated, lengths


_BODY, _STRONG, _LABEL, _WEAK = 0, 1, 2, 3
_PUNCTUATION = ",.;:!?，。；：！？、…>》】)）"
_SEPARATOR = re.compile(r"[>＞»›/→]")
_CRUMB_ITEM_LENGTH = 15
#: what a template site adds to a report's title in the page's own title (县妇联工作计划范文, 总结范文精选,
#: 工作报告 (共7页)): the report's title printed again under it, without them, is the same title;
#: matched on a line's content, which holds no white space (:func:`_content`)
_TITLE_SITE_SUFFIX = re.compile(r"(?:范文|范例|范本|例文|模板|模版|精选|大全){1,3}$|[(（]共\d{1,4}页[)）]$")


def _title_key(c: str) -> str:
    """A head line's content as a title to compare: the site's words after a report's title taken
    off."""
    key = _TITLE_SITE_SUFFIX.sub("", c)
    return key if len(key) >= 4 else c


_SQUEEZE_ONE = r" \u3000\u00a0,;:?!\uff05\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
#: a character the later fixes change, two marks of ，、；：。！？ in a row, or 。 before a digit.
#: Speed: written as one character class followed by look-behinds, because ``re`` skips ahead
#: to the next character of a leading class in C, while ``A|B{2}|C`` is tried at every position
#: (15 → 6.5 ms on the corpus's lines); the same lines pass, a test compares the two spellings.
_SQUEEZABLE = re.compile(
    rf"[{_SQUEEZE_ONE}，、；：。！？]"
    rf"(?:(?<=[{_SQUEEZE_ONE}])|(?<=[，、；：！？])[，、；：。！？]|(?<=。)[，、；：。！？\d])"
)


def _squeeze(line: str) -> str:
    """``line`` as the fixes after this one leave it (full width, letter spacing, punctuation,
    doubled punctuation, decimal stops); a long line is left as it is, since it cannot become
    short enough for a line rule.

    >>> _squeeze("政 府 工 作 报 告 １２人，，")
    '政府工作报告 12人，'
    """
    if len(line) > 2 * CHROME_MAX + 8 or _SQUEEZABLE.search(line) is None:
        return line
    for find in (fold_fullwidth, join_letter_spacing, widen_ascii_punctuation,
                 collapse_doubled_punctuation, repair_decimal_stop):
        edits = find(line)
        if edits:
            line = apply_edits(line, edits)
    return line


def _content(line: str) -> str:
    """The line without white space (str.split drops every kind, U+3000 and NBSP included)."""
    return "".join(line.split())


#: no chrome line is longer than this (the longest pattern, a site blurb, is bounded below it)
CHROME_MAX = 260
#: ...except for the rules of kind "long", bounded at this length (40 items of a table of contents)
LONG_CHROME_MAX = 4400


#: judged lines kept per process (a line's judgement depends on the line alone); the cache is
#: emptied when it reaches this size
JUDGED_CACHE = 1 << 16


def _judge(line: str, rules: _Rules) -> tuple[str, int, bool, str]:
    """A line as the later fixes leave it (:func:`_squeeze`), its kind, whether a footer marker
    starts it, and the name of the rule that matched. Cached per line: the normalizer's second
    round, which confirms the first, meets the same lines again, and pages of one site repeat
    their chrome."""
    cache = rules.judged
    hit = cache.get(line)
    if hit is None:
        judged = _squeeze(line)
        hit = (judged, *_classify_line(judged, rules))
        if len(cache) >= JUDGED_CACHE:
            cache.clear()
        cache[line] = hit
    return hit


def clear_cache() -> None:
    """Forget the judged lines (benchmarks time a text as if it were met for the first time)."""
    _rules().judged.clear()


def _line_rule(line: str, rules: _Rules, among: int, whole: str, scans: _Scans) -> str | None:
    """The group of the first rule of ``among`` (bits of ``rules.line_rules``) that matches
    the whole ``line``, as ``whole`` (the name of the alternation of those rules in ``rules``:
    ``strong`` or ``long``) names it; None if none.

    Speed: ``whole.fullmatch`` tries every rule, and a paragraph fails each of them at every
    length its ``.{0,N}`` allows (about 35 µs a line); here a rule is tried only if the line
    holds one of its required words and is not longer than it can match. Both only leave out
    rules that cannot match, and the rules left are tried in the alternation's order, so the
    first that matches is the alternation's. A line that starts with white space (or an empty
    one) goes to ``whole``: its leading ``[ws]{0,64}`` would try the rules again at each shorter
    indent.
    """
    if not line or line[0] in _WS:
        m = getattr(rules, whole).fullmatch(line)
        return (m.lastgroup or "") if m else None
    n = len(line)
    if line[-1] in _WS:
        n -= min(64, n - len(line.rstrip(_WS)))  # what the trailing [ws]{0,64} may take
    among &= rules.line_lengths[min(n, LONG_CHROME_MAX)]
    if among & ~rules.line_ungated:
        for least, scan in scans:
            if n >= least:
                break
        found = rules.line_ungated
        if scan is not None:
            by_word = rules.line_words
            for word in set(scan.findall(line)):
                found |= by_word[word]
        among &= found
    line_rules = rules.line_rules
    while among:
        low = among & -among
        group, rx = line_rules[low.bit_length() - 1]
        if rx.fullmatch(line):
            return group
        among ^= low
    return None


def _classify_line(line: str, rules: _Rules) -> tuple[int, bool, str]:
    if not line:
        return _BODY, False, ""
    tail = rules.tail.match(line) is not None
    if len(line) > CHROME_MAX:
        g = _line_rule(line, rules, rules.long_rules, "long", rules.long_scans) if len(line) <= LONG_CHROME_MAX else None
        return (_STRONG, tail, g) if g is not None else (_BODY, tail, "")
    g = _line_rule(line, rules, (1 << len(rules.line_rules)) - 1, "strong", rules.line_scans)
    if g is not None:
        return _STRONG, tail, g
    m = rules.label.fullmatch(line)
    if m:
        return _LABEL, tail, m.lastgroup or ""
    return (_WEAK if rules.weak.fullmatch(line) else _BODY), tail, ""


def find_chrome(text: str) -> list[tuple[int, int, str]]:
    """Spans of ``text`` that are boilerplate, each with the reason: ``(start, end, rule)``.

    >>> t = "标题\\n来源：人民网\\n正文第一段写得很长很长很长。\\n友情提示：本文仅供参考。"
    >>> [(t[s:e], why) for s, e, why in find_chrome(t)]
    [('来源：人民网\\n', 'source-line'), ('友情提示：本文仅供参考。', 'footer')]
    """
    if not text:
        return []
    rules = _rules()
    full_view = simplified_view(text)
    # Injected ads go first, and lines are judged as they read without them: an ad that makes a
    # line long must not save the line from a rule that the next run would apply.
    ads = _find_ads(full_view, rules)
    view, keep = _without(full_view, ads)
    lines = view.split("\n")
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    n = len(lines)
    # each line is judged as the later fixes will leave it: a doubled comma or letter spacing
    # must not decide whether a bounded pattern matches, or whether two lines are the same
    judgements = [_judge(line, rules) for line in lines]
    judged = [j[0] for j in judgements]
    kinds = [j[1] for j in judgements]
    tails = [j[2] for j in judgements]
    label_names = [j[3] for j in judgements]
    content = [_content(line) for line in judged]
    why: dict[int, str] = {}

    # labels: with their value, or weak
    for i in range(n):
        if kinds[i] == _LABEL:
            value = rules.label_values[label_names[i]]
            if i + 1 < n and kinds[i + 1] != _STRONG and value.fullmatch(judged[i + 1]):
                why[i] = why[i + 1] = rules.names[label_names[i]]
                kinds[i + 1] = _STRONG
                kinds[i] = _STRONG
            else:
                kinds[i] = _WEAK
        elif kinds[i] == _STRONG:
            why[i] = rules.names.get(label_names[i], "chrome")
    # a footer marker alone on its line is chrome wherever it stands
    for i in range(n):
        if tails[i] and kinds[i] != _STRONG:
            m = rules.tail.match(judged[i])
            # what follows the marker may be punctuation only (友情提示::), which later fixes
            # widen and collapse: it must not decide whether the line goes
            if m and not content[i][len(_content(m.group())) :].strip(_PUNCTUATION):
                kinds[i] = _STRONG
                why[i] = rules.names.get(m.lastgroup or "", "footer")
    # breadcrumb items: a short line right after a separator line
    for i in range(1, n):
        if kinds[i] == _BODY and kinds[i - 1] == _WEAK and _SEPARATOR.fullmatch(content[i - 1]):
            c = content[i]
            if 0 < len(c) <= _CRUMB_ITEM_LENGTH and not any(p in c for p in "。，；：！？,;:!?"):
                kinds[i] = _WEAK

    # the head: lines before the first paragraph; a repeat of an earlier head line is a title
    # printed twice by the page
    first_body = n
    for i in range(n):
        if kinds[i] == _BODY and _is_paragraph(content[i]):
            first_body = i
            break
    seen: set[str] = set()
    for i in range(first_body):
        c = content[i]
        if len(c) < 4:
            continue
        key = _title_key(c)
        if key in seen and kinds[i] != _STRONG:
            kinds[i] = _STRONG
            why[i] = "repeated-title"
        seen.add(key)

    # weak lines inside a block of chrome
    i = 0
    while i < n:
        if kinds[i] in (_WEAK, _STRONG):
            j = i
            anchored = False
            while j < n and (kinds[j] in (_WEAK, _STRONG) or not content[j]):
                anchored = anchored or kinds[j] == _STRONG
                j += 1
            if anchored:
                for k in range(i, j):
                    if kinds[k] == _WEAK:
                        kinds[k] = _STRONG
                        why[k] = "toolbar"
            i = j
        else:
            i += 1

    removed = [kinds[i] == _STRONG for i in range(n)]

    # the footer: the first marker after which every line looks like a footer
    head = _head_window(content, removed, first_body)
    last_head_line = _last_head_line(content, removed, first_body)
    footer_from = [True] * (n + 1)
    for i in range(n - 1, -1, -1):
        footer_from[i] = footer_from[i + 1] and _footer_line(
            judged[i], content[i], removed[i] or tails[i], head if i > last_head_line else "", rules
        )
    cut = n
    for i in range(first_body + 1, n):
        if tails[i] and footer_from[i + 1]:
            cut = i
            break

    # lines at the very end that repeat the opening
    k = cut - 1
    while k > last_head_line:
        c = content[k]
        if c and not removed[k]:
            if len(c) < 6 or c not in head:
                break
            removed[k] = True
            why[k] = "repeated-title"
        k -= 1

    spans: list[tuple[int, int, str]] = list(ads)
    for i in range(min(cut, n)):
        if removed[i]:
            s = starts[i]
            e = s + len(lines[i]) + (1 if i + 1 < n else 0)
            spans.append((_back_start(keep, s, len(text)), _back_end(keep, e), why.get(i, "chrome")))
    if cut < n:
        spans.append((_back_start(keep, starts[cut], len(text)), len(text), "footer"))
    return _merge(spans)


_META = frozenset("\\.^$*+?{}[]|()")


def _leading_literal(pattern: str) -> str:
    """The characters a pattern starts with before any regex syntax (its literal prefix); a
    character followed by a quantifier does not count."""
    out = []
    for i, ch in enumerate(pattern):
        if ch in _META:
            if ch in "*?{" and out:
                out.pop()
            break
        out.append(ch)
    return "".join(out).lower()


def _find_ads(view: str, rules: _Rules) -> list[tuple[int, int, str]]:
    if not rules.inline:
        return []
    lowered = None
    found: list[tuple[int, int, int, str]] = []
    for order, (name, literal, rx) in enumerate(rules.inline):
        if literal:
            lowered = lowered if lowered is not None else view.lower()
            if literal not in lowered:
                continue
        found.extend((m.start(), order, m.end(), name) for m in rx.finditer(view) if m.end() > m.start())
    found.sort()
    ads: list[tuple[int, int, str]] = []
    for s, _, e, name in found:
        if s > 0 and view[s - 1] in "（(【":
            s -= 1
        # the spaces around an injected ad go with it, or they would be left at a line
        # edge for a later fix to trim
        while s > 0 and view[s - 1] in _WS:
            s -= 1
        while e < len(view) and view[e] in _WS:
            e += 1
        if ads and s < ads[-1][1]:
            continue
        ads.append((s, e, name))
    return ads


def _without(view: str, spans: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """``view`` without ``spans``, and its kept pieces as (start in the result, start in view)."""
    if not spans:
        return view, [(0, 0)]
    parts: list[str] = []
    keep: list[tuple[int, int]] = []
    pos = size = 0
    for s, e, _why in spans:
        keep.append((size, pos))
        parts.append(view[pos:s])
        size += s - pos
        pos = e
    keep.append((size, pos))
    parts.append(view[pos:])
    return "".join(parts), keep


def _back_start(keep: list[tuple[int, int]], p: int, length: int) -> int:
    """Position in the original of the character at ``p`` of the text without ads."""
    k = bisect_right(keep, (p, length + 1)) - 1
    return keep[k][1] + p - keep[k][0]


def _back_end(keep: list[tuple[int, int]], p: int) -> int:
    """Position in the original just after the character before ``p`` of the text without ads."""
    if p == 0:
        return 0
    k = bisect_right(keep, (p - 1, 1 << 62)) - 1
    return keep[k][1] + p - keep[k][0]


def looks_like_chrome(line: str) -> bool:
    """Is ``line`` (one line) chrome on its own, a field label or the first line of a footer?

    >>> looks_like_chrome("責任編輯：李莎莎"), looks_like_chrome("全年新增就业60万人。")
    (True, False)
    """
    rules = _rules()
    view = _squeeze(simplified_view(line))
    if rules.tail.match(view):
        return True
    if len(view) > CHROME_MAX:
        return False
    # the line rules as _classify_line tries them (the rules ``strong`` would try, gated)
    strong = _line_rule(view, rules, (1 << len(rules.line_rules)) - 1, "strong", rules.line_scans) is not None
    return strong or rules.label.fullmatch(view) is not None


def _is_paragraph(c: str) -> bool:
    return len(c) >= BODY_LENGTH or (len(c) >= 10 and c[-1] in SENTENCE_END)


def _head_window(content: list[str], removed: list[bool], first_body: int) -> str:
    """The opening as one string (white space aside): the head and the first paragraphs."""
    parts: list[str] = []
    size = 0
    paragraphs = 0
    for i, c in enumerate(content):
        if removed[i] or not c:
            continue
        parts.append(c)
        size += len(c)
        if i >= first_body and _is_paragraph(c):
            paragraphs += 1
        if size >= HEAD_WINDOW or paragraphs >= 3:
            break
    return "".join(parts)


def _last_head_line(content: list[str], removed: list[bool], first_body: int) -> int:
    """Index of the last line that belongs to the head window."""
    size = 0
    paragraphs = 0
    last = -1
    for i, c in enumerate(content):
        if removed[i] or not c:
            continue
        last = i
        size += len(c)
        if i >= first_body and _is_paragraph(c):
            paragraphs += 1
        if size >= HEAD_WINDOW or paragraphs >= 3:
            break
    return last


def _footer_line(line: str, c: str, chrome: bool, head: str, rules: _Rules) -> bool:
    """Does a line after a footer marker look like part of the footer?"""
    return (
        not c
        or chrome
        or rules.tail_anywhere.search(line) is not None
        or (len(c) <= FOOTER_TITLE_LENGTH and c[-1] not in SENTENCE_END)
        or (len(c) >= 6 and bool(head) and c in head)
    )


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for s, e, why in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e, out[-1][2])
        else:
            out.append((s, e, why))
    return out


def remove_boilerplate(text: str) -> list[Edit]:
    """Remove site chrome: toolbars, breadcrumbs, 来源/编辑 lines, captions, footers, ads.

    >>> t = "标题\\n来源：人民网\\n正文第一段写得很长很长很长。\\n友情提示：本文仅供参考。"
    >>> from wfltext.normalize.offsets import OffsetMap
    >>> OffsetMap.identity(len(t)).apply(t, remove_boilerplate(t))[0]
    '标题\\n正文第一段写得很长很长很长。\\n'
    """
    return [Edit(s, e, "", why) for s, e, why in find_chrome(text)]


__all__ = ["remove_boilerplate", "find_chrome"]
