"""Human formats: `full` (path:line:col: CODE [severity] message, the source line, a caret
underline and `note:` lines) and `concise` (one line per finding)."""

from __future__ import annotations

import os
import unicodedata
from collections import Counter
from collections.abc import Iterable
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from ..models import Finding, Report, Severity

if TYPE_CHECKING:
    from typing import Any
    from ..packs import RuleSet

__all__ = [
    "Totals", "concise_lines", "error_lines", "full_lines", "quiet_text", "render_concise", "render_full", "safe",
    "summary_line", "summary_of", "summary_table",
]  # fmt: skip


def safe(text: str) -> str:
    """Make undecodable bytes and control characters visible instead of breaking the terminal."""
    if text.isprintable():  # the common case; isprintable() is False for every class escaped below
        return text
    out = []
    for ch in text:
        cp = ord(ch)
        if 0xDC80 <= cp <= 0xDCFF:
            out.append(f"\\x{cp - 0xDC00:02x}")
        elif cp < 32 and ch != "\t" or 0x7F <= cp < 0xA0 or unicodedata.category(ch) in {"Cf", "Cs"}:
            out.append(f"\\u{cp:04x}" if cp > 0xFF else f"\\x{cp:02x}")
        else:
            out.append(ch)
    return "".join(out)


_LEVEL = {s: f"{s}" for s in Severity}  # a severity as it prints, without a call to format each time


def _head(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.code} [{_LEVEL[f.severity]}] {safe(f.message)}"


def render_concise(report: Report, rules: RuleSet | None = None, **_: Any) -> str:
    lines = concise_lines(report.findings)
    lines.extend(error_lines(report))
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def concise_lines(findings: Iterable[Finding]) -> list[str]:
    """The concise format's line of each finding."""
    level = _LEVEL  # `_head` written out: a large report has many thousands of lines
    return [
        f"{f.path}:{f.line}:{f.column}: {f.code} [{level[f.severity]}] {m if (m := f.message).isprintable() else safe(m)}"
        for f in findings
    ]


def render_full(report: Report, rules: RuleSet | None = None, *, sources: dict[str, list[str]] | None = None, **_: Any) -> str:
    out = full_lines(report.findings, dict(sources or {}))
    out.extend(error_lines(report))
    out.append(summary_line(report))
    return "\n".join(out) + "\n"


def full_lines(findings: Iterable[Finding], cache: dict[str, list[str] | None]) -> list[str]:
    """The full format's lines of the findings (each finding's ending with an empty line);
    `cache` holds the source lines of each file read so far, by path."""
    out: list[str] = []
    for f in findings:
        out.append(_head(f))
        if f.path in cache:
            lines = cache[f.path]
        else:
            lines = cache[f.path] = _read_lines(f.path)
        if lines and 0 < f.line <= len(lines):
            out.extend(_excerpt(lines[f.line - 1], f))
        if f.fix is not None:
            repl = f.fix.replacement or "(delete)"
            out.append(f"     = fix ({f.fix.applicability}): replace with {safe(repl)!s}")
        for rel in f.related:
            out.append(f"     = note: {rel.path}:{rel.line}:{rel.column}: {safe(rel.message)}")
        out.append("")
    return out


_WIDTH = 100


