"""The `suppression` kind: rules about srclint's own directives (an ignore that matches nothing).

The engine produces these findings itself, after every other rule has run, because only then is
it known which suppressions were used; the YAML entry supplies the code, severity and docs.
"""

from __future__ import annotations

from collections.abc import Iterable
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from .base import DocumentRule

if TYPE_CHECKING:
    from typing import ClassVar, Literal
    from ..documents import Document
    from ..engine import CheckContext
    from ..models import Finding

__all__ = ["SuppressionRule"]


class SuppressionRule(DocumentRule):
    kind: Literal["suppression"]
    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "codes"})
    examples_see_all_rules: ClassVar[bool] = True  # a suppression is only "used" by other rules' findings

    def check(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        return ()
