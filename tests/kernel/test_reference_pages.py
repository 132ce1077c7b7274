"""The examples of Streamlit's st.fragment, st.rerun, st.stop and st.session_state pages.

Each example is read at test time from the docstrings of the installed ``streamlit`` (its
API reference is built from them; nothing of them is copied here beyond a substring that
picks it), run as one ``%%fragment`` cell (SPEC E3: the cell is the app) with only
``import streamlit as st`` changed to ``import fragkernel as st``, then driven the way the
page describes. The tests assert what the page says: which parts reran and what is on
screen.

Which parts ran is counted without touching the example: a profile hook, set in a cell
before the example, counts the calls of every code object of the example's cell (the code
whose source, in ``linecache``, has the line ``import fragkernel as st``), by name:
``<module>`` is a run of the whole app, ``my_fragment`` a run of that fragment,
``<lambda>`` a callback.

Examples that need elements fragkernel does not have yet wait for them: issue 12 (app
flow: cache, forms, dialogs, toast, balloons) and issue 13 (charts, grids).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

import pytest

import fragkernel as fk
from tests.frontend import FrontEnd
from tests.streamlit_docs import examples

st = pytest.importorskip("streamlit")

# -- the pages ------------------------------------------------------------------------------

PAGES: dict[str, Callable[[], Any]] = {
    "st.fragment": lambda: st.fragment,
    "st.rerun": lambda: st.rerun,
    "st.stop": lambda: st.stop,
    "st.session_state": lambda: type(st.session_state),  # SessionStateProxy's docstring
    # other pages whose examples use st.fragment / st.rerun / st.stop
    "st.dialog": lambda: st.dialog,
    "st.text_input": lambda: st.text_input,
}

# (page, a substring that picks the example): every example this file runs
COVERED = {
    ("st.fragment", "def release_the_balloons"),
    ("st.fragment", "def my_fragment"),
    ("st.fragment", "def count_to_five"),
    ("st.fragment", 'key="charts"'),
    ("st.rerun", "def charts"),
    ("st.rerun", "def table"),
    ("st.stop", "st.stop()"),
    ("st.session_state", '"Increment"'),
    ("st.session_state", '"Volume"'),
    ("st.session_state", "def mark_done"),
    ("st.dialog", '"Cast your vote"'),
    ("st.text_input", "def product_search"),
}

ISSUE_12 = "issue 12 (app flow: cache, forms, dialogs, toast, balloons)"
ISSUE_13 = "issue 13 (charts, grids)"


def example(page: str, marker: str) -> str:
    """The one example of ``page`` that contains ``marker``."""
    found = [e for e in examples(PAGES[page]()) if marker in e]
    assert len(found) == 1, f"{len(found)} examples of {page} contain {marker!r}"
    return found[0]


def as_cell(source: str) -> str:
    """The example as a ``%%fragment`` cell, with only its import changed."""
    assert source.count("import streamlit as st") == 1
    return "%%fragment\n" + source.replace("import streamlit as st", "import fragkernel as st")


def needs(*names: str, issue: str) -> pytest.MarkDecorator:
    missing = [n for n in names if not hasattr(fk, n)]
    return pytest.mark.skipif(bool(missing), reason=f"needs st.{', st.'.join(names)}: {issue}")


def test_every_example_of_the_pages_is_run() -> None:
    """E1: the examples found on the pages are exactly those this file runs.

    Every example of the four pages, and every example of any ``st.*`` docstring that uses
    st.fragment, st.rerun or st.stop, is picked by one entry of ``COVERED``: a Streamlit
    with new examples fails here until they are run too.
    """
    relevant = {
        source
        for page in ("st.fragment", "st.rerun", "st.stop", "st.session_state")
        for source in examples(PAGES[page]())
    }
    for name in dir(st):
        if not name.startswith("_"):
            relevant |= {
                source
                for source in examples(getattr(st, name))
                if re.search(r"\bst\.(fragment|rerun|stop)\b", source)
            }
    picked = {example(page, marker) for page, marker in COVERED}
    assert len(picked) == len(COVERED)
    assert relevant == picked


# -- instrumentation and reading the screen -------------------------------------------------

INSTRUMENT = """
import collections, linecache, sys, threading
_ref_runs = collections.Counter()
_ref_files = {}
def _ref_profile(frame, event, arg):
    if event != "call":
        return
    name = frame.f_code.co_filename
    known = _ref_files.get(name)
    if known is None:
        known = _ref_files[name] = any(
            line.strip() == "import fragkernel as st" for line in linecache.getlines(name)
        )
    if known:
        _ref_runs[frame.f_code.co_name] += 1
