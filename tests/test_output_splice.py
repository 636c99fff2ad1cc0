"""An output of blocks, kept with a run's Report, spliced after an edit: each step gives what making
the whole output (and the whole stored Report) again gives."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srclint import cache, engine, stored_report
from srclint.models import Applicability, FileError, Finding, Fix, Related, Report, Severity
from srclint.reporters import render
from srclint.reporters.blocks import (
    BLOCK_FORMATS, QUIET_FORMATS, BlockOutput, indexed, make_index, path_counts, read_index, spliced_bytes, totals_of,
)  # fmt: skip
from srclint.reporters.text import quiet_text, summary_line, summary_of

# Paths and messages with what the --quiet filter and the summary line care about: line breaks
# of every kind (one inside a path is printed as it is), a "Found " at a line's start, empty text.
_PATHS = ["a.txt", "b/é.md", "Found x.txt", "c\rd.md", "e\u2028f.md", "g\x85h.md", "missing/z.txt"]
_TEXT = st.lists(st.sampled_from(["a", " ", "\n", "\r", "\u2028", "\x85", "é", "\ud800", "Found ", "—"]), max_size=5).map("".join)
_INT = st.integers(0, 9)


def _findings(paths: list[str], text: st.SearchStrategy[str], codes: list[str], fingerprints: list[str], match: st.SearchStrategy[str]) -> st.SearchStrategy[Finding]:
    """Findings over these paths, texts and rule codes (every other field as a run could give it)."""
    return st.builds(
        Finding,
        code=st.sampled_from(codes),
        name=st.sampled_from(["one", "two"]),
        severity=st.sampled_from(list(Severity)),
        message=text,
        path=st.sampled_from(paths),
        start=_INT,
        end=_INT,
        match=match,
        related=st.lists(st.builds(Related, st.sampled_from(paths), _INT, _INT, text, _INT, _INT, _INT, _INT), max_size=1).map(tuple),
        fix=st.none() | st.builds(Fix, _INT, _INT, text, st.sampled_from(list(Applicability))),
        line=_INT,
        column=_INT,
        end_line=_INT,
        end_column=_INT,
        fingerprint=st.sampled_from(fingerprints),
    )


_FINDING = _findings(_PATHS, _TEXT, ["ABC001", "XYZ002"], ["", "0123abcd"], _TEXT)
_ERRORS = st.lists(st.builds(FileError, st.sampled_from(_PATHS), _TEXT, st.sampled_from(["skipped", "decode", "parse"])), max_size=2)


def _report(findings: list[Finding], suppressed: list[Finding], errors: list[FileError] = ()) -> Report:  # type: ignore[assignment]
    """A Report as a run makes one: findings and suppressed findings sorted, files listed."""
    key = engine._SORT_KEY
    files = sorted({*_PATHS[:4], *(f.path for f in [*findings, *suppressed])})
    return Report(findings=tuple(sorted(findings, key=key)), errors=tuple(errors), files=tuple(files),
                  suppressed=tuple(sorted(suppressed, key=key)))  # fmt: skip


def _printed(report: Report, format: str, quiet: bool) -> str:
    """What the command line prints for the Report (`srclint.cli._output_text`)."""
    text = render(report, format)
    return quiet_text(text) if quiet and format in QUIET_FORMATS else text


@settings(max_examples=300, deadline=None)
@given(st.lists(_FINDING, max_size=8), st.lists(_FINDING, max_size=2), _ERRORS, st.sampled_from(sorted(BLOCK_FORMATS)), st.booleans())
def test_an_output_is_its_blocks_joined(
    findings: list[Finding], suppressed: list[Finding], errors: list[FileError], format: str, quiet: bool
) -> None:
    report = _report(findings, suppressed, errors)
    parts = BlockOutput(format, quiet).parts(report)
    assert parts is not None
    paths, blocks, error_text, summary = parts
    assert "".join([*blocks, error_text, summary]) == _printed(report, format, quiet)
    assert paths == list(dict.fromkeys(f.path for f in report.findings))
    data, index = indexed(report, *parts)
    assert data == _printed(report, format, quiet).encode("utf-8", "surrogatepass")
    read = read_index(json.loads(json.dumps(index)), len(data))
    assert read is not None and read[0] == paths
    assert stored_report._index_json(index) == json.dumps(index, ensure_ascii=True, separators=(",", ":"))
    assert make_index(*read) == index
    totals = totals_of(read[4], len(report.files))
    assert summary_of(totals) == summary_line(report)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_FINDING, max_size=10), st.lists(_FINDING, max_size=3), st.lists(_FINDING, max_size=4), st.lists(_FINDING, max_size=2),
    st.sets(st.sampled_from(_PATHS), min_size=1, max_size=3), _ERRORS, st.sampled_from(sorted(BLOCK_FORMATS)), st.booleans(),
)  # fmt: skip
def test_a_spliced_output_and_report_are_the_new_reports(
    old_findings: list[Finding], old_suppressed: list[Finding], new_findings: list[Finding], new_suppressed: list[Finding],
    subset: set[str], errors: list[FileError], format: str, quiet: bool,
) -> None:  # fmt: skip
    """The files of `subset` redone (their findings and suppressed findings now those of the new
    lists at their paths): the old output with their blocks and the summary line spliced in is
    the new Report's output, its index the new output's, and the old stored Report spliced is
    the new Report stored."""
    old = _report(old_findings, old_suppressed, errors)
    fresh = _report([f for f in new_findings if f.path in subset], [f for f in new_suppressed if f.path in subset])
    kept = [f for f in old.findings if f.path not in subset], [f for f in old.suppressed if f.path not in subset]
    new = _report([*kept[0], *fresh.findings], [*kept[1], *fresh.suppressed], errors)
    new = Report(findings=new.findings, errors=new.errors, files=old.files, suppressed=new.suppressed)  # files as stored
    blocks = BlockOutput(format, quiet)
    data, kept = indexed(old, *blocks.parts(old))  # type: ignore[misc]
    index = read_index(kept, len(data))
    assert index is not None
    counts = {path: c for path, c in index[4].items() if path not in subset}
    counts.update(path_counts(fresh))
    made = {path: blocks.block(fs) if (fs := [f for f in fresh.findings if f.path == path]) else None for path in subset}
    spliced, where = spliced_bytes(data, index[:4], made, blocks.summary(totals_of(counts, len(old.files))))
    want, want_index = indexed(new, *blocks.parts(new))  # type: ignore[misc]
    assert spliced == want
    assert make_index(*where, counts) == want_index
    stored = stored_report.encode_report(old)
    assert stored is not None
    files, errs, _ = stored_report._report_parts(stored)
    assert (files, errs) == (list(old.files), [[e.path, e.message, e.kind, e.code] for e in errors])
    problems = [[e.path, e.kind] for e in old.errors]
    text = stored_report.spliced_report_text(stored, fresh, subset, index[0], len(files), problems)
    assert text == stored_report.encode_report(new)
    assert stored_report.spliced_report_text(stored, fresh, subset, index[0], len(files), problems, index[4]) == text
    assert stored_report.spliced_report_text(stored, fresh, subset, index[0], len(files) + 1, problems) is None
    assert stored_report.decode_report(text) == new  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.lists(_FINDING, max_size=10), st.sets(st.sampled_from(_PATHS), max_size=3), st.lists(_FINDING, max_size=4))
def test_spliced_values_are_the_values_of_the_spliced_findings(old: list[Finding], subset: set[str], new: list[Finding]) -> None:
    key = engine._SORT_KEY
    old, new = sorted(old, key=key), sorted([f for f in new if f.path in subset], key=key)
    values = stored_report._decoded_values(stored_report._unpacked(stored_report._packed(stored_report._finding_columns(old))))
    assert values == stored_report._value_columns(old)
    spliced = stored_report._spliced_values(values, stored_report._value_columns(new), subset)
    assert spliced == stored_report._value_columns(sorted([*(f for f in old if f.path not in subset), *new], key=key))
    assert stored_report._encoded_values(spliced) == stored_report._finding_columns(sorted([*(f for f in old if f.path not in subset), *new], key=key))


def test_a_damaged_index_does_not_fit() -> None:
    report = _report([Finding("A1", "a", Severity.INFO, "m", p, 0, 1, "x") for p in ("a.txt", "b.txt")], [])
    data, index = indexed(report, *BlockOutput("concise", False).parts(report))  # type: ignore[misc]
    assert read_index(index, len(data)) is not None
    starts, counts = cache.ints(index[1]), cache.ints(index[5])
    for damaged in (
        index[:5], [index[0][::-1], *index[1:]], [index[0], starts[::-1], *index[2:]], [*index[:2], len(data) + 1, *index[3:]],
        [*index[:4], ["a.txt"], *index[5:]], [*index[:5], counts[:-1]], [*index[:5], [-1] * len(counts)],
        [*index[:5], index[5][:-2]], [index[0], ["0", "1"], *index[2:]], [index[0], [1, 2], *index[2:]], "[]",
    ):  # fmt: skip
        assert read_index(damaged, len(data)) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(_FINDING, max_size=8), st.lists(_FINDING, max_size=2), _ERRORS, st.booleans())
def test_a_report_is_written_as_json_writes_it(findings: list[Finding], suppressed: list[Finding], errors: list[FileError], big: bool) -> None:
    """`stored_report._report_json` puts packed columns in as they are: what json.dumps writes (a column
    with a number that does not fit stays a list of numbers)."""
    if big and findings:
        findings[0] = findings[0].with_(start=2**40)
    report = _report(findings, suppressed, errors)
    columns = [stored_report._packed(stored_report._finding_columns(fs)) for fs in (report.findings, report.suppressed)]
    whole = [stored_report.REPORT_FORMAT, list(report.files), [[e.path, e.message, e.kind, e.code] for e in errors], *columns]
    assert stored_report.encode_report(report) == json.dumps(whole, ensure_ascii=True, separators=(",", ":"))


# Findings with fingerprints of one length (as a run gives them), many to a path, few messages:
# the stored Report's rows of the kept paths are copied as their text (`stored_report._spliced_run_text`).
_RUN_PATHS = ["a.txt", "b.txt", "c\"d.txt", "e.txt", "f\\g.txt"]
_RUN_TEXT = st.sampled_from(["", "x", "y \"q\"", "\u2014", "Found a", "a\\b", "z"])
_RUN_FINDING = _findings(_RUN_PATHS, _RUN_TEXT, ["ABC001", "XYZ002", "QRS003"], ["0123abcd", "ffff0000", "deadbeef"], _RUN_TEXT | st.sampled_from(_RUN_PATHS))


def _spliced_both_ways(old: Report, fresh: Report, path: str, new: Report) -> tuple[str | None, str | None]:
    blocks = BlockOutput("concise", False)
    data, kept = indexed(old, *blocks.parts(old))  # type: ignore[misc]
    index = read_index(kept, len(data))
    assert index is not None
    stored = stored_report.encode_report(old)
    assert stored is not None
    files = list(old.files)
    short = stored_report.spliced_report_text(stored, fresh, {path}, index[0], len(files), [], index[4])
    long = stored_report.spliced_report_text(stored, fresh, {path}, index[0], len(files), [])
    return short, long


@settings(max_examples=400, deadline=None)
@given(st.lists(_RUN_FINDING, max_size=30), st.lists(_RUN_FINDING, max_size=6), st.sampled_from(_RUN_PATHS), st.lists(_RUN_FINDING, max_size=3))
def test_a_report_spliced_at_one_path_is_the_new_reports(
    old_findings: list[Finding], new_findings: list[Finding], path: str, suppressed: list[Finding]
) -> None:
    """However the tables of rules and strings change (entries first used in the path's rows
    replaced, moved, added or gone), the spliced stored Report is the new Report stored."""
    old = _report(old_findings, suppressed)
    fresh = _report([f.with_(path=path) for f in new_findings], [])
    new = _report([*(f for f in old.findings if f.path != path), *fresh.findings], [f for f in old.suppressed if f.path != path])
    new = Report(findings=new.findings, errors=(), files=old.files, suppressed=new.suppressed)
    short, long = _spliced_both_ways(old, fresh, path, new)
    assert short == long == stored_report.encode_report(new)


def test_a_report_spliced_at_one_path_copies_the_other_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit that changes a message of the path's (a count in it) and adds findings: the rows of
    the other paths are copied, or renumbered when a string a later path used first is now used
    first by the path (`_spliced_run_text` gives the changes), with the same result."""
    def finding(path: str, i: int, message: str, code: str = "ABC001") -> Finding:
        return Finding(code, "one", Severity.WARNING, message, path, i, i + 1, "m", line=i, column=1, end_line=i, end_column=2,
                       fingerprint=f"{i:016x}")  # fmt: skip

    paths = [f"p{k:03}.txt" for k in range(40)]
    old_findings = [finding(p, i, f"Hedge {i % 3}" if i else f"Dense: {k} hedges") for k, p in enumerate(paths) for i in range(5)]
    old_findings.append(finding(paths[25], 9, "m", "XYZ002"))  # a rule first used late (-1: now first used by the path)
    for at, later in ((0, None), (17, None), (39, None), (0, 30), (17, 20), (0, -1), (17, -1)):
        path = paths[at]
        fresh_findings = [finding(path, i, f"Hedge {i % 3}" if i else "Dense: 99 hedges") for i in range(7)]
        if later is not None:  # a message first used by a later path now first used here: the later rows renumbered
            fresh_findings.append(finding(path, 8, f"Dense: {later} hedges") if later >= 0 else finding(path, 8, "m", "XYZ002"))
        old = _report(old_findings, [])
        fresh = _report(fresh_findings, [])
        new = _report([*(f for f in old.findings if f.path != path), *fresh_findings], [])
        new = Report(findings=new.findings, errors=(), files=old.files, suppressed=())
        made: list[bool] = []
        real = stored_report._spliced_run_text

        def spy(*a: object, made: list[bool] = made, real: object = real) -> object:
            out = real(*a)  # type: ignore[operator]
            made.append(out is not None)
            return out

        monkeypatch.setattr(stored_report, "_spliced_run_text", spy)
        short, long = _spliced_both_ways(old, fresh, path, new)
        monkeypatch.undo()
        assert made == [True] and short == long == stored_report.encode_report(new)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=6)))
