"""Corpus runs: every report file under a folder into a store, on all cores, resumable.

``run(corpus_dir, db)`` walks the folder (text in any encoding, HTML, DOCX), sends each file to a
worker process and writes what comes back, one transaction per file, from this process alone.
Only a bounded number of files is in flight, so memory stays flat whatever the corpus size.
A file that cannot be read (binary, undecodable, empty, over the size limit, a bad DOCX) is
stored with its error code and message and the run goes on; so is a file whose analysis raised
an unexpected exception (code ``internal``) or killed its worker (code ``crash``).

Re-running skips files already stored with the same content (size and mtime, then the hash), and
redoes changed ones, replacing their old records. Files analyzed by another wfltext version or
lexicon are reported as outdated and redone with ``redo_outdated``. A run killed at any moment
resumes where it stopped with no record lost and none doubled.

At the end, near-duplicate reports (one report republished by several sites) are found with
MinHash LSH (numpy; the same bands as datasketch's MinHashLSH) over character shingles of the normalized text: each gets ``duplicate_of`` = the
first document (in id order) it duplicates.
"""

from __future__ import annotations

import fnmatch
import gc
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

import regex

from . import summary
from .errors import InputError, StorageError, WfltextError
from .files import DEFAULT_SUFFIXES, container_of, read_bytes, report_spans, source_from_bytes
from .reader import MAX_BYTES, MAX_LINE_CHARS
from .store import ROW_COLUMNS, DocumentRow, FileResult, Store, record_row

#: exit code of ``wfltext run`` (and ``wfltext extract``) when some files failed and the rest
#: were processed; errors that stop a whole command have codes 1-6 (docs/errors.md)
EXIT_SOME_FAILED = 10
#: files in flight per worker: enough to keep every worker busy while the writer commits
IN_FLIGHT_PER_WORKER = 2
#: environment variable of the kill test hook: ``N`` kills the writer right after its Nth commit
#: of this run, ``N:before-commit`` inside the Nth transaction, before it commits
KILL_HOOK = "WFLTEXT_TEST_KILL_AFTER"
#: environment variable of the crash test hook: the worker given the file with this id exits at
#: once, as a worker killed by the kernel would
CRASH_HOOK = "WFLTEXT_TEST_WORKER_EXIT"
#: environment variable of the slow-file test hook: ``ID`` makes the analysis of the file with
#: this id sleep for an hour (the time limit interrupts it); ``ID:hang`` also blocks the signal
#: the time limit uses, as code stuck in a native library would (only the watchdog ends it)
SLOW_HOOK = "WFLTEXT_TEST_SLOW"
#: default time limit for one file, in seconds (``--file-timeout``); a 20 MiB report takes
#: about two minutes on a loaded core
FILE_TIMEOUT = 600.0
#: exit status of a worker that its watchdog ended: the time limit could not interrupt the
#: analysis (stuck in native code), so the process is ended a little later
TIMEOUT_EXIT = 75

# near-duplicates
NUM_PERM = 128
SHINGLE = 5
DUPLICATE_THRESHOLD = 0.8
#: documents shorter than this (non-space characters) are not compared: short notices repeat
MIN_DUPLICATE_CHARS = 200
_NON_SPACE_DROP = regex.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Options:
    """How files are read and analyzed (the same for every file of a run)."""

    max_bytes: int = MAX_BYTES
    #: a user lexicon (one term a line) added to the tokenizer
    lexicon: str | None = None
    #: record types to extract; None for every installed extractor
    types: tuple[str, ...] | None = None
    #: the report year, when the texts do not state it
    year: int | None = None
    #: seconds one file may take (read and analysis); None or 0: no limit
    timeout: float | None = FILE_TIMEOUT
    #: longest line, in characters (``reader.MAX_LINE_CHARS``)
    max_line_chars: int = MAX_LINE_CHARS


