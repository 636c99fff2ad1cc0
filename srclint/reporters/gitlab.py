"""GitLab Code Quality: a JSON array of issues (`description`, `check_name`, `fingerprint`,
`severity`, `location.path`, `location.lines.begin`) that merge requests show inline.

Severities map error -> major, warning -> minor, info -> info (GitLab's scale has five steps;
`critical` and `blocker` are left for problems that stop a publication, which srclint does not
claim to know). The fingerprint is srclint's content fingerprint, stable when lines move.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from ..models import Report, Severity
from .json import dumps_indented, each, laid_out

if TYPE_CHECKING:
    from ..packs import RuleSet

__all__ = ["SEVERITIES", "render"]

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report, rules: RuleSet | None = None, **_: Any) -> str:
    fast = _issues_pieces(report)
    if fast is not None:
        return "[\n" + "".join(fast) + "\n]\n"
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


_CODE, _MESSAGE, _FINGERPRINT, _SEVERITY, _PATH, _LINE, _END_LINE = map(
    attrgetter, ("code", "message", "fingerprint", "severity", "path", "line", "end_line")
)


def _issues_pieces(report: Report) -> list[str] | None:
    """The issues `render` writes through `dumps_indented`, laid out column by column as the
    JSON format's findings are (`laid_out`); None when there are none, or when a field has
    another type than those written without a call (exactly str or int, a Severity)."""
    findings = report.findings
    if not findings:
        return None
    codes, messages, fingerprints, paths = (list(map(get, findings)) for get in (_CODE, _MESSAGE, _FINGERPRINT, _PATH))
    lines, ends = list(map(_LINE, findings)), list(map(_END_LINE, findings))
    levels = list(map(_SEVERITY, findings))
    if any(set(map(type, column)) != {str} for column in (codes, messages, fingerprints, paths)):
        return None
    if set(map(type, lines)) != {int} or set(map(type, ends)) != {int} or set(map(type, levels)) != {Severity}:
        return None
    severity = {level: encode_basestring(SEVERITIES[level]) for level in set(levels)}
    location = [
        f'{{\n      "path": {path},\n      "lines": {{\n        "begin": {begin},\n        "end": {end}\n      }}\n    }}'
        for path, begin, end in zip(each(encode_basestring, paths), each(int.__repr__, lines), each(int.__repr__, ends))
    ]  # fmt: skip
    n = len(findings)
    values = [
        ['"issue"'] * n,
        list(map(encode_basestring, map(" ".join, zip(codes, messages)))),  # f"{code} {message}" of exact strs
        each(encode_basestring, codes),
        ['[\n      "Style"\n    ]'] * n,
        list(map(encode_basestring, fingerprints)),
        list(map(severity.__getitem__, levels)),
        location,
    ]
    keys = ["type", "description", "check_name", "categories", "fingerprint", "severity", "location"]
    return laid_out([f'    "{key}": ' for key in keys], values, "  ")
