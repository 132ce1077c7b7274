"""Layout elements: ``container``, ``columns``, ``tabs``, ``expander``, ``empty``, ``sidebar``.

Each returns a :class:`Block`: a handle on a container that is a context manager (``with
col:``) and has every element as a method (``col.button("Go")``), as Streamlit's containers
do.
"""

from __future__ import annotations

import contextlib
import functools
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets

from .._compat import accepts
from .._errors import StreamlitAPIException
from .._frontend import controls
from .._runtime import capture, placement, slots
from .._runtime.context import get_runtime
from .._runtime.tree import Container

#: Element functions that containers expose as methods; filled by ``fragkernel/__init__``.
ELEMENTS: dict[str, Callable[..., Any]] = {}
_GAPS = {"small": "1rem", "medium": "2rem", "large": "4rem", None: "0"}


class Block:
    """A container handle: ``with block:`` draws into it, ``block.NAME(...)`` too."""

    def __init__(self, resolve: Callable[[], Container], *, replace: bool = False) -> None:
        self._resolve = resolve
        self._replace = replace
        self._entered: list[contextlib.AbstractContextManager[Container]] = []

    @contextmanager
    def _inside(self) -> Iterator[Container]:
        container = self._resolve()
        # In a plain cell, print() and display() inside `with block:` land in it too (F25).
        with get_runtime().inside(container), capture.capturing():
            yield container
        if self._replace:
            run = get_runtime().run
            if run is not None:
                run.commit()  # a placeholder is updated to be seen now
            else:
                container.commit()

    def __enter__(self) -> Block:
        entered = self._inside()
        entered.__enter__()
        self._entered.append(entered)  # a stack: `with` on the same block may nest
        return self

    def __exit__(self, *exc: object) -> None:
        self._entered.pop().__exit__(None, None, None)
        container = self._resolve()
        if container.settle():  # drawn again (a placeholder's, in a loop): the rest goes
            container.commit()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        element = ELEMENTS.get(name)
        if element is None:
            raise AttributeError(f"containers have no element {name!r}")

        @functools.wraps(element)
        def method(*args: Any, **kwargs: Any) -> Any:
            with self._inside():
                return element(*args, **kwargs)

        return method

    def empty(self) -> Block:
        """On a placeholder, show nothing; on any other container, make a placeholder in it.

        As in Streamlit, ``placeholder.empty()`` clears and ``container.empty()`` adds (F24).
        """
        if not self._replace:
            with self._inside():
                return empty()
        with self._inside() as container:
            container.clear_draw()
            container.commit()
        return self

    def __repr__(self) -> str:
        return f"<fragkernel container {self._resolve().kind}>"


def _column(weight: float, owner: object) -> Container:
    return _vbox(owner, "column", flex=f"{weight:g} 1 0%", min_width="0")


def _fixed(container: Container) -> Callable[[], Container]:
    return lambda: container


def _vbox(owner: object, kind: str = "container", **layout: Any) -> Container:
    box = controls.VBox(layout=widgets.Layout(**layout))
    box.add_class(f"fragkernel-{kind.split(':')[0]}")
    return Container(box, owner, kind)


@accepts(
    "width", "horizontal", "wrap", "horizontal_alignment", "vertical_alignment", "gap", "autoscroll"
)
def container(
    *, border: bool | None = None, height: int | None = None, key: str | None = None
) -> Block:
    """A container to draw into, in order, from anywhere (``with c:`` or ``c.write(...)``).

    Example::

        c = fk.container(border=True)
        c.write("This is inside the container")
    """
    layout: dict[str, Any] = {}
    if border:
        layout["border"] = "1px solid var(--jp-border-color1, #ccc)"
        layout["padding"] = "0.5rem"
    if height is not None:
        layout["height"] = f"{int(height)}px"
        layout["overflow"] = "auto"
    kind = f"container:{bool(border)}:{height}"
    drawn = placement.draw_container(kind, lambda owner: _vbox(owner, kind, **layout))
    return Block(_fixed(drawn))


def empty() -> Block:
    """A placeholder holding one element: each element drawn into it replaces the last.

    Example::

        placeholder = fk.empty()
        placeholder.text("Working...")
        placeholder.success("Done")
    """
    drawn = placement.draw_container("empty", _placeholder)
    return Block(_fixed(drawn), replace=True)


