"""Widget elements with Streamlit's signatures: each returns its current value (SPEC W1).

Every function draws a stock ipywidgets control (see :mod:`fragkernel._controls`) through
:func:`fragkernel._widget_base.draw`, which keeps the same control across reruns (F4).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from .._compat import accepts
from .._errors import StreamlitAPIException
from .._frontend import controls as c
from .._runtime import forms
from .._runtime.context import get_runtime
from .._runtime.slots import Callback, draw, store_value
from .display import error
from .pickers import is_temporal, temporal_slider

#: Largest upload accepted, in megabytes (Streamlit's ``server.maxUploadSize``).
MAX_UPLOAD_MB = 200.0


def _set_value(control: widgets.Widget, value: Any) -> None:
    control.value = value


def _get_value(control: widgets.Widget) -> Any:
    return control.value


@accepts("icon_position", "width", "shortcut", "wrap")
def button(
    label: str,
    key: str | None = None,
    help: str | None = None,
    on_click: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    type: str = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    use_container_width: bool | None = None,
) -> bool:
    """A button: ``True`` only in the run that its click caused.

    Example::

        if fk.button("Hi!"):
            fk.write("Hi back!")
    """
    if forms.current() is not None:
        raise StreamlitAPIException(
            "`st.button()` can't be used in an `st.form()`. Use `st.form_submit_button()` "
            "instead to submit the form." + forms.DOCS
        )
    return push_button(
        "button", label, key, help, on_click, args, kwargs, type=type, icon=icon,
        disabled=disabled, use_container_width=use_container_width,
    )  # fmt: skip


def push_button(
    kind: str,
    label: str,
    key: str | None,
    help: str | None,
    on_click: Callback,
    args: tuple[Any, ...] | None,
    kwargs: dict[str, Any] | None,
    *,
    type: str,
    icon: str | None,
    disabled: bool,
    use_container_width: bool | None,
    submits: bool = False,
) -> bool:
    """A button (``button``, ``form_submit_button``): True only in the run its click caused."""
    if type not in ("primary", "secondary", "tertiary"):
        raise StreamlitAPIException(f'{kind} type={type!r}: use "primary", "secondary" or ...')
    style = "primary" if type == "primary" else ""

    def make(_: Any) -> widgets.Widget:
        control = c.Button(button_style=style)
        control.add_class(f"fragkernel-{kind.replace('_', '-')}")
        if icon:
            control.icon = icon
        if use_container_width:
            control.layout.width = "100%"
        return control

    slot = draw(
        kind, label, key=key, params=(type, icon), make=make, get=lambda _: False,
        put=lambda *_: None, default=False, traits={"button_style": style, "icon": icon or ""},
        on_change=on_click, args=args, kwargs=kwargs, help=help, disabled=disabled,
        settable=False, stores=False, submits=submits, trait="click",
    )  # fmt: skip
    runtime = get_runtime()
    run = runtime.run
    clicked = run is not None and slot.identity in run.clicked
    if key is not None:  # True in the run its click caused, else False (S5)
        store_value(runtime.owner(), str(key), clicked)
    return clicked


def _boolean(
    kind: str, cls: type[widgets.Widget], label: str, value: bool, key: str | None, **kw: Any
) -> bool:
    def put(control: widgets.Widget, new: Any) -> None:
        control.value = _as_bool(kind, new)

    slot = draw(
        kind,
        label,
        key=key,
        params=(bool(value),),
        make=lambda initial: cls(value=_as_bool(kind, initial)),
        get=_get_value,
        put=put,
        default=bool(value),
        **kw,
    )
    return bool(slot.value())


def _as_bool(kind: str, value: Any) -> bool:
    if not isinstance(value, bool | int):
        raise StreamlitAPIException(f"{kind} value must be a bool, got {value!r}.")
    return bool(value)


@accepts("width", "wrap", "bind", "persist_state")
def checkbox(
    label: str,
    value: bool = False,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> bool:
    """A checkbox; returns whether it is checked.

    Example::

        if fk.checkbox("Show details"):
            fk.write("Details...")
    """
    return _boolean(
        "checkbox", c.Checkbox, label, value, key, help=help, on_change=on_change,
        args=args, kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
    )  # fmt: skip


@accepts("width", "wrap", "bind", "persist_state")
def toggle(
    label: str,
    value: bool = False,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> bool:
    """A toggle switch (a stock ``ToggleButton``); returns whether it is on.

    Example::

        on = fk.toggle("Activate feature")
    """
    return _boolean(
        "toggle", c.ToggleButton, label, value, key, help=help, on_change=on_change,
        args=args, kwargs=kwargs, disabled=disabled, label_visibility=label_visibility,
    )  # fmt: skip


@accepts("width", "bind", "persist_state")
def slider(
    label: str,
    min_value: float | None = None,
    max_value: float | None = None,
    value: Any = None,
    step: float | None = None,
    format: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> Any:
    """A slider over numbers, dates or times; a ``(low, high)`` value makes it a range.

    Example::

        age = fk.slider("How old are you?", 0, 130, 25)
        low, high = fk.slider("Range", 0.0, 100.0, (25.0, 75.0))
    """
    values = value if isinstance(value, list | tuple) else (value,)
    if any(is_temporal(v) for v in (min_value, max_value, *values)):
        return temporal_slider(
            label, min_value, max_value, value, step, format, key=key, help=help,
            on_change=on_change, args=args, kwargs=kwargs, disabled=disabled,
            label_visibility=label_visibility,
        )  # fmt: skip
    numbers = [v for v in (min_value, max_value, step, *values) if v is not None]
    if any(isinstance(v, bool) or not isinstance(v, int | float) for v in numbers):
        raise StreamlitAPIException(
            f'slider "{label}": min_value, max_value, value and step must be numbers.'
        )
    is_float = any(isinstance(v, float) for v in numbers)
    kind = float if is_float else int
    low = kind(min_value if min_value is not None else (0.0 if is_float else 0))
    high = kind(max_value if max_value is not None else (1.0 if is_float else 100))
    if low > high:
        raise StreamlitAPIException(f'slider "{label}": min_value must not exceed max_value.')
    is_range = isinstance(value, list | tuple)
    if is_range and len(value) != 2:
        raise StreamlitAPIException(f'slider "{label}": a range value is a pair (low, high).')
    step_value = kind(step if step is not None else (0.01 if is_float else 1))
    default: Any = (
        tuple(kind(v) for v in value) if is_range else kind(low if value is None else value)
    )

    def check(new: Any) -> Any:
        items = new if is_range else (new,)
        if is_range and (not isinstance(new, list | tuple) or len(new) != 2):
            raise StreamlitAPIException(f'slider "{label}": value must be a pair, got {new!r}.')
        for item in items:
            if isinstance(item, bool) or not isinstance(item, int | float):
                raise StreamlitAPIException(f'slider "{label}": {new!r} is not a number.')
            if not low <= item <= high:
                raise StreamlitAPIException(
                    f'slider "{label}": {new!r} is outside [{low}, {high}].'
                )
        return tuple(kind(i) for i in items) if is_range else kind(new)

    cls: type[widgets.Widget]
    if is_range:
        cls = c.FloatRangeSlider if is_float else c.IntRangeSlider
    else:
        cls = c.FloatSlider if is_float else c.IntSlider

    def make(initial: Any) -> widgets.Widget:
        control = cls(min=low, max=high, step=step_value, value=check(initial))
        if format and is_float and hasattr(control, "readout_format"):
            control.readout_format = format.lstrip("%")
        control.add_class("fragkernel-slider")
        return control

    traits: dict[str, Any] = {"min": low, "max": high, "step": step_value}
    if format and is_float:
        traits["readout_format"] = format.lstrip("%")
    slot = draw(
        "slider", label, key=key, params=(low, high, default, step_value, format),
        make=make, get=_get_value, put=lambda w, v: _set_value(w, check(v)), default=default,
        traits=traits, model=cls,
        on_change=on_change, args=args, kwargs=kwargs, help=help, disabled=disabled,
        label_visibility=label_visibility,
    )  # fmt: skip
    result = slot.value()
    return tuple(result) if is_range else result


def _format(format_func: Callable[[Any], Any]) -> Callable[[Any], str]:
    return lambda option: str(format_func(option))


@accepts("required", "icon", "accept_new_options", "filter_mode", "width", "bind", "persist_state")
def selectbox(
    label: str,
    options: Sequence[Any],
    index: int | None = 0,
    format_func: Callable[[Any], Any] = str,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    placeholder: str = "Choose an option",
    disabled: bool = False,
    label_visibility: str = "visible",
) -> Any:
    """A drop-down; returns the chosen option, or ``None`` when ``index=None`` and unchosen.

    Example::

        option = fk.selectbox("Contact by", ["Email", "Home phone", "Mobile phone"])
    """
    return _choice(
        "selectbox", c.Dropdown, label, options, index, format_func, key, help, on_change,
        args, kwargs, disabled, label_visibility,
    )  # fmt: skip


@accepts("width", "bind", "persist_state")
def radio(
    label: str,
    options: Sequence[Any],
    index: int | None = 0,
    format_func: Callable[[Any], Any] = str,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    horizontal: bool = False,
    captions: Sequence[str] | None = None,
    label_visibility: str = "visible",
) -> Any:
    """Radio buttons; returns the chosen option.

    Example::

        genre = fk.radio("Favourite genre", ["Comedy", "Drama", "Documentary"])
    """
    return _choice(
        "radio", c.RadioButtons, label, options, index, format_func, key, help, on_change,
        args, kwargs, disabled, label_visibility,
    )  # fmt: skip


def _choice(
    kind: str,
    cls: type[widgets.Widget],
    label: str,
    options: Sequence[Any],
    index: int | None,
    format_func: Callable[[Any], Any],
    key: str | None,
    help: str | None,
    on_change: Callback,
    args: tuple[Any, ...] | None,
    kwargs: dict[str, Any] | None,
    disabled: bool,
    label_visibility: str,
) -> Any:
    opts = list(options)
    if index is not None and not (isinstance(index, int) and 0 <= index < max(len(opts), 1)):
        raise StreamlitAPIException(
            f'{kind} "{label}": index={index!r} must be None or in range(0, {len(opts)}).'
        )
    if index is not None and not opts:
        index = None
    shown = _format(format_func)
    labels = [(shown(o), i) for i, o in enumerate(opts)]

    def to_index(value: Any) -> int | None:
        if value is None:
            return None
        for i, option in enumerate(opts):
            if option == value:
                return i
        raise StreamlitAPIException(f'{kind} "{label}": {value!r} is not one of the options.')

    def make(initial: Any) -> widgets.Widget:
        control = cls(options=labels, index=to_index(initial) if initial is not None else None)
        control.none_allowed = index is None
        return control

    def get(control: widgets.Widget) -> Any:
        return None if control.value is None else opts[control.value]

    def put(control: widgets.Widget, value: Any) -> None:
        control.index = to_index(value)

    default = opts[index] if index is not None else None
    slot = draw(
        kind, label, key=key, params=(tuple(t for t, _ in labels), index), make=make, get=get,
        put=put, default=default, traits={"options": tuple(labels), "none_allowed": index is None},
        on_change=on_change,
        args=args, kwargs=kwargs, help=help, disabled=disabled,
        label_visibility=label_visibility,
    )  # fmt: skip
    return slot.value()


@accepts(
    "accept_new_options", "filter_mode", "select_all", "width", "wrap", "bind", "persist_state"
)
def multiselect(
    label: str,
    options: Sequence[Any],
    default: Sequence[Any] | Any | None = None,
    format_func: Callable[[Any], Any] = str,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    max_selections: int | None = None,
    placeholder: str = "Choose an option",
    disabled: bool = False,
    label_visibility: str = "visible",
) -> list[Any]:
    """A multiple selection (a stock ``SelectMultiple``); returns the chosen options as a list.

    Example::

        colors = fk.multiselect("Colours", ["Green", "Yellow", "Red"], ["Yellow"])
    """
    opts = list(options)
    shown = _format(format_func)
    labels = [(shown(o), i) for i, o in enumerate(opts)]

    def to_indices(values: Any) -> tuple[int, ...]:
        if values is None:
            return ()
        items = list(values) if isinstance(values, list | tuple | set) else [values]
        found = []
        for value in items:
            matches = [i for i, o in enumerate(opts) if o == value]
            if not matches:
                raise StreamlitAPIException(
                    f'multiselect "{label}": {value!r} is not one of the options.'
                )
            found.append(matches[0])
        if max_selections is not None and len(found) > max_selections:
            raise StreamlitAPIException(
                f'multiselect "{label}": at most {max_selections} selections are allowed.'
            )
        return tuple(found)

    initial_default = [opts[i] for i in to_indices(default)]

    def make(initial: Any) -> widgets.Widget:
        control = c.SelectMultiple(options=labels, value=to_indices(initial))
        control.max_selections = max_selections
        return control

    def get(control: widgets.Widget) -> list[Any]:
        return [opts[i] for i in control.value]

    def put(control: widgets.Widget, value: Any) -> None:
        control.value = to_indices(value)

    slot = draw(
        "multiselect", label, key=key, params=(tuple(t for t, _ in labels), tuple(
            to_indices(default)), max_selections),
        make=make, traits={"options": tuple(labels), "max_selections": max_selections},
        get=get, put=put, default=initial_default, on_change=on_change, args=args,
        kwargs=kwargs, help=help, disabled=disabled, label_visibility=label_visibility,
    )  # fmt: skip
    return list(slot.value())


@accepts("required", "icon", "width", "bind", "persist_state")
def number_input(
    label: str,
    min_value: float | None = None,
    max_value: float | None = None,
    value: Any = "min",
    step: float | None = None,
    format: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> Any:
    """A number box, bounded where limits are given.

    Example::

        number = fk.number_input("Insert a number", min_value=0, max_value=10)
    """
    start = min_value if value == "min" else value
    numbers = [v for v in (min_value, max_value, step, start) if v is not None]
    is_float = any(isinstance(v, float) for v in numbers)
    kind = float if is_float else int
    if start is None:
        start = kind(0)
    bounded = min_value is not None or max_value is not None
    cls: type[widgets.Widget]
    if bounded:
        cls = c.BoundedFloatText if is_float else c.BoundedIntText
    else:
        cls = c.FloatText if is_float else c.IntText
    options: dict[str, Any] = {
        "step": kind(step if step is not None else (0.01 if is_float else 1))
    }
    if bounded:
        options["min"] = kind(min_value if min_value is not None else -(2**53))
        options["max"] = kind(max_value if max_value is not None else 2**53)

    def check(new: Any) -> Any:
        if isinstance(new, bool) or not isinstance(new, int | float):
            raise StreamlitAPIException(f'number_input "{label}": {new!r} is not a number.')
        if bounded and not options["min"] <= new <= options["max"]:
            raise StreamlitAPIException(
                f'number_input "{label}": {new!r} is outside [{options["min"]}, {options["max"]}].'
            )
        return kind(new)

    slot = draw(
        "number_input", label, key=key, params=(min_value, max_value, start, step, format),
        make=lambda initial: cls(value=check(initial), **options), get=_get_value,
        put=lambda w, v: _set_value(w, check(v)), default=check(start), traits=options,
        model=cls, on_change=on_change,
        args=args, kwargs=kwargs, help=help, disabled=disabled,
        label_visibility=label_visibility,
    )  # fmt: skip
    return slot.value()


def _text(
    kind: str,
    cls: type[widgets.Widget],
    label: str,
    value: str | None,
    max_chars: int | None,
    key: str | None,
    placeholder: str | None,
    **kw: Any,
) -> str:
    if max_chars is not None and (not isinstance(max_chars, int) or max_chars < 1):
        raise StreamlitAPIException(f'{kind} "{label}": max_chars must be a positive int.')

    def check(new: Any) -> str:
        text = "" if new is None else new
        if not isinstance(text, str):
            raise StreamlitAPIException(f'{kind} "{label}": {new!r} is not a string.')
        return text[:max_chars] if max_chars is not None else text

    def make(initial: Any) -> widgets.Widget:
        control = cls(placeholder=placeholder or "")
        control.max_chars = max_chars
        control.value = check(initial)
        control.add_class(f"fragkernel-{kind.replace('_', '-')}")
        return control

    slot = draw(
        kind, label, key=key, params=(value, max_chars, cls.__name__), make=make,
        get=_get_value, put=lambda w, v: _set_value(w, check(v)), default=check(value),
        traits={"placeholder": placeholder or "", "max_chars": max_chars}, model=cls, **kw,
    )  # fmt: skip
    return str(slot.value())


#: Streamlit's text input types, with the placeholder each suggests.
_TEXT_TYPES = {
    "default": None,
    "password": None,
    "email": "you@example.com",
    "url": "https://example.com",
    "phone": None,
    "search": "Search",
}


@accepts("required", "icon", "validate", "live", "width", "bind", "persist_state")
def text_input(
    label: str,
    value: str | None = "",
    max_chars: int | None = None,
    key: str | None = None,
    type: str = "default",
    help: str | None = None,
    autocomplete: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> str:
    """A one-line text box (``type="password"`` hides the text); returns its text.

    ``type`` may also be ``"email"``, ``"url"``, ``"phone"`` or ``"search"`` (a plain text
    box with a fitting placeholder).

    Example::

        title = fk.text_input("Movie title", "Life of Brian")
    """
    if type not in _TEXT_TYPES:
        raise StreamlitAPIException(
            f"text_input type={type!r}: use one of {', '.join(map(repr, _TEXT_TYPES))}."
        )
    cls = c.Password if type == "password" else c.Text
    return _text(
        "text_input", cls, label, value, max_chars, key, placeholder or _TEXT_TYPES[type],
        help=help,
        on_change=on_change, args=args, kwargs=kwargs, disabled=disabled,
        label_visibility=label_visibility,
    )  # fmt: skip


@accepts("required", "width", "bind", "persist_state")
def text_area(
    label: str,
    value: str | None = "",
    height: int | None = None,
    max_chars: int | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> str:
    """A multi-line text box; returns its text.

    Example::

        txt = fk.text_area("Text to analyse", "It was the best of times...")
    """
    return _text(
        "text_area", c.Textarea, label, value, max_chars, key, placeholder, help=help,
        on_change=on_change, args=args, kwargs=kwargs, disabled=disabled,
        label_visibility=label_visibility,
    )  # fmt: skip


@dataclass(frozen=True)
class UploadedFile:
    """A file received from ``file_uploader``: like Streamlit's, a read-only byte buffer."""

    name: str
    type: str
    size: int
    data: bytes

    def getvalue(self) -> bytes:
        """The whole content."""
        return self.data

    def read(self) -> bytes:
        """The whole content (files are small enough to hold in memory)."""
        return self.data


