"""Output formats: SARIF (against the official 2.1.0 schema), GitHub annotations, JUnit, GitLab
Code Quality, JSON Lines, grouped text, and the published JSON output schema."""

from __future__ import annotations

import io
import re
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

import srclint
from srclint.cli import main
from srclint.config import Settings
from srclint.engine import Linter
from srclint.models import Applicability, Finding, Fix, Report, Severity
from srclint.reporters import render
from srclint.reporters.github import escape_data, escape_property
from srclint.reporters.json_schema import output_schema

from .conftest import ROOT, SEEDS, SHARED
from .corpus_rule import plane_rules

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def validate_sarif(log: dict) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"official SARIF schema not found at {SARIF_SCHEMA} (CI provides ../shared/schemas)")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator(schema).validate(log)


def conflict_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("# A\n\nThe air force sent 12 planes to the coast.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\nIntro.\n\nOfficials counted 14 planes at the base.\n", encoding="utf-8")
    return Linter(plane_rules(), Settings(corpus=["*.md"], root=str(tmp_path))).lint_paths(["b.md"])


def test_sarif_of_seeds_validates_and_carries_the_essentials() -> None:
    code, out, _ = run("--no-config", "--format", "sarif", str(SEEDS))
    assert code == 1
    log = json.loads(out)
    validate_sarif(log)
    sarif_run = log["runs"][0]
    assert log["version"] == "2.1.0" and sarif_run["columnKind"] == "unicodeCodePoints"
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")
    rules = sarif_run["tool"]["driver"]["rules"]
    assert {"HDG001", "SUP001"} <= {r["id"] for r in rules}
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["helpUri"].startswith("https://")
        assert "Flagged" in rule["help"]["markdown"] and rule["properties"]["tags"]
    json_findings = json.loads(run("--no-config", "--format", "json", str(SEEDS))[1])["findings"]
    assert len(sarif_run["results"]) == len(json_findings)
    for result, finding in zip(sarif_run["results"], json_findings):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["code"]
        assert result["partialFingerprints"]["srclint/v1"] == finding["fingerprint"]
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": finding["path"], "uriBaseId": "%SRCROOT%"}
        assert (loc["region"]["startLine"], loc["region"]["startColumn"]) == (finding["line"], finding["column"])
        assert loc["region"]["endColumn"] == finding["end_column"] and loc["region"]["snippet"]["text"] == finding["match"]
    # The landing-date conflict between the two seeds points each way, linked from the message.
    conflicts = [r for r in sarif_run["results"] if r["ruleId"] == "CON001"]
    assert len(conflicts) == 2
    for result in conflicts:
        (related,) = result["relatedLocations"]
        other = related["physicalLocation"]["artifactLocation"]["uri"]
        here = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert other != here and other.endswith(".txt")
        assert f"]({related['id']})" in result["message"]["text"]


