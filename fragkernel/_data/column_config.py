"""Column types for ``column_config`` of ``dataframe`` and ``data_editor`` (SPEC D1, D2).

``fragkernel.column_config`` is Streamlit's ``st.column_config``: every function takes
Streamlit 1.67's signature and returns the same plain dict Streamlit builds (``label``,
``width``, ``help``, ..., ``type_config`` with the column's ``type`` and its options), so a
``column_config`` mapping written for Streamlit means the same here. The grid reads these
dicts through :func:`fragkernel._data.columns.resolve_columns`.

Example::

    fk.dataframe(df, column_config={"price": fk.column_config.NumberColumn(format="dollar")})
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal, TypeAlias

from .._errors import StreamlitAPIException

__all__ = [
    "AreaChartColumn",
    "AudioColumn",
    "BarChartColumn",
    "ButtonColumn",
    "CheckboxColumn",
    "Column",
    "DateColumn",
    "DatetimeColumn",
    "ImageColumn",
    "JsonColumn",
    "LineChartColumn",
    "LinkColumn",
    "ListColumn",
    "MarkdownColumn",
    "MultiselectColumn",
    "NumberColumn",
    "ProgressColumn",
    "SelectboxColumn",
    "TextColumn",
    "TimeColumn",
    "VideoColumn",
]

#: One column's configuration: Streamlit's ``ColumnConfig`` dict.
ColumnConfig: TypeAlias = dict[str, Any]
ColumnWidth: TypeAlias = Literal["small", "medium", "large"] | int
ContentAlignment: TypeAlias = Literal["left", "center", "right"]
NumberFormat: TypeAlias = Literal[
    "plain", "localized", "dollar", "euro", "yen", "percent", "compact", "scientific",
    "engineering", "accounting", "bytes",
]  # fmt: skip
NumberColumnFormat: TypeAlias = NumberFormat | Literal["duration"]
DateTimeFormat: TypeAlias = Literal["localized", "distance", "calendar", "iso8601"]
ThemeColor: TypeAlias = Literal[
    "red", "blue", "green", "yellow", "orange", "violet", "gray", "grey", "primary"
]
ChartColor: TypeAlias = Literal["auto", "auto-inverse"] | ThemeColor | str
ButtonType: TypeAlias = Literal["primary", "secondary", "tertiary"]
SelectboxOptionValue: TypeAlias = str | int | float | bool

#: The named colors of chart and progress columns; any hex or rgb()/rgba() color also works.
CHART_COLORS = ("auto", "auto-inverse", "red", "blue", "green", "yellow", "violet", "orange",
                "gray", "grey", "primary")  # fmt: skip
_HEX = re.compile(r"#[0-9a-zA-Z]{3,8}")
_RGB = re.compile(r"rgba?\(\s*[^()]*\)", re.IGNORECASE)
_MATERIAL = re.compile(r"\s*:([^/:]+)/([^:]*):\s*")


@dataclass(frozen=True)
class ButtonColumnResult:
    """What ``ButtonColumn(key=...)`` returns: the column's config and its click callback."""

    config: ColumnConfig
    on_click: Callable[..., Any] | None = None
    args: tuple[Any, ...] | list[Any] | None = None
    kwargs: dict[str, Any] | None = None
    key: str | None = None


def _check_color(color: str, function: str) -> None:
    """Refuse a chart color that is neither named nor a CSS hex/rgb() color, as Streamlit does."""
    if color in CHART_COLORS:
        return
    if isinstance(color, str) and (
        (_HEX.fullmatch(color) and len(color) in (4, 5, 7, 9)) or _RGB.fullmatch(color.strip())
    ):
        return
    raise StreamlitAPIException(
        f"{function}(color={color!r}): a chart color is one of {', '.join(CHART_COLORS)}, "
        'a hex color ("#ff4b4b") or an rgb()/rgba() color ("rgb(255, 75, 75)").'
    )


def _material_icon(text: str) -> str:
    """``":material/link:"`` in its normal form; anything else of that shape is refused."""
    match = _MATERIAL.fullmatch(text)
    if match is None or match[1] != "material" or not re.fullmatch(r"[a-z0-9_]+", match[2]):
        raise StreamlitAPIException(
            f"LinkColumn(display_text={text!r}) is not a valid Material icon: write it as "
            '":material/icon_name:", for example ":material/open_in_new:".'
        )
    return f":material/{match[2]}:"


def _iso(value: Any, name: str, function: str, kind: type) -> str | None:
    """``value.isoformat()`` for the column's date/time type (None stays None)."""
    if value is None:
        return None
    if not isinstance(value, kind):
        raise TypeError(
            f"{function}({name}=...) takes a {kind.__name__} (or None), "
            f"not {type(value).__name__}: {value!r}."
        )
    stamp: Any = value
    return str(stamp.isoformat())


