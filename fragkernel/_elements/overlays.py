"""Overlays and feedback: popover, status, toast, balloons, snow; helpers for the others.

SPEC M2 and M3 (``dialog`` and ``download_button`` have modules of their own). Each is drawn
at the current position like any element, through the anywidget models of
:mod:`fragkernel._frontend.overlay`; the browser lifts what floats (a popover's panel, toasts)
over the page.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import ipywidgets as widgets

from .._compat import accepts
from .._errors import StreamlitAPIException
from .._frontend import controls
from .._runtime import placement
from .._runtime.context import get_runtime
from .._runtime.slots import Callback, WidgetSlot, draw
from .._runtime.tree import Container, close_model
from .layout import Block

if TYPE_CHECKING:  # the models load with the first overlay: anywidget stays out of import
    from .._frontend.overlay import Effect, StatusHeader, Toast

F = TypeVar("F", bound=Callable[..., Any])


def overlay_models() -> Any:
    """The overlay models' module, imported on first use (it imports anywidget)."""
    from .._frontend import overlay

    return overlay


_TOAST_SECONDS = {"short": 4, "long": 10, "infinite": 0}
_BUTTON_TYPES = ("primary", "secondary", "tertiary")
#: Toasts and effects shown from widget callbacks (no container to own them): the last few
#: are kept, older ones closed.
_CALLBACK_SHOWS: deque[widgets.Widget] = deque()
_CALLBACK_KEEP = 20


class _Framed(Container):
    """A container whose frame holds widgets of its own (a header): closed with it."""

    parts: tuple[widgets.Widget, ...] = ()

    def close(self) -> None:
        """Close the container and its own widgets."""
        super().close()
        for part in self.parts:
            close_model(part)


def _fixed(container: Container) -> Callable[[], Container]:
    return lambda: container


def check_button_type(type: str) -> None:
    if type not in _BUTTON_TYPES:
        raise StreamlitAPIException(
            "Invalid `type` value. Supported values: 'primary', 'secondary', 'tertiary'."
        )


# -- toast, balloons, snow (M3) ----------------------------------------------------------


def _one_shot(kind: str, make: Callable[[], Toast | Effect]) -> Toast | Effect:
    """Draw a one-shot model here (a new show each call); from a callback, head the next run."""
    runtime = get_runtime()
    run = runtime.run
    if run is not None and run.collect is not None:
        widget = make()
        widget.shown = 1
        _CALLBACK_SHOWS.append(widget)
        while len(_CALLBACK_SHOWS) > _CALLBACK_KEEP:
            close_model(_CALLBACK_SHOWS.popleft())
        view = {"model_id": widget.model_id, "version_major": 2, "version_minor": 0}
        placement.draw_output(
            {"output_type": "display_data", "metadata": {},
             "data": {"application/vnd.jupyter.widget-view+json": view, "text/plain": kind}}
        )  # fmt: skip
        return widget

    def host(owner: object) -> Container:
        box = controls.VBox(layout=widgets.Layout(display="none"))
        box.add_class(f"fragkernel-{kind}-host")
        container = _Framed(box, owner, kind)
        container.parts = container.pinned = (make(),)
        return container

    drawn = placement.draw_container(kind, host)
    return cast("Toast | Effect", drawn.pinned[0])


def _toast_seconds(duration: Any) -> int:
    if isinstance(duration, str) and duration in _TOAST_SECONDS:
        return _TOAST_SECONDS[duration]
    if isinstance(duration, int) and not isinstance(duration, bool) and duration > 0:
        return duration
    raise StreamlitAPIException(
        "Invalid `duration` value. Supported values: short, long, infinite, a positive integer."
    )


class ToastHandle:
    """What ``toast`` returns: ``.toast(...)`` updates the notice while it shows."""

    def __init__(self, widget: Toast) -> None:
        self._widget = widget

    def toast(self, body: Any, *, icon: str | None = None, duration: Any = "short") -> ToastHandle:
        """Change the text, icon and duration of this notice (if it still shows)."""
        seconds = _toast_seconds(duration)
        widget = self._widget
        if widget.comm is not None:
            with widget.hold_sync():
                widget.body, widget.icon, widget.duration = str(body), icon or "", seconds
        return self


def toast(body: Any, *, icon: str | None = None, duration: Any = "short") -> ToastHandle:
    """Show a short notice at the bottom right of the page, which fades after ``duration``.

    ``duration`` is ``"short"`` (4 s), ``"long"`` (10 s), ``"infinite"`` (until closed) or
    a number of seconds. Several toasts stack; hovering one keeps it. The returned handle's
    ``.toast(...)`` updates it.

    Example::

        fk.toast("Your edited image was saved!", icon="😍")
    """
    seconds = _toast_seconds(duration)
    text = str(body)
    if not text:
        raise StreamlitAPIException("toast: the body cannot be empty.")
    widget = _one_shot("toast", lambda: overlay_models().Toast())
    assert isinstance(widget, overlay_models().Toast)
    if widget.comm is not None:
        with widget.hold_sync():
            widget.body, widget.icon, widget.duration = text, icon or "", seconds
            widget.shown = widget.shown + 1 if widget not in _CALLBACK_SHOWS else 1
    return ToastHandle(widget)


def _effect(name: str) -> None:
    widget = _one_shot(name, lambda: overlay_models().Effect(effect=name))
    if widget.comm is not None and widget not in _CALLBACK_SHOWS:
        widget.shown += 1


def balloons() -> None:
    """Float balloons up the page for a moment (a short note instead under reduced motion).

    Example::

        fk.balloons()
    """
    _effect("balloons")


