"""Chat and forms in JupyterLab, and the two app-flow example notebooks run by hand (M1, M4).

One JupyterLab server for the module (the session's ``server``); each test opens its own
notebook in its own browser context and leaves a full-page screenshot in ``screenshots/``.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Page, Server, loopback_context

NOTEBOOKS = Path(__file__).parents[2] / "notebooks"

# The last element of the area a person sees (in document order; not the running mark, a
# progress line under everything) is inside the chat input.
CHAT_INPUT_IS_LAST = """area => {
    const input = area.querySelector('.fragkernel-chat-input');
    const marks = '.fragkernel-status, .fragkernel-busy';
    const all = [...area.querySelectorAll('*')].filter(
        e => !e.matches(marks) && !e.closest(marks));
    return input !== null && input.contains(all[all.length - 1]);
}"""


class ExamplePage(Page):
    """A page that also records the browser console's errors (blocked requests aside)."""

    def __init__(self, server: Server, page: Any, frontend: str, name: str) -> None:
        super().__init__(server, page, frontend, name)
        self.console: list[str] = []
        page.on("console", self._record)

    def _record(self, message: Any) -> None:
        if message.type == "error" and "net::ERR_FAILED" not in message.text:
            self.console.append(message.text)


def _wait_idle(nb: Page, timeout: float = 30) -> None:
    """Wait until the notebook's kernel is idle (polls the server, never sleeps the thread)."""
    for _ in range(int(timeout * 4)):
        if nb.server.kernel_idle(nb.name):
            return
        nb.page.wait_for_timeout(250)
    raise TimeoutError("the notebook's kernel never became idle")


ECHO = """import fragkernel as fk

@fk.fragment
def bot():
    if "messages" not in fk.session_state:
        fk.session_state.messages = []
    for message in fk.session_state.messages:
        with fk.chat_message(message["role"]):
            fk.markdown(message["content"])
    if prompt := fk.chat_input("What is up?"):
        for role, text in (("user", prompt), ("assistant", f"Echo: {prompt}")):
            with fk.chat_message(role):
                fk.markdown(text)
            fk.session_state.messages.append({"role": role, "content": text})
    fk.caption(f"{len(fk.session_state.messages)} messages")

bot()"""


def test_chat_input_submits_on_enter(open_notebook: Any) -> None:
    """M4: Enter sends the message: it shows in a chat message above, the box is emptied,
    and the input stays the last thing in the fragment's area, under the messages."""
    nb = open_notebook("lab", ["%load_ext fragkernel", ECHO])
    page = nb.page
    area = page.locator(".fragkernel-fragment")
    box = area.locator(".fragkernel-chat-text input")
    expect(box).to_have_attribute("placeholder", "What is up?", timeout=60_000)
    expect(area.get_by_text("0 messages")).to_be_visible()
    assert area.evaluate(CHAT_INPUT_IS_LAST)

    box.click()
    page.keyboard.type("hello there")
    page.keyboard.press("Enter")
    messages = area.locator(".fragkernel-chat-message")
    expect(messages).to_have_count(2, timeout=20_000)
    expect(messages.nth(0)).to_contain_text("hello there")
    expect(messages.nth(0).get_by_role("img", name="user")).to_be_visible()
    expect(messages.nth(1)).to_contain_text("Echo: hello there")
    expect(area.get_by_text("2 messages")).to_be_visible()
    expect(box).to_have_value("")
    assert area.evaluate(CHAT_INPUT_IS_LAST)
    input_top = area.locator(".fragkernel-chat-input").bounding_box()
    last_message = messages.nth(1).bounding_box()
    assert input_top and last_message and input_top["y"] >= last_message["y"] + 10

    box.click()
    page.keyboard.type("again")
    page.keyboard.press("Enter")
    expect(messages).to_have_count(4, timeout=20_000)
    expect(messages.nth(3)).to_contain_text("Echo: again")
    expect(box).to_have_value("")
    nb.screenshot("chat-enter")
    assert nb.unexpected_errors() == []


def test_chat_input_keeps_the_caret_after_enter(open_notebook: Any) -> None:
    """M4, F4: after Enter the box is empty and still focused, as in Streamlit, so the
    next message can be typed at once."""
    nb = open_notebook("lab", ["%load_ext fragkernel", ECHO])
    page = nb.page
    area = page.locator(".fragkernel-fragment")
    box = area.locator(".fragkernel-chat-text input")
    expect(box).to_have_attribute("placeholder", "What is up?", timeout=60_000)
    box.click()
    page.keyboard.type("hello")
    page.keyboard.press("Enter")
    expect(area.locator(".fragkernel-chat-message")).to_have_count(2, timeout=20_000)
    expect(box).to_be_focused(timeout=2_000)


FORM = """import fragkernel as fk
runs = 0

@fk.fragment
def signup():
    global runs
    runs += 1
    with fk.form("signup"):
        name = fk.text_input("Name")
        age = fk.number_input("Age", 0, 120, 30)
        sent = fk.form_submit_button("Sign up")
    fk.text(f"run {runs}: sent={sent} name={name!r} age={age}")

signup()"""


