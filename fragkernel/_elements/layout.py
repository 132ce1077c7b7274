"""Layout elements: ``container``, ``columns``, ``tabs``, ``expander``, ``empty``, ``sidebar``.

Each returns a :class:`Block`: a handle on a container that is a context manager (``with
col:``) and has every element as a method (``col.button("Go")``), as Streamlit's containers
do.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets

from .._compat import accepts
from .._errors import StreamlitAPIException
from .._frontend import controls
from .._runtime import capture, placement
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


@accepts("width", "height", "key", "on_change", "args", "kwargs", "bind")
def tabs(tabs: Sequence[str], *, default: str | None = None) -> list[Block]:
    """Tabs with the given labels; returns one container per tab.

    ``default`` is the label of the tab shown first (else the first tab).

    Example::

        tab1, tab2 = fk.tabs(["Chart", "Data"])
        tab1.write("the chart")
    """
    labels = [str(t) for t in tabs]
    if not labels:
        raise StreamlitAPIException("tabs: pass at least one tab label.")
    if default is not None and default not in labels:
        raise StreamlitAPIException(
            f"tabs default={default!r} is not one of the tab labels: {', '.join(labels)}."
        )
    kind = "tabs:" + "\x1f".join(labels)

    def make(owner: object) -> Container:
        tab = controls.Tab()
        tab.add_class("fragkernel-tabs")
        return Container(tab, owner, kind)

    row = placement.draw_container(kind, make)
    blocks = [
        Block(_fixed(placement.draw_child(row, "tab", lambda owner: _vbox(owner, "tab"))))
        for _ in labels
    ]
    tab_widget = row.box
    if tuple(tab_widget.titles) != tuple(labels):
        row.commit()
        tab_widget.titles = tuple(labels)
        tab_widget.selected_index = 0 if default is None else labels.index(default)
    return blocks


@accepts("key", "icon", "type", "width", "on_change", "args", "kwargs", "bind")
def expander(label: str, expanded: bool = False) -> Block:
    """A section that folds open and shut, with ``label`` as its title.

    Example::

        with fk.expander("See explanation"):
            fk.write("The chart above shows...")
    """
    kind = f"expander:{label}"

    def make(owner: object) -> Container:
        inner = controls.VBox()
        frame = controls.Accordion(children=[inner], titles=(str(label),))
        frame.selected_index = 0 if expanded else None
        frame.add_class("fragkernel-expander")
        return Container(inner, owner, kind, frame=frame)

    return Block(_fixed(placement.draw_container(kind, make)))


sidebar = Block(lambda: get_runtime().owner().sidebar())
"""The sidebar: a narrow column beside the cell's output (or the ``%%fragment`` cell)."""
