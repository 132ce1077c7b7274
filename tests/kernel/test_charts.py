"""Charts through a real kernel: in-place data updates, bytes per rerun, selections (D3, U1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.frontend import FrontEnd

CHART = """
import altair as alt, numpy as np, pandas as pd
import fragkernel as fk

@fk.fragment
def f():
    n = fk.slider("n", 1, 100, 10)
    other = fk.slider("other", 0, 10, 0)
    fk.text(f"other={other}")
    rng = np.random.default_rng(n)
    df = pd.DataFrame({"x": np.arange(500), "y": rng.standard_normal(500).cumsum()})
    fk.altair_chart(alt.Chart(df).mark_line().encode(x="x", y="y"))
f()
"""

SELECT = """
import altair as alt, pandas as pd
import fragkernel as fk

df = pd.DataFrame({"a": [1, 2, 3], "b": [4, 5, 6]})
runs = []

@fk.fragment
def f():
    runs.append(1)
    pick = alt.selection_point("pick", fields=["a"])
    box = alt.selection_interval("box")
    chart = alt.Chart(df).mark_point().encode(x="a", y="b").add_params(pick, box)
    event = fk.altair_chart(chart, on_select="rerun", key="chart")
    fk.text(f"run {len(runs)}: {json.dumps(event)}")
    fk.text(f"attr: {event.selection.pick}")
import json
f()
"""


def _bytes(messages: list[dict[str, Any]], models: set[str] | None = None) -> int:
    """Bytes the kernel sent in widget messages (JSON content plus binary buffers)."""
    total = 0
    for msg in messages:
        if msg["header"]["msg_type"] not in ("comm_open", "comm_msg"):
            continue
        if models is not None and msg["content"]["comm_id"] not in models:
            continue
        total += len(json.dumps(msg["content"], default=str))
        total += sum(len(bytes(b)) for b in msg.get("buffers") or [])
    return total


def _updates(messages: list[dict[str, Any]], models: set[str]) -> list[tuple[str, set[str]]]:
    """(model, names of the traits it updated) of each update (binary ones too)."""
    return [
        (
            m["content"]["comm_id"],
            set(m["content"]["data"].get("state", {}))
            | {p[0] for p in m["content"]["data"].get("buffer_paths", [])},
        )
        for m in messages
        if m["header"]["msg_type"] == "comm_msg"
        and m["content"]["comm_id"] in models
        and m["content"]["data"].get("method") == "update"
    ]


def _charts(fe: FrontEnd) -> list[str]:
    return [m for m, s in fe.models.items() if s.get("_anywidget_id", "").endswith("VegaChart")]


def _chart_models(fe: FrontEnd, chart: str) -> set[str]:
    state = fe.models[chart]
    refs = [*state["datasets"], state["library"]]
    return {chart, *(r.removeprefix("IPY_MODEL_") for r in refs)}


def test_data_change_sends_only_the_data(fe: FrontEnd) -> None:
    """D3: a rerun that changes only the chart's data sends that data, not the spec."""
    fe.execute(CHART, cell_id="c")
    (chart,) = _charts(fe)
    models = _chart_models(fe, chart)
    spec = fe.models[chart]["spec"]
    assert json.loads(spec)["data"] == {"name": "fk_data_0"}
    assert "values" not in spec and "datasets" not in json.loads(spec)
    fe.sync()  # the area's status view opens after its cell (W2): not part of the move

    start = len(fe.log)
    fe.set(fe.find("IntSlider", "n"), value=50)
    fe.sync()
    after = fe.log[start:]
    assert _charts(fe) == [chart]  # the same model: the view stays
    updates = _updates(after, models)
    assert updates, "the new data was not sent"
    assert all(names == {"value"} for _, names in updates)  # the data, nothing else
    assert not any(model == chart for model, _ in updates)  # the spec never moved
    sent = _bytes(after, models)
    # 500 rows of (int32, float64) as Arrow: 6 KB and a header; the spec alone is 1 KB
    assert 6_000 < sent < 8_000, sent
    opened = [m for m in after if m["header"]["msg_type"] == "comm_open"]
    assert not opened, "a data change made new models"


