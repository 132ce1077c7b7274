"""Follow the notebook's cells: each cell run gets a fresh scope; a re-run disposes the old (F14).

IPython hands ``pre_run_cell`` the cell's id (``metadata.cellId`` of the request: an nbformat
id in JupyterLab, a URI in VS Code; an opaque string either way). In the cell that first
uses fragkernel the hook is registered too late, so the id is then read from the kernel's
parent request instead.
"""

from __future__ import annotations

import contextlib
from typing import Any

from .context import CellScope, get_runtime, shell

_scopes: dict[str, CellScope] = {}
_hooked: list[Any] = []


class _Executing:
    """Whether a cell's code is running now (between ``pre_run_cell`` and ``post_run_cell``)."""

    def __init__(self) -> None:
        self.now = False


executing = _Executing()


def _parent() -> tuple[str | None, str | None]:
    ip = shell()
    kernel = getattr(ip, "kernel", None)
    if kernel is None:
        return None, None
    try:
        parent = kernel.get_parent()
    except TypeError:  # pragma: no cover - older ipykernel
        parent = kernel.get_parent("shell")
    parent = parent or {}
    cell_id = (parent.get("metadata") or {}).get("cellId")
    msg_id = (parent.get("header") or {}).get("msg_id")
    return (str(cell_id) if cell_id else None), msg_id


def begin_cell(cell_id: str | None, msg_id: str | None) -> CellScope:
    """Start the scope of a cell run, disposing what the same cell's previous run made."""
    runtime = get_runtime()
    if runtime.scheduler is not None:
        runtime.scheduler.serve()  # reruns asked for before this cell run first, in order
    scope = CellScope(cell_id, msg_id)
    if cell_id is not None:
        old = _scopes.pop(cell_id, None)
        if old is not None:
            old.dispose()
        _scopes[cell_id] = scope
    runtime.cell = scope
    return scope


def _post_run_cell(result: Any = None) -> None:
    # The cell's run is over: user code may set its widgets' keys again (S5).
    get_runtime().cell.keys.clear()
    executing.now = False
    from .instance import open_statuses_soon

    open_statuses_soon()  # the status widgets of this cell's fragments: after it (W2)


def _pre_run_cell(info: Any = None) -> None:
    executing.now = True
    cell_id = getattr(info, "cell_id", None)
    parent_cell, msg_id = _parent()
    begin_cell(str(cell_id) if cell_id else parent_cell, msg_id)


def install() -> None:
    """Register the cell hook once, and open a scope for the cell that is running now.

    Called when fragkernel is imported inside IPython, before the first element of the cell
    that imports it, so that this cell's containers already belong to its scope (F25).
    """
    ip = shell()
    if ip is None or _hooked:
        return
    ip.events.register("pre_run_cell", _pre_run_cell)
    ip.events.register("post_run_cell", _post_run_cell)
    _hooked.append(ip)
    cell_id, msg_id = _parent()
    if cell_id is not None or msg_id is not None:
        executing.now = True
        current = get_runtime().cell
        if current.parent_msg_id != msg_id:
            begin_cell(cell_id, msg_id)


def uninstall() -> None:
    """Remove the cell hook and dispose every cell scope (``%unload_ext``)."""
    for ip in _hooked:
        for event, hook in (("pre_run_cell", _pre_run_cell), ("post_run_cell", _post_run_cell)):
            with contextlib.suppress(ValueError):
                ip.events.unregister(event, hook)
    _hooked.clear()
    dispose_all()


def dispose_all() -> None:
    """Dispose every fragment and cell scope (``%fragkernel reset``)."""
    from .engine import live_instances

    for scope in list(_scopes.values()):
        scope.dispose()
    _scopes.clear()
    get_runtime().cell.dispose()
    for instance in live_instances():
        instance.dispose()
