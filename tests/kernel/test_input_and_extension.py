"""Untrusted input from the browser (U1), the extension (E2, E4), state binding (S2, S3)."""

from __future__ import annotations

from tests.frontend import FrontEnd

WIDGETS = """
import fragkernel as fk
@fk.fragment
def form():
    n = fk.slider("n", 0, 10, 5, key="n")
    choice = fk.selectbox("choice", ["a", "b"], key="choice")
    name = fk.text_input("name", max_chars=4, key="name")
    fk.text(f"{n} {choice} {name}")
form()
"""


def test_bad_states_are_refused_or_clamped_and_resent(fe: FrontEnd) -> None:
    """U1: wrong types refused, out of range clamped; the browser is sent the kept value."""
    cell = fe.execute(WIDGETS, cell_id="form")
    area = cell.widget_ids[0]
    slider = fe.find("IntSlider", "n")
    dropdown = fe.find("Dropdown", "choice")
    text = fe.find("Text", "name")
    fe.set_and_wait(slider, value="not a number")
    fe.set_and_wait(dropdown, index=99)
    fe.set_and_wait(text, value="much too long")
    fe.sync()
    assert fe.models[slider]["value"] == 5
    assert fe.models[dropdown]["index"] == 0
    assert fe.models[text]["value"] == "much"
    fe.set_and_wait(slider, value=1000)
    fe.sync()
    assert fe.models[slider]["value"] == 10
    assert fe.evaluate("fk.session_state.to_dict()") == {"n": 10, "choice": "a", "name": "much"}
    assert fe.render(area).endswith("10 a much\n")
    # malformed messages and messages for closed models are ignored; the kernel keeps going
    fe.wait_for(fe.send_raw(slider, {"no method": True}))
    fe.wait_for(fe.send_raw(slider, {"method": "update"}))
    fe.wait_for(fe.send_raw("0" * 32, {"method": "update", "state": {"value": 1}}))
    fe.set(slider, value=3)
    fe.sync()
    assert fe.render(area).endswith("3 a much\n")


def test_load_twice_status_reset_and_unload(fe: FrontEnd) -> None:
    """E2, E4: loading twice is harmless; %fragkernel lists; reset and unload dispose all."""
    fe.execute("%load_ext fragkernel", cell_id="again")
    assert fe.evaluate("[type(fragment).__name__, type(session_state).__name__, fk.__name__]") == [
        "function",
        "SessionState",
        "fragkernel",
    ]
    fe.execute("@fragment\ndef watched():\n    fk.button('b')\nwatched()\nwatched()", cell_id="two")
    status = fe.execute("%fragkernel", cell_id="status").text
    assert status.count("watched") == 2 and "runs" in status
    before = fe.live_models()
    reset = fe.execute("%fragkernel reset", cell_id="reset").text
    assert "disposed 2" in reset
    assert fe.live_models() < before
    assert "no live fragments" in fe.execute("%fragkernel", cell_id="status").text
    fe.execute("watched()", cell_id="again2")
    fe.execute("%unload_ext fragkernel", cell_id="unload")
    assert (
        "no live fragments"
        in fe.execute("%load_ext fragkernel\n%fragkernel", cell_id="reload").text
    )


def test_on_change_runs_once_per_change_before_the_rerun(fe: FrontEnd) -> None:
    """S2, S3: on_change sees the new value in session_state, once per change, then the rerun."""
    cell = fe.execute(
        "import fragkernel as fk\nevents = []\n"
        "def changed(tag):\n    events.append((tag, fk.session_state.v))\n"
        "@fk.fragment\ndef f():\n"
        "    v = fk.slider('v', 0, 10, key='v', on_change=changed, args=('cb',))\n"
        "    events.append(('run', v))\nf()",
        cell_id="cb",
    )
    slider = fe.find("IntSlider", "v")
    fe.set(slider, value=4)
    fe.sync()
    fe.set(slider, value=6)
    fe.sync()
    assert fe.evaluate("events") == [["run", 0], ["cb", 4], ["run", 4], ["cb", 6], ["run", 6]]
    fe.execute("fk.session_state.v = 9", cell_id="setter")  # S2: shows at once
    fe.sync()
    assert fe.models[slider]["value"] == 9
    assert fe.evaluate("events[-1]") == ["run", 9]
    assert cell.widget_ids