def _placeholder(owner: object) -> Container:
    container = _vbox(owner, "empty")
    container.single = True
    return container


@accepts("vertical_alignment", "border", "width", "wrap")
def columns(spec: int | Sequence[float], *, gap: str | None = "small") -> list[Block]:
    """Columns side by side: ``spec`` is a count or a list of relative widths.

    Example::

        left, right = fk.columns([2, 1])
        left.write("wide")
        right.write("narrow")
    """
    if isinstance(spec, int) and not isinstance(spec, bool):
        weights = [1.0] * spec
    elif isinstance(spec, Sequence) and all(
        isinstance(w, int | float) and not isinstance(w, bool) for w in spec
    ):
        weights = [float(w) for w in spec]
    else:
        raise StreamlitAPIException(
            f"columns(spec={spec!r}): pass a number of columns or a list of positive widths."
        )
    if not weights or any(w <= 0 for w in weights):
        raise StreamlitAPIException("columns: the spec must give at least one positive width.")
    if gap not in _GAPS:
        raise StreamlitAPIException(f'columns gap={gap!r}: use "small", "medium" or "large".')
    kind = f"columns:{len(weights)}:{gap}"

    def make(owner: object) -> Container:
        box = controls.HBox(layout=widgets.Layout(width="100%", grid_gap=_GAPS[gap]))
        box.add_class("fragkernel-columns")
        return Container(box, owner, kind)

    row = placement.draw_container(kind, make)
    blocks = []
    for weight in weights:
        column = placement.draw_child(row, "column", functools.partial(_column, weight))
        blocks.append(Block(_fixed(column)))
    if not row.drawing:
        row.commit()
    return blocks


def _tracked(
    what: str, on_change: Callable[..., Any] | str | None, bind: str | None, key: Any
) -> bool:
    """Whether a layout element tracks its state as a widget does (Streamlit's rules)."""
    if not (callable(on_change) or on_change in ("rerun", "ignore")):
        raise StreamlitAPIException(
            f'{what} on_change={on_change!r}: pass a callable, "rerun" or "ignore".'
        )
    if bind is not None and bind != "query-params":
        raise StreamlitAPIException(f'{what} bind={bind!r}: use "query-params" or None.')
    if bind is not None and key is None:
        raise StreamlitAPIException(f'{what} bind="query-params" needs a key= (its name).')
    return on_change != "ignore" or bind is not None


def _state_kind(what: str, label: str, key: Any, params: tuple[Any, ...]) -> str:
    """The kind of a tracked layout element's container: its widget identity.

    Two tracked elements of one kind then never swap models when their order changes.
    """
    return f"{what}-state:{slots.identity_of(what, label, key, params)!r}"


class TabContainer(Block):
    """One tab of ``tabs``; ``.open`` is whether it is the selected one when tabs track state."""

    def __init__(self, container: Container, label: str, slot: slots.WidgetSlot | None) -> None:
        super().__init__(_fixed(container))
        self._label = label
        self._slot = slot

    @property
    def open(self) -> bool | None:
        """Whether this tab is selected (``None`` with ``on_change="ignore"``, as Streamlit)."""
        return None if self._slot is None else self._slot.value() == self._label


@accepts("width", "height")
def tabs(
    tabs: Sequence[str],
    *,
    default: str | None = None,
    key: str | None = None,
    on_change: Callable[..., Any] | str = "ignore",
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    bind: str | None = None,
) -> list[TabContainer]:
    """Tabs with the given labels; returns one container per tab.

    ``default`` is the label of the tab shown first (else the first tab). With
    ``on_change="rerun"`` or a callback the tabs track state as a widget does: switching
    tabs reruns the fragment, each tab's ``.open`` tells whether it is selected, and
    ``key`` holds the selected label in ``session_state`` (set it to switch tabs).

    Example::

        tab1, tab2 = fk.tabs(["Chart", "Data"])
        tab1.write("the chart")
    """
    labels = list(tabs)
    if not labels:
        raise StreamlitAPIException("tabs: pass at least one tab label.")
    if any(not isinstance(t, str) for t in labels):
        raise StreamlitAPIException("tabs: each tab label must be a string.")
    if default is not None and default not in labels:
        raise StreamlitAPIException(
            f"tabs default={default!r} is not one of the tab labels: {', '.join(labels)}."
        )
    tracked = _tracked("tabs", on_change, bind, key)
    if bind is not None and len(set(labels)) != len(labels):
        raise StreamlitAPIException('tabs: labels must be unique with bind="query-params".')
    first = labels.index(default) if default is not None else 0
    if tracked:
        return _tracked_tabs(labels, first, key, on_change, args, kwargs)
    kind = "tabs:" + "\x1f".join(labels)

    def make(owner: object) -> Container:
        tab = controls.Tab()
        tab.add_class("fragkernel-tabs")
        return Container(tab, owner, kind)

    row = placement.draw_container(kind, make)
    blocks = [
        TabContainer(placement.draw_child(row, "tab", lambda o: _vbox(o, "tab")), label, None)
        for label in labels
    ]
    tab_widget = row.box
    if tuple(tab_widget.titles) != tuple(labels):
        row.commit()
        tab_widget.titles = tuple(labels)
        tab_widget.selected_index = first
    return blocks


