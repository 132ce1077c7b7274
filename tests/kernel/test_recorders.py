"""camera_input and audio_input through a real kernel (SPEC D4, E5, S2, F21): the browser's
capture arrives as bytes in a custom message and comes back as an ``UploadedFile``.
"""

from __future__ import annotations

from typing import Any

from tests.frontend import FrontEnd

PRELUDE = "import fragkernel as fk\n"
JPEG = b"\xff\xd8\xff\xe0" + b"fake-jpeg" * 10
WAV = b"RIFF" + b"\x00" * 40


def _fragment(fe: FrontEnd, body: str, cell_id: str = "c") -> str:
    indented = "\n".join("    " + line for line in body.splitlines())
    cell = fe.execute(f"{PRELUDE}@fk.fragment\ndef f():\n{indented}\nf()", cell_id=cell_id)
    return cell.widget_ids[0]


def _capture_model(fe: FrontEnd, kind: str) -> str:
    [model] = [m for m, s in fe.models.items() if s.get("kind") == kind and fe.is_open(m)]
    return model


def _send(fe: FrontEnd, model: str, content: dict[str, Any], data: bytes | None = None) -> None:
    """What the view sends: a custom message, with the capture's bytes as its one buffer."""
    msg = fe.kc.session.msg(
        "comm_msg", {"comm_id": model, "data": {"method": "custom", "content": content}}
    )
    fe.kc.session.send(fe.kc.shell_channel.socket, msg, buffers=[data] if data else [])
    fe._unanswered.add(str(msg["header"]["msg_id"]))


def _last(fe: FrontEnd, area: str) -> str:
    return fe.render(area).splitlines()[-1]


def test_camera_input_returns_the_photo_and_clears(fe: FrontEnd) -> None:
    """D4: a photo taken in the browser reruns the fragment and comes back as a JPEG file;
    "Clear photo" gives None again; the key holds it and the callback runs (S2, F21)."""
    area = _fragment(
        fe,
        "def took():\n"
        "    fk.session_state.calls = fk.session_state.get('calls', 0) + 1\n"
        "picture = fk.camera_input('Take a picture', key='pic', on_change=took,\n"
        "                          resolution='720p', help='smile')\n"
        "fk.text(repr(None if picture is None else\n"
        "             (picture.name, picture.type, picture.size, picture.getvalue()[:4],\n"
        "              fk.session_state.pic is picture or fk.session_state.pic == picture,\n"
        "              fk.session_state.get('calls'))))",
    )
    assert _last(fe, area) == "None"
    camera = _capture_model(fe, "camera")
    state = fe.models[camera]
    assert (state["label"], state["resolution"], state["help"]) == ("Take a picture", 720, "smile")
    _send(fe, camera, {"event": "capture", "mime": "image/jpeg"}, JPEG)
    fe.sync()
    assert _last(fe, area) == repr(("image.jpg", "image/jpeg", len(JPEG), JPEG[:4], True, 1))
    assert fe.models[camera]["captured"] == 1
    _send(fe, camera, {"event": "clear"})
    fe.sync()
    assert _last(fe, area) == "None"
    assert fe.evaluate("fk.session_state.pic is None") is True


def test_capture_refuses_what_is_not_its_kind(fe: FrontEnd) -> None:
    """U1: a camera takes images only, a recorder audio only; a malformed message or a
    capture sent to a disabled widget changes nothing and raises nothing."""
    area = _fragment(
        fe,
        "p = fk.camera_input('cam')\n"
        "a = fk.audio_input('mic', disabled=True)\n"
        "fk.text(repr((p, a)))",
    )
    camera, mic = _capture_model(fe, "camera"), _capture_model(fe, "audio")
    _send(fe, camera, {"event": "capture", "mime": "audio/wav"}, WAV)
    _send(fe, camera, {"event": "capture", "mime": "image/jpeg"})  # no bytes
    _send(fe, camera, {"nonsense": 1})
    _send(fe, mic, {"event": "capture", "mime": "audio/wav"}, WAV)  # disabled
    fe.sync()
    assert _last(fe, area) == "(None, None)"
    assert fe.models[camera]["captured"] == 0 and fe.models[mic]["captured"] == 0
    assert fe.responsive()


def test_audio_input_returns_the_wav_recording(fe: FrontEnd) -> None:
    """D4: a recording comes back as a WAV file; ``sample_rate`` goes to the browser."""
    area = _fragment(
        fe,
        "rec = fk.audio_input('Record a voice message', sample_rate=None)\n"
        "fk.text(repr(rec and (rec.name, rec.type, rec.read())))",
    )
    mic = _capture_model(fe, "audio")
    assert fe.models[mic]["sample_rate"] == 0 and fe.models[mic]["label"] == (
        "Record a voice message"
    )
    _send(fe, mic, {"event": "capture", "mime": "audio/wav"}, WAV)
    fe.sync()
    assert _last(fe, area) == repr(("audio.wav", "audio/wav", WAV))


def test_capture_values_cannot_be_set_and_arguments_are_checked(fe: FrontEnd) -> None:
    """S2 and E5: as in Streamlit, code may not set a capture widget's key; bad resolution
    and sample rate values are refused with the allowed ones."""
    cell = fe.execute(
        PRELUDE + "fk.session_state.k = 1\nfk.camera_input('c', key='k')", "set", check=False
    )
    assert cell.error is not None and "cannot be set using" in cell.error["evalue"]
    cell = fe.execute(PRELUDE + "fk.camera_input('c', resolution='4k')", "res", check=False)
    assert cell.error is not None and "'480p', '720p', '1080p'" in cell.error["evalue"]
    cell = fe.execute(PRELUDE + "fk.audio_input('a', sample_rate=1234)", "rate", check=False)
    assert cell.error is not None and "16000" in cell.error["evalue"]
