"""Charts in JupyterLab: data changes in place on the same view; selections rerun (D3).

One JupyterLab server for the module (the session's ``server``), no network in the browser
(the Vega stack comes from the kernel); each test leaves a screenshot in ``screenshots/``.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

BARS = """import altair as alt, pandas as pd

@fk.fragment
def f():
    n = fk.slider("bars", 1, 10, 3)
    df = pd.DataFrame({"x": [f"b{i}" for i in range(n)], "y": list(range(1, n + 1))})
    pick = alt.selection_point("pick", fields=["x"])
    chart = alt.Chart(df).mark_bar().encode(x="x", y="y").add_params(pick)
    event = fk.altair_chart(chart, on_select="rerun", key="bars_chart")
    fk.text(f"bars={n} picked={list(event.selection.pick)}")

f()"""

MARK = "el => { el.__fragkernelMark = 'kept'; return true; }"
STILL = "el => el.isConnected && el.__fragkernelMark === 'kept'"


def test_slider_changes_the_data_of_the_same_view(open_notebook: Any) -> None:
    """D3: moving a slider redraws the bars with new data in the same <svg> element: the
    view is not re-embedded (no flicker), and the new data shows."""
    nb = open_notebook("lab", ["%load_ext fragkernel", BARS])
    page = nb.page
    area = page.locator(".fragkernel-fragment")
    bars = area.locator(".fragkernel-chart svg .mark-rect path")
    expect(bars).to_have_count(3, timeout=60_000)
    svg = area.locator(".fragkernel-chart svg").first
    assert svg.evaluate(MARK)
    page.wait_for_timeout(300)
    nb.screenshot("chart-before")

    handle = area.locator(".noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(area.get_by_text("bars=5")).to_be_visible(timeout=20_000)
    expect(bars).to_have_count(5, timeout=20_000)
    assert svg.evaluate(STILL), "the chart's <svg> was replaced: the view was re-embedded"
    assert area.locator(".fragkernel-chart svg").count() == 1
    labels = area.locator(".fragkernel-chart svg .role-axis-label text").evaluate_all(
        "els => els.map(e => e.textContent)"
    )
    assert "b4" in labels, labels
    nb.screenshot("chart-after-slider")
    assert nb.unexpected_errors() == []


def test_clicking_a_bar_reruns_with_the_selection(open_notebook: Any) -> None:
    """D3: a click on a bar selects it; the fragment reruns and gets Streamlit's selection
    object, and the chart keeps its view."""
    nb = open_notebook("lab", ["%load_ext fragkernel", BARS])
    area = nb.page.locator(".fragkernel-fragment")
    bars = area.locator(".fragkernel-chart svg .mark-rect path")
    expect(bars).to_have_count(3, timeout=60_000)
    expect(area.get_by_text("picked=[]")).to_be_visible()
    svg = area.locator(".fragkernel-chart svg").first
    assert svg.evaluate(MARK)
    bars.nth(1).click()
    expect(area.get_by_text("picked=[{'x': 'b1'}]")).to_be_visible(timeout=20_000)
    assert svg.evaluate(STILL)
    nb.screenshot("chart-selection")
    assert nb.unexpected_errors() == []


BUILTINS = """import numpy as np, pandas as pd

@fk.fragment
def g():
    n = fk.slider("points", 5, 50, 10)
    rng = np.random.default_rng(n)
    df = pd.DataFrame(rng.standard_normal((n, 2)).cumsum(axis=0), columns=["a", "b"])
    fk.line_chart(df)
    fk.map(pd.DataFrame({"lat": 48.85 + df["a"] / 100, "lon": 2.35 + df["b"] / 100}), height=300)

g()"""


def test_line_chart_and_map_update_in_place(open_notebook: Any) -> None:
    """D3: built-in charts too: a slider changes the rows, the same <svg> elements stay,
    and the map draws one circle per point (on a projection, without tiles: offline)."""
    nb = open_notebook("lab", ["%load_ext fragkernel", BUILTINS])
    page = nb.page
    area = page.locator(".fragkernel-fragment")
    charts = area.locator(".fragkernel-chart svg")
    expect(charts).to_have_count(2, timeout=60_000)
    dots = area.locator(".fragkernel-chart").nth(1).locator("svg .mark-symbol path")
    expect(dots).to_have_count(10, timeout=20_000)
    expect(area.locator(".fragkernel-chart").nth(0).locator("svg .mark-line path")).to_have_count(2)
    for i in range(2):
        assert charts.nth(i).evaluate(MARK)
    handle = area.locator(".noUi-handle").first
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(dots).to_have_count(15, timeout=20_000)
    for i in range(2):
        assert charts.nth(i).evaluate(STILL), f"chart {i} was re-embedded"
    page.wait_for_timeout(300)
    nb.screenshot("chart-line-and-map")
    assert nb.unexpected_errors() == []


PLOTLY = """import plotly.graph_objects as go

