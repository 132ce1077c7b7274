"""The grid's pure logic: schema, paging, sort, fingerprint, selection, edit dicts (SPEC D1, D2,
U1)."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from fragkernel._data import edits as ed
from fragkernel._data.columns import data_kind
from fragkernel._data.grid import (
    FIRST_BLOCK,
    FrameView,
    browser_selection,
    build_columns,
    check_selection,
    selection_modes,
)
from fragkernel._errors import StreamlitAPIException


def _read(block: bytes) -> pd.DataFrame:
    return pa.ipc.open_stream(block).read_all().to_pandas()


def _view(frame: pd.DataFrame, **kw: object) -> FrameView:
    return FrameView(frame, build_columns(frame, **kw))  # type: ignore[arg-type]


@pytest.fixture
def people() -> pd.DataFrame:
    return pd.DataFrame(
        {"name": ["Ada", "Bob", "Cy", "Di"], "age": [36.0, np.nan, 25.0, 36.0],
         "ok": [True, False, True, False]},
        index=pd.Index([10, 11, 12, 13], name="id"),
    )  # fmt: skip


def test_column_kinds_follow_streamlit() -> None:
    """D1: each dtype maps to the column kind the browser formats and the editor checks."""
    frame = pd.DataFrame(
        {
            "i": [1, 2], "f": [1.5, None], "b": [True, False], "s": ["a", "b"],
            "t": pd.to_datetime(["2024-01-01", "2024-01-02"]),
            "d": [datetime.date(2024, 1, 1), None], "l": [[1], [2, 3]], "e": [None, None],
            "td": pd.to_timedelta([1, 2], unit="s"), "c": pd.Categorical(["x", "y"]),
        }
    )  # fmt: skip
    kinds = {name: data_kind(frame[name]) for name in frame.columns}
    assert kinds == {"i": "integer", "f": "float", "b": "boolean", "s": "string",
                     "t": "datetime", "d": "date", "l": "list", "e": "empty",
                     "td": "timedelta", "c": "string"}  # fmt: skip


def test_schema_config_order_and_hidden_index(people: pd.DataFrame) -> None:
    """D1: column_config (None hides, a string labels, a ColumnConfig dict configures),
    column_order and hide_index shape the schema the browser gets; each column keeps its
    field id (its position in the frame) whatever the order."""
    config = {"age": {"label": "Age", "type_config": {"type": "number", "format": "%d"}},
              "ok": None, "_index": "ID"}  # fmt: skip
    columns = build_columns(people, config, column_order=["age", "name"], hide_index=True)
    schema = [c.describe() for c in columns]
    assert [s["id"] for s in schema] == ["i0", "c1", "c0", "c2"]
    assert schema[0]["name"] == "ID" and schema[0]["index"] and schema[0]["hidden"]
    assert schema[1]["name"] == "Age" and schema[1]["type_config"] == {
        "type": "number",
        "format": "%d",
    }
    assert schema[2]["name"] == "name" and not schema[2]["hidden"]
    assert schema[3]["hidden"] is True  # not in column_order (and None in the config)
    with pytest.raises(StreamlitAPIException, match="column_order names"):
        build_columns(people, column_order=["nope"])


def test_first_block_is_bounded_whatever_the_length() -> None:
    """D1: the first block of a 1,000,000-row frame carries FIRST_BLOCK rows, a few KB."""
    frame = pd.DataFrame({"x": np.arange(1_000_000), "y": np.random.default_rng(0).random(
        1_000_000)})  # fmt: skip
    view = _view(frame)
    block = view.block(0, FIRST_BLOCK)
    assert len(_read(block)) == FIRST_BLOCK
    assert len(block) < 10_000
    last = _read(view.block(999_990, 1_000_010))
    assert list(last["c0"]) == list(range(999_990, 1_000_000))  # clamped to the end


def test_sort_is_stable_missing_last_and_index_aware(people: pd.DataFrame) -> None:
    """D1: the kernel sorts the full frame: stable (ties keep frame order), NaN last in both
    directions, by the index too; each block carries the original positions."""
    view = _view(people)
    up = _read(view.block(0, 4, (("c1", True),)))
    assert list(up["c0"]) == ["Cy", "Ada", "Di", "Bob"]
    assert list(up["_pos"]) == [2, 0, 3, 1]
    down = _read(view.block(0, 4, (("c1", False),)))
    assert list(down["c0"]) == ["Ada", "Di", "Cy", "Bob"]  # 36 ties keep order; NaN last
    by_index = _read(view.block(0, 4, (("i0", False),)))
    assert list(by_index["i0"]) == [13, 12, 11, 10]
    two_keys = _read(view.block(0, 4, (("c2", True), ("c0", False))))
    assert list(two_keys["c0"]) == ["Di", "Bob", "Cy", "Ada"]
    assert view.order((("c1", True),)) is view.order((("c1", True),))  # cached


def test_sort_of_mixed_values_falls_back_to_text() -> None:
    """D1: a column of values that do not compare sorts by their text instead of failing."""
    view = _view(pd.DataFrame({"m": [3, "b", 1.5, None, "a"]}))
    assert list(_read(view.block(0, 5, (("c0", True),)))["_pos"]) == [2, 0, 4, 1, 3]


def test_sort_requests_from_the_browser_are_checked(people: pd.DataFrame) -> None:
    """U1: a sort naming an unknown column or direction is refused."""
    view = _view(people)
    assert view.parse_sort([["c1", "desc"]]) == (("c1", False),)
    for bad in ([["zz", "asc"]], [["c1", "up"]], "c1", [["c1"]], [["c0", "asc"]] * 5):
        with pytest.raises(ValueError):
            view.parse_sort(bad)


def test_fingerprint_sees_changes_and_ignores_equal_copies() -> None:
    """D1: the same frame again, or an equal copy (a cached result), is the same data; a change
    in a short frame, a long frame's shape or a sampled row, or a changed copy, is not."""
    small = pd.DataFrame({"a": [1, 2, 3]})
    view = _view(small)
    assert view.same_data(small) and view.same_data(small.copy())
    small.iloc[1, 0] = 20  # in place, same object
    assert not view.same_data(small)
    big = pd.DataFrame({"a": np.arange(200_000)})
    view = _view(big)
    assert view.same_data(big) and view.same_data(big.copy())
    changed = big.copy()
    changed.iloc[123_457, 0] = -1  # a row the sample does not read: the full hash sees it
    assert not view.same_data(changed)
    assert not view.same_data(big.iloc[:-1])
    big.iloc[0, 0] = -5  # in place, a sampled row
    assert not view.same_data(big)


