"""What every widget element shares: identity, parameters, ``key=``, callbacks, events.

A widget call (``fk.slider(...)``) asks :func:`draw` for its control. :func:`draw` derives
the widget's identity (its type and ``key=``, or its type, label and parameters: F4, F20),
refuses a duplicate in one run, and returns the owner's existing control for that identity
with this call's parameters re-applied (the widget's update path, F20), so the browser keeps
focus and caret across reruns. A change coming from the browser writes the widget's
``session_state`` key (S2), queues ``on_change`` for the top of the rerun it causes (S3,
F21) and asks the owner to rerun.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable, Hashable, Iterator
from typing import Any

import ipywidgets as widgets

from .._errors import DuplicateWidgetID, RerunRequest, StopRun, StreamlitAPIException
from .._frontend import controls
from . import capture, forms, placement
from .context import CellScope, Owner, Run, get_runtime
from .engine import engine, interruptible, traceback_output
from .forms import Form
from .instance import FragmentInstance
from .state import same_value
from .tree import Container, close_model

log = logging.getLogger("fragkernel")
Getter = Callable[[widgets.Widget], Any]
Setter = Callable[[widgets.Widget, Any], None]
Callback = Callable[..., Any] | None

LABEL_VISIBILITIES = ("visible", "hidden", "collapsed")
_LIVE = object()  # a widget's value is its control's (not held back by a form)
#: Widgets whose event is a moment, not a state: ``click`` (button), ``submit`` (chat_input).
#: Their value holds for the run the event causes, then returns to the default (S5).
TRIGGERS = ("click", "submit")
_HINT = (
    "fragkernel: widgets in a plain cell show their value but rerun nothing. "
    "Start the cell with %%fragment to rerun it when they change."
)


class WidgetSlot:
    """An owner's registry entry for one widget element: one model for its whole life (F20)."""

    def __init__(
        self,
        owner: Owner,
        identity: Hashable,
        control: widgets.Widget,
        get: Getter,
        put: Setter,
        key: str | None,
        trait: str,
        default: Any,
    ) -> None:
        self.owner = owner
        self.identity = identity
        self.control = control
        self.get = get
        self.put = put
        self.key = key
        self.default = default
        self.callback: tuple[Callback | str, tuple[Any, ...], dict[str, Any]] = (None, (), {})
        #: The form this widget is a member of in its owner's last draw, and its value as of
        #: the form's last submit; the form a submit button submits (M1).
        self.form: Form | None = None
        self.committed: Any = _LIVE
        self.submits: Form | None = None
        self.clear_after: int | None = None
        self._quiet = False
        if trait in TRIGGERS:
            control.on_click(self._clicked)
        else:
            control.observe(self._changed, trait)
        if isinstance(control, widgets.Text):
            control.on_msg(self._message)  # Enter sends a custom "submit" event
        self._trait = trait

    def value(self) -> Any:
        """The widget's value as the element returns it (a form member's: as submitted)."""
        if self.form is not None and self.committed is not _LIVE:
            return self.committed
        return self.get(self.control)

    def click(self) -> None:
        """Act as if the person clicked this button."""
        self._clicked(self.control)

    def _message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "submit" and self.form:
            self.form.submit_by_enter()

    def show(self, value: Any) -> None:
        """Set the widget to ``value`` from the kernel side (not an event)."""
        self._quiet = True
        try:
            self.put(self.control, value)
        finally:
            self._quiet = False

    def reconfigure(self, traits: dict[str, Any], wanted: Any) -> None:
        """Apply this draw's parameters, then show ``wanted``, or the default if now refused.

        Only traits that differ are set, in one message; an unchanged widget sends nothing.
        """
        control = self.control
        changed = {k: v for k, v in traits.items() if not same_value(getattr(control, k), v)}
        self._quiet = True
        try:
            with control.hold_sync() if changed else contextlib.nullcontext():
                low, high = changed.get("min"), getattr(control, "max", None)
                if "max" in changed and low is not None and high is not None and low > high:
                    control.max = changed.pop("max")  # widen first: min may not pass max
                for name, value in changed.items():
                    setattr(control, name, value)
                if changed or not same_value(self.value(), wanted):
                    try:
                        self.put(control, wanted)
                    except StreamlitAPIException:  # no longer allowed: the default (F20)
                        self.put(control, self.default)
        finally:
            self._quiet = False

    def _changed(self, change: dict[str, Any]) -> None:
        if not self._quiet and self.form is None:  # a form member waits for the submit
            self._event(self.value())

    def _clicked(self, _button: widgets.Widget) -> None:
        if isinstance(self.owner, FragmentInstance):
            self.owner.clicks.add(self.identity)
        self._event(self.value() if self._trait == "submit" else True)

    def _event(self, value: Any) -> None:
        runtime = get_runtime()
        reactive = engine()
        owner = self.owner
        in_fragment = isinstance(owner, FragmentInstance)
        if self.submits is not None:
            self._submit(self.submits)
        if self.key is not None:
            # A plain cell's widget writes from outside: there is no app run to see it (S4).
            with reactive.writing_as(owner, outside=not in_fragment):
                runtime.state._store(self.key, value, from_widget=True)
        func, args, kwargs = self.callback
        if func == "ignore":
            return
        redirected = False
        if callable(func):
            callback = functools.partial(func, *args, **kwargs)
            if isinstance(owner, FragmentInstance):
                redirected = _run_for_fragment(owner, callback)
            elif isinstance(owner, CellScope):
                _run_in_cell(owner, callback)
        if self._trait in TRIGGERS and self.key is not None and not in_fragment:
            with reactive.writing_as(owner, outside=True):  # its run is over
                runtime.state._store(self.key, self.default, from_widget=True)
        if isinstance(owner, FragmentInstance) and not redirected and runtime.scheduler:
            runtime.scheduler.request(owner)

    def _submit(self, form: Form) -> None:
        """Commit every member of ``form`` into its key, at once (M1)."""
        owner = self.owner
        in_fragment = isinstance(owner, FragmentInstance)
        state = get_runtime().state
        with engine().writing_as(owner, outside=not in_fragment):
            for slot, value in form.commit_values():
                if slot.key is not None:
                    state._store(slot.key, value, from_widget=True)
                if form.clear_on_submit:  # the run sees the values; the boxes show defaults
                    slot.show(slot.default)
                    slot.clear_after = owner.runs if isinstance(owner, FragmentInstance) else None

    def close(self) -> None:
        """Stop listening and close the control with its layout and style (F14)."""
        if self._trait in TRIGGERS:
            self.control.on_click(self._clicked, remove=True)
        else:
            self.control.unobserve(self._changed, self._trait)
        close_model(self.control)


