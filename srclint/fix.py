"""Applying fixes to files: safe fixes by default, unsafe ones on request, never at the cost of data.

Guarantees, and how each is kept:

* Only the fix spans change. The fixed text is the old text with each span replaced; it is encoded
  with the file's own encoding (UTF-8 with surrogateescape, so undecodable bytes come back as they
  were; the BOM and UTF-16 byte order of the original kept), and a file whose *unfixed* text does not
  re-encode to exactly its bytes is left alone.
* Fixes never overlap: they are applied in order, an overlapping one is deferred to another pass over
  the re-linted text (at most MAX_PASSES), like Ruff.
* A file that changed since it was read is skipped: the reader records a digest of the raw bytes
  (`Document.source_hash`), and the file is hashed again just before it is replaced.
* Writes are atomic: a temporary file in the same folder, written with os.write, fsync'd, given the
  original mode bits, then os.replace'd over the original. A failure at any step (disk full, permission)
  removes the temporary file, leaves the original untouched and is reported; nothing raises.
* Read-only files are reported, not replaced (a rename would bypass their protection).
* Idempotent: a fix whose replacement equals the text is not counted, and a second run over fixed
  files finds nothing to apply.

This module does not print; the CLI reports the outcome.
"""

from __future__ import annotations

import codecs
import difflib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .discover import SourceFile
from .documents import Document
from .engine import Linter
from .formats import decode_file, format_for, from_text, source_hash
from .models import Applicability, FileError, Finding, Fix, Report

__all__ = ["FileOutcome", "FixRun", "apply_fixes", "applicable", "encode_like", "fix_paths", "write_atomic"]

MAX_PASSES = 10


class FileChangedError(Exception):
    """The file's bytes are not the ones that were linted."""


@dataclass(frozen=True, slots=True)
class FileOutcome:
    path: str
    status: str  # "fixed" | "would-fix" | "changed" | "read-only" | "error"
    fixed: int = 0
    detail: str = ""
    diff: str = ""


@dataclass(frozen=True, slots=True)
class FixRun:
    """What --fix did: the report of what remains, and one outcome per file with fixes."""

    report: Report
    outcomes: tuple[FileOutcome, ...] = ()
    deferred: int = 0  # overlapping fixes still left after MAX_PASSES

    @property
    def fixed(self) -> int:
        return sum(o.fixed for o in self.outcomes if o.status in {"fixed", "would-fix"})

    @property
    def changed_files(self) -> list[str]:
        return [o.path for o in self.outcomes if o.status in {"fixed", "would-fix"}]

    @property
    def failures(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status in {"changed", "read-only", "error"}]


# -- text level ---------------------------------------------------------------------------------


def applicable(findings: Iterable[Finding], unsafe: bool = False) -> list[Fix]:
    """The fixes to apply, in text order, without duplicates."""
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    fixes = {f.fix for f in findings if f.fix is not None and f.fix.applicability in allowed}
    return sorted(fixes, key=lambda x: (x.start, x.end, x.replacement))


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, int, int]:
    """Apply non-overlapping fixes (in order); returns (new text, applied, deferred for overlapping)."""
    out: list[str] = []
    pos = applied = deferred = 0
    for fix in sorted(fixes, key=lambda x: (x.start, x.end)):
        if fix.start < pos or not 0 <= fix.start <= fix.end <= len(text):
            deferred += 1
            continue
        if text[fix.start : fix.end] == fix.replacement:
            continue
        out.append(text[pos : fix.start])
        out.append(fix.replacement)
        pos = fix.end
        applied += 1
    out.append(text[pos:])
    return "".join(out), applied, deferred


def encode_like(text: str, encoding: str, original: bytes) -> bytes:
    """Encode ``text`` as the original file was: same codec, BOM and byte order, bytes escaped back."""
    if encoding == "utf-8":
        return text.encode("utf-8", "surrogateescape")
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8", "surrogateescape")
    if encoding == "utf-16":
        big = original.startswith(codecs.BOM_UTF16_BE)
        return (codecs.BOM_UTF16_BE + text.encode("utf-16-be")) if big else (codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    return text.encode(encoding)


# -- file level ---------------------------------------------------------------------------------


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        if n <= 0:
            raise OSError("write returned no progress")
        view = view[n:]


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def is_read_only(path: str) -> bool:
    mode = os.stat(path).st_mode
    return not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(path, os.W_OK)


STALE_AFTER = 60.0  # seconds: younger temporaries may belong to a fixer running right now


def remove_stale_temporaries(path: str, now: float | None = None) -> list[str]:
    """Delete temporaries an earlier, killed run left beside ``path`` (SIGKILL cannot be caught,
    so its clean-up never ran). Only srclint's own naming pattern, only when older than a minute."""
    import glob
    import time

    folder = os.path.dirname(os.path.abspath(path))
    pattern = os.path.join(glob.escape(folder), f".{glob.escape(os.path.basename(path))}.*.srclint-tmp")
    now = time.time() if now is None else now
    removed = []
    for tmp in glob.glob(pattern):
        try:
            if now - os.lstat(tmp).st_mtime > STALE_AFTER and os.path.isfile(tmp) and not os.path.islink(tmp):
                os.unlink(tmp)
                removed.append(tmp)
        except OSError:
            continue
    return removed


def write_atomic(path: str, data: bytes, expected_hash: str) -> None:
    """Replace ``path`` by ``data`` if it still has the bytes hashed as ``expected_hash``.

    Raises FileChangedError or OSError; in every case the original file is either untouched or
    completely replaced, and no temporary file is left behind.
    """
    st = os.stat(path)
    if source_hash(_read_bytes(path)) != expected_hash:
        raise FileChangedError(path)
    folder = os.path.dirname(os.path.abspath(path))
    remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".srclint-tmp", dir=folder)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if source_hash(_read_bytes(path)) != expected_hash:  # changed while we wrote: keep theirs
            raise FileChangedError(path)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable; not possible everywhere
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


