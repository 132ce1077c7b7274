"""Streamlit's built-in charts as Altair charts: line, area, bar, scatter, and map (SPEC D3).

Each function takes the user's data and Streamlit 1.67's arguments and returns a
:class:`BuiltChart`: the Altair chart Streamlit would build for the same call, and the long-form
frame the chart draws. The rules are Streamlit's: a wide frame is melted to long form (one
``value`` and one ``color`` column, named so they never collide with the user's), the index is
the x axis when ``x`` is None, ``y`` may be a list, ``color`` is a column, one color or a list of
colors (one per y column), ``size`` (scatter) is a column or a number, ``stack`` is
True/False/"normalize"/"center"/"layered", bars may be horizontal and sorted. ``map_chart``
draws ``st.map``'s points (its own docstring says how and why it differs from Streamlit's).

The spec depends on the arguments and on the columns' names and dtypes, never on the values or
the number of rows: the same call with new data gives the same spec apart from the dataset, so
the chart widget sends only the data (D3: in place, no flicker). Two rules of Streamlit's depend
on the values and are changed here for that reason (both draw the same picture):

- a color column holding colors (``"#f00"``, tuples): Streamlit lists the unique values as the
  scale's range; here the scale is ``null``, so each row's color is used as it is.
- line charts: Streamlit throttles the hover to 16 ms only past 1,000 points; here always (one
  frame at 60 fps: no visible difference, and a series growing past 1,000 points keeps its view).

Horizontal bars never title an axis with an internal name: Streamlit 1.67 titles the value axis
of a melted frame "value -- streamlit-generated" (and the index axis likewise), here "" as on
vertical bars.

Streamlit's named colors (``"red"``, ``"primary"``, ...) are resolved by its front end from the
theme; here they become the hex colors of Streamlit's default light theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .._errors import StreamlitAPIException
from .frames import to_frame

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

ChartKind = Literal["line", "area", "bar", "horizontal_bar", "scatter"]
Stack = bool | Literal["normalize", "center", "layered"] | None
VegaType = Literal["quantitative", "ordinal", "temporal", "nominal"]

_SUFFIX = " -- streamlit-generated"
INDEX_COLUMN = "index" + _SUFFIX
VALUE_COLUMN = "value" + _SUFFIX
COLOR_COLUMN = "color" + _SUFFIX
_MISSING_COLUMN = "DOES_NOT_EXIST" + _SUFFIX
_ALIAS_PREFIX = "col" + _SUFFIX + "-"
_SPECIAL_IN_FIELDS = (".", "[", "]", "\\")

_COLOR_LEGEND = {"titlePadding": 5, "offset": 5, "orient": "bottom"}
_SIZE_LEGEND = {"titlePadding": 0.5, "offset": 5, "orient": "bottom"}
_MARKS: dict[ChartKind, str] = {
    "line": "line",
    "area": "area",
    "bar": "bar",
    "horizontal_bar": "bar",
    "scatter": "circle",
}
_STACK_VALUES = {None, True, False, "normalize", "center", "layered"}

# Streamlit's named colors, as its default light theme draws them.
NAMED_COLORS: dict[str, str] = {
    "red": "#ff4b4b",
    "orange": "#ffa421",
    "yellow": "#ffe312",
    "green": "#21c354",
    "blue": "#1c83e1",
    "violet": "#803df5",
    "gray": "#808495",
    "grey": "#808495",
    "primary": "#ff4b4b",
}


class BuiltChart(NamedTuple):
    """A built-in chart: the Altair chart, and the long-form frame it draws (its only dataset)."""

    chart: alt.Chart | alt.LayerChart
    frame: pd.DataFrame


# ---------------------------------------------------------------------------------------------
# The four chart kinds, with Streamlit 1.67's arguments.


def line_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
) -> BuiltChart:
    """Build ``st.line_chart``'s chart: lines, plus the nearest point highlighted on hover.

    Example::

        chart, frame = line_chart({"a": [1, 3, 2], "b": [2, 2, 4]})
    """
    return build(
        "line",
        data,
        x=x,
        y=y,
        x_label=x_label,
        y_label=y_label,
        color=color,
        width=width,
        height=height,
        use_container_width=use_container_width,
    )


def area_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    stack: Stack = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
) -> BuiltChart:
    """Build ``st.area_chart``'s chart; ``stack`` None or False layers the areas, as Streamlit.

    Example::

        chart, frame = area_chart(df, x="date", y="count", color="series", stack="center")
    """
    check_stack(stack)
    if stack is None or stack is False:
        stack = "layered"  # Streamlit keeps False for grouped bars; areas overlap instead.
    return build(
        "area",
        data,
        x=x,
        y=y,
        x_label=x_label,
        y_label=y_label,
        color=color,
        stack=stack,
        width=width,
        height=height,
        use_container_width=use_container_width,
    )


def bar_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    horizontal: bool = False,
    sort: bool | str = True,
    stack: Stack = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
) -> BuiltChart:
    """Build ``st.bar_chart``'s chart: stacked, grouped (``stack=False``) or layered bars.

    Example::

        chart, frame = bar_chart(df, x="year", y="yield", color="site", stack=False)
    """
    check_stack(stack)
    return build(
        "horizontal_bar" if horizontal else "bar",
        data,
        x=x,
        y=y,
        x_label=x_label,
        y_label=y_label,
        color=color,
        stack=stack,
        sort=sort,
        width=width,
        height=height,
        use_container_width=use_container_width,
    )


def scatter_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    size: str | float | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
) -> BuiltChart:
    """Build ``st.scatter_chart``'s chart: circles, sized by a column or a number.

    Example::

        chart, frame = scatter_chart(df, x="a", y=["b", "c"], size="d", color=["#f00", "#00f"])
    """
    return build(
        "scatter",
        data,
        x=x,
        y=y,
        x_label=x_label,
        y_label=y_label,
        color=color,
        size=size,
        width=width,
        height=height,
        use_container_width=use_container_width,
    )


def check_stack(stack: Any) -> None:
    """Refuse a ``stack`` Streamlit refuses, with its message."""
    if stack not in _STACK_VALUES:
        raise StreamlitAPIException(
            "Invalid `stack` value. Supported values: True, False, 'normalize', 'center', "
            "'layered', None."
        )


# ---------------------------------------------------------------------------------------------
# The builder.


def build(
    kind: ChartKind,
    data: Any,
    *,
    x: Any = None,
    y: Any = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    size: Any = None,
    stack: Stack = None,
    sort: bool | str = False,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
) -> BuiltChart:
    """Build any of the four kinds (``check_stack`` and the area default are the callers')."""
    import altair as alt

    width, height = _layout(width, height, use_container_width)
    frame = to_frame(data).copy(deep=False)
    x_column = _parse_x(frame, x)
    y_columns = _parse_y(frame, y, x_column)
    color_column, color_value = _column_or_value(frame, color)
    size_column, size_value = _column_or_value(frame, size)
    sort_column = _parse_sort(frame, sort)

    prep = _Prepared(frame, x_column, y_columns, color_column, size_column, sort_column)
    long = prep.frame

    x_enc, y_enc = _axes(kind, prep, x, y, x_label, y_label, stack, sort)
    mark: Any = _MARKS[kind]
    chart = alt.Chart(long, mark=mark).encode(x=x_enc, y=y_enc)

    if stack is False and prep.color is not None:
        # Grouped bars: side by side along the category axis (Streamlit sets both channels).
        x_off, y_off = alt.XOffset(), alt.YOffset()
        if kind == "bar":
            x_off = alt.XOffset(field=prep.color)
        elif kind == "horizontal_bar":
            y_off = alt.YOffset(field=prep.color)
        chart = chart.encode(xOffset=x_off, yOffset=y_off)
    if prep.color is not None and (kind == "area" or stack == "layered"):
        chart = chart.encode(opacity=alt.OpacityValue(0.7))

    color_enc = _color_encoding(long, prep, color_value, color)
    if color_enc is not None:
        chart = chart.encode(color=color_enc)
    size_enc = _size_encoding(kind, prep, size_value)
    if size_enc is not None:
        chart = chart.encode(size=size_enc)
    if prep.x is not None and prep.y is not None:
        chart = chart.encode(tooltip=_tooltips(prep, color_enc))

    sized: dict[str, Any] = {}
    if isinstance(width, int):
        sized["width"] = width
    if isinstance(height, int):
        sized["height"] = height

    hover_field = prep.x if kind == "line" else None
    zoom_name = "param_1" if hover_field is None else "param_2"
    zoom = alt.selection_interval(name=zoom_name, bind="scales", encodings=["x", "y"])
    if hover_field is not None:
        hover = alt.selection_point(
            name="param_1",
            nearest=True,
            on="mousemove{16}",
            fields=[hover_field],
            empty=False,
            clear="mouseleave",
        )
        # Fixed names (Altair numbers or hashes unnamed ones): the spec stays the same.
        detect = chart.mark_point(opacity=0).properties(name="view_2").add_params(hover)
        highlight = chart.mark_point(filled=True, size=65).transform_filter(hover)
        layers = alt.layer(chart.properties(name="view_1"), detect, highlight)
        layers.layer[0] = layers.layer[0].add_params(zoom)
        layers = layers.configure_legend(symbolType="stroke").properties(**sized)
        return BuiltChart(layers, long)
    return BuiltChart(chart.add_params(zoom).properties(**sized), long)


def _layout(
    width: Any, height: Any, use_container_width: bool | None
) -> tuple[int | str, int | str]:
    """Streamlit's width/height rules: ``use_container_width`` (deprecated) overrides width."""
    if use_container_width is True:
        width = "stretch"
    elif use_container_width is False and not isinstance(width, int):
        width = "content"
    kinds = "a positive integer (pixels), 'stretch', or 'content'"
    for name, value in (("width", width), ("height", height)):
        ok = (
            value in ("stretch", "content")
            if isinstance(value, str)
            else isinstance(value, int) and not isinstance(value, bool) and value > 0
        )
        if not ok:
            raise StreamlitAPIException(
                f"Invalid {name} value: {value!r}. {name.capitalize()} must be either {kinds}."
            )
    return width, height


# ---------------------------------------------------------------------------------------------
# Arguments to columns.


def _not_found(frame: pd.DataFrame, name: Any) -> StreamlitAPIException:
    available = ", ".join(str(c) for c in frame.columns)
    return StreamlitAPIException(
        f'Data does not have a column named `"{name}"`. Available columns are `{available}`'
    )


def _parse_x(frame: pd.DataFrame, x: Any) -> str | None:
    if x is None:
        return None
    if not isinstance(x, str):
        raise StreamlitAPIException(
            f"Invalid `x` type. Expected one of: str, None. Provided type: {type(x).__name__}. "
            "Pass a column name or None to use the dataframe's index."
        )
    if x not in frame.columns:
        raise _not_found(frame, x)
    return x


def _parse_y(frame: pd.DataFrame, y: Any, x_column: str | None) -> list[Any]:
    if y is None:
        columns = list(frame.columns)
    elif isinstance(y, str):
        columns = [y]
    else:
        columns = [str(c) for c in _as_list(y)]
    for name in columns:
        if name not in frame.columns:
            raise _not_found(frame, name)
    # x is left out of the y columns unless the user listed it.
    if x_column in columns and (not y or x_column not in y):
        columns.remove(x_column)
    return columns


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, int | float):
        return [value]
    if isinstance(value, dict):
        return list(value.keys())
    to_list = getattr(value, "to_list", None) or getattr(value, "tolist", None)
    if callable(to_list):
        return list(to_list())
    return list(value)


