"""``dialog`` (SPEC M2): a modal whose body is a fragment of its own.

The body is a child instance of the caller, so its widgets rerun it alone; ``fk.rerun()`` in it
closes the dialog and reruns its caller. One dialog is open at a time.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .._compat import accepts
from .._errors import RerunRequest, StreamlitAPIException
from .._frontend import controls
from .._runtime import placement
from .._runtime.context import CellScope, Owner, get_runtime
from .._runtime.fragment import Fragment
from .._runtime.instance import FragmentInstance
from .._runtime.slots import Callback, WidgetSlot, draw
from .._runtime.tree import Container
from .overlays import overlay_models, set_open

if TYPE_CHECKING:  # the models load with the first overlay: anywidget stays out of import
    from .._frontend.overlay import DialogHeader


F = TypeVar("F", bound=Callable[..., Any])


_ONE_DIALOG = (
    "Only one dialog is allowed to be opened at the same time. Please make sure to not call "
    "a dialog-decorated function more than once in a script run."
)

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
            make=lambda _: overlay_models().DialogHeader(**traits),
            get=lambda control: bool(control.is_open),
            put=set_open,
            default=False,
            traits=traits,
            on_change=options["on_dismiss"],
            trait="is_open",
        )
        header = slot.control
        assert isinstance(header, overlay_models().DialogHeader)
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
