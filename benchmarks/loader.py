"""Benchmark of the playbook loader, as ratios against baselines measured in the same run.

    .venv/bin/python benchmarks/loader.py            # the real playbook, best of 7 runs
    .venv/bin/python benchmarks/loader.py --runs 15

1. Reading: `yaml_source.parse` (locations, duplicate keys, bounded aliases) of every file of
   playbook/, against PyYAML's bare C loader (`CSafeLoader`) on the same texts.
   Target: <= 1.5x. The located reader must not be what makes the site or the validator slow.
2. Loading: `load_playbook` (read, includes, types, cross-checks), against the bare C loader
   plus `Playbook.model_validate` of the same, already expanded, data.
   Target: <= 2x.

Best-of-N CPU times (time.process_time): on a busy machine wall-clock times swing by 2x
from run to run, CPU time much less. Writes nothing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Callable

import yaml

from salesplaybook.loader import load_data, load_playbook
from salesplaybook.model import Playbook
from salesplaybook.yaml_source import parse

ROOT = Path(__file__).resolve().parents[1]
PLAYBOOK = ROOT / "playbook" / "playbook.yaml"
_CLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def best(f: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        f()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    texts = [p.read_text(encoding="utf-8") for p in sorted(PLAYBOOK.parent.rglob("*.yaml"))]
    values = sum(len(parse(t, "f")[1].values) for t in texts)
    bare = best(lambda: [yaml.load(t, Loader=_CLoader) for t in texts], args.runs)
    ours = best(lambda: [parse(t, "f") for t in texts], args.runs)
    print(f"reading {len(texts)} files, {values} values: CSafeLoader {bare * 1000:.1f} ms, "
          f"parse {ours * 1000:.1f} ms, ratio {ours / bare:.2f} (target <= 1.5)")

    data, _ = load_data(PLAYBOOK)
    bare = best(lambda: ([yaml.load(t, Loader=_CLoader) for t in texts], Playbook.model_validate(data)), args.runs)
    ours = best(lambda: load_playbook(PLAYBOOK), args.runs)
    print(f"loading: CSafeLoader + model_validate {bare * 1000:.1f} ms, load_playbook {ours * 1000:.1f} ms, "
          f"ratio {ours / bare:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
