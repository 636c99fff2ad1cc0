"""JSON: a versioned object (`version`, `tool`, `findings`, `errors`, `files`, `summary`).

Offsets `start`/`end` are 0-based code points into the decoded file; `line`, `column`,
`end_line`, `end_column` are 1-based and count code points. The schema is published as
docs/output-schema.json; `version` changes whenever a field changes meaning.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..models import FileError, Finding, Report

if TYPE_CHECKING:
    from ..packs import RuleSet

__all__ = ["SCHEMA_VERSION", "dumps_indented", "error_dict", "finding_dict", "render"]

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": str(f.severity),
        "message": f.message,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "start": f.start,
        "end": f.end,
        "match": f.match,
        "related": [
            {
                "path": r.path,
                "line": r.line,
                "column": r.column,
                "end_line": r.end_line,
                "end_column": r.end_column,
                "start": r.start,
                "end": r.end,
                "message": r.message,
            }
            for r in f.related
        ],
        "fix": None
        if f.fix is None
        else {"replacement": f.fix.replacement, "applicability": str(f.fix.applicability), "start": f.fix.start, "end": f.fix.end},
        "fingerprint": f.fingerprint,
    }


def error_dict(e: FileError) -> dict[str, Any]:
    return {"path": e.path, "kind": e.kind, "message": e.message, "code": e.code}


def render(report: Report, rules: RuleSet | None = None, **_: Any) -> str:
    doc = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "srclint", "version": __version__},
        "findings": [finding_dict(f) for f in report.findings],
        "errors": [error_dict(e) for e in report.errors],
        "files": list(report.files),
        "summary": {
            "findings": len(report.findings),
            "by_code": report.counts(),
            "suppressed": len(report.suppressed),
            "files": len(report.files),
        },
    }
    return dumps_indented(doc) + "\n"


def dumps_indented(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, about twice as fast for reports: with an
    indent, the json module encodes in Python, through a generator per container. Values other
    than dicts with string keys, lists, tuples, strings, ints, booleans and None go to
    json.dumps."""
    try:
        return _indented(value, "")
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2)


class _Unusual(Exception):
    pass


def _indented(value: Any, indent: str) -> str:
    kind = type(value)
    if kind is str:  # encode_basestring: how json.dumps(..., ensure_ascii=False) writes one
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    inner = indent + "  "
    if kind is dict:
        if not value:
            return "{}"
        items = []
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            # Strings and ints, most of a finding, are written here rather than by a call.
            kind = type(item)
            if kind is str:
                items.append(f"{inner}{encode_basestring(key)}: {encode_basestring(item)}")
            elif kind is int:
                items.append(f"{inner}{encode_basestring(key)}: {int.__repr__(item)}")
            else:
                items.append(f"{inner}{encode_basestring(key)}: {_indented(item, inner)}")
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        return "[\n" + ",\n".join([inner + _indented(item, inner) for item in value]) + "\n" + indent + "]"
    raise _Unusual
