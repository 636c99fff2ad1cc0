"""Readers that turn a file into a Document: bytes -> text -> format-specific masking.

Reading never raises for content: undecodable bytes are kept as lone surrogates (one code point
per byte, so offsets still map to the file and a fix can write the bytes back unchanged) and the
encoding rules report them. Only I/O problems and files that are not text become errors.
"""

from __future__ import annotations

import codecs
try:  # only blake2b is used: CPython's hashlib.blake2b, without hashlib loading OpenSSL (a few ms of start-up)
    import _blake2 as hashlib
except ImportError:  # pragma: no cover - another implementation
    import hashlib  # type: ignore[no-redef]
import os
from stat import S_ISREG
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from ..errors import DocumentError
from ..text import LazyPattern

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ..documents import Document

__all__ = [
    "FORMATS",
    "decode_bytes",
    "decode_file",
    "document_from_bytes",
    "format_for",
    "from_text",
    "read_bytes",
    "read_document",
    "source_hash",
]

FORMATS = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".txt": "text"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def format_for(path: str) -> str:
    """The format of a file by its extension (`os.path.splitext`'s), "text" when unknown."""
    # splitext's extension, when not empty, is what follows the last dot: looked up at once, and
    # only one of a format other than text is checked further (a name, not only dots, before
    # the dot in its file name: ".md" has no extension).
    dot = path.rfind(".")
    fmt = FORMATS.get(path[dot:].lower()) if dot > 0 else None
    if fmt is None or fmt == "text":
        return "text"
    stem = path[:dot]
    cut = stem.rfind(os.sep)
    if os.altsep:
        cut = max(cut, stem.rfind(os.altsep))
    return fmt if stem[cut + 1 :].strip(".") else "text"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes without losing any: returns (text, encoding name)."""
    text, encoding, _ = _decode(data)
    return text, encoding


def _decode(data: bytes) -> tuple[str, str, bool]:
    """`decode_bytes`, and whether the bytes were valid UTF-8 when read as UTF-8 (so no byte
    was kept as a lone surrogate)."""
    if data[:1] not in _BOM_FIRST_BYTES and data.find(0, 0, 512) == -1:
        # Nearly every file: no byte-order mark, and no NUL byte for `_looks_utf16` to count.
        try:
            return data.decode("utf-8"), "utf-8", True
        except UnicodeDecodeError:
            return data.decode("utf-8", "surrogateescape"), "utf-8", False
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "surrogateescape"), "utf-8-sig", False
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", False
        except UnicodeDecodeError:
            pass
    elif _looks_utf16(data):
        enc = "utf-16-le" if data[1:2] == b"\0" else "utf-16-be"
        try:
            return data.decode(enc), enc, False
        except UnicodeDecodeError:
            pass
    # A strict decode first: valid UTF-8 (nearly every file) is decoded once, and known to be valid.
    try:
        return data.decode("utf-8"), "utf-8", True
    except UnicodeDecodeError:
        return data.decode("utf-8", "surrogateescape"), "utf-8", False


_BOM_FIRST_BYTES = frozenset({codecs.BOM_UTF8[:1], codecs.BOM_UTF16_LE[:1], codecs.BOM_UTF16_BE[:1]})
_NON_ASCII_TEXT = LazyPattern("[^\x00-\x7f\udc80-\udcff]")
_ESCAPED_BYTE = LazyPattern("[\udc80-\udcff]")  # an undecodable byte kept by surrogateescape


def source_hash(data: bytes) -> str:
    """Digest of a file's raw bytes: --fix writes only if the file still has these bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def legacy_decode(data: bytes, text: str) -> tuple[str, str] | None:
    """(text, encoding) for a file in a legacy single-byte encoding, else None.

    Only when *every* non-ASCII byte is invalid UTF-8: a UTF-8 file with a few stray bytes keeps its
    UTF-8 reading (the bytes are reported one by one), a Windows-1252 or Latin-1 file is read as such.
    """
    if _ESCAPED_BYTE.search(text) is None or _NON_ASCII_TEXT.search(text):
        return None
    from ..text.mojibake import looks_legacy  # imports ftfy: only for files with invalid bytes

    legacy = looks_legacy(data)
    return None if legacy is None else (data.decode(legacy), legacy)


def _looks_utf16(data: bytes) -> bool:
    head = data[:512]
    if len(head) < 4 or len(head) % 2 or 0 not in head:  # no NUL byte: not UTF-16 (the usual case)
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    return (odd > 0.4 * half and even == 0) or (even > 0.4 * half and odd == 0)


def is_binary(data: bytes, encoding: str) -> bool:
    """NUL bytes mark binary data, but one stray NUL in a long text is damage to report, not a reason
    to skip the file (Kuhn's UTF-8 stress test has one): binary means more than one NUL per 1,000 bytes
    of the first 8 KB, or any NUL in a shorter file."""
    if encoding.startswith("utf-16"):
        return False
    if data.find(0, 0, 8192) == -1:  # the usual case, told by memchr without counting or copying
        return False
    head = data[:8192]
    return head.count(0) > len(head) // 1000


