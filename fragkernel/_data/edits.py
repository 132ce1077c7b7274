"""The data editor's edit dict: checked edits, added and deleted rows, the edited frame (D2).

The edit dict is Streamlit's: ``edited_rows`` ({row position: {column: value}}),
``added_rows`` ([{column: value}]), ``deleted_rows`` ([row position]); positions are those of
the frame the user passed. Values are stored as the browser sends them (JSON: numbers, text,
booleans, ISO dates), after a check against the column's kind and ``column_config``: a value
the column cannot hold is refused with a message, and nothing is stored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .columns import EDITABLE, INDEX
from .grid import AttrDict, Column

if TYPE_CHECKING:
    import pandas as pd

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


class EditRefused(ValueError):
    """An edit the column cannot hold; its message is shown in the cell."""


class DataEditorState(AttrDict):
    """``edited_rows``, ``added_rows``, ``deleted_rows``: what a data editor's key holds."""


def empty_edits() -> DataEditorState:
    """No edit yet."""
    return DataEditorState(edited_rows={}, added_rows=[], deleted_rows=[])


def label(column: Column) -> str:
    """The name a column goes by in the edit dict (``_index`` for the index)."""
    return INDEX if column.index else str(column.source)


def editable(column: Column, disabled: bool) -> str | None:
    """Why ``column`` cannot be edited, or None if it can."""
    name = label(column)
    kind = (column.config.get("type_config") or {}).get("type")
    if kind == "object":
        return f"column {name!r} holds {column.kind} values: it cannot be edited."
    if kind is not None and kind not in EDITABLE:
        return f"column {name!r} is a {kind} column: it cannot be edited."
    if disabled or column.config.get("disabled"):
        return f"column {name!r} is disabled."
    return None


def check_value(value: Any, column: Column) -> Any:
    """The value to store for an edit of ``column``, or ``EditRefused`` with the reason.

    Numbers must be numbers (a word in a number column is refused), within ``min_value`` /
    ``max_value``; text within ``max_chars`` and matching ``validate``; a select box's value
    one of its ``options``; a required column must get a value.
    """
    name = label(column)
    config = column.config
    type_config = config.get("type_config") or {}
    if value is None or (isinstance(value, str) and value == "" and column.kind != "string"):
        if config.get("required"):
            raise EditRefused(f"column {name!r} requires a value.")
        return None
    kind = column.kind
    ctype = type_config.get("type")
    if ctype == "checkbox":
        kind = "boolean"
    if ctype in ("selectbox", "multiselect"):
        options = type_config.get("options")
        chosen = value if isinstance(value, list) else [value]
        allowed = None if options is None else [_option_value(o) for o in options]
        if ctype == "multiselect" and type_config.get("accept_new_options"):
            allowed = None
        if allowed is not None and any(not _among(v, allowed) for v in chosen):
            raise EditRefused(f"{value!r} is not an option of column {name!r}: {allowed}.")
    if kind == "integer":
        number = _number(value, name, whole=True)
        value = int(number)
    elif kind in ("float", "decimal"):
        value = _number(value, name, whole=False)
    elif kind == "timedelta":
        value = _number(value, name, whole=False)  # seconds, as in Streamlit
    elif kind == "boolean":
        value = _boolean(value, name)
    elif kind in ("datetime", "date", "time"):
        value = _temporal(value, kind, name)
        _within(value, kind, name, type_config)
    elif kind == "list":
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
            raise EditRefused(f"column {name!r} holds lists: {value!r} is not a list.")
    elif kind == "string":
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise EditRefused(f"column {name!r} holds text: {value!r} is not text.")
        value = str(value)
        limit = type_config.get("max_chars")
        if limit is not None and len(value) > limit:
            raise EditRefused(f"column {name!r} takes at most {limit} characters.")
        pattern = type_config.get("validate")
        if pattern and not re.fullmatch(pattern, value):
            raise EditRefused(f"{value!r} does not match the pattern of column {name!r}.")
    elif kind == "empty" and not isinstance(value, str | int | float | bool | list):
        raise EditRefused(f"{value!r} cannot be stored in column {name!r}.")
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = type_config.get("min_value"), type_config.get("max_value")
        if low is not None and value < low:
            raise EditRefused(f"{value} is below the minimum {low} of column {name!r}.")
        if high is not None and value > high:
            raise EditRefused(f"{value} is above the maximum {high} of column {name!r}.")
    return value


#: What a whole-number column can hold (pandas' int64): a bigger number would not fit.
_INT_RANGE = (-(2**63), 2**63 - 1)


