"""Widgets the user made and displayed inside a fragment: kept as they are, and live (F16).

A widget displayed in a run stays the same instance, and a change of its ``value`` reruns the
fragment. One that the run itself constructed is closed once a later run no longer shows it,
so that a fragment building a fresh widget on each run keeps the number of models flat (F14),
unless the user's code still holds it in ``session_state`` or a notebook variable (F27).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .context import Owner, get_runtime
from .tree import close_model


class AdoptedWidget:
    """An owner's registry entry for a user widget shown in its area."""

    def __init__(self, owner: Owner, widget: widgets.Widget, ephemeral: bool) -> None:
        self.owner = owner
        self.widget = widget
        self.ephemeral = ephemeral
        self.watching = widget.has_trait("value")
        if self.watching:
            widget.observe(self._changed, "value")

    def _changed(self, change: dict[str, Any]) -> None:
        scheduler = get_runtime().scheduler
        owner = self.owner
        if scheduler is not None and hasattr(owner, "rerun") and not owner.disposed:
            scheduler.request(owner)

    def close(self) -> None:
        """Stop watching; close the widget only if a run of the owner made it."""
        if self.watching:
            self.widget.unobserve(self._changed, "value")
            self.watching = False
        if self.ephemeral and not held_by_user(self.widget):
            close_model(self.widget)


def held_by_user(widget: widgets.Widget) -> bool:
    """Whether ``session_state`` or a notebook variable holds ``widget`` (or a collection of it).

    Looks one level into lists, tuples, sets and dicts (where people keep widgets), and
    skips IPython's own history (``In``, ``Out``, ``_`` names). A widget held only inside
    another object's attribute is not found, and closed: a full reference search
    (``gc.get_referrers``) would walk the heap on every rerun.
    """
    from .context import shell

    ip = shell()
    values = list(get_runtime().state.to_dict().values())
    if ip is not None:
        values += [v for k, v in ip.user_ns.items() if not k.startswith("_") and k not in _HISTORY]
    for value in values:
        if value is widget:
            return True
        if isinstance(value, list | tuple | set | frozenset | dict):
            items = value.values() if isinstance(value, dict) else value
            if any(item is widget for item in items):
                return True
    return False


_HISTORY = frozenset({"In", "Out", "exit", "quit", "get_ipython"})


def adopt(widget: widgets.Widget) -> None:
    """Register ``widget`` with the fragment that displays it."""
    runtime = get_runtime()
    run = runtime.run
    if run is None:
        return
    identity = ("adopted", widget.model_id)
    run.seen.add(identity)
    if identity not in run.owner.slots:
        ephemeral = id(widget) in run.constructed
        run.owner.slots[identity] = AdoptedWidget(run.owner, widget, ephemeral)
