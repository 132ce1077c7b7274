"""Pickers with Streamlit's signatures: selection sliders, dates, times and colours (W1).

``select_slider``, ``date_input``, ``time_input``, ``color_picker``, and the date and time
sliders that ``slider`` hands its temporal values over to.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from .._compat import accepts
from .._errors import StreamlitAPIException
from .._frontend import controls as c
from .._runtime.slots import Callback, draw

#: Most options a date or time slider offers (each is one step of the slider).
MAX_STEPS = 10_000
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _value(control: widgets.Widget) -> Any:
    return control.value


@accepts("width", "bind", "persist_state")
def select_slider(
    label: str,
    options: Sequence[Any] = (),
    value: Any = None,
    format_func: Callable[[Any], Any] = str,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> Any:
    """A slider over a list of options; a ``(low, high)`` value makes it a range.

    Example::

        color = fk.select_slider("Colour", options=["red", "orange", "yellow"])
        start, end = fk.select_slider("Range", ["a", "b", "c", "d"], value=("b", "c"))
    """
    opts = list(options)
    if not opts:
        raise StreamlitAPIException(f'select_slider "{label}": options must not be empty.')
    labels = [(str(format_func(o)), i) for i, o in enumerate(opts)]
    is_range = isinstance(value, list | tuple)

    def index_of(item: Any) -> int:
        for i, option in enumerate(opts):
            if option == item:
                return i
        raise StreamlitAPIException(f'select_slider "{label}": {item!r} is not an option.')

    def to_widget(new: Any) -> Any:
        if is_range:
            if not isinstance(new, list | tuple) or len(new) != 2:
                raise StreamlitAPIException(f'select_slider "{label}": value is a pair.')
            return (index_of(new[0]), index_of(new[1]))
        return index_of(new)

    default = (tuple(value) if is_range else value) if value is not None else opts[0]

    def make(initial: Any) -> widgets.Widget:
        cls = c.SelectionRangeSlider if is_range else c.SelectionSlider
        control = cls(options=labels, value=to_widget(initial))
        control.add_class("fragkernel-select-slider")
        return control

    def get(control: widgets.Widget) -> Any:
        if is_range:
            low, high = control.value
            return (opts[low], opts[high])
        return opts[control.value]

    def put(control: widgets.Widget, new: Any) -> None:
        control.value = to_widget(new)

    slot = draw(
        "select_slider", label, key=key, params=(tuple(t for t, _ in labels), repr(default)),
        make=make, get=get, put=put, default=default, traits={"options": tuple(labels)},
        model=c.SelectionRangeSlider if is_range else c.SelectionSlider, on_change=on_change,
        args=args,
        kwargs=kwargs, help=help, disabled=disabled, label_visibility=label_visibility,
    )  # fmt: skip
    return slot.value()


def is_temporal(value: Any) -> bool:
    """Whether ``value`` is a date, time or datetime (``slider`` hands these over here)."""
    return isinstance(value, dt.date | dt.time)


def temporal_slider(
    label: str,
    min_value: Any,
    max_value: Any,
    value: Any,
    step: Any,
    format: str | None,
    **common: Any,
) -> Any:
    """A slider over dates, times or datetimes: Streamlit's defaults, a stock selection slider."""
    sample = value[0] if isinstance(value, list | tuple) else value
    sample = sample if sample is not None else min_value
    if sample is None:
        raise StreamlitAPIException(f'slider "{label}": give a value or min_value.')
    options = _steps(label, type(sample), sample, min_value, max_value, step)
    fmt = format

    def shown(option: Any) -> str:
        return str(option.strftime(fmt) if fmt else option.isoformat())

    if value is None:
        value = options[0]
    for item in value if isinstance(value, list | tuple) else (value,):
        if item not in options:
            raise StreamlitAPIException(f'slider "{label}": {item!r} is not on a step.')
    return select_slider(label, options, value, shown, **common)


