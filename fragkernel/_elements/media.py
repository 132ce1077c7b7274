"""Media and raw HTML: ``audio``, ``video``, ``pdf``, ``iframe``, ``html`` (SPEC E5).

Each draws one ``text/html`` output. Bytes, files and numpy sound travel inside the output as
``data:`` URLs (a notebook has no media server); URLs are used as they are. Every value put
into an attribute is escaped. Media too large for one output (see
:data:`fragkernel._runtime.placement.MAX_OUTPUT_CHARS`) show a message instead of a cut tag.
"""

from __future__ import annotations

import base64
import datetime as dt
import html as _html
import io
import mimetypes
import re
import sys
from pathlib import Path
from typing import Any

from .._compat import accepts
from .._errors import StreamlitAPIException
from .._runtime import placement

_URL = re.compile(r"^(https?|data):", re.I)
_YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{11})"
)
_TIME = re.compile(
    r"(\d+(?:\.\d*)?)\s*(milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|h|days?|d)?",
    re.I,
)
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _display(source: str, plain: str) -> None:
    placement.draw_output(
        {"output_type": "display_data", "data": {"text/html": source, "text/plain": plain},
         "metadata": {}}
    )  # fmt: skip


def is_url(value: Any) -> bool:
    """An absolute ``http(s)``/``data`` URL, or a path on the notebook server (``/files/x``)."""
    if not isinstance(value, str):
        return False
    return bool(_URL.match(value)) or (value.startswith("/") and not Path(value).is_file())


def seconds(value: Any, name: str) -> float | None:
    """Streamlit's media times: seconds, a ``timedelta`` or a string such as ``"1m30s"``."""
    if value is None:
        return None
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    if isinstance(value, str) and value.strip():
        parts = _TIME.findall(value)
        if "".join(n + u for n, u in parts).replace(" ", "") == value.replace(" ", ""):
            return sum(float(n) * _unit(u) for n, u in parts)
    raise StreamlitAPIException(
        f"Failed to convert '{name}' to a timedelta. Please use a string in a format "
        "supported by Pandas Timedelta constructor, e.g. `'10s'`, `'15 seconds'`, or "
        f"`'1h23s'`. Got: {value!r}"
    )


def _unit(name: str) -> float:
    name = name.lower() or "s"
    return _UNITS["ms"] if name.startswith(("ms", "milli")) else _UNITS[name[0]]


def _read(data: Any, what: str) -> tuple[bytes, str | None]:
    """The bytes of ``data`` (bytes, a file path, a file-like object) and its file name."""
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data), None
    if isinstance(data, io.RawIOBase | io.BufferedIOBase) or hasattr(data, "getvalue"):
        getvalue = getattr(data, "getvalue", None)
        raw = getvalue() if callable(getvalue) else data.read()
        return bytes(raw), getattr(data, "name", None)
    if isinstance(data, str | Path):
        path = Path(data)
        if not path.is_file():
            raise StreamlitAPIException(f"{what}: no such file: {str(data)!r}.")
        return path.read_bytes(), path.name
    if hasattr(data, "read"):
        return bytes(data.read()), getattr(data, "name", None)
    raise StreamlitAPIException(f"{what}: cannot play data of type {type(data).__name__}.")


def data_url(content: bytes, mime: str) -> str:
    """``content`` as a ``data:`` URL."""
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def make_wav(samples: Any, sample_rate: int) -> bytes:
    """A numpy array (1-D mono, or 2-D channels x samples) as 16-bit WAV, scaled to full range."""
    import wave

    import numpy as np

    array = np.array(samples, dtype=float)
    if array.ndim == 2:
        channels, array = array.shape[0], array.T.ravel()
    elif array.ndim == 1:
        channels = 1
    else:
        raise StreamlitAPIException("Numpy array audio input must be a 1D or 2D array.")
    peak = float(np.max(np.abs(array))) if array.size else 0.0
    scaled = (array / peak * 32767 if peak else array).astype(np.int16)
    with io.BytesIO() as buffer:
        with wave.open(buffer, "wb") as out:
            out.setnchannels(channels)
            out.setframerate(int(sample_rate))
            out.setsampwidth(2)
            out.writeframes(scaled.tobytes())
        return buffer.getvalue()


def _too_large(kind: str, size: int) -> bool:
    if size * 4 // 3 + 1000 <= placement.MAX_OUTPUT_CHARS:
        return False
    _display(
        f'<div class="fragkernel-media-too-large">{kind}: {size / 1e6:.1f} MB is more than one '
        f"notebook output carries ({placement.MAX_OUTPUT_CHARS / 1e6 * 3 / 4:.1f} MB). Pass a URL "
        "instead (a file next to the notebook is served at /files/NAME).</div>",
        f"{kind}: {size / 1e6:.1f} MB is too large for a notebook output; pass a URL instead.",
    )
    return True


