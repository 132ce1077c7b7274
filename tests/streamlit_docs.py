"""Read the examples of the installed Streamlit's docstrings (its API reference pages)."""

from __future__ import annotations

import inspect
from typing import Any


def examples(obj: Any) -> list[str]:
    """The examples of ``obj``'s docstring: each run of ``>>>`` / ``...`` lines."""
    doc = inspect.getdoc(obj) or ""
    found: list[str] = []
    current: list[str] = []
    for line in [*doc.splitlines(), ""]:
        stripped = line.strip()
        if stripped.startswith((">>>", "...")):
            # A raw docstring escapes the quotes of a string inside it (``\"\"\"``).
            current.append(stripped[4:].replace('\\"', '"'))
        elif current:
            found.append("\n".join(current) + "\n")
            current = []
    return found