@dataclass(frozen=True, slots=True)
class _Source:
    path: str  # on disk
    encoding: str
    digest: str


class _RecordingLinter(Linter):
    """A Linter that remembers, for each document it reads, where it is and the hash of its bytes.

    It reads in this process (one job): the hash must be of the very bytes the findings come from,
    and worker processes would keep it to themselves.
    """

    def __init__(self, linter: Linter) -> None:
        super().__init__(linter.all_rules, linter.settings, linter.selection, jobs=1)
        self.sources: dict[str, _Source] = {}

    def _read(self, source: SourceFile, errors: list[FileError]) -> Document | None:
        doc = super()._read(source, errors)
        if doc is not None and doc.source_hash is not None:
            self.sources[doc.path] = _Source(str(source.path), doc.encoding, doc.source_hash)
        return doc


def fix_paths(linter: Linter, paths: Sequence[str], *, unsafe: bool = False, write: bool = True) -> FixRun:
    """Lint ``paths``, apply the fixes (or, with ``write=False``, only compute diffs) and re-lint."""
    recorder = _RecordingLinter(linter)
    report = recorder.lint_paths(paths)
    by_path: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    outcomes: list[FileOutcome] = []
    deferred_total = 0
    for shown in sorted(by_path):
        fixes = applicable(by_path[shown], unsafe)
        source = recorder.sources.get(shown)
        if not fixes or source is None:
            continue
        outcome, deferred = _fix_file(recorder, shown, source, fixes, unsafe, write)
        deferred_total += deferred
        if outcome is not None:
            outcomes.append(outcome)
    if write and any(o.status == "fixed" for o in outcomes):
        report = linter.lint_paths(paths)
    return FixRun(report, tuple(outcomes), deferred_total)


def _fix_file(
    linter: Linter, shown: str, source: _Source, fixes: list[Fix], unsafe: bool, write: bool
) -> tuple[FileOutcome | None, int]:
    try:
        data = _read_bytes(source.path)
    except OSError as exc:
        return FileOutcome(shown, "error", detail=f"cannot read: {exc.strerror or exc}"), 0
    if source_hash(data) != source.digest:
        return FileOutcome(shown, "changed", detail="file changed since it was read; not fixed"), 0
    text, encoding, _ = decode_file(data)
    try:
        exact = encode_like(text, encoding, data) == data
    except UnicodeError:
        exact = False
    if not exact:
        return FileOutcome(shown, "error", detail=f"cannot re-encode this {encoding} file byte for byte; not fixed"), 0
    new, total, deferred = apply_fixes(text, fixes)
    passes = 1
    while deferred and passes < MAX_PASSES:  # overlapping fixes: re-lint the fixed text and go again
        doc = from_text(new, shown, format_for(source.path))
        again = applicable(linter.lint_documents([doc]).findings, unsafe)
        new, applied, deferred = apply_fixes(new, again)
        total += applied
        passes += 1
        if not applied:
            break
    if new == text:
        return None, deferred
    try:
        out = encode_like(new, encoding, data)
    except UnicodeError as exc:
        return FileOutcome(shown, "error", detail=f"the fixed text cannot be written as {encoding}: {exc}; not fixed"), deferred
    diff = "".join(difflib.unified_diff(text.splitlines(keepends=True), new.splitlines(keepends=True),
                                        shown, shown))
    if not write:
        return FileOutcome(shown, "would-fix", total, diff=diff), deferred
    try:
        if is_read_only(source.path):
            return FileOutcome(shown, "read-only", detail="file is read-only; not fixed"), deferred
        write_atomic(source.path, out, source.digest)
    except FileChangedError:
        return FileOutcome(shown, "changed", detail="file changed while fixing; not fixed"), deferred
    except OSError as exc:
        return FileOutcome(shown, "error", detail=f"cannot write: {exc.strerror or exc}; file left unchanged"), deferred
    return FileOutcome(shown, "fixed", total, diff=diff), deferred


def read_text(path: str | Path) -> str:
    """The file's text as srclint reads it (for tests and callers comparing before/after)."""
    return decode_file(_read_bytes(str(path)))[0]
