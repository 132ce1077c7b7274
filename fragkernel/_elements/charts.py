"""Charts on Vega-Lite that update in place: ``altair_chart``, ``vega_lite_chart`` (SPEC D3).

Every chart is one :class:`~fragkernel._frontend.chart.VegaChart` model for its whole life:
without ``on_select`` it is a positional element (matched by order, like an output), with it
a widget (identity, ``key=``, callbacks, reruns: :func:`fragkernel._runtime.slots.draw`). A
rerun sends the spec only if it changed, and each dataset only if its rows changed; the
browser then changes the data of the same Vega view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._errors import StreamlitAPIException
from .._runtime import placement
from .._runtime.slots import draw
from .._runtime.tree import Element

if TYPE_CHECKING:
    from .._frontend.chart import VegaChart

_ON_SELECT = ("rerun", "ignore")


class ChartLeaf(Element):
    """A chart drawn without ``on_select``: kept by position across the owner's draws."""

    kind = "chart"

    def __init__(self) -> None:
        from .._frontend.chart import VegaChart

        self.widget: VegaChart = VegaChart()


def _check_on_select(on_select: Any) -> Callable[..., Any] | None:
    if callable(on_select):
        return on_select  # type: ignore[no-any-return]
    if isinstance(on_select, str) and on_select in _ON_SELECT:
        return None
    raise StreamlitAPIException(
        "Invalid `on_select` value. Supported values: 'rerun', 'ignore', a callback function."
    )


def draw_vega(
    kind: str,
    spec: Mapping[str, Any],
    data: Any = None,
    *,
    width: int | str | None,
    height: int | str,
    use_container_width: bool | None,
    theme: str | None,
    key: str | int | None,
    on_select: Any,
    selection_mode: str | Iterable[str] | None,
    alt: str | None,
) -> Any:
    """Draw a Vega-Lite spec (with ``data``, if any) here; return the selection state if any.

    Streamlit's rules: width and height checks, autosize defaults, ``theme``, ``on_select``
    and ``selection_mode`` (refused without selection parameters).
    """
    from .._data import vega

    if theme not in ("streamlit", None):
        raise StreamlitAPIException("Invalid `theme` value. Supported values: 'streamlit', None.")
    callback = _check_on_select(on_select)
    selecting = on_select != "ignore"
    if use_container_width is not None:
        if use_container_width:
            width = "stretch"
        elif not isinstance(width, int):
            width = "content"
    elif width is None:
        width = vega.default_width(spec)
    vega.check_size("width", width)
    vega.check_size("height", height)
    stretch = use_container_width if use_container_width is not None else width == "stretch"
    prepared = vega.prepare(spec, stretch=stretch, width=width, height=height)
    if isinstance(alt, str) and alt.strip():
        prepared["description"] = alt.strip()
    parts = vega.split(prepared, data)
    theme_name = theme or ""
    if not selecting:
        leaf = placement.draw_leaf("chart", ChartLeaf)
        leaf.widget.show(parts.spec_json, parts.datasets, encode=vega.encode,
                         selection_params=[], theme=theme_name)  # fmt: skip
        return None
    modes = vega.selection_modes(parts.spec, selection_mode)

    def make(_: Any) -> VegaChart:
        from .._frontend.chart import VegaChart

        return VegaChart()

    def get(chart: Any) -> Any:
        return vega.state({m: chart.selection.get(m, {}) for m in modes})

    slot = draw(
        kind, "", key=None if key is None else str(key),
        params=(parts.spec_json, tuple(modes), theme_name), make=make, get=get,
        put=lambda *_: None, default=vega.empty_state(modes), on_change=callback,
        settable=False, trait="selection",
    )  # fmt: skip
    chart = slot.control
    chart.checker = lambda raw: vega.check_selection(raw, modes)
    chart.show(parts.spec_json, parts.datasets, encode=vega.encode, selection_params=modes,
               theme=theme_name)  # fmt: skip
    return slot.value()


