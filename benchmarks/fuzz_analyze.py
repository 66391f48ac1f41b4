"""Coverage-guided fuzzing of ``wfltext.analyze`` and the file readers with atheris.

Each input's first byte chooses the entry point, the rest is the payload:

* ``analyze(bytes)`` — the reader's encoding detection, then the whole pipeline;
* ``analyze(str)`` — the payload decoded as UTF-8 with ``surrogatepass`` (so lone surrogates get
  through) — normalizer, outline, metadata and every extractor;
* ``analyze(str)`` on the payload decoded as GB18030 with replacement — mostly Han text, the
  shape real reports have;
* ``html_source`` / ``docx_source`` — the containers;
* ``split_reports`` + ``documents_of`` — multi-report files.

A finding is any of: an exception that is not a :class:`wfltext.WfltextError`; a record whose
``original[start:end] != text``; an input analyzed twice with different records (checked on one
input in eight, chosen by its length so that a crash replays); an input that runs longer than
``-timeout`` seconds (atheris' own watchdog). Exceptions are recorded once per kind and place in
``$WFLTEXT_FUZZ_FINDINGS`` (default ``/tmp/fuzz-findings``: ``findings.jsonl`` and the first input
of each) and fuzzing goes on; timeouts end the run with a ``timeout-*`` file (``-artifact_prefix=``).

    pip install atheris
    python benchmarks/fuzz_analyze.py /tmp/fuzz-corpus -max_total_time=1800 -timeout=20 \\
        -max_len=4096 -artifact_prefix=/tmp/fuzz-artifacts/
    WFLTEXT_FUZZ_STOP=1 python benchmarks/fuzz_analyze.py /tmp/fuzz-findings/finding-…  # replay

Seeds: when the corpus folder is empty, it is filled with slices of the reports in
``../shared/realcorpus`` (or ``$WFLTEXT_SHARED/realcorpus``) in each mode, so the fuzzer starts
from real report shapes; the seeds stay outside the repository. See ``docs/fuzzing.md``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import traceback
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]

with atheris.instrument_imports(include=["wfltext"]):
    import wfltext
    from wfltext import containers
    from wfltext.errors import WfltextError
    from wfltext.files import documents_of
    from wfltext.reader import Source

MODES = ("bytes", "utf8", "gb18030", "html", "docx", "split")


class Finding(AssertionError):
    """An invariant of the contract broken by one input."""


def _check_records(doc: wfltext.Document) -> list[tuple]:
    out = []
    for r in doc.records:
        if doc.original[r.start : r.end] != r.text:
            raise Finding(f"record {r.type} [{r.start}:{r.end}] rule={r.rule!r}: text {r.text!r} != original {doc.original[r.start:r.end]!r}")
        if not (0 <= r.start <= r.end <= len(doc.original)):
            raise Finding(f"record {r.type} [{r.start}:{r.end}] outside the original of {len(doc.original)} chars")
        out.append((r.type, r.start, r.end, r.text, r.norm, r.rule))
    return out


def _analyze_str(text: str, twice: bool) -> None:
    doc = wfltext.analyze(text, "fuzz")
    first = _check_records(doc)
    _ = doc.outline, doc.metadata, doc.sentences
    if twice:
        again = _check_records(wfltext.analyze(text, "fuzz"))
        if again != first:
            raise Finding(f"non-deterministic: {len(first)} records, then {len(again)}")


#: where findings go: one JSON line per distinct finding, and the first input of each
FINDINGS_DIR = Path(os.environ.get("WFLTEXT_FUZZ_FINDINGS", "/tmp/fuzz-findings"))
_seen: set[str] = set()
_counts = {"inputs": 0, "findings": 0}


def _where(err: BaseException) -> str:
    """The innermost frame of the package (else the innermost frame): a finding's identity."""
    frames = traceback.extract_tb(err.__traceback__)
    ours = [f for f in frames if "/wfltext/" in f.filename] or frames
    f = ours[-1]
    return f"{Path(f.filename).name}:{f.lineno}"


