"""Streamlit's fragments page, run as written with ``import fragkernel as st`` (the seed)."""

from __future__ import annotations

import pytest

from tests.frontend import FrontEnd

HI = """
import fragkernel as st

@st.fragment
def fragment_function():
    if st.button("Hi!"):
        st.write("Hi back!")

fragment_function()
"""


@pytest.mark.vscode  # W2: also in VS Code mode
def test_hi_button_reruns_its_fragment_only(fe: FrontEnd) -> None:
    """F1, F2, F3, F5: the seed's first example."""
    cell = fe.execute(HI, cell_id="hi")
    (area,) = cell.widget_ids
    assert fe.render(area) == "[Button Hi!=None]\n"
    fe.click(fe.find("Button", "Hi!"))
    fe.sync()
    assert fe.render(area) == "[Button Hi!=None]\nHi back!\n"
    # the button is True only in the run its click caused
    fe.execute("x = 1", cell_id="other")
    fe.set(fe.find("Button", "Hi!"), disabled=False)  # an unrelated change reruns nothing
    fe.sync()
    assert "Hi back!" in fe.render(area)
    fe.click(fe.find("Button", "Hi!"))
    fe.sync()
    assert fe.render(area).count("Hi back!") == 1


FLOW = """%%fragment
import fragkernel as st
runs = globals().setdefault("runs", {"app": 0, "toggle_and_text": 0, "filter_and_file": 0})
runs["app"] += 1

st.title("My Awesome App")

@st.fragment()
def toggle_and_text():
    runs["toggle_and_text"] += 1
    cols = st.columns(2)
    cols[0].toggle("Toggle")
    cols[1].text_area("Enter text")

@st.fragment()
def filter_and_file():
    runs["filter_and_file"] += 1
    cols = st.columns(2)
    cols[0].checkbox("Filter")
    cols[1].file_uploader("Upload image")

toggle_and_text()
cols = st.columns(2)
cols[0].selectbox("Select", [1,2,3], None)
cols[1].button("Update")
filter_and_file()
"""


@pytest.mark.vscode  # W2: also in VS Code mode
def test_execution_flow_as_fragment_cell(fe: FrontEnd) -> None:
    """E3, F2, F4, F9: the seed's execution-flow example as a %%fragment cell."""
    cell = fe.execute(FLOW, cell_id="flow")
    (area,) = cell.widget_ids
    assert fe.evaluate("runs") == {"app": 1, "toggle_and_text": 1, "filter_and_file": 1}
    shown = fe.render(area)
    assert "# My Awesome App" in shown
    for control in (
        "ToggleButton Toggle",
        "Textarea Enter text",
        "Checkbox Filter",
        "FileUpload Upload image",
        "Dropdown Select",
        "Button Update",
    ):
        assert control in shown

    text_area = fe.find("Textarea", "Enter text")
    fe.set(text_area, value="typed before")
    fe.sync()
    assert fe.evaluate("runs") == {"app": 1, "toggle_and_text": 2, "filter_and_file": 1}

    fe.set(fe.find("ToggleButton", "Toggle"), value=True)
    fe.sync()
    assert fe.evaluate("runs") == {"app": 1, "toggle_and_text": 3, "filter_and_file": 1}

    fe.set(fe.find("Checkbox", "Filter"), value=True)
    fe.sync()
    assert fe.evaluate("runs") == {"app": 1, "toggle_and_text": 3, "filter_and_file": 2}

    fe.click(fe.find("Button", "Update"))
    fe.sync()
    assert fe.evaluate("runs") == {"app": 2, "toggle_and_text": 4, "filter_and_file": 3}
    # the same models survive every rerun: what was typed and toggled is still there
    assert fe.find("Textarea", "Enter text") == text_area
    assert fe.models[text_area]["value"] == "typed before"
    assert fe.models[fe.find("ToggleButton", "Toggle")]["value"] is True
    assert fe.models[fe.find("Checkbox", "Filter")]["value"] is True
    assert fe.render(area) == shown.replace(
        "ToggleButton Toggle=False", "ToggleButton Toggle=True"
    ).replace("Textarea Enter text=''", "Textarea Enter text='typed before'").replace(
        "Checkbox Filter=False", "Checkbox Filter=True"
    )
