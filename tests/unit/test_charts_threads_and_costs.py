"""Charts drawn from threads, the cost of their data, refused browser input (D3, A3, U1)."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from fragkernel._data import vega


def test_altair_spec_in_two_threads_keeps_each_charts_data() -> None:
    """A3/F28: parallel fragments draw Altair charts at once; each spec holds its own frame."""
    alt = pytest.importorskip("altair")
    pd = pytest.importorskip("pandas")
    charts = {
        name: alt.Chart(pd.DataFrame({"who": [name] * 3, "y": [1, 2, 3]}))
        .mark_line()
        .encode(x="y", y="y")
        for name in ("a", "b")
    }
    out: dict[str, dict[str, Any]] = {}

    def work(name: str) -> None:
        out[name] = vega.altair_spec(charts[name])

    with vega._ALTAIR_GLOBALS:  # both threads reach the lock: a slow to_dict elsewhere
        threads = [threading.Thread(target=work, args=(n,)) for n in ("a", "b")]
        for thread in threads:
            thread.start()
            time.sleep(0.3)
    for thread in threads:
        thread.join(10)
    for name in ("a", "b"):
        (frame,) = out[name]["datasets"].values()
        assert list(frame["who"]) == [name] * 3


def test_dates_are_sent_as_compactly_as_numbers() -> None:
    """D3/D1: a time series (the commonest chart) costs about what its numbers cost."""
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    rows = 100_000
    frame = pd.DataFrame({"d": pd.date_range("2020", periods=rows, freq="min"),
                          "y": np.arange(rows, dtype=float)})  # fmt: skip
    _, payload = vega.encode(frame)
    assert len(payload) < 1.5 * 16 * rows, len(payload)


def test_dates_go_as_timestamps_with_their_zone_and_gaps() -> None:
    """D3: datetimes reach the browser as Arrow timestamps (milliseconds), the zone kept, NaT
    missing; other columns are cleaned as before (categories as text)."""
    pa = pytest.importorskip("pyarrow")
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({
        "naive": pd.date_range("2020-01-01 10:00", periods=300, freq="h"),
        "zoned": pd.date_range("2020-01-01 10:00", periods=300, freq="h", tz="Europe/Paris"),
        "kind": pd.Categorical(["a", "b", "c"] * 100),
        "y": range(300),
    })  # fmt: skip
    frame.loc[3, "naive"] = pd.NaT
    fmt, payload = vega.encode(frame)
    assert fmt == "arrow"
    table = pa.ipc.open_stream(payload).read_all()
    assert table.column_names == ["naive", "zoned", "kind", "y"]
    assert table.schema.field("naive").type == pa.timestamp("ms")
    assert table.schema.field("zoned").type == pa.timestamp("ms", tz="Europe/Paris")
    assert table.schema.field("kind").type == pa.string()
    naive = table.column("naive").to_pylist()
    assert naive[0] == pd.Timestamp("2020-01-01 10:00") and naive[3] is None
    assert table.column("zoned").to_pylist()[1] == pd.Timestamp(
        "2020-01-01 11:00", tz="Europe/Paris"
    )


@pytest.mark.xfail(
    strict=True,
    reason="review2 #7: VegaChart.refused (and PlotlyChart._fk_refused) "
    "are never read and keep every refused message for the chart's life",
)
def test_refused_selections_are_not_hoarded() -> None:
    """U1: a front end that sends bad selections forever costs the kernel a log line each,
    not memory that grows with every message."""
    from fragkernel._frontend.chart import VegaChart

    chart = VegaChart()
    chart.checker = lambda raw: vega.check_selection(raw, ["p"])
    for _ in range(5_000):
        chart._message(chart, {"event": "select", "selection": {"nope": []}}, [])
    assert len(getattr(chart, "refused", [])) <= 100
    chart.close()
