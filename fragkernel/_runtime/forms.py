"""Forms: widgets that send their values but rerun nothing until the form is submitted (M1).

A form is a container whose widgets (and the widgets of containers drawn inside it) are its
*members*. A member's change in the browser is kept by the control (the person sees it) but
is not *committed*: the element keeps returning, and session state keeps holding, the value
of the last submit. A submit (its ``form_submit_button`` clicked, or Enter in one of its text
boxes) commits every member at once and asks the form's owner for one rerun that sees them
all; inside a fragment, only that fragment reruns.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from .tree import Container

if TYPE_CHECKING:
    from .slots import WidgetSlot

DOCS = (
    "\n\nFor more information, refer to the\n[documentation for forms]"
    "(https://docs.streamlit.io/develop/api-reference/execution-flow/st.form)."
)
MISSING_SUBMIT = (
    "Missing Submit Button\n\nThis form has no submit button, which means that user "
    "interactions will never be sent to your app. To create a submit button, use the "
    "`st.form_submit_button()` function." + DOCS
)


class Form(Container):
    """A form's container: what its owner draws in it, and which widgets are its members."""

    def __init__(
        self,
        box: widgets.Box,
        owner: object,
        kind: str,
        *,
        key: str,
        clear_on_submit: bool,
        enter_to_submit: bool,
    ) -> None:
        super().__init__(box, owner, kind)
        self.form = self
        self.key = key
        self.clear_on_submit = clear_on_submit
        self.enter_to_submit = enter_to_submit
        self.members: dict[Hashable, WidgetSlot] = {}
        self.submitters: list[WidgetSlot] = []

    def begin(self) -> None:
        """The owner draws the form again: its members are those this draw places."""
        super().begin()
        self.members = {}
        self.submitters = []

    def end(self) -> None:
        """A form without a submit button says so, as Streamlit's does."""
        if not self.submitters:
            self.leaf(foreign=False).add(
                {
                    "output_type": "display_data",
                    "data": {"text/plain": MISSING_SUBMIT},
                    "metadata": {},
                }
            )
        super().end()

    def join(self, slot: WidgetSlot) -> None:
        """Make ``slot`` a member (or, for a submit button, a submitter) of this draw."""
        if slot.submits is self:
            self.submitters.append(slot)
        else:
            self.members[slot.identity] = slot

    def submit_by_enter(self) -> None:
        """Enter in a member's text box: as a click of the form's first submit button."""
        if self.enter_to_submit and self.submitters:
            self.submitters[0].click()

    def commit_values(self) -> list[tuple[WidgetSlot, Any]]:
        """Commit every member's value now; return the members with their new values."""
        taken = []
        for slot in self.members.values():
            slot.committed = slot.get(slot.control)
            taken.append((slot, slot.committed))
        return taken


def current() -> Form | None:
    """The form that elements drawn here belong to, if any."""
    from .context import get_runtime

    target = get_runtime().target()
    return target.form if target is not None else None
