"""A small Jupyter front end for tests and benchmarks: a real ipykernel, driven over ZMQ.

It keeps a store of widget models (``comm_open`` / ``update`` / ``echo_update`` /
``comm_close``), sends widget updates as JupyterLab does (one update in flight per model,
newer values merged and sent when the kernel reports idle; or ``raw``, no throttle), sends
button clicks as custom messages, passes ``metadata.cellId`` with each execute request, and
renders what a person would see as plain text.
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jupyter_client.manager import KernelManager

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@dataclass
class Execution:
    msg_id: str
    cell_id: str | None
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


class FrontEnd:
    """Drive one real kernel: run cells, change widgets, read what is shown."""

    def __init__(
        self,
        *,
        throttle: bool = True,
        env: dict[str, str] | None = None,
        log_path: str | None = None,
        subshell: bool = False,
    ) -> None:
        self.throttle = throttle
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
        try:
            msg = self.kc.get_iopub_msg(timeout=timeout)
        except queue.Empty:
            return False
        self._handle(msg)
        return True

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
            self.models[content["comm_id"]] = state
        elif kind == "comm_msg":
            data = content["data"]
            model = self.models.get(content["comm_id"])
            if model is not None and data.get("method") in ("update", "echo_update"):
                model.update(data.get("state", {}))
                if data.get("method") == "update":
                    self.updates.append((content["comm_id"], data.get("state", {})))
            elif data.get("method") == "custom":
                self.custom.append((content["comm_id"], data.get("content")))
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
        self.wait_for(execution.msg_id, timeout)
        execution.reply = self.kc.get_shell_msg(timeout=timeout)["content"]
        if check and execution.error is not None:
            raise AssertionError("cell failed:\n" + "\n".join(execution.error["traceback"]))
        return execution

    def start(self, code: str, cell_id: str | None = None) -> Execution:
        """Send a cell to run and return at once (to interrupt it, say); ``finish`` waits."""
        if cell_id is None:
            cell_id = f"cell-{next(self._cells)}"
        msg = self.kc.session.msg(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
            metadata={"cellId": cell_id},
        )
        execution = Execution(msg["header"]["msg_id"], cell_id)
        self.executions[execution.msg_id] = execution
        self.kc.shell_channel.send(msg)
        return execution

    def finish(self, execution: Execution, timeout: float = 30) -> Execution:
        """Wait for a cell sent with ``start`` to end; its outputs are then complete."""
        self.wait_for(execution.msg_id, timeout)
        while execution.reply is None:
            reply = self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == execution.msg_id:
                execution.reply = reply["content"]
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
        while self._in_flight or self._buffered or (self._unanswered - self.idle):
            if time.monotonic() > deadline:
                raise TimeoutError("widget updates are still in flight")
            self._pump(0.5)

    def sync(self) -> None:
        """Make every pending rerun land: a cell run first serves the reruns queued before it."""
        self.flush()
        self.execute("", cell_id="__sync__")

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
        return self._send_comm(model_id, {"method": "custom", "content": {"event": "click"}})

    def submit(self, model_id: str) -> str:
        """Press Enter in a ``Text``: the stock view sends ``{"event": "submit"}`` at once."""
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
        classes = state.get("_dom_classes", ())
        if isinstance(classes, list | tuple) and "fragkernel-status" in classes:
            return ""  # hidden: it only styles its area
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
        value = state.get("value", state.get("index"))
        return f"{pad}[{name} {state.get('description', '')!s}={value!r}]\n"

    def live_models(self) -> int:
        return len(self.models)
