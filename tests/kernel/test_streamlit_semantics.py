"""Streamlit's semantics, user by user, in a real kernel (SPEC S2, S4, S5, F19-F28, U1).

Each test replays what a person does in a notebook (run cells, change widgets, click,
press stop) through the Jupyter protocol and checks what they would see: the text of the
areas, which parts reran, the values in ``session_state``, a kernel that still answers.
Every wait is bounded, so a hang or an endless rerun loop fails the test instead of
blocking the suite.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.frontend import Execution, FrontEnd

INTERRUPTED = "was interrupted"


@pytest.fixture
def bare() -> Iterator[FrontEnd]:
    """A fresh kernel where nothing ran yet: no ``%load_ext fragkernel`` (SPEC F25)."""
    front = FrontEnd()
    yield front
    front.close()


def _area(cell: Execution) -> str:
    """The one fragment area a cell showed."""
    (area,) = cell.widget_ids
    return area


def _shown(fe: FrontEnd, cell: Execution) -> str:
    """Everything a cell's output shows: its own outputs, then each widget it displayed."""
    return cell.text + "".join(fe.render(model) for model in cell.widget_ids)


def _check_alive(fe: FrontEnd) -> None:
    """The kernel answers: a following cell runs and sees the kernel's state."""
    assert fe.responsive(timeout=10), (
        "the kernel died" if not fe.km.is_alive() else "the kernel did not go idle"
    )
    assert fe.evaluate("6 * 7") == 42


# -- S4: within one cell, writes never rerun outer fragments, the cell or siblings -----------

OUTER_READS_INNER_WRITES = """
import fragkernel as st
runs = {"outer": 0, "inner": 0}
st.session_state.count = 0

@st.fragment
def outer():
    runs["outer"] += 1
    st.write(f"outer sees {st.session_state.count}")

    @st.fragment
    def inner():
        runs["inner"] += 1
        if st.button("add"):
            st.session_state.count += 1
        st.write(f"inner sees {st.session_state.count}")

    inner()

outer()
"""


@pytest.mark.vscode  # W2: also in VS Code mode
def test_inner_write_does_not_rerun_the_outer_reader(fe: FrontEnd) -> None:
    """S4, F9: one click in the inner fragment; the kernel goes idle, the outer stays put."""
    cell = fe.execute(OUTER_READS_INNER_WRITES, cell_id="nest")
    fe.click(fe.find("Button", "add"))
    assert fe.responsive(timeout=10), "one click started a rerun loop: the kernel stays busy"
    assert fe.evaluate("runs") == {"outer": 1, "inner": 2}
    assert fe.evaluate("st.session_state.count") == 1
    shown = fe.render(_area(cell))
    assert "outer sees 0" in shown and "inner sees 1" in shown


FRAGMENT_CELL_WRITER = """%%fragment
import fragkernel as st
runs = globals().setdefault("runs", {"cell": 0, "writer": 0, "sibling": 0})
runs["cell"] += 1
st.write(f"cell sees {st.session_state.get('n', 0)}")

@st.fragment
def writer():
    runs["writer"] += 1
    if st.button("inc"):
        st.session_state.n = st.session_state.get("n", 0) + 1
    if st.button("apply"):
        st.rerun()

@st.fragment
def sibling():
    runs["sibling"] += 1
    st.write(f"sibling sees {st.session_state.get('n', 0)}")

writer()
sibling()
"""


def test_fragment_write_in_fragment_cell_reruns_neither_cell_nor_sibling(fe: FrontEnd) -> None:
    """S4, E3: the write is seen by the cell and the sibling only at their next run."""
    cell = fe.execute(FRAGMENT_CELL_WRITER, cell_id="app")
    area = _area(cell)
    fe.click(fe.find("Button", "inc"))
    assert fe.responsive(timeout=10)
    runs = fe.evaluate("runs")
    assert (runs["cell"], runs["sibling"]) == (1, 1), runs
    shown = fe.render(area)
    assert "cell sees 0" in shown and "sibling sees 0" in shown
    fe.click(fe.find("Button", "apply"))  # st.rerun(): the app's next run sees the value
    assert fe.responsive(timeout=10)
    runs = fe.evaluate("runs")
    assert (runs["cell"], runs["sibling"]) == (2, 2), runs
    shown = fe.render(area)
    assert "cell sees 1" in shown and "sibling sees 1" in shown


