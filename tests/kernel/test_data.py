"""The grid and the data editor through a real kernel: bytes, blocks, selection, edits (SPEC D1,
D2, U1)."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from tests.frontend import FrontEnd

BIG = (
    "import fragkernel as fk, numpy as np, pandas as pd\n"
    "df = pd.DataFrame({'n': np.arange(1_000_000), 'x': np.arange(1_000_000) % 7,\n"
    "                   's': np.array(['a', 'bb', 'ccc', 'dddd'])[np.arange(1_000_000) % 4]})\n"
)


def _bytes(msgs: list[dict[str, Any]]) -> int:
    """What the kernel sent: each message's JSON parts and its binary buffers."""
    keys = ("header", "parent_header", "metadata", "content")
    return sum(
        len(json.dumps({k: m[k] for k in keys}, default=str))
        + sum(len(b) for b in m.get("buffers") or [])
        for m in msgs
    )


def _grid(fe: FrontEnd) -> str:
    (grid,) = fe.with_class("fragkernel-grid")
    return grid


def _to_grid(fe: FrontEnd, grid: str, start: int) -> list[dict[str, Any]]:
    return [
        m
        for m in fe.log[start:]
        if m["header"]["msg_type"] in ("comm_msg", "comm_open")
        and m["content"].get("comm_id") == grid
    ]


