"""Paths as the strings pathlib makes of them, and its file tests, without pathlib.

A run over unchanged files (srclint.replay) finds its configuration, packs and files with these:
importing pathlib imports fnmatch, re and urllib.parse, about a tenth of such a run. Each function
gives what the pathlib expression in its docstring gives (tests/test_pathstr.py checks them
against it): where srclint prints, stores or compares a path, the string is the one it had when
it was made by pathlib. On a platform whose separator is not "/" they are pathlib's own.
"""

from __future__ import annotations

import os
from errno import EBADF, ELOOP, ENOENT, ENOTDIR
from stat import S_ISDIR, S_ISREG

__all__ = ["exists", "is_dir", "is_file", "joined", "normal", "parents", "resolved"]

POSIX = os.sep == "/" and not os.altsep
_IGNORED_ERRNOS = (ENOENT, ENOTDIR, EBADF, ELOOP)  # what pathlib's tests take for "no such file"


def normal(path: str) -> str:
    """`str(Path(path))`: empty and "." parts and a trailing slash dropped, ".." kept, a leading
    "//" kept (POSIX lets it mean something else) and three or more slashes made one."""
    if path[:1] == "/":
        rest = path.lstrip("/")
        root = "//" if len(path) - len(rest) == 2 else "/"
    else:
        root, rest = "", path
    if "//" in rest or "." in rest or rest[-1:] == "/":  # else already as pathlib writes it
        rest = "/".join([part for part in rest.split("/") if part and part != "."])
    return root + rest if root or rest else "."


def joined(base: str, other: str) -> str:
    """`str(Path(base) / other)` (an absolute `other` replaces `base`)."""
    if other[:1] == "/":
        return normal(other)
    base, other = normal(base), normal(other)
    if other == ".":
        return base
    if base == ".":
        return other
    return base + other if base[-1] == "/" else f"{base}/{other}"


def parents(path: str) -> list[str]:
    """`[str(p) for p in Path(path).parents]`: nearest first, up to the root (or "." for a
    relative path)."""
    path = normal(path)
    root = "//" if path[:2] == "//" else "/" if path[:1] == "/" else ""
    rest = path[len(root) :]
    parts = rest.split("/") if rest and rest != "." else []
    return [root + "/".join(parts[:i]) if root or i else "." for i in range(len(parts) - 1, -1, -1)]


def _mode(path: str) -> int | None:
    """The mode `os.stat` gives, or None where pathlib's tests take the file to be missing (any
    other OSError is raised, as they raise it)."""
    try:
        return os.stat(path).st_mode
    except OSError as exc:
        if exc.errno not in _IGNORED_ERRNOS:
            raise
        return None
    except ValueError:  # not encodable, or a NUL in it
        return None


def is_file(path: str) -> bool:
    """`Path(path).is_file()`, of a path as `normal` writes it (as every test here takes it)."""
    mode = _mode(path)
    return mode is not None and S_ISREG(mode)


def is_dir(path: str) -> bool:
    """`Path(path).is_dir()`."""
    mode = _mode(path)
    return mode is not None and S_ISDIR(mode)


def exists(path: str) -> bool:
    """`Path(path).exists()`."""
    return _mode(path) is not None


def resolved(path: str) -> str:
    """`str(Path(path).resolve())`: absolute, symlinks followed."""
    real = os.path.realpath(path)
    try:
        os.stat(real)
    except OSError as exc:
        if exc.errno == ELOOP:  # pathlib turns a symlink loop into its own error: raise that
            from pathlib import Path

            Path(path).resolve()
    return real


if not POSIX:  # pragma: no cover - pathlib's own (another separator, drive letters)

    def normal(path: str) -> str:
        from pathlib import Path

        return str(Path(path))

    def joined(base: str, other: str) -> str:
        from pathlib import Path

        return str(Path(base) / other)

    def parents(path: str) -> list[str]:
        from pathlib import Path

        return [str(p) for p in Path(path).parents]

    def resolved(path: str) -> str:
        from pathlib import Path

        return str(Path(path).resolve())

    def is_file(path: str) -> bool:
        from pathlib import Path

        return Path(path).is_file()

    def is_dir(path: str) -> bool:
        from pathlib import Path

        return Path(path).is_dir()

    def exists(path: str) -> bool:
        from pathlib import Path

        return Path(path).exists()
