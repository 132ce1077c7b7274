"""pydeck_chart through a real kernel: one deck model updated in place, selections (D3, U1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.frontend import FrontEnd
from tests.kernel.test_charts import _bytes, _updates

pytest.importorskip("pydeck")

DECK = """
import json, numpy as np, pandas as pd, pydeck as pdk
import fragkernel as fk
runs = []

@fk.fragment
def d():
    runs.append(1)
    n = fk.slider("n", 1, 100, 10)
    other = fk.slider("other", 0, 10, 0)
    fk.text(f"other={other}")
    rng = np.random.default_rng(n)
    rows = 200 if n < 60 else 100
    df = pd.DataFrame({"lat": 37.76 + rng.standard_normal(rows) / 50,
                       "lon": -122.4 + rng.standard_normal(rows) / 50,
                       "name": [f"p{i}" for i in range(rows)]})
    layer = pdk.Layer("ScatterplotLayer", data=df, id="pts", get_position="[lon, lat]",
                      get_radius=100, get_fill_color=[200, 30, 0], pickable=True)
    deck = pdk.Deck(layers=[layer], tooltip={"html": "<b>{name}</b>"},
                    initial_view_state=pdk.ViewState(latitude=37.76, longitude=-122.4, zoom=11))
    event = fk.pydeck_chart(deck, on_select=SELECT, selection_mode=MODE, key="deck")
    fk.text(f"run {len(runs)}: {json.dumps(event)}")
d()
"""


def _cell(on_select: str = '"rerun"', mode: str = "single-object") -> str:
    return DECK.replace("SELECT", on_select).replace("MODE", repr(mode))


def _decks(fe: FrontEnd) -> list[str]:
    return [m for m, s in fe.models.items() if str(s.get("_anywidget_id")).endswith("DeckChart")]


def _select(fe: FrontEnd, chart: str, selection: Any) -> None:
    fe.send_raw(chart, {"method": "custom", "content": {"event": "select", "selection": selection}})
    fe.sync()


def test_deck_and_library(fe: FrontEnd) -> None:
    """D3: the deck goes as pydeck's JSON (no base map loaded), its tooltip beside it; deck.gl
    is one library model for every deck of the kernel; each deck's own front end is small."""
    fe.execute(_cell('"ignore"'), cell_id="a")
    fe.execute(_cell('"ignore"').replace("def d", "def e").replace("d()", "e()"), cell_id="b")
    first, second = _decks(fe)
    spec = json.loads(fe.models[first]["spec"])
    assert spec["layers"][0]["@@type"] == "ScatterplotLayer"
    assert spec["layers"][0]["getPosition"] == "@@=[lon, lat]"
    assert len(spec["layers"][0]["data"]) == 200
    assert json.loads(fe.models[first]["hover"]) == {"html": "<b>{name}</b>"}
    assert fe.models[first]["selection_mode"] == ""
    assert fe.models[first]["library"] == fe.models[second]["library"]
    library = fe.models[first]["library"].removeprefix("IPY_MODEL_")
    source = fe.models[library]["source"]
    assert len(source) > 500_000 and "ScatterplotLayer" in source and "HexagonLayer" in source
    assert len(fe.models[first]["_esm"]) < 10_000
    opened = [m for m in fe.log if m["header"]["msg_type"] == "comm_open"
              and m["content"]["data"]["state"].get("source")]  # fmt: skip
    assert len(opened) == 1, "the library went more than once"


def test_data_change_sends_only_the_deck_json(fe: FrontEnd) -> None:
    """D3: a rerun that changes the layer's data sets the same model's ``spec`` (the deck
    JSON) and nothing else; a rerun that changes nothing of the deck sends nothing for it."""
    cell = fe.execute(_cell('"ignore"'), cell_id="a")
    (chart,) = _decks(fe)
    fe.sync()
    start = len(fe.log)
    fe.set(fe.find("IntSlider", "n"), value=50)
    fe.sync()
    after = fe.log[start:]
    assert _decks(fe) == [chart]  # the same model: the same Deck and canvas in the browser
    updates = _updates(after, {chart})
    assert updates and all(names == {"spec"} for _, names in updates), updates
    opened = {m["content"]["comm_id"]: m["content"]["data"]["state"].get("_model_name")
              for m in after if m["header"]["msg_type"] == "comm_open"}  # fmt: skip
    # only pydeck's own widgets: pydeck 0.9.3 opens several for every pdk.Deck()
    assert set(opened.values()) <= {"JupyterTransportModel", "LayoutModel"}, opened
    sent = _bytes(after, {chart})
    size = len(fe.models[chart]["spec"])
    # 200 rows of (lat, lon, name) as compact JSON, and the message around it
    assert size < sent < size * 1.2 + 500, (sent, size)
    print(f"bytes per data change (200 points): {sent}")
    start = len(fe.log)
    fe.set(fe.find("IntSlider", "other"), value=3)
    fe.sync()
    assert "other=3" in fe.render(cell.widget_ids[0])
    assert _bytes(fe.log[start:], {chart}) == 0


