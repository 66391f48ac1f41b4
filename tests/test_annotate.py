"""Gold records from an annotator's list of spans (``wfltext.annotate``, ``wfltext gold``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from wfltext.annotate import parse, place
from wfltext.errors import InputError
from wfltext.evaluate import evaluate

TEXT = "县妇联2023年工作总结\n一年来，县妇联举办“春蕾计划”助学活动，资助贫困女童\n25名。县妇联联合县教育局开展《家庭教育促进法》宣传。\n"
LIST = """# type\ttext\tfields
organization\t县妇联\t{"norm": "县妇联"}
number\t2023年\t{"norm": "2023年", "value": null, "unit": null, "kind": "date", "object": null, "approx": false, "bound": null, "range": null, "masked": false, "date": "2023"}
organization\t县妇联\t{"norm": "县妇联"}
program\t“春蕾计划”助学活动\t{"norm": "春蕾计划助学活动"}
number\t25名\t{"norm": "25名", "value": 25, "unit": "名", "kind": "count", "object": "贫困女童", "approx": false, "bound": null, "range": null, "masked": false}
organization\t县妇联\t{"norm": "县妇联"}
organization\t县教育局\t{"norm": "县教育局"}
document\t《家庭教育促进法》\t{"norm": "家庭教育促进法"}
"""


def test_spans_are_placed_in_document_order_with_exact_offsets() -> None:
    rows = place(TEXT, parse(LIST.splitlines()), "d")
    assert [r["text"] for r in rows] == ["县妇联", "2023年", "县妇联", "“春蕾计划”助学活动", "25名", "县妇联", "县教育局", "《家庭教育促进法》"]
    assert all(TEXT[r["start"]:r["end"]] == r["text"] for r in rows)
    # each 县妇联 is its own mention, in order, and a second 县… inside 县教育局 is not taken for one
    assert [r["start"] for r in rows if r["norm"] == "县妇联"] == [0, TEXT.index("县妇联举办"), TEXT.index("县妇联联合")]
    assert rows[4]["value"] == 25 and rows[4]["object"] == "贫困女童"


def test_a_line_break_inside_a_span_and_a_pinned_start() -> None:
    text = "培训妇女* ***人\n次。县妇联工作总结\n县妇联工作总结"
    lines = ['number\t* ***人\\n次\t{"norm": "****人次", "value": null, "unit": "人次", "kind": "count", "object": "妇女", '
             '"approx": false, "bound": null, "range": null, "masked": true}',
             f'organization\t县妇联\t{{"norm": "县妇联", "start": {text.rindex("县妇联")}}}']
    rows = place(text, parse(lines), "d")
    assert rows[0]["text"] == "* ***人\n次" and text[rows[0]["start"]:rows[0]["end"]] == rows[0]["text"]
    # the pinned start is the record's offset (the first 县妇联, in the repeated title, is passed over)
    assert rows[1]["start"] == text.rindex("县妇联") and set(rows[1]) == {"doc", "type", "text", "start", "end", "norm"}


@pytest.mark.parametrize("line,message", [
    ("organization\t县妇联", "separated by tabs"),
    ("place\t县妇联\t{\"norm\": \"县妇联\"}", "unknown type"),
    ("organization\t县妇联\t{norm}", "not a JSON object"),
    ("organization\t县妇联\t{\"level\": \"县\"}", "with a norm"),
    ("number\t25名\t{\"norm\": \"25名\", \"value\": 25}", "a number needs unit"),
])
def test_a_badly_formed_line_is_named(line: str, message: str) -> None:
    with pytest.raises(InputError, match=f"line 1: .*{message}"):
        parse([line])


def test_a_span_not_in_the_text_or_out_of_order_is_named() -> None:
    with pytest.raises(InputError, match="line 1: '县总工会' not found"):
        place(TEXT, parse(['organization\t县总工会\t{"norm": "县总工会"}']), "d")
    out_of_order = ['organization\t县教育局\t{"norm": "县教育局"}', 'number\t2023年\t{"norm": "2023年", "value": null, "unit": null, '
                    '"kind": "date", "object": null, "approx": false, "bound": null, "range": null, "masked": false}']
    with pytest.raises(InputError, match="line 2: '2023年' not found .*document order"):
        place(TEXT, parse(out_of_order), "d")
    with pytest.raises(InputError, match="does not stand at 5"):
        place(TEXT, parse(['organization\t县妇联\t{"norm": "县妇联", "start": 5}']), "d")


def test_the_command_writes_a_gold_file_that_evaluate_scores(tmp_path) -> None:
    (tmp_path / "report.txt").write_text(TEXT, encoding="utf-8", newline="")
    (tmp_path / "report.tsv").write_text(LIST, encoding="utf-8")
    out = tmp_path / "report.gold.jsonl"
    proc = subprocess.run([sys.executable, "-m", "wfltext", "gold", str(tmp_path / "report.txt"), str(tmp_path / "report.tsv"),
                           "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "8 records" in proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["doc"] for r in rows} == {"report.txt"}
    report, _ = evaluate(out)  # the gold file's doc names the text beside it
    assert report.strict["organization"].gold == 4 and report.strict["number"].gold == 2
    bad = subprocess.run([sys.executable, "-m", "wfltext", "gold", str(tmp_path / "report.txt"), str(tmp_path / "missing.tsv")],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "cannot read the list" in bad.stderr
