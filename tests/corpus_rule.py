"""A tiny cross-document rule for tests: "N planes" in one article against another number in
another. The real consistency (CON) rules are built elsewhere; this one only has to produce
findings with related locations the way a corpus rule does."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from srclint.kinds import CorpusRule
from srclint.models import Finding, Related
from srclint.packs import RuleSet


class PlaneCountConflict(CorpusRule):
    kind: Literal["test-plane-count"]

    def collect(self, doc: Any, ctx: Any) -> list[Any]:
        return [(doc.path, m.start(), m.end(), m.group()) for m in re.finditer(r"\b\d+ planes\b", doc.text)]

    def compare(self, claims: Sequence[Any]) -> Iterable[Finding]:
        for a, b in itertools.combinations(claims, 2):
            if a[0] != b[0] and a[3] != b[3]:
                for (pa, sa, ea, ta), (pb, sb, eb, tb) in ((a, b), (b, a)):  # reported on both sides
                    yield Finding(code=self.code, name=self.name, severity=self.level, path=pb, start=sb, end=eb,
                                  match=tb, message=f"'{tb}' here but '{ta}' in {pa}",
                                  related=(Related(pa, sa, ea, f"'{ta}' here"),))  # fmt: skip


def plane_rules() -> RuleSet:
    rule = PlaneCountConflict.model_validate({
        "code": "CON901", "name": "plane-count-conflict", "kind": "test-plane-count", "severity": "error",
        "summary": "Flags a plane count that differs between articles.", "rationale": "Readers see two facts.",
        "message": "{match}", "examples": {"fail": ["x"], "pass": ["y"]},
    })  # fmt: skip
    return RuleSet((rule,))
