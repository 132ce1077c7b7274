"""The chart widget: a Vega-Lite view that updates in place (SPEC D3).

Three kinds of models:

* :class:`ScriptLibrary`, one per kernel: the Vega stack (``vega-lib.js``, vega + vega-lite +
  vega-embed + flechette, about 0.9 MB), read from disk and sent once, when the first chart
  is drawn. Each chart's own front end (``chart.js``, a few KB) imports it from there, once
  per page: no CDN, so charts draw offline, in JupyterLab and VS Code alike.
* :class:`ChartData`, one per dataset of a chart: its rows, as Arrow IPC or JSON bytes.
* :class:`VegaChart`: the spec without data, the list of its datasets, the selection
  parameters it reports.

A rerun that changes only the data sets the ``value`` of the changed datasets: one small
message each, and the browser changes the data of the same Vega view (no re-embed, no
flicker, zoom and pan kept). A rerun that changes the spec re-embeds the view.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

from .._data.fingerprint import SameData
from .controls import Guarded
from .status import _STATIC, _asset

log = logging.getLogger("fragkernel")


class Refusals:
    """Warnings about refused browser input (U1): at most ``burst`` per ``interval`` seconds.

    A front end that sends bad messages forever costs a counter, not a log line (or memory)
    per message; the next warning says how many were refused meanwhile.
    """

    def __init__(self, interval: float = 10.0, burst: int = 5) -> None:
        self.interval = interval
        self.burst = burst
        self._start = -math.inf
        self._told = 0
        self.unreported = 0

    def warn(self, message: str) -> None:
        """Log ``message``, unless ``burst`` warnings were logged in the last ``interval``."""
        now = time.monotonic()
        if now - self._start >= self.interval:
            self._start, self._told = now, 0
        if self._told >= self.burst:
            self.unreported += 1
            return
        if self.unreported:
            message += f" ({self.unreported} more refused since the last warning)"
        self._told += 1
        self.unreported = 0
        log.warning("%s", message)


#: The kernel's refusals of chart selections (every chart kind).
refusals = Refusals()


class ScriptLibrary(Guarded, widgets.Widget):
    """A script's source (an ES module), one model per kernel, imported once per page.

    ``version`` (the file's name and a hash of its source) is the key of the page's cache:
    every chart of the page, and a restarted kernel's charts, share one import of it.
    """

    front_end_keys = frozenset()
    source = traitlets.Unicode("").tag(sync=True)
    version = traitlets.Unicode("").tag(sync=True)


class ChartData(Guarded, widgets.Widget):
    """One dataset of a chart: ``name`` in the spec, ``format`` and the bytes of its rows."""

    front_end_keys = frozenset()
    name = traitlets.Unicode("").tag(sync=True)
    format = traitlets.Unicode("json").tag(sync=True)
    value = traitlets.Bytes(b"[]").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: The frame whose rows ``value`` holds, to tell a rerun's same frame (never synced).
        self.seen: SameData | None = None


_libraries: dict[Path, ScriptLibrary] = {}


def library(path: Path | None = None) -> ScriptLibrary:
    """The kernel's model of a script library (the Vega stack by default).

    Made, and its file read, when the first chart that needs it is drawn.
    """
    path = path or _STATIC / "vega-lib.js"
    found = _libraries.get(path)
    if found is None or found.comm is None:
        if path.exists():
            source = path.read_text(encoding="utf-8")
        else:
            log.warning("fragkernel: %s is missing (the front end was not built)", path)
            source = "export default {}"
        digest = hashlib.sha256(source.encode()).hexdigest()[:16]
        found = _libraries[path] = ScriptLibrary(source=source, version=f"{path.name}-{digest}")
    return found


class VegaChart(Guarded, anywidget.AnyWidget):
    """A Vega-Lite chart view; its data changes in place (D3); it reports selections (U1)."""

    front_end_keys = frozenset()

    _esm = _asset("chart.js")
    _css = _asset("chart.css")
    spec = traitlets.Unicode("{}").tag(sync=True)
    datasets = traitlets.List(traitlets.Instance(ChartData)).tag(
        sync=True, **widgets.widget_serialization
    )
    library = traitlets.Instance(ScriptLibrary, allow_none=True).tag(
        sync=True, **widgets.widget_serialization
    )
    selection_params = traitlets.List(traitlets.Unicode()).tag(sync=True)
    theme = traitlets.Unicode("streamlit").tag(sync=True)
    #: The selection state, as the kernel accepted it from the browser (never synced).
    selection = traitlets.Dict()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(library=library(), **kwargs)
        self.on_msg(self._message)
        self.checker: Callable[[Any], dict[str, Any]] | None = None

    def show(
        self,
        spec_json: str,
        datasets: Mapping[str, Any],
        *,
        encode: Callable[[Any], tuple[str, bytes]],
        selection_params: list[str],
        theme: str,
    ) -> None:
        """Show this spec and data; send only what differs from what the browser has.

        ``datasets``: each dataset's data, turned into ``(format, bytes)`` by ``encode``
        unless it is the frame the browser already has (a fingerprint, as the grid's: a
        rerun that passes the same frame costs neither an encoding nor a message, D3).
        """
        old = {d.name: d for d in self.datasets}
        new: list[ChartData] = []
        for name, data in datasets.items():
            model = old.pop(name, None)
            if model is not None and model.seen is not None and model.seen.same_data(data):
                new.append(model)
                continue
            fmt, payload = encode(data)
            if model is None:
                model = ChartData(name=name, format=fmt, value=payload)
            elif model.format != fmt or model.value != payload:
                with model.hold_sync():
                    model.format, model.value = fmt, payload
            model.seen = SameData.of(data)
            new.append(model)
        with self.hold_sync():
            if [id(d) for d in new] != [id(d) for d in self.datasets]:
                self.datasets = new
            if self.spec != spec_json:
                self.spec = spec_json
            if list(self.selection_params) != selection_params:
                self.selection_params = selection_params
            if self.theme != theme:
                self.theme = theme
        for model in old.values():
            model.close()

    def _message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict) or content.get("event") != "select":
            return
        check = self.checker
        if check is None:
            return
        try:
            selection = check(content.get("selection"))
        except ValueError as error:
            refusals.warn(f"fragkernel: refused a chart selection from the front end: {error}")
            return
        self.selection = {**self.selection, **selection}

    def close(self) -> None:
        """Close the chart and its datasets (never the shared library)."""
        for model in self.datasets:
            model.close()
        super().close()


class GraphvizChart(Guarded, anywidget.AnyWidget):
    """A Graphviz graph: DOT laid out and drawn by Graphviz compiled to WebAssembly."""

    front_end_keys = frozenset()

    _esm = _asset("graphviz.js")
    dot = traitlets.Unicode("").tag(sync=True)
    engine = traitlets.Unicode("dot").tag(sync=True)
    stretch = traitlets.Bool(False).tag(sync=True)
    library = traitlets.Instance(ScriptLibrary, allow_none=True).tag(
        sync=True, **widgets.widget_serialization
    )

    @traitlets.default("library")
    def _library(self) -> ScriptLibrary:
        return library(_STATIC / "graphviz-lib.js")
