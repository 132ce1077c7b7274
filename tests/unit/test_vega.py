"""The spec/data split of charts: stable names, Streamlit's rules, selections (D3, U1)."""

from __future__ import annotations

import io
import json

import altair as alt
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from fragkernel._data import vega
from fragkernel._errors import StreamlitAPIException


def _frame(seed: int, rows: int = 20) -> pd.DataFrame:
    data = np.random.default_rng(seed).standard_normal((rows, 3))
    return pd.DataFrame(data, columns=["a", "b", "c"])


def _chart(seed: int) -> alt.Chart:
    """A chart built anew each time, as a rerun builds it: Altair's counters move on."""
    return (
        alt.Chart(_frame(seed))
        .mark_circle()
        .encode(x="a", y="b", color="c")
        .add_params(alt.selection_point(), alt.selection_interval())
    )


def _split(chart: alt.TopLevelMixin) -> vega.Split:
    spec = vega.prepare(vega.altair_spec(chart), stretch=True, width="stretch", height="content")
    return vega.split(spec)


def test_same_chart_other_data_gives_the_same_spec() -> None:
    """D3: only the data differs between two builds with other data: the spec is equal."""
    first, second = _split(_chart(0)), _split(_chart(1))
    assert first.spec_json == second.spec_json
    assert list(first.datasets) == list(second.datasets) == ["fk_data_0"]
    assert not first.datasets["fk_data_0"].equals(second.datasets["fk_data_0"])
    params = [p["name"] for p in first.spec["params"]]
    assert params == ["param_1", "param_2"]  # renumbered: Altair's counter is global


def test_layers_with_two_frames_get_positional_names() -> None:
    """D3: each frame is a dataset of its own, named by position; layers point at them."""
    base = alt.Chart(_frame(0)).mark_line().encode(x="a", y="b")
    dots = alt.Chart(_frame(1)).mark_point().encode(x="a", y="c")
    split = _split(base + dots)
    assert list(split.datasets) == ["fk_data_0", "fk_data_1"]
    names = [layer["data"]["name"] for layer in split.spec["layer"]]
    assert sorted(names) == ["fk_data_0", "fk_data_1"]
    again = _split(alt.Chart(_frame(5)).mark_line().encode(x="a", y="b") + dots)
    assert again.spec_json == split.spec_json


def test_the_same_frame_twice_is_one_dataset() -> None:
    frame = _frame(0)
    chart = alt.Chart(frame).mark_line().encode(x="a", y="b") + alt.Chart(frame).mark_point(
    ).encode(x="a", y="b")  # fmt: skip
    assert list(_split(chart).datasets) == ["fk_data_0"]


def test_more_than_altairs_row_limit_is_fine() -> None:
    """Altair refuses 5,000+ rows by default; Streamlit does not, nor do we."""
    split = _split(alt.Chart(_frame(0, rows=20_000)).mark_point().encode(x="a", y="b"))
    assert len(split.datasets["fk_data_0"]) == 20_000


def test_vega_lite_spec_data_and_inline_values() -> None:
    """D3: the data argument and top-level ``data.values`` become the main dataset."""
    spec = {"mark": "bar", "encoding": {"x": {"field": "a", "type": "ordinal"}}}
    split = vega.split(spec, pd.DataFrame({"a": [1, 2]}))
    assert split.spec["data"] == {"name": "fk_data_0"}
    inline = vega.split({**spec, "data": {"values": [{"a": 1}]}})
    assert inline.spec["data"] == {"name": "fk_data_0"}
    assert inline.datasets == {"fk_data_0": [{"a": 1}]}
    assert "data" not in spec  # the user's dict is left as it was


def test_user_dataset_names_stay_and_hash_names_go() -> None:
    spec = {
        "datasets": {"mine": [{"a": 1}], "data-0123456789abcdef0123": [{"k": 1, "v": 2}]},
        "data": {"name": "mine"},
        "transform": [{"lookup": "a", "from": {
            "data": {"name": "data-0123456789abcdef0123"}, "key": "k", "fields": ["v"]}}],
        "mark": "point",
    }  # fmt: skip
    split = vega.split(spec)
    assert set(split.datasets) == {"mine", "fk_data_0"}
    assert split.spec["data"] == {"name": "mine"}
    assert split.spec["transform"][0]["from"]["data"] == {"name": "fk_data_0"}


def test_geojson_stays_in_the_spec() -> None:
    geo = {"type": "FeatureCollection", "features": []}
    split = vega.split({"datasets": {"shapes": geo}, "mark": "geoshape"})
    assert split.datasets == {}
    assert split.spec["datasets"] == {"shapes": geo}


