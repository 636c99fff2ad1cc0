"""JSON Lines: one finding object per line (the fields of the `json` format's findings), so a
pipeline can stream and grep results without parsing one big document."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..models import Report
from .json import _KEYS, checked_columns, finding_columns, finding_dict

if TYPE_CHECKING:
    from ..packs import RuleSet

__all__ = ["render"]


def render(report: Report, rules: RuleSet | None = None, **_: Any) -> str:
    columns = checked_columns(report.findings)
    if columns is None:
        return "".join(json.dumps(finding_dict(f), ensure_ascii=False) + "\n" for f in report.findings)
    # What json.dumps writes for each finding (", " and ": " between items, strings as the json
    # format writes them, exact ints as their repr), laid out column by column and joined once.
    values = finding_columns(report.findings, *columns, _compact)
    n = len(report.findings)
    width = 2 * len(_KEYS) + 1
    pieces: list[str] = [""] * (width * n)
    for j, key in enumerate(_KEYS):
        pieces[2 * j :: width] = [("{" if j == 0 else ", ") + f'"{key}": '] * n
        pieces[2 * j + 1 :: width] = values[j]
    pieces[width - 1 :: width] = ["}\n"] * n
    return "".join(pieces)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
