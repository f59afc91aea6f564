"""Located problems: every mistake in a playbook or deal file is reported as one of these.

The message format is the same everywhere, so editors and CI can jump to the place:

    playbook/playbook.yaml:12:5: stages[0].milestone[1].id: what is wrong (what to do)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple, Sequence

# Enough to fix a file in one go, few enough to read on one screen.
MAX_PROBLEMS = 50


class Mark(NamedTuple):
    """A place in a source file; line and column count from 1, as editors do.

    A named tuple, not a dataclass: the YAML reader makes one per value, and a tuple is
    several times cheaper to build. It orders by file, line, column.
    """

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def format_path(path: Sequence[str | int]) -> str:
    """('stages', 0, 'milestone', 1, 'id') -> 'stages[0].milestone[1].id'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_ONE_LINE = str.maketrans({"\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\x85"})


@dataclass(frozen=True)
class Problem:
    mark: Mark
    path: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        where = format_path(self.path)
        line = f"{self.mark}: {where}: {self.message}" if where else f"{self.mark}: {self.message}"
        # one problem, one line: a key or value quoted from the file may hold a line break
        return line.translate(_ONE_LINE)


class SourceError(Exception):
    """One or more problems that stop a file from loading. Never carries a traceback to users."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.mark, format_path(p.path), p.message))
        super().__init__(self.report())

    def report(self, limit: int = MAX_PROBLEMS) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(f"... and {hidden} more problem(s); fix the ones above and run again")
        return "\n".join(lines)


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str:
    """' (did you mean `x`?)' for the closest candidate, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(str(wrong), list(candidates), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""