def test_selection_modes_are_checked_as_streamlit_does() -> None:
    """D1: unknown modes, two row modes, single+multi column or cell are refused."""
    assert selection_modes("multi-row") == {"multi-row"}
    for bad in ("rows", ["single-row", "multi-row"], ["single-cell", "multi-cell"],
                ["single-column", "multi-column"]):  # fmt: skip
        with pytest.raises(StreamlitAPIException):
            selection_modes(bad)


def test_browser_selection_becomes_streamlits_object(people: pd.DataFrame) -> None:
    """D1, U1: rows named by their place in the browser's sorted view come back as original
    positions (after those named by original position); columns by label; cells as (row,
    label) tuples; a bad selection is refused."""
    view = _view(people)
    modes = frozenset({"multi-row", "multi-column", "multi-cell"})
    state = browser_selection(
        view, {"positions": [3], "rows": [0, 3], "columns": ["c2"], "cells": [[1, "c0"]],
               "sort": [["c1", "asc"]]}, modes)  # fmt: skip
    assert state == {"selection": {"rows": [3, 2, 1], "columns": ["ok"],
                                   "cells": [(1, "name")]}}  # fmt: skip
    assert state.selection.rows == [3, 2, 1]  # attribute access, as Streamlit's object
    single = browser_selection(view, {"rows": [1, 2]}, frozenset({"single-row"}))
    assert single.selection.rows == [1]
    for bad in ({"rows": [4]}, {"rows": ["0"]}, {"columns": ["zz"]}, {"cells": [[0, "i0"]]},
                {"rows": 0}, {"positions": [-1]}, {"positions": [True]}):  # fmt: skip
        with pytest.raises(ValueError):
            browser_selection(view, bad, modes)


