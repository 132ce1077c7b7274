"""Overlays and feedback: dialog, popover, status, toast, balloons, snow, download_button.

SPEC M2, M3 and D4. Each is drawn at the current position like any element, through the
anywidget models of :mod:`fragkernel._frontend.overlay`; the browser lifts what floats (a
dialog, a popover's panel, toasts) over the page. A dialog's body is a fragment (its own
instance, a child of the caller), so its widgets rerun it alone; ``fk.rerun()`` in it
closes it and reruns its caller.
"""

from __future__ import annotations

import functools
import weakref
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import ipywidgets as widgets

from .._compat import accepts
from .._errors import RerunRequest, StreamlitAPIException
from .._frontend import controls
from .._runtime import forms, placement
from .._runtime.context import CellScope, Owner, get_runtime
from .._runtime.fragment import Fragment, FragmentInstance
from .._runtime.slots import Callback, WidgetSlot, draw, store_value
from .._runtime.tree import Container, close_model
from .layout import Block

if TYPE_CHECKING:  # the models load with the first overlay: anywidget stays out of import
    from .._frontend.overlay import DialogHeader, Effect, StatusHeader, Toast

F = TypeVar("F", bound=Callable[..., Any])


def _ov() -> Any:
    """The overlay models' module, imported on first use (it imports anywidget)."""
    from .._frontend import overlay

    return overlay


_ONE_DIALOG = (
    "Only one dialog is allowed to be opened at the same time. Please make sure to not call "
    "a dialog-decorated function more than once in a script run."
)
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


def _check_type(type: str) -> None:
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
    widget = _one_shot("toast", lambda: _ov().Toast())
    assert isinstance(widget, _ov().Toast)
    if widget.comm is not None:
        with widget.hold_sync():
            widget.body, widget.icon, widget.duration = text, icon or "", seconds
            widget.shown = widget.shown + 1 if widget not in _CALLBACK_SHOWS else 1
    return ToastHandle(widget)


def _effect(name: str) -> None:
    widget = _one_shot(name, lambda: _ov().Effect(effect=name))
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
        header = _ov().StatusHeader(label=str(label), state=state, expanded=bool(expanded))
        frame = controls.VBox(children=(header, body))
        frame.add_class("fragkernel-statusbox")
        container = _Framed(body, owner, "status", frame=frame)
        container.parts = (header,)
        return container

    drawn = placement.draw_container("status", make)
    assert isinstance(drawn, _Framed)
    header = drawn.parts[0]
    assert isinstance(header, _ov().StatusHeader)
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


def _set_open(control: widgets.Widget, value: Any) -> None:
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
    _check_type(type)
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
            make=lambda value: _ov().PopoverButton(
                label=str(label), icon=icon or "", button_type=type, is_open=bool(value)
            ),
            get=lambda control: bool(control.is_open),
            put=_set_open,
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


# -- dialog (M2) --------------------------------------------------------------------------

#: The runs (or plain cells) that opened a dialog: Streamlit allows one per script run.
_OPENED: weakref.WeakKeyDictionary[object, bool] = weakref.WeakKeyDictionary()
#: Every dialog header drawn, with the owner that drew it and its slot: one dialog open at a
#: time, so a dialog opened from another cell or fragment hides the one open before.
_HEADERS: weakref.WeakKeyDictionary[DialogHeader, tuple[Owner, WidgetSlot]] = (
    weakref.WeakKeyDictionary()
)


