"""Serve rerun requests on the kernel's main thread, one at a time, coalescing bursts (F11, F15).

Whatever asks for a rerun (a widget event, a ``run_every`` tick, a session-state write, a
thread, a run that ended while others waited) calls :meth:`Scheduler.request`, and every
request is served by the one method :meth:`Scheduler.serve`, with one set of rules:

* never while a run is under way (a request made during a run waits for its end);
* in an empty context of its own, whose parent request is cleared (``detach``): a rerun
  answers no single message, it may stand for many, and it is never nested in the run
  during which it was requested;
* before the next cell runs (``pre_run_cell`` calls :meth:`serve`), so a rerun never lands
  after a cell the person ran later;
* interruptible: each run lets the notebook's stop button in (see ``engine.interruptible``).

*When* it is served is the only thing that varies. A request after a quiet spell (nothing
asked for or run in the last ``quiet`` seconds) is served at once, inside the message
handler: the fastest path, and while it runs the kernel is busy, so JupyterLab's throttle
holds newer values back. A request hot on the heels of others is served from the kernel's
event loop once the handler has returned, postponed while new requests keep arriving (the
kernel reads one message ahead of its loop callbacks), but never longer than ``max_delay``
after the first unserved one: a burst costs a few reruns, and the last sees the latest
values. Outside an event loop (plain Python, unit tests) requests are served as soon as no
run is under way.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # asyncio is not imported at run time: `import fragkernel` stays light
    import asyncio


class Rerunnable(Protocol):
    """What the scheduler reruns: a fragment instance."""

    disposed: bool

    def rerun(self) -> None:
        """Run the fragment's function again."""


class Timer:
    """A periodic request made by :meth:`Scheduler.every`; :meth:`cancel` stops it."""

    def __init__(self) -> None:
        self.cancelled = False
        self.handle: asyncio.TimerHandle | None = None

    def cancel(self) -> None:
        """Stop the timer for good."""
        self.cancelled = True
        if self.handle is not None:
            self.handle.cancel()
            self.handle = None


class Scheduler:
    """Serves rerun requests: never two runs at once, bursts coalesced."""

    def __init__(
        self,
        is_busy: Callable[[], bool],
        loop: asyncio.AbstractEventLoop | None,
        detach: Callable[[], None] | None = None,
        max_delay: float = 0.05,
        quiet: float = 0.02,
    ) -> None:
        self._is_busy = is_busy
        self._detach = detach
        self.max_delay = max_delay
        self.quiet = quiet
        self._last_activity = -1.0
        self._pending: dict[int, Rerunnable] = {}
        self._thread = threading.main_thread().ident  # where cells and reruns run
        self._loop = loop
        self._handle: asyncio.TimerHandle | asyncio.Handle | None = None
        self._events = 0
        self._events_at_schedule = 0
        self._first_pending = 0.0
        self.served = 0
        self._ticks_held_until = 0.0

    @property
    def deferred(self) -> bool:
        """Whether requests are served from an event loop (inside a kernel)."""
        return self._loop is not None

    def request(self, target: Rerunnable) -> None:
        """Ask for ``target`` to rerun soon. Safe to call from any thread."""
        if threading.get_ident() != self._thread:
            if self._loop is None:
                raise RuntimeError("fragkernel: a rerun was requested from a thread with no loop")
            self._loop.call_soon_threadsafe(self.request, target)
            return
        now = time.monotonic()
        calm = now - self._last_activity >= self.quiet and self._handle is None
        self._last_activity = now
        if not self._pending:
            self._first_pending = now
        self._pending[id(target)] = target
        self._events += 1
        if self._loop is None or calm:
            self.serve()
        self._wait_for_loop()

    def _wait_for_loop(self) -> None:
        if self._pending and self._loop is not None and self._handle is None:
            self._schedule()

    def hold_ticks(self, seconds: float) -> None:
        """Let no ``every`` timer fire for ``seconds`` (0: release them now) (W2)."""
        self._ticks_held_until = time.monotonic() + seconds if seconds > 0 else 0.0

    def soon(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` from the event loop once the current handler is over (W2).

        Outside an event loop it is called at once.
        """
        if self._loop is None:
            callback()
        else:
            self._loop.call_soon_threadsafe(callback)  # a parallel run's worker may ask too

    def discard(self, target: Rerunnable) -> None:
        """Forget a pending request (the target was disposed)."""
        self._pending.pop(id(target), None)

    def _schedule(self) -> None:
        assert self._loop is not None
        self._events_at_schedule = self._events
        self._handle = self._loop.call_later(0, self._tick)

    def _tick(self) -> None:
        self._handle = None
        if not self._pending:
            return
        waited = time.monotonic() - self._first_pending
        if self._events != self._events_at_schedule and waited < self.max_delay:
            self._schedule()  # more events are coming in: let them land first
            return
        self.serve()

    def serve(self) -> None:
        """Serve every pending request now, in the order they came: the one rerun path."""
        if self._is_busy() or not self._pending:
            return
        # An empty context: a request made during a run (or a timer started in one) must not
        # serve its rerun inside that run's context (its run, its writer, its parent).
        contextvars.Context().run(self._serve)
        self._last_activity = time.monotonic()
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _serve(self) -> None:
        if self._detach is not None:
            self._detach()
        while self._pending:
            key = next(iter(self._pending))
            target = self._pending.pop(key)
            if not target.disposed:
                self.served += 1
                target.rerun()

    def after_run(self) -> None:
        """A run ended: serve what was requested during it (from the loop, when there is one)."""
        if threading.get_ident() != self._thread and self._loop is not None:
            self._loop.call_soon_threadsafe(self.after_run)  # a parallel run's worker (A3)
            return
        if self._loop is None:
            self.serve()
        else:
            self._wait_for_loop()

    def every(self, period: float, target: Rerunnable) -> Timer:
        """Request ``target`` every ``period`` seconds until the timer is cancelled."""
        timer = Timer()
        if self._loop is None:
            return timer  # no loop to drive time: run_every needs a kernel
        loop = self._loop

        def fire() -> None:
            if timer.cancelled or target.disposed:
                return
            held = self._ticks_held_until - time.monotonic()
            if held > 0:
                timer.handle = loop.call_later(min(held, 0.05), fire)  # a release ends it
                return
            if not getattr(target, "running", False):  # a tick never supersedes a run
                self.request(target)
            timer.handle = loop.call_later(period, fire)

        timer.handle = loop.call_later(period, fire)
        return timer
