"""Charts' models over reruns, cell runs and placeholder loops; plotly's browser input (D3,
F14, U1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.frontend import FrontEnd

KINDS = """
import altair as alt, numpy as np, pandas as pd, plotly.graph_objects as go
import fragkernel as fk

@fk.fragment
def f():
    n = fk.slider("n", 1, 100, 10)
    df = pd.DataFrame({"x": np.arange(50), "y": np.random.default_rng(n).standard_normal(50)})
    fk.altair_chart(alt.Chart(df).mark_line().encode(x="x", y="y"))
    fk.altair_chart(alt.Chart(df).mark_point().encode(x="x", y="y")
                    .add_params(alt.selection_point("p")), on_select="rerun", key="sel")
    mark = ["point", "line", "bar"][n % 3]
    fk.vega_lite_chart(df, {"mark": mark, "encoding": {"x": {"field": "x"}, "y": {"field": "y"}}})
    fk.line_chart(df, x="x", y="y")
    fk.plotly_chart(go.Figure(go.Scatter(x=df.x, y=df.y)))
    fk.plotly_chart(go.Figure(go.Bar(x=df.x, y=df.y)), on_select="rerun", key="pl")
    fk.graphviz_chart(f"digraph {{ a -> b{n} }}")
f()
"""


def test_live_models_flat_over_reruns_and_cell_runs(fe: FrontEnd) -> None:
    """F14: every chart kind, data and spec changing each rerun: live models stay flat over
    fragment reruns and over cell re-runs."""
    pytest.importorskip("plotly")
    fe.execute(KINDS, cell_id="k")
    fe.set(fe.find("IntSlider", "n"), value=2)
    fe.sync()
    base = fe.live_models()
    for n in range(3, 15):
        fe.set(fe.find("IntSlider", "n"), value=n)
        fe.sync()
    assert fe.live_models() == base
    fe.execute(KINDS, cell_id="k")
    first = fe.live_models()
    for _ in range(4):
        fe.execute(KINDS, cell_id="k")
    assert fe.live_models() == first


LOOP = """
import pandas as pd
import fragkernel as fk
ph = fk.empty()
for i in range(1, 21):
    with ph.container():
        fk.text(f"frame {i}")
        fk.line_chart(pd.DataFrame({"y": list(range(i))}))
"""


def _rows(data: dict[str, Any]) -> int:
    if data["format"] == "json":
        return len(json.loads(data["value"]))
    import pyarrow as pa

    return int(pa.ipc.open_stream(data["value"]).read_all().num_rows)


def _opened_charts(fe: FrontEnd, start: int) -> int:
    return sum(
        1
        for m in fe.log[start:]
        if m["header"]["msg_type"] == "comm_open"
        and str(m["content"]["data"]["state"].get("_anywidget_id", "")).endswith("VegaChart")
    )


@pytest.mark.parametrize("where", ["cell", "fragment"])
def test_placeholder_container_loop_updates_one_chart(fe: FrontEnd, where: str) -> None:
    """D3: Streamlit's live-dashboard pattern (``with placeholder.container():`` redrawn in a
    loop, a chart inside) updates one chart in place, as ``placeholder.line_chart`` does."""
    code = LOOP
    if where == "fragment":
        body = "".join(f"    {line}\n" for line in LOOP.strip().splitlines()[2:])
        code = (
            "import pandas as pd\nimport fragkernel as fk\n@fk.fragment\ndef f():\n" + body + "f()"
        )
    start = len(fe.log)
    cell = fe.execute(code, cell_id="loop")
    assert _opened_charts(fe, start) == 1
    shown = fe.render(cell.widget_ids[0])
    assert "frame 20" in shown and "frame 19" not in shown, shown
    (chart,) = [m for m, s in fe.models.items() if "VegaChart" in str(s.get("_anywidget_id"))]
    (data,) = [fe.models[ref.removeprefix("IPY_MODEL_")] for ref in fe.models[chart]["datasets"]]
    assert _rows(data) == 20  # the last frame's data, in the one chart


ALTERNATE = """
import pandas as pd
import fragkernel as fk

@fk.fragment
def f():
    ph = fk.empty()
    for i in range(1, 41):
        ph.line_chart(pd.DataFrame({"y": list(range(i))}))
        ph.text(f"frame {i}")
    print(__import__("fragkernel")._frontend.chart.__name__)
