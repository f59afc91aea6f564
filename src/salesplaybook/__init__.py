"""The sales playbook's core: the model, the loader, the rules and their words.

Nothing here imports MkDocs: the site plugin (`plugins/mkdocs_playbook`) and the command-line
tools (`tools/playbook_cli`) are thin adapters over this package.

    from salesplaybook import load_playbook, SourceError
    pb = load_playbook("playbook/playbook.yaml")

Where things live:
- `words/`: every interface word, one file per language (zh.yaml, en.yaml);
- `model.py`: the shape of the playbook; `yaml_source.py`, `loader.py`, `checks.py`,
  `validation.py`: reading it with located, worded problems (`problems.py`);
- `deal.py`: deal files (`deal_model.py`, the pydantic model that words every mistake;
  `plain_deal.py`, valid files read without it); `rulebook.py`: the rules as plain data;
  `judge.py`: the verdict; `verdicts.py`: the verdict as text, Markdown, JSON, CSV;
  `blank_deal.py`: blank deal files; `cache_store.py`: the user's cache folder, safely;
- `render/`: the site's pages (`render/site/`) and the printed sheets (`render/paper/`).

Names are imported on first use, so a command pays only for what it uses.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DEFAULT_PATH", "Mark", "Playbook", "Problem", "SourceError", "Text", "load_playbook"]

_WHERE = {"DEFAULT_PATH": "loader", "load_playbook": "loader", "Playbook": "model", "Text": "model",
          "Mark": "problems", "Problem": "problems", "SourceError": "problems"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(name)
