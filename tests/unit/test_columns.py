"""The effective configuration of each grid column (SPEC D1, D2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

import fragkernel as fk
from fragkernel._data.columns import ResolvedColumn, resolve_columns
from fragkernel._errors import StreamlitAPIException

cc = fk.column_config


def _by_name(columns: list[ResolvedColumn]) -> dict[str, ResolvedColumn]:
    return {c.name: c for c in columns}


FRAME = pd.DataFrame(
    {
        "int": [1, 2],
        "uint": pd.Series([1, 2], dtype="uint8"),
        "float": [1.5, None],
        "dec": [Decimal("1.1"), Decimal("2")],
        "bool": [True, False],
        "text": ["a", None],
        "stext": pd.Series(["a", "b"], dtype="string"),
        "when": pd.to_datetime(["2024-01-01", "2024-01-02"]),
        "whenz": pd.to_datetime(["2024-01-01", "2024-01-02"]).tz_localize("UTC"),
        "day": [dt.date(2024, 1, 1), dt.date(2024, 1, 2)],
        "clock": [dt.time(9), dt.time(10)],
        "cat": pd.Categorical(["S", "M"], categories=["S", "M", "L"]),
        "tags": [["a", "b"], []],
        "mixed": [1, "a"],
        "dict": [{"a": 1}, {"b": 2}],
        "delta": pd.to_timedelta([1, 2], unit="s"),
        "empty": [None, None],
    }
)


def test_kinds_are_inferred_from_the_data_as_streamlit_does() -> None:
    """D1: numbers, bool -> checkbox, datetime/date/time, categorical -> selectbox, lists ->
    list, strings -> text; what Streamlit shows as read-only text is "object"."""
    kinds = {c.name: c.kind for c in resolve_columns(FRAME)}
    assert kinds == {
        "_index": "number", "int": "number", "uint": "number", "float": "number",
        "dec": "number", "bool": "checkbox", "text": "text", "stext": "text",
        "when": "datetime", "whenz": "datetime", "day": "date", "clock": "time",
        "cat": "selectbox", "tags": "list", "mixed": "object", "dict": "object",
        "delta": "object", "empty": "text",
    }  # fmt: skip


def test_categories_are_the_options_and_integers_step_by_one() -> None:
    """D2: a categorical column offers its categories; an unsigned column starts at 0."""
    columns = _by_name(resolve_columns(FRAME))
    assert columns["cat"].options == ["S", "M", "L"]
    assert (columns["int"].step, columns["int"].min_value) == (1, None)
    assert (columns["uint"].step, columns["uint"].min_value) == (1, 0)
    assert columns["float"].step is None


def test_a_configured_type_wins_and_carries_its_options() -> None:
    """D1: a column type from column_config replaces the inferred one, with its options."""
    columns = _by_name(
        resolve_columns(
            FRAME,
            {
                "float": cc.ProgressColumn("Done", format="percent", min_value=0, max_value=1),
                "tags": cc.LineChartColumn(y_min=0, color="red"),
                "text": cc.SelectboxColumn(options=["a", "b"], width="small"),
                "int": cc.NumberColumn(format="%d ⭐", step=2),
                "when": cc.DatetimeColumn(timezone="UTC", format="calendar"),
            },
        )
    )
    progress = columns["float"]
    assert (progress.kind, progress.label, progress.format) == ("progress", "Done", "percent")
    assert (progress.min_value, progress.max_value) == (0, 1)
    assert (columns["tags"].kind, columns["tags"].type_options) == (
        "line_chart", {"y_min": 0, "color": "red"},
    )  # fmt: skip
    assert (columns["text"].options, columns["text"].width) == (["a", "b"], 75)
    assert (columns["int"].format, columns["int"].step) == ("%d ⭐", 2)
    assert columns["when"].type_options == {"timezone": "UTC"}
    assert columns["when"].format == "calendar"


def test_label_and_none_shortcuts() -> None:
    """D1: a str is the label, None hides the column; Column() keeps the inferred kind."""
    columns = _by_name(
        resolve_columns(FRAME, {"int": "Count", "text": None, "bool": cc.Column(help="h")})
    )
    assert columns["int"].label == "Count" and not columns["int"].hidden
    assert columns["text"].hidden and columns["text"].label == "text"
    assert (columns["bool"].kind, columns["bool"].help) == ("checkbox", "h")


def test_the_index() -> None:
    """D1: the index comes first, pinned, labelled by its name; _index and hide_index."""
    frame = pd.DataFrame({"x": [1]}, index=pd.Index(["a"], name="key"))
    index = resolve_columns(frame)[0]
    assert (index.name, index.label, index.kind, index.pinned, index.hidden) == (
        "_index", "key", "text", True, False,
    )  # fmt: skip
    assert resolve_columns(frame, hide_index=True)[0].hidden
    assert resolve_columns(frame, {"_index": cc.Column("Key", pinned=False)})[0].pinned is False
    assert resolve_columns(pd.DataFrame({"x": [1]}))[0].label == ""


def test_column_order_orders_and_hides() -> None:
    """D1: column_order lists the shown columns in order; the others are hidden."""
    frame = pd.DataFrame({"a": [1], "b": [2], "c": [3]})
    columns = resolve_columns(frame, column_order=["c", "a"])
    assert [(c.name, c.hidden) for c in columns] == [
        ("_index", False), ("c", False), ("a", False), ("b", True),
    ]  # fmt: skip
    with pytest.raises(StreamlitAPIException, match=r"column_order names \['z'\]"):
        resolve_columns(frame, column_order=["z"])


def test_dataframe_is_read_only_editor_edits_by_kind() -> None:
    """D1, D2: nothing is editable in a dataframe; in the editor, every editable kind is,
    except the disabled columns; read-only kinds (object, progress, charts) never are."""
    assert all(c.disabled for c in resolve_columns(FRAME))
    editor = _by_name(resolve_columns(FRAME, {"bool": cc.Column(disabled=True)}, editable=True))
    assert not editor["int"].disabled and not editor["text"].disabled
    assert editor["bool"].disabled and editor["mixed"].disabled and editor["delta"].disabled
    some = _by_name(resolve_columns(FRAME, editable=True, disabled=["int", "text"]))
    assert some["int"].disabled and some["text"].disabled and not some["float"].disabled
    assert all(c.disabled for c in resolve_columns(FRAME, editable=True, disabled=True))


def test_editor_refuses_a_type_that_cannot_edit_the_data() -> None:
    """D2: a checkbox column over dates cannot be edited: refused, as Streamlit refuses it,
    unless the column is disabled."""
    with pytest.raises(StreamlitAPIException, match=r"a checkbox column cannot edit .* date"):
        resolve_columns(FRAME, {"day": cc.CheckboxColumn()}, editable=True)
    resolve_columns(FRAME, {"day": cc.CheckboxColumn(disabled=True)}, editable=True)
    resolve_columns(FRAME, {"day": cc.CheckboxColumn()})  # a dataframe edits nothing
    resolve_columns(FRAME, {"text": cc.NumberColumn()}, editable=True)  # Streamlit allows it


def test_data_kinds_and_compatibility_are_streamlits() -> None:
    """D1, D2: each column's data kind is the one Streamlit determines (through Arrow), and
    the editor's type/data compatibility table is Streamlit's."""
    pa = pytest.importorskip("pyarrow")
    utils = pytest.importorskip("streamlit.elements.lib.column_config_utils")
    from fragkernel._data import columns

    frame = FRAME.drop(columns=["mixed"])  # not Arrow-compatible: Streamlit makes it text
    schema = utils.determine_dataframe_schema(frame, pa.Table.from_pandas(frame).schema)
    assert {c.name: c.data_kind for c in resolve_columns(frame)} == {
        name: kind.value for name, kind in schema.items()
    }
    theirs = utils._EDITING_COMPATIBILITY_MAPPING
    assert {k: {kind.value for kind in v} for k, v in theirs.items()} == columns._COMPATIBLE


def test_editor_requires_a_non_range_index() -> None:
    """D2: rows added in the editor need an index value when the index is not a range."""
    frame = pd.DataFrame({"x": [1]}, index=["a"])
    assert resolve_columns(frame, editable=True)[0].required
    assert not resolve_columns(pd.DataFrame({"x": [1]}), editable=True)[0].required


def test_positions_button_columns_and_bad_values() -> None:
    """D1: an int key is a position unless a column has that name; bad values are refused."""
    numbered = pd.DataFrame([[1, 2]])  # columns 0 and 1
    assert resolve_columns(numbered, {1: "second"})[2].label == "second"
    named = pd.DataFrame({"x": [1], "y": ["a"]})
    assert resolve_columns(named, {1: "why"})[2].label == "why"
    button = cc.ButtonColumn("Go")
    assert resolve_columns(named, {"y": button})[2].kind == "button"
    with pytest.raises(StreamlitAPIException, match="a label"):
        resolve_columns(named, {"x": 3})
    with pytest.raises(StreamlitAPIException, match="position is 0 to 1"):
        resolve_columns(named, {5: "z"})
    with pytest.raises(StreamlitAPIException, match="is not a width"):
        resolve_columns(named, {"x": cc.Column(width="huge")})  # type: ignore[arg-type]


def test_boolean_selectbox_offers_true_and_false() -> None:
    """D2: a selectbox over booleans offers True and False when given no options."""
    column = resolve_columns(FRAME, {"bool": cc.SelectboxColumn()})[5]
    assert (column.name, column.options) == ("bool", [True, False])


def test_a_button_column_with_a_callback_is_refused_not_dropped() -> None:
    """D1: ButtonColumn(key=, on_click=) needs clickable cells, which the grid does not draw:
    the grid says so rather than silently dropping the callback; without them it shows text."""
    frame = pd.DataFrame({"action": ["archive", "keep"]})
    clicks = fk.column_config.ButtonColumn("Act", on_click=lambda: None, key="act")
    with pytest.raises(StreamlitAPIException, match="clickable"):
        resolve_columns(frame, {"action": clicks})
    (_, column) = resolve_columns(frame, {"action": fk.column_config.ButtonColumn("Act")})
    assert column.label == "Act"
