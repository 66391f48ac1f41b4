"""Bytes to text: the document's *original* (:func:`wfltext.reader.read` is the door).

:func:`decode` decodes the encodings Chinese reports come in and keeps line endings
exactly as they are:

1. a byte-order mark decides (UTF-8, UTF-16 and UTF-32, either byte order);
2. strict UTF-8, unless the result is mojibake saved as UTF-8 (UTF-8 read as GBK or as Latin-1,
   GBK read as Latin-1), which is refused rather than passed on;
3. UTF-16 without a mark, when one byte order decodes into plausible Chinese text;
4. binary data (image, PDF, archive signatures; control bytes) is refused;
5. bytes that are nearly all valid UTF-8 are refused as a mixed encoding, not guessed;
6. GB18030 (a superset of GBK and GB2312) and Big5: whichever decodes without error into the
   larger share of common characters.

The :class:`Source` reports the encoding and a confidence: 1.0 for a byte-order mark or strict
UTF-8, otherwise the share of the decoded characters that are common Chinese characters (or the
plausibility of a BOM-less UTF-16 decode). Undecodable input raises
:class:`~wfltext.errors.DecodeError` naming the file and the reason; it is never returned as
mojibake.
"""

from __future__ import annotations

import codecs
import os
import re
from collections import Counter
from dataclasses import dataclass

from .errors import DecodeError, InputError, SizeLimitError
from .normalize.chars import common_chars as _common
from .normalize.mojibake import repair_whole

#: default largest input, in bytes (a long government report is about 100 kB)
MAX_BYTES = 20 * 1024 * 1024
#: default longest line, in characters: about 40 times the longest line of a real report (national
#: reports are one line of up to 27 000 characters); a longer "line" is a broken or hostile file
MAX_LINE_CHARS = 1_000_000


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
#: how much of a long input the encoding guesses look at (decoding always covers everything)
_SAMPLE = 1 << 16


def _is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


#: what :func:`_is_cjk` accepts, and the Latin-1 supplement: counted by a regex, not per character
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_HIGH = re.compile("[\u0080-\u00ff]")


def _score(text: str) -> float:
    """Share of the ideographs of ``text`` that are common characters (0 when there are none).

    >>> _score("今年以来"), _score("abc")
    (1.0, 0.0)
    """
    common = _common()
    han = Counter(_CJK.findall(text, 0, _SAMPLE))
    if not han:
        return 0.0
    return sum(n for c, n in han.items() if c in common) / sum(han.values())


def _plausible(text: str) -> float:
    """Share of the characters of ``text`` that Chinese text is made of: common ideographs,
    printable ASCII, line breaks, CJK and full-width punctuation.

    >>> _plausible("今年以来，全县共培训200人。\\n"), round(_plausible("\\u6968\\u2022\\ue000"), 2)
    (1.0, 0.33)
    """
    common = _common()
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    ok = 0
    for c, n in Counter(sample).items():  # each distinct character once
        if (
            " " <= c <= "~"
            or c in "\t\r\n"
            or c in common
            or "\u3000" <= c <= "\u303f"
            or "\uff01" <= c <= "\uff5e"
            or c in "“”‘’…—·"
        ):
            ok += n
    return ok / len(sample)


