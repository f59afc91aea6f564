"""Judging deal files one after another, or on every core for a big folder.

Each file is read, judged and worded where it is judged (a worker process, or this one); what
comes back is small: the words to print, or the problems, and the verdict itself only when a
team view or review needs it. Results come back in the files' order, so the output, the
summary and the exit code are the same whatever the number of workers, and memory stays flat:
nothing is kept once printed.
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Iterator

AUTO_FROM = 1000
"""From this many files on, the default is one worker per core (below, starting them costs
more than it saves)."""
CHUNK = 32
"""Files handed to a worker at a time: few round trips, yet an even spread."""


class Job:
    """What judging one file needs: the same for every file of a run. (Plain classes here and
    below: generating dataclasses costs a one-deal check more than its judging.)"""

    def __init__(self, playbook: Any, fmt: str, lang: str, color: bool, today: Any, min_score: int | None,
                 keep_verdict: bool):
        self.playbook, self.fmt, self.lang, self.color = playbook, fmt, lang, color
        self.today, self.min_score = today, min_score
        self.keep_verdict = keep_verdict
        """The team view and the review tally verdicts; a plain check prints and forgets them."""


class Result:
    __slots__ = ("problems", "falls_short", "out", "verdict")

    def __init__(self, problems: list | None, falls_short: bool = False, out: str | None = None, verdict: Any = None):
        self.problems = problems
        """The file's problems when it could not be read as a deal (else None)."""
        self.falls_short = falls_short
        self.out = out
        """The verdict as the run prints it (a JSON entry already indented)."""
        self.verdict = verdict


def judge_item(job: Job, item: tuple) -> Result:
    """One file: ("file", path), ("stdin", text), ("skip", path, key, values) for a path that
    holds no readable deals, or ("bad", problems) for input already known to be unreadable."""
    from salesplaybook import verdicts
    from salesplaybook.deal import load_deal, read_deal
    from salesplaybook.judge import judge
    from salesplaybook.problems import Mark, SourceError, problem

    if item[0] == "bad":
        return Result(item[1])
    try:
        if item[0] == "skip":
            raise SourceError([problem(Mark(item[1], 1, 1), (), item[2], **item[3])])
        # the path as typed (or found under a folder typed) names the file in every message
        loaded = read_deal(item[1], "<stdin>", job.playbook) if item[0] == "stdin" else load_deal(item[1], job.playbook, name=item[1])
    except SourceError as e:
        return Result(e.problems)
    v = judge(job.playbook, loaded.deal, loaded.name, today=job.today, min_score=job.min_score)
    if job.keep_verdict:
        return Result(None, v.falls_short, None, v)
    if job.fmt == "text":
        out = verdicts.verdict_text(v, job.playbook, job.lang, job.color)
    elif job.fmt == "markdown":
        out = verdicts.verdict_markdown(v, job.playbook, job.lang)
    else:
        entry = verdicts.verdict_json(v, job.playbook, job.lang)
        out = json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n    ")
    return Result(None, v.falls_short, out)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(n_files: int, jobs: int | None) -> int:
    """The number of worker processes: as asked, else one per core for a big batch, else none."""
    if jobs is not None:
        return jobs
    return usable_cores() if n_files >= AUTO_FROM else 1


def results(job: Job, items: Iterable[tuple], workers: int) -> Iterator[Result]:
    """The Result of every item, in order."""
    if workers <= 1:
        for item in items:
            yield judge_item(job, item)
        return
    import multiprocessing

    with multiprocessing.Pool(workers, initializer=_start_worker, initargs=(job,)) as pool:
        yield from pool.imap(_in_worker, items, chunksize=CHUNK)


_JOB: Job | None = None


def _start_worker(job: Job) -> None:
    import signal

    global _JOB
    _JOB = job
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle


def _in_worker(item: tuple) -> Result:
    assert _JOB is not None
    return judge_item(_JOB, item)