sys.setprofile(_ref_profile)
threading.setprofile(_ref_profile)
"""


class App:
    """One example, run as a ``%%fragment`` cell in the kernel, and what it shows."""

    def __init__(self, fe: FrontEnd, source: str) -> None:
        self.fe = fe
        fe.execute(INSTRUMENT, cell_id="instrument")
        self.cell = fe.execute(as_cell(source), cell_id="example", check=False)
        assert self.cell.error is None, self.cell.error["evalue"]
        (self.area,) = self.cell.widget_ids
        self.problems: list[str] = []
        if self.runs("<module>") == {"<module>": 0}:
            pytest.fail("the profile hook saw no run of the cell: its code is not in linecache")

    def runs(self, *names: str) -> dict[str, int]:
        """How many times each named code object of the example ran so far."""
        counts = self.fe.evaluate("dict(_ref_runs)")
        return {name: counts.get(name, 0) for name in names}

    def value(self, expression: str) -> Any:
        """The value of an expression in the kernel, or the error it raised, as text."""
        result = self.fe.execute(
            f"import json as _j; print(_j.dumps({expression}))", "__eval__", check=False
        )
        if result.error is not None:
            return f"<{result.error['ename']}: {result.error['evalue']}>"
        return json.loads(result.text)

    def settle(self, what: str) -> None:
        """Let the reruns an interaction caused land; a kernel still busy fails the test."""
        try:
            self.fe.flush(timeout=15)
            self.fe.execute("", cell_id="__sync__", timeout=15)
        except TimeoutError:
            shown = self.fe.render(self.area)
            pytest.fail(
                f"after {what}, the kernel was still busy 15 s later (reruns never stop); "
                f"the area ends with {shown[-300:]!r}; earlier: {self.problems}"
            )

    def screen(self) -> list[str]:
        """The area as lines of text; an icon or heading mark before the text is dropped."""
        return [re.sub(r"^\W+ ", "", line) for line in self.fe.render(self.area).splitlines()]

    def expect(self, when: str, actual: Any, expected: Any) -> None:
        if actual != expected:
            self.problems.append(f"{when}: {actual!r} != {expected!r}")

    def expect_screen(self, when: str, expected: list[str]) -> None:
        """F3, F26: exactly these lines, no more (no leftover, no stray value of a call)."""
        self.expect(f"{when}, on screen", self.screen(), expected)
        self.expect_no_error(when)

    def expect_no_error(self, when: str) -> None:
        """F12: the area is not in its error state."""
        states = [
            self.fe.models[m].get("state")
            for m in self.fe.with_class("fragkernel-status")
            if m in self.fe.descendants(self.area)
        ]
        if "error" in states:
            self.problems.append(f"{when}: the area shows an error")

    def done(self) -> None:
        assert self.problems == [], "\n".join(self.problems)


def everything(fe: FrontEnd) -> str:
    """Every shown model's state as text, for elements drawn where this file cannot know."""
    return json.dumps(fe.models, ensure_ascii=False)


# -- st.fragment ----------------------------------------------------------------------------


