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

log = logging.getLogger("fragkernel")


class Guarded:
    """Mixin: validate what the front end sends, and re-sync it when refused."""

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """Apply a state from the front end; on refusal, send back the state the kernel kept."""
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
        try:
            super()._handle_msg(msg)  # type: ignore[misc]
        except Exception as error:
            log.warning("fragkernel: ignored a malformed widget message: %r", error)


class Button(Guarded, widgets.Button):
    """A stock ``Button``."""


class Checkbox(Guarded, widgets.Checkbox):
    """A stock ``Checkbox``."""


class ToggleButton(Guarded, widgets.ToggleButton):
    """A stock ``ToggleButton``."""


class IntSlider(Guarded, widgets.IntSlider):
    """A stock ``IntSlider``."""


class FloatSlider(Guarded, widgets.FloatSlider):
    """A stock ``FloatSlider``."""


class IntRangeSlider(Guarded, widgets.IntRangeSlider):
    """A stock ``IntRangeSlider``."""


class FloatRangeSlider(Guarded, widgets.FloatRangeSlider):
    """A stock ``FloatRangeSlider``."""


class SelectionSlider(Guarded, widgets.SelectionSlider):
    """A stock ``SelectionSlider``."""


class SelectionRangeSlider(Guarded, widgets.SelectionRangeSlider):
    """A stock ``SelectionRangeSlider``."""


class Dropdown(Guarded, widgets.Dropdown):
    """A stock ``Dropdown``."""


class RadioButtons(Guarded, widgets.RadioButtons):
    """A stock ``RadioButtons``."""


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


class Text(Guarded, _MaxChars, widgets.Text):
    """A stock ``Text``."""


class Password(Guarded, _MaxChars, widgets.Password):
    """A stock ``Password``."""


class Textarea(Guarded, _MaxChars, widgets.Textarea):
    """A stock ``Textarea``."""


class IntText(Guarded, widgets.IntText):
    """A stock ``IntText``."""


class FloatText(Guarded, widgets.FloatText):
    """A stock ``FloatText``."""


class BoundedIntText(Guarded, widgets.BoundedIntText):
    """A stock ``BoundedIntText``."""


class BoundedFloatText(Guarded, widgets.BoundedFloatText):
    """A stock ``BoundedFloatText``."""


class FileUpload(Guarded, widgets.FileUpload):
    """A stock ``FileUpload``."""


class DatePicker(Guarded, widgets.DatePicker):
    """A stock ``DatePicker``."""


class TimePicker(Guarded, widgets.TimePicker):
    """A stock ``TimePicker``."""


class ColorPicker(Guarded, widgets.ColorPicker):
    """A stock ``ColorPicker``."""
