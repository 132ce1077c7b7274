"""Reactive session state: a key written in one cell reruns the fragments that read it (S4).

A run records each key it reads as it reads it, so a write that lands while the reader is
still running (from a thread, say) is not missed. A write reruns every reader except:

* the writer itself, and any reader in the writer's own cell when the writer is a fragment
  or the cell's code: within one cell Streamlit's rule holds, a fragment's writes never
  rerun its outer fragments, its ``%%fragment`` cell or its siblings;
* readers that are not ``reactive``.

A write from a plain cell's widget or from a thread is a write from outside: it reruns every
reader. A fragment rerun by a write is one *round* further down a chain; a chain longer than
:data:`MAX_ROUNDS` is cut, and the cut is shown in the areas of the fragments it stopped.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._errors import StreamlitAPIException
from .context import CellScope, Owner, Runtime

if TYPE_CHECKING:
    from .instance import FragmentInstance

MAX_ROUNDS = 8


@dataclass(frozen=True)
class Writer:
    """Who is writing session state in this context, and how far down a chain of reruns."""

    owner: Owner | None
    cell: CellScope | None  # None: from outside every cell (a thread, a plain cell's widget)
    round: int = 0


_WRITER: ContextVar[Writer | None] = ContextVar("fragkernel_writer", default=None)


class Reactive:
    """Wires ``session_state`` reads and writes to fragment reruns."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self._readers: dict[str, weakref.WeakSet[FragmentInstance]] = {}
        # Parallel fragments (A3) read from worker threads while the main thread writes.
        self._lock = threading.Lock()
        runtime.state._set_hooks(self._on_read, self._on_write, self._on_set)

    def _on_read(self, key: str) -> None:
        run = self._runtime.run
        if run is None or run.collect is not None:  # a callback's reads are not its owner's
            return
        run.reads.add(key)
        owner = run.owner
        if getattr(owner, "reactive", False):
            with self._lock:
                self._readers.setdefault(key, weakref.WeakSet()).add(owner)  # type: ignore[arg-type]

    def _on_set(self, key: str) -> None:
        """Refuse user code setting the key of a widget already drawn in this run (S5)."""
        runtime = self._runtime
        run = runtime.run
        if run is not None:
            keys = run.keys
        elif runtime.on_main_thread():
            keys = runtime.cell.keys
        else:
            return
        if key in keys:
            raise StreamlitAPIException(
                f"`st.session_state.{key}` cannot be modified after the widget with key "
                f"`{key}` is instantiated."
            )

    @contextmanager
    def writing_as(self, owner: Owner, round_: int = 0, *, outside: bool = False) -> Iterator[None]:
        """Attribute the writes of the block to ``owner`` (its run, or a widget event of its)."""
        token = _WRITER.set(Writer(owner, None if outside else owner.home, round_))
        try:
            yield
        finally:
            _WRITER.reset(token)

    def _writer(self) -> Writer:
        writer = _WRITER.get()
        if writer is not None:
            return writer
        runtime = self._runtime
        run = runtime.run
        if run is not None:
            return Writer(run.owner, run.owner.home)
        if runtime.on_main_thread():
            return Writer(runtime.cell, runtime.cell)  # a plain cell's own code
        return Writer(None, None)  # a thread: from outside

    def _on_write(self, key: str) -> None:
        with self._lock:
            readers = list(self._readers.get(key, ()))
        if not readers:
            return
        writer = self._writer()
        round_ = writer.round + 1
        scheduler = self._runtime.scheduler
        for instance in readers:
            if instance is writer.owner or instance.disposed or not instance.reactive:
                continue
            if writer.cell is not None and instance.home is writer.cell:
                continue  # within one cell only st.rerun() reruns the app (S4)
            if round_ > MAX_ROUNDS:
                instance.show_note(
                    f"fragkernel: {instance.name!r} was not rerun for session_state[{key!r}]: "
                    f"fragments kept writing keys that rerun each other; the chain was cut "
                    f"after {MAX_ROUNDS} rounds (SPEC S4).",
                    error=True,
                )
                continue
            instance.next_round = max(instance.next_round, round_)
            if scheduler is not None:
                scheduler.request(instance)

    def record(self, instance: FragmentInstance, old: set[str], new: set[str]) -> None:
        """Forget ``instance`` as a reader of the keys its last run no longer read."""
        with self._lock:
            for key in old - new:
                readers = self._readers.get(key)
                if readers is not None:
                    readers.discard(instance)
            if instance.reactive and not instance.disposed:
                for key in new - old:
                    self._readers.setdefault(key, weakref.WeakSet()).add(instance)
