"""The JSON Schema that editors use accepts what the loader accepts and refuses what it refuses."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from salesplaybook.schemas import part_schema, playbook_schema
from salesplaybook.yaml_source import load_file

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

# which part of the schema each file of the fixture is written against
PARTS = {
    "playbook.yaml": None,
    "customer-stages.yaml": "[CustomerStage]",
    "forms.yaml": "[Form]",
    "glossary.yaml": "[GlossaryTerm]",
}


def _schema_for(file: Path) -> dict:
    schema = playbook_schema()
    part = "Stage" if file.parent.name == "stages" else PARTS[file.name]
    return schema if part is None else part_schema(schema, part)


def _errors(schema: dict, data) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_the_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(playbook_schema())


@pytest.mark.parametrize("file", sorted(MINI.rglob("*.yaml")), ids=lambda f: f.name)
def test_every_fixture_file_passes_its_schema(file):
    """Plain-string texts and `include:` entries are fine, as they are for the loader."""
    data, _ = load_file(file)
    assert _errors(_schema_for(file), data) == []


@pytest.mark.parametrize("change, where", [
    (lambda d: d.update(purpos=d.pop("purpose")), "purpos"),            # a misspelt key
    (lambda d: d.update(name={"en": "only English"}), "name"),           # no Chinese text
    (lambda d: d.update(number="three"), "three"),                       # a word for a number
    (lambda d: d["conditions"]["assessment"][0].update(weight=0), "0"),  # a weight that is not positive
    (lambda d: d.update(milestone=[]), "milestone"),                     # an empty milestone
])
def test_the_schema_refuses_what_the_loader_refuses(change, where):
    file = MINI / "stages" / "01-plan-and-call.yaml"
    data, _ = load_file(file)
    change(data)
    errors = _errors(_schema_for(file), data)
    assert errors, "the schema accepted a broken stage"
    assert any(where in e for e in errors), errors
