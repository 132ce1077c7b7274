"""Chat and streaming through a real kernel: chat_message, chat_input, write_stream (SPEC M4)."""

from __future__ import annotations

import re
from typing import Any

from tests.frontend import FrontEnd

# Streamlit's "echo bot" (docs: Build a basic LLM chat app), with fk for st.
ECHO_BOT = """
import fragkernel as fk

@fk.fragment
def bot():
    if "messages" not in fk.session_state:
        fk.session_state.messages = []
    for message in fk.session_state.messages:
        with fk.chat_message(message["role"]):
            fk.markdown(message["content"])
    if prompt := fk.chat_input("What is up?", key="chat"):
        fk.session_state.returned = fk.session_state.get("returned", []) + [prompt]
        fk.session_state.key_in_run = fk.session_state.chat
        with fk.chat_message("user"):
            fk.markdown(prompt)
        fk.session_state.messages.append({"role": "user", "content": prompt})
        response = f"Echo: {prompt}"
        with fk.chat_message("assistant"):
            fk.markdown(response)
        fk.session_state.messages.append({"role": "assistant", "content": response})
    fk.button("Other")
bot()
"""


def _children(fe: FrontEnd, model: str) -> list[str]:
    return [c.removeprefix("IPY_MODEL_") for c in fe.models[model].get("children", [])]


def _classes(fe: FrontEnd, model: str) -> tuple[str, ...]:
    return tuple(fe.models[model].get("_dom_classes", ()))


def _messages(fe: FrontEnd, area: str) -> list[tuple[str, str]]:
    """(author, text) of each chat message shown in ``area``, top to bottom."""
    shown = []
    for row in fe.descendants(area):
        if "fragkernel-chat-message" not in _classes(fe, row):
            continue
        avatar, content = _children(fe, row)
        author = re.search(r'aria-label="([^"]*)"', fe.models[avatar]["value"])
        assert author is not None
        shown.append((author[1], fe.render(content).strip()))
    return shown


def _chat_text(fe: FrontEnd, area: str) -> str:
    return next(m for m in fe.descendants(area) if "fragkernel-chat-text" in _classes(fe, m))


def _last_child(fe: FrontEnd, area: str) -> tuple[str, ...]:
    """The classes of the area's last element a person sees (not its running mark)."""
    marks = {"fragkernel-busy", "fragkernel-status"}
    shown = [c for c in _children(fe, area) if not marks & set(_classes(fe, c))]
    return _classes(fe, shown[-1])


def test_echo_bot_enter_submits_once_and_clears_the_box(fe: FrontEnd) -> None:
    """M4: Enter submits; the text comes back once, in its run; the box is emptied; the key
    holds the text in that run and None after; chat_input stays under the messages."""
    cell = fe.execute(ECHO_BOT, cell_id="bot")
    area = cell.widget_ids[0]
    text = _chat_text(fe, area)
    assert fe.models[text]["placeholder"] == "What is up?"
    assert _last_child(fe, area) == ("fragkernel-chat-input",)

    fe.set(text, value="hello")
    fe.flush()
    fe.submit(text)
    fe.sync()
    fe.settle()
    assert _messages(fe, area) == [("user", "hello"), ("assistant", "Echo: hello")]
    assert fe.models[text]["value"] == ""  # cleared for the next message
    # Called before the messages it caused, it is still drawn under them (pinned).
    assert _last_child(fe, area) == ("fragkernel-chat-input",)

    fe.click(fe.find("Button", "Other"))  # another rerun: no new submission
    fe.sync()
    assert _messages(fe, area) == [("user", "hello"), ("assistant", "Echo: hello")]
    assert fe.evaluate("fk.session_state.returned") == ["hello"]
    assert fe.evaluate("fk.session_state.key_in_run") == "hello"
    assert fe.evaluate("fk.session_state.chat") is None

    fe.set(text, value="again")
    fe.flush()
    fe.submit(text)
    fe.sync()
    fe.settle()
    assert [m[1] for m in _messages(fe, area)] == ["hello", "Echo: hello", "again", "Echo: again"]
    assert fe.evaluate("fk.session_state.returned") == ["hello", "again"]


def test_send_button_submits_and_an_empty_box_sends_nothing(fe: FrontEnd) -> None:
    """M4: the send button submits like Enter; an empty box submits nothing."""
    cell = fe.execute(ECHO_BOT, cell_id="bot")
    area = cell.widget_ids[0]
    text = _chat_text(fe, area)
    send = next(m for m in fe.descendants(area) if "fragkernel-chat-send" in _classes(fe, m))
    fe.submit(text)  # nothing typed
    fe.sync()
    fe.settle()
    assert _messages(fe, area) == []
    fe.set(text, value="by click")
    fe.flush()
    fe.click(send)
    fe.sync()
    fe.settle()
    assert _messages(fe, area) == [("user", "by click"), ("assistant", "Echo: by click")]
    assert fe.models[text]["value"] == ""


