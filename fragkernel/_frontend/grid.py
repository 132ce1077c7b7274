"""The grid's anywidget: a paged, sorted, selectable and editable view of a frame (D1, D2).

Its first draw carries the schema, the row count and the first :data:`FIRST_BLOCK` rows; the
browser asks for more rows with a custom message ``{"event": "rows", "id", "start", "end",
"sort", "version"}`` and gets ``{"event": "rows", ...}`` back with the block as an Arrow IPC
buffer. Every message from the browser is checked: a bad one is answered with
``{"event": "refused", "message"}`` and changes nothing (U1). Its script (``grid.js``) is
sent once per page: each grid model carries a small loader (``grid-loader.js``) that asks the
kernel for the code (``{"event": "code"}``) unless the page holds it already, so a new grid
costs its data, not half a megabyte of script.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import anywidget
import traitlets

from .._data import edits as ed
from .._data.grid import (
    FIRST_BLOCK,
    MAX_BLOCK,
    Column,
    FrameView,
    browser_selection,
    whole_number,
)
from .controls import Guarded
from .status import _asset, message_event

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger("fragkernel")


class GridWidget(Guarded, anywidget.AnyWidget):
    """One grid in the page. ``value`` (kernel only) is the selection state or the edit dict."""

    front_end_keys = frozenset()  # the browser sends messages, checked here; never state

    _esm = _asset("grid-loader.js")
    #: Which grid code this kernel serves: a page keeps one module per version.
    code_version = traitlets.Unicode("").tag(sync=True)
    schema: traitlets.List[Any] = traitlets.List().tag(sync=True)
    rows = traitlets.Int(0).tag(sync=True)
    head = traitlets.Bytes(b"").tag(sync=True)
    version = traitlets.Int(0).tag(sync=True)
    options = traitlets.Dict().tag(sync=True)
    #: The selection shown (original row positions, column labels), Streamlit's object.
    selection = traitlets.Dict().tag(sync=True)
    value = traitlets.Any(None)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(code_version=_code()[2], **kwargs)
        self.add_class("fragkernel-grid")
        self.view: FrameView | None = None
        self.source: FrameView | None = None  # the frame as passed (the editor's, unedited)
        self.modes: frozenset[str] = frozenset()
        self.editing: dict[str, Any] | None = None  # num_rows, disabled: an editor only
        self.signature: str | None = None  # what the editor's edits apply to
        self.on_msg(self._message)

    @classmethod
    def create(
        cls,
        frame: pd.DataFrame,
        columns: list[Column],
        options: dict[str, Any],
        *,
        modes: frozenset[str] = frozenset(),
        editing: dict[str, Any] | None = None,
        value: Any = None,
    ) -> GridWidget:
        """A grid showing ``frame``: its first message carries schema, row count, first rows."""
        view = FrameView(frame, columns)
        selection = value if modes and isinstance(value, Mapping) else {}
        widget = cls(
            schema=view.schema(), rows=view.rows, head=view.block(0, FIRST_BLOCK), version=1,
            options=options, selection=selection, value=value,
        )  # fmt: skip
        widget.source = widget.view = view
        widget.modes = modes
        widget.editing = editing
        return widget

    # -- the kernel side -------------------------------------------------------------------
    def show(self, frame: pd.DataFrame, columns: list[Column], options: dict[str, Any]) -> bool:
        """Show ``frame``; returns False (and sends nothing) if it is what the grid shows.

        The editor's edits (``value``) are applied to what the browser sees.
        """
        schema = [c.describe() for c in columns]
        source = self.source
        if source is not None and schema == self.schema and source.same_data(frame):
            if options != self.options:
                self.options = options
            return False
        self.source = FrameView(frame, columns)
        with self.hold_sync():
            self.options = options
            self.refresh(schema)
        return True

    def refresh(self, schema: list[dict[str, Any]] | None = None, edits: Any = None) -> None:
        """Rebuild the view (the editor's edits applied) and send its first block."""
        source = self.source
        assert source is not None
        edits = self.value if edits is None else edits
        view = source
        if self.editing is not None and isinstance(edits, Mapping):
            frame, positions = ed.edited(source.frame, edits, source.columns)
            view = FrameView(frame, source.columns, positions)
        head = view.block(0, FIRST_BLOCK)  # built before anything changes: a failure keeps all
        self.view = view
        with self.hold_sync():
            if schema is not None:
                self.schema = schema
            self.rows = view.rows
            self.head = head
            self.version += 1

    def forget(self) -> None:
        """Drop the frame (the widget is being closed)."""
        self.view = self.source = None

    # -- the browser side ------------------------------------------------------------------
    def _message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        event = message_event(content)
        if event == "code":
            script, style, _ = _code()
            self.send({"event": "code"}, [script, style])
            return
        try:
            if self.view is None:
                raise ValueError("this grid shows no data any more")
            if event == "rows":
                self._rows(content)
            elif event == "select":
                self._select(content)
            elif event in ("edit", "add", "delete"):
                self._edit(event, content)
            else:
                raise ValueError(f"unknown grid message {event!r}")
        except ed.EditRefused as refused:
            self._refuse(content, str(refused))
        except Exception as error:  # whatever the browser sent, the grid goes on (U1)
            log.warning("fragkernel: refused a grid message from the front end: %r", error)
            self._refuse(content, f"refused: {error}")

    def _refuse(self, content: Any, message: str) -> None:
        reply: dict[str, Any] = {"event": "refused", "message": message}
        if isinstance(content, dict):
            for name in ("id", "row", "column", "event"):
                if name in content and isinstance(content[name], str | int):
                    reply["of" if name == "event" else name] = content[name]
        self.send(reply)

    def _rows(self, content: dict[str, Any]) -> None:
        view = self.view
        assert view is not None
        start, end = content.get("start"), content.get("end")
        if not (whole_number(start) and whole_number(end) and 0 <= start <= end):
            raise ValueError(f"a block is two row numbers 0 <= start <= end, got {start}, {end}")
        if end - start > MAX_BLOCK:
            raise ValueError(f"a block has at most {MAX_BLOCK} rows, {end - start} were asked")
        sort = view.parse_sort(content.get("sort"))
        block = view.block(start, end, sort)
        reply = {
            "event": "rows",
            "id": content.get("id") if whole_number(content.get("id")) else None,
            "start": start,
            "end": min(end, view.rows),
            "sort": [[i, "asc" if asc else "desc"] for i, asc in sort],
            "version": self.version,
        }
        self.send(reply, [block])

    def _select(self, content: dict[str, Any]) -> None:
        if not self.modes:
            raise ValueError("this grid does not take selections (on_select='ignore')")
        self._stale(content)
        assert self.view is not None
        state = browser_selection(self.view, content, self.modes)
        self.selection = state
        self.value = state

    def _stale(self, content: dict[str, Any]) -> None:
        if content.get("version") != self.version:
            raise ed.EditRefused("the table changed meanwhile: try again.")

    def _edit(self, event: str, content: dict[str, Any]) -> None:
        editing = self.editing
        view, source = self.view, self.source
        if editing is None or view is None or source is None:
            raise ValueError("this grid is not an editor")
        self._stale(content)
        state = self.value if isinstance(self.value, Mapping) else ed.empty_edits()
        rows = source.rows
        num_rows = editing["num_rows"]
        if event == "add":
            if num_rows not in ("dynamic", "add") or editing["disabled"] is True:
                raise ed.EditRefused("rows cannot be added to this table (num_rows).")
            new = ed.with_added(state, _defaults(source.columns))
        elif event == "delete":
            if num_rows not in ("dynamic", "delete") or editing["disabled"] is True:
                raise ed.EditRefused("rows cannot be deleted from this table (num_rows).")
            wanted = content.get("rows")
            if not isinstance(wanted, list) or not all(
                whole_number(r) and 0 <= r < view.rows for r in wanted
            ):
                raise ValueError("rows to delete must be row numbers of the table")
            sort = view.parse_sort(content.get("sort"))
            new = ed.with_deleted(state, rows, view.original(wanted, sort))
        else:
            row, column_id = content.get("row"), content.get("column")
            if not (whole_number(row) and 0 <= row < view.rows):
                raise ValueError(f"no row {row!r} in this table")
            column = next((c for c in source.columns if c.id == column_id), None)
            if column is None:
                raise ValueError(f"no column {column_id!r} in this table")
            why = ed.editable(column, editing["disabled"] is True)
            if why:
                raise ed.EditRefused(why)
            stored = ed.check_value(content.get("value"), column)
            original = view.original([row], view.parse_sort(content.get("sort")))[0]
            new = ed.with_edit(state, rows, original, ed.label(column), stored)
        self.refresh(edits=new)  # the view first: the rerun the new value causes reads it
        self.value = new  # the widget's event: key, on_change, rerun (slots)


@functools.cache
def _code() -> tuple[bytes, bytes, str]:
    """The grid's script and style (read once), and a short hash naming their version."""
    script = _asset("grid.js").encode()
    style = _asset("grid.css").encode()
    return script, style, hashlib.sha256(script + style).hexdigest()[:16]


def _defaults(columns: Sequence[Column]) -> dict[str, Any]:
    return {
        ed.label(c): c.config["default"] for c in columns if c.config.get("default") is not None
    }
