"""A jupyter_server extension for the VS Code widget test (SPEC W2).

It serves what a stock jupyter_server 2 with JupyterLab 4 and Notebook 7 does not:
``/nbextensions/`` over the kernel prefix's ``share/jupyter/nbextensions`` (as nbclassic and
Notebook 6 did; VS Code fetches a remote kernel's widget scripts there), and the test page
built from ``vscode_page/`` at ``/vscode-page/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyter_core.paths import jupyter_path
from jupyter_server.base.handlers import FileFindHandler
from jupyter_server.utils import url_path_join

PAGE = Path(__file__).parent / "vscode_page" / "dist"


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "tests.browser.vscode_server"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    base = serverapp.web_app.settings["base_url"]
    serverapp.web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, r"/nbextensions/(.*)"), FileFindHandler,
             {"path": jupyter_path("nbextensions"), "no_cache_paths": ["/"]}),
            (url_path_join(base, r"/vscode-page/(.*)"), FileFindHandler,
             {"path": [str(PAGE)], "no_cache_paths": ["/"]}),
        ],
    )  # fmt: skip
