"""`record`: a dataclass whose special methods are mostly not generated code.

`@dataclass` writes `__init__`, `__repr__`, `__eq__`, `__hash__` (and for a frozen class
`__setattr__` and `__delattr__`, with order=True four comparisons) as source text and compiles each
with `exec`: about half a millisecond per frozen class, paid by every process that imports the
class. The classes every run imports are declared with `record` instead: `__repr__`, `__eq__`,
`__hash__` and the comparisons are closures over the field names, which cost no compiling, and a
class that writes its own `__init__` (assigning each field, through `object.__setattr__` when
frozen, as a frozen dataclass's does) gets the frozen `__setattr__`, `__delattr__` and pickle
state from closures too (a field with a default factory has `FACTORY` as its default there). A
class without its own `__init__` gets the generated one (and, frozen, the generated `__setattr__`
and `__delattr__`). Type checkers are shown `record` as `dataclass` itself: `@record(frozen=True,
slots=True)` is checked as `@dataclass(frozen=True, slots=True)`.

What the class does is what it does with `@dataclass(frozen=..., slots=..., order=...)`:
construction, repr, equality and hash (or none, when not frozen), ordering, the errors on
assignment and deletion, pickling (the same state), `__match_args__`, and `dataclasses.fields`,
`replace`, `asdict` (it is a dataclass; only its `__dataclass_params__` tell that methods were not
generated). tests/test_records.py checks each class against the `@dataclass` of the same fields.
"""

from __future__ import annotations

import dataclasses
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from reprlib import recursive_repr

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    T = TypeVar("T", bound=type)

__all__ = ["FACTORY", "record"]

_set = object.__setattr__


