"""One conversion of user data for the grid, the editor and the charts (SPEC D1-D3)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from fragkernel._data.frames import to_frame
from fragkernel._errors import FragmentError


@pytest.mark.parametrize(
    ("data", "columns", "rows"),
    [
        (None, [], 0),
        ({"a": [1, 2], "b": [3, 4]}, ["a", "b"], 2),
        ({"a": 1, "b": 2}, ["value"], 2),
        ([1, 2, 3], ["value"], 3),
        ([{"x": 1}, {"x": 2, "y": 3}], ["x", "y"], 2),
        ([[1, 2], [3, 4], [5, 6]], [0, 1], 3),
        (np.arange(6).reshape(3, 2), [0, 1], 3),
        (pa.table({"q": [1, 2]}), ["q"], 2),
        (pd.Series([1, 2], name="s"), ["s"], 2),
        (pd.Index([4, 5], name="i"), ["i"], 2),
        (pd.DataFrame({"c": [1]}).style, ["c"], 1),
    ],
)
def test_accepted_inputs_become_frames(data: object, columns: list[object], rows: int) -> None:
    frame = to_frame(data)
    assert list(frame.columns) == columns
    assert len(frame) == rows


def test_a_frame_is_not_copied() -> None:
    df = pd.DataFrame({"a": [1]})
    assert to_frame(df) is df


@pytest.mark.parametrize("bad", [3, "text", np.zeros((2, 2, 2))])
def test_what_cannot_be_a_table_is_named(bad: object) -> None:
    with pytest.raises(FragmentError, match=r"table|dimensions"):
        to_frame(bad)


@pytest.mark.parametrize(
    ("data", "grid"),
    [
        (pd.DataFrame({"a": [1]}), True),
        (pd.Series([1, 2]), True),
        (pd.Index([1, 2]), True),
        (pd.DataFrame({"a": [1]}).style, True),
        (pd.array([1, 2]), True),
        (np.zeros((2, 3)), True),
        (np.zeros(3), True),
        (np.zeros((2, 2, 2)), False),
        (pa.table({"a": [1]}), True),
        (pa.array([1, 2]), True),
        ({"a": pd.Series([1])}, True),
        ({"a": 1}, False),
        ([1, 2], False),
        ("text", False),
        (np.float64(1.5), False),
        (pd.Timestamp("2024-01-01"), False),
        (pd.DataFrame, False),
    ],
)
def test_write_draws_as_a_grid_what_streamlit_does(data: object, grid: bool) -> None:
    """D1: ``write`` draws frames, series, stylers, 1-2-D arrays and Arrow data as a grid,
    as Streamlit's ``st.write`` does; plain dicts and lists stay JSON, scalars text."""
    from fragkernel._data.frames import is_dataframe_like

    assert is_dataframe_like(data) is grid


def test_a_dask_frame_draws_its_first_rows() -> None:
    """D1: a Dask DataFrame (lazy, maybe bigger than memory) is drawn by its first rows."""
    dd = pytest.importorskip("dask.dataframe")
    lazy = dd.from_pandas(pd.DataFrame({"n": range(25_000)}), npartitions=5)
    frame = to_frame(lazy)
    assert list(frame.columns) == ["n"]
    assert len(frame) == 10_000
    assert frame["n"].iloc[-1] == 9_999