@accepts("width")
def file_uploader(
    label: str,
    type: str | Sequence[str] | None = None,
    accept_multiple_files: bool = False,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    max_upload_size: int | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> UploadedFile | list[UploadedFile] | None:
    """A file upload button; returns the uploaded file(s), ``None`` (or ``[]``) before any.

    Type and size limits are checked in the kernel: a file of a type not in ``type`` or
    larger than ``max_upload_size`` megabytes (default :data:`MAX_UPLOAD_MB`) is refused
    with a message, and never returned.

    Example::

        uploaded = fk.file_uploader("Choose a CSV file", type="csv")
        if uploaded is not None:
            fk.write(uploaded.name)
    """
    limit_mb = MAX_UPLOAD_MB if max_upload_size is None else float(max_upload_size)
    if not limit_mb > 0:
        raise StreamlitAPIException(f'file_uploader "{label}": max_upload_size must be > 0.')
    allowed = [type] if isinstance(type, str) else list(type or [])
    suffixes = tuple("." + t.lower().lstrip(".") for t in allowed)

    def make(_: Any) -> widgets.Widget:
        control = c.FileUpload(multiple=bool(accept_multiple_files))
        if suffixes:
            control.accept = ",".join(suffixes)
        control.add_class("fragkernel-file-uploader")
        return control

    def accept(item: dict[str, Any]) -> UploadedFile | str:
        """The file, or why it is refused."""
        name = str(item.get("name", ""))
        content = bytes(item.get("content", b""))
        if suffixes and not name.lower().endswith(suffixes):
            return f"{name}: only {', '.join(suffixes)} files are accepted"
        if len(content) > limit_mb * 1024 * 1024:
            return f"{name}: {len(content) / 1024 / 1024:.1f} MB is over the {limit_mb:g} MB limit"
        mime = str(item.get("type") or mimetypes.guess_type(name)[0] or "")
        return UploadedFile(name, mime, len(content), content)

    def get(control: widgets.Widget) -> Any:
        files = [f for f in map(accept, control.value) if isinstance(f, UploadedFile)]
        if accept_multiple_files:
            return files
        return files[0] if files else None

    slot = draw(
        "file_uploader", label, key=key, params=(tuple(suffixes), bool(accept_multiple_files)),
        make=make, get=get, put=lambda *_: None, default=None, on_change=on_change, args=args,
        kwargs=kwargs, help=help, disabled=disabled, label_visibility=label_visibility,
        settable=False,
    )  # fmt: skip
    refused = [r for r in map(accept, slot.control.value) if isinstance(r, str)]
    if refused:
        error("Not uploaded:\n" + "\n".join(refused))
    return slot.value()  # type: ignore[no-any-return]
