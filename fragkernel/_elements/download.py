"""``download_button`` (SPEC D4): the bytes reach the browser only when it is clicked."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .._compat import accepts
from .._errors import StreamlitAPIException
from .._runtime import forms
from .._runtime.context import get_runtime
from .._runtime.instance import FragmentInstance
from .._runtime.slots import Callback, draw, store_value
from .overlays import check_button_type, overlay_models


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
    check_button_type(type)
    if callable(data) and not hasattr(data, "read"):
        payload: Any = data
        kept_mime = mime
    else:
        payload, kept_mime = overlay_models().download_bytes(data, mime, file_name)

    def make(_: Any) -> widgets.Widget:
        control = overlay_models().DownloadButton(
            label=str(label), icon=icon or "", button_type=type
        )
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
    assert isinstance(control, overlay_models().DownloadButton)
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
