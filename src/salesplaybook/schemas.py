"""JSON Schemas generated from the model, for editors and integrations.

pydantic describes the model as Python sees it after its `before` validators; the YAML a
person writes is looser in two ways the loader accepts, and the schema must accept too, or
an editor would underline every correct file:

- a Text may be a plain string (the Chinese text) instead of `{zh: ..., en: ...}`, and a
  Step may be a plain string or a Text instead of `{text: ..., steps: [...]}`;
- a section or a list entry of the root file may be `{include: other-file.yaml}`.
"""

from __future__ import annotations

import copy
from typing import Any

from .model import Playbook

_DEFS = "#/$defs/"

INCLUDE = {
    "type": "object",
    "description": "Replaced by the content of this YAML file (relative to the including file).",
    "properties": {"include": {"type": "string", "minLength": 1}},
    "required": ["include"],
    "additionalProperties": False,
}


def playbook_schema() -> dict[str, Any]:
    schema = Playbook.model_json_schema()
    defs = schema["$defs"]
    _plain_text_allowed(defs)
    _includes_allowed(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Sales playbook (playbook/playbook.yaml)"
    return schema


def part_schema(schema: dict[str, Any], name: str) -> dict[str, Any]:
    """The schema of one included file: a model of `$defs` (`Stage`), or a list of it (`[Form]`)."""
    is_list = name.startswith("[") and name.endswith("]")
    ref = {"$ref": _DEFS + name.strip("[]")}
    return {"$schema": schema["$schema"], "$defs": schema["$defs"],
            **({"type": "array", "items": ref} if is_list else ref)}


def _plain_text_allowed(defs: dict[str, Any]) -> None:
    for name in ("Text", "LongText"):
        if name not in defs:
            continue
        text_object = copy.deepcopy(defs[name])
        description = text_object.pop("description", None)
        defs[name + "Object"] = text_object
        defs[name] = {
            "description": description,
            "anyOf": [{"type": "string", "minLength": 1}, {"$ref": _DEFS + name + "Object"}],
        }
    if "Step" in defs:
        step_object = copy.deepcopy(defs["Step"])
        description = step_object.pop("description", None)
        defs["StepObject"] = step_object
        step_object["properties"]["steps"]["items"] = {"$ref": _DEFS + "Step"}
        defs["Step"] = {"description": description,
                        "anyOf": [{"$ref": _DEFS + "Text"}, {"$ref": _DEFS + "StepObject"}]}


def _includes_allowed(schema: dict[str, Any]) -> None:
    schema["$defs"]["Include"] = INCLUDE
    include = {"$ref": _DEFS + "Include"}
    for name, prop in schema["properties"].items():
        if prop.get("type") == "array" and "items" in prop:
            prop["items"] = {"anyOf": [prop["items"], include]}
        schema["properties"][name] = {"anyOf": [prop, include]}
