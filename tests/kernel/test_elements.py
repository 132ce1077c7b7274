"""Every widget through the protocol: drawn, changed by the front end, returned, mirrored in
session state; layout holds children; bad values refused (SPEC W1, S2, U1, Elements).
"""

from __future__ import annotations

import pytest

from tests.frontend import FrontEnd

# (call, model, wire state sent by the browser, value the element returns afterwards)
CASES = [
    ("fk.toggle('w', key='k')", "ToggleButton", {"value": True}, True),
    ("fk.checkbox('w', key='k')", "Checkbox", {"value": True}, True),
    ("fk.radio('w', ['a', 'b', 'c'], key='k')", "RadioButtons", {"index": 2}, "c"),
    ("fk.selectbox('w', [1, 2, 3], None, key='k')", "Dropdown", {"index": 1}, 2),
    ("fk.multiselect('w', ['x', 'y', 'z'], key='k')", "SelectMultiple", {"index": [0, 2]},
     ["x", "z"]),
    ("fk.slider('w', 0, 10, 3, key='k')", "IntSlider", {"value": 7}, 7),
    ("fk.slider('w', 0.0, 1.0, 0.5, key='k')", "FloatSlider", {"value": 0.25}, 0.25),
    ("fk.slider('w', 0, 100, (20, 80), key='k')", "IntRangeSlider", {"value": [10, 90]},
     (10, 90)),
    ("fk.slider('w', value=datetime.date(2024, 1, 10), key='k')", "SelectionSlider",
     {"index": 0}, "datetime.date(2023, 12, 27)"),
    ("fk.select_slider('w', ['lo', 'mid', 'hi'], key='k')", "SelectionSlider", {"index": 2},
     "hi"),
    ("fk.number_input('w', 0, 10, 1, key='k')", "BoundedIntText", {"value": 4}, 4),
    ("fk.number_input('w', key='k')", "IntText", {"value": -3}, -3),
    ("fk.text_input('w', key='k')", "Text", {"value": "hello"}, "hello"),
    ("fk.text_input('w', type='password', key='k')", "Password", {"value": "s3cret"}, "s3cret"),
    ("fk.text_area('w', key='k')", "Textarea", {"value": "two\nlines"}, "two\nlines"),
    ("fk.date_input('w', datetime.date(2024, 1, 1), key='k')", "DatePicker",
     {"value": {"year": 2024, "month": 4, "date": 17}}, "datetime.date(2024, 5, 17)"),
    ("fk.time_input('w', datetime.time(8, 0), key='k')", "Time",
     {"value": {"hours": 9, "minutes": 30, "seconds": 0, "milliseconds": 0}},
     "datetime.time(9, 30)"),
    ("fk.color_picker('w', '#00f900', key='k')", "ColorPicker", {"value": "#FF0000"}, "#ff0000"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "model", "wire", "expected"), CASES, ids=[c[1] for c in CASES])
def test_widget_round_trip(
    fe: FrontEnd, call: str, model: str, wire: dict, expected: object
) -> None:
    """W1, S2: each widget is a stock control; its value comes back and sits in state."""
    cell = fe.execute(
        "import fragkernel as fk, datetime\n@fk.fragment\ndef f():\n"
        f"    v = {call}\n    fk.text(repr(v))\n    fk.text(repr(fk.session_state.k))\nf()",
        cell_id="w",
    )
    control = fe.find(model, "w")
    fe.set(control, **wire)
    fe.sync()
    shown = (
        expected
        if isinstance(expected, str) and expected.startswith("datetime")
        else repr(expected)
    )
    assert fe.render(cell.widget_ids[0]).splitlines()[-2:] == [shown, shown]


def test_button_is_true_only_in_its_run(fe: FrontEnd) -> None:
    cell = fe.execute(
        "import fragkernel as fk\n@fk.fragment\ndef f():\n    fk.text(repr(fk.button('w')))\n"
        "    fk.checkbox('other')\nf()",
        cell_id="b",
    )
    area = cell.widget_ids[0]
    fe.click(fe.find("Button", "w"))
    fe.sync()
    assert "True" in fe.render(area)
    fe.set(fe.find("Checkbox", "other"), value=True)
    fe.sync()
    assert "False" in fe.render(area)