def test_unrelated_change_sends_no_chart_bytes(fe: FrontEnd) -> None:
    """D3: a rerun whose chart data is unchanged sends nothing for the chart."""
    cell = fe.execute(CHART, cell_id="c")
    (chart,) = _charts(fe)
    models = _chart_models(fe, chart)
    start = len(fe.log)
    fe.set(fe.find("IntSlider", "other"), value=3)
    fe.sync()
    assert "other=3" in fe.render(cell.widget_ids[0])
    assert _bytes(fe.log[start:], models) == 0
    assert _bytes(fe.log[start:]) > 0  # the text did change


def test_library_is_sent_once_per_kernel(fe: FrontEnd) -> None:
    """D3: the Vega stack (about 1 MB) is one model shared by every chart, not one each."""
    fe.execute(CHART, cell_id="c")
    fe.execute(CHART.replace("def f", "def g").replace("f()", "g()"), cell_id="d")
    first, second = _charts(fe)
    assert fe.models[first]["library"] == fe.models[second]["library"]
    library = fe.models[first]["library"].removeprefix("IPY_MODEL_")
    assert len(fe.models[library]["source"]) > 500_000
    assert len(fe.models[first]["_esm"]) < 20_000  # each chart's own front end is small


def test_selection_returns_streamlit_state_and_reruns(raw: FrontEnd) -> None:
    """D3: a selection from the browser reruns the fragment with Streamlit's state object."""
    cell = raw.execute(SELECT, cell_id="s")
    area = cell.widget_ids[0]
    assert 'run 1: {"selection": {"box": {}, "pick": {}}}' in raw.render(area)
    (chart,) = _charts(raw)
    assert raw.models[chart]["selection_params"] == ["box", "pick"]
    raw.send_raw(chart, {"method": "custom", "content": {"event": "select", "selection": {
        "pick": [{"a": 2}], "box": {"a": [1.5, 2.5], "b": [4, 6]}}}})  # fmt: skip
    raw.sync()
    text = raw.render(area)
    assert (
        'run 2: {"selection": {"box": {"a": [1.5, 2.5], "b": [4, 6]}, "pick": [{"a": 2}]}}' in text
    ), text
    assert "attr: [{'a': 2}]" in text
    assert raw.evaluate("fk.session_state.chart['selection']['pick']") == [{"a": 2}]
    # clearing one parameter keeps the other
    raw.send_raw(chart, {"method": "custom", "content": {"event": "select",
                                                         "selection": {"pick": {}}}})  # fmt: skip
    raw.sync()
    assert 'run 3: {"selection": {"box": {"a": [1.5, 2.5], "b": [4, 6]}, "pick": {}}}' in (
        raw.render(area)
    )


def test_selection_callback_runs_first(raw: FrontEnd) -> None:
    """D3, F21: ``on_select=callable`` runs the callback, then reruns with the selection."""
    cell = raw.execute(
        SELECT.replace('on_select="rerun"', 'on_select=lambda: fk.write("callback")'),
        cell_id="s",
    )
    (chart,) = _charts(raw)
    raw.send_raw(
        chart,
        {"method": "custom", "content": {"event": "select", "selection": {"pick": [{"a": 3}]}}},
    )
    raw.sync()
    text = raw.render(cell.widget_ids[0])
    assert text.index("callback") < text.index("run 2:"), text
    assert '"pick": [{"a": 3}]' in text


