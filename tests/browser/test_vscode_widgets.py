"""fragkernel drawn by VS Code's own widget manager, over a real kernel (SPEC W2).

The page (``vscode_page/``, built here with npm) loads ``@vscode/jupyter-ipywidgets8``
unchanged and does around it what VS Code's Jupyter renderer and extension host do for a
remote kernel: requirejs in the page, a @jupyterlab/services kernel connection fed through a
relaying socket, the widget entry points listed by a hidden execution in the kernel, their
``require.config`` read from the server's ``/nbextensions/``, and each widget output drawn once
its model exists. The server is jupyter_server (``jupyter lab``) plus ``vscode_server.py``,
which serves ``/nbextensions/`` as nbclassic did: stock jupyter_server 2 with JupyterLab 4 and
Notebook 7 answers 404 there.

Not reproduced here: the webview's postMessage bridge (the relay is in the page), the pause
after each Output update until the webview acknowledges it (tests/kernel/test_vscode.py covers
it), the sandboxed output iframe, and the token (the server has none and skips its XSRF check).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.lab import SCREENSHOTS, Server, loopback_context, serve

PAGE = Path(__file__).parent / "vscode_page"
ROOT = Path(__file__).parents[2]

# what ipywidgets' error view (a widget whose model or view class failed to load) says
JS_ERROR_BOX = "Click to show javascript error"
LOAD = "%load_ext fragkernel"
PICK = """import fragkernel as st

@st.fragment
def pick():
    n = st.slider("Pick", 0, 10, 3)
    st.write(f"picked {n}")

pick()"""


def _cell_uri(index: int) -> str:
    """The ``cellId`` VS Code sends: a ``vscode-notebook-cell:`` URI, not the nbformat id."""
    return f"vscode-notebook-cell:/root/vscode.ipynb#W{index}sZmlsZQ%3D%3D"


@pytest.fixture(scope="module")
def page_built() -> None:
    """Build the page from ``vscode_page/`` (``npm ci`` on a clean clone, then esbuild)."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed: the VS Code test page cannot be built")
    if not (PAGE / "node_modules").is_dir():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=PAGE, check=True, timeout=600)
    subprocess.run([npm, "run", "build"], cwd=PAGE, check=True, timeout=120)


