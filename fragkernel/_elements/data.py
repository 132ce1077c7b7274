"""Data elements: ``dataframe`` (an interactive grid) and ``data_editor`` (SPEC D1, D2).

Both draw one :class:`~fragkernel._frontend.grid.GridWidget`. The browser gets the schema,
the row count and the first rows; it asks the kernel for more as it scrolls, and the kernel
sorts the full frame. A rerun that passes the same frame sends nothing for it.

``dataframe(on_select="rerun")`` and ``data_editor`` are widgets (identity, ``key=``,
callbacks, reruns: :func:`fragkernel._runtime.slots.draw`); a plain ``dataframe`` is an
element that keeps its model across reruns by position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .._data import edits as ed
from .._data.columns import INDEX
from .._data.fingerprint import Fingerprint
from .._data.frames import to_frame
from .._data.grid import (
    ROW_MODES,
    DataframeSelectionState,
    DataframeState,
    build_columns,
    check_selection,
    empty_selection,
    selection_modes,
    structure,
    whole_number,
)
from .._errors import StreamlitAPIException
from .._runtime import placement
from .._runtime.slots import draw, store_value
from .._runtime.tree import Element, close_model

if TYPE_CHECKING:
    import pandas as pd

    from .._frontend.grid import GridWidget

NUM_ROWS = ("fixed", "dynamic", "add", "delete")


class GridElement(Element):
    """A read-only grid drawn at a position (``dataframe`` without ``on_select``)."""

    def __init__(self, widget: GridWidget) -> None:
        self.widget: GridWidget = widget

    def close(self) -> None:
        """Drop the frame and close the model."""
        self.widget.forget()
        close_model(self.widget)


def _layout(
    width: Any, height: Any, use_container_width: bool | None, row_height: int | None
) -> dict[str, Any]:
    if use_container_width is not None:
        width = "stretch" if use_container_width else (width if isinstance(width, int)
                                                       else "content")  # fmt: skip
    if not (width in ("stretch", "content") or _pixels(width)):
        raise StreamlitAPIException(
            f"Invalid width value: {width!r}. Width must be either an integer (pixels), "
            "'stretch', or 'content'."
        )
    if not (height in ("auto", "content", "stretch") or _pixels(height)):
        raise StreamlitAPIException(
            f"Invalid height value: {height!r}. Height must be either an integer (pixels), "
            "'auto', 'content', or 'stretch'."
        )
    if row_height is not None and not _pixels(row_height):
        raise StreamlitAPIException(f"row_height must be a positive int, got {row_height!r}.")
    return {"width": width, "height": height, "row_height": row_height}


def _pixels(value: Any) -> bool:
    return whole_number(value) and value > 0


def _options(layout: dict[str, Any], placeholder: str | None, alt: str | None,
             **more: Any) -> dict[str, Any]:  # fmt: skip
    label = alt.strip() if isinstance(alt, str) and alt.strip() else None
    return {**layout, "placeholder": placeholder, "alt": label, **more}


def dataframe(
    data: Any = None,
    width: int | str = "stretch",
    height: int | str = "auto",
    *,
    use_container_width: bool | None = None,
    hide_index: bool | None = None,
    column_order: Iterable[str] | None = None,
    column_config: Any = None,
    key: str | int | None = None,
    on_select: str | Callable[..., Any] = "ignore",
    selection_mode: str | Iterable[str] = "multi-row",
    selection_default: Any = None,
    row_height: int | None = None,
    placeholder: str | None = None,
    lazy: bool | None = None,
    alt: str | None = None,
) -> Any:
    """Draw data as an interactive grid: every row reachable by scrolling, sortable, selectable.

    Rows travel as the browser needs them, so the first draw of any frame is small, and a
    rerun that passes the same frame sends nothing. ``lazy`` is accepted: every frame is
    sent lazily. With ``on_select="rerun"`` (or a callback), selecting rows, columns or
    cells reruns the fragment, and the call returns Streamlit's selection object.

    Example::

        event = fk.dataframe(df, on_select="rerun", selection_mode="multi-row")
        fk.write(event.selection.rows)
    """
    if not (on_select in ("ignore", "rerun") or callable(on_select)):
        raise StreamlitAPIException(
            f"You have passed {on_select!r} to `on_select`. But only 'ignore', 'rerun', or a "
            "callable is supported."
        )
    selecting = on_select != "ignore"
    if selection_default is not None and not selecting:
        raise StreamlitAPIException(
            "selection_default cannot be used with on_select='ignore': set `on_select` to "
            "`'rerun'` or a callback to use `selection_default`."
        )
    frame = to_frame(data)
    layout = _layout(width, height, use_container_width, row_height)
    modes = selection_modes(selection_mode) if selecting else frozenset()
    import pandas as pd

    if selecting and hide_index is None and _range_index(frame, pd) and modes & ROW_MODES:
        hide_index = True  # as Streamlit: selectable rows need no range index
    columns = build_columns(frame, column_config, column_order=column_order,
                            hide_index=hide_index)  # fmt: skip
    column_selection = bool(modes & {"single-column", "multi-column"})
    options = _options(layout, placeholder, alt, selection_modes=sorted(modes),
                       sortable=not column_selection, editable=False)  # fmt: skip
    from .._frontend.grid import GridWidget

    if not selecting:
        element = placement.draw_leaf(
            "dataframe", lambda: GridElement(GridWidget.create(frame, columns, options))
        )
        element.widget.show(frame, columns, options)
        return None
    rows = len(frame)
    names = [str(c) for c in frame.columns]

    def checked(value: Any) -> DataframeState:
        return check_selection(value, rows, names, modes)

    default = (
        checked(selection_default) if selection_default is not None else checked(empty_selection())
    )

    def make(initial: Any) -> GridWidget:
        return GridWidget.create(frame, columns, options, modes=modes, value=checked(initial))

    def put(control: Any, value: Any) -> None:
        state = checked(value)
        control.selection = state
        control.value = state

    params = (repr(Fingerprint.of(frame)), sorted(modes), repr(column_order), repr(column_config))
    slot = draw(
        "dataframe", "", key=None if key is None else str(key), params=params, make=make,
        get=lambda control: control.value, put=put, default=default,
        on_change=on_select if callable(on_select) else None, trait="value",
    )  # fmt: skip
    control: GridWidget = slot.control
    control.modes = modes
    state = checked(slot.value())
    if state != slot.value():  # the data changed under a kept selection: drop what is gone
        slot.show(state)
        if key is not None:
            store_value(slot.owner, str(key), state)
    control.show(frame, columns, options)
    selection = state["selection"]
    return DataframeState(
        selection=DataframeSelectionState(
            rows=list(selection["rows"]),
            columns=list(selection["columns"]),
            cells=[tuple(c) for c in selection["cells"]],
        )
    )


def _range_index(frame: pd.DataFrame, pd: Any) -> bool:
    return isinstance(frame.index, pd.RangeIndex)


def data_editor(
    data: Any,
    *,
    width: int | str = "stretch",
    height: int | str = "auto",
    use_container_width: bool | None = None,
    hide_index: bool | None = None,
    column_order: Iterable[str] | None = None,
    column_config: Any = None,
    num_rows: str = "fixed",
    disabled: bool | Iterable[str | int] = False,
    key: str | int | None = None,
    on_change: Callable[..., Any] | str | None = "rerun",
    args: tuple[Any, ...] | list[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    row_height: int | None = None,
    placeholder: str | None = None,
    alt: str | None = None,
) -> Any:
    """Draw data as an editable grid; returns the edited data, in the type it came in.

    Cells are edited by column type (a word in a number column is refused with a message in
    the cell); ``num_rows="dynamic"`` lets the user add and delete rows; ``disabled`` makes
    all (True) or some columns read-only. The key holds Streamlit's edit dict
    (``edited_rows``, ``added_rows``, ``deleted_rows``); edits survive reruns.

    Example::

        edited = fk.data_editor(df, num_rows="dynamic", key="edits")
        fk.write(fk.session_state.edits)
    """
    import pandas as pd

    if not (on_change in ("rerun", "ignore", None) or callable(on_change)):
        raise StreamlitAPIException(
            f"You have passed {on_change!r} to `on_change`. But only 'rerun', 'ignore', "
            "None, or a callable is supported."
        )
    if num_rows not in NUM_ROWS:
        raise StreamlitAPIException(
            f"num_rows={num_rows!r}: use one of {', '.join(repr(n) for n in NUM_ROWS)}."
        )
    frame = to_frame(data)
    _check_editable(frame, pd)
    layout = _layout(width, height, use_container_width, row_height)
    range_index = _range_index(frame, pd)
    if hide_index is None and range_index and num_rows in ("dynamic", "add"):
        hide_index = True
    if range_index and not isinstance(disabled, bool):
        disabled = [*disabled, INDEX]  # a range index numbers the rows: not for editing
    elif range_index and disabled is False:
        disabled = [INDEX]
    columns = build_columns(frame, column_config, column_order=column_order,
                            hide_index=hide_index, editable=True, disabled=disabled)  # fmt: skip
    all_disabled = disabled is True
    options = _options(layout, placeholder, alt, selection_modes=[], editable=not all_disabled,
                       num_rows=num_rows, sortable=num_rows in ("fixed", "delete"))  # fmt: skip
    fixed = num_rows == "fixed"
    # Edits live on while the data keeps its structure (keyed, fixed rows: as Streamlit);
    # otherwise a change of the data starts over.
    signature = repr(
        (structure(frame), repr(disabled))
        if key is not None and fixed else Fingerprint.of(frame)
    )  # fmt: skip
    editing = {"num_rows": num_rows, "disabled": all_disabled}

    def make(_: Any) -> GridWidget:
        from .._frontend.grid import GridWidget

        control = GridWidget.create(frame, columns, options, editing=editing,
                                    value=ed.empty_edits())  # fmt: skip
        control.signature = signature
        return control

    def put(control: Any, value: Any) -> None:
        control.value = ed.copy_state(value)

    callback: Callable[..., Any] | str | None = on_change if callable(on_change) else (
        "ignore" if on_change == "ignore" else None
    )  # fmt: skip
    slot = draw(
        "data_editor", "", key=None if key is None else str(key),
        params=(signature, num_rows, repr(column_order), repr(column_config)), make=make,
        get=lambda control: control.value, put=put, default=ed.empty_edits(),
        on_change=callback, args=tuple(args) if args is not None else None, kwargs=kwargs,
        settable=False, trait="value",
    )  # fmt: skip
    control: GridWidget = slot.control
    control.editing = editing
    reset = getattr(control, "signature", None) != signature
    if reset:  # the data's structure changed: its edits no longer apply
        control.signature = signature
        slot.show(ed.empty_edits())
        if key is not None:
            store_value(slot.owner, str(key), ed.copy_state(control.value))
    if not control.show(frame, columns, options) and reset:
        control.refresh()
    view = control.view
    assert view is not None
    return ed.to_format(view.frame.copy(), data)


def _check_editable(frame: pd.DataFrame, pd: Any) -> None:
    """Refuse what the editor cannot edit, with Streamlit's messages."""
    if type(frame.index) not in (pd.RangeIndex, pd.Index, pd.DatetimeIndex, pd.CategoricalIndex):
        raise StreamlitAPIException(
            f"The type of the dataframe index - {type(frame.index).__name__} - is not yet "
            "supported by the data editor."
        )
    duplicated = list(frame.columns[frame.columns.duplicated()])
    if duplicated:
        raise StreamlitAPIException(
            "All column names are required to be unique for usage with data editor. The "
            f"following column names are duplicated: {duplicated}. Please rename the "
            "duplicated columns in the provided data."
        )
    if INDEX in frame.columns:
        raise StreamlitAPIException(
            f"The column name '{INDEX}' is reserved for the index column and can't be used "
            "for data columns. Please rename the column in the provided data."
        )