def test_form_members_rerun_nothing_and_submit_reruns_once(open_notebook: Any) -> None:
    """M1: typing into a form's text box and number box reruns nothing (the run counter
    stays); the submit button reruns the fragment once, which shows both values."""
    nb = open_notebook("lab", ["%load_ext fragkernel", FORM])
    page = nb.page
    area = page.locator(".fragkernel-fragment")
    expect(area.get_by_text("run 1: sent=False name='' age=30")).to_be_visible(timeout=60_000)
    form = area.locator(".fragkernel-form")
    name = form.locator(".widget-text", has_text="Name").locator("input")
    age = form.locator(".widget-text", has_text="Age").locator("input")
    name.click()
    page.keyboard.type("Ada")
    age.click()  # the name box blurs: a stock Text sends its value here
    age.fill("36")
    age.press("Tab")
    expect(name).to_have_value("Ada")
    expect(age).to_have_value("36")
    page.wait_for_timeout(1_000)  # time for a rerun that must not happen
    _wait_idle(nb)
    expect(area.get_by_text("run 1: sent=False name='' age=30")).to_be_visible()

    form.get_by_role("button", name="Sign up").click()
    expect(area.get_by_text("run 2: sent=True name='Ada' age=36")).to_be_visible(timeout=20_000)
    page.wait_for_timeout(1_000)
    _wait_idle(nb)
    expect(area.get_by_text(re.compile(r"^run \d"))).to_have_text(
        "run 2: sent=True name='Ada' age=36"
    )
    expect(name).to_have_value("Ada")  # the members keep what was sent
    nb.screenshot("form-submit")
    assert nb.unexpected_errors() == []


@pytest.fixture
def open_example(
    server: Server, chromium: Any, request: pytest.FixtureRequest
) -> Iterator[Callable[[str], ExamplePage]]:
    """Open one of notebooks/*.ipynb in JupyterLab (a copy in the server's root), Run All."""
    contexts = []
    pages: list[ExamplePage] = []

    def opener(name: str) -> ExamplePage:
        shutil.copy(NOTEBOOKS / name, server.root / name)
        # tall enough that the whole notebook is drawn in one full-page picture
        context = loopback_context(chromium, height=2400)
        contexts.append(context)
        page = ExamplePage(server, context.new_page(), "lab", name)
        pages.append(page)
        page.open()
        return page

    yield opener
    for page in pages:
        with contextlib.suppress(Exception):
            page.screenshot(request.node.name)
    for context in contexts:
        context.close()


def test_chat_notebook_runs_and_answers(open_example: Callable[[str], ExamplePage]) -> None:
    """notebooks/06-chat.ipynb, Run All, then one message: the fake model's answer streams
    into an assistant message under the user's, and Clear empties the history."""
    nb = open_example("06-chat.ipynb")
    page = nb.page
    expect(page.get_by_text('You said "hello".')).to_be_visible(timeout=60_000)
    area = page.locator(".fragkernel-fragment")
    box = area.locator(".fragkernel-chat-text input")
    expect(box).to_have_attribute("placeholder", "Ask the model something", timeout=60_000)
    _wait_idle(nb)
    box.click()
    page.keyboard.type("What is a fragment?")
    page.keyboard.press("Enter")
    messages = area.locator(".fragkernel-chat-message")
    expect(messages).to_have_count(2, timeout=20_000)
    expect(messages.nth(0)).to_contain_text("What is a fragment?")
    expect(messages.nth(1)).to_contain_text('You said "What is a fragment?".', timeout=20_000)
    # the answer streams after the kernel says idle: the area says when its run is over
    expect(area).to_have_attribute("aria-busy", "false", timeout=20_000)
    expect(messages.nth(1)).to_have_text(re.compile(r'You said "What is a fragment\?"\. .+\.'))
    expect(box).to_have_value("")
    assert area.evaluate(CHAT_INPUT_IS_LAST)
    nb.screenshot("notebook-06-chat")
    area.get_by_role("button", name="Clear").click()
    expect(messages).to_have_count(0, timeout=20_000)
    assert nb.unexpected_errors() == []
    assert nb.console == []


def test_forms_and_cache_notebook(open_example: Callable[[str], ExamplePage]) -> None:
    """notebooks/09-forms-and-cache.ipynb, Run All: the loader's cell run again is a cache
    hit; changing the filters reruns nothing until Apply, which reruns the dashboard once."""
    nb = open_example("09-forms-and-cache.ipynb")
    page = nb.page
    area = page.locator(".fragkernel-fragment")
    caption = area.get_by_text(re.compile(r"last \d+ days: run \d+"))
    expect(caption).to_have_text("North, South, East, West, last 90 days: run 1", timeout=60_000)
    expect(page.get_by_text(re.compile(r"1460 rows in 2\.\d\d s"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"cache hit in 0\.0\d\d s"))).to_be_visible()
    _wait_idle(nb)

    loader = page.locator(".jp-CodeCell", has_text="def load_sales")
    loader.locator(".jp-InputArea-prompt").click()
    page.keyboard.press("Control+Enter")  # run the loader's cell again: a hit
    expect(loader.get_by_text(re.compile(r"1460 rows in 0\.0\d s"))).to_be_visible(timeout=20_000)

    form = area.locator(".fragkernel-form")
    last = form.locator(".widget-slider", has_text="Last days").locator(".widget-readout")
    last.fill("30")
    last.press("Enter")
    busy = form.locator(".widget-text", has_text="Min units").locator("input")
    busy.fill("40")
    busy.press("Tab")
    page.wait_for_timeout(1_000)  # time for a rerun that must not happen
    _wait_idle(nb)
    expect(caption).to_have_text("North, South, East, West, last 90 days: run 1")
    form.get_by_role("button", name="Apply").click()
    expect(caption).to_have_text("North, South, East, West, last 30 days: run 2", timeout=20_000)
    expect(area.get_by_text(re.compile(r"of 30$"))).to_be_visible()
    expect(area).to_have_attribute("aria-busy", "false", timeout=20_000)
    nb.screenshot("notebook-09-forms-and-cache")
    assert nb.unexpected_errors() == []
    assert nb.console == []