@needs("balloons", issue=ISSUE_12)
def test_fragment_balloons(fe: FrontEnd) -> None:
    """F1, F2, E3: "releasing" reruns the fragment alone; "inflating" reruns the whole app."""
    started = time.monotonic()
    app = App(fe, example("st.fragment", "def release_the_balloons"))
    app.expect("first run took the 5 s sleep", time.monotonic() - started >= 5, True)
    app.expect("first run", app.runs("<module>", "release_the_balloons"), {
        "<module>": 1, "release_the_balloons": 1})  # fmt: skip
    shown = app.screen()
    app.expect("the spinner is gone after the run", "Inflating balloons..." in shown, False)
    for label in ("Release the balloons", "Inflate more balloons"):
        app.expect(f"button {label}", f"[Button {label}=None]" in shown, True)

    started = time.monotonic()
    fe.click(fe.find("Button", "Release the balloons"))
    app.settle("Release the balloons")
    app.expect("release is quick", time.monotonic() - started < 5, True)
    app.expect("after release", app.runs("<module>", "release_the_balloons"), {
        "<module>": 1, "release_the_balloons": 2})  # fmt: skip

    fe.click(fe.find("Button", "Inflate more balloons"))
    app.settle("Inflate more balloons")
    app.expect("after inflate", app.runs("<module>", "release_the_balloons"), {
        "<module>": 2, "release_the_balloons": 3})  # fmt: skip
    app.done()


def test_fragment_counters_show_which_part_reran(fe: FrontEnd) -> None:
    """F2, F3, S1, S4, E3: "Rerun fragment" reruns and redraws the fragment only.

    The page: clicking "Rerun full app" increments both counters and updates every value
    shown; clicking "Rerun fragment" increments the fragment's counter only, and the two
    st.write outside the fragment do not update. The fragment writes session_state, which
    must not rerun its own %%fragment cell (S4: within one cell, Streamlit's rule).
    """
    app = App(fe, example("st.fragment", "def my_fragment"))

    def shown(fragment: int, app_runs: int, seen: int) -> list[str]:
        return [
            "[Button Rerun fragment=None]",
            f"Fragment says it ran {fragment} times.",
            "[Button Rerun full app=None]",
            f"Full app says it ran {app_runs} times.",
            f"Full app sees that fragment ran {seen} times.",
        ]

    def state() -> Any:
        return app.value("[fk.session_state.app_runs, fk.session_state.fragment_runs]")

    app.expect_screen("first run", shown(1, 1, 1))
    app.expect("first run", app.runs("<module>", "my_fragment"), {"<module>": 1, "my_fragment": 1})

    rerun_fragment = fe.find("Button", "Rerun fragment")
    for clicks in (1, 2):
        fe.click(rerun_fragment)
        app.settle(f"Rerun fragment click {clicks}")
        app.expect_screen(f"Rerun fragment x{clicks}", shown(1 + clicks, 1, 1))
        app.expect(f"Rerun fragment x{clicks}", app.runs("<module>", "my_fragment"), {
            "<module>": 1, "my_fragment": 1 + clicks})  # fmt: skip
        app.expect(f"Rerun fragment x{clicks}, [app_runs, fragment_runs]", state(), [1, 1 + clicks])

    fe.click(fe.find("Button", "Rerun full app"))
    app.settle("Rerun full app")
    app.expect_screen("Rerun full app", shown(4, 2, 4))
    app.expect("Rerun full app", app.runs("<module>", "my_fragment"), {
        "<module>": 2, "my_fragment": 4})  # fmt: skip
    app.expect("Rerun full app, [app_runs, fragment_runs]", state(), [2, 4])
    app.expect("the fragment's button is one model", fe.find("Button", "Rerun fragment"),
               rerun_fragment)  # fmt: skip
    app.done()


