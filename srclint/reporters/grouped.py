"""Grouped human output (as Ruff's `grouped`): each file once as a header, its findings indented
under it as `line:col CODE [severity] message`, then a per-rule summary table (tabulate)."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any

from ..models import Report
from .text import error_lines, safe, summary_line, summary_table

if TYPE_CHECKING:
    from ..packs import RuleSet

__all__ = ["render"]


def render(report: Report, rules: RuleSet | None = None, **_: Any) -> str:
    out: list[str] = []
    for path, group in groupby(report.findings, key=lambda f: f.path):
        findings = list(group)
        out.append(f"{safe(path)}:")
        width = max(len(f"{f.line}:{f.column}") for f in findings)
        for f in findings:
            out.append(f"  {f'{f.line}:{f.column}':<{width}} {f.code} [{f.severity}] {safe(f.message)}")
            out.extend(f"  {'':<{width}}   = note: {r.path}:{r.line}:{r.column}: {safe(r.message)}" for r in f.related)
        out.append("")
    out.extend(error_lines(report))
    if report.findings:
        out += [summary_table(report), ""]
    out.append(summary_line(report))
    return "\n".join(out) + "\n"