def _number(value: Any, name: str, *, whole: bool) -> int | float:
    """``value`` (a number, or text typed into the cell) as a number the column can hold.

    Text is parsed first and then checked as a number is: ``"1e400"`` and ``"1.5"`` in a
    whole-number column are refused as ``1e400`` and ``1.5`` are (U1).
    """
    what = "a whole number" if whole else "a number"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise EditRefused(f"{value!r} is not {what}: column {name!r} holds numbers.")
    number: int | float
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        try:
            number = int(text) if re.fullmatch(r"[+-]?\d+", text) else float(text)
        except ValueError:
            raise EditRefused(f"{value!r} is not {what}: column {name!r} holds numbers.") from None
    else:
        number = value
    if isinstance(number, float):
        if not math.isfinite(number) and whole:
            raise EditRefused(f"{value!r} is not {what}: column {name!r} holds numbers.")
        if whole and not number.is_integer():
            raise EditRefused(f"{value!r} is not {what}: column {name!r} holds whole numbers.")
    if whole:
        number = int(number)
        if not _INT_RANGE[0] <= number <= _INT_RANGE[1]:
            raise EditRefused(f"{value!r} is too large for column {name!r}.")
    return number


def _option_value(option: Any) -> Any:
    """An option's value: ``{"value": v, "label": ...}`` (with ``format_func``) or ``v``."""
    return option["value"] if isinstance(option, Mapping) and "value" in option else option


def _among(value: Any, allowed: list[Any]) -> bool:
    """Whether ``value`` is one of ``allowed``, a boolean never standing for 0 or 1."""
    return any(value == a and isinstance(value, bool) == isinstance(a, bool) for a in allowed)


def _within(value: str, kind: str, name: str, type_config: Mapping[str, Any]) -> None:
    """Refuse a date, time or datetime outside the column's ``min_value`` / ``max_value``."""
    for bound, below in (("min_value", True), ("max_value", False)):
        limit = type_config.get(bound)
        if limit is None:
            continue
        if not isinstance(limit, str):
            limit = limit.isoformat() if hasattr(limit, "isoformat") else str(limit)
        try:
            wanted, edge = _stamp(value, kind), _stamp(limit, kind)
        except (ValueError, TypeError):
            continue
        if (wanted < edge) if below else (wanted > edge):
            word = "before the earliest" if below else "after the latest"
            raise EditRefused(f"{value} is {word} {kind} {limit} of column {name!r}.")


def _stamp(text: str, kind: str) -> Any:
    import pandas as pd

    stamp = pd.Timestamp("1970-01-01 " + text if kind == "time" else text)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp


