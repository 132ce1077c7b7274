"""The fragment engine in a real kernel, driven over the Jupyter protocol."""

from __future__ import annotations

import time

import pytest

from tests.frontend import FrontEnd

COUNTER = """
import fragkernel as fk
@fk.fragment
def counter(step):
    n = fk.slider("n", 0, 100, 0)
    fk.write(f"n * step = {n * step}")
    for i in range(3):
        print("line", i)
    return n
result = counter(10)
print("returned", result)
"""


@pytest.mark.vscode  # W2: also in VS Code mode
def test_rerun_replaces_in_place_and_keeps_identity(fe: FrontEnd) -> None:
    """F2, F3, F4, F5: same models, no growth, arguments of the call, first return value."""
    cell = fe.execute(COUNTER, cell_id="c1")
    assert "returned 0" in cell.text
    (area,) = cell.widget_ids
    fe.sync()  # a fresh kernel's area shows its status view once the front end is ready (W2)
    slider = fe.find("IntSlider", "n")
    before = set(fe.descendants(area))
    models = fe.live_models()
    for value in range(1, 30):
        fe.set(slider, value=value)
        fe.sync()
    assert fe.render(area) == "[IntSlider n=29]\nn * step = 290\nline 0\nline 1\nline 2\n"
    assert set(fe.descendants(area)) == before
    assert fe.live_models() == models


def test_duplicate_widget_id_names_the_fix(fe: FrontEnd) -> None:
    """F4: two identical widgets in one run raise DuplicateWidgetID asking for key=."""
    cell = fe.execute(
        "import fragkernel as fk\n@fk.fragment\ndef f():\n"
        "    fk.slider('x')\n    fk.slider('x')\nf()",
    )
    assert "DuplicateWidgetID" in fe.render(cell.widget_ids[0])
    assert "key=" in fe.render(cell.widget_ids[0])
    fe.execute(
        "@fk.fragment\ndef g():\n    fk.slider('x', key='a')\n    fk.slider('x', key='b')\ng()",
    )
    assert fe.evaluate("sorted(k for k in fk.session_state)") == ["a", "b"]


def test_outside_containers_accumulate_and_refuse_widgets(fe: FrontEnd) -> None:
    """F6, F7: writes into an outside container pile up; widgets there raise FragmentError."""
    cell = fe.execute(
        """%%fragment
import fragkernel as fk
log = fk.container()
@fk.fragment
def f():
    fk.button("go")
    log.write(f"clicked {fk.session_state.setdefault('n', 0)}")
    fk.session_state['n'] = fk.session_state['n'] + 1
f()
if fk.button("redraw"):
    pass
""",
        cell_id="outer",
    )
    area = cell.widget_ids[0]
    go = fe.find("Button", "go")
    for _ in range(3):
        fe.click(go)
        fe.sync()
    shown = fe.render(area)
    assert [line for line in shown.splitlines() if line.startswith("clicked")] == [
        "clicked 0",
        "clicked 1",
        "clicked 2",
        "clicked 3",
    ]
    fe.click(fe.find("Button", "redraw"))  # the owner draws the container again: cleared
    fe.sync()
    assert [line for line in fe.render(area).splitlines() if line.startswith("clicked")] == [
        "clicked 4"
    ]
    bad = fe.execute(
        "c = fk.container()\n@fk.fragment\ndef h():\n    c.slider('inside')\nh()", cell_id="bad"
    )
    text = fe.render(bad.widget_ids[-1])
    assert "FragmentError" in text and "main body" in text


@pytest.mark.vscode  # W2: also in VS Code mode
def test_instances_are_independent(fe: FrontEnd) -> None:
    """F8: each call is its own instance with its own widgets and area."""
    cell = fe.execute(
        "import fragkernel as fk\n@fk.fragment\ndef f(name):\n"
        "    v = fk.slider(name, 0, 10, 1)\n    fk.write(f'{name}={v}')\nf('a')\nf('a')",
        cell_id="two",
    )
    first, second = cell.widget_ids
    fe.set(fe.find("IntSlider", "a", root=first), value=5)
    fe.sync()
    assert fe.render(first).endswith("a=5\n")
    assert fe.render(second).endswith("a=1\n")