class _Factory:
    """The default, in a record's own `__init__`, of a field made by its default factory: what the
    generated `__init__` has there (and how a signature shows it)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


FACTORY: Any = _Factory()


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of an object's values of `names`, as the generated methods build it."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


# `dataclass(init=False, repr=False, eq=False, slots=...)` on a class with its own `__init__` writes
# no method, but still costs about a quarter of a record's making (a run that lints a file makes
# some thirty): each field annotation is matched against ClassVar, InitVar and KW_ONLY by a
# regular expression and look-ups in the class's module. `_plain_dataclass` makes the same class
# without them, for the plain case only: annotations as strings (`from __future__ import
# annotations`) naming none of those, no base class but `object`, no mutable (unhashable)
# default, no `__slots__` of its own. Anything else goes to `dataclass` itself.
_FIELD = getattr(dataclasses, "_FIELD", None)  # dataclasses' mark of a field (vs. ClassVar, InitVar)
_PARAMS: dict[bool, Any] = {}  # `__dataclass_params__` of such a class, by slots


def _plain_dataclass(cls: type, slots: bool) -> type | None:
    """`dataclass(init=False, repr=False, eq=False, slots=slots)(cls)` for a plain class (see
    above), or None (and `cls` untouched) if it is not one."""
    namespace = cls.__dict__
    annotations = namespace.get("__annotations__", {})
    if _FIELD is None or cls.__bases__ != (object,) or type(cls) is not type or not namespace.get("__doc__") or "__slots__" in namespace:
        return None
    for name, annotation in annotations.items():
        if not isinstance(annotation, str) or "ClassVar" in annotation or "InitVar" in annotation or "KW_ONLY" in annotation:
            return None
        default = namespace.get(name, MISSING)
        if type(default.default if isinstance(default, Field) else default).__hash__ is None:
            return None  # (dataclass refuses it)
    for name, value in namespace.items():
        if isinstance(value, Field) and name not in annotations:
            return None
    params = _PARAMS.get(slots)
    if params is None:  # what dataclass records for such a class, taken from one it makes
        template: Any = dataclass(init=False, repr=False, eq=False, slots=slots)(type("_Template", (), {"__doc__": "."}))
        params = _PARAMS[slots] = template.__dataclass_params__  # type: ignore[attr-defined]
    made: dict[str, Field[Any]] = {}
    for name, annotation in annotations.items():
        default = namespace.get(name, MISSING)
        if isinstance(default, Field):
            f = default
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        else:
            f = field(default=default)
        f.name, f.type, f._field_type = name, annotation, _FIELD  # type: ignore[attr-defined]
        if f.kw_only is MISSING:  # type: ignore[attr-defined]
            f.kw_only = False  # type: ignore[attr-defined]
        made[name] = f
    cls.__dataclass_params__ = params  # type: ignore[attr-defined]
    cls.__dataclass_fields__ = made  # type: ignore[attr-defined]
    if "__match_args__" not in namespace:
        cls.__match_args__ = tuple(f.name for f in made.values() if f.init)  # type: ignore[attr-defined,misc]
    if not slots:
        return cls
    # As dataclass's `_add_slots` does: the class made again, with a slot per field.
    body = dict(namespace)
    body["__slots__"] = tuple(made)
    for name in (*made, "__dict__", "__weakref__"):
        body.pop(name, None)
    slotted = type(cls.__name__, (object,), body)
    slotted.__qualname__ = cls.__qualname__
    return slotted


def _record(*, frozen: bool, slots: bool, order: bool = False) -> Callable[[T], T]:
    """A class decorator: what `@dataclass(frozen=frozen, slots=slots, order=order)` makes of the
    class. The class may not define `__eq__` or `__hash__`. If it defines `__init__`, that takes
    the fields made by `__init__` in order, with their defaults (`FACTORY` for a field with a
    default factory, which `__init__` then calls), and ends by calling `__post_init__` if the
    class has one."""

    def wrap(cls: T) -> T:
        if "__eq__" in cls.__dict__ or "__hash__" in cls.__dict__:
            raise TypeError(f"{cls.__name__}: a record gets __eq__ and __hash__ from its fields")
        own_init = "__init__" in cls.__dict__
        made = _plain_dataclass(cls, slots) if own_init else None
        if made is None:
            generated = dataclass(init=not own_init, frozen=frozen and not own_init, repr=False, eq=False, slots=slots)
            made = generated(cls)
        cls = made  # type: ignore[assignment]
        every = fields(cls)
        names = tuple(f.name for f in every)
        shown = tuple(f.name for f in every if f.repr)
        compared = _values(tuple(f.name for f in every if f.compare))
        shown_values = _values(shown)

        @recursive_repr()
        def __repr__(self: Any) -> str:
            text = ", ".join([f"{name}={value!r}" for name, value in zip(shown, shown_values(self))])
            return f"{self.__class__.__qualname__}({text})"

        def __eq__(self: Any, other: object) -> Any:
            if self is other:
                return True
            if other.__class__ is self.__class__:
                return compared(self) == compared(other)
            return NotImplemented

        methods: dict[str, Any] = {"__repr__": __repr__, "__eq__": __eq__, "__hash__": None}
        if frozen:
            hashed = _values(tuple(f.name for f in every if (f.compare if f.hash is None else f.hash)))

            def __hash__(self: Any) -> int:
                return hash(hashed(self))

            methods["__hash__"] = __hash__
        if frozen and own_init:

            def __setattr__(self: Any, name: str, value: Any) -> None:
                if type(self) is cls or name in names:
                    raise FrozenInstanceError(f"cannot assign to field {name!r}")
                super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]

            def __delattr__(self: Any, name: str) -> None:
                if type(self) is cls or name in names:
                    raise FrozenInstanceError(f"cannot delete field {name!r}")
                super(cls, self).__delattr__(name)  # type: ignore[arg-type]

            methods.update(__setattr__=__setattr__, __delattr__=__delattr__)
        if frozen and own_init and slots:  # a frozen slotted dataclass's pickle state: the list of field values
            every_value = _values(names)

            def __getstate__(self: Any) -> list[Any]:
                return list(every_value(self))

            def __setstate__(self: Any, state: list[Any]) -> None:
                for name, value in zip(names, state):
                    _set(self, name, value)

            methods.update(__getstate__=__getstate__, __setstate__=__setstate__)
        if order:

            def __lt__(self: Any, other: object) -> Any:
                if other.__class__ is self.__class__:
                    return compared(self) < compared(other)
                return NotImplemented

            def __le__(self: Any, other: object) -> Any:
                if other.__class__ is self.__class__:
                    return compared(self) <= compared(other)
                return NotImplemented

            def __gt__(self: Any, other: object) -> Any:
                if other.__class__ is self.__class__:
                    return compared(self) > compared(other)
                return NotImplemented

            def __ge__(self: Any, other: object) -> Any:
                if other.__class__ is self.__class__:
                    return compared(self) >= compared(other)
                return NotImplemented

            methods.update(__lt__=__lt__, __le__=__le__, __gt__=__gt__, __ge__=__ge__)
        for name, method in methods.items():
            if name in cls.__dict__ and name != "__hash__":
                continue  # the class's own, as `dataclass` keeps it
            if method is not None:
                method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
        return cls

    return wrap


if TYPE_CHECKING:  # what a type checker is to see: the dataclass the record stands for
    from dataclasses import dataclass as record
else:
    record = _record
