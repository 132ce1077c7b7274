"""Forms through a real kernel: batched values, one rerun per submit, Streamlit's errors (M1)."""

from __future__ import annotations

from tests.frontend import Execution, FrontEnd


def _area(fe: FrontEnd, cell: Execution) -> str:
    (area,) = cell.widget_ids
    return fe.render(area)


SIGNUP = """%%fragment
import fragkernel as st
runs["cell"] += 1

@st.fragment
def signup():
    runs["signup"] += 1
    with st.form("signup"):
        name = st.text_input("Name", key="name")
        age = st.slider("Age", 0, 100, 30, key="age")
        sent = st.form_submit_button("Sign up")
    st.write(f"sent={sent} name={name!r} age={age}")

signup()
"""


def test_members_rerun_nothing_until_one_submit_reruns_the_fragment(fe: FrontEnd) -> None:
    """M1, F2: member changes are kept but rerun nothing; a submit reruns the fragment once,
    which sees every value; session_state holds them only from the submit on."""
    fe.execute("runs = {'cell': 0, 'signup': 0}", cell_id="setup-runs")
    cell = fe.execute(SIGNUP, cell_id="signup")
    assert "sent=False name='' age=30" in _area(fe, cell)
    fe.set(fe.find("Text", "Name"), value="Ada")
    fe.sync()
    fe.set(fe.find("IntSlider", "Age"), value=36)
    fe.sync()
    assert fe.evaluate("runs") == {"cell": 1, "signup": 1}
    assert "name=''" in _area(fe, cell)
    assert fe.evaluate("(fk.session_state.name, fk.session_state.age)") == ["", 30]
    fe.click(fe.find("Button", "Sign up"))
    fe.sync()
    assert fe.evaluate("runs") == {"cell": 1, "signup": 2}
    assert "sent=True name='Ada' age=36" in _area(fe, cell)
    assert fe.evaluate("(fk.session_state.name, fk.session_state.age)") == ["Ada", 36]


CLEARING = """
import fragkernel as st
@st.fragment
def note():
    with st.form("note", clear_on_submit=True):
        text = st.text_input("Note")
        st.form_submit_button("Add")
    st.write(f"got {text!r}")
    st.button("redraw")
note()
"""


def test_clear_on_submit_shows_defaults_after_the_run_sees_the_values(fe: FrontEnd) -> None:
    """M1: the submit's run sees the values; the boxes then show their defaults again."""
    cell = fe.execute(CLEARING, cell_id="clearing")
    box = fe.find("Text", "Note")
    fe.set(box, value="milk")
    fe.sync()
    fe.click(fe.find("Button", "Add"))
    fe.sync()
    assert "got 'milk'" in _area(fe, cell)
    assert fe.models[box]["value"] == ""
    fe.click(fe.find("Button", "redraw"))
    fe.sync()
    assert "got ''" in _area(fe, cell)


ENTER = """
import fragkernel as st
@st.fragment
def search():
    with st.form("search"):
        query = st.text_input("Query")
        hit = st.form_submit_button("Go")
    st.write(f"hit={hit} query={query!r}")
search()
"""


def test_enter_in_a_text_box_submits(fe: FrontEnd) -> None:
    """M1: enter_to_submit (the default): Enter in a member's text box submits the form."""
    cell = fe.execute(ENTER, cell_id="enter")
    box = fe.find("Text", "Query")
    fe.set(box, value="otters")
    fe.sync()
    fe.send_raw(box, {"method": "custom", "content": {"event": "submit"}})
    fe.sync()
    assert "hit=True query='otters'" in _area(fe, cell)


def test_streamlits_form_errors(fe: FrontEnd) -> None:
    """M1: nested forms, callbacks on members, submit buttons outside forms, buttons inside,
    a form without a submit button and a duplicate key fail with Streamlit's messages."""
    cases = {
        "with st.form('a'):\n    with st.form('b'):\n        pass": "cannot be nested",
        "with st.form('a'):\n    st.slider('x', on_change=print)\n"
        "    st.form_submit_button()": "callbacks can only be defined",
        "st.form_submit_button('Go')": "must be used inside an `st.form()`",
        "with st.form('a'):\n    st.button('b')": "can't be used in an `st.form()`",
        "with st.form('a'):\n    st.form_submit_button()\n"
        "with st.form('a'):\n    st.form_submit_button()": "multiple elements with the same",
    }
    fe.execute("import fragkernel as st", cell_id="imp")
    for n, (body, message) in enumerate(cases.items()):
        code = "@st.fragment\ndef f():\n" + "".join(f"    {line}\n" for line in body.splitlines())
        cell = fe.execute(code + "f()", cell_id=f"err{n}")
        assert message in _area(fe, cell), body
    cell = fe.execute(
        "@st.fragment\ndef g():\n    with st.form('lonely'):\n        st.slider('s')\ng()",
        cell_id="lonely",
    )
    assert "Missing Submit Button" in _area(fe, cell)


def test_a_plain_cell_form_writes_keys_that_rerun_other_cells(fe: FrontEnd) -> None:
    """M1, S4, F18: a form in a plain cell commits its keys on submit; readers elsewhere rerun."""
    fe.execute(
        "import fragkernel as st\nwith st.form('f'):\n    st.number_input('n', key='n')\n"
        "    st.form_submit_button('Save')",
        cell_id="plain-form",
    )
    reader = fe.execute(
        "@st.fragment\ndef show():\n    st.write(f\"n is {st.session_state['n']}\")\nshow()",
        cell_id="reader",
    )
    fe.set(fe.find("IntText", "n"), value=7)
    fe.sync()
    assert "n is 0" in _area(fe, reader)
    fe.click(fe.find("Button", "Save"))
    fe.sync()
    assert "n is 7" in _area(fe, reader)
