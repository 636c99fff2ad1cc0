"""Runs the `fail` and `pass` examples embedded in rules: the rule-pack test harness behind
`srclint test-rules` and the project's own test suite. Each example goes through the whole
engine with only its rule selected, so scopes, suppressions and the shared scan are exercised.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .engine import Linter
from .kinds.base import CorpusExample, RuleBase
from .packs import RuleSet
from .select import Selection

__all__ = ["ExampleResult", "run_examples", "run_rule_example"]


@dataclass(frozen=True, slots=True)
class ExampleResult:
    code: str
    expect: str  # "fail" | "pass"
    index: int
    text: str
    found: int
    ok: bool
    detail: str

    @property
    def id(self) -> str:
        return f"{self.code}-{self.expect}-{self.index}"


def run_rule_example(rules: RuleSet, rule: RuleBase, expect: str, index: int) -> ExampleResult:
    examples = rule.examples.fail if expect == "fail" else rule.examples.pass_
    example = examples[index]
    if getattr(rule, "examples_see_all_rules", False):
        linter = Linter(rules, selection=Selection(select=tuple(r.code for r in rules)))
    else:
        linter = Linter(rules.only([rule.code]), selection=Selection(select=(rule.code,)))
    if isinstance(example, CorpusExample):
        report = linter.lint_mapping(example.docs)
        shown = " | ".join(f"{k}: {v}" for k, v in example.docs.items())
        count = example.count
    else:
        text, fmt, path, count = (example, None, "example.txt", None) if isinstance(example, str) else (
            example.text, example.format, example.path or ("example.md" if example.format == "markdown" else "example.txt"), example.count
        )
        report = linter.lint_text(text, path, fmt)
        shown = text
    found = [f for f in report.findings if f.code == rule.code]
    errors = [e for e in report.errors if e.kind == "rule"]
    if expect == "fail":
        ok = (len(found) == count) if count is not None else bool(found)
        want = f"exactly {count}" if count is not None else "at least one"
    else:
        ok = not found
        want = "no"
    if errors:
        ok = False
    detail = f"expected {want} finding(s), got {len(found)}"
    if found:
        detail += ": " + "; ".join(repr(f.match) for f in found[:5])
    if errors:
        detail += "; rule error: " + errors[0].message
    return ExampleResult(rule.code, expect, index, shown, len(found), ok, detail)


def run_examples(rules: RuleSet) -> Iterator[ExampleResult]:
    for rule in rules:
        for expect in ("fail", "pass"):
            examples = rule.examples.fail if expect == "fail" else rule.examples.pass_
            for i in range(len(examples)):
                yield run_rule_example(rules, rule, expect, i)
