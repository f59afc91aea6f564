"""Which playbook a command reads, found the way git finds its repository:

1. `--playbook FILE`, as given;
2. else `PLAYBOOK` in the environment;
3. else the first `playbook/playbook.yaml` in the current folder or a folder above it, then
   in the folder of each deal file named or a folder above it.

So a deal repository kept apart from the playbook works with `PLAYBOOK=...` (or a
`--playbook` in its pre-commit hook), and inside the playbook repository nothing is needed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Mapping

from salesplaybook.words import Msg, msg

RELATIVE = Path("playbook") / "playbook.yaml"
ENV = "PLAYBOOK"


def find_playbook(explicit: str | None, near: Iterable[str] = (), env: Mapping[str, str] | None = None) -> Path:
    """The playbook's root file, or NotFound saying where it looked and what to do."""
    env = os.environ if env is None else env
    if explicit:
        return Path(explicit)
    if env.get(ENV):
        return Path(env[ENV])
    starts = [Path.cwd()]
    for target in near:
        if target != "-":
            p = Path(target)
            starts.append(p if p.is_dir() else p.parent)
    searched: list[str] = []
    for start in starts:
        try:
            folder = start.resolve()
        except (OSError, RuntimeError):
            continue
        if str(folder) in searched:
            continue
        searched.append(str(folder))
        for candidate in (folder, *folder.parents):
            if (candidate / RELATIVE).is_file():
                return candidate / RELATIVE
    raise NotFound(msg("cli.playbook_not_found", places=", ".join(searched), env=ENV))


class NotFound(Exception):
    """No playbook found: not a problem of any file, so not a located message."""

    def __init__(self, message: Msg):
        super().__init__(message.key)
        self.msg = message
