"""Async fragments awaiting Dask futures on a real LocalCluster (SPEC A4, A2).

The test starts one cluster of worker processes on loopback for the module; the kernel
connects its own client to it, and the test's client reads the scheduler's side.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.frontend import Execution, FrontEnd

distributed = pytest.importorskip(
    "distributed", reason="Dask distributed is not installed (pip install 'fragkernel[test]')"
)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client


def _area(fe: FrontEnd, cell: Execution) -> str:
    (area,) = cell.widget_ids
    return fe.render(area)


SQUARE = """
import asyncio, time, fragkernel as st
from distributed import Client
client = {client}
submitted = {{}}
def slow_square(x):
    time.sleep(2)
    return x * x
@st.fragment
async def square():
    x = st.slider("x", 0, 10, 0)
    future = client.submit(slow_square, x, pure=False)
    submitted[x] = future
    st.write(f"computing {{x}}")
    result = await {wait}
    st.write(f"{{x}} squared is {{result}}")
square()
"""

CLIENTS = {
    "asynchronous": ("await Client('{address}', asynchronous=True)", "future"),
    # A normal client blocks in Future.result: the run awaits it in a thread instead.
    "normal": ("Client('{address}')", "asyncio.to_thread(future.result)"),
}


def _scheduler_story(client: Any, keys: list[str]) -> dict[str, Any]:
    def story(dask_scheduler: Any, keys: list[str]) -> dict[str, Any]:
        return {
            key: {
                "state": dask_scheduler.tasks[key].state if key in dask_scheduler.tasks else None,
                "stimuli": [str(event[-2]) for event in dask_scheduler.story(key)],
            }
            for key in keys
        }

    result: dict[str, Any] = client.run_on_scheduler(story, keys=keys)
    return result


@pytest.mark.parametrize("mode", list(CLIENTS))
def test_moving_the_slider_cancels_the_superseded_runs_futures(
    raw: FrontEnd, cluster: Any, mode: str
) -> None:
    """A4, A2: an async fragment submits a 2 s task to the cluster and awaits it; each slider
    move supersedes the run, which cancels the future it submitted (the client and the
    scheduler both show it cancelled); the last value shows; a cell runs at once meanwhile."""
    fe = raw
    make, wait = CLIENTS[mode]
    address = cluster.scheduler.address
    code = SQUARE.format(client=make.format(address=address), wait=wait)
    cell = fe.execute(code, cell_id="square")
    assert fe.wait_until(lambda: "0 squared is 0" in _area(fe, cell), timeout=15)
    slider = fe.find("IntSlider", "x")
    for value in range(1, 6):
        fe.set(slider, value=value)
        time.sleep(0.15)
    started = time.monotonic()
    fe.execute("y = 1", cell_id="meanwhile")
    assert time.monotonic() - started < 0.5  # the kernel is free while the runs await
    assert fe.wait_until(lambda: "5 squared is 25" in _area(fe, cell), timeout=15)
    assert _area(fe, cell).splitlines() == ["[IntSlider x=5]", "computing 5", "5 squared is 25"]

    statuses = fe.evaluate("{x: f.status for x, f in submitted.items()}")
    superseded = {int(x): s for x, s in statuses.items() if int(x) not in (0, 5)}
    assert superseded, f"no run was superseded: {statuses}"
    assert set(superseded.values()) == {"cancelled"}, statuses
    assert statuses["0"] == statuses["5"] == "finished"

    keys = fe.evaluate("{x: f.key for x, f in submitted.items()}")
    seen = _scheduler_story(cluster, list(keys.values()))
    for x in superseded:
        key = keys[str(x)]
        assert seen[key]["state"] is None, seen[key]  # the scheduler dropped the task
        assert any(s.startswith("cancel-key") for s in seen[key]["stimuli"]), seen[key]
    assert seen[keys["5"]]["state"] == "memory"
    fe.execute("client.close()" if mode == "normal" else "await client.close()", cell_id="end")


def test_a_cancel_spares_held_keys_and_finished_futures(raw: FrontEnd, cluster: Any) -> None:
    """A4: a superseded run cancels only the pending futures it brought into being: a key the
    cell already held (the run submitted it again) and a future that finished stay."""
    fe = raw
    address = cluster.scheduler.address
    code = f"""
import asyncio, time, fragkernel as st
from distributed import Client
client = await Client('{address}', asynchronous=True)
def slow_sum(xs):
    time.sleep(3)
    return sum(xs)
held = client.submit(slow_sum, [1, 2, 3])  # pure: a run's submit of it gets the same key
kept = {{}}
@st.fragment
async def work():
    x = st.slider("n", 0, 10, 0)
    again = client.submit(slow_sum, [1, 2, 3])
    kept[x] = quick = await client.scatter(x * x, hash=False)  # finished at once
    st.write(f"quick {{x}}: {{await quick}}")
    st.write(f"done {{x}}: {{await again}}")
work()
"""
    cell = fe.execute(code, cell_id="work")
    slider = fe.find("IntSlider", "n")
    for value in (1, 2):
        assert fe.wait_until(lambda v=value: fe.evaluate("len(kept)") == v, timeout=15)
        assert fe.evaluate("held.status") == "pending"  # the run awaits the held key
        fe.set(slider, value=value)
    assert fe.wait_until(lambda: "done 2: 6" in _area(fe, cell), timeout=15)
    statuses = fe.evaluate("[held.status] + [kept[x].status for x in range(3)]")
    assert statuses == ["finished"] * 4
    fe.execute("await client.close()", cell_id="end")
