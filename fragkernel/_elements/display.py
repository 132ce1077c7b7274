"""Display elements: ``write``, ``markdown``, headings, ``text``, ``code``, alerts, ... (U2).

Each draws one output at the current position. Text from users or data is escaped, never
rendered as HTML, unless the caller passes ``unsafe_allow_html=True``.
"""

from __future__ import annotations

import html
import json as _json
import sys
from typing import Any

import ipywidgets as widgets

from .._compat import accepts
from .._runtime import capture, placement
from .._runtime.context import shell
from . import markdown as md


def _display(data: dict[str, Any], metadata: dict[str, Any] | None = None) -> None:
    placement.draw_output({"output_type": "display_data", "data": data, "metadata": metadata or {}})


@accepts("width", "text_alignment", "anchors", "wrap")
def markdown(body: Any, unsafe_allow_html: bool = False, *, help: str | None = None) -> None:
    """Draw Markdown; raw HTML in it shows as text unless ``unsafe_allow_html=True``.

    Example::

        fk.markdown("*Streamlit* is **really** ***cool***.")
    """
    text = str(body)
    _display(md.bundle(text, allow_html=unsafe_allow_html))


def _heading(level: int, body: Any, anchor: str | bool | None) -> None:
    text = " ".join(str(body).splitlines())
    _display(md.bundle(f"{'#' * level} {text}"))


@accepts("icon", "width", "text_alignment", "wrap")
def title(body: Any, anchor: str | bool | None = None, *, help: str | None = None) -> None:
    """Draw a title (a level-1 heading).

    Example::

        fk.title("My Awesome App")
    """
    _heading(1, body, anchor)


@accepts("icon", "width", "text_alignment", "wrap")
def header(
    body: Any, anchor: str | bool | None = None, *, help: str | None = None, divider: Any = False
) -> None:
    """Draw a header (a level-2 heading).

    Example::

        fk.header("Section")
    """
    _heading(2, body, anchor)


@accepts("icon", "width", "text_alignment", "wrap")
def subheader(
    body: Any, anchor: str | bool | None = None, *, help: str | None = None, divider: Any = False
) -> None:
    """Draw a subheader (a level-3 heading).

    Example::

        fk.subheader("Details")
    """
    _heading(3, body, anchor)


@accepts("width", "text_alignment", "wrap")
def caption(body: Any, unsafe_allow_html: bool = False, *, help: str | None = None) -> None:
    """Draw small, quiet text.

    Example::

        fk.caption("Data from 2024")
    """
    text = str(body)
    quiet = md.to_html(text, allow_html=unsafe_allow_html)
    _display({"text/html": f'<div style="font-size:0.85em;opacity:0.7">{quiet}</div>',
              "text/plain": text})  # fmt: skip


@accepts("width", "text_alignment", "wrap")
def text(body: Any, *, help: str | None = None) -> None:
    r"""Draw fixed-width text, exactly as given (no Markdown, no HTML).

    Example::

        fk.text("This is text\\n[and more text](that's not a Markdown link).")
    """
    _display({"text/plain": str(body)})


@accepts("wrap_lines", "height", "width")
def code(body: str, language: str | None = "python", *, line_numbers: bool = False) -> None:
    r"""Draw a block of code, highlighted for ``language``.

    Example::

        fk.code("def hello():\\n    print('Hello!')", language="python")
    """
    source = str(body)
    shown = md.highlight(source, language or "") or html.escape(source, quote=False)
    _display({"text/html": f"<pre><code>{shown}</code></pre>", "text/plain": source})


@accepts("width")
def json(body: Any, *, expanded: bool | int = True) -> None:
    """Draw an object or a JSON string as pretty JSON.

    Example::

        fk.json({"foo": "bar", "stuff": ["stuff 1", "stuff 2"]})
    """
    value = _json.loads(body) if isinstance(body, str) else body
    pretty = _json.dumps(value, indent=2, default=str)
    _display({"application/json": _json.loads(pretty), "text/plain": pretty}, {"expanded": True})


_ALERTS = {
    "success": ("✅", "#e8f5e9", "#1b5e20"),
    "info": ("\N{INFORMATION SOURCE}\ufe0f", "#e3f2fd", "#0d47a1"),
    "warning": ("⚠️", "#fff8e1", "#795500"),
    "error": ("⛔", "#ffebee", "#b71c1c"),
}


def _alert(kind: str, body: Any, icon: str | None, title: str | None) -> None:
    mark, background, color = _ALERTS[kind]
    text = str(body)
    html_body = html.escape(text).replace("\n", "<br>")
    if title:
        html_body = f"<strong>{html.escape(str(title))}</strong><br>{html_body}"
        text = f"{title}\n{text}"
    _display(
        {
            "text/html": (
                f'<div class="fragkernel-alert fragkernel-{kind}" style="background:{background};'
                f'color:{color};padding:0.5em 0.75em;border-radius:0.4em">'
                f"{html.escape(icon or mark)} {html_body}</div>"
            ),
            "text/plain": f"{icon or mark} {text}",
        }
    )


