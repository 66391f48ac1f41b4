"""A fuzzer that speaks the genre: structure-aware mutations of real work reports with a
dictionary taken from the package's own lexicons.

Byte-level fuzzing (``fuzz_analyze.py``) rarely writes ``一九五两年``, ``201*0个``, ``強(qiáng)``
or ``“三八”红旗手、巾帼建功和五好家庭``; this one writes little else. Each case is a slice of a report
in ``../shared/realcorpus`` (or ``$WFLTEXT_SHARED/realcorpus``) with a few mutations:

* insert a dictionary word (units, markers, organization and program names, slogan frames,
  document types, Chinese digits and multipliers) at a random place;
* replace a numeral with a generated one (Chinese positional, digit by digit, mixed Arabic and
  Chinese, masked ``201*0``, fractions ``三分之一``, ranges ``两三``, percentages);
* annotate a character with pinyin ``(qiáng)``, wrap a span in quotes or ``《》``, coordinate two
  spans with ``、``/``和``/``及``, duplicate or cut a line, turn a line into a heading
  (``一、``, ``（二）``, ``3.``), splice in a line of another report, insert a mask ``*``/``×``.

The same generators make the hypothesis strategy :func:`genre_texts`, which the test suite uses
(``tests/test_properties.py``) for a few dozen examples per run.

A finding is any exception other than a :class:`wfltext.WfltextError` — an ``InternalError``
(an unexpected exception that ``analyze()`` wrapped) counts as one — a record whose
``original[start:end] != text``, or an input analyzed twice with different records (checked on
one case in eight). Findings go to ``$WFLTEXT_FUZZ_FINDINGS`` (default
``/tmp/fuzz-genre-findings``): ``findings.jsonl``, one line per distinct kind and place with the
input and its traceback.

    python benchmarks/fuzz_genre.py --minutes 10 --seed 1
    python benchmarks/fuzz_genre.py --replay /tmp/fuzz-genre-findings/findings.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
import traceback
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import wfltext  # noqa: E402
from wfltext import lexicons  # noqa: E402
from wfltext.errors import InternalError, WfltextError  # noqa: E402

CN_DIGITS = "零〇一二两三四五六七八九"
SMALL_UNITS = "十百千"
BIG_UNITS = "万亿"
MASKS = "*＊×xX"
QUOTES = [("“", "”"), ("《", "》"), ("「", "」"), ("\"", "\""), ("（", "）"), ("(", ")")]
COORD = ["、", "和", "及", "与", "以及", "，", "/"]
HEADINGS = ["一、", "二、", "（一）", "（二）", "1.", "2、", "一是", "第一，", "（1）", "①"]
MARKERS_FALLBACK = ["余", "多", "近", "约", "超过", "以上", "左右", "达", "共"]


def shared_dir() -> Path:
    return Path(os.environ.get("WFLTEXT_SHARED") or ROOT.parent / "shared")


@lru_cache(maxsize=1)
def reports() -> tuple[str, ...]:
    """The real reports, decoded (an empty tuple when the shared folder is missing)."""
    out = []
    for path in sorted((shared_dir() / "realcorpus").rglob("*.txt")):
        try:
            out.append(wfltext.read(path).text)
        except WfltextError:
            continue
    return tuple(out)


def _first_column(name: str) -> list[str]:
    try:
        rows = lexicons.table(name)
    except Exception:  # noqa: BLE001 - a lexicon renamed elsewhere must not stop the fuzzer
        return []
    return [r[0] for r in rows if r and r[0]]


def _entries(name: str) -> list[str]:
    try:
        return [e for e in lexicons.entries(name) if e]
    except Exception:  # noqa: BLE001
        return []


@lru_cache(maxsize=1)
def dictionary() -> dict[str, list[str]]:
    """Words of the genre by role, from the package lexicons."""
    words = {
        "unit": _first_column("number_units.tsv"),
        "marker": _first_column("number_markers.tsv") or MARKERS_FALLBACK,
        "org": _first_column("org_names.tsv") + _first_column("org_heads.tsv") + _first_column("org_abbreviations.tsv"),
        "program": _entries("program_known.txt") + _first_column("program_heads.tsv") + _entries("program_brands.txt"),
        "frame": _first_column("slogan_frames.tsv") + _first_column("slogan_verbs.tsv"),
        "doctype": _first_column("doctitle_types.tsv"),
        "level": _entries("program_levels.txt") + _first_column("org_levels.tsv"),
        "place": _entries("org_places.txt"),
        "pinyin": _entries("norm_pinyin_syllables.txt"),
        "numchar": _first_column("number_chars.tsv"),
        "garble": _first_column("garbles.tsv"),
        "t2s": _first_column("norm_t2s_phrases.tsv"),
    }
    return {k: v for k, v in words.items() if v}


TONES = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "v": "ǖǘǚǜ"}


# -- generators --------------------------------------------------------------------------------


def numeral(rng: random.Random) -> str:
    """A numeral as reports write them, valid or nearly so."""
    kind = rng.randrange(10)
    if kind == 0:  # positional Chinese
        out = ""
        for unit in rng.sample(["亿", "万", "千", "百", "十", ""], rng.randint(1, 4)):
            out += rng.choice(CN_DIGITS[1:]) + unit
        return out
    if kind == 1:  # digit by digit (years), sometimes with 两 or 〇
        return "".join(rng.choice(CN_DIGITS) for _ in range(rng.choice((2, 4, 4, 6))))
    if kind == 2:  # mixed
        return f"{rng.randint(0, 9999)}{rng.choice(['.', ''])}{rng.randint(0, 99)}{rng.choice(BIG_UNITS + '千百')}"
    if kind == 3:  # masked
        digits = list(str(rng.randint(1, 10**rng.randint(1, 8))))
        for _ in range(rng.randint(1, 2)):
            digits.insert(rng.randrange(len(digits) + 1), rng.choice(MASKS))
        return "".join(digits)
    if kind == 4:  # fraction
        return rng.choice(["三分之一", "百分之" + rng.choice(CN_DIGITS[1:]) + "十", "5/8", "千分之" + rng.choice(CN_DIGITS), "1又2分之1"])
    if kind == 5:  # approximate pair
        a = rng.randrange(1, 9)
        return CN_DIGITS[a + 2 if a > 1 else 2] + CN_DIGITS[min(a + 3, 11)] + rng.choice(["", "十", "百", "千", "万"])
    if kind == 6:  # Arabic with separators, percent, decimals
        return rng.choice([f"{rng.randint(1, 10**7):,}", f"{rng.random() * 100:.{rng.randint(0, 3)}f}%", f"{rng.randint(1, 99)}．{rng.randint(0, 9)}", str(rng.randint(0, 10**12))])
    if kind == 7:  # full-width
        return "".join(chr(ord(c) + 0xFEE0) for c in str(rng.randint(0, 99999)))
    if kind == 8:  # a random run of numeral characters
        chars = dictionary().get("numchar") or list(CN_DIGITS + SMALL_UNITS + BIG_UNITS)
        return "".join(rng.choice(chars) for _ in range(rng.randint(1, 8)))
    return rng.choice(["19", "20"]) + str(rng.randint(0, 99)).zfill(2) + rng.choice(["年", "年度", "—" + str(rng.randint(1990, 2030)) + "年", "年代"])


def word(rng: random.Random) -> str:
    d = dictionary()
    role = rng.choice(sorted(d))
    w = rng.choice(d[role])
    if role == "unit" or role == "marker":
        w = numeral(rng) + w if rng.random() < 0.7 else w
    return w


def pinyin(rng: random.Random) -> str:
    syl = rng.choice(dictionary().get("pinyin") or ["qiang"])
    vowels = [i for i, c in enumerate(syl) if c in TONES]
    if vowels and rng.random() < 0.8:
        i = rng.choice(vowels)
        syl = syl[:i] + rng.choice(TONES[syl[i]]) + syl[i + 1 :]
    open_, close = rng.choice([("(", ")"), ("（", "）")])
    return open_ + syl + close


def _lines_of(text: str) -> list[str]:
    return text.split("\n")


def mutate(rng: random.Random, text: str, n: int | None = None) -> str:
    """``n`` structure-aware mutations of ``text`` (1–6 by default)."""
    docs = reports()
    for _ in range(n if n is not None else rng.randint(1, 6)):
        op = rng.randrange(12)
        pos = rng.randrange(len(text) + 1)
        if op <= 2:
            text = text[:pos] + word(rng) + text[pos:]
        elif op == 3:
            text = text[:pos] + numeral(rng) + text[pos:]
        elif op == 4:  # replace a numeral-looking run
            i = pos
            while i < len(text) and not (text[i].isdigit() or text[i] in CN_DIGITS):
                i += 1
            j = i
            while j < len(text) and (text[j].isdigit() or text[j] in CN_DIGITS + SMALL_UNITS + BIG_UNITS + ".,"):
                j += 1
            text = text[:i] + numeral(rng) + text[j:]
        elif op == 5 and pos > 0:  # pinyin after a character
            text = text[:pos] + pinyin(rng) + text[pos:]
        elif op == 6:  # quotes around a span
            end = min(len(text), pos + rng.randint(0, 12))
            a, b = rng.choice(QUOTES)
            text = text[:pos] + a + text[pos:end] + (b if rng.random() < 0.9 else "") + text[end:]
        elif op == 7:  # coordination
            text = text[:pos] + rng.choice(COORD).join(word(rng) for _ in range(rng.randint(2, 4))) + text[pos:]
        elif op == 8:  # a heading
            start = text.rfind("\n", 0, pos) + 1
            text = text[:start] + rng.choice(HEADINGS) + text[start:]
        elif op == 9:  # duplicate or cut a line
            lines = _lines_of(text)
            k = rng.randrange(len(lines))
            if rng.random() < 0.5:
                lines.insert(k, lines[k])
            else:
                cut = rng.randrange(len(lines[k]) + 1)
                lines[k : k + 1] = [lines[k][:cut], lines[k][cut:]]
            text = "\n".join(lines)
        elif op == 10 and docs:  # splice a line of another report
            other = _lines_of(rng.choice(docs))
            line = rng.choice(other)[:300]
            text = text[:pos] + "\n" + line + "\n" + text[pos:]
        else:  # masks and stray characters of scraped pages
            text = text[:pos] + rng.choice(list(MASKS) + ["\u3000", "\t", "　　", "…", "&nbsp;", "�", "此处隐藏12个字"]) + text[pos:]
    return text


def case(rng: random.Random, max_chars: int = 1500) -> str:
    """A fuzz case: a slice of a real report (a few lines), mutated."""
    docs = reports()
    if docs:
        doc = rng.choice(docs)
        start = rng.randrange(len(doc))
        start = doc.rfind("\n", 0, start) + 1
        text = doc[start : start + rng.randint(20, max_chars)]
    else:
        text = "县妇联2019年工作总结\n一、加强思想引领\n今年以来，组织开展“巾帼建功”活动50余场，培训妇女3000余人次。"
    return mutate(rng, text)


def genre_texts():
    """A hypothesis strategy of fuzz cases (needs the ``test`` extra's hypothesis)."""
    from hypothesis import strategies as st

    return st.builds(lambda r: case(r, 600), st.randoms(use_true_random=False))


# -- checking ----------------------------------------------------------------------------------


def check(text: str, *, twice: bool = False) -> str | None:
    """None when ``text`` analyzes within the contract, else what went wrong (with a traceback)."""
    try:
        doc = wfltext.analyze(text)
        recs = doc.records
    except InternalError as err:
        cause = err.__cause__ or err
        return "".join(traceback.format_exception(type(cause), cause, cause.__traceback__))
    except WfltextError:
        return None
    except Exception as err:  # noqa: BLE001
        return "".join(traceback.format_exception(type(err), err, err.__traceback__))
    for r in recs:
        if not (0 <= r.start <= r.end <= len(doc.original)) or doc.original[r.start : r.end] != r.text:
            return f"offsets: {r.type} {r.text!r} at {r.start}:{r.end} reads {doc.original[r.start:r.end]!r}"
    if twice:
        again = [r.to_dict() for r in wfltext.analyze(text).records]
        if again != [r.to_dict() for r in recs]:
            return "nondeterministic: the same input gave different records"
    return None


def signature(problem: str) -> str:
    """Kind and innermost place of a finding, so each bug is recorded once."""
    lines = [ln.strip() for ln in problem.strip().splitlines() if ln.strip()]
    places = [ln for ln in lines if ln.startswith("File ") and "wfltext" in ln]
    last = re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "…", lines[-1])  # the kind, not the input's values
    return (places[-1] if places else "") + " | " + last[:120]


