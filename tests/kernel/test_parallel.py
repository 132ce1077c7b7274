"""Parallel fragments through a real kernel: a thread pool during the cell's run (A3, F28)."""

from __future__ import annotations

import time

from tests.frontend import FrontEnd

THREE = """
import threading, time, fragkernel as st
threads = {}
@st.fragment(parallel=True)
def slow(name):
    threads.setdefault(name, []).append(threading.current_thread().name)
    st.write(f"{name} started")
    time.sleep(1.0)
    print(f"{name} printed")
    if st.button(f"again {name}"):
        st.write(f"{name} clicked")
    st.write(f"{name} done")
for name in ("a", "b", "c"):
    slow(name)
print("cell went on")
"""


def test_parallel_fragments_overlap_and_draw_into_their_own_areas(fe: FrontEnd) -> None:
    """A3, F28: three 1 s fragments run side by side while the cell goes on; each draws (and
    prints) only into its own area; a rerun after a click runs on the main thread."""
    started = time.monotonic()
    cell = fe.execute(THREE, cell_id="three")
    assert "cell went on" in cell.text
    assert time.monotonic() - started < 0.9  # the cell did not wait for the fragments
    areas = cell.widget_ids
    assert len(areas) == 3

    def all_done() -> bool:
        return all("done" in fe.render(a) for a in areas)

    assert fe.wait_until(all_done, timeout=5)
    assert time.monotonic() - started < 2.5  # well under the 3 s of sleeps in a row
    for name, area in zip("abc", areas, strict=True):
        shown = fe.render(area)
        assert shown.splitlines()[0] == f"{name} started", shown
        assert f"{name} printed" in shown and f"{name} done" in shown
        assert all(f"{other} " not in shown for other in "abc" if other != name)
    fe.click(fe.find("Button", "again b"))
    fe.sync()
    assert fe.wait_until(lambda: "b clicked" in fe.render(areas[1]), timeout=5)
    threads = fe.evaluate("threads")
    assert all(t.startswith("fragkernel-parallel") for t in threads["a"])
    assert threads["b"][-1] == "MainThread"


OUTSIDE = """
import fragkernel as st
log = st.container()
@st.fragment(parallel=True)
def writer():
    st.write("mine")
    log.write("not mine")
writer()
"""


def test_a_parallel_fragment_may_not_draw_outside_its_area(fe: FrontEnd) -> None:
    """A3, F28: writing into a container made outside a parallel fragment is refused."""
    cell = fe.execute(OUTSIDE, cell_id="outside")
    area = cell.widget_ids[-1]
    assert fe.wait_until(lambda: "FragmentError" in fe.render(area), timeout=5)
    assert "own area" in fe.render(area)
    assert "not mine" not in fe.render(cell.widget_ids[0])


def test_a_dialog_from_a_parallel_run_is_refused_with_streamlits_message(fe: FrontEnd) -> None:
    """A3, M2: st.dialog is one of the commands Streamlit refuses in a parallel run."""
    cell = fe.execute(
        "import fragkernel as st\n@st.dialog('Hi')\ndef hello():\n    st.write('hi')\n"
        "@st.fragment(parallel=True)\ndef opener():\n    hello()\nopener()",
        cell_id="dialog-parallel",
    )
    area = cell.widget_ids[-1]
    assert fe.wait_until(lambda: "cannot be called from a parallel fragment" in fe.render(area))


APP = """%%fragment
import threading, time, fragkernel as st
v = st.slider("v", 0, 10, 0)

@st.fragment(parallel=True)
def slow(v):
    with lock:
        live[0] += 1
        most[0] = max(most[0], live[0])
    try:
        for i in range(5):
            st.write(f"row {i} v={v}")
            time.sleep(0.05)
    finally:
        with lock:
            live[0] -= 1

slow(v)
"""


def test_one_parallel_run_at_a_time_per_instance(raw: FrontEnd) -> None:
    """A3, A2, F3: app reruns while a parallel run is under way never start a second run of
    the same instance; the last one shows the latest value, never a mix of runs."""
    fe = raw
    fe.execute("import threading\nlock = threading.Lock()\nlive, most = [0], [0]", cell_id="s")
    cell = fe.execute(APP, cell_id="app")
    slider = fe.find("IntSlider", "v")
    for value in (1, 2, 3):
        fe.set(slider, value=value)
        time.sleep(0.05)
    area = cell.widget_ids[0]
    assert fe.wait_until(lambda: "row 4 v=3" in fe.render(area), timeout=10)
    time.sleep(0.5)
    assert fe.evaluate("most[0]") == 1
    rows = [line for line in fe.render(area).splitlines() if line.startswith("row")]
    assert rows == [f"row {i} v=3" for i in range(5)]