@pytest.mark.parametrize(
    "selection",
    [
        "not a mapping",
        {"nope": [{"a": 1}]},
        {"pick": [{"a": {"deep": 1}}]},
        {"pick": 42},
        {"box": {"a": "not a list"}},
        {"pick": [1, 2, 3]},
    ],
)
def test_bad_selection_is_refused(tmp_path: Path, selection: Any) -> None:
    """U1: a malformed selection from the browser is refused with a message; no rerun."""
    fe = FrontEnd(throttle=False, log_path=str(tmp_path / "kernel.log"))
    try:
        fe.execute("%load_ext fragkernel", cell_id="setup")
        cell = fe.execute(SELECT, cell_id="s")
        (chart,) = _charts(fe)
        fe.send_raw(
            chart, {"method": "custom", "content": {"event": "select", "selection": selection}}
        )
        fe.sync()
        assert "run 1:" in fe.render(cell.widget_ids[0])
        assert "run 2:" not in fe.render(cell.widget_ids[0])
        assert fe.evaluate("len(runs)") == 1
        said = "".join(
            m["content"].get("text", "") for m in fe.log if m["header"]["msg_type"] == "stream"
        )
        assert "refused a chart selection from the front end" in said
    finally:
        fe.close()
    assert "Traceback" not in (tmp_path / "kernel.log").read_text()


def test_on_select_without_selection_parameters_is_refused(fe: FrontEnd) -> None:
    """D3: Streamlit's error when on_select is set and the chart defines no selection."""
    cell = fe.execute(
        "import altair as alt, pandas as pd, fragkernel as fk\n"
        "fk.altair_chart(alt.Chart(pd.DataFrame({'a': [1]})).mark_point().encode(x='a'),"
        " on_select='rerun')",
        cell_id="e",
        check=False,
    )
    assert cell.error is not None
    assert "does not have any selections defined" in cell.error["evalue"]
    cell = fe.execute(
        SELECT.replace('key="chart"', 'key="chart", selection_mode="nope"'),
        cell_id="e2",
        check=False,
    )
    assert "Selection parameter 'nope' is not defined" in fe.render(cell.widget_ids[0])


def test_spec_change_sends_the_new_spec(fe: FrontEnd) -> None:
    """D3: a change of the spec itself (the mark) is sent, on the same model."""
    fe.execute(
        "import altair as alt, pandas as pd, fragkernel as fk\n"
        "df = pd.DataFrame({'a': [1, 2], 'b': [3, 4]})\n"
        "@fk.fragment\ndef f():\n"
        "    bar = fk.checkbox('bar')\n"
        "    mark = alt.Chart(df).mark_bar() if bar else alt.Chart(df).mark_point()\n"
        "    fk.altair_chart(mark.encode(x='a', y='b'))\nf()",
        cell_id="m",
    )
    (chart,) = _charts(fe)
    assert json.loads(fe.models[chart]["spec"])["mark"] == {"type": "point"}
    fe.set(fe.find("Checkbox", "bar"), value=True)
    fe.sync()
    assert _charts(fe) == [chart]
    assert json.loads(fe.models[chart]["spec"])["mark"] == {"type": "bar"}


def test_vega_lite_chart_with_data_and_spec(fe: FrontEnd) -> None:
    """D3: ``vega_lite_chart(df, spec)``: the frame becomes the chart's one dataset."""
    fe.execute(
        "import pandas as pd, fragkernel as fk\n"
        "fk.vega_lite_chart(pd.DataFrame({'a': [1, 2, 3], 'b': [3, 1, 2]}), {'mark': 'bar',"
        " 'encoding': {'x': {'field': 'a', 'type': 'ordinal'},"
        " 'y': {'field': 'b', 'type': 'quantitative'}}})",
        cell_id="v",
    )
    (chart,) = _charts(fe)
    spec = json.loads(fe.models[chart]["spec"])
    assert spec["data"] == {"name": "fk_data_0"}
    assert spec["width"] == "container"
    (data,) = fe.models[chart]["datasets"]
    assert fe.models[data.removeprefix("IPY_MODEL_")]["name"] == "fk_data_0"


