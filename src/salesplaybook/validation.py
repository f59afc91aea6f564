"""Turn pydantic's validation errors into located problems that say what to do.

Shared by the playbook loader and the deal-file reader.
"""

from __future__ import annotations

from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from .problems import Problem, did_you_mean
from .yaml_source import Locations

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with `- `)",
    "dict_type": "a mapping (`key: value` lines)",
    "model_type": "a mapping (`key: value` lines)",
    "model_attributes_type": "a mapping (`key: value` lines)",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time (YYYY-MM-DD)",
}


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "..."


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the last element of `loc` (to list its allowed keys)."""
    import typing

    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _unwrap(field.annotation, typing)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any, typing: Any) -> Any:
    """list[X] -> X, X | None -> X: the model class a field holds."""
    for _ in range(4):
        args = typing.get_args(annotation)
        if not args:
            return annotation
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if models:
            return models[0]
        inner = [a for a in args if a is not type(None)]
        annotation = inner[0] if inner else annotation
    return annotation


def explain(err: dict[str, Any], model: type[BaseModel]) -> str:
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    loc = tuple(err["loc"])
    if kind == "missing":
        return f"`{loc[-1]}` is required but missing (add it)"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        allowed = list(owner.model_fields) if owner else []
        hint = did_you_mean(str(loc[-1]), allowed)
        if hint:
            return f"unknown key `{loc[-1]}` ({hint})"
        return f"unknown key `{loc[-1]}` (allowed here: {', '.join(allowed)})" if allowed else f"unknown key `{loc[-1]}` (remove it)"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip().strip("'") for o in str(expected).replace(" or ", ",").split(",") if o.strip()]
        hint = did_you_mean(str(value), options)
        return f"`{_shown(value)}` is not allowed ({hint + ' ' if hint else ''}use one of: {', '.join(options)})"
    if kind == "string_pattern_mismatch":
        return (f"`{_shown(value)}` is not a valid id (use lower-case letters, digits and single hyphens, "
                "starting with a letter, e.g. `phone-log`; a form field is `form-id.field-id`)")
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, str) or kind == "string_too_short":
            return "must not be empty (write the text)"
        return f"must have at least {ctx.get('min_length', 1)} entr{'y' if ctx.get('min_length', 1) == 1 else 'ies'} (add them)"
    if kind in ("too_long", "string_too_long"):
        return f"is too long (at most {ctx.get('max_length')})"
    if kind in ("greater_than", "greater_than_equal"):
        bound = ctx.get("gt", ctx.get("ge"))
        word = "greater than" if kind == "greater_than" else "at least"
        return f"`{_shown(value)}` must be {word} {bound}"
    if kind == "value_error":
        msg = str(ctx.get("error", err.get("msg", "")))
        return msg
    if kind in _TYPE_NAMES:
        got = type(value).__name__ if value is not None else "nothing"
        return f"expected {_TYPE_NAMES[kind]}, got {got} `{_shown(value)}`" if value is not None else f"expected {_TYPE_NAMES[kind]}, got nothing (fill it in)"
    return str(err.get("msg", kind))


def problems_from(error: ValidationError, locs: Locations, model: type[BaseModel]) -> list[Problem]:
    out: list[Problem] = []
    for err in error.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if isinstance(p, (int, str)))
        path = tuple(p for p in loc)
        if err["type"] == "missing":
            mark = locs.of(path[:-1])
        elif err["type"] == "extra_forbidden":
            mark = locs.of(path, key=True)
        else:
            mark = locs.of(path)
        out.append(Problem(mark, path, explain(err, model)))
    return out


def located(found: Iterable[tuple[tuple, str]], locs: Locations) -> list[Problem]:
    return [Problem(locs.of(path), tuple(path), message) for path, message in found]