def _column_or_value(frame: pd.DataFrame, value: Any) -> tuple[str | None, Any]:
    if isinstance(value, str) and value in frame.columns:
        return value, None
    return None, value


def _parse_sort(frame: pd.DataFrame, sort: Any) -> str | None:
    if sort is True or sort is False:
        return None
    if not isinstance(sort, str):
        raise StreamlitAPIException(
            f"Invalid `sort` type. Expected one of: bool, str. Provided type: "
            f"{type(sort).__name__}."
        )
    name = sort.removeprefix("-")
    if name not in frame.columns:
        raise _not_found(frame, name)
    return name


# ---------------------------------------------------------------------------------------------
# Data preparation: index as x, unused columns dropped, safe names, wide to long.


class _Prepared:
    """The long-form frame and the names of its x, y, color, size and sort columns."""

    def __init__(
        self,
        frame: pd.DataFrame,
        x: str | None,
        ys: list[Any],
        color: str | None,
        size: str | None,
        sort: str | None,
    ) -> None:
        if x is None and ys:
            x = INDEX_COLUMN if frame.index.name is None else str(frame.index.name)
            frame = frame.rename_axis(x).reset_index()
        keep = list(dict.fromkeys(c for c in (x, color, size, sort, *ys) if c is not None))
        frame = frame[keep].copy(deep=False)
        frame.columns = [str(c) for c in frame.columns]
        if color is not None and len(frame) and _is_color_tuple(frame[color].iat[0]):
            frame[color] = frame[color].map(_css_color)

        # Vega-Lite reads "." "[" "]" "\" in a field name as a path: such columns get an alias.
        self.titles: dict[str, str] = {}
        first_alias: dict[str, str] = {}
        names: list[str] = []
        taken = {c for c in frame.columns if not _needs_alias(c)}
        for i, name in enumerate(frame.columns):
            if _needs_alias(name):
                safe = f"{_ALIAS_PREFIX}{i}"
                while safe in taken or safe in self.titles:
                    safe += "-"
                self.titles[safe] = name
                first_alias.setdefault(name, safe)
                names.append(safe)
            else:
                names.append(name)
        frame.columns = names

        def alias(name: Any) -> str | None:
            return None if name is None else first_alias.get(str(name), str(name))

        self.x = alias(x)
        self.ys = [alias(c) or "" for c in ys]
        self.color = alias(color)
        self.size = alias(size)
        self.sort = alias(sort)
        self.y: str | None = self.ys[0] if len(self.ys) == 1 else None
        self.y_titles = [self.titles.get(c, c) for c in self.ys]
        if len(self.ys) > 1 and self.x is not None:
            frame = self._melt(frame)
        self.frame = frame

    def _melt(self, frame: pd.DataFrame) -> pd.DataFrame:
        import pandas as pd
        from pandas.api.types import infer_dtype

        ids = list(dict.fromkeys(c for c in (self.x, self.size, self.sort) if c is not None))
        long = pd.melt(
            frame,
            id_vars=ids,
            value_vars=self.ys,
            var_name=COLOR_COLUMN,
            value_name=VALUE_COLUMN,
        )
        values = long[VALUE_COLUMN]
        if values.dtype == "object" and "mixed" in infer_dtype(values) and values.nunique() > 100:
            raise StreamlitAPIException(
                "The columns used for rendering the chart contain too many values with mixed "
                "types. Please select the columns manually via the y parameter."
            )
        if self.titles:
            long[COLOR_COLUMN] = long[COLOR_COLUMN].map(lambda v: self.titles.get(v, v))
        self.y = VALUE_COLUMN
        self.color = COLOR_COLUMN
        return long

    def title(self, name: str) -> str:
        return self.titles.get(name, name)


