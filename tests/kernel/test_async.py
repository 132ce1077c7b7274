"""Async fragments through a real kernel: tasks on the kernel's loop, superseded runs (A1, A2)."""

from __future__ import annotations

import time

from tests.frontend import Execution, FrontEnd


def _area(fe: FrontEnd, cell: Execution) -> str:
    (area,) = cell.widget_ids
    return fe.render(area)


SLOW = """
import asyncio, fragkernel as st
log = []
@st.fragment
async def slow(n):
    st.write("before")
    await asyncio.sleep(0.8)
    log.append("done")
    st.write(f"after {n}")
    return n * 2
handle = slow(21)
"""


def test_an_async_fragment_leaves_the_kernel_free_while_it_awaits(fe: FrontEnd) -> None:
    """A1: the call draws the area and returns at once; other cells run meanwhile; what the
    run draws after its await lands in its own area; `await` gives the first run's value."""
    started = time.monotonic()
    cell = fe.execute(SLOW, cell_id="slow")
    assert time.monotonic() - started < 0.6
    other = fe.execute("print('other cell', log)", cell_id="other")
    assert "other cell []" in other.text
    assert "after" not in _area(fe, cell)
    assert fe.wait_until(lambda: "after 21" in _area(fe, cell), timeout=5)
    assert _area(fe, cell).splitlines() == ["before", "after 21"]
    assert "after" not in other.text
    assert fe.execute("print(await handle)", cell_id="await").text.strip() == "42"
    assert fe.execute("print(await slow(5))", cell_id="await-new").text.endswith("\n10\n")


SEARCH = """
import asyncio, fragkernel as st
runs = {"started": 0, "finished": 0, "cancelled": 0}
@st.fragment
async def search():
    q = st.slider("q", 0, 100, 0)
    runs["started"] += 1
    try:
        await asyncio.sleep(2)
    except asyncio.CancelledError:
        runs["cancelled"] += 1
        raise
    finally:
        pass
    runs["finished"] += 1
    st.write(f"results for {q}")
search()
"""


def test_a_newer_event_cancels_the_superseded_run(raw: FrontEnd) -> None:
    """A2: 10 moves in 1 s over a 2 s async run: at most 2 runs complete, the last value
    shows within 2.3 s of the last move, cancelled runs see CancelledError (their finally
    runs), and a cell run meanwhile finishes at once."""
    fe = raw
    cell = fe.execute(SEARCH, cell_id="search")
    assert fe.wait_until(lambda: "results for 0" in _area(fe, cell), timeout=5)
    slider = fe.find("IntSlider", "q")
    for value in range(1, 11):
        fe.set(slider, value=value)
        time.sleep(0.1)
    last_move = time.monotonic()
    started = time.monotonic()
    fe.execute("x = 1", cell_id="meanwhile")
    assert time.monotonic() - started < 0.5
    assert fe.wait_until(lambda: "results for 10" in _area(fe, cell), timeout=5)
    assert time.monotonic() - last_move < 2.3
    runs = fe.evaluate("dict(runs)")
    assert runs["finished"] <= 2 + 1  # the first draw, then at most two more
    assert runs["cancelled"] == runs["started"] - runs["finished"] >= 1
    assert _area(fe, cell).splitlines()[-1] == "results for 10"


BROKEN = """
import asyncio, fragkernel as st
@st.fragment
async def broken():
    st.write("drawn first")
    await asyncio.sleep(0.1)
    raise ValueError("no data")
broken()
"""


def test_an_async_error_shows_in_the_area_and_cell_rerun_cancels(fe: FrontEnd) -> None:
    """A1, F12, F14: an exception after an await shows in the area; running the cell again
    disposes the instance and cancels its task."""
    cell = fe.execute(BROKEN, cell_id="broken")
    assert fe.wait_until(lambda: "ValueError" in _area(fe, cell), timeout=5)
    assert "drawn first" in _area(fe, cell)
    cell = fe.execute(
        "import asyncio\nended = []\n@st.fragment\nasync def forever():\n    try:\n"
        "        await asyncio.sleep(60)\n    finally:\n        ended.append(1)\nforever()",
        cell_id="forever",
    )
    fe.execute("pass", cell_id="tick")
    fe.execute("print(len(ended))", cell_id="forever")  # the same cell again disposes it
    assert fe.wait_until(lambda: fe.evaluate("len(ended)") == 1, timeout=5)


COMPUTING = """
import asyncio, fragkernel as st
@st.fragment
async def report():
    st.write("computing...")
    await asyncio.sleep(3)
    st.write("done")
report()
"""


def test_what_an_async_run_drew_shows_while_it_waits(fe: FrontEnd) -> None:
    """A1: elements drawn before an `await` are shown while the run waits, not at its end."""
    cell = fe.execute(COMPUTING, cell_id="computing")
    assert fe.wait_until(lambda: "computing..." in _area(fe, cell), timeout=1.5)
    assert "done" not in _area(fe, cell)
    assert fe.wait_until(lambda: "done" in _area(fe, cell), timeout=6)