# -- F23: run_every is read each time the decorator runs --------------------------------------

STREAM = """%%fragment
import fragkernel as st
ticks = globals().setdefault("ticks", [])
st.toggle("stream", key="stream")

@st.fragment(run_every=0.2 if st.session_state.stream else None)
def clock():
    ticks.append(1)
    st.write(f"ticks {len(ticks)}")

clock()
"""


def _ticks_during(fe: FrontEnd, seconds: float) -> int:
    before = fe.evaluate("len(ticks)")
    time.sleep(seconds)
    return fe.evaluate("len(ticks)") - before


@pytest.mark.vscode  # W2: also in VS Code mode
def test_run_every_follows_the_toggle_that_decorates_it(fe: FrontEnd) -> None:
    """F23, F11: the cell reruns on the toggle and decorates again: ticking starts, then stops."""
    fe.execute(STREAM, cell_id="stream")
    assert _ticks_during(fe, 0.8) == 0
    toggle = fe.find("ToggleButton", "stream")
    fe.set(toggle, value=True)
    fe.sync()
    assert _ticks_during(fe, 1.2) >= 3, "turning stream on did not start the timer"
    fe.set(toggle, value=False)
    fe.sync()
    time.sleep(0.3)  # a tick already due may still land
    assert _ticks_during(fe, 1.0) == 0, "turning stream off did not stop the timer"


# -- F20: one model for a widget's whole life, parameters re-applied --------------------------

DEPENDENT = """
import fragkernel as st
CITIES = {"France": ["Paris", "Lyon"], "Japan": ["Tokyo", "Osaka", "Kyoto"]}

@st.fragment
def trip():
    country = st.selectbox("country", list(CITIES), key="country")
    city = st.selectbox("city", CITIES[country], key="city")
    days = st.slider("days", 0, 10 if country == "France" else 20, 3, key="days")
    st.write(f"{city} for {days} days")

trip()
"""


def test_new_options_and_bounds_show_on_the_same_model(fe: FrontEnd) -> None:
    """F20, F4: new options and max on the same models; a value no longer allowed -> default."""
    cell = fe.execute(DEPENDENT, cell_id="trip")
    area = _area(cell)
    city = fe.find("Dropdown", "city")
    days = fe.find("IntSlider", "days")
    fe.set(city, index=1)
    fe.sync()
    assert fe.evaluate("st.session_state.city") == "Lyon"
    fe.set(fe.find("Dropdown", "country"), index=1)
    fe.sync()
    assert fe.find("Dropdown", "city") == city and fe.is_open(city)
    assert list(fe.models[city]["_options_labels"]) == ["Tokyo", "Osaka", "Kyoto"]
    assert fe.evaluate("st.session_state.city") == "Tokyo"
    assert fe.models[city]["index"] == 0
    assert fe.find("IntSlider", "days") == days
    assert fe.models[days]["max"] == 20
    assert fe.render(area).endswith("Tokyo for 3 days\n")


MORPH = """
import fragkernel as st
kind = globals().setdefault("kind", ["checkbox"])

@st.fragment
def morph():
    if kind[0] == "checkbox":
        value = st.checkbox("x", key="x")
    else:
        value = st.text_input("x", key="x")
    st.write(f"x is {type(value).__name__}")
    st.button("again")

morph()
"""


