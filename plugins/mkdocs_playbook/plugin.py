"""The `playbook` MkDocs plugin: loads the playbook once per build and adds its pages.

All rendering lives in `salesplaybook`; this module only connects it to MkDocs events.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from salesplaybook import Playbook, SourceError, load_playbook

log = get_plugin_logger(__name__)


class PlaybookConfig(Config):
    playbook = c.File(exists=True, default="playbook/playbook.yaml")
    """The root playbook file, relative to mkdocs.yml."""
    lang = c.Choice(("zh", "en"), default="zh")
    """The language of the pages this build renders."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        self.playbook: Playbook | None = None

    def on_config(self, config):
        self.playbook = None  # `mkdocs serve` rebuilds in the same process: start clean
        path = Path(self.config.playbook)
        try:
            self.playbook = load_playbook(path)
        except SourceError as e:
            raise PluginError("the playbook has problems:\n" + e.report()) from None
        # Saving any playbook YAML under `mkdocs serve` rebuilds and reloads the browser.
        config.watch.append(str(path.parent.resolve()))
        return config
