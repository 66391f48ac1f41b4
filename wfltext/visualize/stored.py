"""A document of a corpus store as the views show it: the stored records and metadata, with the
text read again from the file the run analyzed (``wfltext show --db``, the dashboard's key
sentences)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any


def from_store(db: str, doc: str, root: str | None = None, key_sentences: int = 5) -> dict[str, Any]:
    """The document dict of ``doc`` (id or path) in a corpus store: its stored records and
    metadata, with the text read again from the file the run analyzed, and its
    ``key_sentences`` best sentences (0: none)."""
    from ..analysis import analyze_source
    from ..errors import InputError
    from ..files import container_of, read_bytes, report_spans, source_from_bytes
    from ..store import Store, row_record

    with Store(db, create=False) as store:
        rows = [r for r in store.documents() if r["id"] == doc] or [r for r in store.documents() if r["path"] == doc]
        if not rows:
            raise InputError(f"has no document {doc!r}", source=db)
        row = rows[0]
        if row["status"] == "failed":
            raise InputError(f"{row['id']} failed in the run ({row['error_code']}: {row['error_message']}); nothing to show", source=db)
        folder = root
        if folder is None:
            found = store.db.execute("SELECT root FROM runs WHERE id = ?", (row["run"],)).fetchone() if row["run"] is not None else None
            found = found or store.db.execute("SELECT root FROM runs ORDER BY id DESC LIMIT 1").fetchone()
            folder = found[0] if found else None
        cur = store.db.execute("SELECT * FROM records WHERE doc = ? ORDER BY seq", (row["id"],))
        columns = [c[0] for c in cur.description]
        records = [row_record(tuple(r), columns) for r in cur]
    if folder is None:
        raise InputError("does not say where its corpus folder is; pass --root", source=db)
    file = Path(folder) / row["path"]
    if not file.is_file():
        raise InputError(f"{file} is gone (the corpus folder moved?); pass --root FOLDER", source=db)
    data = read_bytes(file, name=row["path"])
    if row.get("hash") and hashlib.sha256(data).hexdigest() != row["hash"]:
        print(
            f"wfltext: warning: {file} changed since the run; records that no longer match the text are outlined in red "
            "(run the corpus again to refresh them)",
            file=sys.stderr,
        )
    source = source_from_bytes(data, row["path"], container_of(file))
    spans = {i: (s, e) for i, s, e in report_spans(source.text, row["path"])}
    span = spans.get(row["id"], (0, len(source.text)))
    # the stored records are shown: the Document gives the text, its outline and fixes only
    document = analyze_source(source, row["id"], span=span, types=())
    metadata = {k: row.get(k) for k in ("title", "body", "place", "genre", "year")}
    return {
        "doc": row["id"],
        "text": document.original,
        "normalized": document.text,
        "metadata": metadata,
        "outline": [sec.to_dict() for sec in document.outline],
        "fixes": [st.to_dict() for st in document.normalized.steps],
        "records": records,
        "key_sentences": [k.to_dict() for k in key_sentences_of(document, key_sentences)] if key_sentences > 0 else [],
    }


def key_sentences_of(document: Any, n: int) -> list[Any]:
    from ..keysentences import key_sentences

    return key_sentences(document, n)


__all__ = ["from_store", "key_sentences_of"]
