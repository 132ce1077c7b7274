"""Who is drawing right now: the run context of fragkernel (owners, runs, the runtime).

An *owner* draws elements and keeps their identities: a fragment instance, or the cell
scope (the plain cell that is running). A *run* is one execution of a fragment instance's
function. The current run and the containers entered with ``with`` live in context
variables, so a thread or an asyncio task has its own run context or none, never another's
(SPEC F28). The :class:`Runtime` holds what is kernel-wide: the session state, the current
cell and the scheduler; :func:`get_runtime` is how every other module reaches it.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Protocol

from .._errors import FragmentError, StopRun
from .._frontend.threads import shell as shell  # one place asks IPython
from .state import SessionState
from .tree import Container, Element

if TYPE_CHECKING:
    from .scheduler import Scheduler

log = logging.getLogger("fragkernel")


class Slot(Protocol):
    """What an owner's widget registry holds (see ``_widget_base.WidgetSlot``)."""

    def close(self) -> None:
        """Close the widget and everything it owns."""


class Owner(ABC):
    """Something that draws elements and remembers widget identities across its draws."""

    name = "cell"

    def __init__(self, parent: Owner | None) -> None:
        self.parent = parent
        self.slots: dict[Hashable, Slot] = {}
        self.children: dict[Hashable, Owner] = {}
        self.disposed = False

    @property
    @abstractmethod
    def home(self) -> CellScope:
        """The cell whose run created this owner (its app, in Streamlit's terms; S4)."""

    @abstractmethod
    def sidebar(self) -> Container:
        """The sidebar container of this owner's cell (SPEC Elements: ``sidebar``)."""

    def dispose(self) -> None:
        """Close every widget and child this owner keeps; it will not draw again."""
        if self.disposed:
            return
        self.disposed = True
        for child in list(self.children.values()):
            child.dispose()
        self.children.clear()
        for slot in list(self.slots.values()):
            slot.close()
        self.slots.clear()


class CellScope(Owner):
    """The plain cell being run: the owner of what a cell draws outside any fragment."""

    def __init__(self, cell_id: str | None, parent_msg_id: str | None) -> None:
        super().__init__(None)
        self.cell_id = cell_id
        self.parent_msg_id = parent_msg_id
        self.containers: list[Element] = []
        self.instances: list[Owner] = []
        self.seen: set[Hashable] = set()
        self.keys: set[str] = set()
        self._sidebar: Container | None = None
        self.notes: Container | None = None

    @property
    def home(self) -> CellScope:
        """The cell this owner belongs to: itself."""
        return self

    def sidebar(self) -> Container:
        """A narrow column shown in the cell's output where the sidebar is first used."""
        if self._sidebar is None:
            import ipywidgets as widgets
            from IPython.display import display

            from .._frontend import controls

            box = controls.VBox(layout=widgets.Layout(width="30%", min_width="14em"))
            box.add_class("fragkernel-sidebar")
            self._sidebar = Container(box, self, kind="sidebar")
            self.containers.append(self._sidebar)
            display(box)
        return self._sidebar

    def dispose(self) -> None:
        """Dispose the fragments this cell run created and close its containers (F14)."""
        for instance in self.instances:
            instance.dispose()
        self.instances.clear()
        super().dispose()
        for container in self.containers:
            container.close()
        self.containers.clear()


class Run:
    """One execution of a fragment instance's function (or of a plain cell's callbacks)."""

    def __init__(self, owner: Owner, root: Container | None, outer: Run | None = None) -> None:
        self.owner = owner
        self.outer = outer
        self.stack: list[Container] = [root] if root is not None else []
        self.begun: list[Container] = []
        self.seen: set[Hashable] = set()
        self.keys: set[str] = set()
        self.calls: dict[str, int] = {}
        self.used_children: set[Hashable] = set()
        self.reads: set[str] = set()
        self.started = time.monotonic()
        self.last_commit = self.started
        self.clicked: set[Hashable] = set()
        self.constructed: set[int] = set()
        self.figures_before: set[int] = set()
        #: A callback's run: what it draws is collected here, to head the next run (F21).
        self.collect: list[dict[str, Any]] | None = None
        #: A callback named fragments to rerun instead of its widget's owner (F23).
        self.redirected = False
        #: What to undo when the run is cancelled (A2): see :meth:`on_cancel`.
        self._on_cancel: list[Callable[[], Awaitable[object] | None]] = []

    def on_cancel(self, callback: Callable[[], Awaitable[object] | None]) -> None:
        """Call ``callback`` if this run is cancelled (superseded by a newer event, A2).

        It may return an awaitable: the cancelled run awaits it before it ends, and the run
        that supersedes it starts only then. Adapters to other libraries use this to stop the
        work a run started elsewhere (Dask futures, A4). Callbacks run newest first.
        """
        self._on_cancel.append(callback)

    async def cancelled(self) -> None:
        """Call the run's cancel callbacks, awaiting each; a failing one is logged, not raised.

        A second cancellation (yet another event) stops waiting for a callback's awaitable, not
        the callbacks after it.
        """
        import asyncio

        callbacks, self._on_cancel = self._on_cancel, []
        interrupted = False
        for callback in reversed(callbacks):
            try:
                result = callback()
                if inspect.isawaitable(result):
                    await asyncio.shield(result)
            except asyncio.CancelledError:
                interrupted = True
            except Exception:
                log.exception("fragkernel: a cancel callback of a run failed")
        if interrupted:
            raise asyncio.CancelledError

    def begin(self, container: Container) -> None:
        """Start the owner's draw of ``container`` (ended with the run)."""
        container.begin()
        self.begun.append(container)

    def commit(self) -> None:
        """Send what the run drew so far (a long run shows progress as it goes)."""
        self.last_commit = time.monotonic()
        for container in self.begun:
            container.commit()

    def maybe_commit(self, interval: float = 0.1) -> None:
        """Commit if the run has been drawing unseen for longer than ``interval``."""
        if time.monotonic() - self.last_commit > interval:
            self.commit()


