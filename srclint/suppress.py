"""Inline suppressions and the findings about them.

Markdown:  <!-- srclint: ignore ATT001 -->        the next non-blank line (or the same line, trailing)
           <!-- srclint: disable ATT001, HDG -->  ... <!-- srclint: enable -->   a range
           <!-- srclint: ignore-file ENC -->      the whole file
Plain text: the same directives on a line of their own, starting with `srclint:` (an optional
leading `#` or `//` is allowed). Codes may be family prefixes; no codes means every rule.
A directive that suppresses nothing is reported as SUP001, so stale ignores do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import field
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from .models import Finding
from .records import FACTORY, record
from .text import LazyPattern

if TYPE_CHECKING:
    from .documents import Document

__all__ = ["Directive", "apply_suppressions", "find_directives"]

# Compiled when first used: a run over cached files never looks for a directive.
_MD = LazyPattern(r"<!--\s*srclint:\s*(ignore-file|ignore|disable|enable)\b([^>]*?)-->")
_TEXT = LazyPattern(r"^[ \t]*(?:#+|//)?[ \t]*srclint:[ \t]*(ignore-file|ignore|disable|enable)\b([^\n]*)$", re.M)
_CODES = LazyPattern(r"[A-Z]{3}\d{0,3}|ALL")


@record(frozen=False, slots=True)
class Directive:
    """An inline srclint directive: its action, the codes it names, where it is and what it covers."""
    action: str
    codes: tuple[str, ...]
    start: int
    end: int
    text: str = ""
    covers: tuple[int, int] = (0, 0)  # offsets the directive applies to
    used: set[str] = field(default_factory=set)

    def __init__(
        self, action: str, codes: tuple[str, ...], start: int, end: int, text: str = "", covers: tuple[int, int] = (0, 0),
        used: set[str] = FACTORY,
    ) -> None:  # fmt: skip
        self.action = action
        self.codes = codes
        self.start = start
        self.end = end
        self.text = text
        self.covers = covers
        self.used = set() if used is FACTORY else used

    def applies(self, finding: Finding) -> bool:
        if not (self.covers[0] <= finding.start < self.covers[1]):
            return False
        return not self.codes or any(c == "ALL" or finding.code.startswith(c) for c in self.codes)


def find_directives(doc: Document) -> list[Directive]:
    if not _holds_marker(doc.text):  # most files: the pattern is not run
        return []
    pattern = _MD if doc.format == "markdown" else _TEXT
    raw: list[Directive] = []
    for m in pattern.finditer(doc.text):
        reason_free = m.group(2).split("--")[0]
        codes = tuple(_CODES.findall(reason_free.split("reason=")[0]))
        raw.append(Directive(m.group(1), codes, m.start(), m.end(), m.group(0)))
    n = len(doc.text)
    out: list[Directive] = []
    open_ranges: list[Directive] = []
    for d in raw:
        if d.action == "ignore-file":
            d.covers = (0, n)
        elif d.action == "ignore":
            d.covers = _target_line(doc, d)
        elif d.action == "disable":
            d.covers = (d.end, n)
            open_ranges.append(d)
        elif d.action == "enable":
            for r in open_ranges:
                if not d.codes or set(r.codes) <= set(d.codes):
                    r.covers = (r.covers[0], d.start)
            open_ranges = [r for r in open_ranges if r.covers[1] == n]
            continue
        out.append(d)
    return out


def _holds_marker(text: str) -> bool:
    """`"srclint:" in text`, which every directive holds, looked for colon by colon: colons are
    rare in prose, and str.find of one character runs at memchr speed, where a search for the
    whole string goes several times slower."""
    find = text.find
    i = find(":")
    while i != -1:
        if i >= 7 and text.startswith("srclint", i - 7):
            return True
        i = find(":", i + 1)
    return False


def _target_line(doc: Document, d: Directive) -> tuple[int, int]:
    text = doc.text
    line_start = text.rfind("\n", 0, d.start) + 1
    if text[line_start : d.start].strip():  # trailing directive: its own line
        line_end = text.find("\n", d.end)
        return line_start, len(text) if line_end == -1 else line_end
    pos = text.find("\n", d.end)
    while pos != -1:
        nxt = text.find("\n", pos + 1)
        stop = len(text) if nxt == -1 else nxt
        if text[pos + 1 : stop].strip():
            return pos + 1, stop
        pos = nxt
    return d.end, d.end


def apply_suppressions(findings: Iterable[Finding], directives: list[Directive]) -> tuple[list[Finding], list[Finding]]:
    """Split findings into (reported, suppressed); marks which directives were used."""
    if not directives:  # most files
        return list(findings), []
    kept: list[Finding] = []
    hidden: list[Finding] = []
    for f in findings:
        hit = next((d for d in directives if d.applies(f)), None)
        if hit is None:
            kept.append(f)
        else:
            hit.used.add(f.code)
            hidden.append(f.with_(suppressed="inline"))
    return kept, hidden


from . import serialize as _serialize  # noqa: E402

_serialize.register(Directive)
