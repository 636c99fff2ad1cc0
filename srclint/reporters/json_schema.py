"""The JSON Schema of the `json` output format (and of each `json-lines` line's finding).

Kept in code, next to the reporter, so `srclint schema --output` works from an installed wheel;
docs/output-schema.json is this schema written out, and a test keeps the two identical and checks
real output against it. `version` in the output is SCHEMA_VERSION; it changes whenever a field
changes meaning or disappears (new fields may be added within a version).
"""

from __future__ import annotations

from typing import Any

from .json import SCHEMA_VERSION

__all__ = ["output_schema"]

_POSITIVE = {"type": "integer", "minimum": 0}
_LOCATION = {
    "line": {**_POSITIVE, "description": "1-based line (0 when unknown)"},
    "column": {**_POSITIVE, "description": "1-based column, in code points"},
    "end_line": _POSITIVE,
    "end_column": {**_POSITIVE, "description": "1-based column just after the end, in code points"},
    "start": {**_POSITIVE, "description": "0-based code-point offset into the decoded file"},
    "end": {**_POSITIVE, "description": "0-based code-point offset just after the end"},
}


def output_schema() -> dict[str, Any]:
    related = {
        "type": "object",
        "required": ["path", "line", "column", "end_line", "end_column", "message"],
        "properties": {"path": {"type": "string"}, **_LOCATION, "message": {"type": "string"}},
    }
    fix = {
        "type": "object",
        "required": ["replacement", "applicability"],
        "properties": {
            "replacement": {"type": "string"},
            "applicability": {"enum": ["safe", "unsafe", "display-only"]},
            "start": _POSITIVE,
            "end": _POSITIVE,
        },
    }
    finding = {
        "type": "object",
        "required": ["code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column",
                     "start", "end", "match", "related", "fix", "fingerprint"],  # fmt: skip
        "properties": {
            "code": {"type": "string", "pattern": "^[A-Z]{3}[0-9]{3}$"},
            "name": {"type": "string"},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string"},
            "path": {"type": "string", "description": "as shown: relative to the working directory where possible"},
            **_LOCATION,
            "match": {"type": "string", "description": "the flagged text, text[start:end]"},
            "related": {"type": "array", "items": {"$ref": "#/$defs/related"}},
            "fix": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/fix"}]},
            "fingerprint": {"type": "string", "description": "content-based; stable when lines move"},
        },
    }
    error = {
        "type": "object",
        "required": ["path", "kind", "message", "code"],
        "properties": {
            "path": {"type": "string"},
            "kind": {"type": "string", "description": "io, decode, rule, skipped, parse, baseline (a stale entry), ..."},
            "message": {"type": "string"},
            "code": {"type": ["string", "null"]},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:srclint:schema:output:v{SCHEMA_VERSION}",
        "title": f"srclint JSON output, version {SCHEMA_VERSION}",
        "type": "object",
        "required": ["version", "tool", "findings", "errors", "files", "summary"],
        "properties": {
            "version": {"const": SCHEMA_VERSION},
            "tool": {
                "type": "object",
                "required": ["name", "version"],
                "properties": {"name": {"const": "srclint"}, "version": {"type": "string"}},
            },
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "errors": {"type": "array", "items": {"$ref": "#/$defs/error"}},
            "files": {"type": "array", "items": {"type": "string"}},
            "summary": {
                "type": "object",
                "required": ["findings", "by_code"],
                "properties": {
                    "findings": _POSITIVE,
                    "by_code": {"type": "object", "additionalProperties": _POSITIVE},
                    "suppressed": _POSITIVE,
                    "files": _POSITIVE,
                },
            },
        },
        "$defs": {"finding": finding, "related": related, "fix": fix, "error": error},
    }
