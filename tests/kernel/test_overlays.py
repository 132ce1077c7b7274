"""Overlays and feedback through a real kernel: dialog, status, popover, toast, download
(SPEC M2, M3, D4).
"""

from __future__ import annotations

from tests.frontend import FrontEnd

DIALOG = """
import fragkernel as fk
fk.session_state.runs = {"caller": 0, "body": 0}

@fk.dialog("Edit")
def edit(item):
    fk.session_state.runs["body"] += 1
    name = fk.text_input("Name", key="name")
    fk.write(f"{item}: {name}")
    if fk.button("Save"):
        fk.session_state.saved = name
        fk.rerun()

@fk.fragment
def caller():
    fk.session_state.runs["caller"] += 1
    if fk.button("Open"):
        edit("item")
    fk.write(f"saved={fk.session_state.get('saved')}")

caller()
"""


def _dialogs(fe: FrontEnd) -> list[str]:
    return [m for m in fe.with_class("fragkernel-dialog") if fe.is_open(m)]


def _header(fe: FrontEnd) -> str:
    found = [m for m, s in fe.models.items() if s.get("kind") == "dialog" and fe.is_open(m)]
    assert len(found) == 1, found
    return found[0]


def test_dialog_body_reruns_alone_and_rerun_closes_it(fe: FrontEnd) -> None:
    """M2: the body is a fragment (its widgets rerun it alone); fk.rerun() inside closes the
    dialog and reruns its caller."""
    fe.execute(DIALOG, cell_id="d")
    assert _dialogs(fe) == []
    fe.click(fe.find("Button", "Open"))
    fe.sync()
    assert len(_dialogs(fe)) == 1
    header = _header(fe)
    assert fe.models[header]["is_open"] is True
    assert fe.models[header]["title"] == "Edit"
    assert fe.evaluate("fk.session_state.runs") == {"caller": 2, "body": 1}
    fe.set(fe.find("Text", "Name"), value="Ada")
    fe.sync()
    assert fe.evaluate("fk.session_state.runs") == {"caller": 2, "body": 2}
    assert "item: Ada" in fe.render(_dialogs(fe)[0])
    fe.click(fe.find("Button", "Save"))
    fe.sync()
    assert fe.evaluate("fk.session_state.runs")["caller"] == 3
    assert _dialogs(fe) == []  # closed: the caller's rerun did not open it again
    assert "saved=Ada" in fe.render(fe.with_class("fragkernel-fragment")[0])


def test_one_dialog_at_a_time(fe: FrontEnd) -> None:
    """M2: a second dialog in one run raises Streamlit's error; so does a nested one."""
    cell = fe.execute(
        "import fragkernel as fk\n"
        "@fk.dialog('A')\ndef a():\n    fk.write('a')\n"
        "@fk.dialog('B')\ndef b():\n    fk.write('b')\n"
        "a()\nb()",
        cell_id="two",
        check=False,
    )
    assert cell.error is not None
    assert cell.error["ename"] == "StreamlitAPIException"
    assert "Only one dialog is allowed to be opened at the same time" in cell.error["evalue"]
    nested = fe.execute(
        "@fk.dialog('Outer')\ndef outer():\n    inner()\n"
        "@fk.dialog('Inner')\ndef inner():\n    fk.write('x')\nouter()",
        cell_id="nested",
    )
    assert "Dialogs may not be nested inside other dialogs." in fe.render(nested.widget_ids[0])


def test_dialog_dismissal(fe: FrontEnd) -> None:
    """M2: Escape asks to dismiss: granted only to a dismissible dialog; on_dismiss runs."""
    fe.execute(
        "import fragkernel as fk\n"
        "def gone():\n    fk.session_state.dismissed = True\n"
        "@fk.dialog('Stay', dismissible=False)\ndef stay():\n    fk.write('x')\n"
        "@fk.dialog('Go', on_dismiss=gone)\ndef go():\n    fk.write('y')\n"
        "@fk.fragment\ndef f(which):\n    (stay if which == 'stay' else go)()\n",
        cell_id="def",
    )
    fe.execute("f('stay')", cell_id="stay")
    header = _header(fe)
    fe.send_raw(header, {"method": "custom", "content": {"event": "dismiss"}})
    fe.sync()
    assert fe.models[header]["is_open"] is True  # not dismissible: stays
    fe.execute("f('go')", cell_id="stay")  # the cell again: its old dialog is gone
    header = _header(fe)
    fe.send_raw(header, {"method": "custom", "content": {"event": "dismiss"}})
    fe.sync()
    assert fe.evaluate("fk.session_state.get('dismissed')") is True


