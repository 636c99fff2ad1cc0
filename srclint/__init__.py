"""srclint: a source-reliability and discrepancy linter for news and editorial text.

    import srclint
    report = srclint.lint(["articles/"])            # Report with .findings and .errors
    print(srclint.render(report, "json"))
    report = srclint.lint_text("Sources say the vote slipped.")
"""

from __future__ import annotations

__version__ = "0.1.0"

# Names resolve on first use (PEP 562), so `srclint --version` and the CLI start fast.
_EXPORTS = {
    "lint": "api", "lint_documents": "api", "lint_text": "api", "load_rules": "api", "render": "api",
    "Claims": "api", "Source": "api", "extract": "api", "iter_lint": "api", "pack_schema": "api",
    "Settings": "config", "Document": "documents",
    "ConfigError": "errors", "DocumentError": "errors", "RulePackError": "errors",
    "RuleRuntimeError": "errors", "SrclintError": "errors",
    "Applicability": "models", "FileError": "models", "Finding": "models", "Fix": "models",
    "Related": "models", "Report": "models", "Severity": "models", "RuleSet": "packs",
}  # fmt: skip


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'srclint' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


class LazyModule:
    """Stands for a module in another module's namespace until one of its attributes is first
    used, then imports it and puts the module itself in its place. For a module that only an
    uncommon path needs, so that importing the module that uses it stays cheap: every run pays
    for every import at start-up."""

    def __init__(self, name: str, namespace: dict[str, object], binding: str | None = None) -> None:
        self._name = name
        self._namespace = namespace
        self._binding = binding or name.rpartition(".")[2]

    def __getattr__(self, attr: str) -> object:
        from importlib import import_module

        module = import_module(self._name)
        self._namespace[self._binding] = module  # later uses find the module itself
        return getattr(module, attr)


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


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
    "Source",
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
