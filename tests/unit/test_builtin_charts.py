"""Streamlit's built-in charts rebuilt as Altair charts, compared with Streamlit's own (SPEC D3).

Each case builds a chart with ``fragkernel._data.builtin_charts`` and the same call with
Streamlit 1.67's generator (``built_in_chart_utils.generate_chart``, installed package), then
compares the Vega-Lite specs (marks, encodings with their fields, types, titles, stack and sort,
transforms, params, layers) and the data rows. Only the differences the module documents are
normalised away before comparing, each in one named place below.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import pytest
from streamlit.elements.lib import built_in_chart_utils as st_charts
from streamlit.elements.lib.built_in_chart_utils import ChartType
from streamlit.elements.vega_charts import _stabilize_vega_json_spec
from streamlit.errors import StreamlitAPIException as StError

from fragkernel._data import builtin_charts as bc
from fragkernel._errors import StreamlitAPIException

_KINDS = {
    "line": ChartType.LINE,
    "area": ChartType.AREA,
    "bar": ChartType.VERTICAL_BAR,
    "horizontal_bar": ChartType.HORIZONTAL_BAR,
    "scatter": ChartType.SCATTER,
}


def _split(spec: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The spec without its dataset (name and rows), and the rows."""
    spec = dict(spec)
    datasets = spec.pop("datasets", {})
    data = spec.pop("data", None)
    assert data is not None and set(data) == {"name"}
    assert list(datasets) == [data["name"]]
    spec.pop("$schema", None)
    return spec, datasets[data["name"]]


