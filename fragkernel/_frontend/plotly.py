"""plotly_chart's widget: plotly's own ``FigureWidget``, updated in place (SPEC D3, U1).

plotly >= 6 ships ``FigureWidget`` as an anywidget that bundles plotly.js (no CDN), but puts
the 5 MB bundle in every figure's state. Here a subclass carries a small loader instead
(``static/plotly.js``) and the bundle goes once per kernel in a shared
:class:`~fragkernel._frontend.chart.ScriptLibrary`. A rerun updates the same figure through
plotly's own messages, which carry only what changed (new data: a restyle of the changed
arrays, as binary buffers). plotly is optional: imported when a figure is first drawn.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import traitlets

from .status import _asset

log = logging.getLogger("fragkernel")

#: Trace properties the browser may set itself (legend clicks, selections): kept on update.
_BROWSER_TRACE_PROPS = frozenset({"visible", "selectedpoints", "uid"})
_EVENTS = ("plotly_selected", "plotly_click", "plotly_deselect")
_cls: type | None = None


def _scalar(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, str | bool | int)


def check_points(message: Any) -> dict[str, Any]:
    """A points message of plotly's front end, checked (U1); raises ``ValueError``."""
    if not isinstance(message, dict) or not isinstance(message.get("event_type"), str):
        raise ValueError("a points message must be a mapping with an event_type")
    points = message.get("points")
    if not isinstance(points, dict):
        raise ValueError("points must be a mapping of lists")
    lists = {}
    for name in ("trace_indexes", "point_indexes", "xs", "ys", "zs"):
        value = points.get(name)
        if value is None and name == "zs":
            continue
        if not isinstance(value, list) or not all(_scalar(v) for v in value):
            raise ValueError(f"points.{name} must be a list of plain values")
        lists[name] = value
    if len({len(v) for v in lists.values()}) > 1:
        raise ValueError("the lists of points differ in length")
    for name in ("trace_indexes", "point_indexes"):
        if not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in lists[name]):
            raise ValueError(f"points.{name} must hold indexes")
    selector = message.get("selector")
    if selector is not None:
        state = selector.get("selector_state") if isinstance(selector, dict) else None
        if not isinstance(state, dict) or selector.get("type") not in ("box", "lasso"):
            raise ValueError("a selector is a box or a lasso with its state")
        for value in state.values():
            if not isinstance(value, list) or not all(_scalar(v) for v in value):
                raise ValueError("a selector's state holds lists of plain values")
    return {"event_type": message["event_type"], "points": lists, "selector": selector}


def selection_state(figure: Any, message: dict[str, Any], modes: Iterable[str]) -> dict[str, Any]:
    """Streamlit's ``PlotlySelectionState`` for a checked points message."""
    modes = set(modes)
    points = message["points"]
    selector = message["selector"] or {}
    kind = selector.get("type")
    out: dict[str, Any] = {"points": [], "point_indices": [], "box": [], "lasso": []}
    if message["event_type"] == "plotly_deselect":
        return out
    if message["event_type"] == "plotly_click" and "points" not in modes:
        return out
    traces = figure.data
    for i, (curve, index) in enumerate(
        zip(points["trace_indexes"], points["point_indexes"], strict=True)
    ):
        point: dict[str, Any] = {
            "curve_number": curve,
            "point_number": index,
            "point_index": index,
            "x": points["xs"][i],
            "y": points["ys"][i],
        }
        if "zs" in points:
            point["z"] = points["zs"][i]
        if curve < len(traces):
            trace = traces[curve]
            for name, key in (("customdata", "customdata"), ("legendgroup", "legendgroup"),
                              ("text", "text"), ("hovertext", "hovertext")):  # fmt: skip
                value = getattr(trace, key, None) if key in trace else None
                if isinstance(value, str):
                    point[name] = value
                elif value is not None and hasattr(value, "__len__") and index < len(value):
                    item = value[index]
                    point[name] = item.tolist() if hasattr(item, "tolist") else item
        out["points"].append(point)
        out["point_indices"].append(index)
    state = selector.get("selector_state") or {}
    if kind == "box" and "box" in modes:
        out["box"] = [{"xref": "x", "yref": "y", "x": state.get("xrange", []),
                       "y": state.get("yrange", [])}]  # fmt: skip
    elif kind == "lasso" and "lasso" in modes:
        out["lasso"] = [{"xref": "x", "yref": "y", "x": state.get("xs", []),
                         "y": state.get("ys", [])}]  # fmt: skip
    return out


def chart_class() -> type:
    """The ``FigureWidget`` subclass, made on first use (plotly is imported then)."""
    global _cls
    if _cls is not None:
        return _cls
    import ipywidgets as widgets
    import plotly
    import plotly.graph_objects as go

    from .chart import ScriptLibrary, library, refusals
    from .threads import on_main_thread

    bundle = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"

    class PlotlyChart(go.FigureWidget):
        """plotly's FigureWidget, its bundle shared, its browser input checked (U1)."""

        _esm = _asset("plotly.js")
        library = traitlets.Instance(ScriptLibrary, allow_none=True).tag(
            sync=True, **widgets.widget_serialization
        )
        #: Streamlit's selection state, as accepted from the browser (never synced).
        selection = traitlets.Dict()

        @traitlets.default("library")
        def _library(self) -> ScriptLibrary:
            return library(bundle)  # in the opening state: the front end needs it at once

        def __init__(self, figure: Any = None) -> None:
            super().__init__(figure)
            self._fk_modes: tuple[str, ...] = ()

        def _handle_msg(self, msg: dict[str, Any]) -> None:
            on_main_thread(super()._handle_msg, msg)  # as every guarded control (W1)

        def set_state(self, sync_data: dict[str, Any]) -> None:
            """Apply plotly's messages from the browser; points become selections."""
            if not isinstance(sync_data, dict):
                return
            foreign = [k for k in sync_data if not str(k).startswith("_js2py_")]
            if foreign:
                log.warning("fragkernel: refused a change of %s from the front end", foreign)
            state = {k: v for k, v in sync_data.items() if str(k).startswith("_js2py_")}
            points = state.pop("_js2py_pointsCallback", None)
            if points is not None:
                self._points(points)
            if state:
                try:
                    super().set_state(state)
                except Exception as error:  # plotly raises many kinds
                    log.warning("fragkernel: refused a plotly message: %r", error)

        def _points(self, raw: Any) -> None:
            try:
                message = check_points(raw)
            except ValueError as error:
                refusals.warn(f"fragkernel: refused a chart selection from the front end: {error}")
                return
            if self._fk_modes and message["event_type"] in _EVENTS:
                self.selection = {"selection": selection_state(self, message, self._fk_modes)}

        def show(self, figure: Any) -> None:
            """Make this figure look like ``figure``, sending only what differs."""
            new, old = list(figure.data), list(self.data)  # type: ignore[has-type]
            if [t.type for t in new] != [t.type for t in old]:
                self.data = ()
                if new:
                    self.add_traces(new)
            else:
                with self.batch_update():
                    for trace, target in zip(new, old, strict=True):
                        props = trace.to_plotly_json()
                        props.pop("type", None)
                        gone = {k: None for k in target.to_plotly_json()
                                if k not in props and k not in _BROWSER_TRACE_PROPS
                                and k != "type"}  # fmt: skip
                        target.update({**gone, **props}, overwrite=True)
            self.layout.update(figure.layout.to_plotly_json())  # merged: zoom is kept

    _cls = PlotlyChart
    return _cls