def _needs_alias(name: str) -> bool:
    return any(ch in name for ch in _SPECIAL_IN_FIELDS)


# ---------------------------------------------------------------------------------------------
# Encodings.


def vega_type(series: pd.Series[Any]) -> VegaType:
    """The Vega-Lite type of a column, by Altair's (and Streamlit's) rules."""
    from pandas.api.types import infer_dtype

    kind = infer_dtype(series)
    if kind in {"floating", "mixed-integer-float", "integer", "mixed-integer", "complex"}:
        return "quantitative"
    if kind == "categorical" and series.cat.ordered:
        return "ordinal"
    if kind in {"datetime", "datetime64", "timedelta", "timedelta64", "date", "time", "period"}:
        return "temporal"
    return "nominal"


def _is_date(frame: pd.DataFrame, name: str | None) -> bool:
    """Whether a column holds dates; by dtype first, so an empty frame answers as a full one."""
    from pandas.api.types import is_datetime64_any_dtype

    if name is None:
        return False
    column = frame[name]
    if is_datetime64_any_dtype(column.dtype):
        return True
    return bool(column.size) and isinstance(column.iat[0], date)


def _axis(frame: pd.DataFrame, name: str | None, grid: bool) -> alt.Axis:
    import altair as alt
    from pandas.api.types import is_integer_dtype

    if name is not None and is_integer_dtype(frame[name]):
        return alt.Axis(tickMinStep=1, grid=grid)  # no ticks between integers
    return alt.Axis(grid=grid)