f()
"""


def test_placeholder_alternating_chart_keeps_one_model(fe: FrontEnd) -> None:
    """F14/D3: ``ph.line_chart`` then ``ph.text`` in a loop in a fragment: the placeholder
    holds one element, so at most one chart lives at a time (not one per frame)."""
    start = len(fe.log)
    fe.execute(ALTERNATE, cell_id="alt")
    closed = {
        m["content"]["comm_id"] for m in fe.log[start:] if m["header"]["msg_type"] == "comm_close"
    }
    opened = [
        m["content"]["comm_id"]
        for m in fe.log[start:]
        if m["header"]["msg_type"] == "comm_open"
        and str(m["content"]["data"]["state"].get("_anywidget_id", "")).endswith("VegaChart")
    ]
    alive = [c for c in opened if c not in closed and c in fe.models]
    assert len(alive) <= 1, f"{len(alive)} charts alive after the loop"


PLOTLY = """
import json, numpy as np, plotly.graph_objects as go
import fragkernel as fk

@fk.fragment
def p():
    n = fk.slider("n", 1, 100, 10)
    fig = go.Figure(go.Scatter(x=np.arange(5), y=np.arange(5) * n, mode="markers"))
    event = fk.plotly_chart(fig, on_select="rerun", key="p")
    fk.text(f"n={n} sel={json.dumps(event)}")
p()
"""


def _update(state: dict[str, Any]) -> dict[str, Any]:
    return {"method": "update", "buffer_paths": [], "state": state}


def test_plotly_messages_from_a_bad_front_end(tmp_path: Path) -> None:
    """U1: plotly's own browser messages, malformed or hostile (a restyle of a trace that
    does not exist, of the trace type, deltas for unknown traces, a huge selection), change
    nothing the next run relies on: the kernel answers, the figure still updates, and a
    good selection still works."""
    pytest.importorskip("plotly")
    fe = FrontEnd(throttle=False, log_path=str(tmp_path / "kernel.log"))
    try:
        fe.execute("%load_ext fragkernel", cell_id="setup")
        cell = fe.execute(PLOTLY, cell_id="p")
        (chart,) = [m for m, s in fe.models.items() if "PlotlyChart" in str(s.get("_anywidget_id"))]
        for state in (
            {"_js2py_restyle": {"style_data": {"x": [[1]]}, "style_traces": [9],
                                "source_view_id": "v"}},
            {"_js2py_restyle": {"style_data": {"type": "bar"}, "style_traces": [0],
                                "source_view_id": "v"}},
            {"_js2py_restyle": "nope"},
            {"_js2py_relayout": {"relayout_data": {"xaxis.range": "x"}, "source_view_id": "v"}},
            {"_js2py_update": {"style_data": {}, "layout_data": {"nope.nope": 1},
                               "style_traces": [0], "source_view_id": "v"}},
            {"_js2py_traceDeltas": {"trace_deltas": [{"uid": "nope"}], "trace_edit_id": 0}},
            {"_js2py_layoutDelta": {"layout_delta": {"nope": 1}, "layout_edit_id": 0}},
        ):  # fmt: skip
            fe.send_raw(chart, _update(state))
        fe.sync()
        assert fe.responsive()
        fe.set(fe.find("IntSlider", "n"), value=3)
        fe.sync()
        assert "n=3" in fe.render(cell.widget_ids[0])
        points = {"trace_indexes": [0], "point_indexes": [2], "xs": [2], "ys": [6]}
        fe.send_raw(
            chart,
            _update(
                {
                    "_js2py_pointsCallback": {
                        "event_type": "plotly_selected",
                        "points": points,
                        "selector": None,
                    }
                }
            ),
        )
        fe.sync()
        assert '"point_indices": [2]' in fe.render(cell.widget_ids[0])
    finally:
        fe.close()
    assert "Traceback" not in (tmp_path / "kernel.log").read_text()


PLAIN = """
import altair as alt, pandas as pd, plotly.graph_objects as go
import fragkernel as fk
df = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})
fk.line_chart(df, x="x", y="y")
fk.altair_chart(alt.Chart(df).mark_point().encode(x="x", y="y")
                .add_params(alt.selection_interval("b")), on_select="rerun")
fk.plotly_chart(go.Figure(go.Scatter(x=df.x, y=df.y)))
fk.graphviz_chart("digraph { a -> b }")
ph = fk.empty()
for i in range(5):
    ph.bar_chart(df.assign(y=df.y * i), x="x", y="y")
"""


def test_plain_cell_charts_are_closed_when_the_cell_runs_again(fe: FrontEnd) -> None:
    """F14: charts drawn in a plain cell (and in its placeholder) are closed with its next
    run: live models stay flat over cell re-runs."""
    pytest.importorskip("plotly")
    fe.execute(PLAIN, cell_id="plain")
    first = fe.live_models()
    for _ in range(4):
        fe.execute(PLAIN, cell_id="plain")
    assert fe.live_models() == first
