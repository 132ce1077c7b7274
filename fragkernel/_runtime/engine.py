"""The engine's kernel-wide parts: the scheduler and reactive state, live instances, workers.

Also what every run needs whatever owns it: letting the stop button in (``interruptible``) and
an error as an nbformat output (``traceback_output``).
"""

from __future__ import annotations

import logging
import signal
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .._frontend.threads import kernel_loop
from .context import get_runtime, shell
from .reactive import Reactive
from .scheduler import Scheduler

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from .instance import FragmentInstance


log = logging.getLogger("fragkernel")
_reactive: Reactive | None = None
#: Every fragment instance not disposed yet, oldest first (instances add and remove themselves).
LIVE: list[FragmentInstance] = []


def engine() -> Reactive:
    """Start the scheduler and reactive state on first use (inside the kernel's loop)."""
    global _reactive
    runtime = get_runtime()
    if runtime.scheduler is None:
        runtime.scheduler = Scheduler(lambda: runtime.active > 0, kernel_loop(), _detach)
    if _reactive is None:
        _reactive = Reactive(runtime)
        from .cells import install

        install()
    return _reactive


def started() -> Reactive | None:
    """The reactive state if the engine has started, else None (nothing to forget then)."""
    return _reactive


def _detach() -> None:
    """Clear the kernel's parent request in the current (copied) context: a rerun answers none.

    Its messages then carry no parent header (front ends route comm messages by comm id),
    which is also a fifth of the bytes of a small widget update.
    """
    kernel = getattr(shell(), "kernel", None)
    if kernel is not None and hasattr(kernel, "set_parent"):
        try:
            kernel.set_parent([], {}, channel="shell")
        except Exception:  # an ipykernel without per-context parents: keep its parent
            log.debug("fragkernel: could not detach a rerun from its parent", exc_info=True)


_workers: list[ThreadPoolExecutor] = []


def pool() -> ThreadPoolExecutor:
    """The worker threads of parallel fragments (A3), made on first use."""
    if not _workers:
        from concurrent.futures import ThreadPoolExecutor

        _workers.append(ThreadPoolExecutor(max_workers=4, thread_name_prefix="fragkernel-parallel"))
    return _workers[0]


def live_instances() -> list[FragmentInstance]:
    """Every fragment instance not disposed yet, oldest first."""
    return list(LIVE)


@contextmanager
def interruptible() -> Iterator[None]:
    """Let the notebook's stop button interrupt the block (F22).

    ipykernel ignores SIGINT outside the handling of a shell message, so a rerun served from
    the event loop (a burst, a ``run_every`` tick, a session-state write) could not be
    stopped. Every run installs Python's default handler for its duration instead.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        previous = signal.getsignal(signal.SIGINT)
        if previous is None:  # a handler installed from C: leave it alone
            yield
            return
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except (ValueError, OSError):  # not the main interpreter, or no signals here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def traceback_output(error: BaseException) -> dict[str, Any]:
    """An nbformat ``error`` output for ``error``, without fragkernel's own frame."""
    tb = error.__traceback__
    if tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    ip = shell()
    lines: list[str]
    if ip is not None and hasattr(ip, "InteractiveTB"):
        lines = ip.InteractiveTB.structured_traceback(type(error), error, tb)
    else:
        lines = traceback.format_exception(type(error), error, tb)
    return {
        "output_type": "error",
        "ename": type(error).__name__,
        "evalue": str(error),
        "traceback": lines,
    }