def test_unnamed_selection_keeps_its_chart_across_reruns(raw: FrontEnd) -> None:
    """D3: Altair numbers unnamed parameters with a global counter; the rerun the selection
    causes still finds the same chart (same model, same parameter name, selection kept)."""
    cell = raw.execute(
        SELECT.replace('alt.selection_point("pick", fields=["a"])',
                       'alt.selection_point(fields=["a"])')
        .replace('alt.selection_interval("box")', "alt.selection_interval()")
        .replace("event.selection.pick", "event.selection.param_1"),
        cell_id="u",
    )  # fmt: skip
    (chart,) = _charts(raw)
    assert raw.models[chart]["selection_params"] == ["param_1", "param_2"]
    raw.send_raw(
        chart,
        {"method": "custom", "content": {"event": "select", "selection": {"param_1": [{"a": 1}]}}},
    )
    raw.sync()
    assert _charts(raw) == [chart]
    assert "attr: [{'a': 1}]" in raw.render(cell.widget_ids[0])


BUILTIN = """
import numpy as np, pandas as pd
import fragkernel as fk

@fk.fragment
def f():
    n = fk.slider("n", 2, 200, 10)
    rng = np.random.default_rng(n)
    df = pd.DataFrame(rng.standard_normal((n, 3)), columns=["a", "b", "c"])
    fk.CALL
f()
"""


@pytest.mark.parametrize(
    "call",
    [
        "line_chart(df)",
        "area_chart(df, stack='normalize')",
        "bar_chart(df, horizontal=True)",
        "scatter_chart(df, x='a', y='b', size='c')",
        "map(pd.DataFrame({'lat': 37.7 + df['a'] / 50, 'lon': -122.4 + df['b'] / 50}))",
    ],
)
def test_builtin_chart_data_change_sends_only_the_data(raw: FrontEnd, call: str) -> None:
    """D3: line, area, bar, scatter charts and map keep their spec when only the rows change
    (their number too): the rerun sends the new rows only, to the same chart."""
    raw.execute(BUILTIN.replace("CALL", call), cell_id="b")
    (chart,) = _charts(raw)
    models = _chart_models(raw, chart)
    spec = raw.models[chart]["spec"]
    if call.startswith("map"):
        assert json.loads(spec)["projection"] == {"type": "mercator"}
    start = len(raw.log)
    raw.set(raw.find("IntSlider", "n"), value=150)
    raw.sync()
    updates = _updates(raw.log[start:], models)
    assert _charts(raw) == [chart]
    assert updates and all(names == {"value"} for _, names in updates), updates
    assert raw.models[chart]["spec"] == spec


def test_builtin_chart_errors_are_streamlits(fe: FrontEnd) -> None:
    """D3: Streamlit's messages for a missing column and a bad stack."""
    cell = fe.execute(
        "import pandas as pd, fragkernel as fk\nfk.line_chart(pd.DataFrame({'a': [1]}), x='nope')",
        cell_id="e",
        check=False,
    )
    assert cell.error is not None and "does not have a column named" in cell.error["evalue"]
    cell = fe.execute("fk.bar_chart(pd.DataFrame({'a': [1]}), stack='up')", "e2", check=False)
    assert cell.error is not None and "Invalid `stack` value" in cell.error["evalue"]


PLOTLY = """
import json, numpy as np, plotly.graph_objects as go
import fragkernel as fk

@fk.fragment
def p():
    n = fk.slider("n", 1, 100, 10)
    other = fk.slider("other", 0, 10, 0)
    fk.text(f"other={other}")
    rng = np.random.default_rng(n)
    fig = go.Figure(go.Scatter(x=np.arange(1000), y=rng.standard_normal(1000), mode="markers"))
    event = fk.plotly_chart(fig, on_select="rerun", key="p")
    fk.text(f"sel={json.dumps(event)}")
p()
"""


def _plotly(fe: FrontEnd) -> str:
    (chart,) = [m for m, s in fe.models.items() if "PlotlyChart" in str(s.get("_anywidget_id"))]
    return chart


def _points(event: str, indexes: list[int], selector: Any = None) -> dict[str, Any]:
    points = {"trace_indexes": [0] * len(indexes), "point_indexes": indexes,
              "xs": indexes, "ys": [0.5] * len(indexes)}  # fmt: skip
    callback = {"event_type": event, "points": points, "device_state": {}, "selector": selector}
    return {"method": "update", "buffer_paths": [], "state": {"_js2py_pointsCallback": callback}}


