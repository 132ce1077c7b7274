"""fragkernel in VS Code's notebooks, through the test front end's VS Code mode (SPEC W2).

VS Code sends cell URIs, runs hidden executions between cells, holds kernel messages until
it has acknowledged each Output update, and looks anywidget's script up by code queued in
the kernel (given up after 10 s). The fragment's own anywidget must never cost a feature:
ticks and the running mark work whether its module loads late, or never.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.frontend import FrontEnd

FIRST_CELL = """
import fragkernel as fk, time
runs = []

@fk.fragment(run_every=0.5)
def clock():
    runs.append(1)
    fk.write(f"run {len(runs)}")
    time.sleep(0.3)

clock()
time.sleep({rest})
"""


def _watch(fe: FrontEnd, area: str, seconds: float) -> tuple[bool, int]:
    """Pump messages for ``seconds``: whether the area showed as running, and runs made."""
    before = fe.evaluate("len(runs)")
    seen = False
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        fe.wait_until(lambda: False, timeout=0.05)
        seen = seen or fe.running(area)
    return seen, fe.evaluate("len(runs)") - before


@pytest.fixture
def fresh() -> Iterator[FrontEnd]:
    front = FrontEnd(mode="vscode", lookup_timeout=3.0)
    yield front
    front.close()


@pytest.fixture
def no_scripts() -> Iterator[FrontEnd]:
    front = FrontEnd(mode="vscode", widget_scripts=False)
    yield front
    front.close()


def test_long_first_cell_of_a_fresh_kernel_keeps_ticks_and_running_mark(fresh: FrontEnd) -> None:
    """W2, F11, F17: the first cell outlasts VS Code's lookup timeout (10 s; 3 s here).

    Its fragment still ticks and shows its running state, no error box shows anywhere, and
    the lookup, made once the cell is over, loads anywidget: the view then drives the ticks.
    """
    cell = fresh.execute(FIRST_CELL.replace("{rest}", "3.5"), cell_id="first", timeout=30)
    assert cell.error is None
    assert "!!" not in cell.text
    (area,) = cell.widget_ids
    seen, ticked = _watch(fresh, area, 3.0)
    assert seen, "the area never showed as running"
    assert ticked >= 3
    assert fresh.modules == {"anywidget": "loaded"}
    assert fresh.lookup_times["anywidget"] < 2.0  # the kernel was free when asked
    assert "!!" not in fresh.render(area)
    status = fresh.with_class("fragkernel-status")
    assert len(status) == 1 and status[0] in fresh.descendants(area)
    assert ("hello" in str(fresh.custom)) or any(  # the view drives the period now
        c == {"event": "tock"} for _, c in fresh.custom
    )


def test_without_anywidget_every_feature_runs_in_the_kernel(no_scripts: FrontEnd) -> None:
    """W2, F11, F17: a front end that never loads anywidget (no script found anywhere).

    The fragment ticks from the kernel's timer, shows slow runs with the stock mark, and no
    error box of the unloadable widget sits in its area; widgets still drive reruns.
    """
    fe = no_scripts
    cell = fe.execute(FIRST_CELL.replace("{rest}", "0"), cell_id="first")
    (area,) = cell.widget_ids
    seen, ticked = _watch(fe, area, 3.5)  # ticks wait 1 s once, for the lookup
    assert fe.modules == {"anywidget": "failed"}
    assert seen, "the area never showed as running"
    assert ticked >= 3
    assert "!!" not in fe.render(area), fe.render(area)
    assert fe.with_class("fragkernel-busy")  # the stock mark stays: no front end is ready
    fe.execute("import fragkernel as fk\n@fk.fragment\ndef g():\n    fk.write(fk.slider('s'))\ng()")
    fe.set(fe.find("IntSlider", "s"), value=7)
    fe.sync()
    assert "7" in "".join(fe.render(m) for e in fe.executions.values() for m in e.widget_ids)


def test_cell_uris_and_hidden_executions(vscode: FrontEnd) -> None:
    """W2, F14: the kernel sees VS Code's cell URIs; re-running one disposes its fragments.

    The hidden executions VS Code runs before each cell (no cell id) neither dispose nor
    rerun anything.
    """
    code = "import fragkernel as fk\n@fk.fragment\ndef f():\n    fk.write('here')\nf()"
    first = vscode.execute(code, cell_id="a")
    seen = vscode.evaluate("get_ipython().kernel.get_parent()['metadata'].get('cellId')")
    assert seen.startswith("vscode-notebook-cell:") and "#W" in seen
    (area,) = first.widget_ids
    assert vscode.hidden and all(h.error is None for h in vscode.hidden)
    vscode.execute("x = 1", cell_id="b")  # another cell, and more hidden executions
    assert vscode.is_open(area)
    second = vscode.execute(code, cell_id="a")
    vscode.sync()
    assert not vscode.is_open(area)
    assert vscode.render(second.widget_ids[0]).strip() == "here"
