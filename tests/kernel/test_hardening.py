"""A misbehaving front end, interrupts, runaway user code, threads (issue 8; SPEC U1, F10, F12).

Nothing the browser sends and nothing the user's code does may kill, hang or corrupt the
kernel: each test ends by checking that the kernel answers and fragments still rerun.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from tests.frontend import FrontEnd

SLOW = """
import fragkernel as fk, time
@fk.fragment
def slow():
    seconds = fk.number_input("seconds", 0.0, 30.0, 0.0)
    fk.text(f"start {seconds}")
    time.sleep(seconds)
    fk.text(f"slept {seconds}")
slow()
"""


def test_interrupt_during_a_rerun(fe: FrontEnd) -> None:
    """The area says the run was interrupted; the kernel and the next interaction work."""
    cell = fe.execute(SLOW, cell_id="slow")
    area = cell.widget_ids[0]
    box = fe.find("BoundedFloatText", "seconds")
    fe.set(box, value=20.0)
    time.sleep(1.0)
    fe.interrupt()
    fe.sync()
    shown = fe.render(area)
    assert "was interrupted" in shown and "slept" not in shown
    assert fe.evaluate("1 + 1") == 2
    fe.set(box, value=0.5)
    fe.sync()
    assert fe.render(area).endswith("start 0.5\nslept 0.5\n")


MISBEHAVING = """
import fragkernel as fk

class BadRepr:
    def __repr__(self):
        raise ValueError("repr exploded")

def broken_callback():
    raise RuntimeError("callback exploded")

@fk.fragment
def misbehaving():
    mode = fk.selectbox("mode", ["ok", "repr", "loop", "huge"], key="mode",
                        on_change=broken_callback)
    fk.text(f"mode {mode}")
    if mode == "repr":
        fk.write(BadRepr())
    if mode == "loop":
        fk.rerun(scope="fragment")
    if mode == "huge":
        fk.text("x" * 100_000_000)
misbehaving()

@fk.fragment
def fails_at_once():
    fk.text("before")
    raise KeyError("first call")
fails_at_once()
"""


def test_misbehaving_user_code(fe: FrontEnd) -> None:
    """Callback errors, broken reprs, rerun loops and huge outputs: contained and explained."""
    cell = fe.execute(MISBEHAVING, cell_id="bad")
    area, first = cell.widget_ids
    assert "before" in fe.render(first) and "KeyError" in fe.render(first)
    mode = fe.find("Dropdown", "mode")

    fe.set(mode, index=1)  # repr raises, and on_change raises
    fe.sync()
    shown = fe.render(area)
    assert "callback exploded" in shown and "repr exploded" in shown

    fe.set(mode, index=2)  # rerun() forever: stopped with a clear message
    fe.sync()
    assert "asked to rerun itself 100 times" in fe.render(area)

    fe.set(mode, index=3)  # 100 MB of text: cut before it reaches the browser
    fe.sync()
    leaves = [fe.models[m] for m in fe.descendants(area) if "outputs" in fe.models[m]]
    longest = max(len(json.dumps(leaf["outputs"])) for leaf in leaves)
    assert longest < 1_100_000
    assert "output truncated by fragkernel" in fe.render(area)

    fe.set(mode, index=0)
    fe.sync()
    assert "mode ok" in fe.render(area)
    assert fe.evaluate("fk.session_state.mode") == "ok"


THREADS = """
import fragkernel as fk, threading
seen = []
@fk.fragment
def reader():
    seen.append((threading.get_ident() == threading.main_thread().ident,
                 fk.session_state.get("t", -1)))
    fk.text(f"t = {fk.session_state.get('t', -1)}")
reader()

def writer():
    for i in range(200):
        fk.session_state["t"] = i
