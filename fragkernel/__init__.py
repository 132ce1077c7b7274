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

from ._data import column_config
from ._elements.charts import (
    altair_chart,
    area_chart,
    bar_chart,
    graphviz_chart,
    line_chart,
    map,
    plotly_chart,
    pydeck_chart,
    scatter_chart,
    vega_lite_chart,
)
from ._elements.chat import chat_input, chat_message
from ._elements.choices import (
    feedback,
    link_button,
    menu_button,
    pagination,
    pills,
    segmented_control,
)
from ._elements.data import data_editor, dataframe
from ._elements.dialog import dialog
from ._elements.display import (
    caption,
    code,
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
from ._elements.download import download_button
from ._elements.feedback import ProgressBar, image, metric, progress, spinner
from ._elements.form import form, form_submit_button
from ._elements.layout import (
    ELEMENTS,
    Block,
    ExpanderContainer,
    GridContainer,
    TabContainer,
    bottom,
    columns,
    container,
    empty,
    expander,
    grid,
    sidebar,
    tabs,
)
from ._elements.media import audio, html, iframe, pdf, video
from ._elements.overlays import (
    PopoverContainer,
    StatusContainer,
    ToastHandle,
    balloons,
    popover,
    snow,
    status,
    toast,
)
from ._elements.pickers import (
    color_picker,
    date_input,
    datetime_input,
    select_slider,
    time_input,
)
from ._elements.recorders import audio_input, camera_input
from ._elements.stream import write_stream
from ._elements.utility import (
    SkeletonPlaceholder,
    badge,
    divider,
    echo,
    help,
    latex,
    set_page_config,
    skeleton,
    space,
)
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
    "cache_data",
    "cache_resource",
    "form",
    "form_submit_button",
    "dialog",
    # widgets
    "audio_input",
    "button",
    "camera_input",
    "chat_input",
    "checkbox",
    "color_picker",
    "data_editor",
    "date_input",
    "datetime_input",
    "feedback",
    "download_button",
    "file_uploader",
    "link_button",
    "menu_button",
    "multiselect",
    "number_input",
    "pagination",
    "pills",
    "radio",
    "segmented_control",
    "select_slider",
    "selectbox",
    "slider",
    "text_area",
    "text_input",
    "time_input",
    "toggle",
    # layout
    "bottom",
    "chat_message",
    "columns",
    "container",
    "empty",
    "expander",
    "grid",
    "popover",
    "sidebar",
    "status",
    "tabs",
    "space",
    # display
    "badge",
    "balloons",
    "caption",
    "code",
    "column_config",
    "dataframe",
    "divider",
    "echo",
    "error",
    "exception",
    "header",
    "help",
    "html",
    "image",
    "info",
    "json",
    "latex",
    "markdown",
    "metric",
    "progress",
    "pyplot",
    "skeleton",
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
    "write_stream",
    # charts
    "altair_chart",
    "area_chart",
    "bar_chart",
    "graphviz_chart",
    "line_chart",
    "map",
    "plotly_chart",
    "pydeck_chart",
    "scatter_chart",
    "vega_lite_chart",
    # media
    "audio",
    "iframe",
    "pdf",
    "video",
    # page (accepted, without effect in a notebook)
    "set_page_config",
    # types and errors
    "Block",
    "DuplicateWidgetID",
    "ExpanderContainer",
    "FragkernelError",
    "FragmentError",
    "GridContainer",
    "PopoverContainer",
    "ProgressBar",
    "SessionState",
    "SkeletonPlaceholder",
    "StatusContainer",
    "StreamlitAPIException",
    "TabContainer",
    "ToastHandle",
    "UploadedFile",
    # the extension
    "load_ipython_extension",
    "unload_ipython_extension",
]

# Every other lowercase name is an element, hence also a method of every container.
_NOT_ELEMENTS = ("fragment", "rerun", "stop", "session_state", "sidebar", "bottom", "cache_data",
                 "cache_resource", "set_page_config", "dialog", "column_config")  # fmt: skip
ELEMENTS.update(
    {
        name: globals()[name]
        for name in __all__
        if name not in _NOT_ELEMENTS and name[0].islower() and "extension" not in name
    }
)


#: Streamlit's page-only names, left out on purpose: a notebook has no pages (SPEC E5).
PAGE_ONLY = frozenset(
    {"navigation", "Page", "query_params", "login", "switch_page", "page_link", "logo",
     "set_option"}
)  # fmt: skip
#: Streamlit 1.67's other public names that fragkernel does not have yet.
NOT_YET = frozenset(
    {"App", "components", "connection", "context", "echarts_chart", "get_option", "logout",
     "mermaid_chart", "secrets", "user"}
)  # fmt: skip


def __getattr__(name: str) -> Any:
    """Load the caches on first use; say which Streamlit names are missing, and why (E5)."""
    if name in ("cache_data", "cache_resource"):
        from . import _cache  # hashing and pickling: loaded when a notebook caches

        value = getattr(_cache, name)
        globals()[name] = value
        return value
    if name in PAGE_ONLY:
        raise AttributeError(
            f"fragkernel.{name} is not supported: st.{name} is about the pages of a Streamlit "
            "app, and a notebook has no pages: it is left out on purpose."
        )
    if name in NOT_YET:
        raise AttributeError(
            f"fragkernel.{name} is not supported yet: st.{name} is a Streamlit API that "
            "fragkernel does not have yet."
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext fragkernel``: magics, plus ``fragment``, ``session_state``, ``fk`` (E2)."""
    import sys

    from ._magics import FragmentMagics
    from ._runtime.cells import install
    from ._runtime.engine import engine

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
