"""The engine in-process (no kernel): reconciliation, errors, API rules."""

from __future__ import annotations

from collections.abc import Iterator

import ipywidgets as widgets
import pytest
from IPython import get_ipython
from IPython.testing.globalipapp import start_ipython

import fragkernel as fk
from fragkernel._runtime.cells import begin_cell
from fragkernel._runtime.engine import live_instances


@pytest.fixture(autouse=True)
def shell() -> Iterator[object]:
    ip = get_ipython() or start_ipython()
    ip.run_line_magic("load_ext", "fragkernel")
    yield ip
    ip.run_line_magic("fragkernel", "reset")
    fk.session_state.clear()


class _Area:
    """A fragment's area as a person sees it: its children without the hidden status views."""

    def __init__(self, box: widgets.Box) -> None:
        self.box = box

    @property
    def children(self) -> tuple[widgets.Widget, ...]:
        hidden = {"fragkernel-status", "fragkernel-busy"}
        return tuple(c for c in self.box.children if not hidden & set(c._dom_classes))

    def observe(self, *args: object, **kwargs: object) -> None:
        self.box.observe(*args, **kwargs)


def _area() -> _Area:
    return _Area(live_instances()[-1].root.box)


def _texts(box: _Area) -> list[str]:
    out = []
    for child in box.children:
        if isinstance(child, widgets.Output):
            out += [o.get("text") or o["data"].get("text/plain", "") for o in child.outputs]
    return out


def test_reconciliation_reuses_models_and_sends_nothing_unchanged() -> None:
    """F3, F4: a rerun with the same values leaves children and outputs untouched."""

    @fk.fragment
    def f() -> int:
        v = fk.slider("v", 0, 10, 1)
        fk.text("static")
        fk.text(f"v={v}")
        return v

    assert f() == 1  # F5
    area = _area()
    children = area.children
    sent: list[str] = []
    for child in children:
        child.observe(lambda change: sent.append(change["name"]), names=["outputs"])
    area.observe(lambda change: sent.append("children"), names=["children"])
    slider = children[0]
    slider.value = 5
    assert area.children == children
    assert _texts(area) == ["static", "v=5"]
    assert sent == ["outputs"]  # only the output that changed


def test_removed_elements_are_closed() -> None:
    """F3: an element the latest run did not draw is removed."""

    @fk.fragment
    def f() -> None:
        if fk.checkbox("more"):
            fk.text_input("extra")
            fk.text("more text")

    f()
    area = _area()
    box = area.children[0]
    box.value = True
    assert len(area.children) == 3
    extra = area.children[1]
    box.value = False
    assert len(area.children) == 1
    assert extra.comm is None or extra not in area.children


def test_errors_of_the_api() -> None:
    """F10, F12, S2: rerun/stop outside fragments, button state set by the user."""
    with pytest.raises(fk.FragmentError, match="outside any fragment"):
        fk.rerun(scope="fragment")
    with pytest.raises(fk.FragmentError, match="outside any fragment"):
        fk.stop()
    with pytest.raises(fk.StreamlitAPIException, match="no fragment with that key"):
        fk.rerun(scope="page")  # F23: any other scope names fragments by key
    fk.session_state["b"] = True

    @fk.fragment
    def f() -> None:
        fk.button("b", key="b")

    f()
    assert "StreamlitAPIException" in str(_area().children[-1].outputs)
    with pytest.raises(fk.FragmentError, match="already a fragment"):
        fk.fragment(f)


def test_session_state_initial_value_and_on_change() -> None:
    """S2, S3: a preset value is the initial value; on_change runs with the new state."""
    fk.session_state["name"] = "preset"
    calls: list[str] = []

    @fk.fragment
    def f() -> None:
        fk.text_input("Name", key="name", on_change=lambda: calls.append(fk.session_state.name))
        fk.text(fk.session_state.name)

    f()
    area = _area()
    assert area.children[0].value == "preset"
    area.children[0].value = "typed"
    assert calls == ["typed"]
    assert _texts(area) == ["typed"]
    begin_cell("another cell", None)  # S4: a write from another cell reruns the reader
    fk.session_state["name"] = "from code"  # S2/S4: shows at once
    assert area.children[0].value == "from code"


def test_markdown_escapes_html_unless_asked() -> None:
    """U2: text is never HTML unless unsafe_allow_html=True."""

    @fk.fragment
    def f() -> None:
        fk.markdown("<img src=x onerror=alert(1)>")
        fk.markdown("<b>bold</b>", unsafe_allow_html=True)
        fk.success("<i>not html</i>")

    f()
    outputs = [o for c in _area().children for o in c.outputs]
    assert outputs[0]["data"]["text/html"].startswith("<p>&lt;img")
    assert outputs[1]["data"]["text/html"] == "<p><b>bold</b></p>\n"
    assert not any("text/markdown" in o["data"] for o in outputs)  # issue 15: HTML only
    assert "&lt;i&gt;not html&lt;/i&gt;" in outputs[2]["data"]["text/html"]


def test_with_blocks_nest_even_on_the_same_container() -> None:
    """F1: `with container:` draws into it; entering the same block twice nests cleanly."""

    @fk.fragment
    def f() -> None:
        box = fk.container()
        with box:
            with box:
                fk.text("inner")
            fk.text("outer")
        fk.text("after")

    f()
    area = _area()
    inner_box, after = area.children
    assert [o.outputs[0]["data"]["text/plain"] for o in inner_box.children] == ["inner", "outer"]
    assert after.outputs[0]["data"]["text/plain"] == "after"
