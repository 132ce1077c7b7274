"""fragkernel against ipywidgets.interactive and Solara, through a real kernel (issue 6).

Run: ``.venv/bin/python -m benchmarks.run`` (about 90 s). Prints a table and writes
``benchmarks/results/latest.json``. Every figure is measured in the same run, side by side,
and every target is a ratio against a peer or a floor measured in that run.

The same function in each peer: a slider, and ten lines of output of which one depends on
the slider. The floor is a bare ``IntSlider`` with no observer: what the kernel must do for
any move (receive the update, echo it).

The fast-slider row (issue 14) puts a 0.3 s function behind a slider moved ten times in a
second: a plain fragment, an async fragment (which awaits its 0.3 s), ``interactive`` and
Solara; it counts the runs that completed and the lag from the last move until its value shows.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.frontend import FrontEnd

RESULTS = Path(__file__).parent / "results"
MOVES = 40


@dataclass
class Peer:
    name: str
    setup: str
    model: str  # _model_name of the slider's model
    trait: str  # the trait the browser sets
    label: str  # text that identifies the slider


def _peers(delay: float) -> list[Peer]:
    body = f"    runs.append(x)\n    time.sleep({delay})\n"
    return [
        Peer("floor", "import ipywidgets as w\nfrom IPython.display import display\n"
             "s = w.IntSlider(description='x', max=1000)\ndisplay(s)\nruns = []",
             "IntSliderModel", "value", "x"),
        Peer("fragkernel", "%load_ext fragkernel\nimport time\nruns = []\n@fragment\ndef f():\n"
             "    x = fk.slider('x', 0, 1000, 0)\n" + body +
             "    for i in range(9):\n        fk.text(f'line {i}')\n"
             "    fk.text(f'value = {x}')\nf()",
             "IntSliderModel", "value", "x"),
        Peer("interactive", "import time, ipywidgets as w\nfrom IPython.display import display\n"
             "runs = []\ndef f(x):\n" + body +
             "    for i in range(9):\n        print(f'line {i}')\n    print(f'value = {x}')\n"
             "display(w.interactive(f, x=w.IntSlider(description='x', max=1000)))",
             "IntSliderModel", "value", "x"),
        Peer("solara", "import time, solara\nruns = []\nx = solara.reactive(0)\n"
             "@solara.component\ndef Page():\n    solara.SliderInt('x', value=x, min=0, max=1000)\n"
             "    runs.append(x.value)\n"
             f"    time.sleep({delay})\n"
             "    for i in range(9):\n        solara.Text(f'line {{i}}'.format(i=i))\n"
             "    solara.Text(f'value = {x.value}')\nPage()",
             "SliderModel", "v_model", "x"),
    ]  # fmt: skip


def _slider(fe: FrontEnd, peer: Peer) -> str:
    for model_id, state in fe.models.items():
        if state.get("_model_name") == peer.model and peer.label in (
            state.get("description"),
            state.get("label"),
        ):
            return model_id
    raise LookupError(f"{peer.name}: no slider found")


def _wire_bytes(msgs: list[dict[str, Any]]) -> int:
    keys = ("header", "parent_header", "metadata", "content")
    return sum(len(json.dumps({k: m[k] for k in keys}, default=str)) for m in msgs)


def _move(fe: FrontEnd, peer: Peer, slider: str, value: int) -> tuple[float, int, int]:
    """One move: latency until the new value is shown (or idle, for the floor)."""
    start = len(fe.log)
    t0 = time.perf_counter()
    msg_id = fe._send_comm(slider, {"method": "update", "state": {peer.trait: value},
                                    "buffer_paths": []})  # fmt: skip
    wanted = f"value = {value}"
    shown = peer.name == "floor"
    while not (shown and msg_id in fe.idle):
        if not fe._pump(5):
            raise TimeoutError(f"{peer.name}: no answer to move {value}")
        if not shown and wanted in json.dumps(fe.log[-1]["content"]):
            shown = True
    latency = time.perf_counter() - t0
    fe.settle(quiet=0.05)
    sent = [m for m in fe.log[start:] if m["header"]["msg_type"] != "status"]
    return latency, len(sent), _wire_bytes(sent)


def per_move(peer: Peer) -> dict[str, float]:
    fe = FrontEnd(throttle=True)
    try:
        fe.execute(peer.setup, cell_id="bench")
        slider = _slider(fe, peer)
        for value in range(1, 6):  # warm up
            _move(fe, peer, slider, value)
        samples = [_move(fe, peer, slider, value) for value in range(10, 10 + MOVES)]
        return {
            "latency_ms": statistics.median(s[0] for s in samples) * 1000,
            "messages": statistics.median(s[1] for s in samples),
            "bytes": statistics.median(s[2] for s in samples),
        }
    finally:
        fe.close()


def burst(peer: Peer) -> dict[str, float]:
    """100 raw moves at once to a 50 ms function: reruns and lag until the last value shows."""
    fe = FrontEnd(throttle=False)
    try:
        fe.execute(peer.setup, cell_id="bench")
        slider = _slider(fe, peer)
        fe.execute("runs.clear()", cell_id="clear")
        t0 = time.perf_counter()
        for value in range(1, 101):
            fe._send_comm(slider, {"method": "update", "state": {peer.trait: value},
                                   "buffer_paths": []})  # fmt: skip
        wanted = "value = 100"
        while not any(wanted in json.dumps(m["content"]) for m in fe.log[-3:]):
            if not fe._pump(30):
                raise TimeoutError(f"{peer.name}: the last value never showed")
        lag = time.perf_counter() - t0
        fe.settle(quiet=0.3)
        runs = fe.evaluate("runs")
        return {"reruns": len(runs), "lag_s": lag, "last": runs[-1] if runs else None}
    finally:
        fe.close()


SLOW_S = 0.3  # the slow function of the fast-slider row
FAST_MOVES = 10  # moves, one every 0.1 s


def _slow_peers() -> list[Peer]:
    """A 0.3 s function behind a slider; ``done`` records the runs that completed (A1, A2).

    The plain fragment, ``interactive`` and Solara block for it (``time.sleep``); the async
    fragment awaits it (``asyncio.sleep``), as it would await a service or a cluster.
    """
    tail = "    done.append(x)\n"
    return [
        Peer("fragment", "%load_ext fragkernel\nimport time\ndone = []\n@fragment\ndef f():\n"
             f"    x = fk.slider('x', 0, 1000, 0)\n    time.sleep({SLOW_S})\n" + tail +
             "    fk.text(f'value = {x}')\nf()", "IntSliderModel", "value", "x"),
        Peer("async fragment", "%load_ext fragkernel\nimport asyncio\ndone = []\n@fragment\n"
             "async def f():\n    x = fk.slider('x', 0, 1000, 0)\n"
             f"    await asyncio.sleep({SLOW_S})\n" + tail +
             "    fk.text(f'value = {x}')\nf()", "IntSliderModel", "value", "x"),
        Peer("interactive", "import time, ipywidgets as w\nfrom IPython.display import display\n"
             f"done = []\ndef f(x):\n    time.sleep({SLOW_S})\n" + tail +
             "    print(f'value = {x}')\n"
             "display(w.interactive(f, x=w.IntSlider(description='x', max=1000)))",
             "IntSliderModel", "value", "x"),
        Peer("solara", "import time, solara\ndone = []\nx = solara.reactive(0)\n"
             "@solara.component\ndef Page():\n    solara.SliderInt('x', value=x, min=0, max=1000)\n"
             f"    time.sleep({SLOW_S})\n    done.append(x.value)\n"
             "    solara.Text(f'value = {x.value}')\nPage()", "SliderModel", "v_model", "x"),
    ]  # fmt: skip


def fast_slider(peer: Peer) -> dict[str, Any]:
    """Ten moves in a second over a 0.3 s function: runs completed, lag until the last shows."""
    fe = FrontEnd(throttle=False)
    try:
        fe.execute(peer.setup, cell_id="bench")
        fe.settle(quiet=SLOW_S + 0.2)  # the first run (an async one goes on after the cell)
        slider = _slider(fe, peer)
        fe.execute("done.clear()", cell_id="clear")
        start = len(fe.log)
        t0 = time.perf_counter()
        for value in range(1, FAST_MOVES + 1):
            fe._send_comm(slider, {"method": "update", "state": {peer.trait: value},
                                   "buffer_paths": []})  # fmt: skip
            last_move = time.perf_counter()
            while time.perf_counter() < t0 + 0.1 * value:
                fe._pump(max(0.001, t0 + 0.1 * value - time.perf_counter()))
        wanted = f"value = {FAST_MOVES}"
        seen = start
        while not any(wanted in json.dumps(m["content"]) for m in fe.log[seen:]):
            seen = len(fe.log)
            if not fe._pump(30):
                raise TimeoutError(f"{peer.name}: the last value never showed")
        lag = time.perf_counter() - last_move
        fe.settle(quiet=SLOW_S + 0.2)
        done = fe.evaluate("done")
        return {"completed": len(done), "lag_s": lag, "last": done[-1] if done else None}
    finally:
        fe.close()


def throttled_drag() -> dict[str, int]:
    """JupyterLab's throttle: never more reruns than update messages the kernel received."""
    fe = FrontEnd(throttle=True)
    try:
        peer = _peers(0.05)[1]
        fe.execute(peer.setup, cell_id="bench")
        slider = _slider(fe, peer)
        fe.execute("runs.clear()", cell_id="clear")
        sent_before = len(fe._unanswered)
        for value in range(1, 101):
            fe.set(slider, value=value)
            time.sleep(0.01)
            fe._pump(0.001)
        fe.flush()
        fe.settle(quiet=0.3)
        return {"received": len(fe._unanswered) - sent_before, "reruns": len(fe.evaluate("runs"))}
    finally:
        fe.close()