threads = [threading.Thread(target=writer) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
"""


def test_state_writes_and_reruns_from_threads(fe: FrontEnd) -> None:
    """State is safe to write from threads; the reruns it causes run on the main thread."""
    cell = fe.execute(THREADS, cell_id="threads")
    fe.sync()
    time.sleep(0.3)
    fe.sync()
    seen = fe.evaluate("seen")
    assert all(on_main for on_main, _ in seen)
    assert len(seen) < 200  # coalesced, not one rerun per write
    assert fe.render(cell.widget_ids[0]) == "t = 199\n"
    assert fe.evaluate("fk.session_state.t") == 199


EVERYTHING = """
import fragkernel as fk, datetime
@fk.fragment
def everything():
    values = [
        fk.toggle("toggle", key="toggle"),
        fk.checkbox("checkbox", key="checkbox"),
        fk.radio("radio", ["a", "b", "c"], key="radio"),
        fk.selectbox("selectbox", ["a", "b", "c"], key="selectbox"),
        fk.multiselect("multiselect", ["a", "b", "c"], max_selections=2, key="multiselect"),
        fk.slider("slider", 0, 10, key="slider"),
        fk.slider("range", 0.0, 1.0, (0.2, 0.8), key="range"),
        fk.select_slider("select_slider", ["lo", "mid", "hi"], key="select_slider"),
        fk.number_input("number_input", 0, 100, key="number_input"),
        fk.text_input("text_input", max_chars=20, key="text_input"),
        fk.text_area("text_area", key="text_area"),
        fk.date_input("date_input", datetime.date(2024, 1, 1), key="date_input"),
        fk.time_input("time_input", datetime.time(8, 0), key="time_input"),
        fk.color_picker("color_picker", key="color_picker"),
        fk.file_uploader("file_uploader", type="csv", key="file_uploader"),
        fk.button("button", key="button"),
    ]
    fk.text(f"drawn {len(values)}")
everything()
"""

ALLOWED = """
import datetime
state = fk.session_state
checks = {
    "toggle": isinstance(state.toggle, bool),
    "checkbox": isinstance(state.checkbox, bool),
    "radio": state.radio in ["a", "b", "c"],
    "selectbox": state.selectbox in ["a", "b", "c", None],
    "multiselect": set(state.multiselect) <= {"a", "b", "c"} and len(state.multiselect) <= 2,
    "slider": isinstance(state.slider, int) and 0 <= state.slider <= 10,
    "range": all(0.0 <= v <= 1.0 for v in state.range) and len(state.range) == 2,
    "select_slider": state.select_slider in ["lo", "mid", "hi"],
    "number_input": isinstance(state.number_input, int) and 0 <= state.number_input <= 100,
    "text_input": isinstance(state.text_input, str) and len(state.text_input) <= 20,
    "text_area": isinstance(state.text_area, str),
    "date_input": state.date_input is None or isinstance(state.date_input, datetime.date),
    "time_input": state.time_input is None or isinstance(state.time_input, datetime.time),
    "color_picker": isinstance(state.color_picker, str) and len(state.color_picker) == 7,
}
[k for k, ok in checks.items() if not ok]
"""

SEED = 20261128
JUNK = [None, True, -1, 0, 1, 10**30, -(10**30), 3.5, 1e308, "", "x" * 100_000, "a",
        [], [1, 2], [0, 99], {}, {"year": "x"}, {"hours": 99}, "#zzzzzz", "#00ff00"]  # fmt: skip
TRAITS = ["value", "index", "label", "options", "min", "max", "description", "disabled",
          "_dom_classes", "layout", "no_such_trait"]  # fmt: skip


def _message(rng: random.Random) -> dict:
    kind = rng.random()
    if kind < 0.7:
        state = {rng.choice(TRAITS): rng.choice(JUNK) for _ in range(rng.randint(1, 3))}
        return {"method": "update", "state": state, "buffer_paths": []}
    if kind < 0.8:
        return {
            "method": "custom",
            "content": rng.choice(
                [{"event": "click"}, {"event": 1}, "tick", None, {"event": "tick"}]
            ),
        }
    if kind < 0.9:
        return {"method": rng.choice(["request_state", "bogus", None, 42])}
    return rng.choice([{}, {"state": {"value": 1}}, {"method": "update"}, {"method": "update",
                       "state": "not a dict"}, {"method": "update", "state": {}, "buffer_paths":
                       [["value", 0]]}])  # fmt: skip


def test_fuzz_ten_thousand_messages(tmp_path: Path) -> None:
    """U1 under fire: 10,000 seeded random messages to every widget type of a notebook."""
    fe = FrontEnd(throttle=False, log_path=str(tmp_path / "kernel.log"))
    try:
        fe.execute("%load_ext fragkernel", cell_id="setup")
        cell = fe.execute(EVERYTHING, cell_id="everything")
        area = cell.widget_ids[0]
        targets = [m for m in fe.descendants(area) if fe.models[m]["_model_name"] != "VBoxModel"]
        targets.append("f" * 32)  # a model that does not exist
        rng = random.Random(SEED)
        for sent in range(1, 10_001):
            fe.send_raw(rng.choice(targets), _message(rng))
            if sent % 250 == 0:
                fe.sync()  # keep the kernel's IOPub queue far below its limit
        fe.sync()
        assert fe.evaluate("1 + 1") == 2
        fe.execute(ALLOWED, cell_id="allowed")
        invalid = fe.evaluate("[k for k, ok in checks.items() if not ok]")
        assert invalid == []
        # what the front end shows is what the kernel kept
        for name in ("slider", "number_input", "text_input", "checkbox"):
            kernel_value = fe.evaluate(f"fk.session_state[{name!r}]")
            model = next(m for m in fe.descendants(area)
                         if fe.models[m].get("description") == name)  # fmt: skip
            assert fe.models[model]["value"] == kernel_value, name
        # and the fragment still reruns correctly
        slider = next(m for m in fe.descendants(area)
                      if fe.models[m].get("description") == "slider")  # fmt: skip
        fe.set(slider, value=7)
        fe.sync()
        assert fe.evaluate("fk.session_state.slider") == 7
        assert fe.render(area).endswith("drawn 16\n")
    finally:
        fe.close()
    log = (tmp_path / "kernel.log").read_text()
    assert "Traceback" not in log, log[-3000:]
