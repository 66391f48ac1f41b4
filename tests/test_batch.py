"""Corpus runs: the real corpus plus broken files, resuming after SIGKILL at chosen commits,
changed and outdated files, near-duplicates, bounded work in flight, crashed workers."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from wfltext import batch
from wfltext.batch import Options, Task
from wfltext.files import analyze_file
from wfltext.store import Store

from .conftest import needs_shared, real_corpus_files
from .test_containers import make_docx, make_page, paragraphs_of

pytestmark = needs_shared

#: small real reports, for the runs that are repeated many times
SUBSET = ("party-central/003.txt", "hailaer-county-gov/002.txt", "hailaer-county-gov/004.txt", "prov-gov-2026/012.txt")
MAX_BYTES = 150_000
#: broken file -> the error code it must be stored with
BROKEN = {
    "broken/binary.txt": "decode",
    "broken/empty.txt": "input",
    "broken/undecodable.txt": "decode",
    "broken/oversize.txt": "size",
    "broken/bad.docx": "format",
}
#: columns that differ between two runs of the same corpus
VOLATILE = {"read_seconds", "analyze_seconds", "processed_at", "run"}
#: the versions every in-process run of this module stamps: lexicon files edited while the tests
#: run must not make the second of two runs see the first one's documents as outdated
PINNED = batch.current_versions()


@pytest.fixture(autouse=True, scope="module")
def _pin_versions():
    patcher = pytest.MonkeyPatch()
    patcher.setattr(batch, "current_versions", lambda lexicon=None: PINNED)
    yield
    patcher.undo()


def build_corpus(dest: Path, shared: Path, files: tuple[str, ...] | None = SUBSET, *, broken: bool = True) -> Path:
    """A corpus folder: real reports (copied at test time), a web page, a .docx, a file with two
    reports, and the broken files of BROKEN."""
    real = shared / "realcorpus"
    sources = real_corpus_files() if files is None else [real / f for f in files]
    for src in sources:
        target = dest / src.relative_to(real)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(src.read_bytes())
    sample = (shared / "seeds" / "000_6e53a69d3eb90f18.txt").read_text(encoding="utf-8")
    paras = paragraphs_of(sample, 6)
    (dest / "web").mkdir(parents=True, exist_ok=True)
    (dest / "web" / "page.html").write_bytes(make_page(paras))
    (dest / "web" / "report.docx").write_bytes(make_docx(["县妇联2019年工作总结", *paras]))
    (dest / "web" / "multi.txt").write_text(
        "范文大全\n篇一：甲县妇联工作总结\n" + "\n".join(paras[:3]) + "\n篇二：乙县妇联工作计划\n" + "\n".join(paras[3:]) + "\n",
        encoding="utf-8",
    )
    if broken:
        b = dest / "broken"
        b.mkdir(parents=True, exist_ok=True)
        (b / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
        (b / "empty.txt").write_bytes(b"")
        (b / "undecodable.txt").write_bytes(b"abc\xff\xff\xfedef\xff\xfe" * 40)
        (b / "oversize.txt").write_text("县妇联组织开展巾帼建功活动。\n" * 4000, encoding="utf-8")
        (b / "bad.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive" * 10)
    return dest


def snapshot(db: Path) -> tuple[list[str], list[str]]:
    """The store's content as sorted JSON lines (records, documents), without timings."""
    with Store(db, create=False) as store:
        records = sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in store.records())
        docs = []
        for row in store.db.execute("SELECT * FROM documents"):
            d = {k: (row[k].hex() if isinstance(row[k], bytes) else row[k]) for k in row.keys() if k not in VOLATILE}
            docs.append(json.dumps(d, ensure_ascii=False, sort_keys=True))
    return records, sorted(docs)


