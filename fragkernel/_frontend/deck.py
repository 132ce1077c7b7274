"""pydeck_chart's widget: a deck.gl Deck drawn from pydeck's JSON, updated in place (D3, U1).

deck.gl (``static/deck-lib.js``: core, layers, aggregation layers, the JSON converter) goes
once per kernel in a shared :class:`~fragkernel._frontend.chart.ScriptLibrary`; each chart's
front end (``static/deck.js``, a few KB) imports it from there. A rerun that changes the deck
sets ``spec`` (the new deck JSON, nothing else), and the browser updates the same Deck
(``setProps``), keeping the view the person panned to unless the deck's own view changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

from .chart import ScriptLibrary, library
from .controls import Guarded
from .status import _STATIC, _asset

log = logging.getLogger("fragkernel")


class DeckChart(Guarded, anywidget.AnyWidget):
    """A deck.gl view of a pydeck deck; it reports clicked objects as selections (U1)."""

    front_end_keys = frozenset()

    _esm = _asset("deck.js")
    spec = traitlets.Unicode("{}").tag(sync=True)
    #: pydeck's ``tooltip`` setting as JSON ("" for none).
    hover = traitlets.Unicode("").tag(sync=True)
    #: "" (no selections), "single-object" or "multi-object".
    selection_mode = traitlets.Unicode("").tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)
    library = traitlets.Instance(ScriptLibrary, allow_none=True).tag(
        sync=True, **widgets.widget_serialization
    )
    #: The selection, as the kernel accepted it from the browser (never synced).
    selection = traitlets.Dict()

    @traitlets.default("library")
    def _library(self) -> ScriptLibrary:
        return library(_STATIC / "deck-lib.js")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.on_msg(self._message)
        self.refused: list[str] = []
        self.checker: Callable[[Any], dict[str, Any]] | None = None

    def _message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict) or content.get("event") != "select":
            return
        check = self.checker
        if check is None or not self.selection_mode:
            return
        try:
            selection = check(content.get("selection"))
        except ValueError as error:
            message = f"fragkernel: refused a chart selection from the front end: {error}"
            self.refused.append(message)
            log.warning("%s", message)
            self.send({"event": "selection", "selection": self.selection or None})
            return
        self.selection = selection
