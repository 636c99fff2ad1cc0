"""Baselines: accept today's findings once, then report only new ones.

An archive of articles cannot be cleaned in a day; a baseline lets a desk adopt srclint now and
still catch every new problem. Entries are keyed on content, never on line numbers: a finding's
fingerprint (rule, path relative to the project root, normalised matched text, a hash of its
sentence, and an occurrence index that tells repeats in one file apart), plus the path relative to
the baseline file. Editing elsewhere in a file, or inserting lines above a finding, changes none
of these, so old findings stay accepted.

Entries that match nothing any more are *stale*: they are reported (kind "baseline" in the
report's errors) so the file can be pruned by writing it again, but they do not change the exit
code unless the caller asks for that (`--fail-on-stale-baseline`). Only entries for files that
were linted in this run can be stale, so checking a few files never prunes the rest.

The file is JSON, versioned, one entry per line, sorted: diffs stay small and reviewable.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError
from .models import FileError, Finding, Report

__all__ = ["BASELINE_VERSION", "Baseline", "BaselineEntry", "apply_baseline", "load_baseline", "stale_entries", "write_baseline"]

BASELINE_VERSION = 1


@dataclass(frozen=True, slots=True, order=True)
class BaselineEntry:
    path: str  # relative to the baseline file's folder, POSIX separators
    code: str
    match: str  # normalised matched text, for people reading the file
    fingerprint: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.code, self.fingerprint)

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code, "match": self.match, "fingerprint": self.fingerprint}


@dataclass(frozen=True, slots=True)
class Baseline:
    entries: tuple[BaselineEntry, ...]
    base_dir: str  # the folder entry paths are relative to

    def key_for(self, finding: Finding, cwd: Path | None = None) -> tuple[str, str, str]:
        return (_relative_to(finding.path, Path(self.base_dir), cwd), finding.code, finding.fingerprint)


def _relative_to(shown: str, base: Path, cwd: Path | None) -> str:
    if shown.startswith("<"):  # "<text>", "<stdin>": not a file
        return shown
    p = Path(shown)
    if not p.is_absolute():
        p = (cwd or Path.cwd()) / p
    try:
        return Path(os.path.relpath(p.resolve(), base.resolve())).as_posix()
    except (ValueError, OSError):  # another drive on Windows
        return p.as_posix()


def _entry(f: Finding, base: Path, cwd: Path | None) -> BaselineEntry:
    return BaselineEntry(_relative_to(f.path, base, cwd), f.code, " ".join(f.match.split()), f.fingerprint)


def load_baseline(path: str | Path) -> Baseline:
    """Read a baseline file; a missing or malformed file is a ConfigError (exit code 2)."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{p}: no such baseline file (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("entries"), list):
        raise ConfigError(f"{p}: not a srclint baseline of version {BASELINE_VERSION}")
    try:
        entries = tuple(BaselineEntry(e["path"], e["code"], e.get("match", ""), e["fingerprint"]) for e in data["entries"])
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"{p}: malformed baseline entry ({exc})") from None
    return Baseline(entries, str(p.resolve().parent))


def apply_baseline(report: Report, baseline: Baseline, *, cwd: Path | None = None) -> Report:
    """Move findings the baseline accepts into `suppressed` (reason "baseline") and add one
    error of kind "baseline" per stale entry of a file linted in this run."""
    remaining = Counter(e.key for e in baseline.entries)
    new: list[Finding] = []
    accepted: list[Finding] = []
    for f in report.findings:
        key = baseline.key_for(f, cwd)
        if remaining[key] > 0:
            remaining[key] -= 1
            accepted.append(f.with_(suppressed="baseline"))
        else:
            new.append(f)
    linted = {_relative_to(p, Path(baseline.base_dir), cwd): p for p in report.files}
    stale: list[FileError] = []
    for entry in baseline.entries:
        if entry.path in linted and remaining[entry.key] > 0:
            remaining[entry.key] -= 1
            stale.append(
                FileError(
                    linted[entry.path],
                    f"stale baseline entry: {entry.code} {entry.match!r} no longer found "
                    "(write the baseline again to prune it)",
                    kind="baseline",
                    code=entry.code,
                )
            )
    return Report(
        findings=tuple(new),
        errors=tuple(sorted({*report.errors, *stale}, key=lambda e: (e.path, e.message))),
        files=report.files,
        suppressed=tuple(sorted([*report.suppressed, *accepted], key=Finding.sort_key)),
        timings=report.timings,
    )


def stale_entries(report: Report) -> list[FileError]:
    return [e for e in report.errors if e.kind == "baseline"]


def write_baseline(report: Report, path: str | Path, *, cwd: Path | None = None) -> int:
    """Record the report's findings (and those a previous baseline accepted) in `path`.

    Entries of an existing baseline for files *not* linted in this run are kept, so a run over
    some files never forgets the others. Returns the number of entries written.
    """
    p = Path(path)
    base = p.resolve().parent
    current = [*report.findings, *(f for f in report.suppressed if f.suppressed == "baseline")]
    entries = [_entry(f, base, cwd) for f in current]
    if p.exists():
        linted = {_relative_to(s, base, cwd) for s in report.files}
        entries.extend(e for e in load_baseline(p).entries if e.path not in linted)
    p.write_text(dumps(entries), encoding="utf-8", errors="backslashreplace")  # a lone surrogate becomes a JSON escape
    return len(entries)


def dumps(entries: Iterable[BaselineEntry]) -> str:
    """One entry per line, sorted, so a change to the baseline is a small, readable diff."""
    rows = sorted(set(entries))
    body = ",\n".join("    " + json.dumps(e.as_dict(), ensure_ascii=False) for e in rows)
    head = f'{{\n  "version": {BASELINE_VERSION},\n  "tool": "srclint",\n  "entries": ['
    return head + ("\n" + body + "\n  " if rows else "") + "]\n}\n"