def test_fragment_rerun_app_every_fifth_click(fe: FrontEnd) -> None:
    """F2, F10, S4, F4: "Plus one!" reruns the fragment; every fifth click st.rerun()s the app.

    The header outside the fragment shows the multiples of five: it changes only when the
    fragment calls st.rerun() (a full app rerun), never on the fragment's own reruns.
    """
    app = App(fe, example("st.fragment", "def count_to_five"))

    def shown(multiples: int) -> list[str]:
        return [
            "[Button Plus one!=None]",
            f"Multiples of five clicks: {multiples}",
            "[Button Check click count=None]",
        ]

    app.expect_screen("first run", shown(0))
    plus_one = fe.find("Button", "Plus one!")
    for clicks in range(1, 5):
        fe.click(plus_one)
        app.settle(f"Plus one! click {clicks}")
        app.expect(f"click {clicks}, clicks", app.value("fk.session_state.clicks"), clicks)
        app.expect(f"click {clicks}", app.runs("<module>", "count_to_five"), {
            "<module>": 1, "count_to_five": 1 + clicks})  # fmt: skip
        app.expect_screen(f"click {clicks}", shown(0))

    fe.click(plus_one)
    app.settle("Plus one! click 5")
    # the app rerun st.rerun() asked for: the button is False in it, so no sixth count
    app.expect("click 5, clicks", app.value("fk.session_state.clicks"), 5)
    app.expect("click 5: one app rerun", app.runs("<module>", "count_to_five"), {
        "<module>": 2, "count_to_five": 7})  # fmt: skip
    app.expect_screen("click 5", shown(1))

    fe.click(fe.find("Button", "Plus one!"))
    app.settle("Plus one! click 6")
    app.expect("click 6, clicks", app.value("fk.session_state.clicks"), 6)
    app.expect("click 6", app.runs("<module>", "count_to_five"), {
        "<module>": 2, "count_to_five": 8})  # fmt: skip
    app.expect_screen("click 6", shown(1))
    app.expect("Plus one! is one model", fe.find("Button", "Plus one!"), plus_one)
    app.done()


@needs("toast", issue=ISSUE_12)
def test_fragment_check_click_count_toast(fe: FrontEnd) -> None:
    """E3, M3: "Check click count", outside the fragment, reruns the app and shows a toast."""
    app = App(fe, example("st.fragment", "def count_to_five"))
    plus_one = fe.find("Button", "Plus one!")
    for clicks in range(1, 4):
        fe.click(plus_one)
        app.settle(f"Plus one! click {clicks}")
    app.expect("no toast before the click", "Total clicks" in everything(fe), False)
    fe.click(fe.find("Button", "Check click count"))
    app.settle("Check click count")
    app.expect("after Check click count", app.runs("<module>", "count_to_five"), {
        "<module>": 2, "count_to_five": 5})  # fmt: skip
    app.expect("a toast says the total", "Total clicks: 3" in everything(fe), True)
    app.done()


def test_fragment_key_lets_a_callback_rerun_it_alone(fe: FrontEnd) -> None:
    """F23, F21, S2, F26: a selectbox's callback st.rerun("charts") reruns that fragment only.

    The page: "Use key to let a widget callback outside the fragment trigger a
    fragment-only rerun". The selectbox is drawn by the app (the %%fragment cell), so
    without the callback it would rerun the whole cell; st.rerun("charts") replaces that.
    """
    app = App(fe, example("st.fragment", 'key="charts"'))
    app.expect_screen("first run", ["Data: all", "[Dropdown Filter=0]"])
    app.expect("first run", app.runs("<module>", "show_charts", "<lambda>"), {
        "<module>": 1, "show_charts": 1, "<lambda>": 0})  # fmt: skip

    fe.set(fe.find("Dropdown", "Filter"), index=1)
    app.settle("choosing recent")
    app.expect("filter in session_state", app.value("fk.session_state.filter"), "recent")
    app.expect("after choosing recent", app.runs("<module>", "show_charts", "<lambda>"), {
        "<module>": 1, "show_charts": 2, "<lambda>": 1})  # fmt: skip
    app.expect_screen("after choosing recent", ["Data: recent", "[Dropdown Filter=1]"])
    app.done()


# -- st.rerun -------------------------------------------------------------------------------


