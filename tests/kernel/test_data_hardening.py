"""Bad edits from the browser, big keyed editors: refused, bounded, grid serving (D2, U1).

Each test is what a user would see.
"""

from __future__ import annotations

from typing import Any

from tests.frontend import FrontEnd
from tests.kernel.test_data import EDITOR, _grid, _rows, _to_grid


def _reply(
    fe: FrontEnd, grid: str, content: dict[str, Any]
) -> tuple[dict[str, Any] | None, list[bytes]]:
    """Send a custom message to the grid; its reply within 5 s, or None."""
    start = len(fe.log)
    fe.send_raw(grid, {"method": "custom", "content": content})

    def replies() -> list[dict[str, Any]]:
        return [m for m in _to_grid(fe, grid, start)
                if m["content"]["data"].get("method") == "custom"]  # fmt: skip

    if not fe.wait_until(lambda: bool(replies()), timeout=5):
        return None, []
    reply = replies()[0]
    return reply["content"]["data"]["content"], [bytes(b) for b in reply.get("buffers") or []]


def test_an_integer_beyond_int64_is_refused_and_the_grid_keeps_serving_rows(fe: FrontEnd) -> None:
    """U1, D2: a browser edit of 10**30 in an integer column is refused with a message; the
    grid then still answers block requests (the browser can scroll), and nothing is stored."""
    fe.execute(EDITOR, cell_id="edit")
    grid = _grid(fe)
    refused, _ = _reply(fe, grid, {"event": "edit", "row": 0, "column": "c1", "value": 10**30,
                                   "version": fe.models[grid]["version"]})  # fmt: skip
    fe.sync()
    rows, buffers = _reply(fe, grid, {"event": "rows", "id": 1, "start": 0, "end": 2})
    assert rows is not None and rows["event"] == "rows", "the grid no longer serves rows"
    assert _rows(buffers[0])["c1"] == [4, 5]
    assert refused is not None and refused["event"] == "refused"


def test_overflowing_text_in_an_integer_cell_gets_a_refusal(fe: FrontEnd) -> None:
    """U1: the browser is told that '1e400' was refused, so it never shows a value the
    kernel did not keep."""
    fe.execute(EDITOR, cell_id="edit")
    grid = _grid(fe)
    reply, _ = _reply(fe, grid, {"event": "edit", "row": 0, "column": "c1", "value": "1e400",
                                 "version": fe.models[grid]["version"]})  # fmt: skip
    assert reply is not None and reply["event"] == "refused"


def test_a_keyed_editor_over_a_million_rows_reruns_in_bounded_time(fe: FrontEnd) -> None:
    """D2: on a rerun caused by another widget, ``data_editor`` of an unchanged 1,000,000-row
    frame with a datetime index returns quickly: its identity does not spell the index out."""
    fe.execute(
        "import fragkernel as fk, numpy as np, pandas as pd, time\n"
        "df = pd.DataFrame({'n': np.arange(1_000_000)},\n"
        "                  index=pd.date_range('2000-01-01', periods=1_000_000, freq='min'))\n"
        "took = []\n"
        "@fk.fragment\ndef f():\n    v = fk.slider('v', 0, 10, 0)\n"
        "    started = time.perf_counter()\n    fk.data_editor(df, key='e')\n"
        "    took.append(time.perf_counter() - started)\n    fk.text(f'v={v}')\nf()",
        cell_id="edit",
        timeout=120,
    )
    fe.set(fe.find("IntSlider", "v"), value=3)
    fe.sync()
    assert "v=3" in "".join(fe.render(a) for a in fe.with_class("fragkernel-fragment"))
    took = fe.evaluate("took")
    assert len(took) == 2 and took[1] < 1.0, took
