"""A real JupyterLab server (also serving Notebook 7 and Voila) and headless Debian Chromium."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parent / "screenshots"
# Notebook 7 raises these two page errors of its own; any other page error fails a test.
KNOWN_PAGE_ERRORS = ("reading 'schema'", "filebrowser:open-path")

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not os.path.exists(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, root: Path, port: int) -> None:
        self.root = root
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def api(self, path: str) -> Any:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.loads(response.read())

    def notebook(self, name: str, cells: list[str]) -> str:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(nb, self.root / name)
        return name

    def kernel_idle(self, name: str) -> bool:
        for session in self.api("/api/sessions"):
            if session.get("path", "").endswith(name) and session.get("kernel"):
                return session["kernel"].get("execution_state") == "idle"
        return False


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("jupyter")
    root = base / "root"
    root.mkdir()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "IPYTHONDIR": str(base / "ipython"),
    }
    settings = base / "config/lab/user-settings/@jupyterlab/apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
         "--ip=127.0.0.1", f"--port={port}", "--port-retries=0", "--IdentityProvider.token=",
         "--ServerApp.password=", f"--ServerApp.root_dir={root}",
         "--LabApp.extension_manager=readonly"],
        env=env, start_new_session=True, stdout=subprocess.DEVNULL,
        stderr=open(base / "server.log", "w"),  # noqa: SIM115 - lives as long as the server
    )  # fmt: skip
    server = Server(root, port)
    deadline = time.monotonic() + 90
    while True:
        try:
            server.api("/api/status")
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError((base / "server.log").read_text()) from None
            time.sleep(0.3)
    yield server
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync",
                  # a fake camera and microphone, permission granted (camera/audio_input)
                  "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
        )  # fmt: skip
        yield browser
        browser.close()


def loopback_context(chromium: Any, *, height: int) -> Any:
    """A browser context 1280 px wide that reaches 127.0.0.1 only (no CDN, no network)."""
    context = chromium.new_context(viewport={"width": 1280, "height": height})
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort()
        ),
    )
    return context


class Page:
    """One notebook opened in one front end, with helpers that wait the right way."""

    def __init__(self, server: Server, page: Any, frontend: str, name: str) -> None:
        self.server = server
        self.page = page
        self.frontend = frontend
        self.name = name
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self) -> None:
        paths = {
            "lab": f"/lab/tree/{self.name}?reset",
            "notebook": f"/notebooks/{self.name}",
            "voila": f"/voila/render/{self.name}",
        }
        self.page.goto(self.server.url + paths[self.frontend], wait_until="domcontentloaded")
        if self.frontend == "voila":
            return  # Voila runs every cell itself
        self.page.locator(".jp-Notebook:visible").first.wait_for(state="visible", timeout=60_000)
        deadline = time.monotonic() + 60
        while not self.server.kernel_idle(self.name):
            if time.monotonic() > deadline:
                raise TimeoutError("the notebook's kernel never became idle")
            # never time.sleep here: the route handlers run on this thread while it waits
            self.page.wait_for_timeout(250)
        self.page.get_by_role("menuitem", name="Run", exact=True).click()
        self.page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

    def screenshot(self, test: str) -> None:
        """Save a full-page picture of this front end (look at it: selectors miss things)."""
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{test}-{self.frontend}.png"), full_page=True)

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(k in e for k in KNOWN_PAGE_ERRORS)]


@pytest.fixture(params=["lab", "notebook", "voila"])
def frontend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def open_notebook(server: Server, chromium: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    contexts = []
    pages: list[Page] = []

    def opener(frontend: str, cells: list[str]) -> Page:
        test = request.node.name.replace("[", "-").replace("]", "")
        name = server.notebook(f"{test}.ipynb", cells)
        context = loopback_context(chromium, height=900)
        contexts.append(context)
        page = Page(server, context.new_page(), frontend, name)
        pages.append(page)
        page.open()
        return page

    yield opener
    for page in pages:
        # a failed screenshot must not hide the test's own result
        with contextlib.suppress(Exception):
            page.screenshot(request.node.name.replace("[", "-").replace("]", ""))
    for context in contexts:
        context.close()