@contextlib.contextmanager
def _callback_run(owner: Owner, root: Container | None, *, outside: bool) -> Iterator[Run]:
    """The context a widget callback runs in, outside any run of its owner (F21, F22).

    Its errors (``SystemExit`` too) show where it draws; an interrupt ends it with a note;
    nothing of it escapes into the kernel's message handler.
    """
    runtime = get_runtime()
    run = Run(owner, root)
    with runtime.running(run), capture.capturing(), engine().writing_as(owner, outside=outside):
        try:
            with interruptible():
                yield run
        except KeyboardInterrupt:
            placement.draw_output(
                {"output_type": "stream", "name": "stderr", "text": "callback interrupted.\n"}
            )


def _run_for_fragment(owner: FragmentInstance, callback: Callable[[], Any]) -> bool:
    """Run a callback now, before the rerun it causes; what it draws heads that rerun (F21).

    Returns whether the callback asked for named fragments instead (``fk.rerun(key)``, F23):
    then its widget's owner does not rerun, as in Streamlit.
    """
    with _callback_run(owner, owner.root, outside=False) as run:
        run.collect = []
        run_callbacks([callback])
    owner.notes.extend(run.collect or ())
    return run.redirected


def _run_in_cell(scope: CellScope, callback: Callable[[], Any]) -> None:
    """Run a plain cell's widget callback; what it draws or raises shows in the cell (F21)."""
    notes = scope.notes
    if notes is None or notes.closed:  # no place to show it (a reset): run it all the same
        with _callback_run(scope, None, outside=True) as run:
            run.collect = []
            run_callbacks([callback])
        if run.collect:
            log.warning("fragkernel: output of a callback with nowhere to show it: %r", run.collect)
        return
    with _callback_run(scope, notes, outside=True) as run:
        run.begin(notes)
        try:
            placement.draw_output(_hint())
            run_callbacks([callback])
        finally:
            notes.end()