def from_text(text: str, path: str = "<text>", format: str | None = None) -> Document:
    fmt = format or format_for(path)
    parse = _PARSERS.get(fmt) or _parser(fmt)
    return parse(path, text)


# The parse function of each format, imported on first use (with the documents: not needed to
# read or hash bytes, and the Markdown reader not for plain text), then looked up without an
# import statement per file.
_PARSERS: dict[str, Callable[[str, str], Document]] = {}


def _parser(fmt: str) -> Callable[[str, str], Document]:
    if fmt == "markdown":
        from .markdown import parse
    else:
        from .plaintext import parse
    return _PARSERS.setdefault(fmt, parse)


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> Document:
    """Read one file. Raises DocumentError for files that cannot or should not be linted."""
    shown = display or str(path)
    return document_from_bytes(read_bytes(path, max_bytes=max_bytes, display=shown), path, shown)


def read_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> bytes:
    """A regular file's bytes, refusing anything over `max_bytes` before reading it."""
    # The file is opened first and its size taken from the descriptor (fstat): one look-up of
    # the path rather than two (stat, then open), an eighth of the cost of reading a short
    # article. The open neither blocks (O_NONBLOCK: a FIFO) nor takes a terminal (O_NOCTTY);
    # a path that cannot be opened is judged by os.stat first, as before, so each refusal keeps
    # its reason (missing, not a regular file, too big, then unreadable).
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        _refuse(path, max_bytes, display)
        raise DocumentError(display or str(path), f"cannot read: {exc.strerror or exc}") from None
    # A file descriptor and os.read rather than open(): no file object and buffer per file (it
    # was about half the cost of reading a short article). Ask for what stat promised plus one
    # byte, so a file that grew since the stat is noticed; it is still bounded by the limit.
    # A read that gives exactly what stat promised stopped at the end of the file (a file with
    # more would have given the byte more): no second read just to see the end.
    try:
        st = os.fstat(fd)
        size = st.st_size
        if size > max_bytes or not S_ISREG(st.st_mode):
            _check_stat(st, path, max_bytes, display)  # (raises: the reasons said once, for both ways in)
        data = os.read(fd, size + 1)
        if 0 < len(data) < size:  # a short read (possible on some file systems): read on
            data += _read_up_to(fd, size + 1 - len(data))
        if len(data) > size:
            data += _read_up_to(fd, max_bytes + 1 - len(data))
    except OSError as exc:
        raise DocumentError(display or str(path), f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise DocumentError(
            display or str(path), f"file grew past the {max_bytes:,}-byte limit (max-file-size) while being read; skipped"
        )
    return data


def _check_stat(st: os.stat_result, path: str | Path, max_bytes: int, display: str | None) -> None:
    """Raise DocumentError for a file that is not a regular one or is over `max_bytes`."""
    if not S_ISREG(st.st_mode):
        raise DocumentError(display or str(path), "not a regular file (skipped)")
    size = st.st_size
    if size > max_bytes:
        raise DocumentError(
            display or str(path), f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (max-file-size); skipped"
        )


def _refuse(path: str | Path, max_bytes: int, display: str | None) -> None:
    """For a path that could not be opened: raise the DocumentError that `os.stat` gives reason
    for (the path is missing, not a regular file, or too big); return when it gives none."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise DocumentError(display or str(path), f"cannot read: {exc.strerror or exc}") from None
    _check_stat(st, path, max_bytes, display)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
)


def _read_up_to(fd: int, n: int) -> bytes:
    """Up to n bytes from fd: fewer only at the end of the file (os.read may return less)."""
    data = os.read(fd, n)
    while 0 < len(data) < n:
        more = os.read(fd, n - len(data))
        if not more:
            break
        data += more
    return data


def document_from_bytes(data: bytes, path: str | Path, display: str | None = None) -> Document:
    """Decode (without losing a byte) and parse; raises DocumentError for binary files."""
    shown = display or str(path)
    text, encoding, legacy = decode_file(data)
    if is_binary(data, encoding):
        raise DocumentError(shown, "binary file (NUL bytes); skipped")
    doc = from_text(text, shown, format_for(str(path)))
    doc.encoding = encoding
    doc.legacy_encoding = legacy
    doc.set_source(data)  # hashed only if asked for (the cache and --fix ask; a plain run does not)
    return doc


def decode_file(data: bytes) -> tuple[str, str, str | None]:
    """(text, encoding, legacy encoding or None): how a file is read, shared with the fixer."""
    text, encoding, valid = _decode(data)
    # Read as UTF-8 (so `text` is `data` decoded with surrogateescape), a legacy encoding is only
    # possible when some bytes were escaped, that is, when the strict decode failed: known at
    # codec speed, where legacy_decode's search for escaped bytes goes character by character.
    legacy = legacy_decode(data, text) if encoding == "utf-8" and not valid else None
    if legacy is not None:
        return legacy[0], legacy[1], legacy[1]
    return text, encoding, None
