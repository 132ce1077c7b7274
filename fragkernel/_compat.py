"""Accept Streamlit's presentation-only keyword arguments, so its snippets run unchanged (E1).

Streamlit's elements take many keyword-only arguments about the browser page (``width``,
``bind``, ``persist_state``, ``wrap``, ...). A notebook cell has no such page; fragkernel
accepts these names, shows them in the signature, and ignores them, so that a snippet from
Streamlit's documentation runs as written. Each element lists exactly Streamlit's names.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


def accepts(*names: str) -> Callable[[F], F]:
    """Let ``func`` take the keyword-only ``names`` (default ``None``) and ignore them."""

    def decorate(func: F) -> F:
        signature = inspect.signature(func)
        params = list(signature.parameters.values())
        ignored = [n for n in names if n not in signature.parameters]
        extra = [
            inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=None) for n in ignored
        ]
        at = next((i for i, p in enumerate(params) if p.kind is p.VAR_KEYWORD), len(params))
        params[at:at] = extra

        @functools.wraps(func)
        def element(*args: Any, **kwargs: Any) -> Any:
            for name in ignored:
                kwargs.pop(name, None)
            return func(*args, **kwargs)

        element.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        element.__doc__ = (func.__doc__ or "") + (
            "\n\n    Accepted for Streamlit compatibility, without effect in a notebook: "
            + ", ".join(f"``{n}``" for n in ignored)
            + ".\n"
            if ignored
            else ""
        )
        return cast(F, element)

    return decorate