def test_status_update_and_states(fe: FrontEnd) -> None:
    """M3: a status is a container with a state; the with block ends it complete or error."""
    cell = fe.execute(
        "import fragkernel as fk\n"
        "@fk.fragment\ndef f():\n"
        "    with fk.status('Downloading data...', expanded=True) as s:\n"
        "        fk.write('Searching for data...')\n"
        "    fk.session_state.after_with = s.state\n"
        "    s.update(label='Done!', state='error', expanded=False)\n"
        "    with fk.status('Second'):\n        fk.write('inside')\n"
        "f()",
        cell_id="s",
    )
    headers = [m for m, s in fe.models.items() if s.get("kind") == "status"]
    assert len(headers) == 2
    first, second = (fe.models[h] for h in headers)
    assert (first["label"], first["state"], first["expanded"]) == ("Done!", "error", False)
    assert (second["label"], second["state"]) == ("Second", "complete")
    assert fe.evaluate("fk.session_state.after_with") == "complete"
    shown = fe.render(cell.widget_ids[0])
    assert "Searching for data..." in shown and "inside" in shown


def test_status_turns_error_when_the_block_raises(fe: FrontEnd) -> None:
    """M3: an exception in the with block marks the status error."""
    fe.execute(
        "import fragkernel as fk\n@fk.fragment\ndef f():\n"
        "    with fk.status('Work'):\n        raise ValueError('boom')\nf()",
        cell_id="e",
    )
    [header] = [s for s in fe.models.values() if s.get("kind") == "status"]
    assert header["state"] == "error"


def test_download_sends_bytes_only_on_click(fe: FrontEnd) -> None:
    """D4: drawing sends no bytes; a click sends them, named and typed; a callable runs then."""
    fe.execute(
        "import fragkernel as fk, io\nfk.session_state.made = 0\n"
        "def report():\n    fk.session_state.made += 1\n"
        "    return 'LAZY-' + str(fk.session_state.made)\n"
        "@fk.fragment\ndef f():\n"
        "    if fk.download_button('Text', 'SECRET-' + 'TEXT-1234', file_name='a.txt'):\n"
        "        fk.write('clicked')\n"
        "    fk.download_button('Lazy', report, file_name='r.csv', mime='text/csv')\n"
        "    fk.download_button('File', io.BytesIO(b'BIN\\x00DATA'), file_name='b.bin')\n"
        "f()",
        cell_id="dl",
    )
    marker = b"SECRET-TEXT-1234"
    assert not any(marker in repr(m).encode() or any(marker in bytes(b) for b in
                   m.get("buffers", [])) for m in fe.log)  # fmt: skip
    assert fe.evaluate("fk.session_state.made") == 0  # the callable waits for the click
    buttons = {s["label"]: m for m, s in fe.models.items() if s.get("kind") == "download"}
    start = len(fe.log)
    fe.click(buttons["Text"])
    fe.sync()
    sent = [m for m in fe.log[start:] if m["header"]["msg_type"] == "comm_msg"
            and m["content"]["data"].get("method") == "custom"
            and m["content"]["comm_id"] == buttons["Text"]]  # fmt: skip
    assert len(sent) == 1
    assert sent[0]["content"]["data"]["content"] == {
        "event": "data", "file_name": "a.txt", "mime": "text/plain"}  # fmt: skip
    assert bytes(sent[0]["buffers"][0]) == marker
    assert "clicked" in fe.render(fe.with_class("fragkernel-fragment")[0])  # reran: True
    for label, expected, mime in (
        ("Lazy", b"LAZY-1", "text/csv"),
        ("File", b"BIN\x00DATA", "application/octet-stream"),
    ):
        start = len(fe.log)
        fe.click(buttons[label])
        fe.sync()
        [msg] = [m for m in fe.log[start:] if m.get("buffers")
                 and m["content"]["comm_id"] == buttons[label]]  # fmt: skip
        assert bytes(msg["buffers"][0]) == expected
        assert msg["content"]["data"]["content"]["mime"] == mime
    assert fe.evaluate("fk.session_state.made") == 1


def test_popover_and_toast(fe: FrontEnd) -> None:
    """M3: a popover holds its elements; a tracked one reports .open and reruns; a toast
    draws one model per call site, shown again on each call."""
    cell = fe.execute(
        "import fragkernel as fk\n"
        "@fk.fragment\ndef f():\n"
        "    with fk.popover('Settings', on_change='rerun', key='pop') as p:\n"
        "        fk.write('inside the popover')\n"
        "    fk.write(f'open={p.open}')\n"
        "    fk.toast('Saved!', icon='🎉')\n"
        "f()",
        cell_id="p",
    )
    area = cell.widget_ids[0]
    assert "inside the popover" in fe.render(area)
    assert "open=False" in fe.render(area)
    [button] = [m for m, s in fe.models.items() if s.get("kind") == "popover"]
    [toast] = [m for m, s in fe.models.items() if s.get("kind") == "toast"]
    assert (fe.models[toast]["body"], fe.models[toast]["shown"]) == ("Saved!", 1)
    fe.set(button, is_open=True)
    fe.sync()
    assert "open=True" in fe.render(area)
    assert fe.evaluate("fk.session_state['pop']") is True
    assert fe.models[toast]["shown"] == 2  # the rerun showed the toast again, same model