def _position(
    kind: ChartKind, prep: _Prepared, name: str | None, user: Any, label: str | None, axis: str
) -> tuple[str, str, VegaType, bool]:
    """Field, title, type and grid of the axis drawing column ``name`` on ``axis`` (x or y)."""
    frame = prep.frame
    if name is None:
        field, title = _MISSING_COLUMN, ""  # keeps the axis of an empty chart
    elif name in (INDEX_COLUMN, VALUE_COLUMN):
        field, title = name, ""
    else:
        field, title = name, "" if user is None else prep.title(name)
    if label is not None:
        title = label
    discrete = (kind == "bar" and axis == "x") or (kind == "horizontal_bar" and axis == "y")
    if discrete and not _is_date(frame, name):
        vtype: VegaType = "ordinal"
    elif name is None:
        vtype = "quantitative"
    else:
        vtype = vega_type(frame[name])
    grid = kind == "horizontal_bar" if axis == "x" else kind != "horizontal_bar"
    return field, title, vtype, grid


def _axes(
    kind: ChartKind,
    prep: _Prepared,
    x_user: Any,
    y_user: Any,
    x_label: str | None,
    y_label: str | None,
    stack: Stack,
    sort: bool | str,
) -> tuple[alt.X, alt.Y]:
    import altair as alt

    # Horizontal bars draw the y columns along x and the x column along y.
    horizontal = kind == "horizontal_bar"
    along_x = (prep.y, y_user, y_label) if horizontal else (prep.x, x_user, x_label)
    along_y = (prep.x, x_user, x_label) if horizontal else (prep.y, y_user, y_label)
    xf, xt, xv, xg = _position(kind, prep, along_x[0], along_x[1], along_x[2], "x")
    yf, yt, yv, yg = _position(kind, prep, along_y[0], along_y[1], along_y[2], "y")
    x_enc = alt.X(xf, title=xt, type=xv, scale=alt.Scale(), axis=_axis(prep.frame, along_x[0], xg))
    y_enc = alt.Y(
        field=yf, title=yt, type=yv, scale=alt.Scale(), axis=_axis(prep.frame, along_y[0], yg)
    )
    values, categories = (x_enc, y_enc) if horizontal else (y_enc, x_enc)
    if stack is not None:
        values["stack"] = False if stack == "layered" else stack
    if kind in ("bar", "horizontal_bar"):
        if sort is False:
            categories["sort"] = None
        elif isinstance(sort, str):
            descending = sort.startswith("-")
            order: Literal["ascending", "descending"] = "descending" if descending else "ascending"
            categories["sort"] = alt.SortField(field=prep.sort or "", order=order)
    return x_enc, y_enc


