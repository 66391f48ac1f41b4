"""The one error hierarchy of wfltext.

Every exception the library raises on purpose derives from :class:`WfltextError`, so a batch can
catch that one name, record ``code`` and ``str(err)`` for the file, and go on. Each message names
the input (a path or ``<bytes>``/``<text>``) and says what to do. Codes are stable: they are
stored in the corpus database and documented in ``docs/errors.md``.
"""

from __future__ import annotations


class WfltextError(Exception):
    """Base of every error wfltext raises deliberately."""

    code = "error"
    #: exit code the command line uses when this error ends a command
    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}" if source else message)


class InputError(WfltextError):
    """The input is not something wfltext can read at all (wrong type, missing file, empty)."""

    code = "input"
    exit_code = 2


class DecodeError(WfltextError):
    """The bytes are binary or cannot be decoded as Chinese text with any supported encoding."""

    code = "decode"
    exit_code = 3


class SizeLimitError(WfltextError):
    """The document or one of its lines is over a configured limit."""

    code = "size"
    exit_code = 4


class FormatError(WfltextError):
    """An HTML or DOCX container is malformed or unsafe (zip bomb, external entity)."""

    code = "format"
    exit_code = 5


class TimeLimitError(WfltextError):
    """A last-resort guard: a pattern ran longer than its budget. Should never happen."""

    code = "timeout"
    exit_code = 6


class InputWarning(UserWarning):
    """Input that is probably not what the caller meant, analyzed anyway: ``analyze()`` given a
    string that names an existing file (it analyzes the string; read the file with
    ``analyze_file()``)."""


class StorageError(WfltextError):
    """The store or an output file cannot be written: the disk is full, an I/O error. Nothing
    half-written is kept; once the cause is fixed, the same command resumes or redoes it."""

    code = "storage"
    exit_code = 2


class InternalError(WfltextError):
    """An unexpected exception inside the analysis: a bug of wfltext, wrapped so that callers
    catching :class:`WfltextError` are never surprised. The original is ``__cause__``."""

    code = "internal"
    exit_code = 1


__all__ = [
    "InputWarning",
    "WfltextError",
    "InternalError",
    "StorageError",
    "InputError",
    "DecodeError",
    "SizeLimitError",
    "FormatError",
    "TimeLimitError",
]
