"""How to add a record type (docs/architecture.md): a toy type — dates of meetings, 会议 — with
its class and extractor in this file alone, seen in JSONL, CSV, Parquet, the store and the
document view without a change to any other module."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import ClassVar

import pytest
import regex

import wfltext
from wfltext.components import Component
from wfltext.records import Record, register, unregister

MEETING = regex.compile(r"(?:召开|举行)了?(\p{Han}{2,12}?会议)")


# 1. the record class: its fields are the contract (kinds come from the annotations)
@dataclass(frozen=True, slots=True)
class MeetingRecord(Record):
    type: ClassVar[str] = "meeting"
    label: ClassVar[str] = "会议 meeting"
    optional: ClassVar[tuple[str, ...]] = ("verb",)

    verb: str | None = None
    attendance: int | None = None


# 2. the extractor: what it reads from the document, what it makes
def extract_meetings(doc) -> list[Record]:
    return [
        doc.make_record(MeetingRecord, m.start(1), m.end(1), rule="召开…会议", verb=m.group()[:2])
        for m in MEETING.finditer(doc.text)
    ]


COMPONENT = Component("meeting", extract_meetings, requires=("text",), assigns=("records:meeting",))

TEXT = "年初，县妇联召开全县妇女工作会议，部署全年工作。全年培训妇女200名。"


@pytest.fixture
def meetings():
    # 3. register it (a plugin would do this when imported)
    register(MeetingRecord, COMPONENT)
    yield
    unregister("meeting")


def test_the_toy_type_is_extracted_with_the_others(meetings):
    doc = wfltext.analyze(TEXT, "toy.txt")
    meeting = doc.records_of("meeting")
    assert [(r.text, r.verb) for r in meeting] == [("全县妇女工作会议", "召开")]
    assert TEXT[meeting[0].start:meeting[0].end] == meeting[0].text
    assert {r.type for r in doc.records} >= {"meeting", "number", "organization"}
    assert [r.type for r in wfltext.analyze(TEXT, types=["meeting"]).records] == ["meeting"]


def test_jsonl_and_csv(meetings):
    from wfltext.export import read_csv, read_jsonl, write_records

    doc = wfltext.analyze(TEXT, "toy.txt")
    expected = [r.to_dict() for r in doc.records]
    assert {"verb": "召开"}.items() <= next(d for d in expected if d["type"] == "meeting").items()
    for fmt, read in (("jsonl", read_jsonl), ("csv", read_csv)):
        out = io.StringIO()
        write_records(doc.records, out, fmt)
        if fmt == "csv":
            assert "verb" in out.getvalue().splitlines()[0].split(",")
        assert list(read(io.StringIO(out.getvalue()))) == expected, fmt


def test_the_store_and_parquet(meetings, tmp_path):
    from wfltext.batch import run as run_corpus
    from wfltext.export import write_parquet
    from wfltext.store import Store, load

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "toy.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "toy.sqlite"
    run_corpus(str(corpus), str(db), workers=1)
    expected = [r.to_dict() for r in wfltext.analyze_file(corpus / "toy.txt", doc_id="toy.txt").records]
    with Store(db, create=False) as store:
        stored = list(store.records())
        assert stored == expected
        assert [r["verb"] for r in store.records(types=["meeting"])] == ["召开"]
        write_parquet(tmp_path / "parquet", stored, store.documents())
    frames = load(tmp_path / "parquet")
    row = frames.records[frames.records["type"] == "meeting"].iloc[0]
    assert row["text"] == "全县妇女工作会议" and json.loads(row["extra"]) == {"verb": "召开", "attendance": None}


def test_the_document_view(meetings):
    from wfltext.visualize.document import render_document

    html = render_document(wfltext.analyze(TEXT, "toy.txt").to_dict())
    assert 'class="rec t-meeting' in html
    assert "会议 meeting" in html  # its label in the legend
    assert '"verb"' in html  # its field, for the hover card
