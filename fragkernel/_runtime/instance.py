"""A fragment instance: one call of a fragment function, its area, its widgets and its runs.

A widget event, a timer or a session-state change asks the scheduler to
:meth:`~FragmentInstance.rerun` the instance, which runs the function again with the arguments
of the call (F2) and reconciles the new drawing against the old one (F3, F4). A plain run
holds the main thread; an async one is a task on the kernel's loop (A1, A2); a parallel one's
first run goes to a worker (A3).
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from .._errors import RerunRequest, StopRun, StreamlitAPIException
from .._frontend import controls
from .._frontend.threads import kernel_loop
from . import adapters, capture, placement
from .context import CellScope, Owner, Run, get_runtime
from .engine import LIVE, engine, interruptible, pool, started, traceback_output
from .reactive import Reactive
from .scheduler import Timer
from .tree import Container, close_model

if TYPE_CHECKING:
    import asyncio

    from .._frontend.status import BusyMark, FragmentStatus, Marker
    from .fragment import Fragment


#: Reruns a run may request of itself in a row (``fk.rerun()`` with no user input between).
MAX_SELF_RERUNS = 100
log = logging.getLogger("fragkernel")
#: Instances whose status widget opens once the running cell is over (W2).
_awaiting_status: list[FragmentInstance] = []


#: How long timer ticks wait after status widgets open before a front end said ready (W2).
PROBE_GRACE = 1.0


def _open_statuses() -> None:
    from .._frontend.status import front_end

    waiting = list(_awaiting_status)
    _awaiting_status.clear()
    scheduler = get_runtime().scheduler
    if scheduler is not None and not front_end.loaded and waiting:
        # VS Code looks the module up now, by code run in the kernel, and stops reading the
        # kernel at the next Output update until the lookup is over: no tick writes meanwhile.
        scheduler.hold_ticks(PROBE_GRACE)
    for instance in waiting:
        if not instance.disposed and instance.status is None:
            instance.open_status()


def open_statuses_soon() -> None:
    """Open the status widgets waiting for the cell to end, from the event loop (W2).

    A front end that must look anywidget's code up in the kernel (VS Code) then finds the
    kernel free, and no Output update of the cell waits behind that lookup.
    """
    scheduler = get_runtime().scheduler
    if not _awaiting_status:
        return
    if scheduler is None:
        _open_statuses()
    else:
        scheduler.soon(_open_statuses)


class _Outcome:
    """What one run came to: whether it completed, asked to run again, and its result."""

    def __init__(self, run: Run) -> None:
        self.run = run
        self.completed = False
        self.again = False
        self.result: Any = None


class FragmentInstance(Owner):
    """One call of a fragment function: its area, its widgets and its runs."""

    def __init__(
        self, spec: Fragment[Any, Any], parent: Owner, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.args = args
        self.kwargs = kwargs
        self.name: str = spec.func.__qualname__
        self._home = parent.home
        box = controls.VBox()
        box.add_class("fragkernel-fragment")
        self.root = Container(box, self, kind="fragment")
        #: The anywidget that shows the run state and sends ticks (F11, F17), shown in the
        #: area once a front end said it loaded its module; until then ``mark`` shows slow
        #: runs and the kernel's timer ticks (W2).
        self.status: FragmentStatus | None = None
        self.mark: BusyMark | None = None
        from .._frontend.status import BusyMark, front_end  # anywidget loads with the first

        if front_end.loaded:
            self.open_status()
        else:
            self.mark = BusyMark()
            self.root.tail = (self.mark,)
            _awaiting_status.append(self)
            from .cells import executing

            if not executing.now:  # drawn by a rerun: no cell is waiting for the kernel
                open_statuses_soon()
        self.view: widgets.Box = box
        self._sidebar: Container | None = None
        self.cell_id = self._home.cell_id
        self.runs = 0
        self.running = False
        self.last_run_at: float | None = None
        self.last_duration = 0.0
        self.last_error: str | None = None
        self.reads: set[str] = set()
        self.next_round = 0
        self.clicks: set[Any] = set()
        self.notes: list[dict[str, Any]] = []
        self._timer: Timer | None = None
        self._last_tick: float | None = None
        self._tock_pending = False
        self._browser_ticks = False
        self._task: asyncio.Task[Any] | None = None
        self._again = False
        LIVE.append(self)
        self._start_timer()

    @property
    def home(self) -> CellScope:
        """The cell whose run drew this instance (or its outermost fragment)."""
        return self._home

    @property
    def reactive(self) -> bool:
        """Whether session-state writes in other cells rerun this instance (S4)."""
        return self.spec.reactive

    @property
    def key(self) -> str | None:
        """The name given with ``@fragment(key=...)`` (F23)."""
        return self.spec.key

    @property
    def outermost(self) -> FragmentInstance:
        """The outermost fragment instance of this one's cell (``rerun(scope="app")``)."""
        node: FragmentInstance = self
        while isinstance(node.parent, FragmentInstance):
            node = node.parent
        return node

    def open_status(self) -> None:
        """Open this area's status widget; show it at once if its module is known to load."""
        from .._frontend.status import FragmentStatus, front_end

        self.status = FragmentStatus(period=self.spec.run_every or 0.0)
        self.status.add_class("fragkernel-status")
        self.status.on_msg(self._front_message)
        if front_end.loaded:
            self._show_status(commit=False)

    def _show_status(self, *, commit: bool) -> None:
        if self.status is None or self.root.tail == (self.status,):
            return
        self.root.tail = (self.status,)
        if self.mark is not None:
            close_model(self.mark)
            self.mark = None
        if commit:
            self.root.commit()

    def _marker(self) -> Marker | None:
        if self.status is not None and self.root.tail == (self.status,):
            return self.status
        return self.mark

    def respec(self, spec: Fragment[Any, Any]) -> None:
        """Take the decorator's arguments of this draw: a new ``run_every`` restarts the timer."""
        old = self.spec.run_every
        self.spec = spec
        if spec.run_every != old:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._last_tick = None
            if self.status is not None:
                self.status.period = spec.run_every or 0.0
            if not self._browser_ticks:  # a shown view follows the new period itself
                self._start_timer()

    def _start_timer(self) -> None:
        # A kernel timer until a view says hello; then the browser drives the period (F11).
        scheduler = get_runtime().scheduler
        if self.spec.run_every is not None and scheduler is not None:
            self._timer = scheduler.every(self.spec.run_every, self)

    def sidebar(self) -> Container:
        """The ``%%fragment`` cell's own sidebar; a fragment function may not use it (F24)."""
        if not self.spec.cell:
            raise StreamlitAPIException(
                "Calling `st.sidebar` in a function wrapped with `st.fragment` is not "
                "supported. To write elements to the sidebar with a fragment, call your "
                "fragment function inside a `with st.sidebar` context manager (SPEC F24)."
            )
        if self._sidebar is None:
            box = controls.VBox(layout=widgets.Layout(width="30%", min_width="14em"))
            box.add_class("fragkernel-sidebar")
            self._sidebar = Container(box, self, kind="sidebar")
            self.view.children = (box, self.root.box)
        run = get_runtime().run
        if run is not None and run.owner is self and not self._sidebar.drawing:
            run.begin(self._sidebar)
        return self._sidebar

    def make_frame(self) -> None:
        """Give a ``%%fragment`` cell a row frame, so that a sidebar can sit beside it."""
        frame = controls.HBox([self.root.box], layout=widgets.Layout(width="100%"))
        frame.add_class("fragkernel-cell")
        self.root.box.layout.flex = "1 1 auto"
        self.view = frame

    # -- running -------------------------------------------------------------------------
    def rerun(self) -> None:
        """Run the function again (called by the scheduler; never while it runs).

        An async fragment's run is a task: a newer request cancels the one still awaiting
        and starts a run that sees the latest values (A2).
        """
        if self.disposed:
            return
        if self.spec.is_async:
            self.start()
        elif self.running:  # its parallel run is under way: once more after it (A3)
            self._again = True
        else:
            self.execute(first=False)

    def submit(self) -> None:
        """Run in the worker pool, in an empty context: a run of its own thread (A3)."""
        self.running = True  # from now: a rerun asked meanwhile waits for this run
        pool().submit(contextvars.Context().run, self._run_in_worker)

    def _run_in_worker(self) -> None:
        try:
            self.execute(first=False)
        except BaseException:  # a worker thread's error never leaves it silently
            log.exception("fragkernel: parallel fragment %r failed", self.name)
        finally:
            again, self._again = self._again, False
            scheduler = get_runtime().scheduler
            if again and scheduler is not None and not self.disposed:
                scheduler.request(self)

    def start(self) -> FirstRun:
        """Start an async fragment's run as a task, superseding the one under way (A1, A2)."""
        import asyncio

        if self._task is not None and not self._task.done():
            self._task.cancel()
        adapters.load()  # the user's distributed (say) imported since: its futures follow runs
        first = FirstRun()
        loop = kernel_loop()
        coroutine = self._execute_async(first, self._task)
        if loop is None:  # plain Python: run it to the end now
            asyncio.run(coroutine)
            return first
        # An empty context: the run is nobody's nested run, and answers no request.
        self._task = loop.create_task(coroutine, context=contextvars.Context())
        return first

    async def _execute_async(self, first: FirstRun, superseded: asyncio.Task[Any] | None) -> None:
        import asyncio

        if superseded is not None and not superseded.done():
            # Let the cancelled run end (its finally blocks, its area) before this one draws.
            await asyncio.gather(superseded, return_exceptions=True)
        reactive = engine()
        round_ = self.next_round
        self.next_round = 0
        try:
            for _attempt in range(MAX_SELF_RERUNS + 1):
                again, result = await self._run_once_async(reactive, round_)
                first.set(result)
                if not again:
                    break
        finally:
            first.set(None)
            scheduler = get_runtime().scheduler
            if scheduler is not None:
                scheduler.after_run()

    def execute(self, *, first: bool) -> Any:
        """Run the function until it neither asks to rerun nor fails; return its result."""
        reactive = engine()
        runtime = get_runtime()
        result: Any = None
        round_ = self.next_round
        self.next_round = 0
        for _attempt in range(MAX_SELF_RERUNS + 1):
            again, result = self._run_once(reactive, round_, first)
            if not again:
                break
        else:
            self.show_note(
                f"fragment {self.name!r} asked to rerun itself {MAX_SELF_RERUNS} times in a "
                "row with no input in between: stopped. Call fk.rerun() only when something "
                "changed.",
                error=True,
            )
        if runtime.active == 0 and runtime.scheduler is not None:
            runtime.scheduler.after_run()
        return result

    def _run_once(self, reactive: Reactive, round_: int, first: bool) -> tuple[bool, Any]:
        with self._run_scope(reactive, round_, first) as outcome:
            with interruptible():
                outcome.result = self.spec.func(*self.args, **self.kwargs)
            outcome.completed = True
        return outcome.again, outcome.result

    async def _run_once_async(self, reactive: Reactive, round_: int) -> tuple[bool, Any]:
        # No SIGINT handler across awaits: an interrupt would land in whatever the kernel runs
        # meanwhile. A newer event cancels the run instead (A2), and what the run registered
        # to undo on cancel (its Dask futures, A4) is undone before the next run starts.
        import asyncio

        with self._run_scope(reactive, round_, first=False) as outcome:
            try:
                coroutine = self.spec.func(*self.args, **self.kwargs)
                outcome.result = await _ShowingWhileWaiting(coroutine, outcome.run)
            except asyncio.CancelledError:
                await outcome.run.cancelled()
                raise
            outcome.completed = True
        return outcome.again, outcome.result

    @contextmanager
    def _run_scope(self, reactive: Reactive, round_: int, first: bool) -> Iterator[_Outcome]:
        """One run around the block that calls the function: its context, capture, errors.

        The block's exceptions end the run as Streamlit's do: ``stop()`` quietly,
        ``rerun()`` by asking for another run, an error with its traceback in the area,
        an interrupt with a note (raised on to a cell's first run or an outer run, F22), a
        cancellation (a newer event, A2) by ending the run and letting the task stop.
        """
        runtime = get_runtime()
        outer = runtime.run
        run = Run(self, self.root, outer)
        run.clicked, self.clicks = self.clicks, set()
        run.figures_before = capture.open_figures()
        outcome = _Outcome(run)
        self.running = True
        started = time.monotonic()
        failed = False
        from .._frontend.status import watchdog

        marker = self._marker()
        if marker is not None and runtime.scheduler is not None and runtime.scheduler.deferred:
            watchdog.started(marker)
        try:
            # Only a run that holds the main thread keeps the scheduler waiting: an async run
            # awaits most of its time, a parallel one runs in a worker thread.
            counts = runtime.on_main_thread() and not self.spec.is_async
            with runtime.running(run, counts=counts):
                run.begin(self.root)
                if self._sidebar is not None:
                    run.begin(self._sidebar)
                try:
                    with capture.capturing(), reactive.writing_as(self, round_):
                        self._draw_notes()
                        try:
                            yield outcome
                            self.last_error = None
                        except StopRun:
                            self.last_error = None
                        except RerunRequest as request:
                            outcome.again = self._on_rerun_request(request)
                        except (Exception, SystemExit) as error:  # SystemExit: never the kernel's
                            failed = True
                            self.last_error = f"{type(error).__name__}: {error}"
                            capture.show_new_figures(run.figures_before)  # what ran before it
                            _elements_at_root(run, traceback_output(error))
                        finally:
                            capture.show_new_figures(run.figures_before)
                except KeyboardInterrupt:
                    # The stop button: every area on the way says so; a cell's first run and
                    # an outer run stop too (F22); a rerun served alone ends here.
                    failed = True
                    self.show_note(f"fragment {self.name!r} was interrupted.", error=True)
                    self.last_error = "KeyboardInterrupt"
                    if first or (outer is not None and outer.owner is self.parent):
                        raise
                finally:
                    self._finish(run, reactive, outcome.completed, round_)
        finally:
            if marker is not None:
                watchdog.finished(marker, failed)
            if self._tock_pending:
                self._tock_pending = False
                if self.status is not None:
                    self.status.send({"event": "tock"})
            self.running = False
            self.runs += 1
            self.last_run_at = time.time()
            self.last_duration = time.monotonic() - started

    def _on_rerun_request(self, request: RerunRequest) -> bool:
        if request.scope == "fragment" or self.outermost is self:
            return True
        parent = self.parent
        if isinstance(parent, FragmentInstance) and parent.running:
            raise request  # the outer run is on the stack: let it start over
        scheduler = get_runtime().scheduler
        if scheduler is not None:
            scheduler.request(self.outermost)
        return False

    def _finish(self, run: Run, reactive: Reactive, completed: bool, round_: int) -> None:
        if self.disposed:  # disposed while it ran (an async or parallel run, its cell again)
            for made in list(self.slots.values()):  # made after the disposal: close them too
                made.close()
            self.slots.clear()
            for child in list(self.children.values()):
                child.dispose()
            self.children.clear()
            return
        for container in reversed(run.begun):
            container.end()
        with reactive.writing_as(self, round_):  # a trigger's key holds for its run (S5, M4)
            for identity in run.clicked:
                slot = self.slots.get(identity)
                key = getattr(slot, "key", None)
                if key is not None:
                    reset = getattr(slot, "default", False)  # False for a button, None for chat
                    get_runtime().state._store(key, reset, from_widget=True)
        if completed:  # a run that ended early keeps what it did not reach (F19)
            for identity in [i for i in self.slots if i not in run.seen]:
                self.slots.pop(identity).close()
            for key in [k for k in self.children if k not in run.used_children]:
                self.children.pop(key).dispose()
            reads = run.reads
        else:
            reads = self.reads | run.reads
        reactive.record(self, self.reads, reads)
        self.reads = reads

    # -- messages from the front end (F11) ----------------------------------------------
    def _front_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        from .._frontend.status import front_end, message_event

        event = message_event(content)
        period = self.spec.run_every
        if event == "ready" and not self.disposed:  # a front end loaded the module (W2)
            front_end.loaded = True
            scheduler = get_runtime().scheduler
            if scheduler is not None:
                scheduler.hold_ticks(0)
            self._show_status(commit=True)
            return
        if event not in ("hello", "tick") or self.disposed:
            return
        self._browser_ticks = True  # a view is shown: it follows the period from now on
        if period is None:
            return
        if self._timer is not None:  # a view is shown: the browser drives the period
            self._timer.cancel()
            self._timer = None
        if event == "hello":
            return
        now = time.monotonic()
        too_soon = self._last_tick is not None and now - self._last_tick < 0.8 * period
        scheduler = get_runtime().scheduler
        if self.running or too_soon or scheduler is None:
            if self.status is not None:
                self.status.send({"event": "tock"})  # several views do not multiply the rate
            return
        self._last_tick = now
        self._tock_pending = True
        scheduler.request(self)

    # -- notes drawn at the top of the next run (errors of the engine) ------------------
    def _draw_notes(self) -> None:
        notes, self.notes = self.notes, []
        for output in notes:
            placement.draw_output(output)

    def show_note(self, text: str, *, error: bool) -> None:
        """Show a line of fragkernel's own in this area now, and at the top of the next run."""
        name = "stderr" if error else "stdout"
        run = get_runtime().run
        output = {"output_type": "stream", "name": name, "text": text + "\n"}
        if run is not None and run.owner is self:
            _elements_at_root(run, output)
        elif not self.disposed:
            self.notes.append(output)
            self.root.leaf(foreign=True, stream=output["name"]).add(output)
            self.root.commit()
        if error:
            self.last_error = text

    # -- disposal (F14) ------------------------------------------------------------------
    def dispose(self) -> None:
        """Close this instance's widgets and area and stop its timer; it never runs again."""
        if self.disposed:
            return
        if self._timer is not None:
            self._timer.cancel()
        if self._task is not None:
            self._task.cancel()
        scheduler = get_runtime().scheduler
        if scheduler is not None:
            scheduler.discard(self)
        reactive = started()
        if reactive is not None:
            reactive.record(self, self.reads, set())
        super().dispose()
        self.root.close()
        if self.status is not None:
            close_model(self.status)
        if self.mark is not None:
            close_model(self.mark)
        if self._sidebar is not None:
            self._sidebar.close()
        if self.view is not self.root.box:
            self.view.close()
        if self in LIVE:
            LIVE.remove(self)