def _color_encoding(
    frame: pd.DataFrame, prep: _Prepared, value: Any, user: Any
) -> alt.Color | alt.ColorValue | None:
    import altair as alt

    if value is not None and not (isinstance(value, list | tuple) and len(value) == 0):
        if _is_color(value) or _is_named_color(value):
            if len(prep.ys) != 1:
                _length_mismatch([value], prep.y_titles)
            return alt.ColorValue(_css_color(value))
        if isinstance(value, list | tuple):
            if len(value) != len(prep.ys):
                _length_mismatch(value, prep.y_titles)
            for c in value:
                if not (_is_color(c) or _is_named_color(c)):
                    raise StreamlitAPIException(
                        f"This does not look like a valid color: {c!r}.\n\n"
                        "Colors must be in one of the following formats:\n\n"
                        "* Hex string with 3, 4, 6, or 8 digits. Example: `'#00ff00'`\n"
                        "* List or tuple with 3 or 4 components. Example: `[1.0, 0.5, 0, 0.2]`"
                    )
            if len(value) == 1:
                return alt.ColorValue(_css_color(value[0]))
            return alt.Color(
                field=prep.color if prep.color is not None else alt.Undefined,
                scale=alt.Scale(domain=prep.y_titles, range=[_css_color(c) for c in value]),
                legend=_COLOR_LEGEND,
                type="nominal",
                title=" ",
            )
        raise _invalid_color(user)
    if prep.color is None:
        return None
    if prep.color == COLOR_COLUMN:
        return alt.Color(field=COLOR_COLUMN, legend=_COLOR_LEGEND, type="nominal", title=" ")
    enc = alt.Color(field=prep.color, legend=_COLOR_LEGEND, type=vega_type(frame[prep.color]))
    if prep.color in prep.titles:
        enc["title"] = prep.titles[prep.color]
    column = frame[prep.color]
    if len(column) and _is_color(column.iat[0]):
        # The column holds the colors themselves: drawn as they are, no legend of "#f00"s.
        enc["scale"] = None
        enc["legend"] = None
    return enc


def _size_encoding(kind: ChartKind, prep: _Prepared, value: Any) -> alt.Size | alt.SizeValue | None:
    import altair as alt

    if kind != "scatter":
        return None
    if prep.size is not None:
        return alt.Size(prep.size, title=prep.title(prep.size), legend=_SIZE_LEGEND)
    if value is None:
        return alt.SizeValue(100)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return alt.SizeValue(value)
    raise StreamlitAPIException(
        f"Invalid `size` value. Supported values: a column name, a number. Got {value!r}."
    )


