"""Benchmark of the deal validator, as ratios against baselines measured in the same run.

    .venv/bin/python benchmarks/validator.py            # 10,000 deals (a few minutes)
    .venv/bin/python benchmarks/validator.py --deals 1000 --runs 5

1. Batch: N generated deal files of realistic size (a deal part-way through the stages, forms
   filled in) are checked in one process (read, parse, validate against the playbook, judge,
   format the text report), against a bare PyYAML C-loader parse of the same files. Target <= 1.5x.
2. Memory: peak memory of `playbook check DIR --format json` with N/10 and N files, in fresh
   processes (ru_maxrss). Target: flat in the number of files.
3. One deal, process start to exit (`playbook check ONE.yaml`, warm playbook cache), against a
   bare `python -c pass`. Target <= 0.3 s.

Writes nothing into the repository; files go to a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PLAYBOOK = ROOT / "playbook" / "playbook.yaml"


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


def bare_parse(files: list[Path]) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    for f in files:
        yaml.load(f.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start, time.process_time() - cpu


def validator(files: list[Path], pb) -> tuple[float, float]:
    from playbook_cli import report
    from salesplaybook.deal import load_deal
    from salesplaybook.judge import judge

    sink = open(os.devnull, "w")
    start, cpu = time.perf_counter(), time.process_time()
    for f in files:
        loaded = load_deal(f, pb, name=str(f))  # as `playbook check` does
        v = judge(pb, loaded.deal, loaded.name)
        sink.write(report.verdict_text(v, pb, "zh"))
    return time.perf_counter() - start, time.process_time() - cpu


def peak_rss_mb(folder: Path) -> float:
    """Peak memory of a fresh `playbook check FOLDER --format json` process, in MB."""
    code = ("import resource, sys, runpy; sys.argv = ['playbook'] + sys.argv[1:]\n"
            "from playbook_cli.main import main\n"
            "import contextlib, os\n"
            "with open(os.devnull, 'w') as null, contextlib.redirect_stdout(null): main(sys.argv[1:])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    p = subprocess.run([sys.executable, "-c", code, "check", str(folder), "--format", "json", "--playbook", str(PLAYBOOK)],
                       capture_output=True, text=True, check=False)
    return int(p.stdout.strip().splitlines()[-1]) / 1024


def process_time(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--deals", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3, help="repetitions; the median is reported")
    args = ap.parse_args()
    os.chdir(ROOT)
    from salesplaybook import load_playbook

    pb = load_playbook(PLAYBOOK)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "deals"
        folder.mkdir()
        files = generate(pb, folder, args.deals)
        size = statistics.mean(f.stat().st_size for f in files)
        validator(files[:50], pb)  # warm up: build the validators once, like any long run
        bare, ours = [], []
        for _ in range(args.runs):  # interleaved, so a busy machine slows both alike
            bare.append(bare_parse(files))
            ours.append(validator(files, pb))
        b, o = statistics.median(x[0] for x in bare), statistics.median(x[0] for x in ours)
        bc, oc = statistics.median(x[1] for x in bare), statistics.median(x[1] for x in ours)
        print(f"batch: {len(files)} deals, mean {size / 1024:.1f} KB, median of {args.runs} interleaved runs")
        print(f"  bare PyYAML C-loader parse: {b:.2f} s wall, {bc:.2f} s CPU ({bc / len(files) * 1e3:.2f} ms/deal)")
        print(f"  validator (read+parse+validate+judge+text): {o:.2f} s wall, {oc:.2f} s CPU ({oc / len(files) * 1e3:.2f} ms/deal)")
        print(f"  ratio: {o / b:.2f}x wall, {oc / bc:.2f}x CPU (target <= 1.5x)")

        small = Path(tmp) / "small"
        small.mkdir()
        for f in files[: max(1, len(files) // 10)]:
            os.link(f, small / f.name)
        print(f"memory: peak RSS {peak_rss_mb(small):.0f} MB for {len(list(small.iterdir()))} deals, "
              f"{peak_rss_mb(folder):.0f} MB for {len(files)} deals (target: flat)")

        one = str(files[0])
        cli = [sys.executable, "-m", "playbook_cli", "check", one, "--playbook", str(PLAYBOOK)]
        subprocess.run(cli, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)  # warm the cache
        runs = max(5, args.runs * 3)
        t_cli = process_time(cli, runs)
        t_py = process_time([sys.executable, "-c", "pass"], runs)
        t_imp = process_time([sys.executable, "-c", "from pydantic import BaseModel; import yaml"], runs)
        no_cache = {**os.environ, "PLAYBOOK_NO_CACHE": "1"}
        t_cold = statistics.median(_timed(cli, no_cache) for _ in range(runs))
        print(f"one deal, process start to exit (median of {runs}): {t_cli:.3f} s (target <= 0.3 s)")
        print(f"  baselines: `python -c pass` {t_py:.3f} s; `python -c 'from pydantic import BaseModel; import yaml'` {t_imp:.3f} s")
        print(f"  without the playbook cache (PLAYBOOK_NO_CACHE=1): {t_cold:.3f} s")


def _timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