def _tracked_tabs(
    labels: list[str],
    first: int,
    key: Any,
    on_change: Callable[..., Any] | str,
    args: tuple[Any, ...] | None,
    kwargs: dict[str, Any] | None,
) -> list[TabContainer]:
    """``tabs`` whose selected label is a widget's value (key, callbacks, reruns: S2, F21)."""
    kind = _state_kind("tabs", "", key, (tuple(labels), first))
    drawn: list[Container] = []

    def make(value: Any) -> widgets.Widget:
        tab = controls.Tab(titles=tuple(labels))
        tab.add_class("fragkernel-tabs")
        _select(tab, value)
        return tab

    def _select(tab: widgets.Widget, value: Any) -> None:
        if value not in labels:
            raise StreamlitAPIException(
                f"tabs: {value!r} is not one of the tab labels: {', '.join(labels)}."
            )
        if len(tab.children) != len(labels) and drawn:
            drawn[0].commit()  # its tabs are placed: show them first (quietly, in `show`)
        if len(tab.children) == len(labels):
            tab.selected_index = labels.index(value)
            _PENDING_TAB.pop(tab, None)
        else:  # the tabs are not drawn yet: selected once they are
            _PENDING_TAB[tab] = value

    def get(tab: widgets.Widget) -> str:
        if tab in _PENDING_TAB:
            return _PENDING_TAB[tab]
        index = tab.selected_index
        return labels[index] if isinstance(index, int) and 0 <= index < len(labels) else labels[0]

    def place(tab: widgets.Widget) -> None:
        drawn.append(placement.draw_container(kind, lambda owner: Container(tab, owner, kind)))

    slot = slots.draw(
        "tabs", "", key=key, params=(tuple(labels), first), make=make, get=get, put=_select,
        default=labels[first], traits={"titles": tuple(labels)}, on_change=on_change,
        args=args, kwargs=kwargs, trait="selected_index", place=place,
    )  # fmt: skip
    row = drawn[0]
    blocks = [
        TabContainer(placement.draw_child(row, "tab", lambda o: _vbox(o, "tab")), label, slot)
        for label in labels
    ]
    pending = _PENDING_TAB.get(row.box)
    if pending is not None:
        slot.show(pending)
    elif not row.drawing:
        row.commit()
    return blocks


#: The label a tracked ``tabs`` shows once its tabs are drawn (a Tab selects only a child).
_PENDING_TAB: weakref.WeakKeyDictionary[widgets.Widget, str] = weakref.WeakKeyDictionary()


class ExpanderContainer(Block):
    """What ``expander`` returns; ``.open`` is whether it is open when it tracks state."""

    def __init__(self, container: Container, slot: slots.WidgetSlot | None) -> None:
        super().__init__(_fixed(container))
        self._slot = slot

    @property
    def open(self) -> bool | None:
        """Whether the expander is open (``None`` with ``on_change="ignore"``, as Streamlit)."""
        return None if self._slot is None else bool(self._slot.value())


_EXPANDER_TYPES = ("default", "compact", "step")


