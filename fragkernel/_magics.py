"""The notebook extension: ``%%fragment`` cells and the ``%fragkernel`` line magic (E3, E4)."""

from __future__ import annotations

import ast
import time
from typing import Any

from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from ._duration import parse_period
from ._runtime.cells import dispose_all
from ._runtime.fragment import Fragment, call, live_instances


def compile_cell(shell: Any, source: str) -> Any:
    """Compile a cell body; a last bare expression is displayed, as in a normal cell."""
    code = shell.transform_cell(source)
    tree = ast.parse(code)
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = tree.body[-1]
        show = ast.Call(
            func=ast.Name(id="__fragkernel_show__", ctx=ast.Load()), args=[last.value], keywords=[]
        )
        tree.body[-1] = ast.copy_location(ast.Expr(value=show), last)
        ast.fix_missing_locations(tree)
    cache = getattr(getattr(shell, "compile", None), "cache", None)
    filename = cache(code) if callable(cache) else "<%%fragment>"
    return compile(tree, filename, "exec")


def _show(value: Any) -> None:
    if value is not None:
        from IPython.display import display

        display(value)


@magics_class
class FragmentMagics(Magics):
    """``%%fragment`` and ``%fragkernel``."""

    @magic_arguments()
    @argument(
        "--run-every", default=None, help='rerun the cell on a period: "2s", "500ms", "1m", 0.5'
    )
    @cell_magic
    def fragment(self, line: str, cell: str) -> None:
        """Make the whole cell one fragment: its top-level widgets rerun the cell body (E3)."""
        args = parse_argstring(self.fragment, line)
        period = parse_period(args.run_every)
        assert self.shell is not None
        namespace = self.shell.user_ns
        namespace["__fragkernel_show__"] = _show
        compiled = compile_cell(self.shell, cell)

        def cell_body() -> None:
            exec(compiled, namespace)

        cell_body.__qualname__ = cell_body.__name__ = "%%fragment"
        call(Fragment(cell_body, period, reactive=True, cell=True), (), {})

    @line_magic
    def fragkernel(self, line: str) -> None:
        """``%fragkernel`` lists the live fragments; ``%fragkernel reset`` disposes them (E4)."""
        command = line.strip()
        if command == "reset":
            count = len(live_instances())
            dispose_all()
            print(f"fragkernel: disposed {count} fragment(s).")
            return
        if command:
            print(f"fragkernel: unknown command {command!r}. Use %fragkernel or %fragkernel reset.")
            return
        instances = live_instances()
        if not instances:
            print("fragkernel: no live fragments.")
            return
        rows = [("name", "cell", "runs", "last run", "last error")]
        for instance in instances:
            when = (
                time.strftime("%H:%M:%S", time.localtime(instance.last_run_at))
                if instance.last_run_at
                else "-"
            )
            rows.append(
                (
                    instance.name,
                    (instance.cell_id or "-")[:12],
                    str(instance.runs),
                    when,
                    (instance.last_error or "")[:60],
                )
            )
        widths = [max(len(r[i]) for r in rows) for i in range(5)]
        for row in rows:
            print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