def _steps(label: str, kind: type, sample: Any, low: Any, high: Any, step: Any) -> list[Any]:
    """Every option of a temporal slider: Streamlit's default range and step per type."""
    fortnight = dt.timedelta(days=14)
    convert: Callable[[dt.datetime], Any] | None
    if kind is dt.time:
        day = dt.date(2000, 1, 1)
        start = dt.datetime.combine(day, low or dt.time(0, 0))
        end = dt.datetime.combine(day, high or dt.time(23, 45))
        delta, convert = step or dt.timedelta(minutes=15), dt.datetime.time
    elif kind is dt.datetime:
        start, end = low or sample - fortnight, high or sample + fortnight
        delta, convert = step or dt.timedelta(days=1), None
    else:
        start = dt.datetime.combine(low or sample - fortnight, dt.time())
        end = dt.datetime.combine(high or sample + fortnight, dt.time())
        delta, convert = step or dt.timedelta(days=1), dt.datetime.date
    if not isinstance(delta, dt.timedelta) or delta <= dt.timedelta(0):
        raise StreamlitAPIException(f'slider "{label}": step must be a positive timedelta.')
    if (end - start) / delta > MAX_STEPS:
        raise StreamlitAPIException(
            f'slider "{label}": more than {MAX_STEPS} steps between min and max: use a larger step.'
        )
    moments = []
    moment = start
    while moment <= end:
        moments.append(convert(moment) if convert else moment)
        moment += delta
    return moments


@accepts("required", "width", "bind", "persist_state")
def date_input(
    label: str,
    value: Any = "today",
    min_value: dt.date | None = None,
    max_value: dt.date | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    format: str = "YYYY/MM/DD",
    disabled: bool = False,
    label_visibility: str = "visible",
) -> dt.date | tuple[dt.date, ...] | None:
    """A date picker (a stock ``DatePicker``); returns the chosen date.

    A list or tuple ``value`` asks for an interval: two pickers, and a tuple is returned.

    Example::

        birthday = fk.date_input("When is your birthday", datetime.date(2019, 7, 6))
    """
    if isinstance(value, list | tuple):
        return _date_range(
            label, value, min_value, max_value, key, help, on_change, args, kwargs,
            disabled, label_visibility,
        )  # fmt: skip
    start = _as_date(label, value)

    def check(new: Any) -> dt.date | None:
        if new is None:
            return None
        if isinstance(new, dt.datetime):
            new = new.date()
        if not isinstance(new, dt.date):
            raise StreamlitAPIException(f'date_input "{label}": {new!r} is not a date.')
        if (min_value and new < min_value) or (max_value and new > max_value):
            raise StreamlitAPIException(f'date_input "{label}": {new} is out of range.')
        return new

    def make(initial: Any) -> widgets.Widget:
        control = c.DatePicker(value=check(initial))
        if min_value is not None:
            control.min = min_value
        if max_value is not None:
            control.max = max_value
        return control

    slot = draw(
        "date_input", label, key=key,
        params=("today" if value == "today" else start, min_value, max_value), make=make,
        get=_value, put=lambda w, v: setattr(w, "value", check(v)), default=check(start),
        traits={"min": min_value, "max": max_value},
        on_change=on_change, args=args, kwargs=kwargs, help=help, disabled=disabled,
        label_visibility=label_visibility,
    )  # fmt: skip
    result = slot.value()
    return result if result is None else check(result)


def _as_date(label: str, value: Any) -> dt.date | None:
    """Streamlit's date values: ``"today"``, a date, a datetime, an ISO string or ``None``."""
    if value == "today":
        return dt.date.today()
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value).date()
        except ValueError:
            raise StreamlitAPIException(
                f'date_input "{label}": {value!r} is not an ISO date (YYYY-MM-DD).'
            ) from None
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    raise StreamlitAPIException(f'date_input "{label}": {value!r} is not a date.')


