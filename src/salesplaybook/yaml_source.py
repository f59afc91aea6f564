"""Read YAML safely and remember where every value came from.

PyYAML on its own loses what users need: it keeps the last of two duplicate keys without a
word, forgets line numbers once objects are built, and expands aliases without limit. This
module walks PyYAML's event stream (the C parser where available) with an explicit stack, so

- duplicate keys are an error, not a quiet overwrite;
- every value and every key has a Mark (file, line, column) in a `Locations` table;
- nesting depth, node count (alias bombs) and file size are bounded;
- only the standard YAML tags are accepted: `!!python/object` and friends are refused, never run;
- bad bytes (binary, a GBK file, tabs) get a message that says what to do.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Callable

import yaml
from yaml.loader import BaseLoader as _PyParser

from .problems import Mark, Problem, SourceError, problem
from .words import msg

try:  # the C parser is several times faster; fall back quietly where libyaml is missing
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = _PyParser  # type: ignore[misc]


Path_ = tuple[Any, ...]

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_ALLOWED_TAGS |= {"!"}


class Locations:
    """Where each value (and each mapping key) of a loaded document sits in its file."""

    def __init__(self, values: dict[Path_, Mark] | None = None, keys: dict[Path_, Mark] | None = None):
        self.values: dict[Path_, Mark] = {} if values is None else values
        self.keys: dict[Path_, Mark] = {} if keys is None else keys

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Locations) and (self.values, self.keys) == (other.values, other.keys)

    __hash__ = None  # type: ignore[assignment]

    def of(self, path: Path_, *, key: bool = False) -> Mark:
        """The mark of `path`, or of its nearest located ancestor."""
        path = tuple(path)
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Mark("?", 1, 1))

    def graft(self, at: Path_, other: "Locations") -> None:
        """Put another document's locations under `at` (used for included files)."""
        at = tuple(at)
        for p, m in other.values.items():
            self.values[at + p] = m
        for p, m in other.keys.items():
            if p:
                self.keys[at + p] = m


