"""Readers that turn a file into a Document: bytes -> text -> format-specific masking.

Reading never raises for content: undecodable bytes are kept as lone surrogates (one code point
per byte, so offsets still map to the file and a fix can write the bytes back unchanged) and the
encoding rules report them. Only I/O problems and files that are not text become errors.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from ..documents import Document
from ..errors import DocumentError
from . import markdown, plaintext

__all__ = ["FORMATS", "decode_bytes", "format_for", "from_text", "read_document"]

FORMATS = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".txt": "text"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def format_for(path: str) -> str:
    return FORMATS.get(os.path.splitext(path)[1].lower(), "text")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes without losing any: returns (text, encoding name)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "surrogateescape"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    elif _looks_utf16(data):
        enc = "utf-16-le" if data[1:2] == b"\0" else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", "surrogateescape"), "utf-8"


def _looks_utf16(data: bytes) -> bool:
    head = data[:512]
    if len(head) < 4 or len(head) % 2:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    return (odd > 0.4 * half and even == 0) or (even > 0.4 * half and odd == 0)


def is_binary(data: bytes, encoding: str) -> bool:
    return not encoding.startswith("utf-16") and b"\0" in data[:8192]


def from_text(text: str, path: str = "<text>", format: str | None = None) -> Document:
    fmt = format or format_for(path)
    if fmt == "markdown":
        return markdown.parse(path, text)
    return plaintext.parse(path, text)


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> Document:
    """Read one file. Raises DocumentError for files that cannot or should not be linted."""
    shown = display or str(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise DocumentError(shown, f"cannot read: {exc.strerror or exc}") from None
    import stat as _stat

    if not _stat.S_ISREG(st.st_mode):
        raise DocumentError(shown, "not a regular file (skipped)")
    if st.st_size > max_bytes:
        raise DocumentError(
            shown, f"file is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit (max-file-size); skipped"
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentError(shown, f"cannot read: {exc.strerror or exc}") from None
    text, encoding = decode_bytes(data)
    if is_binary(data, encoding):
        raise DocumentError(shown, "binary file (NUL bytes); skipped")
    doc = from_text(text, shown, format_for(str(path)))
    doc.encoding = encoding
    return doc
