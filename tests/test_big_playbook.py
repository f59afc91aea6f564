"""benchmarks/big_playbook.py writes a playbook the loader accepts, `factor` times bigger: the
growth benchmarks (site and validator) measure a real playbook, not a broken one."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from salesplaybook import load_playbook

ROOT = Path(__file__).resolve().parents[1]


def _module():
    spec = importlib.util.spec_from_file_location("big_playbook", ROOT / "benchmarks" / "big_playbook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _items(stage) -> int:
    conditions = stage.conditions
    return len(stage.milestone) + len(stage.success_criteria) + sum(
        len(getattr(conditions, kind) or []) for kind in type(conditions).model_fields)


def test_a_playbook_three_times_bigger_loads_with_three_times_the_items_and_forms(tmp_path):
    real = load_playbook(ROOT / "playbook" / "playbook.yaml")
    root = _module().write_big_playbook(tmp_path, factor=3)
    assert root == tmp_path / "playbook" / "playbook.yaml"
    big = load_playbook(root)  # raises SourceError if an id repeats or a reference does not resolve
    assert len(big.forms) == 3 * len(real.forms)
    for small, grown in zip(real.stages, big.stages):
        assert _items(grown) == 3 * _items(small)
    ids = [form.id for form in big.forms]
    assert len(set(ids)) == len(ids)