@pytest.fixture(scope="module")
def vscode_server(page_built: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One jupyter_server for the module, serving /nbextensions/ and the page, as VS Code's
    remote kernels are served."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    extension = '{"tests.browser.vscode_server": True}'
    with serve(
        tmp_path_factory.mktemp("vscode"),
        extra_args=[f"--ServerApp.jpserver_extensions={extension}",
                    "--ServerApp.disable_check_xsrf=True"],
        extra_env={"PYTHONPATH": path},
    ) as running:  # fmt: skip
        yield running


class VSCodePage:
    """The test page in one browser tab: its page errors and the server paths it asked for."""

    def __init__(self, server: Server, page: Any, query: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requested: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda r: self.requested.append(r.url.removeprefix(server.url)))
        page.goto(f"{server.url}/vscode-page/index.html{query}")
        page.wait_for_function(
            "window.vscodePage.ready || window.vscodePage.log.some(l => l.startsWith('ERROR'))",
            timeout=60_000,
        )

    def run(self, code: str, index: int) -> str:
        """Execute a cell as VS Code does; its status once the reply and its widgets are in."""
        script = "([code, id]) => window.vscodePage.run(code, id)"
        return str(self.page.evaluate(script, [code, _cell_uri(index)]))

    def unexpected_errors(self) -> list[str]:
        """Errors the page logged or threw, other than the ones a test expects."""
        log = self.page.evaluate("window.vscodePage.log")
        return [line for line in log if line.startswith("ERROR")] + self.errors


@pytest.fixture
def open_vscode(
    vscode_server: Server, chromium: Any, request: pytest.FixtureRequest
) -> Iterator[Callable[[str], VSCodePage]]:
    """Open the page (``query``: its URL query) in a loopback-only tab; stop its kernel after."""
    opened: list[tuple[Any, VSCodePage]] = []

    def opener(query: str = "") -> VSCodePage:
        context = loopback_context(chromium, height=600)
        page = VSCodePage(vscode_server, context.new_page(), query)
        opened.append((context, page))
        return page

    yield opener
    for context, page in opened:
        SCREENSHOTS.mkdir(exist_ok=True)
        picture = SCREENSHOTS / f"{request.node.name}-vscode.png"
        with contextlib.suppress(Exception):  # a failed screenshot must not hide the result
            page.page.screenshot(path=str(picture), full_page=True)
        kernel = page.page.evaluate("window.vscodePage.kernelId")
        context.close()
        if kernel:  # the page started it through the REST API; nothing else stops it
            url = f"{vscode_server.url}/api/kernels/{kernel}"
            stop = urllib.request.Request(url, method="DELETE")
            with contextlib.suppress(OSError), urllib.request.urlopen(stop, timeout=10):
                pass


def test_slider_reruns_its_fragment_in_vscodes_widget_manager(
    open_vscode: Callable[[str], VSCodePage],
) -> None:
    """W2, F1, F2: VS Code's widget manager draws the fragment; moving its slider reruns it.

    anywidget (the fragment's status view) loads from the server's ``/nbextensions/`` through
    requirejs, as VS Code loads it for a remote kernel, and its view marks the fragment's area.
    """
    vscode_page = open_vscode("")
    assert vscode_page.unexpected_errors() == []
    assert vscode_page.run(LOAD, 0) == "ok"
    assert vscode_page.run(PICK, 1) == "ok"
    area = vscode_page.page.locator(".vscode-cell .fragkernel-fragment")
    expect(area).to_have_count(1, timeout=30_000)
    expect(area.get_by_text("picked 3")).to_be_visible(timeout=30_000)
    expect(area.locator(".widget-slider")).to_be_visible()

    # the status anywidget arrives after the cell ends; its code came from /nbextensions/
    expect(area.locator(".fragkernel-status")).to_have_count(1, timeout=30_000)
    expect(area).to_have_attribute("aria-busy", "false", timeout=30_000)
    assert "/nbextensions/anywidget/extension.js" in vscode_page.requested
    assert "/nbextensions/anywidget/index.js" in vscode_page.requested

    readout = area.locator(".widget-readout")
    readout.fill("7")
    readout.press("Enter")
    expect(area.get_by_text("picked 7")).to_be_visible(timeout=20_000)
    expect(area.get_by_text("picked 3")).to_have_count(0)
    expect(area.locator(".widget-slider")).to_have_count(1)
    expect(area.locator(".fragkernel-status")).to_have_count(1)
    expect(area).to_have_attribute("aria-busy", "false", timeout=20_000)
    expect(vscode_page.page.get_by_text(JS_ERROR_BOX)).to_have_count(0)
    assert vscode_page.unexpected_errors() == []


def test_without_nbextensions_the_fragment_works_and_shows_no_error(
    open_vscode: Callable[[str], VSCodePage],
) -> None:
    """W2, U1: a server that does not serve ``/nbextensions/`` (stock jupyter_server 2 with
    JupyterLab 4 and Notebook 7 answers 404), so VS Code never gets anywidget's code.

    The fragment draws and reruns on stock widgets alone; the front end never says ``ready``,
    so the kernel never puts the status anywidget in the area: no error box anywhere (the
    widget manager's only complaint is the failed load of anywidget's model class).
    """
    page = open_vscode("?nbextensions=not-served/")
    assert page.run(LOAD, 0) == "ok"
    assert page.run(PICK, 1) == "ok"
    area = page.page.locator(".vscode-cell .fragkernel-fragment")
    expect(area.get_by_text("picked 3")).to_be_visible(timeout=30_000)
    log = page.page.evaluate("window.vscodePage.log")
    assert "GET not-served/anywidget/extension.js 404" in log
    readout = area.locator(".widget-readout")
    readout.fill("7")
    readout.press("Enter")
    expect(area.get_by_text("picked 7")).to_be_visible(timeout=20_000)
    expect(area.get_by_text("picked 3")).to_have_count(0)
    page.page.wait_for_timeout(1000)
    cells = page.page.locator("#cells")
    expect(cells.get_by_text(JS_ERROR_BOX)).to_have_count(0)
    expect(cells.get_by_text("Failed to load")).to_have_count(0)
    expect(area.locator(".fragkernel-status")).to_have_count(0)
    # VS Code reports this load failure once as a notification ("Error loading anywidget")
    errors = page.unexpected_errors()
    assert any(e.startswith("ERROR loading anywidget.AnyModel") for e in errors), errors
    assert [e for e in errors if not e.startswith("ERROR loading anywidget.")] == []
    assert not any("/nbextensions/" in path for path in page.requested)
