"""Front-end messages are handled on the kernel's main thread, whatever thread received them.

JupyterLab 4.6 sends widget messages on a kernel subshell (its default ``commsOverSubshells:
perCommTarget``), and ipykernel 7 handles a subshell's messages in a thread of its own. A
widget's observers (session state writes, ``on_change`` callbacks, rerun requests) would then
run beside the main thread's cell or rerun. Streamlit runs one script thread per session, and
fragkernel's state assumes the same: so each message is handed to the kernel's own event loop,
where it runs between cells and reruns, in the order it came, as with ipykernel 6 (SPEC W1).
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable
from typing import Any


def shell() -> Any:
    """The running IPython shell, or ``None`` when fragkernel is used outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        return None
    return get_ipython()


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop of the kernel fragkernel runs in; ``None`` outside a kernel.

    Only a kernel's own loop is used: another library's loop running in this thread (a
    test's Playwright, say) never turns while a notebook waits for a rerun.
    """
    kernel = getattr(shell(), "kernel", None)
    io_loop = getattr(kernel, "io_loop", None)
    loop = getattr(io_loop, "asyncio_loop", None)
    return loop if isinstance(loop, asyncio.AbstractEventLoop) else None


def on_main_thread(func: Callable[..., Any], *args: Any) -> None:
    """Call ``func(*args)`` now on the main thread, else soon on the kernel's loop.

    The caller's context travels along: in it, ipykernel's parent request is the message
    being handled, so the replies (``echo_update``) still answer it.
    """
    if threading.current_thread() is threading.main_thread():
        func(*args)
        return
    loop = kernel_loop()
    if loop is None or loop.is_closed():
        func(*args)  # no kernel loop to hand it to: a plain Python process
        return
    loop.call_soon_threadsafe(contextvars.copy_context().run, func, *args)
