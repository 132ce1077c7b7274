"""The element tree of a fragment's area, and its reconciliation across runs (SPEC F3, F6).

A :class:`Container` wraps one ipywidgets ``Box``. Exactly one *owner* (a fragment instance,
or the cell that made it) draws it; each time the owner draws it again the container
reconciles the new draw against the old one:

* widgets come from the owner's identity registry (F4), so the same model is placed again;
* positional elements (output leaves, nested containers) are matched by kind and by their
  order among elements of that kind, so a rerun that draws the same structure reuses every
  model and sends nothing but the content that changed;
* ``Box.children`` is written only when the sequence of models differs, because a front end
  recreates every child view after the first difference (and a text box loses focus).

Elements written into the container by *another* owner's run accumulate until the owner draws
the container again (F6).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import ipywidgets as widgets

from .._frontend import controls

if TYPE_CHECKING:
    from .forms import Form

_E = TypeVar("_E", bound="Element")


def close_model(widget: widgets.Widget) -> None:
    """Close a widget and the layout and style models it owns (each is a model of its own)."""
    for attr in ("layout", "style"):
        sub = getattr(widget, attr, None)
        if isinstance(sub, widgets.Widget) and sub.comm is not None:
            sub.close()
    if widget.comm is not None:
        widget.close()


class Element:
    """Something drawn at a position of a container: an output leaf or a container."""

    widget: widgets.Widget

    def close(self) -> None:
        """Close the models of this element (never the registry widgets placed inside it)."""
        close_model(self.widget)


class OutputLeaf(Element):
    """An ``Output`` widget used as a leaf: it holds outputs, never live widgets.

    Its outputs are collected during a run and written once, at :meth:`commit`, so that a
    burst of ``print`` calls costs one message, and an unchanged output costs none.
    """

    #: Longest text of a merged stream (characters); the rest of a print loop is dropped.
    max_chars = 1_000_000

    def __init__(self) -> None:
        self.widget = controls.Output()
        self.widget.add_class("fragkernel-output")
        self.pending: list[dict[str, Any]] = []
        self.stream_name: str | None = None

    def reset(self) -> None:
        """Start collecting the outputs of a new draw."""
        self.pending = []
        self.stream_name = None

    def add(self, output: dict[str, Any]) -> None:
        """Add one nbformat output (``display_data``, ``stream`` or ``error``)."""
        if output.get("output_type") == "stream" and self.stream_name == output["name"]:
            last = self.pending[-1]
            if len(last["text"]) < self.max_chars:  # a print loop stops growing at the limit
                text = last["text"] + output["text"]
                if len(text) > self.max_chars:
                    text = text[: self.max_chars] + "\n… output truncated by fragkernel.\n"
                self.pending[-1] = {**last, "text": text}
            return
        self.pending.append(output)
        self.stream_name = output["name"] if output.get("output_type") == "stream" else None

    def commit(self) -> None:
        """Send the collected outputs, unless they equal what the front end has."""
        new = tuple(self.pending)
        if new != self.widget.outputs:
            self.widget.outputs = new


def _set_children(box: widgets.Box, children: tuple[widgets.Widget, ...]) -> None:
    """Write ``children`` only if they differ: a front end rebuilds views after a change."""
    old = box.children
    if len(children) != len(old) or any(a is not b for a, b in zip(children, old, strict=True)):
        box.children = children


class Container(Element):
    """A ``Box`` drawn by one owner and reconciled on each of the owner's draws."""

    def __init__(
        self,
        box: widgets.Box,
        owner: object,
        kind: str = "container",
        frame: widgets.Widget | None = None,
    ) -> None:
        self.widget = frame if frame is not None else box
        self._box = box
        self.owner = owner
        self.kind = kind
        self.drawing = False
        self._items: list[widgets.Widget] = []
        self._mine: dict[str, list[Element]] = {}
        self._previous: dict[str, list[Element]] = {}
        self._extras: list[Element] = []
        self._stale_extras: list[Element] = []
        #: What another owner drew here last time, reusable by its next draw (:meth:`again`).
        self._reusable: list[Element] = []
        self._leaves: list[OutputLeaf] = []
        self.pinned: tuple[widgets.Widget, ...] = ()
        #: Hidden widgets kept after everything else (a fragment's status view or mark), so
        #: that replacing one keeps every other view of the area.
        self.tail: tuple[widgets.Widget, ...] = ()
        self._footer: list[widgets.Widget] = []
        self._stale_footer: list[widgets.Widget] = []
        self._body: widgets.Box | None = None
        self._spare: OutputLeaf | None = None
        self.closed = False
        #: A placeholder (``empty()``): each element drawn into it replaces the last (F24).
        self.single = False
        #: The form whose members the widgets drawn here are (M1), inherited by containers
        #: drawn inside.
        self.form: Form | None = None

    @property
    def box(self) -> widgets.Box:
        """The ipywidgets ``Box`` this container draws into (inside its frame, if any)."""
        return self._box

    # -- a draw by the owner -------------------------------------------------------------
    def begin(self) -> None:
        """The owner starts drawing this container again: old content becomes reusable."""
        self.drawing = True
        self._previous = self._mine
        self._mine = {}
        self._items = []
        self._stale_extras = self._extras
        self._extras = []
        self._leaves = []
        self._spare = None
        self._stale_footer = self._footer
        self._footer = []

    def end(self) -> None:
        """The owner's draw is over: show exactly what it drew, close what it did not."""
        self.drawing = False
        self.commit()
        for elements in self._previous.values():
            for element in elements:
                element.close()
        for element in self._stale_extras:
            element.close()
        self._previous = {}
        self._stale_extras = []

    def again(self, *, own: bool) -> None:
        """Draw this container again from the start, what it showed reusable (D3, F14).

        A placeholder's container redrawn in a loop (``with placeholder.container():``, a
        live dashboard) is the same container each frame, and its elements are matched as a
        rerun matches them: the next frame's chart is the last frame's, updated in place.
        ``own``: the owner draws it (what it drew becomes reusable, as at :meth:`begin`, and
        leftovers close when the run ends); else another owner's elements become reusable
        (:meth:`take`), and the ones not drawn again close at :meth:`settle`.
        """
        if own:
            previous = self._mine
            for kind, elements in self._previous.items():
                previous.setdefault(kind, []).extend(elements)
            self._previous, self._mine = previous, {}
            self._stale_extras = [*self._stale_extras, *self._extras]
        else:
            self.settle()
            self._reusable = self._extras
        self._extras = []
        self._items = []
        self._leaves = []
        self._spare = None

    def take(self, match: Callable[[Element], bool]) -> Element | None:
        """The first reusable element (see :meth:`again`) that ``match`` accepts, if any."""
        for i, element in enumerate(self._reusable):
            if match(element):
                return self._reusable.pop(i)
        return None

    def settle(self) -> bool:
        """Close what the last draw (:meth:`again`) showed and this one did not draw again."""
        if not self._reusable:
            return False
        for element in self._reusable:
            element.close()
        self._reusable = []
        return True

    def reuse(self, kind: str, factory: Callable[[], _E]) -> _E:
        """Return this draw's next element of ``kind``: last draw's, or a new one."""
        previous = self._previous.get(kind)
        element = previous.pop(0) if previous else factory()
        self._mine.setdefault(kind, []).append(element)
        return element  # type: ignore[return-value]

    # -- placement -----------------------------------------------------------------------
    def place(self, widget: widgets.Widget) -> None:
        """Append a widget (or an element's widget) to what this draw shows."""
        self._items.append(widget)

    def pin(self, widget: widgets.Widget) -> None:
        """Show a widget after everything this draw places, whenever it is drawn (M4).

        The footer is drawn after the items at each commit, so a ``chat_input`` called first
        still sits under the messages the run writes after it, as Streamlit pins it.
        """
        self._footer.append(widget)

    def leaf(self, *, foreign: bool, stream: str | None = None) -> OutputLeaf:
        """The output leaf for the next output: one per element, as in Streamlit.

        Only consecutive writes to the same stream share a leaf (a ``print`` loop is one
        element), so that a rerun which changes one element sends only that element.
        """
        spare = self._spare
        self._spare = None
        if spare is not None and self._items and self._items[-1] is spare.widget:
            return spare
        if self.continues(stream):
            return self._leaves[-1]
        if foreign:
            found = self.take(lambda e: isinstance(e, OutputLeaf))
            leaf = found if isinstance(found, OutputLeaf) else OutputLeaf()
            leaf.reset()
            self._extras.append(leaf)
        else:
            leaf = self.reuse("output", OutputLeaf)
            leaf.reset()
        self._leaves.append(leaf)
        self.place(leaf.widget)
        return leaf

    def continues(self, stream: str | None) -> bool:
        """Whether an output of ``stream`` would go on the last element (a print loop)."""
        return (
            stream is not None
            and bool(self._leaves)
            and bool(self._items)
            and self._items[-1] is self._leaves[-1].widget
            and self._leaves[-1].stream_name == stream
        )

    def add_extra(self, element: Element) -> None:
        """Keep an element that another owner drew here until this owner draws again (F6)."""
        self._extras.append(element)

    def shown(self, kind: str) -> Element | None:
        """The element of ``kind`` this draw shows last (a placeholder's chart), if any."""
        shown = {id(w) for w in self._items}
        extras = [e for e in self._extras if getattr(e, "kind", None) == kind]
        found: Element | None = None
        for element in [*self._mine.get(kind, ()), *extras]:
            if id(element.widget) in shown:
                found = element
        return found

    def mine(self, kind: str) -> list[Element]:
        """The elements of ``kind`` this draw made or reused so far."""
        return self._mine.get(kind, [])

    def clear_draw(self, keep: Element | None = None) -> None:
        """Forget what this draw showed so far (``clear_output``, or an ``empty()`` redrawn).

        The last output leaf is kept, emptied, so that a placeholder updated in a loop keeps
        reusing one model instead of making one per update; so is ``keep`` (a chart drawn
        again into its placeholder, to update it in place: D3).
        """
        leaf = self._leaves[-1] if self._leaves else None
        if self.single:  # a placeholder holds one element, whoever drew it
            for element in self._extras:
                if element is not leaf and element is not keep:
                    element.close()
            self._extras = [
                e for e in self._extras if e is leaf or (keep is not None and e is keep)
            ]
        self._items = []
        self._leaves = []
        if leaf is not None:
            leaf.reset()
            self._items = [leaf.widget]
            self._leaves = [leaf]
            self._spare = leaf  # the next output of any kind goes here

    def commit(self) -> None:
        """Write pending outputs and the children sequence, each only if it changed.

        While the owner is still drawing, children not drawn yet stay visible after the new
        ones (like Streamlit's stale elements), so a long run shows progress without
        flickering.
        """
        for leaf in self._leaves:
            leaf.commit()
        children = list(self._items)
        footer = list(self._footer)
        body = self._body
        if self._reusable and not self.drawing:  # drawn again (`again`): no flicker either
            waiting = {id(e.widget) for e in self._reusable}
            current = (*self.box.children, *(body.children if body is not None else ()))
            children += [w for w in current if id(w) in waiting and w not in children]
        if self.drawing:
            current = (*self.box.children, *(body.children if body is not None else ()))
            shown = {id(w) for w in (*self.pinned, *children, *footer, body, *self.tail)}
            stale = [w for w in current if id(w) not in shown and w.comm]
            pinned_before = {id(w) for w in self._stale_footer}
            children += [w for w in stale if id(w) not in pinned_before]
            footer += [w for w in stale if id(w) in pinned_before]  # stays at the bottom
        if footer and body is None:
            # With a footer (a chat_input), the items live in a box of their own: new items
            # then never come before the footer's views, which keep focus and caret (F4).
            body = self._body = controls.VBox()
            body.add_class("fragkernel-body")
        if body is not None:
            _set_children(body, tuple(children))
            _set_children(self.box, (*self.pinned, body, *footer, *self.tail))
        else:
            _set_children(self.box, (*self.pinned, *children, *footer, *self.tail))

    def close(self) -> None:
        """Close this container's box, and every positional element it holds."""
        self.closed = True
        for elements in (*self._mine.values(), *self._previous.values()):
            for element in elements:
                element.close()
        for element in (*self._extras, *self._stale_extras, *self._reusable):
            element.close()
        self._mine, self._previous, self._extras, self._stale_extras = {}, {}, [], []
        self._reusable = []
        self._items = []
        self._leaves = []
        self._footer, self._stale_footer = [], []
        if self._body is not None:
            close_model(self._body)
        close_model(self._box)
        if self.widget is not self._box:
            close_model(self.widget)