def test_text_typed_while_the_kernel_is_busy_is_submitted_whole(fe: FrontEnd) -> None:
    """M4: a browser holds back a model's updates until the kernel answers the last one, so
    Enter can arrive before the end of the text typed during a long run; the whole text is
    still what is submitted."""
    cell = fe.execute(ECHO_BOT, cell_id="bot")
    area = cell.widget_ids[0]
    text = _chat_text(fe, area)
    busy = fe.start("import time; time.sleep(1.5)", cell_id="busy")
    fe.set(text, value="h")  # sent; the kernel answers it after the sleep
    fe.set(text, value="hello world")  # held back by the front end until then
    fe.submit(text)  # Enter is not held back
    fe.finish(busy)
    fe.sync()
    fe.settle()
    assert _messages(fe, area) == [("user", "hello world"), ("assistant", "Echo: hello world")]


def test_chat_input_is_inline_in_a_container_and_none_in_a_plain_cell(fe: FrontEnd) -> None:
    """M4: inside a container chat_input is drawn in place; in a plain cell it shows, returns
    None, and a submission there breaks nothing."""
    cell = fe.execute(
        "import fragkernel as fk\n@fk.fragment\ndef f():\n"
        "    box = fk.container()\n"
        "    with box:\n        p = fk.chat_input('inline')\n"
        "    fk.write(f'got {p}')\nf()",
        cell_id="inline",
    )
    area = cell.widget_ids[0]
    assert _last_child(fe, area) == ("fragkernel-output",)
    text = _chat_text(fe, area)
    fe.set(text, value="x")
    fe.flush()
    fe.submit(text)
    fe.sync()
    fe.settle()
    assert fe.render(area).splitlines()[-1] == "got x"

    plain = fe.execute("v = fk.chat_input('plain')\nprint(repr(v))", cell_id="plain")
    assert "None" in plain.text
    box = next(
        m for m in fe.with_class("fragkernel-chat-text") if fe.models[m]["placeholder"] == "plain"
    )
    fe.set(box, value="ignored")
    fe.flush()
    fe.submit(box)
    fe.sync()
    fe.settle()
    assert fe.models[box]["value"] == ""
    assert fe.responsive()


def test_on_submit_runs_first_and_the_key_fills_the_box(fe: FrontEnd) -> None:
    """M4, S3: on_submit runs before the rerun, reading the key; text set on the key from
    code goes in the box unsent, and the key reads None (Streamlit's example 4)."""
    cell = fe.execute(
        "import fragkernel as fk\n"
        "def said():\n    fk.session_state.log = fk.session_state.get('log', []) + "
        "[fk.session_state.c]\n"
        "@fk.fragment\ndef f():\n"
        "    if fk.button('Set'):\n        fk.session_state.c = 'prefilled'\n"
        "    got = fk.chat_input(key='c', on_submit=said)\n"
        "    fk.write(f'got {got} key {fk.session_state.c}')\nf()",
        cell_id="cb",
    )
    area = cell.widget_ids[0]
    text = _chat_text(fe, area)
    fe.click(fe.find("Button", "Set"))
    fe.sync()
    fe.settle()
    assert fe.models[text]["value"] == "prefilled"
    assert "got None key None" in fe.render(area)
    fe.submit(text)
    fe.sync()
    fe.settle()
    assert "got prefilled key prefilled" in fe.render(area)
    assert fe.evaluate("fk.session_state.log") == ["prefilled"]


def test_chat_message_avatars(fe: FrontEnd) -> None:
    """M4: preset avatars for user/human and assistant/ai, an emoji, the name's first letter;
    a message is a row: avatar, then its content column."""
    cell = fe.execute(
        "import fragkernel as fk\n@fk.fragment\ndef f():\n"
        "    for name in ['human', 'ai']:\n        fk.chat_message(name).write(name)\n"
        "    fk.chat_message('bob', avatar='🦖').write('dino')\n"
        "    with fk.chat_message('<carol>'):\n        fk.write('hi')\nf()",
        cell_id="avatars",
    )
    area = cell.widget_ids[0]
    assert _messages(fe, area) == [
        ("human", "human"), ("ai", "ai"), ("bob", "dino"), ("&lt;carol&gt;", "hi")
    ]  # fmt: skip
    rows = [m for m in fe.descendants(area) if "fragkernel-chat-message" in _classes(fe, m)]
    faces = [fe.models[_children(fe, r)[0]]["value"] for r in rows]
    assert "<svg" in faces[0] and "<svg" in faces[1] and faces[0] != faces[1]
    assert "🦖" in faces[2]
    assert ">&lt;</div>" in faces[3]  # the first letter, escaped (U2)


def _outputs_text(state: dict[str, Any]) -> str:
    return "".join(o.get("data", {}).get("text/plain", "") for o in state.get("outputs", []))


def _stream_updates(fe: FrontEnd, start: int) -> list[tuple[str, str]]:
    """(model, text) of every ``outputs`` update received since ``fe.updates[start]``."""
    return [(m, _outputs_text(s)) for m, s in fe.updates[start:] if "outputs" in s]