def test_selection_from_session_state_is_filtered() -> None:
    """D1: a programmatic selection keeps what the modes allow; a malformed one raises."""
    modes = frozenset({"single-row-required"})
    assert check_selection({"selection": {"rows": [7, 1]}}, 3, ["a"], modes).selection.rows == [1]
    assert check_selection({"selection": {}}, 3, ["a"], modes).selection.rows == [0]
    with pytest.raises(StreamlitAPIException, match="'selection' key"):
        check_selection({"rows": [1]}, 3, ["a"], modes)


@pytest.mark.parametrize(
    ("kind", "sent", "stored"),
    [("integer", "42", 42), ("integer", 7.0, 7), ("float", " 2.5 ", 2.5), ("boolean", "true", True),
     ("string", 12, "12"), ("date", "2024-02-03T00:00", "2024-02-03"),
     ("datetime", "2024-02-03 04:05", "2024-02-03T04:05:00"), ("time", "04:05", "04:05:00"),
     ("list", "a, b", ["a", "b"])],
)  # fmt: skip
def test_edits_are_checked_and_stored_as_json(kind: str, sent: object, stored: object) -> None:
    """D2: an edit is converted to the column's kind and stored as Streamlit stores it."""
    from fragkernel._data.grid import Column

    assert ed.check_value(sent, Column("c0", "x", kind)) == stored


@pytest.mark.parametrize(
    ("kind", "config", "sent", "message"),
    [("integer", {}, "abc", "'abc' is not a whole number: column 'x' holds numbers"),
     ("float", {}, "twelve", "'twelve' is not a number"),
     ("integer", {}, 1.5, "holds whole numbers"),
     ("boolean", {}, "maybe", "is not true or false"),
     ("date", {}, "someday", "is not a date"),
     ("float", {"type_config": {"type": "number", "max_value": 5}}, 9, "above the maximum 5"),
     ("string", {"type_config": {"type": "text", "max_chars": 2}}, "abc", "at most 2"),
     ("string", {"type_config": {"type": "text", "validate": "^[a-z]+$"}}, "A1",
      "does not match"),
     ("string", {"type_config": {"type": "selectbox", "options": ["a", "b"]}}, "c",
      "not an option"),
     ("float", {"required": True}, None, "requires a value")],
)  # fmt: skip
def test_bad_edits_are_refused_with_a_message(
    kind: str, config: dict[str, object], sent: object, message: str
) -> None:
    """D2, U1: a word in a number column (and every other misfit) is refused, with a reason."""
    from fragkernel._data.grid import Column

    with pytest.raises(ed.EditRefused, match=message):
        ed.check_value(sent, Column("c0", "x", kind, config=config))


@pytest.mark.parametrize(
    ("kind", "type_config", "sent", "outcome"),
    [("integer", {"type": "selectbox", "options": [{"value": 1, "label": "one"},
                                                    {"value": 2, "label": "two"}]}, 2, 2),
     ("integer", {"type": "selectbox", "options": [{"value": 1, "label": "one"}]}, "one",
      "not an option"),
     ("boolean", {"type": "selectbox", "options": [True, False]}, False, False),
     ("integer", {"type": "selectbox", "options": [0, 1]}, True, "not an option"),
     ("list", {"type": "multiselect", "options": [{"value": "a"}, {"value": "b"}]}, ["b"],
      ["b"]),
     ("list", {"type": "multiselect", "options": [{"value": "a"}]}, ["z"], "not an option"),
     ("date", {"type": "date", "min_value": "2024-01-01", "max_value": "2024-12-31"},
      "2024-05-06", "2024-05-06"),
     ("date", {"type": "date", "min_value": "2024-01-01"}, "2023-12-31",
      "before the earliest date 2024-01-01"),
     ("datetime", {"type": "datetime", "max_value": "2024-01-01T12:00:00"},
      "2024-01-01T12:30", "after the latest datetime"),
     ("time", {"type": "time", "min_value": "09:00:00"}, "08:59", "before the earliest time"),
     ("time", {"type": "time", "min_value": "09:00:00"}, "09:30", "09:30:00"),
     ("string", {"type": "link", "validate": r"^https://.*"}, "ftp://x", "does not match"),
     ("integer", {"type": "checkbox"}, True, True)],
)  # fmt: skip
def test_edits_by_column_type_are_checked_in_the_kernel(
    kind: str, type_config: dict[str, object], sent: object, outcome: object
) -> None:
    """D2, U1: whatever the browser's editor sends (a select box's option, a picker's date, a
    checkbox), the kernel checks it against the column type: options (plain or with labels),
    date/time bounds, a link's pattern; a value it refuses says why."""
    from fragkernel._data.grid import Column

    column = Column("c0", "x", kind, config={"type_config": type_config})
    if isinstance(outcome, str) and " " in outcome:
        with pytest.raises(ed.EditRefused, match=outcome):
            ed.check_value(sent, column)
    else:
        assert ed.check_value(sent, column) == outcome


