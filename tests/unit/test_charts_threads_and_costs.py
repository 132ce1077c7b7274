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


def _refused(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "refused a chart selection" in r.getMessage()]


def _quiet(monkeypatch: pytest.MonkeyPatch, interval: float) -> Any:
    from fragkernel._frontend.chart import refusals

    monkeypatch.setattr(refusals, "interval", interval)
    monkeypatch.setattr(refusals, "_start", float("-inf"))
    monkeypatch.setattr(refusals, "unreported", 0)
    return refusals


def test_refused_selections_are_not_hoarded(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """U1: a front end that sends bad selections forever costs the kernel neither memory that
    grows with every message nor a log line each: a few warnings, then a count; a good
    selection is still accepted."""
    from fragkernel._frontend.chart import VegaChart

    chart = VegaChart()
    chart.checker = lambda raw: vega.check_selection(raw, ["p"])
    before = dict(vars(chart))
    refusals = _quiet(monkeypatch, 3600)
    with caplog.at_level("WARNING", logger="fragkernel"):
        for _ in range(5_000):
            chart._message(chart, {"event": "select", "selection": {"nope": []}}, [])
    assert vars(chart).keys() == before.keys()  # nothing kept per message
    assert len(_refused(caplog)) == refusals.burst == 5
    assert refusals.unreported == 4_995
    chart._message(chart, {"event": "select", "selection": {"p": [{"x": 1}]}}, [])
    assert chart.selection == {"p": [{"x": 1}]}
    caplog.clear()
    refusals.interval = 0  # the next warning says how many went unreported
    with caplog.at_level("WARNING", logger="fragkernel"):
        chart._message(chart, {"event": "select", "selection": {"nope": []}}, [])
    assert _refused(caplog) and "4995 more refused" in _refused(caplog)[0]
    chart.close()


def test_refused_plotly_points_are_not_hoarded(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """U1: the same for plotly's points messages."""
    pytest.importorskip("plotly")
    from fragkernel._frontend.plotly import chart_class

    figure = chart_class()()
    before = set(vars(figure))
    _quiet(monkeypatch, 3600)
    with caplog.at_level("WARNING", logger="fragkernel"):
        for _ in range(1_000):
            figure._points({"event_type": "plotly_selected", "points": "nope"})
    assert set(vars(figure)) == before
    assert len(_refused(caplog)) == 5
    figure.close()
