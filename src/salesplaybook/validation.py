"""Turn pydantic's validation errors into located problems that say what to do.

Shared by the playbook loader and the deal-file reader.
"""

from __future__ import annotations

import difflib
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from .problems import Problem, did_you_mean
from .words import Msg, MsgError, msg
from .yaml_source import Locations

# pydantic error type -> (what was expected, what to do): keys under `errors.value.`
_TYPE_NAMES = {
    "string_type": ("text", "quote"),
    "int_type": ("whole_number", "digits_int"),
    "int_parsing": ("whole_number", "digits_int"),
    "int_from_float": ("whole_number", "digits_no_point"),
    "float_type": ("number", "digits_float"),
    "float_parsing": ("number", "digits_float"),
    "bool_type": ("true_false", "true_false"),
    "bool_parsing": ("true_false", "true_false"),
    "list_type": ("list", "list"),
    "dict_type": ("mapping", "mapping"),
    "model_type": ("mapping", "mapping"),
    "model_attributes_type": ("mapping", "mapping"),
    "date_type": ("date", "date"),
    "date_parsing": ("date", "date"),
    "date_from_datetime_inexact": ("date_no_time", "date"),
}

# Models that also accept a plain text in YAML (`name: 客户` is a Text, `- 步骤` is a Step).
_TEXT_LIKE = {"Text", "Step"}


def shown(value: Any) -> str:
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


def kind_of(value: Any) -> Msg:
    """What a YAML value is, in the user's words."""
    if isinstance(value, bool):
        kind = "bool"
    elif isinstance(value, (int, float)):
        kind = "number"
    elif isinstance(value, str):
        kind = "text"
    elif isinstance(value, list):
        kind = "list"
    elif isinstance(value, dict):
        kind = "mapping"
    elif value is None:
        kind = "nothing"
    elif type(value).__name__ in ("date", "datetime"):
        kind = "date"
    else:
        return msg("errors.value.kind.other", name=type(value).__name__)
    return msg("errors.value.kind." + kind)


def got(value: Any) -> Msg:
    """`got the text `abc``, `got a list`: scalars are shown, collections only named."""
    if value is None or isinstance(value, (list, dict)):
        return msg("errors.value.got", kind=kind_of(value))
    return msg("errors.value.got_shown", kind=kind_of(value), value=shown(value))


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


def explain(err: dict[str, Any], model: type[BaseModel]) -> Msg:
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    loc = tuple(err["loc"])
    if kind == "missing":
        if loc[-1] == "zh":
            return msg("errors.model.missing_zh")
        return msg("errors.model.missing", key=loc[-1])
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        allowed = list(owner.model_fields) if owner else []
        hint = did_you_mean(str(loc[-1]), allowed)
        if hint:
            return msg("errors.model.unknown_key_hint", key=loc[-1], hint=hint)
        if allowed:
            return msg("errors.model.unknown_key_allowed", key=loc[-1], allowed=", ".join(allowed))
        return msg("errors.model.unknown_key_remove", key=loc[-1])
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip().strip("'") for o in str(expected).replace(" or ", ",").split(",") if o.strip()]
        return one_of(shown(value), options)
    if kind == "string_pattern_mismatch":
        if "\\." in str(ctx.get("pattern", "")):
            return msg("errors.model.not_a_field_ref", value=shown(value))
        if "[A-Z]{3}" in str(ctx.get("pattern", "")):
            return msg("errors.model.not_a_currency", value=shown(value))
        return msg("errors.model.bad_id", value=shown(value))
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, str) or kind == "string_too_short":
            return msg("errors.model.empty_text")
        need = ctx.get("min_length", 1)
        return msg("errors.model.too_few_one" if need == 1 else "errors.model.too_few", need=need,
                   found=ctx.get("actual_length", 0))
    if kind in ("too_long", "string_too_long"):
        return msg("errors.model.too_long_chars" if kind == "string_too_long" else "errors.model.too_long_entries",
                   max=ctx.get("max_length"))
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = ctx.get({"greater_than": "gt", "greater_than_equal": "ge", "less_than": "lt", "less_than_equal": "le"}[kind])
        bound = f"{bound:g}" if isinstance(bound, float) else bound
        return msg("errors.model." + kind, value=shown(value), bound=bound)
    if kind == "value_error":
        error = ctx.get("error")
        if isinstance(error, MsgError):
            return error.msg
        return msg("errors.generic", text=str(error or err.get("msg", "")))
    if kind == "model_type" and ctx.get("class_name") in _TEXT_LIKE:
        return expected_but("text", "quote", value)
    if kind in _TYPE_NAMES:
        return expected_but(*_TYPE_NAMES[kind], value)
    return msg("errors.generic", text=str(err.get("msg", kind)))


def expected_but(expected: str, todo: str, value: Any) -> Msg:
    """`expected a number, got the text `x` (write digits ...)` — keys under `errors.value.`"""
    if value is None:
        return msg("errors.value.expected_nothing", expected=msg("errors.value.expected." + expected))
    return msg("errors.value.expected_got", expected=msg("errors.value.expected." + expected), got=got(value),
               todo=msg("errors.value.todo." + todo))


def one_of(value: str, options: list[str], *, many: bool = False) -> Msg:
    """`x` is not allowed (did you mean `y`? use one of: a, b)."""
    hint = did_you_mean(value, options)
    key = "errors.model.not_allowed_some" if many else "errors.model.not_allowed"
    if hint:
        key += "_hint"
    return msg(key, value=value, hint=hint or "", options=", ".join(options))


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
