"""Exceptions raised by srclint.

    SrclintError
     ├─ ConfigError        bad settings, CLI values or paths
     ├─ RulePackError      YAML syntax or schema problem in a rule pack (path, line, column, code, field)
     ├─ DocumentError      a file that cannot be read; collected into Report.errors, never raised to users
     └─ RuleRuntimeError   a rule failed or timed out on one document; collected likewise

Only configuration and pack errors stop a run; problems with one input file or one rule on one
document become entries in the report so the rest of the run goes on.
"""

from __future__ import annotations


class SrclintError(Exception):
    """Base class of every error srclint raises on purpose."""


class ConfigError(SrclintError):
    """Settings, command-line values or paths that cannot be used."""


class RulePackError(SrclintError):
    """A rule pack that cannot be loaded; the message points at file:line:col."""

    def __init__(
        self,
        message: str,
        *,
        path: str,
        line: int | None = None,
        column: int | None = None,
        code: str | None = None,
        field: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.code = code
        self.field = field
        self.detail = message
        where = path
        if line is not None:
            where += f":{line}:{column or 1}"
        prefix = " ".join(p for p in (code, f"{field}:" if field else None) if p)
        super().__init__(f"{where}: {prefix + ' ' if prefix else ''}{message}")


class DocumentError(SrclintError):
    """A file that could not be read or decoded."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.detail = message
        super().__init__(f"{path}: {message}")


class RuleRuntimeError(SrclintError):
    """A rule that failed or ran out of time on one document."""

    def __init__(self, path: str, code: str, message: str, *, timeout: bool = False) -> None:
        self.path = path
        self.code = code
        self.detail = message
        self.timeout = timeout
        super().__init__(f"{path}: {code}: {message}")
