"""Hostile rule packs: refused quickly, never executed; runaway patterns are stopped and named."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import srclint
from srclint.errors import RulePackError
from srclint.packs import RuleSet, parse_pack

RULE = (
    "pack: p\nrules:\n  - code: SLW001\n    name: slow-pattern\n    kind: lexicon\n    summary: s\n"
    "    rationale: r\n    message: m\n    patterns: ['{pattern}']\n    examples: {{fail: [aaa], pass: [b]}}\n"
)


def _pack(pattern: str) -> RuleSet:
    pack, _ = parse_pack(RULE.format(pattern=pattern), "slow.yaml")
    return RuleSet(tuple(pack.rules))


@pytest.mark.parametrize(
    "source",
    [
        "pack: !!python/object/apply:os.system ['touch /tmp/srclint-pwned']\n",
        "pack: !!python/name:os.system\n",
        "pack: x\nrules: !include other.yaml\n",
        "pack: x\n<<: {rules: []}\n",
        "pack: x\nrules: " + "[" * 5000 + "]" * 5000 + "\n",
    ],
)
def test_objects_includes_merges_and_nesting_refused(source: str) -> None:
    with pytest.raises(RulePackError):
        parse_pack(source, "evil.yaml")
    assert not Path("/tmp/srclint-pwned").exists()


def test_alias_bomb_refused_in_bounded_time() -> None:
    lines = ["pack: x", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    start = time.monotonic()
    with pytest.raises(RulePackError, match="alias bomb"):
        parse_pack("\n".join(lines) + "\n", "bomb.yaml")
    assert time.monotonic() - start < 30  # a sanity bound against hanging, not a speed claim


def test_catastrophic_pattern_is_stopped_and_named(tmp_path: Path) -> None:
    rules = _pack("(a|aa)+$")
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text("a" * 40 + "!")
    report = srclint.lint([tmp_path], rules=rules)
    messages = [e.message for e in report.errors if e.code == "SLW001"]
    assert any("was stopped" in m or "timed out" in m for m in messages)
    assert any("switched off" in m for m in messages)  # the rule's total budget ran out
    assert len([m for m in messages if "stopped" in m or "timed out" in m]) == 3
    assert all(Path(e.path).name.endswith(".txt") for e in report.errors)


def test_packs_have_no_way_to_name_files_or_code() -> None:
    """No rule field takes a path, a module or code: the schema is data only."""
    from srclint.packs import RulePack

    schema = str(RulePack.model_json_schema(by_alias=True)).lower()
    for word in ("import", "module", "script", "exec", "command", "include", "file"):
        assert f"'{word}'" not in schema
