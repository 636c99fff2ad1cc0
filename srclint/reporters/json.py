"""JSON: a versioned object (`version`, `tool`, `findings`, `errors`, `files`, `summary`).

Offsets `start`/`end` are 0-based code points into the decoded file; `line`, `column`,
`end_line`, `end_column` are 1-based and count code points. The schema is published as
docs/output-schema.json; `version` changes whenever a field changes meaning.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..models import FileError, Finding, Report, Severity

if TYPE_CHECKING:
    from ..packs import RuleSet

__all__ = ["SCHEMA_VERSION", "checked_columns", "dumps_indented", "each", "error_dict", "finding_columns", "finding_dict", "laid_out", "render"]

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
    pieces = _findings_pieces(report.findings, "  ")
    if pieces is not None:  # the findings written straight from their fields, the rest as always
        try:
            head, _sep, tail = _indented(_document(report, _HOLE), "").partition("\0")
        except _Unusual:
            pass
        else:
            pieces[0] = head + "[\n" + pieces[0]
            pieces[-1] += "\n  ]" + tail + "\n"
            return "".join(pieces)
    return dumps_indented(_document(report, [finding_dict(f) for f in report.findings])) + "\n"


def _document(report: Report, findings: Any) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "srclint", "version": __version__},
        "findings": findings,
        "errors": [error_dict(e) for e in report.errors],
        "files": list(report.files),
        "summary": {
            "findings": len(report.findings),
            "by_code": report.counts(),
            "suppressed": len(report.suppressed),
            "files": len(report.files),
        },
    }


class _Written(str):
    """JSON text already written, which `_indented` puts in as it is."""


_HOLE = _Written("\0")  # where the findings go: written JSON holds no raw NUL (strings escape it)

# The findings written column by column, as `_indented([finding_dict(f) ...], indent)` writes
# them: each field of every finding read and encoded by one `map`, the texts laid out between
# the fixed keys by slice assignments into one list, and that list joined once: no Python call
# or string building per finding. The fields must have the types `_indented` writes without a
# call (exactly str or int, a Severity); otherwise the plain way is used.
_STRINGS = tuple(map(attrgetter, ("code", "name", "message", "path", "match", "fingerprint")))
_INTS = tuple(map(attrgetter, ("line", "column", "end_line", "end_column", "start", "end")))
_SEVERITY = attrgetter("severity")
_RELATED = attrgetter("related")
_FIX = attrgetter("fix")
_KEYS = (
    "code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column",
    "start", "end", "match", "related", "fix", "fingerprint",
)  # fmt: skip  # finding_dict's keys, in its order


def each(fn: Any, column: list[Any]) -> list[str]:
    """`list(map(fn, column))`, with `fn` called once per distinct value when values repeat
    (rule codes and names, paths, small numbers): a dictionary lookup costs less than a call."""
    distinct = dict.fromkeys(column)
    if len(distinct) * 2 > len(column):
        return list(map(fn, column))
    table = dict(zip(distinct, map(fn, distinct)))
    return list(map(table.__getitem__, column))


def _findings_pieces(findings: tuple[Finding, ...] | list[Finding], indent: str) -> list[str] | None:
    """Pieces whose concatenation is `_indented([finding_dict(f) for f in findings], indent)`
    without its opening "[\n" and its closing "\n" + indent + "]"; None when there are no
    findings or one has fields of other types."""
    columns = checked_columns(findings)
    if columns is None:
        return None
    inner = indent + "  "
    i = inner + "  "  # the findings' keys
    values = finding_columns(findings, *columns, lambda value: _indented(value, i))
    return laid_out([f'{i}"{key}": ' for key in _KEYS], values, inner)


def checked_columns(findings: tuple[Finding, ...] | list[Finding]) -> tuple[list[list[str]], list[list[int]], list[Severity]] | None:
    """The findings' string fields, int fields and severities, one list per field; None when
    there are none or a field has another type (exactly str, int, a Severity)."""
    if not findings:
        return None
    strings = [list(map(get, findings)) for get in _STRINGS]
    ints = [list(map(get, findings)) for get in _INTS]
    levels = list(map(_SEVERITY, findings))
    if any(set(map(type, column)) != {str} for column in strings) or any(set(map(type, column)) != {int} for column in ints):
        return None
    if set(map(type, levels)) != {Severity}:  # members are singletons: one text per member
        return None
    return strings, ints, levels


def finding_columns(
    findings: tuple[Finding, ...] | list[Finding], strings: list[list[str]], ints: list[list[int]], levels: list[Severity],
    write: Any,
) -> list[list[str]]:
    """The JSON texts of `finding_dict`'s values, one list per key (`_KEYS`), from the columns
    `_findings_pieces` read and checked; `write` writes the rare related locations and fixes."""
    n = len(findings)
    level_text = {level: encode_basestring(str(level)) for level in set(levels)}
    code, name, message, path, match, fingerprint = (each(encode_basestring, column) for column in strings)
    related: list[str] = ["[]"] * n
    fixes: list[str] = ["null"] * n
    for k, (rel, fix) in enumerate(zip(map(_RELATED, findings), map(_FIX, findings))):
        if rel:
            related[k] = write(finding_dict(findings[k])["related"])
        if fix is not None:
            fixes[k] = write(finding_dict(findings[k])["fix"])
    return [
        code, name, list(map(level_text.__getitem__, levels)), message, path,
        *(each(int.__repr__, column) for column in ints), match, related, fixes, fingerprint,
    ]  # fmt: skip


def laid_out(keys: list[str], values: list[list[str]], inner: str) -> list[str]:
    """Pieces whose concatenation is the items of an indented JSON list of objects, each item
    indented by `inner` and written "{", then each `keys[j]` (what comes before the value,
    indent and name included) with the item's `values[j]`, separated by ",", then "}"; without
    the list's brackets and the line breaks just inside them."""
    n = len(values[0])
    width = 2 * len(keys) + 1
    pieces: list[str] = [""] * (width * n)
    for j, key in enumerate(keys):
        pieces[2 * j :: width] = [("{\n" if j == 0 else ",\n") + key] * n
        pieces[2 * j + 1 :: width] = values[j]
    pieces[width - 1 :: width] = ["\n" + inner + "},\n" + inner] * n
    pieces[0] = inner + pieces[0]
    pieces[-1] = "\n" + inner + "}"
    return pieces


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
    if kind is _Written:
        return str.__str__(value)
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
