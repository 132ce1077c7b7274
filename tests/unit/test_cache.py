"""``cache_data`` and ``cache_resource`` in process: hashing, copies, expiry, eviction (C1, C2)."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import inspect
import linecache
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import fragkernel as fk
from fragkernel import _cache, _cache_options
from fragkernel._cache_options import UnhashableParamError, UnserializableReturnValueError
from fragkernel._hashing import UserHashError


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeClock]:
    """Every test starts with empty caches, a fake clock and its own working directory."""
    clock = FakeClock()
    monkeypatch.setattr(_cache, "clock", clock)
    monkeypatch.chdir(tmp_path)
    _cache._REGISTRY.clear()
    yield clock
    _cache._REGISTRY.clear()


def counted(decorator: Any, body: Callable[..., Any] | None = None) -> tuple[Any, list[Any]]:
    """A cached function that records each computation's arguments in ``calls``."""
    calls: list[Any] = []

    def compute(*args: Any, **kwargs: Any) -> Any:
        calls.append((args, kwargs))
        return body(*args, **kwargs) if body else [args, sorted(kwargs.items())]

    compute.__qualname__ = f"compute_{id(calls)}"  # one cache per test function
    return decorator(compute), calls


# -- C1: arguments hashed by value ---------------------------------------------------------

EQUAL_PAIRS = [
    (1, 1),
    ("a", "a"),
    ([1, {"k": (2, 3)}], [1, {"k": (2, 3)}]),
    ({1, 2}, {2, 1}),
    (dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 1)),
    (dt.date(2024, 1, 1), dt.date(2024, 1, 1)),
    (b"xy", bytes(bytearray(b"xy"))),
]


@pytest.mark.parametrize(("first", "second"), EQUAL_PAIRS, ids=[repr(p[0]) for p in EQUAL_PAIRS])
def test_equal_values_hit(first: Any, second: Any) -> None:
    """C1: an argument equal by value (not the same object) finds the earlier result."""
    f, calls = counted(fk.cache_data)
    f(first)
    f(second)
    assert len(calls) == 1


def test_different_values_miss_even_when_python_calls_them_equal() -> None:
    """C1: 1, 1.0, True and "1" are four different arguments; so are two lists."""
    f, calls = counted(fk.cache_data)
    for value in (1, 1.0, True, "1", [1, 2], [2, 1]):
        f(value)
    assert len(calls) == 6
    f(1)
    f([2, 1])
    assert len(calls) == 6


