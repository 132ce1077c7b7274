"""The browser benchmark (benchmarks/browser.py) still runs: a short series, no timing asserted.

One JupyterLab server for the module (the session's ``server``). Speed targets live in the
benchmark itself, as ratios; this test checks only that it measures what it says.
"""

from __future__ import annotations

import math
from typing import Any

from benchmarks.browser import WARMUP, browser_peers, measure
from tests.browser.conftest import Server


def test_bench_measures_slider_and_typing(server: Server, chromium: Any) -> None:
    """Three moves and three keys for fragkernel and the floor: a timing per move and per key,
    each move's value painted, the typed text echoed, no page error."""
    peers = [p for p in browser_peers() if p.name in ("floor", "fragkernel")]
    rows = measure(server, chromium, peers, moves=3, rounds=1, keys="abc")
    assert set(rows) == {"floor", "fragkernel"}
    for name, row in rows.items():
        slider, typing = row["slider"], row["typing"]
        assert slider["n"] == 3 and typing["n"] == 3, name
        for series in (slider, typing):
            samples = [*series["samples_ms"], series["median_ms"], series["p90_ms"]]
            assert all(math.isfinite(s) and s > 0 for s in samples), (name, series)
            assert series["long_tasks"]["count"] is not None, name
        # warm-up moves plus three: the last value is on screen
        assert f"value = {slider['last_value']}" in slider["shown"], (name, slider["shown"])
        assert slider["last_value"] == WARMUP + 3, name
        assert "echo abc" in typing["shown"], (name, typing["shown"])
        assert row["page_errors"] == [], name
    assert "readout" in rows["floor"]["slider"]
