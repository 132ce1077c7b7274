"""The effective configuration of each column of a grid (SPEC D1, D2).

:func:`resolve_columns` merges what the user passed (``column_config``, ``hide_index``,
``column_order``, the editor's ``disabled``) with what the data says (the kind of each column
from its dtype, Streamlit's rules), so the grid and the editor draw from one plain description.
Pure: no widgets, pandas imported lazily.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._errors import StreamlitAPIException
from .column_config import ButtonColumnResult

if TYPE_CHECKING:
    import pandas as pd

#: The key of the index in ``column_config`` (Streamlit's).
INDEX = "_index"
#: Named widths in pixels, as Streamlit draws them.
WIDTHS = {"small": 75, "medium": 200, "large": 400}
#: Kinds whose cells the editor can change; every other kind is read-only.
EDITABLE = frozenset({"text", "number", "checkbox", "selectbox", "list", "multiselect",
                      "datetime", "date", "time", "link", "markdown"})  # fmt: skip
#: The data kinds each editable column type can edit (Streamlit's compatibility table).
_COMPATIBLE = {
    "text": {"string", "empty"},
    "number": {"integer", "float", "decimal", "string", "timedelta", "empty"},
    "checkbox": {"boolean", "string", "integer", "empty"},
    "selectbox": {"string", "boolean", "integer", "float", "empty"},
    "date": {"date", "datetime", "empty"},
    "time": {"time", "datetime", "empty"},
    "datetime": {"datetime", "date", "time", "empty"},
    "link": {"string", "empty"},
    "list": {"list", "string", "empty"},
    "multiselect": {"list", "string", "empty"},
    "markdown": {"string", "empty"},
}
#: Data kind -> the column kind Streamlit infers for it ("object": shown as text, read-only).
_KIND_OF = {
    "string": "text", "empty": "text", "datetime": "datetime", "date": "date", "time": "time",
    "boolean": "checkbox", "integer": "number", "float": "number", "decimal": "number",
    "list": "list", "complex": "text",
}  # fmt: skip
_COMMON = ("label", "width", "help", "hidden", "disabled", "required", "pinned", "default",
           "alignment")  # fmt: skip


@dataclass(frozen=True)
class ResolvedColumn:
    """One column as the grid draws it.

    ``name`` is the column's key (``"_index"`` for the index), ``kind`` a Streamlit column
    type (``"text"``, ``"number"``, ``"checkbox"``, ``"selectbox"``, ``"list"``,
    ``"datetime"``, ``"date"``, ``"time"``, ``"link"``, ``"progress"``, ``"line_chart"``, ...,
    or ``"object"``: text that cannot be edited), ``data_kind`` what the values are
    (``"integer"``, ``"string"``, ...), ``width`` pixels or None (fit the content),
    ``options`` the choices of a selectbox/multiselect column, and ``type_options`` every
    other option of the column type (``y_min``, ``color``, ``max_chars``, ``display_text``...).
    """

    name: str
    label: str
    kind: str
    data_kind: str
    is_index: bool = False
    #: The column's position in the frame (None for the index): labels may repeat.
    position: int | None = None
    width: int | None = None
    help: str | None = None
    hidden: bool = False
    disabled: bool = True
    required: bool = False
    pinned: bool = False
    alignment: str | None = None
    default: Any = None
    format: str | None = None
    min_value: Any = None
    max_value: Any = None
    step: Any = None
    options: list[Any] | None = None
    type_options: dict[str, Any] = field(default_factory=dict)


def data_kind(values: pd.Series | pd.Index) -> str:
    """What a column holds, from its dtype (or its values when the dtype is ``object``)."""
    import pandas as pd
    from pandas.api import types

    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _inferred(dtype.categories)
    if types.is_bool_dtype(dtype):
        return "boolean"
    if types.is_integer_dtype(dtype):
        return "integer"
    if types.is_float_dtype(dtype):
        return "float"
    if types.is_datetime64_any_dtype(dtype):
        return "datetime"
    if types.is_timedelta64_dtype(dtype):
        return "timedelta"
    if isinstance(dtype, pd.PeriodDtype):
        return "period"
    if isinstance(dtype, pd.IntervalDtype):
        return "interval"
    if types.is_complex_dtype(dtype):
        return "complex"
    if types.is_object_dtype(dtype):
        return _inferred(values)
    if types.is_string_dtype(dtype):
        return "string"
    return "unknown"


def _inferred(values: Any) -> str:
    from pandas.api.types import infer_dtype

    inferred = infer_dtype(values, skipna=True)
    kinds = {
        "string": "string", "bytes": "bytes", "floating": "float", "mixed-integer-float": "float",
        "integer": "integer", "decimal": "decimal", "complex": "complex", "boolean": "boolean",
        "datetime64": "datetime", "datetime": "datetime", "date": "date", "time": "time",
        "timedelta64": "timedelta", "timedelta": "timedelta", "period": "period",
        "interval": "interval", "empty": "empty",
    }  # fmt: skip
    if inferred in kinds:
        return kinds[inferred]
    first = next((v for v in values if v is not None), None)
    if isinstance(first, list | tuple) or type(first).__name__ == "ndarray":
        return "list"
    if isinstance(first, Mapping):
        return "dict"
    return "unknown"


def _user_configs(
    frame: pd.DataFrame, column_config: Mapping[Any, Any] | None
) -> dict[str, dict[str, Any]]:
    """The user's mapping keyed by column name: str -> label, None -> hidden, int -> position."""
    names = [str(c) for c in frame.columns]
    configs: dict[str, dict[str, Any]] = {}
    for key, value in (column_config or {}).items():
        if isinstance(key, int) and not isinstance(key, bool) and str(key) not in names:
            if not 0 <= key < len(names):
                raise StreamlitAPIException(
                    f"column_config[{key}]: the frame has {len(names)} columns, so a position "
                    f"is 0 to {len(names) - 1}; or use the column's name."
                )
            name = names[key]
        else:
            name = str(key)
        if value is None:
            config: dict[str, Any] = {"hidden": True}
        elif isinstance(value, str):
            config = {"label": value}
        elif isinstance(value, ButtonColumnResult):
            raise StreamlitAPIException(
                f"column_config[{key!r}]: ButtonColumn with key= or on_click= asks for clickable "
                "button cells, which fragkernel's grid does not draw yet. Leave out key and "
                "on_click to show the column's text."
            )
        elif isinstance(value, Mapping):
            config = dict(value)
        else:
            raise StreamlitAPIException(
                f"column_config[{key!r}] is a {type(value).__name__}: pass a column type such "
                'as fk.column_config.NumberColumn(...), a label ("Price"), or None to hide '
                "the column."
            )
        merged = configs.setdefault(name, {})
        merged.update({k: v for k, v in config.items() if v is not None})
    return configs