@accepts("width")
def expander(
    label: str,
    expanded: bool = False,
    *,
    key: str | None = None,
    icon: str | None = None,
    type: str = "default",
    on_change: Callable[..., Any] | str = "ignore",
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    bind: str | None = None,
) -> ExpanderContainer:
    """A section that folds open and shut, with ``label`` as its title.

    With ``on_change="rerun"`` or a callback it tracks state as a widget does: opening or
    closing it reruns the fragment, ``.open`` tells its state, and ``key`` holds it in
    ``session_state`` (set it to open or close the expander).

    Example::

        with fk.expander("See explanation"):
            fk.write("The chart above shows...")
    """
    if label is None:
        raise StreamlitAPIException("expander: the label is required.")
    if type not in _EXPANDER_TYPES:
        raise StreamlitAPIException(
            f"expander type={type!r}: use one of {', '.join(map(repr, _EXPANDER_TYPES))}."
        )
    glyph = icon if icon and not icon.startswith(":material/") else ""
    title = f"{glyph} {label}" if glyph else str(label)

    def frame(open_: bool) -> tuple[widgets.Widget, widgets.Box]:
        inner = controls.VBox()
        accordion = controls.Accordion(children=[inner], titles=(title,))
        accordion.selected_index = 0 if open_ else None
        accordion.add_class("fragkernel-expander")
        return accordion, inner

    if not _tracked("expander", on_change, bind, key):
        kind = f"expander:{title}"

        def make(owner: object) -> Container:
            accordion, inner = frame(bool(expanded))
            return Container(inner, owner, kind, frame=accordion)

        return ExpanderContainer(placement.draw_container(kind, make), None)

    params = (title, bool(expanded))
    kind = _state_kind("expander", str(label), key, params)
    drawn: list[Container] = []

    def place(accordion: widgets.Widget) -> None:
        inner = accordion.children[0]
        drawn.append(
            placement.draw_container(
                kind, lambda owner: Container(inner, owner, kind, frame=accordion)
            )
        )

    slot = slots.draw(
        "expander", str(label), key=key, params=params, make=lambda v: frame(bool(v))[0],
        get=lambda accordion: accordion.selected_index == 0,
        put=lambda accordion, v: setattr(accordion, "selected_index", 0 if v else None),
        default=bool(expanded), traits={"titles": (title,)}, on_change=on_change, args=args,
        kwargs=kwargs, trait="selected_index", place=place,
    )  # fmt: skip
    return ExpanderContainer(drawn[0], slot)


def _bottom(owner: object) -> Container:
    return _vbox(owner, "bottom")


bottom = Block(lambda: placement.draw_bottom(_bottom))
"""A container pinned at the bottom of the fragment's area, under everything else it draws.

As ``st.bottom``: ``with fk.bottom:`` or ``fk.bottom.chat_input(...)`` from anywhere in the
run (a plain cell has no bottom to pin to: there it shows where it is first used).
"""

_GRID_GAPS = {
    "xxsmall": "0.25rem", "xsmall": "0.5rem", "small": "1rem", "medium": "2rem",
    "large": "4rem", "xlarge": "6rem", "xxlarge": "8rem", None: "0",
}  # fmt: skip
_GRID_ALIGN = {"top": "flex-start", "center": "center", "bottom": "flex-end"}


def _positive(what: str, value: Any, word: str) -> int | None:
    """``None`` for Streamlit's word (``"auto"``, ``"content"``), else a positive int."""
    if value == word:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise StreamlitAPIException(f'grid {what}={value!r}: use "{word}" or a positive integer.')
    if value < 1:
        raise StreamlitAPIException(f'grid {what}={value!r}: use "{word}" or a positive integer.')
    return value