def run_callbacks(callbacks: list[Callable[[], None]]) -> None:
    """Run widget callbacks (F21, S3).

    An exception shows its traceback where the callback draws; ``fk.rerun()`` and
    ``fk.stop()`` in a callback do nothing, as in Streamlit.
    """
    for callback in callbacks:
        try:
            callback()
        except (StopRun, RerunRequest):
            pass
        except (Exception, SystemExit) as error:  # SystemExit: never the kernel's
            placement.draw_output(traceback_output(error))


def _join(slot: WidgetSlot, form: Form | None, submits: bool) -> None:
    """Make the widget a member (or the submit button) of the form it is drawn in, or none."""
    if submits:
        slot.submits, slot.form = form, None
    elif form is None:
        slot.form, slot.committed = None, _LIVE
    elif slot.form is not form:
        slot.form, slot.committed = form, slot.get(slot.control)
    if form is not None:
        form.join(slot)


def store_value(owner: Owner, key: str, value: Any) -> None:
    """Write a widget's value into its key, attributed to the right writer (S4).

    In a run, as the run: its round counts toward the cut of a chain of reruns. Outside
    one, as the widget's owner.
    """
    state = get_runtime().state
    if get_runtime().run is not None:
        state._store(key, value, from_widget=True)
        return
    with engine().writing_as(owner):
        state._store(key, value, from_widget=True)


