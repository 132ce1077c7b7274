"""The fragment's own front end: one hidden anywidget per area (SPEC F11, F17).

The widget's ``state`` shows on the area: ``"running"`` (``aria-busy``, dimmed, a thin
progress line), ``"error"`` (a red edge) or ``"idle"``. A rerun costs no status message at
all unless it is slow: a watchdog thread marks a run ``"running"`` once it has taken
:data:`SLOW_RUN` seconds, so quick reruns send only what they changed.

With ``run_every``, the browser sends the ticks (paused while the page is hidden or the area
is off screen). Until a view says hello, a kernel timer ticks instead, so that a fragment
still runs on its period where nothing renders it (nbclient, a closed notebook reopened).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

import anywidget
import traitlets

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


class Watchdog:
    """Marks runs that take longer than :data:`SLOW_RUN` as running, from a daemon thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active: dict[int, tuple[float, FragmentStatus]] = {}
        self._thread: threading.Thread | None = None

    def started(self, status: FragmentStatus) -> None:
        """A run began: watch it."""
        with self._lock:
            self._active[id(status)] = (time.monotonic(), status)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._loop, name="fragkernel-watchdog", daemon=True
                )
                self._thread.start()

    def finished(self, status: FragmentStatus, failed: bool) -> None:
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
