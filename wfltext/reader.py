"""Bytes to text: the document's *original*.

``read(path_or_bytes)`` tries the encodings Chinese reports come in (BOM-marked UTF-8/16/32,
UTF-8, GB18030, Big5, BOM-less UTF-16) and keeps line endings exactly as they are. When more than
one legacy encoding decodes the bytes without error, the one whose characters are most often
common Chinese characters wins; its share is reported as the confidence. Binary or undecodable
input raises :class:`~wfltext.errors.DecodeError` naming the file and the reason; it is never
silently returned as mojibake.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import DecodeError, InputError, SizeLimitError

#: default largest input, in bytes (a long government report is about 100 kB)
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Source:
    """Decoded input."""

    text: str
    encoding: str
    #: 0..1: how sure the decoder is (1.0 for a BOM or strict UTF-8)
    confidence: float
    path: str | None = None
    #: the container the text came from: "text", "html" or "docx"
    format: str = "text"


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    """Characters of GB2312 and of Big5's frequent-character plane: a decode that produces many
    characters outside both is a wrong decode."""
    chars = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for hi in range(0xA4, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _score(text: str) -> float:
    common = _common()
    han = [c for c in text if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"]
    if not han:
        return 0.0
    return sum(c in common for c in han) / len(han)


def _looks_binary(data: bytes) -> str | None:
    head = data[:65536]
    if head.startswith((b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"\x7fELF", b"PK\x03\x04")):
        return "it is a binary file (its signature is an image, PDF, executable or archive)"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 and b != 27)
    if head and controls / len(head) > 0.05:
        return f"{controls} control bytes in its first {len(head)} bytes: it looks binary"
    return None


def decode(data: bytes, source: str = "<bytes>") -> Source:
    """Decode bytes; see the module docstring."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Source(data[len(bom):].decode(enc), enc, 1.0, None)
            except UnicodeDecodeError as err:
                raise DecodeError(f"starts with a {enc} byte-order mark but is not valid {enc} ({err.reason} at byte {err.start})", source=source) from err
    # BOM-less UTF-16: every other byte NUL in Chinese text is rare, but ASCII-heavy UTF-16 shows it
    if len(data) >= 4 and len(data) % 2 == 0:
        evens, odds = data[0::2][:4096], data[1::2][:4096]
        for enc, zeros in (("utf-16-le", odds), ("utf-16-be", evens)):
            if zeros.count(0) > len(zeros) * 0.3:
                try:
                    return Source(data.decode(enc), enc, 0.9, None)
                except UnicodeDecodeError:
                    pass
    reason = _looks_binary(data)
    if reason:
        raise DecodeError(f"cannot be read as text: {reason}", source=source)
    try:
        return Source(data.decode("utf-8"), "utf-8", 1.0, None)
    except UnicodeDecodeError as err:
        utf8_error = err
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_score(text), enc, text))
    if not candidates:
        raise DecodeError(
            f"is neither UTF-8 (invalid byte at {utf8_error.start}) nor GB18030 nor Big5; "
            "convert it to UTF-8, or pass the right encoding to read()",
            source=source,
        )
    score, enc, text = max(candidates)
    if score < 0.5:
        raise DecodeError(
            f"decodes as {enc} only into rare characters ({score:.0%} common): probably not Chinese text "
            "or a mixed encoding; pass the right encoding to read()",
            source=source,
        )
    return Source(text, enc, round(score, 3), None)


def read(path_or_bytes: str | os.PathLike | bytes, *, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read a file (or bytes) into its original text, choosing the encoding.

    >>> read("今年以来".encode("gb18030")).encoding
    'gb18030'
    """
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        data, source, path = bytes(path_or_bytes), "<bytes>", None
    elif isinstance(path_or_bytes, (str, os.PathLike)):
        path = os.fspath(path_or_bytes)
        source = path
        try:
            size = os.path.getsize(path)
            if size > max_bytes:
                raise SizeLimitError(f"is {size} bytes, over the limit of {max_bytes}; raise max_bytes (--max-bytes) to read it", source=source)
            data = Path(path).read_bytes()
        except IsADirectoryError as err:
            raise InputError("is a folder, not a file", source=source) from err
        except FileNotFoundError as err:
            raise InputError("no such file", source=source) from err
        except PermissionError as err:
            raise InputError("permission denied", source=source) from err
    else:
        raise InputError(f"read() takes a path or bytes, not {type(path_or_bytes).__name__}")
    if len(data) > max_bytes:
        raise SizeLimitError(f"is {len(data)} bytes, over the limit of {max_bytes}", source=source)
    if not data.strip():
        raise InputError("is empty (no text at all)", source=source)
    if encoding:
        try:
            src = Source(data.decode(encoding), encoding, 1.0, path)
        except (UnicodeDecodeError, LookupError) as err:
            raise DecodeError(f"cannot be decoded as {encoding}: {err}", source=source) from err
    else:
        src = decode(data, source)
    if not src.text.strip():
        raise InputError("holds only white space", source=source)
    return Source(src.text, src.encoding, src.confidence, path, src.format)


__all__ = ["read", "decode", "Source", "MAX_BYTES"]