def _ours(kind: str, data: Any, **kwargs: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if kind == "line":
        built = bc.line_chart(data, **kwargs)
    elif kind == "area":
        built = bc.area_chart(data, **kwargs)
    elif kind in ("bar", "horizontal_bar"):
        built = bc.bar_chart(data, horizontal=kind == "horizontal_bar", **kwargs)
    else:
        built = bc.scatter_chart(data, **kwargs)
    return _split(built.chart.to_dict())


def _streamlits(kind: str, data: Any, **kwargs: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Streamlit's spec for the same call, with the argument defaults its commands apply."""
    stack = kwargs.pop("stack", None)
    if kind == "area" and stack in (None, False):
        stack = "layered"
    sort = kwargs.pop("sort", kind in ("bar", "horizontal_bar"))
    chart = st_charts.generate_chart(
        _KINDS[kind],
        data,
        x_from_user=kwargs.pop("x", None),
        y_from_user=kwargs.pop("y", None),
        x_axis_label=kwargs.pop("x_label", None),
        y_axis_label=kwargs.pop("y_label", None),
        color_from_user=kwargs.pop("color", None),
        size_from_user=kwargs.pop("size", None),
        width=kwargs.pop("width", "stretch"),
        height=kwargs.pop("height", "content"),
        stack=stack,
        sort_from_user=sort,
    )
    assert not kwargs
    raw = chart.to_dict()
    datasets = raw.pop("datasets")
    spec = json.loads(_stabilize_vega_json_spec(json.dumps(raw)))
    spec["datasets"] = datasets
    spec, rows = _split(spec)
    # Streamlit writes width/height 0 (its front end sizes the chart); ours leaves them out.
    for name in ("width", "height"):
        if spec.get(name) == 0:
            del spec[name]
    # Documented difference: the hover is always throttled (a spec that does not depend on
    # the number of rows).
    text = json.dumps(spec).replace('"on": "mousemove"', '"on": "mousemove{16}"')
    spec = json.loads(text)
    # Documented difference: horizontal bars never title an axis with an internal column name
    # (Streamlit shows "value -- streamlit-generated" / "index -- streamlit-generated").
    for channel in ("x", "y"):
        enc = spec.get("encoding", {}).get(channel, {})
        if enc.get("title") in (bc.VALUE_COLUMN, bc.INDEX_COLUMN):
            enc["title"] = ""
    return spec, rows


_WIDE = pd.DataFrame(
    {"a": [1, 2, 3, 4], "b": [4.5, 5.5, 6.5, 1.0], "c": [7, 8, 9, 10], "d": list("pqrp")}
)
_LONG = pd.DataFrame(
    {
        "year": [2020, 2020, 2021, 2021, 2022, 2022],
        "site": ["x", "y", "x", "y", "x", "y"],
        "yield": [1.5, 2.0, 3.0, 1.0, 2.5, 4.0],
        "w": [1, 2, 3, 4, 5, 6],
        "when": pd.date_range("2024-01-01", periods=6, freq="D"),
    }
)
_NAMED_INDEX = pd.DataFrame(
    {"v": [3.0, 1.0, 2.0], "u": [1, 2, 3]}, index=pd.Index([10, 20, 30], name="t")
)
_DOTS = pd.DataFrame({"a.b": [1, 2, 3], "c[0]": [3.0, 2.0, 1.0], "k": ["u", "v", "w"]})

_BY_SITE = {"x": "year", "y": "yield", "color": "site"}

_CASES: list[tuple[str, str, pd.DataFrame | dict[str, Any], dict[str, Any]]] = [
    # (id, kind, data, kwargs)
    ("line-wide-index", "line", _WIDE[["a", "b", "c"]], {}),
    ("line-one-y", "line", _WIDE, {"y": "b"}),
    ("line-x-ylist", "line", _WIDE, {"x": "a", "y": ["b", "c"]}),
    ("line-colors-list", "line", _WIDE, {"x": "a", "y": ["b", "c"], "color": ["#f00", "#00f"]}),
    ("line-one-color", "line", _WIDE, {"x": "a", "y": "b", "color": (255, 0, 0)}),
    ("line-color-column", "line", _LONG, _BY_SITE),
    ("line-labels", "line", _WIDE, {"x": "a", "y": "b", "x_label": "A", "y_label": "B"}),
    ("line-temporal", "line", _LONG, {"x": "when", "y": ["yield", "w"]}),
    ("line-named-index", "line", _NAMED_INDEX, {}),
    ("line-dict", "line", {"p": [1, 3, 2], "q": [2.0, 2.0, 4.0]}, {}),
    ("line-dotted-names", "line", _DOTS, {"x": "a.b", "y": ["c[0]"]}),
    ("line-dotted-melt", "line", _DOTS[["a.b", "c[0]"]], {}),
    ("line-size-px", "line", _WIDE, {"y": "b", "width": 300, "height": 200}),
    ("line-empty", "line", pd.DataFrame(), {}),
    ("bar-no-rows", "bar", _WIDE.iloc[:0], {"x": "d", "y": "a"}),
    ("area-default", "area", _WIDE[["a", "b", "c"]], {}),
    ("area-normalize", "area", _LONG, {**_BY_SITE, "stack": "normalize"}),
    ("area-center", "area", _WIDE[["a", "b"]], {"stack": "center"}),
    ("area-true", "area", _WIDE[["a", "b"]], {"stack": True}),
    ("bar-wide", "bar", _WIDE[["a", "b", "c"]], {}),
    ("bar-grouped", "bar", _LONG, {**_BY_SITE, "stack": False}),
    ("bar-layered", "bar", _LONG, {**_BY_SITE, "stack": "layered"}),
    ("bar-normalize", "bar", _LONG, {**_BY_SITE, "stack": "normalize"}),
    ("bar-sort-false", "bar", _WIDE, {"x": "d", "y": "a", "sort": False}),
    ("bar-sort-col", "bar", _WIDE, {"x": "d", "y": "a", "sort": "b"}),
    ("bar-sort-desc", "bar", _WIDE, {"x": "d", "y": "a", "sort": "-b"}),
    ("bar-date-x", "bar", _LONG, {"x": "when", "y": "yield"}),
    (
        "hbar-grouped",
        "horizontal_bar",
        _LONG,
        {"x": "site", "y": "yield", "color": "year", "stack": False},
    ),
    ("hbar-wide", "horizontal_bar", _WIDE[["a", "b"]], {"x_label": "X", "y_label": "Y"}),
    ("hbar-index", "horizontal_bar", _WIDE[["a", "b"]], {}),
    ("hbar-sort", "horizontal_bar", _WIDE, {"x": "d", "y": ["a", "c"], "sort": "-a"}),
    ("scatter-default", "scatter", _WIDE[["a", "b"]], {}),
    ("scatter-size-col", "scatter", _LONG, {**_BY_SITE, "size": "w"}),
    ("scatter-size-num", "scatter", _WIDE, {"x": "a", "y": "b", "size": 30}),
    (
        "scatter-ylist-colors",
        "scatter",
        _WIDE,
        {"x": "a", "y": ["b", "c"], "size": "a", "color": ["#f00", (0, 0, 255)]},
    ),
    ("scatter-numeric-color", "scatter", _LONG, {"x": "year", "y": "yield", "color": "w"}),
]


@pytest.mark.parametrize(
    ("kind", "data", "kwargs"), [c[1:] for c in _CASES], ids=[c[0] for c in _CASES]
)
def test_spec_and_rows_match_streamlits(kind: str, data: Any, kwargs: dict[str, Any]) -> None:
    """SPEC D3: the same call gives Streamlit's marks, encodings, params and rows."""
    ours, our_rows = _ours(kind, data, **dict(kwargs))
    theirs, their_rows = _streamlits(kind, data, **dict(kwargs))
    assert ours == theirs
    assert our_rows == their_rows


def _both_raise(kind: str, data: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(StreamlitAPIException) as ours:
        _ours(kind, data, **dict(kwargs))
    with pytest.raises(StError) as theirs:
        _streamlits(kind, data, **dict(kwargs))
    return str(ours.value), str(theirs.value)


@pytest.mark.parametrize(
    ("kind", "kwargs"),
    [
        ("line", {"x": "nope"}),
        ("line", {"y": ["a", "nope"]}),
        ("line", {"x": 3}),
        ("line", {"y": ["a", "b"], "color": "#f00"}),
        ("line", {"y": ["a", "b"], "color": ["#f00"]}),
        ("line", {"y": ["a", "b"], "color": ["#f00", "#0f0", "#00f"]}),
        ("line", {"y": "a", "color": "not a color"}),
        ("line", {"y": "a", "color": 12}),
        ("bar", {"x": "d", "y": "a", "sort": "-nope"}),
        ("scatter", {"x": "a", "y": "b", "size": "nope"}),
    ],
)
def test_validation_errors_are_streamlits(kind: str, kwargs: dict[str, Any]) -> None:
    """SPEC D3: a bad argument is refused with Streamlit's message."""
    ours, theirs = _both_raise(kind, _WIDE, **kwargs)
    assert " ".join(ours.split()) == " ".join(theirs.split())


def test_bad_stack_and_sizes_are_refused() -> None:
    """SPEC D3: stack, width and height outside Streamlit's values are refused."""
    with pytest.raises(StreamlitAPIException, match="Invalid `stack` value"):
        bc.bar_chart(_WIDE, stack="sideways")  # type: ignore[arg-type]
    with pytest.raises(StreamlitAPIException, match="Invalid `stack` value"):
        bc.area_chart(_WIDE, stack="up")  # type: ignore[arg-type]
    with pytest.raises(StreamlitAPIException, match="Invalid width value: 0"):
        bc.line_chart(_WIDE, width=0)
    with pytest.raises(StreamlitAPIException, match="Invalid height value: 'tall'"):
        bc.line_chart(_WIDE, height="tall")


def _spec_without_data(built: bc.BuiltChart) -> dict[str, Any]:
    spec, _rows = _split(built.chart.to_dict())
    return spec


@pytest.mark.parametrize(
    ("kind", "kwargs"),
    [
        ("line", {"y": ["yield", "w"]}),
        ("line", {"x": "when", "y": ["yield", "w"]}),
        ("area", {"x": "year", "y": "yield", "color": "site", "stack": "normalize"}),
        ("bar", {"x": "site", "y": "yield", "color": "year", "stack": False}),
        ("horizontal_bar", {"x": "site", "y": ["yield", "w"], "sort": "-w"}),
        ("scatter", {"x": "year", "y": "yield", "size": "w", "color": "site"}),
        ("scatter", {"x": "year", "y": "yield", "color": "paint"}),
    ],
)
def test_new_values_keep_the_spec(kind: str, kwargs: dict[str, Any]) -> None:
    """SPEC D3: same columns and dtypes, other values and length: the same spec, new rows.

    This is what lets the chart widget send only the data (an update in place).
    """
    first = _LONG.assign(paint=["#f00", "#0f0"] * 3)
    rng = np.random.default_rng(1)
    n = 1500  # past Streamlit's 1,000-point hover threshold
    second = pd.DataFrame(
        {
            "year": rng.integers(1990, 2030, n),
            "site": rng.choice(["x", "y", "z"], n),
            "yield": rng.normal(size=n),
            "w": rng.integers(0, 9, n),
            "when": pd.date_range("2000-01-01", periods=n, freq="h"),
            "paint": rng.choice(["#123456", "#abcdef", "#fedcba"], n),
        }
    )
    a = _ours(kind, first, **dict(kwargs))
    b = _ours(kind, second, **dict(kwargs))
    assert a[0] == b[0]
    assert a[1] != b[1]
    assert len(b[1]) >= n


def test_color_column_of_colors_draws_each_rows_color() -> None:
    """SPEC D3: a column of colors colors each point with its own value, with no legend.

    Streamlit lists the column's unique colors as the scale's range (a spec that changes with
    the values); a null scale draws the same colors and keeps the spec.
    """
    data = pd.DataFrame(
        {"x": [1, 2, 3], "y": [3, 1, 2], "c": [(255, 0, 0), (0, 0, 255), (255, 0, 0)]}
    )
    built = bc.scatter_chart(data, x="x", y="y", color="c")
    spec, rows = _split(built.chart.to_dict())
    theirs, their_rows = _streamlits("scatter", data, x="x", y="y", color="c")
    assert spec["encoding"]["color"] == {
        "field": "c",
        "type": "nominal",
        "legend": None,
        "scale": None,
    }
    assert theirs["encoding"]["color"]["legend"] is None
    assert (
        [r["c"] for r in rows]
        == ["rgb(255, 0, 0)", "rgb(0, 0, 255)", "rgb(255, 0, 0)"]
        == [r["c"] for r in their_rows]
    )
    del spec["encoding"]["color"], theirs["encoding"]["color"]
    assert spec == theirs


def test_named_colors_become_the_theme_colors() -> None:
    """SPEC D3: Streamlit's color names ("red", "primary") draw as its light theme's colors."""
    built = bc.line_chart(_WIDE, y="a", color="Red")
    assert built.chart.to_dict()["layer"][0]["encoding"]["color"] == {"value": "#ff4b4b"}
    built = bc.bar_chart(_WIDE, y=["a", "c"], color=["blue", (1.0, 0.5, 0.0, 0.5)])
    scale = built.chart.to_dict()["encoding"]["color"]["scale"]
    assert scale == {"domain": ["a", "c"], "range": ["#1c83e1", "rgba(255, 127, 0, 0.5)"]}


def test_the_users_frame_is_not_changed() -> None:
    """SPEC D3: building a chart leaves the user's frame (index, columns, values) as it was."""
    data = _NAMED_INDEX.copy()
    bc.line_chart(data)
    bc.bar_chart(data, y=["v", "u"], stack=False, horizontal=True)
    pd.testing.assert_frame_equal(data, _NAMED_INDEX)


def test_width_and_height() -> None:
    """SPEC D3: pixel sizes go into the spec; "stretch" and use_container_width do not."""
    spec = bc.scatter_chart(_WIDE, width=320, height=240).chart.to_dict()
    assert (spec["width"], spec["height"]) == (320, 240)
    spec = bc.scatter_chart(_WIDE, width=320, use_container_width=True).chart.to_dict()
    assert "width" not in spec


# --- map ---------------------------------------------------------------------------------------

_POINTS = pd.DataFrame(
    {
        "LATITUDE": [37.76, 37.77, 37.80, 37.70],
        "lon": [-122.40, -122.41, -122.45, -122.30],
        "meters": [10, 200, 3000, 50],
        "paint": ["#f00", "#00ff0080", "#00f", "#abc"],
        "where": ["a", "b", "c", "d"],
    }
)


def _deck(data: Any, **kwargs: Any) -> dict[str, Any]:
    from streamlit.elements.map import to_deckgl_json

    args = {k: kwargs.get(k) for k in ("size", "color", "zoom")}
    return json.loads(to_deckgl_json(data, kwargs.get("latitude"), kwargs.get("longitude"), **args))


def _evaluate(expression: str, span: float) -> float:
    """Evaluate our zoom expression (nested ``c ? a : b``) for one span, in Python."""
    import re

    text = expression.replace("datum._span", repr(span))
    ternary = re.compile(r"\(([^()?]+) \? ([^():]+) : ([^()?]+)\)")
    for _ in range(100):  # the innermost ternary becomes its number, level by level
        if "?" not in text:
            break
        text = ternary.sub(lambda m: str(eval(f"{m[2]} if {m[1]} else {m[3]}")), text)
    return float(eval(text))  # only numbers and comparisons remain


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"size": "meters", "color": "paint"},
        {"size": 500, "color": (0, 128, 255)},
        {"color": "#ffaa0088", "zoom": 10},
        {"latitude": "LATITUDE", "longitude": "lon", "color": "primary"},
    ],
)
def test_map_draws_streamlits_points(kwargs: dict[str, Any]) -> None:
    """SPEC D3: st.map's points, sizes (meters) and colors, as deck.gl would draw them."""
    built = bc.map_chart(_POINTS, **kwargs)
    layer = _deck(_POINTS, **kwargs)["layers"][0]
    view = _deck(_POINTS, **kwargs)["initialViewState"]
    spec, rows = _split(built.chart.to_dict())
    assert spec["mark"]["type"] == "circle"
    assert spec["projection"]["type"] == "mercator"
    lat_col, lon_col = layer["getPosition"][4:-1].split(", ")[::-1]
    assert [(r["latitude"], r["longitude"]) for r in rows] == [
        (p[lat_col], p[lon_col]) for p in layer["data"]
    ]
    radius = layer["getRadius"]
    if isinstance(radius, str):  # a column: "@@=meters"
        assert [r["size"] for r in rows] == [p[radius[3:]] for p in layer["data"]]
    else:
        assert str(float(radius)) in json.dumps(spec["transform"])
    fill = layer["getFillColor"]
    if isinstance(fill, str) and fill.startswith("@@="):
        want = [p[fill[3:]] for p in layer["data"]]
        got = [r["color"] for r in rows]
    else:
        want = [[255, 75, 75, 160] if fill == "primary" else fill]
        got = [spec["encoding"]["color"]["value"]]
    parsed = [[int(v) for v in c[5:-1].split(", ")[:3]] for c in got]
    assert parsed == [list(c[:3]) for c in want]
    alphas = [round(float(c[5:-1].split(", ")[3]) * 255) for c in got]
    assert alphas == [c[3] if len(c) == 4 else 255 for c in want]
    if "zoom" in kwargs:
        assert spec["projection"]["center"] == [view["longitude"], view["latitude"]]
        assert spec["projection"]["scale"] == pytest.approx(512 * 2 ** view["zoom"] / (2 * np.pi))