def snow() -> None:
    """Let snowflakes fall down the page for a moment (a note instead under reduced motion).

    Example::

        fk.snow()
    """
    _effect("snow")


# -- status (M3) --------------------------------------------------------------------------


class StatusContainer(Block):
    """What ``status`` returns: a container with ``.update(label=, expanded=, state=)``.

    Used as ``with fk.status(...) as s:``, it turns complete at the end of the block (error
    if the block raised), unless it was updated away from running.
    """

    def __init__(self, container: Container, header: StatusHeader) -> None:
        super().__init__(_fixed(container))
        self._header = header

    def update(
        self, *, label: str | None = None, expanded: bool | None = None, state: str | None = None
    ) -> None:
        """Change the label, the expanded state or the state; ``None`` keeps each as it is."""
        if state is not None:
            _check_state(state)
        header = self._header
        if header.comm is None:
            return
        with header.hold_sync():
            if label is not None:
                header.label = str(label)
            if expanded is not None:
                header.expanded = bool(expanded)
            if state is not None:
                header.state = state

    @property
    def state(self) -> str:
        """The current state: ``"running"``, ``"complete"`` or ``"error"``."""
        return str(self._header.state)

    def __enter__(self) -> StatusContainer:
        super().__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._header.state == "running":
            self.update(state="error" if exc and exc[0] is not None else "complete")
        super().__exit__(*exc)


def _check_state(state: str) -> None:
    if state not in ("running", "complete", "error"):
        raise StreamlitAPIException(
            "Invalid `state` value. Supported values: 'running', 'complete', 'error'."
        )


@accepts("type", "width")
def status(label: str, *, expanded: bool = False, state: str = "running") -> StatusContainer:
    """A container that shows the state of a long task: running, complete or error.

    Use it with ``with`` (it turns complete at the end of the block, error if the block
    raised) and change it with ``.update(label=..., state=..., expanded=...)``.

    Example::

        with fk.status("Downloading data...", expanded=True) as status:
            fk.write("Searching for data...")
            status.update(label="Download complete!", state="complete", expanded=False)
    """
    _check_state(state)

    def make(owner: object) -> Container:
        body = controls.VBox()
        body.add_class("fragkernel-statusbody")
        header = overlay_models().StatusHeader(
            label=str(label), state=state, expanded=bool(expanded)
        )
        frame = controls.VBox(children=(header, body))
        frame.add_class("fragkernel-statusbox")
        container = _Framed(body, owner, "status", frame=frame)
        container.parts = (header,)
        return container

    drawn = placement.draw_container("status", make)
    assert isinstance(drawn, _Framed)
    header = drawn.parts[0]
    assert isinstance(header, overlay_models().StatusHeader)
    if header.comm is not None and (header.label, header.state) != (str(label), state):
        with header.hold_sync():
            header.label, header.state = str(label), state
    return StatusContainer(drawn, header)


# -- popover (M3) -------------------------------------------------------------------------


class PopoverContainer(Block):
    """What ``popover`` returns: a container; ``.open`` is its state when it tracks one."""

    def __init__(self, container: Container, slot: WidgetSlot, tracked: bool) -> None:
        super().__init__(_fixed(container))
        self._slot = slot
        self._tracked = tracked

    @property
    def open(self) -> bool | None:
        """Whether the popover is open (``None`` with ``on_change="ignore"``, as Streamlit)."""
        return bool(self._slot.value()) if self._tracked else None


def set_open(control: widgets.Widget, value: Any) -> None:
    control.is_open = bool(value)


@accepts("width", "wrap")
def popover(
    label: str,
    *,
    type: str = "secondary",
    help: str | None = None,
    icon: str | None = None,
    disabled: bool = False,
    use_container_width: bool | None = None,
    key: str | None = None,
    on_change: Callback | str = "ignore",
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
) -> PopoverContainer:
    """A button that opens a floating container; draw into it with ``with`` or its methods.

    With ``on_change="rerun"`` (or a callback) opening and closing it reruns the fragment
    and ``.open`` tells its state; ``key`` then holds it in ``session_state``.

    Example::

        with fk.popover("Open popover"):
            fk.markdown("Hello World 👋")
            name = fk.text_input("What's your name?")
        fk.write("Your name:", name)
    """
    if label is None:
        raise StreamlitAPIException("The `label` parameter is required.")
    check_button_type(type)
    tracked = on_change != "ignore"
    runtime = get_runtime()

    def make_outer(owner: object) -> Container:
        box = controls.VBox()
        box.add_class("fragkernel-popover")
        if use_container_width:
            box.layout.width = "100%"
        return Container(box, owner, "popover")

    outer = placement.draw_container("popover", make_outer)
    with runtime.inside(outer):
        slot = draw(
            "popover",
            str(label),
            key=key,
            params=(type, icon, help),
            make=lambda value: overlay_models().PopoverButton(
                label=str(label), icon=icon or "", button_type=type, is_open=bool(value)
            ),
            get=lambda control: bool(control.is_open),
            put=set_open,
            default=False,
            traits={"label": str(label), "icon": icon or "", "button_type": type},
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            trait="is_open",
        )

    def make_panel(owner: object) -> Container:
        panel = controls.VBox()
        panel.add_class("fragkernel-popover-panel")
        return Container(panel, owner, "popover-panel")

    panel = placement.draw_child(outer, "popover-panel", make_panel)
    if not outer.drawing:
        outer.commit()
    return PopoverContainer(panel, slot, tracked)