class _ShowingWhileWaiting:
    """Await a run's coroutine, sending what the run drew each time it waits (A1).

    A plain run sends its drawing at most every 0.1 s and at its end; an async run may then
    wait for seconds with its latest elements unseen ("computing..." before a slow await).
    """

    def __init__(self, coroutine: Any, run: Run) -> None:
        self._coroutine = coroutine
        self._run = run

    def __await__(self) -> Generator[Any, Any, Any]:
        steps = self._coroutine.__await__()
        sent: Any = None
        error: BaseException | None = None
        while True:
            try:
                waiting_on = steps.send(sent) if error is None else steps.throw(error)
            except StopIteration as stop:
                return stop.value
            self._run.commit()
            sent, error = None, None
            try:
                sent = yield waiting_on
            except BaseException as thrown:  # a cancellation goes on into the coroutine
                error = thrown


class FirstRun:
    """What calling an async fragment returns: ``await`` it for its first run's value (A1).

    Shown as nothing when it is the last line of a cell, so that ``f()`` draws only the area.
    """

    def __init__(self) -> None:
        self._done = False
        self._value: Any = None
        self._waiters: list[asyncio.Future[Any]] = []

    def set(self, value: Any) -> None:
        """The first run ended with ``value`` (later calls change nothing)."""
        if self._done:
            return
        self._done, self._value = True, value
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(value)

    def __await__(self) -> Generator[Any, None, Any]:
        if self._done:
            return self._value
        import asyncio

        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        return (yield from waiter.__await__())

    def _ipython_display_(self) -> None:
        return None

    def __repr__(self) -> str:
        return f"<first run of an async fragment: {'done' if self._done else 'running'}>"


def _elements_at_root(run: Run, output: dict[str, Any]) -> None:
    run.stack[1:] = []
    placement.draw_output(output)
