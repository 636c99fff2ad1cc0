"""SARIF 2.1.0, the format GitHub code scanning (and most security dashboards) ingest.

Choices, all for code scanning:
- `tool.driver.rules` comes from the rule docs (summary, rationale, examples) so an alert explains
  itself; `ruleIndex` points into it.
- Cross-document findings carry `relatedLocations`, linked from the message as `[text](id)`;
  that is how code scanning shows "the other article" as a link.
- `partialFingerprints["srclint/v1"]` is srclint's content fingerprint (no line numbers), so an
  alert follows its text when lines move; a line-based hash would make alerts churn.
- Columns count Unicode code points (`columnKind`), as srclint does everywhere; paths are relative
  to `%SRCROOT%`, the working directory, declared in `originalUriBaseIds`.
- Suppressed findings are kept, with `suppressions` (inline directive: `inSource`; baseline:
  `external`), so a dashboard can show what was accepted and why.
- File and rule errors become `invocations[0].toolExecutionNotifications`.
Rule help links (`helpUri`) follow RULE_DOCS_URL: one anchor per code on the rules page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .. import __version__
from ..models import FileError, Finding, Report, Severity
from .json import dumps_indented

if TYPE_CHECKING:
    from ..packs import RuleSet

__all__ = ["FAMILIES", "INFORMATION_URI", "RULE_DOCS_URL", "SARIF_SCHEMA", "render"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/srclint/srclint"
RULE_DOCS_URL = INFORMATION_URI + "/blob/main/docs/rules.md#{anchor}"  # anchor: the code in lower case
FINGERPRINT_KEY = "srclint/v1"
MAX_RELATED = 1000  # GitHub's limit on locations per result

FAMILIES = {
    "ATT": "attribution",
    "HDG": "hedging",
    "TON": "tone",
    "ENC": "encoding",
    "DAT": "dates",
    "CON": "consistency",
    "SUP": "suppression",
}
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report, rules: RuleSet | None = None, *, root: str | Path | None = None, **_: Any) -> str:
    return dumps_indented(sarif_log(report, rules, root=root)) + "\n"


def sarif_log(report: Report, rules: RuleSet | None = None, *, root: str | Path | None = None) -> dict[str, Any]:
    """The SARIF log as a dict (for callers that post-process or upload it themselves)."""
    base = Path(root) if root is not None else Path.cwd()
    descriptors, index = _descriptors(rules, [*report.findings, *report.suppressed])
    results = [_result(f, index[f.code], base) for f in sorted([*report.findings, *report.suppressed], key=Finding.sort_key)]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "srclint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "invocations": [_invocation(report.errors, base)],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": base.resolve().as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


# -- rules -------------------------------------------------------------------------------------


def _descriptors(rules: RuleSet | None, findings: list[Finding]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    out: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in rules or ():
        index[rule.code] = len(out)
        out.append(_descriptor(rule))
    for f in findings:  # a finding of a rule not in `rules` (rules=None) still gets an entry
        if f.code not in index:
            index[f.code] = len(out)
            out.append({"id": f.code, "name": f.name, "helpUri": help_uri(f.code), **_tags(f.code),
                        "defaultConfiguration": {"level": _LEVELS[f.severity]}})  # fmt: skip
    return out, index


def help_uri(code: str) -> str:
    return RULE_DOCS_URL.format(anchor=code.lower())


def _tags(code: str) -> dict[str, Any]:
    return {"properties": {"tags": ["srclint", FAMILIES.get(code[:3], code[:3].lower())]}}


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _clean(text: str) -> str:
    """Rule docs come from user-written YAML: keep control characters out of SARIF and Markdown."""
    return _CONTROL.sub("", text)


def _descriptor(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _clean(rule.summary)},
        "fullDescription": {"text": _clean(rule.rationale)},
        "help": {"text": _help_text(rule), "markdown": rule_markdown(rule)},
        "helpUri": help_uri(rule.code),
        "defaultConfiguration": {"level": _LEVELS[rule.level], "enabled": bool(rule.enabled)},
        **_tags(rule.code),
    }


def _example(example: Any) -> str:
    if isinstance(example, str):
        return _clean(example)
    if getattr(example, "text", None) is not None:
        return _clean(example.text)
    return _clean(" | ".join(f"{name}: {text}" for name, text in getattr(example, "docs", {}).items()))


def _help_text(rule: Any) -> str:
    lines = [_clean(rule.summary), "", _clean(rule.rationale), "", "Flagged:"]
    lines += [f"  - {_example(e)}" for e in rule.examples.fail]
    lines += ["Not flagged:", *(f"  - {_example(e)}" for e in rule.examples.pass_)]
    return "\n".join(lines)


def rule_markdown(rule: Any) -> str:
    """A rule's documentation as Markdown (SARIF `help.markdown`; also one section of the rules page)."""
    quote_lines = lambda examples: [f"- `{_example(e)}`".replace("\n", " ") for e in examples]  # noqa: E731
    parts = [
        f"**{rule.code} {rule.name}** ({rule.severity}, kind `{rule.kind}`)",
        "",
        _clean(rule.summary),
        "",
        "**Why it matters.** " + _clean(rule.rationale),
        "",
        "**Flagged**",
        "",
        *quote_lines(rule.examples.fail),
        "",
        "**Not flagged**",
        "",
        *quote_lines(rule.examples.pass_),
    ]
    if rule.references:
        parts += ["", "**References**", "", *(f"- {r}" for r in rule.references)]
    return "\n".join(parts)


