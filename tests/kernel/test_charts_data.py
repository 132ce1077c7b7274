"""A chart's data over reruns: an unchanged frame costs no encoding and no message (D3)."""

from __future__ import annotations

from tests.frontend import FrontEnd

COUNTED = """
import numpy as np, pandas as pd
import fragkernel as fk
from fragkernel._data import vega

calls = []
encode = vega.encode
vega.encode = lambda data: (calls.append(1), encode(data))[1]
df = pd.DataFrame({"x": np.arange(10_000), "y": np.arange(10_000) * 2.0})

@fk.fragment
def f():
    other = fk.slider("other", 0, 10, 0)
    scale = fk.slider("scale", 1, 5, 1)
    fk.text(f"other={other} scale={scale}")
    fk.line_chart(df if scale == 1 else df.assign(y=df.y * scale), x="x", y="y")
f()
"""


def _data_models(fe: FrontEnd) -> list[str]:
    (chart,) = [m for m, s in fe.models.items() if "VegaChart" in str(s.get("_anywidget_id"))]
    return [ref.removeprefix("IPY_MODEL_") for ref in fe.models[chart]["datasets"]]


def test_unchanged_chart_data_is_not_encoded_again(fe: FrontEnd) -> None:
    """D3: a rerun that does not change a chart's frame costs nothing for it (the grid's
    fingerprint tells the same frame); a rerun that changes it sends the new rows."""
    cell = fe.execute(COUNTED, cell_id="c")
    first = fe.evaluate("len(calls)")
    (data,) = _data_models(fe)
    before = fe.models[data]["value"]
    start = len(fe.log)
    fe.set(fe.find("IntSlider", "other"), value=3)
    fe.sync()
    assert "other=3" in fe.render(cell.widget_ids[0])
    assert fe.evaluate("len(calls)") == first
    sent = [m for m in fe.log[start:] if m["header"]["msg_type"] == "comm_msg"
            and m["content"]["comm_id"] == data]  # fmt: skip
    assert sent == []
    fe.set(fe.find("IntSlider", "scale"), value=2)
    fe.sync()
    assert "scale=2" in fe.render(cell.widget_ids[0])
    assert fe.evaluate("len(calls)") == first + 1
    assert _data_models(fe) == [data]  # the same dataset model, its rows updated in place
    assert fe.models[data]["value"] != before
