"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

`::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=T::MESSAGE`. GitHub parses these lines
itself, so values are escaped the way its toolkit does: in the message `%`, CR and LF; in
properties also `:` and `,` (which would otherwise end the value). srclint's `info` maps to
`notice`. Related locations are added to the message as extra lines.
"""

from __future__ import annotations

from collections.abc import Iterable
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from ..models import Finding, Report, Severity

if TYPE_CHECKING:
    from typing import Any
    from ..packs import RuleSet

__all__ = ["error_lines", "escape_data", "escape_property", "finding_lines", "render"]

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v not in (None, "", 0))
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def render(report: Report, rules: RuleSet | None = None, **_: Any) -> str:
    lines = finding_lines(report.findings)
    lines.extend(error_lines(report))
    return "".join(line + "\n" for line in lines)


def finding_lines(findings: Iterable[Finding]) -> list[str]:
    """The annotation of each finding."""
    lines = []
    for f in findings:
        message = f"{f.code} {f.message}"
        for r in f.related:
            message += f"\n  note: {r.path}:{r.line}:{r.column}: {r.message}"
        props = {"file": f.path, "line": f.line, "col": f.column, "endLine": f.end_line,
                 "endColumn": f.end_column, "title": f"srclint ({f.code})"}  # fmt: skip
        lines.append(_command(_COMMANDS[f.severity], props, message))
    return lines


def error_lines(report: Report) -> list[str]:
    """The annotation of each file error."""
    lines = []
    for e in report.errors:
        name = "error" if e.kind in {"io", "rule"} else "warning"
        lines.append(_command(name, {"file": None if e.path.startswith("<") else e.path, "title": f"srclint ({e.kind})"}, e.message))
    return lines