def _rss_kb(fe: FrontEnd) -> int:
    return int(fe.evaluate("int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0])"))


def growth(peer: Peer) -> dict[str, float]:
    """Live widget models and kernel memory after 1,000 moves and after 100 cell re-runs."""
    fe = FrontEnd(throttle=False)
    count = "len(__import__('ipywidgets').widgets.widget._instances)"
    try:
        fe.execute(peer.setup, cell_id="bench")
        slider = _slider(fe, peer)
        for value in range(1, 21):
            fe.set(slider, value=value)
        fe.sync()
        models0, rss0 = fe.evaluate(count), _rss_kb(fe)
        for value in range(1, 1001):
            fe._send_comm(slider, {"method": "update", "state": {peer.trait: value % 1000},
                                   "buffer_paths": []})  # fmt: skip
            if value % 200 == 0:
                fe.sync()  # stay well below the IOPub queue's limit
        fe.sync()
        models1, rss1 = fe.evaluate(count), _rss_kb(fe)
        for _ in range(100):
            fe.execute(peer.setup, cell_id="bench")
        models2, rss2 = fe.evaluate(count), _rss_kb(fe)
        return {
            "models_after_moves": models1 - models0,
            "models_after_cells": models2 - models0,
            "memory_mb_after_moves": (rss1 - rss0) / 1024,
            "memory_mb_after_cells": (rss2 - rss0) / 1024,
        }
    finally:
        fe.close()


