"""pydeck_chart's pure logic: a Deck as compact JSON, its tooltip, selections (D3, U1).

No widgets here. pydeck is not imported: its objects are read through their attributes, and
its own JSON encoder (``pydeck.bindings.json_tools.default_serialize``) is imported only when
a deck is drawn.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._errors import StreamlitAPIException

SELECTION_MODES = ("single-object", "multi-object")
#: The view pydeck_chart draws when called without a deck (Streamlit's ``EMPTY_MAP``).
EMPTY_DECK = {"initialViewState": {"latitude": 0, "longitude": 0, "pitch": 0, "zoom": 1}}
#: At most this many selected objects are accepted from the browser.
MAX_SELECTED = 10_000
_MAX_DEPTH = 8


@dataclass
class DeckSpec:
    """What the browser needs of one deck: its JSON, its tooltip, its layers' rows."""

    json: str
    tooltip: str
    #: Layer id -> the layer's rows (None when the kernel does not hold them: a URL, binary).
    layers: dict[str, list[Any] | None] = field(default_factory=dict)


def _finite(value: Any) -> Any:
    """``value`` with NaN and infinities as None: the browser's JSON has no NaN."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def deck_json(deck: Any) -> str:
    """``deck`` as pydeck's JSON (``Deck.to_json()``), compact, with no NaN."""
    from pydeck.bindings.json_tools import default_serialize

    try:
        return json.dumps(deck, sort_keys=True, default=default_serialize,
                          separators=(",", ":"), allow_nan=False)  # fmt: skip
    except ValueError:  # NaN or infinity in the data: the slow way, once
        loaded = json.loads(json.dumps(deck, sort_keys=True, default=default_serialize))
        return json.dumps(_finite(loaded), separators=(",", ":"), allow_nan=False)


def tooltip_of(deck: Any) -> Any:
    """The ``tooltip`` setting of a pydeck ``deck``: ``True``, a dict, or None."""
    widget = getattr(deck, "deck_widget", None)
    if widget is not None and isinstance(getattr(widget, "tooltip", None), dict | bool):
        return widget.tooltip
    tooltip = getattr(deck, "_tooltip", None)
    return tooltip if isinstance(tooltip, dict | bool) else None


def spec(deck: Any) -> DeckSpec:
    """The :class:`DeckSpec` of a ``pydeck.Deck`` (or of Streamlit's empty map for None)."""
    if deck is None:
        return DeckSpec(json.dumps(EMPTY_DECK, separators=(",", ":")), "")
    if not hasattr(deck, "to_json") or not hasattr(deck, "layers"):
        raise StreamlitAPIException(
            f"pydeck_chart() takes a pydeck.Deck or None; provided type: {type(deck).__name__}."
        )
    layers: dict[str, list[Any] | None] = {}
    for layer in deck.layers or ():
        ident = getattr(layer, "id", None)
        if isinstance(ident, str):
            data = getattr(layer, "data", None)
            layers[ident] = data if isinstance(data, list) else None
    tooltip = tooltip_of(deck)
    hover = "" if tooltip in (None, False) else json.dumps(_finite(tooltip), default=str)
    return DeckSpec(deck_json(deck), hover, layers)


def check_mode(selection_mode: Any) -> str:
    """Streamlit's check of ``selection_mode``: one of :data:`SELECTION_MODES`, as a string."""
    if not isinstance(selection_mode, str):
        raise StreamlitAPIException(
            f"Invalid `selection_mode` type: {type(selection_mode).__name__}. Expected str: "
            "selection mode must be a single value."
        )
    if selection_mode not in SELECTION_MODES:
        raise StreamlitAPIException(
            "Invalid `selection_mode` value. Supported values: 'multi-object', 'single-object'."
        )
    return selection_mode


def _plain(value: Any, depth: int = 0) -> bool:
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if depth >= _MAX_DEPTH:
        return False
    if isinstance(value, list):
        return all(_plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v, depth + 1) for k, v in value.items())
    return False


def empty() -> dict[str, Any]:
    """The selection before any click: ``{"indices": {}, "objects": {}}``."""
    return {"indices": {}, "objects": {}}


def check_selection(raw: Any, layers: Mapping[str, list[Any] | None], mode: str) -> dict[str, Any]:
    """A selection sent by the browser, checked (SPEC U1); raises ``ValueError`` if malformed.

    The shape is Streamlit's ``{"indices": {layer_id: [int]}, "objects": {layer_id: [obj]}}``
    with the same layer ids in both, lists of the same length, indexes unique and not
    negative, objects of plain JSON values; at most one object in "single-object" mode. Layers
    the deck no longer has and indexes past a layer's rows (a click that raced a rerun) are
    dropped. The objects of a layer whose rows the kernel holds are the kernel's own rows, not
    the browser's copies.
    """
    if not isinstance(raw, dict) or set(raw) != {"indices", "objects"}:
        raise ValueError("a selection must be a mapping of 'indices' and 'objects'")
    indices, objects = raw["indices"], raw["objects"]
    if not isinstance(indices, dict) or not isinstance(objects, dict):
        raise ValueError("'indices' and 'objects' must be mappings by layer id")
    if set(indices) != set(objects):
        raise ValueError("'indices' and 'objects' must name the same layers")
    out = empty()
    count = 0
    for layer, numbers in indices.items():
        found = objects[layer]
        if not isinstance(numbers, list) or not isinstance(found, list):
            raise ValueError(f"layer {layer!r}: indices and objects must be lists")
        if len(numbers) != len(found):
            raise ValueError(f"layer {layer!r}: as many objects as indices are needed")
        if not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in numbers):
            raise ValueError(f"layer {layer!r}: indices must be integers from 0")
        if len(set(numbers)) != len(numbers):
            raise ValueError(f"layer {layer!r}: an index is selected twice")
        if not all(_plain(o) for o in found):
            raise ValueError(f"layer {layer!r}: objects must hold plain JSON values")
        count += len(numbers)
        if count > MAX_SELECTED:
            raise ValueError(f"more than {MAX_SELECTED:,} selected objects")
        if layer not in layers:
            continue
        rows = layers[layer]
        kept = [(i, o) for i, o in zip(numbers, found, strict=True)
                if rows is None or i < len(rows)]  # fmt: skip
        if kept:
            out["indices"][layer] = [i for i, _ in kept]
            out["objects"][layer] = [o if rows is None else rows[i] for i, o in kept]
    if mode == "single-object" and count > 1:
        raise ValueError("'single-object' mode selects one object at most")
    return out


def prune(selection: Mapping[str, Any], layers: Mapping[str, list[Any] | None]) -> dict[str, Any]:
    """A kept selection against the deck's layers now: gone layers and rows are dropped."""
    out = empty()
    for layer, numbers in (selection.get("indices") or {}).items():
        if layer not in layers:
            continue
        rows = layers[layer]
        objects = (selection.get("objects") or {}).get(layer, [])
        kept = [(i, o) for i, o in zip(numbers, objects, strict=False)
                if rows is None or i < len(rows)]  # fmt: skip
        if kept:
            out["indices"][layer] = [i for i, _ in kept]
            out["objects"][layer] = [o if rows is None else rows[i] for i, o in kept]
    return out
