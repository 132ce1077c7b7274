"""The grid's view of a frame: schema, sort, blocks of rows as Arrow IPC, selection (SPEC D1).

The browser never holds the frame. It holds the schema and the row count, and asks for blocks
of rows ``[start, end)`` in a sort order as it scrolls; the kernel sorts the full frame (a
stable sort, missing values last, cached per order) and answers with the block as an Arrow IPC
stream. A fingerprint (:mod:`.fingerprint`, shared with the charts) tells whether a rerun
passed the same frame again, cheaply enough to check on every rerun of a million-row frame,
so that an unchanged frame sends nothing.

pandas, numpy and pyarrow are imported inside functions: a notebook that draws no data never
pays for them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeGuard

from .._errors import StreamlitAPIException
from .columns import INDEX
from .fingerprint import SameData

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: The rows the first draw carries, whatever the frame's length (D1).
FIRST_BLOCK = 100
#: The most rows one block request may ask for (a larger request is refused, U1).
MAX_BLOCK = 2_000
#: Sort orders kept per view (each is one int array of the frame's length).
SORT_CACHE = 3

SELECTION_MODES = (
    "single-row", "single-row-required", "multi-row", "single-column", "multi-column",
    "single-cell", "multi-cell",
)  # fmt: skip
ROW_MODES = frozenset({"single-row", "single-row-required", "multi-row"})

Sort = tuple[tuple[str, bool], ...]  # (column id, ascending), most significant first


class AttrDict(dict[str, Any]):
    """A dict whose keys read as attributes too (``event.selection.rows``), as in Streamlit."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class DataframeSelectionState(AttrDict):
    """``rows`` (original positions), ``columns`` (names), ``cells`` ((row, name) tuples)."""


class DataframeState(AttrDict):
    """What ``dataframe(on_select=...)`` returns: ``{"selection": {...}}``."""


@dataclass
class Column:
    """One column the grid shows: its Arrow field ``id``, its source label, kind and config."""

    id: str
    source: Any
    kind: str
    index: bool = False
    config: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """What the browser needs of this column (JSON)."""
        label = self.config.get("label")
        name = str(label) if label is not None else ("" if self.index else str(self.source))
        return {
            "id": self.id,
            "name": name,
            "kind": self.kind,
            "index": self.index,
            **{k: _json(v) for k, v in self.config.items() if k != "label" and v is not None},
        }


def _json(value: Any) -> Any:
    """A config value as JSON can carry it (dates as ISO text, numpy numbers as numbers)."""
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def build_columns(
    frame: pd.DataFrame,
    column_config: Mapping[Any, Any] | None = None,
    *,
    column_order: Iterable[Any] | None = None,
    hide_index: bool | None = None,
    editable: bool = False,
    disabled: bool | Iterable[Any] = False,
) -> list[Column]:
    """The grid's columns of ``frame``: the index, then data columns in display order.

    The configuration is :func:`fragkernel._data.columns.resolve_columns`'s (``column_config``
    with Streamlit's rules), in Streamlit's ColumnConfig shape; each column's field id in
    the Arrow blocks is ``i0`` (the index) or ``c<position>``.
    """
    from .columns import resolve_columns

    resolved = resolve_columns(frame, column_config, hide_index=hide_index,
                               column_order=column_order, editable=editable,
                               disabled=disabled)  # fmt: skip
    columns = []
    for r in resolved:
        type_config = {"type": r.kind, "format": r.format, "min_value": r.min_value,
                       "max_value": r.max_value, "step": r.step, "options": r.options,
                       **r.type_options}  # fmt: skip
        config = {
            "label": r.label, "width": r.width, "help": r.help, "hidden": r.hidden,
            "disabled": r.disabled, "required": r.required, "pinned": r.pinned,
            "alignment": r.alignment, "default": r.default,
            "type_config": {k: v for k, v in type_config.items() if v is not None},
        }  # fmt: skip
        if r.is_index:
            columns.append(Column("i0", frame.index.name or INDEX, r.data_kind, True, config))
        else:
            position = r.position
            assert position is not None
            columns.append(Column(f"c{position}", frame.columns[position], r.data_kind, False,
                                  config))  # fmt: skip
    return columns


