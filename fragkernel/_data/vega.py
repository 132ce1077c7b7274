"""Vega-Lite specs split into a spec without data and named datasets (SPEC D3).

A chart is sent as its spec (inline data taken out) plus one dataset per data source, under
names that do not depend on the data: Altair names datasets by a hash of their content and
names unnamed parameters and views with a global counter, so the same chart drawn twice with
other data would be a different spec. Here the datasets get positional names (``fk_data_0``,
...) and the counters are renumbered, so that a rerun which changes only the data leaves the
spec equal, and only the data is sent. Pure logic: no widgets here.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
import threading
from collections.abc import Iterable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._errors import StreamlitAPIException
from .frames import to_frame

if TYPE_CHECKING:
    import pandas as pd

#: Name of the n-th dataset of a chart.
DATASET = "fk_data_{}"
#: Frames of at most this many rows are sent as whichever of JSON and Arrow is smaller.
SMALL_FRAME = 200
#: Most values a selection from the browser may carry (points, or interval values).
MAX_SELECTED = 100_000

_GEO_TYPES = frozenset(
    {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
     "Feature", "FeatureCollection", "GeometryCollection", "Topology"}
)  # fmt: skip
_ALTAIR_GLOBALS = threading.Lock()
_COMPOSITE = re.compile(r'"(vconcat|hconcat|facet|layer|concat|repeat)"')


@dataclass
class Split:
    """A chart as sent: its spec without inline data, and its datasets by stable name."""

    spec: dict[str, Any]
    datasets: dict[str, Any] = field(default_factory=dict)

    @property
    def spec_json(self) -> str:
        """The spec as the browser gets it: canonical JSON (equal specs, equal text)."""
        return json.dumps(self.spec, sort_keys=True, separators=(",", ":"), default=str)


class ReadOnlyAttributeDictionary(dict[str, Any]):
    """A read-only dict with attribute access, as Streamlit returns selection states."""

    def __getitem__(self, key: Any) -> Any:
        item = super().__getitem__(key)
        return ReadOnlyAttributeDictionary(item) if isinstance(item, dict) else item

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError as error:
            raise AttributeError(
                f"{type(self).__name__!r} object has no attribute {key!r}"
            ) from error

    def _refuse(self, *_: Any, **__: Any) -> None:
        raise TypeError(
            "This object is read-only: chart selections cannot be changed from code "
            "(as in Streamlit)."
        )

    __setattr__ = __setitem__ = __delitem__ = __delattr__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        return (ReadOnlyAttributeDictionary, (dict(self),))


def is_geo(data: Any) -> bool:
    """Whether ``data`` is GeoJSON or TopoJSON (kept in the spec, not sent as a table)."""
    if isinstance(data, Mapping):
        kind = data.get("type")
        if kind in _GEO_TYPES:
            return True
        return isinstance(data.get("arcs"), list) and isinstance(data.get("objects"), dict)
    if isinstance(data, list) and data:
        first = data[0]
        return isinstance(first, Mapping) and first.get("type") == "Feature"
    return hasattr(data, "__geo_interface__")


# -- Altair ---------------------------------------------------------------------------------
def altair_spec(chart: Any) -> dict[str, Any]:
    """The Vega-Lite spec of an Altair chart, its data frames kept as frames in ``datasets``.

    Altair would turn every frame into a list of records (and refuse more than 5,000 rows);
    a data transformer of our own keeps each frame as it is, under a positional name.
    """
    import altair as alt

    frames: dict[str, Any] = {}
    seen: dict[int, str] = {}

    def keep(data: Any) -> dict[str, str]:
        if is_geo(data):
            values = data.__geo_interface__ if hasattr(data, "__geo_interface__") else data
            name = DATASET.format(len(frames))
            frames[name] = (
                alt.utils.core.sanitize_geo_interface(dict(values))
                if isinstance(values, Mapping)
                else values
            )
            return {"name": name}
        if id(data) not in seen:
            seen[id(data)] = DATASET.format(len(frames))
            frames[seen[id(data)]] = data
        return {"name": seen[id(data)]}

    with _ALTAIR_GLOBALS:  # Altair's registries are global: one chart at a time (A3)
        alt.data_transformers.register("fragkernel", keep)
        # Altair's default theme sets a fixed size; Streamlit draws without it.
        theme = alt.theme.enable("none") if alt.theme.active == "default" else nullcontext()
        with theme, alt.data_transformers.enable("fragkernel"):
            spec: dict[str, Any] = chart.to_dict()
    datasets = dict(spec.get("datasets") or {})
    datasets.update(frames)
    spec["datasets"] = datasets
    return spec


# -- splitting ------------------------------------------------------------------------------
def split(spec: Mapping[str, Any], data: Any = None) -> Split:
    """Take the inline data out of ``spec``: datasets under stable names, the spec without.

    ``data`` (``vega_lite_chart``'s first argument) and a top-level ``data.values`` become the
    chart's main dataset; named ``datasets`` keep user-chosen names and lose Altair's hash
    names. GeoJSON stays in the spec, as Streamlit leaves it.
    """
    spec = dict(spec)
    datasets: dict[str, Any] = {}
    renames: dict[str, str] = {}
    kept_geo: dict[str, Any] = {}
    for name, values in dict(spec.pop("datasets", None) or {}).items():
        if is_geo(values):
            kept_geo[str(name)] = values
            continue
        stable = str(name)
        if re.fullmatch(r"data-[0-9a-f]{8,}", stable) or stable in datasets:
            stable = _free_name(datasets, renames)
        renames[str(name)] = stable
        datasets[stable] = values
    top = spec.get("data")
    if isinstance(top, Mapping) and "values" in top and not is_geo(top["values"]):
        data = top["values"]
        del spec["data"]
    elif top is not None and not isinstance(top, Mapping):
        data = top
        del spec["data"]
    if data is not None:
        name = _free_name(datasets, renames)
        datasets[name] = data
        spec["data"] = {"name": name}
    if renames:
        spec = dict(_rename_data(spec, renames))
    if kept_geo:
        spec["datasets"] = kept_geo
    return Split(stabilize(spec), datasets)


def _free_name(datasets: Mapping[str, Any], renames: Mapping[str, str]) -> str:
    used = set(datasets) | set(renames.values())
    n = 0
    while DATASET.format(n) in used:
        n += 1
    return DATASET.format(n)


def _rename_data(node: Any, renames: Mapping[str, str]) -> Any:
    """Rename ``{"data": {"name": ...}}`` references (views, layers, lookups) everywhere."""
    if isinstance(node, list):
        return [_rename_data(item, renames) for item in node]
    if not isinstance(node, Mapping):
        return node
    out = {}
    for key, value in node.items():
        if key == "data" and isinstance(value, Mapping) and value.get("name") in renames:
            value = {**value, "name": renames[value["name"]]}
        out[key] = _rename_data(value, renames)
    return out


def stabilize(spec: dict[str, Any]) -> dict[str, Any]:
    """Renumber Altair's generated parameter and view names (``param_7``, ``view_3a1f``).

    They come from a global counter (or a hash of the data), so each rerun would make a new
    spec. They are renumbered in order of appearance; names a person chose stay.
    """
    geo = spec.pop("datasets", None)
    text = json.dumps(spec)
    if '"params"' in text:
        text = _renumber("param_", text)
    if _COMPOSITE.search(text):
        text = _renumber("view_", text)
    out: dict[str, Any] = json.loads(text)
    if geo is not None:
        out["datasets"] = geo
    return out


def _renumber(prefix: str, text: str) -> str:
    found = list(dict.fromkeys(re.findall(rf'"{prefix}[0-9a-f]+(?:_[0-9]+)?"', text)))
    if not found:
        return text
    marks = {old: f'"\x00{prefix}{n}"' for n, old in enumerate(found, start=1)}
    text = re.sub("|".join(map(re.escape, marks)), lambda m: marks[m.group(0)], text)
    return text.replace("\x00", "")


# -- Streamlit's spec preparation -----------------------------------------------------------
def _facet(spec: Mapping[str, Any]) -> bool:
    encoding = spec.get("encoding")
    return "facet" in spec or (
        isinstance(encoding, Mapping) and any(k in encoding for k in ("row", "column", "facet"))
    )


def _nested(spec: Mapping[str, Any]) -> bool:
    views = spec.get("vconcat")
    return isinstance(views, list) and any(
        isinstance(v, Mapping)
        and any(k in v for k in ("hconcat", "vconcat", "concat", "layer", "facet", "repeat"))
        for v in views
    )


def default_width(spec: Mapping[str, Any]) -> str:
    """Streamlit's default width: ``"stretch"``, but content width for side-by-side views."""
    wide = _facet(spec) or "hconcat" in spec or "repeat" in spec or _nested(spec)
    return "content" if wide else "stretch"


def prepare(spec: Mapping[str, Any], *, stretch: bool, width: Any, height: Any) -> dict[str, Any]:
    """Streamlit's autosize defaults, null legend titles patched, our width and height."""
    if not spec:
        raise StreamlitAPIException(
            "Vega-Lite charts require a non-empty spec dict (the `spec` argument is missing)."
        )
    spec = dict(spec)
    if "autosize" not in spec:
        if "vconcat" in spec and stretch:
            kind = "pad" if _nested(spec) else "fit-x"
        elif _facet(spec) or (_nested(spec) and not stretch):
            kind = "pad"
        else:
            kind = "fit"
        spec["autosize"] = {"type": kind, "contains": "padding"}
    encoding = spec.get("encoding")
    color = encoding.get("color") if isinstance(encoding, Mapping) else None
    if isinstance(encoding, Mapping) and isinstance(color, Mapping):  # copies: not the user's
        color = dict(color)
        if "title" in color and color["title"] is None:
            color["title"] = " "
        legend = color.get("legend")
        if isinstance(legend, Mapping) and "title" in legend and legend["title"] is None:
            color["legend"] = {**legend, "title": " "}
        spec["encoding"] = {**encoding, "color": color}
    single = not any(k in spec for k in ("hconcat", "vconcat", "concat", "repeat", "facet"))
    if single and "width" not in spec:
        if stretch:
            spec["width"] = "container"
        elif isinstance(width, int) and not isinstance(width, bool):
            spec["width"] = width
    if single and "height" not in spec and isinstance(height, int) and not isinstance(height, bool):
        spec["height"] = height
    return spec


def check_size(name: str, value: Any, *, content: bool = True) -> None:
    """Streamlit's width/height check: ``"stretch"``, ``"content"`` or a positive int."""
    allowed = ("stretch", "content") if content else ("stretch",)
    if value in allowed:
        return
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return
    raise StreamlitAPIException(
        f"Invalid {name} value: {value!r}. {name.capitalize()} must be either an integer "
        f"(pixels), {' or '.join(repr(a) for a in allowed)}."
    )


# -- encoding datasets ----------------------------------------------------------------------
def encode(data: Any) -> tuple[str, bytes]:
    """A dataset as ``(format, bytes)``: ``"arrow"`` (Arrow IPC stream) or ``"json"`` rows.

    Values are cleaned as Altair cleans them (categories as text, no NaN), so a chart shows
    the same thing whichever path drew it; but datetime columns go in Arrow as timestamps
    (milliseconds, 8 bytes a row; the browser makes them dates), not as Altair's ISO text
    (about 30 bytes a row, and seconds per million rows to write). Small frames go as
    whichever format is smaller; a frame Arrow cannot hold (mixed types in a column) goes as
    JSON.
    """
    if isinstance(data, list) and all(isinstance(row, Mapping) for row in data):
        return "json", _json(data)
    frame = to_frame(data)
    arrow = None
    with contextlib.suppress(Exception):  # pyarrow refuses mixed columns in many ways
        arrow = _arrow(_clean(frame, keep_dates=True))
    if arrow is not None and len(frame) > SMALL_FRAME:
        return "arrow", arrow
    text = _clean(frame).to_json(orient="records", double_precision=15).encode()
    if arrow is not None and len(arrow) < len(text):
        return "arrow", arrow
    return "json", text


def _json(rows: list[Any]) -> bytes:
    def clean(value: Any) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return value

    rows = [{k: clean(v) for k, v in row.items()} for row in rows]
    return json.dumps(rows, separators=(",", ":"), default=str).encode()


def _clean(frame: pd.DataFrame, *, keep_dates: bool = False) -> pd.DataFrame:
    """Altair's cleaning of ``frame``; ``keep_dates``: datetime columns are left as they are."""
    import pandas as pd
    from altair.utils.core import sanitize_pandas_dataframe

    frame = frame.copy(deep=False)
    frame.columns = [str(c) for c in frame.columns]
    frame = frame.reset_index(drop=True)
    dates: set[int] = set()
    if keep_dates:
        dates = {i for i, t in enumerate(frame.dtypes) if pd.api.types.is_datetime64_any_dtype(t)}
    if not dates:
        return sanitize_pandas_dataframe(frame)
    others = [i for i in range(frame.shape[1]) if i not in dates]
    rest = iter(sanitize_pandas_dataframe(frame.iloc[:, others]).items()) if others else iter(())
    columns = [frame.iloc[:, i] if i in dates else next(rest)[1] for i in range(frame.shape[1])]
    return pd.concat(columns, axis=1)


def _arrow(frame: pd.DataFrame) -> bytes:
    import pyarrow as pa
    import pyarrow.compute

    table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    for i, column in enumerate(table.columns):  # JS reads numbers as doubles anyway
        if pa.types.is_timestamp(column.type) and column.type.unit != "ms":
            unit = pa.timestamp("ms", tz=column.type.tz)  # the browser's dates: milliseconds
            table = table.set_column(i, table.field(i).name, column.cast(unit, safe=False))
        elif pa.types.is_int64(column.type) and len(column):
            low, high = pa.compute.min_max(column).values()
            if low.is_valid and low.as_py() >= -(2**31) and high.as_py() < 2**31:
                table = table.set_column(i, table.field(i).name, column.cast(pa.int32()))
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


# -- selections -----------------------------------------------------------------------------
def selection_parameters(spec: Any) -> set[str]:
    """Names of the selection parameters (``params`` with ``select``) anywhere in ``spec``."""
    names: set[str] = set()
    if not isinstance(spec, Mapping):
        return names
    params = spec.get("params")
    if isinstance(params, list):
        names |= {
            p["name"]
            for p in params
            if isinstance(p, Mapping) and p.get("name") and p.get("select")
        }
    for key in ("layer", "hconcat", "vconcat", "concat"):
        views = spec.get(key)
        if isinstance(views, list):
            for view in views:
                names |= selection_parameters(view)
    if isinstance(spec.get("spec"), Mapping):
        names |= selection_parameters(spec["spec"])
    return names


def selection_modes(
    spec: Mapping[str, Any], selection_mode: str | Iterable[str] | None
) -> list[str]:
    """The selection parameters that report, checked as Streamlit checks them."""
    available = selection_parameters(spec)
    if not available:
        raise StreamlitAPIException(
            "Selections are activated, but the provided chart spec does not have any "
            "selections defined. To add selections to `st.altair_chart`, check out the "
            "documentation [here](https://altair-viz.github.io/user_guide/interactions.html"
            "#selections-capturing-chart-interactions). For adding selections to "
            "`st.vega_lite_chart`, take a look at the specification "
            "[here](https://vega.github.io/vega-lite/docs/selection.html)."
        )
    if selection_mode is None:
        return sorted(available)
    wanted = [selection_mode] if isinstance(selection_mode, str) else list(selection_mode)
    for name in wanted:
        if name not in available:
            raise StreamlitAPIException(
                f"Selection parameter '{name}' is not defined in the chart spec. Available "
                f"selection parameters are: {available}."
            )
    return sorted(wanted)


def empty_state(modes: Iterable[str]) -> ReadOnlyAttributeDictionary:
    """Streamlit's state before any selection: an empty dict per selection parameter."""
    return state({name: {} for name in modes})


def state(selection: Mapping[str, Any]) -> ReadOnlyAttributeDictionary:
    """Streamlit's ``VegaLiteState``: ``{"selection": {param: value}}``, read-only."""
    return ReadOnlyAttributeDictionary({"selection": ReadOnlyAttributeDictionary(selection)})


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | bool | int | float)