def _date_range(
    label: str,
    value: Sequence[Any],
    min_value: dt.date | None,
    max_value: dt.date | None,
    key: str | None,
    help: str | None,
    on_change: Callback,
    args: tuple[Any, ...] | None,
    kwargs: dict[str, Any] | None,
    disabled: bool,
    label_visibility: str,
) -> tuple[dt.date, ...]:
    """A date interval: two stock date pickers side by side; returns ``(start, end)``."""
    from .._runtime.context import get_runtime
    from .layout import columns

    if len(value) > 2:
        raise StreamlitAPIException(f'date_input "{label}": an interval has at most two dates.')
    bounds = [_as_date(label, v) for v in value] + [None] * (2 - len(value))
    state = get_runtime().state
    if key is not None and state._has(str(key)):
        bounds = [*state._peek(str(key)), None, None][:2]
    common: dict[str, Any] = dict(min_value=min_value, max_value=max_value, help=help,
                                  on_change=on_change, args=args, kwargs=kwargs,
                                  disabled=disabled)  # fmt: skip
    left, right = columns(2)
    with left:
        first = date_input(label, bounds[0], label_visibility=label_visibility, **common)
    with right:
        second = date_input(f"{label} (end)", bounds[1], label_visibility="collapsed", **common)
    chosen = tuple(d for d in (first, second) if isinstance(d, dt.date))
    if key is not None:
        state._store(str(key), chosen, from_widget=True)
    return chosen


@accepts("required", "format", "width", "bind", "persist_state")
def time_input(
    label: str,
    value: Any = "now",
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    step: int | dt.timedelta = dt.timedelta(minutes=15),
) -> dt.time | None:
    """A time picker (a stock ``TimePicker``); returns the chosen time.

    Example::

        t = fk.time_input("Set an alarm for", datetime.time(8, 45))
    """
    if value == "now":
        now = dt.datetime.now()
        start: dt.time | None = dt.time(now.hour, now.minute)
    elif isinstance(value, dt.datetime):
        start = value.time()
    else:
        start = value
    seconds = step.total_seconds() if isinstance(step, dt.timedelta) else float(step)
    if seconds < 60:
        raise StreamlitAPIException(f'time_input "{label}": step must be at least 60 seconds.')

    def check(new: Any) -> dt.time | None:
        if new is not None and not isinstance(new, dt.time):
            raise StreamlitAPIException(f'time_input "{label}": {new!r} is not a time.')
        return new

    slot = draw(
        "time_input", label, key=key, params=("now" if value == "now" else start, seconds),
        make=lambda initial: c.TimePicker(value=check(initial), step=seconds),
        get=_value, put=lambda w, v: setattr(w, "value", check(v)), default=start,
        on_change=on_change, args=args, kwargs=kwargs, help=help, disabled=disabled,
        label_visibility=label_visibility,
    )  # fmt: skip
    return check(slot.value())


