"""Light records: what `@dataclass` gives the core's value classes (an `__init__` from the
annotated fields and their defaults, `__repr__`, `__eq__`, read-only with a hash), without
generating code at import.

    @record(frozen=True)
    class Open:
        stage: int
        text: str
        guidance: str | None = None

Why not dataclasses: a `playbook check` of one deal must start in a blink, and importing
`dataclasses` (with `inspect`) and compiling the generated methods of the classes a check
uses cost it more than reading and judging the deal.
"""

from __future__ import annotations

from typing import Any, Callable


def record(cls: type | None = None, *, frozen: bool = False) -> Any:
    def wrap(cls: type) -> type:
        names = tuple(cls.__dict__.get("__annotations__", {}))
        defaults = {n: cls.__dict__[n] for n in names if n in cls.__dict__}
        post_init: Callable | None = getattr(cls, "__post_init__", None)
        n_fields = len(names)

        def __init__(self: Any, *args: Any, **kw: Any) -> None:
            if len(args) > n_fields:
                raise TypeError(f"{cls.__name__}() takes {n_fields} arguments, {len(args)} given")
            values = dict(zip(names, args))
            for name in names[len(args):]:
                if name in kw:
                    values[name] = kw.pop(name)
                elif name in defaults:
                    values[name] = defaults[name]
                else:
                    raise TypeError(f"{cls.__name__}() missing argument: {name}")
            if kw:
                raise TypeError(f"{cls.__name__}() got unexpected arguments: {', '.join(kw)}")
            self.__dict__.update(values)
            if post_init is not None:
                post_init(self)

        def __repr__(self: Any) -> str:
            return f"{cls.__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"

        def __eq__(self: Any, other: Any) -> bool:
            if other.__class__ is not self.__class__:
                return NotImplemented
            return all(getattr(self, n) == getattr(other, n) for n in names)

        cls.__init__ = __init__  # type: ignore[misc]
        cls.__repr__ = __repr__  # type: ignore[method-assign]
        cls.__eq__ = __eq__  # type: ignore[method-assign]
        cls.__record_fields__ = names  # type: ignore[attr-defined]
        if frozen:
            def __setattr__(self: Any, name: str, value: Any) -> None:
                raise AttributeError(f"cannot assign to field {name!r}: {cls.__name__} is read-only")

            def __hash__(self: Any) -> int:
                return hash(tuple(getattr(self, n) for n in names))

            def __delattr__(self: Any, name: str) -> None:
                raise AttributeError(f"cannot delete field {name!r}: {cls.__name__} is read-only")

            cls.__setattr__ = __setattr__  # type: ignore[method-assign]
            cls.__delattr__ = __delattr__  # type: ignore[method-assign]
            cls.__hash__ = __hash__  # type: ignore[method-assign]
        else:
            cls.__hash__ = None  # type: ignore[assignment]
        return cls

    return wrap if cls is None else wrap(cls)
