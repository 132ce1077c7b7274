"""``session_state``: one kernel-wide mapping shared by every cell and fragment (SPEC S1-S4).

The mapping knows nothing of fragments. The runtime plugs two hooks into it: one told of
every read (so a run records the keys it depends on) and one told of every change (so the
fragments that read the key rerun). Dependencies thus point from the runtime to here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

ReadHook = Callable[[str], None]
WriteHook = Callable[[str], None]
SetHook = Callable[[str], None]


def same_value(old: Any, new: Any) -> bool:
    """Whether two values are equal, for values whose ``==`` may fail (NumPy arrays)."""
    if old is new:
        return True
    try:
        return bool(old == new)
    except Exception:  # numpy arrays and friends compare element-wise
        return False


class SessionState(MutableMapping[str, Any]):
    """A mutable mapping with attribute access, like ``st.session_state``.

    >>> state = SessionState()
    >>> state.count = 1
    >>> state["count"] += 1
    >>> state.to_dict()
    {'count': 2}
    """

    def __init__(self) -> None:
        object.__setattr__(self, "_data", {})
        object.__setattr__(self, "_lock", threading.RLock())
        object.__setattr__(self, "_from_widget", set())
        object.__setattr__(self, "_on_read", None)
        object.__setattr__(self, "_on_write", None)
        object.__setattr__(self, "_on_set", None)

    # -- hooks the runtime installs ------------------------------------------------------
    def _set_hooks(
        self, on_read: ReadHook | None, on_write: WriteHook | None, on_set: SetHook | None = None
    ) -> None:
        """Install the runtime's hooks: told of reads, of changes, and (to refuse) of sets."""
        object.__setattr__(self, "_on_read", on_read)
        object.__setattr__(self, "_on_write", on_write)
        object.__setattr__(self, "_on_set", on_set)

    def _read(self, key: str) -> None:
        hook = self._on_read
        if hook is not None:
            hook(key)

    # -- mapping protocol ----------------------------------------------------------------
    def __getitem__(self, key: str) -> Any:
        self._read(key)
        with self._lock:
            try:
                return self._data[key]
            except KeyError:
                raise KeyError(
                    f'session_state has no key "{key}". Did you forget to initialize it?'
                ) from None

    def __setitem__(self, key: str, value: Any) -> None:
        guard = self._on_set
        if guard is not None and isinstance(key, str):
            guard(key)
        self._store(key, value, from_widget=False)

    def __delitem__(self, key: str) -> None:
        with self._lock:
            if key not in self._data:
                raise KeyError(f'session_state has no key "{key}".')
            del self._data[key]
            self._from_widget.discard(key)
        self._changed(key)

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            keys = list(self._data)
        for key in keys:
            self._read(key)
        return iter(keys)

    def __len__(self) -> int:
        with self._lock:
            return len(self._data)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self._read(key)
        with self._lock:
            return key in self._data

    # -- attribute access ----------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(
                f'session_state has no attribute "{name}". Did you forget to initialize it?'
            ) from None

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self[name]
        except KeyError:
            raise AttributeError(f'session_state has no attribute "{name}".') from None

    # -- Streamlit's extras --------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Return a shallow copy of the state as a plain ``dict``."""
        with self._lock:
            return dict(self._data)

    def clear(self) -> None:
        """Remove every key; fragments that read any of them rerun (S4)."""
        with self._lock:
            keys = list(self._data)
            self._data.clear()
            self._from_widget.clear()
        for key in keys:
            self._changed(key)

    def __repr__(self) -> str:
        return f"SessionState({self.to_dict()!r})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    # -- used by widgets -----------------------------------------------------------------
    def _store(self, key: str, value: Any, *, from_widget: bool) -> None:
        if not isinstance(key, str):
            raise TypeError(f"session_state keys are strings, got {key!r}.")
        with self._lock:
            changed = key not in self._data or not same_value(self._data[key], value)
            self._data[key] = value
            if from_widget:
                self._from_widget.add(key)
            else:
                self._from_widget.discard(key)
        if changed:
            self._changed(key)

    def _peek(self, key: str, default: Any = None) -> Any:
        """Read without counting as a dependency."""
        with self._lock:
            return self._data.get(key, default)

    def _has(self, key: str) -> bool:
        with self._lock:
            return key in self._data

    def _set_by_user(self, key: str) -> bool:
        """Whether the key's value came from user code rather than from its widget."""
        with self._lock:
            return key in self._data and key not in self._from_widget

    def _changed(self, key: str) -> None:
        hook = self._on_write
        if hook is not None:
            hook(key)