def test_widget_type_is_part_of_identity(fe: FrontEnd) -> None:
    """F20, F4: checkbox("x", key="x") then text_input("x", key="x") is a new widget."""
    cell = fe.execute(MORPH, cell_id="morph")
    area = _area(cell)
    checkbox = fe.find("Checkbox", "x")
    fe.execute("kind[0] = 'text'", cell_id="switch")
    fe.click(fe.find("Button", "again"))
    fe.sync()
    shown = fe.render(area)
    assert "Traceback" not in shown and "Error" not in shown, shown
    assert not fe.is_open(checkbox)
    text = fe.find("Text", "x", root=area)
    assert fe.models[text]["value"] == ""
    assert shown.endswith("x is str\n[Button again=None]\n")


# -- F19: a run that stops early keeps the widgets it did not reach ---------------------------

EARLY_STOP = """
import fragkernel as st

@st.fragment
def person():
    name = st.text_input("who")
    if not name:
        st.stop()
    age = st.slider("age", 0, 100)
    st.write(f"{name} is {age}")

person()
"""


def test_stopped_run_keeps_the_widgets_it_did_not_reach(fe: FrontEnd) -> None:
    """F19, F4: clear the name (stop), type it again: the same age slider, still at 40."""
    cell = fe.execute(EARLY_STOP, cell_id="person")
    area = _area(cell)
    who = fe.find("Text", "who")
    fe.set(who, value="Ann")
    fe.sync()
    age = fe.find("IntSlider", "age")
    fe.set(age, value=40)
    fe.sync()
    assert fe.render(area).endswith("Ann is 40\n")
    fe.set(who, value="")
    fe.sync()
    fe.set(who, value="Bob")
    fe.sync()
    assert fe.find("IntSlider", "age") == age, "the age slider is a new model"
    assert fe.models[age]["value"] == 40
    assert fe.render(area).endswith("Bob is 40\n")


# -- F22: interrupt on every path; SystemExit is an error ------------------------------------

DEFERRED = """
import fragkernel as st, time
ended = []

@st.fragment
def slow():
    level = st.slider("level", 0, 10, 0)
    st.write(f"level {level}")
    if level == 1:
        time.sleep(0.3)  # the next event queues up behind this run: its rerun is deferred
    if level == 2:
        for _ in range(100):
            time.sleep(0.1)
        ended.append("slept 10 s")
    st.write("done")

slow()
"""


def test_interrupt_during_a_deferred_rerun(raw: FrontEnd) -> None:
    """F22, F15: stop during a coalesced rerun served from the event loop; the kernel goes on."""
    cell = raw.execute(DEFERRED, cell_id="deferred")
    area = _area(cell)
    level = raw.find("IntSlider", "level")
    raw.set(level, value=1)
    raw.set(level, value=2)
    time.sleep(1.5)
    started = time.monotonic()
    raw.interrupt()
    _check_alive(raw)
    assert time.monotonic() - started < 5, "the interrupt did not end the deferred rerun"
    assert raw.evaluate("ended") == []
    shown = raw.render(area)
    assert INTERRUPTED in shown and "done" not in shown, shown


TICKING = """
import fragkernel as st, time
ticks = []

@st.fragment(run_every=2)
def ticking():
    ticks.append(1)
    st.write(f"tick {len(ticks)}")
    if len(ticks) == 2:
        for _ in range(100):
            time.sleep(0.1)
        st.write("slept 10 s")

ticking()
"""


def test_interrupt_during_a_run_every_tick(fe: FrontEnd) -> None:
    """F22, F11: stop during a timer's rerun; the area says so and the kernel goes on."""
    cell = fe.execute(TICKING, cell_id="ticking")
    area = _area(cell)
    time.sleep(3.0)  # the first tick (at 2 s) is asleep
    started = time.monotonic()
    fe.interrupt()
    _check_alive(fe)
    assert time.monotonic() - started < 5, "the interrupt did not end the tick"
    shown = fe.render(area)  # the next tick is 2 s away
    assert INTERRUPTED in shown and "slept" not in shown, shown


NESTED_FIRST_RUN = """
import fragkernel as st, time
went_on = []

@st.fragment
def outer():
    st.write("outer started")

    @st.fragment
    def inner():
        for _ in range(100):
            time.sleep(0.1)

    inner()
    went_on.append("outer")

outer()
went_on.append("cell")
"""