def test_strings_are_written_as_json_writes_them(values: list[str]) -> None:
    dumps = json.dumps(values, ensure_ascii=True, separators=(",", ":"))
    assert stored_report._strings_json(values) == dumps
    assert [stored_report._plain_json(v) for v in values] == [json.dumps(v) for v in values]
    held = stored_report._masked(dumps)
    assert stored_report._unmasked(held) == dumps and held.count('"') % 2 == 0


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(st.characters(blacklist_characters='"\\\n'), max_size=5), min_size=1, max_size=6),
    st.dictionaries(st.integers(0, 5), st.text(max_size=5), max_size=3), st.text("0123456789abcdef-", max_size=64),
)  # fmt: skip
def test_a_base_is_written_as_json_writes_it(lines: list[str], changes: dict[int, str], digests: str) -> None:
    """`stored_report._base_json` with the stored base's JSON and the changed lines: what json.dumps writes."""
    head = "0123abcd"
    old = [head, "\n".join(lines), digests, ["t.txt"], 3, [], [["a", "io"]]]
    text = json.dumps(old, ensure_ascii=True, separators=(",", ":"))
    now = list(lines)
    for i, line in changes.items():
        if i < len(now):
            now[i] = line
    new = [head, "\n".join(now), digests, [], 3, ["u"], []]
    start = len(head) + 5
    edit = stored_report._BaseEdit(text, start, text.index('"', start), {i: now[i] for i in changes if i < len(now)}, len(now))
    assert stored_report._base_json(new, edit) == stored_report._base_json(new, None) == json.dumps(new, ensure_ascii=True, separators=(",", ":"))
