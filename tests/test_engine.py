"""Engine: discovery, bad input, suppressions, selection, configuration, determinism."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import srclint
from srclint.config import load_settings
from srclint.errors import ConfigError

from .conftest import codes, matches

HEDGED = "The plane was reportedly carrying technicians.\n"
CLEAN = "The council approved the budget on May 3, 2025.\n"  # a bare "on Tuesday" is DAT002


def test_lint_text_finds_and_locates() -> None:
    report = srclint.lint_text("Intro line.\n" + HEDGED)
    (f,) = [f for f in report.findings if f.code == "HDG001"]
    assert (f.line, f.column, f.match) == (2, 15, "reportedly")
    assert (f.end_line, f.end_column) == (2, 25)


def test_quoted_speech_is_not_the_writers_voice() -> None:
    assert not srclint.lint_text('Padrino said the plane "reportedly carried parts."').findings


def test_directory_with_bad_files_still_lints_the_rest(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(HEDGED)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 10)
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 owners say the plane was reportedly late.".encode("latin-1"))
    secret = tmp_path / "secret.txt"
    secret.write_text(HEDGED)
    secret.chmod(0)
    (tmp_path / "notes.py").write_text("reportedly")  # not a prose extension
    try:
        report = srclint.lint([tmp_path])
    finally:
        secret.chmod(0o644)
    paths = {f.path for f in report.findings}
    assert any(p.endswith("good.txt") for p in paths)
    assert any(p.endswith("latin.txt") for p in paths)  # invalid UTF-8 still linted
    assert not any(p.endswith("notes.py") for p in paths)
    kinds = {Path(e.path).name: e.kind for e in report.errors}
    assert kinds["binary.txt"] == "skipped"
    if os.geteuid() != 0:  # root can read anything
        assert kinds["secret.txt"] == "io"


def test_missing_path_is_an_io_error(tmp_path: Path) -> None:
    report = srclint.lint([tmp_path / "nope"])
    assert report.errors and report.errors[0].kind == "io"


def test_gitignore_and_exclude_respected(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("drafts/\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(HEDGED)
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "b.md").write_text(HEDGED)
    (tmp_path / "c.md").write_text(HEDGED)
    report = srclint.lint([tmp_path], exclude=["old/"], root=str(tmp_path))
    assert [Path(p).name for p in report.files] == ["c.md"]


def test_report_independent_of_file_order(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(HEDGED * (i + 1))
    files = sorted(str(p) for p in tmp_path.iterdir())
    a = srclint.lint(files)
    b = srclint.lint(files[::-1])
    assert a.findings == b.findings


@pytest.mark.parametrize(
    ("text", "fmt", "hidden"),
    [
        ("<!-- srclint: ignore HDG001 -->\n" + HEDGED, "markdown", 1),
        ("<!-- srclint: ignore HDG -->\n\n" + HEDGED, "markdown", 1),
        (HEDGED.rstrip() + " <!-- srclint: ignore -->\n", "markdown", 1),
        ("<!-- srclint: disable HDG001 -->\n" + HEDGED + "<!-- srclint: enable -->\n" + HEDGED, "markdown", 1),
        ("<!-- srclint: ignore-file HDG001 -->\n" + HEDGED + HEDGED, "markdown", 2),
        ("srclint: ignore HDG001\n" + HEDGED, "text", 1),
        ("# srclint: ignore-file\n" + HEDGED, "text", 1),
    ],
)
def test_suppressions(text: str, fmt: str, hidden: int) -> None:
    report = srclint.lint_text(text, format=fmt)
    assert len(report.suppressed) == hidden
    assert "SUP001" not in codes(report)


def test_unused_suppression_is_reported() -> None:
    report = srclint.lint_text("<!-- srclint: ignore HDG001 -->\n" + CLEAN, format="markdown")
    assert codes(report) == ["SUP001"]
    f = report.findings[0]
    assert f.match == "<!-- srclint: ignore HDG001 -->" and f.line == 1


def test_suppression_for_rules_not_selected_is_not_stale() -> None:
    report = srclint.lint_text("<!-- srclint: ignore HDG001 -->\n" + CLEAN, format="markdown", select=["SUP"])
    assert not report.findings


def test_select_ignore_and_severity(tmp_path: Path) -> None:
    assert not srclint.lint_text(HEDGED, ignore=["HDG"]).findings
    assert not srclint.lint_text(HEDGED, select=["SUP"]).findings
    assert codes(srclint.lint_text(HEDGED, select=["HDG", "SUP"], ignore=["SUP"])) == ["HDG001"]
    assert not srclint.lint_text(HEDGED, select=["HDG"], ignore=["HDG001"]).findings
    report = srclint.lint_text(HEDGED, severity={"HDG001": "error"})
    assert str(report.findings[0].severity) == "error"
    with pytest.raises(ConfigError):
        srclint.lint_text(HEDGED, select=["XYZ"])


def test_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "opinion").mkdir()
    (tmp_path / "opinion" / "col.md").write_text(HEDGED)
    (tmp_path / "news.md").write_text(HEDGED)
    report = srclint.lint([tmp_path], per_file_ignores={"opinion/*": ["HDG"]}, root=str(tmp_path))
    assert [Path(f.path).name for f in report.findings] == ["news.md"]


def test_config_from_pyproject_found_upward(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.srclint]\nignore = ["HDG001"]\nfail-on = "error"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    settings, path = load_settings(search_from=sub)
    assert path == tmp_path / "pyproject.toml"
    assert settings.ignore == ["HDG001"] and settings.fail_on == "error"


def test_config_errors(tmp_path: Path) -> None:
    bad = tmp_path / ".srclint.yaml"
    bad.write_text("selekt: [ATT]\n")
    with pytest.raises(ConfigError, match="selekt"):
        load_settings(bad)


def test_extra_pack_from_config(tmp_path: Path) -> None:
    pack = tmp_path / "desk.yaml"
    pack.write_text(
        "pack: desk\nrules:\n  - code: DSK001\n    name: vague-timing\n    kind: lexicon\n    summary: s\n"
        "    rationale: r\n    message: \"Vague '{match}'\"\n    terms: [recently]\n"
        "    examples: {fail: [It happened recently.], pass: [It happened on May 3.]}\n"
    )
    (tmp_path / ".srclint.yaml").write_text("rules: [desk.yaml]\n")
    settings, _ = load_settings(search_from=tmp_path)
    report = srclint.lint_text("It happened recently.", settings=settings)
    assert matches(report, "DSK001") == ["recently"]


def test_catastrophic_user_regex_is_stopped(tmp_path: Path) -> None:
    from srclint.packs import RuleSet, parse_pack

    pack, _ = parse_pack(
        "pack: slow\nrules:\n  - code: SLW001\n    name: slow-pattern\n    kind: lexicon\n    summary: s\n"
        "    rationale: r\n    message: m\n    patterns: ['(a|aa)+$']\n    examples: {fail: [aaa], pass: [b]}\n"
    )
    report = srclint.lint_text("a" * 60 + "b", rules=RuleSet(tuple(pack.rules)))
    assert report.errors and report.errors[0].kind == "rule" and report.errors[0].code == "SLW001"
