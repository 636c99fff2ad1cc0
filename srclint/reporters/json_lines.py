"""JSON Lines: one finding object per line (the fields of the `json` format's findings), so a
pipeline can stream and grep results without parsing one big document."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..models import Report
from .json import finding_dict

if TYPE_CHECKING:
    from ..packs import RuleSet

__all__ = ["render"]


def render(report: Report, rules: RuleSet | None = None, **_: Any) -> str:
    return "".join(json.dumps(finding_dict(f), ensure_ascii=False) + "\n" for f in report.findings)
