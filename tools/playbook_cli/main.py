"""`playbook` command line: `check`, `team`, `blank`, `dump`, `schema`.

Every failure is one located message on standard error and a non-zero exit code; never a
traceback. Deal files are only ever read.

Exit codes of `check` and `team`: 0 every deal supports its claim; 1 at least one falls short
(or scores under --min-score); 2 at least one file could not be read as a deal (the others are
still checked and reported).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sys
from typing import Iterator, Sequence

EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_PLAYBOOK = "playbook/playbook.yaml"
# A progress line is worth its noise only for batches this large, and only on a terminal.
PROGRESS_FROM = 200


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="playbook", description="Sales playbook tools.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def playbook_opt(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--playbook", default=DEFAULT_PLAYBOOK, help="root playbook file (default: %(default)s)")

    def lang_opt(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the report (default: zh)")

    c = sub.add_parser("check", help="judge deal files against the playbook")
    c.add_argument("deals", nargs="+", metavar="DEAL", help="deal files, folders (searched for *.yaml, *.yml) or - for standard input")
    playbook_opt(c)
    lang_opt(c)
    c.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    c.add_argument("--min-score", type=int, default=None, metavar="N", help="also fail deals scoring under N")
    c.add_argument("--team", action="store_true", help="print the team view (per rep) instead of each deal")
    c.add_argument("--today", type=_dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                   help="the day to check dates against (default: today)")

    t = sub.add_parser("team", help="the team view: per rep, deals by stage, assessment items, review score")
    t.add_argument("deals", nargs="+", metavar="DIR", help="folders or deal files")
    playbook_opt(t)
    lang_opt(t)
    t.add_argument("--format", choices=["text", "json", "csv"], default="text")

    b = sub.add_parser("blank", help="print a blank deal file for a stage, listing every id")
    b.add_argument("stage", metavar="STAGE", help="seller stage id or number (1-8)")
    playbook_opt(b)
    lang_opt(b)

    d = sub.add_parser("dump", help="print the loaded playbook as JSON")
    playbook_opt(d)

    s = sub.add_parser("schema", help="print a JSON Schema (for editors)")
    s.add_argument("which", choices=["playbook", "deal"], help="which schema")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from salesplaybook.problems import SourceError

    try:
        if args.command == "dump":
            from salesplaybook import load_playbook

            print(json.dumps(load_playbook(args.playbook).model_dump(mode="json"), ensure_ascii=False, indent=2))
        elif args.command == "schema":
            if args.which == "playbook":
                from salesplaybook.schemas import playbook_schema as schema
            else:
                from salesplaybook.deal import deal_json_schema as schema
            print(json.dumps(schema(), ensure_ascii=False, indent=2))
        elif args.command == "blank":
            return _blank(args)
        else:
            return _check(args)
    except SourceError as e:
        print(e.report(), file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `playbook dump | head` is fine
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    return EXIT_OK


def _load(path: str):
    from . import cache

    return cache.load(path)


def _blank(args: argparse.Namespace) -> int:
    from salesplaybook.problems import did_you_mean

    from .blank import blank_deal

    pb = _load(args.playbook)
    ref = args.stage
    stage = None
    if ref.isdigit() and 1 <= int(ref) <= len(pb.stages):
        stage = pb.stages[int(ref) - 1]
    else:
        stage = next((s for s in pb.stages if s.id == ref), None)
    if stage is None:
        ids = [s.id for s in pb.stages]
        hint = did_you_mean(ref, ids)
        print(f"playbook blank: unknown stage `{ref}` ({hint or 'use 1 to 8 or one of: ' + ', '.join(ids)})", file=sys.stderr)
        return EXIT_BAD_INPUT
    sys.stdout.write(blank_deal(pb, stage, args.lang))
    return EXIT_OK


def _deal_files(targets: Sequence[str]) -> Iterator[str]:
    """Files as given, folders searched recursively (sorted, so reports are stable), `-` for stdin."""
    for t in targets:
        if t != "-" and os.path.isdir(t):
            found = []
            for folder, dirs, files in os.walk(t):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(folder, f) for f in files if f.endswith((".yaml", ".yml"))]
            if not found:  # never a silent pass over an empty or mistyped folder
                yield _EmptyFolder(t)
            yield from sorted(found)
        else:
            yield t


class _EmptyFolder(str):
    """A folder given on the command line that holds no deal file: reported as a problem."""


def _read_stdin() -> str:
    from salesplaybook.deal import MAX_DEAL_BYTES
    from salesplaybook.problems import Mark, Problem, SourceError
    from salesplaybook.yaml_source import decode

    data = sys.stdin.buffer.read(MAX_DEAL_BYTES + 1)
    if len(data) > MAX_DEAL_BYTES:
        raise SourceError([Problem(Mark("<stdin>", 1, 1), (), f"is larger than {MAX_DEAL_BYTES // 1024} KB; refused (is this a deal file?)")])
    return decode(data, "<stdin>")


def _check(args: argparse.Namespace) -> int:
    """Judge every file as it is read and write its verdict at once (JSON too): memory stays
    flat however many files a batch holds."""
    from salesplaybook.deal import load_deal, read_deal
    from salesplaybook.judge import Team, judge
    from salesplaybook.problems import SourceError

    from . import report

    pb = _load(args.playbook)
    lang = args.lang
    fmt = args.format
    today = getattr(args, "today", None) or _dt.date.today()
    team_view = args.command == "team" or args.team
    if team_view and fmt == "markdown":
        fmt = "text"
    color = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    files = list(_deal_files(args.deals))
    progress = sys.stderr.isatty() and len(files) >= PROGRESS_FROM
    tally = Team(pb)
    problems = []
    n_bad = n_short = 0
    min_score = getattr(args, "min_score", None)
    out = sys.stdout
    first = True
    if fmt == "json" and not team_view:
        out.write(f'{{\n  "format_version": {report.FORMAT_VERSION},\n  "deals": [')
    for i, f in enumerate(files, 1):
        if progress and (i % 50 == 0 or i == len(files)):
            sys.stderr.write(f"\r{i}/{len(files)}")
            sys.stderr.flush()
        try:
            if isinstance(f, _EmptyFolder):
                from salesplaybook.problems import Mark, Problem

                raise SourceError([Problem(Mark(str(f), 1, 1), (), "holds no deal files (*.yaml, *.yml); check the folder")])
            # the path as typed (or found under a folder typed) names the file in every message
            loaded = read_deal(_read_stdin(), "<stdin>", pb) if f == "-" else load_deal(f, pb, name=f)
        except SourceError as e:
            n_bad += 1
            problems += e.problems
            if fmt == "text" and not team_view:
                print(e.report(), file=sys.stderr)
            continue
        v = judge(pb, loaded.deal, loaded.name, today=today, min_score=min_score)
        n_short += v.falls_short
        if team_view:
            tally.add(v)
        elif fmt == "text":
            out.write(report.verdict_text(v, pb, lang, color) + "\n\n")
        elif fmt == "markdown":
            out.write(report.verdict_markdown(v, pb, lang) + "\n\n")
        else:
            entry = report.verdict_json(v, pb, lang)
            text = json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            out.write(("\n    " if first else ",\n    ") + text)
            first = False
    if progress:
        sys.stderr.write("\r" + " " * 20 + "\r")
    n_ok = len(files) - n_bad - n_short
    if team_view:
        rows = tally.rows()
        if fmt == "json":
            json.dump({"format_version": report.FORMAT_VERSION, "team": report.team_json(rows),
                       "errors": [report.problem_json(p) for p in problems]}, out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif fmt == "csv":
            out.write(report.team_csv(rows, pb))
        else:
            out.write(report.team_text(rows, pb, lang) + "\n")
        if problems and fmt != "json":
            print("\n".join(str(p) for p in problems), file=sys.stderr)
    elif fmt == "json":
        rest = {"errors": [report.problem_json(p) for p in problems],
                "summary": {"ok": n_ok, "falls_short": n_short, "unreadable": n_bad}}
        tail = json.dumps(rest, ensure_ascii=False, indent=2)[1:]  # without its opening brace
        out.write(("\n  ]," if not first else "],") + tail + "\n")
    elif fmt == "markdown" and problems:
        out.write("```\n" + "\n".join(str(p) for p in problems) + "\n```\n")
    if fmt in ("text", "markdown") and not team_view:
        print(report.summary_line(n_ok, n_short, n_bad, lang), file=sys.stderr if fmt == "markdown" else out)
    if n_bad:
        return EXIT_BAD_INPUT
    return EXIT_FAIL if n_short else EXIT_OK