@accepts("width")
def success(body: Any, *, icon: str | None = None, title: str | None = None) -> None:
    """Draw a green success message.

    Example::

        fk.success("This is a success message!", icon="✅")
    """
    _alert("success", body, icon, title)


@accepts("width")
def info(body: Any, *, icon: str | None = None, title: str | None = None) -> None:
    """Draw a blue informational message.

    Example::

        fk.info("This is a purely informational message")
    """
    _alert("info", body, icon, title)


@accepts("width")
def warning(body: Any, *, icon: str | None = None, title: str | None = None) -> None:
    """Draw a yellow warning.

    Example::

        fk.warning("This is a warning")
    """
    _alert("warning", body, icon, title)


@accepts("width")
def error(body: Any, *, icon: str | None = None, title: str | None = None) -> None:
    """Draw a red error message.

    Example::

        fk.error("This is an error")
    """
    _alert("error", body, icon, title)


def exception(exception: BaseException, width: int | str = "stretch") -> None:
    """Draw an exception with its traceback.

    Example::

        try:
            1 / 0
        except ZeroDivisionError as e:
            fk.exception(e)
    """
    from .._runtime.engine import traceback_output

    placement.draw_output(traceback_output(exception))


@accepts("width", "use_container_width", "alt")
def pyplot(fig: Any, clear_figure: bool = False, **kwargs: Any) -> None:
    """Draw a matplotlib figure; ``clear_figure=True`` closes it afterwards.

    Example::

        fig, ax = plt.subplots()
        ax.hist([1, 2, 2, 3])
        fk.pyplot(fig)
    """
    placement.draw_output(capture.figure_output(fig))
    pyplot_module = sys.modules.get("matplotlib.pyplot")
    if pyplot_module is not None and clear_figure:
        pyplot_module.close(fig)


def _is_figure(obj: Any) -> bool:
    figure_module = sys.modules.get("matplotlib.figure")
    return figure_module is not None and isinstance(obj, figure_module.Figure)


def write(*args: Any, unsafe_allow_html: bool = False) -> None:
    """Draw anything: strings as Markdown, figures as figures, other objects by their repr.

    A generator, an async generator or an LLM stream is streamed (``write_stream``). Data
    (a DataFrame, Series, Index, Styler, a numpy array of one or two dimensions, a pyarrow
    or polars table, anything with ``to_pandas()``) is drawn as ``dataframe`` draws it.

    Example::

        fk.write("Hello, *World!* :sunglasses:")
        fk.write(df)              # a DataFrame, as an interactive grid (fk.dataframe)
        fk.write("x =", 1, {"a": 1})
    """
    from .._data.frames import converts_to_frame, is_dataframe_like
    from .stream import StreamingOutput, is_stream, write_stream

    for obj in args:
        if isinstance(obj, str):
            markdown(obj, unsafe_allow_html=unsafe_allow_html)
        elif isinstance(obj, StreamingOutput):  # what write_stream returned: drawn again
            for item in obj:
                if callable(item):
                    item()
                else:
                    write(item, unsafe_allow_html=unsafe_allow_html)
        elif is_stream(obj):
            write_stream(obj)
        elif isinstance(obj, widgets.Widget):
            placement.draw_user_widget(obj)
        elif isinstance(obj, BaseException):
            exception(obj)
        elif is_dataframe_like(obj):
            _grid(obj)
        elif _is_figure(obj):
            pyplot(obj, clear_figure=False)
        elif isinstance(obj, dict | list) and _jsonable(obj):
            json(obj)
        elif converts_to_frame(obj):
            _grid(obj)
        else:
            _rich(obj)


def _grid(data: Any) -> None:
    from .data import dataframe

    dataframe(data)


def _jsonable(obj: Any) -> bool:
    try:
        _json.dumps(obj)
    except (TypeError, ValueError):
        return False
    return True


def _rich(obj: Any) -> None:
    ip = shell()
    if ip is not None:
        data, metadata = ip.display_formatter.format(obj)
    else:
        data, metadata = {"text/plain": repr(obj)}, {}
    if not data:
        return
    _display(data, metadata)


@accepts("border", "width", "height", "hide_index", "hide_header", "alt")
def table(data: Any = None) -> None:
    """Draw a static table.

    Example::

        fk.table(df.head())
    """
    _rich(_as_frame(data))


def _as_frame(data: Any) -> Any:
    pandas = sys.modules.get("pandas")
    if pandas is None or data is None or isinstance(data, pandas.DataFrame | pandas.Series):
        return data
    try:
        return pandas.DataFrame(data)
    except (TypeError, ValueError):
        return data