@dataclass(frozen=True, slots=True)
class Task:
    #: where to read the file
    path: str
    #: its id in the store: the path relative to the corpus folder, with ``/``
    doc_id: str
    #: the stored content hash: a worker finding the same bytes only reports "unchanged"
    known_hash: str | None = None


@dataclass(frozen=True, slots=True)
class Versions:
    """What produced a result; a stored row made with other values is outdated."""

    version: str
    lexicon_hash: str
    data_digest: str


def current_versions(lexicon: str | None = None) -> Versions:
    from . import lexicons
    from .learn import load as load_model
    from .links import load_ranker
    from .tokenize import lexicon_hash
    from .version import __version__

    # the package's data files and the name tagger's training data: a store keeps both, so it
    # says which model made its records, and a run redoes the rows another model made
    model = load_model()
    model_digest = model.info.digest[:16] if model is not None else "none"
    # and the issuing-body ranker's, which decides the implied actor of the links
    ranker = load_ranker()
    ranker_digest = ranker["digest"][:16] if ranker is not None else "none"
    return Versions(__version__, lexicon_hash(lexicon),
                    f"{lexicons.digest(*lexicons.names())}+model:{model_digest}+issuer:{ranker_digest}")


# -- near-duplicates -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    import numpy as np

    # fixed odd multipliers and offsets: signatures must be comparable across runs and machines
    rng = np.random.default_rng(20240601)
    a = rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
    return a, b


def signature(text: str) -> bytes | None:
    """MinHash signature (``NUM_PERM`` × uint32, little-endian bytes) of the character
    ``SHINGLE``-grams of ``text`` with white space removed; None for short texts.

    >>> a = signature("县妇联组织开展巾帼建功活动，" * 20)
    >>> a == signature("县妇联组织开展巾帼建功活动，\\n" * 20), len(a)
    (True, 512)
    """
    import numpy as np

    squeezed = _NON_SPACE_DROP.sub("", text)
    if len(squeezed) < MIN_DUPLICATE_CHARS:
        return None
    codes = np.frombuffer(squeezed.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    n = len(codes) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    prime = np.uint64(1_000_003)
    for j in range(SHINGLE):
        h = h * prime + codes[j : j + n]  # wraps modulo 2**64, on purpose
    h = np.unique(h)
    a, b = _permutations()
    mins = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint64)
    shift = np.uint64(32)
    for i in range(0, len(h), 4096):
        chunk = h[i : i + 4096, None]
        mins = np.minimum(mins, ((chunk * a + b) >> shift).min(axis=0))  # multiply-shift hashing
    return mins.astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    import numpy as np

    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


