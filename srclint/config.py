"""Settings: `[tool.srclint]` in pyproject.toml or `.srclint.yaml`, found from the current
directory upward, then command-line overrides. Keys may be written kebab-case or snake_case.
Relative paths in a config file are relative to that file's directory.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .models import Severity

__all__ = ["CONFIG_NAMES", "Settings", "find_config", "load_settings"]

CONFIG_NAMES = (".srclint.yaml", ".srclint.yml", "srclint.yaml", "pyproject.toml")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True, defer_build=True)

    select: list[str] | None = Field(default=None, description="codes or prefixes to run (default: every rule on by default)")
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, description="glob -> codes or prefixes")
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict, description="code -> severity")
    rules: list[str] = Field(default_factory=list, description="extra rule packs (files or folders)")
    builtin_rules: bool = True
    exclude: list[str] = Field(default_factory=list, description="gitignore-style patterns to skip")
    extensions: list[str] = Field(default_factory=lambda: [".md", ".markdown", ".txt"])
    respect_gitignore: bool = True
    fail_on: Literal["error", "warning", "info"] = "warning"
    corpus: list[str] = Field(default_factory=list, description="globs always loaded for cross-document rules")
    max_file_size: int = Field(default=20 * 1024 * 1024, ge=1)
    cache_dir: str = ".srclint_cache"
    root: str = Field(default=".", description="directory relative paths and globs start from")

    @field_validator("extensions")
    @classmethod
    def _dotted(cls, value: list[str]) -> list[str]:
        return [v if v.startswith(".") else f".{v}" for v in value]

    @property
    def fail_level(self) -> Severity:
        return Severity.parse(self.fail_on)

    def merged(self, **overrides: Any) -> Settings:
        """A copy with the given non-None overrides applied (the CLI's layer)."""
        data = self.model_dump()
        data.update({k: v for k, v in overrides.items() if v is not None})
        return Settings.model_validate(data)


def find_config(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and "srclint" not in _read_toml(candidate).get("tool", {}):
                continue
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read TOML: {exc}") from None


def load_settings(config: str | Path | None = None, *, search_from: Path | None = None, use_config: bool = True) -> tuple[Settings, Path | None]:
    """Settings from an explicit file, or the nearest config file, or defaults."""
    path: Path | None
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise ConfigError(f"{path}: no such configuration file")
    elif use_config:
        path = find_config((search_from or Path.cwd()).resolve())
    else:
        path = None
    if path is None:
        return Settings(), None
    raw = _read_config(path)
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        msg = "unknown setting" if err["type"] == "extra_forbidden" else err["msg"]
        raise ConfigError(f"{path}: {where}: {msg}") from None
    base = path.parent
    return settings.merged(
        rules=[str(base / r) for r in settings.rules],
        root=str((base / settings.root).resolve()),
    ), path


def _read_config(path: Path) -> dict[str, Any]:
    if path.name == "pyproject.toml":
        data = _read_toml(path).get("tool", {}).get("srclint", {})
    else:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        try:
            data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, YAMLError) as exc:
            raise ConfigError(f"{path}: cannot read YAML: {str(exc).splitlines()[0] if str(exc) else exc}") from None
        data = data or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: srclint settings must be a mapping")
    return data