def _gap(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return f"{value}px"
    if isinstance(value, str | type(None)) and value in _GRID_GAPS:
        return _GRID_GAPS[value]
    raise StreamlitAPIException(
        f"grid gap={value!r}: use one of {', '.join(map(repr, _GRID_GAPS))}, a number of pixels, "
        "or a (row_gap, column_gap) pair of these."
    )


class GridContainer(Block):
    """What ``grid`` returns: each element drawn into it is one cell; ``cell()`` groups."""

    def __init__(self, container: Container, columns: int | None) -> None:
        super().__init__(_fixed(container))
        self._columns = columns

    def cell(self, *, column_span: int | str = 1, row_span: int = 1) -> Block:
        """The next cell, as a container of its own: several elements in one cell.

        It spans ``column_span`` columns (``"all"``: the whole row) and ``row_span`` rows.

        Example::

            grid = fk.grid(4)
            with grid.cell(column_span="all"):
                fk.markdown("**Featured**")
        """
        if column_span == "all":
            column = "1 / -1"
        else:
            span = _positive("cell column_span", column_span, "all")
            if span is not None and self._columns is not None and span > self._columns:
                raise StreamlitAPIException(
                    f"grid cell column_span={span} is more than the grid's {self._columns} columns."
                )
            column = f"span {span}"
        if isinstance(row_span, bool) or not isinstance(row_span, int) or row_span < 1:
            raise StreamlitAPIException(f"grid cell row_span={row_span!r}: use a positive integer.")
        rows = row_span
        layout = {"grid_column": column, "grid_row": f"span {rows}", "min_width": "0"}
        with self._inside():
            drawn = placement.draw_container(
                f"grid-cell:{column}:{rows}", lambda owner: _vbox(owner, "grid-cell", **layout)
            )
        return Block(_fixed(drawn))


@accepts("width")
def grid(
    columns: int | str = "auto",
    *,
    min_column_width: int | str = "auto",
    wrap: bool = True,
    gap: Any = "small",
    vertical_alignment: str = "top",
    border: bool = False,
    row_height: int | str = "content",
    height: int | str = "content",
    key: str | None = None,
    dense: bool = False,
) -> GridContainer:
    """A responsive grid: each element drawn into it is one cell, and cells flow into rows.

    ``columns`` is the most columns ("auto": as many as fit, each at least
    ``min_column_width`` pixels, about 200 by default); with ``wrap`` the grid uses fewer
    columns where cells would be narrower than that. A ``print`` loop is one element, so one
    cell; ``grid.cell()`` groups several elements into one cell, or spans columns and rows.

    Example::

        grid = fk.grid(4)
        for label, value in [("Revenue", "$1.2M"), ("Pipeline", "$4.8M")]:
            grid.metric(label, value, border=True)
    """
    count = _positive("columns", columns, "auto")
    if count is not None and count > 24:
        raise StreamlitAPIException(f"grid columns={count}: use an integer from 1 to 24.")
    if count is None and not wrap:
        raise StreamlitAPIException(
            "`wrap=False` requires an explicit column count: pass an integer, such as "
            "`fk.grid(3, wrap=False)`."
        )
    least = _positive("min_column_width", min_column_width, "auto") or 200
    rows = _positive("row_height", row_height, "content")
    if vertical_alignment not in _GRID_ALIGN:
        raise StreamlitAPIException(
            f"grid vertical_alignment={vertical_alignment!r}: use 'top', 'center' or 'bottom'."
        )
    for name, flag in (("wrap", wrap), ("border", border), ("dense", dense)):
        if not isinstance(flag, bool):
            raise StreamlitAPIException(f"grid {name}={flag!r}: use True or False.")
    row_gap, column_gap = gap if isinstance(gap, tuple | list) else (gap, gap)
    if isinstance(gap, tuple | list) and len(gap) != 2:
        raise StreamlitAPIException(f"grid gap={gap!r}: a pair is (row_gap, column_gap).")
    gaps = f"{_gap(row_gap)} {_gap(column_gap)}"
    if count is None:
        template = f"repeat(auto-fill, minmax(min({least}px, 100%), 1fr))"
    elif wrap:  # at most `count` columns, fewer where a column would be under `least`
        share = f"(100% - {count - 1} * {_gap(column_gap)}) / {count}"
        template = f"repeat(auto-fill, minmax(max(min({least}px, 100%), {share}), 1fr))"
    else:
        template = f"repeat({count}, minmax({least}px, 1fr))"
    layout: dict[str, Any] = {
        "grid_template_columns": template,
        "grid_gap": gaps,
        "align_items": _GRID_ALIGN[vertical_alignment],
        "width": "100%",
    }
    if rows is not None:
        layout["grid_auto_rows"] = f"{rows}px"
    if not wrap:
        layout["overflow"] = "auto"
    if isinstance(height, int) and not isinstance(height, bool):
        layout["height"] = f"{height}px"
        layout["overflow"] = "auto"
    if dense:
        layout["grid_auto_flow"] = "row dense"
    kind = f"grid:{key}:{sorted(layout.items())!r}:{border}"

    def make(owner: object) -> Container:
        box = controls.GridBox(layout=widgets.Layout(**layout))
        box.add_class("fragkernel-grid")
        if border:
            box.add_class("fragkernel-grid-border")
        return Container(box, owner, kind)

    return GridContainer(placement.draw_container(kind, make), count)


sidebar = Block(lambda: get_runtime().owner().sidebar())
"""The sidebar: a narrow column beside the cell's output (or the ``%%fragment`` cell)."""
