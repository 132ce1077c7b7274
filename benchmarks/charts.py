"""Bytes per rerun when a chart's data changes: fragkernel against ``interact`` (SPEC D3).

Run: ``python -m benchmarks.charts`` (about a minute). Prints a table and writes
``benchmarks/results/charts.json``.

The same work in each peer: a slider picks a seed; a frame of ``ROWS`` rows (an index and a
random walk) is drawn as a line chart. Each move changes the chart's data only. Peers:

* ``fragkernel``: ``fk.line_chart(df)`` in a fragment (the chart updates in place);
* ``fk altair``: ``fk.altair_chart`` of the same Altair chart as the altair peers;
* ``interact + matplotlib``: ``ipywidgets.interact`` redrawing a matplotlib figure (a PNG);
* ``interact + altair``: ``interact`` displaying the Altair chart (Vega-Lite JSON, data inline);
* ``interact + JupyterChart``: ``interact`` displaying ``alt.JupyterChart`` (a new widget
  with spec and data on every move);
* ``fk plotly``: ``fk.plotly_chart`` of a plotly figure of the same line (updated in place);
* ``interact + plotly``: ``interact`` showing the plotly figure (its JSON, data inline);
* ``interact + FigureWidget``: ``interact`` displaying a new ``go.FigureWidget`` each move
  (plotly.js's 5 MB bundle is in every FigureWidget's state).

Also measured: fragkernel's bytes for a move of an unrelated slider (target: no chart bytes)
and its first draw (with and without the Vega library, which is sent once per kernel).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from tests.frontend import FrontEnd

RESULTS = Path(__file__).parent / "results"
ROWS = (100, 1_000, 10_000)
MOVES = 8

_DATA = (
    "    rng = np.random.default_rng(seed)\n"
    "    df = pd.DataFrame({'x': np.arange(ROWS), 'y': rng.standard_normal(ROWS).cumsum()})\n"
)
_CHART = "alt.Chart(df).mark_line().encode(x='x', y='y')"
_IMPORTS = "import numpy as np, pandas as pd, altair as alt\nROWS = __ROWS__\n"

PEERS: dict[str, str] = {
    "fragkernel": "%load_ext fragkernel\n" + _IMPORTS + "@fragment\ndef f():\n"
    "    seed = fk.slider('seed', 0, 1000, 0)\n    other = fk.slider('other', 0, 1000, 0)\n"
    + _DATA
    + "    fk.line_chart(df, x='x', y='y')\nf()",
    "fk altair": "%load_ext fragkernel\n" + _IMPORTS + "@fragment\ndef f():\n"
    "    seed = fk.slider('seed', 0, 1000, 0)\n" + _DATA + f"    fk.altair_chart({_CHART})\nf()",
    "interact + matplotlib": "%matplotlib inline\nimport matplotlib.pyplot as plt\n"
    "import ipywidgets as w\n"
    + _IMPORTS
    + "def f(seed):\n"
    + _DATA
    + "    fig, ax = plt.subplots(figsize=(7, 3))\n    ax.plot(df.x, df.y)\n    plt.show()\n"
    "w.interact(f, seed=w.IntSlider(description='seed', max=1000))",
    "interact + altair": "import ipywidgets as w\nfrom IPython.display import display\n"
    + _IMPORTS
    + "alt.data_transformers.disable_max_rows()\n"
    + "def f(seed):\n"
    + _DATA
    + f"    display({_CHART})\n"
    "w.interact(f, seed=w.IntSlider(description='seed', max=1000))",
    "interact + JupyterChart": "import ipywidgets as w\nfrom IPython.display import display\n"
    + _IMPORTS
    + "alt.data_transformers.disable_max_rows()\n"
    + "def f(seed):\n"
    + _DATA
    + f"    display(alt.JupyterChart({_CHART}))\n"
    "w.interact(f, seed=w.IntSlider(description='seed', max=1000))",
    "fk plotly": "%load_ext fragkernel\nimport plotly.graph_objects as go\n"
    + _IMPORTS
    + "@fragment\ndef f():\n    seed = fk.slider('seed', 0, 1000, 0)\n"
    + _DATA
    + "    fk.plotly_chart(go.Figure(go.Scatter(x=df.x, y=df.y)))\nf()",
    "interact + plotly": "import ipywidgets as w, plotly.io as pio, plotly.graph_objects as go\n"
    "pio.renderers.default = 'plotly_mimetype'\n"
    + _IMPORTS
    + "def f(seed):\n"
    + _DATA
    + "    go.Figure(go.Scatter(x=df.x, y=df.y)).show()\n"
    "w.interact(f, seed=w.IntSlider(description='seed', max=1000))",
    "interact + FigureWidget": "import ipywidgets as w, plotly.graph_objects as go\n"
    "from IPython.display import display\n"
    + _IMPORTS
    + "def f(seed):\n"
    + _DATA
    + "    display(go.FigureWidget(go.Scatter(x=df.x, y=df.y)))\n"
    "w.interact(f, seed=w.IntSlider(description='seed', max=1000))",
}


def _bytes(messages: list[dict[str, Any]], models: set[str] | None = None) -> int:
    """Bytes of the messages as the kernel sends them: headers, content and binary buffers."""
    total = 0
    for msg in messages:
        if msg["header"]["msg_type"] == "status":
            continue
        if models is not None and msg["content"].get("comm_id") not in models:
            continue
        keys = ("header", "parent_header", "metadata", "content")
        total += len(json.dumps({k: msg[k] for k in keys}, default=str))
        total += sum(len(bytes(b)) for b in msg.get("buffers") or [])
    return total


def _slider(fe: FrontEnd, label: str) -> str:
    for model_id, state in fe.models.items():
        if state.get("_model_name") == "IntSliderModel" and state.get("description") == label:
            return model_id
    raise LookupError(label)


def _chart_models(fe: FrontEnd) -> set[str]:
    found: set[str] = set()
    for model_id, state in fe.models.items():
        if str(state.get("_anywidget_id", "")).endswith(("VegaChart", "PlotlyChart")):
            found.add(model_id)
            found |= {r.removeprefix("IPY_MODEL_") for r in state.get("datasets", [])}
    return found


def _move(fe: FrontEnd, slider: str, value: int) -> list[dict[str, Any]]:
    start = len(fe.log)
    msg_id = fe._send_comm(slider, {"method": "update", "state": {"value": value},
                                    "buffer_paths": []})  # fmt: skip
    fe.wait_for(msg_id)
    fe.settle(quiet=0.2)
    return fe.log[start:]


def measure(name: str, rows: int) -> dict[str, float]:
    """Median bytes per move of the data slider (and of the unrelated one, for fragkernel)."""
    fe = FrontEnd(throttle=False)
    try:
        start = len(fe.log)
        fe.execute(PEERS[name].replace("__ROWS__", str(rows)), cell_id="bench")
        fe.settle(quiet=0.3)
        first = fe.log[start:]
        library = sum(
            len(json.dumps(m["content"]))
            for m in first
            if m["header"]["msg_type"] == "comm_open"
            and "source" in m["content"]["data"].get("state", {})
        )
        seed = _slider(fe, "seed")
        _move(fe, seed, 1)  # warm up
        moves = [_move(fe, seed, value) for value in range(2, 2 + MOVES)]
        charts = _chart_models(fe)
        row: dict[str, float] = {
            "bytes_per_move": statistics.median(_bytes(m) for m in moves),
            "first_draw_bytes": _bytes(first),
            "first_draw_without_library": _bytes(first) - library,
        }
        if charts:
            row["chart_bytes_per_move"] = statistics.median(_bytes(m, charts) for m in moves)
        if name == "fragkernel":
            other = _slider(fe, "other")
            unrelated = [_move(fe, other, value) for value in range(1, 1 + MOVES)]
            row["unrelated_bytes_per_move"] = statistics.median(_bytes(m) for m in unrelated)
            row["unrelated_chart_bytes"] = max(_bytes(m, charts) for m in unrelated)
        return row
    finally:
        fe.close()


def main() -> int:
    started = time.time()
    table = {rows: {name: measure(name, rows) for name in PEERS} for rows in ROWS}
    print(f"\nchart data changes, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}")
    print(f"bytes per move (median of {MOVES}); first draw in parentheses, without the Vega "
          "library that fragkernel sends once per kernel")  # fmt: skip
    for rows, peers in table.items():
        print(f"\n{rows:,} rows{'':<16}{'per move':>12}{'first draw':>14}")
        for name, row in peers.items():
            print(
                f"  {name:<24}{row['bytes_per_move']:>12,.0f}"
                f"{row['first_draw_without_library']:>14,.0f}"
            )
        ours = peers["fragkernel"]
        print(
            f"  unrelated slider (fragkernel): {ours['unrelated_bytes_per_move']:,.0f} bytes, "
            f"of which chart {ours['unrelated_chart_bytes']:,.0f}"
        )
    library = table[ROWS[0]]["fragkernel"]
    once = library["first_draw_bytes"] - library["first_draw_without_library"]
    print(f"\nVega library, once per kernel: {once:,.0f} bytes")
    targets = []
    for rows, peers in table.items():
        ours = peers["fragkernel"]
        targets += [
            (f"{rows:,} rows: no chart bytes for an unrelated move",
             ours["unrelated_chart_bytes"], 0),
            (f"{rows:,} rows: per move <= interact + altair's",
             ours["bytes_per_move"] / peers["interact + altair"]["bytes_per_move"], 1.0),
            (f"{rows:,} rows: per move <= interact + JupyterChart's",
             ours["bytes_per_move"] / peers["interact + JupyterChart"]["bytes_per_move"], 1.0),
            (f"{rows:,} rows: fk plotly per move <= interact + plotly's",
             peers["fk plotly"]["bytes_per_move"] / peers["interact + plotly"]["bytes_per_move"],
             1.0),
        ]  # fmt: skip
    print("\ntargets")
    met = True
    for label, value, limit in targets:
        ok = value <= limit
        met &= ok
        print(f"  {'met    ' if ok else 'NOT MET'}  {label:<56} {value:8.2f}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "charts.json").write_text(json.dumps({
        "date": time.strftime("%Y-%m-%d"), "python": platform.python_version(),
        "machine": f"{os.cpu_count()} cores", "moves": MOVES,
        "rows": {str(r): p for r, p in table.items()}, "library_bytes": once,
        "targets": [{"target": t, "value": v, "limit": lim, "met": v <= lim}
                    for t, v, lim in targets],
        "seconds": time.time() - started,
    }, indent=2))  # fmt: skip
    print(f"\n{time.time() - started:.0f} s; results in {RESULTS / 'charts.json'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