@lru_cache(maxsize=8)
def lsh_bands(threshold: float = DUPLICATE_THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """``(bands, rows)`` of the MinHash LSH index: the split of ``num_perm`` hash values that
    minimizes the area of false positives below ``threshold`` plus false negatives above it
    (equal weights), as datasketch's ``MinHashLSH`` chooses it — computed here with numpy so that
    finding duplicates needs neither datasketch nor the scipy it imports (about a second).

    >>> lsh_bands(0.8, 128)
    (9, 13)
    """
    import numpy as np

    trapezoid = getattr(np, "trapezoid", None) or np.trapz  # numpy < 2 names it trapz
    below = np.linspace(0.0, threshold, 2001)
    above = np.linspace(threshold, 1.0, 2001)
    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        rs = np.arange(1, num_perm // b + 1, dtype=float)[:, None]  # every r for this b at once
        errors = trapezoid(1 - (1 - below**rs) ** b, below, axis=1) + trapezoid((1 - above**rs) ** b, above, axis=1)
        k = int(np.argmin(errors))  # the first of equal errors, as a loop over r keeps it
        if errors[k] < best:
            best, opt = float(errors[k]), (b, k + 1)
    return opt


def find_duplicates(signatures: Iterable[tuple[str, bytes]], threshold: float = DUPLICATE_THRESHOLD) -> dict[str, str]:
    """``{id: id of the document it duplicates}``. Signatures come in id order; the first of a
    group is its original, so the answer does not depend on the order files were processed.

    The index is MinHash LSH: each original's signature is cut into bands (:func:`lsh_bands`);
    documents sharing a whole band with an original are candidates, and the first candidate (in
    id order) whose estimated similarity reaches ``threshold`` is the one duplicated."""
    bands, rows = lsh_bands(threshold, NUM_PERM)
    width = rows * 4  # bytes of a band: uint32 values
    tables: list[dict[bytes, list[str]]] = [{} for _ in range(bands)]
    originals: dict[str, bytes] = {}
    out: dict[str, str] = {}
    for doc_id, sig in signatures:
        keys = [sig[i * width : (i + 1) * width] for i in range(bands)]
        candidates: set[str] = set()
        for table, key in zip(tables, keys):
            candidates.update(table.get(key, ()))
        match = None
        for cand in sorted(candidates):
            if similarity(originals[cand], sig) >= threshold:
                match = cand
                break
        if match is None:
            for table, key in zip(tables, keys):
                table.setdefault(key, []).append(doc_id)
            originals[doc_id] = sig
        else:
            out[doc_id] = match
    return out


# -- the worker ----------------------------------------------------------------------------------


#: a short report touching every extractor: analyzing it once loads the tokenizers, compiles the
#: extractors' patterns and reads their tables (see :func:`warm`)
_WARM_TEXT = (
    "县妇联2023年工作总结\n一、加强组织建设\n"
    "今年以来，县妇联在县委的领导下，认真贯彻《关于加强和改进妇联工作的意见》（县发〔2023〕5号），"
    "深入实施“春蕾计划”和巾帼建功活动，坚持“党建带妇建”，培训农村妇女200名，"
    "发放创业贷款1.5万元，同比增长12%，县人社局、团县委共同参与。\n"
)


def warm(options: Options) -> None:
    """Load and build, in this process, everything an analysis needs the first time: the
    tokenizers, the extractors' patterns and tables, the MinHash permutations. Done before the
    workers are forked, they start with all of it (shared pages) instead of each building it
    while the corpus waits; a spawned worker does it once at start."""
    from .analysis import analyze_source
    from .tokenize import tokenizer

    tokenizer(options.lexicon)
    doc = analyze_source(_WARM_TEXT, "warm-up", year=options.year, lexicon=options.lexicon, types=options.types)
    doc.metadata  # noqa: B018
    signature(_WARM_TEXT * 4)


def _init_worker(options: Options) -> None:
    """Worker start: die with the parent, ignore Ctrl-C (the parent handles it), load jieba once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:
        # the parent died before the line above took effect: a worker left behind would wait
        # forever on the queue lock that a sibling killed with the parent held
        os._exit(1)
    warm(options)


def _failed_row(task: Task, err: BaseException, code: str, **known: Any) -> DocumentRow:
    if isinstance(err, WfltextError):
        message = str(err)
    else:
        # where it was raised, so that the bug can be found from the store alone
        import traceback

        frames = traceback.extract_tb(err.__traceback__)
        where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
        message = f"{known.get('id', task.doc_id)}: {type(err).__name__}: {err}{where}"
    return DocumentRow(id=known.pop("id", task.doc_id), path=task.doc_id, status="failed", error_code=code, error_message=message[:2000], **known)


class _FileTimeout(BaseException):
    """Raised by the time limit's alarm inside the analysis of a file (not an Exception, so that
    no ``except Exception`` of the analysis can swallow it)."""


def _watchdog_exit() -> None:
    os._exit(TIMEOUT_EXIT)


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (SIGALRM, main thread only). In a worker process a
    watchdog thread also ends the process a little later, for code the alarm cannot interrupt."""
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise _FileTimeout()

    old = signal.signal(signal.SIGALRM, on_alarm)
    watchdog = None
    if multiprocessing.parent_process() is not None:
        watchdog = threading.Timer(seconds * 1.5 + 1, _watchdog_exit)
        watchdog.daemon = True
        watchdog.start()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if watchdog is not None:
            watchdog.cancel()


def _timed_out(task: Task, options: Options, versions: Versions) -> FileResult:
    result = _crashed(task, versions)
    row = result.documents[0]
    row.error_code = "timeout"
    row.error_message = (
        f"{task.doc_id}: took longer than {options.timeout:g} s, the time limit for one file; "
        "raise it with --file-timeout if the file is really that long"
    )
    return result


def _slow_hook(task: Task) -> None:
    spec = os.environ.get(SLOW_HOOK, "")
    doc_id, _, mode = spec.partition(":")
    if doc_id and doc_id == task.doc_id:
        if mode == "hang":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            try:
                time.sleep(3600)
            finally:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
        time.sleep(3600)


def process_file(task: Task, options: Options, versions: Versions) -> FileResult:
    """Read, split and analyze one file; never raises for a bad file (the failure is the result).
    A file that takes longer than ``options.timeout`` is recorded with code ``timeout``."""
    try:
        with _time_limit(options.timeout):
            return _process_file(task, options, versions)
    except _FileTimeout:
        return _timed_out(task, options, versions)


def _process_file(task: Task, options: Options, versions: Versions) -> FileResult:
    from .analysis import analyze_source  # the parent process never analyzes: it loads no extractor

    if os.environ.get(CRASH_HOOK) == task.doc_id and multiprocessing.parent_process() is not None:
        os._exit(70)
    if SLOW_HOOK in os.environ:
        _slow_hook(task)
    stamp = dict(version=versions.version, lexicon_hash=versions.lexicon_hash, data_digest=versions.data_digest)
    t0 = time.perf_counter()
    result = FileResult(task.doc_id)
    try:
        st = os.stat(task.path)
        result.size, result.mtime_ns = st.st_size, st.st_mtime_ns
    except OSError:
        pass
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    file_info: dict[str, Any] = dict(size=result.size, mtime_ns=result.mtime_ns, processed_at=now, **stamp)
    try:
        data = read_bytes(task.path, options.max_bytes, name=task.doc_id)
        file_info["hash"] = hashlib.sha256(data).hexdigest()
        if task.known_hash is not None and file_info["hash"] == task.known_hash:
            result.unchanged = True
            return result
        source = source_from_bytes(data, task.doc_id, container_of(task.path), max_line_chars=options.max_line_chars)
        del data
    except WfltextError as err:
        result.documents.append(_failed_row(task, err, err.code, read_seconds=time.perf_counter() - t0, **file_info))
        return result
    except Exception as err:  # noqa: BLE001 - a bug on one file must not stop a corpus run
        result.documents.append(_failed_row(task, err, "internal", read_seconds=time.perf_counter() - t0, **file_info))
        return result
    file_info.update(format=source.format, encoding=source.encoding, confidence=source.confidence)
    file_info["read_seconds"] = time.perf_counter() - t0
    reports = report_spans(source.text, task.doc_id)
    for part, (doc_id, s, e) in enumerate(reports, 1):
        part = part if len(reports) > 1 else 0
        t1 = time.perf_counter()
        try:
            doc = analyze_source(source, doc_id, span=(s, e), year=options.year, lexicon=options.lexicon, types=options.types)
            records = [r.to_dict() for r in doc.records]
            meta = doc.metadata
            sig = signature(doc.text)
        except WfltextError as err:
            result.documents.append(_failed_row(task, err, err.code, id=doc_id, part=part, chars=e - s, **file_info))
            continue
        except Exception as err:  # noqa: BLE001
            result.documents.append(_failed_row(task, err, "internal", id=doc_id, part=part, chars=e - s, **file_info))
            continue
        rows = [record_row(d, seq) for seq, d in enumerate(records)]
        result.records.extend(rows)
        # the dashboard's counts of this report, made here rather than by the store's writer
        result.summaries[doc_id] = summary.document_summary(doc_id, rows, ROW_COLUMNS, records, summary.clean(meta.place))
        result.documents.append(
            DocumentRow(
                id=doc_id, path=task.doc_id, part=part, chars=e - s,
                title=meta.title, body=meta.body, place=meta.place, genre=meta.genre, year=meta.year,
                records=len(records), analyze_seconds=time.perf_counter() - t1, minhash=sig, **file_info,
            )
        )
    return result


# -- the parent ----------------------------------------------------------------------------------


@dataclass
class RunSummary:
    """What a run did; ``line()`` is the one summary line the command prints."""

    store: str
    run: int = 0
    files: int = 0
    analyzed: int = 0
    unchanged: int = 0
    #: skipped because stored by another version or lexicon (redo with redo_outdated)
    outdated: int = 0
    #: failed in this run
    failed: int = 0
    #: skipped, still failed from an earlier run
    failed_before: int = 0
    documents: int = 0
    records: int = 0
    chars: int = 0
    seconds: float = 0.0
    duplicates: int = 0
    interrupted: bool = False
    #: (doc id, code, message) of the first failures, this run's and earlier ones
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def all_failed(self) -> int:
        return self.failed + self.failed_before

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.all_failed else 0

    def line(self) -> str:
        """The summary line; when every file was done before, it says so."""
        rate = self.chars / self.seconds if self.seconds > 0 else 0.0
        parts = [f"{_count(self.files, 'file')}: {self.analyzed} analyzed, {self.unchanged} unchanged"]
        if self.outdated:
            parts.append(f"{self.outdated} outdated (not redone: --redo-outdated)")
        parts.append(f"{self.failed} failed" + (f" (+{self.failed_before} still failed from earlier runs)" if self.failed_before else ""))
        if not self.analyzed and not self.failed and not self.interrupted:
            return f"{', '.join(parts)}; every file was analyzed before: nothing to do"
        return (
            f"{', '.join(parts)} -> {_count(self.documents, 'document')}, {_count(self.records, 'record')}, "
            f"{self.chars:,} chars in {self.seconds:.1f} s ({rate:,.0f} chars/s); "
            f"{_count(self.duplicates, 'near-duplicate')} in the store"
        )


def _count(n: int, word: str) -> str:
    """``1 document``, ``2 documents``.

    >>> _count(1, "document"), _count(0, "record"), _count(1_200, "record")
    ('1 document', '0 records', '1200 records')
    """
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


MAX_LISTED_FAILURES = 20


def iter_files(root: Path, patterns: Iterable[str] | None = None) -> Iterator[tuple[Path, str]]:
    """``(path, id)`` of every matching file below ``root``, in sorted order, lazily; ``id`` is
    the path relative to ``root`` with ``/``. Hidden folders are skipped. Without patterns,
    report files are matched by suffix (text, HTML, DOCX); a pattern with ``/`` is matched
    against the relative path, one without against the file name."""
    pats = tuple(patterns or ())
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        for name in sorted(filenames):
            path = base / name
            rel = path.relative_to(root).as_posix()
            if pats:
                if not any(fnmatch.fnmatch(rel if "/" in p else name, p) for p in pats):
                    continue
            elif not name.lower().endswith(DEFAULT_SUFFIXES):
                continue
            yield path, rel


class _Killer:
    """The test hook of :data:`KILL_HOOK`: SIGKILL this process at a chosen commit, so tests can
    prove that a run killed at any moment resumes with no record lost or doubled."""

    def __init__(self) -> None:
        spec = os.environ.get(KILL_HOOK, "")
        count, _, mode = spec.partition(":")
        self.at = int(count) if count.strip().isdigit() else 0
        self.before_commit = mode == "before-commit"
        self.commits = 0

    def hook(self) -> Callable[[], None] | None:
        if not self.at:
            return None
        self.commits += 1
        if self.before_commit and self.commits == self.at:
            return self._kill
        return None

    def after_commit(self) -> None:
        if self.at and not self.before_commit and self.commits == self.at:
            self._kill()

    @staticmethod
    def _kill() -> None:
        os.kill(os.getpid(), signal.SIGKILL)


def _progress_bar(enabled: bool, total: int | None, stream: IO[str]) -> Any:
    """The bar counts bytes of files, not files: analysis time follows a file's size, so a corpus
    mixing 1 MB reports with 300-byte notices still gets an honest time left."""
    if not enabled:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, file=stream, dynamic_ncols=True, smoothing=0.05)


