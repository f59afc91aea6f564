"""`playbook` command line: `playbook dump`, `playbook schema`, ...

Every failure is one located message on standard error and a non-zero exit code; never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="playbook", description="Sales playbook tools.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    d = sub.add_parser("dump", help="print the loaded playbook as JSON")
    d.add_argument("--playbook", default="playbook/playbook.yaml", help="root playbook file (default: %(default)s)")

    s = sub.add_parser("schema", help="print a JSON Schema (for editors)")
    s.add_argument("which", choices=["playbook"], help="which schema")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from salesplaybook import SourceError, load_playbook

    try:
        if args.command == "dump":
            pb = load_playbook(args.playbook)
            print(json.dumps(pb.model_dump(mode="json"), ensure_ascii=False, indent=2))
        elif args.command == "schema":
            from salesplaybook.schemas import playbook_schema

            print(json.dumps(playbook_schema(), ensure_ascii=False, indent=2))
    except SourceError as e:
        print(e.report(), file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `playbook dump | head` is fine
        return EXIT_OK
    return EXIT_OK