def altair_chart(
    altair_chart: Any,
    *,
    width: int | str | None = None,
    height: int | str = "content",
    use_container_width: bool | None = None,
    theme: str | None = "streamlit",
    key: str | int | None = None,
    on_select: str | Callable[..., Any] = "ignore",
    selection_mode: str | Iterable[str] | None = None,
    alt: str | None = None,
) -> Any:
    """An Altair chart; a rerun that changes only its data updates the same view (D3).

    With ``on_select="rerun"`` (or a callback) and selection parameters in the chart
    (``alt.selection_point``, ``alt.selection_interval``), returns Streamlit's selection state
    ``{"selection": {param: ...}}`` and reruns the fragment when a person selects. The theme
    follows the notebook's light or dark theme (``theme=None``: Vega's own look). Drawn by
    Vega-Lite bundled with fragkernel: no network needed.

    Example::

        import altair as alt
        chart = alt.Chart(df).mark_point().encode(x="a", y="b")
        fk.altair_chart(chart)
    """
    if not hasattr(altair_chart, "to_dict"):
        raise StreamlitAPIException(
            f"altair_chart() takes an Altair chart, got {type(altair_chart).__name__}: use "
            "vega_lite_chart() for a Vega-Lite spec dict."
        )
    from .._data import vega

    return draw_vega(
        "altair_chart", vega.altair_spec(altair_chart), width=width, height=height,
        use_container_width=use_container_width, theme=theme, key=key, on_select=on_select,
        selection_mode=selection_mode, alt=alt,
    )  # fmt: skip


def vega_lite_chart(
    data: Any = None,
    spec: dict[str, Any] | None = None,
    *,
    width: int | str | None = None,
    height: int | str = "content",
    use_container_width: bool | None = None,
    theme: str | None = "streamlit",
    key: str | int | None = None,
    on_select: str | Callable[..., Any] = "ignore",
    selection_mode: str | Iterable[str] | None = None,
    alt: str | None = None,
) -> Any:
    """A Vega-Lite chart of ``data`` (anything ``dataframe`` takes) drawn with ``spec``.

    ``data`` may also be left out with the data in the spec (``spec["data"]``,
    ``spec["datasets"]``), or the spec passed first. A rerun that changes only the data
    updates the same view (D3); ``on_select`` as in :func:`altair_chart`.

    Example::

        fk.vega_lite_chart(df, {"mark": "point", "encoding": {
            "x": {"field": "a", "type": "quantitative"},
            "y": {"field": "b", "type": "quantitative"}}})
    """
    if isinstance(data, dict) and spec is None:
        spec, data = data, None
    if spec is None:
        spec = {}
    if not isinstance(spec, Mapping):
        raise StreamlitAPIException(
            f"vega_lite_chart() takes a spec dict, got {type(spec).__name__}."
        )
    return draw_vega(
        "vega_lite_chart", spec, data, width=width, height=height,
        use_container_width=use_container_width, theme=theme, key=key, on_select=on_select,
        selection_mode=selection_mode, alt=alt,
    )  # fmt: skip


# -- Streamlit's built-in charts: built as Streamlit builds them, drawn as altair_chart ------
def _builtin(kind: str, built: Any, width: Any, height: Any, ucw: bool | None, alt: Any) -> None:
    from .._data import vega

    draw_vega(
        kind, vega.altair_spec(built.chart), width=width, height=height,
        use_container_width=ucw, theme="streamlit", key=None, on_select="ignore",
        selection_mode=None, alt=alt,
    )  # fmt: skip


def line_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> None:
    """A line chart of ``data``; a rerun that changes only the data updates it in place (D3).

    Streamlit's rules: wide or long frames, ``x``, ``y`` (one or more columns), ``color``.

    Example::

        fk.line_chart(df, x="day", y=["sales", "costs"])
    """
    from .._data import builtin_charts as b

    built = b.line_chart(
        data, x=x, y=y, x_label=x_label, y_label=y_label, color=color, width=width,
        height=height, use_container_width=use_container_width,
    )  # fmt: skip
    _builtin("line_chart", built, width, height, use_container_width, alt)


def area_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    stack: bool | str | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> None:
    """An area chart of ``data``; a rerun that changes only the data updates it in place (D3).

    Streamlit's rules, with ``stack``: True, False, "normalize", "center" or "layered".

    Example::

        fk.area_chart(df, x="day", y="sales", color="shop", stack="normalize")
    """
    from .._data import builtin_charts as b

    built = b.area_chart(
        data, x=x, y=y, x_label=x_label, y_label=y_label, color=color, stack=stack,  # type: ignore[arg-type]
        width=width, height=height, use_container_width=use_container_width,
    )  # fmt: skip
    _builtin("area_chart", built, width, height, use_container_width, alt)


def bar_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    horizontal: bool = False,
    sort: bool | str = True,
    stack: bool | str | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> None:
    """A bar chart of ``data``; a rerun that changes only the data updates it in place (D3).

    Streamlit's rules, with ``horizontal``, ``sort`` and ``stack``.

    Example::

        fk.bar_chart(df, x="fruit", y="count", horizontal=True, sort="-count")
    """
    from .._data import builtin_charts as b

    built = b.bar_chart(
        data, x=x, y=y, x_label=x_label, y_label=y_label, color=color, horizontal=horizontal,
        sort=sort, stack=stack, width=width, height=height,  # type: ignore[arg-type]
        use_container_width=use_container_width,
    )  # fmt: skip
    _builtin("bar_chart", built, width, height, use_container_width, alt)


