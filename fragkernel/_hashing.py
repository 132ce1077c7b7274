"""Hash the arguments of a cached function by value, with Streamlit's rules (SPEC C1, C2).

The hash must be the same for equal values in any run and any process (a value persisted
to disk is found again after a kernel restart), so it never uses ``id`` or ``hash``. What
can be hashed, and how, follows ``st.cache_data``: plain values, containers, dataclasses,
enums, dates, NumPy arrays, pandas frames, PIL images, files and buffers by content or
name; anything else through its ``__reduce__`` (the data ``pickle`` would save). Functions
and objects that hold one (a lock, a connection, a plain class instance) cannot be hashed:
the caller names such a parameter ``_x`` or passes ``hash_funcs``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import inspect
import io
import os
import re
import struct
import sys
import uuid
from collections.abc import Callable, ItemsView
from types import MappingProxyType
from typing import Any

from ._errors import StreamlitAPIException

HashFuncs = dict[type | str, Callable[[Any], Any]]

_CYCLE = b"fragkernel-cache-cycle"


class UnhashableTypeError(Exception):
    """An object of a type the cache cannot hash by value (internal: see UnhashableParamError)."""


class UserHashError(StreamlitAPIException):
    """A function of ``hash_funcs`` raised while hashing an argument."""


def type_name(obj_or_type: Any) -> str:
    """The fully qualified name of a type (or of an object's type): ``datetime.datetime``."""
    kind = obj_or_type if isinstance(obj_or_type, type) else type(obj_or_type)
    return f"{kind.__module__}.{kind.__qualname__}"


def new_hasher() -> Any:
    """A fast, stable hash (not for security)."""
    return hashlib.blake2b(digest_size=16)


class Hasher:
    """Turn values into stable bytes; ``hash_funcs`` maps a type (or its name) to a function."""

    def __init__(self, hash_funcs: HashFuncs | None = None) -> None:
        self.funcs = {
            k if isinstance(k, str) else type_name(k): v for k, v in (hash_funcs or {}).items()
        }
        self._seen: set[int] = set()

    def update(self, hasher: Any, obj: Any) -> None:
        """Feed ``obj`` to ``hasher``."""
        hasher.update(self.to_bytes(obj))

    def to_bytes(self, obj: Any) -> bytes:
        """The bytes that stand for ``obj``, tagged with its type (so ``1 != "1" != 1.0``)."""
        if id(obj) in self._seen:  # a container that holds itself
            return _CYCLE
        self._seen.add(id(obj))
        try:
            return type(obj).__qualname__.encode() + b":" + self._bytes(obj)
        finally:
            self._seen.discard(id(obj))

    def _digest(self, *items: Any) -> bytes:
        h = new_hasher()
        for item in items:
            self.update(h, item)
        return bytes(h.digest())

    def _bytes(self, obj: Any) -> bytes:  # one case per type
        name = type_name(obj)
        if name in ("unittest.mock.Mock", "unittest.mock.MagicMock"):
            return str(id(obj)).encode()  # mocks look infinitely deep
        if isinstance(obj, bytes | bytearray):
            return bytes(obj)
        if name in self.funcs:
            func = self.funcs[name]
            try:
                return self.to_bytes(func(obj))
            except Exception as exc:
                raise UserHashError(
                    f"{exc}\n\nThis error is likely due to a bug in "
                    f"`{getattr(func, '__name__', 'a function')}()`, a hash function passed "
                    f"in `hash_funcs`, which failed when hashing an object of type `{name}`."
                ) from exc
        if obj is None:
            return b"0"
        if isinstance(obj, str):
            return obj.encode()
        if isinstance(obj, float):
            return struct.pack(">d", obj)
        if isinstance(obj, int):
            return obj.to_bytes((obj.bit_length() + 8) // 8, "little", signed=True)
        if isinstance(obj, uuid.UUID):
            return obj.bytes
        if isinstance(obj, dt.datetime):
            return obj.isoformat().encode()
        if isinstance(obj, list | tuple):
            return self._digest(*obj)
        if isinstance(obj, dict):
            return self._digest(*obj.items())
        if isinstance(obj, MappingProxyType | ItemsView):
            return self.to_bytes(dict(obj))
        if not isinstance(obj, type) and dataclasses.is_dataclass(obj):
            return self.to_bytes(dataclasses.asdict(obj))  # type: ignore[arg-type]
        if isinstance(obj, enum.Enum):
            return str(obj).encode()
        data = self._data_bytes(obj)
        if data is not None:
            return data
        if inspect.isbuiltin(obj) or name == "numpy.ufunc":
            return str(obj.__name__).encode()
        if inspect.ismodule(obj) or inspect.isclass(obj):
            return str(obj.__name__).encode()
        if isinstance(obj, re.Pattern):
            return self.to_bytes([obj.pattern, obj.flags])
        if isinstance(obj, io.BytesIO | io.StringIO):  # an uploaded file has a name too
            return self._digest(getattr(obj, "name", None), obj.tell(), obj.getvalue())
        path = getattr(obj, "name", None)
        if isinstance(obj, io.IOBase) and isinstance(path, str):  # a file: name and mtime
            return self._digest(path, os.path.getmtime(path), obj.tell())
        if isinstance(obj, functools.partial):
            return self._digest(obj.args, obj.func, obj.keywords)
        dump = getattr(obj, "model_dump_json", None)
        if dump is not None and not isinstance(obj, type):  # a pydantic model
            try:
                return self.to_bytes(dump())
            except Exception as exc:
                raise UnhashableTypeError from exc
        try:
            reduced = obj.__reduce__()
        except Exception as exc:  # functions, locks, generators, ...
            raise UnhashableTypeError from exc
        if isinstance(reduced, str):  # a global singleton, pickled by name
            return reduced.encode()
        return self._digest(*reduced)

    def _data_bytes(self, obj: Any) -> bytes | None:
        """NumPy arrays, pandas frames and PIL images, by content (``None``: not one of them)."""
        numpy = sys.modules.get("numpy")
        if numpy is not None and isinstance(obj, numpy.ndarray):
            return self._digest(obj.shape, str(obj.dtype), obj.tobytes())
        pandas = sys.modules.get("pandas")
        if pandas is not None and isinstance(obj, pandas.Series | pandas.DataFrame):
            try:
                values = pandas.util.hash_pandas_object(obj).to_numpy().tobytes()
            except TypeError:  # cells pandas cannot hash (lists, dicts): their pickle
                import pickle

                values = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
            columns = [str(c) for c in obj.columns] if hasattr(obj, "columns") else []
            dtypes = [str(t) for t in obj.dtypes] if hasattr(obj, "columns") else [str(obj.dtype)]
            return self._digest(obj.shape, columns, dtypes, values)
        image = sys.modules.get("PIL.Image")
        if image is not None and isinstance(obj, image.Image):
            palette = obj.getpalette() if obj.mode == "P" else None
            return self._digest(obj.mode, obj.size, palette or [], obj.tobytes())
        return None
