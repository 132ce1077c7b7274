"""fragkernel: Streamlit-style fragments for Jupyter notebooks.

``@fragment`` turns a function into a live area of the cell's output that reruns on its own
when a widget inside it changes; ``session_state`` carries data between fragments and cells.

Example::

    %load_ext fragkernel

    @fragment
    def greet():
        if fk.button("Hi!"):
            fk.write("Hi back!")

    greet()
"""

from __future__ import annotations

from typing import Any

from ._elements.display import (
    caption,
    code,
    dataframe,
    error,
    exception,
    header,
    info,
    json,
    markdown,
    pyplot,
    subheader,
    success,
    table,
    text,
    title,
    warning,
    write,
)
from ._elements.feedback import ProgressBar, image, metric, progress, spinner
from ._elements.layout import ELEMENTS, Block, columns, container, empty, expander, sidebar, tabs
from ._elements.overlays import (
    PopoverContainer,
    StatusContainer,
    ToastHandle,
    balloons,
    dialog,
    download_button,
    popover,
    snow,
    status,
    toast,
)
from ._elements.pickers import color_picker, date_input, select_slider, time_input
from ._elements.widgets import (
    UploadedFile,
    button,
    checkbox,
    file_uploader,
    multiselect,
    number_input,
    radio,
    selectbox,
    slider,
    text_area,
    text_input,
    toggle,
)
from ._errors import DuplicateWidgetID, FragkernelError, FragmentError, StreamlitAPIException
from ._runtime.cells import install as _cells_install
from ._runtime.context import get_runtime
from ._runtime.fragment import fragment, rerun, stop
from ._runtime.state import SessionState

__version__ = "0.1.0"

session_state: SessionState = get_runtime().state
"""The kernel-wide session state, shared by every cell and fragment (SPEC S1)."""

# Follow the notebook's cells from the import on, so that the very cell that imports
# fragkernel already has its own scope for `with` blocks and containers (F25).
_cells_install()

__all__ = [
    # fragments
    "fragment",
    "rerun",
    "stop",
    "session_state",
    # flow
    "dialog",
    # widgets
    "button",
    "checkbox",
    "color_picker",
    "date_input",
    "download_button",
    "file_uploader",
    "multiselect",
    "number_input",
    "radio",
    "select_slider",
    "selectbox",
    "slider",
    "text_area",
    "text_input",
    "time_input",
    "toggle",
    # layout
    "columns",
    "container",
    "empty",
    "expander",
    "popover",
    "sidebar",
    "status",
    "tabs",
    # display
    "balloons",
    "caption",
    "code",
    "dataframe",
    "error",
    "exception",
    "header",
    "image",
    "info",
    "json",
    "markdown",
    "metric",
    "progress",
    "pyplot",
    "snow",
    "subheader",
    "spinner",
    "success",
    "table",
    "text",
    "title",
    "toast",
    "warning",
    "write",
    # types and errors
    "Block",
    "DuplicateWidgetID",
    "FragkernelError",
    "FragmentError",
    "PopoverContainer",
    "ProgressBar",
    "SessionState",
    "StatusContainer",
    "StreamlitAPIException",
    "ToastHandle",
    "UploadedFile",
    # the extension
    "load_ipython_extension",
    "unload_ipython_extension",
]

ELEMENTS.update(
    {
        name: globals()[name]
        for name in __all__
        if name not in ("fragment", "rerun", "stop", "session_state", "sidebar", "dialog")
        and name[0].islower()
        and "extension" not in name
    }
)


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext fragkernel``: magics, plus ``fragment``, ``session_state``, ``fk`` (E2)."""
    import sys

    from ._magics import FragmentMagics
    from ._runtime.cells import install
    from ._runtime.fragment import engine

    ipython.register_magics(FragmentMagics)
    ipython.user_ns.update(
        {"fragment": fragment, "session_state": session_state, "fk": sys.modules[__name__]}
    )
    engine()
    install()


def unload_ipython_extension(ipython: Any) -> None:
    """``%unload_ext fragkernel``: dispose every live fragment (E2)."""
    from ._runtime.cells import uninstall

    uninstall()
