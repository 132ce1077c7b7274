"""Layout elements with state, and the layout elements that place their content: expander and
tabs that track state as widgets (``key``, ``on_change``, ``.open``), ``bottom`` and ``grid``
(SPEC D4, E5, S2, F21).
"""

from __future__ import annotations

import pytest

from tests.frontend import FrontEnd

PRELUDE = "import fragkernel as fk\n"


def _fragment(fe: FrontEnd, body: str, cell_id: str = "c") -> str:
    """Run ``body`` as a fragment's body; the id of its area."""
    indented = "\n".join("    " + line for line in body.splitlines())
    cell = fe.execute(f"{PRELUDE}@fk.fragment\ndef f():\n{indented}\nf()", cell_id=cell_id)
    assert cell.error is None, cell.error
    return cell.widget_ids[0]


def _last(fe: FrontEnd, area: str) -> str:
    return fe.render(area).splitlines()[-1]


def test_tracked_expander_binds_its_key_reruns_and_calls_back(fe: FrontEnd) -> None:
    """D4, S2, F21: opening an expander with on_change writes its key, runs the callback at the
    top of the rerun, and ``.open`` tells its state; setting the key opens it."""
    area = _fragment(
        fe,
        "fk.session_state.runs = fk.session_state.get('runs', 0) + 1\n"
        "def changed():\n"
        "    fk.session_state.said = f'now {fk.session_state.summary}'\n"
        "with fk.expander('Open expander', on_change=changed, key='summary') as e:\n"
        "    fk.write('This is the expander')\n"
        "plain = fk.expander('Plain')\n"
        "def toggle():\n"
        "    fk.session_state.summary = not fk.session_state.summary\n"
        "fk.button('Toggle', on_click=toggle)\n"
        "fk.text(repr((fk.session_state.runs, e.open, plain.open, fk.session_state.summary,\n"
        "              fk.session_state.get('said'))))",
    )
    assert _last(fe, area) == "(1, False, None, False, None)"
    accordions = [
        m for m in fe.descendants(area) if fe.models[m]["_model_name"] == "AccordionModel"
    ]
    tracked = next(m for m in accordions if fe.models[m]["titles"] == ["Open expander"])
    assert fe.models[tracked]["selected_index"] is None
    assert "This is the expander" in fe.render(area)  # drawn even while closed
    fe.set(tracked, selected_index=0)  # the person opens it
    fe.sync()
    assert _last(fe, area) == "(2, True, None, True, 'now True')"
    fe.click(fe.find("Button", "Toggle"))  # code sets the key: the expander closes
    fe.sync()
    assert fe.models[tracked]["selected_index"] is None
    assert _last(fe, area).startswith("(") and ", False, None, False, " in _last(fe, area)
    plain = next(m for m in accordions if fe.models[m]["titles"] == ["Plain"])
    fe.set(plain, selected_index=0)  # an untracked expander reruns nothing
    fe.sync()
    assert _last(fe, area).startswith("(3,")


def test_tracked_expander_model_survives_reruns(fe: FrontEnd) -> None:
    """F20: a tracked expander keeps its one model across reruns (the browser keeps it open)."""
    area = _fragment(
        fe,
        "e = fk.expander('More', on_change='rerun')\ne.text('inside')\nfk.text(repr(e.open))",
    )
    accordion = fe.find("Accordion", None, area)
    fe.set(accordion, selected_index=0)
    fe.sync()
    assert _last(fe, area) == "True"
    assert fe.find("Accordion", None, area) == accordion
    assert "inside" in fe.render(area)


def test_tracked_tabs_hold_the_selected_label(fe: FrontEnd) -> None:
    """D4, S2, F21: tabs with on_change keep the selected label in their key; each tab's
    ``.open`` says whether it is selected; setting the key selects a tab."""
    area = _fragment(
        fe,
        "def changed():\n"
        "    fk.session_state.log = fk.session_state.get('log', []) + [fk.session_state.animal]\n"
        "def cat_please():\n"
        "    fk.session_state.animal = 'Cat'\n"
        "fk.button('Cat please', on_click=cat_please)\n"
        "cat, dog, owl = fk.tabs(['Cat', 'Dog', 'Owl'], on_change=changed, key='animal',\n"
        "                        default='Dog')\n"
        "for tab in (cat, dog, owl):\n"
        "    if tab.open:\n"
        "        tab.text('drawing ' + tab._label)\n"
        "fk.text(repr((fk.session_state.animal, [t.open for t in (cat, dog, owl)],\n"
        "              fk.session_state.get('log'))))",
    )
    tab = fe.find("Tab", None, area)
    assert fe.models[tab]["selected_index"] == 1
    assert _last(fe, area) == "('Dog', [False, True, False], None)"
    assert "drawing Dog" in fe.render(area) and "drawing Cat" not in fe.render(area)
    fe.set(tab, selected_index=2)
    fe.sync()
    assert _last(fe, area) == "('Owl', [False, False, True], ['Owl'])"
    assert "drawing Owl" in fe.render(area) and "drawing Dog" not in fe.render(area)
    fe.click(fe.find("Button", "Cat please"))  # code sets the key: the tab follows
    fe.sync()
    assert fe.models[tab]["selected_index"] == 0
    assert _last(fe, area) == "('Cat', [True, False, False], ['Owl'])"