def scatter_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    size: str | float | int | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> None:
    """A scatter chart of ``data``; a rerun that changes only the data updates it in place.

    Streamlit's rules, with ``size`` a column or a number (D3).

    Example::

        fk.scatter_chart(df, x="a", y="b", size="c", color="group")
    """
    from .._data import builtin_charts as b

    built = b.scatter_chart(
        data, x=x, y=y, x_label=x_label, y_label=y_label, color=color, size=size, width=width,
        height=height, use_container_width=use_container_width,
    )  # fmt: skip
    _builtin("scatter_chart", built, width, height, use_container_width, alt)


def map(
    data: Any = None,
    *,
    latitude: str | None = None,
    longitude: str | None = None,
    color: Any = None,
    size: str | float | None = None,
    zoom: int | None = None,
    width: int | str = "stretch",
    height: int | str = 500,
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> None:
    """Points on a map, drawn on a Vega-Lite Mercator projection WITHOUT map tiles.

    Streamlit's column rules: lat/latitude, lon/longitude, ``size`` in meters, ``color``.

    Streamlit draws ``st.map`` over map tiles fetched from the network; a notebook may be
    offline and fragkernel loads nothing from the network, so only the points are drawn, on a
    Mercator projection (no streets, coasts or labels). A rerun that changes only the points
    updates the same view (D3), unless ``zoom`` is given (the view is centered on the points).

    Example::

        fk.map(pd.DataFrame({"lat": [37.76, 37.77], "lon": [-122.4, -122.41]}))
    """
    from .._data import builtin_charts as b

    built = b.map_chart(
        data, latitude=latitude, longitude=longitude, color=color, size=size, zoom=zoom,
        width=width, height=height, use_container_width=use_container_width,
    )  # fmt: skip
    _builtin("map", built, width, height, use_container_width, alt)


# -- plotly ---------------------------------------------------------------------------------
_PLOTLY_MODES = ("box", "lasso", "points")


class PlotlyLeaf(Element):
    """A plotly figure drawn without ``on_select``: kept by position across draws."""

    kind = "plotly"

    def __init__(self, figure: Any) -> None:
        from .._frontend.plotly import chart_class

        self.widget = chart_class()(figure)


def _plotly_figure(figure_or_data: Any) -> Any:
    try:
        import plotly.graph_objects as go
        import plotly.tools
    except ImportError:
        raise StreamlitAPIException(
            "plotly_chart() needs plotly, which is not installed: `pip install plotly`."
        ) from None
    module = type(figure_or_data).__module__
    if module.startswith("matplotlib") and type(figure_or_data).__name__ == "Figure":
        return plotly.tools.mpl_to_plotly(figure_or_data)
    figure = plotly.tools.return_figure_from_figure_or_data(figure_or_data, validate_figure=True)
    return go.Figure(figure)


def plotly_chart(
    figure_or_data: Any,
    use_container_width: bool | None = None,
    *,
    width: int | str = "stretch",
    height: int | str = "content",
    theme: str | None = "streamlit",
    key: str | int | None = None,
    on_select: str | Callable[..., Any] = "ignore",
    selection_mode: str | Iterable[str] = ("points", "box", "lasso"),
    config: dict[str, Any] | None = None,
    alt: str | None = None,
) -> Any:
    """A plotly figure; a rerun that changes only its data updates the same figure (D3).

    Drawn by plotly's own ``FigureWidget`` (plotly.js bundled with plotly, sent once per
    kernel: no network), updated in place with plotly's own messages, so a new rerun sends
    only the arrays that changed and keeps the person's zoom. With ``on_select="rerun"`` (or
    a callback), returns Streamlit's selection state ``{"selection": {"points": [...],
    "point_indices": [...], "box": [...], "lasso": [...]}}``. ``theme="streamlit"`` keeps
    plotly's own template here. plotly is optional: ``pip install plotly``.

    Example::

        import plotly.express as px
        fk.plotly_chart(px.scatter(df, x="a", y="b"), on_select="rerun")
    """
    from .._data import vega

    if theme not in ("streamlit", None):
        raise StreamlitAPIException("Invalid `theme` value. Supported values: 'streamlit', None.")
    callback = _check_on_select(on_select)
    modes = sorted({selection_mode} if isinstance(selection_mode, str) else set(selection_mode))
    if not set(modes) <= set(_PLOTLY_MODES):
        raise StreamlitAPIException(
            "Invalid `selection_mode` value. Supported values: 'box', 'lasso', 'points'."
        )
    if use_container_width is not None:
        width = (
            "stretch" if use_container_width else (width if isinstance(width, int) else "content")
        )
    vega.check_size("width", width)
    vega.check_size("height", height)
    figure = _plotly_figure(figure_or_data)
    layout = figure.layout
    if isinstance(width, int) and layout.width is None:
        layout.width = width
    if isinstance(height, int) and layout.height is None:
        layout.height = height
    if isinstance(alt, str) and alt.strip() and layout.meta is None:
        layout.meta = {"description": alt.strip()}
    selecting = on_select != "ignore"
    if selecting:
        if layout.dragmode is None:
            layout.dragmode = (
                "select" if "box" in modes else "lasso" if "lasso" in modes else "zoom"
            )
        if layout.clickmode is None and "points" in modes:
            layout.clickmode = "event+select"
    if not selecting:
        leaf = placement.draw_leaf("plotly", lambda: PlotlyLeaf(figure))
        chart = leaf.widget
    else:
        empty: dict[str, list[Any]] = {"points": [], "point_indices": [], "box": [], "lasso": []}
        slot = draw(
            "plotly_chart", "", key=None if key is None else str(key),
            params=(tuple(t.type for t in figure.data), tuple(modes), theme),
            make=lambda _: PlotlyLeaf(figure).widget,
            get=lambda c: vega.state(c.selection.get("selection") or empty),
            put=lambda *_: None, default=vega.state(empty), on_change=callback,
            settable=False, trait="selection",
        )  # fmt: skip
        chart = slot.control
        chart._fk_modes = tuple(modes)
    chart.show(figure)
    wanted = {"displaylogo": False, **(config or {})}  # no link out, as in Streamlit
    if chart._config != wanted:
        chart._config = wanted
    return None if not selecting else slot.value()


# -- graphviz -------------------------------------------------------------------------------
class GraphvizLeaf(Element):
    """A graph drawn by ``graphviz_chart``: kept by position across draws."""

    kind = "graphviz"

    def __init__(self) -> None:
        from .._frontend.chart import GraphvizChart

        self.widget = GraphvizChart()


def graphviz_chart(
    figure_or_dot: Any,
    use_container_width: bool | None = None,
    *,
    width: int | str = "content",
    height: int | str = "content",
    alt: str | None = None,
) -> None:
    """A graph of DOT source or a ``graphviz`` graph object, laid out in the browser.

    Graphviz compiled to WebAssembly is bundled with fragkernel (sent once per kernel): no
    ``dot`` program and no network needed. A rerun that changes the graph redraws it inside
    the same element (D3).

    Example::

        fk.graphviz_chart("digraph { run -> intr; intr -> runbl; runbl -> run }")
    """
    from .._data import vega

    if use_container_width is not None:
        width = "stretch" if use_container_width else "content"
    vega.check_size("width", width)
    vega.check_size("height", height)
    if isinstance(figure_or_dot, str):
        dot, engine = figure_or_dot, "dot"
    elif type(figure_or_dot).__module__.split(".")[0] == "graphviz" and hasattr(
        figure_or_dot, "source"
    ):
        dot, engine = str(figure_or_dot.source), str(getattr(figure_or_dot, "engine", "dot"))
    else:
        raise StreamlitAPIException(
            "Invalid `figure_or_dot` type. Expected one of: graphviz.Graph, graphviz.Digraph, "
            f"graphviz.Source, str. Provided type: {type(figure_or_dot).__name__}."
        )
    leaf = placement.draw_leaf("graphviz", GraphvizLeaf)
    chart = leaf.widget
    with chart.hold_sync():
        chart.dot, chart.engine, chart.stretch = dot, engine, width == "stretch"
        layout = chart.layout
        layout.width = f"{width}px" if isinstance(width, int) else None
        layout.height = f"{height}px" if isinstance(height, int) else None
        layout.overflow = "auto" if isinstance(height, int) else None
    if isinstance(alt, str) and alt.strip() and chart.tooltip != alt.strip():
        chart.tooltip = alt.strip()


# -- pydeck ---------------------------------------------------------------------------------
class DeckLeaf(Element):
    """A deck drawn by ``pydeck_chart`` without ``on_select``: kept by position across draws."""

    kind = "pydeck"

    def __init__(self) -> None:
        from .._frontend.deck import DeckChart

        self.widget = DeckChart()


def _close_pydeck_widget(deck: Any) -> None:
    """Close the Jupyter widget pydeck keeps for a ``Deck`` (never shown here).

    Else each rerun would leave one more model in the kernel and the page.
    """
    from .._runtime.tree import close_model

    widget = getattr(deck, "deck_widget", None)
    if widget is not None and getattr(widget, "comm", None) is not None:
        close_model(widget)


def pydeck_chart(
    pydeck_obj: Any = None,
    *,
    width: int | str = "stretch",
    use_container_width: bool | None = None,
    height: int | str = 500,
    selection_mode: str = "single-object",
    on_select: str | Callable[..., Any] = "ignore",
    key: str | int | None = None,
    alt: str | None = None,
) -> Any:
    """A ``pydeck.Deck`` drawn by deck.gl; a rerun that changes its layers updates it in place.

    deck.gl (core, layers, aggregation layers and its JSON converter, which reads what
    ``pydeck.Deck.to_json()`` writes) is bundled with fragkernel and sent once per kernel. A
    rerun sends only the new deck JSON and the browser updates the same canvas, keeping the
    view the person panned or zoomed to unless the deck's ``initial_view_state`` or ``views``
    changed (D3).

    **No base map**: Streamlit draws the layers over map tiles from Carto or Mapbox; a
    notebook may be offline and fragkernel loads nothing from the network, so ``map_style``,
    ``map_provider`` and API keys are ignored and the layers are drawn on a plain background.
    Layer extensions, widgets and custom layers are not bundled; ``use_binary_transport``
    layers draw without their data. The Jupyter widget pydeck makes for each ``Deck`` is
    closed (it is not shown here; each rerun would leave one more), so a deck drawn here is
    not also shown with ``deck.show()``.

    ``tooltip`` (pydeck's ``Deck(tooltip=...)``): ``True``, ``{"text": ...}`` or
    ``{"html": ...}`` with ``{field}`` placeholders. An ``html`` template is the caller's own
    HTML (as in Streamlit); the values from the data put into it are escaped (U2).

    With ``on_select="rerun"`` (or a callback) clicking an object returns Streamlit's
    ``{"selection": {"indices": {layer_id: [...]}, "objects": {layer_id: [...]}}}``: in
    ``"single-object"`` mode the clicked object (clicking it again clears it), in
    ``"multi-object"`` mode each click adds or removes an object; clicking nothing clears the
    selection. Give each ``pydeck.Layer`` an ``id`` (and ``pickable=True``). pydeck is
    optional: ``pip install pydeck``.

    Example::

        import pydeck as pdk
        layer = pdk.Layer("ScatterplotLayer", df, id="pts", get_position="[lon, lat]",
                          get_radius=200, pickable=True)
        event = fk.pydeck_chart(pdk.Deck(layers=[layer]), on_select="rerun")
    """
    from .._data import deck as decks
    from .._data import vega

    callback = _check_on_select(on_select)
    selecting = on_select != "ignore"
    if use_container_width:
        width = "stretch"
    vega.check_size("width", width, content=False)
    vega.check_size("height", height, content=False)
    mode = decks.check_mode(selection_mode) if selecting else ""
    built = decks.spec(pydeck_obj)
    _close_pydeck_widget(pydeck_obj)
    label = alt.strip() if isinstance(alt, str) else ""
    if not selecting:
        chart = placement.draw_leaf("pydeck", DeckLeaf).widget
        slot = None
    else:

        def make(_: Any) -> Any:
            from .._frontend.deck import DeckChart

            return DeckChart()

        layers = built.layers
        slot = draw(
            "pydeck_chart", "", key=None if key is None else str(key),
            params=(mode, tuple(layers), label), make=make,
            get=lambda c: vega.state(decks.prune(c.selection or decks.empty(), layers)),
            put=lambda *_: None, default=vega.state(decks.empty()), on_change=callback,
            settable=False, trait="selection",
        )  # fmt: skip
        chart = slot.control
        chart.checker = lambda raw: decks.check_selection(raw, layers, mode)
    with chart.hold_sync():
        if chart.spec != built.json:
            chart.spec = built.json
        if chart.hover != built.tooltip:
            chart.hover = built.tooltip
        if chart.selection_mode != mode:
            chart.selection_mode = mode
        if chart.alt != label:
            chart.alt = label
        layout = chart.layout
        layout.width = f"{width}px" if isinstance(width, int) else "100%"
        layout.height = f"{height}px" if isinstance(height, int) else "500px"
    return None if slot is None else slot.value()
