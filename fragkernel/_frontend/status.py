"""The fragment's own front end: one hidden anywidget per area (SPEC F11, F17).

The widget's ``state`` shows on the area: ``"running"`` (``aria-busy``, dimmed, a thin
progress line), ``"error"`` (a red edge) or ``"idle"``. A rerun costs no status message at
all unless it is slow: a watchdog thread marks a run ``"running"`` once it has taken
:data:`SLOW_RUN` seconds, so quick reruns send only what they changed.

With ``run_every``, the browser sends the ticks (paused while the page is hidden or the area
is off screen). Until a view says hello, a kernel timer ticks instead, so that a fragment
still runs on its period where nothing renders it (nbclient, a closed notebook reopened).

The front end may not have anywidget's code at all (SPEC W2): VS Code looks a widget
module's script up by running code in the kernel, queued behind the running cell, and
gives up after 10 s; the model opened during a cell also holds up the cell's Output
updates until then. So the status widget is opened only once the cell that made its
fragment is over, and shown in the area only once a front end said ``ready`` (the model's
``initialize``, where the module loaded). Until then the kernel keeps every feature on its
side: its timer ticks, and a stock ``HTML`` line (:class:`BusyMark`) shows a slow run.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any, Protocol

import anywidget
import ipywidgets as widgets
import traitlets

from . import controls
from .controls import Guarded

#: A run that takes longer than this (seconds) shows as running.
SLOW_RUN = 0.15

log = logging.getLogger("fragkernel")
_STATIC = Path(__file__).parent.parent / "static"


def _asset(name: str) -> str:
    # The text, not the path: for a path anywidget connects every instance to a "file
    # changed" signal (hot reload), which keeps every status widget, and through it every
    # disposed fragment, alive for the life of the kernel.
    path = _STATIC / name
    if path.exists():
        return path.read_text(encoding="utf-8")
    log.warning(
        "fragkernel: %s is missing (the front end was not built): run `pip install -e .` "
        "with npm available. Fragments work, without their running state.",
        path,
    )
    return "export default {}" if name.endswith(".js") else ""


class FragmentStatus(Guarded, anywidget.AnyWidget):
    """The hidden view inside a fragment's area that shows its state and sends its ticks."""

    front_end_keys = frozenset()  # the browser only sends messages (ticks), never state

    _esm = _asset("widget.js")
    _css = _asset("widget.css")
    state = traitlets.Unicode("idle").tag(sync=True)
    period = traitlets.Float(0.0).tag(sync=True)


class FrontEndModule:
    """Whether a front end loaded the status widget's module in this kernel (a ``ready``)."""

    def __init__(self) -> None:
        self.loaded = False


front_end = FrontEndModule()

_BUSY_HTML = (
    '<div role="progressbar" aria-label="running" style="height:2px;width:100%;'
    'background:var(--jp-brand-color1,var(--vscode-progressBar-background,#1976d2))"></div>'
)


class BusyMark(controls.HTML):
    """A stock running mark, for areas whose status widget is not shown (yet) (W2, F17).

    A thin progress line, hidden (``layout.display = "none"``) unless a run is slow: it needs
    no code of fragkernel's in the front end, so it shows in any front end.
    """

    def __init__(self) -> None:
        super().__init__(value=_BUSY_HTML, layout=widgets.Layout(display="none"))
        self.add_class("fragkernel-busy")
        self._state = "idle"

    @property
    def state(self) -> str:
        """``"running"`` shows the line; anything else hides it."""
        return self._state

    @state.setter
    def state(self, value: str) -> None:
        self._state = value
        self.layout.display = None if value == "running" else "none"


class Marker(Protocol):
    """What shows a run's state: the status widget, or the stock mark."""

    state: str
    comm: Any


class Watchdog:
    """Marks runs that take longer than :data:`SLOW_RUN` as running, from a daemon thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active: dict[int, tuple[float, Marker]] = {}
        self._thread: threading.Thread | None = None

    def started(self, status: Marker) -> None:
        """A run began: watch it."""
        with self._lock:
            self._active[id(status)] = (time.monotonic(), status)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._loop, name="fragkernel-watchdog", daemon=True
                )
                self._thread.start()

    def finished(self, status: Marker, failed: bool) -> None:
        """A run ended: show its outcome (sends a message only if the state changes)."""
        with self._lock:
            self._active.pop(id(status), None)
            final = "error" if failed else "idle"
            if status.comm is not None and status.state != final:
                status.state = final

    def _loop(self) -> None:
        while True:
            time.sleep(SLOW_RUN / 3)
            now = time.monotonic()
            with self._lock:
                for started, status in list(self._active.values()):
                    if now - started >= SLOW_RUN and status.state != "running":
                        try:
                            status.state = "running"
                        except Exception:  # the kernel may be shutting down
                            log.debug("fragkernel: could not mark a run", exc_info=True)


watchdog = Watchdog()


def message_event(content: Any) -> str | None:
    """The ``event`` of a custom message from the front end, ``None`` if malformed."""
    if isinstance(content, dict):
        event = content.get("event")
        if isinstance(event, str):
            return event
    return None
