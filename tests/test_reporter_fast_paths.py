"""The reporters' shortcuts write what the straightforward code they replace writes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.models import Applicability, FileError, Finding, Fix, Related, Report, Severity
from srclint.reporters import gitlab, json_lines
from srclint.reporters import json as json_reporter
from srclint.reporters.json import _document, dumps_indented, finding_dict

_TEXT = st.text(alphabet=st.sampled_from(['a', 'B', ' ', '"', '\\', '\n', '\t', '\0', '\x7f', 'é', '’', '\ud800', '😀', '/']), max_size=6)
_INT = st.integers(0, 40)
_RELATED = st.builds(Related, _TEXT, _INT, _INT, _TEXT, _INT, _INT, _INT, _INT)
_FIX = st.builds(Fix, _INT, _INT, _TEXT, st.sampled_from(list(Applicability)))


class _Str(str):
    pass


_FINDING = st.builds(
    Finding,
    code=st.sampled_from(["ABC001", "XYZ002", "Q"]),
    name=st.sampled_from(["one", "two-words"]),
    severity=st.sampled_from(list(Severity)),
    message=_TEXT,
    path=st.sampled_from(["a.txt", "b/é.md", 'q"uote.txt']),
    start=_INT,
    end=_INT,
    match=_TEXT,
    related=st.lists(_RELATED, max_size=2).map(tuple),
    fix=st.none() | _FIX,
    line=_INT,
    column=_INT,
    end_line=_INT,
    end_column=_INT,
    fingerprint=st.sampled_from(["", "0123abcd", "ffff0000"]),
)
# Fields of other types than the ones written without a call: the plain way must be taken.
_ODD = st.sampled_from([
    {"message": _Str("sub")}, {"line": True}, {"start": 10**30}, {"code": 7}, {"severity": 2}, {"path": None},
])  # fmt: skip


def _reference(report: Report) -> str:
    return dumps_indented(_document(report, [finding_dict(f) for f in report.findings])) + "\n"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_FINDING, max_size=8),
    st.lists(st.builds(FileError, _TEXT, _TEXT, st.sampled_from(["io", "rule"]), st.none() | _TEXT), max_size=2),
    st.none() | st.tuples(st.integers(0, 7), _ODD),
)
def test_json_report_is_the_plain_rendering(findings: list[Finding], errors: list[FileError], odd: tuple[int, dict] | None) -> None:
    if odd is not None and findings:
        k, change = odd
        findings[k % len(findings)] = findings[k % len(findings)].with_(**change)
    report = Report(findings=tuple(findings), errors=tuple(errors), files=("a.txt",))
    try:
        want = _reference(report)
    except (TypeError, ValueError):  # json.dumps cannot write it either
        return
    assert json_reporter.render(report) == want
    lines = "".join(json.dumps(finding_dict(f), ensure_ascii=False) + "\n" for f in report.findings)
    assert json_lines.render(report) == lines
    try:
        issues = dumps_indented(_plain_issues(report)) + "\n"
    except KeyError:  # a severity GitLab has no name for: the reporter raises too
        return
    assert gitlab.render(report) == issues


def _plain_issues(report: Report) -> list[dict[str, object]]:
    return [
        {
            "type": "issue",
            "description": f"{f.code} {f.message}",
            "check_name": f.code,
            "categories": ["Style"],
            "fingerprint": f.fingerprint,
            "severity": gitlab.SEVERITIES[f.severity],
            "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
        }
        for f in report.findings
    ]


def test_json_report_parses_and_is_indented() -> None:
    f = Finding("ABC001", "one", Severity.WARNING, "m\u2019", "a.txt", 1, 2, "x", line=1, column=2, end_line=1, end_column=3, fingerprint="ab")
    text = json_reporter.render(Report(findings=(f, f), files=("a.txt",)))
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def _reference_columns(findings: list[Finding]) -> list[object]:
    """`srclint.stored_report._finding_columns` as a plain loop over the findings."""
    from srclint.stored_report import _NUMBERS, _finding_row

    rules: dict[tuple[str, str, int], int] = {}
    strings: dict[str, int] = {}
    rule_col, path_col, message_col, match_col = [], [], [], []
    numbers: list[list[int]] = [[] for _ in _NUMBERS]
    fingerprints, extras = [], []
    for i, f in enumerate(findings):
        rule_col.append(rules.setdefault((f.code, f.name, f.severity.value), len(rules)))
        path_col.append(strings.setdefault(f.path, len(strings)))
        message_col.append(strings.setdefault(f.message, len(strings)))
        match_col.append(strings.setdefault(f.match, len(strings)))
        for column, name in zip(numbers, _NUMBERS):
            column.append(getattr(f, name))
        fingerprints.append(f.fingerprint)
        if f.related or f.fix is not None or f.suppressed is not None:
            row = _finding_row(f)
            extras.append([i, row[8], row[9], f.suppressed])
    return [[list(r) for r in rules], list(strings), rule_col, path_col, message_col, match_col, *numbers, fingerprints, extras]


@settings(max_examples=300, deadline=None)
@given(st.lists(_FINDING, max_size=10), st.lists(st.sampled_from([None, "inline", "baseline"]), min_size=10, max_size=10))
def test_report_columns_are_the_plain_loop(findings: list[Finding], marks: list[str | None]) -> None:
    from srclint.stored_report import _finding_columns, decode_report, encode_report

    findings = [f.with_(suppressed=mark) for f, mark in zip(findings, marks)]
    assert _finding_columns(iter(findings)) == _reference_columns(findings)
    report = Report(findings=tuple(findings), files=("a.txt",), suppressed=tuple(findings[:2]))
    text = encode_report(report)
    assert text is not None and decode_report(text).findings == report.findings


def test_packed_report_columns_round_trip_and_keep_numbers_that_do_not_fit() -> None:
    """Columns of numbers are stored as hex of 32-bit values; a column holding a number that
    does not fit stays a list, and a damaged packed column does not decode."""
    from srclint.stored_report import _finding_columns, _packed, _unpacked, decode_report, encode_report

    base = Finding(code="HDG001", name="x", severity=Severity.WARNING, message="m", path="a.txt", start=3, end=9,
                   match="perhaps", line=1, column=4, end_line=1, end_column=10, fingerprint="f")  # fmt: skip
    findings = [base, base.with_(start=2**32 + 5, end=2**40), base.with_(line=0, column=-1), base.with_(path="b.txt", start=0)]
    columns = _finding_columns(findings)
    packed = _packed(columns)
    assert _unpacked(packed) == columns
    assert isinstance(packed[2], str) and isinstance(packed[6], list) and isinstance(packed[9], list)  # rules; start; column
    report = Report(findings=tuple(findings), files=("a.txt", "b.txt"))
    text = encode_report(report)
    assert text is not None and decode_report(text) == report
    damaged = list(packed)
    damaged[3] = damaged[3][:-2]  # not whole 4-byte values
    try:
        _unpacked(damaged)
    except ValueError:
        return
    raise AssertionError("a damaged column decoded")
