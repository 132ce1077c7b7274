"""The kernel side of fragkernel's front end: run state and browser ticks (SPEC F11, F17)."""

from __future__ import annotations

import time

import pytest

from tests.frontend import FrontEnd

SLOW = """
import fragkernel as fk, time
@fk.fragment
def slow():
    delay = fk.number_input("delay", 0.0, 2.0, 0.0)
    time.sleep(delay)
    if fk.checkbox("fail"):
        raise RuntimeError("asked to fail")
    fk.text(f"slept {delay}")
slow()
"""


def _statuses(fe: FrontEnd, area: str) -> list[str]:
    return [m for m in fe.descendants(area) if "fragkernel-status" in
            fe.models.get(m, {}).get("_dom_classes", ())]  # fmt: skip


def _status(fe: FrontEnd, area: str) -> str:
    # In a fresh kernel the area shows its status view once the front end said "ready" (W2).
    fe.wait_until(lambda: len(_statuses(fe, area)) == 1)
    (status,) = _statuses(fe, area)
    return status


@pytest.mark.vscode  # W2: also in VS Code mode
def test_run_state_is_sent_only_for_slow_or_failed_runs(fe: FrontEnd) -> None:
    """F17: a quick rerun sends no status; a slow one shows running then idle; errors mark."""
    cell = fe.execute(SLOW, cell_id="slow")
    area = cell.widget_ids[0]
    status = _status(fe, area)
    delay = fe.find("BoundedFloatText", "delay")
    start = len(fe.updates)
    fe.set(delay, value=0.01)
    fe.sync()
    assert [s for m, s in fe.updates[start:] if m == status] == []
    fe.set(delay, value=0.5)
    fe.sync()
    assert [s["state"] for m, s in fe.updates[start:] if m == status] == ["running", "idle"]
    fe.set(fe.find("Checkbox", "fail"), value=True)
    fe.sync()
    assert fe.models[status]["state"] == "error"
    fe.set(fe.find("Checkbox", "fail"), value=False)
    fe.sync()
    assert fe.models[status]["state"] == "idle"


TICKING = """
import fragkernel as fk
ticks = globals().setdefault("ticks", [])
@fk.fragment(run_every="0.3s")
def clock():
    ticks.append(1)
clock()
"""


def test_browser_ticks_drive_run_every(fe: FrontEnd) -> None:
    """F11: after a view says hello the browser drives; close ticks are merged; answered."""
    cell = fe.execute(TICKING, cell_id="tick")
    status = _status(fe, cell.widget_ids[0])
    assert fe.models[status]["period"] == 0.3
    fe.wait_for(fe.send_raw(status, {"method": "custom", "content": {"event": "hello"}}))
    fe.execute("ticks.clear()", cell_id="clear")
    time.sleep(0.8)  # the kernel's own timer is off now
    assert fe.evaluate("len(ticks)") == 0
    answered = len(fe.custom)
    for _ in range(3):  # three views tick at once: one rerun
        fe.send_raw(status, {"method": "custom", "content": {"event": "tick"}})
    fe.sync()
    assert fe.evaluate("len(ticks)") == 1
    time.sleep(0.35)
    fe.wait_for(fe.send_raw(status, {"method": "custom", "content": {"event": "tick"}}))
    fe.sync()
    assert fe.evaluate("len(ticks)") == 2
    tocks = [c for m, c in fe.custom[answered:] if m == status]
    assert tocks == [{"event": "tock"}] * 4
    # malformed messages are ignored
    fe.wait_for(fe.send_raw(status, {"method": "custom", "content": "tick"}))
    fe.wait_for(fe.send_raw(status, {"method": "custom", "content": {"event": 3}}))
    # running the cell again disposes it: its status model closes, ticks stop
    fe.execute("ticks.clear()\nfk.write('gone')", cell_id="tick")
    assert status in fe.closed
    time.sleep(0.7)
    assert fe.evaluate("len(ticks)") == 0
