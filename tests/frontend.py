"""A small Jupyter front end for tests and benchmarks: a real ipykernel, driven over ZMQ.

It keeps a store of widget models (``comm_open`` / ``update`` / ``echo_update`` /
``comm_close``), sends widget updates as JupyterLab does (one update in flight per model,
newer values merged and sent when the kernel reports idle; or ``raw``, no throttle), sends
button clicks as custom messages, passes ``metadata.cellId`` with each execute request, and
renders what a person would see as plain text.

``mode="vscode"`` behaves as VS Code's Jupyter extension does (SPEC W2): each cell's
``metadata.cellId`` is a ``vscode-notebook-cell:`` URI (stable per cell); a hidden execution
(``silent: False``, ``store_history: False``, no cell id) runs before each cell and fires
``pre_run_cell``; every update of an Output widget's ``outputs`` must be acknowledged before
any further kernel message is handled, and the acknowledgement waits until every widget the
new outputs show has been created (module loaded or given up); a widget whose module is not a
stock one (anywidget's) makes the front end look its script up by an ``execute_request``
queued behind whatever runs, given up after 10 s: the module then "failed to load", its models
show an error box instead of their view, and their front-end code never runs. Where the
module loads, fragkernel's status widget behaves as ``js/src/widget.js``: ``ready`` once the
model exists, ``hello`` when a view is shown with a period, then a tick each period (one in
flight until ``tock``), and the area shown running while its ``state`` is ``"running"``.
"""

from __future__ import annotations

import collections
import itertools
import json
import os
import queue
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from jupyter_client.manager import KernelManager

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
#: Modules every front end has built in: no lookup for them.
STOCK_MODULES = frozenset(
    {"@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/output"}
)
#: VS Code gives up looking a widget module's script up after this long (seconds).
LOOKUP_TIMEOUT = 10.0
VSCODE_NOTEBOOK = "/home/u/nb.ipynb"
#: What VS Code runs to find a module's script in a local kernel's prefix.
LOOKUP_CODE = (
    "import sys as _vsc_sys, os as _vsc_os\n"
    "print(_vsc_os.path.join(_vsc_sys.prefix, 'share', 'jupyter', 'nbextensions', {module!r}))\n"
    "del _vsc_sys, _vsc_os"
)
#: A hidden execution of VS Code's between cells (it keeps ``__vsc_ipynb_file__`` current).
HIDDEN_CODE = f"__vsc_ipynb_file__ = {VSCODE_NOTEBOOK!r}"


@dataclass
class Execution:
    msg_id: str
    cell_id: str | None
    started_at: float = field(default_factory=time.monotonic)
    outputs: list[dict[str, Any]] = field(default_factory=list)
    reply: dict[str, Any] | None = None

    @property
    def error(self) -> dict[str, Any] | None:
        for output in self.outputs:
            if output["output_type"] == "error":
                return output
        return None

    @property
    def widget_ids(self) -> list[str]:
        return [
            o["data"][WIDGET_MIME]["model_id"]
            for o in self.outputs
            if o["output_type"] == "display_data" and WIDGET_MIME in o.get("data", {})
        ]

    @property
    def text(self) -> str:
        return "".join(_output_text(o) for o in self.outputs)


def _output_text(output: dict[str, Any]) -> str:
    kind = output["output_type"]
    if kind == "stream":
        return str(output["text"])
    if kind == "error":
        return f"!! {output['ename']}: {output['evalue']}\n"
    data = output.get("data", {})
    for mime in ("text/markdown", "text/plain"):
        if mime in data:
            return str(data[mime]).rstrip("\n") + "\n"
    return ""


def _put_buffers(state: dict[str, Any], data: dict[str, Any], msg: dict[str, Any]) -> None:
    """Put a message's binary buffers where its ``buffer_paths`` say (top-level keys)."""
    for path, buffer in zip(data.get("buffer_paths") or [], msg.get("buffers") or [], strict=False):
        if len(path) == 1:
            state[path[0]] = bytes(buffer)