def test_disabled_and_read_only_columns_cannot_be_edited(people: pd.DataFrame) -> None:
    """D2: ``disabled`` (all, or named columns) and read-only column types refuse edits."""
    columns = build_columns(people, {"age": {"type_config": {"type": "progress"}}},
                            editable=True, disabled=["name"])  # fmt: skip
    by = {ed.label(c): c for c in columns}
    assert ed.editable(by["name"], False) == "column 'name' is disabled."
    assert (
        ed.editable(by["age"], False) == "column 'age' is a progress column: it cannot be edited."
    )
    assert ed.editable(by["ok"], False) is None
    assert ed.editable(by["ok"], True) == "column 'ok' is disabled."


def test_edit_dict_and_edited_frame(people: pd.DataFrame) -> None:
    """D2: edits, additions and deletions make Streamlit's edit dict, and applying it gives
    the edited frame (cells, then deletions, then additions; new index labels follow on)."""
    columns = build_columns(people)
    state = ed.with_edit(ed.empty_edits(), 4, 1, "age", 40.0)
    state = ed.with_added(state, {"ok": True})
    state = ed.with_edit(state, 4, 4, "name", "Eve")
    state = ed.with_deleted(state, 4, [0])
    assert state == {"edited_rows": {1: {"age": 40.0}},
                     "added_rows": [{"ok": True, "name": "Eve"}], "deleted_rows": [0]}  # fmt: skip
    frame, positions = ed.edited(people, state, columns)
    assert list(frame.index) == [11, 12, 13, 14]
    assert frame.loc[11, "age"] == 40.0 and frame.loc[14, "name"] == "Eve"
    assert positions == [1, 2, 3, 4]
    assert people.loc[11, "age"] != 40.0  # the caller's frame is untouched
    dropped = ed.with_deleted(state, 4, [4])  # deleting an added row removes it
    assert dropped["added_rows"] == [] and dropped["deleted_rows"] == [0]


def test_edited_data_comes_back_in_its_own_type() -> None:
    """D2: DataFrame in, DataFrame out; lists, dicts, sets, arrays and tables keep their type."""
    frame = pd.DataFrame({"a": [1, 2]})
    assert ed.to_format(frame, frame) is frame
    assert ed.to_format(frame, [5, 6]) == [1, 2]
    assert ed.to_format(frame, [{"a": 0}, {"a": 0}]) == [{"a": 1}, {"a": 2}]
    assert ed.to_format(frame, {"a": [0, 0]}) == {"a": [1, 2]}
    assert ed.to_format(frame, {3, 4}) == {1, 2}
    assert ed.to_format(frame, (3, 4)) == (1, 2)
    assert list(ed.to_format(frame, np.array([3, 4]))) == [1, 2]
    assert isinstance(ed.to_format(frame, pa.table({"a": [0, 0]})), pa.Table)
    assert list(ed.to_format(frame, pd.Series([0, 0], name="a"))) == [1, 2]