def test_data_objects_hash_by_content() -> None:
    """C1: NumPy arrays, pandas frames and dataclasses are hashed by what they hold."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")

    @dataclasses.dataclass
    class Point:
        x: int
        y: int

    f, calls = counted(fk.cache_data, lambda v: 0)
    for value in (np.arange(3), pd.DataFrame({"a": [1, 2]}), Point(1, 2)):
        f(value)
    f(np.arange(3))
    f(pd.DataFrame({"a": [1, 2]}))
    f(Point(1, 2))
    assert len(calls) == 3
    f(np.arange(4))
    f(pd.DataFrame({"a": [1, 3]}))
    f(Point(2, 1))
    assert len(calls) == 6


def test_keyword_and_positional_are_the_same_argument() -> None:
    """C1: ``f(1)`` and ``f(x=1)`` name the same parameter, so they hit (Streamlit's rule)."""
    calls = []

    @fk.cache_data
    def f(x: int) -> int:
        calls.append(x)
        return x

    f(1)
    f(x=1)
    assert calls == [1]


def test_underscore_parameters_are_not_hashed() -> None:
    """C1: ``_conn`` is skipped: another connection with the same ``n`` hits."""
    calls = []

    @fk.cache_data
    def fetch(_conn: object, n: int) -> int:
        calls.append(n)
        return n * 2

    assert fetch(threading.Lock(), 10) == 20
    assert fetch(threading.Lock(), 10) == 20
    assert fetch(threading.Lock(), n=11) == 22
    assert calls == [10, 11]


def test_an_unhashable_argument_raises_streamlits_error_with_its_fix() -> None:
    """C1: the error names the argument, its type, the function, and the ``_`` fix."""

    @fk.cache_data
    def query(conn: object, sql: str) -> str:
        return sql

    with pytest.raises(UnhashableParamError) as caught:
        query(threading.Lock(), "select 1")
    message = str(caught.value)
    assert isinstance(caught.value, fk.StreamlitAPIException)
    assert message.startswith("Cannot hash argument 'conn' (of type `_thread.lock`) in 'query'.")
    assert "@st.cache_data\ndef query(_conn, ...):" in message


def test_functions_and_plain_objects_cannot_be_hashed() -> None:
    """C1: as in Streamlit, a function or an object holding a lock is not hashed."""

    class Holder:
        def __init__(self) -> None:
            self.lock = threading.Lock()

    f, _ = counted(fk.cache_resource)
    for value in (lambda: 1, Holder(), (i for i in range(2))):
        with pytest.raises(UnhashableParamError, match="cache_resource"):
            f(value)


def test_hash_funcs_by_type_and_by_name() -> None:
    """C1: ``hash_funcs`` maps a type, or its qualified name, to the value to hash instead."""

    class Conn:
        def __init__(self, url: str) -> None:
            self.url = url
            self.lock = threading.Lock()

    for key in (Conn, f"{Conn.__module__}.{Conn.__qualname__}"):
        f, calls = counted(fk.cache_data(hash_funcs={key: lambda c: c.url}), lambda c: 0)
        f(Conn("db://a"))
        f(Conn("db://a"))
        f(Conn("db://b"))
        assert len(calls) == 2
        fk.cache_data.clear()


def test_a_failing_hash_func_names_itself() -> None:
    def by_url(conn: object) -> str:
        raise KeyError("url")

    f, _ = counted(fk.cache_data(hash_funcs={dict: by_url}))
    with pytest.raises(UserHashError, match=r"`by_url\(\)`.*`builtins.dict`"):
        f({"a": 1})


# -- C1: copies, and what cannot be stored ----------------------------------------------------


def test_every_call_gets_its_own_copy() -> None:
    """C1: mutating a returned value changes neither the cache nor another caller's copy."""
    f, calls = counted(fk.cache_data, lambda n: {"rows": list(range(n))})
    first = f(3)
    first["rows"].append(99)
    second, third = f(3), f(3)
    assert second == {"rows": [0, 1, 2]} and third == second
    assert second is not third and second["rows"] is not third["rows"]
    assert len(calls) == 1


def test_a_value_pickle_cannot_store_raises_streamlits_error() -> None:
    """C1: the message says why and points to cache_resource; nothing is cached."""
    f, calls = counted(fk.cache_data, lambda: threading.Lock())
    for _ in range(2):
        with pytest.raises(UnserializableReturnValueError, match=r"use `st\.cache_resource`"):
            f()
    assert len(calls) == 2


# -- C1, C2: ttl, max_entries, max_size -----------------------------------------------------


@pytest.mark.parametrize("ttl", [60, 60.0, dt.timedelta(minutes=1), "1m", "60s", "1 min"])
def test_ttl_expires_entries(fresh: FakeClock, ttl: Any) -> None:
    """C1: within ``ttl`` a call hits; once it passed, the function runs again."""
    f, calls = counted(fk.cache_data(ttl=ttl))
    f(1)
    fresh.now += 59
    f(1)
    assert len(calls) == 1
    fresh.now += 1
    f(1)
    assert len(calls) == 2


def test_ttl_strings() -> None:
    assert _cache_options.ttl_seconds("1h") == 3600
    assert _cache_options.ttl_seconds("1d 2h30m") == 86400 + 2 * 3600 + 1800
    assert _cache_options.ttl_seconds("500ms") == 0.5
    assert _cache_options.ttl_seconds("2 hours 5 minutes") == 7500
    with pytest.raises(fk.StreamlitAPIException, match="not a duration"):
        fk.cache_data(ttl="soon")


def test_resource_ttl_releases_the_expired_object(fresh: FakeClock) -> None:
    """C2: an expired resource is recomputed, and ``on_release`` gets the old one."""
    released: list[Any] = []
    f, calls = counted(fk.cache_resource(ttl=10, on_release=released.append), lambda: object())
    old = f()
    fresh.now += 10
    new = f()
    assert new is not old and released == [old] and len(calls) == 2


def test_max_entries_evicts_the_least_recently_used() -> None:
    """C1: a full cache drops the entry used longest ago, not the one written first."""
    f, calls = counted(fk.cache_data(max_entries=2))
    f("a")
    f("b")
    f("a")  # "a" is now the most recently used
    f("c")  # drops "b"
    assert len(calls) == 3
    f("a")
    f("c")
    assert len(calls) == 3
    f("b")
    assert len(calls) == 4


def test_max_size_keeps_the_pickles_under_the_budget() -> None:
    f, calls = counted(fk.cache_data(max_size="3KB"), lambda n: b"x" * 1500)
    f(1)
    f(2)
    f(3)  # 4.5 KB: drops 1
    f(2)
    assert len(calls) == 3
    f(1)
    assert len(calls) == 4
    with pytest.raises(fk.StreamlitAPIException, match="max_size"):
        fk.cache_data(max_size="lots")


# -- clearing ---------------------------------------------------------------------------


def test_clear_one_entry_one_function_or_all() -> None:
    """C1, C2: ``f.clear(args)``, ``f.clear()``, ``cache_data.clear()``."""
    f, f_calls = counted(fk.cache_data)
    g, g_calls = counted(fk.cache_data)
    r, r_calls = counted(fk.cache_resource)
    for func in (f, g, r):
        func(1)
        func(2)
    f.clear(1)
    f(1)
    f(2)
    assert len(f_calls) == 3
    f.clear()
    f(2)
    assert len(f_calls) == 4
    fk.cache_data.clear()
    g(1)
    r(1)
    assert len(g_calls) == 3 and len(r_calls) == 2  # cache_resource kept its entries
    fk.cache_resource.clear()
    r(1)
    assert len(r_calls) == 3


# -- C2: shared resources -------------------------------------------------------------------


def test_resources_are_shared_not_copied() -> None:
    """C2: every call with equal arguments gets the same object, mutations included."""
    f, calls = counted(fk.cache_resource, lambda name: {"name": name, "hits": 0})
    f("db")["hits"] += 1
    assert f("db") == {"name": "db", "hits": 1}
    assert f("db") is f("db") and f("other") is not f("db")
    assert len(calls) == 2


def test_validate_false_recomputes() -> None:
    """C2: ``validate`` is asked on each hit; ``False`` drops the entry and computes anew."""
    released: list[Any] = []

    class Conn:
        open = True

    f, calls = counted(
        fk.cache_resource(validate=lambda c: c.open, on_release=released.append),
        lambda: Conn(),
    )
    first = f()
    assert f() is first
    first.open = False
    second = f()
    assert second is not first and released == [first] and len(calls) == 2
    assert f() is second


# -- thread safety --------------------------------------------------------------------------


@pytest.mark.parametrize("decorator", [fk.cache_data, fk.cache_resource])
def test_threads_compute_one_key_once(decorator: Any) -> None:
    """C1, C2: eight threads asking for one key at once: one computes, seven wait for it."""
    start = threading.Barrier(8)

    def slow(n: int) -> list[int]:
        time.sleep(0.05)
        return [n]

    f, calls = counted(decorator, slow)
    results: list[Any] = []

    def ask() -> None:
        start.wait()
        results.append(f(7))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert results == [[7]] * 8 and len(calls) == 1


def test_different_keys_compute_in_parallel() -> None:
    """A lock per key: a slow computation of one key does not hold up another key."""
    f, calls = counted(fk.cache_data, lambda n: time.sleep(0.1 if n == 1 else 0))
    slow = threading.Thread(target=f, args=(1,))
    slow.start()
    time.sleep(0.02)
    began = time.monotonic()
    f(2)
    assert time.monotonic() - began < 0.05
    slow.join(5)
    assert len(calls) == 2


# -- the function's key: its source -------------------------------------------------------


def _define(source: str, filename: str) -> Any:
    """Define a function as IPython runs a cell: code compiled from a file in linecache."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace: dict[str, Any] = {"fk": fk, "__name__": "__main__"}
    exec(compile(source, filename, "exec"), namespace)
    return namespace


CELL = """
calls = []

@fk.cache_data
def load(n):
    calls.append(n)
    return n * {factor}
"""


def test_running_the_cell_again_hits_and_a_changed_body_misses() -> None:
    """C1: the same source in a new function object finds the cache; a new body does not."""
    first = _define(CELL.format(factor=2), "<cell-1>")
    assert first["load"](3) == 6
    again = _define(CELL.format(factor=2), "<cell-2>")
    assert again["load"](3) == 6 and again["calls"] == []
    changed = _define(CELL.format(factor=3), "<cell-3>")
    assert changed["load"](3) == 9 and changed["calls"] == [3]


def test_without_source_the_code_object_is_the_key() -> None:
    """C1: code without a file (``exec`` of a string) is keyed by its code, constants too."""
    assert _cache.function_key("data", _exec_load(2)) == _cache.function_key("data", _exec_load(2))
    assert _cache.function_key("data", _exec_load(2)) != _cache.function_key("data", _exec_load(3))


def _exec_load(factor: int) -> Any:
    namespace: dict[str, Any] = {}
    exec(f"def load(n):\n    return n * {factor}\n", namespace)
    with pytest.raises(OSError):
        inspect.getsource(namespace["load"])
    return namespace["load"]


# -- Streamlit's signatures and forms --------------------------------------------------------


@pytest.mark.parametrize("name", ["cache_data", "cache_resource"])
def test_signature_matches_streamlit(name: str) -> None:
    """E1: the decorators take Streamlit 1.67's parameters, in order, with its defaults."""
    st = pytest.importorskip("streamlit")
    ours = inspect.signature(getattr(fk, name).__call__).parameters
    theirs = inspect.signature(getattr(st, name).__call__).parameters
    assert [(p.name, p.kind, p.default) for p in ours.values()] == [
        (p.name, p.kind, p.default) for p in theirs.values()
    ]
    assert not inspect.signature(getattr(fk, name).clear).parameters


def test_every_decorator_form() -> None:
    """``@cache_data``, ``@cache_data()``, ``@cache_data(ttl=...)``, ``cache_data(f)``."""

    def double(n: int) -> int:
        return n * 2

    for wrapped in (
        fk.cache_data(double),
        fk.cache_data()(double),
        fk.cache_data(ttl=5, show_spinner=False)(double),
        fk.cache_resource(double),
        fk.cache_resource(max_entries=3)(double),
    ):
        assert wrapped(4) == 8 and wrapped.__name__ == "double" and wrapped.__wrapped__ is double
        assert str(inspect.signature(wrapped)) == "(n: 'int') -> 'int'"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"persist": "memory"}, "Invalid `persist` value 'memory'"),
        ({"scope": "user"}, "Invalid `scope` value 'user'"),
        ({"refresh_mode": "later"}, "Invalid `refresh_mode`"),
        ({"refresh_mode": "background"}, "needs a positive `ttl`"),
        ({"refresh_mode": "background", "ttl": 5, "persist": "disk"}, "cannot be used with"),
    ],
)
def test_bad_settings_raise_at_decoration(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(fk.StreamlitAPIException, match=message):
        fk.cache_data(**kwargs)


def test_ttl_with_persist_warns_that_it_is_ignored() -> None:
    with pytest.warns(UserWarning, match="ttl is ignored with persist='disk'"):
        fk.cache_data(ttl=5, persist="disk")


def test_methods_cache_per_instance_unless_self_is_skipped() -> None:
    """C1: ``self`` is an argument like any other: name it ``_self`` to share the cache."""
    calls = []

    class Loader:
        @fk.cache_data
        def load(_self, n: int) -> int:
            calls.append(n)
            return n + 1

    assert Loader().load(1) == 2 and Loader().load(1) == 2
    assert calls == [1]
    Loader().load.clear()
    Loader().load(1)
    assert calls == [1, 1]


def test_async_functions_cache_their_awaited_value() -> None:
    """C1: calling a cached ``async def`` gives an awaitable; the awaited value is cached."""
    calls = []

    @fk.cache_data
    async def fetch(n: int) -> dict[str, int]:
        calls.append(n)
        await asyncio.sleep(0)
        return {"n": n}

    async def main() -> list[Any]:
        return [await fetch(1), await fetch(1), await fetch(2)]

    assert asyncio.run(main()) == [{"n": 1}, {"n": 1}, {"n": 2}]
    assert calls == [1, 2]


def test_background_refresh_serves_the_stale_value_while_it_recomputes(fresh: FakeClock) -> None:
    """``refresh_mode="background"``: past ``ttl``, the old value now, a new one next."""
    version = [0]

    def compute() -> int:
        version[0] += 1
        return version[0]

    f, _ = counted(fk.cache_resource(ttl=10, refresh_mode="background"), compute)
    assert f() == 1
    fresh.now += 12
    assert f() == 1  # stale, served at once; a thread computes 2
    deadline = time.monotonic() + 2
    while f() != 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert f() == 2
    fresh.now += 25  # past twice the ttl: waits for a new value
    assert f() == 3


# -- persist="disk" -----------------------------------------------------------------------


def test_persisted_results_outlive_the_kernel(tmp_path: Path) -> None:
    """C1: ``persist="disk"`` pickles under .fragkernel_cache/; a new kernel reads them."""

    def load(n: int) -> list[int]:
        calls.append(n)
        return [n] * 3

    calls: list[int] = []
    f = fk.cache_data(persist="disk")(load)
    assert f(2) == [2, 2, 2]
    assert len(list((tmp_path / ".fragkernel_cache").glob("*.pickle"))) == 1
    _cache._REGISTRY.clear()  # what a restarted kernel has in memory
    g = fk.cache_data(persist="disk")(load)
    assert g(2) == [2, 2, 2] and calls == [2]
    fk.cache_data.clear()
    assert list((tmp_path / ".fragkernel_cache").glob("*.pickle")) == []
    assert g(2) == [2, 2, 2] and calls == [2, 2]