@needs("line_chart", issue=ISSUE_13)
def test_rerun_named_fragments_from_callbacks(fe: FrontEnd) -> None:
    """F23, F21: st.rerun("charts") and st.rerun(["charts", "table"]) from button callbacks.

    The page's two examples are one app (the second continues the first). Each button's
    callback reruns the named fragments only, not the app.
    """
    app = App(fe, example("st.rerun", "def charts") + example("st.rerun", "def table"))
    names = ("<module>", "charts", "table")
    app.expect("first run", app.runs(*names), {"<module>": 1, "charts": 1, "table": 1})
    fe.click(fe.find("Button", "Refresh charts"))
    app.settle("Refresh charts")
    app.expect("Refresh charts", app.runs(*names), {"<module>": 1, "charts": 2, "table": 1})
    fe.click(fe.find("Button", "Refresh all"))
    app.settle("Refresh all")
    app.expect("Refresh all", app.runs(*names), {"<module>": 1, "charts": 3, "table": 2})
    shown = app.screen()
    for label in ("Refresh charts", "Refresh all"):
        app.expect(f"button {label}", f"[Button {label}=None]" in shown, True)
    app.expect_no_error("after both")
    app.done()


# -- st.stop --------------------------------------------------------------------------------


def test_stop_until_a_name_is_given(fe: FrontEnd) -> None:
    """F12, F19, E3: no statement after st.stop() runs; the run ends quietly.

    With no name the app shows the warning only; with a name, the success only. Streamlit
    counts a run ended by st.stop() as finished: what it did not draw (the success of an
    earlier run) goes; the text input it drew stays, the same widget.
    """
    app = App(fe, example("st.stop", "st.stop()"))
    app.expect_screen("no name", ["[Text Name='']", "Please input a name."])
    name = fe.find("Text", "Name")

    fe.set(name, value="Ann")
    app.settle("typing a name")
    app.expect_screen("a name", ["[Text Name='Ann']", "Thank you for inputting a name."])
    app.expect("a name", app.runs("<module>"), {"<module>": 2})

    fe.set(name, value="")
    app.settle("clearing the name")
    app.expect_screen("name cleared", ["[Text Name='']", "Please input a name."])
    app.expect("name cleared", app.runs("<module>"), {"<module>": 3})
    app.expect("the text input is one model", fe.find("Text", "Name"), name)
    app.done()


# -- st.session_state -----------------------------------------------------------------------


def test_session_state_initialize_and_update(fe: FrontEnd) -> None:
    """S1, E3, F26: setdefault then += 1 on each click; the count on screen follows."""
    app = App(fe, example("st.session_state", '"Increment"'))
    app.expect_screen("first run", ["[Button Increment=None]", "0"])
    for clicks in (1, 2, 3):
        fe.click(fe.find("Button", "Increment"))
        app.settle(f"Increment click {clicks}")
        app.expect_screen(f"click {clicks}", ["[Button Increment=None]", str(clicks)])
        app.expect(f"click {clicks}", app.runs("<module>"), {"<module>": 1 + clicks})
    app.expect("count", app.value("fk.session_state.count"), 3)
    app.done()


def test_session_state_sets_a_widget_value_before_it_is_created(fe: FrontEnd) -> None:
    """S2, F4, F26: the slider starts at the 50 set in session_state; a move is kept there.

    The last line is a call (st.slider): Streamlit's magic never writes its value.
    """
    app = App(fe, example("st.session_state", '"Volume"'))
    app.expect_screen("first run", ["[IntSlider Volume=50]"])
    volume = fe.find("IntSlider", "Volume")
    fe.set(volume, value=70)
    app.settle("moving the slider")
    app.expect("volume in session_state", app.value("fk.session_state.volume"), 70)
    app.expect("moving the slider", app.runs("<module>"), {"<module>": 2})
    app.expect_screen("moving the slider", ["[IntSlider Volume=70]"])
    app.expect("the slider is one model", fe.find("IntSlider", "Volume"), volume)
    app.done()


