"""The options of ``cache_data`` / ``cache_resource``, checked as Streamlit checks them (C1, C2).

``ttl`` and ``max_size`` parsing, the allowed choices, and the errors with Streamlit's
messages. Kept apart from the caches themselves (``_cache``), which only read a ``Settings``.
"""

from __future__ import annotations

import contextlib
import importlib
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from ._errors import StreamlitAPIException
from ._hashing import type_name

Kind = Literal["data", "resource"]
Ttl = float | timedelta | str | None


class UnhashableParamError(StreamlitAPIException):
    """An argument of a cached function cannot be hashed: the message says how to skip it."""


class UnserializableReturnValueError(StreamlitAPIException):
    """A ``cache_data`` function returned a value that ``pickle`` cannot store."""


def unhashable_message(kind: Kind, func: Any, arg: str | None, value: Any) -> str:
    name = getattr(func, "__name__", "unknown")
    return (
        f"Cannot hash argument '{arg if arg is not None else '(unnamed)'}' (of type "
        f"`{type_name(value)}`) in '{name}'.\n\n"
        "To address this, you can tell fragkernel not to hash this argument by adding a\n"
        "leading underscore to the argument's name in the function signature:\n\n"
        f"```\n@st.cache_{kind}\ndef {name}({'_' + arg if arg else '_arg'}, ...):\n    ...\n```"
    )


def unserializable_message(func: Any, value: Any) -> str:
    return (
        f"Cannot serialize the return value (of type `{type_name(value)}`) in "
        f"`{getattr(func, '__name__', 'unknown')}()`. `st.cache_data` uses pickle to "
        "serialize the function's return value and safely store it in the cache without "
        "mutating the original object. Please convert the return value to a "
        "pickle-serializable type. If you want to cache unserializable objects such as "
        "database connections or Tensorflow sessions, use `st.cache_resource` instead."
    )


_SECONDS = {"ms": 0.001, "s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60,
            "h": 3600, "hour": 3600, "d": 86400, "day": 86400, "w": 604800,
            "week": 604800}  # fmt: skip
_SIZES = {"b": 1, "kb": 1024, "kib": 1024, "mb": 1024**2, "mib": 1024**2, "gb": 1024**3,
          "gib": 1024**3, "tb": 1024**4, "tib": 1024**4}  # fmt: skip


def ttl_seconds(ttl: Ttl) -> float | None:
    """``ttl`` in seconds: a number, a ``timedelta`` or a string (``"1h"``, ``"1d 2h30m"``)."""
    if ttl is None:
        return None
    if isinstance(ttl, timedelta):
        return ttl.total_seconds()
    if isinstance(ttl, int | float) and not isinstance(ttl, bool):
        return float(ttl)
    if isinstance(ttl, str):
        parts = re.findall(r"(\d+(?:\.\d*)?|\.\d+)\s*([a-z]+)", ttl.lower())
        rest = re.sub(r"(\d+(?:\.\d*)?|\.\d+)\s*([a-z]+)|\s+", "", ttl.lower())
        units = [u.rstrip("s") if u not in ("ms", "s") else u for _, u in parts]
        if parts and not rest and all(u in _SECONDS for u in units):
            return sum(float(n) * _SECONDS[u] for (n, _), u in zip(parts, units, strict=True))
        with contextlib.suppress(ImportError, ValueError):  # pandas reads many more forms
            pandas = importlib.import_module("pandas")
            return float(pandas.Timedelta(ttl).total_seconds())
    raise StreamlitAPIException(
        f"ttl={ttl!r} is not a duration: pass seconds (60), a datetime.timedelta, or a "
        'string such as "10m", "1h" or "1d".'
    )


def max_size_bytes(size: int | str | None) -> int | None:
    """``max_size`` in bytes: an int, or a string with a unit (``"500MB"``, powers of 1024)."""
    if size is None:
        return None
    count: float | None = None
    if isinstance(size, int) and not isinstance(size, bool):
        count = size
    elif isinstance(size, str):
        match = re.fullmatch(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zA-Z]+)\s*", size)
        if match and match.group(2).lower() in _SIZES:
            count = int(float(match.group(1)) * _SIZES[match.group(2).lower()])
    if count is None or count <= 0:
        raise StreamlitAPIException(
            f"Invalid `max_size` value {size!r}. Supported values: a positive byte size, as "
            'an int of bytes or a string with a unit such as "500MB" or "1.5GiB".'
        )
    return int(count)


def check_choice(name: str, value: object, choices: tuple[object, ...]) -> None:
    if value not in choices:
        shown = ", ".join(repr(c) for c in choices)
        raise StreamlitAPIException(f"Invalid `{name}` value {value!r}. Supported values: {shown}.")


@dataclass
class Settings:
    ttl: float | None = None
    max_entries: int | None = None
    max_size: int | None = None
    persist: bool = False
    background: bool = False
    validate: Callable[[Any], bool] | None = None
    on_release: Callable[[Any], Any] | None = None


def settings(
    name: str,
    ttl: Ttl,
    max_entries: int | None,
    scope: str,
    refresh_mode: str,
    persist: bool = False,
    max_size: int | None = None,
    validate: Callable[[Any], bool] | None = None,
    on_release: Callable[[Any], Any] | None = None,
) -> Settings:
    check_choice("scope", scope, ("global", "session"))
    check_choice("refresh_mode", refresh_mode, ("foreground", "background"))
    seconds = ttl_seconds(ttl)
    if max_entries is not None and (
        isinstance(max_entries, bool) or not isinstance(max_entries, int)
    ):
        raise StreamlitAPIException(
            f"{name}: max_entries must be an int or None, got {max_entries!r}."
        )
    background = refresh_mode == "background"
    if background and (seconds is None or seconds <= 0):
        raise StreamlitAPIException(
            'refresh_mode="background" needs a positive `ttl`: set one (for example '
            '`ttl="1h"`) or use `refresh_mode="foreground"`.'
        )
    if background and persist:
        raise StreamlitAPIException(
            "refresh_mode='background' cannot be used with persist: persisted (disk) caches "
            "do not expire, which background refresh requires. Use `persist=None` with "
            '`refresh_mode="background"`, or use `refresh_mode="foreground"`.'
        )
    if persist and seconds is not None:
        warnings.warn(
            f"{name}: ttl is ignored with persist='disk' (as in Streamlit): persisted results "
            "never expire; clear them with .clear().",
            UserWarning,
            stacklevel=4,
        )
    return Settings(seconds, max_entries, max_size, persist, background, validate, on_release)
