"""Markdown rendered to HTML in the kernel, so no widget ever carries ``text/markdown``.

Why in the kernel: VS Code's notebook renderer breaks its widget rendering when a
``text/markdown`` output is drawn inside a widget (issue 15), and a front end that renders
HTML needs nothing else. CommonMark with tables and strikethrough (markdown-it-py), as
Streamlit's markdown has; raw HTML is escaped unless the caller asks for it (U2), and
markdown-it refuses ``javascript:`` and other unsafe link targets either way. Streamlit's
extras that matter: colored text (``:red[text]``, ``:blue-background[text]``); math
(``$...$``, ``$$...$$``) passes through untouched for the front end's MathJax.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

#: Streamlit's color names, as CSS colors that read on light and dark themes.
COLORS = {
    "red": "#ff4b4b",
    "orange": "#ffa421",
    "yellow": "#faca2b",
    "green": "#21c354",
    "blue": "#1c83e1",
    "violet": "#803df5",
    "gray": "#808495",
    "grey": "#808495",
    "rainbow": "#ff4b4b",
    "primary": "#ff4b4b",
}
_COLORED = re.compile(r":([a-z]+)(-background)?\[")
_CODE = re.compile(r"(^ {0,3}(?:```|~~~).*?^ {0,3}(?:```|~~~)[^\n]*$|`[^`\n]*`)", re.S | re.M)
_MATH = re.compile(r"(\$\$.+?\$\$|(?<![\\$])\$(?!\s)[^$\n]+?(?<!\s)\$)", re.S)


def _colored_text(state: StateInline, silent: bool) -> bool:
    """Inline rule: ``:red[text]`` and ``:red-background[text]`` (text parsed as Markdown)."""
    match = _COLORED.match(state.src, state.pos)
    if match is None or match.group(1) not in COLORS:
        return False
    start = match.end()
    depth, end = 1, start
    while end < state.posMax and depth:
        depth += {"[": 1, "]": -1}.get(state.src[end], 0)
        end += 1
    if depth:
        return False
    if not silent:
        color = COLORS[match.group(1)]
        style = (
            f"background-color:{color}33;border-radius:0.2em;padding:0 0.2em"
            if match.group(2)
            else f"color:{color}"
        )
        token = state.push("fk_color_open", "span", 1)
        token.attrSet("style", style)
        old_pos, old_max = state.pos, state.posMax
        state.pos, state.posMax = start, end - 1
        state.md.inline.tokenize(state)
        state.pos, state.posMax = old_pos, old_max
        state.push("fk_color_close", "span", -1)
    state.pos = end
    return True


def highlight(code: str, language: str, _attrs: Any = None) -> str:
    """Code of a fenced block as highlighted HTML (Pygments, inline styles: no stylesheet)."""
    try:
        from pygments import highlight as pygmentize
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound
    except ImportError:  # pragma: no cover - IPython brings Pygments
        return ""
    try:
        lexer = get_lexer_by_name(language or "text")
    except ClassNotFound:
        return ""  # markdown-it escapes the code as it is
    formatter = HtmlFormatter(noclasses=True, nowrap=True, style="default")
    return str(pygmentize(code, lexer, formatter))


@lru_cache(maxsize=2)
def _parser(allow_html: bool) -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt(
        "commonmark",
        {"html": allow_html, "linkify": False, "typographer": False, "highlight": highlight},
    )
    md.enable(["table", "strikethrough"])
    md.inline.ruler.before("emphasis", "fk_color", _colored_text)
    return md


def to_html(source: str, *, allow_html: bool = False) -> str:
    """Render Markdown to HTML; raw HTML in it shows as text unless ``allow_html``."""
    maths: list[str] = []

    def keep(match: re.Match[str]) -> str:
        maths.append(match.group(0))
        return f"\ue000{len(maths) - 1}\ue001"

    # Math is the front end's (MathJax): Markdown must not read its _ and * as emphasis.
    # Only outside code: there a $ is a dollar sign.
    parts = _CODE.split(source)
    protected = "".join(p if i % 2 else _MATH.sub(keep, p) for i, p in enumerate(parts))
    rendered = str(_parser(allow_html).render(protected))
    if not maths:
        return rendered

    def restore(match: re.Match[str]) -> str:
        return html.escape(maths[int(match.group(1))])  # it may land in an attribute

    return re.sub("\ue000(\\d+)\ue001", restore, rendered)


def bundle(source: str, plain: str | None = None, *, allow_html: bool = False) -> dict[str, Any]:
    """A display bundle for Markdown: its HTML, and the plain text for text-only readers."""
    return {
        "text/html": to_html(source, allow_html=allow_html),
        "text/plain": source if plain is None else plain,
    }
