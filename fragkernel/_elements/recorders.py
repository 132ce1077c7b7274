"""Widgets that capture in the browser: ``camera_input`` and ``audio_input`` (SPEC D4, E5).

Each returns an :class:`UploadedFile` (a JPEG photo, a WAV recording) or ``None``.

The browser asks for the camera or the microphone itself (``getUserMedia``); where it has no
access (no permission, no device, a page that is not a secure context, a headless browser
without media) the widget says so in place and the value stays ``None``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .._compat import accepts
from .._errors import StreamlitAPIException
from .._runtime.slots import Callback, draw
from .widgets import MAX_UPLOAD_MB, UploadedFile

_RESOLUTIONS = {"480p": 480, "720p": 720, "1080p": 1080}
_SAMPLE_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)


def _file(control: widgets.Widget) -> UploadedFile | None:
    got = control.file
    if got is None:
        return None
    name, mime, data = got
    return UploadedFile(name, mime, len(data), data)


def _capture(
    kind: str,
    label: str,
    params: dict[str, Any],
    key: str | None,
    help: str | None,
    on_change: Callback | str,
    args: tuple[Any, ...] | None,
    kwargs: dict[str, Any] | None,
    disabled: bool,
    label_visibility: str,
) -> UploadedFile | None:
    element = "camera_input" if kind == "camera" else "audio_input"
    traits = {"label": str(label), "help": help or "", "label_visibility": label_visibility,
              **params}  # fmt: skip

    def make(_: Any) -> widgets.Widget:
        from .._frontend.overlay import MediaCapture  # anywidget loads on first use

        control = MediaCapture(kind=kind, **traits)
        control.max_bytes = int(MAX_UPLOAD_MB * 1024 * 1024)
        control.add_class(f"fragkernel-{element.replace('_', '-')}")
        return control

    slot = draw(
        element, str(label), key=key, params=tuple(sorted(params.items())), make=make,
        get=_file, put=lambda *_: None, default=None, traits=traits, on_change=on_change,
        args=args, kwargs=kwargs, help=help, disabled=disabled,
        label_visibility=label_visibility, settable=False, trait="captured",
    )  # fmt: skip
    return slot.value()  # type: ignore[no-any-return]


@accepts("width")
def camera_input(
    label: str,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    resolution: str | None = None,
) -> UploadedFile | None:
    """A camera preview with a button that takes a photo; returns it as a JPEG file.

    ``None`` before any photo, and where the browser has no camera access (it says so in
    place).

    Example::

        enable = fk.checkbox("Enable camera")
        picture = fk.camera_input("Take a picture", disabled=not enable)
        if picture:
            fk.image(picture)
    """
    if resolution is not None and resolution not in _RESOLUTIONS:
        raise StreamlitAPIException(
            f"camera_input resolution={resolution!r}: use one of "
            f"{', '.join(map(repr, _RESOLUTIONS))} or None."
        )
    height = _RESOLUTIONS.get(resolution or "", 0)
    return _capture(
        "camera", label, {"resolution": height}, key, help, on_change, args, kwargs,
        disabled, label_visibility,
    )  # fmt: skip


@accepts("width")
def audio_input(
    label: str,
    *,
    sample_rate: int | None = 16000,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback | str = "rerun",
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> UploadedFile | None:
    """A microphone recorder; returns the recording as a WAV file at ``sample_rate`` Hz.

    ``sample_rate=None`` keeps the device's rate. ``None`` before any recording, and where
    the browser has no microphone access (it says so in place).

    Example::

        audio_value = fk.audio_input("Record a voice message")
        if audio_value:
            fk.audio(audio_value)
    """
    if sample_rate is not None and sample_rate not in _SAMPLE_RATES:
        raise StreamlitAPIException(
            f"audio_input sample_rate={sample_rate!r}: use one of "
            f"{', '.join(map(str, _SAMPLE_RATES))} or None."
        )
    return _capture(
        "audio", label, {"sample_rate": sample_rate or 0}, key, help,
        None if on_change == "rerun" else on_change, args, kwargs, disabled, label_visibility,
    )  # fmt: skip
