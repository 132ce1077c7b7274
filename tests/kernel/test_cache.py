"""Caching through a real kernel: re-run cells, fragments that rerun, spinners (SPEC C1, C2)."""

from __future__ import annotations

import time

import pytest

from tests.frontend import Execution, FrontEnd
from tests.streamlit_docs import examples

st = pytest.importorskip("streamlit")

LOAD = """
import fragkernel as st
computed = globals().setdefault("computed", [])

@st.cache_data
def load(n):
    computed.append(n)
    return list(range(n)){suffix}

rows = load(3)
print(rows)
"""


def _printed(cell: Execution) -> str:
    """What the cell printed (a miss's spinner leaves an empty container before it)."""
    return "".join(o["text"] for o in cell.outputs if o["output_type"] == "stream").strip()


def test_running_a_cell_again_hits_the_cache_and_a_changed_body_misses(fe: FrontEnd) -> None:
    """C1: the same cell run twice computes once; editing the function's body recomputes."""
    first = fe.execute(LOAD.format(suffix=""), cell_id="load")
    again = fe.execute(LOAD.format(suffix=""), cell_id="load")
    assert _printed(first) == _printed(again) == "[0, 1, 2]"
    assert fe.evaluate("computed") == [3]
    edited = fe.execute(LOAD.format(suffix=" + [99]"), cell_id="load")
    assert _printed(edited) == "[0, 1, 2, 99]"
    assert fe.evaluate("computed") == [3, 3]
    fe.execute("load.clear()\nprint(load(3))", cell_id="clear")
    assert fe.evaluate("computed") == [3, 3, 3]


FRAGMENT = """
import fragkernel as st, time
computed = []

@st.cache_data
def squares(n):
    computed.append(n)
    time.sleep({delay})
    return [i * i for i in range(n)]

@st.fragment
def view():
    n = st.slider("rows", 1, 10, 3)
    scale = st.slider("scale", 1, 5, 1)
    st.write(f"sum = {{sum(squares(n)) * scale}}")

view()
"""


def test_a_fragment_rerun_reuses_the_cached_result(fe: FrontEnd) -> None:
    """C1: moving a slider that does not change the argument reruns without recomputing."""
    cell = fe.execute(FRAGMENT.format(delay=0), cell_id="frag")
    area = cell.widget_ids[0]
    assert "sum = 5" in fe.render(area)
    fe.set(fe.find("IntSlider", "scale"), value=3)
    fe.sync()
    assert "sum = 15" in fe.render(area)
    assert fe.evaluate("computed") == [3]
    fe.set(fe.find("IntSlider", "rows"), value=4)
    fe.sync()
    assert "sum = 42" in fe.render(area)
    assert fe.evaluate("computed") == [3, 4]


APP = """%%fragment
import fragkernel as st
@st.cache_data
def double(n):
    computed.append(n)
    return n * 2
n = st.slider("n", 0, 10, 3)
st.write(f"value {double(n)}")
"""


def test_an_app_cell_reruns_with_its_cache(fe: FrontEnd) -> None:
    """C1, E3: a ``%%fragment`` cell redefines its cached function on every rerun, and
    still hits: back to an earlier value, and running the whole cell again, compute nothing."""
    fe.execute("computed = []", cell_id="init")
    cell = fe.execute(APP, cell_id="app")
    fe.set(fe.find("IntSlider", "n"), value=4)
    fe.sync()
    fe.set(fe.find("IntSlider", "n"), value=3)
    fe.sync()
    assert "value 6" in fe.render(cell.widget_ids[0])
    fe.execute(APP, cell_id="app")
    assert fe.evaluate("computed") == [3, 4]


def _spinner_updates(fe: FrontEnd, text: str) -> int:
    return sum(text in str(state.get("outputs")) for _, state in fe.updates)