def test_tabs_set_from_session_state_before_drawing(fe: FrontEnd) -> None:
    """S2: a key set before the tabs are drawn selects that tab; an unknown label falls back
    to the default."""
    fe.execute(PRELUDE + "fk.session_state.t = 'B'", cell_id="pre")
    area = _fragment(
        fe, "a, b = fk.tabs(['A', 'B'], key='t', on_change='rerun')\nfk.text(repr(b.open))"
    )
    assert fe.models[fe.find("Tab", None, area)]["selected_index"] == 1
    assert _last(fe, area) == "True"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("fk.expander('x', on_change='sometimes')", "pass a callable"),
        ("fk.expander('x', type='fancy')", "type='fancy'"),
        ("fk.expander('x', bind='url')", "bind='url'"),
        ("fk.expander('x', bind='query-params')", "needs a key"),
        ("fk.tabs(['a', 'b'], on_change=None)", "pass a callable"),
        ("fk.tabs(['a', 1])", "must be a string"),
        ("fk.grid('some')", 'use "auto" or a positive integer'),
        ("fk.grid(25)", "from 1 to 24"),
        ("fk.grid(wrap=False)", "requires an explicit column count"),
        ("fk.grid(3, gap='huge')", "grid gap='huge'"),
        ("fk.grid(3, vertical_alignment='middle')", "vertical_alignment='middle'"),
        ("fk.grid(2).cell(column_span=3)", "more than the grid's 2 columns"),
    ],
)
def test_bad_layout_arguments_raise(fe: FrontEnd, code: str, message: str) -> None:
    """E5: Streamlit's argument checks on the layout elements, with the fix in the message."""
    cell = fe.execute(PRELUDE + code, cell_id="bad", check=False)
    assert cell.error is not None and cell.error["ename"] == "StreamlitAPIException"
    assert message in cell.error["evalue"]


def test_bottom_pins_under_everything_the_run_draws(fe: FrontEnd) -> None:
    """D4: what goes into ``bottom`` shows under everything else of the fragment's area,
    whatever the order of the calls; one bottom container per run."""
    area = _fragment(
        fe,
        "fk.bottom.text('pinned 1')\n"
        "fk.text('body 1')\n"
        "with fk.bottom:\n"
        "    fk.text('pinned 2')\n"
        "fk.text('body 2')\n"
        "if fk.button('again'):\n"
        "    fk.text('body 3')",
    )
    lines = [line for line in fe.render(area).splitlines() if line.strip()]
    assert lines[-2:] == ["pinned 1", "pinned 2"]
    assert lines.index("body 2") < lines.index("pinned 1")
    assert len(fe.with_class("fragkernel-bottom")) == 1
    fe.click(fe.find("Button", "again"))
    fe.sync()
    lines = [line for line in fe.render(area).splitlines() if line.strip()]
    assert lines[-3:] == ["body 3", "pinned 1", "pinned 2"]
    assert len([m for m in fe.with_class("fragkernel-bottom") if fe.is_open(m)]) == 1


def test_grid_puts_each_element_in_its_own_cell(fe: FrontEnd) -> None:
    """D4: each element drawn into a grid is one cell (a GridBox child); ``cell()`` groups
    several elements and spans columns."""
    area = _fragment(
        fe,
        "grid = fk.grid(4, gap=('small', 20), border=True)\n"
        "for label, value in [('Revenue', '$1.2M'), ('Pipeline', '$4.8M'), ('Retention', '96%')]:\n"
        "    grid.metric(label, value)\n"
        "grid.text('one')\n"
        "grid.text('two')\n"
        "with grid.cell(column_span='all'):\n"
        "    fk.markdown('**Featured**')\n"
        "    fk.caption('below')",
    )
    box = fe.find("GridBox", None, area)
    children = [c.removeprefix("IPY_MODEL_") for c in fe.models[box]["children"]]
    assert len(children) == 6  # three metrics, two texts, one grouped cell
    texts = [fe.render(c).strip() for c in children]
    assert texts[3:5] == ["one", "two"] and "Revenue" in texts[0]
    assert "Featured" in texts[5] and "below" in texts[5]
    layout = fe.models[fe.models[box]["layout"].removeprefix("IPY_MODEL_")]
    assert layout["grid_gap"] == "1rem 20px"
    assert (
        (layout["grid_template_columns"])
        == "repeat(auto-fill, minmax(max(min(200px, 100%), (100% - 3 * 20px) / 4), 1fr))"
    )
    assert "fragkernel-grid-border" in fe.models[box]["_dom_classes"]
    cell_layout = fe.models[fe.models[children[5]]["layout"].removeprefix("IPY_MODEL_")]
    assert cell_layout["grid_column"] == "1 / -1"