_RUN: ContextVar[Run | None] = ContextVar("fragkernel_run", default=None)
_STACK: ContextVar[tuple[Container, ...]] = ContextVar("fragkernel_stack", default=())


class Runtime:
    """What is kernel-wide: session state, the current cell, the scheduler, runs under way."""

    def __init__(self) -> None:
        self.state = SessionState()
        self.cell: CellScope = CellScope(None, None)
        self.scheduler: Scheduler | None = None
        self.active = 0
        self.main_thread = threading.main_thread().ident

    @property
    def run(self) -> Run | None:
        """The innermost run of this context (thread or task), or ``None``."""
        return _RUN.get()

    @contextmanager
    def running(self, run: Run, *, counts: bool = True) -> Iterator[Run]:
        """Make ``run`` the current run of this context for the duration of the block.

        ``counts``: the run holds the main thread for the whole block (a plain function), so
        no other rerun may be served meanwhile. An async run awaits most of its time, and
        lets others run (A1).
        """
        token = _RUN.set(run)
        self.active += counts
        try:
            yield run
        finally:
            self.active -= counts
            _RUN.reset(token)

    def target(self) -> Container | None:
        """The container that elements go to now; ``None`` means the cell's output.

        Raises :class:`FragmentError` in a thread that has no run of its own: its elements
        would otherwise land in whatever the notebook happens to be drawing (F28).
        """
        run = _RUN.get()
        if run is not None:
            if run.owner.disposed:  # its cell ran again while it ran (a worker, a task)
                raise StopRun()
            return run.stack[-1]
        if not self.on_main_thread():
            raise FragmentError(
                "fragkernel elements were called from a background thread, which has no "
                "fragment run of its own (SPEC F28). Draw from the notebook's main thread: "
                "keep results in session_state from the thread, and draw them in a fragment."
            )
        stack = _STACK.get()
        return stack[-1] if stack else None

    def on_main_thread(self) -> bool:
        """Whether the caller runs on the kernel's main thread (where cells and reruns run)."""
        return threading.get_ident() == self.main_thread

    @contextmanager
    def at_cell_level(self) -> Iterator[None]:
        """Draw at the cell's own level for the block, outside any ``with`` block of the cell."""
        token = _STACK.set(())
        try:
            yield
        finally:
            _STACK.reset(token)

    def capturing(self) -> bool:
        """Whether output of this context goes to fragkernel: in a run, or in a ``with`` block."""
        return _RUN.get() is not None or bool(_STACK.get())

    def owner(self) -> Owner:
        """The owner drawing now: the innermost fragment instance, else the cell."""
        run = _RUN.get()
        return run.owner if run is not None else self.cell

    @contextmanager
    def inside(self, container: Container) -> Iterator[None]:
        """Make ``container`` the target of elements for the duration of a ``with`` block."""
        run = _RUN.get()
        if run is None:
            token = _STACK.set((*_STACK.get(), container))
            try:
                yield
            finally:
                _STACK.reset(token)
            return
        stack = run.stack
        stack.append(container)
        try:
            yield
        finally:
            if stack and stack[-1] is container:
                stack.pop()
            elif container in stack:
                stack.remove(container)


_RUNTIME: Runtime | None = None


def get_runtime() -> Runtime:
    """Return the kernel's runtime, creating it on first use."""
    global _RUNTIME
    if _RUNTIME is None:
        _RUNTIME = Runtime()
    return _RUNTIME
