"""Turn pydantic's validation errors into located problems that say what to do.

Shared by the playbook loader and the deal-file reader.
"""

from __future__ import annotations

import difflib
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from .problems import Problem, did_you_mean
from .yaml_source import Locations

# pydantic error type -> (what was expected, what to do)
_TYPE_NAMES = {
    "string_type": ("text", "put it in quotes: YAML reads unquoted numbers, dates, yes/no and null as such"),
    "int_type": ("a whole number", "write digits, e.g. `3`"),
    "int_parsing": ("a whole number", "write digits, e.g. `3`"),
    "int_from_float": ("a whole number", "write digits without a decimal point, e.g. `3`"),
    "float_type": ("a number", "write digits, e.g. `1.5`"),
    "float_parsing": ("a number", "write digits, e.g. `1.5`"),
    "bool_type": ("true or false", "write `true` or `false`"),
    "bool_parsing": ("true or false", "write `true` or `false`"),
    "list_type": ("a list", "put each entry on its own line starting with `- `, or write `[a, b]`"),
    "dict_type": ("a mapping", "write `key: value` lines indented under this key"),
    "model_type": ("a mapping", "write `key: value` lines indented under this key"),
    "model_attributes_type": ("a mapping", "write `key: value` lines indented under this key"),
    "date_type": ("a date", "write it as YYYY-MM-DD"),
    "date_parsing": ("a date", "write it as YYYY-MM-DD"),
    "date_from_datetime_inexact": ("a date without a time", "write it as YYYY-MM-DD"),
}

# Models that also accept a plain text in YAML (`name: 客户` is a Text, `- 步骤` is a Step).
_TEXT_LIKE = {"Text", "Step"}


def _shown(value: Any) -> str:
    """A value as it was written in YAML (not as Python prints it), cut to fit one line."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    elif hasattr(value, "isoformat"):  # a date or a time
        text = value.isoformat()
    else:
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _kind(value: Any) -> str:
    """What a YAML value is, in the user's words."""
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "the text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return "a date" if type(value).__name__ in ("date", "datetime") else type(value).__name__


def _got(value: Any) -> str:
    """`got the text `abc``, `got a list`: scalars are shown, collections only named."""
    if value is None or isinstance(value, (list, dict)):
        return f"got {_kind(value)}"
    return f"got {_kind(value)} `{_shown(value)}`"


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
        if loc[-1] == "zh":
            return "the Chinese text `zh` is required; `en` is only its translation (add `zh: ...`)"
        return f"`{loc[-1]}` is required but missing (add `{loc[-1]}:` here)"
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
        if "\\." in str(ctx.get("pattern", "")):
            return f"`{_shown(value)}` is not a form field (write `form-id.field-id`, e.g. `customer-profile.name`)"
        return (f"`{_shown(value)}` is not a valid id (use lower-case letters, digits and single hyphens, "
                "starting with a letter, e.g. `phone-log`)")
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, str) or kind == "string_too_short":
            return "must not be empty (write the text)"
        need = ctx.get("min_length", 1)
        return f"needs at least {need} entr{'y' if need == 1 else 'ies'}, found {ctx.get('actual_length', 0)} (add {'one' if need == 1 else 'more'})"
    if kind in ("too_long", "string_too_long"):
        return f"is too long: at most {ctx.get('max_length')} {'characters' if kind == 'string_too_long' else 'entries'} (shorten it)"
    if kind in ("greater_than", "greater_than_equal"):
        bound = ctx.get("gt", ctx.get("ge"))
        bound = f"{bound:g}" if isinstance(bound, float) else bound
        word = "greater than" if kind == "greater_than" else "of at least"
        return f"`{_shown(value)}` is too small (use a number {word} {bound})"
    if kind in ("less_than", "less_than_equal"):
        bound = ctx.get("lt", ctx.get("le"))
        bound = f"{bound:g}" if isinstance(bound, float) else bound
        word = "less than" if kind == "less_than" else "of at most"
        return f"`{_shown(value)}` is too large (use a number {word} {bound})"
    if kind == "value_error":
        msg = str(ctx.get("error", err.get("msg", "")))
        return msg
    if kind == "model_type" and ctx.get("class_name") in _TEXT_LIKE:
        if value is None:
            return "expected text, got nothing (write the text)"
        return f"expected text, {_got(value)} (put it in quotes: YAML reads unquoted numbers, dates, yes/no and null as such)"
    if kind in _TYPE_NAMES:
        expected, todo = _TYPE_NAMES[kind]
        if value is None:
            return f"expected {expected}, got nothing (fill it in)"
        return f"expected {expected}, {_got(value)} ({todo})"
    return f"{err.get('msg', kind)} (correct the value)"


def problems_from(error: ValidationError, locs: Locations, model: type[BaseModel]) -> list[Problem]:
    """pydantic's errors as located problems, one per mistake.

    A misspelt key gives two errors in pydantic (the unknown key, the missing one); they are
    one mistake, reported once at the misspelt key.
    """
    errors = [dict(e, loc=tuple(p for p in e["loc"] if isinstance(p, (int, str)))) for e in error.errors(include_url=False)]
    missing = {e["loc"] for e in errors if e["type"] == "missing"}
    renamed: set[tuple] = set()
    for e in errors:
        if e["type"] == "extra_forbidden":
            owner = _model_at(model, e["loc"])
            close = difflib.get_close_matches(str(e["loc"][-1]), list(owner.model_fields) if owner else [], n=1, cutoff=0.6)
            if close and e["loc"][:-1] + (close[0],) in missing:
                renamed.add(e["loc"][:-1] + (close[0],))
    out: list[Problem] = []
    for err in errors:
        path = err["loc"]
        if path in renamed:
            continue
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
