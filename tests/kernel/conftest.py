"""Fixtures: a front end on a fresh kernel with fragkernel loaded.

``fe`` runs as JupyterLab does; a test marked ``@pytest.mark.vscode`` runs twice, the second
time with ``FrontEnd(mode="vscode")`` (SPEC W2). ``vscode`` is VS Code's front end alone.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.frontend import FrontEnd


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "fe" in metafunc.fixturenames and metafunc.definition.get_closest_marker("vscode"):
        metafunc.parametrize("fe", ["lab", "vscode"], indirect=True)


def _front(mode: str, *, throttle: bool = True) -> FrontEnd:
    front = FrontEnd(throttle=throttle, mode="vscode" if mode == "vscode" else "lab")
    front.execute("%load_ext fragkernel", cell_id="setup")
    return front


@pytest.fixture
def fe(request: pytest.FixtureRequest) -> Iterator[FrontEnd]:
    front = _front(getattr(request, "param", "lab"))
    yield front
    front.close()


@pytest.fixture
def vscode() -> Iterator[FrontEnd]:
    front = _front("vscode")
    yield front
    front.close()


@pytest.fixture
def raw() -> Iterator[FrontEnd]:
    front = _front("lab", throttle=False)
    yield front
    front.close()