def _boolean(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise EditRefused(f"{value!r} is not true or false: column {name!r} holds booleans.")


def _temporal(value: Any, kind: str, name: str) -> str:
    import pandas as pd

    if not isinstance(value, str):
        raise EditRefused(f"{value!r} is not a {kind}: column {name!r} holds {kind}s.")
    try:
        stamp = pd.Timestamp(value) if kind != "time" else pd.Timestamp("1970-01-01 " + value)
    except (ValueError, TypeError):
        raise EditRefused(f"{value!r} is not a {kind}: column {name!r} holds {kind}s.") from None
    if pd.isna(stamp):
        raise EditRefused(f"{value!r} is not a {kind}: column {name!r} holds {kind}s.")
    if kind == "date":
        return str(stamp.date().isoformat())
    if kind == "time":
        return str(stamp.time().isoformat())
    return str(stamp.isoformat())


def python_value(value: Any, kind: str) -> Any:
    """A stored (JSON) value as the frame holds it: ``"2024-01-02"`` -> ``date(2024, 1, 2)``."""
    import datetime
    from decimal import Decimal

    import pandas as pd

    if value is None:
        return None
    if kind == "integer":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "boolean":
        return bool(value)
    if kind == "decimal":
        return Decimal(str(value))
    if kind == "timedelta":
        return pd.Timedelta(seconds=float(value))
    if kind == "datetime":
        return pd.Timestamp(value)
    if kind == "date":
        return datetime.date.fromisoformat(value)
    if kind == "time":
        return datetime.time.fromisoformat(value)
    if kind == "list":
        return list(value)
    return value


# -- the edit dict ----------------------------------------------------------------------------
def with_edit(state: Mapping[str, Any], rows: int, row: int, name: str, value: Any) -> Any:
    """``state`` with one cell edit: ``row`` < ``rows`` is an original row, else an added one."""
    new = copy_state(state)
    if row < rows:
        new["edited_rows"].setdefault(row, {})[name] = value
    else:
        new["added_rows"][row - rows][name] = value
    return new


def with_added(state: Mapping[str, Any], defaults: Mapping[str, Any]) -> DataEditorState:
    """``state`` with one more added row holding the columns' defaults."""
    new = copy_state(state)
    new["added_rows"].append(dict(defaults))
    return new


def with_deleted(state: Mapping[str, Any], rows: int, deleted: Sequence[int]) -> DataEditorState:
    """``state`` with rows deleted: original rows are listed, added rows are dropped."""
    new = copy_state(state)
    for row in sorted(set(deleted), reverse=True):
        if row < rows:
            if row not in new["deleted_rows"]:
                new["deleted_rows"].append(row)
        else:
            del new["added_rows"][row - rows]
    new["deleted_rows"].sort()
    return new


def copy_state(state: Mapping[str, Any]) -> DataEditorState:
    """A deep enough copy of an edit dict to change it without touching the original."""
    return DataEditorState(
        edited_rows={int(k): dict(v) for k, v in (state.get("edited_rows") or {}).items()},
        added_rows=[dict(r) for r in (state.get("added_rows") or [])],
        deleted_rows=list(state.get("deleted_rows") or []),
    )


def edited(
    frame: pd.DataFrame, state: Mapping[str, Any], columns: Sequence[Column]
) -> tuple[pd.DataFrame, list[int]]:
    """A copy of ``frame`` with the edits of ``state``, and the number each row goes by.

    Cells are changed first, then rows deleted, then rows added; a row goes by its original
    position, and added rows come after the original ones.
    """
    kinds = {label(c): c.kind for c in columns}
    by_name = {label(c): c for c in columns}
    out = frame.copy()
    edited = state.get("edited_rows") or {}
    for row, changes in edited.items():
        for name, value in changes.items():
            if name not in by_name or not 0 <= int(row) < len(out):
                continue
            parsed = python_value(value, kinds[name])
            if name == INDEX:
                out.index = out.index.delete(int(row)).insert(int(row), parsed)
            else:
                position = int(by_name[name].id[1:])
                _set_cell(out, int(row), position, parsed)
    deleted = [r for r in (state.get("deleted_rows") or []) if 0 <= r < len(out)]
    gone = set(deleted)
    positions = [r for r in range(len(out)) if r not in gone]
    if deleted:  # by position: rows that share a deleted row's label stay
        out = out.iloc[positions].copy()
    added = state.get("added_rows") or []
    for k, entry in enumerate(added):
        values: list[Any] = [None] * out.shape[1]
        index_value = None
        for name, value in entry.items():
            if name in by_name:
                parsed = python_value(value, kinds[name])
                if name == INDEX:
                    index_value = parsed
                else:
                    values[int(by_name[name].id[1:])] = parsed
        if index_value is None:
            index_value = _next_label(out.index)
            if index_value is None:  # a text index: the row needs its label (Streamlit)
                continue
        elif index_value in out.index:
            continue
        _append(out, index_value, values)
        positions.append(len(frame) + k)
    return out, positions


def _append(frame: pd.DataFrame, row_label: Any, values: list[Any]) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        frame.loc[row_label] = values


def _next_label(index: pd.Index) -> int | None:
    from pandas.api import types

    if len(index) == 0:
        return 0
    if types.is_integer_dtype(index.dtype):
        return int(index.max()) + 1
    return None


def _set_cell(frame: pd.DataFrame, row: int, position: int, value: Any) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        try:
            frame.iat[row, position] = value
        except (TypeError, ValueError):
            column = frame.iloc[:, position].astype(object)
            column.iat[row] = value
            frame.isetitem(position, column)


# -- back to the caller's type ----------------------------------------------------------------
def to_format(frame: pd.DataFrame, data: Any) -> Any:
    """The edited frame in the type of the data passed: DataFrame in, DataFrame out, ..."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    if data is None or isinstance(data, pd.DataFrame):
        return frame
    first = frame.iloc[:, 0] if frame.shape[1] else pd.Series(dtype=object)
    if isinstance(data, pd.Series):
        return first.rename(data.name)
    if isinstance(data, pa.Table):
        return pa.Table.from_pandas(frame, preserve_index=False)
    if isinstance(data, np.ndarray):
        return first.to_numpy() if data.ndim == 1 else frame.to_numpy()
    clean = frame.astype(object).where(frame.notna(), None)
    if isinstance(data, Mapping):
        values = list(data.values())
        if values and all(not isinstance(v, list | tuple | dict | Mapping) for v in values):
            return dict(zip(clean.index, clean.iloc[:, 0], strict=True))
        if values and all(isinstance(v, Mapping) for v in values):
            return clean.to_dict(orient="dict")
        return clean.to_dict(orient="list")
    if isinstance(data, set):
        return set(clean.iloc[:, 0])
    if isinstance(data, tuple):
        return tuple(clean.iloc[:, 0])
    if isinstance(data, list):
        if data and all(isinstance(r, Mapping) for r in data):
            return clean.to_dict(orient="records")
        if data and all(isinstance(r, list | tuple) for r in data):
            return clean.to_numpy().tolist()
        return list(clean.iloc[:, 0])
    return frame
