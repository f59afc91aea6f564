"""The sales playbook's core: the model, the loader and the rules.

Nothing here imports MkDocs: the site plugin (`plugins/mkdocs_playbook`) and the command-line
tools (`tools/playbook_cli`) are thin adapters over this package.
"""

from .loader import DEFAULT_PATH, load_playbook
from .model import Playbook, Text
from .problems import Mark, Problem, SourceError

__all__ = ["DEFAULT_PATH", "Mark", "Playbook", "Problem", "SourceError", "Text", "load_playbook"]
