"""docs/api.md covers every public name and says what the code says (issue 7)."""

from __future__ import annotations

import fragkernel as fk
from tests import apidoc


def test_every_public_name_is_documented_once() -> None:
    documented = [name for names in apidoc.GROUPS.values() for name in names]
    assert sorted(documented) == sorted(fk.__all__)


def test_api_reference_is_current() -> None:
    assert apidoc.TARGET.read_text() == apidoc.render(), "run: python -m tests.apidoc"
