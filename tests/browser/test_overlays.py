"""Overlays in JupyterLab: dialog, toast, popover, download, status (SPEC M2, M3, D4)."""

from __future__ import annotations

import io
import re
from typing import Any

from playwright.sync_api import expect

DIALOG = """import fragkernel as fk

@fk.dialog("Cast your vote")
def vote(item):
    fk.write(f"Why is {item} your favorite?")
    reason = fk.text_input("Because...")
    if fk.button("Submit"):
        fk.session_state.vote = {"item": item, "reason": reason}
        fk.rerun()

@fk.fragment
def app():
    if "vote" not in fk.session_state:
        fk.write("Vote for your favorite")
        if fk.button("A"):
            vote("A")
    else:
        fk.write(f"You voted for {fk.session_state.vote['item']} because "
                 f"{fk.session_state.vote['reason']}")

app()"""


def _light(page: Any) -> float:
    """The mean brightness of the page's top left corner (the menu bar, away from a dialog)."""
    from PIL import Image

    shot = Image.open(
        io.BytesIO(page.screenshot(clip={"x": 0, "y": 0, "width": 200, "height": 60}))
    )
    pixels = list(shot.convert("L").getdata())
    return sum(pixels) / len(pixels)


def test_dialog_opens_traps_focus_and_closes(open_notebook: Any) -> None:
    """M2: the dialog is a modal over the notebook; Tab stays inside; Escape closes it; a
    submit inside reruns the caller, which closes it."""
    nb = open_notebook("lab", ["%load_ext fragkernel", DIALOG])
    page = nb.page
    expect(page.get_by_role("button", name="A", exact=True)).to_be_visible(timeout=30_000)
    before = _light(page)
    page.get_by_role("button", name="A", exact=True).click()
    dialog = page.get_by_role("dialog", name="Cast your vote")
    expect(dialog).to_be_visible(timeout=20_000)
    expect(dialog).to_have_attribute("aria-modal", "true")
    expect(dialog.get_by_text("Why is A your favorite?")).to_be_visible()
    # the dialog covers the notebook: it is in the browser's top layer
    assert page.evaluate("document.querySelector('.fragkernel-dialog').matches(':popover-open')")
    for _ in range(6):  # focus cycles among the dialog's own controls
        page.keyboard.press("Tab")
        assert page.evaluate(
            "document.querySelector('.fragkernel-dialog-panel').contains(document.activeElement)"
        )
    nb.screenshot("dialog-open")
    # the page behind is dimmed once (to about 55 % of its light), not twice (30 %)
    ratio = _light(page) / before
    assert 0.45 < ratio < 0.65, ratio
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden(timeout=5_000)
    page.get_by_role("button", name="A", exact=True).click()
    expect(dialog).to_be_visible(timeout=20_000)
    dialog.locator("input").fill("it is first")
    dialog.locator("input").press("Enter")
    dialog.get_by_role("button", name="Submit").click()
    expect(dialog).to_be_hidden(timeout=20_000)
    expect(page.get_by_text("You voted for A because it is first")).to_be_visible(timeout=20_000)
    assert nb.unexpected_errors() == []


TOAST = """import fragkernel as fk

@fk.fragment
def app():
    if fk.button("Three cheers"):
        fk.toast("Hip!", duration=2)
        fk.toast("Hooray!", icon="🎉", duration=2)
    with fk.status("Downloading data...", expanded=True) as status:
        fk.write("Searching for data...")
        status.update(label="Download complete!", state="complete")

app()"""


def test_toast_shows_stacks_and_fades_and_status_shows_state(open_notebook: Any) -> None:
    """M3: toasts stack at the bottom right with role=status and fade after their duration;
    a status box shows its state and label."""
    nb = open_notebook("lab", ["%load_ext fragkernel", TOAST])
    page = nb.page
    status = page.locator(".fragkernel-statusbox")
    expect(status).to_have_attribute("data-state", "complete", timeout=30_000)
    expect(status.locator(".fragkernel-statusbox-label")).to_have_text("Download complete!")
    expect(status.get_by_role("status")).to_have_text("Download complete!: complete")
    expect(status.get_by_text("Searching for data...")).to_be_visible()
    page.get_by_role("button", name="Three cheers").click()
    toasts = page.locator(".fragkernel-toast")
    expect(toasts).to_have_count(2, timeout=20_000)
    expect(toasts.nth(0)).to_have_attribute("role", "status")
    expect(toasts.nth(1)).to_contain_text("Hooray!")
    nb.screenshot("toast-shown")
    expect(toasts).to_have_count(0, timeout=6_000)  # faded after 2 s
    status.get_by_role("button", name=re.compile("Download complete!")).click()
    expect(status.get_by_text("Searching for data...")).to_be_hidden()
    assert nb.unexpected_errors() == []


POPOVER = """import fragkernel as fk

@fk.fragment
def app():
    with fk.popover("Open popover"):
        fk.markdown("Hello World 👋")
        name = fk.text_input("What's your name?")
    fk.write("Your name:", name)
    fk.download_button("Download text", "col1,col2\\n1,2\\n", file_name="report.csv",
                       mime="text/csv")

app()"""


def test_popover_opens_and_download_saves_the_bytes(open_notebook: Any) -> None:
    """M3: the popover's button opens a floating container whose widgets work; D4: the
    download saves the right bytes under the right name."""
    nb = open_notebook("lab", ["%load_ext fragkernel", POPOVER])
    page = nb.page
    button = page.get_by_role("button", name=re.compile("Open popover"))
    expect(button).to_be_visible(timeout=30_000)
    panel = page.locator(".fragkernel-popover-panel")
    expect(panel).to_be_hidden()
    button.click()
    expect(panel).to_be_visible(timeout=5_000)
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(panel.get_by_text("Hello World")).to_be_visible()
    panel.locator("input").fill("Ada")
    panel.locator("input").press("Enter")
    expect(page.get_by_text("Your name: Ada")).to_be_visible(timeout=20_000)
    expect(panel).to_be_visible()  # the rerun kept it open
    nb.screenshot("popover-open")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden(timeout=5_000)
    with page.expect_download(timeout=20_000) as info:
        page.get_by_role("button", name="Download text").click()
    download = info.value
    assert download.suggested_filename == "report.csv"
    with open(download.path(), "rb") as saved:
        assert saved.read() == b"col1,col2\n1,2\n"
    assert nb.unexpected_errors() == []
