"""Reactive session state: a key written by one party reruns the fragments that read it (S4).

Each run records the keys it read; when a key changes, every live fragment that read it in
its last run is asked to rerun, except the writer itself. A fragment rerun because of such a
write is one *round* further down a chain; chains longer than :data:`MAX_ROUNDS` are cut, so
two fragments that keep writing each other's keys cannot loop forever.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .context import Owner, Runtime

if TYPE_CHECKING:
    from .fragment import FragmentInstance

MAX_ROUNDS = 8
log = logging.getLogger("fragkernel")


class Reactive:
    """Wires ``session_state`` reads and writes to fragment reruns."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self._readers: dict[str, weakref.WeakSet[FragmentInstance]] = {}
        self._writer: Owner | None = None
        self.round = 0
        runtime.state._set_hooks(self._on_read, self._on_write)

    def _on_read(self, key: str) -> None:
        run = self._runtime.run
        if run is not None:
            run.reads.add(key)

    @contextmanager
    def writing_as(self, owner: Owner, round_: int = 0) -> Iterator[None]:
        """Attribute the writes of the block to ``owner`` (a widget event of its)."""
        saved = self._writer, self.round
        self._writer, self.round = owner, round_
        try:
            yield
        finally:
            self._writer, self.round = saved

    def _on_write(self, key: str) -> None:
        readers = self._readers.get(key)
        if not readers:
            return
        writer = self._writer or self._runtime.owner()
        round_ = self.round + 1
        scheduler = self._runtime.scheduler
        for instance in list(readers):
            if instance is writer or instance.disposed or not instance.reactive:
                continue
            if round_ > MAX_ROUNDS:
                log.warning(
                    "fragkernel: fragment %r was not rerun for session_state[%r]: fragments "
                    "kept writing keys that rerun each other; the chain was cut after %d rounds.",
                    instance.name,
                    key,
                    MAX_ROUNDS,
                )
                instance.last_error = f"reactive chain cut after {MAX_ROUNDS} rounds ({key!r})"
                continue
            instance.next_round = max(instance.next_round, round_)
            if scheduler is not None:
                scheduler.request(instance)

    def record(self, instance: FragmentInstance, old: set[str], new: set[str]) -> None:
        """Remember which keys ``instance`` read in its last run."""
        for key in old - new:
            readers = self._readers.get(key)
            if readers is not None:
                readers.discard(instance)
        for key in new - old:
            self._readers.setdefault(key, weakref.WeakSet()).add(instance)
