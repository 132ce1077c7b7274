"""Stock ipywidgets controls that refuse bad states from the front end cleanly (SPEC U1, W1).

Each class subclasses the stock control and keeps its model and view names, so every front
end renders it as the stock control. What it adds: a state the kernel refuses (wrong type,
unknown option) is logged and the kept value is sent back, so the browser never shows a value
the kernel does not hold; a malformed message is logged, never raised into the kernel.
"""

from __future__ import annotations

import logging
from typing import Any

import ipywidgets as widgets
from traitlets import TraitError, validate

from .threads import on_main_thread

log = logging.getLogger("fragkernel")


#: What a person can change on a control; the rest (bounds, options, labels) is the kernel's.
FRONT_END_KEYS = frozenset({"value", "index"})


class Guarded:
    """Mixin: validate what the front end sends, and re-sync it when refused."""

    #: The traits a person can change in the browser; every other change is refused.
    front_end_keys: frozenset[str] = FRONT_END_KEYS
    #: Whether the browser may clear a selection (``index=None``): only where the element
    #: started empty (``selectbox(index=None)``), as in Streamlit (U1).
    none_allowed = True

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """Apply a state from the front end; on refusal, send back the state the kernel kept."""
        if not isinstance(sync_data, dict):
            log.warning("fragkernel: ignored a widget state that is not a mapping")
            return
        allowed = self.front_end_keys
        foreign = [k for k in sync_data if k not in allowed]
        if foreign:
            log.warning(
                "fragkernel: refused a change of %s from the front end for %s: only the value "
                "can change there",
                ", ".join(map(str, foreign)),
                type(self).__name__,
            )
            kept = [k for k in foreign if k in self.keys]  # type: ignore[attr-defined]
            if kept:
                self.send_state(kept)  # type: ignore[attr-defined]
            sync_data = {k: v for k, v in sync_data.items() if k in allowed}
            if not sync_data:
                return
        if "index" in sync_data and sync_data["index"] is None and not self.none_allowed:
            log.warning("fragkernel: refused clearing %s: it has a default", type(self).__name__)
            self.send_state(["index"])  # type: ignore[attr-defined]
            return
        try:
            super().set_state(sync_data)  # type: ignore[misc]
        except (TraitError, TypeError, ValueError, KeyError, IndexError) as error:
            log.warning(
                "fragkernel: refused a state from the front end for %s %r: %s",
                type(self).__name__,
                getattr(self, "description", ""),
                error,
            )
            keys = [k for k in sync_data if k in self.keys]  # type: ignore[attr-defined]
            if keys:
                self.send_state(keys)  # type: ignore[attr-defined]

    def _handle_msg(self, msg: dict[str, Any]) -> None:
        on_main_thread(self._handle_msg_here, msg)

    def _handle_msg_here(self, msg: dict[str, Any]) -> None:
        try:
            super()._handle_msg(msg)  # type: ignore[misc]
        except Exception as error:
            log.warning("fragkernel: ignored a malformed widget message: %r", error)


class SelectMultiple(Guarded, widgets.SelectMultiple):
    """A stock ``SelectMultiple`` that keeps at most ``max_selections`` (checked in the kernel)."""

    max_selections: int | None = None

    @validate("index")
    def _validate_index(self, proposal: dict[str, Any]) -> tuple[int, ...]:
        index: tuple[int, ...] = super()._validate_index(proposal)
        limit = self.max_selections
        return index[:limit] if limit is not None else index


class _MaxChars:
    """Truncate text longer than ``max_chars`` (Streamlit's limit, checked in the kernel)."""

    max_chars: int | None = None

    @validate("value")
    def _limit(self, proposal: dict[str, Any]) -> str:
        value = proposal["value"]
        if not isinstance(value, str):
            raise TraitError(f"a text value must be a string, got {type(value).__name__}")
        limit = self.max_chars
        return value[:limit] if limit is not None else value


_TEXT = {"Text", "Password", "Textarea"}
#: Structure fragkernel draws with: nothing about it is the browser's to change but the tab
#: or section a person opens.
_STRUCTURE = {
    "VBox": frozenset(),
    "HBox": frozenset(),
    "Output": frozenset(),
    "HTML": frozenset(),
    "Tab": frozenset({"selected_index"}),
    "Accordion": frozenset({"selected_index"}),
}


def __getattr__(name: str) -> type[widgets.Widget]:
    """``_controls.IntSlider`` and friends: the stock class with :class:`Guarded` mixed in.

    Made on first use and kept, so that importing fragkernel does not pay for two dozen
    traitlets classes that a notebook may never draw.
    """
    base = getattr(widgets, name, None)
    if not (isinstance(base, type) and issubclass(base, widgets.DOMWidget)):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    mixins: tuple[type, ...] = (Guarded, _MaxChars) if name in _TEXT else (Guarded,)
    namespace: dict[str, Any] = {"__doc__": f"A stock ``{name}``.", "__module__": __name__}
    if name in _STRUCTURE:
        namespace["front_end_keys"] = _STRUCTURE[name]
    cls = type(name, (*mixins, base), namespace)
    globals()[name] = cls
    return cls
