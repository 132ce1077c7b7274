"""The grid's first draw and reruns, through a real kernel (issue 13, SPEC D1).

Run: ``.venv/bin/python -m benchmarks.data`` (about 30 s). Prints a table and writes
``benchmarks/results/data.json``.

Measured on a 1,000,000-row frame (an int, a float and a text column):

* first draw: every byte the kernel sends for ``fk.dataframe(df)`` in a fragment (messages'
  JSON and binary buffers), and the kernel time of the call; the grid's code, sent once per
  page when the page's first grid asks for it, apart;
* a rerun caused by an unrelated slider: bytes sent in all, and to the grid (target: 0);
* the same with an equal copy of the frame each run (what ``cache_data`` hands out);
* a block of 200 rows asked after a sort: the first sort of the full frame, then a cached one;
* beside it, pandas' own HTML table (``display(df)``: 60 of the rows, nothing to scroll).
"""

from __future__ import annotations

import json
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from tests.frontend import FrontEnd

RESULTS = Path(__file__).parent / "results"
ROWS = 1_000_000
SETUP = (
    "%load_ext fragkernel\nimport time, numpy as np, pandas as pd\n"
    f"df = pd.DataFrame({{'n': np.arange({ROWS}), 'x': np.random.default_rng(0).random({ROWS}),\n"
    f"                   's': np.array(['alpha', 'beta', 'gamma'])[np.arange({ROWS}) % 3]}})\n"
    "timings = []\n"
)
FRAGMENT = (
    "@fragment\ndef f():\n    v = fk.slider('v', 0, 100, 0)\n    t0 = time.perf_counter()\n"
    "    fk.dataframe({frame})\n    timings.append(time.perf_counter() - t0)\n"
    "    fk.text(f'v={{v}}')\nf()"
)


def _bytes(msgs: list[dict[str, Any]]) -> int:
    keys = ("header", "parent_header", "metadata", "content")
    return sum(
        len(json.dumps({k: m[k] for k in keys}, default=str))
        + sum(len(b) for b in m.get("buffers") or [])
        for m in msgs
        if m["header"]["msg_type"] != "status"
    )


def _grid(fe: FrontEnd) -> str:
    (grid,) = fe.with_class("fragkernel-grid")
    return grid


def _for(fe: FrontEnd, model: str, start: int) -> list[dict[str, Any]]:
    return [m for m in fe.log[start:] if m["content"].get("comm_id") == model]


def _reruns(fe: FrontEnd, grid: str, moves: int = 10) -> tuple[float, float]:
    """Median bytes sent per slider move: in all, and to the grid."""
    slider = fe.find("IntSlider", "v")
    total, to_grid = [], []
    for value in range(1, moves + 1):
        start = len(fe.log)
        fe.set(slider, value=value)
        fe.sync()
        sent = [m for m in fe.log[start:] if m["header"]["msg_type"] != "execute_input"]
        total.append(_bytes([m for m in sent if m["parent_header"].get("msg_type") ==
                             "comm_msg"]))  # fmt: skip
        to_grid.append(_bytes(_for(fe, grid, start)))
    return statistics.median(total), statistics.median(to_grid)


def first_draw_and_reruns() -> dict[str, Any]:
    fe = FrontEnd()
    try:
        fe.execute(SETUP, cell_id="setup")
        start = len(fe.log)
        t0 = time.perf_counter()
        fe.execute(FRAGMENT.format(frame="df"), cell_id="grid")
        wall = time.perf_counter() - t0
        first = _bytes(fe.log[start:])
        kernel_s = fe.evaluate("timings[0]")
        grid = _grid(fe)
        total, to_grid = _reruns(fe, grid)
        fe.execute(FRAGMENT.format(frame="df.copy()"), cell_id="grid")
        fe.sync()
        copy_total, copy_grid = _reruns(fe, _grid(fe), moves=5)
        copy_kernel_s = statistics.median(fe.evaluate("timings[-5:]"))
        rerun_kernel_s = statistics.median(fe.evaluate("timings[1:11]"))
        block = _sorted_block(fe, _grid(fe))
        block["code_bytes"] = _code_bytes(fe, _grid(fe))
    finally:
        fe.close()
    return {
        "first_draw_bytes": first,
        "first_draw_kernel_s": kernel_s,
        "first_draw_wall_s": wall,
        "rerun_bytes": total,
        "rerun_grid_bytes": to_grid,
        "rerun_kernel_s": rerun_kernel_s,
        "copy_rerun_bytes": copy_total,
        "copy_rerun_grid_bytes": copy_grid,
        "copy_rerun_kernel_s": copy_kernel_s,
        **block,
    }


