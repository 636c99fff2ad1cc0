"""Models declared the way pydantic declares them, usable without importing pydantic.

A rule kind reads like a pydantic model: annotated fields with `Field(...)` constraints and
descriptions, `PrivateAttr()` state, `field_validator` and `model_validator` methods and a
`model_post_init` hook. But an instance is a plain frozen object (fields in `__dict__`, private
state in `__pydantic_private__`, the names pydantic gives them), so a run whose rules come from
the compiled-pack cache unpickles its rules without importing pydantic, a large part of a short
run's start-up.

Validation is pydantic's all the same. On its first validation a class gets a *mirror*: a
pydantic model made from its declarations (same name, docstring, config, fields, constraints,
aliases and validators; nested models mirrored too), so errors, messages and the JSON schema are
those of a pydantic model of the class. `Model.model_validate(data)` validates `data` with the
mirror; the mirror's post-init hook builds the plain instance from the validated values and
runs the class's `model_post_init` on it, and then the class's "after" model validators run on
that instance, in the order and at the point pydantic runs them.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable

# typing is imported by the mirrors only: a run whose rules come from the compiled-pack cache
# never imports it (some 2 ms). The kinds' annotations are strings (`from __future__ import
# annotations`), and the names they use from typing are found in it when a mirror reads them
# (`_AnnotationNames`), so the kinds' modules import typing only for type checkers too.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar, Literal

    from pydantic import BaseModel

__all__ = ["ConfigDict", "Field", "Model", "PrivateAttr", "field_validator", "model_validator"]

_MISSING: Any = object()
_object_setattr = object.__setattr__
# The key, in an instance's private state, of the fields the compiled-pack cache keeps pickled
# until one of them is first asked for (see `restored`). A dunder: no private attribute's name.
DEFERRED = "__deferred__"


class FieldSpec:
    """What `Field(...)` was given: passed on to pydantic's `Field` in the mirror."""

    __slots__ = ("kwargs",)

    def __init__(self, kwargs: dict[str, Any]) -> None:
        self.kwargs = kwargs

    def __repr__(self) -> str:
        return f"Field({', '.join(f'{k}={v!r}' for k, v in self.kwargs.items())})"


def Field(default: Any = _MISSING, **kwargs: Any) -> Any:  # pydantic's name
    """pydantic's `Field`: a default (or `default_factory`), constraints, alias, description."""
    if default is not _MISSING:
        kwargs["default"] = default
    return FieldSpec(kwargs)


class PrivateSpec:
    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any = _MISSING, default_factory: Callable[[], Any] | None = None) -> None:
        self.default = default
        self.default_factory = default_factory


def PrivateAttr(default: Any = _MISSING, *, default_factory: Callable[[], Any] | None = None) -> Any:
    """Instance state that is not a field: not validated, dumped or compared as one."""
    return PrivateSpec(default, default_factory)


def ConfigDict(**config: Any) -> dict[str, Any]:  # pydantic's name
    """pydantic's model config (`extra`, `frozen`, `populate_by_name`, ...), given to the mirror."""
    return config


class _Validator:
    __slots__ = ("fields", "func", "kwargs", "mode")

    def __init__(self, func: Any, fields: tuple[str, ...] | None, mode: str, kwargs: dict[str, Any]) -> None:
        self.func, self.fields, self.mode, self.kwargs = func, fields, mode, kwargs


def field_validator(*fields: str, mode: str = "after", **kwargs: Any) -> Callable[[Any], Any]:
    """pydantic's `field_validator`: the method validates these fields. It runs in the mirror:
    its `cls` is the mirror, which has the class's own class variables."""
    return lambda func: _Validator(func, fields, mode, kwargs)


def model_validator(*, mode: Literal["before", "after"]) -> Callable[[Any], Any]:
    """pydantic's `model_validator`. An "after" validator is given the plain instance, after
    its `model_post_init`; a "before" one the raw data (as a classmethod of the mirror)."""
    return lambda func: _Validator(func, None, mode, {})


class _ClassProperty:
    def __init__(self, fget: Callable[[type[Any]], Any]) -> None:
        self.fget = fget

    def __get__(self, obj: Any, cls: type[Any]) -> Any:
        return self.fget(cls)


def _is_classvar(annotation: Any) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    from typing import ClassVar, get_origin

    return annotation is ClassVar or get_origin(annotation) is ClassVar


