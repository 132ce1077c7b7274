"""Widget messages sent on a kernel subshell, as JupyterLab 4.6 sends them (SPEC W1, F21).

JupyterLab 4.6 sends every widget message on one subshell, and ipykernel 7 handles a
subshell's messages in a thread of its own. fragkernel hands each of them to the kernel's main
thread: callbacks, session-state writes and reruns happen there, in order, between cells, as
with ipykernel 6, never beside a running cell.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.frontend import FrontEnd

APP = """
import threading
log = []
def moved():
    log.append(['callback', threading.current_thread().name, fk.session_state.x])
@fragment
def f():
    x = fk.slider('x', 0, 10, 0, key='x', on_change=moved)
    log.append(['run', threading.current_thread().name, x])
    fk.write(f'x is {x}')
f()
"""


@pytest.fixture(scope="module")
def sub() -> Iterator[FrontEnd]:
    front = FrontEnd(subshell=True)
    front.execute("%load_ext fragkernel", cell_id="setup")
    yield front
    front.close()


def test_the_front_end_talks_over_a_subshell(sub: FrontEnd) -> None:
    """The emulation is real: the kernel made a subshell and runs its messages in a thread."""
    assert sub.subshell_id
    threads = sub.evaluate("sorted(t.name for t in __import__('threading').enumerate())")
    assert any(name.startswith("subshell") for name in threads), threads


def test_moves_during_a_long_cell_are_handled_after_it_on_the_main_thread(sub: FrontEnd) -> None:
    sub.execute(APP, cell_id="app")
    slider = sub.find("IntSlider", "x")
    sub.set(slider, value=3)
    sub.settle()
    long_cell = sub.start(
        "import time\ntime.sleep(1.5)\nlog.append(['cell', fk.session_state.x])", cell_id="long"
    )
    sub.settle(quiet=0.3)
    sub.set(slider, value=5)  # during the cell: the subshell's thread receives it
    sub.settle(quiet=0.3)
    sub.set(slider, value=6)
    sub.finish(long_cell)
    sub.settle()
    log = sub.evaluate("log")
    assert log[:3] == [["run", "MainThread", 0], ["callback", "MainThread", 3],
                       ["run", "MainThread", 3]]  # fmt: skip
    # The cell saw the state as it was when it started: nothing changed it while it ran.
    assert log[3] == ["cell", 3]
    after = log[4:]
    assert {entry[1] for entry in after} == {"MainThread"}, after
    assert [e[2] for e in after if e[0] == "callback"] == [5, 6]
    assert after[-1] == ["run", "MainThread", 6]
    assert "x is 6" in sub.render(sub.with_class("fragkernel-fragment")[0])