def test_interrupt_in_a_nested_fragment_stops_the_whole_cell(fe: FrontEnd) -> None:
    """F22, F9: an interrupt inside an inner fragment during the cell's first run ends it all."""
    execution = fe.start(NESTED_FIRST_RUN, cell_id="nested")
    time.sleep(1.5)
    fe.interrupt()
    fe.finish(execution, timeout=10)
    _check_alive(fe)
    assert fe.evaluate("went_on") == [], "code after the interrupted inner call ran"
    assert execution.reply is not None and execution.reply["status"] == "error"
    assert INTERRUPTED in _shown(fe, execution) or "KeyboardInterrupt" in execution.text


SYSTEM_EXIT = """
import fragkernel as st

@st.fragment
def quitter():
    st.write("alive")
    if st.button("quit"):
        raise SystemExit(3)

quitter()
"""


def test_system_exit_in_a_rerun_is_an_error_in_the_area(fe: FrontEnd) -> None:
    """F22, F12: SystemExit raised in a rerun is shown in the area; the kernel lives on."""
    cell = fe.execute(SYSTEM_EXIT, cell_id="quit")
    fe.click(fe.find("Button", "quit"))
    _check_alive(fe)
    assert "SystemExit" in fe.render(_area(cell))


# -- F25: the first cell of a fresh kernel, `import fragkernel as st` only --------------------

SEED_LAYOUT = """
import fragkernel as st

c = st.container()
st.write("below the container")
with c:
    st.write("inside")
    print("printed inside")

col1, col2 = st.columns(2)
with col1:
    st.write("in col1")
with col2:
    st.write("in col2")

with st.sidebar:
    st.write("in sidebar")

@st.fragment
def inside():
    st.write("fragment in c")

with c:
    inside()
"""


def test_fresh_kernel_with_blocks_draw_inside_their_containers(bare: FrontEnd) -> None:
    """F25, F1, F13, F24: with-blocks, columns, sidebar, a fragment in a container."""
    cell = bare.execute(SEED_LAYOUT, cell_id="first")
    for text in ("inside", "printed inside", "fragment in c", "in col1", "in sidebar"):
        assert text not in cell.text.splitlines(), f"{text!r} drawn below the cell, not inside"
    assert _box_showing(bare, cell, "inside") == "inside\nprinted inside\nfragment in c\n"
    assert _box_showing(bare, cell, "in col1", "in col2") == "in col1\nin col2\n"
    assert _box_showing(bare, cell, "in sidebar") == "in sidebar\n"


def _box_showing(fe: FrontEnd, cell: Execution, *lines: str) -> str:
    """What the smallest box among a cell's widgets shows, of those showing every line."""
    boxes = [
        fe.render(model)
        for root in cell.widget_ids
        for model in fe.descendants(root)
        if "children" in fe.models.get(model, {})
    ]
    holding = [shown for shown in boxes if set(lines) <= set(shown.splitlines())]
    assert holding, f"no box shows {lines}: {[fe.render(m) for m in cell.widget_ids]}"
    return min(holding, key=len)


# -- F24 placeholders, F26 magic ---------------------------------------------------------------

PLACEHOLDERS = """
import fragkernel as st

c = st.container()
c.write("first")
slot = c.empty()
c.write("last")
with slot:
    st.write("a")
with slot:
    st.write("b")

d = st.container()
spot = d.empty()
spot.write("x")
spot.write("y")
"""


def test_placeholders_replace_their_one_element(fe: FrontEnd) -> None:
    """F24: container.empty() sits in the container; with-blocks and methods replace it."""
    cell = fe.execute(PLACEHOLDERS, cell_id="slots")
    c, d = cell.widget_ids
    assert fe.render(c) == "first\nb\nlast\n"
    assert fe.render(d) == "y\n"


MAGIC = """%%fragment
import fragkernel as st
x = 41 + 1
x
st.button("Go")
"""


