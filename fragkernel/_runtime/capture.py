"""Capture what a run prints and displays, and draw it in the current container (SPEC F13).

While any fragment runs, ``sys.stdout``/``sys.stderr``, IPython's display publisher and
``matplotlib.pyplot.show`` are replaced by objects that hand each output to
:mod:`fragkernel._elements`, which places it at the current position. Output is routed in
Python, not by the parent message id, so it lands in the right place even when the run was
started by a timer or a deferred event; it is routed by the run context, so a parallel
fragment's worker thread (A3) writes into its own area and any other thread, or a cell that
runs while an async fragment awaits, passes through.
"""

from __future__ import annotations

import base64
import io
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets

from . import placement
from .context import get_runtime, shell

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class _Stream(io.TextIOBase):
    def __init__(self, name: str, original: Any) -> None:
        self._name = name
        self._original = original

    def write(self, text: str) -> int:
        if not get_runtime().capturing():
            return int(self._original.write(text))
        if text:
            placement.draw_output({"output_type": "stream", "name": self._name, "text": text})
        return len(text)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        # The kernel flushes sys.stdout at the end of a cell: the cell's own prints, which
        # went through to the kernel's stream, must reach the cell before it reports idle
        # (a cell may run while an async fragment keeps this stream installed). A run's own
        # output is drawn in Python: flushing the kernel's stream then would only wait for
        # its I/O thread, on every rerun.
        if not get_runtime().capturing():
            self._original.flush()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def __getattr__(self, name: str) -> Any:
        # The kernel tells its stream which request it answers (set_parent) at each cell: a
        # cell that runs while an async fragment keeps this stream installed must still get
        # its own prints.
        return getattr(self._original, name)


class _DisplayPublisher:
    """Stands in for IPython's display publisher during a run; delegates everything else."""

    def __init__(self, original: Any) -> None:
        self._original = original

    def publish(
        self,
        data: dict[str, Any],
        metadata: dict[str, Any] | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        if not get_runtime().capturing():
            self._original.publish(data, metadata, *args, **kwargs)
            return
        view = data.get(WIDGET_MIME)
        if isinstance(view, dict):
            widget = widgets.Widget.widgets.get(view.get("model_id", ""))
            if widget is not None:
                placement.draw_user_widget(widget)
                return
        output = {"output_type": "display_data", "data": data, "metadata": metadata or {}}
        placement.draw_output(output)

    def clear_output(self, wait: bool = False) -> None:
        if not get_runtime().capturing():
            self._original.clear_output(wait)
            return
        placement.clear_current()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._original, name)


def figure_output(figure: Any) -> dict[str, Any]:
    """A ``display_data`` output showing a matplotlib figure as PNG."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    width, height = figure.get_size_inches() * figure.dpi
    return {
        "output_type": "display_data",
        "data": {"image/png": png, "text/plain": f"<Figure size {width:g}x{height:g}>"},
        "metadata": {},
    }


def open_figures() -> set[int]:
    """Numbers of the matplotlib figures open now (nothing if pyplot was never imported)."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    return set(pyplot.get_fignums()) if pyplot is not None else set()


def show_new_figures(before: set[int]) -> None:
    """Draw and close the figures opened since ``before`` was taken (F13)."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return
    for number in sorted(set(pyplot.get_fignums()) - before):
        figure = pyplot.figure(number)
        try:
            placement.draw_output(figure_output(figure))
        finally:
            pyplot.close(figure)


_depth = 0
_lock = threading.Lock()  # parallel fragments (A3) enter and leave from worker threads
_restore: list[Callable[[], None]] = []


@contextmanager
def capturing() -> Iterator[None]:
    """Route output to fragkernel's elements while any run (or cell ``with`` block) is active.

    Installed by the first entrant and removed when the last one leaves, whichever order
    they leave in: an async fragment's run may end before or after a run that started while
    it awaited. Output is routed by the run context, so each goes where it belongs.
    """
    global _depth
    with _lock:
        _depth += 1
        if _depth == 1:
            _install()
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                while _restore:
                    _restore.pop()()


def _install() -> None:
    ip = shell()
    saved_out, saved_err = sys.stdout, sys.stderr
    sys.stdout = _Stream("stdout", saved_out)
    sys.stderr = _Stream("stderr", saved_err)

    def streams() -> None:
        sys.stdout, sys.stderr = saved_out, saved_err

    _restore.append(streams)
    if ip is not None:
        saved_pub = ip.display_pub
        ip.display_pub = _DisplayPublisher(saved_pub)
        # IPython reports errors it catches itself (a broken __repr__ in a formatter) through
        # _showtraceback: show them in the area instead of in no cell at all.
        ip._showtraceback = _traceback_shower(ip._showtraceback)

        def publisher() -> None:
            ip.display_pub = saved_pub
            vars(ip).pop("_showtraceback", None)

        _restore.append(publisher)
    pyplot: Any = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        saved_show = pyplot.show
        _original_show[:] = [saved_show]
        pyplot.show = _show
        _restore.append(lambda: setattr(pyplot, "show", saved_show))
    saved_hook = widgets.Widget._widget_construction_callback
    widgets.Widget.on_widget_constructed(_constructed(saved_hook))
    _restore.append(lambda: setattr(widgets.Widget, "_widget_construction_callback", saved_hook))


_original_show: list[Any] = []


def _show(*args: Any, **kwargs: Any) -> None:
    run = get_runtime().run
    if run is not None:
        show_new_figures(run.figures_before)
    elif _original_show:  # a cell's own plt.show() while an async run keeps capture installed
        _original_show[0](*args, **kwargs)


def _traceback_shower(original: Any) -> Any:
    def show(etype: Any, evalue: Any, stb: list[str]) -> None:
        if not get_runtime().capturing():
            original(etype, evalue, stb)
            return
        name = getattr(etype, "__name__", str(etype))
        output = {"output_type": "error", "ename": name, "evalue": str(evalue), "traceback": stb}
        placement.draw_output(output)

    return show


def _constructed(previous: Any) -> Any:
    def hook(widget: widgets.Widget) -> None:
        run = get_runtime().run
        if run is not None:
            run.constructed.add(id(widget))
        if callable(previous):
            previous(widget)

    return hook
