"""Parse ``run_every`` periods: seconds, ``timedelta`` or strings such as ``"500ms"`` (F11)."""

from __future__ import annotations

import re
from datetime import timedelta

_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_PATTERN = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(ms|s|m|h|d)?\s*$")

Period = float | int | timedelta | str | None


def parse_period(value: Period) -> float | None:
    """Return ``value`` in seconds, ``None`` when it is ``None``.

    >>> parse_period("500ms"), parse_period(2), parse_period(timedelta(minutes=1))
    (0.5, 2.0, 60.0)
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError(_message(value))
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        match = _PATTERN.match(value)
        if match is None:
            raise ValueError(_message(value))
        seconds = float(match.group(1)) * _UNITS[match.group(2) or "s"]
    else:
        raise TypeError(_message(value))
    if not seconds > 0 or seconds == float("inf"):
        raise ValueError(f"run_every must be a positive period, got {value!r}.")
    return seconds


def _message(value: object) -> str:
    return (
        f"run_every={value!r} is not a period: pass seconds (2 or 0.5), a datetime.timedelta, "
        'or a string such as "500ms", "2s", "1m".'
    )