class _Runner:
    def __init__(self, store: Store, summary: RunSummary, run_id: int, progress: Any, versions: Versions) -> None:
        self.store = store
        self.summary = summary
        self.run_id = run_id
        self.bar = progress
        self.versions = versions
        self.killer = _Killer()
        self.started = time.perf_counter()
        self.done_files = 0

    def skipped(self, size: int | None = None) -> None:
        """A file with nothing to do: it leaves the bar's total, so that the time left counts
        only the work there is (a resumed run skipping half the corpus at once stays honest)."""
        self.done_files += 1
        if self.bar is not None and size:
            self.bar.total = max(self.bar.n, (self.bar.total or 0) - size)
            self.bar.refresh()

    def write(self, result: FileResult) -> None:
        s = self.summary
        self.store.write_file(result, self.run_id, before_commit=self.killer.hook())
        self.killer.after_commit()
        if result.unchanged:
            s.unchanged += 1
            state = self.store.state(result.path)
            if state is not None and state.status == "failed":
                s.failed_before += 1
                self.note_failures(result.path)
        else:
            s.analyzed += 1
            if result.failed:
                s.failed += 1
            for d in result.documents:
                if d.status == "failed":
                    if len(s.failures) < MAX_LISTED_FAILURES:
                        s.failures.append((d.id, d.error_code or "", d.error_message or ""))
                else:
                    s.documents += 1
                    s.records += d.records
                    s.chars += d.chars or 0
        self.done_files += 1
        if self.bar is not None:
            elapsed = time.perf_counter() - self.started
            rate = f"{s.chars / elapsed:,.0f}" if elapsed else "-"
            self.bar.set_postfix(files=self.done_files, docs=s.documents, failed=s.failed, chars_s=rate, refresh=False)
            self.bar.update(result.size or 0)

    def note_failures(self, path: str) -> None:
        for f in self.store.failures([path]):
            if len(self.summary.failures) < MAX_LISTED_FAILURES:
                self.summary.failures.append((f["path"], f["error_code"] or "", f["error_message"] or ""))