def identity_of(kind: str, label: str, key: str | None, params: tuple[Any, ...]) -> Hashable:
    """Streamlit's rule: the element type and ``key=`` when given, else type, label, parameters."""
    if key is not None:
        if not isinstance(key, str | int):
            raise TypeError(f"key= must be a string or an int, got {type(key).__name__}.")
        return ("key", kind, str(key))
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
    if "description_width" in getattr(getattr(control, "style", None), "keys", []):
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
    traits: dict[str, Any] | None = None,
    model: type[widgets.Widget] | None = None,
    on_change: Callback | str = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    help: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    settable: bool = True,
    stores: bool = True,
    submits: bool = False,
    trait: str = "value",
    bottom: bool = False,
    place: Callable[[widgets.Widget], None] | None = None,
) -> WidgetSlot:
    """Return the control of this widget call, placed here, with this draw's parameters.

    The first draw makes the control with ``make``; later draws of the same identity keep
    the model and re-apply ``traits`` (options, bounds, step...) on it (F20), unless the
    control must now be of another class (``model``: an int slider became a float one).
    ``settable``
    is False for widgets whose state user code may not set (button, file_uploader);
    ``stores`` is False for a widget that writes its key itself (button). ``trait`` is the
    control's trait to observe, or a trigger (:data:`TRIGGERS`: the control has ``on_click``).
    A widget drawn in a form is a member of it (M1); ``submits`` makes it the form's submit
    button. ``bottom`` pins the widget under the fragment's area (``chat_input``, M4).
    ``place`` puts the control in the page instead of :func:`placement.draw_widget`: a layout
    element with a widget's state (a tracked ``expander`` or ``tabs``) draws its control as a
    container there.
    """
    if not isinstance(label, str):
        raise StreamlitAPIException(f"{kind} label must be a string, got {type(label).__name__}.")
    engine()
    runtime = get_runtime()
    placement.check_widget_allowed(f'{kind} "{label}"')
    owner = runtime.owner()
    identity = identity_of(kind, label, key, params)
    skey = None if key is None else str(key)
    run = runtime.run
    form = forms.current()
    if form is not None and not submits and callable(on_change):
        raise StreamlitAPIException(
            "Within a form, callbacks can only be defined on `st.form_submit_button`. "
            "Defining callbacks on other widgets inside a form is not allowed."
        )
    seen = run.seen if run is not None else runtime.cell.seen
    keys = run.keys if run is not None else runtime.cell.keys
    if identity in seen or (skey is not None and skey in keys):
        where = f"fragment {owner.name!r}" if run is not None else "this cell"
        raise DuplicateWidgetID(
            f'There are two {kind} widgets with the same identity (label "{label}") in {where}. '
            f"Pass a unique key= to each of them (SPEC F4)."
        )
    state = runtime.state
    if skey is not None:
        _ = skey in state  # drawing a keyed widget reads its key (S2, S4)
        if not settable and state._set_by_user(skey):
            raise StreamlitAPIException(
                f'Values for the {kind} widget with key "{skey}" cannot be set using '
                "session_state (as in Streamlit): remove the assignment."
            )
    from_state = skey is not None and settable and state._has(skey)
    slot = owner.slots.get(identity)
    if isinstance(slot, WidgetSlot) and model is not None and type(slot.control) is not model:
        owner.slots.pop(identity).close()
        slot = None
    if not isinstance(slot, WidgetSlot):
        initial = state._peek(skey) if from_state and skey is not None else default
        try:
            control = make(initial)
        except StreamlitAPIException:
            if not from_state:
                raise
            control = make(default)  # the state holds a value these parameters refuse
        slot = WidgetSlot(owner, identity, control, get, put, skey, trait, default)
        owner.slots[identity] = slot
    else:
        wanted = state._peek(skey) if from_state and skey is not None else slot.value()
        if slot.form is not None:
            peek = state._peek(skey) if from_state and skey is not None else _LIVE
            if slot.clear_after is not None and getattr(owner, "runs", 0) > slot.clear_after:
                slot.committed, slot.clear_after, peek = default, None, _LIVE  # (M1)
            if peek is not _LIVE and not same_value(peek, slot.committed):
                slot.committed = wanted = peek  # code set the key: it shows and counts
            else:
                wanted = slot.get(slot.control)  # keep what the person typed, unsubmitted
        slot.get, slot.put, slot.default = get, put, default
        slot.reconfigure(traits or {}, wanted)
    seen.add(identity)
    if skey is not None:
        keys.add(skey)
    _join(slot, form, submits)
    slot.callback = (on_change, tuple(args or ()), dict(kwargs or {}))
    common(slot.control, label, help, label_visibility)
    if hasattr(slot.control, "disabled"):
        slot.control.disabled = bool(disabled)
    if skey is not None and stores:
        store_value(owner, skey, slot.value())
    if isinstance(owner, CellScope) and run is None and owner.notes is None:
        owner.notes = _cell_notes(owner)
    if place is not None:
        place(slot.control)
    else:
        placement.draw_widget(slot.control, bottom=bottom)
    return slot


def _cell_notes(scope: CellScope) -> Container:
    """The plain cell's own notes, shown once in its output: the hint, then callback output.

    Shown at the cell's level, never inside a ``with`` block: a placeholder there would
    replace it with the next element.
    """
    box = controls.VBox()
    box.add_class("fragkernel-cell-notes")
    notes = Container(box, scope, "notes")
    scope.containers.append(notes)
    placement.draw_output(_hint(), into=notes)
    with get_runtime().at_cell_level():
        placement.draw_widget(box)
    return notes


def _hint() -> dict[str, Any]:
    return {"output_type": "stream", "name": "stdout", "text": _HINT + "\n"}