def test_prepare_follows_streamlit() -> None:
    """Streamlit's autosize defaults, width and height, and no empty spec."""
    with pytest.raises(StreamlitAPIException, match="non-empty spec"):
        vega.prepare({}, stretch=True, width="stretch", height="content")
    spec = vega.prepare({"mark": "bar"}, stretch=True, width="stretch", height="content")
    assert spec["autosize"] == {"type": "fit", "contains": "padding"}
    assert spec["width"] == "container"
    fixed = vega.prepare({"mark": "bar"}, stretch=False, width=300, height=200)
    assert (fixed["width"], fixed["height"]) == (300, 200)
    facet = {"mark": "bar", "encoding": {"row": {"field": "a"}}}
    assert vega.default_width(facet) == "content"
    assert vega.prepare(facet, stretch=False, width="content", height="content")["autosize"][
        "type"
    ] == "pad"  # fmt: skip
    with pytest.raises(StreamlitAPIException, match="Invalid width"):
        vega.check_size("width", -3)


def test_encode_chooses_arrow_for_big_frames_and_keeps_values() -> None:
    """D3: a big numeric frame goes as Arrow (about a third of JSON's size), rows intact."""
    frame = _frame(0, rows=1000)
    fmt, payload = vega.encode(frame)
    assert fmt == "arrow"
    assert len(payload) < len(frame.to_json(orient="records")) / 2
    table = pa.ipc.open_stream(io.BytesIO(payload)).read_all()
    assert table.column_names == ["a", "b", "c"]
    assert table.column("a").to_pylist()[:3] == frame["a"].tolist()[:3]


def test_encode_narrows_small_integers() -> None:
    """D3: int64 columns whose values fit go as int32 (JavaScript reads doubles anyway)."""
    frame = pd.DataFrame({"i": np.arange(1000), "big": np.arange(1000) * 2**40})
    table = pa.ipc.open_stream(io.BytesIO(vega.encode(frame)[1])).read_all()
    assert table.schema.field("i").type == pa.int32()
    assert table.schema.field("big").type == pa.int64()
    assert table.column("big").to_pylist()[-1] == 999 * 2**40


def test_encode_small_and_odd_frames_as_json() -> None:
    dates = pd.DataFrame({"d": pd.to_datetime(["2024-01-02"]), "v": [1.5]})
    fmt, payload = vega.encode(dates)
    assert fmt == "json"
    assert json.loads(payload) == [{"d": "2024-01-02T00:00:00", "v": 1.5}]
    mixed = pd.DataFrame({"m": [1, "two", 3.0] * 100})
    fmt, payload = vega.encode(mixed)
    assert fmt == "json" and len(json.loads(payload)) == 300
    assert vega.encode([{"a": float("nan")}]) == ("json", b'[{"a":null}]')


def test_selection_modes_as_streamlit() -> None:
    spec = _split(_chart(0)).spec
    assert vega.selection_modes(spec, None) == ["param_1", "param_2"]
    assert vega.selection_modes(spec, "param_2") == ["param_2"]
    with pytest.raises(StreamlitAPIException, match="Selection parameter 'x' is not defined"):
        vega.selection_modes(spec, ["x"])
    with pytest.raises(StreamlitAPIException, match="does not have any selections defined"):
        vega.selection_modes({"mark": "bar"}, None)
    nested = {"layer": [{"params": [{"name": "p", "select": "point"}]}]}
    assert vega.selection_modes(nested, None) == ["p"]


def test_state_is_streamlits_read_only_object() -> None:
    state = vega.state({"pick": [{"a": 1}], "box": {}})
    assert state == {"selection": {"pick": [{"a": 1}], "box": {}}}
    assert state.selection.pick == [{"a": 1}]
    assert state["selection"]["box"] == {}
    with pytest.raises(TypeError, match="read-only"):
        state["selection"] = {}
    with pytest.raises(TypeError, match="read-only"):
        state.selection.pick = []
    with pytest.raises(AttributeError):
        _ = state.nope
    assert vega.empty_state(["b", "a"]) == {"selection": {"b": {}, "a": {}}}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"p": [{"a": 1, "b": "x"}]}, {"p": [{"a": 1, "b": "x"}]}),
        ({"i": {"a": [1.5, 2.5]}}, {"i": {"a": [1.5, 2.5]}}),
        ({"p": None, "i": {}}, {"p": {}, "i": {}}),
    ],
)
def test_selection_from_the_browser_accepted(raw: object, expected: object) -> None:
    """U1: well-formed selections pass as they are."""
    assert vega.check_selection(raw, ["p", "i"]) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "text",
        ["p"],
        {"other": []},
        {"p": [{"a": [1]}]},
        {"p": [3]},
        {"p": "all"},
        {"i": {"a": "1..2"}},
        {"i": {"a": [{"x": 1}]}},
        {"p": [{"a": 1}] * (vega.MAX_SELECTED + 1)},
    ],
)
def test_selection_from_the_browser_refused(raw: object) -> None:
    """U1: anything else is refused with a reason (the kernel logs it and keeps running)."""
    with pytest.raises(ValueError, match=r"."):
        vega.check_selection(raw, ["p", "i"])
