"""Located problems: every mistake in a playbook or deal file is reported as one of these.

The message format is the same everywhere, so editors and CI can jump to the place:

    playbook/playbook.yaml:12:5: stages[0].milestone[1].id: what is wrong (what to do)

A problem carries its message unworded (`words.Msg`): the same problem reads in Chinese or in
English, whichever the reader reads.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple, Sequence

from .records import record
from .words import Msg, msg, reader_lang, say

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


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Control characters shown escaped (`\\n`, `\\x1b`): a value quoted from a file may hold
    a line break or a terminal escape, and one problem is one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@record(frozen=True)
class Problem:
    mark: Mark
    path: tuple[str | int, ...]
    message: Msg

    def render(self, lang: str) -> str:
        where = format_path(self.path)
        text = self.message.render(lang)
        line = f"{self.mark}: {where}: {text}" if where else f"{self.mark}: {text}"
        return one_line(line)

    def __str__(self) -> str:
        return self.render(reader_lang())


class SourceError(Exception):
    """One or more problems that stop a file from loading. Never carries a traceback to users."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.mark, format_path(p.path), p.message.sort_key()))
        super().__init__(len(self.problems))

    def report(self, lang: str | None = None, limit: int = MAX_PROBLEMS) -> str:
        lang = lang or reader_lang()
        lines = [p.render(lang) for p in self.problems[:limit]]
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(say("errors.more_problems", lang, n=hidden))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()


def problem(mark: Mark, path: Sequence[str | int], key: str, /, **values: object) -> Problem:
    """A located problem whose message is the catalogue's `key` (under `errors.`)."""
    return Problem(mark, tuple(path), msg("errors." + key, **values))


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt name, or None when nothing is close."""
    import difflib

    close = difflib.get_close_matches(str(wrong), list(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def shown_list(names: Iterable[str], limit: int = 8) -> str:
    """'`a`, `b`, `c`, ...' — ids quoted as code, cut after `limit`."""
    names = list(names)
    return ", ".join(f"`{n}`" for n in names[:limit]) + (", ..." if len(names) > limit else "")
