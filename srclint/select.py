"""Which rules run and how loud they are: select/ignore by code or family prefix (the most
specific prefix wins, as in flake8 and Ruff), per-file ignores, and severity overrides."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import field
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from .errors import ConfigError
from .models import Finding, Severity
from .records import FACTORY, record

if TYPE_CHECKING:
    from .kinds import RuleBase
    from .packs import RuleSet

__all__ = ["Selection"]


def _matches(code: str, selector: str) -> int:
    """Length of the selector when it selects code, else -1 ('ALL' is the shortest)."""
    if selector == "ALL":
        return 0
    return len(selector) if code.startswith(selector) else -1


@record(frozen=True, slots=False)
class Selection:
    """Which rules run, on which files, at which severity (select, ignore, per-file ignores)."""
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)

    def __init__(
        self, select: tuple[str, ...] | None = None, extend_select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
        per_file_ignores: dict[str, tuple[str, ...]] = FACTORY, severity: dict[str, Severity] = FACTORY,
    ) -> None:  # fmt: skip
        _set = object.__setattr__  # frozen
        _set(self, "select", select)
        _set(self, "extend_select", extend_select)
        _set(self, "ignore", ignore)
        _set(self, "per_file_ignores", {} if per_file_ignores is FACTORY else per_file_ignores)
        _set(self, "severity", {} if severity is FACTORY else severity)

    def validate(self, rules: RuleSet) -> None:
        known = [r.code for r in rules]
        for sel in (*(self.select or ()), *self.extend_select, *self.ignore, *(c for v in self.per_file_ignores.values() for c in v)):
            if sel != "ALL" and not any(code.startswith(sel) for code in known):
                raise ConfigError(f"selector {sel!r} matches no rule (see `srclint rules`)")
        for code in self.severity:
            if rules.get(code) is None:
                raise ConfigError(f"severity override for unknown rule {code!r}")

    def enabled(self, rule: RuleBase) -> bool:
        code = rule.code
        chosen = max((_matches(code, s) for s in (*(self.select or ()), *self.extend_select)), default=-1)
        dropped = max((_matches(code, s) for s in self.ignore), default=-1)
        if chosen < 0:
            if self.select is not None:
                return False
            return rule.enabled and dropped < 0
        if dropped >= chosen:
            return False
        # An off-by-default rule runs when a selector names it or its family (not via ALL).
        return rule.enabled or chosen > 0

    def apply(self, rules: RuleSet) -> RuleSet:
        return rules.only(r.code for r in rules if self.enabled(r))

    def adjust(self, findings: Iterable[Finding], relpath: str) -> list[Finding]:
        """Drop per-file ignores and apply severity overrides."""
        if not self.per_file_ignores and not self.severity:  # most runs: nothing to drop or change
            return list(findings)
        ignored = [codes for pattern, codes in self.per_file_ignores.items() if _glob(relpath, pattern)]
        out = []
        for f in findings:
            if any(_matches(f.code, c) >= 0 for codes in ignored for c in codes):
                continue
            sev = self.severity.get(f.code)
            out.append(f if sev is None else f.with_(severity=sev))
        return out


def _glob(path: str, pattern: str) -> bool:
    path = path.replace("\\", "/")
    return fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern)