def _tooltips(prep: _Prepared, color_enc: Any) -> list[alt.Tooltip]:
    import altair as alt

    def tip(name: str) -> alt.Tooltip:
        if name in prep.titles:
            return alt.Tooltip(name, title=prep.titles[name])
        return alt.Tooltip(name)

    assert prep.x is not None and prep.y is not None
    tips = [alt.Tooltip(prep.x, title="index") if prep.x == INDEX_COLUMN else tip(prep.x)]
    if prep.y == VALUE_COLUMN:
        tips.append(alt.Tooltip(VALUE_COLUMN, title="value", type="quantitative"))
    else:
        tips.append(tip(prep.y))
    # No tooltip for a column of colors (it has no legend either).
    if prep.color and getattr(color_enc, "legend", True) is not None:
        if prep.color == COLOR_COLUMN:
            tips.append(alt.Tooltip(COLOR_COLUMN, title="color", type="nominal"))
        else:
            tips.append(tip(prep.color))
    if prep.size:
        tips.append(tip(prep.size))
    return tips


# ---------------------------------------------------------------------------------------------
# Colors (Streamlit accepts hex strings, rgb()/rgba() strings, and RGB(A) tuples).


def _is_hex(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.startswith("#")
        and value[1:].isalnum()
        and len(value) in (4, 5, 7, 9)
    )


def _is_color_tuple(value: object) -> bool:
    return (
        isinstance(value, tuple | list)
        and len(value) in (3, 4)
        and all(isinstance(c, int | float) for c in value)
    )


def _is_color(value: object) -> bool:
    css = isinstance(value, str) and value.startswith(("rgb(", "rgba("))
    return _is_hex(value) or css or _is_color_tuple(value)


def _is_named_color(value: object) -> bool:
    return isinstance(value, str) and value.lower() in NAMED_COLORS


def _css_color(value: Any) -> str:
    """A color as CSS: hex and rgb() strings as they are, tuples as rgb()/rgba()."""
    if _is_named_color(value):
        return NAMED_COLORS[value.lower()]
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise _invalid_color(value)

    def channel(c: float) -> int:
        return min(255, max(int(c * 255) if isinstance(c, float) else int(c), 0))

    r, g, b = (channel(c) for c in value[:3])
    if len(value) == 3:
        return f"rgb({r}, {g}, {b})"
    a = value[3]
    alpha = min(1.0, max(a / 255.0 if isinstance(a, int) else float(a), 0.0))
    return f"rgba({r}, {g}, {b}, {alpha})"


def _length_mismatch(colors: Any, columns: list[str]) -> None:
    raise StreamlitAPIException(
        f"The list of colors `{colors}` must have the same length as the list of columns to "
        f"be colored `{columns}`."
    )


def _invalid_color(value: Any) -> StreamlitAPIException:
    return StreamlitAPIException(
        f"This does not look like a valid color argument: `{value}`.\n\n"
        "The color argument can be:\n\n"
        '* A hex string like "#ffaa00" or "#ffaa0088".\n'
        "* An RGB or RGBA tuple with the red, green, blue, and alpha components specified as "
        "ints from 0 to 255 or floats from 0.0 to 1.0.\n"
        "* The name of a column.\n"
        "* Or a list of colors, matching the number of y columns to draw."
    )


# ---------------------------------------------------------------------------------------------
# map: the points of st.map on a Mercator projection, drawn by Vega-Lite.

LATITUDE_NAMES = ("lat", "latitude", "LAT", "LATITUDE")
LONGITUDE_NAMES = ("lon", "longitude", "LON", "LONGITUDE")
_MAP_DEFAULT_SIZE = 100  # meters, Streamlit's
_MAP_DEFAULT_ZOOM = 12
_MAP_PRIMARY = "rgba(255, 75, 75, 0.627)"  # the theme's primary color at alpha 160, Streamlit's
# Degrees of longitude one view shows at each zoom level (OpenStreetMap's table, Streamlit's).
_ZOOM_SPANS = (
    360, 180, 90, 45, 22.5, 11.25, 5.625, 2.813, 1.406, 0.703, 0.352, 0.176, 0.088, 0.044,
    0.022, 0.011, 0.005, 0.003, 0.001, 0.0005, 0.00025,
)  # fmt: skip
_EARTH_CIRCUMFERENCE = 40075016.686  # meters, at the equator
_TILE = 512  # deck.gl's world width in pixels at zoom 0


