"""pydeck_chart's pure logic: the deck JSON, tooltips, selections (SPEC D3, U1)."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd
import pytest

from fragkernel._data import deck as decks
from fragkernel._errors import StreamlitAPIException

pdk = pytest.importorskip("pydeck")


def _deck(n: int = 3, **kwargs: Any) -> Any:
    df = pd.DataFrame({"lat": [37.7 + i / 100 for i in range(n)], "lon": [-122.4] * n,
                       "name": [f"p{i}" for i in range(n)]})  # fmt: skip
    layer = pdk.Layer("ScatterplotLayer", data=df, id="pts", get_position="[lon, lat]",
                      get_radius=100, pickable=True)  # fmt: skip
    return pdk.Deck(layers=[layer], initial_view_state=pdk.ViewState(latitude=37.7,
                    longitude=-122.4, zoom=11), **kwargs)  # fmt: skip


def test_spec_is_pydecks_json_compact() -> None:
    """D3: the browser gets what ``Deck.to_json()`` says, without its indentation."""
    deck = _deck(tooltip={"html": "<b>{name}</b>"})
    built = decks.spec(deck)
    assert json.loads(built.json) == json.loads(deck.to_json())
    assert "\n" not in built.json and len(built.json) < len(deck.to_json()) * 0.7
    assert json.loads(built.tooltip) == {"html": "<b>{name}</b>"}
    assert built.layers["pts"] == [
        {"lat": 37.7 + i / 100, "lon": -122.4, "name": f"p{i}"} for i in range(3)
    ]


def test_nan_in_the_data_becomes_null() -> None:
    """D3: NaN is not JSON: the browser's JSON.parse would refuse the whole deck."""
    deck = _deck()
    deck.layers[0].data = [{"lat": math.nan, "lon": 1.0}]
    text = decks.spec(deck).json
    assert "NaN" not in text and json.loads(text)["layers"][0]["data"] == [
        {"lat": None, "lon": 1.0}
    ]


def test_no_deck_is_streamlits_empty_map_and_other_types_are_refused() -> None:
    """D3: ``pydeck_chart()`` draws Streamlit's empty view; a non-deck gets a clear error."""
    assert json.loads(decks.spec(None).json) == decks.EMPTY_DECK
    with pytest.raises(StreamlitAPIException, match=r"pydeck\.Deck"):
        decks.spec({"layers": []})


def test_selection_modes_are_streamlits() -> None:
    """D3: one mode, as a string; Streamlit's messages otherwise."""
    assert decks.check_mode("multi-object") == "multi-object"
    with pytest.raises(StreamlitAPIException, match="single value"):
        decks.check_mode(["single-object"])
    with pytest.raises(StreamlitAPIException, match="Supported values"):
        decks.check_mode("points")


LAYERS: dict[str, list[Any] | None] = {"pts": [{"a": 0}, {"a": 1}, {"a": 2}], "hex": None}


def test_selection_objects_are_the_kernels_rows() -> None:
    """U1: the objects of a layer whose rows the kernel holds are its own rows, whatever the
    browser said; a layer without rows in the kernel keeps the browser's plain objects."""
    raw = {"indices": {"pts": [2], "hex": [7]},
           "objects": {"pts": [{"a": "forged"}], "hex": [{"count": 4}]}}  # fmt: skip
    out = decks.check_selection(raw, LAYERS, "multi-object")
    assert out == {"indices": {"pts": [2], "hex": [7]},
                   "objects": {"pts": [{"a": 2}], "hex": [{"count": 4}]}}  # fmt: skip


def test_selection_that_raced_a_rerun_is_pruned() -> None:
    """U1: a gone layer or a row past the layer's end is dropped, not an error."""
    raw = {"indices": {"pts": [1, 9], "old": [0]}, "objects": {"pts": [{}, {}], "old": [{}]}}
    assert decks.check_selection(raw, LAYERS, "multi-object") == {
        "indices": {"pts": [1]}, "objects": {"pts": [{"a": 1}]}}  # fmt: skip
    kept = {"indices": {"pts": [0, 2]}, "objects": {"pts": [{"a": 0}, {"a": 2}]}}
    assert decks.prune(kept, {"pts": [{"a": 5}]}) == {
        "indices": {"pts": [0]}, "objects": {"pts": [{"a": 5}]}}  # fmt: skip


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "x",
        {"indices": {}},
        {"indices": {"pts": [0]}, "objects": {}},
        {"indices": {"pts": 0}, "objects": {"pts": {}}},
        {"indices": {"pts": [0, 1]}, "objects": {"pts": [{}]}},
        {"indices": {"pts": [-1]}, "objects": {"pts": [{}]}},
        {"indices": {"pts": [True]}, "objects": {"pts": [{}]}},
        {"indices": {"pts": [1, 1]}, "objects": {"pts": [{}, {}]}},
        {"indices": {"hex": [0]}, "objects": {"hex": [{"f": float("nan")}]}},
        {"indices": {"hex": [0]}, "objects": {"hex": [[[[[[[[[[[1]]]]]]]]]]]}},
        {"indices": {"pts": [0], "hex": [1]}, "objects": {"pts": [{}], "hex": [{}]}},
    ],
)
def test_malformed_selections_are_refused(raw: Any) -> None:
    """U1: anything but Streamlit's shape, or two objects in single mode, is refused."""
    with pytest.raises(ValueError):
        decks.check_selection(raw, LAYERS, "single-object")
