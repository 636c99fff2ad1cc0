"""The Python API: the functions behind `srclint.lint`, `lint_text`, `load_rules` and `render`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .config import Settings, load_settings
from .engine import Linter
from .models import Report
from .packs import RuleSet
from .packs import load_rules as _load_rules
from .reporters import render as _render

__all__ = ["lint", "lint_documents", "lint_text", "load_rules", "render"]


def load_rules(*packs: str | Path, builtin: bool = True) -> RuleSet:
    """The built-in packs (unless builtin=False) plus the given pack files or folders."""
    return _load_rules(*packs, builtin=builtin)


def _linter(rules: RuleSet | None, settings: Settings | None, overrides: dict[str, Any]) -> Linter:
    if settings is None:
        settings = Settings()
    if overrides:
        settings = settings.merged(**overrides)
    return Linter(rules, settings)


def lint(
    paths: Iterable[str | Path],
    *,
    rules: RuleSet | None = None,
    settings: Settings | None = None,
    config: str | Path | None = None,
    **overrides: Any,
) -> Report:
    """Lint files and folders. `overrides` are Settings fields (select=["ATT"], fail_on="error", ...).

    With neither `settings` nor `config`, no configuration file is read: the API is explicit.
    """
    if settings is None and config is not None:
        settings, _ = load_settings(config)
    return _linter(rules, settings, overrides).lint_paths([str(p) for p in paths])


def lint_text(
    text: str,
    *,
    path: str = "<text>",
    format: str | None = None,
    rules: RuleSet | None = None,
    settings: Settings | None = None,
    **overrides: Any,
) -> Report:
    """Lint one text held in memory. `format` is "text" or "markdown" (default: from `path`)."""
    return _linter(rules, settings, overrides).lint_text(text, path, format)


def lint_documents(
    texts: Mapping[str, str],
    *,
    rules: RuleSet | None = None,
    settings: Settings | None = None,
    **overrides: Any,
) -> Report:
    """Lint several in-memory documents together (path -> text), cross-document rules included."""
    return _linter(rules, settings, overrides).lint_mapping(texts)


def render(report: Report, format: str = "text", rules: RuleSet | None = None, **options: Any) -> str:
    """Format a report: "text", "concise", "json", ..."""
    return _render(report, format, rules, **options)
