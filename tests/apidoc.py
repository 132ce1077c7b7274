"""Write docs/api.md from the package itself: ``python -m tests.apidoc``.

``tests/unit/test_apidoc.py`` fails when the file differs from what this produces, so the
reference cannot drift from the code.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import fragkernel as fk

TARGET = Path(__file__).parents[1] / "docs" / "api.md"
GROUPS = {
    "Fragments": ["fragment", "rerun", "stop", "session_state"],
    "Flow": ["cache_data", "cache_resource", "form", "form_submit_button"],
    "Widgets": ["audio_input", "button", "camera_input", "chat_input", "checkbox",
                "color_picker", "date_input", "datetime_input", "feedback", "file_uploader",
                "link_button", "menu_button", "multiselect",
                "number_input", "pagination", "pills", "radio", "segmented_control",
                "select_slider", "selectbox", "slider", "text_area", "text_input", "time_input",
                "toggle"],
    "Layout": ["bottom", "chat_message", "columns", "container", "empty", "expander", "grid",
               "sidebar", "space", "tabs"],
    "Data": ["column_config", "data_editor", "dataframe"],
    "Display": ["badge", "caption", "code", "divider", "echo", "error", "exception",
                "header", "help", "html", "image", "info", "json", "latex", "markdown", "metric",
                "progress", "pyplot", "skeleton", "spinner", "subheader", "success", "table",
                "text", "title", "warning", "write", "write_stream"],
    "Charts": ["altair_chart", "area_chart", "bar_chart", "graphviz_chart", "line_chart", "map",
               "plotly_chart", "pydeck_chart", "scatter_chart", "vega_lite_chart"],
    "Media": ["audio", "iframe", "pdf", "video"],
    "Overlays and feedback": ["balloons", "dialog", "download_button", "popover", "snow",
                              "status", "toast"],
    "Page": ["set_page_config"],
    "Types and errors": ["Block", "DuplicateWidgetID", "ExpanderContainer", "FragkernelError",
                         "FragmentError", "GridContainer", "PopoverContainer", "ProgressBar",
                         "SessionState",
                         "SkeletonPlaceholder", "StatusContainer", "StreamlitAPIException",
                         "TabContainer", "ToastHandle", "UploadedFile"],
    "Notebook extension": ["load_ipython_extension", "unload_ipython_extension"],
}  # fmt: skip


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return doc.split("\n\n", 1)[0].replace("\n", " ")


def _signature(name: str, obj: object) -> str:
    if name in ("session_state", "sidebar", "bottom"):
        return name
    try:
        signature = inspect.signature(obj)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return name
    parts = []
    for param in signature.parameters.values():
        text = param.name
        if param.kind is param.VAR_POSITIONAL:
            text = "*" + text
        elif param.kind is param.VAR_KEYWORD:
            text = "**" + text
        if param.annotation is not param.empty:
            text += f": {_annotation(param.annotation)}"
        if param.default is not param.empty:
            text += f" = {_default(param.default)}"
        parts.append(text)
    kinds = [p.kind for p in signature.parameters.values()]
    if inspect.Parameter.POSITIONAL_ONLY in kinds:
        parts.insert(
            kinds.index(inspect.Parameter.POSITIONAL_OR_KEYWORD)
            if inspect.Parameter.POSITIONAL_OR_KEYWORD in kinds
            else len([k for k in kinds if k is inspect.Parameter.POSITIONAL_ONLY]),
            "/",
        )
    if inspect.Parameter.KEYWORD_ONLY in kinds and inspect.Parameter.VAR_POSITIONAL not in kinds:
        at = kinds.index(inspect.Parameter.KEYWORD_ONLY)
        parts.insert(at + (1 if "/" in parts[: at + 1] else 0), "*")
    result = ""
    if signature.return_annotation is not signature.empty:
        result = f" -> {_annotation(signature.return_annotation)}"
    return f"{name}({', '.join(parts)}){result}"


def _annotation(annotation: object) -> str:
    return (
        annotation
        if isinstance(annotation, str)
        else getattr(annotation, "__name__", str(annotation))
    )


def _default(value: object) -> str:
    if isinstance(value, type):
        return value.__name__
    if inspect.ismodule(value):
        return value.__name__
    return re.sub(r"<function (\w+) at 0x[0-9a-f]+>", r"\1", repr(value))


def render() -> str:
    lines = [
        "# fragkernel API reference",
        "",
        "Generated from the package by `python -m tests.apidoc`; a test keeps it in step with",
        "`fragkernel.__all__`. Every element is also a method of every container",
        '(`cols[0].toggle("Toggle")`, `fk.sidebar.slider(...)`).',
        "",
    ]
    for group, names in GROUPS.items():
        lines += [f"## {group}", ""]
        for name in names:
            obj = getattr(fk, name)
            summary = _summary(type(obj) if name in ("session_state", "sidebar") else obj)
            if name == "session_state":
                summary = "The kernel-wide session state, shared by every cell and fragment."
            if name == "sidebar":
                summary = "The sidebar: a narrow column beside the cell's output."
            lines += [
                f"### `{name}`",
                "",
                "```python",
                _signature(name, obj),
                "```",
                "",
                summary,
                "",
            ]
            if inspect.ismodule(obj):  # a namespace (column_config): each of its functions
                for member in obj.__all__:
                    qualified = f"{name}.{member}"
                    function = getattr(obj, member)
                    lines += [f"#### `{qualified}`", "", "```python",
                              _signature(qualified, function), "```", "",
                              _summary(function), ""]  # fmt: skip
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    TARGET.write_text(render())
    print(f"wrote {TARGET}")
