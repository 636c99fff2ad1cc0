"""JSON for srclint's own value types, for the on-disk caches.

Never pickle: a cache file sits in the working tree, and loading one must not be able to run
code. Dataclass instances are written as their field values tagged with the class name, and read
back only into classes registered here (a fixed allow-list), so the worst a damaged or hostile
cache file can do is fail to decode, which the caches treat as a miss.
"""

from __future__ import annotations

import dataclasses
import enum
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from . import LazyModule

if TYPE_CHECKING:
    from typing import Any
    import json
else:  # imported when a cache file is first read or written: a run without the cache never is
    json = LazyModule("json", globals())

__all__ = ["dumps", "loads", "register"]

_CLASSES: dict[str, type] = {}
_DATACLASSES: dict[str, type] = {}  # the same allow-list, split by what a record may build
_ENUMS: dict[str, type[enum.Enum]] = {}


def register(*classes: type) -> None:
    """Allow these dataclasses or enums to be rebuilt from cache files."""
    for cls in classes:
        name = f"{cls.__module__}.{cls.__qualname__}"
        _CLASSES[name] = cls
        if isinstance(cls, enum.EnumMeta):
            _ENUMS[name] = cls
        elif dataclasses.is_dataclass(cls):
            _DATACLASSES[name] = cls
        else:
            raise TypeError(f"{name}: only dataclasses and enums can be cached")


def _name(cls: type) -> str:
    name = f"{cls.__module__}.{cls.__qualname__}"
    if name not in _CLASSES:
        raise TypeError(f"{name} is not registered for the cache")
    return name


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):  # first: a str enum (Applicability) must come back an enum, not a str
        return {"$e": _name(type(value)), "v": value.value}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"$d": _name(type(value)), "f": [_encode(getattr(value, f.name)) for f in dataclasses.fields(value)]}
    if isinstance(value, tuple):
        return {"$t": [_encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"$s": sorted((_encode(v) for v in value), key=repr)}
    if isinstance(value, list):
        if all(type(v) is int for v in value):
            return {"$i": value}  # offsets and line starts: decoded without a call per number
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"$m": [[_encode(k), _encode(v)] for k, v in value.items()]}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _rebuild(record: dict[str, Any]) -> Any:
    """One tagged JSON object back to its value. The JSON parser calls this for every object,
    innermost first, so the values inside a record arrive already rebuilt."""
    if "$i" in record:
        return record["$i"]
    if "$d" in record:
        return _DATACLASSES[record["$d"]](*record["f"])  # KeyError for anything not on the allow-list
    if "$e" in record:
        cls = _ENUMS[record["$e"]]
        value = record["v"]
        member = cls._value2member_map_.get(value) if isinstance(value, (int, str)) else None
        return member if member is not None else cls(value)
    if "$t" in record:
        return tuple(record["$t"])
    if "$s" in record:
        return set(record["$s"])
    if "$m" in record:
        return {k: v for k, v in record["$m"]}
    raise ValueError("unknown cache record")


def dumps(value: Any) -> str:
    # ASCII escapes keep lone surrogates (undecodable bytes kept from a file) storable anywhere.
    return json.dumps(_encode(value), ensure_ascii=True, separators=(",", ":"))


def loads(text: str) -> Any:
    """Decode; raises ValueError, KeyError or TypeError on anything unexpected."""
    return json.loads(text, object_hook=_rebuild)
