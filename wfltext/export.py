"""Writing records: JSONL (one object a line, RECORDS contract) and CSV (Excel-readable)."""

from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from .records import Record

#: CSV columns: every field of every record type, lists as JSON text
CSV_COLUMNS = (
    "doc", "type", "text", "start", "end", "norm", "section", "noisy",
    "value", "unit", "kind", "object", "approx", "bound", "range", "masked", "date",
    "level", "edition", "target", "theme", "canonical", "items", "frame", "doc_type", "number", "rule",
)


def record_dicts(records: Iterable[Record | dict]) -> Iterable[dict]:
    for r in records:
        yield r if isinstance(r, dict) else r.to_dict()


def write_records(records: Iterable[Record | dict], out: IO[str], fmt: str = "jsonl") -> int:
    n = 0
    if fmt == "jsonl":
        for d in record_dicts(records):
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        w = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for d in record_dicts(records):
            row = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple)) else v) for k, v in d.items()}
            w.writerow(row)
            n += 1
    else:
        raise ValueError(f"unknown format {fmt!r}: jsonl or csv")
    return n


__all__ = ["write_records", "CSV_COLUMNS"]