def _looks_binary(data: bytes) -> str | None:
    head = data[:_SAMPLE]
    if head.startswith((b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"\x7fELF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return "it is a binary file (its signature is an image, PDF, executable, archive or Office file)"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 and b != 27)
    if head and controls / len(head) > 0.05:
        return f"{controls} control bytes in its first {len(head)} bytes: it looks binary"
    return None


def _mojibake(text: str) -> str | None:
    """Why strictly valid UTF-8 ``text`` is mojibake saved as UTF-8, or None.

    >>> _mojibake("今年以来全县共培训妇女200人".encode("utf-8").decode("gbk", "ignore")) is not None
    True
    >>> _mojibake("今年以来全县共培训妇女200人") is None
    True
    """
    kind = _mojibake_kind(text)
    if kind is None:
        return None
    read_as, target = kind
    hint = "or repair it: read(..., repair_mojibake=True), --repair-mojibake"
    if read_as == "gbk":
        return f"its text is UTF-8 read as GBK and saved again (mojibake); decode the original bytes as UTF-8, {hint}"
    return f"its text is {target} read as {read_as} and saved again (mojibake); decode the original bytes as {target}, {hint}"


def _mojibake_kind(text: str) -> tuple[str, str] | None:
    """``(read_as, target)`` when ``text`` is ``target`` bytes decoded as ``read_as``, else None."""
    sample = text[:_SAMPLE]
    high = len(_HIGH.findall(sample))
    if high >= 8 and high >= len(sample) * 0.2:
        for enc in ("latin-1", "cp1252"):
            try:
                raw = sample.encode(enc)
            except UnicodeEncodeError:
                continue
            for target in ("utf-8", "gb18030"):
                try:
                    fixed = raw.decode(target)
                except UnicodeDecodeError:
                    continue
                if _score(fixed) >= 0.9 and len(_CJK.findall(fixed)) >= 4:
                    return enc, target
    han = len(_CJK.findall(sample))
    if han >= 8:
        # the decoder that made the mojibake replaced what it could not read by U+FFFD; those
        # characters are lost, the rest re-encodes to the original UTF-8 bytes
        raw = sample.replace("\ufffd", "").encode("gbk", errors="ignore")
        fixed = raw.decode("utf-8", errors="replace")
        bad = fixed.count("\ufffd")
        fixed_han = len(_CJK.findall(fixed))
        # genuine Chinese text re-encoded as GBK is almost never valid UTF-8 (its "decode" is
        # nearly all U+FFFD); mojibake is, apart from the bytes lost where the decoder that made
        # it gave up
        if fixed_han >= max(4, bad) and _score(fixed) >= 0.9:
            return "gbk", "utf-8"
    return None


def _utf16(data: bytes) -> tuple[str, str, float] | None:
    """A BOM-less UTF-16 decode that reads as Chinese text: ``(text, encoding, plausibility)``."""
    if len(data) < 4 or len(data) % 2:
        return None
    best: tuple[str, str, float] | None = None
    head = data[:_SAMPLE]
    for enc, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        p = _plausible(text)
        # Chinese text shows ideographs; ASCII-heavy text shows a NUL in every other byte
        evidence = _CJK.search(text, 0, _SAMPLE) is not None or zeros.count(0) > len(zeros) * 0.3
        if p >= 0.95 and evidence and (best is None or p > best[2]):
            best = (text, enc, p)
    return best


def decode(data: bytes, source: str = "<bytes>", *, repair_mojibake: bool = False) -> Source:
    """Decode bytes; see the module docstring. With ``repair_mojibake``, UTF-8 text that is
    mojibake (UTF-8 or GBK bytes once decoded as GBK or Latin-1 and saved again) is decoded as
    it was written instead of refused: its encoding reads ``utf-8 (repaired: utf-8 read as
    gbk)``, characters whose bytes the first decoder lost become U+FFFD (which the normalizer
    marks noisy), and the confidence is the share of characters that came back.

    >>> decode("今年以来".encode("gb18030")).encoding
    'gb18030'
    >>> decode("今年以來，婦聯工作".encode("big5")).encoding
    'big5'
    >>> decode("今年以来\\n".encode("utf-16-le")).encoding
    'utf-16-le'
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Source(data[len(bom) :].decode(enc), enc, 1.0, None)
            except UnicodeDecodeError as err:
                raise DecodeError(
                    f"starts with a {enc} byte-order mark but is not valid {enc} ({err.reason} at byte {err.start + len(bom)})",
                    source=source,
                ) from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error: UnicodeDecodeError | None = err
        cut = _decode_allowing_cut_end(data, "utf-8")
        if cut is not None and len(data) > 3:
            # UTF-8 throughout, its last character cut off (a truncated download)
            text, utf8_error = cut, None
    else:
        utf8_error = None
    if utf8_error is None:
        if "\x00" not in text[:_SAMPLE]:
            kind = _mojibake_kind(text)
            if kind and repair_mojibake:
                fixed = repair_whole(text, *kind)
                lost = fixed.count("\ufffd")
                confidence = round(1 - lost / max(1, len(fixed)), 3)
                return Source(fixed, f"utf-8 (repaired: {kind[1]} read as {kind[0]})", confidence, None)
            if kind:
                raise DecodeError(_mojibake(text) or "mojibake", source=source)
            return Source(text, "utf-8", 1.0, None)
    wide = _utf16(data)
    if wide is not None:
        text, enc, p = wide
        return Source(text, enc, round(p, 3), None)
    reason = _looks_binary(data)
    if reason:
        raise DecodeError(f"cannot be read as text: {reason}", source=source)
    if utf8_error is not None:
        _refuse_mixed(data, utf8_error, source)
    candidates = []
    for enc in ("gb18030", "big5"):
        decoded = _decode_allowing_cut_end(data, enc)
        if decoded is not None:
            candidates.append((_score(decoded), enc == "gb18030", enc, decoded))
    if not candidates:
        at = utf8_error.start if utf8_error is not None else 0
        raise DecodeError(
            f"is neither UTF-8 (invalid byte at {at}) nor GB18030 nor Big5; "
            "convert it to UTF-8, or pass the right encoding to read()",
            source=source,
        )
    score, _prefer, enc, text = max(candidates)
    if score < 0.5:
        raise DecodeError(
            f"decodes as {enc} only into rare characters ({score:.0%} common): probably not Chinese text "
            "or a mixed encoding; pass the right encoding to read()",
            source=source,
        )
    return Source(text, enc, round(score, 3), None)


def _decode_allowing_cut_end(data: bytes, enc: str) -> str | None:
    """``data`` decoded strictly, except that a multibyte character cut off at the very end (a
    truncated download) becomes one U+FFFD; ``None`` when any other byte is invalid.

    >>> _decode_allowing_cut_end("妇联".encode("gb18030")[:-1], "gb18030") == "妇\\ufffd"
    True
    """
    try:
        return data.decode(enc)
    except UnicodeDecodeError as err:
        if err.end < len(data) or len(data) - err.start > 3:
            return None
        try:
            return data[: err.start].decode(enc) + "\ufffd"
        except UnicodeDecodeError:
            return None


def check_lines(text: str, source: str, max_line_chars: int = MAX_LINE_CHARS) -> None:
    """Refuse a text with a line longer than ``max_line_chars`` characters.

    >>> check_lines("甲\\n" * 3, "<text>", 2)
    >>> check_lines("甲乙丙\\n", "<text>", 2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wfltext.errors.SizeLimitError: <text>: line 1 is 3 characters long, over the limit of 2; raise max_line_chars ...
    """
    if len(text) <= max_line_chars:
        return
    start = 0
    number = 1
    n = len(text)
    while start < n:
        m = _LINE_BREAK.search(text, start)
        end = m.start() if m else n
        if end - start > max_line_chars:
            raise SizeLimitError(
                f"line {number} is {end - start} characters long, over the limit of {max_line_chars}; "
                "raise max_line_chars (read(..., max_line_chars=N), --max-line-chars) if it is really text",
                source=source,
            )
        if m is None:
            return
        start = m.end()
        number += 1


_LINE_BREAK = re.compile(r"\r\n?|\n")


def _refuse_mixed(data: bytes, err: UnicodeDecodeError, source: str) -> None:
    """Bytes that are UTF-8 but for a few invalid ones are a mixed encoding: decoding them as
    GB18030 would turn every UTF-8 character into two or three wrong ones."""
    sample = data[: _SAMPLE * 4]
    decoded = sample.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    multibyte = sum(1 for c in decoded if c > "\x7f" and c != "\ufffd")
    if multibyte >= 8 and bad <= multibyte * 0.05:
        raise DecodeError(
            f"is UTF-8 except for {bad} invalid byte sequence(s), the first at byte {err.start}: "
            "a file of mixed encodings; fix those bytes or pass the right encoding to read()",
            source=source,
        )


def read_bytes(path: str | os.PathLike, max_bytes: int = MAX_BYTES, name: str | None = None) -> bytes:
    """A file's bytes, refusing folders, missing files, what is not a regular file and files
    over ``max_bytes``. Errors name the file as ``name`` (default: the path)."""
    name = name or os.fspath(path)
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise SizeLimitError(f"is {size} bytes, over the limit of {max_bytes}; raise max_bytes (--max-bytes) to read it", source=name)
        if not os.path.isfile(path) and not os.path.isdir(path):
            # opening a named pipe waits for a writer: one such file would hang a whole corpus run
            raise InputError("is not a regular file (a named pipe, socket or device); copy its content into a file", source=name)
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except IsADirectoryError as err:
        raise InputError("is a folder, not a file", source=name) from err
    except FileNotFoundError as err:
        raise InputError("no such file", source=name) from err
    except PermissionError as err:
        raise InputError("permission denied", source=name) from err
    except OSError as err:
        raise InputError(f"cannot be read: {err.strerror or err}", source=name) from err
    if len(data) > max_bytes:
        raise SizeLimitError(f"grew over the limit of {max_bytes} bytes while being read", source=name)
    return data


__all__ = ["decode", "read_bytes", "check_lines", "Source", "MAX_BYTES", "MAX_LINE_CHARS"]