def media_source(kind: str, data: Any, mime: str, sample_rate: int | None = None) -> str | None:
    """The ``src`` of an audio or video tag, or None when a message was drawn instead."""
    if isinstance(data, Path):
        data = str(data)
    if isinstance(data, str) and is_url(data):
        return data
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(data, numpy.ndarray):
        if sample_rate is None:
            raise StreamlitAPIException("`sample_rate` must be specified with numpy arrays.")
        content, name = make_wav(data, sample_rate), None
        mime = "audio/wav"
    else:
        content, name = _read(data, kind)
        if name and mime in ("audio/wav", "video/mp4"):
            mime = mimetypes.guess_type(name)[0] or mime
    if _too_large(kind, len(content)):
        return None
    return data_url(content, mime)


def media_tag(
    tag: str,
    src: str,
    *,
    start: float | None,
    end: float | None,
    loop: bool = False,
    autoplay: bool = False,
    muted: bool = False,
    tracks: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> str:
    """An HTML5 ``<audio>``/``<video>`` tag; start and end as a media fragment (``#t=``)."""
    fragment = ""
    if start or end is not None:
        fragment = f"#t={start or 0:g}" + (f",{end:g}" if end is not None else "")
    flags = "".join(
        f" {name}" for name, on in (("loop", loop), ("autoplay", autoplay), ("muted", muted)) if on
    )
    inner = "".join(
        f'<track kind="captions" label="{_html.escape(label)}" src="{_html.escape(url)}"'
        + (" default" if i == 0 else "") + ">"
        for i, (label, url) in enumerate(tracks)
    )  # fmt: skip
    return (
        f'<{tag} class="fragkernel-{tag}" controls{flags} preload="metadata" '
        f'style="width:100%" src="{_html.escape(src + fragment)}">{inner}</{tag}>'
    )


@accepts("alt", "width")
def audio(
    data: Any,
    format: str = "audio/wav",
    start_time: Any = 0,
    *,
    sample_rate: int | None = None,
    end_time: Any = None,
    loop: bool = False,
    autoplay: bool = False,
) -> None:
    """An audio player: bytes, a file path, a URL, a file-like object or a numpy array.

    Example::

        sample_rate = 44100
        t = np.linspace(0, 2, 2 * sample_rate, False)
        fk.audio(np.sin(440 * 2 * np.pi * t), sample_rate=sample_rate)
    """
    start, end = seconds(start_time, "start_time"), seconds(end_time, "end_time")
    src = media_source("audio", data, format, sample_rate)
    if src is not None:
        _display(media_tag("audio", src, start=start, end=end, loop=loop, autoplay=autoplay),
                 "[audio]")  # fmt: skip


def _subtitles(subtitles: Any) -> list[tuple[str, str]]:
    if not subtitles:
        return []
    items = subtitles.items() if isinstance(subtitles, dict) else [("default", subtitles)]
    tracks = []
    for label, item in items:
        if isinstance(item, str) and not Path(item).is_file():
            raw = item.encode()
        else:
            raw, _ = _read(item, "video subtitles")
        text = raw.decode("utf-8", "replace").lstrip("\ufeff")
        if not text.startswith("WEBVTT"):  # SRT: the same cues with comma decimals
            text = "WEBVTT\n\n" + re.sub(r"(\d\d:\d\d:\d\d),(\d\d\d)", r"\1.\2", text)
        tracks.append((str(label), data_url(text.encode(), "text/vtt")))
    return tracks


@accepts("alt", "width")
def video(
    data: Any,
    format: str = "video/mp4",
    start_time: Any = 0,
    *,
    subtitles: Any = None,
    end_time: Any = None,
    loop: bool = False,
    autoplay: bool = False,
    muted: bool = False,
) -> None:
    """A video player: bytes, a file path, a URL (YouTube too) or a file-like object.

    Example::

        fk.video("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    """
    start, end = seconds(start_time, "start_time"), seconds(end_time, "end_time")
    youtube = _YOUTUBE.match(data) if isinstance(data, str) else None
    if youtube:
        if subtitles:
            raise StreamlitAPIException("Subtitles are not supported for YouTube videos.")
        query = "&".join(
            p for p in (f"start={int(start)}" if start else "", f"end={int(end)}" if end else "",
                        "autoplay=1" if autoplay else "", "mute=1" if muted else "") if p
        )  # fmt: skip
        url = f"https://www.youtube.com/embed/{youtube.group(1)}" + (f"?{query}" if query else "")
        iframe(url, height=400)
        return
    src = media_source("video", data, format)
    if src is not None:
        tag = media_tag("video", src, start=start, end=end, loop=loop, autoplay=autoplay,
                        muted=muted, tracks=_subtitles(subtitles))  # fmt: skip
        _display(tag, "[video]")


def iframe_html(src: str, *, srcdoc: bool, height: int | None, width: int | None) -> str:
    """An ``<iframe>`` showing the URL ``src`` (or the HTML ``src`` when ``srcdoc``), escaped."""
    attribute = "srcdoc" if srcdoc else "src"
    size = f"width:{f'{width}px' if width else '100%'};height:{height or 400}px"
    # Inline HTML runs in its own origin: never the notebook's (its token, its kernel API).
    sandbox = ' sandbox="allow-scripts allow-popups allow-forms"' if srcdoc else ""
    return (
        f'<iframe class="fragkernel-iframe" {attribute}="{_html.escape(src)}"{sandbox} '
        f'style="{size};border:none" loading="lazy"></iframe>'
    )


@accepts("tab_index", "alt")
def iframe(src: str | Path, *, width: Any = "stretch", height: Any = "content") -> None:
    """An inline frame: a URL, a ``Path`` to a local file, or a string of HTML.

    Example::

        fk.iframe("https://docs.streamlit.io", height=600)
    """
    pixels = [
        v if isinstance(v, int) and not isinstance(v, bool) else None for v in (height, width)
    ]
    if isinstance(src, Path):
        if src.suffix.lower() in (".html", ".htm"):
            _display(iframe_html(src.read_text(), srcdoc=True, height=pixels[0], width=pixels[1]),
                     f"[iframe {src}]")  # fmt: skip
            return
        content, _ = _read(src, "iframe")
        mime = mimetypes.guess_type(src.name)[0] or "application/octet-stream"
        if not _too_large("iframe", len(content)):
            _display(iframe_html(data_url(content, mime), srcdoc=False, height=pixels[0],
                                 width=pixels[1]), f"[iframe {src}]")  # fmt: skip
        return
    if not isinstance(src, str):
        raise StreamlitAPIException(f"iframe src must be a string or a Path, got {src!r}.")
    url = is_url(src)
    _display(iframe_html(src, srcdoc=not url, height=pixels[0], width=pixels[1]),
             f"[iframe {src[:80]}]" if url else "[iframe]")  # fmt: skip


@accepts("width")
def html(body: Any, *, unsafe_allow_javascript: bool = False) -> None:
    """Draw HTML; scripts and event handlers are removed, as in Streamlit.

    ``unsafe_allow_javascript=True`` draws the HTML exactly as given (trusted HTML only).

    A string is HTML (never read as a path); a ``Path`` is read; an object with
    ``_repr_html_`` is drawn by it.

    Example::

        fk.html("<p><span style='text-decoration: line-through double red;'>Oops</span>!</p>")
    """
    if isinstance(body, Path):
        source = body.read_text()
    elif hasattr(body, "_repr_html_"):
        source = str(body._repr_html_())
    else:
        source = str(body)
    if not source.strip():
        raise StreamlitAPIException("html: the body is empty.")
    if not unsafe_allow_javascript:
        source = sanitize(source)
    _display(source, re.sub(r"<[^>]*>", "", source)[:2000])


def sanitize(source: str) -> str:
    """HTML without scripts, event handlers or ``javascript:`` URLs; styles are kept (U2)."""
    import nh3

    attributes = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    attributes["*"] = {"style", "class", "id", "title", "lang", "dir", "role", "aria-label"}
    return str(
        nh3.clean(
            source,
            tags=set(nh3.ALLOWED_TAGS) | {"style", "span", "div", "section", "figure"},
            clean_content_tags={"script"},
            attributes=attributes,
            link_rel="noopener noreferrer",
        )
    )


@accepts("key", "alt")
def pdf(data: Any, *, height: int | str = 500) -> None:
    """A PDF viewer: bytes, a file path, a URL or a file-like object.

    Example::

        fk.pdf("https://example.com/report.pdf")
    """
    pixels = height if isinstance(height, int) and not isinstance(height, bool) else 500
    if isinstance(data, Path):
        data = str(data)
    if isinstance(data, str) and is_url(data):
        src = data
    else:
        content, _ = _read(data, "pdf")
        if _too_large("pdf", len(content)):
            return
        src = data_url(content, "application/pdf")
    _display(
        f'<iframe class="fragkernel-pdf" src="{_html.escape(src)}" title="PDF" '
        f'style="width:100%;height:{pixels}px;border:none"></iframe>',
        "[pdf]",
    )
