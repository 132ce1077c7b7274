"""Soak: 100,000 reruns and 1,000 runs of the same cell in one kernel (issue 8).

Run: ``.venv/bin/python -m benchmarks.soak`` (about two minutes). Live widget models must
stay flat and kernel memory must grow by less than 20 MB; it prints the figures, writes
``benchmarks/results/soak.json`` and exits non-zero when a target is missed.

Every rerun changes one element, so each sends one update. The reruns are asked for in the
kernel, 500 at a time (``instance.rerun()``, the call the
scheduler makes for each served event), so that the front end reads every message the
kernel sends and the kernel's IOPub queue never overflows.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from tests.frontend import FrontEnd

RESULTS = Path(__file__).parent / "results"
RERUNS = 100_000
CELL_RUNS = 1_000
CHUNK = 500

CELL = """
import fragkernel as fk
runs = [0]
@fk.fragment
def soaked(step):
    runs[0] += 1
    n = fk.slider("n", 0, 1000, 0)
    a, b = fk.columns(2)
    a.text(f"n = {n}, run {runs[0]}")  # changes on every rerun: one update each
    b.write(f"step **{step}**")
    with fk.expander("details"):
        fk.text_input("note", key="note")
        print("printed", n)
soaked(1)
"""

RERUN_CHUNK = """
from fragkernel._runtime.engine import live_instances
_soaked = [i for i in live_instances() if i.name == "soaked"][-1]
for _ in range({chunk}):
    _soaked.rerun()
"""

PROBE = (
    "[len(__import__('ipywidgets').widgets.widget._instances), "
    "int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0])]"
)


def main() -> int:
    started = time.time()
    fe = FrontEnd(throttle=False)
    try:
        fe.execute("%load_ext fragkernel", cell_id="setup")
        fe.execute(CELL, cell_id="soak")
        fe.execute(RERUN_CHUNK.format(chunk=CHUNK), cell_id="warm")
        fe.execute("import gc; gc.collect()", cell_id="gc")
        models0, rss0 = fe.evaluate(PROBE)
        for _ in range(RERUNS // CHUNK):
            fe.execute(RERUN_CHUNK.format(chunk=CHUNK), cell_id="rerun")
        fe.execute("import gc; gc.collect()", cell_id="gc")
        models1, rss1 = fe.evaluate(PROBE)
        reruns_s = time.time() - started
        for _ in range(CELL_RUNS):
            fe.execute(CELL, cell_id="soak")
        fe.execute("import gc; gc.collect()", cell_id="gc")
        models2, rss2 = fe.evaluate(PROBE)
    finally:
        fe.close()
    figures = {
        "reruns": RERUNS,
        "cell_runs": CELL_RUNS,
        "models_growth_reruns": models1 - models0,
        "models_growth_cells": models2 - models0,
        "memory_mb_reruns": (rss1 - rss0) / 1024,
        "memory_mb_total": (rss2 - rss0) / 1024,
        "reruns_seconds": reruns_s,
        "seconds": time.time() - started,
    }
    targets = [
        ("live models flat after 100,000 reruns", figures["models_growth_reruns"], 0),
        ("live models flat after 1,000 cell runs", figures["models_growth_cells"], 0),
        ("kernel memory growth < 20 MB", figures["memory_mb_total"], 20),
    ]
    print(f"\nsoak: {RERUNS:,} reruns in {reruns_s:.0f} s, then {CELL_RUNS:,} runs of the cell")
    print(f"  live models: +{figures['models_growth_reruns']} after the reruns, "
          f"+{figures['models_growth_cells']} after the cell runs")  # fmt: skip
    print(f"  kernel memory: +{figures['memory_mb_reruns']:.1f} MB after the reruns, "
          f"+{figures['memory_mb_total']:.1f} MB in all")  # fmt: skip
    met = True
    for label, value, limit in targets:
        ok = value <= limit if limit else value == 0
        met &= ok
        print(f"  {'met    ' if ok else 'NOT MET'}  {label:<40} {value:8.1f}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "soak.json").write_text(json.dumps({**figures, "met": met}, indent=2))
    print(f"{figures['seconds']:.0f} s; results in {RESULTS / 'soak.json'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
