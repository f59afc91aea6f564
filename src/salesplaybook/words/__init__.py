"""Every word a user reads that is not playbook content: one catalogue, one file per language.

    from salesplaybook.words import say, msg
    say("verdict.claim.supported", "zh")            # 阶段判断成立
    say("sheet.entry_n", "en", n=2)                 # Entry 2
    m = msg("errors.file.missing")                  # a message to word later, in the reader's language
    m.render("zh")

The catalogue lives in `zh.yaml`, `en.yaml` (and any other `<lang>.yaml` beside them): nested
mappings whose leaves are texts with `{name}` placeholders, grouped by namespace (`method`,
`site`, `sheet`, `verdict`, `deal_file`, `cli`, `errors`). Adding a language is adding one file;
`tests/test_words.py` proves every file has every key with the same placeholders.

Which language: the caller's explicit choice (`--lang`, the site's build language), else the
environment's locale (`reader_lang()`), else Chinese.
"""

from __future__ import annotations

import os
import string
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from ..records import record

DEFAULT_LANG = "zh"
"""The playbook's first language: what a user reads when nothing says otherwise."""

_HERE = Path(__file__).parent
FOLDER_ENV = "PLAYBOOK_WORDS_DIR"
"""An extra folder of `<lang>.yaml` files (to try a new language without installing it)."""


def _folders() -> list[Path]:
    extra = os.environ.get(FOLDER_ENV)
    return ([Path(extra)] if extra else []) + [_HERE]


@lru_cache(maxsize=None)
def _files() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in reversed(_folders()):  # an extra folder's file wins over the built-in one
        for f in sorted(folder.glob("*.yaml")):
            found[f.stem] = f
    return found


def languages() -> tuple[str, ...]:
    """Every language the catalogue speaks, the default first."""
    names = sorted(_files())
    return tuple(sorted(names, key=lambda n: (n != DEFAULT_LANG, n != "en", n)))


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """The flat catalogue of one language: `namespace.key` -> text. Every command reads one, so
    it is kept flat, as JSON, in the user's cache (keyed by the file's bytes): reading that is
    a few times quicker than reading the YAML."""
    import hashlib
    import json

    from .. import cache_store

    raw = _files()[lang].read_bytes()
    folder = cache_store.usable_dir()
    name = f"{_CACHED}{hashlib.sha256(b'%d' % _CACHE_FORMAT + raw).hexdigest()}.json"
    if folder is not None:
        data = cache_store.read_entry(folder / name, 16 * len(raw) + 65536)
        try:
            flat = json.loads(data) if data is not None else None
        except ValueError:
            flat = None
        if isinstance(flat, dict) and all(type(k) is str and type(v) is str for k, v in flat.items()):
            return flat
    flat = _read_catalogue(raw)
    if folder is not None:
        try:
            cache_store.write_entry(folder, name, json.dumps(flat, ensure_ascii=False).encode("utf-8"))
            cache_store.prune(folder, _CACHED, ".json", keep=8)
        except OSError:  # a full disk, a read-only folder: the words do not need the cache
            pass
    return flat


_CACHED = "words-"
_CACHE_FORMAT = 1
"""Changes when the flat catalogue's shape changes."""


def _read_catalogue(raw: bytes) -> dict[str, str]:
    import yaml

    # Every entry is text: the base loader keeps it so (`yes` stays `yes`) and, doing no type
    # resolution, reads the catalogue in two thirds of the time.
    data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    flat: dict[str, str] = {}
    _flatten(data, "", flat)
    return flat


def _flatten(node: Any, prefix: str, out: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(value, f"{prefix}{key}.", out)
    else:
        out[prefix[:-1]] = "" if node is None else str(node)


def say(key: str, lang: str, /, **values: Any) -> str:
    """The text `key` in `lang`, with its `{placeholders}` filled in. Values that are
    messages (`Msg`) are worded in the same language."""
    text = catalogue(lang)[key]
    return text.format(**{k: (v.render(lang) if isinstance(v, Msg) else v) for k, v in values.items()})


def placeholders(text: str) -> set[str]:
    """The `{names}` a catalogue text expects (for the catalogue's own tests)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@record(frozen=True)
class Msg:
    """A message not yet worded: a catalogue key and its values. Located problems carry these,
    so one error can be reported in whichever language the reader reads."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str) -> str:
        return say(self.key, lang, **dict(self.values))

    def sort_key(self) -> tuple[str, str]:
        return self.key, repr(self.values)


def msg(key: str, /, **values: Any) -> Msg:
    return Msg(key, tuple(sorted(values.items())))


class MsgError(ValueError):
    """A ValueError that carries its message unworded (model validators raise it; pydantic
    keeps the exception, and the located report words it in the reader's language)."""

    def __init__(self, message: Msg):
        super().__init__(message.key)
        self.msg = message


def reader_lang(env: Mapping[str, str] | None = None) -> str:
    """The language of the environment's locale (`LC_ALL`, else `LC_MESSAGES`, else `LANG`,
    as POSIX orders them): `zh_CN.UTF-8` -> zh, `en_US.UTF-8` -> en. A locale of a language
    the catalogue lacks, or none (`C`, `POSIX`), gives the default, Chinese."""
    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in languages() else DEFAULT_LANG
    return DEFAULT_LANG


def list_sep(lang: str) -> str:
    """'、' between the parts of a listing in Chinese, ', ' in English."""
    return say("punct.list", lang)
