"""srclint: a source-reliability and discrepancy linter for news and editorial text.

    import srclint
    report = srclint.lint(["articles/"])            # Report with .findings and .errors
    print(srclint.render(report, "json"))
    report = srclint.lint_text("Sources say the vote slipped.")
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import Claims, extract, iter_lint, lint, lint_documents, lint_text, load_rules, pack_schema, render
from .config import Settings
from .documents import Document
from .errors import ConfigError, DocumentError, RulePackError, RuleRuntimeError, SrclintError
from .models import Applicability, FileError, Finding, Fix, Related, Report, Severity
from .packs import RuleSet

__all__ = [
    "Applicability",
    "Claims",
    "ConfigError",
    "Document",
    "DocumentError",
    "FileError",
    "Finding",
    "Fix",
    "Related",
    "Report",
    "RulePackError",
    "RuleRuntimeError",
    "RuleSet",
    "Settings",
    "Severity",
    "SrclintError",
    "__version__",
    "extract",
    "iter_lint",
    "lint",
    "lint_documents",
    "lint_text",
    "load_rules",
    "pack_schema",
    "render",
]