def map_chart(
    data: Any = None,
    *,
    latitude: str | None = None,
    longitude: str | None = None,
    color: Any = None,
    size: str | float | None = None,
    zoom: int | None = None,
    width: int | str = "stretch",
    height: int | str = 500,
    use_container_width: bool | None = None,
) -> BuiltChart:
    """Build ``st.map``'s points as a Vega-Lite chart: circles on a Mercator projection.

    Streamlit draws ``st.map`` with deck.gl over map tiles fetched from Carto; a notebook may be
    offline and fragkernel loads nothing from the network, so here the points are drawn on a
    Mercator projection with no tiles. The rules are Streamlit's: latitude and longitude come
    from the named columns or from a column called lat/latitude/LAT/LATITUDE (lon/longitude/
    LON/LONGITUDE), null coordinates are refused, ``size`` is a radius in meters (a number or a
    column, 100 by default, never under 3 pixels), ``color`` is a color or a column of colors
    (the theme's primary color by default), and the view fits the points unless ``zoom`` is
    given. The differences, and why:

    - The frame drawn has fixed column names (``latitude``, ``longitude``, ``size``,
      ``color``): no user column name reaches a Vega-Lite field, so the spec does not change
      with them.
    - With no ``zoom``, Vega-Lite fits the projection to the points (Streamlit picks a zoom
      level that fits them); radii in meters are turned into pixels at Streamlit's zoom level,
      computed in the chart's own transforms, so the spec does not depend on the data.
    - With ``zoom``, the projection's scale is deck.gl's at that zoom, centered, as Streamlit
      does, on the middle of the points: that center is written into the spec, so new data
      with another center redraws the view instead of updating it in place.
    - A ``size`` that is neither a column nor a number is refused here (deck.gl ignores it).
    - Circles have no tooltip, as in Streamlit.

    Example::

        chart, frame = map_chart({"lat": [37.76, 37.77], "lon": [-122.4, -122.41]})
    """
    import altair as alt
    import pandas as pd

    if use_container_width is True:
        width = "stretch"
    for name, value in (("width", width), ("height", height)):
        ok = (
            value == "stretch"
            if isinstance(value, str)
            else isinstance(value, int) and not isinstance(value, bool) and value > 0
        )
        if not ok:
            raise StreamlitAPIException(
                f"Invalid {name} value: {value!r}. {name.capitalize()} must be either a "
                "positive integer (pixels) or 'stretch'."
            )

    source = to_frame(data)
    frame = pd.DataFrame({"latitude": pd.Series(dtype=float), "longitude": []})
    size_value: Any = _MAP_DEFAULT_SIZE
    color_value: Any = _MAP_PRIMARY
    if not source.empty:
        lat = _coordinate_column(source, "latitude", latitude, LATITUDE_NAMES)
        lon = _coordinate_column(source, "longitude", longitude, LONGITUDE_NAMES)
        frame = pd.DataFrame(
            {"latitude": source[lat].to_numpy(), "longitude": source[lon].to_numpy()}
        )
        if isinstance(size, str) and size in source.columns:
            frame["size"] = source[size].to_numpy()
            size_value = None
        elif size is not None:
            if not isinstance(size, int | float) or isinstance(size, bool):
                raise StreamlitAPIException(
                    f"Invalid `size` value. Supported values: a column name, a number. "
                    f"Got {size!r}."
                )
            size_value = size
        if isinstance(color, str) and color in source.columns:
            column = source[color]
            if not (len(column) and _is_color(column.iat[0])):
                raise StreamlitAPIException(
                    f'Column "{color}" does not appear to contain valid colors.'
                )
            frame["color"] = [_map_color(c) for c in column]
            color_value = None
    if color_value is not None and color is not None:
        color_value = _map_color(color)

    # Streamlit's zoom level and the radius in pixels it gives, computed in the chart.
    transforms: list[dict[str, Any]] = [
        {
            "joinaggregate": [
                {"op": op, "field": field, "as": f"_{op}_{field}"}
                for field in ("latitude", "longitude")
                for op in ("min", "max")
            ]
        },
        {
            "calculate": "max(abs(datum._max_latitude - datum._min_latitude), "
            "abs(datum._max_longitude - datum._min_longitude))",
            "as": "_span",
        },
        {"calculate": _zoom_expression(zoom), "as": "_zoom"},
        {
            "calculate": "max(3, {meters} * {tile} * pow(2, datum._zoom) / ({earth} * "
            "cos((datum._min_latitude + datum._max_latitude) / 2 * PI / 180)))".format(
                meters="datum.size" if size_value is None else repr(float(size_value)),
                tile=_TILE,
                earth=_EARTH_CIRCUMFERENCE,
            ),
            "as": "_radius",
        },
        {"calculate": "PI * datum._radius * datum._radius", "as": "_area"},
    ]
    projection: dict[str, Any] = {"type": "mercator"}
    if zoom is not None:
        projection["scale"] = _TILE * 2**zoom / (2 * 3.141592653589793)
        if len(frame):
            lat_mid = (frame["latitude"].min() + frame["latitude"].max()) / 2.0
            lon_mid = (frame["longitude"].min() + frame["longitude"].max()) / 2.0
            projection["center"] = [float(lon_mid), float(lat_mid)]
        else:
            projection["center"] = [0.0, 0.0]

    encoding: dict[str, Any] = {
        "longitude": alt.Longitude("longitude:Q"),
        "latitude": alt.Latitude("latitude:Q"),
        "size": alt.Size("_area:Q", scale=None, legend=None),
    }
    if color_value is None:
        encoding["color"] = alt.Color("color:N", scale=None, legend=None)
    else:
        encoding["color"] = alt.ColorValue(color_value)
    chart = (
        alt.Chart(frame, transform=transforms)
        .mark_circle(opacity=1)
        .encode(**encoding)
        .project(**projection)
    )
    sized: dict[str, Any] = {"height": height} if isinstance(height, int) else {}
    if isinstance(width, int):
        sized["width"] = width
    return BuiltChart(chart.properties(**sized), frame)