def structure(frame: pd.DataFrame) -> bytes:
    """What an editor's edits are tied to: columns, dtypes, length and the index's content.

    Hashed, not spelled out: a million-row index as text would cost seconds on every rerun.
    """
    import hashlib

    import pandas as pd

    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((list(frame.columns), [str(t) for t in frame.dtypes], len(frame))).encode())
    digest.update(pd.util.hash_pandas_object(frame.index.to_frame(index=False), index=False)
                  .to_numpy().tobytes())  # fmt: skip
    return digest.digest()


class FrameView:
    """A frame as the grid sees it: columns, sort orders (cached) and blocks of rows.

    ``positions`` gives, for each row of the frame, the number the grid reports for it (its
    position in the user's original frame; an editor's added rows come after). By default
    it is the row's own position.
    """

    def __init__(
        self, frame: pd.DataFrame, columns: list[Column], positions: Sequence[int] | None = None
    ) -> None:
        self.frame = frame
        self.columns = columns
        self.rows = len(frame)
        self._seen = SameData(frame)
        self.fingerprint = self._seen.fingerprint
        self._positions = positions
        self._orders: OrderedDict[Sort, np.ndarray] = OrderedDict()
        self._by_id = {c.id: c for c in columns}

    def schema(self) -> list[dict[str, Any]]:
        """The columns as the browser needs them (JSON)."""
        return [c.describe() for c in self.columns]

    def same_data(self, frame: pd.DataFrame) -> bool:
        """Whether ``frame`` holds this view's data: then a rerun sends nothing for it."""
        return self._seen.same_data(frame)

    def parse_sort(self, raw: Any) -> Sort:
        """A sort order from the browser: ``[[column id, "asc" | "desc"], ...]`` (checked, U1)."""
        if raw is None or raw == []:
            return ()
        if not isinstance(raw, list) or len(raw) > 4:
            raise ValueError("a sort is a list of at most 4 [column, 'asc'|'desc'] pairs")
        out = []
        for item in raw:
            if (
                not isinstance(item, list | tuple)
                or len(item) != 2
                or item[0] not in self._by_id
                or item[1] not in ("asc", "desc")
            ):
                raise ValueError(f"not a sort key of this grid: {item!r}")
            out.append((str(item[0]), item[1] == "asc"))
        return tuple(out)

    def order(self, sort: Sort) -> np.ndarray | None:
        """Row numbers of the frame in ``sort`` order (None: the frame's own order)."""
        if not sort:
            return None
        found = self._orders.get(sort)
        if found is not None:
            self._orders.move_to_end(sort)
            return found
        found = sort_order(self.frame, [(self._by_id[i], asc) for i, asc in sort])
        self._orders[sort] = found
        while len(self._orders) > SORT_CACHE:
            self._orders.popitem(last=False)
        return found

    def rows_at(self, view_rows: Sequence[int], sort: Sort) -> list[int]:
        """Frame row numbers of rows at ``view_rows`` in ``sort`` order."""
        order = self.order(sort)
        return [int(order[r]) if order is not None else int(r) for r in view_rows]

    def position(self, frame_row: int) -> int:
        """The number reported for a frame row (its original position)."""
        return int(self._positions[frame_row]) if self._positions is not None else frame_row

    def original(self, view_rows: Sequence[int], sort: Sort) -> list[int]:
        """Original positions of the rows the browser shows at ``view_rows`` in ``sort``."""
        return [self.position(r) for r in self.rows_at(view_rows, sort)]

    def block(self, start: int, end: int, sort: Sort = ()) -> bytes:
        """Rows ``[start, end)`` in ``sort`` order, as one Arrow IPC stream.

        Fields: ``_pos`` (each row's original position), ``i0...`` (index levels) and
        ``c0...`` (data columns), so that any column label, repeated or not a string, travels.
        """
        import numpy as np

        start = max(0, min(start, self.rows))
        end = max(start, min(end, self.rows))
        order = self.order(sort)
        rows = order[start:end] if order is not None else np.arange(start, end)
        part = self.frame.iloc[rows]
        if self._positions is not None:
            positions = np.asarray(self._positions, dtype=np.int64)[rows]
        else:
            positions = rows
        arrays: dict[str, Any] = {"_pos": np.asarray(positions, dtype=np.int64)}
        for column in self.columns:
            arrays[column.id] = _values(part, column)
        return to_ipc(arrays, {c.id: c.kind for c in self.columns})


def _values(frame: pd.DataFrame, column: Column) -> Any:
    """A column's values in ``frame``: the index (a MultiIndex as tuples), or a data column."""
    if column.index:
        return frame.index.to_flat_index() if frame.index.nlevels > 1 else frame.index
    return frame.iloc[:, int(column.id[1:])]