def check_selection(raw: Any, modes: Iterable[str]) -> dict[str, Any]:
    """A selection sent by the browser, checked (SPEC U1); raises ``ValueError`` if malformed.

    Accepted per parameter: ``{}`` (nothing selected), a point selection's list of records
    (``[{"field": value}, ...]``) or an interval's ``{"field": [values]}``, with JSON scalars
    only, for parameters this chart reports.
    """
    if not isinstance(raw, Mapping):
        raise ValueError(f"a selection must be a mapping, got {type(raw).__name__}")
    allowed = set(modes)
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in allowed:
            raise ValueError(f"{name!r} is not a selection parameter of this chart")
        if value is None or value == {}:
            out[name] = {}
        elif isinstance(value, list):
            if len(value) > MAX_SELECTED:
                raise ValueError(f"{name!r}: more than {MAX_SELECTED:,} selected points")
            for point in value:
                if not isinstance(point, Mapping) or not all(
                    isinstance(k, str) and _scalar(v) for k, v in point.items()
                ):
                    raise ValueError(f"{name!r}: a point must map field names to values")
            out[name] = [dict(point) for point in value]
        elif isinstance(value, Mapping):
            for key, values in value.items():
                if not isinstance(key, str) or not isinstance(values, list):
                    raise ValueError(f"{name!r}: an interval must map field names to lists")
                if len(values) > MAX_SELECTED or not all(_scalar(v) for v in values):
                    raise ValueError(f"{name!r}: interval values must be plain values")
            out[name] = {k: list(v) for k, v in value.items()}
        else:
            raise ValueError(f"{name!r}: a selection is a list of points or a mapping")
    return out
