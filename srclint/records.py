"""`frozen_record`: a frozen, slotted dataclass whose special methods are not generated code.

`@dataclass(frozen=True, slots=True)` writes `__init__`, `__repr__`, `__eq__`, `__hash__`,
`__setattr__` and `__delattr__` (and with order=True four comparisons) as source text and
compiles each with `exec`: about half a millisecond per class, paid by every process that imports
the class. The value types every run imports are declared with `frozen_record` instead, with a
hand-written `__init__` (assigning each field through `object.__setattr__`, as a frozen
dataclass's does): the other methods are closures over the field names, which cost no compiling.

What the class does is the same as with `@dataclass(frozen=True, slots=True[, order=True])`:
construction, repr, equality and hash, ordering, the errors on assignment and deletion, pickling
(the same state: the list of field values), `__match_args__`, and `dataclasses.fields`, `replace`,
`asdict` (it is a dataclass; only its `__dataclass_params__` tell the methods are not generated).
tests/test_records.py checks each class against the `@dataclass` made from the same fields.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from operator import attrgetter
from reprlib import recursive_repr

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable, TypeVar

    T = TypeVar("T", bound=type)

__all__ = ["frozen_record"]


def frozen_record(*, order: bool = False) -> Callable[[T], T]:
    """A class decorator: `@dataclass(frozen=True, slots=True, order=order)` for a class whose
    body defines `__init__` (taking the fields in order, with their defaults). Every field must be
    a plain one (compared, hashed, shown in the repr; no default factory); there must be two or more."""

    def wrap(cls: T) -> T:
        if "__init__" not in cls.__dict__:
            raise TypeError(f"{cls.__name__}: a frozen_record defines its own __init__")
        cls = dataclass(init=False, repr=False, eq=False, slots=True)(cls)  # type: ignore[assignment]
        plain = all(
            f.init and f.repr and f.compare and f.hash is None and f.default_factory is MISSING for f in fields(cls)
        )
        names = tuple(f.name for f in fields(cls))
        if not plain or len(names) < 2:
            raise TypeError(f"{cls.__name__}: a frozen_record has two or more plain fields")
        values = attrgetter(*names)  # the tuple of the field values, as the generated methods build it

        @recursive_repr()
        def __repr__(self: Any) -> str:
            shown = ", ".join([f"{name}={value!r}" for name, value in zip(names, values(self))])
            return f"{self.__class__.__qualname__}({shown})"

        def __eq__(self: Any, other: object) -> Any:
            if self is other:
                return True
            if other.__class__ is self.__class__:
                return values(self) == values(other)
            return NotImplemented

        def __hash__(self: Any) -> int:
            return hash(values(self))

        def __setattr__(self: Any, name: str, value: Any) -> None:
            if type(self) is cls or name in names:
                raise FrozenInstanceError(f"cannot assign to field {name!r}")
            super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]

        def __delattr__(self: Any, name: str) -> None:
            if type(self) is cls or name in names:
                raise FrozenInstanceError(f"cannot delete field {name!r}")
            super(cls, self).__delattr__(name)  # type: ignore[arg-type]

        def __getstate__(self: Any) -> list[Any]:
            return list(values(self))

        def __setstate__(self: Any, state: list[Any]) -> None:
            for name, value in zip(names, state):
                object.__setattr__(self, name, value)

        methods: list[Callable[..., Any]] = [__repr__, __eq__, __hash__, __setattr__, __delattr__, __getstate__, __setstate__]
        if order:

            def __lt__(self: Any, other: object) -> Any:
                if other.__class__ is self.__class__:
                    return values(self) < values(other)
                return NotImplemented

            def __le__(self: Any, other: object) -> Any:
                if other.__class__ is self.__class__:
                    return values(self) <= values(other)
                return NotImplemented

            def __gt__(self: Any, other: object) -> Any:
                if other.__class__ is self.__class__:
                    return values(self) > values(other)
                return NotImplemented

            def __ge__(self: Any, other: object) -> Any:
                if other.__class__ is self.__class__:
                    return values(self) >= values(other)
                return NotImplemented

            methods += [__lt__, __le__, __gt__, __ge__]
        for method in methods:
            name = method.__name__
            if name in cls.__dict__:
                continue  # the class's own, as `dataclass` keeps it
            method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
        return cls

    return wrap
