"""What every widget element shares: identity, ``key=`` binding, callbacks, events (F4, S2, S3).

A widget call (``fk.slider(...)``) asks :func:`draw` for its control. :func:`draw` derives
the widget's identity (``key=`` or the element type, label and parameters), refuses a
duplicate in one run, and returns the owner's existing control for that identity, so the
browser keeps focus and caret across reruns. A change coming from the browser writes the
widget's ``session_state`` key, calls ``on_change`` and asks the owner to rerun.
"""

from __future__ import annotations

import contextlib
import io
import logging
import traceback
from collections.abc import Callable, Hashable
from typing import Any

import ipywidgets as widgets

from .._errors import DuplicateWidgetID, StreamlitAPIException
from . import placement
from .context import CellScope, Owner, get_runtime
from .fragment import FragmentInstance, engine
from .state import same_value
from .tree import close_model

log = logging.getLogger("fragkernel")
Getter = Callable[[widgets.Widget], Any]
Setter = Callable[[widgets.Widget, Any], None]
Callback = Callable[..., Any] | None

LABEL_VISIBILITIES = ("visible", "hidden", "collapsed")
_HINT = (
    "fragkernel: widgets in a plain cell show their value but rerun nothing. "
    "Start the cell with %%fragment to rerun it when they change."
)


class WidgetSlot:
    """An owner's registry entry for one widget element, kept across the owner's runs."""

    def __init__(
        self,
        owner: Owner,
        identity: Hashable,
        control: widgets.Widget,
        get: Getter,
        put: Setter,
        key: str | None,
        trait: str,
    ) -> None:
        self.owner = owner
        self.identity = identity
        self.control = control
        self.get = get
        self.put = put
        self.key = key
        self.callback: tuple[Callback, tuple[Any, ...], dict[str, Any]] = (None, (), {})
        self._quiet = False
        if trait == "click":
            control.on_click(self._clicked)
        else:
            control.observe(self._changed, trait)
        self._trait = trait

    def value(self) -> Any:
        """The widget's value as the element returns it."""
        return self.get(self.control)

    def show(self, value: Any) -> None:
        """Set the widget to ``value`` from the kernel side (not an event)."""
        self._quiet = True
        try:
            self.put(self.control, value)
        finally:
            self._quiet = False

    def _changed(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._event(self.value())

    def _clicked(self, _button: widgets.Button) -> None:
        if isinstance(self.owner, FragmentInstance):
            self.owner.clicks.add(self.identity)
        self._event(True)

    def _event(self, value: Any) -> None:
        runtime = get_runtime()
        reactive = engine()
        if self.key is not None and self._trait != "click":
            with reactive.writing_as(self.owner):
                runtime.state._store(self.key, value, from_widget=True)
        func, args, kwargs = self.callback
        if func is not None:
            self._call(func, args, kwargs)
        if isinstance(self.owner, FragmentInstance) and runtime.scheduler is not None:
            runtime.scheduler.request(self.owner)

    def _call(
        self, func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
            try:
                func(*args, **kwargs)
            except Exception:
                traceback.print_exc()
        text = buffer.getvalue()
        if not text:
            return
        if isinstance(self.owner, FragmentInstance):
            self.owner.add_note({"output_type": "stream", "name": "stdout", "text": text})
        else:
            log.warning("fragkernel: output of a callback in a plain cell:\n%s", text)

    def close(self) -> None:
        """Stop listening and close the control with its layout and style (F14)."""
        if self._trait == "click":
            self.control.on_click(self._clicked, remove=True)
        else:
            self.control.unobserve(self._changed, self._trait)
        close_model(self.control)


def identity_of(kind: str, label: str, key: str | None, params: tuple[Any, ...]) -> Hashable:
    """Streamlit's rule: ``key=`` when given, else the element type, label and parameters."""
    if key is not None:
        if not isinstance(key, str | int):
            raise TypeError(f"key= must be a string or an int, got {type(key).__name__}.")
        return ("key", str(key))
    return (kind, label, repr(params))


def common(control: widgets.Widget, label: str, help: str | None, visibility: str) -> None:
    """Apply label, tooltip and label visibility the way every element does."""
    if visibility not in LABEL_VISIBILITIES:
        raise StreamlitAPIException(
            f"label_visibility={visibility!r}: use one of {', '.join(LABEL_VISIBILITIES)}."
        )
    if hasattr(control, "description"):
        control.description = label if visibility == "visible" else ""
    if help is not None:
        control.tooltip = str(help)
    if "description_width" in getattr(control.style, "keys", []):
        control.style.description_width = "initial"


def draw(
    kind: str,
    label: str,
    *,
    key: str | None,
    params: tuple[Any, ...],
    make: Callable[[Any], widgets.Widget],
    get: Getter,
    put: Setter,
    default: Any,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    help: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    settable: bool = True,
    trait: str = "value",
) -> WidgetSlot:
    """Return the control of this widget call, created on its first draw, and place it."""
    if not isinstance(label, str):
        raise StreamlitAPIException(f"{kind} label must be a string, got {type(label).__name__}.")
    engine()
    runtime = get_runtime()
    placement.check_widget_allowed(f'{kind} "{label}"')
    owner = runtime.owner()
    identity = identity_of(kind, label, key, params)
    run = runtime.run
    seen = run.seen if run is not None else runtime.cell.seen
    if identity in seen:
        where = f"fragment {owner.name!r}" if run is not None else "this cell"
        raise DuplicateWidgetID(
            f'There are two {kind} widgets with the same identity (label "{label}") in {where}. '
            f"Pass a unique key= to each of them (SPEC F4)."
        )
    state = runtime.state
    skey = None if key is None else str(key)
    if skey is not None:
        _ = skey in state  # drawing a keyed widget reads its key (S2, S4)
        if not settable and state._set_by_user(skey):
            raise StreamlitAPIException(
                f'Values for the {kind} widget with key "{skey}" cannot be set using '
                "session_state (as in Streamlit): remove the assignment."
            )
    slot = owner.slots.get(identity)
    if not isinstance(slot, WidgetSlot):
        initial = default
        if skey is not None and settable and state._has(skey):
            initial = state._peek(skey)
        control = make(initial)
        slot = WidgetSlot(owner, identity, control, get, put, skey, trait)
        owner.slots[identity] = slot
    elif skey is not None and settable and state._has(skey):
        wanted = state._peek(skey)
        if not same_value(wanted, slot.value()):
            slot.show(wanted)  # a value set from elsewhere shows at the next draw (S2)
    seen.add(identity)
    slot.callback = (on_change, tuple(args or ()), dict(kwargs or {}))
    common(slot.control, label, help, label_visibility)
    if hasattr(slot.control, "disabled"):
        slot.control.disabled = bool(disabled)
    if skey is not None and settable:
        with engine().writing_as(owner):
            state._store(skey, slot.value(), from_widget=True)
    if isinstance(owner, CellScope) and run is None and not owner.hinted:
        owner.hinted = True
        placement.draw_output(
            {"output_type": "display_data", "data": {"text/plain": _HINT}, "metadata": {}}
        )
    placement.draw_widget(slot.control)
    return slot
