"""The Python API: the functions behind `srclint.lint`, `lint_text`, `load_rules`, `render`,
`iter_lint` (streaming), `extract` (what srclint reads out of a document) and `pack_schema`.

Fact-check pipelines call srclint from Python rather than parse its output; everything here
returns the frozen value types of `srclint.models` and reads no configuration file unless asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Settings, load_settings
from .documents import Document
from .engine import Linter
from .models import Report
from .packs import RulePack, RuleSet
from .packs import load_rules as _load_rules
from .reporters import render as _render
from .text.dateline import Dateline

__all__ = ["Claims", "extract", "iter_lint", "lint", "lint_documents", "lint_text", "load_rules", "pack_schema", "render"]


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
    baseline: str | Path | None = None,
    **overrides: Any,
) -> Report:
    """Lint files and folders. `overrides` are Settings fields (select=["ATT"], fail_on="error", ...).

    With neither `settings` nor `config`, no configuration file is read: the API is explicit.
    With `baseline` (a file written by `srclint --write-baseline`), findings it records move to
    `report.suppressed` and stale entries appear in `report.errors` with kind "baseline".
    """
    if settings is None and config is not None:
        settings, _ = load_settings(config)
    report = _linter(rules, settings, overrides).lint_paths([str(p) for p in paths])
    if baseline is not None:
        from .baseline import apply_baseline, load_baseline

        report = apply_baseline(report, load_baseline(baseline))
    return report


def iter_lint(
    paths: Iterable[str | Path],
    *,
    rules: RuleSet | None = None,
    settings: Settings | None = None,
    config: str | Path | None = None,
    **overrides: Any,
) -> Iterator[Report]:
    """Lint files one at a time, yielding one Report per file, so memory stays flat over any
    number of documents. Document rules only: cross-document (CON) rules need the whole corpus
    at once and do not run here; use `lint` for them."""
    if settings is None and config is not None:
        settings, _ = load_settings(config)
    yield from _linter(rules, settings, overrides).iter_paths([str(p) for p in paths])


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


def pack_schema() -> dict[str, Any]:
    """The JSON Schema of a rule pack, from the pydantic models (what `srclint schema` prints).

    Field names are the YAML spellings (`pass`, not `pass_`); unknown keys are refused
    (`additionalProperties: false`), so an editor flags a typo as the loader would.
    """
    schema = RulePack.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:srclint:schema:rule-pack",
        **schema,
        "title": "srclint rule pack",
    }


@dataclass(frozen=True, slots=True)
class Claims:
    """What srclint reads out of one document: the checkable facts its rules reason about.

    `dates` are `srclint.text.dates.DateMention` (span, text, resolved `DateInterval` or None);
    `quantities` are `srclint.text.numbers.Quantity` (span, interval low..high, unit, counted noun).
    `sources` is reserved for attributions (who a claim is credited to); it stays empty until
    srclint's attribution helpers land, and its items will carry a span and the source's words.
    Offsets are 0-based code points into `document.text`, as everywhere in srclint.
    """

    path: str
    anchor: dt.date | None  # the date relative dates resolve against (dateline or front matter)
    dateline: Dateline | None
    dates: tuple[Any, ...]
    quantities: tuple[Any, ...]
    sources: tuple[Any, ...] = ()


def extract(source: str | Path | Document, *, path: str = "<text>", format: str | None = None) -> Claims:
    """The claims in a text (a `str`), a file (a `Path`) or a Document.

    Markup, code, URLs and front matter are masked first, so nothing found there counts.
    """
    from .formats import from_text, read_document
    from .text.dates import find_dates
    from .text.numbers import find_quantities

    if isinstance(source, Document):
        doc = source
    elif isinstance(source, Path):
        doc = read_document(source)
    else:
        doc = from_text(source, path, format)
    dates = tuple(find_dates(doc.prose, doc.anchor_date))
    quantities = tuple(find_quantities(doc.prose))
    return Claims(doc.path, doc.anchor_date, doc.dateline, dates, quantities)