def test_map_zoom_level_is_streamlits() -> None:
    """SPEC D3: the zoom level (for radii in meters) follows Streamlit's table of spans."""
    from streamlit.elements.map import _get_zoom_level

    expression = bc._zoom_expression(None)
    for span in [0, 0.0001, 0.0004, 0.002, 0.01, 0.05, 0.1, 0.3, 0.5, 1, 2, 3, 10, 22.5, 40]:
        assert _evaluate(expression, span) == _get_zoom_level(span), span
    for span in [60, 100, 179, 180, 200, 360, 400]:
        assert _evaluate(expression, span) == _get_zoom_level(span), span


@pytest.mark.parametrize(
    ("data", "kwargs"),
    [
        (pd.DataFrame({"x": [1.0], "lon": [2.0]}), {}),
        (pd.DataFrame({"lat": [1.0], "y": [2.0]}), {}),
        (pd.DataFrame({"lat": [1.0, None], "lon": [2.0, 3.0]}), {}),
        (_POINTS, {"color": "where"}),
        (_POINTS, {"color": "not a color"}),
        (_POINTS, {"color": (1, 2)}),
    ],
)
def test_map_errors_are_streamlits(data: pd.DataFrame, kwargs: dict[str, Any]) -> None:
    """SPEC D3: st.map's refusals (no coordinate column, nulls, bad colors), its messages."""
    with pytest.raises(StreamlitAPIException) as ours:
        bc.map_chart(data, **kwargs)
    with pytest.raises(StError) as theirs:
        _deck(data, **kwargs)
    assert " ".join(str(ours.value).split()) == " ".join(str(theirs.value).split())