@fk.fragment
def p():
    n = fk.slider("points", 3, 10, 4)
    fig = go.Figure(go.Scatter(x=list(range(n)), y=[i % 3 for i in range(n)], mode="markers"))
    fig.update_layout(height=350, margin=dict(l=40, r=10, t=10, b=30))
    event = fk.plotly_chart(fig, on_select="rerun", key="scatter")
    fk.text(f"points={n} picked={event.selection.point_indices}")

p()"""


def test_plotly_figure_updates_in_place_and_selects(open_notebook: Any) -> None:
    """D3: plotly_chart draws offline (plotly.js from the kernel), a slider changes the data
    of the same plot (the same element, no re-render), and a box selection reruns the
    fragment with Streamlit's selection state."""
    nb = open_notebook("lab", ["%load_ext fragkernel", PLOTLY])
    page = nb.page
    area = page.locator(".fragkernel-fragment")
    dots = area.locator(".js-plotly-plot .scatterlayer .point")
    expect(dots).to_have_count(4, timeout=60_000)
    plot = area.locator(".js-plotly-plot").first
    assert plot.evaluate(MARK)
    handle = area.locator(".noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(area.get_by_text("points=6")).to_be_visible(timeout=20_000)
    expect(dots).to_have_count(6, timeout=20_000)
    assert plot.evaluate(STILL), "the plot was rendered anew"
    box = area.locator(".js-plotly-plot .nsewdrag").first.bounding_box()
    assert box is not None
    # drag a box over the left third of the plot: points 0 and 1 (of x = 0..5)
    y0, y1 = box["y"] + 5, box["y"] + box["height"] - 5
    page.mouse.move(box["x"] + 2, y0)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y1, steps=8)
    page.mouse.up()
    expect(area.get_by_text("picked=[0, 1]")).to_be_visible(timeout=20_000)
    assert plot.evaluate(STILL)
    nb.screenshot("chart-plotly")
    assert nb.unexpected_errors() == []


GRAPH = """@fk.fragment
def g():
    n = fk.slider("nodes", 2, 6, 3)
    fk.graphviz_chart("digraph { " + " ".join(f"n{i} -> n{i + 1};" for i in range(n - 1)) + " }")

g()"""