def _plan(store: Store, files: Iterable[tuple[Path, str]], runner: _Runner, *, redo_outdated: bool, retry_failed: bool) -> Iterator[Task]:
    """Tasks for the files that need work; counts the others as skipped."""
    s = runner.summary
    v = runner.versions
    for path, rel in files:
        s.files += 1
        state = store.state(rel)
        if state is None:
            yield Task(str(path), rel)
            continue
        try:
            st = path.stat()
            same_stat = state.size == st.st_size and state.mtime_ns == st.st_mtime_ns
        except OSError:
            same_stat = False
        outdated = (state.version, state.lexicon_hash, state.data_digest) != (v.version, v.lexicon_hash, v.data_digest)
        if state.status == "failed":
            if retry_failed or (outdated and redo_outdated):
                yield Task(str(path), rel)
            elif same_stat:
                s.failed_before += 1
                runner.note_failures(rel)
                runner.skipped(state.size)
            else:
                yield Task(str(path), rel, state.hash)
            continue
        if outdated and redo_outdated:
            yield Task(str(path), rel)
        elif same_stat:
            if outdated:
                s.outdated += 1
            else:
                s.unchanged += 1
            runner.skipped(state.size)
        else:
            # stat changed: the worker compares content hashes; same bytes only refresh the mtime
            if outdated:
                yield Task(str(path), rel)
            else:
                yield Task(str(path), rel, state.hash)


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _require(*modules: str) -> None:
    import importlib.util

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise WfltextError(f"corpus runs need {', '.join(missing)}: pip install 'wfltext[batch]'")


