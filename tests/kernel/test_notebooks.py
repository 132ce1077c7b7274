"""The example notebooks run headless from top to bottom (issue 7), and are saved clean."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).parents[2] / "notebooks").glob("*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def test_there_are_example_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS][:5] == [
        "01-quickstart.ipynb",
        "02-app-cell.ipynb",
        "03-dashboard.ipynb",
        "04-live.ipynb",
        "05-plain-widgets.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path) -> None:
    saved = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in saved.cells if c.cell_type == "code"), (
        "save notebooks without outputs"
    )
    client = NotebookClient(saved, timeout=120, kernel_name="python3", allow_errors=False)
    client.execute(cwd=str(path.parent))
    outputs = [o for c in saved.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert any(WIDGET_MIME in o.get("data", {}) for o in outputs), "no fragment was drawn"
    assert not [o for o in outputs if o.get("name") == "stderr" and "Traceback" in o["text"]]
