"""``cache_data`` and ``cache_resource``: Streamlit's caching decorators (SPEC C1, C2).

A cached function keeps its results per arguments, hashed by value (``_hashing``).
``cache_data`` stores each result pickled and hands every caller its own copy;
``cache_resource`` hands every caller the one shared object.

A function's cache is found by a key made of its module, qualified name and source code
(its code object when there is no source), not by the function object: running a cell
again defines a new function object with the same source, which finds the same cache; a
changed body (or changed decorator arguments, which are part of the source) misses. As in
Streamlit, only the function's own source counts: a global or a closure variable it reads
is not part of the key, so pass what changes as an argument.

``persist="disk"`` (``cache_data``) also writes each result as a pickle file under
``.fragkernel_cache/`` in the kernel's working directory, where a new kernel finds it
again; ``ttl`` does not apply to those files (as in Streamlit). ``scope="session"`` is the
same as ``"global"``: a kernel is one session. Unlike Streamlit, elements drawn inside a
cached function are not replayed when a later call hits the cache.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import pickle
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Literal, ParamSpec, TypeVar, overload

from ._cache_options import (
    Kind,
    Settings,
    Ttl,
    UnhashableParamError,
    UnserializableReturnValueError,
    check_choice,
    max_size_bytes,
    settings,
    unhashable_message,
    unserializable_message,
)
from ._errors import StreamlitAPIException
from ._hashing import Hasher, HashFuncs, UnhashableTypeError, new_hasher, type_name

P = ParamSpec("P")
R = TypeVar("R")


#: The clock of ``ttl`` (seconds); tests replace it with a fake one.
clock: Callable[[], float] = time.monotonic

#: Where ``persist="disk"`` keeps its files, under the kernel's working directory.
DISK_DIR = ".fragkernel_cache"

_computing: ContextVar[bool] = ContextVar("fragkernel_cache_computing", default=False)


# -- one function's cache ---------------------------------------------------------------


@dataclass
class _Entry:
    value: Any  # the pickle (cache_data) or the object itself (cache_resource)
    stored: float
    size: int = 0


class _FunctionCache:
    """The entries of one function (one key), least recently used first."""

    def __init__(self, kind: Kind, key: str, settings: Settings) -> None:
        self.kind = kind
        self.key = key
        self.settings = settings
        self.entries: OrderedDict[str, _Entry] = OrderedDict()
        self.lock = threading.Lock()
        self.key_locks: dict[str, threading.Lock] = {}
        self.refreshing: set[str] = set()

    def key_lock(self, value_key: str) -> threading.Lock:
        with self.lock:
            return self.key_locks.setdefault(value_key, threading.Lock())

    def read(self, value_key: str) -> tuple[_Entry | None, bool]:
        """The entry and whether it is stale (past ``ttl`` in ``refresh_mode="background"``)."""
        dropped: list[_Entry] = []
        try:
            with self.lock:
                entry = self.entries.get(value_key)
                ttl = self.settings.ttl
                if entry is not None and ttl is not None and not self.settings.persist:
                    age = clock() - entry.stored
                    if age >= ttl * (2 if self.settings.background else 1):
                        dropped.append(self.entries.pop(value_key))
                        entry = None
                    elif age >= ttl:
                        self.entries.move_to_end(value_key)
                        return entry, True
                if entry is not None:
                    self.entries.move_to_end(value_key)
                    return entry, False
        finally:
            self._release(dropped)
        if self.settings.persist:
            return self._read_disk(value_key), False
        return None, False

    def write(self, value_key: str, value: Any, size: int = 0, *, disk: bool = True) -> None:
        dropped: list[_Entry] = []
        with self.lock:
            old = self.entries.pop(value_key, None)
            if old is not None and old.value is not value:
                dropped.append(old)
            self.entries[value_key] = _Entry(value, clock(), size)
            limit, budget = self.settings.max_entries, self.settings.max_size
            while limit is not None and len(self.entries) > max(limit, 0):
                dropped.append(self.entries.popitem(last=False)[1])
            while budget is not None and len(self.entries) > 1:
                if sum(e.size for e in self.entries.values()) <= budget:
                    break
                dropped.append(self.entries.popitem(last=False)[1])
        self._release(dropped)
        if self.settings.persist and disk:
            self._write_disk(value_key, value)

    def drop(self, value_key: str | None = None) -> None:
        """Forget one entry, or all of them (and their files)."""
        with self.lock:
            if value_key is None:
                dropped = list(self.entries.values())
                self.entries.clear()
            else:
                entry = self.entries.pop(value_key, None)
                dropped = [entry] if entry is not None else []
        self._release(dropped)
        if self.settings.persist or value_key is None:
            for path in _disk_dir().glob(f"{self.key}-{value_key or '*'}.pickle"):
                path.unlink(missing_ok=True)

    def _release(self, dropped: list[_Entry]) -> None:
        on_release = self.settings.on_release
        if on_release is None:
            return
        for entry in dropped:
            try:
                on_release(entry.value)
            except Exception as exc:  # a failing release must not break clear or eviction
                warnings.warn(f"on_release raised {exc!r}", RuntimeWarning, stacklevel=2)

    def _read_disk(self, value_key: str) -> _Entry | None:
        path = _disk_dir() / f"{self.key}-{value_key}.pickle"
        try:
            data = path.read_bytes()
            pickle.loads(data)  # our own file; a broken one is a miss
        except FileNotFoundError:
            return None
        except Exception:
            path.unlink(missing_ok=True)
            return None
        self.write(value_key, data, len(data), disk=False)
        return _Entry(data, clock(), len(data))

    def _write_disk(self, value_key: str, data: bytes) -> None:
        folder = _disk_dir()
        folder.mkdir(exist_ok=True)
        temporary = folder / f"{self.key}-{value_key}.{threading.get_ident()}.tmp"
        temporary.write_bytes(data)
        temporary.replace(folder / f"{self.key}-{value_key}.pickle")


def _disk_dir() -> Path:
    return Path.cwd() / DISK_DIR


_REGISTRY: dict[tuple[Kind, str], _FunctionCache] = {}
_REGISTRY_LOCK = threading.Lock()


def _function_cache(kind: Kind, key: str, settings: Settings) -> _FunctionCache:
    """The cache of this function key, made on first use; its settings are the latest ones."""
    with _REGISTRY_LOCK:
        cache = _REGISTRY.get((kind, key))
        if cache is None:
            cache = _REGISTRY[(kind, key)] = _FunctionCache(kind, key, settings)
        cache.settings = settings
        return cache


def _clear_all(kind: Kind) -> None:
    with _REGISTRY_LOCK:
        caches = [c for (k, _), c in _REGISTRY.items() if k == kind]
    for cache in caches:
        cache.drop()
    if kind == "data":
        for path in _disk_dir().glob("*.pickle"):
            path.unlink(missing_ok=True)


def function_key(kind: Kind, func: Callable[..., Any]) -> str:
    """The key of ``func``'s cache: its module, qualified name and source (else its code)."""
    h = new_hasher()
    h.update(f"{kind}:{func.__module__}.{func.__qualname__}".encode())
    try:
        h.update(inspect.getsource(func).encode())
    except (OSError, TypeError):  # no source (exec, a console): the code object itself
        h.update(_code_bytes(func.__code__))
    return str(h.hexdigest())