def _seconds(step: int | float | timedelta | None) -> int | float | None:
    return step.total_seconds() if isinstance(step, timedelta) else step


def _base(
    label: str | None, width: ColumnWidth | None, help: str | None, **rest: Any
) -> ColumnConfig:
    """The common keys, in Streamlit's order, then the column's own."""
    return {"label": label, "width": width, "help": help, **rest}


def Column(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
) -> ColumnConfig:
    """Configure a column whose type is inferred from its data.

    Example::

        fk.data_editor(df, column_config={"name": fk.column_config.Column("Name", width="medium")})
    """
    return _base(
        label, width, help, disabled=disabled, required=required, pinned=pinned,
        alignment=alignment,
    )  # fmt: skip


def NumberColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
    default: int | float | None = None,
    format: str | NumberColumnFormat | None = None,
    min_value: int | float | None = None,
    max_value: int | float | None = None,
    step: int | float | None = None,
) -> ColumnConfig:
    """Configure a number column: a printf-style or named ``format``, bounds and step.

    Example::

        fk.column_config.NumberColumn("Price", format="dollar", min_value=0, step=0.01)
    """
    return _base(
        label, width, help, disabled=disabled, required=required, pinned=pinned,
        alignment=alignment, default=default,
        type_config={"type": "number", "min_value": min_value, "max_value": max_value,
                     "format": format, "step": step},
    )  # fmt: skip


def TextColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
    default: str | None = None,
    max_chars: int | None = None,
    validate: str | None = None,
) -> ColumnConfig:
    """Configure a text column; ``validate`` is a regular expression that edits must match.

    Example::

        fk.column_config.TextColumn("Code", max_chars=5, validate=r"^[A-Z]+$")
    """
    return _base(
        label, width, help, disabled=disabled, required=required, pinned=pinned,
        alignment=alignment, default=default,
        type_config={"type": "text", "max_chars": max_chars, "validate": validate},
    )  # fmt: skip


def LinkColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
    default: str | None = None,
    max_chars: int | None = None,
    validate: str | None = None,
    display_text: str | None = None,
) -> ColumnConfig:
    """Configure a column of clickable URLs, shown as ``display_text`` when given.

    ``display_text`` may be a fixed text, a regular expression whose first group is shown,
    or a Material icon (``":material/open_in_new:"``).

    Example::

        fk.column_config.LinkColumn("Site", display_text="Open")
    """
    if display_text and display_text.startswith(":material/"):
        display_text = _material_icon(display_text)
    return _base(
        label, width, help, disabled=disabled, required=required, pinned=pinned,
        alignment=alignment, default=default,
        type_config={"type": "link", "max_chars": max_chars, "validate": validate,
                     "display_text": display_text},
    )  # fmt: skip


def CheckboxColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
    default: bool | None = None,
) -> ColumnConfig:
    """Configure a column of checkboxes (booleans).

    Example::

        fk.column_config.CheckboxColumn("Done?", default=False)
    """
    return _base(
        label, width, help, disabled=disabled, required=required, pinned=pinned,
        alignment=alignment, default=default, type_config={"type": "checkbox"},
    )  # fmt: skip


def SelectboxColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    default: SelectboxOptionValue | None = None,
    options: Iterable[SelectboxOptionValue] | None = None,
    format_func: Callable[[SelectboxOptionValue], str] | None = None,
) -> ColumnConfig:
    """Configure a column whose cells are picked from ``options``.

    With ``format_func``, each option becomes ``{"value": option, "label": format_func(option)}``.

    Example::

        fk.column_config.SelectboxColumn("Size", options=["S", "M", "L"], required=True)
    """
    processed: list[Any] | None = None if options is None else list(options)
    if processed and format_func is not None:
        processed = [{"value": option, "label": format_func(option)} for option in processed]
    return _base(
        label, width, help, disabled=disabled, required=required, pinned=pinned,
        default=default, type_config={"type": "selectbox", "options": processed},
    )  # fmt: skip


def _chart(
    kind: str,
    function: str,
    label: str | None,
    width: ColumnWidth | None,
    help: str | None,
    pinned: bool | None,
    y_min: int | float | None,
    y_max: int | float | None,
    color: ChartColor | None,
) -> ColumnConfig:
    if color is not None:
        _check_color(color, function)
    return _base(
        label, width, help, pinned=pinned,
        type_config={"type": kind, "y_min": y_min, "y_max": y_max, "color": color},
    )  # fmt: skip


def BarChartColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    y_min: int | float | None = None,
    y_max: int | float | None = None,
    color: ChartColor | None = None,
) -> ColumnConfig:
    """Configure a column that draws each cell's list of numbers as a small bar chart.

    Example::

        fk.column_config.BarChartColumn("Sales (last 6 months)", y_min=0, y_max=100)
    """
    return _chart("bar_chart", "BarChartColumn", label, width, help, pinned, y_min, y_max, color)


def LineChartColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    y_min: int | float | None = None,
    y_max: int | float | None = None,
    color: ChartColor | None = None,
) -> ColumnConfig:
    """Configure a column that draws each cell's list of numbers as a sparkline.

    Example::

        fk.column_config.LineChartColumn("Views (past 30 days)", y_min=0, color="green")
    """
    return _chart("line_chart", "LineChartColumn", label, width, help, pinned, y_min, y_max, color)


def AreaChartColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    y_min: int | float | None = None,
    y_max: int | float | None = None,
    color: ChartColor | None = None,
) -> ColumnConfig:
    """Configure a column that draws each cell's list of numbers as a small area chart.

    Example::

        fk.column_config.AreaChartColumn("Load", y_min=0, y_max=1, color="#ff4b4b")
    """
    return _chart("area_chart", "AreaChartColumn", label, width, help, pinned, y_min, y_max, color)


def _media(
    kind: str,
    label: str | None,
    width: ColumnWidth | None,
    help: str | None,
    pinned: bool | None,
    alignment: ContentAlignment | None,
) -> ColumnConfig:
    return _base(label, width, help, pinned=pinned, alignment=alignment, type_config={"type": kind})


def ImageColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
) -> ColumnConfig:
    """Configure a column of images: URLs, or data URLs of base64-encoded images.

    Example::

        fk.column_config.ImageColumn("Preview", width="small")
    """
    return _media("image", label, width, help, pinned, alignment)


def AudioColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
) -> ColumnConfig:
    """Configure a column of playable audio: URLs, or data URLs of base64-encoded audio.

    Example::

        fk.column_config.AudioColumn("Recording")
    """
    return _media("audio", label, width, help, pinned, alignment)


def VideoColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
) -> ColumnConfig:
    """Configure a column of playable videos: URLs, or data URLs of base64-encoded video.

    Example::

        fk.column_config.VideoColumn("Clip", width="medium")
    """
    return _media("video", label, width, help, pinned, alignment)


def JsonColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
) -> ColumnConfig:
    """Configure a read-only column of JSON values (dicts, lists, JSON strings).

    Example::

        fk.column_config.JsonColumn("Payload", width="large")
    """
    return _media("json", label, width, help, pinned, alignment)


def ListColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    default: Iterable[str] | None = None,
) -> ColumnConfig:
    """Configure a column of lists, each shown as a row of chips.

    Example::

        fk.column_config.ListColumn("Tags", default=["new"])
    """
    return _base(
        label, width, help, pinned=pinned, disabled=disabled, required=required,
        default=None if default is None else list(default), type_config={"type": "list"},
    )  # fmt: skip


def MultiselectColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    default: Iterable[str] | None = None,
    options: Iterable[str] | None = None,
    accept_new_options: bool | None = None,
    color: str | Literal["auto"] | ThemeColor | Iterable[str | ThemeColor] | None = None,
    format_func: Callable[[str], str] | None = None,
) -> ColumnConfig:
    """Configure a column of lists whose items are picked from ``options``.

    Each option becomes ``{"value": option}``, with ``"label"`` from ``format_func`` and
    ``"color"`` from ``color`` (one color for all, or colors taken in turn).

    Example::

        fk.column_config.MultiselectColumn("Skills", options=["Python", "SQL"], color="blue")
    """
    processed: list[dict[str, Any]] | None = None
    if options is not None:
        colors: Iterator[str] | None = None
        if isinstance(color, str):
            colors = itertools.repeat(color)
        elif color is not None:
            palette = list(color)
            if not palette:
                raise StreamlitAPIException(
                    "MultiselectColumn(color=[]): pass one color, a list of at least one "
                    "color, or None."
                )
            colors = itertools.cycle(palette)
        processed = []
        for option in options:
            entry: dict[str, Any] = {"value": option}
            if format_func is not None:
                entry["label"] = format_func(option)
            if colors is not None:
                entry["color"] = next(colors)
            processed.append(entry)
    return _base(
        label, width, help, disabled=disabled, required=required, pinned=pinned,
        default=None if default is None else list(default),
        type_config={"type": "multiselect", "options": processed,
                     "accept_new_options": accept_new_options},
    )  # fmt: skip


def DatetimeColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
    default: datetime | None = None,
    format: str | DateTimeFormat | None = None,
    min_value: datetime | None = None,
    max_value: datetime | None = None,
    step: int | float | timedelta | None = None,
    timezone: str | None = None,
) -> ColumnConfig:
    """Configure a date-and-time column: a Moment.js or named ``format``, bounds, step, zone.

    Dates and times are sent as ISO 8601 strings; a ``timedelta`` step as seconds.

    Example::

        fk.column_config.DatetimeColumn("Due", format="D MMM YYYY, h:mm a", step=60)
    """
    name = "DatetimeColumn"
    return _base(
        label, width, help, disabled=disabled, required=required, pinned=pinned,
        alignment=alignment, default=_iso(default, "default", name, datetime),
        type_config={"type": "datetime", "format": format,
                     "min_value": _iso(min_value, "min_value", name, datetime),
                     "max_value": _iso(max_value, "max_value", name, datetime),
                     "step": _seconds(step), "timezone": timezone},
    )  # fmt: skip


def TimeColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
    default: time | None = None,
    format: str | Literal["localized", "iso8601"] | None = None,
    min_value: time | None = None,
    max_value: time | None = None,
    step: int | float | timedelta | None = None,
) -> ColumnConfig:
    """Configure a time-of-day column: a Moment.js or named ``format``, bounds and step.

    Example::

        fk.column_config.TimeColumn("Opens", format="hh:mm a", step=timedelta(minutes=15))
    """
    name = "TimeColumn"
    return _base(
        label, width, help, disabled=disabled, required=required, pinned=pinned,
        alignment=alignment, default=_iso(default, "default", name, time),
        type_config={"type": "time", "format": format,
                     "min_value": _iso(min_value, "min_value", name, time),
                     "max_value": _iso(max_value, "max_value", name, time),
                     "step": _seconds(step)},
    )  # fmt: skip


def DateColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
    default: date | None = None,
    format: str | Literal["localized", "distance", "iso8601"] | None = None,
    min_value: date | None = None,
    max_value: date | None = None,
    step: int | None = None,
) -> ColumnConfig:
    """Configure a date column: a Moment.js or named ``format``, bounds and a step in days.

    Example::

        fk.column_config.DateColumn("Birthday", min_value=date(1900, 1, 1), format="DD.MM.YYYY")
    """
    name = "DateColumn"
    return _base(
        label, width, help, disabled=disabled, required=required, pinned=pinned,
        alignment=alignment, default=_iso(default, "default", name, date),
        type_config={"type": "date", "format": format,
                     "min_value": _iso(min_value, "min_value", name, date),
                     "max_value": _iso(max_value, "max_value", name, date), "step": step},
    )  # fmt: skip


def ProgressColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    format: str | NumberFormat | None = None,
    min_value: int | float | None = None,
    max_value: int | float | None = None,
    step: int | float | None = None,
    color: ChartColor | None = None,
) -> ColumnConfig:
    """Configure a read-only column of progress bars between ``min_value`` and ``max_value``.

    Example::

        fk.column_config.ProgressColumn("Done", format="percent", min_value=0, max_value=1)
    """
    if color is not None:
        _check_color(color, "ProgressColumn")
    return _base(
        label, width, help, pinned=pinned,
        type_config={"type": "progress", "format": format, "min_value": min_value,
                     "max_value": max_value, "step": step, "color": color},
    )  # fmt: skip


def MarkdownColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
    default: str | None = None,
) -> ColumnConfig:
    """Configure a column whose text is shown as Markdown (edited as plain text).

    Example::

        fk.column_config.MarkdownColumn("Notes", width="large")
    """
    return _base(
        label, width, help, disabled=disabled, required=required, pinned=pinned,
        alignment=alignment, default=default, type_config={"type": "markdown"},
    )  # fmt: skip


def ButtonColumn(
    label: str | None = None,
    *,
    width: ColumnWidth | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: ContentAlignment | None = None,
    type: ButtonType = "secondary",
    on_click: Callable[..., Any] | None = None,
    args: tuple[Any, ...] | list[Any] | None = None,
    kwargs: Mapping[str, Any] | None = None,
    key: str | None = None,
) -> ButtonColumnResult | ColumnConfig:
    """Configure a read-only column of buttons, each labelled with its cell's text.

    Without ``key`` it returns the column's config (the grid shows the cells' text); with
    ``key`` a :class:`ButtonColumnResult` that also carries ``on_click``, ``args`` and
    ``kwargs``, as Streamlit's does. Clickable button cells are not drawn yet: a grid given a
    ``ButtonColumnResult`` says so (``StreamlitAPIException``) instead of dropping the callback.

    Example::

        fk.column_config.ButtonColumn("Action", type="primary", on_click=archive, key="archive")
    """
    config = _base(
        label, width, help, pinned=pinned, alignment=alignment, disabled=True,
        type_config={"type": "button", "button_type": type},
    )  # fmt: skip
    if key is not None:
        return ButtonColumnResult(
            config, on_click, args, None if kwargs is None else dict(kwargs), key
        )
    if on_click is not None or args is not None or kwargs is not None:
        raise StreamlitAPIException(
            "ButtonColumn(on_click=..., args=..., kwargs=...) needs key=...: a button column's "
            'clicks are told apart by its key, for example key="archive".'
        )
    return config
