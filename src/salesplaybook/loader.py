"""Load `playbook/playbook.yaml` into the model, or explain every mistake with its place.

    from salesplaybook.loader import load_playbook
    pb = load_playbook("playbook/playbook.yaml")   # raises SourceError with located problems

The root file may pull in sibling files: anywhere a value is expected, a mapping of the single
key `include` (`- include: stages/01-plan-and-call.yaml`) is replaced by that file's content.
Problems in an included file point at that file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import checks
from .model import Playbook
from .problems import Mark, Problem, SourceError
from .validation import located, problems_from
from .yaml_source import Locations, display_name, load_file

DEFAULT_PATH = Path("playbook") / "playbook.yaml"
_MAX_INCLUDES = 100


def load_playbook(path: str | os.PathLike[str] = DEFAULT_PATH) -> Playbook:
    data, locs = load_data(path)
    try:
        playbook = Playbook.model_validate(data)
    except ValidationError as e:
        raise SourceError(problems_from(e, locs, Playbook)) from None
    found = checks.check(playbook)
    if found:
        raise SourceError(located(found, locs))
    return playbook


def load_data(path: str | os.PathLike[str]) -> tuple[Any, Locations]:
    """The root file with its includes expanded, as plain data, and where each value came from."""
    root = Path(path)
    data, locs = load_file(root)
    name = display_name(root)
    if data is None:
        raise SourceError([Problem(Mark(name, 1, 1), (), "is empty (a playbook starts with `meta:`, `stages:` ...; see playbook/playbook.yaml)")])
    if not isinstance(data, dict):
        raise SourceError([Problem(locs.of(()), (), f"must be a mapping of sections (`meta:`, `stages:` ...), not a {_kind(data)}")])
    budget = [_MAX_INCLUDES]
    data = _expand(data, (), locs, root.parent, {root.resolve()}, budget)
    return data, locs


def _kind(value: Any) -> str:
    return {list: "list", str: "text", int: "number", float: "number", bool: "yes/no value"}.get(type(value), type(value).__name__)


def _expand(value: Any, path: tuple, locs: Locations, folder: Path, seen: set[Path], budget: list[int]) -> Any:
    if isinstance(value, dict):
        if set(value) == {"include"}:
            return _include(value["include"], path, locs, folder, seen, budget)
        return {k: _expand(v, path + (k,), locs, folder, seen, budget) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, path + (i,), locs, folder, seen, budget) for i, v in enumerate(value)]
    return value


def _include(target: Any, path: tuple, locs: Locations, folder: Path, seen: set[Path], budget: list[int]) -> Any:
    here = locs.of(path + ("include",))
    if not isinstance(target, str) or not target.strip():
        raise SourceError([Problem(here, path + ("include",), "`include` takes the path of a sibling YAML file, e.g. `stages/01-plan-and-call.yaml`")])
    file = (folder / target).resolve()
    top = folder.resolve()
    if file in seen:
        raise SourceError([Problem(here, path + ("include",), f"`{target}` includes itself, directly or through another file (remove the loop)")])
    budget[0] -= 1
    if budget[0] < 0:
        raise SourceError([Problem(here, path + ("include",), f"more than {_MAX_INCLUDES} included files (merge some)")])
    try:
        file.relative_to(top)
    except ValueError:
        raise SourceError([Problem(here, path + ("include",), f"`{target}` is outside the playbook folder (keep included files beside playbook.yaml)")]) from None
    if not file.is_file():
        raise SourceError([Problem(here, path + ("include",), f"included file `{target}` does not exist (check the name; paths are relative to {display_name(folder) or '.'})")])
    data, sub = load_file(file)
    if data is None:
        raise SourceError([Problem(Mark(display_name(file), 1, 1), (), f"included file is empty (write its content or remove the `include` at {here})")])
    locs.graft(path, sub)
    return _expand(data, path, locs, file.parent, seen | {file}, budget)
