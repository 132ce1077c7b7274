"""The README's 30-second example runs as written, and does what the README says."""

from __future__ import annotations

import re
from pathlib import Path

from tests.frontend import FrontEnd
from tests.kernel.test_data import _ask, _rows

README = Path(__file__).parents[2] / "README.md"


def test_readme_example(fe: FrontEnd) -> None:
    section = README.read_text().split("## In 30 seconds", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    cell = fe.execute(code.group(1), cell_id="readme")
    area = cell.widget_ids[0]
    rows = fe.find("IntSlider", "Rows")
    fe.set(rows, value=2)
    fe.sync()
    assert fe.find("IntSlider", "Rows") == rows  # the same widget: only the table was redrawn
    (grid,) = [m for m in fe.with_class("fragkernel-grid") if m in fe.descendants(area)]
    assert fe.models[grid]["rows"] == 2  # the grid (D1) now holds two rows
    _, buffers = _ask(fe, grid, {"event": "rows", "id": 1, "start": 0, "end": 10})
    assert _rows(buffers[0])["c0"] == ["Oslo", "Lima"]
    fe.click(fe.find("Button", "Save selection"))
    fe.sync()
    assert fe.evaluate("session_state.rows") == 2
    assert "[IntSlider Rows=2]" in fe.render(area)
