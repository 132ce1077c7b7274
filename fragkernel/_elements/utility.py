"""Small display elements and page settings (SPEC E5).

``divider``, ``badge``, ``latex``, ``space``, ``skeleton``, ``echo``, ``help`` and
``set_page_config``.

Each draws one output at the current position (``skeleton`` a placeholder); text from users
is escaped (U2).
"""

from __future__ import annotations

import ast
import contextlib
import html as _html
import inspect
import linecache
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

from .._compat import accepts
from .._errors import StreamlitAPIException
from .._runtime import placement
from . import markdown as md
from .display import code, warning
from .layout import Block, empty

#: Streamlit's badge colours, as (background, text) pairs.
BADGE_COLORS = {
    "red": ("#ffebee", "#b71c1c"),
    "orange": ("#fff3e0", "#a0430a"),
    "yellow": ("#fffde7", "#7a5d00"),
    "blue": ("#e3f2fd", "#0d47a1"),
    "green": ("#e8f5e9", "#1b5e20"),
    "violet": ("#f3e5f5", "#5e2a84"),
    "gray": ("#eeeeee", "#424242"),
    "grey": ("#eeeeee", "#424242"),
    "primary": ("#ffe9e9", "#c62828"),
}
#: Streamlit's named vertical spaces.
SPACE_SIZES = {
    "xxsmall": "0.25rem",
    "xsmall": "0.5rem",
    "small": "0.75rem",
    "medium": "2.5rem",
    "large": "4.25rem",
    "xlarge": "6rem",
    "xxlarge": "8rem",
    "stretch": "0.75rem",  # a notebook output has no free space to fill
}
#: fragkernel itself: what ``help()`` shows without an argument (Streamlit: streamlit).
_PACKAGE = sys.modules[__name__.split(".")[0]]
#: The height of a skeleton without one: about one input widget.
SKELETON_HEIGHT = 40


def _display(data: dict[str, Any]) -> None:
    placement.draw_output({"output_type": "display_data", "data": data, "metadata": {}})


@accepts("width")
def divider() -> None:
    """Draw a horizontal rule.

    Example::

        fk.divider()
    """
    _display({"text/html": "<hr>", "text/plain": "─" * 40})


def badge_html(label: str, icon: str | None, color: str) -> str:
    """A badge's HTML: the label and icon escaped, the colours Streamlit's (U2)."""
    if color not in BADGE_COLORS:
        raise StreamlitAPIException(
            f"badge color={color!r}: use one of {', '.join(map(repr, BADGE_COLORS))}."
        )
    background, ink = BADGE_COLORS[color]
    text = _html.escape(f"{icon} {label}" if icon else label)
    return (
        f'<span class="fragkernel-badge" style="background:{background};color:{ink};'
        f'padding:0.1em 0.5em;border-radius:0.5em;font-size:0.875em">{text}</span>'
    )


@accepts("width")
def badge(
    label: str, *, icon: str | None = None, color: str = "blue", help: str | None = None
) -> None:
    """Draw a small coloured badge with a label and an optional icon.

    Example::

        fk.badge("New", color="green", icon="✨")
    """
    source = badge_html(str(label), icon, color)
    if help:
        source = source.replace("<span ", f'<span title="{_html.escape(str(help))}" ', 1)
    _display({"text/html": source, "text/plain": f"{icon} {label}" if icon else str(label)})


@accepts("width")
def latex(body: Any, *, help: str | None = None) -> None:
    r"""Draw a LaTeX formula (typeset by the notebook's MathJax); sympy expressions too.

    Example::

        fk.latex(r"a + ar + a r^2 + \cdots = \sum_{k=0}^{n-1} ar^k")
    """
    sympy = sys.modules.get("sympy")
    if sympy is not None and isinstance(body, sympy.Basic):
        body = sympy.latex(body)
    source = str(body).strip()
    _display({"text/latex": f"$${source}$$", "text/plain": source})


def space_height(size: Any) -> str:
    """The CSS height of a ``space(size)``: a named size or a number of pixels."""
    if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
        return f"{size}px"
    if isinstance(size, str) and size in SPACE_SIZES:
        return SPACE_SIZES[size]
    raise StreamlitAPIException(
        f"space size={size!r}: use one of {', '.join(map(repr, SPACE_SIZES))} or a number of "
        "pixels (>= 0)."
    )


def space(size: Any = "small") -> None:
    """Draw empty vertical space (``"small"``, ``"medium"``, ``"large"``, ... or pixels).

    Example::

        fk.space("medium")
    """
    height = space_height(size)
    _display({"text/html": f'<div class="fragkernel-space" style="height:{height}"></div>',
              "text/plain": ""})  # fmt: skip


