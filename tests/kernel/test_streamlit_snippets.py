"""Examples of Streamlit's API docs run unchanged, each inside a fragment (SPEC E1, issue 4).

The examples are read at test time from the docstrings of the installed ``streamlit``
package (its API reference is built from them); nothing of them is copied here. Those that
use only elements fragkernel has and need no file or network run in a real kernel where
``import streamlit`` gives fragkernel.
"""

from __future__ import annotations

import ast
import builtins
import importlib.util
import re

import pytest

import fragkernel as fk
from tests.frontend import FrontEnd
from tests.streamlit_docs import examples

st = pytest.importorskip("streamlit")

AVAILABLE = {n for n in fk.__all__ if n[0].islower()} | {"session_state", "sidebar"}
OFFLINE = re.compile(r"open\(|https?://|\.(csv|jpg|png|mp3|mp4|parquet)\b|st\.secrets|connection")
#: Examples whose URLs only go into the page's HTML: the kernel fetches nothing.
URLS_IN_HTML_ONLY = {"iframe-0", "link_button-0", "set_page_config-0"}
#: Examples that do not run here, each with its reason.
SKIPPED = {
    "audio-0": "plays cat-purr.mp3, a file the example does not come with",
    "audio-1": "reads myaudio.ogg, a file the example does not come with",
    "video-0": "reads myvideo.mp4, a file the example does not come with",
    "video-1": "is not Python: the WebVTT subtitle file of the next example",
    "video-2": "reads subtitles.vtt, a file the example does not come with",
    "pdf-0": "reads report.pdf, a file the example does not come with (and has no import)",
    "help-1": "calls my_poorly_documented_function, which the example leaves undefined",
    "help-2": "is a piece of a script: it uses st without importing it",
    "help-3": "relies on Streamlit's magic (a bare expression is drawn), not in fragkernel",
    "iframe-2": "reads reports/dashboard.html, a file the example does not come with",
    "plotly_chart-0": "calls plotly.figure_factory.create_distplot, which plotly 7 removed "
    "(plotly_chart-1 runs; so does this one with plotly 6)",
    "chat_input-2": "chat_input(accept_file=True): files in a chat_input are not supported yet "
    "(fragkernel raises a StreamlitAPIException that says so)",
    "chat_input-4": "chat_input(accept_audio=True): audio in a chat_input is not supported yet "
    "(fragkernel raises a StreamlitAPIException that says so)",
    # Examples that draw a column_config need the grid (D1) and the editor (D2); their
    # column_config calls are checked against Streamlit's in tests/unit/test_column_config.py.
    "column_config.ButtonColumn-0": "ButtonColumn: the grid (SPEC D1, D2) does not draw "
    "clickable buttons in cells yet (Streamlit registers one widget per button column)",
    "column_config.ButtonColumn-1": "ButtonColumn: the grid (SPEC D1, D2) does not draw "
    "clickable buttons in cells yet (Streamlit registers one widget per button column)",
}
#: The namespaces of Streamlit fragkernel exports: their functions' examples are theirs.
NAMESPACES = ("column_config",)
#: The E5 elements whose every example either runs or is in SKIPPED.
E5_CHECKED = [
    "audio",
    "audio_input",
    "badge",
    "camera_input",
    "datetime_input",
    "divider",
    "echo",
    "feedback",
    "help",
    "html",
    "iframe",
    "latex",
    "link_button",
    "menu_button",
    "pagination",
    "pdf",
    "pills",
    "segmented_control",
    "set_page_config",
    "skeleton",
    "space",
    "video",
]

# Examples of the caching pages that cannot run here, by a substring that picks them: why.
NOT_RUN = {
    "asyncio.run(": "asyncio.run() cannot start inside a Jupyter kernel's running event loop; "
    "in a notebook, `await main()` in the cell (tests/kernel/test_cache.py runs it so)",
    "read_dataset": "reads a dataset file with read_dataset(), which the example leaves undefined",
    "make_database_connection": "needs a database: make_database_connection() is undefined",
    "fetch_and_clean_data.clear": "needs a database: _db_connection is undefined",
    "def fetch_and_clean_data(url)": "needs the network: fetches a URL and returns `data`, "
    "which the example leaves undefined",
    "get_database_session": "needs a database: the session it returns is undefined",
}
if importlib.util.find_spec("pydantic") is None:
    NOT_RUN["from pydantic"] = "needs pydantic, which is not installed here"


def _not_run(source: str) -> str | None:
    """Why an example cannot run here, or ``None``."""
    return next((why for marker, why in NOT_RUN.items() if marker in source), None)


def _snippets(name: str) -> list[str]:
    """The examples of ``st.NAME``'s docstring (of its decorator, for ``st.cache_data``)."""
    obj = getattr(st, name)
    return examples(getattr(obj, "_decorator", obj))