def display_name(path: str | os.PathLike[str]) -> str:
    """A path as the user typed it or relative to the working directory: short and clickable."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # elsewhere, a NUL byte, a symlink loop
        return str(p).replace("\0", "\\0")


def read_text(path: str | os.PathLike[str], *, name: str | None = None, max_bytes: int = MAX_BYTES,
              on_read: Callable[[bytes], None] | None = None) -> str:
    """Read a file as UTF-8 text, or raise SourceError saying what is wrong and how to fix it.

    `on_read`, if given, is handed the bytes read (the playbook cache keys on them: exactly
    what was read, not what the file holds a moment later)."""
    name = name or display_name(path)
    here = Mark(name, 1, 1)

    def fail(key: str, **values: object) -> SourceError:
        return SourceError([problem(here, (), "file." + key, **values)])

    p = Path(path)
    try:
        if p.is_dir():
            example = _example_in(p)
            raise fail("is_folder_example", example=example) if example else fail("is_folder")
        if p.exists() and not p.is_file():  # a pipe or a device would block or never end
            raise fail("not_regular", kind=msg("errors.file.kind." + special_kind(p)))
        # Non-blocking, and checked again once open: a file swapped for a pipe in between
        # must not hang the run.
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as fh:
            kind = _kind_of_mode(os.fstat(fd).st_mode)
            if kind == "folder":
                raise fail("is_folder")
            if kind != "file":
                raise fail("not_regular", kind=msg("errors.file.kind." + kind))
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise fail("missing") from None
    except PermissionError:
        raise fail("permission") from None
    except IsADirectoryError:
        raise fail("is_folder") from None
    except OSError as e:
        raise fail("unreadable", reason=e.strerror or str(e)) from None
    except ValueError:  # a NUL byte in the path
        raise fail("bad_path") from None
    except RuntimeError:  # Python 3.11 reports a symlink loop so
        raise fail("symlink_loop") from None
    if len(data) > max_bytes:
        raise fail("too_large", mb=max_bytes // (1024 * 1024))
    if on_read is not None:
        on_read(data)
    return decode(data, name)


def special_kind(p: Path) -> str:
    """What a path that is neither a file nor a folder is: `fifo`, `socket`, `device` or `other`."""
    import stat

    try:
        mode = p.stat().st_mode
    except OSError:
        return "other"
    kind = _kind_of_mode(mode)
    return "other" if kind in ("file", "folder") else kind


def _kind_of_mode(mode: int) -> str:
    """`file`, `folder`, `fifo`, `socket`, `device` or `other` for a `st_mode`."""
    import stat

    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "other"


def _example_in(folder: Path) -> str:
    """A YAML file in `folder` to name as an example (`playbook/playbook.yaml` first), else ''."""
    try:
        files = sorted(folder.glob("*.yaml"), key=lambda f: (f.name != "playbook.yaml", f.name))
    except OSError:
        return ""
    return display_name(files[0]) if files else ""


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 with or without a byte-order mark; a clear message for anything else."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise SourceError([problem(Mark(name, 1, 1), (), "file.utf16")])
    if b"\x00" in data:
        raise SourceError([problem(Mark(name, 1, 1), (), "file.binary")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        key = "file.not_utf8"
        try:
            data.decode("gb18030")
            key = "file.gbk"
        except UnicodeDecodeError:
            pass
        raise SourceError([problem(Mark(name, line, column), (), key)]) from None


def _mark(name: str, m: Any) -> Mark:
    return Mark(name, m.line + 1, m.column + 1)


_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


def _shown_tag(tag: str | None) -> str:
    """A tag as the user wrote it: `!!python/object`, not `tag:yaml.org,2002:python/object`."""
    tag = tag or ""
    return "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag


def _refused_tag(tag: str | None):
    return msg("errors.yaml.refused_tag", tag=_shown_tag(tag))


# First characters with which a plain scalar can be anything but text (`1`, `true`, `~`,
# `2026-01-01` ...). PyYAML's resolver files its patterns under them.
_IMPLICIT_FIRST = frozenset(_resolver.yaml_implicit_resolvers)


def _scalar(name: str, ev: Any, path: Path_) -> Any:
    tag = ev.tag
    if tag == "!" or (tag is None and (not ev.implicit[0] or ev.value[:1] not in _IMPLICIT_FIRST)):
        # quoted, `!`-tagged, or plain text no pattern can match: text, without the resolver
        # (most values of a playbook, and this reader makes one call per value)
        return ev.value
    if tag is None:
        tag = _resolver.resolve(yaml.ScalarNode, ev.value, ev.implicit)
        if tag not in _ALLOWED_TAGS:  # `=` (the "value" type) and the like: plain text to us
            tag = _STD + "str"
    if tag not in _ALLOWED_TAGS or tag.endswith((":map", ":seq")):
        raise _Fail(_mark(name, ev.start_mark), path, _refused_tag(ev.tag))
    node = yaml.ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark, ev.style)
    try:
        return _constructor.yaml_constructors[tag](_constructor, node)
    except Exception:  # PyYAML's constructors raise KeyError, AttributeError, ValueError ... on bad text
        kind = tag.rsplit(":", 1)[-1]  # timestamp, int, float or bool
        shown = ev.value if len(ev.value) <= 40 else ev.value[:37] + "..."
        raise _Fail(_mark(name, ev.start_mark), path, msg("errors.yaml.bad_scalar", value=shown,
                                                          what=msg("errors.yaml.scalar." + kind))) from None


class _Fail(Exception):
    def __init__(self, mark: Mark, path: Path_, message):
        self.problem = Problem(mark, tuple(path), message)


# PyYAML's syntax errors in plain words: (words of its problem, words of its context, our
# message key under `errors.yaml.syntax.`, whether the message says "here" and so belongs where
# the broken part begins). An unclosed bracket or quote and a key without colon are noticed
# lines later (where the file ends, where the next key begins). `{start}` in a message becomes
# " at line N" where the broken part begins.
_SYNTAX = [
    ("expected key", "block mapping", "breaks_mapping", False),
    ("expected <block end>", "block mapping", "breaks_mapping", False),
    ("expected <block end>", "block collection", "breaks_list", False),
    ("mapping values are not allowed", "", "colon_in_value", False),
    ("expected '-' indicator", "block collection", "breaks_list", False),
    ("expected ',' or '}'", "flow mapping", "unclosed_brace", True),
    ("expected ',' or ']'", "flow sequence", "unclosed_bracket", True),
    ("could not find expected ':'", "", "key_without_colon", True),
    ("found unexpected end of stream", "quoted scalar", "unclosed_quote", True),
    ("<document start>", "", "after_document", False),
    ("node content", "flow node", "empty_flow_entry", False),
    ("block sequence entries are not allowed", "", "list_entry_as_value", False),
    ("that cannot start any token", "", "bad_start_character", False),
    ("found undefined tag handle", "", "unknown_tag_handle", False),
]


_FULL_WIDTH_KEY = re.compile(r"^\s*(?:- )?[^\s:：\"'#\[{]+：")


def _explain_yaml_error(e: yaml.MarkedYAMLError, text: str):
    """Our message, and whether it belongs at the start of the broken part (context mark)."""
    problem_words = (e.problem or str(e)).strip()
    ctx = (e.context or "").strip()
    m = e.problem_mark
    lines = text.splitlines()
    before = lines[m.line][: m.column + 1] if m is not None and m.line < len(lines) else ""
    if "\t" in before or "'\\t'" in problem_words:
        return msg("errors.yaml.tab_indent"), False
    if "maximum nesting depth" in problem_words:  # libyaml's own limit, met before ours
        return msg("errors.yaml.too_deep", depth=1000), False
    begin = e.context_mark
    near = {lines[k.line] for k in (m, begin) if k is not None and k.line < len(lines)}
    if any("\u3000" in line[: len(line) - len(line.lstrip(" \u3000"))] for line in near):
        return msg("errors.yaml.full_width_indent"), False
    if any(_FULL_WIDTH_KEY.match(line) for line in near):  # `key：value`, typed with a Chinese input method
        return msg("errors.yaml.full_width_colon"), begin is not None and begin.line != (m.line if m else -1)
    if begin is not None and m is not None and begin.line != m.line:
        start = msg("errors.yaml.start.line", n=begin.line + 1)
    else:
        start = msg("errors.yaml.start.this_line") if begin is not None else msg("errors.yaml.start.here")
    for words, context, key, at_start in _SYNTAX:
        if words in problem_words and context in ctx:
            return msg("errors.yaml.syntax." + key, start=start), begin is not None and at_start
    if ctx:
        return msg("errors.yaml.syntax.other_in", context=ctx, start=start, problem=problem_words), False
    return msg("errors.yaml.syntax.other", problem=problem_words), False


def _within_text(mark: Mark, text: str) -> Mark:
    """libyaml places "unexpected end of file" one line past the last: point at the last line."""
    lines = text.split("\n")
    if mark.line <= len(lines):
        return mark
    return Mark(mark.file, len(lines), len(lines[-1]) + 1)


def _reader_problem(e: yaml.reader.ReaderError, text: str, name: str) -> Problem:
    """A character YAML refuses (a control character, say): point at it."""
    position = e.position if isinstance(e.position, int) else 0
    if _Parser is not _PyParser:  # libyaml counts bytes, the pure-Python reader characters
        position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    char = e.character if isinstance(e.character, int) else 0
    return problem(Mark(name, line, column), (), "yaml.control_character", code=f"U+{char:04X}")


def parse(text: str, name: str, *, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES) -> tuple[Any, Locations]:
    """Parse one YAML document into plain Python values and their Locations.

    Mapping keys are kept as the text written in the file (`yes:` is the key "yes", `1:` is
    "1"): playbook and deal files are read against models whose keys are names.

    Raises SourceError for syntax errors, duplicate keys, forbidden tags, too deep nesting or
    too many nodes (alias bombs). An empty document gives None. Mistakes after which the rest
    of the file still reads (a duplicate key, a refused tag, a bad value) are collected and
    reported together; the others stop the reading where they are.
    """
    locs = Locations()
    root: list[Any] = []
    # Each frame: [container, path, pending_key, unused, seen_keys, start_mark, count_at_start]
    stack: list[list[Any]] = []
    # anchor -> (value, number of nodes it stands for, its text when it is a scalar)
    anchors: dict[str, tuple[Any, int, str | None]] = {}
    anchor_of_frame: list[str | None] = []
    count = 0
    documents = 0
    problems: list[Problem] = []

    def expecting_key() -> bool:
        return bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY

    def child_path() -> Path_:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame[0], list):
            return frame[1] + (len(frame[0]),)
        if frame[2] is _NO_KEY:  # a key is being read: point at the mapping
            return frame[1]
        return frame[1] + (frame[2],)

    def add(value: Any, mark: Mark, size: int, key_text: str | None = None) -> None:
        """Attach a finished value to the open container (or the root)."""
        nonlocal count
        count += size
        if count > max_nodes:
            raise _Fail(mark, (), msg("errors.yaml.too_many_nodes", n=max_nodes))
        if not stack:
            root.append(value)
            locs.values[()] = mark
            return
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            locs.values[path + (len(container),)] = mark
            container.append(value)
            return
        if frame[2] is _NO_KEY:
            # `value` is a key
            if isinstance(value, (list, dict)):
                raise _Fail(mark, path, msg("errors.yaml.complex_key"))
            key = key_text if key_text is not None else str(value)
            if key[:1] == "\u3000":  # typed with a Chinese input method on
                problems.append(problem(mark, path + (key,), "yaml.full_width_key_indent", key=key.strip()))
            if key in frame[4]:
                first = frame[4][key]
                problems.append(problem(mark, path + (key,), "yaml.duplicate_key", key=key, line=first.line))
            else:
                frame[4][key] = mark
            frame[2] = key
            locs.keys[path + (key,)] = mark
            return
        key = frame[2]
        locs.values[path + (key,)] = mark
        container[key] = value
        frame[2] = _NO_KEY

    try:
        parser = _Parser(text)
        try:
            while True:
                ev = parser.get_event()
                kind = type(ev).__name__
                if ev is None or kind == "StreamEndEvent":
                    break
                if kind == "ScalarEvent":  # the hot path: most events are scalars
                    start = ev.start_mark
                    m = Mark(name, start.line + 1, start.column + 1)
                    key_text = None
                    if expecting_key():
                        if ev.tag is None and ev.value == "<<":
                            problems.append(problem(m, child_path(), "yaml.merge_key"))
                        key_text = ev.value
                    try:
                        # a plain key is its text (see the docstring): no need to resolve it
                        value = ev.value if key_text is not None and ev.tag is None else _scalar(name, ev, ())
                    except _Fail as f:  # reported with its place; read on to find the file's other mistakes
                        problems.append(Problem(f.problem.mark, child_path(), f.problem.message))
                        value = None
                    if ev.anchor:
                        anchors[ev.anchor] = (value, 1, ev.value)
                    add(value, m, 1, key_text)
                elif kind in ("MappingStartEvent", "SequenceStartEvent"):
                    path = child_path()
                    m = _mark(name, ev.start_mark)
                    own = _STD + ("map" if kind == "MappingStartEvent" else "seq")
                    if ev.tag not in (None, "!", own):
                        problems.append(Problem(m, path, _refused_tag(ev.tag)))
                    if len(stack) >= max_depth:
                        raise _Fail(m, (), msg("errors.yaml.too_deep", depth=max_depth))
                    if expecting_key():
                        raise _Fail(m, path, msg("errors.yaml.complex_key"))
                    container: Any = {} if kind == "MappingStartEvent" else []
                    locs.values[path] = m
                    stack.append([container, path, _NO_KEY, None, {}, m, count])
                    anchor_of_frame.append(ev.anchor)
                elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                    frame = stack.pop()
                    anchor = anchor_of_frame.pop()
                    size = count - frame[6] + 1
                    count = frame[6]
                    if anchor:
                        anchors[anchor] = (frame[0], size, None)
                    add(frame[0], frame[5], size)
                elif kind == "AliasEvent":
                    m = _mark(name, ev.start_mark)
                    path = child_path()
                    if ev.anchor not in anchors:
                        # most often a `*` typed as a bullet or for emphasis, not a YAML alias
                        problems.append(problem(m, path, "yaml.unknown_alias", name=ev.anchor))
                        anchors[ev.anchor] = (None, 1, f"*{ev.anchor}")  # said once; later uses read as nothing
                    value, size, text_of = anchors[ev.anchor]
                    add(value, m, size, text_of if expecting_key() else None)
                elif kind == "DocumentStartEvent":
                    documents += 1
                    if documents > 1:
                        raise _Fail(_mark(name, ev.start_mark), (), msg("errors.yaml.second_document"))
        finally:
            if hasattr(parser, "dispose"):
                parser.dispose()
    except _Fail as f:
        problems.append(f.problem)
    except yaml.MarkedYAMLError as e:
        message, at_start = _explain_yaml_error(e, text)
        m = e.context_mark if at_start else (e.problem_mark or e.context_mark)
        mark = _within_text(_mark(name, m), text) if m is not None else Mark(name, 1, 1)
        problems.append(Problem(mark, (), message))
    except yaml.reader.ReaderError as e:
        problems.append(_reader_problem(e, text, name))
    except yaml.YAMLError as e:  # pragma: no cover - any other reader trouble
        problems.append(problem(Mark(name, 1, 1), (), "yaml.unreadable", reason=str(e)))
    except RecursionError:
        problems.append(problem(Mark(name, 1, 1), (), "yaml.too_deep_recursion"))
    if problems:
        raise SourceError(problems)
    return (root[0] if root else None), locs


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def load_file(path: str | os.PathLike[str], *, name: str | None = None, max_bytes: int = MAX_BYTES,
              on_read: Callable[[bytes], None] | None = None) -> tuple[Any, Locations]:
    """Read and parse one YAML file; see `parse` (and `read_text` for `on_read`)."""
    name = name or display_name(path)
    return parse(read_text(path, name=name, max_bytes=max_bytes, on_read=on_read), name)