# -- results -----------------------------------------------------------------------------------


def _artifact(path: str, base: Path) -> dict[str, Any]:
    p = Path(path)
    if path.startswith("<"):  # in-memory text: not a file, but the uri must still be a valid reference
        return {"uri": quote(path)}
    if p.is_absolute():
        try:
            p = p.relative_to(base.resolve())
        except ValueError:
            return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix()), "uriBaseId": "%SRCROOT%"}


def _region(line: int, column: int, end_line: int, end_column: int, start: int, end: int) -> dict[str, Any]:
    if line < 1:  # no line index (a finding built by hand): fall back to offsets
        return {"charOffset": start, "charLength": max(0, end - start)}
    return {"startLine": line, "startColumn": max(1, column), "endLine": max(line, end_line),
            "endColumn": max(1, end_column)}  # fmt: skip


def _escape(text: str) -> str:
    """Literal brackets and backslashes in a SARIF message must be escaped (embedded links)."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _result(f: Finding, rule_index: int, base: Path) -> dict[str, Any]:
    region = _region(f.line, f.column, f.end_line, f.end_column, f.start, f.end)
    if f.match and "startLine" in region:
        region["snippet"] = {"text": f.match}
    message = _escape(f.message)
    related = f.related[:MAX_RELATED]
    if related:
        links = ", ".join(f"[{_escape(r.path)}:{r.line or '?'}]({i})" for i, r in enumerate(related, 1))
        message += f" (see {links})"
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[f.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(f.path, base), "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
    }
    if related:
        out["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {
                    "artifactLocation": _artifact(r.path, base),
                    "region": _region(r.line, r.column, r.end_line, r.end_column, r.start, r.end),
                },
                "message": {"text": r.message},
            }
            for i, r in enumerate(related, 1)
        ]
    if f.fix is not None:
        out["fixes"] = [_fix(f, base)]
    if f.suppressed:
        kind = "external" if f.suppressed == "baseline" else "inSource"
        out["suppressions"] = [{"kind": kind, "status": "accepted", "justification": f"srclint {f.suppressed} suppression"}]
    return out


def _fix(f: Finding, base: Path) -> dict[str, Any]:
    fix = f.fix
    assert fix is not None
    if (fix.start, fix.end) == (f.start, f.end):
        deleted = _region(f.line, f.column, f.end_line, f.end_column, f.start, f.end)
    else:
        deleted = {"charOffset": fix.start, "charLength": max(0, fix.end - fix.start)}
    replacement = {"deletedRegion": deleted, "insertedContent": {"text": fix.replacement}}
    return {
        "description": {"text": f"{fix.applicability} fix: replace with {fix.replacement!r}"},
        "artifactChanges": [{"artifactLocation": _artifact(f.path, base), "replacements": [replacement]}],
    }


def _invocation(errors: tuple[FileError, ...], base: Path) -> dict[str, Any]:
    notes = []
    for e in errors:
        note: dict[str, Any] = {
            "level": "error" if e.kind in {"io", "rule"} else "warning",
            "message": {"text": f"{e.kind}: {e.message}"},
        }
        if e.path and not e.path.startswith("<"):
            note["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(e.path, base)}}]
        if e.code:
            note["associatedRule"] = {"id": e.code}
        notes.append(note)
    return {
        "executionSuccessful": not any(e.kind in {"io", "rule"} for e in errors),
        "toolExecutionNotifications": notes,
    }
