"""fragkernel.column_config builds Streamlit's own column config dicts (SPEC D1, D2)."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
import textwrap
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

import fragkernel as fk
from fragkernel._errors import StreamlitAPIException
from tests.streamlit_docs import examples

st = pytest.importorskip("streamlit")
cc = fk.column_config

#: A representative call of every function: (name, args, kwargs), each option set.
CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("Column", ("Name",), {"width": "medium", "help": "h", "disabled": True, "required": True,
                           "pinned": False, "alignment": "center"}),
    ("NumberColumn", ("Price",), {"format": "dollar", "min_value": 0, "max_value": 9.5,
                                  "step": 0.5, "default": 1, "alignment": "right"}),
    ("NumberColumn", (), {"format": "%d ⭐"}),
    ("TextColumn", ("Code",), {"max_chars": 5, "validate": "^[A-Z]+$", "default": "AB",
                               "width": 120}),
    ("LinkColumn", ("Site",), {"display_text": "Open", "max_chars": 80, "validate": "^https"}),
    ("LinkColumn", (), {"display_text": " :material/open_in_new: "}),
    ("CheckboxColumn", ("Done?",), {"default": False, "help": "**done**"}),
    ("SelectboxColumn", ("Size",), {"options": ["S", "M", "L"], "default": "M",
                                    "required": True}),
    ("SelectboxColumn", (), {"options": (1, 2, 3), "format_func": lambda v: f"#{v}"}),
    ("SelectboxColumn", (), {"options": [], "format_func": str}),
    ("BarChartColumn", ("Sales",), {"y_min": 0, "y_max": 100, "color": "red"}),
    ("LineChartColumn", ("Views",), {"y_min": 0, "color": "#ff4b4b", "pinned": True}),
    ("AreaChartColumn", (), {"color": "rgba(255, 75, 75, 0.5)"}),
    ("AreaChartColumn", (), {"color": "auto-inverse", "width": "large"}),
    ("ImageColumn", ("Preview",), {"width": "small", "alignment": "center"}),
    ("AudioColumn", ("Sound",), {"help": "h"}),
    ("VideoColumn", ("Clip",), {"pinned": True}),
    ("JsonColumn", ("Payload",), {"width": "large"}),
    ("ListColumn", ("Tags",), {"default": ("a", "b"), "disabled": False, "required": True}),
    ("MultiselectColumn", ("Skills",), {"options": ["Py", "SQL", "Go"], "color": ["red", "blue"],
                                        "format_func": str.upper, "default": ("Py",),
                                        "accept_new_options": True}),
    ("MultiselectColumn", (), {"options": ["a", "b"], "color": "primary"}),
    ("MultiselectColumn", (), {"options": None, "color": "red"}),
    ("DatetimeColumn", ("Due",), {"default": datetime(2024, 1, 2, 3, 4),
                                  "min_value": datetime(2020, 1, 1), "format": "calendar",
                                  "max_value": datetime(2030, 1, 1, 12),
                                  "step": timedelta(minutes=15), "timezone": "Europe/Paris"}),
    ("TimeColumn", ("Opens",), {"default": time(9), "min_value": time(8), "format": "hh:mm a",
                                "max_value": time(18, 30), "step": 60}),
    ("DateColumn", ("Birthday",), {"default": date(2000, 1, 1), "min_value": date(1900, 1, 1),
                                   "max_value": date(2024, 12, 31), "step": 7,
                                   "format": "distance"}),
    ("ProgressColumn", ("Done",), {"format": "percent", "min_value": 0, "max_value": 1,
                                   "step": 0.01, "color": "green"}),
    ("MarkdownColumn", ("Notes",), {"default": "*x*", "alignment": "left", "required": False}),
    ("ButtonColumn", ("Action",), {"type": "primary", "width": "small"}),
    ("ButtonColumn", (), {}),
]  # fmt: skip


def _call(module: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    return getattr(module, name)(*args, **kwargs)


def test_every_streamlit_function_is_here() -> None:
    """D1: the namespace has exactly Streamlit 1.67's column types."""
    assert sorted(cc.__all__) == sorted(st.column_config.__all__)
    assert {name for name, _, _ in CALLS} == set(st.column_config.__all__)


