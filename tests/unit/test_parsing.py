"""Small pure helpers: run_every periods (F11), Markdown escaping (U2), identities (F4)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fragkernel._duration import parse_period
from fragkernel._elements.display import escape_markdown_html
from fragkernel._runtime.slots import identity_of


@pytest.mark.parametrize(
    ("value", "seconds"),
    [(2, 2.0), (0.5, 0.5), ("500ms", 0.5), ("2s", 2.0), ("1m", 60.0), ("1.5 s", 1.5),
     (timedelta(milliseconds=250), 0.25), (None, None)],
)  # fmt: skip
def test_periods(value: object, seconds: float | None) -> None:
    """F11: seconds, timedelta and strings."""
    assert parse_period(value) == seconds  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["soon", "-1s", 0, -2, "1 parsec", True, [1]])
def test_bad_periods_fail_clearly(value: object) -> None:
    """F11: invalid values fail with a message that names run_every."""
    with pytest.raises((ValueError, TypeError), match="run_every"):
        parse_period(value)  # type: ignore[arg-type]


def test_markdown_html_is_escaped_outside_code() -> None:
    """U2: raw HTML shows as text; code spans and blocks are left as written."""
    assert escape_markdown_html("<b>x</b> & y") == "&lt;b>x&lt;/b> &amp; y"
    assert escape_markdown_html("`<b>` and <i>") == "`<b>` and &lt;i>"
    assert escape_markdown_html("```\n<script>\n```") == "```\n<script>\n```"


def test_identity_follows_streamlits_rule() -> None:
    """F4: key= wins; otherwise type, label and parameters."""
    assert identity_of("slider", "x", "k", (1,)) == identity_of("slider", "y", "k", (2,))
    assert identity_of("slider", "x", "k", (1,)) != identity_of("checkbox", "x", "k", (1,))  # F20
    assert identity_of("slider", "x", None, (1,)) != identity_of("slider", "x", None, (2,))
    assert identity_of("slider", "x", None, (1,)) != identity_of("checkbox", "x", None, (1,))
