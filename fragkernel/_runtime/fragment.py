"""``@fragment``: a function whose calls become live areas that rerun on their own (SPEC F1-F12).

Calling a fragment function creates a :class:`FragmentInstance` (F8): an area (a ``VBox``)
placed where the call happened, and the run of the function inside it. A widget event, a
timer or a session-state change asks the scheduler to :meth:`~FragmentInstance.rerun` the
instance, which runs the function again with the arguments of the call (F2) and reconciles
the new drawing against the old one (F3, F4). An instance called inside another fragment's
run is that run's child, known by its function's qualified name and its call order (F9).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from typing import Any, Generic, ParamSpec, TypeVar, overload

from .._duration import Period, parse_period
from .._errors import FragmentError, RerunRequest, StopRun, StreamlitAPIException
from . import placement
from .context import Owner, get_runtime
from .engine import LIVE, engine
from .instance import FragmentInstance

P = ParamSpec("P")
R = TypeVar("R")

#: ``fk.rerun`` scopes that are not fragment keys (F23).
RESERVED_KEYS = ("app", "fragment")


class Fragment(Generic[P, R]):
    """A fragment function: call it to draw a live area that reruns on its own."""

    def __init__(
        self,
        func: Callable[P, R],
        run_every: float | None,
        reactive: bool,
        cell: bool = False,
        key: str | None = None,
        parallel: bool = False,
    ) -> None:
        functools.update_wrapper(self, func)
        self.func = func
        self.run_every = run_every
        self.reactive = reactive
        self.cell = cell
        self.key = key
        self.is_async = inspect.iscoroutinefunction(func)
        self.parallel = parallel

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R | None:
        return call(self, args, kwargs)

    def instance(
        self, parent: Owner, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> FragmentInstance:
        """A new instance of this fragment (a dialog's body makes its own kind)."""
        return FragmentInstance(self, parent, args, kwargs)

    def __repr__(self) -> str:
        return f"<fragment {self.func.__qualname__}>"


@overload
def fragment(func: Callable[P, R], /) -> Fragment[P, R]: ...
@overload
def fragment(
    func: None = None,
    /,
    *,
    run_every: Period = None,
    parallel: bool = False,
    key: str | int | None = None,
    reactive: bool = True,
) -> Callable[[Callable[P, R]], Fragment[P, R]]: ...
def fragment(
    func: Callable[P, R] | None = None,
    /,
    *,
    run_every: Period = None,
    parallel: bool = False,
    key: str | int | None = None,
    reactive: bool = True,
) -> Fragment[P, R] | Callable[[Callable[P, R]], Fragment[P, R]]:
    """Turn a function into a fragment: its calls draw areas that rerun on their own.

    ``@fragment``, ``@fragment()`` and ``@fragment(run_every="2s")`` all work (F1). A
    widget drawn in the function's main body reruns only this function, with the arguments
    of the call (F2); ``run_every`` reruns it on a period (F11), read each time the decorator
    runs (F23); ``key`` names it for ``fk.rerun(key)`` (F23); ``reactive=False`` stops reruns
    caused by ``session_state`` writes in other cells (S4). ``parallel=True`` runs it in a
    thread pool when a cell (or a ``%%fragment`` cell's run) calls it, while the cell goes
    on (A3); its reruns after interactions stay sequential. An ``async def`` fragment runs
    as a task on the kernel's loop (A1).

    Example::

        @fk.fragment
        def counter():
            if fk.button("Add"):
                fk.session_state.n = fk.session_state.get("n", 0) + 1
            fk.write(f"Clicked {fk.session_state.get('n', 0)} times")

        counter()
    """
    period = parse_period(run_every)
    name = None if key is None else str(key)
    if name in RESERVED_KEYS:
        raise FragmentError(
            f'@fragment(key={key!r}): "app" and "fragment" are rerun scopes; choose another key.'
        )

    def decorate(f: Callable[P, R]) -> Fragment[P, R]:
        if isinstance(f, Fragment):
            raise FragmentError(f"{f!r} is already a fragment: apply @fragment once.")
        if not callable(f):
            raise TypeError(f"@fragment decorates a function, not {type(f).__name__}.")
        return Fragment(f, period, reactive, key=name, parallel=bool(parallel))

    if func is not None:
        return decorate(func)
    return decorate


def call(spec: Fragment[Any, R], args: tuple[Any, ...], kwargs: dict[str, Any]) -> R | None:
    """Draw a new instance of ``spec`` here (or redraw the parent run's matching one)."""
    engine()
    runtime = get_runtime()
    run = runtime.run
    if run is not None:
        qualname = spec.func.__qualname__
        order = run.calls.get(qualname, 0)
        run.calls[qualname] = order + 1
        key = ("fragment", qualname, order)
        found = run.owner.children.get(key)
        if isinstance(found, FragmentInstance) and not found.disposed:
            instance = found
            instance.args, instance.kwargs = args, kwargs
            instance.respec(spec)
        else:
            instance = spec.instance(run.owner, args, kwargs)
            run.owner.children[key] = instance
        run.used_children.add(key)
    else:
        instance = spec.instance(runtime.cell, args, kwargs)
        runtime.cell.instances.append(instance)
    if spec.cell and instance.view is instance.root.box:
        instance.make_frame()
    placement.draw_widget(instance.view)
    if spec.is_async:  # the run is a task on the kernel's loop; the call returns at once (A1)
        return instance.start()  # type: ignore[return-value]
    app_run = run is None or (isinstance(run.owner, FragmentInstance) and run.owner.spec.cell)
    if spec.parallel and app_run:
        if instance.running:  # one run at a time per instance: once more after it (A3)
            instance._again = True
        else:
            instance.submit()  # the app's run goes on; this one runs in a worker thread (A3)
        return None
    result: R | None = instance.execute(first=run is None)
    return result


def rerun(scope: str | int | Sequence[str | int] = "app") -> None:
    """End the current run now and run again (SPEC F10, F23).

    ``scope="fragment"`` reruns the fragment that is running; ``scope="app"`` (the default)
    reruns the outermost fragment of the cell (the ``%%fragment`` cell itself). Any other
    scope is the ``key`` of fragments (or a list of keys): every live instance with that key
    reruns. In a widget callback, ``"app"`` and ``"fragment"`` do nothing, as in Streamlit.

    Example::

        if fk.button("Reset"):
            fk.session_state.clear()
            fk.rerun(scope="fragment")
    """
    runtime = get_runtime()
    run = runtime.run
    if isinstance(scope, str) and scope in RESERVED_KEYS:
        if run is None:
            raise FragmentError(
                f'rerun(scope="{scope}") was called outside any fragment: there is nothing to '
                "rerun. Call it inside a @fragment function or a %%fragment cell."
            )
        raise RerunRequest(scope)
    names = {str(scope)} if isinstance(scope, str | int) else {str(k) for k in scope}
    targets = [i for i in LIVE if i.key in names]
    if not targets:
        raise StreamlitAPIException(
            f"rerun({scope!r}): no fragment with that key is shown. Name a fragment with "
            '@fragment(key="...") and call it before asking it to rerun.'
        )
    current = run.owner if run is not None else None
    if run is not None and current not in targets:
        run.redirected = True  # from a callback: these fragments rerun, not its owner
    scheduler = runtime.scheduler
    for target in targets:
        if target is not current and scheduler is not None:
            scheduler.request(target)
    if run is None:
        return  # a plain cell: nothing of the caller's to end, the requests are made
    raise RerunRequest("fragment") if current in targets else StopRun()


def stop() -> None:
    """End the current run quietly: what it drew so far stays (SPEC F12).

    Example::

        name = fk.text_input("Name")
        if not name:
            fk.warning("Please enter a name.")
            fk.stop()
    """
    if get_runtime().run is None:
        raise FragmentError("stop() was called outside any fragment: there is no run to end.")
    raise StopRun()
