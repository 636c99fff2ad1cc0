"""Frozen value types shared by the engine, the rule kinds and the reporters.

Offsets are 0-based code-point [start, end) into the document text. Line and column are 1-based
and count code points; the engine fills them in once, when a finding leaves the document pass.
"""

from __future__ import annotations

import enum
from dataclasses import field, fields
from operator import attrgetter
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module
if TYPE_CHECKING:
    from typing import Any

from .records import FACTORY, record
from .severity import Severity

_set = object.__setattr__  # how a frozen class's `__init__` stores its fields

__all__ = [
    "Applicability",
    "FileError",
    "Finding",
    "Fix",
    "Related",
    "Report",
    "Severity",
]


class Applicability(str, enum.Enum):
    """Whether a fix is certain (applied by --fix) or a guess (needs --unsafe-fixes)."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"

    def __str__(self) -> str:
        return self.value


@record(frozen=True, slots=True)
class Fix:
    """Replace text[start:end] by `replacement` (offsets into the same document as the finding)."""

    start: int
    end: int
    replacement: str
    applicability: Applicability = Applicability.SAFE

    def __init__(self, start: int, end: int, replacement: str, applicability: Applicability = Applicability.SAFE) -> None:
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "replacement", replacement)
        _set(self, "applicability", applicability)


@record(frozen=True, slots=True)
class Related:
    """A secondary location: the other side of a conflict, the evidence for a repair."""

    path: str
    start: int
    end: int
    message: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    def __init__(
        self, path: str, start: int, end: int, message: str, line: int = 0, column: int = 0, end_line: int = 0, end_column: int = 0,
    ) -> None:  # fmt: skip
        _set(self, "path", path)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "message", message)
        _set(self, "line", line)
        _set(self, "column", column)
        _set(self, "end_line", end_line)
        _set(self, "end_column", end_column)


@record(frozen=True, slots=True)
class Finding:
    """One problem found: a rule's code, name and severity, its message and where it is."""
    code: str
    name: str
    severity: Severity
    message: str
    path: str
    start: int
    end: int
    match: str
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    fingerprint: str = ""
    suppressed: str | None = None  # why it is hidden: "inline", "baseline"; None when reported

    def __init__(
        self, code: str, name: str, severity: Severity, message: str, path: str, start: int, end: int, match: str,
        related: tuple[Related, ...] = (), fix: Fix | None = None, line: int = 0, column: int = 0, end_line: int = 0,
        end_column: int = 0, fingerprint: str = "", suppressed: str | None = None,
    ) -> None:  # fmt: skip
        _set(self, "code", code)
        _set(self, "name", name)
        _set(self, "severity", severity)
        _set(self, "message", message)
        _set(self, "path", path)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "match", match)
        _set(self, "related", related)
        _set(self, "fix", fix)
        _set(self, "line", line)
        _set(self, "column", column)
        _set(self, "end_line", end_line)
        _set(self, "end_column", end_column)
        _set(self, "fingerprint", fingerprint)
        _set(self, "suppressed", suppressed)

    def sort_key(self) -> tuple[str, int, str, int, str]:
        return (self.path, self.start, self.code, self.end, self.message)

    def with_(self, **changes: Any) -> Finding:
        """A copy with some fields changed (what dataclasses.replace does, a few times faster:
        reports copy every finding at least once)."""
        values = list(_finding_values(self))
        for name, value in changes.items():
            i = _FINDING_INDEX.get(name)
            if i is None:
                raise TypeError(f"Finding has no field {name!r}")
            values[i] = value
        return make_finding(*values)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled as `make_finding` and the field values: a worker process sends every finding
        # back, and this loads about three times as fast as the field-by-field dataclass state
        # (the parent unpickles while the workers use the cores).
        return (make_finding, _finding_values(self))


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_finding_values = attrgetter(*_FINDING_FIELDS)
_FINDING_INDEX = {name: i for i, name in enumerate(_FINDING_FIELDS)}