def test_map_spec_does_not_depend_on_the_points() -> None:
    """SPEC D3: without ``zoom``, other points (and column names) give the same spec."""
    other = pd.DataFrame(
        {"lat": np.linspace(-40, 60, 50), "longitude": np.linspace(0, 90, 50), "m": range(50)}
    )
    a = _split(bc.map_chart(_POINTS, size="meters").chart.to_dict())
    b = _split(bc.map_chart(other, size="m").chart.to_dict())
    assert a[0] == b[0]
    assert a[1] != b[1]
    empty = _split(bc.map_chart(None).chart.to_dict())
    assert empty[1] == []
    assert empty[0] == _split(bc.map_chart(_POINTS).chart.to_dict())[0]


def test_map_sizes() -> None:
    """SPEC D3: st.map is 500 pixels high by default; width and height as Streamlit takes them."""
    spec = bc.map_chart(_POINTS).chart.to_dict()
    assert spec["height"] == 500 and "width" not in spec
    spec = bc.map_chart(_POINTS, width=400, height=300).chart.to_dict()
    assert (spec["width"], spec["height"]) == (400, 300)
    with pytest.raises(StreamlitAPIException, match="Invalid height value: 'content'"):
        bc.map_chart(_POINTS, height="content")
    with pytest.raises(StreamlitAPIException, match="Invalid `size` value"):
        bc.map_chart(_POINTS, size="big")
