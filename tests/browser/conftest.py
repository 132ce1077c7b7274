"""A real JupyterLab server (also serving Notebook 7 and Voila) and headless Debian Chromium."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.lab import (
    CHROMIUM,
    CHROMIUM_ARGS,
    KNOWN_PAGE_ERRORS,
    SCREENSHOTS,
    Page,
    Server,
    loopback_context,
    serve,
)

__all__ = ["KNOWN_PAGE_ERRORS", "SCREENSHOTS", "Page", "Server", "loopback_context"]

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not os.path.exists(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serve(tmp_path_factory.mktemp("jupyter")) as running:
        yield running


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            # a fake camera and microphone, permission granted (camera/audio_input)
            args=[*CHROMIUM_ARGS, "--use-fake-ui-for-media-stream",
                  "--use-fake-device-for-media-stream"],
        )  # fmt: skip
        yield browser
        browser.close()


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
