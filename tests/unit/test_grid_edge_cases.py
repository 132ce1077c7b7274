"""Frames and edits at the edges: duplicate labels, zones, uint64, changes in place (D1, D2, U1).

Each test is what a user would see.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from fragkernel._data import edits as ed
from fragkernel._data.grid import FrameView, build_columns


def _rows(view: FrameView, start: int = 0, end: int = 5) -> dict[str, list[Any]]:
    return pa.ipc.open_stream(view.block(start, end)).read_all().to_pydict()  # type: ignore[no-any-return]


def test_duplicate_column_names_show_each_columns_own_data() -> None:
    """D1: a frame with two columns named ``a`` shows both columns' values, under two fields."""
    frame = pd.DataFrame([[1, 2], [3, 4]], columns=["a", "a"])
    columns = build_columns(frame)
    ids = [c.id for c in columns]
    assert len(set(ids)) == len(ids), ids
    rows = _rows(FrameView(frame, columns))
    assert sorted(v for k, v in rows.items() if k.startswith("c")) == [[1, 3], [2, 4]]


def test_timezone_aware_datetimes_show_their_own_wall_time() -> None:
    """D1: 12:00 in Berlin is shown as 12:00 (Streamlit shows it in the column's zone), not
    as 11:00 with no zone: either the wall time travels, or the zone travels with the schema."""
    frame = pd.DataFrame({"t": pd.date_range("2024-01-01 12:00", periods=1, tz="Europe/Berlin")})
    columns = build_columns(frame)
    millis = _rows(FrameView(frame, columns))["c0"][0]
    wall = pd.Timestamp("2024-01-01 12:00").value // 1_000_000
    zone = columns[1].describe()["type_config"].get("timezone")
    assert millis == wall or zone == "Europe/Berlin"


def test_uint64_values_above_int64_are_shown_as_they_are() -> None:
    """D1: an unsigned 64-bit column shows 18446744073709551615, not -1."""
    frame = pd.DataFrame({"u": np.array([2**64 - 1, 1], dtype=np.uint64)})
    assert _rows(FrameView(frame, build_columns(frame)))["c0"] == [2**64 - 1, 1]


def test_a_change_in_place_before_the_first_rerun_is_sent() -> None:
    """D1: a 10,000-row frame changed in place (a row outside the sampled ones) by a
    callback before the first rerun is not 'the same data': the grid must show the change."""
    frame = pd.DataFrame({"a": np.arange(10_000)})
    view = FrameView(frame, build_columns(frame))
    frame.iloc[5, 0] = -1
    assert not view.same_data(frame)


def _integer_column() -> Any:
    frame = pd.DataFrame({"i": [1, 2]})
    return next(c for c in build_columns(frame, editable=True) if not c.index)


def test_overflowing_text_in_an_integer_column_is_refused() -> None:
    """U1, D2: '1e400' typed into an integer column is refused with a message."""
    with pytest.raises(ed.EditRefused):
        ed.check_value("1e400", _integer_column())


def test_a_fraction_typed_into_an_integer_column_is_refused_like_the_number() -> None:
    """U1, D2: '1.5' and 1.5 get the same answer in a whole-number column: refused."""
    column = _integer_column()
    with pytest.raises(ed.EditRefused):
        ed.check_value(1.5, column)
    with pytest.raises(ed.EditRefused):
        ed.check_value("1.5", column)


def test_an_integer_beyond_int64_is_refused() -> None:
    """U1, D2: 10**30 cannot be held by an int64 column: refused, not stored."""
    with pytest.raises(ed.EditRefused):
        ed.check_value(10**30, _integer_column())


def test_the_busy_mark_refuses_state_from_the_front_end() -> None:
    """U1, W2: fragkernel's own HTML is structure the browser cannot change (controls.HTML
    refuses it); the stock running mark shown where the status widget is not is no
    exception."""
    from fragkernel._frontend import controls
    from fragkernel._frontend.status import BusyMark

    update = {"content": {"data": {"method": "update", "state": {"value": "<b>injected</b>"},
                                   "buffer_paths": []}}, "buffers": []}  # fmt: skip
    for widget in (controls.HTML(value="kept"), BusyMark()):
        before = widget.value
        widget._handle_msg(update)
        assert widget.value == before, type(widget).__name__