def _ask(fe: FrontEnd, grid: str, content: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    """Send a custom message to the grid as its view does; return the grid's reply."""
    start = len(fe.log)
    fe.send_raw(grid, {"method": "custom", "content": content})

    def replies() -> list[dict[str, Any]]:
        return [
            m for m in _to_grid(fe, grid, start) if m["content"]["data"].get("method") == "custom"
        ]

    assert fe.wait_until(lambda: bool(replies()), timeout=30), f"no reply to {content}"
    reply = replies()[0]
    return reply["content"]["data"]["content"], [bytes(b) for b in reply.get("buffers") or []]


def _rows(block: bytes) -> dict[str, list[Any]]:
    return pa.ipc.open_stream(block).read_all().to_pydict()  # type: ignore[no-any-return]


def _head(fe: FrontEnd, grid: str) -> bytes:
    """The first block the grid's first draw carried (a binary buffer of its comm_open)."""
    opened = next(
        m
        for m in fe.log
        if m["header"]["msg_type"] == "comm_open" and m["content"]["comm_id"] == grid
    )
    paths = opened["content"]["data"]["buffer_paths"]
    return bytes(opened["buffers"][paths.index(["head"])])


def test_first_draw_of_a_million_rows_is_small_and_a_rerun_sends_nothing(fe: FrontEnd) -> None:
    """D1: the first draw of a 1,000,000-row frame is under 1 MB (schema, row count, first
    block); a rerun caused by another widget, with the same frame, sends nothing to the grid."""
    fe.execute(BIG, cell_id="data")
    start = len(fe.log)
    cell = fe.execute(
        "@fk.fragment\ndef f():\n    v = fk.slider('v', 0, 10, 0)\n    fk.dataframe(df)\n"
        "    fk.text(f'v={v}')\nf()",
        cell_id="grid",
    )
    first = [m for m in fe.log[start:] if m["header"]["msg_type"] != "status"]
    assert _bytes(first) < 100_000  # the data's first rows; the grid's code comes once a page
    grid = _grid(fe)
    state = fe.models[grid]
    assert state["rows"] == 1_000_000
    assert [c["name"] for c in state["schema"]] == ["", "n", "x", "s"]
    head = _rows(_head(fe, grid))
    assert head["c0"][:3] == [0, 1, 2] and len(head["c0"]) == 100
    before = len(fe.log)
    fe.set(fe.find("IntSlider", "v"), value=3)
    fe.sync()
    assert "v=3" in fe.render(cell.widget_ids[0])
    assert _to_grid(fe, grid, before) == []  # not one message, not one byte for the grid
    fe.execute("df = df.copy()", cell_id="copy")  # an equal copy (as cache_data returns)
    before = len(fe.log)
    fe.set(fe.find("IntSlider", "v"), value=4)
    fe.sync()
    assert "v=4" in fe.render(cell.widget_ids[0])
    assert _to_grid(fe, grid, before) == []


def test_the_grid_code_is_sent_on_request_not_with_each_grid(fe: FrontEnd) -> None:
    """D1: a grid model carries a small loader; the grid's script and style (~0.5 MB) go to
    the page once, when its first grid asks for them, as binary buffers."""
    fe.execute("import fragkernel as fk\nfk.dataframe({'a': [1]})\nfk.dataframe({'b': [2]})")
    first, second = fe.with_class("fragkernel-grid")
    for grid in (first, second):
        assert len(fe.models[grid]["_esm"]) < 2_000
        assert fe.models[grid]["code_version"] == fe.models[first]["code_version"]
    reply, buffers = _ask(fe, first, {"event": "code"})
    assert reply == {"event": "code"}
    assert b"export" in buffers[0] and len(buffers[0]) > 100_000  # the bundled grid
    assert b"gdg" in buffers[1]  # Glide's style


def test_a_changed_frame_is_sent_again_bounded(fe: FrontEnd) -> None:
    """D1: a rerun that changes the frame sends its new schema, row count and first block."""
    fe.execute(BIG, cell_id="data")
    fe.execute(
        "@fk.fragment\ndef f():\n    k = fk.slider('k', 1, 1_000_000, 1_000_000)\n"
        "    fk.dataframe(df.head(k))\nf()",
        cell_id="grid",
    )
    grid = _grid(fe)
    before = len(fe.log)
    fe.set(fe.find("IntSlider", "k"), value=5)
    fe.sync()
    assert fe.models[grid]["rows"] == 5
    assert 0 < _bytes(_to_grid(fe, grid, before)) < 10_000


def test_blocks_are_served_after_a_sort_and_stale_or_bad_requests_refused(fe: FrontEnd) -> None:
    """D1, U1: the browser asks for the last rows of the frame sorted on a column; the kernel
    sorts the full frame and answers with those rows and their original positions. A request
    too large or naming an unknown column is refused with a message; the kernel keeps going."""
    fe.execute(BIG, cell_id="data")
    fe.execute("fk.dataframe(df)", cell_id="grid")
    grid = _grid(fe)
    reply, buffers = _ask(
        fe, grid,
        {"event": "rows", "id": 7, "start": 999_998, "end": 1_000_000, "sort": [["c1", "desc"]],
         "version": fe.models[grid]["version"]},
    )  # fmt: skip
    assert reply["event"] == "rows" and reply["id"] == 7 and reply["end"] == 1_000_000
    rows = _rows(buffers[0])
    assert rows["c1"] == [0, 0]  # x descending: the zeros come last, in their frame order
    assert rows["_pos"] == [999_992, 999_999] == rows["c0"]
    reply, _ = _ask(fe, grid, {"event": "rows", "id": 8, "start": 0, "end": 50_000})
    assert reply["event"] == "refused" and "at most 2000 rows" in reply["message"]
    reply, _ = _ask(fe, grid, {"event": "rows", "id": 9, "start": 0, "end": 5,
                               "sort": [["nope", "asc"]]})  # fmt: skip
    assert reply["event"] == "refused" and "nope" in reply["message"]
    assert fe.responsive()


def test_selection_returns_streamlits_object_and_reruns_the_fragment(fe: FrontEnd) -> None:
    """D1: selecting a row in the browser's sorted view reruns the fragment, which gets
    Streamlit's selection object with the row's original position; the key holds it too."""
    fe.execute(
        "import fragkernel as fk, pandas as pd\n"
        "df = pd.DataFrame({'name': ['Ada', 'Bob', 'Cy'], 'age': [36, 41, 25]})\n"
        "@fk.fragment\ndef f():\n"
        "    event = fk.dataframe(df, key='pick', on_select='rerun')\n"
        "    fk.text(repr(event))\n    fk.text(f'rows={event.selection.rows}')\nf()",
        cell_id="grid",
    )
    grid = _grid(fe)
    assert fe.models[grid]["options"]["selection_modes"] == ["multi-row"]
    fe.send_raw(grid, {"method": "custom", "content": {
        "event": "select", "rows": [0, 2], "sort": [["c1", "desc"]],
        "version": fe.models[grid]["version"]}})  # fmt: skip
    fe.sync()
    shown = _area(fe)
    assert "rows=[1, 2]" in shown, shown
    assert fe.evaluate("fk.session_state.pick['selection']['rows']") == [1, 2]
    assert fe.models[grid]["selection"]["selection"]["rows"] == [1, 2]  # shown in the browser


def test_programmatic_selection_and_ignore_mode(fe: FrontEnd) -> None:
    """D1: a selection set through session_state is checked and shown; two plain dataframes
    in one fragment are no duplicate widgets and return None (on_select='ignore')."""
    fe.execute(
        "import fragkernel as fk, pandas as pd\n"
        "df = pd.DataFrame({'a': [1, 2, 3]})\n"
        "fk.session_state.pick = {'selection': {'rows': [2, 9]}}\n"
        "@fk.fragment\ndef f():\n"
        "    e = fk.dataframe(df, key='pick', on_select='rerun', selection_mode='single-row')\n"
        "    fk.text(f'rows={e.selection.rows}')\n"
        "    fk.text(repr((fk.dataframe(df), fk.dataframe(df))))\nf()",
        cell_id="grid",
    )
    fe.sync()
    shown = _area(fe)
    assert "rows=[2]" in shown and "(None, None)" in shown, shown
    assert len(fe.with_class("fragkernel-grid")) == 3


def _area(fe: FrontEnd) -> str:
    """What the fragments' areas show, as text."""
    return "".join(fe.render(w) for w in fe.with_class("fragkernel-fragment"))


EDITOR = (
    "import fragkernel as fk, pandas as pd\n"
    "df = pd.DataFrame({'command': ['st.selectbox', 'st.balloons'], 'rating': [4, 5]})\n"
    "@fk.fragment\ndef f():\n"
    "    v = fk.slider('v', 0, 10, 0)\n"
    "    edited = fk.data_editor(df, key='edits', num_rows='dynamic')\n"
    "    fk.text(f'v={v} sum={edited.rating.sum()} rows={len(edited)} '\n"
    "            f'type={type(edited).__name__}')\nf()"
)


def test_editor_edits_live_in_the_key_and_survive_reruns(fe: FrontEnd) -> None:
    """D2: a cell edit and an added row land in the key's edit dict and in the returned frame
    (a DataFrame); an unrelated rerun keeps them; the browser's blocks show them."""
    fe.execute(EDITOR, cell_id="edit")
    grid = _grid(fe)
    version = fe.models[grid]["version"]
    fe.send_raw(grid, {"method": "custom", "content": {
        "event": "edit", "row": 1, "column": "c1", "value": "10", "version": version}})  # fmt: skip
    fe.sync()
    assert "sum=14 rows=2 type=DataFrame" in _area(fe)
    fe.send_raw(grid, {"method": "custom", "content": {
        "event": "add", "version": fe.models[grid]["version"]}})  # fmt: skip
    fe.sync()
    fe.send_raw(grid, {"method": "custom", "content": {
        "event": "edit", "row": 2, "column": "c1", "value": 1,
        "version": fe.models[grid]["version"]}})  # fmt: skip
    fe.sync()
    assert fe.evaluate("fk.session_state.edits") == {
        "edited_rows": {"1": {"rating": 10}}, "added_rows": [{"rating": 1}], "deleted_rows": []
    }  # fmt: skip
    assert "sum=15 rows=3" in _area(fe)
    fe.set(fe.find("IntSlider", "v"), value=2)
    fe.sync()
    assert "v=2 sum=15 rows=3" in _area(fe)
    _, buffers = _ask(fe, grid, {"event": "rows", "id": 1, "start": 0, "end": 3})
    assert _rows(buffers[0])["c1"] == [4, 10, 1] and _rows(buffers[0])["_pos"] == [0, 1, 2]


def test_bad_edit_is_refused_with_a_message_and_nothing_stored(fe: FrontEnd) -> None:
    """D2, U1: a word in a number column is refused with a message for the cell; the edit
    dict, the returned frame and the fragment are unchanged; a malformed edit is refused too."""
    fe.execute(EDITOR, cell_id="edit")
    grid = _grid(fe)
    runs_before = _area(fe)
    reply, _ = _ask(fe, grid, {"event": "edit", "row": 0, "column": "c1", "value": "lots",
                               "version": fe.models[grid]["version"]})  # fmt: skip
    assert reply == {
        "event": "refused",
        "of": "edit",
        "row": 0,
        "column": "c1",
        "message": "'lots' is not a whole number: column 'rating' holds numbers.",
    }
    reply, _ = _ask(fe, grid, {"event": "edit", "row": 99, "column": "c1", "value": 1,
                               "version": fe.models[grid]["version"]})  # fmt: skip
    assert reply["event"] == "refused" and "no row 99" in reply["message"]
    fe.sync()
    assert fe.evaluate("fk.session_state.edits") == {
        "edited_rows": {},
        "added_rows": [],
        "deleted_rows": [],
    }
    assert _area(fe) == runs_before and "sum=9" in runs_before
    assert fe.responsive()


def test_disabled_editor_and_fixed_rows_refuse_changes(fe: FrontEnd) -> None:
    """D2: ``disabled=True`` refuses every edit; ``num_rows='fixed'`` refuses new rows."""
    fe.execute(
        "import fragkernel as fk, pandas as pd\n"
        "out = fk.data_editor(pd.DataFrame({'a': [1]}), disabled=True, key='e')",
        cell_id="edit",
    )
    grid = _grid(fe)
    version = fe.models[grid]["version"]
    reply, _ = _ask(fe, grid, {"event": "edit", "row": 0, "column": "c0", "value": 2,
                               "version": version})  # fmt: skip
    assert reply["message"] == "column 'a' is disabled."
    reply, _ = _ask(fe, grid, {"event": "add", "version": version})
    assert "cannot be added" in reply["message"]


def test_selection_callback_and_read_only_range_index(fe: FrontEnd) -> None:
    """D1, D2: ``on_select=callable`` runs the callback before the rerun; an editor's range
    index (the row numbers) cannot be edited, its data columns can."""
    fe.execute(
        "import fragkernel as fk, pandas as pd\n"
        "df = pd.DataFrame({'a': [1, 2, 3]})\nseen = []\n"
        "@fk.fragment\ndef f():\n"
        "    fk.dataframe(df, key='s', on_select=lambda: seen.append(fk.session_state.s))\n"
        "    fk.data_editor(df, key='e')\nf()",
        cell_id="grid",
    )
    table, editor = fe.with_class("fragkernel-grid")
    fe.send_raw(table, {"method": "custom", "content": {
        "event": "select", "positions": [2], "version": fe.models[table]["version"]}})  # fmt: skip
    fe.sync()
    assert fe.evaluate("[s['selection']['rows'] for s in seen]") == [[2]]
    reply, _ = _ask(fe, editor, {"event": "edit", "row": 0, "column": "i0", "value": 5,
                                 "version": fe.models[editor]["version"]})  # fmt: skip
    assert reply["message"] == "column '_index' is disabled."


def test_write_draws_data_as_the_grid(fe: FrontEnd) -> None:
    """D1: ``write`` of a DataFrame, Series, Styler, 2-D numpy array, pyarrow table (or
    anything with ``to_pandas()``) draws the interactive grid, as Streamlit's ``st.write``
    draws ``st.dataframe``; a dict of plain values stays JSON. A rerun with the same data
    sends the grids nothing."""
    fe.execute(
        "import fragkernel as fk, numpy as np, pandas as pd, pyarrow as pa\n"
        "df = pd.DataFrame({'a': [1, 2, 3], 'b': ['x', 'y', 'z']})\n"
        "class Lazy:\n    def to_pandas(self):\n        return pd.DataFrame({'lazy': [7]})\n"
        "@fk.fragment\ndef f():\n    v = fk.slider('v', 0, 10, 0)\n"
        "    fk.write('data:', df, df['a'], df.style, np.arange(6).reshape(2, 3),\n"
        "             pa.table({'t': [1.5]}), Lazy(), {'plain': 1})\n"
        "f()",
        cell_id="write",
    )
    grids = fe.with_class("fragkernel-grid")
    assert len(grids) == 6
    names = [[c["name"] for c in fe.models[g]["schema"] if not c["index"]] for g in grids]
    assert names == [["a", "b"], ["a"], ["a", "b"], ["0", "1", "2"], ["t"], ["lazy"]]
    assert [fe.models[g]["rows"] for g in grids] == [3, 3, 3, 2, 1, 1]
    assert _rows(_head(fe, grids[3]))["c2"] == [2, 5]
    area = _area(fe)
    assert "data:" in area and "plain" in area  # the text and the dict's JSON
    start = len(fe.log)
    fe.set(fe.find("IntSlider", "v"), value=3)
    fe.sync()
    assert not any(_to_grid(fe, g, start) for g in grids)
    assert fe.with_class("fragkernel-grid") == grids