class Model:
    """A plain, pydantic-shaped model (see the module docstring); frozen if its config says so."""

    # Fields live in __dict__ and private state in __pydantic_private__, as in a pydantic model:
    # methods of the kinds read that store directly (one dict look-up, no __getattr__ call).
    __slots__ = ("__dict__", "__pydantic_private__")

    model_config: ClassVar[dict[str, Any]] = {}
    # Worked out per class by __init_subclass__:
    __srclint_fields__: ClassVar[tuple[str, ...]] = ()  # every field, in pydantic's order
    __srclint_own__: ClassVar[tuple[dict[str, tuple[Any, Any]], dict[str, _Validator]]] = ({}, {})
    __srclint_private__: ClassVar[dict[str, PrivateSpec]] = {}
    __srclint_aliases__: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        namespace = cls.__dict__
        fields: dict[str, tuple[Any, Any]] = {}  # this class's own: name -> (annotation, default or FieldSpec)
        private: dict[str, PrivateSpec] = {}
        for name, annotation in namespace.get("__annotations__", {}).items():
            if _is_classvar(annotation):
                continue
            value = namespace.get(name, _MISSING)
            if name.startswith("_"):
                private[name] = value if isinstance(value, PrivateSpec) else PrivateSpec(value)
            else:
                fields[name] = (annotation, value)
            if value is not _MISSING:
                delattr(cls, name)  # an instance's value, never the class's (pydantic removes them too)
        validators: dict[str, _Validator] = {}
        for name, value in list(namespace.items()):
            if isinstance(value, PrivateSpec):
                private[name] = value
                delattr(cls, name)
            elif isinstance(value, _Validator):
                validators[name] = value
                setattr(cls, name, value.func)
        cls.__srclint_own__ = (fields, validators)
        models = [base for base in reversed(cls.__mro__) if issubclass(base, Model)]
        cls.__srclint_fields__ = tuple(dict.fromkeys(name for base in models for name in base.__srclint_own__[0]))
        cls.__srclint_private__ = {
            name: spec for base in models for name, spec in base.__dict__.get("__srclint_private__", {}).items()
        }
        cls.__srclint_private__.update(private)
        cls.__srclint_aliases__ = {
            name: default.kwargs["alias"]
            for base in models
            for name, (_, default) in base.__srclint_own__[0].items()
            if isinstance(default, FieldSpec) and "alias" in default.kwargs
        }

    # -- validation (pydantic, through the mirror) ------------------------------------------
    def __init__(self, /, **data: Any) -> None:
        made = type(self).model_validate(data)
        _object_setattr(self, "__dict__", made.__dict__)
        _object_setattr(self, "__pydantic_private__", made.__pydantic_private__)

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Any:
        if isinstance(obj, cls):
            return obj  # as pydantic does (instances are not validated again)
        return _mirror(cls).model_validate(obj, **kwargs).__pydantic_private__["_runtime"]  # type: ignore[index]

    @classmethod
    def model_json_schema(cls, **kwargs: Any) -> dict[str, Any]:
        return _mirror(cls).model_json_schema(**kwargs)  # type: ignore[no-any-return]

    model_fields = _ClassProperty(lambda cls: _mirror(cls).model_fields)

    @classmethod
    def _from_mirror(cls, mirror: BaseModel, context: Any) -> Model:
        """The plain instance of validated values (nested mirrors already made theirs)."""
        obj = cls.__new__(cls)
        values = mirror.__dict__
        _object_setattr(obj, "__dict__", {name: _plain(values[name]) for name in cls.__srclint_fields__})
        private: dict[str, Any] = {}
        for name, spec in cls.__srclint_private__.items():
            if spec.default_factory is not None:
                private[name] = spec.default_factory()
            elif spec.default is not _MISSING:
                private[name] = spec.default
        _object_setattr(obj, "__pydantic_private__", private)
        obj.model_post_init(context)
        return obj

    def model_post_init(self, context: Any, /) -> None:
        """Runs once the fields are validated, before the "after" model validators."""

    # -- a plain frozen object -------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        if not name.startswith("__"):  # (dunders: not private state, and no recursion while unpickling)
            private = self.__pydantic_private__
            try:
                return private[name]
            except KeyError:
                pass
            if DEFERRED in private and name in type(self).__srclint_fields__:
                self._undefer()
                return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _undefer(self) -> None:
        """Put back the fields the compiled-pack cache kept pickled (see `restored`), each in its
        place: every method that reads all fields or all private state asks for this first."""
        blob = self.__pydantic_private__.get(DEFERRED)
        if blob is None:
            return
        try:
            from _pickle import loads
        except ImportError:  # pragma: no cover - another implementation
            from pickle import loads
        values = {**self.__dict__, **loads(blob)}
        # A new dict, set at once: a thread that reads a field meanwhile sees one dict or the other.
        _object_setattr(self, "__dict__", {name: values[name] for name in type(self).__srclint_fields__})
        self.__pydantic_private__.pop(DEFERRED, None)

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            self.__pydantic_private__[name] = value
        elif type(self).model_config.get("frozen"):
            raise _frozen(type(self), name, value)
        elif name in type(self).__srclint_fields__:
            self._undefer()
            self.__dict__[name] = value
        else:
            raise ValueError(f'"{type(self).__name__}" object has no field "{name}"')

    def __delattr__(self, name: str) -> None:
        if name.startswith("_") and name in self.__pydantic_private__:
            del self.__pydantic_private__[name]
        elif type(self).model_config.get("frozen"):
            raise _frozen(type(self), name, None)
        else:
            object.__delattr__(self, name)

    def __getstate__(self) -> dict[str, Any]:
        self._undefer()
        return {"__dict__": self.__dict__, "__pydantic_private__": self.__pydantic_private__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        _object_setattr(self, "__dict__", state["__dict__"])
        _object_setattr(self, "__pydantic_private__", state["__pydantic_private__"])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        self._undefer()
        other._undefer()
        return (
            type(self) is type(other)
            and self.__dict__ == other.__dict__
            and self.__pydantic_private__ == other.__pydantic_private__
        )

    def __hash__(self) -> int:
        if not type(self).model_config.get("frozen"):
            raise TypeError(f"unhashable type: {type(self).__name__!r}")
        self._undefer()
        return hash(tuple(self.__dict__[name] for name in type(self).__srclint_fields__))

    def __repr__(self) -> str:
        self._undefer()
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def model_dump(self, *, by_alias: bool = False) -> dict[str, Any]:
        """The fields as plain data (nested models as dicts), by name or by alias."""
        self._undefer()
        aliases = type(self).__srclint_aliases__ if by_alias else {}
        return {aliases.get(k, k): _dump(v, by_alias) for k, v in self.__dict__.items()}


def restored(cls: type[Model], fields: dict[str, Any], private: dict[str, Any]) -> Model:
    """An instance as the compiled-pack cache stored it (`srclint.pack_cache`): fields and
    private state, derived tables too, set as they are. That cache is only read by the code that
    wrote it (its key has the code's digest), so the `__setstate__` hooks that rebuild derived
    state for other pickles, which may come from other code, are not needed there.

    Fields a lint does not read (a rule's examples and documentation, the lists it compiled) may
    come as one pickle, `private[DEFERRED]`, of a dict of them, the other fields in `fields` in
    the class's order: they are loaded when one is first asked for (`Model._undefer`)."""
    obj = cls.__new__(cls)
    _object_setattr(obj, "__dict__", fields)
    _object_setattr(obj, "__pydantic_private__", private)
    return obj


def _dump(value: Any, by_alias: bool) -> Any:
    if isinstance(value, Model):
        return value.model_dump(by_alias=by_alias)
    if type(value) is list:
        return [_dump(v, by_alias) for v in value]
    if type(value) is dict:
        return {k: _dump(v, by_alias) for k, v in value.items()}
    return value


def _frozen(cls: type, name: str, value: Any) -> Exception:
    from pydantic_core import ValidationError

    return ValidationError.from_exception_data(cls.__name__, [{"type": "frozen_instance", "loc": (name,), "input": value}])


# -- mirrors: the pydantic models that validate -------------------------------------------------

_MIRRORS: dict[type[Model], type[BaseModel]] = {}


def _mirror(cls: type[Model]) -> type[BaseModel]:
    """The pydantic model of `cls`, made on first use. (Two threads may both make one; either
    is a correct validator, and the first stored is kept.)"""
    mirror = _MIRRORS.get(cls)
    if mirror is None:
        mirror = _MIRRORS.setdefault(cls, _make_mirror(cls))
    return mirror


def _mirror_root() -> type[BaseModel]:
    root = _MIRRORS.get(Model)
    if root is None:
        from pydantic import BaseModel, PrivateAttr

        class Mirror(BaseModel):
            _runtime: Any = PrivateAttr(default=None)

            def model_post_init(self, context: Any, /) -> None:
                self._runtime = type(self).__srclint_runtime__._from_mirror(self, context)  # type: ignore[attr-defined]

        root = _MIRRORS.setdefault(Model, Mirror)
    return root


def _make_mirror(cls: type[Model]) -> type[BaseModel]:
    import pydantic

    bases = tuple(_mirror(b) for b in cls.__bases__ if issubclass(b, Model) and b is not Model) or (_mirror_root(),)
    fields, validators = cls.__dict__.get("__srclint_own__", ({}, {}))
    ns: dict[str, Any] = {
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
        "__doc__": cls.__dict__.get("__doc__"),
        "__srclint_runtime__": cls,
    }
    if "model_config" in cls.__dict__:
        ns["model_config"] = pydantic.ConfigDict(**cls.__dict__["model_config"])  # type: ignore[typeddict-item]
    annotations: dict[str, Any] = {}
    for name, (annotation, default) in fields.items():
        if isinstance(annotation, str):
            annotation = eval(annotation, {}, _AnnotationNames(cls.__module__))  # the class's own annotation, as pydantic reads it
        annotations[name] = _pydantic_type(annotation)
        if isinstance(default, FieldSpec):
            ns[name] = pydantic.Field(**default.kwargs)
        elif default is not _MISSING:
            ns[name] = default
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _is_classvar(annotation) and name in cls.__dict__:  # for field validators (`cls` is the mirror)
            from typing import Any, ClassVar

            annotations[name] = ClassVar[Any]
            ns[name] = cls.__dict__[name]
    ns["__annotations__"] = annotations
    for name, v in validators.items():
        if v.fields is not None:
            ns[name] = pydantic.field_validator(*v.fields, mode=v.mode, **v.kwargs)(v.func)  # type: ignore[call-overload]
        elif v.mode == "after":
            ns[name] = pydantic.model_validator(mode="after")(_on_instance(v.func))
        else:
            ns[name] = pydantic.model_validator(mode=v.mode)(v.func)  # type: ignore[call-overload]
    return type(cls.__name__, bases, ns)  # type: ignore[return-value]


class _AnnotationNames:
    """The names a module's annotations are read with (`eval`'s locals): the module's own, then
    those its `__getattr__` gives (PEP 562: a type alias made on first use), then typing's. The
    kinds' modules import typing's names only for type checkers (see the top of this module)."""

    def __init__(self, module: str) -> None:
        self._module = sys.modules[module]

    def __getitem__(self, name: str) -> Any:
        namespace = vars(self._module)
        if name in namespace:
            return namespace[name]
        if "__getattr__" in namespace:
            try:
                return getattr(self._module, name)
            except AttributeError:
                pass
        import typing

        if name in typing.__all__:
            return getattr(typing, name)
        raise KeyError(name)  # then eval looks in the builtins


def _on_instance(func: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def validator(self: Any) -> Any:
        func(self.__pydantic_private__["_runtime"])
        return self

    validator.__name__, validator.__qualname__, validator.__doc__ = func.__name__, func.__qualname__, func.__doc__
    return validator


def _pydantic_type(tp: Any) -> Any:
    """`tp` with every Model class in it replaced by its mirror, and Field(...) by pydantic's."""
    if isinstance(tp, type) and issubclass(tp, Model):
        return _mirror(tp)
    from typing import Annotated, ClassVar, Literal, Union, get_args, get_origin

    origin = get_origin(tp)
    if origin is None or origin is Literal or origin is ClassVar:
        return tp
    if origin is Annotated:
        from pydantic import Field as PydanticField

        meta = tuple(PydanticField(**m.kwargs) if isinstance(m, FieldSpec) else m for m in tp.__metadata__)
        return Annotated[(_pydantic_type(tp.__origin__), *meta)]
    args = get_args(tp)
    new = tuple(_pydantic_type(a) for a in args)
    if new == args:
        return tp
    if origin is Union or origin is types.UnionType:
        return Union[new]  # (`|` cannot join a tuple of types)
    return origin[new]


def _plain(value: Any) -> Any:
    """A validated value with the mirror instances in it replaced by their plain instances."""
    if type(value) is list:
        return [_plain(v) for v in value]
    if type(value) is dict:
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, _mirror_root()):
        return value.__pydantic_private__["_runtime"]  # type: ignore[index]
    return value