NESTED = """%%fragment
import fragkernel as fk
runs = globals().setdefault("runs", {"outer": 0, "inner": 0})
runs["outer"] += 1
fk.button("outer")
@fk.fragment
def inner():
    runs["inner"] += 1
    v = fk.slider("inner", 0, 10, 0)
    fk.write(f"inner={v}")
    if fk.button("app"):
        fk.rerun()
    if fk.button("self"):
        fk.rerun(scope="fragment")
inner()
"""


@pytest.mark.vscode  # W2: also in VS Code mode
def test_nesting_and_rerun_scopes(fe: FrontEnd) -> None:
    """F9, F10: inner reruns alone; outer redraws inner keeping its state; rerun scopes."""
    cell = fe.execute(NESTED, cell_id="nested")
    area = cell.widget_ids[0]
    slider = fe.find("IntSlider", "inner")
    fe.set(slider, value=4)
    fe.sync()
    assert fe.evaluate("runs") == {"outer": 1, "inner": 2}
    fe.click(fe.find("Button", "outer"))
    fe.sync()
    assert fe.evaluate("runs") == {"outer": 2, "inner": 3}
    assert fe.find("IntSlider", "inner") == slider
    assert "inner=4" in fe.render(area)
    fe.click(fe.find("Button", "self"))
    fe.sync()
    assert fe.evaluate("runs") == {"outer": 2, "inner": 5}
    fe.click(fe.find("Button", "app"))
    fe.sync()
    assert fe.evaluate("runs") == {"outer": 3, "inner": 7}
    outside = fe.execute("import fragkernel as fk\nfk.rerun(scope='fragment')", check=False)
    assert outside.error is not None and outside.error["ename"] == "FragmentError"


@pytest.mark.vscode  # W2: also in VS Code mode
def test_run_every_reruns_on_its_period_and_stops_when_disposed(fe: FrontEnd) -> None:
    """F11, F14: a timer reruns the fragment; running the cell again stops the old timer."""
    code = (
        "import fragkernel as fk\nticks = globals().setdefault('ticks', [])\n"
        "@fk.fragment(run_every='100ms')\ndef clock():\n    ticks.append(1)\n"
        "    fk.write(f'ticks {len(ticks)}')\nclock()"
    )
    fe.execute(code, cell_id="clock")
    fe.wait_until(lambda: False, timeout=1.0)  # a front end reads the kernel meanwhile
    ticked = fe.evaluate("len(ticks)")
    assert ticked >= 4
    fe.execute("ticks.clear()\nfk.write('clock gone')", cell_id="clock")
    time.sleep(0.6)
    assert fe.evaluate("len(ticks)") == 0
    bad = fe.execute("@fk.fragment(run_every='soon')\ndef g(): pass", check=False)
    assert bad.error is not None and "run_every" in bad.error["evalue"]


def test_error_shows_in_place_and_next_interaction_recovers(fe: FrontEnd) -> None:
    """F12: traceback below what was drawn; kernel and other fragments keep working; stop()."""
    cell = fe.execute(
        "import fragkernel as fk\n@fk.fragment\ndef f():\n    v = fk.slider('v', 0, 10, 0)\n"
        "    fk.write(f'before {v}')\n    if v == 3:\n        raise ValueError('three is bad')\n"
        "    if v == 4:\n        fk.stop()\n    fk.write('after')\nf()\n"
        "@fk.fragment\ndef g():\n    fk.write('other fragment')\ng()",
        cell_id="err",
    )
    area, other = cell.widget_ids
    slider = fe.find("IntSlider", "v")
    fe.set(slider, value=3)
    fe.sync()
    shown = fe.render(area)
    assert shown.index("before 3") < shown.index("ValueError: three is bad")
    assert "after" not in shown
    assert fe.render(other) == "other fragment\n"
    fe.set(slider, value=4)
    fe.sync()
    assert fe.render(area) == "[IntSlider v=4]\nbefore 4\n"
    fe.set(slider, value=5)
    fe.sync()
    assert fe.render(area) == "[IntSlider v=5]\nbefore 5\nafter\n"