def expected_of(path: Path, doc_id: str) -> list[dict] | str:
    """What analyzing the file in this process gives: its records, or the error code."""
    from wfltext.errors import WfltextError

    try:
        return [r.to_dict() for d in analyze_file(path, doc_id=doc_id, max_bytes=MAX_BYTES) for r in d.records]
    except WfltextError as err:
        return err.code
    except Exception:  # noqa: BLE001 - an extractor's bug: the run must record it, not stop
        return "internal"


# Runs in subprocesses use a copy of the package taken when the module starts, so that the
# extractors and lexicons other work is changing meanwhile cannot make two runs differ.
# The script gives, like expected_of, each file's records as analyze_file makes them.
_EXPECTED_SCRIPT = """
import json, sys
from pathlib import Path
from wfltext.errors import WfltextError
from wfltext.files import analyze_file

def expected_of(path, doc_id, max_bytes):
    try:
        return [r.to_dict() for d in analyze_file(path, doc_id=doc_id, max_bytes=max_bytes) for r in d.records]
    except WfltextError as err:
        return err.code
    except Exception:
        return "internal"

root, max_bytes = Path(sys.argv[1]), int(sys.argv[2])
print(json.dumps({rel: expected_of(root / rel, rel, max_bytes) for rel in sys.argv[3:]}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    import wfltext

    base = tmp_path_factory.mktemp("frozen")
    shutil.copytree(Path(wfltext.__file__).parent, base / "wfltext", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(base)}
    out = subprocess.run([sys.executable, "-c", "import wfltext; print(wfltext.__file__)"], env=env, cwd=base, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(base / "wfltext" / "__init__.py")
    return env


def run_cli(root: Path, db: Path, env: dict[str, str], *, workers: int, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "wfltext", "run", str(root), "--db", str(db), "--workers", str(workers), "--max-bytes", str(MAX_BYTES)]
    proc = subprocess.Popen(
        cmd, env={**env, **(extra or {})}, cwd=env["PYTHONPATH"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=240)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # workers a killed run may have left behind
        except ProcessLookupError:
            pass
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


# -- one run over the whole real corpus --------------------------------------------------------


@pytest.fixture(scope="module")
def full_run(tmp_path_factory: pytest.TempPathFactory, shared: Path, frozen: dict[str, str]):
    root = build_corpus(tmp_path_factory.mktemp("full") / "corpus", shared, files=None)
    db = root.parent / "corpus.sqlite"
    proc = run_cli(root, db, frozen, workers=2)
    rels = [rel for _, rel in batch.iter_files(root) if rel not in BROKEN and rel != "web/multi.txt"]
    expected = subprocess.run(
        [sys.executable, "-c", _EXPECTED_SCRIPT, str(root), str(MAX_BYTES), *rels], env=frozen, cwd=frozen["PYTHONPATH"],
        capture_output=True, text=True, check=True,
    )
    return root, db, proc, json.loads(expected.stdout)


def test_full_corpus_every_good_file_complete_every_broken_file_recorded(full_run) -> None:
    root, db, proc, expected = full_run
    assert proc.returncode == batch.EXIT_SOME_FAILED, proc.stderr
    with Store(db, create=False) as store:
        docs = {d["id"]: d for d in store.documents()}
        records: dict[str, list[dict]] = {}
        for r in store.records():
            records.setdefault(r["doc"], []).append(r)
        run = dict(store.db.execute("SELECT * FROM runs").fetchone())
    for rel, code in BROKEN.items():
        assert docs[rel]["status"] == "failed" and docs[rel]["error_code"] == code, rel
        assert docs[rel]["error_message"].startswith(rel + ":")
        assert f"[{code}] {rel}:" in proc.stderr
    files = [rel for _, rel in batch.iter_files(root)]
    assert len(real_corpus_files()) == 28 and len(files) == 28 + 3 + len(BROKEN)
    assert len(expected) == 28 + 2
    for rel, want in expected.items():
        if isinstance(want, str):
            assert docs[rel]["error_code"] == want, rel
        else:
            assert docs[rel]["status"] == "done", rel
            # the records of a file as it is analyzed alone, but for the programs' corpus-wide names
            got = [{k: v for k, v in r.items() if not (r["type"] == "program" and k == "canonical")} for r in records.get(rel, [])]
            assert got == want, rel
            assert docs[rel]["records"] == len(want)
    from wfltext.links import program_canonicals

    programs = [r for rs in records.values() for r in rs if r["type"] == "program"]
    _, merges = program_canonicals(r["norm"] for r in programs)
    want_canonical = {m.variant: m.canonical for m in merges}
    assert want_canonical and all(r.get("canonical") == want_canonical.get(r["norm"]) for r in programs)
    failed_files = {d["path"] for d in docs.values() if d["status"] == "failed"}
    assert (run["status"], run["files"], run["processed"], run["failed"]) == ("done", len(files), len(files), len(failed_files))
    assert f"{len(files)} files: {len(files)} analyzed" in proc.stdout


def test_full_corpus_metadata_and_containers(full_run) -> None:
    _, db, _, _ = full_run
    with Store(db, create=False) as store:
        docs = {d["id"]: d for d in store.documents()}
    assert docs["hailaer-county-gov/001.txt"]["encoding"] == "utf-8"
    assert docs["web/page.html"]["format"] == "html" and docs["web/page.html"]["title"] == "县妇联2019年工作总结"
    assert docs["web/report.docx"]["format"] == "docx"
    for d in docs.values():
        assert d["version"] and d["lexicon_hash"] and d["data_digest"]
        if d["error_code"] != "size":  # a file over the limit is never read, so never hashed
            assert len(d["hash"]) == 64
        if d["status"] == "done":
            assert d["chars"] > 0


def test_a_file_with_two_reports_gives_two_documents(full_run) -> None:
    _, db, _, _ = full_run
    with Store(db, create=False) as store:
        parts = [(d["id"], d["part"], d["path"]) for d in store.documents() if d["path"] == "web/multi.txt"]
    assert parts == [("web/multi.txt#1", 1, "web/multi.txt"), ("web/multi.txt#2", 2, "web/multi.txt")]


def test_running_again_skips_everything(full_run, frozen: dict[str, str]) -> None:
    root, db, first, _ = full_run
    before = snapshot(db)
    again = run_cli(root, db, frozen, workers=1)
    assert again.returncode == batch.EXIT_SOME_FAILED
    with Store(db, create=False) as store:
        run = dict(store.db.execute("SELECT * FROM runs ORDER BY id DESC").fetchone())
        failed_before = store.count("SELECT count(DISTINCT path) FROM documents WHERE status = 'failed'")
    assert (run["processed"], run["failed"], run["skipped"]) == (0, 0, run["files"] - failed_before)
    assert "0 analyzed" in again.stdout and "still failed from earlier runs" in again.stdout
    assert snapshot(db) == before


# -- kill -9 and resume ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def subset(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    return build_corpus(tmp_path_factory.mktemp("subset") / "corpus", shared)


@pytest.fixture(scope="module")
def uninterrupted(subset: Path, frozen: dict[str, str], tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("baseline") / "corpus.sqlite"
    assert run_cli(subset, db, frozen, workers=1).returncode == batch.EXIT_SOME_FAILED
    records, docs = snapshot(db)
    assert records, "the subset gives records to compare"
    return records, docs


@pytest.mark.parametrize(
    "kill, workers",
    [("1", 2), ("4", 1), ("3:before-commit", 2), ("9:before-commit", 1)],
    ids=lambda v: str(v),
)
def test_killed_run_resumes_to_exactly_the_uninterrupted_records(
    subset: Path, frozen: dict[str, str], uninterrupted, tmp_path: Path, kill: str, workers: int
) -> None:
    db = tmp_path / "corpus.sqlite"
    killed = run_cli(subset, db, frozen, workers=workers, extra={batch.KILL_HOOK: kill})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    committed = int(kill.partition(":")[0]) - (1 if kill.endswith("before-commit") else 0)
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(DISTINCT path) FROM documents").fetchone()[0] == committed
    resumed = run_cli(subset, db, frozen, workers=workers)
    assert resumed.returncode == batch.EXIT_SOME_FAILED, resumed.stderr
    assert snapshot(db) == uninterrupted


# -- changed, touched and outdated files -------------------------------------------------------


@pytest.fixture()
def small(tmp_path: Path, shared: Path) -> Path:
    return build_corpus(tmp_path / "corpus", shared, files=SUBSET[:2], broken=False)


def test_a_changed_file_is_redone_and_its_records_replaced(small: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    first = batch.run(small, db, workers=1)
    assert first.analyzed == first.files
    target = small / SUBSET[1]
    with open(target, "a", encoding="utf-8", newline="") as f:
        f.write("\r\n县妇联联合县委组织部开展“巾帼心向党”主题活动，参与妇女群众1800余人次。\r\n")
    second = batch.run(small, db, workers=1)
    assert (second.analyzed, second.unchanged) == (1, first.files - 1)
    with Store(db, create=False) as store:
        got = [r for r in store.records() if r["doc"] == SUBSET[1]]
        state = store.state(SUBSET[1])
    assert got == expected_of(target, SUBSET[1])
    import hashlib

    assert state.hash == hashlib.sha256(target.read_bytes()).hexdigest()


def test_a_touched_file_with_the_same_bytes_is_not_analyzed_again(small: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    batch.run(small, db, workers=1)
    before = snapshot(db)
    target = small / SUBSET[0]
    st = target.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    again = batch.run(small, db, workers=1)
    assert again.analyzed == 0 and again.unchanged == again.files
    records, docs = snapshot(db)
    assert records == before[0]
    with Store(db, create=False) as store:
        assert store.state(SUBSET[0]).mtime_ns == st.st_mtime_ns + 5_000_000_000


def test_outdated_files_are_reported_and_redone_on_request(small: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    first = batch.run(small, db, workers=1)
    with sqlite3.connect(db) as con:
        con.execute("UPDATE documents SET version = '0.0.1'")
    kept = batch.run(small, db, workers=1)
    assert kept.outdated == first.files and kept.analyzed == 0
    assert kept.exit_code == 0
    redone = batch.run(small, db, workers=1, redo_outdated=True)
    assert redone.analyzed == first.files
    with sqlite3.connect(db) as con:
        assert {v for (v,) in con.execute("SELECT DISTINCT version FROM documents")} == {batch.current_versions().version}


def test_failed_files_are_retried_only_when_asked_or_changed(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_bytes(b"")
    db = tmp_path / "c.sqlite"
    assert batch.run(root, db, workers=1).failed == 1
    again = batch.run(root, db, workers=1)
    assert (again.failed, again.failed_before, again.exit_code) == (0, 1, batch.EXIT_SOME_FAILED)
    assert batch.run(root, db, workers=1, retry_failed=True).failed == 1
    (root / "a.txt").write_text("县妇联召开执委会议，部署全年工作。", encoding="utf-8")
    fixed = batch.run(root, db, workers=1)
    assert (fixed.analyzed, fixed.failed, fixed.exit_code) == (1, 0, 0)


# -- near-duplicates ---------------------------------------------------------------------------


def test_republished_report_is_marked_duplicate_of_the_first(tmp_path: Path, shared: Path) -> None:
    real = shared / "realcorpus"
    text = (real / "hailaer-county-gov/003.txt").read_text(encoding="utf-8")
    root = tmp_path / "c"
    (root / "site-a").mkdir(parents=True)
    (root / "site-b").mkdir()
    (root / "site-a" / "report.txt").write_text(text, encoding="utf-8")
    # another site: its own header and footer, LF line ends, a paragraph cut
    lines = text.replace("\r\n", "\n").split("\n")
    republished = "您的位置：首页 > 政务公开\n来源：区政府办 2014-02-20\n" + "\n".join(lines[:-3]) + "\n版权所有：某网站\n"
    (root / "site-b" / "copy.txt").write_text(republished, encoding="utf-8")
    (root / "site-b" / "other.txt").write_bytes((real / "hailaer-county-gov/004.txt").read_bytes())
    db = tmp_path / "d.sqlite"
    summary = batch.run(root, db, workers=2)
    with Store(db, create=False) as store:
        dup = {d["id"]: d["duplicate_of"] for d in store.documents()}
    assert dup == {"site-a/report.txt": None, "site-b/copy.txt": "site-a/report.txt", "site-b/other.txt": None}
    assert summary.duplicates == 1


def test_signature_similarity_tracks_overlap() -> None:
    base = "".join(f"第{i}项工作取得新进展，妇女群众满意度持续提升。" for i in range(200))
    other = "".join(f"第{i}条意见已经落实，职工群众获得感明显增强。" for i in range(200))
    a, b, c = batch.signature(base), batch.signature(base[: len(base) * 9 // 10]), batch.signature(other)
    assert batch.similarity(a, b) > 0.8
    assert batch.similarity(a, c) < 0.2
    assert batch.signature("太短") is None


# -- the pool --------------------------------------------------------------------------------


class _CountingRunner:
    def __init__(self) -> None:
        self.written = 0
        self.results = []

    def write(self, result) -> None:
        self.written += 1
        self.results.append(result)


def test_files_in_flight_stay_bounded(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    for i in range(24):
        (root / f"{i:02d}.txt").write_text(f"县妇联第{i}次执委会议召开，部署全年工作。", encoding="utf-8")
    runner = _CountingRunner()
    consumed = 0
    most_ahead = 0

    def tasks():
        nonlocal consumed, most_ahead
        for path, rel in batch.iter_files(root):
            consumed += 1
            most_ahead = max(most_ahead, consumed - runner.written)
            yield Task(str(path), rel)

    batch._run_pool(tasks(), runner, batch._new_pool(2, Options()), 2, Options(), batch.current_versions())
    assert runner.written == 24
    assert most_ahead <= 2 * batch.IN_FLIGHT_PER_WORKER


def test_a_worker_that_dies_costs_only_its_own_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "c"
    root.mkdir()
    for i in range(6):
        (root / f"{i}.txt").write_text(f"县妇联第{i}次执委会议召开，部署全年工作。", encoding="utf-8")
    monkeypatch.setenv(batch.CRASH_HOOK, "3.txt")
    db = tmp_path / "c.sqlite"
    summary = batch.run(root, db, workers=2)
    with Store(db, create=False) as store:
        status = {d["id"]: (d["status"], d["error_code"]) for d in store.documents()}
    assert status.pop("3.txt") == ("failed", "crash")
    assert set(status.values()) == {("done", None)} and len(status) == 5
    assert summary.failed == 1


def test_glob_patterns_and_hidden_folders(tmp_path: Path) -> None:
    root = tmp_path / "c"
    for rel in ("a.txt", "b.html", "sub/c.txt", "sub/d.docx", ".git/e.txt", "f.csv"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x")
    ids = lambda pats: [rel for _, rel in batch.iter_files(root, pats)]  # noqa: E731
    assert ids(None) == ["a.txt", "b.html", "sub/c.txt", "sub/d.docx"]
    assert ids(["*.txt"]) == ["a.txt", "sub/c.txt"]
    assert ids(["sub/*"]) == ["sub/c.txt", "sub/d.docx"]
    assert ids(["*.csv"]) == ["f.csv"]


def test_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    from wfltext.errors import InputError

    with pytest.raises(InputError, match="no such folder"):
        batch.run(tmp_path / "nope", tmp_path / "x.sqlite")