def import_times(modules: tuple[str, ...], repeat: int = 15) -> dict[str, float]:
    """Median import time of each module in fresh processes, interleaved so drift cancels.

    Like with like: pip compiled ipywidgets' bytecode when it installed it, so fragkernel's
    (an editable install, maybe with PYTHONDONTWRITEBYTECODE set) is compiled first too.
    Otherwise the figure measures the Python compiler, not the import.
    """
    import compileall

    import fragkernel

    compileall.compile_dir(str(Path(fragkernel.__file__).parent), quiet=1)
    times: dict[str, list[float]] = {m: [] for m in modules}
    for _ in range(repeat):
        for module in modules:
            code = f"import time; t = time.perf_counter(); import {module}; "
            code += "print(time.perf_counter() - t)"
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            done.check_returncode()
            times[module].append(float(done.stdout))
    return {m: statistics.median(t) for m, t in times.items()}


def main() -> int:
    started = time.time()
    fast = {p.name: per_move(p) for p in _peers(0.0)}
    slow = {p.name: burst(p) for p in _peers(0.05)[1:]}
    hurried = {p.name: fast_slider(p) for p in _slow_peers()}
    drag = throttled_drag()
    grow = {p.name: growth(p) for p in _peers(0.0)[1:3]}
    imports = import_times(("ipywidgets", "fragkernel"))

    floor, ours = fast["floor"], fast["fragkernel"]
    targets = [
        ("latency per move <= 1.3 x floor", ours["latency_ms"] / floor["latency_ms"], 1.3),
        ("bytes per move <= 2.0 x floor", ours["bytes"] / floor["bytes"], 2.0),
        ("burst of 100: reruns <= 10", slow["fragkernel"]["reruns"] - 1, 10),
        ("burst lag <= 0.2 x interactive's",
         slow["fragkernel"]["lag_s"] / slow["interactive"]["lag_s"], 0.2),
        ("burst: the last value is shown", 0 if slow["fragkernel"]["last"] == 100 else 1, 0),
        ("fast slider: async runs completed <= 0.3 x interactive's",
         hurried["async fragment"]["completed"] / hurried["interactive"]["completed"], 0.3),
        ("fast slider: async lag <= 0.3 x interactive's",
         hurried["async fragment"]["lag_s"] / hurried["interactive"]["lag_s"], 0.3),
        ("fast slider: every peer shows the last value",
         sum(row["last"] != FAST_MOVES for row in hurried.values()), 0),
        ("throttled: reruns <= messages received",
         drag["reruns"] - 1 - drag["received"], 0),
        ("live models: no growth (1,000 moves)", grow["fragkernel"]["models_after_moves"], 0),
        ("live models: no growth (100 cell runs)", grow["fragkernel"]["models_after_cells"], 0),
        ("kernel memory growth < 5 MB (moves)", grow["fragkernel"]["memory_mb_after_moves"], 5),
        ("kernel memory growth < 5 MB (cells)", grow["fragkernel"]["memory_mb_after_cells"], 5),
        ("import fragkernel <= 1.5 x import ipywidgets",
         imports["fragkernel"] / imports["ipywidgets"], 1.5),
    ]  # fmt: skip

    print(
        f"\nfragkernel benchmarks, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}"
    )
    print(f"\n{'per slider move':<16}{'latency ms':>12}{'messages':>10}{'bytes':>9}")
    for name, row in fast.items():
        print(f"{name:<16}{row['latency_ms']:>12.2f}{row['messages']:>10.0f}{row['bytes']:>9.0f}")
    print(f"\n{'burst of 100':<16}{'reruns':>12}{'lag s':>10}")
    for name, row in slow.items():
        print(f"{name:<16}{row['reruns'] - 1:>12}{row['lag_s']:>10.2f}")
    print(
        f"\n{'fast slider':<16}{'completed':>12}{'lag s':>10}   ({FAST_MOVES} moves in 1 s, "
        f"{SLOW_S} s function)"
    )
    for name, row in hurried.items():
        print(f"{name:<16}{row['completed']:>12}{row['lag_s']:>10.2f}")
    print(f"\nthrottled drag: {drag['received']} messages received, {drag['reruns'] - 1} reruns")
    print(
        f"\n{'growth':<16}{'models/moves':>14}{'models/cells':>14}{'MB/moves':>10}{'MB/cells':>10}"
    )
    for name, row in grow.items():
        print(
            f"{name:<16}{row['models_after_moves']:>14}{row['models_after_cells']:>14}"
            f"{row['memory_mb_after_moves']:>10.1f}{row['memory_mb_after_cells']:>10.1f}"
        )
    print(
        f"\nimport: ipywidgets {imports['ipywidgets'] * 1000:.0f} ms, "
        f"fragkernel {imports['fragkernel'] * 1000:.0f} ms"
    )
    print("\ntargets")
    met = True
    for label, value, limit in targets:
        ok = value <= limit
        met &= ok
        print(f"  {'met    ' if ok else 'NOT MET'}  {label:<46} {value:8.2f}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps({
        "date": time.strftime("%Y-%m-%d"), "python": platform.python_version(),
        "machine": f"{os.cpu_count()} cores", "per_move": fast, "burst": slow,
        "fast_slider": hurried,
        "throttled_drag": drag, "growth": grow, "import_s": imports,
        "targets": [{"target": t, "value": v, "limit": lim, "met": v <= lim}
                    for t, v, lim in targets],
        "seconds": time.time() - started,
    }, indent=2))  # fmt: skip
    print(f"\n{time.time() - started:.0f} s; results in {RESULTS / 'latest.json'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