def _width(value: Any, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, str) and value in WIDTHS:
        return WIDTHS[value]
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise StreamlitAPIException(
        f'column_config[{name!r}]: width={value!r} is not a width: use "small", "medium", '
        '"large" or a number of pixels.'
    )


def resolve_columns(
    frame: pd.DataFrame,
    column_config: Mapping[Any, Any] | None = None,
    *,
    hide_index: bool | None = None,
    column_order: Iterable[str] | None = None,
    editable: bool = False,
    disabled: bool | Iterable[str | int] = False,
) -> list[ResolvedColumn]:
    """The index, then the columns in display order, each with its effective configuration.

    ``column_config`` maps a column name (or ``"_index"``, or a position) to a dict of
    ``fragkernel.column_config``, a label, or None (hidden). The kind of a column comes from
    its ``type_config``, else from its data: numbers, bool -> checkbox, datetime/date/time,
    categorical -> selectbox (its categories are the options), lists -> list, strings ->
    text, anything else -> object. ``column_order`` lists the data columns to show, in
    order; the others are hidden. With ``editable`` (the editor), ``disabled`` is True or
    the names of read-only columns, and a configured type that cannot edit its data
    (a number column over text...) is refused as Streamlit refuses it.
    """
    import pandas as pd

    configs = _user_configs(frame, column_config)
    read_only = set() if isinstance(disabled, bool) else {str(n) for n in disabled}
    every_disabled = disabled is True or not editable
    if hide_index is not None:
        configs.setdefault(INDEX, {})["hidden"] = hide_index
    index_required = editable and not isinstance(frame.index, pd.RangeIndex)

    names = [str(c) for c in frame.columns]
    order = names if column_order is None else [str(c) for c in column_order]
    unknown = [c for c in order if c not in names]
    if unknown:
        raise StreamlitAPIException(
            f"column_order names {unknown}, which the data does not have: its columns are {names}."
        )
    picked: list[int] = []
    for name in order:  # a repeated label takes the next column of that label
        free = [i for i, n in enumerate(names) if n == name and i not in picked]
        if free:
            picked.append(free[0])
    shown = set(picked)
    sequence: list[tuple[str, int | None, Any]] = [(INDEX, None, frame.index)]
    sequence += [(names[i], i, frame.iloc[:, i]) for i in picked]
    sequence += [(n, i, frame.iloc[:, i]) for i, n in enumerate(names) if i not in shown]

    result = []
    for name, position, values in sequence:
        is_index = name == INDEX
        user = configs.get(name, {})
        kind_of_data = data_kind(values)
        type_config = dict(user.get("type_config") or {})
        kind = type_config.pop("type", None) or _KIND_OF.get(kind_of_data, "object")
        options = type_config.pop("options", None)
        if isinstance(values.dtype, pd.CategoricalDtype):
            if "type_config" not in user:
                kind = "selectbox"
            if options is None and kind == "selectbox":
                options = list(values.dtype.categories)
        if options is None and kind == "selectbox" and kind_of_data == "boolean":
            options = [True, False]
        step = type_config.pop("step", None)
        min_value = type_config.pop("min_value", None)
        if kind == "number" and kind_of_data == "integer":
            step = 1 if step is None else step
            if min_value is None and pd.api.types.is_unsigned_integer_dtype(values.dtype):
                min_value = 0
        column_disabled = (
            every_disabled or bool(user.get("disabled")) or name in read_only
            or kind not in EDITABLE
        )  # fmt: skip
        if editable and not column_disabled and "type_config" in user:
            compatible = _COMPATIBLE.get(kind)
            if compatible is not None and kind_of_data not in compatible:
                raise StreamlitAPIException(
                    f"column_config[{name!r}]: a {kind} column cannot edit this column's "
                    f"{kind_of_data} values. Choose a column type that fits the data, set "
                    "disabled=True on the column, or convert the column first."
                )
        label = user.get("label")
        if label is None:
            label = ("" if values.name is None else str(values.name)) if is_index else name
        result.append(
            ResolvedColumn(
                name=name,
                label=label,
                kind=kind,
                data_kind=kind_of_data,
                is_index=is_index,
                position=position,
                width=_width(user.get("width"), name),
                help=user.get("help"),
                hidden=bool(user.get("hidden", False)) or (not is_index and position not in shown),
                disabled=column_disabled,
                required=bool(user.get("required", is_index and index_required)),
                pinned=bool(user.get("pinned", is_index)),
                alignment=user.get("alignment"),
                default=user.get("default"),
                format=type_config.pop("format", None),
                min_value=min_value,
                max_value=type_config.pop("max_value", None),
                step=step,
                options=None if options is None else list(options),
                type_options={k: v for k, v in type_config.items() if v is not None},
            )
        )
    return result
