"""A playbook `factor` times bigger than the real one, for the growth figures.

    from benchmarks.big_playbook import write_big_playbook      # or from big_playbook import ...
    root = write_big_playbook(Path("/tmp/big"), factor=10)      # -> /tmp/big/playbook/playbook.yaml
    .venv/bin/python benchmarks/big_playbook.py /tmp/big 10     # the same from the shell

A copy of `playbook/` in which every stage has `factor` times its items (milestone actions,
success criteria, every kind of condition) and the forms are `factor` times as many. Copies get
new ids (`<id>-x2`, `<id>-x3`, ...) and the same texts with a copy mark, so ids stay unique;
references (forms' fields, stages, roles, tools) keep naming the originals, so every
cross-reference still resolves; a copied item is never the stage's customer commitment
(one per stage). Only PyYAML: no MkDocs, no project import, so the validator's benchmark
can use it too.
"""

from __future__ import annotations

import copy
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ITEM_LISTS = ("milestone", "success_criteria")


def _marked(text, k: int):
    """A text with the copy's number after it (Chinese and English alike)."""
    if isinstance(text, dict):
        return {lang: f"{value} ({k})" for lang, value in text.items()}
    if isinstance(text, str):
        return f"{text} ({k})"
    return text


def _copies(items: list, factor: int) -> list:
    out = list(items)
    for k in range(2, factor + 1):
        for item in items:
            if not isinstance(item, dict) or "id" not in item:
                continue
            twin = copy.deepcopy(item)
            twin["id"] = f"{item['id']}-x{k}"
            twin.pop("commitment", None)
            if "text" in twin:
                twin["text"] = _marked(twin["text"], k)
            out.append(twin)
    return out


def _grow_stage(stage: dict, factor: int) -> dict:
    for key in ITEM_LISTS:
        if isinstance(stage.get(key), list):
            stage[key] = _copies(stage[key], factor)
    for kind, items in (stage.get("conditions") or {}).items():
        if isinstance(items, list):
            stage["conditions"][kind] = _copies(items, factor)
    return stage


def _grow_forms(forms: list, factor: int) -> list:
    out = list(forms)
    for k in range(2, factor + 1):
        for form in forms:
            twin = copy.deepcopy(form)
            twin["id"] = f"{form['id']}-x{k}"
            twin["name"] = _marked(form["name"], k)
            twin.pop("search_terms", None)  # the copies need not be found by the same words
            out.append(twin)
    return out


def _dump(data, path: Path) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def write_big_playbook(target_dir: Path | str, factor: int = 10) -> Path:
    """Write `<target_dir>/playbook/`, the real playbook grown `factor` times; returns the path
    of its root file (`playbook.yaml`)."""
    target = Path(target_dir) / "playbook"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / "playbook", target)
    for stage_file in sorted((target / "stages").glob("*.yaml")):
        _dump(_grow_stage(yaml.safe_load(stage_file.read_text(encoding="utf-8")), factor), stage_file)
    forms_file = target / "forms.yaml"
    _dump(_grow_forms(yaml.safe_load(forms_file.read_text(encoding="utf-8")), factor), forms_file)
    return target / "playbook.yaml"


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: big_playbook.py TARGET_DIR [FACTOR]")
    print(write_big_playbook(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) == 3 else 10))