def fuzz(minutes: float, seed: int, out: Path) -> dict:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    findings_file = out / "findings.jsonl"
    if findings_file.exists():
        seen = {json.loads(line)["signature"] for line in findings_file.open(encoding="utf-8")}
    end = time.monotonic() + minutes * 60
    cases = found = 0
    t0 = time.monotonic()
    reports()  # load before the clock matters
    wfltext.analyze("县妇联2019年工作总结")
    while time.monotonic() < end:
        text = case(rng)
        problem = check(text, twice=cases % 8 == 0)
        cases += 1
        if problem:
            sig = signature(problem)
            if sig not in seen:
                seen.add(sig)
                found += 1
                with findings_file.open("a", encoding="utf-8") as f:
                    f.write(json.dumps({"signature": sig, "input": text, "problem": problem}, ensure_ascii=False) + "\n")
                print(f"NEW FINDING {found}: {sig}", flush=True)
        if cases % 500 == 0:
            print(f"pulse: {cases} cases, {found} new findings, {time.monotonic() - t0:.0f} s", flush=True)
    stats = {"cases": cases, "seconds": round(time.monotonic() - t0, 1), "new_findings": found, "seed": seed}
    print("DONE " + json.dumps(stats), flush=True)
    return stats


def replay(path: Path) -> int:
    bad = 0
    for line in path.open(encoding="utf-8"):
        item = json.loads(line)
        problem = check(item["input"], twice=True)
        print(("STILL " if problem else "fixed ") + item["signature"])
        bad += bool(problem)
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--minutes", type=float, default=5.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, default=Path(os.environ.get("WFLTEXT_FUZZ_FINDINGS", "/tmp/fuzz-genre-findings")))
    p.add_argument("--replay", type=Path, help="check again the inputs of a findings.jsonl")
    args = p.parse_args(argv)
    if args.replay:
        return replay(args.replay)
    fuzz(args.minutes, args.seed, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