def test_plotly_data_change_sends_only_the_changed_array(raw: FrontEnd) -> None:
    """D3: a plotly figure whose y values change gets one restyle of y on the same model
    (not the figure, not x); an unrelated change sends nothing for it; the 5 MB plotly.js
    bundle is a shared library, not in the figure's state."""
    pytest.importorskip("plotly")
    cell = raw.execute(PLOTLY, cell_id="p")
    chart = _plotly(raw)
    assert len(raw.models[chart]["_esm"]) < 5_000
    library = raw.models[chart]["library"].removeprefix("IPY_MODEL_")
    assert len(raw.models[library]["source"]) > 3_000_000
    start = len(raw.log)
    raw.set(raw.find("IntSlider", "n"), value=20)
    raw.sync()
    after = raw.log[start:]
    assert _plotly(raw) == chart
    restyles = [s for m, s in _updates(after, {chart}) if "_py2js_update" in s]
    assert restyles, "the new data was not sent"
    sent = [m["content"]["data"]["state"]["_py2js_update"] for m in after
            if m["header"]["msg_type"] == "comm_msg" and m["content"]["comm_id"] == chart
            and (m["content"]["data"].get("state") or {}).get("_py2js_update")]  # fmt: skip
    assert len(sent) == 1 and set(sent[0]["style_data"]) == {"y"}, sent
    assert 8_000 < _bytes(after, {chart}) < 14_000  # 1,000 doubles, base64: 10.7 KB
    start = len(raw.log)
    raw.set(raw.find("IntSlider", "other"), value=4)
    raw.sync()
    assert "other=4" in raw.render(cell.widget_ids[0])
    assert _bytes(raw.log[start:], {chart}) == 0


def test_plotly_selection_is_streamlits_and_reruns(raw: FrontEnd) -> None:
    """D3: a box selection from the browser reruns with Streamlit's plotly selection state;
    a double click (deselect) empties it; hovering reruns nothing."""
    pytest.importorskip("plotly")
    cell = raw.execute(PLOTLY, cell_id="p")
    chart = _plotly(raw)
    area = cell.widget_ids[0]
    empty = '{"selection": {"points": [], "point_indices": [], "box": [], "lasso": []}}'
    assert f"sel={empty}" in raw.render(area)
    raw.send_raw(chart, _points("plotly_hover", [7]))
    raw.sync()
    assert raw.evaluate("fk.session_state.p['selection']['point_indices']") == []
    box = {"type": "box", "selector_state": {"xrange": [2.5, 4.5], "yrange": [0, 1]}}
    raw.send_raw(chart, _points("plotly_selected", [3, 4], box))
    raw.sync()
    state = raw.evaluate("fk.session_state.p")
    assert state["selection"]["point_indices"] == [3, 4]
    assert state["selection"]["points"][0] == {
        "curve_number": 0, "point_number": 3, "point_index": 3, "x": 3, "y": 0.5}  # fmt: skip
    assert state["selection"]["box"] == [{"xref": "x", "yref": "y", "x": [2.5, 4.5],
                                          "y": [0, 1]}]  # fmt: skip
    assert '"point_indices": [3, 4]' in raw.render(area)
    raw.send_raw(chart, _points("plotly_deselect", []))
    raw.sync()
    assert f"sel={empty}" in raw.render(area)