def test_session_state_button_driven_state_in_its_own_key(fe: FrontEnd) -> None:
    """S3, S5, F21, F26: on_click writes "done"; the button's own key is False outside its run.

    The last line is a call (st.button): Streamlit's magic never writes its value.
    """
    app = App(fe, example("st.session_state", "def mark_done"))
    app.expect_screen("first run", ["[Button Done=None]"])
    app.expect("done before", app.value("'done' in fk.session_state"), False)
    app.expect("done_btn before", app.value("fk.session_state['done_btn']"), False)

    fe.click(fe.find("Button", "Done"))
    app.settle("clicking Done")
    app.expect("done", app.value("fk.session_state.get('done')"), True)
    app.expect("done_btn after its run", app.value("fk.session_state['done_btn']"), False)
    app.expect("callback, then one app rerun", app.runs("<module>", "mark_done"), {
        "<module>": 2, "mark_done": 1})  # fmt: skip
    app.expect_screen("after clicking Done", ["[Button Done=None]"])
    app.done()


# -- pages that reference fragments ---------------------------------------------------------


@needs("dialog", issue=ISSUE_12)
def test_dialog_vote(fe: FrontEnd) -> None:
    """M2, F2, F10, F26: A opens the dialog; Submit records the vote and st.rerun() closes it.

    The page: clicking A or B opens a modal dialog asking for a reason; Submit records the
    vote into Session State and reruns the app, which closes the dialog since the dialog
    function is not called during the full-script rerun.
    """
    app = App(fe, example("st.dialog", '"Cast your vote"'))
    app.expect_screen("first run", ["Vote for your favorite", "[Button A=None]", "[Button B=None]"])
    fe.click(fe.find("Button", "A"))
    app.settle("clicking A")
    app.expect("clicking A", app.runs("<module>", "vote"), {"<module>": 2, "vote": 1})
    app.expect("the dialog asks", "Why is A your favorite?" in everything(fe), True)

    fe.set(fe.find("Text", "Because..."), value="it is first")
    app.settle("typing a reason")
    app.expect("typing reruns the dialog only", app.runs("<module>", "vote"), {
        "<module>": 2, "vote": 2})  # fmt: skip

    fe.click(fe.find("Button", "Submit"))
    app.settle("Submit")
    app.expect("vote", app.value("fk.session_state.vote"), {
        "item": "A", "reason": "it is first"})  # fmt: skip
    app.expect("Submit: the dialog, then the app", app.runs("<module>", "vote"), {
        "<module>": 3, "vote": 3})  # fmt: skip
    app.expect("the dialog is closed", "Why is A your favorite?" in everything(fe), False)
    app.expect_screen("after Submit", ["You voted for A because it is first"])
    app.done()


def test_text_input_live_search_in_a_fragment(fe: FrontEnd) -> None:
    """F2, F3, E3: typing in the live search reruns the fragment only and filters the rows.

    The page: "Prefer a fragment around the live UI so typing does not rerun the rest of
    the app". The rows are checked by product name, whatever the grid looks like (D1).
    """
    app = App(fe, example("st.text_input", "def product_search"))
    products = ("Apple", "Banana", "Cherry", "Date")
    search = fe.find("Text", "Search products")

    def rows() -> list[str]:
        text = "\n".join(app.screen()[1:])
        return [p for p in products if p in text]

    app.expect("first run, rows", rows(), list(products))
    for typed, matches, run in (("an", ["Banana"], 2), ("Ch", ["Cherry"], 3), ("", products, 4)):
        fe.set(search, value=typed)
        app.settle(f"typing {typed!r}")
        app.expect(f"{typed!r}, rows", rows(), list(matches))
        app.expect(f"{typed!r}, search box", app.screen()[0], f"[Text Search products={typed!r}]")
        app.expect(f"{typed!r}", app.runs("<module>", "product_search"), {
            "<module>": 1, "product_search": run})  # fmt: skip
    app.expect_no_error("at the end")
    app.done()