def test_uploads_are_checked_in_the_kernel(fe: FrontEnd) -> None:
    """Uploads: size and type limits are checked in the kernel; files come with getvalue()."""
    cell = fe.execute(
        "import fragkernel as fk\n@fk.fragment\ndef f():\n"
        "    files = fk.file_uploader('up', type=['csv'], accept_multiple_files=True,"
        " max_upload_size=1)\n"
        "    fk.text(repr([(u.name, u.size, u.getvalue()[:5]) for u in files]))\nf()",
        cell_id="up",
    )
    up = fe.find("FileUpload", "up")
    big = b"x" * (1024 * 1024 + 1)
    fe.wait_for(fe.upload(up, [("a.csv", "text/csv", b"a,b\n1,2\n"), ("b.txt", "text/plain",
                                b"no"), ("c.csv", "text/csv", big)]))  # fmt: skip
    fe.sync()
    shown = fe.render(cell.widget_ids[0])
    assert shown.splitlines()[-1] == "[('a.csv', 8, b'a,b\\n1')]"
    assert "b.txt: only .csv files are accepted" in shown
    assert "c.csv: 1.0 MB is over the 1 MB limit" in shown


def test_layout_holds_children_and_empty_replaces(fe: FrontEnd) -> None:
    """Layout: columns, tabs, expander, container hold their children; empty() replaces."""
    cell = fe.execute(
        """import fragkernel as fk
@fk.fragment
def f():
    a, b = fk.columns([2, 1])
    a.text("left")
    b.text("right")
    t1, t2 = fk.tabs(["one", "two"])
    t1.text("in one")
    with t2:
        fk.text("in two")
    with fk.expander("more"):
        fk.text("hidden")
    c = fk.container(border=True)
    c.text("boxed")
    slot = fk.empty()
    slot.text("first")
    slot.text("second")
    fk.metric("Temp", "70 F", "-1.2 F")
    bar = fk.progress(10, text="loading")
    bar.progress(0.5, text="half")
    with fk.spinner("working"):
        pass
f()""",
        cell_id="layout",
    )
    shown = fe.render(cell.widget_ids[0])
    for text in ("left", "right", "in one", "in two", "hidden", "boxed", "second", "half 50%",
                 "Temp: 70 F (↓ 1.2 F)"):  # fmt: skip
        assert text in shown
    assert "first" not in shown and "working" not in shown and "loading" not in shown
    tabs = fe.find("Tab")
    assert fe.models[tabs]["titles"] == ["one", "two"]


def test_spinner_is_visible_while_its_block_runs(fe: FrontEnd) -> None:
    fe.execute(
        "import fragkernel as fk, time\n@fk.fragment\ndef f():\n"
        "    with fk.spinner('crunching'):\n        time.sleep(0.5)\n    fk.text('done')\nf()",
        cell_id="spin",
    )
    spinner_shown = any("crunching" in str(state.get("outputs")) for _, state in fe.updates)
    assert spinner_shown


BAD = [
    ("fk.slider('w', 0, 10, key='k')", "IntSlider", {"value": "ten"}, 0),
    ("fk.slider('w', 0, 10, key='k')", "IntSlider", {"value": 99}, 10),
    ("fk.radio('w', ['a', 'b'], key='k')", "RadioButtons", {"index": 7}, "'a'"),
    ("fk.multiselect('w', ['a', 'b'], max_selections=1, key='k')", "SelectMultiple",
     {"index": [0, 1]}, "['a']"),
    ("fk.number_input('w', 0, 5, key='k')", "BoundedIntText", {"value": 50}, 5),
    ("fk.text_input('w', max_chars=3, key='k')", "Text", {"value": 12345}, "''"),
    ("fk.color_picker('w', key='k')", "ColorPicker", {"value": "javascript:1"}, "'#000000'"),
    ("fk.date_input('w', datetime.date(2024, 1, 1), key='k')", "DatePicker",
     {"value": "yesterday"}, "datetime.date(2024, 1, 1)"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "model", "wire", "kept"), BAD, ids=[b[1] for b in BAD])
def test_bad_values_are_refused_and_the_kernel_lives(
    fe: FrontEnd, call: str, model: str, wire: dict, kept: object
) -> None:
    """U1: each widget type refuses or clamps a bad state; state holds a valid value."""
    cell = fe.execute(
        "import fragkernel as fk, datetime\n@fk.fragment\ndef f():\n"
        f"    v = {call}\n    fk.text(repr(v))\nf()",
        cell_id="bad",
    )
    fe.set_and_wait(fe.find(model, "w"), **wire)
    fe.sync()
    assert fe.render(cell.widget_ids[0]).splitlines()[-1] == str(kept)
    assert fe.evaluate("repr(fk.session_state.k)") == str(kept)