def _code_bytes(code: Any) -> bytes:
    parts = [code.co_code, repr(code.co_names).encode(), repr(code.co_varnames).encode()]
    for const in code.co_consts:
        parts.append(_code_bytes(const) if inspect.iscode(const) else repr(const).encode())
    return b"\x00".join(parts)


# -- the cached function ---------------------------------------------------------------


class CachedFunc(Generic[P, R]):
    """A function wrapped by ``cache_data`` or ``cache_resource``; ``.clear()`` forgets."""

    def __init__(
        self,
        kind: Kind,
        func: Callable[P, R],
        settings: Settings,
        hash_funcs: HashFuncs | None,
        show_spinner: bool | str,
        show_time: bool,
    ) -> None:
        if inspect.isasyncgenfunction(func):
            raise StreamlitAPIException(
                "Async-generator functions cannot be cached. Async generators produce "
                "streams that are one-shot iterators, rather than a single cacheable result. "
                "Consume the async generator and return a materialized result from an "
                "ordinary coroutine function if appropriate."
            )
        if settings.background and inspect.iscoroutinefunction(func):
            raise StreamlitAPIException(
                'Invalid `refresh_mode` value. Supported values: "foreground". Background '
                "refresh is not supported for coroutine functions (`async def`)."
            )
        self._kind: Kind = kind
        self._func = func
        self._settings = settings
        self._hash_funcs = hash_funcs
        self._show_spinner = show_spinner
        self._show_time = show_time
        self._key = function_key(kind, func)
        self._params = list(inspect.signature(func).parameters.values())
        _function_cache(kind, self._key, settings)
        functools.update_wrapper(self, func)

    def __repr__(self) -> str:
        return f"<CachedFunc: {self._func!r}>"

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        """A method: the instance is the first argument (hashed unless named ``_self``)."""
        if instance is None:
            return self
        bound = functools.partial(self, instance)

        def clear(*args: Any, **kwargs: Any) -> None:
            self.clear(*((instance, *args) if args or kwargs else ()), **kwargs)

        bound.clear = clear  # type: ignore[attr-defined]
        return bound

    @property
    def _cache(self) -> _FunctionCache:
        return _function_cache(self._kind, self._key, self._settings)

    def _arg_name(self, index: int) -> str | None:
        """The name of the positional parameter at ``index`` (``None`` for ``*args``)."""
        if index < len(self._params):
            param = self._params[index]
            if param.kind in (param.POSITIONAL_ONLY, param.POSITIONAL_OR_KEYWORD):
                return param.name
        return None

    def _value_key(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
        """Hash the arguments by value; those named ``_x`` are skipped (Streamlit's rule)."""
        names = [self._arg_name(i) for i in range(len(args))]
        pairs = [*zip(names, args, strict=True), *kwargs.items()]
        h = new_hasher()
        plain, hasher = Hasher(), Hasher(self._hash_funcs)
        for name, value in pairs:
            if name is not None and name.startswith("_"):
                continue
            try:
                plain.update(h, name)
                hasher.update(h, value)
            except UnhashableTypeError as exc:
                message = unhashable_message(self._kind, self._func, name, value)
                raise UnhashableParamError(message) from exc
        return str(h.hexdigest())

    def _spinner_text(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
        if isinstance(self._show_spinner, str):
            return self._show_spinner
        if self._show_spinner is not True:
            return None
        return f"Running `{self._func.__qualname__}({'...' if args or kwargs else ''})`."

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """The result for these arguments: from the cache, else computed once and kept."""
        text = self._spinner_text(args, kwargs)
        if inspect.iscoroutinefunction(self._func):
            return self._call_async(args, kwargs, text)  # type: ignore[return-value]
        cache, value_key = self._cache, self._value_key(args, kwargs)
        found = self._hit(cache, value_key, args, kwargs)
        if found is not None:
            return found[0]  # type: ignore[no-any-return]
        with _spinner(text, self._show_time), cache.key_lock(value_key):
            found = self._hit(cache, value_key, args, kwargs)  # another thread computed it
            if found is not None:
                return found[0]  # type: ignore[no-any-return]
            value = self._compute(args, kwargs)
            if inspect.isawaitable(value):
                if inspect.iscoroutine(value):
                    value.close()
                raise StreamlitAPIException(
                    f"`{self._func.__name__}()` is a synchronous function decorated with "
                    f"`st.cache_{self._kind}`, but it returned an awaitable of type "
                    f"`{type_name(value)}`. Return a non-awaitable value instead, or define "
                    "the cached function with `async def`."
                )
            self._store(cache, value_key, value)
            return value  # type: ignore[no-any-return]

    async def _call_async(
        self, args: tuple[Any, ...], kwargs: dict[str, Any], text: str | None
    ) -> Any:
        cache, value_key = self._cache, self._value_key(args, kwargs)
        found = self._hit(cache, value_key, args, kwargs)
        if found is not None:
            return found[0]
        with _spinner(text, self._show_time):
            token = _computing.set(True)
            try:
                value = await self._func(*args, **kwargs)  # type: ignore[misc]
            finally:
                _computing.reset(token)
        self._store(cache, value_key, value)
        return value

    def _compute(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        token = _computing.set(True)
        try:
            return self._func(*args, **kwargs)
        finally:
            _computing.reset(token)

    def _hit(
        self, cache: _FunctionCache, value_key: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[Any] | None:
        """``(value,)`` when the cache holds a valid entry, else ``None``."""
        entry, stale = cache.read(value_key)
        if entry is None:
            return None
        validate = self._settings.validate
        if self._kind == "resource" and validate is not None and not validate(entry.value):
            cache.drop(value_key)
            return None
        if stale:
            self._refresh_in_background(cache, value_key, args, kwargs)
        if self._kind == "data":
            return (pickle.loads(entry.value),)  # a fresh copy for each caller
        return (entry.value,)

    def _store(self, cache: _FunctionCache, value_key: str, value: Any) -> None:
        if self._kind == "resource":
            cache.write(value_key, value)
            return
        try:
            data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # PicklingError, TypeError, AttributeError (a local object)
            raise UnserializableReturnValueError(unserializable_message(self._func, value)) from exc
        cache.write(value_key, data, len(data))

    def _refresh_in_background(
        self, cache: _FunctionCache, value_key: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        """``refresh_mode="background"``: compute a new value in a thread, once at a time."""
        with cache.lock:
            if value_key in cache.refreshing:
                return
            cache.refreshing.add(value_key)

        def refresh() -> None:
            try:
                with cache.key_lock(value_key):
                    self._store(cache, value_key, self._compute(args, kwargs))
            except Exception as exc:  # the stale value stays until it expires
                warnings.warn(f"background refresh failed: {exc!r}", RuntimeWarning, stacklevel=1)
            finally:
                with cache.lock:
                    cache.refreshing.discard(value_key)

        threading.Thread(target=refresh, name="fragkernel-cache-refresh", daemon=True).start()

    def clear(self, *args: Any, **kwargs: Any) -> None:
        """Forget the result for these arguments, or every result of the function without."""
        cache = self._cache
        cache.drop(self._value_key(args, kwargs) if args or kwargs else None)


@contextlib.contextmanager
def _spinner(text: str | None, show_time: bool) -> Iterator[None]:
    """Streamlit's spinner during a miss, at the current position of a cell or a run.

    None when ``show_spinner=False``, inside another cached function (its caller shows
    one), in a callback, in a thread without a run, or outside IPython.
    """
    from ._runtime.context import get_runtime, shell

    runtime = get_runtime()
    run = runtime.run
    if run is not None:
        show = run.collect is None
    else:
        show = runtime.on_main_thread() and shell() is not None
    if text is None or _computing.get() or not show:
        yield
        return
    from ._elements.feedback import spinner

    with spinner(text, show_time=show_time):
        yield


# -- the decorators -----------------------------------------------------------------------


class CacheDataAPI:
    """Cache what a function returns, per arguments: every caller gets a fresh copy.

    Decorate a function with ``@cache_data`` or ``@cache_data(ttl=..., ...)``: a call with
    arguments equal (by value) to an earlier call's returns a copy of its result without
    running the function. The cache outlives running the cell again while the function's
    source is unchanged. Clear one function with ``f.clear()``, every one with
    ``cache_data.clear()``.

    Example::

        @fk.cache_data(ttl="1h")
        def load(n):
            return pd.DataFrame({"x": range(n)})

        df = load(1000)  # computed; load(1000) again is a copy of the same data
    """

    @overload
    def __call__(self, func: Callable[P, R]) -> CachedFunc[P, R]: ...

    @overload
    def __call__(
        self,
        func: None = None,
        *,
        ttl: Ttl = None,
        max_entries: int | None = None,
        max_size: int | str | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        persist: Literal["disk"] | bool | None = None,
        hash_funcs: HashFuncs | None = None,
        scope: Literal["global", "session"] = "global",
        refresh_mode: Literal["foreground", "background"] = "foreground",
    ) -> Callable[[Callable[P, R]], CachedFunc[P, R]]: ...

    def __call__(
        self,
        func: Callable[P, R] | None = None,
        *,
        ttl: Ttl = None,
        max_entries: int | None = None,
        max_size: int | str | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        persist: Literal["disk"] | bool | None = None,
        hash_funcs: HashFuncs | None = None,
        scope: Literal["global", "session"] = "global",
        refresh_mode: Literal["foreground", "background"] = "foreground",
    ) -> CachedFunc[P, R] | Callable[[Callable[P, R]], CachedFunc[P, R]]:
        """Decorate ``func`` (or return a decorator when called with arguments only)."""
        check_choice("persist", persist, ("disk", None, True, False))
        options = settings(
            "cache_data", ttl, max_entries, scope, refresh_mode,
            persist=persist in ("disk", True), max_size=max_size_bytes(max_size),
        )  # fmt: skip

        def wrap(f: Callable[P, R]) -> CachedFunc[P, R]:
            return CachedFunc("data", f, options, hash_funcs, show_spinner, show_time)

        return wrap if func is None else wrap(func)

    def clear(self) -> None:
        """Clear every ``cache_data`` cache, in memory and on disk."""
        _clear_all("data")


class CacheResourceAPI:
    """Cache a shared resource (a model, a connection), per arguments: no copies.

    Every call with equal arguments returns the same object. ``validate(value)`` is asked
    on each hit, and a ``False`` recomputes the entry; ``on_release(value)`` is called when
    an entry leaves the cache (cleared, evicted or expired).

    Example::

        @fk.cache_resource
        def get_model(name):
            return load_model(name)

        model = get_model("small")  # the same object on every later call
    """

    @overload
    def __call__(self, func: Callable[P, R]) -> CachedFunc[P, R]: ...

    @overload
    def __call__(
        self,
        func: None = None,
        *,
        ttl: Ttl = None,
        max_entries: int | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        validate: Callable[[Any], bool] | None = None,
        hash_funcs: HashFuncs | None = None,
        on_release: Callable[[Any], Any] | None = None,
        scope: Literal["global", "session"] = "global",
        refresh_mode: Literal["foreground", "background"] = "foreground",
    ) -> Callable[[Callable[P, R]], CachedFunc[P, R]]: ...

    def __call__(
        self,
        func: Callable[P, R] | None = None,
        *,
        ttl: Ttl = None,
        max_entries: int | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        validate: Callable[[Any], bool] | None = None,
        hash_funcs: HashFuncs | None = None,
        on_release: Callable[[Any], Any] | None = None,
        scope: Literal["global", "session"] = "global",
        refresh_mode: Literal["foreground", "background"] = "foreground",
    ) -> CachedFunc[P, R] | Callable[[Callable[P, R]], CachedFunc[P, R]]:
        """Decorate ``func`` (or return a decorator when called with arguments only)."""
        options = settings(
            "cache_resource", ttl, max_entries, scope, refresh_mode,
            validate=validate, on_release=on_release,
        )  # fmt: skip

        def wrap(f: Callable[P, R]) -> CachedFunc[P, R]:
            return CachedFunc("resource", f, options, hash_funcs, show_spinner, show_time)

        return wrap if func is None else wrap(func)

    def clear(self) -> None:
        """Clear every ``cache_resource`` cache (``on_release`` runs for each entry)."""
        _clear_all("resource")


cache_data = CacheDataAPI()
cache_resource = CacheResourceAPI()
