"""Settings: `[tool.srclint]` in pyproject.toml or `.srclint.yaml`, found from the current
directory upward, then command-line overrides. Keys may be written kebab-case or snake_case.
Relative paths in a config file are relative to that file's directory.
"""

from __future__ import annotations

import os
from functools import lru_cache
TYPE_CHECKING = False  # typing itself is not imported: this module is on the replay path

from . import pathstr
from .errors import ConfigError
from .severity import Severity

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any, Literal
    from pydantic import BaseModel

__all__ = ["CONFIG_NAMES", "Settings", "find_config", "load_settings"]

CONFIG_NAMES = (".srclint.yaml", ".srclint.yml", "srclint.yaml", "pyproject.toml")
_LEVELS = frozenset({"error", "warning", "info"})
_DEFAULT_EXTENSIONS = (".md", ".markdown", ".txt")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


def _str_list(value: Any) -> bool:
    return type(value) is list and all(type(v) is str for v in value)


# Field -> (default, whether a value is already exactly what validation would produce).
_FIELDS: dict[str, tuple[Any, Callable[[Any], bool]]] = {
    "select": (None, lambda v: v is None or _str_list(v)),
    "extend_select": ((), _str_list),
    "ignore": ((), _str_list),
    "per_file_ignores": (
        {}, lambda v: type(v) is dict and all(type(k) is str and _str_list(c) for k, c in v.items())
    ),
    "severity": ({}, lambda v: type(v) is dict and all(type(k) is str and type(c) is str and c in _LEVELS for k, c in v.items())),
    "rules": ((), _str_list),
    "builtin_rules": (True, lambda v: type(v) is bool),
    "exclude": ((), _str_list),
    "extensions": (_DEFAULT_EXTENSIONS, _str_list),
    "respect_gitignore": (True, lambda v: type(v) is bool),
    "fail_on": ("warning", lambda v: type(v) is str and v in _LEVELS),
    "corpus": ((), _str_list),
    "max_file_size": (20 * 1024 * 1024, lambda v: type(v) is int and v >= 1),
    "cache_dir": (".srclint_cache", lambda v: type(v) is str),
    "root": (".", lambda v: type(v) is str),
}  # fmt: skip
_NAMES = {**{_kebab(name): name for name in _FIELDS}, **{name: name for name in _FIELDS}}


def _copy(value: Any) -> Any:
    if type(value) in (list, tuple):
        return list(value)
    if type(value) is dict:
        return {k: _copy(v) for k, v in value.items()}
    return value


class Settings:
    """srclint's settings (the keys of `[tool.srclint]`), validated when made.

    Well-formed values (exact types, known keys in kebab- or snake_case) are taken as they are;
    anything else goes through the pydantic model below, which converts what it can and raises
    pydantic's ValidationError for the rest. So pydantic is imported only for unusual settings,
    and a run over cached files never imports it.
    """

    select: list[str] | None
    extend_select: list[str]
    ignore: list[str]
    per_file_ignores: dict[str, list[str]]
    severity: dict[str, str]
    rules: list[str]
    builtin_rules: bool
    exclude: list[str]
    extensions: list[str]
    respect_gitignore: bool
    fail_on: str
    corpus: list[str]
    max_file_size: int
    cache_dir: str
    root: str

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(_validated(values))

    @classmethod
    def model_validate(cls, data: Any) -> Settings:
        settings = cls.__new__(cls)
        settings.__dict__.update(_validated(data))
        return settings

    def model_dump(self) -> dict[str, Any]:
        return {name: _copy(getattr(self, name)) for name in _FIELDS}

    @classmethod
    def model_json_schema(cls, **kw: Any) -> dict[str, Any]:
        return _settings_model().model_json_schema(**kw)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{k}={v!r}" for k, v in self.model_dump().items()) + ")"

    @property
    def fail_level(self) -> Severity:
        return Severity.parse(self.fail_on)

    def merged(self, **overrides: Any) -> Settings:
        """A copy with the given non-None overrides applied (the CLI's layer)."""
        data = self.model_dump()
        data.update({k: v for k, v in overrides.items() if v is not None})
        return Settings.model_validate(data)


def _validated(values: Any) -> dict[str, Any]:
    data = _exact(values) if isinstance(values, dict) else None
    return data if data is not None else _settings_model().model_validate(values).model_dump()


def _exact(values: dict[Any, Any]) -> dict[str, Any] | None:
    """All fields, when every value given is already what validation would make of it; else None."""
    data: dict[str, Any] = {}
    for key, value in values.items():
        name = _NAMES.get(key) if type(key) is str else None
        if name is None or name in data or not _FIELDS[name][1](value):
            return None  # unknown, given twice (alias and name), or needs converting: let pydantic decide
        data[name] = value
    out = {name: _copy(data[name] if name in data else default) for name, (default, _) in _FIELDS.items()}
    out["extensions"] = [v if v.startswith(".") else f".{v}" for v in out["extensions"]]
    return out


@lru_cache(maxsize=1)
def _settings_model() -> type[BaseModel]:
    """The pydantic model of the settings: conversions, error messages and the JSON schema."""
    from typing import Literal  # noqa: F401 - the annotations below name it (pydantic reads them here)

    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class Settings(BaseModel):  # the name pydantic's errors give
        model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True, defer_build=True)

        select: list[str] | None = Field(default=None, description="codes or prefixes to run (default: every rule on by default)")
        extend_select: list[str] = Field(default_factory=list)
        ignore: list[str] = Field(default_factory=list)
        per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, description="glob -> codes or prefixes")
        severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict, description="code -> severity")
        rules: list[str] = Field(default_factory=list, description="extra rule packs (files or folders)")
        builtin_rules: bool = True
        exclude: list[str] = Field(default_factory=list, description="gitignore-style patterns to skip")
        extensions: list[str] = Field(default_factory=lambda: list(_DEFAULT_EXTENSIONS))
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

    return Settings


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest configuration file in `start` or a folder above it."""
    found = _find_config(pathstr.normal(os.fspath(start)))
    if found is None:
        return None
    from pathlib import Path

    return Path(found)


def _find_config(start: str) -> str | None:
    """`find_config` on path strings (pathlib is not imported when there is none: a run over
    unchanged files looks for one first)."""
    for directory in (start, *pathstr.parents(start)):
        for name in CONFIG_NAMES:
            candidate = pathstr.joined(directory, name)
            if not pathstr.is_file(candidate):
                continue
            if name == "pyproject.toml" and "srclint" not in _read_toml(candidate).get("tool", {}):
                continue
            return candidate
    return None


def _read_toml(path: str | Path) -> dict[str, Any]:
    import tomllib  # only when there is a pyproject.toml to read

    try:
        with open(path, encoding="utf-8") as fh:  # Path.read_text
            return tomllib.loads(fh.read())
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read TOML: {exc}") from None


def load_settings(config: str | Path | None = None, *, search_from: Path | None = None, use_config: bool = True) -> tuple[Settings, Path | None]:
    """Settings from an explicit file, or the nearest config file, or defaults."""
    path: Path | None
    if config is not None:
        from pathlib import Path

        path = Path(config)
        if not path.is_file():
            raise ConfigError(f"{path}: no such configuration file")
    elif use_config:
        path = find_config(pathstr.resolved(os.getcwd() if search_from is None else os.fspath(search_from)))
    else:
        path = None
    if path is None:
        return Settings(), None
    raw = _read_config(path)
    try:
        settings = Settings.model_validate(raw)
    except Exception as exc:
        from pydantic import ValidationError

        if not isinstance(exc, ValidationError):
            raise
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