def _coordinate_column(
    frame: pd.DataFrame, human: str, name: str | None, defaults: tuple[str, ...]
) -> str:
    """Streamlit's choice of the latitude/longitude column, with its error messages."""
    if isinstance(name, str) and name in frame.columns:
        column = name
    else:
        found = next((c for c in defaults if c in frame.columns), None)
        if found is None:
            allowed = ", ".join(map(repr, sorted(defaults)))
            existing = ", ".join(map(repr, list(frame.columns)))
            raise StreamlitAPIException(
                f"Map data must contain a {human} column named: {allowed}. "
                f"Existing columns: {existing}"
            )
        column = found
    if any(frame[column].isna().array):
        raise StreamlitAPIException(
            f"Column {column} is not allowed to contain null values, such as NaN, NaT, or None."
        )
    return column


def _zoom_expression(zoom: int | None) -> str:
    """Streamlit's zoom level, as a Vega expression of the points' extent."""
    if zoom is not None:
        return str(int(zoom))
    span = "datum._span"
    levels = f"{_MAP_DEFAULT_ZOOM}"
    for level in range(len(_ZOOM_SPANS) - 2, -1, -1):
        # level i when spans[i + 1] < span <= spans[i]
        levels = f"({span} > {_ZOOM_SPANS[level + 1]} ? {level} : {levels})"
    return f"({span} > {_ZOOM_SPANS[0]} ? {_MAP_DEFAULT_ZOOM} : {levels})"


def _map_color(value: Any) -> str:
    """A map color as CSS rgba(), as deck.gl would draw Streamlit's color tuple."""
    if isinstance(value, str) and value.lower() == "primary":
        return _MAP_PRIMARY
    r, g, b, a = _int_rgba(value)
    return f"rgba({r}, {g}, {b}, {round(a / 255, 3)})"


def _int_rgba(value: Any) -> tuple[int, int, int, int]:
    """Streamlit's color to (r, g, b, a) of ints 0-255, with its error for a bad color."""
    bad = StreamlitAPIException(
        f"This does not look like a valid color: {value!r}.\n\n"
        "Colors must be in one of the following formats:\n\n"
        "* Hex string with 3, 4, 6, or 8 digits. Example: `'#00ff00'`\n"
        "* List or tuple with 3 or 4 components. Example: `[1.0, 0.5, 0, 0.2]`"
    )
    if _is_hex(value):
        digits = value[1:]
        if len(digits) in (3, 4):
            digits = "".join(2 * d for d in digits)
        if len(digits) == 6:
            digits += "ff"
        try:
            parts = [int(digits[i : i + 2], 16) for i in range(0, 8, 2)]
        except ValueError:
            raise bad from None
        return parts[0], parts[1], parts[2], parts[3]
    if not _is_color_tuple(value):
        raise bad

    def channel(c: float) -> int:
        return min(255, max(int(c * 255) if isinstance(c, float) else int(c), 0))

    out = [channel(c) for c in value] + ([255] if len(value) == 3 else [])
    return out[0], out[1], out[2], out[3]
