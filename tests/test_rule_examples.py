"""Every fail/pass example of every built-in rule runs through the whole engine."""

from __future__ import annotations

import pytest

from srclint.packs import load_rules
from srclint.testing import run_rule_example

RULES = load_rules()
CASES = [
    (rule.code, expect, i)
    for rule in RULES
    for expect, examples in (("fail", rule.examples.fail), ("pass", rule.examples.pass_))
    for i in range(len(examples))
]


@pytest.mark.parametrize(("code", "expect", "index"), CASES, ids=[f"{c}-{e}-{i}" for c, e, i in CASES])
def test_rule_example(code: str, expect: str, index: int) -> None:
    rule = RULES.get(code)
    assert rule is not None
    result = run_rule_example(RULES, rule, expect, index)
    assert result.ok, f"{result.id}: {result.detail}\n  text: {result.text!r}"


def test_a_pass_example_that_fires_is_caught() -> None:
    """The harness itself must fail when a pass example produces a finding."""
    from srclint.packs import parse_pack
    from srclint.packs import RuleSet

    pack, _ = parse_pack(
        """
pack: broken
rules:
  - code: TST001
    name: flags-everything
    kind: lexicon
    summary: s
    rationale: r
    message: m
    terms: [plane]
    examples:
      fail: ["The plane landed."]
      pass: ["Another plane landed."]
"""
    )
    rules = RuleSet(tuple(pack.rules))
    result = run_rule_example(rules, pack.rules[0], "pass", 0)
    assert not result.ok and result.found == 1