def _count_bytes(root: Path, patterns: Iterable[str] | None) -> int:
    total = 0
    for path, _ in iter_files(root, patterns):
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total


def run(
    corpus: str | os.PathLike,
    db: str | os.PathLike,
    *,
    workers: int | None = None,
    patterns: Iterable[str] | None = None,
    redo_outdated: bool = False,
    retry_failed: bool = False,
    options: Options = Options(),
    progress: bool = False,
    progress_stream: IO[str] | None = None,
) -> RunSummary:
    """Analyze every report file under ``corpus`` into the store ``db`` (see the module docstring).

    ``workers``: processes analyzing files (default: the machine's cores; 1 runs everything in
    this process). Raises :class:`~wfltext.errors.InputError` when the folder or store cannot be
    used; a file that fails is recorded, never raised.
    """
    _require("numpy")
    root = Path(corpus)
    if not root.exists():
        raise InputError("no such folder", source=os.fspath(corpus))
    if root.is_file():
        only: list[tuple[Path, str]] | None = [(root, root.name)]
        root = root.parent
    else:
        only = None
    workers = max(1, workers or usable_cores())
    versions = current_versions(options.lexicon)
    stream = progress_stream or sys.stderr
    t0 = time.perf_counter()
    with Store(db) as store:
        summary = RunSummary(store=os.fspath(db))
        run_id = store.begin_run(str(root.resolve()), workers, versions.version)
        summary.run = run_id
        total = (_count_bytes(root, patterns) if only is None else only[0][0].stat().st_size) if progress else None
        files = only if only is not None else iter_files(root, patterns)
        status = "failed"
        bar = pool = None
        try:
            context = _context()
            forked = workers > 1 and context.get_start_method() == "fork"
            if workers == 1 or forked:
                warm(options)  # once here; forked workers start with it
            if workers > 1:
                # workers are forked before the progress bar starts its monitor thread; with
                # what is loaded moved out of the collector's reach, no collection in a worker
                # writes to (and so copies) the pages it shares with this process
                if forked:
                    gc.freeze()
                try:
                    pool = _new_pool(workers, options, context, start=True)
                finally:
                    if forked:
                        gc.unfreeze()
            bar = _progress_bar(progress, total, stream)
            runner = _Runner(store, summary, run_id, bar, versions)
            tasks = _plan(store, files, runner, redo_outdated=redo_outdated, retry_failed=retry_failed)
            if pool is None:
                for task in tasks:
                    runner.write(process_file(task, options, versions))
            else:
                _run_pool(tasks, runner, pool, workers, options, versions)
            if summary.analyzed or store.previous_run_status(run_id) != "done":
                # the index is rebuilt from every stored signature; a run that wrote nothing after
                # a finished one has nothing to change
                store.set_duplicates(find_duplicates(store.signatures()))
                # the variants of one program get one canonical name over the whole store
                store.set_program_canonicals()
            summary.duplicates = store.count("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")
            status = "done"
        except KeyboardInterrupt:
            summary.interrupted = True
            status = "interrupted"
            raise
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            if bar is not None:
                bar.close()
            summary.seconds = time.perf_counter() - t0
            try:
                store.finish_run(
                    run_id, status, files=summary.files, processed=summary.analyzed, skipped=summary.unchanged + summary.outdated,
                    failed=summary.failed, documents=summary.documents, records=summary.records, chars=summary.chars,
                    seconds=summary.seconds,
                )
            except StorageError:
                if status == "done":
                    raise
                # the run already stops for a reason of its own (often the same full disk): that
                # one is reported; the run's row stays 'running', as for a killed run

    return summary