def test_fragment_cell_magic_writes_names_but_not_calls(fe: FrontEnd) -> None:
    """F26: a bare name on its own line is shown; st.button("Go") last shows nothing."""
    cell = fe.execute(MAGIC, cell_id="magic")
    shown = _shown(fe, cell)
    assert "42" in shown
    assert "False" not in shown, shown


# -- F21: callbacks ----------------------------------------------------------------------------

CALLBACK_WRITES = """
import fragkernel as st
runs = []

def said():
    st.write("from callback")

def again():
    st.rerun()

@st.fragment
def f():
    runs.append(1)
    st.write("body")
    st.button("go", on_click=said)
    st.button("again", on_click=again)

f()
"""


def test_callback_output_is_at_the_top_and_rerun_in_it_is_a_no_op(fe: FrontEnd) -> None:
    """F21, S3: st.write in on_click lands first in the area; st.rerun() in it does nothing."""
    cell = fe.execute(CALLBACK_WRITES, cell_id="cb")
    area = _area(cell)
    fe.click(fe.find("Button", "go"))
    fe.sync()
    assert fe.render(area).splitlines()[:2] == ["from callback", "body"], fe.render(area)
    fe.click(fe.find("Button", "again"))
    fe.sync()
    shown = fe.render(area)
    assert "Error" not in shown and "Traceback" not in shown, shown
    assert "from callback" not in shown
    assert fe.evaluate("len(runs)") == 3


PLAIN_CALLBACK = """
import fragkernel as st

def boom():
    raise RuntimeError("callback exploded")

st.checkbox("tick", key="tick", on_change=boom)
"""


def test_plain_cell_callback_error_is_shown_in_the_cell(fe: FrontEnd) -> None:
    """F21, F18: an exception in a plain cell widget's callback shows in the cell's output."""
    cell = fe.execute(PLAIN_CALLBACK, cell_id="plain")
    fe.set(fe.find("Checkbox", "tick"), value=True)
    fe.sync()
    assert "callback exploded" in _shown(fe, cell)
    assert fe.evaluate("st.session_state.tick") is True


# -- S5, S2: Streamlit's state rules -----------------------------------------------------------

BUTTON_KEY = """
import fragkernel as st
seen = []

def clicked():
    seen.append(["callback", st.session_state.go])

@st.fragment
def f():
    pressed = st.button("Go", key="go", on_click=clicked)
    seen.append(["run", pressed, st.session_state.go])
    st.slider("other", 0, 5, key="other")

f()
"""


def test_button_key_is_true_only_in_the_run_its_click_caused(fe: FrontEnd) -> None:
    """S5, S2: session_state of a button's key: True in its callback and its run, else False."""
    cell = fe.execute(BUTTON_KEY, cell_id="go")
    assert fe.evaluate("seen") == [["run", False, False]], fe.render(_area(cell))
    fe.click(fe.find("Button", "Go"))
    fe.sync()
    assert fe.evaluate("seen[1:]") == [["callback", True], ["run", True, True]]
    fe.set(fe.find("IntSlider", "other"), value=2)
    fe.sync()
    assert fe.evaluate("seen[3:]") == [["run", False, False]]
    assert fe.evaluate("st.session_state.go") is False


def test_empty_file_uploader_key_holds_none(fe: FrontEnd) -> None:
    """S5, S2: a file_uploader's key holds None while no file was uploaded."""
    fe.execute("import fragkernel as st\nst.file_uploader('f', key='f')", cell_id="up")
    assert fe.evaluate("st.session_state.get('f', 'missing')") is None


LATE_WRITE = """
import fragkernel as st

@st.fragment
def f():
    st.slider("k", 0, 10, key="k")
    st.session_state["k"] = 5
    st.write("not reached")

f()
"""


def test_setting_a_drawn_widget_key_raises_streamlits_error(fe: FrontEnd) -> None:
    """S5: setting session_state["k"] after the widget with key k was drawn in the run."""
    cell = fe.execute(LATE_WRITE, cell_id="late")
    shown = fe.render(_area(cell))
    assert "StreamlitAPIException" in shown, shown
    assert "cannot be modified after the widget with key" in shown
    assert "not reached" not in shown