def _excerpt(src: str, f: Finding) -> list[str]:
    """The source line with a caret underline; long lines are cut to a window around the match."""
    src = _expand(src)
    start = f.column - 1
    stop = f.end_column - 1 if f.end_line == f.line else len(src)
    stop = max(stop, start + 1)
    left, right = 0, len(src)
    if len(src) > _WIDTH:
        span = stop - start
        margin = max(10, (_WIDTH - span) // 2)
        left = max(0, start - margin)
        right = min(len(src), max(stop + margin, left + _WIDTH))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(src) else ""
    window = src[left:right]
    if left <= start <= right and window.isprintable():  # the slices below lie in it: safe() keeps them
        shown = prefix + window + suffix
        pad = len(prefix) + start - left
        width = max(1, min(stop, right) - start)
    else:
        shown = prefix + safe(src[left:right]) + suffix
        pad = len(prefix) + len(safe(src[left:start]))
        width = max(1, len(safe(src[start:min(stop, right)])))
    gutter = f"{f.line:>5} | "
    return [gutter + shown, " " * (len(gutter) - 2) + "| " + " " * pad + "^" * width]


def _expand(s: str) -> str:
    return s.replace("\t", "    ")


def _read_lines(path: str) -> list[str] | None:
    if not os.path.isfile(path):
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    from ..formats import decode_bytes

    text = decode_bytes(data)[0]
    if "\r" not in text:  # then lines end only at "\n": what split_lines gives, without the documents
        return text.split("\n")
    from ..documents import split_lines

    return split_lines(text)


def quiet_text(text: str) -> str:
    """A human format's output with --quiet: the summary line (and any empty line) left out.
    Of an output in parts that each end with "\\n" (`srclint.reporters.blocks`), it is the
    parts' own joined: "\\n" is a whole line break whatever follows it, so no line spans two."""
    return "".join([line + "\n" for line in text.splitlines() if line and not line.startswith("Found ")])


def error_lines(report: Report) -> list[str]:
    return [f"{e.path}: {'warning' if e.kind in {'skipped', 'parse', 'baseline'} else 'error'}: {safe(e.message)}" for e in report.errors]


def summary_line(report: Report) -> str:
    """`Found 34 problems in 2 files (1 error, 31 warnings, 2 infos); 3 suppressed; 1 fixable with --unsafe-fixes.`"""
    from ..models import Applicability

    by_level = Counter(f.severity for f in report.findings)
    fixes = [f.fix.applicability for f in report.findings if f.fix is not None]
    return summary_of(
        Totals(
            len(report.findings), by_level[Severity.ERROR], by_level[Severity.WARNING], by_level[Severity.INFO], len(report.files),
            len(report.suppressed), sum(1 for a in fixes if a == Applicability.SAFE), sum(1 for a in fixes if a == Applicability.UNSAFE),
        )
    )  # fmt: skip


class Totals:
    """What the summary line counts: findings (all, then by severity), files, suppressed findings,
    and findings with a safe fix and with an unsafe one. (A plain class: a NamedTuple's class is
    compiled when this module is imported, which took most of the import.)"""

    __slots__ = ("errors", "files", "findings", "infos", "safe", "suppressed", "unsafe", "warnings")

    def __init__(self, findings: int, errors: int, warnings: int, infos: int, files: int, suppressed: int, safe: int, unsafe: int) -> None:
        self.findings, self.errors, self.warnings, self.infos = findings, errors, warnings, infos
        self.files, self.suppressed, self.safe, self.unsafe = files, suppressed, safe, unsafe


def summary_of(totals: Totals) -> str:
    """`summary_line` of a Report with these totals."""
    n = totals.findings
    files = totals.files
    head = f"Found {n} problem{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    counts = {"error": totals.errors, "warning": totals.warnings, "info": totals.infos}
    if n:
        head += " (" + ", ".join(f"{v} {k}{'s' if v != 1 else ''}" for k, v in counts.items() if v) + ")"
    parts = [head]
    if totals.suppressed:
        parts.append(f"{totals.suppressed} suppressed")
    safe, unsafe = totals.safe, totals.unsafe
    if safe:
        parts.append(f"{safe} fixable with --fix")
    if unsafe:
        parts.append(f"{unsafe} {'more ' if safe else ''}fixable with --unsafe-fixes")
    return "; ".join(parts) + "."


def summary_table(report: Report) -> str:
    """Counts per rule, most frequent first (tabulate): `--statistics` and the `grouped` format."""
    from tabulate import tabulate

    rows = []
    for code, count in sorted(report.counts().items(), key=lambda kv: (-kv[1], kv[0])):
        first = next(f for f in report.findings if f.code == code)
        fixable = sum(1 for g in report.findings if g.code == code and g.fix is not None)
        rows.append([count, code, first.name, str(first.severity), fixable or ""])
    return tabulate(rows, headers=["count", "code", "name", "severity", "fixable"], tablefmt="simple")
