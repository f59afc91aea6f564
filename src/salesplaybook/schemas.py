"""JSON Schemas generated from the model, for editors and integrations."""

from __future__ import annotations

from typing import Any

from .model import Playbook


def playbook_schema() -> dict[str, Any]:
    schema = Playbook.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Sales playbook (playbook/playbook.yaml)"
    return schema
