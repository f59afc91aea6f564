"""Load `playbook/playbook.yaml` into the model, or explain every mistake with its place.

    from salesplaybook.loader import load_playbook
    pb = load_playbook("playbook/playbook.yaml")   # raises SourceError with located problems

The root file may pull in sibling files: anywhere a value is expected, a mapping of the single
key `include` (`- include: stages/01-plan-and-call.yaml`) is replaced by that file's content.
Problems in an included file point at that file.

    read = []
    pb = load_playbook("playbook/playbook.yaml", read=read)   # read: every file it read (FileRead)

The playbook cache (`tools/playbook_cli/cache.py`) keys on `read`: the root and every include,
whatever its name, with a digest of exactly the bytes the loader read.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from . import checks
from .model import Playbook
from .problems import Mark, Problem, SourceError, problem, shown_list
from .validation import kind_of, located, problems_from
from .words import msg
from .yaml_source import Locations, display_name, load_file, special_kind

DEFAULT_PATH = Path("playbook") / "playbook.yaml"
_MAX_INCLUDES = 100


class FileRead(NamedTuple):
    """One file the loader read."""

    path: Path
    """The file opened: absolute, symbolic links resolved."""
    named: Path
    """How the playbook names it, absolute but not resolved: the root as given, an include's
    path joined to its including file's folder (resolving it again must give `path`)."""
    sha256: str
    """The digest of the bytes read."""


def load_playbook(path: str | os.PathLike[str] = DEFAULT_PATH, *, read: list[FileRead] | None = None) -> Playbook:
    """The validated playbook, or SourceError listing every problem found (up to the report's cap).

    Reading, type validation and the cross-checks all run on every load: a syntax error in
    one stage file does not hide a wrong type in another, nor a wrong type a broken reference.
    Pass a list as `read` to learn which files were read (the root first, then each include).
    """
    data, locs, expander = _read(path, read)
    # Places whose file did not load hold None: what is said about them would be noise.
    broken = expander.broken
    type_problems: list[Problem] = []
    playbook: Playbook | None = None
    try:
        playbook = Playbook.model_validate(data)
    except ValidationError as e:
        type_problems = [p for p in problems_from(e, locs, Playbook) if not checks.under(p.path, broken)]
    # The cross-checks read the plain data, so they run even when some values have the wrong
    # type; a check at a place whose type is already wrong would only repeat it.
    wrong = frozenset({p.path for p in type_problems} | broken)
    found = [(path, msg) for path, msg in checks.check_data(data, wrong) if not checks.under(tuple(path), wrong)]
    problems = expander.problems + type_problems + located(found, locs)
    if problems or playbook is None:
        raise SourceError(problems)
    return playbook


def load_data(path: str | os.PathLike[str]) -> tuple[Any, Locations]:
    """The root file with its includes expanded, as plain data, and where each value came from.

    Problems in several included files are all reported at once.
    """
    data, locs, expander = _read(path)
    if expander.problems:
        raise SourceError(expander.problems)
    return data, locs


def _recorder(read: list[FileRead] | None, named: Path, opened: Path | None = None):
    """What `load_file` calls with the bytes it read from `opened` (the root's is resolved
    only then, once it is known to be a good path)."""
    if read is None:
        return None
    return lambda data: read.append(FileRead(opened or named.resolve(), named, hashlib.sha256(data).hexdigest()))


def _read(path: str | os.PathLike[str], read: list[FileRead] | None = None) -> tuple[Any, Locations, "_Expander"]:
    """Like load_data, but included files that fail are left as None and their problems kept."""
    root = Path(path)
    data, locs = load_file(root, on_read=_recorder(read, root.absolute()))
    name = display_name(root)
    if data is None:
        raise SourceError([problem(Mark(name, 1, 1), (), "playbook.empty")])
    if not isinstance(data, dict):
        raise SourceError([problem(locs.of(()), (), "playbook.not_mapping", kind=kind_of(data))])
    expander = _Expander(root.parent.resolve(), locs, read)
    data = expander.expand(data, (), root.parent, frozenset({root.resolve()}))
    return data, locs, expander


def _shown(text: str) -> str:
    text = text.replace("\0", "\\0")
    return text if len(text) <= 60 else text[:57] + "..."


class _Expander:
    """Replaces `{include: file}` mappings by the files' contents, collecting every problem."""

    def __init__(self, top: Path, locs: Locations, read: list[FileRead] | None = None):
        self.top = top  # included files must stay inside the root file's folder
        self.locs = locs
        self.read = read
        self.budget = _MAX_INCLUDES
        self.problems: list[Problem] = []
        self.broken: set[tuple] = set()  # where an include failed and None stands instead

    def expand(self, value: Any, path: tuple, folder: Path, seen: frozenset[Path]) -> Any:
        if isinstance(value, dict):
            if "include" in value:
                self.broken.add(path)  # until the included file has loaded
                if len(value) == 1:
                    content = self.include(value["include"], path, folder, seen)
                    if content is not None:
                        self.broken.discard(path)
                    return content
                others = shown_list([str(k) for k in value if k != "include"], limit=20)
                self.fail(path + ("include",), "include.not_alone", key=True, others=others)
                return None
            return {k: self.expand(v, path + (k,), folder, seen) for k, v in value.items()}
        if isinstance(value, list):
            return [self.expand(v, path + (i,), folder, seen) for i, v in enumerate(value)]
        return value

    def fail(self, path: tuple, key_: str, *, key: bool = False, **values: object) -> None:
        self.problems.append(problem(self.locs.of(path, key=key), path, key_, **values))

    def include(self, target: Any, path: tuple, folder: Path, seen: frozenset[Path]) -> Any:
        at = path + ("include",)
        if not isinstance(target, str) or not target.strip():
            self.fail(at, "include.not_a_path")
            return None
        try:
            named = (folder / target).absolute()
            file = named.resolve()
            is_dir, is_file, exists = file.is_dir(), file.is_file(), file.exists()
        except (OSError, ValueError, RuntimeError):  # a NUL byte, a name too long, a symlink loop
            self.fail(at, "include.bad_path", target=_shown(target))
            return None
        if file in seen:
            self.fail(at, "include.loop", target=_shown(target))
            return None
        self.budget -= 1
        if self.budget < 0:
            self.fail(at, "include.too_many", n=_MAX_INCLUDES)
            return None
        try:
            file.relative_to(self.top)
        except ValueError:
            self.fail(at, "include.outside", target=_shown(target))
            return None
        if is_dir:
            self.fail(at, "include.folder", target=_shown(target))
            return None
        if exists and not is_file:  # a pipe or a device: opening it could block the build
            self.fail(at, "include.not_regular", target=_shown(target), kind=msg("errors.file.kind." + special_kind(file)))
            return None
        if not is_file:
            self.fail(at, "include.missing", target=_shown(target), folder=display_name(folder) or ".")
            return None
        try:
            data, sub = load_file(file, on_read=_recorder(self.read, named, file))
        except SourceError as e:  # name places in the whole playbook: `stages[2].purpose`
            self.problems.extend(Problem(p.mark, path + p.path, p.message) if p.path else p for p in e.problems)
            return None
        if data is None:
            self.problems.append(problem(Mark(display_name(file), 1, 1), (), "include.empty", at=str(self.locs.of(at))))
            return None
        self.locs.graft(path, sub)
        return self.expand(data, path, file.parent, seen | {file})