def test_print_display_and_figures_in_order(fe: FrontEnd) -> None:
    """F13: print, display, rich reprs and matplotlib figures appear in order, then replaced."""
    cell = fe.execute(
        """
import matplotlib
matplotlib.use("agg")
import matplotlib.pyplot as plt
import pandas as pd
import fragkernel as fk
from IPython.display import display, Markdown
outside = plt.figure()
@fk.fragment
def f():
    n = fk.slider("n", 1, 5, 1)
    print("printed", n)
    display(Markdown(f"**md {n}**"))
    display(pd.DataFrame({"a": [n]}))
    fig, ax = plt.subplots()
    ax.plot([0, n])
    plt.show()
    print("after show")
    plt.figure()
f()
""",
        cell_id="fig",
    )
    area = cell.widget_ids[0]
    fe.set(fe.find("IntSlider", "n"), value=2)
    fe.sync()
    leaves = [
        fe.models[m] for m in fe.descendants(area) if fe.models[m]["_model_name"] == "OutputModel"
    ]
    outputs = [o for leaf in leaves for o in leaf["outputs"]]
    kinds = [
        o.get("name") or next(iter(k for k in o.get("data", {}) if k != "text/plain"), "text/plain")
        for o in outputs
    ]
    assert kinds == ["stdout", "text/markdown", "text/html", "image/png", "stdout", "image/png"]
    assert outputs[0]["text"] == "printed 2\n" and outputs[1]["data"]["text/markdown"] == "**md 2**"
    assert fe.evaluate("plt.get_fignums() == [outside.number]")


@pytest.mark.vscode  # W2: also in VS Code mode
def test_cell_rerun_disposes_and_models_stay_flat(fe: FrontEnd) -> None:
    """F14: running a cell again closes its fragments' widgets; live models stay flat."""
    code = (
        "import fragkernel as fk\n@fk.fragment\ndef f():\n    fk.slider('s')\n"
        "    fk.text_input('t')\n    c1, c2 = fk.columns(2)\n    c1.write('x')\nf()\nf()"
    )
    fe.execute(code, cell_id="same")
    after_first = fe.live_models()
    for _ in range(30):
        fe.execute(code, cell_id="same")
    assert fe.live_models() == after_first
    kernel_side = fe.evaluate("len(__import__('ipywidgets').widgets.widget._instances)")
    assert kernel_side == fe.live_models()


def test_burst_is_coalesced_and_last_value_wins(raw: FrontEnd) -> None:
    """F15: 100 raw updates to a slow fragment: far fewer reruns, the last one sees 100."""
    cell = raw.execute(
        "import fragkernel as fk, time\nseen = []\n@fk.fragment\ndef slow():\n"
        "    v = fk.slider('v', 0, 100, 0)\n    seen.append(v)\n    time.sleep(0.05)\n"
        "    fk.write(f'value {v}')\nslow()",
        cell_id="burst",
    )
    slider = raw.find("IntSlider", "v")
    for value in range(1, 101):
        raw.set(slider, value=value)
    raw.settle(quiet=0.5)
    seen = raw.evaluate("seen")
    assert seen[-1] == 100
    assert len(seen) - 1 <= 10, seen
    assert raw.render(cell.widget_ids[0]).endswith("value 100\n")


def test_existing_widget_drives_the_fragment(fe: FrontEnd) -> None:
    """F16: a plain ipywidgets widget displayed in a fragment stays itself and reruns it."""
    cell = fe.execute(
        "import fragkernel as fk, ipywidgets as w\nfrom IPython.display import display\n"
        "knob = w.IntSlider(description='knob')\n@fk.fragment\ndef f():\n    display(knob)\n"
        "    fk.write(f'knob is {knob.value}')\nf()",
        cell_id="existing",
    )
    knob = fe.evaluate("knob.model_id")
    fe.set(knob, value=9)
    fe.sync()
    assert fe.render(cell.widget_ids[0]) == "[IntSlider knob=9]\nknob is 9\n"
    assert fe.find("IntSlider", "knob") == knob


def test_plain_cell_widget_reruns_nothing_but_writes_state(fe: FrontEnd) -> None:
    """F18, S4: a keyed plain-cell widget writes session_state, which reruns its readers."""
    cell = fe.execute(
        "import fragkernel as fk\nlevel = fk.slider('level', 0, 10, 2, key='level')\nprint(level)",
        cell_id="plain",
    )
    notes = cell.widget_ids[0]  # the cell's own notes: the hint, then callback output (F21)
    assert "%%fragment" in fe.render(notes) and "2" in cell.text
    reader = fe.execute(
        "@fk.fragment\ndef show():\n"
        "    fk.write(f\"level is {fk.session_state['level']}\")\nshow()",
        cell_id="reader",
    )
    fe.set(fe.find("IntSlider", "level"), value=7)
    fe.sync()
    assert fe.render(reader.widget_ids[0]) == "level is 7\n"
