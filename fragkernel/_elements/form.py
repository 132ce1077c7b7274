"""Forms: ``form`` and ``form_submit_button``, with Streamlit's signatures and errors (M1).

The semantics live in :mod:`fragkernel._runtime.forms` (members, submit, commit); this
module is the catalogue's face of them.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .._compat import accepts
from .._errors import DuplicateWidgetID, StreamlitAPIException
from .._frontend import controls
from .._runtime import forms, placement
from .._runtime.context import get_runtime
from .._runtime.slots import Callback
from .layout import Block
from .widgets import push_button


@accepts("width", "height")
def form(
    key: str, clear_on_submit: bool = False, *, enter_to_submit: bool = True, border: bool = True
) -> Block:
    """A form: its widgets send their values together, when its submit button is pressed.

    Widgets drawn in it (``with form:`` or ``form.slider(...)``) rerun nothing when they
    change; ``form_submit_button`` commits them all and reruns once (only the fragment that
    drew the form, inside a fragment). ``clear_on_submit`` resets them to their defaults
    after that run; ``enter_to_submit`` lets Enter in a text box submit.

    Example::

        with fk.form("my_form"):
            name = fk.text_input("Name")
            age = fk.slider("Age", 0, 100, 30)
            if fk.form_submit_button("Submit"):
                fk.write(f"{name} is {age}")
    """
    if forms.current() is not None:
        raise StreamlitAPIException("Forms cannot be nested in other forms.")
    runtime = get_runtime()
    run = runtime.run
    seen = run.seen if run is not None else runtime.cell.seen
    if ("form", str(key)) in seen:
        raise DuplicateWidgetID(
            f"There are multiple elements with the same `key='{key}'`. To fix this, please "
            "make sure that the `key` argument is unique for each element you create."
        )
    seen.add(("form", str(key)))
    kind = f"form:{key}"

    def make(owner: object) -> forms.Form:
        layout = {"border": "1px solid var(--jp-border-color1, #ccc)", "padding": "0.5rem"}
        box = controls.VBox(layout=widgets.Layout(**(layout if border else {})))
        box.add_class("fragkernel-form")
        return forms.Form(
            box, owner, kind, key=str(key), clear_on_submit=bool(clear_on_submit),
            enter_to_submit=bool(enter_to_submit),
        )  # fmt: skip

    drawn = placement.draw_container(kind, make)
    drawn.clear_on_submit, drawn.enter_to_submit = bool(clear_on_submit), bool(enter_to_submit)
    return Block(lambda: drawn)


@accepts("icon_position", "width", "shortcut", "wrap")
def form_submit_button(
    label: str = "Submit",
    help: str | None = None,
    on_click: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    key: str | None = None,
    type: str = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    use_container_width: bool | None = None,
) -> bool:
    """The submit button of the form it is drawn in: True in the run its click caused.

    Example::

        with fk.form("login"):
            user = fk.text_input("User")
            submitted = fk.form_submit_button("Log in")
    """
    if forms.current() is None:
        raise StreamlitAPIException(
            "`st.form_submit_button()` must be used inside an `st.form()`." + forms.DOCS
        )
    return push_button(
        "form_submit_button", label, key, help, on_click, args, kwargs, type=type, icon=icon,
        disabled=disabled, use_container_width=use_container_width, submits=True,
    )  # fmt: skip
