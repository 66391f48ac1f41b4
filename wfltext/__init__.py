"""wfltext: Chinese Party-mass work reports to structured, traceable records.

>>> import wfltext
>>> doc = wfltext.analyze("县妇联今年培训200名女农民。")
>>> doc.text
'县妇联今年培训200名女农民。'
"""

from .analysis import analyze, analyze_file, analyze_source
from .document import Document
from .errors import (
    DecodeError,
    FormatError,
    InputError,
    InputWarning,
    InternalError,
    SizeLimitError,
    StorageError,
    TimeLimitError,
    WfltextError,
)
from .normalize import Normalized, normalize
from .reader import Source, read
from .records import (
    DocumentRecord,
    NumberRecord,
    OrganizationRecord,
    ProgramRecord,
    Record,
    SloganRecord,
)
from .version import __version__


def load(path: str, what: str = "records"):
    """A corpus store (SQLite) or a folder of Parquet part files as pandas DataFrames
    ``(records, documents)``; see :func:`wfltext.store.load`. With ``what="facts"``, one
    DataFrame: the facts table (one row per linked number, :mod:`wfltext.facts`); with
    ``what="merges"``, the program merges of the corpus for review. Needs the ``batch`` extra."""
    if what == "records":
        from .store import load as _load

        return _load(path)
    if what in ("facts", "merges"):
        from .store import load_facts

        return load_facts(path, what)
    raise ValueError(f"what={what!r}: 'records', 'facts' or 'merges'")


def _extract(type_: str, text: str, doc_id: str | None = None) -> list[Record]:
    return analyze(text, doc_id, types=(type_,)).records


def extract_numbers(text: str, doc_id: str | None = None) -> list[Record]:
    """Number records of ``text``."""
    return _extract("number", text, doc_id)


def extract_programs(text: str, doc_id: str | None = None) -> list[Record]:
    """Program records of ``text``."""
    return _extract("program", text, doc_id)


def extract_organizations(text: str, doc_id: str | None = None) -> list[Record]:
    """Organization records of ``text``."""
    return _extract("organization", text, doc_id)


def extract_slogans(text: str, doc_id: str | None = None) -> list[Record]:
    """Slogan records of ``text``."""
    return _extract("slogan", text, doc_id)


def extract_documents(text: str, doc_id: str | None = None) -> list[Record]:
    """Document-title records of ``text``."""
    return _extract("document", text, doc_id)


__all__ = [
    "analyze",
    "analyze_file",
    "analyze_source",
    "normalize",
    "read",
    "load",
    "extract_numbers",
    "extract_programs",
    "extract_organizations",
    "extract_slogans",
    "extract_documents",
    "Document",
    "Normalized",
    "Source",
    "Record",
    "NumberRecord",
    "ProgramRecord",
    "OrganizationRecord",
    "SloganRecord",
    "DocumentRecord",
    "WfltextError",
    "InputError",
    "InputWarning",
    "DecodeError",
    "SizeLimitError",
    "FormatError",
    "TimeLimitError",
    "InternalError",
    "StorageError",
    "__version__",
]
