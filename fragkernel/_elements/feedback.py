"""Feedback and media elements: ``metric``, ``progress``, ``spinner``, ``image``.

``progress`` and ``spinner`` update in place while a run goes on, so they commit at once
rather than waiting for the end of the run.
"""

from __future__ import annotations

import base64
import html
import io
import mimetypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .._compat import accepts
from .._errors import StreamlitAPIException
from .._runtime import placement
from . import display
from .layout import Block, empty


def _html(markup: str, plain: str) -> None:
    placement.draw_output(
        {"output_type": "display_data", "data": {"text/html": markup, "text/plain": plain},
         "metadata": {}}
    )  # fmt: skip


@accepts(
    "icon",
    "width",
    "height",
    "chart_data",
    "chart_type",
    "delta_arrow",
    "format",
    "delta_description",
)
def metric(
    label: str,
    value: Any,
    delta: Any = None,
    delta_color: str = "normal",
    *,
    help: str | None = None,
    label_visibility: str = "visible",
    border: bool = False,
) -> None:
    """Draw a number in large type, with an optional change shown below it.

    Example::

        fk.metric(label="Temperature", value="70 °F", delta="1.2 °F")
    """
    if delta_color not in ("normal", "inverse", "off"):
        raise StreamlitAPIException('metric delta_color is "normal", "inverse" or "off".')
    shown_value = "—" if value is None else str(value)
    frame = "padding:0.5em;border:1px solid #ccc;border-radius:0.5em" if border else ""
    name = html.escape(str(label)) if label_visibility == "visible" else ""
    parts = [
        f'<div class="fragkernel-metric" style="{frame}">',
        f'<div style="font-size:0.85em;opacity:0.75">{name}</div>',
        f'<div style="font-size:2em;line-height:1.2">{html.escape(shown_value)}</div>',
    ]
    plain = f"{label}: {shown_value}"
    if delta is not None and str(delta) != "":
        text = str(delta)
        negative = text.lstrip().startswith("-")
        good = not negative if delta_color == "normal" else negative
        color = "#757575" if delta_color == "off" else ("#09ab3b" if good else "#ff2b2b")
        arrow = "↓" if negative else "↑"
        amount = html.escape(text.lstrip(" +-"))
        parts.append(f'<div style="color:{color};font-size:0.9em">{arrow} {amount}</div>')
        plain += f" ({arrow} {text.lstrip(' +-')})"
    parts.append("</div>")
    _html("".join(parts), plain)


class ProgressBar(Block):
    """The handle that ``progress`` returns: call :meth:`progress` to move the bar."""

    def progress(self, value: float | int, text: str | None = None) -> ProgressBar:
        """Move the bar to ``value`` (0-100 as int, 0.0-1.0 as float), with a new text."""
        fraction = _fraction(value)
        with self._inside():
            label = f"<div>{html.escape(text)}</div>" if text else ""
            _html(
                f'{label}<progress class="fragkernel-progress" value="{fraction:.4f}" max="1" '
                f'style="width:100%"></progress>',
                f"{text + ' ' if text else ''}{fraction:.0%}",
            )
        return self


def _fraction(value: float | int) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise StreamlitAPIException(f"progress value must be a number, got {value!r}.")
    if isinstance(value, int):
        if not 0 <= value <= 100:
            raise StreamlitAPIException(f"progress takes an int in [0, 100], got {value}.")
        return value / 100
    if not 0.0 <= value <= 1.0:
        raise StreamlitAPIException(f"progress takes a float in [0.0, 1.0], got {value}.")
    return value


def progress(
    value: float | int, text: str | None = None, width: int | str = "stretch"
) -> ProgressBar:
    """Draw a progress bar; move it with the returned handle's ``.progress(value, text)``.

    Example::

        bar = fk.progress(0, text="Working")
        for percent in range(100):
            time.sleep(0.01)
            bar.progress(percent + 1, text="Working")
    """
    slot = empty()
    bar = ProgressBar(slot._resolve, replace=True)
    return bar.progress(value, text)


@contextmanager
@accepts("width")
def spinner(text: str = "In progress...", *, show_time: bool = False) -> Iterator[None]:
    """Show ``text`` with a spinner while the block runs; it disappears when it ends.

    Example::

        with fk.spinner("Wait for it..."):
            time.sleep(5)
        fk.success("Done!")
    """
    slot = empty()
    with slot._inside():
        _html(f'<div class="fragkernel-spinner">⏳ {html.escape(str(text))}</div>', f"⏳ {text}")
    try:
        yield
    finally:
        slot.empty()


@accepts("link", "use_column_width", "alt")
def image(
    image: Any,
    caption: str | None = None,
    width: int | str = "content",
    clamp: bool = False,
    channels: str = "RGB",
    output_format: str = "auto",
    *,
    use_container_width: bool | None = None,
) -> None:
    """Draw an image: a path, a URL, bytes, a PIL image or a NumPy array (a list draws several).

    Example::

        fk.image("sunrise.jpg", caption="Sunrise by the mountains")
    """
    images = image if isinstance(image, list) else [image]
    captions = caption if isinstance(caption, list) else [caption] * len(images)
    for item, text in zip(images, captions, strict=False):
        data, mime = _image_bytes(item, output_format)
        metadata: dict[str, Any] = {}
        if isinstance(width, int) and not isinstance(width, bool):
            metadata = {mime: {"width": width}}
        if mime == "text/html":
            _html(data, str(item))
        else:
            placement.draw_output(
                {"output_type": "display_data",
                 "data": {mime: data, "text/plain": f"<image {mime}>"}, "metadata": metadata}
            )  # fmt: skip
        if text:
            display.caption(text)


def _image_bytes(item: Any, output_format: str) -> tuple[str, str]:
    if isinstance(item, str) and item.startswith(("http://", "https://", "data:")):
        return f'<img src="{html.escape(item, quote=True)}" style="max-width:100%">', "text/html"
    if isinstance(item, str | Path):
        path = Path(item)
        if not path.is_file():
            raise StreamlitAPIException(f"image: no file at {str(path)!r}.")
        mime = mimetypes.guess_type(path.name)[0] or "image/png"
        return base64.b64encode(path.read_bytes()).decode("ascii"), mime
    if isinstance(item, bytes | bytearray):
        raw = bytes(item)
        mime = "image/png" if raw.startswith(b"\x89PNG") else "image/jpeg"
        return base64.b64encode(raw).decode("ascii"), mime
    pil = sys.modules.get("PIL.Image")
    if pil is not None and isinstance(item, pil.Image):
        buffer = io.BytesIO()
        fmt = "JPEG" if output_format.upper() in ("JPEG", "JPG") else "PNG"
        item.save(buffer, format=fmt)
        return base64.b64encode(buffer.getvalue()).decode("ascii"), f"image/{fmt.lower()}"
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(item, numpy.ndarray):
        from matplotlib import image as mpimg

        buffer = io.BytesIO()
        mpimg.imsave(buffer, item, format="png")
        return base64.b64encode(buffer.getvalue()).decode("ascii"), "image/png"
    raise StreamlitAPIException(
        f"image: cannot draw a {type(item).__name__}: pass a path, a URL, bytes, a PIL image "
        "or a NumPy array."
    )