def _grid_text(state: dict[str, Any], pad: str) -> str:
    """A grid as a person reads its first rows: one line per row, cells joined by " | "."""
    import pyarrow as pa

    head = state.get("head")
    lines = [f"{pad}[Grid rows={state.get('rows')}]\n"]
    if isinstance(head, bytes) and head:
        table = pa.ipc.open_stream(head).read_all()
        shown = [n for n in table.column_names if not n.startswith("_")]
        for row in table.select(shown).to_pylist():
            lines.append(pad + "  " + " | ".join(str(v) for v in row.values()) + "\n")
    return "".join(lines)


class FrontEnd:
    """Drive one real kernel: run cells, change widgets, read what is shown."""

    def __init__(
        self,
        *,
        throttle: bool = True,
        env: dict[str, str] | None = None,
        log_path: str | None = None,
        mode: Literal["lab", "vscode"] = "lab",
        ack_delay: float = 0.005,
        lookup_timeout: float = LOOKUP_TIMEOUT,
        widget_scripts: bool = True,
        subshell: bool = False,
    ) -> None:
        self.throttle = throttle
        self.mode = mode
        self.ack_delay = ack_delay
        self.lookup_timeout = lookup_timeout
        #: False: the lookup finds no script for any module (a remote server that serves no
        #: ``/nbextensions/``, no CDN), so every non-stock module fails to load.
        self.widget_scripts = widget_scripts
        self.km = KernelManager(kernel_name="python3")
        self.km.kernel_spec.argv[0] = sys.executable
        kernel_env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1", **(env or {})}
        kernel_env.pop("MPLBACKEND", None)
        self._log = open(log_path, "w") if log_path else None  # noqa: SIM115 - kernel's life
        self.km.start_kernel(env=kernel_env, **({"stderr": self._log} if self._log else {}))
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)
        self.models: dict[str, dict[str, Any]] = {}
        self.closed: set[str] = set()
        self.executions: dict[str, Execution] = {}
        self.idle: set[str] = set()
        self.log: list[dict[str, Any]] = []
        self.sent_bytes = 0
        self.updates: list[tuple[str, dict[str, Any]]] = []
        self.custom: list[tuple[str, Any]] = []
        self._in_flight: dict[str, str] = {}
        self._unanswered: set[str] = set()
        self._buffered: dict[str, dict[str, Any]] = {}
        self._cells = itertools.count()
        #: JupyterLab 4.6 sends every widget message on one kernel subshell (its default
        #: ``commsOverSubshells: perCommTarget``), which ipykernel 7 handles in a thread of
        #: its own: ``subshell=True`` does the same.
        self.subshell_id: str | None = self._create_subshell() if subshell else None
        # -- VS Code mode -------------------------------------------------------------------
        self._uris: dict[str, str] = {}
        self.hidden: list[Execution] = []
        self._inbox: collections.deque[dict[str, Any]] = collections.deque()
        self._gate: tuple[float, str] | None = None  # (the ack arrives at, unused)
        self._awaiting_ack: dict[str, Any] | None = None  # an Output update not handled yet
        self.acks = 0
        #: module name -> "pending" | "loaded" | "failed" (only non-stock modules)
        self.modules: dict[str, str] = {}
        self.lookups: dict[str, tuple[str, float]] = {}  # msg_id -> (module, gives up at)
        self.lookup_times: dict[str, float] = {}  # module -> seconds until loaded or failed
        self._initialized: set[str] = set()
        self._ticking: dict[str, dict[str, Any]] = {}  # status model -> ticker state
        self.replies: dict[str, dict[str, Any]] = {}

    @property
    def vscode(self) -> bool:
        return self.mode == "vscode"

    # -- kernel I/O ---------------------------------------------------------------------
    def close(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
        if self._log is not None:
            self._log.close()

    def _create_subshell(self) -> str:
        msg = self.kc.session.msg("create_subshell_request", {})
        self.kc.control_channel.send(msg)
        reply = self.kc.control_channel.get_msg(timeout=30)
        if reply["content"].get("status") != "ok":
            raise RuntimeError(f"the kernel refused a subshell: {reply['content']}")
        return str(reply["content"]["subshell_id"])

    def _to_shell(self, msg: dict[str, Any], buffers: list[bytes] | None = None) -> None:
        if self.subshell_id is not None:
            msg["header"]["subshell_id"] = self.subshell_id
        self.kc.session.send(self.kc.shell_channel.socket, msg, buffers=buffers)

    def interrupt(self) -> None:
        """Interrupt the kernel, as the toolbar's stop button does."""
        self.km.interrupt_kernel()

    def _pump(self, timeout: float) -> bool:
        if self.vscode:
            return self._pump_vscode(timeout)
        try:
            msg = self.kc.get_iopub_msg(timeout=timeout)
        except queue.Empty:
            return False
        self._handle(msg)
        return True

    # -- VS Code's message relay -----------------------------------------------------------
    def _pump_vscode(self, timeout: float) -> bool:
        """One step of VS Code's relay: the extension reads the kernel, the webview follows.

        The extension handles cell executions itself (outputs, idle) and passes every comm
        message to the webview, which handles them in order; a ``comm_open`` whose module is
        being looked up holds the webview's queue. After passing an Output update on, the
        extension reads nothing more from the kernel until the webview has handled it.
        """
        deadline = time.monotonic() + timeout
        while True:
            self._front_end_timers()
            if self._inbox and not self._webview_waits():
                msg = self._inbox.popleft()
                self._handle(msg)
                if msg is self._awaiting_ack:
                    self._gate = (time.monotonic() + self.ack_delay, "")
                    self._awaiting_ack = None
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if self._awaiting_ack is not None or self._gated():
                time.sleep(min(left, 0.005))
                continue
            busy = self.lookups or self._ticking or self._inbox
            try:
                msg = self.kc.get_iopub_msg(timeout=min(left, 0.01) if busy else left)
            except queue.Empty:
                continue
            kind = msg["header"]["msg_type"]
            if kind.startswith("comm_"):
                self._inbox.append(msg)
                data = msg["content"].get("data", {})
                model = self.models.get(msg["content"].get("comm_id", ""), {})
                if (
                    kind == "comm_msg"
                    and "outputs" in data.get("state", {})
                    and model.get("_model_name") == "OutputModel"
                ):
                    self._awaiting_ack = msg
                continue
            self._handle(msg)
            return True

    def _webview_waits(self) -> bool:
        """Whether the webview's next message is a model whose module is being looked up."""
        msg = self._inbox[0]
        if msg["header"]["msg_type"] != "comm_open":
            return False
        state = msg["content"].get("data", {}).get("state", {})
        module = str(state.get("_model_module", ""))
        if module in STOCK_MODULES:
            return False
        if module not in self.modules:
            self._lookup(module)
        return self.modules[module] == "pending"

    def _drain(self, limit: float = 0.5) -> None:
        """VS Code: handle what has already arrived, as a page does before a person acts."""
        if not self.vscode:
            return
        end = time.monotonic() + limit
        while time.monotonic() < end and self._pump(0.02):
            pass

    def _gated(self) -> bool:
        """Whether the webview's acknowledgement of an Output update is still on its way."""
        if self._gate is None:
            return False
        if time.monotonic() < self._gate[0]:
            return True
        self._gate = None
        self.acks += 1
        return False

    def _module(self, model_id: str) -> str:
        return str(self.models.get(model_id, {}).get("_model_module", ""))

    def _shown_by(self, model_id: str) -> list[str]:
        """Every model a view of ``model_id`` shows (children, Output's widget outputs)."""
        out: list[str] = []
        todo = [model_id]
        while todo:
            current = todo.pop()
            if current in out:
                continue
            out.append(current)
            state = self.models.get(current, {})
            todo += [c.removeprefix("IPY_MODEL_") for c in state.get("children", [])]
            todo += [
                o["data"][WIDGET_MIME]["model_id"]
                for o in state.get("outputs", [])
                if WIDGET_MIME in o.get("data", {})
            ]
        return out

    def _front_end_timers(self) -> None:
        now = time.monotonic()
        for msg_id, (module, gives_up) in list(self.lookups.items()):
            if msg_id in self.idle:
                del self.lookups[msg_id]
                self._looked_up(module, msg_id)
            elif now >= gives_up:
                del self.lookups[msg_id]
                self.modules[module] = "failed"
                self.lookup_times[module] = self.lookup_timeout
        for model_id, ticker in list(self._ticking.items()):
            if not self.is_open(model_id) or self.modules.get(self._module(model_id)) != "loaded":
                del self._ticking[model_id]
                continue
            period = float(self.models[model_id].get("period", 0.0))
            if period <= 0:
                continue
            stale = ticker["in_flight"] is not None and now - ticker["in_flight"] > 5 * period
            if now - ticker["last"] >= period and (ticker["in_flight"] is None or stale):
                ticker["last"] = ticker["in_flight"] = now
                self._send_comm(model_id, {"method": "custom", "content": {"event": "tick"}})
        if self.vscode:
            self._render_views()

    def _looked_up(self, module: str, msg_id: str) -> None:
        execution = self.executions[msg_id]
        path = execution.text.strip()
        found = self.widget_scripts and any(
            os.path.exists(os.path.join(path, name)) for name in ("index.js", "extension.js")
        )
        self.modules[module] = "loaded" if found else "failed"
        started = execution.started_at
        self.lookup_times[module] = time.monotonic() - started
        if found:
            for model_id in list(self.models):
                if self._module(model_id) == module:
                    self._initialize(model_id)

    def _lookup(self, module: str) -> None:
        """Queue VS Code's script lookup for ``module`` behind whatever the kernel runs."""
        self.modules[module] = "pending"
        execution = self._send_execute(LOOKUP_CODE.format(module=module), None, hidden=True)
        self.lookups[execution.msg_id] = (module, time.monotonic() + self.lookup_timeout)

    def _is_status(self, model_id: str) -> bool:
        state = self.models.get(model_id, {})
        return state.get("_model_module") == "anywidget" and "period" in state

    def _initialize(self, model_id: str) -> None:
        """A model of a loaded module exists in the page: what widget.js's initialize does."""
        if model_id in self._initialized or not self.is_open(model_id):
            return
        self._initialized.add(model_id)
        if self._is_status(model_id):
            self._send_comm(model_id, {"method": "custom", "content": {"event": "ready"}})

    def _render_views(self) -> None:
        """Views shown in cells of loaded status models: widget.js's render (hello, ticks)."""
        candidates = [
            m
            for m in self._initialized
            if m not in self._ticking and self.is_open(m) and self._is_status(m)
        ]
        if not candidates:
            return
        shown = self.shown()
        for model_id in candidates:
            if model_id in shown:
                self._ticking[model_id] = {"last": time.monotonic(), "in_flight": None}
                if float(self.models[model_id].get("period", 0.0)) > 0:
                    self._send_comm(model_id, {"method": "custom", "content": {"event": "hello"}})

    def shown(self) -> set[str]:
        """Every model with a view in a cell's outputs."""
        out: set[str] = set()
        for execution in self.executions.values():
            for root in execution.widget_ids:
                out.update(self._shown_by(root))
        return out

    def failed(self, model_id: str) -> bool:
        """Whether ``model_id``'s module failed to load (the front end shows an error box)."""
        return self.modules.get(self._module(model_id)) == "failed"

    def _handle(self, msg: dict[str, Any]) -> None:
        self.log.append(msg)
        kind = msg["header"]["msg_type"]
        content = msg["content"]
        parent = msg.get("parent_header", {}).get("msg_id")
        if kind == "status" and content["execution_state"] == "idle" and parent:
            self.idle.add(parent)
            model = next((m for m, p in self._in_flight.items() if p == parent), None)
            if model is not None:
                del self._in_flight[model]
                pending = self._buffered.pop(model, None)
                if pending:
                    self._send_update(model, pending)
        elif kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            state = dict(content["data"]["state"])
            _put_buffers(state, content["data"], msg)
            model_id = content["comm_id"]
            self.models[model_id] = state
            module = str(state.get("_model_module", ""))
            if not self.vscode or self.modules.get(module) == "loaded":
                self._initialize(model_id)
        elif kind == "comm_msg":
            data = content["data"]
            model_id = content["comm_id"]
            model = self.models.get(model_id)
            if model is not None and data.get("method") in ("update", "echo_update"):
                state = dict(data.get("state", {}))
                _put_buffers(state, data, msg)
                model.update(state)
                if data.get("method") == "update":
                    self.updates.append((model_id, data.get("state", {})))
            elif data.get("method") == "custom":
                self.custom.append((model_id, data.get("content")))
                ticker = self._ticking.get(model_id)
                if ticker is not None and data.get("content") == {"event": "tock"}:
                    ticker["in_flight"] = None
        elif kind == "comm_close":
            self.closed.add(content["comm_id"])
            self.models.pop(content["comm_id"], None)
        elif kind in ("display_data", "stream", "error", "execute_result") and parent:
            execution = self.executions.get(parent)
            if execution is not None:
                execution.outputs.append({"output_type": kind, **content})

    def wait_for(self, msg_id: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while msg_id not in self.idle:
            if time.monotonic() > deadline:
                raise TimeoutError(f"kernel did not go idle for {msg_id}")
            self._pump(0.5)

    def settle(self, quiet: float = 0.3, timeout: float = 30) -> None:
        """Read messages until none came for ``quiet`` seconds (deferred reruns have landed)."""
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() - last < quiet:
            if time.monotonic() > deadline:
                raise TimeoutError("the kernel kept sending messages")
            if self._pump(0.05) or self._in_flight or self._buffered:
                last = time.monotonic()

    def execute(
        self, code: str, cell_id: str | None = None, *, timeout: float = 60, check: bool = True
    ) -> Execution:
        """Run a cell (with ``metadata.cellId``) and return its outputs once idle."""
        execution = self.start(code, cell_id)
        self.finish(execution, timeout)
        if check and execution.error is not None:
            raise AssertionError("cell failed:\n" + "\n".join(execution.error["traceback"]))
        return execution

    def start(self, code: str, cell_id: str | None = None) -> Execution:
        """Send a cell to run and return at once (to interrupt it, say); ``finish`` waits."""
        if cell_id is None:
            cell_id = f"cell-{next(self._cells)}"
        if self.vscode:
            self.hidden.append(self._send_execute(HIDDEN_CODE, None, hidden=True))
            cell_id = self.cell_uri(cell_id)
        return self._send_execute(code, cell_id)

    def cell_uri(self, name: str) -> str:
        """The ``vscode-notebook-cell:`` URI VS Code sends for the cell a test calls ``name``."""
        if name not in self._uris:
            self._uris[name] = f"vscode-notebook-cell:{VSCODE_NOTEBOOK}#W{len(self._uris)}sZmlsZQ=="
        return self._uris[name]

    def _send_execute(self, code: str, cell_id: str | None, *, hidden: bool = False) -> Execution:
        msg = self.kc.session.msg(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": not hidden,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": not hidden,
            },
            metadata={} if cell_id is None else {"cellId": cell_id},
        )
        execution = Execution(msg["header"]["msg_id"], cell_id)
        self.executions[execution.msg_id] = execution
        self.kc.shell_channel.send(msg)
        return execution

    def finish(self, execution: Execution, timeout: float = 30) -> Execution:
        """Wait for a cell sent with ``start`` to end; its outputs are then complete."""
        self.wait_for(execution.msg_id, timeout)
        while execution.msg_id not in self.replies:
            reply = self.kc.get_shell_msg(timeout=timeout)
            self.replies[reply["parent_header"].get("msg_id")] = reply["content"]
        execution.reply = self.replies.pop(execution.msg_id)
        return execution

    def responsive(self, timeout: float = 10) -> bool:
        """Whether the kernel serves what is queued and runs an empty cell within ``timeout``."""
        try:
            self.flush(timeout)
            self.execute("", cell_id="__responsive__", timeout=timeout)
        except TimeoutError:
            return False
        return True

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 5) -> bool:
        """Read messages until ``predicate()`` holds (True) or ``timeout`` passes (False)."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                return False
            self._pump(0.05)
        return True

    def flush(self, timeout: float = 30) -> None:
        """Wait until every message sent (throttled updates too) has been handled."""
        deadline = time.monotonic() + timeout
        while (
            self._in_flight
            or self._buffered
            or (self._unanswered - self.idle)
            or self.lookups  # VS Code: a module lookup, then the models it held back
            or self._inbox
        ):
            if time.monotonic() > deadline:
                raise TimeoutError("widget updates are still in flight")
            self._pump(0.5)

    def sync(self) -> None:
        """Make every pending rerun land: a cell run first serves the reruns queued before it."""
        self.flush()
        self.execute("", cell_id="__sync__")
        self.flush()  # what the front end answered meanwhile (a status model's "ready")

    def evaluate(self, expression: str) -> Any:
        """The value of a Python expression in the kernel, through JSON."""
        result = self.execute(f"import json as _j; print(_j.dumps({expression}))", "__eval__")
        return json.loads(result.text)

    # -- widgets ------------------------------------------------------------------------
    def _send_comm(self, model_id: str, data: dict[str, Any]) -> str:
        msg = self.kc.session.msg("comm_msg", {"comm_id": model_id, "data": data})
        self.sent_bytes += len(json.dumps(msg["content"]))
        self._to_shell(msg)
        msg_id = str(msg["header"]["msg_id"])
        self._unanswered.add(msg_id)
        return msg_id

    def _send_update(self, model_id: str, state: dict[str, Any]) -> str:
        self.models.get(model_id, {}).update(state)
        msg_id = self._send_comm(model_id, {"method": "update", "state": state, "buffer_paths": []})
        self._in_flight[model_id] = msg_id
        return msg_id

    def set(self, model_id: str, **state: Any) -> None:
        """Change a widget as a person would: throttled like JupyterLab unless ``raw``."""
        self._drain()
        if not self.throttle:
            self.models.get(model_id, {}).update(state)
            self._send_comm(model_id, {"method": "update", "state": state, "buffer_paths": []})
            return
        if model_id in self._in_flight:
            self._buffered.setdefault(model_id, {}).update(state)
            self.models.get(model_id, {}).update(state)
            return
        self._send_update(model_id, state)

    def force(self, model_id: str, **state: Any) -> str:
        """Show ``state`` on a model and send it at once, unthrottled, whatever it holds."""
        self.models.get(model_id, {}).update(state)
        return self._send_comm(model_id, {"method": "update", "state": state, "buffer_paths": []})

    def is_open(self, model_id: str) -> bool:
        """Whether a model is still alive: opened and never closed by the kernel."""
        return model_id in self.models and model_id not in self.closed

    def set_and_wait(self, model_id: str, **state: Any) -> None:
        msg_id = self._send_update(model_id, state)
        self.wait_for(msg_id)

    def click(self, model_id: str) -> str:
        self._drain()
        return self._send_comm(model_id, {"method": "custom", "content": {"event": "click"}})

    def submit(self, model_id: str) -> str:
        """Press Enter in a ``Text``: the stock view sends ``{"event": "submit"}`` at once."""
        self._drain()
        return self._send_comm(model_id, {"method": "custom", "content": {"event": "submit"}})

    def upload(self, model_id: str, files: list[tuple[str, str, bytes]]) -> str:
        """Send files to a ``FileUpload`` as a browser does: contents as binary buffers."""
        value = [
            {"name": name, "type": mime, "size": len(content), "last_modified": 0}
            for name, mime, content in files
        ]
        data = {
            "method": "update",
            "state": {"value": value},
            "buffer_paths": [["value", i, "content"] for i in range(len(files))],
        }
        msg = self.kc.session.msg("comm_msg", {"comm_id": model_id, "data": data})
        self._to_shell(msg, buffers=[content for _, _, content in files])
        msg_id = str(msg["header"]["msg_id"])
        self._unanswered.add(msg_id)
        return msg_id

    def send_raw(self, model_id: str, data: Any) -> str:
        """Send any ``data`` to a model, as a misbehaving front end might."""
        return self._send_comm(model_id, data)

    # -- what a person sees ---------------------------------------------------------------
    def find(self, model: str, description: str | None = None, root: str | None = None) -> str:
        """The id of the one shown model named ``model`` (``IntSlider``), by description."""
        ids = self.descendants(root) if root else list(self.models)
        found = [
            i
            for i in ids
            if self.models.get(i, {}).get("_model_name") == f"{model}Model"
            and (description is None or self.models[i].get("description") == description)
        ]
        if len(found) != 1:
            raise LookupError(f"{len(found)} {model} models with description {description!r}")
        return found[0]

    def with_class(self, css_class: str) -> list[str]:
        return [
            i
            for i, s in self.models.items()
            if isinstance(s.get("_dom_classes"), list | tuple) and css_class in s["_dom_classes"]
        ]

    def descendants(self, root: str) -> list[str]:
        out = [root]
        for child in self.models.get(root, {}).get("children", []):
            out += self.descendants(child.removeprefix("IPY_MODEL_"))
        return out

    def render(self, model_id: str, depth: int = 0) -> str:
        """Plain text of what a model shows, depth-first, one element a line."""
        state = self.models.get(model_id)
        pad = "  " * depth
        if state is None:
            return f"{pad}<missing {model_id}>\n"
        name = str(state.get("_model_name", "?")).removesuffix("Model")
        if self.failed(model_id):  # VS Code's error box in place of the view
            return (
                f"{pad}!! Error loading model class '{name}Model' from {self._module(model_id)}\n"
            )
        classes = state.get("_dom_classes", ())
        if isinstance(classes, list | tuple) and (
            "fragkernel-status" in classes or "fragkernel-busy" in classes
        ):
            return ""  # it only styles its area: see ``running``
        if "children" in state and name != "Output":
            return "".join(
                self.render(c.removeprefix("IPY_MODEL_"), depth) for c in state["children"]
            )
        if name == "Output":
            return "".join(
                pad + line + "\n"
                for o in state.get("outputs", [])
                for line in _output_text(o).splitlines()
            )
        if "fragkernel-grid" in classes:
            return _grid_text(state, pad)
        value = state.get("value", state.get("index"))
        return f"{pad}[{name} {state.get('description', '')!s}={value!r}]\n"

    def running(self, area: str) -> bool:
        """Whether a fragment's area shows as running: by its status view, or the stock mark.

        The status view styles its area only where its module loaded and it is shown as a
        child of the area; the stock mark (an ``HTML`` line) shows while its layout does.
        """
        for child in self.models.get(area, {}).get("children", []):
            model_id = child.removeprefix("IPY_MODEL_")
            state = self.models.get(model_id, {})
            classes = state.get("_dom_classes", ())
            if "fragkernel-status" in classes and not self.failed(model_id):
                loaded = not self.vscode or self.modules.get(self._module(model_id)) == "loaded"
                if loaded and state.get("state") == "running":
                    return True
            if "fragkernel-busy" in classes:
                layout = self.models.get(str(state.get("layout", "")).removeprefix("IPY_MODEL_"))
                if layout is not None and layout.get("display") != "none":
                    return True
        return False

    def live_models(self) -> int:
        return len(self.models)