def test_sarif_cross_document_related_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = conflict_report(tmp_path, monkeypatch)
    [finding] = report.findings
    assert finding.path == "b.md" and (finding.line, finding.column) == (5, 19)  # corpus findings get a place too
    assert finding.related[0].path == "a.md" and finding.related[0].line == 3
    log = json.loads(render(report, "sarif", plane_rules(), root=tmp_path))
    validate_sarif(log)
    [result] = log["runs"][0]["results"]
    assert result["relatedLocations"][0]["id"] == 1
    related = result["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "a.md" and related["region"]["startLine"] == 3
    assert "[a.md:3](1)" in result["message"]["text"]


def test_sarif_suppressions_fixes_and_odd_paths(tmp_path: Path) -> None:
    base = dict(code="HDG001", name="speculative-adverb", severity=Severity.WARNING, message="a [bracketed] note",
                start=4, end=14, match="reportedly", line=1, column=5, end_line=1, end_column=15, fingerprint="f")  # fmt: skip
    findings = (
        Finding(path="<text>", fix=Fix(4, 14, "", Applicability.UNSAFE), **base),
        Finding(path=str(tmp_path.parent / "elsewhere.md"), fix=Fix(0, 3, "The"), **base),
    )
    suppressed = (Finding(path="x.md", suppressed="inline", **base), Finding(path="y.md", suppressed="baseline", **base))
    log = json.loads(render(Report(findings, suppressed=suppressed), "sarif", srclint.load_rules(), root=tmp_path))
    validate_sarif(log)
    results = log["runs"][0]["results"]
    by_path = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in results}
    assert by_path["%3Ctext%3E"]["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "%3Ctext%3E"}
    assert by_path["%3Ctext%3E"]["message"]["text"] == "a \\[bracketed\\] note"
    assert by_path["x.md"]["suppressions"][0]["kind"] == "inSource"
    assert by_path["y.md"]["suppressions"][0]["kind"] == "external"
    outside = next(r for uri, r in by_path.items() if uri.startswith("file://"))
    assert outside["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"] == {"charOffset": 0, "charLength": 3}


def test_github_annotations_escape_data_and_properties(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert escape_data("50% of\r\nthem: a, b") == "50%25 of%0D%0Athem: a, b"
    assert escape_property("dir,x/a:b.md%") == "dir%2Cx/a%3Ab.md%25"
    f = Finding("HDG001", "speculative-adverb", Severity.INFO, "100% sure\nnot", "a,b:c.md", 0, 1, "x",
                line=2, column=3, end_line=2, end_column=4)  # fmt: skip
    out = render(Report((f,)), "github")
    assert out == "::notice file=a%2Cb%3Ac.md,line=2,col=3,endLine=2,endColumn=4,title=srclint (HDG001)::HDG001 100%25 sure%0Anot\n"
    report = conflict_report(tmp_path, monkeypatch)
    [line] = render(report, "github").splitlines()
    assert line.startswith("::error file=b.md,line=5,col=19,") and "%0A  note: a.md:3:" in line


def test_junit_is_well_formed_even_with_control_characters() -> None:
    bad = Finding("ENC001", "control", Severity.ERROR, "C1 \x85\x9b and \x07 and \udcff <&>", "a&b.md", 0, 1, "\x9b",
                  line=1, column=1, end_line=1, end_column=2)  # fmt: skip
    xml = render(Report((bad,), files=("a&b.md", "clean.md")), "junit")
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("tests") == "2" and root.get("failures") == "1"
    suites = {s.get("name"): s for s in root}
    failure = suites["a&b.md"].find("testcase/failure")
    assert failure is not None and failure.get("type") == "ENC001" and "<&>" in failure.get("message", "")
    assert suites["clean.md"].find("testcase/failure") is None


def test_gitlab_code_quality_fields() -> None:
    _, out, _ = run("--no-config", "--format", "gitlab", str(SEEDS))
    issues = json.loads(out)
    assert issues and len({i["fingerprint"] for i in issues}) == len(issues)
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= issue.keys()
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert Path(issue["location"]["path"]).parent.name == "seeds" and issue["location"]["lines"]["begin"] >= 1


def test_json_lines_match_the_json_findings() -> None:
    _, lines, _ = run("--no-config", "--format", "json-lines", str(SEEDS))
    _, whole, _ = run("--no-config", "--format", "json", str(SEEDS))
    assert [json.loads(line) for line in lines.splitlines()] == json.loads(whole)["findings"]


def test_grouped_lists_each_file_once_with_a_summary_table() -> None:
    _, out, _ = run("--no-config", "--format", "grouped", "--select", "HDG001", str(SEEDS))
    headers = [line for line in out.splitlines() if line.endswith(".txt:")]
    assert len(headers) == len(set(headers)) == 2
    assert any(line.startswith("  3:244 HDG001 [warning]") for line in out.splitlines())
    assert "count" in out and re.match(r"Found \d+ problems", out.rstrip().splitlines()[-1])


def test_json_output_validates_against_the_published_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    published = json.loads((ROOT / "docs" / "output-schema.json").read_text(encoding="utf-8"))
    assert published == output_schema(), "regenerate: srclint schema --output > docs/output-schema.json"
    code, out, _ = run("schema", "--output")
    assert code == 0 and json.loads(out) == published
    validator = jsonschema.Draft202012Validator(published)
    validator.validate(json.loads(run("--no-config", "--format", "json", str(SEEDS))[1]))
    validator.validate(json.loads(render(conflict_report(tmp_path, monkeypatch), "json")))
    assert not validator.is_valid({"version": 1, "tool": {"name": "srclint", "version": "0"}, "findings": [{"code": "X"}],
                                   "errors": [], "files": [], "summary": {"findings": 1, "by_code": {}}})  # fmt: skip


def test_every_format_renders_an_empty_report() -> None:
    from srclint.reporters import FORMATS

    for name in FORMATS:
        assert isinstance(render(Report(()), name), str)


def test_unknown_format_is_a_usage_error() -> None:
    code, _, err = run("--no-config", "--format", "nope", str(SEEDS))
    assert code == 2 and "sarif" in err
