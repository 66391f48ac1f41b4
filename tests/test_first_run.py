"""The first run a new user makes: ``wfltext run corpus/reports`` shows a corpus, ends with a short
table of the store, and a second run says there is nothing to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wfltext.cli import main
from wfltext.store import Store

from .conftest import CORPUS


def test_the_bundled_reports_make_a_corpus(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = tmp_path / "corpus.sqlite"
    assert main(["run", str(CORPUS / "reports"), "--db", str(db), "--workers", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    with Store(db, create=False) as store:
        docs = store.db.execute("SELECT COUNT(*), SUM(records) FROM documents WHERE status = 'done'").fetchone()
        formats = {r[0] for r in store.db.execute("SELECT DISTINCT format FROM documents")}
        encodings = {r[0] for r in store.db.execute("SELECT DISTINCT encoding FROM documents")}
    assert docs[0] >= 10 and docs[1] >= 500
    assert formats == {"text", "html", "docx"}
    assert {"utf-8", "gb18030", "big5"} <= encodings and any(e.startswith("utf-16") for e in encodings)
    lines = out.splitlines()
    assert lines[0].startswith(f"wfltext run: {docs[0]} files: {docs[0]} analyzed")
    assert f"-> {docs[0]} documents, {docs[1]} records" in lines[0]
    assert lines[1] == f"the store holds {docs[0]} documents and {docs[1]} records:"
    assert lines[2].split()[::2] == ["number", "program", "organization", "slogan", "document"]
    assert lines[3].startswith("  top programs: ") and lines[4].startswith("  top organizations: ")
    assert out.index("top organizations") < out.index("export:")
    # what the README tells a new user this run gives
    readme = (CORPUS.parent / "README.md").read_text(encoding="utf-8")
    said = re.search(r"(\d+) documents, (\d+) records", readme)
    assert said is not None and (int(said[1]), int(said[2])) == tuple(docs), "the README's figures of the first run are not this run's"

    assert main(["run", str(CORPUS / "reports"), "--db", str(db), "--workers", "1", "--no-progress"]) == 0
    again = capsys.readouterr().out.splitlines()
    assert again[0].endswith("every file was analyzed before: nothing to do")
    assert "-> 0 documents" not in again[0]


def test_one_document_is_counted_in_the_singular(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    report = tmp_path / "r" / "a.txt"
    report.parent.mkdir()
    report.write_text("培训妇女200名。\n", encoding="utf-8")
    assert main(["run", str(report.parent), "--db", str(tmp_path / "c.sqlite"), "--workers", "1", "--no-progress"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "1 file: 1 analyzed" in first and "-> 1 document, 1 record," in first
