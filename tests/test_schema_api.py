"""`srclint schema` for editors, the pipeline API (extract, iter_lint), the corpus setting with
named files, and the progress bar."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import srclint
from srclint.cli import main
from srclint.config import Settings
from srclint.engine import Linter
from srclint.packs import builtin_pack_dir
from srclint.progress import ProgressBar, progress_for

from .conftest import SEEDS
from .corpus_rule import plane_rules


def pack_validator() -> jsonschema.Draft202012Validator:
    out = io.StringIO()
    assert main(["schema"], out, io.StringIO()) == 0
    schema = json.loads(out.getvalue())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_pack_schema_accepts_the_builtin_packs_and_rejects_a_typo() -> None:
    validator = pack_validator()
    packs = sorted(builtin_pack_dir().glob("*.yaml"))
    assert packs
    for path in packs:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
        errors = list(validator.iter_errors(data))
        assert not errors, f"{path.name}: {errors[0].message}"
    data = YAML(typ="safe", pure=True).load(packs[0].read_text(encoding="utf-8"))
    data["rules"][0]["sevrity"] = "error"
    assert not validator.is_valid(data)
    data["rules"][0].pop("sevrity")
    data["rules"][0]["examples"] = {"fail": ["x"], "pass_": ["y"]}  # the YAML name is `pass`
    assert not validator.is_valid(data)


def test_pack_schema_uses_yaml_names_and_forbids_unknown_keys() -> None:
    schema = srclint.pack_schema()
    examples = schema["$defs"]["Examples"]
    assert "pass" in examples["properties"] and "pass_" not in examples["properties"]
    assert schema["additionalProperties"] is False and examples["additionalProperties"] is False


def test_extract_reads_dates_and_quantities_from_prose_only() -> None:
    text = "---\ntitle: 99 balloons\n---\nCARACAS, Oct. 27, 2025 (AP) — The plane landed on Sunday with 120 passengers.\n"
    claims = srclint.extract(text, path="story.md")
    assert claims.anchor is not None and claims.anchor.isoformat() == "2025-10-27"
    assert [d.text for d in claims.dates] == ["Oct. 27, 2025", "Sunday"]
    assert claims.dates[1].value is not None and claims.dates[1].value.start.isoformat() == "2025-10-26"
    assert [(q.text, q.head) for q in claims.quantities] == [("120", "passenger")]  # not the front matter's 99
    assert claims.sources == ()  # no reporting cue
    for mention in (*claims.dates, *claims.quantities):
        assert text[mention.start : mention.end] == mention.text


def test_extract_from_a_path(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("About 3,000 km from home.", encoding="utf-8")
    claims = srclint.extract(p)
    assert claims.path == str(p) and claims.quantities[0].unit == "km"


def test_iter_lint_yields_one_report_per_file_like_lint() -> None:
    reports = list(srclint.iter_lint([SEEDS]))
    assert [len(r.files) for r in reports] == [1, 1]
    whole = srclint.lint([SEEDS])
    corpus_codes = {r.code for r in srclint.load_rules().corpus_rules}  # iter_lint runs document rules only
    assert [f for r in reports for f in r.findings] == [f for f in whole.findings if f.code not in corpus_codes]


def test_iter_lint_reports_discovery_errors_first(tmp_path: Path) -> None:
    first, *rest = srclint.iter_lint([tmp_path / "missing.md", SEEDS])
    assert first.files == () and first.errors[0].kind == "io" and len(rest) == 2


def test_corpus_is_loaded_but_only_named_files_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "old.md").write_text("Officials said 12 planes arrived.\n", encoding="utf-8")
    (tmp_path / "articles" / "new.md").write_text("Officials said 14 planes arrived.\n", encoding="utf-8")
    (tmp_path / "articles" / "other.md").write_text("Officials said 16 planes arrived.\n", encoding="utf-8")
    linter = Linter(plane_rules(), Settings(corpus=["articles/*.md"], root=str(tmp_path)))
    report = linter.lint_paths(["articles/new.md"])  # what pre-commit passes: only the changed file
    assert report.files == ("articles/new.md",)
    assert {f.path for f in report.findings} == {"articles/new.md"}
    assert {r.path for f in report.findings for r in f.related} == {"articles/old.md", "articles/other.md"}  # unchanged files
    assert sorted(linter.corpus_paths()) == sorted(str(tmp_path / "articles" / n) for n in ("new.md", "old.md", "other.md"))
    # iter_lint runs document rules only: no cross-document findings
    assert all(not r.findings for r in linter.iter_paths(["articles"]))


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TERM", raising=False)
    assert progress_for(io.StringIO()) is None
    assert progress_for(FakeTTY(), enabled=False) is None
    assert isinstance(progress_for(FakeTTY()), ProgressBar)
    monkeypatch.setenv("TERM", "dumb")
    assert progress_for(FakeTTY()) is None


def test_progress_bar_draws_rate_and_erases_itself() -> None:
    stream = FakeTTY()
    ticks = iter([0.0, 1.0, 1.01, 2.0])
    bar = ProgressBar(stream, width=10, clock=lambda: next(ticks))
    bar(1, 4)  # drawn at t=1
    bar(2, 4)  # t=1.01: throttled
    bar(4, 4)  # the last one is always drawn
    shown = stream.getvalue()
    assert "[##--------] 1/4 files  1.0 files/s" in shown and "2/4" not in shown and "[##########] 4/4" in shown
    bar.close()
    assert stream.getvalue().endswith("\r")


def test_cli_progress_is_silent_when_not_a_terminal() -> None:
    err = io.StringIO()
    main(["--no-config", str(SEEDS)], io.StringIO(), err)
    assert err.getvalue() == ""


def test_extract_reads_who_each_claim_is_credited_to() -> None:
    text = ("U.S. officials deny the report. Analysts note the timing.\n\n"
            "- Transport Minister Ramón Velásquez said the plane was empty.\n"
            "The flight was routine, according to Reuters. He said nothing else.\n")
    claims = srclint.extract(text)
    got = {(s.text, s.cue): (s.kind, s.score) for s in claims.sources}
    assert got[("U.S. officials", "deny")] == ("vague", 1)  # a nationality: one rung up the ladder
    assert got[("Analysts", "note")] == ("vague", 0)
    assert got[("Transport Minister Ramón Velásquez", "said")][0] == "named"  # after a list bullet
    assert got[("Reuters", "according to")][0] == "named"
    assert got[("He", "said")] == ("other", None)
    for s in claims.sources:
        assert text[s.start : s.end] == s.text and text[s.cue_start : s.cue_end] == s.cue


def test_extract_without_attribution_rules_has_no_sources() -> None:
    rules = srclint.load_rules().only(["HDG001"])
    assert srclint.extract("Officials said it was late.", rules=rules).sources == ()


_json_text = st.text(st.sampled_from(['a', 'é', '"', "\\", "\n", "\x00", "\u2028", "\udcff", "\U0001f600", " "]), max_size=6)
_json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), _json_text),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.one_of(_json_text, st.integers()), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(value=_json_values)
def test_indented_json_is_what_json_dumps_writes(value: object) -> None:
    from srclint.reporters.json import dumps_indented

    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)
