"""The anywidget models of the overlays (SPEC M2, M3, D4), one class per feature.

All of them load the same module (``static/overlay.js``, loaded as text as in
:mod:`.status`), whose ``render`` picks the view of the model's ``kind``. One class per
feature rather than one class with every trait: each has only its own traits, and each says
exactly what the browser may change (``front_end_keys``, U1): the open state of a popover,
the expanded state of a status, nothing at all on a toast. What the browser may *ask* (a
download's bytes, a dialog's dismissal) comes as a custom message, checked here.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

from .controls import Guarded
from .status import _asset, message_event

log = logging.getLogger("fragkernel")


class Overlay(Guarded, anywidget.AnyWidget):
    """The base of every overlay model: the module, its style, and the guard (U1)."""

    front_end_keys: frozenset[str] = frozenset()
    #: No style model (what element helpers look for on stock controls).
    style: Any = None
    _esm = _asset("overlay.js")
    _css = _asset("overlay.css")
    kind = traitlets.Unicode("").tag(sync=True)


class _OneShot(Overlay):
    """A model whose calls each play once in the browser (``shown`` counts the calls)."""

    token = traitlets.Unicode("").tag(sync=True)
    shown = traitlets.Int(0).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(token=uuid.uuid4().hex, **kwargs)


class Toast(_OneShot):
    """``toast``: a notice in the stack at the bottom right, for ``duration`` seconds."""

    kind = traitlets.Unicode("toast").tag(sync=True)
    body = traitlets.Unicode("").tag(sync=True)
    icon = traitlets.Unicode("").tag(sync=True)
    duration = traitlets.Float(4.0).tag(sync=True)


class Effect(_OneShot):
    """``balloons`` and ``snow``: a brief animation (a short note under reduced motion)."""

    kind = traitlets.Unicode("effect").tag(sync=True)
    effect = traitlets.Unicode("balloons").tag(sync=True)


class StatusHeader(Overlay):
    """The header of ``status``: its label, state and whether its body shows."""

    front_end_keys = frozenset({"expanded"})
    kind = traitlets.Unicode("status").tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    state = traitlets.Enum(("running", "complete", "error"), "running").tag(sync=True)
    expanded = traitlets.Bool(False).tag(sync=True)


class _Button(Overlay):
    label = traitlets.Unicode("").tag(sync=True)
    help = traitlets.Unicode("").tag(sync=True)
    icon = traitlets.Unicode("").tag(sync=True)
    button_type = traitlets.Unicode("secondary").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)


class PopoverButton(_Button):
    """The button of ``popover``; ``is_open`` is whether its panel shows (the browser's to set)."""

    front_end_keys = frozenset({"is_open"})
    kind = traitlets.Unicode("popover").tag(sync=True)
    is_open = traitlets.Bool(False).tag(sync=True)


class DialogHeader(Overlay):
    """The title bar of a dialog; ``is_open`` shows the dialog over the page.

    The browser never sets ``is_open``: it asks to dismiss (Escape, the close button, a click
    on the backdrop), which the kernel grants only to a dismissible dialog.
    """

    kind = traitlets.Unicode("dialog").tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    icon = traitlets.Unicode("").tag(sync=True)
    width = traitlets.Union([traitlets.Unicode(), traitlets.Int()], default_value="small").tag(
        sync=True
    )
    dismissible = traitlets.Bool(True).tag(sync=True)
    is_open = traitlets.Bool(False).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: Called after a dismissal was granted (the dialog of a plain cell then closes).
        self.dismissed: Callable[[], None] | None = None
        self.on_msg(self._front_message)

    def _front_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if message_event(content) == "dismiss" and self.dismissible and self.is_open:
            self.is_open = False
            if self.dismissed is not None:
                self.dismissed()


def download_bytes(data: Any, mime: str | None, file_name: str | None) -> tuple[bytes, str]:
    """The bytes of a download and their MIME type, as Streamlit reads ``data`` (D4).

    ``str`` and text files are UTF-8 text (``text/plain``); ``bytes`` and binary files are
    ``application/octet-stream``; a file with a name guesses its type from the name first.
    """
    import io
    import mimetypes

    guessed: str | None = None
    name = file_name or getattr(data, "name", None)
    if isinstance(name, str) and not isinstance(data, str | bytes | bytearray):
        guessed = mimetypes.guess_type(name)[0]
    if isinstance(data, str):
        return data.encode("utf-8"), mime or "text/plain"
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data), mime or "application/octet-stream"
    if isinstance(data, io.TextIOBase):
        data.seek(0) if data.seekable() else None
        return data.read().encode("utf-8"), mime or guessed or "text/plain"
    if hasattr(data, "read"):
        if hasattr(data, "seekable") and data.seekable():
            data.seek(0)
        raw = data.read()
        if isinstance(raw, str):
            return raw.encode("utf-8"), mime or guessed or "text/plain"
        return bytes(raw), mime or guessed or "application/octet-stream"
    raise TypeError(
        f"download_button data must be str, bytes, a file-like object or a callable that "
        f"returns one of these, not {type(data).__name__}."
    )