def test_write_stream_grows_one_element_while_the_run_goes_on(fe: FrontEnd) -> None:
    """M4: the browser sees the text grow in one Output (in a chat message, as LLM apps do)
    while the run is still going (the cell is not finished); it returns the whole text."""
    fe.execute(
        "import fragkernel as fk, time\n"
        "def words():\n    for i in range(12):\n        yield f'w{i} '\n        time.sleep(0.1)\n",
        cell_id="def",
    )
    start = len(fe.updates)
    run = fe.start(
        "@fk.fragment\ndef f():\n    with fk.chat_message('assistant'):\n"
        "        fk.session_state.out = fk.write_stream(words)\nf()",
        cell_id="stream",
    )
    seen_while_running: list[str] = []

    def grown() -> bool:
        seen_while_running[:] = [t for _, t in _stream_updates(fe, start)]
        return len(set(seen_while_running)) >= 3

    assert fe.wait_until(grown, timeout=10)
    assert run.msg_id not in fe.idle  # the run is still going
    fe.finish(run)
    updates = _stream_updates(fe, start)
    assert len({m for m, _ in updates}) == 1  # one element, updated in place
    texts = [t for _, t in updates]
    assert texts == sorted(texts, key=len) and texts[0].startswith("w0")
    assert texts[-1] == "".join(f"w{i} " for i in range(12))
    assert fe.evaluate("fk.session_state.out") == texts[-1]


def test_a_fast_stream_is_throttled_and_complete(fe: FrontEnd) -> None:
    """M4: a fast stream does not flood the browser: about 20 updates a second at most."""
    start = len(fe.updates)
    fe.execute(
        "import fragkernel as fk, time\n@fk.fragment\ndef f():\n"
        "    def fast():\n        t = time.monotonic()\n"
        "        while time.monotonic() - t < 0.5:\n            yield 'x'\n"
        "    fk.session_state.n = len(fk.write_stream(fast()))\nf()",
        cell_id="fast",
    )
    fe.settle()
    updates = _stream_updates(fe, start)
    n = fe.evaluate("fk.session_state.n")
    assert n > 1000
    assert updates[-1][1] == "x" * n
    assert len(updates) <= 20  # 0.5 s at 20 a second, plus the first and the last


def test_openai_style_and_async_streams(fe: FrontEnd) -> None:
    """M4: an OpenAI-style stream (``.choices[0].delta.content``, empty and None chunks
    included) and an async generator are streamed to their whole text."""
    cell = fe.execute(
        "import fragkernel as fk, asyncio\n"
        "from types import SimpleNamespace as NS\n"
        "def chunk(text):\n    return NS(choices=[NS(delta=NS(content=text))])\n"
        "fake = iter([NS(choices=[]), chunk('Hel'), chunk(None), chunk('lo'), chunk('!')])\n"
        "async def agen():\n    for part in ['as', 'ync', ' ok']:\n"
        "        await asyncio.sleep(0.05)\n        yield part\n"
        "@fk.fragment\ndef f():\n"
        "    fk.session_state.a = fk.write_stream(fake)\n"
        "    fk.session_state.b = fk.write_stream(agen)\n"
        "    fk.write(agen())\nf()",
        cell_id="llm",
    )
    assert fe.evaluate("[fk.session_state.a, fk.session_state.b]") == ["Hello!", "async ok"]
    assert fe.render(cell.widget_ids[0]).splitlines() == ["Hello!", "async ok", "async ok"]


def test_mixed_stream_returns_a_list_and_write_streams_generators(fe: FrontEnd) -> None:
    """M4: a non-text chunk ends the text element and is written; the result is a list that
    write draws again; write(generator) streams."""
    cell = fe.execute(
        "import fragkernel as fk\n"
        "def mixed():\n    yield 'before '\n    yield {'k': 1}\n    yield 'after'\n"
        "@fk.fragment\ndef f():\n"
        "    out = fk.write_stream(mixed)\n"
        "    fk.session_state.kinds = [type(x).__name__ for x in out]\n"
        "    fk.write(out)\n"
        "    fk.write(x for x in ['gen', 'erator'])\nf()",
        cell_id="mixed",
    )
    assert fe.evaluate("fk.session_state.kinds") == ["str", "dict", "str"]
    lines = [line.strip() for line in fe.render(cell.widget_ids[0]).splitlines()]
    assert lines.count("before") == 2 and lines.count("after") == 2
    assert lines[-1] == "generator"


def test_write_stream_in_a_plain_cell_and_bad_input(fe: FrontEnd) -> None:
    """M4: in a plain cell the text streams into the cell's output; a string is refused."""
    cell = fe.execute("import fragkernel as fk\nr = fk.write_stream(iter(['a', 'b']))", "plain")
    assert fe.render(cell.widget_ids[0]).strip() == "ab"
    assert fe.evaluate("r") == "ab"
    bad = fe.execute("fk.write_stream('text')", cell_id="bad", check=False)
    assert bad.error is not None and "Use write" in bad.error["evalue"]