class SkeletonPlaceholder(Block):
    """A placeholder showing a grey box until something replaces it.

    ``with fk.skeleton():`` shows it while the block runs, then clears it; what the block
    draws goes where it would have gone without the ``with``, as in Streamlit.
    """

    def __enter__(self) -> SkeletonPlaceholder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.empty()


def skeleton_html(height: Any) -> str:
    """The grey box a skeleton shows, ``height`` pixels high (None: one input's height)."""
    if height is None or height == "stretch":
        pixels = SKELETON_HEIGHT
    elif isinstance(height, int) and not isinstance(height, bool) and height > 0:
        pixels = height
    else:
        raise StreamlitAPIException(
            f'skeleton height={height!r}: use None, "stretch" or a positive number of pixels.'
        )
    return (
        f'<div class="fragkernel-skeleton" role="progressbar" aria-label="Loading" '
        f'style="height:{pixels}px;border-radius:0.5rem;'
        f'background:var(--jp-layout-color2, #eee)"></div>'
    )


@accepts("width")
def skeleton(height: Any = None) -> SkeletonPlaceholder:
    """A loading placeholder: a grey box that the next element drawn into it replaces.

    Example::

        placeholder = fk.skeleton(height=200)
        placeholder.write("Loaded")

        with fk.skeleton(height=100):  # shown while the block runs
            time.sleep(1)
    """
    box = skeleton_html(height)
    held = empty()
    placeholder = SkeletonPlaceholder(held._resolve, replace=True)
    with held:
        _display({"text/html": box, "text/plain": "…"})
    return placeholder


def _block_source(filename: str, line: int) -> str | None:
    """The source of the body of the ``with`` statement at ``line`` of ``filename``."""
    lines = linecache.getlines(filename)
    if not lines:
        return None
    statements = [
        node
        for node in ast.walk(ast.parse("".join(lines)))
        if isinstance(node, ast.With | ast.AsyncWith) and node.lineno == line
    ]
    if not statements:
        return None
    body = statements[0].body
    first = min([body[0].lineno, *(d.lineno for d in getattr(body[0], "decorator_list", []))])
    last = statements[0].end_lineno or body[-1].end_lineno or first
    return textwrap.dedent("".join(lines[first - 1 : last]))


@contextlib.contextmanager
def echo(code_location: str = "above") -> Iterator[None]:
    """Run a ``with`` block and show its code, above (default) or below what it draws.

    The code is read from the notebook cell (or file) the block is in, as Streamlit reads
    it from the script.

    Example::

        with fk.echo():
            fk.write("This code will be printed")
    """
    if code_location not in ("above", "below"):
        raise StreamlitAPIException(f'echo code_location={code_location!r}: "above" or "below".')
    frame = sys._getframe(2)  # the caller, under contextlib's __enter__
    filename, line = frame.f_code.co_filename, frame.f_lineno
    del frame
    try:
        source = _block_source(filename, line)
    except (SyntaxError, ValueError):
        source = None
    spot = empty() if code_location == "above" else None
    yield
    if source is None:
        message = f"Unable to display code: the source of {filename} is not available."
        if spot is not None:
            spot.warning(message)
        else:
            warning(message)
    elif spot is not None:
        spot.code(source, "python")
    else:
        code(source, "python")


def _help_markdown(obj: Any) -> str:
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    kind = type(obj).__name__
    try:
        signature = str(inspect.signature(obj)) if callable(obj) else ""
    except (TypeError, ValueError):
        signature = "(...)"
    doc = inspect.getdoc(obj) or "No docs available"
    title = f"{name}{signature}" if name else repr(obj)[:200]
    parts = [f"**`{title.replace('`', '')}`**  \n*{kind}*"]
    if not callable(obj) and not inspect.ismodule(obj) and name is None:
        parts.append(f"value: `{repr(obj)[:200].replace('`', '')}`")
    fence = "````" if "```" in doc else "```"
    parts.append(f"{fence}text\n{doc}\n{fence}")
    return "\n\n".join(parts)


@accepts("width")
def help(obj: Any = _PACKAGE) -> None:
    """Draw an object's name, type, signature and docstring.

    Without an argument, fragkernel's own.

    Example::

        fk.help(fk.slider)
    """
    body = _help_markdown(obj)
    _display(md.bundle(body))


def set_page_config(
    page_title: str | None = None,
    page_icon: Any = None,
    layout: str | None = None,
    initial_sidebar_state: Any = None,
    menu_items: dict[str, Any] | None = None,
) -> None:
    """Accepted and ignored: a notebook has no page to configure (SPEC E5).

    Example::

        fk.set_page_config(page_title="My app", layout="wide")
    """
    return None