def test_selection_is_streamlits_and_reruns(raw: FrontEnd) -> None:
    """D3: a click reruns the fragment with Streamlit's selection state; the objects are the
    kernel's rows; the key holds it; a data change drops what the layer no longer has."""
    cell = raw.execute(_cell('"rerun"', "multi-object"), cell_id="s")
    area = cell.widget_ids[0]
    assert 'run 1: {"selection": {"indices": {}, "objects": {}}}' in raw.render(area)
    (chart,) = _decks(raw)
    assert raw.models[chart]["selection_mode"] == "multi-object"
    _select(raw, chart, {"indices": {"pts": [3, 150]},
                         "objects": {"pts": [{"name": "forged"}, {}]}})  # fmt: skip
    text = raw.render(area)
    assert "run 2:" in text and '"indices": {"pts": [3, 150]}' in text, text
    state = raw.evaluate("fk.session_state.deck")
    assert [o["name"] for o in state["selection"]["objects"]["pts"]] == ["p3", "p150"]
    assert raw.evaluate("fk.session_state.deck.selection.indices") == {"pts": [3, 150]}
    raw.set(raw.find("IntSlider", "n"), value=20)  # new data of the same length: kept
    raw.sync()
    assert '"indices": {"pts": [3, 150]}' in raw.render(area)
    assert raw.evaluate("fk.session_state.deck.selection.objects['pts'][1]['name']") == "p150"
    raw.set(raw.find("IntSlider", "n"), value=70)  # 100 rows now: row 150 is gone
    raw.sync()
    assert '"indices": {"pts": [3]}' in raw.render(area), raw.render(area)
    _select(raw, chart, {"indices": {}, "objects": {}})
    assert '{"selection": {"indices": {}, "objects": {}}}' in raw.render(area)


def test_selection_callback_runs_first(raw: FrontEnd) -> None:
    """D3, F21: ``on_select=callable`` runs the callback, then the rerun with the selection."""
    cell = raw.execute(_cell('lambda: fk.write("callback")'), cell_id="s")
    (chart,) = _decks(raw)
    _select(raw, chart, {"indices": {"pts": [5]}, "objects": {"pts": [{}]}})
    text = raw.render(cell.widget_ids[0])
    assert text.index("callback") < text.index("run 2:"), text
    assert '"indices": {"pts": [5]}' in text


def test_streamlits_errors(fe: FrontEnd) -> None:
    """D3: Streamlit's checks of ``selection_mode``, ``on_select``, sizes and the deck."""
    fe.execute("import fragkernel as fk, pydeck as pdk", cell_id="i")
    for call, message in [
        ("fk.pydeck_chart(pdk.Deck(), on_select='rerun', selection_mode=['multi-object'])",
         "single value"),
        ("fk.pydeck_chart(pdk.Deck(), on_select='rerun', selection_mode='points')",
         "Supported values"),
        ("fk.pydeck_chart(pdk.Deck(), on_select='nope')", "Invalid `on_select` value"),
        ("fk.pydeck_chart(pdk.Deck(), height='content')", "Invalid height"),
        ("fk.pydeck_chart(42)", "pydeck.Deck"),
    ]:  # fmt: skip
        cell = fe.execute(call, cell_id="bad", check=False)
        assert cell.error is not None and message in cell.error["evalue"], (call, cell.error)
    fe.execute("fk.pydeck_chart()", cell_id="empty")
    (chart,) = _decks(fe)
    assert json.loads(fe.models[chart]["spec"])["initialViewState"]["zoom"] == 1


@pytest.mark.parametrize(
    "selection",
    [
        "nope",
        {"indices": {"pts": [1]}},
        {"indices": {"pts": [1, 2]}, "objects": {"pts": [{}, {}]}},  # two in single mode
        {"indices": {"pts": ["1"]}, "objects": {"pts": [{}]}},
        {"indices": {"pts": [-4]}, "objects": {"pts": [{}]}},
    ],
)
def test_bad_selection_is_refused(tmp_path: Path, selection: Any) -> None:
    """U1: a malformed selection from the browser is refused with a message; no rerun; the
    kernel sends the browser the selection it kept."""
    fe = FrontEnd(throttle=False, log_path=str(tmp_path / "kernel.log"))
    try:
        fe.execute("%load_ext fragkernel", cell_id="setup")
        cell = fe.execute(_cell(), cell_id="s")
        (chart,) = _decks(fe)
        start = len(fe.log)
        _select(fe, chart, selection)
        assert "run 2:" not in fe.render(cell.widget_ids[0])
        assert fe.evaluate("len(runs)") == 1
        said = "".join(
            m["content"].get("text", "") for m in fe.log if m["header"]["msg_type"] == "stream"
        )
        assert "refused a chart selection from the front end" in said
        back = [m["content"]["data"]["content"] for m in fe.log[start:]
                if m["header"]["msg_type"] == "comm_msg" and m["content"]["comm_id"] == chart
                and m["content"]["data"].get("method") == "custom"]  # fmt: skip
        assert back == [{"event": "selection", "selection": None}]
        fe.execute("print('alive')", cell_id="after")  # the kernel keeps running
    finally:
        fe.close()
    assert "Traceback" not in (tmp_path / "kernel.log").read_text()
