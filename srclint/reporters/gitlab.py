"""GitLab Code Quality: a JSON array of issues (`description`, `check_name`, `fingerprint`,
`severity`, `location.path`, `location.lines.begin`) that merge requests show inline.

Severities map error -> major, warning -> minor, info -> info (GitLab's scale has five steps;
`critical` and `blocker` are left for problems that stop a publication, which srclint does not
claim to know). The fingerprint is srclint's content fingerprint, stable when lines move.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models import Report, Severity
from .json import dumps_indented

if TYPE_CHECKING:
    from ..packs import RuleSet

__all__ = ["SEVERITIES", "render"]

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report, rules: RuleSet | None = None, **_: Any) -> str:
    issues = [
        {
            "type": "issue",
            "description": f"{f.code} {f.message}",
            "check_name": f.code,
            "categories": ["Style"],
            "fingerprint": f.fingerprint,
            "severity": SEVERITIES[f.severity],
            "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
        }
        for f in report.findings
    ]
    return dumps_indented(issues) + "\n"