def _record(data: bytes, err: BaseException) -> None:
    """Keep the first input of each distinct finding and go on fuzzing (libFuzzer would stop)."""
    _counts["findings"] += 1
    key = f"{type(err).__name__}@{_where(err)}"
    if key in _seen:
        return
    _seen.add(key)
    FINDINGS_DIR.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:16]
    (FINDINGS_DIR / f"finding-{digest}").write_bytes(data)
    line = {"key": key, "input": f"finding-{digest}", "mode": MODES[data[0] % len(MODES)] if data else "",
            "error": f"{type(err).__name__}: {err}"[:500], "trace": traceback.format_exc()[-3000:]}
    with open(FINDINGS_DIR / "findings.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"fuzz_analyze: NEW FINDING {key}: {line['error'][:200]}", file=sys.stderr, flush=True)


def one_input(data: bytes) -> None:
    """The fuzz target. With ``WFLTEXT_FUZZ_STOP=1`` a finding stops the run (libFuzzer writes the
    crash file); by default it is recorded once per kind and place, and fuzzing goes on."""
    _counts["inputs"] += 1
    try:
        _one_input(data)
    except Exception as err:  # noqa: BLE001 - every escape is a finding
        if os.environ.get("WFLTEXT_FUZZ_STOP") == "1":
            raise
        _record(data, err)


def _one_input(data: bytes) -> None:
    if not data:
        return
    mode = MODES[data[0] % len(MODES)]
    payload = data[1:]
    twice = len(data) % 8 == 0
    try:
        if mode == "bytes":
            doc = wfltext.analyze(payload, "fuzz")
            _check_records(doc)
        elif mode == "utf8":
            try:
                text = payload.decode("utf-8", "surrogatepass")
            except UnicodeDecodeError:
                text = payload.decode("utf-8", "surrogateescape")
            _analyze_str(text, twice)
        elif mode == "gb18030":
            _analyze_str(payload.decode("gb18030", "replace"), twice)
        elif mode == "html":
            src = containers.html_source(payload, "<fuzz.html>")
            _check_records(wfltext.analyze(src.text, "fuzz"))
        elif mode == "docx":
            src = containers.docx_source(payload, "<fuzz.docx>")
            _check_records(wfltext.analyze(src.text, "fuzz"))
        else:
            text = payload.decode("utf-8", "replace")
            for doc in documents_of(Source(text, "utf-8", 1.0), "fuzz"):
                _check_records(doc)
    except WfltextError:
        pass


def _seed(folder: Path) -> None:
    shared = Path(os.environ.get("WFLTEXT_SHARED") or ROOT.parent / "shared")
    files = sorted((shared / "realcorpus").glob("*/*.txt"))
    n = 0
    for i, path in enumerate(files):
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        for j, start in enumerate(range(0, min(len(text), 6000), 1500)):
            piece = text[start : start + 1200]
            mode = (i + j) % len(MODES)
            if MODES[mode] in ("html", "docx"):
                mode = MODES.index("utf8")
            if MODES[mode] == "gb18030":
                payload = piece.encode("gb18030", "replace")
            else:
                payload = piece.encode("utf-8")
            (folder / f"seed-{i:02d}-{j}").write_bytes(bytes([mode]) + payload)
            n += 1
    html = "<html><body><h1>县妇联工作总结</h1><div class='content'><p>今年以来，县妇联组织开展“巾帼建功”活动50余场，培训妇女3000余人次。</p></div></body></html>"
    (folder / "seed-html").write_bytes(bytes([MODES.index("html")]) + html.encode("utf-8"))
    n += 1
    print(f"fuzz_analyze: seeded {folder} with {n} inputs", file=sys.stderr)


def main() -> None:
    folders = [a for a in sys.argv[1:] if not a.startswith("-")]
    if folders and Path(folders[0]).is_dir() and not any(Path(folders[0]).iterdir()):
        _seed(Path(folders[0]))
    import atexit

    atexit.register(lambda: print(
        f"fuzz_analyze: {_counts['inputs']} inputs, {_counts['findings']} findings, "
        f"{len(_seen)} distinct: {sorted(_seen)}", file=sys.stderr, flush=True))
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