def _context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (Linux, no other thread in this process): workers then start at once
    with jieba already loaded, sharing its memory; else spawn, a fresh interpreter per worker."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _new_pool(workers: int, options: Options, context: multiprocessing.context.BaseContext | None = None, *, start: bool = False) -> ProcessPoolExecutor:
    context = context or _context()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(options,))
    if start:
        pool.submit(int).result()  # with fork, the first task starts every worker
    return pool


def _run_pool(tasks: Iterator[Task], runner: _Runner, pool: ProcessPoolExecutor, workers: int, options: Options, versions: Versions) -> None:
    limit = workers * IN_FLIGHT_PER_WORKER
    pending: dict[Future, Task] = {}
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                else:
                    pending[pool.submit(process_file, task, options, versions)] = task
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken, timed_out = _write_results([(fut, pending.pop(fut)) for fut in done], runner)
            if timed_out and not broken:
                # the worker interrupted by the time limit may hold half-updated state: the files
                # in flight finish, then every worker is replaced
                broken = _drain(pending, runner)
                if not broken:
                    pool.shutdown(wait=True)
                    pool = _new_pool(workers, options)
            if broken:
                # a worker died (killed, out of memory, a crash in native code): every file in
                # flight is a suspect; they are retried one at a time, and the one that kills a
                # worker on its own is recorded as the culprit
                broken.extend(pending.values())
                pending.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                for result in _run_alone(broken, options, versions):
                    runner.write(result)
                pool = _new_pool(workers, options)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_alone(tasks: list[Task], options: Options, versions: Versions) -> Iterator[FileResult]:
    """Results of ``tasks``, each analyzed alone in a one-worker pool (a new pool after a crash)."""
    pool = _new_pool(1, options)
    try:
        for task in tasks:
            future = pool.submit(process_file, task, options, versions)
            processes = list((getattr(pool, "_processes", None) or {}).values())
            try:
                yield future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=True)
                pool = _new_pool(1, options)
                # a worker its watchdog ended ran over the time limit; any other death is a crash
                if any(p.exitcode == TIMEOUT_EXIT for p in processes):
                    yield _timed_out(task, options, versions)
                else:
                    yield _crashed(task, versions)
    finally:
        pool.shutdown(wait=True)