def test_graphviz_draws_offline_and_redraws_in_place(open_notebook: Any) -> None:
    """D3: graphviz_chart lays the graph out in the browser (Graphviz in WebAssembly, from
    the kernel: no network), and a new graph is drawn in the same element."""
    nb = open_notebook("lab", ["%load_ext fragkernel", GRAPH])
    page = nb.page
    area = page.locator(".fragkernel-fragment")
    nodes = area.locator(".fragkernel-graphviz svg g.node")
    expect(nodes).to_have_count(3, timeout=60_000)
    holder = area.locator(".fragkernel-graphviz").first
    assert holder.evaluate(MARK)
    handle = area.locator(".noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    expect(nodes).to_have_count(4, timeout=20_000)
    expect(area.locator(".fragkernel-graphviz svg text", has_text="n3")).to_have_count(1)
    assert holder.evaluate(STILL)
    nb.screenshot("chart-graphviz")
    assert nb.unexpected_errors() == []


DECK = """import pydeck as pdk

@fk.fragment
def d():
    blue = fk.toggle("blue")
    rows = [{"lon": x, "lat": 0.0, "name": f"<i>p{i}</i>"} for i, x in enumerate((-0.02, 0, 0.02))]
    layer = pdk.Layer("ScatterplotLayer", data=rows, id="pts", get_position="[lon, lat]",
                      get_radius=300, radius_min_pixels=14, pickable=True,
                      get_fill_color=[0, 0, 255] if blue else [255, 0, 0])
    deck = pdk.Deck(layers=[layer], tooltip={"html": "<b>{name}</b>"},
                    initial_view_state=pdk.ViewState(latitude=0, longitude=0, zoom=12))
    event = fk.pydeck_chart(deck, on_select="rerun", key="deck", height=300)
    fk.text(f"blue={blue} sel={event.selection.indices}")

d()"""


def _dots(png: bytes, color: str) -> tuple[int, float]:
    """How many pixels of a canvas screenshot are red (or blue), and their mean x."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    raw = image.tobytes()
    pixels = zip(raw[0::3], raw[1::3], raw[2::3], strict=True)
    xs = [
        i % image.width
        for i, (r, g, b) in enumerate(pixels)
        if (r > 200 and g < 80 and b < 80 if color == "red" else b > 200 and r < 80 and g < 80)
    ]
    return len(xs), (sum(xs) / len(xs) if xs else -1.0)


def test_pydeck_draws_updates_in_place_and_selects(open_notebook: Any) -> None:
    """D3: pydeck_chart draws with deck.gl from the kernel (no network, no base map); a
    rerun that changes the layer's data updates the same canvas and keeps the view the person
    panned to; clicking a point reruns the fragment with Streamlit's selection; U2: data in
    the caller's HTML tooltip is escaped."""
    nb = open_notebook("lab", ["%load_ext fragkernel", DECK])
    page = nb.page
    area = page.locator(".fragkernel-fragment")
    canvas = area.locator(".fragkernel-deck canvas").first
    expect(canvas).to_be_visible(timeout=60_000)
    expect(area.get_by_text("blue=False sel={}")).to_be_visible(timeout=20_000)
    page.wait_for_function("el => el.width > 0", arg=canvas.element_handle(), timeout=20_000)
    page.wait_for_timeout(500)
    count, centre = _dots(canvas.screenshot(), "red")
    assert count > 300, "the points were not drawn"
    assert canvas.evaluate(MARK)
    box = canvas.bounding_box()
    assert box is not None
    # pan 80 px right: the points move with the view
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy + 60)
    page.mouse.down()
    page.mouse.move(cx + 80, cy + 60, steps=8)
    page.mouse.up()
    page.wait_for_timeout(400)
    _, panned = _dots(canvas.screenshot(), "red")
    assert abs(panned - centre - 80) < 15, (centre, panned)
    nb.screenshot("chart-pydeck-before")

    area.locator(".widget-toggle-button", has_text="blue").click()
    expect(area.get_by_text("blue=True")).to_be_visible(timeout=20_000)
    page.wait_for_timeout(400)
    assert canvas.evaluate(STILL), "the deck's canvas was replaced"
    blues, kept = _dots(canvas.screenshot(), "blue")
    assert blues > 300 and _dots(canvas.screenshot(), "red")[0] == 0
    assert abs(kept - panned) < 10, "the view was reset by a data change"

    page.mouse.move(cx + 80, cy)  # the middle point, where the pan put it
    tooltip = page.locator(".deck-tooltip")
    expect(tooltip).to_contain_text("<i>p1</i>", timeout=10_000)
    assert tooltip.locator("i").count() == 0 and tooltip.locator("b").count() == 1
    page.mouse.click(cx + 80, cy)
    expect(area.get_by_text("sel={'pts': [1]}")).to_be_visible(timeout=20_000)
    assert canvas.evaluate(STILL)
    nb.screenshot("chart-pydeck")


TIME_SERIES = """import numpy as np, pandas as pd
when = pd.date_range("2021-03-01", periods=1000, freq="h")
fk.line_chart(pd.DataFrame({"when": when, "y": np.sin(np.arange(1000) / 50)}), x="when", y="y")
"""


def test_time_series_reaches_the_browser_as_dates(open_notebook: Any) -> None:
    """D3: a 1000-row time series goes as Arrow timestamps, and the browser draws dates: the
    line, and an x axis in March 2021 (not 1970, not numbers)."""
    nb = open_notebook("lab", ["%load_ext fragkernel", TIME_SERIES])
    chart = nb.page.locator(".fragkernel-chart svg")
    expect(chart.locator(".mark-line path")).to_have_count(1, timeout=60_000)
    labels = chart.locator(".role-axis-label text").all_text_contents()
    assert any("Mar" in label for label in labels), labels
    assert not any("1970" in label for label in labels), labels
    nb.screenshot("chart-time-series")
    assert nb.unexpected_errors() == []