def _finding_builder() -> Any:
    """A function of a Finding's sixteen field values, in field order, that makes the Finding
    without the frozen dataclass's `__init__` (which goes through `object.__setattr__` by field
    name): the caches rebuild thousands of findings per run, and this takes under a third of the
    time. It does no checking, as `__init__` does none.

    The fields are stored into an instance of `_Unfrozen`, a class with Finding's very slots and
    no frozen `__setattr__` (plain attribute stores, the fastest way into a slot), which then
    becomes a Finding: the two have the same layout, so Python allows the change of class."""
    if len(_FINDING_FIELDS) != 16:  # the fields changed: use the constructor
        return Finding

    class _Unfrozen:
        __slots__ = _FINDING_FIELDS

    new = object.__new__

    def build(
        code: str, name: str, severity: Severity, message: str, path: str, start: int, end: int, match: str,
        related: tuple[Related, ...], fix: Fix | None, line: int, column: int, end_line: int, end_column: int,
        fingerprint: str, suppressed: str | None,
    ) -> Finding:  # fmt: skip
        f: Any = new(_Unfrozen)  # its slots are Finding's fields (`__slots__` from a tuple, which mypy cannot read)
        f.code = code
        f.name = name
        f.severity = severity
        f.message = message
        f.path = path
        f.start = start
        f.end = end
        f.match = match
        f.related = related
        f.fix = fix
        f.line = line
        f.column = column
        f.end_line = end_line
        f.end_column = end_column
        f.fingerprint = fingerprint
        f.suppressed = suppressed
        f.__class__ = Finding
        return f  # type: ignore[return-value]

    if _FINDING_FIELDS != build.__code__.co_varnames[:16] or Finding.__slots__ != _FINDING_FIELDS:  # renamed or reordered
        return Finding
    try:  # a layout Python will not convert between (another interpreter): use the constructor
        probe = build(*range(16))
    except TypeError:
        return Finding
    if type(probe) is not Finding or _finding_values(probe) != tuple(range(16)):
        return Finding
    return build


make_finding = _finding_builder()
"""`Finding(*values)`, faster (for the caches, which rebuild findings from their field values)."""
if make_finding is not Finding:  # named as pickle finds it: `Finding.__reduce__` refers to it
    make_finding.__module__, make_finding.__qualname__ = __name__, "make_finding"


@record(frozen=True, slots=True)
class FileError:
    """A file or rule problem that did not stop the run."""

    path: str
    message: str
    kind: str = "io"  # "io" | "decode" | "rule" | "skipped"
    code: str | None = None

    def __init__(self, path: str, message: str, kind: str = "io", code: str | None = None) -> None:
        _set(self, "path", path)
        _set(self, "message", message)
        _set(self, "kind", kind)
        _set(self, "code", code)


@record(frozen=True, slots=True)
class Report:
    """The findings and file errors of a run, the files checked, what was suppressed, and timings."""
    findings: tuple[Finding, ...]
    errors: tuple[FileError, ...] = ()
    files: tuple[str, ...] = ()
    suppressed: tuple[Finding, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)

    def __init__(
        self, findings: tuple[Finding, ...], errors: tuple[FileError, ...] = (), files: tuple[str, ...] = (),
        suppressed: tuple[Finding, ...] = (), timings: dict[str, float] = FACTORY,
    ) -> None:  # fmt: skip
        _set(self, "findings", findings)
        _set(self, "errors", errors)
        _set(self, "files", files)
        _set(self, "suppressed", suppressed)
        _set(self, "timings", {} if timings is FACTORY else timings)

    def at_or_above(self, level: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity >= level]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.code] = out.get(f.code, 0) + 1
        return dict(sorted(out.items()))


from . import serialize as _serialize  # noqa: E402 - registration needs the classes above

_serialize.register(Severity, Applicability, Fix, Related, Finding, FileError)