SIDEBAR_IN_FRAGMENT = """
import fragkernel as st

@st.fragment(run_every=0.1)
def side():
    st.write("body")
    with st.sidebar:
        st.write("in sidebar")

side()
"""


def test_sidebar_inside_a_fragment_run_raises_and_models_stay_flat(fe: FrontEnd) -> None:
    """F24, F14: st.sidebar in a fragment function's run raises; no model piles up per tick."""
    cell = fe.execute(SIDEBAR_IN_FRAGMENT, cell_id="side")
    area = _area(cell)
    time.sleep(0.5)
    fe.sync()
    assert "StreamlitAPIException" in fe.render(area), fe.render(area)
    models = fe.live_models()
    time.sleep(1.0)
    fe.sync()
    assert fe.live_models() == models
    assert "in sidebar" not in "".join(fe.render(m) for m in cell.widget_ids)


# -- F27: user widgets kept in session_state stay alive ---------------------------------------

KEPT_WIDGET = """
import fragkernel as st, ipywidgets as w
from IPython.display import display

@st.fragment
def f():
    if "knob" not in st.session_state:  # made in the first run, kept by session_state
        st.session_state.knob = w.IntSlider(description="knob")
    if st.checkbox("show", value=True):
        display(st.session_state.knob)
    st.write(f"knob {st.session_state.knob.value}")

f()
"""


def test_widget_kept_in_session_state_survives_not_being_shown(fe: FrontEnd) -> None:
    """F27, F16: shown, not shown, shown again: the same open widget, still driving the area."""
    cell = fe.execute(KEPT_WIDGET, cell_id="kept")
    area = _area(cell)
    knob = fe.evaluate("st.session_state.knob.model_id")
    show = fe.find("Checkbox", "show")
    fe.set(show, value=False)
    fe.sync()
    fe.set(show, value=True)
    fe.sync()
    assert fe.is_open(knob), "the kernel closed a widget that session_state still holds"
    assert fe.evaluate("st.session_state.knob.comm is not None")
    fe.set(knob, value=7)
    fe.sync()
    assert fe.render(area) == "[Checkbox show=True]\n[IntSlider knob=7]\nknob 7\n"


# -- F20: a default computed at call time is not part of identity ----------------------------

CLOCK = """
import datetime as _dt
import fragkernel as st

_Real = _dt.datetime

class _Clock(_Real):
    minutes = 0

    @classmethod
    def now(cls, tz=None):
        return _Real(2024, 1, 1, 9, 0) + _dt.timedelta(minutes=cls.minutes)

_dt.datetime = _Clock  # the kernel's wall clock, under the test's control

@st.fragment
def alarm():
    t = st.time_input("alarm")
    st.write(f"alarm {t}")
    st.button("redraw")

alarm()
"""


def test_time_input_now_keeps_identity_when_the_minute_changes(fe: FrontEnd) -> None:
    """F20, F4: time_input("t") defaults to now; a new minute is not a new widget."""
    cell = fe.execute(CLOCK, cell_id="alarm")
    area = _area(cell)
    picker = fe.find("Time", "alarm")
    assert "alarm 09:00:00" in fe.render(area)
    fe.set(picker, value={"hours": 10, "minutes": 30, "seconds": 0, "milliseconds": 0})
    fe.sync()
    assert "alarm 10:30:00" in fe.render(area)
    fe.execute("_Clock.minutes = 1", cell_id="tick")  # the wall clock moves to 09:01
    fe.click(fe.find("Button", "redraw"))
    fe.sync()
    assert fe.find("Time", "alarm") == picker and fe.is_open(picker)
    assert "alarm 10:30:00" in fe.render(area)


# -- S5, F28: threads -------------------------------------------------------------------------

