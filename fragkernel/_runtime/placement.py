"""Place elements at the current position: the one path every element function takes.

The current position is the top of the active run's container stack, or, outside any
fragment, the cell's output (or a container entered with ``with`` in the cell). A run draws
its own containers by reconciliation; whatever it writes into a container it does not own
accumulates there (F6), and a widget may not go there at all (F7).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar, cast

import ipywidgets as widgets

from .._errors import FragmentError
from .context import Run, get_runtime
from .tree import Container, Element, OutputLeaf

_C = TypeVar("_C", bound=Container)
_L = TypeVar("_L", bound=Element)

#: Longest text one output may carry to the browser (characters); longer text is cut.
MAX_OUTPUT_CHARS = 1_000_000


def _own(run: Run | None, target: Container) -> bool:
    return run is not None and target.owner is run.owner and target.drawing


def _truncated(text: str) -> str:
    if len(text) <= MAX_OUTPUT_CHARS:
        return text
    return (
        text[:MAX_OUTPUT_CHARS]
        + f"\n… output truncated by fragkernel: {len(text):,} characters, the first "
        f"{MAX_OUTPUT_CHARS:,} are shown.\n"
    )


def limit(output: dict[str, Any]) -> dict[str, Any]:
    """Cut text longer than :data:`MAX_OUTPUT_CHARS`, so that no output freezes a browser."""
    if output.get("output_type") == "stream":
        text = output.get("text", "")
        return {**output, "text": _truncated(text)} if len(text) > MAX_OUTPUT_CHARS else output
    data = output.get("data")
    if isinstance(data, dict) and any(
        isinstance(v, str) and len(v) > MAX_OUTPUT_CHARS and k.startswith("text/")
        for k, v in data.items()
    ):
        cut = {k: _truncated(v) if k.startswith("text/") and isinstance(v, str) else v
               for k, v in data.items()}  # fmt: skip
        return {**output, "data": cut}
    return output


def _here(
    into: Container | None = None, stream: str | None = None, keep: Element | None = None
) -> Container | None:
    """Where the next element goes; a placeholder (``empty()``) first lets go of its last.

    A print that goes on writing the placeholder's stream is the same element: ``print``
    writes its text and its newline separately, and consecutive prints are one element.
    """
    runtime = get_runtime()
    target = into if into is not None else runtime.target()
    run = runtime.run
    worker = run is not None and not runtime.on_main_thread()
    if worker and target is not None and not _own(run, target):
        raise FragmentError(
            f"fragment {runtime.owner().name!r} runs in parallel (in a worker thread) "
            "and may draw only into its own area, not into a container made outside it "
            "(SPEC A3, F28). Draw into a container made inside the fragment."
        )
    if target is not None and target.single and not target.continues(stream):
        target.clear_draw(keep)
    return target


def draw_output(output: dict[str, Any], into: Container | None = None) -> OutputLeaf | None:
    """Draw one nbformat output (``display_data``, ``stream`` or ``error``) here.

    Returns the output leaf that shows it (to update it in place: ``write_stream``), or
    ``None`` when it went to the cell's output or to a callback's collected notes.
    """
    output = limit(output)
    runtime = get_runtime()
    run = runtime.run
    if run is not None and run.collect is not None:
        run.collect.append(output)  # a callback's: it heads the run it causes (F21)
        return None
    stream = output["name"] if output.get("output_type") == "stream" else None
    target = _here(into, stream)
    if target is None:
        _publish(output)
        return None
    own = _own(run, target)
    leaf = target.leaf(foreign=not own, stream=stream)
    leaf.add(output)
    if own:
        assert run is not None
        run.maybe_commit()
    else:
        target.commit()
    return leaf


def draw_widget(widget: widgets.Widget, *, bottom: bool = False) -> None:
    """Place a live widget here: a control, or a fragment's area.

    ``bottom=True`` (``chat_input``, M4): drawn in a fragment's main body, outside any
    container, the widget goes to the bottom of the fragment's area, under everything else
    the run draws there whatever the order of the calls; anywhere else it is drawn here.
    """
    runtime = get_runtime()
    target = _here()
    run = runtime.run
    if target is None:
        from IPython.display import display

        display(widget)
        return
    if _own(run, target):
        assert run is not None
        if bottom and target is run.stack[0]:
            target.pin(widget)
        else:
            target.place(widget)
        run.maybe_commit()
        return
    target.place(widget)
    target.commit()


def draw_leaf(kind: str, factory: Callable[[], _L]) -> _L:
    """Draw a positional element that keeps its model across the owner's draws (a chart, a grid).

    Like an output leaf, it is matched by kind and order among the run's elements of that
    kind, so a rerun that draws the same structure reuses the same model and updates it in
    place (D3). In a plain cell it is shown once and closed with the cell's next run.
    """
    runtime = get_runtime()
    run = runtime.run
    if run is not None and run.collect is not None:
        check_widget_allowed(f"a {kind}")
    current = runtime.target()
    # A placeholder drawn again with the same kind of element updates it (D3: a chart in
    # ``empty()`` redrawn in a loop is the same view).
    kept = current.shown(kind) if current is not None and current.single else None
    target = _here(keep=kept)
    if target is None:
        made = factory()
        runtime.cell.containers.append(made)
        from IPython.display import display

        display(made.widget)
        return made
    if _own(run, target):
        assert run is not None
        if kept is None or not any(kept is e for e in target.mine(kind)):
            # A placeholder holds one element: its last one of this kind is drawn again
            # (a chart alternating with text in a loop is one chart, not one per frame).
            mine = target.mine(kind) if target.single else []
            kept = mine[-1] if mine else target.reuse(kind, factory)
        target.place(kept.widget)
        run.maybe_commit()
        return kept  # type: ignore[return-value]
    if kept is None:
        found = target.take(lambda e: getattr(e, "kind", None) == kind)
        kept = found if found is not None else factory()
        target.add_extra(kept)
    target.place(kept.widget)
    target.commit()
    return kept  # type: ignore[return-value]


def check_widget_allowed(what: str) -> None:
    """Refuse a widget that a fragment would draw outside its main body (F7)."""
    runtime = get_runtime()
    run = runtime.run
    if run is not None and run.collect is not None:
        raise FragmentError(
            f"{what} cannot be drawn by a widget callback: a callback may write text and "
            "outputs, which show at the top of the fragment's next run (SPEC F21)."
        )
    target = runtime.target()
    if run is None or target is None or _own(run, target):
        return
    raise FragmentError(
        f"{what} cannot be drawn here: fragment {run.owner.name!r} may draw widgets only in "
        "its main body, and this container was created outside it (SPEC F7). Create the "
        "container inside the fragment, or draw the widget outside the fragment."
    )


def draw_user_widget(widget: widgets.Widget) -> None:
    """Place a widget the user made and displayed (F16): same instance, reruns on change."""
    from .adopt import adopt

    check_widget_allowed(f"{type(widget).__name__} widget")
    adopt(widget)
    draw_widget(widget)


def draw_container(kind: str, factory: Callable[[object], _C]) -> _C:
    """Draw a container element here: the run's previous one of this kind, or a new one.

    A placeholder drawn again with a container of the same kind (``with ph.container():`` in
    a loop, Streamlit's live dashboard) draws that container again, so that its elements
    are reused and updated in place (D3), not made anew each frame.
    """
    runtime = get_runtime()
    run = runtime.run
    if run is not None and run.collect is not None:
        check_widget_allowed(f"a {kind.split(':')[0]} container")
    current = runtime.target()
    shown = current.shown(kind) if current is not None and current.single else None
    kept = shown if isinstance(shown, Container) else None
    target = _here(keep=kept)
    if target is None:
        container = factory(runtime.cell)
        runtime.cell.containers.append(container)
        from IPython.display import display

        display(container.widget)
        return container
    drawn: Container
    if _own(run, target):
        assert run is not None
        mine = [e for e in target.mine(kind) if isinstance(e, Container)] if target.single else []
        if mine:
            drawn = mine[-1]
            drawn.again(own=True)
        else:
            drawn = target.reuse(kind, lambda: factory(run.owner))
            run.begin(drawn)
        drawn.form = drawn.form if drawn.form is drawn else target.form
        target.place(drawn.widget)
        run.maybe_commit()
        return cast(_C, drawn)  # made by this factory, for this kind
    found = kept or target.take(lambda e: isinstance(e, Container) and e.kind == kind)
    if isinstance(found, Container):
        drawn = found
        drawn.again(own=False)
    else:
        drawn = factory(target.owner)
    if kept is None:
        target.add_extra(drawn)
    drawn.form = drawn.form if drawn.form is drawn else target.form
    target.place(drawn.widget)
    target.commit()
    return cast(_C, drawn)


#: The ``bottom`` container of each run (or plain cell) that used it: one per draw.
_BOTTOMS: weakref.WeakKeyDictionary[object, Container] = weakref.WeakKeyDictionary()


def draw_bottom(factory: Callable[[object], _C]) -> Container:
    """The container pinned under everything else of the run's area (``bottom``).

    As M4 pins ``chat_input``: drawn once per run, whatever the order of the calls and
    wherever they are.

    In a plain cell it shows where it is first used (a cell's output has no bottom to pin to).
    """
    runtime = get_runtime()
    run = runtime.run
    if run is not None and run.collect is not None:
        check_widget_allowed("the bottom container")
    if run is None or not run.stack:
        cell = runtime.cell
        found = _BOTTOMS.get(cell)
        if found is None or found.closed:
            with runtime.at_cell_level():
                found = draw_container("bottom", factory)
            _BOTTOMS[cell] = found
        return found
    found = _BOTTOMS.get(run)
    if found is not None:
        return found
    root = run.stack[0]
    if not _own(run, root):
        raise FragmentError("the bottom container can only be drawn by the run of its area.")
    found = root.reuse("bottom", lambda: factory(run.owner))
    found.form = None
    run.begin(found)
    root.pin(found.widget)
    run.maybe_commit()
    _BOTTOMS[run] = found
    return found


def draw_child(parent: Container, kind: str, factory: Callable[[object], _C]) -> _C:
    """Draw a sub-container of ``parent`` (a column of ``columns``, a tab of ``tabs``)."""
    runtime = get_runtime()
    run = runtime.run
    if _own(run, parent):
        assert run is not None
        child = parent.reuse(kind, lambda: factory(parent.owner))
        run.begin(child)
    else:
        child = factory(parent.owner)
        parent.add_extra(child)
    child.form = parent.form
    parent.place(child.widget)
    return child


def keep(element: Element) -> None:
    """Let the current container keep an element until its owner draws again."""
    target = get_runtime().target()
    if target is not None:
        target.add_extra(element)


def clear_current() -> None:
    """``clear_output()`` inside a run: forget what the run drew in this container so far."""
    runtime = get_runtime()
    target = runtime.target()
    if target is not None and _own(runtime.run, target):
        target.clear_draw()


def _publish(output: dict[str, Any]) -> None:
    from IPython.display import publish_display_data

    kind = output.get("output_type")
    if kind == "display_data":
        publish_display_data(output["data"], output.get("metadata") or {})
    elif kind == "stream":
        publish_display_data({"text/plain": output["text"]})
    elif kind == "error":
        publish_display_data({"text/plain": "\n".join(output["traceback"])})
