"""Baselines: keyed on content, so moved lines keep old findings accepted; new findings are
reported; entries that match nothing are reported as stale."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import srclint
from srclint.baseline import load_baseline
from srclint.cli import main

OLD = "The plane reportedly landed at noon.\n\nThe minister perhaps knew.\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--no-config", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def reported(*argv: str) -> tuple[int, list[str], list[dict]]:
    code, out, _ = run("--format", "json", *argv)
    data = json.loads(out)
    return code, [f["match"] for f in data["findings"]], [e for e in data["errors"] if e["kind"] == "baseline"]


@pytest.fixture()
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "articles" / "b.md").write_text("The vote allegedly slipped.\n", encoding="utf-8")
    return tmp_path


def test_round_trip_new_moved_and_stale(desk: Path) -> None:
    code, _, err = run("--write-baseline", "baseline.json", "articles")
    assert code == 0 and "wrote 3 baseline entries" in err
    assert reported("--baseline", "baseline.json", "articles") == (0, [], [])

    article = desk / "articles" / "a.md"
    article.write_text(OLD + "\nThe crew apparently agreed.\n", encoding="utf-8")  # a new problem
    code, matches, stale = reported("--baseline", "baseline.json", "articles")
    assert (code, matches, stale) == (1, ["apparently"], [])

    article.write_text("# Update\n\nA new lead paragraph.\n\n\n" + OLD + "\nThe crew apparently agreed.\n", encoding="utf-8")
    assert reported("--baseline", "baseline.json", "articles")[1] == ["apparently"]  # lines moved: still only the new one

    article.write_text("# Update\n\nThe plane landed at noon.\n\nThe minister perhaps knew.\n", encoding="utf-8")
    code, matches, stale = reported("--baseline", "baseline.json", "articles")
    assert matches == [] and code == 0  # a stale entry alone does not fail the run ...
    assert [(s["path"], s["code"]) for s in stale] == [("articles/a.md", "HDG001")] and "'reportedly'" in stale[0]["message"]
    code, out, _ = run("--baseline", "baseline.json", "articles")
    assert code == 0 and "articles/a.md: warning: stale baseline entry" in out
    assert run("--baseline", "baseline.json", "--fail-on-stale-baseline", "articles")[0] == 1  # ... unless asked

    run("--write-baseline", "baseline.json", "articles")  # writing again prunes
    assert reported("--baseline", "baseline.json", "articles") == (0, [], [])
    assert [e.match for e in load_baseline("baseline.json").entries] == ["perhaps", "allegedly"]


def test_duplicates_in_one_file_are_counted_separately(desk: Path) -> None:
    text = "It reportedly rained.\n\nIt reportedly rained.\n"
    (desk / "articles" / "a.md").write_text(text, encoding="utf-8")
    report = srclint.lint(["articles/a.md"])
    assert len({f.fingerprint for f in report.findings}) == 2
    run("--write-baseline", "baseline.json", "articles/a.md")
    (desk / "articles" / "a.md").write_text(text + "\nIt reportedly rained.\n", encoding="utf-8")
    assert reported("--baseline", "baseline.json", "articles/a.md")[1] == ["reportedly"]  # the third one is new


def test_fingerprints_ignore_line_numbers_and_working_directory(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {f.match: f.fingerprint for f in srclint.lint(["articles/a.md"]).findings}
    (desk / "articles" / "a.md").write_text("\n\n\n# Moved\n\n" + OLD, encoding="utf-8")
    after = {f.match: f.fingerprint for f in srclint.lint(["articles/a.md"]).findings}
    assert before == after
    monkeypatch.chdir(desk / "articles")
    assert {f.match: f.fingerprint for f in srclint.lint(["a.md"], root=str(desk)).findings} == before


def test_baseline_file_is_sorted_stable_and_keeps_files_not_linted(desk: Path) -> None:
    run("--write-baseline", "baseline.json", "articles")
    first = Path("baseline.json").read_text(encoding="utf-8")
    data = json.loads(first)
    assert data["version"] == 1 and [e["path"] for e in data["entries"]] == sorted(e["path"] for e in data["entries"])
    assert all(set(e) == {"path", "code", "match", "fingerprint"} for e in data["entries"])
    assert len(first.splitlines()) == len(data["entries"]) + 6  # one entry per line
    run("--write-baseline", "baseline.json", "articles/b.md")  # only b.md linted: a.md's entries are kept
    assert Path("baseline.json").read_text(encoding="utf-8") == first
    assert reported("--baseline", "baseline.json", "articles/b.md") == (0, [], [])  # a.md not linted: not stale


def test_api_baseline_and_bad_baseline_files(desk: Path) -> None:
    run("--write-baseline", "baseline.json", "articles")
    report = srclint.lint(["articles"], baseline="baseline.json")
    assert report.findings == () and {f.suppressed for f in report.suppressed} == {"baseline"}
    assert run("--baseline", "missing.json", "articles")[0] == 2
    Path("bad.json").write_text("{\"version\": 99}", encoding="utf-8")
    code, _, err = run("--baseline", "bad.json", "articles")
    assert code == 2 and "not a srclint baseline" in err