def _self_contained(source: str) -> bool:
    """Every name the snippet reads is imported, assigned or built in."""
    tree = ast.parse(source)
    bound = set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            bound |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return read <= bound


def _runnable(source: str, name: str = "") -> bool:
    offline = URLS_IN_HTML_ONLY.__contains__(name) or not OFFLINE.search(source)
    used = set(re.findall(r"\bst\.([a-z_]+)", source))
    methods = set(re.findall(r"\.([a-z_]+)\(", source)) & set(dir(st))
    imports = re.findall(r"^(?:from|import) ([a-zA-Z_]+)", source, re.M)
    return (
        "import streamlit as st" in source
        and bool(used)
        and (used | methods) <= AVAILABLE | {"state"}
        and offline
        and all(importlib.util.find_spec(m) is not None for m in imports)
        and _self_contained(source)
        and _not_run(source) is None
    )


SNIPPETS = [
    (f"{name}-{i}", source)
    for name in sorted(AVAILABLE)
    if hasattr(st, name) and callable(getattr(st, name))
    for i, source in enumerate(_snippets(name))
    if _runnable(source, f"{name}-{i}") and f"{name}-{i}" not in SKIPPED
]


#: Examples that write to the sidebar, which Streamlit refuses in a fragment function (F24):
#: they run as ``%%fragment`` cells, whose sidebar is their own.
AS_CELL = {"chat_input-1"}


def test_cell_runs_name_real_examples() -> None:
    """Every cell-run example exists: a stale entry would hide nothing."""
    assert {name for name, _ in SNIPPETS} >= AS_CELL


def test_every_e5_example_runs_or_says_why_not() -> None:
    """E5: no example of the E5 elements is left out silently."""
    run = {name for name, _ in SNIPPETS}
    for name in E5_CHECKED:
        for i, _ in enumerate(_snippets(name)):
            key = f"{name}-{i}"
            assert (key in run) != (key in SKIPPED), key


def test_every_namespace_example_runs_or_says_why_not() -> None:
    """D1, D2: the examples of a namespace's functions (``st.column_config.NumberColumn``) are
    not collected by SNIPPETS, which takes callables only: each is skipped with its reason.

    Only ``>>>`` examples are read (tests/streamlit_docs.py); the column types' code-block
    examples are checked call by call in tests/unit/test_column_config.py.
    """
    for namespace in NAMESPACES:
        assert namespace in AVAILABLE
        module = getattr(st, namespace)
        for member in module.__all__:
            for i, _ in enumerate(examples(getattr(module, member))):
                key = f"{namespace}.{member}-{i}"
                assert key in SKIPPED, key
    assert all(
        key.split("-")[0].split(".")[1] in getattr(st, key.split(".")[0]).__all__
        for key in SKIPPED
        if key.split(".")[0] in NAMESPACES
    )


def test_at_least_ten_snippets_are_tried() -> None:
    assert len(SNIPPETS) >= 10, [name for name, _ in SNIPPETS]


CACHING = [
    (f"{name}-{i}", source)
    for name in ("cache_data", "cache_resource")
    for i, source in enumerate(_snippets(name))
]


@pytest.mark.parametrize(("name", "source"), CACHING, ids=[name for name, _ in CACHING])
def test_every_caching_example_runs_or_says_why(name: str, source: str) -> None:
    """C1, C2: each example of st.cache_data / st.cache_resource runs below, or is skipped
    with its reason (a new example of those pages fails here until it is one or the other)."""
    reason = _not_run(source)
    if reason is not None:
        pytest.skip(reason)
    assert (name, source) in SNIPPETS


def test_snippets_run_unchanged_in_fragments(fe: FrontEnd) -> None:
    fe.execute(
        "import sys, fragkernel\nsys.modules['streamlit'] = fragkernel\n"
        "import matplotlib\nmatplotlib.use('agg')",
        cell_id="alias",
    )
    failures = []
    for name, source in SNIPPETS:
        if name in SKIPPED:
            continue
        code = (
            f"%%fragment\nexec({source!r}, {{}})"
            if name in AS_CELL
            else f"@fragment\ndef snippet():\n    exec({source!r}, {{}})\nsnippet()"
        )
        cell = fe.execute(code, cell_id=name, check=False)
        if cell.error is not None:
            failures.append((name, cell.error["evalue"]))
            continue
        area = cell.widget_ids[0]
        states = [fe.models[m].get("state") for m in fe.with_class("fragkernel-status")
                  if m in fe.descendants(area)]  # fmt: skip
        if "error" in states:
            failures.append((name, fe.render(area)[-400:]))
    assert failures == []
