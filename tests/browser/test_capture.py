"""camera_input and audio_input in JupyterLab, with Chromium's fake camera and microphone
(SPEC D4): a photo and a recording reach the kernel; without access, a message says why.

The session's Chromium (tests/browser/conftest.py) has the fake devices: one Playwright per
test session (a second sync Playwright in the same thread refuses to start).
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

CAPTURE = """import fragkernel as fk

@fk.fragment
def app():
    picture = fk.camera_input("Take a picture")
    if picture:
        fk.text(f"photo {picture.type} {picture.getvalue()[:3].hex()} {picture.size > 1000}")
    voice = fk.audio_input("Record a voice message")
    if voice:
        data = voice.getvalue()
        rate = int.from_bytes(data[24:28], "little")
        fk.text(f"voice {voice.type} {data[:4]!r} {rate} {voice.size > 8000}")

app()"""


def test_camera_and_microphone_capture_reach_the_kernel(open_notebook: Any) -> None:
    """D4: the fake camera's frame is taken as a JPEG; the fake microphone's recording
    arrives as a 16 kHz WAV file; each reruns the fragment, which shows what it got."""
    nb = open_notebook("lab", ["%load_ext fragkernel", CAPTURE])
    page = nb.page
    camera = page.get_by_role("group", name="Take a picture")
    expect(camera).to_be_visible(timeout=30_000)
    preview = camera.get_by_label("Take a picture: camera preview")
    expect(preview).to_be_visible(timeout=20_000)
    page.wait_for_function(
        "() => document.querySelector('.fragkernel-camera-preview')?.videoWidth > 0",
        timeout=20_000,
    )
    camera.get_by_role("button", name="Take photo").click()
    expect(page.get_by_text("photo image/jpeg ffd8ff True")).to_be_visible(timeout=20_000)
    expect(camera.get_by_alt_text("Take a picture: the photo taken")).to_be_visible()
    expect(camera.get_by_role("button", name="Clear photo")).to_be_visible()

    mic = page.get_by_role("group", name="Record a voice message")
    mic.get_by_role("button", name="Record").click()
    stop = mic.get_by_role("button", name="Stop recording")
    expect(stop).to_be_visible(timeout=20_000)
    expect(stop).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(1500)
    stop.click()
    expect(page.get_by_text("voice audio/wav b'RIFF' 16000 True")).to_be_visible(timeout=20_000)
    expect(mic.get_by_label("Record a voice message: the recording")).to_be_visible()
    nb.screenshot("capture-taken")

    camera.get_by_role("button", name="Clear photo").click()
    expect(page.get_by_text("photo image/jpeg")).to_be_hidden(timeout=20_000)
    expect(preview).to_be_visible(timeout=20_000)  # the camera runs again
    assert nb.unexpected_errors() == []


NO_ACCESS = """import fragkernel as fk

@fk.fragment
def app():
    if fk.checkbox("Show the inputs"):
        picture = fk.camera_input("Take a picture")
        fk.audio_input("Record a voice message")
        fk.text(f"value {picture}")

app()"""


def test_without_media_access_a_message_says_why(open_notebook: Any) -> None:
    """D4: where the front end gives no camera or microphone (here: no
    ``navigator.mediaDevices``, as on a page that is not a secure context), each widget says
    so in place, as an alert, and its value stays None."""
    nb = open_notebook("lab", ["%load_ext fragkernel", NO_ACCESS])
    page = nb.page
    box = page.get_by_role("checkbox", name="Show the inputs")
    expect(box).to_be_visible(timeout=30_000)
    page.evaluate(
        "Object.defineProperty(navigator, 'mediaDevices', {value: undefined, configurable: true})"
    )
    box.check()
    camera = page.get_by_role("group", name="Take a picture")
    expect(camera.get_by_role("alert")).to_contain_text(
        "No camera access: this page is not a secure context", timeout=20_000
    )
    expect(camera.get_by_role("button", name="Take photo")).to_be_hidden()
    expect(camera.get_by_role("button", name="Try again")).to_be_visible()
    mic = page.get_by_role("group", name="Record a voice message")
    mic.get_by_role("button", name="Record").click()
    expect(mic.get_by_role("alert")).to_contain_text("No microphone access", timeout=10_000)
    expect(page.get_by_text("value None")).to_be_visible()
    nb.screenshot("capture-no-access")
    assert nb.unexpected_errors() == []