def test_plotly_bad_points_are_refused(tmp_path: Path) -> None:
    """U1: malformed points from the browser are refused with a message; no rerun."""
    pytest.importorskip("plotly")
    fe = FrontEnd(throttle=False, log_path=str(tmp_path / "kernel.log"))
    try:
        fe.execute("%load_ext fragkernel", cell_id="setup")
        cell = fe.execute(PLOTLY, cell_id="p")
        chart = _plotly(fe)
        bad = _points("plotly_selected", [1])
        bad["state"]["_js2py_pointsCallback"]["points"]["xs"] = [{"deep": 1}]
        for message in (bad, _points("plotly_selected", [-1]),
                        {"method": "update", "buffer_paths": [],
                         "state": {"_js2py_pointsCallback": "nope"}},
                        {"method": "update", "buffer_paths": [],
                         "state": {"_widget_data": []}}):  # fmt: skip
            fe.send_raw(chart, message)
        fe.sync()
        assert fe.evaluate("fk.session_state.p['selection']['point_indices']") == []
        said = "".join(
            m["content"].get("text", "") for m in fe.log if m["header"]["msg_type"] == "stream"
        )
        assert said.count("refused a chart selection from the front end") == 3
        assert "refused a change of ['_widget_data']" in said
        assert "sel=" in fe.render(cell.widget_ids[0])
    finally:
        fe.close()
    assert "Traceback" not in (tmp_path / "kernel.log").read_text()


PLACEHOLDER = """
import pandas as pd
import fragkernel as fk
ph = fk.empty()
for i in range(1, 6):
    ph.line_chart(pd.DataFrame({"y": list(range(i))}))
"""


@pytest.mark.parametrize("where", ["cell", "fragment"])
def test_chart_redrawn_in_a_placeholder_is_the_same_view(fe: FrontEnd, where: str) -> None:
    """D3: Streamlit's animation pattern, ``empty()`` redrawn with a chart in a loop, updates
    one chart in place (one model, its data changed), in a plain cell and in a fragment."""
    code = PLACEHOLDER
    if where == "fragment":
        code = (
            "import fragkernel as fk\n@fk.fragment\ndef f():\n"
            + "".join(f"    {line}\n" for line in PLACEHOLDER.strip().splitlines()[2:]).replace(
                "    ph = fk.empty()", "    import pandas as pd\n    ph = fk.empty()"
            )
            + "f()"
        )
    start = len(fe.log)
    fe.execute(code, cell_id="ph")
    opened = [
        m for m in fe.log[start:]
        if m["header"]["msg_type"] == "comm_open"
        and str(m["content"]["data"]["state"].get("_anywidget_id", "")).endswith("VegaChart")
    ]  # fmt: skip
    assert len(opened) == 1, len(opened)
    (chart,) = _charts(fe)
    (data,) = fe.models[chart]["datasets"]
    data = data.removeprefix("IPY_MODEL_")
    assert fe.models[data]["format"] == "json"
    rows = fe.execute(
        f"print(__import__('ipywidgets').Widget.widgets[{data!r}].value.decode())", "rows"
    ).text.splitlines()[0]  # (then a deprecation warning of Widget.widgets)
    assert [row["y"] for row in json.loads(rows)] == [0, 1, 2, 3, 4]


def test_graphviz_chart_sends_dot_and_refuses_other_types(fe: FrontEnd) -> None:
    """D3: graphviz_chart sends the DOT source (laid out by Graphviz in the browser, from a
    library sent once); a rerun with a new graph changes the same model; a wrong type gets
    Streamlit's message."""
    fe.execute(
        "import fragkernel as fk\n@fk.fragment\ndef g():\n"
        "    n = fk.slider('n', 1, 5, 2)\n"
        "    fk.graphviz_chart('digraph { ' + ' '.join(f'a{i} -> a{i + 1};' for i in range(n))"
        " + ' }')\ng()",
        cell_id="g",
    )
    (chart,) = [m for m, s in fe.models.items() if "GraphvizChart" in str(s.get("_anywidget_id"))]
    assert fe.models[chart]["dot"] == "digraph { a0 -> a1; a1 -> a2; }"
    library = fe.models[chart]["library"].removeprefix("IPY_MODEL_")
    assert len(fe.models[library]["source"]) > 1_000_000
    fe.set(fe.find("IntSlider", "n"), value=3)
    fe.sync()
    assert fe.models[chart]["dot"].endswith("a2 -> a3; }")
    cell = fe.execute("fk.graphviz_chart(42)", cell_id="bad", check=False)
    assert cell.error is not None
    assert "Invalid `figure_or_dot` type" in cell.error["evalue"]
