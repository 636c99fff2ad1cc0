"""On-disk cache of corpus claims per file, so a pre-commit run that names one changed file does
not re-extract claims from the whole configured corpus.

Key: (path, content hash, rule-set digest); value: an opaque text the rule encodes (JSON for the
`consistency` kind, never pickle: a cache file must not be able to run code). One SQLite file in
`settings.cache_dir`. The cache is an optimisation only: a corrupt, locked or unwritable cache is
ignored (and a corrupt one recreated), never an error; old entries for a path are replaced.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

__all__ = ["ClaimCache"]

_SCHEMA = "CREATE TABLE IF NOT EXISTS claims (path TEXT PRIMARY KEY, content TEXT, ruleset TEXT, data TEXT)"


class ClaimCache:
    """get/put claims; every failure degrades to a cache miss."""

    def __init__(self, directory: str | Path) -> None:
        self.path = Path(directory) / "claims.sqlite3"
        self._db: sqlite3.Connection | None = None
        self._pending = 0
        try:
            self._db = self._open()
        except (sqlite3.Error, OSError):
            self._reset()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        gitignore = self.path.parent / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("*\n", encoding="utf-8")
        db = sqlite3.connect(self.path, timeout=0.5)
        db.execute(_SCHEMA)
        db.execute("SELECT count(*) FROM claims LIMIT 1").fetchone()
        return db

    def _reset(self) -> None:
        """Recreate a corrupt cache file; give up quietly when that fails too (read-only tree)."""
        self._db = None
        try:
            self.path.unlink(missing_ok=True)
            self._db = self._open()
        except (sqlite3.Error, OSError):
            self._db = None

    def get(self, path: str, content_hash: str, ruleset_digest: str) -> str | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT data FROM claims WHERE path = ? AND content = ? AND ruleset = ?", (path, content_hash, ruleset_digest)
            ).fetchone()
        except sqlite3.DatabaseError:
            self._reset()
            return None
        return None if row is None else str(row[0])

    def put(self, path: str, content_hash: str, ruleset_digest: str, data: str) -> None:
        if self._db is None:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?)", (path, content_hash, ruleset_digest, data))
            self._pending += 1
            if self._pending >= 500:
                self.flush()
        except sqlite3.DatabaseError:
            self._db = None  # locked or broken: run on without the cache

    def flush(self) -> None:
        if self._db is None:
            return
        try:
            self._db.commit()
            self._pending = 0
        except sqlite3.DatabaseError:
            self._db = None

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None
