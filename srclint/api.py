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

__all__ = ["Claims", "Source", "extract", "iter_lint", "lint", "lint_documents", "lint_text", "load_rules", "pack_schema", "render"]


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
    `sources` are `Source` attributions: a reporting cue ("said", "according to") and the phrase
    it credits, classed "vague" (an unnamed group the attribution rules know: "officials",
    "analysts", with the specificity score of the ATT002 ladder), "named" (a name in the phrase)
    or "other" (a pronoun, a common noun the rules do not grade).
    Offsets are 0-based code points into `document.text`, as everywhere in srclint.
    """

    path: str
    anchor: dt.date | None  # the date relative dates resolve against (dateline or front matter)
    dateline: Dateline | None
    dates: tuple[Any, ...]
    quantities: tuple[Any, ...]
    sources: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """Who one reporting cue credits: "U.S. officials" for "U.S. officials deny"."""

    start: int  # the source phrase
    end: int
    text: str
    cue_start: int
    cue_end: int
    cue: str
    kind: str  # "vague" | "named" | "other"
    score: int | None  # vague only: 0 (no detail) to 4 (rank, institution, knowledge and a reason)


def extract(
    source: str | Path | Document, *, path: str = "<text>", format: str | None = None, rules: RuleSet | None = None
) -> Claims:
    """The claims in a text (a `str`), a file (a `Path`) or a Document.

    Markup, code, URLs and front matter are masked first, so nothing found there counts.
    Sources are read with the cues of the first source-attribution rule of `rules` (the built-in
    packs by default) and graded by all of them; none when the rule set has no such rule.
    """
    from .formats import from_text, read_document
    from .kinds.attribution import AttributionRule
    from .text.dates import find_dates
    from .text.names import name_runs, strip_bullet
    from .text.numbers import find_quantities

    if isinstance(source, Document):
        doc = source
    elif isinstance(source, Path):
        doc = read_document(source)
    else:
        doc = from_text(source, path, format)
    dates = tuple(find_dates(doc.prose, doc.anchor_date))
    quantities = tuple(find_quantities(doc.prose))
    ruleset = rules if rules is not None else load_rules()
    graders = [r for r in ruleset if isinstance(r, AttributionRule) and r.target == "source"]
    sources: list[Source] = []
    if graders:
        rule = graders[0]
        for cue_start, cue_end, np, _, score in rule.all_attributions(doc):
            for other in graders[1:]:  # a noun one rule does not grade, another may ("officials")
                score = score if score is not None else other.vague_score(doc, np)
            sent_start = strip_bullet(doc.prose, doc.sentence_at(np.start)[0])
            if score is not None:
                kind = "vague"
            elif name_runs(np.all_tokens, rule.generic_set, sent_start):
                kind = "named"
            else:
                kind = "other"
            sources.append(Source(np.start, np.end, doc.text[np.start : np.end], cue_start, cue_end,
                                  doc.text[cue_start:cue_end], kind, score))
    return Claims(doc.path, doc.anchor_date, doc.dateline, dates, quantities, tuple(sources))
