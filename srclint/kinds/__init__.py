"""Rule kinds: one module each, joined here into the discriminated union packs are validated with.

To add a kind: write `kinds/<name>.py` with a model whose `kind` is a Literal, add it to KINDS
below, test it in tests/kinds/, and use it in a pack. `tests/test_packs.py` fails if a kind is
missing here or unused by the built-in packs.
"""

from __future__ import annotations

from .base import CorpusRule, DocumentRule, RuleBase
from .attribution import AttributionRule
from .consistency import ConsistencyRule
from .dates import DatesRule
from .density import DensityRule
from .encoding import EncodingCorpusRule, EncodingRule
from .lexicon import LexiconRule
from .meta import SuppressionRule
from .schema import Field

__all__ = ["KINDS", "CorpusRule", "DocumentRule", "RuleBase", "RuleSpec"]

KINDS: tuple[type[RuleBase], ...] = (
    LexiconRule,
    SuppressionRule,
    AttributionRule,
    DensityRule,
    EncodingRule,
    EncodingCorpusRule,
    ConsistencyRule,
    DatesRule,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Annotated

    RuleSpec = Annotated[
        LexiconRule | SuppressionRule | AttributionRule | DensityRule | EncodingRule | EncodingCorpusRule | ConsistencyRule
        | DatesRule,
        Field(discriminator="kind"),
    ]


def __getattr__(name: str) -> object:
    """`RuleSpec`, made when first asked for (by a pack's validation, `srclint.kinds.schema`):
    typing is not imported by a run whose rules come from the compiled-pack cache."""
    if name == "RuleSpec":
        from typing import Annotated

        value = globals()[name] = Annotated[
            LexiconRule | SuppressionRule | AttributionRule | DensityRule | EncodingRule | EncodingCorpusRule
            | ConsistencyRule | DatesRule,
            Field(discriminator="kind"),
        ]
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