def test_a_slow_miss_shows_the_spinner_and_a_hit_does_not(fe: FrontEnd) -> None:
    """C1: "Running `squares(...)`." shows while a miss computes, inside the fragment's area."""
    cell = fe.execute(FRAGMENT.format(delay=0.4), cell_id="spin")
    area = cell.widget_ids[0]
    assert _spinner_updates(fe, "Running `squares(...)`.") >= 1
    assert "Running" not in fe.render(area), "the spinner stays after the miss"
    seen = len(fe.updates)
    fe.set(fe.find("IntSlider", "scale"), value=2)
    fe.sync()
    assert "sum = 10" in fe.render(area)
    assert not any("Running" in str(state.get("outputs")) for _, state in fe.updates[seen:])
    fe.set(fe.find("IntSlider", "rows"), value=5)
    fe.sync()
    assert "sum = 60" in fe.render(area)
    assert any("Running `squares(...)`." in str(s.get("outputs")) for _, s in fe.updates[seen:])


def test_show_spinner_text_and_false(fe: FrontEnd) -> None:
    """C1: ``show_spinner="..."`` shows that text; ``show_spinner=False`` shows none."""
    fe.execute(
        "import fragkernel as st, time\n"
        "@st.cache_data(show_spinner='Fetching rows')\ndef a():\n    time.sleep(0.3)\n"
        "@st.cache_data(show_spinner=False)\ndef b():\n    time.sleep(0.3)\n"
        "@st.fragment\ndef f():\n    a()\n    b()\n    st.write('done')\nf()",
        cell_id="texts",
    )
    assert _spinner_updates(fe, "Fetching rows") >= 1
    assert _spinner_updates(fe, "Running") == 0


def test_a_spinner_in_a_plain_cell(fe: FrontEnd) -> None:
    """C1: a miss in a cell outside any fragment shows the spinner in the cell's output."""
    cell = fe.execute(
        "import fragkernel as st, time\n@st.cache_data\ndef slow():\n    time.sleep(0.3)\n"
        "    return 1\nprint(slow())",
        cell_id="plain",
    )
    assert _spinner_updates(fe, "Running `slow()`.") >= 1
    assert "1" in cell.text and "Running" not in "".join(fe.render(w) for w in cell.widget_ids)


def test_a_resource_is_shared_across_cells_and_fragments(fe: FrontEnd) -> None:
    """C2: one object for every caller: a fragment and a later cell see the same one."""
    cell = fe.execute(
        "import fragkernel as st\n@st.cache_resource\ndef connect(url):\n"
        "    return {'url': url, 'opened': 1}\n"
        "@st.fragment\ndef f():\n    conn = connect('db://x')\n    conn['opened'] += 0\n"
        "    st.write(f\"id {id(conn) == id(connect('db://x'))}\")\nf()",
        cell_id="res",
    )
    assert "id True" in fe.render(cell.widget_ids[0])
    assert fe.evaluate("connect('db://x') is connect('db://x')") is True
    assert fe.evaluate("connect('db://x')['url']") == "db://x"


@pytest.mark.parametrize("name", ["cache_data", "cache_resource"])
def test_streamlits_async_example_with_await_in_the_cell(fe: FrontEnd, name: str) -> None:
    """C1, C2: Streamlit's ``async def`` example, with ``asyncio.run(main())`` (which a
    kernel's running event loop refuses) written ``await main()``: the second run hits."""
    (source,) = [e for e in examples(getattr(st, name)._decorator) if "asyncio.run(" in e]
    cell = source.replace("import streamlit as st", "import fragkernel as st").replace(
        "asyncio.run(main())", "await main()"
    )
    timings = []
    for _ in range(2):
        began = time.monotonic()
        ran = fe.execute(cell, cell_id=f"async-{name}")
        timings.append(time.monotonic() - began)
        assert '"env": "prod"' in ran.text
    assert timings[0] >= 1.0 and timings[1] < 0.9, timings  # the example sleeps 1 s
