"""argparse in the reader's language: its own words (usage, headings, errors) come from the
catalogue (`cli.argparse`), and a misspelt command or choice gets a "did you mean".

argparse words its messages through `gettext` (`argparse._`); `speaking(lang)` puts the
catalogue in its place while a parser is built and used.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
from typing import Iterator

from salesplaybook.words import catalogue, say

# argparse's own message ids (Python 3.11+) -> catalogue keys under `cli.argparse.`
_IDS = {
    "usage: ": "usage",
    "positional arguments": "positional",
    "options": "options",
    "show this help message and exit": "help",
    "%(prog)s: error: %(message)s\n": "error",
    "the following arguments are required: %s": "required",
    "unrecognized arguments: %s": "unrecognized",
    "argument %(argument_name)s: %(message)s": "argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid_choice",
    "expected one argument": "expected_one",
    "expected at least one argument": "expected_some",
    "invalid %(type)s value: %(value)r": "invalid_value",
    "ambiguous option: %(option)s could match %(matches)s": "ambiguous",
    "ignored explicit argument %r": "ignored",
    "not allowed with argument %s": "not_allowed_with",
    "one of the arguments %s is required": "one_required",
}


def _python_format(text: str) -> str:
    """The catalogue writes `{name}`; argparse fills `%(name)s` and `%s`: translate."""
    return (text.replace("%", "%%").replace("{prog}", "%(prog)s").replace("{message}", "%(message)s")
            .replace("{argument_name}", "%(argument_name)s").replace("{value}", "%(value)r")
            .replace("{choices}", "%(choices)s").replace("{type}", "%(type)s").replace("{option}", "%(option)s")
            .replace("{matches}", "%(matches)s").replace("{names}", "%s"))


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    original = argparse._  # type: ignore[attr-defined]

    def translate(message: str) -> str:
        key = _IDS.get(message)
        return _python_format(catalogue(lang)[f"cli.argparse.{key}"]) if key else original(message)

    argparse._ = translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An argument parser whose choice errors suggest the closest choice."""

    lang = "zh"

    def _check_value(self, action: argparse.Action, value: object) -> None:
        if action.choices is not None and value not in action.choices:
            choices = [str(c) for c in action.choices]
            close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
            key = "cli.argparse.invalid_choice_hint" if close else "cli.argparse.invalid_choice_plain"
            raise argparse.ArgumentError(action, say(key, self.lang, value=value, hint=close[0] if close else "",
                                                     choices=", ".join(choices)))