def _sorted_block(fe: FrontEnd, grid: str) -> dict[str, float]:
    out = {}
    for name, sort in (("first_sort_block_s", "c1"), ("cached_sort_block_s", "c1")):
        start = len(fe.log)
        t0 = time.perf_counter()
        fe.send_raw(grid, {"method": "custom", "content": {
            "event": "rows", "id": 1, "start": 999_800, "end": 1_000_000,
            "sort": [[sort, "desc"]], "version": fe.models[grid]["version"]}})  # fmt: skip
        fe.wait_until(lambda s=start: any(  # type: ignore[misc]
            m["header"]["msg_type"] == "comm_msg" and m["content"]["data"].get("method")
            == "custom" for m in _for(fe, grid, s)), timeout=60)  # fmt: skip
        out[name] = time.perf_counter() - t0
        out["block_bytes"] = _bytes(_for(fe, grid, start))
    return out


def _code_bytes(fe: FrontEnd, grid: str) -> int:
    """Bytes of the grid's code, sent once per page when its first grid asks."""
    start = len(fe.log)
    fe.send_raw(grid, {"method": "custom", "content": {"event": "code"}})
    fe.wait_until(lambda: any(m["header"]["msg_type"] == "comm_msg"
                              for m in _for(fe, grid, start)), timeout=60)  # fmt: skip
    return _bytes(_for(fe, grid, start))


def pandas_html() -> dict[str, Any]:
    fe = FrontEnd()
    try:
        fe.execute(SETUP, cell_id="setup")
        start = len(fe.log)
        fe.execute("display(df)", cell_id="html")
        return {"bytes": _bytes(fe.log[start:])}
    finally:
        fe.close()


def main() -> int:
    grid = first_draw_and_reruns()
    html = pandas_html()
    targets = [
        ("first draw < 1 MB", grid["first_draw_bytes"], 1_000_000),
        ("first draw kernel time < 1 s", grid["first_draw_kernel_s"], 1.0),
        ("rerun, unrelated change: grid bytes = 0", grid["rerun_grid_bytes"], 0),
        ("rerun, equal copy of the frame: grid bytes = 0", grid["copy_rerun_grid_bytes"], 0),
    ]
    print(f"\nfragkernel grid, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()},"
          f" {ROWS:,} rows x 3 columns")  # fmt: skip
    print(f"\n{'':<44}{'value':>14}")
    rows = [
        ("first draw: bytes sent", f"{grid['first_draw_bytes']:,}"),
        ("grid code, once per page (JS + CSS): bytes", f"{grid['code_bytes']:,}"),
        ("first draw: kernel time of the call (s)", f"{grid['first_draw_kernel_s']:.3f}"),
        ("first draw: cell wall time (s)", f"{grid['first_draw_wall_s']:.3f}"),
        ("rerun (slider moved): bytes sent", f"{grid['rerun_bytes']:,.0f}"),
        ("rerun (slider moved): bytes to the grid", f"{grid['rerun_grid_bytes']:,.0f}"),
        ("rerun: kernel time of the call (s)", f"{grid['rerun_kernel_s']:.4f}"),
        ("rerun, equal copy: bytes to the grid", f"{grid['copy_rerun_grid_bytes']:,.0f}"),
        ("rerun, equal copy: kernel time of the call (s)", f"{grid['copy_rerun_kernel_s']:.3f}"),
        ("200 rows after a sort, first (s)", f"{grid['first_sort_block_s']:.3f}"),
        ("200 rows after a sort, cached (s)", f"{grid['cached_sort_block_s']:.3f}"),
        ("200 rows: bytes", f"{grid['block_bytes']:,}"),
        ("pandas display(df): bytes (60 rows shown)", f"{html['bytes']:,}"),
    ]
    for name, value in rows:
        print(f"{name:<48}{value:>14}")
    failed = 0
    print()
    for name, got, limit in targets:
        ok = got < limit if limit else got == 0
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {got:,.3f}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "data.json").write_text(
        json.dumps(
            {"date": time.strftime("%Y-%m-%d"), "rows": ROWS, "grid": grid, "pandas_html": html},
            indent=2,
        )
        + "\n"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
