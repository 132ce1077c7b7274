"""Small pure helpers: run_every periods (F11), Markdown escaping (U2), identities (F4)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fragkernel._duration import parse_period
from fragkernel._elements.markdown import to_html
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
    assert to_html("<b>x</b> & y") == "<p>&lt;b&gt;x&lt;/b&gt; &amp; y</p>\n"
    assert to_html("`<b>` and <i>") == "<p><code>&lt;b&gt;</code> and &lt;i&gt;</p>\n"
    assert "<script>" not in to_html("```\n<script>\n```")
    assert "<script>" not in to_html("<script>alert(1)</script>")
    assert "<img" not in to_html("<img src=x onerror=alert(1)>")
    assert "href" not in to_html("[x](javascript:alert(1))")
    assert to_html("<b>bold</b>", allow_html=True) == "<p><b>bold</b></p>\n"


def test_markdown_keeps_streamlits_extras() -> None:
    """Tables, strikethrough, colored text; math left for the front end's MathJax."""
    assert "<table>" in to_html("| a | b |\n|---|---|\n| 1 | 2 |")
    assert to_html("~~gone~~") == "<p><s>gone</s></p>\n"
    assert 'style="color:#ff4b4b"' in to_html(":red[hot]")
    assert "<strong>cool</strong>" in to_html(":blue-background[**cool**]")
    assert to_html("$a_1 * b_2$") == "<p>$a_1 * b_2$</p>\n"
    assert to_html(":nocolor[x]") == "<p>:nocolor[x]</p>\n"


def test_identity_follows_streamlits_rule() -> None:
    """F4: key= wins; otherwise type, label and parameters."""
    assert identity_of("slider", "x", "k", (1,)) == identity_of("slider", "y", "k", (2,))
    assert identity_of("slider", "x", "k", (1,)) != identity_of("checkbox", "x", "k", (1,))  # F20
    assert identity_of("slider", "x", None, (1,)) != identity_of("slider", "x", None, (2,))
    assert identity_of("slider", "x", None, (1,)) != identity_of("checkbox", "x", None, (1,))


def test_math_never_breaks_out_of_an_attribute_or_into_code() -> None:
    """U2: math kept for MathJax is escaped wherever it lands; code keeps its dollar signs."""
    assert 'alt="$&quot; onerror=alert(1) x$"' in to_html('![$" onerror=alert(1) x$](nope.png)')
    assert "a$b$c" in to_html("`a$b$c`")
