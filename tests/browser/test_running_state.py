"""The fragment front end in JupyterLab: running state, error mark, run_every (F11, F17)."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

SLOW = """import fragkernel as fk, time

@fk.fragment
def slow():
    delay = fk.number_input("delay", 0.0, 5.0, 0.0)
    time.sleep(delay)
    if delay == 1.0:
        raise RuntimeError("one second is not allowed")
    fk.text(f"slept {delay}")

slow()"""


def test_running_state_and_error_mark(open_notebook: Any) -> None:
    """F17: aria-busy and dimming while a slow rerun runs; a red edge after a failure."""
    nb = open_notebook("lab", ["%load_ext fragkernel", SLOW])
    page = nb.page
    area = page.locator(".fragkernel-fragment")
    expect(area.get_by_text("slept 0.0")).to_be_visible(timeout=60_000)
    expect(area).to_have_attribute("aria-busy", "false", timeout=10_000)
    box = area.locator(".widget-text input")
    box.fill("1.5")
    box.press("Enter")
    expect(area).to_have_attribute("aria-busy", "true", timeout=1_000)
    expect(area).to_have_class(re.compile("fragkernel-running"))
    nb.screenshot("running-state")
    expect(area.get_by_text("slept 1.5")).to_be_visible(timeout=10_000)
    expect(area).to_have_attribute("aria-busy", "false")
    expect(area).not_to_have_class(re.compile("fragkernel-running"))
    box.fill("1")
    box.press("Enter")
    expect(area.get_by_text("one second is not allowed")).to_be_visible(timeout=10_000)
    expect(area).to_have_class(re.compile("fragkernel-failed"))
    box.fill("0")
    box.press("Enter")
    expect(area.get_by_text("slept 0.0")).to_be_visible(timeout=10_000)
    expect(area).not_to_have_class(re.compile("fragkernel-failed"))
    assert nb.unexpected_errors() == []


CLOCK = """import fragkernel as fk
cell_runs = globals().get("cell_runs", 0) + 1
ticks = 0

@fk.fragment(run_every="0.5s")
def clock():
    global ticks
    ticks += 1
    fk.text(f"tick {ticks}")

if cell_runs == 1:
    clock()
else:
    %fragkernel"""


def test_run_every_counter_advances_then_stops(open_notebook: Any) -> None:
    """F11, F14: a run_every="0.5s" counter advances; running its cell again stops it."""
    nb = open_notebook("lab", ["%load_ext fragkernel", CLOCK])
    page = nb.page
    area = page.locator(".fragkernel-fragment")
    expect(area.get_by_text("tick 1")).to_be_visible(timeout=60_000)
    expect(area.get_by_text("tick 4")).to_be_visible(timeout=30_000)  # CI machines are busy
    page.locator(".jp-CodeCell").nth(1).locator(".jp-InputArea-prompt").click()
    page.keyboard.press("Shift+Enter")
    expect(page.locator(".jp-OutputArea-output", has_text="no live fragments")).to_be_visible(
        timeout=10_000
    )
    expect(page.locator(".fragkernel-fragment")).to_have_count(0)
    assert nb.unexpected_errors() == []
