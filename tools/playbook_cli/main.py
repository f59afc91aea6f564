"""`playbook` command line: `check`, `team`, `review`, `blank`, `dump`, `schema`.

Every failure is one located message on standard error and a non-zero exit code; never a
traceback. Deal files are only ever read, and a report (`-o`) is never written over one.
Every word comes from the catalogue, in the language of `--lang`, else of the environment's
locale, else Chinese.

`team` and `review` read the team file (`team.yaml` in the first deals folder given, or
`--team-file`) for the scorecard's period, people and targets; a folder's team file is never
read as a deal.

Exit codes of `check`, `team` and `review`: 0 every deal supports its claim; 1 at least one
falls short (or scores under --min-score); 2 at least one file could not be read as a deal
(the others are still checked and reported), the team file is wrong, or the command line
itself is wrong.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sys
from pathlib import Path
from typing import Iterator, Sequence

EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2
# A progress line is worth its noise only for batches this large, and only on a terminal.
PROGRESS_FROM = 200


def _lang_of(argv: Sequence[str]) -> str:
    """The language to speak before the arguments are parsed (help and argument errors too)."""
    from salesplaybook.words import languages, reader_lang

    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in languages():
            return value
    return reader_lang()


COMMANDS = ("check", "team", "review", "blank", "dump", "schema")


def _parser(lang: str, only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser in `lang`; with `only`, just that command's (what a run needs:
    building every command's arguments costs a one-deal check a tenth of its time)."""
    from salesplaybook.words import languages, say

    from .speak import Parser

    def w(key: str, **values: object) -> str:
        return say("cli." + key, lang, **values).replace("%", "%%")

    class LangParser(Parser):
        pass

    LangParser.lang = lang
    p = LangParser(prog="playbook", description=w("description"))
    sub = p.add_subparsers(dest="command", required=True, metavar=w("metavar.command"), parser_class=LangParser)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--playbook", default=None, metavar=w("metavar.file"), help=w("help.playbook"))
        sp.add_argument("--lang", choices=list(languages()), default=lang, help=w("help.lang"))

    def score(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            n = -1
        if not 0 <= n <= 100:
            raise argparse.ArgumentTypeError(say("cli.error.min_score", lang, value=text))
        return n

    def jobs(text: str) -> int:
        if not text.isdigit() or not 1 <= int(text) <= 64:
            raise argparse.ArgumentTypeError(say("cli.error.jobs", lang, value=text))
        return int(text)

    def day(text: str) -> _dt.date:
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(say("cli.error.date", lang, value=text)) from None

    if only in (None, "check"):
        c = sub.add_parser("check", help=w("help.check"), description=w("help.check"))
        c.add_argument("deals", nargs="+", metavar=w("metavar.deal"), help=w("help.deals"))
        common(c)
        c.add_argument("--format", choices=["text", "json", "markdown", "csv"], default="text", help=w("help.check_format"))
        c.add_argument("--min-score", type=score, default=None, metavar="N", help=w("help.min_score"))
        c.add_argument("--team", action="store_true", help=w("help.team_flag"))
        c.add_argument("--today", type=day, default=None, metavar="YYYY-MM-DD", help=w("help.today"))
        c.add_argument("--jobs", type=jobs, default=None, metavar="N", help=w("help.jobs"))

    if only in (None, "team"):
        t = sub.add_parser("team", help=w("help.team"), description=w("help.team"))
        t.add_argument("deals", nargs="+", metavar=w("metavar.folder"), help=w("help.folders"))
        common(t)
        t.add_argument("--format", choices=["text", "json", "csv", "xlsx"], default="text", help=w("help.team_format"))
        t.add_argument("--today", type=day, default=None, metavar="YYYY-MM-DD", help=w("help.today"))
        t.add_argument("--jobs", type=jobs, default=None, metavar="N", help=w("help.jobs"))
        t.add_argument("--team-file", default=None, metavar=w("metavar.file"), help=w("help.team_file"))
        t.add_argument("-o", "--output", default=None, metavar=w("metavar.file"), help=w("help.report_output"))

    if only in (None, "review"):
        r = sub.add_parser("review", help=w("help.review"), description=w("help.review"))
        r.add_argument("deals", nargs="+", metavar=w("metavar.folder"), help=w("help.folders"))
        common(r)
        r.add_argument("--format", choices=["html", "json"], default="html", help=w("help.review_format"))
        r.add_argument("-o", "--output", default=None, metavar=w("metavar.file"), help=w("help.report_output"))
        r.add_argument("--today", type=day, default=None, metavar="YYYY-MM-DD", help=w("help.today"))
        r.add_argument("--jobs", type=jobs, default=None, metavar="N", help=w("help.jobs"))
        r.add_argument("--team-file", default=None, metavar=w("metavar.file"), help=w("help.team_file"))

    if only in (None, "blank"):
        b = sub.add_parser("blank", help=w("help.blank"), description=w("help.blank"))
        b.add_argument("stage", metavar=w("metavar.stage"), help=w("help.stage"))
        common(b)
        b.add_argument("-o", "--output", default=None, metavar=w("metavar.file"), help=w("help.output"))
        b.add_argument("--mode", default=None, metavar=w("metavar.mode"), help=w("help.mode"))

    if only in (None, "dump"):
        d = sub.add_parser("dump", help=w("help.dump"), description=w("help.dump"))
        common(d)

    if only in (None, "schema"):
        s = sub.add_parser("schema", help=w("help.schema"), description=w("help.schema"))
        s.add_argument("which", choices=["playbook", "deal"], metavar="{playbook,deal}", help=w("help.which"))
        common(s)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from salesplaybook.problems import SourceError
    from salesplaybook.words import say

    from .find_playbook import NotFound
    from .speak import speaking

    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(argv)
    try:
        with speaking(lang):
            args = _parser(lang, argv[0] if argv and argv[0] in COMMANDS else None).parse_args(argv)
    except SystemExit as e:  # --help (0) or a wrong command line (2): argparse has said why
        return int(e.code or 0)
    lang = args.lang
    try:
        if args.command == "dump":
            from salesplaybook import load_playbook

            pb = load_playbook(_playbook_path(args))
            print(json.dumps(pb.model_dump(mode="json"), ensure_ascii=False, indent=2))
        elif args.command == "schema":
            if args.which == "playbook":
                from salesplaybook.schemas import playbook_schema

                schema = playbook_schema()
            else:
                from salesplaybook import load_playbook
                from salesplaybook.deal_model import deal_json_schema

                schema = deal_json_schema(lang, load_playbook(_playbook_path(args)))
            print(json.dumps(schema, ensure_ascii=False, indent=2))
        elif args.command == "blank":
            return _blank(args)
        else:
            return _check(args)
    except SourceError as e:
        print(e.report(lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    except NotFound as e:
        print("playbook: " + e.msg.render(lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    except _Refused as e:
        print("playbook: " + say(e.key, lang, **e.values), file=sys.stderr)
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


class _Refused(Exception):
    """A command that cannot go on for a reason of its own (not a file's): a catalogue key."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key = key
        self.values = values


def _playbook_path(args: argparse.Namespace) -> Path:
    from .find_playbook import find_playbook

    return find_playbook(args.playbook, getattr(args, "deals", ()) or ([args.output] if getattr(args, "output", None) else []))


def _load(args: argparse.Namespace):
    from . import cache

    return cache.load(_playbook_path(args))


def _load_rules(args: argparse.Namespace):
    from . import cache

    return cache.load_rules(_playbook_path(args))


def _blank(args: argparse.Namespace) -> int:
    from salesplaybook.blank_deal import blank_deal
    from salesplaybook.problems import did_you_mean

    pb = _load(args)
    ref = args.stage
    if ref.isdigit() and 1 <= int(ref) <= len(pb.stages):
        stage = pb.stages[int(ref) - 1]
    else:
        stage = next((s for s in pb.stages if s.id == ref), None)
    if stage is None:
        ids = [s.id for s in pb.stages]
        hint = did_you_mean(ref, ids)
        if hint:
            raise _Refused("cli.error.unknown_stage_hint", stage=ref, hint=hint)
        raise _Refused("cli.error.unknown_stage", stage=ref, last=len(ids), ids=", ".join(ids))
    modes = [m.id for m in pb.procurement.modes] if pb.procurement else []
    if args.mode is not None and args.mode not in modes:
        hint = did_you_mean(args.mode, modes)
        if hint:
            raise _Refused("cli.error.unknown_mode_hint", mode=args.mode, hint=hint)
        raise _Refused("cli.error.unknown_mode", mode=args.mode, modes=", ".join(modes) or "-")
    out = Path(args.output) if args.output else None
    text = blank_deal(pb, stage, args.lang, _schema_ref(out), args.mode)
    if out is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        with open(out, "x", encoding="utf-8") as fh:  # never over a file that exists: it may hold a rep's work
            fh.write(text)
    except FileExistsError:
        raise _Refused("cli.error.output_exists", path=str(out)) from None
    except OSError as e:
        raise _Refused("cli.error.output_unwritable", path=str(out), reason=e.strerror or str(e)) from None
    return EXIT_OK


def _schema_ref(out: Path | None) -> str:
    """Where a blank deal file finds the deal schema (shipped in the package): relative to the
    file when it is written with `-o`, else as an absolute `file://` address, right wherever
    the printed file is saved."""
    import salesplaybook

    schema = Path(salesplaybook.__file__).resolve().parent / "deal.schema.json"
    if out is not None:
        return os.path.relpath(schema, out.resolve().parent).replace(os.sep, "/")
    return schema.as_uri()


def _deal_files(targets: Sequence[str]) -> Iterator[str]:
    """Files as given, folders searched recursively (sorted, so reports are stable), `-` for stdin.

    Never a silent pass: a folder that cannot be listed (the deals in it would go unchecked),
    and a folder that holds no deal file, come out as `_Skipped` problems. A pipe, socket or
    device, given or found under a deal file's name, is named for what it is by the reader,
    which never opens it. Linked folders are followed, each real folder once. A team file
    (`team.yaml`) found in a folder is not a deal.
    """
    from salesplaybook.deal import TEAM_FILE_NAMES

    for t in targets:
        if t == "-" or not os.path.isdir(t):
            yield t
            continue
        found: list[str] = []
        skipped: list[str] = []

        def unreadable(e: OSError, top: str = t) -> None:
            where = e.filename if isinstance(e.filename, str) else top
            if isinstance(e, PermissionError):
                skipped.append(_Skipped(where, "cli.folder_permission"))
            else:
                skipped.append(_Skipped(where, "cli.folder_unreadable", reason=e.strerror or str(e)))

        seen = {os.path.realpath(t)}
        for folder, dirs, files in os.walk(t, onerror=unreadable, followlinks=True):
            keep = []
            for d in sorted(dirs):
                real = os.path.realpath(os.path.join(folder, d))
                if not d.startswith(".") and real not in seen:  # a link back up would loop
                    seen.add(real)
                    keep.append(d)
            dirs[:] = keep
            found += [os.path.join(folder, f) for f in files
                      if f.endswith((".yaml", ".yml")) and f not in TEAM_FILE_NAMES]
        if not found and not skipped:  # never a silent pass over an empty or mistyped folder
            skipped.append(_Skipped(t, "cli.empty_folder"))
        yield from sorted(found + skipped)


class _Skipped(str):
    """A path given or found that holds deals which cannot be checked: reported as a problem
    (the catalogue's `errors.<key>`) at the place of the path."""

    def __new__(cls, path: str, key: str, **values: object) -> "_Skipped":
        self = super().__new__(cls, path)
        self.key = key
        self.values = values
        return self


def _team_file(args: argparse.Namespace, pb):
    """The team file named by --team-file, else the one in the first deals folder given (none:
    the scorecard has no targets)."""
    from salesplaybook.scorecard import find_team_file, load_team

    path = getattr(args, "team_file", None) or find_team_file(args.deals)
    return load_team(path, pb, name=path) if path else None


def _writable(output: str, deals: Sequence[str]) -> None:
    """A report is written over an older report, never over a deal file or a folder."""
    target = Path(output)
    if target.suffix.lower() in (".yaml", ".yml") or target.is_dir():
        raise _Refused("cli.error.output_not_report", path=output)
    try:
        resolved = target.resolve()
        if any(Path(d).resolve() == resolved for d in deals if d != "-"):
            raise _Refused("cli.error.output_not_report", path=output)
    except OSError:
        pass


def _emit(content: str | bytes, output: str | None) -> None:
    """Write a report to the file named by -o, else to standard output."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        with open(output, "wb") as fh:
            fh.write(data)
    except OSError as e:
        raise _Refused("cli.error.output_unwritable", path=output, reason=e.strerror or str(e)) from None


def _stdin_item() -> tuple:
    """The deal piped in, for batch.judge_item; ("bad", problems) when it cannot be read."""
    from salesplaybook.problems import SourceError

    try:
        return ("stdin", _read_stdin())
    except SourceError as e:
        return ("bad", e.problems)


def _read_stdin() -> str:
    from salesplaybook.deal import MAX_DEAL_BYTES
    from salesplaybook.problems import Mark, SourceError, problem
    from salesplaybook.yaml_source import decode

    data = sys.stdin.buffer.read(MAX_DEAL_BYTES + 1)
    if len(data) > MAX_DEAL_BYTES:
        raise SourceError([problem(Mark("<stdin>", 1, 1), (), "file.too_large_kb", kb=MAX_DEAL_BYTES // 1024)])
    return decode(data, "<stdin>")


def _check(args: argparse.Namespace) -> int:
    """Judge every file as it is read and write its verdict at once (JSON too): memory stays
    flat however many files a batch holds."""
    from salesplaybook import verdicts
    from salesplaybook.judge import Team
    from salesplaybook.problems import SourceError

    from . import batch

    lang = args.lang
    fmt = args.format
    team_view = args.command == "team" or getattr(args, "team", False)
    if fmt == "csv" and not team_view:
        raise _Refused("cli.error.csv_needs_team")
    if team_view and fmt == "markdown":
        fmt = "text"
    review = args.command == "review"
    output = getattr(args, "output", None)
    if fmt == "xlsx" and not output:
        raise _Refused("cli.error.xlsx_needs_output")
    if output:
        _writable(output, args.deals)
    # A check needs only the rules (plain data, cached: no pydantic); the team view and the
    # review also need the scorecard's measures, from the whole model.
    pb = _load(args) if team_view or review else _load_rules(args)
    team_file = _team_file(args, pb) if team_view or review else None
    today = getattr(args, "today", None) or _dt.date.today()
    color = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    files = list(_deal_files(args.deals))
    progress = sys.stderr.isatty() and len(files) >= PROGRESS_FROM
    tally = Team(pb)
    numbers = None
    if team_view or review:
        from salesplaybook.review.numbers import Review

        numbers = Review(pb, team_file, today=today, keep_all=fmt == "xlsx")
    problems = []
    n_bad = n_short = 0
    min_score = getattr(args, "min_score", None)
    out = sys.stdout
    first = True
    if fmt == "json" and not team_view and not review:
        out.write(f'{{\n  "format_version": {verdicts.FORMAT_VERSION},\n  "deals": [')
    job = batch.Job(pb, fmt, lang, color, today, min_score, keep_verdict=team_view or review)
    items = (("skip", str(f), f.key, f.values) if isinstance(f, _Skipped) else _stdin_item() if f == "-"
             else ("file", f) for f in files)
    workers = batch.workers_for(len(files), getattr(args, "jobs", None))
    for i, result in enumerate(batch.results(job, items, workers), 1):
        if progress and (i % 50 == 0 or i == len(files)):
            sys.stderr.write(f"\r{i}/{len(files)}")
            sys.stderr.flush()
        if result.problems is not None:
            n_bad += 1
            problems += result.problems
            if fmt == "text" and not team_view:
                print(SourceError(result.problems).report(lang), file=sys.stderr)
            continue
        n_short += result.falls_short
        v = result.verdict
        if numbers is not None:
            numbers.add(v)
        if team_view:
            tally.add(v)
        elif review:
            pass
        elif fmt == "json":
            out.write(("\n    " if first else ",\n    ") + result.out)
            first = False
        else:
            out.write(result.out + "\n\n")
    if progress:
        sys.stderr.write("\r" + " " * 20 + "\r")
    n_ok = len(files) - n_bad - n_short
    if numbers is not None:
        numbers.unreadable = n_bad
    if review:
        data = numbers.data()  # type: ignore[union-attr]
        if fmt == "json":
            data["errors"] = [verdicts.problem_json(p, lang) for p in problems]
            _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
        else:
            from salesplaybook.review.page import review_page

            _emit(review_page(data, pb, lang, problems), output)
        if problems and fmt != "json":
            print("\n".join(p.render(lang) for p in problems), file=sys.stderr)
    elif team_view:
        rows = tally.rows()
        data = numbers.data()  # type: ignore[union-attr]
        if fmt == "json":
            json.dump({"format_version": verdicts.FORMAT_VERSION, "team": verdicts.team_json(rows, data),
                       "scorecard": verdicts.scorecard_json(data),
                       "errors": [verdicts.problem_json(p, lang) for p in problems]}, out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif fmt == "csv":
            _emit(verdicts.team_csv(rows, data, pb, lang), output)
        elif fmt == "xlsx":
            from salesplaybook.review.workbook import team_workbook

            _emit(team_workbook(data, pb, lang, numbers.all_rows), output)  # type: ignore[union-attr]
        else:
            _emit(verdicts.team_text(rows, data, pb, lang) + "\n", output)
        if problems and fmt != "json":
            print("\n".join(p.render(lang) for p in problems), file=sys.stderr)
    elif fmt == "json":
        rest = {"errors": [verdicts.problem_json(p, lang) for p in problems],
                "summary": {"ok": n_ok, "falls_short": n_short, "unreadable": n_bad}}
        tail = json.dumps(rest, ensure_ascii=False, indent=2)[1:]  # without its opening brace
        out.write(("\n  ]," if not first else "],") + tail + "\n")
    elif fmt == "markdown" and problems:
        out.write(verdicts.problems_markdown(problems, lang) + "\n")
    if fmt in ("text", "markdown") and not team_view and not review:
        print(verdicts.summary_line(n_ok, n_short, n_bad, lang), file=sys.stderr if fmt == "markdown" else out)
    if n_bad:
        return EXIT_BAD_INPUT
    return EXIT_FAIL if n_short else EXIT_OK