@accepts("width", "bind", "persist_state")
def color_picker(
    label: str,
    value: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> str:
    """A colour picker (a stock ``ColorPicker``); returns the colour as ``#rrggbb``.

    Example::

        color = fk.color_picker("Pick a colour", "#00f900")
    """
    start = value or "#000000"

    def check(new: Any) -> str:
        if not isinstance(new, str) or not _HEX.match(new):
            raise StreamlitAPIException(f'color_picker "{label}": {new!r} is not #rrggbb.')
        return new.lower()

    def get(control: widgets.Widget) -> str:
        current = str(control.value)
        return current.lower() if _HEX.match(current) else start.lower()

    slot = draw(
        "color_picker", label, key=key, params=(start,),
        make=lambda initial: c.ColorPicker(value=check(initial), concise=False), get=get,
        put=lambda w, v: setattr(w, "value", check(v)), default=check(start),
        on_change=on_change, args=args, kwargs=kwargs, help=help, disabled=disabled,
        label_visibility=label_visibility,
    )  # fmt: skip
    return str(slot.value())


def _as_datetime(label: str, value: Any, name: str) -> dt.datetime | None:
    """Streamlit's datetime values, normalised to the minute, without a time zone.

    ``"now"``, a datetime, a date, a time, an ISO string or ``None``.
    """
    if value is None:
        return None
    if value == "now":
        moment = dt.datetime.now()
    elif isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    elif isinstance(value, dt.time):
        moment = dt.datetime.combine(dt.date.today(), value)
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            try:
                moment = dt.datetime.combine(dt.date.today(), dt.time.fromisoformat(value))
            except ValueError:
                raise StreamlitAPIException(
                    f'datetime_input "{label}": {name}={value!r} is not an ISO date and time.'
                ) from None
    else:
        raise StreamlitAPIException(
            f'datetime_input "{label}": {name} must be a datetime, date, time, ISO string or '
            f'"now", got {type(value).__name__}.'
        )
    return moment.replace(tzinfo=None, second=0, microsecond=0)


def _years(moment: dt.datetime, years: int) -> dt.datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


@accepts("width", "bind", "persist_state")
def datetime_input(
    label: str,
    value: Any = "now",
    min_value: Any = None,
    max_value: Any = None,
    *,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | str = "rerun",
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    format: str = "YYYY/MM/DD",
    step: int | dt.timedelta = dt.timedelta(minutes=15),
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
) -> dt.datetime | None:
    """A date and time picker (a stock ``NaiveDatetimePicker``); returns the chosen datetime.

    Values are to the minute; ``min_value`` and ``max_value`` default to ten years around
    the value, as in Streamlit. ``value=None`` starts empty and returns ``None`` until a
    choice; clearing the picker is refused when ``required=True``.

    Example::

        event_time = fk.datetime_input("Event time", datetime.datetime(2025, 11, 19, 16, 45))
    """
    seconds = step.total_seconds() if isinstance(step, dt.timedelta) else step
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 60:
        raise StreamlitAPIException(
            f'datetime_input "{label}": step must be at least one minute, got {step!r}.'
        )
    start = _as_datetime(label, value, "value")
    base = start or dt.datetime.combine(dt.date.today(), dt.time())
    low = _as_datetime(label, min_value, "min_value") or _years(base.replace(hour=0, minute=0), -10)
    high = _as_datetime(label, max_value, "max_value") or _years(
        base.replace(hour=23, minute=59), 10
    )
    if low > high:
        raise StreamlitAPIException(f'datetime_input "{label}": min_value is after max_value.')
    if start is not None and not low <= start <= high:
        raise StreamlitAPIException(
            f'datetime_input "{label}": the value {start} is outside [{low}, {high}].'
        )

    def check(new: Any) -> dt.datetime | None:
        if new is None:
            if required and start is not None:
                raise StreamlitAPIException(f'datetime_input "{label}" requires a value.')
            return None
        if not isinstance(new, dt.datetime):
            raise StreamlitAPIException(f'datetime_input "{label}": {new!r} is not a datetime.')
        new = new.replace(tzinfo=None, second=0, microsecond=0)
        if not low <= new <= high:
            raise StreamlitAPIException(f'datetime_input "{label}": {new} is out of range.')
        return new  # type: ignore[no-any-return]

    def make(initial: Any) -> widgets.Widget:
        control = c.NaiveDatetimePicker(min=low, max=high)
        control.value = check(initial)
        return control

    def get(control: widgets.Widget) -> dt.datetime | None:
        try:
            return check(control.value)
        except StreamlitAPIException:  # cleared though required, or out of range: the default
            return start

    slot = draw(
        "datetime_input", label, key=key,
        params=("now" if value == "now" else start, low, high, required), make=make, get=get,
        put=lambda w, v: setattr(w, "value", check(v)), default=start,
        traits={"min": low, "max": high}, model=c.NaiveDatetimePicker,
        on_change=on_change, args=args, kwargs=kwargs, help=help, disabled=disabled,
        label_visibility=label_visibility,
    )  # fmt: skip
    return slot.value()  # type: ignore[no-any-return]
