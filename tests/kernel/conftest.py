from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.frontend import FrontEnd


@pytest.fixture
def fe() -> Iterator[FrontEnd]:
    front = FrontEnd()
    front.execute("%load_ext fragkernel", cell_id="setup")
    yield front
    front.close()


@pytest.fixture
def raw() -> Iterator[FrontEnd]:
    front = FrontEnd(throttle=False)
    front.execute("%load_ext fragkernel", cell_id="setup")
    yield front
    front.close()