def to_ipc(arrays: Mapping[str, Any], kinds: Mapping[str, str]) -> bytes:
    """Columns as one Arrow IPC stream; kinds the browser shows as text travel as text."""
    import pyarrow as pa

    names, columns = [], []
    for name, values in arrays.items():
        names.append(name)
        columns.append(_arrow(values, kinds.get(name, "integer")))
    table = pa.Table.from_arrays(columns, names=names)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


_AS_TEXT = {"date", "time", "timedelta", "decimal", "period", "interval", "complex",
            "bytes", "dict", "unknown", "empty"}  # fmt: skip


def _arrow(values: Any, kind: str) -> Any:
    """One column as an Arrow array the browser can read: numbers, booleans, text, lists."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    series = pd.Series(values, copy=False).reset_index(drop=True)
    if kind == "integer":
        if series.isna().any():
            return pa.array(series.astype("float64"), from_pandas=True)
        if pd.api.types.is_unsigned_integer_dtype(series.dtype):
            return pa.array(series.astype("uint64").to_numpy(), pa.uint64())
        return pa.array(series.astype("int64").to_numpy(), pa.int64())
    if kind == "float":
        return pa.array(series.astype("float64").to_numpy(), from_pandas=True)
    if kind == "boolean":
        return pa.array(series.astype("object").where(series.notna(), None), pa.bool_())
    if kind == "datetime":
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            series = series.dt.tz_localize(None)  # the wall time in the column's zone, as shown
        stamps = pd.to_datetime(series, errors="coerce")
        millis = stamps.astype("datetime64[ms]").astype("int64").astype("float64")
        return pa.array(np.where(stamps.isna(), np.nan, millis), from_pandas=True)
    if kind == "list":
        texts = [None if _missing(v) else [_text(x) for x in v] for v in series]
        return pa.array(texts, pa.list_(pa.string()))
    return pa.array([None if _missing(v) else _text(v) for v in series], pa.string())


def _missing(value: Any) -> bool:
    import pandas as pd

    if isinstance(value, list | tuple | dict) or type(value).__name__ == "ndarray":
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def sort_order(frame: pd.DataFrame, keys: Sequence[tuple[Column, bool]]) -> np.ndarray:
    """Row numbers of ``frame`` sorted by ``keys``: stable, missing values last.

    Values that do not compare (mixed types) sort by their text.
    """
    import numpy as np
    import pandas as pd

    data = {}
    for n, (column, _) in enumerate(keys):
        values = _values(frame, column)
        data[f"k{n}"] = pd.Series(
            np.asarray(values, dtype=object)
            if column.kind in ("unknown", "list", "dict")
            else values
        ).reset_index(drop=True)
    keyed = pd.DataFrame(data)
    ascending = [asc for _, asc in keys]
    try:
        ordered = keyed.sort_values(list(data), ascending=ascending, kind="stable",
                                    na_position="last")  # fmt: skip
    except TypeError:
        ordered = (
            keyed.astype(str)
            .where(keyed.notna(), None)
            .sort_values(list(data), ascending=ascending, kind="stable", na_position="last")
        )
    return np.asarray(ordered.index, dtype=np.int64)


# -- selection (Streamlit's selection object) -----------------------------------------------
def selection_modes(selection_mode: str | Iterable[str]) -> frozenset[str]:
    """The selection modes asked for, checked as Streamlit checks them."""
    modes = {selection_mode} if isinstance(selection_mode, str) else set(selection_mode)
    unknown = modes - set(SELECTION_MODES)
    if unknown or not modes:
        raise StreamlitAPIException(
            f"Invalid selection_mode {sorted(unknown) if unknown else '[]'}: use one of "
            + ", ".join(f"'{m}'" for m in SELECTION_MODES)
            + " (or a list of them)."
        )
    if len(modes & ROW_MODES) > 1:
        raise StreamlitAPIException(
            f"selection_mode {sorted(modes & ROW_MODES)}: only one row selection mode can "
            "be specified."
        )
    for a, b in (("single-column", "multi-column"), ("single-cell", "multi-cell")):
        if {a, b} <= modes:
            raise StreamlitAPIException(
                f"selection_mode='{a}' and selection_mode='{b}' cannot be used together."
            )
    return frozenset(modes)


def empty_selection() -> DataframeState:
    """No row, column or cell selected."""
    return DataframeState(selection=DataframeSelectionState(rows=[], columns=[], cells=[]))


def check_selection(
    value: Any, rows: int, names: Sequence[str], modes: frozenset[str]
) -> DataframeState:
    """A selection (from session state or the browser) reduced to what ``modes`` allow.

    Raises ``StreamlitAPIException`` for a value that is not ``{"selection": {...}}``;
    drops rows out of range, unknown columns and cells, as Streamlit does.
    """
    if not isinstance(value, Mapping) or not isinstance(value.get("selection"), Mapping):
        raise StreamlitAPIException(
            "Selection state must be a dictionary with a 'selection' key containing 'rows', "
            "'columns', and 'cells' arrays."
        )
    raw = value["selection"]
    known = set(names)
    out_rows: list[int] = []
    raw_rows = raw.get("rows")
    if isinstance(raw_rows, list) and modes & ROW_MODES:
        valid = [r for r in raw_rows if whole_number(r) and 0 <= r < rows]
        out_rows = list(dict.fromkeys(valid))
        if "multi-row" not in modes:
            out_rows = out_rows[:1]
    if "single-row-required" in modes and rows > 0 and not out_rows:
        out_rows = [0]
    out_columns: list[str] = []
    raw_columns = raw.get("columns")
    if isinstance(raw_columns, list) and modes & {"single-column", "multi-column"}:
        out_columns = list(dict.fromkeys(c for c in raw_columns if isinstance(c, str)
                                         and c in known))  # fmt: skip
        if "multi-column" not in modes:
            out_columns = out_columns[:1]
    out_cells: list[tuple[int, str]] = []
    raw_cells = raw.get("cells")
    if isinstance(raw_cells, list) and modes & {"single-cell", "multi-cell"}:
        out_cells = list(
            dict.fromkeys(
                (int(c[0]), str(c[1]))
                for c in raw_cells
                if isinstance(c, list | tuple) and len(c) == 2 and whole_number(c[0])
                and 0 <= c[0] < rows and isinstance(c[1], str) and c[1] in known
            )
        )  # fmt: skip
        if "single-cell" in modes:
            out_cells = out_cells[:1]
    return DataframeState(
        selection=DataframeSelectionState(rows=out_rows, columns=out_columns, cells=out_cells)
    )


def whole_number(value: Any) -> TypeGuard[int]:
    """Whether ``value`` is an int and not a bool (JSON from the browser may hold either)."""
    return isinstance(value, int) and not isinstance(value, bool)


def browser_selection(
    view: FrameView, content: Mapping[str, Any], modes: frozenset[str]
) -> DataframeState:
    """Translate a selection the browser sent into Streamlit's selection object (U1).

    The browser names rows by original position (``positions``: the ``_pos`` of rows it
    holds) or by their place in its sorted view (``rows`` with ``sort``: a range it did not
    load), columns by field id, cells as ``[original position, field id]``. The result names
    rows by original position and columns by label. Raises ``ValueError`` for a malformed
    message.
    """
    sort = view.parse_sort(content.get("sort"))
    rows = content.get("rows", [])
    positions = content.get("positions", [])
    columns = content.get("columns", [])
    cells = content.get("cells", [])
    if not all(isinstance(v, list) for v in (rows, positions, columns, cells)):
        raise ValueError("rows, positions, columns and cells must be lists")
    if len(rows) + len(positions) + len(cells) > 100_000:
        raise ValueError("a selection of more than 100,000 rows and cells is refused")
    if not all(whole_number(r) and 0 <= r < view.rows for r in (*rows, *positions)):
        raise ValueError("a selected row is out of range")
    labels = {c.id: str(c.source) for c in view.columns if not c.index}
    if not all(isinstance(c, str) and c in labels for c in columns):
        raise ValueError("a selected column is not a column of this grid")
    for cell in cells:
        if not (isinstance(cell, list) and len(cell) == 2 and whole_number(cell[0])
                and 0 <= cell[0] < view.rows and cell[1] in labels):  # fmt: skip
            raise ValueError(f"not a cell of this grid: {cell!r}")
    value = {
        "selection": {
            "rows": [*positions, *view.original(rows, sort)],
            "columns": [labels[c] for c in columns],
            "cells": [[c[0], labels[c[1]]] for c in cells],
        }
    }
    return check_selection(value, view.rows, list(labels.values()), modes)