class DialogBody(Fragment[..., Any]):
    """The body of one call of a dialog function: a fragment with its dialog's parts."""

    def __init__(self, func: Callable[..., Any], slot: WidgetSlot, frame: Container) -> None:
        super().__init__(func, None, True)
        self.slot = slot
        self.frame = frame
        self.made: DialogInstance | None = None

    def instance(
        self, parent: Owner, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> FragmentInstance:
        """A :class:`DialogInstance`, which closes its dialog on ``fk.rerun()``."""
        self.made = DialogInstance(self, parent, args, kwargs)
        return self.made


class DialogInstance(FragmentInstance):
    """The fragment instance of a dialog's body (M2)."""

    close_after = False

    def _on_rerun_request(self, request: RerunRequest) -> bool:
        """``fk.rerun()`` closes the dialog and reruns its caller; ``scope="fragment"`` the body."""
        if request.scope == "fragment":
            return True
        spec = self.spec
        assert isinstance(spec, DialogBody)
        spec.slot.show(False)  # hidden at once; the caller's rerun then removes it
        parent = self.parent
        if isinstance(parent, FragmentInstance):
            if parent.running:
                raise request
            scheduler = get_runtime().scheduler
            if scheduler is not None:
                scheduler.request(parent.outermost)
        else:
            self.close_after = True  # a plain cell: nothing to rerun, the dialog goes
        return False

    def execute(self, *, first: bool) -> Any:
        """Run the body; a plain cell's dialog closed by ``fk.rerun()`` goes after the run."""
        result = super().execute(first=first)
        if self.close_after:
            self.close_after = False
            self.close_dialog()
        return result

    def close_dialog(self) -> None:
        """Close this dialog for good (a plain cell's: no caller run will draw it again)."""
        spec = self.spec
        assert isinstance(spec, DialogBody)
        self.dispose()
        spec.frame.close()


def _check_width(width: Any) -> None:
    if width in ("small", "medium", "large"):
        return
    if isinstance(width, int) and not isinstance(width, bool) and width > 0:
        return
    raise StreamlitAPIException(
        "Invalid `width` value. Supported values: 'small', 'medium', 'large', a positive "
        f"integer. Got {width!r}."
    )


def _open_dialog(
    func: Callable[..., Any],
    title: str,
    options: dict[str, Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    runtime = get_runtime()
    run = runtime.run
    if run is not None and not runtime.on_main_thread():  # a parallel fragment's worker (A3)
        raise StreamlitAPIException(
            "`@st.dialog` cannot be called from a parallel fragment during the initial page "
            "load, because parallel fragments run concurrently on separate threads where "
            "`@st.dialog` is not safe.\n\nTo fix this, gate the call behind a widget "
            "interaction (e.g., `if st.button(...):`) so it runs during a sequential fragment "
            "rerun instead."
        )
    owner = runtime.owner()
    node: Owner | None = owner
    while node is not None:
        if isinstance(node, DialogInstance):
            raise StreamlitAPIException("Dialogs may not be nested inside other dialogs.")
        node = node.parent
    marker: object = run if run is not None else runtime.cell
    if marker in _OPENED:
        raise StreamlitAPIException(_ONE_DIALOG)
    _OPENED[marker] = True
    for header, (drawn_by, other) in list(_HEADERS.items()):
        if header.comm is not None and header.is_open and drawn_by is not owner:
            other.show(False)

    def make_frame(frame_owner: object) -> Container:
        panel = controls.VBox()
        panel.add_class("fragkernel-dialog-panel")
        backdrop = controls.VBox(children=(panel,))
        backdrop.add_class("fragkernel-dialog")
        return Container(panel, frame_owner, "dialog", frame=backdrop)

    frame = placement.draw_container("dialog", make_frame)
    traits = {
        "title": title,
        "icon": options["icon"] or "",
        "width": options["width"],
        "dismissible": options["dismissible"],
    }
    with runtime.inside(frame):
        slot = draw(
            "dialog",
            title,
            key=None,
            params=(func.__qualname__,),
            make=lambda _: _ov().DialogHeader(**traits),
            get=lambda control: bool(control.is_open),
            put=_set_open,
            default=False,
            traits=traits,
            on_change=options["on_dismiss"],
            trait="is_open",
        )
        header = slot.control
        assert isinstance(header, _ov().DialogHeader)
        _HEADERS[header] = (owner, slot)
        slot.show(True)
        body = DialogBody(func, slot, frame)
        if isinstance(owner, CellScope):
            header.dismissed = lambda: body.made.close_dialog() if body.made else None
        body(*args, **kwargs)


@accepts("position")
def dialog(
    title: Any,
    *,
    width: str | int = "small",
    dismissible: bool = True,
    icon: str | None = None,
    on_dismiss: Callback | str = "ignore",
) -> Callable[[F], F]:
    """Decorate a function whose calls open a modal dialog over the notebook (SPEC M2).

    The dialog's body is a fragment: its widgets rerun it alone. ``fk.rerun()`` inside it
    closes it and reruns its caller. A ``dismissible`` dialog closes on Escape, its close
    button or a click beside it; ``on_dismiss`` is ``"ignore"``, ``"rerun"`` or a callback.
    One dialog at a time.

    Example::

        @fk.dialog("Cast your vote")
        def vote(item):
            fk.write(f"Why is {item} your favorite?")
            reason = fk.text_input("Because...")
            if fk.button("Submit"):
                fk.session_state.vote = {"item": item, "reason": reason}
                fk.rerun()

        if fk.button("A"):
            vote("A")
    """
    if callable(title) or title is None or title == "":
        raise StreamlitAPIException(
            'The `title` parameter is required. For example: `@st.dialog("Example Title")`.'
        )
    _check_width(width)
    if on_dismiss not in ("ignore", "rerun") and not callable(on_dismiss):
        raise StreamlitAPIException(
            f'on_dismiss must be "ignore", "rerun" or a callable, got {on_dismiss!r}.'
        )
    options = {"width": width, "dismissible": bool(dismissible), "icon": icon,
               "on_dismiss": on_dismiss}  # fmt: skip
    text = str(title)

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def open_dialog(*args: Any, **kwargs: Any) -> None:
            _open_dialog(func, text, options, args, kwargs)

        return open_dialog  # type: ignore[return-value]

    return decorate


# -- download_button (D4) -----------------------------------------------------------------


@accepts("icon_position", "width", "shortcut", "wrap")
def download_button(
    label: str,
    data: Any,
    file_name: str | None = None,
    mime: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_click: Callback | str = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    type: str = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    use_container_width: bool | None = None,
) -> bool:
    """A button that saves ``data`` as a file named ``file_name``; True in the run it caused.

    The bytes go to the browser only when the button is clicked, never when it is drawn.
    ``data`` is a ``str``, ``bytes``, a file-like object, or a callable (run on the click)
    that returns one. ``on_click="ignore"`` saves the file without a rerun.

    Example::

        fk.download_button("Download report", "col1,col2", file_name="report.csv",
                           mime="text/csv")
    """
    if forms.current() is not None:
        raise StreamlitAPIException(
            "`st.download_button()` can't be used in an `st.form()`." + forms.DOCS
        )
    _check_type(type)
    if callable(data) and not hasattr(data, "read"):
        payload: Any = data
        kept_mime = mime
    else:
        payload, kept_mime = _ov().download_bytes(data, mime, file_name)

    def make(_: Any) -> widgets.Widget:
        control = _ov().DownloadButton(label=str(label), icon=icon or "", button_type=type)
        control.add_class("fragkernel-download")
        if use_container_width:
            control.layout.width = "100%"
        return control

    slot = draw(
        "download_button",
        label,
        key=key,
        params=(type, icon, file_name, mime),
        make=make,
        get=lambda _: False,
        put=lambda *_: None,
        default=False,
        traits={"label": str(label), "icon": icon or "", "button_type": type},
        on_change=on_click,
        args=args,
        kwargs=kwargs,
        help=help,
        disabled=disabled,
        settable=False,
        stores=False,
        trait="click",
    )
    control = slot.control
    assert isinstance(control, _ov().DownloadButton)
    control.payload, control.mime, control.file_name = payload, kept_mime, file_name
    owner = slot.owner
    if isinstance(owner, FragmentInstance):
        control.on_error = lambda error: owner.show_note(
            f"download_button {label!r}: the data could not be made: "
            f"{error.__class__.__name__}: {error}",
            error=True,
        )
    runtime = get_runtime()
    run = runtime.run
    clicked = run is not None and slot.identity in run.clicked
    if key is not None:
        store_value(runtime.owner(), str(key), clicked)
    return clicked
