"""A real JupyterLab server and headless Debian Chromium, without pytest.

The browser tests (``conftest.py``, as fixtures) and the browser benchmark
(``benchmarks/browser.py``) both start their server and browser through this module.
"""

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
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import nbformat

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOTS = Path(__file__).parent / "screenshots"
# Notebook 7 raises these two page errors of its own; any other page error fails a test.
KNOWN_PAGE_ERRORS = ("reading 'schema'", "filebrowser:open-path")


def free_port() -> int:
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


@contextlib.contextmanager
def serve(
    base: Path, *, extra_args: Sequence[str] = (), extra_env: Mapping[str, str] | None = None
) -> Iterator[Server]:
    """Run ``jupyter lab`` on a free loopback port with its config and data under ``base``.

    ``extra_args`` go last on its command line; ``extra_env`` is added to its environment.
    """
    root = base / "root"
    root.mkdir()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "IPYTHONDIR": str(base / "ipython"),
        **(extra_env or {}),
    }
    settings = base / "config/lab/user-settings/@jupyterlab/apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
         "--ip=127.0.0.1", f"--port={port}", "--port-retries=0", "--IdentityProvider.token=",
         "--ServerApp.password=", f"--ServerApp.root_dir={root}",
         "--LabApp.extension_manager=readonly", *extra_args],
        env=env, start_new_session=True, stdout=subprocess.DEVNULL,
        stderr=open(base / "server.log", "w"),  # noqa: SIM115 - lives as long as the server
    )  # fmt: skip
    try:
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
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


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