@pytest.mark.parametrize(("name", "args", "kwargs"), CALLS, ids=[c[0] for c in CALLS])
def test_same_dict_as_streamlit(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """D1, D2: a call gives the very dict Streamlit gives: same keys, same values."""
    mine = _call(cc, name, args, kwargs)
    theirs = _call(st.column_config, name, args, kwargs)
    assert mine == theirs
    assert list(mine) == list(theirs)  # same order, so the JSON sent is the same too


def test_plain_column_infers_its_type() -> None:
    """D1: Column() has no type_config: the grid infers the type from the data."""
    assert "type_config" not in cc.Column("x")
    assert cc.NumberColumn()["type_config"]["type"] == "number"


def test_button_column_with_a_key_carries_its_callback() -> None:
    """D2: ButtonColumn(key=...) returns the config and the callback, as Streamlit does."""

    def archive() -> None:
        pass

    mine = cc.ButtonColumn("Go", on_click=archive, args=(1,), kwargs={"a": 2}, key="k")
    theirs = st.column_config.ButtonColumn(
        "Go", on_click=archive, args=(1,), kwargs={"a": 2}, key="k"
    )
    assert dataclasses.asdict(mine) == dataclasses.asdict(theirs)
    assert (
        mine.config["disabled"] is True and mine.config["type_config"]["button_type"] == "secondary"
    )


@pytest.mark.parametrize("extra", [{"on_click": print}, {"args": (1,)}, {"kwargs": {}}])
def test_button_callback_without_key_is_refused(extra: dict[str, Any]) -> None:
    """D2: a callback needs a key (Streamlit raises a StreamlitAPIException subclass too)."""
    with pytest.raises(StreamlitAPIException, match="needs key="):
        cc.ButtonColumn("Go", **extra)
    with pytest.raises(st.errors.StreamlitAPIException):
        st.column_config.ButtonColumn("Go", **extra)


@pytest.mark.parametrize("name", ["BarChartColumn", "LineChartColumn", "AreaChartColumn",
                                  "ProgressColumn"])  # fmt: skip
@pytest.mark.parametrize("color", ["pink", "#12", "rgb 1 2 3", "#1234567890"])
def test_bad_chart_colors_are_refused_like_streamlit(name: str, color: str) -> None:
    """D1: the colors Streamlit refuses are refused, with a message naming what works."""
    with pytest.raises(st.errors.StreamlitAPIException):
        getattr(st.column_config, name)(color=color)
    with pytest.raises(StreamlitAPIException, match=rf"{name}\(color=.*hex color"):
        getattr(cc, name)(color=color)


@pytest.mark.parametrize(
    "text", [":material/:", ":material/Not An Icon:", ":material/no such icon!:"]
)
def test_bad_material_icon_is_refused(text: str) -> None:
    """D1: a display_text that looks like a Material icon but is not one is refused."""
    with pytest.raises(st.errors.StreamlitAPIException):
        st.column_config.LinkColumn(display_text=text)
    with pytest.raises(StreamlitAPIException, match="Material icon"):
        cc.LinkColumn(display_text=text)


def test_a_date_column_refuses_a_string_with_a_clear_message() -> None:
    """D2: Streamlit fails with an AttributeError on 'str'.isoformat; we say what to pass."""
    with pytest.raises(TypeError, match=r"DateColumn\(min_value=...\) takes a date"):
        cc.DateColumn(min_value="2024-01-01")  # type: ignore[arg-type]


def test_an_empty_color_list_is_refused() -> None:
    """D1: Streamlit would leak a StopIteration; fragkernel says what to pass."""
    with pytest.raises(StreamlitAPIException, match="at least one color"):
        cc.MultiselectColumn(options=["a"], color=[])


def _docstring_calls(function: Any) -> list[tuple[str, str]]:
    """The ``st.column_config.X(...)`` calls of the examples of Streamlit's docstring, each
    with the functions its example defines (the callbacks of ButtonColumn)."""
    doc = inspect.getdoc(function) or ""
    blocks = re.findall(r"\.\. code-block:: python\n(?:\s+:.*\n)*\n((?:(?: {4}.*)?\n)+)", doc)
    calls = []
    for block in blocks + examples(function):  # code blocks, and ``>>>`` examples
        tree = ast.parse(textwrap.dedent(block))
        defs = "\n".join(ast.unparse(n) for n in tree.body if isinstance(n, ast.FunctionDef))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and ast.unparse(node.func.value) == "st.column_config"
            ):
                calls.append((ast.unparse(node), defs))
    return calls


DOC_CALLS = [
    (f"{name}-{i}", call, defs)
    for name in st.column_config.__all__
    for i, (call, defs) in enumerate(_docstring_calls(getattr(st.column_config, name)))
]


def test_every_docstring_example_has_calls() -> None:
    """The examples were found: each function's page shows at least one call."""
    assert {key.rsplit("-", 1)[0] for key, _, _ in DOC_CALLS} == set(st.column_config.__all__)


def _evaluate(call: str, defs: str, module: Any) -> Any:
    namespace = {"date": date, "datetime": datetime, "time": time, "timedelta": timedelta,
                 "st": module}  # fmt: skip
    exec(defs, namespace)
    result = eval(call, namespace)
    if dataclasses.is_dataclass(result):  # ButtonColumn(key=...): its callback by name
        fields = dataclasses.asdict(result)  # type: ignore[arg-type]
        return {**fields, "on_click": getattr(fields["on_click"], "__name__", None)}
    return result


@pytest.mark.parametrize(("key", "call", "defs"), DOC_CALLS, ids=[key for key, _, _ in DOC_CALLS])
def test_streamlit_docstring_calls_give_the_same_dict(key: str, call: str, defs: str) -> None:
    """D1, D2: every column_config call of Streamlit's API docs gives Streamlit's dict here.

    The examples themselves draw with st.data_editor / st.dataframe(column_config=...),
    which the grid adds; this runs their column_config calls, unchanged.
    """
    assert _evaluate(call, defs, fk) == _evaluate(call, defs, st)


def test_docstrings_have_an_example() -> None:
    """Each function documents itself with an example that calls it."""
    for name in cc.__all__:
        doc = getattr(cc, name).__doc__ or ""
        assert f"column_config.{name}(" in doc, name
