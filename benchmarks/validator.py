"""Benchmark of the deal validator, as ratios against baselines measured in the same run.

    .venv/bin/python benchmarks/validator.py --quick     # under two minutes
    .venv/bin/python benchmarks/validator.py             # 10,000 deals, 3 runs (several minutes)
    .venv/bin/python benchmarks/validator.py --workers-deals 100000   # the worker figure on 100,000 deals

Every figure is a ratio against a baseline timed in the same run, interleaved, on the same
files (the machine is shared; absolute times swing, ratios much less):

1. One deal, process start to exit: `python -m playbook_cli check ONE.yaml` (warm playbook
   cache) against `python -c "import yaml"`. Target <= 2.5x.
2. Batch CPU: `playbook check DIR --jobs 1` over N generated deal files of realistic size
   (read, parse, validate, judge, the Chinese text report) against a process that only parses
   the same files with `yaml.load(text, Loader=yaml.CSafeLoader)`. CPU time of the processes.
   Target <= 1.2x.
3. Workers: wall time of the same check with the default workers (one per core) against
   `--jobs 1`. Target: about halved on two cores. Output bytes must be identical.
4. Memory: peak RSS of `playbook check DIR --format json` over N/10 and N files. Target: flat.
5. Growth: the same deal files checked against a playbook 10x bigger (benchmarks/big_playbook.py)
   against the real one, CPU per deal. Target <= 1.5x.

Processes run with Python's bytecode cache on, as a rep's machine has it (the build machine's
PYTHONDONTWRITEBYTECODE would make every start compile the code). Writes nothing into the
repository; files go to a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PLAYBOOK = ROOT / "playbook" / "playbook.yaml"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
BARE = ("import sys, yaml\n"
        "for path in open(sys.argv[1], encoding='utf-8').read().split('\\n'):\n"
        "    yaml.load(open(path, 'rb').read().decode('utf-8'), Loader=yaml.CSafeLoader)\n")


def _value(fld, rnd: random.Random):
    t = fld.type
    if t == "date":
        return dt.date(2026, 1, 1) + dt.timedelta(days=rnd.randrange(300))
    if t in ("number", "money"):
        return rnd.randrange(1, 5_000_000)
    if t == "choice":
        return rnd.choice(fld.choices).id
    if t == "multi_choice":
        return [c.id for c in fld.choices[: rnd.randrange(1, len(fld.choices) + 1)]]
    if t == "yes_no":
        return rnd.random() < 0.5
    if t == "email":
        return "wang.fang@example.com"
    if t == "phone":
        return "0512-5555-0101"
    return rnd.choice(["华东精密制造有限公司", "王芳，信息部经理", "客户希望三季度上线，预算已报集团审批。", "张伟"])


class _NoAliases(yaml.SafeDumper):
    """Write repeated values out, as a person (or the phone checklist) does: no `&id001`."""

    def ignore_aliases(self, data) -> bool:
        return True


def generate(pb, folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Deals spread over the stages, like a team's real pipeline."""
    rnd = random.Random(seed)
    files = []
    for i in range(n):
        upto = rnd.randrange(1, len(pb.stages) + 1)
        done = {}
        for s in pb.stages[:upto]:
            for item in s.items():
                if s.number < upto or rnd.random() < 0.6:
                    entry = {"date": dt.date(2026, 1, 1) + dt.timedelta(days=rnd.randrange(300))}
                    if rnd.random() < 0.5:
                        entry["evidence"] = "会议纪要和邮件"
                    if rnd.random() < 0.3:
                        entry["contact"] = "王芳"
                    done[item.id] = entry
        forms = {}
        for form in pb.forms:
            if rnd.random() < 0.7:
                entry = {f.id: _value(f, rnd) for f in form.fields if rnd.random() < 0.8}
                forms[form.id] = [entry, dict(entry)] if form.repeatable else entry
        deal = {
            "deal": {"id": f"deal-{i}", "name": f"ERP 升级项目 {i}", "customer": "华东精密制造", "rep": f"rep-{i % 12}"},
            "customer_stage": pb.stages[min(len(pb.stages), upto + rnd.choice([0, 0, 1]))- 1].customer_stage,
            "claimed_stage": pb.stages[min(len(pb.stages), upto + rnd.choice([0, 0, 0, 1])) - 1].id,
            "done": done, "forms": forms,
        }
        f = folder / f"deal-{i:05d}.yaml"
        f.write_text(yaml.dump(deal, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
        files.append(f)
    return files


def children_run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, bytes]:
    """Wall and CPU seconds of a child process (and its workers), and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env or ENV, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), done.stdout


def check_cmd(target: Path, playbook: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "playbook_cli", "check", str(target), "--playbook", str(playbook),
            "--lang", "zh", "--today", "2026-11-27", *extra]


def peak_rss_mb(folder: Path) -> float:
    """Peak memory of a fresh `playbook check FOLDER --format json --jobs 1` process, in MB
    (VmHWM: ru_maxrss would carry this benchmark's own size across the exec)."""
    code = ("import sys, contextlib, os\n"
            "from playbook_cli.main import main\n"
            "with open(os.devnull, 'w') as null, contextlib.redirect_stdout(null): main(sys.argv[1:])\n"
            "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:')))")
    p = subprocess.run([sys.executable, "-c", code, "check", str(folder), "--format", "json", "--jobs", "1",
                        "--playbook", str(PLAYBOOK)], capture_output=True, text=True, env=ENV, check=False)
    return int(p.stdout.strip().splitlines()[-1]) / 1024


def median_pairs(runs: int, a: list[str], b: list[str]) -> tuple[float, float]:
    """Median wall times of two commands, run interleaved."""
    ta, tb = [], []
    for _ in range(runs):
        ta.append(children_run(a)[0])
        tb.append(children_run(b)[0])
    return statistics.median(ta), statistics.median(tb)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="2,000 deals, 2 runs: under two minutes")
    ap.add_argument("--deals", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3, help="repetitions; the median is reported")
    ap.add_argument("--workers-deals", type=int, default=0, help="deals for the worker figure (default: --deals)")
    args = ap.parse_args()
    if args.quick:
        args.deals, args.runs = 2000, 2
    sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]
    from big_playbook import write_big_playbook
    from salesplaybook import load_playbook

    pb = load_playbook(PLAYBOOK)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        cache_home = tmp_path / "cache"
        ENV["XDG_CACHE_HOME"] = str(cache_home)
        folder = tmp_path / "deals"
        folder.mkdir()
        files = generate(pb, folder, args.deals)
        listing = tmp_path / "files.txt"
        listing.write_text("\n".join(map(str, files)), encoding="utf-8")
        size = statistics.mean(f.stat().st_size for f in files)
        print(f"{len(files)} generated deals, mean {size / 1024:.1f} KB; runs interleaved, medians of {args.runs}")

        # 1. one deal, start to exit
        one = check_cmd(files[0], PLAYBOOK)
        children_run(one)  # warm the cache, and Python's bytecode cache
        runs = max(7, args.runs * 3)
        t_yaml, t_one = median_pairs(runs, [sys.executable, "-c", "import yaml"], one)
        print(f"one deal, start to exit: {t_one:.3f} s; `python -c \"import yaml\"` {t_yaml:.3f} s; "
              f"ratio {t_one / t_yaml:.2f} (target <= 2.5)")
        t_cold = statistics.median(children_run(one, {**ENV, "PLAYBOOK_NO_CACHE": "1"})[0] for _ in range(3))
        print(f"  without the playbook cache (PLAYBOOK_NO_CACHE=1): {t_cold:.3f} s")

        # 2. batch CPU, one process
        bare_cpu, ours_cpu = [], []
        for _ in range(args.runs):
            bare_cpu.append(children_run([sys.executable, "-c", BARE, str(listing)])[1])
            ours_cpu.append(children_run(check_cmd(folder, PLAYBOOK, "--jobs", "1"))[1])
        b, o = statistics.median(bare_cpu), statistics.median(ours_cpu)
        print(f"batch, CPU: bare C-loader parse {b:.2f} s ({b / len(files) * 1e3:.2f} ms/deal), "
              f"playbook check --jobs 1 {o:.2f} s ({o / len(files) * 1e3:.2f} ms/deal); ratio {o / b:.2f} (target <= 1.2)")

        # 3. workers
        wfolder = folder
        if args.workers_deals and args.workers_deals != args.deals:
            wfolder = tmp_path / "many"
            wfolder.mkdir()
            generate(pb, wfolder, args.workers_deals, seed=8)
        n_w = len(list(wfolder.glob("*.yaml")))
        serial, parallel = [], []
        for _ in range(max(1, args.runs - 1) if n_w > 20_000 else args.runs):
            w1, _, out1 = children_run(check_cmd(wfolder, PLAYBOOK, "--jobs", "1"))
            w2, _, out2 = children_run(check_cmd(wfolder, PLAYBOOK))
            assert out1 == out2, "workers changed the output"
            serial.append(w1)
            parallel.append(w2)
        s1, s2 = statistics.median(serial), statistics.median(parallel)
        print(f"workers: {n_w} deals, one process {s1:.2f} s wall, default workers ({os.cpu_count()} cores) {s2:.2f} s; "
              f"ratio {s2 / s1:.2f} (same output bytes)")

        # 4. memory
        small = tmp_path / "small"
        small.mkdir()
        for f in files[: max(1, len(files) // 10)]:
            os.link(f, small / f.name)
        print(f"memory: peak RSS {peak_rss_mb(small):.0f} MB for {len(files) // 10} deals, "
              f"{peak_rss_mb(folder):.0f} MB for {len(files)} deals (target: flat)")

        # 5. growth: the same deals against a playbook 10x bigger
        big = write_big_playbook(tmp_path / "big", factor=10)
        subset = tmp_path / "subset"
        subset.mkdir()
        for f in files[:1000]:
            os.link(f, subset / f.name)
        children_run(check_cmd(subset, big, "--jobs", "1"))  # warm its cache entry
        real_cpu, big_cpu = [], []
        for _ in range(args.runs):
            real_cpu.append(children_run(check_cmd(subset, PLAYBOOK, "--jobs", "1"))[1])
            big_cpu.append(children_run(check_cmd(subset, big, "--jobs", "1"))[1])
        r, g = statistics.median(real_cpu), statistics.median(big_cpu)
        print(f"growth: 1,000 deals checked (text verdicts) against the real playbook {r:.2f} s CPU, against one 10x "
              f"bigger {g:.2f} s; ratio {g / r:.2f} (target <= 1.5)")
        jr, jg = read_and_judge(sorted(subset.iterdir()), PLAYBOOK, big, args.runs)
        print(f"  reading and judging only (no verdict text, in one process): {jr:.2f} s vs {jg:.2f} s; ratio {jg / jr:.2f}")


def read_and_judge(files: list[Path], real: Path, big: Path, runs: int) -> tuple[float, float]:
    """CPU seconds to read and judge `files` against each playbook (rules from the warm cache)."""
    from playbook_cli import cache
    from salesplaybook.deal import load_deal
    from salesplaybook.judge import judge

    books = [cache.load_rules(real), cache.load_rules(big)]
    times: list[list[float]] = [[], []]
    for _ in range(runs):
        for k, rules in enumerate(books):
            start = time.process_time()
            for f in files:
                judge(rules, load_deal(f, rules).deal)
            times[k].append(time.process_time() - start)
    return statistics.median(times[0]), statistics.median(times[1])


if __name__ == "__main__":
    main()
