"""Charts in JupyterLab: the Vega stack is imported once per page, not once per chart (D3)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.lab import Page, Server, loopback_context

COUNT_BLOBS = """
(() => {
  const made = URL.createObjectURL.bind(URL);
  window.__bigBlobs = 0;
  URL.createObjectURL = (blob) => {
    if (blob && blob.size > 500000) window.__bigBlobs += 1;
    return made(blob);
  };
})();
"""

CHARTS = """import pandas as pd
df = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})
for _ in range(4):
    fk.line_chart(df, x="x", y="y")
"""


@pytest.fixture
def counted_page(server: Server, chromium: Any) -> Iterator[Page]:
    name = server.notebook("charts_library.ipynb", ["%load_ext fragkernel", CHARTS])
    context = loopback_context(chromium, height=900)
    context.add_init_script(COUNT_BLOBS)
    page = Page(server, context.new_page(), "lab", name)
    page.open()
    yield page
    context.close()


def test_four_charts_import_the_vega_stack_once(counted_page: Page) -> None:
    """D3: the Vega stack is a library imported once per page, whatever the number of charts."""
    page = counted_page.page
    expect(page.locator(".fragkernel-chart svg .mark-line path")).to_have_count(4, timeout=60_000)
    assert page.evaluate("window.__bigBlobs") == 1
