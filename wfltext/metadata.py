"""Report metadata: title, issuing body, place, genre and year, read from the normalized text.

Rules look at the head of the report (title lines, the first paragraph) and at its last lines
(the signature), where these facts stand in the genre.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import regex

GENRES: tuple[tuple[str, str], ...] = (
    # genre, pattern in the title or first lines; order: the more specific first
    ("政府工作报告", r"政府工作报告"),
    ("调研报告", r"调研报告|调查报告"),
    ("交流材料", r"交流材料|经验材料|典型材料|发言材料|汇报材料"),
    ("工作计划", r"工作计划|工作要点|工作安排|工作打算|工作思路"),
    ("讲话", r"讲话|致辞|发言|报告会上"),
    ("工作总结", r"工作总结|总结|述职报告|工作报告"),
)

_BODY = regex.compile(
    r"(?:[\p{Han}]{1,8}?(?:省|市|县|区|旗|乡|镇|街道|村))?"
    r"(?:妇联|妇女联合会|总工会|工会|团委|团县委|团市委|共青团[\p{Han}]{0,6}委员会|党委|党支部|党总支|人民政府|政府|妇委会)"
)
_PLACE = regex.compile(r"[\p{Han}]{1,6}?(?:省|自治区|市|县|区|旗|乡|镇|街道)(?=[^\p{Han}]|妇联|总工会|团委|党委|人民政府|政府|第|20\d\d|19\d\d)")
_YEAR = regex.compile(r"(?<!\d)((?:19[5-9]|20[0-4])\d)(?:年|\s*[-—–]\s*(?:19|20)\d\d年)")


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    body: str | None = None
    place: str | None = None
    genre: str | None = None
    year: int | None = None
    #: how the year was found: "given", "title", "text", or None
    year_source: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _title(text: str) -> str | None:
    for line in text.split("\n")[:8]:
        line = line.strip()
        if 2 <= len(line) <= 60 and not regex.match(r"[一二三四五六七八九十]+、|各位代表", line):
            return line
    return None


def read_metadata(text: str, year: int | None = None) -> Metadata:
    title = _title(text)
    head = text[:600]
    genre = None
    for name, pattern in GENRES:
        if regex.search(pattern, title or "") or (genre is None and regex.search(pattern, head[:200])):
            genre = name
            break
    body_m = _BODY.search(head) or _BODY.search(text[-300:])
    body = body_m.group() if body_m else None
    place_m = _PLACE.search(title or "") or _PLACE.search(head)
    place = place_m.group() if place_m else None
    year_source = None
    if year is not None:
        year_source = "given"
    else:
        m = _YEAR.search(title or "")
        if m:
            year, year_source = int(m.group(1)), "title"
        else:
            m = _YEAR.search(head)
            if m:
                year, year_source = int(m.group(1)), "text"
    return Metadata(title, body, place, genre, year, year_source)


__all__ = ["Metadata", "read_metadata"]
