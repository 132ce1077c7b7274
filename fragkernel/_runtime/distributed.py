"""Dask ``distributed`` futures follow the run that made them: a cancelled run cancels them (A4).

Loaded by :mod:`.adapters` only once the user has imported ``distributed``. Every future
that a client makes goes through :class:`distributed.Future`'s constructor (``submit``,
``map``, ``compute``, ``persist``, ``scatter``), so :func:`install` wraps that constructor
once: a future made while a fragment run is current, for a key its client did not hold yet,
is recorded (by weak reference) on that run and on the runs around it. When the run is
cancelled (a newer event superseded it, or its cell ran again), the futures it recorded and
that are still pending are cancelled with their client's public ``Client.cancel``, and the
run that supersedes it starts only after that: the scheduler drops the work nobody will read.

What is not recorded: futures of a key the client held before the run (another run, a cell,
``Variable``/``Queue`` results) are never cancelled by the run; finished futures are left
alone (a run may have kept them in ``session_state``); a run that completes or fails cancels
nothing (its futures live as long as something references them, as in plain Dask).
"""

from __future__ import annotations

import functools
import weakref
from typing import Any

from distributed import Future

from .context import Run, get_runtime

_MARK = "__fragkernel_records__"


class Submitted:
    """The futures one run made, by weak reference, cancelled together if the run is."""

    def __init__(self) -> None:
        self.futures: list[weakref.ref[Future[Any]]] = []

    async def cancel(self) -> None:
        """Cancel the recorded futures still pending, one ``Client.cancel`` per client."""
        by_client: dict[int, tuple[Any, list[Future[Any]]]] = {}
        for ref in self.futures:
            future = ref()
            if future is None or future.done():
                continue  # released already (the scheduler let it go), or finished
            client = future.client
            by_client.setdefault(id(client), (client, []))[1].append(future)
        self.futures.clear()
        for client, futures in by_client.values():
            outcome = client.cancel(futures)  # a coroutine for an asynchronous client
            if outcome is not None and hasattr(outcome, "__await__"):
                await outcome


_submitted: weakref.WeakKeyDictionary[Run, Submitted] = weakref.WeakKeyDictionary()


def record(future: Future[Any]) -> None:
    """Record ``future`` on the current run and every run around it in this context."""
    run = get_runtime().run
    while run is not None:
        submitted = _submitted.get(run)
        if submitted is None:
            submitted = _submitted[run] = Submitted()
            run.on_cancel(submitted.cancel)
        submitted.futures.append(weakref.ref(future))
        run = run.outer


def install() -> None:
    """Wrap ``Future.__init__`` (once) so that futures made in a run are recorded on it."""
    original = Future.__init__
    if getattr(original, _MARK, False):
        return

    @functools.wraps(original)
    def init(self: Future[Any], key: Any, client: Any = None, *args: Any, **kwargs: Any) -> None:
        fresh = client is not None and key not in getattr(client, "futures", {})
        original(self, key, client, *args, **kwargs)
        if fresh and get_runtime().run is not None:
            record(self)

    setattr(init, _MARK, True)
    Future.__init__ = init  # type: ignore[method-assign]
