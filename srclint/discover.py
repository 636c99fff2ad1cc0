"""From the paths a user gives to the files srclint reads.

Directories are walked without following symlinks (so loops cannot trap the walk), hidden
folders and `.gitignore`d files are skipped (gitignore semantics via pathspec), `exclude`
patterns always apply, and only known extensions are taken from directories; a file named
explicitly is linted whatever its extension. FIFOs, sockets and devices are never opened.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import pathspec

from .config import Settings
from .models import FileError

__all__ = ["SourceFile", "discover", "display_path"]

_ALWAYS_SKIP = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".srclint_cache", ".tox"}


@dataclass(frozen=True, slots=True, order=True)
class SourceFile:
    display: str  # the path shown in reports (relative to the working directory where possible)
    path: str  # the path opened


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def discover(paths: list[str], settings: Settings, cwd: Path | None = None) -> tuple[list[SourceFile], list[FileError]]:
    cwd = (cwd or Path.cwd()).resolve()
    root = Path(settings.root).resolve() if settings.root else cwd
    exclude = pathspec.GitIgnoreSpec.from_lines(settings.exclude) if settings.exclude else None
    files: dict[str, SourceFile] = {}
    errors: list[FileError] = []
    exts = {e.lower() for e in settings.extensions}

    def excluded(p: Path) -> bool:
        if exclude is None:
            return False
        for base in (root, cwd):
            try:
                rel = p.relative_to(base).as_posix()
            except ValueError:
                continue
            return exclude.match_file(rel)
        return exclude.match_file(p.name)

    def add(p: Path) -> None:
        shown = display_path(p, cwd)
        files.setdefault(shown, SourceFile(shown, str(p)))

    for given in paths:
        p = Path(given)
        absolute = (cwd / p) if not p.is_absolute() else p
        try:
            st = os.stat(absolute)
        except OSError as exc:
            errors.append(FileError(given, f"cannot read: {exc.strerror or exc}", kind="io"))
            continue
        if stat.S_ISDIR(st.st_mode):
            if not excluded(absolute):
                _walk(absolute, exts, excluded, settings.respect_gitignore, add, errors, cwd)
        elif stat.S_ISREG(st.st_mode):
            if not excluded(absolute):
                add(absolute)
        else:
            errors.append(FileError(display_path(absolute, cwd), "not a regular file (FIFO, socket or device); skipped", kind="skipped"))
    return sorted(files.values()), errors


def _walk(top: Path, exts: set[str], excluded, respect_gitignore: bool, add, errors: list[FileError], cwd: Path) -> None:  # type: ignore[no-untyped-def]
    ignores: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
    if respect_gitignore:
        ignores = _parent_gitignores(top)

    def onerror(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else top
        errors.append(FileError(display_path(where, cwd), f"cannot read directory: {exc.strerror or exc}", kind="io"))

    for dirpath, dirnames, filenames in os.walk(top, onerror=onerror, followlinks=False):
        here = Path(dirpath)
        if respect_gitignore and ".gitignore" in filenames:
            spec = _read_gitignore(here / ".gitignore")
            if spec is not None:
                ignores.append((here, spec))
        active = [(base, spec) for base, spec in ignores if here == base or base in here.parents]

        def ignored(p: Path, is_dir: bool) -> bool:
            for base, spec in active:
                rel = p.relative_to(base).as_posix() + ("/" if is_dir else "")
                if spec.match_file(rel):
                    return True
            return excluded(p)

        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and d not in _ALWAYS_SKIP and not ignored(here / d, True)
        )
        for name in sorted(filenames):
            p = here / name
            if os.path.splitext(name)[1].lower() not in exts or ignored(p, False):
                continue
            try:
                mode = os.lstat(p).st_mode
            except OSError as exc:
                errors.append(FileError(display_path(p, cwd), f"cannot read: {exc.strerror or exc}", kind="io"))
                continue
            if stat.S_ISLNK(mode):
                try:
                    mode = os.stat(p).st_mode
                except OSError:
                    errors.append(FileError(display_path(p, cwd), "broken or looping symlink; skipped", kind="skipped"))
                    continue
            if not stat.S_ISREG(mode):
                errors.append(FileError(display_path(p, cwd), "not a regular file; skipped", kind="skipped"))
                continue
            add(p)


def _parent_gitignores(top: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    """.gitignore files above the walked folder, up to the repository root."""
    found: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
    for parent in top.parents:
        gi = parent / ".gitignore"
        if gi.is_file() and (spec := _read_gitignore(gi)) is not None:
            found.append((parent, spec))
        if (parent / ".git").exists():
            break
    return found[::-1]


def _read_gitignore(path: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        return pathspec.GitIgnoreSpec.from_lines(path.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return None