class DownloadButton(_Button):
    """The button of ``download_button``: its bytes go to the browser only when clicked.

    ``payload`` (kept in the kernel, never synced) is the data, or a callable that returns
    it, run on the click (D4); ``mime`` is the caller's MIME type, ``None`` to infer it.
    """

    kind = traitlets.Unicode("download").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.payload: Any = b""
        self.file_name: str | None = None
        self.mime: str | None = None
        #: Shows a failure of a callable ``data`` where the button's owner draws.
        self.on_error: Callable[[BaseException], None] | None = None
        self._click_handlers: list[Callable[[Any], None]] = []
        self.on_msg(self._front_message)

    def on_click(self, callback: Callable[[Any], None], remove: bool = False) -> None:
        """Register (or remove) a handler of clicks, as ``ipywidgets.Button.on_click``."""
        if remove:
            if callback in self._click_handlers:
                self._click_handlers.remove(callback)
        else:
            self._click_handlers.append(callback)

    def _front_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if message_event(content) != "click" or self.disabled:
            return
        if self.deliver():
            for handler in list(self._click_handlers):
                handler(self)

    def deliver(self) -> bool:
        """Send the bytes to the browser now (running ``payload`` if it is a callable)."""
        try:
            payload = self.payload() if callable(self.payload) else self.payload
            data, mime = download_bytes(payload, self.mime, self.file_name)
        except Exception as error:
            log.warning("fragkernel: download_button %r: no data: %r", self.label, error)
            self.send({"event": "failed"})
            if self.on_error is not None:
                self.on_error(error)
            return False
        name = self.file_name or ("download.txt" if mime == "text/plain" else "download")
        self.send({"event": "data", "file_name": name, "mime": mime}, buffers=[data])
        return True


class MediaCapture(Overlay):
    """``camera_input`` and ``audio_input``: the browser captures, the kernel keeps the file.

    The view (kind ``camera`` or ``audio``) asks for the camera or microphone with
    ``getUserMedia`` and sends what it took as a custom message ``{"event": "capture",
    "mime": ...}`` with the bytes as one buffer, or ``{"event": "clear"}``; where the front end
    has no access it says so in place and sends nothing. ``captured`` counts the files taken
    (the kernel's to set: the browser cannot change the value but by sending a file).
    """

    kind = traitlets.Unicode("camera").tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    help = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    label_visibility = traitlets.Unicode("visible").tag(sync=True)
    #: camera: the wanted height in pixels (0: the camera's own); audio: Hz (0: the device's).
    resolution = traitlets.Int(0).tag(sync=True)
    sample_rate = traitlets.Int(0).tag(sync=True)
    captured = traitlets.Int(0).tag(sync=True)
    #: Names this model's capture in the browser, kept across its views.
    token = traitlets.Unicode("").tag(sync=True)
    #: The largest file accepted, in bytes.
    max_bytes = 200 * 1024 * 1024

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(token=uuid.uuid4().hex, **kwargs)
        #: ``(name, mime, bytes)`` of the last capture, or ``None``.
        self.file: tuple[str, str, bytes] | None = None
        self.on_msg(self._front_message)

    def _front_message(self, _widget: Any, content: Any, buffers: Any) -> None:
        event = message_event(content)
        if self.disabled or event not in ("capture", "clear"):
            return
        if event == "clear":
            if self.file is not None:
                self.file = None
                self.captured += 1
            return
        wanted = "image/" if self.kind == "camera" else "audio/"
        mime = str(content.get("mime", "")) if isinstance(content, dict) else ""
        if not mime.startswith(wanted) or not buffers or len(buffers) != 1:
            log.warning("fragkernel: refused a %s capture of type %r", self.kind, mime)
            return
        data = bytes(buffers[0])
        if not data or len(data) > self.max_bytes:
            log.warning("fragkernel: refused a %s capture of %d bytes", self.kind, len(data))
            return
        name = "image.jpg" if self.kind == "camera" else "audio.wav"
        self.file = (name, mime, data)
        self.captured += 1
