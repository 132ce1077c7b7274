"""Button choices: pills, segmented controls, feedback, pages, menus, links (SPEC E5, W1).

``pills``, ``segmented_control``, ``feedback``, ``pagination``, ``menu_button`` and
``link_button``.

``pills``, ``segmented_control``, ``feedback`` and a short ``pagination`` draw a
:class:`ButtonRow`: a stock ``HBox`` of stock ``ToggleButton`` controls, one per option, for
both selection modes. A row of toggles (rather than a ``ToggleButtons``) lets a person click
a chosen option again to clear it, as in Streamlit, and choose several in ``"multi"`` mode;
the kernel keeps the row consistent (one option at most in ``"single"`` mode, none cleared
when ``required=True``).
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets
import traitlets

from .._compat import accepts
from .._errors import StreamlitAPIException
from .._frontend import controls as c
from .._runtime import forms
from .._runtime.context import get_runtime
from .._runtime.slots import Callback, draw, store_value
from .._runtime.tree import close_model
from .display import _display

#: What ``feedback`` shows, left to right, with the value each option returns.
FEEDBACK = {
    "thumbs": (("👍", 1), ("👎", 0)),
    "faces": (("😞", 0), ("🙁", 1), ("😐", 2), ("🙂", 3), ("😀", 4)),
    "stars": (("☆", 0), ("☆", 1), ("☆", 2), ("☆", 3), ("☆", 4)),
}


class ButtonRow(c.HBox):
    """Toggle buttons in a row; ``value`` (kernel side only) is an index, or a tuple of them."""

    value = traitlets.Any(None)
    labels = traitlets.Tuple()
    multi = traitlets.Bool(False)
    required = traitlets.Bool(False)
    stars = traitlets.Bool(False)
    description = traitlets.Unicode("")
    disabled = traitlets.Bool(False)
    #: A box has no style model; the row's buttons carry their own.
    style: Any = None

    def __init__(self, **kwargs: Any) -> None:
        self._buttons: list[widgets.Widget] = []
        self._label = c.Label()
        self._syncing = False
        super().__init__(**kwargs)
        self.layout.flex_flow = "row wrap"
        self.add_class("fragkernel-button-row")
        if not self._buttons:
            self._rebuild()

    @traitlets.validate("value")
    def _check(self, proposal: dict[str, Any]) -> Any:
        value = proposal["value"]
        count = len(self.labels)
        items = value if isinstance(value, tuple) else () if value is None else (value,)
        if any(not isinstance(i, int) or not 0 <= i < count for i in items):
            raise traitlets.TraitError(f"{value!r} is not an option index")
        if self.multi:
            return tuple(sorted(set(items)))
        return items[0] if items else None

    @traitlets.observe("labels")
    def _relabel(self, change: dict[str, Any]) -> None:
        if len(change["old"] or ()) == len(change["new"]) and self._buttons:
            self._show()
        else:
            self._rebuild()

    @traitlets.observe("value", "stars", "disabled", "description")
    def _refresh(self, change: dict[str, Any]) -> None:
        self._show()

    def _rebuild(self) -> None:
        for button in self._buttons:
            button.unobserve(self._clicked, "value")
            close_model(button)
        self._buttons = []
        for _ in self.labels:
            button = c.ToggleButton(layout=widgets.Layout(width="auto"))
            button.observe(self._clicked, "value")
            self._buttons.append(button)
        self._show()

    def chosen(self) -> tuple[int, ...]:
        """The chosen indices."""
        value = self.value
        return value if isinstance(value, tuple) else () if value is None else (value,)

    def _show(self) -> None:
        chosen = self.chosen()
        self._syncing = True
        try:
            for i, (button, label) in enumerate(zip(self._buttons, self.labels, strict=False)):
                on = i in chosen or (self.stars and bool(chosen) and i <= chosen[0])
                button.description = "★" if self.stars and on else str(label)
                button.value = i in chosen
                button.disabled = self.disabled
                button.button_style = "info" if on else ""
        finally:
            self._syncing = False
        self._label.value = self.description
        children = ([self._label] if self.description else []) + self._buttons
        if list(getattr(self, "children", ())) != children:
            self.children = children

    def _clicked(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        if self.disabled:  # a front end may not change a disabled element (U1)
            self._show()
            return
        index = self._buttons.index(change["owner"])
        chosen = set(self.chosen())
        if change["new"]:
            chosen = chosen | {index} if self.multi else {index}
        elif self.required and not self.multi:
            self._show()  # refused: a required choice cannot be cleared (U1)
            return
        else:
            chosen.discard(index)
        self.value = tuple(sorted(chosen)) if self.multi else next(iter(chosen), None)
        self._show()

    def close(self) -> None:
        """Close the buttons and the label with the row (again: nothing more)."""
        buttons, self._buttons = getattr(self, "_buttons", []), []
        for button in buttons:
            button.unobserve(self._clicked, "value")
            close_model(button)
        if hasattr(self, "_label"):
            close_model(self._label)
        super().close()


def _on_change(on_change: Callback | str) -> Callback | str:
    if on_change is None or on_change == "rerun":
        return None
    if on_change == "ignore" or callable(on_change):
        return on_change
    raise StreamlitAPIException(f'on_change={on_change!r}: pass a callable, "rerun" or "ignore".')


def _row(
    kind: str,
    label: str,
    labels: Sequence[str],
    *,
    multi: bool,
    required: bool,
    default: Any,
    key: Any,
    params: tuple[Any, ...],
    to_value: Callable[[Any], Any],
    to_index: Callable[[Any], Any],
    stars: bool = False,
    **kw: Any,
) -> Any:
    def make(initial: Any) -> widgets.Widget:
        row = ButtonRow(labels=tuple(labels), multi=multi, required=required, stars=stars)
        row.value = to_index(initial)
        return row

    slot = draw(
        kind, label, key=key, params=(multi, required, *params), make=make,
        get=lambda row: to_value(row.value), put=lambda row, v: setattr(row, "value", to_index(v)),
        default=default, traits={"labels": tuple(labels), "multi": multi, "required": required},
        **kw,
    )  # fmt: skip
    return slot.value()


def _group(
    kind: str,
    label: str,
    options: Sequence[Any],
    selection_mode: str,
    default: Any,
    required: bool,
    format_func: Callable[[Any], Any] | None,
    **kw: Any,
) -> Any:
    if selection_mode not in ("single", "multi"):
        raise StreamlitAPIException(
            f"Invalid value for selection_mode. Valid values are: 'single', 'multi'. "
            f"Got {selection_mode!r}."
        )
    multi = selection_mode == "multi"
    if required and multi:
        raise StreamlitAPIException(
            "The parameters required=True and selection_mode='multi' are incompatible: "
            "`required` is only supported for single-select mode."
        )
    opts = list(options)
    show = format_func or str
    labels = [str(show(o)) for o in opts]

    def index_of(value: Any) -> int:
        for i, option in enumerate(opts):
            if option == value:
                return i
        raise StreamlitAPIException(f'{kind} "{label}": {value!r} is not one of the options.')

    def to_index(value: Any) -> Any:
        if multi:
            items = [] if value is None else (
                list(value) if isinstance(value, list | tuple | set) else [value])  # fmt: skip
            return tuple(sorted({index_of(v) for v in items}))
        return None if value is None else index_of(value)

    def to_value(index: Any) -> Any:
        if multi:
            return [opts[i] for i in index or ()]
        return None if index is None else opts[index]

    if not multi and isinstance(default, list | tuple):
        if len(default) > 1:
            raise StreamlitAPIException(
                f"The default argument to `st.{kind}` must be a single value when "
                "`selection_mode='single'`."
            )
        default = default[0] if default else None
    start = to_value(to_index(default))
    return _row(
        kind, label, labels, multi=multi, required=required, default=start, to_value=to_value,
        to_index=to_index, params=(tuple(labels), repr(start)), **kw,
    )  # fmt: skip


@accepts("width", "wrap", "bind", "persist_state")
def pills(
    label: str,
    options: Sequence[Any],
    *,
    selection_mode: str = "single",
    default: Any = None,
    required: bool = False,
    format_func: Callable[[Any], Any] | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | str = "rerun",
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> Any:
    """Pill buttons: the chosen option (``None`` when none), or a list in ``"multi"`` mode.

    Click a chosen pill again to clear it (unless ``required=True``).

    Example::

        selection = fk.pills("Directions", ["North", "East", "South", "West"],
                             selection_mode="multi")
    """
    return _group(
        "pills", label, options, selection_mode, default, required, format_func, key=key,
        help=help, on_change=_on_change(on_change), args=args, kwargs=kwargs, disabled=disabled,
        label_visibility=label_visibility,
    )  # fmt: skip


@accepts("width", "wrap", "bind", "persist_state")
def segmented_control(
    label: str,
    options: Sequence[Any],
    *,
    selection_mode: str = "single",
    default: Any = None,
    required: bool = False,
    format_func: Callable[[Any], Any] | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | str = "rerun",
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> Any:
    """A segmented button group: like ``pills``, drawn as a row of toggle buttons.

    Example::

        selection = fk.segmented_control("Directions", ["North", "East", "South", "West"])
    """
    return _group(
        "segmented_control", label, options, selection_mode, default, required, format_func,
        key=key, help=help, on_change=_on_change(on_change), args=args, kwargs=kwargs,
        disabled=disabled, label_visibility=label_visibility,
    )  # fmt: skip


@accepts("width", "bind", "persist_state")
def feedback(
    options: str = "thumbs",
    *,
    key: str | None = None,
    default: int | None = None,
    disabled: bool = False,
    on_change: Callback | str = "rerun",
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
) -> int | None:
    """Thumbs, faces or stars; returns the index chosen (0 = worst), or ``None``.

    Example::

        selected = fk.feedback("stars")
        if selected is not None:
            fk.write(f"You gave {selected + 1} stars")
    """
    if options not in FEEDBACK:
        raise StreamlitAPIException(
            f"Invalid value for options. Valid values are: 'thumbs', 'faces', 'stars'. "
            f"Got {options!r}."
        )
    shown = FEEDBACK[options]
    count = len(shown)
    if default is not None and not (isinstance(default, int) and 0 <= default < count):
        raise StreamlitAPIException(
            f"The value {default!r} is out of range for default: it must be between 0 and "
            f"{count - 1}."
        )
    values = [v for _, v in shown]

    def to_index(value: Any) -> int | None:
        if value is None:
            return None
        if value not in values:
            raise StreamlitAPIException(f"feedback: {value!r} is not between 0 and {count - 1}.")
        return values.index(value)

    result = _row(
        "feedback", "", [t for t, _ in shown], multi=False, required=False, default=default,
        key=key, params=(options, default), to_value=lambda i: None if i is None else values[i],
        to_index=to_index, stars=options == "stars", on_change=_on_change(on_change),
        args=args, kwargs=kwargs, disabled=disabled, label_visibility="collapsed",
    )  # fmt: skip
    return result  # type: ignore[no-any-return]


@accepts("width", "bind", "persist_state")
def pagination(
    num_pages: int,
    *,
    default: int = 1,
    max_visible_pages: int | None = 7,
    key: str | None = None,
    on_change: Callback | str = "rerun",
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    disabled: bool = False,
) -> int:
    """Page buttons; returns the current page (from 1).

    Up to ``max_visible_pages`` pages show as a row of buttons; more as a page number box
    (a stock ``BoundedIntText``), since a row that scrolls its window needs front-end code.

    Example::

        page = fk.pagination(10)
        fk.write(f"Page {page}")
    """
    if isinstance(num_pages, bool) or not isinstance(num_pages, int) or num_pages < 1:
        raise StreamlitAPIException(f"pagination num_pages={num_pages!r}: a positive int.")
    if isinstance(default, bool) or not isinstance(default, int) or not 1 <= default <= num_pages:
        raise StreamlitAPIException(
            f"pagination default={default!r}: a page between 1 and {num_pages}."
        )
    if max_visible_pages is not None and (
        isinstance(max_visible_pages, bool)
        or not isinstance(max_visible_pages, int)
        or max_visible_pages < 1
    ):
        raise StreamlitAPIException(
            f"pagination max_visible_pages={max_visible_pages!r}: None or a positive int."
        )
    common: dict[str, Any] = {
        "key": key, "on_change": _on_change(on_change), "args": args, "kwargs": kwargs,
        "disabled": disabled, "label_visibility": "collapsed",
    }  # fmt: skip

    def page(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= num_pages:
            raise StreamlitAPIException(f"pagination: {value!r} is not a page of 1..{num_pages}.")
        return value

    if max_visible_pages is None or num_pages <= max_visible_pages:
        result = _row(
            "pagination", "", [str(p) for p in range(1, num_pages + 1)], multi=False,
            required=True, default=default, params=(num_pages, default),
            to_value=lambda i: 1 if i is None else i + 1, to_index=lambda v: page(v) - 1,
            **common,
        )  # fmt: skip
        return int(result)

    def make(initial: Any) -> widgets.Widget:
        return c.BoundedIntText(value=page(initial), min=1, max=num_pages,
                                layout=widgets.Layout(width="8rem"))  # fmt: skip

    slot = draw(
        "pagination", "", params=(num_pages, default), make=make,
        get=lambda w: int(w.value), put=lambda w, v: setattr(w, "value", page(v)),
        default=default, traits={"max": num_pages}, model=c.BoundedIntText, **common,
    )  # fmt: skip
    return int(slot.value())


@accepts("width", "wrap")
def menu_button(
    label: str,
    options: Sequence[Any],
    *,
    key: str | None = None,
    help: str | None = None,
    on_click: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    type: str = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    format_func: Callable[[Any], Any] = str,
) -> Any:
    """A menu (a stock ``Dropdown``): the option chosen, in the run the choice caused only.

    Else ``None``; the menu then shows no choice again.

    Example::

        action = fk.menu_button("Export", ["CSV", "JSON", "PDF"])
        if action:
            fk.write(f"Exporting as {action}")
    """
    if type not in ("primary", "secondary", "tertiary"):
        raise StreamlitAPIException(
            "Invalid `type` value. Supported values: 'primary', 'secondary', 'tertiary'."
        )
    if forms.current() is not None:
        raise StreamlitAPIException(
            "`st.menu_button()` can't be used in an `st.form()`." + forms.DOCS
        )
    opts = list(options)
    labels = [(str(format_func(o)), i) for i, o in enumerate(opts)]

    def make(_: Any) -> widgets.Widget:
        control = c.Dropdown(options=labels, index=None)
        control.add_class("fragkernel-menu-button")
        return control

    slot = draw(
        "menu_button", f"{icon} {label}" if icon else label, key=key,
        params=(tuple(t for t, _ in labels),), make=make,
        get=lambda w: None if w.value is None else opts[w.value],
        put=lambda w, _: setattr(w, "index", None), default=None,
        traits={"options": tuple(labels)}, on_change=on_click, args=args, kwargs=kwargs,
        help=help, disabled=disabled, settable=False, stores=False,
    )  # fmt: skip
    chosen = slot.value()
    if chosen is not None:
        slot.show(None)  # a menu, not a selection: it is chosen once
    if key is not None:
        store_value(get_runtime().owner(), str(key), chosen)
    return chosen


#: Link targets a link button may open: no ``javascript:`` or ``data:`` (U2).
_SAFE_LINK = re.compile(r"^(https?:|mailto:|/|\.{0,2}/|#|\?|[^:/?#]+(?:[/?#]|$))", re.I)


def link_html(label: str, url: str, kind: str, icon: str | None, disabled: bool) -> str:
    """A link styled as a button; the label and the URL are escaped (U2)."""
    primary = kind == "primary"
    style = (
        "display:inline-block;padding:0.3em 0.9em;border-radius:0.4em;text-decoration:none;"
        + ("background:#1976d2;color:white;" if primary else
           "border:1px solid var(--jp-border-color1, #ccc);color:inherit;")
        + ("opacity:0.5;pointer-events:none;" if disabled else "")
    )  # fmt: skip
    text = _html.escape(f"{icon} {label}" if icon else label)
    return (
        f'<a class="fragkernel-link-button" href="{_html.escape(url)}" target="_blank" '
        f'rel="noopener noreferrer" style="{style}"'
        + (' aria-disabled="true"' if disabled else "")
        + f">{text}</a>"
    )


@accepts("icon_position", "width", "shortcut", "wrap")
def link_button(
    label: str,
    url: str,
    *,
    key: str | None = None,
    on_click: Callback | str = "ignore",
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    help: str | None = None,
    type: str = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    use_container_width: bool | None = None,
) -> bool | None:
    """A link that looks like a button and opens ``url`` in a new tab.

    The click happens in the browser only (a link, no kernel round trip), so ``on_click``
    never runs: with ``on_click`` other than ``"ignore"`` it returns ``False``, else ``None``.

    Example::

        fk.link_button("Go to gallery", "https://streamlit.io/gallery")
    """
    if type not in ("primary", "secondary", "tertiary"):
        raise StreamlitAPIException(
            "Invalid `type` value. Supported values: 'primary', 'secondary', 'tertiary'."
        )
    if not _SAFE_LINK.match(str(url)):
        raise StreamlitAPIException(
            f"link_button url={url!r}: use an http(s) or mailto URL, or a relative path."
        )
    source = link_html(str(label), str(url), type, icon, disabled)
    if help:
        source = source.replace("<a ", f'<a title="{_html.escape(str(help))}" ', 1)
    if use_container_width:
        source = source.replace("display:inline-block;", "display:block;text-align:center;", 1)
    _display({"text/html": source, "text/plain": f"{label} <{url}>"})
    return None if on_click == "ignore" else False
