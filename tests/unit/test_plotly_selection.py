"""plotly points from the browser: checked, and turned into Streamlit's state (D3, U1)."""

from __future__ import annotations

import pytest

from fragkernel._frontend.plotly import check_points, selection_state

go = pytest.importorskip("plotly.graph_objects")


def _message(event: str, selector: object = None) -> dict[str, object]:
    points = {"trace_indexes": [0, 1], "point_indexes": [2, 0], "xs": [2, "b"], "ys": [1.5, 3]}
    return {"event_type": event, "points": points, "selector": selector}


def test_lasso_selection_with_customdata_and_legendgroup() -> None:
    figure = go.Figure([
        go.Scatter(x=[0, 1, 2], y=[1, 1, 1.5], customdata=[[7], [8], [9]], legendgroup="g"),
        go.Bar(x=["b"], y=[3]),
    ])  # fmt: skip
    lasso = {"type": "lasso", "selector_state": {"xs": [0, 3, 3], "ys": [0, 0, 4]}}
    state = selection_state(figure, check_points(_message("plotly_selected", lasso)),
                            ["points", "box", "lasso"])  # fmt: skip
    assert state["point_indices"] == [2, 0]
    assert state["points"][0] == {
        "curve_number": 0,
        "point_number": 2,
        "point_index": 2,
        "x": 2,
        "y": 1.5,
        "customdata": [9],
        "legendgroup": "g",
    }
    assert state["lasso"] == [{"xref": "x", "yref": "y", "x": [0, 3, 3], "y": [0, 0, 4]}]
    assert state["box"] == []


def test_modes_limit_what_is_reported() -> None:
    figure = go.Figure(go.Scatter(x=[0, 1, 2], y=[1, 2, 3]))
    box = {"type": "box", "selector_state": {"xrange": [0, 1], "yrange": [0, 1]}}
    assert selection_state(figure, check_points(_message("plotly_selected", box)),
                           ["points"])["box"] == []  # fmt: skip
    click = check_points(_message("plotly_click"))
    assert selection_state(figure, click, ["box"])["points"] == []
    assert selection_state(figure, click, ["points"])["point_indices"] == [2, 0]


@pytest.mark.parametrize(
    "mutate",
    [
        lambda m: m.update(points="x"),
        lambda m: m["points"].update(xs=[1]),
        lambda m: m["points"].update(point_indexes=[1.5, 2]),
        lambda m: m["points"].update(ys=[[1], 2]),
        lambda m: m.update(selector={"type": "circle", "selector_state": {}}),
        lambda m: m.update(selector={"type": "box", "selector_state": {"xrange": "0..1"}}),
        lambda m: m.update(event_type=None),
    ],
)
def test_malformed_points_refused(mutate: object) -> None:
    """U1: any other shape is refused with a reason."""
    message = _message("plotly_selected")
    mutate(message)  # type: ignore[operator]
    with pytest.raises(ValueError, match=r"."):
        check_points(message)