THREAD_WRITER = """
import fragkernel as st, threading, time
st.session_state.msg = "old"
reading = threading.Event()

@st.fragment
def reader():
    msg = st.session_state.msg
    if st.button("slow"):
        reading.set()
        time.sleep(1.0)  # the thread writes now, while this run is going on
    st.write(f"msg is {msg}")

reader()

def writer():
    if reading.wait(10):
        st.session_state.msg = "new"

threading.Thread(target=writer, daemon=True).start()
"""


def test_thread_write_during_its_readers_run_is_not_lost(fe: FrontEnd) -> None:
    """S5, S4: a write from a thread while the reader runs reruns the reader afterwards."""
    cell = fe.execute(THREAD_WRITER, cell_id="reader")
    area = _area(cell)
    fe.click(fe.find("Button", "slow"))
    fe.sync()
    assert fe.wait_until(lambda: fe.render(area).endswith("msg is new\n"), timeout=3), fe.render(
        area
    )
    assert fe.evaluate("st.session_state.msg") == "new"


THREAD_INTRUDER = """
import fragkernel as st, threading
go, done = threading.Event(), threading.Event()
refused = []

def intruder():
    go.wait(10)
    try:
        st.write("from thread")
    except Exception as error:
        refused.append(f"{type(error).__name__}: {error}")
    done.set()

threading.Thread(target=intruder, daemon=True).start()

@st.fragment
def busy():
    st.write("busy body")
    if st.button("work"):
        go.set()
        done.wait(5)

busy()
"""


def test_thread_write_never_lands_in_the_running_fragment(fe: FrontEnd) -> None:
    """F28: st.write from another thread during a run is refused or lands elsewhere."""
    cell = fe.execute(THREAD_INTRUDER, cell_id="busy")
    area = _area(cell)
    fe.click(fe.find("Button", "work"))
    fe.sync()
    assert fe.evaluate("done.is_set()")
    assert "from thread" not in fe.render(area), fe.render(area)
    refused = fe.evaluate("refused")
    assert all(message.strip() for message in refused)


# -- U1: refuse what the browser may not send ---------------------------------------------------

PICK = """
import fragkernel as st

@st.fragment
def pick():
    choice = st.selectbox("pick", ["a", "b", "c"], index=0, key="pick")
    st.write(f"picked {choice}")

pick()
"""


def test_selectbox_with_a_default_refuses_index_none(raw: FrontEnd) -> None:
    """U1, F20: index=None from the browser is refused; the browser is sent the kept index."""
    cell = raw.execute(PICK, cell_id="pick")
    area = _area(cell)
    dropdown = raw.find("Dropdown", "pick")
    raw.force(dropdown, index=1)
    raw.sync()
    assert raw.evaluate("st.session_state.pick") == "b"
    raw.force(dropdown, index=None)
    raw.sync()
    assert raw.evaluate("st.session_state.pick") == "b"
    assert raw.models[dropdown]["index"] == 1, "the browser still shows what the kernel refused"
    assert raw.render(area).endswith("picked b\n")
    assert raw.responsive()


# -- found by a second read of the engine (each killed the kernel or lost work before) -----


NESTED_TICK = """
import fragkernel as st, time
ticks = []
@st.fragment
def outer():
    st.write("outer")
    @st.fragment(run_every=1.0)
    def inner():
        ticks.append(1)
        st.write(f"tick {len(ticks)}")
        if len(ticks) == 2:
            time.sleep(10)
    inner()
outer()
"""


def test_interrupt_of_a_tick_started_inside_an_outer_run(fe: FrontEnd) -> None:
    """F22, F9: a rerun requested during another run is served on its own, so the stop
    button ends it and the kernel goes on (it was served as if nested, and died)."""
    fe.execute(NESTED_TICK, cell_id="nested-tick")
    time.sleep(2.6)  # the first tick at 1 s, the second (10 s asleep) at 2 s
    fe.interrupt()
    assert fe.responsive(timeout=10), "the kernel died or hangs after the interrupt"
    assert fe.evaluate("len(ticks)") >= 2


