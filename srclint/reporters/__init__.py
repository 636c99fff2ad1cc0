"""Output formats. Each reporter is a function `render(report, rules, **options) -> str` in its own
module; `render` picks one by name. Reporters only format: they never filter or re-sort."""

from __future__ import annotations

from importlib import import_module
TYPE_CHECKING = False  # typing itself is not imported: this module is on the replay path

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any
    from ..models import Report
    from ..packs import RuleSet

__all__ = ["BLOCK_FORMATS", "FORMATS", "RULE_FORMATS", "render"]

FORMATS: dict[str, str] = {
    "text": "text:render_full",
    "full": "text:render_full",
    "concise": "text:render_concise",
    "json": "json:render",
    "json-lines": "json_lines:render",
    "sarif": "sarif:render",
    "github": "github:render",
    "gitlab": "gitlab:render",
    "junit": "junit:render",
    "grouped": "grouped:render",
}


BLOCK_FORMATS = frozenset({"concise", "text", "full", "github"})
"""The formats made of a block of lines per file (srclint.reporters.blocks), whose kept output a
run after an edit splices."""

RULE_FORMATS = frozenset({"sarif"})
"""The formats that describe the rules themselves (the others only need the findings), so the
CLI loads the rules for a fully cached run only when one of these is asked for."""


def render(report: Report, format: str = "text", rules: RuleSet | None = None, **options: Any) -> str:
    try:
        target = FORMATS[format]
    except KeyError:
        raise ValueError(f"unknown format {format!r} (choose from {', '.join(sorted(FORMATS))})") from None
    module, func = target.split(":")
    fn: Callable[..., str] = getattr(import_module(f"{__name__}.{module}"), func)
    return fn(report, rules=rules, **options)
