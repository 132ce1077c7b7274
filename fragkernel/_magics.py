"""The notebook extension: ``%%fragment`` cells and the ``%fragkernel`` line magic (E3, E4)."""

from __future__ import annotations

import ast
import time
from typing import Any

from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from ._duration import parse_period
from ._runtime.cells import dispose_all
from ._runtime.engine import live_instances
from ._runtime.fragment import Fragment, call

#: Expressions never written by magic: the value of a call (``st.button("Go")``) is not shown.
_NOT_SHOWN = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom)


class _Magic(ast.NodeTransformer):
    """Streamlit's "magic": a bare name or literal on its own line is written (F26)."""

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        if isinstance(node.value, _NOT_SHOWN):
            return node
        show = ast.Call(
            func=ast.Name(id="__fragkernel_show__", ctx=ast.Load()), args=[node.value], keywords=[]
        )
        return ast.copy_location(ast.Expr(value=show), node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return node  # a function's lines are its own business

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]
    visit_ClassDef = visit_FunctionDef  # type: ignore[assignment]
    visit_Lambda = visit_FunctionDef  # type: ignore[assignment]


def compile_cell(shell: Any, source: str) -> Any:
    """Compile a cell body; bare names and literals on their own line are written (F26)."""
    code = shell.transform_cell(source)
    tree = ast.parse(code)
    body = tree.body
    docstring = (
        body[:1]
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
        else []
    )  # fmt: skip
    tree.body = docstring + [_Magic().visit(node) for node in body[len(docstring) :]]
    ast.fix_missing_locations(tree)
    cache = getattr(getattr(shell, "compile", None), "cache", None)
    filename = cache(code) if callable(cache) else "<%%fragment>"
    return compile(tree, filename, "exec")


def _show(value: Any) -> None:
    if value is not None:
        from ._elements.display import write

        write(value)


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