CALLBACK_EXIT = """
import fragkernel as st, sys
@st.fragment
def quitter():
    st.button("quit", on_click=lambda: sys.exit(3))
    st.write("still here")
quitter()
"""


def test_system_exit_in_a_callback_is_an_error_in_the_area(fe: FrontEnd) -> None:
    """F22, F21: SystemExit raised by a callback is shown, never the end of the kernel."""
    cell = fe.execute(CALLBACK_EXIT, cell_id="quit")
    fe.click(fe.find("Button", "quit"))
    fe.sync()
    assert fe.responsive(timeout=10), "SystemExit in a callback ended the kernel"
    shown = fe.render(_area(cell))
    assert "SystemExit" in shown and "still here" in shown


SLIDER_KEY = """
import fragkernel as st
runs = {"a": 0, "b": 0}
@st.fragment
def a():
    runs["a"] += 1
    st.slider("s", 0, 10, 5, key="k")
a()
"""
BAD_WRITER = """
@st.fragment
def b():
    runs["b"] += 1
    st.write(st.session_state.k)
    st.session_state.k = 99
b()
"""


def test_a_cross_cell_fight_over_a_widget_key_is_cut(fe: FrontEnd) -> None:
    """S4, F20: a cell that keeps writing a value the widget refuses reruns a bounded number
    of times (the widget's fallback counts as a round of the chain), then the kernel is idle."""
    fe.execute(SLIDER_KEY, cell_id="a")
    fe.execute(BAD_WRITER, cell_id="b")
    assert fe.responsive(timeout=10), "the two cells rerun each other forever"
    first = fe.evaluate("dict(runs)")
    time.sleep(1)
    assert fe.evaluate("dict(runs)") == first, "still rerunning"
    assert first["a"] + first["b"] <= 4 * 8


PLACEHOLDER_PRINTS = """
import fragkernel as st
calls = []
ph = st.empty()
with ph:
    print("hello")
    print("world")
@st.fragment
def f():
    inner = st.empty()
    with inner:
        print("one")
        print("two")
f()
ph2 = st.empty()
with ph2:
    st.button("b2", on_click=lambda: calls.append("b2"))
"""


def test_prints_in_a_placeholder_are_one_element_and_its_buttons_call_back(
    fe: FrontEnd,
) -> None:
    """F24, F13, F21: consecutive prints are one element of a placeholder; a plain cell's
    button drawn in a placeholder still runs its callback."""
    cell = fe.execute(PLACEHOLDER_PRINTS, cell_id="ph")
    shown = _shown(fe, cell)
    assert "hello\nworld" in shown and "one\ntwo" in shown
    fe.click(fe.find("Button", "b2"))
    fe.sync()
    assert fe.evaluate("calls") == ["b2"]


DATE_BOUNDS = """
import fragkernel as st, datetime as dt
bounds = [None, None]
@st.fragment
def f():
    d = st.date_input("d", value=dt.date(2020, 6, 1), min_value=bounds[0],
                      max_value=bounds[1], key="d")
    st.write(f"date {d}")
    st.button("redraw")
f()
"""


def test_keyed_date_input_takes_bounds_and_drops_them(fe: FrontEnd) -> None:
    """F20: bounds that appear (None -> dates) and go again apply to the same model."""
    cell = fe.execute(DATE_BOUNDS, cell_id="dates")
    picker = fe.find("DatePicker", "d")
    fe.execute("bounds[:] = [dt.date(2020, 1, 1), dt.date(2021, 1, 1)]", cell_id="set")
    fe.click(fe.find("Button", "redraw"))
    fe.sync()
    assert fe.models[picker]["min"] is not None
    fe.execute("bounds[:] = [None, None]", cell_id="unset")
    fe.click(fe.find("Button", "redraw"))
    fe.sync()
    assert fe.models[picker]["min"] is None
    assert fe.find("DatePicker", "d") == picker
    shown = fe.render(_area(cell))
    assert "date 2020-06-01" in shown and "Error" not in shown