def _write_results(finished: list[tuple[Future, Task]], runner: _Runner) -> tuple[list[Task], bool]:
    """Write the result of each file (waiting for it); the tasks whose worker died, and whether
    a file ran into the time limit."""
    broken: list[Task] = []
    timed_out = False
    for fut, task in finished:
        try:
            result = fut.result()
        except BrokenProcessPool:
            broken.append(task)
            continue
        runner.write(result)
        timed_out = timed_out or any(d.error_code == "timeout" for d in result.documents)
    return broken, timed_out


def _drain(pending: dict[Future, Task], runner: _Runner) -> list[Task]:
    """Wait for every file in flight and write its result; the tasks whose worker died."""
    broken, _ = _write_results(list(pending.items()), runner)
    pending.clear()
    return broken


def _crashed(task: Task, versions: Versions) -> FileResult:
    try:
        st = os.stat(task.path)
        size, mtime_ns = st.st_size, st.st_mtime_ns
    except OSError:
        size = mtime_ns = None
    row = DocumentRow(
        id=task.doc_id, path=task.doc_id, size=size, mtime_ns=mtime_ns, status="failed", error_code="crash",
        error_message=f"{task.doc_id}: the worker analyzing it died (killed, out of memory, or a crash in native code)",
        version=versions.version, lexicon_hash=versions.lexicon_hash, data_digest=versions.data_digest,
    )
    return FileResult(task.doc_id, [row], size=size, mtime_ns=mtime_ns)


__all__ = [
    "run",
    "process_file",
    "iter_files",
    "signature",
    "similarity",
    "find_duplicates",
    "lsh_bands",
    "current_versions",
    "warm",
    "Options",
    "Task",
    "RunSummary",
    "Versions",
    "EXIT_SOME_FAILED",
    "KILL_HOOK",
    "FILE_TIMEOUT",
]
